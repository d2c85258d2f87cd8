"""One claim's audit trail as a record: what `python -m portbook check` prints, and what its cache keeps.

Plain data classes and the refusal of an unknown id, importing nothing heavy: a cached trail is printed
without loading pandas (portbook.reconcile.trail builds a trail; portbook.reconcile.trail_cache keeps them).
"""

from __future__ import annotations

import difflib
from dataclasses import asdict, dataclass, field, fields

from portbook.errors import UnknownClaim
from portbook.ids import MAX_LENGTH, require_parameter, shown


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
    best: dict = field(default_factory=dict)  # the best reading: label, low, high, unit, source
    confidence: str = ""
    confidence_reason: str = ""
    evidence: list[dict] = field(default_factory=list)  # what each evidence rule said (portbook.reconcile.evidence)
    rejected: list[dict] = field(default_factory=list)  # every reading ruled out, with the rule and the reason
    references: list[dict] = field(default_factory=list)  # every independently published figure that names it
    qualifier: str = ""  # as the ledger reads the printed words: exact, about, more_than, …

    def to_json(self) -> dict:
        """The trail as plain data, for `python -m portbook check --json` and the check notebook."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> Trail:
        """A trail back from its plain data (data/processed/trails.json), for pages rendered without a kernel."""
        return cls(
            **{
                **data,
                "figure_in_paragraph": tuple(data["figure_in_paragraph"]),
                "quote_bytes": tuple(data["quote_bytes"]),
                "steps": [Step(**step) for step in data["steps"]],
            }
        )


def closest_ids(claim_id: str, known) -> list[str]:
    """Up to five known claim ids like a mistyped one, for the error that refuses it."""
    close = difflib.get_close_matches(claim_id, known, n=5, cutoff=0.4)
    return close or sorted(k for k in known if k.split("-")[0] == claim_id.split("-")[0])[:5]


def require_claim(claim_id: str, known) -> None:
    """Refuse a claim id that is not text (BadParameter) or not in the ledger (UnknownClaim), naming the closest
    known ids."""
    known = set(known)
    if isinstance(claim_id, str) and claim_id not in known:
        close = closest_ids(claim_id[:MAX_LENGTH], sorted(known))  # difflib on a 10,000-character id takes seconds
        raise UnknownClaim(
            f"unknown claim id {shown(claim_id)}; closest: {', '.join(close) or '(none)'}"
            f" (all ids: data/claims.csv, column claim_id)"
        )
    require_parameter("claim_id", claim_id, known, "claim id of data/claims.csv")


def trail_from_json(data: dict) -> Trail:
    """A trail from its JSON data (Trail.to_json), as the cache keeps it."""
    values = {f.name: data[f.name] for f in fields(Trail)}
    values["steps"] = [Step(**step) for step in data["steps"]]
    values["figure_in_paragraph"] = tuple(data["figure_in_paragraph"])
    values["quote_bytes"] = tuple(data["quote_bytes"])
    return Trail(**values)
