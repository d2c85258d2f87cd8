import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"


def build_book(root: Path, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, **(env_extra or {})}
    return subprocess.run(
        [str(JUPYTER_BOOK), "build", "-W", "--keep-going", str(root)],
        capture_output=True,
        text=True,
        env=env,
        timeout=1800,
    )


def insert_raising_cell(template: Path, message: str, position: int) -> None:
    """Break a notebook template: a cell that raises, as a bug in a chapter would."""
    import nbformat

    notebook = nbformat.read(template, as_version=4)
    broken = nbformat.v4.new_code_cell(f"raise RuntimeError({message!r})")
    broken.id = "raises-mid-build"
    notebook.cells.insert(position, broken)
    nbformat.write(notebook, template)


def build_problems(result: subprocess.CompletedProcess) -> str:
    """The build's warnings and errors first, without the kernels' chatter, then the end of its output."""
    lines = [
        line
        for line in (result.stdout + result.stderr).splitlines()
        if "IPKernelApp" not in line and "Kernel is running over TCP" not in line
    ]
    problems = [line for line in lines if any(w in line for w in ("WARNING", "ERROR", "Error", "error:"))]
    return "\n".join(problems[:40]) + "\n---\n" + "\n".join(lines[-40:])


@pytest.fixture(scope="session")
def built_book():
    """The book built once per test session from this checkout, as an editor builds it."""
    result = build_book(ROOT)
    assert result.returncode == 0, build_problems(result)
    return ROOT / "_build" / "html"


@pytest.fixture
def project_copy(tmp_path):
    """A throwaway copy of the project's inputs, for tests that break things."""
    for name in ("seeds", "notebooks", "book", "_config.yml", "_toc.yml", "CITATION.cff", "LICENSE", "README.md"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("articles", "generated"))
        else:
            shutil.copy2(source, tmp_path / name)
    if (ROOT / "data").is_dir():
        shutil.copytree(ROOT / "data", tmp_path / "data", ignore=shutil.ignore_patterns("interim", "processed"))
    return tmp_path
