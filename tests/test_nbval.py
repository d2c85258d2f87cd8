"""nbval over every notebook template, as executed by the build: each must run again without error, and its
headline-number cell (marked NBVAL_CHECK_OUTPUT) must print what the build printed."""

import subprocess
import sys

import nbformat
from conftest import ROOT

from portbook.build.pipeline import planned_runs


def test_every_template_has_a_checked_headline_cell():
    for template in sorted({run.template for run in planned_runs()}):
        notebook = nbformat.read(ROOT / template, as_version=4)
        assert any(c.cell_type == "code" and c.source.startswith("# NBVAL_CHECK_OUTPUT") for c in notebook.cells), (
            template
        )


def test_nbval_reruns_one_executed_notebook_of_every_template(built_book):
    first_of_each = {}
    for run in planned_runs():
        first_of_each.setdefault(run.template, run.output)
    notebooks = [str(ROOT / output) for output in sorted(first_of_each.values())]
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "--nbval-lax", "-p", "no:cacheprovider", "-o", "addopts=", *notebooks],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-4000:]
    assert " passed" in result.stdout and " failed" not in result.stdout
