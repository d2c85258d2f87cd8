"""Intervals and named readings: what a printed figure can mean, as low..high (None for an open end)."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class Interval:
    """A closed interval in some unit; ``None`` is an open end.

    >>> Interval(12, 15)
    Interval(low=12.0, high=15.0)
    >>> Interval(3, None).contains(10**9)
    True
    """

    low: float | None
    high: float | None

    def __post_init__(self) -> None:
        # Normalise to float so that equal intervals compare equal whatever built them.
        for name in ("low", "high"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, float(value))
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"interval low {self.low} > high {self.high}")

    @property
    def is_point(self) -> bool:
        """True when the interval is a single known value."""
        return self.low is not None and self.low == self.high

    def contains(self, value: float) -> bool:
        """Whether a value lies in the interval, an open end counting as no bound."""
        return (self.low is None or self.low <= value) and (self.high is None or value <= self.high)

    def scaled(self, factor: Fraction | float) -> Interval:
        """Multiply both ends by a positive factor, exactly where the ends are exact."""
        f = Fraction(factor)
        return Interval(
            None if self.low is None else float(Fraction(self.low) * f),
            None if self.high is None else float(Fraction(self.high) * f),
        )


def point(value: Fraction | int) -> Interval:
    """The interval holding one value and nothing else."""
    return Interval(float(value), float(value))


def hull(intervals: list[Interval] | tuple[Interval, ...]) -> Interval:
    """The smallest interval holding every given interval.

    >>> hull([Interval(31, 31), Interval(5600, 5600), Interval(315600, 315600)])
    Interval(low=31.0, high=315600.0)
    >>> hull([Interval(1, 2), Interval(0, None)])
    Interval(low=0.0, high=None)
    """
    if not intervals:
        raise ValueError("hull of no intervals")
    lows = [i.low for i in intervals]
    highs = [i.high for i in intervals]
    low = None if any(v is None for v in lows) else min(lows)
    high = None if any(v is None for v in highs) else max(highs)
    return Interval(low, high)


@dataclass(frozen=True)
class Reading:
    """One way to read a figure: a short label and the interval it gives."""

    label: str
    interval: Interval


NONE_MEANS = ("open", "unknown")


def divide(top: Interval, bottom: Interval, none_means: str = "open") -> Interval:
    """top / bottom for non-negative intervals.

    ``none_means="open"`` (the default): a None end is unbounded, so the lower end of the result is 0 when
    top's lower end is open or bottom's upper end is, and dividing by exactly 0 raises ZeroDivisionError.
    ``none_means="unknown"``: a None end is a value that was lost (digits dropped), so a lower end that
    needs it, or needs a division by 0, is unknown too. The upper end is the same either way.

    >>> divide(Interval(3.8, 3.8), Interval(5.8, None))  # over 5.8-fold: at most 3.8/5.8
    Interval(low=0.0, high=0.6551724137931034)
    >>> divide(Interval(16000, None), Interval(0.5, 1))  # a lower bound over a bounded share: no upper bound
    Interval(low=16000.0, high=None)
    >>> divide(Interval(None, 20), Interval(2, 5)), divide(Interval(None, 20), Interval(2, 5), none_means="unknown")
    (Interval(low=0.0, high=10.0), Interval(low=None, high=10.0))
    >>> divide(Interval(10, 20), Interval(0, 0), none_means="unknown")
    Interval(low=None, high=None)
    >>> divide(Interval(10, 20), Interval(0, 0))
    Traceback (most recent call last):
    ...
    ZeroDivisionError: division by Interval(low=0.0, high=0.0)
    """
    if none_means not in NONE_MEANS:
        raise ValueError(f"none_means must be one of {NONE_MEANS}, not {none_means!r}")
    if none_means == "open":
        if bottom.high == 0:
            raise ZeroDivisionError(f"division by {bottom}")
        low = 0.0 if top.low is None or bottom.high is None else top.low / bottom.high
    else:
        low = None if top.low is None or not bottom.high else top.low / bottom.high
    high = None if top.high is None or not bottom.low else top.high / bottom.low
    return Interval(low, high)
