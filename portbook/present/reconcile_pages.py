"""The "Reconciling the figures" chapter: the flagship pair (data/flagship.csv) first, then every check by port.

The verdict is chosen by code from the check and the implied series, so it changes when the ledger or a rule
does; its words are in templates/reconcile_verdict_sentence.html.j2, the other sentences and markup in
templates/reconcile_*.html.j2, and every number goes through present/figures.py.
"""

from __future__ import annotations

import pandas as pd
from markupsafe import Markup

from portbook.errors import BadFlagship
from portbook.ids import require_parameter
from portbook.numbers.flagship import load_flagship
from portbook.numbers.interval import hull
from portbook.present import lead_charts
from portbook.present.figures import significant_digits
from portbook.present.names import claim_titles
from portbook.present.render import render
from portbook.present.stories import read_story
from portbook.reconcile import book_state
from portbook.reconcile.book_state import BookState
from portbook.reconcile.flows import flows, implied_series, nested_pairs, remainders
from portbook.reconcile.intervals import per_month


class Flagship:
    """The flagship pair named in data/flagship.csv (a whole and the figure reconciled with it), its entity's
    figures for the pair's metric, the implied series and the part-whole relation between the two."""

    def __init__(self, whole: str = "", other: str = "", context: BookState | None = None):
        self.context = context or book_state.current()
        if not whole or not other:
            named = load_flagship(known_claims=self.context.ledger.claim_id)
            whole, other = whole or named.whole, other or named.other
        claims = self.context.claims.set_index("claim_id", drop=False)
        for parameter, claim_id in (("whole", whole), ("other", other)):
            require_parameter(parameter, claim_id, set(claims.index), "claim id of data/claims.csv", BadFlagship)
        self.whole, self.other = claims.loc[whole], claims.loc[other]
        if (self.whole.entity, self.whole.metric) != (self.other.entity, self.other.metric):
            raise BadFlagship(
                f"flagship pair: {whole} ({self.whole.entity}, {self.whole.metric}) and {other} "
                f"({self.other.entity}, {self.other.metric}) must be one entity and one metric"
            )
        self.entity, self.metric = self.whole.entity, self.whole.metric
        self.name = self.context.entities.table.at[self.entity, "name"]
        self.claims = self.context.claims[
            (self.context.claims.entity == self.entity) & (self.context.claims.metric == self.metric)
        ]
        self.unit = self.whole.unit
        self.series = implied_series(self.context.claims, self.entity, self.metric)
        self.pair = self._nested_pair()
        self.relation = self._relation()

    def _nested_pair(self):
        """The (whole flow, part flow) of the pair: the whole claim's flow, and the other claim's flow or the part
        its growth rate implies; None when their periods do not nest."""
        found = flows(self.context.claims, self.entity, self.metric)
        candidates = [
            (whole, part)
            for whole, part in nested_pairs(found)
            if whole.source == "reported"
            and whole.claims[0].claim_id == self.whole.claim_id
            and part.claims[0].claim_id == self.other.claim_id
        ]
        candidates.sort(key=lambda pair: (pair[1].source, [c.claim_id for c in pair[1].claims]))
        return candidates[0] if candidates else None

    def _relation(self):
        """The part-whole check of the pair (the row of the checks table), or None."""
        if self.pair is None:
            return None
        ids = {c.claim_id for flow in self.pair for c in flow.claims}
        checks = self.context.checks
        rows = checks[(checks.kind == "part_whole") & checks.claim_ids.str.split(";").apply(lambda c: set(c) == ids)]
        return rows.sort_values("check_id").iloc[0] if len(rows) else None

    def titles(self) -> dict[str, str]:
        """Every claim's title in words, by claim id, for links a reader can read."""
        return claim_titles(self.context.claims, dict(self.context.entities.table["name"]))

    def claim_ports(self) -> dict[str, str]:
        """Each claim's port, by claim id, to list a check under every port whose figures it uses."""
        return dict(zip(self.context.claims.claim_id, self.context.claims.port))

    def figures_html(self) -> Markup:
        """Each of the entity's figures: its quote, its source, and what it measures over which period."""
        ledger = self.context.ledger.set_index("claim_id")
        titles = self.titles()
        figures = [
            {
                "claim": claim,
                "quote": ledger.at[claim.claim_id, "quote"],
                "sig": significant_digits(str(claim.figure)),
                "title": titles[claim.claim_id],
                "outlet": self.context.seeds[claim.article_id].outlet,
            }
            for claim in self.claims.sort_values("period_start").itertuples()
        ]
        return render("reconcile_figures.html.j2", name=self.name, figures=figures)

    def series_html(self) -> Markup:
        """The reported and implied series as a table, with each value's formula."""
        return render("reconcile_series.html.j2", name=self.name, unit=self.unit, series=list(self.series.itertuples()))

    def chart_html(self) -> Markup:
        """The chart of trade per month by period at its place in time, reported and implied (present/lead_charts.py)."""
        chart = lead_charts.monthly_pace_html(
            self.context, self.entity, self.metric, f"reconcile-{self.entity}-{self.metric.replace('_', '-')}"
        )
        return chart or Markup("")

    def verdict_values(self) -> dict:
        """What the verdict sentence says, as numbers and periods: the relation and, when it holds, the figures it
        rests on. Every value comes from the pair's own flows, whatever else the ledger holds for the entity."""
        if self.relation is None:
            return {"relation": None}
        if self.relation.verdict != "consistent":
            return {"relation": self.relation}
        whole, part = self.pair
        readings = remainders(whole, part)
        rest = readings[0]["segment"]
        rest_rates = [r["per_month"][rest] for r in readings if rest in r["per_month"]]
        values = {
            "relation": self.relation,
            "sig": min(whole.digits, part.digits),
            "whole": {"figure": self.whole.figure, "unit": self.whole.unit, "segment": whole.label},
            "part": {
                "segment": part.label,
                "implied": part.source == "implied",
                "highs": list(dict.fromkeys(r["part_high"] for r in readings)),
                "figure": self.other.figure,
            },
            "rest": {
                "segment": rest,
                "low": min(r["low"] for r in readings),
                "per_month_low": min((low for low, _ in rest_rates if low is not None), default=None),
                "per_month_high": max((high for _, high in rest_rates if high is not None), default=None),
            },
            "later": None,
            "direction": "",
        }
        if part.later is not None:
            later = per_month(hull([iv for _, iv, _, _ in part.later.readings]), part.later.months)
            values["later"] = {
                "figure": self.other.figure,
                "unit": self.other.unit,
                "segment": part.later.label,
                "per_month_low": later.low,
                "per_month_high": later.high,
            }
            low, high = values["rest"]["per_month_low"], values["rest"]["per_month_high"]
            if rest_rates and low is not None and high is not None and later.low is not None:
                values["direction"] = (
                    "rose" if later.low > high else "fell" if later.high is not None and later.high < low else "held"
                )
        return values

    def verdict_markup(self) -> Markup:
        """The verdict sentence as HTML (escaped; a check's result word is a link to its definition)."""
        sentence = render("reconcile_verdict_sentence.html.j2", name=self.name, unit=self.unit, **self.verdict_values())
        # the template breaks the sentence over lines for editors; a reader gets one line
        return Markup(" ").join(sentence.split())

    def verdict_sentence(self) -> str:
        """One plain sentence, from the part-whole check and the implied series."""
        return self.verdict_markup().striptags()

    def written_story(self) -> str:
        """The puzzle's introduction as the editor wrote it in book/stories/puzzle-<entity>.md, or nothing."""
        return read_story(f"puzzle-{self.entity}", self.context.ledger.claim_id) or ""

    def verdict_html(self) -> Markup:
        """The verdict as the chapter shows it: a highlighted paragraph."""
        return render("reconcile_verdict.html.j2", sentence=self.verdict_markup())


def claim_links(claim_ids: str, titles: dict[str, str]) -> Markup:
    """Links to the claims of a ';'-separated list, separated by commas."""
    return render("reconcile_claim_links.html.j2", claim_ids=claim_ids.split(";"), titles=titles)


def checks_by_port_html(
    checks: pd.DataFrame, ports_table: pd.DataFrame, titles: dict[str, str], references=(), claim_ports=None
) -> Markup:
    """Every reconciliation check, one table per port (checks with no port under 'other'), each row anchored by its id;
    the sources an explanation cites (``references``, rows of data/references.csv) linked by their outlets.
    With ``claim_ports`` (claim id -> port), a check is listed under every port whose claims it uses, as each port's
    chapter lists it, so the two pages count a port's checks alike; else under the port it was filed under."""
    names = dict(zip(ports_table.port, ports_table.name, strict=True))
    if claim_ports is not None:
        checks = checks.assign(
            port=[
                sorted({claim_ports[c] for c in ids.split(";") if claim_ports.get(c)} or {port})
                for ids, port in zip(checks.claim_ids, checks.port)
            ]
        ).explode("port")
    groups = []
    anchored = set()  # a check listed under two ports is anchored once: an id names one place on the page
    for port, group in checks.groupby(checks.port.replace("", "other"), sort=True):
        rows = [
            {
                "anchored": c.check_id not in anchored and not anchored.add(c.check_id),
                "check_id": c.check_id,
                "kind": c.kind,
                "claim_ids": c.claim_ids.split(";"),
                "formula": c.formula,
                "verdict": c.verdict,
                "explanation": c.explanation,
            }
            for c in group.itertuples()
        ]
        caption = names.get(port) or ("Figures of no single port" if port == "other" else port)
        groups.append({"caption": caption, "checks": rows})
    return render("reconcile_checks.html.j2", groups=groups, titles=titles, references=list(references))
