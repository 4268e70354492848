"""HWPX (한글 2014 and later; OWPML, KS X 6101) to blocks, with zipfile and lxml.

An HWPX file is a zip package:

    mimetype                  "application/hwp+zip"
    Contents/content.hpf      OPF package: <metadata> (title), <manifest> items, <spine> order
    Contents/header.xml       styles ("개요 1" = engName "Outline 1" is a heading style)
    Contents/section0.xml …   the body, one file per section
    META-INF/manifest.xml     ODF manifest: <encryption-data> entries when password-protected

A section is a list of paragraphs hp:p, each a list of runs hp:run holding text hp:t (with
hp:tab, hp:lineBreak … inside) and objects: a table hp:tbl > hp:tr > hp:tc, each cell with its
grid place (hp:cellAddr colAddr/rowAddr), its span (hp:cellSpan colSpan/rowSpan) and its
paragraphs in hp:subList; text boxes and footnotes also keep paragraphs in an hp:subList. A
paragraph's own text comes first, then the blocks of the objects in it; a table gives one ROW
block per row (blocks.table_rows), a merged cell's text repeated over the places it spans so each
row carries its 구분. Page headers and footers are skipped. Elements are matched by local name,
so the 2011 (hancom.co.kr/hwpml/2011) and 2024 (owpml.org) namespaces read alike. HWPX stores no
pages (layout decides them), so blocks carry none.
"""

import io
import re
import zipfile
import zlib

from lxml import etree

from ..errors import IngestError
from .blocks import HEADING, PARAGRAPH, Block, Extracted, is_heading, table_rows

SUFFIXES = (".hwpx",)

_CORRUPT = ("HWPX 파일을 읽을 수 없습니다 (손상되었거나 HWPX가 아닙니다). 한글에서 열어 다시 저장해 보세요 "
            "(cannot read the HWPX: damaged or not an HWPX package; open it in Hangul and save it again)")
_ENCRYPTED = ("암호가 걸린 HWPX 문서입니다. 한글에서 암호를 해제하고 다시 저장하세요 "
              "(the HWPX file is password-protected; remove the password in Hangul)")
_IS_HWP = ("이 파일은 HWPX가 아니라 HWP(OLE) 형식입니다. 확장자를 .hwp로 바꾸세요 "
           "(this is a binary HWP file named .hwpx; rename it to .hwp)")
_EMPTY = ("HWPX 문서에 본문 텍스트가 없습니다 (그림만 있거나 빈 문서). 텍스트가 담긴 문서인지 확인하세요 "
          "(no text in the HWPX document: empty or images only)")

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True, remove_pis=True)
# page chrome and layout are no content; of an hp:switch, its hp:default is read, not the hp:case
_SKIPPED = {"header", "footer", "linesegarray", "secPr", "case"}
_INLINE = {"tab": " ", "lineBreak": "\n", "fwSpace": " ", "nbSpace": " ", "hyphen": "-"}


def _name(el) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _kids(el, name: str) -> list:
    return [k for k in el if _name(k) == name]



class _Reader:
    def __init__(self, outline_styles: set[str]):
        self.outline_styles = outline_styles  # styleIDRef values of heading ("개요 N") styles

    def paragraphs(self, parent) -> list[Block]:
        out = []
        for p in _kids(parent, "p"):
            text, objects = [], []
            for run in _kids(p, "run"):
                for el in run:
                    if _name(el) == "t":
                        text.append(_t_text(el))
                    elif _name(el) == "tbl":
                        objects += self.table(el)
                    elif _name(el) not in _SKIPPED:
                        objects += self.sublists(el)
            joined = re.sub(r"[ \t]+", " ", "".join(text)).strip()
            if joined:
                heading = p.get("styleIDRef") in self.outline_styles or is_heading(joined)
                out.append(Block(joined, HEADING if heading else PARAGRAPH))
            out += objects
        return out

    def sublists(self, el) -> list[Block]:
        """Paragraphs of text boxes, footnotes … anywhere under an object."""
        out = []
        for kid in el:
            if _name(kid) == "subList":
                out += self.paragraphs(kid)
            elif _name(kid) == "tbl":
                out += self.table(kid)
            elif _name(kid) not in _SKIPPED:
                out += self.sublists(kid)
        return out

    def table(self, tbl) -> list[Block]:
        cells = []  # (row, col, rowspan, colspan, text)
        for r, tr in enumerate(_kids(tbl, "tr")):
            for c, tc in enumerate(_kids(tr, "tc")):
                addr = (_kids(tc, "cellAddr") or [None])[0]
                span = (_kids(tc, "cellSpan") or [None])[0]
                row = int(addr.get("rowAddr", r)) if addr is not None else r
                col = int(addr.get("colAddr", c)) if addr is not None else c
                rs = max(1, int(span.get("rowSpan", 1))) if span is not None else 1
                cs = max(1, int(span.get("colSpan", 1))) if span is not None else 1
                text = "\n".join(b.text for sub in _kids(tc, "subList") for b in self.paragraphs(sub))
                cells.append((row, col, rs, cs, text))
        if not cells:
            return []
        width = max(c + cs for _, c, _, cs, _ in cells)
        grid = [[""] * width for _ in range(max(r + rs for r, _, rs, _, _ in cells))]
        for row, col, rs, cs, text in cells:
            for i in range(row, row + rs):
                for j in range(col, col + cs):
                    grid[i][j] = text
        return table_rows(grid)


def _t_text(t) -> str:
    parts = [t.text or ""]
    for kid in t:
        parts += [_INLINE.get(_name(kid), ""), kid.tail or ""]
    return "".join(parts)


def _xml(zf: zipfile.ZipFile, name: str):
    return etree.fromstring(zf.read(name), _PARSER)


def _package(zf: zipfile.ZipFile) -> tuple[list[str], str | None]:
    """The section files in reading order and the title, from Contents/content.hpf."""
    names = set(zf.namelist())
    hrefs, title = [], None
    if "Contents/content.hpf" in names:
        hpf = _xml(zf, "Contents/content.hpf")
        items = {i.get("id"): i.get("href", "") for i in hpf.iter() if _name(i) == "item"}
        order = [items.get(ref.get("idref"), "") for ref in hpf.iter() if _name(ref) == "itemref"]
        hrefs = [h for h in order or items.values() if re.search(r"section\d+\.xml$", h)]
        titles = (" ".join(e.itertext()).strip() for e in hpf.iter() if _name(e) == "title")
        title = next(titles, None) or None
    hrefs = [h if h in names else f"Contents/{h}" for h in hrefs]
    if not hrefs:  # no or odd content.hpf: the section files by number
        found = [n for n in names if re.fullmatch(r"Contents/section\d+\.xml", n)]
        hrefs = sorted(found, key=lambda n: int(re.sub(r"\D", "", n)))
    return hrefs, title


def _outline_styles(zf: zipfile.ZipFile) -> set[str]:
    if "Contents/header.xml" not in zf.namelist():
        return set()
    return {s.get("id") for s in _xml(zf, "Contents/header.xml").iter() if _name(s) == "style"
            and ((s.get("engName") or "").startswith("Outline") or (s.get("name") or "").startswith("개요"))}


def read(data: bytes, source: str) -> Extracted:
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise IngestError(source, _IS_HWP)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            manifest = [n for n in names if n.lower() == "meta-inf/manifest.xml"]  # "Manifest.xml" in the spec
            if manifest and b"encryption-data" in zf.read(manifest[0]):
                raise IngestError(source, _ENCRYPTED)
            sections, title = _package(zf)
            if not sections or any(s not in names for s in sections):
                raise IngestError(source, _CORRUPT)
            reader = _Reader(_outline_styles(zf))
            blocks = [b for s in sections for b in reader.paragraphs(_xml(zf, s))]
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, etree.XMLSyntaxError, ValueError, KeyError,
            EOFError, OSError) as exc:
        raise IngestError(source, _CORRUPT) from exc
    if not blocks:
        raise IngestError(source, _EMPTY)
    return Extracted(blocks=blocks, title=title)


# one section of an HWPX package saved on its own ("section0.xml", unzipped): <hs:sec> in the hwpml
# or owpml namespace
_SECTION_ROOT = re.compile(r"<(?:\w+:)?sec\b[^>]*(?:hancom\.co\.kr/hwpml|owpml\.org)", re.S)


def is_section(text: str) -> bool:
    return bool(_SECTION_ROOT.search(text[:5000]))


def read_section(text: str, source: str) -> Extracted:
    """An HWPX section file's paragraphs and tables, as read inside its package (no styles: no headings
    by style, no title)."""
    try:
        root = etree.fromstring(text.lstrip("\ufeff").encode("utf-8"), _PARSER)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise IngestError(source, _CORRUPT) from exc
    blocks = _Reader(set()).paragraphs(root)
    if not blocks:
        raise IngestError(source, _EMPTY)
    return Extracted(blocks=blocks)
