"""The book's one way to write a table of HTML cells: captioned, scrollable, reachable by keyboard."""
from __future__ import annotations

from html import escape


def table(caption: str, headers: list[str], rows: list[list[str]], css: str, row_ids: list[str] | None = None) -> str:
    """Cells are HTML already escaped by the caller; caption, headers and row ids are escaped here.

    >>> html = table("A & B", ["Claim"], [["<code>a</code>"]], "pb-x", row_ids=["claim-a"])
    >>> html.startswith('<div class="pb-table-wrap" tabindex="0" role="region" aria-label="A &amp; B"><table class="pb-x">')
    True
    >>> '<tr id="claim-a"><td><code>a</code></td></tr>' in html
    True
    """
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headers)
    body = "".join(
        (f'<tr id="{escape(row_ids[i])}">' if row_ids else "<tr>") + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>"
        for i, row in enumerate(rows)
    )
    # a scrolling box must be reachable by keyboard, and named for screen readers
    return (f'<div class="pb-table-wrap" tabindex="0" role="region" aria-label="{escape(caption)}"><table class="{css}">'
            f"<caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")
