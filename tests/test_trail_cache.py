"""`check` keeps every trail under a key of every input's hash: a hit answers like a miss, any change misses."""

import json
import os
import subprocess
import sys

import pytest
from conftest import ROOT

from portbook.reconcile import trail_cache


def check(root, *arguments):
    return subprocess.run(
        [sys.executable, "-m", "portbook", "check", *arguments],
        capture_output=True,
        text=True,
        cwd=root,
        env={**os.environ, "PORTBOOK_ROOT": str(root)},
        timeout=300,
    )


def fake_project(tmp_path):
    root, package = tmp_path / "project", tmp_path / "portbook"
    for folder in (root / "seeds", root / "data", package / "present" / "templates"):
        folder.mkdir(parents=True)
    (root / "seeds" / "a.txt").write_text("seed")
    (root / "seeds" / "metadata.csv").write_text("article_id\n")
    (root / "data" / "claims.csv").write_text("claim_id\n")
    (root / "requirements.txt").write_text("pandas==3.1.1\n")
    (package / "checks.py").write_text("x = 1\n")
    (package / "present" / "templates" / "t.html.j2").write_text("{{ x }}")
    (package / "verdicts.yml").write_text("a: b\n")
    return root, package


@pytest.mark.parametrize(
    "change",
    [
        "seeds/a.txt",
        "seeds/metadata.csv",
        "data/claims.csv",
        "requirements.txt",
        "package:checks.py",
        "package:present/templates/t.html.j2",
        "package:verdicts.yml",
        "new:data/exclusions.csv",
        "new:seeds/b.txt",
        "new:package:extra.py",
    ],
)
def test_any_change_to_any_input_changes_the_key(tmp_path, change):
    root, package = fake_project(tmp_path)
    before = trail_cache.cache_key(root, package)
    assert trail_cache.cache_key(root, package) == before, "the key is a function of the inputs"
    new = change.startswith("new:")
    name = change.removeprefix("new:")
    path = package / name.removeprefix("package:") if name.startswith("package:") else root / name
    path.write_text("added" if new else path.read_text() + " ")
    assert trail_cache.cache_key(root, package) != before


def test_files_that_are_not_inputs_leave_the_key_alone(tmp_path):
    root, package = fake_project(tmp_path)
    before = trail_cache.cache_key(root, package)
    (root / "data" / "interim").mkdir()
    (root / "data" / "interim" / "mentions.csv").write_text("derived")
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "checks.cpython-311.pyc").write_bytes(b"\0")
    (root / "notes.md").write_text("an editor's notes")
    assert trail_cache.cache_key(root, package) == before


@pytest.fixture(scope="module")
def copy_with_cache(tmp_path_factory):
    import shutil

    root = tmp_path_factory.mktemp("cache") / "project"
    for name in ("seeds", "data"):
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("interim", "processed"))
    shutil.copy2(ROOT / "requirements.txt", root / "requirements.txt")
    cold = check(root, "kashgar-cbz-trade-2021", "--json")
    assert cold.returncode == 0, cold.stderr
    return root, cold.stdout


def test_a_hit_answers_exactly_as_the_miss_did_and_keeps_one_file(copy_with_cache):
    root, cold = copy_with_cache
    files = list((root / trail_cache.CACHE).glob("trails-*.json"))
    assert len(files) == 1 and "kashgar-cbz-trade-2021" in json.loads(files[0].read_text(encoding="utf-8"))
    warm = check(root, "kashgar-cbz-trade-2021", "--json")
    assert warm.returncode == 0 and warm.stdout == cold
    assert check(root, "kashgar-cbz-trade-2020").stderr.startswith("UnknownClaim: unknown claim id")


def test_a_changed_ledger_changes_the_answer_and_drops_the_stale_cache(copy_with_cache):
    root, cold = copy_with_cache
    ledger = root / "data" / "claims.csv"
    text = ledger.read_text(encoding="utf-8")
    line = next(row for row in text.splitlines() if row.startswith("kashgar-cbz-trade-2021,"))
    assert ",last year," in line
    ledger.write_text(text.replace(line, line.replace(",last year,", ",2021,")), encoding="utf-8")
    try:
        changed = check(root, "kashgar-cbz-trade-2021", "--json")
        assert changed.returncode == 0, changed.stderr
        assert (
            json.loads(changed.stdout)["period_phrase"] == "2021" and json.loads(cold)["period_phrase"] == "last year"
        )
        assert len(list((root / trail_cache.CACHE).glob("trails-*.json"))) == 1
    finally:
        ledger.write_text(text, encoding="utf-8")
    assert check(root, "kashgar-cbz-trade-2021", "--json").stdout == cold


def test_a_damaged_cache_is_recomputed_not_trusted(copy_with_cache):
    root, cold = copy_with_cache
    for path in (root / trail_cache.CACHE).glob("trails-*.json"):
        path.write_text("{not json", encoding="utf-8")
    again = check(root, "kashgar-cbz-trade-2021", "--json")
    assert again.returncode == 0 and again.stdout == cold


def test_the_state_a_build_keeps_for_its_kernels_tells_every_claim_as_a_fresh_one(tmp_path, monkeypatch):
    from portbook.reconcile import book_state
    from portbook.reconcile.trail import build_trail

    kept = tmp_path / "state.pickle"
    book_state.write_shared(str(kept))
    monkeypatch.setenv(book_state.SHARED_STATE, str(kept))
    shared, fresh = book_state.current(), book_state.BookState()
    assert shared is not fresh and shared.claims.equals(fresh.claims) and shared.checks.equals(fresh.checks)
    ids = list(fresh.ledger.claim_id)
    assert [build_trail(c, shared).to_json() for c in ids] == [build_trail(c, fresh).to_json() for c in ids]


def test_without_a_kept_state_the_state_is_computed(tmp_path, monkeypatch):
    from portbook.reconcile import book_state

    monkeypatch.setenv(book_state.SHARED_STATE, str(tmp_path / "none.pickle"))
    assert len(book_state.current().claims) == len(book_state.BookState().claims)
