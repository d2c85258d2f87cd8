"""The flagship pair is the one data/flagship.csv names: new figures for its entity and metric neither break its
verdict sentence nor change what it compares."""

import types

import pandas as pd
import pytest
from fixture_claims import claim

from portbook.errors import BadFlagship
from portbook.numbers import ledger
from portbook.numbers.flagship import load_flagship
from portbook.present.reconcile_pages import Flagship
from portbook.reconcile import checks

ENTITIES = ledger.load_entities()
ZONE = "kashgar-cbz"


def context(*rows) -> types.SimpleNamespace:
    """What Flagship reads of a BookState, for hand-made claims."""
    claims = pd.DataFrame(rows)
    return types.SimpleNamespace(
        claims=claims,
        checks=checks.run_checks(claims, ENTITIES),
        entities=ENTITIES,
        ledger=claims.assign(quote=claims.figure),
    )


WHOLE = claim("whole", ZONE, "trade_value_cny", "yuan", "3.7 billion", "last year")
LATER = claim("later", ZONE, "trade_value_cny", "yuan", "3.8 billion", "January to April")
GROWTH = claim(
    "growth",
    ZONE,
    "trade_growth_ratio",
    "ratio",
    "5.8-fold",
    "January to April",
    qualifier="more_than",
    repair="n_fold_ambiguous",
    quote="soared over 5.8-fold",
)
# Figures from another report of the same zone (Tianshannet, 2024-01-05): 2020 and 2022.
NEW = (
    claim("z-2020", ZONE, "trade_value_cny", "yuan", "690 million", "2020", article="t-2024", published="2024-01-05"),
    claim("z-2022", ZONE, "trade_value_cny", "yuan", "28.28 billion", "2022", article="t-2024", published="2024-01-05"),
)


def sentence(*rows) -> str:
    return Flagship("whole", "later", context(*rows)).verdict_sentence()


def test_the_pairs_sentence_reads_from_its_own_check():
    text = sentence(WHOLE, LATER, GROWTH)
    assert text.startswith("No conflict: 3.7 billion yuan for 2021 and 3.8 billion yuan for Jan–Apr 2022 fit together.")
    # 3.65 − 0.664 billion is 2.986 billion: to the two digits of '3.7 billion', rounded down so 'at least' holds
    assert "leaves at least 2.9 billion yuan for May–Dec 2021" in text and "monthly average rose" in text
    assert "at most 570 million yuan or 670 million yuan (one bound for each reading)" in text, (
        "upper bounds rounded up, to two digits, in order"
    )


@pytest.mark.parametrize("extra", [NEW[:1], NEW[1:], NEW])
def test_new_figures_for_the_entity_and_metric_change_neither_the_pair_nor_its_sentence(extra):
    assert sentence(WHOLE, LATER, GROWTH, *extra) == sentence(WHOLE, LATER, GROWTH)


def test_a_pair_that_does_not_nest_says_there_is_nothing_to_reconcile():
    text = Flagship("whole", "z-2022", context(WHOLE, LATER, GROWTH, *NEW)).verdict_sentence()
    assert "nothing to reconcile" in text


def test_a_reported_part_is_reconciled_without_a_growth_rate():
    part = claim("part", ZONE, "trade_value_cny", "yuan", "1.2 billion", "January to April 2021")
    text = Flagship("whole", "part", context(WHOLE, part)).verdict_sentence()
    assert text == (
        "No conflict: 3.7 billion yuan for 2021 and 1.2 billion yuan for Jan–Apr 2021 fit together, leaving at least "
        "2.4 billion yuan for May–Dec 2021."
    )


def test_a_pair_of_two_entities_or_metrics_is_refused():
    other = claim("other", "kashgar-prefecture", "trade_value_cny", "yuan", "61 billion", "2021")
    with pytest.raises(BadFlagship, match="one entity and one metric"):
        Flagship("whole", "other", context(WHOLE, other))


@pytest.mark.parametrize(
    "rows, message",
    [
        ("claim_id,why,pair\na,x,whole\nb,y,other\nc,z,whole\n", "exactly one 'whole'"),
        ("claim_id,why,pair\na,x,whole\n", "exactly one 'other'"),
        ("claim_id,why,pair\na,x,whole\nb,y,part\n", ":3: column 'pair' is 'part'"),
        ("claim_id,why\na,x\n", "missing columns ['pair']"),
        ("claim_id,why,pair\na,x,whole\nnope,y,other\n", ":3: claim 'nope' is not in data/claims.csv"),
    ],
)
def test_a_bad_flagship_table_names_its_line_and_what_is_accepted(tmp_path, rows, message):
    path = tmp_path / "flagship.csv"
    path.write_text(rows, encoding="utf-8")
    with pytest.raises(BadFlagship, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_flagship(path, known_claims=["a", "b", "c"])
