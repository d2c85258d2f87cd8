"""Sphinx extension: the coverage gate, then the papermill pipeline, before Sphinx reads the book.

Hooked on builder-inited, so a plain `jupyter-book build .` first lints the project
(portbook.build.coverage_gate: it stops on any ledger problem or unaccounted number),
then brings every executed notebook up to date and renders them (with Jupyter Book's
own execution off). Set PORTBOOK_SKIP_PIPELINE=1 to render what is there without
running any notebook (the benchmark uses it as the baseline); the gate still runs.
"""

from __future__ import annotations

import html
import os
from pathlib import Path

from sphinx.errors import ExtensionError
from sphinx.util import logging

from portbook import atomic
from portbook.build import audit_pages, references
from portbook.build.coverage_gate import run_gate
from portbook.build.pipeline import run_pipeline
from portbook.errors import PortbookError

logger = logging.getLogger(__name__)


def run_before_reading(app) -> None:
    """Run the coverage gate, then bring every executed notebook up to date before Sphinx reads the book (the
    notebooks are left as they are if PORTBOOK_SKIP_PIPELINE=1; the gate runs either way)."""
    try:
        run_gate(Path(app.srcdir), log=logger.info)
    except PortbookError as error:
        raise ExtensionError(f"{type(error).__name__}: {error}") from None
    if os.environ.get("PORTBOOK_SKIP_PIPELINE") == "1":
        logger.info("portbook pipeline: skipped (PORTBOOK_SKIP_PIPELINE=1)")
        return
    try:
        report = run_pipeline(Path(app.srcdir), log=logger.info)
        pages = audit_pages.write_audit_pages(Path(app.srcdir))
    except PortbookError as error:
        raise ExtensionError(f"{type(error).__name__}: {error}") from None
    logger.info(f"portbook audit pages: {pages} claims")
    # the report lives beside the HTML, not in data/: it differs between a first and a second build
    atomic.write_json(Path(app.outdir).parent / "pipeline-report.json", report.to_json())


def escape_theme_text(app, pagename, templatename, context, doctree) -> None:
    """Escape the page text the theme prints raw: sphinx-book-theme puts the page title as plain text into
    `{{ pagetitle }}` (the print header) and the book's title into `{{ root_title }}`, and Sphinx's search page
    shows each section title of the search index with innerHTML. A title comes from a table (a port's name, an
    article's headline), so markup in it would be live in every page; escaped, it reads as written."""
    for name in ("pagetitle", "root_title"):
        if isinstance(context.get(name), str):
            context[name] = html.escape(context[name])
    # Fed for this page just before it is written; the entries of pages not rebuilt were escaped when they were.
    indexer = getattr(app.builder, "indexer", None)
    titles = getattr(indexer, "_all_titles", None)
    if isinstance(titles, dict) and pagename in titles:
        titles[pagename] = [(html.escape(title), anchor) for title, anchor in titles[pagename]]


def make_generated_static(app, config) -> None:
    """The pipeline draws charts into a static folder; Sphinx drops a missing static folder with a
    warning when it reads the config (before the pipeline runs), which -W turns into a failed build."""
    from portbook.present.charts import FIGURES_IN_PROJECT

    (Path(app.srcdir) / FIGURES_IN_PROJECT).mkdir(parents=True, exist_ok=True)


def build_claim_pages(app, config) -> None:
    """Keep the claim pages built though they are outside the table of contents.

    They stay out of it because the theme's sidebar lists every page of the table on every page: with every claim
    in it, that navigation, rebuilt for each page, was most of the render's time. Readers reach a claim page from
    the verdict list and from every claimed figure. On a rebuild the pages exist when sphinx-external-toc excludes
    the files its table does not name, so they are taken back out of that list here."""
    claims = audit_pages.CLAIM_PAGES.as_posix() + "/"
    config["exclude_patterns"] = [p for p in config["exclude_patterns"] if not str(p).startswith(claims)]


def setup(app):
    """Hook the pipeline into Sphinx: make the charts' static folder, then run the pipeline before reading."""
    # before Sphinx's own check of html_static_path (priority 800)
    app.connect("config-inited", make_generated_static, priority=100)
    # after sphinx-external-toc (priority 900) has excluded the files its table does not name
    app.connect("config-inited", build_claim_pages, priority=950)
    app.connect("builder-inited", run_before_reading)
    references.setup(app)
    # after the theme's own handler (priority 500), which sets pagetitle
    app.connect("html-page-context", escape_theme_text, priority=900)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
