"""The editors' documentation (README, "Adding an article") names every command, repair rule, period form, metric
convention and error: add one to the code without documenting it, and this fails."""

import ast
import re

import pytest
from conftest import ROOT

from portbook.numbers import periods
from portbook.numbers.qualifiers import QUALIFIERS
from portbook.numbers.repairs import REPAIRS

README = (ROOT / "README.md").read_text(encoding="utf-8")
EDITORS = README[README.index("## Adding an article (for editors)") : README.index("## Fork one notebook")]


def section(title: str) -> str:
    start = EDITORS.index(f"### {title}")
    end = EDITORS.find("\n### ", start + 1)
    return EDITORS[start : end if end > 0 else None]


@pytest.mark.parametrize("command", ["add", "propose", "accept", "lint", "check"])
def test_every_command_is_in_the_steps(command):
    assert f"python -m portbook {command}" in EDITORS


@pytest.mark.parametrize("rule", sorted(REPAIRS))
def test_every_repair_rule_is_documented_with_its_example(rule):
    rows = [line for line in section("Repair rules").splitlines() if line.startswith(f"| `{rule}` |")]
    assert rows, f"no row for {rule}"
    assert REPAIRS[rule].example and f"`{REPAIRS[rule].example}`" in rows[0]


@pytest.mark.parametrize("form", periods.FORMS, ids=lambda f: f.name)
def test_every_period_form_is_documented_with_its_example(form):
    text = " ".join(section("Period phrases").split())
    for example in form.example.split("; "):
        assert f"`{example}`" in text, example


@pytest.mark.parametrize("qualifier", sorted(QUALIFIERS))
def test_every_qualifier_is_documented(qualifier):
    assert f"`{qualifier}`" in EDITORS


@pytest.mark.parametrize("suffix", ["_cny", "_usd", "_growth_pct", "_growth_ratio", "share_of_", "_pct"])
def test_the_metric_conventions_are_documented(suffix):
    assert suffix in section("Metric names")


def error_classes() -> list[str]:
    tree = ast.parse((ROOT / "portbook" / "errors.py").read_text(encoding="utf-8"))
    return [node.name for node in tree.body if isinstance(node, ast.ClassDef) and node.name != "PortbookError"]


@pytest.mark.parametrize("error", error_classes())
def test_every_error_is_documented_with_its_fix(error):
    rows = [line for line in section("Errors and their fixes").splitlines() if line.startswith(f"| `{error}` |")]
    assert rows, f"{error}: no row in the README's table of errors"
    assert len([cell for cell in rows[0].split("|") if cell.strip()]) == 3, "error, meaning and fix"


def test_the_steps_are_numbered_one_to_eight():
    steps = re.findall(r"^(\d)\. \*\*", EDITORS, re.M)
    assert steps == [str(n) for n in range(1, 9)]
