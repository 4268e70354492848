"""A web page that carries its content as data (Next.js `<script id="__NEXT_DATA__" type="application/json">`,
a page app's `type="application/json"` state): what the page shows is one rendering of that data — one tab
of several, say — so when the data holds the page's text, its records are the documents (read as a .json
response's records are, jsonrecords.py: the list of objects holding the most text, each a document).

The data is used only when it holds most of what the page shows (3 of 5 of its paragraphs, by their
words), so a page whose script holds menus, tracking or another page's data is read as a page.

    records_of_page(html, shown_paragraphs) -> list[Extracted] | None
"""

import json
import re

from .blocks import Extracted
from .jsonrecords import extracted, find_records, strings_in

_SCRIPT = re.compile(r'<script\b[^>]*type=["\']application/json["\'][^>]*>(.*?)</script>', re.S | re.I)
COVERED = 0.6  # share of the shown paragraphs whose words the data holds
MIN_TEXT = 200  # characters of Korean a page's data must hold to be read at all


def _words(text: str) -> set:
    return set(re.findall(r"[가-힣]{2,}", text))


def records_of_page(html: str, shown: list[str]) -> list[Extracted] | None:
    best = None
    for m in _SCRIPT.finditer(html):
        try:
            data = json.loads(m.group(1))
        except (json.JSONDecodeError, ValueError):
            continue
        text = " ".join(strings_in(data))
        if len(re.findall(r"[가-힣]", text)) < MIN_TEXT:
            continue
        held = _words(re.sub(r"<[^>]+>", " ", text))
        paragraphs = [p for p in shown if len(_words(p)) >= 3]
        covered = sum(len(_words(p) & held) >= 0.8 * len(_words(p)) for p in paragraphs)
        if paragraphs and covered / len(paragraphs) >= COVERED:
            records = [r for r in find_records(data) if r]
            found = [ex for ex in (extracted(r) for r in records) if ex.blocks]
            if found and (best is None or len(found) > len(best)):
                best = found
    return best
