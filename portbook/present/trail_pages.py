"""HTML for one claim's audit trail (the check notebook). Every source string is escaped."""
from __future__ import annotations

from html import escape

from portbook.reconcile.trail import Trail
from portbook.present.trail_text import format_value


def paragraph_html(trail: Trail) -> str:
    start, end = trail.figure_in_paragraph
    text = trail.paragraph
    return f"<blockquote>{escape(text[:start])}<mark>{escape(text[start:end])}</mark>{escape(text[end:])}</blockquote>"


def trail_html(trail: Trail) -> str:
    facts = [
        ("Verdict", f"<strong>{escape(trail.verdict)}</strong>: {escape(trail.verdict_reason)}"),
        ("Source", f'<a href="../articles/{escape(trail.article_id)}.html">{escape(trail.outlet)}: {escape(trail.headline)}</a>, '
                   f"published {escape(trail.published)} (seeds/{escape(trail.seed_file)}, bytes {trail.quote_bytes[0]}–{trail.quote_bytes[1]})"),
        ("Entity and metric", f"{escape(trail.entity_name)} (<code>{escape(trail.entity)}</code>), <code>{escape(trail.metric)}</code>"),
        ("Period", f"“{escape(trail.period_phrase)}” resolved against the publication date {escape(trail.published)}: "
                   f"{escape(trail.period)}" + (f" ({escape(', '.join(trail.period_flags))})" if trail.period_flags else "")),
        ("Cleaned interval", f"[{escape(format_value(trail.value_low))}, {escape(format_value(trail.value_high))}] {escape(trail.unit)}"),
    ]
    steps = "".join(
        f"<li><strong>{escape(s.name)}</strong>: {escape(s.detail)}"
        + (f"<br><small>Evidence for <code>{escape(s.rule)}</code>: {escape(s.evidence)}</small>" if s.evidence else "") + "</li>"
        for s in trail.steps
    )
    readings = "".join(f"<li>{escape(r['label'])}: [{escape(format_value(r['low']))}, {escape(format_value(r['high']))}] {escape(trail.unit)}</li>"
                       for r in trail.readings)
    tests = "".join(
        f"<li><code>{escape(t['id'])}</code> ({escape(t['kind'])}): <code>{escape(t['formula'])}</code>"
        + (f" within {escape(t['bounds'])}" if t["bounds"] else "")
        + f" → <strong>{escape(t['verdict'])}</strong>. {escape(t['explanation'])}</li>"
        for t in trail.tests
    ) or "<li>No test in the book uses this claim.</li>"
    return (
        '<dl class="pb-trail">' + "".join(f"<dt>{escape(k)}</dt><dd>{v}</dd>" for k, v in facts) + "</dl>"
        + f"<h3>The quote in its paragraph</h3>{paragraph_html(trail)}"
        + f"<h3>From the printed figure to the cleaned value</h3><ol>{steps}</ol>"
        + f"<h3>Readings</h3><ul>{readings}</ul>"
        + f"<h3>Every test that uses this claim</h3><ul>{tests}</ul>"
    )
