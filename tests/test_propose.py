"""`propose` drafts ledger rows from an article's text: tested on a real report kept as a fixture (not one of the
book's articles) and on tables of short sentences, one case each."""

import csv
import io
import os
import shutil
import subprocess
import sys
from datetime import date

import pandas as pd
import pytest
from conftest import ROOT
from fixture_articles import TIANSHAN, TIANSHAN_WALKTHROUGH, add_article, text_of

from portbook.numbers.draft import suggest_repair
from portbook.numbers.ledger import COLUMNS, load_entities
from portbook.numbers.periods import resolve_period
from portbook.numbers.propose import draft_article, write_review
from portbook.sources.cleaning import clean_text

ENTITIES = load_entities()
NO_EXCLUSIONS = pd.DataFrame(columns=["article_id", "text", "context", "reason", "context_start", "context_end"])


def propose_text(text: str, published: date, headline: str = "", ledger: pd.DataFrame | None = None):
    article = clean_text(text, "fixture", "fixture.txt", headline)
    ledger = pd.DataFrame(columns=list(COLUMNS)) if ledger is None else ledger
    return draft_article(
        article, text, published, ledger, [], NO_EXCLUSIONS, ENTITIES.aliases, dict(ENTITIES.table.kind)
    )


@pytest.fixture(scope="module")
def tianshan():
    return propose_text(text_of(TIANSHAN), date(2024, 1, 5), TIANSHAN["headline"])


def drafted(proposal, figure: str) -> dict:
    rows = [d.row for d in proposal.claims if d.row["figure"] == figure]
    assert len(rows) == 1, f"{figure!r}: {len(rows)} drafts"
    return rows[0]


def test_with_the_drafts_pasted_every_number_of_the_fixture_is_accounted_for_once(tianshan):
    from portbook.numbers.coverage import account_for, article_mentions

    article = clean_text(text_of(TIANSHAN), "fixture", "fixture.txt", TIANSHAN["headline"])
    mentions = article_mentions(article)
    claims = {(u.start, u.end) for u in tianshan.mentions.values()}
    exclusions = {(e.mention.start, e.mention.end) for e in tianshan.exclusions}
    assert not claims & exclusions
    drafted = pd.DataFrame([d.row for d in tianshan.claims], columns=list(COLUMNS))
    accounted = account_for(mentions, drafted, tianshan.located, NO_EXCLUSIONS)
    left = {(r.raw_char_start, r.raw_char_end) for r in accounted.itertuples() if r.status == "unaccounted"}
    assert left == exclusions, "what the drafted claims leave is exactly what the drafted exclusions cover"


def test_each_drafted_quote_is_verbatim_once_and_carries_its_figure_and_qualifier(tianshan):
    text = text_of(TIANSHAN)
    for draft in tianshan.claims:
        row = draft.row
        assert text.count(row["quote"]) == 1, row
        assert row["figure"] in row["quote"]
        assert row["claim_id"] and row["article_id"] == "fixture"
    assert drafted(tianshan, "75 billion")["qualifier"] == "more_than"
    assert drafted(tianshan, "10.75 billion")["qualifier"] == "about"


def test_a_range_over_years_is_the_period_and_it_resolves_to_both_ends(tianshan):
    row = drafted(tianshan, "237.58 billion")
    assert row["period"] == "2015 to November 2023"
    period = resolve_period(row["period"], date(2024, 1, 5))
    assert (period.start, period.end) == (date(2015, 1, 1), date(2023, 11, 30))
    assert drafted(tianshan, "77.15 billion")["period"] == "first 11 months of 2023"


def test_money_follows_the_conventions_and_a_conversion_measures_what_its_figure_does(tianshan):
    cny, usd = drafted(tianshan, "77.15 billion"), drafted(tianshan, "10.75 billion")
    assert (cny["metric"], cny["unit"]) == ("trade_value_cny", "yuan")
    assert (usd["metric"], usd["unit"]) == ("trade_value_usd", "usd")
    assert drafted(tianshan, "80.8 percent")["metric"] == "trade_growth_pct"
    second = drafted(tianshan, "28.28 billion")
    assert second["metric"] == "trade_value_cny" and second["period"] == "2022"
    assert drafted(tianshan, "690 million")["period"] == "2020"


def test_a_new_spelling_of_a_known_entity_is_suggested_as_an_alias(tianshan):
    assert tianshan.aliases["Kashi Comprehensive Bonded Zone"] == "kashgar-cbz"
    assert tianshan.aliases["Kashi Prefecture"] == "kashgar-prefecture"
    assert drafted(tianshan, "690 million")["entity"] == "kashgar-cbz"
    assert any("Kashi Comprehensive Bonded Zone" in line for line in tianshan.decisions())


def test_captions_dates_and_period_words_are_drafted_as_exclusions_with_their_reason(tianshan):
    reasons = {(e.row["text"], e.row["reason"]) for e in tianshan.exclusions}
    assert ("August 22, 2023", "photo caption date") in reasons
    assert ("December 29, 2023", "date of an event, not a quantity") in reasons
    # the 11 of 'in the first 11 months of 2023' is the period of the claim whose quote carries it: no row needed
    assert not any(text == "11" for text, _ in reasons)
    row = drafted(tianshan, "10.75 billion")
    assert row["quote"].endswith("in the first 11 months of 2023") and row["period"] == "first 11 months of 2023"
    for exclusion in tianshan.exclusions:
        assert text_of(TIANSHAN).count(exclusion.row["context"]) == 1
        assert exclusion.row["context"].count(exclusion.row["text"]) >= 1


@pytest.mark.parametrize(
    "figure, unit, wan, rule",
    [
        ("31,5600", "kilometers", "", "garbled_grouping"),
        ("1400,1", "vehicles", "", "garbled_grouping"),
        ("<>", "passages", "", "lost_digits"),
        ("16000,<>", "residents", "", "lost_digits"),
        ("12 to 15", "days", "", "range"),
        ("5.8-fold", None, "", "n_fold_ambiguous"),
        ("1450.24 million", "parcels", "", "wan_as_million"),
        ("372", "acres", "", "mu_as_acres"),
        ("16.77 billion", "yuan", "1450.24 million", "cjk_scale_ambiguous"),
        ("3.7 billion", "yuan", "", "none"),
        ("562.3 million", "U.S. dollars", "", "none"),
        ("40,000", "passengers", "", "none"),
    ],
)
def test_the_repair_suggested_for_each_kind_of_damage(figure, unit, wan, rule):
    suggestion = suggest_repair(figure, unit, "exact", wan)
    assert suggestion.rule == rule
    assert bool(suggestion.reason) == (rule != "none")


@pytest.mark.parametrize(
    "sentence, figure, reason",
    [
        (
            "Li Ming, a 45-year-old driver from the city, said that business at the port was good this year.",
            "45-year-old",
            "age of a person",
        ),
        ("As the first pilot port of the region, Alashankou grew fast in trade.", "first", "ordinal in a name"),
        ("Khorgos is one of the closest ports to Europe for the trains of the region.", "one", "idiom"),
        ("It opened on May 6 and has handled 300 trucks since then at the Khorgos Port.", "May 6", "date of an event"),
    ],
)
def test_numbers_that_are_not_claims_are_drafted_as_exclusions(sentence, figure, reason):
    proposal = propose_text(sentence, date(2024, 3, 15))
    found = {e.row["text"]: e.row["reason"] for e in proposal.exclusions}
    assert found[figure].startswith(reason), found


def test_a_claim_of_a_short_report_is_drafted_with_the_conventions():
    proposal = propose_text(
        "URUMQI, March 15 (Test Wire) -- In the first two months of this year, the Khorgos Port handled 1,234 "
        "China-Europe freight trains, up 12.5 percent year on year.",
        date(2024, 3, 15),
    )
    trains, growth = drafted(proposal, "1,234"), drafted(proposal, "12.5 percent")
    assert (trains["entity"], trains["unit"], trains["period"]) == (
        "khorgos-port",
        "trains",
        "first two months of this year",
    )
    assert growth["metric"] == f"{trains['metric']}_growth_pct" and growth["period"] == trains["period"]
    assert trains["claim_id"] == f"khorgos-port-{trains['metric'].replace('_', '-')}-jan-feb-2024"


def test_the_review_file_collects_drafts_without_repeating_them_and_never_touches_the_ledger(tmp_path, tianshan):
    ledger_before = (ROOT / "data" / "claims.csv").read_bytes()
    written = write_review(tianshan, tmp_path)
    write_review(tianshan, tmp_path)
    claims = list(csv.DictReader(io.StringIO((tmp_path / "fixture" / "claims.csv").read_text(encoding="utf-8"))))
    assert len(claims) == len(tianshan.claims) and list(claims[0]) == list(COLUMNS)
    assert {p.name for p in written} == {"claims.csv", "exclusions.csv", "aliases.csv", "decisions.txt"}
    assert (ROOT / "data" / "claims.csv").read_bytes() == ledger_before


def test_the_command_prints_csv_ready_to_paste_and_refuses_an_unknown_article(tmp_path):
    for name in ("seeds", "data"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("interim", "processed"))
    add_article(tmp_path, TIANSHAN)
    env = {**os.environ, "PORTBOOK_ROOT": str(tmp_path)}
    run = lambda *a: subprocess.run(
        [sys.executable, "-m", "portbook", "propose", *a], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    table = run(TIANSHAN["article_id"], "--csv", "claims")
    assert table.returncode == 0, table.stderr
    rows = list(csv.DictReader(io.StringIO(table.stdout)))
    assert rows and all(r["article_id"] == TIANSHAN["article_id"] for r in rows)
    report = run(TIANSHAN["article_id"])
    assert "# data/claims.csv" in report.stdout and "# needs a human decision" in report.stdout
    unknown = run("nowhere-2024-01-01")
    assert unknown.returncode == 2 and unknown.stderr.startswith("UnknownArticle: unknown article 'nowhere-2024-01-01'")
    assert "Traceback" not in unknown.stderr


def test_the_walkthrough_article_drafts_what_its_editor_had_to_correct():
    """The unseen article of the acceptance walk-through (README steps, timed): what its editor corrected by hand,
    propose now drafts."""
    proposal = propose_text(text_of(TIANSHAN_WALKTHROUGH), date(2023, 9, 19), TIANSHAN_WALKTHROUGH["headline"])
    reasons = {e.row["text"]: e.row["reason"] for e in proposal.exclusions}
    assert reasons["Sept 7, 2023"] == "photo caption date", "a caption marked only [Photo/Xinhua]"
    assert drafted(proposal, "49.31 billion")["period"] == "2022", "'In 2022, ...' is the sentence's period"
    assert drafted(proposal, "50 billion")["qualifier"] == "more_than", "'expected to surpass'"
    assert {d.row["figure"] for d in proposal.claims} >= {"91", "116"}, "'increased from 91 to 116' is a change"
    assert drafted(proposal, "38.43 billion")["entity"] == "kashgar-prefecture", "a name after 'with' is the partner"
