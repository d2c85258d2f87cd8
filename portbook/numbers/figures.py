"""Read a figure as printed: digits, groupings, scale words, number words, percentages, N-fold, ranges.

Pure functions, no I/O; a figure whose plain reading would be a guess is refused with a named error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from portbook.errors import GarbledGrouping, LostDigits, UnparseableNumber
from portbook.numbers.interval import Interval, point

SCALES: dict[str, int] = {
    "hundred": 10**2,
    "thousand": 10**3,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
}
# Wire services abbreviate scale words in headlines ("270 bln yuan", "$1.5bn"); read as a bare number, such a
# figure would be published a billion times too small.
SCALE_ABBREVIATIONS: dict[str, str] = {
    "mln": "million",
    "mn": "million",
    "bln": "billion",
    "bn": "billion",
    "trln": "trillion",
}
# Every scale word a figure may print, for the patterns that read figures here and find them in text (mentions).
SCALE_WORD_PATTERN = "|".join(SCALES)
SCALE_ABBREVIATION_PATTERN = "|".join(SCALE_ABBREVIATIONS)

# The Chinese scale words a machine translation renders as "million"/"billion".
WAN = 10**4  # 万
YI = 10**8  # 亿

_CARDINALS: dict[str, int] = {
    "zero": 0,
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
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_ORDINALS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "seventieth": 70,
    "eightieth": 80,
    "ninetieth": 90,
    "hundredth": 100,
    "thousandth": 1000,
    "ten-thousandth": 10**4,
    "hundred-thousandth": 10**5,
    "millionth": 10**6,
    "billionth": 10**9,
}
# Denominators of fractions written in words ("one ten-thousandth", "two thirds").
_DENOMINATORS: dict[str, int] = {
    "half": 2,
    "halves": 2,
    "quarter": 4,
    "quarters": 4,
    **{k: v for k, v in _ORDINALS.items() if v >= 3},
    **{k + "s": v for k, v in _ORDINALS.items() if v >= 3},
}
_MULTIPLIERS: dict[str, int] = {"double": 2, "doubled": 2, "twice": 2, "triple": 3, "tripled": 3, "thrice": 3}
# A superlative ranks its subject first among those the sentence names: "the largest land port for automobile
# exports in the country" is rank 1 of the country's land ports by that measure.
SUPERLATIVES: frozenset[str] = frozenset({"largest", "biggest", "busiest", "highest", "most"})

_NUM_RE = re.compile(
    rf"""^(?P<currency>[$¥￥])?\s*
        (?P<int>(?:\d+|<>)(?:,(?:\d+|<>))*)
        (?:\.(?P<dec>\d+))?
        (?:\s*(?P<scale>{SCALE_WORD_PATTERN}|{SCALE_ABBREVIATION_PATTERN})\b)?
        (?:
            (?P<pct>\s*%|\s*percent|\s*per\s+cent)
          | (?P<fold>\s*-?\s*fold|\s+times)
          | (?P<ord>st|nd|rd|th)
          | -(?P<unit>[a-z]+(?:-[a-z]+)*)
        )?$""",
    re.IGNORECASE | re.VERBOSE,
)
_RANGE_SPLIT = re.compile(r"\s+to\s+|\s*[–—~]\s*|(?<=\d)\s*-\s*(?=[$\d])", re.IGNORECASE)
_CURRENCIES = {"$": "usd", "¥": "yuan", "￥": "yuan"}


@dataclass(frozen=True)
class Figure:
    """A single printed number taken apart, without judging it.

    ``groups`` are the comma-separated pieces of the integer part as printed
    (``"<>"`` for a lost group); ``words`` is set when the number is written in
    words. ``kind`` is one of number, percent, fold, ordinal, fraction.
    """

    text: str
    kind: str
    groups: tuple[str, ...] = ()
    decimals: str = ""
    scale: str | None = None
    currency: str | None = None
    unit: str | None = None
    words: str | None = None
    word_value: Fraction | None = None

    @property
    def has_lost_digits(self) -> bool:
        """True when a group of digits was lost in the scrape (printed as '<>')."""
        return "<>" in self.groups

    @property
    def says_its_ratio(self) -> bool:
        """True for a multiplier word ('double', 'twice', 'tripled'), which names its ratio with no N to misread; an
        N-fold ('fourfold', '5.8-fold', 'three times') may mean N times as much or an increase by N times."""
        return self.kind == "fold" and (self.words or "").lower() in _MULTIPLIERS

    @property
    def grouping_ok(self) -> bool:
        """True when the comma groups follow 3-digit grouping (or there are none)."""
        if len(self.groups) <= 1:
            return True
        head, *rest = self.groups
        return 1 <= len(head) <= 3 and all(len(g) == 3 for g in rest)

    @property
    def multiplier(self) -> int:
        """The factor the printed scale word stands for (1 when there is none)."""
        return SCALES[self.scale.lower()] if self.scale else 1


def _words_value(words: str) -> tuple[Fraction, str]:
    """Value and kind of a number written in words; raises ValueError if it is not one."""
    w = re.sub(r"\s+", " ", words.strip().lower())
    if w in _ORDINALS:
        return Fraction(_ORDINALS[w]), "ordinal"
    if w in SUPERLATIVES:
        return Fraction(1), "ordinal"
    if w in _MULTIPLIERS:
        return Fraction(_MULTIPLIERS[w]), "fold"
    if w == "half":
        return Fraction(1, 2), "fraction"
    tokens = w.replace("-", " - ").split()
    # A fraction: a cardinal then a denominator ("one ten-thousandth", "two thirds").
    for i in range(len(tokens) - 1, 0, -1):
        denom = "".join(tokens[i:]).replace(" ", "")
        if denom in _DENOMINATORS and tokens[i - 1] != "-":
            numerator, _ = _cardinal_value(tokens[:i])
            return numerator / _DENOMINATORS[denom], "fraction"
    return _cardinal_value(tokens)


def _cardinal_value(tokens: list[str]) -> tuple[Fraction, str]:
    tokens = [t for t in tokens if t != "-"]
    if not tokens:
        raise ValueError("no number words")
    if tokens[0] in ("a", "an"):
        if len(tokens) == 1 or tokens[1] not in SCALES:
            raise ValueError("'a' only counts before a scale word")
        tokens = ["one"] + tokens[1:]
    total, current = 0, 0
    for tok in tokens:
        if tok in _CARDINALS:
            current += _CARDINALS[tok]
        elif tok == "hundred":
            current = max(current, 1) * 100
        elif tok in SCALES:
            total += max(current, 1) * SCALES[tok]
            current = 0
        else:
            raise ValueError(f"{tok!r} is not a number word")
    return Fraction(total + current), "number"


def read_figure(text: str) -> Figure:
    """Take a single printed number apart: groups, decimals, scale word, suffix.

    Accepts malformed groupings and lost digits (they are judged later), but
    not ranges or text that is not a number.

    >>> f = read_figure("31,5600")
    >>> f.groups, f.grouping_ok
    (('31', '5600'), False)
    >>> read_figure("1450.24 million").scale
    'million'
    >>> read_figure("16000,<>").has_lost_digits
    True
    >>> read_figure("436.8 percent").kind
    'percent'
    >>> read_figure("one ten-thousandth").word_value
    Fraction(1, 10000)
    >>> read_figure("24-hour").unit
    'hour'
    >>> read_figure("largest").kind, figure_value(read_figure("largest"))
    ('ordinal', Fraction(1, 1))
    >>> read_figure("five apples")
    Traceback (most recent call last):
    ...
    portbook.errors.UnparseableNumber: cannot read 'five apples' as a number
    """
    raw = text
    s = text.strip()
    m = _NUM_RE.match(s)
    if m:
        kind = "number"
        if m["pct"]:
            kind = "percent"
        elif m["fold"]:
            kind = "fold"
        elif m["ord"]:
            kind = "ordinal"
        if m["ord"] and (m["dec"] or m["scale"] or "," in m["int"]):
            raise UnparseableNumber(f"cannot read {raw!r} as a number: ordinal suffix on a non-integer")
        return Figure(
            text=raw,
            kind=kind,
            groups=tuple(m["int"].split(",")),
            decimals=m["dec"] or "",
            scale=_scale_word(m["scale"]),
            currency=_CURRENCIES.get(m["currency"]) if m["currency"] else None,
            unit=m["unit"].lower() if m["unit"] else None,
        )
    # Numbers in words, with an optional percent / -fold suffix.
    wm = re.match(r"^(?P<w>[a-z][a-z\s-]*?)(?P<pct>\s+percent|\s+per\s+cent|%)?(?P<fold>-?fold)?$", s, re.I)
    if wm:
        try:
            value, kind = _words_value(wm["w"])
        except ValueError:
            pass
        else:
            if wm["pct"]:
                kind = "percent"
            elif wm["fold"]:
                kind = "fold"
            return Figure(text=raw, kind=kind, words=wm["w"], word_value=value)
    raise UnparseableNumber(f"cannot read {raw!r} as a number")


def _scale_word(printed: str | None) -> str | None:
    """The scale word a figure prints, in full: 'bln' is 'billion', so every rule reads one spelling.

    >>> _scale_word("Bln"), _scale_word("million"), _scale_word(None)
    ('billion', 'million', None)
    """
    if not printed:
        return None
    word = printed.lower()
    return SCALE_ABBREVIATIONS.get(word, word)


def figure_value(fig: Figure) -> Fraction:
    """The exact value a well-formed figure states, before any unit conversion.

    >>> figure_value(read_figure("16.77 billion"))
    Fraction(16770000000, 1)
    >>> figure_value(read_figure("1400,1"))
    Traceback (most recent call last):
    ...
    portbook.errors.GarbledGrouping: '1400,1' has comma groups ('1400', '1') that are not 3 digits each; name a repair rule (garbled_grouping)
    """
    if fig.word_value is not None:
        return fig.word_value
    if fig.has_lost_digits:
        raise LostDigits(f"{fig.text!r} has digits lost in the scrape ('<>'); name a repair rule (lost_digits)")
    if not fig.grouping_ok:
        raise GarbledGrouping(
            f"{fig.text!r} has comma groups {fig.groups!r} that are not 3 digits each; "
            "name a repair rule (garbled_grouping)"
        )
    mantissa = Fraction("".join(fig.groups) + ("." + fig.decimals if fig.decimals else ""))
    return mantissa * fig.multiplier


def split_range(text: str) -> tuple[str, str] | None:
    """The two ends of a printed range, or None if the text is not a range.

    A scale word or percent sign printed only after the second end applies to
    both ends, as English writes "3 to 5 million".

    >>> split_range("12 to 15")
    ('12', '15')
    >>> split_range("3 to 5 million")
    ('3 million', '5 million')
    >>> split_range("16.77 billion") is None
    True
    """
    parts = _RANGE_SPLIT.split(text.strip())
    if len(parts) != 2 or not all(p.strip() for p in parts):
        return None
    left, right = parts[0].strip(), parts[1].strip()
    try:
        lf, rf = read_figure(left), read_figure(right)
    except UnparseableNumber:
        return None
    if rf.scale and not lf.scale and lf.words is None:
        left = f"{left} {rf.scale}"
    if rf.kind == "percent" and lf.kind == "number":
        left = f"{left}%"
    return left, right


def parse_number(text: str, errors: Literal["raise", "null"] = "raise") -> Interval | None:
    """Parse a number as printed into an interval in the figure's own unit.

    Percentages stay in percent ("10.3%" -> 10.3), N-fold stays the printed N,
    ordinals give their rank, fractions in words give a fraction. A range gives
    its two ends. A malformed grouping or lost digits raise (they need a named
    repair rule); with ``errors="null"`` any unparseable text gives ``None``.

    >>> parse_number("16.77 billion")
    Interval(low=16770000000.0, high=16770000000.0)
    >>> parse_number("195,000")
    Interval(low=195000.0, high=195000.0)
    >>> parse_number("12 to 15")
    Interval(low=12.0, high=15.0)
    >>> parse_number("a hundred")
    Interval(low=100.0, high=100.0)
    >>> parse_number("one ten-thousandth")
    Interval(low=0.0001, high=0.0001)
    >>> parse_number("31,5600")
    Traceback (most recent call last):
    ...
    portbook.errors.GarbledGrouping: '31,5600' has comma groups ('31', '5600') that are not 3 digits each; name a repair rule (garbled_grouping)
    >>> parse_number("31,5600", errors="null") is None
    True
    """
    if errors not in ("raise", "null"):
        raise ValueError(f"errors must be 'raise' or 'null', not {errors!r}")
    try:
        ends = split_range(text)
        if ends:
            low = figure_value(read_figure(ends[0]))
            high = figure_value(read_figure(ends[1]))
            if low > high:
                raise UnparseableNumber(f"range {text!r} runs backwards")
            return Interval(float(low), float(high))
        return point(figure_value(read_figure(text)))
    except UnparseableNumber:
        if errors == "null":
            return None
        raise


def rounding_interval(text: str) -> Interval:
    """The values that a printed figure could have been rounded from.

    Half a unit of the last printed digit either side; for a whole number the
    trailing zeros are read as rounding too ("40,000" may be 35,000..45,000),
    since the articles do not say which zeros are significant.

    >>> rounding_interval("16.77 billion")
    Interval(low=16765000000.0, high=16775000000.0)
    >>> rounding_interval("40,000")
    Interval(low=35000.0, high=45000.0)
    >>> rounding_interval("63")
    Interval(low=62.5, high=63.5)
    """
    fig = read_figure(text)
    value = figure_value(fig)
    if fig.word_value is not None:
        return point(value)
    if fig.decimals:
        step = Fraction(1, 10 ** len(fig.decimals))
    else:
        digits = "".join(fig.groups)
        zeros = len(digits) - len(digits.rstrip("0")) if digits.strip("0") else 0
        step = Fraction(10**zeros)
    half = step * fig.multiplier / 2
    return Interval(float(value - half), float(value + half))
