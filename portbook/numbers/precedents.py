"""What the book already holds for a drafted claim: the ledger's claims of its metric and entity, in one line.

Trial editors spent about eight minutes per article grepping data/claims.csv to learn whether a drafted metric
was the name the book already uses, and whether the drafted entity was the one the book files such figures under.
The worksheet says it beside each claim, from the ledger the draft was made against.
"""

from __future__ import annotations

import pandas as pd

from portbook.numbers.units import with_unit

MOST_SHOWN = 3
MOST_METRICS = 8  # an entity's metric names, to find the one a new name may duplicate


def _said(row) -> str:
    return f"{row.claim_id} ({with_unit(str(row.figure), str(row.unit))}, {row.period})"


def _some(items: list[str], most: int = MOST_SHOWN) -> str:
    more = len(items) - most
    return ", ".join(items[:most]) + (f" and {more} more" if more > 0 else "")


def in_the_book(entity: str, metric: str, ledger: pd.DataFrame) -> str:
    """One line on the ledger's claims of this metric and this entity, for the editor to compare the draft with.

    >>> ledger = pd.DataFrame([
    ...     dict(claim_id="a-trips-2023", figure="1,200", unit="trips", entity="a", metric="trips", period="2023"),
    ...     dict(claim_id="b-trips-2023", figure="900", unit="trips", entity="b", metric="trips", period="2023"),
    ...     dict(claim_id="b-tonnes-2023", figure="9", unit="tonnes", entity="b", metric="tonnes", period="2023")])
    >>> in_the_book("a", "trips", ledger)
    'a has this metric already: a-trips-2023 (1,200 trips, 2023)'
    >>> in_the_book("c", "trips", ledger)
    'this metric is used for a, b; c has no claim yet'
    >>> in_the_book("a", "tonnes", ledger)
    "this metric is used for b; a's metrics: trips"
    >>> in_the_book("a", "cargo_tonnes", ledger)
    "no claim of this metric yet; a's metrics: trips"
    """
    same_metric = ledger[ledger.metric == metric]
    same = same_metric[same_metric.entity == entity]
    if len(same):
        return f"{entity} has this metric already: {_some([_said(row) for row in same.itertuples()])}"
    theirs = sorted(set(ledger.metric[ledger.entity == entity]))
    mine = f"{entity}'s metrics: {_some(theirs, MOST_METRICS)}" if theirs else f"{entity} has no claim yet"
    if len(same_metric):
        return f"this metric is used for {_some(sorted(set(same_metric.entity)))}; {mine}"
    return f"no claim of this metric yet; {mine}"
