import hashlib
from pathlib import Path

import pytest

from portbook.errors import BadSeed, UnknownArticle
from portbook.sources import seeds

ROOT = Path(__file__).resolve().parent.parent
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"


def test_every_seed_matches_its_recorded_checksum():
    metadata = seeds.load_metadata()
    assert len(metadata) == len(list((ROOT / "seeds").glob("*.txt"))) >= 5
    for info in metadata.values():
        data = (ROOT / "seeds" / info.seed_file).read_bytes()
        assert hashlib.sha256(data).hexdigest() == info.sha256, info.seed_file


@pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason="../shared/seeds is not beside this clone")
def test_seeds_are_byte_identical_to_the_articles_as_received():
    received = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in SHARED_SEEDS.glob("*.txt")}
    kept = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (ROOT / "seeds").glob("*.txt")}
    assert kept == received


def test_every_seed_file_has_one_metadata_row():
    listed = {info.seed_file for info in seeds.load_metadata().values()}
    assert listed == {p.name for p in (ROOT / "seeds").glob("*.txt")}


def test_metadata_dates_are_real_dates_and_evidence_is_given():
    for info in seeds.load_metadata().values():
        assert 2000 < info.published.year < 2030
        assert len(info.date_evidence) > 20 and info.date_disagreement


SHA = "0" * 64  # a well-formed checksum: these tables fail before any seed is read


def write_metadata(path: Path, rows: list[str]) -> Path:
    header = ",".join(seeds.METADATA_COLUMNS)
    path.write_text("\n".join([header, *(row.format(SHA=SHA) for row in rows)]) + "\n", encoding="utf-8")
    for name in {row.split(",")[1] for row in rows}:  # the files the rows name, so that none is missing
        (path.parent / name).write_text("text\n", encoding="utf-8")
    return path


def test_a_bad_date_is_refused_with_file_line_and_article(tmp_path):
    metadata = write_metadata(tmp_path / "metadata.csv", ["a,f.txt,{SHA},o,h,d,2023-13-01,e,n"])
    with pytest.raises(BadSeed, match=r"metadata\.csv:2: article 'a': published '2023-13-01'"):
        seeds.load_metadata(metadata)


def test_a_duplicate_article_id_is_refused(tmp_path):
    metadata = write_metadata(
        tmp_path / "metadata.csv", ["a,f.txt,{SHA},o,h,d,2023-01-01,e,n", "a,g.txt,{SHA},o,h,d,2023-01-01,e,n"]
    )
    with pytest.raises(BadSeed, match=r"metadata\.csv:3: article id 'a' appears twice"):
        seeds.load_metadata(metadata)


def test_an_unknown_article_lists_the_known_ones():
    with pytest.raises(UnknownArticle, match="xinhua-2022-05-30"):
        seeds.seed_info("xinhua-2022")


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "is empty"),
        (b"  \n\n", "is empty"),
        (b"line one\nline two \xff\xfe broken\n", r"line 2: not UTF-8"),
    ],
)
def test_an_empty_or_undecodable_seed_is_refused_with_its_file(tmp_path, content, message):
    (tmp_path / "bad.txt").write_bytes(content)
    sha256 = hashlib.sha256(content).hexdigest()
    info = seeds.SeedInfo("bad", "bad.txt", sha256, "o", "h", "d", seeds.dt.date(2023, 1, 1), "e", "n")
    with pytest.raises(BadSeed, match=message) as caught:
        seeds.decode_seed(seeds.read_seed_bytes(info, tmp_path), str(tmp_path / "bad.txt"))
    assert "bad.txt" in str(caught.value)


def test_an_altered_seed_is_refused(tmp_path):
    info = next(iter(seeds.load_metadata().values()))
    (tmp_path / info.seed_file).write_bytes((ROOT / "seeds" / info.seed_file).read_bytes() + b" ")
    with pytest.raises(BadSeed, match="differs from seeds/metadata.csv"):
        seeds.read_seed_bytes(info, tmp_path)


@pytest.mark.parametrize(
    "row, message",
    [
        ("nope,english_original,https://example.org/a,Outlet,,q,n", "article 'nope' is not in seeds/metadata.csv"),
        ("known,scraped,https://example.org/a,Outlet,,q,n", "kind 'scraped' is not one of"),
        (
            "known,english_original,javascript:alert(1),Outlet,,q,n",
            r"address 'javascript:alert\(1\)' is not an http\(s\)",
        ),
    ],
)
def test_a_bad_source_address_is_refused_with_its_line(tmp_path, row, message):
    path = tmp_path / "source_addresses.csv"
    path.write_text("article_id,kind,address,outlet,published,found_by,note\n" + row + "\n", encoding="utf-8")
    with pytest.raises(BadSeed, match=f"source_addresses.csv:2: column '[a-z_]+': {message}"):
        seeds.load_addresses({"known"}, path)


def test_every_source_address_names_a_known_article():
    found = seeds.load_addresses(seeds.load_metadata())
    assert found, "data/source_addresses.csv gives no address"


def test_the_metadata_a_reader_sees_says_our_copy_of_the_page_not_scrape():
    """Outlet, headline and date evidence show on the article and audit pages: in a reader's words."""
    for info in seeds.load_metadata().values():
        for field in ("outlet", "headline", "date_evidence"):
            assert "scrape" not in str(getattr(info, field, "")).lower(), (info.article_id, field)


@pytest.mark.parametrize(
    "headline, title",
    [
        ("Trade booms (headline not in our copy of the page; descriptive title)", "Trade booms"),
        ("China (Xinjiang) Pilot Free Trade Zone turns two", "China (Xinjiang) Pilot Free Trade Zone turns two"),
        ("(headline not in our copy of the page)", "(headline not in our copy of the page)"),
    ],
)
def test_a_reader_is_shown_the_editor_s_title_without_the_bracket_that_says_the_page_printed_none(headline, title):
    info = seeds.SeedInfo("x-2024-01-02", "001_x.txt", "0" * 64, "X", headline, "", seeds.dt.date(2024, 1, 2), "", "")
    assert info.title == title
