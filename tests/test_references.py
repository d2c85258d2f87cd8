"""data/references.csv: figures read by code (Chinese numerals by cn2an), every bad row refused with its file, line
and column, the real table loading against the real ledger, and each source on the pages linked by its outlet, escaped,
only a web address becoming a link."""

import csv
import re

import pytest

from portbook.errors import BadReference, DuplicateReference, UnknownEntity, UnreadableReference
from portbook.numbers import ledger
from portbook.numbers.interval import Interval
from portbook.reconcile import references
from portbook.reconcile.references import COLUMNS, load_references, read_date, read_figure

ENTITIES = ledger.load_entities()


@pytest.mark.parametrize(
    "figure, low, high",
    [
        ("1450.24万", 14_502_400, 14_502_400),  # 万: ten thousand
        ("16.77亿", 1_677_000_000, 1_677_000_000),  # 亿: a hundred million
        ("37.1億", 3_710_000_000, 3_710_000_000),  # traditional characters
        ("35524.13万", 355_241_300, 355_241_300),
        ("9000余万", 90_000_000, 90_000_000),  # 余 is a qualifier, not a digit: the column says so
        ("二十", 20, 20),
        ("三", 3, 3),
        ("千亿", 1e11, 1e11),  # 超千亿: the 一 of 一千亿 is dropped
        ("1.64万", 16_400, 16_400),
        ("9成", 90, 90),  # tenths, in percent
        ("四成", 40, 40),
        ("万分之一", 0.01, 0.01),  # a ten-thousandth, in percent
        ("半数", 50, 50),
        ("第125", 125, 125),
        ("首", 1, 1),  # first
        ("最大", 1, 1),  # the largest
        ("12天至15", 12, 15),  # both ends of a range
        ("9.53 billion", 9.53e9, 9.53e9),  # English, read by the book's own figure reader
        ("421,000", 421_000, 421_000),
        ("130.2 percent", 130.2, 130.2),
        ("four", 4, 4),
    ],
)
def test_a_figure_as_its_source_printed_it_is_read_by_code(figure, low, high):
    assert read_figure(figure) == Interval(low, high)


@pytest.mark.parametrize("figure", ["很多", "", "15至12", "31,5600", "some"])
def test_an_unreadable_figure_is_refused(figure):
    with pytest.raises(UnreadableReference):
        read_figure(figure)


@pytest.mark.parametrize(
    "figure, unit, low, high",
    [
        ("50平方公里", "m2", 50e6, 50e6),  # square kilometres, to the m2 the claims compute in
        ("3.56平方千米", "m2", 3.56e6, 3.56e6),
        ("372亩", "m2", 248_000, 248_000),  # 1 mu is 10000/15 m2, exactly
        ("12.63公顷", "m2", 126_300, 126_300),
        ("64公里", "km", 64, 64),  # 公里 inside 平方公里 is not read as a length
        ("5千米", "km", 5, 5),  # the 千 of 千米 is a measure word, not a thousand
        ("40至50平方公里", "m2", 40e6, 50e6),  # both ends of a range
        ("5600", "km", 5600, 5600),  # no measure word: the number as it stands
    ],
)
def test_a_measure_word_is_converted_by_code_to_the_rows_unit(figure, unit, low, high):
    got = read_figure(figure, unit)
    assert got.low == pytest.approx(low) and got.high == pytest.approx(high)


@pytest.mark.parametrize(
    "figure, unit",
    [
        ("50平方公里", "km"),  # an area is not a length
        ("64公里", "m2"),  # a length is not an area
        ("372亩", "yuan"),
        ("50平方公里", None),  # a measure word needs the row's unit to be read
    ],
)
def test_a_measure_word_of_another_unit_is_refused(figure, unit):
    with pytest.raises(UnreadableReference, match="a measure of"):
        read_figure(figure, unit)


@pytest.mark.parametrize(
    "figure, year, low, high",
    [
        ("2015年4月20日", None, 20150420, 20150420),
        ("11月1日", 2023, 20231101, 20231101),
        ("2015年", None, 20150101, 20151231),
        ("7月28—7月30日", 2023, 20230728, 20230730),
        ("7月28日至30日", 2023, 20230728, 20230730),
        ("April 3, 2023", None, 20230403, 20230403),
    ],
)
def test_a_date_is_read_as_the_days_it_names(figure, year, low, high):
    assert read_date(figure, year) == Interval(low, high)


@pytest.mark.parametrize("figure, year", [("4月", None), ("7月30日至7月28日", 2023), ("明天", 2023)])
def test_a_date_that_cannot_be_placed_is_refused(figure, year):
    with pytest.raises(UnreadableReference):
        read_date(figure, year)


def test_a_chinese_figure_keeps_its_printed_precision_in_western_digits():
    assert references.rendering(14502400.0, "1450.24万") == "14,502,400"
    assert references.rendering(690_000_000.0, "6.9亿") == "690,000,000"
    assert references.rendering(9.53e9, "9.53 billion") == "9.53 billion"


# ---------------------------------------------------------------------------
# Bad rows: a named error with the file, line and column
# ---------------------------------------------------------------------------

CLAIMS = ledger.read_csv(ledger.LEDGER)
GOOD = {
    "reference_id": "kashgar-cbz-trade-2021-test",
    "claim_ids": "kashgar-cbz-trade-2021",
    "entity": "kashgar-cbz",
    "metric": "trade_value_cny",
    "period_start": "2021-01-01",
    "period_end": "2021-12-31",
    "as_printed": "进出口总值37.1亿元",
    "figure": "37.1亿",
    "qualifier": "exact",
    "unit": "yuan",
    "use": "independent",
    "outlet": "Xinhua",
    "published": "2023-11-09",
    "url": "https://example.org/a",
    "found_by": "search",
    "note": "",
}


def write(tmp_path, *rows):
    path = tmp_path / "references.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_a_good_row_loads_and_its_figure_is_read(tmp_path):
    (ref,) = load_references(CLAIMS, ENTITIES, write(tmp_path, GOOD))
    assert ref.value == Interval(3.71e9, 3.71e9) and ref.line == 2 and ref.claim_ids == ("kashgar-cbz-trade-2021",)


@pytest.mark.parametrize(
    "change, error, column",
    [
        ({"claim_ids": "kashgar-cbz-trade-2099"}, BadReference, "claim_ids"),
        ({"entity": "atlantis-port"}, UnknownEntity, "entity"),
        ({"period_start": "2021-13-01"}, BadReference, "period_start"),
        ({"period_start": "2022-01-01"}, BadReference, "period_end"),  # ends before it starts
        ({"period_end": ""}, BadReference, "period_end"),  # one end only
        ({"figure": "很多", "as_printed": "很多"}, UnreadableReference, "figure"),
        ({"figure": "38.1亿"}, BadReference, "figure"),  # not in the text as printed
        ({"url": ""}, BadReference, "url"),
        ({"url": "gold.3news.cn/x"}, BadReference, "url"),
        ({"use": "supports"}, BadReference, "use"),
        ({"qualifier": "roughly"}, BadReference, "qualifier"),
        ({"unit": "furlongs"}, BadReference, "unit"),
        ({"metric": "Trade Value"}, BadReference, "metric"),
        ({"figure": "37.1平方公里", "as_printed": "37.1平方公里"}, UnreadableReference, "figure"),  # not yuan
        ({"reference_id": "Not An Id"}, BadReference, "reference_id"),
    ],
)
def test_a_bad_row_names_its_file_line_and_column(tmp_path, change, error, column):
    path = write(tmp_path, {**GOOD, "reference_id": "first"}, {**GOOD, **change})
    with pytest.raises(error) as caught:
        load_references(CLAIMS, ENTITIES, path)
    assert f"{path}:3: column '{column}'" in str(caught.value)


def test_a_duplicate_id_and_a_duplicate_row_are_refused(tmp_path):
    with pytest.raises(DuplicateReference, match=r":3: column 'reference_id'.*already used on line 2"):
        load_references(CLAIMS, ENTITIES, write(tmp_path, GOOD, {**GOOD, "url": "https://example.org/b"}))
    with pytest.raises(DuplicateReference, match=r":3: the same figure from the same address as line 2"):
        load_references(CLAIMS, ENTITIES, write(tmp_path, GOOD, {**GOOD, "reference_id": "another"}))


def test_a_reference_that_tests_nothing_it_names_is_refused(tmp_path):
    from portbook.reconcile.corroboration import _refuse_untested

    (ref,) = load_references(CLAIMS, ENTITIES, write(tmp_path, {**GOOD, "claim_ids": "khorgos-ferrymen-income-2024"}))
    with pytest.raises(BadReference, match=r":2: column 'claim_ids'.*khorgos-ferrymen-income-2024"):
        _refuse_untested([ref], set(), {"khorgos-ferrymen-income-2024"})


# ---------------------------------------------------------------------------
# The real table
# ---------------------------------------------------------------------------


def test_the_curated_table_loads_against_the_ledger_and_reads_the_chinese_originals():
    refs = {r.reference_id: r for r in load_references(CLAIMS, ENTITIES)}
    assert len(refs) >= 60
    assert refs["cns-original-parcels-h1-2023"].value.low == 14_502_400
    assert refs["cns-original-ecommerce-trade-h1-2023"].value.low == 1_677_000_000
    assert refs["cns-original-border-passages"].interval == Interval(20, None)
    assert all(r.url.startswith("http") and r.found_by for r in refs.values())


# ---------------------------------------------------------------------------------------------------------------
# On the pages: each source cited by its outlet, linked to its address, escaped; only a web address becomes a link.

HOSTILE_REFERENCES = [
    {"outlet": "Evil Daily", "url": "javascript:alert(1)", "published": "2023-11-09"},
    {"outlet": 'Quoted "<b>Outlet</b>" & Co', "url": 'https://example.cn/a?x="1"&y=<2>', "published": "2023-11-10"},
]
HOSTILE_EXPLANATION = (
    "Same figure. Source: Evil Daily, 2023-11-09: 37.1億 (javascript:alert(1)); "
    'Quoted "<b>Outlet</b>" & Co, 2023-11-10: 37.1億 (https://example.cn/a?x="1"&y=<2>).'
)


def anchors(html: str) -> list[dict]:
    """Every <a> of a fragment as a browser parses it: its attributes and its text."""
    from html.parser import HTMLParser

    class Links(HTMLParser):
        def __init__(self):
            super().__init__()
            self.found, self.tags = [], []

        def handle_starttag(self, tag, attrs):
            self.tags.append(tag)
            if tag == "a":
                self.found.append({**dict(attrs), "text": ""})

        def handle_data(self, data):
            if self.found and self.tags and self.tags[-1] == "a":
                self.found[-1]["text"] += data

        def handle_endtag(self, tag):
            if self.tags:
                self.tags.pop()

    parser = Links()
    parser.feed(str(html))
    return parser.found


def assert_sources_linked_safely(html: str) -> None:
    found = anchors(html)
    assert not [a for a in found if "javascript" in a.get("href", "").lower()], "a javascript: address became a link"
    assert "Evil Daily" in html and "javascript:alert(1)" in html, "an address that is not a web address stays text"
    quoted = [a for a in found if a.get("href", "").startswith("https://example.cn/")]
    assert quoted, "a web address became no link"
    for link in quoted:
        assert link["href"] == 'https://example.cn/a?x="1"&y=<2>', "the address survives its escaping whole"
        assert link["rel"] == "noopener"
        assert link["text"] == 'Quoted "<b>Outlet</b>" & Co', "the outlet is the link's text, as text"
    assert "<b>" not in html and "<2>" not in html, "nothing from a cell becomes markup"


def test_an_explanation_links_each_web_source_by_its_outlet_and_leaves_any_other_address_as_text():
    from portbook.present.render import render

    tests = [
        {
            "test_id": "a-vs-b",
            "formula": "a = b",
            "verdict": "consistent",
            "kind": "reference",
            "vocabulary": "check",
            "claim_ids": ["a"],
        }
    ]
    html = render(
        "port_tests.html.j2",
        tests=[{**tests[0], "explanation": HOSTILE_EXPLANATION}],
        titles={"a": "A claim"},
        references=HOSTILE_REFERENCES,
    )
    assert_sources_linked_safely(html)
    assert "example.cn" not in html.replace('href="https://example.cn/', ""), "the linked address is not spelled out"


def test_an_audit_page_links_its_published_sources_and_the_sources_its_tests_cite_safely():
    import dataclasses

    from portbook.present import trail_pages
    from portbook.reconcile.book_state import BookState
    from portbook.reconcile.trail import build_trail

    trail = build_trail("kashgar-cbz-trade-2021", BookState())
    records = [
        {**r, "reference_id": f"fixture-{i}", "use": "independent", "as_printed": "37.1億", "note": ""}
        for i, r in enumerate(HOSTILE_REFERENCES)
    ]
    test = {**trail.tests[0], "explanation": HOSTILE_EXPLANATION}
    html = trail_pages.trail_html(dataclasses.replace(trail, references=records, tests=[test]))
    assert_sources_linked_safely(html)
    published = html.split("<h3>Published elsewhere</h3>")[1].split("</ul>")[0]
    assert len([a for a in anchors(published) if a.get("rel") == "noopener"]) == 1, "one web address, one link"


def test_every_source_the_real_checks_cite_is_linked_by_its_outlet():
    from portbook.present.names import sourced
    from portbook.reconcile.book_state import BookState

    state = BookState()
    cited = state.checks[state.checks.explanation.str.contains("http")]
    assert len(cited) > 20
    for explanation in cited.explanation:
        html = str(sourced(explanation, state.references))
        assert anchors(html) and "http" not in re.sub(r"<a [^>]*>.*?</a>", "", html), explanation[:200]
