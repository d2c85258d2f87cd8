"""The notice of the claims nothing tests: an article's own, and where the book stands against its standard."""

from types import SimpleNamespace

import pytest

from portbook.reconcile.unchecked import UNCHECKED_LIMIT, unchecked


def trail(claim_id, article_id="new-article", verdict="cannot_check", figure="40", reason="nothing bears on it"):
    return SimpleNamespace(
        claim_id=claim_id, article_id=article_id, verdict=verdict, figure=figure, verdict_reason=reason
    )


def book(checked: int, unchecked_elsewhere: int, *mine):
    return (
        [trail(f"checked-{i}", "old", "checks_out") for i in range(checked)]
        + [trail(f"old-{i}", "old") for i in range(unchecked_elsewhere)]
        + list(mine)
    )


def test_an_article_s_unchecked_claims_are_named_with_why_and_the_book_s_share_after_them():
    lines = unchecked(book(17, 2, trail("new-units", figure="40,000", reason="no other figure bears on it"))).notice(
        "new-article"
    )
    text = "\n".join(lines)
    assert "new-units ('40,000'): no other figure bears on it" in text
    assert "old-0" not in text  # another article's claims are counted, not listed
    assert "3 of 20 claims (15%)" in text and "over" not in text


def test_nothing_is_said_when_the_article_has_none_and_the_book_is_within_its_standard():
    assert unchecked(book(17, 3)).notice("new-article") == []
    assert unchecked(book(17, 3)).notice() == []


def test_a_book_over_its_standard_says_so_and_what_would_test_a_claim():
    claims = book(3, 1, trail("new-a"), trail("new-b"))
    assert not unchecked(claims).within_standard
    text = "\n".join(unchecked(claims).notice())
    assert "3 of 6 claims (50%)" in text and "over" in text and "data/references.csv" in text


@pytest.mark.parametrize(
    ("checked", "unchecked_count", "within"),
    [(3, 1, False), (4, 1, True), (300, 99, True), (299, 100, False)],
)
def test_the_standard_is_strictly_fewer_than_the_limit(checked, unchecked_count, within):
    result = unchecked(book(checked, unchecked_count))
    assert result.within_standard is within
    assert (result.share < UNCHECKED_LIMIT) is within


def test_a_share_just_under_the_limit_never_prints_as_the_limit():
    text = "\n".join(unchecked(book(300, 99, trail("new-a"))).notice("new-article"))
    assert "100 of 400 claims (25%)" in text and "over" in text
    text = "\n".join(unchecked(book(301, 99, trail("new-a"))).notice("new-article"))
    assert "(24%)" in text and "over" not in text
