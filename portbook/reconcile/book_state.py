"""Everything one build computes from the curated inputs, loaded once: the book's state.

Seeds, entities, the ledger and its located quotes, the cleaned claims with their best readings, the plausibility
findings (every reading), the references and relations, each claim's decision (portbook.reconcile.evidence) and
every check of the best readings (portbook.reconcile.corroboration). The CLI builds one per call; a build computes
it once, and its notebooks read that copy (`current`); `data/processed/*` is what it publishes.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path

from portbook import atomic, paths
from portbook.numbers.bounds import load_bounds
from portbook.numbers.claim_values import clean_claims
from portbook.numbers.conversions import conversion_pairs
from portbook.numbers.ledger import load_entities, load_ledger
from portbook.reconcile.corroboration import all_checks
from portbook.reconcile.evidence import EvidenceContext, decide, narrowed, sentence_starts, with_best
from portbook.reconcile.plausibility import find_defects
from portbook.reconcile.references import load_references
from portbook.reconcile.relations import load_relations
from portbook.sources.seeds import decode_seed, load_metadata, read_seed_bytes

# Set by the pipeline for the kernels it starts: where this build's state, computed once, is kept.
SHARED_STATE = "PORTBOOK_STATE"


class BookState:
    """Everything a trail needs, loaded once (the CLI loads it per call, the book once per build)."""

    def __init__(self):
        self.seeds = load_metadata()
        self.entities = load_entities()
        self.ledger, self.located = load_ledger(entities=self.entities)
        self._raw: dict[str, str] = {}
        converts = conversion_pairs(self.ledger, self.located, {a: self.raw(a) for a in set(self.ledger.article_id)})
        cleaned = clean_claims(self.ledger, self.located, self.seeds, self.entities, converts=converts)
        self.bounds = load_bounds()
        self.findings = find_defects(cleaned, self.entities, self.bounds)
        self.references = load_references(self.ledger, self.entities)
        metrics = set(self.ledger.metric) | {r.metric for r in self.references}
        self.relations = load_relations(self.entities, metrics)
        context = EvidenceContext(
            cleaned, self.references, self.relations, self.bounds, self.entities, self.sentences()
        )
        self.decisions = decide(context)
        self.claims = with_best(cleaned, self.decisions)
        self.best_claims = narrowed(cleaned, self.decisions)
        self.checks = all_checks(self.best_claims, self.references, self.relations, self.bounds, self.entities)

    def __getstate__(self) -> dict:
        """What a pickle keeps: not the rows trails index by id, whose row types pandas makes on the fly."""
        return {k: v for k, v in self.__dict__.items() if k != "_rows_by_id"}

    def raw(self, article_id: str) -> str:
        """The decoded text of an article's seed, read once and kept for the next trail."""
        if article_id not in self._raw:
            info = self.seeds[article_id]
            self._raw[article_id] = decode_seed(read_seed_bytes(info), str(paths.SEEDS / info.seed_file))
        return self._raw[article_id]

    def sentences(self) -> dict[str, tuple[str, int]]:
        """Each claim's sentence, as (article id, where the sentence starts in the raw seed)."""
        found = {}
        for article_id in self.seeds:
            offsets = {c.claim_id: c.quote_start for c in self.located if c.article_id == article_id}
            if offsets:
                found |= {k: (article_id, v) for k, v in sentence_starts(self.raw(article_id), offsets).items()}
        return found


def current() -> BookState:
    """The book's state: the copy this build computed once, when a build's kernel asks and it is ready; else
    computed here. The copy is this build's own (in its staging folder, gone after the build), computed from the
    inputs the pipeline checks this run's fingerprint covers, so reading it is reading them."""
    shared = os.environ.get(SHARED_STATE)
    if shared and Path(shared).is_file():
        with open(shared, "rb") as stream:
            state = pickle.load(stream)
        if isinstance(state, BookState):
            return state
    return BookState()


def write_shared(path: str) -> None:
    """Compute the book's state and keep it at `path` for this build's kernels (written whole or not at all)."""
    state = BookState()
    for article_id in state.seeds:
        state.raw(article_id)  # every kernel reads some seeds: read them once, here
    atomic.write_bytes(Path(path), pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))
