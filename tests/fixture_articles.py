"""The fixture articles (tests/fixtures/articles/): real reports kept outside seeds/, and how a test adds one to a
copy of the project as an editor would (the seed file and its row of seeds/metadata.csv)."""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "articles"

TIANSHAN = {
    "article_id": "tianshan-2024-01-05",
    "file": "tianshan-2024-01-05.txt",
    "outlet": "Tianshannet (Xinjiang Daily)",
    "headline": "Kashi’s foreign trade partners numbers 118",
    "dateline_as_printed": "(no dateline printed)",
    "published": "2024-01-05",
    "date_evidence": "The page's address carries 2024/01/05; the text quotes a statement of December 29, 2023.",
    "date_disagreement": "None found.",
}

TIANSHAN_WALKTHROUGH = {
    "article_id": "tianshan-2023-09-19",
    "file": "tianshan-2023-09-19.txt",
    "outlet": "Tianshannet",
    "headline": "Kashgar cashes in on cross-border trade",
    "dateline_as_printed": "(no dateline printed)",
    "published": "2023-09-19",
    "date_evidence": "The page's address carries 2023/09/19; the text speaks of the first seven months of this year.",
    "date_disagreement": "None found.",
}


# What the editor decides where propose says a person must (README step 4) for the TIANSHAN article: a unit and a
# metric for the headline's count, and two numbers that are not claims of the report.
TIANSHAN_EDITS = {"118": {"unit": "countries", "metric": "trading_partners"}}
TIANSHAN_EXCLUDE = {
    "100": "count of China's comprehensive bonded zones, context for the zone's rank",
    "four": "the report is cut off here: the four comprehensive bonded zones of Xinjiang, no figure",
}


def decide(claims: list[dict], exclusions: list[dict]) -> tuple[list[dict], list[dict]]:
    """The editor's decisions on the TIANSHAN drafts: the claims kept (edited) and the exclusions, with the two
    numbers that are not claims moved to the exclusions."""
    kept, excluded = [], list(exclusions)
    for row in claims:
        if row["figure"] in TIANSHAN_EXCLUDE:
            excluded.append(
                {
                    "article_id": row["article_id"],
                    "text": row["figure"],
                    "context": row["quote"],
                    "reason": TIANSHAN_EXCLUDE[row["figure"]],
                }
            )
        else:
            kept.append({**row, **TIANSHAN_EDITS.get(row["figure"], {})})
    return kept, excluded


def text_of(article: dict) -> str:
    """The fixture article's text, as its file holds it."""
    return (FIXTURES / article["file"]).read_text(encoding="utf-8")


def add_article(root: Path, article: dict, data: bytes | None = None) -> str:
    """Copy a fixture article (or the given bytes) into a project's seeds/ with its metadata row (its real sha256);
    returns the seed file's name."""
    data = (FIXTURES / article["file"]).read_bytes() if data is None else data
    digest = hashlib.sha256(data).hexdigest()
    name = f"9{len(list((root / 'seeds').glob('9*'))):02d}_{digest[:16]}.txt"
    (root / "seeds" / name).write_bytes(data)
    row = {**article, "seed_file": name, "sha256": digest}
    metadata = root / "seeds" / "metadata.csv"
    with open(metadata, encoding="utf-8", newline="") as stream:
        header = next(csv.reader(stream))
    line = io.StringIO()
    csv.writer(line, lineterminator="\n").writerow([row[column] for column in header])
    text = metadata.read_text(encoding="utf-8")
    metadata.write_text(text + ("" if text.endswith("\n") else "\n") + line.getvalue(), encoding="utf-8", newline="")
    return name


def append_csv(path: Path, csv_text_with_header: str) -> None:
    """Append the rows of a CSV text (its header line dropped) to a curated table, as an editor pastes them."""
    rows = csv_text_with_header.splitlines(keepends=True)[1:]
    body = path.read_text(encoding="utf-8")
    path.write_text(body + ("" if body.endswith("\n") else "\n") + "".join(rows), encoding="utf-8", newline="")
