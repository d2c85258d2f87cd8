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


def toc_pages(page, site) -> list[str]:
    page.goto(site + "book/index.html")
    hrefs = page.eval_on_selector_all("nav.bd-docs-nav a.reference.internal", "links => links.map(a => a.href)")
    return sorted({href.split("#")[0] for href in hrefs} | {site + "book/index.html"})


def shot_name(url: str, suffix: str = "") -> str:
    return urlparse(url).path.strip("/").replace("/", "_").replace(".html", "") + suffix + ".png"


def test_every_chapter_in_the_table_of_contents_opens_with_its_figures_loaded(page, site):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pages = toc_pages(page, site)
    assert len(pages) >= 7, pages  # index, sources, five articles
    for url in pages:
        response = page.goto(url)
        assert response.ok, url
        assert page.locator("article h1").count() == 1, f"{url}: no single h1"
        for image in page.locator("article img").all():
            image.scroll_into_view_if_needed()  # charts load lazily, as a reader scrolls to them
            loaded = image.evaluate("""img => (img.complete && img.naturalWidth > 0) || new Promise(done => {
                img.addEventListener('load', () => done(img.naturalWidth > 0));
                img.addEventListener('error', () => done(false));
            })""")
            assert loaded, f"{url}: image did not load"
            assert (image.get_attribute("alt") or "").strip(), f"{url}: image without alt text"
        page.screenshot(path=str(SCREENSHOTS / shot_name(url)), full_page=True)


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
    # charts sit on their own white card in both themes, so their dark ink stays readable
    card = page.evaluate("getComputedStyle(document.querySelector('figure.pb-figure img')).backgroundColor")
    assert card == "rgb(255, 255, 255)", card
    page.screenshot(path=str(SCREENSHOTS / shot_name(url, "-dark")), full_page=True)
    if AXE.exists():
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("async () => await axe.run(document, {runOnly: ['color-contrast']})")
        serious = [
            f"{v['id']}: {[n['target'] for n in v['nodes'][:3]]}"
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert not serious, f"dark theme: {serious}"


def test_internal_links_on_every_chapter_resolve(page, site):
    for url in toc_pages(page, site):
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
    for url in toc_pages(page, site):
        page.goto(url)
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
    return [url for url in toc_pages(page, site) if not any(part in url for part in APPENDIX)]


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


def test_every_claim_link_lands_on_its_verdict_in_view(page, site):
    targets = set()
    for url in toc_pages(page, site):
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


def test_no_reader_page_shows_an_internal_name(page, site):
    import re

    import pandas as pd

    ledger = pd.read_csv(ROOT / "data" / "claims.csv", dtype=str, keep_default_na=False)
    internal = set(ledger.claim_id) | set(ledger.metric)
    hashes = re.compile(r"\b[0-9a-f]{16,}\b")
    problems = []
    for url in reader_pages(page, site):
        page.goto(url)
        text = page.locator("article").inner_text()
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
    for url in toc_pages(phone, site):
        phone.goto(url)
        phone.screenshot(path=str(SCREENSHOTS / shot_name(url, "-phone")), full_page=False)
    context.close()
