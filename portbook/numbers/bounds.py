"""The curated bounds on a quantity (data/bounds.csv) and whether a reading lies within them.

The numbers stage reads them too, not only the checks: ``propose`` drafts the repair of a figure whose scale word
is ambiguous (万 or 'million') from the one reading that a bound leaves standing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from portbook import paths
from portbook.numbers.ledger import read_csv

BOUNDS = paths.DATA / "bounds.csv"
PER_UNIT = {
    "parcels": "parcel",
    "vehicles": "vehicle",
    "projects": "project",
    "m2": "m2",
    "enterprises": "enterprise",
    "people": "person",
}
PER_DAY = {
    "vehicles": "vehicles_per_day",
    "parcels": "parcels_per_day",
    "trains": "trains_per_day",
    "trips": "trains_per_day",
    "people": "people_per_day",
}


def per_day_quantity(unit: str, metric: str) -> str | None:
    """The daily bound a counted flow is tested against. Trips by train are trains; other trips are crossings of people
    or vehicles ('105,800 trips' an immigration station handled at a road port, 人次 in the original), which no
    train bound holds."""
    if unit == "trips" and "train" not in metric:
        return "trips_per_day"
    return PER_DAY.get(unit)


@dataclass(frozen=True)
class Bound:
    """One curated bound (data/bounds.csv): the plausible range of a quantity for matching metrics, and why."""

    quantity: str
    metric_pattern: str
    low: float | None
    high: float | None
    basis: str


def load_bounds(path: Path = BOUNDS) -> list[Bound]:
    """Read the curated bounds, an empty cell being an open end."""
    table = read_csv(path)
    number = lambda text: float(text) if text != "" else None
    return [Bound(r.quantity, r.metric_pattern, number(r.low), number(r.high), r.basis) for r in table.itertuples()]


def judge(value: tuple[float | None, float | None], bound: Bound) -> str:
    """implausible when no value the reading allows lies within the bound; an open end
    ("more than N") is plausible as long as N itself is not beyond the bound."""
    low, high = value
    if low is None and high is None:
        return "cannot_check"
    above = bound.high is not None and low is not None and low > bound.high
    below = bound.low is not None and high is not None and high < bound.low
    return "implausible" if above or below else "plausible"
