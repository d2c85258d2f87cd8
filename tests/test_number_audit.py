"""Coverage and cleaned values on the real ledger: computed from the verbatim text, never typed (the values the
tests vouch for are in tests/book_facts.py)."""

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


def test_the_defect_list_includes_every_repaired_number_with_a_confidence(audit):
    defects = processed.defects(audit)
    repaired = set(audit.claims[~audit.claims.repair.isin(["none", "range"])].claim_id)
    assert repaired <= set(defects.claim_id)
    assert set(defects.confidence) <= {"high", "medium", "low", "none"}
