"""Every claim's own audit page: the same trail as `python -m portbook check`, verdict first, stale pages removed."""

import json
import re
from collections import Counter

from bs4 import BeautifulSoup
from conftest import ROOT

from portbook.build import audit_pages
from portbook.present.links import verdict_slug
from portbook.reconcile import verdicts
from portbook.reconcile.book_state import BookState
from portbook.reconcile.trail import Trail, build_trail


def trails_fixture(root, claim_ids):
    state = BookState()
    data = [build_trail(claim_id, state).to_json() for claim_id in claim_ids]
    (root / "data" / "processed").mkdir(parents=True)
    (root / "data" / "processed" / "trails.json").write_text(json.dumps(data), encoding="utf-8")
    return data


def test_pages_are_written_one_per_claim_and_stale_ones_removed(tmp_path):
    data = trails_fixture(tmp_path, ["kashgar-cbz-trade-2021", "xinjiang-land-border-length"])
    stale = tmp_path / "book" / "claims" / "a-claim-no-longer-in-the-ledger.md"
    stale.parent.mkdir(parents=True)
    stale.write_text("old", encoding="utf-8")
    assert audit_pages.write_audit_pages(tmp_path) == 2
    pages = sorted(p.name for p in (tmp_path / "book" / "claims").glob("*.md"))
    assert pages == ["kashgar-cbz-trade-2021.md", "xinjiang-land-border-length.md"]
    page = (tmp_path / "book" / "claims" / "kashgar-cbz-trade-2021.md").read_text(encoding="utf-8")
    front, _, body = page.removeprefix("---\n").partition("\n---\n")
    assert "orphan: true" in front.splitlines(), "a claim page is outside the table of contents, without a warning"
    assert body.startswith("# Check: Kashgar Comprehensive Bonded Zone: trade, 2021\n")
    assert page.index('id="verdict"') < page.index("The audit, step by step")
    index = (tmp_path / "book" / "verdicts" / "index.md").read_text(encoding="utf-8")
    for trail in data:
        assert f"../claims/{trail['claim_id']}.html#verdict" in index
        assert f'id="{verdict_slug(trail["verdict"])}"' in index


def test_a_title_with_markup_is_shown_as_text(tmp_path):
    data = trails_fixture(tmp_path, ["kashgar-cbz-trade-2021"])
    data[0]["entity_name"] = "<img src=x onerror=alert(1)> *zone* {claim}`x`"
    (tmp_path / "data" / "processed" / "trails.json").write_text(json.dumps(data), encoding="utf-8")
    audit_pages.write_audit_pages(tmp_path)
    page = (tmp_path / "book" / "claims" / "kashgar-cbz-trade-2021.md").read_text(encoding="utf-8")
    body = page.removeprefix("---\n").partition("\n---\n")[2]
    heading = body.splitlines()[0]
    assert not re.search(r"(?<!\\)[<*{`]", heading.removeprefix("# Check: ")), heading
    assert "<img src=x" not in body.split("\n", 1)[1]


def test_every_claim_page_holds_the_trail_the_check_command_prints(built_book):
    stored = {t["claim_id"]: t for t in json.loads((ROOT / "data" / "processed" / "trails.json").read_text())}
    state = BookState()
    assert set(stored) == set(state.ledger.claim_id)
    for claim_id in sorted(stored):
        trail = build_trail(claim_id, state)
        assert stored[claim_id] == json.loads(json.dumps(trail.to_json())), claim_id
        html = BeautifulSoup((built_book / "book" / "claims" / f"{claim_id}.html").read_text(), "html.parser")
        box = html.find(id="verdict")
        assert box is not None, claim_id
        assert box.find(class_="pb-verdict-word").get_text() == verdicts.label(trail.verdict), claim_id
        assert trail.quote in html.get_text(), claim_id


def test_the_verdict_list_counts_every_claim_once(built_book):
    stored = [Trail.from_json(t) for t in json.loads((ROOT / "data" / "processed" / "trails.json").read_text())]
    html = BeautifulSoup((built_book / "book" / "verdicts" / "index.html").read_text(), "html.parser")
    listed = Counter()
    for section in html.select("section.pb-verdict-list"):
        for link in section.select("li a"):
            listed[link["href"].split("/")[-1].split(".html")[0]] += 1
    assert listed == Counter(t.claim_id for t in stored)


def test_a_claims_value_on_reader_pages_is_its_best_reading_not_the_span_of_every_reading(tmp_path):
    (data,) = trails_fixture(tmp_path, ["kashgar-cbz-trade-2021"])
    spans = {
        **data,
        "figure": "16.77 billion",
        "readings": [
            {"label": "as printed", "low": 16.77e9, "high": 16.77e9},
            {"label": "亿 read as 100 million", "low": 1.677e9, "high": 1.677e9},
        ],
        "value_low": 1.677e9,
        "value_high": 16.77e9,
    }
    decided = {**spans, "best": {"label": "亿 read as 100 million", "low": 1.677e9, "high": 1.677e9, "unit": "yuan"}}
    undecided = {**spans, "best": {"label": "undecided: a or b", "low": 1.677e9, "high": 16.77e9, "unit": "yuan"}}
    other_unit = {**decided, "best": {**decided["best"], "unit": "departures", "low": 20, "high": None}}
    no_best = {**spans, "best": {}}
    value = lambda d: audit_pages.audit_entry(Trail.from_json(d))["value"]
    assert value(decided) == "1.677 billion yuan"
    assert value(undecided).startswith("1.677–16.77 billion yuan") and "does not settle" in value(undecided)
    assert value(other_unit) == "more than 20 departures (printed as yuan)"
    assert "1.677 billion yuan" in value(no_best) and "16.77 billion yuan" in value(no_best)  # every reading
