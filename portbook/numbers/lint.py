"""`python -m portbook lint [article_id]`: every ledger problem once, every unaccounted number with a draft beside it.

Reads the curated inputs as far as they load (a row with a problem is reported and left out, the rest is used),
cleans the articles, extracts their numbers and accounts for each, all in this process: no kernel, no build. The
build runs the same lint before any notebook (portbook.build.coverage_gate) and stops on any problem or any
unaccounted number, so a book never publishes a number nobody read.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from portbook import paths
from portbook.errors import BadFlagship, PortbookError, UnknownArticle, UnknownUnit
from portbook.numbers.coverage import account_for, article_mentions, unused_exclusions
from portbook.numbers.flagship import load_flagship
from portbook.numbers.ledger import (
    COLUMNS,
    Entities,
    LocatedClaim,
    ledger_schema,
    load_entities,
    locate_quote,
    read_csv,
)
from portbook.numbers.measure import DATE_UNIT, measure, measure_date
from portbook.numbers.metrics import convention_problems
from portbook.numbers.periods import resolve_period
from portbook.numbers.propose import Proposal, draft_article
from portbook.numbers.qualifiers import QUALIFIERS, qualifier_before
from portbook.numbers.repairs import REPAIRS
from portbook.numbers.units import printed_unit
from portbook.sources.cleaning import CleanArticle, clean_text
from portbook.sources.seeds import SeedInfo, decode_seed, load_metadata, read_seed_bytes

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
    "unit": "the base unit, e.g. yuan, usd, percent, km, m2, vehicles",
    "repair": f"one of {', '.join(sorted(REPAIRS))} ('none' for a clean figure)",
    "note": "free text (needed when a repair rule is named: its evidence)",
}


@dataclass(frozen=True)
class Problem:
    """One problem in a curated table: where (file, line, claim id, column), the named error, and what to do."""

    path: str
    line: int | None
    claim_id: str
    column: str
    error: str
    message: str

    def __str__(self) -> str:
        if not self.path:  # the message names its own place ('seeds/900_x.txt: line 3: not UTF-8 ...')
            return f"{self.error}: {self.message}"
        place = f"{self.path}:{self.line}" if self.line else self.path
        if self.claim_id:
            place += f" (claim {self.claim_id})"
        if self.column:
            place += f" column {self.column!r}"
        return f"{place}: {self.error}: {self.message}"


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
    _mentions: dict[str, pd.DataFrame] = field(default_factory=dict)

    def mentions(self, article_id: str) -> pd.DataFrame:
        """The numeric mentions of one cleaned article, extracted once."""
        if article_id not in self._mentions:
            self._mentions[article_id] = article_mentions(self.articles[article_id])
        return self._mentions[article_id]

    def add(self, path: Path | None, line, claim_id: str, column: str, error: str, message: str) -> None:
        """Record a problem once (the same problem found twice is one problem); no path when the message names
        its own place."""
        problem = Problem(self.rel(path) if path is not None else "", line, claim_id, column, error, message)
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
    try:
        found.seeds = load_metadata(metadata)
    except PortbookError as error:
        # the error names its own file and line (the row of metadata.csv that is wrong): keep them
        found.add(None, None, "", "", type(error).__name__, str(error))
        return found
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
    return found


def _ledger(found: Inputs, path: Path) -> None:
    # pandera takes a tenth of a second to import, and a kernel that reads the build's state never validates
    import pandera.pandas as pa

    frame = read_csv(path)
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        found.add(path, 1, "", "", "BadLedger", f"missing columns {missing}; the columns are {', '.join(COLUMNS)}")
        return
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
    span = LocatedClaim(
        row.claim_id, row.article_id, start, start + len(row.quote), start + offset, start + offset + len(row.figure)
    )
    if row.article_id in found.articles:
        mentions = found.mentions(row.article_id)
        exact = (mentions.raw_char_start == span.figure_start) & (mentions.raw_char_end == span.figure_end)
        if not exact.any():
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
    if value is not None and value.unit and value.unit != row.unit:
        found.add(*where, "unit", "BadLedger", f"says {row.unit!r} but the figure reads as {value.unit!r}")
    if row.repair != "none" and row.repair in REPAIRS and not row.note.strip():
        found.add(*where, "note", "BadLedger", f"the repair rule {row.repair!r} needs its evidence in the note")
    said = qualifier_before(row.quote[:offset])
    if said != "exact" and said != row.qualifier:
        found.add(
            *where, "qualifier", "BadLedger", f"the words before the figure say {said!r}, the row {row.qualifier!r}"
        )
    for problem in convention_problems(row.metric, row.unit):
        found.add(*where, "metric", "BadLedger", problem)
    try:
        resolve_period(row.period, found.seeds[row.article_id].published)
    except PortbookError as error:
        found.add(*where, "period", type(error).__name__, str(error))
    return span


def _exclusions(found: Inputs, path: Path) -> None:
    frame = read_csv(path)
    lines = csv_lines(path)
    keep, starts = [], []
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


# ---------------------------------------------------------------------------
# The report
# ---------------------------------------------------------------------------


@dataclass
class LintReport:
    """What lint found: problems in the curated tables, and per article the drafts for its unaccounted numbers."""

    problems: list[Problem]
    proposals: dict[str, Proposal]

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
            lines += [f"  {p}" for p in self.problems[:limit]]
            if limit is not None and len(self.problems) > limit:
                lines.append(f"  ... and {len(self.problems) - limit} more (python -m portbook lint shows all)")
        if self.unaccounted:
            lines += ["", "Unaccounted numbers, each with a drafted row (check it, then paste it):"]
            shown = 0
            for article_id, proposal in sorted(self.proposals.items()):
                items = []
                for draft in proposal.claims:
                    mention = proposal.mentions[draft.row["claim_id"]]
                    row = Proposal(article_id, claims=[draft]).claims_csv(header=False).strip()
                    items.append((mention, "data/claims.csv", row, draft.decisions))
                for exclusion in proposal.exclusions:
                    row = Proposal(article_id, exclusions=[exclusion]).exclusions_csv(header=False).strip()
                    items.append((exclusion.mention, "data/exclusions.csv", row, []))
                for mention, table, row, decisions in sorted(items, key=lambda i: i[0].start):
                    if limit is not None and shown >= limit:
                        break
                    shown += 1
                    lines.append(f"  {article_id} line {mention.line}: {mention.text!r} ({mention.kind})")
                    lines.append(f"    draft for {table}: {row}")
                    lines += [f"    decide: {d}" for d in decisions]
            if limit is not None and self.unaccounted > limit:
                lines.append(f"  ... and {self.unaccounted - limit} more (python -m portbook lint shows all)")
        if not self.ok:
            lines += [
                "",
                "To fix: correct each problem where it names it; for the numbers, `python -m portbook propose "
                "<article_id>` prints every draft of an article with what needs a decision (--write keeps them in "
                "review/<article_id>/); paste the rows you agree with into data/claims.csv, data/exclusions.csv and "
                "data/aliases.csv, then run `python -m portbook lint` again.",
            ]
        return "\n".join(lines) + "\n"


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
    return draft_article(
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
    )


def _unused_exclusions(inputs: Inputs) -> pd.DataFrame:
    frames = [inputs.mentions(article_id) for article_id in inputs.articles]
    if not frames:
        return inputs.exclusions
    accounted = account_for(pd.concat(frames, ignore_index=True), inputs.ledger, inputs.located, inputs.exclusions)
    return unused_exclusions(accounted, inputs.exclusions)
