"""Every path the project uses, computed once from the project root.

The root is the checkout this package lives in, unless PORTBOOK_ROOT names
another copy of the project: the pipeline sets it for the notebooks it runs,
so that a build of a copy (a test, a benchmark, a fork) reads that copy's
seeds and ledger, not the installed package's.
"""

import os
from pathlib import Path

ROOT = Path(os.environ.get("PORTBOOK_ROOT") or Path(__file__).resolve().parent.parent).resolve()
SEEDS = ROOT / "seeds"
SEED_METADATA = SEEDS / "metadata.csv"
DATA = ROOT / "data"
INTERIM = DATA / "interim"
PROCESSED = DATA / "processed"
ARTICLES_INTERIM = INTERIM / "articles"
NOTEBOOKS = ROOT / "notebooks"
BOOK = ROOT / "book"
BUILD = ROOT / "_build"
