"""How much of today's ledger `propose` reproduces, each article with its own ledger rows hidden.

For each of the book's articles, its rows of data/claims.csv and data/exclusions.csv are taken away, and so is
the vocabulary that exists only because of them (``own_vocabulary``): the entities only its claims name (places
excepted: countries, regions, prefectures, cities and ports are the book's gazetteer, there before any article),
and the aliases of data/aliases.csv that name such an entity or that are spelled in its seed and in no other
article's. The other articles' rows and the rest of the entities and aliases stay: an editor adding an article
has them. `propose` drafts rows for the article's numbers, and each hidden row is compared with the draft for
the same number (the same figure at the same place in the seed). Of the other curated tables the drafter reads only
data/bounds.csv, the book's plausibility bounds, which hold for any article (not data/metrics.csv: metric names come
from its conventions and the other articles' rows). Prints, over all
articles:

- rows reproduced unchanged: every column but claim_id and note equal (quote included), and without the quote;
  and, apart, the rows that differ only in a new entity's id where the drafted new entity is drafted for exactly
  the rows of the hidden entity (the same thing under a name the editor may change; not counted as unchanged);
- column by column, the share of hidden rows whose draft has the same value;
- repairs: of the hidden rows that name a repair rule, how many drafts name the same rule; and how many drafts
  name a rule where the ledger names none;
- exclusions: hidden exclusion rows with a drafted exclusion for the same number, and of the others how many the
  draft accounts for without a row (the period phrase of a drafted claim, a dateline, a line cleaning removed).

Usage: .venv/bin/python benchmarks/bench_propose.py [--verbose]
"""

from __future__ import annotations

import argparse
import re
import sys
import time

from _common import ROOT, accounted_without_row

COMPARED = ("quote", "figure", "entity", "metric", "period", "qualifier", "unit", "repair")
# Kinds of entity that are places: the book's gazetteer, not vocabulary coined for one article.
PLACES = {"country", "region", "prefecture", "city", "port"}


def own_vocabulary(
    article_id: str, ledger, table, aliases: dict[str, str], raw: dict[str, str]
) -> tuple[set[str], set[str]]:
    """(entity ids, lower-case aliases) that exist only because of one article's rows: hidden with them. ``table``
    is data/entities.csv indexed by id; an entity's own name there (less a bracketed gloss) is its definition, not
    a spelling taken from a seed."""
    mine = set(ledger.entity[ledger.article_id == article_id])
    elsewhere = set(ledger.entity[ledger.article_id != article_id])
    entities = {e for e in mine - elsewhere if table.kind.get(e) not in PLACES}
    names = {re.sub(r"\s*\(.*\)\s*$", "", n).lower() for n in table.name}

    def spelled_in(alias: str, text: str) -> bool:
        return re.search(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", text, re.I) is not None

    hidden = set()
    for alias, entity in aliases.items():
        if entity in entities:
            hidden.add(alias)
        elif (
            alias not in names
            and spelled_in(alias, raw[article_id])
            and not any(spelled_in(alias, text) for other, text in raw.items() if other != article_id)
        ):
            hidden.add(alias)
    return entities, hidden


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
    kinds = dict(inputs.entities.table.kind)
    hidden_entities, hidden_aliases = 0, 0
    totals = {"rows": 0, "unchanged": 0, "unchanged_but_quote": 0, "drafted": 0, "repairs": 0, "repairs_same": 0}
    same = dict.fromkeys(COMPARED, 0)
    extra_repairs, excluded, excluded_found, drafts_total, excluded_otherwise = 0, 0, 0, 0, 0
    renamed = 0  # rows unchanged but for a new entity's id, its rows being exactly the hidden entity's
    for article_id in sorted(inputs.articles):
        hidden = inputs.ledger[inputs.ledger.article_id == article_id]
        ledger = inputs.ledger[inputs.ledger.article_id != article_id].reset_index(drop=True)
        located = [c for c in inputs.located if c.article_id != article_id]
        exclusions = inputs.exclusions[inputs.exclusions.article_id != article_id]
        own_entities, own_aliases = own_vocabulary(
            article_id, inputs.ledger, inputs.entities.table, aliases, inputs.raw
        )
        hidden_entities += len(own_entities)
        hidden_aliases += len(own_aliases)
        proposal = draft_article(
            inputs.articles[article_id],
            inputs.raw[article_id],
            inputs.seeds[article_id].published,
            ledger,
            located,
            exclusions,
            {a: e for a, e in aliases.items() if a not in own_aliases},
            {e: k for e, k in kinds.items() if e not in own_entities},
            parents={e: p for e, p in inputs.entities.table.parent.items() if e not in own_entities},
        )
        drafts_total += len(proposal.claims)
        by_span = {(u.start, u.end): d for d in proposal.claims for u in [proposal.mentions[d.row["claim_id"]]]}
        spans = {c.claim_id: (c.figure_start, c.figure_end) for c in inputs.located}
        pairs = [
            (row.entity, by_span[spans[row.claim_id]].row["entity"])
            for row in hidden.itertuples()
            if spans[row.claim_id] in by_span
        ]
        # a drafted new entity stands for a hidden one when it is drafted for exactly that entity's rows: its id is
        # then a name the editor may keep or change, not a different reading of the text
        same_thing = {
            mine: new
            for mine in own_entities
            for news in [{d for e, d in pairs if e == mine}]
            if len(news) == 1
            for new in news
            if new in proposal.entities and {e for e, d in pairs if d == new} == {mine}
        }
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
            renamed += (
                not equal["entity"]
                and same_thing.get(row.entity) == draft.row["entity"]
                and all(v for c, v in equal.items() if c != "entity")
            )
            if row.repair != "none":
                totals["repairs_same"] += equal["repair"]
            elif draft.row["repair"] != "none":
                extra_repairs += 1
            if arguments.verbose and not all(equal.values()):
                diffs = "; ".join(f"{c}: {getattr(row, c)!r} vs {draft.row[c]!r}" for c, ok in equal.items() if not ok)
                print(f"{row.claim_id}: {diffs}")
        drafted_exclusions = {(e.mention.start, e.mention.end) for e in proposal.exclusions}
        without_row = accounted_without_row(inputs.articles[article_id], ledger, located, exclusions, proposal)
        for row in inputs.exclusions[inputs.exclusions.article_id == article_id].itertuples():
            excluded += 1
            start = row.context_start + row.context.index(row.text)
            excluded_found += (start, start + len(row.text)) in drafted_exclusions
            excluded_otherwise += (start, start + len(row.text)) in without_row
    seconds = time.perf_counter() - started
    n = totals["rows"]
    print(
        f"propose on the book's {len(inputs.articles)} articles, each with its own ledger rows hidden ({seconds:.1f} s)"
    )
    print(
        f"  hidden with them: {hidden_entities} entities only their claims name (places kept) and "
        f"{hidden_aliases} aliases of such entities or spelled only in their seed (names of entities.csv kept)"
    )
    print(f"  hidden ledger rows: {n}; drafted for the same number: {totals['drafted']} ({totals['drafted'] / n:.0%})")
    print(
        f"  reproduced unchanged (all of {', '.join(COMPARED)}): {totals['unchanged']} ({totals['unchanged'] / n:.0%})"
    )
    print(
        f"  reproduced unchanged but for the quote's wording: {totals['unchanged_but_quote']} "
        f"({totals['unchanged_but_quote'] / n:.0%})"
    )
    print(
        f"  and unchanged but for the id of a drafted new entity that stands for exactly the hidden one's rows: "
        f"{renamed} more"
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
        f"  hidden exclusion rows: {excluded}; drafted as exclusions: {excluded_found} ({excluded_found / max(excluded, 1):.0%}); "
        f"of the others, accounted for by the draft without a row (a drafted claim's period, a dateline, a removed "
        f"line): {excluded_otherwise}"
    )
    print(f"  drafted claim rows in all: {drafts_total} (the ledger has {n})")


if __name__ == "__main__":
    main()
