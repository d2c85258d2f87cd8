"""Bad input: each failure mode gives its named error, with the file, claim and line, and leaves the
curated inputs (seeds/, data/*.csv) and the last good outputs (the executed notebooks, data/interim,
data/processed) exactly as they were.

One clean build of a throwaway copy is the good baseline; each case copies that built project,
breaks one thing and builds again.

Every copy carries its own `portbook/`, and the build runs with PYTHONPATH pointing at the copy:
the notebooks' kernels start in the copy's root and import `portbook` from there, so
`portbook.paths` (computed from the package's location) points at the copy. Without it the
kernels import the editable install in the checkout and read and write the checkout's seeds/ and
data/, not the copy's.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from conftest import JUPYTER_BOOK, ROOT, build_book, build_problems, insert_raising_cell

from portbook.build.pipeline import DERIVED_DIRS, MANAGED_OUTPUT_DIRS, MANIFEST, STAGING

NOT_COPIED = ("_build", "__pycache__", ".ipynb_checkpoints")


# --- copies, builds and fingerprints ----------------------------------------------------------


def add_package(root: Path) -> Path:
    """Give a copy its own portbook/ so that its kernels read and write the copy, not the checkout."""
    shutil.copytree(ROOT / "portbook", root / "portbook", ignore=shutil.ignore_patterns("__pycache__"))
    return root


def derived_folders(root: Path) -> tuple[str, ...]:
    """Where the build writes: the pipeline's notebook folders and the folders of the data and charts the
    kernels write (the pipeline publishes each of them whole)."""
    return tuple(sorted({*MANAGED_OUTPUT_DIRS, *DERIVED_DIRS}))


def remove_derived(root: Path) -> None:
    for folder in (*derived_folders(root), "_build", STAGING):
        shutil.rmtree(root / folder, ignore_errors=True)
    (root / MANIFEST).unlink(missing_ok=True)


def copy_inputs(root: Path) -> Path:
    """What conftest.project_copy copies, plus the package, with no derived file."""
    root.mkdir(parents=True, exist_ok=True)
    for name in ("seeds", "notebooks", "book", "_config.yml", "_toc.yml", "CITATION.cff", "LICENSE", "README.md"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns(*NOT_COPIED))
        else:
            shutil.copy2(source, root / name)
    shutil.copytree(ROOT / "data", root / "data", ignore=shutil.ignore_patterns(*NOT_COPIED))
    add_package(root)
    remove_derived(root)
    return root


def build(root: Path) -> subprocess.CompletedProcess:
    return build_book(root, {"PYTHONPATH": str(root)})


def output_of(result: subprocess.CompletedProcess) -> str:
    return result.stdout + result.stderr


def digests(root: Path, folders) -> dict[str, str]:
    found = {}
    for folder in folders:
        base = root / folder
        if base.is_dir():
            for path in sorted(base.rglob("*")):
                if path.is_file():
                    found[str(path.relative_to(root))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def curated(root: Path) -> dict[str, str]:
    """seeds/ (every file) and the curated tables data/*.csv."""
    found = digests(root, ["seeds"])
    for path in sorted((root / "data").glob("*.csv")):
        found[str(path.relative_to(root))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def outputs(root: Path) -> dict[str, str]:
    """Every file in the derived folders, scratch files included."""
    return digests(root, derived_folders(root))


def changed(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))


def scratch_files(root: Path) -> list[str]:
    """Half-written files: atomic.py's `.<name>.*.tmp` in the published folders, and the pipeline's staging
    folder (it holds a build's outputs until they are published, and must not outlive the build)."""
    found = []
    for folder in derived_folders(root):
        base = root / folder
        if base.is_dir():
            found += [str(p.relative_to(root)) for p in base.rglob(".*") if p.is_file()]
    if (root / STAGING).exists():
        found += [str(p.relative_to(root)) for p in (root / STAGING).rglob("*")] or [STAGING]
    return sorted(found)


def assert_build_fails_and_touches_nothing(root: Path) -> str:
    """Build a broken copy: it must fail and leave the curated inputs and the last good outputs as they were."""
    folders = derived_folders(root)
    inputs_before, outputs_before = curated(root), digests(root, folders)
    result = build(root)
    text = output_of(result)
    assert result.returncode != 0, "the build succeeded on bad input:\n" + text[-4000:]
    assert curated(root) == inputs_before, (
        f"the failing build wrote to curated inputs: {changed(inputs_before, curated(root))}"
    )
    after = digests(root, folders)
    assert not changed(outputs_before, after), (
        f"the failing build changed the last good outputs: {changed(outputs_before, after)}\n" + text[-3000:]
    )
    return text


# --- editing one row of a curated table -------------------------------------------------------


def ledger_line(root: Path, claim_id: str) -> int:
    """The 1-based line of a claim in data/claims.csv (header is line 1)."""
    lines = (root / "data" / "claims.csv").read_text(encoding="utf-8").splitlines()
    matches = [number for number, line in enumerate(lines, start=1) if line.startswith(f"{claim_id},")]
    assert len(matches) == 1, f"{claim_id} is not on exactly one line of data/claims.csv"
    return matches[0]


def edit_claim(root: Path, claim_id: str, old: str, new: str) -> int:
    """Replace `old` by `new` (once) on the claim's line of data/claims.csv; the other bytes stay."""
    path = root / "data" / "claims.csv"
    number = ledger_line(root, claim_id)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[number - 1].count(old) == 1, f"{old!r} is not once on line {number}: {lines[number - 1]!r}"
    lines[number - 1] = lines[number - 1].replace(old, new)
    path.write_text("".join(lines), encoding="utf-8", newline="")
    return number


def claim_row(root: Path, claim_id: str) -> dict[str, str]:
    with open(root / "data" / "claims.csv", encoding="utf-8", newline="") as stream:
        return next(row for row in csv.DictReader(stream) if row["claim_id"] == claim_id)


def add_seed(root: Path, article_id: str, data: bytes, headline: str = "A test article") -> str:
    """A new seed file and its metadata row (with the file's real sha256); returns the file name."""
    name = f"9{len(list((root / 'seeds').glob('9*'))):02d}_{hashlib.sha256(data).hexdigest()[:16]}.txt"
    (root / "seeds" / name).write_bytes(data)
    row = {
        "article_id": article_id,
        "seed_file": name,
        "sha256": hashlib.sha256(data).hexdigest(),
        "outlet": "Test Wire",
        "headline": headline,
        "dateline_as_printed": "URUMQI, March 15 (Test Wire) --",
        "published": "2024-03-15",
        "date_evidence": "A test seed: the date is given.",
        "date_disagreement": "None.",
    }
    metadata = root / "seeds" / "metadata.csv"
    text = metadata.read_text(encoding="utf-8")
    with open(metadata, encoding="utf-8", newline="") as stream:
        header = next(csv.reader(stream))
    line = io.StringIO()
    csv.writer(line, lineterminator="\n").writerow([row[column] for column in header])
    metadata.write_text(text + ("" if text.endswith("\n") else "\n") + line.getvalue(), encoding="utf-8", newline="")
    return name


# --- the good baseline ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def baseline(tmp_path_factory) -> Path:
    """A copy of the project built once, cleanly: the last good outputs every case starts from."""
    root = copy_inputs(tmp_path_factory.mktemp("baseline") / "project")
    result = build(root)
    assert result.returncode == 0, output_of(result)[-4000:]
    assert (root / "data" / "processed" / "claims.csv").is_file(), "the copy's kernels wrote their data elsewhere"
    assert not scratch_files(root)
    return root


@pytest.fixture
def built_copy(baseline, tmp_path) -> Path:
    """A copy of the built baseline (outputs included, _build not), to break one thing in."""
    root = tmp_path / "project"
    shutil.copytree(baseline, root, symlinks=True, ignore=shutil.ignore_patterns(*NOT_COPIED))
    return root


# --- the ledger ---------------------------------------------------------------------------------


def test_a_quote_not_in_its_seed_is_quote_not_found_with_line_and_nearest_passage(built_copy):
    claim = "kashgar-cbz-trade-2021"
    assert "comprehensive bonded area last year" in claim_row(built_copy, claim)["quote"]
    line = edit_claim(built_copy, claim, "comprehensive bonded area last year", "comprehensive bonded zone last year")
    text = assert_build_fails_and_touches_nothing(built_copy)
    assert "QuoteNotFound" in text and claim in text and f"data/claims.csv:{line}" in text, text[-3000:]
    nearest = text[text.index("nearest passage") :] if "nearest passage" in text else ""
    assert "comprehensive bonded area last year was 3.7 billion" in nearest, (
        "the nearest passage is not shown:\n" + text[-3000:]
    )


def test_an_unknown_entity_is_unknown_entity_naming_the_claim(built_copy):
    claim = "kashgar-cbz-trade-2021"
    line = edit_claim(built_copy, claim, ",kashgar-cbz,", ",kashgar-cbz-nowhere,")
    text = assert_build_fails_and_touches_nothing(built_copy)
    assert "UnknownEntity" in text and claim in text and "kashgar-cbz-nowhere" in text, text[-3000:]
    assert f"data/claims.csv:{line}" in text, text[-3000:]


def test_a_duplicate_claim_id_is_duplicate_claim_naming_both_lines(built_copy):
    claim, other = "kashgar-cbz-trade-2021", "xinjiang-land-border-length"
    lines = sorted([ledger_line(built_copy, claim), edit_claim(built_copy, other, f"{other},", f"{claim},")])
    text = assert_build_fails_and_touches_nothing(built_copy)
    assert "DuplicateClaim" in text and claim in text, text[-3000:]
    # the later row is the duplicate; the message points back at the first
    assert f"data/claims.csv:{lines[1]}" in text and f"line {lines[0]}" in text, text[-3000:]


def test_a_garbled_figure_without_its_repair_rule_is_refused_naming_the_claim(built_copy):
    claim = "xinjiang-land-border-length"
    assert claim_row(built_copy, claim)["figure"] == "31,5600"
    line = edit_claim(built_copy, claim, ",garbled_grouping,", ",none,")
    assert claim_row(built_copy, claim)["repair"] == "none"
    text = assert_build_fails_and_touches_nothing(built_copy)
    assert re.search(r"\b(GarbledGrouping|UnparseableNumber)\b", text), text[-3000:]
    assert claim in text and f"data/claims.csv:{line}" in text and "31,5600" in text, text[-3000:]


def test_a_bad_period_phrase_is_bad_period_naming_the_claim(built_copy):
    claim = "kashgar-cbz-trade-2021"
    line = edit_claim(built_copy, claim, ",last year,", ",the year of the dragon,")
    text = assert_build_fails_and_touches_nothing(built_copy)
    assert "BadPeriod" in text and claim in text and "the year of the dragon" in text, text[-3000:]
    assert f"data/claims.csv:{line}" in text, text[-3000:]


# --- seeds --------------------------------------------------------------------------------------

HOSTILE_SEED = (
    b"Ports report with markup in its text\n"
    b"URUMQI, March 15 (Test Wire) -- The port reported <b>bold</b> growth and a "
    b"<a href=\"javascript:alert('x')\">link</a> in its notes.\n"
    b"A scraped page left this in the article: <script>alert(1)</script> and then went on.\n"
    b"An image tag also survived the scrape: <img src=x onerror=alert(2)> beside the text.\n"
    b"The article ends here.\n"
)


def add_exclusion(root: Path, article_id: str, text: str, context: str, reason: str) -> None:
    """A row of data/exclusions.csv, as an editor adds one for a number that is not a claim."""
    path = root / "data" / "exclusions.csv"
    line = io.StringIO()
    csv.writer(line, lineterminator="\n").writerow([article_id, text, context, reason])
    body = path.read_text(encoding="utf-8")
    path.write_text(body + ("" if body.endswith("\n") else "\n") + line.getvalue(), encoding="utf-8", newline="")


def test_html_and_script_in_a_seed_are_shown_as_escaped_text(built_copy):
    article_id = "testwire-2024-03-15"
    add_seed(built_copy, article_id, HOSTILE_SEED)
    # the numbers in the markup are not claims; the coverage gate would stop the build until an editor says so
    add_exclusion(built_copy, article_id, "1", "<script>alert(1)</script>", "markup left by the scrape, not a quantity")
    add_exclusion(built_copy, article_id, "2", "onerror=alert(2)", "markup left by the scrape, not a quantity")
    inputs_before = curated(built_copy)
    result = build(built_copy)
    assert result.returncode == 0, output_of(result)[-4000:]
    assert curated(built_copy) == inputs_before, "the build wrote to curated inputs"
    html_dir = built_copy / "_build" / "html"
    page = (html_dir / "book" / "articles" / f"{article_id}.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page and "&lt;img src=x onerror=alert(2)&gt;" in page
    live = re.compile(r"<script[^>]*>\s*alert|<img[^>]*onerror|<a[^>]*javascript:|<b>bold</b>", re.I)
    for path in sorted(html_dir.rglob("*.html")):
        found = live.search(path.read_text(encoding="utf-8"))
        assert not found, f"{path.relative_to(html_dir)}: live markup from a seed: {found.group()!r}"
    assert not scratch_files(built_copy)


def test_an_unaccounted_number_stops_the_build_with_a_drafted_row_beside_it(built_copy):
    article_id = "testwire-2024-03-15"
    add_seed(
        built_copy,
        article_id,
        b"Ports report\nURUMQI, March 15 (Test Wire) -- The Khorgos Port handled 1,234 China-Europe freight trains "
        b"in the first two months of this year, up 12.5 percent year on year.\n",
    )
    text = assert_build_fails_and_touches_nothing(built_copy)
    assert "UnaccountedNumbers" in text and "coverage gate" in text, text[-3000:]
    assert f"{article_id} line 2: '1,234'" in text and "draft for data/claims.csv:" in text, text[-3000:]
    assert "khorgos-port" in text and "first two months of this year" in text, text[-3000:]


def test_an_empty_seed_is_bad_seed_naming_the_file(built_copy):
    name = add_seed(built_copy, "testwire-2024-03-15", b"")
    text = assert_build_fails_and_touches_nothing(built_copy)
    assert "BadSeed" in text and name in text and "empty" in text, text[-3000:]


def test_a_seed_that_is_not_utf8_is_bad_seed_naming_file_and_line(built_copy):
    data = b"First line of the article.\nSecond line.\n" + b"Third line has a \xff byte.\nFourth.\n"
    name = add_seed(built_copy, "testwire-2024-03-15", data)
    text = assert_build_fails_and_touches_nothing(built_copy)
    assert "BadSeed" in text and name in text, text[-3000:]
    assert re.search(rf"{re.escape(name)}: line 3\b", text), text[-3000:]


# --- notebooks ----------------------------------------------------------------------------------


def test_a_cell_raising_mid_build_names_notebook_and_cell_and_keeps_its_outputs(built_copy):
    insert_raising_cell(
        built_copy / "notebooks" / "02-clean-numbers.ipynb", "test_bad_input: this cell raises mid-build", 2
    )
    text = assert_build_fails_and_touches_nothing(built_copy)
    assert "notebooks/02-clean-numbers.ipynb" in text and "cell 2" in text, text[-3000:]
    assert "raise RuntimeError" in text and "this cell raises mid-build" in text, text[-3000:]


# --- an interrupted build ----------------------------------------------------------------------


def descendants(pid: int) -> list[int]:
    """Every process started, directly or not, by `pid` (kernels run in sessions of their own)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_an_interrupted_build_reruns_to_the_clean_outputs_and_leaves_no_scratch(built_copy, baseline):
    # the baseline's own inputs (the checkout may have changed since), with every output deleted
    root = built_copy
    remove_derived(root)
    log = open(root.parent / "interrupted-build.log", "w")
    build_process = subprocess.Popen(
        [str(JUPYTER_BOOK), "build", "-W", "--keep-going", str(root)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONPATH": str(root)},
        start_new_session=True,
    )
    started, killed_during = time.monotonic(), None
    try:
        # kill once some notebook has done its work and others are still running: mid-pipeline. Notebooks and
        # the data the kernels write wait in the staging folder until the whole pipeline succeeds, so "done" is a
        # data product written there, and "running" a notebook there whose product is not yet written.
        staged = root / STAGING
        while time.monotonic() - started < 300:
            assert build_process.poll() is None, "the build finished before it could be interrupted"
            finished = list((staged / "data" / "interim" / "articles").glob("*.json"))
            running = [
                p
                for p in (staged / "book" / "articles").glob("*.ipynb")
                if not (staged / "data" / "interim" / "articles" / f"{p.stem}.json").exists()
            ]
            if finished and running:
                killed_during = sorted(str(p.relative_to(staged)) for p in running)
                break
            time.sleep(0.05)
        assert killed_during, "the pipeline never reached the middle of its runs"
    finally:
        processes = descendants(build_process.pid)
        try:
            os.killpg(build_process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        for pid in processes:  # the kernels are in their own sessions: the group kill does not reach them
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        build_process.wait(timeout=60)
        log.close()
        deadline = time.monotonic() + 30
        while any(alive(pid) for pid in processes) and time.monotonic() < deadline:
            time.sleep(0.1)
    assert not any(alive(pid) for pid in processes)
    left_by_kill = scratch_files(root)
    print(f"killed while running {killed_during}; scratch files the kill left behind: {left_by_kill}")
    assert not outputs(root), f"the killed build published some of its outputs: {sorted(outputs(root))[:5]}"

    result = build(root)
    assert result.returncode == 0, output_of(result)[-4000:]
    assert not scratch_files(root), (
        f"scratch files left after the successful rerun: {scratch_files(root)} "
        f"(left by the killed build: {left_by_kill}; it was killed while running {killed_during})"
    )
    clean, rerun = outputs(baseline), outputs(root)
    differ = changed(clean, rerun)
    data = [name for name in differ if not name.endswith(".ipynb")]
    assert not data, f"derived data files differ between the rerun after an interrupted build and a clean build: {data}"
    assert not differ, (
        f"executed notebooks differ between the rerun after an interrupted build and a clean build: {differ}"
    )


# --- ids that would become paths (issue 15) ------------------------------------------------------------


def edit_metadata(root: Path, current: str, **changes: str) -> int:
    """Change cells of the row of article `current` in seeds/metadata.csv; return the row's line."""
    path = root / "seeds" / "metadata.csv"
    with open(path, encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        header, rows = reader.fieldnames, list(reader)
    line = next(number for number, row in enumerate(rows, start=2) if row["article_id"] == current)
    rows[line - 2].update(changes)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    return line


def everything_beside(root: Path) -> set[str]:
    """Every file around the project (its parent folder, the project excluded) and in /tmp's top level."""
    around = {str(p) for p in root.parent.rglob("*") if root not in p.parents and p != root}
    return around | {str(p) for p in Path("/tmp").glob("portbook-escape*")}


@pytest.mark.parametrize("article_id", ["../../claims", "../../../../../../../../tmp/portbook-escape"])
def test_an_article_id_climbing_out_of_its_folder_is_bad_id_and_writes_nothing(built_copy, article_id):
    line = edit_metadata(built_copy, "cns-2023-07-07", article_id=article_id)
    around = everything_beside(built_copy)
    text = assert_build_fails_and_touches_nothing(built_copy)
    assert (
        f"BadId: {built_copy}/seeds/metadata.csv:{line}: column 'article_id': article id {article_id!r} is not an id"
        in text
    ), text[-3000:]
    assert everything_beside(built_copy) == around, "the build wrote outside the project"
    assert not scratch_files(built_copy)


def test_a_300_character_flagship_id_is_bad_id_cut_short_and_leaves_no_scratch(built_copy):
    flagship = built_copy / "data" / "flagship.csv"
    flagship.write_text(flagship.read_text(encoding="utf-8") + "k" * 300 + ",A very long id.,\n", encoding="utf-8")
    line = flagship.read_text(encoding="utf-8").count("\n")
    text = assert_build_fails_and_touches_nothing(built_copy)
    assert f"BadId: {flagship}:{line}: column 'claim_id': claim id '{'k' * 80}…' (300 characters) is not an id" in text
    assert "k" * 81 not in text and "File name too long" not in text
    assert not scratch_files(built_copy)


# --- no stale output survives a failed build (issue 15) ---------------------------------------------------


def test_a_failed_build_then_the_input_reverted_rebuilds_byte_identical_to_the_clean_build(built_copy, baseline):
    # A seed edited with its checksum: every article notebook reruns and writes new interim data (offsets
    # shifted by the added line), then the numbers stage fails. Reverting both must give the clean build back,
    # not the half-written data of the failed one.
    root = built_copy
    seed_name = next(
        row["seed_file"]
        for row in csv.DictReader(io.StringIO((root / "seeds" / "metadata.csv").read_text(encoding="utf-8")))
        if row["article_id"] == "xinhua-2022-05-30"
    )
    seed, metadata, template = (
        root / "seeds" / seed_name,
        root / "seeds" / "metadata.csv",
        root / "notebooks" / "02-clean-numbers.ipynb",
    )
    originals = {path: path.read_bytes() for path in (seed, metadata, template)}
    edited = b"Share\n" + originals[seed]
    seed.write_bytes(edited)
    edit_metadata(root, "xinhua-2022-05-30", sha256=hashlib.sha256(edited).hexdigest())
    insert_raising_cell(template, "test_bad_input: the numbers stage fails after the articles ran", 2)
    text = assert_build_fails_and_touches_nothing(root)
    assert "the numbers stage fails after the articles ran" in text, text[-3000:]

    for path, data in originals.items():
        path.write_bytes(data)
    result = build(root)
    assert result.returncode == 0, output_of(result)[-4000:]
    report = json.loads((root / "_build" / "pipeline-report.json").read_text())
    assert report["executed"] == [], "nothing changed since the last good build: nothing should run"
    assert not scratch_files(root)
    differ = changed(outputs(baseline), outputs(root))
    assert not differ, f"differ from the clean build after fail, revert, rebuild: {differ}"


def test_junk_truncated_or_missing_outputs_are_rebuilt_to_the_clean_build(built_copy, baseline):
    root = built_copy
    (root / "book" / "ports" / "kashgar.ipynb").write_text("[]", encoding="utf-8")
    svg = root / "book" / "_generated_static" / "figures" / "ports-map-wide-light.svg"
    svg.write_bytes(svg.read_bytes()[:100])
    (root / "data" / "interim" / "articles" / "cns-2023-07-07.json").write_text("{}", encoding="utf-8")
    (root / "data" / "processed" / "checks.csv").unlink()
    result = build(root)
    assert result.returncode == 0, output_of(result)[-4000:]
    report = json.loads((root / "_build" / "pipeline-report.json").read_text())
    assert {
        "book/ports/kashgar.ipynb",
        "book/generated/ports-overview.ipynb",
        "book/articles/cns-2023-07-07.ipynb",
        "book/generated/cleaning.ipynb",
    } <= set(report["executed"])
    differ = changed(outputs(baseline), outputs(root))
    assert not differ, f"differ from the clean build after rebuilding junk outputs: {differ}"


# --- markup in every curated text field (issue 15) ------------------------------------------------------

INJECTION = "<img src=x onerror=alert(1)>\"'><svg onload=alert(2)><script>alert(3)</script>$x^2$ &amp; "
# Curated tables and their free-text columns: every one gets the injection string in every row.
TEXT_COLUMNS = {
    "seeds/metadata.csv": ("outlet", "headline", "dateline_as_printed", "date_evidence", "date_disagreement"),
    "data/ports.csv": ("name", "entities_note", "summary"),
    "data/port_locations.csv": ("place", "source"),
    "data/entities.csv": ("name",),
    "data/claims.csv": ("note",),
    "data/exclusions.csv": ("reason",),
    "data/bounds.csv": ("basis",),
    "data/claim_classes.csv": ("reason",),
    "data/flagship.csv": ("why",),
    "data/metrics.csv": ("label",),
    "data/map_labels.csv": ("name",),
    "data/references.csv": ("outlet", "found_by", "note"),
    "data/relations.csv": ("basis",),
    "data/source_addresses.csv": ("outlet", "found_by", "note"),
}
HOSTILE_CLAIM_SEED = (
    b"URUMQI, March 15 (Test Wire) -- The port <img src=x onerror=alert(4)> handled 1,234 vehicles, "
    b'said a "><script>alert(5)</script> report of the port authority on the day.\n'
)


def inject_everywhere(root: Path) -> None:
    """The injection string at the start of every curated text cell (the start: some titles keep only the part
    before ' ('), and a seed and a claim whose quote holds markup."""
    for name, columns in TEXT_COLUMNS.items():
        path = root / name
        with open(path, encoding="utf-8", newline="") as stream:
            reader = csv.DictReader(stream)
            header, rows = reader.fieldnames, list(reader)
        for row in rows:
            for column in columns:
                row[column] = INJECTION + row[column]
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    add_seed(root, "testwire-2024-03-15", HOSTILE_CLAIM_SEED, headline=INJECTION + "A hostile headline")
    with open(root / "data" / "claims.csv", "a", encoding="utf-8", newline="") as stream:
        csv.writer(stream, lineterminator="\n").writerow(
            [
                "testwire-port-vehicles",
                "testwire-2024-03-15",
                "The port <img src=x onerror=alert(4)> handled 1,234 vehicles",
                "1,234",
                "kashgar-cbz",
                "vehicles_handled",
                "undated",
                "exact",
                "vehicles",
                "none",
                INJECTION + "A claim whose quote holds markup.",
            ]
        )
    # its class and its metric's words, as an editor pastes them (lint refuses a claim without them): markup too
    for name, row in (
        ("claim_classes.csv", ["testwire-port-vehicles", "channel", INJECTION + "vehicles passing through"]),
        ("metrics.csv", ["vehicles_handled", INJECTION + "vehicles handled"]),
    ):
        with open(root / "data" / name, "a", encoding="utf-8", newline="") as stream:
            csv.writer(stream, lineterminator="\n").writerow(row)
    # the digits of the markup's alert(4) and alert(5) are numbers of the article too: accounted for, as an editor would
    with open(root / "data" / "exclusions.csv", "a", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(["testwire-2024-03-15", "4", "onerror=alert(4)>", "markup in the text, not a figure"])
        writer.writerow(["testwire-2024-03-15", "5", "<script>alert(5)", "markup in the text, not a figure"])


def live_markup(path: Path, text: str) -> list[str]:
    """Elements and attributes the injection made live in a page (HTML, or a chart's SVG): event handlers that
    call alert(), scripts that run it. Text that shows the markup is not live."""
    from bs4 import BeautifulSoup

    if path.suffix == ".svg":
        import xml.etree.ElementTree as ElementTree

        return [
            f"<{element.tag} {name}={value!r}>"
            for element in ElementTree.fromstring(text).iter()
            for name, value in element.attrib.items()
            if name.lower().startswith("on") or element.tag.endswith("script")
        ]
    soup = BeautifulSoup(text, "html.parser")
    found = []
    for element in soup.find_all(True):
        for attribute, value in element.attrs.items():
            # the theme's own buttons have handlers (onclick="window.print()"); the injection's call alert()
            if attribute.lower().startswith("on") and "alert(" in str(value):
                found.append(f"<{element.name} {attribute}={value!r}>")
        if element.name == "script" and "alert(" in (element.string or ""):
            if element.get("type") != "application/ld+json":  # data, not code: its '<' are \u003c
                found.append(f"<script>{element.string[:80]}</script>")
    return found


def test_markup_in_every_curated_text_field_is_text_in_every_page(built_copy):
    from bs4 import BeautifulSoup

    inject_everywhere(built_copy)
    result = build(built_copy)
    assert result.returncode == 0, build_problems(result)
    html_dir = built_copy / "_build" / "html"
    pages = sorted(html_dir.rglob("*.html")) + sorted((html_dir / "_static" / "figures").glob("*.svg"))
    for page in pages:
        live = live_markup(page, page.read_text(encoding="utf-8"))
        assert not live, f"{page.relative_to(html_dir)}: live markup from a table: {live}"

    # the injection did reach the pages, as text: the port chapter's <title>, its heading, the theme's
    # print header (pagetitle) and the sidebar's navigation
    port = BeautifulSoup((html_dir / "book" / "ports" / "kashgar.html").read_text(encoding="utf-8"), "html.parser")
    # Sphinx's smart quotes turn the injection's "' into ”’ in titles: the rest reads exactly as written
    shown = INJECTION.replace("\"'", "”’") + "Kashgar"
    assert port.title.get_text().startswith(shown)
    assert port.select_one("#jb-print-docs-body h1").get_text() == shown
    assert port.select_one("main h1").get_text().startswith(shown)
    assert any(link.get_text().strip() == shown for link in port.select("nav.bd-docs-nav a"))
    for meta in port.find_all("meta"):
        assert not any(name.lower().startswith("on") for name in meta.attrs)

    # the search page shows titles with innerHTML: in the index they must be HTML, escaped
    index = (html_dir / "searchindex.js").read_text(encoding="utf-8")
    data = json.loads(index[index.index("(") + 1 : index.rindex(")")])
    titles = list(data["titles"]) + list(data["alltitles"])
    hostile = [title for title in titles if "onerror" in title]
    assert hostile, "the injection did not reach the search index"
    for title in hostile:
        assert "<" not in title and "&lt;img src=x onerror=alert(1)&gt;" in title, title
