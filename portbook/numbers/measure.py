"""A ledger figure all the way: repaired by its named rule, widened by its qualifier, in base units."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from portbook.errors import RepairNotApplicable
from portbook.numbers.interval import Interval, Reading, hull
from portbook.numbers.periods import resolve_period
from portbook.numbers.qualifiers import apply_qualifier
from portbook.numbers.repairs import apply_repair
from portbook.numbers.units import to_base_units


@dataclass(frozen=True)
class Measure:
    """A figure repaired, qualified and put into base units, reading by reading."""

    figure: str
    repair: str
    qualifier: str
    unit: str | None
    readings: tuple[Reading, ...]

    @property
    def interval(self) -> Interval:
        """The smallest interval holding every reading: all the values the figure could mean."""
        return hull([r.interval for r in self.readings])


def measure(figure: str, repair: str = "none", qualifier: str = "exact", unit: str | None = None) -> Measure:
    """Repair a printed figure by a named rule, widen it by its qualifier, convert to base units.

    ``unit`` is the unit as printed (see ``printed_unit``); a unit the figure
    itself carries (percent, N-fold, '$', '-hour') or one the rule settles on
    (mu) takes precedence.

    >>> m = measure("372", "mu_as_acres", unit="acres")
    >>> m.unit, m.interval.low
    ('m2', 248000.0)
    >>> measure("more", "none")
    Traceback (most recent call last):
    ...
    portbook.errors.UnparseableNumber: cannot read 'more' as a number
    >>> measure("3.7 billion", unit="yuan").interval
    Interval(low=3700000000.0, high=3700000000.0)
    >>> measure("40,000", qualifier="more_than", unit="passengers").interval
    Interval(low=40000.0, high=None)
    """
    repaired = apply_repair(repair, figure, unit)
    unit_word = repaired.unit or unit
    base: str | None = None
    readings = []
    for r in repaired.readings:
        iv = apply_qualifier(qualifier, r.interval)
        if unit_word:
            iv, base = to_base_units(iv, unit_word)
        readings.append(Reading(r.label, iv))
    return Measure(figure, repair, qualifier, base, tuple(readings))


DATE_UNIT = "date"
"""The unit of a claim whose figure is a date (an event, a start): its value is the day as YYYYMMDD."""


def date_number(day: date) -> int:
    """A day as the number YYYYMMDD: it sorts and compares as the date does, and reads as one.

    >>> date_number(date(2023, 4, 3))
    20230403
    """
    return day.year * 10000 + day.month * 100 + day.day


def measure_date(figure: str, published: date, repair: str = "none") -> Measure:
    """A dated event's figure ('April 3, 2023', 'November 1', 'August this year', '2015') as the days it allows.

    A date without a year takes the publication year, as the period phrases do (numbers.periods); a month or a
    year is every day in it. Dates are read, never repaired.

    >>> measure_date("April 3, 2023", date(2023, 11, 11)).interval
    Interval(low=20230403.0, high=20230403.0)
    >>> measure_date("2015", date(2022, 5, 30)).interval
    Interval(low=20150101.0, high=20151231.0)
    >>> measure_date("August 14", date(2023, 11, 11), repair="range")
    Traceback (most recent call last):
    ...
    portbook.errors.RepairNotApplicable: a date is read as printed: repair must be 'none', not 'range'
    """
    if repair != "none":
        raise RepairNotApplicable(f"a date is read as printed: repair must be 'none', not {repair!r}")
    period = resolve_period(figure, published)
    if period.start is None or period.end is None:
        raise RepairNotApplicable(f"{figure!r} is not a date")
    interval = Interval(date_number(period.start), date_number(period.end))
    return Measure(figure, repair, "exact", DATE_UNIT, (Reading("as printed", interval),))
