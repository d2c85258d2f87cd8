"""Read numbers as printed, and repair them by named, documented rules.

A figure is read as printed (``read_figure``), turned into an interval
(``parse_number``), repaired by a rule named in the ledger (``apply_repair``),
widened by its qualifier (``apply_qualifier``) and put into base units
(``to_base_units``); ``measure`` does all four. Nothing here guesses a point
where the text is ambiguous: an ambiguous figure gives several named readings,
and an interval ``low..high`` (``None`` for an open end).

Pure functions, no I/O.
"""
from __future__ import annotations

import inspect
import re
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Callable, Literal

from portbook.errors import (
    GarbledGrouping,
    LostDigits,
    RepairNotApplicable,
    UnknownQualifier,
    UnknownRepair,
    UnknownUnit,
    UnparseableNumber,
)

# ---------------------------------------------------------------------------
# Intervals and readings
# ---------------------------------------------------------------------------


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
        return self.low is not None and self.low == self.high

    def contains(self, value: float) -> bool:
        return (self.low is None or self.low <= value) and (self.high is None or value <= self.high)

    def scaled(self, factor: Fraction | float) -> "Interval":
        """Multiply both ends by a positive factor, exactly where the ends are exact."""
        f = Fraction(factor)
        return Interval(
            None if self.low is None else float(Fraction(self.low) * f),
            None if self.high is None else float(Fraction(self.high) * f),
        )


def _point(value: Fraction | int) -> Interval:
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


@dataclass(frozen=True)
class Repaired:
    """What a repair rule makes of a figure: one or more named readings.

    ``unit`` is the unit the rule settles on (``"percent"`` for a percentage,
    ``"ratio"`` for an N-fold, ``"mu"`` after ``mu_as_acres``); ``None`` means
    the printed unit stands.
    """

    rule: str
    figure: str
    kind: str
    readings: tuple[Reading, ...]
    unit: str | None = None

    @property
    def interval(self) -> Interval:
        return hull([r.interval for r in self.readings])

    @property
    def is_ambiguous(self) -> bool:
        return len(self.readings) > 1


# ---------------------------------------------------------------------------
# Reading a figure as printed
# ---------------------------------------------------------------------------

SCALES: dict[str, int] = {
    "hundred": 10**2,
    "thousand": 10**3,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
}

# The Chinese scale words a machine translation renders as "million"/"billion".
WAN = 10**4  # 万
YI = 10**8  # 亿

_CARDINALS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
    "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90,
    "hundredth": 100, "thousandth": 1000, "ten-thousandth": 10**4,
    "hundred-thousandth": 10**5, "millionth": 10**6, "billionth": 10**9,
}
# Denominators of fractions written in words ("one ten-thousandth", "two thirds").
_DENOMINATORS: dict[str, int] = {
    "half": 2, "halves": 2, "quarter": 4, "quarters": 4,
    **{k: v for k, v in _ORDINALS.items() if v >= 3},
    **{k + "s": v for k, v in _ORDINALS.items() if v >= 3},
}
_MULTIPLIERS: dict[str, int] = {"double": 2, "twice": 2, "triple": 3, "thrice": 3}

_NUM_RE = re.compile(
    r"""^(?P<currency>[$¥￥])?\s*
        (?P<int>(?:\d+|<>)(?:,(?:\d+|<>))*)
        (?:\.(?P<dec>\d+))?
        (?:\s*(?P<scale>hundred|thousand|million|billion|trillion)\b)?
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
        return "<>" in self.groups

    @property
    def grouping_ok(self) -> bool:
        """True when the comma groups follow 3-digit grouping (or there are none)."""
        if len(self.groups) <= 1:
            return True
        head, *rest = self.groups
        return 1 <= len(head) <= 3 and all(len(g) == 3 for g in rest)

    @property
    def multiplier(self) -> int:
        return SCALES[self.scale.lower()] if self.scale else 1


def _words_value(words: str) -> tuple[Fraction, str]:
    """Value and kind of a number written in words; raises ValueError if it is not one."""
    w = re.sub(r"\s+", " ", words.strip().lower())
    if w in _ORDINALS:
        return Fraction(_ORDINALS[w]), "ordinal"
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
            scale=m["scale"].lower() if m["scale"] else None,
            currency=_CURRENCIES.get(m["currency"]) if m["currency"] else None,
            unit=m["unit"].lower() if m["unit"] else None,
        )
    # Numbers in words, with an optional percent / -fold suffix.
    wm = re.match(r"^(?P<w>[a-z][a-z\s-]*?)(?P<pct>\s+percent|\s+per\s+cent|%)?(?P<fold>-fold)?$", s, re.I)
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
        return _point(figure_value(read_figure(text)))
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
        return _point(value)
    if fig.decimals:
        step = Fraction(1, 10 ** len(fig.decimals))
    else:
        digits = "".join(fig.groups)
        zeros = len(digits) - len(digits.rstrip("0")) if digits.strip("0") else 0
        step = Fraction(10**zeros)
    half = step * fig.multiplier / 2
    return Interval(float(value - half), float(value + half))


# ---------------------------------------------------------------------------
# Named repair rules
# ---------------------------------------------------------------------------

RepairFunc = Callable[[str, "str | None"], Repaired]


@dataclass(frozen=True)
class RepairRule:
    """A registered repair rule: its name, what it applies to, what it refuses.

    The rule's evidence and reasoning is the docstring of its function.
    """

    name: str
    applies_to: str
    refuses: str
    func: RepairFunc = field(repr=False)

    @property
    def evidence(self) -> str:
        return inspect.getdoc(self.func) or ""

    def __call__(self, figure: str, printed_unit: str | None = None) -> Repaired:
        return self.func(figure, printed_unit)


REPAIRS: dict[str, RepairRule] = {}


def repair_rule(name: str, *, applies_to: str, refuses: str) -> Callable[[RepairFunc], RepairFunc]:
    """Register a function as the repair rule ``name``."""

    def register(func: RepairFunc) -> RepairFunc:
        if name in REPAIRS:
            raise ValueError(f"repair rule {name!r} registered twice")
        if not inspect.getdoc(func):
            raise ValueError(f"repair rule {name!r} needs a docstring giving its evidence")
        REPAIRS[name] = RepairRule(name=name, applies_to=applies_to, refuses=refuses, func=func)
        return func

    return register


def apply_repair(name: str, figure: str, printed_unit: str | None = None) -> Repaired:
    """Apply the named repair rule to a figure as printed.

    >>> apply_repair("wan_as_million", "1450.24 million").interval
    Interval(low=14502400.0, high=14502400.0)
    >>> [r.interval.low for r in apply_repair("n_fold_ambiguous", "5.8-fold").readings]
    [5.8, 6.8]
    >>> apply_repair("guess", "3")
    Traceback (most recent call last):
    ...
    portbook.errors.UnknownRepair: no repair rule named 'guess'; known: cjk_scale_ambiguous, garbled_grouping, lost_digits, mu_as_acres, n_fold_ambiguous, none, range, wan_as_million, yi_as_billion
    """
    try:
        rule = REPAIRS[name]
    except KeyError:
        raise UnknownRepair(f"no repair rule named {name!r}; known: {', '.join(sorted(REPAIRS))}") from None
    return rule(figure, printed_unit)


def _unit_of(fig: Figure) -> str | None:
    if fig.kind == "percent":
        return "percent"
    if fig.kind == "fold":
        return "ratio"
    if fig.kind == "ordinal":
        return "rank"
    if fig.kind == "fraction":
        return "fraction"
    return fig.unit or fig.currency


def _single(figure: str, rule: str) -> Figure:
    """Read a single (non-range) figure, refusing ranges with a pointer to `range`."""
    if split_range(figure):
        raise RepairNotApplicable(f"{rule}: {figure!r} is a range; name the 'range' rule")
    return read_figure(figure)


@repair_rule(
    "none",
    applies_to="a single well-formed number, percentage, ordinal or number in words, taken as printed",
    refuses="ranges (use range), N-fold (use n_fold_ambiguous), malformed groupings and lost digits "
    "(raise GarbledGrouping / LostDigits)",
)
def _none(figure: str, printed_unit: str | None = None) -> Repaired:
    """No repair: the figure is read exactly as printed. This is the default and the claim the article
    makes on its face; it refuses anything whose plain reading would itself be a guess (a comma
    grouping that is not 3-digit, digits lost as '<>', an N-fold whose base is ambiguous), so that
    a damaged number can never slip through unrepaired and unremarked."""
    fig = _single(figure, "none")
    if fig.kind == "fold":
        raise RepairNotApplicable(f"none: {figure!r} is an N-fold change, ambiguous in translation; "
                                  "name the 'n_fold_ambiguous' rule")
    value = figure_value(fig)
    return Repaired("none", figure, fig.kind, (Reading("as printed", _point(value)),), _unit_of(fig))


@repair_rule(
    "range",
    applies_to="a printed range such as '12 to 15' or '3-5 million'",
    refuses="single numbers; ranges whose ends are malformed or run backwards",
)
def _range(figure: str, printed_unit: str | None = None) -> Repaired:
    """A printed range states an interval, not a point: '12 to 15 days' is every value from 12 to 15.
    A scale word or percent sign printed only after the upper end applies to both ends, as English
    writes '3 to 5 million'. Nothing inside the range is singled out as more likely."""
    ends = split_range(figure)
    if not ends:
        raise RepairNotApplicable(f"range: {figure!r} is not a range")
    interval = parse_number(figure)
    unit = _unit_of(read_figure(ends[1]))
    return Repaired("range", figure, "range", (Reading("range as printed", interval),), unit)


@repair_rule(
    "garbled_grouping",
    applies_to="digits whose comma groups are not 3 digits each, such as '31,5600' or '1400,1'",
    refuses="well-formed groupings (nothing to repair), lost digits, decimals, ranges, words",
)
def _garbled_grouping(figure: str, printed_unit: str | None = None) -> Repaired:
    """A comma group that is not 3 digits long cannot be a Western thousands separator, so the printed
    digits do not say which number was meant. Chinese sources group by four (万): '31,5600' read that
    way is 31|5600 = 315,600, which is also what joining the groups gives. The scrape may instead have
    picked up a stray group (drop the first or the last group), or the comma may be a decimal comma.
    This rule does not choose: it returns every candidate as a labelled reading, and the interval is
    their hull. Plausibility (a border longer than the equator; vehicles that are not whole) is for the
    checks to judge against outside evidence, not for the parser."""
    fig = _single(figure, "garbled_grouping")
    if fig.words is not None or fig.has_lost_digits:
        raise RepairNotApplicable(f"garbled_grouping: {figure!r} has no comma groups to repair")
    if fig.grouping_ok:
        raise RepairNotApplicable(f"garbled_grouping: {figure!r} is well-formed; name the 'none' rule")
    if fig.decimals:
        raise RepairNotApplicable(f"garbled_grouping: {figure!r} has decimals; no rule for those yet")
    g, mult = fig.groups, fig.multiplier
    candidates = [
        ("groups joined (Chinese 4-digit grouping / stray comma)", Fraction(int("".join(g)))),
        ("stray first group dropped", Fraction(int("".join(g[1:])))),
        ("stray last group dropped", Fraction(int("".join(g[:-1])))),
    ]
    if len(g) == 2:
        candidates.append(("decimal comma", Fraction(f"{g[0]}.{g[1]}")))
    readings: list[Reading] = []
    seen: set[Fraction] = set()
    for label, value in candidates:
        if value * mult not in seen:
            seen.add(value * mult)
            readings.append(Reading(label, _point(value * mult)))
    return Repaired("garbled_grouping", figure, fig.kind, tuple(readings), _unit_of(fig))


@repair_rule(
    "lost_digits",
    applies_to="figures with digits lost in the scrape, printed '<>': '<>', '50,<>', '16000,<>'",
    refuses="figures with no '<>'; '<>' in the decimals",
)
def _lost_digits(figure: str, printed_unit: str | None = None) -> Repaired:
    """The scrape replaced some digits with '<>'. A lone '<>' keeps nothing: the number is unknown, so
    the interval is open at both ends and a 'more than' in front of it cannot bound it, because its N
    is the lost number. A '<>' after a comma is read as one lost 3-digit group, the only thing a
    thousands comma can introduce: '50,<>' is 50,000..50,999. When the group before the comma is
    longer than 3 digits ('16000,<>') the comma cannot be a thousands separator after it, so two
    readings are kept: 16000 followed by a lost group (16,000,000..16,000,999), and 16000 as the whole
    number with something other than digits lost after a stray comma (16,000). The rule does not
    choose between them."""
    fig = _single(figure, "lost_digits")
    if not fig.has_lost_digits:
        raise RepairNotApplicable(f"lost_digits: {figure!r} has no lost digits ('<>')")
    mult = fig.multiplier
    if all(g == "<>" for g in fig.groups):
        return Repaired("lost_digits", figure, fig.kind, (Reading("number lost", Interval(None, None)),), _unit_of(fig))
    low = "".join("000" if g == "<>" else g for g in fig.groups) + ("." + fig.decimals if fig.decimals else "")
    high = "".join("999" if g == "<>" else g for g in fig.groups) + ("." + fig.decimals if fig.decimals else "")
    if fig.groups[0] == "<>":
        # A lost leading group could have 1-3 digits, so the low end is the rest alone.
        low = "".join("" if g == "<>" else g for g in fig.groups) or "0"
    readings = [Reading("each '<>' one lost 3-digit group", Interval(float(Fraction(low) * mult), float(Fraction(high) * mult)))]
    head = fig.groups[0]
    if head != "<>" and len(head) > 3 and fig.groups[1] == "<>":
        readings.append(Reading("leading digits whole, stray comma", _point(Fraction(int(head)) * mult)))
    return Repaired("lost_digits", figure, fig.kind, tuple(readings), _unit_of(fig))


def _cjk_scale(figure: str, rule: str, printed: str, factor: int) -> tuple[Figure, Fraction]:
    fig = _single(figure, rule)
    if fig.scale != printed:
        raise RepairNotApplicable(f"{rule}: {figure!r} has no '{printed}' scale word")
    if fig.words is not None:
        raise RepairNotApplicable(f"{rule}: {figure!r} is written in words")
    mantissa = figure_value(fig) / fig.multiplier
    return fig, mantissa * factor


@repair_rule(
    "wan_as_million",
    applies_to="a figure with the scale word 'million' that a translation made from 万 (10^4)",
    refuses="figures without 'million'; malformed or lost digits (raise); ranges",
)
def _wan_as_million(figure: str, printed_unit: str | None = None) -> Repaired:
    """Chinese counts in 万 (ten thousand) and machine translation sometimes renders 万 as 'million'
    while keeping the Chinese digits: '1450.24万件' becomes '1450.24 million parcels'. Two decimals
    on a count of millions, and a mantissa above 1,000 where English would say '1.45 billion', are
    the marks of such a figure. The repaired value is the mantissa times 10^4."""
    fig, value = _cjk_scale(figure, "wan_as_million", "million", WAN)
    return Repaired("wan_as_million", figure, fig.kind, (Reading("万 read as million: x10^4", _point(value)),), _unit_of(fig))


@repair_rule(
    "yi_as_billion",
    applies_to="a figure with the scale word 'billion' that a translation made from 亿 (10^8)",
    refuses="figures without 'billion'; malformed or lost digits (raise); ranges",
)
def _yi_as_billion(figure: str, printed_unit: str | None = None) -> Repaired:
    """Chinese counts large sums in 亿 (a hundred million) and machine translation sometimes renders 亿
    as 'billion' while keeping the Chinese digits: '263.7亿元' becomes '263.7 billion yuan', ten times
    too large. The repaired value is the mantissa times 10^8."""
    fig, value = _cjk_scale(figure, "yi_as_billion", "billion", YI)
    return Repaired("yi_as_billion", figure, fig.kind, (Reading("亿 read as billion: x10^8", _point(value)),), _unit_of(fig))


@repair_rule(
    "cjk_scale_ambiguous",
    applies_to="a 'million' or 'billion' figure in a text known to mistranslate 万/亿, with no evidence "
    "deciding this figure",
    refuses="figures without 'million' or 'billion'; malformed or lost digits (raise); ranges",
)
def _cjk_scale_ambiguous(figure: str, printed_unit: str | None = None) -> Repaired:
    """When an article is known to render 万 as 'million' or 亿 as 'billion' elsewhere, but nothing
    decides whether this figure was translated right, both readings stand: as printed, and with the
    Chinese scale word (x10^4 for 'million', x10^8 for 'billion'). The interval is their hull, a factor
    of 100 or 10 wide; a check may narrow it with outside evidence, the parser does not."""
    fig = _single(figure, "cjk_scale_ambiguous")
    if fig.scale == "million":
        _, cjk = _cjk_scale(figure, "cjk_scale_ambiguous", "million", WAN)
        label = "万 read as million: x10^4"
    elif fig.scale == "billion":
        _, cjk = _cjk_scale(figure, "cjk_scale_ambiguous", "billion", YI)
        label = "亿 read as billion: x10^8"
    else:
        raise RepairNotApplicable(f"cjk_scale_ambiguous: {figure!r} has no 'million' or 'billion' scale word")
    readings = (Reading("as printed", _point(figure_value(fig))), Reading(label, _point(cjk)))
    return Repaired("cjk_scale_ambiguous", figure, fig.kind, readings, _unit_of(fig))


@repair_rule(
    "mu_as_acres",
    applies_to="an area printed in 'acres' that a translation made from 亩 (mu)",
    refuses="any unit other than acres; malformed or lost digits (raise)",
)
def _mu_as_acres(figure: str, printed_unit: str | None = None) -> Repaired:
    """Chinese land areas are stated in 亩 (mu), and machine translation renders 亩 as 'acres'. One mu
    is exactly 10000/15 m^2 (about 666.67 m^2), one acre 4046.86 m^2, so the printed area is about six
    times too large. The number is kept and its unit is read as mu; the unit conversion then does the
    rest."""
    fig = _single(figure, "mu_as_acres")
    unit = normalize_unit(printed_unit or fig.unit or "")
    if unit != "acre":
        raise RepairNotApplicable(f"mu_as_acres: {figure!r} is not in acres (printed unit {printed_unit!r})")
    value = figure_value(fig)
    return Repaired("mu_as_acres", figure, fig.kind, (Reading("acres read as mu", _point(value)),), "mu")


@repair_rule(
    "n_fold_ambiguous",
    applies_to="an N-fold change ('soared over 5.8-fold', 'increased 3 times')",
    refuses="anything that is not an N-fold figure",
)
def _n_fold_ambiguous(figure: str, printed_unit: str | None = None) -> Repaired:
    """'Rose N-fold' is ambiguous in English and more so in translation: Chinese 增长N倍 means an increase
    BY N times (new = (N+1) x old), while 是...的N倍 means N times AS MUCH (new = N x old). The value is
    kept as the ratio new/old and both readings are exposed: N ('times as much') and N+1 ('increase by
    N x 100%'). The rule does not pick."""
    fig = _single(figure, "n_fold_ambiguous")
    if fig.kind != "fold":
        raise RepairNotApplicable(f"n_fold_ambiguous: {figure!r} is not an N-fold figure")
    n = figure_value(fig)
    readings = (
        Reading("N times as much: ratio N", _point(n)),
        Reading("increase by N x 100%: ratio N+1", _point(n + 1)),
    )
    return Repaired("n_fold_ambiguous", figure, "fold", readings, "ratio")


# ---------------------------------------------------------------------------
# Qualifiers
# ---------------------------------------------------------------------------

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


@_qualifier("more_than", "more than", "over", "exceeded", "exceeding", "exceeds", "exceed", "above",
            "in excess of", "upwards of")
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
    portbook.errors.UnknownQualifier: no qualifier named 'roughly'; known: about, at_least, exact, more_than, nearly, up_to
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
    """
    tail = re.sub(r"\s+", " ", text_before.lower()).rstrip()
    best = ("exact", 0)
    for q in QUALIFIERS.values():
        for w in q.words:
            if re.search(rf"(?:^|[\s(]){re.escape(w)}$", tail) and len(w) > best[1]:
                best = (q.name, len(w))
    return best[0]


# ---------------------------------------------------------------------------
# Units
# ---------------------------------------------------------------------------

ACRE_M2 = Fraction("4046.8564224")  # international acre, exactly
MU_M2 = Fraction(10000, 15)  # 1 mu = 1/15 hectare, exactly

# printed unit (normalised, singular) -> (base unit, factor)
UNITS: dict[str, tuple[str, Fraction]] = {
    "kilometer": ("km", Fraction(1)), "kilometre": ("km", Fraction(1)), "km": ("km", Fraction(1)),
    "meter": ("km", Fraction(1, 1000)), "metre": ("km", Fraction(1, 1000)),
    "square kilometer": ("m2", Fraction(10**6)), "square kilometre": ("m2", Fraction(10**6)),
    "km2": ("m2", Fraction(10**6)), "sq km": ("m2", Fraction(10**6)),
    "square meter": ("m2", Fraction(1)), "square metre": ("m2", Fraction(1)), "m2": ("m2", Fraction(1)),
    "hectare": ("m2", Fraction(10**4)), "acre": ("m2", ACRE_M2), "mu": ("m2", MU_M2),
    "yuan": ("yuan", Fraction(1)), "rmb": ("yuan", Fraction(1)), "cny": ("yuan", Fraction(1)),
    "u.s. dollar": ("usd", Fraction(1)), "us dollar": ("usd", Fraction(1)), "dollar": ("usd", Fraction(1)),
    "usd": ("usd", Fraction(1)),
    "ton": ("tonnes", Fraction(1)), "tonne": ("tonnes", Fraction(1)), "tonnes": ("tonnes", Fraction(1)),
    "hour": ("hours", Fraction(1)), "day": ("days", Fraction(1)), "week": ("days", Fraction(7)),
    "month": ("months", Fraction(1)), "year": ("years", Fraction(1)),
    "percent": ("percent", Fraction(1)), "%": ("percent", Fraction(1)),
    "fraction": ("percent", Fraction(100)), "ratio": ("ratio", Fraction(1)), "rank": ("rank", Fraction(1)),
    "vehicle": ("vehicles", Fraction(1)), "car": ("vehicles", Fraction(1)),
    "parcel": ("parcels", Fraction(1)), "package": ("parcels", Fraction(1)),
    "passenger": ("people", Fraction(1)), "people": ("people", Fraction(1)), "person": ("people", Fraction(1)),
    "resident": ("people", Fraction(1)), "border resident": ("people", Fraction(1)),
    "employee": ("people", Fraction(1)),
    "trip": ("trips", Fraction(1)), "train": ("trains", Fraction(1)),
    "enterprise": ("enterprises", Fraction(1)), "company": ("enterprises", Fraction(1)),
    "companies": ("enterprises", Fraction(1)), "e-commerce company": ("enterprises", Fraction(1)),
    "e-commerce companies": ("enterprises", Fraction(1)),
    "foreign trade enterprise": ("enterprises", Fraction(1)),
    "project": ("projects", Fraction(1)), "passage": ("passages", Fraction(1)),
    "order": ("orders", Fraction(1)), "foreign trade order": ("orders", Fraction(1)),
    "country": ("countries", Fraction(1)), "countries": ("countries", Fraction(1)),
    "case": ("cases", Fraction(1)), "program": ("programs", Fraction(1)),
    "detailed program": ("programs", Fraction(1)),
    "media organization": ("organizations", Fraction(1)),
    "station": ("stations", Fraction(1)), "existing station": ("stations", Fraction(1)),
    "route": ("routes", Fraction(1)), "cross-border tourist route": ("routes", Fraction(1)),
    "container switching warehouse": ("warehouses", Fraction(1)),
    "industry": ("industries", Fraction(1)), "industries": ("industries", Fraction(1)),
    "major industries": ("industries", Fraction(1)),
    "integrated bonded area": ("zones", Fraction(1)),
    "category": ("categories", Fraction(1)), "categories": ("categories", Fraction(1)),
    "platform": ("platforms", Fraction(1)), "refrigerator": ("units", Fraction(1)), "unit": ("units", Fraction(1)),
}


def normalize_unit(printed: str) -> str:
    """A printed unit in the form UNITS is keyed by: lower case, hyphens as spaces, singular.

    >>> normalize_unit("Square-Kilometers")
    'square kilometer'
    >>> normalize_unit("U.S. dollars")
    'u.s. dollar'
    """
    u = re.sub(r"\s+", " ", printed.strip().lower())
    for form in (u, u.replace("-", " ")):
        for cand in (form, form[:-1] if form.endswith("s") else "", form[:-2] if form.endswith("es") else ""):
            if cand in UNITS:
                return cand
    return u.replace("-", " ")


def to_base_units(interval: Interval, printed_unit: str) -> tuple[Interval, str]:
    """Convert an interval in a printed unit to the base unit.

    >>> to_base_units(Interval(40, 40), "square-kilometer")
    (Interval(low=40000000.0, high=40000000.0), 'm2')
    >>> to_base_units(Interval(372, 372), "acres")[0].low
    1505430.5891328
    >>> to_base_units(Interval(372, 372), "mu")[0].low
    248000.0
    >>> to_base_units(Interval(1, 1), "camels")
    Traceback (most recent call last):
    ...
    portbook.errors.UnknownUnit: no base unit for printed unit 'camels'
    """
    key = normalize_unit(printed_unit)
    if key not in UNITS:
        raise UnknownUnit(f"no base unit for printed unit {printed_unit!r}")
    base, factor = UNITS[key]
    return interval.scaled(factor), base


_UNIT_KEYS_LONGEST_FIRST = sorted(UNITS, key=len, reverse=True)


def printed_unit(quote: str, figure: str) -> str | None:
    """The unit printed with a figure inside a quote, if it is a known unit.

    The unit attached to the figure ('24-hour', '$21.1 million') wins; otherwise
    the longest known unit starting right after the figure.

    >>> printed_unit("covering an area of 372 acres and", "372")
    'acres'
    >>> printed_unit("16000,<> border residents participated", "16000,<>")
    'border residents'
    >>> printed_unit("settled in 24 e-commerce companies", "24")
    'e-commerce companies'
    >>> printed_unit("reached 128;", "128") is None
    True
    >>> printed_unit("soared over 5.8-fold year on year", "5.8-fold") is None
    True
    """
    fig = read_figure(figure) if not split_range(figure) else read_figure(split_range(figure)[1])
    if fig.unit:
        return fig.unit
    if fig.kind in ("percent", "fold"):
        # a rate carries its own unit; the words after it ("year on year") describe the comparison
        return None
    if fig.currency:
        return fig.currency
    at = quote.find(figure)
    if at < 0:
        raise ValueError(f"figure {figure!r} not in quote {quote!r}")
    after = quote[at + len(figure):]
    m = re.match(r"[\s-]*", after)
    rest = after[m.end():] if m else after
    low = rest.lower()
    for key in _UNIT_KEYS_LONGEST_FIRST:
        for form in (key, key + "s", key + "es", key.replace(" ", "-"), key.replace(" ", "-") + "s"):
            # A hyphen continues the word: 'year-on-year' is not the unit 'year'.
            if low.startswith(form) and (len(low) == len(form) or not (low[len(form)].isalnum() or low[len(form)] == "-")):
                return rest[: len(form)]
    return None


# ---------------------------------------------------------------------------
# All together
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Measure:
    """A figure repaired, qualified and put into base units, reading by reading."""

    figure: str
    repair: str
    qualifier: str
    unit: str | None
    readings: tuple[Reading, ...]

    @property
    def interval(self) -> Interval:
        return hull([r.interval for r in self.readings])


def measure(figure: str, repair: str = "none", qualifier: str = "exact", unit: str | None = None) -> Measure:
    """Repair a printed figure by a named rule, widen it by its qualifier, convert to base units.

    ``unit`` is the unit as printed (see ``printed_unit``); a unit the figure
    itself carries (percent, N-fold, '$', '-hour') or one the rule settles on
    (mu) takes precedence.

    >>> m = measure("372", "mu_as_acres", unit="acres")
    >>> m.unit, m.interval.low
    ('m2', 248000.0)
    >>> measure("more", "none")
    Traceback (most recent call last):
    ...
    portbook.errors.UnparseableNumber: cannot read 'more' as a number
    >>> measure("3.7 billion", unit="yuan").interval
    Interval(low=3700000000.0, high=3700000000.0)
    >>> measure("40,000", qualifier="more_than", unit="passengers").interval
    Interval(low=40000.0, high=None)
    """
    repaired = apply_repair(repair, figure, unit)
    unit_word = repaired.unit or unit
    base: str | None = None
    readings = []
    for r in repaired.readings:
        iv = apply_qualifier(qualifier, r.interval)
        if unit_word:
            iv, base = to_base_units(iv, unit_word)
        readings.append(Reading(r.label, iv))
    return Measure(figure, repair, qualifier, base, tuple(readings))
