"""HTML for one claim's audit trail (the check notebook), from the trail*.html.j2 templates (autoescaped)."""

from __future__ import annotations

from markupsafe import Markup

from portbook.present.figures import significant_digits
from portbook.present.render import render
from portbook.reconcile.trail import Trail


def paragraph_html(trail: Trail) -> Markup:
    """The raw paragraph that holds the claim's quote, with its figure marked."""
    return render("trail_paragraph.html.j2", trail=trail)


def trail_html(trail: Trail, references: list | None = None) -> Markup:
    """The whole audit trail: facts, quote in its paragraph, steps, readings and every test that uses the claim. The
    sources its reasons cite are linked by their outlets: ``references`` (rows of data/references.csv, or a trail's
    records of them), the trail's own when not given; a check may cite a source that names another of its claims."""
    # A trail's tests are plausibility findings (which always have bounds) and reconciliation checks (which never
    # do); each kind has its own verdict vocabulary.
    tests = [{**test, "vocabulary": "test" if test["bounds"] else "check"} for test in trail.tests]
    references = trail.references if references is None else references
    return render(
        "trail.html.j2", trail=trail, sig=significant_digits(trail.figure), tests=tests, references=references
    )
