"""More of the arithmetic a reader would do: figures set against independent sources, a part against each of its
wholes, a subset against its total across periods, running counts that cannot fall, conversions at another
period's rate, the same fact stated twice, and an article's date against what it reports.

Every function returns rows of data/processed/checks.csv (portbook.reconcile.checks.CHECK_COLUMNS), one per
check, with its formula, its numbers and a verdict. They read the claims as the best readings left them
(portbook.reconcile.evidence.narrowed), the curated references (portbook.reconcile.references) and relations
(portbook.reconcile.relations), never a claim id, so they run on any ledger.

Check verdicts added here (the words are in verdicts.yml):

- ``corroborated`` / ``contradicted``: an independent source prints the same quantity, and it fits / it does not;
- ``matches_original`` / ``differs_from_original``: the same for the report's own original (not independent);
- ``different_definition``: a source's figure that looks alike but measures something else (the note says what);
- ``misleading``: a conversion made at another period's rate, true to that rate but not to the period's.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from itertools import combinations, product

import pandas as pd

from portbook.numbers.interval import Interval, hull
from portbook.numbers.measure import DATE_UNIT
from portbook.numbers.wording import computed_digits, ordinal
from portbook.reconcile import rates
from portbook.reconcile.checks import check_inputs, rows_by, slug
from portbook.reconcile.flows import (
    fig,
    flows,
    is_flow,
    level_stem,
    money_stem,
    months,
    period_label,
    span,
    undated,
    values,
)
from portbook.reconcile.intervals import UNIT_WORDS, agree, computed, divide, fmt, fmt_interval, overlaps
from portbook.reconcile.intervals import rate as rate_words
from portbook.reconcile.plausibility import Bound
from portbook.reconcile.references import TESTS, Reference, measures
from portbook.reconcile.relations import Relations

STANDING_UNITS = {"rank", DATE_UNIT}  # facts that hold across articles whatever their dates


def _is_ref(c) -> bool:
    """Whether a row is a reference's (portbook.reconcile.references.reference_rows), not a claim's."""
    return getattr(c, "is_reference", False) in (True,)  # NaN for a claim's row after a concat


def row(
    check_id, kind, claims, entity, port, formula, result, unit, readings, verdict, explanation, judged=None
) -> dict:
    """One row of data/processed/checks.csv. ``claims`` are every row it reads (references' too, in its inputs);
    the claim ids it lists are ``judged``, by default every claim among them (a reference is never listed)."""
    ids = sorted({c.claim_id for c in (judged if judged is not None else claims) if not _is_ref(c)})
    return {
        "check_id": slug(check_id),
        "kind": kind,
        "port": port,
        "entity": entity,
        "claim_ids": ";".join(ids),
        "formula": formula,
        "inputs": check_inputs(*claims),
        "result_low": result.low if result else None,
        "result_high": result.high if result else None,
        "unit": unit,
        "readings": json.dumps(readings, ensure_ascii=False),
        "verdict": verdict,
        "explanation": explanation,
    }


def show(value: float | None, unit: str) -> str:
    """A value for a check's sentences: a day as a date, a number as the formulas write it."""
    if value is None:
        return "?"
    if unit == DATE_UNIT:
        v = int(value)
        return date(v // 10000, v // 100 % 100, v % 100).isoformat()
    if unit == "rank":
        return ordinal(int(value)) if float(value).is_integer() else f"rank {value:g}"
    return fmt(value, unit, exact=True)


def show_interval(iv: Interval, unit: str) -> str:
    """An interval for a check's sentences: a point with the digits it has, dates and ranks as themselves."""
    if iv.low is not None and iv.low == iv.high:
        return show(iv.low, unit)
    if unit in STANDING_UNITS:
        return f"{show(iv.low, unit)} to {show(iv.high, unit)}"
    return fmt_interval(iv, unit)


def _value(c) -> Interval:
    """A claim's (or a reference row's) values as the checks read them, all readings together."""
    return hull([v.interval for v in values(c)])


# ---------------------------------------------------------------------------
# Sources: a claim against a reference for the same quantity
# ---------------------------------------------------------------------------


def compatible(claim, ref: Reference) -> bool:
    """Whether a reference measures the claim's own quantity (references.measures, read off a claim row)."""
    return measures(ref, claim.entity, claim.metric, claim.unit, *span(claim), undated(claim))


def reference_checks(claims: pd.DataFrame, references: list[Reference], ref_rows: pd.DataFrame) -> list[dict]:
    """Each claim against every reference that names it and measures its quantity: corroborated, contradicted (or
    matches / differs from the original report); a reference of another definition is shown, never counted."""
    found = []
    by_id = {c.claim_id: c for c in claims.itertuples()}
    rows_by_ref = {r.claim_id: r for r in ref_rows.itertuples()}
    for ref in references:
        for claim_id in ref.claim_ids:
            claim = by_id.get(claim_id)
            if claim is None:
                continue
            check_id = f"{claim_id}-vs-{ref.reference_id}"
            cite = f"{ref.outlet}, {ref.published or 'undated page'}: {ref.as_printed} ({ref.url})"
            if ref.use == "different_definition":
                found.append(
                    row(
                        check_id,
                        "reference",
                        [claim],
                        claim.entity,
                        claim.port,
                        f"'{claim.figure}' vs {ref.as_printed}",
                        None,
                        claim.unit,
                        [],
                        "different_definition",
                        f"A source gives a figure that looks alike but measures something else: {ref.note} Source: {cite}.",
                    )
                )
                continue
            if ref.use not in TESTS or not compatible(claim, ref):
                continue
            theirs = _value(rows_by_ref[ref.reference_id])
            readings = [
                {
                    "reading": v.label or "as printed",
                    "low": v.interval.low,
                    "high": v.interval.high,
                    "verdict": "fits" if agree(v.interval, theirs) else "differs",
                    "formula": f"{show_interval(v.interval, claim.unit)} vs {show_interval(theirs, claim.unit)}",
                }
                for v in values(claim)
            ]
            fits = all(r["verdict"] == "fits" for r in readings)
            if ref.use == "original":
                verdict = "matches_original" if fits else "differs_from_original"
                who = "The report's original"
            else:
                verdict = "corroborated" if fits else "contradicted"
                who = "An independent source"
            said = "gives the same" if fits else "gives another figure"
            # what the article printed, as it printed it: a repaired reading is the check's business, not the quote's
            printed = f"'{claim.figure}'"
            found.append(
                row(
                    check_id,
                    "reference",
                    [claim, rows_by_ref[ref.reference_id]],
                    claim.entity,
                    claim.port,
                    f"{printed} vs {ref.as_printed} = {show_interval(theirs, ref.unit)}",
                    theirs,
                    claim.unit,
                    readings,
                    verdict,
                    f"{who} {said}: {ref.as_printed} ({show_interval(ref.interval, ref.unit)}) against the article's {printed}. "
                    f"{ref.note} Source: {cite}.",
                )
            )
    return found


# ---------------------------------------------------------------------------
# A part against each of its wholes
# ---------------------------------------------------------------------------


def _holds(whole, part) -> bool:
    """Whether the whole's period holds the part's (a flow inside a longer one, or the same moment)."""
    (ws, we), (ps, pe) = span(whole), span(part)
    if None in (ws, we, ps, pe):
        return False
    return ws <= ps and pe <= we and (is_flow(whole) == is_flow(part))


def entity_part_checks(claims: pd.DataFrame, ref_rows: pd.DataFrame, relations: Relations, names) -> list[dict]:
    """A part entity's figure against a whole's for the same metric and period (data/relations.csv part_of): the part
    is at most the whole, and its share is shown. A reported claim is preferred to a reference on either side."""
    found = []
    everything = pd.concat([claims, ref_rows], ignore_index=True) if len(ref_rows) else claims
    rows = list(everything.itertuples())
    for relation in [r for r in relations.items if r.relation == "part_of"]:
        parts = [c for c in rows if c.entity == relation.subject and c.unit not in STANDING_UNITS]
        for part in parts:
            wholes = [
                w
                for w in rows
                if w.entity == relation.object and w.metric == part.metric and not undated(w) and _holds(w, part)
            ]
            # the same period first, a claim before a reference, then the shortest period that holds the part
            wholes.sort(key=lambda w: (span(w) != span(part), _is_ref(w), (span(w)[1] - span(w)[0]).days))
            if not wholes or undated(part):
                continue
            whole = wholes[0]
            if _is_ref(part) and _is_ref(whole):
                continue
            p, w = _value(part), _value(whole)
            share = divide(p, w)
            verdict = "conflict" if p.low is not None and w.high is not None and p.low > w.high else "consistent"
            share_text = fmt_interval(
                Interval(
                    None if share.low is None else share.low * 100, None if share.high is None else share.high * 100
                ),
                "percent",
                sig=computed_digits([part.figure, whole.figure]),
            )
            found.append(
                row(
                    f"{part.entity}-in-{whole.entity}-{level_stem(part.metric)}-{period_label(*span(part))}",
                    "entity_part",
                    [part, whole],
                    part.entity,
                    part.port,
                    f"{fig(part, values(part)[0])} / {fig(whole, values(whole)[0])} = {share_text}",
                    Interval(
                        None if share.low is None else share.low * 100, None if share.high is None else share.high * 100
                    ),
                    "percent",
                    [
                        {
                            "reading": "as printed",
                            "low": share.low,
                            "high": share.high,
                            "verdict": verdict,
                            "formula": "part / whole",
                        }
                    ],
                    verdict,
                    f"{names(part.entity)} is part of {names(whole.entity)} ({relation.basis}) Its "
                    f"{show_interval(p, part.unit)} in {period_label(*span(part))} "
                    f"{'fits within' if verdict == 'consistent' else 'exceeds'} the whole's {show_interval(w, whole.unit)} "
                    f"in {period_label(*span(whole))}: {share_text} of it.",
                )
            )
    return found


# ---------------------------------------------------------------------------
# A subset against its total, across periods
# ---------------------------------------------------------------------------


def _flow_value(flow) -> Interval:
    return hull([r[1] for r in flow.readings])


def _flow_words(flow) -> str:
    """A flow's value as its sentences show it: a reported figure as printed, an implied one as its formula's result
    (with the digits its inputs support)."""
    return "; or ".join(dict.fromkeys(r[3].split(" = ", 1)[-1].removeprefix("reported: ") for r in flow.readings))


def subset_total_checks(
    claims: pd.DataFrame, ref_rows: pd.DataFrame, relations: Relations, bounds: list[Bound]
) -> list[dict]:
    """A subset (trade with Belt and Road countries, the ferrymen's vehicles) against its total (all trade, all the
    port's vehicles), flow by flow: each flow of the subset a claim reports or implies (a growth rate's base a year
    earlier) is at most any reported total whose period holds it. Where no total holds it, the longest flow of the
    total inside its period (reported, or implied by a growth rate a year later) says what the rest of the period
    must at least have carried, and that rest's monthly pace is set against the pace before it (bound:
    data/bounds.csv, monthly_pace_ratio). At least one claim takes part in each check."""
    found = []
    pace = next((b for b in bounds if b.quantity == "monthly_pace_ratio"), None)
    everything = pd.concat([claims, ref_rows], ignore_index=True) if len(ref_rows) else claims
    pairs = {(c.entity, c.metric) for c in claims.itertuples() if relations.superset(c.metric)}
    for entity, metric in sorted(pairs):
        total_metric = relations.superset(metric)
        basis = relations.basis(metric, "subset_of", total_metric)
        totals = flows(everything, entity, total_metric)
        for sub in flows(everything, entity, metric):
            if all(_is_ref(c) for c in sub.claims):
                continue
            start, end, s = sub.start, sub.end, _flow_value(sub)
            label = period_label(start, end)
            what = (
                f"{fig(sub.claims[0], values(sub.claims[0])[0])}"
                if sub.source == "reported"
                else sub.readings[0][3].split(" = ")[-1]
            )
            holding = sorted(
                (t for t in totals if t.source == "reported" and t.start <= start and end <= t.end),
                key=lambda t: ((t.end - t.start).days, _width(t)),
            )
            check_id = f"{entity}-{metric}-{label}-in-{total_metric}"
            if holding:
                total = holding[0]
                t = _flow_value(total)
                verdict = "conflict" if s.low is not None and t.high is not None and s.low > t.high else "consistent"
                found.append(
                    row(
                        check_id,
                        "subset_total",
                        [*sub.claims, *total.claims],
                        entity,
                        sub.claims[0].port,
                        f"{what} ({label}) ≤ {_flow_words(total)} ({total.label})",
                        t,
                        sub.unit,
                        [
                            {
                                "reading": "as printed",
                                "low": s.low,
                                "high": s.high,
                                "verdict": verdict,
                                "formula": "subset ≤ total",
                            }
                        ],
                        verdict,
                        f"{basis} {what} in {label} against all of them, {_flow_words(total)} in {total.label}: "
                        + ("it fits." if verdict == "consistent" else "the part is larger than the whole."),
                    )
                )
                continue
            inside = [f for f in totals if f.start >= start and f.end <= end and (f.start, f.end) != (start, end)]
            if not inside or sub.source != "reported":
                continue
            best = max(inside, key=lambda f: ((f.end - f.start).days, -_width(f)))
            lab, base_iv, _, formula = min(best.readings, key=lambda r: _width_iv(r[1]))
            rest = (
                (best.end + timedelta(days=1), end) if best.start == start else (start, best.start - timedelta(days=1))
            )
            needed = Interval(
                None if s.low is None or base_iv.high is None else s.low - base_iv.high,
                None if s.high is None or base_iv.low is None else s.high - base_iv.low,
            )
            sig = min(sub.digits, best.digits)
            carried = fmt_interval(base_iv, sub.unit, sig=best.digits)
            text = (
                f"{basis} {what} {UNIT_WORDS.get(sub.unit, sub.unit)} in {label} is part of all of them; "
                f"{best.label} alone carried {carried} ({formula.split(' = ')[0]}). "
            )
            if needed.high is not None and needed.high <= 0:
                verdict, result = "consistent", needed
                text += f"The subset fits inside {best.label} alone."
            else:
                low_needed = max(needed.low or 0.0, 0.0)
                rest_pace = low_needed / months(*rest)
                before_pace = (base_iv.high if base_iv.high is not None else base_iv.low) / best.months
                ratio = rest_pace / before_pace if before_pace else None
                text += (
                    f"So {period_label(*rest)} must have carried at least {computed(low_needed, sub.unit, sig, 'at least ')}: "
                    f"{computed(rest_pace, sub.unit, sig, 'at least ')} a month against {computed(before_pace, sub.unit, sig)} a month before"
                )
                if ratio is not None and pace is not None:
                    verdict = "conflict" if pace.high is not None and ratio > pace.high else "consistent"
                    text += (
                        f", {computed(ratio, '', sig)} times the pace; {'beyond' if verdict == 'conflict' else 'within'} the bound of "
                        f"{pace.high:g} times ({pace.basis})."
                    )
                else:
                    verdict = "cannot_check"
                    text += "."
                result = Interval(low_needed, None)
            found.append(
                row(
                    check_id,
                    "subset_total",
                    [*sub.claims, *best.claims],
                    entity,
                    sub.claims[0].port,
                    f"{what} − ({formula.split(' = ')[0]})",
                    result,
                    sub.unit,
                    [
                        {
                            "reading": lab or "as printed",
                            "low": result.low,
                            "high": result.high,
                            "verdict": verdict,
                            "formula": formula,
                        }
                    ],
                    verdict,
                    text,
                )
            )
    return found


def _width_iv(iv: Interval) -> float:
    return float("inf") if iv.low is None or iv.high is None else iv.high - iv.low


def _width(f) -> float:
    return min(_width_iv(r[1]) for r in f.readings)


# ---------------------------------------------------------------------------
# Running counts that cannot fall
# ---------------------------------------------------------------------------


def _moment(c) -> date | None:
    start, end = span(c)
    return end or start


def cumulative_checks(claims: pd.DataFrame, ref_rows: pd.DataFrame, relations: Relations) -> list[dict]:
    """A running count (data/relations.csv cumulative) reported at several moments, by the articles or by sources:
    a later count can be no lower than an earlier one."""
    found = []
    everything = pd.concat([claims, ref_rows], ignore_index=True) if len(ref_rows) else claims
    for rel in [r for r in relations.items if r.relation == "cumulative"]:
        series = sorted(
            (c for c in everything.itertuples() if (c.entity, c.metric) == (rel.subject, rel.object) and _moment(c)),
            key=lambda c: (_moment(c), c.claim_id),
        )
        if len(series) < 2 or all(_is_ref(c) for c in series):
            continue
        pairs, falls = [], []
        for a, b in combinations(series, 2):
            va, vb = _value(a), _value(b)
            fell = vb.high is not None and va.low is not None and vb.high < va.low
            pairs.append(
                f"{show_interval(va, a.unit)} on {_moment(a)} then {show_interval(vb, b.unit)} on {_moment(b)}"
            )
            if fell:
                falls.append(pairs[-1])
        verdict = "conflict" if falls else "consistent"
        text = (
            f"{rel.basis} "
            + "; ".join(pairs)
            + (": it fell, which a running count cannot." if falls else ": it never falls.")
        )
        found.append(
            row(
                f"{rel.subject}-{rel.object}-running-count",
                "cumulative",
                series,
                rel.subject,
                series[0].port,
                " ≤ ".join(f"{fig(c, values(c)[0])} ({_moment(c)})" for c in series),
                None,
                series[0].unit,
                [],
                verdict,
                text,
            )
        )
    return found


# ---------------------------------------------------------------------------
# A conversion made at another period's rate
# ---------------------------------------------------------------------------


def conversion_period_checks(claims: pd.DataFrame) -> list[dict]:
    """A dollar figure converted from a yuan figure of the same claim set: the rate the two imply against the rate of
    the period the figures count. Converted at the publication date's rate, a past year's yuan gives another
    year's dollars; when the period's own average rate puts the dollar figure outside what the printed figure
    allows ('about' +/-5%, or its rounding), the conversion is misleading, and the figure at the period's rate is
    shown beside it."""
    found = []
    money = [c for c in claims.itertuples() if money_stem(c.metric)[1]]
    for yuan, usd in product(money, money):
        if not (
            money_stem(yuan.metric)[1] == "cny"
            and money_stem(usd.metric)[1] == "usd"
            and money_stem(yuan.metric)[0] == money_stem(usd.metric)[0]
            and yuan.entity == usd.entity
            and yuan.article_id == usd.article_id
            and span(yuan) == span(usd)
            and is_flow(yuan)
        ):
            continue
        start, end = span(yuan)
        published = date.fromisoformat(yuan.published)
        average = rates.mean_yuan_per_dollar(start, min(end, published))
        at_publication = rates.yuan_per_dollar(published)
        yv, uv = values(yuan)[0], values(usd)[0]
        if average is None or at_publication is None or yv.point is None or uv.point is None:
            continue
        implied = yv.point / uv.point
        at_period = Interval(yv.printed.low / average, yv.printed.high / average)
        fits = overlaps(at_period, uv.interval)
        used_publication = abs(implied - at_publication) <= rates.TOLERANCE * at_publication
        verdict = "consistent" if fits else ("misleading" if used_publication else "conflict")
        label = period_label(start, min(end, published))
        at_rate = f"At {label}'s average rate ({rate_words(average)} yuan per dollar) {fmt(yv.point, exact=True)} yuan is {fmt_interval(at_period, 'usd')}"
        rates_text = f"the figures imply {computed(implied, '', computed_digits([yuan.figure, usd.figure]))}; the ECB rate on the publication date ({published}) was {rate_words(at_publication)}"
        if fits:
            text = f"{at_rate}, within what the printed {fig(usd, uv)} allows ({rates_text})."
        elif used_publication:
            text = (
                f"{at_rate}, not {fig(usd, uv)}: the dollar figure converts {label}'s yuan at the publication date's rate "
                f"({rates_text}), true to that rate and misleading about {label}."
            )
        else:
            text = f"{at_rate}, not {fig(usd, uv)}, and no reference rate explains the printed pair ({rates_text})."
        found.append(
            row(
                f"{yuan.entity}-{level_stem(yuan.metric)}-{label}-at-the-period-s-rate",
                "conversion_period",
                [usd, yuan],
                yuan.entity,
                yuan.port,
                f"{fmt(yv.point, exact=True)} / {rate_words(average)} = {fmt_interval(at_period, 'usd')} (printed: {fig(usd, uv)})",
                at_period,
                "usd",
                [
                    {
                        "reading": "as printed",
                        "low": at_period.low,
                        "high": at_period.high,
                        "verdict": verdict,
                        "formula": "yuan / period average rate",
                    }
                ],
                verdict,
                text,
                judged=[usd],
            )
        )
    return found


# ---------------------------------------------------------------------------
# The same fact stated in two articles
# ---------------------------------------------------------------------------


def same_fact_checks(claims: pd.DataFrame) -> list[dict]:
    """A standing fact (a rank, a date) stated by two articles, whatever their dates: the same, or not."""
    found = []
    for (entity, metric), group in rows_by(claims, "entity", "metric"):
        standing = [c for c in group if c.unit in STANDING_UNITS]
        for a, b in combinations(sorted(standing, key=lambda c: (c.published, c.claim_id)), 2):
            if a.article_id == b.article_id:
                continue
            va, vb = _value(a), _value(b)
            if a.unit == DATE_UNIT and vb.low > int(a.published.replace("-", "")):
                # A date after the earlier article was published is not the fact that article stated: it is a
                # later occurrence of a recurring event (a pass that reopens every spring), not a restatement.
                continue
            verdict = "consistent" if overlaps(va, vb) else "conflict"
            found.append(
                row(
                    f"{entity}-{metric}-{a.article_id}-and-{b.article_id}",
                    "same_fact",
                    [a, b],
                    entity,
                    a.port,
                    f"{show_interval(va, a.unit)} ({a.published}) vs {show_interval(vb, b.unit)} ({b.published})",
                    None,
                    a.unit,
                    [],
                    verdict,
                    f"Two articles state the same fact, {a.published} and {b.published}: "
                    + ("they agree." if verdict == "consistent" else "they disagree."),
                )
            )
    return found


# ---------------------------------------------------------------------------
# An article's date against what it reports
# ---------------------------------------------------------------------------


def publication_checks(claims: pd.DataFrame, references: list[Reference]) -> list[dict]:
    """An article's publication date against the evidence for it: the original report's dateline (a reference with
    metric publication_date) must give the same day, and an event whose outcome a claim reports (a reference with
    metric event_dates naming that claim) must have ended by then."""
    found = []
    by_id = {c.claim_id: c for c in claims.itertuples()}
    for ref in references:
        if ref.metric not in ("publication_date", "event_dates") or ref.unit != DATE_UNIT:
            continue
        for claim_id in ref.claim_ids:
            claim = by_id.get(claim_id)
            if claim is None:
                continue
            published = date.fromisoformat(claim.published)
            day = int(published.strftime("%Y%m%d"))
            if ref.metric == "publication_date":
                verdict = "consistent" if ref.value.low <= day <= ref.value.high else "conflict"
                text = (
                    f"The article is dated {published}; the original report's dateline, {ref.as_printed} "
                    f"({ref.outlet}, {ref.url}), gives {show_interval(ref.value, DATE_UNIT)}."
                )
            else:
                verdict = "consistent" if day >= ref.value.high else "conflict"
                text = (
                    f"The article reports the outcome of an event that ran {show_interval(ref.value, DATE_UNIT)} "
                    f"({ref.as_printed}; {ref.outlet}, {ref.url}), so it cannot be older than {show(ref.value.high, DATE_UNIT)}; "
                    f"it is dated {published}."
                )
            found.append(
                row(
                    f"{claim.article_id}-published-{ref.reference_id}",
                    "publication_date",
                    [claim],
                    claim.entity,
                    claim.port,
                    f"published {published} vs {show_interval(ref.value, DATE_UNIT)}",
                    None,
                    DATE_UNIT,
                    [],
                    verdict,
                    text,
                )
            )
    return found
