"""Extraction throughput: portbook.numbers.mentions.extract_mentions and portbook.sources.cleaning.clean_text.

Generates a few hundred articles deterministically (random.Random(seed)) by recombining sentences of the
real seeds with synthetic numbers: plain and grouped digits, decimals with scale words, garbled comma
groups ('31,5600'), lost digits ('<>', '16000,<>'), number words, percentages, N-fold, ranges and dates,
plus page furniture lines for the cleaner to remove. Prints articles/s, MB/s and mentions/s for each
function (median of --repeat timed passes) and the peak memory traced while processing every article one
after another, results discarded (tracemalloc, in a separate pass because tracing slows the code down).
Usage: .venv/bin/python benchmarks/bench_extract.py [--articles N] [--seed S] [--repeat R]
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import time
import tracemalloc

from _common import ROOT, median

from portbook.numbers.mentions import extract_mentions
from portbook.present.figures import MONTH_NAMES
from portbook.sources.cleaning import clean_text

NUMBER = re.compile(r"\d[\d,.]*\d|\d|<>")
MONTHS = MONTH_NAMES
WORDS = (
    "one",
    "two",
    "three",
    "five",
    "seven",
    "ten",
    "twelve",
    "twenty",
    "thirty-five",
    "one hundred",
    "two thousand",
    "a million",
    "tens of thousands",
    "half",
    "a third",
    "first",
    "second",
)
FURNITURE = (
    "Share",
    "PREV The previous story in this series",
    "Tags: port, trade",
    "Copyright 2023 Example News",
    "Registration Number: 0000-0000",
    "Back to top",
    "FOLLOW US",
    "Home / News / Xinjiang",
)


def seed_sentences() -> list[str]:
    """Sentences of the real seeds that hold a number, and some that do not."""
    sentences = []
    with open(ROOT / "seeds" / "metadata.csv", encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream):
            text = (ROOT / "seeds" / row["seed_file"]).read_text(encoding="utf-8")
            for line in text.splitlines():
                sentences += [s.strip() for s in re.split(r"(?<=[.!?])\s+", line) if len(s.strip()) > 30]
    return sentences


def synthetic_number(rng: random.Random) -> str:
    kind = rng.randrange(12)
    if kind == 0:
        return f"{rng.randrange(1, 10**7):,}"
    if kind == 1:
        return f"{rng.uniform(0.1, 999):.{rng.randrange(1, 3)}f} {rng.choice(['million', 'billion', 'thousand'])}"
    if kind == 2:  # a garbled comma group
        return f"{rng.randrange(1, 99)},{rng.randrange(1000, 9999)}"
    if kind == 3:  # digits lost in the scrape
        return rng.choice(["<>", f"{rng.randrange(1, 99999)},<>", f"<>.{rng.randrange(1, 9)}"])
    if kind == 4:
        return rng.choice(WORDS)
    if kind == 5:
        return f"{rng.uniform(0.1, 99):.1f}{rng.choice(['%', ' percent', ' per cent'])}"
    if kind == 6:
        return f"{rng.uniform(1.1, 9):.1f}-fold"
    if kind == 7:
        low = rng.randrange(1, 500)
        return f"{low} to {low + rng.randrange(1, 500)}"
    if kind == 8:
        return f"{rng.choice(MONTHS)} {rng.randrange(1, 29)}, {rng.randrange(2015, 2026)}"
    if kind == 9:
        return f"{rng.randrange(2015, 2026)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
    if kind == 10:
        return str(rng.randrange(2015, 2026))
    return str(rng.randrange(1, 1000))


def generate(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    pool = seed_sentences()
    articles = []
    for _ in range(count):
        lines = [rng.choice(FURNITURE) for _ in range(rng.randrange(1, 4))]
        lines.append(f"URUMQI, {rng.choice(MONTHS)} {rng.randrange(1, 29)} (Xinhua) -- " + rng.choice(pool))
        for _ in range(rng.randrange(8, 30)):
            sentences = [
                NUMBER.sub(lambda _: synthetic_number(rng), rng.choice(pool)) for _ in range(rng.randrange(1, 4))
            ]
            lines.append(" ".join(sentences))
            if rng.random() < 0.1:
                lines.append(rng.choice(FURNITURE))
        lines += [rng.choice(FURNITURE) for _ in range(rng.randrange(1, 4))]
        articles.append("\n".join(lines) + "\n")
    return articles


def timed_pass(function, texts) -> tuple[float, int]:
    started = time.perf_counter()
    produced = sum(function(text) for text in texts)
    return time.perf_counter() - started, produced


def peak_bytes(function, texts) -> int:
    tracemalloc.start()
    for text in texts:
        function(text)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--seed", type=int, default=20240315)
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()

    texts = generate(arguments.articles, arguments.seed)
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(
        f"{len(texts)} generated articles (seed {arguments.seed}), {megabytes:.2f} MB of UTF-8, "
        f"{sum(t.count(chr(10)) for t in texts)} lines"
    )

    def mentions(text: str) -> int:
        return len(extract_mentions(text))

    def cleaned(text: str) -> int:
        return len(clean_text(text, "bench", "bench.txt").blocks)

    for name, function, unit in (("extract_mentions", mentions, "mentions"), ("clean_text", cleaned, "blocks")):
        function(texts[0])  # warm up the compiled patterns
        passes = [timed_pass(function, texts) for _ in range(arguments.repeat)]
        seconds = median(p[0] for p in passes)
        produced = passes[0][1]
        peak = peak_bytes(function, texts)
        print(
            f"{name:17s} {seconds:6.3f} s per pass (median of {arguments.repeat}): "
            f"{len(texts) / seconds:8.1f} articles/s  {megabytes / seconds:6.3f} MB/s  "
            f"{produced / seconds:9.0f} {unit}/s ({produced} {unit})  peak memory {peak / 1e3:,.0f} kB"
        )


if __name__ == "__main__":
    main()
