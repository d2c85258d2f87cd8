"""The numbers stage of the pipeline: ledger + cleaned articles → cleaned claims, coverage, defects.

Reads the curated ledger and the cleaned articles the first stage wrote, and
writes, atomically, data/interim/mentions.csv (every numeric mention and how it
is accounted for), data/processed/claims.csv (every claim's interval and period)
data/processed/plausibility.csv (every plausibility test with its arithmetic) and
data/processed/checks.csv (every reconciliation check, validated by its schema).
"""

from __future__ import annotations

import json
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
    from portbook.reconcile.book_state import BookState

    context = BookState()
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


def confidence(claim, findings: pd.DataFrame) -> tuple[str, str]:
    """How sure we are of a repaired value, and why, from the rule and the independent tests."""
    tests = findings[findings.claim_ids.str.split(";").apply(lambda ids: claim.claim_id in ids)]
    literal_ruled_out = any(
        t["verdict"] == "implausible" and "as printed, no repair" in t["reading"]
        for row in tests.itertuples()
        for t in json.loads(row.readings)
    )
    ruled_out = any(row.verdict == "rules_out_readings" for row in tests.itertuples())
    if claim.reading_count > 1 and not ruled_out:
        return "low", "several readings remain and no test tells them apart"
    if claim.reading_count > 1:
        return "medium", "a test rules out some readings; more than one remains"
    if literal_ruled_out:
        return "high", "one reading, and a test rules out the figure as printed"
    if "unknown_value" in claim.flags:
        return "none", "the digits are lost; no value can be given"
    return "medium", "one reading by the named rule; no independent test of the figure as printed"


def defects(audit: NumberAudit) -> pd.DataFrame:
    """Every garbled or suspect number: repaired by a rule (a range is not a defect), or flagged on
    its own by a plausibility test (a test of a pair flags the pair's repaired member, listed anyway)."""
    flagged = set()
    for row in audit.findings.itertuples():
        if row.verdict in ("implausible", "rules_out_readings") and ";" not in row.claim_ids:
            flagged.add(row.claim_ids)
    repaired = ~audit.claims.repair.isin(["none", "range"])
    rows = audit.claims[repaired | audit.claims.claim_id.isin(flagged)]
    sure = [confidence(c, audit.findings) for c in rows.itertuples()]
    return rows.assign(confidence=[s[0] for s in sure], confidence_reason=[s[1] for s in sure])
