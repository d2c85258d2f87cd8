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
    return subprocess.run([str(JUPYTER_BOOK), "build", "-W", "--keep-going", str(root)],
                          capture_output=True, text=True, env=env, timeout=1800)


@pytest.fixture(scope="session")
def built_book():
    """The book built once per test session from this checkout, as an editor builds it."""
    result = build_book(ROOT)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return ROOT / "_build" / "html"


@pytest.fixture
def project_copy(tmp_path):
    """A throwaway copy of the project's inputs, for tests that break things."""
    for name in ("seeds", "notebooks", "book", "_config.yml", "_toc.yml"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("articles", "generated"))
        else:
            shutil.copy2(source, tmp_path / name)
    if (ROOT / "data").is_dir():
        shutil.copytree(ROOT / "data", tmp_path / "data", ignore=shutil.ignore_patterns("interim", "processed"))
    return tmp_path
