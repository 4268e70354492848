"""The text of an XML document no other reader knows (an SVG poster, an exported data file).

One line per element that holds a line of text: an element whose children hold no elements of
their own ("<text><tspan>2026년 북구</tspan><tspan>금형 지원사업</tspan></text>" is one line,
its runs joined by a space). What is not shown is not read: style sheets, scripts, metadata,
attributes. Entities are not resolved and nothing is fetched (lxml's safe settings, as feeds.py).
"""

import re

from lxml import etree

_PARSER = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, remove_comments=True,
                          remove_pis=True)
_HIDDEN = frozenset({"style", "script", "metadata", "defs", "head"})
_START = re.compile(r"\s*(?:<\?xml\b|<!DOCTYPE\s|<[A-Za-z][\w:.-]*[\s>/])")


def is_xml(text: str) -> bool:
    """Does the text start like an XML document and end like one?"""
    return bool(_START.match(text.lstrip("\ufeff"))) and text.rstrip().endswith(">")


def _name(el) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def lines_of(text: str) -> list[str]:
    """The lines of text of an XML document, in document order ([] when it does not parse)."""
    try:
        root = etree.fromstring(text.lstrip("\ufeff").encode("utf-8"), _PARSER)
    except (etree.XMLSyntaxError, ValueError):
        return []
    if root is None:
        return []
    lines: list[str] = []

    def walk(el) -> None:
        if _name(el) in _HIDDEN:
            return
        children = [c for c in el if isinstance(c.tag, str)]
        if not any(len(c) for c in children):  # a line: its own text and its children's
            pieces = [" ".join(p.split()) for p in el.itertext()]
            line = " ".join(p for p in pieces if p)
            if line:
                lines.append(line)
            return
        own = " ".join((el.text or "").split())
        if own:
            lines.append(own)
        for c in children:
            walk(c)
            tail = " ".join((c.tail or "").split())
            if tail:
                lines.append(tail)

    walk(root)
    return lines


_TEX_COMMENT = re.compile(r"(?<!\\)%.*$", re.M)
_TEX_ENV = re.compile(r"^\s*\\(?:begin|end)\{[^}]*\}(?:\[[^\]]*\]|\{[^}]*\})*\s*$", re.M)
_TEX_ITEM = re.compile(r"\\item(?:\[([^\]]*)\])?\s*")
_TEX_WRAPPED = re.compile(r"\\(?:textbf|textit|emph|underline|caption\*?|section\*?|subsection\*?|paragraph\*?|"
                          r"textsuperscript|multicolumn\{\d+\}\{[^}]*\})\{([^{}]*)\}")
_TEX_COMMAND = re.compile(r"\\(?:hline|centering|footnotesize|small|noindent|newline|par|hfill|vspace\{[^}]*\}|"
                          r"documentclass(?:\[[^\]]*\])?\{[^}]*\}|usepackage(?:\[[^\]]*\])?\{[^}]*\})")


def tex_text(text: str) -> str:
    """The text of a LaTeX source: comments, environments' begin/end lines and layout commands left out,
    "\\section*{2. 신청 자격}" as its heading, "\\item[①] …" as a list item, a table's "a & b \\\\" as "a | b"."""
    text = _TEX_COMMENT.sub("", text)
    start = text.find("\\begin{document}")
    text = text[start:] if start >= 0 else text  # the preamble is settings, not text
    text = _TEX_COMMAND.sub("", text)
    text = _TEX_ENV.sub("", text)
    for _ in range(3):  # nested: \textbf{\textsuperscript{①}}
        text = _TEX_WRAPPED.sub(r"\1", text)
    text = _TEX_ITEM.sub(lambda m: f"{m.group(1)} " if m.group(1) else "- ", text)
    text = text.replace("$\\sim$", "~").replace("\\%", "%").replace("\\&", "&")
    text = re.sub(r"\s*&\s*", " | ", text)
    text = re.sub(r"\s*\\\\\s*(?:\[[^\]]*\])?", "\n", text)
    text = re.sub(r"\\[A-Za-z]+\*?(?:\[[^\]]*\])?", "", text).replace("{", "").replace("}", "")  # any other command
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    return "\n".join(f"| {line} |" if " | " in line else line for line in lines)  # a table's rows as Markdown's


_PO_ENTRY = re.compile(r'^(#~\s*)?(msgid|msgstr|msgctxt|msgid_plural)\s+"(.*)"\s*$|^(#~\s*)?"(.*)"\s*$')


def po_text(text: str) -> str:
    """The source text of a gettext catalog (.po): each entry's msgid, its continuation lines joined; the
    translations (msgstr), the header, comments and obsolete entries ("#~", removed from the source) left out."""
    out, current, keep = [], [], False
    for line in text.split("\n"):
        m = _PO_ENTRY.match(line.strip())
        if not m:
            if current:
                out.append("".join(current))
            current, keep = [], False
            continue
        obsolete, key, value = (m.group(1), m.group(2), m.group(3)) if m.group(2) else (m.group(4), None, m.group(5))
        if key is not None:
            if current:
                out.append("".join(current))
            current, keep = [], key == "msgid" and not obsolete
        if keep:
            current.append(value.replace('\\"', '"').replace("\\n", "\n"))
    if current:
        out.append("".join(current))
    return "\n".join(x.strip() for x in out if x.strip())
