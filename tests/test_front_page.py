"""The front page: its lead chart counts each port's figures by their curated class, with a title that states what
the counts show; and every claim verdict, there and in the port chapters, is a badge a reader can read (its word,
not colour alone) linked to its definition on the methodology page.

The chart is made from a fixture: three ports, a handful of claims, a classes table of our own; the verdicts from
the vocabulary itself."""

from datetime import date
from types import SimpleNamespace

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from bs4 import BeautifulSoup

from portbook.build import pipeline, references
from portbook.present import charts, front_chart, links
from portbook.present.render import render, words
from portbook.reconcile import ports, verdicts

PORTS = pd.DataFrame(
    {
        "port": ["north", "south", "east"],
        "name": ["North Pass (Upper)", "South Gate", "East Yard"],
        "entities_note": ["", "", ""],
        "summary": ["", "", ""],
    }
)


def fixture_context(classes: dict[str, str], ports_of: dict[str, str]) -> SimpleNamespace:
    """A book state with only what the front chart reads: claims (id, port, article, period) and the articles."""
    claims = pd.DataFrame(
        {
            "claim_id": list(ports_of),
            "port": list(ports_of.values()),
            "article_id": ["a1"] * len(ports_of),
            "period_start": ["2023-01-01"] * len(ports_of),
            # a metric name that says 'factory' must not make a claim industrial: only the curated class does
            "metric": ["factory_output"] * len(ports_of),
        }
    )
    seeds = {"a1": SimpleNamespace(outlet="Example Wire (English)", published=date(2023, 5, 1))}
    return SimpleNamespace(claims=claims, seeds=seeds, classes=classes)


@pytest.fixture
def curated(monkeypatch):
    """The ports and the classes table are the fixture's, not data/'s."""

    def use(classes: dict[str, str]):
        table = pd.DataFrame(
            {
                "claim_id": list(classes),
                "indicator_class": list(classes.values()),
                "reason": [f"why {c}" for c in classes],
            }
        )
        monkeypatch.setattr(ports, "load_ports", lambda: PORTS)
        monkeypatch.setattr(ports, "load_claim_classes", lambda path=None: table)

    return use


ONE_OF_FIVE = {"c1": "channel", "c2": "channel", "c3": "trade", "c4": "industrial", "c5": "channel", "c6": "context"}
PORT_OF = {"c1": "north", "c2": "north", "c3": "south", "c4": "south", "c5": "south", "c6": "north"}


def test_the_chart_counts_each_port_by_its_curated_class_not_its_metric(curated):
    curated(ONE_OF_FIVE)
    counts = front_chart.front_counts(fixture_context(ONE_OF_FIVE, PORT_OF))
    assert list(counts.index) == ["north", "south", "east"], "the order of data/ports.csv, every port"
    assert counts.loc["north", ["channel", "trade", "industrial", "context"]].tolist() == [2, 0, 0, 1]
    assert counts.loc["south", ["channel", "trade", "industrial"]].tolist() == [1, 1, 1]
    assert counts.loc["east", ["channel", "trade", "industrial"]].tolist() == [0, 0, 0]
    assert counts.loc["south", "industrial_what"] == ["why c4"], "which figures, as the curated table says"


def test_a_sum_also_given_in_dollars_is_one_figure_on_the_front_page_as_in_a_chapter(curated):
    curated({**ONE_OF_FIVE, "c7": "trade"})
    context = fixture_context({**ONE_OF_FIVE, "c7": "trade"}, {**PORT_OF, "c7": "south"})
    context.claims["converts"] = [""] * 6 + ["c3"]
    counts = front_chart.front_counts(context)
    assert counts.loc["south", "trade"] == 1, "c7 is c3 in dollars: the same figure, counted once"


@pytest.mark.parametrize(
    "classes, title",
    [
        (
            ONE_OF_FIVE,
            "Only one of the five figures the articles give about the ports concerns making or processing goods there",
        ),
        (
            {
                "c1": "industrial",
                "c2": "industrial",
                "c3": "industrial",
                "c4": "channel",
                "c5": "trade",
                "c6": "context",
            },
            "Three of the five figures the articles give about the ports concern making or processing goods there",
        ),
    ],
)
def test_the_title_states_the_finding_the_counts_make(curated, classes, title):
    curated(classes)
    context = fixture_context(classes, PORT_OF)
    chart = front_chart.chart_of(context, front_chart.front_counts(context))
    assert str(chart.title) == title
    assert chart.subtitle.startswith("Number of figures the one article reports about each port")
    assert (
        "not what the ports do; a sum also given in dollars is counted once; the one context figure (such as geography or policy) is left out."
        in chart.subtitle
    )
    assert "North Pass: " in chart.alt and "East Yard: no figure" in chart.alt, chart.alt
    assert chart.source == "Example Wire, 1 May 2023"


def test_the_chart_is_drawn_legibly_byte_stable_with_its_csv_and_shown_from_the_front_page(curated, tmp_path):
    curated(ONE_OF_FIVE)
    context = fixture_context(ONE_OF_FIVE, PORT_OF)
    shown = front_chart.front_chart(context, tmp_path / "one")
    again = front_chart.front_chart(context, tmp_path / "two")
    assert shown == again
    for file in sorted((tmp_path / "one").iterdir()):
        assert file.read_bytes() == (tmp_path / "two" / file.name).read_bytes(), file.name
    names = sorted(p.name for p in (tmp_path / "one").iterdir())
    assert names == sorted(
        [
            f"{front_chart.NAME}.csv",
            *(charts.variant_name(front_chart.NAME, la, th) for la in charts.LAYOUTS for th in charts.THEMES),
        ]
    )
    csv = (tmp_path / "one" / f"{front_chart.NAME}.csv").read_text(encoding="utf-8").splitlines()
    assert csv[0] == "Port,Figures of what passes through,Trade figures,Figures of what is made or processed"
    assert csv[2] == "South Gate,1,1,1"
    # the drawings: every text at 11 px or more on a phone, none overlapping, every count or 'none' written
    counts = front_chart.front_counts(context)
    headings = {k: k for k in front_chart.COLUMNS}
    draw = front_chart.draw_counts(counts, headings, "none")
    for layout in charts.LAYOUTS:
        charts.apply_house_style(charts.LIGHT, layout)
        figure = draw(layout, charts.LIGHT)
        assert charts.text_overlaps(figure) == []
        texts = [t.get_text() for t in figure.findobj(plt.Text) if t.get_text().strip()]
        assert texts.count("none") == 5 and {"1", "2"} <= set(texts), texts
        assert (
            min(t.get_fontsize() for t in figure.findobj(plt.Text) if t.get_text().strip()) * charts.PX_PER_POINT >= 11
        )
        plt.close(figure)
    # the front page sits a folder above the chapters: its drawings are addressed from there
    page = BeautifulSoup(
        str(front_chart.figure_html(shown, references.href_from("book/index", front_chart.SITE_FIGURES))), "html.parser"
    )
    assert page.select_one("img")["src"] == f"../_static/figures/{front_chart.NAME}-wide-light.svg"
    assert page.select_one(".pb-figure-title").get_text() == shown["title"]
    assert page.select_one("a[download]")["href"] == f"../_static/figures/{front_chart.NAME}.csv"


def test_the_pipeline_declares_the_front_charts_files():
    products = {p for run in pipeline.planned_runs() for p in run.products}
    assert set(pipeline.chart_files(front_chart.NAME)) <= products
    assert front_chart.FRONT_CHART.as_posix() in products


# ---------------------------------------------------------------------------------------------------------------
# Verdict badges


def scale_ids() -> set[str]:
    page = BeautifulSoup(
        str(render("verdict_scale.html.j2", scale=verdicts.vocabulary(), groups=verdicts.results_by_effect())),
        "html.parser",
    )
    return {tag["id"] for tag in page.select("[id]")}


@pytest.mark.parametrize("verdict", verdicts.SCALE)
def test_a_verdict_badge_says_its_word_and_links_to_its_definition(verdict):
    badge = BeautifulSoup(str(words("macros.html.j2", "verdict_badge", verdict=verdict)), "html.parser").a
    assert badge.get_text(" ", strip=True).endswith(verdicts.label(verdict)), "the word, not colour alone"
    assert badge.select_one(".pb-verdict-mark")["aria-hidden"] == "true", "a screen reader reads the word, not the mark"
    assert badge["data-verdict"] == verdict and badge["title"] == verdicts.definition(verdict)
    page, _, anchor = badge["href"].partition("#")
    assert page == links.METHODOLOGY_PAGE and anchor in scale_ids(), "its definition, on the methodology page"


def test_the_verdict_role_renders_a_badge_linked_from_the_page_it_is_on():
    entry = {"verdict": "misleading"}
    front = BeautifulSoup(references.verdict_badge(entry, "book/index"), "html.parser").a
    chapter = BeautifulSoup(references.verdict_badge(entry, "book/ports/kashgar"), "html.parser").a
    assert front["href"] == f"about/methodology.html#{links.verdict_anchor('misleading')}"
    assert chapter["href"] == f"../about/methodology.html#{links.verdict_anchor('misleading')}"
    assert "pb-verdict-badge" in front["class"] and front.get_text(" ", strip=True).endswith("misleading")


def test_each_finding_of_a_port_chapter_shows_its_verdict_as_a_badge():
    claim = SimpleNamespace(
        claim_id="c1",
        figure="12",
        unit="trucks",
        qualifier="",
        best_label="as printed",
        best_low=12,
        best_high=12,
        best_unit="trucks",
        repair="",
        readings="[]",
    )
    findings = [
        {"claim": claim, "low": "1.0", "high": "1.0", "verdict": v, "what": "Port: trucks", "period": "2023"}
        for v in ("checks_out", "cannot_check")
    ]
    sections = [{"indicator_class": "channel", "findings": findings}, {"indicator_class": "industrial", "findings": []}]
    html = render(
        "port_findings.html.j2",
        name="North",
        summary="A port.",
        count=ports.FigureCount(2),
        articles=1,
        verdict_counts=[("checks_out", 1), ("cannot_check", 1)],
        sections=sections,
    )
    items = BeautifulSoup(str(html), "html.parser").select("li[data-claim]")
    shown = [item.select_one("a.pb-verdict-badge").get_text(" ", strip=True) for item in items]
    assert [s.split(" ", 1)[1] for s in shown] == ["checks out", "cannot be checked"]
    page = BeautifulSoup(str(html), "html.parser")
    assert not page.select("small"), "no verdict in small grey type"
    tally = [t.get_text(" ", strip=True) for t in page.select(".pb-port-verdicts .pb-verdict-tally")]
    assert tally == ["1 ✓ checks out", "1 ? cannot be checked"], "how sure we are of the chapter's figures, counted"


def test_the_charts_words_type_no_figure():
    """Every figure in the chart's words comes from the counts: no digit is typed."""
    import re

    text = (front_chart.charts.paths.ROOT / "portbook" / "present" / "templates" / front_chart.WORDS).read_text()
    prose = re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", "", text, flags=re.S)
    assert not re.findall(r"\d", prose)
