"""Resolve a period phrase ("first half of this year", "last year") against a publication date.

A period is a span of dates and a kind: a ``flow`` counted over the span
(trade in January-April), a ``stock`` measured at a date (enterprises signed up
to now; start == end), or ``annual`` (a yearly flow with no particular year).
Flags say how the resolution was reached, so that a reader can see which dates
the article gave and which this module supplied.

Pure functions, no I/O.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date

from portbook.errors import BadPeriod

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTH_RE = "|".join(MONTHS)
_SMALL = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4}

# Flags
RELATIVE = "relative"  # resolved against the publication date
REFERENCE = "relative_to_reference"  # resolved against another period
YEAR_TO_DATE = "year_to_date"  # runs from 1 January to the publication date
ASSUMED_YEAR = "assumed_publication_year"  # no year printed; the publication year is assumed
ASSUMED_START = "assumed_start_jan_1"  # 'by June 13': counting assumed to start on 1 January
IMPLICIT = "implicit"  # no period printed; a stock at the publication date is assumed
VAGUE = "vague"  # 'in recent years': no dates in the text
NO_YEAR = "no_specific_year"  # 'every year'
ENDS_AFTER_PUBLICATION = "ends_after_publication"  # the span was not over when the article appeared
CUMULATIVE = "cumulative"  # 'since X': a running total from X to publication


@dataclass(frozen=True)
class Period:
    """A resolved period: the phrase, its first and last day (inclusive), kind and flags."""

    phrase: str
    start: date | None
    end: date | None
    kind: str
    flags: frozenset[str] = frozenset()

    @property
    def days(self) -> int | None:
        """How many days the period holds, both ends counted, or None when an end is unknown."""
        if self.start is None or self.end is None:
            return None
        return (self.end - self.start).days + 1


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _shift_year(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def year_on_year_base(period: Period) -> Period:
    """The same span one year earlier: the base of a 'year on year' change.

    >>> p = resolve_period("January to April", date(2022, 5, 30))
    >>> b = year_on_year_base(p)
    >>> b.start, b.end
    (datetime.date(2021, 1, 1), datetime.date(2021, 4, 30))
    """
    if period.start is None or period.end is None:
        raise BadPeriod(f"{period.phrase!r} has no dates to shift a year back")
    end = period.end
    if end == _month_end(end.year, end.month):
        new_end = _month_end(end.year - 1, end.month)
    else:
        new_end = _shift_year(end, -1)
    return replace(
        period,
        phrase=f"year before {period.phrase}",
        start=_shift_year(period.start, -1),
        end=new_end,
        flags=period.flags | {REFERENCE},
    )


def _year_of(word: str, published: date, phrase: str) -> tuple[int, set[str]]:
    word = word.strip()
    if word in ("", "this year"):
        return published.year, ({RELATIVE} if word else {ASSUMED_YEAR})
    if word == "last year":
        return published.year - 1, {RELATIVE}
    if re.fullmatch(r"(?:19|20)\d\d", word):
        return int(word), set()
    raise BadPeriod(f"cannot tell the year of period {phrase!r} ({word!r})")


def _count(word: str, phrase: str) -> int:
    if word.isdigit():
        return int(word)
    if word in _SMALL:
        return _SMALL[word]
    raise BadPeriod(f"cannot read the count {word!r} in period {phrase!r}")


def _parse_date(text: str, published: date, phrase: str) -> tuple[date, set[str]]:
    """A single date: 'April 3, 2023', 'June 13 this year', '2023-04-03', or a year ('2023' -> 1 Jan)."""
    t = text.strip()
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", t)
    if m:
        return date(int(m[1]), int(m[2]), int(m[3])), set()
    m = re.fullmatch(rf"({_MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}|this year|last year))?", t)
    if m:
        year, flags = _year_of(m[3] or "", published, phrase)
        try:
            return date(year, MONTHS[m[1]], int(m[2])), flags
        except ValueError:
            raise BadPeriod(f"no such day in period {phrase!r}") from None
    m = re.fullmatch(rf"({_MONTH_RE})(?:\s+(\d{{4}}))?", t)
    if m:
        year, flags = _year_of(m[2] or "", published, phrase)
        return date(year, MONTHS[m[1]], 1), flags
    if re.fullmatch(r"(?:19|20)\d\d", t):
        return date(int(t), 1, 1), set()
    raise BadPeriod(f"cannot read a date in period {phrase!r} ({text!r})")


def _normalise(phrase: str) -> str:
    p = re.sub(r"\s+", " ", phrase.replace("\u00a0", " ")).strip().lower().rstrip(".,;:")
    p = p.replace("–", " to ").replace("—", " to ")
    p = re.sub(r"\s+", " ", p)
    # Leading prepositions carry no dates.
    p = re.sub(r"^(?:in|during|for|over|within|from|of)\s+(?=\S)", "", p)
    p = re.sub(r"^the\s+(?!previous)", "", p)
    return p


def resolve_period(phrase: str, published: date, reference: Period | None = None) -> Period:
    """Resolve a period phrase to dates, relative to the article's publication date.

    ``reference`` is the period a phrase like "the previous year" is relative to.

    >>> pub = date(2023, 7, 7)
    >>> p = resolve_period("first half of this year", pub)
    >>> p.start, p.end, p.kind
    (datetime.date(2023, 1, 1), datetime.date(2023, 6, 30), 'flow')
    >>> resolve_period("last year", date(2022, 5, 30)).start
    datetime.date(2021, 1, 1)
    >>> prev = resolve_period("the previous year", pub, reference=resolve_period("2021", pub))
    >>> prev.start, prev.end
    (datetime.date(2020, 1, 1), datetime.date(2020, 12, 31))
    >>> p = resolve_period("up to now", pub)
    >>> p.kind, p.start == p.end == pub
    ('stock', True)
    >>> sorted(resolve_period("by June 13 this year", date(2025, 9, 18)).flags)
    ['assumed_start_jan_1', 'relative', 'year_to_date']
    >>> resolve_period("next Tuesday", pub)
    Traceback (most recent call last):
    ...
    portbook.errors.BadPeriod: cannot resolve period phrase 'next Tuesday'
    """
    p = _normalise(phrase)
    result = _resolve(p, phrase, published, reference)
    if result.end is not None and result.end > published:
        result = replace(result, flags=result.flags | {ENDS_AFTER_PUBLICATION})
    return result


def _resolve(p: str, phrase: str, published: date, reference: Period | None) -> Period:
    def period(start: date | None, end: date | None, kind: str, *flags: str) -> Period:
        return Period(phrase, start, end, kind, frozenset(flags))

    if p in ("", "undated"):
        return period(published, published, "stock", IMPLICIT)
    if p in (
        "now",
        "currently",
        "current",
        "present",
        "to date",
        "so far",
        "up to now",
        "as of now",
        "until now",
        "today",
        "at present",
        "recently",
    ):
        return period(published, published, "stock", RELATIVE)
    if p in ("recent years", "the recent years", "past few years", "the past few years"):
        return period(published, published, "stock", VAGUE)
    if p in ("every year", "each year", "annually", "a year", "per year", "yearly"):
        return period(None, None, "annual", NO_YEAR)
    if p == "this year":
        return period(date(published.year, 1, 1), published, "flow", RELATIVE, YEAR_TO_DATE)
    if p in ("last year", "the past year"):
        y = published.year - 1
        return period(date(y, 1, 1), date(y, 12, 31), "flow", RELATIVE)
    if p in (
        "the previous year",
        "previous year",
        "a year earlier",
        "the year before",
        "same period last year",
        "the same period last year",
        "year on year",
        "year-on-year",
    ):
        if reference is None:
            raise BadPeriod(f"period phrase {phrase!r} needs a reference period to be relative to")
        base = year_on_year_base(reference)
        return replace(base, phrase=phrase)
    m = re.fullmatch(r"(?:19|20)\d\d", p)
    if m:
        y = int(p)
        return period(date(y, 1, 1), date(y, 12, 31), "flow")
    m = re.fullmatch(r"(first|second) half(?: of (.+))?", p)
    if m:
        y, flags = _year_of(m[2] or "", published, phrase)
        start, end = (date(y, 1, 1), date(y, 6, 30)) if m[1] == "first" else (date(y, 7, 1), date(y, 12, 31))
        return period(start, end, "flow", *flags)
    m = re.fullmatch(r"(first|second|third|fourth) quarter(?: of (.+))?", p)
    if m:
        y, flags = _year_of(m[2] or "", published, phrase)
        q = _ORDINAL[m[1]]
        return period(date(y, 3 * q - 2, 1), _month_end(y, 3 * q), "flow", *flags)
    m = re.fullmatch(r"first (\w+) (months|quarters)(?: of (.+))?", p)
    if m:
        n = _count(m[1], phrase)
        months = n * (3 if m[2] == "quarters" else 1)
        if not 1 <= months <= 12:
            raise BadPeriod(f"period {phrase!r} runs past the end of the year")
        y, flags = _year_of(m[3] or "", published, phrase)
        return period(date(y, 1, 1), _month_end(y, months), "flow", *flags)
    m = re.fullmatch(rf"({_MONTH_RE})(?: (\d{{4}}))? to ({_MONTH_RE})(?:,? (\d{{4}}|this year|last year))?", p)
    if m:
        y, flags = _year_of(m[4] or m[2] or "", published, phrase)
        a, b = MONTHS[m[1]], MONTHS[m[3]]
        if a > b:
            raise BadPeriod(f"period {phrase!r} runs backwards")
        return period(date(y, a, 1), _month_end(y, b), "flow", *flags)
    m = re.fullmatch(r"(?:by|until|through|up to) (.+)", p)
    if m:
        d, flags = _parse_date(m[1], published, phrase)
        return period(date(d.year, 1, 1), d, "flow", *flags, YEAR_TO_DATE, ASSUMED_START)
    m = re.fullmatch(r"as of (.+)", p)
    if m:
        d, flags = _parse_date(m[1], published, phrase)
        return period(d, d, "stock", *flags)
    m = re.fullmatch(r"since (.+)", p)
    if m:
        d, flags = _parse_date(m[1], published, phrase)
        if d > published:
            raise BadPeriod(f"period {phrase!r} starts after publication ({published})")
        return period(d, published, "flow", *flags, RELATIVE, CUMULATIVE)
    m = re.fullmatch(rf"({_MONTH_RE})(?: (\d{{4}}|this year|last year))?", p)
    if m:
        y, flags = _year_of(m[2] or "", published, phrase)
        mo = MONTHS[m[1]]
        return period(date(y, mo, 1), _month_end(y, mo), "flow", *flags)
    try:
        d, flags = _parse_date(p, published, phrase)
    except BadPeriod:
        raise BadPeriod(f"cannot resolve period phrase {phrase!r}") from None
    return period(d, d, "flow", *flags)
