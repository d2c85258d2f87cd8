"""What stops the build after clean tables: the book's readings and checks, computed as the build computes them.

`lint` checks the curated tables and the coverage of every number; this computes the book's state
(portbook.reconcile.book_state) as the build's first step does, so that `python -m portbook lint` and the build's gate
report what would stop the notebooks (a figure the checks cannot read, named by its claim) before any runs. With the
state in hand, the report also says which claims nothing tests (portbook.reconcile.unchecked), which stops nothing.
"""

from __future__ import annotations

from pathlib import Path

from portbook import paths
from portbook.errors import PortbookError
from portbook.numbers.lint import LintReport, Problem


def with_state(report: LintReport, root: Path = paths.ROOT, article_id: str | None = None) -> LintReport:
    """The report, with what would stop the build when the tables are otherwise clean, and else the notice of the
    claims nothing tests (those of `article_id` named). Only for the project this package reads: the state reads
    its inputs through portbook.paths."""
    if not report.ok or Path(root).resolve() != paths.ROOT:
        return report
    # the checks' code: only once the tables are clean
    from portbook.present.claimreview import all_trails
    from portbook.reconcile.book_state import BookState
    from portbook.reconcile.unchecked import unchecked

    try:
        trails = all_trails(BookState())
    except PortbookError as error:
        report.problems.append(Problem("", None, "", "", type(error).__name__, f"{error} (the build would stop here)"))
        return report
    report.notices += unchecked(trails).notice(article_id)
    report.notices += contradicted_notice(trails, article_id)
    return report


def contradicted_notice(trails, article_id: str | None) -> list[str]:
    """Lines naming an article's claims that the checks contradict or call misleading, each with why.

    The build does not stop for a contradiction (it may be the finding), but a new article's claim that does not
    add up is as often a drafting slip: a metric that another quantity already holds, a period read wrongly.

    >>> from types import SimpleNamespace as T
    >>> bad = T(claim_id="k-date-2024", article_id="new", verdict="does_not_add_up", verdict_reason="they disagree")
    >>> contradicted_notice([bad, T(claim_id="k", article_id="new", verdict="checks_out", verdict_reason="")], "new")[2:]
    ['  - k-date-2024 (does not add up): they disagree (python -m portbook check k-date-2024 shows why)']
    >>> contradicted_notice([bad], None)
    []
    """
    from portbook.reconcile.verdicts import label

    flagged = [
        t
        for t in trails
        if article_id and t.article_id == article_id and t.verdict in ("does_not_add_up", "misleading")
    ]
    if not flagged:
        return []
    lines = ["", "Claims the checks contradict (a finding, or a metric or period to look at again):"]
    lines += [
        f"  - {t.claim_id} ({label(t.verdict)}): {t.verdict_reason} (python -m portbook check {t.claim_id} shows why)"
        for t in sorted(flagged, key=lambda t: t.claim_id)
    ]
    return lines
