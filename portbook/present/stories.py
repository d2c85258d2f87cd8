"""The stories an editor writes in Markdown (book/stories/*.md), checked before a chapter shows them.

A story never types a figure: every number is a reference to a claim (`{claim}`id``, `{claim-period}`id``,
`{claim-printed}`id``, `{claim-verdict}`id``) or to a figure published elsewhere (`{reference}`id``, a row of
data/references.csv) that the build renders from the data. A reference to an unknown claim or figure, or a digit
typed outside a reference (a year such as 2021 excepted), is refused with the file and line.
A year ("2021") or a date ("24 November 2026") names a time, not a quantity, and may be typed. How many articles the
book holds is `{count}`articles``: typed in words ("the five articles"), it turns
false when an editor adds the sixth, and is refused.

A story is written from the articles there were when it was written. When a new article brings figures for a port
whose story refers to none of them, the story may now be wrong ("the articles give no figure for Urumqi"):
`stories_to_reread` says which, for `accept` to tell the editor, and `unreferred_articles` which, for the port's
chapter to tell its reader under the story until the editor has rewritten it.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from portbook import paths
from portbook.errors import TypedFigure, UnknownClaim
from portbook.ids import output_path, require_id, shown
from portbook.numbers.ledger import read_csv
from portbook.present.figures import MONTH_NAMES

STORIES = paths.BOOK / "stories"
REFERENCE = re.compile(r"\{(claim(?:-[a-z]+)?|reference|count)\}`([^`]*)`")
# what `{count}` counts, and the table each is the rows of (the book's own sources, as they grow)
COUNTED = {"articles": "seeds/metadata.csv"}
# a count of the book's own sources typed in words: "the five articles" turns false when the sixth comes
# ("the same fact in two articles" counts no sources of the book: the words before the count say whose it is)
TYPED_COUNT = re.compile(
    r"\b(?:the|all|these|our|read|took)\s+(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
    r"(?:[a-z-]+\s+)?"
    r"(?:articles|reports)\b",
    re.I,
)
# a calendar year or date names a time, not a quantity; any other digit in prose is a figure someone typed
MONTHS = "|".join(MONTH_NAMES)
YEAR = re.compile(rf"(?<!\d)(?:(?:[1-9]|[12]\d|3[01]) (?:{MONTHS}) )?(?:19|20)\d\d(?!\d)")
DIGIT = re.compile(r"\d")


def story_path(name: str) -> Path:
    """Where the story called `name` lives (a port id, or a named piece such as '_front'); a name that is not an
    id (after the piece's leading '_') is refused before it becomes a path."""
    require_id(name.removeprefix("_"), f"story name {name[:80]!r}", "story name")
    return output_path(STORIES, name, ".md") if not name.startswith("_") else STORIES / f"{name}.md"


def problems(text: str, place: str, known_ids, known_references=None) -> list[str]:
    """Every unknown claim or reference and every typed figure in a story, as 'file:line: what is wrong';
    ``known_references`` are the ids of data/references.csv (read from it when not given).

    >>> problems("Trade was {claim}`a` in 2021.\\nIt rose 12 times.\\n{claim}`b`", "s.md", {"a"}, set())
    ["s.md:2: a figure is typed ('It rose 12 times.'): refer to a claim instead, e.g. {claim}`<claim_id>`", "s.md:3: unknown claim 'b'; closest: (none)"]
    >>> problems("Another report gives {reference}`r`.", "s.md", set(), {"q"})
    ["s.md:1: unknown reference 'r' (data/references.csv); closest: (none)"]
    """
    known = set(known_ids)
    references = set(reference_ids() if known_references is None else known_references)
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        prose = YEAR.sub("", REFERENCE.sub("", line))
        if DIGIT.search(prose):
            found.append(
                f"{place}:{number}: a figure is typed ({line.strip()[:80]!r}): refer to a claim instead, "
                "e.g. {claim}`<claim_id>`"
            )
        typed = TYPED_COUNT.search(REFERENCE.sub("", line))
        if typed:
            found.append(
                f"{place}:{number}: a count of the book's articles is typed ({typed.group()!r}): write "
                "{count}`articles` instead, which the build counts"
            )
        for role, claim_id in REFERENCE.findall(line):
            if role == "count":
                if claim_id not in COUNTED:
                    found.append(f"{place}:{number}: unknown count {claim_id[:80]!r}; known: {', '.join(COUNTED)}")
            elif role == "reference":
                if claim_id not in references:
                    close = ", ".join(difflib.get_close_matches(claim_id, sorted(references), n=3, cutoff=0.5))
                    found.append(
                        f"{place}:{number}: unknown reference {claim_id[:80]!r} (data/references.csv); "
                        f"closest: {close or '(none)'}"
                    )
            elif claim_id not in known:
                close = ", ".join(difflib.get_close_matches(claim_id, sorted(known), n=3, cutoff=0.5)) or "(none)"
                found.append(f"{place}:{number}: unknown claim {claim_id[:80]!r}; closest: {close}")
    return found


def reference_ids() -> set[str]:
    """The ids of data/references.csv, the figures published elsewhere that a story may cite."""
    path = paths.DATA / "references.csv"
    return set(read_csv(path).reference_id) if path.is_file() else set()


def read_story(name: str, known_ids) -> str | None:
    """A story's Markdown, checked; None where no story has been written yet. Raises on a bad reference."""
    path = story_path(name)
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    found = problems(text, str(path.relative_to(paths.ROOT)), known_ids)
    if found:
        error = UnknownClaim if all("unknown claim" in p or "unknown reference" in p for p in found) else TypedFigure
        raise error("\n".join(found))
    return text


def referred_claims(text: str) -> set[str]:
    """The claim ids a story refers to, whatever the role.

    >>> sorted(referred_claims("It handled {claim}`u1` in {claim-period}`u2`; {reference}`r1`."))
    ['u1', 'u2']
    """
    return {claim_id for role, claim_id in REFERENCE.findall(text) if role.startswith("claim")}


def unreferred_articles(text: str, claims) -> list[tuple[str, int]]:
    """(article id, how many claims) for each article of ``claims`` (rows with claim_id and article_id, one port's)
    that the story refers to none of: its figures came after the story, or the story leaves them out. In the order
    the articles first appear in ``claims``.

    >>> import pandas as pd
    >>> rows = pd.DataFrame({"claim_id": ["a1", "n1", "n2"], "article_id": ["old", "new", "new"]})
    >>> unreferred_articles("It handled {claim}`a1`.", rows)
    [('new', 2)]
    """
    referred = referred_claims(text)
    return [
        (article_id, len(mine))
        for article_id, mine in claims.groupby("article_id", sort=False)
        if not referred & set(mine.claim_id)
    ]


def stories_to_reread(article_id: str, claims, entity_ports: dict[str, str], stories: Path = STORIES) -> list[str]:
    """For each port an article has claims on, a line when the port's story refers to none of them (written before
    the article came, it may now be wrong) or when the port has no story yet. ``claims`` are the ledger's rows
    (claim_id, article_id, entity), ``entity_ports`` an entity id -> its port's id.

    >>> import pandas as pd, tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "urumqi.md").write_text("The articles give no figure for Urumqi.")
    >>> rows = pd.DataFrame({"claim_id": ["u1", "u2"], "article_id": ["new", "new"], "entity": ["dry-port"] * 2})
    >>> stories_to_reread("new", rows, {"dry-port": "urumqi"}, folder)
    ["book/stories/urumqi.md refers to none of the 2 claim(s) this article has on urumqi (u1, u2): it was written without them. Until it refers to one, the port's chapter says so under the story and lists them with its findings; read it again when you can and refer to them where it tells what they show"]
    >>> _ = (folder / "urumqi.md").write_text("It handled {claim}`u1`.")
    >>> stories_to_reread("new", rows, {"dry-port": "urumqi"}, folder)
    []
    """
    mine = claims[claims.article_id == article_id]
    by_port: dict[str, list[str]] = {}
    for claim_id, entity in zip(mine.claim_id, mine.entity):
        port = entity_ports.get(entity, "")
        if port:
            by_port.setdefault(port, []).append(claim_id)
    lines = []
    for port, ids in sorted(by_port.items()):
        require_id(port, f"the port of claim {shown(ids[0])}", "port id")
        path = output_path(stories, port, ".md")
        shown_path = f"book/stories/{port}.md"
        listed = ", ".join(ids[:5]) + (", ..." if len(ids) > 5 else "")
        if not path.is_file():
            lines.append(f"{shown_path} does not exist: {port} has no story yet for its {len(ids)} claim(s) ({listed})")
            continue
        if not referred_claims(path.read_text(encoding="utf-8")) & set(ids):
            lines.append(
                f"{shown_path} refers to none of the {len(ids)} claim(s) this article has on {port} ({listed}): it "
                "was written without them. Until it refers to one, the port's chapter says so under the story and "
                "lists them with its findings; read it again when you can and refer to them where it tells what they show"
            )
    return lines
