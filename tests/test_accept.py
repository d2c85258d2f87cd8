"""`accept`: the rows an editor kept in review/<article_id>/ go below the curated tables' last rows, all or none."""

import csv
import shutil

import pytest
from conftest import ROOT
from fixture_articles import TIANSHAN, add_article, decide

from portbook.errors import BadLedger
from portbook.numbers.accept import TABLES, accept
from portbook.numbers.ledger import COLUMNS, load_entities, read_csv
from portbook.numbers.lint import lint, load_inputs, propose_for
from portbook.numbers.propose import EXCLUSION_COLUMNS, write_review
from portbook.present.stories import stories_to_reread


@pytest.fixture
def reviewed(tmp_path):
    """A project with the TIANSHAN article added and its drafts in review/, decided as the README's step 4 says:
    the review files hold the rows the editor kept, and the classes and words of those claims and metrics."""
    for name in ("seeds", "data"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("interim", "processed"))
    add_article(tmp_path, TIANSHAN)
    proposal = propose_for(load_inputs(tmp_path), TIANSHAN["article_id"])
    write_review(proposal, tmp_path / "review")
    kept, exclusions = decide([d.row for d in proposal.claims], [e.row for e in proposal.exclusions])
    folder = tmp_path / "review" / TIANSHAN["article_id"]
    rewrite(folder / "claims.csv", COLUMNS, kept)
    rewrite(folder / "exclusions.csv", EXCLUSION_COLUMNS, exclusions)
    ids, metrics = {r["claim_id"] for r in kept}, {r["metric"] for r in kept}
    classes = [r for r in read(folder / "claim_classes.csv") if r["claim_id"] in ids]
    rewrite(folder / "claim_classes.csv", ("claim_id", "indicator_class", "reason"), classes)
    labels = [r for r in read(folder / "metrics.csv") if r["metric"] in metrics]
    rewrite(folder / "metrics.csv", ("metric", "label"), labels)
    return tmp_path


def read(path):
    with open(path, encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def rewrite(path, columns, rows):
    with open(path, "w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(columns), lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def tables(root):
    return {t.name: (root / "data" / t.name).read_bytes() for t in TABLES}


def test_the_kept_rows_go_below_the_tables_last_rows_and_lint_is_then_clean(reviewed):
    before = tables(reviewed)
    kept = read(reviewed / "review" / TIANSHAN["article_id"] / "claims.csv")
    done = accept(TIANSHAN["article_id"], root=reviewed)
    assert done.added["claims.csv"] == len(kept) > 0
    after = tables(reviewed)
    for name, old in before.items():
        assert after[name].startswith(old), f"{name}: the rows already there are kept as they were"
    report = lint(TIANSHAN["article_id"], root=reviewed)
    assert report.ok, report.text()


def test_accepting_twice_adds_nothing(reviewed):
    accept(TIANSHAN["article_id"], root=reviewed)
    once = tables(reviewed)
    again = accept(TIANSHAN["article_id"], root=reviewed)
    assert tables(reviewed) == once
    assert sum(again.added.values()) == 0 and again.already_there["claims.csv"] > 0


def test_accepting_again_after_an_edit_of_the_review_files_changes_and_removes_the_rows_it_wrote(reviewed):
    """The loop the README describes: accept, lint names a row to fix, fix it in the review file, accept again."""
    folder = reviewed / "review" / TIANSHAN["article_id"]
    accept(TIANSHAN["article_id"], root=reviewed)
    rows = read(folder / "claims.csv")
    changed, dropped = rows[0]["claim_id"], rows[1]["claim_id"]
    rows[0] = {**rows[0], "note": "Checked against the page again."}
    rewrite(folder / "claims.csv", COLUMNS, [rows[0]] + rows[2:])
    classes = [r for r in read(folder / "claim_classes.csv") if r["claim_id"] != dropped]
    rewrite(folder / "claim_classes.csv", ("claim_id", "indicator_class", "reason"), classes)
    before = (reviewed / "data" / "claims.csv").read_bytes()
    done = accept(TIANSHAN["article_id"], root=reviewed)
    assert (done.changed["claims.csv"], done.removed["claims.csv"], done.added["claims.csv"]) == (1, 1, 0)
    assert done.removed["claim_classes.csv"] == 1
    ledger = {r["claim_id"]: r for r in read(reviewed / "data" / "claims.csv")}
    assert ledger[changed]["note"] == "Checked against the page again." and dropped not in ledger
    # every other row is kept byte for byte, in its place
    after = (reviewed / "data" / "claims.csv").read_bytes()
    first_cell = lambda line: line.split(b",")[0].decode()  # noqa: E731
    kept = [line for line in before.splitlines() if first_cell(line) not in (changed, dropped)]
    assert [line for line in after.splitlines() if first_cell(line) != changed] == kept
    report = lint(TIANSHAN["article_id"], root=reviewed)
    assert not report.problems and report.unaccounted >= 1  # the dropped claim's number is now unaccounted
    assert "1 changed, 1 removed" in done.text()


def test_a_row_edited_in_the_table_since_accept_wrote_it_is_the_editors_and_never_touched(reviewed):
    folder = reviewed / "review" / TIANSHAN["article_id"]
    accept(TIANSHAN["article_id"], root=reviewed)
    ledger = read(reviewed / "data" / "claims.csv")
    mine = read(folder / "claims.csv")[0]["claim_id"]
    by_hand = [{**r, "note": "Edited in the ledger."} if r["claim_id"] == mine else r for r in ledger]
    rewrite(reviewed / "data" / "claims.csv", COLUMNS, by_hand)
    held = tables(reviewed)
    # the review file still holds the row as accept wrote it: nothing to do, the hand edit stands
    accept(TIANSHAN["article_id"], root=reviewed)
    assert tables(reviewed) == held
    # a review edit of that row is refused rather than undoing the hand edit
    rows = read(folder / "claims.csv")
    rewrite(folder / "claims.csv", COLUMNS, [{**rows[0], "note": "Another note."}] + rows[1:])
    with pytest.raises(BadLedger, match="edited there since accept wrote it"):
        accept(TIANSHAN["article_id"], root=reviewed)
    assert tables(reviewed) == held


@pytest.mark.parametrize(
    "edit, says",
    [
        # a claim id the ledger holds already, for another claim
        (lambda row, held: {**row, "claim_id": held["claim_id"]}, "line 2 holds this key with other cells; rename"),
        # a row of another article in this article's review
        (lambda row, held: {**row, "article_id": held["article_id"]}, "names the article"),
    ],
    ids=["key-taken", "other-article"],
)
def test_a_row_the_tables_cannot_take_is_refused_with_its_file_and_line_and_nothing_is_written(reviewed, edit, says):
    folder = reviewed / "review" / TIANSHAN["article_id"]
    rows = read(folder / "claims.csv")
    held = read(reviewed / "data" / "claims.csv")[0]
    rows[1] = edit(rows[1], held)
    rewrite(folder / "claims.csv", COLUMNS, rows)
    before = tables(reviewed)
    with pytest.raises(BadLedger, match=f"claims.csv: line 3: .*{says}"):
        accept(TIANSHAN["article_id"], root=reviewed)
    assert tables(reviewed) == before


def test_a_review_file_without_its_columns_or_an_article_without_reviews_is_refused(reviewed):
    folder = reviewed / "review" / TIANSHAN["article_id"]
    (folder / "metrics.csv").write_text("metric,words\nx,y\n", encoding="utf-8")
    with pytest.raises(BadLedger, match="metrics.csv: line 1: without the column"):
        accept(TIANSHAN["article_id"], root=reviewed)
    with pytest.raises(BadLedger, match="propose cns-2023-07-07 --write first"):
        accept("cns-2023-07-07", root=reviewed)


def test_after_accept_a_port_story_that_refers_to_none_of_the_new_claims_is_named_to_read_again(reviewed):
    # a story written before the article came may say what is no longer true ('the articles give no figure ...')
    accept(TIANSHAN["article_id"], root=reviewed)
    ledger = read_csv(reviewed / "data" / "claims.csv")
    ports = dict(load_entities(reviewed / "data" / "entities.csv", reviewed / "data" / "aliases.csv").table.port)
    added = ledger[ledger.article_id == TIANSHAN["article_id"]]
    port = next(ports[e] for e in added.entity if ports.get(e))
    stories = reviewed / "stories"
    stories.mkdir()
    (stories / f"{port}.md").write_text("The articles give no figure for this port.\n", encoding="utf-8")
    lines = stories_to_reread(TIANSHAN["article_id"], ledger, ports, stories)
    assert any(line.startswith(f"book/stories/{port}.md refers to none of the") for line in lines), lines
    one = next(c for c, e in zip(added.claim_id, added.entity) if ports.get(e) == port)
    (stories / f"{port}.md").write_text(f"It handled {{claim}}`{one}`.\n", encoding="utf-8")
    assert not any(
        line.startswith(f"book/stories/{port}.md")
        for line in stories_to_reread(TIANSHAN["article_id"], ledger, ports, stories)
    )
