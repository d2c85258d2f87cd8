"""An article the book has never seen goes through `propose`, an editor's decisions and `lint` to a green build,
with its claims on the port pages and the flagship unchanged: the editors' steps (README, "Adding an article") on a
real report kept as a fixture (tests/fixtures/articles/), in a copy of the project."""

import csv
import io
import os
import re
import shutil
import subprocess
import sys
from html import unescape

import pytest
from conftest import ROOT, build_book, build_problems
from fixture_articles import TIANSHAN, add_article, append_csv, decide

from portbook.numbers.ledger import COLUMNS
from portbook.numbers.propose import EXCLUSION_COLUMNS
from portbook.numbers.side_tables import CLASS_COLUMNS, LABEL_COLUMNS

NOT_COPIED = ("_build", "__pycache__", ".ipynb_checkpoints", "interim", "processed", "articles", "generated")


def command(root, *arguments):
    env = {**os.environ, "PORTBOOK_ROOT": str(root), "PYTHONPATH": str(root)}
    return subprocess.run(
        [sys.executable, "-m", "portbook", *arguments], capture_output=True, text=True, cwd=root, env=env, timeout=600
    )


def rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def as_csv(columns, table: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(table)
    return out.getvalue()


@pytest.fixture(scope="module")
def added(tmp_path_factory):
    root = tmp_path_factory.mktemp("new-article") / "project"
    for name in ("seeds", "notebooks", "book", "data", "portbook"):
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns(*NOT_COPIED))
    for name in ("_config.yml", "_toc.yml", "requirements.txt", "CITATION.cff", "LICENSE", "README.md"):
        shutil.copy2(ROOT / name, root / name)
    add_article(root, TIANSHAN)
    steps = {}
    steps["propose"] = command(root, "propose", TIANSHAN["article_id"], "--write")
    review = root / "review" / TIANSHAN["article_id"]
    kept, exclusions = decide(
        rows((review / "claims.csv").read_text(encoding="utf-8")),
        rows((review / "exclusions.csv").read_text(encoding="utf-8")),
    )
    append_csv(root / "data" / "claims.csv", as_csv(COLUMNS, kept))
    append_csv(root / "data" / "exclusions.csv", as_csv(EXCLUSION_COLUMNS, exclusions))
    append_csv(root / "data" / "aliases.csv", (review / "aliases.csv").read_text(encoding="utf-8"))
    # the side tables' drafts of the claims and metrics kept (README step 5)
    ids, metrics = {r["claim_id"] for r in kept}, {r["metric"] for r in kept}
    classes = [r for r in rows((review / "claim_classes.csv").read_text(encoding="utf-8")) if r["claim_id"] in ids]
    labels = [r for r in rows((review / "metrics.csv").read_text(encoding="utf-8")) if r["metric"] in metrics]
    append_csv(root / "data" / "claim_classes.csv", as_csv(CLASS_COLUMNS, classes))
    append_csv(root / "data" / "metrics.csv", as_csv(LABEL_COLUMNS, labels))
    steps["lint"] = command(root, "lint", TIANSHAN["article_id"])
    steps["build"] = build_book(root, {"PYTHONPATH": str(root)})
    return root, steps, kept


def test_propose_and_lint_answer_without_a_traceback(added):
    _, steps, kept = added
    assert steps["propose"].returncode == 0, steps["propose"].stderr
    assert "# needs a human decision" in steps["propose"].stdout
    assert steps["lint"].returncode == 0, steps["lint"].stdout + steps["lint"].stderr
    assert "0 ledger problem(s), 0 unaccounted number(s)" in steps["lint"].stdout
    for name in ("propose", "lint"):
        assert "Traceback" not in steps[name].stdout + steps[name].stderr
    # A build's stderr also carries the kernels' shutdown chatter (ipykernel prints a zmq traceback when papermill
    # closes a kernel under load), so the build is held only to raising nothing from our own code.
    build_output = steps["build"].stdout + steps["build"].stderr
    assert not re.search(r'File "[^"]*/portbook/', build_output), build_output[-3000:]
    assert len(kept) >= 12


def test_the_book_builds_green_with_the_new_claims_on_the_port_pages(added):
    root, steps, kept = added
    assert steps["build"].returncode == 0, build_problems(steps["build"])
    assert (
        "portbook coverage gate: every number of every article is accounted for"
        in steps["build"].stdout + steps["build"].stderr
    )
    html = root / "_build" / "html"
    assert (html / "book" / "articles" / f"{TIANSHAN['article_id']}.html").is_file()
    page = (html / "book" / "ports" / "kashgar.html").read_text(encoding="utf-8")
    for row in kept:
        # every claim on the page links to its own audit page
        assert f"../claims/{row['claim_id']}.html" in page, row["claim_id"]


def test_new_figures_of_the_flagship_entity_leave_its_sentence_as_it_was(added):
    from portbook.present.reconcile_pages import Flagship

    root, steps, kept = added
    assert steps["build"].returncode == 0, build_problems(steps["build"])
    assert any(r["entity"] == "kashgar-cbz" and r["metric"] == "trade_value_cny" for r in kept), "the case under test"
    text = unescape((root / "_build" / "html" / "book" / "generated" / "reconciling.html").read_text(encoding="utf-8"))
    shown = re.search(r'<p class="pb-verdict"><strong>(.*?)</strong></p>', text, re.S).group(1)
    assert shown == Flagship().verdict_sentence(), "the checkout's sentence, computed without the new article"
