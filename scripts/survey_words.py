"""Survey the built book for words a reader should not meet (issue #11): numbers with more significant digits than
the figures they come from, and internal ids or snake_case names in sentences.

    python scripts/survey_words.py [_build/html] [data/processed]

Numbers. Every number of a check's formula and explanation (data/processed/checks.csv) and of every built page's text
is read. One is *over-precise* when it carries more significant digits than every printed figure of the claims it is
computed from (a printed '20' or '100' supports two, as in portbook.numbers.wording.significant_digits): for a check,
the figures of its inputs; for a page, the figures of the claims it links to or names (three when it names none).
Not counted: a number whose digits are those of a figure an article, a source or a curated bound printed (1.677
billion is 16.77亿); an end of a range ('345–374 million', 'a to b': the width of a range is honest); years, dates,
days of a month, day counts; an ECB reference rate (the bank publishes four places; the reader pages show two); addresses.

Ids. In a page's text and its ClaimReview ratingExplanation: a run of three or more kebab-case words in brackets,
'(baktu-mutual-market-in-baktu-port-trade-jan-jun-2023)', any snake_case token ('part_whole', 'trade_value_cny') and
any claim, check, source or metric id, unless labelled: after 'id', 'metric', 'rule' or 'entity', in a table column
whose header names ids or rules, a command line, or a JSON dump printed for machines.

Prints one line per finding and a count per kind; exits 1 if it found any, so it can gate a build.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pandas as pd
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
NUMBER = re.compile(
    r"(?<![\w.,\-/#%])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\w/])(?:\s?(thousand|million|billion|trillion)\b)?(%)?"
)
UNIT_THEN_RANGE = re.compile(r"^(?:\s?(?:thousand|million|billion|trillion))?(?:\s?[A-Za-z%²]+){0,3}\s*(?:–|to\s|\.\.)")
MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*"
DATE = re.compile(r"\(\d{4}-\d\d-\d\d\)")  # a date in brackets is not an id
ID_IN_BRACKETS = re.compile(r"\((?:[a-z0-9]+-){2,}[a-z0-9]+\)")
SNAKE = re.compile(r"(?<![\w/.#=-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w/.-])")
KEBAB = re.compile(r"(?<![\w/.#=-])[a-z0-9]+(?:-[a-z0-9]+)+(?![\w/.-])")
ADDRESS = re.compile(
    r"(?:https?://|www\.)\S+|\S+\.(?:txt|csv|json|html|ipynb|py|md|shtml|htm|com|cn|tw|asia|net|org)\b\S*"
    r"|[?&][\w.]+=\S*"
)
LABEL = re.compile(
    r"(?:\bids?|\bmetric|\brules?|\bentity|\bcommand|\bcheck|\buse|\bqualifier|\breference|-p(?:\s+\w+)?)\s*:?\s*['(]?\s*$"
)
LABEL_AFTER = re.compile(r"^'?\s*(?:rule|metric)\b|^>")  # "name the 'range' rule"; a command's <placeholder>
LABELLED_COLUMNS = re.compile(r"\bids?\b|\brule\b|^claims?$", re.I)


def significant(text: str, floor: int = 2) -> int:
    """Significant digits of a number as written: '691.133' 6, '690' 2, '0.069' 2, '16,930,000,000' 4."""
    digits = re.sub(r"\D", "", text)
    found = len(digits.lstrip("0")) if "." in text else len(digits.lstrip("0").rstrip("0"))
    return max(found, floor)


def mantissa(text: str) -> str:
    """A number's digits without grouping, point and the zeros around them: '16.77' and '1.677 billion' are '1677'."""
    return re.sub(r"\D", "", text).strip("0")


def printed_sig(figure: str) -> int | None:
    """Significant digits of a printed figure ('3.7 billion' 2); None for a figure without digits ('half')."""
    found = re.findall(r"\d[\d,]*(?:\.\d+)?", figure)
    return max(significant(f) for f in found) if found else None


def printed_everywhere(processed: Path) -> set[str]:
    """The mantissas of every figure an article, a source or a curated bound printed or states, and of each rounded
    to fewer digits."""
    texts = list(pd.read_csv(processed / "claims.csv", dtype=str, keep_default_na=False).figure)
    for table in ("references.csv", "bounds.csv", "relations.csv"):
        path = ROOT / "data" / table
        if path.exists():
            frame = pd.read_csv(path, dtype=str, keep_default_na=False)
            texts += [cell for column in frame.columns for cell in frame[column]]
    found = {mantissa(n) for text in texts for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)} - {""}
    # a printed figure shown with fewer digits than printed (113.94万 as 1.139 million) is no more precise than it
    return found | {str(round(int(m) / 10 ** (len(m) - k))).strip("0") for m in found for k in range(1, len(m))}


def numbers(text: str):
    """Each number of a text that the survey considers: (digits as written, significant digits, context)."""
    text = ADDRESS.sub(" ", text)
    for m in NUMBER.finditer(text):
        whole, fraction, word, percent = m.group(1), m.group(2) or "", m.group(3), m.group(4)
        written = whole + fraction
        before, after = text[max(0, m.start() - 60) : m.start()], text[m.end() : m.end() + 40]
        if not fraction and not word and not percent and re.fullmatch(r"(?:19|20)\d\d", whole):
            continue  # a year
        if re.search(r"\d-$|\d-\d\d-$", before) or after.startswith("-"):
            continue  # a date 2023-11-04
        if not fraction and re.match(rf"\s{MONTHS}\b", after):
            continue  # a day of a month: 11 Nov 2023
        if re.match(r"\s(?:days?|months?)\b", after) and not fraction:
            continue  # a count of days or months
        if UNIT_THEN_RANGE.match(after) or re.search(r"(?:–|\sto\s|\.\.)$", before):
            continue  # an end of a range
        if fraction and 2 <= len(fraction) - 1 <= 4 and re.search(r"ECB|rate|/\s$", before):
            continue  # an ECB reference rate: the bank publishes four places, the reader pages show two
        if re.search(r"[\u3000-\u9fff]", before[-3:] + after[:3]):
            continue  # a figure in a Chinese source's own words
        if re.search(r"bytes?\s$|offset\s$|characters?\s$|seeds/\S*$", before):
            continue
        context = (before[-40:] + "⟦" + m.group(0) + "⟧" + after).replace("\n", " ")
        yield written, significant(written), context


def survey_checks(processed: Path, printed: set[str]) -> list[str]:
    """Over-precise numbers in checks.csv's formula and explanation columns."""
    found = []
    checks = pd.read_csv(processed / "checks.csv", dtype=str, keep_default_na=False)
    for check in checks.itertuples():
        inputs = json.loads(check.inputs)
        sigs = [s for s in (printed_sig(i["figure"]) for i in inputs) if s]
        allowed = max(sigs) if sigs else 3
        for column in ("formula", "explanation"):
            for written, sig, context in numbers(getattr(check, column)):
                if sig > allowed and mantissa(written) not in printed:
                    found.append(
                        f"checks.csv {check.check_id} {column}: {written} ({sig} digits > {allowed}): …{context}…"
                    )
    return found


def page_text(path: Path) -> tuple[str, str, str, set[str]]:
    """A page's text, the same with labelled ids taken out, its JSON-LD ratingExplanations and its claim links."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    ld = " ".join(s.get_text() for s in soup.find_all("script", type="application/ld+json"))
    article = soup.find("article") or soup.find("main") or soup
    linked = set()
    for a in article.find_all("a", href=True):
        m = re.search(r"claims/([a-z0-9-]+)\.html|#claim-([a-z0-9-]+)", a["href"])
        if m:
            linked.add(m.group(1) or m.group(2))
    for tag in article.find_all(["script", "style"]):
        tag.decompose()
    text = article.get_text(" ")
    # what labels itself: a column of ids or rules, a JSON dump for machines, a command line
    for cell in article.find_all("td", attrs={"data-label": LABELLED_COLUMNS}):
        cell.clear()
    for pre in article.find_all("pre"):
        if pre.get_text().lstrip().startswith(("{", "[")):
            pre.clear()
    unlabelled = re.sub(r"python -m portbook \w+ \S+", " ", article.get_text(" "))
    return text, unlabelled, _rating(ld), linked


def survey_pages(site: Path, processed: Path, printed: set[str]) -> tuple[list[str], list[str]]:
    """Over-precise numbers and unlabelled ids in the built pages' text and their JSON-LD ratingExplanation."""
    claims = pd.read_csv(processed / "claims.csv", dtype=str, keep_default_na=False)
    checks = pd.read_csv(processed / "checks.csv", dtype=str, keep_default_na=False)
    figures = dict(zip(claims.claim_id, claims.figure, strict=True))
    references = pd.read_csv(ROOT / "data" / "references.csv", dtype=str, keep_default_na=False)
    known = set(claims.claim_id) | set(checks.check_id) | set(references.reference_id) | set(claims.metric)
    numbers_found, ids_found = [], []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith(("_", "genindex", "search")):
            continue
        text, unlabelled, rating, linked = page_text(path)
        if rel.startswith("book/claims/"):
            linked.add(path.stem)
        linked |= {c for c in figures if c in text}
        sigs = [s for s in (printed_sig(figures[c]) for c in linked if c in figures) if s]
        allowed = max(sigs) if sigs else 3
        for written, sig, context in numbers(text):
            if sig > allowed and mantissa(written) not in printed:
                numbers_found.append(f"{rel}: {written} ({sig} digits > {allowed}): …{context}…")
        for kind, body in (("text", unlabelled), ("ratingExplanation", rating)):
            body = ADDRESS.sub(" ", body)
            hits = [("id", m) for m in ID_IN_BRACKETS.finditer(body) if not DATE.fullmatch(m.group())]
            hits += [("name", m) for m in SNAKE.finditer(body)]
            hits += [("id", m) for m in KEBAB.finditer(body) if m.group() in known]
            seen = set()
            for what, m in hits:
                if (
                    m.start() in seen
                    or LABEL.search(body[max(0, m.start() - 30) : m.start()])
                    or LABEL_AFTER.search(body[m.end() : m.end() + 10])
                ):
                    continue
                seen.add(m.start())
                ids_found.append(f"{rel} ({kind}): {what} {m.group()}: …{_around(body, m)}…")
    return numbers_found, ids_found


def _rating(ld: str) -> str:
    return " ".join(re.findall(r'"ratingExplanation":\s*"((?:[^"\\]|\\.)*)"', ld))


def _around(text: str, m: re.Match) -> str:
    return text[max(0, m.start() - 60) : m.end() + 40].replace("\n", " ")


def main(argv: list[str]) -> int:
    site = Path(argv[1]) if len(argv) > 1 else ROOT / "_build" / "html"
    processed = Path(argv[2]) if len(argv) > 2 else ROOT / "data" / "processed"
    printed = printed_everywhere(processed)
    checks = survey_checks(processed, printed)
    page_numbers, page_ids = survey_pages(site, processed, printed)
    for line in checks + page_numbers + page_ids:
        print(line)
    print(
        f"over-precise numbers: {len(checks)} in checks.csv, {len(page_numbers)} on pages; "
        f"unlabelled ids and names on pages: {len(page_ids)}"
    )
    return 1 if checks or page_numbers or page_ids else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
