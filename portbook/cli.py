"""`python -m portbook check <claim_id> [--json]`: one claim's audit trail, no kernel, no build.

Every command runs through `run_command`, which holds the command line's one error policy: a named
error (a PortbookError) is printed on stderr as one line, or as a JSON object when the command was asked
for JSON, with exit status 2; a reader who closes the pipe (`… | head`) ends the command quietly. A new
subcommand gets all of this by registering a handler with `set_defaults(handler=…)`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from portbook.errors import PortbookError

EXIT_ERROR = 2
EXIT_CLOSED_PIPE = 141  # what a shell reports for a command ended by SIGPIPE (128 + 13)


def check(arguments: argparse.Namespace) -> int:
    """`check`: print one claim's audit trail, as text or as JSON."""
    from portbook.present.trail_text import as_text
    from portbook.reconcile.trail import build_trail

    trail = build_trail(arguments.claim_id)
    if arguments.json:
        print(json.dumps(trail.to_json(), ensure_ascii=False, indent=1, sort_keys=True))
    else:
        print(as_text(trail))
    return 0


def parser() -> argparse.ArgumentParser:
    """The command line: each subcommand with its arguments and its handler."""
    root = argparse.ArgumentParser(prog="python -m portbook", description=__doc__.splitlines()[0])
    commands = root.add_subparsers(dest="command", required=True)
    check_command = commands.add_parser(
        "check", help="print one claim's audit trail, from the raw source to the verdict"
    )
    check_command.add_argument("claim_id", help="a claim id from data/claims.csv, e.g. kashgar-cbz-trade-2021")
    check_command.add_argument("--json", action="store_true", help="print the trail as JSON, for machines")
    check_command.set_defaults(handler=check)
    return root


def report_error(error: PortbookError, as_json: bool) -> None:
    """A named error on stderr: `Name: message`, or {"error": name, "message": message} as JSON."""
    if as_json:
        print(json.dumps({"error": type(error).__name__, "message": str(error)}, ensure_ascii=False), file=sys.stderr)
    else:
        print(f"{type(error).__name__}: {error}", file=sys.stderr)


def run_command(handler, arguments: argparse.Namespace) -> int:
    """Run one command's handler under the command line's error policy; return the exit status."""
    try:
        status = handler(arguments)
        sys.stdout.flush()  # a closed pipe shows here, inside the try, not at exit
        return status
    except PortbookError as error:
        report_error(error, as_json=getattr(arguments, "json", False))
        return EXIT_ERROR
    except BrokenPipeError:
        # the reader has gone (`… | head`): nothing more to say, and nothing to flush at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_CLOSED_PIPE


def main(argv: list[str] | None = None) -> int:
    """Run `python -m portbook <command>` and return the exit status."""
    arguments = parser().parse_args(argv)
    return run_command(arguments.handler, arguments)
