"""The built book as a reader meets it: Debian's Chromium driven by Playwright, axe-core inside the pages.

Screenshots land in artifacts/screenshots/ for a person to look at.
"""

import functools
import http.server
import os
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest
from conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
# Without these, Chromium keeps calling home and this machine's closed network refuses it.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# On CI a missing browser is a failure, not a skip: `make test` installs it.
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists() and not os.environ.get("CI"), reason="needs Debian's chromium (make test installs it)"
)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site(built_book):
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(built_book))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
MIN_TEXT_PX = 11


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    yield page
    context.close()


def set_theme(page, url: str, theme: str) -> None:
    """Open a page in the light or the dark theme, as a reader who picked it (and whose system prefers it)."""
    page.goto(url)
    page.emulate_media(color_scheme=theme)
    page.evaluate(f"localStorage.setItem('mode', '{theme}')")
    page.reload()
    assert page.evaluate("document.documentElement.dataset.theme") == theme
    # the theme fades its colours in: measure them once every transition has ended
    page.evaluate("""Promise.allSettled(document.getAnimations()
        .filter(animation => animation.effect && animation.effect.getComputedTiming().endTime !== Infinity)
        .map(animation => animation.finished))""")


def visible_charts(page):
    """The chart drawings a reader sees on this page (one per figure: the theme's), each loaded."""
    images = []
    for image in page.locator("figure.pb-figure img").all():
        if not image.is_visible():
            continue
        image.scroll_into_view_if_needed()  # charts load lazily, as a reader scrolls to them
        loaded = image.evaluate("""img => (img.complete && img.naturalWidth > 0) || new Promise(done => {
            img.addEventListener('load', () => done(img.naturalWidth > 0));
            img.addEventListener('error', () => done(false));
        })""")
        assert loaded, f"{page.url}: chart {image.get_attribute('src')} did not load"
        images.append(image)
    return images


# The drawing the browser shows, put inline at the size it is shown, so that its text can be measured. matplotlib
# writes each text as <g id="text_N"> holding a comment with the text and glyphs scaled from a 100-unit em:
# the glyphs' screen transform times 100 is the rendered font size in CSS pixels.
MEASURE_TEXT = r"""async img => {
    const svgText = await (await fetch(img.currentSrc)).text();
    const holder = document.createElement('div');
    holder.style.cssText = `position:absolute;left:0;top:0;width:${img.clientWidth}px;visibility:hidden`;
    holder.innerHTML = svgText;
    document.body.appendChild(holder);
    const svg = holder.querySelector('svg');
    svg.setAttribute('width', img.clientWidth);
    svg.removeAttribute('height');
    const frame = svg.getBoundingClientRect();
    const texts = [...svg.querySelectorAll('g[id^="text_"]')].map(group => {
        const glyphs = group.querySelector('g[transform*="scale"]');
        const matrix = glyphs ? glyphs.getScreenCTM() : null;
        const box = group.getBoundingClientRect();
        return {
            text: ((group.innerHTML.match(/<!-- ([\s\S]*?) -->/) || [])[1] || '').trim(),
            size: matrix ? Math.hypot(matrix.a, matrix.b) * 100 : 0,
            box: [box.left - frame.left, box.top - frame.top, box.right - frame.left, box.bottom - frame.top],
        };
    }).filter(t => t.box[2] > t.box[0] && t.box[3] > t.box[1]);
    holder.remove();
    return {src: img.currentSrc, width: frame.width, height: frame.height, texts};
}"""


def chart_text_problems(measured: dict, min_px: float | None) -> list[str]:
    """Text smaller than min_px, text boxes that overlap (by more than a pixel), text outside the drawing."""
    name = measured["src"].rsplit("/", 1)[-1]
    problems = []
    texts = measured["texts"]
    for index, text in enumerate(texts):
        left, top, right, bottom = text["box"]
        if min_px and text["size"] < min_px - 0.05:
            problems.append(f"{name}: {text['text']!r} at {text['size']:.1f} px")
        if left < -1 or top < -1 or right > measured["width"] + 1 or bottom > measured["height"] + 1:
            problems.append(f"{name}: {text['text']!r} sticks out of the drawing")
        for other in texts[index + 1 :]:
            o_left, o_top, o_right, o_bottom = other["box"]
            if min(right, o_right) - max(left, o_left) > 1 and min(bottom, o_bottom) - max(top, o_top) > 1:
                problems.append(f"{name}: {text['text']!r} overlaps {other['text']!r}")
    return problems


def chart_pages(page, site) -> list[str]:
    """The pages of the table of contents that show charts."""
    found = []
    for url in book_pages(page, site):
        page.goto(url)
        if page.locator("figure.pb-figure").count():
            found.append(url)
    return found


def book_pages(page, site) -> list[str]:
    """Every page of the book: the chapters the sidebar lists, and the claims' audit pages the verdict list links
    to (they stay out of the sidebar, which would list them all on every page)."""
    page.goto(site + "book/index.html")
    hrefs = page.eval_on_selector_all("nav.bd-docs-nav a.reference.internal", "links => links.map(a => a.href)")
    page.goto(site + "book/verdicts/index.html")
    hrefs += page.eval_on_selector_all("article a[href*='/claims/']", "links => links.map(a => a.href)")
    return sorted({href.split("#")[0] for href in hrefs} | {site + "book/index.html"})


def shot_name(url: str, suffix: str = "") -> str:
    return urlparse(url).path.strip("/").replace("/", "_").replace(".html", "") + suffix + ".png"


def open_folds(page) -> None:
    """Open every folded <details>: a test that reads or measures a page covers what a reader can unfold too."""
    page.evaluate("document.querySelectorAll('details').forEach(details => { details.open = true; })")


def test_every_chapter_in_the_table_of_contents_opens_with_its_figures_loaded(page, site):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pages = book_pages(page, site)
    assert len(pages) >= 7, pages  # index, sources, five articles
    for url in pages:
        response = page.goto(url)
        assert response.ok, url
        assert page.locator("article h1").count() == 1, f"{url}: no single h1"
        for image in visible_charts(page):
            assert (image.get_attribute("alt") or "").strip(), f"{url}: image without alt text"
        page.screenshot(path=str(SCREENSHOTS / shot_name(url)), full_page=True)


def test_no_page_scrolls_sideways_on_a_phone(phone, site):
    wide = []
    for url in book_pages(phone, site):
        phone.goto(url)
        visible_charts(phone)
        open_folds(phone)
        width = phone.evaluate("""() => {
            const page = document.documentElement.clientWidth;
            const culprits = [...document.querySelectorAll('.bd-article *')]
                .filter(e => e.getBoundingClientRect().right > page + 1 && !e.closest('.pb-table-wrap, pre'))
                .slice(0, 3).map(e => e.tagName + '.' + e.className + ': ' + (e.textContent || '').slice(0, 40));
            return {scroll: document.documentElement.scrollWidth, page, culprits};
        }""")
        if width["scroll"] > width["page"]:
            wide.append(f"{url}: {width['scroll']} px wide on a {width['page']} px screen: {width['culprits']}")
    assert not wide, "\n".join(wide)


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_chart_text_is_legible_and_never_overlaps_in_either_theme(browser, site, viewport):
    """At 390 px every chart's text renders at 11 px or more; at any width no two texts overlap or leave the drawing."""
    context = browser.new_context(viewport=PHONE if viewport == "phone" else DESKTOP)
    page = context.new_page()
    problems, measured_charts = [], 0
    for url in chart_pages(page, site):
        for theme in ("light", "dark"):
            set_theme(page, url, theme)
            for image in visible_charts(page):
                assert f"-{theme}.svg" in image.evaluate("img => img.currentSrc"), f"{url}: {theme} page, other drawing"
                expected = "-narrow-" if viewport == "phone" else "-wide-"
                assert expected in image.evaluate("img => img.currentSrc"), f"{url}: {viewport} shows the other layout"
                measured = image.evaluate(MEASURE_TEXT)
                assert measured["texts"], f"{url}: no text measured in {measured['src']}"
                problems += chart_text_problems(measured, MIN_TEXT_PX if viewport == "phone" else None)
                measured_charts += 1
    context.close()
    assert measured_charts >= 10, measured_charts
    assert not problems, "\n".join(problems)


def test_every_chart_has_a_finding_title_a_subtitle_and_alt_text_with_its_values(page, site):
    for url in chart_pages(page, site):
        page.goto(url)
        for figure in page.locator("figure.pb-figure").all():
            title = figure.locator(".pb-figure-title").inner_text().strip()
            subtitle = figure.locator(".pb-figure-subtitle").inner_text().strip()
            assert len(title.split()) >= 5 and ": " not in title, f"{url}: a label, not a finding: {title!r}"
            assert len(subtitle.split()) >= 6, f"{url}: subtitle {subtitle!r}"
            alt = figure.locator("img").first.get_attribute("alt")
            assert len(alt) > 80, f"{url}: alt text too thin: {alt!r}"
            if not alt.startswith("Map"):  # a map's alt names places; a chart's gives its values
                assert any(ch.isdigit() for ch in alt), f"{url}: alt text without values: {alt!r}"
            assert figure.locator("a[download]").count() == 1, f"{url}: {title!r} has no CSV"


def test_the_maps_show_borders_and_name_the_neighbours(page, site):
    page.goto(site + "book/generated/ports-overview.html")
    maps = [image for image in visible_charts(page) if "-map-" in image.evaluate("img => img.currentSrc")]
    assert maps, "no map on the overview"
    drawn = maps[0].evaluate("""async img => {
        const svg = new DOMParser().parseFromString(await (await fetch(img.currentSrc)).text(), 'image/svg+xml');
        const outlines = [...svg.querySelectorAll('g[id^="patch_"] path')]
            .filter(path => (path.getAttribute('d') || '').split(/[ML]/).length > 100);
        const texts = [...svg.querySelectorAll('g[id^="text_"]')].map(g => (g.innerHTML.match(/<!-- (.*?) -->/) || [])[1]);
        return {outlines: outlines.length, texts};
    }""")
    assert drawn["outlines"] >= 10, f"borders: only {drawn['outlines']} outlines drawn"
    for country in ("KAZAKHSTAN", "KYRGYZSTAN", "TAJIKISTAN", "PAKISTAN", "INDIA", "MONGOLIA", "RUSSIA", "AFGHANISTAN"):
        assert country in drawn["texts"], f"{country} not named on the map"
    for place in ("Kashgar", "Khorgos", "Alashankou", "Urumqi"):
        assert place in drawn["texts"], f"{place} not on the map"
    assert "licence" in maps[0].locator("xpath=ancestor::figure").inner_text()


def test_screenshots_of_every_chart_at_desktop_and_phone_width_in_both_themes(browser, site):
    """For a person to look at: artifacts/screenshots/chart-<figure>-<width>-<theme>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    taken = 0
    for viewport in (DESKTOP, PHONE):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        for url in chart_pages(page, site):
            for theme in ("light", "dark"):
                set_theme(page, url, theme)
                visible_charts(page)
                if viewport is PHONE:
                    page.screenshot(path=str(SCREENSHOTS / shot_name(url, f"-390-{theme}")), full_page=True)
                # the sticky header and the floating buttons would cover the figure in its picture
                page.add_style_tag(
                    content=".bd-header, .bd-header-article, .skip-link, #pst-back-to-top { display: none !important; }"
                )
                for figure in page.locator("figure.pb-figure").all():
                    name = figure.get_attribute("id").removeprefix("figure-")
                    figure.screenshot(path=str(SCREENSHOTS / f"chart-{name}-{viewport['width']}-{theme}.png"))
                    taken += 1
        context.close()
    assert taken >= 40, taken


def test_search_for_kashgar_finds_pages(page, site):
    page.goto(site + "search.html?q=Kashgar")
    page.wait_for_selector("#search-results ul.search li", timeout=20000)
    assert page.locator("#search-results ul.search li").count() >= 2
    page.screenshot(path=str(SCREENSHOTS / "search-kashgar.png"))


def test_dark_theme_keeps_text_and_figures_legible(page, site):
    url = site + "book/ports/kashgar.html"
    page.goto(url)
    # the theme follows the reader's system preference unless the reader picks one: use both ways
    page.emulate_media(color_scheme="dark")
    page.evaluate("localStorage.setItem('mode', 'dark')")
    page.reload()
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    colours = page.evaluate("""() => {
        const body = getComputedStyle(document.querySelector('article p'));
        const page = getComputedStyle(document.body);
        return [body.color, page.backgroundColor];
    }""")
    assert colours[0] != colours[1]
    luminance = lambda rgb: sum(int(v) for v in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3])
    assert luminance(colours[0]) > luminance(colours[1]), (
        f"text {colours[0]} is not lighter than background {colours[1]}"
    )
    # charts are drawn for the dark theme: the page shows the dark drawings, on the page's own background
    shown = [image.evaluate("img => img.currentSrc") for image in visible_charts(page)]
    assert shown and all(src.endswith("-dark.svg") for src in shown), shown
    assert page.locator("picture.pb-chart-light img").first.is_hidden()
    # drawn on the page's own background: no card or frame round the drawing
    frame = visible_charts(page)[0].evaluate(
        "img => [getComputedStyle(img).backgroundColor, getComputedStyle(img).padding]"
    )
    assert frame == ["rgba(0, 0, 0, 0)", "0px"], frame
    page.screenshot(path=str(SCREENSHOTS / shot_name(url, "-dark")), full_page=True)


@pytest.mark.skipif(
    not AXE.exists() and not os.environ.get("CI"), reason="needs axe-core from npm (make test installs it)"
)
def test_contrast_on_every_chart_page_in_both_themes(page, site):
    problems = []
    for url in chart_pages(page, site):
        for theme in ("light", "dark"):
            set_theme(page, url, theme)
            page.add_script_tag(path=str(AXE))
            result = page.evaluate("async () => await axe.run(document, {runOnly: ['color-contrast']})")
            problems += [
                f"{url} ({theme}): {v['id']}: {[n['target'] for n in v['nodes'][:3]]}"
                for v in result["violations"]
                if v["impact"] in ("serious", "critical")
            ]
    assert not problems, "\n".join(problems)


def test_internal_links_on_every_chapter_resolve(page, site):
    for url in book_pages(page, site):
        page.goto(url)
        links = page.eval_on_selector_all("article a[href]", "links => links.map(a => a.href)")
        for link in {link for link in links if link.startswith(site)}:
            target, _, anchor = link.partition("#")
            response = page.request.get(target)
            assert response.ok, f"{url}: broken link {link}"
            if anchor:
                page.goto(link)
                assert page.locator(f"[id='{anchor}']").count() == 1, f"{url}: missing anchor {link}"


@pytest.mark.skipif(
    not AXE.exists() and not os.environ.get("CI"), reason="needs axe-core from npm (make test installs it)"
)
def test_no_serious_or_critical_accessibility_violations(page, site):
    problems = []
    for url in book_pages(page, site):
        page.goto(url)
        open_folds(page)
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        for violation in result["violations"]:
            if violation["impact"] in ("serious", "critical"):
                targets = [node["target"] for node in violation["nodes"][:3]]
                problems.append(f"{url}: {violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    assert not problems, "\n".join(problems)


# Pages a reader meets before the appendix: no internal names there (the appendix shows ids, labelled).
APPENDIX = (
    "book/claims/",
    "book/verdicts/",
    "book/checks/",
    "book/check-a-claim",
    "book/generated/cleaning",
    "book/articles/",
    "book/generated/sources",
)


def reader_pages(page, site) -> list[str]:
    return [url for url in book_pages(page, site) if not any(part in url for part in APPENDIX)]


def test_the_front_page_verdict_counts_equal_the_claims_data(page, site):
    import json
    from collections import Counter

    claims = json.loads((ROOT / "data" / "processed" / "claims.json").read_text(encoding="utf-8"))
    page.goto(site + "book/index.html")
    tiles = page.eval_on_selector_all(
        "a.pb-verdict-count", "tiles => tiles.map(t => [t.dataset.verdict, Number(t.dataset.count), t.href])"
    )
    assert {verdict: count for verdict, count, _ in tiles} == Counter(c["verdict"] for c in claims)
    for verdict, count, href in tiles:
        page.goto(href)
        listed = page.locator(f"section#{href.split('#')[1]} li").count()
        assert listed == count, f"{verdict}: the tile says {count}, its list has {listed}"


def test_the_front_page_leads_with_its_chart_of_what_the_figures_measure(page, site):
    import json

    shown = json.loads((ROOT / "data" / "processed" / "front-chart.json").read_text(encoding="utf-8"))
    page.goto(site + "book/index.html")
    figure = page.locator("article figure.pb-figure").first
    assert figure.locator(".pb-figure-title").inner_text().strip() == shown["title"]
    assert [image.evaluate("img => img.currentSrc") for image in visible_charts(page)][0].endswith("-wide-light.svg")
    # findings, then how sure we are: the chart comes before the verdict counts
    assert figure.bounding_box()["y"] < page.locator(".pb-verdict-summary").bounding_box()["y"]


@pytest.mark.parametrize("path", ["book/index.html", "book/ports/kashgar.html"])
def test_every_verdict_shown_is_a_badge_with_its_word_linked_to_its_definition(page, site, path):
    from portbook.reconcile import verdicts

    words = {entry["label"] for entry in verdicts.vocabulary()["claim"].values()}
    page.goto(site + path)
    badges = page.eval_on_selector_all(
        "article a.pb-verdict-badge",
        "badges => badges.map(b => [b.querySelector('.pb-verdict-text').innerText.trim(), b.href, b.title])",
    )
    assert badges, f"{path}: no verdict badge"
    assert not page.locator("article .pb-finding-verdict").count(), "a verdict in small grey parentheses"
    for word, href, title in badges:
        assert word in words and title, (word, title)
        target, _, anchor = href.partition("#")
        assert target.endswith("book/about/methodology.html"), href
    for target in {href for _, href, _ in badges}:
        page.goto(target)
        assert page.locator(f"[id='{target.split('#')[1]}']").count() == 1, f"{path}: no definition at {target}"
    if AXE.exists():
        for theme in ("light", "dark"):
            set_theme(page, site + path, theme)
            page.add_script_tag(path=str(AXE))
            result = page.evaluate(
                "async () => await axe.run({include: [['.pb-verdict-badge']]}, {runOnly: ['color-contrast']})"
            )
            assert not result["violations"], (theme, [n["target"] for v in result["violations"] for n in v["nodes"]])


def test_every_claim_link_lands_on_its_verdict_in_view(page, site):
    targets = set()
    for url in book_pages(page, site):
        page.goto(url)
        links = page.eval_on_selector_all("article a[href*='/claims/']", "links => links.map(a => a.href)")
        targets |= {link for link in links if link.startswith(site + "book/claims/")}
    import json

    claims = {c["claim_id"] for c in json.loads((ROOT / "data" / "processed" / "claims.json").read_text())}
    assert {t.split("/")[-1].split(".html")[0] for t in targets} >= claims, "a claim no page links to"
    for target in sorted(targets):
        assert target.endswith("#verdict"), target
        page.goto(target)
        box = page.locator("#verdict").bounding_box()
        assert box is not None, target
        assert 0 <= box["y"] < page.viewport_size["height"], f"{target}: verdict not in view"
        assert page.locator("#verdict .pb-verdict-word").inner_text().strip(), target


def in_view(page, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    return box is not None and box["height"] > 0 and 0 <= box["y"] < page.viewport_size["height"]


def test_a_link_into_folded_checks_opens_them_and_lands_on_its_target(phone, site):
    # a reader on a phone unfolds a chapter's checks and follows one to the puzzle page, where it is folded too
    phone.goto(site + "book/ports/kashgar.html")
    fold = phone.locator("details.pb-more", has=phone.locator("table.pb-port-tests"))
    assert not fold.evaluate("details => details.open"), "the chapter's checks start folded"
    fold.locator("summary").click()
    link = fold.locator("a[href*='#check-']").first
    anchor = link.get_attribute("href").split("#")[1]
    link.click()
    phone.wait_for_url(f"**/reconciling.html#{anchor}")
    target = f"[id='{anchor}']"
    assert phone.locator(target).evaluate("row => row.closest('details').open"), f"{anchor}: its table stayed folded"
    assert in_view(phone, target), f"{anchor}: not in view"
    # Chromium unfolds a <details> for a fragment itself; book/_static/portbook-details.js does it for browsers that
    # do not: on an address change, and on a click on a link to the page's own address (which changes nothing)
    fold_again = "document.querySelectorAll('details').forEach(details => { details.open = false; }); scrollTo(0, 0)"
    unfolded = f"document.getElementById({anchor!r}).closest('details').open"
    phone.evaluate(fold_again)
    phone.evaluate("window.dispatchEvent(new HashChangeEvent('hashchange'))")
    assert phone.evaluate(unfolded), f"{anchor}: a change of address left its table folded"
    assert in_view(phone, target), f"{anchor}: not in view after a change of address"
    phone.evaluate(fold_again)
    phone.evaluate(f"""() => {{
        const link = Object.assign(document.createElement('a'), {{href: '#' + {anchor!r}}});
        link.addEventListener('click', event => event.preventDefault());  // the script alone, not the browser
        document.querySelector('article').append(link);
        link.click();
    }}""")
    assert phone.evaluate(unfolded), f"{anchor}: a click on a link to it left its table folded"


def test_no_reader_page_shows_an_internal_name(page, site):
    import re

    import pandas as pd

    ledger = pd.read_csv(ROOT / "data" / "claims.csv", dtype=str, keep_default_na=False)
    internal = set(ledger.claim_id) | set(ledger.metric)
    hashes = re.compile(r"\b[0-9a-f]{16,}\b")
    problems = []
    for url in reader_pages(page, site):
        page.goto(url)
        open_folds(page)
        # an address cited as a source is shown as it is; only the text around it must speak in words
        text = re.sub(r"https?://\S+", "", page.locator("article").inner_text())
        words = set(re.findall(r"[a-z0-9]+(?:[-_][a-z0-9]+)+", text))
        shown = sorted(words & internal)
        if shown:
            problems.append(f"{url}: {shown[:5]}")
        if hashes.search(text):
            problems.append(f"{url}: a hash {hashes.search(text).group()}")
        if "(s)" in text:
            problems.append(f"{url}: '(s)'")
    assert not problems, "\n".join(problems)


def test_screenshots_of_every_page_at_phone_width(browser, site):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    phone = context.new_page()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for url in book_pages(phone, site):
        phone.goto(url)
        phone.screenshot(path=str(SCREENSHOTS / shot_name(url, "-phone")), full_page=False)
    context.close()
