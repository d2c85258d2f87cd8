"""Period phrases resolved against publication dates, and the ones that must be refused."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portbook.errors import BadPeriod
from portbook.numbers import periods
from portbook.numbers.periods import Period, resolve_period, year_on_year_base

D = date


@pytest.mark.parametrize(
    "phrase, published, start, end, kind, flags",
    [
        ("2021", D(2022, 5, 30), D(2021, 1, 1), D(2021, 12, 31), "flow", set()),
        ("in 2024", D(2025, 9, 18), D(2024, 1, 1), D(2024, 12, 31), "flow", set()),
        ("In 2024", D(2025, 9, 18), D(2024, 1, 1), D(2024, 12, 31), "flow", set()),
        ("2013", D(2023, 11, 4), D(2013, 1, 1), D(2013, 12, 31), "flow", set()),
        ("last year", D(2022, 5, 30), D(2021, 1, 1), D(2021, 12, 31), "flow", {"relative"}),
        ("Last year", D(2025, 9, 18), D(2024, 1, 1), D(2024, 12, 31), "flow", {"relative"}),
        ("this year", D(2023, 11, 4), D(2023, 1, 1), D(2023, 11, 4), "flow", {"relative", "year_to_date"}),
        ("first half of this year", D(2023, 7, 7), D(2023, 1, 1), D(2023, 6, 30), "flow", {"relative"}),
        ("in the first half of this year", D(2023, 7, 7), D(2023, 1, 1), D(2023, 6, 30), "flow", {"relative"}),
        ("second half of 2022", D(2023, 7, 7), D(2022, 7, 1), D(2022, 12, 31), "flow", set()),
        ("first three quarters of this year", D(2023, 11, 11), D(2023, 1, 1), D(2023, 9, 30), "flow", {"relative"}),
        ("first five months of this year", D(2025, 9, 18), D(2025, 1, 1), D(2025, 5, 31), "flow", {"relative"}),
        ("first 2 months of 2024", D(2025, 1, 1), D(2024, 1, 1), D(2024, 2, 29), "flow", set()),
        ("first quarter of last year", D(2025, 9, 18), D(2024, 1, 1), D(2024, 3, 31), "flow", {"relative"}),
        ("from January to April", D(2022, 5, 30), D(2022, 1, 1), D(2022, 4, 30), "flow", {"assumed_publication_year"}),
        ("January to April", D(2022, 5, 30), D(2022, 1, 1), D(2022, 4, 30), "flow", {"assumed_publication_year"}),
        ("January–April 2021", D(2022, 5, 30), D(2021, 1, 1), D(2021, 4, 30), "flow", set()),
        ("January to February 2024", D(2025, 1, 1), D(2024, 1, 1), D(2024, 2, 29), "flow", set()),
        ("Jan-May", D(2025, 6, 2), D(2025, 1, 1), D(2025, 5, 31), "flow", {"assumed_publication_year"}),
        ("Jan-Nov 2023", D(2024, 1, 1), D(2023, 1, 1), D(2023, 11, 30), "flow", set()),
        (
            "by June 13 this year",
            D(2025, 9, 18),
            D(2025, 1, 1),
            D(2025, 6, 13),
            "flow",
            {"relative", "year_to_date", "assumed_start_jan_1"},
        ),
        ("as of June 30, 2023", D(2023, 7, 7), D(2023, 6, 30), D(2023, 6, 30), "stock", set()),
        # an agency abbreviates the month, with its point
        (
            "by Sept. 1 this year",
            D(2025, 9, 2),
            D(2025, 1, 1),
            D(2025, 9, 1),
            "flow",
            {"relative", "year_to_date", "assumed_start_jan_1"},
        ),
        ("up to now", D(2023, 7, 7), D(2023, 7, 7), D(2023, 7, 7), "stock", {"relative"}),
        ("Up to now", D(2023, 7, 7), D(2023, 7, 7), D(2023, 7, 7), "stock", {"relative"}),
        ("currently", D(2023, 11, 11), D(2023, 11, 11), D(2023, 11, 11), "stock", {"relative"}),
        ("now", D(2023, 11, 4), D(2023, 11, 4), D(2023, 11, 4), "stock", {"relative"}),
        ("undated", D(2023, 11, 4), D(2023, 11, 4), D(2023, 11, 4), "stock", {"implicit"}),
        ("in recent years", D(2023, 11, 11), D(2023, 11, 11), D(2023, 11, 11), "stock", {"vague"}),
        ("every year", D(2023, 7, 7), None, None, "annual", {"no_specific_year"}),
        ("since 2023", D(2025, 9, 18), D(2023, 1, 1), D(2025, 9, 18), "flow", {"relative", "cumulative"}),
        ("since April 3, 2023", D(2023, 11, 11), D(2023, 4, 3), D(2023, 11, 11), "flow", {"relative", "cumulative"}),
        (
            "since August 14",
            D(2023, 11, 11),
            D(2023, 8, 14),
            D(2023, 11, 11),
            "flow",
            {"relative", "cumulative", "assumed_publication_year"},
        ),
        # a running span from 1 January: the year is the publication's unless one is named
        (
            "Since the beginning of the year",
            D(2025, 3, 27),
            D(2025, 1, 1),
            D(2025, 3, 27),
            "flow",
            {"relative", "year_to_date"},
        ),
        (
            "since the beginning of this year",
            D(2025, 3, 27),
            D(2025, 1, 1),
            D(2025, 3, 27),
            "flow",
            {"relative", "year_to_date"},
        ),
        (
            "since the start of the year",
            D(2025, 3, 27),
            D(2025, 1, 1),
            D(2025, 3, 27),
            "flow",
            {"relative", "year_to_date"},
        ),
        (
            "since the start of this year",
            D(2025, 3, 27),
            D(2025, 1, 1),
            D(2025, 3, 27),
            "flow",
            {"relative", "year_to_date"},
        ),
        ("so far this year", D(2025, 3, 27), D(2025, 1, 1), D(2025, 3, 27), "flow", {"relative", "year_to_date"}),
        ("year to date", D(2025, 3, 27), D(2025, 1, 1), D(2025, 3, 27), "flow", {"relative", "year_to_date"}),
        ("year-to-date", D(2025, 3, 27), D(2025, 1, 1), D(2025, 3, 27), "flow", {"relative", "year_to_date"}),
        (
            "since the beginning of 2025",
            D(2025, 3, 27),
            D(2025, 1, 1),
            D(2025, 3, 27),
            "flow",
            {"relative", "year_to_date"},
        ),
        (
            "since the beginning of 2023",
            D(2025, 3, 27),
            D(2023, 1, 1),
            D(2025, 3, 27),
            "flow",
            {"relative", "cumulative"},
        ),
        ("November 4", D(2023, 11, 11), D(2023, 11, 4), D(2023, 11, 4), "flow", {"assumed_publication_year"}),
        ("April 2023", D(2023, 11, 11), D(2023, 4, 1), D(2023, 4, 30), "flow", set()),
        ("2022-05-30", D(2022, 5, 30), D(2022, 5, 30), D(2022, 5, 30), "flow", set()),
    ],
)
def test_resolve_period(phrase, published, start, end, kind, flags):
    p = resolve_period(phrase, published)
    assert (p.start, p.end, p.kind) == (start, end, kind)
    assert p.flags == frozenset(flags)
    assert p.phrase == phrase


def test_span_not_over_at_publication_is_flagged():
    p = resolve_period("first half of this year", D(2023, 5, 1))
    assert "ends_after_publication" in p.flags
    assert "ends_after_publication" not in resolve_period("first half of this year", D(2023, 7, 7)).flags


def test_previous_year_is_relative_to_a_reference():
    pub = D(2022, 5, 30)
    last = resolve_period("last year", pub)
    prev = resolve_period("the previous year", pub, reference=last)
    assert (prev.start, prev.end) == (D(2020, 1, 1), D(2020, 12, 31))
    assert "relative_to_reference" in prev.flags
    jan_apr = resolve_period("January to April", pub)
    base = resolve_period("the same period last year", pub, reference=jan_apr)
    assert (base.start, base.end) == (D(2021, 1, 1), D(2021, 4, 30))


@pytest.mark.parametrize(
    "phrase, published, reference",
    [
        ("the previous year", D(2022, 5, 30), None),  # relative to what?
        ("next Tuesday", D(2023, 7, 7), None),
        ("first half of next year", D(2023, 7, 7), None),
        ("first fourteen months of this year", D(2023, 7, 7), None),
        ("first thirteen months of 2023", D(2023, 7, 7), None),
        ("April to January", D(2023, 7, 7), None),
        ("since 2030", D(2023, 7, 7), None),
        ("since the beginning of 2026", D(2025, 3, 27), None),  # a named year after publication
        ("since the beginning of the decade", D(2025, 3, 27), None),
        ("February 30, 2023", D(2023, 7, 7), None),
        ("by Smarch 3", D(2023, 7, 7), None),
        ("recently-ish", D(2023, 7, 7), None),
    ],
)
def test_bad_period(phrase, published, reference):
    with pytest.raises(BadPeriod) as info:
        resolve_period(phrase, published, reference)
    assert repr(phrase) in str(info.value)


def test_year_on_year_base_handles_month_ends_and_leap_days():
    feb = Period("February 2024", D(2024, 2, 1), D(2024, 2, 29), "flow")
    base = year_on_year_base(feb)
    assert (base.start, base.end) == (D(2023, 2, 1), D(2023, 2, 28))
    feb23 = Period("February 2023", D(2023, 2, 1), D(2023, 2, 28), "flow")
    assert year_on_year_base(feb23).end == D(2022, 2, 28)
    leap_day = Period("by February 29", D(2024, 1, 1), D(2024, 2, 29), "flow")
    assert year_on_year_base(leap_day).end == D(2023, 2, 28)
    with pytest.raises(BadPeriod):
        year_on_year_base(resolve_period("every year", D(2023, 7, 7)))


@given(st.dates(min_value=D(1990, 1, 1), max_value=D(2099, 12, 31)))
def test_relative_phrases_never_end_after_publication_unless_flagged(pub):
    for phrase in ("this year", "last year", "up to now", "since 1990", "first half of this year"):
        p = resolve_period(phrase, pub)
        assert p.start is None or p.start <= p.end
        if p.end is not None and p.end > pub:
            assert "ends_after_publication" in p.flags


@given(st.integers(min_value=1900, max_value=2099))
def test_bare_years_are_calendar_years(y):
    p = resolve_period(str(y), D(2100, 1, 1))
    assert (p.start, p.end, p.days) == (D(y, 1, 1), D(y, 12, 31), 366 if y % 4 == 0 and y != 1900 else 365)


@pytest.mark.parametrize(
    "phrase, published, start, end, kind",
    [
        ("From 2015 to November 2023", D(2023, 12, 5), D(2015, 1, 1), D(2023, 11, 30), "flow"),
        ("January 2015 to November 2023", D(2023, 12, 5), D(2015, 1, 1), D(2023, 11, 30), "flow"),
        ("between 2013 and 2022", D(2023, 11, 4), D(2013, 1, 1), D(2022, 12, 31), "flow"),
        ("2013–2022", D(2023, 11, 4), D(2013, 1, 1), D(2022, 12, 31), "flow"),
        ("2013-2022", D(2023, 11, 4), D(2013, 1, 1), D(2022, 12, 31), "flow"),
        ("from 2015 to now", D(2023, 12, 5), D(2015, 1, 1), D(2023, 12, 5), "flow"),
        ("the first 10 months of 2023", D(2023, 12, 5), D(2023, 1, 1), D(2023, 10, 31), "flow"),
        ("the first ten months of this year", D(2023, 12, 5), D(2023, 1, 1), D(2023, 10, 31), "flow"),
        ("first half of the year", D(2023, 7, 7), D(2023, 1, 1), D(2023, 6, 30), "flow"),
        ("H1", D(2023, 7, 7), D(2023, 1, 1), D(2023, 6, 30), "flow"),
        ("H2 2022", D(2023, 7, 7), D(2022, 7, 1), D(2022, 12, 31), "flow"),
        ("in Q3", D(2023, 11, 4), D(2023, 7, 1), D(2023, 9, 30), "flow"),
        ("Q1 2024", D(2025, 9, 18), D(2024, 1, 1), D(2024, 3, 31), "flow"),
        ("2023 Q4", D(2024, 2, 1), D(2023, 10, 1), D(2023, 12, 31), "flow"),
        ("the past year", D(2023, 11, 4), D(2022, 1, 1), D(2022, 12, 31), "flow"),
        ("by the end of 2023", D(2024, 2, 1), D(2023, 1, 1), D(2023, 12, 31), "flow"),
        ("by the end of June", D(2023, 7, 7), D(2023, 1, 1), D(2023, 6, 30), "flow"),
        ("since 2015", D(2023, 12, 5), D(2015, 1, 1), D(2023, 12, 5), "flow"),
        ("as of the end of October", D(2023, 11, 4), D(2023, 10, 31), D(2023, 10, 31), "stock"),
        ("at the end of 2022", D(2023, 11, 4), D(2022, 12, 31), D(2022, 12, 31), "stock"),
        ("as of November 30, 2023", D(2023, 12, 5), D(2023, 11, 30), D(2023, 11, 30), "stock"),
    ],
)
def test_ranges_quarters_halves_and_ends_of_years_resolve(phrase, published, start, end, kind):
    p = resolve_period(phrase, published)
    assert (p.start, p.end, p.kind) == (start, end, kind)


@pytest.mark.parametrize(
    "phrase, published",
    [("January 2015 to November 2023", D(2023, 12, 5)), ("from 2015 to November 2023", D(2023, 12, 5))],
)
def test_a_range_over_years_never_collapses_to_its_last_year(phrase, published):
    p = resolve_period(phrase, published)
    assert p.start.year == 2015 and "multi_year" in p.flags and p.days > 365 * 8


@pytest.mark.parametrize(
    "phrase", ["From 2015 to Smarch 2023", "the whole of next decade", "as of 2023", "November 2023 to 2015"]
)
def test_a_refusal_comes_once_and_lists_the_accepted_forms(phrase):
    with pytest.raises(BadPeriod) as info:
        resolve_period(phrase, D(2023, 12, 5))
    message = str(info.value)
    assert message.count(repr(phrase)) == 1 and message.count("Accepted forms:") == 1
    for example in ("from 2015 to November 2023", "H1 2023", "since 2015", "by the end of 2023", "as of June 30, 2023"):
        assert repr(example) in message


@pytest.mark.parametrize("form", periods.FORMS, ids=lambda f: f.name)
def test_every_accepted_form_resolves_its_own_examples(form):
    for example in form.example.split("; "):
        reference = resolve_period("2021", D(2022, 5, 30))
        assert resolve_period(example, D(2024, 2, 1), reference=reference).phrase == example
