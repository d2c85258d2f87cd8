"""`python -m portbook check <claim_id> [--json]`: one claim's audit trail, no kernel, no build;
`python -m portbook lint [article_id]`: every ledger problem and every unaccounted number, with a draft for each;
`python -m portbook propose <article_id> [--write]`: draft ledger rows for an article's unaccounted numbers."""

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
    lint = commands.add_parser(
        "lint", help="every ledger problem once, and every unaccounted number with a drafted row (exit 1 if any)"
    )
    lint.add_argument("article_id", nargs="?", help="lint one article only (an id of seeds/metadata.csv)")
    propose = commands.add_parser("propose", help="draft ledger rows for the unaccounted numbers of an article")
    propose.add_argument("article_id", help="an article id of seeds/metadata.csv")
    propose.add_argument(
        "--write", action="store_true", help="also append the drafts to review/<article_id>/ (never to the ledger)"
    )
    propose.add_argument(
        "--csv", choices=("claims", "exclusions", "aliases"), help="print only this table, as CSV with its header"
    )
    arguments = parser.parse_args(argv)
    if arguments.command == "lint":
        return run_lint(arguments)
    if arguments.command == "propose":
        return run_propose(arguments)

    from portbook.present.trail_text import as_text
    from portbook.reconcile.trail_cache import cached_trail

    try:
        trail, _ = cached_trail(arguments.claim_id)
    except PortbookError as error:
        print(f"{type(error).__name__}: {error}", file=sys.stderr)
        return 2
    if arguments.json:
        print(json.dumps(trail.to_json(), ensure_ascii=False, indent=1, sort_keys=True))
    else:
        print(as_text(trail))
    return 0


def run_lint(arguments) -> int:
    """`python -m portbook lint [article_id]`: print the lint report; 0 when clean, 1 when anything is found."""
    from portbook.numbers.lint import lint

    try:
        report = lint(arguments.article_id)
    except PortbookError as error:
        print(f"{type(error).__name__}: {error}", file=sys.stderr)
        return 2
    print(report.text(), end="")
    return 0 if report.ok else 1


def run_propose(arguments) -> int:
    """`python -m portbook propose <article_id>`: print the drafted rows and the decisions; --write keeps them."""
    from portbook.errors import UnknownArticle
    from portbook.numbers.lint import load_inputs, propose_for
    from portbook.numbers.propose import write_review

    try:
        inputs = load_inputs()
        if arguments.article_id not in inputs.articles:
            known = ", ".join(sorted(inputs.seeds)) or "(none)"
            problem = next((p for p in inputs.problems if arguments.article_id in p.message), None)
            raise UnknownArticle(
                f"article {arguments.article_id!r} cannot be read: {problem}"
                if problem
                else f"unknown article {arguments.article_id!r}; known: {known}"
            )
        proposal = propose_for(inputs, arguments.article_id)
        written = write_review(proposal) if arguments.write else []
    except PortbookError as error:
        print(f"{type(error).__name__}: {error}", file=sys.stderr)
        return 2
    if arguments.csv:
        print(getattr(proposal, f"{arguments.csv}_csv")(header=True), end="")
    else:
        print(proposal.report(), end="")
    if inputs.problems:
        print(
            f"# note: the curated tables have {len(inputs.problems)} problem(s); rows with a problem were left out. "
            "Run python -m portbook lint.",
            file=sys.stderr,
        )
    for path in written:
        print(f"# written: {path}", file=sys.stderr)
    return 0
