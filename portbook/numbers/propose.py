"""`python -m portbook propose <article_id>`: draft ledger rows for every unaccounted number of an article.

For each number no claim, period phrase, exclusion or removal rule accounts for, a drafted row of
data/claims.csv (quote, figure, entity, metric, period, qualifier, unit, repair rule with its reason) or of
data/exclusions.csv (captions, dates, ordinals in names, idioms, personal details, each with its reason), the new
aliases it suggests for data/aliases.csv, and a short list of what needs a human decision. Curated files are only
read: ``write_review`` writes review/<article_id>/, never the ledger.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from portbook import paths
from portbook.errors import PortbookError
from portbook.numbers.bounds import Bound, load_bounds
from portbook.numbers.conversions import BETWEEN
from portbook.numbers.coverage import REMOVED, account_for, article_mentions
from portbook.numbers.draft import (
    _AUXILIARY,
    _RELATIVE_WORDS,
    CHANGED,
    COMPARED_WITH,
    ROUTE,
    SERVICE_LINES,
    AliasFinder,
    DraftRow,
    NameFinder,
    RepairSuggestion,
    base_unit_of,
    clause_start,
    find_periods,
    guess_entity,
    guess_metric,
    guess_period,
    is_count,
    metric_slug,
    milestone_metric,
    period_slug,
    rank_quote,
    scale_by_bounds,
    sentence_span,
    service_count,
    shortest_quote,
    subject_clauses,
    suggest_repair,
    unit_after,
    unit_guess,
)
from portbook.numbers.figures import parse_number
from portbook.numbers.ledger import COLUMNS, LocatedClaim
from portbook.numbers.metrics import SHARE, level_stem, money_stem, naming_rule, nearest_metrics
from portbook.numbers.periods import ends_after_publication
from portbook.numbers.precedents import in_the_book
from portbook.numbers.qualifiers import qualifier_before
from portbook.numbers.side_tables import CLASS_COLUMNS, LABEL_COLUMNS, ClassDraft
from portbook.numbers.units import NOT_LEVELS, TIME_UNITS, UNITS, normalize_unit, printed_unit
from portbook.sources.cleaning import CleanArticle, leading_datelines

if TYPE_CHECKING:
    from portbook.numbers.worksheet import MetadataCheck

EXCLUSION_COLUMNS = ("article_id", "text", "context", "reason")
ALIAS_COLUMNS = ("alias", "entity_id")
ENTITY_COLUMNS = ("entity_id", "name", "kind", "parent", "port")
REVIEW = paths.ROOT / "review"

_AGE = re.compile(r"^\s*-?year-old|^\s*years? old", re.I)
_AGED = re.compile(r"\b(?:aged|age of|born in)\s*$", re.I)
_RANK = re.compile(r"\brank(?:ed|s|ing)?\b|\bplace\b|\bposition\b", re.I)
# The nouns of a kind of place an ordinal ranks ('the first highway | port |', 'the second land | port |').
_PLACE_NOUN = r"(?:port|pass|zone|area|park|center|centre|station|market|city|county)"
# An ordinal that ranks a kind of thing within a scope: 'the first highway port in Xinjiang', 'the first free trade
# pilot zone in my country', 'the first of its kind in the southern part'; not 'the first cohort to arrive in ...'
# (no kind of place named) nor 'the first (2023) Exhibition' (a name).
_FIRST_IN_SCOPE = re.compile(
    r"^\s+(?:of its kind\b|(?:[a-z][\w-]*\s+){0,3}"
    + _PLACE_NOUN
    + r"\b)[^,;:.!?]{0,80}?\b(?:in|of)\s+(?:[A-Z]|my country|the country|the nation|the (?:southern|northern|eastern|western)\b)"
    # ... or within a programme: 'the first high-altitude land port under the BRI'
    r"|^\s+(?:[a-z][\w-]*\s+){0,3}" + _PLACE_NOUN + r"\s+under\s+the\s+[A-Z]"
)
# A clause that ranks what the sentence is about, a kind of place named after the ordinal: 'making it | the first |
# land port to open all year'.
_MAKING_IT = re.compile(r"\b(?:making|makes|made)\s+(?:it|them)\s+the\s+$", re.I)
_KIND_NAMED = re.compile(r"\s+(?:[a-z][\w-]*\s+){0,3}" + _PLACE_NOUN + r"s?\b")
# A second ordinal of the same kind, its noun left out: 'the second land port in the region and the | first | in
# southern Xinjiang to adopt such a system'.
_ELIDED_RANK = re.compile(
    r"\b(?:first|second|third|fourth|fifth|\d+(?:st|nd|rd|th))\s+(?:[a-z][\w-]*\s+){0,3}"
    + _PLACE_NOUN
    + r"\b[^,;:.!?]*\band\s+the\s+$",
    re.I,
)
_IDIOM_ONE = re.compile(r"^\s+of\b", re.I)
# 'one' before a word of manner ('only one dimension', 'one step') or in a parallel slogan ('one inspection and one
# transportation', 一X一Y): a figure of speech.
_FIGURE_OF_SPEECH_ONE = re.compile(r"^\s+(?:dimension|aspect|side|part|way|step|example|reason|factor)s?\b", re.I)
_PARALLEL_ONE = re.compile(r"\bone\s+[a-z]+(?:\s+and|,)\s+one\s+[a-z]+", re.I)
# Quotation marks around a short phrase: a slogan or a name ('“double improvement”', 'the “Three Ones” model').
_OPEN_QUOTE = re.compile(r"[“\"](?:[\w-]+\s+){0,3}$")
_CLOSE_QUOTE = re.compile(r"^(?:\s+[\w-]+){0,3}[”\"]")
# A count of the places a report picks out and lists ('the two major ports in Xinjiang -- the Alataw Pass and ...'):
# a selection, so its count is definitional. A kind's whole membership ('the four integrated bonded zones --
# Kashgar, ...') can be wrong, and is a claim on the group (draft: a figure inside the group's name).
_LISTED_GROUP = re.compile(
    r"^\s+(?:(?:major|main|key|largest|biggest|busiest|leading|important)\s+)?(?:ports|zones|cities|countries)\s+(?:in\s+[A-Z][\w-]*\s+)?(?:--|—|–|:)\s*(?:the\s+)?[A-Z]"
)
# A small number word counting places of one kind ('two major railway hubs', 'one of the two land ports',
# "Xinjiang's two major ports"): reports name such a group's members beside it; the count defines the group.
_PLACES_COUNTED = re.compile(r"^\s+(?:[a-z][\w-]*\s+){0,3}?(?:ports|hubs|passes|gateways)\b")
# The plural noun a group's name counts, before its list of members ('four integrated bonded zones -- Kashgar').
_GROUP_NOUN = re.compile(
    r"(?:the\s+)?[\w-]+\s+(?:[\w-]+\s+){0,4}?(?P<noun>[a-z]+s)\b(?=,?\s+namely|\s+(?:--|—|–|:)|$)", re.I
)
_SMALL_COUNT = {"two", "three", "four", "five"}
# ... said of a group named or referred to before the count: 'the', "Xinjiang's", 'Alashankou and Horgos,'.
_GROUP_NAMED_BEFORE = re.compile(r"(?:\b[Tt]he|['’]s|\b[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*\s+and\s+[A-Z][\w-]*,)\s+$")
# A group named by a proper noun after its number ('the five Central Asian countries', 'the two Xinjiang ports').
_NAMED_GROUP = re.compile(r"^\s+(?:[A-Z][\w-]*\s+){1,3}(?i:countries|nations|states|ports|provinces|regions)\b")


# A date that marks an institution's milestone is a claim with a unit 'date' (the checks compare it across
# articles); each milestone word gives its metric.
_MILESTONES = (
    (re.compile(r"\b(?:inaugurat\w*|unveil\w*|opened)\b", re.I), "inauguration_date"),
    (
        re.compile(r"\b(?:start\w*|began|begins?)\s+operations?\b|\b(?:put|went|came)\s+into\s+operation", re.I),
        "operation_start_date",
    ),
    (re.compile(r"\bresum(?:ed|ption|es)\b", re.I), "resumption_date"),
    (re.compile(r"\blaunch(?:ed)?\b", re.I), "launch_date"),
)
# The scope of a rank: 'in Xinjiang', 'in the country', 'in my country', 'in the southern part'.
_SCOPE = re.compile(
    r"\b(?:in|among)\s+(?:China|the country|the nation|my country|the (?:southern|northern|eastern|western) part"
    r"|[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)"
)
_POINT_DATE = re.compile(r"\b(?:on|in(?: early| late| mid-?)?)\s+$", re.I)
# The start of a span is a milestone only when the sentence says what began then ('starting from August 14, the port
# began to implement 24-hour clearance'): a start date, and still the period of the sentence's other figures.
_SPAN_START = re.compile(r"\b(?:starting|beginning) from\s+$", re.I)
_BEGAN = re.compile(r"\b(?:began|begins|started|starts)\b(?=\s+to\s+\w+)", re.I)
# A date after 'as of' that opens a clause whose verb says the thing changed ('as of December 1, 2024, the border
# has transitioned into a year-round operational land crossing'): the day the new state began. 'As of' before a
# count ('as of May, 300 trucks had crossed') is the count's period, and stays one.
_CHANGED_TO_STATE = re.compile(CHANGED + r"[^,;.]+", re.I)
_AS_OF = re.compile(r"\bas of\s+$", re.I)
_CHANGED = re.compile(r"[\s,]*[^,;.]*?" + CHANGED + r"[^,;.]+", re.I)


@dataclass(frozen=True)
class Unaccounted:
    """A number that nothing accounts for: its line, text, kind, block and raw character offsets."""

    line: int
    text: str
    kind: str
    block_kind: str
    start: int
    end: int


@dataclass
class ExclusionDraft:
    """A drafted row of data/exclusions.csv."""

    row: dict
    mention: Unaccounted


@dataclass
class Proposal:
    """Everything `propose` drafts for one article, and what needs a human decision."""

    article_id: str
    claims: list[DraftRow] = field(default_factory=list)
    exclusions: list[ExclusionDraft] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)  # new alias -> entity id
    entities: dict[str, dict] = field(default_factory=dict)  # new entity id -> its drafted row of data/entities.csv
    mentions: dict[str, Unaccounted] = field(default_factory=dict)  # claim id -> the number it drafts
    located: list[LocatedClaim] = field(default_factory=list)  # where each drafted quote and figure stand
    undrafted: int = 0  # unaccounted numbers past the draft limit: counted, not drafted
    # the side tables' rows the drafted claims need (portbook.numbers.side_tables): suggestions, each to decide
    classes: list[ClassDraft] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)  # a metric new to data/metrics.csv -> drafted words
    raw: str = ""  # the seed's text the mentions' offsets point into, to show each figure in its sentence
    known_as: dict[str, str] = field(default_factory=dict)  # a new alias's known entity -> that entity's name
    in_the_book: dict[str, str] = field(default_factory=dict)  # claim id -> the ledger's claims like it, in a line

    def alias_decision(self, alias: str) -> str:
        """What to decide of a new alias: the entity it is drafted for, by that entity's name, and whose claims."""
        entity = self.aliases[alias]
        name = f" ({self.known_as[entity]})" if entity in self.known_as else ""
        claims = [d.row["claim_id"] for d in self.claims if d.row["entity"] == entity]
        return (
            f"new alias {alias!r} -> {entity}{name}: keep it in aliases.csv if it names that entity, else name "
            f"another or a new entity in its claims ({', '.join(claims) or 'none'})"
        )

    def claims_csv(self, header: bool = True) -> str:
        """The drafted claims as CSV rows of data/claims.csv."""
        return csv_text(COLUMNS, [d.row for d in self.claims], header)

    def exclusions_csv(self, header: bool = True) -> str:
        """The drafted exclusions as CSV rows of data/exclusions.csv."""
        return csv_text(EXCLUSION_COLUMNS, [d.row for d in self.exclusions], header)

    def aliases_csv(self, header: bool = True) -> str:
        """The suggested aliases as CSV rows of data/aliases.csv."""
        return csv_text(ALIAS_COLUMNS, [{"alias": a, "entity_id": e} for a, e in sorted(self.aliases.items())], header)

    def entities_csv(self, header: bool = True) -> str:
        """The drafted new entities as CSV rows of data/entities.csv."""
        return csv_text(ENTITY_COLUMNS, [self.entities[e] for e in sorted(self.entities)], header)

    def classes_csv(self, header: bool = True) -> str:
        """The drafted classes as CSV rows of data/claim_classes.csv."""
        return csv_text(CLASS_COLUMNS, [c.row for c in self.classes], header)

    def labels_csv(self, header: bool = True) -> str:
        """The drafted words of new metrics as CSV rows of data/metrics.csv."""
        return csv_text(LABEL_COLUMNS, [{"metric": m, "label": w} for m, w in sorted(self.labels.items())], header)

    def decisions(self) -> list[str]:
        """What a person must decide before pasting, one line each: 'claim id: what'."""
        lines = []
        for draft in self.claims:
            for decision in draft.decisions:
                lines.append(f"{draft.row['claim_id']}: {decision}")
        for drafted in self.classes:
            lines.append(
                f"{drafted.claim_id}: class: {drafted.indicator_class} suggested by {drafted.why}; confirm it or "
                "change it and its reason (data/claim_classes.csv)"
            )
        for metric in sorted(self.labels):
            lines.append(f"new metric {metric}: its words for readers are drafted from its name; reword them")
        for entity, row in sorted(self.entities.items()):
            lines.append(
                f"new entity {entity} ({row['kind']}, in {row['parent'] or '?'}) for {row['name']!r}: add its row to "
                "data/entities.csv, or name a known entity in its claims"
            )
        for alias in sorted(self.aliases):
            lines.append(self.alias_decision(alias))
        return lines

    def report(self) -> str:
        """The whole proposal for a terminal: the three CSV blocks, ready to paste, then the decisions."""
        parts = [
            f"# {self.article_id}: {len(self.claims)} claim(s), {len(self.exclusions)} exclusion(s), "
            f"{len(self.entities)} new entity row(s), {len(self.aliases)} new alias(es) drafted",
            "",
            "# data/claims.csv (paste below its last row)",
            self.claims_csv(header=False).rstrip("\n"),
            "",
            "# data/exclusions.csv",
            self.exclusions_csv(header=False).rstrip("\n"),
        ]
        if self.entities:
            parts += ["", "# data/entities.csv", self.entities_csv(header=False).rstrip("\n")]
        if self.aliases:
            parts += ["", "# data/aliases.csv", self.aliases_csv(header=False).rstrip("\n")]
        if self.classes:
            parts += [
                "",
                "# data/claim_classes.csv (DRAFTS, each needs your decision: the rows of the claims you keep)",
                self.classes_csv(header=False).rstrip("\n"),
            ]
        if self.labels:
            parts += [
                "",
                "# data/metrics.csv (DRAFTS, words for readers to reword: the rows of the metrics you keep)",
                self.labels_csv(header=False).rstrip("\n"),
            ]
        decisions = self.decisions()
        parts += ["", f"# needs a human decision ({len(decisions)}):"]
        parts += [f"# - {line}" for line in decisions] or ["# - nothing"]
        return "\n".join(parts) + "\n"


def csv_text(columns, rows: list[dict], header: bool) -> str:
    """Rows as CSV in the curated tables' dialect (minimal quoting, \\n line ends), with or without the header."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n", extrasaction="ignore")
    if header:
        writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


# ---------------------------------------------------------------------------
# Which numbers are claims and which are not
# ---------------------------------------------------------------------------


def milestone(u: Unaccounted, raw: str) -> str | None:
    """The metric of a date that marks a milestone of its sentence ('On November 1, the zone was inaugurated' ->
    inauguration_date), or None: a date 'on' or 'in' it, not the start of a span ('Since 2023, it has unveiled'),
    unless the span starts with what began then ('starting from August 14, the port began to implement' ->
    start_date)."""
    if u.kind not in ("date", "month", "year"):
        return None
    before = raw[max(0, u.start - 25) : u.start]
    point, span = _POINT_DATE.search(before), _SPAN_START.search(before)
    if _AS_OF.search(before) and _CHANGED.match(raw, u.end):
        return "start_date"
    if not (point or span):
        return None
    line_start, line_end = line_bounds(raw, u.start)
    s_start, s_end = sentence_span(raw[line_start:line_end], u.start - line_start)
    sentence = raw[line_start + s_start : line_start + s_end]
    if span:
        return "start_date" if _BEGAN.search(sentence) else None
    return next((metric for pattern, metric in _MILESTONES if pattern.search(sentence)), None)


# A period pointed back to: 'During that period', 'in the same period' (not the base of a comparison, 'compared with
# the same period of 2024').
_THAT_PERIOD = re.compile(
    r"(?<!with )(?<!to )\b(?:[Dd]uring|[Ii]n|[Oo]ver)\s+(?:that|this|the same)\s+period\b(?!\s+(?:of|last))"
)
_SHARED = re.compile(r"\b(?:accounted|accounts|account)\s+for\b")
# Punctuation or a word that ends a figure's noun phrase before a unit word: the unit is another phrase's.
_ANOTHER_PHRASE = re.compile(r"[,;:.]|\b(?:is|are|was|were|has|have|had|of|to|in|by|for|and|with|than)\b", re.I)


# A byline's date and time: "Umer Jamshaid Published March 08, 2023 | 03:10 PM", "Updated: 2025-09-18 09:29".
_BYLINE = re.compile(r"\b(?:Published|Updated|Posted)\b:?[^\n]{0,40}$")


def exclusion_reason(u: Unaccounted, raw: str) -> str | None:
    """Why a number is not a claim (a caption, a date, an ordinal in a name, an idiom, a personal detail), or None
    when it reads as a claim."""
    before, after = raw[max(0, u.start - 40) : u.start], raw[u.end : u.end + 40]
    if u.block_kind.startswith(REMOVED):
        return "in a line removed as page text outside the article: check it is not article text"
    if u.block_kind == "caption":
        return (
            "photo caption date"
            if u.kind in ("date", "month", "date_range", "time", "year")
            else "detail of a photo caption, not a claim of the report"
        )
    if u.text == "24" and re.match(r"/7(?!\d)", after) or u.text == "7" and re.search(r"(?<!\d)24/$", before):
        return "idiom: '24/7' (round the clock, every day of the week), not a measured figure"
    if _AGE.match(after) or _AGED.search(before) or re.search(r"-year-old$", u.text):
        return "age of a person: a personal detail, not a statistic about the ports"
    if milestone(u, raw):
        return None
    line_before = raw[raw.rfind("\n", 0, u.start) + 1 : u.start]
    if u.kind in ("date", "month", "date_range", "time") and _BYLINE.search(line_before):
        return "the page's time of publication, in its byline: not a quantity"
    if u.kind in ("date", "month", "date_range", "time"):
        return "date of an event, not a quantity"
    if u.kind == "year" and COMPARED_WITH.search(before):
        return "the year a figure is compared with ('double that of 2021'): the base of a change, not a quantity"
    if u.kind == "year":
        return "year of an event or in a name, not a quantity"
    if u.kind == "period":
        return "period phrase with no figure of its own"
    if u.kind == "ordinal":
        window = raw[max(0, u.start - 60) : u.end + 30]
        ranks_subject = _MAKING_IT.search(before) and _KIND_NAMED.match(after)
        elided = _ELIDED_RANK.search(before) and re.match(r"\s+(?:in|among)\s", after)
        if _RANK.search(window) or _FIRST_IN_SCOPE.match(raw[u.end : u.end + 160]) or ranks_subject or elided:
            return None
        return "ordinal in a name or a phrase, not a quantity"
    if u.kind == "code":
        return "a name or a code, not a quantity"
    if u.text.lower() in ("double", "triple", "single") and re.match(r"-[a-z]", after):
        return "part of a compound word ('double-tracking': a railway of two tracks), not a quantity"
    if re.search(r"[A-Za-z]-$", before):
        return "part of a name or a code ('COVID-19'), not a quantity"
    quoted = _OPEN_QUOTE.search(before) and _CLOSE_QUOTE.match(after)
    if quoted and not unit_after(after[: quoted.end()].rstrip('”"')):
        return "a slogan or a name in quotation marks ('“double improvement”', '“Three Ones”'), not a quantity"
    opens_sentence = not before.strip() or re.search(r"[.!?\"“”:]\s*$", before)
    if u.text[:1].isupper() and not opens_sentence and re.match(r"\s+[A-Z]", after):
        return "part of a name ('Three Ones'), not a quantity"
    if u.kind == "number_word" and re.search(r"\bthe\s+$", before, re.I) and _LISTED_GROUP.match(after):
        return (
            "definitional: how many members a group has whose members the text names ('the two major ports in "
            "Xinjiang -- the Alataw Pass and the Horgos Port'), not a statistic"
        )
    if (
        u.kind == "number_word"
        and u.text.lower() in _SMALL_COUNT
        and _PLACES_COUNTED.match(after)
        and _GROUP_NAMED_BEFORE.search(before)
    ):
        return (
            "definitional: how many places a group has ('Alashankou and Horgos, two major railway hubs', 'one of the "
            "two land ports'), not a statistic: check that the article names them"
        )
    if u.kind == "number_word" and re.search(r"\bthe\s+$", before, re.I) and _NAMED_GROUP.match(after):
        return "definitional: how many members a named group has ('the five Central Asian countries'), not a statistic"
    if u.text.lower() == "most" and not re.search(r"\bthe\s+$", before, re.I):
        return "a quantifier ('most of them', 'most visitors'), not a statistic"
    if (
        u.kind == "number_word"
        and u.text.lower() == "one"
        and (_IDIOM_ONE.match(after) or re.search(r"\beach\s+$", before, re.I))
    ):
        return "idiom ('one of the ...'), not a quantity"
    if u.kind == "number_word" and u.text.lower() == "one":
        if re.match(r"\s+such\b", after, re.I):
            return "an example ('one such firm'), not a count"
        if _FIGURE_OF_SPEECH_ONE.match(after):
            return "a figure of speech ('only one dimension'), not a count"
        window = before + u.text + after
        if any(m.start() <= len(before) < m.end() for m in _PARALLEL_ONE.finditer(window)):
            return "part of a slogan ('one inspection and one transportation'), not a quantity"
    if u.kind == "compound":
        suffix = u.text.split("-", 1)[1] if "-" in u.text else ""
        if normalize_unit(suffix.replace("-", " ")) not in UNITS:
            return "part of a name or a description ('sixth-generation'), not a statistic"
    return None


def shortest_context(raw: str, start: int, end: int) -> str:
    """The shortest stretch of one line around a number that occurs once in the seed and holds the number once."""
    line_start = raw.rfind("\n", 0, start) + 1
    line_end = raw.find("\n", end)
    line_end = len(raw) if line_end < 0 else line_end
    left, right = start, end
    text = raw[start:end]
    # three words before and two after to begin with: enough to say which number it is
    for _ in range(3):
        cut = raw.rfind(" ", line_start, max(line_start, left - 1))
        left = line_start if cut < 0 else cut + 1
    for _ in range(2):
        cut = raw.find(" ", min(right + 1, line_end), line_end)
        right = line_end if cut < 0 else cut
    while raw.count(raw[left:right]) > 1 or raw[left:right].count(text) > 1:
        if left > line_start:
            cut = raw.rfind(" ", line_start, left - 1)
            left = line_start if cut < 0 else cut + 1
        elif right < line_end:
            cut = raw.find(" ", right + 1, line_end)
            right = line_end if cut < 0 else cut
        else:
            break
    return raw[left:right].strip(" ,;")


# ---------------------------------------------------------------------------
# The article
# ---------------------------------------------------------------------------


def unaccounted_mentions(accounted: pd.DataFrame) -> list[Unaccounted]:
    """The unaccounted rows of an accounted mentions table, in the order of the text."""
    rows = accounted[accounted.status == "unaccounted"].sort_values("raw_char_start")
    return [
        Unaccounted(int(r.line), r.text, r.kind, r.block_kind, int(r.raw_char_start), int(r.raw_char_end))
        for r in rows.itertuples()
    ]


def known_metrics(ledger: pd.DataFrame) -> dict[str, set[str]]:
    """The ledger's metrics by base unit, to reuse a name an editor has already chosen."""
    by_unit: dict[str, set[str]] = {}
    for unit, metric in zip(ledger.unit, ledger.metric):
        by_unit.setdefault(unit, set()).add(metric)
    return by_unit


def line_bounds(raw: str, at: int) -> tuple[int, int]:
    """Where the line that holds the character at ``at`` starts and ends (its newline excluded)."""
    start = raw.rfind("\n", 0, at) + 1
    end = raw.find("\n", at)
    return start, len(raw) if end < 0 else end


def kept_text(article: CleanArticle) -> list[tuple[int, str]]:
    """(raw start, text) of the article's running text, in order: headline, subheadings and paragraphs, without the
    datelines, bylines and captions (they name a newsroom or a photo, not what a figure is about)."""
    return [
        (article.raw_char(b.clean_start), article.block_text(b))
        for b in article.blocks
        if b.kind in ("headline", "subheading", "body")
    ]


def _sentences_before(raw: str, at: int, kept: list[tuple[int, str]], how_many: int = 6) -> list[str]:
    """The sentences of the kept text before the one holding ``at``: the rest of its paragraph, then earlier ones."""
    line_start, line_end = line_bounds(raw, at)
    s_start, _ = sentence_span(raw[line_start:line_end], at - line_start)
    found: list[str] = []
    for start, text in kept:
        if start >= line_start + s_start:
            break
        if line_start <= start:
            text = raw[start : line_start + s_start]
        found += [p for p in _SPLIT.split(text) if p.strip()]
    return found[-how_many:]


_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[\"“A-Z])")


def in_period_phrase(u: Unaccounted, raw: str, published: date) -> bool:
    """Whether a number is part of a period phrase of its sentence ('the first 11 months of 2023')."""
    line_start, line_end = line_bounds(raw, u.start)
    line = raw[line_start:line_end]
    s_start, s_end = sentence_span(line, u.start - line_start)
    at, end = u.start - line_start - s_start, u.end - line_start - s_start
    return any(p[0] <= at and end <= p[1] for p in find_periods(line[s_start:s_end], published))


_CONSECUTIVE = re.compile(r"\s+(?:consecutive|straight|successive|running)\s+(?P<unit>years|months|weeks|days)\b", re.I)


def draft_claim(
    u: Unaccounted,
    raw: str,
    article_id: str,
    published: date,
    finder: AliasFinder,
    metrics: dict[str, set[str]],
    level: str,
    wan_figure: str,
    kept: list[tuple[int, str]],
    others: list[tuple[int, int]] = (),
    rank_before: str = "",
    paragraph_level: str = "",
    names: NameFinder | None = None,
    paired: bool = False,
) -> DraftRow:
    """One drafted ledger row for a number that reads as a claim; ``level`` is the level metric drafted last in
    the same sentence (a growth rate or a second money figure takes its stem; ``paired``: the level 'respectively'
    pairs it with, whose stem a rate takes whatever topic its clause names), ``kept`` the article's running
    text (kept_text), ``others`` the raw spans of the article's other figures that read as claims (a quote stops
    at the next one), ``rank_before`` the rank drafted before it in the sentence and ``paragraph_level`` the last
    level of its paragraph (a rank ranks what they measure)."""
    line_start, line_end = line_bounds(raw, u.start)
    line = raw[line_start:line_end]
    at = u.start - line_start
    s_start, s_end = sentence_span(line, at)
    # 'URUMQI, May 30 (Xinhua) --' names the newsroom, and a page's ' date 2025-05-29 ' before its headline the day
    # of the page: neither is what the figure is about, nor its period
    _, text_start = leading_datelines(line, opens_article=True)
    if s_start < text_start <= at:
        s_start = text_start
    sentence = line[s_start:s_end]
    rel, rel_end = at - s_start, at - s_start + len(u.text)
    figure = u.text
    decisions: list[str] = []
    qualifier = qualifier_before(sentence[:rel])
    try:
        unit_printed = printed_unit(sentence[rel:], figure)
    except (PortbookError, ValueError):  # a figure the unit reader cannot take apart; the repair says why
        unit_printed = None
    event = milestone(u, raw)
    if event:  # a date is its own period, exact, and needs no repair
        qualifier, unit_printed = "exact", None
    repair = RepairSuggestion("none", "") if event else suggest_repair(figure, unit_printed, qualifier, wan_figure)
    base = "date" if event else base_unit_of(figure, repair.rule, qualifier, unit_printed)
    clause = line[clause_start(line, s_start, at) : at]
    streak = _CONSECUTIVE.match(sentence, rel_end)
    if base is None and streak:  # 'for six consecutive years': a time, its unit after the word that makes it a run
        base = base_unit_of(figure, repair.rule, qualifier, streak["unit"])
    if base is None and re.match(r"[\s-]+(?:times|fold)\b", sentence[rel_end:]):
        # 'nearly nine times the figure from H1 2019': a number word before its multiplier is a ratio, whatever unit
        # the sentence printed before it
        base = "ratio"
    lines_of_service = SERVICE_LINES.match(sentence, rel_end)
    if base is None and lines_of_service:
        base = "routes"
        decisions.append("unit: 'routes' for the train services after the figure (a service of a line is a route)")
    if base is None:
        later = unit_after(sentence[rel_end:])
        guessed = later or unit_guess(clause) or unit_guess(sentence[:rel])
        base = base_unit_of(figure, repair.rule, qualifier, guessed) if guessed else None
        head = sentence.find(later, rel_end) if later else -1
        # '10,000 China-Europe (Central Asia) freight train trips': the noun the figure's own words end on is printed
        # with it, nothing to check
        own_noun = (
            head >= 0
            and len(sentence[rel_end:head].split()) <= 6
            and not _ANOTHER_PHRASE.search(sentence[rel_end:head])
        )
        if base and not own_noun:
            side = "after" if later else "before"
            decisions.append(f"unit: not printed next to the figure; {base!r} read from {guessed!r} {side} it")
        elif not base:
            base = ""
            decisions.append("unit: none printed or named nearby; write the base unit (what is counted)")
    if repair.rule != "none":
        decisions.append(f"repair: {repair.rule} suggested: {repair.reason}")
    elif repair.reason:
        decisions.append(f"repair: {repair.reason}")
    earlier = _sentences_before(raw, u.start, kept)
    # a distance is not about the place it is measured from, nor a time along a route about either end of it
    reference_point = "route" if base in ("days", "hours", "minutes") and ROUTE.search(sentence) else base == "km"
    guess, nearest = guess_entity(finder, sentence, rel, earlier, distance=reference_point, names=names, end=rel_end)
    if guess is None:
        entity = ""
        decisions.append("entity: no known name in the sentence or before it; name the entity (data/entities.csv)")
    else:
        entity = guess.entity
        if guess.new_entity is not None:
            decisions.append(
                f"entity: {guess.named_by!r} names no entity of data/entities.csv; drafted as the new entity {entity} "
                "(README, 'Entity ids')"
            )
        elif guess.new_alias:
            decisions.append(
                f"entity: {guess.new_alias!r} is not in data/aliases.csv; suggested as an alias of {entity}, the "
                "entity of the nearest known spelling (decided once, under the new aliases)"
            )
        elif guess.where != "sentence":
            decisions.append(f"entity: {entity} from {guess.named_by!r} in an earlier sentence; check it")
    in_sentence = [
        (a - line_start - s_start, b - line_start - s_start)
        for a, b in others
        if line_start + s_start <= a and b <= line_start + s_end
    ]
    rate = base in ("percent", "ratio")
    period, how, span = guess_period(
        sentence, rel, rel_end, published, earlier[-1] if earlier else "", in_sentence, rate
    )
    if event:
        # a date without its year takes the year the sentence prints right after it ('on April 1 this year')
        year = re.match(r",?\s+(this year|last year)\b", sentence[rel_end:], re.I)
        period, how, span = f"{figure} {year[1].lower()}" if year else figure, "sentence", None
    counts_group = guess is not None and guess.at >= 0 and guess.at <= rel and rel_end <= guess.at + len(guess.named_by)
    if counts_group:
        # a figure inside the name of the group it is about counts the members the text lists: how many there are,
        # not something that happened in the sentence's period
        period, how, span = "undated", "group", None
        decisions.append("period: the figure counts the members of a group the text lists; 'undated'")
        noun = _GROUP_NOUN.match(guess.named_by)
        if not base and noun is not None:
            # 'the four integrated bonded zones -- Kashgar, ...' counts zones: the group's own noun, printed
            base = noun["noun"].lower()
            decisions.remove("unit: none printed or named nearby; write the base unit (what is counted)")
    if base == "rank" and period.lower() in ("today", "now", "currently", "at present"):
        # 'Today, Horgos has become China's largest land port for ...': a standing, at publication
        period, how, span = "undated", "none", None
    if how == "previous sentence" and base == "rank" and not _RANK.search(sentence):
        # a standing ('has become the largest land port', 'the first highway port in Xinjiang') holds at publication;
        # only a rank of the figures before ('both the volume and the growth ranked first') takes their period
        period, how, span = "undated", "none", None
    pointer = _THAT_PERIOD.search(sentence) if how == "none" else None
    if pointer is not None:
        # 'During that period, Xinjiang had trade exchanges with 206 countries': the last period printed before it
        named = [
            p[2]
            for text in reversed(earlier)
            for p in reversed(find_periods(text, published))
            if not _RELATIVE_WORDS.match(p[2])
        ]
        if named:
            period, how, span = named[0], "earlier sentence", None
            decisions.append(
                f"period: {pointer.group()!r} read as {period!r}, the last period printed before it; check it"
            )
    if how == "previous sentence":
        decisions.append(f"period: {period!r} carried over from the sentence before; check it")
    elif how == "none" and base not in ("km", "m", "m2"):
        # a distance, a height or an area stands whenever it is read: undated is no guess
        decisions.append("period: none in the sentence; 'undated' (a stock at publication) assumed")
    # a rank's scope may stand further along its phrase ('the first pilot port for the ... market in Xinjiang')
    # and a time may name where what takes it arrives further on ('... days of exiting ..., they will land in ...')
    whole = base == "rank" or base in TIME_UNITS
    after = sentence[rel_end:] if whole else sentence[rel_end : rel_end + 80]
    subject = subject_clauses(sentence[: clause_start(sentence, 0, rel)] + ",")
    metric, metric_how = (
        (event, "convention")
        if event
        else guess_metric(
            base,
            clause or sentence[:rel],
            after,
            rank_before if base == "rank" or (streak and rank_before) else level,
            metrics,
            subject,
            paragraph_level,
            figure,
            entity,
            paired,
        )
    )
    if event:
        metric = milestone_metric(event, sentence)
    elif counts_group and base and is_count(base):
        metric = base  # how many zones a group of zones has: the README's name for a count, its noun
    elif metric_how == "convention" and base == "routes" and lines_of_service:
        # '18 China-Europe railway express services': the routes of the service it names
        metric, base = service_count("routes", base, lines_of_service.group().replace("services", "trains"))
    elif metric_how == "convention" and is_count(metric):
        metric, base = service_count(metric, base, " ".join([*earlier, sentence[:rel]]))
    what_it_is = re.sub(r"_per_(?:day|week|month|year)(?:_avg)?$", "", paragraph_level)
    if (
        metric_how == "convention"
        and what_it_is.endswith(f"_{metric}")
        and _PRONOUN_SUBJECT.search(clause or sentence[:rel])
    ):
        # 'the import and export cargo was about 500,000 metric tons annually ... this year it reached 775,500 tons':
        # 'it' is what the level before in the paragraph measures (in the paragraph's year, not per year)
        metric = what_it_is
    if metric.startswith("share_of_region_") or metric.endswith("_in_region"):
        # 'of the region's land area', 'the second land port in the region': the region the sentence names
        regions = [k for k in finder.known(sentence) if finder.kinds.get(k[3]) == "region"]
        if regions:
            region = regions[-1][3].replace("-", "_")
            metric = metric.replace("share_of_region_", f"share_of_{region}_", 1)
            metric = re.sub(r"_in_region$", f"_in_{region}", metric)
    known = {m for ms in metrics.values() for m in ms}
    near = nearest_metrics(metric, known) if metric_how == "convention" and metric not in known else []
    if near:
        # a new name with nothing near it in the ledger measures nothing the book has: no point to check
        decisions.append(
            f"metric: {metric!r} is new to the ledger; the nearest there: {', '.join(near)}. Keep one of them if it "
            f"measures the same, else this name, which follows the rule of {naming_rule(metric)}"
        )
    carry = []
    if span is not None:
        carry.append((line_start + s_start + span[0], line_start + s_start + span[1]))
    # a share is quoted from its verb, the entity column holding its subject ('accounting for more than half of the
    # national total'), as a rank is
    share_of_subject = SHARE.match(metric) is not None and guess is not None and 0 <= guess.at < rel
    if guess is not None and guess.at >= 0 and guess.named_by[:1].isupper() and not share_of_subject:
        # a proper name, not 'the pilot zone'
        carry.append((line_start + s_start + guess.at, line_start + s_start + guess.at + len(guess.named_by)))
    scope = _SCOPE.search(sentence, rel_end) if base == "rank" else None
    if scope is not None:  # a rank is quoted with what it ranks within: 'the first highway port in Xinjiang'
        carry.append((line_start + s_start + scope.start(), line_start + s_start + scope.end()))
    quote = shortest_quote(raw, line_start, line_end, u.start, u.end, others, carry)
    if share_of_subject:
        start = raw.find(quote, line_start)
        # its auxiliary, else its finite verb of sharing ('... Alataw and Urumqi | accounted for 42.9 percent'; not a
        # participle, whose subject is the part: 'with the BRI participating countries accounting for')
        verbs = list(_AUXILIARY.finditer(raw, start, u.start)) or list(_SHARED.finditer(raw, start, u.start))
        if verbs and len(raw[start : verbs[-1].start()].split()) >= 2:
            quote = raw[verbs[-1].start() : start + len(quote)]
    if base == "rank":
        quote = rank_quote(raw, raw.find(quote, line_start), quote, u.start, line_start + s_end)
    if base == "km" and guess is not None and guess.at > rel_end:
        # a distance is quoted on to the name of the place it measures, in the clause after ('200 kilometers north
        # from Khunjerab Port, there stands the Karasu Port')
        start = raw.find(quote, line_start)
        name_end = line_start + s_start + guess.at + len(guess.named_by)
        if start + len(quote) < name_end and raw[start + len(quote) : name_end].count(",") <= 1:
            quote = raw[start:name_end]
    if counts_group:  # quoted as the group's whole name, with its article: 'the four ... areas, namely, A, B and C'
        name_start = line_start + s_start + guess.at
        article = re.search(r"\b(?:the|its|their)\s+$", raw[max(line_start, name_start - 8) : name_start], re.I)
        quote = raw[name_start - (len(article.group()) if article else 0) : name_start + len(guess.named_by)]
    milestones = [*_MILESTONES, (_BEGAN, "start_date"), (_CHANGED_TO_STATE, "start_date")]
    if event and not any(p.search(sentence[:rel]) for p, _ in milestones):
        # a date before its milestone ('On November 1, the zone was inaugurated') is quoted with what happened on
        # it: up to the milestone word or the name it is of
        words = [m for p, metric in milestones if metric == event for m in p.finditer(sentence, rel_end)]
        ends = [m.end() for m in words[:1]]
        if (
            guess is not None
            and guess.at >= rel_end
            and not (ends and re.search(r"[,;]", sentence[ends[0] : guess.at]))
        ):
            # the name it is of, unless it stands in a clause after the milestone's ('..., making it the first ...
            # under the BRI')
            ends.append(guess.at + len(guess.named_by))
        if ends:
            start = raw.find(quote, line_start)
            quote = raw[start : line_start + s_start + max(ends)]
    elif event and re.match(r"\s+[a-z]+ed\b", sentence[rel_end:]):
        # 'The launch of the first ... service in 2011 | transformed ...': a milestone named before its date, as the
        # sentence's subject, is quoted up to the date; the verb after says what it did, another claim
        start = raw.find(quote, line_start)
        if 0 <= start <= u.start:
            quote = raw[start : u.end]
    row = {
        "claim_id": "",
        "article_id": article_id,
        "quote": quote,
        "figure": figure,
        "entity": entity,
        "metric": metric,
        "period": period,
        "qualifier": qualifier,
        "unit": base,
        "repair": repair.rule,
        "note": repair.reason if repair.rule != "none" else "",
    }
    return DraftRow(row, decisions, repair.reason)


def decide_scales(
    proposal: Proposal, raw: str, ledger: pd.DataFrame, located: list[LocatedClaim], bounds: list[Bound]
) -> None:
    """Draft the repair a bound decides for each yuan figure drafted as ``cjk_scale_ambiguous``, from the counts
    of its sentence, drafted or already in the ledger; the reason goes to the editor's decisions."""
    by_id = ledger.set_index("claim_id") if len(ledger) else None
    counts: dict[tuple[int, int], list[tuple[str, str, str, str]]] = {}
    for draft in proposal.claims:
        row = draft.row
        key = _sentence_key(raw, proposal.mentions[row["claim_id"]].start)
        counts.setdefault(key, []).append((row["figure"], row["repair"], row["qualifier"], row["unit"]))
    for claim in located:
        if by_id is not None and claim.article_id == proposal.article_id and claim.claim_id in by_id.index:
            r = by_id.loc[claim.claim_id]
            counts.setdefault(_sentence_key(raw, claim.figure_start), []).append(
                (r.figure, r.repair, r.qualifier, r.unit)
            )
    for draft in proposal.claims:
        row = draft.row
        if row["repair"] != "cjk_scale_ambiguous" or row["unit"] != "yuan":
            continue
        key = _sentence_key(raw, proposal.mentions[row["claim_id"]].start)
        mates = [c for c in counts.get(key, []) if c[0] != row["figure"]]
        decided = scale_by_bounds(row["figure"], row["qualifier"], mates, bounds)
        if decided is not None:
            row["repair"], draft.repair_reason = decided.rule, decided.reason
            draft.decisions = [d for d in draft.decisions if not d.startswith("repair:")]
            draft.decisions.append(f"repair: {decided.rule} suggested: {decided.reason}")


def unique_id(base: str, taken: set[str]) -> str:
    """An id no other has: the base, else the base with '-2', '-3' ...; added to ``taken``."""
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def _claim_id(row: dict, published: date, taken: set[str]) -> str:
    """A drafted claim's id: its entity, its metric's words and its period, unique among ``taken``."""
    parts = (row["entity"] or "entity", metric_slug(row["metric"]), period_slug(row["period"], published))
    return unique_id("-".join(p for p in parts if p), taken)


def draft_article(
    article: CleanArticle,
    raw: str,
    published: date,
    ledger: pd.DataFrame,
    located: list[LocatedClaim],
    exclusions: pd.DataFrame,
    aliases: dict[str, str],
    kinds: dict[str, str] | None = None,
    most: int | None = None,
    ports: dict[str, str] | None = None,
    parents: dict[str, str] | None = None,
    bounds: list[Bound] | None = None,
) -> Proposal:
    """Draft rows for every number of a cleaned article that the ledger and exclusions do not account for.
    ``ledger`` and ``located`` are the rows that load (a row with a problem is left out), ``exclusions`` has its
    spans located (coverage.exclusion_spans). With ``most``, only the first ``most`` claims are drafted and the
    rest are counted in ``undrafted``: the build's gate shows a summary, and a scrape of 20,000 numbers should stop
    it in seconds, not after drafting every one. A new entity drafted for a thing the alias table does not know
    takes the port of its place from ``ports`` (entity id -> port), when given; ``parents`` (entity id -> parent)
    gives a group listed after 'namely' its region. ``bounds`` (data/bounds.csv when not given) decide the scale of
    a yuan figure that may be 万/亿 when a count of its sentence rules one reading out (draft.scale_by_bounds)."""
    article_id = article.article_id
    proposal = Proposal(article_id, raw=raw)
    mentions = article_mentions(article)
    accounted = account_for(mentions, ledger, located, exclusions)
    todo = unaccounted_mentions(accounted)
    finder = AliasFinder(aliases, kinds)
    names = NameFinder(finder, parents)
    metrics = known_metrics(ledger)
    taken = set(ledger.claim_id)
    mine = ledger[ledger.article_id == article_id]
    wan = next((f for f, r in zip(mine.figure, mine.repair) if r == "wan_as_million"), "")
    if not wan:
        wan = next((u.text for u in todo if suggest_repair(u.text, None, "exact").rule == "wan_as_million"), "")
    # the level just before a growth rate in the same sentence gives the rate its stem
    levels: dict[tuple[int, int], str] = {}
    for claim in sorted(located, key=lambda c: c.figure_start):
        if claim.article_id == article_id:
            row = ledger[ledger.claim_id == claim.claim_id].iloc[0]
            if row.unit not in NOT_LEVELS:
                levels[_sentence_key(raw, claim.figure_start)] = row.metric
    drafted_located: list[LocatedClaim] = []
    money: tuple[int, str, str, str, str] | None = None  # the last money drafted: end, metric, unit, qualifier, period
    kept = kept_text(article)
    claims = [
        u
        for u in todo
        if exclusion_reason(u, raw) is None and (milestone(u, raw) or not in_period_phrase(u, raw, published))
    ]
    # a figure printed again in its sentence with the same word after it ('began 24-hour freight customs clearance,
    # becoming the first highway port to provide 24-hour freight customs clearance') repeats the first: one claim
    repeats: dict[tuple[int, int], tuple[int, int]] = {}
    first_of: dict[tuple, tuple[int, int]] = {}
    mine_located = [c for c in located if c.article_id == article_id]
    for start, end in [(c.figure_start, c.figure_end) for c in mine_located] + [(u.start, u.end) for u in claims]:
        key = (_sentence_key(raw, start), raw[start:end].lower(), _next_word(raw, end))
        repeats.update({(start, end): first_of[key]} if key in first_of else {})
        first_of.setdefault(key, (start, end))
    claims = [u for u in claims if (u.start, u.end) not in repeats]
    skipped = set()
    if most is not None and len(claims) > most:
        skipped = {(u.start, u.end) for u in claims[most:]}
        claims = claims[:most]
    figures = [(u.start, u.end) for u in claims]
    figures += [(c.figure_start, c.figure_end) for c in located if c.article_id == article_id]
    ranks: dict[tuple[int, int], str] = {}  # the last rank drafted in each sentence
    # the levels drafted in each sentence in order, and the rates after them: 'over 105,800 trips and 98,500
    # vehicles ..., up 80 percent and 79 percent year on year, respectively' pairs the k-th rate with the k-th level
    sentence_levels: dict[tuple[int, int], list[str]] = {}
    rates_in: dict[tuple[int, int], int] = {}
    previous: tuple[Unaccounted, dict] | None = None  # the figure drafted last, and its row
    wholes: dict[tuple[int, int], dict] = {}  # the row of a whole that 'among which' takes a part of, by sentence
    paragraph_levels: dict[int, str] = {}  # the last level drafted in each paragraph (by its line's start)
    last_level: dict[tuple[int, int], dict] = {}  # the row of the last level drafted in each sentence
    for u in claims:
        key = _sentence_key(raw, u.start)
        line = line_bounds(raw, u.start)[0]
        others = [f for f in figures if f != (u.start, u.end)]
        in_order = sentence_levels.get(key, [])
        respective = _RESPECTIVELY.search(raw, u.end, key[1]) and u.kind in ("percent", "fold")
        level = in_order[rates_in.get(key, 0)] if respective and rates_in.get(key, 0) < len(in_order) else None
        draft = draft_claim(
            u,
            raw,
            article_id,
            published,
            finder,
            metrics,
            levels.get(key, "") if level is None else level,
            wan,
            kept,
            others,
            ranks.get(key, ""),
            paragraph_levels.get(line, ""),
            names,
            paired=level is not None,
        )
        row = draft.row
        if previous is not None and _sentence_key(raw, previous[0].start) == key:
            share_with_conjunct(draft, previous[1], raw[previous[0].end : u.start])
            if _AMONG_WHICH.search(raw, previous[0].end, u.start):
                wholes[key] = previous[1]
            compared_with_the_first(draft, previous[1], raw[previous[0].end : u.start])
            rate_of_the_level_before(draft, previous[1], raw[previous[0].end : u.start])
        if key in last_level:
            counts_such(draft, last_level[key], raw[u.end : u.end + 20])
        if key in wholes:
            part_of_the_whole(draft, wholes[key])
        previous = (u, row)
        if (
            money
            and row["unit"] in ("yuan", "usd")
            and row["unit"] != money[2]
            and BETWEEN.match(raw[money[0] : u.start])
        ):
            # a conversion in brackets measures what the figure before it measures, in the other currency
            row["metric"] = f"{money_stem(money[1])[0]}_{'usd' if row['unit'] == 'usd' else 'cny'}"
            draft.decisions = [d for d in draft.decisions if not d.startswith("metric:")]
            if row["qualifier"] == "exact":
                # a conversion at a rate the outlet chose, rounded, is 'about' its figure; 'more than 150 million
                # yuan ($21.1 million)' says the conversion's bound too
                row["qualifier"] = money[3] if money[3] != "exact" else "about"
            if row["period"] != money[4]:
                # the same quantity in another currency: of the same period, printed before the pair or after it
                row["period"] = money[4]
                draft.decisions = [d for d in draft.decisions if not d.startswith("period:")]
        if row["unit"] in ("yuan", "usd"):
            money = (u.end, row["metric"], row["unit"], row["qualifier"], row["period"])
        if row["unit"] and row["unit"] not in NOT_LEVELS:
            last_level[key] = row
        is_rate = row["unit"] in NOT_LEVELS or not row["unit"]
        if not is_rate and (money_stem(row["metric"])[1] != "usd" or key not in levels):
            levels[key] = row["metric"]
            paragraph_levels[line] = row["metric"]
            sentence_levels.setdefault(key, []).append(row["metric"])
        elif row["unit"] in ("percent", "ratio"):
            rates_in[key] = rates_in.get(key, 0) + 1
        if row["unit"] == "rank":
            ranks[key] = row["metric"]
        row["claim_id"] = _claim_id(row, published, taken)
        guess_alias = [d for d in draft.decisions if d.startswith("entity: ") and "not in data/aliases.csv" in d]
        if guess_alias:
            alias = guess_alias[0].split("'")[1]
            proposal.aliases.setdefault(alias, row["entity"])
        new = names.coined.get(row["entity"])
        if new is not None and row["entity"] not in proposal.entities:
            port = (ports or {}).get(new.parent, "")
            proposal.entities[new.entity] = {
                "entity_id": new.entity,
                "name": new.name,
                "kind": new.kind,
                "parent": new.parent,
                "port": "" if pd.isna(port) else port,
            }
            proposal.aliases.setdefault(new.name, new.entity)
        proposal.claims.append(draft)
        proposal.mentions[row["claim_id"]] = u
        start = raw.find(row["quote"])
        offset = row["quote"].find(row["figure"])
        drafted_located.append(
            LocatedClaim(
                row["claim_id"],
                article_id,
                start,
                start + len(row["quote"]),
                start + offset,
                start + offset + len(row["figure"]),
            )
        )
    ledger_levels = [
        (c.figure_start, c.figure_end, ledger[ledger.claim_id == c.claim_id].iloc[0].to_dict())
        for c in located
        if c.article_id == article_id
    ]
    drafted_located = rates_to_their_level(proposal, drafted_located, raw, taken, published, ledger_levels)
    drafted_located = shares_of_the_whole_before(proposal, drafted_located, raw, taken, published)
    # a headline's figure that rounds one of the body's ('exceed 270 bln yuan in Jan-Nov' over '271.94 billion
    # yuan ... from January to November') says it again: an exclusion, not a second claim
    restated = headline_restatements(proposal, ledger[ledger.article_id == article_id])
    restated.update(forecasts(proposal, raw, published))
    proposal.claims = [d for d in proposal.claims if d.row["claim_id"] not in restated]
    drafted_located = [c for c in drafted_located if c.claim_id not in restated]
    restating = {}
    for claim_id, reason in restated.items():
        u = proposal.mentions.pop(claim_id)
        restating[(u.start, u.end)] = reason
    decide_scales(proposal, raw, ledger, located, load_bounds() if bounds is None else bounds)
    proposal.located = drafted_located
    drafted = pd.DataFrame([d.row for d in proposal.claims], columns=list(COLUMNS))
    again = account_for(
        mentions, pd.concat([ledger, drafted], ignore_index=True), located + drafted_located, exclusions
    )
    periods = {d.row["claim_id"]: d.row["period"].lower() for d in proposal.claims}
    periods.update(dict(zip(ledger.claim_id, ledger.period.str.lower())))
    all_located = located + drafted_located
    # each claim's sentence once, not once for every number it is compared with
    claim_sentences = [
        (c.claim_id, _sentence_key(raw, c.figure_start)) for c in all_located if c.article_id == article_id
    ]
    for u in unaccounted_mentions(again):
        if (u.start, u.end) in skipped or (most is not None and len(proposal.exclusions) >= most):
            proposal.undrafted += 1
            continue
        reason = exclusion_reason(u, raw) or (
            "part of a period phrase"
            if in_period_phrase(u, raw, published)
            else "needs a decision: it reads as a claim but no row could be drafted"
        )
        if (u.start, u.end) in restating:
            reason = restating[(u.start, u.end)]
        if (u.start, u.end) in repeats:
            first = repeats[(u.start, u.end)]
            reason = "repeats the claim " + next(
                (c.claim_id for c in all_located if (c.figure_start, c.figure_end) == first), "before it"
            )
        here = _sentence_key(raw, u.start)
        users = [
            claim_id for claim_id, key in claim_sentences if key == here and u.text.lower() in periods.get(claim_id, "")
        ]
        if users:
            reason = f"period phrase of {', '.join(sorted(users))}"
        proposal.exclusions.append(
            ExclusionDraft(
                {
                    "article_id": article_id,
                    "text": u.text,
                    "context": shortest_context(raw, u.start, u.end),
                    "reason": reason,
                },
                u,
            )
        )
    proposal.in_the_book = {
        d.row["claim_id"]: in_the_book(d.row["entity"], d.row["metric"], ledger) for d in proposal.claims
    }
    return proposal


# A rate that grows 'to' the level printed right after it: 'rose 21.5 percent year on year to 1,440'.
_TO_LEVEL = re.compile(
    r"\s*(?:year[- ]on[- ]year\s+|month[- ]on[- ]month\s+)?(?P<period>(?:this|last) year\s+|in \d{4}\s+)?"
    r"to\s+(?:reach\s+|hit\s+)?(?:(?:about|around|over|more than|nearly|some)\s+)?$",
    re.I,
)


def rates_to_their_level(
    proposal: Proposal,
    located: list[LocatedClaim],
    raw: str,
    taken: set[str],
    published: date,
    ledger_levels: list[tuple[int, int, dict]] = (),
) -> list[LocatedClaim]:
    """A growth rate followed by 'to' and a level ('the number of trains departing from Xinjiang rose 21.5 percent
    year on year to 1,440', 'surged about fourfold this year to reach 35,000') is that level's rate: its metric is
    the level's stem and '_growth_pct' (or '_growth_ratio'), its id renamed to match; a drafted level with no period
    of its own takes the rate's. The level may be a row of the ledger (``ledger_levels``: figure start, end and row,
    never changed), when only the rate is new. Returns the located drafts with the ids renamed."""
    renamed: dict[str, str] = {}

    def rename(row: dict) -> None:
        """A new id for a row whose metric or period changed, remembered to rename its mention and location."""
        old = row["claim_id"]
        taken.discard(old)
        row["claim_id"] = renamed[old] = _claim_id(row, published, taken)

    # every figure in the order printed: (start, end, row, drafted or a ledger row)
    figures = sorted(
        [
            (proposal.mentions[d.row["claim_id"]].start, proposal.mentions[d.row["claim_id"]].end, d, True)
            for d in proposal.claims
        ]
        + [(start, end, row, False) for start, end, row in ledger_levels],
        key=lambda f: f[0],
    )
    for (_, rate_end, rate, rate_drafted), (level_start, _, level, level_drafted) in zip(figures, figures[1:]):
        if not rate_drafted:
            continue
        rate_row, level_row = rate.row, (level.row if level_drafted else level)
        suffix = next((x for x in ("_growth_pct", "_growth_ratio") if rate_row["metric"].endswith(x)), None)
        if suffix is None or level_row["unit"] in NOT_LEVELS:
            continue
        between = _TO_LEVEL.fullmatch(raw[rate_end:level_start])
        if not between or _sentence_key(raw, rate_end) != _sentence_key(raw, level_start):
            continue
        if between["period"] and level_row["period"] == "undated" and level_drafted:
            # 'surged about fourfold this year to reach 35,000': the level reached is of the rise's period
            level_row["period"] = rate_row["period"]
            rename(level_row)
        metric = f"{level_stem(level_row['metric'])}{suffix}"
        if metric == rate_row["metric"]:
            continue
        rate_row["metric"] = metric
        # the metric's decision was drafted for the name before; it now follows the level's
        rate.decisions = [d for d in rate.decisions if not d.startswith("metric:")] + [
            f"metric: {metric!r}, the rate of the level it grows to ({level_row['figure']!r}); check it"
        ]
        rename(rate_row)
    proposal.mentions = {renamed.get(k, k): u for k, u in proposal.mentions.items()}
    return [dataclasses.replace(c, claim_id=renamed.get(c.claim_id, c.claim_id)) for c in located]


# A share of a whole referred back to with 'the': '42.9 percent of the trade volume'.
_OF_THE = re.compile(r"\s*(?:percent|%)?\s*of\s+the\s+(?!national\b)")


def shares_of_the_whole_before(
    proposal: Proposal, located: list[LocatedClaim], raw: str, taken: set[str], published: date
) -> list[LocatedClaim]:
    """A share of 'the trade volume' after a share of 'Xinjiang's total trade volume' is of the same whole: its metric
    takes the earlier share's place word (share_of_trade_pct -> share_of_xinjiang_trade_pct), its id renamed to
    match; said among its decisions. Returns the located drafts with the ids renamed."""
    renamed: dict[str, str] = {}
    before: list[str] = []  # the wholes of the shares printed so far
    for draft in sorted(proposal.claims, key=lambda d: proposal.mentions[d.row["claim_id"]].start):
        share = SHARE.match(draft.row["metric"])
        if share is None or "share_of_" not in draft.row["metric"]:
            continue
        whole = share["total"]
        end = proposal.mentions[draft.row["claim_id"]].end
        wider = [w for w in before if w.endswith("_" + whole)]
        before.append(whole)
        if not wider or not _OF_THE.match(raw, end):
            continue
        part = f"{share['part']}_" if share["part"] else ""
        draft.row["metric"] = f"{part}share_of_{wider[-1]}_pct"
        draft.decisions = [d for d in draft.decisions if not d.startswith("metric:")] + [
            f"metric: {draft.row['metric']!r}, of the whole the share before it names ('the' refers back to it); "
            "check it"
        ]
        old = draft.row["claim_id"]
        taken.discard(old)
        draft.row["claim_id"] = renamed[old] = _claim_id(draft.row, published, taken)
    proposal.mentions = {renamed.get(k, k): u for k, u in proposal.mentions.items()}
    return [dataclasses.replace(c, claim_id=renamed.get(c.claim_id, c.claim_id)) for c in located]


def _value(figure: str) -> float | None:
    try:
        interval = parse_number(figure)
    except PortbookError:
        return None
    return (interval.low + interval.high) / 2


def headline_restatements(proposal: Proposal, ledger_rows: pd.DataFrame) -> dict[str, str]:
    """The drafted claims of a headline that restate a figure of the body, each with its exclusion's reason: same
    unit, and the headline's value within 5% of the body's (a headline rounds: '270 bln yuan' for '271.94 billion
    yuan'). A figure of the body is a drafted claim or a ledger row of the article."""
    body = [
        (d.row["claim_id"], d.row["figure"], d.row["unit"])
        for d in proposal.claims
        if proposal.mentions[d.row["claim_id"]].block_kind != "headline"
    ] + list(zip(ledger_rows.claim_id, ledger_rows.figure, ledger_rows.unit))
    restated = {}
    for draft in proposal.claims:
        row = draft.row
        if proposal.mentions[row["claim_id"]].block_kind != "headline" or (value := _value(row["figure"])) is None:
            continue
        for claim_id, figure, unit in body:
            said = _value(figure)
            if unit == row["unit"] and said and abs(said - value) <= 0.05 * abs(said):
                restated[row["claim_id"]] = (
                    f"the headline's rounding of {claim_id} ('{figure}' in the body): the same figure, said again"
                )
                break
    return restated


# A pronoun as the subject of the verb before a figure: 'this year it reached | 775,500 tons'.
_PRONOUN_SUBJECT = re.compile(r"\b(?:it|they)\s+(?:[a-z]+\s+){1,2}(?:(?:about|over|more than|nearly)\s+)?$")
# Words that make a figure an expectation or an aim: 'We expect the export volume to reach 40,000 by the end of
# December', 'plans to handle', 'aims to'.
_FORECAST = re.compile(
    r"\b(?:expects?|expected|plans?\s+to|planned|aims?\s+to|targets?|forecasts?|projected|is\s+set\s+to|will)\b", re.I
)

# A figure that is itself what is expected: '40,000 units expected by ...', '... are expected to reach'.
_EXPECTED_AFTER = re.compile(r"\s+(?:[a-z][\w-]*\s+){0,3}?(?:(?:are|is|were|was)\s+)?(?:expected|forecast|projected)\b")


def forecasts(proposal: Proposal, raw: str, published: date) -> dict[str, str]:
    """The drafted claims that say what is expected or aimed at by a date after publication, or that are what is
    expected ('with 40,000 units expected by ...', whatever date the scrape kept), each with its exclusion's reason:
    nothing has happened yet for the book to check."""
    found = {}
    for draft in proposal.claims:
        row = draft.row
        u = proposal.mentions[row["claim_id"]]
        expected = _EXPECTED_AFTER.match(raw, u.end)
        if expected:
            found[row["claim_id"]] = (
                f"a forecast ('{raw[u.start : expected.end()]}'): what is expected, not yet a fact to check"
            )
            continue
        said = _FORECAST.search(raw, _sentence_key(raw, u.start)[0], u.start)
        if said and ends_after_publication(row["period"], published):
            found[row["claim_id"]] = (
                f"a forecast ('{said.group()} ... {row['period']}'): what is expected by a date after publication, "
                "not yet a fact to check"
            )
    return found


def _next_word(raw: str, at: int) -> str:
    """The word right after a figure, lower case ('freight' of '24-hour freight'), or ''."""
    word = re.match(r"\s*([\w-]+)", raw[at : at + 40])
    return word.group(1).lower() if word else ""


_RESPECTIVELY = re.compile(r"\brespectively\b", re.I)
# What stands between two figures of one list: the first one's unit words and 'and' ('over 105,800 trips | and |
# 98,500 vehicles').
_CONJUNCT = re.compile(r"\s+(?:[a-z][\w-]*\s+){0,3}and\s+", re.I)


def share_with_conjunct(draft: DraftRow, first: dict, between: str) -> None:
    """A count joined to the one before by 'and' with nothing but its unit between ('handling over 105,800 trips and
    98,500 vehicles by Sunday') is read in the first one's period and qualifier when it prints none of its own;
    both are decisions the editor checks."""
    row = draft.row
    if not _CONJUNCT.fullmatch(between) or row["unit"] in NOT_LEVELS or not first["unit"]:
        return
    if row["qualifier"] == "exact" and first["qualifier"] != "exact":
        row["qualifier"] = first["qualifier"]
        draft.decisions.append(
            f"qualifier: {first['qualifier']!r} of {first['figure']!r} read as this figure's too, the two joined by "
            "'and'; check it"
        )
    if row["period"] == "undated" and first["period"] != "undated":
        row["period"] = first["period"]
        draft.decisions = [d for d in draft.decisions if not d.startswith("period:")]
        draft.decisions.append(f"period: {first['period']!r} of {first['figure']!r}, the two joined by 'and'; check it")


# A figure set against the one before: '..., compared to an average of less than 20 percent'.
_COMPARED_TO = re.compile(
    r"\bcompared\s+(?:to|with)\s+(?P<average>an?\s+average\s+of\s+)?"
    r"(?:(?:less|more|fewer)\s+than|about|around|over|nearly|under)?\s*$"
)


def compared_with_the_first(draft: DraftRow, first: dict, between: str) -> None:
    """A figure 'compared to' the one before it, of the same unit and entity, measures what that one does ('an
    average of' it: its average, ``_avg`` before the unit's suffix); said among the decisions."""
    row = draft.row
    compared = _COMPARED_TO.search(between)
    if not compared or row["unit"] != first["unit"] or row["entity"] != first["entity"] or not first["metric"]:
        return
    metric = first["metric"]
    if compared["average"] and "_avg" not in metric:
        stem, _, suffix = metric.rpartition("_")
        metric = f"{stem}_avg_{suffix}" if suffix in ("pct", "cny", "usd") else f"{metric}_avg"
    if row["metric"] == metric:
        return
    row["metric"] = metric
    draft.decisions = [d for d in draft.decisions if not d.startswith("metric:")]
    draft.decisions.append(
        f"metric: {metric}, as the figure it is compared to ({first['figure']!r})"
        + (", an average of it" if compared["average"] else "")
        + "; check it"
    )


# A part of what the figure before counts: '..., among which the number of trains departing from Xinjiang rose'.
_AMONG_WHICH = re.compile(r",\s+(?:among|of)\s+which\b", re.I)


# A count of 'such' things: what the figure before counts ('2,125 China-Europe freight trains, ... while Horgos logged
# 2,485 such trains').
_SUCH = re.compile(r"\s+such\s+[a-z]")
# A rate right after the level it is the growth of, in the level's clause: '..., logged 2,485 such trains, up 14.8
# percent'.
_RATE_AFTER_LEVEL = re.compile(r"^[^,;.]*,\s+(?:up|down|rising|falling|increasing|decreasing|growing)\s+(?:by\s+)?$")


def counts_such(draft: DraftRow, level: dict, after: str) -> None:
    """A figure that counts 'such' things measures what the level before it in its sentence measures."""
    if _SUCH.match(after) and draft.row["unit"] not in NOT_LEVELS:
        draft.row["metric"], draft.row["unit"] = level["metric"], level["unit"]
        draft.decisions = [d for d in draft.decisions if not d.startswith(("metric:", "unit:"))]


def rate_of_the_level_before(draft: DraftRow, before: dict, between: str) -> None:
    """A rate that follows its level with ', up' is that level's entity's (the subject the sentence opened with is
    another place's)."""
    row = draft.row
    if (
        before["unit"]
        and before["unit"] not in NOT_LEVELS
        and row["unit"] == "percent"
        and _RATE_AFTER_LEVEL.match(between)
    ):
        if row["entity"] != before["entity"]:
            row["entity"] = before["entity"]
            draft.decisions = [d for d in draft.decisions if not d.startswith("entity:")]


def part_of_the_whole(draft: DraftRow, whole: dict) -> None:
    """A figure of a part that 'among which' or 'of which' brings in after a whole is about what the whole is about:
    the whole's entity, whatever place names the part ('from Xinjiang'); said among the decisions."""
    if not whole["entity"] or draft.row["entity"] == whole["entity"]:
        return
    draft.row["entity"] = whole["entity"]
    draft.decisions = [d for d in draft.decisions if not d.startswith("entity:")]
    draft.decisions.append(
        f"entity: {whole['entity']}, as the figure before it ({whole['figure']!r}): 'among which' brings in a part of "
        "what that figure counts; check it"
    )


def _sentence_key(raw: str, at: int) -> tuple[int, int]:
    line_start, line_end = line_bounds(raw, at)
    s_start, s_end = sentence_span(raw[line_start:line_end], at - line_start)
    return line_start + s_start, line_start + s_end


def write_review(proposal: Proposal, folder: Path = REVIEW, metadata: MetadataCheck | None = None) -> list[Path]:
    """Append the drafts to review/<article_id>/{claims,exclusions,aliases,entities,claim_classes,metrics}.csv (rows
    already there are kept, none repeated) and write the decisions to review/<article_id>/decisions.txt; never the
    curated tables themselves."""
    from portbook import atomic
    from portbook.ids import output_path
    from portbook.numbers.worksheet import worksheet

    target = output_path(Path(folder), proposal.article_id)
    written = []
    tables = [
        ("claims.csv", COLUMNS, [d.row for d in proposal.claims], "claim_id"),
        ("exclusions.csv", EXCLUSION_COLUMNS, [d.row for d in proposal.exclusions], "context"),
        ("aliases.csv", ALIAS_COLUMNS, [{"alias": a, "entity_id": e} for a, e in proposal.aliases.items()], "alias"),
        ("entities.csv", ENTITY_COLUMNS, list(proposal.entities.values()), "entity_id"),
        ("claim_classes.csv", CLASS_COLUMNS, [c.row for c in proposal.classes], "claim_id"),
        ("metrics.csv", LABEL_COLUMNS, [{"metric": m, "label": w} for m, w in proposal.labels.items()], "metric"),
    ]
    for name, columns, rows, key in tables:
        path = target / name
        old = []
        if path.is_file():
            with open(path, encoding="utf-8", newline="") as stream:
                old = list(csv.DictReader(stream))
        seen = {r[key] for r in old}
        atomic.write_text(path, csv_text(columns, old + [r for r in rows if r[key] not in seen], header=True))
        written.append(path)
    decisions = target / "decisions.txt"
    atomic.write_text(decisions, worksheet(proposal, metadata))
    return written + [decisions]
