"""The words of checks and tests ('consistent', 'plausible', 'not comparable' ...) beside the claims' verdicts: each
defined on the methodology page with what it does to a claim's verdict, and every one a page shows linked there.

The definitions and what each word does come from verdicts.yml and the rule in verdicts.py; the tests render the
templates with made-up checks and tests (every word of the vocabulary), then read the built book for any word a page
shows without its definition."""

import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from markupsafe import Markup

from portbook.numbers.interval import Interval
from portbook.present import links
from portbook.present.render import reason_html, render
from portbook.reconcile import verdicts
from portbook.reconcile.evidence import Candidate, Decision
from portbook.reconcile.verdicts import FINDING_KINDS, alone, effect, label, verdict_for

RESULTS = [(verdict, kind) for kind in ("check", "test") for verdict in verdicts.vocabulary()[kind]]
CLAIM_LABELS = {entry["label"] for entry in verdicts.vocabulary()["claim"].values()}
# words only a check or a test gives: 'misleading' and 'cannot be checked' are claim verdicts too
RESULT_ONLY = sorted({label(v, k) for v, k in RESULTS} - CLAIM_LABELS, key=len, reverse=True)
BARE = re.compile(r"(?:^|: |; )(" + "|".join(map(re.escape, RESULT_ONLY)) + r")(?=$| |\(|;|,|\.)", re.I)


def scale_html() -> BeautifulSoup:
    """The methodology's list, as the verdict-scale directive renders it."""
    return BeautifulSoup(
        str(render("verdict_scale.html.j2", scale=verdicts.vocabulary(), groups=verdicts.results_by_effect())),
        "html.parser",
    )


def defined(page: BeautifulSoup) -> dict[str, tuple[str, str, str]]:
    """Every result word a methodology page defines: anchor -> (word, definition, what it does to the claim)."""
    found = {}
    for term in page.select("dt[id^=result-]"):
        group = term.find_parent(class_="pb-effect-group")
        does = group.find("p").get_text(" ", strip=True) if group else ""
        word = term.find("strong").get_text(" ", strip=True)
        found[term["id"]] = (word.lower(), term.find_next_sibling("dd").get_text(" ", strip=True), does)
    return found


def undefined_words(page: BeautifulSoup, definitions: dict) -> list[str]:
    """Each result word on a page that does not link to its definition, or links to a definition of another word."""
    problems = []
    for link in page.select("a.pb-result"):
        anchor = urlsplit(link["href"]).fragment
        if not link["href"].split("#")[0].endswith(links.METHODOLOGY_PAGE.split("/")[-1]) or anchor not in definitions:
            problems.append(f"{link.get_text()!r} links to {link['href']!r}, which defines nothing")
        elif link.get_text(" ", strip=True).lower() != definitions[anchor][0]:
            problems.append(f"{link.get_text()!r} links to the definition of {definitions[anchor][0]!r}")
        elif link.get("title") != definitions[anchor][1]:
            problems.append(f"{link.get_text()!r} has the title {link.get('title')!r}, not its definition")
    for link in page.select("a.pb-result"):
        link.decompose()
    main = page.find("main") or page
    for text in main.find_all(string=True):
        if text.parent.name in ("script", "style", "code"):
            continue
        for match in BARE.finditer(text.strip()):
            problems.append(f"{match.group(1)!r} shown without its definition, in {text.strip()[:120]!r}")
    return problems


# ---------------------------------------------------------------------------
# The rule and its words
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("verdict, kind", RESULTS)
def test_what_a_word_does_is_what_the_rule_does(verdict, kind):
    """The sentence says the verdict that the rule gives a clean figure with only this result."""
    clean = Candidate("as printed", Interval(1, 1), Interval(1, 1), "usd", literal=True)
    test_kind = sorted(FINDING_KINDS)[0] if kind == "test" else "part_whole"
    only = {"id": "t", "kind": test_kind, "verdict": verdict, "explanation": "."}
    assert (
        alone(verdict, kind) == verdict_for(Decision("", clean, "high", "", (), (), (clean,), "none"), [only], "usd")[0]
    )
    assert f"“{label(alone(verdict, kind))}”" in verdicts.effect_sentence(verdict, kind)
    assert verdicts.effect_label(verdict) and verdicts.definition(verdict, kind)


@pytest.mark.parametrize("verdict, kind", RESULTS)
def test_only_a_word_that_counts_for_the_claim_can_make_it_check_out(verdict, kind):
    assert (alone(verdict, kind) == "checks_out") == (effect(verdict) == "fits")
    if effect(verdict) == "nothing":
        assert "not a pass" in verdicts.effect_sentence(verdict, kind)


def test_every_effect_the_rule_knows_has_its_words_and_every_word_one_group():
    assert set(verdicts.vocabulary()["effect"]) == {*verdicts.EFFECTS, "nothing"}
    grouped = [word for _, words in verdicts.results_by_effect() for word in words]
    assert sorted(grouped) == sorted(RESULTS)


# ---------------------------------------------------------------------------
# The methodology's list and the pages, rendered from made-up checks
# ---------------------------------------------------------------------------


def test_the_methodology_defines_every_word_with_what_it_does_to_the_claim():
    definitions = defined(scale_html())
    for verdict, kind in RESULTS:
        word, meaning, does = definitions[links.result_anchor(verdict, kind)]
        assert word == label(verdict, kind) and meaning == verdicts.definition(verdict, kind)
        assert verdicts.effect_label(verdict).lower() in does.lower()
        assert f"“{label(alone(verdict, kind))}”" in does


def made_up_tests():
    return [
        {
            "test_id": f"t-{verdict}",
            "formula": "a / b",
            "verdict": verdict,
            "kind": "magnitude" if kind == "test" else "part_whole",
            "vocabulary": kind,
            "claim_ids": ["a"],
            "explanation": "Because.",
        }
        for verdict, kind in RESULTS
    ]


def test_a_port_chapters_check_table_links_every_word_to_its_definition():
    page = BeautifulSoup(
        str(render("port_tests.html.j2", tests=made_up_tests(), titles={"a": "A claim"}, references=[])), "html.parser"
    )
    assert len(page.select("a.pb-result")) == len(RESULTS)
    assert undefined_words(page, defined(scale_html())) == []


def test_a_bare_word_is_found():
    """The check itself: a template that printed the word as it used to would fail the tests above."""
    page = BeautifulSoup(
        "<table><tr><td><strong>consistent</strong></td><td>x: plausible</td></tr></table>", "html.parser"
    )
    assert len(undefined_words(page, defined(scale_html()))) == 2


def test_a_reason_links_the_words_of_the_tests_it_names_and_nothing_else():
    tests = [
        {"id": "a", "kind": "reference", "verdict": "corroborated", "against": "(Xinhua, 2023-11-09)"},
        {"id": "b", "kind": "magnitude", "verdict": "plausible"},
    ]
    reason = "tested and it fits: corroborated (Xinhua, 2023-11-09); plausible (a physical bound); no conflict"
    page = BeautifulSoup(str(reason_html(reason, tests)), "html.parser")
    assert [a["href"].split("#")[1] for a in page.select("a.pb-result")] == [
        "result-check-corroborated",
        "result-test-plausible",
    ]
    assert page.get_text().endswith("no conflict") and isinstance(reason_html(reason, []), Markup)


# ---------------------------------------------------------------------------
# The built book
# ---------------------------------------------------------------------------


def test_no_page_shows_a_check_word_without_its_definition_on_the_methodology_page(built_book):
    methodology = built_book / "book" / "about" / "methodology.html"
    definitions = defined(BeautifulSoup(methodology.read_text(encoding="utf-8"), "html.parser"))
    assert {links.result_anchor(v, k) for v, k in RESULTS} <= set(definitions)
    problems, linked = [], 0
    for page in sorted((built_book / "book").rglob("*.html")):
        if page == methodology:
            continue
        html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        linked += len(html.select("a.pb-result"))
        problems += [f"{page.relative_to(built_book)}: {p}" for p in undefined_words(html, definitions)]
    assert linked and not problems, "\n".join(problems[:20])
