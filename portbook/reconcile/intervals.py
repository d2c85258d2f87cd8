"""Interval arithmetic on non-negative quantities, and numbers and intervals written for a reader.

An interval is a ``numbers.Interval``; a ``None`` end is open (unbounded) unless a function says otherwise.
Every quantity here is non-negative (money, counts, ratios, growth factors), so an open lower end counts as 0
and a quantity divided by something unbounded above has 0, not "unknown", as its lower end.
"""

from __future__ import annotations

import math

# divide lives with the interval type, so that the numbers stage can use it too; the checks name it as their own
from portbook.numbers.interval import NONE_MEANS, Interval, divide  # noqa: F401
from portbook.numbers.units import MEASURED_UNITS
from portbook.numbers.wording import digits, range_words, round_sig, scale

CONTINUOUS = MEASURED_UNITS
UNIT_WORDS = {"yuan": "yuan", "usd": "U.S. dollars", "percent": "%", "ratio": "times", "m2": "square metres"}


# ---------------------------------------------------------------------------
# Arithmetic (None = open end)
# ---------------------------------------------------------------------------


def multiply(a: Interval, b: Interval) -> Interval:
    """a * b for non-negative intervals.

    >>> multiply(Interval(0.9, 1), Interval(128, 128))
    Interval(low=115.2, high=128.0)
    """
    high = None if a.high is None or b.high is None else a.high * b.high
    return Interval((a.low or 0.0) * (b.low or 0.0), high)


def subtract(a: Interval, b: Interval) -> Interval:
    """a - b for non-negative intervals; the result may be negative, and is open below if b is open above.

    >>> subtract(Interval(3.65, 3.75), Interval(0, 0.66))
    Interval(low=2.9899999999999998, high=3.75)
    >>> subtract(Interval(1, 2), Interval(1, None)).low is None
    True
    """
    low = None if b.high is None else (a.low or 0.0) - b.high
    high = None if a.high is None else a.high - (b.low or 0.0)
    return Interval(low, high)


def overlaps(a: Interval, b: Interval) -> bool:
    """Whether two intervals share a value.

    >>> overlaps(Interval(1, 2), Interval(2, None)), overlaps(Interval(1, 2), Interval(2.1, 3))
    (True, False)
    """
    below = a.high is not None and b.low is not None and a.high < b.low
    above = b.high is not None and a.low is not None and b.high < a.low
    return not (below or above)


def agree(a: Interval, b: Interval) -> bool:
    """Whether two figures can state the same value: they overlap by more than a shared end, or one of them is
    that end. Two rounded figures that only touch do not agree: '40' (35 to 45) and '50' (45 to 55) are two
    different round numbers, each rounded to the nearest ten, though the closed intervals share 45.

    >>> agree(Interval(35, 45), Interval(45, 55)), agree(Interval(45, 45), Interval(45, 55))
    (False, True)
    >>> agree(Interval(35, 45), Interval(40, 50)), agree(Interval(1, 2), Interval(2, None))
    (True, False)
    >>> agree(Interval(20, None), Interval(25, 25)), agree(Interval(1, 2), Interval(2.1, 3))
    (True, False)
    """
    if not overlaps(a, b):
        return False
    point = lambda iv: iv.low is not None and iv.low == iv.high
    touch = (a.high is not None and a.high == b.low) or (b.high is not None and b.high == a.low)
    return not touch or point(a) or point(b)


def per_month(iv: Interval, n: float) -> Interval:
    """A flow over n months as a monthly average.

    >>> per_month(Interval(3.6e9, None), 4)
    Interval(low=900000000.0, high=None)
    """
    return Interval(None if iv.low is None else iv.low / n, None if iv.high is None else iv.high / n)


def whole_numbers(iv: Interval, unit: str) -> Interval:
    """A count is a whole number: 'over 90% of 128' is at least 116, and '6' rounds from 6 only. A count with no
    whole number in its range is an average ('a monthly average of 3.5 trains') and stays as it is.

    >>> whole_numbers(Interval(115.2, 128.4), "countries"), whole_numbers(Interval(0.9, 1.1), "ratio")
    (Interval(low=116.0, high=128.0), Interval(low=0.9, high=1.1))
    >>> whole_numbers(Interval(3.45, 3.55), "trips")
    Interval(low=3.45, high=3.55)
    """
    if unit in CONTINUOUS:
        return iv
    low = None if iv.low is None else math.ceil(iv.low - 1e-9)
    high = None if iv.high is None else math.floor(iv.high + 1e-9)
    if low is not None and high is not None and low > high:
        return iv
    return Interval(low, high)


# ---------------------------------------------------------------------------
# Numbers and intervals as a reader sees them
# ---------------------------------------------------------------------------


def fmt(x: float | None, unit: str = "", scale_of: float | None = None, sig: int = 3, exact: bool = False) -> str:
    """A number for a reader, in its own scale (or that of ``scale_of``, which the ends of a range share);
    ``exact`` keeps a printed figure's digits.

    >>> fmt(3.7e9, exact=True), fmt(6.89e8, "yuan"), fmt(436.8, "percent", exact=True), fmt(-96)
    ('3.7 billion', '689 million yuan', '436.8%', '−96')
    """
    if x is None:
        return "?"
    factor, word = scale(x if scale_of is None else scale_of)
    # a reader's minus sign, not a hyphen ('29 − 125 = −96')
    text = f"{digits(x / factor, 6 if exact else sig)} {word}".strip().replace("-", "\u2212", 1)
    unit_word = UNIT_WORDS.get(unit, unit)
    if unit_word == "%":
        return text + "%"
    return f"{text} {unit_word}".strip() if unit_word not in ("", "times") else text


BOUND_ROUNDING = {"at least ": "down", "at most ": "up"}


def computed(x: float | None, unit: str = "", sig: int = 3, bound: str = "") -> str:
    """A value the book computed, to the ``sig`` significant digits its printed inputs support
    (``wording.computed_digits``), in its own scale; a bound is rounded away from what it excludes.

    >>> computed(689_268_000, "yuan", 2), computed(691_133_000, "yuan", 3), computed(46_053, "", 2)
    ('690 million yuan', '691 million yuan', '46,000')
    >>> computed(3.045e9, "yuan", 2, "at least "), computed(6.552e8, "yuan", 2, "at most "), computed(None)
    ('3 billion yuan', '660 million yuan', '?')
    """
    if x is None:
        return "?"
    return fmt(round_sig(x, sig, BOUND_ROUNDING.get(bound, "nearest")), unit, exact=True)


def fmt_interval(iv: Interval, unit: str = "", scale_of: float | None = None, sig: int = 3) -> str:
    """An interval in words: a point, 'a–b', 'at least a' or 'at most b', in the scale of its upper end.

    A closed range follows the book's one rule (``wording.range_words``): ``sig`` digits, rounded outward, more only
    where its width would not show ('3.65–3.75 billion' for a printed 3.7); one narrower than its ``sig``-th digit
    reads as one figure ('about 6.88 billion'). An open end is a bound
    the book computed: it has ``sig`` digits, rounded away from what it excludes ('at least 54 billion' for 54.9).

    >>> fmt_interval(Interval(3.65e9, 3.75e9), "yuan"), fmt_interval(Interval(16000, None)), fmt_interval(Interval(0, 0.66))
    ('3.65–3.75 billion yuan', 'at least 16,000', 'at most 0.66')
    >>> fmt_interval(Interval(5.49e10, None), "yuan", sig=2), fmt_interval(Interval(None, 56.69), "percent", sig=2)
    ('at least 54 billion yuan', 'at most 57%')
    >>> fmt_interval(Interval(3.73e8, 4.69e8), "yuan"), fmt_interval(Interval(6.8802e9, 6.8831e9), "usd")
    ('373–469 million yuan', 'about 6.88 billion U.S. dollars')
    """
    ref = scale_of if scale_of is not None else (iv.high if iv.high is not None else iv.low)
    if iv.low is not None and iv.high is not None and math.isclose(iv.low, iv.high, rel_tol=1e-12):
        return fmt(iv.low, unit, ref, max(sig, 3))
    if iv.high is None:
        return "unknown" if iv.low is None else f"at least {computed(iv.low, unit, sig, 'at least ')}"
    if not iv.low:  # None or 0: nothing below but zero for these quantities
        return f"at most {computed(iv.high, unit, sig, 'at most ')}"
    # the ends are computed: the book's one rule for a range's digits (wording.range_words), which the charts'
    # labels and the pages' sentences follow too
    size, word = scale(ref)
    unit_word = UNIT_WORDS.get(unit, unit)
    text = f"{range_words(iv.low, iv.high, size, sig)} {word}".strip()
    if unit_word == "%":
        return text + "%"
    return f"{text} {unit_word}".strip() if unit_word not in ("", "times") else text


RATE_PLACES = 2  # yuan per dollar to the fen, three digits: the ECB's four places are for the audit


def rate(x: float | None) -> str:
    """An exchange rate for a reader, to two decimals.

    >>> rate(7.1964), rate(None)
    ('7.20', '?')
    """
    return "?" if x is None else f"{x:.{RATE_PLACES}f}"


def rate_range(low: float, high: float) -> str:
    """The rates two printed figures allow, to two decimals, rounded outward so the range still holds them all.

    >>> rate_range(6.8558, 7.3634)
    '6.85–7.37'
    """
    step = 10**RATE_PLACES
    return f"{rate(math.floor(round(low * step, 9)) / step)}–{rate(math.ceil(round(high * step, 9)) / step)}"


def result_text(point: float | None, iv: Interval, unit: str, sig: int = 3, bound: str | None = None) -> str:
    """The point arithmetic a reader can redo, to the ``sig`` digits its inputs support, and the interval where
    rounding or an open end widens it.

    >>> result_text(6.8927e8, Interval(6.8e8, 6.99e8), "yuan", 2)
    '690 million yuan (680–700 million yuan allowing for rounding)'
    >>> result_text(6.89e8, Interval(6.89e8, None), "yuan", 2)
    'at least 680 million yuan'
    """
    if point is None:
        return fmt_interval(iv, unit, sig=sig)
    if bound is None:
        bound = "at least " if iv.high is None else ("at most " if not iv.low else "")
    shown = bound + computed(point, unit, sig, bound)
    if iv.high is None and iv.low is not None:
        return shown
    widened = fmt_interval(iv, unit, sig=sig)
    return shown if widened in (shown, computed(point, unit, sig)) else f"{shown} ({widened} allowing for rounding)"
