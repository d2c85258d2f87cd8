"""Time `python -m portbook lint` (the whole project) and `lint <article_id>` in a fresh, unbuilt copy: no kernel, no
build, every article cleaned and every number accounted for in the one process.

One untimed run compiles the copy's bytecode; then the median of --repeat runs of each. The target is under 5 s.
Usage: .venv/bin/python benchmarks/bench_lint.py [--article xinhua-2022-05-30] [--repeat 5]
"""

from __future__ import annotations

import argparse
import sys

from _common import cpu_timed, fresh_copy, report, timed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--article", default="xinhua-2022-05-30")
    parser.add_argument("--repeat", type=int, default=5)
    arguments = parser.parse_args()

    whole = [sys.executable, "-m", "portbook", "lint"]
    one = [*whole, arguments.article]
    with fresh_copy() as root:
        timed(whole, root)  # compile the copy's bytecode; not counted
        all_articles = [cpu_timed(whole, root) for _ in range(arguments.repeat)]
        single = [cpu_timed(one, root) for _ in range(arguments.repeat)]
    report("python -m portbook lint (every article)", all_articles, "< 5 s")
    report(f"python -m portbook lint {arguments.article}", single, "< 5 s")


if __name__ == "__main__":
    main()
