"""`python -m portbook lint [article_id]`: every ledger problem once, every unaccounted number with a draft beside it.

Reads the curated inputs as far as they load (a row with a problem is reported and left out, the rest is used),
cleans the articles, extracts their numbers and accounts for each, all in this process: no kernel, no build. The
build runs the same lint before any notebook (portbook.build.coverage_gate) and stops on any problem or any
unaccounted number, so a book never publishes a number nobody read.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from portbook import paths
from portbook.errors import BadFlagship, PortbookError, UnknownArticle, UnknownUnit
from portbook.numbers.coverage import account_for, article_mentions, unused_exclusions
from portbook.numbers.flagship import load_flagship
from portbook.numbers.ledger import (
    COLUMNS,
    SHORTEST_QUOTE,
    Entities,
    LocatedClaim,
    ledger_schema,
    load_entities,
    locate_quote,
    read_csv,
)
from portbook.numbers.measure import DATE_UNIT, measure, measure_date
from portbook.numbers.mentions import extract_mentions
from portbook.numbers.metrics import convention_problems
from portbook.numbers.periods import ENDS_AFTER_PUBLICATION, resolve_period
from portbook.numbers.propose import ENTITY_COLUMNS, Proposal, draft_article, line_bounds
from portbook.numbers.qualifiers import QUALIFIERS, qualifier_before
from portbook.numbers.repairs import REPAIRS, apply_repair
from portbook.numbers.side_tables import (
    CLASS_COLUMNS,
    INDICATOR_CLASSES,
    LABEL_COLUMNS,
    NO_HEADLINE,
    NO_HEADLINE_MARK,
    draft_metadata,
    label_words,
    suggest_class,
)
from portbook.numbers.units import UNITS, printed_unit, unit_agrees, unit_disagreement
from portbook.sources.cleaning import CleanArticle, clean_text
from portbook.sources.seeds import METADATA_COLUMNS, SeedInfo, decode_seed, load_metadata, read_seed_bytes

# What each ledger column accepts, for the message beside a cell the schema refuses.
ACCEPTED = {
    "claim_id": "lower-case words and digits joined by '-', e.g. 'kashgar-cbz-trade-2021', unique",
    "article_id": "an article id of seeds/metadata.csv",
    "quote": "the words around the figure, verbatim from the seed, found there exactly once",
    "figure": "the number as printed inside the quote, e.g. '3.7 billion', '31,5600', '5.8-fold'",
    "entity": "an entity id of data/entities.csv",
    "metric": "snake_case with the unit's suffix (README, 'Metric names'), e.g. 'trade_value_cny'",
    "period": "a period phrase, e.g. 'last year', 'from 2015 to November 2023', or 'undated'",
    "qualifier": f"one of {', '.join(sorted(QUALIFIERS))}",
    "unit": "a base unit of portbook/numbers/units.py, e.g. yuan, usd, percent, km, m2, vehicles, trips",
    "repair": f"one of {', '.join(sorted(REPAIRS))} ('none' for a clean figure)",
    "note": "free text (needed when a repair rule is named: its evidence)",
}
BASE_UNITS = {base for base, _ in UNITS.values()} | {DATE_UNIT}
ENTITY_KINDS = ("port", "zone", "prefecture", "city", "region", "country", "company", "event", "other")
# Repair rules for a figure whose plain reading fails: naming one where the plain reading works hides a clean figure.
REPAIRS_OF_UNREADABLE = ("garbled_grouping", "lost_digits", "range", "n_fold_ambiguous")
# A port as the seeds spell it ('Khorgos Port'); each needs its alias, or the port pages miss the article.
# The capitalised words before 'Port': a headline in title case prints 'Alataw Pass Port', whose name is 'Alataw Pass'.
PORT_SPELLING = re.compile(r"\b((?:[A-Z][a-z]+ )*[A-Z][a-z]+) Port\b")
GENERIC_PORT_WORDS = {"Xinjiang", "Highway", "Railway", "Dry"}  # "Dry Port" is part of a zone's name
CLASSES = "data/claim_classes.csv"
LABELS = "data/metrics.csv"


@dataclass(frozen=True)
class Problem:
    """One problem in a curated table: where (file, line, claim id, column), the named error, and what to do."""

    path: str
    line: int | None
    claim_id: str
    column: str
    error: str
    message: str
    # a drafted row that would fix it: the table, the row as CSV, and what in it a person must decide
    draft: tuple[str, str, tuple[str, ...]] | None = None

    def __str__(self) -> str:
        if not self.path:  # the message names its own place ('seeds/900_x.txt: line 3: not UTF-8 ...')
            return f"{self.error}: {self.message}"
        place = f"{self.path}:{self.line}" if self.line else self.path
        if self.claim_id:
            place += f" (claim {self.claim_id})"
        if self.column:
            place += f" column {self.column!r}"
        return f"{place}: {self.error}: {self.message}"


def csv_row(columns, row: dict) -> str:
    """One row as a line of CSV, quoted as the curated tables quote, ready to paste."""
    out = io.StringIO()
    csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n", extrasaction="ignore").writerow(row)
    return out.getvalue().rstrip("\n")


def csv_lines(path: Path) -> list[int]:
    """The line each data row of a CSV file starts on (the header is line 1), quoted newlines counted."""
    starts = []
    with open(path, encoding="utf-8", newline="") as stream:
        reader = csv.reader(stream)
        next(reader, None)
        previous = reader.line_num
        for _ in reader:
            starts.append(previous + 1)
            previous = reader.line_num
    return starts


@dataclass
class Inputs:
    """The curated inputs as far as they load, and every problem found on the way."""

    root: Path
    seeds: dict[str, SeedInfo] = field(default_factory=dict)
    raw: dict[str, str] = field(default_factory=dict)
    articles: dict[str, CleanArticle] = field(default_factory=dict)
    entities: Entities | None = None
    ledger: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(COLUMNS)))
    located: list[LocatedClaim] = field(default_factory=list)
    exclusions: pd.DataFrame = field(default_factory=pd.DataFrame)
    problems: list[Problem] = field(default_factory=list)
    claims: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(COLUMNS)))  # every row, as read
    classes: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(CLASS_COLUMNS)))
    labels: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(LABEL_COLUMNS)))
    _mentions: dict[str, pd.DataFrame] = field(default_factory=dict)
    _spans: dict[str, set[tuple[int, int]]] = field(default_factory=dict)

    def mentions(self, article_id: str) -> pd.DataFrame:
        """The numeric mentions of one cleaned article, extracted once."""
        if article_id not in self._mentions:
            self._mentions[article_id] = article_mentions(self.articles[article_id])
        return self._mentions[article_id]

    def raw_spans(self, article_id: str) -> set[tuple[int, int]]:
        """Where the extractor finds a number in the raw seed, read whole (as the ledger's tests read it)."""
        if article_id not in self._spans:
            self._spans[article_id] = {(m.start, m.end) for m in extract_mentions(self.raw[article_id])}
        return self._spans[article_id]

    def add(self, path: Path | None, line, claim_id: str, column: str, error: str, message: str, draft=None) -> None:
        """Record a problem once (the same problem found twice is one problem); no path when the message names
        its own place; `draft` is (table, CSV row) of a drafted row that would fix it."""
        problem = Problem(self.rel(path) if path is not None else "", line, claim_id, column, error, message, draft)
        if problem not in self.problems:
            self.problems.append(problem)

    def rel(self, path: Path) -> str:
        """A path as the editor sees it: relative to the project root."""
        try:
            return str(Path(path).relative_to(self.root))
        except ValueError:
            return str(path)


def _strip_place(message: str) -> str:
    """An error message without the 'file:line (claim x): ' the Problem already gives."""
    head, sep, rest = message.partition(": ")
    return rest if sep and ("/" in head or ".csv" in head) else message


def load_inputs(root: Path = paths.ROOT) -> Inputs:
    """Load seeds, entities, the ledger and the exclusions of a project, collecting problems instead of stopping."""
    root = Path(root).resolve()
    found = Inputs(root)
    seeds_dir, metadata = root / "seeds", root / "seeds" / "metadata.csv"
    unlisted: list[str] = []
    try:
        found.seeds = load_metadata(metadata, unlisted)
    except PortbookError as error:
        # the error names its own file and line (the row of metadata.csv that is wrong): keep them
        found.add(None, None, "", "", type(error).__name__, str(error))
        return found
    _metadata(found, metadata, unlisted)
    for article_id, info in sorted(found.seeds.items()):
        try:
            found.raw[article_id] = decode_seed(read_seed_bytes(info, seeds_dir), f"seeds/{info.seed_file}")
            found.articles[article_id] = clean_text(
                found.raw[article_id], article_id, f"seeds/{info.seed_file}", info.headline
            )
        except (PortbookError, ValueError) as error:
            message = str(error).replace(str(root) + "/", "")
            found.add(None, None, "", "", type(error).__name__, f"{message} (article {article_id})")
    data = root / "data"
    try:
        found.entities = load_entities(data / "entities.csv", data / "aliases.csv")
    except PortbookError as error:
        found.add(data / "entities.csv", None, "", "", type(error).__name__, _strip_place(str(error)))
    _ledger(found, data / "claims.csv")
    _exclusions(found, data / "exclusions.csv")
    _flagship(found, data / "flagship.csv")
    _classes(found, data / "claim_classes.csv")
    _labels(found, data / "metrics.csv")
    _entity_rows(found, data / "entities.csv", data / "aliases.csv", data / "ports.csv")
    _port_spellings(found, data / "aliases.csv")
    return found


def _entity_rows(found: Inputs, path: Path, aliases_path: Path, ports_path: Path) -> None:
    """What load_entities lets through and the tests of the tables do not: an unknown kind or port, a cycle of
    parents, a spelling listed twice."""
    if found.entities is None:
        return
    table = found.entities.table
    ports = set(read_csv(ports_path).port) if ports_path.is_file() else set()
    lines = dict(zip(table.entity_id, csv_lines(path)))
    for entity_id, row in table.iterrows():
        where = (path, lines.get(entity_id), "")
        if row.kind not in ENTITY_KINDS:
            found.add(*where, "kind", "BadLedger", f"{row.kind!r} ({entity_id}); accepted: {', '.join(ENTITY_KINDS)}")
        if row.port and row.port not in ports:
            found.add(
                *where,
                "port",
                "BadLedger",
                f"{row.port!r} ({entity_id}) is no port of data/ports.csv; or leave it empty",
            )
        seen, parent = {entity_id}, row.parent
        while parent and parent in table.index:
            if parent in seen:
                found.add(*where, "parent", "BadLedger", f"{entity_id}: its parents run in a circle through {parent}")
                break
            seen.add(parent)
            parent = table.at[parent, "parent"]
    listed: set[str] = set()
    for alias, line in zip(read_csv(aliases_path).alias, csv_lines(aliases_path)):
        if alias in listed:
            found.add(aliases_path, line, "", "alias", "BadLedger", f"{alias!r} is listed already; keep one row")
        listed.add(alias)


def _metadata(found: Inputs, path: Path, unlisted: list[str]) -> None:
    """A seed without its row gets a drafted row; a row without its date evidence is a problem."""
    for name in unlisted:
        draft = draft_metadata(path.parent / name, sorted(p.name for p in path.parent.iterdir()))
        rename = f"rename it first (mv seeds/{name} seeds/{draft.rename}), then " if draft.rename else ""
        found.add(
            path,
            None,
            "",
            "",
            "BadSeed",
            f"seeds/{name} has no row; {rename}paste the drafted row below the last row of seeds/metadata.csv, "
            "checking each cell against the page",
            ("seeds/metadata.csv", csv_row(METADATA_COLUMNS, draft.row), tuple(draft.decisions)),
        )
    lines = csv_lines(path)
    for index, info in enumerate(found.seeds.values()):
        where = (path, lines[index] if index < len(lines) else None, "")
        if not 2000 < info.published.year < 2030:
            found.add(*where, "published", "BadSeed", f"{info.published} is not a date this book's articles can have")
        if len(info.date_evidence.strip()) <= 20:
            found.add(
                *where,
                "date_evidence",
                "BadSeed",
                f"{info.date_evidence!r} is too short: say where the date comes from (the dateline, the page header, "
                "a date the text prints) in a sentence",
            )
        if not info.date_disagreement.strip():
            found.add(*where, "date_disagreement", "BadSeed", "is empty: say what disagrees, or 'None found.'")
        if info.headline.strip().startswith(NO_HEADLINE_MARK):
            found.add(
                *where,
                "headline",
                "BadSeed",
                f"{info.headline!r} gives no title: write a descriptive one before the bracket, from the page's title "
                f"or address ('Trade booms at two Kyrgyz border ports {NO_HEADLINE.rstrip(')')}; descriptive title)'): "
                "it is the article's chapter title",
            )
        for column in ("outlet", "headline"):
            if not getattr(info, column).strip():
                found.add(
                    *where,
                    column,
                    "BadSeed",
                    "is empty: copy it as the page prints it"
                    + (
                        "; for a page whose text prints none, a descriptive title of yours, then "
                        f"'{NO_HEADLINE.rstrip(')')}; descriptive title)'"
                        if column == "headline"
                        else ""
                    ),
                )


def _ledger(found: Inputs, path: Path) -> None:
    # pandera takes a tenth of a second to import, and a kernel that reads the build's state never validates
    import pandera.pandas as pa

    frame = read_csv(path)
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        found.add(path, 1, "", "", "BadLedger", f"missing columns {missing}; the columns are {', '.join(COLUMNS)}")
        return
    found.claims = frame
    lines = csv_lines(path)
    line_of = lambda index: lines[index] if index < len(lines) else None
    try:
        ledger_schema().validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        for case in errors.failure_cases.itertuples():
            if pd.isna(case.index):
                found.add(path, None, "", str(case.column), "BadLedger", f"fails {case.check}")
                continue
            index = int(case.index)
            found.add(
                path,
                line_of(index),
                frame.at[index, "claim_id"],
                str(case.column),
                "BadLedger",
                f"{case.failure_case!r} is not accepted; accepted: {ACCEPTED.get(str(case.column), 'see README')}",
            )
    first_line: dict[str, int] = {}
    located: list[int] = []
    for index, row in frame.iterrows():
        where = (path, line_of(index), row.claim_id)
        if row.claim_id in first_line:
            found.add(*where, "claim_id", "DuplicateClaim", f"already used on line {first_line[row.claim_id]}")
            continue
        first_line[row.claim_id] = line_of(index)
        span = _check_row(found, row, where)
        # a row with a problem in one of its values still claims its figure: that number is not unaccounted too
        if span is not None:
            found.located.append(span)
            located.append(index)
    found.ledger = frame.loc[located].reset_index(drop=True)


def _check_row(found: Inputs, row, where) -> LocatedClaim | None:
    """Every problem of one ledger row; its located quote and figure when they are found."""
    if row.article_id not in found.seeds:
        found.add(
            *where, "article_id", "UnknownArticle", f"{row.article_id!r}; known: {', '.join(sorted(found.seeds))}"
        )
        return None
    if found.entities is not None:
        try:
            found.entities.check(row.entity, "")
        except PortbookError as error:
            found.add(
                *where,
                "entity",
                type(error).__name__,
                _strip_place(str(error)).lstrip(": ")
                + "; add it to data/entities.csv (and its spellings to data/aliases.csv)",
            )
    if len(row.quote) < SHORTEST_QUOTE:
        found.add(
            *where,
            "quote",
            "BadLedger",
            f"{row.quote!r} is too short: at least {SHORTEST_QUOTE} characters, the figure with words around it",
        )
    raw = found.raw.get(row.article_id)
    if raw is None:
        return None
    try:
        start = locate_quote(row.quote, raw, "")
    except PortbookError as error:
        found.add(*where, "quote", type(error).__name__, _strip_place(str(error)).lstrip(": "))
        return None
    offset = row.quote.find(row.figure)
    if not row.figure or offset < 0:
        found.add(*where, "figure", "BadLedger", f"{row.figure!r} is not in the quote {row.quote!r}")
        return None
    if row.quote.count(row.figure) > 1:
        found.add(
            *where,
            "figure",
            "BadLedger",
            f"{row.figure!r} is {row.quote.count(row.figure)} times in the quote (inside longer numbers too) "
            f"{row.quote!r}; shorten the quote so that the claimed figure is in it once",
        )
    span = LocatedClaim(
        row.claim_id, row.article_id, start, start + len(row.quote), start + offset, start + offset + len(row.figure)
    )
    if row.article_id in found.articles:
        mentions = found.mentions(row.article_id)
        exact = (mentions.raw_char_start == span.figure_start) & (mentions.raw_char_end == span.figure_end)
        whole = (span.figure_start, span.figure_end) in found.raw_spans(row.article_id)
        if not (exact.any() and whole):
            near = mentions[(mentions.raw_char_start < span.figure_end) & (mentions.raw_char_end > span.figure_start)]
            reads = ", ".join(repr(t) for t in near.text) or "no number there"
            found.add(
                *where,
                "figure",
                "BadLedger",
                f"{row.figure!r} is not one number as the extractor reads it (it reads {reads}); "
                "the figure is one whole number as printed, e.g. '3.7 billion', '12 to 15', '5.8-fold'",
            )
    try:
        if row.unit == DATE_UNIT:
            # a dated event's figure is a day, read against the publication date, never repaired
            value = measure_date(row.figure, found.seeds[row.article_id].published, row.repair)
        else:
            value = measure(row.figure, row.repair, row.qualifier, printed_unit(row.quote, row.figure))
    except UnknownUnit as error:
        found.add(*where, "unit", "UnknownUnit", f"{error}; add the unit to portbook/numbers/units.py UNITS")
        value = None
    except (PortbookError, ValueError) as error:
        column = "repair" if row.repair in REPAIRS else "figure"
        found.add(*where, column, type(error).__name__, str(error))
        value = None
    if value is not None and not unit_agrees(row.unit, value.unit):
        found.add(*where, "unit", "BadLedger", unit_disagreement(row.unit, value.unit))
    elif row.unit and row.unit not in BASE_UNITS:
        found.add(
            *where,
            "unit",
            "UnknownUnit",
            f"{row.unit!r} is not a base unit; accepted: {', '.join(sorted(BASE_UNITS))} "
            "; if none fits, write 'units' and say in the note what is counted (a new unit is a code change: UNITS in "
            "portbook/numbers/units.py)",
        )
    if row.repair != "none" and row.repair in REPAIRS and not row.note.strip():
        found.add(*where, "note", "BadLedger", f"the repair rule {row.repair!r} needs its evidence in the note")
    if row.repair in REPAIRS_OF_UNREADABLE and _reads_plainly(row.figure):
        found.add(
            *where,
            "repair",
            "BadLedger",
            f"{row.figure!r} reads plainly, so {row.repair!r} (a rule for a figure whose plain reading fails) would "
            "hide a clean figure; use 'none', or another rule whose note argues for it",
        )
    said = qualifier_before(row.quote[:offset])
    if said != "exact" and said != row.qualifier:
        found.add(
            *where, "qualifier", "BadLedger", f"the words before the figure say {said!r}, the row {row.qualifier!r}"
        )
    for problem in convention_problems(row.metric, row.unit):
        found.add(*where, "metric", "BadLedger", problem)
    published = found.seeds[row.article_id].published
    try:
        period = resolve_period(row.period, published)
    except PortbookError as error:
        found.add(*where, "period", type(error).__name__, str(error))
    else:
        if period.end is not None and period.end > published:
            found.add(
                *where,
                "period",
                "BadPeriod",
                f"{row.period!r} ends on {period.end}, after the article's publication on {published} "
                f"(seeds/metadata.csv): a report cannot count a period not yet over. Use the phrase the text gives "
                f"for what was counted so far ('this year', 'as of May 26'), or, for a headline rounding a figure "
                f"the body gives, exclude it in data/exclusions.csv as a restatement",
            )
    return span


def _reads_plainly(figure: str) -> bool:
    try:
        apply_repair("none", figure)
    except (PortbookError, ValueError):
        return False
    return True


def _exclusions(found: Inputs, path: Path) -> None:
    frame = read_csv(path)
    lines = csv_lines(path)
    keep, starts = [], []
    claimed = {(c.article_id, c.figure_start, c.figure_end): c.claim_id for c in found.located}
    for index, row in frame.iterrows():
        line = lines[index] if index < len(lines) else None
        raw = found.raw.get(row.article_id)
        if row.article_id not in found.seeds:
            found.add(
                path,
                line,
                "",
                "article_id",
                "UnknownArticle",
                f"{row.article_id!r}; known: {', '.join(sorted(found.seeds))}",
            )
            continue
        if raw is None:
            continue
        start = raw.find(row.context)
        if start < 0:
            found.add(
                path,
                line,
                "",
                "context",
                "BadLedger",
                f"not found verbatim in the seed of {row.article_id}: {row.context!r}",
            )
            continue
        if raw.find(row.context, start + 1) >= 0:
            found.add(
                path,
                line,
                "",
                "context",
                "BadLedger",
                f"occurs more than once in {row.article_id}; lengthen it: {row.context!r}",
            )
            continue
        if row.text not in row.context:
            found.add(path, line, "", "text", "BadLedger", f"{row.text!r} is not in its context {row.context!r}")
            continue
        if row.context.count(row.text) > 1:
            found.add(
                path,
                line,
                "",
                "text",
                "BadLedger",
                f"{row.text!r} is {row.context.count(row.text)} times in its context {row.context!r}; shorten the "
                "context so that the excluded number is in it once",
            )
            continue
        if len(row.reason.strip()) <= 5:
            found.add(path, line, "", "reason", "BadLedger", f"{row.reason!r}: say in words why it is not a claim")
        figure = start + row.context.index(row.text)
        if (row.article_id, figure, figure + len(row.text)) in claimed:
            found.add(
                path,
                line,
                "",
                "text",
                "BadLedger",
                f"{row.text!r} in {row.context!r} is the figure of the claim {claimed[(row.article_id, figure, figure + len(row.text))]}: "
                "a number is claimed or excluded, not both; remove one row",
            )
        elif row.article_id in found.articles and (figure, figure + len(row.text)) not in found.raw_spans(
            row.article_id
        ):
            found.add(
                path,
                line,
                "",
                "text",
                "BadLedger",
                f"{row.text!r} in {row.context!r} is not one number as the extractor reads it; make the text the "
                "whole number as printed",
            )
        keep.append(index)
        starts.append(start)
    table = frame.loc[keep].copy()
    table["context_start"] = starts
    table["context_end"] = table.context_start + table.context.str.len()
    table["line"] = [lines[i] for i in keep]
    found.exclusions = table


def _flagship(found: Inputs, path: Path) -> None:
    try:
        table = load_flagship(path, known_claims=read_csv(found.root / "data" / "claims.csv").claim_id)
    except BadFlagship as error:
        found.add(path, None, "", "", "BadFlagship", _strip_place(str(error)))
        return
    rows = found.ledger.set_index("claim_id")
    if table.whole in rows.index and table.other in rows.index:
        whole, other = rows.loc[table.whole], rows.loc[table.other]
        if (whole.entity, whole.metric) != (other.entity, other.metric):
            found.add(
                path,
                None,
                "",
                "pair",
                "BadFlagship",
                f"the pair {table.whole} and {table.other} must be one entity and one metric "
                f"({whole.entity}/{whole.metric} vs {other.entity}/{other.metric})",
            )


def _side_table(found: Inputs, path: Path, columns) -> pd.DataFrame | None:
    """A side table as read, or None with its problem recorded: missing, or without its columns."""
    if not path.is_file():
        found.add(path, None, "", "", "BadLedger", f"missing; its columns are {', '.join(columns)}")
        return None
    table = read_csv(path)
    if [c for c in columns if c not in table.columns]:
        found.add(path, 1, "", "", "BadLedger", f"its columns are {', '.join(columns)}")
        return None
    return table


def _classes(found: Inputs, path: Path) -> None:
    """Every claim has one row of data/claim_classes.csv with a known class, and every row a claim."""
    table = _side_table(found, path, CLASS_COLUMNS)
    if table is None:
        return
    found.classes = table
    lines = csv_lines(path)
    claims = set(found.claims.claim_id)
    seen: dict[str, int] = {}
    for index, row in table.iterrows():
        line = lines[index] if index < len(lines) else None
        if row.claim_id in seen:
            found.add(
                path,
                line,
                row.claim_id,
                "claim_id",
                "BadLedger",
                f"classified already on line {seen[row.claim_id]}; keep one row",
            )
            continue
        seen[row.claim_id] = line
        if row.indicator_class not in INDICATOR_CLASSES:
            found.add(
                path,
                line,
                row.claim_id,
                "indicator_class",
                "BadLedger",
                f"{row.indicator_class!r} is not accepted; accepted: one of {', '.join(INDICATOR_CLASSES)}",
            )
        if not row.reason.strip():
            found.add(path, line, row.claim_id, "reason", "BadLedger", "is empty: say why the claim has that class")
        if row.claim_id not in claims:
            found.add(
                path,
                line,
                row.claim_id,
                "claim_id",
                "BadLedger",
                "no claim of data/claims.csv has this id: remove the row, or correct the id",
            )
    claim_lines = csv_lines(found.root / "data" / "claims.csv")
    for index, row in found.claims.iterrows():
        if row.claim_id in seen or not row.claim_id:
            continue
        draft = suggest_class(row.claim_id, row.metric, row.unit, found.claims, table)
        found.add(
            found.root / "data" / "claims.csv",
            claim_lines[index] if index < len(claim_lines) else None,
            row.claim_id,
            "claim_id",
            "BadLedger",
            f"has no row in {CLASSES} (its port page would show it 'unclassified'); accepted classes: "
            f"{', '.join(INDICATOR_CLASSES)}",
            (
                CLASSES,
                csv_row(CLASS_COLUMNS, draft.row),
                (f"class: {draft.indicator_class}, suggested by {draft.why}",),
            ),
        )


def _labels(found: Inputs, path: Path) -> None:
    """Every metric of the ledger has its words for readers in data/metrics.csv, once."""
    table = _side_table(found, path, LABEL_COLUMNS)
    if table is None:
        return
    found.labels = table
    lines = csv_lines(path)
    seen: set[str] = set()
    for index, row in table.iterrows():
        line = lines[index] if index < len(lines) else None
        if row.metric in seen:
            found.add(path, line, "", "metric", "BadLedger", f"{row.metric!r} has words already; keep one row")
        seen.add(row.metric)
        if not row.label.strip():
            found.add(path, line, "", "label", "BadLedger", f"{row.metric!r}: give its words for readers")
    claim_lines = csv_lines(found.root / "data" / "claims.csv")
    for index, row in found.claims.drop_duplicates("metric").iterrows():
        if row.metric in seen or not row.metric:
            continue
        found.add(
            found.root / "data" / "claims.csv",
            claim_lines[index] if index < len(claim_lines) else None,
            row.claim_id,
            "metric",
            "BadLedger",
            f"{row.metric!r} is new: give it its words for readers in {LABELS} (without them a page shows the name "
            "with its underscores as spaces)",
            (
                LABELS,
                csv_row(LABEL_COLUMNS, {"metric": row.metric, "label": label_words(row.metric)}),
                ("label: drafted from the metric's name; reword it as a reader would say it",),
            ),
        )


def title_case(line: str) -> bool:
    """Whether a line capitalises (nearly) every word, as a headline does: its capitals say nothing about names.

    >>> title_case("Pak-China Border Port In Xinjiang To Operate Year-round"), title_case("Khorgos Port is busy")
    (True, False)
    """
    words = re.findall(r"[A-Za-z][\w'-]*", line)
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _port_spellings(found: Inputs, path: Path) -> None:
    """Every 'X Port' a seed prints has an alias, so that the port's pages find the article's claims: named at the
    seed's line that prints it first, with the alias row drafted, or, when no entity is there to name, its entity
    row first."""
    if found.entities is None:
        return
    aliases = set(found.entities.aliases)
    for article_id, raw in sorted(found.raw.items()):
        # a known name that runs on after 'Port' ('Urumqi International Land Port Area') is that name, printed
        printed = [a for a in aliases if " port " in f" {a} " and a in raw.lower()]
        seed = found.seeds.get(article_id)
        where = found.root / "seeds" / seed.seed_file if seed is not None else path
        for run in sorted(
            {m[1] for m in PORT_SPELLING.finditer(raw) if not title_case(raw[slice(*line_bounds(raw, m.start()))])}
        ):
            words = run.split()
            # the name is the longest run of its last words that is known, with or without 'Port'
            tails = [" ".join(words[i:]) for i in range(len(words))]
            if any(t.lower() in aliases or f"{t} Port".lower() in aliases for t in tails):
                continue
            if any(a.startswith(f"{t} port ".lower()) for t in tails for a in printed):
                continue
            word = words[-1]
            if word in GENERIC_PORT_WORDS:
                continue
            line = raw.count("\n", 0, raw.index(f"{word} Port")) + 1 if seed is not None else None
            guess = f"{word.lower()}-port"
            alias_row = csv_row(("alias", "entity_id"), {"alias": f"{word} Port", "entity_id": guess})
            if guess in found.entities.table.index:
                message = f"{word + ' Port'!r} has no alias in data/aliases.csv; add it with the entity it names"
                draft = ("data/aliases.csv", alias_row, ())
            else:
                message = (
                    f"{word + ' Port'!r} names no entity: add it to data/entities.csv (drafted), then its alias "
                    f"to data/aliases.csv ({alias_row}), or alias it to the entity it is"
                )
                entity_row = csv_row(
                    ENTITY_COLUMNS,
                    {"entity_id": guess, "name": f"{word} Port", "kind": "port", "parent": "", "port": ""},
                )
                draft = (
                    "data/entities.csv",
                    entity_row,
                    (
                        "parent: the place it is in (a country's id for a port abroad: "
                        f"{', '.join(sorted(found.entities.table.index[found.entities.table.kind == 'country'])[:4])} ...)",
                        "port: the book's port page it belongs to (data/ports.csv), or empty for a port abroad",
                    ),
                )
            # the seed's line that prints it: a line of text, no column
            found.add(where, line, "", "", "UnknownEntity", f"{message} (article {article_id})", draft)


# ---------------------------------------------------------------------------
# The report
# ---------------------------------------------------------------------------


@dataclass
class LintReport:
    """What lint found: problems in the curated tables, and per article the drafts for its unaccounted numbers."""

    problems: list[Problem]
    proposals: dict[str, Proposal]
    notices: list[str] = field(default_factory=list)  # lines the build does not stop for

    @property
    def unaccounted(self) -> int:
        """How many numbers nothing accounts for."""
        return sum(len(p.claims) + len(p.exclusions) + p.undrafted for p in self.proposals.values())

    @property
    def ok(self) -> bool:
        """True when there is no problem and no unaccounted number."""
        return not self.problems and not self.unaccounted

    def text(self, limit: int | None = None) -> str:
        """The report for a terminal: each problem once, each unaccounted number with its drafted row beside it."""
        lines = [
            f"portbook lint: {len(self.problems)} ledger problem(s), {self.unaccounted} unaccounted number(s)"
            + (
                f" in {sum(1 for p in self.proposals.values() if p.claims or p.exclusions)} article(s)"
                if self.unaccounted
                else ""
            )
        ]
        if self.problems:
            lines += ["", "Problems in the curated tables (each once):"]
            for problem in self.problems[:limit]:
                lines.append(f"  {problem}")
                if problem.draft:
                    table, row, decisions = problem.draft
                    lines.append(f"    draft for {table}: {row}")
                    lines += [f"    decide: {d}" for d in decisions]
            if limit is not None and len(self.problems) > limit:
                lines.append(f"  ... and {len(self.problems) - limit} more (python -m portbook lint shows all)")
        if self.unaccounted:
            lines += ["", "Unaccounted numbers, each with a drafted row (check it, then paste it):"]
            shown = 0
            for article_id, proposal in sorted(self.proposals.items()):
                items = []  # (the number, [(table, drafted row, decisions), ...])
                classes = {c.claim_id: c for c in proposal.classes}
                labels_shown: set[str] = set()
                for draft in proposal.claims:
                    claim_id, metric = draft.row["claim_id"], draft.row["metric"]
                    row = Proposal(article_id, claims=[draft]).claims_csv(header=False).strip()
                    drafts = [("data/claims.csv", row, draft.decisions)]
                    if claim_id in classes:
                        drafted = classes[claim_id]
                        why = f"class: {drafted.indicator_class}, suggested by {drafted.why}"
                        drafts.append((CLASSES, csv_row(CLASS_COLUMNS, drafted.row), [why]))
                    if metric in proposal.labels and metric not in labels_shown:
                        labels_shown.add(metric)
                        label = csv_row(LABEL_COLUMNS, {"metric": metric, "label": proposal.labels[metric]})
                        drafts.append((LABELS, label, ["label: drafted from the metric's name; reword it"]))
                    items.append((proposal.mentions[claim_id], drafts))
                for exclusion in proposal.exclusions:
                    row = Proposal(article_id, exclusions=[exclusion]).exclusions_csv(header=False).strip()
                    items.append((exclusion.mention, [("data/exclusions.csv", row, [])]))
                for mention, drafts in sorted(items, key=lambda i: i[0].start):
                    if limit is not None and shown >= limit:
                        break
                    shown += 1
                    lines.append(f"  {article_id} line {mention.line}: {mention.text!r} ({mention.kind})")
                    for table, row, decisions in drafts:
                        lines.append(f"    draft for {table}: {row}")
                        lines += [f"    decide: {d}" for d in decisions]
            if limit is not None and self.unaccounted > limit:
                lines.append(f"  ... and {self.unaccounted - limit} more (python -m portbook lint shows all)")
        if not self.ok:
            lines += [
                "",
                "To fix: correct each problem where it names it; for the numbers, `python -m portbook propose "
                "<article_id>` prints every draft of an article with what needs a decision (--write keeps them in "
                "review/<article_id>/); paste the rows you agree with into data/claims.csv, data/exclusions.csv, "
                "data/aliases.csv, data/claim_classes.csv and data/metrics.csv, then run `python -m portbook lint` "
                "again.",
            ]
        return "\n".join(lines + self.notices) + "\n"


def lint(article_id: str | None = None, root: Path = paths.ROOT, most: int | None = None) -> LintReport:
    """Lint a project (or one article of it): every problem of its curated tables once, and a draft for each number
    that nothing accounts for (for at most ``most`` numbers an article, when given; the rest are counted)."""
    inputs = load_inputs(root)
    if article_id is not None and article_id not in inputs.seeds and inputs.seeds:
        raise UnknownArticle(f"unknown article {article_id!r}; known: {', '.join(sorted(inputs.seeds))}")
    problems = inputs.problems
    if article_id is not None:
        ids = set(inputs.ledger.claim_id) | {
            c for c in read_csv(Path(root) / "data" / "claims.csv").query("article_id == @article_id").claim_id
        }
        problems = [p for p in problems if not p.claim_id or p.claim_id in ids]
    proposals = {}
    exclusions = inputs.exclusions
    for aid in sorted(inputs.articles):
        if article_id is not None and aid != article_id:
            continue
        proposals[aid] = propose_for(inputs, aid, exclusions, most)
    # an exclusion that matches no number hides nothing: stale, or a typo
    if article_id is None and not exclusions.empty:
        for row in _unused_exclusions(inputs).itertuples():
            problems.append(
                Problem(
                    "data/exclusions.csv",
                    row.line,
                    "",
                    "text",
                    "BadLedger",
                    f"{row.text!r} in {row.context!r} matches no number of {row.article_id}: stale or mistyped; "
                    "remove the row or make its text one number as the extractor reads it",
                )
            )
    return LintReport(problems, proposals)


def propose_for(
    inputs: Inputs, article_id: str, exclusions: pd.DataFrame | None = None, most: int | None = None
) -> Proposal:
    """The drafts for one article of loaded inputs."""
    aliases = inputs.entities.aliases if inputs.entities is not None else {}
    kinds = dict(inputs.entities.table.kind) if inputs.entities is not None else {}
    proposal = draft_article(
        inputs.articles[article_id],
        inputs.raw[article_id],
        inputs.seeds[article_id].published,
        inputs.ledger,
        inputs.located,
        inputs.exclusions if exclusions is None else exclusions,
        aliases,
        kinds,
        most,
        ports=dict(inputs.entities.table.port) if inputs.entities is not None else None,
        parents=dict(inputs.entities.table.parent) if inputs.entities is not None else None,
    )
    if inputs.entities is not None:
        names = inputs.entities.table.name
        proposal.known_as = {e: names[e] for e in proposal.aliases.values() if e in names.index}
    side_drafts(inputs, proposal)
    return proposal


def side_drafts(inputs: Inputs, proposal: Proposal) -> None:
    """Add to a proposal what its drafted claims need beside the ledger (a class each, words for each new metric),
    and a decision for a drafted period that ends after the article was published (lint would refuse it)."""
    rows = [d.row for d in proposal.claims]
    ledger = pd.concat([inputs.claims, pd.DataFrame(rows, columns=list(COLUMNS))], ignore_index=True)
    labelled = set(inputs.labels.metric)
    published = inputs.seeds[proposal.article_id].published
    for draft in proposal.claims:
        row = draft.row
        proposal.classes.append(suggest_class(row["claim_id"], row["metric"], row["unit"], ledger, inputs.classes))
        if row["metric"] not in labelled:
            proposal.labels.setdefault(row["metric"], label_words(row["metric"]))
        try:
            period = resolve_period(row["period"], published)
        except PortbookError:
            continue
        if ENDS_AFTER_PUBLICATION in period.flags:
            draft.decisions.append(
                f"period: {row['period']!r} ends on {period.end}, after publication ({published}): lint refuses it; a "
                "headline that rounds a figure of the body is a restatement (exclude it), else use the phrase the "
                "text gives for what was counted so far"
            )


def _unused_exclusions(inputs: Inputs) -> pd.DataFrame:
    frames = [inputs.mentions(article_id) for article_id in inputs.articles]
    if not frames:
        return inputs.exclusions
    accounted = account_for(pd.concat(frames, ignore_index=True), inputs.ledger, inputs.located, inputs.exclusions)
    return unused_exclusions(accounted, inputs.exclusions)
