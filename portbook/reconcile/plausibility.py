"""Find defects from the articles' own numbers and physical bounds, with the arithmetic shown.

Three kinds of test, each run on every claim or pair of claims they fit, never
on a list of known answers, so they work on an article they have never seen:

- magnitude: a value against the bounds for its unit and metric (a border
  longer than the equator);
- value per unit: money over a count for the same entity and period (yuan per
  parcel, per vehicle, per project, per m²);
- rate per day: a count over the days its period holds (parcels a day through
  one port).

The bounds, each with its basis, are the curated table data/bounds.csv. Where a
claim has several readings (a garbled number, an ambiguous unit) each reading is
tested; a test that rules some readings out is evidence for the others.
"""

from __future__ import annotations

import json
import re
from itertools import product

import pandas as pd

# the checks name the bounds as this stage's own (plausibility.PER_UNIT, plausibility.judge)
from portbook.numbers.bounds import (  # noqa: F401
    BOUNDS,
    PER_DAY,
    PER_UNIT,
    Bound,
    judge,
    load_bounds,
    per_day_quantity,
)
from portbook.numbers.interval import Interval
from portbook.numbers.ledger import Entities
from portbook.numbers.wording import computed_digits, round_sig, significant_digits
from portbook.reconcile import intervals

FINDING_COLUMNS = [
    "finding_id",
    "kind",
    "claim_ids",
    "quantity",
    "formula",
    "bounds",
    "basis",
    "readings",
    "verdict",
    "explanation",
]


AS_PRINTED = "as printed, no repair"


def readings_of(claim) -> list[tuple[str, float | None, float | None]]:
    """The claim's readings, plus its literal reading where a repair changed it: a test that
    rules out the literal reading is evidence for the repair."""
    readings = [(r["label"], r["low"], r["high"]) for r in json.loads(claim.readings)]
    if claim.printed_reading:
        literal = [(AS_PRINTED, r["low"], r["high"]) for r in json.loads(claim.printed_reading)]
        readings += [r for r in literal if r[1:] not in {x[1:] for x in readings}]
    return readings


def divide(
    top: tuple[float | None, float | None], bottom: tuple[float | None, float | None]
) -> tuple[float | None, float | None]:
    """Interval division for positive quantities; None is an unknown end (digits lost), not an open one."""
    iv = intervals.divide(Interval(*top), Interval(*bottom), none_means="unknown")
    return iv.low, iv.high


def overall(verdicts: list[str]) -> str:
    """A finding's verdict from its readings' verdicts: all, some or none ruled out, or nothing to test."""
    known = [v for v in verdicts if v != "cannot_check"]
    if not known:
        return "cannot_check"
    if all(v == "implausible" for v in known):
        return "implausible"
    if any(v == "implausible" for v in known):
        return "rules_out_readings"
    return "plausible"


# Not intervals.fmt: findings, and the claim pages that import this, show plain digits ('5,000,000', not
# '5 million'), so the published findings would change with it.
def fmt(value: float | None, sig: int | None = None, direction: str = "nearest") -> str:
    """A number for findings and claim pages in plain digits ('5,000,000'), '?' when unknown; a value computed from
    printed figures to the ``sig`` significant digits they support (``wording.computed_digits``).

    >>> fmt(8_012_376.2), fmt(8_012_376.2, 6), fmt(35_714_285.7, 2, "up"), fmt(None)
    ('8,012,376', '8,012,380', '36,000,000', '?')
    """
    if value is None:
        return "?"
    if sig is not None:
        value = round_sig(value, sig, direction)
    if value == 0 or 0.01 <= abs(value) < 1e15:
        return f"{value:,.4g}" if abs(value) < 1000 else f"{value:,.0f}"
    return f"{value:.3g}"


def fmt_interval(low: float | None, high: float | None, sig: int | None = None) -> str:
    """A reading or bound for findings and claim pages: one number when both ends agree, 'at least a' or 'at most b'
    for an open end, else 'a to b'. With ``sig`` (a value computed from printed figures), a point has that many
    digits and a lone end is rounded away from what it excludes; the ends of a closed range keep their width.

    >>> fmt_interval(80_124.3, 80_124.3, 6), fmt_interval(None, 35_714_285.7, 2), fmt_interval(1750, 1821.4, 2)
    ('80,124', 'at most 36,000,000', '1,750 to 1,821')
    >>> fmt_interval(-100, None), fmt_interval(None, None)
    ('at least -100', 'any value')
    """
    if low is not None and low == high:
        return fmt(low, sig)
    lone = sig is not None and (low is None) != (high is None)
    if low is None and high is None:
        return "any value"
    if high is None:
        return f"at least {fmt(low, sig, 'down') if lone else fmt(low)}"
    if low is None:
        return f"at most {fmt(high, sig, 'up') if lone else fmt(high)}"
    return f"{fmt(low)} to {fmt(high)}"


def finding(finding_id, kind, claims, quantity, formula, bound, tested) -> dict:
    """One row of the findings table, its verdict and explanation drawn from the tested readings."""
    verdicts = [t["verdict"] for t in tested]
    verdict = overall(verdicts)
    ruled_out = [t["reading"] for t in tested if t["verdict"] == "implausible"]
    kept = [t["reading"] for t in tested if t["verdict"] == "plausible"]
    explanation = {
        "implausible": f"Every reading falls outside the bounds for {quantity}: the figure as printed cannot be right.",
        "rules_out_readings": f"Outside the bounds: {'; '.join(ruled_out)}. Still possible: {'; '.join(kept)}.",
        "plausible": f"Every reading lies within the bounds for {quantity}.",
        "cannot_check": "A value is unknown (digits lost), so nothing can be computed.",
    }[verdict]
    return {
        "finding_id": finding_id,
        "kind": kind,
        "claim_ids": ";".join(claims),
        "quantity": quantity,
        "formula": formula,
        "bounds": fmt_interval(bound.low, bound.high) if bound.low != bound.high else fmt(bound.low),
        "basis": bound.basis,
        "readings": json.dumps(tested, ensure_ascii=False),
        "verdict": verdict,
        "explanation": explanation,
    }


def magnitude_findings(claims: pd.DataFrame, bounds: list[Bound]) -> list[dict]:
    """Test each claim's readings against the bounds for its unit and metric (a border longer than the equator)."""
    found = []
    for claim in claims.itertuples():
        for bound in bounds:
            if bound.quantity == claim.unit and re.search(bound.metric_pattern, claim.metric):
                sig = significant_digits(
                    str(claim.figure)
                )  # a value in base units (acres as m²) has the figure's digits
                tested = [
                    {"reading": label, "value": fmt_interval(low, high, sig), "verdict": judge((low, high), bound)}
                    for label, low, high in readings_of(claim)
                ]
                found.append(
                    finding(
                        f"{claim.claim_id}-magnitude",
                        "magnitude",
                        [claim.claim_id],
                        claim.unit,
                        # the bounds have their own column: pages print them once, after the formula
                        f"{claim.metric} in {claim.unit}",
                        bound,
                        tested,
                    )
                )
    return found


def related(entities: Entities, first: str, second: str) -> bool:
    """The same entity, or one inside the other (a zone in its port)."""

    def ancestors(entity: str) -> set[str]:
        seen = {entity}
        while entity in entities.table.index and entities.table.at[entity, "parent"]:
            entity = entities.table.at[entity, "parent"]
            seen.add(entity)
        return seen

    return first in ancestors(second) or second in ancestors(first)


def per_unit_findings(claims: pd.DataFrame, bounds: list[Bound], entities: Entities) -> list[dict]:
    """Test money over a count of related entities in one article and period: yuan per parcel, per vehicle."""
    by_quantity = {b.quantity: b for b in bounds}
    found = []
    money = claims[claims.unit == "yuan"]
    counts = claims[claims.unit.isin(list(PER_UNIT))]
    for top, bottom in product(money.itertuples(), counts.itertuples()):
        quantity = f"yuan_per_{PER_UNIT[bottom.unit]}"
        if (
            quantity not in by_quantity
            or top.article_id != bottom.article_id
            or (top.period_start, top.period_end) != (bottom.period_start, bottom.period_end)
            or not related(entities, top.entity, bottom.entity)
        ):
            continue
        tested = []
        sig = computed_digits([top.figure, bottom.figure])
        for (label_a, a, b), (label_c, c, d) in product(readings_of(top), readings_of(bottom)):
            value = divide((a, b), (c, d))
            tested.append(
                {
                    "reading": f"{top.figure} {top.unit} ({label_a}) / {bottom.figure} {bottom.unit} ({label_c})",
                    "value": fmt_interval(*value, sig),
                    "verdict": judge(value, by_quantity[quantity]),
                }
            )
        found.append(
            finding(
                f"{top.claim_id}-per-{PER_UNIT[bottom.unit]}",
                "value_per_unit",
                [top.claim_id, bottom.claim_id],
                quantity,
                f"{top.metric} / {bottom.metric}",
                by_quantity[quantity],
                tested,
            )
        )
    return found


def per_day_findings(claims: pd.DataFrame, bounds: list[Bound]) -> list[dict]:
    """Test each counted flow over the days of its period: parcels, trains or people a day."""
    by_quantity = {b.quantity: b for b in bounds}
    found = []
    flows = claims[(claims.period_kind == "flow") & claims.unit.isin(list(PER_DAY)) & claims.period_days.notna()]
    for claim in flows.itertuples():
        quantity = per_day_quantity(claim.unit, claim.metric)
        if quantity not in by_quantity:
            continue
        days = float(claim.period_days)
        tested = [
            {
                "reading": f"{claim.figure} ({label})",
                "value": fmt_interval(*divide((low, high), (days, days)), significant_digits(str(claim.figure))),
                "verdict": judge(divide((low, high), (days, days)), by_quantity[quantity]),
            }
            for label, low, high in readings_of(claim)
        ]
        found.append(
            finding(
                f"{claim.claim_id}-per-day",
                "rate_per_day",
                [claim.claim_id],
                quantity,
                f"{claim.metric} / {int(days)} days ({claim.period_start} to {claim.period_end})",
                by_quantity[quantity],
                tested,
            )
        )
    return found


def find_defects(claims: pd.DataFrame, entities: Entities, bounds: list[Bound] | None = None) -> pd.DataFrame:
    """Every plausibility finding for the cleaned claims, sorted by id."""
    bounds = load_bounds() if bounds is None else bounds
    rows = (
        magnitude_findings(claims, bounds)
        + per_unit_findings(claims, bounds, entities)
        + per_day_findings(claims, bounds)
    )
    return pd.DataFrame(rows, columns=FINDING_COLUMNS).sort_values("finding_id", ignore_index=True)
