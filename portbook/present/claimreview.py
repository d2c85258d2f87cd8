"""Machine-readable claims: data/processed/claims.json and schema.org ClaimReview JSON-LD.

Each claim's record carries its quote, source, cleaned interval, period, the
tests that use it and its verdict, all from the same audit trail the check
notebook and the command print.
"""

from __future__ import annotations

import json

from markupsafe import Markup

from portbook import atomic, paths
from portbook.present.render import render
from portbook.reconcile import book_state, verdicts
from portbook.reconcile.book_state import BookState
from portbook.reconcile.trail import Trail, build_trail

CLAIMS_JSON = paths.PROCESSED / "claims.json"
TRAILS_JSON = paths.PROCESSED / "trails.json"
# The date this review was published. A fixed date, not the build's clock, so that two builds give
# identical pages; change it when the review is re-published.
REVIEW_DATE = "2026-11-23"
REVIEWER = "portbook data desk"
CLAIMS_PAGE = "book/generated/cleaning.html"


def all_trails(context: BookState | None = None) -> list[Trail]:
    """Every claim's audit trail, in ledger order, from one BookState."""
    context = context or book_state.current()
    return [build_trail(claim_id, context) for claim_id in sorted(context.ledger.claim_id)]


def claim_record(trail: Trail) -> dict:
    """One claim's record for data/processed/claims.json: quote, value, period, verdict and source."""
    return {
        "claim_id": trail.claim_id,
        "article_id": trail.article_id,
        "outlet": trail.outlet,
        "published": trail.published,
        "quote": trail.quote,
        "figure": trail.figure,
        "entity": trail.entity,
        "metric": trail.metric,
        "unit": trail.unit,
        "period_phrase": trail.period_phrase,
        "period": trail.period,
        "readings": trail.readings,
        "value_low": trail.value_low,
        "value_high": trail.value_high,
        "tests": [{k: t[k] for k in ("id", "kind", "formula", "verdict", "explanation")} for t in trail.tests],
        "best_reading": trail.best,
        "confidence": trail.confidence,
        "confidence_reason": trail.confidence_reason,
        "evidence": trail.evidence,
        "rejected_readings": trail.rejected,
        "references": trail.references,
        "verdict": trail.verdict,
        "verdict_reason": trail.verdict_reason,
        "audit_command": f"python -m portbook check {trail.claim_id}",
        "anchor": f"{CLAIMS_PAGE}#claim-{trail.claim_id}",
    }


def write_claims_json(trails: list[Trail]) -> None:
    """Write data/processed/claims.json atomically from every claim's trail."""
    atomic.write_json(CLAIMS_JSON, [claim_record(t) for t in trails])


def claim_review(trail: Trail, page_url: str) -> dict:
    """One schema.org ClaimReview: the claim as it appeared in its source article, and our rating of it."""
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"{page_url}#claim-{trail.claim_id}",
        "claimReviewed": trail.quote,
        "datePublished": REVIEW_DATE,
        "author": {"@type": "Organization", "name": REVIEWER},
        "reviewRating": {
            "@type": "Rating",
            "alternateName": verdicts.label(trail.verdict),
            "ratingExplanation": trail.verdict_reason,
        },
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Organization", "name": trail.outlet},
            "datePublished": trail.published,
            "appearance": {
                "@type": "NewsArticle",
                "headline": trail.headline,
                "datePublished": trail.published,
                "publisher": {"@type": "Organization", "name": trail.outlet},
            },
        },
    }


def json_ld_html(trails: list[Trail], page_url: str) -> str:
    """A <script type="application/ld+json"> block. '<' is escaped inside the JSON so that a quote
    holding '</script>' cannot end the block early."""
    data = json.dumps([claim_review(t, page_url) for t in trails], ensure_ascii=False, sort_keys=True)
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{data}</script>'


def audit_link_html(trail: Trail, flagship: set[str]) -> Markup:
    """How to audit a claim: a link to its rendered audit page if it is a flagship claim, else the command to run."""
    return render("audit_link.html.j2", claim_id=trail.claim_id, rendered=trail.claim_id in flagship)


def write_trails_json(trails: list[Trail]) -> None:
    """Write data/processed/trails.json: every claim's whole trail, exactly as `python -m portbook check --json`
    prints it, for the audit pages the build renders without a kernel."""
    atomic.write_json(TRAILS_JSON, [trail.to_json() for trail in trails])
