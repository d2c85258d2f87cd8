"""Plausibility tests on hand-made claims with known answers, and on the real ledger."""

import json

import pandas as pd
import pytest

from portbook.numbers import ledger
from portbook.reconcile import plausibility
from portbook.reconcile.plausibility import Bound

ENTITIES = ledger.load_entities()


def claim(
    claim_id,
    unit,
    metric,
    readings,
    *,
    printed="",
    entity="baktu-port",
    article="a",
    period=("2023-01-01", "2023-06-30"),
    kind="flow",
    days=181,
    figure="x",
):
    return {
        "claim_id": claim_id,
        "article_id": article,
        "entity": entity,
        "metric": metric,
        "unit": unit,
        "figure": figure,
        "readings": json.dumps([{"label": label, "low": lo, "high": hi} for label, lo, hi in readings]),
        "printed_reading": json.dumps(
            [{"label": "as printed", "low": p, "high": p} for p in ([printed] if printed != "" else [])]
        )
        if printed != ""
        else "",
        "period_start": period[0],
        "period_end": period[1],
        "period_kind": kind,
        "period_days": days,
    }


BOUNDS = [
    Bound("km", "border", 0, 40075, "equator"),
    Bound("yuan_per_vehicle", ".", 10_000, 5_000_000, "vehicle values"),
    Bound("parcels_per_day", ".", 0, 5_000_000, "sorting centres"),
]


def findings(*claims):
    return plausibility.find_defects(pd.DataFrame(claims), ENTITIES, BOUNDS).set_index("finding_id")


def test_a_border_longer_than_the_equator_is_implausible():
    result = findings(claim("border", "km", "border_length_km", [("joined", 315_600, 315_600)], kind="stock"))
    assert result.loc["border-magnitude", "verdict"] == "implausible"


def test_a_test_that_rules_out_one_reading_says_which():
    result = findings(
        claim(
            "border", "km", "border_length_km", [("joined", 315_600, 315_600), ("dropped", 5_600, None)], kind="stock"
        )
    )
    row = result.loc["border-magnitude"]
    assert row.verdict == "rules_out_readings"
    assert "Outside the bounds: joined" in row.explanation and "Still possible: dropped" in row.explanation


def test_a_lower_bound_inside_the_bounds_is_plausible_and_an_unknown_value_cannot_be_checked():
    assert (
        findings(claim("b", "km", "border_length_km", [("more than", 5_600, None)], kind="stock")).loc[
            "b-magnitude", "verdict"
        ]
        == "plausible"
    )
    assert (
        findings(claim("b", "km", "border_length_km", [("lost", None, None)], kind="stock")).loc[
            "b-magnitude", "verdict"
        ]
        == "cannot_check"
    )


def test_value_per_unit_pairs_money_with_a_count_of_the_same_entity_and_period():
    money = claim("trade", "yuan", "trade_value_cny", [("as printed", 25e6, 25e6)], figure="25 million")
    vehicles = claim(
        "vehicles",
        "vehicles",
        "vehicles_imported",
        [("joined", 14001, 14001), ("last dropped", 1400, 1400)],
        figure="1400,1",
    )
    row = findings(money, vehicles).loc["trade-per-vehicle"]
    tested = {t["reading"].split("(")[-1].rstrip(")"): t for t in json.loads(row.readings)}
    # 25 million / 14,001 is 1,786 yuan, shown to the two digits '25 million' supports
    assert tested["joined"]["verdict"] == "implausible" and tested["joined"]["value"] == "1,800"
    assert tested["last dropped"]["verdict"] == "plausible"
    assert row.verdict == "rules_out_readings" and row.formula == "trade_value_cny / vehicles_imported"


def test_value_per_unit_keeps_other_periods_and_unrelated_entities_apart():
    money = claim("trade", "yuan", "trade_value_cny", [("as printed", 25e6, 25e6)])
    other_period = claim(
        "vehicles", "vehicles", "vehicles_imported", [("x", 14001, 14001)], period=("2022-01-01", "2022-12-31")
    )
    other_entity = claim("cars", "vehicles", "vehicles_exported", [("x", 14001, 14001)], entity="kashgar-cbz")
    assert findings(money, other_period, other_entity).index.str.contains("per-vehicle").sum() == 0


def test_a_count_a_period_cannot_hold_rules_out_the_literal_reading():
    parcels = claim("parcels", "parcels", "parcels_exported", [("wan", 14_502_400, 14_502_400)], printed=1_450_240_000)
    row = findings(parcels).loc["parcels-per-day"]
    literal = [t for t in json.loads(row.readings) if t["reading"].endswith(f"({plausibility.AS_PRINTED})")]
    assert literal and literal[0]["verdict"] == "implausible"
    assert row.verdict == "rules_out_readings" and "181 days" in row.formula


@pytest.mark.parametrize(
    "metric, bound",
    [
        ("freight_train_trips", "trains_per_day"),
        # trips not by train are crossings of people or vehicles at a road port: the train bound does not hold them
        ("trips", "trips_per_day"),
        ("passenger_trips_inbound_outbound", "trips_per_day"),
    ],
)
def test_trips_are_held_to_the_daily_bound_of_what_made_them(metric, bound):
    bounds = [Bound("trains_per_day", ".", 0, 200, "rail"), Bound("trips_per_day", ".", 0, 200_000, "road")]
    trips = claim(
        "trips", "trips", metric, [("as printed", 105_800, None)], period=("2025-01-01", "2025-06-01"), days=152
    )
    row = (
        plausibility.find_defects(pd.DataFrame([trips]), ENTITIES, bounds).set_index("finding_id").loc["trips-per-day"]
    )
    expected = "implausible" if bound == "trains_per_day" else "plausible"
    assert [t["verdict"] for t in json.loads(row.readings)] == [expected]


@pytest.mark.parametrize(
    "top, bottom, expected",
    [
        ((10, 20), (2, 5), (2, 10)),
        ((10, None), (2, 5), (2, None)),
        ((None, None), (2, 5), (None, None)),
        ((10, 20), (0, 5), (2, None)),
    ],
)
def test_interval_division(top, bottom, expected):
    assert plausibility.divide(top, bottom) == expected


def test_on_the_real_ledger_the_tests_find_the_garbled_numbers_by_themselves():
    from portbook.reconcile import processed

    audit = processed.run(write=False)
    flagged = audit.findings[audit.findings.verdict.isin(["implausible", "rules_out_readings"])]
    flagged_claims = {c for ids in flagged.claim_ids for c in ids.split(";")}
    repaired = set(audit.claims[~audit.claims.repair.isin(["none", "range"])].claim_id)
    assert flagged_claims & repaired, "no repaired number is backed by an independent test"
