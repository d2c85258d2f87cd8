"""Write derived files so that a reader never sees half a file.

A crash or a failing run must leave the last good output in place, so every
derived file is written beside its target and then renamed over it.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any


def write_bytes(path: Path, data: bytes) -> None:
    """Replace a file's bytes in one step, so that a reader sees the old file or the new, never half of one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)  # mkstemp makes the file private; derived data is for everyone
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str) -> None:
    """Replace a file with UTF-8 text in one step, as write_bytes does."""
    write_bytes(path, text.encode("utf-8"))


def write_json(path: Path, value: Any) -> None:
    """Replace a file with a value as JSON in one step, as write_bytes does."""
    # sort_keys and a fixed indent keep two builds byte-identical
    write_text(path, json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n")


def write_csv(path: Path, frame) -> None:
    """Write a pandas DataFrame as CSV with fixed line endings, no index."""
    write_text(path, frame.to_csv(index=False, lineterminator="\n"))
