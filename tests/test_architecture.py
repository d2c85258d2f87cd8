"""The package's shape: stages import only from earlier stages; every public function says what it is for; style is one."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "portbook"

# The order the data passes through. Foundation modules (paths, errors, atomic, ids) serve every stage; the command
# line sits above all of them.
STAGES = {
    "paths": 0,
    "errors": 0,
    "atomic": 0,
    "ids": 0,
    "sources": 1,
    "numbers": 2,
    "reconcile": 3,
    "present": 4,
    "build": 5,
    "cli": 6,
    "__main__": 6,
}


def stage_of(module: str) -> tuple[str, int]:
    """The stage a dotted portbook module belongs to (its first name after 'portbook')."""
    first = module.split(".")[1] if "." in module else ""
    if first not in STAGES:
        raise AssertionError(f"{module}: not in a known stage ({', '.join(STAGES)}); add the stage to STAGES")
    return first, STAGES[first]


def module_name(path: Path, package: Path) -> str:
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(tree: ast.AST) -> list[tuple[int, str]]:
    """Every portbook module a file imports, with its line, including imports inside functions."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names if alias.name.startswith("portbook.")]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "portbook":
            if node.module == "portbook":  # `from portbook import paths`: the names are modules
                found += [(node.lineno, f"portbook.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, node.module))
    return found


def backward_imports(package: Path) -> list[str]:
    """Every import that points from an earlier stage to a later one, as 'file:line: a (stage) imports b (stage)'."""
    problems = []
    for path in sorted(package.rglob("*.py")):
        module = module_name(path, package)
        if module == package.name:
            continue
        here, rank = stage_of(module)
        for line, target in imported_modules(ast.parse(path.read_text(encoding="utf-8"))):
            there, target_rank = stage_of(target)
            if target_rank > rank:
                problems.append(
                    f"{path.relative_to(package.parent)}:{line}: {module} ({here}) imports {target} ({there})"
                )
    return problems


def test_imports_point_only_from_a_later_stage_to_an_earlier_one():
    assert backward_imports(PACKAGE) == []


def test_the_import_check_finds_a_backward_import(tmp_path):
    package = tmp_path / "portbook"
    (package / "numbers").mkdir(parents=True)
    (package / "present").mkdir()
    for init in (package, package / "numbers", package / "present"):
        (init / "__init__.py").write_text("")
    (package / "present" / "pages.py").write_text("from portbook.numbers import figures\n")
    (package / "numbers" / "figures.py").write_text("def f():\n    from portbook.present.pages import x\n")
    assert backward_imports(package) == [
        "portbook/numbers/figures.py:2: portbook.numbers.figures (numbers) imports portbook.present.pages (present)"
    ]


def test_a_module_outside_every_stage_is_refused(tmp_path):
    package = tmp_path / "portbook"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "misc.py").write_text("")
    with pytest.raises(AssertionError, match="portbook.misc: not in a known stage"):
        backward_imports(package)


def undocumented(package: Path) -> list[str]:
    """Public functions, methods and classes without a docstring, as 'file:line name'."""
    missing = []

    def visit(path: Path, body, prefix: str = "") -> None:
        for node in body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and not node.name.startswith(
                "_"
            ):
                if not ast.get_docstring(node):
                    missing.append(f"{path.relative_to(package.parent)}:{node.lineno} {prefix}{node.name}")
                if isinstance(node, ast.ClassDef):
                    visit(path, node.body, f"{node.name}.")

    for path in sorted(package.rglob("*.py")):
        visit(path, ast.parse(path.read_text(encoding="utf-8")).body)
    return missing


def test_every_public_function_says_what_it_is_for():
    assert undocumented(PACKAGE) == []


def test_the_docstring_check_finds_a_function_without_one(tmp_path):
    package = tmp_path / "portbook"
    package.mkdir()
    (package / "a.py").write_text(
        'def told():\n    """Said."""\n\n\ndef untold():\n    pass\n\n\nclass K:\n    def m(self):\n        pass\n'
    )
    assert undocumented(package) == ["portbook/a.py:5 untold", "portbook/a.py:9 K", "portbook/a.py:10 K.m"]


def ruff(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ruff", *arguments], cwd=ROOT, capture_output=True, text=True)


def test_ruff_lint_passes():
    result = ruff("check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_code_is_formatted_by_ruff():
    result = ruff("format", "--no-cache", "--check", ".")
    assert result.returncode == 0, "run `.venv/bin/ruff format .`\n" + result.stdout + result.stderr
