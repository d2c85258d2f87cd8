"""From ledger row to cleaned value: the figure parsed from the verbatim quote, repaired by its named
rule, qualified, put in base units, and its period resolved against the article's publication date.

Nothing here is typed by hand: change a rule in portbook.numbers.repairs or a phrase in
portbook.numbers.periods and every value it touches changes.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pandas as pd

from portbook.errors import PortbookError
from portbook.numbers.ledger import Entities, LocatedClaim, where
from portbook.numbers.measure import DATE_UNIT, Measure, measure, measure_date
from portbook.numbers.periods import resolve_period
from portbook.numbers.repairs import REPAIRS
from portbook.numbers.units import printed_unit, unit_agrees, unit_disagreement
from portbook.sources.seeds import SeedInfo

if TYPE_CHECKING:
    import pandera.pandas as pa

PROCESSED_COLUMNS = [
    "claim_id",
    "article_id",
    "published",
    "entity",
    "port",
    "metric",
    "unit",
    "figure",
    "printed_unit",
    "qualifier",
    "repair",
    "printed_reading",
    "readings",
    "reading_count",
    "value_low",
    "value_high",
    "period_phrase",
    "period_start",
    "period_end",
    "period_days",
    "period_kind",
    "flags",
    "quote_char_start",
    "quote_char_end",
    "figure_char_start",
    "figure_char_end",
    "converts",
]


def readings_json(value: Measure) -> str:
    """A measure's readings as JSON (label, low, high), for the readings columns of the processed claims."""
    return json.dumps(
        [{"label": r.label, "low": r.interval.low, "high": r.interval.high} for r in value.readings], ensure_ascii=False
    )


def as_printed(figure: str, qualifier: str, unit: str | None) -> str:
    """The figure read literally, with no repair, or "" where it cannot be read at all.
    Kept beside the repaired readings so the checks can test the literal reading too."""
    try:
        return readings_json(measure(figure, "none", qualifier, unit))
    except (PortbookError, ValueError):
        return ""


# Each flag of the flags column in a reader's words (the column keeps the names; pages show these).
FLAG_WORDS = {
    "relative": "read against the publication date",
    "relative_to_reference": "read against another period",
    "year_to_date": "from 1 January to the publication date",
    "assumed_publication_year": "no year printed, the publication year assumed",
    "assumed_start_jan_1": "counted from 1 January, by assumption",
    "implicit": "no period printed, a stock at publication assumed",
    "vague": "no dates in the text",
    "no_specific_year": "no specific year",
    "ends_after_publication": "the period ends after publication",
    "cumulative": "a running total up to publication",
    "multi_year": "spans more than one calendar year",
    "ambiguous": "more than one reading",
    "unknown_value": "the value was lost",
    "lower_bound_only": "a lower bound only",
    "upper_bound_only": "an upper bound only",
}


def flag_words(flag: str) -> str:
    """A flag of a processed claim in a reader's words; a repair flag names its rule's words.

    >>> flag_words("lower_bound_only"), flag_words("repaired:wan_as_million"), flag_words("new_flag")
    ('a lower bound only', 'repaired: 万, ten thousand, printed as “million”', 'new flag')
    """
    if flag.startswith("repaired:"):
        rule = REPAIRS.get(flag.split(":", 1)[1])
        return f"repaired: {rule.words if rule else flag.split(':', 1)[1].replace('_', ' ')}"
    return FLAG_WORDS.get(flag, flag.replace("_", " "))


def flags_words(flags) -> str:
    """A claim's period and value flags in a reader's words, '; '-joined. A span counted from 1 January by
    assumption up to a printed end ('by the end of October') is not one to the publication date: the words of
    year_to_date are left out beside assumed_start_jan_1.

    >>> flags_words(["assumed_publication_year", "assumed_start_jan_1", "year_to_date"])
    'no year printed, the publication year assumed; counted from 1 January, by assumption'
    >>> flags_words(["relative", "year_to_date", ""])
    'read against the publication date; from 1 January to the publication date'
    """
    shown = [f for f in flags if f and not (f == "year_to_date" and "assumed_start_jan_1" in flags)]
    return "; ".join(flag_words(f) for f in shown)


def flags_for(value: Measure, repair: str, period_flags: frozenset[str]) -> str:
    """The flags column of a processed claim: repair, ambiguity, open ends and period flags, ';'-joined."""
    flags = set(period_flags)
    if repair != "none":
        flags.add(f"repaired:{repair}")
    if len(value.readings) > 1:
        flags.add("ambiguous")
    interval = value.interval
    if interval.low is None and interval.high is None:
        flags.add("unknown_value")
    elif interval.high is None:
        flags.add("lower_bound_only")
    elif interval.low is None:
        flags.add("upper_bound_only")
    return ";".join(sorted(flags))


def clean_claims(
    claims: pd.DataFrame,
    located: list[LocatedClaim],
    seeds: dict[str, SeedInfo],
    entities: Entities,
    ledger_path="data/claims.csv",
    converts: dict[str, str] | None = None,
) -> pd.DataFrame:
    """One row per claim with its interval in base units and its resolved period; ``converts`` names, for a
    currency conversion, the claim it converts (portbook.numbers.conversions)."""
    converts = converts or {}
    spans = {c.claim_id: c for c in located}
    rows = []
    for index, row in claims.iterrows():
        place = where(ledger_path, claims, index)
        published = seeds[row.article_id].published
        try:
            if row.unit == DATE_UNIT:
                unit_as_printed, value = None, measure_date(row.figure, published, row.repair)
            else:
                unit_as_printed = printed_unit(row.quote, row.figure)
                value = measure(row.figure, row.repair, row.qualifier, unit_as_printed)
            period = resolve_period(row.period, published)
        except (PortbookError, ValueError) as error:
            raise type(error)(f"{place}: {error}") from None
        # the row's unit where it fits the word printed ('3.5 trains' counted as trips)
        base_unit = row.unit if unit_agrees(row.unit, value.unit) else value.unit
        printed = as_printed(row.figure, row.qualifier, unit_as_printed) if row.repair != "none" else ""
        if not unit_agrees(row.unit, value.unit):
            raise PortbookError(f"{place}: {unit_disagreement(row.unit, value.unit)}")
        span = spans[row.claim_id]
        interval = value.interval
        rows.append(
            {
                "claim_id": row.claim_id,
                "article_id": row.article_id,
                "published": published.isoformat(),
                "entity": row.entity,
                "port": entities.table.at[row.entity, "port"],
                "metric": row.metric,
                "unit": base_unit,
                "figure": row.figure,
                "printed_unit": unit_as_printed or "",
                "qualifier": row.qualifier,
                "repair": row.repair,
                "printed_reading": printed,
                "readings": readings_json(value),
                "reading_count": len(value.readings),
                "value_low": interval.low,
                "value_high": interval.high,
                "period_phrase": row.period,
                "period_start": period.start.isoformat() if period.start else "",
                "period_end": period.end.isoformat() if period.end else "",
                "period_days": period.days,
                "period_kind": period.kind,
                "flags": flags_for(value, row.repair, period.flags),
                "quote_char_start": span.quote_start,
                "quote_char_end": span.quote_end,
                "figure_char_start": span.figure_start,
                "figure_char_end": span.figure_end,
                "converts": converts.get(row.claim_id, ""),
            }
        )
    frame = pd.DataFrame(rows, columns=PROCESSED_COLUMNS)
    return processed_schema().validate(frame)


def processed_schema() -> pa.DataFrameSchema:
    """The schema the processed claims table must meet: unique ids, a unit, low not above high."""
    # pandera takes a tenth of a second to import, and a kernel that reads the build's state never validates
    import pandera.pandas as pa

    return pa.DataFrameSchema(
        {
            "claim_id": pa.Column(str, unique=True),
            "unit": pa.Column(str, pa.Check.str_length(min_value=1)),
            "value_low": pa.Column(float, nullable=True),
            "value_high": pa.Column(float, nullable=True),
            "reading_count": pa.Column(int, pa.Check.ge(1)),
            "period_days": pa.Column("Int64", pa.Check.ge(1), nullable=True, coerce=True),
        },
        checks=[
            pa.Check(
                lambda f: f.value_low.isna() | f.value_high.isna() | (f.value_low <= f.value_high),
                name="low_not_above_high",
            )
        ],
    )
