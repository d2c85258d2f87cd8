from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portbook.present import article_pages
from portbook.sources import cleaning, seeds

ROOT = Path(__file__).resolve().parent.parent
ARTICLE_IDS = sorted(seeds.load_metadata())

PARAGRAPH = "Data show that in the first half of this year, exports reached 16.77 billion yuan, up 10.3% year on year."


def clean(*lines: str, headline: str = "") -> cleaning.CleanArticle:
    return cleaning.clean_text("\n\n".join(lines), "test", "test.txt", headline)


@pytest.mark.parametrize(
    "junk, rule",
    [
        ("免费av毛片,日韩av高清在线播放,97国产精品最好的产品,欧美成人免费一区二区三区", "spam_keywords"),
        ("Share", "share_button"),
        ("Share - WeChat", "share_button"),
        ("PREV The 10th Inspection Team came to Hunan – News Portal", "prev_next_link"),
        ("NEXT Hainan Oriental “Village BA” | The game is about to start", "prev_next_link"),
        ("Tags: Build port economic belt promote development", "tags"),
        (
            "Copyright 1995 - . All rights reserved. The content published in this site belongs to CDIC.",
            "copyright_footer",
        ),
        ("© 2024 Some Site", "copyright_footer"),
        ("License for publishing multimedia online 0108263", "registration_footer"),
        ("Registration Number: 130349", "registration_footer"),
        ("BACK TO THE TOP", "back_to_top"),
        ("FOLLOW US", "follow_close"),
        ("Home / Business / Industries", "breadcrumb"),
        ("The article is in Chinese", "site_notice"),
        ("Build a port economic belt – Scan of Xinjiang ports – Finance – China Engineering Network", "site_title"),
    ],
)
def test_each_kind_of_page_furniture_is_removed_with_its_rule(junk, rule):
    result = clean(PARAGRAPH, junk, PARAGRAPH)
    assert [r.rule for r in result.removed] == [rule]
    assert junk not in result.text
    assert result.removed[0].line == 3


def test_short_lines_outside_the_article_are_page_chrome():
    result = clean("Breaking news", "Business", PARAGRAPH, "English")
    assert [(r.line, r.rule) for r in result.removed] == [(1, "page_chrome"), (3, "page_chrome"), (7, "page_chrome")]
    assert result.text == PARAGRAPH


def test_a_short_line_inside_the_article_is_a_subheading_not_junk():
    result = clean(PARAGRAPH, "Business travel never ends", PARAGRAPH)
    assert [b.kind for b in result.blocks] == ["body", "subheading", "body"]
    assert not result.removed


@pytest.mark.parametrize(
    "caption",
    [
        "Workers are sorting out cross-border e-commerce parcels. Photo by La Xiaofei",
        "On November 6, the Karasu Port in Taxkorgan (drone photo).Photo by Xinhua News Agency reporter Ding Lei",
        "Photo taken on November 4, 2023 shows workers load goods outside the warehouse.",
        "Ferrywoman Gao Yun has the car's QR code scanned on June 11.\u00a0CHEN SHUO/XINHUA",
        "This aerial photo taken on Sept 7, 2023 shows the ancient city of Kashgar scenic area. [Photo/Xinhua]",
    ],
)
def test_photo_captions_are_kept_apart_from_the_body(caption):
    result = clean(PARAGRAPH, caption, PARAGRAPH)
    assert [b.kind for b in result.blocks] == ["body", "caption", "body"]


@pytest.mark.parametrize(
    "line, dateline, rest",
    [
        (
            "URUMQI, May 30 (Xinhua) -- Just two months into production, more than 3,000 refrigerators were sold out in the market.",
            "URUMQI, May 30 (Xinhua) --",
            "Just two months into production",
        ),
        (
            "Urumqi, July 7 -- Xinjiang's land border stretches for more than 31,5600 kilometers, and among the majestic mountains.",
            "Urumqi, July 7 --",
            "Xinjiang's land border",
        ),
        (
            "KASHI, Jan. 3 (Xinhua) -- Tashkurgan Port, a small road port, handled 1,234 trucks last year.",
            "KASHI, Jan. 3 (Xinhua) --",
            "Tashkurgan Port, a small road port",
        ),
        (
            "KASHI, Sept. 21 (Xinhua) -- The yard loaded 56 containers in a day.",
            "KASHI, Sept. 21 (Xinhua) --",
            "The yard loaded 56 containers",
        ),
        (
            "KASHI, Dec 9 (Xinhua) -- The yard loaded 78 containers in a day.",
            "KASHI, Dec 9 (Xinhua) --",
            "The yard loaded 78 containers",
        ),
        (
            # a syndicator's bracket with its agency and date and no month before it; its dashes make no page title
            "KARACHI, (APP - Some Site / Some News - 3rd Mar, 2025) The Sost dry port handled 900 trucks this week.",
            "KARACHI, (APP - Some Site / Some News - 3rd Mar, 2025)",
            "The Sost dry port handled 900 trucks",
        ),
        (
            "Shiliuyun-Xinjiang Daily (Reporter Song Weiguo) news: On November 4, 2023, workers were busy loading boxes of goods.",
            "Shiliuyun-Xinjiang Daily (Reporter Song Weiguo) news:",
            "On November 4, 2023",
        ),
    ],
)
def test_a_dateline_opening_a_paragraph_is_split_off_and_marked(line, dateline, rest):
    result = clean(line)
    assert [b.kind for b in result.blocks] == ["dateline", "body"]
    assert result.block_text(result.blocks[0]) == dateline
    assert result.block_text(result.blocks[1]).startswith(rest)


@pytest.mark.parametrize(
    "line, header_and_dateline, rest",
    [
        (
            " date 2025-03-27 KASHGAR: Trade between the two countries has grown despite the harsh winter conditions.",
            ["date 2025-03-27", "KASHGAR:"],
            "Trade between",
        ),
        (
            " date 2022-05-30 URUMQI, May 30 (Xinhua) -- Just two months into production, 3,000 refrigerators sold out.",
            ["date 2022-05-30", "URUMQI, May 30 (Xinhua) --"],
            "Just two months",
        ),
    ],
)
def test_a_page_date_fused_with_a_dateline_is_split_off_as_both(line, header_and_dateline, rest):
    result = clean(line, PARAGRAPH)
    assert [(b.kind, result.block_text(b)) for b in result.blocks[:2]] == [
        ("dateline", text) for text in header_and_dateline
    ]
    assert result.blocks[2].kind == "body" and result.block_text(result.blocks[2]).startswith(rest)


def test_capitals_and_a_colon_are_a_dateline_only_where_a_dateline_stands():
    """'ISLAMABAD:' opening the first paragraph is a dateline; 'NOTE:' opening a later one is text."""
    first = "ISLAMABAD: Trade between the two countries has grown despite the harsh winter conditions this year."
    later = "NOTE: the figures of the customs office were rounded to the nearest ton by the newspaper itself."
    result = clean(first, later)
    assert [b.kind for b in result.blocks] == ["dateline", "body", "body"]
    assert result.block_text(result.blocks[0]) == "ISLAMABAD:"
    assert result.block_text(result.blocks[2]) == later


def test_dateline_and_byline_lines_are_marked():
    result = clean(
        "Xinhua News Agency, Urumqi, November 11",
        "Xinhua News Agency reporter",
        "By Ren Qi | China Daily | Updated: 2025-09-18 09:29",
        PARAGRAPH,
    )
    assert [b.kind for b in result.blocks] == ["dateline", "byline", "byline", "body"]


def test_a_syndicating_site_s_byline_with_its_publication_time_is_a_byline():
    result = clean("Jane Doe Published March 03, 2025 | 09:15 AM", PARAGRAPH)
    assert [b.kind for b in result.blocks] == ["byline", "body"]


def test_running_prose_with_dashes_is_never_a_page_title():
    """The eleventh trial's lede was removed as 'site_title' for its two dashes, with all its words."""
    lede = "Trade - the port says - rose again, and the pass - a land port - will open all year from Sunday."
    result = clean(PARAGRAPH, lede, PARAGRAPH)
    assert not result.removed
    assert lede in result.text


def test_the_headline_from_metadata_is_marked_and_a_page_date_prefix_split_off():
    result = clean(" date 2022-05-30 Bonded zone expedites trade", PARAGRAPH, headline="Bonded zone expedites trade")
    assert [(b.kind, result.block_text(b)) for b in result.blocks[:2]] == [
        ("dateline", "date 2022-05-30"),
        ("headline", "Bonded zone expedites trade"),
    ]


def test_whitespace_is_folded_and_non_breaking_spaces_become_spaces():
    result = clean(
        "Exports\u00a0reached   16.77 billion yuan in the first half of this year, up 10.3% on a year earlier.  "
    )
    assert (
        result.text == "Exports reached 16.77 billion yuan in the first half of this year, up 10.3% on a year earlier."
    )


@pytest.mark.parametrize("article_id", ARTICLE_IDS)
def test_every_block_maps_back_to_its_exact_bytes_in_the_seed(article_id):
    info = seeds.seed_info(article_id)
    raw = (ROOT / "seeds" / info.seed_file).read_bytes()
    article = cleaning.clean_article(article_id)
    assert article.blocks
    for block in article.blocks:
        start, end = article.raw_byte_span(block.clean_start, block.clean_end)
        assert (start, end) == (block.raw_byte_start, block.raw_byte_end)
        assert " ".join(raw[start:end].decode("utf-8").split()) == article.block_text(block)
    for removal in article.removed:
        assert raw[removal.raw_byte_start : removal.raw_byte_end].decode("utf-8") == removal.text


@pytest.mark.parametrize("article_id", ARTICLE_IDS)
def test_cleaning_loses_no_line_of_the_seed(article_id):
    """Every non-blank line is either kept (in one or more blocks) or logged as removed."""
    info = seeds.seed_info(article_id)
    lines = (ROOT / "seeds" / info.seed_file).read_text(encoding="utf-8").split("\n")
    article = cleaning.clean_article(article_id)
    accounted = {b.line for b in article.blocks} | {r.line for r in article.removed}
    assert accounted == {n for n, text in enumerate(lines, 1) if text.strip()}
    assert not {b.line for b in article.blocks} & {r.line for r in article.removed}


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_any_span_without_folded_space_maps_to_the_same_characters(data):
    article_id = data.draw(st.sampled_from(ARTICLE_IDS))
    article = cleaning.clean_article(article_id)
    raw = (ROOT / "seeds" / seeds.seed_info(article_id).seed_file).read_bytes()
    block = data.draw(st.sampled_from(article.blocks))
    start = data.draw(st.integers(block.clean_start, block.clean_end - 1))
    end = data.draw(st.integers(start + 1, block.clean_end))
    byte_start, byte_end = article.raw_byte_span(start, end)
    assert " ".join(raw[byte_start:byte_end].decode("utf-8").split()) == " ".join(article.text[start:end].split())


def test_markup_in_a_source_is_shown_as_text():
    result = clean("Officials said <script>alert('x')</script> trade rose by 10.3% to 16.77 billion yuan this year.")
    page = article_pages.article_html(result)
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_an_articles_chapter_links_where_it_was_published_and_escapes_the_address():
    info = seeds.seed_info(ARTICLE_IDS[0])
    found = [
        {
            "kind": "english_original",
            "address": 'https://example.org/a?x="1"&y=<b>',
            "outlet": "Xinhua",
            "published": "",
        },
        {"kind": "chinese_mirror", "address": "https://example.org/zh", "outlet": "Xinhua", "published": "2023-11-09"},
    ]
    page = str(article_pages.metadata_html(info, found))
    assert 'href="https://example.org/a?x=&#34;1&#34;&amp;y=&lt;b&gt;"' in page
    assert "as published: Xinhua" in page and "Chinese original, copy: Xinhua</a>, 2023-11-09" in page
    assert "not established" in str(article_pages.metadata_html(info, []))


CUT_SHORT = "Customs data show that the port handled 1,234 trucks in the first ten months of the year, up from"
NO_FULL_STOP = "The port also plans to open new routes to Europe and Central Asia in the coming year"


@pytest.mark.parametrize("last", [CUT_SHORT, NO_FULL_STOP])
def test_a_last_paragraph_without_a_full_stop_is_kept_and_labelled_not_page_chrome(last):
    result = clean(PARAGRAPH, last, "Share")
    assert [(b.kind, b.label) for b in result.blocks] == [("body", ""), ("body", "truncated")]
    assert result.block_text(result.blocks[1]) == last
    assert [r.rule for r in result.removed] == ["share_button"]


def test_a_cut_paragraph_inside_the_article_is_body_but_a_long_subheading_is_not():
    result = clean(
        PARAGRAPH, CUT_SHORT, "Take the port as the center and radiate the development of the areas", PARAGRAPH
    )
    assert [(b.kind, b.label) for b in result.blocks] == [
        ("body", ""),
        ("body", "truncated"),
        ("subheading", ""),
        ("body", ""),
    ]


def test_a_capitalised_menu_after_the_article_is_still_page_chrome():
    menu = "Home News World China Business Sports Culture Travel Opinion Video Photo Special Reports Archive"
    result = clean(PARAGRAPH, menu)
    assert [r.rule for r in result.removed] == ["page_chrome"]


def test_the_article_page_describes_removed_lines_by_their_rule_and_counts_their_numbers():
    result = clean(PARAGRAPH, "Copyright 1995 - 2024. All rights reserved.", "Registration Number: 130349")
    page = article_pages.removed_html(result)
    assert "copyright_footer" in page and "registration_footer" in page and "spam" not in page
    assert "1 number in it" in page or "2 numbers in it" in page
    assert "130349" not in page, "the removed text itself is not shown"


def test_the_numbers_of_removed_lines_are_counted_and_only_furniture_rules_account_for_them():
    import pandas as pd

    from portbook.numbers import coverage

    result = clean(PARAGRAPH, "Copyright 1995 - 2024. All rights reserved.", "Top 10 Hits 2021")
    mentions = coverage.article_mentions(result)
    removed = mentions[mentions.block_kind.str.startswith(coverage.REMOVED)]
    assert sorted(zip(removed.block_kind, removed.text)) == [
        ("removed:copyright_footer", "1995"),
        ("removed:copyright_footer", "2024"),
        ("removed:page_chrome", "10"),
        ("removed:page_chrome", "2021"),
    ]
    no_claims = pd.DataFrame(columns=["claim_id", "period"])
    no_exclusions = pd.DataFrame(columns=["article_id", "text", "context", "reason", "context_start", "context_end"])
    accounted = coverage.account_for(mentions, no_claims, [], no_exclusions).set_index("text")
    assert accounted.loc["1995", "status"] == accounted.loc["2024", "status"] == "removed"
    assert "copyright_footer" in accounted.loc["1995", "reason"]
    assert accounted.loc["10", "status"] == accounted.loc["2021", "status"] == "unaccounted"
