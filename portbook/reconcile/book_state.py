"""Everything one build computes from the curated inputs, loaded once: the book's state.

Seeds, entities, the ledger and its located quotes, the cleaned claims, the
plausibility findings and the reconciliation checks. The CLI builds one per
call, the book one per notebook; `data/processed/*` is what it publishes.
"""

from __future__ import annotations

from portbook import paths
from portbook.numbers.claim_values import clean_claims
from portbook.numbers.conversions import conversion_pairs
from portbook.numbers.ledger import load_entities, load_ledger
from portbook.reconcile.checks import run_checks
from portbook.reconcile.plausibility import find_defects
from portbook.sources.seeds import decode_seed, load_metadata, read_seed_bytes


class BookState:
    """Everything a trail needs, loaded once (the CLI loads it per call, the book once per build)."""

    def __init__(self):
        self.seeds = load_metadata()
        self.entities = load_entities()
        self.ledger, self.located = load_ledger(entities=self.entities)
        self._raw: dict[str, str] = {}
        converts = conversion_pairs(self.ledger, self.located, {a: self.raw(a) for a in set(self.ledger.article_id)})
        self.claims = clean_claims(self.ledger, self.located, self.seeds, self.entities, converts=converts)
        self.findings = find_defects(self.claims, self.entities)
        self.checks = run_checks(self.claims, self.entities)

    def raw(self, article_id: str) -> str:
        """The decoded text of an article's seed, read once and kept for the next trail."""
        if article_id not in self._raw:
            info = self.seeds[article_id]
            self._raw[article_id] = decode_seed(read_seed_bytes(info), str(paths.SEEDS / info.seed_file))
        return self._raw[article_id]
