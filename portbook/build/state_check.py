"""What stops the build after clean tables: the book's readings and checks, computed as the build computes them.

`lint` checks the curated tables and the coverage of every number; this computes the book's state
(portbook.reconcile.book_state) as the build's first step does, so that `python -m portbook lint` and the build's gate
report what would stop the notebooks (a figure the checks cannot read, named by its claim) before any runs.
"""

from __future__ import annotations

from pathlib import Path

from portbook import paths
from portbook.errors import PortbookError
from portbook.numbers.lint import LintReport, Problem


def state_problems(root: Path = paths.ROOT) -> list[Problem]:
    """Each failure of computing the book's state, as a lint problem. Only for the project this package reads: the
    state reads its inputs through portbook.paths."""
    if Path(root).resolve() != paths.ROOT:
        return []
    from portbook.reconcile.book_state import BookState  # the checks' code: only once the tables are clean

    try:
        BookState()
    except PortbookError as error:
        return [Problem("", None, "", "", type(error).__name__, f"{error} (the build would stop here)")]
    return []


def with_state(report: LintReport, root: Path = paths.ROOT) -> LintReport:
    """The report, with what would stop the build when the tables are otherwise clean."""
    if report.ok:
        report.problems += state_problems(root)
    return report
