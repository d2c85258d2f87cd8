"""`accept`: the rows an editor kept in review/<article_id>/ go below the last rows of the curated tables.

`propose --write` puts its drafts in review/<article_id>/, one file per curated table, never in the tables
themselves. The editor decides there: edits a cell, deletes a row. `accept` then appends what is left to the
curated tables in one step, so pasting into six files by hand is not part of adding an article. It is the editor's
act, never the build's: the build only reads the curated tables.

Nothing is written unless every table can take its rows: a review file without its columns, a row of another
article, or a key the table already holds with other cells is refused with the file, the line and the key; a row
the table already holds unchanged is skipped, so running `accept` twice adds nothing. Each table is replaced in
one step (portbook.atomic).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from portbook import atomic, paths
from portbook.errors import BadLedger
from portbook.ids import output_path
from portbook.numbers.ledger import COLUMNS
from portbook.numbers.lint import csv_lines
from portbook.numbers.propose import ALIAS_COLUMNS, ENTITY_COLUMNS, EXCLUSION_COLUMNS, REVIEW, csv_text
from portbook.numbers.side_tables import CLASS_COLUMNS, LABEL_COLUMNS
from portbook.sources.tables import with_rows_appended


@dataclass(frozen=True)
class Table:
    """A curated table a review file feeds: its file name (the same in review/ and data/), columns and key."""

    name: str
    columns: tuple[str, ...]
    key: tuple[str, ...]
    article_column: str = ""  # the column that names the article, when the table has one


TABLES = (
    Table("claims.csv", tuple(COLUMNS), ("claim_id",), "article_id"),
    Table("exclusions.csv", EXCLUSION_COLUMNS, ("article_id", "text", "context"), "article_id"),
    Table("entities.csv", ENTITY_COLUMNS, ("entity_id",)),
    Table("aliases.csv", ALIAS_COLUMNS, ("alias",)),
    Table("claim_classes.csv", CLASS_COLUMNS, ("claim_id",)),
    Table("metrics.csv", LABEL_COLUMNS, ("metric",)),
)


@dataclass
class Accepted:
    """What `accept` appended (rows per table) and skipped as already there."""

    added: dict[str, int]
    already_there: dict[str, int]

    def text(self) -> str:
        """One line per table: the rows added and those already there."""
        lines = [
            f"data/{name}: {self.added[name]} row(s) added, {self.already_there[name]} already there"
            for name in self.added
        ]
        return "\n".join(lines) + "\n"


def _rows(path: Path) -> tuple[list[str], list[tuple[int, dict]]]:
    """A CSV file's header and its rows with the line each starts on (lint's numbering, quoted newlines counted)."""
    with open(path, encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        rows = [{k: (v or "") for k, v in row.items() if k is not None} for row in reader]
        header = list(reader.fieldnames or [])
    return header, list(zip(csv_lines(path), rows))


def accept(article_id: str, root: Path = paths.ROOT, review: Path | None = None) -> Accepted:
    """Append the rows of review/<article_id>/ to the curated tables of ``root``/data; refuse (BadLedger, nothing
    written) a review file without its columns, a row of another article, or a key already held with other cells."""
    folder = output_path(review or root / REVIEW.relative_to(paths.ROOT), article_id)
    if not folder.is_dir():
        raise BadLedger(
            f"{folder}: no review files for {article_id}; run python -m portbook propose {article_id} --write first"
        )
    plans: list[tuple[Path, str]] = []
    added, already = {}, {}
    for table in TABLES:
        source = folder / table.name
        added[table.name] = already[table.name] = 0
        if not source.is_file():
            continue
        header, rows = _rows(source)
        missing = [c for c in table.columns if c not in header]
        if missing:
            raise BadLedger(
                f"{source}: line 1: without the column(s) {', '.join(missing)}; expected {list(table.columns)}"
            )
        target = root / "data" / table.name
        _, held = _rows(target)
        by_key = {tuple(r[k] for k in table.key): r for _, r in held}
        new = []
        for line, row in rows:
            key = tuple(row[k] for k in table.key)
            where = f"{source}: line {line}: {' / '.join(key)}"
            if table.article_column and row[table.article_column] != article_id:
                raise BadLedger(f"{where}: names the article {row[table.article_column]!r}, not {article_id!r}")
            if not any(row[c].strip() for c in table.columns):
                continue
            if key in by_key:
                if any(by_key[key].get(c, "") != row[c] for c in table.columns):
                    raise BadLedger(
                        f"{where}: data/{table.name} already holds this key with other cells; rename the key in "
                        "the review file, or change the row in the table itself"
                    )
                already[table.name] += 1
                continue
            by_key[key] = row
            new.append(row)
        if new:
            plans.append((target, with_rows_appended(target, csv_text(table.columns, new, header=False))))
        added[table.name] = len(new)
    for target, text in plans:
        atomic.write_text(target, text)
    return Accepted(added, already)
