"""data/relations.csv: an entity inside several wholes, a metric inside another, running counts; bad rows refused."""

import pytest

from portbook.errors import BadRelation
from portbook.numbers import ledger
from portbook.reconcile.relations import load_relations

ENTITIES = ledger.load_entities()
METRICS = {"trade_value_cny", "bri_trade_value_cny", "enterprises_signed"}
HEADER = "subject,relation,object,basis\n"


def write(tmp_path, *lines):
    path = tmp_path / "relations.csv"
    path.write_text(HEADER + "".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def test_the_curated_relations_load_and_put_the_kashgar_zone_in_two_wholes():
    claims = ledger.read_csv(ledger.LEDGER)
    refs = ledger.read_csv(ledger.LEDGER.with_name("references.csv"))
    relations = load_relations(ENTITIES, set(claims.metric) | set(refs.metric))
    assert relations.wholes("kashgar-cbz") == ["xinjiang-cbzs", "kashgar-prefecture"]
    assert relations.superset("bri_trade_value_cny") == "trade_value_cny"
    assert relations.cumulative("tacheng-pilot-zone", "enterprises_signed") is not None


@pytest.mark.parametrize(
    "line, column",
    [
        ("kashgar-cbz,inside,xinjiang-cbzs,why", "relation"),
        ("atlantis,part_of,xinjiang-cbzs,why", "subject"),
        ("kashgar-cbz,part_of,atlantis,why", "object"),
        ("bri_trade_value_cny,subset_of,gdp_cny,why", "object"),
        ("tacheng-pilot-zone,cumulative,enterprises_signed,", "basis"),
    ],
)
def test_a_bad_row_names_its_file_line_and_column(tmp_path, line, column):
    path = write(tmp_path, "kashgar-cbz,part_of,xinjiang-cbzs,one of four", line)
    with pytest.raises(BadRelation, match=rf"{path}:3: column '{column}'"):
        load_relations(ENTITIES, METRICS, path)


def test_a_repeated_relation_is_refused(tmp_path):
    path = write(tmp_path, "kashgar-cbz,part_of,xinjiang-cbzs,one", "kashgar-cbz,part_of,xinjiang-cbzs,again")
    with pytest.raises(BadRelation, match=r":3: the same relation as line 2"):
        load_relations(ENTITIES, METRICS, path)
