"""The front page's lead chart: per port, how many of the articles' figures measure goods passing through, trade,
and anything made or processed there, from the curated classes of data/claim_classes.csv (never from metric names).

It counts what the articles chose to report, not what the ports do; its words (templates/front_chart.html.j2) say
so. The ports overview's run draws it (its SVGs and CSV beside the other charts) and writes its words and sizes to
``FRONT_CHART``; the front page's ``front-chart`` directive (portbook/build/references.py) shows it from there, with
addresses relative to that page, which sits one folder higher than the chapters the charts' own HTML assumes.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from markupsafe import Markup
from matplotlib.patches import Rectangle

from portbook import atomic, paths
from portbook.present import charts, lead_charts
from portbook.present.render import drawn, render
from portbook.present.render import words as chart_words
from portbook.reconcile import ports

NAME = "front-channel-industry"
WORDS = "front_chart.html.j2"
# the classes drawn, in their columns' order: what passes through, then trade, then what is made here (the finding)
COLUMNS = ("channel", "trade", "industrial")
FRONT_CHART = Path("data/processed/front-chart.json")
# where Sphinx copies the charts' folder (html_static_path), from the root of the built site
SITE_FIGURES = "_static/figures"


def front_counts(context) -> pd.DataFrame:
    """Figures per port (rows in the order of data/ports.csv, by the port's name) and class, context included, a conversion counted once, and
    each port's made-or-processed figures as the curated table describes them (column ``industrial_what``)."""
    table = ports.load_ports()
    claims = ports.classified(ports.counted_once(context.claims))
    counts = claims.groupby(["port", "indicator_class"]).size().unstack(fill_value=0)
    counts = counts.reindex(index=table.port, columns=ports.CLASS_ORDER, fill_value=0).astype(int)
    industrial = claims[claims.indicator_class == "industrial"].sort_values(["period_start", "claim_id"])
    what = {port: list(dict.fromkeys(mine.class_reason)) for port, mine in industrial.groupby("port")}
    counts["industrial_what"] = [what.get(port, []) for port in counts.index]
    counts.insert(0, "name", list(table.set_index("port").loc[counts.index, "name"]))
    return counts


def short_name(name: str) -> str:
    """A port's name without its parenthesis, for a chart's row: 'Alashankou (Alataw Pass)' -> 'Alashankou'."""
    return name.split(" (")[0]


def values(context, counts: pd.DataFrame) -> dict:
    """What the chart's words are given: each port's counts and made-or-processed figures, and the totals."""
    return {
        "ports": [
            {
                "name": short_name(row.name),
                "counts": {k: int(getattr(row, k)) for k in COLUMNS},
                "industrial_what": list(row.industrial_what),
            }
            for row in counts.itertuples()
        ],
        "totals": {k: int(counts[k].sum()) for k in ports.CLASS_ORDER},
        "articles": int(context.claims.article_id.nunique()),
        # counted as the ports are, so that the chart's counts and these add up to the verdict summary's figures
        "unplaced": ports.figure_count(context.claims[~context.claims.port.isin(counts.index)]).figures,
    }


def chart_of(context, counts: pd.DataFrame) -> charts.Chart:
    """The chart's words, from the template's macros, computed from the counts."""
    given = values(context, counts)
    return charts.Chart(
        NAME,
        chart_words(WORDS, "title", **given),
        chart_words(WORDS, "subtitle", **given),
        chart_words(WORDS, "alt", **given),
        chart_words(WORDS, "caption", **given),
        lead_charts.source_line(context, context.claims),
    )


def draw_counts(counts: pd.DataFrame, headings: dict[str, str], none: str):
    """A drawing function for charts.save: one row per port, one column per class, all on one scale, each bar's
    count written at its end (``none`` where there is no figure); made or processed in the second colour."""
    rows = [
        (short_name(name), [int(n) for n in numbers])
        for name, *numbers in counts[["name", *COLUMNS]].itertuples(index=False)
    ]
    most = max([n for _, numbers in rows for n in numbers] + [1])

    def draw(layout: charts.Layout, theme: charts.Theme):
        line = layout.small * 1.3 / 72  # inches per line of text
        wide = layout.name == "wide"
        names_width = 1.9 if wide else 0.0  # the wide drawing names each port left of its row, the narrow above it
        column = (layout.width - names_width) / len(COLUMNS)
        characters = int(column * 72 / (layout.small * 0.62)) - 1
        heads = [textwrap.fill(headings[k], characters) for k in COLUMNS]
        head_lines = max(h.count("\n") + 1 for h in heads)
        row_lines = 1.7 if wide else 2.8
        height = (head_lines + 0.6 + row_lines * len(rows)) * line
        figure = plt.figure(figsize=(layout.width, height))
        axes = figure.add_axes((0, 0, 1, 1))
        charts._bare_axes(axes, theme)
        axes.set_xlim(0, layout.width)
        axes.set_ylim(height, 0)  # y grows down, in inches
        colours = {"channel": theme.accent, "trade": theme.pale, "industrial": theme.second}
        room = column * 0.7  # the longest bar; its count is written after it
        for index, (key, head) in enumerate(zip(COLUMNS, heads, strict=True)):
            x = names_width + index * column
            weight = "bold" if key == "industrial" else "normal"
            axes.text(x, 0.05 * line, head, fontsize=layout.small, va="top", color=theme.ink, fontweight=weight)
        top = (head_lines + 0.6) * line
        for number, (name, numbers) in enumerate(rows):
            y = top + number * row_lines * line
            axes.plot([0, layout.width], [y, y], color=theme.grid, linewidth=0.6)
            if wide:
                axes.text(
                    0, y + 0.85 * line, name, fontsize=layout.small, va="center", color=theme.ink, fontweight="bold"
                )
                bar_y = y + 0.3 * line
            else:
                axes.text(0, y + 0.2 * line, name, fontsize=layout.small, va="top", color=theme.ink, fontweight="bold")
                bar_y = y + 1.4 * line
            for index, (key, n) in enumerate(zip(COLUMNS, numbers, strict=True)):
                x = names_width + index * column
                length = room * n / most
                if n:
                    axes.add_patch(
                        Rectangle(
                            (x, bar_y),
                            max(length, 0.03),
                            1.1 * line,
                            facecolor=colours[key],
                            edgecolor=theme.accent if key == "trade" else colours[key],
                            linewidth=0.8 if key == "trade" else 0,
                        )
                    )
                axes.text(
                    x + (length + 0.05 if n else 0),
                    bar_y + 0.55 * line,
                    str(n) if n else none,
                    fontsize=layout.small,
                    va="center",
                    color=theme.ink if n else theme.muted,
                    fontweight="bold" if n else "normal",
                )
        return figure

    return draw


def front_chart(context, folder: Path = charts.FIGURES) -> dict:
    """Draw the chart (every layout and theme, its CSV beside it) and return what the front page needs to show it:
    its words and the drawings' sizes."""
    counts = front_counts(context)
    chart = chart_of(context, counts)
    headings = {k: drawn(chart_words(WORDS, "heading", indicator_class=k)) for k in COLUMNS}
    none = drawn(chart_words(WORDS, "no_figure"))
    data = counts[["name", *COLUMNS]].rename(columns={"name": "port"})
    html = charts.save(draw_counts(counts, headings, none), chart, data, folder)
    return {
        "name": chart.name,
        "title": str(chart.title),
        "subtitle": str(chart.subtitle),
        "alt": str(chart.alt),
        "caption": str(chart.caption),
        "source": str(chart.source),
        "sizes": sizes_of(html),
    }


def sizes_of(html: Markup) -> dict[str, list[int]]:
    """The drawings' sizes in CSS px, by layout, as charts.save wrote them into the figure's HTML."""
    found = {}
    for layout in charts.LAYOUTS:
        match = re.search(rf'{NAME}-{layout.name}-light\.svg" width="(\d+)" height="(\d+)"', str(html))
        found[layout.name] = [int(match.group(1)), int(match.group(2))]
    return found


def write_front_chart(context, root: Path = paths.DERIVED_ROOT) -> dict:
    """Draw the chart and write its words and sizes for the front page (``FRONT_CHART``); return them."""
    shown = front_chart(context, root / charts.FIGURES_IN_PROJECT)
    atomic.write_json(root / FRONT_CHART, shown)
    return shown


def figure_html(shown: dict, url: str) -> Markup:
    """The chart as the front page shows it, from what ``write_front_chart`` wrote, its drawings at ``url``."""
    chart = charts.Chart(
        shown["name"],
        Markup(shown["title"]),
        Markup(shown["subtitle"]),
        Markup(shown["alt"]),
        Markup(shown["caption"]),
        shown["source"],
    )
    return render(
        "figure.html.j2",
        chart=chart,
        url=url,
        themes=[theme.name for theme in charts.THEMES],
        sizes={layout: tuple(size) for layout, size in shown["sizes"].items()},
        narrow_media=charts.NARROW_MEDIA,
    )
