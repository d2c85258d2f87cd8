"""Clean build: the pipeline's parallel kernels vs the notebooks one after another with `papermill`.

(a) `jupyter-book build .` on a fresh copy: the Sphinx extension runs every notebook with papermill in
    parallel threads (one kernel each), then Sphinx renders.
(b) on another fresh copy: every planned run with the `papermill` command line, one after another,
    stage by stage (portbook.build.pipeline.planned_runs), then `PORTBOOK_SKIP_PIPELINE=1 jupyter-book build .`.

Prints the median of each over --repeat rounds (a fresh copy for every build), the ratio b/a and the
number of notebooks.  Usage: .venv/bin/python benchmarks/bench_build.py [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import os

from _common import JUPYTER_BOOK, PAPERMILL, fresh_copy, median, spread, timed


def pipeline_build(root) -> float:
    seconds = timed([str(JUPYTER_BOOK), "build", "."], root)
    report = json.loads((root / "_build" / "pipeline-report.json").read_text())
    assert not report["skipped"], f"a clean build skipped runs: {report['skipped']}"
    return seconds


def sequential_papermill_then_render(root) -> tuple[float, float, int]:
    from portbook.build.pipeline import planned_runs

    runs = planned_runs(root)
    notebooks = 0.0
    for stage in sorted({run.stage for run in runs}):
        for run in (r for r in runs if r.stage == stage):
            (root / run.output).parent.mkdir(parents=True, exist_ok=True)
            command = [
                str(PAPERMILL),
                run.template,
                run.output,
                "--cwd",
                str(root),
                "-k",
                "python3",
                "--no-progress-bar",
                "--no-log-output",
            ]
            for name, value in run.parameters.items():
                command += ["-p", name, str(value)]
            notebooks += timed(command, root)
    render = timed([str(JUPYTER_BOOK), "build", "."], root, PORTBOOK_SKIP_PIPELINE="1")
    return notebooks + render, render, len(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2, help="rounds of each (default 2)")
    arguments = parser.parse_args()

    parallel, sequential, renders, count = [], [], [], 0
    for round_number in range(1, arguments.repeat + 1):
        with fresh_copy() as root:
            parallel.append(pipeline_build(root))
        with fresh_copy() as root:
            total, render, count = sequential_papermill_then_render(root)
            sequential.append(total)
            renders.append(render)
        print(
            f"round {round_number}: (a) {parallel[-1]:.2f} s   (b) {sequential[-1]:.2f} s "
            f"(of which render {renders[-1]:.2f} s)",
            flush=True,
        )

    print(f"notebooks per build:                               {count}")
    print(f"cores:                                             {os.cpu_count()}")
    print(f"(a) jupyter-book build . (parallel pipeline):      {spread(parallel)}")
    print(f"(b) papermill CLI one by one + render:             {spread(sequential)}")
    print(f"    of which PORTBOOK_SKIP_PIPELINE=1 render:      {spread(renders)}")
    print(f"ratio (b)/(a):                                     {median(sequential) / median(parallel):.2f}x")


if __name__ == "__main__":
    main()
