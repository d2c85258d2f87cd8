"""Qualifiers: how words like 'more than' or 'about' widen an interval, one registry with evidence."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction

from portbook.errors import UnknownQualifier
from portbook.numbers.interval import Interval

ABOUT_TOLERANCE = Fraction(5, 100)
"""'about N' is read as N +/- 5%: a convention of this book, not a fact about the text."""


@dataclass(frozen=True)
class Qualifier:
    """A registered qualifier: how words like 'more than' widen an interval (evidence in the docstring)."""

    name: str
    words: tuple[str, ...]
    func: Callable[[Interval], Interval] = field(repr=False)

    @property
    def evidence(self) -> str:
        """Why the qualifier widens an interval as it does: the docstring of its function."""
        return inspect.getdoc(self.func) or ""


QUALIFIERS: dict[str, Qualifier] = {}


def _qualifier(name: str, *words: str) -> Callable[[Callable[[Interval], Interval]], Callable[[Interval], Interval]]:
    def register(func: Callable[[Interval], Interval]) -> Callable[[Interval], Interval]:
        QUALIFIERS[name] = Qualifier(name, words, func)
        return func

    return register


@_qualifier("exact")
def _exact(iv: Interval) -> Interval:
    """No qualifier: the interval stands as parsed (rounding is judged by the checks, not here)."""
    return iv


@_qualifier(
    "more_than",
    "more than",
    "over",
    "exceeded",
    "exceeding",
    "exceeds",
    "exceed",
    "above",
    "in excess of",
    "upwards of",
    "surpass",
    "surpassed",
    "surpassing",
)
def _more_than(iv: Interval) -> Interval:
    """'More than N', 'over N', 'exceeded N': N is a lower bound and the text gives no upper bound, so the
    interval is open above. Chinese 多/余 ('N-odd') usually means less than the next round step, but no
    rule here assumes it."""
    return Interval(iv.low, None)


@_qualifier("at_least", "at least", "no less than", "not less than")
def _at_least(iv: Interval) -> Interval:
    """'At least N': N is a lower bound, open above. Intervals here are closed, so this equals more_than."""
    return Interval(iv.low, None)


@_qualifier("up_to", "up to", "within", "no more than", "not more than", "as many as")
def _up_to(iv: Interval) -> Interval:
    """'Up to N', 'within N': N is an upper bound and the text gives no lower bound."""
    return Interval(None, iv.high)


@_qualifier("less_than", "less than", "fewer than")
def _less_than(iv: Interval) -> Interval:
    """'Less than N': N is a bound the figure stays under, with no lower bound. Intervals here are closed, so the
    reading is that of up_to; the name keeps the article's words for readers ('less than 20%', not 'up to 20%')."""
    return Interval(None, iv.high)


@_qualifier("about", "about", "around", "approximately", "roughly", "some")
def _about(iv: Interval) -> Interval:
    """'About N': N +/- ABOUT_TOLERANCE (5%) of N, a stated convention. Conversions in brackets
    ('(about 343.75 million U.S. dollars)') are 'about' figures too."""
    t = ABOUT_TOLERANCE
    lo = None if iv.low is None else float(Fraction(iv.low) * (1 - t))
    hi = None if iv.high is None else float(Fraction(iv.high) * (1 + t))
    if lo is not None and hi is not None and lo > hi:  # negative values
        lo, hi = hi, lo
    return Interval(lo, hi)


@_qualifier("nearly", "nearly", "almost")
def _nearly(iv: Interval) -> Interval:
    """'Nearly N': just under N, read as N less ABOUT_TOLERANCE up to N."""
    lo = None if iv.low is None else float(Fraction(iv.low) * (1 - ABOUT_TOLERANCE))
    return Interval(lo, iv.high)


def apply_qualifier(name: str, interval: Interval) -> Interval:
    """Widen an interval by a named qualifier.

    >>> apply_qualifier("more_than", Interval(40000, 40000))
    Interval(low=40000.0, high=None)
    >>> apply_qualifier("about", Interval(100, 100))
    Interval(low=95.0, high=105.0)
    >>> apply_qualifier("roughly", Interval(1, 1))
    Traceback (most recent call last):
    ...
    portbook.errors.UnknownQualifier: no qualifier named 'roughly'; known: about, at_least, exact, less_than, more_than, nearly, up_to
    """
    try:
        q = QUALIFIERS[name]
    except KeyError:
        raise UnknownQualifier(f"no qualifier named {name!r}; known: {', '.join(sorted(QUALIFIERS))}") from None
    return q.func(interval)


def qualifier_before(text_before: str) -> str:
    """The qualifier whose words end the text just before a figure, or 'exact'.

    >>> qualifier_before("the number of passengers has exceeded ")
    'more_than'
    >>> qualifier_before("yuan (about ")
    'about'
    >>> qualifier_before("reached ")
    'exact'
    >>> qualifier_before("the import value of fertilizers chalked up to ")
    'exact'
    >>> qualifier_before("will cut costs by up to ")
    'up_to'
    """
    tail = re.sub(r"\s+", " ", text_before.lower()).rstrip()
    if re.search(r"\b[a-z]+ed up to$", tail):
        # 'chalked up to', 'ramped up to': the particle of a verb in the past, which says the figure was reached
        return "exact"
    best = ("exact", 0)
    for q in QUALIFIERS.values():
        for w in q.words:
            if re.search(rf"(?:^|[\s(]){re.escape(w)}$", tail) and len(w) > best[1]:
                best = (q.name, len(w))
    return best[0]
