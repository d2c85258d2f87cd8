"""Charts and maps as drawn: no text overlaps or leaves its drawing, text stays legible on a phone, colours keep their
contrast on both themes' backgrounds, the Kashgar chart draws each period once at its place, maps come from the
committed borders, and chart words type no figure."""

import doctest
import importlib.util
import json
import math
import re
from datetime import date
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from conftest import ROOT
from matplotlib.path import Path as MplPath

from portbook.present import charts, figures, lead_charts, placement, port_pages, reconcile_pages
from portbook.reconcile import ports
from portbook.reconcile.book_state import BookState
from portbook.reconcile.flows import implied_series

# A 390 px phone shows the book's column about 342 px wide (measured in Chromium; tests/test_browser.py checks it).
PHONE_COLUMN_PX = 342
MIN_TEXT_PX = 11


@pytest.fixture(scope="module")
def state():
    return BookState()


def make_every_chart(state, save):
    """Make every chart the book makes (each port's, the overview's, the flagship's), each handed to ``save`` in
    place of charts.save."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(charts, "save", save)
        for port in ports.load_ports().port:
            port_pages.PortStory(port, state).charts_html()
        port_pages.overview_html(state)
        reconcile_pages.Flagship(context=state).chart_html()


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

    make_every_chart(state, save)
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


def map_names():
    """The maps' areas: each code's outline and the name the maps give it."""
    features = {f["properties"]["code"]: f for f in charts.load_borders()["features"]}
    outlines = {code: charts.polygon_path(f["geometry"]["coordinates"]) for code, f in features.items()}
    labels = port_pages.load_map_labels()
    names = dict(zip(labels.code, labels.name))
    for code, feature in features.items():
        names.setdefault(code, feature["properties"].get("dcw_name", code))
    return outlines, names


def test_each_chapter_locator_is_framed_on_its_own_port_names_its_neighbour_and_has_an_inset(drawings):
    locations = ports.load_locations()
    outlines, names = map_names()
    # the countries on Xinjiang's border (the rest of China is not a neighbouring country)
    around = charts.bordering(outlines) - {"CN"}
    assert {"KZ", "KG", "TJ", "AF", "PK", "IN", "MN", "RU"} <= around
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
        figure.draw_without_rendering()
        renderer = figure._get_renderer()
        to_degrees = main.transData.inverted().transform

        def box_of(extent) -> placement.Box:
            (x0, y0), (x1, y1) = to_degrees(extent.get_points())
            return placement.Box((x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2, (y1 - y0) / 2)

        inset_extent = insets[0].get_window_extent(renderer)
        inset = box_of(inset_extent)
        under = inset.contains(locations[["longitude", "latitude"]].to_numpy())
        assert not under.any(), f"{chart.name}: the inset hides {list(locations[under].place)}"
        texts = [text for text in main.texts if text.get_visible() and text.get_text().strip()]
        for text in texts:
            assert not text.get_window_extent(renderer).overlaps(inset_extent), (
                f"{chart.name} ({layout.name}): the inset hides the name {text.get_text()!r}"
            )
        drawn = {text.get_text() for text in figure.findobj(matplotlib.text.Text)}
        for neighbour in {n for n in mine.neighbour if n}:
            assert neighbour.upper() in drawn, f"{chart.name}: the country it opens onto, {neighbour}, is named"
        assert set(mine.place) <= drawn and any(text.endswith(" km") for text in drawn), chart.name
        # a country on Xinjiang's border with room in the frame for its name, clear of the places' marks and
        # names, is named: the inset (nor the scale bar) may not take that room
        width_pt = main.get_window_extent(renderer).width * 72 / figure.dpi
        height_pt = main.get_window_extent(renderer).height * 72 / figure.dpi
        per_point = ((east - west) / width_pt, (north - south) / height_pt)
        places = [box_of(text.get_window_extent(renderer)) for text in texts if text.get_text() in set(locations.place)]
        shown = locations[locations.longitude.between(west, east) & locations.latitude.between(south, north)]
        marks = [
            placement.Box(p.longitude, p.latitude, 4.5 * per_point[0], 4.5 * per_point[1]) for p in shown.itertuples()
        ]
        aspect = 1 / math.cos(math.radians((south + north) / 2))
        for code in sorted(around):
            opens_onto = names[code] in set(mine.neighbour)
            size = layout.font if opens_onto else layout.small
            half_width, half_height = charts.country_name_size(names[code].upper(), size, opens_onto)
            room = placement.place_name(
                outlines[code],
                (half_width * per_point[0], half_height * per_point[1]),
                (west, east, south, north),
                places + marks,
                aspect,
            )
            if room is not None:
                assert names[code].upper() in drawn, (
                    f"{chart.name} ({layout.name}): {names[code]} has room for its name around {room.x:.1f}E "
                    f"{room.y:.1f}N but is not named"
                )
        frames[port, layout.name] = (round(west, 2), round(east, 2), round(south, 2), round(north, 2))
    for layout in charts.LAYOUTS:
        mine = [frame for (_, name), frame in frames.items() if name == layout.name]
        assert len(mine) >= 2 and len(set(mine)) == len(mine), f"no two chapters show the same map ({layout.name})"


def test_the_pamir_locator_names_afghanistan_beside_the_wakhan_corridor(drawings):
    """Issue 12: the inset had hidden the Wakhan corridor, on a phone too."""
    pamir = [(layout, f) for chart, layout, _, f in drawings if chart.name == "port-pamir-map"]
    assert {layout for layout, _ in pamir} == set(charts.LAYOUTS)
    for layout, figure in pamir:
        assert "AFGHANISTAN" in {text.get_text() for text in figure.axes[0].texts}, layout.name


def maps_in_light(drawings):
    """Each map's drawings in the light theme (the themes share their layout), as (chart, layout, figure)."""
    return [(c, layout, f) for c, layout, theme, f in drawings if c.name.endswith("-map") and theme is charts.LIGHT]


def test_every_neighbour_that_shows_on_a_map_is_named_in_sight(drawings):
    """A country on Xinjiang's border that covers a fiftieth of a map's frame, or another that covers a twentieth, is
    named on the map, its name inside the map and clear of the inset (issue 12: on a phone the Pamir inset hid
    Afghanistan, and no corner was free; on a laptop it hid Uzbekistan)."""
    outlines, names = map_names()
    around = charts.bordering(outlines) - {"CN"}
    maps = maps_in_light(drawings)
    assert len(maps) >= 16
    unnamed = []
    for chart, layout, figure in maps:
        main, *insets = figure.axes
        (west, east), (south, north) = main.get_xlim(), main.get_ylim()
        figure.draw_without_rendering()
        renderer = figure._get_renderer()
        seen = main.get_window_extent(renderer)
        hidden = [inset.get_window_extent(renderer) for inset in insets]
        shown = {}
        for text in main.texts:
            box = text.get_window_extent(renderer)
            inside = seen.x0 <= box.x0 and box.x1 <= seen.x1 and seen.y0 <= box.y0 and box.y1 <= seen.y1
            if text.get_visible() and inside and not any(box.overlaps(other) for other in hidden):
                shown[text.get_text()] = box
        grid = np.array([(x, y) for x in np.linspace(west, east, 60) for y in np.linspace(south, north, 40)])
        for code in sorted(set(outlines) - {"CN", "CNXJ"}):
            share = outlines[code].contains_points(grid).mean()
            if share >= (0.02 if code in around else 0.05) and names[code].upper() not in shown:
                unnamed.append(f"{chart.name} ({layout.name}): {names[code]} covers {share:.0%} of the frame")
    assert not unnamed, "\n".join(unnamed)


def test_every_inset_says_in_words_what_it_shows(drawings):
    """An inset is headed by legible words over the whole of its width, clear of its drawing."""
    insets = 0
    for chart, layout, figure in maps_in_light(drawings):
        main, *rest = figure.axes
        figure.draw_without_rendering()
        renderer = figure._get_renderer()
        for inset in rest:
            insets += 1
            texts = [text for text in inset.texts if text.get_visible() and text.get_text().strip()]
            assert texts, f"{chart.name} ({layout.name}): an inset without words"
            heading = " ".join(" ".join(text.get_text().split()) for text in texts)
            assert heading == port_pages.chart_words("port_charts.html.j2", "map_inset"), (
                f"{chart.name} ({layout.name}): {heading!r}"
            )
            extent = inset.get_window_extent(renderer)
            for text in texts:
                assert text.get_fontsize() >= layout.small, f"{chart.name}: the inset's heading is small print"
                box = text.get_window_extent(renderer)
                assert extent.x0 <= box.x0 and box.x1 <= extent.x1 and extent.y0 <= box.y0 and box.y1 <= extent.y1
                # the frame drawn on the inset lies below the heading
                for patch in inset.patches:
                    if patch.get_fill() is False:
                        assert patch.get_window_extent(renderer).y1 <= box.y0, f"{chart.name}: heading over the frame"
    assert insets >= 12


def test_every_map_has_a_scale_bar_true_to_its_frame(drawings):
    """A bar in whole kilometres under its words, as long as that distance along the frame's middle parallel,
    inside the map and clear of every place's mark."""
    locations = ports.load_locations()
    for chart, layout, figure in maps_in_light(drawings):
        main = figure.axes[0]
        (west, east), (south, north) = main.get_xlim(), main.get_ylim()
        words = [text for text in main.texts if re.fullmatch(r"\d+ km", text.get_text())]
        assert len(words) == 1, f"{chart.name} ({layout.name}): one scale bar"
        km = int(words[0].get_text().split()[0])
        bars = [
            line
            for line in main.lines
            if len(line.get_xdata()) == 2
            and line.get_ydata()[0] == line.get_ydata()[1]
            and line.get_marker() in ("None", None, "")
        ]
        assert len(bars) == 1, f"{chart.name} ({layout.name}): the bar"
        (x0, x1), (y, _) = bars[0].get_xdata(), bars[0].get_ydata()
        length = (x1 - x0) * charts.KM_PER_DEGREE * math.cos(math.radians((south + north) / 2))
        assert abs(length - km) < 0.01 * km, f"{chart.name}: a bar of {length:.0f} km labelled {km} km"
        assert west < x0 < x1 < east and south < y < north
        near = locations[locations.longitude.between(x0, x1) & ((locations.latitude - y).abs() < 0.2)]
        assert near.empty, f"{chart.name} ({layout.name}): the scale bar runs through {list(near.place)}"


def test_maps_mark_crossings_and_inland_places_apart_with_a_key_under_the_map(drawings):
    locations = ports.load_locations()
    assert set(charts.PLACE_MARKERS) == set(ports.PLACE_KINDS)
    assert len(set(charts.PLACE_MARKERS.values())) == len(charts.PLACE_MARKERS), "a shape of its own for each kind"
    key = port_pages.map_key_words()
    kinds = dict(zip(zip(locations.longitude, locations.latitude), locations.kind))
    maps = 0
    for chart, _, _, figure in drawings:
        if not chart.name.endswith("-map"):
            continue
        maps += 1
        main = figure.axes[0]
        shown = set()
        for line in main.lines:
            xs, ys = line.get_xdata(), line.get_ydata()
            kind = kinds.get((xs[0], ys[0])) if len(xs) == 1 else None
            if kind:
                assert line.get_marker() == charts.PLACE_MARKERS[kind], f"{chart.name}: the mark at {xs[0]}, {ys[0]}"
                shown.add(kind)
        assert shown, f"{chart.name}: no place marked"
        # the key: one entry for each kind of place on the map, its mark's shape and its words, under the map
        figure.draw_without_rendering()
        renderer = figure._get_renderer()
        entries = {text.get_text(): text for text in figure.texts}
        assert set(entries) == {key[kind] for kind in shown}, f"{chart.name}: the key explains the marks shown"
        bottom = main.get_window_extent(renderer).y0
        for text in entries.values():
            assert text.get_window_extent(renderer).y1 <= bottom, f"{chart.name}: the key sits under the map"
        lines = [artist for artist in figure.artists if isinstance(artist, matplotlib.lines.Line2D)]
        assert sorted(line.get_marker() for line in lines) == sorted(charts.PLACE_MARKERS[kind] for kind in shown)
        inland = [line for line in lines if line.get_marker() == charts.PLACE_MARKERS["inland"]]
        assert all(line.get_markerfacecolor() == "none" for line in inland), "an inland place is a hollow square"
    assert maps >= 8


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


@pytest.mark.parametrize("theme", charts.THEMES, ids=lambda t: t.name)
def test_every_bar_fill_keeps_three_to_one_on_the_background_and_values_on_it_stay_legible(theme):
    """WCAG 2.1's non-text contrast: a bar is a graphical object a reader must see, so its fill keeps 3:1 against
    the chart's background; a pale (implied, ruled-out) bar included, and the value written on it in ink keeps 4.5:1."""
    fills = ("accent", "second", "pale", "pale_second", "total")
    low = {name: round(contrast(getattr(theme, name), theme.background), 2) for name in fills}
    assert all(ratio >= 3 for ratio in low.values()), low
    assert contrast(theme.ink, theme.pale) >= 4.5 and contrast(theme.ink, theme.pale_second) >= 4.5


def theme_stylesheets() -> str:
    """The installed themes' stylesheets, wherever the environment is (not only a .venv inside the project); the
    book theme's comes after pydata's and overrides its dark background."""
    import pydata_sphinx_theme
    import sphinx_book_theme

    sheets = [
        next(Path(pydata_sphinx_theme.__file__).parent.glob("theme/*/static/styles/pydata-sphinx-theme.css")),
        next(Path(sphinx_book_theme.__file__).parent.glob("theme/*/static/styles/sphinx-book-theme.css")),
    ]
    return "".join(sheet.read_text(encoding="utf-8") for sheet in sheets)


def theme_colour(text: str, theme: str, variable: str) -> str:
    """The last value the stylesheets give a colour variable in a theme, as #rrggbb."""
    found = re.findall(rf"html\[data-theme={theme}\]\{{[^}}]*--pst-color-{variable}:(#[0-9a-f]+)", text)
    assert found, (theme, variable)
    colour = found[-1].lower()
    return "#" + "".join(c * 2 for c in colour[1:]) if len(colour) == 4 else colour


def test_chart_backgrounds_are_the_page_backgrounds_of_the_theme():
    text = theme_stylesheets()
    for theme in charts.THEMES:
        assert theme_colour(text, theme.name, "background") == theme.background.lower(), theme.name


@pytest.mark.parametrize("theme", charts.THEMES, ids=lambda t: t.name)
def test_a_charts_subtitle_and_source_keep_four_and_a_half_to_one_on_its_background(theme):
    """The subtitle and the source line are HTML in the theme's muted text colour (book/_static/portbook.css);
    the chart's own secondary text is ``muted``: both read at 4.5:1 on the chart's background."""
    css = (ROOT / "book/_static/portbook.css").read_text(encoding="utf-8")
    for rule in (".pb-figure-subtitle", ".pb-source"):
        assert re.search(re.escape(rule) + r"\s*\{[^}]*color: var\(--pst-color-text-muted\)", css), rule
    muted_text = theme_colour(theme_stylesheets(), theme.name, "text-muted")
    assert contrast(muted_text, theme.background) >= 4.5, muted_text
    assert contrast(theme.muted, theme.background) >= 4.5


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
    # two ceilings, one per reading, said as such: not a range of values ('at most 140–170')
    assert early.value_label == "at most 150 or 170", early.value_label


def test_the_borders_are_committed_with_their_source_and_licence_and_hold_every_place():
    borders = charts.load_borders()
    assert "DCW-GMT" in borders["source"] and borders["licence"] == "LGPL-3.0-or-later"
    features = {f["properties"]["code"]: f for f in borders["features"]}
    assert {"CN", "CNXJ", "KZ", "KG", "TJ", "AF", "PK", "IN", "MN", "RU"} <= set(features)
    xinjiang = charts.polygon_path(features["CNXJ"]["geometry"]["coordinates"])
    outline = placement.border_points(xinjiang, step=0.05)
    for place in ports.load_locations().itertuples():
        point = (place.longitude, place.latitude)
        # (the sign of the radius that widens a path depends on which way round it runs)
        assert xinjiang.contains_point(point, radius=0.5) or xinjiang.contains_point(point, radius=-0.5), place.place
        to_border = float(((outline - point) ** 2).sum(axis=1).min() ** 0.5)
        if place.kind == "crossing":  # on the border itself: within half a degree of Xinjiang's outline
            assert to_border < 0.5, f"{place.place}, a crossing, lies {to_border:.1f} degrees from the border"
        else:  # inland: inside Xinjiang, well away from the border
            assert xinjiang.contains_point(point) and to_border > 0.5, f"{place.place} is not inland"
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


def _khorgos_story(claims, references, checks=None):
    """A story with only what the Khorgos chart reads: claims, independent figures and checks."""
    from types import SimpleNamespace

    columns = ["check_id", "kind", "claim_ids", "result_low", "result_high"]
    context = SimpleNamespace(
        references=references, checks=checks if checks is not None else pd.DataFrame(columns=columns)
    )
    return SimpleNamespace(claims=pd.DataFrame(claims), context=context)


def _vehicles(claim_id, metric, start, end, value):
    return {
        "claim_id": claim_id,
        "entity": "port-a",
        "metric": metric,
        "period_start": start,
        "period_end": end,
        "value_low": value,
        "value_high": value,
    }


def _reference(reference_id, start, end, value, entity="port-a"):
    from types import SimpleNamespace

    from portbook.numbers.interval import Interval

    return SimpleNamespace(
        reference_id=reference_id,
        entity=entity,
        metric=lead_charts.ALL_EXPORTS,
        start=date.fromisoformat(start),
        end=date.fromisoformat(end),
        interval=Interval(value, value),
        outlet="Outlet (mirror)",
        published=date.fromisoformat(end),
    )


def test_the_khorgos_chart_draws_all_exports_once_per_stretch_of_time_with_the_hired_drivers_in_front():
    story = _khorgos_story(
        [
            _vehicles("all-2023", lead_charts.ALL_EXPORTS, "2023-01-01", "2023-09-30", 180_000),
            _vehicles("hired-2025", lead_charts.HIRED_DRIVERS, "2025-01-01", "2025-06-30", 60_000),
        ],
        [
            _reference("full-2023", "2023-01-01", "2023-12-31", 300_000),  # overlaps the claim: left out
            _reference("early-2025", "2025-01-01", "2025-04-30", 120_000),
            _reference("elsewhere", "2024-01-01", "2024-12-31", 9, entity="port-b"),
        ],
    )
    rows = lead_charts.khorgos_rows(story)
    assert list(rows.source_id) == ["all-2023", "early-2025", "hired-2025"], "no two totals for one stretch of time"
    assert list(rows.measure) == [0, 0, 1], "the totals first, so the parts are drawn in front of them"
    share = lead_charts.hired_share(rows)
    assert share["whole"]["source_id"] == "early-2025", "compared with the total that overlaps it most"
    # 10,000 a month against 30,000 a month
    assert share["share"] == pytest.approx(100 * (60_000 / 6) / (120_000 / 4), rel=1e-3)
    no_total = _khorgos_story([_vehicles("hired", lead_charts.HIRED_DRIVERS, "2025-01-01", "2025-06-30", 1)], [])
    assert lead_charts.khorgos_rows(no_total).empty


def test_a_part_drawn_in_front_of_its_total_keeps_its_labels_apart_from_the_totals_on_every_drawing():
    """Hired drivers' bars stand in front of the grey totals: where a part's labels (its name and period, its value)
    would reach the total's value above it, they move into the part's own bar; no two labels touch."""
    day = pd.Timestamp
    periods = [
        charts.Period(day("2024-01-01"), day("2024-12-31"), 12_000, 12_000, "whole", "12,000", "Jan–Dec", name="all"),
        charts.Period(day("2025-01-01"), day("2025-04-30"), 11_000, 11_000, "whole", "11,000", "Jan–Apr"),
        # each part nearly as large as its total: above its bar, its labels would sit on the total's value
        charts.Period(
            day("2024-01-01"), day("2024-06-13"), 0, 11_500, "implied", "about 11,500", name="hired\n1 Jan–13 Jun"
        ),
        charts.Period(day("2025-01-01"), day("2025-06-13"), 10_400, 10_400, "reported", "10,400", name="1 Jan–13 Jun"),
    ]
    figures = []

    def keep(draw, chart, data, folder=None, **csv_words):
        for layout in charts.LAYOUTS:
            for theme in charts.THEMES:
                charts.apply_house_style(theme, layout)
                figures.append((layout.name, theme.name, draw(layout, theme)))

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(charts, "save", keep)
        charts.pace(periods, charts.Chart("t", "t", "s", "a", "c", "src"), pd.DataFrame())
    for layout, theme, figure in figures:
        assert not charts.text_overlaps(figure), (layout, theme, charts.text_overlaps(figure))
        plt.close(figure)


def test_every_khorgos_period_is_labelled_and_each_measure_named_once(state, monkeypatch):
    drawn = []
    monkeypatch.setattr(charts, "pace", lambda periods, chart, data, **csv: drawn.append(periods) or "")
    lead_charts.khorgos(port_pages.PortStory("khorgos", state))
    ((periods),) = drawn
    for period in periods:
        # a total's period under the axis, a part's with its value (under the axis it would meet its total's)
        said = period.note if period.kind == "whole" else period.name.split("\n")[-1]
        assert said.strip(), period
    names = [period.name.split("\n")[0] for period in periods if period.kind == "whole" and period.name]
    assert len(names) == 1, "all exports named once, on the first bar"


def test_the_reading_charts_put_the_reading_that_stands_last_and_name_it(state, monkeypatch):
    drawn = []
    monkeypatch.setattr(charts, "bars", lambda panels, chart, data: drawn.append(panels) or "")
    for port in ("baktu", "alashankou"):
        lead_charts.LEAD_CHARTS[port](port_pages.PortStory(port, state))
    garbled = [panel for panels in drawn for panel in panels if len(panel.bars) > 1]
    assert garbled, "the real book has garbled figures with several readings"
    for panel in garbled:
        labels = [bar.label for bar in panel.bars]
        answers = [bar for bar in panel.bars if "our reading" in bar.label]
        assert len(answers) <= 1 and all(bar.emphasis for bar in answers), labels
        if answers and "as printed" not in answers[0].label.lower():
            assert panel.bars[-1] is answers[0], f"the reading that stands comes last: {labels}"
        extent = panel.cut_at or max((bar.high or bar.low) for bar in panel.bars)
        for bar in answers:
            assert bar.low >= extent / 3, f"a reading ruled out shrinks the one that stands: {labels}"


def test_a_bar_longer_than_its_cut_axis_is_drawn_to_the_edge_with_its_value_inside():
    panel = charts.Panel(
        "Readings",
        (charts.Bar("huge (ruled out)", 1e6, None, "1,000,000", False), charts.Bar("ours", 10, None, "10")),
        20,
    )
    panel = charts.Panel(panel.heading, panel.bars, cut_at=20)
    figures = []

    def keep(draw, chart, data, folder=None, **csv_words):
        figures.append(draw(charts.WIDE, charts.LIGHT))

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(charts, "save", keep)
        charts.bars([panel], charts.Chart("t", "t", "s", "a", "c", "src"), pd.DataFrame())
    (figure,) = figures
    (axes,) = figure.axes
    assert axes.get_xlim()[1] == pytest.approx(20 * 1.005)
    widths = sorted(patch.get_width() for patch in axes.patches)
    assert widths == [10, 20], "the long bar stops at the axis's end"
    assert not charts.text_overlaps(figure)
    plt.close(figure)


FLAGSHIP_CHART = "reconcile-kashgar-cbz-trade-value-cny"


def test_the_kashgar_subtitle_says_which_reading_the_line_in_a_box_is(drawings, state):
    (chart,) = {c for c, *_ in drawings if c.name == FLAGSHIP_CHART}
    series = implied_series(state.claims, "kashgar-cbz", "trade_value_cny")
    marked = [p for p in lead_charts.flagship_periods(series, 2)[1] if p["marks"]]
    assert marked, "the real book's flagship has a period with both readings"
    for period in marked:
        for reading in period["marked"] + period["unmarked"]:
            assert reading in str(chart.subtitle), reading


@pytest.fixture(scope="module")
def chart_csvs(state):
    """Every chart's CSV as the book writes it, by chart name, twice over (no drawing)."""
    written = []
    for _ in range(2):
        tables = {}

        def save(draw, chart, data, folder=None, **csv):
            tables[chart.name] = charts.csv_table(data, **csv).to_csv(index=False, lineterminator="\n")
            return chart.html()

        make_every_chart(state, save)
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

    table = pd.read_csv(io.StringIO(chart_csvs[0][FLAGSHIP_CHART]))
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


def _classed_story(rows, entities):
    """A story with only what the classes chart reads: classified claims, entity names, no articles."""
    from types import SimpleNamespace

    claims = pd.DataFrame(
        [
            {
                "claim_id": claim_id,
                "article_id": "article-a",
                "published": "2023-11-04",
                "entity": entity,
                "metric": metric,
                "unit": unit,
                "figure": figure,
                "qualifier": "",
                "value_low": float(figure),
                "value_high": float(figure),
                "readings": json.dumps([{"label": "as printed", "low": float(figure), "high": float(figure)}]),
                "reading_count": 1,
                "period_start": "2023-01-01",
                "period_end": "2023-09-30",
                "period_phrase": "",
                "converts": converts,
                "indicator_class": indicator_class,
            }
            for claim_id, entity, metric, unit, figure, converts, indicator_class in rows
        ]
    )
    seeds = {"article-a": SimpleNamespace(outlet="Outlet A (mirror)", published=date(2023, 11, 4))}
    context = SimpleNamespace(entities=SimpleNamespace(table=pd.DataFrame({"name": entities})), seeds=seeds)
    return SimpleNamespace(port="port-a", info={"name": "Port A"}, claims=claims, context=context)


def test_the_classes_chart_counts_figures_by_their_curated_class_never_by_their_metric(monkeypatch):
    story = _classed_story(
        [
            ("trade", "zone", "trade_value_cny", "yuan", "100", "", "trade"),
            ("trade-usd", "zone", "trade_value_usd", "usd", "14", "trade", "trade"),  # the same sum: counted once
            ("rank", "zone", "rank", "rank", "3", "", "trade"),
            ("trucks", "city", "trucks", "trucks", "50", "", "channel"),
            # named like trade, classified as industry by the editors: the class decides
            ("plant-sales", "plant", "trade_value_cny", "yuan", "7", "", "industrial"),
            ("area", "zone", "area_m2", "m2", "9", "", "context"),
        ],
        {"zone": "The zone", "city": "The city", "plant": "A plant"},
    )
    drawn = []
    monkeypatch.setattr(charts, "bars", lambda panels, chart, data, **csv: drawn.append((panels, chart, data)) or "")
    lead_charts.figure_classes(story)
    ((panels, chart, data),) = drawn
    counted = {
        panel.heading.split(":")[0]: [(bar.label.split(":")[0], bar.low) for bar in panel.bars] for panel in panels
    }
    assert counted == {
        "What passes through": [("The city", 1)],
        "What is traded": [("The zone", 2)],
        "What is made or processed here": [("A plant", 1)],
    }
    assert {panel.cut_at for panel in panels} == {2}, "every panel counts figures: one scale"
    assert [bar.emphasis for panel in panels for bar in panel.bars] == [False, False, True]
    assert set(data.claim_id) == {"trade", "rank", "trucks", "plant-sales"}
    # the finding in the title, counted from the classes: three of trade or transit, one of industry
    assert str(chart.title).startswith("Three of Port A's four figures measure trade or goods passing through")
    assert "7 yuan" in str(chart.alt) and "A plant" in str(chart.alt), "alt text names the values"


def test_the_kashgar_chapter_chart_carries_the_chapter_finding_not_the_flagship_pace(drawings, state):
    charts_by_name = {chart.name: chart for chart, *_ in drawings}
    chapter, flagship = charts_by_name["port-kashgar-lead"], charts_by_name[FLAGSHIP_CHART]
    assert chapter.title != flagship.title, "the puzzle page keeps the pace chart; the chapter has its own"
    story = port_pages.PortStory("kashgar", state)
    made = lead_charts.class_counts(story)["industrial"]
    assert made and figures.count_words(made) in str(chapter.title)


def _readings_or_none(rule: str, figure: str, unit: str | None) -> tuple:
    from portbook.errors import RepairNotApplicable
    from portbook.numbers.repairs import apply_repair

    try:
        return apply_repair(rule, figure, unit).readings
    except RepairNotApplicable:
        return ()


def test_every_reading_a_repair_rule_names_has_words_for_readers():
    from portbook.numbers.repairs import REPAIRS
    from portbook.present.render import environment

    words = environment().get_template(lead_charts.WORDS).module.reading_words
    for rule in REPAIRS.values():
        if not rule.example:
            continue
        # an example is printed without its unit; the one rule about a unit needs the unit it repairs
        unit = "acres" if rule.name == "mu_as_acres" else None
        examples = (
            [rule.example, "1400,1", "<>"] if rule.name in ("garbled_grouping", "lost_digits") else [rule.example]
        )
        found = [r for example in examples for r in _readings_or_none(rule.name, example, unit)]
        for reading in found:
            label = reading.label
            if "times as much" in label:  # '5.8 times as much': already words, with the figure's own number
                continue
            assert label in words, f"{rule.name}: reading {label!r} has no words in {lead_charts.WORDS}"
            assert lead_charts.reading_name(label) == words[label]


def test_the_reading_charts_label_readings_in_words_not_the_repair_rules_names(state, monkeypatch):
    drawn = []
    monkeypatch.setattr(charts, "bars", lambda panels, chart, data: drawn.append((panels, data)) or "")
    lead_charts.baktu(port_pages.PortStory("baktu", state))
    ((panels, data),) = drawn
    labels = [bar.label for panel in panels for bar in panel.bars]
    for text in labels + list(data.reading):
        assert not re.search(r"<>|group|/", text), f"parser's words on a reader's chart: {text!r}"


def test_every_chart_csv_names_its_measures_in_words(chart_csvs):
    import io

    for name, text in chart_csvs[0].items():
        table = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
        for column in ("Measure", "Reading", "Reported or implied", "What it measures"):
            for cell in table.get(column, []):
                assert cell == "" or (re.search(r"[A-Za-z]{3}", cell) and "_" not in cell), (
                    f"{name}: {column} holds {cell!r}"
                )


@pytest.mark.parametrize(
    "low, high, label",
    [(33300, 36900, "about 35,100"), (21700, 21700, "21,700"), (937, 963, "950")],
)
def test_a_reported_bar_says_about_when_its_figure_spans_more_than_rounding(low, high, label):
    """A bar stands at the middle of its figure's span: a figure printed as 'about' (a tenth wide) says so, a figure
    known to its rounding does not."""
    from portbook.present.render import words

    period = {"kind": "reported", "low": low, "high": high, "sig": 3, "start": "", "end": ""}
    assert str(words("lead_charts.html.j2", "pace_value", period=period, scale="")) == label
