"""Bad arguments (issue 15): the command line and every template's parameters fail with named errors that
name the parameter and the values it accepts; --json errors are JSON; long ids are cut; a closed pipe is quiet.
Each test is named for the input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import papermill
import pytest
from conftest import ROOT

from portbook.errors import BadFlagship, BadParameter, UnknownArticle, UnknownClaim
from portbook.present.port_pages import PortStory
from portbook.present.reconcile_pages import Flagship
from portbook.reconcile.book_state import BookState
from portbook.reconcile.trail import build_trail
from portbook.sources import seeds


def portbook(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "portbook", *arguments], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


# --- the command line -------------------------------------------------------------------------------


def test_an_unknown_claim_with_json_is_a_json_error_on_stderr():
    result = portbook("check", "kashgar-cbz-trade-2020", "--json")
    assert result.returncode == 2 and result.stdout == ""
    error = json.loads(result.stderr)
    assert error["error"] == "UnknownClaim"
    assert error["message"].startswith("unknown claim id 'kashgar-cbz-trade-2020'; closest: kashgar-cbz-trade-2021")


def test_a_ten_thousand_character_id_is_cut_in_the_message():
    result = portbook("check", "k" * 10_000)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("UnknownClaim: unknown claim id '" + "k" * 80 + "…' (10,000 characters)")
    assert len(result.stderr) < 400


def test_a_reader_that_closes_the_pipe_ends_the_command_quietly():
    process = subprocess.Popen(
        [sys.executable, "-m", "portbook", "check", "kashgar-cbz-trade-2021"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    process.stdout.close()  # as `| head -0` would: nothing will be read
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=120) == 141
    assert stderr == "", f"a closed pipe printed: {stderr}"


def test_a_reader_that_closes_the_pipe_after_some_lines_ends_the_command_quietly():
    # as `| head -3` does: it reads a few lines of the trail, then goes
    process = subprocess.Popen(
        [sys.executable, "-m", "portbook", "check", "kashgar-cbz-trade-2021"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    for _ in range(3):
        process.stdout.readline()
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=120) in (0, 141), "the trail may fit the pipe's buffer; either way, no traceback"
    assert stderr == "", f"a closed pipe printed: {stderr}"


@pytest.mark.parametrize("error", ["UnknownArticle", "BadParameter", "BadSeed"])
def test_every_named_error_is_a_json_object_when_json_was_asked_for(error, capsys):
    from portbook import cli, errors

    def failing(arguments):
        raise getattr(errors, error)("what went wrong, and where")

    assert cli.run_command(failing, cli.argparse.Namespace(json=True)) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and json.loads(captured.err) == {"error": error, "message": "what went wrong, and where"}


def test_an_error_policy_holds_for_every_command_registered():
    from portbook import cli

    def failing(arguments):
        raise UnknownArticle("parameter article = 'x': unknown")

    assert cli.run_command(failing, cli.argparse.Namespace(json=False)) == 2


# --- the templates' parameters -----------------------------------------------------------------------


def test_a_claim_id_given_as_a_number_to_the_check_template_names_the_parameter_and_accepted_ids(tmp_path):
    # `papermill … -p claim_id 42` reads 42 as an integer
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "papermill"),
            str(ROOT / "notebooks" / "03-check-claim.ipynb"),
            str(tmp_path / "out.ipynb"),
            "-p",
            "claim_id",
            "42",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode != 0
    assert "BadParameter: parameter claim_id = 42 is int, not text; accepted: claim id of data/claims.csv:" in (
        result.stderr
    )
    assert "TypeError" not in result.stderr


@pytest.mark.parametrize(
    "template, parameters, error, message",
    [
        (
            "06-reconcile-figures",
            {"whole": "kashgar-cbz-trade-2021", "other": "no-such-claim"},
            "BadFlagship",
            "parameter other = 'no-such-claim': unknown claim id of data/claims.csv; accepted: ",
        ),
        (
            "04-tell-port",
            {"port": "atlantis"},
            "BadParameter",
            "parameter port = 'atlantis': unknown port of data/ports.csv; accepted: alashankou, baktu, kashgar",
        ),
    ],
)
def test_an_unknown_value_in_a_template_names_the_parameter_and_accepted_values(
    tmp_path, template, parameters, error, message
):
    with pytest.raises(papermill.PapermillExecutionError) as caught:
        papermill.execute_notebook(
            str(ROOT / "notebooks" / f"{template}.ipynb"),
            str(tmp_path / "out.ipynb"),
            parameters=parameters,
            progress_bar=False,
            kernel_name="python3",
        )
    assert caught.value.ename == error and caught.value.evalue.startswith(message), caught.value.evalue


@pytest.fixture(scope="module")
def state():
    return BookState()


def test_an_article_given_as_a_number_names_the_parameter():
    with pytest.raises(BadParameter, match=r"parameter article = 2022 is int, not text; accepted: article id of"):
        seeds.seed_info(2022)


def test_an_unknown_article_names_the_parameter_and_the_known_articles():
    with pytest.raises(UnknownArticle, match=r"parameter article = 'xinhua-2022': unknown .*xinhua-2022-05-30"):
        seeds.seed_info("xinhua-2022")


def test_a_claim_id_given_as_a_number_names_the_parameter(state):
    with pytest.raises(BadParameter, match=r"parameter claim_id = 42 is int, not text"):
        build_trail(42, state)


def test_an_unknown_claim_is_unknown_claim_with_the_closest(state):
    with pytest.raises(UnknownClaim, match=r"closest: kashgar-cbz-trade-2021"):
        build_trail("kashgar-cbz-trade-2020", state)


def test_a_port_given_as_a_list_names_the_parameter(state):
    with pytest.raises(BadParameter, match=r"parameter port = \['kashgar'\] is list, not text; accepted: port of"):
        PortStory(["kashgar"], state)


def test_an_unknown_claim_for_the_reconcile_template_names_the_closest_claims(state):
    with pytest.raises(BadFlagship, match=r"parameter whole = 'kashgar-cbz-trade-2012': unknown claim id .*kashgar"):
        Flagship("kashgar-cbz-trade-2012", "kashgar-cbz-trade-jan-apr-2022", state)


def test_a_claim_given_as_a_number_to_the_reconcile_template_names_the_parameter(state):
    with pytest.raises(BadParameter, match=r"parameter other = 2022 is int, not text; accepted: claim id of"):
        Flagship("kashgar-cbz-trade-2021", 2022, state)


def test_a_pair_of_two_measures_for_the_reconcile_template_is_refused_naming_both(state):
    with pytest.raises(BadFlagship) as caught:
        Flagship("xinjiang-land-border-length", "kashgar-cbz-trade-2021", state)
    message = str(caught.value)
    assert "xinjiang-land-border-length (xinjiang, land_border_length_km)" in message
    assert "kashgar-cbz-trade-2021 (kashgar-cbz, trade_value_cny)" in message
    assert message.endswith("must be one entity and one metric")
