"""`python -m portbook check <claim_id> [--json]`: one claim's audit trail, no kernel, no build;
`python -m portbook lint [article_id]`: every ledger problem and every unaccounted number, with a draft for each;
`python -m portbook propose <article_id> [--write]`: draft ledger rows for an article's unaccounted numbers;
`python -m portbook add <file>`: a page's text becomes an article: the seed, its metadata row, drafts in review/;
`python -m portbook accept <article_id>`: append the rows kept in review/<article_id>/ to the curated tables, then lint.

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
    """`check`: print one claim's audit trail, as text or as JSON (from the cache when the inputs are unchanged)."""
    from portbook.present.trail_text import as_text
    from portbook.reconcile.trail_cache import cached_trail

    trail, _ = cached_trail(arguments.claim_id)
    if arguments.json:
        print(json.dumps(trail.to_json(), ensure_ascii=False, indent=1, sort_keys=True))
    else:
        print(as_text(trail))
    return 0


def lint(arguments: argparse.Namespace) -> int:
    """`lint`: print the lint report; 0 when clean, 1 when anything is found."""
    from portbook.build.state_check import with_state
    from portbook.numbers.lint import lint as lint_project

    report = with_state(lint_project(arguments.article_id), article_id=arguments.article_id)
    print(report.text(), end="")
    return 0 if report.ok else 1


def propose(arguments: argparse.Namespace) -> int:
    """`propose`: print the drafted rows and the decisions; --write keeps them in review/<article_id>/."""
    from portbook.errors import UnknownArticle
    from portbook.ids import shown
    from portbook.numbers.lint import load_inputs, propose_for
    from portbook.numbers.propose import write_review

    inputs = load_inputs()
    if arguments.article_id not in inputs.articles:
        known = ", ".join(sorted(inputs.seeds)) or "(none)"
        problem = next((p for p in inputs.problems if arguments.article_id in p.message), None)
        raise UnknownArticle(
            f"article {shown(arguments.article_id)} cannot be read: {problem}"
            if problem
            else f"unknown article {shown(arguments.article_id)}; known: {known}"
        )
    proposal = propose_for(inputs, arguments.article_id)
    written = write_review(proposal) if arguments.write else []
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


def add(arguments: argparse.Namespace) -> int:
    """`add`: copy a page into seeds/, append its drafted metadata row, draft its numbers into review/; say what next."""
    from portbook.numbers.add import add_article

    added = add_article(
        arguments.file, outlet=arguments.outlet, published=arguments.published, address=arguments.address
    )
    folder = f"review/{added.article_id}"
    seed = f"seeds/{added.seed.name}"
    print(f"{seed}: {'copied from ' + str(arguments.file) if added.new_seed else 'already there'}")
    print(
        f"seeds/metadata.csv, line {added.metadata_line}: article {added.article_id}, "
        + ("row drafted and added: check it (decisions.txt says what)" if added.new_row else "row already there")
    )
    for decision in added.metadata_decisions:
        if decision.startswith("source address: "):
            print(decision)
    proposal = added.proposal
    print(
        f"{folder}/: {len(proposal.claims)} claim(s), {len(proposal.exclusions)} exclusion(s), "
        f"{len(proposal.entities)} new entity row(s), {len(proposal.aliases)} new alias(es) drafted"
    )
    print("\nNext:")
    print(f"  1. read {folder}/decisions.txt, and edit or delete the rows of the CSV files beside it")
    print(f"  2. python -m portbook accept {added.article_id}")
    print("  3. make book")
    return 0


def accept(arguments: argparse.Namespace) -> int:
    """`accept`: append the reviewed rows to the curated tables, then print the article's lint report."""
    from portbook.build.state_check import with_state
    from portbook.numbers.accept import accept as accept_rows
    from portbook.numbers.ledger import LEDGER, load_entities, read_csv
    from portbook.numbers.lint import lint as lint_project
    from portbook.present.stories import stories_to_reread

    print(accept_rows(arguments.article_id).text(), end="")
    report = with_state(lint_project(arguments.article_id), article_id=arguments.article_id)
    print(report.text(), end="")
    # read only once the tables are sound: a broken table has been reported above
    reread = (
        stories_to_reread(arguments.article_id, read_csv(LEDGER), dict(load_entities().table.port)) if report.ok else []
    )
    if reread:
        print("\nPort stories to read again (the build does not stop for them):")
        print("\n".join(f"  - {line}" for line in reread))
    return 0 if report.ok else 1


def parser() -> argparse.ArgumentParser:
    """The command line: each subcommand with its arguments and its handler."""
    root = argparse.ArgumentParser(prog="python -m portbook", description=__doc__.split("\n\n")[0])
    commands = root.add_subparsers(dest="command", required=True)
    check_command = commands.add_parser(
        "check", help="print one claim's audit trail, from the raw source to the verdict"
    )
    check_command.add_argument("claim_id", help="a claim id from data/claims.csv, e.g. kashgar-cbz-trade-2021")
    check_command.add_argument("--json", action="store_true", help="print the trail as JSON, for machines")
    check_command.set_defaults(handler=check)
    lint_command = commands.add_parser(
        "lint", help="every ledger problem once, and every unaccounted number with a drafted row (exit 1 if any)"
    )
    lint_command.add_argument("article_id", nargs="?", help="lint one article only (an id of seeds/metadata.csv)")
    lint_command.set_defaults(handler=lint)
    propose_command = commands.add_parser("propose", help="draft ledger rows for the unaccounted numbers of an article")
    propose_command.add_argument("article_id", help="an article id of seeds/metadata.csv")
    propose_command.add_argument(
        "--write",
        action="store_true",
        help="also append the drafts to review/<article_id>/ (never to the curated tables)",
    )
    propose_command.add_argument(
        "--csv",
        choices=("claims", "exclusions", "aliases", "entities", "classes", "labels"),
        help="print only this table, as CSV with its header (classes: data/claim_classes.csv, labels: data/metrics.csv)",
    )
    propose_command.set_defaults(handler=propose)
    add_command = commands.add_parser(
        "add",
        help="add a page's text as an article: copy it into seeds/, add its drafted metadata row, draft its numbers",
    )
    add_command.add_argument("file", help="the page's text as the scrape gave it, saved as UTF-8 (never changed)")
    add_command.add_argument(
        "--outlet",
        help="the outlet, as it prints its name (else read from the page); its first name, less what it says in "
        "brackets, begins the article's id",
    )
    add_command.add_argument("--published", help="the date of publication, YYYY-MM-DD (else read from the page)")
    add_command.add_argument(
        "--address", help="where the page was found, http(s): its row of data/source_addresses.csv, for its chapter"
    )
    add_command.set_defaults(handler=add)
    accept_command = commands.add_parser(
        "accept",
        help="append the rows you kept in review/<article_id>/ to the curated tables, then lint the article",
    )
    accept_command.add_argument("article_id", help="an article id whose drafts propose --write put in review/")
    accept_command.set_defaults(handler=accept)
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
