"""HTML for one claim's audit trail (the check notebook), from the trail*.html.j2 templates (autoescaped)."""

from __future__ import annotations

from markupsafe import Markup

from portbook.present.figures import significant_digits
from portbook.present.render import render
from portbook.reconcile.trail import Trail


def paragraph_html(trail: Trail) -> Markup:
    """The raw paragraph that holds the claim's quote, with its figure marked."""
    return render("trail_paragraph.html.j2", trail=trail)


def trail_html(trail: Trail) -> Markup:
    """The whole audit trail: facts, quote in its paragraph, steps, readings and every test that uses the claim."""
    # A trail's tests are plausibility findings (which always have bounds) and reconciliation checks (which never
    # do); each kind has its own verdict vocabulary.
    tests = [{**test, "vocabulary": "test" if test["bounds"] else "check"} for test in trail.tests]
    return render("trail.html.j2", trail=trail, sig=significant_digits(trail.figure), tests=tests)
