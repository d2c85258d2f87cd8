"""The book facts (tests/book_facts.py) hold for the real seeds, ledger and checks: the one place the tests vouch
for today's data."""

import json

import book_facts as facts
import pytest

from portbook.numbers.flagship import load_flagship
from portbook.numbers.ledger import load_entities
from portbook.reconcile import processed, rates
from portbook.reconcile.book_state import BookState
from portbook.sources import cleaning, seeds


@pytest.fixture(scope="module")
def state():
    return BookState()


@pytest.fixture(scope="module")
def audit():
    from portbook.numbers import coverage

    for article_id in seeds.load_metadata():
        coverage.extract_and_save(cleaning.clean_article(article_id))
    return processed.run(write=False)


def test_the_five_articles_and_the_ports():
    from portbook.reconcile import ports

    assert set(facts.ARTICLES) <= set(seeds.load_metadata())
    assert set(facts.PORTS) <= set(ports.load_ports().port)


def test_the_flagship_pair_and_its_sentence(state):
    from portbook.present.reconcile_pages import Flagship

    table = load_flagship()
    assert (table.whole, table.other) == facts.FLAGSHIP_PAIR
    flagship = Flagship(context=state)
    assert (flagship.entity, flagship.metric) == facts.FLAGSHIP_ENTITY_METRIC
    assert flagship.verdict_sentence().startswith(facts.FLAGSHIP_SENTENCE)
    assert (flagship.relation.check_id, flagship.relation.verdict) == facts.FLAGSHIP_RELATION


@pytest.mark.parametrize("claim_id", sorted(facts.CLAIM_VALUES))
def test_values_are_cleaned_from_the_quotes(state, claim_id):
    row = state.claims.set_index("claim_id").loc[claim_id]
    assert (row.value_low, row.value_high, row.unit, row.period_start, row.period_end) == facts.CLAIM_VALUES[claim_id]


def test_the_damaged_figures_are_repaired_by_their_rules(state):
    ledger = state.ledger
    for figure, rule in facts.REPAIRED_FIGURES.items():
        assert set(ledger[ledger.figure == figure].repair) == {rule}, figure
    claim_id, readings = facts.N_FOLD
    row = state.claims.set_index("claim_id").loc[claim_id]
    assert sorted(r["low"] for r in json.loads(row.readings)) == readings and "ambiguous" in row["flags"]


def test_confidence_and_plausibility(audit):
    defects = processed.defects(audit).set_index("claim_id")
    for claim_id in facts.HIGH_CONFIDENCE:
        assert defects.loc[claim_id, "confidence"] == "high"
    flagged = audit.findings[audit.findings.verdict.isin(["implausible", "rules_out_readings"])]
    assert set(facts.FLAGGED_BY_PLAUSIBILITY) <= {c for ids in flagged.claim_ids for c in ids.split(";")}


def test_every_number_of_the_articles_is_accounted_for(audit):
    unaccounted = audit.mentions[audit.mentions.status == "unaccounted"]
    assert unaccounted.empty, unaccounted[["article_id", "line", "text"]].to_string()
    assert audit.unused_exclusions.empty


def test_conversions_are_paired_by_the_text_and_checked_at_the_publication_rate(state):
    converts = state.claims.set_index("claim_id").converts
    assert {c: converts[c] for c in facts.CONVERSIONS} == facts.CONVERSIONS
    checks = state.checks.set_index("check_id")
    for check_id, verdict in facts.CHECK_VERDICTS.items():
        assert checks.loc[check_id, "verdict"] == verdict, check_id
    for check_id in facts.PUBLICATION_RATE_CONVERSIONS:
        assert "publication date rate" in checks.loc[check_id, "explanation"]
    from datetime import date

    assert (
        rates.mean_yuan_per_dollar(date(2013, 1, 1), date(2013, 12, 31))
        < checks.loc["kashgar-prefecture-bri-trade-2013-yuan-per-dollar", "result_low"]
    )


def test_aliases_of_the_ports():
    entities = load_entities()
    for alias, entity in facts.ALIASES.items():
        assert entities.aliases[alias.lower()] == entity, alias


def test_the_page_furniture_of_the_scrapes_is_removed_by_its_rules():
    removed = {r.rule for a in facts.ARTICLES for r in cleaning.clean_article(a).removed}
    assert set(facts.FURNITURE_RULES) <= removed
