"""A claim's verdict, on the one scale a reader learns in a minute, from its best reading and every test of it.

The scale (labels, reasons and definitions in verdicts.yml, for an editor to change without reading Python):

- ``checks_out``: tested against another figure of the articles or a published source, and it fits;
- ``garbled_repaired``: garbled in print or in our copy; the evidence settles what it was meant to be;
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

from portbook.reconcile.evidence import Decision, show_range

VOCABULARY = Path(__file__).with_name("verdicts.yml")
KINDS = ("claim", "check", "test")
SCALE = ("checks_out", "garbled_repaired", "misleading", "does_not_add_up", "cannot_check")
FITS = {"consistent", "corroborated", "matches_original"}
FAILS = {"conflict", "contradicted", "differs_from_original", "implausible"}
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


def definition(verdict: str, kind: str = "claim") -> str:
    """The one-sentence definition of a verdict, for the methodology page and glossaries."""
    return vocabulary()[kind][verdict]["definition"]


def _claim_verdict(verdict: str, **words: str) -> tuple[str, str]:
    return verdict, vocabulary()["claim"][verdict]["reason"].format(**words)


def _first(text: str) -> str:
    """The first sentence of an explanation."""
    return re.split(r"(?<![A-Z][.!?])(?<=[.!?])\s(?=[A-Z])", text.strip(), maxsplit=1)[0].rstrip(".")


def _clause(reason: str) -> str:
    """The first clause of an evidence reason, without its source or arithmetic in brackets."""
    return re.split(r" \(|; |: ", reason, maxsplit=1)[0]


def _named(tests: list[dict], limit: int = 3) -> str:
    shown = [f"{label(t['verdict'], 'check')} ({t['id']})" for t in tests[:limit]]
    more = len(tests) - limit
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def verdict_for(decision: Decision, tests: list[dict], unit: str = "") -> tuple[str, str]:
    """A claim's verdict and the reason for it, from its decision (portbook.reconcile.evidence) and every test that
    uses it (plausibility findings and checks, as the trail lists them, each with id, kind, verdict, explanation).
    ``unit`` is the claim's: a conversion judges only a dollar figure."""
    tests = [t for t in tests if t["kind"] not in NOT_TESTS and (unit == "usd" or t["kind"] not in CONVERSIONS)]
    fits = [t for t in tests if t["verdict"] in FITS]
    fails = [t for t in tests if t["verdict"] in FAILS]
    misleading = [t for t in tests if t["verdict"] == "misleading"]
    best = decision.best
    if fails:
        t = fails[0]
        return _claim_verdict("does_not_add_up", how=f"{_first(t['explanation'])} ({t['id']})")
    if misleading:
        t = misleading[0]
        return _claim_verdict("misleading", how=f"{_first(t['explanation'])} ({t['id']})")
    if decision.garbled:
        why = dict.fromkeys(f"{_clause(reason)} [{rule}]" for _, rule, reason in decision.rejected)
        if best.source:
            why[f"the figure comes from {best.source} [{best.label}]"] = None
        if not why:  # nothing rejected: a preference chose the reading, and says why
            why = dict.fromkeys(f"{_clause(e.text)} [{e.rule}]" for e in decision.evidence if e.prefers == best.label)
        how = "; ".join(why) or f"the ledger's rule {decision.repair}"
        if fits:
            how += f"; the repaired value checks out: {_named(fits)}"
        return _claim_verdict(
            "garbled_repaired", how=how, best=f"{show_range(best.interval, best.unit)} ({best.label})"
        )
    if not best.known:
        return _claim_verdict("cannot_check", how="the number was lost in print and no source gives it")
    ambiguous = [t for t in tests if t["verdict"] == "ambiguous"]
    if len(decision.survivors) > 1 and not fits:
        readings = "; ".join(c.label for c in decision.survivors)
        return _claim_verdict(
            "cannot_check", how=f"{len(decision.survivors)} readings survive ({readings}) and nothing tells them apart"
        )
    if ambiguous and not fits:
        return _claim_verdict("cannot_check", how=f"the readings that survive disagree in {_named(ambiguous)}")
    if fits:
        return _claim_verdict("checks_out", how=_named(fits))
    others = [t for t in tests if t["verdict"] == "different_definition"]
    bounds = [t for t in tests if t["verdict"] in ("plausible", "rules_out_readings")]
    if others:
        how = f"the sources found measure something else: {_named(others)}"
    elif bounds:
        how = f"only physical bounds bear on it, which make it possible, not confirmed: {_named(bounds)}"
    else:
        how = "no other figure in the articles and no published source bears on it"
    return _claim_verdict("cannot_check", how=how)
