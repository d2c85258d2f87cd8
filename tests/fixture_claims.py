"""Processed claims made by hand for the tests of checks and pages: each built as claim_values builds one."""

import json
from datetime import date

from portbook.numbers.measure import measure
from portbook.numbers.periods import resolve_period
from portbook.numbers.units import printed_unit


def claim(
    claim_id,
    entity,
    metric,
    unit,
    figure,
    period,
    *,
    qualifier="exact",
    repair="none",
    article="a-2022-05-30",
    published="2022-05-30",
    quote=None,
    converts="",
):
    """A processed claim built the way claim_values builds one: the figure measured, the period resolved."""
    quote = quote or f"{figure} {unit}"
    value = measure(figure, repair, qualifier, printed_unit(quote, figure))
    p = resolve_period(period, date.fromisoformat(published))
    return {
        "claim_id": claim_id,
        "article_id": article,
        "published": published,
        "entity": entity,
        "metric": metric,
        "unit": value.unit or unit,
        "figure": figure,
        "qualifier": qualifier,
        "repair": repair,
        "readings": json.dumps(
            [{"label": r.label, "low": r.interval.low, "high": r.interval.high} for r in value.readings]
        ),
        "value_low": value.interval.low,
        "value_high": value.interval.high,
        "period_start": p.start.isoformat() if p.start else "",
        "period_end": p.end.isoformat() if p.end else "",
        "period_kind": p.kind,
        "flags": ";".join(sorted(p.flags)),
        "converts": converts,
    }
