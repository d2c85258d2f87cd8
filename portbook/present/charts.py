"""The book's charts, in one house style, written as SVG with their data as CSV beside them.

- Okabe-Ito colours, safe for colour-blind readers, and a second cue (marker
  shape) for every colour;
- units and periods on the axes, the source on the chart and under it;
- intervals drawn as intervals: a range as a bar, "more than N" as an arrow
  from N, several readings of one figure as several marks;
- a white card behind every chart, so it reads the same in the light and the
  dark theme;
- byte-stable SVG (a fixed hash salt, no date), so two builds give the same file.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("svg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from markupsafe import Markup  # noqa: E402

from portbook import atomic, paths  # noqa: E402
from portbook.ids import output_path  # noqa: E402
from portbook.present.render import render  # noqa: E402

FIGURES_IN_PROJECT = Path("book/_generated_static/figures")
FIGURES = paths.DERIVED_ROOT / FIGURES_IN_PROJECT
# Pages live two folders deep (book/ports/x.html, book/generated/x.html); Sphinx copies the folder into _static.
FIGURE_URL = "../../_static/figures"

CLASS_COLOURS = {"channel": "#0072B2", "industrial": "#D55E00", "trade": "#009E73", "context": "#CC79A7"}
CLASS_MARKERS = {"channel": "o", "industrial": "s", "trade": "D", "context": "^"}
INK = "#222222"
MUTED = "#666666"


# The chart font has no Chinese glyphs; the readings name the characters they are about.
CHINESE_UNITS = {"亿": "yi", "万": "wan", "亩": "mu"}


def latin(text: str) -> str:
    """A label the chart font can draw: the Chinese unit characters spelled in pinyin.

    >>> latin("亿 read as billion: x10^8")
    'yi read as billion: x10^8'
    """
    for character, pinyin in CHINESE_UNITS.items():
        text = text.replace(character, pinyin)
    return text


def apply_house_style() -> None:
    """Set matplotlib to the book's house style: fonts, colours, no date in SVGs, byte-stable output."""
    plt.rcParams.update(
        {
            "svg.hashsalt": "portbook",
            "svg.fonttype": "path",
            "font.family": "DejaVu Sans",
            "font.size": 9,
            "axes.titlesize": 11,
            "axes.titleweight": "bold",
            "axes.titlelocation": "left",
            "axes.edgecolor": MUTED,
            "axes.labelcolor": INK,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "xtick.color": INK,
            "ytick.color": INK,
            "text.color": INK,
            "figure.facecolor": "white",
            "axes.facecolor": "white",
            "savefig.facecolor": "white",
            "legend.frameon": False,
            # labels come from tables and seeds: a '$' in a name is a dollar sign, never mathtext
            "text.parse_math": False,
        }
    )


@dataclass(frozen=True)
class Chart:
    """One chart's name (file stem), alt text, caption and source line."""

    name: str  # file stem: book/_generated_static/figures/<name>.svg and .csv
    alt: str  # what the chart shows, in words, for readers who cannot see it (Markup from a words template, or text)
    caption: str  # Markup or text, like alt
    source: str  # plain text: it is drawn on the chart as well as printed under it

    def html(self) -> Markup:
        """The chart as a page shows it: image, alt text, caption, source and a link to its data (templates/figure.html.j2)."""
        return render("figure.html.j2", chart=self, url=FIGURE_URL)


def save(figure, chart: Chart, data: pd.DataFrame, folder: Path = FIGURES) -> str:
    """Write the SVG and the CSV atomically; return the figure's HTML."""
    # hung below the figure's bottom edge; bbox_inches="tight" grows the image to hold it
    figure.text(0.01, -0.01, f"Source: {chart.source}", fontsize=7, color=MUTED, ha="left", va="top")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": "portbook"}, bbox_inches="tight")
    plt.close(figure)
    atomic.write_bytes(output_path(folder, chart.name, ".svg"), buffer.getvalue())
    atomic.write_csv(output_path(folder, chart.name, ".csv"), data)
    return chart.html()


def claim_timeline(claims: pd.DataFrame, chart: Chart, title: str) -> str:
    """Each claim on a time axis: a bar over a flow's period, a marker at a stock's date, coloured by class."""
    apply_house_style()
    dated = claims[claims.period_start.astype(bool) & claims.period_end.astype(bool)].reset_index(drop=True)
    figure, axes = plt.subplots(figsize=(8, 0.32 * max(len(dated), 3) + 1.4))
    for row, claim in dated.iterrows():
        start, end = pd.Timestamp(claim.period_start), pd.Timestamp(claim.period_end) + pd.Timedelta(days=1)
        colour = CLASS_COLOURS[claim.indicator_class]
        if claim.period_kind == "flow" and (end - start).days > 1:
            axes.barh(row, (end - start).days, left=start, height=0.5, color=colour, alpha=0.85)
        else:
            axes.plot(
                start, row, marker=CLASS_MARKERS[claim.indicator_class], color=colour, markersize=6, linestyle="none"
            )
    axes.set_yticks(range(len(dated)), [f"{c.metric} ({c.period_phrase})" for c in dated.itertuples()])
    axes.invert_yaxis()
    axes.set_xlabel("Period the figure covers (bar: a flow over a period; marker: a count at a date)")
    axes.set_title(title)
    handles = [
        plt.Line2D([], [], color=CLASS_COLOURS[k], marker=CLASS_MARKERS[k], linestyle="none", label=k)
        for k in CLASS_COLOURS
        if k in set(dated.indicator_class)
    ]
    axes.legend(handles=handles, title="Indicator", loc="lower right", fontsize=8)
    data = dated[
        ["claim_id", "metric", "indicator_class", "period_phrase", "period_start", "period_end", "period_kind"]
    ]
    return save(figure, chart, data)


def value_intervals(claims: pd.DataFrame, chart: Chart, title: str, unit: str) -> str:
    """Each reading of each claim in one unit on a log axis: a point, a range, or an arrow for 'more than'."""
    import json

    apply_house_style()
    rows = []
    for claim in claims.itertuples():
        for reading in json.loads(claim.readings):
            rows.append(
                {
                    "claim_id": claim.claim_id,
                    "metric": claim.metric,
                    "period_phrase": claim.period_phrase,
                    "indicator_class": claim.indicator_class,
                    "reading": reading["label"],
                    "low": reading["low"],
                    "high": reading["high"],
                    "unit": unit,
                }
            )
    data = pd.DataFrame(rows)
    known = data.dropna(subset=["low"])
    figure, axes = plt.subplots(figsize=(8, 0.34 * max(len(data), 3) + 1.4))
    right_edge = (
        max(known.low.max(), known.high.max(skipna=True) if known.high.notna().any() else 0) * 8 if len(known) else 10
    )
    for row, reading in data.iterrows():
        colour = CLASS_COLOURS[reading.indicator_class]
        marker = CLASS_MARKERS[reading.indicator_class]
        if pd.isna(reading.low):
            axes.text(
                1,
                row,
                "value lost in the source",
                va="center",
                fontsize=8,
                color=MUTED,
                transform=axes.get_yaxis_transform(),
            )
        elif pd.isna(reading.high):
            axes.annotate(
                "",
                xy=(right_edge, row),
                xytext=(reading.low, row),
                arrowprops={"arrowstyle": "->", "color": colour, "lw": 1.5},
            )
            axes.plot(reading.low, row, marker=marker, color=colour, linestyle="none")
        elif reading.low == reading.high:
            axes.plot(reading.low, row, marker=marker, color=colour, linestyle="none", markersize=6)
        else:
            axes.plot([reading.low, reading.high], [row, row], color=colour, linewidth=4, solid_capstyle="butt")
    axes.set_xscale("log")
    if len(known):
        # arrows do not widen the axis by themselves; leave room for them and for the smallest value
        axes.set_xlim(known.low.min() / 2, right_edge)
    axes.set_yticks(
        range(len(data)), [latin(f"{r.metric} ({r.period_phrase}): {r.reading}") for r in data.itertuples()]
    )
    axes.invert_yaxis()
    axes.set_xlabel(f"{unit} (log scale; arrow: 'more than', open above; bar: a range of possible values)")
    axes.set_title(title)
    return save(figure, chart, data)


def locator_map(locations: pd.DataFrame, chart: Chart, highlight: str | None = None) -> str:
    """The ports on a schematic longitude/latitude plane; no borders (no offline source ships them)."""
    import math

    apply_house_style()
    figure, axes = plt.subplots(figsize=(7, 4.6))
    for place in locations.itertuples():
        chosen = highlight is None or place.port == highlight
        axes.plot(
            place.longitude,
            place.latitude,
            marker="o" if chosen else ".",
            markersize=8 if chosen else 6,
            color=CLASS_COLOURS["channel"] if chosen else MUTED,
            linestyle="none",
        )
        left = getattr(place, "label_side", "right") == "left"
        axes.annotate(
            place.place,
            (place.longitude, place.latitude),
            xytext=(-6 if left else 6, 3),
            textcoords="offset points",
            ha="right" if left else "left",
            fontsize=9 if chosen else 8,
            color=INK if chosen else MUTED,
            fontweight="bold" if chosen else "normal",
        )
    # equal distances on the ground look equal: a degree of longitude is cos(latitude) of a degree of latitude
    axes.set_aspect(1 / math.cos(math.radians(locations.latitude.mean())))
    axes.set_xlim(locations.longitude.min() - 4, locations.longitude.max() + 4)
    axes.set_ylim(locations.latitude.min() - 1.5, locations.latitude.max() + 1.5)
    axes.set_xlabel("Longitude (degrees east)")
    axes.set_ylabel("Latitude (degrees north)")
    axes.set_title("Where the ports are (schematic: no borders drawn)")
    axes.grid(color="#dddddd", linewidth=0.5)
    return save(figure, chart, locations)


def class_counts(counts: pd.DataFrame, chart: Chart, title: str) -> str:
    """Stacked horizontal bars: how many claims of each class each port has."""
    apply_house_style()
    figure, axes = plt.subplots(figsize=(8, 0.45 * max(len(counts), 3) + 1.2))
    left = pd.Series(0, index=counts.index)
    for indicator_class in [c for c in CLASS_COLOURS if c in counts.columns]:
        axes.barh(
            counts.index,
            counts[indicator_class],
            left=left,
            color=CLASS_COLOURS[indicator_class],
            label=indicator_class,
            hatch={"channel": "", "industrial": "//", "trade": "..", "context": "xx"}[indicator_class],
            edgecolor="white",
        )
        left += counts[indicator_class]
    axes.invert_yaxis()
    axes.set_xlabel("Number of claims in the source articles")
    axes.set_title(title)
    axes.legend(title="Indicator", loc="lower right", fontsize=8)
    return save(figure, chart, counts.reset_index())


def monthly_series(
    series: pd.DataFrame, chart: Chart, title: str, unit_scale: float = 1e9, unit_label: str = "billion yuan"
) -> str:
    """Average per month for each period, reported or implied, as boxes spanning the period from the
    lowest to the highest value the figures allow: uncertainty is drawn, not hidden."""
    import matplotlib.dates as mdates
    from matplotlib.patches import Patch, Rectangle

    apply_house_style()
    # reported figures are solid; each implied reading gets its own colour and hatch
    styles = {"reported": ("#0072B2", "")}
    palette = [("#D55E00", "//"), ("#009E73", "\\\\"), ("#CC79A7", "xx"), ("#E69F00", "..")]
    figure, axes = plt.subplots(figsize=(8, 4.2))
    label_of = lambda r: (
        "reported"
        if r.source == "reported"
        else ("implied" if r.reading in ("", "as printed") else latin(f"implied: {r.reading}"))
    )
    # readings of one period stand side by side within its span, so that none hides another
    siblings = series.groupby(["period_start", "period_end", "source"]).cumcount()
    counts = series.groupby(["period_start", "period_end", "source"])["segment"].transform("size")
    for index, row in enumerate(series.itertuples()):
        key = label_of(row)
        colour, hatch = styles.setdefault(key, palette[(len(styles) - 1) % len(palette)])
        start = mdates.date2num(pd.Timestamp(row.period_start))
        end = mdates.date2num(pd.Timestamp(row.period_end) + pd.Timedelta(days=1))
        width = (end - start) / counts.iloc[index]
        left = start + width * siblings.iloc[index]
        low, high = row.per_month_low / unit_scale, row.per_month_high / unit_scale
        axes.add_patch(
            Rectangle(
                (left, low),
                width,
                max(high - low, 0.004),
                facecolor=colour,
                alpha=0.55,
                hatch=hatch,
                edgecolor=colour,
                linewidth=1.2,
            )
        )
        if siblings.iloc[index] == 0:
            axes.annotate(
                f"{row.segment}",
                (start + (end - start) / 2, high),
                xytext=(0, 3),
                textcoords="offset points",
                ha="center",
                fontsize=7,
                color=INK,
            )
    axes.set_xlim(
        mdates.date2num(pd.Timestamp(series.period_start.min())) - 20,
        mdates.date2num(pd.Timestamp(series.period_end.max())) + 20,
    )
    axes.xaxis.set_major_locator(mdates.MonthLocator(bymonth=[1, 5, 9]))
    axes.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    axes.set_ylim(0, series.per_month_high.max() / unit_scale * 1.2)
    axes.set_ylabel(f"Average trade per month ({unit_label})")
    axes.set_xlabel("Period (box: every value the figures allow, lowest to highest)")
    axes.set_title(title)
    used = {label_of(r) for r in series.itertuples()}
    axes.legend(
        handles=[
            Patch(facecolor=c, hatch=h, alpha=0.5, edgecolor=c, label=k) for k, (c, h) in styles.items() if k in used
        ],
        loc="upper left",
        fontsize=8,
    )
    return save(figure, chart, series)
