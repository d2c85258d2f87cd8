"""Curated CSV tables read strictly: every cell text, a byte-order mark stripped, each row's line in the file.

A spreadsheet saves CSV with a UTF-8 byte-order mark, which would otherwise glue itself to the first column's
name; a quoted cell may hold a newline, so a row's line in the file is not its index plus two. Every error
names the file and the line a person would open it at.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from portbook.errors import PortbookError

BOM = "\ufeff"


def decode_utf8(data: bytes, error: type[PortbookError], place: Callable[[int], str]) -> str:
    """Bytes as UTF-8 text; `error` with `place(line)` of the first byte that is not UTF-8, and that byte."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as failure:
        line = data[: failure.start].count(b"\n") + 1
        raise error(
            f"{place(line)}: not UTF-8 (byte {failure.start}: {data[failure.start : failure.start + 1]!r})"
        ) from None


def read_text(path: Path, error: type[PortbookError]) -> str:
    """A table's text, decoded as UTF-8 with a leading byte-order mark dropped; `error` names the line if it is not UTF-8."""
    return decode_utf8(Path(path).read_bytes(), error, lambda line: f"{path}:{line}").removeprefix(BOM)


def read_records(path: Path, error: type[PortbookError]) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """(header, [(line, row)]) of a CSV table: `line` is where the row starts in the file, counting quoted
    newlines; blank lines are skipped; a row with more or fewer cells than the header is refused."""
    reader = csv.reader(io.StringIO(read_text(path, error), newline=""))
    header: list[str] | None = None
    records = []
    ended = 0  # the line the previous record ended on
    for cells in reader:
        start, ended = ended + 1, reader.line_num
        if not cells or cells == [""]:
            continue
        if header is None:
            header = cells
            continue
        if len(cells) != len(header):
            raise error(f"{path}:{start}: {len(cells)} cells, the header has {len(header)} ({', '.join(header)})")
        records.append((start, dict(zip(header, cells))))
    return header or [], records


def read_table(path: Path, error: type[PortbookError]) -> pd.DataFrame:
    """A CSV table as a DataFrame of text ('' for an empty cell, 'NA' kept as text), each row's line in
    `frame.attrs["lines"]` (by index) for error messages."""
    header, records = read_records(path, error)
    frame = pd.DataFrame([row for _, row in records], columns=header, dtype=object).astype(str)
    frame.attrs["lines"] = [line for line, _ in records]
    frame.attrs["path"] = str(path)
    return frame


def line_of(frame: pd.DataFrame, index) -> int | None:
    """The line in its file that a row of a table read by read_table starts on, or None if unknown."""
    lines = frame.attrs.get("lines")
    try:
        return lines[int(index)] if lines is not None else None
    except (IndexError, TypeError, ValueError):
        return None


def with_rows_appended(path: Path, rows: str, header: str = "") -> str:
    r"""A curated table's text with CSV rows (lines ending in '\n') below its last row, its own bytes kept as they are:
    its line ending (a table saved with '\r\n' keeps it), and a missing final line break added. A table not there yet
    starts with ``header``.

    >>> import tempfile
    >>> table = Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = table.write_bytes(b"a,b\r\n1,2")
    >>> with_rows_appended(table, "3,4\n")
    'a,b\r\n1,2\r\n3,4\r\n'
    """
    text = ""
    if Path(path).is_file():
        with open(path, encoding="utf-8", newline="") as stream:
            text = stream.read()
    text = text or (header + "\n" if header else "")
    ending = "\r\n" if "\r\n" in text else "\n"
    if text and not text.endswith(("\n", "\r")):
        text += ending
    return text + rows.replace("\n", ending)


def with_rows_changed(path: Path, changes: dict[int, str | None], rows: str = "") -> str:
    r"""A curated table's text with the data rows that start on the lines of ``changes`` replaced by their new CSV
    text (``None``: removed) and ``rows`` appended, every other byte kept: a row's quoted newlines, the table's line
    ending. Lines are numbered as lint numbers them (the header is line 1).

    >>> import tempfile
    >>> table = Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = table.write_bytes(b'a,b\r\n1,"x\r\ny"\r\n2,2\r\n3,3\r\n')
    >>> with_rows_changed(table, {2: None, 5: "3,4\n"}, "5,5\n")
    'a,b\r\n2,2\r\n3,4\r\n5,5\r\n'
    """
    text = with_rows_appended(path, "")
    ending = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    with open(path, encoding="utf-8", newline="") as stream:
        reader = csv.reader(stream)
        next(reader, None)
        starts = [reader.line_num + 1]  # each data row's first line, then the line after the last
        for _ in reader:
            starts.append(reader.line_num + 1)
    unknown = set(changes) - set(starts[:-1])
    if unknown:
        raise ValueError(f"{path}: no row starts on line(s) {sorted(unknown)}")
    out = lines[: starts[0] - 1]
    for first, after in zip(starts, starts[1:]):
        if first not in changes:
            out += lines[first - 1 : after - 1]
        elif changes[first] is not None:
            out.append(changes[first].replace("\n", ending))
    out += lines[starts[-1] - 1 :]
    return "".join(out) + rows.replace("\n", ending)
