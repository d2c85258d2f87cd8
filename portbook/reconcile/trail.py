"""One claim's whole audit trail, from the raw bytes of its source to its best reading, its evidence and verdict.

Computed from the curated inputs alone (seeds, ledger, entity and bound tables),
so a skeptic can check one claim from a fresh clone without building the book.
The notebook notebooks/03-check-claim.ipynb and `python -m portbook check` both
print this same trail.
"""

from __future__ import annotations

import json
import re

import pandas as pd

from portbook.errors import LostDigits, PortbookError
from portbook.numbers.measure import DATE_UNIT, measure
from portbook.numbers.repairs import REPAIRS
from portbook.numbers.units import printed_unit
from portbook.numbers.wording import ordinal, round_sig, significant_digits
from portbook.reconcile import book_state
from portbook.reconcile.book_state import BookState
from portbook.reconcile.flows import QUALIFIER_WORDS, describe, period_label, undated
from portbook.reconcile.intervals import fmt
from portbook.reconcile.trail_record import Step, Trail, closest_ids, require_claim  # noqa: F401  (part of this module's API)
from portbook.reconcile.verdicts import verdict_for

# Flags that describe the value, not how its period was resolved (see claim_values.flags_for).
VALUE_FLAGS = {"ambiguous", "unknown_value", "lower_bound_only", "upper_bound_only"}


def period_span(start: str, end: str) -> str:
    """A resolved period as a reader reads it; a stock at publication, or 'so far', is one day; an end the text does
    not give is left out ('every year' gives none).

    >>> period_span("2021-01-01", "2021-12-31"), period_span("2023-03-08", "2023-03-08"), period_span("", "2022-12-31")
    ('2021-01-01 to 2021-12-31', '2023-03-08', 'up to 2022-12-31')
    >>> period_span("", ""), period_span("2011-01-01", "")
    ('no dates', 'from 2011-01-01')
    """
    if start and start == end:
        return start
    if not start:
        return f"up to {end}" if end else "no dates"
    return f"{start} to {end}" if end else f"from {start}"


def span_ends(span: str) -> tuple[str, str]:
    """The first and last day of a period_span, '' for an end it leaves out.

    >>> [span_ends(period_span(*ends)) for ends in [("2021-01-01", "2021-12-31"), ("", "2022-12-31"), ("", "")]]
    [('2021-01-01', '2021-12-31'), ('', '2022-12-31'), ('', '')]
    """
    if span == "no dates":
        return "", ""
    if span.startswith("up to "):
        return "", span.removeprefix("up to ")
    if span.startswith("from "):
        return span.removeprefix("from "), ""
    start, _, end = span.partition(" to ")
    return start, end or start


def involving(table: pd.DataFrame, claim_id: str) -> pd.DataFrame:
    """The rows of a findings or checks table that use the claim."""
    if table.empty:
        return table
    return table[table.claim_ids.str.split(";").apply(lambda ids: claim_id in ids)]


def rows_by_id(table: pd.DataFrame) -> dict:
    """Each row of a claims or ledger table as a named tuple, by claim id."""
    return {row.claim_id: row for row in table.itertuples(index=False)}


def _rows(context, table: str) -> dict:
    """``rows_by_id`` of one of the context's tables, made once per table: a trail reads rows of other claims for
    every check, and pandas takes milliseconds to pick out a single row."""
    frame = getattr(context, table)
    kept = context.__dict__.setdefault("_rows_by_id", {})
    if table not in kept or kept[table][0] is not frame:
        kept[table] = (frame, rows_by_id(frame))
    return kept[table][1]


def literal_step(figure: str, qualifier: str, unit: str | None) -> Step:
    """The trail step that reads the figure literally, with no repair, or says why it cannot be read."""
    try:
        value = measure(figure, "none", qualifier, unit)
        sig = significant_digits(figure)  # a figure in another unit (acres as m²) keeps its printed digits
        detail = "; ".join(f"{r.label}: {_span(r.interval.low, r.interval.high, sig)}" for r in value.readings)
        return Step("read literally", detail)
    except LostDigits:
        # the error's words are for the ledger's editor (they name the rule to use); a reader is told what happened
        return Step("read literally", "cannot be read: digits were lost from our copy of the page")
    except (PortbookError, ValueError) as refusal:
        # the error names the ledger's rule to use, for its editor; the trail says what is wrong with the figure
        reason = re.sub(r"^\w+: ", "", str(refusal)).split("; name ")[0]
        return Step("read literally", f"refused: {reason}")


def qualifier_words(qualifier: str) -> str:
    """A ledger qualifier as the trail names it: the words it stands for.

    >>> qualifier_words("more_than"), qualifier_words("exact")
    ('“over”', 'no qualifier')
    """
    words = QUALIFIER_WORDS.get(qualifier, "").strip()
    return f"“{words}”" if words else "no qualifier"


def printed_words(unit: str | None, qualifier: str) -> str:
    """What was printed beside a figure: its unit and its qualifier, in words.

    >>> printed_words("trains", "more_than"), printed_words(None, "exact")
    ('unit as printed: trains, qualifier “over”', 'no unit printed, no qualifier')
    """
    unit_text = f"unit as printed: {unit}" if unit else "no unit printed"
    qualifier_text = qualifier_words(qualifier)
    return f"{unit_text}, {qualifier_text if qualifier_text == 'no qualifier' else 'qualifier ' + qualifier_text}"


def _span(low: float | None, high: float | None, sig: int | None = None) -> str:
    """A reading's bounds in base units as a reader writes numbers: '3,700,000,000', '1,529,500,000 to 1,690,500,000',
    'more than 31'. With ``sig`` (the printed figure's digits) a point converted from another unit keeps no more
    digits than were printed: 372 acres is 1,510,000 m², not 1,505,430.589.

    >>> _span(3.7e9, 3.7e9), _span(1529500000.0, 1690500000.0), _span(31.0, None), _span(None, None)
    ('3,700,000,000', '1,529,500,000 to 1,690,500,000', 'more than 31', 'unknown')
    >>> _span(1_505_430.589, 1_505_430.589, 3), _span(3.7e9, 3.7e9, 2)
    ('1,510,000', '3,700,000,000')
    """
    if low is None and high is None:
        return "unknown"
    if high is None:
        return f"more than {_whole(low)}"
    if low is None:
        return f"up to {_whole(high)}"
    if low == high:
        return _whole(low if sig is None else round_sig(low, sig))
    return f"{_whole(low)} to {_whole(high)}"


def _whole(x: float) -> str:
    """A number in base units with its commas, never in exponent notation ('10,000,000,000', not '1e+10').

    >>> _whole(1e10), _whole(16.77), _whole(0.5)
    ('10,000,000,000', '16.77', '0.5')
    """
    return f"{int(x):,}" if float(x).is_integer() else f"{x:,.10g}"


def source_words(ref) -> str:
    """A source as a reason names it: its outlet without the mirror and headline notes, and its date.

    >>> from types import SimpleNamespace as R; from datetime import date
    >>> source_words(R(outlet="Xinhua (新华社, 'Kashgar', Urumqi; mirror a.tw)", published=date(2023, 11, 9)))
    'Xinhua, 2023-11-09'
    """
    outlet = ref.outlet.split(" (", 1)[0]
    return f"{outlet}, {ref.published.isoformat()}" if ref.published else f"{outlet}, undated page"


def _reference_value(ref) -> str:
    """A source's figure in words: '690 million yuan', '125th', '2015-04-20'."""
    value = ref.value
    if value.low is None or value.low != value.high:
        return f"“{ref.as_printed}”"
    if ref.unit == DATE_UNIT:
        v = int(value.low)
        return f"{v // 10000:04d}-{v // 100 % 100:02d}-{v % 100:02d}"
    if ref.unit == "rank":
        return ordinal(int(value.low)) if float(value.low).is_integer() else f"rank {value.low:g}"
    return QUALIFIER_WORDS.get(ref.qualifier, "") + fmt(value.low, ref.unit, exact=True)


def _when(period: str) -> str:
    """' on 2023-07-28' for a day, ' for Jan–Sep 2023' for a span."""
    return f" on {period}" if re.fullmatch(r"\d{4}-\d\d-\d\d", period) else f" for {period}"


# What a check of these kinds did with the figures it names, for a claim's verdict ('with' for the others)
AGAINST = {
    "conversion": "as a conversion at the ECB's rates of",
    "conversion_period": "as a conversion at the period's average rate of",
}


def _named_source(check, claim_id: str, context: BookState):
    """The source a check names in its words (its address in the explanation) and that names the claim."""
    return next(
        (r for r in context.references if claim_id in r.claim_ids and r.url and r.url in str(check.explanation)),
        None,
    )


def against(check, claim_id: str, context: BookState, claims: pd.DataFrame | dict | None = None) -> str:
    """What a check set a claim against, in a reader's words, for the claim's verdict: each other figure it used
    with its period ('with Baktu Port's 16.93 billion yuan for Jan–Sep 2023 (China National Radio, 2023-11-12)'),
    a source by its outlet and date ('(Xinhua, 2023-11-09)'). Never an id: the audit page lists each check with its
    id, labelled. ``claims`` is the book's claims (a table, or its rows by id), when the caller has them."""
    refs = {r.reference_id: r for r in context.references}
    rows = claims if isinstance(claims, dict) else rows_by_id(context.claims if claims is None else claims)
    mine = rows.get(claim_id)
    if check.kind in ("reference", "publication_date"):
        ref = _named_source(check, claim_id, context)
        source = f"({source_words(ref)})" if ref is not None else ""
        if check.kind == "reference":
            return source
        dateline = ref is not None and ref.metric == "publication_date"
        what = "the original report's dateline" if dateline else "the dates of the event it reports"
        return f"with {what} {source}".rstrip()
    said = []
    for row in json.loads(check.inputs):
        other = row["claim_id"]
        if other == claim_id:
            continue
        if other in refs:
            ref = refs[other]
            entity, value = ref.entity, _reference_value(ref)
            period = _when(period_label(ref.start, ref.end)) if ref.start else ""
            source = f" ({source_words(ref)})"
        elif other in rows:
            c = rows[other]
            entity = c.entity
            text, _, period = describe(c).rpartition(" (")
            value = f"the date {c.period_start}" if c.unit == DATE_UNIT else text
            period = "" if c.unit == DATE_UNIT or undated(c) else _when(period.rstrip(")"))
            different = mine is not None and c.article_id != mine.article_id
            source = f" ({context.seeds[c.article_id].outlet.split(' (', 1)[0]}, {c.published})" if different else ""
        else:
            continue
        if mine is not None and entity != mine.entity and entity in context.entities.table.index:
            name = context.entities.table.at[entity, "name"]
            value = f"{value} of {name}" if name.endswith(")") else f"{name}'s {value}"
        said.append(f"{value}{period}{source}")
    if not said:
        return ""
    return f"{AGAINST.get(check.kind, 'with')} {' and '.join(dict.fromkeys(said))}"


def build_trail(claim_id: str, context: BookState | None = None) -> Trail:
    """Build one claim's audit trail from the curated inputs, loading the book's state unless given."""
    context = context or book_state.current()
    require_claim(claim_id, context.ledger.claim_id)
    row = _rows(context, "ledger")[claim_id]
    claim = _rows(context, "claims")[claim_id]
    info = context.seeds[row.article_id]
    raw = context.raw(row.article_id)
    span = next(c for c in context.located if c.claim_id == claim_id)
    line_start = raw.rfind("\n", 0, span.quote_start) + 1
    line_end = raw.find("\n", span.quote_end)
    line_end = len(raw) if line_end < 0 else line_end
    to_byte = lambda offset: len(raw[:offset].encode("utf-8"))
    dated = row.unit == DATE_UNIT  # a date is read as the days it names, not as a number
    unit_as_printed = None if dated else printed_unit(row.quote, row.figure)
    rule = REPAIRS[row.repair]
    steps = [
        Step(
            "quote found",
            f"bytes {to_byte(span.quote_start)}–{to_byte(span.quote_end)} of seeds/{info.seed_file}, once",
        ),
        Step("figure as printed", f"{row.figure!r}, {printed_words(unit_as_printed, row.qualifier)}"),
        Step("read as a date", f"{row.figure!r}: the days it names, as YYYYMMDD")
        if dated
        else literal_step(row.figure, row.qualifier, unit_as_printed),
        Step(
            "repair",
            f"{rule.words + ' ' if rule.words else ''}(rule {row.repair!r}): applies to {rule.applies_to}; "
            f"it refuses {rule.refuses}",
            rule=row.repair,
            evidence=rule.evidence,
        ),
        Step(
            "cleaned",
            f"{claim.reading_count} reading{'' if claim.reading_count == 1 else 's'} in {claim.unit}; "
            f"{qualifier_words(row.qualifier)} applied",
        ),
        Step(
            "period",
            f"{row.period!r} against publication date {info.published.isoformat()}: "
            f"{period_span(claim.period_start, claim.period_end)} ({claim.period_kind})",
        ),
    ]
    tests = []
    for finding in involving(context.findings, claim_id).itertuples():
        tests.append(
            {
                "id": finding.finding_id,
                "kind": finding.kind,
                "formula": finding.formula,
                "bounds": finding.bounds,
                "verdict": finding.verdict,
                "explanation": finding.explanation,
                "claims": finding.claim_ids.split(";"),
            }
        )
    for check in involving(context.checks, claim_id).itertuples():
        tests.append(
            {
                "id": check.check_id,
                "kind": getattr(check, "kind", "check"),
                "formula": check.formula,
                "bounds": "",
                "verdict": check.verdict,
                "explanation": check.explanation,
                "claims": check.claim_ids.split(";"),
                "against": against(check, claim_id, context, _rows(context, "claims")),
            }
        )
    low = None if pd.isna(claim.value_low) else float(claim.value_low)
    high = None if pd.isna(claim.value_high) else float(claim.value_high)
    decision = context.decisions[claim_id].to_json()
    sources = {r.reference_id: source_words(r) for r in context.references}
    verdict, reason = verdict_for(context.decisions[claim_id], tests, decision["best"]["unit"], sources)
    references = [
        {
            "reference_id": r.reference_id,
            "use": r.use,
            "as_printed": r.as_printed,
            "outlet": r.outlet,
            "published": r.published.isoformat() if r.published else "",
            "url": r.url,
            "note": r.note,
        }
        for r in context.references
        if claim_id in r.claim_ids
    ]
    return Trail(
        claim_id=claim_id,
        article_id=row.article_id,
        outlet=info.outlet,
        headline=info.title,
        published=info.published.isoformat(),
        seed_file=info.seed_file,
        quote=row.quote,
        figure=row.figure,
        paragraph=raw[line_start:line_end],
        figure_in_paragraph=(span.figure_start - line_start, span.figure_end - line_start),
        quote_bytes=(to_byte(span.quote_start), to_byte(span.quote_end)),
        entity=row.entity,
        entity_name=context.entities.table.at[row.entity, "name"],
        metric=row.metric,
        unit=claim.unit,
        period_phrase=row.period,
        qualifier=row.qualifier,
        period=period_span(claim.period_start, claim.period_end),
        period_flags=[f for f in claim.flags.split(";") if f and not f.startswith("repaired") and f not in VALUE_FLAGS],
        steps=steps,
        readings=json.loads(claim.readings),
        value_low=low,
        value_high=high,
        tests=tests,
        verdict=verdict,
        verdict_reason=reason,
        best=decision["best"],
        confidence=decision["confidence"],
        confidence_reason=decision["confidence_reason"],
        evidence=decision["evidence"],
        rejected=decision["rejected"],
        references=references,
    )
