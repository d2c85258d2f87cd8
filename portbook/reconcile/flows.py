"""Flows: a quantity of one entity and metric over a span of days, reported by a claim or implied by a growth
rate (the level a year earlier), and what a part of a span leaves of the whole; ``implied_series`` gathers
them, with monthly averages, for a chart.

A claim is read here as the checks read it: its readings as intervals (``values``), the stem that ties a
growth rate to its level (the metric naming conventions are in ``portbook.numbers.metrics``), its span and its figure as
printed. Months and period labels are the reader's: 'Jan–Apr 2022', 4 months.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import product

import pandas as pd

from portbook.errors import BadLedger, PortbookError
from portbook.numbers.figures import rounding_interval
from portbook.numbers.interval import Interval, hull
from portbook.numbers.metrics import growth_stem, level_stem, money_stem
from portbook.numbers.periods import Period, year_on_year_base
from portbook.numbers.units import NOT_LEVELS
from portbook.numbers.wording import computed_digits, ordinal
from portbook.reconcile.intervals import (
    UNIT_WORDS,
    computed,
    divide,
    fmt,
    per_month,
    result_text,
    subtract,
    whole_numbers,
)

SERIES_COLUMNS = [
    "segment",
    "period_start",
    "period_end",
    "months",
    "low",
    "high",
    "per_month_low",
    "per_month_high",
    "reading",
    "source",
    "formula",
    "claim_ids",
]
QUALIFIER_WORDS = {
    "more_than": "over ",
    "at_least": "at least ",
    "about": "about ",
    "up_to": "up to ",
    "less_than": "less than ",
    "nearly": "nearly ",
}


# ---------------------------------------------------------------------------
# Claims as the checks read them
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Value:
    """One reading of a claim: ``interval`` for the checks, ``printed`` (the rounding interval of the figure as
    printed, qualifier ignored) for conversions, and ``point`` (the printed figure) for formulas."""

    label: str
    interval: Interval
    printed: Interval | None
    point: float | None


def _relative_rounding(figure: str) -> float:
    try:
        iv = rounding_interval(figure)
    except (PortbookError, ValueError):
        return 0.0  # ranges and garbled figures: their readings carry their own width
    centre = (iv.low + iv.high) / 2
    return 0.0 if centre == 0 else (iv.high - iv.low) / 2 / abs(centre)


def _point(qualifier: str, low: float | None, high: float | None) -> float | None:
    if low is not None and high is not None:
        return high if qualifier == "nearly" else (low + high) / 2  # 'about' is symmetric about the figure
    return low if low is not None else high


def values(claim) -> list[Value]:
    """The claim's readings as the checks use them; a reading the checks cannot take is refused naming the claim."""
    try:
        return _values(claim)
    except ValueError as error:
        raise BadLedger(
            f"data/claims.csv (claim {claim.claim_id}): its figure {claim.figure!r} ({claim.unit}, {claim.qualifier}) "
            f"cannot be read for the checks: {error}; check its unit, qualifier and repair"
        ) from error


def _values(claim) -> list[Value]:
    readings = json.loads(claim.readings)
    rel = 0.0 if claim.unit in ("rank", "date") else _relative_rounding(claim.figure)  # a rank or a day is not rounded
    widen = lambda v, sign: None if v is None else v + sign * abs(v) * rel
    result = []
    for r in readings:
        low, high = r["low"], r["high"]
        point = _point(claim.qualifier, low, high)
        printed = None if point is None else Interval(widen(point, -1), widen(point, 1))
        if claim.qualifier == "exact":
            interval = Interval(widen(low, -1), widen(high, 1))
        elif claim.qualifier == "about" and printed is not None:
            interval = hull([Interval(low, high), printed])
        else:
            interval = Interval(low, high)
        result.append(
            Value("" if len(readings) == 1 else r["label"], whole_numbers(interval, claim.unit), printed, point)
        )
    return result


def is_share(claim) -> bool:
    """Whether a claim is a share: a percent metric with 'share' among its words."""
    return claim.unit == "percent" and "share" in claim.metric.split("_")


def is_level(claim) -> bool:
    """Whether a claim is a level (an amount or a count), not a growth rate, share, ratio or rank."""
    return claim.unit not in NOT_LEVELS and not growth_stem(claim.metric) and not is_share(claim)


def per_time(metric: str) -> bool:
    """Whether a metric counts per day or month, or is an average or a peak: no part of a total over a period.

    >>> per_time("freight_train_trips_per_day_avg"), per_time("trips_per_day_max"), per_time("freight_train_trips")
    (True, True, False)
    """
    return "_per_" in metric or metric.endswith(("_avg", "_max"))


def family(metric: str) -> str:
    """What a metric measures, whatever its form: trade_value_cny, trade_value_usd and trade_growth_pct are all 'trade'."""
    return growth_stem(metric) or (metric[:-4] if metric.endswith("_pct") else level_stem(metric))


def _day(text) -> date | None:
    return date.fromisoformat(text) if isinstance(text, str) and text else None


def span(claim) -> tuple[date | None, date | None]:
    """A claim's period as its first and last day, None for an end it does not have."""
    return _day(claim.period_start), _day(claim.period_end)


def is_flow(claim) -> bool:
    """Whether a claim counts over a dated span, so that spans can be nested, shifted a year or averaged."""
    start, end = span(claim)
    return claim.period_kind == "flow" and start is not None and end is not None


def undated(claim) -> bool:
    """No date printed: the period is the publication date by assumption (or no date at all)."""
    return bool({"implicit", "vague"} & set(str(claim.flags).split(";"))) or span(claim)[0] is None


def fig(claim, value: Value, unit: str | None = None) -> str:
    """A claim's figure as the formulas show it: 'over 5.8', '3.7 billion', '436.8%'."""
    unit = claim.unit if unit is None else unit
    return QUALIFIER_WORDS.get(claim.qualifier, "") + fmt(value.point, unit if unit == "percent" else "", exact=True)


def describe(claim) -> str:
    """A claim in words with its period: '3.8 billion yuan (Jan–Apr 2022)', 'up over 5.8-fold (Jan–Apr 2022)'."""
    value = values(claim)[0]
    if growth_stem(claim.metric):
        text = f"up {fig(claim, value)}" + ("-fold" if claim.unit == "ratio" else "")
    elif claim.unit == "rank":
        whole = value.point is not None and float(value.point).is_integer() and not QUALIFIER_WORDS.get(claim.qualifier)
        text = ordinal(int(value.point)) if whole else f"rank {fig(claim, value)}"
    else:
        unit = "" if claim.unit == "percent" else UNIT_WORDS.get(claim.unit, claim.unit)  # fig writes the %
        text = f"{fig(claim, value)} {unit}".rstrip()
    return f"{text} ({period_label(*span(claim))})"


def reading_label(*labels: str) -> str:
    """The labels of the readings combined, 'as printed' for a figure with one reading."""
    return " / ".join(label for label in labels if label) or "as printed"


# ---------------------------------------------------------------------------
# Periods as a reader sees them
# ---------------------------------------------------------------------------


def _month_end(d: date) -> bool:
    return (d + timedelta(days=1)).day == 1


def period_label(start: date | None, end: date | None) -> str:
    """'2021', 'Jan–Apr 2022', 'May–Dec 2021', '1 Jan–13 Jun 2025', '2023-11-04'.

    >>> period_label(date(2021, 5, 1), date(2021, 12, 31)), period_label(date(2021, 1, 1), date(2021, 12, 31))
    ('May–Dec 2021', '2021')
    """
    if start is None or end is None:
        return "no specific year"
    if start == end:
        return start.isoformat()
    if start.day == 1 and _month_end(end):
        if start.year == end.year:
            if (start.month, end.month) == (1, 12):
                return str(start.year)
            if start.month == end.month:
                return f"{start:%b} {start.year}"
            return f"{start:%b}–{end:%b} {end.year}"
        return f"{start:%b} {start.year}–{end:%b} {end.year}"
    first = f"{start.day} {start:%b}" + ("" if start.year == end.year else f" {start.year}")
    return f"{first}–{end.day} {end:%b} {end.year}"


def months(start: date, end: date) -> float:
    """Calendar months in a span: whole months counted exactly, any other span as days / (365.25 / 12).

    >>> months(date(2022, 1, 1), date(2022, 4, 30)), months(date(2021, 1, 1), date(2021, 12, 31))
    (4.0, 12.0)
    """
    if start.day == 1 and _month_end(end):
        return float((end.year - start.year) * 12 + end.month - start.month + 1)
    return round(((end - start).days + 1) / (365.25 / 12), 2)


# ---------------------------------------------------------------------------
# Reported flows, and the year-on-year base a growth rate implies
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Flow:
    """A flow of one entity and metric over a span, reported or implied, with one entry per reading."""

    start: date
    end: date
    source: str  # 'reported' or 'implied'
    claims: tuple  # the claims it comes from
    readings: tuple  # (label, Interval, point, formula)
    unit: str
    later: Flow | None = None  # for a year-on-year base: the flow whose growth implies it
    sig: int | None = None  # an implied flow's significant digits (its inputs'); None: a reported figure's own

    @property
    def digits(self) -> int:
        """The significant digits this flow's values support: a reported figure's as printed, an implied one's the
        least precise of the figures it comes from."""
        return self.sig if self.sig is not None else computed_digits(c.figure for c in self.claims)

    def show(self, point: float | None, unit: str = "") -> str:
        """One of this flow's points for a sentence: a reported figure with its printed digits, an implied value
        with the digits its inputs support ('691 million', not '691.133 million')."""
        return fmt(point, unit, exact=True) if self.source == "reported" else computed(point, unit, self.digits)

    @property
    def label(self) -> str:
        """The flow's span as a reader sees it, e.g. 'Jan–Apr 2022'."""
        return period_label(self.start, self.end)

    @property
    def months(self) -> float:
        """How many calendar months the flow's span covers, for monthly averages."""
        return months(self.start, self.end)


def reported_flow(claim) -> Flow:
    """The flow a claim reports, one reading per reading of the claim."""
    start, end = span(claim)
    readings = tuple(
        (v.label, v.interval, v.point, f"reported: {fig(claim, v)} {UNIT_WORDS.get(claim.unit, claim.unit)}")
        for v in values(claim)
    )
    return Flow(start, end, "reported", (claim,), readings, claim.unit)


def growth_factor(growth, value: Value) -> Interval:
    """new / old: an N-fold is the ratio itself; a percent g is 1 + g/100 (never below 0)."""
    iv = value.interval
    if growth.unit == "ratio":
        return Interval(max(iv.low or 0.0, 0.0), iv.high)
    low = 0.0 if iv.low is None else max(1 + iv.low / 100, 0.0)
    return Interval(low, None if iv.high is None else max(1 + iv.high / 100, low))


def implied_base(growth, level) -> Flow:
    """The level a year earlier, one reading per (level reading, growth reading)."""
    base = year_on_year_base(Period("", *span(growth), growth.period_kind))
    sig = computed_digits([level.figure, growth.figure])
    readings = []
    for lv, gv in product(values(level), values(growth)):
        iv = divide(lv.interval, growth_factor(growth, gv))
        factor = (
            growth_factor(growth, Value("", Interval(gv.point, gv.point), None, gv.point)).low
            if gv.point is not None
            else None
        )
        point = lv.point / factor if lv.point is not None and factor else None
        divisor = fig(growth, gv) if growth.unit == "ratio" else f"(1 + {fig(growth, gv)})"
        readings.append(
            (
                reading_label(lv.label, gv.label),
                iv,
                point,
                f"{fig(level, lv)} / {divisor} = {result_text(point, iv, level.unit, sig)}",
            )
        )
    return Flow(
        base.start, base.end, "implied", (level, growth), tuple(readings), level.unit, reported_flow(level), sig
    )


def levels_for(claims: pd.DataFrame, growth, rows: list | None = None) -> list:
    """The levels a growth claim applies to: same entity and period, same stem; yuan preferred to dollars.
    ``rows`` is ``list(claims.itertuples())`` when the caller has it (each pass over a frame costs a few ms)."""
    stem = growth_stem(growth.metric)
    found = [
        c
        for c in (claims.itertuples() if rows is None else rows)
        if c.entity == growth.entity and is_level(c) and level_stem(c.metric) == stem and span(c) == span(growth)
    ]
    if any(money_stem(c.metric)[1] == "cny" for c in found):
        found = [c for c in found if money_stem(c.metric)[1] != "usd"]
    return sorted(found, key=lambda c: c.claim_id)


# ---------------------------------------------------------------------------
# A part inside a longer whole, and what it leaves
# ---------------------------------------------------------------------------


def flows(claims: pd.DataFrame, entity: str, metric: str, rows: list | None = None) -> list[Flow]:
    """Every reported flow of an entity and metric, and every year-on-year base a growth rate implies for it."""
    rows = list(claims.itertuples()) if rows is None else rows
    mine = [c for c in rows if c.entity == entity]
    found = [reported_flow(c) for c in mine if c.metric == metric and is_flow(c)]
    for g in mine:
        if growth_stem(g.metric) and is_flow(g):
            found += [implied_base(g, level) for level in levels_for(claims, g, rows) if level.metric == metric]
    return sorted(found, key=lambda f: (f.start, f.end, f.source, [c.claim_id for c in f.claims]))


def remainder_span(whole: Flow, part: Flow) -> tuple[date, date] | None:
    """The rest of the whole when the part is at its start or its end; None when the rest is in two pieces."""
    if part.start == whole.start:
        return part.end + timedelta(days=1), whole.end
    if part.end == whole.end:
        return whole.start, part.start - timedelta(days=1)
    return None


def nested_pairs(found: list[Flow]) -> list[tuple[Flow, Flow]]:
    """Every (whole, part) pair of flows with the part's span inside the whole's, at least one reported."""
    pairs = []
    for whole, part in product(found, found):
        inside = (
            whole.start <= part.start and part.end <= whole.end and (part.start, part.end) != (whole.start, whole.end)
        )
        if inside and "reported" in (whole.source, part.source):
            pairs.append((whole, part))
    return pairs


def remainders(whole: Flow, part: Flow) -> list[dict]:
    """whole - part, reading by reading, with the monthly averages of whole, part and rest."""
    rest = remainder_span(whole, part)
    rest_label = period_label(*rest) if rest else f"the rest of {whole.label}"
    sig = min(whole.digits, part.digits)  # what is left has no more digits than the least precise of the two
    out = []
    for (wl, wiv, wp, _), (pl, piv, pp, pformula) in product(whole.readings, part.readings):
        iv = subtract(wiv, piv)
        rates_ = {whole.label: per_month(wiv, whole.months), part.label: per_month(piv, part.months)}
        if rest:
            rates_[rest_label] = per_month(iv, months(*rest))
        verdict = "conflict" if iv.high is not None and iv.high < 0 else "consistent"
        part_expr = (
            pformula.replace("reported: ", "").split(" = ")[0].removesuffix(" " + UNIT_WORDS.get(part.unit, part.unit))
        )
        point = None if wp is None or pp is None else wp - pp
        left = result_text(point, iv, whole.unit, sig, "at least " if piv.low == 0 else None)
        out.append(
            {
                "reading": reading_label(wl, pl),
                "low": iv.low,
                "high": iv.high,
                "verdict": verdict,
                "formula": f"{whole.show(wp)} − ({part_expr}) = {left}",
                "segment": rest_label,
                "part_low": piv.low,
                "part_high": piv.high,
                "part": pformula.split(" = ", 1)[-1],
                "rest": left,
                "per_month": {k: [v.low, v.high] for k, v in rates_.items()},
            }
        )
    return out


def implied_series(claims: pd.DataFrame, entity: str, metric: str) -> pd.DataFrame:
    """Every reported and implied flow of one entity and metric, one row per reading, with monthly averages:
    the data of a chart of monthly average trade by period with its uncertainty."""
    rows = []
    found = flows(claims, entity, metric)

    def add(label, start, end, iv, reading, source, formula, claim_ids):
        n = months(start, end)
        pm = per_month(iv, n)
        rows.append(
            {
                "segment": label,
                "period_start": start.isoformat(),
                "period_end": end.isoformat(),
                "months": n,
                "low": iv.low,
                "high": iv.high,
                "per_month_low": pm.low,
                "per_month_high": pm.high,
                "reading": reading,
                "source": source,
                "formula": formula,
                "claim_ids": ";".join(claim_ids),
            }
        )

    for f in found:
        for label, iv, _, formula in f.readings:
            add(f.label, f.start, f.end, iv, label, f.source, formula, sorted(c.claim_id for c in f.claims))
    for whole, part in nested_pairs(found):
        rest = remainder_span(whole, part)
        if rest:
            ids = sorted({c.claim_id for c in whole.claims + part.claims})
            for r in remainders(whole, part):
                add(
                    period_label(*rest),
                    *rest,
                    Interval(r["low"], r["high"]),
                    r["reading"],
                    "implied",
                    r["formula"],
                    ids,
                )
    frame = pd.DataFrame(rows, columns=SERIES_COLUMNS)
    return frame.drop_duplicates().sort_values(["period_start", "period_end", "source", "reading"], ignore_index=True)
