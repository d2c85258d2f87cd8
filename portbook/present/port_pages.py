"""A port's chapter, from the checked numbers: findings, indicators by class, timeline, checks, sources.

Every number shown is formatted here from data/processed values; nothing is typed.
Each finding carries data-claim/data-low/data-high attributes so a test can
compare what the page says with the processed data.
"""
from __future__ import annotations

import json
from html import escape

import pandas as pd

from portbook.present import charts
from portbook.reconcile import ports
from portbook.reconcile.book_state import BookState
from portbook.reconcile.trail import build_trail, involving
from portbook.present.html_table import table

SCALE_WORDS = [(1e9, "billion"), (1e6, "million")]


def human(value: float | None, unit: str, digits: int = 6) -> str:
    """A value for a sentence: '3.7 billion yuan', '195,000 vehicles', '18.3 percent'.

    >>> human(3.7e9, "yuan"), human(195000, "vehicles"), human(18.3, "percent"), human(None, "yuan"), human(29, "rank")
    ('3.7 billion yuan', '195,000 vehicles', '18.3 percent', 'unknown', 'rank 29')
    """
    if value is None or pd.isna(value):
        return "unknown"
    for size, word in SCALE_WORDS:
        if abs(value) >= size:
            return f"{value / size:,.{digits}g} {word} {unit}"
    if unit == "ratio":
        return f"{value:g} times"
    if unit == "rank":
        return f"rank {value:,.0f}"
    number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.{digits}g}"
    return f"{number} {unit}"


def describe(claim) -> str:
    """The claim's value in words, honest about intervals and readings."""
    readings = json.loads(claim.readings)
    parts = []
    for reading in readings:
        low, high = reading["low"], reading["high"]
        if low is None and high is None:
            parts.append("unknown (digits lost in the source)")
        elif high is None:
            parts.append(f"more than {human(low, claim.unit)}")
        elif low is None:
            parts.append(f"up to {human(high, claim.unit)}")
        elif low == high:
            parts.append(human(low, claim.unit))
        else:
            parts.append(f"between {human(low, claim.unit)} and {human(high, claim.unit)}")
    if len(parts) == 1:
        return parts[0]
    return " or ".join(parts) + f" ({len(parts)} readings; the source does not settle which)"


class PortStory:
    def __init__(self, port: str, context: BookState | None = None):
        table = ports.load_ports().set_index("port")
        if port not in table.index:
            from portbook.errors import BadLedger
            raise BadLedger(f"{ports.PORTS}: no port {port!r}; known: {', '.join(table.index)}")
        self.port = port
        self.info = table.loc[port]
        self.context = context or BookState()
        self.claims = ports.port_claims(self.context.claims, port)
        self.trails = {c: build_trail(c, self.context) for c in self.claims.claim_id}
        self.tests = self.tests_of(self.claims.claim_id)

    def tests_of(self, claim_ids) -> pd.DataFrame:
        """Plausibility findings and reconciliation checks that use any of these claims, once each."""
        rows = []
        for claim_id in claim_ids:
            for finding in involving(self.context.findings, claim_id).itertuples():
                rows.append({"test_id": finding.finding_id, "formula": finding.formula, "verdict": finding.verdict, "explanation": finding.explanation})
            for check in involving(self.context.checks, claim_id).itertuples():
                rows.append({"test_id": check.check_id, "formula": check.formula, "verdict": check.verdict, "explanation": check.explanation})
        tests = pd.DataFrame(rows, columns=["test_id", "formula", "verdict", "explanation"])
        return tests.drop_duplicates("test_id").sort_values("test_id", ignore_index=True)

    def finding_item(self, claim) -> str:
        trail = self.trails[claim.claim_id]
        low = "" if pd.isna(claim.value_low) else repr(float(claim.value_low))
        high = "" if pd.isna(claim.value_high) else repr(float(claim.value_high))
        return (f'<li data-claim="{escape(claim.claim_id)}" data-low="{low}" data-high="{high}">'
                f"<code>{escape(claim.metric)}</code> ({escape(claim.period_phrase)}): <strong>{escape(describe(claim))}</strong>"
                f' — <a href="../generated/cleaning.html#claim-{escape(claim.claim_id)}">{escape(trail.verdict)}</a></li>')

    def findings_html(self) -> str:
        if self.claims.empty:
            return (f"<div class=\"pb-findings\"><p>The source articles give no figure for {escape(self.info['name'])} itself. "
                    f"{escape(self.info['summary'])} It appears in them only by name; the Xinjiang-wide chapter has the "
                    f"figures that include it.</p></div>")
        counts = self.claims.indicator_class.value_counts()
        articles = self.claims.article_id.nunique()
        verdicts = pd.Series([self.trails[c].verdict for c in self.claims.claim_id]).value_counts()
        summary = (f"<p>{escape(self.info['summary'])} The source articles make <strong>{len(self.claims)}</strong> numeric claims "
                   f"about it, in <strong>{articles}</strong> article(s): "
                   + ", ".join(f"<strong>{int(counts.get(k, 0))}</strong> {k}" for k in ports.CLASS_ORDER) + ". "
                   + "Verdicts: " + ", ".join(f"{int(n)} {escape(v)}" for v, n in verdicts.items()) + ".</p>")
        sections = []
        for indicator_class, heading in (("channel", "What passes through"), ("industrial", "What is made or processed here"),
                                         ("trade", "What is traded")):
            mine = self.claims[self.claims.indicator_class == indicator_class]
            if mine.empty:
                sections.append(f"<p><strong>{heading}:</strong> the articles give no {indicator_class} figure for this port.</p>")
                continue
            latest = mine.sort_values(["period_end", "claim_id"], ascending=[False, True]).head(4)
            sections.append(f"<p><strong>{heading}</strong> (latest first):</p><ul>"
                            + "".join(self.finding_item(c) for c in latest.itertuples()) + "</ul>")
        return f'<div class="pb-findings">{summary}{"".join(sections)}</div>'

    def indicator_table_html(self) -> str:
        if self.claims.empty:
            return "<p>No claims to classify.</p>"
        rows = [
            [escape(c.indicator_class),
             f'<a href="../generated/cleaning.html#claim-{escape(c.claim_id)}"><code>{escape(c.claim_id)}</code></a>',
             escape(describe(c)),
             f"{escape(c.period_phrase)}<br><small>{escape(c.period_start)} to {escape(c.period_end)}</small>",
             escape(self.trails[c.claim_id].verdict), f"<small>{escape(c.class_reason)}</small>"]
            for c in self.claims.sort_values(["indicator_class", "period_start", "claim_id"]).itertuples()
        ]
        return table("Every claim about this port, by class", ["Class", "Claim", "Value", "Period", "Verdict", "Why this class"],
                     rows, "pb-indicators")

    def source_line(self) -> str:
        outlets = sorted({self.trails[c].outlet.split(" (")[0] for c in self.claims.claim_id})
        return f"portbook ledger (data/claims.csv) of the articles by {', '.join(outlets) or 'the source outlets'}; values computed by portbook"

    def charts_html(self) -> str:
        parts = [charts.locator_map(ports.load_locations(), charts.Chart(
            f"port-{self.port}-map", f"Schematic map of Xinjiang's ports by longitude and latitude, with {self.info['name']} highlighted.",
            f"Where {self.info['name']} lies among the ports in this book.", "data/port_locations.csv (approximate coordinates)"),
            highlight=self.port)]
        if not self.claims.empty:
            counts = self.claims.indicator_class.value_counts()
            parts.append(charts.claim_timeline(self.claims, charts.Chart(
                f"port-{self.port}-timeline",
                f"Timeline of the {len(self.claims)} claims about {self.info['name']}, one row per claim, bars for flows over a period and "
                f"markers for counts at a date, coloured by class: " + ", ".join(f"{int(n)} {k}" for k, n in counts.items()) + ".",
                f"Every claim about {self.info['name']} by the period it covers.", self.source_line()),
                f"{self.info['name']}: claims by period"))
            money = self.claims[self.claims.unit == "yuan"]
            if not money.empty:
                parts.append(charts.value_intervals(money, charts.Chart(
                    f"port-{self.port}-yuan",
                    f"Log-scale chart of the {len(money)} yuan figures about {self.info['name']}, each reading as a point, a range or an "
                    f"arrow for 'more than'; from {human(money.value_low.min(), 'yuan')} to {human(money.value_low.max(), 'yuan')} at the low end.",
                    f"Every yuan figure about {self.info['name']}, as intervals.", self.source_line()),
                    f"{self.info['name']}: yuan figures", "yuan"))
        return "".join(parts)

    def tests_html(self) -> str:
        if self.tests.empty:
            return "<p>No plausibility test or reconciliation check uses this port's figures.</p>"
        rows = [[f"<code>{escape(t.test_id)}</code>", f"<code>{escape(t.formula)}</code>",
                 f"<strong>{escape(str(t.verdict).replace('_', ' '))}</strong>", escape(str(t.explanation))]
                for t in self.tests.itertuples()]
        return table("Checks and defects", ["Test", "Formula", "Verdict", "Explanation"], rows, "pb-port-tests")

    def sources_html(self) -> str:
        if self.claims.empty:
            return "<p>No claims.</p>"
        items = []
        for article_id, mine in self.claims.groupby("article_id"):
            trail = self.trails[mine.claim_id.iloc[0]]
            links = ", ".join(f'<a href="../generated/cleaning.html#claim-{escape(c)}"><code>{escape(c)}</code></a>' for c in mine.claim_id)
            items.append(f'<li><a href="../articles/{escape(article_id)}.html">{escape(trail.outlet)}, {escape(trail.published)}: '
                         f"{escape(trail.headline)}</a>: {links}</li>")
        return "<ul>" + "".join(items) + "</ul>"


def overview_counts(context: BookState) -> pd.DataFrame:
    table = ports.load_ports()
    classified = ports.classified(context.claims)
    counts = classified.groupby(["port", "indicator_class"]).size().unstack(fill_value=0)
    counts = counts.reindex(index=table.port, columns=ports.CLASS_ORDER, fill_value=0)
    counts.index = table.set_index("port").loc[counts.index, "name"]
    counts.index.name = "port"
    return counts


def overview_html(context: BookState) -> str:
    counts = overview_counts(context)
    table = ports.load_ports()
    chart = charts.class_counts(counts, charts.Chart(
        "ports-classes", "Stacked bars of the number of claims per port by class: " + "; ".join(
            f"{name}: " + ", ".join(f"{int(n)} {k}" for k, n in row.items()) for name, row in counts.iterrows()) + ".",
        "How much of each port's story is channel (passing through), industrial (made or processed there), trade, or context.",
        "portbook ledger (data/claims.csv) of the source articles"), "Claims per port, by class")
    locator = charts.locator_map(ports.load_locations(), charts.Chart(
        "ports-map", "Schematic map of the ports in this book by longitude and latitude: "
        + ", ".join(ports.load_locations().place) + ".", "The ports in this book.", "data/port_locations.csv (approximate coordinates)"))
    rows = "".join(
        f'<tr><td><a href="../ports/{escape(p.port)}.html">{escape(p.name)}</a></td>'
        + "".join(f"<td>{int(counts.loc[p.name, k])}</td>" for k in ports.CLASS_ORDER) + "</tr>"
        for p in table.itertuples()
    )
    head = "".join(f'<th scope="col">{h}</th>' for h in ["Port", *ports.CLASS_ORDER])
    return (locator + f'<table class="pb-overview"><caption>Claims per port and class</caption><thead><tr>{head}</tr></thead>'
            f"<tbody>{rows}</tbody></table>" + chart)
