"""HTML for an article's chapter. Everything taken from a source is escaped here.

A scraped page may carry markup (`<script>`, stray tags); the book must show it
as text, so no source string reaches the page without `html.escape`.
"""
from __future__ import annotations

from html import escape

from portbook.articles import CleanArticle
from portbook.seeds import SeedInfo

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


def block_html(article: CleanArticle, index: int) -> str:
    block = article.blocks[index]
    text = escape(article.block_text(block))
    where = f'data-line="{block.line}" data-bytes="{block.raw_byte_start}-{block.raw_byte_end}"'
    if block.kind == "body":
        return f'<p class="pb-body" {where}>{text}</p>'
    if block.kind == "subheading":
        return f'<p class="pb-subheading" {where}><strong>{text}</strong></p>'
    label = escape(KIND_LABELS[block.kind])
    return f'<p class="pb-{block.kind}" {where}><span class="pb-label">{label}:</span> {text}</p>'


def article_html(article: CleanArticle) -> str:
    """The cleaned article, one element per block, labelled by kind, with its raw line and bytes."""
    parts = [block_html(article, i) for i in range(len(article.blocks))]
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
    return f'<table class="pb-sources"><caption>The five source articles</caption><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
