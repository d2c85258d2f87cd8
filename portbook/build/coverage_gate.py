"""The coverage gate: the build lints the project before it runs a single notebook, and stops on any problem in the
curated tables or any number nothing accounts for, with the lint report as its message.

It is `python -m portbook lint` run inside the build on the project being built (Sphinx's source folder), so a
book never publishes a number nobody read, and an editor sees the same report, with a drafted row beside each
number, whether the build or the command found it.
"""

from __future__ import annotations

from pathlib import Path

from portbook.build.state_check import with_state
from portbook.errors import BadLedger, UnaccountedNumbers
from portbook.numbers.lint import LintReport, lint

LIMIT = 20
"""How many problems and how many numbers the build's message lists; `python -m portbook lint` lists them all."""


def gate_message(report: LintReport, limit: int = LIMIT) -> str:
    """The lint report as the build prints it: the first `limit` problems and numbers, and how to see the rest."""
    return "the coverage gate stopped the build before any notebook ran.\n" + report.text(limit=limit)


def run_gate(root: Path, log=print) -> LintReport:
    """Lint the project at `root`; raise BadLedger (a problem in a curated table) or UnaccountedNumbers (a number
    nothing accounts for) with the report, else log one line and return the report."""
    report = with_state(lint(root=Path(root), most=LIMIT), Path(root))
    if report.problems:
        raise BadLedger(gate_message(report))
    if report.unaccounted:
        raise UnaccountedNumbers(gate_message(report))
    log("portbook coverage gate: every number of every article is accounted for, and the curated tables load")
    for line in report.notices:
        log(line)
    return report
