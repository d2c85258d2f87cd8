"""The source articles: their metadata table and their verbatim bytes."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from portbook import paths
from portbook.errors import BadSeed, UnknownArticle

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


def load_metadata(metadata_path: Path = paths.SEED_METADATA) -> dict[str, SeedInfo]:
    """Read seeds/metadata.csv; errors name the file and the line."""
    metadata_path = Path(metadata_path)
    with open(metadata_path, encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        missing = [c for c in METADATA_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise BadSeed(f"{metadata_path}: missing columns {missing}")
        seeds: dict[str, SeedInfo] = {}
        for row in reader:
            where = f"{metadata_path}:{reader.line_num}"
            try:
                published = dt.date.fromisoformat(row["published"])
            except ValueError:
                raise BadSeed(
                    f"{where}: article {row['article_id']!r}: published {row['published']!r} is not a YYYY-MM-DD date"
                ) from None
            if row["article_id"] in seeds:
                raise BadSeed(f"{where}: article id {row['article_id']!r} appears twice")
            seeds[row["article_id"]] = SeedInfo(**{**{c: row[c] for c in METADATA_COLUMNS}, "published": published})
    return seeds


def seed_info(article_id: str, metadata_path: Path = paths.SEED_METADATA) -> SeedInfo:
    """The metadata of one article, or UnknownArticle naming the known ids."""
    seeds = load_metadata(metadata_path)
    try:
        return seeds[article_id]
    except KeyError:
        raise UnknownArticle(f"unknown article {article_id!r}; known: {', '.join(sorted(seeds))}") from None


def read_seed_bytes(info: SeedInfo, seeds_dir: Path = paths.SEEDS) -> bytes:
    """The seed's bytes, refused when missing, empty or not the bytes the metadata names."""
    path = Path(seeds_dir) / info.seed_file
    if not path.is_file():
        raise BadSeed(f"{path}: seed for article {info.article_id!r} not found")
    data = path.read_bytes()
    if not data.strip():
        raise BadSeed(f"{path}: seed for article {info.article_id!r} is empty")
    digest = hashlib.sha256(data).hexdigest()
    if info.sha256 and digest != info.sha256:
        raise BadSeed(
            f"{path}: sha256 {digest} differs from seeds/metadata.csv ({info.sha256}); seeds are kept byte for byte"
        )
    return data


def decode_seed(data: bytes, path: str) -> str:
    """A seed's bytes as text, or BadSeed naming the line when they are not UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise BadSeed(
            f"{path}: line {line}: not UTF-8 (byte {error.start}: {data[error.start : error.start + 1]!r})"
        ) from None


ADDRESSES = paths.DATA / "source_addresses.csv"
ADDRESS_KINDS = ("english_original", "english_republished", "chinese_original", "chinese_mirror")


def load_addresses(known_articles, path: Path = ADDRESSES) -> dict[str, list[dict]]:
    """Where each article was published, as far as it could be established (data/source_addresses.csv),
    by article id; an unknown article, an unknown kind or an address that is not http(s) is refused with its line."""
    found: dict[str, list[dict]] = {}
    if not Path(path).is_file():
        return found
    with open(path, encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        for row in reader:
            place = f"{path}:{reader.line_num}"
            if row["article_id"] not in known_articles:
                raise BadSeed(f"{place}: article {row['article_id']!r} is not in seeds/metadata.csv")
            if row["kind"] not in ADDRESS_KINDS:
                raise BadSeed(f"{place}: kind {row['kind']!r} is not one of {', '.join(ADDRESS_KINDS)}")
            if not row["address"].startswith(("http://", "https://")):
                raise BadSeed(f"{place}: address {row['address'][:80]!r} is not an http(s) address")
            found.setdefault(row["article_id"], []).append(row)
    return found
