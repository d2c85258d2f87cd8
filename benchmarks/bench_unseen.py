"""How close `propose` comes to what an editor kept, on real articles that are not in the book.

bench_propose.py measures the drafts against the book's own ledger, on the five articles the drafter was built
with. This measures them on articles added by editors in trials and then taken out again (benchmarks/unseen/<id>/:
the seed byte for byte, its seeds/metadata.csv row, and the claims.csv and exclusions.csv rows the editor kept
after correcting the drafts). For each, the project is copied to a temporary folder with the seed and its row
added and nothing else, as an editor starts; `propose` drafts; each kept row is compared with the draft for the
same number (the same figure at the same place in the seed). Prints, per article and in all:

- kept claim rows, drafted for the same number, and reproduced unchanged (every column but claim_id and note);
- column by column, the share of kept rows whose draft has the same value;
- kept exclusions drafted as exclusions.

An editor's row is a judgement, not the truth: a low figure says where the drafts and the editor part, to be read
row by row with --verbose.

Usage: .venv/bin/python benchmarks/bench_unseen.py [--verbose]
"""

from __future__ import annotations

import argparse
import csv
import shutil
import tempfile
import time
from pathlib import Path

from _common import ROOT, accounted_without_row

COMPARED = ("quote", "figure", "entity", "metric", "period", "qualifier", "unit", "repair")
UNSEEN = ROOT / "benchmarks" / "unseen"
# what a project needs for `propose` to read it; the book's outputs are not copied
COPIED = ("data", "seeds")


def project_with(article: Path, into: Path) -> str:
    """A copy of the project's curated inputs with one unseen article's seed and metadata row added; its id."""
    for name in COPIED:
        shutil.copytree(ROOT / name, into / name, ignore=shutil.ignore_patterns("interim", "processed"))
    row = (article / "metadata.csv").read_text(encoding="utf-8").strip()
    article_id, seed = row.split(",")[:2]
    # a trial's own checkout holds the article already: its rows go, so that the drafts start as an editor's do
    id_column = {"seeds/metadata.csv": 0, "data/claims.csv": 1, "data/exclusions.csv": 0}
    for name, column in id_column.items():
        table = into / name
        lines = table.read_text(encoding="utf-8").splitlines()
        kept = [line for line in lines if next(csv.reader([line]))[column : column + 1] != [article_id]]
        table.write_text("\n".join(kept) + "\n", encoding="utf-8")
    metadata = into / "seeds" / "metadata.csv"
    metadata.write_text(metadata.read_text(encoding="utf-8") + row + "\n", encoding="utf-8")
    shutil.copyfile(article / seed, into / "seeds" / seed)
    return article_id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print each kept row beside its draft")
    arguments = parser.parse_args()

    import pandas as pd

    from portbook.numbers.ledger import COLUMNS
    from portbook.numbers.lint import load_inputs
    from portbook.numbers.propose import draft_article

    started = time.perf_counter()
    totals = {"rows": 0, "drafted": 0, "unchanged": 0, "excluded": 0, "excluded_found": 0, "excluded_needless": 0}
    same = dict.fromkeys(COMPARED, 0)
    for article in sorted(p for p in UNSEEN.iterdir() if p.is_dir()):
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            article_id = project_with(article, root)
            inputs = load_inputs(root)
            raw = inputs.raw[article_id]
            proposal = draft_article(
                inputs.articles[article_id],
                raw,
                inputs.seeds[article_id].published,
                inputs.ledger,
                inputs.located,
                inputs.exclusions,
                inputs.entities.aliases,
                dict(inputs.entities.table.kind),
                parents=dict(inputs.entities.table.parent),
            )
            without_row = accounted_without_row(
                inputs.articles[article_id], inputs.ledger, inputs.located, inputs.exclusions, proposal
            )
        kept = pd.read_csv(article / "claims.csv", names=list(COLUMNS), dtype=str, keep_default_na=False)
        by_span = {(u.start, u.end): d for d in proposal.claims for u in [proposal.mentions[d.row["claim_id"]]]}
        rows, drafted, unchanged = len(kept), 0, 0
        for row in kept.itertuples():
            start = raw.find(row.quote) + row.quote.find(row.figure)
            draft = by_span.get((start, start + len(row.figure)))
            if draft is None:
                if arguments.verbose:
                    print(f"  MISSING {row.claim_id}: {row.figure!r}")
                continue
            drafted += 1
            equal = {c: getattr(row, c) == draft.row[c] for c in COMPARED}
            for column, ok in equal.items():
                same[column] += ok
            unchanged += all(equal.values())
            if arguments.verbose and not all(equal.values()):
                diffs = "; ".join(f"{c}: {getattr(row, c)!r} vs {draft.row[c]!r}" for c, ok in equal.items() if not ok)
                print(f"  {row.claim_id}: {diffs}")
        with open(article / "exclusions.csv", encoding="utf-8", newline="") as handle:
            exclusion_rows = [r for r in csv.reader(handle) if r]  # article_id, text, context, reason
        drafted_spans = {(e.mention.start, e.mention.end) for e in proposal.exclusions}

        def span(r: list[str]) -> tuple[int, int]:
            start = raw.find(r[2]) + r[2].find(r[1])
            return start, start + len(r[1])

        found = sum(span(r) in drafted_spans for r in exclusion_rows)
        needless = sum(span(r) in without_row for r in exclusion_rows)
        if arguments.verbose:
            for r in exclusion_rows:
                if span(r) not in drafted_spans | without_row:
                    print(f"  exclusion not drafted: {r[1]!r} in {r[2]!r} ({r[3][:60]})")
        print(
            f"{article_id}: {rows} kept claim rows, {drafted} drafted for the same number, {unchanged} unchanged; "
            f"{len(exclusion_rows)} kept exclusions, {found} drafted as exclusions, {needless} accounted for by the "
            "drafts without a row"
        )
        totals["rows"] += rows
        totals["drafted"] += drafted
        totals["unchanged"] += unchanged
        totals["excluded"] += len(exclusion_rows)
        totals["excluded_found"] += found
        totals["excluded_needless"] += needless
    n = max(totals["rows"], 1)
    print(f"in all ({time.perf_counter() - started:.1f} s):")
    print(
        f"  kept claim rows: {totals['rows']}; drafted for the same number: {totals['drafted']} ({totals['drafted'] / n:.0%})"
    )
    print(f"  reproduced unchanged: {totals['unchanged']} ({totals['unchanged'] / n:.0%})")
    print("  column by column (share of kept rows):")
    for column in COMPARED:
        print(f"    {column:10} {same[column] / n:6.0%}")
    print(
        f"  kept exclusions: {totals['excluded']}; drafted as exclusions: {totals['excluded_found']}; accounted for by "
        f"the drafts without a row (a drafted claim's period, a dateline, a page header's date): "
        f"{totals['excluded_needless']}"
    )


if __name__ == "__main__":
    main()
