"""A port's chapter, from the checked numbers: findings, indicators by class, timeline, checks, sources.

This module chooses and shapes the data; the sentences and the markup are in templates/port_*.html.j2 and
templates/overview*.html.j2, and every number goes through present/figures.py. Each finding carries
data-claim/data-low/data-high attributes so a test can compare what the page says with the processed data.
"""

from __future__ import annotations

import pandas as pd
from markupsafe import Markup

from portbook.ids import require_parameter
from portbook.present import charts
from portbook.present.figures import DEFAULT_DIGITS, significant_digits
from portbook.present.render import drawn, render
from portbook.present.render import words as chart_words
from portbook.reconcile import ports
from portbook.reconcile.book_state import BookState
from portbook.reconcile.trail import build_trail, involving

# Context claims (geography, policy) are in the indicator table, not in the findings.
FINDING_CLASSES = ("channel", "industrial", "trade")
LATEST = 4  # findings per class: the latest few tell the story, the table below has them all


def full_precision(value) -> str:
    """A value for a data-* attribute: repr of the float (every digit), or empty when it is unknown."""
    return "" if pd.isna(value) else repr(float(value))


def as_printed(claims: pd.DataFrame, which: str) -> dict:
    """The smallest ('idxmin') or largest ('idxmax') low end of these claims, with the significant digits its source printed."""
    known = claims.dropna(subset=["value_low"])
    if known.empty:
        return {"value": None, "sig": DEFAULT_DIGITS}
    claim = known.loc[getattr(known.value_low, which)()]
    return {"value": claim.value_low, "sig": significant_digits(str(claim.figure))}


class PortStory:
    """A port's chapter: its claims, their audit trails and the tests that use them, and each section's HTML."""

    def __init__(self, port: str, context: BookState | None = None):
        table = ports.load_ports().set_index("port")
        require_parameter("port", port, set(table.index), "port of data/ports.csv")
        self.port = port
        self.info = table.loc[port]
        self.context = context or BookState()
        self.claims = ports.port_claims(self.context.claims, port)
        self.trails = {c: build_trail(c, self.context) for c in self.claims.claim_id}
        self.tests = self.tests_of(self.claims.claim_id)

    def tests_of(self, claim_ids) -> pd.DataFrame:
        """Plausibility findings (kind 'test') and reconciliation checks (kind 'check') that use any of these claims, once each."""
        rows = []
        for claim_id in claim_ids:
            for finding in involving(self.context.findings, claim_id).itertuples():
                rows.append(
                    {
                        "test_id": finding.finding_id,
                        "formula": finding.formula,
                        "verdict": finding.verdict,
                        "explanation": finding.explanation,
                        "kind": "test",
                    }
                )
            for check in involving(self.context.checks, claim_id).itertuples():
                rows.append(
                    {
                        "test_id": check.check_id,
                        "formula": check.formula,
                        "verdict": check.verdict,
                        "explanation": check.explanation,
                        "kind": "check",
                    }
                )
        tests = pd.DataFrame(rows, columns=["test_id", "formula", "verdict", "explanation", "kind"])
        return tests.drop_duplicates("test_id").sort_values("test_id", ignore_index=True)

    def finding_data(self, claim) -> dict:
        """One finding for the template: the claim, its interval at full precision, its verdict."""
        return {
            "claim": claim,
            "low": full_precision(claim.value_low),
            "high": full_precision(claim.value_high),
            "verdict": self.trails[claim.claim_id].verdict,
        }

    def findings_html(self) -> Markup:
        """The chapter's opening: how many claims, their verdicts, and the latest figures of each class."""
        verdicts = pd.Series([self.trails[c].verdict for c in self.claims.claim_id], dtype=object).value_counts()
        counts = self.claims.indicator_class.value_counts()
        sections = []
        for indicator_class in FINDING_CLASSES:
            mine = self.claims[self.claims.indicator_class == indicator_class]
            latest = mine.sort_values(["period_end", "claim_id"], ascending=[False, True]).head(LATEST)
            sections.append(
                {"indicator_class": indicator_class, "findings": [self.finding_data(c) for c in latest.itertuples()]}
            )
        return render(
            "port_findings.html.j2",
            name=self.info["name"],
            summary=self.info["summary"],
            claims=len(self.claims),
            articles=self.claims.article_id.nunique(),
            class_counts=[(k, int(counts.get(k, 0))) for k in ports.CLASS_ORDER],
            verdict_counts=[(v, int(n)) for v, n in verdicts.items()],
            sections=sections,
        )

    def indicator_table_html(self) -> Markup:
        """Every claim about the port with its class and why, by class and period."""
        ordered = self.claims.sort_values(["indicator_class", "period_start", "claim_id"])
        rows = [{"claim": c, "verdict": self.trails[c.claim_id].verdict} for c in ordered.itertuples()]
        return render("port_indicators.html.j2", rows=rows)

    def source_line(self) -> str:
        """Where the chapter's chart data come from, as plain text (it is drawn on the charts too)."""
        outlets = sorted({self.trails[c].outlet.split(" (")[0] for c in self.claims.claim_id})
        return drawn(chart_words("port_charts.html.j2", "source", outlets=outlets))

    def charts_html(self) -> Markup:
        """The locator map, every claim on a timeline, and every yuan figure as an interval (each only if it has data)."""
        words = "port_charts.html.j2"
        name = self.info["name"]
        locations = ports.load_locations()
        located = self.port in set(locations.port)
        parts = [
            charts.locator_map(
                locations,
                charts.Chart(
                    f"port-{self.port}-map",
                    chart_words(words, "map_alt", name=name, located=located),
                    chart_words(words, "map_caption", name=name, located=located),
                    drawn(chart_words(words, "map_source")),
                ),
                highlight=self.port,
            )
        ]
        if not self.claims.empty:
            counts = self.claims.indicator_class.value_counts()
            parts.append(
                charts.claim_timeline(
                    self.claims,
                    charts.Chart(
                        f"port-{self.port}-timeline",
                        chart_words(
                            words,
                            "timeline_alt",
                            name=name,
                            claims=len(self.claims),
                            class_counts=[(k, int(n)) for k, n in counts.items()],
                        ),
                        chart_words(words, "timeline_caption", name=name),
                        self.source_line(),
                    ),
                    drawn(chart_words(words, "timeline_title", name=name)),
                )
            )
            money = self.claims[self.claims.unit == "yuan"]
            if not money.empty:
                parts.append(
                    charts.value_intervals(
                        money,
                        charts.Chart(
                            f"port-{self.port}-yuan",
                            chart_words(
                                words,
                                "yuan_alt",
                                name=name,
                                figures=len(money),
                                lowest=as_printed(money, "idxmin"),
                                highest=as_printed(money, "idxmax"),
                            ),
                            chart_words(words, "yuan_caption", name=name),
                            self.source_line(),
                        ),
                        drawn(chart_words(words, "yuan_title", name=name)),
                        "yuan",
                    )
                )
        return Markup("").join(parts)

    def tests_html(self) -> Markup:
        """Every plausibility test and reconciliation check that uses the port's figures, with its formula and verdict."""
        tests = [
            {
                "test_id": t.test_id,
                "formula": t.formula,
                "verdict": str(t.verdict),
                "kind": t.kind,
                "explanation": str(t.explanation),
            }
            for t in self.tests.itertuples()
        ]
        return render("port_tests.html.j2", tests=tests)

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
                    "claim_ids": list(mine.claim_id),
                }
            )
        return render("port_sources.html.j2", articles=articles)


def overview_counts(context: BookState) -> pd.DataFrame:
    """Claims per port (by name, in the order of data/ports.csv) and indicator class."""
    table = ports.load_ports()
    classified = ports.classified(context.claims)
    counts = classified.groupby(["port", "indicator_class"]).size().unstack(fill_value=0)
    counts = counts.reindex(index=table.port, columns=ports.CLASS_ORDER, fill_value=0)
    counts.index = table.set_index("port").loc[counts.index, "name"]
    counts.index.name = "port"
    return counts


def overview_html(context: BookState) -> Markup:
    """The ports compared: where they are, and how many claims of each class the articles make about each."""
    counts = overview_counts(context)
    table = ports.load_ports()
    locations = ports.load_locations()
    words = "overview_charts.html.j2"
    chart = charts.class_counts(
        counts,
        charts.Chart(
            "ports-classes",
            chart_words(
                words,
                "classes_alt",
                ports=[(name, [(k, int(n)) for k, n in row.items()]) for name, row in counts.iterrows()],
            ),
            chart_words(words, "classes_caption"),
            drawn(chart_words(words, "classes_source")),
        ),
        drawn(chart_words(words, "classes_title")),
    )
    locator = charts.locator_map(
        locations,
        charts.Chart(
            "ports-map",
            chart_words(words, "map_alt", places=list(locations.place)),
            chart_words(words, "map_caption"),
            drawn(chart_words("port_charts.html.j2", "map_source")),
        ),
    )
    rows = [
        {"port": p.port, "name": p.name, "counts": [int(counts.loc[p.name, k]) for k in ports.CLASS_ORDER]}
        for p in table.itertuples()
    ]
    return render("overview.html.j2", locator=locator, chart=chart, classes=ports.CLASS_ORDER, ports=rows)
