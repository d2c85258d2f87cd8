"""Which money figure is the currency conversion of which, read from the text they share.

A report prints a dollar conversion in brackets right after its yuan figure: "61 billion yuan (about 8.39
billion U.S. dollars)", "150 million yuan ($21.1 million)". The two are paired by that passage, not by entity
and period: two yuan figures of one entity and period, only one of them converted, must never have the dollar
figure of the other tested as their conversion.
"""

from __future__ import annotations

import re

import pandas as pd

from portbook.numbers.ledger import LocatedClaim

MONEY_UNITS = ("yuan", "usd")
# What may stand between a figure and its conversion: the first figure's unit, an opening bracket, a hedge.
BETWEEN = re.compile(
    r"^\s*(?:yuan|rmb|renminbi|u\.?\s?s\.?\s+dollars?|us\s+dollars?|dollars?)?\s*[(（\[]\s*"
    r"(?:about|around|approximately|roughly|some|nearly|or|equivalent\s+to|i\.e\.,?)?\s*(?:us\$|\$|¥|rmb)?\s*$",
    re.IGNORECASE,
)


def conversion_pairs(ledger: pd.DataFrame, located: list[LocatedClaim], raw_texts: dict[str, str]) -> dict[str, str]:
    """{claim id: the claim id it converts} for every money figure printed in brackets right after a figure in the
    other currency.

    >>> import pandas as pd
    >>> raw = "exceeded 61 billion yuan (about 8.39 billion U.S. dollars), up 89.7 percent"
    >>> ledger = pd.DataFrame({"claim_id": ["cny", "usd"], "unit": ["yuan", "usd"]})
    >>> located = [LocatedClaim("cny", "a", 0, 24, 9, 19), LocatedClaim("usd", "a", 25, 60, 32, 44)]
    >>> conversion_pairs(ledger, located, {"a": raw})
    {'usd': 'cny'}
    """
    units = dict(zip(ledger.claim_id, ledger.unit))
    money = sorted(
        (c for c in located if units.get(c.claim_id) in MONEY_UNITS), key=lambda c: (c.article_id, c.figure_start)
    )
    pairs: dict[str, str] = {}
    for first, second in zip(money, money[1:]):
        if first.article_id != second.article_id or units[first.claim_id] == units[second.claim_id]:
            continue
        between = raw_texts[first.article_id][first.figure_end : second.figure_start]
        if BETWEEN.match(between):
            pairs[second.claim_id] = first.claim_id
    return pairs
