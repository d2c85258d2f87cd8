"""Stories an editor writes: figures only as claim references, every reference to a known claim."""

import json

import pytest
from conftest import ROOT, build_book, build_problems

from portbook.errors import TypedFigure, UnknownClaim
from portbook.numbers.ledger import read_csv
from portbook.present import stories

LEDGER_IDS = set(read_csv(ROOT / "data" / "claims.csv").claim_id)


def markdown_cells(notebook: str) -> str:
    cells = json.loads((ROOT / "notebooks" / notebook).read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown")


PROSE = sorted((ROOT / "book" / "stories").glob("*.md")) + [ROOT / "book" / "index.md"]
ABOUT = sorted((ROOT / "book" / "about").glob("*.md"))


@pytest.mark.parametrize("path", PROSE, ids=lambda p: p.name)
def test_prose_types_no_figure_and_refers_only_to_known_claims(path):
    assert stories.problems(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)), LEDGER_IDS) == []


@pytest.mark.parametrize("path", ABOUT, ids=lambda p: p.name)
def test_the_about_pages_count_the_articles_by_the_build(path):
    """They may type digits (a licence's version, the glossary's examples), but not how many articles there are."""
    assert not stories.TYPED_COUNT.search(path.read_text(encoding="utf-8"))


def test_the_puzzle_chapter_types_no_figure():
    assert stories.problems(markdown_cells("06-reconcile-figures.ipynb"), "06-reconcile-figures", LEDGER_IDS) == []


@pytest.mark.parametrize(
    "text, error, message",
    [
        ("Trade rose 12 times in 2021.\n", TypedFigure, "stories/kashgar.md:1: a figure is typed"),
        ("Fine {claim}`a`.\nAlso {claim-period}`nope`.\n", UnknownClaim, "stories/kashgar.md:2: unknown claim 'nope'"),
        ("In 2013 and 2022, {claim}`a` and {claim-printed}`a`.\n", None, None),
        ("Another report gives {reference}`r`.\n", None, None),
        ("Another report gives {reference}`q`.\n", UnknownClaim, ":1: unknown reference 'q'"),
        ("Published 24 November 2026, about {claim}`a`.\n", None, None),
        ("On 24 trucks a day.\n", TypedFigure, ":1: a figure is typed"),
        # how many articles the book holds is counted by the build: typed, it turns false with the next article
        ("The five articles tell of a turn.\n", TypedFigure, ":1: a count of the book's articles is typed"),
        ("Three of the six English reports carry it.\n", TypedFigure, "'the six English reports'.*{count}`articles`"),
        ("The {count}`articles` articles tell of a turn; the two ports trade.\n", None, None),
        ("The same fact reported in two articles is checked.\n", None, None),  # no count of the book's sources
        ("We read five news reports.\n", TypedFigure, "'read five news reports'"),
        ("We read {count}`reports` of them.\n", TypedFigure, ":1: unknown count 'reports'"),
        (
            "Trade of one point five billion, in words, is a choice we leave to editors; 1.5 is not.\n",
            TypedFigure,
            ":1:",
        ),
    ],
)
def test_a_story_with_a_typed_figure_or_unknown_claim_is_refused_with_its_line(
    tmp_path, monkeypatch, text, error, message
):
    monkeypatch.setattr(stories, "STORIES", tmp_path / "stories")
    monkeypatch.setattr(stories.paths, "ROOT", tmp_path)
    monkeypatch.setattr(stories, "reference_ids", lambda: {"r"})  # data/references.csv with one row
    (tmp_path / "stories").mkdir()
    (tmp_path / "stories" / "kashgar.md").write_text(text, encoding="utf-8")
    if error is None:
        assert stories.read_story("kashgar", {"a"}) == text
    else:
        with pytest.raises(error, match=message):
            stories.read_story("kashgar", {"a"})


def test_a_missing_story_is_no_story():
    assert stories.read_story("no-such-port-story", LEDGER_IDS) is None


def test_an_unknown_claim_on_the_front_page_fails_the_build_naming_file_and_line(project_copy):
    index = project_copy / "book" / "index.md"
    lines = index.read_text(encoding="utf-8").splitlines()
    # a paragraph of its own, on line 5, so that the line the build names is the line typed
    lines[3:3] = ["", "The zone traded {claim}`kashgar-cbz-trade-2091` that year.", ""]
    index.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = build_book(project_copy)
    assert result.returncode != 0, build_problems(result)
    output = result.stdout + result.stderr
    assert "book/index.md:5" in output and "unknown claim 'kashgar-cbz-trade-2091'" in output, build_problems(result)
    assert "closest: kashgar-cbz-trade-2021" in output, build_problems(result)


def test_a_story_that_refers_to_none_of_an_articles_figures_says_so_under_it(monkeypatch):
    """A story written before an article came stays as its editor wrote it, and the chapter tells the reader, under
    it, which article's figures it does not yet use; a story that uses one figure of each article has no such line."""
    from portbook.present import port_pages

    story = port_pages.PortStory("khorgos")
    monkeypatch.setattr(port_pages, "read_story", lambda name, ids: "An old story, from before any article.\n")
    text = story.written_story()
    assert (
        text.startswith("An old story") and text.count("*Not yet in this story: ") == story.claims.article_id.nunique()
    )
    one_each = " ".join(f"{{claim}}`{mine.claim_id.iloc[0]}`" for _, mine in story.claims.groupby("article_id"))
    monkeypatch.setattr(port_pages, "read_story", lambda name, ids: one_each)
    assert "Not yet in this story" not in story.written_story()
