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
from portbook.ids import require_id, shown
from portbook.numbers.ledger import read_csv
from portbook.sources.tables import line_of

PORTS = paths.DATA / "ports.csv"
LOCATIONS = paths.DATA / "port_locations.csv"
INDICATOR_CLASSES = paths.DATA / "indicator_classes.csv"
CLASS_ORDER = ["channel", "industrial", "trade", "context"]


def load_ports() -> pd.DataFrame:
    """Read data/ports.csv, one row per port chapter, refusing duplicate ports and ids that break the id pattern."""
    ports = read_csv(PORTS)
    for index, port in ports.port.items():
        # the id names the chapter's notebook and its charts
        require_id(port, f"{PORTS}:{line_of(ports, index)}: column 'port'", "port id")
    duplicated = ports.port[ports.port.duplicated()].tolist()
    if duplicated:
        raise BadLedger(f"{PORTS}: ports appear twice: {duplicated}")
    return ports


def load_locations() -> pd.DataFrame:
    """Read data/port_locations.csv with its coordinates as numbers, for the locator maps; a coordinate that
    is not a number in range is refused with its line. A port may have no row: its map says so."""
    locations = read_csv(LOCATIONS)
    for column, limit in (("latitude", 90), ("longitude", 180)):
        values = []
        for index, text in locations[column].items():
            try:
                value = float(text)
            except ValueError:
                value = float("nan")
            if not -limit <= value <= limit:  # NaN fails too
                raise BadLedger(
                    f"{LOCATIONS}:{line_of(locations, index)}: column {column!r}: {shown(text)} is not a number "
                    f"from -{limit} to {limit}"
                )
            values.append(value)
        locations[column] = values
    return locations


def indicator_classes() -> list[tuple[re.Pattern[str], str, str]]:
    """data/indicator_classes.csv as (compiled pattern, class, reason), in order; a pattern that is not a
    regular expression or a class that is not one of CLASS_ORDER is refused with its line."""
    table = read_csv(INDICATOR_CLASSES)
    classes = []
    for index, row in table.iterrows():
        where = f"{INDICATOR_CLASSES}:{line_of(table, index)}"
        try:
            pattern = re.compile(row.metric_pattern)
        except re.error as error:
            raise BadLedger(
                f"{where}: column 'metric_pattern': {shown(row.metric_pattern)} is not a regular expression ({error})"
            ) from None
        if row.indicator_class not in CLASS_ORDER:
            raise BadLedger(
                f"{where}: column 'indicator_class': {shown(row.indicator_class)} is not one of {', '.join(CLASS_ORDER)}"
            )
        classes.append((pattern, row.indicator_class, row.reason))
    return classes


def classify(metric: str, classes: list[tuple[re.Pattern[str], str, str]] | None = None) -> tuple[str, str]:
    """(class, reason) for a metric name.

    >>> classify("parcels_exported")[0], classify("investment_cny")[0], classify("trade_value_cny")[0]
    ('channel', 'industrial', 'trade')
    >>> classify("land_border_length_km")[0]
    'context'
    """
    for pattern, indicator_class, reason in indicator_classes() if classes is None else classes:
        if pattern.search(metric):
            return indicator_class, reason
    raise BadLedger(
        f"{INDICATOR_CLASSES}: no pattern matches metric {metric!r}; end the table with a catch-all '.' row"
    )


def classified(claims: pd.DataFrame) -> pd.DataFrame:
    """The claims with each one's indicator class and its reason, from data/indicator_classes.csv."""
    classes = indicator_classes()
    pairs = [classify(metric, classes) for metric in claims.metric]
    return claims.assign(indicator_class=[p[0] for p in pairs], class_reason=[p[1] for p in pairs])


def port_claims(claims: pd.DataFrame, port: str) -> pd.DataFrame:
    """The port's claims, classified, in time order."""
    mine = classified(claims[claims.port == port])
    return mine.sort_values(["period_start", "period_end", "claim_id"], ignore_index=True)
