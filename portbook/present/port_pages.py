"""A port's chapter, from the checked numbers: findings, indicators by class, lead chart and map, checks, sources.

This module chooses and shapes the data; the sentences and the markup are in templates/port_*.html.j2 and
templates/overview*.html.j2, and every number goes through present/figures.py. Each finding carries
data-claim/data-low/data-high attributes so a test can compare what the page says with the processed data.
"""

from __future__ import annotations

import pandas as pd
from markupsafe import Markup

from portbook.ids import require_parameter
from portbook.present import charts, lead_charts
from portbook.present.figures import day
from portbook.present.names import claim_titles, figure_period_words, metric_words, outlet_name, period_words
from portbook.present.render import drawn, render, render_text
from portbook.present.render import words as chart_words
from portbook.present.stories import read_story, unreferred_articles
from portbook.reconcile import book_state, ports
from portbook.reconcile.book_state import BookState
from portbook.reconcile.trail import build_trail, involving
from portbook.reconcile.verdicts import SCALE

# The findings' groups, in the chapter's order: channel and industry side by side, then trade, then context (geography,
# policy), so that every claim the opening's counts count is one click away; a claim not yet classified comes last.
FINDING_CLASSES = ("channel", "industrial", "trade", "context", ports.UNCLASSIFIED)


def scale_order(verdict: str) -> int:
    """A verdict's place on the scale (verdicts.SCALE); a verdict off the scale comes last.

    >>> sorted(["cannot_check", "checks_out", "misleading"], key=scale_order)
    ['checks_out', 'misleading', 'cannot_check']
    """
    return SCALE.index(verdict) if verdict in SCALE else len(SCALE)


def full_precision(value) -> str:
    """A value for a data-* attribute: repr of the float (every digit), or empty when it is unknown."""
    return "" if pd.isna(value) else repr(float(value))


class PortStory:
    """A port's chapter: its claims, their audit trails and the tests that use them, and each section's HTML."""

    def __init__(self, port: str, context: BookState | None = None):
        table = ports.load_ports().set_index("port")
        require_parameter("port", port, set(table.index), "port of data/ports.csv")
        self.port = port
        self.info = table.loc[port]
        self.context = context or book_state.current()
        self.claims = ports.port_claims(self.context.claims, port)
        self.trails = {c: build_trail(c, self.context) for c in self.claims.claim_id}
        self.tests = self.tests_of(self.claims.claim_id)
        self.titles = claim_titles(self.claims, dict(self.context.entities.table["name"]))

    def tests_of(self, claim_ids) -> pd.DataFrame:
        """Plausibility findings (vocabulary 'test') and reconciliation checks (vocabulary 'check') that use any of these
        claims, once each, with their kind (what the test does) and the claims each tests."""
        rows = []
        for claim_id in claim_ids:
            for finding in involving(self.context.findings, claim_id).itertuples():
                rows.append(
                    {
                        "test_id": finding.finding_id,
                        "formula": finding.formula,
                        "verdict": finding.verdict,
                        "explanation": finding.explanation,
                        "kind": finding.kind,
                        "claim_ids": finding.claim_ids,
                        "vocabulary": "test",
                    }
                )
            for check in involving(self.context.checks, claim_id).itertuples():
                rows.append(
                    {
                        "test_id": check.check_id,
                        "formula": check.formula,
                        "verdict": check.verdict,
                        "explanation": check.explanation,
                        "kind": check.kind,
                        "claim_ids": check.claim_ids,
                        "vocabulary": "check",
                    }
                )
        columns = ["test_id", "formula", "verdict", "explanation", "kind", "claim_ids", "vocabulary"]
        tests = pd.DataFrame(rows, columns=columns)
        return tests.drop_duplicates("test_id").sort_values("test_id", ignore_index=True)

    def finding_data(self, claim) -> dict:
        """One finding for the template: the claim, its interval at full precision, its verdict."""
        return {
            "claim": claim,
            "low": full_precision(claim.value_low),
            "high": full_precision(claim.value_high),
            "verdict": self.trails[claim.claim_id].verdict,
            # a conversion that checks out says nothing of the figure it converts: a reader must not take it so
            "converted": (
                self.trails[claim.converts].verdict
                if isinstance(claim.converts, str) and claim.converts in self.trails
                else None
            ),
            "what": f"{self.context.entities.table.at[claim.entity, 'name']}: {metric_words(claim.metric)}",
            "period": figure_period_words(
                claim.unit, claim.period_start, claim.period_end, claim.published, claim.period_phrase
            ),
        }

    def written_story(self) -> str:
        """The port's story as the editor wrote it in book/stories/<port>.md (MyST, figures as claim references)."""
        text = read_story(self.port, self.context.ledger.claim_id)
        if text is None:
            return render_text("story_missing.md.j2", name=self.info["name"])
        later = [
            {
                "outlet": outlet_name(self.context.seeds[article_id].outlet),
                "published": day(int(self.context.seeds[article_id].published.strftime("%Y%m%d"))),
                "count": count,
            }
            for article_id, count in unreferred_articles(text, self.claims.sort_values(["published", "claim_id"]))
        ]
        note = render_text("story_not_yet.md.j2", name=self.info["name"], articles=later) if later else ""
        return text.rstrip("\n") + "\n\n" + note.lstrip("\n") if note else text

    def findings_html(self) -> Markup:
        """The chapter's opening: how many figures and claims, their verdicts, and every claim by class, latest first;
        the verdicts are counted over the claims the list shows, no more and no fewer."""
        verdicts = pd.Series([self.trails[c].verdict for c in self.claims.claim_id], dtype=object).value_counts()
        sections = []
        for indicator_class in FINDING_CLASSES:
            mine = self.claims[self.claims.indicator_class == indicator_class]
            latest = mine.sort_values(["period_end", "claim_id"], ascending=[False, True])
            sections.append(
                {"indicator_class": indicator_class, "findings": [self.finding_data(c) for c in latest.itertuples()]}
            )
        return render(
            "port_findings.html.j2",
            name=self.info["name"],
            summary=self.info["summary"],
            count=ports.figure_count(self.claims),
            articles=self.claims.article_id.nunique(),
            # in the scale's order, so that every chapter lists them alike: checks out first, cannot be checked last
            verdict_counts=[(v, int(verdicts[v])) for v in sorted(verdicts.index, key=scale_order)],
            sections=sections,
        )

    def indicator_table_html(self) -> Markup:
        """Every claim about the port with its class and why, by class and period."""
        ordered = self.claims.sort_values(["indicator_class", "period_start", "claim_id"])
        rows = [
            {
                "claim": c,
                "verdict": self.trails[c.claim_id].verdict,
                "title": self.titles[c.claim_id],
                "period": period_words(c.period_start, c.period_end, c.published, c.period_phrase),
            }
            for c in ordered.itertuples()
        ]
        class_counts = list(ports.class_figure_counts(self.claims).items())
        return render(
            "port_indicators.html.j2", rows=rows, count=ports.figure_count(self.claims), class_counts=class_counts
        )

    def lead_chart_html(self) -> Markup:
        """The chart that carries the chapter's main finding (present/lead_charts.py), or nothing for a port without one."""
        return lead_charts.lead_chart(self) or Markup("")

    def locator_html(self) -> Markup:
        """The locator map: Xinjiang and its neighbours, with this port's places marked and named."""
        locations = ports.load_locations()
        mine = locations[locations.port == self.port]
        borders = charts.load_borders()
        words = "port_charts.html.j2"
        labels = load_map_labels()
        # a chapter without a place of its own (the region as a whole) shows every port; a port that simply has no
        # coordinates yet is said to be missing from the map, never said to be highlighted on it
        table = self.context.entities.table
        regional = self.port in table.index and table.at[self.port, "kind"] == "region"
        values = {
            "countries": named_countries(labels),
            "name": self.info["name"],
            "unlocated": not len(mine) and not regional,
            "places": list(mine.place),
            "neighbours": sorted({n for n in (mine if len(mine) else locations).neighbour if n}),
            "borders": {"source": borders["source"], "licence": borders["licence"]},
        }
        return charts.locator_map(
            locations,
            labels,
            borders,
            charts.Chart(
                f"port-{self.port}-map",
                chart_words(words, "map_title", **values),
                chart_words(words, "map_subtitle", **values),
                chart_words(words, "map_alt", **values),
                chart_words(words, "map_caption", **values),
                drawn(chart_words(words, "map_source", borders=values["borders"])),
            ),
            highlight=self.port if len(mine) else None,
            key=map_key_words(),
            inset_label=drawn(chart_words(words, "map_inset")),
        )

    def charts_html(self) -> Markup:
        """The chapter's charts: the lead chart first, then the locator map."""
        return Markup("").join([self.lead_chart_html(), self.locator_html()])

    def tests_html(self) -> Markup:
        """Every plausibility test and reconciliation check that uses the port's figures, with its formula and verdict,
        and the sources an explanation cites linked by their outlets."""
        tests = [
            {
                "test_id": t.test_id,
                "formula": t.formula,
                "verdict": str(t.verdict),
                "kind": t.kind,
                "vocabulary": t.vocabulary,
                "claim_ids": str(t.claim_ids).split(";"),
                "explanation": str(t.explanation),
            }
            for t in self.tests.itertuples()
        ]
        # a check may test another port's claim too: every claim it names gets its title
        titles = claim_titles(self.context.claims, dict(self.context.entities.table["name"]))
        return render("port_tests.html.j2", tests=tests, titles=titles, references=self.context.references)

    def sources_html(self) -> Markup:
        """The articles the chapter uses, each with links to its claims."""
        articles = []
        for article_id, mine in self.claims.groupby("article_id"):
            trail = self.trails[mine.claim_id.iloc[0]]
            articles.append(
                {
                    "article_id": article_id,
                    "outlet": trail.outlet,
                    "published": trail.published,
                    "headline": trail.headline,
                    "claims": [(c, self.titles[c]) for c in mine.claim_id],
                }
            )
        return render("port_sources.html.j2", articles=articles)


def overview_counts(context: BookState) -> pd.DataFrame:
    """Figures per port (by name, in the order of data/ports.csv) and indicator class, counted as every count of
    figures in the book is (``ports.counted_once``, as ``ports.figure_count`` counts: a conversion counted once)."""
    table = ports.load_ports()
    classified = ports.classified(ports.counted_once(context.claims))
    counts = classified.groupby(["port", "indicator_class"]).size().unstack(fill_value=0)
    counts = counts.reindex(index=table.port, columns=ports.CLASS_ORDER, fill_value=0)
    counts.index = table.set_index("port").loc[counts.index, "name"]
    counts.index.name = "port"
    return counts


def load_map_labels() -> pd.DataFrame:
    """data/map_labels.csv: where the maps name each country and Xinjiang, by layout."""
    from portbook.numbers.ledger import read_csv

    labels = read_csv(charts.MAP_LABELS)
    labels["longitude"] = labels.longitude.astype(float)
    labels["latitude"] = labels.latitude.astype(float)
    return labels


def map_key_words() -> dict[str, str]:
    """The words of the maps' key, by kind of place, in the key's order (port_charts.html.j2, ``map_key``)."""
    return {kind: drawn(chart_words("port_charts.html.j2", "map_key", kind=kind)) for kind in ports.PLACE_KINDS}


def named_countries(labels: pd.DataFrame) -> list[str]:
    """The countries the wide map names, in the order of data/map_labels.csv (China and Xinjiang left out)."""
    countries = labels[~labels.code.str.startswith("CN")]
    return list(dict.fromkeys(countries.name))


def overview_html(context: BookState) -> Markup:
    """The ports compared: where they are, and how many claims of each class the articles make about each."""
    counts = overview_counts(context)
    table = ports.load_ports()
    locations = ports.load_locations()
    borders = charts.load_borders()
    words = "overview_charts.html.j2"
    totals = counts.sum()
    class_values = {
        "ports": [(name, [(k, int(n)) for k, n in row.items()]) for name, row in counts.iterrows()],
        "totals": {k: int(n) for k, n in totals.items()},
        "total": int(totals.sum()),
        "articles": context.claims.article_id.nunique(),
        "all": ports.figure_count(context.claims),
    }
    class_names = {k: drawn(chart_words(words, "class_name", indicator_class=k)) for k in ports.CLASS_ORDER}
    chart = class_totals_chart(context, counts, class_values, class_names)
    labels = load_map_labels()
    map_values = {
        "countries": named_countries(labels),
        "places": [(p.place, p.neighbour) for p in locations.itertuples()],
        "neighbours": sorted({n for n in locations.neighbour if n}),
        "borders": {"source": borders["source"], "licence": borders["licence"]},
    }
    locator = charts.locator_map(
        locations,
        labels,
        borders,
        charts.Chart(
            "ports-map",
            chart_words(words, "map_title", **map_values),
            chart_words(words, "map_subtitle", **map_values),
            chart_words(words, "map_alt", **map_values),
            chart_words(words, "map_caption", **map_values),
            drawn(chart_words("port_charts.html.j2", "map_source", borders=map_values["borders"])),
        ),
        key=map_key_words(),
    )
    rows = [
        {"port": p.port, "name": p.name, "counts": [int(counts.loc[p.name, k]) for k in ports.CLASS_ORDER]}
        for p in table.itertuples()
    ]
    classes = [class_names[k] for k in ports.CLASS_ORDER]
    return render(
        "overview.html.j2",
        locator=locator,
        chart=chart,
        classes=classes,
        ports=rows,
        all=class_values["all"],
        total=class_values["total"],
    )


def class_totals_chart(context: BookState, counts: pd.DataFrame, values: dict, class_names: dict) -> Markup:
    """One bar per class: how many of the articles' figures measure it, the ports that give them named on the
    label, industry in the accent colour. Classes are told apart by their labels, not by colour or hatching, and the
    per-port counts are the table beside it."""
    words = "overview_charts.html.j2"
    bars = []
    for indicator_class in ports.CLASS_ORDER:
        by_port = counts[indicator_class].sort_values(ascending=False, kind="stable")
        givers = [(str(name).split(" (")[0], int(n)) for name, n in by_port.items() if n]
        total = int(by_port.sum())
        bars.append(
            charts.Bar(
                drawn(chart_words(words, "class_label", name=class_names[indicator_class], ports=givers)),
                total,
                total,
                str(total),
                indicator_class == "industrial",
            )
        )
    heading = drawn(chart_words(words, "classes_heading", **values))
    chart = charts.Chart(
        "ports-classes",
        chart_words(words, "classes_title", **values),
        chart_words(words, "classes_subtitle", **values),
        chart_words(words, "classes_alt", **values),
        chart_words(words, "classes_caption", **values),
        lead_charts.source_line(context, context.claims),
    )
    data = counts.reset_index()
    return charts.bars([charts.Panel(heading, tuple(bars))], chart, data)
