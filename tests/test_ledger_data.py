"""The curated tables: every quote is in its seed, every figure parses by its named rule.

Failures name the claim id and, for a quote that is not found, the nearest passage in the seed.
"""

import difflib
import re
from datetime import date
from functools import cache

import pandas as pd
import pandera.pandas as pa
import pytest

from portbook.errors import RepairNotApplicable, UnparseableNumber
from portbook.numbers.measure import DATE_UNIT, measure, measure_date
from portbook.numbers.mentions import extract_mentions
from portbook.numbers.periods import resolve_period
from portbook.numbers.qualifiers import QUALIFIERS as QUALIFIER_REGISTRY
from portbook.numbers.qualifiers import qualifier_before
from portbook.numbers.repairs import REPAIRS, apply_repair
from portbook.numbers.units import UNITS, printed_unit
from portbook.paths import DATA, SEED_METADATA, SEEDS

CLAIM_COLUMNS = [
    "claim_id",
    "article_id",
    "quote",
    "figure",
    "entity",
    "metric",
    "period",
    "qualifier",
    "unit",
    "repair",
    "note",
]
QUALIFIERS = set(QUALIFIER_REGISTRY)
ENTITY_KINDS = {"port", "zone", "prefecture", "city", "region", "country", "company", "event", "other"}
PORTS = set(pd.read_csv(DATA / "ports.csv", dtype=str, keep_default_na=False).port) | {""}
BASE_UNITS = {base for base, _ in UNITS.values()} | {DATE_UNIT}  # a dated event's value is its day
KEBAB = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


def read_csv(path):
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


@cache
def metadata():
    return read_csv(SEED_METADATA).set_index("article_id")


@cache
def seed_text(article_id):
    return (SEEDS / metadata().loc[article_id, "seed_file"]).read_text(encoding="utf-8")


@cache
def mention_spans(article_id):
    return {(m.start, m.end) for m in extract_mentions(seed_text(article_id))}


def claims():
    return read_csv(DATA / "claims.csv")


def claim_rows():
    return [pytest.param(row, id=row["claim_id"]) for row in claims().to_dict("records")]


def nearest_passage(text, quote):
    """The stretch of ``text`` most like ``quote``, to show what a mistyped quote should have been."""
    n = len(quote)
    best, best_ratio = "", 0.0
    starts = [0] + [m.end() for m in re.finditer(r"\s+", text)]
    for s in starts:
        window = text[s : s + n]
        ratio = difflib.SequenceMatcher(None, quote, window, autojunk=False).quick_ratio()
        if ratio > best_ratio:
            exact = difflib.SequenceMatcher(None, quote, window, autojunk=False).ratio()
            if exact > best_ratio:
                best, best_ratio = window, exact
    return best


def figure_span(row):
    text = seed_text(row["article_id"])
    start = text.index(row["quote"]) + row["quote"].index(row["figure"])
    return start, start + len(row["figure"])


# --------------------------------------------------------------------------- schema


CLAIMS_SCHEMA = pa.DataFrameSchema(
    {
        "claim_id": pa.Column(str, pa.Check.str_matches(KEBAB), unique=True),
        "article_id": pa.Column(str, pa.Check.isin(list(read_csv(SEED_METADATA)["article_id"]))),
        "quote": pa.Column(str, pa.Check.str_length(min_value=10)),
        "figure": pa.Column(str, pa.Check.str_length(min_value=1)),
        "entity": pa.Column(str, pa.Check.str_matches(KEBAB)),
        "metric": pa.Column(str, pa.Check.str_matches(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")),
        "period": pa.Column(str),
        "qualifier": pa.Column(str, pa.Check.isin(sorted(QUALIFIERS))),
        "unit": pa.Column(str, pa.Check.isin(sorted(BASE_UNITS))),
        "repair": pa.Column(str, pa.Check.isin(sorted(REPAIRS))),
        "note": pa.Column(str),
    },
    strict=True,
    ordered=True,
)


def test_claims_schema():
    df = claims()
    assert list(df.columns) == CLAIM_COLUMNS
    CLAIMS_SCHEMA.validate(df, lazy=True)


def test_claim_ids_are_unique():
    ids = claims()["claim_id"]
    assert not ids[ids.duplicated()].tolist()


# --------------------------------------------------------------------------- each claim


@pytest.mark.parametrize("row", claim_rows())
def test_quote_is_verbatim_and_unique_in_its_seed(row):
    text = seed_text(row["article_id"])
    n = text.count(row["quote"])
    if n == 0:
        pytest.fail(
            f"{row['claim_id']}: quote not found in {metadata().loc[row['article_id'], 'seed_file']}\n"
            f"  quote:   {row['quote']!r}\n  nearest: {nearest_passage(text, row['quote'])!r}"
        )
    assert n == 1, f"{row['claim_id']}: quote occurs {n} times; lengthen it until it is unique"


@pytest.mark.parametrize("row", claim_rows())
def test_figure_is_once_in_quote_and_is_an_extracted_mention(row):
    assert row["quote"].count(row["figure"]) == 1, (
        f"{row['claim_id']}: figure {row['figure']!r} must occur once in the quote"
    )
    if seed_text(row["article_id"]).count(row["quote"]) == 1:
        span = figure_span(row)
        assert span in mention_spans(row["article_id"]), (
            f"{row['claim_id']}: figure {row['figure']!r} is not exactly one mention as extract_mentions finds it"
        )


@pytest.mark.parametrize("row", claim_rows())
def test_figure_parses_with_its_named_repair(row):
    if row["unit"] == DATE_UNIT:
        published = date.fromisoformat(metadata().loc[row["article_id"], "published"])
        assert measure_date(row["figure"], published, row["repair"]).readings, row["claim_id"]
        return
    unit = printed_unit(row["quote"], row["figure"])
    m = measure(row["figure"], row["repair"], row["qualifier"], unit)
    assert m.readings, row["claim_id"]
    if m.unit is not None:
        assert m.unit == row["unit"], (
            f"{row['claim_id']}: printed unit {unit!r} gives {m.unit!r}, ledger says {row['unit']!r}"
        )


@pytest.mark.parametrize("row", claim_rows())
def test_plain_rule_would_refuse_a_repaired_figure(row):
    """A repair is named only where the plain reading is damaged or ambiguous, or a note argues for it."""
    if row["repair"] == "none":
        return
    assert row["note"].strip(), f"{row['claim_id']}: a repair needs its evidence in the note"
    if row["repair"] in ("garbled_grouping", "lost_digits", "range", "n_fold_ambiguous"):
        with pytest.raises((UnparseableNumber, RepairNotApplicable)):
            apply_repair("none", row["figure"])


@pytest.mark.parametrize("row", claim_rows())
def test_qualifier_matches_the_words_before_the_figure(row):
    before = row["quote"][: row["quote"].index(row["figure"])]
    said = qualifier_before(before)
    if said != "exact":
        assert row["qualifier"] == said, (
            f"{row['claim_id']}: text says {said!r} before the figure, ledger says {row['qualifier']!r}"
        )


@pytest.mark.parametrize("row", claim_rows())
def test_period_resolves(row):
    published = date.fromisoformat(metadata().loc[row["article_id"], "published"])
    p = resolve_period(row["period"], published)
    assert p.kind in ("flow", "stock", "annual")
    if p.end is not None:
        assert p.end <= published, f"{row['claim_id']}: period {row['period']!r} ends after publication"


@pytest.mark.parametrize("row", claim_rows())
def test_entity_is_known(row):
    assert row["entity"] in set(read_csv(DATA / "entities.csv")["entity_id"]), row["claim_id"]


def test_repairs_in_use_exist():
    assert set(claims()["repair"]) <= set(REPAIRS)


# --------------------------------------------------------------------------- entities and aliases


def test_entities():
    df = read_csv(DATA / "entities.csv")
    assert list(df.columns) == ["entity_id", "name", "kind", "parent", "port"]
    assert df["entity_id"].is_unique
    assert df["entity_id"].str.match(KEBAB).all()
    assert set(df["kind"]) <= ENTITY_KINDS
    assert set(df["port"]) <= PORTS
    ids = set(df["entity_id"])
    parents = dict(zip(df["entity_id"], df["parent"]))
    for eid, parent in parents.items():
        assert parent == "" or parent in ids, f"{eid}: unknown parent {parent!r}"
        seen = {eid}
        while parent:  # no cycles
            assert parent not in seen, f"{eid}: parent cycle through {parent}"
            seen.add(parent)
            parent = parents[parent]


def test_aliases():
    aliases = read_csv(DATA / "aliases.csv")
    assert list(aliases.columns) == ["alias", "entity_id"]
    assert aliases["alias"].is_unique, aliases[aliases["alias"].duplicated()]
    assert set(aliases["entity_id"]) <= set(read_csv(DATA / "entities.csv")["entity_id"])


def test_every_port_spelling_in_the_seeds_has_an_alias():
    aliases = set(read_csv(DATA / "aliases.csv")["alias"])
    spellings = set()
    for article_id in metadata().index:
        spellings |= set(re.findall(r"\b([A-Z][a-z]+) Port\b", seed_text(article_id)))
    generic = {"Xinjiang", "Highway", "Railway", "Dry"}  # "Dry Port" is part of a zone name
    missing = {s for s in spellings - generic if s not in aliases and f"{s} Port" not in aliases}
    assert not missing, f"port spellings with no alias: {sorted(missing)}"


# --------------------------------------------------------------------------- exclusions


def exclusion_rows():
    df = read_csv(DATA / "exclusions.csv")
    return [pytest.param(r, id=f"{r['article_id']}:{r['context'][:30]}") for r in df.to_dict("records")]


def test_exclusions_schema():
    df = read_csv(DATA / "exclusions.csv")
    assert list(df.columns) == ["article_id", "text", "context", "reason"]
    assert set(df["article_id"]) <= set(metadata().index)
    assert (df["reason"].str.len() > 5).all()


@pytest.mark.parametrize("row", exclusion_rows())
def test_exclusion_locates_one_mention(row):
    text = seed_text(row["article_id"])
    assert text.count(row["context"]) == 1, f"context {row['context']!r} must occur once in the seed"
    assert row["context"].count(row["text"]) == 1, f"{row['text']!r} must occur once in its context"
    start = text.index(row["context"]) + row["context"].index(row["text"])
    assert (start, start + len(row["text"])) in mention_spans(row["article_id"]), (
        f"{row['text']!r} in {row['context']!r} is not a mention as extract_mentions finds it"
    )


def test_no_mention_is_both_claimed_and_excluded():
    claimed = {(r["article_id"], figure_span(r)) for r in claims().to_dict("records")}
    for r in read_csv(DATA / "exclusions.csv").to_dict("records"):
        text = seed_text(r["article_id"])
        start = text.index(r["context"]) + r["context"].index(r["text"])
        assert (r["article_id"], (start, start + len(r["text"]))) not in claimed, r
