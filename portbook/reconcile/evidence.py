"""What each number most likely was: named, tested evidence rules choose a best reading and say how sure we are.

A figure can be read in more than one way (a garbled grouping, a 万 printed as "million", an N-fold) and a repair
rule keeps every reading it cannot rule out. The rules here look past the figure itself, at bounds, at the other
figures of the same sentence, at the traffic of the port a facility is part of, at independently published
figures, and say of a claim's candidate readings which they reject (with the arithmetic), which they prefer,
which a source confirms, or which reading a source supplies (a lost number, a mistranslated unit). ``decide``
turns what they say into one best reading, a confidence and the rejected readings with the reason for each.

Rules are registered as the repair rules are: a name, what they decide, what they refuse, and their reasoning in
their docstring. Nothing here knows a claim id; the rules run on any ledger.

Confidence (of the reading, not of the fact; the verdict says whether the fact holds):

- high: the figure was printed cleanly, or a source confirms the reading, or a test rules out every other one;
- medium: a rule or a preference chose it that no independent figure confirms, or lost digits leave a range;
- low: several readings survive and nothing decides (the best reading is then their span), or none survives.
"""

from __future__ import annotations

import inspect
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from itertools import product

import pandas as pd

from portbook.errors import PortbookError
from portbook.numbers.figures import rounding_interval
from portbook.numbers.interval import Interval, hull
from portbook.numbers.ledger import Entities
from portbook.numbers.measure import DATE_UNIT
from portbook.numbers.qualifiers import ABOUT_TOLERANCE
from portbook.numbers.repairs import REPAIRS
from portbook.numbers.wording import computed_digits
from portbook.reconcile import plausibility
from portbook.reconcile.intervals import CONTINUOUS, computed, divide, fmt, overlaps
from portbook.reconcile.references import TESTS, Reference, measures, rendering
from portbook.reconcile.relations import Relations

AS_PRINTED = "as printed, no repair"
CONFIDENCES = ("high", "medium", "low")
# Repair rules that say the source printed the number wrongly (a range or an N-fold is read, not repaired).
GARBLING_RULES = {
    "garbled_grouping",
    "lost_digits",
    "wan_as_million",
    "yi_as_billion",
    "mu_as_acres",
    "cjk_scale_ambiguous",
}
CJK_SCALE_RULES = {"wan_as_million", "yi_as_billion"}
# A sentence ends at . ! ? before a capital or a quote mark (not after a capital: 'U.S. dollars'), at 。 or a line end.
SENTENCE_END = re.compile(r"(?<![A-Z])[.!?]\s+(?=[A-Z“\"'(])|。|\n")


# ---------------------------------------------------------------------------
# Readings as the rules see them
# ---------------------------------------------------------------------------


def step_of(value: float) -> float:
    """One unit of the last non-zero digit a number was printed with: the step of 'N多' (N-odd).

    >>> step_of(5600), step_of(20), step_of(61e9), step_of(5.8), step_of(14_502_400)
    (100.0, 10.0, 1000000000.0, 0.1, 100.0)
    """
    exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent
    return float(Decimal(1).scaleb(exponent))


def relative_rounding(figure: str) -> float:
    """Half a unit of the last printed digit, relative to the figure ('3.7 billion': 0.05/3.7); 0 if unreadable."""
    try:
        iv = rounding_interval(figure)
    except (PortbookError, ValueError):
        return 0.0
    centre = (iv.low + iv.high) / 2
    return 0.0 if centre == 0 else (iv.high - iv.low) / 2 / abs(centre)


def stated_range(value: Interval, qualifier: str, rounding: float = 0.0) -> Interval:
    """The values a figure states as its writer meant it, for telling readings apart.

    'Exactly N' is N within its rounding; 'more than N' is read as the Chinese N多/N余 it translates: more than N
    but short of the next step of its last digit (5600多 is 5,600 to 5,699; 二十余 is 20 to 29); 'about N' is
    N +/- 5%; 'up to N' is 0 to N. The checks read 'more than N' as open above; this reading is only used to
    choose between readings of one figure, where 'more than 1 vehicle' must not pass for 1,400.

    >>> stated_range(Interval(5600, 5600), "more_than"), stated_range(Interval(3.7e9, 3.7e9), "exact", 0.05 / 3.7)
    (Interval(low=5600.0, high=5699.9), Interval(low=3650000000.0, high=3750000000.0))
    """
    low, high = value.low, value.high
    if low is None and high is None:
        return Interval(None, None)
    if qualifier in ("more_than", "at_least"):
        return Interval(low, low + step_of(low) * 0.999)
    if qualifier == "about":
        return Interval(low * (1 - float(ABOUT_TOLERANCE)), high * (1 + float(ABOUT_TOLERANCE)))
    if qualifier in ("up_to", "less_than"):
        return Interval(0.0, high)
    if qualifier == "nearly":
        return Interval(high * (1 - float(ABOUT_TOLERANCE)), high)
    return Interval(low - abs(low) * rounding, high + abs(high) * rounding)


def unqualified(reading: Interval, qualifier: str) -> Interval:
    """The figure itself behind a qualified reading: N for 'more than N' ([N, open)) or 'about N' ([0.95N, 1.05N])."""
    if qualifier in ("more_than", "at_least"):
        return Interval(reading.low, reading.low)
    if qualifier in ("up_to", "less_than", "nearly"):
        return Interval(reading.high, reading.high)
    if qualifier == "about" and reading.low is not None and reading.high is not None:
        mid = (reading.low + reading.high) / 2
        return Interval(mid, mid)
    return reading


@dataclass(frozen=True)
class Candidate:
    """One way to read a claim: the interval the checks use, the range its writer stated, and where it came from."""

    label: str
    interval: Interval
    stated: Interval
    unit: str
    literal: bool = False  # the figure read as printed, no repair
    source: str = ""  # the reference that supplied this reading; "" for the claim's own readings

    @property
    def known(self) -> bool:
        """False for a number lost in print (open at both ends)."""
        return not (self.interval.low is None and self.interval.high is None)


def candidates(claim) -> list[Candidate]:
    """A processed claim's readings, and its literal reading where a repair changed it."""
    rounding = relative_rounding(claim.figure)
    found = []
    for r in json.loads(claim.readings):
        iv = Interval(r["low"], r["high"])
        literal = claim.repair in ("none", "range") or r["label"] == "as printed"
        found.append(
            Candidate(
                r["label"],
                iv,
                stated_range(unqualified(iv, claim.qualifier), claim.qualifier, rounding),
                claim.unit,
                literal,
            )
        )
    if claim.printed_reading:
        for r in json.loads(claim.printed_reading):
            iv = Interval(r["low"], r["high"])
            if all(iv != c.interval for c in found):
                stated = stated_range(unqualified(iv, claim.qualifier), claim.qualifier, rounding)
                found.append(Candidate(AS_PRINTED, iv, stated, claim.unit, literal=True))
    return found


def reference_stated(ref: Reference) -> Interval:
    """A reference's figure as stated, by the same reading as a claim's ('5600多' is 5,600 to 5,699)."""
    exact = ref.unit in (DATE_UNIT, "rank") or not ref.value.is_point  # a day or a rank is not rounded
    rounding = 0.0 if exact else relative_rounding(rendering(ref.value.low, ref.figure))
    return stated_range(ref.value, ref.qualifier, rounding)


def show(value: float | None, unit: str, sig: int | None = None) -> str:
    """A value in the evidence's sentences: a date as a date, other values as the reconcile formulas write them; a
    value computed from printed figures to the ``sig`` digits they support (``wording.computed_digits``)."""
    if value is None:
        return "?"
    if unit == DATE_UNIT:
        v = int(value)
        return date(v // 10000, v // 100 % 100, v % 100).isoformat()
    return fmt(value, unit, sig=4) if sig is None else computed(value, unit, sig)


def show_range(iv: Interval, unit: str, sig: int | None = None) -> str:
    """An interval in the evidence's sentences: one value, 'a to b', 'more than a' or 'unknown'. With ``sig`` (an
    interval computed from printed figures) a point or a lone end has the digits they support, a lone end rounded
    away from what it excludes; the ends of a range keep their width."""
    if iv.low is None and iv.high is None:
        return "unknown"
    if iv.high is None:
        return f"more than {show(iv.low, unit) if sig is None else computed(iv.low, unit, sig, 'at least ')}"
    if iv.low is None:
        return f"up to {show(iv.high, unit) if sig is None else computed(iv.high, unit, sig, 'at most ')}"
    if show(iv.low, unit) == show(iv.high, unit):
        return show(iv.low, unit, sig)
    return f"{show(iv.low, unit)} to {show(iv.high, unit)}"


# ---------------------------------------------------------------------------
# What the rules say
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    """What one rule says about one claim: the readings it rejects and why, prefers, confirms, or supplies."""

    rule: str
    claim_id: str
    text: str
    rejects: tuple[tuple[str, str], ...] = ()  # (candidate label, the reason with its arithmetic)
    prefers: str = ""
    confirms: tuple[str, ...] = ()
    supplies: Candidate | None = None
    independent: bool = True  # a test or a source; False for the ledger's own repair rule

    def to_json(self) -> dict:
        """The evidence as plain data for claims.csv, claims.json and the trail."""
        return {
            "rule": self.rule,
            "text": self.text,
            "rejects": [{"reading": label, "reason": reason} for label, reason in self.rejects],
            "prefers": self.prefers,
            "confirms": list(self.confirms),
            "supplies": self.supplies.label if self.supplies else "",
        }


@dataclass
class EvidenceContext:
    """What the rules read: the cleaned claims, the references, relations, bounds, entities and sentences."""

    claims: pd.DataFrame  # data/processed/claims.csv as computed (every reading)
    references: list[Reference]
    relations: Relations
    bounds: list[plausibility.Bound]
    entities: Entities
    sentences: dict[str, tuple[str, int]] = field(default_factory=dict)  # claim id -> (article, sentence start)
    _candidates: dict[str, list[Candidate]] = field(default_factory=dict, repr=False)

    def candidates(self, claim) -> list[Candidate]:
        """A claim's candidate readings, computed once."""
        if claim.claim_id not in self._candidates:
            self._candidates[claim.claim_id] = candidates(claim)
        return self._candidates[claim.claim_id]

    def references_for(self, claim_id: str) -> list[Reference]:
        """The references that name a claim."""
        return [r for r in self.references if claim_id in r.claim_ids]

    def containing(self, entity: str) -> list[str]:
        """The entity, its parents in the entity table and the wholes data/relations.csv puts it in."""
        found, todo = [], [entity]
        while todo:
            e = todo.pop(0)
            if e in found or e not in self.entities.table.index:
                continue
            found.append(e)
            parent = self.entities.table.at[e, "parent"]
            todo += ([parent] if parent else []) + self.relations.wholes(e)
        return found


def sentence_starts(raw: str, offsets: dict[str, int]) -> dict[str, int]:
    """For each claim id, where the sentence holding its quote starts in the raw text.

    >>> sentence_starts("A first. It was 3.7 (about 0.5 U.S. dollars). Next", {"a": 12, "b": 30, "c": 47})
    {'a': 9, 'b': 9, 'c': 46}
    """
    ends = [m.end() for m in SENTENCE_END.finditer(raw)]
    return {claim_id: max([0] + [e for e in ends if e <= at]) for claim_id, at in offsets.items()}


RuleFunc = Callable[[EvidenceContext], list[Evidence]]


@dataclass(frozen=True)
class EvidenceRule:
    """A registered evidence rule: its name, what it decides and what it refuses, and in a reader's words what it
    weighs (``words``, for the confidence a page shows); its reasoning is its docstring."""

    name: str
    decides: str
    refuses: str
    func: RuleFunc = field(repr=False)
    words: str = ""

    @property
    def evidence(self) -> str:
        """The rule's reasoning: the docstring of its function."""
        return inspect.getdoc(self.func) or ""


RULES: dict[str, EvidenceRule] = {}


def evidence_rule(name: str, *, words: str, decides: str, refuses: str) -> Callable[[RuleFunc], RuleFunc]:
    """Register a function as the evidence rule ``name``; ``words`` name what it weighs as a reader would."""

    def register(func: RuleFunc) -> RuleFunc:
        if name in RULES:
            raise ValueError(f"evidence rule {name!r} registered twice")
        if not inspect.getdoc(func):
            raise ValueError(f"evidence rule {name!r} needs a docstring giving its reasoning")
        RULES[name] = EvidenceRule(name, decides, refuses, func, words)
        return func

    return register


def _first_sentence(text: str) -> str:
    return re.split(r"(?<=[.:])\s", " ".join(text.split()), maxsplit=1)[0]


@evidence_rule(
    "named_repair",
    words="the repair the ledger names",
    decides="rejects the figure as printed when the ledger names a rule that says the printing is wrong",
    refuses="clean figures, ranges, N-folds, rules that keep the printed reading (cjk_scale_ambiguous), figures "
    "that cannot be read as printed at all",
)
def named_repair(context: EvidenceContext) -> list[Evidence]:
    """The ledger names, for each damaged figure, the rule that reads it (a 万 printed as 'million', 亩 printed as
    'acres'); the rule's own docstring is its evidence. That rejects the figure as printed, but only on the rule's
    word: it is not an independent test, so on its own it gives medium confidence."""
    found = []
    for claim in context.claims.itertuples():
        literal = [c for c in context.candidates(claim) if c.label == AS_PRINTED]
        if claim.repair not in GARBLING_RULES or not literal:
            continue
        reason = f"the ledger reads the figure as {REPAIRS[claim.repair].words}: {_first_sentence(REPAIRS[claim.repair].evidence)}"
        found.append(
            Evidence("named_repair", claim.claim_id, reason, rejects=((AS_PRINTED, reason),), independent=False)
        )
    return found


def _days(claim) -> float | None:
    """The days a claim's period holds, None when it has no dated span."""
    days = claim.period_days
    return float(days) if pd.notna(days) and days else None


def _judged(value: Interval, bound: plausibility.Bound) -> bool:
    """True when no value of the interval is within the bound."""
    return plausibility.judge((value.low, value.high), bound) == "implausible"


def _bound_text(bound: plausibility.Bound, unit: str) -> str:
    return f"bound {show_range(Interval(bound.low, bound.high), unit)}: {bound.basis}"


@evidence_rule(
    "plausibility_bounds",
    words="a physical bound",
    decides="rejects a reading whose stated value, or its value per unit or per day, falls outside a curated bound "
    "(data/bounds.csv)",
    refuses="readings within every bound; a pair only rejects a reading that fails with every reading of its partner",
)
def plausibility_bounds(context: EvidenceContext) -> list[Evidence]:
    """A reading must be physically possible: a land border no longer than the equator, a truckload worth between a
    used car and a loaded heavy truck, parcels a day within what a port can sort. Each reading is tested at the value
    its writer stated ('more than 1 vehicle' means about one vehicle, not any number), against the curated bounds;
    a value per unit pairs money with a count of the same article, period and entity, and rejects a reading only if
    it fails with every reading of the other figure."""
    bounds = context.bounds
    by_quantity = {b.quantity: b for b in bounds}
    claims = list(context.claims.itertuples())
    rejects: dict[str, list[tuple[str, str]]] = {}

    def reject(claim, label, reason):
        rejects.setdefault(claim.claim_id, []).append((label, reason))

    for claim in claims:
        cands = [c for c in context.candidates(claim) if c.known]
        for bound in bounds:
            if bound.quantity == claim.unit and re.search(bound.metric_pattern, claim.metric):
                for c in cands:
                    if _judged(c.stated, bound):
                        reject(
                            claim,
                            c.label,
                            f"{show_range(c.stated, claim.unit)} is outside the {_bound_text(bound, claim.unit)}",
                        )
        quantity = plausibility.per_day_quantity(claim.unit, claim.metric)
        if claim.period_kind == "flow" and quantity in by_quantity and _days(claim):
            days = float(claim.period_days)
            for c in cands:
                rate = divide(c.stated, Interval(days, days))
                if _judged(rate, by_quantity[quantity]):
                    reject(
                        claim,
                        c.label,
                        f"{show_range(c.stated, claim.unit)} in {days:g} days is {show_range(rate, '', computed_digits([claim.figure]))} a day, outside the {_bound_text(by_quantity[quantity], '')}",
                    )
    money = [c for c in claims if c.unit == "yuan"]
    counts = [c for c in claims if c.unit in plausibility.PER_UNIT]
    for top, bottom in product(money, counts):
        quantity = f"yuan_per_{plausibility.PER_UNIT[bottom.unit]}"
        if (
            quantity not in by_quantity
            or top.article_id != bottom.article_id
            or (top.period_start, top.period_end) != (bottom.period_start, bottom.period_end)
            or not plausibility.related(context.entities, top.entity, bottom.entity)
        ):
            continue
        bound = by_quantity[quantity]
        tops = [c for c in context.candidates(top) if c.known]
        bottoms = [c for c in context.candidates(bottom) if c.known]
        ratio = lambda a, b: divide(a.stated, b.stated, none_means="unknown")
        for claim, mine, theirs, pick in (
            (top, tops, bottoms, lambda a, b: (a, b)),
            (bottom, bottoms, tops, lambda a, b: (b, a)),
        ):
            other = bottom if claim is top else top
            for c in mine:
                if theirs and all(_judged(ratio(*pick(c, t)), bound) for t in theirs):
                    example = ratio(*pick(c, theirs[0]))
                    reject(
                        claim,
                        c.label,
                        f"{top.figure} {top.unit} / {bottom.figure} {bottom.unit} read this way is {show_range(example, 'yuan', computed_digits([top.figure, bottom.figure]))} "
                        f"per {plausibility.PER_UNIT[bottom.unit]} (with every reading of {other.figure!r}), outside the "
                        f"{_bound_text(bound, 'yuan')}",
                    )
    return [
        Evidence("plausibility_bounds", claim_id, "; ".join(reason for _, reason in found), rejects=tuple(found))
        for claim_id, found in rejects.items()
    ]


@evidence_rule(
    "whole_counts",
    words="counts come in whole numbers",
    decides="rejects a reading of a count that is not a whole number (1400.1 vehicles)",
    refuses="continuous quantities (money, km, percent, hours), whole-number readings",
)
def whole_counts(context: EvidenceContext) -> list[Evidence]:
    """Vehicles, parcels, people and enterprises come in whole numbers, so a reading with a fraction (a garbled
    '1400,1' read with a decimal comma) cannot be what a count meant. The reading is the figure as read, before its
    qualifier widens it: 'around 1,065 trips' is 1,065, a whole number, though its ends (1,011.75 to 1,118.25) are not."""
    found = []
    for claim in context.claims.itertuples():
        if claim.unit in CONTINUOUS or claim.unit in (DATE_UNIT, "rank"):
            continue
        read = {c.label: unqualified(c.interval, claim.qualifier).low for c in context.candidates(claim) if c.known}
        bad = [
            (label, f"{value:,} {claim.unit} is not a whole number")
            for label, value in read.items()
            # the midpoint of an 'about' reading is the figure up to floating-point error
            if value is not None and abs(value - round(value)) > 1e-9 * max(1.0, abs(value))
        ]
        if bad:
            found.append(Evidence("whole_counts", claim.claim_id, "; ".join(r for _, r in bad), rejects=tuple(bad)))
    return found


def _partner_money(context: EvidenceContext, claim):
    """The money figure of the same article, period and entity as a count, if there is one."""
    for other in context.claims.itertuples():
        if (
            other.unit == "yuan"
            and other.article_id == claim.article_id
            and (other.period_start, other.period_end) == (claim.period_start, claim.period_end)
            and plausibility.related(context.entities, other.entity, claim.entity)
        ):
            return other
    return None


@evidence_rule(
    "population_cap",
    words="no more residents than the place has people",
    decides="rejects a count of residents larger than the population of the place they live in",
    refuses="counts of anyone but residents (passengers, employees), places with no population reference, "
    "readings within the population",
)
def population_cap(context: EvidenceContext) -> list[Evidence]:
    """Border residents are, by definition, people who live in the border area: no count of them can exceed the
    population of the prefecture that holds it. The population is a reference (data/references.csv, metric
    population) of the entity or any place containing it. Read as visits instead of people, the same figure is
    shown per day and, with the money figure of the same sentence, per visit."""
    found = []
    for claim in context.claims.itertuples():
        if claim.unit != "people" or "resident" not in claim.metric:
            continue
        places = context.containing(claim.entity)
        pops = [r for r in context.references if r.metric == "population" and r.entity in places]
        if not pops:
            continue
        pop = pops[0]
        size = pop.value.low
        bad = []
        for c in context.candidates(claim):
            if c.known and c.stated.low is not None and c.stated.low > size:
                reason = (
                    f"{show(c.stated.low, '')} residents are more than the {show(size, '')} people of "
                    f"{context.entities.table.at[pop.entity, 'name']} ({pop.as_printed}, {pop.period}; {pop.cite()})"
                )
                money = _partner_money(context, claim)
                if _days(claim):
                    sig = computed_digits([claim.figure])
                    reason += f"; as visits it would be {show(c.stated.low / float(claim.period_days), '', sig)} a day"
                    if money is not None:
                        per = json.loads(money.readings)[0]["low"] / c.stated.low
                        sig = computed_digits([claim.figure, money.figure])
                        reason += f", each trading {show(per, 'yuan', sig)} (of the {money.figure} yuan the same article gives)"
                bad.append((c.label, reason))
        if bad:
            found.append(Evidence("population_cap", claim.claim_id, "; ".join(r for _, r in bad), rejects=tuple(bad)))
    return found


@evidence_rule(
    "same_sentence_scale",
    words="the other figures of the same sentence",
    decides="prefers the 万/亿 reading of a figure whose scale is ambiguous when another figure of the same sentence "
    "shows the translator rendered 万 or 亿 wrongly",
    refuses="figures whose sentence has no figure repaired for 万/亿 (a mu printed as 'acres' is another mistake)",
)
def same_sentence_scale(context: EvidenceContext) -> list[Evidence]:
    """A translator who rendered 1450.24万 as '1450.24 million' in a sentence rendered the next figure of that
    sentence the same way: its 亿 printed as 'billion' is the reading to prefer. It is a preference, not a proof; the
    value per unit the preferred reading gives is shown beside it."""
    found = []
    claims = list(context.claims.itertuples())
    for claim in claims:
        if claim.repair != "cjk_scale_ambiguous" or claim.claim_id not in context.sentences:
            continue
        mates = [
            c
            for c in claims
            if c.claim_id != claim.claim_id
            and c.repair in CJK_SCALE_RULES
            and context.sentences.get(c.claim_id) == context.sentences[claim.claim_id]
        ]
        cjk = [c for c in context.candidates(claim) if c.label.startswith(("万", "亿"))]
        if not mates or not cjk:
            continue
        mate, prefer = mates[0], cjk[0]
        text = (
            f"The same sentence prints {mate.figure!r}, which the ledger reads as {REPAIRS[mate.repair].words}; "
            f"read alike, {claim.figure!r} is {show(prefer.interval.low, claim.unit)}"
        )
        mate_value = context.candidates(mate)[0].interval.low
        if mate.unit in plausibility.PER_UNIT and claim.unit == "yuan" and mate_value:
            sig = computed_digits([claim.figure, mate.figure])
            text += f", {show(prefer.interval.low / mate_value, 'yuan', sig)} per {plausibility.PER_UNIT[mate.unit]}"
        found.append(Evidence("same_sentence_scale", claim.claim_id, text + ".", prefers=prefer.label))
    return found


SCALE_WORD = re.compile(r"\b(?:million|billion)\b")


def _scale_mates(context: EvidenceContext, claim) -> tuple[list[str], list[str]]:
    """What the original report says of the article's other 'million'/'billion' figures: those whose 万/亿 reading it
    states (the translator kept the digits and swapped the scale word) and those it states as printed (converted)."""
    swapped, converted = [], []
    for other in context.claims.itertuples():
        if other.claim_id == claim.claim_id or other.article_id != claim.article_id:
            continue
        if not SCALE_WORD.search(str(other.figure)):
            continue
        for r in context.references_for(other.claim_id):
            if r.use != "original" or r.unit != other.unit or not _compatible(other, r):
                continue
            stated = reference_stated(r)
            said = f"{r.as_printed} for the article's {other.figure!r}"
            for c in context.candidates(other):
                if c.known and overlaps(c.stated, stated):
                    if c.label.startswith(("万", "亿")):
                        swapped.append(said)
                    elif c.literal:
                        converted.append(said)
    return list(dict.fromkeys(swapped)), list(dict.fromkeys(converted))


@evidence_rule(
    "same_article_scale",
    words="the translator's habit elsewhere in the article",
    decides="prefers the 万/亿 reading of a figure whose scale is ambiguous when the report's original shows that "
    "its translator, elsewhere in the same article, kept the digits of a 万 or 亿 figure and printed 'million' or "
    "'billion'",
    refuses="articles without an original confirming such a swap; articles where the original confirms a "
    "'million'/'billion' figure as printed (the translator converted there); figures their own sentence decides "
    "(same_sentence_scale)",
)
def same_article_scale(context: EvidenceContext) -> list[Evidence]:
    """A translator who rendered 1450.24万 as '1450.24 million' and 16.77亿 as '16.77 billion' (the original report
    prints both) rendered the article's other 亿 the same way: '10 billion' was 10亿, for 100亿 would have come out
    as '100 billion'. The habit is read from the original, not assumed: one figure of the article the original shows
    converted correctly and the rule says nothing. It is a preference, not a proof (medium confidence)."""
    found = []
    decided = {e.claim_id for e in same_sentence_scale(context)}
    for claim in context.claims.itertuples():
        if claim.repair != "cjk_scale_ambiguous" or claim.claim_id in decided:
            continue
        cjk = [c for c in context.candidates(claim) if c.label.startswith(("万", "亿"))]
        if not cjk:
            continue
        swapped, converted = _scale_mates(context, claim)
        if not swapped or converted:
            continue
        prefer = cjk[0]
        text = (
            f"the report's original shows its translator kept the digits of 万/亿 figures and printed 'million'/"
            f"'billion' ({'; '.join(swapped)}); read alike, {claim.figure!r} is {show(prefer.interval.low, claim.unit)}."
        )
        found.append(Evidence("same_article_scale", claim.claim_id, text, prefers=prefer.label))
    return found


def _daily(value: Interval, claim_or_ref_days: float | None, per_day: bool) -> Interval | None:
    if per_day:
        return value
    if not claim_or_ref_days:
        return None
    return Interval(
        None if value.low is None else value.low / claim_or_ref_days,
        None if value.high is None else value.high / claim_or_ref_days,
    )


def _same_traffic(a: str, b: str) -> bool:
    return a == b or plausibility.PER_DAY.get(a, a) == plausibility.PER_DAY.get(b, b)


def _years(start, end) -> set[int]:
    """The calendar years a period touches (its ends as dates or ISO strings), none when an end is unknown."""
    start, end = (date.fromisoformat(d) if isinstance(d, str) and d else d for d in (start, end))
    if not isinstance(start, date) or not isinstance(end, date):
        return set()
    return set(range(start.year, end.year + 1))


# A metric of the most in one day ('a peak of 30 trips in a single day'): no rate, it may exceed its whole's average.
_PEAK = re.compile(r"_(?:max|peak)$")


@evidence_rule(
    "part_exceeds_whole",
    words="a part cannot exceed its whole",
    decides="rejects a count in the unit as printed when, read in that unit, a part's daily rate exceeds its whole's "
    "(more trains from one clearance centre than through the whole port); supplies the reading in the unit the "
    "original counts, if a reference gives one",
    refuses="parts with no whole of the same unit (data/relations.csv, the entity table), parts within the whole's "
    "rate, a whole counted in other years than the part (traffic grows), a peak day (the most in one day is no rate)",
)
def part_exceeds_whole(context: EvidenceContext) -> list[Evidence]:
    """A facility's traffic is part of the traffic of the port it leaves through: read as trains, more than 20 a day
    from one e-commerce clearance centre would be more than 7,300 a year, more than the whole port handles. When the
    unit as printed makes the part larger than the whole, the unit is wrong; the Chinese original's own unit (车次,
    vehicle departures) gives the reading that stands."""
    found = []
    refs_by_entity: dict[str, list[Reference]] = {}
    for r in context.references:
        refs_by_entity.setdefault(r.entity, []).append(r)
    for claim in context.claims.itertuples():
        per_day = "per_day" in claim.metric
        days = _days(claim)
        if claim.unit not in plausibility.PER_DAY or not (per_day or (claim.period_kind == "flow" and days)):
            continue
        if _PEAK.search(claim.metric):
            continue
        years = _years(claim.period_start, claim.period_end)

        def other_years(start, end, years=years) -> bool:
            return bool(years) and bool(_years(start, end)) and not years & _years(start, end)

        cands = [c for c in context.candidates(claim) if c.known and c.unit == claim.unit]
        rates = [(c, _daily(c.stated, days, per_day)) for c in cands]
        wholes = [w for w in context.containing(claim.entity) if w != claim.entity]
        lines, exceeded = [], False
        for w in wholes:
            whole_rates = []
            for r in refs_by_entity.get(w, []):
                if other_years(r.start, r.end):
                    continue  # 17 trains a day through the port in 2023 is no bound on 2025
                if _same_traffic(r.unit, claim.unit) and r.use != "different_definition":
                    r_days = None if r.start is None else (r.end - r.start).days + 1
                    rate = _daily(reference_stated(r), r_days, "per_day" in r.metric or r.start == r.end)
                    whole_rates.append((rate, f"{r.as_printed} ({r.cite()})"))
            for other in context.claims.itertuples():
                if other_years(other.period_start, other.period_end):
                    continue
                if other.entity == w and _same_traffic(other.unit, claim.unit) and other.claim_id != claim.claim_id:
                    stated = hull([c.stated for c in context.candidates(other) if c.known] or [Interval(None, None)])
                    rate = _daily(stated, _days(other), "per_day" in other.metric)
                    whole_rates.append(
                        (rate, f"{other.figure} {other.unit} ({other.period_phrase}, as an article prints it)")
                    )
            for rate, said in whole_rates:
                if rate is None or rate.high is None:
                    continue
                lines.append(
                    f"{said}: {show_range(rate, '')} {claim.unit} a day for all of {context.entities.table.at[w, 'name']}"
                )
                exceeded |= any(mine.low is not None and mine.low > rate.high for _, mine in rates)
        if not exceeded:
            continue
        low = min(rate.low for _, rate in rates if rate.low is not None)
        reason = (
            f"more than {computed(low, '', computed_digits([claim.figure]), 'at least ')} {claim.unit} a day is more than "
            f"{computed(low * 365, '', computed_digits([claim.figure]), 'at least ')} a year: " + "; ".join(lines)
        )
        supply = None
        for r in context.references_for(claim.claim_id):
            if r.unit != claim.unit and r.use in TESTS + ("different_definition",):
                supply = Candidate(
                    f"{r.unit} as the original counts them ({r.as_printed})",
                    r.interval,
                    reference_stated(r),
                    r.unit,
                    source=r.reference_id,
                )
                break
        text = reason + (f". The original counts {supply.unit}: {supply.label}." if supply else ".")
        found.append(
            Evidence(
                "part_exceeds_whole",
                claim.claim_id,
                text,
                rejects=tuple((c.label, reason) for c in cands),
                supplies=supply,
            )
        )
    return found


def _compatible(claim, ref: Reference) -> bool:
    """Whether a reference measures the claim's own quantity (references.measures, read off a claim row)."""
    start = date.fromisoformat(claim.period_start) if claim.period_start else None
    end = date.fromisoformat(claim.period_end) if claim.period_end else None
    undated = bool({"implicit", "vague"} & set(str(claim.flags).split(";"))) or start is None
    return measures(ref, claim.entity, claim.metric, ref.unit, start, end, undated)


@evidence_rule(
    "reference_reading",
    words="what a source prints",
    decides="keeps the readings an independent source or the original report states and rejects the others; "
    "supplies the number the original prints where the figure was lost",
    refuses="references of another entity, metric, period or unit; a claim no reading of which matches (that is a "
    "contradiction, for the checks), references that only give context or another definition",
)
def reference_reading(context: EvidenceContext) -> list[Evidence]:
    """Where the Chinese original of the report, or an independent source, prints the same quantity, the reading
    that states what it states is the one the writer meant: 5600多千米 settles '31,5600 kilometers' as more than
    5,600 km, 16.77亿元 settles '16.77 billion yuan' as 1.677 billion, and 二十余个 fills the '<>' the scrape left.
    Readings are compared as stated (5600多: 5,600 to 5,699), so 'more than 31 km' does not pass for it."""
    found = []
    for claim in context.claims.itertuples():
        refs = [
            r
            for r in context.references_for(claim.claim_id)
            if r.use in TESTS and _compatible(claim, r) and r.unit == claim.unit
        ]
        if not refs:
            continue
        cands = [c for c in context.candidates(claim) if c.known]
        for r in refs:
            stated = reference_stated(r)
            who = "the original report" if r.use == "original" else "an independent source"
            said = f"{who} prints {r.as_printed} ({show_range(stated, r.unit)}; {r.cite()})"
            if not cands:
                supply = Candidate(f"from {who}: {r.figure}", r.interval, stated, r.unit, source=r.reference_id)
                found.append(
                    Evidence(
                        "reference_reading",
                        claim.claim_id,
                        f"The figure was lost in print; {said}.",
                        supplies=supply,
                        confirms=(supply.label,),
                    )
                )
                continue
            match = [c for c in cands if overlaps(c.stated, stated)]
            if not match:
                continue
            others = tuple(
                (c.label, f"{said}, not {show_range(c.stated, claim.unit)}") for c in cands if c not in match
            )
            found.append(
                Evidence(
                    "reference_reading",
                    claim.claim_id,
                    f"{said}: the reading {', '.join(c.label for c in match)} states it.",
                    rejects=others,
                    confirms=tuple(c.label for c in match),
                    independent=True,
                )
            )
    return found


# ---------------------------------------------------------------------------
# The decision
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    """A claim's best reading, how sure we are, the evidence that chose it and every reading it rejected."""

    claim_id: str
    best: Candidate
    confidence: str
    reason: str
    evidence: tuple[Evidence, ...]
    rejected: tuple[tuple[Candidate, str, str], ...]  # (candidate, rule, reason)
    survivors: tuple[Candidate, ...]
    repair: str

    @property
    def decided(self) -> bool:
        """True when one reading stands (or a source supplied it), not a span of several."""
        return len(self.survivors) == 1 and self.best.known

    @property
    def garbled(self) -> bool:
        """The source printed the figure wrongly and one reading stands (``settled`` says whether the evidence, not
        the repair rule alone, chose it)."""
        if not self.decided:
            return False
        return (
            bool(self.best.source)
            or any(c.literal for c, _, _ in self.rejected)
            or (self.repair in GARBLING_RULES and not self.best.literal)
        )

    @property
    def settled(self) -> bool:
        """A garbled figure whose reading a source gives or confirms, or whose other readings a test that does not
        rest on the repair rules out: what decide_claim calls high confidence. A reading the ledger's repair rule or
        a preference chose alone is likely, not settled, and the verdict must not say more."""
        return self.garbled and (bool(self.best.source) or self.confidence == "high")

    def to_json(self) -> dict:
        """Best reading, confidence, evidence and rejected readings as plain data."""
        return {
            "best": {
                "label": self.best.label,
                "low": self.best.interval.low,
                "high": self.best.interval.high,
                "unit": self.best.unit,
                "source": self.best.source,
            },
            "confidence": self.confidence,
            "confidence_reason": self.reason,
            "evidence": [e.to_json() for e in self.evidence],
            "rejected": [
                {
                    "reading": c.label,
                    "low": c.interval.low,
                    "high": c.interval.high,
                    "unit": c.unit,
                    "rule": rule,
                    "reason": why,
                }
                for c, rule, why in self.rejected
            ],
        }


def gather(context: EvidenceContext) -> dict[str, list[Evidence]]:
    """Every rule's evidence, by claim id, in the order the rules are registered."""
    by_claim: dict[str, list[Evidence]] = {}
    for rule in RULES.values():
        for e in rule.func(context):
            by_claim.setdefault(e.claim_id, []).append(e)
    return by_claim


def _span(survivors: list[Candidate]) -> Candidate:
    labels = " or ".join(c.label for c in survivors)
    return Candidate(
        f"undecided: {labels}",
        hull([c.interval for c in survivors]),
        hull([c.stated for c in survivors]),
        survivors[0].unit,
    )


def decide_claim(claim, cands: list[Candidate], evidence: list[Evidence]) -> Decision:
    """One claim's decision from its candidates and the rules' evidence (see the module's confidence scale)."""
    cands = list(cands) + [e.supplies for e in evidence if e.supplies is not None]
    rejected: list[tuple[Candidate, str, str]] = []
    for c in cands:
        for e in evidence:
            why = next((reason for label, reason in e.rejects if label == c.label), None)
            if why is not None:
                rejected.append((c, e.rule, why))
                break
    out = {c.label for c, _, _ in rejected}
    survivors = [c for c in cands if c.label not in out]
    confirmed = [c for c in survivors if any(c.label in e.confirms for e in evidence)]
    preferred = [c for c in survivors if any(c.label == e.prefers for e in evidence)]
    independent = [rule for c, rule, _ in rejected if any(e.rule == rule and e.independent for e in evidence)]
    if not survivors:
        best, confidence = _span(cands), "low"
        reason = "every reading fails a test; the span of them all is shown"
        survivors = cands
    elif len(confirmed) == 1:
        best, confidence = confirmed[0], "high"
        reason = f"a source confirms it ({_words(next(e.rule for e in evidence if best.label in e.confirms))})"
        survivors = confirmed
    elif len(survivors) == 1:
        best = survivors[0]
        if not best.known:
            confidence, reason = "low", "the number was lost in print and no source gives it"
        elif independent:
            confidence, reason = (
                "high",
                f"every other reading is ruled out by a test ({'; '.join(dict.fromkeys(map(_words, independent)))})",
            )
        elif rejected:
            confidence, reason = (
                "medium",
                "chosen by the ledger's repair rule alone; no independent test rules out the figure as printed",
            )
        elif claim.repair == "lost_digits":
            confidence, reason = (
                "medium",
                "digits were lost in print: the reading spans every value they could have been",
            )
        else:
            confidence, reason = "high", "printed cleanly: one reading"
    elif len(preferred) == 1:
        best, confidence = preferred[0], "medium"
        reason = (
            f"preferred by {_words(next(e.rule for e in evidence if e.prefers == best.label))}; no source confirms it"
        )
        survivors = preferred
    else:
        best, confidence = _span(survivors), "low"
        reason = f"{len(survivors)} readings survive every test and nothing decides between them"
    return Decision(
        claim.claim_id, best, confidence, reason, tuple(evidence), tuple(rejected), tuple(survivors), claim.repair
    )


def _words(rule: str) -> str:
    """An evidence rule in a reader's words (its name stays on the audit page, labelled)."""
    return RULES[rule].words if rule in RULES and RULES[rule].words else rule.replace("_", " ")


def decide(context: EvidenceContext) -> dict[str, Decision]:
    """Every claim's decision, by claim id."""
    by_claim = gather(context)
    return {
        claim.claim_id: decide_claim(claim, context.candidates(claim), by_claim.get(claim.claim_id, []))
        for claim in context.claims.itertuples()
    }


BEST_COLUMNS = [
    "best_label",
    "best_low",
    "best_high",
    "best_unit",
    "confidence",
    "confidence_reason",
    "evidence",
    "rejected_readings",
]


def with_best(claims: pd.DataFrame, decisions: dict[str, Decision]) -> pd.DataFrame:
    """The cleaned claims with their best reading, confidence, evidence and rejected readings as columns."""
    rows = []
    for claim_id in claims.claim_id:
        d = decisions[claim_id].to_json()
        rows.append(
            {
                "best_label": d["best"]["label"],
                "best_low": d["best"]["low"],
                "best_high": d["best"]["high"],
                "best_unit": d["best"]["unit"],
                "confidence": d["confidence"],
                "confidence_reason": d["confidence_reason"],
                "evidence": json.dumps(d["evidence"], ensure_ascii=False),
                "rejected_readings": json.dumps(d["rejected"], ensure_ascii=False),
            }
        )
    extra = pd.DataFrame(rows, columns=BEST_COLUMNS, index=claims.index).astype({"best_low": float, "best_high": float})
    return pd.concat([claims, extra], axis=1)


def narrowed(claims: pd.DataFrame, decisions: dict[str, Decision]) -> pd.DataFrame:
    """The cleaned claims with only the readings that survive, as the checks of the best reading read them."""
    out = claims.copy()
    readings, counts, lows, highs, units = [], [], [], [], []
    for claim in claims.itertuples():
        d = decisions[claim.claim_id]
        keep = [c for c in d.survivors if c.known] or [d.best]
        readings.append(
            json.dumps(
                [
                    {
                        "label": c.label if len(keep) > 1 else "as printed" if c.literal else c.label,
                        "low": c.interval.low,
                        "high": c.interval.high,
                    }
                    for c in keep
                ],
                ensure_ascii=False,
            )
        )
        span = hull([c.interval for c in keep])
        counts.append(len(keep))
        lows.append(span.low)
        highs.append(span.high)
        units.append(keep[0].unit)
    return out.assign(readings=readings, reading_count=counts, value_low=lows, value_high=highs, unit=units)
