"""The book's charts and maps, in one house style, written as SVG with their data as CSV beside them.

In the manner of Our World in Data and the FT: the title states the finding and the subtitle the measure, unit and
period (both are HTML above the chart, from templates, so they reflow on a phone and follow the theme); values are
labelled on the marks; the source is printed under the chart, with a link to the chart's CSV.

Every chart is drawn four times, so that its text stays legible and its colours fit the page:

- two layouts: ``WIDE`` for screens wider than ``NARROW_MEDIA`` and ``NARROW``, drawn at a phone's column width
  with the same type sizes, so that no text is shrunk below 11 px on a 390 px phone (``<picture>`` picks one);
- two themes, ``LIGHT`` and ``DARK``, with the theme's own background and ink (the page shows the one that matches
  ``html[data-theme]``; see book/_static/portbook.css).

Okabe-Ito colours, safe for colour-blind readers; byte-stable SVG (a fixed hash salt, no date).
"""

from __future__ import annotations

import functools
import io
import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("svg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from markupsafe import Markup  # noqa: E402
from matplotlib.patches import PathPatch, Rectangle  # noqa: E402
from matplotlib.path import Path as MplPath  # noqa: E402

from portbook import atomic, paths  # noqa: E402
from portbook.ids import output_path  # noqa: E402
from portbook.present import figures, placement  # noqa: E402
from portbook.present.render import render  # noqa: E402

FIGURES_IN_PROJECT = Path("book/_generated_static/figures")
FIGURES = paths.DERIVED_ROOT / FIGURES_IN_PROJECT
# Pages live two folders deep (book/ports/x.html, book/generated/x.html); Sphinx copies the folder into _static.
FIGURE_URL = "../../_static/figures"
BORDERS = paths.DATA / "borders.geojson"
MAP_LABELS = paths.DATA / "map_labels.csv"
# the narrow drawing is shown up to this width (CSS media query of the <picture>'s <source>)
NARROW_MEDIA = "(max-width: 40em)"
PX_PER_POINT = 4 / 3  # an SVG's pt are CSS pixels x 4/3


@dataclass(frozen=True)
class Theme:
    """A page theme's colours for charts: background and ink from the book's theme, marks from Okabe-Ito."""

    name: str
    background: str
    ink: str  # text
    muted: str  # secondary text, axes
    grid: str
    accent: str  # the chart's main series
    second: str  # a second series
    # every fill a bar can have (accent, second, pale, pale_second, total) keeps 3:1 against the background (WCAG's
    # contrast for graphics), so that a tint is still a mark and not a shadow; text inside a pale bar is ink
    pale: str  # implied or secondary marks, a tint of the accent
    pale_second: str  # a tint of the second colour
    total: str  # a grey bar: a total that coloured parts are drawn in front of
    land: str  # neighbouring countries
    china: str  # the rest of China
    home: str  # Xinjiang
    border: str


LIGHT = Theme(
    "light",
    background="#ffffff",
    ink="#222832",
    muted="#545d6b",
    grid="#dfe3e8",
    accent="#0072B2",
    second="#C25400",
    pale="#4799c8",
    pale_second="#d17d3d",
    total="#8c929c",
    land="#f1f1ee",
    china="#e4e1d8",
    home="#f7e3c4",
    border="#8c8c8c",
)
DARK = Theme(
    "dark",
    background="#121212",
    # brighter than the page's text, so that a value written on a pale bar keeps 4.5:1 on it
    ink="#e3e8ec",
    muted="#a3acb8",
    grid="#2c343f",
    accent="#56B4E9",
    second="#E69F00",
    pale="#376986",
    pale_second="#825d08",
    total="#5f646a",
    land="#1d232b",
    china="#2a2f37",
    home="#4a3c26",
    border="#6c7888",
)
THEMES = (LIGHT, DARK)
INK = LIGHT.ink
MUTED = LIGHT.muted


@dataclass(frozen=True)
class Layout:
    """A drawing's width and type sizes: the same type sizes on every layout, so a narrow drawing is not shrunk text."""

    name: str
    width: float  # inches (72 pt, 96 CSS px)
    font: float  # labels, in pt (x 4/3 for CSS px)
    small: float  # the smallest text, in pt


WIDE = Layout("wide", 7.0, 10.0, 9.0)
NARROW = Layout("narrow", 3.6, 10.0, 9.0)
LAYOUTS = (WIDE, NARROW)


def apply_house_style(theme: Theme = LIGHT, layout: Layout = WIDE) -> None:
    """Set matplotlib to the book's house style for one theme and layout: fonts, colours, byte-stable SVG."""
    plt.rcParams.update(
        {
            "svg.hashsalt": "portbook",
            "svg.fonttype": "path",
            "font.family": "DejaVu Sans",
            "font.size": layout.font,
            "axes.titlesize": layout.font,
            "axes.titleweight": "bold",
            "axes.titlelocation": "left",
            "axes.edgecolor": theme.muted,
            "axes.labelcolor": theme.ink,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "xtick.color": theme.muted,
            "ytick.color": theme.muted,
            "xtick.labelcolor": theme.ink,
            "ytick.labelcolor": theme.ink,
            "xtick.labelsize": layout.small,
            "ytick.labelsize": layout.small,
            "text.color": theme.ink,
            "figure.facecolor": theme.background,
            "axes.facecolor": theme.background,
            "savefig.facecolor": theme.background,
            "legend.frameon": False,
            # labels come from tables and seeds: a '$' in a name is a dollar sign, never mathtext
            "text.parse_math": False,
        }
    )


# The chart font has no Chinese glyphs; the readings name the characters they are about.
CHINESE_UNITS = {"亿": "yi", "万": "wan", "亩": "mu"}


def latin(text: str) -> str:
    """A label the chart font can draw: the Chinese unit characters spelled in pinyin.

    >>> latin("亿 read as 100 million")
    'yi read as 100 million'
    """
    for character, pinyin in CHINESE_UNITS.items():
        text = text.replace(character, pinyin)
    return text


@dataclass(frozen=True)
class Chart:
    """One chart's words: its file stem, the title that states the finding, the subtitle (measure, unit, period),
    alt text with the finding and the values, a caption, and the source as outlet and date."""

    name: str  # file stem: book/_generated_static/figures/<name>-<layout>-<theme>.svg and <name>.csv
    title: str  # plain text or Markup from a words template
    subtitle: str
    alt: str
    caption: str
    source: str

    def html(self, sizes: dict | None = None) -> Markup:
        """The chart as a page shows it (templates/figure.html.j2): title, the drawing for the screen and theme, caption, source, CSV."""
        sizes = sizes or {layout.name: (0, 0) for layout in LAYOUTS}
        return render(
            "figure.html.j2",
            chart=self,
            url=FIGURE_URL,
            themes=[theme.name for theme in THEMES],
            sizes=sizes,
            narrow_media=NARROW_MEDIA,
        )


def variant_name(name: str, layout: Layout, theme: Theme) -> str:
    """The file name of one drawing of a chart."""
    return f"{name}-{layout.name}-{theme.name}.svg"


Draw = Callable[[Layout, Theme], "plt.Figure"]


# ---------------------------------------------------------------------------------------------------------------
# A chart's data as readers download it: each column named in words, with the unit when every row shares one, and
# each value a plain number (no separators, no scale word) with the digits its source supports. A column not named
# here keeps its name, in words. {what}: what the chart measures ('Trade'), 'Value' unless a chart says; {unit}: ', yuan'.

CSV_COLUMNS = {
    "segment": "Period",
    "period_start": "Period start",
    "period_end": "Period end",
    "months": "Months",
    "low": "{what} in the period{unit} (low)",
    "high": "{what} in the period{unit} (high)",
    "per_month_low": "{what} per month{unit} (low)",
    "per_month_high": "{what} per month{unit} (high)",
    "value": "{what}{unit}",
    "value_low": "{what}{unit} (low)",
    "value_high": "{what}{unit} (high)",
    "reading": "Reading",
    "source": "Reported or implied",
    "measure": "Measure",
    "unit": "Unit",
    "claim_id": "Claim id",
    "claim_ids": "Claim ids",
    "entity": "Entity id",
    "metric": "Metric id",
    "formula": "Arithmetic",
    "port": "Port",
    "place": "Place",
    "latitude": "Latitude, degrees north",
    "longitude": "Longitude, degrees east",
    "neighbour": "Country across the border",
    "location_source": "Where the coordinates come from",
    "indicator_class": "What it measures",
    "about": "Place or firm",
    "channel": "Figures of what passes through",
    "industrial": "Figures of what is made or processed",
    "trade": "Trade figures",
    "context": "Context figures",
}
CSV_RANGES = (("low", "high"), ("per_month_low", "per_month_high"), ("value_low", "value_high"))
CSV_UNIT_WORDS = {"usd": "US dollars", "m2": "square metres"}
# the ends of a closed range keep three digits at least, so that its width shows (as reconcile.intervals writes
# ranges), and more where the range is narrow: rounding moves an end by a tenth of its width at most
RANGE_DIGITS = 3


def range_digits(low: float, high: float, sig: int) -> int:
    """The significant digits a closed range's ends keep: ``sig`` and at least ``RANGE_DIGITS``, and enough that
    rounding them outward widens the range by a tenth of its width at most.

    >>> range_digits(3.65e9, 3.75e9, 2), range_digits(16_000_000, 16_000_999, 2), range_digits(1, 1, 2)
    (3, 7, 3)
    """
    ends = max(sig, RANGE_DIGITS)
    width = abs(high - low)
    while width and 10.0 ** (math.floor(math.log10(abs(high))) - ends + 1) > width / 10 and ends < 15:
        ends += 1
    return ends


def _csv_range(low, high, sig: int | None) -> tuple[str, str]:
    """A range's ends for the CSV: a point to ``sig`` digits; a closed range's ends to ``range_digits``, rounded
    outward so that it still holds what it held; an open end ('at most', 0 below it) to ``sig``, rounded away from
    what it excludes."""
    if sig is None:
        return figures.csv_number(low), figures.csv_number(high)
    low_known, high_known = not pd.isna(low), not pd.isna(high)
    if low_known and high_known and math.isclose(low, high, rel_tol=1e-12):
        return figures.csv_number(low, sig), figures.csv_number(high, sig)
    if low_known and high_known and low > 0:
        ends = range_digits(low, high, sig)
        return figures.csv_number(low, ends, "down"), figures.csv_number(high, ends, "up")
    if high_known:
        return figures.csv_number(low), figures.csv_number(high, sig, "up")
    return figures.csv_number(low, sig, "down"), ""


def csv_table(data: pd.DataFrame, digits: int | None = None, what: str = "", unit: str | None = None) -> pd.DataFrame:
    """A chart's data for its CSV (``CSV_COLUMNS``): headers in words, values rounded to ``digits`` significant
    digits, or to each row's own where the data has a ``digits`` column (not written), every digit where neither
    says; ``unit`` (or a ``unit`` column every row shares) goes into the headers of the values.

    >>> data = pd.DataFrame({"period_start": ["2021-01-01"], "low": [0.0], "high": [663793103.45], "digits": [2]})
    >>> print(csv_table(data, what="trade", unit="yuan").to_csv(index=False), end="")
    Period start,"Trade in the period, yuan (low)","Trade in the period, yuan (high)"
    2021-01-01,0,670000000
    """
    table = data.copy()
    row_digits = table.pop("digits") if "digits" in table else pd.Series([digits] * len(table), index=table.index)
    row_digits = [None if pd.isna(d) else int(d) for d in row_digits]
    if unit is None and "unit" in table and table["unit"].nunique() == 1:
        unit = str(table.pop("unit").iloc[0])
    ranged = set()
    for low_column, high_column in CSV_RANGES:
        if low_column in table and high_column in table:
            ends = [_csv_range(lo, hi, d) for lo, hi, d in zip(table[low_column], table[high_column], row_digits)]
            table[low_column] = [low for low, _ in ends]
            table[high_column] = [high for _, high in ends]
            ranged |= {low_column, high_column}
    for column in table.columns:
        if column in ranged or not pd.api.types.is_numeric_dtype(table[column]):
            continue
        rounded = column in CSV_COLUMNS and "{what}" in CSV_COLUMNS[column]
        table[column] = [figures.csv_number(v, d if rounded else None) for v, d in zip(table[column], row_digits)]
    what = what[:1].upper() + what[1:] if what else "Value"
    unit_words = f", {CSV_UNIT_WORDS.get(unit, unit)}" if unit else ""
    headers = {c: CSV_COLUMNS.get(c, c.replace("_", " ").capitalize()) for c in table.columns}
    return table.rename(columns={c: h.format(what=what, unit=unit_words) for c, h in headers.items()})


def save(
    draw: Draw,
    chart: Chart,
    data: pd.DataFrame,
    folder: Path = FIGURES,
    *,
    digits: int | None = None,
    what: str = "",
    unit: str | None = None,
) -> Markup:
    """Draw the chart in every layout and theme, write the SVGs and the CSV (``csv_table``: ``digits``, ``what``
    and ``unit`` say how) atomically; return the figure's HTML."""
    sizes = {}
    for layout in LAYOUTS:
        for theme in THEMES:
            apply_house_style(theme, layout)
            figure = draw(layout, theme)
            width, height = figure.get_size_inches()
            sizes[layout.name] = (round(width * 72 * PX_PER_POINT), round(height * 72 * PX_PER_POINT))
            buffer = io.BytesIO()
            figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": "portbook"})
            plt.close(figure)
            atomic.write_bytes(
                output_path(folder, f"{chart.name}-{layout.name}-{theme.name}", ".svg"), buffer.getvalue()
            )
    atomic.write_csv(output_path(folder, chart.name, ".csv"), csv_table(data, digits, what, unit))
    return chart.html(sizes)


def text_overlaps(figure, margin: float = 0.5) -> list[tuple[str, str]]:
    """Pairs of visible texts whose drawn boxes overlap, and texts that stick out of the figure (paired with '')."""
    figure.draw_without_rendering()  # lays the figure out as saving it does
    renderer = figure._get_renderer()
    # tick labels outside an axis's view are kept by matplotlib but never drawn
    undrawn = set()
    for axes in figure.axes:
        for axis in (axes.xaxis, axes.yaxis):
            low, high = sorted(axis.get_view_interval())
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                if not low - 1e-9 <= tick.get_loc() <= high + 1e-9:
                    undrawn.update({id(tick.label1), id(tick.label2)})
    boxes = []
    for text in figure.findobj(matplotlib.text.Text):
        if not text.get_visible() or not text.get_text().strip() or id(text) in undrawn:
            continue
        box = text.get_window_extent(renderer)
        if box.width > 0 and box.height > 0:
            boxes.append((text.get_text(), box))
    width, height = figure.bbox.width, figure.bbox.height
    found = []
    for index, (label, box) in enumerate(boxes):
        if box.x0 < -margin or box.y0 < -margin or box.x1 > width + margin or box.y1 > height + margin:
            found.append((label, ""))
        for other, other_box in boxes[index + 1 :]:
            if box.x0 + margin < other_box.x1 and other_box.x0 + margin < box.x1:
                if box.y0 + margin < other_box.y1 and other_box.y0 + margin < box.y1:
                    found.append((label, other))
    return found


def _bare_axes(axes, theme: Theme) -> None:
    """No frame, no ticks: values are labelled on the marks."""
    for spine in axes.spines.values():
        spine.set_visible(False)
    axes.set_xticks([])
    axes.set_yticks([])
    axes.set_facecolor(theme.background)


# ---------------------------------------------------------------------------------------------------------------
# Bars: one panel per measure, one bar per figure or reading, its label above it and its value at its end.


@dataclass(frozen=True)
class Bar:
    """One bar: what it is (label), its value (low; high, or None when open: 'more than'), and its value in words."""

    label: str
    low: float
    high: float | None
    value_label: str
    emphasis: bool = True  # drawn in the accent colour; False: pale (a reading ruled out, or one of several)
    # what the bar counts or holds, in muted type under its label; on the phone's drawing ``narrow_detail`` when
    # given (a shorter wording that fits the narrow column)
    detail: str = ""
    narrow_detail: str | None = None

    def detail_for(self, layout: Layout) -> str:
        """What the bar counts, as the drawing of this layout shows it."""
        return self.narrow_detail if layout is NARROW and self.narrow_detail is not None else self.detail


@dataclass(frozen=True)
class Panel:
    """Bars that share one axis: one measure, one unit, one period (its heading says which)."""

    heading: str
    bars: tuple
    whole: float | None = None  # draw a faint track to this value (100 for percentages of a whole)
    # the axis ends here; a longer bar is cut, with a break drawn near its end. So that a reading many times larger
    # than the one that stands (a misread digit group) does not shrink that one to a sliver.
    cut_at: float | None = None


def wrap(text: str, layout: Layout, size: float | None = None) -> str:
    """A label broken into lines that fit the drawing's width (DejaVu Sans averages about 0.6 em a character)."""
    import textwrap

    characters = int(layout.width * 72 / ((size or layout.small) * 0.62))
    return "\n".join(textwrap.wrap(text, characters)) or text


def bars(
    panels: list[Panel],
    chart: Chart,
    data: pd.DataFrame,
    *,
    digits: int | None = None,
    what: str = "",
    unit: str | None = None,
) -> Markup:
    """Horizontal bars in panels, each panel its own axis (different measures never share one without a heading);
    ``digits``, ``what`` and ``unit`` say how its CSV is written (``csv_table``)."""

    def draw(layout: Layout, theme: Theme):
        line = layout.small * 1.25 / 72  # inches per line of text
        # each panel: its heading's lines, then per bar its label's lines and the bar; in units of one text line
        plan = []
        for panel in panels:
            heading = wrap(panel.heading, layout, layout.font)
            labels = [wrap(bar.label, layout) for bar in panel.bars]
            details = [wrap(bar.detail_for(layout), layout) if bar.detail_for(layout) else "" for bar in panel.bars]
            rows, y = [], heading.count("\n") + 1 + 0.5
            for label, detail in zip(labels, details, strict=True):
                lines = label.count("\n") + 1
                detail_lines = detail.count("\n") + 1 if detail else 0
                rows.append((y, label, y + lines + 0.05, detail, y + lines + detail_lines * 1.05 + 0.15))
                y += lines + detail_lines * 1.05 + 0.15 + 1.2 + 0.55
            plan.append((heading, rows, y + 0.3))
        height = sum(total for _, _, total in plan) * line
        figure = plt.figure(figsize=(layout.width, height))
        top = 1.0
        for panel, (heading, rows, total) in zip(panels, plan, strict=True):
            axes = figure.add_axes((0.0, top - total * line / height, 1.0, total * line / height))
            top -= total * line / height
            _bare_axes(axes, theme)
            extent = panel.cut_at or (
                max([panel.whole or 0] + [b.low for b in panel.bars] + [b.high or 0 for b in panel.bars]) or 1.0
            )
            axes.set_xlim(-extent * 0.005, extent * 1.005)
            axes.set_ylim(total, 0)
            axes.text(0, 0.1, heading, fontsize=layout.font, fontweight="bold", va="top", color=theme.ink)
            for bar, (label_y, label, detail_y, detail, bar_y) in zip(panel.bars, rows, strict=True):
                colour = theme.accent if bar.emphasis else theme.pale
                if panel.whole:
                    axes.add_patch(Rectangle((0, bar_y), panel.whole, 1.2, color=theme.grid, linewidth=0))
                ranged = bar.high is not None and bar.high > bar.low
                value = (bar.low + bar.high) / 2 if ranged else bar.low
                # a bar too short to see is drawn a pixel or two wide, so that no figure vanishes
                shown = min(max(value, extent * 0.006), extent)
                # a pale bar keeps an outline in the accent colour, so that it stands out from the track (3:1)
                axes.add_patch(
                    Rectangle(
                        (0, bar_y),
                        shown,
                        1.2,
                        facecolor=colour,
                        edgecolor=theme.accent,
                        linewidth=0 if bar.emphasis else 0.8,
                    )
                )
                if value > extent:
                    # a break: two slanted gaps in the page colour, the bar's value written inside it
                    for offset in (0.06, 0.075):
                        axes.plot(
                            [extent * (1 - offset) - extent * 0.006, extent * (1 - offset) + extent * 0.006],
                            [bar_y + 1.35, bar_y - 0.15],
                            color=theme.background,
                            linewidth=2.2,
                            solid_capstyle="butt",
                        )
                axes.text(0, label_y, label, fontsize=layout.small, va="top", color=theme.ink, linespacing=1.05)
                if detail:
                    axes.text(0, detail_y, detail, fontsize=layout.small, va="top", color=theme.muted, linespacing=1.05)
                inside = shown / extent > 0.6
                axes.text(
                    shown - extent * (0.1 if value > extent else 0.01) if inside else shown + extent * 0.012,
                    bar_y + 0.62,
                    bar.value_label,
                    fontsize=layout.small,
                    fontweight="bold",
                    va="center",
                    ha="right" if inside else "left",
                    color=(theme.background if bar.emphasis else theme.ink) if inside else theme.ink,
                )
        return figure

    return save(draw, chart, data, digits=digits, what=what, unit=unit)


# ---------------------------------------------------------------------------------------------------------------
# Pace: a flow per month, each period drawn at its place in time.


@dataclass(frozen=True)
class Period:
    """One period's pace: where it lies in time, its value per month (a range when uncertain) and how it is known.

    kind: 'reported' (a solid bar to the middle of the rounding interval), 'implied' (a pale bar; low 0 means
    'at most high'), 'range' (a pale box from low to high), 'average' (a dashed line across the period) or 'whole'
    (a grey bar: a total that the coloured periods drawn after it are parts of).
    marks: other values drawn as ticks inside the bar (the other reading's end).
    """

    start: pd.Timestamp
    end: pd.Timestamp  # inclusive
    low: float
    high: float
    kind: str
    value_label: str
    note: str = ""
    marks: tuple = ()
    series: int = 0  # 0: the accent colour, 1: the second colour (another measure, said in the subtitle)
    name: str = ""  # what the bar measures, above its value, when the chart has more than one measure


def pace(
    periods: list[Period],
    chart: Chart,
    data: pd.DataFrame,
    scale: float = 1.0,
    *,
    digits: int | None = None,
    what: str = "",
    unit: str | None = None,
) -> Markup:
    """Average per month by period on a time axis: bars where reported, pale bars or boxes where implied;
    ``digits``, ``what`` and ``unit`` say how its CSV is written (``csv_table``)."""

    def draw(layout: Layout, theme: Theme):
        height = 3.9 if layout is WIDE else 4.4
        figure, axes = plt.subplots(figsize=(layout.width, height), layout="constrained")
        top = max(p.high for p in periods) / scale
        parts = []  # the labels of bars drawn in front of a total: (their texts, the bar's top)
        for period in periods:
            # a part drawn in front of a grey total: its labels lie on the total, so they get the page's colour
            # behind them, and move into their own bar where they would crowd the total's
            in_front = period.kind != "whole" and any(
                other.kind == "whole" and other.start <= period.end and period.start <= other.end for other in periods
            )
            behind = (
                {"bbox": {"boxstyle": "square,pad=0.15", "facecolor": theme.background, "edgecolor": "none"}}
                if in_front
                else {}
            )
            x0 = mdates.date2num(period.start)
            x1 = mdates.date2num(period.end + pd.Timedelta(days=1))
            gap = (x1 - x0) * 0.04
            left, width = x0 + gap, (x1 - x0) - 2 * gap
            low, high = period.low / scale, period.high / scale
            colour = theme.accent if period.series == 0 else theme.second
            label_at = high
            if period.kind == "reported":
                middle = (low + high) / 2
                axes.add_patch(Rectangle((left, 0), width, middle, facecolor=colour, linewidth=0))
                label_at = middle
            elif period.kind == "whole":
                # a total that coloured parts are drawn in front of
                middle = (low + high) / 2
                axes.add_patch(Rectangle((left, 0), width, middle, facecolor=theme.total, linewidth=0))
                label_at = middle
            elif period.kind == "average":
                middle = (low + high) / 2
                axes.plot([x0, x1], [middle, middle], color=theme.ink, linewidth=1.3, linestyle=(0, (4, 2)))
                label_at = middle
            else:
                bottom = low if period.kind == "range" else 0
                axes.add_patch(
                    Rectangle(
                        (left, bottom),
                        width,
                        max(high - bottom, top * 0.006),
                        facecolor=theme.pale if period.series == 0 else theme.pale_second,
                        edgecolor=colour,
                        linewidth=1.2,
                    )
                )
            for mark in period.marks:
                axes.plot([left, left + width], [mark / scale] * 2, color=colour, linewidth=1)
            if period.kind == "average":
                # under the line, ending where the period ends: clear of the bars' labels above them
                axes.annotate(
                    period.value_label,
                    (x1, label_at),
                    xytext=(-2, -3),
                    textcoords="offset points",
                    ha="right",
                    va="top",
                    fontsize=layout.small,
                    color=theme.ink,
                )
            else:
                texts = []
                if period.name:
                    named = axes.annotate(
                        period.name,
                        ((x0 + x1) / 2, label_at),
                        xytext=(0, 4 + layout.small * 1.3),
                        textcoords="offset points",
                        ha="center",
                        va="bottom",
                        fontsize=layout.small,
                        color=theme.muted,
                        **behind,
                    )
                    texts.append(named)
                value = axes.annotate(
                    period.value_label,
                    ((x0 + x1) / 2, label_at),
                    xytext=(0, 3),
                    textcoords="offset points",
                    ha="center",
                    va="bottom",
                    fontsize=layout.small,
                    fontweight="bold",
                    color=theme.ink,
                    **behind,
                )
                texts.append(value)
                if in_front:
                    parts.append(texts)
            if period.note:
                # the period's name under the axis, above the years
                axes.annotate(
                    period.note,
                    ((x0 + x1) / 2, 0),
                    xycoords=("data", "axes fraction"),
                    xytext=(0, -4),
                    textcoords="offset points",
                    ha="center",
                    va="top",
                    fontsize=layout.small,
                    color=theme.muted,
                )
        start = min(p.start for p in periods)
        end = max(p.end for p in periods) + pd.Timedelta(days=1)
        view = (mdates.date2num(start) - 10, mdates.date2num(end) + 10)
        years = list(range(start.year, (end - pd.Timedelta(days=1)).year + 1))
        # ticks at the years' edges; each year's label in the middle of its visible part, under the periods' names
        edges = [mdates.date2num(pd.Timestamp(year, 1, 1)) for year in [*years, years[-1] + 1]]
        axes.set_xticks([edge for edge in edges if view[0] <= edge <= view[1]], [])
        # pointing up into the plot: a tick below the axis cut through the period names at years' edges
        axes.tick_params(axis="x", which="major", length=5, direction="in")
        row = 4 + layout.small * 1.35 if any(p.note for p in periods) else 3
        for year in years:
            left = max(mdates.date2num(pd.Timestamp(year, 1, 1)), view[0])
            right = min(mdates.date2num(pd.Timestamp(year + 1, 1, 1)), view[1])
            axes.annotate(
                str(year),
                ((left + right) / 2, 0),
                xycoords=("data", "axes fraction"),
                xytext=(0, -row),
                textcoords="offset points",
                ha="center",
                va="top",
                fontsize=layout.small,
                fontweight="bold",
                color=theme.ink,
            )
        axes.set_xlim(*view)
        axes.set_ylim(0, top * (1.3 if any(p.name for p in periods) else 1.22))
        axes.spines["left"].set_visible(False)
        axes.tick_params(axis="y", length=0)
        axes.yaxis.grid(True, color=theme.grid, linewidth=0.8)
        axes.set_axisbelow(True)
        axes.yaxis.set_major_locator(matplotlib.ticker.MaxNLocator(4 if layout is WIDE else 3))
        axes.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: figures.number(v, "", 3)))
        if parts:
            _keep_parts_apart(figure, axes, parts, layout)
        return figure

    return save(draw, chart, data, digits=digits, what=what, unit=unit)


def _keep_parts_apart(figure, axes, parts: list[list], layout: Layout) -> None:
    """Move the labels of a part (value, then name) that touch another text down into the part's own bar, under its
    top: above it they would crowd the label of the total it stands in front of."""
    figure.draw_without_rendering()
    renderer = figure._get_renderer()
    mine = {id(text) for texts in parts for text in texts}
    others = [
        text.get_window_extent(renderer).expanded(1.0, 1.15)
        for text in axes.texts
        if id(text) not in mine and text.get_visible() and text.get_text().strip()
    ]
    for texts in parts:
        boxes = [text.get_window_extent(renderer) for text in texts]
        if not any(box.overlaps(other) for box in boxes for other in others):
            continue
        offset = -3.0
        for text in texts:
            text.xyann = (0, offset)
            text.set_verticalalignment("top")
            offset -= (text.get_text().count("\n") + 1) * layout.small * 1.25 + 1


# ---------------------------------------------------------------------------------------------------------------
# Maps: borders from data/borders.geojson (derived from gmt-dcw by scripts/derive_borders.py), ports from
# data/port_locations.csv, country names placed by hand in data/map_labels.csv.

# west, east, south, north of the drawn area, by layout
MAP_FRAMES = {"wide": (66.0, 97.5, 33.0, 51.0), "narrow": (70.5, 90.5, 34.5, 49.8)}


def load_borders(path: Path = BORDERS) -> dict:
    """The map's borders (a GeoJSON FeatureCollection with its source and licence), read once per call."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def polygon_path(coordinates: list) -> MplPath:
    """A GeoJSON MultiPolygon's rings as one matplotlib path (longitude, latitude).

    >>> polygon_path([[[[0, 0], [1, 0], [1, 1], [0, 0]]]]).vertices.tolist()
    [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]]
    """
    vertices, codes = [], []
    for polygon in coordinates:
        for ring in polygon:
            vertices += ring
            codes += [MplPath.MOVETO] + [MplPath.LINETO] * (len(ring) - 2) + [MplPath.CLOSEPOLY]
    return MplPath(vertices, codes)


# where a place's name sits beside its dot, in points, and how it aligns there, by the label side of
# data/port_locations.csv: the maps draw names so, and a locator keeps other names clear of them so
PLACE_NAME_OFFSETS = {"left": (-6, 0), "right": (6, 0), "above": (0, 5), "below": (0, -5)}
PLACE_NAME_ALIGNMENT = {
    "left": ("right", "center"),
    "right": ("left", "center"),
    "above": ("center", "bottom"),
    "below": ("center", "top"),
}
# how a place is marked, by its kind (data/port_locations.csv, column 'kind'): a crossing on the border a filled dot,
# an inland place a hollow square. The shapes differ, so that the key under the map does not rest on colour
PLACE_MARKERS = {"crossing": "o", "inland": "s"}
KEY_HEIGHT = 0.3  # inches: the strip under a map that holds its key, clear of the map
# a chapter's locator: degrees of longitude and latitude either side of its port, by layout
ZOOM = {"wide": (7.0, 3.0), "narrow": (4.0, 3.0)}
KM_PER_DEGREE = 111.32  # along a meridian; along a parallel, times the cosine of the latitude
HOME = "CNXJ"  # Xinjiang, the region the maps are about
# a country on Xinjiang's border that covers at least this share of a locator's frame is named on it: when it has no
# room for its name, the frame shrinks away from it or grows towards it by these steps (degrees) until it has, so
# that no neighbour a reader sees goes unnamed
NAME_SHARE = 0.02
LARGE_SHARE = 0.05  # and any other country that covers this share of it
GROWTH = (0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0)
SHRINK = (0.5, 1.0)  # and first these, away from it: a sliver at the frame's edge may leave it
# the inset (the whole region, the locator's frame drawn on it): its width as a share of the drawing's. On a wide
# drawing it sits in a corner of the map; on a narrow one no corner is free of names (the Pamir's Wakhan corridor
# under it went unnamed), so it sits under the map, beside the key
INSET_WIDTH = {"wide": 0.3, "narrow": 0.42}
INSET_GAP = 0.08  # inches between the map and an inset drawn under it
# the scale bar's length: the longest of these distances (km) within a fifth of the frame's width
SCALE_KM = (50, 100, 200, 250, 500, 1000)


@functools.lru_cache(maxsize=4096)
def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width in points of a line of text as the charts draw it (DejaVu Sans), as matplotlib lays it out."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    font = FontProperties(family="DejaVu Sans", weight="bold" if bold else "normal", size=size)
    width, _, _ = TextToPath().get_text_width_height_descent(text, font, ismath=False)
    return float(width)


def wrap_to(text: str, width_pt: float, size: float) -> list[str]:
    """The text broken at spaces into lines no wider than ``width_pt`` points (a longer word keeps a line)."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", size) <= width_pt:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


def scale_km(frame: tuple[float, ...]) -> tuple[int, float]:
    """The scale bar for a frame: its round distance in km and its length in degrees of longitude, measured along
    the frame's middle parallel.

    >>> km, length = scale_km((70.0, 80.0, 35.0, 45.0))
    >>> km, round(length, 2)
    (100, 1.17)
    """
    west, east, south, north = frame
    km_per_lon = KM_PER_DEGREE * math.cos(math.radians((south + north) / 2))
    fits = [km for km in SCALE_KM if km <= (east - west) * km_per_lon / 5]
    km = fits[-1] if fits else SCALE_KM[0]
    return km, km / km_per_lon


def zoom_frame(places: pd.DataFrame, layout: Layout, others: pd.DataFrame | None = None) -> tuple[float, ...]:
    """West, east, south, north of a frame around these places, wide enough to hold them all with room, and the
    nearest of the ``others`` when none is in it: an inland port is shown against a crossing, not alone in a shaded
    field, and two neighbouring crossings keep frames of their own."""
    frame = _frame_around(places, layout)
    if others is not None and len(others):
        west, east, south, north = frame
        inside = others.longitude.between(west, east) & others.latitude.between(south, north)
        if not inside.any():
            centre = (places.longitude.mean(), places.latitude.mean())
            distance = (others.longitude - centre[0]) ** 2 + (others.latitude - centre[1]) ** 2
            frame = _frame_around(pd.concat([places, others.loc[[distance.idxmin()]]]), layout)
    return frame


def _frame_around(places: pd.DataFrame, layout: Layout) -> tuple[float, float, float, float]:
    half_lon, half_lat = ZOOM[layout.name]
    west, east = places.longitude.min(), places.longitude.max()
    south, north = places.latitude.min(), places.latitude.max()
    half_lon = max(half_lon, (east - west) / 2 + 2.0)
    half_lat = max(half_lat, (north - south) / 2 + 1.2)
    centre_lon, centre_lat = (west + east) / 2, (south + north) / 2
    return centre_lon - half_lon, centre_lon + half_lon, centre_lat - half_lat, centre_lat + half_lat


def _corners_by_distance(frame, places: pd.DataFrame) -> list[str]:
    """The frame's corners ('upper right', ...), farthest from the places first: where the inset and scale go."""
    west, east, south, north = frame
    corners = {"upper left": (west, north), "upper right": (east, north), "lower left": (west, south)}
    corners["lower right"] = (east, south)
    centre = (places.longitude.mean(), places.latitude.mean())
    return sorted(corners, key=lambda c: -math.hypot(corners[c][0] - centre[0], corners[c][1] - centre[1]))


def bordering(paths_by_code: dict[str, MplPath], home: str = HOME, within: float = 0.1) -> set[str]:
    """The codes of the areas that share a border with ``home`` (Xinjiang): an outline point of theirs lies
    within ``within`` degrees of one of its outline."""
    outline = placement.border_points(paths_by_code[home], step=within)
    found = set()
    for code, path in paths_by_code.items():
        if code == home:
            continue
        points = placement.border_points(path, step=within)
        near = (np.abs(points[:, None, 0] - outline[None, :, 0]) < within) & (
            np.abs(points[:, None, 1] - outline[None, :, 1]) < within
        )
        if near.any():
            found.add(code)
    return found


def country_shares(paths_by_code: dict[str, MplPath], frame) -> dict[str, tuple[float, tuple[float, float]]]:
    """The share of the frame each area covers (on a grid of 60 by 40 points), and the middle of its part of it
    (mean longitude and latitude), for the areas that show in it."""
    west, east, south, north = frame
    grid = np.array([(x, y) for x in np.linspace(west, east, 60) for y in np.linspace(south, north, 40)])
    shares = {}
    for code, path in paths_by_code.items():
        inside = path.contains_points(grid)
        if inside.any():
            shares[code] = (float(inside.mean()), tuple(float(v) for v in grid[inside].mean(axis=0)))
    return shares


def country_name_size(text: str, size: float, bold: bool) -> tuple[float, float]:
    """Half-width and half-height in points of the box a locator keeps for a country's name (upper case DejaVu Sans
    averages about 0.66 em a letter, 0.72 em in bold; a little room either side)."""
    return (len(text) * size * (0.72 if bold else 0.66) + 4) / 2, size * 0.8


def locator_map(
    locations: pd.DataFrame,
    labels: pd.DataFrame,
    borders: dict,
    chart: Chart,
    highlight: str | None = None,
    key: dict[str, str] | None = None,
    inset_label: str = "",
) -> Markup:
    """Xinjiang, the rest of China and the countries around it, with the ports marked and labelled, and a scale bar.

    A crossing on the border is marked with a dot, an inland place with a hollow square (``PLACE_MARKERS``); ``key``
    (kind: words) explains the marks of the kinds on the map in a strip under it.

    With ``highlight`` (a port id with places), the map is framed on that port: its places marked large and named,
    the country it opens onto named in bold, the other ports small and unnamed, and an inset of the whole region
    with the frame drawn on it, headed by ``inset_label``, so that no two chapters show the same map. The frame
    grows until every country that covers ``NAME_SHARE`` of it has room for its name. On a wide drawing the inset
    goes in the corner that hides no place and no country's name, covers least of the countries the port opens
    onto, and is farthest from the port; on a narrow one, under the map beside the key. Without ``highlight``, the
    whole region with every port named (the overview, and a chapter about the region as a whole).
    """
    features = {feature["properties"]["code"]: feature for feature in borders["features"]}
    paths_by_code = {code: polygon_path(feature["geometry"]["coordinates"]) for code, feature in features.items()}
    mine = locations[locations.port == highlight] if highlight else locations.iloc[0:0]
    names = dict(zip(labels.code, labels.name))
    for code, feature in features.items():
        names.setdefault(code, feature["properties"].get("dcw_name", code))
    around = bordering(paths_by_code) if len(mine) else set()

    def inset_region(frame) -> tuple[float, float, float, float]:
        """What an inset shows: the region as the narrow overview frames it, widened to hold the frame it locates."""
        west, east, south, north = MAP_FRAMES["narrow"]
        return (
            min(west, frame[0] - 0.5),
            max(east, frame[1] + 0.5),
            min(south, frame[2] - 0.5),
            max(north, frame[3] + 0.5),
        )

    def country_fills(axes, theme: Theme) -> None:
        fills = {"CN": theme.china, HOME: theme.home}
        for code, path in paths_by_code.items():
            axes.add_patch(
                PathPatch(
                    path,
                    facecolor=fills.get(code, theme.land),
                    edgecolor=theme.border,
                    linewidth=0.6 if code != HOME else 0.9,
                )
            )

    def map_height(layout: Layout, frame) -> float:
        """The map's height in inches at the layout's width, latitude stretched as drawn."""
        west, east, south, north = frame
        return layout.width * (north - south) / math.cos(math.radians((south + north) / 2)) / (east - west)

    def map_figure(layout: Layout, frame, theme: Theme, strip: float):
        """A figure for the frame at the layout's width, the map above and a strip of ``strip`` inches under it."""
        height = map_height(layout, frame)
        figure = plt.figure(figsize=(layout.width, height + strip))
        axes = frame_axes(figure, frame, theme, (0, strip / (height + strip), 1, height / (height + strip)))
        return figure, axes, height

    def frame_axes(figure, frame, theme: Theme, box=(0, 0, 1, 1)):
        west, east, south, north = frame
        axes = figure.add_axes(box)
        _bare_axes(axes, theme)
        axes.set_aspect(1 / math.cos(math.radians((south + north) / 2)))
        axes.set_xlim(west, east)
        axes.set_ylim(south, north)
        return axes

    def inset_size(layout: Layout, frame) -> tuple[float, float, float, list[str]]:
        """The inset locating ``frame``: its width, height and heading band's height in inches, and its heading's
        lines."""
        width = INSET_WIDTH[layout.name] * layout.width
        lines = wrap_to(inset_label, width * 72 - 8, layout.small) if inset_label else []
        band = (len(lines) * layout.small * 1.2 + 6) / 72 if lines else 0.0
        return width, map_height(Layout("inset", width, 0, 0), inset_region(frame)) + band, band, lines

    def draw_inset(figure, box, frame, layout: Layout, theme: Theme) -> None:
        """The whole region with the frame drawn on it, in ``box`` (figure fractions), its heading on a band on top."""
        width, height, band, lines = inset_size(layout, frame)
        west, east, south, north = inset_region(frame)
        band_degrees = band / (height - band) * (north - south)
        inset = figure.add_axes(box)
        _bare_axes(inset, theme)
        inset.set_xlim(west, east)
        inset.set_ylim(south, north + band_degrees)
        country_fills(inset, theme)
        frame_west, frame_east, frame_south, frame_north = frame
        inset.add_patch(
            Rectangle(
                (frame_west, frame_south),
                frame_east - frame_west,
                frame_north - frame_south,
                fill=False,
                edgecolor=theme.ink,
                linewidth=1.2,
            )
        )
        if lines:
            inset.add_patch(
                Rectangle(
                    (west, north),
                    east - west,
                    band_degrees,
                    facecolor=theme.background,
                    edgecolor=theme.border,
                    linewidth=0.6,
                    zorder=3,
                )
            )
            inset.annotate(
                "\n".join(lines),
                (0, 1),
                xycoords="axes fraction",
                xytext=(4, -3),
                textcoords="offset points",
                ha="left",
                va="top",
                fontsize=layout.small,
                color=theme.ink,
                zorder=4,
            )
        for spine in inset.spines.values():
            spine.set_visible(True)
            spine.set_edgecolor(theme.border)

    def draw_scale(axes, bar, km: int, bar_lon: float, per_point, layout: Layout, theme: Theme) -> None:
        bar_x, bar_y = bar
        axes.plot([bar_x, bar_x + bar_lon], [bar_y, bar_y], color=theme.ink, linewidth=1.5, solid_capstyle="butt")
        axes.text(
            bar_x + bar_lon / 2,
            bar_y + 3 * per_point[1],
            f"{km} km",
            ha="center",
            va="bottom",
            fontsize=layout.small,
            color=theme.ink,
        )

    def hand_placed(layout: Layout, frame) -> list:
        west, east, south, north = frame
        return [
            label
            for label in labels.itertuples()
            if west < label.longitude < east
            and south < label.latitude < north
            and layout.name in label.layouts.split(";")
        ]

    def hand_placed_names(axes, layout: Layout, theme: Theme, frame) -> None:
        for label in hand_placed(layout, frame):
            home = label.code in ("CN", HOME)
            axes.text(
                label.longitude,
                label.latitude,
                label.name.upper() if label.code != HOME else label.name,
                ha="center",
                va="center",
                fontsize=layout.small,
                color=theme.ink if home else theme.muted,
                fontstyle="italic" if label.code == HOME else "normal",
                fontweight="bold" if label.code == HOME else "normal",
            )

    def marker_style(kind: str, chosen: bool, theme: Theme) -> dict:
        """A place's mark: a filled dot for a crossing, a hollow square for an inland place; large in the accent
        colour when chosen, small and muted when context."""
        colour = theme.accent if chosen else theme.muted
        if kind == "inland":
            return {
                "marker": PLACE_MARKERS[kind],
                "markersize": 5.8 if chosen else 3.6,
                "markerfacecolor": "none",
                "markeredgecolor": colour,
                "markeredgewidth": 1.6 if chosen else 1.0,
            }
        return {
            "marker": PLACE_MARKERS[kind],
            "markersize": 6.5 if chosen else 3.5,
            "markerfacecolor": colour,
            "markeredgecolor": theme.background,
            "markeredgewidth": 1,
        }

    def mark(axes, place, chosen: bool, layout: Layout, theme: Theme, named: bool = False) -> None:
        """A place's mark; named in bold when chosen, in small muted type when ``named`` only (context)."""
        axes.plot(place.longitude, place.latitude, linestyle="none", **marker_style(place.kind, chosen, theme))
        if not chosen and not named:
            return
        side = place.label_side
        axes.annotate(
            place.place,
            (place.longitude, place.latitude),
            xytext=PLACE_NAME_OFFSETS[side],
            textcoords="offset points",
            ha=PLACE_NAME_ALIGNMENT[side][0],
            va=PLACE_NAME_ALIGNMENT[side][1],
            fontsize=layout.font if chosen else layout.small,
            fontweight="bold" if chosen else "normal",
            color=theme.ink if chosen else theme.muted,
        )

    def draw_key(figure, kinds: set, layout: Layout, theme: Theme, stacked: bool = False) -> None:
        """Under the map, the mark of each kind of place on it and what it means: left to right in a strip of
        ``KEY_HEIGHT``, or ``stacked`` one under the other from the top of the strip (beside an inset)."""
        if not key:
            return
        width_pt, height_pt = layout.width * 72, figure.get_figheight() * 72
        top = (figure.axes[0].get_position().y0 * height_pt) if stacked else 0.0
        x, y = 7.0, (top - KEY_HEIGHT * 72 / 2) if stacked else KEY_HEIGHT * 72 / 2  # points from the lower left
        for kind, words in key.items():
            if kind not in kinds:
                continue
            figure.add_artist(
                matplotlib.lines.Line2D(
                    [x / width_pt],
                    [y / height_pt],
                    transform=figure.transFigure,
                    linestyle="none",
                    **marker_style(kind, True, theme),
                )
            )
            figure.text(
                (x + 7) / width_pt, y / height_pt, words, ha="left", va="center", fontsize=layout.small, color=theme.ink
            )
            if stacked:
                y -= layout.small * 1.6
            else:
                x += 7 + text_width(words, layout.small) + 16

    def place_boxes(shown: pd.DataFrame, layout: Layout, box_of, per_point, chosen) -> list[placement.Box]:
        """The boxes of the places' marks and names: names in bold at the label size when ``chosen(place)``."""
        taken = []
        for place in shown.itertuples():
            bold = chosen(place)
            taken.append(box_of(place.longitude, place.latitude, 9, 9))
            size = layout.font if bold else layout.small
            shift, lift = PLACE_NAME_OFFSETS[place.label_side]
            ha, va = PLACE_NAME_ALIGNMENT[place.label_side]
            x, y = place.longitude + shift * per_point[0], place.latitude + lift * per_point[1]
            taken.append(box_of(x, y, text_width(place.place, size, bold) + 2, size * 1.4, ha, va))
        return taken

    def measures(layout: Layout, frame):
        """Degrees per point across and up, and a function giving a box in degrees from a point and a size in pt."""
        west, east, south, north = frame
        height = map_height(layout, frame)
        per_point = ((east - west) / (layout.width * 72), (north - south) / (height * 72))

        def box_of(x, y, width_pt, height_pt, ha="center", va="center") -> placement.Box:
            half_width, half_height = width_pt / 2 * per_point[0], height_pt / 2 * per_point[1]
            x += {"left": half_width, "right": -half_width}.get(ha, 0)
            y += {"bottom": half_height, "top": -half_height}.get(va, 0)
            return placement.Box(x, y, half_width, half_height)

        return per_point, box_of

    def scale_at(corner: str, frame, per_point, box_of) -> tuple[tuple[float, float], placement.Box]:
        """The scale bar's left end in a corner, and the box of the bar and its words."""
        west, east, south, north = frame
        _, bar_lon = scale_km(frame)
        margin_x, margin_y = 10 * per_point[0], 12 * per_point[1]
        bar_x = west + margin_x if "left" in corner else east - margin_x - bar_lon
        bar_y = south + margin_y if "lower" in corner else north - margin_y - 14 * per_point[1]
        return (bar_x, bar_y), box_of(
            bar_x + bar_lon / 2, bar_y + 6 * per_point[1], max(bar_lon / per_point[0], 40), 20
        )

    def in_frame(frame) -> pd.DataFrame:
        west, east, south, north = frame
        return locations[
            (locations.longitude > west)
            & (locations.longitude < east)
            & (locations.latitude > south)
            & (locations.latitude < north)
        ]

    def draw_region(layout: Layout, theme: Theme):
        frame = MAP_FRAMES[layout.name]
        figure, axes, _ = map_figure(layout, frame, theme, KEY_HEIGHT if key else 0.0)
        country_fills(axes, theme)
        hand_placed_names(axes, layout, theme, frame)
        for place in locations.itertuples():
            mark(axes, place, highlight is None, layout, theme)
        per_point, box_of = measures(layout, frame)
        # the scale bar: in the corner where it hides no name and no place, over the fewest borders
        taken = place_boxes(in_frame(frame), layout, box_of, per_point, lambda place: highlight is None)
        for label in hand_placed(layout, frame):
            text = label.name if label.code == HOME else label.name.upper()
            half_width, half_height = country_name_size(text, layout.small, label.code == HOME)
            taken.append(box_of(label.longitude, label.latitude, half_width * 2, half_height * 2))
        outline = np.vstack([placement.border_points(path, step=0.1) for path in paths_by_code.values()])
        best = None
        for rank, corner in enumerate(("lower left", "lower right", "upper left", "upper right")):
            bar, box = scale_at(corner, frame, per_point, box_of)
            cost = (not all(box.clear_of(other) for other in taken), int(box.contains(outline).sum()), rank)
            if best is None or cost < best[0]:
                best = (cost, bar)
        km, bar_lon = scale_km(frame)
        draw_scale(axes, best[1], km, bar_lon, per_point, layout, theme)
        draw_key(figure, set(in_frame(frame).kind), layout, theme)
        return figure

    def unnamed_share(frame, placed) -> dict[str, tuple[float, float]]:
        """The countries on Xinjiang's border that cover ``NAME_SHARE`` of the frame, and the others that cover
        ``LARGE_SHARE``, but are not named, and where their part of it lies (its mean longitude and latitude)."""
        named = {code for code, _ in placed}
        return {
            code: centre
            for code, (share, centre) in country_shares(paths_by_code, frame).items()
            if code not in named
            and code not in ("CN", HOME)
            and (share >= NAME_SHARE if code in around else share >= LARGE_SHARE)
        }

    plans = {}  # by layout name: where things go does not depend on the theme

    def zoomed_plan(layout: Layout) -> dict:
        """Where a chapter's locator puts everything, in degrees: the frame, the places (name boxes), the inset,
        the scale bar and the country names. The frame grows, step by step, towards the countries that show in it
        but have no room for their names, until every one has."""
        if layout.name in plans:
            return plans[layout.name]
        base = fit_names(layout, zoom_frame(mine, layout, locations[locations.port != highlight]))
        plan = plan_for(layout, base)
        base_unnamed = plan["unnamed"]
        if plan["unnamed"]:
            west, east, south, north = base
            centre = ((west + east) / 2, (south + north) / 2)
            # towards the unnamed countries: the sides of the frame their parts lie nearest
            xs = [x for x, _ in base_unnamed.values()]
            ys = [y for _, y in base_unnamed.values()]
            grow_west = any(x < centre[0] - (east - west) / 6 for x in xs)
            grow_east = any(x > centre[0] + (east - west) / 6 for x in xs)
            grow_south = any(y < centre[1] - (north - south) / 6 for y in ys)
            grow_north = any(y > centre[1] + (north - south) / 6 for y in ys)
            # first the frame shrinks away from them (a sliver at its edge can leave it), then it grows towards them
            steps = [-step for step in SHRINK] + list(GROWTH)
            for step in steps:
                # a growing frame grows half as much on its other sides, so that the names already in it keep
                # their room as each degree takes fewer points
                other = 0.0 if step < 0 else 0.5
                frame = (
                    west - step * (grow_west or other),
                    east + step * (grow_east or other),
                    south - step * (grow_south or other),
                    north + step * (grow_north or other),
                )
                if not holds(frame):
                    continue
                frame = fit_names(layout, frame)
                # a grown frame's whole plan is tried only where they all have room beside the places alone
                if step > 0 and room_for(layout, frame, base_unnamed) < len(base_unnamed):
                    continue
                grown = plan_for(layout, frame)
                if missing(grown) < missing(plan):
                    plan = grown
                if not plan["unnamed"]:
                    break
        plans[layout.name] = plan
        return plan

    def fit_names(layout: Layout, frame) -> tuple[float, float, float, float]:
        """The frame, widened where the names of the port's places would stick out of it."""
        for _ in range(3):  # widening changes the degrees a point takes: measure again
            west, east, south, north = frame
            per_point, box_of = measures(layout, frame)
            boxes = place_boxes(mine, layout, box_of, per_point, lambda place: True)
            pad = 4 * per_point[0]
            frame = (
                min(west, min(box.x - box.half_width for box in boxes) - pad),
                max(east, max(box.x + box.half_width for box in boxes) + pad),
                min(south, min(box.y - box.half_height for box in boxes) - pad),
                max(north, max(box.y + box.half_height for box in boxes) + pad),
            )
            if frame == (west, east, south, north):
                break
        return frame

    def holds(frame) -> bool:
        """Whether the frame holds the port's places with half a degree to spare."""
        west, east, south, north = frame
        return bool(
            (mine.longitude.between(west + 0.5, east - 0.5) & mine.latitude.between(south + 0.5, north - 0.5)).all()
        )

    def missing(plan: dict) -> tuple[int, int]:
        """How many countries on Xinjiang's border, and how many in all, a plan leaves unnamed."""
        return len(set(plan["unnamed"]) & around), len(plan["unnamed"])

    def room_for(layout: Layout, frame, codes) -> int:
        """How many of these countries have room for their names in the frame, beside the places alone."""
        per_point, box_of = measures(layout, frame)
        aspect = 1 / math.cos(math.radians((frame[2] + frame[3]) / 2))
        taken = place_boxes(in_frame(frame), layout, box_of, per_point, lambda place: place.port == highlight)
        found = 0
        for code in codes:
            half_width, half_height = country_name_size(names[code].upper(), layout.small, False)
            size = (half_width * per_point[0], half_height * per_point[1])
            found += placement.place_name(paths_by_code[code], size, frame, taken, aspect) is not None
        return found

    def plan_for(layout: Layout, frame) -> dict:
        """Where the locator puts everything in this frame, and which countries it leaves unnamed."""
        west, east, south, north = frame
        aspect = 1 / math.cos(math.radians((south + north) / 2))
        height = map_height(layout, frame)
        per_point, box_of = measures(layout, frame)
        # the marks: this port's places large and named in bold, the other ports in the frame small and muted
        taken = place_boxes(in_frame(frame), layout, box_of, per_point, lambda place: place.port == highlight)

        # the inset, in fractions of the map's width and height, in a corner of a wide drawing; under a narrow one
        width, inset_height, *_ = inset_size(layout, frame)
        inset_width, inset_height = width / layout.width, inset_height / height
        outside = layout is not WIDE

        def inset_at(corner: str) -> tuple[tuple[float, float], placement.Box | None]:
            """The inset's left and bottom edges (fractions of the map) in a corner, and its box with some room."""
            if outside:
                return (0.0, 0.0), None
            # a hair inside the drawing, so that the inset's frame line is not cut in half at the edge
            left = 0.003 if "left" in corner else 0.997 - inset_width
            bottom = 0.004 if "lower" in corner else 0.996 - inset_height
            box = placement.Box(
                west + (left + inset_width / 2) * (east - west),
                south + (bottom + inset_height / 2) * (north - south),
                inset_width / 2 * (east - west) + 0.15,
                inset_height / 2 * (north - south) + 0.15,
            )
            return (left, bottom), box

        # the names: the country the port opens onto first, then Xinjiang, then the rest by their share of the frame
        codes_by_name = {name: code for code, name in names.items()}
        neighbours = {codes_by_name.get(n) for n in mine.neighbour if n}
        grid = np.array([(x, y) for x in np.linspace(west, east, 24) for y in np.linspace(south, north, 16)])
        inside = {code: path.contains_points(grid) for code, path in paths_by_code.items()}
        share = {code: float(points.mean()) for code, points in inside.items()}
        order = sorted(
            (code for code in paths_by_code if share[code] > 0),
            key=lambda code: (code not in neighbours, code != HOME, code != "CN", -share[code]),
        )

        def names_in(taken_now: list) -> list[tuple[str, placement.Box]]:
            """Each country's name and its box, placed in order clear of what is taken; a country with no room
            for its name is left out."""
            placed, taken_now = [], list(taken_now)
            for code in order:
                text = names[code] if code == HOME else names[code].upper()
                size = layout.font if code in neighbours else layout.small
                half_width, half_height = country_name_size(text, size, code in neighbours or code == HOME)
                box = placement.place_name(
                    paths_by_code[code],
                    (half_width * per_point[0], half_height * per_point[1]),
                    frame,
                    taken_now,
                    aspect,
                    exclude=[paths_by_code[HOME]] if code == "CN" and HOME in paths_by_code else [],
                )
                if box is not None:
                    placed.append((code, box))
                    taken_now.append(box)
            return placed

        # each corner is tried for the inset: it goes where it hides no place, leaves every country's name room (the
        # chapter's neighbours first, then the countries on Xinjiang's border, then the rest), covers least of the
        # neighbours and lies farthest from the port. The names are placed around it, then the scale bar goes to the
        # corner farthest from the port that is clear of them all; only where none is, the names make room for it
        corners = _corners_by_distance(frame, mine)
        best = None
        for inset_rank, inset_corner in enumerate(corners[:1] if outside else corners):
            inset_edges, inset_box = inset_at(inset_corner)
            inset_boxes = [inset_box] if inset_box else []
            inset_clear = all(box.clear_of(other) for box in inset_boxes for other in taken)
            if best is not None and not inset_clear and not best[0][0]:
                continue  # an inset that hides a place is tried only when every other does too
            covered = inset_box.contains(grid) if inset_box else np.zeros(len(grid), bool)
            covered_neighbours = sum(int((inside[code] & covered).sum()) for code in neighbours if code in inside)
            scales = [scale_at(c, frame, per_point, box_of) for c in corners if outside or c != inset_corner]
            placed = names_in([*taken, *inset_boxes])
            clear = [
                rank
                for rank, (_, scale_box) in enumerate(scales)
                if all(scale_box.clear_of(other) for other in [*taken, *inset_boxes, *(box for _, box in placed)])
            ]
            tries = [(clear[0], placed)] if clear else []
            if not clear:
                tries = [(rank, names_in([*taken, *inset_boxes, scales[rank][1]])) for rank in range(len(scales))]
            for scale_rank, placed in tries:
                bar, scale_box = scales[scale_rank]
                scale_clear = all(scale_box.clear_of(other) for other in [*taken, *inset_boxes])
                unnamed = set(order) - {code for code, _ in placed}
                cost = (
                    not inset_clear,
                    not scale_clear,
                    len(unnamed & neighbours),
                    len(unnamed & around),
                    len(unnamed),
                    covered_neighbours,
                    inset_rank,
                    scale_rank,
                )
                if best is None or cost < best[0]:
                    best = (cost, (inset_edges, inset_boxes, bar, scale_box), placed)
        _, (inset_edges, _, bar, _), placed = best
        return {
            "frame": frame,
            "height": height,
            "per_point": per_point,
            "inset": (*inset_edges, inset_width, inset_height),
            "inset_outside": outside,
            "scale": bar,
            "names": [(code, box, code in neighbours) for code, box in placed],
            "unnamed": unnamed_share(frame, placed),
        }

    def draw_zoomed(layout: Layout, theme: Theme):
        plan = zoomed_plan(layout)
        frame, per_point = plan["frame"], plan["per_point"]
        west, east, south, north = frame
        width, inset_height, *_ = inset_size(layout, frame)
        strip = inset_height + 2 * INSET_GAP if plan["inset_outside"] else KEY_HEIGHT if key else 0.0
        figure, axes, height = map_figure(layout, frame, theme, strip)
        country_fills(axes, theme)
        kinds = set()
        for place in in_frame(frame).itertuples():
            mark(axes, place, place.port == highlight, layout, theme, named=True)
            kinds.add(place.kind)
        total = height + strip
        if plan["inset_outside"]:
            # under the map at the right, the key beside it at the left
            box = (1 - (width + 0.03) / layout.width, INSET_GAP / total, width / layout.width, inset_height / total)
        else:
            # placed in fractions of the map (above the key's strip)
            left, bottom, inset_width, inset_height_share = plan["inset"]
            to_figure = figure.transFigure.inverted().transform
            low_left = to_figure(axes.transAxes.transform((left, bottom)))
            up_right = to_figure(axes.transAxes.transform((left + inset_width, bottom + inset_height_share)))
            box = (*low_left, *(up_right - low_left))
        draw_inset(figure, box, frame, layout, theme)
        km, bar_lon = scale_km(frame)
        draw_scale(axes, plan["scale"], km, bar_lon, per_point, layout, theme)
        for code, box, opens_onto in plan["names"]:
            home = code in ("CN", HOME)
            axes.text(
                box.x,
                box.y,
                names[code] if code == HOME else names[code].upper(),
                ha="center",
                va="center",
                fontsize=layout.font if opens_onto else layout.small,
                color=theme.ink if (home or opens_onto) else theme.muted,
                fontstyle="italic" if code == HOME else "normal",
                fontweight="bold" if opens_onto or code == HOME else "normal",
            )
        draw_key(figure, kinds, layout, theme, stacked=plan["inset_outside"])
        return figure

    draw = draw_zoomed if len(mine) else draw_region
    # 'source' would read as a figure's source in the CSV: these say where a place's coordinates come from
    return save(draw, chart, locations.drop(columns=["label_side"]).rename(columns={"source": "location_source"}))
