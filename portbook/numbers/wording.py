"""How the book writes a number for a reader: significant digits, commas, and a scale word.

The one core of every number a reader sees: the pages' formatter (portbook.present.figures) and the checks'
formulas and explanations (portbook.reconcile.intervals, published in checks.csv and shown on the pages) both
write through it, so '0.66 billion' and '14.5 million' are spelled one way everywhere.
"""

from __future__ import annotations

import math

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


def scale(value: float | None) -> tuple[float, str]:
    """The scale word a reader uses for a value of this size, with its factor; (1.0, '') below a million.

    >>> scale(3.7e9), scale(195000), scale(None)
    ((1000000000.0, 'billion'), (1.0, ''), (1.0, ''))
    """
    for size, word in SCALE_WORDS:
        if value is not None and abs(value) >= size:
            return size, word
    return 1.0, ""
