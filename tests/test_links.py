"""Every internal link and anchor in the built HTML resolves (static check of every page, not only the TOC)."""

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse


class LinksAndIds(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("name"):
            self.ids.add(attributes["name"])
        for key in ("href", "src"):
            if attributes.get(key) and not (tag == "link" and key == "href" and attributes.get("rel") == ["preload"]):
                self.links.append(attributes[key])


def parse(path: Path) -> LinksAndIds:
    parser = LinksAndIds()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_internal_link_and_anchor_resolves(built_book):
    # _static holds the theme's Jinja templates (webpack-macros.html), not pages
    pages = {path.resolve(): parse(path) for path in built_book.rglob("*.html") if "_static" not in path.parts}
    assert len(pages) >= 20
    broken = []
    for page, parsed in pages.items():
        for link in parsed.links:
            url = urlparse(link)
            if url.scheme or link.startswith(("//", "mailto:", "javascript:", "data:")):
                continue
            target = (page.parent / unquote(url.path)).resolve() if url.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(built_book.resolve())}: {link} (no file)")
            elif url.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse(target).ids
                if unquote(url.fragment) not in ids:
                    broken.append(f"{page.relative_to(built_book.resolve())}: {link} (no anchor)")
    assert not broken, "\n".join(sorted(set(broken))[:50])
