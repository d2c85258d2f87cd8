"""One claim's whole audit trail, from the raw bytes of its source to its verdict.

Computed from the curated inputs alone (seeds, ledger, entity and bound tables),
so a skeptic can check one claim from a fresh clone without building the book.
The notebook notebooks/03-check-claim.ipynb and `python -m portbook check` both
print this same trail.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import asdict, dataclass, field

import pandas as pd

from portbook.errors import PortbookError, UnknownClaim
from portbook.ids import MAX_LENGTH, require_parameter, shown
from portbook.numbers.measure import measure
from portbook.numbers.repairs import REPAIRS
from portbook.numbers.units import printed_unit
from portbook.reconcile.book_state import BookState
from portbook.reconcile.verdicts import verdict_for

# Flags that describe the value, not how its period was resolved (see claim_values.flags_for).
VALUE_FLAGS = {"ambiguous", "unknown_value", "lower_bound_only", "upper_bound_only"}


@dataclass
class Step:
    """One step of a trail: what was done to the figure, and the repair rule and its evidence if one applies."""

    name: str
    detail: str
    rule: str = ""
    evidence: str = ""


@dataclass
class Trail:
    """One claim's audit trail: source, quote, entity, period, steps, readings, tests and verdict."""

    claim_id: str
    article_id: str
    outlet: str
    headline: str
    published: str
    seed_file: str
    quote: str
    figure: str
    paragraph: str  # the raw line holding the quote
    figure_in_paragraph: tuple[int, int]
    quote_bytes: tuple[int, int]  # byte span of the quote in the raw seed
    entity: str
    entity_name: str
    metric: str
    unit: str
    period_phrase: str
    period: str
    period_flags: list[str]
    steps: list[Step]
    readings: list[dict]
    value_low: float | None
    value_high: float | None
    tests: list[dict] = field(default_factory=list)  # plausibility findings and reconciliation checks
    verdict: str = ""
    verdict_reason: str = ""

    def to_json(self) -> dict:
        """The trail as plain data, for `python -m portbook check --json` and the check notebook."""
        return asdict(self)


def closest_ids(claim_id: str, known) -> list[str]:
    """Up to five known claim ids like a mistyped one, for the error that refuses it."""
    close = difflib.get_close_matches(claim_id, known, n=5, cutoff=0.4)
    return close or sorted(k for k in known if k.split("-")[0] == claim_id.split("-")[0])[:5]


def require_claim(claim_id: str, known) -> None:
    """Refuse a claim id that is not text (BadParameter) or not in the ledger (UnknownClaim), naming the closest known ids."""
    known = set(known)
    if isinstance(claim_id, str) and claim_id not in known:
        close = closest_ids(claim_id[:MAX_LENGTH], sorted(known))  # difflib on a 10,000-character id takes seconds
        raise UnknownClaim(
            f"unknown claim id {shown(claim_id)}; closest: {', '.join(close) or '(none)'}"
            f" (all ids: data/claims.csv, column claim_id)"
        )
    require_parameter("claim_id", claim_id, known, "claim id of data/claims.csv")


def involving(table: pd.DataFrame, claim_id: str) -> pd.DataFrame:
    """The rows of a findings or checks table that use the claim."""
    if table.empty:
        return table
    return table[table.claim_ids.str.split(";").apply(lambda ids: claim_id in ids)]


def literal_step(figure: str, qualifier: str, unit: str | None) -> Step:
    """The trail step that reads the figure literally, with no repair, or says why it cannot be read."""
    try:
        value = measure(figure, "none", qualifier, unit)
        detail = "; ".join(f"{r.label}: [{r.interval.low}, {r.interval.high}]" for r in value.readings)
        return Step("read literally", detail)
    except (PortbookError, ValueError) as refusal:
        return Step("read literally", f"refused: {refusal}")


def build_trail(claim_id: str, context: BookState | None = None) -> Trail:
    """Build one claim's audit trail from the curated inputs, loading the book's state unless given."""
    context = context or BookState()
    require_claim(claim_id, context.ledger.claim_id)
    row = context.ledger.set_index("claim_id").loc[claim_id]
    claim = context.claims.set_index("claim_id").loc[claim_id]
    info = context.seeds[row.article_id]
    raw = context.raw(row.article_id)
    span = next(c for c in context.located if c.claim_id == claim_id)
    line_start = raw.rfind("\n", 0, span.quote_start) + 1
    line_end = raw.find("\n", span.quote_end)
    line_end = len(raw) if line_end < 0 else line_end
    to_byte = lambda offset: len(raw[:offset].encode("utf-8"))
    unit_as_printed = printed_unit(row.quote, row.figure)
    rule = REPAIRS[row.repair]
    steps = [
        Step(
            "quote found",
            f"bytes {to_byte(span.quote_start)}–{to_byte(span.quote_end)} of seeds/{info.seed_file}, once",
        ),
        Step("figure as printed", f"{row.figure!r}, unit as printed {unit_as_printed!r}, qualifier {row.qualifier!r}"),
        literal_step(row.figure, row.qualifier, unit_as_printed),
        Step(
            "repair",
            f"rule {row.repair!r} applies to {rule.applies_to}; it refuses {rule.refuses}",
            rule=row.repair,
            evidence=rule.evidence,
        ),
        Step("cleaned", f"{claim.reading_count} reading(s) in {claim.unit}; qualifier {row.qualifier!r} applied"),
        Step(
            "period",
            f"{row.period!r} against publication date {info.published.isoformat()}: "
            f"{claim.period_start or '?'} to {claim.period_end or '?'} ({claim.period_kind})",
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
            }
        )
    low = None if pd.isna(claim.value_low) else float(claim.value_low)
    high = None if pd.isna(claim.value_high) else float(claim.value_high)
    verdict, reason = verdict_for(
        {"flags": claim["flags"], "repair": row.repair, "reading_count": int(claim.reading_count)}, tests
    )
    return Trail(
        claim_id=claim_id,
        article_id=row.article_id,
        outlet=info.outlet,
        headline=info.headline,
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
        period=f"{claim.period_start or '?'} to {claim.period_end or '?'}",
        period_flags=[
            f for f in claim["flags"].split(";") if f and not f.startswith("repaired") and f not in VALUE_FLAGS
        ],
        steps=steps,
        readings=json.loads(claim.readings),
        value_low=low,
        value_high=high,
        tests=tests,
        verdict=verdict,
        verdict_reason=reason,
    )
