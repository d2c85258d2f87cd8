"""Shared by the benchmark scripts: a fresh temporary copy of the project, and timed commands.

A copy holds what tests/conftest.py's `project_copy` copies (seeds, notebooks, book, data without
interim/processed, _config.yml, _toc.yml, and the files the book offers for download) plus the package itself, and every command runs with
PYTHONPATH pointing at the copy. That matters: the notebooks' kernels start in the copy's root and
import `portbook` from there, so `portbook.paths` points at the copy. Without the package in the copy
the kernels would import the editable install and read and write the checkout's seeds/ and data/.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
JUPYTER_BOOK = BIN / "jupyter-book"
PAPERMILL = BIN / "papermill"
sys.path.insert(0, str(ROOT))

DERIVED = (
    "data/interim",
    "data/processed",
    "book/articles",
    "book/generated",
    "book/checks",
    "book/claims",
    "book/verdicts",
    "book/_generated_static",
    "_build",
)
NOT_COPIED = ("_build", "__pycache__", ".ipynb_checkpoints")


def copy_project(dest: Path) -> Path:
    """A copy of the project's inputs and package, with no derived file."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in (
        "seeds",
        "notebooks",
        "book",
        "data",
        "portbook",
        "_config.yml",
        "_toc.yml",
        "CITATION.cff",
        "LICENSE",
        "README.md",
    ):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns(*NOT_COPIED))
        else:
            shutil.copy2(source, dest / name)
    try:
        from portbook.build.pipeline import MANAGED_OUTPUT_DIRS
    except ImportError:
        MANAGED_OUTPUT_DIRS = ()
    for folder in (*DERIVED, *MANAGED_OUTPUT_DIRS):
        shutil.rmtree(dest / folder, ignore_errors=True)
    return dest


@contextmanager
def fresh_copy(label: str = "portbook-bench-"):
    with tempfile.TemporaryDirectory(prefix=label) as folder:
        yield copy_project(Path(folder) / "project")


def env_for(root: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(root), **extra}


def timed(command: list[str], root: Path, **extra_env: str) -> float:
    """Run a command in the copy's root; its wall time in seconds. Fails loudly if the command fails."""
    started = time.perf_counter()
    result = subprocess.run(command, cwd=root, env=env_for(root, **extra_env), capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(
            f"command failed ({result.returncode}): {' '.join(map(str, command))}\n"
            f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )
    return elapsed


def median(values) -> float:
    return statistics.median(values)


def spread(values) -> str:
    values = list(values)
    return f"median {median(values):6.2f} s  (min {min(values):.2f}, max {max(values):.2f}, n={len(values)})"


def cpu_timed(command, root) -> tuple[float, float]:
    """Wall seconds, and the CPU seconds (user + system) the command used: on a busy machine the CPU time shows
    what the command costs, the wall time what it costs with the other work running beside it."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = timed(command, root)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def report(label: str, runs: list[tuple[float, float]], target: str) -> None:
    """One line: the wall-time spread and the median CPU time."""
    cpu = statistics.median(c for _, c in runs)
    print(f"{label}: wall {spread([w for w, _ in runs])}, CPU median {cpu:.2f} s  [target {target}]")


def accounted_without_row(article, ledger, located, exclusions, proposal) -> set[tuple[int, int]]:
    """The raw spans of an article's numbers that its drafted claims account for without a row of their own: a drafted
    claim's period phrase, a dateline or a page's date, a line cleaning removed. A kept exclusion of one of them
    was never needed."""
    import pandas as pd

    from portbook.numbers.coverage import account_for, article_mentions
    from portbook.numbers.ledger import COLUMNS

    drafted = pd.DataFrame([d.row for d in proposal.claims], columns=list(COLUMNS))
    accounted = account_for(
        article_mentions(article),
        pd.concat([ledger, drafted], ignore_index=True),
        located + proposal.located,
        exclusions,
    )
    return {
        (r.raw_char_start, r.raw_char_end)
        for r in accounted.itertuples()
        if r.status in ("period", "self_dating", "removed")
    }
