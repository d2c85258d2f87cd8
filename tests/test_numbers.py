"""Tables of ugly printed numbers, one per rule, including what each rule must refuse."""

import math
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portbook.errors import (
    GarbledGrouping,
    LostDigits,
    RepairNotApplicable,
    UnknownQualifier,
    UnknownRepair,
    UnknownUnit,
    UnparseableNumber,
)
from portbook.numbers.figures import SCALES, parse_number, read_figure, rounding_interval
from portbook.numbers.interval import Interval
from portbook.numbers.measure import measure
from portbook.numbers.qualifiers import apply_qualifier, qualifier_before
from portbook.numbers.repairs import REPAIRS, apply_repair
from portbook.numbers.units import printed_unit, to_base_units
from portbook.numbers.wording import computed_digits, round_sig

# --------------------------------------------------------------------------- parse_number


@pytest.mark.parametrize(
    "text, low, high",
    [
        ("16.77", 16.77, 16.77),
        ("1,400", 1400, 1400),
        ("195,000", 195_000, 195_000),
        ("1400", 1400, 1400),  # no grouping at all is fine
        ("0108263", 108263, 108263),
        ("16.77 billion", 16_770_000_000, 16_770_000_000),
        ("1450.24 million", 1_450_240_000, 1_450_240_000),
        ("3 thousand", 3000, 3000),
        # a wire headline's abbreviated scale words are scale words, not a bare number
        ("270 bln", 270_000_000_000, 270_000_000_000),
        ("$1.5bn", 1_500_000_000, 1_500_000_000),
        ("3.2 Mln", 3_200_000, 3_200_000),
        ("3 to 5 bln", 3_000_000_000, 5_000_000_000),
        ("2.5 Billion", 2_500_000_000, 2_500_000_000),
        ("  63 ", 63, 63),
        ("$21.1 million", 21_100_000, 21_100_000),
        ("10.3%", 10.3, 10.3),
        ("10.3 %", 10.3, 10.3),
        ("436.8 percent", 436.8, 436.8),
        ("40 per cent", 40, 40),
        ("5.8-fold", 5.8, 5.8),
        ("125th", 125, 125),
        ("29th", 29, 29),
        ("12 to 15", 12, 15),
        ("12-15", 12, 15),
        ("12 – 15", 12, 15),
        ("3 to 5 million", 3_000_000, 5_000_000),
        ("10% to 20%", 10, 20),
        ("10 to 20 percent", 10, 20),
        ("three", 3, 3),
        ("Ten", 10, 10),
        ("two", 2, 2),
        ("a hundred", 100, 100),
        ("one hundred", 100, 100),
        ("twenty-five", 25, 25),
        ("two hundred thousand", 200_000, 200_000),
        ("one ten-thousandth", 0.0001, 0.0001),
        ("half", 0.5, 0.5),
        ("two thirds", 2 / 3, 2 / 3),
        ("three quarters", 0.75, 0.75),
        ("first", 1, 1),
        ("third", 3, 3),
        ("forty percent", 40, 40),
        ("two-fold", 2, 2),
        ("twice", 2, 2),
    ],
)
def test_parse_number(text, low, high):
    got = parse_number(text)
    assert got.low == pytest.approx(low) and got.high == pytest.approx(high)


@pytest.mark.parametrize(
    "text, error",
    [
        ("31,5600", GarbledGrouping),
        ("1400,1", GarbledGrouping),
        ("1,23", GarbledGrouping),
        ("12,345,67", GarbledGrouping),
        ("1234,567", GarbledGrouping),  # a leading group longer than 3 digits
        ("<>", LostDigits),
        ("16000,<>", LostDigits),
        ("50,<>", LostDigits),
        ("", UnparseableNumber),
        ("more", UnparseableNumber),
        ("five apples", UnparseableNumber),
        ("1.2.3", UnparseableNumber),
        ("15 to 12", UnparseableNumber),
        ("a", UnparseableNumber),
        ("1.5th", UnparseableNumber),
        ("hundreds", UnparseableNumber),
    ],
)
def test_parse_number_refuses(text, error):
    with pytest.raises(error) as info:
        parse_number(text)
    assert repr(text) in str(info.value) or text.strip() == "", "the message must name the offending text"


def test_errors_null_gives_none_and_bad_policy_raises():
    assert parse_number("31,5600", errors="null") is None
    assert parse_number("<>", errors="null") is None
    assert parse_number("63", errors="null") == Interval(63, 63)
    with pytest.raises(ValueError):
        parse_number("63", errors="ignore")


def test_garbled_and_lost_are_unparseable_numbers_and_value_errors():
    for cls in (GarbledGrouping, LostDigits):
        assert issubclass(cls, UnparseableNumber) and issubclass(cls, ValueError)


@pytest.mark.parametrize(
    "text, kind, groups, scale",
    [
        ("31,5600", "number", ("31", "5600"), None),
        ("16000,<>", "number", ("16000", "<>"), None),
        ("1450.24 million", "number", ("1450",), "million"),
        ("5.8-fold", "fold", ("5",), None),
        ("10.3%", "percent", ("10",), None),
    ],
)
def test_read_figure(text, kind, groups, scale):
    fig = read_figure(text)
    assert (fig.kind, fig.groups, fig.scale) == (kind, groups, scale)


@pytest.mark.parametrize(
    "text, low, high",
    [
        ("16.77 billion", 16.765e9, 16.775e9),
        ("3.7 billion", 3.65e9, 3.75e9),
        ("40,000", 35_000, 45_000),
        ("63", 62.5, 63.5),
        ("10.3%", 10.25, 10.35),
    ],
)
def test_rounding_interval(text, low, high):
    iv = rounding_interval(text)
    assert iv.low == pytest.approx(low) and iv.high == pytest.approx(high)


# --------------------------------------------------------------------------- properties


@given(st.integers(min_value=0, max_value=10**15))
def test_round_trip_grouped_integers(n):
    assert parse_number(f"{n:,}") == Interval(n, n)
    assert parse_number(str(n)) == Interval(n, n)


@given(st.integers(min_value=0, max_value=10**12))
def test_round_trip_grouped_decimals(cents):
    text = f"{cents // 100:,}.{cents % 100:02d}"
    assert parse_number(text).low == cents / 100


@given(st.integers(min_value=1, max_value=10**6), st.sampled_from(sorted(SCALES)))
def test_scale_words_multiply(n, scale):
    assert parse_number(f"{n} {scale}").low == n * SCALES[scale]


@given(st.text(alphabet="0123456789,.<> -tomilnbpercent%", max_size=20))
def test_any_parse_is_an_ordered_interval_or_a_typed_error(text):
    try:
        iv = parse_number(text)
    except UnparseableNumber:
        return
    assert iv.low is not None and iv.high is not None and iv.low <= iv.high


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=10**6))
def test_ranges_are_ordered_or_refused(a, b):
    try:
        iv = parse_number(f"{a} to {b}")
    except UnparseableNumber:
        assert a > b
        return
    assert (iv.low, iv.high) == (a, b)


@given(
    st.integers(min_value=1, max_value=999),
    st.lists(st.integers(min_value=0, max_value=99999), min_size=1, max_size=3),
)
def test_garbled_grouping_keeps_the_joined_reading(head, tail):
    groups = [str(head)] + [str(t) for t in tail]
    text = ",".join(groups)
    fig = read_figure(text)
    if fig.grouping_ok:
        with pytest.raises(RepairNotApplicable):
            apply_repair("garbled_grouping", text)
        return
    repaired = apply_repair("garbled_grouping", text)
    values = [r.interval.low for r in repaired.readings]
    assert float(int("".join(groups))) in values
    assert repaired.interval.low == min(values) and repaired.interval.high == max(values)


# --------------------------------------------------------------------------- repair rules

REQUIRED_RULES = {
    "none",
    "garbled_grouping",
    "lost_digits",
    "wan_as_million",
    "yi_as_billion",
    "mu_as_acres",
    "range",
    "n_fold_ambiguous",
    "cjk_scale_ambiguous",
}


def test_required_rules_are_registered():
    assert REQUIRED_RULES <= set(REPAIRS)


@pytest.mark.parametrize("name", sorted(REPAIRS))
def test_every_rule_is_documented(name):
    rule = REPAIRS[name]
    assert re.fullmatch(r"[a-z][a-z0-9_]*", rule.name)
    assert len(rule.evidence) > 150, f"{name}: the evidence paragraph is too thin"
    assert rule.applies_to and rule.refuses


def _readings(repaired):
    return [(r.interval.low, r.interval.high) for r in repaired.readings]


@pytest.mark.parametrize(
    "rule, figure, unit, readings",
    [
        ("none", "195,000", None, [(195_000, 195_000)]),
        ("none", "a hundred", None, [(100, 100)]),
        ("none", "half", None, [(0.5, 0.5)]),
        ("garbled_grouping", "31,5600", None, [(315_600, 315_600), (5600, 5600), (31, 31), (31.56, 31.56)]),
        ("garbled_grouping", "1400,1", None, [(14_001, 14_001), (1, 1), (1400, 1400), (1400.1, 1400.1)]),
        ("garbled_grouping", "1,2345,678", None, [(12_345_678, 12_345_678), (2_345_678, 2_345_678), (12_345, 12_345)]),
        (
            "garbled_grouping",
            "31,5600 million",
            None,
            [(315_600e6, 315_600e6), (5600e6, 5600e6), (31e6, 31e6), (31.56e6, 31.56e6)],
        ),
        ("lost_digits", "<>", None, [(None, None)]),
        ("lost_digits", "50,<>", None, [(50_000, 50_999)]),
        ("lost_digits", "16000,<>", None, [(16_000_000, 16_000_999), (16_000, 16_000)]),
        ("lost_digits", "1,<>,500", None, [(1_000_500, 1_999_500)]),
        ("lost_digits", "3,<> million", None, [(3_000e6, 3_999e6)]),
        ("lost_digits", "<>,500", None, [(500, 999_500)]),
        ("wan_as_million", "1450.24 million", None, [(14_502_400, 14_502_400)]),
        ("wan_as_million", "25 million", None, [(250_000, 250_000)]),
        ("yi_as_billion", "263.7 billion", None, [(26_370_000_000, 26_370_000_000)]),
        ("yi_as_billion", "10 billion", None, [(1_000_000_000, 1_000_000_000)]),
        ("yi_as_billion", "10 bln", None, [(1_000_000_000, 1_000_000_000)]),
        ("wan_as_million", "1450.24 mln", None, [(14_502_400, 14_502_400)]),
        ("cjk_scale_ambiguous", "16.77 billion", None, [(16.77e9, 16.77e9), (1.677e9, 1.677e9)]),
        ("cjk_scale_ambiguous", "1450.24 million", None, [(1_450_240_000, 1_450_240_000), (14_502_400, 14_502_400)]),
        ("mu_as_acres", "372", "acres", [(372, 372)]),
        ("mu_as_acres", "1.5", "acre", [(1.5, 1.5)]),
        ("range", "12 to 15", None, [(12, 15)]),
        ("range", "3 to 5 million", None, [(3e6, 5e6)]),
        ("n_fold_ambiguous", "5.8-fold", None, [(5.8, 5.8), (6.8, 6.8)]),
        ("n_fold_ambiguous", "3 times", None, [(3, 3), (4, 4)]),
        ("n_fold_ambiguous", "two-fold", None, [(2, 2), (3, 3)]),
        ("n_fold_ambiguous", "fourfold", None, [(4, 4), (5, 5)]),
        # a multiplier word says its ratio: 'double that of 2021' is twice it, one reading
        ("none", "double", None, [(2, 2)]),
        ("none", "tripled", None, [(3, 3)]),
    ],
)
def test_rule_applies(rule, figure, unit, readings):
    got = _readings(apply_repair(rule, figure, unit))
    assert len(got) == len(readings)
    for (glo, ghi), (lo, hi) in zip(got, readings):
        assert (glo is None) == (lo is None) and (ghi is None) == (hi is None)
        if lo is not None:
            assert glo == pytest.approx(lo)
        if hi is not None:
            assert ghi == pytest.approx(hi)


@pytest.mark.parametrize(
    "rule, figure, unit, error",
    [
        ("none", "31,5600", None, GarbledGrouping),
        ("none", "1400,1", None, GarbledGrouping),
        ("none", "<>", None, LostDigits),
        ("none", "16000,<>", None, LostDigits),
        ("none", "12 to 15", None, RepairNotApplicable),
        ("none", "5.8-fold", None, RepairNotApplicable),
        # an N-fold in words is as ambiguous as in digits; only a multiplier word says its ratio
        ("none", "fourfold", None, RepairNotApplicable),
        ("garbled_grouping", "195,000", None, RepairNotApplicable),
        ("garbled_grouping", "1400", None, RepairNotApplicable),
        ("garbled_grouping", "16000,<>", None, RepairNotApplicable),
        ("garbled_grouping", "31,5600.5", None, RepairNotApplicable),
        ("garbled_grouping", "three", None, RepairNotApplicable),
        ("lost_digits", "50,000", None, RepairNotApplicable),
        ("lost_digits", "31,5600", None, RepairNotApplicable),
        ("wan_as_million", "16.77 billion", None, RepairNotApplicable),
        ("wan_as_million", "14502400", None, RepairNotApplicable),
        ("wan_as_million", "31,5600 million", None, GarbledGrouping),
        ("wan_as_million", "a million", None, RepairNotApplicable),
        ("wan_as_million", "1 to 2 million", None, RepairNotApplicable),
        ("yi_as_billion", "1450.24 million", None, RepairNotApplicable),
        ("yi_as_billion", "263.7", None, RepairNotApplicable),
        ("yi_as_billion", "<> billion", None, LostDigits),
        ("cjk_scale_ambiguous", "25", None, RepairNotApplicable),
        ("cjk_scale_ambiguous", "3 thousand", None, RepairNotApplicable),
        ("mu_as_acres", "372", "hectares", RepairNotApplicable),
        ("mu_as_acres", "372", None, RepairNotApplicable),
        ("mu_as_acres", "40", "square-kilometer", RepairNotApplicable),
        ("range", "12", None, RepairNotApplicable),
        ("range", "16.77 billion", None, RepairNotApplicable),
        ("n_fold_ambiguous", "5.8", None, RepairNotApplicable),
        ("n_fold_ambiguous", "10.3%", None, RepairNotApplicable),
    ],
)
def test_rule_refuses(rule, figure, unit, error):
    with pytest.raises(error) as info:
        apply_repair(rule, figure, unit)
    assert repr(figure) in str(info.value)


def test_unknown_rule():
    with pytest.raises(UnknownRepair, match="'guess'"):
        apply_repair("guess", "3")


def test_repair_rules_never_collapse_ambiguity_to_a_point():
    for rule, figure in [
        ("garbled_grouping", "31,5600"),
        ("lost_digits", "16000,<>"),
        ("n_fold_ambiguous", "5.8-fold"),
        ("cjk_scale_ambiguous", "10 billion"),
    ]:
        repaired = apply_repair(rule, figure)
        assert repaired.is_ambiguous and not repaired.interval.is_point


# --------------------------------------------------------------------------- qualifiers


@pytest.mark.parametrize(
    "name, interval, expected",
    [
        ("exact", Interval(63, 63), Interval(63, 63)),
        ("more_than", Interval(40_000, 40_000), Interval(40_000, None)),
        ("more_than", Interval(5600, 315_600), Interval(5600, None)),
        ("more_than", Interval(None, None), Interval(None, None)),  # 'more than <>' stays unknown
        ("at_least", Interval(10, 10), Interval(10, None)),
        ("up_to", Interval(48, 48), Interval(None, 48)),
        ("less_than", Interval(20, 20), Interval(None, 20)),
        ("about", Interval(100, 100), Interval(95, 105)),
        ("about", Interval(12, 15), Interval(11.4, 15.75)),
        ("nearly", Interval(100, 100), Interval(95, 100)),
    ],
)
def test_qualifiers(name, interval, expected):
    got = apply_qualifier(name, interval)
    for a, b in ((got.low, expected.low), (got.high, expected.high)):
        assert (a is None and b is None) or a == pytest.approx(b)


def test_unknown_qualifier():
    with pytest.raises(UnknownQualifier, match="'over'"):
        apply_qualifier("over", Interval(1, 1))


@pytest.mark.parametrize(
    "before, expected",
    [
        ("there are more than ", "more_than"),
        ("has exceeded ", "more_than"),
        ("soared over ", "more_than"),
        ("received over ", "more_than"),
        ("yuan (about ", "about"),
        ("within ", "up_to"),
        ("at least ", "at_least"),
        ("an average of less than ", "less_than"),
        ("fewer than ", "less_than"),
        ("nearly ", "nearly"),
        ("reached ", "exact"),
        ("moreover ", "exact"),  # 'over' must be a word of its own
        ("the cover ", "exact"),
        ("", "exact"),
    ],
)
def test_qualifier_before(before, expected):
    assert qualifier_before(before) == expected


# --------------------------------------------------------------------------- units


@pytest.mark.parametrize(
    "value, unit, expected, base",
    [
        (40, "square-kilometer", 40e6, "m2"),
        (40, "square kilometers", 40e6, "m2"),
        (372, "acres", 372 * 4046.8564224, "m2"),
        (372, "mu", 248_000, "m2"),
        (15, "mu", 10_000, "m2"),  # 1 mu is exactly 1/15 hectare
        (700, "kilometers", 700, "km"),
        (2.5e9, "yuan", 2.5e9, "yuan"),
        (343.75e6, "U.S. dollars", 343.75e6, "usd"),
        (50_000, "tons", 50_000, "tonnes"),
        (195_000, "vehicles", 195_000, "vehicles"),
        (0.5, "fraction", 50, "percent"),
        (24, "companies", 24, "enterprises"),
        (3, "hours", 3, "hours"),
        (16_000, "border residents", 16_000, "people"),
    ],
)
def test_to_base_units(value, unit, expected, base):
    iv, got_base = to_base_units(Interval(value, value), unit)
    assert got_base == base and iv.low == pytest.approx(expected)


def test_unknown_unit():
    with pytest.raises(UnknownUnit, match="'camels'"):
        to_base_units(Interval(1, 1), "camels")


@pytest.mark.parametrize(
    "quote, figure, expected",
    [
        ("covering an area of 372 acres and", "372", "acres"),
        ("building a 40-square-kilometer pilot zone", "40-square-kilometer", "square-kilometer"),
        ("save about 150 million yuan ($21.1 million) in", "$21.1 million", "usd"),
        ("(about 8.39 billion U.S. dollars)", "8.39 billion", "U.S. dollars"),
        ("After 12 to 15 days of exiting", "12 to 15", "days"),
        ("an increase of 89.7 percent year-on-year", "89.7 percent", None),
        ("56,000 China-made vehicles", "56,000", None),
        ("purchases 50,<> tons of wheat", "50,<>", "tons"),
    ],
)
def test_printed_unit(quote, figure, expected):
    assert printed_unit(quote, figure) == expected


@pytest.mark.parametrize(
    "figure, repair, qualifier, unit, base, low, high",
    [
        ("372", "mu_as_acres", "exact", "acres", "m2", 248_000, 248_000),
        ("372", "none", "exact", "acres", "m2", 372 * 4046.8564224, 372 * 4046.8564224),
        ("31,5600", "garbled_grouping", "more_than", "kilometers", "km", 31, None),
        ("<>", "lost_digits", "more_than", "passages", "passages", None, None),
        ("5.8-fold", "n_fold_ambiguous", "more_than", None, "ratio", 5.8, None),
        ("8.39 billion", "none", "about", "U.S. dollars", "usd", 8.39e9 * 0.95, 8.39e9 * 1.05),
        ("half", "none", "more_than", None, "percent", 50, None),
        ("one ten-thousandth", "none", "exact", None, "percent", 0.01, 0.01),
        ("10.3%", "none", "exact", None, "percent", 10.3, 10.3),
        ("24-hour", "none", "exact", None, "hours", 24, 24),
    ],
)
def test_measure(figure, repair, qualifier, unit, base, low, high):
    m = measure(figure, repair, qualifier, unit)
    assert m.unit == base
    iv = m.interval
    assert (iv.low is None) == (low is None) and (iv.high is None) == (high is None)
    if low is not None:
        assert iv.low == pytest.approx(low)
    if high is not None:
        assert iv.high == pytest.approx(high)


def test_interval_rejects_reversed_ends():
    with pytest.raises(ValueError):
        Interval(2, 1)
    assert Interval(1, None).contains(math.inf)


# --------------------------------------------------------------------------- digits a computed value supports


@pytest.mark.parametrize(
    "printed, digits",
    [
        (["3.7 billion", "436.8 percent"], 2),  # the least precise input decides
        (["3.71 billion", "436.8%"], 3),
        (["over 5.8-fold", "16,930,000,000"], 2),  # '5.8-fold': the digits before the hyphen
        (["56,000", "21.6 percent"], 2),  # trailing zeros of a whole number are not counted as digits
        (["100", "6"], 2),  # but a figure never supports fewer than two
        (["half"], 2),  # a figure in words carries no digits of its own
        ([], 2),
        (["1450.24 million"], 6),
    ],
)
def test_computed_digits(printed, digits):
    assert computed_digits(printed) == digits


@pytest.mark.parametrize(
    "value, sig, direction, expected",
    [
        (689_268_000, 2, "nearest", 690_000_000),
        (691_133_000, 3, "nearest", 691_000_000),
        (46_053, 2, "nearest", 46_000),  # whole digits are rounded too
        (54.9e9, 2, "down", 54e9),  # a lower bound rounds down: 'at least 54' stays true, 'at least 55' would not
        (655.2e6, 2, "up", 660e6),  # an upper bound rounds up
        (9.96, 2, "up", 10.0),  # a carry into a new digit
        (999_999, 3, "nearest", 1_000_000),
        (94, 2, "down", 94),  # already on a step: no direction moves it
        (-3.045e9, 2, "down", -3.1e9),  # down is towards minus infinity, below zero too
        (0.0, 3, "up", 0.0),
        (math.inf, 2, "nearest", math.inf),
    ],
)
def test_round_sig(value, sig, direction, expected):
    assert round_sig(value, sig, direction) == pytest.approx(expected)


@given(st.floats(min_value=1e-6, max_value=1e15), st.integers(min_value=1, max_value=6))
def test_rounded_bounds_stay_true_and_keep_their_digits(value, sig):
    down, up = round_sig(value, sig, "down"), round_sig(value, sig, "up")
    assert down <= value * (1 + 1e-12) and up >= value * (1 - 1e-12)
    for rounded in (down, up, round_sig(value, sig)):
        assert len(f"{rounded:.12e}".split("e")[0].replace(".", "").rstrip("0")) <= sig


@given(
    st.floats(min_value=1, max_value=1e12, allow_nan=False, allow_infinity=False),
    st.floats(min_value=1e-6, max_value=2, allow_nan=False, allow_infinity=False),
    st.integers(min_value=2, max_value=4),
)
def test_a_range_reads_no_wider_or_narrower_than_the_truth(low, spread, sig):
    """A range for a reader holds every value it stands for and looks at most half again as wide; one too narrow for
    its digits reads as one figure ('about 16 million'), never as two ends that meet ('16–16') or a falsely wide pair
    ('16–16.1' for 16,000,000–16,000,999)."""
    from portbook.numbers.wording import range_words

    high = low * (1 + spread)
    text = range_words(low, high, 1.0, sig)
    step = 10.0 ** (math.floor(math.log10(high)) - sig + 1)
    if text.startswith("about "):
        figure = float(text.removeprefix("about ").replace(",", ""))
        assert high - low < step and abs(figure - (low + high) / 2) <= step / 2 * (1 + 1e-9), (low, high, text)
        return
    ends = [float(end.replace(",", "")) for end in text.split("–")]
    assert ends[0] < ends[1], (low, high, text)
    assert ends[0] <= low * (1 + 1e-12) and ends[1] >= high * (1 - 1e-12), (low, high, text)
    assert (ends[1] - ends[0]) <= 1.5 * (high - low) * (1 + 1e-9), (low, high, text)
