"""Everything one build computes from the curated inputs, loaded once: the book's state.

Seeds, entities, the ledger and its located quotes, the cleaned claims with their best readings, the plausibility
findings (every reading), the references and relations, each claim's decision (portbook.reconcile.evidence) and
every check of the best readings (portbook.reconcile.corroboration). The CLI builds one per call, the book one per
notebook; `data/processed/*` is what it publishes.
"""

from __future__ import annotations

from portbook import paths
from portbook.numbers.claim_values import clean_claims
from portbook.numbers.conversions import conversion_pairs
from portbook.numbers.ledger import load_entities, load_ledger
from portbook.reconcile.corroboration import all_checks
from portbook.reconcile.evidence import EvidenceContext, decide, narrowed, sentence_starts, with_best
from portbook.reconcile.plausibility import find_defects, load_bounds
from portbook.reconcile.references import load_references
from portbook.reconcile.relations import load_relations
from portbook.sources.seeds import decode_seed, load_metadata, read_seed_bytes


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
