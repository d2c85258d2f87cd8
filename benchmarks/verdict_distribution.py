"""Print how the book's claims are judged: the verdict of every claim and the confidence of its reading, counted.

Computed from the curated inputs alone (no build needed), by the package of the tree it runs on:

    .venv/bin/python benchmarks/verdict_distribution.py                  # this checkout
    .venv/bin/python benchmarks/verdict_distribution.py --commit da8f1d7 # the tree of an earlier commit

``--commit`` exports that commit's tree with ``git archive`` into a temporary folder and runs this script there
(``PYTHONPATH`` and ``PORTBOOK_ROOT`` pointing at the export), so the figures are the ones its own code computes.
Trees from before issue 13 have no confidence per claim: there, the confidence the "Cleaning the numbers" chapter
gave its defects is counted, and the other claims are counted as "none given".
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Verdicts that say the claim was not tested against anything (before and after issue 13's scale).
UNTESTED = {"cannot_check", "not contradicted", "unverifiable"}


def _old_confidences(state) -> dict[str, str]:
    """The confidence the defects table gave before claims had one of their own."""
    from types import SimpleNamespace

    from portbook.reconcile import processed

    audit = SimpleNamespace(claims=state.claims, findings=state.findings)
    return dict(zip(*(processed.defects(audit)[c] for c in ("claim_id", "confidence"))))


def figures() -> None:
    """Count the verdicts and confidences of the tree on sys.path, and print them."""
    from portbook.present.claimreview import all_trails
    from portbook.reconcile.book_state import BookState

    state = BookState()
    trails = all_trails(state)
    total = len(trails)
    verdicts = Counter(t.verdict for t in trails)
    if hasattr(trails[0], "confidence"):
        confidences = Counter(t.confidence for t in trails)
    else:
        old = _old_confidences(state)
        confidences = Counter(old.get(t.claim_id, "none given") for t in trails)
    print(f"claims: {total}")
    print("verdicts:")
    for verdict, n in verdicts.most_common():
        print(f"  {verdict:<22} {n:>3}  {n / total:6.1%}")
    untested = sum(n for v, n in verdicts.items() if v in UNTESTED)
    print(f"  untested or cannot be checked: {untested} of {total} ({untested / total:.1%})")
    print("confidence of the reading:")
    for level, n in confidences.most_common():
        print(f"  {level:<22} {n:>3}  {n / total:6.1%}")


def main() -> None:
    """Run on this checkout, or on an export of an earlier commit's tree."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commit", help="count the tree of this commit instead of the checkout")
    args = parser.parse_args()
    if not args.commit:
        # PORTBOOK_ROOT: the export a --commit run made; the package is imported from there, not from here.
        sys.path.insert(0, os.environ.get("PORTBOOK_ROOT") or str(ROOT))
        figures()
        return
    with tempfile.TemporaryDirectory(prefix="portbook-verdicts-") as tmp:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.commit], capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", tmp], input=archive.stdout, check=True)
        env = {**os.environ, "PYTHONPATH": tmp, "PORTBOOK_ROOT": tmp}
        print(f"tree of commit {args.commit}:")
        sys.stdout.flush()
        subprocess.run([sys.executable, __file__], env=env, check=True, cwd=tmp)


if __name__ == "__main__":
    main()
