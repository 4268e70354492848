"""The headings, lists and tables between an HTML page's main paragraphs, where the main-text extraction
kept only the paragraphs.

When trafilatura does not recognise a page's content box (a CMS's `<div class="view_cont">`), it falls
back to a paragraph extractor: the `<p>` lines stay and the `<h4>2. 신청자격</h4>` and `<ul><li>국세 체납
기업</li></ul>` between them are lost, with the exclusions they state. The box is found from the paragraphs
that were kept (the element holding two or more of them as children); its children from the first kept
paragraph to the last (and the headings right above the first) are extracted again as an article, and
that text replaces the kept lines. Navigation, sidebars and footers are outside the run and stay out.
"""

import re

_WS = re.compile(r"\s+")
_BLOCKS = ("h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "table", "blockquote", "pre")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
MIN_LINE = 8  # characters of a kept line matched to an element (shorter ones match too much)


def _norm(text: str) -> str:
    return _WS.sub("", text or "")


def with_blocks(html: str, text: str) -> str:
    """`text` (the extracted main text of `html`) with the blocks the extraction skipped between its
    paragraphs put back in place; `text` itself when none was skipped."""
    import lxml.html
    import trafilatura

    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return text
    lines = text.split("\n")
    wanted = {_norm(x): i for i, x in enumerate(lines) if len(_norm(x)) >= MIN_LINE}
    kept: dict = {}  # parent element -> {child index: line index}
    for el in tree.iter("p", "div"):
        key = _norm(el.text_content())
        parent = el.getparent()
        if key in wanted and parent is not None:
            kept.setdefault(parent, {})[parent.index(el)] = wanted[key]
    spans = []
    for parent, children in kept.items():
        if len(children) < 2:
            continue
        first, last = min(children), max(children)
        while first > 0 and parent[first - 1].tag in _HEADINGS:
            first -= 1
        run = list(parent)[first:last + 1]
        if not any(c.tag in _BLOCKS and _norm(c.text_content()) and _norm(c.text_content()) not in _norm(text) for c in run):
            continue
        fragment = "<html><body><article>" + "".join(lxml.html.tostring(c, encoding="unicode") for c in run) + "</article></body></html>"
        again = trafilatura.extract(fragment, include_comments=False, include_tables=True, favor_recall=True)
        at = sorted(children.values())
        if again and all(_norm(lines[i]) in _norm(again) for i in at):  # else the second extraction lost a kept line
            spans.append((at[0], at[-1], again))
    done: list = []
    for start, end, again in sorted(spans, reverse=True):  # from the end, so the earlier line numbers hold
        if any(start <= e and s <= end for s, e in done):
            continue
        lines[start:end + 1] = again.split("\n")
        done.append((start, end))
    return "\n".join(lines)
