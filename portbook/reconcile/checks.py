"""Reconcile the cleaned claims with each other: every relation between two figures, tested, with its arithmetic.

Relations are derived from each claim's entity, metric, unit and period, never from claim ids, so the
checks run on a ledger they have never seen. The metric names follow one convention (data/claims.csv):

- a growth metric is ``<stem>_growth_pct`` (percent on the same span a year earlier) or
  ``<stem>_growth_ratio`` (an N-fold, a ratio new/old); it applies to the level metrics whose stem is the
  same, the stem of a level being its name less ``_cny``/``_usd`` and then less ``_value``
  (``trade_growth_pct`` -> ``trade_value_cny``; ``vehicles_exported_ferryman_growth_pct`` ->
  ``vehicles_exported_ferryman``). Where a level is given in yuan and in dollars, the growth is applied to
  the yuan figure: Chinese customs compute growth rates in yuan, and the dollar figure is a conversion;
- a share is a percent metric with ``share`` in its name, ``[<part>_]share_of_<total>_pct``; the total's
  words name a wider entity (an ancestor's id, or ``national`` for the country) and the thing shared,
  matched by word to a level of the same entity, article and period;
- a money pair is a yuan figure and the dollar figure printed in brackets right after it (or the other way
  round): the claims' ``converts`` column, read from the passage they share (portbook.numbers.conversions),
  never guessed from entity and period; their metrics differ only in ``_cny``/``_usd``.

The conventions are written down, with what lint accepts, in ``portbook.numbers.metrics``.

Each check is one row: the formula with the numbers put in, the inputs as intervals (an exact figure is
widened to what it could have been rounded from; ``about`` is the wider of +/-5% and that rounding; ``more
than N`` is open above), the result as an interval (empty = unbounded) and one verdict per reading of an
ambiguous input. Every quantity here is non-negative (money, counts, ratios, growth factors), so an open
lower end counts as 0 and a quantity divided by something unbounded above has 0, not "unknown", as its
lower end.

Verdicts (the ``verdict`` column):

- ``consistent``: a relation was tested and holds under every reading;
- ``conflict``: it fails under every reading;
- ``ambiguous``: it holds under some readings and fails under others; the explanation says which;
- ``cannot_check``: nothing reported to test against (the implied value is still shown), or an input
  is missing; the explanation says what is missing;
- ``not_comparable``: (``kept_apart`` checks only) figures that look alike but describe different
  entities, one inside the other or side by side, so no comparison between them is a test of either.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from datetime import date
from itertools import combinations, product
from typing import TYPE_CHECKING

import pandas as pd

from portbook.ids import ID_PATTERN, MAX_LENGTH
from portbook.numbers.interval import Interval, hull
from portbook.numbers.metrics import SHARE
from portbook.numbers.wording import computed_digits
from portbook.reconcile import rates
from portbook.reconcile.flows import (
    NOT_LEVELS,
    describe,
    family,
    fig,
    flows,
    growth_stem,
    implied_base,
    is_flow,
    is_level,
    is_share,
    level_stem,
    levels_for,
    money_stem,
    months,
    nested_pairs,
    per_time,
    period_label,
    reading_label,
    remainders,
    span,
    undated,
    values,
)
from portbook.reconcile.intervals import (
    UNIT_WORDS,
    computed,
    divide,
    fmt,
    fmt_interval,
    multiply,
    overlaps,
    per_month,
    rate_range,
    result_text,
    subtract,
    whole_numbers,
)
from portbook.reconcile.intervals import rate as rate_words

if TYPE_CHECKING:
    import pandera.pandas as pa

KINDS = ("growth_base", "part_whole", "share_total", "conversion", "same_metric", "kept_apart")
VERDICTS = ("consistent", "conflict", "ambiguous", "cannot_check", "not_comparable")
# The kinds and verdicts of portbook.reconcile.arithmetic (sources, a part in several wholes, subsets across periods,
# running counts, conversions at another period's rate, the same fact twice, an article's date), which share
# checks.csv with these.
MORE_KINDS = (
    "reference",
    "entity_part",
    "subset_total",
    "cumulative",
    "conversion_period",
    "same_fact",
    "publication_date",
)
MORE_VERDICTS = (
    "corroborated",
    "contradicted",
    "matches_original",
    "differs_from_original",
    "different_definition",
    "misleading",
)
CHECK_COLUMNS = [
    "check_id",
    "kind",
    "port",
    "entity",
    "claim_ids",
    "formula",
    "inputs",
    "result_low",
    "result_high",
    "unit",
    "readings",
    "verdict",
    "explanation",
]
SCOPE_WORDS = {"national", "nationwide", "country", "china"}  # a share 'of the national total': the country


# ---------------------------------------------------------------------------
# Rows
# ---------------------------------------------------------------------------


def slug(text: str) -> str:
    """Text as a piece of a kebab-case check id: lower case, any other characters as single hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def check_inputs(*claims) -> str:
    """The claims a check uses, as the JSON of its inputs column: id, figure, qualifier, metric, unit, values, period."""
    rows = []
    for c in claims:
        iv = hull([v.interval for v in values(c)])
        rows.append(
            {
                "claim_id": c.claim_id,
                "figure": c.figure,
                "qualifier": c.qualifier,
                "metric": c.metric,
                "unit": c.unit,
                "low": iv.low,
                "high": iv.high,
                "period": period_label(*span(c)),
            }
        )
    return json.dumps(rows, ensure_ascii=False)


def combine(verdicts: list[str]) -> str:
    """One verdict from the readings' verdicts: theirs if they agree, else 'ambiguous'.

    >>> combine(["consistent", "consistent"]), combine(["consistent", "conflict"])
    ('consistent', 'ambiguous')
    """
    distinct = set(verdicts)
    return distinct.pop() if len(distinct) == 1 else "ambiguous"


def which(readings: list[dict]) -> str:
    """'conflict under A; consistent under B' for an ambiguous check."""
    by_verdict: dict[str, list[str]] = {}
    for r in readings:
        by_verdict.setdefault(r["verdict"], []).append(r["reading"])
    return "; ".join(f"{v} under {', '.join(labels)}" for v, labels in sorted(by_verdict.items()))


def _row(check_id, kind, claims, entity, table, formula, results, unit, readings, explanation, verdict=None) -> dict:
    verdict = verdict or combine([r["verdict"] for r in readings])
    if verdict == "ambiguous":
        explanation += f" The readings disagree: {which(readings)}."
    result = hull(results) if results else Interval(None, None)
    return {
        "check_id": check_id,
        "kind": kind,
        "port": _port(table, entity),
        "entity": entity,
        "claim_ids": ";".join(sorted({c.claim_id for c in claims})),
        "formula": formula,
        "inputs": check_inputs(*claims),
        "result_low": result.low,
        "result_high": result.high,
        "unit": unit,
        "readings": json.dumps(readings, ensure_ascii=False),
        "verdict": verdict,
        "explanation": explanation,
    }


def _table(entities) -> pd.DataFrame:
    table = getattr(entities, "table", entities)
    return (
        table
        if table.index.name == "entity_id" or "entity_id" not in table.columns
        else table.set_index("entity_id", drop=False)
    )


def _port(table: pd.DataFrame, entity: str) -> str:
    return str(table.at[entity, "port"]) if entity in table.index else ""


def _name(table: pd.DataFrame, entity: str) -> str:
    return str(table.at[entity, "name"]) if entity in table.index else entity


def _measured(claims: list, fam: str) -> str:
    """What look-alike figures measure, for a formula: their one metric by its name (the pages give it its words,
    'share of Xinjiang's trade'), or the family of several ('trade' for yuan, dollars and growth) in words."""
    metrics = {c.metric for c in claims}
    return metrics.pop() if len(metrics) == 1 else fam.replace("_", " ")


def reported_by(claim) -> str:
    """Where a figure a check compares with was reported, in words: a source (named in the explanation's 'Source:')
    or an article, by its date; never its id."""
    published = getattr(claim, "published", "") or ""
    published = "" if not isinstance(published, str) else published
    if getattr(claim, "is_reference", False) in (True,):
        return f"a source{', ' + published if published else ''}"
    return f"the article of {published}" if published else "an article"


def ancestors(table: pd.DataFrame, entity: str) -> list[str]:
    """An entity's parent, its parent's parent and so on, nearest first."""
    chain = []
    while entity in table.index and table.at[entity, "parent"] and table.at[entity, "parent"] not in chain:
        entity = table.at[entity, "parent"]
        chain.append(entity)
    return chain


# ---------------------------------------------------------------------------
# growth_base: a growth rate and its level imply the level a year earlier
# ---------------------------------------------------------------------------
def growth_base_checks(claims: pd.DataFrame, table: pd.DataFrame) -> list[dict]:
    """Check each growth rate with its level: the value a year earlier it implies, against any reported."""
    rows, every = [], list(claims.itertuples())
    for g in [c for c in every if growth_stem(c.metric) is not None]:
        stem, period = growth_stem(g.metric), period_label(*span(g))
        levels = levels_for(claims, g, every) if is_flow(g) else []
        if not levels:
            missing = (
                "no dated period to shift a year back"
                if not is_flow(g)
                else f"no {stem.replace('_', ' ')} level for the same period"
            )
            rows.append(
                _row(
                    f"{g.entity}-{slug(stem)}-{slug(period)}-vs-growth",
                    "growth_base",
                    [g],
                    g.entity,
                    table,
                    f"{fig(g, values(g)[0])} growth; {missing}",
                    [],
                    "",
                    [],
                    f"The growth rate cannot be turned into an earlier value: {missing}.",
                    "cannot_check",
                )
            )
            continue
        for level in levels:
            base = implied_base(g, level)
            reported = [
                c
                for c in every
                if c.entity == level.entity and c.metric == level.metric and span(c) == (base.start, base.end)
            ]
            readings, results = [], []
            for label, iv, _point, formula in base.readings:
                for r in reported or [None]:
                    verdict = (
                        "cannot_check"
                        if r is None
                        else ("consistent" if any(overlaps(iv, v.interval) for v in values(r)) else "conflict")
                    )
                    readings.append(
                        {"reading": label, "low": iv.low, "high": iv.high, "verdict": verdict, "formula": formula}
                    )
                    results.append(iv)
            implied = "; ".join(
                f.split(" = ", 1)[1] + (f" ({label})" if label != "as printed" else "")
                for label, _, _, f in base.readings
            )
            formula = "; ".join(dict.fromkeys(f for *_, f in base.readings))
            text = (
                f"{fig(level, values(level)[0])} {UNIT_WORDS.get(level.unit, level.unit)} in {period_label(*span(level))}, "
                f"up {fig(g, values(g)[0])}{'-fold' if g.unit == 'ratio' else ''}, implies {implied} in {base.label}."
            )
            if reported:
                shown = ", ".join(f"{fig(r, values(r)[0])} ({reported_by(r)})" for r in reported)
                formula += f"; reported for {base.label}: {shown}"
                text += f" The figure reported for {base.label} is {shown}."
            else:
                text += f" No figure for {base.label} is reported, so there is nothing to compare it with."
            rows.append(
                _row(
                    f"{level.entity}-{slug(level_stem(level.metric))}-{slug(period)}-vs-growth",
                    "growth_base",
                    [g, level, *reported],
                    level.entity,
                    table,
                    formula,
                    results,
                    level.unit,
                    readings,
                    text,
                )
            )
    return rows


# ---------------------------------------------------------------------------
# part_whole: a flow inside a longer flow of the same entity and metric
# ---------------------------------------------------------------------------
def part_whole_checks(claims: pd.DataFrame, table: pd.DataFrame) -> list[dict]:
    """Check each flow inside a longer flow of the same entity and metric: the part must fit the whole."""
    rows, every = [], list(claims.itertuples())
    keys = sorted({(c.entity, c.metric) for c in every if is_level(c) and is_flow(c)})
    for entity, metric in keys:
        for whole, part in nested_pairs(flows(claims, entity, metric, every)):
            readings = remainders(whole, part)
            unit, ref = whole.unit, whole.readings[0][2]
            rest = readings[0]["segment"]
            sig = min(whole.digits, part.digits)
            several = len(readings) > 1
            part_text = "; or ".join(r["part"] + (f" ({r['reading']})" if several else "") for r in readings)
            rest_text = "; or ".join(r["rest"] + (f" ({r['reading']})" if several else "") for r in readings)
            how = (
                "as reported"
                if part.source == "reported"
                else (f"as implied by {describe(part.later.claims[0])}, {describe(part.claims[1]).rsplit(' (', 1)[0]}")
            )
            text = (
                f"{part.label} was {part_text}, {how}. That leaves {rest_text} of {whole.label}'s "
                f"{whole.show(ref, unit)} for {rest}."
            )
            verdict = combine([r["verdict"] for r in readings])
            if verdict == "consistent":
                text += " No reading makes the part larger than the whole."
            elif verdict == "conflict":
                text += " Under every reading the part is larger than the whole: the figures cannot all be right."
            later = part.later
            if (
                later is not None
                and later.readings[0][2]
                and whole.readings[0][2]
                and later.readings[0][2] > whole.readings[0][2]
                and verdict != "conflict"
            ):
                lo = min(
                    (
                        r["per_month"][rest][0]
                        for r in readings
                        if rest in r["per_month"] and r["per_month"][rest][0] is not None
                    ),
                    default=None,
                )
                hi = max(
                    (
                        r["per_month"][rest][1]
                        for r in readings
                        if rest in r["per_month"] and r["per_month"][rest][1] is not None
                    ),
                    default=None,
                )
                text += (
                    f" So {later.show(later.readings[0][2])} in the {later.months:g} months of {later.label} against "
                    f"{whole.show(ref)} in all of {whole.label} is not a conflict: the monthly average rose from "
                    f"{fmt_interval(Interval(lo, hi), unit, sig=sig)} ({rest}) to "
                    f"{fmt_interval(per_month(later.readings[0][1], later.months), unit, sig=later.digits)} ({later.label})."
                )
            claims_used = list(whole.claims) + list(part.claims)
            formula = "; ".join(dict.fromkeys(r["formula"] for r in readings))
            check_id = f"{entity}-{slug(level_stem(metric))}-{slug(part.label)}-in-{slug(whole.label)}"
            rows.append(
                _row(
                    check_id,
                    "part_whole",
                    claims_used,
                    entity,
                    table,
                    formula,
                    [Interval(r["low"], r["high"]) for r in readings],
                    unit,
                    readings,
                    text,
                    verdict,
                )
            )
    return rows


# ---------------------------------------------------------------------------
# share_total: a share of a named total, and the part it is a share of
# ---------------------------------------------------------------------------


def _words(text: str) -> set[str]:
    # Four letters are enough to match 'trade' with 'trading' and 'trips' with 'trip'.
    return {w[:4] for w in text.split("_") if w not in {"of", "with", "value", "cny", "usd", "pct"}}


def share_scope(table: pd.DataFrame, share) -> tuple[str, list[str]]:
    """The entity a share's total belongs to, and the words left to name the thing shared."""
    words = SHARE.match(share.metric)["total"].split("_")
    chain = ancestors(table, share.entity)
    for size in range(len(words), 0, -1):
        head = "_".join(words[:size])
        for entity in chain:
            if entity.replace("-", "_") == head:
                return entity, words[size:]
    if words[0] in SCOPE_WORDS:
        countries = [e for e in chain if table.at[e, "kind"] == "country"]
        if countries:
            return countries[0], words[1:]
    return share.entity, words


def share_total_checks(claims: pd.DataFrame, table: pd.DataFrame) -> list[dict]:
    """Check each share with its level: the total or part it implies, against any reported total."""
    rows, every = [], list(claims.itertuples())
    for s in [c for c in every if "share" in c.metric]:
        if not is_share(s) or not SHARE.match(s.metric):
            continue
        scope, what = share_scope(table, s)
        check_id = f"{s.entity}-{slug(s.metric.removesuffix('_pct'))}-{slug(period_label(*span(s)))}"
        candidates = [
            c
            for c in every
            if c.entity == s.entity
            and c.article_id == s.article_id
            and span(c) == span(s)
            and is_level(c)
            # a share of all the trains so far is of their total, not of 17 trains a day
            and not per_time(c.metric)
            and _words(c.metric) & _words("_".join(what))
        ]
        if not candidates:
            rows.append(
                _row(
                    check_id,
                    "share_total",
                    [s],
                    s.entity,
                    table,
                    f"{fig(s, values(s)[0])} of {' '.join(what)}; no level",
                    [],
                    "",
                    [],
                    f"No {' '.join(what)} figure of {_name(table, s.entity)} is given for the same period, "
                    "so the share implies nothing that can be checked.",
                    "cannot_check",
                )
            )
            continue
        level = max(
            candidates,
            key=lambda c: (
                len(_words(c.metric) & _words("_".join(what))),
                money_stem(c.metric)[1] == "cny",
                c.claim_id,
            ),
        )
        readings, results = [], []
        sig = computed_digits([level.figure, s.figure])
        for lv, sv in product(values(level), values(s)):
            share = Interval(
                max((sv.interval.low or 0.0) / 100, 0.0),
                min(sv.interval.high / 100, 1.0) if sv.interval.high is not None else 1.0,
            )
            if scope != s.entity:
                iv = divide(lv.interval, share)
                formula = f"{fig(level, lv)} / {fig(s, sv)} = {fmt_interval(iv, level.unit, sig=sig)}"
            else:
                iv = whole_numbers(multiply(share, lv.interval), level.unit)
                formula = f"{fig(s, sv)} × {fig(level, lv)} = {fmt_interval(iv, level.unit, sig=sig)}"
            reported = [
                c
                for c in every
                if scope != s.entity and c.entity == scope and c.metric == level.metric and span(c) == span(s)
            ]
            verdict = "cannot_check"
            if sv.interval.low is not None and sv.interval.low > 100:
                verdict = "conflict"
            elif reported:
                verdict = (
                    "consistent" if any(overlaps(iv, v.interval) for r in reported for v in values(r)) else "conflict"
                )
            readings.append(
                {
                    "reading": reading_label(lv.label, sv.label),
                    "low": iv.low,
                    "high": iv.high,
                    "verdict": verdict,
                    "formula": formula,
                }
            )
            results.append(iv)
        implied = "; ".join(
            dict.fromkeys(fmt_interval(Interval(r["low"], r["high"]), level.unit, sig=sig) for r in readings)
        )
        period = period_label(*span(s))
        if scope != s.entity:
            text = (
                f"{fig(level, values(level)[0])} {UNIT_WORDS.get(level.unit, level.unit)} being {fig(s, values(s)[0])} of the total "
                f"implies a total for {_name(table, scope)} of {implied} in {period} (a share is at most 100%)."
            )
            if level.value_high is None or math.isnan(level.value_high):
                lv0 = values(level)[0]
                sv0 = values(s)[0]
                exact = divide(
                    Interval(lv0.point, lv0.point),
                    Interval((sv0.interval.low or 0) / 100, min((sv0.interval.high or 100) / 100, 1)),
                )
                text += (
                    f" The part is only a lower bound, so the total has no upper bound; were the part exactly "
                    f"{fmt(lv0.point, exact=True)}, the total would be {fmt_interval(exact, level.unit, sig=sig)}."
                )
            reported = [c for c in every if c.entity == scope and c.metric == level.metric and span(c) == span(s)]
            text += (
                f" Reported: {', '.join(f'{fig(r, values(r)[0])} ({reported_by(r)})' for r in reported)}."
                if reported
                else f" No total for {_name(table, scope)} is reported, so the implied total is shown but not tested."
            )
        else:
            part_words = " ".join(
                w.upper() if len(w) <= 3 else w for w in (SHARE.match(s.metric)["part"] or "part").split("_")
            )
            text = (
                f"{fig(s, values(s)[0])} of {fig(level, values(level)[0])} {level.unit} implies {implied} for "
                f"the {part_words} part; no separate figure for it is reported, so it is shown but not tested."
            )
        rows.append(
            _row(
                check_id + "-implied-total" if scope != s.entity else check_id + "-implied-part",
                "share_total",
                [s, level, *([] if scope == s.entity else reported)],
                s.entity,
                table,
                "; ".join(dict.fromkeys(r["formula"] for r in readings)),
                results,
                level.unit,
                readings,
                text,
            )
        )
    return rows


# ---------------------------------------------------------------------------
# conversion: a yuan figure and its dollar conversion imply a rate
# ---------------------------------------------------------------------------


def conversion_checks(claims: pd.DataFrame, table: pd.DataFrame, tolerance: float = rates.TOLERANCE) -> list[dict]:
    """Check each yuan figure with its dollar twin: the rate they imply against the ECB reference rates."""
    rows = []
    money = [c for c in claims.itertuples() if money_stem(c.metric)[1]]
    for yuan, usd in product(money, money):
        if not (
            money_stem(yuan.metric)[1] == "cny"
            and money_stem(usd.metric)[1] == "usd"
            and (getattr(usd, "converts", "") == yuan.claim_id or getattr(yuan, "converts", "") == usd.claim_id)
        ):
            continue
        start, end = span(yuan)
        published = date.fromisoformat(yuan.published)
        refs = {"publication date": (rates.yuan_per_dollar(published), published.isoformat())}
        if start is not None and end is not None:
            refs["period average"] = (
                rates.mean_yuan_per_dollar(start, min(end, published)),
                period_label(start, min(end, published)),
            )
        readings, results = [], []
        sig = computed_digits([yuan.figure, usd.figure])  # the rate two printed figures imply has no more digits
        for yv, uv in product(values(yuan), values(usd)):
            if yv.printed is None or uv.printed is None:
                continue
            iv = divide(yv.printed, uv.printed)
            point = yv.point / uv.point
            near = {}
            for name, (rate, _) in refs.items():
                if rate is not None:
                    gap = (
                        0.0
                        if overlaps(iv, Interval(rate, rate))
                        else min(abs(iv.low - rate), abs(iv.high - rate)) / rate
                    )
                    near[name] = gap
            matched = sorted((abs(point - refs[n][0]), n) for n, gap in near.items() if gap <= tolerance)
            readings.append(
                {
                    "reading": reading_label(yv.label, uv.label),
                    "low": iv.low,
                    "high": iv.high,
                    "point": point,
                    "verdict": "consistent" if matched else ("cannot_check" if not near else "conflict"),
                    "evident_reference": matched[0][1] if matched else "",
                    "gaps": near,
                    "formula": f"{fmt(yv.point, exact=True)} / {fmt(uv.point, exact=True)} = {computed(point, '', sig)} yuan per dollar",
                }
            )
            results.append(iv)
        if not readings:
            continue
        first = readings[0]
        ref_text = "; ".join(
            f"ECB {name} ({when}): {rate_words(rate)}" if rate is not None else f"ECB {name}: no data"
            for name, (rate, when) in refs.items()
        )
        formula = f"{first['formula']} (rounding: {rate_range(first['low'], first['high'])}); {ref_text}"
        text = f"The printed figures imply {rate_range(first['low'], first['high'])} yuan per dollar."
        if first["evident_reference"]:
            name = first["evident_reference"]
            text += f" That matches the ECB {name} rate ({rate_words(refs[name][0])}, within {tolerance:.0%}): the writer evidently used it."
            others = [n for n, gap in first["gaps"].items() if n != name and gap <= tolerance]
            if others:
                text += (
                    f" The {others[0]} rate ({rate_words(refs[others[0]][0])}) is within {tolerance:.0%} too, but further from the "
                    f"printed figures' {computed(first['point'], '', sig)}, so the two cannot be told apart with confidence."
                )
        elif any(r is not None for r, _ in refs.values()):
            text += f" No reference rate is within {tolerance:.0%} of it."
        average = refs.get("period average", (None, ""))[0]
        if average is not None and first["evident_reference"] != "period average":
            yv0 = values(yuan)[0]
            at_average = yv0.point / average
            widened = (
                Interval(yv0.printed.low / average, yv0.printed.high / average) if yv0.printed else Interval(None, None)
            )
            text += (
                f" At the period's average rate ({rate_words(average)}) {fmt(yv0.point, exact=True)} yuan is "
                f"{result_text(at_average, widened, 'usd', computed_digits([yuan.figure]))}, "
                f"not {fmt(values(usd)[0].point, exact=True)}."
            )
        check_id = f"{yuan.entity}-{slug(level_stem(yuan.metric))}-{slug(period_label(start, end))}-yuan-per-dollar"
        rows.append(
            _row(
                check_id,
                "conversion",
                [yuan, usd],
                yuan.entity,
                table,
                formula,
                results,
                "yuan per usd",
                readings,
                text,
            )
        )
    return rows


# ---------------------------------------------------------------------------
# same_metric: one entity and metric in two claims; kept_apart: entities that look alike
# ---------------------------------------------------------------------------


def rows_by(claims: pd.DataFrame, *keys: str) -> list[tuple[tuple, list]]:
    """The claims' rows (as ``itertuples`` gives them) in groups of equal ``keys``, in the order of the keys, each
    group in the table's order: ``groupby`` and then ``itertuples`` per group, but with one pass over the table.
    pandas takes milliseconds per column to start each ``itertuples``, and most groups hold one or two claims.
    A group whose key is missing is left out, as ``groupby`` leaves it out.

    >>> t = pd.DataFrame({"entity": ["b", "a", "b"], "metric": ["m", "m", "m"], "claim_id": ["x", "y", "z"]})
    >>> [(key, [r.claim_id for r in rows]) for key, rows in rows_by(t, "entity", "metric")]
    [(('a', 'm'), ['y']), (('b', 'm'), ['x', 'z'])]
    """
    groups: dict[tuple, list] = {}
    for row in claims.itertuples():
        key = tuple(getattr(row, k) for k in keys)
        if not any(pd.isna(v) for v in key):
            groups.setdefault(key, []).append(row)
    return sorted(groups.items(), key=lambda item: item[0])


def same_metric_checks(claims: pd.DataFrame, table: pd.DataFrame, covered: set[frozenset]) -> list[dict]:
    """Compare each pair of claims of one entity and metric that no growth or part-whole check covers."""
    rows = []
    for (entity, metric), group in rows_by(claims, "entity", "metric"):
        ordered = sorted(group, key=lambda c: (c.period_start, c.period_end, c.claim_id))
        for a, b in combinations(ordered, 2):
            if frozenset({a.claim_id, b.claim_id}) in covered:
                continue
            if getattr(a, "converts", "") and getattr(b, "converts", ""):
                continue  # both are conversions of figures in the other currency, which are compared instead
            pa_, pb = period_label(*span(a)), period_label(*span(b))
            if pa_ != pb:
                check_id = f"{entity}-{slug(family(metric))}-{slug(pa_)}-vs-{slug(pb)}"
            elif a.article_id != b.article_id:
                check_id = f"{entity}-{slug(family(metric))}-{slug(pa_)}-{slug(a.article_id)}-vs-{slug(b.article_id)}"
            else:
                check_id = f"{a.claim_id}-vs-{b.claim_id}"
            fa, fb = fig(a, values(a)[0]), fig(b, values(b)[0])
            unit_word = UNIT_WORDS.get(a.unit, a.unit)
            if span(a) == span(b) and not (undated(a) or undated(b)):
                readings = [
                    {
                        "reading": reading_label(va.label, vb.label),
                        "low": None,
                        "high": None,
                        "verdict": "consistent" if overlaps(va.interval, vb.interval) else "conflict",
                        "formula": f"{fmt_interval(va.interval, a.unit)} vs {fmt_interval(vb.interval, b.unit)}",
                    }
                    for va, vb in product(values(a), values(b))
                ]
                text = f"The same quantity for {pa_} is given as {fa} and {fb} {unit_word}."
                rows.append(
                    _row(
                        check_id,
                        "same_metric",
                        [a, b],
                        entity,
                        table,
                        readings[0]["formula"],
                        [],
                        a.unit,
                        readings,
                        text
                        + (
                            " They agree within rounding."
                            if readings[0]["verdict"] == "consistent"
                            else " They differ beyond rounding."
                        ),
                    )
                )
                continue
            readings, results = [], []
            sig = computed_digits([a.figure, b.figure])
            for va, vb in product(values(a), values(b)):
                if is_flow(a) and is_flow(b) and a.unit not in NOT_LEVELS:
                    ma, mb = months(*span(a)), months(*span(b))
                    iv = divide(per_month(vb.interval, mb), per_month(va.interval, ma))
                    formula = f"({fb} / {mb:g} months) / ({fa} / {ma:g} months) = {fmt_interval(iv, sig=sig)}× the monthly average"
                    years = (span(b)[0] - span(a)[0]).days / 365.25
                    if ma == mb and years >= 1 and iv.low is not None:
                        grow = lambda x: None if x is None else ((x ** (1 / round(years))) - 1) * 100
                        cagr = Interval(grow(iv.low), grow(iv.high))
                        formula += (
                            f"; ({fb} / {fa})^(1/{round(years)}) − 1 = {fmt_interval(cagr, 'percent', sig=sig)} a year"
                        )
                        iv = cagr
                    unit = "ratio" if ma != mb or years < 1 else "percent per year"
                elif a.unit == "percent":
                    # two shares or rates of different periods: a difference of them tests nothing and, between open
                    # bounds ('over 50%'), is unknown; the two are set side by side
                    iv, unit = Interval(None, None), a.unit
                    formula = f"{fa} ({pa_}), then {fb} ({pb})" if pa_ != pb else f"{fa} and {fb}"
                else:
                    iv = subtract(vb.interval, va.interval)
                    formula, unit = f"{fb} − {fa} = {fmt_interval(iv, '', sig=sig)}", a.unit
                readings.append(
                    {
                        "reading": reading_label(va.label, vb.label),
                        "low": iv.low,
                        "high": iv.high,
                        "verdict": "cannot_check",
                        "formula": formula,
                    }
                )
                results.append(iv)
            why = (
                "one of the figures has no stated date (its date is the publication date by assumption), so they may be "
                "different moments"
                if span(a) == span(b)
                else "no reported growth rate links the two periods"
            )
            if span(a) != span(b) and (undated(a) or undated(b)):
                why += "; one of them has no stated date, and the publication date is assumed"
            text = f"{describe(a)} and {describe(b)}: {readings[0]['formula']}. Nothing to test: {why}."
            rows.append(
                _row(
                    check_id,
                    "same_metric",
                    [a, b],
                    entity,
                    table,
                    readings[0]["formula"],
                    results,
                    unit,
                    readings,
                    text,
                    "cannot_check",
                )
            )
    return rows


def kept_apart_checks(claims: pd.DataFrame, table: pd.DataFrame) -> list[dict]:
    """Figures of the same family (trade, trips, a share of Xinjiang's trade) for two related entities:
    one inside the other, or two inside the same parent. They look alike but are not the same quantity."""
    rows = []
    by_family: dict[str, dict[str, list]] = {}
    for c in claims.itertuples():
        by_family.setdefault(family(c.metric), {}).setdefault(c.entity, []).append(c)
    for fam, entities in sorted(by_family.items()):
        for a, b in combinations(sorted(entities), 2):
            if a in ancestors(table, b):
                outer, inner, relation = a, b, "inside"
            elif b in ancestors(table, a):
                outer, inner, relation = b, a, "inside"
            elif (
                a in table.index
                and b in table.index
                and table.at[a, "parent"]
                and table.at[a, "parent"] == table.at[b, "parent"]
                and _port(table, a) == _port(table, b)
            ):
                outer, inner, relation = a, b, "beside"
            else:
                continue
            used = sorted(entities[outer] + entities[inner], key=lambda c: c.claim_id)
            listed = lambda e: ", ".join(describe(c) for c in entities[e])
            if relation == "inside":
                why = (
                    f"{_name(table, inner)} is inside {_name(table, outer)}: its figures are a part of the wider entity's, "
                    f"not another report of the same quantity"
                )
            else:
                why = (
                    f"{_name(table, outer)} and {_name(table, inner)} are two different entities in "
                    f"{_name(table, table.at[a, 'parent'])}; neither's figures report the other's"
                )
            # the verdict word stands beside the explanation on every page, so the explanation does not repeat it
            text = f"{why}. {_name(table, outer)}: {listed(outer)}; {_name(table, inner)}: {listed(inner)}."
            inner_port = _port(table, inner) or _port(table, outer)
            row = _row(
                f"{outer}-vs-{inner}-{slug(fam)}-kept-apart",
                "kept_apart",
                used,
                inner,
                table,
                f"{_measured(used, fam)}: {_name(table, outer)} ≠ {_name(table, inner)}",
                [],
                "",
                [],
                text,
                "not_comparable",
            )
            rows.append({**row, "port": inner_port})
    return rows


# ---------------------------------------------------------------------------
# All together
# ---------------------------------------------------------------------------


def run_checks(claims: pd.DataFrame, entities) -> pd.DataFrame:
    """Every check the cleaned claims allow, one row each, sorted by check_id."""
    table = _table(entities)
    growth = growth_base_checks(claims, table)
    nested = part_whole_checks(claims, table)
    tested = [r for r in growth + nested if r["verdict"] != "cannot_check" or r["kind"] == "part_whole"]
    covered = {frozenset(p) for r in tested for p in combinations(r["claim_ids"].split(";"), 2)}
    rows = (
        growth
        + nested
        + share_total_checks(claims, table)
        + conversion_checks(claims, table)
        + same_metric_checks(claims, table, covered)
        + kept_apart_checks(claims, table)
    )
    for row in growth:
        if row["verdict"] == "cannot_check":
            ids = set(row["claim_ids"].split(";"))
            wider = [r["check_id"] for r in nested if ids <= set(r["claim_ids"].split(";"))]
            if wider:
                # in words, not by the wider checks' ids: a reader finds them beside this one, by their kind
                row["explanation"] += (
                    " It is tested instead against the longer period that holds it, in "
                    + ("a check" if len(wider) == 1 else f"{len(wider)} checks")
                    + " of a part against its whole."
                )
    frame = pd.DataFrame(rows, columns=CHECK_COLUMNS)
    frame["check_id"] = unique_check_ids(frame.check_id.tolist())
    frame = frame.astype({c: ("float64" if c.startswith("result_") else str) for c in CHECK_COLUMNS})
    frame = frame.sort_values("check_id", ignore_index=True)
    return checks_schema().validate(frame)


def unique_check_ids(ids: list[str]) -> list[str]:
    """Check ids made unique (a second use gets -2) and fitted to the id length limit (fit_id)."""
    seen: dict[str, int] = {}
    out = []
    for check_id in ids:
        seen[check_id] = seen.get(check_id, 0) + 1
        out.append(fit_id(check_id if seen[check_id] == 1 else f"{check_id}-{seen[check_id]}"))
    return out


def fit_id(check_id: str) -> str:
    """A check id within the id length limit: one made of two long claim ids keeps its readable start and
    ends in a hash of the whole, so it stays unique.

    >>> fit_id("a-vs-b")
    'a-vs-b'
    >>> long = fit_id("x" * 60 + "-vs-" + "y" * 60)
    >>> long, len(long)
    ('xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx-vs-yyyyyyy-35a1e1bf', 80)
    """
    if len(check_id) <= MAX_LENGTH:
        return check_id
    digest = hashlib.sha256(check_id.encode()).hexdigest()[:8]
    return f"{check_id[: MAX_LENGTH - 9].rstrip('-')}-{digest}"


def checks_schema() -> pa.DataFrameSchema:
    """The schema of data/processed/checks.csv."""
    # pandera takes a tenth of a second to import, and a kernel that reads the build's state never validates
    import pandera.pandas as pa

    text = dict(dtype=str, nullable=False, checks=pa.Check.str_length(min_value=1))
    return pa.DataFrameSchema(
        {
            "check_id": pa.Column(
                str,
                [pa.Check.str_matches(ID_PATTERN), pa.Check.str_length(max_value=MAX_LENGTH)],
                unique=True,
                description="readable kebab-case id: entity, metric, period(s), relation",
            ),
            "kind": pa.Column(
                str,
                pa.Check.isin(KINDS + MORE_KINDS),
                description="growth_base, part_whole, share_total, conversion, same_metric, kept_apart; and (arithmetic.py) "
                "reference, entity_part, subset_total, cumulative, conversion_period, same_fact, publication_date",
            ),
            "port": pa.Column(str, description="the port the entity belongs to (data/entities.csv), for grouping"),
            "entity": pa.Column(**text),
            "claim_ids": pa.Column(**text, description="';'-joined claim ids the check uses"),
            "formula": pa.Column(**text, description="the arithmetic with the numbers put in"),
            "inputs": pa.Column(**text, description="JSON: each claim used, its figure and interval in base units"),
            "result_low": pa.Column(
                float, nullable=True, description="the result's lower end (empty: unbounded or none)"
            ),
            "result_high": pa.Column(
                float, nullable=True, description="the result's upper end (empty: unbounded or none)"
            ),
            "unit": pa.Column(str, description="the unit of result_low/high"),
            "readings": pa.Column(
                str, description="JSON: per reading of an ambiguous input, its result, formula and verdict"
            ),
            "verdict": pa.Column(
                str,
                pa.Check.isin(VERDICTS + MORE_VERDICTS),
                description=(
                    "consistent: tested, holds under every reading; conflict: fails under every reading; ambiguous: the "
                    "readings disagree (the explanation says which); cannot_check: nothing to test against or an input "
                    "missing (the explanation says what); not_comparable: kept_apart, look-alike figures of different "
                    "entities; corroborated / contradicted: an independent source fits / does not; matches_original / "
                    "differs_from_original: the report's original fits / does not; different_definition: a source's "
                    "look-alike figure of another measure; misleading: a conversion at another period's rate"
                ),
            ),
            "explanation": pa.Column(**text),
        },
        checks=[
            pa.Check(
                lambda f: f.result_low.isna() | f.result_high.isna() | (f.result_low <= f.result_high),
                name="low_not_above_high",
            )
        ],
        strict=True,
        ordered=True,
    )
