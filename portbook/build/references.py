"""Figures referenced from prose: the `{claim}` and `{claim-period}` roles, the verdict directives and the front chart.

An editor writes a story in MyST Markdown and never types a figure: `{claim}`kashgar-cbz-trade-2021`` becomes
"3.7 billion yuan", linked to that claim's audit page; `{claim-period}`…`` becomes "2021", `{claim-printed}`…``
the figure as the article printed it, `{claim-verdict}`…`` the claim's verdict as a badge linked to its definition. The values come from
data/processed/trails.json, which the pipeline writes before Sphinx reads a page, so they change when the data
does. `{reference}`…`` is a figure published elsewhere (data/references.csv), read by code, linked to its source.
`{count}`articles`` is how many articles the book holds, in words ("five").
An unknown id is an error at the file and line of the reference, which `-W` turns into a failed build.
"""

from __future__ import annotations

import difflib
import json
import posixpath
from collections import Counter
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import Directive
from markupsafe import escape

from portbook.build.audit_pages import TRAILS, audit_entry
from portbook.numbers import repairs
from portbook.numbers.ledger import read_csv
from portbook.numbers.wording import significant_digits
from portbook.present import figures, links
from portbook.present.links import verdict_slug
from portbook.present.render import TEMPLATES, render, words
from portbook.present.stories import COUNTED
from portbook.reconcile import ports, verdicts
from portbook.reconcile.references import REFERENCES, Reference, load_references
from portbook.reconcile.trail import Trail

# the cleaned claims, one row each with the claim a conversion converts (column 'converts')
PROCESSED_CLAIMS = Path("data/processed/claims.csv")
_CACHE: dict[tuple[str, float], dict[str, dict]] = {}


def entries(env) -> dict[str, dict]:
    """Every claim's entry (title, verdict, value, period) by claim id, read once per version of trails.json; the
    page asking is marked to be read again whenever trails.json changes."""
    path = Path(env.srcdir) / TRAILS
    env.note_dependency(str(path))
    key = (str(path), path.stat().st_mtime if path.exists() else 0.0)
    if key not in _CACHE:
        trails = json.loads(path.read_text(encoding="utf-8")) if path.exists() else []
        _CACHE.clear()
        _CACHE[key] = {t["claim_id"]: audit_entry(Trail.from_json(t)) for t in trails}
    return _CACHE[key]


def href_from(docname: str, target: str) -> str:
    """A link from one page of the book to another file of it, relative, as the built HTML needs.

    >>> href_from("book/index", "book/claims/a.html#verdict"), href_from("book/ports/kashgar", "book/claims/a.html")
    ('claims/a.html#verdict', '../claims/a.html')
    """
    return posixpath.relpath(target.split("#")[0], posixpath.dirname(docname) or ".") + (
        "#" + target.split("#", 1)[1] if "#" in target else ""
    )


ROLE_TEXT = {
    "claim": lambda entry: entry["value_in_text"],
    "claim-period": lambda entry: entry["period"],
    "claim-printed": lambda entry: f"“{entry['printed']}”",
}
METHODOLOGY = "book/about/methodology.html"


def verdict_badge(entry: dict, docname: str) -> str:
    """A claim's verdict as the badge every page shows it with (macros.html.j2, verdict_badge): its word linked to
    its definition on the methodology page, from this page."""
    href = href_from(docname, f"{METHODOLOGY}#{links.verdict_anchor(entry['verdict'])}")
    return str(words("macros.html.j2", "verdict_badge", verdict=entry["verdict"], href=href))


def _unknown(kind: str, wanted: str, known, table: str, name, rawtext, lineno, inliner):
    """An unknown id in a role: an error at the reference's file and line, with the nearest ids, which `-W` turns
    into a failed build."""
    close = difflib.get_close_matches(wanted, list(known), n=3, cutoff=0.5)
    message = inliner.reporter.error(
        f"unknown {kind} {wanted[:80]!r} in {{{name}}}; closest: {', '.join(close) or '(none)'} "
        f"(every id is in {table})",
        line=lineno,
    )
    return [inliner.problematic(rawtext, rawtext, message)], [message]


def _claim_role(text_of=None):
    """The role that shows one claim's value, period or printed figure (``text_of``) linked to its audit, or with no
    ``text_of``, its verdict as a badge linked to the verdict's definition."""

    def role(name, rawtext, text, lineno, inliner, options=None, content=None):
        env = inliner.document.settings.env
        known = entries(env)
        claim_id = text.strip()
        if claim_id not in known:
            return _unknown("claim", claim_id, known, "data/claims.csv", name, rawtext, lineno, inliner)
        entry = known[claim_id]
        if text_of is None:
            return [nodes.raw("", verdict_badge(entry, env.docname), format="html")], []
        href = href_from(env.docname, f"book/claims/{claim_id}.html#verdict")
        html = (
            f'<a class="pb-ref" href="{escape(href)}" title="{escape(entry["title"])}: see how we checked it">'
            f"{escape(text_of(entry))}</a>"
        )
        return [nodes.raw("", html, format="html")], []

    return role


_REFERENCE_CACHE: dict[float, dict[str, Reference]] = {}


def known_references(env) -> dict[str, Reference]:
    """Every independently published figure by id, validated as the checks read them, once per version of the
    table; the page asking is read again when the table changes."""
    from portbook.numbers.ledger import load_entities, load_ledger

    path = Path(env.srcdir) / REFERENCES.relative_to(REFERENCES.parents[1])
    env.note_dependency(str(path))
    key = path.stat().st_mtime if path.exists() else 0.0
    if key not in _REFERENCE_CACHE:
        _REFERENCE_CACHE.clear()
        found = load_references(load_ledger()[0], load_entities(), path) if path.exists() else []
        _REFERENCE_CACHE[key] = {r.reference_id: r for r in found}
    return _REFERENCE_CACHE[key]


def reference_value(reference: Reference) -> str:
    """A published figure in a reader's words, to the digits its source printed ('130.2%', '50 square kilometres').

    >>> from portbook.numbers.interval import Interval
    >>> r = Reference("r", 2, (), "x", "m", None, None, "130.2 percent", "130.2 percent", "exact", "percent", "independent",
    ...               "Xinhua", None, "https://example.org", "search", "", Interval(130.2, 130.2))
    >>> from dataclasses import replace
    >>> reference_value(r), reference_value(replace(r, figure="50平方公里", unit="m2", value=Interval(5e7, 5e7)))
    ('130.2%', '50 square kilometres')
    """
    interval = reference.interval
    return figures.figure_range(interval.low, interval.high, reference.unit, significant_digits(reference.figure))


def reference_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """A figure published elsewhere, in a reader's words, linked to the page that printed it."""
    env = inliner.document.settings.env
    known = known_references(env)
    reference_id = text.strip()
    if reference_id not in known:
        return _unknown("reference", reference_id, known, "data/references.csv", name, rawtext, lineno, inliner)
    reference = known[reference_id]
    when = f", {reference.published:%-d %B %Y}" if reference.published else ""
    html = (
        f'<a class="pb-ref pb-ref-source" href="{escape(reference.url)}" '
        f'title="{escape(reference.outlet + when)}: the page that printed it">{escape(reference_value(reference))}</a>'
    )
    return [nodes.raw("", html, format="html")], []


def claim_figures(env, claims: int) -> ports.FigureCount:
    """How many figures the claims give (ports.figure_count), read from the cleaned claims the pipeline wrote, for a
    page that counts claims beside charts that count figures; without that file, every claim counts as a figure."""
    path = Path(env.srcdir) / PROCESSED_CLAIMS
    env.note_dependency(str(path))
    if not path.is_file():
        return ports.FigureCount(claims)
    return ports.figure_count(read_csv(path))


class VerdictSummary(Directive):
    """The verdict summary over every claim, computed from the trails: a count per verdict, each linking to its list."""

    def run(self):
        """The summary as HTML, counted from the claims as the pipeline wrote them."""
        env = self.state.document.settings.env
        counts = Counter(entry["verdict"] for entry in entries(env).values())
        order = [v for v in verdicts.vocabulary()["claim"] if counts.get(v)] + sorted(
            v for v in counts if v not in verdicts.vocabulary()["claim"]
        )
        rows = [(v, counts[v], href_from(env.docname, f"book/verdicts/index.html#{verdict_slug(v)}")) for v in order]
        html = render("verdict_summary.html.j2", rows=rows, count=claim_figures(env, sum(counts.values())))
        return [nodes.raw("", str(html), format="html")]


def depends_on(directive: Directive, *files: str) -> None:
    """Have Sphinx read the page again when one of these files changes: the directive's text comes from them,
    not from the page, so an incremental build would otherwise keep the old text."""
    env = directive.state.document.settings.env
    for file in files:
        env.note_dependency(str(file))


class FrontChart(Directive):
    """The front page's lead chart (present/front_chart.py), as the ports overview's run drew it, its drawings
    addressed from this page."""

    def run(self):
        """The chart as HTML, from what the pipeline wrote; a missing chart is an error at the directive's line."""
        from portbook.present import front_chart

        env = self.state.document.settings.env
        path = Path(env.srcdir) / front_chart.FRONT_CHART
        depends_on(self, path, TEMPLATES / "figure.html.j2")
        if not path.is_file():
            raise self.error(f"front-chart: {front_chart.FRONT_CHART} is missing; the pipeline writes it")
        shown = json.loads(path.read_text(encoding="utf-8"))
        url = href_from(env.docname, front_chart.SITE_FIGURES)
        return [nodes.raw("", str(front_chart.figure_html(shown, url)), format="html")]


class VerdictScale(Directive):
    """The claim verdict scale with its definitions, and every result of a check or test with what it does to a
    claim's verdict, from the vocabulary and the rule (for the methodology page)."""

    def run(self):
        """The scale as HTML, from verdicts.yml."""
        templates = [TEMPLATES / name for name in ("verdict_scale.html.j2", "macros.html.j2")]
        depends_on(self, verdicts.__file__, Path(verdicts.__file__).with_suffix(".yml"), links.__file__, *templates)
        html = render("verdict_scale.html.j2", scale=verdicts.vocabulary(), groups=verdicts.results_by_effect())
        return [nodes.raw("", str(html), format="html")]


class RepairRules(Directive):
    """Every named repair rule: what it applies to, what it refuses, and its evidence (for the methodology page)."""

    def run(self):
        """The rules as HTML, from the registry in portbook.numbers.repairs."""
        depends_on(self, repairs.__file__)
        html = render("repair_rules.html.j2", rules=[repairs.REPAIRS[name] for name in sorted(repairs.REPAIRS)])
        return [nodes.raw("", str(html), format="html")]


def count_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """`{count}`articles``: how many the book holds, in words ("five"), from its table, so that prose
    saying "the five articles" stays true when an editor adds the sixth."""
    env = inliner.document.settings.env
    what = text.strip()
    if what not in COUNTED:
        return _unknown("count", what, COUNTED, "portbook/present/stories.py, COUNTED", name, rawtext, lineno, inliner)
    path = Path(env.srcdir) / COUNTED[what]
    env.note_dependency(str(path))
    return [nodes.Text(figures.count_words(len(read_csv(path))))], []


def setup(app) -> None:
    """Register the roles and directives with Sphinx (and so with MyST)."""
    for name, text_of in ROLE_TEXT.items():
        app.add_role(name, _claim_role(text_of))
    app.add_role("claim-verdict", _claim_role())
    app.add_role("reference", reference_role)
    app.add_role("count", count_role)
    app.add_directive("verdict-summary", VerdictSummary)
    app.add_directive("front-chart", FrontChart)
    app.add_directive("verdict-scale", VerdictScale)
    app.add_directive("repair-rules", RepairRules)
