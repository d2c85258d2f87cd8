"""Relations the entity table cannot hold (data/relations.csv): an entity inside several wholes, a metric inside
another, a running count that cannot fall.

data/entities.csv gives each entity one parent. A zone can be part of more than one whole (the Kashgar bonded
zone is inside Kashgar prefecture and one of Xinjiang's four bonded zones), trade with Belt and Road countries
is part of all trade, and a count of enterprises signed up to now can only grow. Each row says so, with its
basis; the checks that use them are in portbook.reconcile.arithmetic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from portbook import paths
from portbook.errors import BadRelation
from portbook.numbers.ledger import SNAKE, Entities, read_csv

RELATIONS = paths.DATA / "relations.csv"
COLUMNS = ("subject", "relation", "object", "basis")
KINDS = {
    "part_of": ("entity", "entity"),  # the subject entity is inside the object entity
    "subset_of": ("metric", "metric"),  # the subject metric counts part of what the object metric counts
    "cumulative": ("entity", "metric"),  # the entity's metric is a running total: it cannot fall
}


@dataclass(frozen=True)
class Relation:
    """One curated relation and the reason it holds."""

    subject: str
    relation: str
    object: str
    basis: str
    line: int


@dataclass(frozen=True)
class Relations:
    """Every curated relation, with the look-ups the checks need."""

    items: tuple[Relation, ...]

    def wholes(self, entity: str) -> list[str]:
        """The entities a part_of row puts this entity inside, in file order."""
        return [r.object for r in self.items if r.relation == "part_of" and r.subject == entity]

    def superset(self, metric: str) -> str | None:
        """The metric a subset_of row puts this metric inside, if any."""
        return next((r.object for r in self.items if r.relation == "subset_of" and r.subject == metric), None)

    def cumulative(self, entity: str, metric: str) -> Relation | None:
        """The row that makes an entity's metric a running total, if any."""
        return next(
            (r for r in self.items if r.relation == "cumulative" and (r.subject, r.object) == (entity, metric)), None
        )

    def basis(self, subject: str, relation: str, obj: str) -> str:
        """Why a relation holds, as its row says."""
        return next(r.basis for r in self.items if (r.subject, r.relation, r.object) == (subject, relation, obj))


def load_relations(entities: Entities, metrics: set[str], path: Path = RELATIONS) -> Relations:
    """Read data/relations.csv, refusing an unknown relation, entity or metric with the file, line and column.

    ``metrics`` are the metrics the claims and references use; a relation about any other is a typo.
    """
    path = Path(path)
    table = read_csv(path)
    missing = [c for c in COLUMNS if c not in table.columns]
    if missing:
        raise BadRelation(f"{path}: missing columns {missing}")
    items, seen = [], {}
    for line, row in enumerate(table.itertuples(index=False), start=2):
        if row.relation not in KINDS:
            raise BadRelation(f"{path}:{line}: column 'relation': {row.relation!r} is not one of {sorted(KINDS)}")
        for column, kind in zip(("subject", "object"), KINDS[row.relation]):
            value = getattr(row, column)
            if kind == "entity" and value not in entities.table.index:
                raise BadRelation(f"{path}:{line}: column {column!r}: {value!r} is not in data/entities.csv")
            if kind == "metric" and (not re.match(SNAKE, value) or value not in metrics):
                raise BadRelation(f"{path}:{line}: column {column!r}: no claim or reference uses the metric {value!r}")
        if not row.basis.strip():
            raise BadRelation(f"{path}:{line}: column 'basis': a relation needs its reason")
        key = (row.subject, row.relation, row.object)
        if key in seen:
            raise BadRelation(f"{path}:{line}: the same relation as line {seen[key]}")
        seen[key] = line
        items.append(Relation(row.subject, row.relation, row.object, row.basis, line))
    return Relations(tuple(items))
