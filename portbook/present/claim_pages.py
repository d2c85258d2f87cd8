"""HTML for the "Cleaning the numbers" chapter. Every string from a source or the ledger is escaped."""
from __future__ import annotations

import json
from html import escape

import pandas as pd

from portbook.present.html_table import table
from portbook.numbers.repairs import REPAIRS
from portbook.reconcile.plausibility import fmt_interval


def quote_html(quote: str, figure: str) -> str:
    """The quote with its figure marked."""
    at = quote.find(figure)
    return f"{escape(quote[:at])}<mark>{escape(figure)}</mark>{escape(quote[at + len(figure):])}"


def readings_html(readings: str, unit: str) -> str:
    items = [f"<li>{escape(r['label'])}: {escape(fmt_interval(r['low'], r['high']))} {escape(unit)}</li>" for r in json.loads(readings)]
    return f"<ul class=\"pb-readings\">{''.join(items)}</ul>"


def claim_anchor(claim_id: str) -> str:
    return f"claim-{claim_id}"


def tests_for(claim_id: str, findings: pd.DataFrame) -> str:
    rows = findings[findings.claim_ids.str.split(";").apply(lambda ids: claim_id in ids)]
    if rows.empty:
        return "<em>no plausibility test fits this claim</em>"
    return "".join(
        f"<p><code>{escape(r.formula)}</code> within {escape(r.bounds)}: <strong>{escape(r.verdict.replace('_', ' '))}</strong>. "
        f"{escape(r.explanation)}</p>" for r in rows.itertuples()
    )


def defects_html(defects: pd.DataFrame, ledger: pd.DataFrame, findings: pd.DataFrame) -> str:
    """One card per defect: as printed, read literally, as cleaned, rule and evidence, tests, confidence."""
    notes = ledger.set_index("claim_id")
    cards = []
    for claim in defects.itertuples():
        source = notes.loc[claim.claim_id]
        rule = REPAIRS[claim.repair]
        printed = readings_html(claim.printed_reading, claim.unit) if claim.printed_reading else "<em>cannot be read without a repair</em>"
        fields = [
            ("As printed", f"<blockquote>{quote_html(source.quote, source.figure)}</blockquote>"
                           f'<small>from <a href="../articles/{escape(claim.article_id)}.html">{escape(claim.article_id)}</a></small>'),
            ("Read literally", printed),
            ("As cleaned", readings_html(claim.readings, claim.unit)),
            ("Rule", f"<code>{escape(claim.repair)}</code>: {escape(rule.evidence)}"),
            ("Ledger note", escape(source.note)),
            ("Tests", tests_for(claim.claim_id, findings)),
            ("Confidence", f"<strong>{escape(claim.confidence)}</strong>: {escape(claim.confidence_reason)}"),
        ]
        body = "".join(f"<dt>{escape(k)}</dt><dd>{v}</dd>" for k, v in fields)
        cards.append(f'<section class="pb-defect" aria-label="{escape(claim.claim_id)}"><p class="pb-defect-title">'
                     f'<a href="#{claim_anchor(claim.claim_id)}"><code>{escape(claim.claim_id)}</code></a></p><dl>{body}</dl></section>')
    return "".join(cards)


def findings_html(findings: pd.DataFrame) -> str:
    rows = []
    for finding in findings.itertuples():
        tested = "".join(f"<li>{escape(t['reading'])} = {escape(t['value'])}: {escape(t['verdict'])}</li>" for t in json.loads(finding.readings))
        ids = ", ".join(f'<a href="#{claim_anchor(c)}"><code>{escape(c)}</code></a>' for c in finding.claim_ids.split(";"))
        rows.append([escape(finding.kind.replace("_", " ")), ids, f"<code>{escape(finding.formula)}</code>",
                     f"{escape(finding.bounds)}<br><small>{escape(finding.basis)}</small>", f"<ul>{tested}</ul>",
                     f"<strong>{escape(finding.verdict.replace('_', ' '))}</strong>"])
    return table("Every plausibility test, with its arithmetic", ["Test", "Claims", "Formula", "Bounds and basis", "Readings tested", "Verdict"],
                 rows, "pb-findings")


def claims_html(claims: pd.DataFrame, ledger: pd.DataFrame, trails: dict, flagship: set[str]) -> str:
    """Every claim with its anchor, value, period, verdict and the way to audit it."""
    from portbook.present.claimreview import audit_link_html

    source = ledger.set_index("claim_id")
    rows = []
    for claim in claims.itertuples():
        row = source.loc[claim.claim_id]
        trail = trails[claim.claim_id]
        period = f"{escape(claim.period_phrase)}<br><small>{escape(claim.period_start or '?')} to {escape(claim.period_end or '?')} ({escape(claim.period_kind)})</small>"
        rows.append([f"<code>{escape(claim.claim_id)}</code>", f'<a href="../articles/{escape(claim.article_id)}.html">{escape(claim.article_id)}</a>',
                     quote_html(row.quote, row.figure), f"{escape(claim.entity)}<br><small>{escape(claim.metric)}</small>",
                     escape(claim.qualifier.replace("_", " ")), f"<code>{escape(claim.repair)}</code>",
                     readings_html(claim.readings, claim.unit), period, escape(claim.flags.replace(";", ", ")),
                     f"<strong>{escape(trail.verdict)}</strong><br><small>{escape(trail.verdict_reason)}</small>",
                     audit_link_html(trail, flagship)])
    return table("Every claim in the ledger", ["Claim", "Article", "Quote", "Entity and metric", "Qualifier", "Repair",
                                               "Value (base units)", "Period", "Flags", "Verdict", "Audit"], rows, "pb-claims",
                 row_ids=[claim_anchor(c) for c in claims.claim_id])


def coverage_html(mentions: pd.DataFrame) -> str:
    counts = mentions.groupby(["article_id", "status"]).size().unstack(fill_value=0)
    headers = ["Article"] + list(counts.columns)
    rows = [[escape(article)] + [str(int(v)) for v in values] for article, values in counts.iterrows()]
    return table("Numeric mentions by article and how each is accounted for", headers, rows, "pb-coverage")
