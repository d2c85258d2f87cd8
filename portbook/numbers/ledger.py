"""The claims ledger (data/claims.csv): read, validate, and find each quote in its seed.

The ledger is hand-curated and never written by the build. Every error names the
ledger file, the CSV line, the claim id and the column, so a curator can fix the
row; a quote that is not in its seed shows the nearest passage that is.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from portbook import paths
from portbook.errors import BadLedger, DuplicateClaim, QuoteNotFound, UnknownEntity
from portbook.ids import ID_PATTERN, MAX_LENGTH, is_id, require_id, shown
from portbook.numbers.qualifiers import QUALIFIERS
from portbook.numbers.repairs import REPAIRS
from portbook.sources.seeds import SeedInfo, decode_seed, load_metadata, read_seed_bytes
from portbook.sources.tables import line_of, read_table

# A quote shorter than this finds the figure but not what it says ("26 cities"): lint refuses it, propose never drafts one.
SHORTEST_QUOTE = 10

if TYPE_CHECKING:
    import pandera.pandas as pa

LEDGER = paths.DATA / "claims.csv"
ENTITIES = paths.DATA / "entities.csv"
ALIASES = paths.DATA / "aliases.csv"
EXCLUSIONS = paths.DATA / "exclusions.csv"

COLUMNS = (
    "claim_id",
    "article_id",
    "quote",
    "figure",
    "entity",
    "metric",
    "period",
    "qualifier",
    "unit",
    "repair",
    "note",
)
SNAKE = r"\A[a-z][a-z0-9]*(_[a-z0-9]+)*\Z"


def ledger_schema() -> pa.DataFrameSchema:
    """The schema every row of data/claims.csv must meet: ids, text columns, known qualifiers and repairs."""
    # pandera takes a tenth of a second to import, and a kernel that reads the build's state never validates
    import pandera.pandas as pa

    text = dict(dtype=str, nullable=False, checks=pa.Check.str_length(min_value=1))
    return pa.DataFrameSchema(
        {
            "claim_id": pa.Column(
                str, [pa.Check.str_matches(ID_PATTERN), pa.Check.str_length(max_value=MAX_LENGTH)], nullable=False
            ),
            "article_id": pa.Column(**text),
            "quote": pa.Column(**text),
            "figure": pa.Column(**text),
            "entity": pa.Column(**text),
            "metric": pa.Column(str, pa.Check.str_matches(SNAKE), nullable=False),
            "period": pa.Column(**text),
            "qualifier": pa.Column(str, pa.Check.isin(sorted(QUALIFIERS)), nullable=False),
            "unit": pa.Column(**text),
            "repair": pa.Column(str, pa.Check.isin(sorted(REPAIRS)), nullable=False),
            "note": pa.Column(str, nullable=True),
        },
        strict=True,
        ordered=True,
    )


def read_csv(path: Path) -> pd.DataFrame:
    """Read a curated CSV with every cell as text (an empty cell is '', 'NA' stays text), a byte-order mark
    stripped, and each row's line in the file kept for error messages (a quoted cell may hold a newline)."""
    return read_table(path, BadLedger)


def where(path: Path, frame: pd.DataFrame, index) -> str:
    """'file:line (claim id)' for a row: the line the row starts on in the file."""
    claim = frame.at[index, "claim_id"] if "claim_id" in frame.columns and index in frame.index else "?"
    return f"{path}:{line_of(frame, index) or '?'} (claim {claim if is_id(claim) else shown(claim)})"


def validate_schema(frame: pd.DataFrame, path: Path) -> None:
    """Check the ledger against its schema, raising BadLedger with every failing cell's file and line."""
    import pandera.pandas as pa

    try:
        ledger_schema().validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        lines = []
        for case in errors.failure_cases.itertuples():
            place = where(path, frame, case.index) if pd.notna(case.index) else str(path)
            lines.append(f"{place}: column {case.column!r} fails {case.check}: {case.failure_case!r}")
        raise BadLedger("\n".join(lines)) from None


@dataclass(frozen=True)
class Entities:
    """The entity table and its aliases, for checking and resolving the entities the ledger names."""

    table: pd.DataFrame  # indexed by entity_id
    aliases: dict[str, str]  # alias (lower case) -> entity_id

    def check(self, entity_id: str, place: str) -> None:
        """Refuse an entity id that is not in data/entities.csv, naming the nearest known ids."""
        if entity_id not in self.table.index:
            nearest = difflib.get_close_matches(entity_id[:MAX_LENGTH], self.table.index, n=3)
            raise UnknownEntity(f"{place}: entity {shown(entity_id)} is not in data/entities.csv; nearest: {nearest}")

    def resolve_alias(self, alias: str) -> str:
        """The entity id a name as written refers to (case ignored), or UnknownEntity naming the nearest."""
        try:
            return self.aliases[alias.lower()]
        except KeyError:
            nearest = difflib.get_close_matches(alias.lower()[:MAX_LENGTH], self.aliases, n=3)
            raise UnknownEntity(f"alias {shown(alias)} is not in data/aliases.csv; nearest: {nearest}") from None


def load_entities(entities_path: Path = ENTITIES, aliases_path: Path = ALIASES) -> Entities:
    """Read data/entities.csv and data/aliases.csv, refusing duplicate ids and unknown parents or targets."""
    table = read_csv(entities_path)
    for index, entity_id in table.entity_id.items():
        # entity ids name checks and charts (reconcile-<entity>-<metric>.svg)
        require_id(entity_id, f"{entities_path}:{line_of(table, index)}: column 'entity_id'", "entity id")
    duplicated = table.entity_id[table.entity_id.duplicated()].tolist()
    if duplicated:
        raise BadLedger(f"{entities_path}: entity ids appear twice: {duplicated}")
    table = table.set_index("entity_id", drop=False)
    for index, parent in table.parent.items():
        if parent and parent not in table.index:
            raise UnknownEntity(f"{entities_path}: entity {index!r} has unknown parent {parent!r}")
    aliases = read_csv(aliases_path)
    for line, row in enumerate(aliases.itertuples(), start=2):
        if row.entity_id not in table.index:
            raise UnknownEntity(
                f"{aliases_path}:{line}: alias {row.alias!r} points to unknown entity {row.entity_id!r}"
            )
    return Entities(table, {a.lower(): e for a, e in zip(aliases.alias, aliases.entity_id)})


def nearest_passage(quote: str, text: str) -> str:
    """The passage of `text` most like `quote`, for an error message."""
    width = len(quote)
    best, best_ratio = "", 0.0
    step = max(1, width // 4)
    for start in range(0, max(1, len(text) - width + 1), step):
        window = text[start : start + width]
        ratio = difflib.SequenceMatcher(None, quote, window, autojunk=False).ratio()
        if ratio > best_ratio:
            best, best_ratio = window, ratio
    return best


def locate_quote(quote: str, raw: str, place: str) -> int:
    """The character offset of the quote's only occurrence in the raw seed."""
    first = raw.find(quote)
    if first < 0:
        raise QuoteNotFound(
            f"{place}: quote not found verbatim in its seed: {quote!r}; nearest passage: {nearest_passage(quote, raw)!r}"
        )
    if raw.find(quote, first + 1) >= 0:
        raise QuoteNotFound(f"{place}: quote occurs more than once in its seed; lengthen it: {quote!r}")
    return first


def figure_pattern(figure: str) -> re.Pattern[str]:
    """The figure as a whole number in a text: not a piece of a longer number or word ('2' is not in '20',
    '2.5' or '12'; 'ten' is not in 'often').

    >>> bool(figure_pattern("2").search("more than 20 programs")), bool(figure_pattern("2").search("2 programs"))
    (False, True)
    >>> bool(figure_pattern("3.7 billion").search("was 13.7 billion")), bool(figure_pattern("ten").search("often"))
    (False, False)
    """
    before = r"(?<!\d)(?<!\d[.,])" if figure[:1].isdigit() else r"(?<![A-Za-z])" if figure[:1].isalpha() else ""
    after = r"(?!\d)(?![.,]\d)" if figure[-1:].isdigit() else r"(?![A-Za-z])" if figure[-1:].isalpha() else ""
    return re.compile(before + re.escape(figure) + after)


def locate_figure(figure: str, quote: str, place: str) -> int:
    """The offset of the figure in its quote, found once on number boundaries; BadLedger otherwise."""
    found = [m.start() for m in figure_pattern(figure).finditer(quote)]
    if not found:
        inside = " (only inside a longer number or word)" if figure in quote else ""
        raise BadLedger(f"{place}: column 'figure': {shown(figure)} is not in the quote{inside} {shown(quote, 200)}")
    if len(found) > 1:
        raise BadLedger(
            f"{place}: column 'figure': {shown(figure)} is {len(found)} times in the quote {shown(quote, 200)}; "
            f"shorten the quote so that the claimed figure is the only one"
        )
    return found[0]


@dataclass(frozen=True)
class LocatedClaim:
    """Where one claim's quote and figure sit in its raw seed, as character offsets."""

    claim_id: str
    article_id: str
    quote_start: int  # character offsets in the raw seed
    quote_end: int
    figure_start: int
    figure_end: int


def load_ledger(
    ledger_path: Path = LEDGER,
    *,
    seeds_dir: Path = paths.SEEDS,
    metadata_path: Path = paths.SEED_METADATA,
    entities: Entities | None = None,
) -> tuple[pd.DataFrame, list[LocatedClaim]]:
    """Read and validate the ledger; every quote located in its seed and every figure in its quote."""
    ledger_path = Path(ledger_path)
    frame = read_csv(ledger_path)
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise BadLedger(f"{ledger_path}: missing columns {missing}")
    duplicated = frame.claim_id[frame.claim_id.duplicated()]
    if len(duplicated):
        index = duplicated.index[0]
        first = frame.index[frame.claim_id == duplicated.iloc[0]][0]
        raise DuplicateClaim(
            f"{where(ledger_path, frame, index)}: claim id {shown(duplicated.iloc[0])} already used on line "
            f"{line_of(frame, first)}"
        )
    validate_schema(frame, ledger_path)
    entities = entities or load_entities()
    seeds: dict[str, SeedInfo] = load_metadata(metadata_path)
    raw_texts: dict[str, str] = {}
    located = []
    for index, row in frame.iterrows():
        place = where(ledger_path, frame, index)
        if row.article_id not in seeds:
            raise BadLedger(
                f"{place}: column 'article_id': unknown article {shown(row.article_id)}; known: {sorted(seeds)}"
            )
        entities.check(row.entity, place)
        if row.article_id not in raw_texts:
            info = seeds[row.article_id]
            raw_texts[row.article_id] = decode_seed(
                read_seed_bytes(info, seeds_dir), str(Path(seeds_dir) / info.seed_file)
            )
        start = locate_quote(row.quote, raw_texts[row.article_id], place)
        offset = locate_figure(row.figure, row.quote, place)
        located.append(
            LocatedClaim(
                row.claim_id,
                row.article_id,
                start,
                start + len(row.quote),
                start + offset,
                start + offset + len(row.figure),
            )
        )
    return frame, located
