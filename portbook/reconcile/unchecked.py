"""The book's standard for claims it cannot check, and the notice that tells an editor where a new article stands.

A claim "cannot be checked" when nothing tests it: no other figure of the articles, no independently published
figure (`data/references.csv`), only bounds that make it possible. A book where many of its claims are such is a
book that repeats its sources; so the standard is that fewer than a quarter of the claims cannot be checked. The
build does not stop for it (an article may state facts nobody else published), but `lint` and `accept` say where
the book stands and which of an article's claims a published figure would test.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from portbook.reconcile.trail_record import Trail

UNCHECKED_LIMIT = 0.25
"""The largest share of the book's claims that may be unchecked: the standard is strictly less."""


@dataclass(frozen=True)
class UncheckedClaim:
    """A claim nothing tests, with the words of its figure and why it is unchecked."""

    claim_id: str
    article_id: str
    figure: str
    reason: str


@dataclass(frozen=True)
class Unchecked:
    """How many of the book's claims nothing tests, and which."""

    total: int
    claims: tuple[UncheckedClaim, ...]

    @property
    def share(self) -> float:
        """The unchecked share of the book's claims (0 for a book without claims)."""
        return len(self.claims) / self.total if self.total else 0.0

    @property
    def within_standard(self) -> bool:
        """True when fewer than UNCHECKED_LIMIT of the claims are unchecked.

        >>> Unchecked(4, ()).within_standard, Unchecked(4, (UncheckedClaim("a", "x", "2", "none"),)).within_standard
        (True, False)
        """
        return self.share < UNCHECKED_LIMIT

    def of_article(self, article_id: str) -> list[UncheckedClaim]:
        """The unchecked claims of one article, in claim-id order."""
        return [claim for claim in self.claims if claim.article_id == article_id]

    def notice(self, article_id: str | None = None) -> list[str]:
        """Lines for a terminal: an article's unchecked claims (when one is named), then where the book stands.
        Nothing when the article has none and the book is within the standard."""
        mine = self.of_article(article_id) if article_id else []
        if not mine and self.within_standard:
            return []
        lines = ["", "Claims nothing tests (the build does not stop for them):"]
        lines += [f"  - {claim.claim_id} ({claim.figure!r}): {claim.reason}" for claim in mine]
        # floored, so that a share just under the limit never prints as the limit
        standing = (
            f"  The book: {len(self.claims)} of {self.total} claims ({math.floor(self.share * 100)}%) cannot be checked; "
            f"its standard is fewer than {UNCHECKED_LIMIT:.0%}."
        )
        if self.within_standard:
            lines.append(standing)
        else:
            lines.append(
                standing[:-1] + ", and it is over: a figure published elsewhere for one of them (a row of "
                "data/references.csv; README, 'To add a source') lets the checks test it."
            )
        return lines


def unchecked(trails: Iterable[Trail]) -> Unchecked:
    """The book's unchecked claims, from every claim's audit trail."""
    trails = list(trails)
    return Unchecked(
        total=len(trails),
        claims=tuple(
            UncheckedClaim(t.claim_id, t.article_id, t.figure, t.verdict_reason)
            for t in sorted(trails, key=lambda t: t.claim_id)
            if t.verdict == "cannot_check"
        ),
    )
