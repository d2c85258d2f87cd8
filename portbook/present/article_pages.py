"""HTML for an article's chapter. Everything taken from a source is escaped here.

A scraped page may carry markup (`<script>`, stray tags); the book must show it
as text, so no source string reaches the page without `html.escape`.
"""
from __future__ import annotations

from html import escape

from portbook.sources.cleaning import CleanArticle
from portbook.sources.seeds import SeedInfo

KIND_LABELS = {
    "dateline": "Dateline",
    "byline": "Byline",
    "caption": "Photo caption",
    "headline": "Headline as printed",
}


def metadata_html(info: SeedInfo) -> str:
    rows = [
        ("Outlet", info.outlet),
        ("Headline", info.headline),
        ("Dateline as printed", info.dateline_as_printed),
        ("Publication date used", info.published.isoformat()),
        ("Evidence for the date", info.date_evidence),
        ("Where the text and dateline disagree", info.date_disagreement),
        ("Seed file", f"seeds/{info.seed_file}"),
        ("SHA-256 of the seed", info.sha256),
    ]
    body = "".join(f"<tr><th scope=\"row\">{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in rows)
    return f'<table class="pb-meta"><caption>About this source</caption><tbody>{body}</tbody></table>'


def marked_text(article: CleanArticle, block, highlights: list[tuple[int, int, str]]) -> str:
    """The block's text, escaped, with each claimed figure linked to its claim's anchor."""
    pieces, cursor = [], block.clean_start
    for start, end, claim_id in sorted(h for h in highlights if block.clean_start <= h[0] and h[1] <= block.clean_end):
        if start < cursor:
            continue  # overlapping figures: the first one is linked
        pieces.append(escape(article.text[cursor:start]))
        pieces.append(f'<a class="pb-claim" href="../generated/cleaning.html#claim-{escape(claim_id)}" title="claim {escape(claim_id)}">'
                      f"<mark>{escape(article.text[start:end])}</mark></a>")
        cursor = end
    pieces.append(escape(article.text[cursor:block.clean_end]))
    return "".join(pieces)


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


def block_html(article: CleanArticle, index: int, highlights: list[tuple[int, int, str]] = ()) -> str:
    block = article.blocks[index]
    text = marked_text(article, block, list(highlights))
    where = f'data-line="{block.line}" data-bytes="{block.raw_byte_start}-{block.raw_byte_end}"'
    if block.kind == "body":
        return f'<p class="pb-body" {where}>{text}</p>'
    if block.kind == "subheading":
        return f'<p class="pb-subheading" {where}><strong>{text}</strong></p>'
    label = escape(KIND_LABELS[block.kind])
    return f'<p class="pb-{block.kind}" {where}><span class="pb-label">{label}:</span> {text}</p>'


def article_html(article: CleanArticle, highlights: list[tuple[int, int, str]] = ()) -> str:
    """The cleaned article, one element per block, labelled by kind, with its raw line and bytes;
    claimed figures are marked and linked to their claims."""
    parts = [block_html(article, i, highlights) for i in range(len(article.blocks))]
    return '<div class="pb-article">' + "\n".join(parts) + "</div>"


def removed_html(article: CleanArticle) -> str:
    """What cleaning removed and why. The removed text itself stays out of the book (it is spam
    and page furniture); its line and bytes point to it in the seed, and the full log with the
    text is data/interim/articles/<article_id>-removed.csv."""
    if not article.removed:
        return '<p class="pb-removed-none">Nothing was removed: every non-blank line of the seed is article text.</p>'
    rows = "".join(
        f"<tr><td>{r.line}</td><td>{r.raw_byte_start}–{r.raw_byte_end}</td>"
        f"<td>{len(r.text.split())}</td><td><code>{escape(r.rule)}</code></td><td>{escape(r.reason)}</td></tr>"
        for r in article.removed
    )
    head = "<tr><th scope=\"col\">Line</th><th scope=\"col\">Bytes</th><th scope=\"col\">Words</th><th scope=\"col\">Rule</th><th scope=\"col\">Why</th></tr>"
    return f'<table class="pb-removed"><caption>Lines removed from the seed</caption><thead>{head}</thead><tbody>{rows}</tbody></table>'


def sources_html(sources: dict[str, SeedInfo]) -> str:
    """The sources table, each row linking to its article's chapter."""
    head = "".join(f'<th scope="col">{h}</th>' for h in ("Article", "Outlet", "Dateline as printed", "Date used", "Evidence for the date", "Disagreement"))
    rows = "".join(
        f'<tr><td><a href="../articles/{escape(info.article_id)}.html">{escape(info.headline)}</a></td>'
        f"<td>{escape(info.outlet)}</td><td>{escape(info.dateline_as_printed)}</td>"
        f"<td>{info.published.isoformat()}</td><td>{escape(info.date_evidence)}</td><td>{escape(info.date_disagreement)}</td></tr>"
        for info in sorted(sources.values(), key=lambda i: (i.published, i.article_id))
    )
    return f'<table class="pb-sources"><caption>The source articles</caption><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
