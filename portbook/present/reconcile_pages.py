"""The "Reconciling the figures" chapter: the flagship relation first, then every check by port.

The plain verdict sentence is written by code from the check and the implied
series, so it changes when the ledger or a rule does.
"""
from __future__ import annotations

from html import escape

import pandas as pd

from portbook.present import charts
from portbook.reconcile.book_state import BookState
from portbook.reconcile.flows import implied_series
from portbook.present.html_table import table
from portbook.present.port_pages import human

VERDICT_WORDS = {"consistent": "consistent", "conflict": "conflict", "ambiguous": "ambiguous",
                 "cannot_check": "cannot be checked", "not_comparable": "not comparable"}


def billions(low: float, high: float, digits: int = 6) -> str:
    if abs(high - low) < 1e-9 * max(abs(high), 1):
        return human(low, "yuan", digits)
    return f"{human(low, 'yuan', digits).replace(' yuan', '')} to {human(high, 'yuan', digits)}"


def rounded(value: float) -> str:
    """Three significant figures: enough for a sentence; the table beside it has the full numbers."""
    return human(value, "yuan", 3)


class Flagship:
    """The whole-and-part relation of one entity's flows (Kashgar's bonded zone by default)."""

    def __init__(self, entity: str, metric: str, context: BookState | None = None):
        self.context = context or BookState()
        self.entity, self.metric = entity, metric
        self.name = self.context.entities.table.at[entity, "name"]
        self.claims = self.context.claims[(self.context.claims.entity == entity) & (self.context.claims.metric == metric)]
        self.series = implied_series(self.context.claims, entity, metric)
        checks = self.context.checks
        ids = set(self.claims.claim_id)
        self.relations = checks[(checks.kind == "part_whole") & checks.claim_ids.str.split(";").apply(lambda c: bool(ids & set(c)))]

    def figures_html(self) -> str:
        ledger = self.context.ledger.set_index("claim_id")
        items = []
        for claim in self.claims.sort_values("period_start").itertuples():
            row = ledger.loc[claim.claim_id]
            items.append(f'<li><a href="cleaning.html#claim-{escape(claim.claim_id)}"><code>{escape(claim.claim_id)}</code></a>: '
                         f"“{escape(row.quote)}” ({escape(claim.article_id)}, published {escape(claim.published)}). It measures "
                         f"{escape(self.name)}'s <code>{escape(claim.metric)}</code> over {escape(claim.period_start)} to "
                         f"{escape(claim.period_end)} (“{escape(claim.period_phrase)}”): {escape(human(claim.value_low, claim.unit))}.</li>")
        return "<ul>" + "".join(items) + "</ul>"

    def series_html(self) -> str:
        rows = [[escape(r.segment), escape(r.source), escape(r.reading or ""), escape(billions(r.low, r.high)),
                 escape(billions(r.per_month_low, r.per_month_high)), f"<code>{escape(r.formula)}</code>"]
                for r in self.series.itertuples()]
        return table(f"{self.name}: reported and implied trade by period",
                     ["Period", "Source", "Reading", "Total", "Per month", "Formula"], rows, "pb-series")

    def chart_html(self) -> str:
        per_month = self.series
        alt = (f"Boxes of average monthly trade for {self.name} by period: "
               + "; ".join(f"{r.segment} ({r.source}{', ' + r.reading if r.reading else ''}): {billions(r.per_month_low, r.per_month_high)} a month"
                           for r in per_month.itertuples()) + ".")
        return charts.monthly_series(per_month, charts.Chart(
            f"reconcile-{self.entity}-{self.metric}", alt,
            f"{self.name}: average trade per month, reported and implied, with every value the figures allow.",
            "portbook checks engine on the ledger (data/claims.csv); Xinhua, 2022-05-30"),
            f"{self.name}: average trade per month")

    def verdict_sentence(self) -> str:
        """One plain sentence, from the part-whole check and the implied series."""
        if self.relations.empty:
            return f"The articles give no two figures for {self.name} whose periods overlap, so there is nothing to reconcile."
        relation = self.relations.iloc[0]
        if relation.verdict != "consistent":
            return f"{VERDICT_WORDS.get(relation.verdict, relation.verdict).capitalize()}: {relation.explanation}"
        reported = self.series[self.series.source == "reported"].sort_values("period_start")
        whole, later = reported.iloc[0], reported.iloc[-1]
        implied = self.series[self.series.source == "implied"]
        year_before = str((pd.Timestamp(later.period_start) - pd.DateOffset(years=1)).date())
        base = implied[implied.period_start == year_before]
        rest = implied[(implied.period_start > whole.period_start) & (implied.period_end == whole.period_end)]
        printed = {(c.period_start, c.period_end): f"{c.figure} {c.unit}" for c in self.claims.itertuples()}
        return (
            f"No conflict: {printed[(whole.period_start, whole.period_end)]} for {whole.segment} and "
            f"{printed[(later.period_start, later.period_end)]} for {later.segment} fit together. "
            f"Under every reading of the growth figure, {base.segment.iloc[0]} was at most "
            f"{' or '.join(rounded(h) for h in base.high)}, which leaves at least {rounded(rest.low.min())} "
            f"for {rest.segment.iloc[0]}; the monthly average rose from about {billions(rest.per_month_low.min(), rest.per_month_high.max(), 3)} "
            f"in {rest.segment.iloc[0]} to {billions(later.per_month_low, later.per_month_high, 3)} in {later.segment}."
        )


def claim_links(claim_ids: str) -> str:
    return ", ".join(f'<a href="cleaning.html#claim-{escape(i)}"><code>{escape(i)}</code></a>' for i in claim_ids.split(";"))


def checks_by_port_html(checks: pd.DataFrame, ports_table: pd.DataFrame) -> str:
    names = dict(zip(ports_table.port, ports_table.name))
    parts = []
    for port, group in checks.groupby(checks.port.replace("", "other"), sort=True):
        rows = [[f'<code>{escape(c.check_id)}</code><br><small>{escape(c.kind.replace("_", " "))}</small>', claim_links(c.claim_ids),
                 f"<code>{escape(c.formula)}</code>", f"<strong>{escape(VERDICT_WORDS.get(c.verdict, c.verdict))}</strong>",
                 escape(c.explanation)] for c in group.itertuples()]
        parts.append(table(names.get(port, port), ["Check", "Claims", "Formula and numbers", "Verdict", "Explanation"], rows,
                           "pb-checks", row_ids=[f"check-{c}" for c in group.check_id]))
    return "".join(parts)
