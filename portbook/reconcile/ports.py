"""The ports the book has chapters for, and each claim's place in a port's story.

data/ports.csv drives the chapters: adding a row adds a chapter. Each claim is
classified as a channel indicator (what passes through), an industrial one
(what is processed or made at the port), trade, or context, by the first
pattern of data/indicator_classes.csv that its metric matches.
"""

from __future__ import annotations

import re

import pandas as pd

from portbook import paths
from portbook.errors import BadLedger
from portbook.numbers.ledger import read_csv

PORTS = paths.DATA / "ports.csv"
LOCATIONS = paths.DATA / "port_locations.csv"
INDICATOR_CLASSES = paths.DATA / "indicator_classes.csv"
CLASS_ORDER = ["channel", "industrial", "trade", "context"]


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


def classify(metric: str, classes: pd.DataFrame | None = None) -> tuple[str, str]:
    """(class, reason) for a metric name.

    >>> classify("parcels_exported")[0], classify("investment_cny")[0], classify("trade_value_cny")[0]
    ('channel', 'industrial', 'trade')
    >>> classify("land_border_length_km")[0]
    'context'
    """
    classes = read_csv(INDICATOR_CLASSES) if classes is None else classes
    for row in classes.itertuples():
        if re.search(row.metric_pattern, metric):
            return row.indicator_class, row.reason
    raise BadLedger(
        f"{INDICATOR_CLASSES}: no pattern matches metric {metric!r}; end the table with a catch-all '.' row"
    )


def classified(claims: pd.DataFrame) -> pd.DataFrame:
    """The claims with each one's indicator class and its reason, from data/indicator_classes.csv."""
    classes = read_csv(INDICATOR_CLASSES)
    pairs = [classify(metric, classes) for metric in claims.metric]
    return claims.assign(indicator_class=[p[0] for p in pairs], class_reason=[p[1] for p in pairs])


def port_claims(claims: pd.DataFrame, port: str) -> pd.DataFrame:
    """The port's claims, classified, in time order."""
    mine = classified(claims[claims.port == port])
    return mine.sort_values(["period_start", "period_end", "claim_id"], ignore_index=True)
