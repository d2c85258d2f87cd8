"""The "Reconciling the figures" chapter: the flagship relation first, then every check by port.

The verdict is chosen by code from the check and the implied series, so it changes when the ledger or a rule
does; its words are in templates/reconcile_verdict_sentence.html.j2, the other sentences and markup in
templates/reconcile_*.html.j2, and every number goes through present/figures.py.
"""

from __future__ import annotations

import pandas as pd
from markupsafe import Markup

from portbook.errors import BadParameter
from portbook.ids import listing, require_parameter
from portbook.present import charts
from portbook.present.figures import significant_digits
from portbook.present.render import drawn, render
from portbook.present.render import words as chart_words
from portbook.reconcile.book_state import BookState
from portbook.reconcile.flows import implied_series


class Flagship:
    """The whole-and-part relation of one entity's flows (Kashgar's bonded zone by default)."""

    def __init__(self, entity: str, metric: str, context: BookState | None = None):
        self.context = context or BookState()
        claims = self.context.claims
        require_parameter("entity", entity, set(claims.entity), "entity with claims (data/claims.csv, column entity)")
        require_parameter("metric", metric, set(claims.metric[claims.entity == entity]), f"metric of {entity}'s claims")
        self.entity, self.metric = entity, metric
        self.name = self.context.entities.table.at[entity, "name"]
        self.claims = claims[(claims.entity == entity) & (claims.metric == metric)]
        # one metric, one unit; yuan is what the chapter was written for
        self.unit = self.claims.unit.iloc[0]
        self.series = implied_series(claims, entity, metric)
        if self.series.empty:
            charted = sorted(
                f"{e} {m}" for e, m in set(zip(claims.entity, claims.metric)) if not implied_series(claims, e, m).empty
            )
            raise BadParameter(
                f"parameters entity = {entity!r}, metric = {metric!r}: no flow over a period to chart; "
                f"accepted (entity metric): {listing(charted, f'{entity} {metric}')}"
            )
        checks = self.context.checks
        ids = set(self.claims.claim_id)
        self.relations = checks[
            (checks.kind == "part_whole") & checks.claim_ids.str.split(";").apply(lambda c: bool(ids & set(c)))
        ]

    def figures_html(self) -> Markup:
        """Each of the entity's figures: its quote, its source, and what it measures over which period."""
        ledger = self.context.ledger.set_index("claim_id")
        figures = [
            {"claim": claim, "quote": ledger.at[claim.claim_id, "quote"], "sig": significant_digits(str(claim.figure))}
            for claim in self.claims.sort_values("period_start").itertuples()
        ]
        return render("reconcile_figures.html.j2", name=self.name, figures=figures)

    def series_html(self) -> Markup:
        """The reported and implied series as a table, with each value's formula."""
        return render("reconcile_series.html.j2", name=self.name, unit=self.unit, series=list(self.series.itertuples()))

    def chart_html(self) -> Markup:
        """The chart of average monthly trade by period, every value the figures allow drawn as a box."""
        words = "reconcile_chart.html.j2"
        return charts.monthly_series(
            self.series,
            charts.Chart(
                f"reconcile-{self.entity}-{self.metric.replace('_', '-')}",
                chart_words(words, "alt", name=self.name, series=list(self.series.itertuples()), unit=self.unit),
                chart_words(words, "caption", name=self.name),
                drawn(chart_words(words, "source")),
            ),
            drawn(chart_words(words, "title", name=self.name)),
        )

    def verdict_values(self) -> dict:
        """What the verdict sentence says, as numbers and periods: the relation and, when it holds, the figures it rests on."""
        if self.relations.empty:
            return {"relation": None}
        relation = self.relations.iloc[0]
        if relation.verdict != "consistent":
            return {"relation": relation}
        reported = self.series[self.series.source == "reported"].sort_values("period_start")
        whole, later = reported.iloc[0], reported.iloc[-1]
        implied = self.series[self.series.source == "implied"]
        year_before = str((pd.Timestamp(later.period_start) - pd.DateOffset(years=1)).date())
        base = implied[implied.period_start == year_before]
        rest = implied[(implied.period_start > whole.period_start) & (implied.period_end == whole.period_end)]
        printed = {(c.period_start, c.period_end): c for c in self.claims.itertuples()}

        def reported_figure(row) -> dict:
            claim = printed[(row.period_start, row.period_end)]
            return {
                "figure": claim.figure,
                "unit": claim.unit,
                "segment": row.segment,
                "per_month_low": row.per_month_low,
                "per_month_high": row.per_month_high,
            }

        return {
            "relation": relation,
            "whole": reported_figure(whole),
            "later": reported_figure(later),
            "base": {"segment": base.segment.iloc[0], "highs": list(base.high)},
            "rest": {
                "segment": rest.segment.iloc[0],
                "low": rest.low.min(),
                "per_month_low": rest.per_month_low.min(),
                "per_month_high": rest.per_month_high.max(),
            },
        }

    def verdict_markup(self) -> Markup:
        """The verdict sentence as HTML text (escaped, no tags)."""
        sentence = render("reconcile_verdict_sentence.html.j2", name=self.name, unit=self.unit, **self.verdict_values())
        # the template breaks the sentence over lines for editors; a reader gets one line
        return Markup(" ").join(sentence.split())

    def verdict_sentence(self) -> str:
        """One plain sentence, from the part-whole check and the implied series."""
        return self.verdict_markup().unescape()

    def verdict_html(self) -> Markup:
        """The verdict as the chapter shows it: a highlighted paragraph."""
        return render("reconcile_verdict.html.j2", sentence=self.verdict_markup())


def claim_links(claim_ids: str) -> Markup:
    """Links to the claims of a ';'-separated list, separated by commas."""
    return render("reconcile_claim_links.html.j2", claim_ids=claim_ids.split(";"))


def checks_by_port_html(checks: pd.DataFrame, ports_table: pd.DataFrame) -> Markup:
    """Every reconciliation check, one table per port (checks with no port under 'other'), each row anchored by its id."""
    names = dict(zip(ports_table.port, ports_table.name, strict=True))
    groups = []
    for port, group in checks.groupby(checks.port.replace("", "other"), sort=True):
        rows = [
            {
                "check_id": c.check_id,
                "kind": c.kind,
                "claim_ids": c.claim_ids.split(";"),
                "formula": c.formula,
                "verdict": c.verdict,
                "explanation": c.explanation,
            }
            for c in group.itertuples()
        ]
        groups.append({"caption": names.get(port, port), "checks": rows})
    return render("reconcile_checks.html.j2", groups=groups)
