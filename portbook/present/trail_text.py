"""One claim's audit trail as plain text for a terminal (`python -m portbook check`)."""

from __future__ import annotations

from portbook.reconcile.trail_record import Trail


def format_value(value: float | None) -> str:
    """A trail value for reading: '?' for an open end, six significant digits below a million, whole above."""
    if value is None:
        return "?"
    return f"{value:,.6g}" if abs(value) < 1e6 else f"{value:,.0f}"


def as_text(trail: Trail) -> str:
    """The trail for a terminal: plain, one fact a line."""
    start, end = trail.figure_in_paragraph
    marked = f"{trail.paragraph[:start]}»{trail.paragraph[start:end]}«{trail.paragraph[end:]}"
    lines = [
        f"claim {trail.claim_id}",
        f"verdict: {trail.verdict} ({trail.verdict_reason})",
        f"source: {trail.outlet}, published {trail.published} ({trail.article_id}, seeds/{trail.seed_file}, bytes {trail.quote_bytes[0]}-{trail.quote_bytes[1]})",
        f"quote: {trail.quote}",
        f"in its paragraph: {marked}",
        f"entity: {trail.entity} ({trail.entity_name}); metric: {trail.metric}",
        f"period: {trail.period_phrase!r} -> {trail.period} [{', '.join(trail.period_flags)}]",
        "steps:",
        *[f"  {i}. {s.name}: {s.detail}" for i, s in enumerate(trail.steps, 1)],
        "readings (base units):",
        *[
            f"  - {r['label']}: [{format_value(r['low'])}, {format_value(r['high'])}] {trail.unit}"
            for r in trail.readings
        ],
        f"cleaned interval: [{format_value(trail.value_low)}, {format_value(trail.value_high)}] {trail.unit}",
        f"best reading: {trail.best['label']}: [{format_value(trail.best['low'])}, {format_value(trail.best['high'])}] "
        f"{trail.best['unit']}; confidence {trail.confidence} ({trail.confidence_reason})",
        "evidence:" if trail.evidence else "evidence: no rule bears on it",
        *[f"  - {e['rule']}: {e['text']}" for e in trail.evidence],
        *[f"  rejected {r['reading']} [{r['rule']}]: {r['reason']}" for r in trail.rejected],
        "independent figures:" if trail.references else "independent figures: none found",
        *[
            f"  - {r['reference_id']} ({r['use']}): {r['as_printed']} ({r['outlet']}, {r['published'] or 'undated'}, {r['url']})"
            for r in trail.references
        ],
        "tests that use this claim:" if trail.tests else "tests that use this claim: none fits",
        *[
            f"  - {t['id']} ({t['kind']}): {t['formula']}{', allowed: ' + t['bounds'] if t.get('bounds') else ''} -> {t['verdict']}. {t['explanation']}"
            for t in trail.tests
        ],
    ]
    return "\n".join(lines)
