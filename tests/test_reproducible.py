"""Two clean builds give the same bytes, and no build writes to its inputs."""

import hashlib
import shutil
from pathlib import Path

from conftest import build_book

DERIVED = (
    "data/interim",
    "data/processed",
    "book/articles",
    "book/generated",
    "book/checks",
    "book/ports",
    "book/_generated_static",
)
CURATED = ("seeds", "data")


def digests(root: Path, folders, skip=()) -> dict[str, str]:
    found = {}
    for folder in folders:
        for path in sorted((root / folder).rglob("*")):
            relative = str(path.relative_to(root))
            if path.is_file() and not any(relative.startswith(s) for s in skip):
                found[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def clean_build(root: Path) -> dict[str, str]:
    for folder in (*DERIVED, "_build"):
        shutil.rmtree(root / folder, ignore_errors=True)
    result = build_book(root)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return digests(root, DERIVED)


def test_two_clean_builds_write_identical_derived_files_and_never_touch_inputs(project_copy):
    inputs_before = digests(project_copy, CURATED, skip=DERIVED)
    first = clean_build(project_copy)
    second = clean_build(project_copy)
    assert first, "the build wrote no derived files"
    assert any(name.endswith(".ipynb") for name in first)
    changed = sorted(name for name in first.keys() | second.keys() if first.get(name) != second.get(name))
    assert not changed, f"differ between two clean builds: {changed}"
    assert digests(project_copy, CURATED, skip=DERIVED) == inputs_before, "the build wrote to seeds/ or a curated table"


def test_no_executed_notebook_carries_warnings_or_absolute_paths(built_book):
    import nbformat
    from conftest import ROOT

    from portbook.build.pipeline import planned_runs

    for run in planned_runs():
        text = (ROOT / run.output).read_text(encoding="utf-8")
        assert str(ROOT) not in text, f"{run.output}: an absolute path makes the notebook depend on where it was built"
        notebook = nbformat.reads(text, as_version=4)
        for cell in notebook.cells:
            for output in cell.get("outputs", []):
                assert not (output.output_type == "stream" and output.name == "stderr"), (
                    f"{run.output}: {output.text[:200]}"
                )
