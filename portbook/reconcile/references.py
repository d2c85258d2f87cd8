"""Independently published figures (data/references.csv): read, validated, and put beside the claims.

The table is curated: one row per figure another source published (customs statistics, the Chinese original of a
report, another outlet), with what it measures (entity, metric, period), the figure as that source printed it (in
Chinese where the source is Chinese), its address, date and how it was found. Nothing in it is converted by hand:
the figure column is read by code (``read_figure``: Chinese numerals with ``cn2an``, English ones with the book's
own figure reader), so '1450.24万' is 14,502,400 because the code says so.

``use`` says how a row bears on the claims it names:

- ``independent``: the same quantity, published independently: it corroborates or contradicts;
- ``original``: the same report in its original language, or the same wire in another language: it settles what
  was printed (a garbled figure, a lost number) but is not independent;
- ``different_definition``: a figure that looks like the claim's but measures something else (the note says
  what); shown, never counted for or against;
- ``context``: background an evidence rule or a check uses (a population, a port's whole traffic), not a test by
  itself.

Every failure names the file, the line and the column. The build reads this table and never writes it.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pandas as pd

from portbook import paths
from portbook.errors import (
    BadReference,
    DuplicateReference,
    PortbookError,
    UnknownEntity,
    UnreadableReference,
)
from portbook.numbers.figures import parse_number
from portbook.numbers.interval import Interval
from portbook.numbers.ledger import SNAKE, Entities, read_csv
from portbook.numbers.measure import DATE_UNIT, date_number
from portbook.numbers.periods import resolve_period
from portbook.numbers.qualifiers import QUALIFIERS, apply_qualifier
from portbook.numbers.units import MU_M2

REFERENCES = paths.DATA / "references.csv"
COLUMNS = (
    "reference_id",
    "claim_ids",
    "entity",
    "metric",
    "period_start",
    "period_end",
    "as_printed",
    "figure",
    "qualifier",
    "unit",
    "use",
    "outlet",
    "published",
    "url",
    "found_by",
    "note",
)
USES = ("independent", "original", "different_definition", "context")
TESTS = ("independent", "original")  # the uses whose figures test a claim
ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

# Chinese numerals and the scale characters cn2an reads; anything else in a figure (a measure word such as 天, 列,
# 元) is not part of the number.
_CJK_DIGITS = "零〇一二两兩三四五六七八九十百千万萬亿億"
_NUMERAL = re.compile(rf"[0-9.,{_CJK_DIGITS}]+")
_RANGE = re.compile(r"\s*(?:至|到|~|～|—|–|\bto\b)\s*")
# Words a Chinese source uses for first place: 首 (首个, 之首), 第一, 最大/最多 (the largest, the most).
_FIRST = ("首", "第一", "最大", "最多")
# Chinese measure words of length and area a figure may carry ('50平方公里'), longest first so that 平方公里 is not
# read as 公里: the base unit the book computes in and the factor to it. The row's unit must be that base unit.
_MEASURE_WORDS = (
    ("平方公里", "m2", Fraction(10**6)),
    ("平方千米", "m2", Fraction(10**6)),
    ("平方米", "m2", Fraction(1)),
    ("公顷", "m2", Fraction(10**4)),
    ("亩", "m2", MU_M2),
    ("公里", "km", Fraction(1)),
    ("千米", "km", Fraction(1)),
)
_CN_DATE = re.compile(r"^(?:(?P<y>\d{4})年)?(?:(?P<m>\d{1,2})月)?(?:(?P<d>\d{1,2})[日号]?)?$")


def _cjk_number(text: str) -> Fraction:
    """A Chinese or Arabic numeral with 万/亿 read by cn2an; a bare 千/百/十 before a scale is one of it (超千亿)."""
    if text and text[0] in "十百千万萬亿億":
        text = "一" + text  # Chinese drops the 一 of 一千亿 after 超: 超千亿元 is more than 一千亿
    import cn2an  # a tenth of a second to import; a kernel that reads the build's state reads no reference

    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError) as error:
        raise UnreadableReference(f"cannot read {text!r} as a number: {error}") from None
    return Fraction(str(value))


def _one_end(text: str) -> Fraction:
    """One number of a figure, in Chinese or English, with its measure words left out."""
    text = text.strip()
    if any(word in text for word in _FIRST):
        return Fraction(1)
    if text in ("半", "半数", "一半"):
        return Fraction(50)  # half, kept in percent as every share is
    if re.search(r"万分之", text):
        # 万分之一: one ten-thousandth, kept in percent as every share is (0.01%)
        return _cjk_number(text.split("万分之", 1)[1]) / 100
    if text.endswith("成") or re.search(r"\d成|[一二三四五六七八九十]成", text):
        # N成: N tenths, kept in percent (九成 = 90%)
        return _cjk_number(_NUMERAL.search(text)[0]) * 10
    if re.search(rf"[{_CJK_DIGITS}]", text) or re.search(r"[^\x00-\x7f]", text):
        numeral = "".join(_NUMERAL.findall(text)).replace(",", "")
        if not numeral:
            raise UnreadableReference(f"cannot read {text!r} as a number: no numerals in it")
        return _cjk_number(numeral)
    try:
        interval = parse_number(text)
    except (PortbookError, ValueError) as error:
        raise UnreadableReference(f"cannot read {text!r} as a number: {error}") from None
    return Fraction(interval.low)


def _measure_word(figure: str) -> tuple[str, str, Fraction] | None:
    """The Chinese measure word of length or area a figure carries, with its base unit and factor, or None."""
    return next((m for m in _MEASURE_WORDS if m[0] in figure), None)


def read_figure(figure: str, unit: str | None = None) -> Interval:
    """A reference's figure as printed, read by code: a number, or both ends of a range.

    A Chinese measure word of length or area in the figure is converted by code to the base unit ``unit`` names
    (平方公里 and 亩 to m2, 公里 to km); a figure whose measure word is of another base unit is refused.

    >>> read_figure("1450.24万"), read_figure("16.77亿")
    (Interval(low=14502400.0, high=14502400.0), Interval(low=1677000000.0, high=1677000000.0))
    >>> read_figure("二十"), read_figure("千亿"), read_figure("9成"), read_figure("万分之一")
    (Interval(low=20.0, high=20.0), Interval(low=100000000000.0, high=100000000000.0), Interval(low=90.0, high=90.0), Interval(low=0.01, high=0.01))
    >>> read_figure("12天至15"), read_figure("9.53 billion"), read_figure("第125"), read_figure("首")
    (Interval(low=12.0, high=15.0), Interval(low=9530000000.0, high=9530000000.0), Interval(low=125.0, high=125.0), Interval(low=1.0, high=1.0))
    >>> read_figure("9000余万"), read_figure("37.1億"), read_figure("半数")
    (Interval(low=90000000.0, high=90000000.0), Interval(low=3710000000.0, high=3710000000.0), Interval(low=50.0, high=50.0))
    >>> read_figure("50平方公里", "m2"), read_figure("64公里", "km"), read_figure("372亩", "m2").low
    (Interval(low=50000000.0, high=50000000.0), Interval(low=64.0, high=64.0), 248000.0)
    >>> read_figure("很多")
    Traceback (most recent call last):
    ...
    portbook.errors.UnreadableReference: cannot read '很多' as a number: no numerals in it
    >>> read_figure("50平方公里", "km")
    Traceback (most recent call last):
    ...
    portbook.errors.UnreadableReference: '50平方公里' is in 平方公里, a measure of m2, not of km
    """
    factor = Fraction(1)
    measure = _measure_word(figure)
    if measure is not None:
        word, base, factor = measure
        if unit != base:
            raise UnreadableReference(f"{figure!r} is in {word}, a measure of {base}, not of {unit}")
        figure = figure.replace(word, "")
    ends = [e for e in _RANGE.split(figure.strip()) if e]
    if len(ends) == 2:
        low, high = _one_end(ends[0]) * factor, _one_end(ends[1]) * factor
        if low > high:
            raise UnreadableReference(f"range {figure!r} runs backwards")
        return Interval(float(low), float(high))
    if len(ends) != 1:
        raise UnreadableReference(f"cannot read {figure!r} as a number or a range")
    value = float(_one_end(ends[0]) * factor)
    return Interval(value, value)


def read_date(figure: str, year: int | None) -> Interval:
    """A date as a source printed it ('2015年4月20日', '11月1日', '2023年', 'April 3, 2023') as YYYYMMDD days;
    two dates joined by 至 or a dash are the days from the first to the second ('7月28—7月30日').

    ``year`` is the year a date printed without one belongs to (the reference's period or publication).

    >>> read_date("2015年4月20日", None), read_date("11月1日", 2023)
    (Interval(low=20150420.0, high=20150420.0), Interval(low=20231101.0, high=20231101.0))
    >>> read_date("2015年", None), read_date("7月28—7月30日", 2023)
    (Interval(low=20150101.0, high=20151231.0), Interval(low=20230728.0, high=20230730.0))
    >>> read_date("4月", None)
    Traceback (most recent call last):
    ...
    portbook.errors.UnreadableReference: '4月' has no year and the reference gives none
    """
    ends = [e for e in _RANGE.split(figure.strip()) if e]
    if len(ends) == 2:
        month = re.match(r"^(?:\d{4}年)?\d{1,2}月", ends[0])
        second = ends[1] if "月" in ends[1] or not month else month[0] + ends[1]  # 7月28日至30日: 30 is in July
        first, last = read_date(ends[0], year), read_date(second, year)
        if first.low > last.high:
            raise UnreadableReference(f"dates {figure!r} run backwards")
        return Interval(first.low, last.high)
    m = _CN_DATE.match(figure.strip())
    if m and any(m.groups()):
        y = int(m["y"]) if m["y"] else year
        if y is None:
            raise UnreadableReference(f"{figure!r} has no year and the reference gives none")
        if m["m"] is None:
            return Interval(date_number(date(y, 1, 1)), date_number(date(y, 12, 31)))
        english = date(y, int(m["m"]), 1).strftime("%B") + (f" {int(m['d'])}," if m["d"] else "") + f" {y}"
        figure = english
    try:
        period = resolve_period(figure, date(year or 2000, 12, 31))
    except (PortbookError, ValueError) as error:
        raise UnreadableReference(f"cannot read {figure!r} as a date: {error}") from None
    return Interval(date_number(period.start), date_number(period.end))


def rendering(value: float, figure: str) -> str:
    """The figure's value in Western digits with the precision its source printed: '1450.24万' as '14,502,400'.

    A Chinese figure's last printed digit becomes the last non-zero digit, so the book's rounding rule (half a
    unit of the last printed digit) gives the same interval it would give the Chinese. An English figure stays.

    >>> rendering(14502400.0, "1450.24万"), rendering(690000000.0, "6.9亿"), rendering(18.3, "18.3%")
    ('14,502,400', '690,000,000', '18.3%')
    """
    if not re.search(r"[^\x00-\x7f]", figure):
        return figure
    exact = Decimal(str(value))
    return f"{exact:,.0f}" if exact == exact.to_integral_value() else f"{exact.normalize()}"


@dataclass(frozen=True)
class Reference:
    """One independently published figure: what it measures, as printed, read by code, and where it is."""

    reference_id: str
    line: int
    claim_ids: tuple[str, ...]
    entity: str
    metric: str
    start: date | None
    end: date | None
    as_printed: str
    figure: str
    qualifier: str
    unit: str
    use: str
    outlet: str
    published: date | None
    url: str
    found_by: str
    note: str
    value: Interval  # the figure read, before its qualifier ('5600多' is 5,600 here)

    @property
    def interval(self) -> Interval:
        """The values the figure allows once its qualifier is read ('5600多': more than 5,600)."""
        return apply_qualifier(self.qualifier, self.value)

    @property
    def period(self) -> str:
        """The reference's period as 'start to end', or 'undated' for a standing fact."""
        if self.start is None:
            return "undated"
        return self.start.isoformat() if self.start == self.end else f"{self.start} to {self.end}"

    def cite(self) -> str:
        """Who printed it and where: 'Xinhua (…), 2023-11-09, https://…'."""
        when = self.published.isoformat() if self.published else "undated page"
        return f"{self.outlet}, {when}, {self.url}"


def _place(path: Path, line: int, column: str) -> str:
    return f"{path}:{line}: column {column!r}"


def _day(text: str, path: Path, line: int, column: str) -> date | None:
    if text == "":
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise BadReference(f"{_place(path, line, column)}: {text!r} is not a date (YYYY-MM-DD)") from None


def _row(row, line: int, path: Path, claims: set[str], entities: Entities, units: set[str]) -> Reference:
    place = lambda column: _place(path, line, column)
    if not ID.match(row.reference_id):
        raise BadReference(f"{place('reference_id')}: {row.reference_id!r} is not a kebab-case id")
    claim_ids = tuple(c for c in row.claim_ids.split(";") if c)
    for claim in claim_ids:
        if claim not in claims:
            close = difflib.get_close_matches(claim, sorted(claims), n=3)
            raise BadReference(f"{place('claim_ids')}: no claim {claim!r} in data/claims.csv; closest: {close}")
    if row.entity not in entities.table.index:
        close = difflib.get_close_matches(row.entity, list(entities.table.index), n=3)
        raise UnknownEntity(f"{place('entity')}: entity {row.entity!r} is not in data/entities.csv; nearest: {close}")
    if not re.match(SNAKE, row.metric):
        raise BadReference(f"{place('metric')}: {row.metric!r} is not a snake_case metric")
    start = _day(row.period_start, path, line, "period_start")
    end = _day(row.period_end, path, line, "period_end")
    if (start is None) != (end is None):
        raise BadReference(f"{place('period_end')}: a period needs both ends or neither (undated)")
    if start is not None and start > end:
        raise BadReference(f"{place('period_end')}: the period ends ({end}) before it starts ({start})")
    if row.qualifier not in QUALIFIERS:
        raise BadReference(f"{place('qualifier')}: {row.qualifier!r} is not one of {sorted(QUALIFIERS)}")
    if row.unit not in units:
        raise BadReference(f"{place('unit')}: {row.unit!r} is not a unit the claims use ({', '.join(sorted(units))})")
    if row.use not in USES:
        raise BadReference(f"{place('use')}: {row.use!r} is not one of {', '.join(USES)}")
    if not row.url.strip():
        raise BadReference(f"{place('url')}: no address; a reference a reader cannot open is not a reference")
    if not re.match(r"^https?://", row.url):
        raise BadReference(f"{place('url')}: {row.url!r} is not a web address")
    for column in ("outlet", "as_printed", "figure", "found_by"):
        if not getattr(row, column).strip():
            raise BadReference(f"{place(column)}: empty")
    if row.figure not in row.as_printed:
        raise BadReference(f"{place('figure')}: {row.figure!r} is not in the text as printed {row.as_printed!r}")
    published = _day(row.published, path, line, "published")
    try:
        if row.unit == DATE_UNIT:
            year = start.year if start else (published.year if published else None)
            value = read_date(row.figure, year)
        else:
            value = read_figure(row.figure, row.unit)
    except UnreadableReference as error:
        raise UnreadableReference(f"{place('figure')}: {error}") from None
    return Reference(
        reference_id=row.reference_id,
        line=line,
        claim_ids=claim_ids,
        entity=row.entity,
        metric=row.metric,
        start=start,
        end=end,
        as_printed=row.as_printed,
        figure=row.figure,
        qualifier=row.qualifier,
        unit=row.unit,
        use=row.use,
        outlet=row.outlet,
        published=published,
        url=row.url,
        found_by=row.found_by,
        note=row.note,
        value=value,
    )


# Units a reference may carry besides those of the claims: what the context rows count.
EXTRA_UNITS = {"people", "trains", "departures"}


def load_references(
    claims: pd.DataFrame, entities: Entities, path: Path = REFERENCES, units: set[str] | None = None
) -> list[Reference]:
    """Read and validate data/references.csv against the ledger's claims and the entity table.

    ``claims`` is the ledger (claim_id and unit are used); an unknown claim, entity, unit, qualifier or use, a
    period that runs backwards, a figure the code cannot read, a missing address or a duplicate row is refused
    with the file, line and column.
    """
    path = Path(path)
    table = read_csv(path)
    missing = [c for c in COLUMNS if c not in table.columns]
    if missing:
        raise BadReference(f"{path}: missing columns {missing}")
    known_units = set(claims.unit) | EXTRA_UNITS | {DATE_UNIT} if units is None else units
    claim_ids = set(claims.claim_id)
    seen: dict[str, int] = {}
    same: dict[tuple, int] = {}
    found = []
    for line, row in enumerate(table.itertuples(index=False), start=2):
        if row.reference_id in seen:
            raise DuplicateReference(
                f"{_place(path, line, 'reference_id')}: {row.reference_id!r} already used on line {seen[row.reference_id]}"
            )
        seen[row.reference_id] = line
        found.append(_row(row, line, path, claim_ids, entities, known_units))
        key = (row.entity, row.metric, row.period_start, row.period_end, row.figure, row.url)
        if key in same:
            raise DuplicateReference(f"{path}:{line}: the same figure from the same address as line {same[key]}")
        same[key] = line
    return found


def measures(
    ref: Reference, entity: str, metric: str, unit: str, start: date | None, end: date | None, undated: bool
) -> bool:
    """Whether a reference measures a claim's own quantity: the same entity, metric and unit, and the same period,
    unless either is undated (a standing fact: a border's length) or the quantity is itself a date (an event's day).

    >>> ref = Reference("r", 2, ("c",), "x", "m", date(2015, 4, 20), date(2015, 4, 20), "", "", "exact", "date", "independent", "", None, "", "", "", Interval(20150420, 20150420))
    >>> measures(ref, "x", "m", "date", date(2015, 1, 1), date(2015, 12, 31), False), measures(ref, "y", "m", "date", None, None, True)
    (True, False)
    """
    if (entity, metric, unit) != (ref.entity, ref.metric, ref.unit):
        return False
    if ref.start is None or undated or unit == DATE_UNIT:
        return True
    return (start, end) == (ref.start, ref.end)


def reference_rows(references: list[Reference], entities: Entities) -> pd.DataFrame:
    """The references as rows shaped like data/processed/claims.csv, so that the checks read them as they read
    claims: a growth rate's implied base, a share's implied total, a part inside a longer whole."""
    import json

    rows = []
    for r in references:
        iv = r.interval
        days = None if r.start is None else (r.end - r.start).days + 1
        rows.append(
            {
                "claim_id": r.reference_id,
                "article_id": r.reference_id,
                "published": r.published.isoformat() if r.published else "",
                "entity": r.entity,
                "port": entities.table.at[r.entity, "port"],
                "metric": r.metric,
                "unit": r.unit,
                "figure": rendering(r.value.low, r.figure) if r.value.is_point else r.figure,
                "printed_unit": "",
                "qualifier": r.qualifier,
                "repair": "none",
                "printed_reading": "",
                "readings": json.dumps([{"label": "as printed", "low": iv.low, "high": iv.high}]),
                "reading_count": 1,
                "value_low": iv.low,
                "value_high": iv.high,
                "period_phrase": r.period,
                "period_start": r.start.isoformat() if r.start else "",
                "period_end": r.end.isoformat() if r.end else "",
                "period_days": days,
                "period_kind": "flow" if r.start is not None and (r.start < r.end or r.unit == DATE_UNIT) else "stock",
                "flags": "" if r.start is not None else "implicit",
                "quote_char_start": 0,
                "quote_char_end": 0,
                "figure_char_start": 0,
                "figure_char_end": 0,
                "is_reference": True,
            }
        )
    return pd.DataFrame(rows)
