"""Coverage and cleaned values on the real ledger: computed from the verbatim text, never typed (the values the
tests vouch for are in tests/book_facts.py)."""

import re

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


def test_the_cleaning_page_counts_the_garbled_numbers_as_the_verdict_summary_does(audit):
    """The cleaning page's 'settled' and 'probable' counts are the verdict summary's 'garbled, repaired' and
    'garbled, probable reading': one set (every claim the verdict scale calls garbled is a defect), counted one way."""
    from collections import Counter

    from portbook.present import claimreview

    verdict = {t.claim_id: t.verdict for t in claimreview.all_trails(audit.context)}
    every = Counter(verdict.values())
    defects = processed.defects(audit)
    garbled = {c for c, v in verdict.items() if v in ("garbled_repaired", "garbled_probable")}
    assert garbled <= set(defects.claim_id)
    counts = processed.defect_counts(defects, verdict)
    assert counts["settled"] == every["garbled_repaired"] and counts["probable"] == every["garbled_probable"]
    assert counts["total"] == len(defects) == counts["garbled"] + counts["suspect"]


def test_every_reading_is_named_in_a_reader_s_words(audit):
    """A reading's label shows on the audit pages and in verdict reasons: no exponent notation, no '<>' marker."""
    import json

    labels = {r["label"] for readings in audit.claims.readings for r in json.loads(readings)}
    labels |= set(audit.claims.best_label.dropna())
    leaks = sorted(label for label in labels if re.search(r"x10|\^|<>|_", label))
    assert leaks == []
