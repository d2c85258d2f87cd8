"""Find every numeric mention in a text: digits, number words, percentages, N-fold, dates.

The aim is that nothing numeric slips by: it is fine to find things that are
later excluded (a date, an ordinal in a name), not fine to miss a number.
Each pattern proposes candidate spans; overlapping candidates are resolved by
taking, left to right, the longest span (ties go to the more specific kind).

Pure functions, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from portbook.numbers.figures import SCALE_ABBREVIATION_PATTERN, SCALE_WORD_PATTERN, SUPERLATIVES

__all__ = ["Mention", "extract_mentions", "KINDS"]


@dataclass(frozen=True)
class Mention:
    """A numeric mention: ``text == source[start:end]`` and what kind of number it is."""

    start: int
    end: int
    text: str
    kind: str


_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan\\.|Feb\\.|Mar\\.|Apr\\.|Jun\\.|Jul\\.|Aug\\.|Sept?\\.|Sept|Oct\\.|Nov\\.|Dec\\."
)
_CARD = (
    "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    "|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    "|hundred|thousand|million|billion|trillion|dozen"
)
_ORD = (
    "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth"
    "|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|fortieth"
    "|fiftieth|sixtieth|seventieth|eightieth|ninetieth|(?:(?:ten|hundred)-)?(?:hundredth|thousandth)"
    "|millionth|billionth"
)
_DENOM = r"(?:half|halves|quarters?|(?:third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|(?:ten-|hundred-)?hundredth|(?:ten-|hundred-)?thousandth|millionth)s?)"
_PERIOD_UNIT = r"(?:half|quarters?|months?|years?|weeks?|days?|decades?)"
_CARD_SEQ = rf"(?:{_CARD})(?:[\s-]+(?:and\s+)?(?:{_CARD}))*"
_SCALE = rf"(?:\s+(?:{SCALE_WORD_PATTERN})\b|\s*(?:{SCALE_ABBREVIATION_PATTERN})\b)"
_DIGITS = r"\d+(?:,\d+)*(?:\.\d+)?"
_NUMBER = rf"\$?{_DIGITS}{_SCALE}?"
_PCT = r"(?:\s*%|\s+percent\b|\s+per\s+cent\b)"
_WB = r"(?<![\w.])"  # no letter, digit or decimal point just before

# (kind, pattern, flags). Earlier entries win ties of equal span.
_PATTERNS: list[tuple[str, str, int]] = [
    ("date", r"\b\d{4}-\d{1,2}-\d{1,2}\b", 0),
    ("date", rf"\b(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?(?![\d])", 0),
    ("date", rf"\b\d{{1,2}}\s+(?:{_MONTHS})(?:,?\s+\d{{4}})?\b", 0),
    ("date", rf"\b(?:{_MONTHS})\s+\d{{4}}\b", 0),
    ("date_range", rf"\b(?:{_MONTHS})\s*(?:to|through|-|–)\s*(?:{_MONTHS})(?:,?\s+\d{{4}})?", 0),
    ("month", r"\b(?:January|February|March|April|June|July|August|September|October|November|December)\b", 0),
    ("time", r"\b\d{1,2}:\d{2}(?::\d{2})?\b", 0),
    ("dimensions", r"\b\d+\s*[*×xX]\s*\d+\b", 0),
    ("lost_digits", r"(?:\d+[,.])*<>(?:[,.]\d+)*(?:\s+(?:hundred|thousand|million|billion)\b)?", 0),
    ("range", rf"{_WB}{_NUMBER}{_PCT}?\s*(?:to|–|—|~)\s*{_NUMBER}{_PCT}?(?![\w])", re.I),
    ("range", rf"{_WB}{_NUMBER}{_PCT}?-{_NUMBER}{_PCT}?(?![\w-])", re.I),
    ("percent", rf"{_WB}{_NUMBER}{_PCT}", re.I),
    ("fold", rf"{_WB}{_NUMBER}(?:\s*-\s*fold\b|\s+fold\b|\s+times\b)", re.I),
    ("ordinal", rf"{_WB}\d+(?:st|nd|rd|th)\b", re.I),
    ("compound", rf"{_WB}{_DIGITS}-[A-Za-z]+(?:-[A-Za-z]+)*\b", 0),
    ("code", r"\b[A-Za-z]+\d+[A-Za-z\d]*\b|\b\d+[A-Za-z]+[A-Za-z\d]*\b", 0),
    ("number", rf"(?:\$|¥|￥)?{_WB}{_NUMBER}", re.I),
    ("period", rf"\b(?:{_ORD})(?:\s+{_CARD_SEQ})?\s+{_PERIOD_UNIT}\b", re.I),
    ("fraction", rf"\b(?:{_CARD_SEQ}|an?)[\s-]+{_DENOM}\b", re.I),
    # 'fourfold' is printed as one word as often as 'four-fold'
    ("fold", rf"\b{_CARD_SEQ}-?fold\b", re.I),
    ("percent", rf"\b{_CARD_SEQ}{_PCT}", re.I),
    ("number_word", r"\ban?\s+(?:hundred|thousand|million|billion|dozen)\b", re.I),
    (
        "number_word",
        r"\b(?:tens|hundreds|thousands|millions|billions|dozens)(?:\s+of\s+(?:thousands|millions|billions))?\b",
        re.I,
    ),
    ("ordinal", rf"\b(?:{_ORD})(?:-[A-Za-z]+)*\b", re.I),
    # A superlative is a rank ("the largest land port": first): check-worthy, so the coverage gate must see it.
    ("superlative", rf"\b(?:{'|'.join(sorted(SUPERLATIVES))})\b", re.I),
    ("compound", rf"\b{_CARD_SEQ}(?:-(?!(?:{_CARD}|fold)\b)[A-Za-z]+)+\b", re.I),
    ("number_word", rf"\b{_CARD_SEQ}\b", re.I),
    ("fraction", r"\bhalf\b", re.I),
    ("fold", r"\b(?:double|doubled|twice|triple|tripled|thrice)\b", re.I),
]
_COMPILED = [(kind, re.compile(p, f), rank) for rank, (kind, p, f) in enumerate(_PATTERNS)]
KINDS = tuple(dict.fromkeys(k for k, _, _ in _PATTERNS)) + ("year",)

_YEAR = re.compile(r"(?:1[89]|20)\d\d")


def _range_is_plausible(text: str) -> bool:
    """A year next to an amount ('2013 to 46.32 billion') is two mentions, not a range."""
    ends = re.findall(_DIGITS, text)
    if len(ends) != 2:
        return False
    years = [bool(_YEAR.fullmatch(e)) for e in ends]
    if years[0] != years[1]:
        return False
    if all(years) and int(ends[0]) > int(ends[1]):
        return False
    return True


# 'increased from 91 to 116': a change between two figures, not a range of one
_CHANGE_FROM = re.compile(
    r"\b(?:increased|rose|risen|grew|grown|expanded|jumped|climbed|surged|fell|dropped|declined|decreased|went|up|down)"
    r"\s+from\s+$",
    re.I,
)


def _candidates(text: str) -> list[tuple[int, int, int, str]]:
    out = []
    for kind, rx, rank in _COMPILED:
        for m in rx.finditer(text):
            if m.end() == m.start():
                continue
            if kind == "range" and not _range_is_plausible(m.group()):
                continue
            if kind == "range" and _CHANGE_FROM.search(text[max(0, m.start() - 40) : m.start()]):
                continue
            out.append((m.start(), m.end(), rank, kind))
    return out


def _classify(kind: str, s: str) -> str:
    if kind == "number" and _YEAR.fullmatch(s):
        return "year"
    return kind


def extract_mentions(text: str) -> list[Mention]:
    """Every numeric mention in ``text``, in order, with offsets into ``text``.

    >>> [(m.text, m.kind) for m in extract_mentions("exported 1450.24 million parcels, up 10.3%")]
    [('1450.24 million', 'number'), ('10.3%', 'percent')]
    >>> [m.text for m in extract_mentions("After 12 to 15 days, in as fast as three hours")]
    ['12 to 15', 'three']
    >>> [(m.text, m.kind) for m in extract_mentions("more than <> passages and 16000,<> residents")]
    [('<>', 'lost_digits'), ('16000,<>', 'lost_digits')]
    >>> [(m.text, m.kind) for m in extract_mentions("In the first three quarters of 2023")]
    [('first three quarters', 'period'), ('2023', 'year')]
    >>> [(m.text, m.kind) for m in extract_mentions("the largest land port, the province with the most ports")]
    [('largest', 'superlative'), ('most', 'superlative')]
    """
    cands = _candidates(text)
    # Longest first at each start; among equal spans, the earlier (more specific) pattern.
    cands.sort(key=lambda c: (c[0], -(c[1] - c[0]), c[2]))
    chosen: list[tuple[int, int, int, str]] = []
    for c in cands:
        if chosen and c[0] < chosen[-1][1]:
            continue
        chosen.append(c)
    return [Mention(s, e, text[s:e], _classify(k, text[s:e])) for s, e, _, k in chosen]
