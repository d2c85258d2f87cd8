"""The ledger's errors name the file, line, claim id and column, and the curated file is never changed."""

import hashlib
import shutil
from pathlib import Path

import pytest

from portbook.errors import BadLedger, DuplicateClaim, QuoteNotFound, UnknownEntity
from portbook.numbers import ledger

ROOT = Path(__file__).resolve().parent.parent
LEDGER = ROOT / "data" / "claims.csv"


@pytest.fixture
def ledger_copy(tmp_path):
    copy = tmp_path / "claims.csv"
    shutil.copy2(LEDGER, copy)
    return copy


def rewrite(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_the_real_ledger_loads_and_locates_every_claim():
    frame, located = ledger.load_ledger()
    assert len(frame) == len(located) >= 50
    raw = {}
    for claim, row in zip(located, frame.itertuples()):
        from portbook.sources import seeds

        info = seeds.seed_info(row.article_id)
        text = raw.setdefault(row.article_id, (ROOT / "seeds" / info.seed_file).read_text(encoding="utf-8"))
        assert text[claim.quote_start : claim.quote_end] == row.quote
        assert text[claim.figure_start : claim.figure_end] == row.figure


def test_a_quote_not_in_its_seed_names_the_claim_and_shows_the_nearest_passage(ledger_copy):
    rewrite(
        ledger_copy,
        "the total import and export trade value at the Kashgar comprehensive bonded area last year was 3.7 billion yuan",
        "the total import and export trade value at the Kashgar comprehensive bonded area last year was 3.9 billion yuan",
    )
    before = hashlib.sha256(ledger_copy.read_bytes()).hexdigest()
    with pytest.raises(QuoteNotFound) as caught:
        ledger.load_ledger(ledger_copy)
    message = str(caught.value)
    assert "claim kashgar-cbz-trade-2021" in message and "claims.csv:" in message
    assert "nearest passage" in message and "3.7 billion yuan" in message
    assert hashlib.sha256(ledger_copy.read_bytes()).hexdigest() == before, "a failed load must not touch the ledger"


def test_a_duplicate_claim_id_names_both_lines(ledger_copy):
    rewrite(ledger_copy, "kashgar-cbz-trade-jan-apr-2022,", "kashgar-cbz-trade-2021,")
    with pytest.raises(DuplicateClaim, match=r"claim id 'kashgar-cbz-trade-2021' already used on line \d+"):
        ledger.load_ledger(ledger_copy)


def test_an_unknown_entity_names_the_claim_and_the_nearest_entities(ledger_copy):
    rewrite(ledger_copy, ",kashgar-cbz,", ",kashgar-cbx,")
    with pytest.raises(
        UnknownEntity, match=r"entity 'kashgar-cbx' is not in data/entities.csv; nearest: \['kashgar-cbz'"
    ):
        ledger.load_ledger(ledger_copy)


@pytest.mark.parametrize(
    "old, new, column",
    [
        (",more_than,", ",a_bit_more,", "qualifier"),
        (",garbled_grouping,", ",guesswork,", "repair"),
        ("xinjiang-land-border-length,", "Xinjiang Land Border,", "claim_id"),
    ],
)
def test_a_schema_error_names_the_line_claim_and_column(ledger_copy, old, new, column):
    rewrite(ledger_copy, old, new)
    with pytest.raises(BadLedger) as caught:
        ledger.load_ledger(ledger_copy)
    assert f"column '{column}'" in str(caught.value) and "claims.csv:2 (claim" in str(caught.value)


def test_a_figure_not_in_its_quote_is_refused(ledger_copy):
    rewrite(ledger_copy, '"31,5600",', '"31,5601",')
    with pytest.raises(BadLedger, match=r"column 'figure': '31,5601' is not in the quote"):
        ledger.load_ledger(ledger_copy)


def test_an_alias_resolves_case_blind_and_an_unknown_one_is_refused():
    entities = ledger.load_entities()
    assert entities.resolve_alias("Alataw") == entities.resolve_alias("alashankou")
    assert entities.resolve_alias("Horgos") == entities.resolve_alias("Khorgos")
    with pytest.raises(UnknownEntity, match="nearest"):
        entities.resolve_alias("Khorgoss Port")
