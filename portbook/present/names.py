"""What a claim is about, in a reader's words: 'Kashgar Comprehensive Bonded Zone: trade, 2021'.

Metric names are internal (snake_case, with their unit); data/metrics.csv gives each its words. A metric the
table does not name yet falls back to its name in words, and a test of the real ledger asks for the row.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup, escape

from portbook import paths
from portbook.numbers.ledger import read_csv
from portbook.present import links
from portbook.reconcile.flows import period_label

METRICS = paths.DATA / "metrics.csv"
ENTITIES = paths.DATA / "entities.csv"
UNIT_SUFFIXES = ("_cny", "_usd", "_pct", "_km", "_m2", "_tonnes", "_hours", "_days")


@lru_cache(maxsize=8)
def metric_labels(path: Path = METRICS) -> dict[str, str]:
    """Every metric's words for readers, from data/metrics.csv."""
    table = read_csv(path)
    return dict(zip(table.metric, table.label))


def metric_words(metric: str, labels: dict[str, str] | None = None) -> str:
    """A metric in a reader's words: its label, or failing that its name without the unit, in words.

    >>> metric_words("trade_value_cny", {"trade_value_cny": "trade"}), metric_words("units_sold_central_asia", {})
    ('trade', 'units sold central asia')
    """
    labels = metric_labels() if labels is None else labels
    if metric in labels:
        return labels[metric]
    for suffix in UNIT_SUFFIXES:
        if metric.endswith(suffix):
            metric = metric[: -len(suffix)]
    return metric.replace("_", " ")


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text and text != "?" else None


def period_words(start: str | None, end: str | None, published: str | None = None, phrase: str | None = None) -> str:
    """A resolved period as a reader writes it: '2021', 'Jan–Apr 2022', '4 Nov 2023'.

    A figure its article does not date resolves to the publication day; given that day (``published``) and the
    article's own words (``phrase``), it is said to be undated, or dated only "now", with its article's month,
    rather than shown as a figure for that one day.

    >>> period_words("2022-01-01", "2022-04-30"), period_words("2023-11-04", "2023-11-04"), period_words("", "")
    ('Jan–Apr 2022', '4 Nov 2023', 'no date given')
    >>> period_words("2025-09-18", "2025-09-18", "2025-09-18", "undated")
    'undated (Sep 2025 article)'
    >>> period_words("2025-09-18", "2025-09-18", "2025-09-18", "now")
    '“now” (Sep 2025 article)'

    A period the text gives no dates for is said in its words, with the end it has:

    >>> period_words("", "", "2023-11-09", "annually"), period_words("", "2022-12-31", "2023-11-09", "previous years")
    ('“annually”', '“previous years” (to 2022)')
    """
    first, last = _day(start), _day(end)
    said = phrase not in (None, "", "undated")
    if first is None and said:
        return f"“{phrase}”" + (f" (to {period_label(date(last.year, 1, 1), last)})" if last else "")
    if first is None or last is None:
        return "no date given"
    if first == last:
        if published and first == _day(str(published)[:10]):
            said = "undated" if phrase in (None, "", "undated") else f"“{phrase}”"
            return f"{said} ({first:%b %Y} article)"
        return f"{first.day} {first:%b %Y}"
    return period_label(first, last)


def figure_period_words(unit: str, start, end, published=None, phrase=None) -> str:
    """A figure's period beside its value, as period_words writes it; nothing for a date, which is its own period
    ('3 April 2023 (3 Apr 2023)' would say it twice).

    >>> figure_period_words("date", "2023-04-03", "2023-04-03"), figure_period_words("trips", "2021-01-01", "2021-12-31")
    ('', '2021')
    """
    return "" if unit == "date" else period_words(start, end, published, phrase)


def claim_title(
    entity_name: str,
    metric: str,
    period_start: str | None,
    period_end: str | None,
    labels: dict[str, str] | None = None,
    published: str | None = None,
    phrase: str | None = None,
) -> str:
    """A claim's title for its audit page and its links.

    >>> claim_title("Kashgar Comprehensive Bonded Zone", "trade_value_cny", "2021-01-01", "2021-12-31")
    'Kashgar Comprehensive Bonded Zone: trade, 2021'
    """
    return f"{entity_name}: {metric_words(metric, labels)}, {period_words(period_start, period_end, published, phrase)}"


def claim_titles(claims, entity_names: dict[str, str]) -> dict[str, str]:
    """Every claim's title by claim id, from the cleaned claims (data/processed/claims.csv rows) and entity names."""
    labels = metric_labels()
    return {
        claim.claim_id: claim_title(
            entity_names.get(claim.entity, claim.entity),
            claim.metric,
            claim.period_start,
            claim.period_end,
            labels,
            claim.published,
            claim.period_phrase,
        )
        for claim in claims.itertuples()
    }


@lru_cache(maxsize=8)
def entity_names(path: Path = ENTITIES) -> dict[str, str]:
    """Every entity's name for readers by its id, from data/entities.csv."""
    table = read_csv(path)
    return dict(zip(table.entity_id, table.name))


SNAKE_CASE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
# an id as data/entities.csv spells them, whole: not inside a longer id, a file name or an address
KEBAB_CASE = re.compile(r"(?<![\w./-])[a-z][a-z0-9]*(?:-[a-z0-9]+)+(?![\w/-])")
WEB_ADDRESS = re.compile(r"(https?://[^\s)]+)")


def readable(text: str, labels: dict[str, str] | None = None, names: dict[str, str] | None = None) -> str:
    """A formula or explanation from the data with its internal names in words: a metric by its label, any other
    snake_case name with spaces (a reader page shows 'trade / vehicles imported', not 'trade_value_cny / ...'), an
    entity's id by its name ('Kashgar Comprehensive Bonded Zone', not 'kashgar-cbz').

    >>> readable("trade_value_cny / vehicles_imported within yuan_per_truck", {"trade_value_cny": "trade"}, {})
    'trade / vehicles imported within yuan per truck'
    >>> readable("trade_value_cny (http://example.cn/content_38184.html)", {"trade_value_cny": "trade"}, {})
    'trade (http://example.cn/content_38184.html)'
    >>> readable("trade: kashgar-cbz ≠ kashgar-cbz-trade-company", {}, {"kashgar-cbz": "the zone"})
    'trade: the zone ≠ kashgar-cbz-trade-company'
    """
    labels = metric_labels() if labels is None else labels
    names = entity_names() if names is None else names

    def words(piece: str) -> str:
        piece = SNAKE_CASE.sub(lambda m: labels.get(m.group(0), m.group(0).replace("_", " ")), piece)
        return KEBAB_CASE.sub(lambda m: names.get(m.group(0), m.group(0)), piece)

    # a web address keeps its underscores and hyphens: 'content_38184.html' is a file name, not an internal name
    return "".join(piece if WEB_ADDRESS.fullmatch(piece) else words(piece) for piece in WEB_ADDRESS.split(text))


# Where the copy we read was found (a mirror's domain) is for the audit: the link goes there, the reader sees the outlet
MIRROR_ONLY = re.compile(r"\s*\((?:respun )?mirror\b:?[^)]*\)")
MIRROR_PART = re.compile(r"\s*;\s*(?:respun )?mirror\b:?[^)]*")


def outlet_name(outlet: str) -> str:
    """An outlet as a reader is shown it: without the mirror its page was read on.

    >>> outlet_name("China News Service (中新网, 6 Feb; mirror 33809.123451234567.asia)")
    'China News Service (中新网, 6 Feb)'
    >>> outlet_name("Academic article (mirror m.handmsg.com)"), outlet_name("China News Service 中新网 (mirror: blog.bobobk.com)")
    ('Academic article', 'China News Service 中新网')
    >>> outlet_name("People's Daily Online (人民网; respun mirror cnzpmj.com, figures intact)"), outlet_name("Xinhua (新华社)")
    ("People's Daily Online (人民网)", 'Xinhua (新华社)')
    """
    return MIRROR_PART.sub("", MIRROR_ONLY.sub("", str(outlet)))


def _outlet_and_address(reference) -> tuple[str, str]:
    """A reference's outlet and address, from a row of data/references.csv as read or as a trail records it."""
    if isinstance(reference, dict):
        return str(reference["outlet"]), str(reference["url"])
    return str(reference.outlet), str(reference.url)


def sourced(text: str, references, labels: dict[str, str] | None = None) -> Markup:
    """An explanation or a reason from the data, readable, with each source it cites by outlet and address
    ('Xinhua (…), 2023-11-09: 37.1億 (https://…)', '(Xinhua (…), https://…)') shown as its outlet linked to the
    address (present/links.py, external_link), the address itself no longer spelled out. A source whose address is
    not a web address, or whose outlet the text does not name before it, stays as the text says it. Escaped.

    >>> ref = {"outlet": "Xinhua (新华社)", "url": "https://example.cn/a_b.html"}
    >>> print(sourced("total_trade: 3.7 billion. Source: Xinhua (新华社), 2023-11-09: 37.1億 (https://example.cn/a_b.html).", [ref], {}))
    total trade: 3.7 billion. Source: <a class="pb-external" href="https://example.cn/a_b.html" rel="noopener">Xinhua (新华社)</a>, 2023-11-09: 37.1億.
    >>> print(sourced("dated 9 Nov (Xinhua (新华社), https://example.cn/a_b.html).", [ref], {}))
    dated 9 Nov (<a class="pb-external" href="https://example.cn/a_b.html" rel="noopener">Xinhua (新华社)</a>).
    """
    text = str(text)
    found = []
    for outlet, url in sorted({_outlet_and_address(r) for r in references}):
        if not outlet or not url or url not in text or not links.external_link(url, "").startswith("<a"):
            continue
        # the outlet, then what the citation says between it and the address (no other address), then the address
        address = re.escape(url)
        cited = re.compile(rf"{re.escape(outlet)}(?P<between>(?:(?!https?://).)*?)(?: \({address}\)|, {address})")
        found += [(m.start(), -len(outlet), m, outlet, url) for m in cited.finditer(text)]
    pieces, at = [], 0
    for start, _, match, outlet, url in sorted(found, key=lambda f: f[:2]):
        if start < at:
            continue  # inside a citation already linked
        pieces += [escape(readable(text[at:start], labels)), links.external_link(url, outlet_name(outlet))]
        pieces.append(escape(readable(match.group("between"), labels)))
        at = match.end()
    pieces.append(escape(readable(text[at:], labels)))
    return Markup("").join(pieces)
