"""`add`: a page's text becomes an article in one step (the seed under its name, its drafted metadata row, the drafts
and their worksheet in review/), never changing the page, never adding one page twice, refusing what is no text."""

import csv
import hashlib
import shutil

import pytest
from conftest import ROOT

from portbook.cli import parser
from portbook.errors import BadParameter, BadSeed
from portbook.numbers.add import _address_kind, add_article
from portbook.numbers.lint import lint
from portbook.sources.seeds import load_metadata

# A syndicated wire report with a page header, a byline and a syndicator's dateline (not an article of the book).
SYNDICATED = (
    " date 2024-04-02 example.com.pk\n\n"
    "Khunjerab Pass Sees More Trucks In Early Spring\n\n"
    "Staff Reporter Published April 02, 2024 | 11:45 AM\n\n"
    "KASHGAR, Apr 2 (APP / Associated Press of Pakistan - 2nd Apr, 2024 ) :The Khunjerab Port handled 1,271 "
    "vehicles in March, up 14.2 percent year on year, according to the local customs.\n\n"
    "So far, trucks via the Khunjerab Port have accounted for over 40 percent of such trucks operated in China.\n"
)


@pytest.fixture
def project(tmp_path):
    """The book's curated inputs (seeds and data, nothing derived), and a page saved outside them."""
    for name in ("seeds", "data"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("interim", "processed"))
    page = tmp_path / "downloads" / "page.txt"
    page.parent.mkdir()
    page.write_text(SYNDICATED, encoding="utf-8")
    return tmp_path, page


def metadata_rows(root):
    with open(root / "seeds" / "metadata.csv", encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def test_a_page_becomes_a_seed_a_metadata_row_and_drafts_with_a_worksheet(project):
    root, page = project
    before = page.read_bytes()
    added = add_article(page, root)
    digest = hashlib.sha256(before).hexdigest()
    assert page.read_bytes() == before, "the page given is never changed"
    assert added.seed == root / "seeds" / f"005_{digest[:16]}.txt" and added.seed.read_bytes() == before
    row = metadata_rows(root)[-1]
    assert (row["article_id"], row["outlet"], row["published"]) == (
        "example-2024-04-02",
        "example.com.pk",
        "2024-04-02",
    )
    assert row["headline"] == "Khunjerab Pass Sees More Trucks In Early Spring", "the site's name is no headline"
    assert row["dateline_as_printed"].startswith("KASHGAR, Apr 2 (APP / Associated Press of Pakistan")
    assert "example-2024-04-02" in load_metadata(root / "seeds" / "metadata.csv")
    folder = root / "review" / "example-2024-04-02"
    claims = list(csv.DictReader(open(folder / "claims.csv", encoding="utf-8")))
    assert {r["figure"] for r in claims} >= {"1,271", "14.2 percent"}
    [share] = [r for r in claims if r["figure"] == "40 percent"]
    assert share["metric"] == "share_of_national_trucks_pct", "'of such trucks operated in China': of all China's"
    assert share["quote"] == "have accounted for over 40 percent of such trucks operated in China", "from its verb"
    exclusions = list(csv.DictReader(open(folder / "exclusions.csv", encoding="utf-8")))
    # the syndicator's byline ('Staff Reporter Published April 02, 2024 | 11:45 AM') dates itself: no row for it
    assert not {r["text"] for r in exclusions} & {"11:45", "April 02, 2024"}
    sheet = (folder / "decisions.txt").read_text(encoding="utf-8")
    assert f"seeds/metadata.csv, line {added.metadata_line}" in sheet
    lines = (root / "seeds" / "metadata.csv").read_text(encoding="utf-8").splitlines()
    assert lines[added.metadata_line - 1].startswith("example-2024-04-02,"), "the line the row is on"
    assert "handled [1,271] vehicles in March" in " ".join(sheet.split()), "each figure shown in its sentence"
    assert "python -m portbook accept example-2024-04-02" in " ".join(sheet.split())
    # the summary names exactly the claims that have points to check, and each claim's heading says how many
    flagged = [n for n, d in enumerate(added.proposal.claims, 1) if d.decisions]
    assert f"{len(flagged)} with points to check (number" in sheet and ", ".join(map(str, flagged)) in sheet
    assert sheet.count("(nothing to check)") == len(added.proposal.claims) - len(flagged)
    report = lint(root=root)
    assert not [p for p in report.problems if p.path.startswith("seeds")], report.text()


def test_adding_a_page_twice_adds_nothing_twice(project):
    root, page = project
    first = add_article(page, root)
    rows = metadata_rows(root)
    second = add_article(page, root)
    assert metadata_rows(root) == rows and (second.new_seed, second.new_row) == (False, False)
    assert second.article_id == first.article_id
    assert len([p for p in (root / "seeds").iterdir() if p.suffix == ".txt"]) == len(rows)


def test_a_page_saved_in_seeds_under_another_name_is_renamed(project):
    root, page = project
    saved = root / "seeds" / "from-the-browser.txt"
    shutil.copy(page, saved)
    added = add_article(saved, root)
    assert not saved.exists() and added.seed.read_bytes() == page.read_bytes()
    assert not [p for p in lint(root=root).problems if p.path.startswith("seeds")]


def test_a_second_article_of_one_outlet_and_day_gets_its_own_id(project):
    root, page = project
    add_article(page, root)
    other = page.with_name("other.txt")
    other.write_text(SYNDICATED.replace("1,271", "1,307"), encoding="utf-8")
    assert add_article(other, root).article_id == "example-2024-04-02-2"


def test_a_page_without_a_date_asks_for_one_and_takes_it(project):
    root, page = project
    page.write_text("Khunjerab Port Busy\n\nThe Khunjerab Port handled 1,271 vehicles in March, customs said.\n")
    rows = metadata_rows(root)
    with pytest.raises(BadSeed, match=r"no outlet .* and no date .* --outlet '.*' --published YYYY-MM-DD"):
        add_article(page, root)
    assert metadata_rows(root) == rows and len(list((root / "seeds").glob("*.txt"))) == len(rows), "nothing written"
    added = add_article(page, root, outlet="Tianshannet", published="2024-04-02")
    assert added.article_id == "tianshannet-2024-04-02" and metadata_rows(root)[-1]["published"] == "2024-04-02"


@pytest.mark.parametrize(
    "data, message",
    [(b"\xff\xfe not utf-8", r"page\.txt: line 1"), (b"  \n\n", r"page\.txt: the file is empty")],
    ids=["not UTF-8", "empty"],
)
def test_a_page_that_is_no_text_is_refused_naming_it_and_nothing_is_written(project, data, message):
    root, page = project
    page.write_bytes(data)
    listed = sorted(p.name for p in (root / "seeds").iterdir())
    with pytest.raises(BadSeed, match=message):
        add_article(page, root)
    assert sorted(p.name for p in (root / "seeds").iterdir()) == listed and not (root / "review").exists()


def test_a_missing_page_and_a_bad_date_are_refused(project):
    root, page = project
    with pytest.raises(BadSeed, match="no such file"):
        add_article(page.with_name("nothing.txt"), root)
    with pytest.raises(BadParameter, match="YYYY-MM-DD"):
        add_article(page, root, published="2 April 2024")


def test_the_command_line_takes_a_file_and_the_two_overrides():
    arguments = parser().parse_args(["add", "page.txt", "--outlet", "APP", "--published", "2024-04-02"])
    assert (arguments.file, arguments.outlet, arguments.published) == ("page.txt", "APP", "2024-04-02")


def test_where_the_page_was_found_becomes_its_address_row_once_and_a_bad_address_writes_nothing(project):
    root, page = project
    table = root / "data" / "source_addresses.csv"
    before = table.read_bytes()
    with pytest.raises(BadParameter, match="--address"):
        add_article(page, root, address="example.com/page 1")
    assert table.read_bytes() == before and len(metadata_rows(root)) == len(list((root / "seeds").glob("*.txt")))
    added = add_article(page, root, address="https://example.com/khunjerab-march.html")
    with open(table, encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert table.read_bytes().startswith(before), "the rows already there are kept as they were"
    assert rows[-1]["article_id"] == added.article_id and rows[-1]["address"].endswith("khunjerab-march.html")
    # the dateline's agency (APP) has its own site: a page elsewhere republishes its report
    assert rows[-1]["kind"] == "english_republished"
    assert rows[-1]["published"] == metadata_rows(root)[-1]["published"]
    assert any(d.startswith("source address: ") for d in added.metadata_decisions)
    add_article(page, root, address="https://example.com/khunjerab-march.html")
    with open(table, encoding="utf-8", newline="") as stream:
        assert len(list(csv.DictReader(stream))) == len(rows), "the same address is not added twice"
    assert not [p for p in lint(root=root).problems if "source_addresses" in p.path]


def test_adding_a_page_again_with_another_outlet_is_refused_naming_its_row_and_nothing_changes(project):
    # the row already there keeps its id: a silent 'already there' left the editor with the wrong id
    root, page = project
    first = add_article(page, root)
    rows = metadata_rows(root)
    with pytest.raises(
        BadSeed, match=rf"metadata\.csv: line \d+: this page is already article {first.article_id}.*--outlet"
    ):
        add_article(page, root, outlet="Another Outlet")
    assert metadata_rows(root) == rows


@pytest.mark.parametrize(
    "address, outlet, dateline, kind",
    [
        (
            "http://en.people.cn/n3/2026/0113/c90000-1.html",
            "Xinhua",
            "URUMQI, Jan. 13 (Xinhua) --",
            "english_republished",
        ),
        ("https://english.news.cn/20231109/1/c.html", "Xinhua", "URUMQI, Nov. 9 (Xinhua) --", "english_original"),
        ("https://www.chinadaily.com.cn/a/1.html", "China Daily", "By Ren Qi | China Daily", "english_original"),
        ("https://example.org/1.html", "Xinhua (as carried by People's Daily Online)", "", "english_republished"),
    ],
)
def test_the_address_kind_is_drafted_from_who_the_report_is_by_and_where_it_stands(address, outlet, dateline, kind):
    assert _address_kind(address, {"outlet": outlet, "dateline_as_printed": dateline}) == kind


def test_an_outlet_s_words_in_brackets_are_no_part_of_the_article_id(project):
    root, page = project
    added = add_article(page, root, outlet="UrduPoint (Pakistan Point News, from APP)")
    assert added.article_id == "urdupoint-2024-04-02"
    # the point to check names the id the row has, not the one drafted before --outlet
    assert any(d.startswith("article_id: urdupoint-2024-04-02 ") for d in added.metadata_decisions)


# A wire report carried a day later by another site, whose header line is its row of share buttons.
CARRIED_A_DAY_LATER = (
    " date 2024-04-03 Apple News Facebook Twitter Instagram YouTube Wednesday, Apr 3, 2024\n"
    "Khunjerab Pass sees more trucks in early spring\n\n"
    "(Xinhua) 09:03, April 03, 2024\n\n"
    "URUMQI, April 2 (Xinhua) -- The Khunjerab Port handled 1,271 vehicles in March, up 14.2 percent year on year.\n"
)


@pytest.mark.parametrize("given", [None, "2024-04-03"])
def test_a_carried_wire_report_is_dated_by_its_dateline_and_its_address_row_by_the_page(project, given):
    root, page = project
    page.write_text(CARRIED_A_DAY_LATER, encoding="utf-8")
    added = add_article(page, root, published=given, address="https://example.org/khunjerab.html")
    row = metadata_rows(root)[-1]
    # the page's date, given or printed, changes neither the id nor the period 'this year' is read against
    assert (added.article_id, row["published"]) == ("xinhua-2024-04-02", "2024-04-02")
    assert any(d.startswith("published: 2024-04-02, the dateline's date") for d in added.metadata_decisions)
    with open(root / "data" / "source_addresses.csv", encoding="utf-8", newline="") as stream:
        assert list(csv.DictReader(stream))[-1]["published"] == "2024-04-03"
    # the header's share buttons are no headline: the line after them is
    assert row["headline"] == "Khunjerab Pass sees more trucks in early spring"
    assert any(d.startswith("headline: the page's header line is its menu") for d in added.metadata_decisions)


def test_a_wire_report_on_another_site_is_named_as_carried_by_the_site_the_book_already_names(project):
    root, page = project
    page.write_text(CARRIED_A_DAY_LATER, encoding="utf-8")
    table = root / "data" / "source_addresses.csv"
    with open(table, "a", encoding="utf-8", newline="") as stream:
        csv.writer(stream, lineterminator="\n").writerow(
            [
                "xinhua-2022-05-30",
                "english_republished",
                "https://carrier.example/old.html",
                "Carrier Daily (Xinhua wire)",
                "2022-05-30",
                "",
                "",
            ]
        )
    added = add_article(page, root, address="https://carrier.example/khunjerab.html")
    assert metadata_rows(root)[-1]["outlet"] == "Xinhua (as carried by Carrier Daily)"
    assert added.article_id == "xinhua-2024-04-02"
    with open(table, encoding="utf-8", newline="") as stream:
        assert list(csv.DictReader(stream))[-1]["outlet"] == "Carrier Daily (Xinhua wire)"
    # a site the book has not named yet is named by its host, and the editor is asked for its name
    page.write_text(CARRIED_A_DAY_LATER.replace("1,271", "1,272"), encoding="utf-8")
    again = add_article(page, root, address="https://other.example/khunjerab.html")
    assert metadata_rows(root)[-1]["outlet"] == "Xinhua (as carried by other.example)"
    assert any("write the site's name for other.example" in d for d in again.metadata_decisions)


def test_a_header_that_is_a_share_button_and_a_dateline_run_into_the_text_are_no_headline(project):
    root, page = project
    page.write_text(
        " date 2023-03-19 Share:\n\nKASHGAR-The Khunjerab Port handled 1,271 vehicles in March, up 14.2 percent year "
        "on year, according to the local customs.\n",
        encoding="utf-8",
    )
    added = add_article(page, root, outlet="The Nation")
    row = metadata_rows(root)[-1]
    assert (row["headline"], row["dateline_as_printed"]) == ("(headline not in our copy of the page)", "KASHGAR-")
    assert any(d.startswith("headline: the page's header line is a button") for d in added.metadata_decisions)
