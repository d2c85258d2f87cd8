"""HTML for an article's chapter, from the article_*.html.j2 templates.

A scraped page may carry markup (`<script>`, stray tags); the book must show it as text. The templates are
autoescaped, so this module hands them plain source strings and never marks one safe.
"""

from __future__ import annotations

from markupsafe import Markup

from portbook.numbers.mentions import extract_mentions
from portbook.present.render import render
from portbook.sources.cleaning import CleanArticle
from portbook.sources.seeds import SeedInfo, load_addresses, load_metadata


def metadata_html(info: SeedInfo, addresses: list[dict] | None = None) -> Markup:
    """The "About this source" table: outlet, headline, dateline, the date used and why, the seed and its hash, and
    where the article was published (``addresses``: its rows of data/source_addresses.csv, read when not given)."""
    if addresses is None:
        addresses = load_addresses(load_metadata()).get(info.article_id, [])
    return render("article_metadata.html.j2", info=info, addresses=addresses)


def _pieces(article: CleanArticle, block, highlights) -> list[dict]:
    """The block's text cut at its claimed figures: plain text and figures, each figure with its claim id."""
    pieces, cursor = [], block.clean_start
    for start, end, claim_id in sorted(h for h in highlights if block.clean_start <= h[0] and h[1] <= block.clean_end):
        if start < cursor:
            continue  # overlapping figures: the first one is linked
        pieces.append({"text": article.text[cursor:start], "claim_id": None})
        pieces.append({"text": article.text[start:end], "claim_id": claim_id})
        cursor = end
    pieces.append({"text": article.text[cursor : block.clean_end], "claim_id": None})
    return pieces


def marked_text(article: CleanArticle, block, highlights: list[tuple[int, int, str]]) -> Markup:
    """The block's text, escaped, with each claimed figure linked to its claim's anchor."""
    return render("article_marked.html.j2", pieces=_pieces(article, block, highlights))


def claim_highlights(article: CleanArticle, located) -> list[tuple[int, int, str]]:
    """(clean start, clean end, claim id) for every ledger figure in this article."""
    spans = []
    for claim in located:
        if claim.article_id != article.article_id:
            continue
        start, last = article.clean_offset(claim.figure_start), article.clean_offset(claim.figure_end - 1)
        if start is not None and last is not None:
            spans.append((start, last + 1, claim.claim_id))
    return spans


def block_html(article: CleanArticle, index: int, highlights: list[tuple[int, int, str]] = ()) -> Markup:
    """One block of the cleaned article, labelled by kind, with its raw line and bytes and its figures linked."""
    block = article.blocks[index]
    return render("article_block.html.j2", block=block, pieces=_pieces(article, block, list(highlights)))


def article_html(article: CleanArticle, highlights: list[tuple[int, int, str]] = ()) -> Markup:
    """The cleaned article, one element per block, labelled by kind, with its raw line and bytes;
    claimed figures are marked and linked to their claims."""
    highlights = list(highlights)
    blocks = [{"block": block, "pieces": _pieces(article, block, highlights)} for block in article.blocks]
    return render("article_text.html.j2", blocks=blocks)


def removed_html(article: CleanArticle) -> Markup:
    """What cleaning removed, line by line, described by the rule that removed it and how many numbers the
    line held (the coverage gate counts each of them). The removed text itself stays out of the book (a
    rule such as spam_keywords removes text no reader should be shown); its line and bytes point to it in
    the seed, and the full log with the text is data/interim/articles/<article_id>-removed.csv."""
    # the template gets no removed text at all, so no edit to it can let a spam line back in
    removed = [
        {
            "line": r.line,
            "byte_start": r.raw_byte_start,
            "byte_end": r.raw_byte_end,
            "words": len(r.text.split()),
            "numbers": len(extract_mentions(r.text)),
            "rule": r.rule,
            "reason": r.reason,
        }
        for r in article.removed
    ]
    by_rule: dict[str, dict] = {}
    for r in removed:
        entry = by_rule.setdefault(r["rule"], {"rule": r["rule"], "reason": r["reason"], "lines": 0, "numbers": 0})
        entry["lines"] += 1
        entry["numbers"] += r["numbers"]
    return render("article_removed.html.j2", removed=removed, rules=sorted(by_rule.values(), key=lambda e: e["rule"]))


def sources_html(sources: dict[str, SeedInfo], addresses: dict[str, list[dict]] | None = None) -> Markup:
    """The sources table, each row linking to its article's chapter and to where it was published."""
    by_date = sorted(sources.values(), key=lambda info: (info.published, info.article_id))
    addresses = load_addresses(sources) if addresses is None else addresses
    return render("article_sources.html.j2", sources=by_date, addresses=addresses)
