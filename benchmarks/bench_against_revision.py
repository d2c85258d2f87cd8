"""A clean build of this checkout against a clean build of an earlier revision, in turn (A B A B ...).

Each round exports the earlier revision with `git archive` into a fresh folder and copies this checkout into
another, then times `jupyter-book build .` in each (PYTHONPATH points at the copy, so its kernels import that
copy's package). Prints every time, the medians and the ratio now/then. Alternating keeps a drifting machine fair.
Usage: .venv/bin/python benchmarks/bench_against_revision.py REVISION [--repeat N]
"""

from __future__ import annotations

import argparse
import io
import subprocess
import tarfile
import tempfile
from pathlib import Path

from _common import JUPYTER_BOOK, ROOT, copy_project, median, timed


def export_revision(revision: str, dest: Path) -> Path:
    """The project as it was at a revision, without its derived files (they were never committed)."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision], capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(dest, filter="data")
    return dest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revision")
    parser.add_argument("--repeat", type=int, default=2)
    arguments = parser.parse_args()
    then, now = [], []
    for round_number in range(arguments.repeat):
        with tempfile.TemporaryDirectory() as old_dir, tempfile.TemporaryDirectory() as new_dir:
            old = export_revision(arguments.revision, Path(old_dir) / "project")
            new = copy_project(Path(new_dir) / "project")
            then.append(timed([str(JUPYTER_BOOK), "build", "."], old))
            now.append(timed([str(JUPYTER_BOOK), "build", "."], new))
        print(f"round {round_number + 1}: {arguments.revision} {then[-1]:.1f} s, this checkout {now[-1]:.1f} s")
    print(
        f"clean build, median of {arguments.repeat}: {arguments.revision} {median(then):.1f} s; "
        f"this checkout {median(now):.1f} s; ratio now/then {median(now) / median(then):.3f}"
    )


if __name__ == "__main__":
    main()
