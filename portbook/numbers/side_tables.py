"""Drafts for the tables beside the ledger that a new article also needs: a claim's class (data/claim_classes.csv),
a new metric's words for readers (data/metrics.csv) and a new seed's row of seeds/metadata.csv.

Each is a suggestion with the reason it was made, for a person to confirm: a class is a judgement about what a
figure says of a port's economy, a label is prose, and a publication date is evidence weighed. Nothing here writes a
curated table; `propose` prints these rows (or keeps them in review/<article_id>/) and `lint` prints them beside
the problem they would fix.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from portbook.numbers.metrics import GROWTH, SHARE, money_stem
from portbook.numbers.periods import MONTHS
from portbook.sources.cleaning import MONTH_OR_ABBREVIATION, PLACE_DATELINE, is_paragraph
from portbook.sources.seeds import NO_HEADLINE_MARK

# The four classes of data/claim_classes.csv, in the order the port pages list them.
INDICATOR_CLASSES = ("channel", "industrial", "trade", "context")
CLASS_COLUMNS = ("claim_id", "indicator_class", "reason")
LABEL_COLUMNS = ("metric", "label")

# The reason each class is given most often in the book's table, used when the table is empty or lacks the class.
DEFAULT_REASONS = {
    "channel": "goods, vehicles or people passing through, or the speed and cost of passing",
    "industrial": "what is processed or made at the port",
    "trade": "what is traded, whether it passes through or is made here",
    "context": "geography, policy or institutions, not a measure of the port's economy",
}
# Words of a metric that point to a class when no claim of the same metric is classified yet; the first class
# with a word in the metric wins, so the narrower classes come first.
CLASS_WORDS = (
    (
        "industrial",
        (
            "employees",
            "jobs",
            "investment",
            "processing",
            "processed",
            "production",
            "produced",
            "factory",
            "manufactur",
            "milled",
            "industries",
            "enterprises_signed",
            "units_sold",
            "purchased",
        ),
    ),
    ("trade", ("trade", "export_growth", "exports_value", "imports_value", "orders", "trading_partners")),
    (
        "channel",
        (
            "trips",
            "train",
            "vehicles",
            "clearance",
            "passenger",
            "parcels",
            "freight",
            "cargo",
            "transit",
            "logistics",
            "passages",
            "containers",
            "delivery",
            "per_day",
            "throughput",
            "crossings",
            "trucks",
            # the places a service or goods get to through the port ('to reach 19 countries and 26 cities'): its reach
            "_reached",
            "_connected",
            # goods by weight through a port; goods bought to be processed there are caught above ('purchased')
            "goods",
            "tonnes",
        ),
    ),
    (
        "context",
        (
            "distance",
            "length",
            "inauguration",
            "operation_start",
            "date",
            "platforms",
            "programs",
            "routes",
            "countries",
            "categories",
            "rank",
            "order_",
            "zones",
            "signed_value",
            "projects",
            "years",
            "share_of_xinjiang_land",
        ),
    ),
)
# What a metric's unit suffix becomes in a reader's label.
SUFFIX_WORDS = {
    "cny": "",
    "usd": " in dollars",
    "km": "",
    "m": "",
    "m2": "",
    "tonnes": "",
    "minutes": "",
    "hours": "",
    "days": "",
}


@dataclass(frozen=True)
class ClassDraft:
    """A drafted row of data/claim_classes.csv and why that class was suggested."""

    claim_id: str
    indicator_class: str
    reason: str
    why: str

    @property
    def row(self) -> dict:
        """The row as data/claim_classes.csv holds it."""
        return {"claim_id": self.claim_id, "indicator_class": self.indicator_class, "reason": self.reason}


def suggest_class(claim_id: str, metric: str, unit: str, ledger: pd.DataFrame, classes: pd.DataFrame) -> ClassDraft:
    """The class a claim most likely has: that of the classified claims of the same metric (their commonest class
    and reason), else the class the metric's words point to, else 'context'; with why, for the editor's decision."""
    same = ledger.loc[ledger.metric == metric, "claim_id"] if len(ledger) else pd.Series(dtype=str)
    known = classes[classes.claim_id.isin(set(same) - {claim_id})] if len(classes) else classes
    if len(known):
        (cls, reason), n = Counter(zip(known.indicator_class, known.reason)).most_common(1)[0]
        return ClassDraft(claim_id, cls, reason, f"the {n} classified claim(s) of the metric {metric!r}")
    words = metric.lower()
    for cls, hints in CLASS_WORDS:
        hit = next((h for h in hints if h in words), None)
        if hit:
            return ClassDraft(claim_id, cls, _common_reason(cls, classes), f"the metric's word {hit.strip('_')!r}")
    if unit in ("yuan", "usd"):
        return ClassDraft(claim_id, "trade", _common_reason("trade", classes), "a money figure")
    return ClassDraft(
        claim_id,
        "context",
        _common_reason("context", classes),
        "the default: none of the metric's words points to channel, industrial or trade",
    )


def _common_reason(cls: str, classes: pd.DataFrame) -> str:
    """The reason the table gives the class most often, when some reason is given more than once; else the general
    one (a reason given once is about that one claim: 'the industries the city plans to build')."""
    if len(classes):
        counts = classes.loc[classes.indicator_class == cls, "reason"].value_counts()
        if len(counts) and counts.iloc[0] > 1:
            return counts.index[0]
    return DEFAULT_REASONS[cls]


def label_words(metric: str) -> str:
    """A metric's words for readers, drafted from its name by the naming conventions (README, 'Metric names').

    >>> label_words("freight_train_trips_growth_pct"), label_words("trips_per_day_max")
    ('growth of freight train trips', 'most trips in one day')
    >>> label_words("trade_value_usd"), label_words("share_of_national_trips_pct"), label_words("goods_categories")
    ('trade in dollars', 'share of national trips', 'goods categories')
    """
    growth = GROWTH.match(metric)
    if growth:
        return f"growth of {label_words(growth['stem'])}"
    share = SHARE.match(metric)
    if share:
        part = f"{label_words(share['part'])}: " if share["part"] else ""
        return f"{part}share of {label_words(share['total'])}"
    stem, currency = money_stem(metric)
    tail = ""
    if currency:
        tail = SUFFIX_WORDS[currency]
    else:
        head, _, last = stem.rpartition("_")
        if head and last in SUFFIX_WORDS:
            stem, tail = head, SUFFIX_WORDS[last]
    if stem.endswith("_value"):
        stem = stem[: -len("_value")]
        stem = stem if stem == "trade" or stem.endswith("_trade") else f"value_of_{stem}"
    words = stem.split("_")
    peak = words[-1] in ("max", "peak")
    average = words[-1] == "avg"
    if peak or average:
        words = words[:-1]
    text = " ".join(words).replace("per day", "a day").replace("rank national", "national rank")
    if peak:
        text = "most " + text.replace(" a day", " in one day")
    return (text + tail).strip()


# ---------------------------------------------------------------------------
# A new seed's row of seeds/metadata.csv
# ---------------------------------------------------------------------------

# a dateline's month as agencies print it, as the cleaner reads datelines
_MONTH = MONTH_OR_ABBREVIATION
HEADER_DATE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s*(.*)$")
DATELINE = re.compile(
    rf"^([A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)*,\s+({_MONTH})\s+(\d{{1,2}})(?:\s+\(([A-Za-z ]+)\))?\s+--)"
    # a syndicating site's: it names itself in the bracket, repeats the date there and closes with a colon
    # ("URUMQI, Mar 8 (UrduPoint / Pakistan Point News - 8th Mar, 2023 ) :"), as cleaning.LEADING_DATELINE reads it
    rf"|^([A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)*,\s+({_MONTH})\s+(\d{{1,2}})\s+\(([^()]{{1,80}})\)\s*:)"
    # or with no month before its bracket, the agency first and the date last ("BEIJING, (APP - UrduPoint / Pakistan
    # Point News - 2nd Dec, 2024)")
    rf"|^([A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)*,\s+\(([^()]{{1,80}}?)\s+-\s+(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH}),?\s+\d{{4}}\s*\))"
)
# The headline cell of a page whose text prints none: the editor writes a descriptive title before the bracket
# (the chapter's title then leaves the bracket out).
NO_HEADLINE = f"{NO_HEADLINE_MARK} of the page)"
# A header whose rest is the site's name, not a headline: " date 2023-03-08 UrduPoint.com".
SITE_NAME = re.compile(r"^[A-Za-z][\w-]*(?:\.[a-z]{2,}){1,2}$")
# A page's row of share buttons, scraped with its header: 'Apple News Facebook Twitter 新浪微博 Instagram YouTube'.
SHARE_LABEL = re.compile(r"Share(?:\s+(?:this|on))?\s*:?", re.I)  # one button's label: 'Share:'
SHARE_MENU = re.compile(r"\b(?:Facebook|Twitter|Instagram|YouTube|WeChat|Weibo|LinkedIn|WhatsApp|Apple News)\b")
FULL_DATE = re.compile(rf"\b({_MONTH})\s+(\d{{1,2}}),\s+(\d{{4}})\b")
ISO_DATE = re.compile(r"\b(20\d\d)-(\d\d)-(\d\d)\b")
SEED_NAME = re.compile(r"^(\d{3})_([0-9a-f]{16})\.txt$")
OUTLETS = {
    "xinhua": "Xinhua",
    "china daily": "China Daily",
    "tianshan": "Tianshannet",
    "global times": "Global Times",
    "people's daily": "People's Daily",
    "cgtn": "CGTN",
    "chinanews": "China News Service",
}


def _month(word: str) -> int:
    return next(i for name, i in MONTHS.items() if name.startswith(word.rstrip(".").lower()[:3]))


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def seed_name(data: bytes, taken: list[str]) -> str:
    """The name a seed's bytes should have in seeds/: the next free three-digit number and its sha256's first 16 hex
    digits, as every seed is named."""
    numbers = [int(m.group(1)) for m in map(SEED_NAME.match, taken) if m]
    digest = hashlib.sha256(data).hexdigest()
    for name in taken:
        match = SEED_NAME.match(name)
        if match and match.group(2) == digest[:16]:
            return name
    return f"{max(numbers, default=-1) + 1:03d}_{digest[:16]}.txt"


@dataclass
class MetadataDraft:
    """A drafted row of seeds/metadata.csv for a seed that has none, with what the editor must check."""

    row: dict
    decisions: list[str]
    rename: str  # the name the seed should have ('' when it has it)
    page_date: str = ""  # the date the page itself prints (its header's), which a republication's dateline precedes
    dated_by_dateline: bool = False  # the row's date is the dateline's: the report's own, not the page's


def article_id_of(outlet: str, published: str) -> str:
    """An article's id: its outlet in lower-case letters and digits, then the date of publication; a site's name
    without its domain, as the book's ids name outlets.

    >>> article_id_of("UrduPoint.com", "2023-03-08"), article_id_of("China Daily", "2025-09-18")
    ('urdupoint-2023-03-08', 'chinadaily-2025-09-18')

    What an outlet's name says in brackets or after a dash (who it carries, where from) is no part of the id:

    >>> article_id_of("UrduPoint (Pakistan Point News, from APP)", "2024-12-02")
    'urdupoint-2024-12-02'
    """
    name = re.split(r"\s+[-–|/]\s+|,", re.sub(r"\([^()]*\)", "", outlet))[0].strip()
    slug = re.sub(r"[^a-z0-9]+", "", re.sub(r"(?:\.[a-z]{2,})+$", "", name).lower()) or "outlet"
    return f"{slug}-{published}"


def draft_metadata(path: Path, listed: list[str]) -> MetadataDraft:
    """A row of seeds/metadata.csv for the seed at `path`: its checksum computed, headline, dateline and publication
    date read from the page header ('date 2025-05-29 ...') and the dateline ('URUMQI, May 28 (Xinhua) --'), and the
    date evidence laid out in words from what was found; every guess is named in the decisions."""
    data = path.read_bytes()
    text = data.decode("utf-8", errors="replace")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    name = seed_name(data, listed)
    decisions = []
    header_date, headline = None, ""
    header = HEADER_DATE.match(lines[0]) if lines else None
    site = ""
    if header:
        header_date = date.fromisoformat(header.group(1))
        headline = header.group(2).strip()
        if SITE_NAME.match(headline):
            site, headline = headline, ""
        elif len(SHARE_MENU.findall(headline)) >= 2 or SHARE_LABEL.fullmatch(headline):
            menu, headline = headline, ""
            decisions.append(
                f"headline: the page's header line is its menu ({menu[:40]!r}...), so the next line is drafted; "
                "copy the headline as printed"
            )
    # the header's date may run into the dateline ('date 2025-03-27 KASHGAR: Trade between ...'): the rest of the
    # line is then the first paragraph, not the headline
    opening = header.group(2).strip() if header else (lines[0] if lines else "")
    dateline = next((_dateline(m) for m in map(DATELINE.match, [opening, *lines[1:12]]) if m), None)
    # a capitals-and-colon dateline as the cleaner takes it: after the header's date, or opening a first paragraph
    place = PLACE_DATELINE.match(opening) if header or is_paragraph(opening) else None
    fused = header is not None and (place is not None or DATELINE.match(opening) is not None)
    if place is None and dateline is None and header and len(lines) > 1 and is_paragraph(lines[1]):
        # or opening the first paragraph after a header that is only the page's date and a button ('URUMQI-The ...')
        place = PLACE_DATELINE.match(lines[1])
    # or the text opens with the dateline's paragraph ('URUMQI, Nov. 9 (Xinhua) -- Two major ...'): the scrape kept no
    # headline, and the next paragraph is none either
    opens_with_dateline = header is None and bool(lines) and DATELINE.match(lines[0]) is not None
    if fused or opens_with_dateline:
        headline = NO_HEADLINE
        where = "the page's header date runs into" if fused else "the page's text opens with"
        decisions.append(
            f"headline: {where} the dateline and the first paragraph, so no headline is printed; write it before the "
            "bracket from the page's title or address, and say which"
        )
    printed = [
        (m.group(0), _day(int(m.group(3)), _month(m.group(1)), int(m.group(2))))
        for m in FULL_DATE.finditer(text[:3000])
    ]
    body = text[len(text.splitlines()[0]) :] if header else text  # the header's own date is not a second witness
    printed += [(m.group(0), _day(*map(int, m.groups()))) for m in ISO_DATE.finditer(body[:3000])]
    printed = [(words, day) for words, day in printed if day]
    year = header_date.year if header_date else (printed[0][1].year if printed else None)
    dateline_day = _day(year, _month(dateline.month), int(dateline.day)) if dateline and year else None
    if dateline_day and header_date and dateline_day > header_date:
        dateline_day = _day(year - 1, dateline_day.month, dateline_day.day)  # a dateline in December, a page in January
    outlet = ""
    wire = dateline.wire if dateline else ""
    lowered = text[:4000].lower()
    # the wire the dateline names, else the outlet named first on the page (a byline, a masthead)
    named = [(lowered.find(key), outlet_name) for key, outlet_name in OUTLETS.items() if key in lowered]
    known_wire = next((o for k, o in OUTLETS.items() if k in wire.lower()), "")
    if known_wire or (wire and not site):
        outlet = known_wire or wire
    elif site:
        outlet = site
        decisions.append(
            f"outlet: {site!r}, the site the page's header names"
            + (f"; the dateline names {wire!r}" if wire else "")
            + ": name the outlet as it prints its name"
        )
    elif named:
        outlet = min(named)[1]
    if not headline:
        after_header = lines[1:] if header else lines
        headline = next((line for line in after_header if not DATELINE.match(line) and len(line.split()) >= 4), "")
        if headline and headline == after_header[0] and (is_paragraph(headline) or PLACE_DATELINE.match(headline)):
            # the menu is followed by the first paragraph ('URUMQI-The foreign trade volume ...'): no headline printed
            headline = NO_HEADLINE
            decisions = [d for d in decisions if not d.startswith("headline:")]
            decisions.append(
                "headline: the page's header line is a button and the text opens with its first paragraph, so no "
                "headline is printed; write it before the bracket from the page's title or address, and say which"
            )
        if not any(d.startswith("headline:") for d in decisions):
            decisions.append("headline: the first line of four words or more; copy the headline as printed")
    evidence, disagreement = [], ""
    if dateline_day:
        published = dateline_day
        evidence.append(f"The dateline says '{dateline.printed.rstrip(' -:')}'")
    elif header_date:
        published = header_date
    elif printed:
        published = printed[0][1]
        decisions.append(f"published: the first full date printed ({printed[0][0]!r}); is it the publication's?")
    else:
        published = None
        decisions.append("published: no date found; give the earliest date the text allows and say why")
    if header_date:
        evidence.append(f"the page header prints 'date {header_date.isoformat()}'")
    # a date far from the page's own (a photo's, an event's) is no evidence of when the page was published
    near = dateline_day or header_date
    others = list(dict.fromkeys(w for w, d in printed if near is None or abs((d - near).days) <= 3))
    if others:
        evidence.append("the page prints " + ", ".join(f"'{w}'" for w in others[:3]))
    if dateline_day and header_date and dateline_day != header_date:
        gap = (header_date - dateline_day).days
        disagreement = (
            f"The page is dated {header_date.isoformat()}, {gap} day(s) after the dateline (a republication); "
            f"'this year' is {published.year} either way."
            if gap > 0 and published.year == header_date.year
            else f"The page is dated {header_date.isoformat()}, the dateline {dateline_day.isoformat()}: decide which."
        )
    elif dateline_day and header_date:
        disagreement = "None found: header and dateline agree."
    elif dateline_day and others:
        disagreement = "None found: the dateline and the date the page prints agree."
    else:
        disagreement = "None found." if published else ""
        decisions.append("date_disagreement: only one date was found; say 'None found.' or what disagrees")
    if not outlet:
        decisions.append("outlet: not recognised; name the outlet as it prints its name")
    article_id = article_id_of(outlet, published.isoformat()) if published else ""
    decisions.insert(
        0,
        f"article_id: {article_id or '<outlet>-<YYYY-MM-DD>'} is <outlet>-<publication date>; keep it "
        "unique (the table refuses a second row of one id)",
    )
    if header_date and wire and outlet != site:
        decisions.append(
            f"outlet: the dateline names the wire ({wire}); if another outlet's page carried it, say which: "
            f"'{wire} (as carried by ...)'"
        )
    row = {
        "article_id": article_id,
        "seed_file": name,
        "sha256": hashlib.sha256(data).hexdigest(),
        "outlet": outlet,
        "headline": headline,
        "dateline_as_printed": place.group(1) if place else dateline.printed if dateline else "(no dateline printed)",
        "published": published.isoformat() if published else "",
        "date_evidence": _sentences(evidence, published, bool(dateline_day)),
        "date_disagreement": disagreement,
    }
    page_date = header_date or next((day for _, day in printed if near and abs((day - near).days) <= 3), None)
    return MetadataDraft(
        row,
        decisions,
        "" if path.name == name else name,
        page_date.isoformat() if page_date else "",
        bool(dateline_day),
    )


@dataclass(frozen=True)
class Dateline:
    """A dateline as printed, its month and day, and the wire or site its bracket names ('' when none)."""

    printed: str
    month: str
    day: str
    wire: str


def _dateline(match: re.Match) -> Dateline:
    """The parts of a DATELINE match, of whichever of its forms matched; a syndicating site's bracket
    ('UrduPoint / Pakistan Point News - 8th Mar, 2023 ') names the site before the dash and repeats the date after."""
    groups = match.groups()
    if groups[8]:
        printed, wire, day, month = groups[8:]
    else:
        printed, month, day, wire = groups[:4] if groups[0] else groups[4:8]
    return Dateline(printed.strip(), month, day, (wire or "").split(" - ")[0].strip())


def _sentences(evidence: list[str], published: date | None, by_dateline: bool) -> str:
    """The date evidence in words: what was found, then which date is used."""
    if not evidence:
        return ""
    found = "; ".join(evidence)
    text = found[0].upper() + found[1:] + "."
    if published is not None:
        text += f" The {'dateline' if by_dateline else 'page'}'s date is used; 'this year' is read against it."
    return text
