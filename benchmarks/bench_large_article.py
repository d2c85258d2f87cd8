"""One very large article: clean, extract, account for and report on a generated article of about 5 MB.

Generates one article deterministically (random.Random(seed)), the way bench_extract.py generates many: the
real seeds' sentences recombined with synthetic numbers, page furniture mixed in. Then, in a fresh Python
process (so that its peak memory is this work's alone), times each step the article notebook and the numbers
stage do to it:
  clean     portbook.sources.cleaning.clean_text and the article's JSON (what clean_and_save writes)
  extract   portbook.numbers.coverage.article_mentions (every mention with its raw offsets) and its CSV
  account   portbook.numbers.coverage.account_for against the real ledger and exclusions (none fit: all unaccounted)
  report    portbook.numbers.coverage.unaccounted_summary, a summary of the unaccounted mentions
  gate      portbook.numbers.propose.draft_article with the gate's limit: what the build's coverage gate does to
            the article before it stops (every number accounted for or counted, the first 20 drafted)
  chapter   portbook.present.article_pages.article_html, the article's chapter (printed, not in the target)
Prints each step's seconds, the total of the first five, and the process's peak resident memory
(ru_maxrss, which counts the interpreter and pandas too). Target: under 30 s and 300 MB.
Usage: .venv/bin/python benchmarks/bench_large_article.py [--megabytes 5] [--seed 20240315]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time

from _common import ROOT, env_for


def generate(megabytes: float, seed: int) -> str:
    """An article of about `megabytes` MB of UTF-8: bench_extract's generated articles joined as one."""
    from bench_extract import generate as generate_articles

    articles, size, count = [], 0, 0
    while size < megabytes * 1e6:
        count += 50
        articles = generate_articles(count, seed)
        size = sum(len(a.encode("utf-8")) for a in articles)
    text, total = [], 0
    for article in articles:
        text.append(article)
        total += len(article.encode("utf-8"))
        if total >= megabytes * 1e6:
            break
    return "".join(text)


def child(megabytes: float, seed: int) -> None:
    """Run the steps in this process and print one JSON line of figures."""
    import pandas as pd

    from portbook.numbers import coverage
    from portbook.numbers.ledger import EXCLUSIONS, load_ledger
    from portbook.present import article_pages
    from portbook.sources.cleaning import clean_text
    from portbook.sources.seeds import decode_seed, load_metadata, read_seed_bytes

    raw = generate(megabytes, seed)
    ledger, located = load_ledger()
    seeds = load_metadata()
    exclusions = coverage.exclusion_spans(
        {a: decode_seed(read_seed_bytes(info), info.seed_file) for a, info in seeds.items()}, EXCLUSIONS
    )
    figures = {"megabytes": len(raw.encode("utf-8")) / 1e6, "lines": raw.count("\n")}
    started = time.perf_counter()
    article = clean_text(raw, "bench-large", "bench-large.txt")
    json.dumps(article.to_json(), ensure_ascii=False)
    figures["clean"] = time.perf_counter() - started

    started = time.perf_counter()
    mentions = coverage.article_mentions(article)
    mentions.to_csv(index=False, lineterminator="\n")
    figures["extract"] = time.perf_counter() - started
    figures["mentions"] = len(mentions)

    started = time.perf_counter()
    accounted = coverage.account_for(mentions, ledger, located, exclusions)
    figures["account"] = time.perf_counter() - started

    started = time.perf_counter()
    summary = coverage.unaccounted_summary(accounted)
    figures["report"] = time.perf_counter() - started
    figures["summary_lines"] = len(summary.splitlines())
    figures["unaccounted"] = int((accounted.status == "unaccounted").sum())

    started = time.perf_counter()
    from datetime import date

    from portbook.build.coverage_gate import LIMIT
    from portbook.numbers.ledger import load_entities
    from portbook.numbers.propose import draft_article

    entities = load_entities()
    proposal = draft_article(
        article,
        raw,
        date(2024, 3, 15),
        ledger,
        located,
        exclusions,
        entities.aliases,
        dict(entities.table.kind),
        most=LIMIT,
    )
    figures["gate"] = time.perf_counter() - started
    figures["gate_counted"] = len(proposal.claims) + len(proposal.exclusions) + proposal.undrafted
    started = time.perf_counter()
    article_pages.article_html(article)
    figures["chapter"] = time.perf_counter() - started
    figures["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    del pd
    print(json.dumps(figures))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=5.0)
    parser.add_argument("--seed", type=int, default=20240315)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child:
        child(arguments.megabytes, arguments.seed)
        return
    result = subprocess.run(
        [sys.executable, __file__, "--child", "--megabytes", str(arguments.megabytes), "--seed", str(arguments.seed)],
        capture_output=True,
        text=True,
        env=env_for(ROOT),
        cwd=ROOT,
    )
    if result.returncode != 0:
        sys.exit(result.stdout + result.stderr)
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    total = figures["clean"] + figures["extract"] + figures["account"] + figures["report"] + figures["gate"]
    print(
        f"one generated article (seed {arguments.seed}): {figures['megabytes']:.2f} MB, {figures['lines']:,} lines, "
        f"{figures['mentions']:,} mentions ({figures['unaccounted']:,} unaccounted; summary of "
        f"{figures['summary_lines']} lines)"
    )
    for step in ("clean", "extract", "account", "report", "gate", "chapter"):
        print(f"  {step:8s} {figures[step]:7.2f} s")
    print(
        f"the gate counted {figures['gate_counted']:,} unaccounted numbers\n"
        f"clean + extract + account + report + gate: {total:.2f} s "
        f"({'under' if total < 30 else 'OVER'} the 30 s target); peak resident memory of the process "
        f"{figures['peak_mb']:.0f} MB ({'under' if figures['peak_mb'] < 300 else 'OVER'} the 300 MB target)"
    )


if __name__ == "__main__":
    main()
