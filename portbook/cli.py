"""`python -m portbook check <claim_id> [--json]`: one claim's audit trail, no kernel, no build."""

from __future__ import annotations

import argparse
import json
import sys

from portbook.errors import PortbookError


def main(argv: list[str] | None = None) -> int:
    """Run `python -m portbook check`: print one claim's audit trail and return the exit status."""
    parser = argparse.ArgumentParser(prog="python -m portbook", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="print one claim's audit trail, from the raw source to the verdict")
    check.add_argument("claim_id", help="a claim id from data/claims.csv, e.g. kashgar-cbz-trade-2021")
    check.add_argument("--json", action="store_true", help="print the trail as JSON, for machines")
    arguments = parser.parse_args(argv)

    from portbook.present.trail_text import as_text
    from portbook.reconcile.trail import build_trail

    try:
        trail = build_trail(arguments.claim_id)
    except PortbookError as error:
        print(f"{type(error).__name__}: {error}", file=sys.stderr)
        return 2
    if arguments.json:
        print(json.dumps(trail.to_json(), ensure_ascii=False, indent=1, sort_keys=True))
    else:
        print(as_text(trail))
    return 0
