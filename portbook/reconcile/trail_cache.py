"""Every claim's audit trail, kept under a key made of every input's hash, so `check` answers at once when nothing
has changed and can never answer from inputs that did.

The key is the sha256 of each file the trails are computed from: every file in seeds/, every curated table
data/*.csv, every file of the package's code, templates and vocabularies, and requirements.txt (the pinned
libraries, the ECB rate history among them), with the Python version. Change a byte of any of them, add or remove
one, and the key changes: the cached answer is never read again. A miss computes the book's state once and keeps
the trail of every claim (one more claim costs little, and the next question is often another claim).

Nothing here imports pandas: a hit reads one JSON file and prints.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from portbook import atomic, paths
from portbook.reconcile.trail_record import Trail, require_claim, trail_from_json

PACKAGE = Path(__file__).resolve().parent.parent
PACKAGE_SUFFIXES = {".py", ".j2", ".yml"}
CACHE = ".portbook-cache"


def input_files(root: Path = paths.ROOT, package: Path = PACKAGE) -> list[tuple[str, Path]]:
    """(label, path) of every file a trail depends on, in a fixed order."""
    root = Path(root)
    files = [(f"seeds/{p.name}", p) for p in sorted((root / "seeds").iterdir()) if p.is_file()]
    files += [(f"data/{p.name}", p) for p in sorted((root / "data").glob("*.csv"))]
    files += [
        (f"package/{p.relative_to(package).as_posix()}", p)
        for p in sorted(package.rglob("*"))
        if p.suffix in PACKAGE_SUFFIXES and "__pycache__" not in p.parts
    ]
    if (root / "requirements.txt").is_file():
        files.append(("requirements.txt", root / "requirements.txt"))
    return files


def cache_key(root: Path = paths.ROOT, package: Path = PACKAGE) -> str:
    """The sha256 of every input's name and bytes, and of the Python version."""
    digest = hashlib.sha256(sys.version.encode())
    for label, path in input_files(root, package):
        digest.update(label.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def cache_path(root: Path, key: str) -> Path:
    """Where the trails of one key are kept."""
    return Path(root) / CACHE / f"trails-{key}.json"


def compute_trails() -> dict[str, dict]:
    """Every claim's trail as JSON data, from the book's state computed once."""
    from portbook.reconcile.book_state import BookState
    from portbook.reconcile.trail import build_trail

    state = BookState()
    return {claim_id: build_trail(claim_id, state).to_json() for claim_id in state.ledger.claim_id}


def store(root: Path, key: str, trails: dict[str, dict]) -> None:
    """Keep the trails under their key, and drop those of older keys: they can never be read again."""
    path = cache_path(root, key)
    atomic.write_text(path, json.dumps(trails, ensure_ascii=False, sort_keys=True))
    for old in path.parent.glob("trails-*.json"):
        if old != path:
            old.unlink(missing_ok=True)


def cached_trail(claim_id: str, root: Path = paths.ROOT) -> tuple[Trail, bool]:
    """One claim's trail and whether it came from the cache; an unknown id is refused with the closest ids."""
    key = cache_key(root)
    path = cache_path(root, key)
    trails = None
    if path.is_file():
        try:
            trails = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            trails = None  # a damaged cache is recomputed, never trusted
    hit = trails is not None
    if trails is None:
        trails = compute_trails()
        try:
            store(root, key, trails)
        except OSError:
            pass  # a read-only checkout still answers, only slower next time
    require_claim(claim_id, list(trails))
    return trail_from_json(trails[claim_id]), hit
