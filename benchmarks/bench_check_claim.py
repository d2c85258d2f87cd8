"""Time `python -m portbook check <claim_id>`, cold (no cache: the book's state computed, every trail kept) and warm
(the cache of the same inputs read), in a fresh, unbuilt copy of the project.

One untimed run compiles the copy's bytecode; then --repeat cold runs, each after removing the cache, and --repeat
warm runs. Prints both medians and the targets (cold under 1.5 s, warm under 0.5 s).
Usage: .venv/bin/python benchmarks/bench_check_claim.py [claim_id] [--repeat N]
"""

from __future__ import annotations

import argparse
import shutil
import sys

from _common import cpu_timed, fresh_copy, report, timed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("claim_id", nargs="?", default="kashgar-cbz-trade-2021")
    parser.add_argument("--repeat", type=int, default=5)
    arguments = parser.parse_args()

    command = [sys.executable, "-m", "portbook", "check", arguments.claim_id]
    with fresh_copy() as root:
        cache = root / ".portbook-cache"
        timed(command, root)  # compile the copy's bytecode; not counted
        cold = []
        for _ in range(arguments.repeat):
            shutil.rmtree(cache, ignore_errors=True)
            cold.append(cpu_timed(command, root))
        warm = [cpu_timed(command, root) for _ in range(arguments.repeat)]
    report(f"python -m portbook check {arguments.claim_id}, cold (no cache)", cold, "< 1.5 s")
    report(f"python -m portbook check {arguments.claim_id}, warm (inputs unchanged)", warm, "< 0.5 s")


if __name__ == "__main__":
    main()
