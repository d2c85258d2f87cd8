"""Checks between claims: each kind on hand-made claims with known answers; on the real ledger only what holds
for any ledger (schema, determinism, no keying on claim ids). The book's own verdicts are in tests/book_facts.py."""

import json
import math
import re
import socket
from datetime import date

import pandas as pd
import pytest
from fixture_claims import claim

from portbook.numbers import ledger
from portbook.numbers.interval import Interval
from portbook.numbers.wording import computed_digits
from portbook.reconcile import checks, flows, intervals, rates

ENTITIES = ledger.load_entities()


def run(*rows) -> pd.DataFrame:
    return checks.run_checks(pd.DataFrame(rows), ENTITIES).set_index("check_id")


def only(frame: pd.DataFrame, kind: str) -> pd.Series:
    rows = frame[frame.kind == kind]
    assert len(rows) == 1, rows.index.tolist()
    return rows.iloc[0]


# ---------------------------------------------------------------------------
# Interval arithmetic
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "top, bottom, expected",
    [
        ((3.8, 3.8), (5.8, None), (0.0, 3.8 / 5.8)),  # over N-fold: an upper bound on the base, never a lower one
        ((16_000, None), (0.5, 1.0), (16_000, None)),  # a lower bound over a bounded share: no upper bound
        ((16_000, None), (0.5, None), (0.0, None)),  # a lower bound over a lower bound: nothing but 0 below
        ((10, 20), (2, 4), (2.5, 10)),
        ((None, 48), (2, 2), (0.0, 24)),  # 'up to': an open low end is 0 for these quantities
    ],
)
def test_divide(top, bottom, expected):
    assert intervals.divide(Interval(*top), Interval(*bottom)) == Interval(*expected)


def test_division_by_zero_is_refused_and_an_open_divisor_low_end_leaves_no_upper_bound():
    with pytest.raises(ZeroDivisionError):
        intervals.divide(Interval(1, 1), Interval(0, 0))
    assert intervals.divide(Interval(1, 2), Interval(0, 3)).high is None


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ((3.65, 3.75), (0, 0.66), (3.65 - 0.66, 3.75)),
        ((1, 2), (1, None), (None, 1)),  # minus something unbounded: unbounded below
        ((1, None), (0.5, 0.5), (0.5, None)),
        ((0.5, 0.6), (0.7, 0.8), (-0.3, -0.1)),
    ],
)
def test_subtract(a, b, expected):
    result = intervals.subtract(Interval(*a), Interval(*b))
    for got, want in zip((result.low, result.high), expected):
        assert (got is None and want is None) or got == pytest.approx(want)


def test_counts_are_whole_numbers_but_money_is_not():
    assert intervals.whole_numbers(Interval(115.2, 128.4), "countries") == Interval(116, 128)
    assert intervals.whole_numbers(Interval(115.2, 128.4), "yuan") == Interval(115.2, 128.4)


def test_an_average_of_a_count_is_checked_as_printed_not_refused():
    """'a monthly average of 3.5 trains' (the sixth trial) holds no whole number: it is an average, kept as it is,
    and the checks of its article run (before, the build stopped with 'interval low 4.0 > high 3.0')."""
    average = claim("avg", "khorgos-port", "freight_train_trips_per_month_avg", "trips", "3.5", "2012")
    (value,) = flows.values(pd.DataFrame([average]).iloc[0])
    assert value.interval.low <= 3.5 <= value.interval.high and value.interval.high < 4
    total = claim("total", "khorgos-port", "freight_train_trips", "trips", "42", "2012")
    assert len(run(average, total)) >= 0


def test_an_exact_figure_is_widened_by_its_rounding_and_about_by_five_percent():
    exact = flows.values(
        pd.DataFrame([claim("x", "kashgar-cbz", "trade_value_cny", "yuan", "3.7 billion", "2021")]).iloc[0]
    )
    assert exact[0].interval == Interval(3.65e9, 3.75e9) and exact[0].point == 3.7e9
    about = flows.values(
        pd.DataFrame(
            [
                claim(
                    "x",
                    "kashgar-cbz",
                    "trade_value_usd",
                    "usd",
                    "562.3 million",
                    "2021",
                    qualifier="about",
                    quote="562.3 million U.S. dollars",
                )
            ]
        ).iloc[0]
    )
    assert about[0].interval.low == pytest.approx(562.3e6 * 0.95) and about[0].printed == Interval(562.25e6, 562.35e6)


# ---------------------------------------------------------------------------
# growth_base
# ---------------------------------------------------------------------------

LEVEL_2021 = claim("zone-trade-2021", "kashgar-cbz", "trade_value_cny", "yuan", "3.7 billion", "2021")
GROWTH_2021 = claim("zone-growth-2021", "kashgar-cbz", "trade_growth_pct", "percent", "436.8 percent", "2021")


def test_a_growth_rate_implies_the_base_and_says_so_when_nothing_is_reported_for_it():
    row = only(run(LEVEL_2021, GROWTH_2021), "growth_base")
    assert row.verdict == "cannot_check" and "No figure for 2020 is reported" in row.explanation
    assert row.result_low < 3.7e9 / 5.368 < row.result_high
    # the base to the two digits of 3.7 billion, in a reader's scale, not 0.689 billion
    assert row.formula.startswith("3.7 billion / (1 + 436.8%) = 690 million yuan")
    assert row.port == "kashgar"


@pytest.mark.parametrize("figure, verdict", [("0.69 billion", "consistent"), ("1.2 billion", "conflict")])
def test_an_implied_base_is_compared_with_the_base_when_it_is_reported(figure, verdict):
    reported = claim(
        "zone-trade-2020",
        "kashgar-cbz",
        "trade_value_cny",
        "yuan",
        figure,
        "2020",
        article="b-2021-03-01",
        published="2021-03-01",
    )
    row = run(LEVEL_2021, GROWTH_2021, reported).loc["kashgar-cbz-trade-2021-vs-growth"]
    assert row.verdict == verdict and "zone-trade-2020" in row.claim_ids.split(";")


def test_an_n_fold_keeps_both_readings_and_a_base_that_fits_one_is_ambiguous():
    level = claim("l", "kashgar-cbz", "trade_value_cny", "yuan", "3.8 billion", "January to April")
    fold = claim(
        "g",
        "kashgar-cbz",
        "trade_growth_ratio",
        "ratio",
        "5.8-fold",
        "January to April",
        repair="n_fold_ambiguous",
        quote="soared 5.8-fold year on year",
    )
    base = claim(
        "b", "kashgar-cbz", "trade_value_cny", "yuan", "0.56 billion", "January to April 2021"
    )  # 3.8/6.8 = 0.559
    row = run(level, fold, base).loc["kashgar-cbz-trade-jan-apr-2022-vs-growth"]
    assert row.verdict == "ambiguous"
    by_reading = {r["reading"]: r["verdict"] for r in json.loads(row.readings)}
    assert by_reading == {
        "5.8 times as much": "conflict",
        "6.8 times as much (an increase of 5.8 times)": "consistent",
    }
    assert "conflict under 5.8 times as much" in row.explanation


def test_growth_applies_to_the_yuan_level_not_its_dollar_conversion_and_a_growth_without_a_level_says_what_is_missing():
    usd = claim(
        "usd",
        "kashgar-cbz",
        "trade_value_usd",
        "usd",
        "562.3 million",
        "2021",
        qualifier="about",
        quote="562.3 million U.S. dollars",
    )
    rows = run(LEVEL_2021, GROWTH_2021, usd)
    assert (rows.kind == "growth_base").sum() == 1
    alone = only(
        run(claim("g", "xinjiang", "agricultural_export_growth_pct", "percent", "100.1 percent", "2024")), "growth_base"
    )
    assert alone.verdict == "cannot_check" and "no agricultural export level" in alone.explanation


# ---------------------------------------------------------------------------
# part_whole
# ---------------------------------------------------------------------------


def kashgar_like(whole_figure):
    return (
        claim("w", "kashgar-cbz", "trade_value_cny", "yuan", whole_figure, "last year"),
        claim("l", "kashgar-cbz", "trade_value_cny", "yuan", "3.8 billion", "January to April"),
        claim(
            "g",
            "kashgar-cbz",
            "trade_growth_ratio",
            "ratio",
            "5.8-fold",
            "January to April",
            repair="n_fold_ambiguous",
            quote="soared 5.8-fold",
        ),
    )


@pytest.mark.parametrize(
    "whole, verdict",
    [
        ("3.7 billion", "consistent"),  # the real case: the rest of the year is positive under both readings
        ("0.50 billion", "conflict"),  # January-April alone (0.56 or 0.66) exceeds the year under both readings
        ("0.60 billion", "ambiguous"),  # exceeds it at ratio N (0.64-0.67) but not at ratio N+1 (0.55-0.57)
    ],
)
def test_a_part_larger_than_its_whole_is_a_conflict_only_under_every_reading(whole, verdict):
    row = only(run(*kashgar_like(whole)), "part_whole")
    assert row.name == "kashgar-cbz-trade-jan-apr-2021-in-2021"
    assert row.verdict == verdict
    if verdict == "ambiguous":
        assert "conflict under 5.8 times as much" in row.explanation


def test_the_series_has_reported_and_implied_segments_with_monthly_averages():
    series = flows.implied_series(pd.DataFrame(kashgar_like("3.7 billion")), "kashgar-cbz", "trade_value_cny")
    assert list(series.columns) == flows.SERIES_COLUMNS
    assert set(series.segment) == {"Jan–Apr 2021", "2021", "May–Dec 2021", "Jan–Apr 2022"}
    rest = series[series.segment == "May–Dec 2021"]
    assert set(rest.source) == {"implied"} and len(rest) == 2 and (rest.months == 8).all()
    assert (rest.per_month_low == rest.low / 8).all()
    latest = series[series.segment == "Jan–Apr 2022"].iloc[0]
    assert latest.source == "reported" and latest.per_month_low == pytest.approx(3.75e9 / 4)


def test_overlapping_periods_that_are_not_nested_give_no_part_whole_check():
    rows = run(
        claim("a", "kashgar-cbz", "trade_value_cny", "yuan", "1 billion", "January to June"),
        claim("b", "kashgar-cbz", "trade_value_cny", "yuan", "2 billion", "April to September"),
    )
    assert (rows.kind == "part_whole").sum() == 0


# ---------------------------------------------------------------------------
# share_total
# ---------------------------------------------------------------------------

ZONES = claim("zones", "xinjiang-cbzs", "trade_value_cny", "yuan", "9.5 billion", "January to April")
ZONES_SHARE = claim(
    "share", "xinjiang-cbzs", "share_of_xinjiang_trade_pct", "percent", "18.3 percent", "January to April"
)


def test_a_share_implies_the_total_of_the_entity_its_name_gives():
    row = only(run(ZONES, ZONES_SHARE), "share_total")
    assert row.verdict == "cannot_check" and "Xinjiang Uygur Autonomous Region" in row.explanation
    assert row.result_low == pytest.approx(9.45e9 / 0.1835) and row.result_high == pytest.approx(9.55e9 / 0.1825)
    assert "51.9 billion" in intervals.fmt(9.5e9 / 0.183, "yuan")


@pytest.mark.parametrize("figure, verdict", [("51.9 billion", "consistent"), ("60 billion", "conflict")])
def test_an_implied_total_is_tested_against_a_reported_total(figure, verdict):
    total = claim("total", "xinjiang", "trade_value_cny", "yuan", figure, "January to April")
    row = only(run(ZONES, ZONES_SHARE, total), "share_total")
    assert row.verdict == verdict


def test_lower_bounds_propagate_through_a_share():
    trips = claim(
        "trips",
        "alashankou-khorgos-ports",
        "freight_train_trips",
        "trips",
        "16,000",
        "In 2024",
        qualifier="more_than",
        published="2025-09-18",
    )
    half = claim(
        "half",
        "alashankou-khorgos-ports",
        "share_of_national_trips_pct",
        "percent",
        "half",
        "In 2024",
        qualifier="more_than",
        published="2025-09-18",
        quote="more than half of the national total",
    )
    row = only(run(trips, half), "share_total")
    # over 16,000 being over half: the total is at least the part (a share is at most 100%) and has no upper bound
    assert row.result_low == 16_000 and math.isnan(row.result_high)
    assert "China" in row.explanation and "16,000–32,000" in row.explanation
    exact = claim(
        "trips", "alashankou-khorgos-ports", "freight_train_trips", "trips", "16,000", "In 2024", published="2025-09-18"
    )
    bounded = only(run(exact, half), "share_total")
    assert bounded.result_low == 15_500 and bounded.result_high == 16_500 / 0.5


def test_a_share_of_a_total_is_not_tested_against_a_count_per_day():
    """'over 30 percent of such trains operated in China' so far, and '17 trains a day' today: a day's average is no
    part of the total the share is of, so nothing is implied from it."""
    daily = claim(
        "daily", "alashankou-port", "freight_train_trips_per_day_avg", "trips", "17", "today", published="2023-03-08"
    )
    share = claim(
        "share",
        "alashankou-port",
        "share_of_national_trips_pct",
        "percent",
        "30 percent",
        "so far",
        qualifier="more_than",
        published="2023-03-08",
    )
    row = only(run(daily, share), "share_total")
    assert row.verdict == "cannot_check" and "17" not in row.formula and "no level" in row.formula


def test_a_share_of_the_entitys_own_total_implies_the_part():
    partners = claim(
        "p",
        "kashgar-prefecture",
        "trading_partners",
        "countries",
        "128",
        "first three quarters of this year",
        published="2023-11-04",
        quote="reached 128 countries",
    )
    bri = claim(
        "s",
        "kashgar-prefecture",
        "bri_share_of_partners_pct",
        "percent",
        "90 percent",
        "first three quarters of this year",
        qualifier="more_than",
        published="2023-11-04",
    )
    row = only(run(partners, bri), "share_total")
    assert (row.result_low, row.result_high) == (116, 128) and row.name.endswith("implied-part")


# ---------------------------------------------------------------------------
# conversion and the ECB reference rate
# ---------------------------------------------------------------------------


def test_the_ecb_reference_rate_is_sane_and_needs_no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network used")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    rates.converter.cache_clear()
    try:
        assert 6.3 <= rates.yuan_per_dollar(date(2022, 6, 1)) <= 7.4
        assert 6.3 <= rates.mean_yuan_per_dollar(date(2022, 1, 1), date(2022, 12, 31)) <= 7.4
        assert 6.0 <= rates.mean_yuan_per_dollar(date(2013, 1, 1), date(2013, 12, 31)) <= 6.4
        assert rates.yuan_per_dollar(date(1990, 1, 1)) is None
    finally:
        rates.converter.cache_clear()


def money_pair(yuan_figure, usd_figure, period="January to April", published="2022-05-30"):
    return (
        claim("cny", "kashgar-cbz", "trade_value_cny", "yuan", yuan_figure, period, published=published),
        claim(
            "usd",
            "kashgar-cbz",
            "trade_value_usd",
            "usd",
            usd_figure,
            period,
            qualifier="about",
            published=published,
            quote=f"{usd_figure} U.S. dollars",
            converts="cny",
        ),
    )


def test_a_conversion_at_the_publication_rate_is_consistent_and_names_the_reference():
    row = only(run(*money_pair("3.8 billion", "562.3 million")), "conversion")
    assert row.verdict == "consistent"
    assert row.result_low == pytest.approx(3.75e9 / 562.35e6) and row.result_high == pytest.approx(3.85e9 / 562.25e6)
    assert "publication date rate" in row.explanation and "evidently used it" in row.explanation
    at_average = 3.8e9 / rates.mean_yuan_per_dollar(date(2022, 1, 1), date(2022, 4, 30))
    # to the two digits of 3.8 billion (the ECB's rate has more), with the width its rounding allows
    assert intervals.computed(at_average, "usd", 2) + " (" in row.explanation


FOUR_PLACES = re.compile(r"\d\.\d{3,}")  # an exchange rate past the fen: the ECB's four places are for the audit


def test_a_conversions_rates_are_shown_to_two_decimals_and_its_rounding_range_outward():
    row = only(run(*money_pair("3.8 billion", "562.3 million")), "conversion")
    assert not FOUR_PLACES.search(row.formula) and not FOUR_PLACES.search(row.explanation), (
        row.formula,
        row.explanation,
    )
    shown = intervals.rate_range(row.result_low, row.result_high)
    low, high = (float(x) for x in shown.split("–"))
    assert low <= row.result_low and high >= row.result_high  # rounded outward, so it still holds every reading
    assert shown in row.formula and shown in row.explanation


def test_a_computed_range_keeps_three_digits_rounded_outward():
    assert intervals.fmt_interval(Interval(45_623, 46_483), "") == "45,600–46,500"
    assert intervals.fmt_interval(Interval(636.5, 703.5), "km") == "636–704 km"
    assert intervals.rate_range(6.8558, 7.3634) == "6.85–7.37" and intervals.rate(7.1964) == "7.20"


def test_a_conversion_far_from_every_reference_is_a_conflict():
    row = only(run(*money_pair("95.3 billion", "10.2 billion")), "conversion")  # 9.34 yuan per dollar
    assert row.verdict == "conflict" and "No reference rate" in row.explanation


def test_a_yuan_figure_is_paired_only_with_the_dollar_figure_printed_beside_it():
    converted, usd = money_pair("3.8 billion", "562.3 million")
    other = claim("other", "kashgar-cbz", "trade_value_cny", "yuan", "9.5 billion", "January to April")
    rows = run(converted, usd, {**other, "article_id": converted["article_id"]})
    conversions = rows[rows.kind == "conversion"]
    assert len(conversions) == 1 and set(conversions.iloc[0].claim_ids.split(";")) == {"cny", "usd"}
    assert conversions.iloc[0].verdict == "consistent"
    unpaired = run(converted, {**usd, "converts": ""})
    assert (unpaired.kind == "conversion").sum() == 0, "entity and period alone never make a conversion"


def test_a_dollar_figure_without_a_yuan_figure_gets_no_invented_conversion():
    company = claim(
        "c",
        "kashgar-cbz-trade-company",
        "trade_value_usd",
        "usd",
        "230 million",
        "last year",
        quote="230 million U.S. dollars",
    )
    assert (run(company, LEVEL_2021).kind == "conversion").sum() == 0


# ---------------------------------------------------------------------------
# same_metric and kept_apart
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "other, verdict", [("3.7 billion", "consistent"), ("3.74 billion", "consistent"), ("4.2 billion", "conflict")]
)
def test_the_same_quantity_in_two_articles_must_agree_within_rounding(other, verdict):
    second = claim(
        "zone-trade-2021-again",
        "kashgar-cbz",
        "trade_value_cny",
        "yuan",
        other,
        "2021",
        article="b-2022-06-01",
        published="2022-06-01",
    )
    assert only(run(LEVEL_2021, second), "same_metric").verdict == verdict


def test_two_periods_show_the_change_and_test_nothing():
    early = claim(
        "e", "kashgar-prefecture", "bri_trade_value_cny", "yuan", "11.71 billion", "2013", published="2023-11-04"
    )
    late = claim(
        "l", "kashgar-prefecture", "bri_trade_value_cny", "yuan", "46.32 billion", "2022", published="2023-11-04"
    )
    row = only(run(early, late), "same_metric")
    cagr = ((46.32 / 11.71) ** (1 / 9) - 1) * 100
    assert row.verdict == "cannot_check" and row.result_low < cagr < row.result_high and row.unit == "percent per year"


def test_an_undated_figure_is_not_compared_as_if_it_were_the_same_moment():
    first = claim("first", "kashgar-zhongshun-ecommerce", "employees", "people", "6", "undated", published="2023-11-04")
    now = claim(
        "now",
        "kashgar-zhongshun-ecommerce",
        "employees",
        "people",
        "100",
        "now",
        qualifier="more_than",
        published="2023-11-04",
    )
    row = only(run(first, now), "same_metric")
    assert row.verdict == "cannot_check" and "no stated date" in row.explanation


@pytest.mark.parametrize(
    "outer, inner, expected",
    [
        ("kashgar-prefecture", "kashgar-cbz", "inside"),
        ("alashankou-port", "alashankou-cbz", "two different entities"),  # side by side in Alashankou City
    ],
)
def test_look_alike_entities_are_kept_apart(outer, inner, expected):
    rows = run(
        claim("a", outer, "trade_value_cny", "yuan", "61 billion", "2021"),
        claim("b", inner, "trade_value_cny", "yuan", "3.7 billion", "2021"),
    )
    row = only(rows, "kept_apart")
    assert row.verdict == "not_comparable" and expected in row.explanation
    assert (rows.kind == "same_metric").sum() == 0


def test_unrelated_entities_are_neither_compared_nor_kept_apart():
    rows = run(
        claim("a", "kashgar-prefecture", "trade_value_cny", "yuan", "61 billion", "2021"),
        claim("b", "yili-prefecture", "trade_value_cny", "yuan", "3.7 billion", "2021"),
    )
    assert rows.empty


# ---------------------------------------------------------------------------
# Digits: a value the checks compute has no more significant digits than its printed inputs support
# ---------------------------------------------------------------------------

NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\w])")
RANGE_AFTER = re.compile(r"^(?:\s?(?:million|billion|trillion))?(?:\s?[A-Za-z%]+){0,3}\s*(?:–|to\s)")


def digits_of(number: str) -> int:
    digits = number.replace(",", "")
    return len(digits.replace(".", "").lstrip("0")) if "." in digits else len(digits.strip("0"))


def computed_numbers(text: str, printed: list[str]) -> list[str]:
    """Every number of a check's sentence that is neither a printed figure nor an end of a range (whose width is
    honest), nor a year: the values the check computed."""
    mantissas = {re.sub(r"\D", "", "".join(m)).strip("0") for figure in printed for m in NUMBER.findall(figure)}
    found = []
    for m in NUMBER.finditer(text):
        number = m.group(0)
        before, after = text[: m.start()], text[m.end() :]
        if re.fullmatch(r"(?:19|20)\d\d", number) or re.search(r"(?:–|\sto\s)$", before) or RANGE_AFTER.match(after):
            continue
        if re.sub(r"\D", "", number).strip("0") in mantissas:
            continue
        found.append(number)
    return found


def assert_no_more_digits_than(row, printed: list[str]) -> None:
    allowed = computed_digits(printed)
    for text in (row.formula, row.explanation):
        over = [n for n in computed_numbers(text, printed) if digits_of(n) > allowed]
        assert not over, f"{over} in {text!r}: the inputs {printed} support {allowed} digits"


@pytest.mark.parametrize(
    "level, growth, entity, metrics, unit, shown",
    [
        (
            "3.7 billion",
            "436.8 percent",
            "kashgar-cbz",
            ("trade_value_cny", "trade_growth_pct"),
            "yuan",
            "690 million yuan",
        ),
        (
            "3.71 billion",
            "436.8 percent",
            "kashgar-cbz",
            ("trade_value_cny", "trade_growth_pct"),
            "yuan",
            "691 million yuan",
        ),
        (
            "9.5 billion",
            "126.7 percent",
            "xinjiang-cbzs",
            ("trade_value_cny", "trade_growth_pct"),
            "yuan",
            "4.2 billion yuan",
        ),
        (
            "56,000",
            "21.6 percent",
            "khorgos-port",
            ("vehicles_exported", "vehicles_exported_growth_pct"),
            "vehicles",
            "46,000 vehicles",
        ),
    ],
)
def test_an_implied_base_has_the_digits_of_its_least_precise_input(level, growth, entity, metrics, unit, shown):
    level_row = claim("level", entity, metrics[0], unit, level, "2021")
    growth_row = claim("growth", entity, metrics[1], "percent", growth, "2021")
    row = only(run(level_row, growth_row), "growth_base")
    assert f"= {shown} (" in row.formula, row.formula
    assert_no_more_digits_than(row, [level, growth])


def test_a_part_of_an_implied_whole_shows_the_whole_with_its_inputs_digits():
    """2020 is implied by 3.71 billion (three digits) and 436.8%: '691 million', never '691.133 million'."""
    rows = run(
        claim("level", "kashgar-cbz", "trade_value_cny", "yuan", "3.71 billion", "2021"),
        claim("growth", "kashgar-cbz", "trade_growth_pct", "percent", "436.8 percent", "2021"),
        claim("half", "kashgar-cbz", "trade_value_cny", "yuan", "330 million", "H1 2020"),
    )
    row = only(rows, "part_whole")
    assert row.formula.startswith("691 million − (330 million) = 360 million yuan (")
    assert "of 2020's 691 million yuan" in row.explanation and "691.1" not in row.explanation + row.formula
    # the whole has the three digits its own inputs support; what is left, the two of '330 million'
    assert_no_more_digits_than(row, ["3.71 billion", "436.8 percent"])


def test_a_computed_bound_is_rounded_away_from_what_it_excludes():
    """Over 90% of over 61 billion is more than 54.9 billion: to two digits 'at least 54 billion', never 55."""
    level = claim("t", "kashgar-prefecture", "trade_value_cny", "yuan", "61 billion", "2023", qualifier="more_than")
    share = claim(
        "s", "kashgar-prefecture", "bri_share_of_trade_pct", "percent", "90 percent", "2023", qualifier="more_than"
    )
    row = only(run(level, share), "share_total")
    assert "= at least 54 billion yuan" in row.formula and "54.9" not in row.formula + row.explanation
    assert_no_more_digits_than(row, ["61 billion", "90 percent"])


def test_a_point_is_written_in_its_own_scale_not_its_wholes():
    row = only(run(LEVEL_2021, GROWTH_2021), "growth_base")
    assert "0.69 billion" not in row.formula and "690 million yuan" in row.formula


# ---------------------------------------------------------------------------
# The real ledger
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real():
    from portbook.numbers import coverage
    from portbook.reconcile import processed
    from portbook.sources import cleaning, seeds

    for article_id in seeds.load_metadata():
        coverage.extract_and_save(cleaning.clean_article(article_id))
    claims = processed.run(write=False).claims
    return claims, checks.run_checks(claims, ENTITIES)


def test_the_checks_table_fits_its_schema_is_sorted_and_deterministic(real):
    claims, table = real
    checks.checks_schema().validate(table)
    assert table.check_id.is_monotonic_increasing and table.check_id.is_unique
    pd.testing.assert_frame_equal(table, checks.run_checks(claims, ENTITIES))
    assert set(table.kind) <= set(checks.KINDS)
    known = set(claims.claim_id)
    assert all(set(ids.split(";")) <= known for ids in table.claim_ids)


def test_the_engine_does_not_key_on_claim_ids(real):
    claims, table = real
    renamed = claims.assign(
        claim_id="z-" + claims.claim_id, converts=claims.converts.where(claims.converts == "", "z-" + claims.converts)
    )
    again = checks.run_checks(renamed, ENTITIES)
    outcome = lambda t: sorted(zip(t.kind, t.verdict, t.formula, t.result_low.fillna(-1), t.result_high.fillna(-1)))
    assert outcome(again) == outcome(table)


def test_a_year_and_the_first_months_of_the_next_reconcile_through_the_implied_series():
    """The shape of the book's flagship, on fixture claims: a whole year, and a later January-April with an 'over
    N-fold' growth that implies the same months of the year before."""
    whole, later, _ = kashgar_like("3.7 billion")
    fold = claim(
        "g",
        "kashgar-cbz",
        "trade_growth_ratio",
        "ratio",
        "5.8-fold",
        "January to April",
        qualifier="more_than",
        repair="n_fold_ambiguous",
        quote="soared over 5.8-fold",
    )
    claims = pd.DataFrame([whole, later, fold])
    table = checks.run_checks(claims, ENTITIES).set_index("check_id")
    row = table.loc["kashgar-cbz-trade-jan-apr-2021-in-2021"]
    assert row.kind == "part_whole" and row.verdict == "consistent" and "not a conflict" in row.explanation
    rests = sorted(r["low"] for r in json.loads(row.readings))
    for rest, ratio in zip(rests, [5.8, 6.8]):
        # the N-fold caps January-April 2021 at later / ratio, so the rest of 2021 is at least whole - later / ratio
        assert rest <= 3.7e9 - 3.8e9 / ratio < 3.7e9
    series = flows.implied_series(claims, "kashgar-cbz", "trade_value_cny")
    rate = lambda segment, col: series[series.segment == segment][col]
    assert (rate("May–Dec 2021", "per_month_low") > rate("Jan–Apr 2021", "per_month_high").max()).all()
    assert rate("Jan–Apr 2022", "per_month_low").min() > rate("May–Dec 2021", "per_month_high").max()
