"""A claim's verdict from its repair, its readings and the tests that use it."""
from __future__ import annotations

# Rules that say the source printed the number wrongly, as opposed to rules that only read it (a range).
GARBLING_RULES = {"garbled_grouping", "lost_digits", "wan_as_million", "yi_as_billion", "mu_as_acres", "cjk_scale_ambiguous"}


def verdict_for(claim, tests: list[dict]) -> tuple[str, str]:
    """A claim's verdict from its repair, its readings and every test that uses it."""
    verdicts = {t["verdict"] for t in tests}
    if "unknown_value" in claim["flags"]:
        return "unverifiable", "digits were lost in the source; no value can be given"
    if "conflict" in verdicts or "implausible" in verdicts:
        return "conflict", "at least one test finds it inconsistent with other figures or with physical bounds"
    if claim["repair"] in GARBLING_RULES and claim["reading_count"] == 1:
        return "garbled, repaired", f"printed wrongly in the source; read by the rule {claim['repair']}"
    if claim["reading_count"] > 1 or "ambiguous" in verdicts:
        return "ambiguous", "more than one reading remains and the tests do not settle it"
    if verdicts & {"consistent", "plausible"}:
        return "consistent", "every test that uses it passes"
    return "not contradicted", "no other figure or bound in the articles bears on it"
