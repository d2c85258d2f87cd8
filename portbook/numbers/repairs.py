"""The named repair rules, one registry: each rule's evidence is its docstring, each states what it refuses.

The ledger names the rule for a claim; the code applies it to the verbatim figure. Nothing here guesses.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction

from portbook.errors import RepairNotApplicable, UnknownRepair
from portbook.numbers.figures import WAN, YI, Figure, figure_value, parse_number, read_figure, split_range
from portbook.numbers.interval import Interval, Reading, hull, point
from portbook.numbers.units import normalize_unit


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
        """The smallest interval holding every reading: all the values the figure could mean."""
        return hull([r.interval for r in self.readings])

    @property
    def is_ambiguous(self) -> bool:
        """True when the rule leaves more than one reading."""
        return len(self.readings) > 1


RepairFunc = Callable[[str, "str | None"], Repaired]


@dataclass(frozen=True)
class RepairRule:
    """A registered repair rule: its name, what it applies to, what it refuses, and what it reads in a reader's words
    (``words``: '万 printed as “million”'; the name is the ledger's, the words are the pages').

    The rule's evidence and reasoning is the docstring of its function.
    """

    name: str
    applies_to: str
    refuses: str
    func: RepairFunc = field(repr=False)
    example: str = ""  # a figure as printed that the rule repairs, for the editors' documentation
    words: str = ""

    @property
    def evidence(self) -> str:
        """The rule's evidence and reasoning: the docstring of its function."""
        return inspect.getdoc(self.func) or ""

    def __call__(self, figure: str, printed_unit: str | None = None) -> Repaired:
        return self.func(figure, printed_unit)


REPAIRS: dict[str, RepairRule] = {}


def repair_rule(
    name: str, *, applies_to: str, refuses: str, words: str, example: str = ""
) -> Callable[[RepairFunc], RepairFunc]:
    """Register a function as the repair rule ``name``; ``words`` say what it reads as a reader would (no brackets,
    no colon: they go inside sentences); ``example`` is a figure as printed that it repairs."""

    def register(func: RepairFunc) -> RepairFunc:
        if name in REPAIRS:
            raise ValueError(f"repair rule {name!r} registered twice")
        if not inspect.getdoc(func):
            raise ValueError(f"repair rule {name!r} needs a docstring giving its evidence")
        REPAIRS[name] = RepairRule(
            name=name, applies_to=applies_to, refuses=refuses, func=func, example=example, words=words
        )
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
    words="the figure as printed",
    example="3.7 billion",
    applies_to="a single well-formed number, percentage, ordinal or number in words, taken as printed",
    refuses="ranges, N-fold changes in digits ('5.8-fold'), garbled comma groups and lost digits (each has a rule "
    "of its own); a multiplier word ('double', 'twice') is taken as the ratio it says",
)
def _none(figure: str, printed_unit: str | None = None) -> Repaired:
    """No repair: the figure is read exactly as printed. This is the default and the claim the article
    makes on its face; it refuses anything whose plain reading would itself be a guess (a comma
    grouping that is not 3-digit, digits lost as '<>', an N-fold whose base is ambiguous), so that
    a damaged number can never slip through unrepaired and unremarked."""
    fig = _single(figure, "none")
    if fig.says_its_ratio:
        # 'double that of 2021': 翻一番 and 增长一倍 both come out as twice as much; a word leaves no N to misread
        n = fig.word_value
        return Repaired("none", figure, "fold", (Reading(f"{float(n):g} times as much", point(n)),), "ratio")
    if fig.kind == "fold":
        raise RepairNotApplicable(
            f"none: {figure!r} is an N-fold change, ambiguous in translation; name the 'n_fold_ambiguous' rule"
        )
    value = figure_value(fig)
    return Repaired("none", figure, fig.kind, (Reading("as printed", point(value)),), _unit_of(fig))


@repair_rule(
    "range",
    words="a range as printed",
    example="12 to 15",
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
    words="digits whose comma groups were garbled in print",
    example="31,5600",
    applies_to="digits whose comma groups are not 3 digits each, such as '31,5600' or '1400,1'",
    refuses="well-formed groupings (nothing to repair), lost digits, decimals, ranges, words",
)
def _garbled_grouping(figure: str, printed_unit: str | None = None) -> Repaired:
    """A comma group that is not 3 digits long cannot be a Western thousands separator, so the printed
    digits do not say which number was meant. Chinese sources group by four (万): '31,5600' read that
    way is 31|5600 = 315,600, which is also what joining the groups gives. Our copy of the page may instead
    have picked up a stray group (drop the first or the last group), or the comma may be a decimal comma.
    This rule does not choose: it keeps every candidate as a labelled reading, and the value is the
    span from the lowest to the highest. Plausibility (a border longer than the equator; vehicles that are
    not whole) is for the checks to judge against outside evidence, not for the reading of the figure."""
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
            readings.append(Reading(label, point(value * mult)))
    return Repaired("garbled_grouping", figure, fig.kind, tuple(readings), _unit_of(fig))


@repair_rule(
    "lost_digits",
    words="digits lost from our copy of the page",
    example="16000,<>",
    applies_to="figures with digits lost from our copy of the page, printed '<>': '<>', '50,<>', '16000,<>'",
    refuses="figures with no '<>'; '<>' in the decimals",
)
def _lost_digits(figure: str, printed_unit: str | None = None) -> Repaired:
    """Our copy of the page replaced some digits with '<>'. A lone '<>' keeps nothing: the number is unknown, so
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
    readings = [
        Reading(
            "each lost group three digits long", Interval(float(Fraction(low) * mult), float(Fraction(high) * mult))
        )
    ]
    head = fig.groups[0]
    if head != "<>" and len(head) > 3 and fig.groups[1] == "<>":
        readings.append(Reading("leading digits whole, stray comma", point(Fraction(int(head)) * mult)))
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
    words="万, ten thousand, printed as “million”",
    example="1450.24 million",
    applies_to="a figure with the scale word 'million' that a translation made from 万 (ten thousand)",
    refuses="figures without 'million'; garbled or lost digits; ranges",
)
def _wan_as_million(figure: str, printed_unit: str | None = None) -> Repaired:
    """Chinese counts in 万 (ten thousand) and machine translation sometimes renders 万 as 'million'
    while keeping the Chinese digits: '1450.24万件' becomes '1450.24 million parcels'. Two decimals
    on a count of millions, and a number above 1,000 before 'million' where English would say '1.45 billion', are
    the marks of such a figure. The repaired value is the printed number times ten thousand."""
    fig, value = _cjk_scale(figure, "wan_as_million", "million", WAN)
    return Repaired("wan_as_million", figure, fig.kind, (Reading("万 read as 10,000", point(value)),), _unit_of(fig))


@repair_rule(
    "yi_as_billion",
    words="亿, a hundred million, printed as “billion”",
    example="263.7 billion",
    applies_to="a figure with the scale word 'billion' that a translation made from 亿 (a hundred million)",
    refuses="figures without 'billion'; garbled or lost digits; ranges",
)
def _yi_as_billion(figure: str, printed_unit: str | None = None) -> Repaired:
    """Chinese counts large sums in 亿 (a hundred million) and machine translation sometimes renders 亿
    as 'billion' while keeping the Chinese digits: '263.7亿元' becomes '263.7 billion yuan', ten times
    too large. The repaired value is the printed number times a hundred million."""
    fig, value = _cjk_scale(figure, "yi_as_billion", "billion", YI)
    return Repaired(
        "yi_as_billion", figure, fig.kind, (Reading("亿 read as 100 million", point(value)),), _unit_of(fig)
    )


@repair_rule(
    "cjk_scale_ambiguous",
    words="a figure whose “million” or “billion” may stand for 万 or 亿",
    example="16.77 billion",
    applies_to="a 'million' or 'billion' figure in a text known to mistranslate 万/亿, with no evidence "
    "deciding this figure",
    refuses="figures without 'million' or 'billion'; garbled or lost digits; ranges",
)
def _cjk_scale_ambiguous(figure: str, printed_unit: str | None = None) -> Repaired:
    """When an article is known to render 万 as 'million' or 亿 as 'billion' elsewhere, but nothing
    decides whether this figure was translated right, both readings stand: as printed, and with the
    Chinese scale word (ten thousand for 'million', a hundred million for 'billion'). The value is the span
    between them, a factor of 100 or 10 wide; a check may narrow it with outside evidence, the reading of
    the figure does not."""
    fig = _single(figure, "cjk_scale_ambiguous")
    if fig.scale == "million":
        _, cjk = _cjk_scale(figure, "cjk_scale_ambiguous", "million", WAN)
        label = "万 read as 10,000"
    elif fig.scale == "billion":
        _, cjk = _cjk_scale(figure, "cjk_scale_ambiguous", "billion", YI)
        label = "亿 read as 100 million"
    else:
        raise RepairNotApplicable(f"cjk_scale_ambiguous: {figure!r} has no 'million' or 'billion' scale word")
    readings = (Reading("as printed", point(figure_value(fig))), Reading(label, point(cjk)))
    return Repaired("cjk_scale_ambiguous", figure, fig.kind, readings, _unit_of(fig))


@repair_rule(
    "mu_as_acres",
    words="亩, the Chinese mu, printed as “acres”",
    example="372",
    applies_to="an area printed in 'acres' that a translation made from 亩 (mu)",
    refuses="any unit other than acres; garbled or lost digits",
)
def _mu_as_acres(figure: str, printed_unit: str | None = None) -> Repaired:
    """Chinese land areas are stated in 亩 (mu), and machine translation renders 亩 as 'acres'. One mu
    is exactly 10000/15 m² (about 667 m²) and an acre about six times that, so the printed area is about six
    times too large. The number is kept and its unit is read as mu; the unit conversion then does the
    rest."""
    fig = _single(figure, "mu_as_acres")
    unit = normalize_unit(printed_unit or fig.unit or "")
    if unit != "acre":
        raise RepairNotApplicable(f"mu_as_acres: {figure!r} is not in acres (printed unit {printed_unit!r})")
    value = figure_value(fig)
    return Repaired("mu_as_acres", figure, fig.kind, (Reading("acres read as mu", point(value)),), "mu")


@repair_rule(
    "n_fold_ambiguous",
    words="an N-fold that can mean N times as much or an increase of N times",
    example="5.8-fold",
    applies_to="an N-fold change ('soared over 5.8-fold', 'increased 3 times')",
    refuses="anything that is not an N-fold figure",
)
def _n_fold_ambiguous(figure: str, printed_unit: str | None = None) -> Repaired:
    """'Rose N-fold' is ambiguous in English and more so in translation: Chinese 增长N倍 means an increase
    BY N times (new = (N+1) x old), while 是...的N倍 means N times AS MUCH (new = N x old). The value is
    kept as the ratio new/old and both readings are exposed: N ('5.8 times as much') and N+1 ('6.8 times as
    much (an increase of 5.8 times)'), labelled in the words a reader meets them in. The rule does not pick."""
    fig = _single(figure, "n_fold_ambiguous")
    if fig.kind != "fold":
        raise RepairNotApplicable(f"n_fold_ambiguous: {figure!r} is not an N-fold figure")
    n = figure_value(fig)
    readings = (
        Reading(f"{float(n):g} times as much", point(n)),
        Reading(f"{float(n + 1):g} times as much (an increase of {float(n):g} times)", point(n + 1)),
    )
    return Repaired("n_fold_ambiguous", figure, "fold", readings, "ratio")
