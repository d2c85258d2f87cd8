"""Clean a scraped article: drop page furniture, label captions and datelines, map back to raw bytes.

The seeds are page scrapes. Before any number is read we must know which lines
are the article and which are the page around it (spam keyword lines, menus,
share buttons, footers, PREV/NEXT links, tags, site titles). Every removed line
is logged with the rule that removed it, and every character of the cleaned
text keeps a pointer to the exact bytes of the raw seed it came from, so a
quote found in the clean text can always be shown in the original.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from portbook import paths
from portbook.errors import BadSeed
from portbook.ids import output_path
from portbook.sources.seeds import decode_seed, read_seed_bytes, seed_info

# Rules that remove a line wherever it stands. Order matters only for the
# reason logged; each is a kind of page furniture, not a list of known lines.
JUNK_RULES: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    ("share_button", "social sharing button", re.compile(r"^Share\b.{0,24}$")),
    ("prev_next_link", "link to the previous or next story", re.compile(r"^(PREV|NEXT|Previous|Next)\b\s+\S")),
    ("tags", "tag list of the hosting page", re.compile(r"^Tags?\s*:")),
    ("copyright_footer", "copyright footer", re.compile(r"(^Copyright\b|©|All rights reserved)", re.I)),
    (
        "registration_footer",
        "licence or registration footer",
        re.compile(r"^(Registration Number|License for publishing|ICP\b)", re.I),
    ),
    ("back_to_top", "back-to-top link", re.compile(r"^(Top|BACK TO THE TOP|Back to top)$", re.I)),
    ("follow_close", "social or overlay control", re.compile(r"^(FOLLOW US|CLOSE|Follow us)$")),
    ("breadcrumb", "navigation breadcrumb", re.compile(r"^Home\s*/")),
    ("site_notice", "notice of the hosting site", re.compile(r"^The article is in [A-Z][a-z]+\.?$")),
    # a title's parts name the site; a line that ends as a sentence ends is running prose, whatever its dashes
    # ('BEIJING, (APP - UrduPoint / Pakistan Point News - 2nd Dec, 2024) The Khunjerab Pass ... starting Sunday.')
    (
        "site_title",
        "page title with the site's name",
        re.compile(r"^(?=.{0,200}$)[^.!?]{3,}( [–|-] [^–|]+){2,}(?<![.!?。\"”])$"),
    ),
)

# Captions carry a photographer's credit; datelines are short lines that are a place or agency and a date.
CAPTION = re.compile(
    r"(Photo by|photo by|\(photo by|Photo taken on|photo taken on|\(drone photo\)|Photo:|\[Photo(?:/[^\]]*)?\]"
    r"|\b[A-Z]{2,}(?: [A-Z]{2,})*/XINHUA$)"
)
MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
# A time of day and a date ('(Xinhua) 09:03, July 29, 2025') is the page's time of publication, not the report's dateline
TIMESTAMP = rf"\d{{1,2}}:\d{{2}},\s*{MONTH}\s+\d{{1,2}},\s*\d{{4}}$"
TIMESTAMP_LINE = re.compile(TIMESTAMP)
DATELINE_LINE = re.compile(rf"^(?=.{{0,60}}$).*\b{MONTH}\s+\d{{1,2}}(,\s*\d{{4}})?$|^\S*\)?\s*{TIMESTAMP}")
BYLINE = re.compile(
    r"^(By\s+[A-Z].{0,120}\|.*|[A-Z][\w ]{0,40} reporter"
    # a syndicating site's: 'Umer Jamshaid Published December 02, 2024 | 12:40 PM'
    rf"|[A-Z][\w .'-]{{0,60}}\s+Published\s+{MONTH}\s+\d{{1,2}},\s*\d{{4}}(?:\s*\|.*)?)$"
)
PAGE_DATE_PREFIX = re.compile(r"^\s*date\s+\d{4}-\d{2}-\d{2}\s*")
ORIGINAL_TITLE = re.compile(r"^Original title:")
# A dateline that opens a paragraph: "URUMQI, May 30 (Xinhua) --", or a newspaper's "(Reporter X) news:".
# Agencies abbreviate the month in datelines ("URUMQI, Jan. 3", "Sept. 9"), with or without the point.
MONTH_OR_ABBREVIATION = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# A syndicating site names itself and repeats the date in the bracket, and closes with a colon: "URUMQI, Mar 8
# (UrduPoint / Pakistan Point News - 8th Mar, 2023 ) :The total ...".
LEADING_DATELINE = re.compile(
    rf"^([A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)*,\s+{MONTH_OR_ABBREVIATION}\s+\d{{1,2}}(?:\s+\([A-Za-z ]+\))?\s+--"
    rf"|[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)*,\s+{MONTH_OR_ABBREVIATION}\s+\d{{1,2}}\s+\([^()]{{1,80}}\)\s*:"
    r"|[^.:]{3,80}\(Reporter [^)]*\)\s*news:"
    # a syndicator's bracket with its agency and date, and no month of its own before it: 'BEIJING, (APP -
    # UrduPoint / Pakistan Point News - 2nd Dec, 2024)'
    r"|[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)*,\s+\([^()]{1,80}\d{4}\s*\)\s*:?)\s*"
)
# A newspaper's dateline in capitals and a colon, "KASHGAR: Trade between ...": taken as a dateline only where a
# dateline stands (after a page's header date, or opening the first paragraph), since 'NOTE:' has the same shape.
# Pakistani papers print it with a hyphen that runs into the first word: "URUMQI-The foreign trade ...".
PLACE_DATELINE = re.compile(r"^([A-Z]{3,}(?:[ -][A-Z]{2,}){0,2}(?::(?=\s+\S)|\s*-(?=\s*[A-Z][a-z])))\s*")
SENTENCE_END = re.compile(r"[.!?。”\"')’]\s*$")
TRUNCATED = "truncated"
# Labels of dateline blocks that are the page's, not the report's: its header's date, and its time of publication.
PAGE_DATE, TIMESTAMP = "page_date", "timestamp"
TRUNCATED_REASON = "running prose that ends without a sentence end: kept, and labelled as possibly cut short"
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Block:
    """A kept piece of the article: its kind, its place in the clean text and in the raw seed."""

    kind: str  # headline, dateline, byline, subheading, body, caption
    line: int
    clean_start: int
    clean_end: int
    raw_byte_start: int
    raw_byte_end: int
    # "truncated": a paragraph of running prose that ends without a sentence end; "page_date", "timestamp": a dateline
    # block that is the page's header date or its time of publication
    label: str = ""


@dataclass(frozen=True)
class Removal:
    """One line that cleaning removed from a seed: the rule, the reason, and its raw bytes."""

    line: int
    rule: str
    reason: str
    raw_byte_start: int
    raw_byte_end: int
    text: str


@dataclass
class CleanArticle:
    """A cleaned article: its text, kept blocks and removed lines, each mapped back to the raw seed."""

    article_id: str
    seed_file: str
    text: str
    blocks: list[Block]
    removed: list[Removal]
    # runs of (clean offset, raw character offset, length): inside a run, clean
    # character i comes from raw character raw + (i - clean); whitespace folding
    # is what breaks a run.
    runs: list[tuple[int, int, int]]
    raw_byte_offsets: Sequence[int] = field(repr=False)  # utf8_offsets(raw): a numpy array

    def raw_char(self, clean_offset: int) -> int:
        """The raw seed's character offset that a clean-text offset came from; ValueError for an added separator."""
        index = bisect.bisect_right(self.runs, (clean_offset, float("inf"), 0)) - 1
        clean, raw, length = self.runs[index]
        if not clean <= clean_offset < clean + length:
            raise ValueError(f"{self.article_id}: clean offset {clean_offset} is a separator added by cleaning")
        return raw + clean_offset - clean

    def clean_offset(self, raw_char: int) -> int | None:
        """Where a raw character landed in the clean text, or None if cleaning dropped it."""
        for clean, raw, length in self.runs:
            if raw <= raw_char < raw + length:
                return clean + raw_char - raw
        return None

    def raw_byte_span(self, clean_start: int, clean_end: int) -> tuple[int, int]:
        """The raw seed's byte span that a span of clean text came from."""
        first = self.raw_char(clean_start)
        last = self.raw_char(clean_end - 1)
        return int(self.raw_byte_offsets[first]), int(self.raw_byte_offsets[last + 1])

    def blocks_of(self, *kinds: str) -> list[Block]:
        """The kept blocks of the given kinds (body, caption, ...), in article order."""
        return [b for b in self.blocks if b.kind in kinds]

    def block_text(self, block: Block) -> str:
        """The clean text of one block."""
        return self.text[block.clean_start : block.clean_end]

    def to_json(self) -> dict:
        """The cleaned article as JSON data, for data/interim/articles/<article_id>.json."""
        return {
            "article_id": self.article_id,
            "seed_file": self.seed_file,
            "text": self.text,
            "blocks": [asdict(b) for b in self.blocks],
            "removed": [asdict(r) for r in self.removed],
            "runs": [list(r) for r in self.runs],
        }


def is_spam_keyword_line(line: str) -> bool:
    """A line mostly in Chinese script inside an English article: the scrape's keyword spam."""
    letters = LETTER.findall(line)
    return len(letters) >= 8 and len(CJK.findall(line)) / len(letters) > 0.5


def is_paragraph(line: str) -> bool:
    """Whether a line reads as an article paragraph: twelve words or more, ending a sentence."""
    return len(line.split()) >= 12 and bool(SENTENCE_END.search(line))


# Words a sentence does not end on: a paragraph that stops on one was cut short.
DANGLING = re.compile(
    r"(?:\b(?:a|an|the|of|to|in|on|at|by|for|from|with|and|or|but|than|as|that|which|is|are|was|were|its|their)"
    r"|[,;:\-–—(])$",
    re.I,
)


def is_running_prose(line: str) -> bool:
    """Whether a line is running prose, whatever its last character: twelve words or more, mostly in lower
    case (a menu or a list of titles is capitalised word by word), no '|' separators."""
    words = [w for w in line.split() if LETTER.search(w)]
    if len(line.split()) < 12 or " | " in line or not words:
        return False
    lower = sum(1 for w in words if LETTER.search(w).group().islower())
    return lower / len(words) >= 0.5


def looks_truncated(line: str) -> bool:
    """Running prose without a sentence end that reads as a cut paragraph rather than a subheading: it stops
    on a word no sentence ends on, holds a sentence end inside, holds a figure, or runs past twenty words."""
    return (
        bool(DANGLING.search(line.rstrip()))
        or bool(re.search(r"[.!?]\s+[A-Z]", line))
        or bool(re.search(r"\d", line))
        or len(line.split()) > 20
    )


# \s is exactly str.isspace(), which holds for every space separator (Unicode category Zs) too.
NOT_SPACE = re.compile(r"\S+")


def fold_whitespace(raw: str, start: int, end: int) -> list[tuple[int, str]]:
    """(raw index, piece) pairs for raw[start:end] with any run of spaces folded to one ' ': each piece is a
    run of non-space characters starting at that raw index, or ' ' standing for the first space of a run.
    Pieces, not characters, so that a 5 MB article is not five million tuples.

    >>> fold_whitespace(" a  bc\u00a0d ", 0, 8)
    [(1, 'a'), (2, ' '), (4, 'bc'), (6, ' '), (7, 'd')]
    """
    kept: list[tuple[int, str]] = []
    for match in NOT_SPACE.finditer(raw, start, end):
        if kept:
            previous_start, previous = kept[-1]
            kept.append((previous_start + len(previous), " "))
        kept.append((match.start(), match.group()))
    return kept


def utf8_offsets(raw: str):
    """The UTF-8 byte offset of every character of `raw`, and its length in bytes at the end: a numpy array
    of len(raw) + 1 integers (a list of Python ints would take 36 bytes a character).

    >>> [int(o) for o in utf8_offsets("a万b")]
    [0, 1, 4, 5]
    """
    import numpy as np

    codes = np.frombuffer(raw.encode("utf-32-le"), dtype="<u4")
    widths = (codes >= 0x80).astype(np.uint8)
    widths += codes >= 0x800
    widths += codes >= 0x10000
    widths += 1
    offsets = np.zeros(len(codes) + 1, dtype=np.int64)
    np.cumsum(widths, out=offsets[1:])
    return offsets


def leading_datelines(line: str, opens_article: bool) -> tuple[list[int], int]:
    """The ends of a page's header date (' date 2025-03-27 ') and of a dateline ('URUMQI, May 30 (Xinhua) --',
    'KASHGAR:') that open a paragraph, in order, and where the paragraph's own text starts. A capitals-and-colon
    dateline counts after a header date or when the paragraph ``opens_article``.

    >>> leading_datelines(" date 2025-03-27 KASHGAR: Trade grew.", opens_article=False)
    ([16, 25], 26)
    >>> leading_datelines("URUMQI-The foreign trade volume grew.", opens_article=True)
    ([7], 7)
    >>> leading_datelines("COVID-19 cases fell.", opens_article=True)
    ([], 0)
    >>> leading_datelines("NOTE: figures are rounded.", opens_article=False)
    ([], 0)
    >>> leading_datelines("URUMQI, Mar 8 (UrduPoint / Pakistan Point News - 8th Mar, 2023 ) :The total", False)
    ([66], 66)
    """
    ends: list[int] = []
    at = 0
    header = PAGE_DATE_PREFIX.match(line)
    if header:
        at = header.end()
        ends.append(len(line[:at].rstrip()))
    rest = line[at:]
    lead = LEADING_DATELINE.match(rest) or (PLACE_DATELINE.match(rest) if header or opens_article else None)
    if lead:
        ends.append(at + lead.end(1))
        at += lead.end()
    return ends, at


def classify_line(line: str, headline: str) -> tuple[str, str, str]:
    """(action, rule, reason) for one stripped line; action is 'remove' or a block kind."""
    if is_spam_keyword_line(line):
        return "remove", "spam_keywords", "keyword spam in Chinese script at the top of an English page"
    # a byline such as "By X | Outlet | Updated: ..." has the shape of a site title, so it goes first
    if BYLINE.match(line):
        return "byline", "byline", "author or agency line"
    for rule, reason, pattern in JUNK_RULES:
        if pattern.search(line):
            return "remove", rule, reason
    if headline and headline in line or ORIGINAL_TITLE.match(line):
        return "headline", "headline", "the article's headline"
    if CAPTION.search(line):
        return "caption", "caption", "photo caption: credit to a photographer"
    if DATELINE_LINE.match(line):
        if TIMESTAMP_LINE.search(line):
            return "dateline", "timestamp", "the page's time of publication, with the agency's name"
        return "dateline", "dateline", "place or agency with a date"
    if is_paragraph(line):
        return "body", "body", "article paragraph"
    if is_running_prose(line) and looks_truncated(line):
        return "body", TRUNCATED, TRUNCATED_REASON
    return "subheading", "subheading", "short line without sentence end inside the article"


def clean_text(raw: str, article_id: str, seed_file: str, headline: str = "") -> CleanArticle:
    """Clean decoded seed text. Lines outside the article (before its first and after its last
    article line) that no specific rule names are removed as page chrome, except running prose:
    a paragraph is never page chrome because of its punctuation (after the article it is kept and
    labelled as possibly truncated)."""
    byte_offsets = utf8_offsets(raw)

    lines: list[tuple[int, int, int]] = []  # (line number, start, end) in raw characters
    position = 0
    for number, text in enumerate(raw.split("\n"), start=1):
        lines.append((number, position, position + len(text)))
        position += len(text) + 1

    decisions = []
    for number, start, end in lines:
        stripped = raw[start:end].strip()
        if not stripped:
            continue
        action, rule, reason = classify_line(stripped, headline)
        decisions.append((number, start, end, action, rule, reason))

    article_lines = [i for i, d in enumerate(decisions) if d[3] in ("headline", "body", "dateline", "byline")]
    if not article_lines:
        raise BadSeed(
            f"{seed_file}: no article text found (no headline, dateline or paragraph of twelve words or more); "
            "check that the seed is the article and that its headline in seeds/metadata.csv is as printed"
        )
    first = article_lines[0]
    last = (
        max(i for i, d in enumerate(decisions) if d[3] == "body")
        if any(d[3] == "body" for d in decisions)
        else article_lines[-1]
    )

    text_parts: list[str] = []
    runs: list[tuple[int, int, int]] = []
    blocks: list[Block] = []
    removed: list[Removal] = []
    cursor = 0

    def keep(kind: str, number: int, start: int, end: int, label: str = "") -> None:
        nonlocal cursor
        pieces = fold_whitespace(raw, start, end)
        if not pieces:
            return
        if text_parts:
            text_parts.append("\n\n")
            cursor += 2
        block_start = cursor
        for raw_index, piece in pieces:
            # a run grows while clean and raw text advance together; a folded space breaks it
            if runs and runs[-1][0] + runs[-1][2] == cursor and runs[-1][1] + runs[-1][2] == raw_index:
                clean, source, length = runs[-1]
                runs[-1] = (clean, source, length + len(piece))
            else:
                runs.append((cursor, raw_index, len(piece)))
            cursor += len(piece)
        text_parts.append("".join(piece for _, piece in pieces))  # one string a block, not one a word
        first_raw, last_raw = pieces[0][0], pieces[-1][0] + len(pieces[-1][1]) - 1
        blocks.append(
            Block(
                kind, number, block_start, cursor, int(byte_offsets[first_raw]), int(byte_offsets[last_raw + 1]), label
            )
        )

    seen_body = False  # a capitals-and-colon dateline opens only the first paragraph
    for index, (number, start, end, action, rule, reason) in enumerate(decisions):
        if action != "remove" and not first <= index <= last:
            prose = is_running_prose(raw[start:end].strip())
            if prose and index > last:
                action, rule, reason = "body", TRUNCATED, TRUNCATED_REASON
            elif not prose:
                where = "before" if index < first else "after"
                action, rule, reason = "remove", "page_chrome", f"menu or page text {where} the article"
        header = PAGE_DATE_PREFIX.match(raw[start:end]) if action in ("headline", "remove") else None
        if header and (action == "headline" or header.end() < end - start):
            # the header's date is the page's date, before the headline or a button ('date 2023-03-19 Share:')
            keep("dateline", number, start, start + header.end(), PAGE_DATE)
            start += header.end()
        if action == "remove":
            stripped_start = start + (len(raw[start:end]) - len(raw[start:end].lstrip()))
            stripped_end = start + len(raw[start:end].rstrip())
            removed.append(
                Removal(
                    number,
                    rule,
                    reason,
                    int(byte_offsets[stripped_start]),
                    int(byte_offsets[stripped_end]),
                    raw[stripped_start:stripped_end],
                )
            )
            continue
        if action == "body":
            # a page's header date fused with the dateline ('date 2025-03-27 KASHGAR: Trade ...') is the page's date
            # and the newsroom's place, each a dateline block, not text of the paragraph
            ends, text_start = leading_datelines(raw[start:end], opens_article=not seen_body)
            seen_body = True
            header = PAGE_DATE_PREFIX.match(raw[start:end])
            for piece_start, piece_end in zip([0, *ends], ends):
                keep(
                    "dateline",
                    number,
                    start + piece_start,
                    start + piece_end,
                    PAGE_DATE if header and not piece_start else "",
                )
            start += text_start
        keep(action, number, start, end, TRUNCATED if rule == TRUNCATED else TIMESTAMP if rule == "timestamp" else "")

    return CleanArticle(article_id, seed_file, "".join(text_parts), blocks, removed, runs, byte_offsets)


def clean_article(
    article_id: str, seeds_dir: Path = paths.SEEDS, metadata_path: Path = paths.SEED_METADATA
) -> CleanArticle:
    """Clean one article by id: look up its seed, check and decode its bytes, clean the text."""
    info = seed_info(article_id, metadata_path)
    data = read_seed_bytes(info, seeds_dir)
    raw = decode_seed(data, str(Path(seeds_dir) / info.seed_file))
    return clean_text(raw, info.article_id, info.seed_file, info.headline)


def clean_and_save(article_id: str, out_dir: Path = paths.ARTICLES_INTERIM, **where) -> CleanArticle:
    """Clean one article and write its JSON and its removal log to data/interim/articles/."""
    import pandas as pd

    from portbook import atomic

    article = clean_article(article_id, **where)
    atomic.write_json(output_path(out_dir, article_id, ".json"), article.to_json())
    log = pd.DataFrame(
        [asdict(r) for r in article.removed], columns=[f.name for f in Removal.__dataclass_fields__.values()]
    )
    atomic.write_csv(output_path(out_dir, f"{article_id}-removed", ".csv"), log)
    return article
