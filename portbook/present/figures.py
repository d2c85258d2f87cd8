"""The book's one way to write a number for readers: '3.7 billion yuan', 'about $1.6 billion', '372 mu (about 25 ha)'.

Machine outputs (data/processed, JSON, the formulas) keep full precision and never pass through here; a chart's CSV,
which readers download, keeps its values plain numbers with the digits their source supports (``csv_number``).
A figure is written with no more significant digits than the source printed (``significant_digits``), scale
words in words, units and currencies as readers write them; a range shares one scale word
('0.56–0.66 billion yuan'); an open end says 'more than' or 'up to'.
"""

from __future__ import annotations

import calendar
import json
import math

from portbook.numbers.wording import digits, ordinal, range_words, round_sig, scale, significant_digits

# base unit -> (singular, plural) as a reader writes it after a number; money is handled on its own
UNIT_WORDS = {
    "km": ("km", "km"),
    "m": ("metre", "metres"),
    "m2": ("square metre", "square metres"),
    "minutes": ("minute", "minutes"),
    "hours": ("hour", "hours"),
    "days": ("day", "days"),
    "months": ("month", "months"),
    "years": ("year", "years"),
    "tonnes": ("tonne", "tonnes"),
    "percent": ("%", "%"),
    "ratio": ("times", "times"),
    "fraction": ("", ""),
}
MU_M2 = 10000 / 15  # 1 mu = 1/15 hectare
DEFAULT_DIGITS = 3
# With a scale word a reader takes in '14.5 million parcels', not '14.5024 million': no more digits than this
SCALED_DIGITS = 4


def _unit(unit: str, value: float) -> str:
    if unit in UNIT_WORDS:
        singular, plural = UNIT_WORDS[unit]
        return singular if value == 1 else plural
    return unit[:-1] if value == 1 and unit.endswith("s") else unit


def _join(number: str, word: str, unit: str, value: float) -> str:
    """Put a number, its scale word and its unit together as a reader writes them."""
    if number.startswith("about "):  # a range narrower than its digits: 'about $16 million', not '$about 16 million'
        return "about " + _join(number.removeprefix("about "), word, unit, value)
    scaled = f"{number} {word}".strip()
    if unit == "usd":
        return f"${scaled}"
    if unit == "yuan":
        return f"{scaled} yuan"
    if unit == "percent":
        return f"{scaled}%"
    if unit == "rank":
        return rank_words(scaled)
    words = _unit(unit, value)
    return f"{scaled} {words}".strip()


def rank_words(number: str) -> str:
    """A rank's digits (one place, or a range 'a–b') as an ordinal: 'first', '29th', 'second to fifth'; digits that
    are not a whole place keep the word 'rank'.

    >>> rank_words("1"), rank_words("1,250"), rank_words("2–5"), rank_words("2.5")
    ('first', '1,250th', 'second to fifth', 'rank 2.5')
    """
    ends = number.split("–")
    if all(end.replace(",", "").isdigit() for end in ends):
        return " to ".join(ordinal(int(end.replace(",", ""))) for end in ends)
    return f"rank {number}"


def day(value: float) -> str:
    """A dated claim's value (the day as YYYYMMDD, unit 'date') as readers write a date.

    >>> day(20230403), day(20151231)
    ('3 April 2023', '31 December 2015')
    """
    v = int(value)
    return f"{v % 100} {calendar.month_name[v // 100 % 100]} {v // 10000}"


def days(low: float, high: float) -> str:
    """A span of days as readers write it: a day, a month, a year, or 'a to b'.

    >>> days(20230801, 20230831), days(20150101, 20151231), days(20230728, 20230730)
    ('August 2023', '2015', '28 July 2023 to 30 July 2023')
    """
    lo, hi = int(low), int(high)
    if lo == hi:
        return day(lo)
    last = calendar.monthrange(hi // 10000, hi // 100 % 100)[1]
    if lo % 10000 == 101 and hi % 10000 == 1231 and lo // 10000 == hi // 10000:
        return str(lo // 10000)
    if lo % 100 == 1 and hi % 100 == last and lo // 100 == hi // 100:
        return f"{calendar.month_name[lo // 100 % 100]} {lo // 10000}"
    return f"{day(lo)} to {day(hi)}"


def figure(value: float | None, unit: str = "", sig: int = DEFAULT_DIGITS, rounding: str = "nearest") -> str:
    """One value for a sentence, to ``sig`` significant digits, whole digits included (a value computed from figures
    printed to two digits is '660 million', not '664 million'); ``rounding`` 'up' for an upper bound ('at most'),
    'down' for a lower one ('at least'), so the bound stays true.

    >>> figure(3.7e9, "yuan", 2), figure(1.61e9, "usd"), figure(195000, "vehicles"), figure(18.3, "percent")
    ('3.7 billion yuan', '$1.61 billion', '195,000 vehicles', '18.3%')
    >>> figure(56_657_700, "yuan"), figure(None, "yuan"), figure(29, "rank"), figure(5.8, "ratio"), figure(1, "trains")
    ('56.7 million yuan', 'unknown', '29th', '5.8 times', '1 train')
    >>> figure(248_000, "m2"), figure(5600, "km")
    ('24.8 hectares', '5,600 km')
    >>> figure(664_200_000, "yuan", 2), figure(664_200_000, "yuan", 2, "up"), figure(2_993_000_000, "yuan", 2, "down")
    ('660 million yuan', '670 million yuan', '2.9 billion yuan')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "unknown"
    if unit == "date":
        return day(value)
    value = round_sig(value, sig, rounding)
    if unit == "m2":
        return area(value, sig)
    size, word = scale(value) if unit not in ("percent", "rank", "ratio") else (1.0, "")
    return _join(digits(value / size, min(sig, SCALED_DIGITS) if word else sig), word, unit, value)


def area(square_metres: float, sig: int = DEFAULT_DIGITS) -> str:
    """An area as readers write it: hectares, or square kilometres from 1 km² up.

    >>> area(248_000), area(3.5e6)
    ('24.8 hectares', '3.5 square kilometres')
    """
    if square_metres >= 1e6:
        return f"{digits(square_metres / 1e6, sig)} square kilometres"
    return f"{digits(square_metres / 1e4, sig)} hectares"


def mu(square_metres: float, sig: int = DEFAULT_DIGITS) -> str:
    """An area the source gave in mu (亩), with its size in hectares for readers who do not know the unit.

    >>> mu(248_000, 3)
    '372 mu (about 24.8 hectares)'
    """
    return f"{digits(square_metres / MU_M2, sig)} mu (about {area(square_metres, sig)})"


def figure_range(low: float | None, high: float | None, unit: str = "", sig: int = DEFAULT_DIGITS) -> str:
    """An interval for a sentence: one scale word for both ends, 'more than' or 'up to' for an open end.

    >>> figure_range(5.6e8, 1.2e9, "yuan", 2), figure_range(40000, None, "passengers"), figure_range(None, 5, "percent")
    ('0.56–1.2 billion yuan', 'more than 40,000 passengers', 'up to 5%')
    >>> figure_range(3.7e9, 3.7e9, "yuan", 2), figure_range(None, None, "yuan")
    ('3.7 billion yuan', 'unknown')
    >>> figure_range(16_000_000, 16_000_999, "people", 2), figure_range(16_000, 16_000_999, "people", 2)
    ('about 16 million people', '16,000 to 16 million people')
    """
    if low is None and high is None:
        return "unknown"
    if unit == "date" and low is not None and high is not None:
        return days(low, high)
    if high is None:
        return f"more than {figure(low, unit, sig)}"
    if low is None:
        return f"up to {figure(high, unit, sig)}"
    if math.isclose(low, high, rel_tol=1e-9):
        return figure(low, unit, sig)
    if unit == "m2":
        return (
            f"{area(low, sig).split(' ')[0]}–{area(high, sig)}"
            if (low >= 1e6) == (high >= 1e6)
            else f"{area(low, sig)} to {area(high, sig)}"
        )
    size, word = scale(high) if unit not in ("percent", "rank", "ratio") else (1.0, "")
    if size > 1 and low < size / 10:
        # '0.016–16 million' hides the lower end: ends this far apart keep their own scale words
        return f"{figure(low, 'usd' if unit == 'usd' else '', sig)} to {figure(high, unit, sig)}"
    # the book's one rule for a range's digits, shared with the engine's sentences and the charts' labels
    return _join(range_words(low, high, size, min(sig, SCALED_DIGITS) if word else sig), word, unit, high)


def claim_value(claim, sig: int | None = None, note: bool = True) -> str:
    """A cleaned claim's value in words: its best reading first (portbook.reconcile.evidence), honest about a span the
    evidence could not narrow; a row without a best reading shows every reading.

    ``claim`` is a row of data/processed/claims.csv (best_low/best_high/best_unit/best_label, readings as JSON, unit,
    figure as printed). ``note=False`` leaves out the words that say the evidence could not settle a span (for a
    figure cited inside a sentence, whose link leads to the audit that says so); a span stays a span.
    """
    sig = sig or significant_digits(str(getattr(claim, "figure", "") or ""))
    label = getattr(claim, "best_label", "")
    if isinstance(label, str) and label:
        low, high = (None if _missing(v) else float(v) for v in (claim.best_low, claim.best_high))
        unit = getattr(claim, "best_unit", "") or claim.unit
        if unit == "m2" and getattr(claim, "repair", "") == "mu_as_acres" and low is not None and low == high:
            text = mu(low, sig)
        elif (
            getattr(claim, "qualifier", "") == "about"
            and low is not None
            and high is not None
            and label == "as printed"
        ):
            # 'about X' is read as X ± 5%: the reader is shown what was printed, with its 'about'
            text = "about " + figure((low + high) / 2, unit, sig)
        elif getattr(claim, "qualifier", "") == "less_than" and low is None and high is not None:
            text = "less than " + figure(high, unit, sig)  # the article's words, not 'up to'
        else:
            text = figure_range(low, high, unit, sig)
        if unit != claim.unit:
            text += f" (printed as {claim.unit})"
        if label.startswith("undecided") and note:
            text += f" ({surviving_readings(claim)}; the evidence does not settle which)"
        return text
    parts = []
    for reading in json.loads(claim.readings):
        if reading["low"] is None and reading["high"] is None:
            parts.append("unknown (digits lost in the source)")
        elif claim.unit == "m2" and getattr(claim, "repair", "") == "mu_as_acres" and reading["low"] == reading["high"]:
            parts.append(mu(reading["low"], sig))
        else:
            parts.append(figure_range(reading["low"], reading["high"], claim.unit, sig))
    if len(parts) == 1:
        return parts[0]
    return " or ".join(parts) + (" (the source does not settle which)" if note else "")


def surviving_readings(claim) -> str:
    """How many of a claim's readings the evidence left standing, in words for the note after an undecided span:
    'two readings fit'; 'the readings that fit' when the row does not say which readings it rejected.

    >>> import types
    >>> readings = '[{"label": "5.8 times as much"}, {"label": "6.8 times as much"}, {"label": "580 times as much"}]'
    >>> surviving_readings(types.SimpleNamespace(readings=readings, rejected_readings='[{"reading": "580 times as much"}]'))
    'two readings fit'
    """
    try:
        readings = [r["label"] for r in json.loads(claim.readings)]
        rejected = {r["reading"] for r in json.loads(getattr(claim, "rejected_readings", "") or "[]")}
    except (AttributeError, TypeError, ValueError, KeyError):
        return "the readings that fit"
    left = [label for label in readings if label not in rejected]
    return f"{count_words(len(left))} readings fit" if len(left) > 1 else "the readings that fit"


NUMBER_WORDS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
)
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def count_words(n: float) -> str:
    """A whole count as a reader writes it in a sentence: words up to twelve, digits after.

    >>> count_words(4), count_words(12.0), count_words(128)
    ('four', 'twelve', '128')
    """
    n = round(float(n))
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else f"{n:,}"


def csv_number(value: float | None, sig: int | None = None, rounding: str = "nearest") -> str:
    """A value for a chart's CSV: a plain number a spreadsheet reads as one (no separators, no scale word), to ``sig``
    significant digits (``rounding`` 'down' for a lower bound, 'up' for an upper one), every digit when ``sig`` is
    None; a whole number without '.0'; an unknown value empty.

    >>> csv_number(56_657_663.53, 2), csv_number(165_948_275.9, 2, "up"), csv_number(679_891_962.4, 3, "down")
    ('57000000', '170000000', '679000000')
    >>> csv_number(11.563603265666373, 3), csv_number(0.01), csv_number(38.0), csv_number(None), csv_number(float("nan"))
    ('11.6', '0.01', '38', '', '')
    """
    if _missing(value):
        return ""
    value = float(value)
    if sig is not None:
        value = round_sig(value, sig, rounding)
    return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)


def number(value: float, scale: str = "", sig: int = DEFAULT_DIGITS, rounding: str = "nearest") -> str:
    """A value's digits in a scale a chart's subtitle names ('billion', 'million', 'thousand' or ''), for labels on marks;
    ``rounding`` 'up' or 'down' for a bound, as in ``figure``.

    >>> number(9.5e8, "billion", 2), number(21_667, "", 3), number(0.0, "billion"), number(141.5e6, "million", 2, "up")
    ('0.95', '21,700', '0', '150')
    """
    size = {"trillion": 1e12, "billion": 1e9, "million": 1e6, "thousand": 1e3, "": 1.0}[scale]
    scaled = round_sig(value, sig, rounding) / size
    if scaled:
        # whole digits beyond the significant ones are zeros: 21,667 to three digits is 21,700
        scaled = round(scaled, sig - 1 - math.floor(math.log10(abs(scaled))))
    return digits(scaled, sig)


def number_range(low: float, high: float, scale: str = "", sig: int = DEFAULT_DIGITS) -> str:
    """Two ends in one scale, as '0.37–0.47'; one number when they round alike.

    >>> number_range(3.73e8, 4.69e8, "billion", 2), number_range(3.75e9, 3.75e9, "billion", 2)
    ('0.37–0.47', '3.8')
    """
    low_text, high_text = number(low, scale, sig), number(high, scale, sig)
    if low_text == high_text:
        return low_text
    # the book's one rule for a range's digits: a label says what the sentence beside the chart says
    size = {"trillion": 1e12, "billion": 1e9, "million": 1e6, "thousand": 1e3, "": 1.0}[scale]
    # a label reads a range too narrow for its digits as the one figure the sentence calls 'about' it
    return range_words(low, high, size, sig).removeprefix("about ")


def period(start: str, end: str, short: bool = False) -> str:
    """A period for readers, from its first and last day (ISO dates): a year, months, or days.

    >>> period("2021-01-01", "2021-12-31"), period("2022-01-01", "2022-04-30"), period("2021-05-01", "2021-12-31", short=True)
    ('2021', 'January–April 2022', 'May–Dec 2021')
    >>> period("2025-01-01", "2025-06-13"), period("2020-01-01", "2022-04-30"), period("2023-11-04", "2023-11-04")
    ('1 January–13 June 2025', 'January 2020–April 2022', '4 November 2023')
    """
    import calendar
    from datetime import date

    first, last = date.fromisoformat(str(start)[:10]), date.fromisoformat(str(end)[:10])

    def month(d: date) -> str:
        name = MONTH_NAMES[d.month - 1]
        return name[:3] if short and name != "May" else name

    whole_months = first.day == 1 and last.day == calendar.monthrange(last.year, last.month)[1]
    if whole_months and (first.month, last.month) == (1, 12) and first.year == last.year:
        return str(first.year)
    if whole_months:
        if first.year != last.year:
            return f"{month(first)} {first.year}–{month(last)} {last.year}"
        if first.month == last.month:
            return f"{month(first)} {first.year}"
        return f"{month(first)}–{month(last)} {last.year}"
    if first == last:
        return f"{first.day} {month(first)} {first.year}"
    if first.year != last.year:
        return f"{first.day} {month(first)} {first.year}–{last.day} {month(last)} {last.year}"
    return f"{first.day} {month(first)}–{last.day} {month(last)} {last.year}"


def _missing(value) -> bool:
    """An open end: None, NaN, or an empty cell of a table read as text."""
    return value is None or value == "" or (isinstance(value, float) and math.isnan(value))
