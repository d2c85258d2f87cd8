"""Every path the project uses, computed once from the project root.

The root is the checkout this package lives in, unless PORTBOOK_ROOT names
another copy of the project: the pipeline sets it for the notebooks it runs,
so that a build of a copy (a test, a benchmark, a fork) reads that copy's
seeds and ledger, not the installed package's.

Derived files (data/interim, data/processed, the charts) live under DERIVED_ROOT:
the project root, except while the pipeline runs, when PORTBOOK_DERIVED names its
staging folder, moved into place only once every notebook has succeeded.
"""

import os
from pathlib import Path

ROOT = Path(os.environ.get("PORTBOOK_ROOT") or Path(__file__).resolve().parent.parent).resolve()
SEEDS = ROOT / "seeds"
SEED_METADATA = SEEDS / "metadata.csv"
DATA = ROOT / "data"
DERIVED_ROOT = Path(os.environ.get("PORTBOOK_DERIVED") or ROOT).resolve()
INTERIM = DERIVED_ROOT / "data" / "interim"
PROCESSED = DERIVED_ROOT / "data" / "processed"
ARTICLES_INTERIM = INTERIM / "articles"
NOTEBOOKS = ROOT / "notebooks"
BOOK = ROOT / "book"
BUILD = ROOT / "_build"
