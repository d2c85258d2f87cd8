"""Run the book's notebooks with papermill: only what changed, in parallel, atomically.

Each run is a template, its parameters and the files it reads. A run is skipped
when the fingerprint of all of those (plus the package's own code) equals the one
stored in its last output and its products are still there, so a rebuild with
nothing changed starts no kernel. Runs of one stage go in parallel threads (a
thread per kernel is enough: the work happens in the kernels). A failed run
raises NotebookFailed naming the notebook and cell; executed notebooks are moved
into place only when every run has succeeded, so a failed build leaves the book
as the last good build left it.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import hashlib
import json
import os
import re
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from portbook import paths
from portbook.errors import NotebookFailed

CACHE_KEY = "portbook_fingerprint"


@dataclass(frozen=True)
class NotebookRun:
    """One notebook to execute: its template, parameters, output, stage and the files it reads and writes."""

    template: str  # relative to the project root
    output: str  # relative to the project root
    parameters: dict = field(hash=False)
    title: str = ""
    stage: int = 1
    inputs: tuple[str, ...] = ()  # globs relative to the root
    products: tuple[str, ...] = ()  # data files the run writes, relative to the root

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


# Directories whose notebooks the pipeline owns: anything in them it did not plan is stale.
MANAGED_OUTPUT_DIRS = ("book/articles", "book/generated", "book/checks", "book/ports")


def check_title(root: Path, claim_id: str) -> str:
    """A flagship check page's title in words ('Kashgar Comprehensive Bonded Zone: trade, 2021'), from the tables;
    the id itself where the tables cannot give one (the ledger's own checks name what is wrong there)."""
    from portbook.errors import PortbookError
    from portbook.numbers.ledger import read_csv
    from portbook.numbers.periods import resolve_period
    from portbook.present.names import claim_title, metric_labels
    from portbook.sources.seeds import load_metadata

    try:
        ledger = read_csv(Path(root) / "data" / "claims.csv")
        rows = ledger[ledger.claim_id == claim_id]
        if rows.empty:
            return claim_id  # the check notebook itself refuses an unknown id, naming the closest ones
        row = rows.iloc[0]
        names = read_csv(Path(root) / "data" / "entities.csv").set_index("entity_id").name
        published = load_metadata(Path(root) / "seeds" / "metadata.csv")[row.article_id].published
        period = resolve_period(row.period, published)
        start, end = (day.isoformat() if day else "" for day in (period.start, period.end))
        labels = metric_labels(Path(root) / "data" / "metrics.csv")
        return claim_title(str(names.get(row.entity, row.entity)), row.metric, start, end, labels)
    except (PortbookError, KeyError, ValueError, OSError):
        return claim_id


def planned_runs(root: Path = paths.ROOT) -> list[NotebookRun]:
    """Every notebook run of the book, from the tables that drive it."""
    import pandas as pd

    from portbook.numbers.flagship import load_flagship
    from portbook.sources.seeds import load_metadata

    seeds = load_metadata(Path(root) / "seeds" / "metadata.csv")
    runs = [
        NotebookRun(
            template="notebooks/00-list-sources.ipynb",
            output="book/generated/sources.ipynb",
            parameters={},
            title="The source articles",
            inputs=("seeds/metadata.csv",),
        )
    ]
    for article_id, info in sorted(seeds.items()):
        runs.append(
            NotebookRun(
                template="notebooks/01-clean-article.ipynb",
                output=f"book/articles/{article_id}.ipynb",
                parameters={"article": article_id},
                title=f"{info.outlet.split(' (')[0]}, {info.published.isoformat()}: {info.headline.split(' (')[0]}",
                inputs=("seeds/metadata.csv", f"seeds/{info.seed_file}"),
                products=(
                    f"data/interim/articles/{article_id}.json",
                    f"data/interim/articles/{article_id}-removed.csv",
                    f"data/interim/mentions/{article_id}.csv",
                ),
            )
        )
    flagship = load_flagship(Path(root) / "data" / "flagship.csv")
    for claim_id in sorted(flagship.claim_ids):
        runs.append(
            NotebookRun(
                template="notebooks/03-check-claim.ipynb",
                output=f"book/checks/{claim_id}.ipynb",
                parameters={"claim_id": claim_id},
                title=f"Check: {check_title(root, claim_id)}",
                inputs=("seeds/*", "data/*.csv"),
            )
        )
    port_table = pd.read_csv(Path(root) / "data" / "ports.csv", dtype=str, keep_default_na=False)
    for row in port_table.itertuples():
        runs.append(
            NotebookRun(
                template="notebooks/04-tell-port.ipynb",
                output=f"book/ports/{row.port}.ipynb",
                parameters={"port": row.port},
                title=row.name,
                inputs=("seeds/*", "data/*.csv", "data/*.geojson"),
                # every chart is drawn in two layouts and two themes (present/charts.py); one drawing stands for all
                products=(f"book/_generated_static/figures/port-{row.port}-map-wide-light.svg",),
            )
        )
    runs.append(
        NotebookRun(
            template="notebooks/05-compare-ports.ipynb",
            output="book/generated/ports-overview.ipynb",
            parameters={},
            inputs=("seeds/*", "data/*.csv", "data/*.geojson"),
            products=(
                "book/_generated_static/figures/ports-map-wide-light.svg",
                "book/_generated_static/figures/ports-classes-wide-light.svg",
            ),
        )
    )
    runs.append(
        NotebookRun(
            template="notebooks/06-reconcile-figures.ipynb",
            output="book/generated/reconciling.ipynb",
            parameters={},
            inputs=("seeds/*", "data/*.csv"),
            products=(
                f"book/_generated_static/figures/reconcile-{flagship_chart(root, flagship.whole)}-wide-light.svg",
            ),
        )
    )
    runs.append(
        NotebookRun(
            template="notebooks/02-clean-numbers.ipynb",
            output="book/generated/cleaning.ipynb",
            parameters={},
            stage=2,
            inputs=("seeds/*", "data/*.csv", "data/interim/mentions/*.csv"),
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
    return f"{row.entity.iloc[0]}-{row.metric.iloc[0]}"


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


def fingerprint(run: NotebookRun, root: Path, digests: FileDigests | None = None) -> str:
    """Hash of everything a run's output depends on."""
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
    for pattern in run.inputs:
        matches = sorted(root.glob(pattern))
        add(f"glob:{pattern}", hashlib.sha256("\n".join(str(m.relative_to(root)) for m in matches).encode()).digest())
        for match in matches:
            if match.is_file():
                add(str(match.relative_to(root)), digests[match])
    for source in package_sources(root):
        add(str(source.relative_to(root)), digests[source])
    return digest.hexdigest()


def stored_fingerprint(output: Path) -> str | None:
    """The fingerprint an output notebook was executed with, or None if it is missing or unreadable."""
    try:
        with open(output, encoding="utf-8") as stream:
            return json.load(stream).get("metadata", {}).get(CACHE_KEY)
    except (OSError, ValueError):
        return None


def is_current(run: NotebookRun, root: Path, key: str) -> bool:
    """Whether a run can be skipped: its output carries this fingerprint and all its products exist."""
    return stored_fingerprint(Path(root) / run.output) == key and all(
        (Path(root) / product).is_file() for product in run.products
    )


MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]<>()#+!|])")


def markdown_text(text: str) -> str:
    """Text from a table shown literally in Markdown: its Markdown characters escaped."""
    return MARKDOWN_SPECIALS.sub(r"\\\1", text)


def markdown_title(title: str) -> str:
    """A Markdown level-1 heading that shows the title literally, its Markdown characters escaped."""
    return "# " + markdown_text(title)


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


def execute(run: NotebookRun, root: Path, key: str) -> Path:
    """Run one notebook into a scratch file beside its output; return the scratch file, executed and
    normalised. The caller moves it into place once the whole pipeline has succeeded."""
    import nbformat
    import papermill

    root = Path(root)
    output = root / run.output
    output.parent.mkdir(parents=True, exist_ok=True)
    handle, scratch = tempfile.mkstemp(dir=output.parent, prefix=f".{output.stem}.", suffix=".ipynb")
    os.close(handle)
    scratch_path = Path(scratch)
    try:
        try:
            # The kernel's working directory goes to nbclient, not papermill's `cwd`: papermill
            # changes the whole process's directory, which races when threads run notebooks.
            papermill.execute_notebook(
                str(root / run.template),
                str(scratch_path),
                parameters=run.parameters,
                progress_bar=False,
                log_output=False,
                kernel_name="python3",
                resources={"metadata": {"path": str(root)}},
            )
        except Exception as error:  # papermill wraps the kernel's error; say where it happened
            ename = getattr(error, "ename", type(error).__name__)
            evalue = getattr(error, "evalue", str(error))
            raise NotebookFailed(
                f"notebook {run.template} (run: {run.describe()}, output {run.output}) failed in "
                f"{failing_cell(error, root / run.template)}: {ename}: {evalue}. "
                f"The previous output, if any, is left in place."
            ) from error
        notebook = nbformat.read(scratch_path, as_version=4)
        normalise(notebook, run, key)
        nbformat.write(notebook, scratch_path)
        os.chmod(scratch_path, 0o644)  # mkstemp makes it private; a published notebook is not
        return scratch_path
    except BaseException:
        scratch_path.unlink(missing_ok=True)
        raise


def remove_scratch(root: Path) -> None:
    """Scratch notebooks left by a build that was killed: never outputs, and Sphinx must not read them."""
    for folder in MANAGED_OUTPUT_DIRS:
        for scratch in (Path(root) / folder).glob(".*.ipynb"):
            scratch.unlink(missing_ok=True)


def remove_stale(runs: list[NotebookRun], root: Path) -> list[str]:
    """Delete the notebooks in the managed folders that no run plans; return their paths."""
    planned = {run.output for run in runs}
    stale = []
    for folder in MANAGED_OUTPUT_DIRS:
        for notebook in sorted((Path(root) / folder).glob("*.ipynb")):
            relative = str(notebook.relative_to(root))
            if relative not in planned:
                notebook.unlink()
                stale.append(relative)
    return stale


@contextlib.contextmanager
def exclusive(root: Path, log):
    """One pipeline at a time per project: a second build would clear the first one's scratch files."""
    import fcntl

    with open(root / ".portbook-pipeline.lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log("portbook pipeline: another build of this project is running; waiting for it")
            fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def run_pipeline(
    root: Path = paths.ROOT, runs: list[NotebookRun] | None = None, workers: int | None = None, log=print
) -> Report:
    """Bring every notebook output up to date; raise NotebookFailed after the stage that failed."""
    root = Path(root).resolve()
    # kernels inherit the environment: they must read this copy of the project, whichever is installed
    previous = os.environ.get("PORTBOOK_ROOT")
    os.environ["PORTBOOK_ROOT"] = str(root)
    try:
        with exclusive(root, log):
            return run_stages(root, runs, workers, log)
    finally:
        if previous is None:
            os.environ.pop("PORTBOOK_ROOT", None)
        else:
            os.environ["PORTBOOK_ROOT"] = previous


def run_stages(root: Path, runs: list[NotebookRun] | None, workers: int | None, log) -> Report:
    """Execute the out-of-date runs stage by stage; put outputs in place only when every stage succeeds."""
    started = time.perf_counter()
    runs = planned_runs(root) if runs is None else runs
    remove_scratch(root)
    report = Report()
    workers = workers or os.cpu_count() or 1
    # Executed notebooks wait in scratch files until every stage has succeeded, so that a failing build
    # leaves the whole book as the last good build made it, not half old and half new.
    pending: list[tuple[Path, Path]] = []
    try:
        for stage in sorted({run.stage for run in runs}):
            # fingerprints of a stage are taken after the stages before it wrote their products
            todo, failures, digests = [], [], FileDigests()
            for run in (r for r in runs if r.stage == stage):
                key = fingerprint(run, root, digests)
                if is_current(run, root, key):
                    report.skipped.append(run.output)
                else:
                    todo.append((run, key))
            with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
                futures = {pool.submit(execute, run, root, key): run for run, key in todo}
                for future in concurrent.futures.as_completed(futures):
                    run = futures[future]
                    try:
                        pending.append((future.result(), root / run.output))
                        report.executed.append(run.output)
                        log(f"portbook pipeline: executed {run.describe()} -> {run.output}")
                    except NotebookFailed as failure:
                        failures.append(failure)
            if failures:
                raise NotebookFailed("; ".join(sorted(str(f) for f in failures)))
    except BaseException:
        for scratch, _ in pending:
            scratch.unlink(missing_ok=True)
        raise
    for scratch, output in pending:
        os.replace(scratch, output)
    report.removed = remove_stale(runs, root)
    report.executed.sort()
    report.seconds = time.perf_counter() - started
    log(report.summary())
    return report
