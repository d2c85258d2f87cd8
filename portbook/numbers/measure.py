"""A ledger figure all the way: repaired by its named rule, widened by its qualifier, in base units."""

from __future__ import annotations

from dataclasses import dataclass

from portbook.numbers.interval import Interval, Reading, hull
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
