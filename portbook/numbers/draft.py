"""Draft one ledger row from the text around a figure: quote, qualifier, unit, entity, metric, period and repair.

Each reading is a rule an editor can check, and each guess says so: a new alias, a unit read from the words before
the figure, a period carried over from the sentence before, a repair rule. Nothing here writes a file; the editor
decides (``portbook.numbers.propose`` gathers the drafts of an article).

Pure functions on text, no I/O.
"""

from __future__ import annotations

import calendar
import difflib
import re
from dataclasses import dataclass, field
from datetime import date

from portbook.errors import BadPeriod, GarbledGrouping, LostDigits, PortbookError, RepairNotApplicable
from portbook.numbers.bounds import PER_UNIT, Bound, judge
from portbook.numbers.figures import parse_number, read_figure, split_range
from portbook.numbers.interval import divide
from portbook.numbers.ledger import SHORTEST_QUOTE
from portbook.numbers.measure import measure
from portbook.numbers.metrics import level_stem, money_stem
from portbook.numbers.periods import ends_after_publication, resolve_period
from portbook.numbers.units import MEASURED_UNITS, SCALAR_UNITS, UNITS, normalize_unit, printed_unit
from portbook.numbers.wording import computed_digits, digits, scale
from portbook.sources.cleaning import leading_datelines

# ---------------------------------------------------------------------------
# Sentences and clauses
# ---------------------------------------------------------------------------

# A full stop ends a sentence unless it closes an abbreviation ("U.S.", "Co.", "No. 3").
_SENTENCE_END = re.compile(
    r"(?<!\b[A-Z])(?<!\bCo)(?<!\bLtd)(?<!\bNo)(?<!\bMr)(?<!\bDr)(?<!\bSt)(?<!\bvs)(?<!\bJan)(?<!\bFeb)(?<!\bAug)"
    r"(?<!\bSept)(?<!\bSep)(?<!\bOct)(?<!\bNov)(?<!\bDec)[.!?。…][\"”’')]*\s+(?=[\"“‘(A-Z0-9])"
)
# A comma or a point between digits is inside a printed number ('12,432', '3,036.46'), never a clause break.
_IN_NUMBER = r"(?!(?<=\d)[,.]\d)"
_CLAUSE_START = re.compile(_IN_NUMBER + r"[,;:(（“\"—–)）]\s*|\s--\s|\b(?:while|whereas)\s")


def sentence_span(line: str, at: int) -> tuple[int, int]:
    """The (start, end) of the sentence of a line that holds the character at ``at``."""
    start, end = 0, len(line)
    for m in _SENTENCE_END.finditer(line):
        if m.end() <= at:
            start = m.end()
        elif m.start() >= at:
            end = m.start() + 1
            break
    return start, end


def clause_start(line: str, sentence_start: int, at: int) -> int:
    """Where the clause holding ``at`` begins: after the last comma, semicolon, colon, bracket or dash before it."""
    start = sentence_start
    for m in _CLAUSE_START.finditer(line, sentence_start, at):
        start = m.end()
    return start


# ---------------------------------------------------------------------------
# Repairs
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RepairSuggestion:
    """The repair rule a draft names, and why: a parser refusal, or a mark of a known translation error."""

    rule: str
    reason: str


def suggest_repair(figure: str, unit: str | None, qualifier: str, mistranslates_wan: str = "") -> RepairSuggestion:
    """The repair rule a figure needs, with the evidence; ``mistranslates_wan`` is a figure of the same article
    that renders 万 as 'million' (then every 'million'/'billion' figure there may be 万/亿 too).

    >>> suggest_repair("31,5600", "kilometers", "exact").rule
    'garbled_grouping'
    >>> suggest_repair("1450.24 million", "parcels", "exact").rule
    'wan_as_million'
    >>> suggest_repair("372", "acres", "exact").rule
    'mu_as_acres'
    >>> suggest_repair("3.7 billion", "yuan", "exact")
    RepairSuggestion(rule='none', reason='')
    """
    if split_range(figure):
        return RepairSuggestion("range", f"{figure!r} is a printed range: every value between its ends")
    try:
        fig = read_figure(figure)
    except PortbookError as refusal:
        return RepairSuggestion("none", f"the parser cannot read it ({refusal}); check the figure")
    if fig.kind == "fold" and not fig.says_its_ratio:  # 'double', 'twice' say the ratio in a word: as printed
        return RepairSuggestion(
            "n_fold_ambiguous", f"{figure!r} is an N-fold change: 'N times as much' or 'an increase by N times'"
        )
    if fig.has_lost_digits:
        return RepairSuggestion("lost_digits", f"{figure!r} has digits lost in the scrape ('<>')")
    if not fig.grouping_ok:
        sizes = ", ".join(str(len(g)) for g in fig.groups[1:])
        return RepairSuggestion(
            "garbled_grouping",
            f"{figure!r} has comma groups of {sizes} digits, not 3: not a thousands separator (a Chinese 4-digit "
            "grouping or a stray comma); every reading is kept",
        )
    if unit and normalize_unit(unit) == "acre":
        return RepairSuggestion(
            "mu_as_acres", f"an area in 'acres' in a Chinese report is 亩 (mu) rendered as 'acres' ({figure} {unit})"
        )
    if fig.scale == "million" and fig.words is None:
        mantissa = float("".join(fig.groups) + ("." + fig.decimals if fig.decimals else ""))
        if mantissa >= 1000:
            return RepairSuggestion(
                "wan_as_million",
                f"{figure!r}: a mantissa of 1,000 or more before 'million' (English would write billions) is the mark "
                "of 万 (10^4) rendered as 'million'",
            )
    if mistranslates_wan and fig.scale in ("million", "billion") and fig.words is None:
        return RepairSuggestion(
            "cjk_scale_ambiguous",
            f"the same article renders 万 as 'million' ({mistranslates_wan!r}), so this scale word may be 万/亿 too; "
            "both readings are kept unless a test decides",
        )
    try:
        measure(figure, "none", qualifier, unit)
    except (GarbledGrouping, LostDigits, RepairNotApplicable) as refusal:
        return RepairSuggestion("none", f"the parser refuses it as printed ({refusal}); choose a rule")
    except PortbookError:
        pass
    return RepairSuggestion("none", "")


def _in_words(value: float, sig: int) -> str:
    size, word = scale(value)
    return f"{digits(value / size, sig)} {word}".strip()


def scale_by_bounds(
    figure: str, qualifier: str, counts: list[tuple[str, str, str, str]], bounds: list[Bound]
) -> RepairSuggestion | None:
    """The repair of a yuan figure whose scale word may be 万/亿 (``cjk_scale_ambiguous``) when a count of its
    sentence (figure, repair, qualifier, unit) leaves one reading standing: the other gives a value per counted
    thing outside its curated bound (data/bounds.csv), with every reading of the count. None when no count
    decides, or both readings fail.

    >>> project = Bound("yuan_per_project", ".", 1e5, 3e9, "")
    >>> scale_by_bounds("263.7 billion", "exact", [("53", "none", "exact", "projects")], [project]).rule
    'yi_as_billion'
    >>> scale_by_bounds("16.77 billion", "exact", [("53", "none", "exact", "projects")], [project]) is None
    True
    """
    by_quantity = {b.quantity: b for b in bounds}
    money = measure(figure, "cjk_scale_ambiguous", qualifier, "yuan").readings
    for count_figure, count_repair, count_qualifier, count_unit in counts:
        try:
            count = measure(count_figure, count_repair, count_qualifier, count_unit)
        except PortbookError:
            continue
        bound = by_quantity.get(f"yuan_per_{PER_UNIT.get(count.unit or '', '')}")
        if bound is None:
            continue

        def per(m, c) -> tuple[float | None, float | None]:
            value = divide(m.interval, c.interval, none_means="unknown")
            return value.low, value.high

        standing = [m for m in money if any(judge(per(m, c), bound) != "implausible" for c in count.readings)]
        if len(standing) != 1:
            continue
        (kept,) = standing
        ruled_out = next(m for m in money if m is not kept)
        if kept.label == "as printed":
            rule = "none"
        else:
            rule = "yi_as_billion" if read_figure(figure).scale == "billion" else "wan_as_million"
        thing = PER_UNIT[count.unit]
        sig = computed_digits([figure, count_figure])
        value = per(ruled_out, count.readings[0])[0]
        limit = bound.high if bound.high is not None and value > bound.high else bound.low
        return RepairSuggestion(
            rule,
            f"read {ruled_out.label}, {figure} yuan over {count_figure} {count_unit} is {_in_words(value, sig)} yuan "
            f"a {thing}, {'above' if limit == bound.high else 'below'} the bound of {_in_words(limit, 3)} "
            f"({bound.quantity}, data/bounds.csv); read {kept.label}, it is within it",
        )
    return None


# ---------------------------------------------------------------------------
# Units
# ---------------------------------------------------------------------------

_UNIT_WORDS = sorted(UNITS, key=len, reverse=True)


def _unit_at(tokens: list[str], index: int) -> tuple[str, int] | None:
    """The known unit that begins at tokens[index] (the longest, of up to three words) and how many words it takes."""
    for size in (3, 2, 1):
        candidate = " ".join(tokens[index : index + size])
        if normalize_unit(candidate) in UNITS and normalize_unit(candidate) not in ("year", "month", "day", "week"):
            return candidate, size
    return None


def unit_after(after: str, words: int = 8) -> str | None:
    """A known unit among the first words after a figure ('56,000 China-made vehicles', '16,000 China-Europe (and
    China-Central Asia) freight railway express trips'), brackets skipped: the first one, or, when units follow
    one another, the last of them, the head of the compound ('123 freight train routes' counts routes, '21 freight
    train trips' trips).

    >>> unit_after(" China-Europe (Central Asia) freight train routes operate"), unit_after(" China-made vehicles had")
    ('routes', 'vehicles')
    """
    text = re.sub(r"\([^)]*\)?", " ", after)
    tokens = re.findall(r"[A-Za-z][A-Za-z.-]*", text)[:words]
    for index in range(len(tokens)):
        found = _unit_at(tokens, index)
        if found:
            candidate, size = found
            while index + size < len(tokens) and (head := _unit_at(tokens, index + size)):
                index, (candidate, size) = index + size, head
            return candidate
        if re.match(r"(?:in|on|at|by|for|from|to|of|with|and|or|was|were|is|are|had|has|have)$", tokens[index], re.I):
            break
    return None


_MONEY_UNIT_KEYS = {k for k, (base, _) in UNITS.items() if base in ("yuan", "usd")}
# Units a figure is never taken to count from a word before it: times, and ports, which every report names ('the
# land port ... to reach 35,000' counts cars).
_NOT_GUESSED_BEFORE = {"month", "year", "day", "week"} | {k for k, (base, _) in UNITS.items() if base == "ports"}


def unit_guess(before: str) -> str | None:
    """A known unit named in the words before a figure ('the countries ... reached 128'), the nearest one, but the
    noun of 'the number of <noun>' first ('the number of employees in the company ... from 6'); never a currency (a
    currency before a figure is printed with it: '$21.1 million')."""
    best, where = None, -1
    low = before.lower()
    counted = re.findall(r"\bnumber of (?:[a-z-]+ ){0,3}?([a-z-]+)", low)
    if (
        counted
        and normalize_unit(counted[-1]) in UNITS
        and UNITS[normalize_unit(counted[-1])][0] not in ("yuan", "usd")
    ):
        return counted[-1]
    for key in (k for k in _UNIT_WORDS if k not in _MONEY_UNIT_KEYS and k not in _NOT_GUESSED_BEFORE):
        for form in (key + "s", key + "es", key):
            for m in re.finditer(rf"\b{re.escape(form)}\b", low):
                if m.start() > where:
                    best, where = form, m.start()
    return best


# ---------------------------------------------------------------------------
# Entities
# ---------------------------------------------------------------------------

_KEY_NOUNS = (
    r"Port|Pass|Zone|Area|Park|Prefecture|City|County|Center|Centre|Station|Company|Group|Market|Region|Bureau"
    r"|Customs|Railway|Corridor|Co\., Ltd\."
)
_PROPER = re.compile(
    r"(?<![\w'’])(?:[A-Z][\w'’-]*|of|and|the)(?:\s+(?:[A-Z][\w'’-]*|of|and|the|\(\w+\)))*(?:\s+(?:"
    + _KEY_NOUNS
    + r"))?"
)
_NOT_NAMES = {
    "The",
    "This",
    "That",
    "In",
    "On",
    "At",
    "By",
    "It",
    "Its",
    "With",
    "From",
    "And",
    "But",
    "As",
    "A",
    "An",
    "Data",
    "According",
}


@dataclass(frozen=True)
class EntityGuess:
    """The entity a figure is about: an id, the words that named it, and whether a new alias is suggested."""

    entity: str
    named_by: str
    new_alias: str = ""  # a spelling data/aliases.csv does not have yet, suggested for `entity`
    where: str = "sentence"  # sentence, paragraph or article: how far from the figure it was found
    at: int = -1  # where the name starts in the figure's sentence (-1 when found before it)
    new_entity: NewEntity | None = None  # an entity data/entities.csv does not have: its drafted row


@dataclass(frozen=True)
class NewEntity:
    """A drafted row of data/entities.csv for a thing the alias table does not know: its id by the naming rule
    (new_entity_id), the words that describe it, its kind and the known place it is in."""

    entity: str
    name: str
    kind: str
    parent: str


# A report about ports names its partners (countries, the region around them) beside its subjects: when a sentence
# names both, the subject is the port, zone, city or company.
KIND_RANK = {"country": 0, "region": 1}
# a partner: 'trade with (the five Central Asian) Kazakhstan', not a place the words after 'with' went on to ('loaded
# with vehicles lined up at Irkeshtam Port')
_WITH = re.compile(
    r"\bwith\s+(?!which\b|whom\b)(?:the\s+)?(?:(?!(?:at|in|on|into|through|via)\s)[\w-]+\s+){0,4}$", re.I
)
# A programme a thing works or ranks under ('the first high-altitude land port under the BRI'): its scope, not it.
_UNDER = re.compile(r"\bunder\s+(?:the\s+)?$", re.I)


# The way a port's part carries goods: 'Horgos railway port' and 'Horgos Highway Port' are two ports, alike in spelling.
_MODE = re.compile(r"\b(?P<mode>rail(?:way)?|highway|road)\s+(?:port|station)\b", re.I)
_MODES = {"rail": "railway", "railway": "railway", "highway": "highway", "road": "highway"}


# A port's railway or highway port named before it: 'the railway port of | Horgos'.
_MODE_PORT_OF = re.compile(r"\b[Tt]he\s+(?P<part>(?:railway|highway|road|rail)\s+port)\s+of\s+$")


def transport_mode(name: str) -> str:
    """'railway' or 'highway' when a name says which way its port carries goods, else ''.

    >>> transport_mode("Horgos railway port"), transport_mode("Khorgos Highway Port"), transport_mode("Khorgos Port")
    ('railway', 'highway', '')
    """
    m = _MODE.search(name)
    return _MODES[m["mode"].lower()] if m else ""


class AliasFinder:
    """Finds the spellings data/aliases.csv knows in a text, longest first, and suggests new ones by likeness."""

    def __init__(self, aliases: dict[str, str], kinds: dict[str, str] | None = None):
        self.aliases = aliases  # lower-case alias -> entity id
        self.kinds = kinds or {}  # entity id -> kind
        ordered = sorted((a for a in aliases if a), key=len, reverse=True)
        # no alias yet (a new project) matches nothing, not the empty string everywhere
        alternatives = "|".join(re.escape(a) for a in ordered) or r"(?!)"
        self.pattern = re.compile(r"(?<![\w-])(" + alternatives + r")(?![\w-])", re.I)

    def rank(self, entity: str) -> int:
        """How likely an entity is the subject of a figure: countries least, then regions, then the rest."""
        return KIND_RANK.get(self.kinds.get(entity, ""), 2)

    def known(self, text: str) -> list[tuple[int, int, str, str]]:
        """(start, end, as written, entity id) of every known alias in the text."""
        return [(m.start(), m.end(), m.group(), self.aliases[m.group().lower()]) for m in self.pattern.finditer(text)]

    def suggested(self, text: str) -> list[tuple[int, int, str, str]]:
        """(start, end, as written, nearest entity id) of proper names the alias table does not know but that are
        like one it does ('Kashi Comprehensive Bonded Zone' like 'Kashgar Comprehensive Bonded Zone')."""
        found = []
        known_spans = [(s, e) for s, e, _, _ in self.known(text)]
        for start, end, written, entity in self.known(text):
            longer = _LONGER_NAME.match(text[end:])
            if longer:
                name = written + longer.group()
                close = difflib.get_close_matches(name.lower(), list(self.aliases), n=1, cutoff=0.8)
                if close and self.aliases[close[0]] != entity and transport_mode(name) == transport_mode(close[0]):
                    found.append((start, start + len(name), name, self.aliases[close[0]]))
        for m in _PROPER.finditer(text):
            name = m.group().strip()
            name = re.sub(r"^(?:(?:the|of|and)\s+)+|(?:\s+(?:the|of|and))+$", "", name, flags=re.I).strip()
            name = re.sub(r"['’]s$", "", name)
            if len(name) < 4 or name in _NOT_NAMES or not name[0].isupper():
                continue
            start = text.find(name, m.start())
            if any(s <= start < e or start <= s < start + len(name) for s, e in known_spans):
                continue
            low = name.lower()
            if any(low == a + ending for a in self.aliases for ending in ("n", "an", "ese", "i")):
                continue  # an adjective of a known name ('Central Asian supermarket shelves'), not a name
            # one word alone ('Chen', a person) is too short for likeness: only a transliteration of it counts; a
            # longer name is like an alias with the same last word ('Kashi Comprehensive Bonded Zone')
            # a name spelled as an entity's id is that entity ('Yili Prefecture': yili-prefecture)
            if "-".join(re.findall(r"[a-z0-9]+", low)) in self.kinds:
                found.append((start, start + len(name), name, "-".join(re.findall(r"[a-z0-9]+", low))))
                continue
            heads = [a for a in self.aliases if a.split()[-1] == low.split()[-1]]
            close = difflib.get_close_matches(low, heads, n=1, cutoff=0.72) if " " in name else []
            if not close:
                # a transliteration of its first word ('Kashi' for 'Kashgar', 'Kashi Prefecture'): the same first
                # four letters, the other words the same
                close = [
                    a for a in self.aliases if len(low) >= 4 and a[:4] == low[:4] and a.split()[1:] == low.split()[1:]
                ]
                close = close[:1]
            if close:
                found.append((start, start + len(name), name, self.aliases[close[0]]))
        return found

    def best(self, names: list[tuple[int, int, str, str]]) -> tuple[int, int, str, str] | None:
        """The subject among names: the highest-ranked kind, and of those the first named."""
        return min(names, key=lambda k: (-self.rank(k[3]), k[0])) if names else None


# A name that says where a figure comes from, not what it is about: 'said Urumqi Customs', 'according to
# statistics from Horgos Customs', 'Data from the Khorgos border inspection station'.
_SOURCE_BEFORE = re.compile(
    r"\b(?:said|says|according to|(?:data|statistics|figures) (?:from|of)|(?:statistics|data) from)\s+(?:the\s+)?$",
    re.I,
)
_SOURCE_AFTER = re.compile(
    r"^\s+(?:[Cc]ustoms|[Bb]order [Ii]nspection [Ss]tation|[Ss]tatistics [Bb]ureau|News Agency|Daily|Railway Department)\b"
)
# The point a distance is measured from ('200 kilometers north from Khunjerab Port', 'To the northwest of Urumqi').
_REFERENCE_BEFORE = re.compile(r"\b(?:from|of)\s+(?:the\s+)?$", re.I)
# The ends of a route a time is given for ('transported from Karachi to Kashgar in just eight days'): what the time is
# about is the way between them, not either end.
_ROUTE_END_BEFORE = re.compile(r"\b(?:from|to)\s+(?:the\s+)?$", re.I)
ROUTE = re.compile(r"\bfrom\s+(?:the\s+)?[A-Z][\w'’-]*.{0,40}?\bto\s+(?:the\s+)?[A-Z]")
# Words that can follow a known name and make a longer name of another entity ('Kashgar | comprehensive bonded
# area', 'Horgos | Highway Port', 'China | (Xinjiang) Free Trade Pilot Zone'): at most six words ending in a key noun.
_LONGER_NAME = re.compile(
    r"^(?:\s+\(?[A-Za-z][\w-]*\)?){0,5}\s+(?i:port|pass|zone|area|park|center|centre|station|company|market|city|county)\b"
)
# Who speaks, before what is reported: 'Zhang, head of the market department of Alashankou SDIC Group, said that'.
_REPORTED = re.compile(r"\b(?:said|says|told (?:\w+ )?reporters|noted|added|stated)(?:\s+that)?[,:]?\s+", re.I)


def is_source(text: str, start: int, end: int) -> bool:
    """Whether the name at text[start:end] names where a figure comes from ('said Urumqi Customs')."""
    return bool(_SOURCE_BEFORE.search(text[max(0, start - 40) : start]) or _SOURCE_AFTER.match(text[end:]))


def _usable(text: str, k: tuple[int, int, str, str], distance: bool | str = False) -> bool:
    """Whether a name can be what a figure is about: not a partner ('trade with ...'), a programme it is under ('under
    the BRI'), a source ('said Urumqi Customs'), for a distance its reference point ('from Khunjerab Port'), or for a time along a route
    (``distance`` 'route') either end of it ('from Karachi to Kashgar')."""
    before = text[max(0, k[0] - 40) : k[0]]
    if _WITH.search(before) or _UNDER.search(before) or is_source(text, k[0], k[1]):
        return False
    ends = _ROUTE_END_BEFORE if distance == "route" else _REFERENCE_BEFORE
    return not (distance and ends.search(before))


_KEY_NOUN_WORDS = r"port|pass|zone|area|park|center|centre|station|company|market|hub|alliance|exhibition|expo"
# 'the bonded area', 'the company', 'the port': a name of the text before, by its key noun.
# 'the first pilot FTZ': a free trade zone by its acronym
_BACK_REFERENCE = re.compile(
    r"\b(?:[Tt]he|[Tt]his|[Tt]hat)\s+(?:[a-z][\w-]*\s+){0,2}?(?P<noun>" + _KEY_NOUN_WORDS + r"|FTZ)\b"
)
_KEY_NOUN_END = re.compile(r"\b(" + _KEY_NOUN_WORDS + r")\b", re.I)
# A back-reference followed by where its thing is, up to a name: 'the land port in northwest China's | Xinjiang'.
_LOCATED_REFERENCE = re.compile(_BACK_REFERENCE.pattern + r"\s+(?:in|at)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?$")
# An opening phrase that says what the sentence's subject is: 'Branded as a media center ..., the hub'.
_APPOSITIVE = re.compile(r"\s*[A-Z][a-z]+(?:ed|n)\s+as\s+(?=an?\s)")
_SAME_NOUN = {"zone": {"zone", "area"}, "area": {"zone", "area"}, "centre": {"center", "centre"}, "ftz": {"zone"}}

# ---------------------------------------------------------------------------
# New entities: a thing the alias table does not know, drafted from the words that describe it
# ---------------------------------------------------------------------------

# A description that brings a thing into the text: with 'a' ('a noodle processing company', 'a 40-square-kilometer
# pilot zone'), or with 'the' and the name of where it is ('the cross-border e-commerce sorting and clearance center
# of Xinjiang Alashankou Port ...'). 'the customs clearance center' alone refers back to one (_BACK_REFERENCE); 'a
# planned area of 3.56 square kilometers' is a measure, not a thing.
# Its words stop at an article or a preposition: 'a freight train at the port' describes a train, not a port.
_DESCRIPTION = re.compile(
    r"\b(?P<det>an?|the)\s+(?P<words>(?:(?!(?:an?|the|at|of|in|on|for|to|from|with|by|via)\s)[a-z0-9][\w-]*\s+){1,5}?)"
    r"(?P<noun>" + _KEY_NOUN_WORDS + r")\b"
    r"(?!\s+of\s+(?!the\s+[A-Z]|[A-Z]))(?P<anchor>\s+(?:of|in|at)\s+(?:the\s+)?(?=[A-Z]))?"
)
# A name in an opening phrase ('In the Lakeside Free Trade Zone, a ... park covering') is where the thing described
# after its comma is, not what that thing is: no apposition.
_AFTER_PREPOSITION = re.compile(
    r"\b(?:in|at|on|of|from|to|for|by|with|near|via|across|through|into|inside|within|under)\s+(?:the\s+)?$", re.I
)


def _in_opening_phrase(text: str, at: int) -> bool:
    """Whether the name at ``at`` ends a phrase that opens its sentence after a preposition ('In the Lakeside Free
    Trade Zone, a ... park'); a name after a preposition inside the sentence ('passing through the Alataw Pass, a major
    land port') may still have a description in apposition."""
    m = _AFTER_PREPOSITION.search(text, 0, at)
    return bool(m and re.search(r"(?:^|[.!?:]\s*|--\s*)\W*$", text[: m.start()]))


# An ordinal or a superlative: a description with one ranks, it names no new thing.
_STANDING = re.compile(r"\b(?:first|second|third|fourth|fifth|last|only|most|\w+est)\b", re.I)
# A company by its registered name: 'Zhongshun E-commerce Co., Ltd.'.
_LEGAL_FORM = re.compile(r"(?<![\w-])(?P<name>(?:[A-Z][\w-]*\s+){1,5})Co\.,?\s*Ltd\.?")
# Known places named together as one group: 'the two Xinjiang ports of Alashankou and Khorgos'.
_GROUP = re.compile(
    r"\bthe\s+(?:two|three|four|five|\d+)\s+(?P<scope>[A-Z][\w-]*\s+)?(?P<kind>ports|zones|cities)\s+of\s+$"
    # 'the two major ports in Xinjiang -- the Alataw Pass and the Horgos Port'
    r"|\bthe\s+(?:two|three|four|five|\d+)\s+(?:[a-z]+\s+)?(?P<kind2>ports|zones|cities)\s+in\s+"
    r"(?P<scope2>[A-Z][\w-]*)\s+(?:--|—|–|,)\s*(?:the\s+)?$"
)
_GROUP_AFTER = re.compile(
    r"\s+(?P<kind>ports|zones|cities)\b"
    # or a description of them in apposition: 'Alashankou and Horgos, two major railway hubs'
    r"|,\s+(?:the\s+)?(?:two|three|four|five|both)\s+(?:[a-z][\w-]*\s+){0,3}?(?P<kind_apposed>ports|hubs|zones|cities)\b"
)
# The plural of a kind of place, for a group named by another noun ('two major railway hubs' that are ports).
_KIND_PLURAL = {"port": "ports", "zone": "zones", "city": "cities"}
# A group whose members are listed after 'namely': 'the four integrated bonded areas, namely, Kashgar, Alataw, ...'.
# Or after a dash or a colon: 'the four integrated bonded zones -- Kashgar, Horgos, Alataw and Urumqi'.
_NAMELY = re.compile(r"\bthe\s+(?:[\w-]+\s+){1,4}?(?P<noun>[a-z]+)s(?:,?\s+namely,?|\s+(?:--|—|–|:))\s+")
_LIST_NAME = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
_NAME_LIST = re.compile(_LIST_NAME + r"(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)" + _LIST_NAME + ")+")
_NOUN_KINDS = {
    "company": "company",
    "zone": "zone",
    "area": "zone",
    "park": "zone",
    "market": "zone",
    "port": "port",
    "pass": "port",
    "exhibition": "event",
    "expo": "event",
}
# Known entities that can be the place of a new one (its id begins with theirs): not a country, a company or an event.
_PLACE_KINDS = {"region", "prefecture", "city", "county", "port", "zone"}


def place_word(entity: str, kind: str) -> str:
    """The first word of a new entity's id: its place's id up to the first hyphen ('alashankou' of alashankou-city),
    a region's whole id ('central-asia').

    >>> place_word("alashankou-city", "city"), place_word("central-asia", "region")
    ('alashankou', 'central-asia')
    """
    return entity if kind == "region" else entity.split("-")[0]


def new_entity_id(place: str, words: str, noun: str) -> str | None:
    """The id of a new entity by the naming rule: its place's word, the first word of its description that says
    what it is (not a figure, a function word or an empty modifier such as 'cross-border'), its key noun; None
    when no word says what it is.

    >>> new_entity_id("alashankou", "cross-border e-commerce industrial", "park")
    'alashankou-ecommerce-park'
    >>> new_entity_id("tacheng", "40-square-kilometer pilot", "zone"), new_entity_id("kashgar", "new", "park")
    ('tacheng-pilot-zone', None)
    """
    telling = [
        w
        for w in words.split()
        if not re.search(r"\d", w) and w.lower() not in _EMPTY_MODIFIERS and not _FUNCTION_WORDS.match(w)
    ]
    if not telling:
        return None
    return f"{place}-{_snake(telling[0]).replace('_', '-')}-{noun.lower()}"


# An event by its name: 'the just-concluded first (2023) International Agricultural Products Exhibition in Yili
# Prefecture'. A year in brackets before it, or in it, tells one holding of a recurring event from the next.
_NAMED_EVENT = re.compile(
    r"(?:\((?P<year>\d{4})\)\s+)?(?P<name>(?:[A-Z][\w'’-]*\s+){1,6}?(?:Exhibition|Expo|Fair|Forum))"
    r"(?P<anchor>\s+(?:in|of|at)\s+(?=[A-Z]))?"
)
# Words of an event's name that say where or how grand it is, not what it is about.
_EVENT_STANDING = {"international", "china", "national", "regional", "annual", "first", "grand"}


def event_id(place: str, name: str, year: str = "") -> str | None:
    """The id of an event by its name: its place's word, the first word of its name that says what it is about
    (not 'International', 'China', an ordinal or the place), its kind noun, and its year when one is printed.

    >>> event_id("yili", "International Agricultural Products Exhibition", "2023")
    'yili-agricultural-exhibition-2023'
    >>> event_id("kashgar", "Kashgar Trade Fair"), event_id("kashgar", "China Kashgar Expo")
    ('kashgar-trade-fair', None)
    """
    *words, noun = name.split()
    telling = [w for w in words if w.lower() not in _EVENT_STANDING and w.lower() != place]
    if not telling:
        return None
    parts = [place] + [_snake(w).replace("_", "-") for w in telling[:1]] + [noun.lower()] + ([year] if year else [])
    return "-".join(parts)


def company_id(place: str, name: str) -> str:
    """The id of a company by its registered name: its place's word, then the first two words of its name less the
    place ('Kashgar Hongyu Hengtong International Freight Forwarders Co., Ltd.' -> kashgar-hongyu-hengtong).

    >>> company_id("kashgar", "Zhongshun E-commerce")
    'kashgar-zhongshun-ecommerce'
    """
    words = name.split()
    if words and words[0].lower() == place:
        words = words[1:]
    return "-".join([place] + [_snake(w).replace("_", "-") for w in words[:2]])


class NameFinder:
    """The names of a text an entity can be found by: the spellings of data/aliases.csv (AliasFinder), the new
    spellings it suggests, and new entities drafted from their descriptions, remembered for the article."""

    def __init__(self, finder: AliasFinder, parents: dict[str, str] | None = None):
        self.finder = finder
        self.parents = parents or {}  # entity id -> the id of the place it is in
        self.coined: dict[str, NewEntity] = {}
        # a description in apposition to a name ('Alataw Pass, a major rail port') -> that name and, when the name
        # is a new spelling, the alias it suggests: the description is the name's, no new thing
        self.apposed: dict[tuple[int, int, str, str], tuple[tuple[int, int, str, str], str]] = {}
        # (name, entity) of known groups found by a rule ('Alashankou and Horgos, two major railway hubs'): the rule
        # finds them again, so they need no alias
        self.by_rule: set[tuple[str, str]] = set()

    def _region_of(self, entity: str) -> str:
        """The region an entity is in (itself when it is one), by its parents; '' when none is known."""
        seen = set()
        while entity and entity not in seen:
            if self.finder.kinds.get(entity) == "region":
                return entity
            seen.add(entity)
            entity = self.parents.get(entity, "")
        return ""

    def namely(self, text: str, known: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
        """(start, end, name, new entity id) of groups whose members are listed after 'namely' ('the four
        integrated bonded areas, namely, Kashgar, Alataw, Horgos and Urumqi') when every known place listed (two at
        least; a spelling the alias table lacks is passed over) has a known entity of one kind by the same id after
        its place's word (kashgar-cbz, alashankou-cbz, ...), of the group's noun's kind (an id that ends in that
        noun first: 'logistics parks'): the group is their common
        region's word and that id's end in the plural (xinjiang-cbzs)."""
        found = []
        for group in _NAMELY.finditer(text):
            listed = _NAME_LIST.match(text, group.end())
            members = [k for k in known if listed and group.end() <= k[0] and k[1] <= listed.end()]
            if len(members) < 2:
                continue
            kind = _NOUN_KINDS.get(group["noun"].lower())
            ids = self.finder.kinds
            suffixes = None
            for k in members:
                word = place_word(k[3], ids.get(k[3], ""))
                mine = {
                    (e[len(word) + 1 :], ids[e])
                    for e in ids
                    if e.startswith(word + "-") and (kind is None or ids[e] == kind)
                }
                suffixes = mine if suffixes is None else suffixes & mine
            # an id ending in the group's own noun is the one meant ('logistics parks': lakeside-logistics-park)
            suffixes = {x for x in suffixes or () if x[0].split("-")[-1] == group["noun"].lower()} or suffixes
            if not suffixes or len(suffixes) != 1:
                continue  # the places have no one kind of thing in common: no group is drafted
            suffix = next(iter(suffixes))[0]
            regions = {self._region_of(f"{place_word(k[3], ids.get(k[3], ''))}-{suffix}") for k in members}
            if len(regions) != 1 or "" in regions:
                continue
            region = regions.pop()
            entity = f"{place_word(region, 'region')}-{suffix}s"
            start, end = group.start() + 4, listed.end()
            if self._coin(entity, text[start:end], "other", region):
                found.append((start, end, text[start:end], entity))
                self.by_rule.add((text[start:end], entity))
        return found

    def places(self, text: str) -> list[tuple[int, int, str, str]]:
        """The known or suggested names of a text that can be a new entity's place, usable as a subject."""
        names = self.finder.known(text) + self.finder.suggested(text)
        return [k for k in names if self.finder.kinds.get(k[3]) in _PLACE_KINDS and _usable(text, k)]

    def _place(self, text: str, start: int, end: int, anchor: int, outer: str) -> str:
        places = self.places(text)
        if anchor >= 0:  # the name right after 'of', 'in' or 'at': the most specific of its capitalised words
            inside = [k for k in places if anchor <= k[0] < anchor + len(_capitalised(text, anchor))]
            if inside:
                return self.finder.best(inside)[3]
        before = [k for k in places if k[1] <= start]
        if before:
            return max(before, key=lambda k: k[1])[3]
        after = [k for k in places if k[0] >= end]
        return after[0][3] if after else outer

    def _coin(self, entity: str | None, name: str, kind: str, parent: str) -> str | None:
        if entity is None:
            return None
        if entity not in self.finder.kinds and entity not in self.coined:
            self.coined[entity] = NewEntity(entity, name, kind, parent)
        return entity

    def descriptions(self, text: str, outer: str = "") -> list[tuple[int, int, str, str]]:
        """(start, end, description, entity id) of the things a text brings in by a description: with 'a', or with
        'the' and the name of its place ('the ... center of Xinjiang Alashankou Port ...'). A description like a
        known spelling (its place's name before it included: 'a free trade zone' in Lakeside) is that entity's; any
        other is a new entity (remembered in ``coined``). ``outer`` is the place of a description whose text names
        none: without a place there is no new entity."""
        found = []
        known = self.finder.known(text)
        named = known + self.finder.suggested(text)
        for m in _DESCRIPTION.finditer(text):
            if m["det"].lower() == "the" and not m["anchor"] or _STANDING.search(m["words"]):
                continue  # 'the first highway port in Xinjiang' ranks a known thing, it brings in no new one
            apposed = [
                k
                for k in named
                if m["det"].lower() != "the"
                and re.fullmatch(r",\s*", text[k[1] : m.start()])
                and not _in_opening_phrase(text, k[0])
            ]
            if apposed:  # 'Alataw Pass, a major rail port in ...' says what the name is: no new thing
                k = self.finder.best(apposed)
                found.append((m.start(), m.end("noun"), text[m.start() : m.end("noun")], k[3]))
                self.apposed[found[-1]] = (k, "" if k in known else k[2])
                continue
            parent = self._place(text, m.start(), m.end(), m.end() if m["anchor"] else -1, outer)
            if not parent:
                continue
            name = re.sub(r"^(?:\S*\d\S*\s+)+", "", f"{m['words']}{m['noun']}")  # not the figure it holds
            place = place_word(parent, self.finder.kinds.get(parent, ""))
            spellings = [name, f"{place} {name}"]
            if m["anchor"]:
                spellings.append(name + text[m.end("noun") : m.end()] + _capitalised(text, m.end()))
            like = [c for n in spellings for c in difflib.get_close_matches(n.lower(), self.finder.aliases, 1, 0.8)]
            if like:  # a known thing by another spelling ('a free trade zone' in Lakeside): its alias, not new
                found.append((m.start(), m.end("noun"), name, self.finder.aliases[like[0]]))
                continue
            noun = m["noun"].lower()
            entity = new_entity_id(place, m["words"], noun)
            if self._coin(entity, name, _NOUN_KINDS.get(noun, "other"), parent):
                found.append((m.start(), m.end("noun"), name, entity))
        return found

    def registered(self, text: str, outer: str = "") -> list[tuple[int, int, str, str]]:
        """(start, end, name, new entity id) of the names of a text that data/aliases.csv does not know but that
        name a thing by a rule: a company's registered name ('Zhongshun E-commerce Co., Ltd.'), known places named
        as one group ('the two Xinjiang ports of Alashankou and Khorgos')."""
        found = []
        known = self.finder.known(text)
        for m in _LEGAL_FORM.finditer(text):
            if any(k[0] <= m.start() < k[1] for k in known):
                continue
            parent = self._place(text, m.start(), m.end(), -1, outer)
            if not parent:
                continue
            entity = company_id(place_word(parent, self.finder.kinds.get(parent, "")), m["name"])
            if self._coin(entity, m.group().strip(), "company", parent):
                found.append((m.start(), m.end(), m.group().strip(), entity))
        for m in _NAMED_EVENT.finditer(text):
            if any(k[0] <= m.start("name") < k[1] for k in known):
                continue  # a known event, or a known name that begins this one
            anchor = m.end("anchor") if m["anchor"] else -1
            parent = self._place(text, m.start("name"), m.end(), anchor, outer)
            if not parent:
                continue
            entity = event_id(place_word(parent, self.finder.kinds.get(parent, "")), m["name"], m["year"] or "")
            name = m["name"] + (text[m.end("name") : m.end()] + _capitalised(text, m.end()) if m["anchor"] else "")
            if self._coin(entity, name, "event", parent):
                found.append((m.start("name"), m.end("name"), name, entity))
        return found + self.pairs(text, known) + self.namely(text, known) + self.modal_parts(text, known)

    def modal_parts(self, text: str, known: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
        """(start, end, name, entity id) of a known port's railway or highway port the alias table lacks ('Horgos
        railway port' of khorgos-port: khorgos-railway-port, in it)."""
        found = []
        for start, end, written, entity in known:
            longer = _LONGER_NAME.match(text[end:])
            mode = transport_mode(longer.group()) if longer else ""
            if not mode or self.finder.kinds.get(entity) != "port":
                continue
            name = written + longer.group()
            noun = name.split()[-1].lower()
            part = f"{place_word(entity, 'port')}-{mode}-{noun}"
            if part not in self.finder.kinds and self._coin(part, name, "port", entity):
                found.append((start, start + len(name), name, part))
        for start, end, _, entity in known:
            # the same part named before its port: 'the railway port of Horgos'
            of = _MODE_PORT_OF.search(text, 0, start)
            mode = transport_mode(of["part"]) if of else ""
            if not mode or self.finder.kinds.get(entity) != "port":
                continue
            part, name = f"{place_word(entity, 'port')}-{mode}-port", text[of.start("part") : end]
            if self._coin(part, name, "port", entity):
                found.append((of.start("part"), end, name, part))
                self.by_rule.add((name, part))
        return found

    def pairs(self, text: str, known: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
        """(start, end, name, entity id) of two known places of one kind named together as one group ('the two
        Xinjiang ports of Alashankou and Khorgos', 'Alashankou and Horgos, two major railway hubs'), drafted as a new
        entity when data/entities.csv lacks it."""
        found = []
        for a, b in zip(known, known[1:]):
            group = _GROUP.search(text[: a[0]])
            # or the kind after the names: 'the region's Horgos and Alashankou ports'
            after = None if group else _GROUP_AFTER.match(text[b[1] :])
            kinds = {self.finder.kinds.get(a[3]), self.finder.kinds.get(b[3])}
            if (
                (group or after)
                and re.fullmatch(r"\s+and\s+(?:the\s+)?", text[a[1] : b[0]])
                and len(kinds) == 1
                and None not in kinds
            ):
                scope = self.finder.known(group["scope"] or group["scope2"] or "") if group else []
                kind = (group["kind"] or group["kind2"]) if group else after["kind"] or after["kind_apposed"]
                if kind not in _KIND_PLURAL.values():
                    kind = _KIND_PLURAL.get(kinds.copy().pop(), kind)
                first, second = place_word(a[3], ""), place_word(b[3], "")
                entity = f"{first}-{second}-{kind}"
                if entity not in self.finder.kinds and f"{second}-{first}-{kind}" in self.finder.kinds:
                    entity = f"{second}-{first}-{kind}"  # the same group named in the other order
                start, end = (group.start() + 4, b[1]) if group else (a[0], b[1] + after.end())
                name = text[start:end]
                if self._coin(entity, name, "other", scope[0][3] if scope else ""):
                    found.append((start, end, name, entity))
                    self.by_rule.add((name, entity))
        return found


def _capitalised(text: str, at: int) -> str:
    """The run of capitalised words at ``at`` ('Alashankou City, wheat' -> 'Alashankou City')."""
    run = re.match(r"(?:[A-Z(][\w()'’-]*\s*)+", text[at:])
    return run.group().strip() if run else ""


# The region a report is about, referred back to: 'the region saw exports reach ...'.
_THE_REGION = re.compile(r"\b(?:[Tt]he|[Ii]ts)\s+(?:autonomous\s+)?region\b(?![’']s)")


def back_reference(
    finder: AliasFinder, before: str, earlier: list[str], names: NameFinder | None = None
) -> EntityGuess | None:
    """The entity a definite noun phrase before a figure ('in the bonded area', 'the company') refers back to: the
    nearest name in the sentences before whose own key noun is the same ('Kashgar comprehensive bonded area'), or a
    thing described there ('At a noodle processing company in Alashankou City', 'Zhongshun E-commerce Co., Ltd.'
    for 'the company'), as a new entity when ``names`` is given; or None."""
    refs = [m for m in _BACK_REFERENCE.finditer(before)]
    if not refs:
        return None
    noun = refs[-1]["noun"].lower()
    same = _SAME_NOUN.get(noun, {noun})
    for index in range(len(earlier) - 1, -1, -1):
        text = earlier[index]
        named = finder.known(text) + finder.suggested(text)
        outer = _nearest_place(names, earlier[:index]) if names else ""
        described = names.registered(text, outer) + names.descriptions(text, outer) if names else []
        named = [k for k in named if not any(d[0] <= k[0] < d[1] for d in described)]

        def nouns_of(k) -> list[str]:
            """The name's key nouns, its head last."""
            new = names.coined.get(k[3]) if names else None
            if new is not None and new.kind == "company" and not _KEY_NOUN_END.search(k[2]):
                return ["company"]  # a registered name: 'Co., Ltd.'
            found = _KEY_NOUN_END.findall(k[2])
            if not found:
                # a known name printed with a key noun the alias lacks ('Khunjerab' of 'Khunjerab Pass')
                after = re.match(r"\s+(" + _KEY_NOUN_WORDS + r")\b", text[k[1] :], re.I)
                found = [after.group(1)] if after else []
            return [f.lower() for f in found]

        def noun_of(k) -> str:
            return (nouns_of(k) or [""])[-1]

        hits = [k for k in named + described if noun_of(k) in same]
        if not hits:
            # a name whose head is another noun but that holds this one ('the land port' for the 'Urumqi International
            # Land Port Area' the article opened with)
            hits = [k for k in named + described if same & set(nouns_of(k)[:-1])]
        opening = _APPOSITIVE.match(text) if index == len(earlier) - 1 else None
        if not hits and opening:
            # 'Branded as a media center for ..., the hub has': the opening phrase says what the subject is
            hits = [k for k in described if k[0] == opening.end()]
            if hits and names is not None and hits[0][3] in names.coined and noun_of(hits[0]) not in same:
                # the thing is what the sentence calls it ('the hub'), described as the opening says ('a media
                # center'): its id ends in the noun of its subject (khorgos-media-hub)
                drafted = names.coined[hits[0][3]]
                entity = f"{hits[0][3].rsplit('-', 1)[0]}-{noun}"
                if names._coin(entity, drafted.name, _NOUN_KINDS.get(noun, "other"), drafted.parent):
                    hits = [(hits[0][0], hits[0][1], hits[0][2], entity)]
                    described = described + hits
        if hits:
            last = max(hits, key=lambda k: k[0])
            if names is not None and last in names.apposed:  # 'the port' after 'Alataw Pass, a major rail port'
                (_, _, name, entity), alias = names.apposed[last]
                return EntityGuess(entity, name, new_alias=alias, where="paragraph")
            if last in described and last[3] in names.coined:
                return EntityGuess(last[3], last[2], where="paragraph", new_entity=names.coined[last[3]])
            return EntityGuess(
                last[3], last[2], new_alias=last[2] if last not in finder.known(text) else "", where="paragraph"
            )
    return None


# A group of places referred back to by its count: "Xinjiang's two major ports", 'the two ports'.
_COUNTED_PLACES = re.compile(
    r"(?:\bthe|[A-Z][\w-]*['’]s)\s+(?P<count>two|three|four|five)\s+(?:[a-z][\w-]*\s+){0,3}?(?:ports|hubs)\b"
)


def _group_reference(names: NameFinder, before: str, earlier: list[str]) -> EntityGuess | None:
    """The pair of places a count before a figure refers back to ("Xinjiang's two major ports had accounted for"
    after 'Alashankou and Horgos, two major railway hubs'): the nearest pair named before."""
    refs = list(_COUNTED_PLACES.finditer(before))
    if not refs or refs[-1]["count"].lower() != "two":
        return None
    for text in reversed(earlier):
        groups = names.pairs(text, names.finder.known(text))
        if groups:
            start, end, name, entity = groups[-1]
            return EntityGuess(entity, name, where="paragraph", new_entity=names.coined.get(entity))
    return None


def _nearest_place(names: NameFinder, texts: list[str]) -> str:
    """The place named last in the nearest of some texts (earlier sentences, nearest last), or ''."""
    for text in reversed(texts):
        places = names.places(text)
        if places:
            return max(places, key=lambda k: k[1])[3]
    return ""


# 'our' or 'we' in a quotation, and after it who speaks for what: '," said the chairman of | another foreign trade
# company'.
_FIRST_PERSON = re.compile(r"[“\"][^”\"]*\b(?:[Oo]ur|[Ww]e)\b[^”\"]*$")
# Who speaks, brought in with their post at an organisation before what they say: 'Ma Wenbang, general manager of a
# logistics and warehousing company near Irkeshtam, said business revenue ...'.
_SPEAKER_INTRODUCED = re.compile(
    r"(?P<person>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}),\s+(?:the\s+|an?\s+)?(?:[a-z][\w-]*\s+){1,3}of\s+"
    r"(?P<org>(?:an?|the)\s+(?:[a-z][\w-]*\s+){0,4}?(?:" + _KEY_NOUN_WORDS + r")\b)[^,;\"“”]*,\s+(?:said|says)\b"
)
# A quote whose speaker is named after it ('"... of my warehouse space ...," said Ma.'), and a first person in it.
_SAID_BY_NAME = re.compile(r"(?P<rest>[^”\"]*)[”\"]\s*,?\s*(?:said|says)\s+(?P<name>[A-Z][\w'’-]*)\s*(?:[.,]|$)")
_FIRST_PERSON_WORD = re.compile(r"\b(?:[Mm]y|[Oo]ur|[Ww]e|I)\b")
_SPEAKERS_ORGANISATION = re.compile(
    r"[^”\"]*[”\"]\s*,?\s*(?:said|says)\s+(?:the\s+|an?\s+)?(?:[a-z][\w-]*\s+){1,3}of\s+(?P<org>"
    r"(?:an?|another|the)\s+(?P<words>(?:[a-z][\w-]*\s+){0,4}?)(?P<noun>" + _KEY_NOUN_WORDS + r")\b"
    r"|(?:[A-Z][\w'’.,-]*\s*)+)"
)


# A name a rank is taken within ('ranking first among Xinjiang's border ports', 'the first ... in Xinjiang') is its
# scope, not what it ranks; 'among' is a scope for any figure.
_SCOPE_OF_ANY = re.compile(r"\bamong\s+(?:the\s+)?$", re.I)
_SCOPE_OF_RANK = re.compile(r"\b(?:in|across|of|among)\s+(?:the\s+)?$", re.I)


_WHOLE_AFTER = re.compile(r"\s*(?:percent|%)?\s*of\s+(?:the\s+)?$")


def _is_ordinal(text: str) -> bool:
    try:
        return read_figure(text).kind == "ordinal"
    except PortbookError:
        return False


def _in_scope(sentence: str, name: tuple, ranks: bool) -> bool:
    """Whether a name is the scope a figure is counted or ranked within ('among Xinjiang's border ports'), not its
    subject; ``ranks`` when the figure is an ordinal and the name comes after it."""
    before = sentence[max(0, name[0] - 20) : name[0]]
    return bool(_SCOPE_OF_ANY.search(before) or ranks and _SCOPE_OF_RANK.search(before))


def _speakers_organisation(
    names: NameFinder, sentence: str, at: int, end: int, earlier: list[str], outer: str, named: list
) -> tuple | None:
    """The organisation of who gives a figure, as a name of the sentence (start, end, name, entity), when nothing
    else is named between who speaks and the figure: the speaker brought in before it ('Ma Wenbang, general manager
    of a logistics ... company near Irkeshtam, said business revenue ... reached'), or the first person of a quote
    whose speaker, named after it, was brought in so before ('"... my warehouse space ...," said Ma.')."""

    def described(text: str, speaker: re.Match) -> tuple | None:
        """The thing the speaker's organisation describes, as NameFinder.descriptions finds it in their text."""
        own = [d for d in names.descriptions(text, outer) if speaker.start("org") <= d[0] < speaker.end("org")]
        return own[0] if own else None

    introduced = [m for m in _SPEAKER_INTRODUCED.finditer(sentence, 0, at) if m.end() <= at]
    if introduced:
        speaker = introduced[-1]
        if any(speaker.end() <= k[0] < at for k in named):
            return None
        return described(sentence, speaker)
    said = _SAID_BY_NAME.match(sentence, end)
    opening = max(sentence.rfind('"', 0, at), sentence.rfind("“", 0, at))
    if said is None or opening < 0 or not _FIRST_PERSON_WORD.search(sentence[opening:at] + said["rest"]):
        return None
    for text in reversed(earlier):
        for m in _SPEAKER_INTRODUCED.finditer(text):
            if said["name"] in m["person"].split():
                own = described(text, m)
                # the same thing as a name of this sentence: where it stands here is where the speaker's name is
                return (said.start("name"), said.end("name"), own[2], own[3]) if own else None
    return None


def guess_entity(
    finder: AliasFinder,
    sentence: str,
    at: int,
    earlier: list[str],
    distance: bool | str = False,
    names: NameFinder | None = None,
    end: int | None = None,
) -> tuple[EntityGuess | None, str | None]:
    """The entity a figure at offset ``at`` (to ``end``) of its sentence is about.

    First its own clause: a name before the figure in it, else a thing it brings in ('a cross-border e-commerce
    industrial park covering an area of', 'a 40-square-kilometer pilot zone': a new entity when ``names`` is given),
    else what a back-reference before the figure refers to ('the company purchases'). Then the sentence: the
    subject among the names before the figure (not those of who speaks, before 'said that'), known or suggested
    as new aliases, else among those after it, else what a back-reference in its clause refers to, else the first
    name of the nearest sentence before (``earlier``, nearest last) that names one. Never a partner ('trade with
    ...'), a source ('said Urumqi Customs') or, for a ``distance``, its reference point ('from Khunjerab Port'); a
    country (a partner or the scope of a superlative in a report about ports) only when no other name is found.
    Returns the guess and, for a suggested alias, the entity it is like."""
    end = at if end is None else end

    def names_of(text: str, outer: str = "") -> tuple[list, list]:
        new = [k for k in finder.suggested(text) if _usable(text, k, distance)]
        if names is not None:
            # a registered name or a group is a name; a description is the subject only in the figure's clause
            registered = names.registered(text, outer)
            new = [k for k in new if not any(d[0] <= k[0] < d[1] for d in registered)] + registered
        # a known name that begins a longer one ('Kashgar' of 'Kashgar comprehensive bonded area') is that one's
        known = [
            k for k in finder.known(text) if _usable(text, k, distance) and not any(n[0] <= k[0] < n[1] for n in new)
        ]
        return known, new

    def guess(pick, known: list, where: str) -> tuple[EntityGuess, str | None]:
        if pick in located:
            return located[pick], None
        at_ = pick[0] if where == "sentence" else -1
        if names is not None and pick in names.apposed:  # a description of the name before it: that name
            (start, _, name, entity), alias = names.apposed[pick]
            guessed = EntityGuess(entity, name, new_alias=alias, where=where, at=start if at_ >= 0 else -1)
            return guessed, entity if alias else None
        new_entity = names.coined.get(pick[3]) if names is not None else None
        if pick in known or names is not None and (pick[2], pick[3]) in names.by_rule and new_entity is None:
            return EntityGuess(pick[3], pick[2], where=where, at=at_), None
        if new_entity is not None:
            return EntityGuess(pick[3], pick[2], where=where, at=at_, new_entity=new_entity), None
        return EntityGuess(pick[3], pick[2], new_alias=pick[2], where=where, at=at_), pick[3]

    country = lambda k: finder.kinds.get(k[3]) == "country"
    outer = _nearest_place(names, earlier) if names is not None else ""
    counted = _group_reference(names, sentence[:at], earlier) if names is not None else None
    if counted is not None:
        return counted, None
    known, new = names_of(sentence, outer)
    located = {}
    for k in known + new:
        # 'the land port in northwest China's Xinjiang': the name is where the thing referred back to is
        phrase = _LOCATED_REFERENCE.search(sentence, 0, k[0])
        if phrase is not None:
            referent = back_reference(finder, phrase.group(), earlier + [sentence[: phrase.start()]], names)
            if referent is not None:
                located[k] = referent
    # a figure inside the name of a group it counts ('the four ... areas, namely, Kashgar, ...') is about the group
    inside = [
        k
        for k in new
        if k[0] <= at and end <= k[1] and names is not None and (k[3] in names.coined or (k[2], k[3]) in names.by_rule)
    ] + [k for k in known if k[0] == at and end < k[1]]  # a known spelling that counts: 'four integrated bonded areas'
    if inside:
        return guess(inside[0], known, "sentence")
    speaker = max((m.end() for m in _REPORTED.finditer(sentence, 0, at)), default=0)
    own = max(clause_start(sentence, 0, at), speaker)
    ours = _SPEAKERS_ORGANISATION.match(sentence, end) if _FIRST_PERSON.search(sentence[:at]) else None
    if ours is not None and names is not None:
        # '"Our trade volume reached ...," said the chairman of another foreign trade company': a figure a speaker
        # gives for 'our' or 'we' is their organisation's, known by name or a new entity by its description
        named = [k for k in known + new if ours.start("org") <= k[0] < ours.end("org")]
        if named:
            return guess(named[0], known, "sentence")
        place = outer or _nearest_place(names, [sentence])
        entity = ours["noun"] and new_entity_id(
            place_word(place, finder.kinds.get(place, "")), ours["words"], ours["noun"]
        )
        name = f"{ours['words']}{ours['noun']}" if ours["noun"] else ""
        if place and entity and names._coin(entity, name, _NOUN_KINDS.get(ours["noun"].lower(), "other"), place):
            return guess((ours.start("org"), ours.end("org"), name, entity), known, "sentence")
    if names is not None:
        organisation = _speakers_organisation(names, sentence, at, end, earlier, outer, known + new)
        if organisation is not None:
            return guess(organisation, known, "sentence")
    # the figure's own clause: its subject, or a thing it brings in after the subject ('a 40-square-kilometer pilot
    # zone', 'a park covering')
    pick = finder.best(
        [k for k in known + new if own <= k[0] and k[1] <= at and not country(k) and not _in_scope(sentence, k, False)]
    )
    brought = [k for k in names.descriptions(sentence, outer) if own <= k[0] < at] if names is not None else []
    if brought and (pick is None or max(brought)[0] >= pick[1]):
        thing = max(brought)
        # 'the land port in the Kizilsu Kirgiz autonomous prefecture' after 'Torugart Port': a thing named before,
        # referred back to with 'the' and its place, not one brought in
        referred = sentence[thing[0] : thing[0] + 4].lower() == "the "
        back = back_reference(finder, sentence[thing[0] : thing[1]], earlier, names) if referred else None
        if back is not None:
            return back, None
        return guess(thing, known, "sentence")
    if pick is not None:
        return guess(pick, known, "sentence")
    back = back_reference(finder, sentence[own:at], earlier + [sentence[:own]], names)
    if back is not None:
        return back, None
    fallback = None
    ranks = _is_ordinal(sentence[at:end])
    for side in ("before", "after"):
        found = [
            k
            for k in known + new
            if (speaker <= k[0] and k[1] <= at if side == "before" else k[0] >= end)
            and not _in_scope(sentence, k, ranks and side == "after")
            # '33.6 percent of Xinjiang's total': the whole a share is of, never its part
            and not (side == "after" and _WHOLE_AFTER.match(sentence, end, k[0]))
        ]
        pick = finder.best([k for k in found if not country(k)])
        if pick is not None:
            return guess(pick, known, "sentence")
        fallback = fallback or finder.best(found) and (finder.best(found), known, "sentence")
    # a back-reference before the figure, then one after it in its clause ('63 enterprises have been signed in the
    # pilot development zone')
    clause_end = _CLAUSE_START.search(sentence, end)
    for stretch in (sentence[speaker:at], sentence[end : clause_end.start() if clause_end else len(sentence)]):
        back = back_reference(finder, stretch, earlier + [sentence[:speaker]], names)
        if back is not None:
            return back, None
    if _THE_REGION.search(sentence, speaker, at):
        # 'According to Urumqi customs, the region saw exports reach ...': the region named before, not the source
        for distance_, text in enumerate(reversed(earlier)):
            named = finder.known(text)
            regions = [k for k in named if finder.kinds.get(k[3]) == "region"]
            if regions:
                return guess(regions[-1], named, "paragraph" if distance_ < 3 else "article")
    sources = [k for k in finder.known(sentence) if is_source(sentence, k[0], k[1]) and not country(k)]
    if sources:
        return EntityGuess(sources[0][3], sources[0][2], where="sentence", at=sources[0][0]), None
    before_speaker = finder.best([k for k in known + new if k[1] <= speaker and not country(k)])
    if before_speaker is not None:
        return guess(before_speaker, known, "sentence")
    for distance_, text in enumerate(reversed(earlier)):
        known_, new_ = names_of(text)
        found = [k for k in known_ + new_ if not country(k)]
        if found:
            top = max(finder.rank(k[3]) for k in found)
            first = min((k for k in found if finder.rank(k[3]) == top), key=lambda k: k[0])
            return guess(first, known_, "paragraph" if distance_ < 3 else "article")
        if known_ + new_ and fallback is None:
            fallback = (known_ + new_)[-1], known_, "paragraph" if distance_ < 3 else "article"
    return guess(*fallback) if fallback else (None, None)


# ---------------------------------------------------------------------------
# Periods
# ---------------------------------------------------------------------------

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
# a month as a headline abbreviates it in a range ('Jan-May'); 'May' is both
_MON = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_YEARISH = r"(?:\d{4}|this year|last year|the year)"
# The words of 'up to now' a period may print: found in text, and read against the publication date.
_NOW_WORDS = "up to now|so far|to date|at present|currently|now|today"
PERIOD_FINDER = re.compile(
    "|".join(
        [
            # a running span from 1 January, before 'since <date>', 'so far' and a bare year could take a piece of it
            r"since the (?:beginning|start) of (?:the year|this year|\d{4})|so far this year|this year so far"
            r"|year[ -]to[ -]date",
            rf"(?:from|between) {_MONTH}? ?\d{{4}} (?:to|and|through) (?:{_MONTH} )?\d{{4}}",
            rf"(?:from )?{_MONTH}(?: \d{{4}})? (?:to|through|-|–) {_MONTH}(?:,? {_YEARISH})?",
            rf"\b{_MON}[-–]{_MON}(?!\w)(?:,? {_YEARISH})?",
            rf"(?:the )?first (?:half|\w+ (?:months|quarters))(?: of {_YEARISH})?",
            rf"(?:the )?(?:first|second) half(?: of {_YEARISH})?",
            rf"(?:the )?(?:first|second|third|fourth) quarter(?: of {_YEARISH})?",
            r"\b[HQ][1-4](?: \d{4})?\b",
            rf"(?:by|as of|since|until|up to|at|(?:starting|beginning) from) (?:the end of )?(?:(?:{_MONTH}|{_MON})(?: \d{{1,2}}(?!\d))?"
            rf"(?:,? {_YEARISH})?|\d{{4}})",
            r"(?:in |over |during )?(?:the )?(?:past|last) year|this year|last year",
            # a month alone after 'in' ('10.68 billion yuan in November'), not a day of it ('in November 4')
            rf"\b(?:in|during) (?:(?:early|mid|late)[- ])?{_MONTH}(?:,? \d{{4}})?(?!,? \d)",
            rf"(?:{_NOW_WORDS})\b",
            r"in recent years|in (?:the )?(?:previous|past|earlier|prior|former) years|(?:every|each) year|annually",
            # the year something began, as the start of a span to now: 'since the company started in 2011'
            r"since (?:the|its|their) [a-z]+ (?:started|opened|began|was founded|was established|was set up) in \d{4}",
            # a bare year, not the year of a date ('December 29, 2023') nor a number ('2,024', '1995 yuan')
            # nor a year in brackets in a name ('the first (2023) International Agricultural Products Exhibition')
            r"(?<![\d,.(])(?<!\d, )(?<!\d )\d{4}(?![\d%)]|[,.]\d|\s*(?:percent|yuan|dollars|tons|tonnes|vehicles))",
        ]
    ),
    re.I,
)


def _canonical_period(phrase: str) -> str:
    """A period phrase as the ledger writes it: no leading 'in the', 'during', 'from', lower case unless a month
    begins it."""
    # 'in early July' is in July
    p = re.sub(r"^(?:in|during)\s+(?:early|mid|late)[- ](?=(?-i:[A-Z]))", "", phrase.strip(), flags=re.I)
    p = re.sub(r"^(?:in|during|over|from)\s+(?=the\s|\d|(?-i:[A-Z]))", "", p, flags=re.I)
    # 'starting from August 14' is the start of a span up to publication, as 'since August 14'
    p = re.sub(r"^(?:starting|beginning) from\s+", "since ", p, flags=re.I)
    p = re.sub(r"^the\s+(?=first|second|third|fourth|past)", "", p, flags=re.I)
    p = re.sub(r"^since (?:the|its|their) [a-z]+ [a-z ]+? in (\d{4})$", r"since \1", p, flags=re.I)
    # a month, and a half or quarter as printed ('H1', 'Q3 2023'), keep their capital
    if not re.match(_MONTH, p) and not re.match(_MON, p) and not re.match(r"[HQ][1-4]\b", p):
        p = p[:1].lower() + p[1:]
    return p


def find_periods(text: str, published: date) -> list[tuple[int, int, str]]:
    """(start, end, phrase) of every period phrase in a text that resolves against the publication date."""
    found = []
    for m in PERIOD_FINDER.finditer(text):
        if re.match(r"\s+of\s+(?:the|its|their)\s+(?!year\b)", text[m.end() :], re.I):
            continue  # 'the first three months of the establishment of ...': counted from an event, not a calendar
        phrase = _canonical_period(m.group())
        try:
            resolve_period(phrase, published)
        except BadPeriod:
            continue
        found.append((m.start(), m.end(), phrase))
    return found


_RELATIVE_WORDS = re.compile(rf"^(?:{_NOW_WORDS})$", re.I)


def _same_clause(text: str) -> bool:
    """Whether a stretch between a figure and a period phrase stays in one clause (brackets skipped)."""
    return not re.search(r"[,;:.!?]", re.sub(r"\([^)]*\)?", "", text))


def _nearest_figure(sentence: str, p: tuple[int, int, str], at: int, end: int, others: list[tuple[int, int]]) -> bool:
    """Whether a period phrase belongs to the figure at..end rather than to another figure of the sentence: no other
    figure stands between them ('from the initial 6 to more than 100 now': 'now' is the 100's), but a conversion in
    brackets does not count ('11.71 billion yuan (about 1.61 billion U.S. dollars) in 2013')."""
    lo, hi = (end, p[0]) if p[0] >= end else (p[1], at)
    if any(lo <= o[0] and o[1] <= hi and sentence[: o[0]].count("(") <= sentence[: o[0]].count(")") for o in others):
        return False
    # 'from ranking 125th in 2020 to 29th': a period right after another figure (its unit or bracket between) is
    # that figure's
    return not (
        p[1] <= at
        and any(re.fullmatch(r"[^,;:.\d]{0,40}?\)?\s*", sentence[o[1] : p[0]]) for o in others if o[1] <= p[0])
    )


# A total that has grown to where it stands ('has exceeded 40,000'), not a figure of the moment.
_RUNNING_TOTAL = re.compile(
    r"\b(?:has|have)\s+(?:now\s+)?(?:exceeded|reached|surpassed|topped|totall?ed|accumulated|amounted to)\b", re.I
)
# A sentence that opens with the start of a span ('Since the resumption of passenger customs clearance on April 3,
# 2023, ...'): its date, with the day and year it prints.
_SINCE_OPENING = re.compile(
    rf"^\W*since\b[^,;:.]*?\b(?P<date>{_MONTH}(?: \d{{1,2}})?(?:,? \d{{4}}| this year| last year)|\d{{4}})\s*,", re.I
)


def running_total_start(before: str, earlier: str) -> str | None:
    """'since <date>' when a figure 'now' or 'currently' is a running total ('Currently, the number ... has exceeded
    40,000') and the sentence before opens with the start of its span ('Since the resumption ... on April 3, 2023,
    the passenger flow has continued to rise'): the total runs over that span, not at a moment. None otherwise."""
    if not _RUNNING_TOTAL.search(before):
        return None
    opening = _SINCE_OPENING.match(earlier)
    return f"since {opening['date']}" if opening else None


# An opening phrase of what came before ('Following the start of operations of the ... project last year, the railway
# sector has added ...'): its period is that event's, not the period of what followed it.
_AFTER_EVENT = re.compile(r"^\W*(?:Following|After)\s[^,;]*$")
# A day a count runs up to, with no year: 'As of Sept. 1', 'by July 28'.
_AS_OF_DAY = re.compile(rf"^(?:[Aa]s of|[Bb]y) (?P<day>(?:{_MONTH}|{_MON}) \d{{1,2}})$")
_CONTRAST = re.compile(r",\s*(?:while|whereas)\s", re.I)


# The period a figure is compared with, printed after it: 'double that of 2021', '3.96 times that of 2013', 'up
# from 2,000 compared with 2021'. It is the base of the change, never the figure's own period.
COMPARED_WITH = re.compile(
    r"\b(?:th(?:at|ose)\s+of|compared\s+(?:with|to)|than(?:\s+in)?"
    # 'nearly nine times the figure from H1 2019'
    r"|the\s+(?:figure|level|number|amount|total|value)s?\s+(?:from|of|for|in))\s+(?:the\s+)?"
    # 'a rise of 20.3 percent compared with the same period of 2024'
    r"(?:same\s+period\s+(?:(?:of|in|last)\s+)?)?$",
    re.I,
)


# The date a thing was opened or founded ('Torugart Port, opened in 1881, is ...'): a milestone of its own, never the
# period of the other figures around it.
SINCE_FOUNDED = re.compile(
    r"\b(?:opened|founded|established|built|set up|inaugurated|launched|completed)\s+(?:in|on)\s+(?:early\s+|late\s+)?$",
    re.I,
)


def guess_period(
    sentence: str,
    at: int,
    end: int,
    published: date,
    earlier: str = "",
    others: list[tuple[int, int]] = (),
    rate: bool = False,
) -> tuple[str, str, tuple[int, int] | None]:
    """The period phrase of a figure at ``at``..``end`` of its sentence: one right after it in its clause ('3.7
    billion yuan (...) in 2021'), else one before it in its clause, else the nearest in the sentence, a word such as
    'now' last; never one that another figure of the sentence (``others``, spans in the sentence) stands between;
    but a period that opens the sentence is every figure's, and a ``rate`` (a growth or a share) takes the period of
    the level it follows; else the last of the sentence before (said so), else
    'undated'. Returns (phrase, how it was found, its span in
    the sentence or None)."""
    # not the figure itself, nor another figure (the date of a milestone is its own claim, not the period of the
    # other figures: 'Starting operation in early 2015, the zone is the first of its kind'), but the start of a span
    # ('starting from August 14, the port began ...') is both
    every = [
        p
        for p in find_periods(sentence, published)
        if not (p[0] < end and at < p[1])
        and (p[2].startswith("since") or not any(p[0] < b and a < p[1] for a, b in others))
        and not COMPARED_WITH.search(sentence, 0, p[0])
        and not SINCE_FOUNDED.search(sentence, 0, p[0])
        and not _AFTER_EVENT.match(sentence[: p[0]])
    ]
    # 'now', 'currently' before a figure hold for every figure after them ('is currently settled in 24 companies,
    # with an average of more than 20 trains per day'); after it, only for the figure right before them
    found = [
        p
        for p in every
        if _nearest_figure(sentence, p, at, end, list(others)) or (_RELATIVE_WORDS.match(p[2]) and p[1] <= at)
    ]
    after = [p for p in found if p[0] >= end and _same_clause(sentence[end : p[0]])]
    before = [p for p in found if p[1] <= at and _same_clause(sentence[p[1] : at])]
    # 'In 2022, the total ... was 49.31 billion yuan, 3.96 times that of 2013': a period that opens the sentence
    # and is closed by a comma is the whole sentence's, a quoted sentence's too ('"This year, the station has
    # handled an average of over 21 ..., with a peak of 30 ...," Yang added.')
    lead = [
        p
        for p in every
        if re.sub(r"^.*\bthat\s", "", sentence[: p[0]]).strip().lstrip("\"“‘'").lower()
        in ("", "in", "during", "from", "over", "by", "since")
        and sentence[p[1] :].lstrip().startswith(",")
    ]
    # 'has also facilitated 3,962 cross-border travelers and processed 3,036.46 tons of ... this year, further ...':
    # a period that closes a clause of figures joined by 'and' is each of its figures'
    closing = [
        p
        for p in every
        if p[0] >= end
        and not _RELATIVE_WORDS.match(p[2])
        and re.match(r"\s*(?:[,;.!?\"”]|$)", sentence[p[1] :])
        and re.search(r"\sand\s", sentence[end : p[0]])
        and _same_clause(re.sub(r"(?<=\d)[,.](?=\d)", "", sentence[end : p[0]]))
    ]
    # 'the import volume ... was 10.68 billion yuan in November, up 21.5 percent ..., while the export volume
    # reached 16.83 billion yuan': a clause set against the one before by 'while' measures the same period, when the
    # sentence names only one
    contrast = _CONTRAST.search(sentence, 0, at)
    dated = {p[2] for p in every if not _RELATIVE_WORDS.match(p[2])}
    parallel = [p for p in every if contrast and len(dated) == 1 and p[1] <= contrast.start()]
    if after:
        pick = min(after, key=lambda p: p[0])
    elif before:
        pick = max(before, key=lambda p: p[1])
    elif lead:
        pick = lead[0]
    elif closing:
        pick = closing[-1]
    elif parallel:
        pick = parallel[-1]
    else:
        # a rate with no period of its own is the change of the level before it, over the level's period
        near = found + [p for p in every if p not in found and not _RELATIVE_WORDS.match(p[2])] if rate else found
        # 'now' and its like from another clause only when they come first ('Customs clearance is now faster, and
        # I come to China every three days')
        loose = [p for p in near if not _RELATIVE_WORDS.match(p[2])] or [p for p in near if p[1] <= at]
        pick = min(loose, key=lambda p: min(abs(p[0] - end), abs(at - p[1]))) if loose else None
    if pick is not None and _RELATIVE_WORDS.match(pick[2]):
        # 'Since the resumption ... on April 1 this year, the pass has recorded over 50,000 ... so far': a sentence
        # that opens with the start of a span counts over it
        opening = _SINCE_OPENING.match(sentence)
        if opening and opening.end() <= at:
            return f"since {opening['date']}", "sentence", None
        since = running_total_start(sentence[:at], earlier)
        if since:
            return since, "previous sentence", None
    day = [m for p in every if (m := _AS_OF_DAY.match(p[2]))]
    if pick is not None and pick[2].lower() in ("this year", "so far this year") and day:
        # 'As of Sept. 1, the port had handled over 5,000 ... trips this year': the year's count up to that day
        return f"by {day[0]['day']} this year", "sentence", None
    if pick is not None:
        return pick[2], "sentence", (pick[0], pick[1])
    previous = [
        p
        for p in find_periods(earlier, published)
        if not _RELATIVE_WORDS.match(p[2])
        and not SINCE_FOUNDED.search(earlier, 0, p[0])
        and not ends_after_publication(
            p[2], published
        )  # what is expected 'by the end of December' is no period of what is
    ]
    # what someone says ('"... the clearance time ... has been reduced from 12 hours to 6-8 hours," said ...') is
    # said at publication, not of the reporter's period before it
    spoken = sentence.lstrip().startswith(('"', "“"))
    if previous and not spoken:
        return previous[-1][2], "previous sentence", None
    return "undated", "none", None


# ---------------------------------------------------------------------------
# Metrics
# ---------------------------------------------------------------------------

_GROWTH_WORDS = re.compile(
    r"\b(?:increase|increased|increasing|growth|grew|grow|rose|rise|risen|up|surged?|soared?|jumped|climbed|"
    r"year[- ]on[- ]year|down|decrease|decreased|fell|dropped|declined?)\b",
    re.I,
)
# A part of what the figure before counts: '80 percent of those were new energy vehicles'.
_OF_THOSE = re.compile(
    r"\s*(?:(?:percent|per cent|%)\s+)?of\s+(?:those|them|these|which)\s+(?:were|are|was|is)\s+(?P<part>[a-z][a-z\s-]*?)\s*(?:[,.;]|$)",
    re.I,
)
# The ledger's short names of long nouns ('nev_equipment_export_growth_pct').
_SHORT_NAMES = {"new_energy_vehicles": "nev", "new_energy_vehicle": "nev"}
_SHARE_WORDS = re.compile(
    r"\b(?:accounting for|accounted for|accounts for|account for|representing|share|proportion|occupying|"
    r"generates?|of the (?:national|total))\b",
    re.I,
)
_TOPICS = [
    ("e-?commerce", "ecommerce"),
    # the value of goods that crossed is trade ('transporting 12,432 tons of goods valued at over $95.26 million')
    ("cross-border trade|foreign trade|import and export|imports and exports|trade|goods valued|goods worth", "trade"),
    ("investment|invested", "investment"),
    ("signed|contract", "signed"),
    ("orders?", "orders"),
    # a firm's takings are its revenue ('business revenue so far this year'), what people earn their income
    ("business revenue", "business_revenue"),
    ("(?<!business )revenue", "revenue"),
    ("income|earned", "income"),
    ("sav(?:e|ed|ing|ings)", "cost_savings"),
    ("exports?|exported", "exports"),
    ("imports?|imported", "imports"),
    ("output|production|produced", "output"),
    ("sales|sold", "sales"),
]
# What happened to what is counted: a flow through the port or a deal ('vehicles_exported', 'enterprises_signed').
# Verbs of a stock ('has attracted 40 media organizations', 'has established 55 platforms', 'received orders') say
# only that the things are there: the name is the counted noun alone ('media_organizations').
_VERBS = {
    "exported": "exported",
    "exited": "exported",
    "export": "exported",
    "imported": "imported",
    "import": "imported",
    "signed": "signed",
    "settled": "settled",
    "launched": "launched",
    "handled": "handled",
    "sold": "sold",
    "purchased": "purchased",
    "purchases": "purchased",
    "processed": "processed",
    "passed": "passed",
    # trains 'departing from Xinjiang' are those that set out from it
    "departing": "departing",
    "departed": "departing",
    # routes or lines 'connecting 13 countries' count the places they reach
    "connecting": "connected",
    "connected": "connected",
    "linking": "connected",
    "linked": "connected",
    "go global": "going_global",  # 走出去: firms that take their business abroad
}
# A subject that is a flow of the things counted: 'Exports of Chinese cars ...' are vehicles_exported.
_FLOW_OF = re.compile(r"\W*(?:the\s+)?(?:total\s+)?(?P<way>export|import)s?\s+of\b", re.I)
# Places a service or goods get to ('to reach 19 countries and 26 cities'): countries_reached, cities_reached. Only
# places: 'the number of trips reached 1,000' says how many, not where they went.
_PLACES = {"countries", "cities", "destinations"}
# The verb right before the figure, with the word before it: 'goods from China to reach | 19 countries'; 'the number
# of countries reached | 30' (the places before the verb) says how many, not where.
_REACHING = re.compile(
    r"(?P<before>[\w'’-]+)\s+(?:to\s+reach|reaching|reached|reaches)"
    r"(?:\s+(?:more than|over|about|around|nearly|some))?\s*$",
    re.I,
)
_ROUTES_SERVE = re.compile(
    r"\broutes?,?\s+(?:that\s+|which\s+)?(?:reaching|reach(?:es)?|serv(?:e|es|ing)|span(?:s|ning)?)"
    r"(?:\s+(?:more than|over|about|around|nearly|some))?\s*$",
    re.I,
)
# Verbs that say only that a count went through the port, as any count of a port's traffic does.
_PASSAGE = re.compile(r"_(?:handled|processed|passed)(?=_|$)")
# The way what is counted crossed the border, printed before it.
_DIRECTIONS = re.compile(r"(?:inbound(?: and outbound)?|outbound(?: and inbound)?)\b", re.I)
# A verb that makes the counted people a role ('16000 border residents participated': border_resident_participants).
_ROLES = {"participated": "participants", "took part": "participants", "visited": "visitors", "attended": "attendees"}
# Words before a counted noun that do not say what is counted ('four existing stations', '20 detailed programs').
_EMPTY_MODIFIERS = {
    "existing",
    "detailed",
    "various",
    "other",
    "additional",
    "different",
    "new",
    "more",
    "total",
    "cross-border",
    # a label of importance ('key' of 重点) says how much a thing matters, not which thing it is
    "key",
}
# Words before a counted noun that say where it comes from or how it was made, not what it is ('25 domestically
# manufactured tractor trucks' are tractor_trucks, as 'China-made vehicles' are vehicles).
_ORIGIN = re.compile(r"^(?:made|manufactured|produced|built|assembled|[\w]+-(?:made|built|produced))$", re.I)
# People who cross a border under another name are the ledger's passengers ('cross-border travelers'): a name
# of the ledger with the same word for them is the same count.
_SAME_COUNT = {"travelers": "passengers", "travellers": "passengers"}
# An adjective of kind ('agricultural', 'electronic'), not a noun: what it describes comes after it.
_ADJECTIVE = re.compile(r"(?:al|ic|ary)$")
# Carriers named going one way in the clauses before a figure: what they carry or make went that way ('China-Europe
# freight trains returning via the port, carrying | 1 million tonnes of goods, made | 1,065 trips' are inbound).
_CARRIER_GOING = re.compile(
    r"\b(?:trains?|trucks?|vehicles?|flights?|ships?|convoys?)\s+(?P<way>returning|inbound|homebound|entering|"
    r"outbound|departing|leaving|exiting)\b",
    re.I,
)
_WAYS = {"returning": "inbound", "homebound": "inbound", "entering": "inbound", "inbound": "inbound"}


def carrier_direction(subject: str) -> str:
    """'inbound' or 'outbound' when the subject names carriers going one way, else ''.

    >>> carrier_direction("China-Europe freight trains returning via the port"), carrier_direction("the trains")
    ('inbound', '')
    """
    going = _CARRIER_GOING.search(subject)
    return _WAYS.get(going["way"].lower(), "outbound") if going else ""


# A train service named before a bare count of its trips or routes ('22 routes run via the port' in a report of
# China-Europe freight trains are its freight_train_routes), and freight trains counted, which are trips of the service
# as the ledger counts them ('more than 40,000 freight trains' are freight_train_trips).
# A train service: 'freight trains', 'passenger railway express trains', and the China-Europe Railway Express (中欧班列),
# a freight service, whatever the translation calls it ('China-Europe railway express trains').
_SERVICE = re.compile(
    r"\b(?:(?P<kind>freight|cargo|passenger)\s+(?:railway\s+)?(?:express\s+)?|China-Europe\s+(?:railway|rail)\s+express\s+)"
    r"trains?\b",
    re.I,
)
_TRAIN_METRIC = re.compile(
    r"(?:(?P<kind>freight|cargo|passenger)_)?(?P<express>(?:railway_|rail_)?express_)?trains(?P<rest>_.*)?$"
)
_OF_A_SERVICE = ("trips", "routes")
# The lines of a train service, counted: '21 China-Europe railway express services operate via the port' are routes.
SERVICE_LINES = re.compile(
    r"\s+(?:China-[A-Z][\w-]*\s+)?(?:(?:freight|cargo|railway|rail|train|express)\s+){1,3}services\b", re.I
)


def service_count(metric: str, unit: str, before: str) -> tuple[str, str]:
    """A count's metric and unit with the train service the text names before it, or as they are.

    >>> service_count("routes", "routes", "China-Europe freight trains returning via the port ... Currently,")
    ('freight_train_routes', 'routes')
    >>> service_count("freight_trains", "trains", ""), service_count("trips", "trips", "trucks crossed")
    (('freight_train_trips', 'trips'), ('trips', 'trips'))
    >>> service_count("trains_per_month_avg", "trains", "China-Europe freight trains handled by the port")
    ('freight_train_trips_per_month_avg', 'trips')
    >>> service_count("railway_express_trains", "trains", ""), service_count("routes", "routes", "China-Europe railway express trains")
    (('freight_train_trips', 'trips'), ('freight_train_routes', 'routes'))
    """
    head = metric.partition("_")[0]
    services = list(_SERVICE.finditer(before))
    service = (services[-1]["kind"] or "freight").lower() if services else None
    trains = _TRAIN_METRIC.match(metric)
    if unit == "trains" and trains:
        # 'freight trains', 'China-Europe railway express trains', and 'a monthly average of 3.5 trains' in a report
        # of China-Europe freight trains: trips of that service
        kind = trains["kind"] or ("freight" if trains["express"] else service)
        if kind:
            return f"{kind.lower()}_train_trips{trains['rest'] or ''}", "trips"
    if head in _OF_A_SERVICE and service:
        return f"{service}_train_{metric}", unit
    return metric, unit


# 'cross-border' before people counted says they crossed, both ways: passengers_inbound_outbound, as 'inbound and
# outbound passengers' are.
_CROSSED_BOTH_WAYS = re.compile(r"\s*cross-border\s+", re.I)
# 开放 rendered as a gerund before a noun ('opening platforms'): the name takes the adjective, as the ledger's
# 'open_ports' and the reports' own 'open platforms' do.
_MODIFIER_FORMS = {"opening": "open"}
# Units that count the kinds of the things counted before them ('55 platforms in 13 categories').
_KINDS_OF = {"categories"}
_KINDS_OF_WHAT = re.compile(r"\s*(?:types|kinds|categories|varieties|sorts)\s+of\s+(?P<what>[a-z][\w-]*s)\b", re.I)
# Units that measure rather than count: a figure in them is named for what is measured ('50,000 tons of wheat').
_MEASURES = MEASURED_UNITS | {"rank"}
_FUNCTION_WORDS = re.compile(
    r"^(?:a|an|the|of|in|on|at|to|for|from|by|with|and|or|were|was|are|is|have|has|had|been|be|per|each|its|their)$",
    re.I,
)


def _topic(text: str) -> list[str]:
    words = []
    for pattern, word in _TOPICS:
        if re.search(rf"\b(?:{pattern})\b", text, re.I) and word not in words:
            words.append(word)
    return words


# One direction of trade in a kind of goods: 'the import value of fertilizers', 'export volume of tomatoes'.
_GOODS_TRADED = re.compile(r"\b(?P<way>import|export)s?\s+(?:value|volume)\s+of\s+(?P<goods>[a-z][a-z-]+s)\b")
_ANY_GOODS = {"goods", "products", "commodities", "items"}


def _money_metric(clause: str, suffix: str) -> str:
    """'<what>_<suffix>': trade (e-commerce trade), else the topic nearest the figure (an investment, a signed
    amount...); the value of things counted before 'of' ('foreign trade orders of 2.5 billion yuan' ->
    foreign_trade_orders_value)."""
    things = re.search(r"((?:[a-z-]+\s+){0,3}[a-z-]+s)\s+of\s*$", clause)
    if things and not re.search(r"\b(?:imports|exports|sales|savings|earnings)\s+of\s*$", clause):
        words = [
            w
            for w in things.group(1).split()
            if not _FUNCTION_WORDS.match(w) and w not in _EMPTY_MODIFIERS and not _is_number_word(w)
        ]
        noun = [w for w in words if UNITS.get(normalize_unit(w))]
        if noun:
            return "_".join(_snake(w) for w in words[: words.index(noun[-1]) + 1]) + f"_value_{suffix}"
    topic = _topic(clause)
    goods = _GOODS_TRADED.search(clause)
    if goods and goods["goods"] not in _ANY_GOODS and "trade" not in topic:
        # 'the import value of fertilizers chalked up to': the imports of those goods, not all of the region's
        return f"{_snake(_singular(goods['goods']))}_{goods['way'].lower()}_value_{suffix}"
    if ("imports" in topic) != ("exports" in topic) and "trade" not in topic:
        # 'the import volume through the port was 10.68 billion yuan': one direction of trade, not the trade
        head = "import_value" if "imports" in topic else "export_value"
    elif "trade" in topic or "exports" in topic or "imports" in topic:
        head = "ecommerce_trade_value" if "ecommerce" in topic else "trade_value"
    elif topic:
        # the topic nearest the figure ('a cross-border e-commerce industrial park ... and a total investment of')
        near = max(topic, key=lambda t: _topic_at(clause, t))
        head = near + ("_value" if near in ("signed", "orders", "output", "sales") else "")
    else:
        head = "value"
    return f"{head}_{suffix}"


def _topic_at(text: str, topic: str) -> int:
    """Where a topic of a text is named last ('investment' in '... park ... and a total investment of'), or -1."""
    pattern = next(p for p, word in _TOPICS if word == topic)
    return max((m.start() for m in re.finditer(rf"\b(?:{pattern})\b", text, re.I)), default=-1)


def _is_number_word(word: str) -> bool:
    """Whether a word is a number ('hundred' of 'over a hundred foreign trade orders'): part of a figure, not of
    what it counts."""
    return parse_number(word, errors="null") is not None


def is_count(metric: str) -> bool:
    """Whether a metric names a count ('open_platforms'), not money, a rate, a measure or a date."""
    return not money_stem(metric)[1] and not re.search(
        r"_(?:pct|ratio|rank|km|m2|minutes|hours|days|months|years|date)$", metric
    )


def _snake(word: str) -> str:
    word = word.lower().replace("e-commerce", "ecommerce")
    return re.sub(r"[^a-z0-9]+", "_", word).strip("_")


def _singular(word: str) -> str:
    return word[:-3] + "y" if word.endswith("ies") else word[:-1] if word.endswith("s") else word


def counted_noun(base_unit: str, after: str) -> str | None:
    """What a figure counts as printed after it, with the words that say which ('24 e-commerce companies' ->
    'ecommerce_companies', 'three cross-border tourist routes' -> 'cross_border_tourist_routes', 'four existing
    stations' -> 'stations'), or None when no noun of the base unit follows within five words.

    >>> counted_noun("organizations", " media organizations from home and abroad")
    'media_organizations'
    >>> counted_noun("vehicles", " vehicles of bulk commodities were imported")
    'vehicles'
    >>> counted_noun("vehicles", " China-made vehicles had exited"), counted_noun("trips", " NEV trips")
    ('vehicles', 'nev_trips')
    >>> counted_noun("enterprises", " companies in the zone") is None, counted_noun("trains", " were sent") is None
    (False, True)
    """
    tokens = re.findall(r"[A-Za-z][\w'’-]*", re.sub(r"\([^)]*\)?", " ", after))[:6]
    for index, token in enumerate(tokens):
        if _FUNCTION_WORDS.match(token):
            return None
        unit = UNITS.get(normalize_unit(token))
        if (unit and unit[0] == base_unit) or _singular(token.lower()) == _singular(base_unit):
            # a capitalised modifier names an origin or a route ('China-made', 'China-Europe'), not what is counted
            # so are how and where it was made, with the adverb before ('domestically manufactured')
            made = {i for i, t in enumerate(tokens[:index]) if _ORIGIN.match(t)}
            made |= {i - 1 for i in made if i and tokens[i - 1].lower().endswith("ly")}
            words = [
                t
                for i, t in enumerate(tokens[:index])
                if t.lower() not in _EMPTY_MODIFIERS and not re.match(r"[A-Z][a-z]", t) and i not in made
            ]
            return "_".join(_snake(_MODIFIER_FORMS.get(w.lower(), w)) for w in words + [token])
    return None


# What a volume or a throughput weighs ('the total cargo volume', 'freight throughput'); trade's volume is money.
# ... or what a subject that is itself weighed is ('the import and export cargo was about 500,000 metric tons').
_VOLUME = re.compile(
    r"\b(?P<what>[a-z]+)\s+(?:volume|throughput|tonnage)\b|\b(?P<weighed>cargo|freight|goods)\s+(?:was|were|is|are|reached|hit|totaled|totalled)\b",
    re.I,
)
_NOT_WEIGHED = {"total", "export", "import", "exports", "imports", "trade", "the", "and", "overall"}


def weighed(clause: str) -> str | None:
    """The noun of what a volume in tonnes weighs, the last the clause names, or None.

    >>> weighed("the port saw the total cargo volume increase by 2.5 percent year on year to about")
    'cargo'
    >>> weighed("the import and export volume reached") is None, weighed("the import and export cargo was about")
    (True, 'cargo')
    """
    found = [(m["what"] or m["weighed"]).lower() for m in _VOLUME.finditer(clause)]
    found = [what for what in found if what not in _NOT_WEIGHED]
    return _snake(_singular(found[-1])) if found else None


def _time_of(every: str) -> str:
    """The unit of time of 'daily', 'weekly' or 'monthly': 'day', 'week', 'month'."""
    return every.lower().replace("daily", "day").removesuffix("ly")


def _count_metric(base_unit: str, clause: str, after: str, subject: str = "") -> str:
    """'<what is counted>_<what happened to it>': the noun of 'the number of X', or the counted noun with the words
    before it that say which, or the base unit; then a verb of a flow in the four words before the figure or the nine
    after it ('vehicles were exported' -> vehicles_exported); a verb that makes people a role names the role
    ('border residents participated' -> border_resident_participants); a channel named after it comes last ('had
    exited via the ferryman model' -> vehicles_exported_ferryman), then a unit of time it is counted in and an average
    ('an average of more than 20 trains per day' -> trains_per_day_avg)."""
    # the words of its own clause, up to a verb of the next figure ('3,962 travelers | and processed 3,036.46 tons',
    # '22 routes run via the port | connecting 13 countries')
    after = re.split(
        r"[,;:.!?]|\bsuch as\b|\band\s+(?=(?:[a-z]+\s+){0,2}[$¥]?\d)"
        r"|\s[a-z]+ing\s+(?=(?:(?:more than|over|about|around|nearly|some)\s+)?[$¥]?\d)",
        after,
    )[0]
    number_of = re.search(r"\bnumber of ((?:[a-z-]+ ){0,3}?[a-z-]+s)\b", clause, re.I)
    noun = number_of.group(1).split()[-1].lower().replace("-", "_") if number_of else None
    # the way people or things crossed, said before what is counted, is what happened to it ('the number of inbound
    # and outbound passengers' -> passengers_inbound_outbound), as a verb after it would be
    crossed = _DIRECTIONS.match(number_of.group(1) if number_of else after.lstrip())
    if crossed and not number_of:
        after = after.lstrip()[crossed.end() :]
    noun = noun or (None if base_unit in _MEASURES else counted_noun(base_unit, after)) or base_unit
    both_ways = base_unit == "people" and not crossed and not number_of and _CROSSED_BOTH_WAYS.match(after)
    # 'import and export' names trade, not what happened to what is counted
    trade = re.compile(r"\bimports? and exports?\b", re.I)
    near = (
        " ".join(trade.sub(" ", clause).split()[-4:])
        + " "
        + " ".join(re.sub(r"\([^)]*\)?", " ", trade.sub(" ", after)).split()[:9])
    )
    roles = [r for w, r in _ROLES.items() if re.search(rf"\b{w}\b", near, re.I)]
    if roles:
        head, _, last = noun.rpartition("_")
        return f"{head + '_' if head else ''}{_singular(last)}_{roles[0]}"
    # what the counted things did, right after 'the number of' them ('the number of trains departing from Xinjiang')
    near += " " + (clause[number_of.end() : number_of.end() + 30] if number_of else "")
    verbs = [v for w, v in _VERBS.items() if re.search(rf"\b{w}\b", near, re.I)]
    # 'to reach 19 countries and | 26 cities': the verb is that of the count before, joined by 'and'
    reaching = _REACHING.search(re.sub(r"\s\d[\d,.]*\s+[a-z]+\s+and\s*$", " ", clause))
    # places a service's routes reach or serve ('124 ... routes, reaching 21 countries', '89 routes that serve 18
    # countries and 46 cities') are the places the routes connect, as 'routes connecting 13 countries'
    served = _ROUTES_SERVE.search(re.sub(r"\s\d[\d,.]*\s+[a-z]+\s+and\s*$", " ", f"{subject} {clause}"))
    if base_unit in _PLACES and not verbs and served:
        verbs = ["connected"]
    if (
        base_unit in _PLACES
        and not verbs
        and reaching
        and UNITS.get(normalize_unit(reaching["before"]), ("",))[0] not in _PLACES
    ):
        verbs = ["reached"]
    flow = _FLOW_OF.match(subject) or _FLOW_OF.match(clause)
    if flow and not verbs:  # 'Exports of Chinese cars through the land port have surged ... to reach 35,000'
        verbs = [f"{flow['way'].lower()}ed"]
    if crossed and not verbs:
        verbs = ["_".join(w.lower() for w in re.findall(r"inbound|outbound", crossed.group(), re.I))]
    elif both_ways and not verbs:
        verbs = ["inbound_outbound"]
    elif not verbs and carrier_direction(subject):
        verbs = [carrier_direction(subject)]
    what = re.match(r"\s*[\w.-]*\s+of\s+([a-z]+)\b", after) if base_unit in _MEASURES else None
    volume = weighed(clause) if base_unit == "tonnes" and not what else None
    if base_unit == "tonnes" and not what and not volume and re.search(r"\b(?:handled|handling|handles)\s*$", clause):
        volume = "cargo"  # a port 'had handled 7.96 million tonnes': what a port handles by weight is its cargo
    if volume:  # 'the total cargo volume increase by 2.5 percent ... to about 36.95 million tonnes': cargo_tonnes
        # 'about 500,000 metric tons annually': a weight each year
        yearly = re.match(r"\s*(?:[\w-]+\s+){0,2}?(?:annually|a year|per year|each year|every year)\b", after)
        return "_".join([volume, *verbs[:1], base_unit, *(["per_year"] if yearly else [])])
    if what:  # '50,000 tons of wheat' a year, purchased: wheat_purchased_tonnes
        # an adjective names a kind of the noun it comes before: 'tons of agricultural and related products' are
        # agricultural_products
        kind = re.match(r"\s+(?:and\s+(?:related|other|similar)\s+)?([a-z]+s)\b", after[what.end() :])
        words = [what.group(1).lower()] + ([kind.group(1)] if kind and _ADJECTIVE.search(what.group(1)) else [])
        return "_".join([*words, *verbs[:1], base_unit])
    # the channel it went through, last: 'had exited via the ferryman model' -> vehicles_exported_ferryman
    channel = re.search(r"\b(?:via|through|by) the ([a-z]+) (?:model|mode|method|channel)\b", after)
    # a count per unit of time, and an average or a peak of one: 'an average of more than 20 trains per day', 'an
    # average of over 21 China-Europe freight train trips daily, with a peak of 30 trips in a single day'
    per = re.match(
        r"\s*(?:[\w-]+\s+){0,4}?(?:(?:per|a|each|in a single)\s+(?P<unit>day|week|month|year)\b"
        r"|(?P<ly>daily|weekly|monthly)\b)",
        after,
    )
    per_unit = (per["unit"] or _time_of(per["ly"])) if per else None
    if per and per["ly"]:  # 'daily freight train trips' per day: the noun is 'freight_train_trips'
        noun = "_".join(w for w in noun.split("_") if w != per["ly"].lower()) or noun
    average = re.search(
        r"\b(?:an?|the|on)\s+(?:(?P<ly>daily|weekly|monthly)\s+)?average(?: of)?"
        r"(?:\s+(?:more than|over|about|nearly|around))?\s*$",
        clause,
    )
    # 'a monthly average of 3.5 trains', 'the average daily number of ... trains': an average per that time
    rate_of = re.search(r"\baverage\s+(?P<ly>daily|weekly|monthly)\s+number\s+of\b", clause, re.I)
    every = (average and average["ly"]) or (rate_of and rate_of["ly"])
    if every and not per_unit:
        per_unit = _time_of(every)
    average = average or rate_of
    # 'a single-day peak of 30 freight trains': the peak of a count per day
    peak = re.search(
        r"\b(?:a|the) (?:(?P<single>single[- ]day|one[- ]day|daily) )?(?:peak|maximum|record)(?: high)? of"
        r"(?:\s+(?:more than|over|about|nearly))?\s*$",
        clause,
    )
    if peak and peak["single"] and not per_unit:
        per_unit = "day"
    return "_".join(
        [noun, *verbs[:1], *([channel.group(1)] if channel else []), *([f"per_{per_unit}"] if per_unit else [])]
        + (["avg"] if average else ["max"] if peak and per_unit else [])
    )


# Trade with a group named before ('trade with the region', 'with these countries').
_GROUP_REFERENCE = re.compile(
    r"^[^,;.]*?\btrade\s+with\s+(?:the|these|those)\s+(?:region|group|bloc|countries|nations|economies)\b"
)


# A share "of such trains operated in China": of the kind the subject names, within the scope after it.
_OF_SUCH = re.compile(r"\s*(?:percent|%)?\s*of\s+(?:all\s+)?such\s+(?P<noun>[a-z-]+)(?P<rest>[^,;.]*)")


# A figure before, referred back to as the subject: 'The number increased by 7.3 per cent'.
_THE_NUMBER = re.compile(r"\s*(?:[Tt]he|[Tt]his|[Tt]hat)\s+(?:number|figure|total)\s+(?!of\b)")


def _share_metric(after: str, level: str, clause: str = "") -> str:
    after = after.replace("’", "'")  # 'of the region’s foreign trade volume', as a page types it
    such = _OF_SUCH.match(after)
    if such:
        national = re.search(r"\b(?:in|across)\s+(?:China|the country|the nation)\b", such["rest"])
        # freight trains counted are trips (README, 'Metric names'), so a share of trains is of trips
        noun = "trips" if such["noun"] == "trains" else such["noun"]
        return f"share_of_{'national_' if national else ''}{noun}_pct"
    m = re.match(
        r"\s*(?:percent|%)?\s*(?:of\s+)?(?:the\s+)?(?P<scope>[A-Z][\w-]*|national|nationwide|region's|country's)?"
        r"(?:'s|’s)?\s*(?:total\s+|overall\s+)?(?P<what>[a-z][a-z\s-]*)?",
        after,
    )
    scope = (m["scope"] or "").lower().replace("'s", "") if m else ""
    scope = "national" if scope in ("country", "nationwide") else scope
    what = _topic(m["what"] or "") if m else []
    # 'of the region's land area': the first word of what is shared, when no topic names it
    words = [w for w in (m["what"] or "").split() if w not in ("total", "overall")] if m else []
    words = [w for w in words[:1] if not _FUNCTION_WORDS.match(w) and not _GROWTH_WORDS.match(w)]
    counted = [p for p in level.split("_") if money_stem(level)[1] is None and UNITS.get(normalize_unit(p))]
    # a share of a count is a share of what is counted ('more than half of the national total' of 16,000 trips)
    stem = (what or words or [None])[0] or (counted[-1] if counted else level_stem(level) if level else "")
    # 'freight trains passing through ... accounted for over half of China's total': a share of the trains' trips
    if not stem and re.search(r"\btrains?\b", clause, re.I):
        stem = "trips"
        # the articles are Chinese reports: 'China's total' of trains is the national one
        scope = "national" if scope == "china" else scope
    stem = stem or "total"
    stem = "trade" if stem in ("exports", "imports") else stem
    if stem == "trade" and level_stem(level).endswith("_trade") and _GROUP_REFERENCE.search(after):
        # 'of China's overall trade with the region': with the group the trade before it is with
        stem = level_stem(level)
    return f"share_of_{scope + '_' if scope else ''}{stem}_pct"


# A cut in costs or a time by a percentage ('trimming logistics costs by 30 percent', 'overall clearance time was cut
# by 18.4 percent'), the cut before what is cut or after it.
_COST_CUT = re.compile(
    r"\b(?:trim|cut|reduc|lower|slash|shorten|bring|brought)\w*\s+(?:down\s+)?(?:the\s+)?(?:overall\s+)?"
    r"(?P<what>[a-z]+)\s+(?P<noun>cost|time)s?\s+(?:down\s+)?by\s*$"
    r"|\b(?P<what_first>[a-z]+)\s+(?P<noun_first>cost|time)s?\s+(?:was|were|has\s+been|have\s+been|had\s+been|is|are)\s+"
    r"(?:cut|reduced|lowered|slashed|shortened|trimmed|brought\s+down)\s+by\s*$",
    re.I,
)
# Trade with a group named by an acronym ('imports and exports to the BRI participating countries') or by proper
# words, a number of members or not ('with the five Central Asian countries').
_PARTNER = re.compile(
    r"\b(?:to|with)\s+(?:the\s+)?(?:(?P<acronym>[A-Z]{2,6})\b(?:\s+[a-z-]+){0,2}"
    r"|(?:(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+)?(?P<name>(?:[A-Z][a-z]+\s+){0,2}[A-Z][a-z]+))"
    r"\s+(?:countries|nations|economies|states)\b"
)


def partner_word(m: re.Match) -> str:
    """A trade partner group's word in a metric: its acronym, or its proper words with a people's adjective read as
    its place ('Central Asian' is central_asia, 'African' africa)."""
    if m["acronym"]:
        return m["acronym"].lower()
    return "_".join(re.sub(r"(ia|ca)n$", r"\1", w.lower()) for w in m["name"].split())


# The part a share is of, a group named by an acronym ('with the BRI participating countries accounting for').
_SHARE_PART = re.compile(
    r"\b(?:with\s+)?(?:the\s+)?(?P<acronym>[A-Z]{2,6})\b(?:\s+[a-z-]+){0,2}\s+(?:countries|nations|economies)\s+"
    r"(?:accounting|accounted|account)\s+for\b"
)
# What a length is of: the lower-case words before 'stretches', 'extends', 'runs' ('land border stretches for').
_LENGTH = re.compile(r"(?<![\w'’])(?P<what>(?:[a-z]+\s+){0,1}[a-z]+)\s+(?:stretches|extends|runs)\b[^,;]*$")
# What is ranked, when a capitalised name says it: the kind words after the place ('the ranking of Kashgar
# Comprehensive Bonded Zone' -> cbz, the initials an entity id gives such a kind).
_RANKED_KIND = re.compile(
    r"\branking of\s+(?:the\s+)?[A-Z][\w-]*\s+(?P<kind>(?:[A-Z][\w-]*\s+){0,3}(?:Zone|Area|Park|Port|Center|Centre))\b"
)


# The exports or imports of a kind of goods: 'Exports of NEVs and large-scale equipment surged', 'agricultural product
# exports rose'.
_GOODS = re.compile(
    r"\b(?P<flow>(?i:export|import))s? of (?P<of>(?:[A-Za-z][\w-]*\s+){1,4}?)(?=(?:surged|rose|grew|increased|jumped|climbed"
    r"|fell|dropped|declined|were|was)\b)|(?<!\band )\b(?P<before>(?:[a-z][\w-]*\s+){1,3})(?P<flow2>export|import)s?\s+"
    r"(?=(?:surged|rose|grew|increased|jumped|climbed|fell|dropped|declined)\b)"
)
# Words that say no kind of goods: their size, or goods in general.
_GENERIC_GOODS = {"large-scale", "small-scale", "product", "products", "goods", "commodities", "commodity", "total"}
_JOINING_WORDS = {"while", "whereas", "but", "so", "then", "also", "and"}


def goods_flow(clause: str) -> str | None:
    """'<goods>_export' (or _import) for the exports of a kind of goods named in a clause, or None.

    >>> goods_flow("Exports of NEVs and large-scale equipment surged"), goods_flow("while agricultural product exports rose")
    ('nev_equipment_export', 'agricultural_export')
    >>> goods_flow("the import and export volume rose") is None
    True
    """
    m = _GOODS.search(clause)
    if not m:
        return None
    words = (m["of"] or m["before"]).split()
    kept = [
        _singular(w.lower())
        for w in words
        if not _FUNCTION_WORDS.match(w) and w.lower() not in _EMPTY_MODIFIERS | _GENERIC_GOODS | _JOINING_WORDS
    ]
    if not kept or any(w in ("import", "export") for w in kept):
        return None
    return "_".join(_snake(w) for w in kept) + f"_{(m['flow'] or m['flow2']).lower()}"


def _growth_stem(clause: str, level: str, subject: str, paired: bool = False) -> str:
    """What a growth rate grows: the money level before it in the sentence, or the level ``paired`` with it by
    'respectively' ('... exceeded 11,000, and the import and export cargo volume reached 40,900 tonnes, up 42.6 percent
    and 72.7 percent ... respectively'), else the exports of the kind of goods its clause names ('Exports of NEVs and
    large-scale equipment surged' -> nev_equipment_export), else the topic of the sentence's subject ('the import and
    export volume of the four zones ... surged by'), else the level before it (a count), else the topic of its
    clause, else 'value'."""
    if level and (paired or money_stem(level)[1]):
        return level_stem(level)
    goods = goods_flow(clause)
    if goods:
        return goods
    topic = _topic(subject)
    if topic:
        return topic[0]
    return level_stem(level) if level else (_topic(clause) or ["value"])[0]


# What a superlative or an ordinal ranks: the lower-case words after it, up to a preposition ('the largest | land
# port | for automobile exports', 'the first | highway port | in Xinjiang').
_RANKED_WORDS = re.compile(
    r"^\s*(?:most\s+)?(?P<what>(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*?)\s+(?:in|for|of|among|to|with|under)\b"
)


# The words after an ordinal up to its scope or what it ranks by ('the first | free trade pilot zone | in ...').
_KIND_WORDS = re.compile(r"^\s*(?P<what>(?:[a-z][\w-]*\s+){0,5}?[a-z][\w-]*)\s+(?:in|for|of|among|to|with)\b")


def _spells(acronym: str, words: list[str]) -> bool:
    """Whether an entity's short id spells the kind the words name: its letters are their initials in order, the
    first and the key noun's included, one qualifier at most left out ('free trade pilot zone' is an ftz)."""
    initials = "".join(w[0].lower() for w in words)
    if not acronym or len(initials) - len(acronym) not in (0, 1) or initials[0] != acronym[0]:
        return False
    if initials[-1] != acronym[-1]:
        return False
    letters = iter(initials)
    return all(c in letters for c in acronym)


def entity_kind(entity: str) -> str:
    """The kind of thing an entity is, by its id: the id less its place's word ('kashgar-cbz' is a cbz).

    >>> entity_kind("kashgar-cbz"), entity_kind("lakeside-noodle-company"), entity_kind("xinjiang")
    ('cbz', 'noodle_company', '')
    """
    return entity.partition("-")[2].replace("-", "_")


def rank_stem(clause: str, level: str = "", paragraph_level: str = "", after: str = "", entity: str = "") -> str:
    """What a rank ranks: the kind named in 'the ranking of <place> <Kind>' (by its initials), else the kind of the
    ranked ``entity`` when the words after the ordinal say 'of its kind' or spell its short id ('the first free trade
    pilot zone' of an ftz), else the words right after a superlative or an ordinal ('the most | open ports | in the
    country'), else a topic of the clause ('trade'), else what the rank before it in the sentence ranks
    (``level``), else the stem of the last level of the paragraph ('both the total volume and growth rate ranked
    first' after a trade figure), else 'value'.

    >>> rank_stem("The ranking of Lakeside Free Trade Zone has ranked"), rank_stem("ranked", "", "trade_value_cny")
    ('ftz', 'trade')
    >>> rank_stem("the province with the", after=" most open ports in the country")
    'open_ports'
    >>> rank_stem("it is the", after=" of its kind in the region", entity="lakeside-cbz")
    'cbz'
    """
    kind = _RANKED_KIND.search(clause)
    if kind:
        return "".join(w[0].lower() for w in kind["kind"].split())
    own = entity_kind(entity)
    if own and re.match(r"\s*of its kind\b", after):
        return own
    words = _KIND_WORDS.match(after)
    if own and "_" not in own and words and _spells(own, words["what"].split()):
        return own
    ranked = _RANKED_WORDS.match(after)
    if ranked and not any(_FUNCTION_WORDS.match(w) for w in ranked["what"].split()):
        return "_".join(_snake(w) for w in ranked["what"].split())
    topic = _topic(clause)
    if topic:
        return topic[0]
    if level and "_rank" in level:
        return level.split("_rank")[0]
    return level_stem(paragraph_level) if paragraph_level else "value"


# The scope of a rank, anywhere along its phrase: 'in China' ('in my country', as a report in translation says it),
# 'in my country's northwest border region', 'in the southern part of ... Xinjiang', 'in Xinjiang'.
_RANK_SCOPE = re.compile(
    r"\bin\s+(?:(?P<nation>China|the country|the nation|my country)(?:['’]s\s+(?P<within>(?:[a-z]+\s+){0,3}"
    r"(?:region|area|part|provinces|areas))\b)?|the\s+(?P<side>southern|northern|eastern|western|central)\s+part\s+of"
    r"\s+(?:[a-z]+\s+)*(?:[A-Z][\w-]*['’]s\s+)?(?P<of>[A-Z][a-z]+)|(?P<place>[A-Z][a-z]+)"
    # 'in southern Xinjiang'; 'in the region' is the region the text names ('_in_region', for the caller to name)
    r"|(?P<side_of>southern|northern|eastern|western|central)\s+(?P<place_of>[A-Z][a-z]+)|the\s+(?P<region>region)\b)"
    # a programme a place belongs to, by its initials: 'under the BRI', 'under the Belt and Road Initiative'
    r"|\bunder\s+the\s+(?P<programme>[A-Z]{2,}\b|[A-Z][a-z]+(?:\s+(?:and\s+)?[A-Z][a-z]+)+)"
    # 'ranking first among Xinjiang's border ports'
    r"|\bamong\s+(?:the\s+)?(?P<among>[A-Z][a-z]+)['’]s\s"
)


def rank_scope(after: str) -> str:
    """A rank's place as its metric names it: '_national', '_in_<place>' or ''; looked for along the whole rank's
    phrase, up to its clause's end ('the first pilot port for the transformation ... of the market in Xinjiang').

    >>> rank_scope(" highway port in Xinjiang to open"), rank_scope(" port in my country’s northwest border region")
    ('_in_xinjiang', '_in_northwest_border_region')
    >>> rank_scope(" of its kind in the southern part of northwest China's Xinjiang"), rank_scope(" port, in China")
    ('_in_southern_xinjiang', '')
    >>> rank_scope(" among Xinjiang's border ports for six consecutive years")
    '_in_xinjiang'
    """
    m = _RANK_SCOPE.search(re.split(r"[,;:.!?]", after)[0])
    if not m:
        return ""
    if m["nation"]:
        return f"_in_{_snake_words(m['within'])}" if m["within"] else "_national"
    if m["side"]:
        return f"_in_{m['side']}_{m['of'].lower()}"
    if m["side_of"]:
        return f"_in_{m['side_of']}_{m['place_of'].lower()}"
    if m["region"]:
        return "_in_region"
    if m["programme"]:
        words = m["programme"].split()
        return f"_in_{(words[0] if len(words) == 1 else ''.join(w[0] for w in words if w != 'and')).lower()}"
    return f"_in_{(m['place'] or m['among']).lower()}"


def _snake_words(text: str) -> str:
    return "_".join(_snake(w) for w in text.split())


def subject_clauses(before: str) -> str:
    """The clauses of a sentence before a figure's own that can hold its subject: not those opened by a preposition
    or a reporting phrase ('with the landing of e-commerce', 'According to the customs', 'Data show that in ...')."""
    parts = re.split(r"[,;]\s*", before)[:-1]
    opened = re.compile(
        r"^\s*(?:with|according to|in|on|at|after|since|as|by|from|for|during|over|to|(?:data|statistics) (?:show|from))\b",
        re.I,
    )
    return ", ".join(p for p in parts if not opened.match(p))


_CONVENTION_WORDS = {"value", "cny", "usd", "pct", "ratio", "rank", "national", "share", "growth", "km", "m", "m2"}


def _telling(metric: str) -> set[str]:
    """The words of a metric that say what it measures, by their first four letters."""
    return {p[:4] for p in metric.split("_") if p not in _CONVENTION_WORDS and not _FUNCTION_WORDS.match(p)}


_ACTIVITY_NOUNS = {"operations", "operation", "services", "service", "system", "systems", "work", "mode", "model"}


def activity(after: str) -> str:
    """What a figure printed as a modifier describes: the lower-case words after it up to a preposition or a clause's
    end, 'customs clearance' being 'clearance' at a port ('24-hour | freight customs clearance on a trial basis' ->
    freight_clearance), or ''.

    >>> activity(" freight customs clearance on a trial basis"), activity(" in the region")
    ('freight_clearance', '')
    """
    m = re.match(rf"\s*((?:(?!{_PREPOSITION}\b)[a-z][\w-]*\s*){{1,4}})", after)
    if not m:
        return ""
    words = re.sub(r"\bcustoms clearance\b", "clearance", m.group(1).strip()).split()
    return "_".join(_snake(w) for w in words if not _FUNCTION_WORDS.match(w))


def milestone_metric(event: str, sentence: str) -> str:
    """The metric of a milestone's date: what happened ('inauguration_date'), with the activity that resumed when
    the sentence names it ('the resumption of passenger customs clearance on April 3' ->
    passenger_clearance_resumption_date); an entity's own milestones (inaugurated, started operation) name nothing
    more.

    >>> milestone_metric("resumption_date", "Since the resumption of bus services on April 9, the port grew.")
    'bus_services_resumption_date'
    >>> milestone_metric("launch_date", "The launch of the first China-Europe freight train service in 2011 changed it.")
    'china_europe_freight_train_launch_date'
    """
    launched = re.search(
        r"\blaunch of (?:the )?(?:first )?((?:[A-Za-z][\w-]*\s+){0,4}?[A-Za-z][\w-]*?)(?:\s+services?)?\s+(?:in|on)\s",
        sentence,
    )
    if event == "launch_date" and launched:
        # 'The launch of the first China-Europe freight train service in 2011': what was launched names the date
        return "_".join(_snake(w) for w in launched.group(1).split()) + "_launch_date"
    resumed = re.search(rf"\bresumption of ((?:(?!{_PREPOSITION}\b)[a-z][\w-]*\s+){{1,4}})", sentence)
    if event == "resumption_date" and resumed and activity(" " + resumed.group(1)):
        return f"{activity(' ' + resumed.group(1))}_resumption_date"
    changed = _CHANGED_INTO.search(sentence)
    if event == "start_date" and changed and not _BEGAN_WHAT.search(sentence):
        # what a thing changed into names the date by the words of its new state before the noun of what it is
        # ('has transitioned into a year-round operational land crossing' -> year_round_operation_start_date)
        words = []
        for w in changed["what"].split():
            if not re.search(r"-|(?:al|ive)$", w):
                break
            words.append(re.sub(r"ional$", "ion", w))
        if words:
            return "_".join(_snake(w) for w in words) + "_start_date"
    began = _BEGAN_WHAT.search(sentence)
    if event == "start_date" and began:
        # what began names the date: the object of its verb, a duration before the activity's last word and the
        # basis it began on ('began to implement 24-hour freight customs clearance on a trial basis' ->
        # freight_24h_clearance_trial_start_date); a verb with no object ('began to open at night') names nothing
        duration = re.match(r"(\d+)-(hour|day|month|year)\s+", began["what"])
        what = began["what"][duration.end() :] if duration else began["what"]
        words = [w for w in activity(" " + what).split("_") if w]
        if words:
            if duration:
                words.insert(len(words) - 1, duration[1] + duration[2][0])
            basis = re.search(r"\bon an? ([a-z]+) basis\b", what)
            return "_".join(words + ([basis[1]] if basis else [])) + "_start_date"
    return event


# A verb that says a thing changed into another state, and that state: 'has transitioned into | a year-round
# operational land crossing'.
CHANGED = r"\b(?:transition|turn|change|switch|convert|upgrade)(?:ed|d|s)?\s+(?:into|to)\s+"
_CHANGED_INTO = re.compile(CHANGED + r"(?:(?:an?|the)\s+)?(?P<what>[^,;.]+)", re.I)
# What began, after its verb: 'began to implement | 24-hour freight customs clearance on a trial basis'.
_BEGAN_WHAT = re.compile(r"\b(?:began|begins|started|starts)\s+to\s+[a-z]+\s+(?P<what>[^,;.]+)", re.I)


# A time after 'every': the interval of what recurs ('I come to China | every'), a visit when it is coming or going.
_EVERY = re.compile(r"\b(?P<verb>[a-z]+)\s+(?:(?:to|in)\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*\s+|here\s+)?every\s*$", re.I)
_VISITS = {"come", "comes", "came", "go", "goes", "went", "visit", "visits", "visited", "travel", "travels"}
# Who speaks after a quotation, by the last word of their role: '," said Kazakhstan truck driver Salamati'.
_SPEAKER = re.compile(
    r"[”\"]\s*,?\s*(?:said|says)\s+(?:the\s+|an?\s+)?(?:[A-Z][\w-]*\s+)*(?:[a-z][\w-]*\s+){0,3}?(?P<role>[a-z]+)"
    r"(?=\s+[A-Z]|\s+of\b|\s*[,.])"
)
# A time from leaving to arriving: '| days of exiting through the port, they will land in | Belgium, ...'.
_TRANSIT = re.compile(
    r"\s*[a-z]+\s+of\s+(?:exiting|leaving|departing)\b[^.;]*?\b(?:land|arrive|reach)\w*\s+(?:(?:in|at|to)\s+)?"
    r"(?P<places>[A-Z][^.;]*)"
)
# The time an activity takes for one thing, before it: 'the clearance time for a freight train at the port has been
# reduced from 12 hours to | 6-8 hours' (freight_train_clearance_hours).
_TIME_FOR = re.compile(
    r"\b(?P<activity>[a-z]+)\s+time\s+(?:for|of)\s+(?:an?|each|one|every|the)\s+(?P<thing>(?:[a-z-]+\s+){0,2}?[a-z-]+?)s?"
    r"(?=\s+(?:at|in|to|from|through|has|have|had|is|are|was|were|will|can)\b)"
)
# A time a thing stays in a state, the state before it: 'remained closed for | four months every year'.
_STATES = {"closed": "closure", "shut": "closure", "suspended": "suspension", "open": "opening"}
_STATE_FOR = re.compile(
    r"\b(?:remain|remained|remains|stay|stayed|stays|was|were|is|are|been|be)\s+(?P<state>"
    + "|".join(_STATES)
    + r")\s+for(?:\s+(?:about|around|nearly|over|some))?\s*$",
    re.I,
)
# A time to go from one place to another, the places before it: 'from Karachi to Kashgar in (just) | eight days'.
_FROM_TO = re.compile(
    r"\bfrom\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*\s+to\s+(?P<to>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)\s+(?:in|within)"
    r"(?:\s+(?:just|only|about|around|less than|under))?\s*$"
)
# What a thing can now get done within a time: 'a returning freight train can now complete gauge-change and reloading
# procedures within about | two hours' (freight_train_gauge_change_hours).
_COMPLETED = re.compile(
    r"\b(?:an?|the|each|every)\s+(?:[a-z]+ing\s+)?(?P<thing>(?:[a-z-]+\s+){0,2}?[a-z-]+?)s?\s+(?:can|could|will|may)\s+"
    r"(?:now\s+)?(?:complete|finish)\s+(?:the\s+|its\s+)?(?P<activity>[a-z-]+)\b[^,;]*\b(?:within|in)"
    r"(?:\s+(?:just|only|about|around|less than|under))?\s*$"
)
# What a time measures the delivery of: 'the region's dried fruits | to reach Central Asian shelves within'.
_DELIVERED = re.compile(
    r"(?:\b[\w-]+['’]s\s+|\b(?:the|its|their)\s+)(?P<what>(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*s)\s+(?:(?:to|can|will|could)\s+)?"
    r"(?:reach|arrive|be\s+delivered)\b[^,;]*\b(?:within|in)\s*$"
)


# A rank held over a run of years, the run after it: 'ranking first among ... for', 'has ranked first ... for'.
_HELD_RANK = re.compile(
    r"\b(?:rank(?:s|ed|ing)?|placed|placing)\s+(?P<ordinal>first|second|third|top)\b.*\bfor\s*$", re.I
)


# A height, printed right after its figure: ' meters above sea level', ' metres high', ' meters in altitude'.
_ALTITUDE = re.compile(
    r"\s*(?:meters?|metres?|m)\b[\s,]*(?:above\s+sea\s+level|high\b|in\s+(?:altitude|elevation))", re.I
)

# Where a distance is measured from, printed right after it: ' km from the China-Kyrgyzstan border', ' kilometers
# north from Khunjerab Port' (the name's first word and a common noun after it: 'border', not 'Port').
_DISTANCE_FROM = re.compile(
    r"\s*(?:km|kilometers?|kilometres?|miles?)?\s*(?:[a-z]+\s+)?(?:from|of)\s+(?:the\s+)?([A-Z][\w-]*(?:\s+[a-z]+)?)"
)


# A share of a thing someone holds and what state it is in: ' percent of my warehouse space is heaped with goods'.
_SHARE_OF_HELD = re.compile(
    r"\s*(?:(?:percent|per cent|%)\s+)?of\s+(?:my|our|its|their|his|her)\s+(?P<what>(?:[a-z-]+\s+){0,2}?[a-z-]+)\s+"
    r"(?:is|are|was|were|has been|have been)\s+(?P<state>[a-z]+)"
)
# States of a space that say it is taken up.
_TAKEN = {"heaped", "filled", "full", "occupied", "stacked", "packed", "used", "taken", "rented", "leased"}
# A money figure that is an average a year: 'usually averaged ... in previous years', 'an average of ... a year'.
_YEARLY_AVERAGE = re.compile(r"\b(?:averaged|an average of)\s*(?:(?:about|around|over|nearly|more than)\s*)?$")
_OVER_YEARS = re.compile(
    r"[^,;.]*?\b(?:in|over|during)\s+(?:the\s+)?(?:previous|past|recent|earlier)\s+years\b"
    r"|[^,;.]*?\b(?:a|per|each|every)\s+year\b|[^,;.]*?\bannually\b"
)


def guess_metric(
    base_unit: str | None,
    clause: str,
    after: str,
    level: str = "",
    known: dict[str, set[str]] | None = None,
    subject: str = "",
    paragraph_level: str = "",
    figure_text: str = "",
    entity: str = "",
    paired: bool = False,
) -> tuple[str, str]:
    """A metric name by the conventions (portbook.numbers.metrics) from the base unit and the words around the figure;
    ``level`` is the metric of a level drafted just before in the same sentence (a growth rate's stem comes from
    it; for a rank, the rank before it; ``paired``: the level 'respectively' pairs a rate with), ``subject`` the main clauses of the sentence before the figure's own
    (subject_clauses), ``paragraph_level`` the last level drafted in the paragraph (what a bare rank ranks),
    ``figure_text`` the figure as printed ('24-hour': a modifier whose unit it carries), ``entity`` the claim's
    entity (the kind a rank of 'the first of its kind' ranks).
    Returns (metric, how: 'convention' or 'ledger' when an existing metric of the same unit fits better)."""
    text = f"{clause} {after}"
    if base_unit == "percent":
        own = f"{clause} {re.split(r'[,;]', after)[0]}"  # 'surged by 12 percent to ..., accounting for': a growth
        of_those = _OF_THOSE.match(after)
        if of_those and level:
            # 'nearly 80 percent of those were new energy vehicles': a part of what the level before counts
            part = _snake_words(of_those["part"])
            return f"{_SHORT_NAMES.get(part, part)}_share_of_{level_stem(level)}_pct", "convention"
        grown = [m.end() for m in re.finditer(r"\b(?:increase|growth|rose|up)\b", clause, re.I)]
        shared = [m.start() for m in _SHARE_WORDS.finditer(clause)]
        # 'an increase of 99.7 percent year on year and accounting for 96.2 per cent of': the share words nearest the
        # figure say what it is
        if _SHARE_WORDS.search(own) and (not grown or shared and shared[-1] > grown[-1]):
            part = _SHARE_PART.search(clause)
            if part and _topic(subject):
                # 'with the BRI participating countries accounting for 90 percent' of the trade the sentence names
                return f"{part['acronym'].lower()}_share_of_{_topic(subject)[0]}_pct", "convention"
            return _share_metric(after, level, clause), "convention"
        if _GROWTH_WORDS.search(text) and not level and paragraph_level and _THE_NUMBER.match(clause):
            # 'there were 15,308 registered foreign trade enterprises ... The number increased by 7.3 per cent': the
            # growth of the count before
            return f"{level_stem(paragraph_level)}_growth_pct", "convention"
        if _GROWTH_WORDS.search(text):
            return f"{_growth_stem(clause, level, subject, paired)}_growth_pct", "convention"
        cut = _COST_CUT.search(clause)
        if cut:
            what, noun = (cut["what"], cut["noun"]) if cut["what"] else (cut["what_first"], cut["noun_first"])
            return f"{what.lower()}_{noun.lower()}_reduction_pct", "convention"
        held = _SHARE_OF_HELD.match(after)
        if held and not _topic(clause):
            # '70 percent of my warehouse space is heaped with goods': the share of the space that is taken
            part = "occupied_" if held["state"].lower() in _TAKEN else ""
            return f"{part}share_of_{_snake_words(held['what'])}_pct", "convention"
        return f"{(_topic(clause) or ['share'])[0]}_pct", "convention"
    if base_unit == "ratio":
        stem = _growth_stem(clause, level, subject, paired)
        return f"{stem}_growth_ratio", "convention"
    if base_unit in ("yuan", "usd"):
        suffix = "cny" if base_unit == "yuan" else "usd"
        # 'it usually averaged 4 to 5 million yuan in previous years': the average a year of what it measures
        yearly = "_per_year_avg" if _YEARLY_AVERAGE.search(clause) and _OVER_YEARS.match(after) else ""
        if not _topic(clause) and level and money_stem(level)[1]:
            # 'from 690 million yuan in 2020 to 28.28 billion yuan in 2022': the second measures what the first does
            return f"{money_stem(level)[0]}{yearly}_{suffix}", "convention"
        worth = re.fullmatch(r"\s*(?:worth|valued at)(?:\s+(?:over|about|nearly|around|more than))?\s*", clause)
        if worth and level and is_count(level) and not money_stem(level)[1]:
            # ', worth $1.5 million,' after a count: the value of the things it counts (tractor_trucks_value_usd)
            return f"{level}_value_{suffix}", "convention"
        valued = re.search(r"\b([a-z]+s)\s+(?:are|is|were|was)\s+valued\s+at\s*$", clause)
        if valued and UNITS.get(normalize_unit(valued.group(1))):
            # 'Most cars are valued at 200,000 to 400,000 yuan': what one of the things counted is worth
            return f"{_singular(UNITS[normalize_unit(valued.group(1))][0])}_value_{suffix}", "convention"
        metric = _money_metric(clause if _topic(clause) else text, suffix)
        head = money_stem(metric)[0]
        if head == "trade_value" and "ecommerce" in _topic(subject):
            # 'cross-border e-commerce at the port exported ..., completing a trade volume of': e-commerce trade
            head = "ecommerce_trade_value"
        partner = _PARTNER.search(clause) or _PARTNER.search(subject)
        if head == "trade_value" and partner:
            head = f"{partner_word(partner)}_trade_value"
        saved = re.match(r"[^,;]*?\bin\s+([a-z]+)\s+costs?\b", after)
        if head == "cost_savings" and saved:
            head = f"{saved.group(1)}_cost_savings"
        earner = re.search(r"\b([a-z]+(?:men|ers|ies|s))\s+(?:[a-z]+ly\s+)?earned\b", clause)
        if head == "income" and earner:
            head = f"{earner.group(1)}_income"
        metric = f"{head}{yearly}_{suffix}"
    elif base_unit == "m2":
        metric = "area_m2"
    elif base_unit == "m" and _ALTITUDE.match(after):
        metric = "altitude_m"
    elif base_unit in ("km", "m"):
        # the place right after the figure first ('109 km from the China-Kyrgyzstan border'), then any in its text
        place = _DISTANCE_FROM.match(after) or re.search(r"\b(?:from|of)\s+([A-Z][a-z]+)", text)
        length = _LENGTH.search(clause)
        if length and not place:
            metric = f"{'_'.join(_snake(w) for w in length['what'].split())}_length_{base_unit}"
        else:
            metric = f"distance_from_{_snake(place.group(1))}_{base_unit}" if place else f"distance_{base_unit}"
    elif base_unit == "rank":
        where = rank_scope(after)
        if not where and re.search(r"\b(?:nationwide|national|across the country)\b", text, re.I):
            where = "_national"
        metric = f"{rank_stem(clause, level, paragraph_level, after, entity)}_rank{where}"
    elif base_unit in SCALAR_UNITS and "_rank" in level and (held := _HELD_RANK.search(clause)):
        # 'ranking first among Xinjiang's border ports for six consecutive years': how long the rank has been held
        metric = f"{level.split('_rank')[0]}_rank_{held['ordinal'].lower()}_{base_unit}"
    elif base_unit in SCALAR_UNITS:
        metric = f"{(_topic(clause) or ['time'])[0]}_{base_unit}"
        every = _EVERY.search(clause)
        if not _topic(clause) and every:
            # 'I come to China every three days, said ... truck driver ...': the interval of what recurs, a
            # first person's by the role of who speaks
            speaker = _SPEAKER.search(after) if re.search(r"\b(?:I|we)\b", clause) else None
            recurs = "visit" if every["verb"].lower() in _VISITS else ""
            words = [speaker["role"] if speaker else "", recurs, "interval", base_unit]
            metric = "_".join(w for w in words if w)
        transit = _TRANSIT.match(after)
        if not _topic(clause) and transit:
            # 'After 12 to 15 days of exiting through the port, they will land in Belgium, Germany and other
            # European countries': the time from leaving to arriving, to the region the places are in when the
            # text names it, else to the first place
            region = re.search(r"\band other (?P<adj>(?:[A-Z][a-z]+\s+)*[A-Z][a-z]+)\s+countries", transit["places"])
            if region:
                words = region["adj"].split()
                last = words[-1][:-2] if words[-1].endswith("ean") else words[-1][:-1]
                destination = "_".join(w.lower() for w in [*words[:-1], last])
            else:
                destination = _snake(transit["places"].split()[0].strip(","))
            metric = f"transit_time_to_{destination}_{base_unit}"
        state = _STATE_FOR.search(clause)
        if not _topic(clause) and state:
            # 'remained closed for four months every year': the time of the state, per the time it recurs in
            per = re.match(r"\s*(?:[a-z]+\s+)?(?:every|each|a)\s+(year|month|week|day)\b", after)
            metric = f"{_STATES[state['state'].lower()]}_{base_unit}" + (f"_per_{per[1]}" if per else "")
        between = _FROM_TO.search(clause)
        if not _topic(clause) and between and not transit:
            # 'transported from Karachi to Kashgar in just eight days': the time from leaving to arriving, to where
            # it ends
            metric = f"transit_time_to_{_snake(between['to'])}_{base_unit}"
        time_for = _TIME_FOR.search(clause)
        if not _topic(clause) and time_for:
            what = "_".join(_snake(w) for w in [*time_for["thing"].split(), time_for["activity"]])
            metric = f"{what}_{base_unit}"
        completed = _COMPLETED.search(clause)
        if not _topic(clause) and completed:
            what = "_".join(_snake(w) for w in [*completed["thing"].split(), completed["activity"]])
            metric = f"{what}_{base_unit}" + (
                "_avg" if re.search(r"\bon average\b", f"{subject} {clause}", re.I) else ""
            )
        delivered = _DELIVERED.search(clause)
        if not _topic(clause) and delivered:
            # 'allows the region's dried fruits to reach ... shelves within 48 hours': the time it takes what is
            # delivered to arrive
            *head, last = delivered["what"].split()
            what = "_".join(_snake(w) for w in [*head, _singular(last)])
            metric = f"{what}_delivery_time_{base_unit}"
        if figure_text and re.fullmatch(r"[\w.]+-(?:hour|day|month|year)s?", figure_text) and activity(after):
            # 'a 24-hour freight customs clearance': the hours of what it describes; 24 hours is round the clock
            per_day = "_per_day" if figure_text.startswith("24-hour") else ""
            # '24-hour freight clearance operations' are hours of the clearance
            what = re.sub(r"(?:_(?:" + "|".join(_ACTIVITY_NOUNS) + r"))+$", "", activity(after)) or activity(after)
            metric = f"{what}_{base_unit}{per_day}"
    elif base_unit == "countries" and "trade" in _topic(text):
        # 'the countries or regions with which it carries out trade reached 128'
        metric = "trading_partners"
    elif base_unit in _KINDS_OF and level and re.search(r"\bin\s*$", clause) and is_count(level):
        # '55 open platforms ... in 13 categories': the kinds of the things the count before it counts
        head, _, last = level.rpartition("_")
        metric = f"{head + '_' if head else ''}{_singular(last)}_{base_unit}"
    elif base_unit in _KINDS_OF and (kinds := _KINDS_OF_WHAT.match(after)):
        # 'more than 200 types of goods': the kinds of the things named after 'of'
        metric = f"{_snake(kinds['what'])}_{base_unit}"
    elif base_unit:
        metric = _count_metric(base_unit, clause, after, subject)
    else:
        metric = _count_metric("count", clause, after)
    if entity_kind(entity).rpartition("_")[2] in ("port", "ports") and _PASSAGE.search(metric):
        # what a port 'handled', 'processed' or 'passed' went through it, as everything a port counts does: the verb
        # says nothing ('3,036.46 tons of agricultural products processed' at the pass are agricultural_products_tonnes)
        metric = _PASSAGE.sub("", metric)
    if known and base_unit in known:
        same = "_".join(_SAME_COUNT.get(w, w) for w in metric.split("_"))
        if same != metric and same in known[base_unit]:
            return same, "ledger"
        # the ledger's name of the same count without a verb of passage: trains a port 'handled', 'processed' or
        # 'passed' are the trains through it ('16,400 trips processed' is the freight_train_trips of another article)
        bare = _PASSAGE.sub("", metric)
        if bare != metric and bare in known[base_unit]:
            return bare, "ledger"
        # an existing name fits when most of what it says is in the words around the figure, in its clause; function
        # words and the words of the conventions (value, cny, rank...) say nothing of what is measured
        around = f"{clause} {re.split(r'[,;:.!?]', after)[0]}"
        words = {w[:4] for w in re.findall(r"[a-z]+", around.lower()) if not _FUNCTION_WORDS.match(w)}
        score = lambda m: len(_telling(m) & words)
        scored = sorted(((score(m), m) for m in known[base_unit]), reverse=True)
        # a rank ranks one kind of thing: another rank's name fits only when it names what the drafted one ranks
        # ('ranking first among Xinjiang's border ports' by cargo is no 'pilot_port_rank_in_xinjiang')
        same_kind = lambda m: base_unit != "rank" or _telling(metric.split("_rank")[0]) <= _telling(m)
        if (
            scored
            and scored[0][0] >= 2
            and same_kind(scored[0][1])
            # every telling word of another's name, but a rank's ('foreign_trade_orders' is no 'foreign trade volume';
            # 'the largest land port for vehicle exports in China' is the ledger's national_land_port_rank_...)
            and scored[0][0] >= (0.6 if base_unit == "rank" else 1) * len(_telling(scored[0][1]))
            and scored[0][0] > score(metric)
        ):
            return scored[0][1], "ledger"
    return metric, "convention"


# ---------------------------------------------------------------------------
# Quotes
# ---------------------------------------------------------------------------


def unit_length(figure: str, after: str) -> int:
    """How many characters after a figure its printed unit takes ('kilometers', ' U.S. dollars'), 0 for none."""
    try:
        unit = printed_unit(figure + after, figure)
    except (PortbookError, ValueError):
        return 0
    stripped = after.lstrip(" -")
    if not unit or not stripped.startswith(unit):
        return 0
    return len(after) - len(stripped) + len(unit)


# Where a quote's clause begins: after a comma, semicolon, colon, dash or opening bracket, after 'while' or
# 'whereas', after a reporting verb's 'said that' / 'show that'. A quotation mark opens a clause only at the start of
# a sentence: inside one it marks quoted words ('the development of "eight major industries"').
_QUOTE_CLAUSE = re.compile(
    _IN_NUMBER
    + r"[,;:(（—–)）]\s*|\s?--\s*|\b(?:while|whereas)\s+|\b(?:show|shows|showed) that\s+"
    # 'The local customs said | the import volume ... was 10.68 billion yuan': who said it is the source, not the claim
    + r"|\b(?:said|says|stated|noted|added)(?: that)?\s+(?=[a-z])"
)
# Words that close a figure's quote and carry nothing of it: a named month or day of no number of its own ('in
# November', 'by Sunday'; 'in 2013' comes along, its number being accounted for so), a dangling preposition.
_QUOTE_TAIL = re.compile(
    r"(?:\s+(?:in|during)\s+" + _MONTH + r"|\s+(?:on|by)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"|\s+(?:for|to|of|in|on|at|by|with|from|and|or|among))$"
)
# Words that join a clause to the one before and carry nothing of the claim: dropped from a quote's start.
_JOINING = re.compile(
    r"^(?:(?:and|but|while|whereas|so|then|also|that|(?:among|of) which|(?:along|together) with|as well as)\s+)+", re.I
)
# Where a quote's clause ends, after the figure: punctuation, a bracket, a new clause ('while ...', 'which ...',
# 'and it ...'), or examples ('such as ...').
_QUOTE_CLAUSE_END = re.compile(
    _IN_NUMBER
    + r"[,;:.!?()（）]|\s(?:while|whereas|which|such as|including)\s|\sand\s+(?:it|its|we|they|he|she|I|other|then|also)\b"
    # a comment on the figure ('an increase of 10.9 percent over the previous year | and another record')
    r"|\s(?:and\s+)?(?:another|a\s+new|setting\s+an?(?:\s+new)?|hitting\s+an?(?:\s+new)?)\s+(?:[a-z]+\s+){0,2}"
    r"(?:record|high|milestone)\b"
    r"|\s--\s"
    # the base it is compared with ('a 6.3 percent increase | compared to 2024'): not the figure's words
    r"|\s(?:as\s+)?compared\s+(?:to|with)\s"
)
_PREPOSITION = r"(?:from|in|at|to|on|by|for|with|through|into|via|of|along|across|under|over|after|before)"
# The first word of a preposition of two words ('due to', 'because of'): a cut before the preposition is before it.
_COMPOUND = r"(?:due|owing|thanks|according|because|prior|ahead|instead|next|close|compared|relative)"
# The word that ties a second figure of a clause to the first ('from 690 million ... to 28.28 billion', 'covering
# 372 acres and a total investment of 10 billion'): the first quote stops before it, the second starts after.
_CONNECTIVE = re.compile(r"\s(?:to|and|of|from|with)\s", re.I)
_NEXT_FIGURES_VERB = re.compile(r"\s+(?:that|which)\s+[a-z]+(?:\s+(?:more than|over|about|around|nearly|some))?\s*$")
_REST_WORDS = 8  # the rest of a clause after the figure is quoted whole when it is this short
_SUBJECT_WORDS = 12  # a clause with more words than this before its figure is quoted from its verb
# An infinitive ('to reach', not 'to the port' nor 'to 4.5 billion') or a means ('through').
_OWN_PHRASE = re.compile(r"\bto\s+(?=(?!(?:the|a|an|its|their|this|that|more|over|about)\b)[a-z]+\s)|\bthrough\s+")
# A verb in the past after a subject ('The Irkeshtam port in northwest China's ... Region | launched a trial of'): not a
# participle after a noun's 'of' or 'by', nor a word after an article ('the expanded zone').
_PAST_VERB = re.compile(
    r"(?<!\bof )(?<!\bby )(?<!\bthe )(?<!\ba )(?<!\ban )\b[a-z]{3,}ed\b(?=\s+(?:an?|the|its|their)\s)"
)
_AUXILIARY = re.compile(r"\b(?:has|have|had|is|are|was|were)\b(?=(?:\s+(?:long|also|already|just|now))*\s+\w+)")


def _opening_period(text: str) -> bool:
    """Whether a stretch is nothing but a period phrase ('Up to now', 'by June 13 this year')."""
    return bool(text.strip()) and any(
        p[0] == 0 and p[1] >= len(text.strip()) for p in find_periods(text.strip(), date(2000, 1, 1))
    )


def _verb_group_end(rest: str) -> int:
    """Where the words right after a figure's unit stop saying what happened to it: before the first preposition
    that opens a phrase ('were imported | from the port ...', 'each dealt with | in an efficient manner'); a
    rest that begins with 'of' belongs to the unit ('vehicles of bulk commodities')."""
    for m in re.finditer(rf"\s(?:{_COMPOUND}\s+)?{_PREPOSITION}\s+(?!{_PREPOSITION}\b)", rest, re.I):
        if rest[: m.start()].strip() or m.group().strip().lower() != "of":
            # 'as of Monday' is one preposition: 'trips this year | as of Monday'
            two_words = re.search(r"\sas$", rest[: m.start()]) if m.group().strip().lower() == "of" else None
            return two_words.start() if two_words else m.start()
    return len(rest.rstrip())


# An aside after a subject, then its verb: ', including Alashankou Station, | will be renovated and expanded'.
_ASIDE_THEN_VERB = re.compile(
    r",\s+(?:including|such as|among them)\s[^,;.]*,\s+"
    r"(?P<verb>(?:will|would|can|could|is|are|was|were|has|have|had)\b[^,;.]*)"
)
# A time that opens a sentence, and the arrival after it at named places: 'After | 12 to 15 days of exiting
# through the port|, they will land in Belgium, Germany'.
_TIME_OPENING = re.compile(r"\s*(?:After|Within)\s+")
_ARRIVAL = re.compile(
    r"[^,;.]*,\s+[^,;.]*?\b(?:land|arrive|reach|be delivered)\w*\s+(?:(?:in|at|to)\s+)?[A-Z][\w-]*"
    r"(?:,\s+[A-Z][\w-]*)*"
)
# A finite verb: a quote with one says already what happened to its figure.
_FINITE = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|can|could)\b|\b[a-z]+ed\b")


def shortest_quote(
    raw: str,
    line_start: int,
    line_end: int,
    start: int,
    end: int,
    others: tuple[tuple[int, int], ...] | list[tuple[int, int]] = (),
    carry: tuple[tuple[int, int], ...] | list[tuple[int, int]] = (),
) -> str:
    """The shortest verbatim stretch of one line that carries a figure (raw offsets start..end) as a claim, by the
    ledger's quoting convention:

    - it begins where the figure's clause begins (after a comma, a dash, 'while', 'said that'; a bracket that opens
      the clause is kept), less the joining words that carry nothing ('and', 'but'); when another figure stands
      before it in the clause (``others``, raw spans), after that figure, its unit, its bracket and its period
      phrase ('in 2013 | to 46.32 billion yuan'); when nothing of the clause stands before the figure, the period
      phrase that opens the sentence comes with it ('Up to now, 63 enterprises'); a subject of more than
      ``_SUBJECT_WORDS`` words is left out, the quote starting at its auxiliary verb ('has increased from ...');
      what is still longer starts at the figure's own infinitive or means ('to | reach ... within 48 hours',
      'through | the development of "eight major industries"');
    - a figure that describes a thing ('a 40-square-kilometer pilot zone') ends with that thing's key noun;
    - else it ends with the figure's unit and the rest of its clause when that is short (``_REST_WORDS`` words); a
      longer rest is cut after its verb group ('were imported'), but never before a phrase of ``carry`` (raw spans
      of the figure's period phrase and entity name); the clause ends before the word that ties the next figure
      ('5.8-fold year on year | to 3.8 billion');
    - made longer one word at a time until it occurs once in the seed.

    >>> text = "In the first half of this year, 1,400 vehicles were imported from the port, and 160 drivers came."
    >>> shortest_quote(text, 0, len(text), text.find("1,400"), text.find("1,400") + 5)
    '1,400 vehicles were imported from the port'
    """
    line = raw[line_start:line_end]
    at, stop = start - line_start, end - line_start
    s_start, s_end = sentence_span(line, at)
    # ' date 2025-05-29 ' before a headline, and a dateline after it ('KASHGAR:'): the page's, not the claim's
    _, text_start = leading_datelines(line, opens_article=True)
    if s_start < text_start <= at:
        s_start = text_start
    others = sorted((a - line_start, b - line_start) for a, b in others if line_start <= a and b <= line_end)
    carry = [(a - line_start, b - line_start) for a, b in carry if line_start <= a and b <= line_end]
    # the left end
    while line[s_start : s_start + 1] in ('"', "“", "‘", "'") and s_start < at:
        s_start += 1
    left = s_start
    for m in _QUOTE_CLAUSE.finditer(line, s_start, at):
        left = m.start() if m.group().startswith(("(", "（")) else m.end()
    starts = [s_start] + [m.end() for m in _QUOTE_CLAUSE.finditer(line, s_start, at)]
    # another figure before this one in its clause (a closing bracket does not end a clause here)
    bound = max([s_start] + [m.end() for m in _QUOTE_CLAUSE.finditer(line, s_start, at) if m.group()[0] not in ")）"])
    before = [o for o in others if bound <= o[0] and o[1] <= at]
    if before:
        left = before[-1][1]
        close = re.match(r"[^()（）]*[)）]", line[left:at])  # a conversion in brackets, unit and all
        left += close.end() if close else 0
        period = [
            p
            for p in find_periods(line[left:at], date(2000, 1, 1))
            if re.fullmatch(r"\s*(?:(?:in|during|from|over|by|since)\s+)?", line[left : left + p[0]], re.I)
        ]
        left += period[0][1] if period else 0
        joined = re.search(r"\sand\s", line[left:at])  # '372 acres and | a total investment of 10 billion'
        left += joined.end() if joined else 0
        # the verb whose object it is ('22 routes run via the port | connecting 13 countries', 'freight trains |
        # operating on 85 routes')
        verb = re.search(
            r"\b(?:[a-z]+ing|to\s+[a-z]+)\s+(?:(?:on|in|to|with|at|for)\s+)?"
            r"(?:(?:more than|over|about|around|nearly|some)\s+)?$",
            line[left:at],
        )
        # a time the state before it has lasted ('ranking first among Xinjiang's border ports | for six consecutive
        # years')
        lasted = re.search(r"\bfor\s+(?:(?:more than|over|about|nearly)\s+)?$", line[left:at])
        if verb and not joined and not close:
            left += verb.start()
        elif lasted and not joined and not close:
            left += lasted.start()
        elif not joined and not close:
            # the unit of the figure before is its own, what it is of this one's ('12,432 tons of | goods valued at
            # over $95.26 million')
            unit = unit_length(line[before[-1][0] : before[-1][1]], line[left:at])
            of = re.match(r"\s+of\s+(?=\S)", line[left + unit : at]) if unit else None
            left += (unit + of.end()) if of else 0
    while left < at and line[left].isspace():
        left += 1
    joining = _JOINING.match(line[left:at])
    left += joining.end() if joining else 0
    # 'So far more than 40,000': 'so' is no joining word there; a quote starts before a period phrase or after it
    inside = [p for p in find_periods(line[s_start:at], date(2000, 1, 1)) if s_start + p[0] < left < s_start + p[1]]
    left = s_start + inside[0][0] if inside else left
    if len(line[left:at].split()) > _SUBJECT_WORDS:
        # a long subject is left out: the quote starts at the verb that says what happened to the figure
        verbs = list(_AUXILIARY.finditer(line, left, at)) or list(_PAST_VERB.finditer(line, left, at))
        left = verbs[-1].start() if verbs else left
    if len(line[left:at].split()) > _SUBJECT_WORDS:
        # still long: the figure is in a phrase of its own, an infinitive's or a means', quoted from it ('that allows
        # the region's dried fruits to | reach ... within 48 hours', 'through | the development of "eight ..."')
        cuts = [m.end() for m in _OWN_PHRASE.finditer(line, left, at) if len(line[m.end() : at].split()) >= 2]
        left = cuts[-1] if cuts else left
    if left == at and len(starts) > 1:
        # a figure that opens its clause takes the period phrase of the clause before ('Up to now, 63 enterprises')
        previous = max(s for s in starts if s < left - 1) if any(s < left - 1 for s in starts) else s_start
        opening = line[previous:left].rstrip(" ,")
        if _opening_period(opening):
            left = previous
    # the right end
    right = stop + unit_length(line[at:stop], line[stop:])
    kinds_of = _KINDS_OF_WHAT.match(line, stop)
    if kinds_of and kinds_of.end() > right:  # '200 types | of goods': the kinds are named by what they are of
        right = kinds_of.end()
    if (
        re.match(r"[\"”’']", line[right : right + 1])
        and line[left:at].count('"') % 2 == 1
        or line[right : right + 1] == "”"
    ):
        right += 1
    bracketed = False
    if left < at and line[left] in "(（":
        close = re.match(r"[^)）]*[)）]", line[right:])
        right += close.end() if close else 0
        bracketed = close is not None
    clause_end = s_end
    scan = right
    while m := _QUOTE_CLAUSE_END.search(line, scan, s_end):
        inner = re.match(r"\([^()\d]*\)", line[m.start() :]) if m.group() == "(" else None
        if inner and m.start() > right:  # words in brackets inside a clause: '16,000 China-Europe (and ...) trips'
            scan = m.start() + inner.end()
            continue
        clause_end = m.start()
        break
    after = [o for o in others if o[0] >= right and o[0] < clause_end]
    if after:
        tie = list(_CONNECTIVE.finditer(line, right - 1, after[0][0]))
        clause_end = tie[0].start() if tie else after[0][0]
        # the relative clause of the next figure is its own: '89 routes | that serve 18 countries'
        its_verb = _NEXT_FIGURES_VERB.search(line, right, clause_end)
        clause_end = its_verb.start() if its_verb and not tie else clause_end
    rest = line[right:clause_end]
    modified = re.match(r"(?:\s+[a-z][\w-]*){0,3}?\s+(?:" + _KEY_NOUN_WORDS + r")\b", rest)
    only_period = [
        p
        for p in find_periods(rest, date(2000, 1, 1))
        if not rest[p[1] :].strip(" ,;")
        and re.fullmatch(r"\s*(?:(?:in|during|from|over|by|since)\s+)?", rest[: p[0]], re.I)
    ]
    if bracketed and re.match(r"\s+(?:had|has|have|was|were|is|are|will|would)\b", rest):
        # the conversion of a subject, followed by the sentence's verb ('goods worth over 50.7 billion yuan (about 7
        # billion U.S. dollars) | had passed through the port'): the verb is the yuan figure's clause, not its own
        pass
    elif bracketed and only_period and not re.search(r"\d", rest):
        # a conversion in brackets followed only by a period phrase of named months ('(about 562.3 million U.S.
        # dollars) from January to April') is quoted bare, the period being the sentence's; a phrase with a number
        # of its own ('in 2013', 'in the first 11 months of 2023') comes along, which accounts for that number
        pass
    elif modified and re.search(r"\b(?:an?|the)\s+$", line[:at]) and re.search(r"\d-[a-z]", line[at:stop]):
        # a figure that describes a thing ('a 40-square-kilometer pilot zone') is quoted up to it
        right += modified.end()
    elif len(rest.split()) <= _REST_WORDS:
        right += len(rest.rstrip())
    else:
        reach = right + _verb_group_end(rest)
        for a, b in carry:
            if right <= a and b <= clause_end:
                reach = max(reach, b)
        right = reach
    right = len(line[:right].rstrip(" ,;"))
    while right > stop and (tail := _QUOTE_TAIL.search(line, stop, right)) and tail.end() == right:
        right = tail.start()
    aside = _ASIDE_THEN_VERB.match(line, right, s_end)
    if aside and not _FINITE.search(line[at:right]):
        # a count whose verb comes after an aside keeps its verb ('four existing stations along the line, including
        # Alashankou Station, | will be renovated and expanded')
        right = aside.start("verb") + _verb_group_end(aside["verb"])
    arrival = _ARRIVAL.match(line, right, s_end) if _TIME_OPENING.fullmatch(line[s_start:at]) else None
    if arrival:
        # a time that opens its sentence ('After 12 to 15 days of exiting through the port,') is quoted on to where
        # what takes it arrives, the places named ('they will land in Belgium, Germany'), not 'and other countries'
        right = arrival.end()
    figure = line[at:stop]
    while line.find(figure, left, right) != at:  # the ledger finds a figure at its first place in the quote
        left = line.find(figure, left, right) + len(figure)
        while left < at and not (line[left].isalnum() or line[left] in '$¥(“"'):
            left += 1
    # longer, a word at a time, until it is unique in the seed and long enough for the ledger (left first: the
    # subject comes before the figure)
    while (
        raw.count(line[left:right]) > 1
        or right - left < SHORTEST_QUOTE
        or (left < at and _JOINING.match(line[left:at]) and line[:left].strip())  # not 'and 26 cities'
    ):
        before_text = line[:left].rstrip()
        if before_text:
            left = before_text.rfind(" ") + 1
        elif line[right:].strip():
            right += re.match(r"\s*\S+", line[right:]).end()
        else:
            break
    return line[left:right]


# The verb group right before a rank's ordinal or superlative, with the article or possessive that opens it: 'is |
# the first', 'has long ranked | first', 'has become | the largest', 'evolves into | China's largest', 'becoming |
# the first', 'from ranking | 125th'.
_RANK_VERB = re.compile(
    r"(?:\b(?:from|to)\s+ranking\s+"
    r"|\b(?:has|have|had|is|are|was|were|will)\s+(?:(?:long|also|already|just|now|still|been|be)\s+)*"
    r"(?:[a-z]+(?:ed|en|me)\s+(?:(?:into|as)\s+)?)?"
    r"|\b[a-z]+(?:s|ed)\s+(?:into|as)\s+|\b[a-z]+ing\s+(?:(?:into|as)\s+)?)"
    r"(?:(?:the|its|[A-Z][\w-]*['’]s)\s+)?(?:most\s+)?$"
)
# A subject that names a thing (a capitalised name, or a noun such as 'zone' or 'city'): the entity column holds it.
_NAMED_SUBJECT = re.compile(r"\s[A-Z]|\b(?:" + _KEY_NOUN_WORDS + r"|city|county|region|prefecture)s?\b")
# What a rank ranks by, after its scope: an infinitive ('to provide 24-hour freight customs clearance').
_RANKS_BY = re.compile(r"\s+to\s+(?!(?:the|a|an|its|their|this|that|more|over|about)\b)[a-z]+\b[^,;:.!?()]*")


def rank_quote(raw: str, start: int, quote: str, at: int, sentence_end: int) -> str:
    """A rank's quote by the convention: from its verb or ordinal, the subject left to the entity column when it
    names a thing in more than two words ('the Kashgar zone | is the first of its kind'; 'Horgos has become' and
    'This is' stay whole, and so does a subject that is what is ranked: 'both the volume and the growth ranked');
    a 'from ranking' phrase is its own ('realizing great progress | from ranking 125th'); and on through an
    infinitive after it, what it ranks by ('the first highway port in Xinjiang | to provide ... clearance').
    ``start`` is where ``quote`` (the shortest quote) stands in ``raw``, ``at`` the figure's raw offset; a longer or
    shorter quote that is not unique in the seed is not taken.

    >>> text = "Today the old town of Lakeside is the first highway port in Xinjiang to open at night. It grew."
    >>> rank_quote(text, 0, text[: text.find(" to open")], text.find("first"), text.find("."))
    'is the first highway port in Xinjiang to open at night'
    """
    left, right = start, start + len(quote)
    verb = _RANK_VERB.search(raw, left, at)
    if verb and verb.end() == at:
        subject = raw[left : verb.start()]
        if verb.group().lstrip().startswith(("from", "to")) or (
            len(subject.split()) > 2 and _NAMED_SUBJECT.search(f" {subject}")
        ):
            left = verb.start()
    making = re.match(r"(?:making|makes|made)\s+(?:it|them)\s+(?=the\s)", raw[left:at])
    if making:  # 'making it | the first ...': the subject it ranks is the entity column's
        left += making.end()
    more = _RANKS_BY.match(raw, right, sentence_end)
    if more:
        right = more.end()
    text = raw[left:right].rstrip(" ,;")
    return text if raw.count(text) == 1 else quote


# ---------------------------------------------------------------------------
# One draft
# ---------------------------------------------------------------------------


@dataclass
class DraftRow:
    """A drafted ledger row and what about it needs a human decision."""

    row: dict
    decisions: list[str] = field(default_factory=list)
    repair_reason: str = ""


def base_unit_of(figure: str, repair: str, qualifier: str, unit: str | None) -> str | None:
    """The base unit a figure measures in by its rule, or None when no unit is printed or known."""
    try:
        return measure(figure, repair, qualifier, unit).unit
    except PortbookError:
        return None


_MONTHS_ABBR = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def period_slug(phrase: str, published: date) -> str:
    """The period as the end of a claim id: '2021', 'h1-2023', 'q1-q3-2023', 'jan-apr-2022', '2015-2023', or ''.

    >>> period_slug("first three quarters of this year", date(2023, 11, 4)), period_slug("last year", date(2022, 5, 30))
    ('q1-q3-2023', '2021')
    """
    try:
        p = resolve_period(phrase, published)
    except BadPeriod:
        return ""
    if p.start is None or p.end is None or p.start == p.end:
        return ""
    if p.start.year != p.end.year:
        return f"{p.start.year}-{p.end.year}"
    whole_months = p.start.day == 1 and p.end.day == calendar.monthrange(p.end.year, p.end.month)[1]
    if not whole_months:
        return str(p.end.year)
    first, last = p.start.month, p.end.month
    if (first, last) == (1, 12):
        return str(p.end.year)
    if (first, last) in ((1, 6), (7, 12)):
        return f"h{1 if first == 1 else 2}-{p.end.year}"
    if first % 3 == 1 and last % 3 == 0:
        q1, q2 = (first + 2) // 3, last // 3
        return f"q{q1}-{p.end.year}" if q1 == q2 else f"q{q1}-q{q2}-{p.end.year}"
    if first == last:
        return f"{_MONTHS_ABBR[first - 1]}-{p.end.year}"
    return f"{_MONTHS_ABBR[first - 1]}-{_MONTHS_ABBR[last - 1]}-{p.end.year}"


def metric_slug(metric: str) -> str:
    """A metric as the middle of a claim id: 'trade' for trade_value_cny, 'trade-usd' for trade_value_usd."""
    words = [w for w in metric.split("_") if w not in ("value", "cny", "pct")]
    return "-".join(words) or "value"
