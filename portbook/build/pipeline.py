"""Run the book's notebooks with papermill: only what changed, in parallel, into a staging folder.

Each run is a template, its parameters, the files it reads and the files it writes. Every build works in a
staging folder (`.portbook-staging/`): executed notebooks and every derived file the kernels write
(data/interim, data/processed, the charts) go there, never in place, and the outputs of runs that are still
current are linked in beside them. Only when every run of every stage has succeeded does the staging folder
replace the published folders; a failed or killed build leaves the book, its data and its charts exactly as
the last good build left them, and the next build starts from a clean staging folder.

A run is current when the fingerprint of everything it reads (template, parameters, declared inputs and the
package's code) equals the one recorded for it in the manifest (`.portbook-manifest.json`) and every output
it recorded there still has the recorded SHA-256: a truncated, edited or junk output is rebuilt, not trusted.
Each kernel logs the files it opens (portbook.build.trace); a run that read a file its fingerprint does not
cover, or wrote one its plan does not declare, fails the build with UndeclaredFile.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from portbook import atomic, paths
from portbook.build import trace
from portbook.errors import NotebookFailed, PortbookError, UndeclaredFile, UnsafePath
from portbook.ids import inside, require_id, shown

CACHE_KEY = "portbook_fingerprint"
STAGING = ".portbook-staging"
MANIFEST = ".portbook-manifest.json"
READS = ".reads"  # in the staging folder: each kernel's log of the files it opened
# In the staging folder: the book's state, computed once a build, and the log of the files it was computed from
STATE = ".state/book-state.pickle"
STATE_READS = "book-state.log"
# Directories whose notebooks the pipeline owns, and directories of the derived files the kernels write.
# The pipeline publishes each as a whole: anything in them that no run of the plan wrote is gone after a build.
MANAGED_OUTPUT_DIRS = ("book/articles", "book/generated", "book/checks", "book/ports")
DERIVED_DIRS = ("data/interim", "data/processed", "book/_generated_static")
PUBLISHED_DIRS = MANAGED_OUTPUT_DIRS + DERIVED_DIRS


@dataclass(frozen=True)
class NotebookRun:
    """One notebook to execute: its template, parameters, output, stage and the files it reads and writes."""

    template: str  # relative to the project root
    output: str  # relative to the project root
    parameters: dict = field(hash=False)
    title: str = ""
    stage: int = 1
    inputs: tuple[str, ...] = ()  # globs relative to the root: every file the run reads (derived ones from staging)
    products: tuple[str, ...] = ()  # derived files the run may write, relative to the root
    reads_state: bool = False  # reads the book's state (portbook.reconcile.book_state), which a build computes once

    def describe(self) -> str:
        """The run as papermill arguments, for log lines and error messages."""
        arguments = " ".join(f"-p {k} {v}" for k, v in self.parameters.items())
        return f"{self.template} {arguments}".strip()


@dataclass
class Report:
    """What one pipeline run did: the notebooks it executed, skipped as current, and removed as stale."""

    executed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        """One log line saying what the pipeline did and how long it took."""
        return (
            f"portbook pipeline: {len(self.executed)} notebook(s) executed, {len(self.skipped)} skipped "
            f"(unchanged), {len(self.removed)} stale output(s) removed, in {self.seconds:.1f} s"
        )

    def to_json(self) -> dict:
        """The executed, skipped and removed outputs as JSON data, for pipeline-report.json."""
        return {"executed": self.executed, "skipped": self.skipped, "removed": self.removed}


def port_rows(root: Path) -> list[tuple[str, str]]:
    """(port id, name) of each row of data/ports.csv, the id checked (it names a notebook) with its line if not."""
    from portbook.errors import BadLedger
    from portbook.sources.tables import read_records

    path = root / "data" / "ports.csv"
    _, records = read_records(path, BadLedger)
    rows = []
    for line, row in records:
        port = require_id(row.get("port", ""), f"{path}:{line}: column 'port'", "port id")
        rows.append((port, row.get("name", port)))
    return rows


def check_titles(root: Path, claim_ids) -> dict[str, str]:
    """Each flagship check page's title in words ('Kashgar Comprehensive Bonded Zone: trade, 2021'), from the tables
    read once; the id itself where the tables cannot give one (the ledger's own checks name what is wrong there)."""
    from portbook.errors import PortbookError
    from portbook.numbers.ledger import read_csv
    from portbook.numbers.periods import resolve_period
    from portbook.present.names import claim_title, metric_labels
    from portbook.sources.seeds import load_metadata

    titles = {claim_id: claim_id for claim_id in claim_ids}
    try:
        ledger = read_csv(Path(root) / "data" / "claims.csv").drop_duplicates("claim_id").set_index("claim_id")
        names = read_csv(Path(root) / "data" / "entities.csv").set_index("entity_id").name
        seeds = load_metadata(Path(root) / "seeds" / "metadata.csv")
        labels = metric_labels(Path(root) / "data" / "metrics.csv")
    except (PortbookError, KeyError, ValueError, OSError):
        return titles
    for claim_id in titles:
        if claim_id not in ledger.index:
            continue  # the check notebook itself refuses an unknown id, naming the closest ones
        row = ledger.loc[claim_id]
        try:
            period = resolve_period(row.period, seeds[row.article_id].published)
            start, end = (day.isoformat() if day else "" for day in (period.start, period.end))
            published = seeds[row.article_id].published.isoformat()
            titles[claim_id] = claim_title(
                str(names.get(row.entity, row.entity)), row.metric, start, end, labels, published, row.period
            )
        except (PortbookError, KeyError, ValueError, OSError):
            continue
    return titles


def planned_runs(root: Path = paths.ROOT) -> list[NotebookRun]:
    """Every notebook run of the book, from the tables that drive it; every id that names a file checked."""
    from portbook.numbers.flagship import load_flagship
    from portbook.sources.seeds import load_metadata

    root = Path(root)
    seeds = load_metadata(root / "seeds" / "metadata.csv")
    # what the notebooks read, as the kernels' file logs show it (every run is checked against its list)
    ledger = ("seeds/*", "data/*.csv")
    runs = [
        NotebookRun(
            template="notebooks/00-list-sources.ipynb",
            output="book/generated/sources.ipynb",
            parameters={},
            title="The source articles",
            inputs=("seeds/*", "data/source_addresses.csv"),
        )
    ]
    for article_id, info in sorted(seeds.items()):
        runs.append(
            NotebookRun(
                template="notebooks/01-clean-article.ipynb",
                output=f"book/articles/{article_id}.ipynb",
                parameters={"article": article_id},
                title=f"{info.outlet.split(' (')[0]}, {info.published.isoformat()}: {info.title}",
                inputs=ledger,
                products=(
                    f"data/interim/articles/{article_id}.json",
                    f"data/interim/articles/{article_id}-removed.csv",
                    f"data/interim/mentions/{article_id}.csv",
                ),
            )
        )
    flagship = load_flagship(root / "data" / "flagship.csv")
    # load_flagship has checked every claim id against the id pattern, with its line
    titles = check_titles(root, flagship.claim_ids)
    # Stage 2 reads the book's state, which stage 1 computes once beside the articles. Its longest runs come
    # first (ports, overview, reconciliation, numbers, then the short checks), so both workers stay busy to the end.
    for port, name in port_rows(root):
        runs.append(
            NotebookRun(
                template="notebooks/04-tell-port.ipynb",
                output=f"book/ports/{port}.ipynb",
                parameters={"port": port},
                title=name,
                inputs=(*ledger, "data/*.geojson", "book/stories/*.md"),
                products=(*chart_files(f"port-{port}-lead"), *chart_files(f"port-{port}-map")),
                stage=2,
                reads_state=True,
            )
        )
    runs.append(
        NotebookRun(
            template="notebooks/05-compare-ports.ipynb",
            output="book/generated/ports-overview.ipynb",
            parameters={},
            inputs=(*ledger, "data/*.geojson"),
            products=(
                *chart_files("ports-map"),
                *chart_files("ports-classes"),
                # the front page's lead chart, drawn from the same counts, and what the page needs to show it
                *chart_files("front-channel-industry"),
                "data/processed/front-chart.json",
            ),
            stage=2,
            reads_state=True,
        )
    )
    runs.append(
        NotebookRun(
            template="notebooks/06-reconcile-figures.ipynb",
            output="book/generated/reconciling.ipynb",
            parameters={},
            inputs=(*ledger, "book/stories/*.md"),
            products=(*chart_files(f"reconcile-{flagship_chart(root, flagship.whole)}"),),
            stage=2,
            reads_state=True,
        )
    )
    runs.append(
        NotebookRun(
            template="notebooks/02-clean-numbers.ipynb",
            output="book/generated/cleaning.ipynb",
            parameters={},
            stage=2,
            reads_state=True,
            inputs=(*ledger, "data/interim/mentions/*.csv"),
            products=(
                "data/interim/mentions.csv",
                "data/processed/claims.csv",
                "data/processed/plausibility.csv",
                "data/processed/claims.json",
                "data/processed/checks.csv",
                "data/processed/trails.json",
            ),
        )
    )
    for claim_id in sorted(flagship.claim_ids):
        runs.append(
            NotebookRun(
                template="notebooks/03-check-claim.ipynb",
                output=f"book/checks/{claim_id}.ipynb",
                parameters={"claim_id": claim_id},
                title=f"Check: {titles[claim_id]}",
                inputs=ledger,
                stage=2,
                reads_state=True,
            )
        )
    return runs


def flagship_chart(root: Path, whole: str) -> str:
    """'<entity>-<metric>' of the flagship's whole claim, the name of the reconciliation chapter's chart."""
    from portbook.errors import BadFlagship
    from portbook.numbers.ledger import read_csv

    ledger = read_csv(Path(root) / "data" / "claims.csv")
    row = ledger[ledger.claim_id == whole]
    if row.empty:
        raise BadFlagship(
            f"{Path(root) / 'data' / 'flagship.csv'}: the pair's whole claim {whole!r} is not in data/claims.csv"
        )
    return f"{row.entity.iloc[0]}-{row.metric.iloc[0]}".replace("_", "-")


# every chart is drawn in two layouts and two themes (present/charts.py: LAYOUTS, THEMES), beside its data; kept
# here as names so that planning the runs does not import matplotlib (a build that writes an undeclared file fails)
CHART_VARIANTS = tuple(f"-{layout}-{theme}.svg" for layout in ("wide", "narrow") for theme in ("light", "dark"))


def chart_files(name: str) -> tuple[str, ...]:
    """The files one chart may write: its drawings and its CSV, relative to the project."""
    require_id(name, "chart name", "chart name")
    folder = "book/_generated_static/figures"
    return (*(f"{folder}/{name}{variant}" for variant in CHART_VARIANTS), f"{folder}/{name}.csv")


def folder_of(relative: str, folders: tuple[str, ...]) -> str | None:
    """The folder of `folders` that holds a relative path, or None."""
    return next((f for f in folders if relative == f or relative.startswith(f + "/")), None)


def check_plan(runs: list[NotebookRun], root: Path) -> None:
    """Refuse a plan whose outputs leave their folders or collide: each notebook in a managed folder, each
    product in a derived folder, no file claimed by two runs."""
    owner: dict[str, str] = {}
    for run in runs:
        for relative, folders in ((run.output, MANAGED_OUTPUT_DIRS), *((p, DERIVED_DIRS) for p in run.products)):
            inside(root, relative)  # resolves, refused with UnsafePath if it climbs out of the project
            if folder_of(relative, folders) is None or ".." in Path(relative).parts:
                raise UnsafePath(f"{run.describe()}: output {shown(relative)} is not inside {', '.join(folders)}")
            if relative in owner:
                raise UnsafePath(f"{relative}: written by two runs: {owner[relative]} and {run.describe()}")
            owner[relative] = run.describe()


# Templates and vocabularies shape pages as much as the code does: a changed sentence must rerun its notebook.
PACKAGE_SOURCE_SUFFIXES = {".py", ".j2", ".yml"}


def package_sources(root: Path) -> list[Path]:
    """Every file of the package that can change what a notebook produces: code, templates, vocabularies."""
    return sorted(
        p
        for p in (Path(root) / "portbook").rglob("*")
        if p.suffix in PACKAGE_SOURCE_SUFFIXES and "__pycache__" not in p.parts
    )


class FileDigests(dict):
    """sha256 of each file, read once: twenty runs share the same seeds, ledger and package code.
    Made anew for each stage, since a stage's runs write files the next stage reads."""

    def __missing__(self, path: Path) -> bytes:
        self[path] = hashlib.sha256(path.read_bytes()).digest()
        return self[path]


def input_files(run: NotebookRun, root: Path, staged: Path | None = None) -> dict[str, list[Path]]:
    """Each input glob of a run with the files it matches: derived ones in the staging folder (where this
    build's earlier stages wrote them), curated ones in the project."""
    root = Path(root)
    found = {}
    for pattern in run.inputs:
        base = staged if staged is not None and folder_of(pattern, DERIVED_DIRS) else root
        found[pattern] = sorted(m for m in base.glob(pattern) if m.is_file())
    return found


def fingerprint(run: NotebookRun, root: Path, digests: FileDigests | None = None, staged: Path | None = None) -> str:
    """Hash of everything a run's output depends on: template, parameters, title, declared outputs, every
    file its input globs match (names and bytes) and the package's code."""
    root = Path(root)
    digests = FileDigests() if digests is None else digests
    digest = hashlib.sha256()

    def add(label: str, data_digest: bytes) -> None:
        digest.update(label.encode() + b"\0" + data_digest)

    add(
        "run",
        hashlib.sha256(
            json.dumps([run.template, run.parameters, run.title, run.products], sort_keys=True).encode()
        ).digest(),
    )
    add(run.template, digests[root / run.template])
    for pattern, matches in input_files(run, root, staged).items():
        base = staged if staged is not None and folder_of(pattern, DERIVED_DIRS) else root
        names = [str(m.relative_to(base)) for m in matches]
        add(f"glob:{pattern}", hashlib.sha256("\n".join(names).encode()).digest())
        for name, match in zip(names, matches):
            add(name, digests[match])
    for source in package_sources(root):
        add(str(source.relative_to(root)), digests[source])
    return digest.hexdigest()


def stored_fingerprint(output: Path) -> str | None:
    """The fingerprint an output notebook was executed with, or None if it is missing, unreadable or not a notebook."""
    try:
        with open(output, encoding="utf-8") as stream:
            notebook = json.load(stream)
    except (OSError, ValueError):
        return None
    metadata = notebook.get("metadata") if isinstance(notebook, dict) else None
    return metadata.get(CACHE_KEY) if isinstance(metadata, dict) else None


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file's bytes, as hex."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def load_manifest(root: Path) -> dict:
    """What the last good build recorded: for each run's output, its fingerprint and the SHA-256 of every file
    it wrote. A missing or unreadable manifest is empty: nothing is trusted, everything is rebuilt."""
    try:
        manifest = json.loads((Path(root) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return manifest if isinstance(manifest, dict) else {}


def is_current(run: NotebookRun, root: Path, key: str, manifest: dict) -> bool:
    """Whether a run can be skipped: the manifest records this fingerprint for it, and every file it wrote is
    still there with the bytes recorded (a truncated or edited output is not reused)."""
    entry = manifest.get(run.output)
    if not isinstance(entry, dict) or entry.get("fingerprint") != key:
        return False
    files = entry.get("files")
    if not isinstance(files, dict) or run.output not in files:
        return False
    allowed = {run.output, *run.products}
    for relative, digest in files.items():
        path = Path(root) / relative
        if relative not in allowed or not path.is_file() or sha256_of(path) != digest:
            return False
    return True


MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]<>()#+!|$&~])")


def markdown_text(text: str) -> str:
    """Text from a table shown literally in Markdown: its Markdown characters escaped."""
    return MARKDOWN_SPECIALS.sub(r"\\\1", text)


def markdown_title(title: str) -> str:
    """A Markdown level-1 heading that shows the title literally: Markdown characters, '$' (MyST's maths) and
    '&' (an entity) escaped.

    >>> markdown_title("Kashgar <img src=x> $5 & more")
    '# Kashgar \\\\<img src=x\\\\> \\\\$5 \\\\& more'
    """
    return "# " + MARKDOWN_SPECIALS.sub(r"\\\1", " ".join(title.split()))


def normalise(notebook, run: NotebookRun, key: str) -> None:
    """Make an executed notebook depend only on its inputs: no timestamps, no absolute
    paths, no random cell ids, so two builds write the same bytes."""
    for index, cell in enumerate(notebook.cells):
        cell.id = f"cell-{index}"
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        tags = cell.metadata.get("tags", [])
        if ("parameters" in tags or "injected-parameters" in tags) and "remove-cell" not in tags:
            cell.metadata["tags"] = tags + ["remove-cell"]
        if cell.cell_type == "code":
            for output in cell.get("outputs", []):
                output.get("metadata", {}).pop("execution", None)
    for cell in notebook.cells:
        if run.title and cell.cell_type == "markdown" and cell.source.startswith("# "):
            cell.source = "\n".join([markdown_title(run.title)] + cell.source.split("\n")[1:])
            break
    notebook.metadata.pop("papermill", None)
    notebook.metadata["papermill_run"] = {"template": run.template, "parameters": run.parameters}
    notebook.metadata[CACHE_KEY] = key


def failing_cell(error: Exception, notebook_path: Path) -> str:
    """Which cell failed, read from papermill's error: its number and first source line."""
    index = getattr(error, "cell_index", None)
    source = (getattr(error, "source", "") or "").strip().splitlines()
    first_line = source[0] if source else ""
    where = f"cell {index}" if index is not None else "an unknown cell"
    return f"{where} ({first_line!r})" if first_line else where


def execute(run: NotebookRun, root: Path, key: str, staged: Path) -> Path:
    """Run one notebook into the staging folder, its kernel logging the files it reads; return the executed,
    normalised notebook's path there. Nothing outside the staging folder is written."""
    import nbformat
    import papermill

    root = Path(root)
    output = staged / run.output
    output.parent.mkdir(parents=True, exist_ok=True)
    log = reads_log(run, staged)
    log.parent.mkdir(parents=True, exist_ok=True)
    log.unlink(missing_ok=True)
    try:
        # The kernel's working directory goes to nbclient, not papermill's `cwd`: papermill
        # changes the whole process's directory, which races when threads run notebooks.
        papermill.execute_notebook(
            str(root / run.template),
            str(output),
            parameters=run.parameters,
            progress_bar=False,
            log_output=False,
            kernel_name="python3",
            resources={"metadata": {"path": str(root)}},
            extra_arguments=[f"--IPKernelApp.exec_lines={[trace.exec_line(str(log), str(root))]!r}"],
        )
    except Exception as error:  # papermill wraps the kernel's error; say where it happened
        ename = getattr(error, "ename", type(error).__name__)
        evalue = getattr(error, "evalue", str(error))
        failure = NotebookFailed(
            f"notebook {run.template} (run: {run.describe()}, output {run.output}) failed in "
            f"{failing_cell(error, root / run.template)}: {ename}: {evalue}. "
            f"The previous output, if any, is left in place."
        )
        failure.cause = f"{ename}: {evalue}"  # several runs failing on one bad table are reported once
        failure.run = run.describe()
        raise failure from error
    notebook = nbformat.read(output, as_version=4)
    normalise(notebook, run, key)
    nbformat.write(notebook, output)
    return output


def failure_summary(failures: list[Exception]) -> str:
    """Every failure of a stage in one message; runs that failed with the same error (one bad table read by
    every notebook, say) are named together under that error once, not one full message each."""
    by_cause: dict[str, list[Exception]] = {}
    for failure in failures:
        by_cause.setdefault(getattr(failure, "cause", None) or str(failure), []).append(failure)
    parts = []
    for cause, same in sorted(by_cause.items()):
        if len(same) == 1:
            parts.append(str(same[0]))
        else:
            runs = ", ".join(sorted(getattr(f, "run", "?") for f in same))
            parts.append(
                f"{len(same)} notebooks failed with the same error, {cause} (runs: {runs}); "
                f"the first: {sorted(str(f) for f in same)[0]}"
            )
    return "; ".join(parts)


def compute_state(root: Path, staged: Path) -> None:
    """Compute the book's state once for this build's kernels, in a process that logs the files it reads as a
    kernel does; if it fails, no state is kept and each run computes its own (and reports the error itself)."""
    log = staged / READS / STATE_READS
    log.parent.mkdir(parents=True, exist_ok=True)
    code = (
        f"{trace.exec_line(str(log), str(root))}; "
        f"from portbook.reconcile.book_state import write_shared; write_shared({str(staged / STATE)!r})"
    )
    subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, check=False)


def state_reads(root: Path, staged: Path) -> set[str]:
    """The files the build's state was computed from: a run that read the state read these."""
    log = staged / READS / STATE_READS
    return logged_files(log, root, staged) if log.is_file() else set()


def reads_log(run: NotebookRun, staged: Path) -> Path:
    """Where a run's kernel logs the files it opens (inside the staging folder, never published)."""
    return staged / READS / (run.output.replace("/", "--") + ".log")


def files_read(run: NotebookRun, root: Path, staged: Path) -> set[str]:
    """The files a run's kernel opened for reading, relative to the project (derived ones relative to staging)."""
    log = reads_log(run, staged)
    if not log.is_file():
        # no log, no check: a run whose reads cannot be checked is not trusted
        raise UndeclaredFile(
            f"notebook {run.template} (run: {run.describe()}): its kernel logged no file reads ({log})"
        )
    found = logged_files(log, root, staged)
    if STATE in found:
        found = (found - {STATE}) | state_reads(root, staged)
    return found


def logged_files(log: Path, root: Path, staged: Path) -> set[str]:
    """The files a read log names, relative to the project (derived ones relative to staging)."""
    found = set()
    root, staged = Path(root).resolve(), Path(staged).resolve()
    for line in log.read_text(encoding="utf-8").splitlines():
        path = Path(line)
        # an editable install's import hook and metadata are the environment, not inputs
        if not path.is_file() or any(p.endswith((".egg-info", ".dist-info")) for p in path.parts):
            continue
        if path.is_relative_to(staged):
            relative = path.relative_to(staged)
            if relative.parts[:1] != (READS,):
                found.add(relative.as_posix())
        elif path.is_relative_to(root):
            found.add(path.relative_to(root).as_posix())
    return found


def covered_inputs(run: NotebookRun, root: Path, staged: Path) -> set[str]:
    """The files a run's fingerprint hashes, relative to the project: its template and what its input globs match."""
    return {run.template} | {
        m.relative_to(staged if folder_of(pattern, DERIVED_DIRS) else root).as_posix()
        for pattern, matches in input_files(run, root, staged).items()
        for m in matches
    }


def undeclared_reads(run: NotebookRun, root: Path, staged: Path, covered: set[str]) -> list[str]:
    """Files the run read that its fingerprint did not cover (package code, which every fingerprint covers,
    and the run's own products aside)."""
    return sorted(
        name
        for name in files_read(run, root, staged)
        if name not in covered
        and name not in run.products
        and not (name.startswith("portbook/") and Path(name).suffix in PACKAGE_SOURCE_SUFFIXES)
    )


def staged_files(staged: Path) -> set[str]:
    """Every file in the staging folder's published folders, relative to it."""
    return {
        p.relative_to(staged).as_posix()
        for folder in PUBLISHED_DIRS
        for p in (staged / folder).rglob("*")
        if p.is_file()
    }


def published_files(root: Path) -> set[str]:
    """Every file in the project's published folders, relative to the project."""
    return staged_files(root)


def link_or_copy(source: Path, target: Path) -> None:
    """Put a current output into the staging folder: a hard link (instant, same bytes, same mtime, so Sphinx
    does not re-read it), or a copy where the file system has no links."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


@contextlib.contextmanager
def exclusive(root: Path, log):
    """One pipeline at a time per project: a second build would clear the first one's staging folder."""
    import fcntl

    with open(root / ".portbook-pipeline.lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log("portbook pipeline: another build of this project is running; waiting for it")
            fcntl.flock(lock, fcntl.LOCK_EX)
        yield


@contextlib.contextmanager
def environment(**values: str):
    """Set environment variables for the kernels this process starts, and restore them afterwards."""
    previous = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def run_pipeline(
    root: Path = paths.ROOT, runs: list[NotebookRun] | None = None, workers: int | None = None, log=print
) -> Report:
    """Bring every notebook output up to date; raise NotebookFailed (or UndeclaredFile) after the stage that
    failed, leaving the published outputs as they were."""
    root = Path(root).resolve()
    staged = root / STAGING
    # kernels inherit the environment: they must read this copy of the project, whichever is installed,
    # and write their derived files into this build's staging folder
    with (
        exclusive(root, log),
        environment(PORTBOOK_ROOT=str(root), PORTBOOK_DERIVED=str(staged), PORTBOOK_STATE=str(staged / STATE)),
    ):
        shutil.rmtree(staged, ignore_errors=True)  # left by a killed build: never trusted, never published
        try:
            return run_stages(root, staged, runs, workers, log)
        finally:
            shutil.rmtree(staged, ignore_errors=True)


def run_stages(root: Path, staged: Path, runs: list[NotebookRun] | None, workers: int | None, log) -> Report:
    """Execute the out-of-date runs stage by stage into the staging folder; publish it when all succeed."""
    started = time.perf_counter()
    runs = planned_runs(root) if runs is None else runs
    check_plan(runs, root)
    for folder in PUBLISHED_DIRS:
        (staged / folder).mkdir(parents=True, exist_ok=True)
    manifest = load_manifest(root)
    recorded: dict[str, dict] = {}
    report = Report()
    workers = workers or os.cpu_count() or 1
    state_started = False
    for stage in sorted({run.stage for run in runs}):
        # fingerprints of a stage are taken after the stages before it wrote their products
        todo, failures, digests = [], [], FileDigests()
        for run in (r for r in runs if r.stage == stage):
            key = fingerprint(run, root, digests, staged)
            if is_current(run, root, key, manifest):
                for relative in manifest[run.output]["files"]:
                    link_or_copy(root / relative, staged / relative)
                recorded[run.output] = manifest[run.output]
                report.skipped.append(run.output)
            else:
                # what the fingerprint covers, fixed now: a file another run of this stage writes is not in it
                todo.append((run, key, covered_inputs(run, root, staged)))
        before = staged_files(staged)
        with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
            if todo and not state_started and any(r.reads_state for r in runs if r.stage >= stage):
                # first in the queue: the runs after it read the state instead of computing it each (a run
                # that starts before it is ready computes its own, as a notebook run outside a build does)
                pool.submit(compute_state, root, staged)
                state_started = True
            futures = {pool.submit(execute, run, root, key, staged): (run, covered) for run, key, covered in todo}
            for future in concurrent.futures.as_completed(futures):
                run, covered = futures[future]
                try:
                    future.result()
                except PortbookError as failure:
                    failures.append(failure)
                    continue
                except OSError as failure:  # a file name the system refuses, a full disk: say which run
                    failures.append(NotebookFailed(f"notebook {run.template} (run: {run.describe()}): {failure}"))
                    continue
                undeclared = undeclared_reads(run, root, staged, covered)
                if undeclared:
                    failures.append(
                        UndeclaredFile(
                            f"notebook {run.template} (run: {run.describe()}) read {undeclared}, which its "
                            f"fingerprint does not cover: add them to the run's inputs in portbook/build/pipeline.py"
                        )
                    )
                    continue
                report.executed.append(run.output)
                log(f"portbook pipeline: executed {run.describe()} -> {run.output}")
        if not failures:
            failures += record_outputs([(r, k) for r, k, _ in todo], staged, before, recorded)
        if failures:
            # every failure of the stage, so that one build names them all; the class if they share one
            kinds = {type(f) for f in failures}
            raise (kinds.pop() if len(kinds) == 1 else NotebookFailed)(failure_summary(failures))
    report.removed = sorted(published_files(root) - staged_files(staged))
    if report.executed or report.removed:
        publish(root, staged)
    if recorded != manifest:
        atomic.write_json(root / MANIFEST, recorded)
    report.executed.sort()
    report.seconds = time.perf_counter() - started
    log(report.summary())
    return report


def record_outputs(executed: list[tuple[NotebookRun, str]], staged: Path, before: set[str], recorded: dict) -> list:
    """Record each executed run's fingerprint and the SHA-256 of every file it wrote; return an UndeclaredFile
    for each file written in this stage that no run declares."""
    written = staged_files(staged) - before
    claimed: set[str] = set()
    for run, key in executed:
        mine = sorted(name for name in (run.output, *run.products) if name in written)
        claimed.update(mine)
        recorded[run.output] = {"fingerprint": key, "files": {name: sha256_of(staged / name) for name in mine}}
    stray = sorted(written - claimed)
    if stray:
        runs = ", ".join(run.describe() for run, _ in executed)
        return [UndeclaredFile(f"files written that no run declares as a product: {stray} (runs: {runs})")]
    return []


def publish(root: Path, staged: Path) -> None:
    """Put the staging folder's published folders in place of the project's, one folder at a time (a rename
    each); the folders they replace are deleted."""
    for folder in PUBLISHED_DIRS:
        target, fresh = root / folder, staged / folder
        old = staged / ".replaced" / folder
        old.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            os.replace(target, old)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(fresh, target)
