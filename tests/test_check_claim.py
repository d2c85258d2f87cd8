"""Check one claim: the command, the notebook, and the machine-readable claims agree."""

import json
import re
import subprocess
import sys

import nbformat
import pandas as pd
import papermill
import pytest
from conftest import ROOT

FLAGSHIP = sorted(pd.read_csv(ROOT / "data" / "flagship.csv").claim_id)


def cli(*arguments):
    return subprocess.run(
        [sys.executable, "-m", "portbook", "check", *arguments], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def ledger_row(**where):
    ledger = pd.read_csv(ROOT / "data" / "claims.csv", dtype=str, keep_default_na=False)
    for column, value in where.items():
        ledger = ledger[ledger[column] == value]
    return ledger.iloc[0]


def test_the_command_prints_the_whole_trail():
    from portbook.present.trail_text import format_value
    from portbook.reconcile.book_state import BookState

    claim_id = FLAGSHIP[0]
    claim = BookState().claims.set_index("claim_id").loc[claim_id]
    row = ledger_row(claim_id=claim_id)
    result = cli(claim_id)
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "verdict:" in text and f"published {claim.published}" in text
    assert f"»{row.figure}«" in text, "the figure is marked in its paragraph"
    assert f"{row.period!r} -> {claim.period_start} to {claim.period_end}" in text
    interval = f"[{format_value(claim.value_low)}, {format_value(claim.value_high)}] {claim.unit}"
    assert f"cleaned interval: {interval}" in text


def test_the_command_shows_a_repair_rule_and_its_refusal_of_the_literal_reading():
    row = ledger_row(repair="garbled_grouping")
    text = cli(row.claim_id).stdout
    assert "read literally: refused:" in text and "rule 'garbled_grouping'" in text
    assert f"{row.metric} in {row.unit}, allowed: " in text, "the plausibility bound that bears on it"


def test_an_unknown_id_is_refused_with_the_closest_ids():
    result = cli("kashgar-cbz-trade-2020")
    assert result.returncode == 2 and result.stdout == ""
    assert "UnknownClaim: unknown claim id 'kashgar-cbz-trade-2020'; closest: kashgar-cbz-trade-2021" in result.stderr


def run_check_notebook(tmp_path, claim_id):
    output = tmp_path / f"{claim_id}.ipynb"
    papermill.execute_notebook(
        str(ROOT / "notebooks" / "03-check-claim.ipynb"),
        str(output),
        parameters={"claim_id": claim_id},
        progress_bar=False,
        kernel_name="python3",
    )
    return nbformat.read(output, as_version=4)


def printed(notebook, marker):
    cell = next(c for c in notebook.cells if c.cell_type == "code" and marker in c.source)
    return "".join(o.get("text", "") for o in cell.outputs)


@pytest.mark.parametrize("claim_id", FLAGSHIP[:2])
def test_the_notebook_and_the_command_agree(tmp_path, claim_id):
    notebook = run_check_notebook(tmp_path, claim_id)
    from_notebook = json.loads(printed(notebook, "json.dumps(trail.to_json()"))
    from_command = json.loads(cli(claim_id, "--json").stdout)
    assert from_notebook == from_command
    assert from_command["claim_id"] == claim_id and from_command["verdict"]


def test_the_notebook_refuses_an_unknown_id_at_once(tmp_path):
    with pytest.raises(papermill.PapermillExecutionError) as caught:
        run_check_notebook(tmp_path, "kashgar-cbz-trade-2020")
    assert caught.value.ename == "UnknownClaim" and "closest: kashgar-cbz-trade-2021" in caught.value.evalue
    # the first cell after the parameters (and papermill's injected ones) is the one that fails
    assert "build_trail(claim_id" in caught.value.source and caught.value.exec_count == 3


def test_nbval_reruns_the_rendered_flagship_audits(built_book):
    notebooks = [str(ROOT / "book" / "checks" / f"{claim_id}.ipynb") for claim_id in FLAGSHIP]
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "--nbval-lax", "-p", "no:cacheprovider", "-o", "addopts=", *notebooks],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert re.search(rf"{len(FLAGSHIP) * 5} passed|\d+ passed", result.stdout)


def json_ld_blocks(html: str) -> list:
    return [
        json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


def test_the_book_carries_valid_claim_reviews_for_every_claim(built_book):
    claims = pd.read_csv(ROOT / "data" / "claims.csv", dtype=str, keep_default_na=False)
    blocks = json_ld_blocks((built_book / "book" / "generated" / "cleaning.html").read_text(encoding="utf-8"))
    reviews = [review for block in blocks for review in block]
    assert sorted(r["url"].split("#claim-")[1] for r in reviews) == sorted(claims.claim_id)
    quotes = dict(zip(claims.claim_id, claims.quote))
    for review in reviews:
        assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
        assert review["claimReviewed"] == quotes[review["url"].split("#claim-")[1]]
        assert review["reviewRating"]["@type"] == "Rating" and review["reviewRating"]["alternateName"]
        appearance = review["itemReviewed"]["appearance"]
        assert review["itemReviewed"]["@type"] == "Claim" and appearance["headline"] and appearance["datePublished"]
        assert review["author"]["name"] and re.fullmatch(r"\d{4}-\d{2}-\d{2}", review["datePublished"])
    for claim_id in FLAGSHIP:
        page = (built_book / "book" / "checks" / f"{claim_id}.html").read_text(encoding="utf-8")
        assert [r["url"].split("#claim-")[1] for block in json_ld_blocks(page) for r in block] == [claim_id]


def test_claims_json_has_every_claim_with_the_commands_verdict(built_book):
    records = json.loads((ROOT / "data" / "processed" / "claims.json").read_text(encoding="utf-8"))
    assert len(records) == len(pd.read_csv(ROOT / "data" / "claims.csv"))
    by_id = {r["claim_id"]: r for r in records}
    for claim_id in FLAGSHIP[:2]:
        assert by_id[claim_id]["verdict"] == json.loads(cli(claim_id, "--json").stdout)["verdict"]
        assert by_id[claim_id]["audit_command"] == f"python -m portbook check {claim_id}"


def test_claim_links_in_articles_and_the_claims_table_resolve(built_book):
    cleaning = (built_book / "book" / "generated" / "cleaning.html").read_text(encoding="utf-8")
    anchors = set(re.findall(r'id="(claim-[^"]+)"', cleaning))
    for page in (built_book / "book" / "articles").glob("*.html"):
        for anchor in re.findall(
            r'href="\.\./generated/cleaning\.html#(claim-[^"]+)"', page.read_text(encoding="utf-8")
        ):
            assert anchor in anchors, f"{page.name}: broken claim link {anchor}"
    for claim_id in FLAGSHIP:
        assert f'href="../checks/{claim_id}.html"' in cleaning


def test_a_period_of_one_day_is_printed_as_that_day():
    """A stock at publication ('undated', 'so far') is one day: its date, not 'D to D'."""
    from portbook.reconcile.book_state import BookState

    claims = BookState().claims
    one_day = claims[claims.period_start == claims.period_end].iloc[0]
    text = cli(one_day.claim_id).stdout
    assert f"-> {one_day.period_start} [" in text and f"{one_day.period_start} to {one_day.period_start}" not in text
