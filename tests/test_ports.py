"""Port chapters: one per row of data/ports.csv, with charts and alt text, and findings that match the data."""

import json
import re
from html import unescape
from types import SimpleNamespace

import pandas as pd
import pytest
from conftest import ROOT, build_book
from markupsafe import escape

from portbook.build import pipeline
from portbook.present import charts, port_pages, reconcile_pages
from portbook.present.figures import claim_value, count_words, figure, significant_digits
from portbook.reconcile import ports
from portbook.reconcile.book_state import BookState

PORTS = ports.load_ports()


def test_every_port_in_the_table_gets_a_planned_chapter():
    outputs = {run.output: run for run in pipeline.planned_runs()}
    for port in PORTS.port:
        run = outputs[f"book/ports/{port}.ipynb"]
        assert run.template == "notebooks/04-tell-port.ipynb" and run.parameters == {"port": port}


@pytest.mark.parametrize("port", list(PORTS.port))
def test_every_port_chapter_has_charts_with_titles_alt_text_every_drawing_and_csv(built_book, port):
    page = (built_book / "book" / "ports" / f"{port}.html").read_text(encoding="utf-8")
    figures = re.findall(r'<figure class="pb-figure".*?</figure>', page, re.S)
    assert figures, f"{port}: no chart"
    for drawn_figure in figures:
        title = re.search(r'<span class="pb-figure-title">(.*?)</span>', drawn_figure).group(1)
        # a finding is a sentence, not a label such as "Kashgar: yuan figures"
        assert len(title.split()) >= 5 and ": " not in title, f"{port}: a title that is a label: {title!r}"
        images = re.findall(r"<img [^>]*>", drawn_figure)
        sources = re.findall(r'srcset="([^"]*)"', drawn_figure)
        assert len(images) == 2 and len(sources) == 2, f"{port}: a light and a dark drawing, each with a narrow one"
        for image in images:
            alt = re.search(r'alt="([^"]*)"', image).group(1)
            assert len(alt) > 60, f"{port}: alt text too thin: {alt!r}"
            sources.append(re.search(r'src="([^"]*)"', image).group(1))
        for source in sources:
            assert source.endswith(".svg") and (built_book / "book" / "ports" / source).resolve().is_file(), source
        csv = re.search(r'href="([^"]*\.csv)" download', drawn_figure).group(1)
        assert (built_book / "book" / "ports" / csv).resolve().is_file()
        header = (built_book / "book" / "ports" / csv).resolve().read_text(encoding="utf-8").splitlines()[0]
        assert "_" not in header and header[0].isupper(), f"{port}: {csv} has column names, not words: {header}"


@pytest.mark.parametrize("port", list(PORTS.port))
def test_every_number_in_the_findings_matches_the_processed_data(built_book, port):
    page = (built_book / "book" / "ports" / f"{port}.html").read_text(encoding="utf-8")
    # numbers as numbers (an empty cell is NaN), as the pages had them; text stays text
    claims = pd.read_csv(ROOT / "data" / "processed" / "claims.csv", dtype={"flags": str}).set_index("claim_id")
    findings = page[page.index('class="pb-findings"') :]
    findings = findings[: findings.index("</div>")]
    items = re.findall(r'<li data-claim="([^"]+)" data-low="([^"]*)" data-high="([^"]*)">(.*?)</li>', findings, re.S)
    mine = claims[claims.port == port]
    if mine.empty:
        assert not items and "give no figure" in findings
        return
    assert items, f"{port}: findings list no figure"
    for claim_id, low, high, text in items:
        claim = claims.loc[claim_id]
        assert claim.port == port
        assert low == ("" if pd.isna(claim.value_low) else repr(float(claim.value_low)))
        assert high == ("" if pd.isna(claim.value_high) else repr(float(claim.value_high)))
        row = mine.loc[[claim_id]].reset_index().iloc[0]
        assert unescape(claim_value(row)) in unescape(text)
    count = re.search(r"give <strong>(\d+)</strong> figures? about it", findings)
    assert count and int(count.group(1)) == ports.figure_count(mine).figures


@pytest.mark.parametrize(
    "printed, value, unit, words",
    [
        ("3.7 billion", 3.7e9, "yuan", "3.7 billion yuan"),
        ("1450.24万", 1450.24e4, "parcels", "14.5 million parcels"),
        ("1,400.1", 1400.1, "vehicles", "1,400.1 vehicles"),
        ("5.8", 5.8, "ratio", "5.8 times"),
    ],
)
def test_values_in_words_keep_the_digits_the_source_printed_up_to_four_with_a_scale_word(printed, value, unit, words):
    assert figure(value, unit, significant_digits(printed)) == words


HOSTILE = "<img src=x onerror=alert(1)>"


def test_a_port_name_holding_markup_is_shown_as_text(monkeypatch):
    table = ports.load_ports()
    table.loc[table.port == "kashgar", ["name", "summary"]] = HOSTILE
    monkeypatch.setattr(ports, "load_ports", lambda: table.copy())
    # the page's HTML is what is under test; the real chart files stay as the build drew them
    monkeypatch.setattr(charts, "save", lambda draw, chart, data, folder=None, **csv: chart.html())
    state = BookState()
    story = port_pages.PortStory("kashgar", state)
    pages = [
        story.findings_html(),
        story.indicator_table_html(),
        story.charts_html(),
        story.tests_html(),
        story.sources_html(),
        port_pages.overview_html(state),
        reconcile_pages.checks_by_port_html(state.checks.assign(port="kashgar"), table, {}),
    ]
    for html in pages:
        assert "<img src=x" not in html
    assert all("&lt;img src=x onerror=alert(1)&gt;" in pages[i] for i in (0, 2, 5, 6))
    assert '<span class="pb-figure-title">&lt;img src=x onerror=alert(1)&gt; lies inside Xinjiang' in pages[2]


def test_a_new_port_row_makes_a_new_chapter(project_copy):
    table = project_copy / "data" / "ports.csv"
    table.write_text(
        table.read_text(encoding="utf-8") + 'tacheng-test,Tacheng (test row),"Tacheng","A row added by a test."\n',
        encoding="utf-8",
    )
    result = build_book(project_copy)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    page = project_copy / "_build" / "html" / "book" / "ports" / "tacheng-test.html"
    assert page.is_file() and "Tacheng (test row)" in page.read_text(encoding="utf-8")
    assert (project_copy / "_build" / "html" / "_static" / "figures" / "port-tacheng-test-map-wide-light.svg").is_file()


def test_every_claim_in_the_ledger_is_classified_by_hand():
    ledger = ports.read_csv(ports.paths.DATA / "claims.csv")
    classes = ports.load_claim_classes()
    assert set(ledger.claim_id) == set(classes.claim_id)


def test_a_claim_without_a_class_row_is_unclassified_not_guessed():
    import pandas as pd

    claims = pd.DataFrame({"claim_id": ["a", "b"], "metric": ["parcels_exported", "trade_value_cny"]})
    classes = pd.DataFrame({"claim_id": ["a"], "indicator_class": ["channel"], "reason": ["passing through"]})
    result = ports.classified(claims, classes)
    assert list(result.indicator_class) == ["channel", "unclassified"]
    assert "not yet classified" in result.class_reason.iloc[1]


@pytest.mark.parametrize(
    "rows, message",
    [
        ("a,factory,why\n", r"claim_classes.csv:2: claim 'a': column 'indicator_class': 'factory' is not one of"),
        ("a,channel,why\na,trade,why\n", r"claims classified twice: \['a'\]"),
    ],
)
def test_a_bad_class_table_is_refused_with_its_line(tmp_path, rows, message):
    from portbook.errors import BadLedger

    path = tmp_path / "claim_classes.csv"
    path.write_text("claim_id,indicator_class,reason\n" + rows, encoding="utf-8")
    with pytest.raises(BadLedger, match=message):
        ports.load_claim_classes(path)


@pytest.fixture(scope="module")
def state():
    return BookState()


def folds(html) -> list[tuple[str, str]]:
    """Each closed <details> of a fragment: its summary and what it holds."""
    return re.findall(r'<details class="pb-more"><summary>(.*?)</summary>(.*?)</details>', str(html), re.S)


@pytest.mark.parametrize("port", [p for p in PORTS.port if p != "urumqi"])
def test_a_chapter_keeps_its_story_open_and_folds_its_checks_and_claims_under_summaries_that_count_them(state, port):
    story = port_pages.PortStory(port, state)
    assert not folds(story.findings_html()) and not folds(story.charts_html()), "findings and charts stay open"
    [(summary, table)] = folds(story.tests_html())
    rows = table.count("<tr><td")
    checks, tests = (story.tests.vocabulary == "check").sum(), (story.tests.vocabulary == "test").sum()
    assert rows == len(story.tests) == checks + tests
    # every count says what it counts: checks against other figures, plausibility tests, or both by name
    if checks and tests:
        assert summary.startswith(f"All {count_words(rows)} checks and plausibility tests of this chapter’s figures: ")
        assert f"{count_words(checks)} check{'s' if checks != 1 else ''} against other figures" in summary, summary
        assert f"{count_words(tests)} plausibility test{'s' if tests != 1 else ''}" in summary, summary
    elif checks:
        assert "checks against other figures" in summary or "one check against other figures" in summary, summary
    [(summary, table)] = folds(story.indicator_table_html())
    assert table.count("<tr><td") == len(story.claims)
    # each class's figures counted as every page counts them: a sum given again in dollars is one figure
    for indicator_class, n in ports.counted_once(story.claims).indicator_class.value_counts().items():
        assert f"{count_words(n)} {indicator_class}" in summary, summary


def test_a_chapter_without_figures_folds_nothing(state):
    story = port_pages.PortStory("urumqi", state)
    assert not story.claims.size
    assert "<details" not in story.tests_html() + story.indicator_table_html()


def test_the_puzzle_folds_its_series_and_each_port_s_checks_under_counting_summaries(state):
    flagship = reconcile_pages.Flagship(context=state)
    [(summary, table)] = folds(flagship.series_html())
    assert table.count("<tr><td") == len(flagship.series)
    reported = int((flagship.series.source == "reported").sum())
    assert f"{count_words(reported)} reported, {count_words(len(flagship.series) - reported)} implied" in summary
    checks = reconcile_pages.checks_by_port_html(state.checks, PORTS, flagship.titles())
    found = folds(checks)
    assert sum(table.count("<tr id=") for _, table in found) == len(state.checks)


def test_a_chapter_s_check_table_names_the_claim_each_row_tests_and_its_kind_as_every_page_does(state):
    """Each row's Test cell names the test's kind in the one vocabulary (verdicts.yml ``kind``) the puzzle page and the
    audit pages use; its Claims cell links to the audit page of every claim the test uses, by its title; the puzzle
    page's table has the same columns."""
    from portbook.present import links
    from portbook.present.names import claim_titles
    from portbook.reconcile import verdicts

    titles = claim_titles(state.claims, dict(state.entities.table["name"]))
    story = port_pages.PortStory("khorgos", state)
    html = str(story.tests_html())
    assert "Check against other figures" not in html
    rows = re.findall(r"<tr><td[^>]*>(.*?)</td><td[^>]*>(.*?)</td>", html, re.S)
    assert len(rows) == len(story.tests)
    for (test_cell, claim_cell), test in zip(rows, story.tests.itertuples(), strict=True):
        for claim_id in test.claim_ids.split(";"):
            assert f'href="{links.claim_href(claim_id)}"' in claim_cell, (test.test_id, claim_cell)
            assert escape(titles[claim_id]) in claim_cell
        assert escape(verdicts.kind_label(test.kind).capitalize()) in test_cell, (test.test_id, test_cell)
    # the puzzle page's table names the same kinds the same way
    puzzle = str(reconcile_pages.checks_by_port_html(state.checks, PORTS, titles))
    headers = lambda page: re.findall(r'<th scope="col">(.*?)</th>', page)[:5]
    assert headers(html) == headers(puzzle) == ["Test", "Claims", "Formula and numbers", "Result", "Explanation"]
    for kind in set(state.checks.kind):
        assert f">{escape(verdicts.kind_label(kind).capitalize())}</td>" in puzzle, kind


def test_a_check_on_two_ports_figures_is_listed_under_both_on_the_puzzle_page_as_in_both_chapters_anchored_once():
    checks = pd.DataFrame(
        {
            "check_id": ["a-vs-b", "a-alone"],
            "kind": ["same_metric", "same_metric"],
            "claim_ids": ["a;b", "a"],
            "formula": ["1 vs 1", "1 vs 1"],
            "verdict": ["consistent", "consistent"],
            "explanation": ["", ""],
            "port": ["north", "north"],
        }
    )
    table = pd.DataFrame({"port": ["north", "south"], "name": ["North", "South"]})
    html = str(reconcile_pages.checks_by_port_html(checks, table, {}, claim_ports={"a": "north", "b": "south"}))
    found = dict(folds(html))
    assert [s.split(":")[0] for s in found] == ["North", "South"]
    assert [t.count("pb-formula") for t in found.values()] == [2, 1], "the two-port check under both ports"
    assert html.count('id="check-a-vs-b"') == 1, "one anchor per check"


def test_the_puzzle_and_the_chapters_count_checks_in_the_same_words(state):
    """A port's fold on the puzzle page counts checks against other figures, and says so, as its chapter does."""
    titles = reconcile_pages.Flagship(context=state).titles()
    found = folds(reconcile_pages.checks_by_port_html(state.checks, PORTS, titles))
    for summary, table in found:
        rows = table.count("<tr id=")
        assert summary.endswith("against other figures"), summary
        if rows > 2:
            assert f"all {count_words(rows)} checks against other figures" in summary, summary


def test_the_flagship_verdict_and_its_chart_write_the_same_range_alike(state):
    """The verdict sentence's monthly ranges are the chart's labels: one formatter writes both."""
    from portbook.present import lead_charts
    from portbook.present.figures import figure_range, number_range
    from portbook.reconcile import flows

    flagship = reconcile_pages.Flagship(context=state)
    sentence = flagship.verdict_sentence()
    claims = state.claims[(state.claims.entity == flagship.entity) & (state.claims.metric == flagship.metric)]
    sig = min(significant_digits(str(f)) for f in claims.figure)
    periods, described = lead_charts.flagship_periods(
        flows.implied_series(state.claims, flagship.entity, flagship.metric), sig
    )
    ranges = [p for p in described if p["kind"] == "range"]
    assert ranges, "the flagship chart has an implied range"
    for p in ranges:
        label = number_range(p["low"], p["high"], "million", sig)
        assert f"{label} million yuan" == figure_range(p["low"], p["high"], "yuan", sig)
        assert f"{label} million yuan" in sentence, (label, sentence)


@pytest.mark.parametrize(
    ("low", "high", "sig"), [(3.73e8, 4.69e8, 2), (3.65e9, 3.75e9, 2), (9.375e8, 9.625e8, 2), (1.05e5, 1.07e5, 3)]
)
def test_the_engine_the_sentences_and_the_chart_labels_write_a_range_alike(low, high, sig):
    from portbook.numbers.interval import Interval
    from portbook.numbers.wording import scale
    from portbook.present.figures import figure_range, number_range
    from portbook.reconcile.intervals import fmt_interval

    word = scale(high)[1]
    label = number_range(low, high, word, sig)
    assert fmt_interval(Interval(low, high), "yuan", sig=sig) == figure_range(low, high, "yuan", sig)
    assert figure_range(low, high, "yuan", sig) == f"{label} {word} yuan".replace("  ", " ")


# ---- One count of figures on every page: a port whose trade sum is given again in dollars, and a context figure.

COUNT_PORTS = pd.DataFrame({"port": ["north"], "name": ["North Pass"], "entities_note": [""], "summary": ["A port."]})
COUNT_CLASSES = {"north-trade": "trade", "north-trade-usd": "trade", "north-trucks": "channel", "north-area": "context"}


@pytest.fixture
def converted_port(monkeypatch):
    """A chapter of one port with four claims: a yuan sum, the same sum in dollars, a count of trucks, an area."""
    from types import SimpleNamespace

    from fixture_claims import claim

    rows = [
        claim("north-trade", "north", "trade_value_cny", "yuan", "100", "2023", published="2023-11-04"),
        claim(
            "north-trade-usd",
            "north",
            "trade_value_usd",
            "usd",
            "14",
            "2023",
            published="2023-11-04",
            converts="north-trade",
        ),
        claim("north-trucks", "north", "trucks", "trucks", "50", "2023", published="2023-11-04"),
        claim("north-area", "north", "area_m2", "m2", "9", "2023", published="2023-11-04"),
    ]
    claims = pd.DataFrame(rows).assign(port="north", period_phrase="2023")
    table = pd.DataFrame(
        {
            "claim_id": list(COUNT_CLASSES),
            "indicator_class": list(COUNT_CLASSES.values()),
            "reason": [f"why {c}" for c in COUNT_CLASSES],
        }
    )
    monkeypatch.setattr(ports, "load_ports", lambda: COUNT_PORTS.copy())
    monkeypatch.setattr(ports, "load_claim_classes", lambda path=None: table)
    context = SimpleNamespace(
        claims=claims, entities=SimpleNamespace(table=pd.DataFrame({"name": {"north": "North Pass"}}))
    )
    story = object.__new__(port_pages.PortStory)  # the chapter's sections, without the book's state behind them
    story.port, story.info, story.context = "north", COUNT_PORTS.set_index("port").loc["north"], context
    story.claims = ports.port_claims(claims, "north")
    story.trails = {c: SimpleNamespace(verdict="checks_out") for c in story.claims.claim_id}
    story.titles = {c: c for c in story.claims.claim_id}
    return story


def test_a_port_s_figures_are_counted_alike_on_every_page_a_conversion_once(converted_port):
    from bs4 import BeautifulSoup

    from portbook.present import front_chart, lead_charts
    from portbook.present.render import render

    story = converted_port
    findings = BeautifulSoup(str(story.findings_html()), "html.parser").get_text(" ", strip=True)
    table = BeautifulSoup(str(story.indicator_table_html()), "html.parser").select_one("summary").get_text(" ")
    front = front_chart.front_counts(story.context).loc["north", ports.CLASS_ORDER]
    overview = port_pages.overview_counts(story.context).loc["North Pass"]
    chapter_chart = lead_charts.class_counts(story)
    summary = BeautifulSoup(
        str(render("verdict_summary.html.j2", rows=[("checks_out", 4, "#")], count=ports.figure_count(story.claims))),
        "html.parser",
    ).get_text(" ", strip=True)
    # three figures everywhere: the dollar sum is the yuan sum again; the claims (four) are reconciled where shown
    assert "give 3 figures about it (one also given in dollars)" in findings, findings
    assert "its 4 claims: 3 figures, and one of them given again in dollars" in findings, findings
    assert (
        "they give 3 figures (one given again in dollars), and by figure: one channel, one trade, one context" in table
    ), table
    assert front.sum() == overview.sum() == sum(chapter_chart.values()) == 3
    assert front.trade == overview.trade == chapter_chart["trade"] == 1
    assert "4 claims: 3 figures, and one of them given again in dollars" in summary, summary


def test_a_chapter_s_findings_list_every_claim_its_counts_count(converted_port):
    from bs4 import BeautifulSoup

    page = BeautifulSoup(str(converted_port.findings_html()), "html.parser")
    listed = [item["data-claim"] for item in page.select("li[data-claim]")]
    tallied = sum(int(t.select_one("strong").get_text()) for t in page.select(".pb-port-verdicts .pb-verdict-tally"))
    assert sorted(listed) == sorted(converted_port.claims.claim_id), "context and conversions are listed too"
    assert tallied == len(listed) == ports.figure_count(converted_port.claims).claims
    assert "Context" in [h.get_text() for h in page.select("h3")][-1]


@pytest.mark.parametrize("sum_verdict, marked", [("cannot_check", True), ("checks_out", False)])
def test_a_conversion_that_checks_out_says_so_only_of_the_conversion(converted_port, sum_verdict, marked):
    """A dollar figure that checks out as a conversion, beside a yuan sum nothing tests, is marked as the conversion
    only: the reader must not take it for a test of the sum."""
    from bs4 import BeautifulSoup

    converted_port.trails["north-trade"] = SimpleNamespace(verdict=sum_verdict)
    page = BeautifulSoup(str(converted_port.findings_html()), "html.parser")
    items = {li["data-claim"]: li.get_text(" ", strip=True) for li in page.select("li[data-claim]")}
    assert ("(the conversion only)" in items["north-trade-usd"]) is marked
    assert "(the conversion only)" not in items["north-trade"]


@pytest.mark.parametrize(
    "place, words",
    [
        (1, "first"),
        (2, "second"),
        (3, "third"),
        (9, "ninth"),
        (10, "10th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (22, "22nd"),
        (23, "23rd"),
        (29, "29th"),
        (101, "101st"),
        (111, "111th"),
        (125, "125th"),
    ],
)
def test_a_rank_reads_as_an_ordinal(place, words):
    assert figure(place, "rank") == words


def test_an_undecided_value_says_how_many_readings_fit():
    from types import SimpleNamespace

    readings = [
        {"label": "5.8 times as much", "low": 5.8, "high": None},
        {"label": "6.8 times", "low": 6.8, "high": None},
    ]
    row = SimpleNamespace(
        figure="5.8",
        unit="ratio",
        qualifier="exact",
        repair="none",
        readings=json.dumps(readings),
        rejected_readings="[]",
        best_label="undecided: 5.8 times as much or 6.8 times",
        best_low=5.8,
        best_high=float("nan"),
        best_unit="ratio",
    )
    assert claim_value(row) == "more than 5.8 times (two readings fit; the evidence does not settle which)"


def test_a_figure_printed_with_less_than_is_shown_with_the_articles_words():
    """'less than 20 percent' reads as up to 20% in the checks, but a reader is shown what was printed."""
    row = SimpleNamespace(
        figure="20",
        unit="percent",
        qualifier="less_than",
        repair="none",
        readings="[]",
        rejected_readings="[]",
        best_label="as printed",
        best_low=float("nan"),
        best_high=20.0,
        best_unit="percent",
    )
    assert claim_value(row) == "less than 20%"
    assert claim_value(SimpleNamespace(**{**vars(row), "qualifier": "up_to"})) == "up to 20%"
