"""The book as an editor builds it: `jupyter-book build` runs the pipeline, then renders."""

import html
import json
import re

import pandas as pd
from conftest import ROOT, build_book, insert_raising_cell

from portbook.sources import seeds


def page_text(path):
    return html.unescape(path.read_text(encoding="utf-8"))


def test_every_article_has_a_chapter_with_its_headline_outlet_and_date(built_book):
    for article_id, info in seeds.load_metadata().items():
        page = built_book / "book" / "articles" / f"{article_id}.html"
        assert page.is_file(), f"no chapter for {article_id}"
        text = page_text(page)
        assert info.outlet in text and info.headline in text and info.published.isoformat() in text
        assert 'class="pb-body"' in text
        assert "Lines removed from the seed" in text or "Nothing was removed" in text


def test_no_spam_footer_or_page_furniture_reaches_the_book(built_book):
    pages = sorted(built_book.rglob("*.html")) + [built_book / "searchindex.js"]
    everything = "\n".join(page_text(p) for p in pages)
    removed = pd.concat(pd.read_csv(p) for p in (ROOT / "data" / "interim" / "articles").glob("*-removed.csv"))
    assert {"spam_keywords", "copyright_footer", "registration_footer"} <= set(removed.rule)
    for text in removed.text:
        if len(text) >= 20:  # shorter lines ("Share", "English") are ordinary words elsewhere
            assert text not in everything, f"removed line reached the book: {text[:60]!r}"
    assert (
        "免费" not in everything and "Registration Number" not in everything and "All rights reserved" not in everything
    )


def test_the_sources_page_lists_every_article_with_its_date_evidence(built_book):
    text = page_text(built_book / "book" / "generated" / "sources.html")
    for article_id, info in seeds.load_metadata().items():
        assert f"../articles/{article_id}.html" in text and info.date_evidence in text


def test_a_rebuild_with_nothing_changed_starts_no_kernel(built_book):
    result = build_book(ROOT)
    assert result.returncode == 0, result.stdout[-3000:]
    report = json.loads((ROOT / "_build" / "pipeline-report.json").read_text())
    from portbook.build.pipeline import planned_runs

    assert report["executed"] == [] and sorted(report["skipped"]) == sorted(r.output for r in planned_runs())
    assert re.search(r"portbook pipeline: 0 notebook\(s\) executed, \d+ skipped", result.stdout)


def test_a_failing_notebook_fails_the_build_naming_notebook_and_cell(project_copy):
    insert_raising_cell(project_copy / "notebooks" / "01-clean-article.ipynb", "cell exploded mid-build", 3)
    result = build_book(project_copy)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "notebooks/01-clean-article.ipynb" in output and "cell exploded mid-build" in output
    assert "raise RuntimeError" in output
    assert not (project_copy / "_build" / "html" / "book" / "articles").exists()


def test_the_cleaning_chapter_has_every_claim_anchor_and_every_defect(built_book):
    text = (built_book / "book" / "generated" / "cleaning.html").read_text(encoding="utf-8")
    claims = pd.read_csv(ROOT / "data" / "processed" / "claims.csv", dtype=str, keep_default_na=False)
    for claim_id in claims.claim_id:
        assert f'id="claim-{claim_id}"' in text, claim_id
    for claim_id in claims[~claims.repair.isin(["none", "range"])].claim_id:
        assert f'aria-label="{claim_id}"' in text, f"defect {claim_id} is not listed"
    mentions = pd.read_csv(ROOT / "data" / "interim" / "mentions.csv", dtype=str, keep_default_na=False)
    assert "Unaccounted mentions: <span" in text and (mentions.status == "unaccounted").sum() == 0


def test_the_reconciling_chapter_leads_with_the_flagship_pair_and_shows_every_check(built_book):
    from portbook.numbers.flagship import load_flagship
    from portbook.present.names import readable
    from portbook.present.reconcile_pages import Flagship

    text = html.unescape((built_book / "book" / "generated" / "reconciling.html").read_text(encoding="utf-8"))
    checks = pd.read_csv(ROOT / "data" / "processed" / "checks.csv", dtype=str, keep_default_na=False)
    verdict = re.search(r'<p class="pb-verdict"><strong>(.*?)</strong></p>', text, re.S)
    assert verdict, "no plain verdict sentence"
    pair = load_flagship()
    flagship = Flagship(pair.whole, pair.other)
    assert verdict.group(1) == flagship.verdict_sentence(), "the page shows the sentence the pair's check gives"
    relation = checks[checks.check_id == flagship.relation.check_id]
    assert len(relation) == 1 and {pair.whole, pair.other} <= set(relation.claim_ids.iloc[0].split(";"))
    for theme in ("light", "dark"):
        chart = f"reconcile-{flagship.entity}-{flagship.metric.replace('_', '-')}-wide-{theme}.svg"
        assert re.search(
            rf'<img class="only-{theme}" src="\.\./\.\./_static/figures/{re.escape(chart)}"'
            r' width="\d+" height="\d+" alt="[^"]{60,}"',
            text,
        )
    for check in checks.itertuples():
        assert f'id="check-{check.check_id}"' in text, check.check_id
        assert readable(check.formula) in text, f"{check.check_id}: formula not shown, in words"


def test_every_claim_has_a_page_the_verdict_list_links_and_no_sidebar_lists(built_book):
    claims = {c["claim_id"] for c in json.loads((ROOT / "data" / "processed" / "claims.json").read_text())}
    built = {p.stem for p in (built_book / "book" / "claims").glob("*.html")}
    assert built == claims
    listing = page_text(built_book / "book" / "verdicts" / "index.html")
    assert {m for m in re.findall(r'href="\.\./claims/([^".#]+)\.html', listing)} == claims
    # the sidebar is the chapters: with every claim in it, it was most of every page's weight and of the render
    for page in (built_book / "book" / "index.html", built_book / "book" / "claims" / f"{min(claims)}.html"):
        sidebar = page_text(page).split("bd-docs-nav", 1)[1].split("</nav>", 1)[0]
        assert "claims/" not in sidebar, page


# An id in brackets ('(baktu-mutual-market-in-baktu-port-trade-jan-jun-2023)') or a snake_case name ('part_whole')
AN_ID = re.compile(r"\((?:[a-z0-9]+-){2,}[a-z0-9]+\)|\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
A_DATE = re.compile(r"\(\d{4}-\d\d-\d\d\)")


def test_verdict_reasons_on_pages_and_in_claim_reviews_name_no_id(built_book):
    """Where a reader meets a verdict's reason (beside the verdict on a claim's page, in the cleaning chapter's table,
    in the ClaimReview's ratingExplanation) it is in words: no id, bracketed or bare, and no snake_case name."""
    claims = json.loads((ROOT / "data" / "processed" / "claims.json").read_text(encoding="utf-8"))
    ids = {c["claim_id"] for c in claims} | set(
        pd.read_csv(ROOT / "data" / "processed" / "checks.csv", dtype=str, keep_default_na=False).check_id
    )
    reviews = re.findall(
        r'"ratingExplanation":\s*"((?:[^"\\]|\\.)*)"', page_text(built_book / "book" / "generated" / "cleaning.html")
    )
    assert len(reviews) == len(claims), "one ClaimReview per claim"
    shown = []
    for claim in claims:
        page = page_text(built_book / "book" / "claims" / f"{claim['claim_id']}.html")
        verdict = re.search(r"<dt>Verdict</dt><dd>(.*?)</dd>", page, re.S)
        assert verdict, claim["claim_id"]
        shown.append((claim["claim_id"], re.sub(r"<[^>]+>", "", verdict.group(1))))
    for where, text in shown + [("ratingExplanation", r) for r in reviews]:
        text = A_DATE.sub("", text)
        named = set(re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)+", text)) & ids
        assert not named and not AN_ID.search(text), f"{where}: {text}"
