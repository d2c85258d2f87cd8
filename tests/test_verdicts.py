"""The one verdict scale: every verdict a claim can get, from hand-made decisions and tests, and its words."""

import re

import pytest

from portbook.numbers.interval import Interval
from portbook.numbers.repairs import REPAIRS
from portbook.reconcile import verdicts
from portbook.reconcile.evidence import Candidate, Decision, Evidence
from portbook.reconcile.verdicts import SCALE, verdict_for

CLEAN = Candidate("as printed", Interval(5, 5), Interval(5, 5), "km", literal=True)
REPAIRED = Candidate("stray first group dropped", Interval(5600, None), Interval(5600, 5699), "km")
SPAN = Candidate("undecided: a or b", Interval(1e9, 1e10), Interval(1e9, 1e10), "yuan")
LOST = Candidate("number lost", Interval(None, None), Interval(None, None), "passages")
PRINTED = Candidate("as printed, no repair", Interval(315_600, None), Interval(315_600, 315_699), "km", literal=True)


def decision(best, survivors=None, rejected=(), repair="none"):
    return Decision("c", best, "high", "why", (), tuple(rejected), tuple(survivors or [best]), repair)


def a_test(kind, verdict, explanation="It was tested. More detail."):
    return {"id": f"{kind}-1", "kind": kind, "verdict": verdict, "explanation": explanation}


@pytest.mark.parametrize(
    "d, tests, unit, expected",
    [
        (decision(CLEAN), [a_test("reference", "corroborated")], "km", "checks_out"),
        (decision(CLEAN), [a_test("reference", "matches_original")], "km", "checks_out"),
        (decision(CLEAN), [a_test("part_whole", "consistent")], "km", "checks_out"),
        (decision(CLEAN), [a_test("reference", "contradicted")], "km", "does_not_add_up"),
        (decision(CLEAN), [a_test("magnitude", "implausible")], "km", "does_not_add_up"),
        (decision(CLEAN), [a_test("conversion_period", "misleading")], "usd", "misleading"),
        (
            decision(
                REPAIRED,
                rejected=[(PRINTED, "plausibility_bounds", "longer than the equator")],
                repair="garbled_grouping",
            ),
            [],
            "km",
            "garbled_repaired",
        ),
        (decision(LOST, repair="lost_digits"), [], "passages", "cannot_check"),
        (decision(SPAN, survivors=[CLEAN, REPAIRED]), [], "yuan", "cannot_check"),
        (decision(CLEAN), [a_test("magnitude", "plausible")], "km", "cannot_check"),  # a bound alone is no pass
        (decision(CLEAN), [a_test("reference", "different_definition")], "km", "cannot_check"),
        (decision(CLEAN), [a_test("kept_apart", "not_comparable")], "km", "cannot_check"),
        (decision(CLEAN), [], "km", "cannot_check"),
        (
            decision(CLEAN),
            [a_test("conversion", "consistent")],
            "yuan",
            "cannot_check",
        ),  # a conversion tests the dollars
        (decision(CLEAN), [a_test("conversion", "consistent")], "usd", "checks_out"),
    ],
)
def test_the_scale(d, tests, unit, expected):
    verdict, reason = verdict_for(d, tests, unit)
    assert verdict == expected and reason


def test_a_failure_outweighs_a_pass_and_the_reason_names_the_failing_test():
    verdict, reason = verdict_for(
        decision(CLEAN),
        [a_test("reference", "corroborated"), a_test("same_metric", "conflict", "They differ. Much.")],
        "km",
    )
    # the failing test's own words, never its id
    assert verdict == "does_not_add_up" and "They differ" in reason and "same_metric-1" not in reason


def test_a_repaired_figure_that_then_checks_out_says_so():
    d = decision(
        REPAIRED,
        rejected=[(PRINTED, "plausibility_bounds", "315,600 km is outside the bound: the equator")],
        repair="garbled_grouping",
    )
    verdict, reason = verdict_for(d, [a_test("reference", "corroborated")], "km")
    assert verdict == "garbled_repaired" and "checks out" in reason and "315,600 km is outside the bound" in reason


YI = Candidate("亿 read as 100 million", Interval(26.37e9, 26.37e9), Interval(26.37e9, 26.37e9), "yuan")
YI_PRINTED = Candidate("as printed, no repair", Interval(263.7e9, 263.7e9), Interval(263.7e9, 263.7e9), "yuan", True)


def rule_alone(confidence):
    """A figure printed with 'billion' for 亿, its printed reading rejected by the ledger's repair rule (evidence that
    is not independent) and by nothing else; ``confidence`` as decide_claim would set it."""
    named = Evidence(
        "named_repair", "c", "the ledger reads the figure as 亿", rejects=((YI_PRINTED.label, "x"),), independent=False
    )
    rejected = ((YI_PRINTED, "named_repair", "the ledger reads the figure as 亿"),)
    return Decision("c", YI, confidence, "why", (named,), rejected, (YI,), "yi_as_billion")


def test_a_repair_the_rule_alone_chose_is_probable_not_settled():
    # a bound that finds the figure possible rules nothing out; it must not lift the verdict to "repaired"
    verdict, reason = verdict_for(rule_alone("medium"), [a_test("magnitude", "plausible")], "yuan")
    assert verdict == "garbled_probable" and "26.37 billion yuan" in reason
    assert verdicts.label(verdict) != verdicts.label("garbled_repaired")
    # nor does a fit of the repaired value alone, which the printed figure might pass too
    assert verdict_for(rule_alone("medium"), [a_test("part_whole", "consistent")], "yuan")[0] == "garbled_probable"
    # the same figure once a source or an independent test has settled it
    assert verdict_for(rule_alone("high"), [], "yuan")[0] == "garbled_repaired"


def test_a_reading_a_source_supplied_is_settled_whatever_the_confidence_says():
    supplied = Candidate("from the original report", Interval(20, None), Interval(20, 21), "passages", source="s")
    d = Decision("c", supplied, "medium", "why", (), ((LOST, "source_fills", "lost"),), (supplied,), "lost_digits")
    assert verdict_for(d, [], "passages")[0] == "garbled_repaired"


def test_every_verdict_of_the_scale_has_a_label_a_reason_and_a_definition():
    words = verdicts.vocabulary()["claim"]
    assert set(words) == set(SCALE)
    for verdict in SCALE:
        assert words[verdict]["label"] and words[verdict]["reason"] and verdicts.definition(verdict)
    assert "not a pass" in verdicts.definition("cannot_check")
    assert "not a pass" in verdicts.definition("garbled_probable")
    for verdict in (
        "corroborated",
        "contradicted",
        "matches_original",
        "differs_from_original",
        "different_definition",
        "misleading",
    ):
        assert verdicts.label(verdict, "check") and verdicts.definition(verdict, "check")


def test_a_figure_a_preference_repaired_names_the_preferring_rule_not_the_ledgers():

    chinese = Candidate("亿 read as 100 million", Interval(1e9, 1e9), Interval(1e9, 1e9), "yuan")
    said = Evidence(
        "same_article_scale", "c", "the original shows the habit (1450.24万票); read alike ...", prefers=chinese.label
    )
    d = Decision("c", chinese, "medium", "why", (said,), (), (chinese,), "cjk_scale_ambiguous")
    verdict, reason = verdict_for(d, [], "yuan")
    # a preference is no source and no test: the reading is probable, not settled
    assert verdict == "garbled_probable" and "the original shows the habit" in reason
    assert "the ledger reads" not in reason and "same_article_scale" not in reason
    # nothing rejected and nothing preferred: the ledger's rule is all there is to name, in words
    bare = Decision("c", chinese, "medium", "why", (), (), (chinese,), "cjk_scale_ambiguous")
    reason = verdict_for(bare, [], "yuan")[1]
    assert f"the ledger reads the figure as {REPAIRS['cjk_scale_ambiguous'].words}" in reason
    assert "cjk_scale_ambiguous" not in reason


# A reason is a reader's sentence: no claim, check, source or rule id in it, bracketed or bare, and no snake_case name.
CHECK_ID = "baktu-mutual-market-in-baktu-port-trade-jan-jun-2023"
SOURCE_ID = "cns-original-departures-per-day"
AN_ID = re.compile(r"\((?:[a-z0-9]+-){2,}[a-z0-9]+\)|\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
FROM_SOURCE = Candidate(
    "departures as the original counts them", Interval(20, None), Interval(20, 21), "departures", source=SOURCE_ID
)


def check(kind, verdict, against=None, explanation="The part fits within the whole's 16.93 billion yuan. More."):
    test = {"id": CHECK_ID, "kind": kind, "verdict": verdict, "explanation": explanation}
    return test if against is None else {**test, "against": against}


@pytest.mark.parametrize(
    "d, tests, unit",
    [
        (decision(CLEAN), [check("entity_part", "consistent", "with Baktu Port's 16.93 billion yuan")], "km"),
        (decision(CLEAN), [check("entity_part", "consistent")], "km"),  # no words given: the kind's words
        (decision(CLEAN), [check("reference", "corroborated", "(Xinhua, 2023-11-09)")] * 5, "km"),  # and 4 more
        (decision(CLEAN), [check("reference", "contradicted")], "km"),
        (decision(CLEAN), [check("conversion_period", "misleading")], "usd"),
        (decision(CLEAN), [check("magnitude", "plausible")], "km"),
        (decision(CLEAN), [check("reference", "different_definition")], "km"),
        (decision(CLEAN), [check("same_metric", "ambiguous")], "km"),
        (
            decision(
                REPAIRED,
                rejected=[(PRINTED, "plausibility_bounds", "longer than the equator")],
                repair="garbled_grouping",
            ),
            [check("reference", "matches_original", "(China News Service, 2023-07-31)")],
            "km",
        ),
        (
            decision(FROM_SOURCE, rejected=[(PRINTED, "part_exceeds_whole", "7,300 a year")], repair="lost_digits"),
            [],
            "",
        ),
        (
            decision(REPAIRED, repair="wan_as_million"),
            [],
            "parcels",
        ),  # nothing rejected or preferred: the ledger's rule
    ],
)
def test_a_reason_names_no_id_and_no_internal_name(d, tests, unit):
    verdict, reason = verdict_for(d, tests, unit)
    assert CHECK_ID not in reason and SOURCE_ID not in reason and not AN_ID.search(reason), reason


def test_a_test_is_named_by_what_it_set_the_claim_against():
    reason = verdict_for(decision(CLEAN), [check("entity_part", "consistent", "with Baktu Port's 16.93 billion yuan")])[
        1
    ]
    assert reason == "tested and it fits: consistent with Baktu Port's 16.93 billion yuan"
    bare = verdict_for(decision(CLEAN), [check("part_whole", "consistent")])[1]
    assert bare == "tested and it fits: consistent (part and whole)"


def test_a_reading_a_source_supplied_names_the_source_by_its_outlet():
    d = decision(FROM_SOURCE, rejected=[(PRINTED, "part_exceeds_whole", "7,300 a year")], repair="lost_digits")
    named = verdict_for(d, [], "departures", {SOURCE_ID: "China News Service, 2023-07-31"})[1]
    assert "the figure comes from China News Service, 2023-07-31" in named
    assert "the figure comes from a published source" in verdict_for(d, [], "departures")[1]


def test_a_figure_whose_readings_all_fit_checks_out_and_says_under_which():
    d = decision(SPAN, survivors=[CLEAN, REPAIRED])
    verdict, reason = verdict_for(d, [check("part_whole", "consistent", "with 3.7 billion yuan for 2021")], "yuan")
    assert verdict == "checks_out"
    assert reason == (
        "tested and it fits: whichever of its 2 readings is meant (as printed; stray first group dropped), "
        "consistent with 3.7 billion yuan for 2021"
    )
    # with nothing that fits, the same readings leave it unchecked
    assert verdict_for(d, [check("part_whole", "ambiguous")], "yuan")[0] == "cannot_check"
