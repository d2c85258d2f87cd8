"""`lint` and the build's coverage gate: every problem of the curated tables once, with file, line, claim, column,
the named error and what is accepted; every unaccounted number with a drafted row beside it."""

import os
import re
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT
from fixture_articles import TIANSHAN, add_article

from portbook.build.coverage_gate import run_gate
from portbook.errors import BadLedger, UnaccountedNumbers
from portbook.numbers.lint import csv_lines, lint


@pytest.fixture
def project(tmp_path):
    """The book's curated inputs (seeds and data, nothing derived), to break."""
    for name in ("seeds", "data"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("interim", "processed"))
    return tmp_path


def edit_row(root, claim_id, old, new):
    path = root / "data" / "claims.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if line.startswith(f"{claim_id},"))
    assert old in lines[number], lines[number]
    lines[number] = lines[number].replace(old, new, 1)
    path.write_text("".join(lines), encoding="utf-8", newline="")
    return number + 1


def test_the_books_own_tables_lint_clean():
    report = lint()
    assert report.ok, report.text()


def test_each_problem_is_reported_once_with_its_place_named_error_and_what_is_accepted(project):
    line = edit_row(
        project, "kashgar-cbz-trade-2021", ",last year,exact,yuan,none,", ",the year of the dragon,roughly,yuan,none,"
    )
    other = edit_row(project, "xinjiang-land-border-length", ",garbled_grouping,", ",none,")
    third = edit_row(
        project, "kashgar-cbz-trade-2021".replace("2021", "jan-apr-2022"), ",kashgar-cbz,", ",kashgar-cbz-nowhere,"
    )
    report = lint(root=project)
    text = report.text()
    problems = [str(p) for p in report.problems]
    assert len(problems) == len(set(problems)), "a problem is reported once"
    period = [
        p for p in problems if p.startswith(f"data/claims.csv:{line} (claim kashgar-cbz-trade-2021) column 'period'")
    ]
    assert len(period) == 1 and "BadPeriod" in period[0] and "the year of the dragon" in period[0]
    assert period[0].count("Accepted forms:") == 1 and "'from 2015 to November 2023'" in period[0]
    qualifier = [p for p in problems if "column 'qualifier'" in p]
    assert qualifier and "'roughly' is not accepted; accepted: one of about, at_least, exact" in qualifier[0]
    assert any(
        f"data/claims.csv:{other} (claim xinjiang-land-border-length) column 'repair': GarbledGrouping" in p
        for p in problems
    )
    assert any(
        f"data/claims.csv:{third} (claim kashgar-cbz-trade-jan-apr-2022) column 'entity': UnknownEntity" in p
        for p in problems
    )
    assert not report.unaccounted, "a row with problems still claims its figure"
    assert "Traceback" not in text and "To fix:" in text


def test_line_numbers_count_quoted_newlines(project):
    path = project / "data" / "claims.csv"
    text = path.read_text(encoding="utf-8")
    assert text.count(",Source: Urumqi Customs.\n") == 1
    path.write_text(text.replace(",Source: Urumqi Customs.\n", ',"Source: Urumqi\nCustoms."\n'), encoding="utf-8")
    line = edit_row(project, "xinjiang-cbz-count-2022", ",zones,none,", ",zones,guess,")  # a row after the note
    starts = csv_lines(path)
    assert line in starts and starts.index(line) + 2 == line - 1, "the row's physical line, one past its record number"
    problems = [str(p) for p in lint(root=project).problems]
    assert any(
        p.startswith(f"data/claims.csv:{line} (claim xinjiang-cbz-count-2022) column 'repair'") for p in problems
    ), problems


def test_an_exclusion_that_matches_nothing_is_a_problem(project):
    path = project / "data" / "exclusions.csv"
    path.write_text(
        path.read_text(encoding="utf-8") + 'cns-2023-07-07,7,"Urumqi, July 7 --",a typo: 7 is not a number there\n',
        encoding="utf-8",
    )
    problems = [str(p) for p in lint(root=project).problems]
    assert any("data/exclusions.csv" in p and "matches no number" in p for p in problems), problems


def test_a_new_article_has_each_unaccounted_number_with_a_draft_beside_it(project):
    add_article(project, TIANSHAN)
    report = lint(TIANSHAN["article_id"], root=project)
    text = report.text()
    assert not report.problems and report.unaccounted == len(report.proposals[TIANSHAN["article_id"]].claims) + len(
        report.proposals[TIANSHAN["article_id"]].exclusions
    )
    assert f"{TIANSHAN['article_id']} line 7: '77.15 billion' (number)" in text
    entry = text[text.index("'77.15 billion' (number)") :]
    assert entry.split("\n")[1].startswith("    draft for data/claims.csv: kashgar-prefecture-trade-jan-nov-2023,")
    with pytest.raises(UnaccountedNumbers) as stopped:
        run_gate(project)
    assert "coverage gate stopped the build" in str(stopped.value) and "77.15 billion" in str(stopped.value)


def test_an_article_of_a_thousand_numbers_stops_the_gate_with_a_summary_not_a_thousand_entries(project):
    sentence = "The port handled {0} trucks, {1} tonnes and {2} parcels worth {3} million yuan in the period."
    paragraphs = [
        sentence.format(*(1_000 + 7 * (4 * i + k) for k in range(4))) + " It said more came later today."
        for i in range(250)
    ]
    text = "URUMQI, March 15 (Test Wire) -- " + "\n\n".join(paragraphs) + "\n"
    add_article(project, {**TIANSHAN, "article_id": "testwire-2024-03-15", "headline": "Numbers"}, text.encode())
    with pytest.raises(UnaccountedNumbers) as stopped:
        run_gate(project, log=lambda line: None)
    message = str(stopped.value)
    count = int(re.search(r"(\d+) unaccounted number\(s\)", message).group(1))
    assert count > 900, "every number is counted, drafted or not"
    assert f"... and {count - 20} more (python -m portbook lint shows all)" in message
    assert len(message.splitlines()) < 120, "the build's message is a summary"


def test_the_gate_stops_on_a_ledger_problem_and_passes_a_clean_project(project):
    assert run_gate(project, log=lambda line: None).ok
    edit_row(project, "kashgar-cbz-trade-2021", ",last year,", ",the year of the dragon,")
    with pytest.raises(BadLedger, match="BadPeriod"):
        run_gate(project, log=lambda line: None)


def test_the_command_exits_1_with_the_report_and_0_when_clean(project):
    env = {**os.environ, "PORTBOOK_ROOT": str(project)}
    run = lambda *a: subprocess.run(
        [sys.executable, "-m", "portbook", "lint", *a], capture_output=True, text=True, env=env
    )
    clean = run()
    assert clean.returncode == 0 and "0 ledger problem(s), 0 unaccounted number(s)" in clean.stdout
    add_article(project, TIANSHAN)
    found = run(TIANSHAN["article_id"])
    assert found.returncode == 1 and "draft for data/claims.csv" in found.stdout
    unknown = run("nowhere-2024")
    assert (
        unknown.returncode == 2 and unknown.stderr.startswith("UnknownArticle:") and "Traceback" not in unknown.stderr
    )
