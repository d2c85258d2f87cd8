"""Ids from the tables and from the command line, before they become file names, anchors or messages.

Every id that names a file or an anchor (article, claim, port, entity, check, figure) meets one strict
pattern: lower-case letters and digits in groups joined by single hyphens, at most 80 characters. The
pattern is checked where a table is read, so that `../../claims` or an id with a trailing newline never
reaches a path; `output_path` refuses, besides, any path that resolves outside its output folder.
Everything quoted back in a message goes through `shown`, so a 10,000-character id is not echoed whole.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection
from pathlib import Path

from portbook.errors import BadId, BadParameter, UnsafePath

# \A and \Z, not ^ and $: `$` also matches before a final newline, which would let "an-id\n" through.
ID_PATTERN = r"\A[a-z0-9]+(-[a-z0-9]+)*\Z"
ID_RE = re.compile(ID_PATTERN)
MAX_LENGTH = 80
ID_RULE = f"lower-case letters and digits joined by single hyphens, at most {MAX_LENGTH} characters"
SHOWN_LENGTH = 80


def shown(value: object, limit: int = SHOWN_LENGTH) -> str:
    """A value as a message quotes it: its repr, cut after `limit` characters with the full length said.

    >>> shown("kashgar")
    "'kashgar'"
    >>> shown("x" * 10_000, limit=5)
    "'xxxxx…' (10,000 characters)"
    """
    text = value if isinstance(value, str) else repr(value)
    if len(text) <= limit:
        return repr(value)
    return repr(text[:limit] + "…") + f" ({len(text):,} characters)"


def is_id(value: object) -> bool:
    """Whether a value is an id that may name a file or an anchor.

    >>> is_id("kashgar-cbz-trade-2021"), is_id("../../claims"), is_id("a-id\\n"), is_id("a" * 81)
    (True, False, False, False)
    """
    return isinstance(value, str) and len(value) <= MAX_LENGTH and ID_RE.match(value) is not None


def require_id(value: object, where: str, what: str = "id") -> str:
    """The value, if it is an id; else BadId naming where it came from (file:line, column) and the value, cut."""
    if not is_id(value):
        raise BadId(f"{where}: {what} {shown(value)} is not an id ({ID_RULE})")
    return value


def output_path(folder: Path, name: str, suffix: str = "") -> Path:
    """folder/<name><suffix> for an id `name`, resolved and refused if it would leave `folder`."""
    require_id(name, f"output in {folder}", "file name")
    base = Path(folder).resolve()
    path = (base / f"{name}{suffix}").resolve()
    if not path.is_relative_to(base):
        raise UnsafePath(f"{path}: outside its output folder {base}")
    return path


def inside(folder: Path, relative: str) -> Path:
    """folder/relative resolved, refused with UnsafePath if it leaves folder (for paths given by a table or a plan)."""
    base = Path(folder).resolve()
    path = (base / relative).resolve()
    if not path.is_relative_to(base):
        raise UnsafePath(f"{shown(relative)} resolves to {path}, outside {base}")
    return path


def listing(accepted: Collection[str], near: str | None = None, most: int = 12) -> str:
    """Accepted values for a message: all of them if few, else the closest to `near` and how many more."""
    values = sorted(accepted)
    if len(values) <= most:
        return ", ".join(values) or "(none)"
    closest = difflib.get_close_matches(near, values, n=most, cutoff=0) if isinstance(near, str) else values[:most]
    return ", ".join(closest) + f" … ({len(values) - len(closest)} more)"


def require_parameter(
    name: str, value: object, accepted: Collection[str], what: str, unknown: type[BadParameter] = BadParameter
) -> str:
    """A template's or command's parameter, checked: text and one of the accepted values. Otherwise
    BadParameter (or `unknown`, for a value of the right type that is not accepted) naming the
    parameter, the value (cut) and the accepted values."""
    if not isinstance(value, str):
        raise BadParameter(
            f"parameter {name} = {shown(value)} is {type(value).__name__}, not text; "
            f"accepted: {what}: {listing(accepted)}"
        )
    if value not in accepted:
        near = value[:SHOWN_LENGTH]  # difflib on a 10,000-character value would take seconds
        raise unknown(f"parameter {name} = {shown(value)}: unknown {what}; accepted: {listing(accepted, near)}")
    return value
