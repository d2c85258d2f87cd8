"""The source articles: their metadata table and their verbatim bytes."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from portbook import paths
from portbook.errors import BadSeed, UnknownArticle
from portbook.ids import require_id, require_parameter, shown
from portbook.sources.tables import decode_utf8, read_records

METADATA_COLUMNS = (
    "article_id",
    "seed_file",
    "sha256",
    "outlet",
    "headline",
    "dateline_as_printed",
    "published",
    "date_evidence",
    "date_disagreement",
)


@dataclass(frozen=True)
class SeedInfo:
    """One source article as seeds/metadata.csv describes it: seed file, checksum, outlet, headline, dates."""

    article_id: str
    seed_file: str
    sha256: str
    outlet: str
    headline: str
    dateline_as_printed: str
    published: dt.date
    date_evidence: str
    date_disagreement: str

    @property
    def title(self) -> str:
        """The headline as a reader is shown it: an editor's descriptive title without the bracket that says the page
        printed none ('Trade booms (headline not in our copy of the page; descriptive title)' -> 'Trade booms')."""
        return self.headline.split(NO_HEADLINE_MARK)[0].strip() or self.headline


# An editor's title for a page whose copy prints no headline carries this bracket (README, step 2 of the long way).
NO_HEADLINE_MARK = "(headline not in our copy"
SHA256 = re.compile(r"\A[0-9a-f]{64}\Z")
# A seed file's name as metadata.csv gives it: a plain name in seeds/, never a path.
SEED_FILE = re.compile(r"\A[A-Za-z0-9][A-Za-z0-9._-]*\Z")


def load_metadata(metadata_path: Path = paths.SEED_METADATA, unlisted: list[str] | None = None) -> dict[str, SeedInfo]:
    """Read seeds/metadata.csv strictly: ids, file names and checksums checked, one row per seed file and one
    seed file per row; errors name the file, the line, the column and the value. Given a list as `unlisted`, the
    seed files without a row are put in it instead of refused (lint drafts their rows)."""
    metadata_path = Path(metadata_path)
    header, records = read_records(metadata_path, BadSeed)
    missing = [c for c in METADATA_COLUMNS if c not in header]
    if missing:
        raise BadSeed(f"{metadata_path}: missing columns {missing}")
    seeds: dict[str, SeedInfo] = {}
    lines: dict[str, int] = {}  # seed file -> the line that names it
    for line, row in records:
        where = f"{metadata_path}:{line}"
        article_id = require_id(row["article_id"], f"{where}: column 'article_id'", "article id")
        if not SEED_FILE.match(row["seed_file"]):
            raise BadSeed(f"{where}: column 'seed_file': {shown(row['seed_file'])} is not a file name in seeds/")
        if not SHA256.match(row["sha256"]):
            raise BadSeed(
                f"{where}: column 'sha256': {shown(row['sha256'])} is not a SHA-256 (64 lower-case hex digits); "
                f"every seed is checked byte for byte"
            )
        try:
            published = dt.date.fromisoformat(row["published"])
        except ValueError:
            raise BadSeed(
                f"{where}: article {article_id!r}: published {shown(row['published'])} is not a YYYY-MM-DD date"
            ) from None
        if article_id in seeds:
            raise BadSeed(f"{where}: article id {article_id!r} appears twice")
        if row["seed_file"] in lines:
            raise BadSeed(
                f"{where}: seed file {row['seed_file']!r} already has a row on line {lines[row['seed_file']]}; "
                f"one row per seed file"
            )
        lines[row["seed_file"]] = line
        seeds[article_id] = SeedInfo(**{**{c: row[c] for c in METADATA_COLUMNS}, "published": published})
    without_row = sorted(
        p.name
        for p in metadata_path.parent.iterdir()
        if p.is_file() and p != metadata_path and not p.name.startswith(".") and p.name not in lines
    )
    if unlisted is not None:
        unlisted.extend(without_row)
    elif without_row:
        raise BadSeed(f"{metadata_path.parent}: seed files without a row in {metadata_path.name}: {without_row}")
    return seeds


def seed_info(article_id: str, metadata_path: Path = paths.SEED_METADATA) -> SeedInfo:
    """The metadata of one article, or UnknownArticle naming the known ids (BadParameter if not text)."""
    seeds = load_metadata(metadata_path)
    require_parameter("article", article_id, seeds, "article id of seeds/metadata.csv", unknown=UnknownArticle)
    return seeds[article_id]


def read_seed_bytes(info: SeedInfo, seeds_dir: Path = paths.SEEDS) -> bytes:
    """The seed's bytes, refused when missing, empty or not the bytes the metadata names."""
    path = Path(seeds_dir) / info.seed_file
    if not path.is_file():
        raise BadSeed(f"{path}: seed for article {info.article_id!r} not found")
    data = path.read_bytes()
    if not data.strip():
        raise BadSeed(f"{path}: seed for article {info.article_id!r} is empty")
    digest = hashlib.sha256(data).hexdigest()
    if digest != info.sha256:
        raise BadSeed(
            f"{path}: sha256 {digest} differs from seeds/metadata.csv ({info.sha256}); seeds are kept byte for byte"
        )
    return data


# Control characters other than tab, line feed and carriage return: a NUL or an escape code is a broken
# scrape, not text, and would pass silently into the cleaned article and its offsets.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def decode_seed(data: bytes, path: str) -> str:
    """A seed's bytes as text; BadSeed naming the line when they are not UTF-8, start with a byte-order mark
    or hold a control character (a NUL, say)."""
    text = decode_utf8(data, BadSeed, lambda line: f"{path}: line {line}")
    if text.startswith("\ufeff"):
        # offsets into the seed are offsets into its bytes as received: a BOM cannot be dropped silently
        raise BadSeed(
            f"{path}: line 1: starts with a UTF-8 byte-order mark (bytes EF BB BF), which would join the first "
            f"line to the next; save the seed without it and update its sha256 in seeds/metadata.csv"
        )
    control = CONTROL.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        column = control.start() - (text.rfind("\n", 0, control.start()) + 1) + 1
        raise BadSeed(
            f"{path}: line {line}, column {column}: control character U+{ord(control.group()):04X} "
            f"(a seed is text: only tab, line feed and carriage return are allowed)"
        )
    return text


ADDRESSES = paths.DATA / "source_addresses.csv"
ADDRESS_COLUMNS = ("article_id", "kind", "address", "outlet", "published", "found_by", "note")
ADDRESS_KINDS = ("english_original", "english_republished", "chinese_original", "chinese_mirror")


def load_addresses(known_articles, path: Path = ADDRESSES) -> dict[str, list[dict]]:
    """Where each article was published, as far as it could be established (data/source_addresses.csv),
    by article id; an unknown article, an unknown kind or an address that is not http(s) is refused with its line."""
    found: dict[str, list[dict]] = {}
    if not Path(path).is_file():
        return found
    _, records = read_records(path, BadSeed)
    for line, row in records:
        place = f"{path}:{line}"
        if row.get("article_id") not in known_articles:
            raise BadSeed(
                f"{place}: column 'article_id': article {shown(row.get('article_id'))} is not in seeds/metadata.csv"
            )
        if row.get("kind") not in ADDRESS_KINDS:
            raise BadSeed(
                f"{place}: column 'kind': kind {shown(row.get('kind'))} is not one of {', '.join(ADDRESS_KINDS)}"
            )
        if not row.get("address", "").startswith(("http://", "https://")):
            raise BadSeed(f"{place}: column 'address': address {shown(row.get('address'))} is not an http(s) address")
        found.setdefault(row["article_id"], []).append(row)
    return found
