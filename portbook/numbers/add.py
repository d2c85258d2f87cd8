"""`add`: a page's text becomes the book's next article in one step.

Adding an article by hand took an editor four steps before any decision: save the page under the name the seeds
have, have `lint` draft its row of seeds/metadata.csv and paste it, run `propose --write`, then find the decisions.
`add` does the four, and leaves the editor only what needs a person: the drafted metadata row's guesses, and the
drafted rows in review/<article_id>/ with their worksheet. It is the editor's act, like `accept`; the build never
runs it.

The page given is never changed: its bytes are copied into seeds/ under their canonical name (a page saved in
seeds/ under another name is renamed, since seeds/ holds only listed seeds). Nothing is written before the page is
known to be readable text. A page already added is not added twice: `add` on the same bytes finds its seed and
its row and only drafts again, so it can be rerun after a failure or after the row was corrected by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from portbook import atomic, paths
from portbook.errors import BadParameter, BadSeed
from portbook.ids import require_id
from portbook.numbers.lint import csv_row, load_inputs, propose_for
from portbook.numbers.propose import REVIEW, Proposal, unique_id, write_review
from portbook.numbers.side_tables import article_id_of, draft_metadata
from portbook.numbers.worksheet import MetadataCheck
from portbook.sources.seeds import ADDRESS_COLUMNS, METADATA_COLUMNS, decode_seed
from portbook.sources.tables import read_records, with_rows_appended

# A page that carries another outlet's report says so in its outlet ('Xinhua (as carried by People's Daily Online)')
# or in its dateline's agency ('URUMQI, Jan. 13 (Xinhua) --' on en.people.cn, '(APP - UrduPoint ...)'), unless it is
# on that agency's own site.
_CARRIED = re.compile(r"\b(?:carried by|republished|syndicated)\b", re.I)
_AGENCY_SITES = {"xinhua": ("news.cn", "xinhuanet.com"), "app": ("app.com.pk",), "afp": ("afp.com",)}
_AGENCY = re.compile(r"\((?P<agency>Xinhua|APP|AFP)\b", re.I)


def _host(address: str) -> str:
    return re.sub(r"^https?://([^/]+).*$", r"\1", address).lower()


def carrier(address: str, dateline: str, addresses: list[dict]) -> tuple[str, str] | None:
    """(agency, site) when the dateline names a wire agency and the page stands on another site: the site by the
    name the book's address rows already give that host ('People's Daily Online (Xinhua wire)'), else its host.

    >>> known = [{"address": "http://en.people.cn/n3/2022/0530/c9.html", "outlet": "People's Daily Online (Xinhua wire)"}]
    >>> carrier("http://en.people.cn/n3/2024/0821/c9.html", "URUMQI, Aug. 21 (Xinhua) --", known)
    ('Xinhua', "People's Daily Online")
    >>> carrier("https://www.example.pk/a.html", "URUMQI, Aug. 21 (Xinhua) --", known)
    ('Xinhua', 'www.example.pk')
    >>> carrier("https://english.news.cn/a.html", "URUMQI, Aug. 21 (Xinhua) --", known) is None
    True
    """
    agency = _AGENCY.search(dateline)
    host = _host(address)
    if agency is None or host.endswith(_AGENCY_SITES[agency["agency"].lower()]):
        return None
    site = next((r["outlet"].split(" (")[0] for r in addresses if _host(r["address"]) == host and r["outlet"]), host)
    return agency["agency"], site


def _address_kind(address: str, metadata: dict) -> str:
    """english_republished when the row's outlet says it carries another's report, or the dateline names an agency
    whose own site the address is not on; else english_original (a point the editor checks either way)."""
    if _CARRIED.search(metadata["outlet"]):
        return "english_republished"
    agency = _AGENCY.search(metadata.get("dateline_as_printed", ""))
    if agency and not _host(address).endswith(_AGENCY_SITES[agency["agency"].lower()]):
        return "english_republished"
    return "english_original"


_ADDRESS = re.compile(r"https?://[^\s\x00-\x1f\x7f]+")


def _add_address(table: Path, article_id: str, address: str, metadata: dict, carried: tuple[str, str] | None) -> str:
    """Append the page's address to data/source_addresses.csv, unless the article has it; the point to check.
    ``carried`` is the wire agency and the site that carries its report (``carrier``), when the page is one."""
    _, records = read_records(table, BadSeed) if table.is_file() else ([], [])
    held = next((line for line, r in records if r["article_id"] == article_id and r["address"] == address), None)
    if held is not None:
        return f"source address: data/source_addresses.csv already holds it (line {held})"
    kind = _address_kind(address, metadata)
    row = {
        "article_id": article_id,
        "kind": kind,
        "address": address,
        # the page's outlet, as the book's address rows name a site that carries a wire report
        "outlet": f"{carried[1]} ({carried[0]} wire)" if carried else metadata["outlet"],
        "published": metadata["published"],
        "found_by": "",
        "note": "",
    }
    header = ",".join(ADDRESS_COLUMNS)
    atomic.write_text(table, with_rows_appended(table, csv_row(ADDRESS_COLUMNS, row) + "\n", header))
    line = read_records(table, BadSeed)[1][-1][0]
    if kind == "english_republished":
        return (
            f"source address: data/source_addresses.csv, line {line}, kind english_republished (the outlet or the "
            "dateline names another outlet's report): if the page is that outlet's own write english_original, and "
            "say in found_by how you found it"
        )
    return (
        f"source address: data/source_addresses.csv, line {line}, kind english_original: if the page republishes "
        "another outlet's report write english_republished, and say in found_by how you found it"
    )


def _address_rows(root: Path) -> list[dict]:
    table = root / "data" / "source_addresses.csv"
    return [row for _, row in read_records(table, BadSeed)[1]] if table.is_file() else []


@dataclass
class Added:
    """What `add` did: the seed, its row of seeds/metadata.csv (line, and the guesses in it to check), the drafts."""

    article_id: str
    seed: Path
    metadata_line: int
    metadata_decisions: list[str]
    proposal: Proposal
    written: list[Path] = field(default_factory=list)
    new_seed: bool = True
    new_row: bool = True


def _row(drafted: dict, page: Path, outlet: str | None, published: str | None, taken: set[str]) -> dict:
    """The metadata row to append: the draft, with the editor's outlet and date, under an id no other row has."""
    row = dict(drafted)
    if outlet:
        row["outlet"] = outlet
    if published:
        row["published"] = published
    if outlet or published:
        row["article_id"] = article_id_of(row["outlet"], row["published"])
    # the id is made of both: an article cannot be added without them
    needs = (
        ("outlet", "no outlet this project knows", "--outlet 'China Daily'"),
        ("published", "no date of publication", "--published YYYY-MM-DD"),
    )
    missing = [(what, option) for column, what, option in needs if not row[column]]
    if missing:
        raise BadSeed(
            f"{page}: {' and '.join(w for w, _ in missing)} found in the page; give it: python -m portbook add {page} "
            + " ".join(option for _, option in missing)
        )
    row["article_id"] = unique_id(require_id(row["article_id"], str(page), "the drafted article id"), taken)
    return row


def add_article(
    page: Path,
    root: Path = paths.ROOT,
    outlet: str | None = None,
    published: str | None = None,
    address: str | None = None,
) -> Added:
    """Copy the page into ``root``/seeds under its canonical name, append its drafted row to seeds/metadata.csv
    (unless the seed has one), and write the drafts of its numbers to review/<article_id>/. ``outlet`` and
    ``published`` replace the drafted cells (and the article id made of them); ``address``, where the page was
    found, becomes its row of data/source_addresses.csv (unless it has one)."""
    page, root = Path(page), Path(root)
    if address is not None and not _ADDRESS.fullmatch(address):
        raise BadParameter(f"--address {address[:200]!r}: give the page's http(s) address, with no spaces")
    if not page.is_file():
        raise BadSeed(f"{page}: no such file; give the path of the page's text, saved as UTF-8")
    data = page.read_bytes()
    text = decode_seed(data, str(page))
    if not text.strip():
        raise BadSeed(f"{page}: the file is empty; save the page's text in it")
    if published is not None:
        try:
            date.fromisoformat(published)
        except ValueError:
            raise BadParameter(f"--published {published!r}: write the date as YYYY-MM-DD") from None
    seeds, metadata = root / "seeds", root / "seeds" / "metadata.csv"
    _, records = read_records(metadata, BadSeed)
    rows = [row for _, row in records]
    listed = sorted(p.name for p in seeds.iterdir() if p.suffix == ".txt")
    draft = draft_metadata(page, listed)
    seed = seeds / draft.row["seed_file"]
    held = next((r for r in rows if r["sha256"] == draft.row["sha256"]), None)
    page_date = ""
    # everything that can refuse is decided before anything is written
    if held is not None:
        article_id = held["article_id"]
        line = records[rows.index(held)][0]
        ignored = [
            f"--{name} {given!r}"
            for name, given in (("outlet", outlet), ("published", published))
            if given and given != held[name]
        ]
        if ignored:
            raise BadSeed(
                f"seeds/metadata.csv: line {line}: this page is already article {article_id}, whose row {held['outlet']!r}"
                f", {held['published']} is kept: {' and '.join(ignored)} would change its id. Correct that row's "
                f"outlet, published and article_id by hand, or delete the row, the seed {held['seed_file']} and "
                f"review/{article_id}/, then run add again"
            )
        decisions = [f"seeds/metadata.csv already holds this page (line {line}): its row is kept as it is"]
    else:
        page_date = published or draft.page_date
        if published and draft.dated_by_dateline and published != draft.row["published"]:
            # a wire report's date is its dateline's (the book's ids and 'this year' take it); the date given is the
            # page's, which its address row keeps
            published = None
        row = _row(draft.row, page, outlet, published, {r["article_id"] for r in rows})
        article_id = row["article_id"]
        given = [prefix for prefix, value in (("outlet:", outlet), ("published:", published)) if value]
        decisions = [
            d.replace(f"article_id: {draft.row['article_id']} ", f"article_id: {article_id} ", 1)
            for d in draft.decisions
            if not d.startswith(tuple(given))
        ]
        if article_id != draft.row["article_id"] and not (outlet or published):
            decisions.insert(0, f"article_id: {article_id}, since another article has {draft.row['article_id']}")
        if page_date and page_date != row["published"] and draft.dated_by_dateline:
            decisions.insert(
                1,
                f"published: {row['published']}, the dateline's date ({row['dateline_as_printed']!r}), as the book "
                f"dates every wire report, in its id and for 'this year'; the page's own date, {page_date}, goes in "
                "its address row",
            )
    carried = carrier(address, (held or row)["dateline_as_printed"], _address_rows(root)) if address else None
    if held is None and carried and row["outlet"] == carried[0]:
        # the book's rows say who wrote the report and who printed it: 'Xinhua (as carried by People's Daily
        # Online)'; the id keeps the agency's name
        row["outlet"] = f"{carried[0]} (as carried by {carried[1]})"
        decisions.append(
            f"outlet: {row['outlet']!r}, as the book names a wire report on another site"
            + (f"; write the site's name for {carried[1]}" if carried[1] == _host(address) else "")
        )
    new_seed = not seed.is_file()
    if new_seed:
        atomic.write_bytes(seed, data)
    if page.resolve().parent == seeds.resolve() and page.resolve() != seed.resolve():
        page.unlink()  # saved in seeds/ under another name: now it is a rename
    if held is None:
        atomic.write_text(metadata, with_rows_appended(metadata, csv_row(METADATA_COLUMNS, row) + "\n"))
        line = read_records(metadata, BadSeed)[1][-1][0]
    if address is not None:
        page_dated = {**(held or row), "published": (held or {}).get("published") or page_date or row["published"]}
        decisions.append(_add_address(root / "data" / "source_addresses.csv", article_id, address, page_dated, carried))
    inputs = load_inputs(root)
    if article_id not in inputs.articles:
        problem = next((p for p in inputs.problems if article_id in p.message or "metadata" in p.path), None)
        raise BadSeed(
            f"seeds/metadata.csv: line {line}: article {article_id} cannot be read"
            + (f": {problem}" if problem else "")
            + "; correct the row, then run add again"
        )
    proposal = propose_for(inputs, article_id)
    written = write_review(proposal, root / REVIEW.relative_to(paths.ROOT), MetadataCheck(line, decisions))
    return Added(article_id, seed, line, decisions, proposal, written, new_seed, held is None)
