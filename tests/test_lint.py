"""`lint` and the build's coverage gate: every problem of the curated tables once, with file, line, claim, column,
the named error and what is accepted; every unaccounted number with a drafted row beside it."""

import csv
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT
from fixture_articles import TIANSHAN, add_article, decide, text_of

from portbook.build.coverage_gate import run_gate
from portbook.build.state_check import with_state
from portbook.errors import BadLedger, UnaccountedNumbers
from portbook.numbers.ledger import COLUMNS, read_csv
from portbook.numbers.lint import csv_lines, lint, load_inputs, propose_for
from portbook.numbers.propose import ALIAS_COLUMNS, ENTITY_COLUMNS, EXCLUSION_COLUMNS
from portbook.numbers.side_tables import CLASS_COLUMNS, LABEL_COLUMNS
from portbook.sources.seeds import METADATA_COLUMNS


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


def test_what_would_stop_the_build_after_clean_tables_is_a_problem_of_lint(monkeypatch):
    """A clean lint means the build computes: lint computes the book's readings and checks as the build does, and
    what stops them is reported as a problem, named, not left to the build's notebooks."""
    from portbook.reconcile import book_state

    def stops(self):
        raise BadLedger("data/claims.csv (claim x-trips): its figure '3.5' cannot be read for the checks")

    monkeypatch.setattr(book_state.BookState, "__init__", stops)
    report = with_state(lint())
    assert not report.ok
    assert [p.error for p in report.problems] == ["BadLedger"]
    assert "x-trips" in report.text() and "the build would stop here" in report.text()
    # and the build's gate stops on it before any notebook runs
    with pytest.raises(BadLedger, match="x-trips"):
        run_gate(ROOT, log=lambda _: None)


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


# --------------------------------------------------------------------------- a new article, as an editor adds it


def paste(root, table: str, columns, rows: list[dict]) -> None:
    out = io.StringIO()
    csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n", extrasaction="ignore").writerows(rows)
    path = root / table
    body = path.read_text(encoding="utf-8")
    path.write_text(body + ("" if body.endswith("\n") else "\n") + out.getvalue(), encoding="utf-8", newline="")


def paste_drafts(root, side_tables: bool = True) -> list[dict]:
    """Add the TIANSHAN article to a project as README's steps do: its drafted rows pasted after the editor's
    decisions, and (with `side_tables`) the class and words drafted for the claims and metrics kept."""
    add_article(root, TIANSHAN)
    proposal = propose_for(load_inputs(root), TIANSHAN["article_id"])
    kept, exclusions = decide([d.row for d in proposal.claims], [e.row for e in proposal.exclusions])
    paste(root, "data/claims.csv", COLUMNS, kept)
    paste(root, "data/exclusions.csv", EXCLUSION_COLUMNS, exclusions)
    paste(root, "data/aliases.csv", ALIAS_COLUMNS, [{"alias": a, "entity_id": e} for a, e in proposal.aliases.items()])
    paste(root, "data/entities.csv", ENTITY_COLUMNS, list(proposal.entities.values()))
    if side_tables:
        ids, metrics = {r["claim_id"] for r in kept}, {r["metric"] for r in kept}
        paste(root, "data/claim_classes.csv", CLASS_COLUMNS, [c.row for c in proposal.classes if c.claim_id in ids])
        labels = [{"metric": m, "label": w} for m, w in proposal.labels.items() if m in metrics]
        paste(root, "data/metrics.csv", LABEL_COLUMNS, labels)
    return kept


def claim_line(root, claim_id: str) -> int:
    lines = (root / "data" / "claims.csv").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if line.startswith(f"{claim_id},"))


def test_propose_drafts_the_class_and_words_each_new_claim_needs_and_with_them_pasted_lint_is_clean(project):
    paste_drafts(project)
    report = lint(root=project)
    assert report.ok, report.text()


def test_a_claim_without_its_class_row_and_a_new_metric_without_words_are_reported_once_with_a_draft(project):
    kept = paste_drafts(project, side_tables=False)
    report = lint(root=project)
    text = report.text()
    classless = [p for p in report.problems if p.draft and p.draft[0] == "data/claim_classes.csv"]
    assert sorted(p.claim_id for p in classless) == sorted(r["claim_id"] for r in kept), "each claim once"
    first = classless[0]
    assert (first.path, first.line, first.column) == (
        "data/claims.csv",
        claim_line(project, first.claim_id),
        "claim_id",
    )
    assert "channel, industrial, trade, context" in first.message
    drafted = next(csv.reader([first.draft[1]]))
    assert drafted[0] == first.claim_id and drafted[1] in ("channel", "industrial", "trade", "context") and drafted[2]
    assert f"    draft for data/claim_classes.csv: {first.draft[1]}" in text
    assert "    decide: class: " in text
    new_metrics = {r["metric"] for r in kept} - set(read_csv(ROOT / "data" / "metrics.csv").metric)
    unlabelled = [p for p in report.problems if p.draft and p.draft[0] == "data/metrics.csv"]
    assert new_metrics and sorted(next(csv.reader([p.draft[1]]))[0] for p in unlabelled) == sorted(new_metrics)
    assert all(p.column == "metric" and p.path == "data/claims.csv" for p in unlabelled)


def test_a_period_that_ends_after_publication_is_reported_once_with_what_to_do(project):
    kept = paste_drafts(project)
    claim = kept[0]["claim_id"]
    line = edit_row(project, claim, f",{kept[0]['period']},", ",2024,")  # published 2024-01-05
    report = lint(root=project)
    found = [str(p) for p in report.problems]
    period = [p for p in found if f"(claim {claim}) column 'period'" in p]
    assert len(period) == 1 and period[0].startswith(
        f"data/claims.csv:{line} (claim {claim}) column 'period': BadPeriod"
    )
    assert "ends on 2024-12-31, after the article's publication on 2024-01-05" in period[0]
    assert "exclude it" in period[0] and "as of" in period[0], "what to do"


def test_a_class_row_of_no_claim_an_unknown_class_and_a_claim_classified_twice_are_problems(project):
    kept = paste_drafts(project)
    claim = kept[0]["claim_id"]
    path = project / "data" / "claim_classes.csv"
    path.write_text(
        path.read_text(encoding="utf-8") + f"no-such-claim,channel,why\n{claim},factory,why\n", encoding="utf-8"
    )
    found = [str(p) for p in lint(root=project).problems]
    assert any(
        p.startswith("data/claim_classes.csv:") and "(claim no-such-claim)" in p and "remove the row" in p
        for p in found
    )
    assert any(f"(claim {claim}) column 'claim_id'" in p and "classified already" in p for p in found), found


def replace_row(root, row: dict, edited: dict) -> None:
    path = root / "data" / "claims.csv"
    old, new = io.StringIO(), io.StringIO()
    csv.DictWriter(old, fieldnames=list(COLUMNS), lineterminator="\n").writerow(row)
    csv.DictWriter(new, fieldnames=list(COLUMNS), lineterminator="\n").writerow(edited)
    text = path.read_text(encoding="utf-8")
    assert text.count(old.getvalue()) == 1
    path.write_text(text.replace(old.getvalue(), new.getvalue()), encoding="utf-8", newline="")


@pytest.mark.parametrize(
    "edit, column, says",
    [
        (lambda r: {"unit": "widgets"}, "unit", "is not a base unit; accepted:"),
        (lambda r: {"quote": r["figure"][:9]}, "quote", "too short: at least 10 characters"),
        # the figure's text inside a longer number of the quote: '118' in '1180'
        (lambda r: {"figure": r["figure"][:1]}, "figure", "times in the quote"),
    ],
    ids=["unit", "short-quote", "figure-twice"],
)
def test_each_cell_the_ledger_tests_refuse_lint_reports_with_its_column(project, edit, column, says):
    kept = paste_drafts(project)
    row = next(r for r in kept if r["quote"].count(r["figure"][:1]) > 1 and r["unit"] != "date")
    replace_row(project, row, {**row, **edit(row)})
    found = [str(p) for p in lint(root=project).problems if p.claim_id == row["claim_id"]]
    assert any(f"column {column!r}" in p and says in p for p in found), found


def test_a_number_both_claimed_and_excluded_and_a_bare_reason_are_problems(project):
    kept = paste_drafts(project)
    row = kept[0]
    paste(
        project,
        "data/exclusions.csv",
        EXCLUSION_COLUMNS,
        [{"article_id": row["article_id"], "text": row["figure"], "context": row["quote"], "reason": "no"}],
    )
    found = [str(p) for p in lint(root=project).problems if p.path == "data/exclusions.csv"]
    assert any("column 'text'" in p and f"the figure of the claim {row['claim_id']}" in p for p in found), found
    assert any("column 'reason'" in p for p in found), found


def test_the_same_place_in_another_article_is_not_the_claim_s_figure(project):
    row = paste_drafts(project)[0]
    twin = {**TIANSHAN, "article_id": "tianshan-2024-01-06"}
    add_article(project, twin)  # the same text: every number at the same offsets
    paste(
        project,
        "data/exclusions.csv",
        EXCLUSION_COLUMNS,
        [{"article_id": twin["article_id"], "text": row["figure"], "context": row["quote"], "reason": "a test row"}],
    )
    found = [str(p) for p in lint(root=project).problems if p.path == "data/exclusions.csv"]
    assert not found, found


def test_an_entity_of_an_unknown_kind_or_port_and_an_alias_listed_twice_are_problems(project):
    paste(
        project,
        "data/entities.csv",
        ENTITY_COLUMNS,
        [{"entity_id": "tacheng-county", "name": "Tacheng County", "kind": "county", "parent": "", "port": "nowhere"}],
    )
    alias = read_csv(project / "data" / "aliases.csv").iloc[0]
    paste(project, "data/aliases.csv", ALIAS_COLUMNS, [{"alias": alias.alias, "entity_id": alias.entity_id}])
    found = [str(p) for p in lint(root=project).problems]
    assert any(p.startswith("data/entities.csv:") and "column 'kind'" in p and "'county'" in p for p in found), found
    assert any("column 'port'" in p and "'nowhere'" in p for p in found), found
    assert any(p.startswith("data/aliases.csv:") and "listed already" in p for p in found), found


def test_a_port_spelling_without_an_alias_is_a_problem_named_where_the_seed_prints_it(project):
    add_article(project, TIANSHAN, text_of(TIANSHAN).replace("Kashi Prefecture", "Kashi Port", 1).encode())
    report = lint(root=project)
    [problem] = [p for p in report.problems if "'Kashi Port'" in p.message]
    assert problem.path.startswith("seeds/") and problem.line, "named where the seed prints it"
    assert problem.draft[0] == "data/entities.csv", "no entity kashi-port: its row first, or an alias to another"
    assert "or alias it to the entity it is" in problem.message


def test_a_known_name_before_port_in_a_title_case_headline_needs_no_alias(project):
    """'Xinjiang's Alataw Pass Port Sees More Trains' (the sixth trial's headline) prints the known 'Alataw Pass'
    before 'Port': no problem, where before lint asked for an entity 'Pass Port'."""
    text = text_of(TIANSHAN).replace("Kashi Prefecture", "Xinjiang's Alataw Pass Port", 1)
    add_article(project, TIANSHAN, text.encode())
    assert not [p for p in lint(root=project).problems if "Pass Port" in p.message]


def test_a_known_name_that_runs_on_after_port_needs_no_alias_for_its_middle(project):
    """'the Kashi Border Trade Port Area' aliased whole (the seventh trial's 'Urumqi International Land Port Area'):
    no problem asking for an entity 'Trade Port', where before only a global alias of the middle cleared it."""
    text = text_of(TIANSHAN).replace("Kashi Prefecture", "the Kashi Border Trade Port Area", 1)
    add_article(project, TIANSHAN, text.encode())
    assert [p for p in lint(root=project).problems if "'Trade Port'" in p.message], "not aliased yet: a problem"
    aliases = project / "data" / "aliases.csv"
    aliases.write_text(aliases.read_text(encoding="utf-8") + "Kashi Border Trade Port Area,kashgar-prefecture\n")
    assert not [p for p in lint(root=project).problems if "Trade Port" in p.message]


def test_a_port_spelling_that_names_no_entity_gets_its_entity_row_drafted(project):
    add_article(project, TIANSHAN, text_of(TIANSHAN).replace("Kashi Prefecture", "Sost Port", 1).encode())
    [problem] = [p for p in lint(root=project).problems if "'Sost Port'" in p.message]
    assert problem.draft[0] == "data/entities.csv" and problem.draft[1] == "sost-port,Sost Port,port,,"
    assert "Sost Port,sost-port" in problem.message and any("parent:" in d for d in problem.draft[2])


def metadata_draft(project, page: str, name: str = "wire.txt"):
    """A page saved in seeds/ without its row: lint's one problem for seeds/metadata.csv, and its drafted row."""
    (project / "seeds" / name).write_text(page, encoding="utf-8")
    [problem] = [p for p in lint(root=project).problems if p.path == "seeds/metadata.csv"]
    return problem, dict(zip(METADATA_COLUMNS, next(csv.reader([problem.draft[1]]))))


def test_a_seed_without_its_row_gets_a_drafted_row_that_loads_once_pasted(project):
    page = (
        " date 2025-05-29 Port handles over 3,000 trains in the year so far\n\nMay 29, 2025\n\n"
        "A photo taken on May 17, 2024 shows the port. (Xinhua)\n\n"
        "URUMQI, May 28 (Xinhua) -- As of Monday, the port had handled over 3,000 freight train trips this year.\n"
    )
    problem, row = metadata_draft(project, page)
    digest = hashlib.sha256(page.encode()).hexdigest()
    assert f"mv seeds/wire.txt seeds/005_{digest[:16]}.txt" in problem.message, "the name the others have"
    assert (row["article_id"], row["published"], row["sha256"], row["outlet"]) == (
        "xinhua-2025-05-28",
        "2025-05-28",
        digest,
        "Xinhua",
    )
    assert row["dateline_as_printed"] == "URUMQI, May 28 (Xinhua) --"
    assert "dateline" in row["date_evidence"] and "2025-05-29" in row["date_evidence"]
    assert "May 29, 2025" in row["date_evidence"] and "2024" not in row["date_evidence"], "a caption's date is not"
    assert "1 day(s) after the dateline" in row["date_disagreement"]
    assert any(d.startswith("outlet:") for d in problem.draft[2])
    (project / "seeds" / "wire.txt").rename(project / "seeds" / row["seed_file"])
    metadata = project / "seeds" / "metadata.csv"
    metadata.write_text(metadata.read_text(encoding="utf-8") + problem.draft[1] + "\n", encoding="utf-8")
    after = lint(root=project)
    assert not [p for p in after.problems if p.path.startswith("seeds")], after.text()
    assert after.unaccounted, "the article is read: its numbers are next"


def test_a_syndicators_bracket_dateline_is_drafted_as_the_dateline_and_agrees_with_the_byline(project):
    """'BEIJING, (APP - UrduPoint / Pakistan Point News - 2nd Dec, 2024)' (the eleventh trial): drafted as the dateline
    with its date, where the row said '(no dateline printed)'; the byline's date agrees with it."""
    page = (
        "Border Port To Open All Year\n\nAnna Lee Published December 02, 2024 | 12:40 PM\n\n"
        "BEIJING, (APP - UrduPoint / Pakistan Point News - 2nd Dec, 2024) The pass will open all year from Sunday.\n\n"
        "By the end of October, over 11,000 vehicles had crossed the pass.\n"
    )
    _, row = metadata_draft(project, page)
    assert row["dateline_as_printed"] == "BEIJING, (APP - UrduPoint / Pakistan Point News - 2nd Dec, 2024)"
    assert row["published"] == "2024-12-02" and row["date_disagreement"].startswith("None found: the dateline")


def test_a_generic_word_before_port_in_a_title_case_headline_is_no_name(project):
    """'Pak-China Border Port In Xinjiang To Operate Year-round' (the eleventh trial): a headline capitalises every
    word, so 'Border Port' there names nothing, where lint asked for an entity 'Border Port'. In running text the
    capitals are evidence of a name, and lint still asks."""
    add_article(
        project, TIANSHAN, ("Pak-China Border Port In Xinjiang To Operate Year-round\n\n" + text_of(TIANSHAN)).encode()
    )
    assert not [p for p in lint(root=project).problems if "Border Port" in p.message]
    prose = text_of(TIANSHAN).replace("Kashi Prefecture", "Border Port", 1)
    add_article(project, {**TIANSHAN, "article_id": "tianshan-2024-01-06"}, prose.encode())
    assert [p for p in lint(root=project).problems if "'Border Port'" in p.message]


def test_a_page_date_fused_with_a_dateline_drafts_the_dateline_and_no_headline(project):
    """' date 2025-03-27 KASHGAR: Trade ...': the rest of the header line is the dateline and the first paragraph,
    so the drafted row prints the dateline and asks for the headline instead of taking the paragraph for it."""
    page = (
        " date 2025-03-27 KASHGAR: Trade across the pass has grown despite the harsh winter conditions this year.\n\n"
        "Since the beginning of the year, the pass has let through 1,271 vehicles, according to local customs data.\n"
    )
    problem, row = metadata_draft(project, page, "paper.txt")
    assert (row["dateline_as_printed"], row["published"]) == ("KASHGAR:", "2025-03-27")
    assert "Trade across" not in row["headline"]
    assert any(d.startswith("headline:") for d in problem.draft[2])


def test_a_page_that_opens_with_its_dateline_paragraph_drafts_no_headline_and_asks_for_a_title(project):
    """A scrape that kept no headline ('URUMQI, Nov. 9 (Xinhua) -- Two major ...', the ninth trial's shape): the second
    paragraph is no headline either. The drafted marker alone is refused until a title stands before it."""
    page = (
        "KASHGAR, May 9 (Xinhua) -- Two border ports in Xinjiang are busy this year.\n\n"
        "Customs data shows that by the end of April 2024, goods worth 10.2 billion yuan had passed through the port.\n"
    )
    problem, row = metadata_draft(project, page)
    assert row["headline"] == "(headline not in our copy of the page)"
    assert any(d.startswith("headline: the page's text opens with the dateline") for d in problem.draft[2])
    (project / "seeds" / "wire.txt").rename(project / "seeds" / row["seed_file"])
    metadata = project / "seeds" / "metadata.csv"
    text = metadata.read_text(encoding="utf-8")
    row.update(
        article_id="xinhua-2024-05-09",
        published="2024-05-09",
        date_evidence="The dateline prints May 9 and the page's address the year.",
        date_disagreement="None found.",
    )

    def with_headline(headline):
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerow([{**row, "headline": headline}[c] for c in METADATA_COLUMNS])
        metadata.write_text(text + out.getvalue(), encoding="utf-8")
        return [p for p in lint(root=project).problems if p.column == "headline"]

    [refused] = with_headline(row["headline"])
    assert "gives no title: write a descriptive one before the bracket" in refused.message
    assert not with_headline("Border ports busy (headline not in our copy of the page; descriptive title)")


def test_a_metadata_row_without_its_date_evidence_is_a_problem(project):
    metadata = project / "seeds" / "metadata.csv"
    add_article(project, {**TIANSHAN, "date_evidence": "the URL", "date_disagreement": ""})
    lines = metadata.read_text(encoding="utf-8").splitlines()
    found = [str(p) for p in lint(root=project).problems]
    for column in ("date_evidence", "date_disagreement"):
        assert any(p.startswith(f"seeds/metadata.csv:{len(lines)} column {column!r}: BadSeed") for p in found), found


def test_green_lint_means_the_tests_of_the_curated_tables_pass(project):
    """The ledger's own tests (tests/test_ledger_data.py, the class table's, the metadata's) run on the project with
    the new article: lint and they agree."""
    paste_drafts(project)
    assert lint(root=project).ok
    env = {**os.environ, "PORTBOOK_ROOT": str(project)}
    tests = [
        "tests/test_ledger_data.py",
        "tests/test_ports.py::test_every_claim_in_the_ledger_is_classified_by_hand",
        "tests/test_seeds.py::test_metadata_dates_are_real_dates_and_evidence_is_given",
    ]
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *tests],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stdout[-3000:]


def test_a_unit_other_than_the_printed_words_is_refused_with_what_to_write_instead(project):
    kept = paste_drafts(project)
    row = next(r for r in kept if r["unit"] in ("vehicles", "tonnes", "trips", "yuan", "usd") and r["repair"] == "none")
    replace_row(project, row, {**row, "unit": "people"})
    found = [str(p) for p in lint(root=project).problems if p.claim_id == row["claim_id"]]
    says = f"reads as {row['unit']!r} from the word printed after it; write {row['unit']!r}"
    assert any("column 'unit'" in p and says in p and "in the metric" in p for p in found), found


def test_trains_counted_may_be_trips_of_their_service_but_not_the_other_way(project):
    """README: freight trains counted are trips (unit `trips`), so a row may say `trips` for '20 trains'; a row that
    says `trains` for a figure printed with 'trips' is still refused."""
    claim_id = "alashankou-ecommerce-center-trains-per-day"
    edit_row(project, claim_id, ",trains,none,", ",trips,none,")
    assert not [p for p in lint(root=project).problems if p.claim_id == claim_id]
    edit_row(project, claim_id, ",trips,none,", ",people,none,")
    assert [p.column for p in lint(root=project).problems if p.claim_id == claim_id] == ["unit"]
