"""HTML for the "Cleaning the numbers" chapter, from the claims_*.html.j2 templates (autoescaped)."""

from __future__ import annotations

import json

import pandas as pd
from markupsafe import Markup

from portbook.numbers.repairs import REPAIRS
from portbook.present.figures import DEFAULT_DIGITS, significant_digits
from portbook.present.render import render


def quote_html(quote: str, figure: str) -> Markup:
    """The quote with its figure marked."""
    return render("claims_quote.html.j2", quote=quote, figure=figure)


def readings_html(readings: str, unit: str, sig: int = DEFAULT_DIGITS) -> Markup:
    """A claim's readings (JSON, as claims.csv holds them) as a list a reader can read, to ``sig`` digits."""
    return render("claims_readings.html.j2", readings=json.loads(readings), unit=unit, sig=sig)


def _tests_using(claim_id: str, findings: pd.DataFrame) -> list:
    """The plausibility findings whose claims include this one."""
    return list(findings[findings.claim_ids.str.split(";").apply(lambda ids: claim_id in ids)].itertuples())


def tests_for(claim_id: str, findings: pd.DataFrame) -> Markup:
    """The plausibility tests that use this claim, each with its formula, bounds, verdict and explanation."""
    return render("claims_tests.html.j2", tests=_tests_using(claim_id, findings))


def defects_html(defects: pd.DataFrame, ledger: pd.DataFrame, findings: pd.DataFrame) -> Markup:
    """One card per defect: as printed, read literally, as cleaned, rule and evidence, tests, confidence."""
    notes = ledger.set_index("claim_id")
    cards = []
    for claim in defects.itertuples():
        source = notes.loc[claim.claim_id]
        cards.append(
            {
                "claim": claim,
                "quote": source.quote,
                "figure": source.figure,
                "note": source.note,
                "evidence": REPAIRS[claim.repair].evidence,
                "printed": json.loads(claim.printed_reading) if claim.printed_reading else [],
                "readings": json.loads(claim.readings),
                "sig": significant_digits(source.figure),
                "tests": _tests_using(claim.claim_id, findings),
            }
        )
    return render("claims_defects.html.j2", defects=cards)


def findings_html(findings: pd.DataFrame) -> Markup:
    """The table of every plausibility test: its claims, formula, bounds and basis, readings tested and verdict."""
    rows = [
        {"row": finding, "claim_ids": finding.claim_ids.split(";"), "tested": json.loads(finding.readings)}
        for finding in findings.itertuples()
    ]
    return render("claims_findings.html.j2", findings=rows)


def claims_html(claims: pd.DataFrame, ledger: pd.DataFrame, trails: dict, flagship: set[str]) -> str:
    """Every claim with its anchor, value, period, verdict and the way to audit it."""
    source = ledger.set_index("claim_id")
    rows = []
    for claim in claims.itertuples():
        row = source.loc[claim.claim_id]
        rows.append(
            {
                "claim": claim,
                "quote": row.quote,
                "figure": row.figure,
                "readings": json.loads(claim.readings),
                "sig": significant_digits(row.figure),
                "trail": trails[claim.claim_id],
                "flagship": claim.claim_id in flagship,
            }
        )
    # A str, not Markup: the chapter appends claimreview.json_ld_html's <script> (a str) to this, and Markup + str
    # would escape that script into visible text.
    return str(render("claims_table.html.j2", claims=rows))


def coverage_html(mentions: pd.DataFrame) -> Markup:
    """How many numeric mentions each article has, by how each is accounted for (claim, excluded, period...)."""
    counts = mentions.groupby(["article_id", "status"]).size().unstack(fill_value=0)
    rows = [{"article": article, "counts": [int(v) for v in values]} for article, values in counts.iterrows()]
    return render("claims_coverage.html.j2", statuses=[str(c) for c in counts.columns], counts=rows)
