"""Nothing slips by unread: every numeric mention in an article is claimed, or excluded with a reason.

Each mention found in a cleaned article is matched against the ledger: it is a
claim's figure, or part of a claim's period phrase, or listed in
data/exclusions.csv with a reason, or it sits in a dateline or byline (the date
of the report, not a claim). The numbers in lines that cleaning removed are
counted too: a line removed by a named rule of page furniture (a copyright
footer, a link to another story) accounts for its numbers by that rule, but a
line removed only for where it stands (page_chrome) does not, so a paragraph
dropped by mistake can never hide its numbers. Anything else is unaccounted,
and the build stops (portbook.build.coverage_gate).
"""

from __future__ import annotations

import bisect
from pathlib import Path

import pandas as pd

from portbook import paths
from portbook.errors import BadLedger
from portbook.ids import output_path, shown
from portbook.numbers.ledger import EXCLUSIONS, LocatedClaim, read_csv
from portbook.numbers.mentions import extract_mentions
from portbook.sources.cleaning import CleanArticle

MENTION_COLUMNS = [
    "article_id",
    "line",
    "block_kind",
    "text",
    "kind",
    "raw_char_start",
    "raw_char_end",
    "raw_byte_start",
    "raw_byte_end",
]
# The date of the report itself: never a claim about a port.
SELF_DATING_BLOCKS = {"dateline", "byline"}
# A mention in a removed line has block_kind "removed:<rule>".
REMOVED = "removed:"
# Removed for where it stands, not for what it is: its numbers need a claim or an exclusion.
POSITIONAL_RULES = {"page_chrome"}


def article_mentions(article: CleanArticle) -> pd.DataFrame:
    """Every numeric mention in a cleaned article, with its place in the raw seed, and every numeric mention in
    the lines cleaning removed (block_kind 'removed:<rule>')."""
    rows = []
    for block in article.blocks:
        text = article.block_text(block)
        for mention in extract_mentions(text):
            start = block.clean_start + mention.start
            end = block.clean_start + mention.end
            raw_start, raw_end = article.raw_char(start), article.raw_char(end - 1) + 1
            byte_start, byte_end = article.raw_byte_span(start, end)
            rows.append(
                [
                    article.article_id,
                    block.line,
                    block.kind,
                    mention.text,
                    mention.kind,
                    raw_start,
                    raw_end,
                    byte_start,
                    byte_end,
                ]
            )
    for removal in article.removed:
        line_start = bisect.bisect_left(article.raw_byte_offsets, removal.raw_byte_start)
        for mention in extract_mentions(removal.text):
            raw_start, raw_end = line_start + mention.start, line_start + mention.end
            rows.append(
                [
                    article.article_id,
                    removal.line,
                    REMOVED + removal.rule,
                    mention.text,
                    mention.kind,
                    raw_start,
                    raw_end,
                    article.raw_byte_offsets[raw_start],
                    article.raw_byte_offsets[raw_end],
                ]
            )
    return pd.DataFrame(rows, columns=MENTION_COLUMNS).sort_values("raw_char_start", kind="stable", ignore_index=True)


def exclusion_spans(raw_texts: dict[str, str], exclusions_path: Path = EXCLUSIONS) -> pd.DataFrame:
    """data/exclusions.csv with each row's context located once in its seed."""
    table = read_csv(exclusions_path)
    starts = []
    for line, row in enumerate(table.itertuples(), start=2):
        place = f"{exclusions_path}:{line}"
        if row.article_id not in raw_texts:
            raise BadLedger(f"{place}: unknown article {row.article_id!r}")
        raw = raw_texts[row.article_id]
        start = raw.find(row.context)
        if start < 0:
            raise BadLedger(f"{place}: context not found verbatim in the seed of {row.article_id}: {row.context!r}")
        if raw.find(row.context, start + 1) >= 0:
            raise BadLedger(f"{place}: context occurs more than once in {row.article_id}; lengthen it: {row.context!r}")
        if row.text not in row.context:
            raise BadLedger(f"{place}: text {row.text!r} is not in its context {row.context!r}")
        starts.append(start)
    table["context_start"] = starts
    table["context_end"] = table.context_start + table.context.str.len()
    return table


def account_for(
    mentions: pd.DataFrame, claims: pd.DataFrame, located: list[LocatedClaim], exclusions: pd.DataFrame
) -> pd.DataFrame:
    """Add status (claim, period, excluded, self_dating, removed, unaccounted), claim_id and reason to each mention."""
    period_of = dict(zip(claims.claim_id, claims.period.str.lower()))
    by_article: dict[str, list[LocatedClaim]] = {}
    for claim in located:
        by_article.setdefault(claim.article_id, []).append(claim)
    # exclusions by (article, text), in table order: a lookup per mention, not a scan of the table
    excluded_at: dict[tuple[str, str], list[tuple[int, int, str]]] = {}
    for row in exclusions.itertuples():
        excluded_at.setdefault((row.article_id, row.text), []).append((row.context_start, row.context_end, row.reason))
    statuses, claim_ids, reasons = [], [], []
    for article_id, text, block_kind, start, end in zip(
        mentions.article_id, mentions.text, mentions.block_kind, mentions.raw_char_start, mentions.raw_char_end
    ):
        status, claim_id, reason = "unaccounted", "", ""
        candidates = by_article.get(article_id, [])
        figure = next((c for c in candidates if c.figure_start < end and start < c.figure_end), None)
        period = next(
            (
                c
                for c in candidates
                if c.quote_start <= start and end <= c.quote_end and text.lower() in period_of[c.claim_id]
            ),
            None,
        )
        excluded = next(
            (why for low, high, why in excluded_at.get((article_id, text), ()) if low <= start and end <= high), None
        )
        if figure:
            status, claim_id = "claim", figure.claim_id
        elif period:
            status, claim_id, reason = "period", period.claim_id, "part of the claim's period phrase"
        elif excluded is not None:
            status, reason = "excluded", excluded
        elif block_kind in SELF_DATING_BLOCKS:
            status, reason = "self_dating", f"in the report's {block_kind}"
        elif block_kind.startswith(REMOVED) and block_kind[len(REMOVED) :] not in POSITIONAL_RULES:
            status, reason = "removed", f"in a line removed by the cleaning rule {block_kind[len(REMOVED) :]}"
        statuses.append(status)
        claim_ids.append(claim_id)
        reasons.append(reason)
    return mentions.assign(status=statuses, claim_id=claim_ids, reason=reasons)


def unused_exclusions(accounted: pd.DataFrame, exclusions: pd.DataFrame) -> pd.DataFrame:
    """Exclusion rows that match no mention: stale, or a typo that hides nothing."""
    used = set()
    for row in exclusions.itertuples():
        hit = accounted[
            (accounted.article_id == row.article_id)
            & (accounted.text == row.text)
            & (accounted.raw_char_start >= row.context_start)
            & (accounted.raw_char_end <= row.context_end)
        ]
        if len(hit):
            used.add(row.Index)
    return exclusions.drop(index=list(used))


def unaccounted_summary(accounted: pd.DataFrame, limit: int = 20) -> str:
    """The unaccounted mentions in a few lines, for a person to act on: how many in each article, then the
    first `limit` of them with their article, line and text, and how many more there are (not 17,000 lines).

    >>> frame = pd.DataFrame({"article_id": ["a", "a", "b"], "line": [3, 9, 1], "text": ["2", "5%", "ten"],
    ...                       "kind": ["number", "percent", "number_word"], "status": ["unaccounted"] * 3})
    >>> print(unaccounted_summary(frame, limit=2))
    3 unaccounted mentions: a 2, b 1
      a line 3: '2' (number)
      a line 9: '5%' (percent)
      … and 1 more
    """
    unaccounted = accounted[accounted.status == "unaccounted"]
    if unaccounted.empty:
        return "0 unaccounted mentions"
    per_article = unaccounted.groupby("article_id", sort=True).size()
    lines = [
        f"{len(unaccounted)} unaccounted mentions: " + ", ".join(f"{a} {n}" for a, n in per_article.items()),
        *(
            f"  {m.article_id} line {m.line}: {shown(m.text, 60)} ({m.kind})"
            for m in unaccounted.head(limit).itertuples()
        ),
    ]
    if len(unaccounted) > limit:
        lines.append(f"  … and {len(unaccounted) - limit} more")
    return "\n".join(lines)


def mentions_path(article_id: str) -> Path:
    """Where the article stage writes an article's mentions and the numbers stage reads them."""
    return output_path(paths.INTERIM / "mentions", article_id, ".csv")


def extract_and_save(article: CleanArticle) -> pd.DataFrame:
    """The article's mentions, written to data/interim/mentions/<article_id>.csv for the numbers stage."""
    from portbook import atomic

    mentions = article_mentions(article)
    atomic.write_csv(mentions_path(article.article_id), mentions)
    return mentions


def load_article_mentions(article_ids) -> pd.DataFrame:
    """The mentions the article stage wrote; a missing file means that stage has not run."""
    frames = []
    for article_id in sorted(article_ids):
        path = mentions_path(article_id)
        if not path.is_file():
            raise FileNotFoundError(
                f"{path}: no mentions for article {article_id!r}; run the pipeline (jupyter-book build .) first"
            )
        frames.append(
            pd.read_csv(
                path, dtype={"text": str, "kind": str, "block_kind": str, "article_id": str}, keep_default_na=False
            )
        )
    return pd.concat(frames, ignore_index=True)
