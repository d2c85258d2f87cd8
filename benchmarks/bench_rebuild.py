"""No-change rebuild: what the pipeline's up-to-date check costs on top of rendering.

On a fresh copy built once in full, alternately times
  (a) `jupyter-book build .`                               (pipeline runs, finds every run current, starts no kernel)
  (b) `PORTBOOK_SKIP_PIPELINE=1 jupyter-book build .`      (the same render without the pipeline)
and prints the median of each and the difference (target: the pipeline adds under a second).
Usage: .venv/bin/python benchmarks/bench_rebuild.py [--repeat N]
"""

from __future__ import annotations

import argparse
import json

from _common import JUPYTER_BOOK, fresh_copy, median, spread, timed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="rebuilds of each kind (default 3)")
    arguments = parser.parse_args()

    with fresh_copy() as root:
        first = timed([str(JUPYTER_BOOK), "build", "."], root)
        print(f"first full build (not counted): {first:.2f} s", flush=True)
        with_pipeline, without = [], []
        for _ in range(arguments.repeat):
            with_pipeline.append(timed([str(JUPYTER_BOOK), "build", "."], root))
            report = json.loads((root / "_build" / "pipeline-report.json").read_text())
            assert report["executed"] == [], f"a no-change rebuild executed {report['executed']}"
            skipped = len(report["skipped"])
            without.append(timed([str(JUPYTER_BOOK), "build", "."], root, PORTBOOK_SKIP_PIPELINE="1"))

    difference = median(with_pipeline) - median(without)
    print(
        f"(a) no-change rebuild, jupyter-book build .:       {spread(with_pipeline)}  (0 executed, {skipped} skipped)"
    )
    print(f"(b) PORTBOOK_SKIP_PIPELINE=1 jupyter-book build .: {spread(without)}")
    print(
        f"pipeline overhead (a) - (b):                       {difference:+.2f} s "
        f"({'under' if difference < 1 else 'OVER'} the 1 s target)"
    )


if __name__ == "__main__":
    main()
