"""A claim's verdict, on the one scale a reader learns in a minute, from its best reading and every test of it.

The scale (labels, reasons and definitions in verdicts.yml, for an editor to change without reading Python):

- ``checks_out``: tested against another figure of the articles or a published source, and it fits;
- ``garbled_repaired``: garbled in print or in our copy; a source, or a test that does not rest on the repair,
  settles what it was meant to be;
- ``garbled_probable``: garbled, and read as the repair rule (or the article's own habit) says, but nothing
  independent of the repair settles it: likely, not settled, and not a pass;
- ``misleading``: true as printed but framed to mislead (a past year's yuan converted at a later year's rate);
- ``does_not_add_up``: another figure, a source or a physical bound contradicts it;
- ``cannot_check``: nothing to test it against, or its readings cannot be told apart. Never a pass.

A plausibility bound alone does not make a claim check out: it says a figure is possible, not that it is right.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

from portbook.numbers.interval import Interval
from portbook.numbers.repairs import REPAIRS
from portbook.reconcile.evidence import Candidate, Decision, show_range

VOCABULARY = Path(__file__).with_name("verdicts.yml")
KINDS = ("claim", "check", "test")
FINDING_KINDS = {"magnitude", "value_per_unit", "rate_per_day"}  # plausibility tests; every other kind is a check
SCALE = ("checks_out", "garbled_repaired", "garbled_probable", "misleading", "does_not_add_up", "cannot_check")
FITS = {"consistent", "corroborated", "matches_original"}
FAILS = {"conflict", "contradicted", "differs_from_original", "implausible"}
MISLEADS = {"misleading"}
UNDECIDED = {"ambiguous"}
POSSIBLE = {"plausible"}  # a bound says a figure can be right, never that it is
NARROWS = {"rules_out_readings"}  # a bound that drops readings: it can settle a garbled figure, never confirm one
# What a result of a check or test does to its claim's verdict, in the order verdict_for weighs them; a result in
# none of these sets tests nothing (cannot be checked, not comparable, a different definition).
EFFECTS = {
    "fails": FAILS,
    "misleads": MISLEADS,
    "fits": FITS,
    "undecided": UNDECIDED,
    "possible": POSSIBLE,
    "narrows": NARROWS,
}
NOT_TESTS = {"kept_apart"}  # look-alike figures kept apart test nothing
# A conversion tests the dollar figure (was it converted at a real rate?), not the yuan figure it converts.
CONVERSIONS = {"conversion", "conversion_period"}


@cache
def vocabulary() -> dict[str, dict[str, dict[str, str]]]:
    """Every verdict of every kind with its label, reason and definition, as verdicts.yml gives them."""
    return yaml.safe_load(VOCABULARY.read_text(encoding="utf-8"))


def label(verdict: str, kind: str = "claim") -> str:
    """The words a reader sees for a verdict; an unknown verdict is shown as it is, underscores as spaces.

    >>> label("cannot_check", "check"), label("garbled_repaired"), label("rules_out_readings", "test")
    ('cannot be checked', 'garbled, repaired', 'rules out readings')
    """
    entry = vocabulary().get(kind, {}).get(verdict)
    return entry["label"] if entry else verdict.replace("_", " ")


def kind_label(kind: str) -> str:
    """What a check or a plausibility test does, in a reader's words (verdicts.yml, ``kind``).

    >>> kind_label("part_whole"), kind_label("rate_per_day"), kind_label("new_kind")
    ('part and whole', 'daily rate', 'new kind')
    """
    return vocabulary().get("kind", {}).get(kind) or kind.replace("_", " ")


def definition(verdict: str, kind: str = "claim") -> str:
    """The one-sentence definition of a verdict, for the methodology page and glossaries."""
    return vocabulary()[kind][verdict]["definition"]


def effect(verdict: str) -> str:
    """What one result of a check or a plausibility test does to its claim's verdict: a key of ``EFFECTS``, or
    ``nothing`` for a result that tests nothing. verdict_for sorts a claim's results by this and nothing else, so
    the methodology's table of what each word does is the rule itself.

    >>> effect("corroborated"), effect("implausible"), effect("plausible"), effect("not_comparable")
    ('fits', 'fails', 'possible', 'nothing')
    """
    return next((name for name, results in EFFECTS.items() if verdict in results), "nothing")


def alone(verdict: str, kind: str) -> str:
    """The claim verdict a cleanly printed figure gets when this result (of a ``check`` or a ``test``) is the only
    one that bears on it, computed by verdict_for itself, so a page that says what a word does cannot drift from it.

    >>> alone("consistent", "check"), alone("plausible", "test"), alone("misleading", "check")
    ('checks_out', 'cannot_check', 'misleading')
    """
    clean = Candidate("as printed", Interval(1, 1), Interval(1, 1), "usd", literal=True)
    decision = Decision("", clean, "high", "", (), (), (clean,), "none")
    test_kind = next(iter(sorted(FINDING_KINDS))) if kind == "test" else "same_metric"
    # unit "usd": a dollar figure is the one a conversion's result can judge, so no result is set aside
    return verdict_for(decision, [{"id": "", "kind": test_kind, "verdict": verdict, "explanation": "."}], "usd")[0]


def effect_sentence(verdict: str, kind: str) -> str:
    """What a result does to its claim's verdict, in a reader's sentence (verdicts.yml ``effect``), with the verdict
    it gives on its own (``alone``) and every claim verdict's label to hand."""
    labels = {key: entry["label"] for key, entry in vocabulary()["claim"].items()}
    sentence = vocabulary()["effect"][effect(verdict)]["definition"]
    return sentence.format(alone=labels[alone(verdict, kind)], **labels)


def effect_label(verdict: str) -> str:
    """What a result does to its claim, in a few words ('counts for the claim', 'not a test')."""
    return vocabulary()["effect"][effect(verdict)]["label"]


def results_by_effect() -> list[tuple[str, list[tuple[str, str]]]]:
    """Every result word of the checks and tests, as (verdict, vocabulary), grouped by what it does to a claim's
    verdict, in the order of verdicts.yml's ``effect``: the methodology's list.

    >>> [(effect, len(words)) for effect, words in results_by_effect()][:2]
    [('fits', 3), ('fails', 4)]
    """
    groups = {name: [] for name in vocabulary()["effect"]}
    for kind in ("check", "test"):
        for verdict in vocabulary()[kind]:
            groups[effect(verdict)].append((verdict, kind))
    return [(name, words) for name, words in groups.items() if words]


def _claim_verdict(verdict: str, **words: str) -> tuple[str, str]:
    return verdict, vocabulary()["claim"][verdict]["reason"].format(**words)


def _first(text: str) -> str:
    """The first sentence of an explanation."""
    return re.split(r"(?<![A-Z][.!?])(?<=[.!?])\s(?=[A-Z])", text.strip(), maxsplit=1)[0].rstrip(".")


def _clause(reason: str) -> str:
    """The first clause of an evidence reason, without its source or arithmetic in brackets."""
    return re.split(r" \(|; |: ", reason, maxsplit=1)[0]


def said(test: dict) -> str:
    """One test in a reason, in words: its verdict and what it set the claim against (the trail's ``against``:
    'with Baktu Port's 16.93 billion yuan for Jan–Sep 2023', '(Xinhua, 2023-11-09)'), or failing that what kind of
    test it was. Never its id: a reader cannot use one, and the audit page lists every test with it.

    >>> said({"id": "x-1", "kind": "part_whole", "verdict": "consistent"})
    'consistent (part and whole)'
    >>> said({"id": "x-1", "kind": "reference", "verdict": "corroborated", "against": "(Xinhua, 2023-11-09)"})
    'corroborated (Xinhua, 2023-11-09)'
    """
    words = label(test["verdict"], "test" if test["kind"] in FINDING_KINDS else "check")
    return f"{words} {test.get('against') or '(' + kind_label(test['kind']) + ')'}"


def _named(tests: list[dict], limit: int = 3) -> str:
    shown = list(dict.fromkeys(said(t) for t in tests))  # two tests against the same figure read as one
    more = len(shown) - limit
    shown = shown[:limit]
    return "; ".join(shown) + (f"; and {more} more" if more > 0 else "")


def verdict_for(
    decision: Decision, tests: list[dict], unit: str = "", sources: dict[str, str] | None = None
) -> tuple[str, str]:
    """A claim's verdict and the reason for it, from its decision (portbook.reconcile.evidence) and every test that
    uses it (plausibility findings and checks, as the trail lists them, each with id, kind, verdict, explanation and
    ``against``, what it set the claim against in words). ``unit`` is the claim's: a conversion judges only a dollar
    figure. ``sources`` names each reference by its outlet and date, for a figure a source supplied.

    The reason is a reader's sentence: no claim, check, rule or reference id in it (the audit page has them,
    labelled)."""
    sources = sources or {}
    tests = [t for t in tests if t["kind"] not in NOT_TESTS and (unit == "usd" or t["kind"] not in CONVERSIONS)]
    fits = [t for t in tests if effect(t["verdict"]) == "fits"]
    fails = [t for t in tests if effect(t["verdict"]) == "fails"]
    misleading = [t for t in tests if effect(t["verdict"]) == "misleads"]
    best = decision.best
    if fails:
        t = fails[0]
        return _claim_verdict("does_not_add_up", how=_first(t["explanation"]))
    if misleading:
        t = misleading[0]
        return _claim_verdict("misleading", how=_first(t["explanation"]))
    if decision.garbled:
        why = dict.fromkeys(_clause(reason) for _, _, reason in decision.rejected)
        if best.source:
            why[f"the figure comes from {sources.get(best.source, 'a published source')}"] = None
        if not why:  # nothing rejected: a preference chose the reading, and says why
            why = dict.fromkeys(_clause(e.text) for e in decision.evidence if e.prefers == best.label)
        rule = REPAIRS.get(decision.repair)
        how = "; ".join(why) or f"the ledger reads the figure as {rule.words if rule else 'repaired'}"
        if fits:
            how += f"; the repaired value checks out: {_named(fits)}"
        # a repair the rule alone chose stays "probable" even when the repaired value then fits: a fit that the
        # printed figure might pass too rules nothing out
        return _claim_verdict(
            "garbled_repaired" if decision.settled else "garbled_probable",
            how=how,
            best=f"{show_range(best.interval, best.unit)} ({best.label})",
        )
    if not best.known:
        return _claim_verdict("cannot_check", how="the number was lost in print and no source gives it")
    ambiguous = [t for t in tests if effect(t["verdict"]) == "undecided"]
    if len(decision.survivors) > 1 and not fits:
        readings = "; ".join(c.label for c in decision.survivors)
        return _claim_verdict(
            "cannot_check", how=f"{len(decision.survivors)} readings survive ({readings}) and nothing tells them apart"
        )
    if ambiguous and not fits:
        return _claim_verdict("cannot_check", how=f"the readings that survive disagree in {_named(ambiguous)}")
    if fits:
        how = _named(fits)
        if len(decision.survivors) > 1:
            # the reading stays open, the fact does not: each result that fits held under every reading
            readings = "; ".join(c.label for c in decision.survivors)
            how = f"whichever of its {len(decision.survivors)} readings is meant ({readings}), {how}"
        return _claim_verdict("checks_out", how=how)
    others = [t for t in tests if t["verdict"] == "different_definition"]
    bounds = [t for t in tests if effect(t["verdict"]) in ("possible", "narrows")]
    if others:
        how = f"the sources found measure something else: {_named(others)}"
    elif bounds:
        how = f"only physical bounds bear on it, which make it possible, not confirmed: {_named(bounds)}"
    else:
        how = "no other figure in the articles and no published source bears on it"
    return _claim_verdict("cannot_check", how=how)
