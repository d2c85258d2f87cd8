"""A claim's verdict from its repair, its readings and the tests that use it; the book's one verdict vocabulary.

The words (labels, reasons, definitions) live in verdicts.yml beside this module, for an editor to change
without reading Python.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

VOCABULARY = Path(__file__).with_name("verdicts.yml")
KINDS = ("claim", "check", "test")

# Rules that say the source printed the number wrongly, as opposed to rules that only read it (a range).
GARBLING_RULES = {
    "garbled_grouping",
    "lost_digits",
    "wan_as_million",
    "yi_as_billion",
    "mu_as_acres",
    "cjk_scale_ambiguous",
}


@cache
def vocabulary() -> dict[str, dict[str, dict[str, str]]]:
    """Every verdict of every kind with its label, reason and definition, as verdicts.yml gives them."""
    return yaml.safe_load(VOCABULARY.read_text(encoding="utf-8"))


def label(verdict: str, kind: str = "claim") -> str:
    """The words a reader sees for a verdict; an unknown verdict is shown as it is, underscores as spaces.

    >>> label("cannot_check", "check"), label("garbled, repaired"), label("rules_out_readings", "test")
    ('cannot be checked', 'garbled, repaired', 'rules out readings')
    """
    entry = vocabulary().get(kind, {}).get(verdict)
    return entry["label"] if entry else verdict.replace("_", " ")


def definition(verdict: str, kind: str = "claim") -> str:
    """The one-sentence definition of a verdict, for the methodology page and glossaries."""
    return vocabulary()[kind][verdict]["definition"]


def _claim_verdict(verdict: str, **words: str) -> tuple[str, str]:
    return verdict, vocabulary()["claim"][verdict]["reason"].format(**words)


def verdict_for(claim, tests: list[dict]) -> tuple[str, str]:
    """A claim's verdict and the reason for it, from its repair, its readings and every test that uses it."""
    verdicts = {t["verdict"] for t in tests}
    if "unknown_value" in claim["flags"]:
        return _claim_verdict("unverifiable")
    if "conflict" in verdicts or "implausible" in verdicts:
        return _claim_verdict("conflict")
    if claim["repair"] in GARBLING_RULES and claim["reading_count"] == 1:
        return _claim_verdict("garbled, repaired", rule=claim["repair"])
    if claim["reading_count"] > 1 or "ambiguous" in verdicts:
        return _claim_verdict("ambiguous")
    if verdicts & {"consistent", "plausible"}:
        return _claim_verdict("consistent")
    return _claim_verdict("not contradicted")
