"""Resolve a period phrase ("first half of this year", "from 2015 to November 2023") against a publication date.

A period is a span of dates and a kind: a ``flow`` counted over the span
(trade in January-April), a ``stock`` measured at a date (enterprises signed up
to now; start == end), or ``annual`` (a yearly flow with no particular year).
Flags say how the resolution was reached, so that a reader can see which dates
the article gave and which this module supplied.

Every accepted form is one entry of ``FORMS``, with an example; a phrase that
fits none is refused once, with that list, and nothing is guessed: a range keeps
both its ends (it never collapses to its last year).

Pure functions, no I/O.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from portbook.errors import BadPeriod

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
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
_YEAR_WORDS = r"\d{4}|this year|last year|the year|the same year"

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
MULTI_YEAR = "multi_year"  # 'from 2015 to November 2023': a span over more than one calendar year


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


class _Refused(Exception):
    """Why one accepted form could not resolve the phrase after all (a month that does not exist ...)."""


def _year_of(word: str | None, published: date) -> tuple[int, set[str]]:
    word = (word or "").strip()
    if word == "":
        return published.year, {ASSUMED_YEAR}
    if word in ("this year", "the year", "the same year"):
        return published.year, {RELATIVE}
    if word == "last year":
        return published.year - 1, {RELATIVE}
    if re.fullmatch(r"\d{4}", word):
        return int(word), set()
    raise _Refused(f"cannot tell the year from {word!r}")


def _count(word: str) -> int:
    if word.isdigit():
        return int(word)
    if word in _SMALL:
        return _SMALL[word]
    raise _Refused(f"cannot read the count {word!r}")


def _day(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise _Refused(f"there is no day {day} in {calendar.month_name[month]} {year}") from None


@dataclass(frozen=True)
class _Point:
    """One end of a range as printed: the first and last day it can mean, whether it printed a year."""

    first: date
    last: date
    has_year: bool
    flags: frozenset[str]


_POINT = re.compile(
    rf"^(?:(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})"
    rf"|(?P<md_month>{_MONTH_RE}) (?P<md_day>\d{{1,2}})(?:st|nd|rd|th)?(?:,? (?P<md_year>{_YEAR_WORDS}))?"
    rf"|(?P<m_month>{_MONTH_RE})(?:,? (?P<m_year>{_YEAR_WORDS}))?"
    rf"|(?P<year>\d{{4}})"
    rf"|(?P<now>now|the present|present|today|date))$"
)


def _point(text: str, published: date) -> _Point:
    """A date or span named by one end of a range: '2015', 'November 2023', 'June 13', '2023-04-03', 'now'.
    An end without a year takes the publication year (flagged); the caller may give it the other end's."""
    text = re.sub(r"^(?:the )?end of ", "", text.strip())
    m = _POINT.match(text)
    if not m:
        raise _Refused(f"cannot read a date in {text!r}")
    if m["iso"]:
        d = date.fromisoformat(m["iso"])
        return _Point(d, d, True, frozenset())
    if m["md_month"]:
        year, flags = _year_of(m["md_year"], published)
        d = _day(year, MONTHS[m["md_month"]], int(m["md_day"]))
        return _Point(d, d, m["md_year"] is not None, frozenset(flags))
    if m["m_month"]:
        year, flags = _year_of(m["m_year"], published)
        month = MONTHS[m["m_month"]]
        return _Point(date(year, month, 1), _month_end(year, month), m["m_year"] is not None, frozenset(flags))
    if m["year"]:
        year = int(m["year"])
        return _Point(date(year, 1, 1), date(year, 12, 31), True, frozenset())
    return _Point(published, published, True, frozenset({RELATIVE}))


def _with_year(point: _Point, year: int, flags: frozenset[str]) -> _Point:
    """A point printed without a year ('January' in 'January to April 2022') given the other end's year."""
    if point.first == point.last:
        day = _day(year, point.first.month, point.first.day)
        return _Point(day, day, True, flags)
    return _Point(date(year, point.first.month, 1), _month_end(year, point.first.month), True, flags)


# ---------------------------------------------------------------------------
# The accepted forms, in the order they are tried
# ---------------------------------------------------------------------------

Resolver = Callable[[re.Match, str, date, "Period | None"], Period]


@dataclass(frozen=True)
class Form:
    """One accepted form of period phrase: its pattern (on the normalised phrase), what it means, an example."""

    name: str
    pattern: re.Pattern[str]
    means: str
    example: str
    resolve: Resolver


FORMS: list[Form] = []


def _form(name: str, pattern: str, means: str, example: str) -> Callable[[Resolver], Resolver]:
    def register(func: Resolver) -> Resolver:
        FORMS.append(Form(name, re.compile(rf"^(?:{pattern})$"), means, example, func))
        return func

    return register


def _period(phrase: str, start: date | None, end: date | None, kind: str, *flags: str) -> Period:
    return Period(phrase, start, end, kind, frozenset(flags))


_NOW = (
    "now|currently|current|present|to date|so far|up to now|as of now|until now|today|at present|recently|"
    "as of today|up till now|till now"
)


@_form("no date", r"|undated", "no period printed: a stock at the publication date (flagged implicit)", "undated")
def _undated(m, phrase, published, reference):
    return _period(phrase, published, published, "stock", IMPLICIT)


@_form("now", _NOW, "a stock at the publication date", "up to now")
def _now(m, phrase, published, reference):
    return _period(phrase, published, published, "stock", RELATIVE)


@_form(
    "recent years",
    r"(?:the )?(?:recent years|past few years|last few years)",
    "no dates in the text: a stock at the publication date (flagged vague)",
    "in recent years",
)
def _vague(m, phrase, published, reference):
    return _period(phrase, published, published, "stock", VAGUE)


@_form("every year", r"every year|each year|annually|a year|per year|yearly", "a yearly flow, no year", "every year")
def _annual(m, phrase, published, reference):
    return _period(phrase, None, None, "annual", NO_YEAR)


@_form(
    "previous years",
    r"(?:the )?(?:previous|past|earlier|prior|former) years",
    "the years before the publication year, the first not printed: a yearly figure up to 31 December before it",
    "in previous years",
)
def _previous_years(m, phrase, published, reference):
    return _period(phrase, None, date(published.year - 1, 12, 31), "annual", RELATIVE, VAGUE)


@_form("this year", r"this year|the year", "1 January of the publication year to publication", "this year")
def _this_year(m, phrase, published, reference):
    return _period(phrase, date(published.year, 1, 1), published, "flow", RELATIVE, YEAR_TO_DATE)


@_form(
    "year to date",
    r"since the (?:beginning|start) of (?:(?:the|this) year|(?P<year>\d{4}))|so far this year|this year so far"
    r"|year[ -]to[ -]date",
    "from 1 January of the publication year (or of the year named) to publication",
    "since the beginning of the year; since the start of this year; so far this year; year to date; "
    "since the beginning of 2023",
)
def _year_to_date(m, phrase, published, reference):
    # 'since the beginning of' is a running span, not the point 'the beginning' that the 'since' form would look for
    year = int(m["year"]) if m["year"] else published.year
    if year > published.year:
        raise _Refused(f"it starts after publication ({published})")
    if year < published.year:  # 'since the beginning of 2023' in 2025: a running total over years, as 'since 2023'
        return _period(phrase, date(year, 1, 1), published, "flow", RELATIVE, CUMULATIVE)
    return _period(phrase, date(year, 1, 1), published, "flow", RELATIVE, YEAR_TO_DATE)


@_form(
    "last year",
    r"last year|(?:the )?past year",
    "the calendar year before publication",
    "the past year",
)
def _last_year(m, phrase, published, reference):
    y = published.year - 1
    return _period(phrase, date(y, 1, 1), date(y, 12, 31), "flow", RELATIVE)


@_form(
    "previous year",
    r"(?:the )?previous year|a year earlier|(?:the )?year before|(?:the )?same period (?:of )?last year"
    r"|year on year|year-on-year",
    "the reference period one year earlier (needs a reference period)",
    "the same period last year",
)
def _previous(m, phrase, published, reference):
    if reference is None:
        raise _Refused("it needs a reference period to be relative to")
    return replace(year_on_year_base(reference), phrase=phrase)


@_form("a year", r"\d{4}", "that calendar year", "2021")
def _year(m, phrase, published, reference):
    y = int(m[0])
    return _period(phrase, date(y, 1, 1), date(y, 12, 31), "flow")


@_form(
    "half year",
    rf"(?P<which>first|second) half(?: of (?P<year>{_YEAR_WORDS}))?|(?P<h>h[12])(?:,? (?P<hyear>{_YEAR_WORDS}))?"
    rf"|(?P<hyear2>\d{{4}}) (?P<h2>h[12])",
    "January–June or July–December",
    "first half of this year; H1 2023",
)
def _half(m, phrase, published, reference):
    which = m["which"] or {"h1": "first", "h2": "second"}[m["h"] or m["h2"]]
    y, flags = _year_of(m["year"] or m["hyear"] or m["hyear2"], published)
    start, end = (date(y, 1, 1), date(y, 6, 30)) if which == "first" else (date(y, 7, 1), date(y, 12, 31))
    return _period(phrase, start, end, "flow", *flags)


@_form(
    "quarter",
    rf"(?P<which>first|second|third|fourth) quarter(?: of (?P<year>{_YEAR_WORDS}))?"
    rf"|(?P<q>q[1-4])(?:,? (?P<qyear>{_YEAR_WORDS}))?|(?P<qyear2>\d{{4}}) (?P<q2>q[1-4])",
    "one calendar quarter",
    "third quarter of 2023; Q3",
)
def _quarter(m, phrase, published, reference):
    q = _ORDINAL[m["which"]] if m["which"] else int((m["q"] or m["q2"])[1])
    y, flags = _year_of(m["year"] or m["qyear"] or m["qyear2"], published)
    return _period(phrase, date(y, 3 * q - 2, 1), _month_end(y, 3 * q), "flow", *flags)


@_form(
    "first months",
    rf"first (?P<n>\w+) (?P<what>months|quarters)(?: of (?P<year>{_YEAR_WORDS}))?",
    "from 1 January to the end of the Nth month or quarter",
    "the first 10 months of 2023",
)
def _first_months(m, phrase, published, reference):
    months = _count(m["n"]) * (3 if m["what"] == "quarters" else 1)
    if not 1 <= months <= 12:
        raise _Refused("it runs past the end of the year")
    y, flags = _year_of(m["year"], published)
    return _period(phrase, date(y, 1, 1), _month_end(y, months), "flow", *flags)


@_form(
    "since",
    r"since (?P<point>.+)",
    "a running total from that date to publication",
    "since 2015",
)
def _since(m, phrase, published, reference):
    point = _point(m["point"], published)
    if point.first > published:
        raise _Refused(f"it starts after publication ({published})")
    return _period(phrase, point.first, published, "flow", *point.flags, RELATIVE, CUMULATIVE)


@_form(
    "by a date",
    r"(?:by|until|through|up to|till) (?P<end>.+)",
    "from 1 January of that year to that date (the start is assumed)",
    "by the end of 2023; by June 13 this year",
)
def _by(m, phrase, published, reference):
    point = _point(m["end"], published)
    end = point.last
    return _period(phrase, date(end.year, 1, 1), end, "flow", *point.flags, YEAR_TO_DATE, ASSUMED_START)


@_form(
    "at a date",
    r"(?:(?:as (?:of|at)|at) )?(?P<end>(?:the )?end of .+)|(?:as (?:of|at)|at) (?P<day>.+)",
    "a stock on that day; 'the end of' a month or year is its last day",
    "as of June 30, 2023; at the end of 2023",
)
def _as_of(m, phrase, published, reference):
    if m["end"]:
        end = _point(m["end"], published)
        return _period(phrase, end.last, end.last, "stock", *end.flags)
    point = _point(m["day"], published)
    if point.first != point.last:
        raise _Refused(f"{m['day']!r} is a span, not a day; write 'as of the end of {m['day']}'")
    return _period(phrase, point.first, point.first, "stock", *point.flags)


def _range(a: str, b: str, phrase: str, published: date) -> Period:
    left, right = _point(a, published), _point(b, published)
    flags = set(left.flags | right.flags)
    if not left.has_year and right.has_year:
        # 'January to April 2022': the first end is in the second end's year
        flags.discard(ASSUMED_YEAR)
        left = _with_year(left, right.first.year, right.flags)
        flags = set(left.flags | right.flags)
    start, end = left.first, right.last
    if start > end:
        raise _Refused("it runs backwards")
    if start.year != end.year:
        flags.add(MULTI_YEAR)
    return _period(phrase, start, end, "flow", *flags)


@_form(
    "a range",
    r"(?P<a>.+?) (?:to|through|until|till) (?P<b>.+)|between (?P<c>.+?) and (?P<d>.+)",
    "from the start of the first end to the end of the second; an end without a year takes the other's",
    "from 2015 to November 2023; between 2013 and 2022; January to April; Jan-May",
)
def _range_form(m, phrase, published, reference):
    return _range(m["a"] or m["c"], m["b"] or m["d"], phrase, published)


@_form(
    "a month or a day",
    rf"(?:{_MONTH_RE})(?:,? (?:{_YEAR_WORDS}))?|(?:{_MONTH_RE}) \d{{1,2}}(?:st|nd|rd|th)?(?:,? (?:{_YEAR_WORDS}))?"
    r"|\d{4}-\d{2}-\d{2}",
    "that month (a flow) or that day",
    "April 2023; November 4",
)
def _month_or_day(m, phrase, published, reference):
    point = _point(m[0], published)
    return _period(phrase, point.first, point.last, "flow", *point.flags)


def accepted_forms() -> str:
    """The accepted forms as one line for an error message: 'since 2015', 'H1 2023', ..."""
    return "; ".join(f"'{example}'" for form in FORMS for example in form.example.split("; "))


def _normalise(phrase: str) -> str:
    p = re.sub(r"\s+", " ", phrase.replace("\u00a0", " ")).strip().lower().rstrip(".,;:")
    p = re.sub(r"\s*[–—]\s*", " to ", p)
    p = re.sub(r"(?<=\d{4})-(?=\d{4}$)", " to ", p)  # '2013-2022'
    p = re.sub(rf"\b({_MONTH_RE})\.?-(?=(?:{_MONTH_RE})\b)", r"\1 to ", p)  # 'Jan-May' (a headline's range)
    p = re.sub(rf"\b({_MONTH_RE})\.(?=\s)", r"\1", p)  # an agency's abbreviation: 'Sept. 1'
    p = re.sub(r"\s+", " ", p)
    # Leading prepositions carry no dates.
    p = re.sub(r"^(?:in|during|for|over|within|from|of)\s+(?=\S)", "", p)
    p = re.sub(r"^the\s+(?!previous|past|year|same|end|present)", "", p)
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
    >>> p = resolve_period("from 2015 to November 2023", date(2023, 12, 1))
    >>> p.start, p.end
    (datetime.date(2015, 1, 1), datetime.date(2023, 11, 30))
    >>> resolve_period("next Tuesday", pub)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    portbook.errors.BadPeriod: cannot resolve period phrase 'next Tuesday': it fits no accepted form. Accepted forms: ...
    """
    p = _normalise(phrase)
    for form in FORMS:
        m = form.pattern.match(p)
        if not m:
            continue
        try:
            result = form.resolve(m, phrase, published, reference)
        except _Refused as why:
            raise BadPeriod(
                f"cannot resolve period phrase {phrase!r} as {form.name} ({form.means}): {why}. "
                f"Accepted forms: {accepted_forms()}"
            ) from None
        if result.end is not None and result.end > published:
            result = replace(result, flags=result.flags | {ENDS_AFTER_PUBLICATION})
        return result
    raise BadPeriod(
        f"cannot resolve period phrase {phrase!r}: it fits no accepted form. Accepted forms: {accepted_forms()}"
    )


def ends_after_publication(phrase: str, published: date) -> bool:
    """Whether a period phrase resolves to a span that was not over when the article appeared ('by the end of
    December' in a November report: a forecast's date); a phrase that does not resolve is not.

    >>> ends_after_publication("by the end of December", date(2023, 11, 21)), ends_after_publication("2022", date(2023, 11, 21))
    (True, False)
    """
    try:
        return ENDS_AFTER_PUBLICATION in resolve_period(phrase, published).flags
    except BadPeriod:
        return False
