"""Time `python -m portbook check <claim_id>`: one claim's audit trail from the curated inputs, no kernel.

Runs the command in a fresh copy of the project (no build), once untimed to compile the bytecode, then
--repeat times (default 5), and prints the median wall time. If portbook/__main__.py does not exist yet,
says so and exits 0.  Usage: .venv/bin/python benchmarks/bench_check_claim.py [claim_id] [--repeat N]
"""

from __future__ import annotations

import argparse
import sys

from _common import ROOT, fresh_copy, spread, timed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("claim_id", nargs="?", default="kashgar-cbz-trade-2021")
    parser.add_argument("--repeat", type=int, default=5)
    arguments = parser.parse_args()

    if not (ROOT / "portbook" / "__main__.py").is_file():
        print("python -m portbook check: not available yet (portbook/__main__.py does not exist); nothing timed")
        return
    command = [sys.executable, "-m", "portbook", "check", arguments.claim_id]
    with fresh_copy() as root:
        timed(command, root)  # compile the copy's bytecode; not counted
        seconds = [timed(command, root) for _ in range(arguments.repeat)]
    print(f"python -m portbook check {arguments.claim_id}: {spread(seconds)}")


if __name__ == "__main__":
    main()
