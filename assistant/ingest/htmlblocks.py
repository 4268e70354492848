"""The headings, lists and tables between an HTML page's main paragraphs, where the main-text extraction
kept only the paragraphs.

When trafilatura does not recognise a page's content box (a CMS's `<div class="view_cont">`), it falls
back to a paragraph extractor: the `<p>` lines stay and the `<h4>2. 신청자격</h4>` and `<ul><li>국세 체납
기업</li></ul>` between them are lost, with the exclusions they state; and even in a box it recognises it
drops a list whose class looks like page chrome (`<ul class="list_bar">`). The box is found from the
paragraphs that were kept (the element holding two or more of them as children); its children from the
first kept paragraph to the last (and the headings right above the first) are written out again, in
place of the kept lines: headings and paragraphs as lines (a <br> ends one), list items as "- …", tables
as the main extraction writes them ("| … | … |"), <dt>/<dd> as lines. Navigation, sidebars and footers are
outside the run and stay out.
"""

import copy
import re

_WS = re.compile(r"\s+")
_BLOCKS = ("h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "table", "blockquote", "pre")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_SKIP = ("script", "style", "noscript", "button", "form", "nav")
MIN_LINE = 8  # characters of a kept line matched to an element (shorter ones match too much)


def _norm(text: str) -> str:
    return _WS.sub("", text or "")


def _text(el) -> list[str]:
    """An element's text as lines: a <br> ends a line."""
    el = copy.deepcopy(el)
    for br in el.iter("br"):
        br.tail = "\n" + (br.tail or "")
    return [x for x in (_WS.sub(" ", part).strip() for part in el.text_content().split("\n")) if x]


def _lines(el) -> list[str]:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _SKIP or not tag:
        return []
    if tag in ("ul", "ol"):
        return [f"- {x}" for li in el if li.tag == "li" for x in [" ".join(_text(li))] if x]
    if tag == "table":  # as the main extraction writes a table (its caption, its header's rule)
        import lxml.html
        import trafilatura

        fragment = "<html><body><article>" + lxml.html.tostring(el, encoding="unicode") + "</article></body></html>"
        written = trafilatura.extract(fragment, include_comments=False, include_tables=True, favor_recall=True)
        rows = [[" ".join(_text(c)) for c in tr if c.tag in ("td", "th")] for tr in el.iter("tr")]
        return written.split("\n") if written else ["| " + " | ".join(r) + " |" for r in rows if any(r)]
    if tag == "dl":
        return [x for c in el if c.tag in ("dt", "dd") for x in _text(c)]
    if tag in ("div", "section", "article") and any(isinstance(c.tag, str) and c.tag in _BLOCKS + ("p", "div") for c in el):
        return [x for c in el for x in _lines(c)]
    return _text(el)


def with_blocks(html: str, text: str) -> str:
    """`text` (the extracted main text of `html`) with the blocks the extraction skipped between its
    paragraphs put back in place; `text` itself when none was skipped."""
    import lxml.html

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
    whole = _norm(text)
    for parent, children in kept.items():
        if len(children) < 2:
            continue
        first, last = min(children), max(children)
        while first > 0 and parent[first - 1].tag in _HEADINGS:
            first -= 1
        run = list(parent)[first:last + 1]
        if not any(c.tag in _BLOCKS and _norm(c.text_content()) and _norm(c.text_content()) not in whole for c in run):
            continue
        again = [x for c in run for x in _lines(c)]
        at = sorted(children.values())
        if again and all(_norm(lines[i]) in _norm("".join(again)) for i in at):  # else a kept line would be lost
            spans.append((at[0], at[-1], again))
    done: list = []
    for start, end, again in sorted(spans, reverse=True):  # from the end, so the earlier line numbers hold
        if any(start <= e and s <= end for s, e in done):
            continue
        lines[start:end + 1] = again
        done.append((start, end))
    return "\n".join(lines)
