"""Render the book's HTML fragments from the Jinja2 templates in present/templates/, escaped by default.

Page modules choose and shape data; every sentence and every tag a reader sees is in a template. The
environment is strict: a name a template uses and the page does not give fails loudly, never prints blank.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from portbook.numbers.claim_values import flags_words
from portbook.numbers.repairs import REPAIRS
from portbook.present import figures, links, names
from portbook.reconcile import verdicts

TEMPLATES = Path(__file__).with_name("templates")


@cache
def environment() -> jinja2.Environment:
    """The one Jinja2 environment: autoescaped, strict, with the book's formatters and links as filters."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        figure=figures.figure,
        figure_range=figures.figure_range,
        claim_value=figures.claim_value,
        number=figures.number,
        number_range=figures.number_range,
        period=figures.period,
        count_words=figures.count_words,
        verdict=verdicts.label,
        definition=verdicts.definition,
        effect=verdicts.effect,
        effect_label=verdicts.effect_label,
        effect_sentence=verdicts.effect_sentence,
        result_href=links.result_href,
        result_anchor=links.result_anchor,
        reason=reason_html,
        kind=verdicts.kind_label,
        flags=flags_words,
        repair=lambda name: REPAIRS[name].words if name in REPAIRS else str(name).replace("_", " "),
        metric=names.metric_words,
        claim_row_href=links.claim_row_href,
        verdict_slug=links.verdict_slug,
        verdict_list_href=links.verdict_list_href,
        verdict_href=links.verdict_href,
        verdict_anchor=links.verdict_anchor,
        claim_href=links.claim_href,
        claim_anchor=links.claim_anchor,
        check_href=links.check_href,
        check_anchor=links.check_anchor,
        article_href=links.article_href,
        port_href=links.port_href,
        audit_href=links.audit_href,
        words=lambda text: str(text).replace("_", " "),
        readable=names.readable,
        sourced=names.sourced,
        outlet=names.outlet_name,
        external_link=links.external_link,
        period_words=names.period_words,
        label_cells=label_cells,
        and_join=and_join,
    )
    return env


def render_text(template: str, **values) -> str:
    """A page (Markdown) from a template, values escaped as in HTML, ending with one newline."""
    return environment().get_template(template).render(**values).strip() + "\n"


def label_cells(rows: str, headers) -> Markup:
    """Each row's cells labelled with their column's header (data-label), so that a phone can show a row as a card.

    >>> print(label_cells(Markup('<tr><td>1</td><td class="x">2</td></tr>'), ["A", "B & C"]))
    <tr><td data-label="A">1</td><td data-label="B &amp; C" class="x">2</td></tr>
    >>> print(label_cells(Markup('<tr id="claim-a"><td>1</td></tr>'), ["Claim id"]))  # a row with an anchor too
    <tr id="claim-a"><td data-label="Claim id">1</td></tr>
    """
    labels = [str(escape(header)) for header in headers]

    def label_row(row: re.Match) -> str:
        cells = iter(labels)
        return re.sub(r"<td(?=[\s>])", lambda cell: f'<td data-label="{next(cells, "")}"', row.group(0))

    return Markup(re.sub(r"<tr(?:\s[^>]*)?>.*?</tr>", label_row, str(rows), flags=re.S))


def reason_html(reason: str, tests) -> Markup:
    """A claim's verdict reason with each result word of the tests it names linked to its definition, as on the
    check tables: the reason names a test as verdicts.said() writes it, so each such phrase is found whole and
    nothing else in the sentence is taken for a result word.

    >>> t = {"id": "x-1", "kind": "part_whole", "verdict": "consistent", "against": "with 3 <b> yuan"}
    >>> print(reason_html("tested and it fits: consistent with 3 <b> yuan", [t]))  # doctest: +ELLIPSIS
    tested and it fits: <a class="pb-result" data-effect="fits" href="../about/methodology.html#result-check-consistent" title="..."><strong>consistent</strong></a> with 3 &lt;b&gt; yuan
    """
    named = {}
    for test in tests:
        vocabulary = "test" if test["kind"] in verdicts.FINDING_KINDS else "check"
        named[verdicts.said(test)] = (test["verdict"], vocabulary)
    if not named:
        return escape(reason)
    pattern = re.compile("|".join(re.escape(said) for said in sorted(named, key=len, reverse=True)))
    pieces, last = [], 0
    for match in pattern.finditer(reason):
        verdict, vocabulary = named[match.group(0)]
        word = verdicts.label(verdict, vocabulary)
        link = words("macros.html.j2", "result_word", verdict=verdict, vocabulary=vocabulary, effect=False)
        pieces += [escape(reason[last : match.start()]), link, escape(match.group(0)[len(word) :])]
        last = match.end()
    return Markup("").join([*pieces, escape(reason[last:])])


def and_join(items) -> str:
    """Words joined as a sentence lists them.

    >>> and_join(["Kyrgyzstan"]), and_join(["Kyrgyzstan", "Pakistan", "Tajikistan"])
    ('Kyrgyzstan', 'Kyrgyzstan, Pakistan and Tajikistan')
    """
    items = [str(item) for item in items]
    return " and ".join([", ".join(items[:-1]), items[-1]]) if len(items) > 1 else "".join(items)


def render(template: str, **values) -> Markup:
    """A template filled with these values: HTML, every value escaped unless it is already Markup."""
    return Markup(environment().get_template(template).render(**values).strip())


def words(template: str, macro: str, **values) -> Markup:
    """One named piece of wording (a chart's alt text, caption, title or source line): a macro of a template."""
    return Markup(getattr(environment().get_template(template).module, macro)(**values)).strip()


def drawn(text: Markup) -> str:
    """Wording from a template as plain text, for a chart's drawing, which is not HTML."""
    return text.unescape()
