"""The editor's worksheet for one article's drafts: review/<article_id>/decisions.txt.

An editor trying the drafts spent most of the hand time going back and forth: the decisions in one flat list, the
rows in the CSV files, the figures' sentences in the seed. The worksheet puts each drafted claim in one place, in
the order the article prints them: the sentence its figure stands in, what the draft reads, and the points to
check, the class among them; then the exclusions with their reasons, then the new names and words. It is prose for
a person, written again on every `propose --write`; the CSV files beside it are what `accept` reads.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import TYPE_CHECKING

from portbook.numbers.units import with_unit

if TYPE_CHECKING:
    from portbook.numbers.propose import Proposal

WIDTH = 110
CONTEXT = 110  # characters of the article shown on each side of a figure


@dataclass(frozen=True)
class MetadataCheck:
    """The article's row of seeds/metadata.csv as `add` wrote it: its line and the guesses in it to check."""

    line: int
    decisions: list[str]


def in_its_sentence(raw: str, start: int, end: int) -> str:
    """The figure at raw[start:end] with the words around it, on one line, cut at a line break."""
    before = raw[max(0, start - CONTEXT) : start].rsplit("\n", 1)[-1]
    after = raw[end : end + CONTEXT].split("\n", 1)[0]
    lead = "…" if start - len(before) > 0 and raw[start - len(before) - 1] != "\n" else ""
    tail = "…" if end + len(after) < len(raw) and raw[end + len(after)] != "\n" else ""
    return lead + " ".join(f"{before}[{raw[start:end]}]{after}".split()) + tail


def _wrapped(label: str, text: str) -> list[str]:
    indent = " " * 5
    head = f"   {label:<8} "
    return textwrap.wrap(text, WIDTH, initial_indent=head, subsequent_indent=indent + " " * 7) or [head]


def worksheet(proposal: Proposal, metadata: MetadataCheck | None = None) -> str:
    """The worksheet's text for a proposal (and the metadata row `add` wrote, when it did)."""
    article = proposal.article_id
    classes = {c.claim_id: c for c in proposal.classes}
    checks = sum(len(d.decisions) for d in proposal.claims)
    lines = [
        f"# {article}: what to decide",
        "",
        *textwrap.wrap(
            f"The drafts are in this folder, one CSV file per curated table. For each claim below, read the figure in "
            f"its sentence, then the points to check, and edit its row in claims.csv (a claim you drop: delete its "
            f"row there, in claim_classes.csv, and its metric's row in metrics.csv if no other claim uses it). An "
            f"exclusion is a number that is not a claim: keep or reword its reason. When you are done: "
            f"python -m portbook accept {article}",
            WIDTH,
        ),
    ]
    to_check = [n for n, d in enumerate(proposal.claims, 1) if d.decisions]
    lines += [
        "",
        *textwrap.wrap(
            f"In short: {len(proposal.claims)} claim(s), "
            + (
                f"{len(to_check)} with points to check (number{'s' if len(to_check) != 1 else ''} "
                f"{', '.join(map(str, to_check))}), the others as drafted unless you see otherwise; "
                if to_check
                else "none with a point to check; "
            )
            + f"{len(proposal.exclusions)} exclusion(s) to confirm.",
            WIDTH,
        ),
    ]
    if metadata is not None and metadata.decisions:
        lines += ["", f"## The article's row: seeds/metadata.csv, line {metadata.line}", ""]
        lines += [f"   - {d}" for d in metadata.decisions]
    lines += ["", f"## Claims ({len(proposal.claims)}), {checks} point(s) to check", ""]
    for number, draft in enumerate(proposal.claims, 1):
        row = draft.row
        points = len(draft.decisions)
        lines.append(
            f"{number}. {row['claim_id']}" + (f" ({points} point(s) to check)" if points else " (nothing to check)")
        )
        mention = proposal.mentions.get(row["claim_id"])
        if mention is not None and proposal.raw:
            lines += _wrapped("text", in_its_sentence(proposal.raw, mention.start, mention.end))
        lines += _wrapped("quote", f"“{row['quote']}”")
        figure = with_unit(row["figure"], row["unit"])
        reading = f"{figure}, {row['qualifier']}, period “{row['period']}”, repair {row['repair']}"
        lines += _wrapped("reads", reading)
        drafted_class = classes.get(row["claim_id"])
        about = f"{row['entity']} · metric {row['metric']}"
        if drafted_class is not None:
            about += f" · class {drafted_class.indicator_class} ({drafted_class.why})"
        lines += _wrapped("about", about)
        if row["claim_id"] in proposal.in_the_book:
            lines += _wrapped("book", proposal.in_the_book[row["claim_id"]])
        for decision in draft.decisions:
            lines += _wrapped("check", decision)
        lines.append("")
    if proposal.exclusions:
        lines += [f"## Exclusions ({len(proposal.exclusions)}): numbers that are not claims", ""]
        for drafted in proposal.exclusions:
            mention = drafted.mention
            where = in_its_sentence(proposal.raw, mention.start, mention.end) if proposal.raw else drafted.row["text"]
            lines += _wrapped("text", where)
            lines += _wrapped("because", drafted.row["reason"])
            lines.append("")
    names = [
        *(
            f"new entity {entity} ({row['kind']}, in {row['parent'] or '?'}) for {row['name']!r}: keep its row in "
            "entities.csv, or name a known entity in its claims"
            for entity, row in sorted(proposal.entities.items())
        ),
        *(proposal.alias_decision(alias) for alias in sorted(proposal.aliases)),
        *(
            f"words for readers of {metric}: {words!r} (metrics.csv): reword them as a reader would say them"
            for metric, words in sorted(proposal.labels.items())
        ),
    ]
    if names:
        lines += [f"## New names and words ({len(names)})", ""]
        for name in names:
            lines += textwrap.wrap(name, WIDTH, initial_indent="   - ", subsequent_indent="     ")
        lines.append("")
    if proposal.undrafted:
        lines += [f"{proposal.undrafted} more number(s) were not drafted: run propose again after accepting these.", ""]
    return "\n".join(lines).rstrip("\n") + "\n"
