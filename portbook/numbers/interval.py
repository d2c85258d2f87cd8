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
