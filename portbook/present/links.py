"""The book's one way to link to a claim, a check, an article or a chapter, and to a source outside the book.

Every page of the book sits two folders deep (book/<part>/<page>.html), so one relative address serves
every page; the anchors are made here and nowhere else.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

CLAIMS_PAGE = "../generated/cleaning.html"
CHECKS_PAGE = "../generated/reconciling.html"
AUDIT_PAGES = "../claims"
AUDITS_INDEX = "../verdicts/index.html"
METHODOLOGY_PAGE = "../about/methodology.html"


def claim_anchor(claim_id: str) -> str:
    """The id of a claim's row in the claims table.

    >>> claim_anchor("kashgar-cbz-trade-2021")
    'claim-kashgar-cbz-trade-2021'
    """
    return f"claim-{claim_id}"


def claim_href(claim_id: str) -> str:
    """Where a link to a claim goes, from any page of the book: its own audit page, at its verdict."""
    return f"{AUDIT_PAGES}/{claim_id}.html#verdict"


def claim_row_href(claim_id: str) -> str:
    """A claim's row in the table of every claim (the appendix), from any page of the book."""
    return f"{CLAIMS_PAGE}#{claim_anchor(claim_id)}"


def verdict_slug(verdict: str) -> str:
    """An anchor for a verdict's list of claims: 'garbled, repaired' -> 'verdict-garbled-repaired'.

    >>> verdict_slug("garbled, repaired"), verdict_slug("cannot_check")
    ('verdict-garbled-repaired', 'verdict-cannot-check')
    """
    return "verdict-" + "-".join("".join(c if c.isalnum() else " " for c in verdict.lower()).split())


def verdict_list_href(verdict: str) -> str:
    """The list of every claim with this verdict, from any page of the book."""
    return f"{AUDITS_INDEX}#{verdict_slug(verdict)}"


def verdict_anchor(verdict: str) -> str:
    """The id of a claim verdict's definition on the methodology page (its list of claims has ``verdict_slug``).

    >>> verdict_anchor("checks_out")
    'define-verdict-checks-out'
    """
    return f"define-{verdict_slug(verdict)}"


def verdict_href(verdict: str) -> str:
    """A claim verdict's definition on the methodology page, from any chapter of the book."""
    return f"{METHODOLOGY_PAGE}#{verdict_anchor(verdict)}"


def result_anchor(verdict: str, vocabulary: str) -> str:
    """The id of a check's or a plausibility test's result word in the methodology's table of what each means.

    >>> result_anchor("cannot_check", "check"), result_anchor("rules_out_readings", "test")
    ('result-check-cannot-check', 'result-test-rules-out-readings')
    """
    return f"result-{vocabulary}-{verdict.replace('_', '-')}"


def result_href(verdict: str, vocabulary: str) -> str:
    """A result word's definition, and what it does to its claim's verdict, from any page of the book."""
    return f"{METHODOLOGY_PAGE}#{result_anchor(verdict, vocabulary)}"


def check_anchor(check_id: str) -> str:
    """The id of a check's row in the checks tables."""
    return f"check-{check_id}"


def check_href(check_id: str) -> str:
    """Where a link to a reconciliation check goes, from any page of the book."""
    return f"{CHECKS_PAGE}#{check_anchor(check_id)}"


def article_href(article_id: str) -> str:
    """An article's chapter, from any page of the book."""
    return f"../articles/{article_id}.html"


def port_href(port: str) -> str:
    """A port's chapter, from any page of the book."""
    return f"../ports/{port}.html"


def audit_href(claim_id: str) -> str:
    """A claim's rendered audit page (flagship claims have one), from any page of the book."""
    return f"../checks/{claim_id}.html"


# Only these schemes become links to outside the book: an address from a table is data, and a javascript: or data:
# address would run or show whatever its cell holds.
_WEB_ADDRESS = re.compile(r"https?://\S+", re.IGNORECASE)


def external_link(url: str, text: str) -> Markup:
    """``text`` linked to an address outside the book, both escaped; the page opened is not handed this one
    (rel="noopener"). Anything but a whole http or https address is no link: the text alone.

    >>> external_link("https://example.cn/a?b=1&c=2", "Xinhua")
    Markup('<a class="pb-external" href="https://example.cn/a?b=1&amp;c=2" rel="noopener">Xinhua</a>')
    >>> external_link('https://example.cn/"><script>', "<b>Xinhua</b>")
    Markup('<a class="pb-external" href="https://example.cn/&#34;&gt;&lt;script&gt;" rel="noopener">&lt;b&gt;Xinhua&lt;/b&gt;</a>')
    >>> external_link("javascript:alert(1)", "Xinhua"), external_link(" https://example.cn", "Xinhua")
    (Markup('Xinhua'), Markup('Xinhua'))
    """
    if not _WEB_ADDRESS.fullmatch(str(url)):
        return escape(text)
    return Markup('<a class="pb-external" href="{}" rel="noopener">{}</a>').format(url, text)
