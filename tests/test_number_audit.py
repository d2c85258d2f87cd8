"""Coverage and cleaned values on the real ledger: computed from the verbatim text, never typed."""

import pandas as pd
import pytest

from portbook.numbers import coverage, ledger
from portbook.reconcile import processed


@pytest.fixture(scope="module")
def audit():
    from portbook.sources import cleaning, seeds

    for article_id in seeds.load_metadata():
        coverage.extract_and_save(cleaning.clean_article(article_id))
    return processed.run(write=False)


def test_every_numeric_mention_is_accounted_for(audit):
    unaccounted = audit.mentions[audit.mentions.status == "unaccounted"]
    assert unaccounted.empty, unaccounted[["article_id", "line", "text"]].to_string()
    assert audit.unused_exclusions.empty, audit.unused_exclusions[["article_id", "text"]].to_string()
    assert set(audit.mentions.status) <= {"claim", "period", "excluded", "self_dating", "removed"}


def test_a_mention_that_nobody_claimed_or_excluded_is_reported(audit):
    claims, located = ledger.load_ledger()
    stray = pd.DataFrame(
        [
            {
                **audit.mentions.iloc[0].to_dict(),
                "raw_char_start": 10**6,
                "raw_char_end": 10**6 + 3,
                "text": "999",
                "block_kind": "body",
            }
        ]
    )
    no_exclusions = pd.DataFrame(columns=["article_id", "text", "context", "reason", "context_start", "context_end"])
    assert (
        coverage.account_for(
            stray.drop(columns=["status", "claim_id", "reason"]), claims, located, no_exclusions
        ).status.iloc[0]
        == "unaccounted"
    )


def test_every_claim_has_an_interval_and_a_resolved_period(audit):
    claims = audit.claims.set_index("claim_id")
    assert len(claims) == len(audit.ledger)
    assert (claims.period_kind.isin(["flow", "stock", "annual"])).all()


def test_kashgar_values_come_from_the_quotes(audit):
    claims = audit.claims.set_index("claim_id")
    ledger_rows = audit.ledger.set_index("claim_id")
    for claim_id, expected_period in [
        ("kashgar-cbz-trade-2021", ("2021-01-01", "2021-12-31")),
        ("kashgar-cbz-trade-jan-apr-2022", ("2022-01-01", "2022-04-30")),
    ]:
        row = claims.loc[claim_id]
        figure = ledger_rows.loc[claim_id, "figure"]
        number = float(figure.split()[0])
        assert row.value_low == row.value_high == number * 1e9 and row.unit == "yuan"
        assert (row.period_start, row.period_end) == expected_period
    fold = claims.loc["kashgar-cbz-trade-growth-jan-apr-2022"]
    assert fold.reading_count == 2 and "ambiguous" in fold["flags"]


def test_the_defect_list_includes_every_repaired_number_with_a_confidence(audit):
    defects = processed.defects(audit)
    repaired = set(audit.claims[~audit.claims.repair.isin(["none", "range"])].claim_id)
    assert repaired <= set(defects.claim_id)
    assert set(defects.confidence) <= {"high", "medium", "low", "none"}
    assert defects.set_index("claim_id").loc["alashankou-ecommerce-parcels-h1-2023", "confidence"] == "high"
