"""The ports the book has chapters for, and each claim's place in a port's story.

data/ports.csv drives the chapters: adding a row adds a chapter. Each claim is
classified, by hand in data/claim_classes.csv, as a channel indicator (what
passes through), an industrial one (what is processed or made at the port),
trade, or context: a metric's name cannot tell a trade fair from a factory.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from portbook import paths
from portbook.errors import BadLedger
from portbook.numbers.ledger import read_csv

PORTS = paths.DATA / "ports.csv"
LOCATIONS = paths.DATA / "port_locations.csv"
CLAIM_CLASSES = paths.DATA / "claim_classes.csv"
CLASS_ORDER = ["channel", "industrial", "trade", "context"]
UNCLASSIFIED = "unclassified"


def load_ports() -> pd.DataFrame:
    """Read data/ports.csv, one row per port chapter, refusing duplicate or non-kebab-case port ids."""
    ports = read_csv(PORTS)
    duplicated = ports.port[ports.port.duplicated()].tolist()
    if duplicated:
        raise BadLedger(f"{PORTS}: ports appear twice: {duplicated}")
    for line, port in enumerate(ports.port, start=2):
        if not re.fullmatch(r"[a-z][a-z0-9-]*", port):
            raise BadLedger(f"{PORTS}:{line}: port id {port!r} must be lower-case kebab-case (it names a chapter file)")
    return ports


def load_locations() -> pd.DataFrame:
    """Read data/port_locations.csv with its coordinates as numbers, for the locator maps."""
    locations = read_csv(LOCATIONS)
    locations["latitude"] = locations.latitude.astype(float)
    locations["longitude"] = locations.longitude.astype(float)
    return locations


def load_claim_classes(path: Path = CLAIM_CLASSES) -> pd.DataFrame:
    """Read data/claim_classes.csv (one curated row per claim), refusing an unknown class or a claim twice."""
    classes = read_csv(path)
    for line, row in enumerate(classes.itertuples(), start=2):
        if row.indicator_class not in CLASS_ORDER:
            raise BadLedger(
                f"{path}:{line}: claim {row.claim_id!r}: class {row.indicator_class!r} is not one of {CLASS_ORDER}"
            )
    duplicated = classes.claim_id[classes.claim_id.duplicated()].tolist()
    if duplicated:
        raise BadLedger(f"{path}: claims classified twice: {duplicated}")
    return classes


def classified(claims: pd.DataFrame, classes: pd.DataFrame | None = None) -> pd.DataFrame:
    """The claims with each one's class and its reason, as curated in data/claim_classes.csv; a claim the table
    does not name yet is 'unclassified', never guessed."""
    classes = (load_claim_classes() if classes is None else classes).set_index("claim_id")
    known = claims.claim_id.isin(classes.index)
    return claims.assign(
        indicator_class=[
            classes.at[c, "indicator_class"] if k else UNCLASSIFIED for c, k in zip(claims.claim_id, known)
        ],
        class_reason=[
            classes.at[c, "reason"] if k else f"not yet classified in {CLAIM_CLASSES.name}"
            for c, k in zip(claims.claim_id, known)
        ],
    )


def port_claims(claims: pd.DataFrame, port: str) -> pd.DataFrame:
    """The port's claims, classified, in time order."""
    mine = classified(claims[claims.port == port])
    return mine.sort_values(["period_start", "period_end", "claim_id"], ignore_index=True)
