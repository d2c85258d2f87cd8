"""Every numeric mention is found, once, with the right span and kind, in text never seen before."""

import csv
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portbook.numbers.mentions import KINDS, extract_mentions
from portbook.paths import SEED_METADATA, SEEDS


def found(text):
    return [(m.text, m.kind) for m in extract_mentions(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # digits with any grouping, and the scale word attached
        ("a total of 1450.24 million parcels", [("1450.24 million", "number")]),
        ("more than 31,5600 kilometers", [("31,5600", "number")]),
        ("more than 1400,1 vehicles", [("1400,1", "number")]),
        ("195,000 vehicles", [("195,000", "number")]),
        ("16.77 billion yuan.", [("16.77 billion", "number")]),
        # a headline's abbreviations keep their scale word with the figure
        ("foreign trade exceed 270 bln yuan in Jan-Nov", [("270 bln", "number")]),
        ("a $1.5bn deal and 3 mln tonnes", [("$1.5bn", "number"), ("3 mln", "number")]),
        ("It ended in 2023.", [("2023", "year")]),
        ("about 150 million yuan ($21.1 million)", [("150 million", "number"), ("$21.1 million", "number")]),
        # lost digits
        ("more than <> passages", [("<>", "lost_digits")]),
        ("and 16000,<> border residents", [("16000,<>", "lost_digits")]),
        ("50,<> tons of wheat", [("50,<>", "lost_digits")]),
        # percentages, N-fold, ranges
        (
            "up 10.3%, or 436.8 percent, or 7 per cent",
            [("10.3%", "percent"), ("436.8 percent", "percent"), ("7 per cent", "percent")],
        ),
        ("soared over 5.8-fold year on year", [("5.8-fold", "fold")]),
        (
            "grew 3 times and then two-fold, a double win",
            [("3 times", "fold"), ("two-fold", "fold"), ("double", "fold")],
        ),
        # one word: 'fourfold' is a figure the coverage gate must see; 'manifold' is none
        ("surged about fourfold, not manifold", [("fourfold", "fold")]),
        ("After 12 to 15 days", [("12 to 15", "range")]),
        ("a 12-15 day trip", [("12-15", "range")]),
        ("3 to 5 million people", [("3 to 5 million", "range")]),
        # a year next to an amount is not a range
        (
            "from 11.71 billion yuan in 2013 to 46.32 billion yuan",
            [("11.71 billion", "number"), ("2013", "year"), ("46.32 billion", "number")],
        ),
        ("from ranking 125th in 2020 to 29th in China", [("125th", "ordinal"), ("2020", "year"), ("29th", "ordinal")]),
        ("from the initial 6 to more than 100 now", [("6", "number"), ("100", "number")]),
        # a change between two figures is not a range
        ("partners increased from 91 to 116.", [("91", "number"), ("116", "number")]),
        ("it takes from 12 to 15 days", [("12 to 15", "range")]),
        ("taken on Sept 7, 2023 shows", [("Sept 7, 2023", "date")]),
        # number words
        ("in as fast as three hours", [("three", "number_word")]),
        ("Ten years ago, two months in", [("Ten", "number_word"), ("two", "number_word")]),
        ("over a hundred foreign trade orders", [("a hundred", "number_word")]),
        ("twenty-five trucks", [("twenty-five", "number_word")]),
        ("ninety-nine percent of them", [("ninety-nine percent", "percent")]),
        ("a three-day trip", [("three-day", "compound")]),
        ("two-thirds of all", [("two-thirds", "fraction")]),
        ("only one ten-thousandth of the land", [("one ten-thousandth", "fraction")]),
        ("more than half of the national total", [("half", "fraction")]),
        ("In the first half of this year", [("first half", "period")]),
        ("in the first three quarters of this year", [("first three quarters", "period")]),
        ("In the first five months of this year", [("first five months", "period")]),
        ("the third forum", [("third", "ordinal")]),
        ("the sixth-generation national gate", [("sixth-generation", "ordinal")]),
        ("hundreds of trucks", [("hundreds", "number_word")]),
        ("tens of thousands of people", [("tens of thousands", "number_word")]),
        # hyphenated units and ages
        ("provide 24-hour freight customs clearance", [("24-hour", "compound")]),
        ("a 40-square-kilometer pilot zone", [("40-square-kilometer", "compound")]),
        ("a 45-year-old ferrywoman", [("45-year-old", "compound")]),
        # dates and times
        ("Urumqi, July 7 --", [("July 7", "date")]),
        ("On November 6, police", [("November 6", "date")]),
        ("on April 3, 2023, the", [("April 3, 2023", "date")]),
        ("date 2022-05-30 Bonded", [("2022-05-30", "date")]),
        ("Xinhua) 14:08, May 30, 2022", [("14:08", "time"), ("May 30, 2022", "date")]),
        ("from January to April, said", [("January to April", "date_range")]),
        ("In April, as part of", [("April", "month")]),
        ("it may rise; May 4 was busy", [("May 4", "date")]),
        ("on 3 June 2024", [("3 June 2024", "date")]),
        # codes and screen sizes
        ("amid the COVID-19 pandemic", [("19", "number")]),
        ("cross-border B2B business and 5G", [("B2B", "code"), ("5G", "code")]),
        ("Browsers with 1024*768 or higher", [("1024*768", "dimensions")]),
        # nothing numeric
        ("Belt and Road, someone, none, often, Kazakh-Chinese", []),
        ("", []),
    ],
)
def test_extract(text, expected):
    assert found(text) == expected


@given(st.integers(min_value=0, max_value=10**12), st.sampled_from(["", " million", " billion", "%", " percent"]))
def test_any_printed_number_is_one_mention(n, suffix):
    figure = f"{n:,}{suffix}"
    text = f"The port handled {figure} of goods."
    ms = extract_mentions(text)
    assert [m.text for m in ms] == [figure]
    assert text[ms[0].start : ms[0].end] == figure


@given(st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"]), max_size=120))
def test_mentions_are_ordered_disjoint_and_exact(text):
    ms = extract_mentions(text)
    for a, b in zip(ms, ms[1:]):
        assert a.end <= b.start
    for m in ms:
        assert text[m.start : m.end] == m.text and m.kind in KINDS


def _seeds():
    with open(SEED_METADATA, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            yield row["article_id"], (SEEDS / row["seed_file"]).read_text(encoding="utf-8")


@pytest.mark.parametrize("article_id, text", list(_seeds()), ids=lambda v: v if len(v) < 40 else "")
def test_no_digit_in_a_seed_slips_by(article_id, text):
    covered = set()
    for m in extract_mentions(text):
        covered.update(range(m.start, m.end))
    missed = [
        (i, text[max(0, i - 20) : i + 20])
        for i, ch in enumerate(text)
        if (ch.isdigit() and ch.isascii() or text.startswith("<>", i)) and i not in covered
    ]
    assert not missed, f"{article_id}: digits outside every mention: {missed[:5]}"


_NUMBER_WORDS = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"hundred|thousand|million|billion|first|second|third|fourth|fifth|sixth|half|double|twice)\b",
    re.IGNORECASE,
)


@pytest.mark.parametrize("article_id, text", list(_seeds()), ids=lambda v: v if len(v) < 40 else "")
def test_no_number_word_in_a_seed_slips_by(article_id, text):
    covered = set()
    for m in extract_mentions(text):
        covered.update(range(m.start, m.end))
    missed = [w.group() for w in _NUMBER_WORDS.finditer(text) if w.start() not in covered]
    assert not missed, f"{article_id}: number words outside every mention: {missed}"
