"""The ports the book has chapters for, and each claim's place in a port's story.

data/ports.csv drives the chapters: adding a row adds a chapter. Each claim is
classified, by hand in data/claim_classes.csv, as a channel indicator (what
passes through), an industrial one (what is processed or made at the port),
trade, or context: a metric's name cannot tell a trade fair from a factory.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from portbook import paths
from portbook.errors import BadLedger
from portbook.ids import require_id, shown
from portbook.numbers.ledger import read_csv
from portbook.numbers.side_tables import INDICATOR_CLASSES
from portbook.sources.tables import line_of

PORTS = paths.DATA / "ports.csv"
LOCATIONS = paths.DATA / "port_locations.csv"
CLAIM_CLASSES = paths.DATA / "claim_classes.csv"
CLASS_ORDER = list(INDICATOR_CLASSES)  # one list for the pages and for lint
# what a place on the maps is (data/port_locations.csv, column 'kind'): a crossing on Xinjiang's border, which names
# the country it leads to, or an inland place (a city's dry port or bonded zone), which names none; the maps mark
# the two differently
PLACE_KINDS = ("crossing", "inland")
LOCATION_COLUMNS = ("port", "place", "kind", "latitude", "longitude", "label_side", "neighbour", "source")
UNCLASSIFIED = "unclassified"


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
    is not a number in range, a kind that is not one of ``PLACE_KINDS``, and a crossing without the country it
    leads to (or an inland place with one) are refused with their line. A port may have no row: its map says so."""
    locations = read_csv(LOCATIONS)
    missing = [c for c in LOCATION_COLUMNS if c not in locations.columns]
    if missing:
        raise BadLedger(f"{LOCATIONS}: missing columns {missing}; the columns are {', '.join(LOCATION_COLUMNS)}")
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
    for index, row in locations.iterrows():
        where = f"{LOCATIONS}:{line_of(locations, index)}: place {shown(row.place)}"
        if row.kind not in PLACE_KINDS:
            raise BadLedger(f"{where}: column 'kind': {shown(row.kind)} is not one of {', '.join(PLACE_KINDS)}")
        if (row.kind == "crossing") != bool(row.neighbour.strip()):
            wanted = "the country it leads to" if row.kind == "crossing" else "no country"
            raise BadLedger(
                f"{where}: column 'neighbour': {shown(row.neighbour)}, but a place of kind {row.kind!r} names {wanted}"
            )
    return locations


def load_claim_classes(path: Path = CLAIM_CLASSES) -> pd.DataFrame:
    """Read data/claim_classes.csv (one curated row per claim), refusing an unknown class or a claim twice."""
    classes = read_csv(path)
    for index, row in classes.iterrows():
        if row.indicator_class not in CLASS_ORDER:
            raise BadLedger(
                f"{path}:{line_of(classes, index)}: claim {shown(row.claim_id)}: column 'indicator_class': "
                f"{shown(row.indicator_class)} is not one of {', '.join(CLASS_ORDER)}"
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


def counted_once(claims: pd.DataFrame) -> pd.DataFrame:
    """The claims without those that convert another claim (a yuan sum given again in dollars): every count of
    figures in the book counts that sum once, so the front page and a chapter never disagree on how many."""
    converts = claims.converts.fillna("") if "converts" in claims else pd.Series("", index=claims.index)
    return claims[converts.eq("")]


@dataclass(frozen=True)
class FigureCount:
    """How many figures some claims give, a conversion counted once with the figure it converts; ``again`` is how
    many claims give a figure again in another currency, ``units`` the currencies they give it in. Every count of
    figures in the book is one of these, so a page that shows claims too can say how the two numbers meet."""

    figures: int
    again: int = 0
    units: tuple[str, ...] = ()

    @property
    def claims(self) -> int:
        """Every claim counted: the figures and their conversions."""
        return self.figures + self.again


def figure_count(claims: pd.DataFrame) -> FigureCount:
    """How many figures these claims give (``counted_once``), and how many of the claims are conversions.

    >>> claims = pd.DataFrame({"claim_id": ["cny", "usd", "trucks"], "unit": ["yuan", "usd", "trucks"],
    ...                        "converts": ["", "cny", ""]})
    >>> figure_count(claims)
    FigureCount(figures=2, again=1, units=('usd',))
    """
    once = counted_once(claims)
    again = claims.drop(index=once.index)
    units = tuple(sorted(set(again.unit))) if "unit" in again else ()
    return FigureCount(len(once), len(again), units)


def class_figure_counts(claims: pd.DataFrame) -> dict[str, FigureCount]:
    """``figure_count`` for each class of ``CLASS_ORDER`` (classified claims), in that order, and for claims not yet
    classified when there are any."""
    order = [*CLASS_ORDER, *([UNCLASSIFIED] if claims.indicator_class.eq(UNCLASSIFIED).any() else [])]
    return {k: figure_count(claims[claims.indicator_class == k]) for k in order}


def port_claims(claims: pd.DataFrame, port: str) -> pd.DataFrame:
    """The port's claims, classified, in time order."""
    mine = classified(claims[claims.port == port])
    return mine.sort_values(["period_start", "period_end", "claim_id"], ignore_index=True)
