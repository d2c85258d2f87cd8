"""Units as printed, and their conversion to the base units the book computes in (km, m2, yuan, usd, ...)."""

from __future__ import annotations

import re
from fractions import Fraction

from portbook.errors import UnknownUnit
from portbook.numbers.figures import read_figure, split_range
from portbook.numbers.interval import Interval

ACRE_M2 = Fraction("4046.8564224")  # international acre, exactly
MU_M2 = Fraction(10000, 15)  # 1 mu = 1/15 hectare, exactly

# printed unit (normalised, singular) -> (base unit, factor)
UNITS: dict[str, tuple[str, Fraction]] = {
    "kilometer": ("km", Fraction(1)),
    "kilometre": ("km", Fraction(1)),
    "km": ("km", Fraction(1)),
    # heights and short lengths stay in metres ('5,000 meters above sea level'): a reader never says "about 5 km" of
    # an altitude, and no check sets a height against a distance
    "meter": ("m", Fraction(1)),
    "metre": ("m", Fraction(1)),
    "square kilometer": ("m2", Fraction(10**6)),
    "square kilometre": ("m2", Fraction(10**6)),
    "km2": ("m2", Fraction(10**6)),
    "sq km": ("m2", Fraction(10**6)),
    "square meter": ("m2", Fraction(1)),
    "square metre": ("m2", Fraction(1)),
    "m2": ("m2", Fraction(1)),
    "hectare": ("m2", Fraction(10**4)),
    "acre": ("m2", ACRE_M2),
    "mu": ("m2", MU_M2),
    "yuan": ("yuan", Fraction(1)),
    "rmb": ("yuan", Fraction(1)),
    "cny": ("yuan", Fraction(1)),
    "u.s. dollar": ("usd", Fraction(1)),
    "us dollar": ("usd", Fraction(1)),
    "dollar": ("usd", Fraction(1)),
    "usd": ("usd", Fraction(1)),
    "ton": ("tonnes", Fraction(1)),
    "tonne": ("tonnes", Fraction(1)),
    "tonnes": ("tonnes", Fraction(1)),
    # a time of minutes stays in minutes ("in as little as 20 minutes"): a reader never says "about 0.33 hours"
    "minute": ("minutes", Fraction(1)),
    "hour": ("hours", Fraction(1)),
    "day": ("days", Fraction(1)),
    "week": ("days", Fraction(7)),
    "month": ("months", Fraction(1)),
    "year": ("years", Fraction(1)),
    "percent": ("percent", Fraction(1)),
    "%": ("percent", Fraction(1)),
    "fraction": ("percent", Fraction(100)),
    "ratio": ("ratio", Fraction(1)),
    "rank": ("rank", Fraction(1)),
    "vehicle": ("vehicles", Fraction(1)),
    "car": ("vehicles", Fraction(1)),
    "truck": ("vehicles", Fraction(1)),
    "parcel": ("parcels", Fraction(1)),
    "package": ("parcels", Fraction(1)),
    "passenger": ("people", Fraction(1)),
    "traveler": ("people", Fraction(1)),
    "traveller": ("people", Fraction(1)),
    "people": ("people", Fraction(1)),
    "person": ("people", Fraction(1)),
    "resident": ("people", Fraction(1)),
    "border resident": ("people", Fraction(1)),
    "employee": ("people", Fraction(1)),
    "trip": ("trips", Fraction(1)),
    "train": ("trains", Fraction(1)),
    "enterprise": ("enterprises", Fraction(1)),
    "company": ("enterprises", Fraction(1)),
    "companies": ("enterprises", Fraction(1)),
    "e-commerce company": ("enterprises", Fraction(1)),
    "e-commerce companies": ("enterprises", Fraction(1)),
    "foreign trade enterprise": ("enterprises", Fraction(1)),
    "project": ("projects", Fraction(1)),
    "passage": ("passages", Fraction(1)),
    "order": ("orders", Fraction(1)),
    "foreign trade order": ("orders", Fraction(1)),
    "country": ("countries", Fraction(1)),
    "countries": ("countries", Fraction(1)),
    # the places a service's trains reach ('linking 19 destinations, including Germany, Poland'), not all countries
    "destination": ("destinations", Fraction(1)),
    # 'one of the two land ports between China and Kyrgyzstan'
    "port": ("ports", Fraction(1)),
    "city": ("cities", Fraction(1)),
    "case": ("cases", Fraction(1)),
    "program": ("programs", Fraction(1)),
    "detailed program": ("programs", Fraction(1)),
    "media organization": ("organizations", Fraction(1)),
    "station": ("stations", Fraction(1)),
    # a railway station's tracks and lines ("converted one track", "a new container line")
    "track": ("tracks", Fraction(1)),
    "container line": ("lines", Fraction(1)),
    "existing station": ("stations", Fraction(1)),
    "route": ("routes", Fraction(1)),
    "cross-border tourist route": ("routes", Fraction(1)),
    "container switching warehouse": ("warehouses", Fraction(1)),
    "industry": ("industries", Fraction(1)),
    "industries": ("industries", Fraction(1)),
    "major industries": ("industries", Fraction(1)),
    "integrated bonded area": ("zones", Fraction(1)),
    "category": ("categories", Fraction(1)),
    "categories": ("categories", Fraction(1)),
    # 'more than 200 types of goods': the kinds of the things counted (README, 'Metric names': <thing>_categories)
    "type": ("categories", Fraction(1)),
    "kind": ("categories", Fraction(1)),
    "platform": ("platforms", Fraction(1)),
    "refrigerator": ("units", Fraction(1)),
    "unit": ("units", Fraction(1)),
}


# Base units of a time, and of a quantity read along a scale (a length, an area, a time): a metric of one ends in it.
TIME_UNITS = frozenset({"minutes", "hours", "days", "months", "years"})
SCALAR_UNITS = frozenset({"km", "m", "m2"}) | TIME_UNITS
# Base units that measure rather than count: a figure in one is continuous, and is named for what it measures.
MEASURED_UNITS = SCALAR_UNITS | {"tonnes", "yuan", "usd", "percent", "ratio"}


def with_unit(figure: str, unit: str) -> str:
    """A ledger row's figure with its base unit, unless the figure prints a unit of its own, for an editor to read.

    >>> with_unit("13,300", "trucks"), with_unit("8.7 percent", "percent"), with_unit("86.4 per cent", "percent")
    ('13,300 trucks', '8.7 percent', '86.4 per cent')
    """
    carried = figure.endswith(unit) or unit == "percent" and re.search(r"(?:per\s*cent|%)$", figure, re.I)
    return figure if carried else f"{figure} {unit}"


def normalize_unit(printed: str) -> str:
    """A printed unit in the form UNITS is keyed by: lower case, hyphens as spaces, singular.

    >>> normalize_unit("Square-Kilometers")
    'square kilometer'
    >>> normalize_unit("U.S. dollars"), normalize_unit("cities")
    ('u.s. dollar', 'city')
    """
    u = re.sub(r"\s+", " ", printed.strip().lower())
    for form in (u, u.replace("-", " ")):
        plural = (form[:-1], form[:-2] if form.endswith("es") else "", form[:-3] + "y" if form.endswith("ies") else "")
        for cand in (form, *(plural if form.endswith("s") else ())):
            if cand in UNITS:
                return cand
    return u.replace("-", " ")


def to_base_units(interval: Interval, printed_unit: str) -> tuple[Interval, str]:
    """Convert an interval in a printed unit to the base unit.

    >>> to_base_units(Interval(40, 40), "square-kilometer")
    (Interval(low=40000000.0, high=40000000.0), 'm2')
    >>> to_base_units(Interval(372, 372), "acres")[0].low
    1505430.5891328
    >>> to_base_units(Interval(372, 372), "mu")[0].low
    248000.0
    >>> to_base_units(Interval(1, 1), "camels")
    Traceback (most recent call last):
    ...
    portbook.errors.UnknownUnit: no base unit for printed unit 'camels'
    """
    key = normalize_unit(printed_unit)
    if key not in UNITS:
        raise UnknownUnit(f"no base unit for printed unit {printed_unit!r}")
    base, factor = UNITS[key]
    return interval.scaled(factor), base


_UNIT_KEYS_LONGEST_FIRST = sorted(UNITS, key=len, reverse=True)


def printed_unit(quote: str, figure: str) -> str | None:
    """The unit printed with a figure inside a quote, if it is a known unit.

    The unit attached to the figure ('24-hour', '$21.1 million') wins; otherwise
    the longest known unit starting right after the figure.

    >>> printed_unit("covering an area of 372 acres and", "372")
    'acres'
    >>> printed_unit("16000,<> border residents participated", "16000,<>")
    'border residents'
    >>> printed_unit("settled in 24 e-commerce companies", "24")
    'e-commerce companies'
    >>> printed_unit("reached 128;", "128") is None
    True
    >>> printed_unit("soared over 5.8-fold year on year", "5.8-fold") is None
    True
    """
    fig = read_figure(figure) if not split_range(figure) else read_figure(split_range(figure)[1])
    if fig.unit:
        return fig.unit
    if fig.kind in ("percent", "fold"):
        # a rate carries its own unit; the words after it ("year on year") describe the comparison
        return None
    if fig.currency:
        return fig.currency
    at = quote.find(figure)
    if at < 0:
        raise ValueError(f"figure {figure!r} not in quote {quote!r}")
    after = quote[at + len(figure) :]
    m = re.match(r"[\s-]*", after)
    rest = after[m.end() :] if m else after
    low = rest.lower()
    for key in _UNIT_KEYS_LONGEST_FIRST:
        for form in (key, key + "s", key + "es", key.replace(" ", "-"), key.replace(" ", "-") + "s"):
            # A hyphen continues the word: 'year-on-year' is not the unit 'year'.
            if low.startswith(form) and (
                len(low) == len(form) or not (low[len(form)].isalnum() or low[len(form)] == "-")
            ):
                return rest[: len(form)]
    return None


# A unit a ledger row may hold for a word that reads as another: trains counted are trips of their service (README,
# 'Metric names': freight trains counted are `freight_train_trips`, unit `trips`).
COUNTED_AS = {("trips", "trains")}
# Units of a figure that is no level of a quantity: a rate, a ratio, a rank, a date (an event is a moment, not an
# amount). A growth rate's level, a money figure's stem and the checks' flows are never of these.
NOT_LEVELS = frozenset({"percent", "ratio", "rank", "date"})


def unit_agrees(said: str, read: str | None) -> bool:
    """Whether a ledger row's unit fits the base unit its figure reads as (none read: it fits).

    >>> unit_agrees("trips", "trains"), unit_agrees("trains", "trips"), unit_agrees("yuan", None)
    (True, False, True)
    """
    return not read or said == read or (said, read) in COUNTED_AS


def unit_disagreement(said: str, read: str) -> str:
    """What to do when a ledger row's unit is not the base unit its figure reads as: the unit follows the word printed
    after the figure, and whose or what kind the things are goes in the metric and the note."""
    return (
        f"column 'unit' says {said!r} but the figure reads as {read!r} from the word printed after it; write {read!r}, "
        f"and say whose or what kind they are in the metric (for example 'passenger_{read}' for {read} made by "
        "people) and in the note"
    )
