"""Money figures are paired with their conversions by the passage they share in the text."""

import pandas as pd
import pytest

from portbook.numbers.conversions import conversion_pairs
from portbook.numbers.ledger import LocatedClaim


def pairs(text: str, figures: list[tuple[str, str, str]]) -> dict[str, str]:
    """figures: (claim id, figure, unit), each found in text in order."""
    located, cursor = [], 0
    for claim_id, figure, _ in figures:
        start = text.index(figure, cursor)
        located.append(LocatedClaim(claim_id, "a", start, start + len(figure), start, start + len(figure)))
        cursor = start + len(figure)
    ledger = pd.DataFrame({"claim_id": [f[0] for f in figures], "unit": [f[2] for f in figures]})
    return conversion_pairs(ledger, located, {"a": text})


@pytest.mark.parametrize(
    "text, figures, expected",
    [
        (
            "exceeded 61 billion yuan (about 8.39 billion U.S. dollars), an increase",
            [("cny", "61 billion", "yuan"), ("usd", "8.39 billion", "usd")],
            {"usd": "cny"},
        ),
        (
            "save about 150 million yuan ($21.1 million) in logistics costs",
            [("cny", "150 million", "yuan"), ("usd", "$21.1 million", "usd")],
            {"usd": "cny"},
        ),
        (
            "from 690 million yuan (about 96.14 million U.S. dollars) in 2020 to 28.28 billion yuan (about 3.94 "
            "billion U.S. dollars) in 2022",
            [
                ("cny20", "690 million", "yuan"),
                ("usd20", "96.14 million", "usd"),
                ("cny22", "28.28 billion", "yuan"),
                ("usd22", "3.94 billion", "usd"),
            ],
            {"usd20": "cny20", "usd22": "cny22"},
        ),
        (
            "trade reached 3.7 billion yuan, and one company alone traded 230 million U.S. dollars",
            [("cny", "3.7 billion", "yuan"), ("usd", "230 million", "usd")],
            {},
        ),
        (
            "exports of 9.5 billion yuan (up 126.7 percent) and 562.3 million U.S. dollars",
            [("cny", "9.5 billion", "yuan"), ("usd", "562.3 million", "usd")],
            {},
        ),
    ],
)
def test_a_conversion_is_the_other_currency_in_brackets_right_after_a_figure(text, figures, expected):
    assert pairs(text, figures) == expected
