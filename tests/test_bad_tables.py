"""Bad tables and seeds read strictly (issue 15): each test is named for the input, and checks the named error
(file, line, column, value) that the reader gives for it. The table is a copy; the real one is never touched.
These are the readers' own tests, without a build; tests/test_bad_input.py builds a broken copy of the book."""

from __future__ import annotations

import csv
import hashlib
import io
import shutil
from pathlib import Path

import matplotlib.pyplot as plt
import pytest

from portbook import ids
from portbook.build import pipeline
from portbook.errors import BadId, BadLedger, BadSeed, UnsafePath
from portbook.numbers import coverage, ledger
from portbook.present import charts, port_pages
from portbook.reconcile import ports
from portbook.reconcile.book_state import BookState
from portbook.sources import seeds

ROOT = Path(__file__).resolve().parent.parent


# --- copies of the curated tables -----------------------------------------------------------------


@pytest.fixture
def seeds_copy(tmp_path) -> Path:
    """A copy of seeds/ (files and metadata.csv); returns the copy's metadata.csv."""
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    return tmp_path / "seeds" / "metadata.csv"


@pytest.fixture
def ledger_copy(tmp_path) -> Path:
    shutil.copy2(ROOT / "data" / "claims.csv", tmp_path / "claims.csv")
    return tmp_path / "claims.csv"


def rows_of(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, encoding="utf-8-sig", newline="") as stream:
        reader = csv.DictReader(stream)
        return list(reader.fieldnames), list(reader)


def write_rows(path: Path, header: list[str], rows: list[dict[str, str]], bom: bool = False) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(("\ufeff" if bom else "") + buffer.getvalue(), encoding="utf-8", newline="")


def edit_row(path: Path, key: str, value: str, **changes: str) -> int:
    """Change cells of the row whose `key` column is `value`; return the line that row starts on."""
    line = line_of_row(path, key, value)
    header, rows = rows_of(path)
    for row in rows:
        if row[key] == value:
            row.update(changes)
    write_rows(path, header, rows)
    return line


def line_of_row(path: Path, key: str, value: str) -> int:
    """The line a row starts on, in a table with no newline inside a cell: its place among the rows + 2."""
    _, rows = rows_of(path)
    assert path.read_text(encoding="utf-8").count("\n") == len(rows) + 1, "a cell holds a newline"
    return next(number for number, row in enumerate(rows, start=2) if row[key] == value)


def load(ledger_path: Path):
    return ledger.load_ledger(ledger_path)


# --- ids that would become paths --------------------------------------------------------------------


@pytest.mark.parametrize("article_id", ["../../claims", "../../../../../../tmp/portbook-escape", "Kashgar 2022", ""])
def test_an_article_id_that_is_a_path_or_not_an_id_is_refused_with_file_line_and_value(seeds_copy, article_id):
    line = edit_row(seeds_copy, "article_id", "cns-2023-07-07", article_id=article_id)
    with pytest.raises(BadId) as caught:
        seeds.load_metadata(seeds_copy)
    assert str(caught.value) == (
        f"{seeds_copy}:{line}: column 'article_id': article id {article_id!r} is not an id "
        f"(lower-case letters and digits joined by single hyphens, at most 80 characters)"
    )


def test_an_article_id_of_81_characters_is_refused_and_cut_in_the_message(seeds_copy):
    article_id = "a" * 300
    edit_row(seeds_copy, "article_id", "cns-2023-07-07", article_id=article_id)
    with pytest.raises(BadId, match=r"article id 'a{80}…' \(300 characters\) is not an id"):
        seeds.load_metadata(seeds_copy)


def test_a_port_id_that_is_a_path_is_refused_with_its_line(tmp_path, monkeypatch):
    shutil.copy2(ROOT / "data" / "ports.csv", tmp_path / "ports.csv")
    line = edit_row(tmp_path / "ports.csv", "port", "kashgar", port="../kashgar")
    monkeypatch.setattr(ports, "PORTS", tmp_path / "ports.csv")
    with pytest.raises(BadId, match=rf"ports\.csv:{line}: column 'port': port id '\.\./kashgar' is not an id"):
        ports.load_ports()


def test_an_entity_id_that_is_a_path_is_refused_with_its_line(tmp_path):
    shutil.copy2(ROOT / "data" / "entities.csv", tmp_path / "entities.csv")
    line = edit_row(tmp_path / "entities.csv", "entity_id", "kashgar-cbz", entity_id="kashgar/cbz")
    with pytest.raises(BadId, match=rf"entities\.csv:{line}: column 'entity_id': entity id 'kashgar/cbz'"):
        ledger.load_entities(tmp_path / "entities.csv", ROOT / "data" / "aliases.csv")


def copy_project_tables(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(ROOT / "seeds", root / "seeds")
    shutil.copytree(ROOT / "data", root / "data", ignore=shutil.ignore_patterns("interim", "processed"))
    return root


def test_a_300_character_flagship_id_is_refused_before_any_notebook_runs(tmp_path):
    root = copy_project_tables(tmp_path)
    flagship = root / "data" / "flagship.csv"
    flagship.write_text(flagship.read_text(encoding="utf-8") + "x" * 300 + ",why,\n", encoding="utf-8")
    lines = flagship.read_text(encoding="utf-8").count("\n")
    with pytest.raises(BadId) as caught:
        pipeline.planned_runs(root)
    message = str(caught.value)
    assert message.startswith(f"{flagship}:{lines}: column 'claim_id': claim id 'xxxx")
    assert "(300 characters)" in message and "x" * 81 not in message


def test_a_claim_id_ending_in_a_newline_fails_the_id_pattern(ledger_copy):
    line = edit_row(ledger_copy, "claim_id", "kashgar-cbz-trade-2021", claim_id="kashgar-cbz-trade-2021\n")
    with pytest.raises(BadLedger) as caught:
        load(ledger_copy)
    assert f"claims.csv:{line} (claim 'kashgar-cbz-trade-2021\\n'): column 'claim_id' fails str_matches" in str(
        caught.value
    )


def test_a_claim_id_of_81_characters_fails_the_length_limit(ledger_copy):
    edit_row(ledger_copy, "claim_id", "kashgar-cbz-trade-2021", claim_id="k" * 81)
    with pytest.raises(BadLedger, match="column 'claim_id' fails str_length"):
        load(ledger_copy)


@pytest.mark.parametrize("name", ["..", "../../claims", "a/b", "trade_value_cny", "x\n"])
def test_an_output_name_that_is_not_an_id_is_refused_before_anything_is_written(tmp_path, name):
    with pytest.raises(BadId):
        ids.output_path(tmp_path / "figures", name, ".svg")
    assert not (tmp_path / "figures").exists()


def test_a_relative_path_climbing_out_of_its_folder_is_unsafe(tmp_path):
    assert ids.inside(tmp_path, "book/articles/a.ipynb") == (tmp_path / "book/articles/a.ipynb").resolve()
    with pytest.raises(UnsafePath, match="outside"):
        ids.inside(tmp_path, "book/articles/../../../claims.csv")


def test_a_run_whose_output_leaves_the_book_folders_is_refused(tmp_path):
    run = pipeline.NotebookRun(
        template="notebooks/x.ipynb", output="book/articles/../../data/claims.csv", parameters={}
    )
    with pytest.raises(UnsafePath):
        pipeline.check_plan([run], tmp_path)
    product = pipeline.NotebookRun(
        template="notebooks/x.ipynb", output="book/articles/x.ipynb", parameters={}, products=("data/claims.csv",)
    )
    with pytest.raises(UnsafePath, match="is not inside data/interim"):
        pipeline.check_plan([product], tmp_path)


def test_a_chart_named_with_a_path_is_refused_before_it_is_written(tmp_path):
    chart = charts.Chart("../../data/claims", "title", "subtitle", "alt", "caption", "source")
    with pytest.raises(BadId):
        charts.save(lambda layout, theme: plt.figure(), chart, charts.pd.DataFrame({"a": [1]}), folder=tmp_path)
    assert list(tmp_path.iterdir()) == []


# --- the ledger ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "claim_id, figure",
    [
        ("kashgar-prefecture-reform-programs", "2"),  # '2' is in 'more than 20 detailed programs' only as part of 20
        ("kashgar-cbz-trade-2021", "7 billion"),  # the tail of the decimal '3.7 billion'
    ],
)
def test_a_ledger_figure_found_only_inside_a_longer_number_is_refused(ledger_copy, claim_id, figure):
    line = edit_row(ledger_copy, "claim_id", claim_id, figure=figure)
    with pytest.raises(BadLedger) as caught:
        load(ledger_copy)
    assert str(caught.value).startswith(
        f"{ledger_copy}:{line} (claim {claim_id}): column 'figure': {figure!r} is not in the quote "
        f"(only inside a longer number or word)"
    )


def test_a_ledger_figure_twice_in_its_quote_is_refused(ledger_copy):
    # 'year' is twice a whole word in this quote: which one would be the claimed figure?
    line = edit_row(ledger_copy, "claim_id", "alashankou-ecommerce-trade-growth-h1-2023", figure="year")
    with pytest.raises(BadLedger, match=rf"claims\.csv:{line} .*column 'figure': 'year' is 2 times in the quote"):
        load(ledger_copy)


def test_a_newline_in_a_quoted_note_keeps_later_line_numbers_right(ledger_copy):
    header, rows = rows_of(ledger_copy)
    rows[0]["note"] = "A note\nover two lines,\nthree in fact."
    broken = rows[40]
    broken["qualifier"] = "a_bit_more"
    write_rows(ledger_copy, header, rows)
    line = 40 + 2 + 2  # the 41st row: line 42 without the note's two newlines
    assert ledger_copy.read_text(encoding="utf-8").splitlines()[line - 1].startswith(broken["claim_id"] + ",")
    with pytest.raises(BadLedger) as caught:
        load(ledger_copy)
    assert f"claims.csv:{line} (claim {broken['claim_id']}): column 'qualifier'" in str(caught.value)


def test_a_ledger_saved_with_a_byte_order_mark_reads_as_without(ledger_copy):
    plain, _ = load(ledger_copy)
    ledger_copy.write_bytes(b"\xef\xbb\xbf" + ledger_copy.read_bytes())
    with_bom, _ = load(ledger_copy)
    assert list(with_bom.columns) == list(ledger.COLUMNS) and with_bom.equals(plain)


def test_a_ledger_row_with_a_cell_too_many_is_refused_with_its_line(ledger_copy):
    text = ledger_copy.read_text(encoding="utf-8").splitlines(keepends=True)
    text[4] = text[4].rstrip("\n") + ",extra\n"
    ledger_copy.write_text("".join(text), encoding="utf-8")
    with pytest.raises(BadLedger, match=r"claims\.csv:5: 12 cells, the header has 11"):
        load(ledger_copy)


# --- seeds and their metadata ----------------------------------------------------------------------


def test_a_metadata_file_saved_with_a_byte_order_mark_reads_as_without(seeds_copy):
    plain = seeds.load_metadata(seeds_copy)
    seeds_copy.write_bytes(b"\xef\xbb\xbf" + seeds_copy.read_bytes())
    assert seeds.load_metadata(seeds_copy) == plain


def test_an_empty_sha256_is_refused_not_a_check_turned_off(seeds_copy):
    line = edit_row(seeds_copy, "article_id", "cns-2023-07-07", sha256="")
    with pytest.raises(BadSeed) as caught:
        seeds.load_metadata(seeds_copy)
    assert str(caught.value) == (
        f"{seeds_copy}:{line}: column 'sha256': '' is not a SHA-256 (64 lower-case hex digits); "
        f"every seed is checked byte for byte"
    )


def test_an_edited_seed_is_refused_by_its_sha256(seeds_copy):
    info = seeds.load_metadata(seeds_copy)["cns-2023-07-07"]
    path = seeds_copy.parent / info.seed_file
    path.write_bytes(path.read_bytes().replace(b"3.7", b"3.9", 1) + b"\n")
    with pytest.raises(BadSeed, match=rf"{info.seed_file}: sha256 [0-9a-f]{{64}} differs from seeds/metadata.csv"):
        seeds.read_seed_bytes(info, seeds_copy.parent)


def test_a_stray_seed_without_a_metadata_row_is_refused(seeds_copy):
    (seeds_copy.parent / "900_stray.txt").write_text("An article nobody listed.\n", encoding="utf-8")
    with pytest.raises(BadSeed) as caught:
        seeds.load_metadata(seeds_copy)
    assert str(caught.value) == f"{seeds_copy.parent}: seed files without a row in metadata.csv: ['900_stray.txt']"


def test_a_metadata_row_whose_seed_file_is_missing_is_refused_naming_the_file_and_article(seeds_copy):
    info = seeds.load_metadata(seeds_copy)["cns-2023-07-07"]
    (seeds_copy.parent / info.seed_file).unlink()
    with pytest.raises(BadSeed) as caught:
        seeds.read_seed_bytes(info, seeds_copy.parent)
    assert str(caught.value) == f"{seeds_copy.parent / info.seed_file}: seed for article 'cns-2023-07-07' not found"


def test_two_metadata_rows_for_one_seed_file_are_refused_naming_both_lines(seeds_copy):
    header, rows = rows_of(seeds_copy)
    rows.append({**rows[0], "article_id": "cns-2023-07-07-again"})
    write_rows(seeds_copy, header, rows)
    with pytest.raises(BadSeed) as caught:
        seeds.load_metadata(seeds_copy)
    assert str(caught.value) == (
        f"{seeds_copy}:{len(rows) + 1}: seed file {rows[0]['seed_file']!r} already has a row on line 2; "
        f"one row per seed file"
    )


def test_a_metadata_row_whose_seed_file_is_a_path_is_refused(seeds_copy):
    line = edit_row(seeds_copy, "article_id", "cns-2023-07-07", seed_file="../data/claims.csv")
    with pytest.raises(BadSeed, match=rf"metadata\.csv:{line}: column 'seed_file': '\.\./data/claims\.csv'"):
        seeds.load_metadata(seeds_copy)


def test_a_seed_with_a_utf8_byte_order_mark_is_refused_at_line_1():
    data = b"\xef\xbb\xbfA headline\nURUMQI, May 30 (Xinhua) -- The port grew.\n"
    with pytest.raises(BadSeed) as caught:
        seeds.decode_seed(data, "seeds/900_bom.txt")
    assert str(caught.value).startswith("seeds/900_bom.txt: line 1: starts with a UTF-8 byte-order mark")


@pytest.mark.parametrize("control, name", [(b"\x00", "U+0000"), (b"\x1b", "U+001B"), (b"\xc2\x85", "U+0085")])
def test_a_seed_with_a_nul_or_other_control_character_is_refused_with_its_line(control, name):
    data = b"A headline\nSecond line.\nThe port" + control + b" grew 20 percent.\n"
    with pytest.raises(BadSeed) as caught:
        seeds.decode_seed(data, "seeds/900_nul.txt")
    assert str(caught.value) == (
        f"seeds/900_nul.txt: line 3, column 9: control character {name} "
        f"(a seed is text: only tab, line feed and carriage return are allowed)"
    )


def test_tabs_and_crlf_line_ends_in_a_seed_are_text():
    assert seeds.decode_seed(b"A\theadline\r\nline two\r\n", "seeds/x.txt") == "A\theadline\r\nline two\r\n"


# --- ports -------------------------------------------------------------------------------------------


def test_an_unknown_class_in_the_claim_classes_is_refused_with_its_line(tmp_path):
    table = tmp_path / "claim_classes.csv"
    shutil.copy2(ROOT / "data" / "claim_classes.csv", table)
    claim = ports.load_claim_classes(table).claim_id.iloc[3]
    line = edit_row(table, "claim_id", claim, indicator_class="made-up")
    with pytest.raises(BadLedger) as caught:
        ports.load_claim_classes(table)
    assert str(caught.value) == (
        f"{table}:{line}: claim {claim!r}: column 'indicator_class': 'made-up' is not one of "
        "channel, industrial, trade, context"
    )


def test_a_coordinate_that_is_not_a_number_is_refused_with_its_line(tmp_path, monkeypatch):
    table = tmp_path / "port_locations.csv"
    shutil.copy2(ROOT / "data" / "port_locations.csv", table)
    line = edit_row(table, "place", "Kashgar", latitude="")
    monkeypatch.setattr(ports, "LOCATIONS", table)
    with pytest.raises(BadLedger, match=rf"port_locations\.csv:{line}: column 'latitude': '' is not a number"):
        ports.load_locations()


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"kind": "harbour"}, "column 'kind': 'harbour' is not one of crossing, inland"),
        ({"kind": "inland"}, "column 'neighbour': 'Kazakhstan', but a place of kind 'inland' names no country"),
        ({"neighbour": ""}, "column 'neighbour': '', but a place of kind 'crossing' names the country it leads to"),
    ],
    ids=["unknown-kind", "inland-with-neighbour", "crossing-without-neighbour"],
)
def test_a_place_of_no_known_kind_or_at_odds_with_its_neighbour_is_refused_with_its_line(
    tmp_path, monkeypatch, changes, message
):
    table = tmp_path / "port_locations.csv"
    shutil.copy2(ROOT / "data" / "port_locations.csv", table)
    line = edit_row(table, "place", "Khorgos", **changes)
    monkeypatch.setattr(ports, "LOCATIONS", table)
    with pytest.raises(BadLedger) as caught:
        ports.load_locations()
    assert str(caught.value) == f"{table}:{line}: place 'Khorgos': {message}"


def test_a_port_without_coordinates_gets_a_map_that_says_so(monkeypatch):
    locations = ports.load_locations()
    monkeypatch.setattr(ports, "load_locations", lambda: locations[locations.port != "kashgar"].copy())
    drawn = {}

    def save(draw, chart, data, folder=None):
        drawn[chart.name] = data
        return chart.html()

    monkeypatch.setattr(charts, "save", save)
    html = port_pages.PortStory("kashgar", BookState()).locator_html()
    assert "kashgar" not in set(drawn["port-kashgar-map"].port)
    assert "highlighted" not in html and "Where Kashgar lies" not in html
    assert "Kashgar is not on the map, as the book has no coordinates for it." in html  # the alt text
    assert "Kashgar is not on the map: it has no coordinates yet." in html  # the caption


# --- text that reaches matplotlib -----------------------------------------------------------------


def test_a_name_with_dollar_signs_is_drawn_as_text_not_mathtext(tmp_path):
    # unbalanced and invalid mathtext: with maths on, matplotlib raises "Unknown symbol" / "Expected end of text"
    name = r"Kashgar $\frac{1}{0$ and $\nosuchsymbol$"

    def draw(layout, theme):
        figure, axes = plt.subplots()
        axes.set_title(name)
        axes.set_yticks([0], [name])
        return figure

    chart = charts.Chart("dollar-test", name, name, "alt", "caption", name)
    charts.save(draw, chart, charts.pd.DataFrame({"a": [1]}), folder=tmp_path)
    assert (tmp_path / "dollar-test-wide-light.svg").stat().st_size > 0
    assert plt.rcParams["text.parse_math"] is False


# --- the coverage report ---------------------------------------------------------------------------


def test_seventeen_thousand_unaccounted_mentions_make_a_summary_of_a_few_lines():
    frame = charts.pd.DataFrame(
        {
            "article_id": ["big-article"] * 17_000 + ["small-article"] * 11,
            "line": range(17_011),
            "text": ["20"] * 17_011,
            "kind": ["number"] * 17_011,
            "status": ["unaccounted"] * 17_011,
        }
    )
    summary = coverage.unaccounted_summary(frame, limit=20).splitlines()
    assert summary[0] == "17011 unaccounted mentions: big-article 17000, small-article 11"
    assert summary[1] == "  big-article line 0: '20' (number)" and summary[-1] == "  … and 16991 more"
    assert len(summary) == 22


def test_seed_checksums_in_the_real_metadata_are_all_given():
    for info in seeds.load_metadata().values():
        assert info.sha256 == hashlib.sha256((ROOT / "seeds" / info.seed_file).read_bytes()).hexdigest()
