"""A formula a reader sees names entities in words ('River County ≠ River County Free Zone'), never by their ids
('river-county ≠ river-county-zone'); the audit appendix shows ids only labelled, outside its formulas.

On a made-up entity table and made-up claims, so that nothing here depends on today's ledger; the last test reads
the built book's formulas against whatever data/entities.csv holds."""

import re

import pandas as pd
import pytest
from bs4 import BeautifulSoup
from fixture_claims import claim

from portbook.numbers import ledger
from portbook.present import names
from portbook.present.render import render
from portbook.reconcile import checks

PLACES = pd.DataFrame(
    [
        ("river-county", "River County", "prefecture", "", "river"),
        ("river-county-zone", "River County Free Zone", "zone", "river-county", "river"),
        ("river-county-zone-trader", "A trading firm in the zone", "company", "river-county-zone", "river"),
        ("river-county-port", "River Port", "port", "river-county", "river"),
        ("river-county-park", "River Logistics Park", "park", "river-county", "river"),
    ],
    columns=["entity_id", "name", "kind", "parent", "port"],
).set_index("entity_id", drop=False)
CLAIMS = pd.DataFrame(
    [
        claim("county-trade", "river-county", "trade_value_cny", "yuan", "61 billion", "2021"),
        claim("county-growth", "river-county", "trade_growth_pct", "percent", "20%", "2021"),
        claim("zone-trade", "river-county-zone", "trade_value_cny", "yuan", "3.7 billion", "2021"),
        claim("trader-trade", "river-county-zone-trader", "trade_value_usd", "usd", "230 million", "2021"),
        claim("port-share", "river-county-port", "share_of_county_trade_pct", "percent", "40%", "2021"),
        claim("park-share", "river-county-park", "share_of_county_trade_pct", "percent", "10%", "2021"),
    ]
)


def ids_in(text: str, ids) -> list[str]:
    """Every entity id written whole in a text (not inside a longer id, nor in a web address)."""
    text = re.sub(r"https?://\S+", "", text)
    return [i for i in ids if re.search(rf"(?<![\w./-]){re.escape(i)}(?![\w/-])", text)]


@pytest.fixture
def made_up_names(monkeypatch):
    """The pages' words for entities read from the made-up table, not data/entities.csv."""
    monkeypatch.setattr(names, "entity_names", lambda *_: dict(zip(PLACES.entity_id, PLACES.name)))


def test_the_checks_write_their_formulas_with_entity_names():
    rows = checks.run_checks(CLAIMS, PLACES)
    kept_apart = rows[rows.kind == "kept_apart"]
    assert len(kept_apart) >= 3  # the county and its zone, the zone and its trader, the port and the park
    for row in rows.itertuples():
        assert not ids_in(row.formula, PLACES.entity_id), row.formula
    assert "River County ≠ River County Free Zone" in " ".join(kept_apart.formula)


def test_look_alikes_of_one_metric_are_named_by_it():
    """'share of the county's trade' comes from the metric's words on the page, not the family's name in lower case."""
    rows = checks.run_checks(CLAIMS, PLACES)
    formula = rows[(rows.kind == "kept_apart") & rows.formula.str.contains("River Port")].formula.iloc[0]
    assert formula.startswith("share_of_county_trade_pct: ")
    assert names.readable(formula, {"share_of_county_trade_pct": "share of the county's trade"}).startswith(
        "share of the county's trade: River"
    )


def test_no_formula_on_a_reader_page_holds_an_entity_id(made_up_names):
    rows = checks.run_checks(CLAIMS, PLACES)
    tests = [
        {
            "test_id": r.check_id,
            "formula": r.formula,
            "verdict": r.verdict,
            "kind": r.kind,
            "vocabulary": "check",
            "claim_ids": r.claim_ids.split(";"),
            "explanation": r.explanation,
        }
        for r in rows.itertuples()
    ]
    # a formula some future check writes with ids, as kept-apart formulas once did: the page still names them
    tests.append(
        {
            "test_id": "raw",
            "formula": "trade: river-county ≠ river-county-zone-trader (http://example.cn/river-county-zone.html)",
            "verdict": "not_comparable",
            "kind": "kept_apart",
            "vocabulary": "check",
            "claim_ids": [],
            "explanation": "Different entities.",
        }
    )
    page = BeautifulSoup(str(render("port_tests.html.j2", tests=tests, titles={}, references=[])), "html.parser")
    formulas = [code.get_text() for code in page.select("code.pb-formula")]
    assert len(formulas) == len(tests)
    for formula in formulas:
        assert not ids_in(formula, PLACES.entity_id), formula
    assert "River County ≠ A trading firm in the zone" in formulas[-1]
    assert "http://example.cn/river-county-zone.html" in formulas[-1]  # an address is left as it is


def test_no_formula_in_the_built_book_holds_an_entity_id(built_book):
    known = ledger.load_entities().table.index
    found = []
    for page in sorted((built_book / "book").rglob("*.html")):
        html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for code in html.select("code.pb-formula"):
            found += [
                f"{page.relative_to(built_book)}: {i} in {code.get_text()[:100]!r}"
                for i in ids_in(code.get_text(), known)
            ]
    assert not found, "\n".join(found[:20])


def test_a_source_read_on_a_mirror_is_shown_by_its_outlet_and_linked_to_the_stored_address():
    url = "https://33809.example.asia/a_b.html"
    ref = {"outlet": "China News Service (中新网, 6 Feb; mirror 33809.example.asia)", "url": url}
    text = f"4,400 vehicles. Source: {ref['outlet']}, 2024-02-06: 30.4万辆 ({url})."
    link = BeautifulSoup(str(names.sourced(text, [ref], {})), "html.parser").find("a")
    assert link["href"] == url and link.get_text() == "China News Service (中新网, 6 Feb)"
    page = BeautifulSoup(str(names.sourced(text, [ref], {})), "html.parser").get_text()
    assert "mirror" not in page


def test_the_repair_rules_speak_to_readers_and_keep_their_ids_for_developers():
    from portbook.numbers import repairs

    html = str(render("repair_rules.html.j2", rules=[repairs.REPAIRS[name] for name in sorted(repairs.REPAIRS)]))
    page = BeautifulSoup(html, "html.parser")
    ids = {code.get_text() for details in page.find_all("details") for code in details.find_all("code")}
    assert ids == set(repairs.REPAIRS), "each rule's id is kept, collapsed, for developers"
    for details in page.find_all("details"):
        details.decompose()
    text = page.get_text(" ")
    jargon = re.compile(
        r"\b[a-z]+(?:_[a-z0-9]+)+\b|\braise\b|GarbledGrouping|LostDigits|x10\^|\bhull\b|\bparser\b|\bscrape"
    )
    assert not jargon.findall(text), jargon.findall(text)
