"""data/flagship.csv: the claims whose audits the book renders, and the pair the reconciliation chapter leads with.

Every row names a claim that gets a rendered audit page. The column ``pair`` names the flagship pair: ``whole``
for the figure over the longer period, ``other`` for the figure it is reconciled with (over a part of that period,
or a later period whose growth rate implies a part). The pair is named here, never inferred from the ledger, so
a new figure for the same entity and metric cannot change what the flagship compares.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from portbook import paths
from portbook.errors import BadFlagship
from portbook.ids import require_id, shown
from portbook.sources.tables import read_records

FLAGSHIP = paths.DATA / "flagship.csv"
COLUMNS = ("claim_id", "why", "pair")
ROLES = ("whole", "other")


@dataclass(frozen=True)
class FlagshipTable:
    """The claims with rendered audits, and the flagship pair (whole, other) by claim id."""

    claim_ids: tuple[str, ...]
    whole: str
    other: str


def load_flagship(path: Path = FLAGSHIP, known_claims=None) -> FlagshipTable:
    """Read data/flagship.csv; refuse a missing column, an unknown claim or a pair that is not one whole and one
    other, naming the file and line and what is accepted."""
    path = Path(path)
    if not path.is_file():
        raise BadFlagship(f"{path}: not found; it names the claims with rendered audits and the flagship pair")
    header, rows = read_records(path, BadFlagship)
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise BadFlagship(f"{path}: missing columns {missing}; the columns are {', '.join(COLUMNS)}")
    for line, row in rows:
        # the id names a check notebook and its page: refused before it becomes a path
        require_id(row["claim_id"], f"{path}:{line}: column 'claim_id'", "claim id")
    known = None if known_claims is None else set(known_claims)
    roles: dict[str, list[tuple[int, str]]] = {role: [] for role in ROLES}
    for line, row in rows:
        if known is not None and row["claim_id"] not in known:
            raise BadFlagship(
                f"{path}:{line}: claim {shown(row['claim_id'])} is not in data/claims.csv; name a claim id of the ledger"
            )
        role = row["pair"].strip()
        if role and role not in ROLES:
            raise BadFlagship(
                f"{path}:{line}: column 'pair' is {shown(role)}; accepted: 'whole', 'other' or empty (not in the pair)"
            )
        if role:
            roles[role].append((line, row["claim_id"]))
    for role in ROLES:
        if len(roles[role]) != 1:
            found = ", ".join(f"line {line} ({claim})" for line, claim in roles[role]) or "none"
            raise BadFlagship(
                f"{path}: column 'pair' must name exactly one '{role}' claim (found: {found}); "
                "'whole' is the figure over the longer period, 'other' the figure reconciled with it"
            )
    return FlagshipTable(tuple(row["claim_id"] for _, row in rows), roles["whole"][0][1], roles["other"][0][1])
