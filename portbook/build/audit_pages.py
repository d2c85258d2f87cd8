"""Every claim's own audit page, rendered by the build from data/processed/trails.json (no kernel per claim).

The trails are the ones `python -m portbook check --json` prints, written once by the numbers notebook; here each
becomes a MyST page under book/claims/, with its verdict first, and book/verdicts/index.md lists every claim
by verdict. The folder is derived: pages of claims that left the ledger are removed.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path
from types import SimpleNamespace

from markupsafe import Markup

from portbook import atomic
from portbook.build.pipeline import markdown_text
from portbook.ids import output_path
from portbook.present import figures, trail_pages
from portbook.present.names import claim_title, figure_period_words, period_words
from portbook.present.render import render_text
from portbook.reconcile import verdicts
from portbook.reconcile.trail import Trail, span_ends

AUDITS = Path("book/verdicts")
CLAIM_PAGES = Path("book/claims")
TRAILS = Path("data/processed/trails.json")


def _best_row(trail: Trail) -> SimpleNamespace:
    """A trail shaped as figures.claim_value reads a processed claim: the best reading first, every reading as a
    fallback, and the ledger's mu repair (a step names it) so an area printed as 'acres' reads in mu."""
    best = trail.best or {}
    return SimpleNamespace(
        figure=trail.figure,
        unit=trail.unit,
        qualifier=trail.qualifier,
        best_label=best.get("label", ""),
        best_low=best.get("low"),
        best_high=best.get("high"),
        best_unit=best.get("unit", ""),
        repair=next((step.rule for step in trail.steps if step.rule), ""),
        readings=json.dumps(trail.readings),
    )


def audit_entry(trail: Trail) -> dict:
    """What the audit pages and the list show of one claim: title, verdict, value in words, period in words."""
    start, end = span_ends(trail.period)
    return {
        "claim_id": trail.claim_id,
        "title": claim_title(
            trail.entity_name, trail.metric, start, end, published=trail.published, phrase=trail.period_phrase
        ),
        "verdict": trail.verdict,
        "value": figures.claim_value(_best_row(trail)),
        "value_in_text": figures.claim_value(_best_row(trail), note=False),
        "period": figure_period_words(trail.unit, start, end, trail.published, trail.period_phrase),
        "printed": trail.figure,
    }


def load_trails(root: Path) -> list[Trail]:
    """Every claim's trail as the numbers notebook wrote it."""
    return [Trail.from_json(data) for data in json.loads((root / TRAILS).read_text(encoding="utf-8"))]


def write_audit_pages(root: Path) -> int:
    """Write one page per claim and the list by verdict; remove pages of claims no longer in the ledger."""
    root = Path(root)
    trails = load_trails(root)
    order = list(verdicts.vocabulary()["claim"])
    wanted = set()
    by_verdict = defaultdict(list)
    entries = [audit_entry(trail) for trail in trails]
    # every source any claim names: a check on one page may cite a source that names the other claim it uses
    references = list({(r["outlet"], r["url"]): r for trail in trails for r in trail.references}.values())
    # the same fact stated by two articles has one title: say whose report each page audits
    repeated = Counter(entry["title"] for entry in entries)
    for trail, entry in zip(trails, entries, strict=True):
        if repeated[entry["title"]] > 1:
            entry["title"] += f" ({trail.outlet.split(' (')[0]}, {period_words(trail.published, trail.published)})"
    for trail, entry in zip(trails, entries, strict=True):
        by_verdict[trail.verdict].append(entry)
        page = output_path(root / CLAIM_PAGES, trail.claim_id, ".md")
        wanted.add(page.name)
        text = render_text(
            "audit_page.md.j2",
            entry=entry,
            heading=Markup(markdown_text(entry["title"])),  # Markdown, not HTML: its own escaping
            trail=trail_pages.trail_html(trail, references),
            reason=trail.verdict_reason,
            tests=[
                {**t, "vocabulary": "test" if t["kind"] in verdicts.FINDING_KINDS else "check"}
                for t in trail.tests
                if t["verdict"] != "not_comparable"
            ],
        )
        if not page.exists() or page.read_text(encoding="utf-8") != text:
            atomic.write_text(page, text)  # unchanged pages keep their time stamp: Sphinx rereads only what changed
    for stale in (root / CLAIM_PAGES).glob("*.md"):
        if stale.name not in wanted:
            stale.unlink()
    groups = [(v, sorted(by_verdict[v], key=lambda e: e["title"])) for v in order if by_verdict.get(v)]
    groups += [(v, sorted(e, key=lambda e: e["title"])) for v, e in sorted(by_verdict.items()) if v not in order]
    index = render_text("audit_index.md.j2", groups=groups, total=len(trails))
    index_page = root / AUDITS / "index.md"
    if not index_page.exists() or index_page.read_text(encoding="utf-8") != index:
        atomic.write_text(index_page, index)
    return len(trails)
