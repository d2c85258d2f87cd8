"""How much of today's ledger `propose` reproduces, each article with its own ledger rows hidden.

For each of the book's articles, its rows of data/claims.csv and data/exclusions.csv are taken away (the other
articles' rows, the entities and the aliases stay: an editor adding an article has them), `propose` drafts rows
for the article's numbers, and each hidden row is compared with the draft for the same number (the same figure at
the same place in the seed). Prints, over all articles:

- rows reproduced unchanged: every column but claim_id and note equal (quote included), and without the quote;
- column by column, the share of hidden rows whose draft has the same value;
- repairs: of the hidden rows that name a repair rule, how many drafts name the same rule; and how many drafts
  name a rule where the ledger names none;
- exclusions: hidden exclusion rows with a drafted exclusion for the same number.

Usage: .venv/bin/python benchmarks/bench_propose.py [--verbose]
"""

from __future__ import annotations

import argparse
import sys
import time

from _common import ROOT

COMPARED = ("quote", "figure", "entity", "metric", "period", "qualifier", "unit", "repair")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print each hidden row beside its draft")
    arguments = parser.parse_args()

    from portbook.numbers.lint import load_inputs
    from portbook.numbers.propose import draft_article

    started = time.perf_counter()
    inputs = load_inputs(ROOT)
    if inputs.problems:
        sys.exit("the ledger has problems; run python -m portbook lint first")
    aliases = inputs.entities.aliases
    totals = {"rows": 0, "unchanged": 0, "unchanged_but_quote": 0, "drafted": 0, "repairs": 0, "repairs_same": 0}
    same = dict.fromkeys(COMPARED, 0)
    extra_repairs, excluded, excluded_found, drafts_total = 0, 0, 0, 0
    for article_id in sorted(inputs.articles):
        hidden = inputs.ledger[inputs.ledger.article_id == article_id]
        ledger = inputs.ledger[inputs.ledger.article_id != article_id].reset_index(drop=True)
        located = [c for c in inputs.located if c.article_id != article_id]
        exclusions = inputs.exclusions[inputs.exclusions.article_id != article_id]
        proposal = draft_article(
            inputs.articles[article_id],
            inputs.raw[article_id],
            inputs.seeds[article_id].published,
            ledger,
            located,
            exclusions,
            aliases,
            dict(inputs.entities.table.kind),
        )
        drafts_total += len(proposal.claims)
        by_span = {(u.start, u.end): d for d in proposal.claims for u in [proposal.mentions[d.row["claim_id"]]]}
        spans = {c.claim_id: (c.figure_start, c.figure_end) for c in inputs.located}
        for row in hidden.itertuples():
            totals["rows"] += 1
            draft = by_span.get(spans[row.claim_id])
            if row.repair != "none":
                totals["repairs"] += 1
            if draft is None:
                if arguments.verbose:
                    print(f"MISSING {row.claim_id}: {row.figure!r}")
                continue
            totals["drafted"] += 1
            equal = {c: getattr(row, c) == draft.row[c] for c in COMPARED}
            for column, ok in equal.items():
                same[column] += ok
            totals["unchanged"] += all(equal.values())
            totals["unchanged_but_quote"] += all(v for c, v in equal.items() if c != "quote")
            if row.repair != "none":
                totals["repairs_same"] += equal["repair"]
            elif draft.row["repair"] != "none":
                extra_repairs += 1
            if arguments.verbose and not all(equal.values()):
                diffs = "; ".join(f"{c}: {getattr(row, c)!r} vs {draft.row[c]!r}" for c, ok in equal.items() if not ok)
                print(f"{row.claim_id}: {diffs}")
        drafted_exclusions = {(e.mention.start, e.mention.end) for e in proposal.exclusions}
        for row in inputs.exclusions[inputs.exclusions.article_id == article_id].itertuples():
            excluded += 1
            start = row.context_start + row.context.index(row.text)
            excluded_found += (start, start + len(row.text)) in drafted_exclusions
    seconds = time.perf_counter() - started
    n = totals["rows"]
    print(
        f"propose on the book's {len(inputs.articles)} articles, each with its own ledger rows hidden ({seconds:.1f} s)"
    )
    print(f"  hidden ledger rows: {n}; drafted for the same number: {totals['drafted']} ({totals['drafted'] / n:.0%})")
    print(
        f"  reproduced unchanged (all of {', '.join(COMPARED)}): {totals['unchanged']} ({totals['unchanged'] / n:.0%})"
    )
    print(
        f"  reproduced unchanged but for the quote's wording: {totals['unchanged_but_quote']} "
        f"({totals['unchanged_but_quote'] / n:.0%})"
    )
    print("  column by column (share of hidden rows):")
    for column in COMPARED:
        print(f"    {column:10} {same[column] / n:6.0%}")
    print(
        f"  repairs the ledger names: {totals['repairs']}; suggested the same: {totals['repairs_same']} "
        f"({totals['repairs_same'] / max(totals['repairs'], 1):.0%}); a rule suggested where the ledger has none: "
        f"{extra_repairs}"
    )
    print(
        f"  hidden exclusion rows: {excluded}; drafted as exclusions: {excluded_found} ({excluded_found / max(excluded, 1):.0%})"
    )
    print(f"  drafted claim rows in all: {drafts_total} (the ledger has {n})")


if __name__ == "__main__":
    main()
