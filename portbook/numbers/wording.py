"""How the book writes a number for a reader: significant digits, commas, and a scale word.

The one core of every number a reader sees: the pages' formatter (portbook.present.figures) and the checks'
formulas and explanations (portbook.reconcile.intervals, published in checks.csv and shown on the pages) both
write through it, so '0.66 billion' and '14.5 million' are spelled one way everywhere.

A printed figure keeps the digits it was printed with. A value the book computes from printed figures (the 2020
base a growth rate implies, what a part leaves of its whole) carries no more significant digits than the least
precise figure it comes from (``computed_digits``): '3.7 billion / (1 + 436.8%)' is '690 million', not
'689.27 million'. A bound ('at least', 'at most') is rounded away from what it excludes, so it stays true.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

SCALE_WORDS = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def digits(value: float, sig: int) -> str:
    """A number to ``sig`` significant digits, grouped by commas, with no trailing zeros after the point.

    >>> digits(0.6601, 3), digits(1234567, 3), digits(0.0001, 3), digits(16.001, 3)
    ('0.66', '1,234,567', '0.0001', '16')
    """
    if value == 0:
        return "0"
    places = max(sig - 1 - math.floor(math.log10(abs(value))), 0)
    text = f"{value:,.{places}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def range_words(low: float, high: float, size: float = 1.0, sig: int = 3) -> str:
    """A closed range for a reader, in one scale (``size``: 1e6 for 'million'), without its scale word: the book's one
    rule for a range's digits, which every reader-facing range (sentences, verdicts, chart labels) follows.

    A range narrower than the ``sig`` digits its inputs support is one figure, 'about 16' for 16,000,000–16,000,999:
    at the source's precision its ends are the same number, and '16–16.1' would look a hundred times wider than the
    truth. Any other range keeps two ends (``range_ends``).

    >>> range_words(16_000_000, 16_000_999, 1e6, 2), range_words(1.9038e9, 1.9055e9, 1e9, 3)
    ('about 16', 'about 1.9')
    >>> range_words(3.73e8, 4.69e8, 1e6, 2), range_words(3.65e9, 3.75e9, 1e9, 2), range_words(0.56e9, 1.2e9, 1e9, 2)
    ('370–470', '3.65–3.75', '0.56–1.2')
    """
    point = one_figure(low, high, sig)
    if point is not None:
        return f"about {digits(point / size, sig)}"
    low_text, high_text = range_ends(low, high, size, sig)
    return f"{low_text}–{high_text}"


def one_figure(low: float, high: float, sig: int) -> float | None:
    """The one figure, to ``sig`` digits, that a range narrower than one step in its ``sig``-th digit reads as (its
    middle); None for a range wide enough to show two ends.

    >>> one_figure(16_000_000, 16_000_999, 2), one_figure(6.880e9, 6.883e9, 3), one_figure(3.65e9, 3.75e9, 2)
    (16000000.0, 6880000000.0, None)
    """
    top = max(abs(low), abs(high))
    if not top or not (math.isfinite(low) and math.isfinite(high)):
        return None
    step = 10.0 ** (math.floor(math.log10(top)) - sig + 1)
    # a range exactly one step wide (3.65–3.75 for a printed 3.7) is the rounding of a printed figure: it stays a range
    if high - low >= step * (1 - 1e-9):
        return None
    return round_sig((low + high) / 2, sig)


def range_ends(low: float, high: float, size: float = 1.0, sig: int = 3) -> tuple[str, str]:
    """The two ends of a closed range at least one step wide in its ``sig``-th digit (narrower ones read as one figure,
    ``range_words``), in one scale. Each end has the ``sig`` digits its inputs support, rounded outward so the range
    still holds every value they allow, and one more where those would widen it by more than half its width
    ('3.65–3.75', not '3.6–3.8', for a printed 3.7); ends of one size have the same decimals ('1.52–1.70', not
    '1.52–1.7').

    >>> range_ends(3.73e8, 4.69e8, 1e6, 2), range_ends(3.65e9, 3.75e9, 1e9, 2), range_ends(9.375e8, 9.625e8, 1e6, 2)
    (('370', '470'), ('3.65', '3.75'), ('937', '963'))
    >>> range_ends(3.08e9, 3.75e9, 1e9, 2), range_ends(1.5295e9, 1.6905e9, 1e9, 3), range_ends(16_000, 32_000, 1, 2)
    (('3.0', '3.8'), ('1.52', '1.70'), ('16,000', '32,000'))
    """
    width = high - low
    # a range at least one step wide needs at most one digit more than its inputs' to show its width
    for n in range(sig, sig + 2):
        low_end, high_end = round_sig(low, n, "down"), round_sig(high, n, "up")
        if (low - low_end) + (high_end - high) <= width / 2:
            break
    places = max(n - 1 - math.floor(math.log10(abs(x))) if x else 0 for x in (low_end, high_end))
    places = max(places + round(math.log10(size)), 0)
    texts = [f"{end / size:,.{places}f}" for end in (low_end, high_end)]
    if math.floor(math.log10(abs(low_end) or 1)) != math.floor(math.log10(abs(high_end) or 1)):
        # ends of different sizes are read one by one: '0.56–1.2', '1.677–16.77', not '1.677–16.770'
        return tuple(t.rstrip("0").rstrip(".") if "." in t else t for t in texts)
    # ends of one size share their decimals: zeros after the point go only where both can lose them ('3.0–3.8')
    while places and all(t.endswith("0") for t in texts):
        texts = [t[:-1] for t in texts]
        places -= 1
    return tuple(t.rstrip(".") for t in texts)


def scale(value: float | None) -> tuple[float, str]:
    """The scale word a reader uses for a value of this size, with its factor; (1.0, '') below a million.

    >>> scale(3.7e9), scale(195000), scale(None)
    ((1000000000.0, 'billion'), (1.0, ''), (1.0, ''))
    """
    for size, word in SCALE_WORDS:
        if value is not None and abs(value) >= size:
            return size, word
    return 1.0, ""


def significant_digits(printed: str, floor: int = 2) -> int:
    """How many significant digits a figure as printed carries (at least ``floor``: a printed '20' or '100' is
    read as supporting two, since its trailing zeros may or may not be digits).

    >>> significant_digits("3.7 billion"), significant_digits("1450.24 million"), significant_digits("195,000")
    (2, 6, 3)
    >>> significant_digits("<>"), significant_digits("16.77"), significant_digits("5.8-fold"), significant_digits("half")
    (2, 4, 2, 2)
    """
    found = re.sub(r"\D", "", printed.split("-")[0] if re.match(r"^\d", printed) else printed)
    found = found.lstrip("0")
    if "." not in printed:
        found = found.rstrip("0")
    return max(len(found), floor)


def computed_digits(printed: Iterable[str], floor: int = 2) -> int:
    """The significant digits a value computed from these printed figures supports: those of the least precise.

    >>> computed_digits(["3.7 billion", "436.8 percent"]), computed_digits(["3.71 billion", "436.8%"]), computed_digits([])
    (2, 3, 2)
    """
    return min((significant_digits(str(p), floor) for p in printed), default=floor)


def round_sig(value: float, sig: int, direction: str = "nearest") -> float:
    """A value rounded to ``sig`` significant digits, whole digits included; ``direction`` 'down' or 'up' rounds a
    lower or an upper bound away from what it excludes ('at least 54.9' to two digits is 'at least 54').

    >>> round_sig(689_268_000, 2), round_sig(46_053, 2), round_sig(54.9e9, 2, "down"), round_sig(655.2e6, 2, "up")
    (690000000.0, 46000.0, 54000000000.0, 660000000.0)
    >>> round_sig(0.0, 3), round_sig(94, 2, "down"), round_sig(3.045e9, 2, "down")
    (0.0, 94.0, 3000000000.0)
    """
    if value == 0 or not math.isfinite(value):
        return value
    step = 10.0 ** (math.floor(math.log10(abs(value))) - sig + 1)
    steps = value / step
    nearest = round(steps)
    if abs(steps - nearest) < 1e-9:  # already on a step: no rounding, in any direction
        steps = nearest
    elif direction == "down":
        steps = math.floor(steps)
    elif direction == "up":
        steps = math.ceil(steps)
    else:
        steps = nearest
    # formatting through repr keeps 690000000.0, not 690000000.0000001
    return float(f"{steps * step:.{max(sig, 1) + 2}g}")


ORDINAL_WORDS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")


def ordinal(n: int) -> str:
    """A place in a ranking as readers write it: words up to ninth, digits with their suffix after.

    >>> ordinal(1), ordinal(9), ordinal(10), ordinal(11), ordinal(22), ordinal(29), ordinal(113), ordinal(125)
    ('first', 'ninth', '10th', '11th', '22nd', '29th', '113th', '125th')
    """
    if 1 <= n <= len(ORDINAL_WORDS):
        return ORDINAL_WORDS[n - 1]
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n:,}{suffix}"
