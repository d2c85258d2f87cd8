"""`accept`: the rows an editor kept in review/<article_id>/ go below the last rows of the curated tables.

`propose --write` puts its drafts in review/<article_id>/, one file per curated table, never in the tables
themselves. The editor decides there: edits a cell, deletes a row. `accept` then appends what is left to the
curated tables in one step, so pasting into six files by hand is not part of adding an article. It is the editor's
act, never the build's: the build only reads the curated tables.

Nothing is written unless every table can take its rows: a review file without its columns, a row of another
article, or a key the table already holds with other cells is refused with the file, the line and the key; a row
the table already holds unchanged is skipped, so running `accept` twice adds nothing. Accepting is a loop: `lint`
after it may name a row to fix, and the editor fixes it in the review file and accepts again. So accept keeps a
record of the rows it wrote (review/<article_id>/accepted.json), and a row it wrote that the review files now change
or no longer hold is changed or removed in the table, in place; a row edited in the table by hand since is the
editor's and is never touched. Each table is replaced in one step (portbook.atomic).
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path

from portbook import atomic, paths
from portbook.errors import BadLedger
from portbook.ids import output_path
from portbook.numbers.ledger import COLUMNS
from portbook.numbers.lint import csv_lines
from portbook.numbers.propose import ALIAS_COLUMNS, ENTITY_COLUMNS, EXCLUSION_COLUMNS, REVIEW, csv_text
from portbook.numbers.side_tables import CLASS_COLUMNS, LABEL_COLUMNS
from portbook.sources.tables import with_rows_changed


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


RECORD = "accepted.json"
"""In review/<article_id>/: the rows `accept` last wrote, per table, so that accepting again after an edit of the
review files changes or removes those rows (and only those) instead of refusing them."""


@dataclass
class Accepted:
    """What `accept` did per table: rows appended, changed and removed (as the review files now say), already there."""

    added: dict[str, int]
    already_there: dict[str, int]
    changed: dict[str, int] = field(default_factory=dict)
    removed: dict[str, int] = field(default_factory=dict)

    def text(self) -> str:
        """One line per table: the rows added, changed and removed, and those already there."""
        lines = []
        for name in self.added:
            done = [f"{self.added[name]} row(s) added"]
            done += [
                f"{n} {word}"
                for word, n in (("changed", self.changed.get(name, 0)), ("removed", self.removed.get(name, 0)))
                if n
            ]
            lines.append(f"data/{name}: {', '.join(done)}, {self.already_there[name]} already there")
        return "\n".join(lines) + "\n"


def _rows(path: Path) -> tuple[list[str], list[tuple[int, dict]]]:
    """A CSV file's header and its rows with the line each starts on (lint's numbering, quoted newlines counted)."""
    with open(path, encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        rows = [{k: (v or "") for k, v in row.items() if k is not None} for row in reader]
        header = list(reader.fieldnames or [])
    return header, list(zip(csv_lines(path), rows))


def _record(folder: Path) -> dict[str, list[dict]]:
    """The rows accept last wrote from this folder, per table; none when it never ran (or the record is unreadable:
    then every held row counts as the editor's own, and nothing is changed or removed)."""
    try:
        record = json.loads((folder / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def accept(article_id: str, root: Path = paths.ROOT, review: Path | None = None) -> Accepted:
    """Make the curated tables of ``root``/data hold the rows of review/<article_id>/: append the new ones, and
    change or remove a row accept wrote before that the review files now change or no longer hold (unless it was
    edited in the table since). Refuse (BadLedger, nothing written) a review file without its columns, a row of
    another article, or a key the table holds with other cells that accept did not write."""
    folder = output_path(review or root / REVIEW.relative_to(paths.ROOT), article_id)
    if not folder.is_dir():
        raise BadLedger(
            f"{folder}: no review files for {article_id}; run python -m portbook propose {article_id} --write first"
        )
    record = _record(folder)
    plans: list[tuple[Path, str]] = []
    result = Accepted({}, {}, {}, {})
    written: dict[str, list[dict]] = {}
    for table in TABLES:
        source = folder / table.name
        result.added[table.name] = result.already_there[table.name] = 0
        result.changed[table.name] = result.removed[table.name] = 0
        if not source.is_file():
            continue
        header, rows = _rows(source)
        missing = [c for c in table.columns if c not in header]
        if missing:
            raise BadLedger(
                f"{source}: line 1: without the column(s) {', '.join(missing)}; expected {list(table.columns)}"
            )
        key_of = lambda row: tuple(row.get(k, "") for k in table.key)  # noqa: E731
        cells = lambda row: tuple(row.get(c, "") for c in table.columns)  # noqa: E731
        target = root / "data" / table.name
        _, held = _rows(target)
        # a held row is accept's to change while it is still as accept wrote it
        ours = {key_of(r): cells(r) for r in record.get(table.name, []) if isinstance(r, dict)}
        held_at = {key_of(r): (line, r) for line, r in held}
        wanted: dict[tuple, dict] = {}
        for line, row in rows:
            key = key_of(row)
            where = f"{source}: line {line}: {' / '.join(key)}"
            if table.article_column and row[table.article_column] != article_id:
                raise BadLedger(f"{where}: names the article {row[table.article_column]!r}, not {article_id!r}")
            if not any(row[c].strip() for c in table.columns):
                continue
            table_row = cells(held_at[key][1]) if key in held_at else None
            # a held row with other cells is refused unless accept wrote it as it stands (then it is changed), or
            # the review row is as accept wrote it (then the table's hand edit stands)
            if table_row not in (None, cells(row), ours.get(key)) and ours.get(key) != cells(row):
                raise BadLedger(
                    f"{where}: data/{table.name} line {held_at[key][0]} holds this key with other cells"
                    + (", edited there since accept wrote it" if key in ours else "")
                    + "; rename the key in the review file, or change the row in the table itself"
                )
            wanted[key] = row
        changes: dict[int, str | None] = {}
        for key, (line, row) in held_at.items():
            if ours.get(key) != cells(row):
                continue  # the editor's own row, or one edited by hand since
            if key not in wanted:
                changes[line] = None
                result.removed[table.name] += 1
            elif cells(wanted[key]) != cells(row):
                changes[line] = csv_text(table.columns, [wanted[key]], header=False)
                result.changed[table.name] += 1
        new = [row for key, row in wanted.items() if key not in held_at]
        result.already_there[table.name] = len(wanted) - len(new) - result.changed[table.name]
        result.added[table.name] = len(new)
        written[table.name] = [dict(zip(table.columns, cells(row))) for row in wanted.values()]
        if new or changes:
            appended = csv_text(table.columns, new, header=False) if new else ""
            plans.append((target, with_rows_changed(target, changes, appended)))
    for target, text in plans:
        atomic.write_text(target, text)
    atomic.write_text(folder / RECORD, json.dumps(written, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    return result
