"""The metric naming conventions the checks depend on, in one place: what a metric's name must say about its unit.

A metric is snake_case and says what it measures and, where the checks need it, in what:

- money ends in its currency: ``<what>_cny`` for yuan, ``<what>_usd`` for dollars. Two metrics that differ only
  in ``_cny``/``_usd`` are one quantity in two currencies (``trade_value_cny``, ``trade_value_usd``);
- a growth rate is ``<stem>_growth_pct`` (percent on the same span a year earlier) or ``<stem>_growth_ratio`` (an
  N-fold, new/old); it applies to the levels whose stem is the same, a level's stem being its name less
  ``_cny``/``_usd`` and then less ``_value`` (``trade_growth_pct`` -> ``trade_value_cny``);
- a share is ``[<part>_]share_of_<total>_pct``: the total's words name a wider entity (an ancestor's id, or
  ``national`` for the country) and the thing shared (``share_of_xinjiang_trade_pct``);
- any other percentage ends in ``_pct``, a ratio in ``_ratio``, a rank in ``_rank`` or starts ``rank_``/has
  ``rank`` among its words; a count is named for what is counted and what happened to it
  (``vehicles_exported``), an area ``area_m2``, a length or distance ``..._km``, a time ``..._hours``/``_days``.

``convention_problems`` says, for a metric and its unit, what breaks these rules and what is accepted.
"""

from __future__ import annotations

import re

from portbook.numbers.units import SCALAR_UNITS

SNAKE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
GROWTH = re.compile(r"^(?P<stem>.+)_growth_(?P<form>pct|ratio)$")
SHARE = re.compile(r"^(?:(?P<part>.+)_)?share_of_(?P<total>.+?)(?:_pct)?$")
MONEY = {"cny": "yuan", "usd": "usd"}
CURRENCY_SUFFIX = {"yuan": "cny", "usd": "usd"}


def growth_stem(metric: str) -> str | None:
    """The stem of the levels a growth metric applies to ('trade' for trade_growth_pct), else None.

    >>> growth_stem("trade_growth_pct"), growth_stem("trade_value_cny")
    ('trade', None)
    """
    m = GROWTH.match(metric)
    return m["stem"] if m else None


def money_stem(metric: str) -> tuple[str, str | None]:
    """('trade_value', 'cny') for trade_value_cny; (metric, None) for a metric without a currency.

    >>> money_stem("trade_value_usd"), money_stem("vehicles_exported")
    (('trade_value', 'usd'), ('vehicles_exported', None))
    """
    head, _, tail = metric.rpartition("_")
    return (head, tail) if tail in MONEY and head else (metric, None)


def level_stem(metric: str) -> str:
    """The stem that ties a level to its growth rate: 'trade' for trade_value_cny and trade_value_usd."""
    stem = money_stem(metric)[0]
    return stem[: -len("_value")] if stem.endswith("_value") else stem


def convention_problems(metric: str, unit: str) -> list[str]:
    """What in a metric's name breaks the conventions for its base unit, each with what is accepted.

    >>> convention_problems("trade_value", "yuan")
    ["a yuan figure's metric ends in '_cny' (the checks pair it with its dollar conversion by that suffix), e.g. 'trade_value_cny'"]
    >>> convention_problems("trade_growth_pct", "percent"), convention_problems("trade_value_cny", "yuan")
    ([], [])
    """
    if not SNAKE.match(metric):
        return [f"{metric!r} is not snake_case: lower-case words joined by '_', e.g. 'trade_value_cny'"]
    problems = []
    currency = money_stem(metric)[1]
    if unit in CURRENCY_SUFFIX and currency != CURRENCY_SUFFIX[unit]:
        suffix = CURRENCY_SUFFIX[unit]
        stem = money_stem(metric)[0]
        problems.append(
            f"a {'yuan' if unit == 'yuan' else 'dollar'} figure's metric ends in '_{suffix}' (the checks pair it with "
            f"its {'dollar' if unit == 'yuan' else 'yuan'} {'conversion' if unit == 'yuan' else 'original'} by that "
            f"suffix), e.g. '{stem}_{suffix}'"
        )
    if currency and unit not in CURRENCY_SUFFIX:
        problems.append(f"'_{currency}' names a currency but the unit is {unit!r}; a currency suffix is for money only")
    if growth_stem(metric) and metric.endswith("_pct") and unit != "percent":
        problems.append(f"a '_growth_pct' metric is a percentage, but the unit is {unit!r}")
    if growth_stem(metric) and metric.endswith("_ratio") and unit != "ratio":
        problems.append(f"a '_growth_ratio' metric is an N-fold ratio, but the unit is {unit!r}")
    if "share" in metric.split("_") and unit == "percent" and not SHARE.match(metric):
        problems.append("a share is named '[<part>_]share_of_<total>_pct', e.g. 'share_of_xinjiang_trade_pct'")
    if unit == "percent" and not metric.endswith("_pct"):
        problems.append(f"a percentage's metric ends in '_pct', e.g. '{metric}_pct'")
    if unit == "ratio" and not metric.endswith("_ratio"):
        problems.append(f"a ratio's metric ends in '_ratio', e.g. '{metric}_ratio'")
    return problems


# Words of a metric's name that say how it is measured (its unit, its kind, its time), not what: sharing only these
# makes no two metrics alike (cargo_tonnes and wheat_purchased_tonnes, inauguration_date and resumption_date).
FORM_WORDS = frozenset(
    {"of", "pct", "per", "day", "month", "year", "avg", "max", "value", "cny", "usd", "growth", "ratio"}
    | SCALAR_UNITS
    | {"tonnes", "date"}
)


def naming_rule(metric: str) -> str:
    """The one convention a metric's name follows, in a line an editor can check it against without the README.

    >>> naming_rule("freight_train_routes")
    "a count: what is counted, then what happened to it ('vehicles_exported')"
    >>> naming_rule("cargo_tonnes_growth_pct")
    "a growth rate: its level's name less the currency, then '_growth_pct' ('trade_growth_pct' of 'trade_value_cny')"
    """
    if GROWTH.match(metric):
        return "a growth rate: its level's name less the currency, then '_growth_pct' ('trade_growth_pct' of 'trade_value_cny')"
    if SHARE.match(metric) and "share_of_" in metric:
        return "a share: '[<part>_]share_of_<whole>_pct', the whole a wider place or 'national' ('share_of_xinjiang_trade_pct')"
    if money_stem(metric)[1]:
        return "money: what it is the value of, then its currency ('trade_value_cny', 'trade_value_usd')"
    unit = re.search(r"_(pct|ratio|rank|km|m2|m|minutes|hours|days|months|years|tonnes|date)$", metric)
    if unit:
        return f"a measure: what is measured, then its unit ('_{unit.group(1)}', as 'cargo_tonnes', 'clearance_hours')"
    return "a count: what is counted, then what happened to it ('vehicles_exported')"


def nearest_metrics(metric: str, known, most: int = 3) -> list[str]:
    """The known metrics whose names share the most words with `metric` (more of what is measured than of how),
    for an editor deciding whether a new name measures what another article already measures.

    >>> nearest_metrics("share_of_such_pct", ["share_of_national_trips_pct", "trade_value_cny", "trips_per_day_max"])
    ['share_of_national_trips_pct']
    """
    words = set(metric.split("_"))
    scored = []
    for other in set(known) - {metric}:
        others = set(other.split("_"))
        common = words & others
        if common - FORM_WORDS:
            scored.append((-len(common - FORM_WORDS), -len(common) / len(words | others), other))
    return [name for *_, name in sorted(scored)[:most]]
