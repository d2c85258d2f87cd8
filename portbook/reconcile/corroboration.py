"""Every check of the best readings: the engine's own, the same checks with the sources beside the claims, and
the arithmetic of portbook.reconcile.arithmetic, in one table (data/processed/checks.csv).

A reference that tests a claim (use independent or original) enters the engine's checks as if it were a claim
of its own article: a growth rate's implied base then meets a reported base (the Kashgar zone's 6.9亿 of 2020),
a share's implied total a reported total (Xinjiang's 52 billion), a part the whole a source gives (Khorgos's
30.4万 vehicles of 2023). Only the checks that set a source against a claim are kept from that run, and the
claim ids they list are claims only; the source is named in the explanation. A reference that names a claim it
neither measures nor tests through any check is refused with its file and line.
"""

from __future__ import annotations

import json

import pandas as pd

from portbook.errors import BadReference
from portbook.numbers.ledger import Entities
from portbook.reconcile import arithmetic
from portbook.reconcile.checks import checks_schema, run_checks, unique_check_ids
from portbook.reconcile.plausibility import Bound
from portbook.reconcile.references import REFERENCES, TESTS, Reference, reference_rows
from portbook.reconcile.relations import Relations

ENGINE_KINDS = ("growth_base", "share_total", "part_whole")  # the engine's checks a source can take part in
TESTED = ("consistent", "conflict", "ambiguous")


def _ids(text: str) -> set[str]:
    return set(text.split(";")) if text else set()


def with_sources(claims: pd.DataFrame, references: list[Reference], entities: Entities) -> tuple[pd.DataFrame, set]:
    """The engine's checks run on claims and testing references together; only rows setting a source against a
    claim, with a tested verdict, and the (claim, reference) pairs they use."""
    testing = [r for r in references if r.use in TESTS]
    if not testing:
        return pd.DataFrame(columns=claims.columns), set()
    rows = reference_rows(testing, entities)
    together = pd.concat([claims, rows], ignore_index=True)
    checks = run_checks(together, entities)
    ref_ids = {r.reference_id for r in testing}
    by_id = {r.reference_id: r for r in testing}
    kept, used = [], set()
    for check in checks.to_dict("records"):
        ids = _ids(check["claim_ids"])
        refs, mine = ids & ref_ids, ids - ref_ids
        if not refs or not mine or check["kind"] not in ENGINE_KINDS or check["verdict"] not in TESTED:
            continue
        sources = "; ".join(
            f"{by_id[r].outlet}, {by_id[r].published or 'undated page'}: {by_id[r].as_printed} ({by_id[r].url})"
            for r in sorted(refs)
        )
        check["claim_ids"] = ";".join(sorted(mine))
        check["explanation"] += f" Source: {sources}."
        kept.append(check)
        used |= {(c, r) for c in mine for r in refs}
    return pd.DataFrame(kept, columns=checks.columns), used


def all_checks(
    claims: pd.DataFrame, references: list[Reference], relations: Relations, bounds: list[Bound], entities: Entities
) -> pd.DataFrame:
    """Every check of the claims as the best readings leave them, sources and arithmetic included, by check id."""
    base = run_checks(claims, entities)
    sourced, used = with_sources(claims, references, entities)
    ref_rows = reference_rows([r for r in references if r.use != "different_definition"], entities)
    names = lambda e: str(entities.table.at[e, "name"]) if e in entities.table.index else e
    extra = (
        arithmetic.reference_checks(claims, references, reference_rows(references, entities))
        + arithmetic.entity_part_checks(claims, ref_rows, relations, names)
        + arithmetic.subset_total_checks(claims, ref_rows, relations, bounds)
        + arithmetic.cumulative_checks(claims, ref_rows, relations)
        + arithmetic.conversion_period_checks(claims)
        + arithmetic.same_fact_checks(claims)
        + arithmetic.publication_checks(claims, references)
    )
    ref_ids = {r.reference_id for r in references}
    for check in extra:
        inputs = {row["claim_id"] for row in json.loads(check["inputs"])}
        if check["kind"] == "publication_date":
            inputs.add(check["check_id"].split("-published-", 1)[-1])
        used |= {(c, r) for c in _ids(check["claim_ids"]) for r in inputs & ref_ids}
    # a same-fact check replaces the engine's untested comparison of the same two claims
    facts = {frozenset(_ids(c["claim_ids"])) for c in extra if c["kind"] == "same_fact"}
    base = base[~((base.kind == "same_metric") & base.claim_ids.map(lambda ids: frozenset(_ids(ids)) in facts))]
    # a source-backed version of an engine check replaces the engine's own
    base = base[~base.check_id.isin(set(sourced.check_id))]
    sourced = sourced.assign(
        check_id=sourced.check_id.map(lambda i: i if i not in set(base.check_id) else f"{i}-with-sources")
    )
    frame = pd.concat([base, sourced, pd.DataFrame(extra, columns=base.columns)], ignore_index=True)
    frame = frame.astype({c: ("float64" if c.startswith("result_") else str) for c in frame.columns})
    frame["check_id"] = unique_check_ids(frame.check_id.tolist())
    frame = frame.sort_values("check_id", ignore_index=True)
    _refuse_untested(references, used, set(claims.claim_id))
    return checks_schema().validate(frame)


def _refuse_untested(references: list[Reference], used: set, claims: set[str]) -> None:
    """A testing reference must test every claim it names, directly or through a check; else its row is wrong."""
    for ref in references:
        if ref.use not in TESTS:
            continue
        for claim_id in ref.claim_ids:
            if claim_id in claims and (claim_id, ref.reference_id) not in used:
                raise BadReference(
                    f"{REFERENCES}:{ref.line}: column 'claim_ids': {claim_id!r} is named, but {ref.reference_id!r} "
                    "measures neither its quantity (entity, metric, unit, period) nor a value any check derives from it"
                )
