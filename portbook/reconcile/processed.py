"""The numbers stage of the pipeline: ledger + cleaned articles → cleaned claims, coverage, defects.

Reads the curated ledger and the cleaned articles the first stage wrote, and
writes, atomically, data/interim/mentions.csv (every numeric mention and how it
is accounted for), data/processed/claims.csv (every claim's interval and period)
data/processed/plausibility.csv (every plausibility test with its arithmetic) and
data/processed/checks.csv (every reconciliation check, validated by its schema).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from portbook import atomic, paths
from portbook.numbers.coverage import account_for, exclusion_spans, load_article_mentions, unused_exclusions

MENTIONS = paths.INTERIM / "mentions.csv"
CLAIMS = paths.PROCESSED / "claims.csv"
PLAUSIBILITY = paths.PROCESSED / "plausibility.csv"
CHECKS = paths.PROCESSED / "checks.csv"


@dataclass
class NumberAudit:
    """What the numbers stage found: claims, ledger, accounted mentions, findings and unused exclusions."""

    claims: pd.DataFrame  # processed claims
    ledger: pd.DataFrame  # the curated rows, as read
    mentions: pd.DataFrame  # every mention with its status
    findings: pd.DataFrame  # plausibility findings
    unused_exclusions: pd.DataFrame
    context: object = None  # the BookState it was computed from, for the claims' trails


def run(write: bool = True) -> NumberAudit:
    """Run the numbers stage on the ledger and the cleaned articles, writing its tables unless write is False."""
    from portbook.reconcile import book_state

    context = book_state.current()
    mentions = load_article_mentions(context.seeds)
    exclusions = exclusion_spans({a: context.raw(a) for a in context.seeds})
    accounted = account_for(mentions, context.ledger, context.located, exclusions)
    audit = NumberAudit(
        context.claims, context.ledger, accounted, context.findings, unused_exclusions(accounted, exclusions), context
    )
    if write:
        atomic.write_csv(MENTIONS, accounted)
        atomic.write_csv(CLAIMS, context.claims)
        atomic.write_csv(PLAUSIBILITY, context.findings)
        from portbook.reconcile.checks import checks_schema

        atomic.write_csv(CHECKS, checks_schema().validate(context.checks))
    return audit


def defects(audit: NumberAudit) -> pd.DataFrame:
    """Every garbled or suspect number: repaired by a rule (a range is not a defect), garbled by its decision (a
    source gave another reading: the verdict scale calls it garbled too), or flagged on its own by a plausibility test
    (a test of a pair flags the pair's repaired member, listed anyway), with the confidence its best reading has
    (portbook.reconcile.evidence)."""
    flagged = set()
    for row in audit.findings.itertuples():
        if row.verdict in ("implausible", "rules_out_readings") and ";" not in row.claim_ids:
            flagged.add(row.claim_ids)
    decisions = getattr(audit.context, "decisions", None) or {}
    garbled = {claim_id for claim_id, decision in decisions.items() if decision.garbled}
    repaired = ~audit.claims.repair.isin(["none", "range"])
    return audit.claims[repaired | audit.claims.claim_id.isin(flagged | garbled)]


def defect_counts(defects: pd.DataFrame, verdicts: dict[str, str]) -> dict[str, int]:
    """The garbled or suspect numbers counted by their claims' verdicts (``verdicts``: verdict by claim id), so the
    cleaning page and the verdict summary count one set the same way: ``settled`` are the "garbled, repaired",
    ``probable`` the "garbled, probable reading", ``garbled`` both, ``suspect`` the rest (printed cleanly, but read
    more than one way or flagged by a test), ``total`` all of them.

    >>> defect_counts(pd.DataFrame({"claim_id": ["a", "b", "c"]}), {"a": "garbled_repaired", "b": "garbled_probable"})
    {'total': 3, 'garbled': 2, 'settled': 1, 'probable': 1, 'suspect': 1}
    """
    mine = [verdicts.get(claim_id, "") for claim_id in defects.claim_id]
    settled, probable = mine.count("garbled_repaired"), mine.count("garbled_probable")
    return {
        "total": len(mine),
        "garbled": settled + probable,
        "settled": settled,
        "probable": probable,
        "suspect": len(mine) - settled - probable,
    }
