"""Which files a notebook's kernel reads: an audit hook started in the kernel, one path a line in a log.

The pipeline starts each kernel with `python -c`-style start-up code (IPython's exec_lines) that calls
`start(log, root)`; after the run it reads the log and refuses a run that read a file its fingerprint
does not cover, so a fingerprint can never leave out an input (as data/claims.csv once was left out of
the article notebooks'). Files of the Python installation and compiled bytecode are not logged.
"""

from __future__ import annotations

import os
import sys
import sysconfig

WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


def exec_line(log: str, root: str) -> str:
    """The start-up line that makes a kernel log the files it reads under `root` to `log`."""
    return f"import portbook.build.trace as _portbook_trace; _portbook_trace.start({log!r}, {root!r})"


def start(log: str, root: str) -> None:
    """Log, from now on, every file under `root` that this process opens for reading (not the Python
    installation's, not bytecode), one absolute path a line, as it is opened."""
    root = os.path.realpath(root) + os.sep
    installed = tuple(
        os.path.realpath(p) + os.sep
        for p in {sys.prefix, sys.base_prefix, sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
        if p
    )
    stream = open(log, "a", encoding="utf-8", buffering=1)  # open for the kernel's whole life

    def hook(event: str, arguments: tuple) -> None:
        if event != "open":
            return
        path, mode, flags = arguments
        if path is None or isinstance(path, int):
            return
        reading = not (flags & WRITE_FLAGS) if mode is None else not any(c in mode for c in "wax+")
        if not reading:
            return
        full = os.path.abspath(os.fsdecode(path))
        if full.startswith(root) and not full.startswith(installed) and "__pycache__" not in full:
            stream.write(full + "\n")

    sys.addaudithook(hook)
