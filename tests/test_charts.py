"""Charts and maps as drawn: no text overlaps or leaves its drawing, text stays legible on a phone, colours keep their
contrast on both themes' backgrounds, the Kashgar chart draws each period once at its place, maps come from the
committed borders, and chart words type no figure."""

import doctest
import importlib.util
import re
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import pytest
from conftest import ROOT
from matplotlib.path import Path as MplPath

from portbook.present import charts, lead_charts, port_pages, reconcile_pages
from portbook.reconcile import ports
from portbook.reconcile.book_state import BookState
from portbook.reconcile.flows import implied_series

# A 390 px phone shows the book's column about 342 px wide (measured in Chromium; tests/test_browser.py checks it).
PHONE_COLUMN_PX = 342
MIN_TEXT_PX = 11


@pytest.fixture(scope="module")
def state():
    return BookState()


@pytest.fixture(scope="module")
def drawings(state):
    """Every drawing of every chart the book makes, as (chart, layout, theme, figure), none written to disk."""
    made = []
    plt.rcParams["figure.max_open_warning"] = 0  # the module keeps every drawing open to measure it

    def save(draw, chart, data, folder=None, **csv):
        for layout in charts.LAYOUTS:
            for theme in charts.THEMES:
                charts.apply_house_style(theme, layout)
                made.append((chart, layout, theme, draw(layout, theme)))
        return chart.html()

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(charts, "save", save)
        for port in ports.load_ports().port:
            port_pages.PortStory(port, state).charts_html()
        port_pages.overview_html(state)
        reconcile_pages.Flagship(context=state).chart_html()
    yield made
    for *_, figure in made:
        plt.close(figure)


def test_every_port_has_a_map_and_the_ports_with_figures_a_lead_chart(drawings):
    names = {chart.name for chart, *_ in drawings}
    for port in ports.load_ports().port:
        assert f"port-{port}-map" in names
    for port in lead_charts.LEAD_CHARTS:
        assert f"port-{port}-lead" in names, f"{port}: no lead chart"
    assert {"ports-map", "ports-classes", "reconcile-kashgar-cbz-trade-value-cny"} <= names
    assert len(drawings) == 4 * len(names), "every chart in two layouts and two themes"


def test_each_chapter_locator_is_framed_on_its_own_port_names_its_neighbour_and_has_an_inset(drawings):
    locations = ports.load_locations()
    frames = {}
    for chart, layout, theme, figure in drawings:
        port = chart.name.removeprefix("port-").removesuffix("-map")
        if not chart.name.endswith("-map") or port not in set(locations.port) or theme is not charts.LIGHT:
            continue
        main, *insets = figure.axes
        assert len(insets) == 1, f"{chart.name}: an inset locating the frame in Xinjiang"
        (west, east), (south, north) = main.get_xlim(), main.get_ylim()
        mine = locations[locations.port == port]
        assert ((mine.longitude > west) & (mine.longitude < east)).all(), chart.name
        assert ((mine.latitude > south) & (mine.latitude < north)).all(), chart.name
        (left, bottom), (right, top) = insets[0].get_position().get_points()
        under = locations.longitude.between(west + left * (east - west), west + right * (east - west))
        under &= locations.latitude.between(south + bottom * (north - south), south + top * (north - south))
        assert not under.any(), f"{chart.name}: the inset hides {list(locations[under].place)}"
        drawn = {text.get_text() for text in figure.findobj(matplotlib.text.Text)}
        for neighbour in {n for n in mine.neighbour if n}:
            assert neighbour.upper() in drawn, f"{chart.name}: the country it opens onto, {neighbour}, is named"
        assert set(mine.place) <= drawn and any(text.endswith(" km") for text in drawn), chart.name
        frames[port, layout.name] = (round(west, 2), round(east, 2), round(south, 2), round(north, 2))
    for layout in charts.LAYOUTS:
        mine = [frame for (_, name), frame in frames.items() if name == layout.name]
        assert len(mine) >= 2 and len(set(mine)) == len(mine), f"no two chapters show the same map ({layout.name})"


def test_the_shares_chart_puts_one_whole_in_each_panel(state, monkeypatch):
    drawn = []
    monkeypatch.setattr(charts, "bars", lambda panels, chart, data, **csv: drawn.append((panels, data)) or "")
    lead_charts.xinjiang(port_pages.PortStory("xinjiang", state))
    ((panels, data),) = drawn
    assert len(panels) == data.metric.nunique(), "a panel per whole"
    counts = data.groupby("metric", sort=False).size()
    assert sorted(len(panel.bars) for panel in panels) == sorted(counts), "each panel holds one whole's shares"


def test_no_chart_text_overlaps_or_leaves_its_drawing(drawings):
    problems = [
        f"{chart.name} ({layout.name}, {theme.name}): {pair}"
        for chart, layout, theme, figure in drawings
        for pair in charts.text_overlaps(figure)
    ]
    assert not problems, "\n".join(problems)


def test_narrow_drawings_keep_their_text_legible_on_a_phone(drawings):
    small = []
    for chart, layout, _, figure in drawings:
        if layout is not charts.NARROW:
            continue
        width_px = figure.get_figwidth() * 72 * charts.PX_PER_POINT
        shown = min(1.0, PHONE_COLUMN_PX / width_px)
        for text in figure.findobj(plt.Text):
            if text.get_visible() and text.get_text().strip():
                size = text.get_fontsize() * charts.PX_PER_POINT * shown
                if size < MIN_TEXT_PX:
                    small.append(f"{chart.name}: {text.get_text()!r} at {size:.1f} px")
    assert not small, "\n".join(small)


def contrast(one: str, other: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted([luminance(one), luminance(other)], reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("theme", charts.THEMES, ids=lambda t: t.name)
def test_chart_colours_keep_their_contrast_on_the_theme_background(theme):
    for name in ("ink", "muted"):  # text
        assert contrast(getattr(theme, name), theme.background) >= 4.5, name
    for name in ("accent", "second", "border"):  # marks and lines
        assert contrast(getattr(theme, name), theme.background) >= 3, name
    # labels drawn inside the accent bars in the background colour
    assert contrast(theme.background, theme.accent) >= 3
    # a reading ruled out is drawn pale, its value label in ink beside or on it, its outline in the accent colour
    assert contrast(theme.ink, theme.pale) >= 4.5
    assert contrast(theme.accent, theme.grid) >= 3 and contrast(theme.accent, theme.pale) >= 1.5


def test_chart_backgrounds_are_the_page_backgrounds_of_the_theme():
    import pydata_sphinx_theme
    import sphinx_book_theme

    # the installed themes, wherever the environment is (not only a .venv inside the project); the book theme's
    # stylesheet comes after pydata's and overrides its dark background
    sheets = [
        next(Path(pydata_sphinx_theme.__file__).parent.glob("theme/*/static/styles/pydata-sphinx-theme.css")),
        next(Path(sphinx_book_theme.__file__).parent.glob("theme/*/static/styles/sphinx-book-theme.css")),
    ]
    text = "".join(sheet.read_text(encoding="utf-8") for sheet in sheets)
    for theme in charts.THEMES:
        found = re.findall(rf"html\[data-theme={theme.name}\]\{{[^}}]*--pst-color-background:(#[0-9a-f]+)", text)
        assert found and found[-1].lower() in (theme.background.lower(), theme.background.lower()[:4]), theme.name


def test_the_kashgar_chart_draws_each_period_once_at_its_place_with_both_readings_as_one_range(state):
    series = implied_series(state.claims, "kashgar-cbz", "trade_value_cny")
    periods, _ = lead_charts.flagship_periods(series, 2)
    spans = [(p.start.date().isoformat(), p.end.date().isoformat()) for p in periods]
    assert spans == sorted(set(spans)), "one mark per period, in time order"
    kinds = {span: p for span, p in zip(spans, periods, strict=True)}
    early = kinds[("2021-01-01", "2021-04-30")]
    late = kinds[("2021-05-01", "2021-12-31")]
    readings = series[(series.period_start == "2021-01-01") & (series.period_end == "2021-04-30")]
    assert len(readings) == 2, "the two readings of 'over 5.8-fold'"
    assert early.kind == "implied" and early.low == 0 and early.high == readings.per_month_high.max()
    assert early.marks == (readings.per_month_high.min(),), "the other reading's ceiling inside the same bar"
    assert late.kind == "range" and late.low < late.high
    assert kinds[("2021-01-01", "2021-12-31")].kind == "average"
    assert kinds[("2022-01-01", "2022-04-30")].kind == "reported"
    assert early.value_label.startswith("at most ") and "–" in early.value_label


def test_the_borders_are_committed_with_their_source_and_licence_and_hold_every_place():
    borders = charts.load_borders()
    assert "DCW-GMT" in borders["source"] and borders["licence"] == "LGPL-3.0-or-later"
    features = {f["properties"]["code"]: f for f in borders["features"]}
    assert {"CN", "CNXJ", "KZ", "KG", "TJ", "AF", "PK", "IN", "MN", "RU"} <= set(features)
    xinjiang = charts.polygon_path(features["CNXJ"]["geometry"]["coordinates"])
    for place in ports.load_locations().itertuples():
        # crossings lie on the border itself: within half a degree of Xinjiang's outline
        point = (place.longitude, place.latitude)
        # (the sign of the radius that widens a path depends on which way round it runs)
        assert xinjiang.contains_point(point, radius=0.5) or xinjiang.contains_point(point, radius=-0.5), place.place
    labels = port_pages.load_map_labels()
    for label in labels.itertuples():
        outline: MplPath = charts.polygon_path(features[label.code]["geometry"]["coordinates"])
        inside = outline.contains_point((label.longitude, label.latitude))
        if label.code == "CN":  # China's name goes on the rest of China, outside Xinjiang
            inside = inside and not xinjiang.contains_point((label.longitude, label.latitude))
        assert inside, f"{label.name} placed outside its area"


def load_derive_script():
    spec = importlib.util.spec_from_file_location("derive_borders", ROOT / "scripts" / "derive_borders.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_border_script_decodes_clips_and_simplifies_as_documented():
    module = load_derive_script()
    result = doctest.testmod(module)
    assert result.attempted >= 3 and not result.failed


def test_the_committed_borders_are_what_the_script_derives_from_the_package():
    module = load_derive_script()
    if not module.DCW.exists():
        pytest.skip("needs Debian's gmt-dcw (apt-get install gmt-dcw)")
    pytest.importorskip("h5py", reason="needs h5py (scripts/requirements-borders.txt)")
    import json

    derived = json.dumps(module.derive(), separators=(",", ":"), sort_keys=True) + "\n"
    assert derived == module.OUTPUT.read_text(encoding="utf-8")


CHART_WORDS = ("lead_charts.html.j2", "port_charts.html.j2", "overview_charts.html.j2", "figure.html.j2")


@pytest.mark.parametrize("template", CHART_WORDS)
def test_chart_words_type_no_figure(template):
    """Every figure in a chart's words comes from the data through the formatters: no digit is typed."""
    text = (ROOT / "portbook" / "present" / "templates" / template).read_text(encoding="utf-8")
    prose = re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", "", text, flags=re.S)
    assert not re.findall(r"\d", prose), re.findall(r".{20}\d.{20}", prose)


@pytest.fixture(scope="module")
def chart_csvs(state):
    """Every chart's CSV as the book writes it, by chart name, twice over (no drawing)."""
    written = []
    for _ in range(2):
        tables = {}

        def save(draw, chart, data, folder=None, **csv):
            tables[chart.name] = charts.csv_table(data, **csv).to_csv(index=False, lineterminator="\n")
            return chart.html()

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(charts, "save", save)
            for port in ports.load_ports().port:
                port_pages.PortStory(port, state).charts_html()
            port_pages.overview_html(state)
            reconcile_pages.Flagship(context=state).chart_html()
        written.append(tables)
    return written


def test_every_chart_csv_is_byte_stable_with_headers_in_words_and_numbers_a_spreadsheet_reads(chart_csvs):
    import io

    import pandas as pd

    first, second = chart_csvs
    assert first == second and len(first) >= 10
    for name, text in first.items():
        table = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
        for header in table.columns:
            assert "_" not in header and header[:1].isupper(), f"{name}: column {header!r}"
        for header in [h for h in table.columns if any(w in h for w in ("Value", "Trade", "per month", "Latitude"))]:
            for cell in table[header]:
                assert cell == "" or re.fullmatch(r"-?\d+(\.\d+)?", cell), f"{name}: {header} holds {cell!r}"


def test_the_kashgar_csv_rounds_to_the_printed_digits_and_its_ranges_hold_the_computed_ones(state, chart_csvs):
    import io

    import pandas as pd

    table = pd.read_csv(io.StringIO(chart_csvs[0]["port-kashgar-lead"]))
    series = implied_series(state.claims, "kashgar-cbz", "trade_value_cny").reset_index(drop=True)
    low, high = table["Trade per month, yuan (low)"], table["Trade per month, yuan (high)"]
    assert (low <= series.per_month_low + 1e-6).all() and (high >= series.per_month_high - 1e-6).all()
    # 3.7 and 3.8 billion are printed to two digits: an open bound keeps two
    at_most = series.per_month_low == 0
    assert set(high[at_most]) == {170_000_000, 150_000_000}  # at most 165.9 and 141.5 million
    # 2021 as reported, 3.65–3.75 billion: its ends exact, its months' ends with digits enough to show the width
    reported = table[(table["Period"] == "2021") & (table["Reported or implied"] == "reported")].iloc[0]
    assert reported["Trade in the period, yuan (low)"] == 3_650_000_000
    assert (reported["Trade per month, yuan (low)"], reported["Trade per month, yuan (high)"]) == (
        304_100_000,
        312_500_000,
    )
    for value in pd.concat([low, high]):
        assert len(str(int(value)).rstrip("0")) <= 4, f"{value}: more digits than the range's width needs"


def test_a_narrow_range_keeps_the_digits_that_show_its_width_in_its_csv():
    import pandas as pd

    data = pd.DataFrame({"low": [16_000_000.0, 3.65e9], "high": [16_000_999.0, 3.75e9], "digits": [2, 2]})
    table = charts.csv_table(data, unit="people")
    assert list(table.columns) == ["Value in the period, people (low)", "Value in the period, people (high)"]
    assert table.values.tolist() == [["16000000", "16001000"], ["3650000000", "3750000000"]]
