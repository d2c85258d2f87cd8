import json
import os

import nbformat
import pytest

from portbook.build import pipeline
from portbook.errors import NotebookFailed, UndeclaredFile


def write_template(path, *sources):
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    cells = [nbformat.v4.new_markdown_cell("# Template")]
    parameters = nbformat.v4.new_code_cell('label = "default"')
    parameters.metadata["tags"] = ["parameters"]
    cells.append(parameters)
    cells += [nbformat.v4.new_code_cell(source) for source in sources]
    for index, cell in enumerate(cells):
        cell.id = f"c{index}"
    notebook.cells = cells
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, path)


# Derived files go where the pipeline says (its staging folder), never straight into the project.
WRITE_PRODUCT = (
    "import os, pathlib\n"
    "out = pathlib.Path(os.environ['PORTBOOK_DERIVED'], 'data', 'interim', f'{label}.txt')\n"
    "out.parent.mkdir(parents=True, exist_ok=True)\n"
)


@pytest.fixture
def project(tmp_path):
    write_template(
        tmp_path / "notebooks" / "ok.ipynb",
        WRITE_PRODUCT + "out.write_text(os.getcwd())",
        "print(label.upper())",
    )
    (tmp_path / "inputs.txt").write_text("v1")
    return tmp_path


def ok_run(label="a", title="A title"):
    return pipeline.NotebookRun(
        template="notebooks/ok.ipynb",
        output=f"book/generated/{label}.ipynb",
        parameters={"label": label},
        title=title,
        inputs=("inputs.txt",),
        products=(f"data/interim/{label}.txt",),
    )


def test_an_unchanged_run_is_skipped_and_starts_no_kernel(project):
    runs = [ok_run("a"), ok_run("b")]
    first = pipeline.run_pipeline(project, runs, log=lambda _: None)
    assert first.executed == ["book/generated/a.ipynb", "book/generated/b.ipynb"] and not first.skipped
    # parallel kernels each run in the project's root, whatever the calling process's directory
    products = project / "data" / "interim"
    assert (products / "a.txt").read_text() == (products / "b.txt").read_text() == str(project)
    second = pipeline.run_pipeline(project, runs, log=lambda _: None)
    assert "PORTBOOK_ROOT" not in os.environ or os.environ["PORTBOOK_ROOT"] != str(project), (
        "the root leaked out of the run"
    )
    assert second.executed == [] and sorted(second.skipped) == ["book/generated/a.ipynb", "book/generated/b.ipynb"]


@pytest.mark.parametrize("change", ["input", "template", "product", "parameters"])
def test_a_changed_input_template_parameter_or_missing_product_reruns(project, change):
    pipeline.run_pipeline(project, [ok_run("a")], log=lambda _: None)
    run = ok_run("a")
    if change == "input":
        (project / "inputs.txt").write_text("v2")
    elif change == "template":
        write_template(
            project / "notebooks" / "ok.ipynb",
            WRITE_PRODUCT + "out.write_text(label * 2)",
        )
    elif change == "product":
        (project / "data" / "interim" / "a.txt").unlink()
    else:
        run = pipeline.NotebookRun(**{**run.__dict__, "title": "Another title"})
    report = pipeline.run_pipeline(project, [run], log=lambda _: None)
    assert report.executed == ["book/generated/a.ipynb"]


def test_output_is_normalised_titled_and_identical_across_runs(project):
    pipeline.run_pipeline(project, [ok_run("a", title="Kashgar: 3.7 *billion*")], log=lambda _: None)
    output = project / "book" / "generated" / "a.ipynb"
    first = output.read_bytes()
    text = first.decode()
    assert str(project) not in text and "start_time" not in text and "duration" not in text
    notebook = nbformat.reads(text, as_version=4)
    assert notebook.cells[0].source == r"# Kashgar: 3.7 \*billion\*"
    injected = [c for c in notebook.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert injected and "remove-cell" in injected[0].metadata["tags"]
    assert "A" in "".join(o.get("text", "") for c in notebook.cells if c.cell_type == "code" for o in c.outputs)
    output.unlink()
    pipeline.run_pipeline(project, [ok_run("a", title="Kashgar: 3.7 *billion*")], log=lambda _: None)
    assert output.read_bytes() == first


def test_a_failing_notebook_names_template_and_cell_and_keeps_the_last_good_output(project):
    pipeline.run_pipeline(project, [ok_run("a")], log=lambda _: None)
    output = project / "book" / "generated" / "a.ipynb"
    good = output.read_bytes()
    write_template(
        project / "notebooks" / "ok.ipynb", "x = 1", "raise ValueError('bad quote in claim kashgar-cbz-trade-2021')"
    )
    with pytest.raises(NotebookFailed) as caught:
        pipeline.run_pipeline(project, [ok_run("a")], log=lambda _: None)
    message = str(caught.value)
    assert "notebooks/ok.ipynb" in message and "-p label a" in message
    assert "cell" in message and "raise ValueError" in message and "kashgar-cbz-trade-2021" in message
    assert output.read_bytes() == good
    assert not [p for p in output.parent.iterdir() if p.name.startswith(".")], "no scratch file is left behind"


def test_outputs_no_longer_planned_are_removed(project):
    pipeline.run_pipeline(project, [ok_run("a"), ok_run("b")], log=lambda _: None)
    report = pipeline.run_pipeline(project, [ok_run("a")], log=lambda _: None)
    # the run's notebook and the data it wrote: a stale product is not published either
    assert report.removed == ["book/generated/b.ipynb", "data/interim/b.txt"]
    assert not (project / "book" / "generated" / "b.ipynb").exists()
    assert not (project / "data" / "interim" / "b.txt").exists() and (project / "data" / "interim" / "a.txt").exists()


def test_the_real_plan_has_one_chapter_per_article():
    from portbook.sources import seeds

    outputs = {run.output for run in pipeline.planned_runs()}
    for article_id in seeds.load_metadata():
        assert f"book/articles/{article_id}.ipynb" in outputs
    assert json.dumps([r.parameters for r in pipeline.planned_runs()])


# --- what a run reads and writes, and what is reused (issue 15) ----------------------------------------


def test_a_run_that_reads_a_file_its_fingerprint_leaves_out_fails_naming_it(project):
    (project / "data").mkdir()
    (project / "data" / "claims.csv").write_text("claim_id\nx\n")
    write_template(
        project / "notebooks" / "ok.ipynb", "open('data/claims.csv').read()", WRITE_PRODUCT + "out.write_text('x')"
    )
    with pytest.raises(UndeclaredFile) as caught:
        pipeline.run_pipeline(project, [ok_run("a")], log=lambda _: None)
    message = str(caught.value)
    assert "read ['data/claims.csv'], which its fingerprint does not cover" in message and "-p label a" in message
    assert not (project / "book" / "generated" / "a.ipynb").exists() and not (project / pipeline.STAGING).exists()
    # declared, the same read is fine, and a change to the file reruns the notebook
    declared = pipeline.NotebookRun(**{**ok_run("a").__dict__, "inputs": ("inputs.txt", "data/*.csv")})
    assert pipeline.run_pipeline(project, [declared], log=lambda _: None).executed == ["book/generated/a.ipynb"]
    (project / "data" / "claims.csv").write_text("claim_id\ny\n")
    assert pipeline.run_pipeline(project, [declared], log=lambda _: None).executed == ["book/generated/a.ipynb"]


def test_a_run_that_writes_a_derived_file_it_does_not_declare_fails_naming_it(project):
    write_template(
        project / "notebooks" / "ok.ipynb",
        WRITE_PRODUCT + "out.write_text('x')\nout.with_name('stray.csv').write_text('y')",
    )
    with pytest.raises(
        UndeclaredFile, match=r"files written that no run declares as a product: \['data/interim/stray.csv'\]"
    ):
        pipeline.run_pipeline(project, [ok_run("a")], log=lambda _: None)
    assert not (project / "data").exists(), "nothing of the failed build is published"


def test_a_failed_build_publishes_nothing_and_leaves_the_manifest(project):
    pipeline.run_pipeline(project, [ok_run("a")], log=lambda _: None)
    manifest = (project / pipeline.MANIFEST).read_bytes()
    product = (project / "data" / "interim" / "a.txt").read_bytes()
    write_template(project / "notebooks" / "ok.ipynb", WRITE_PRODUCT + "out.write_text('half')\nraise ValueError('x')")
    with pytest.raises(NotebookFailed):
        pipeline.run_pipeline(project, [ok_run("a")], log=lambda _: None)
    assert (project / "data" / "interim" / "a.txt").read_bytes() == product, "the kernel's half-written file leaked"
    assert (project / pipeline.MANIFEST).read_bytes() == manifest and not (project / pipeline.STAGING).exists()


@pytest.mark.parametrize(
    "damage",
    ["notebook holding []", "truncated notebook", "edited product", "missing product", "junk manifest"],
)
def test_a_junk_truncated_or_edited_output_is_rebuilt_not_reused(project, damage):
    pipeline.run_pipeline(project, [ok_run("a")], log=lambda _: None)
    output = project / "book" / "generated" / "a.ipynb"
    product = project / "data" / "interim" / "a.txt"
    good = {output: output.read_bytes(), product: product.read_bytes()}
    if damage == "notebook holding []":
        output.write_text("[]")
    elif damage == "truncated notebook":
        output.write_bytes(good[output][: len(good[output]) // 2])
    elif damage == "edited product":
        product.write_text("stale")
    elif damage == "missing product":
        product.unlink()
    else:
        (project / pipeline.MANIFEST).write_text("[]")
    report = pipeline.run_pipeline(project, [ok_run("a")], log=lambda _: None)
    assert report.executed == ["book/generated/a.ipynb"]
    assert {path: path.read_bytes() for path in good} == good


def test_the_article_notebooks_fingerprint_covers_the_ledger(tmp_path):
    import shutil

    from conftest import ROOT

    for name in ("seeds", "notebooks"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "data", tmp_path / "data", ignore=shutil.ignore_patterns("interim", "processed"))
    shutil.copytree(ROOT / "portbook", tmp_path / "portbook", ignore=shutil.ignore_patterns("__pycache__"))
    articles = [run for run in pipeline.planned_runs(tmp_path) if run.template == "notebooks/01-clean-article.ipynb"]
    before = [pipeline.fingerprint(run, tmp_path) for run in articles]
    ledger = tmp_path / "data" / "claims.csv"
    ledger.write_text(ledger.read_text().replace("kashgar-cbz-trade-2021,", "kashgar-cbz-trade-2021-renamed,"))
    after = [pipeline.fingerprint(run, tmp_path) for run in articles]
    assert articles and all(b != a for b, a in zip(before, after)), "renaming a claim must rerun the article pages"


def test_a_title_with_a_newline_or_markup_stays_one_literal_heading():
    # a second line would be Markdown of its own, where raw HTML is passed through
    title = pipeline.markdown_title("Kashgar\n<script>alert(1)</script> $x$ &amp;")
    assert title == r"# Kashgar \<script\>alert\(1\)\</script\> \$x\$ \&amp;"
    assert "\n" not in title


READ_STATE = (
    "import os\n"
    "from portbook.reconcile import book_state\n"
    "state = book_state.current()\n"
    "print(os.path.isfile(os.environ['PORTBOOK_STATE']), len(state.claims))"
)


def state_project(tmp_path):
    import shutil

    from conftest import ROOT

    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "data", tmp_path / "data", ignore=shutil.ignore_patterns("interim", "processed"))
    write_template(tmp_path / "notebooks" / "state.ipynb", READ_STATE)
    return tmp_path


def state_run(inputs):
    return pipeline.NotebookRun(
        template="notebooks/state.ipynb",
        output="book/generated/state.ipynb",
        parameters={"label": "s"},
        inputs=inputs,
        reads_state=True,
    )


def test_a_run_reads_the_state_the_build_computed_once_and_is_held_to_the_files_it_came_from(tmp_path):
    import pandas as pd

    project = state_project(tmp_path)
    # one worker: the state, first in the queue, is ready before the run starts
    pipeline.run_pipeline(project, [state_run(("seeds/*", "data/*.csv"))], workers=1, log=lambda _: None)
    notebook = nbformat.read(project / "book" / "generated" / "state.ipynb", as_version=4)
    printed = "".join(o.get("text", "") for c in notebook.cells for o in c.get("outputs", []))
    claims = len(pd.read_csv(project / "data" / "claims.csv"))
    assert printed.strip() == f"True {claims}", "the run computed its own state instead of reading the build's"
    assert not (project / pipeline.STAGING).exists(), "the state lives and dies with the build's staging folder"
    # the state was read from the ledger: a run whose fingerprint leaves the ledger out may not read it
    (project / pipeline.MANIFEST).unlink()
    with pytest.raises(UndeclaredFile, match=r"read \[.*'data/claims.csv'.*\], which its fingerprint does not cover"):
        pipeline.run_pipeline(project, [state_run(("seeds/*",))], workers=1, log=lambda _: None)


def test_the_state_is_computed_only_for_a_plan_that_reads_it(project, monkeypatch):
    computed = []
    monkeypatch.setattr(pipeline, "compute_state", lambda root, staged: computed.append(root))
    pipeline.run_pipeline(project, [ok_run("a")], log=lambda _: None)
    assert computed == []
    pipeline.run_pipeline(project, [pipeline.NotebookRun(**{**ok_run("b").__dict__, "reads_state": True})], log=print)
    assert computed == [project.resolve()]
