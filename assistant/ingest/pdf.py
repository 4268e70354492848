"""PDF to blocks, one page at a time: pypdfium2 for the text, pdfplumber for ruled tables.

Measured on Chromium-printed 공고문 (as tests/test_formats.py makes them; 50 pages each with a
table, 50 pages of dense prose): text alone comes out of pypdfium2 at ~2,000 and ~100 pages/s, of
pdfplumber (pdfminer.six) at ~60 and ~9, of pypdf at ~65 pages/s. None of them keeps table cells
apart ("구분 지원한도 정부지원 비율" cannot be split back into three cells), while pdfplumber's
`find_tables()` returns a ruled table's rows and cells exactly. So every page is read with
pypdfium2, and only a page that draws lines or boxes (path objects) is opened in pdfplumber too;
if it finds a table there (2+ rows and 2+ columns), that page's text comes from pdfplumber: the
rows as ROW blocks and the lines outside the tables, top to bottom. This reader does ~50 pages/s
on table pages and ~130 on prose pages. Each page is closed (pdfplumber's caches flushed) before
the next, so memory does not grow with the page count.

Lines become paragraphs by their geometry: a line continues into the next one when it runs to the
right margin in the same type size, the next does not start with a list marker ("1.", "가.", "□",
"○", "※", …) and the gap between them is no larger than the usual line gap. Where the boxes are
missing, a line without sentence-ending punctuation continues. A lone page number at the top or
bottom of a page is dropped.

Korean lines break inside words too (Chromium, Word's default and Hangul's 글자 단위 wrapping:
"다시 이어지" / "는지"), and a PDF keeps no trace of where the space was. Where two lines (or two
lines of a table cell) meet between Hangul syllables, Kiwi's spacing model decides, for all the
joints of a page in one call, whether they meet with a space ("참고하시어 기한") or without
("이어지는지"); a number runs into a unit on the next line ("2" + "억 원"); elsewhere, a space.
"""

import io
import logging
import re
from contextlib import suppress
from dataclasses import dataclass
from itertools import pairwise

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..errors import IngestError
from .blocks import HEADING, PARAGRAPH, Block, Extracted, is_heading, table_rows

SUFFIXES = (".pdf",)

# pdfminer logs a warning per odd font ("Could not get FontBBox …"), which says nothing to users
logging.getLogger("pdfminer").setLevel(logging.ERROR)

_CORRUPT = ("PDF 파일을 열 수 없습니다 (손상되었거나 PDF가 아닌 파일입니다). PDF 뷰어에서 열어 다시 저장해 "
            "보세요 (cannot open the PDF: damaged or not a PDF; open it in a viewer and save it again)")
_ENCRYPTED = ("암호가 걸린 PDF입니다. 암호를 해제한 PDF로 다시 저장해 넣으세요 "
              "(the PDF is password-protected; save an unprotected copy)")
_SCANNED = ("텍스트가 없는 스캔 PDF입니다 (OCR이 필요합니다). OCR로 텍스트를 입힌 PDF나 원본 HWP/DOCX를 "
            "넣으세요 (a scanned PDF without a text layer: it needs OCR, or use the original document)")

_MARKER = re.compile(r"^\s*(?:\d{1,2}[.)]\s|\(\d{1,2}\)|[가-하][.)]\s|\([가-하]\)|[①-⑳]|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+\.|"
                     r"[IVX]+\.\s|[□■○●◦◎◇◆▶▷►•※ㅇ*]|[-–·]\s)")
_SENTENCE_END = re.compile(r"[.!?。)」』\]]\s*$")
_PAGE_NUMBER = re.compile(r"^[-–—(\s]*\d{1,4}(?:\s*/\s*\d{1,4})?[-–—)\s]*$")
_UNITS = set("억만천백원개명년월일곳회차건시분초세호층종%")  # "2" + "억 원" on the next line: "2억 원"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]")
_NO_TITLE = re.compile(r"\.(?:hwpx?|docx?|pdf|xlsx?|pptx?|txt)$|^Microsoft \w+ - |^(?:about|https?|file):",
                       re.IGNORECASE)


@dataclass(frozen=True)
class _Line:
    text: str
    x0: float = 0.0
    x1: float = float("inf")  # no geometry: taken as running to the right margin
    top: float = 0.0  # distance from the top of the page, as in pdfplumber
    bottom: float = 0.0


def _pdfium_lines(textpage, height: float) -> list[_Line]:
    """The page's text lines with their boxes (pdfium gives one box per character)."""
    text = textpage.get_text_range()
    geometry = len(text) == textpage.count_chars()
    lines = []
    for m in re.finditer(r"[^\r\n]+", text):
        clean = _CONTROL.sub("", m.group()).strip()
        if not clean:
            continue
        if not geometry:
            lines.append(_Line(clean))
            continue
        x0, _, _, top = textpage.get_charbox(m.start(), loose=True)
        _, bottom, x1, _ = textpage.get_charbox(m.end() - 1, loose=True)
        lines.append(_Line(clean, x0, x1, height - top, height - bottom))
    return lines


def _has_paths(page) -> bool:
    """Whether the page draws lines or boxes (raw calls: pypdfium2's object wrappers cost 4x more)."""
    raw = page.raw
    kinds = (pdfium_c.FPDFPageObj_GetType(pdfium_c.FPDFPage_GetObject(raw, i))
             for i in range(pdfium_c.FPDFPage_CountObjects(raw)))
    return pdfium_c.FPDF_PAGEOBJ_PATH in kinds


def _plumber_items(ppage) -> list | None:
    """The lines, paragraphs (str) and tables (lists of rows) of a page with ruled tables, top to
    bottom; None if it has none. A row that is one cell across the whole table at the top or the
    bottom (a box drawn against the table, a title or a note row) is a paragraph, not a row."""
    tables = [t for t in ppage.find_tables() if len(t.rows) > 1 and len(t.columns) > 1]
    if not tables:
        return None
    rest = ppage
    for t in tables:
        rest = rest.outside_bbox(t.bbox)
    items = [(ln["top"], _Line(_CONTROL.sub("", ln["text"]).strip(), ln["x0"], ln["x1"], ln["top"], ln["bottom"]))
             for ln in rest.extract_text_lines(return_chars=False)]
    for t in tables:
        rows, top, bottom = t.extract(), t.bbox[1], t.bbox[3]
        while rows and sum(c is not None for c in rows[0]) == 1:
            items.append((top, next(c for c in rows.pop(0) if c is not None)))
        tail = []
        while rows and sum(c is not None for c in rows[-1]) == 1:
            tail.insert(0, (bottom, next(c for c in rows.pop() if c is not None)))
        if rows:
            items.append((top, [[c or "" for c in row] for row in rows]))
        items += tail
    items.sort(key=lambda it: it[0])  # stable: a table's own items keep their order
    return [it for _, it in items if not isinstance(it, _Line) or it.text]


def _continues(a: _Line, b: _Line, right: float, usual_gap: float) -> bool:
    """Whether line b carries on the paragraph of line a."""
    if _MARKER.match(b.text):
        return False
    if a.x1 == float("inf") or b.x1 == float("inf"):
        return not _SENTENCE_END.search(a.text)
    h, hb = max(a.bottom - a.top, 1.0), max(b.bottom - b.top, 1.0)
    gap = b.top - a.bottom
    return (a.x1 >= right - 2.5 * h and abs(h - hb) <= 0.2 * max(h, hb)  # full line, same type size
            and -0.5 * h <= gap <= max(0.8 * h, 1.5 * usual_gap))


def _paragraphs(lines: list[_Line], right: float) -> list[list[str]]:
    """The lines of each paragraph."""
    gaps = sorted(b.top - a.bottom for a, b in pairwise(lines))
    usual = gaps[len(gaps) // 2] if gaps else 0.0
    paras: list[list[str]] = []
    for i, ln in enumerate(lines):
        if paras and _continues(lines[i - 1], ln, right, usual):
            paras[-1].append(ln.text)
        else:
            paras.append([ln.text])
    return paras


def _hangul_joint(a: str, b: str) -> bool:
    return bool(a and b) and "가" <= a[-1] <= "힣" and "가" <= b[0] <= "힣"


def _space_after(text: str, n: int) -> bool:
    """Whether a space follows the n-th non-space character of text."""
    solid = [i for i, c in enumerate(text) if not c.isspace()]
    return len(solid) > n and solid[n] > solid[n - 1] + 1


def _join(groups: list[list[str]]) -> list[str]:
    """Each group of lines as one text. Between Hangul syllables Kiwi says whether a space goes;
    a number runs into its unit ("최대 2" + "억 원"); other joints take a space."""
    joints = [(a[-12:], b[:12]) for g in groups for a, b in pairwise(g) if _hangul_joint(a, b)]
    spaced = []
    if joints:
        from ..korean import kiwi  # loaded once per process, shared with the indexer

        spaced = kiwi().space([a + b for a, b in joints], reset_whitespace=False)
    seps = iter(" " if _space_after(s, len(a.replace(" ", ""))) else "" for (a, _), s in zip(joints, spaced))
    out = []
    for g in groups:
        text = g[0]
        for b in g[1:]:
            if _hangul_joint(text, b):
                text += next(seps) + b
            else:
                text += ("" if text[-1:].isdigit() and b[:1] in _UNITS else " ") + b
        out.append(text)
    return out



def _page_blocks(items: list, right: float, page: int) -> list[Block]:
    """Blocks from a page's lines and tables (lists of rows), in order."""
    lines = [it for it in items if isinstance(it, _Line)]
    page_numbers = {id(ln) for ln in lines[:1] + lines[-1:] if _PAGE_NUMBER.match(ln.text)}
    parts, run = [], []  # ("p", a paragraph's lines) or ("t", rows of cells, each cell's lines)
    for it in [*(it for it in items if id(it) not in page_numbers), None]:
        if isinstance(it, _Line):
            run.append(it)
            continue
        parts += [("p", p) for p in _paragraphs(run, right)]
        run = []
        if isinstance(it, str):
            parts.append(("p", [x for x in it.split("\n") if x.strip()]))
        elif it is not None:
            parts.append(("t", [[[x for x in c.split("\n") if x.strip()] or [""] for c in row] for row in it]))
    groups = [g for kind, p in parts for g in ([p] if kind == "p" else [cell for row in p for cell in row])]
    texts = iter(_join(groups))
    out = []
    for kind, p in parts:
        if kind == "p":
            text = next(texts)
            out.append(Block(text, HEADING if len(p) == 1 and is_heading(text) else PARAGRAPH, page))
        else:
            out += table_rows([[next(texts) for _ in row] for row in p], page)
    return out


def _title(doc) -> str | None:
    """The metadata title, unless empty, a file name ("Microsoft Word - 공고.hwp") or a URL."""
    title = _CONTROL.sub("", doc.get_metadata_dict().get("Title") or "").strip()
    if len(title) < 2 or _NO_TITLE.search(title) or title.lower() in {"untitled", "제목 없음", "무제"}:
        return None
    return title


def _tables(plumber, i: int) -> list | None:
    ppage = plumber.pages[i]
    try:
        return _plumber_items(ppage)
    finally:
        ppage.close()  # flushes the page's caches


def read(data: bytes, source: str) -> Extracted:
    if b"%PDF-" not in data[:1024]:
        raise IngestError(source, _CORRUPT)
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise IngestError(source, _ENCRYPTED if exc.err_code == pdfium_c.FPDF_ERR_PASSWORD else _CORRUPT) from exc
    plumber, blocks, right = None, [], 0.0
    try:
        for i in range(len(doc)):
            page = doc[i]
            textpage = page.get_textpage()
            items: list = _pdfium_lines(textpage, page.get_height())
            if items and _has_paths(page):
                import pdfplumber  # pdfminer.six: slow, so only for pages that may hold a table

                with suppress(Exception):  # pdfminer fails in many ways; then pdfium's text stays
                    plumber = plumber or pdfplumber.open(io.BytesIO(data))
                    items = _tables(plumber, i) or items
            textpage.close()
            page.close()
            right = max([right] + [it.x1 for it in items if isinstance(it, _Line) and it.x1 != float("inf")])
            blocks += _page_blocks(items, right, i + 1)
        title, pages = _title(doc), len(doc)
    except pdfium.PdfiumError as exc:
        raise IngestError(source, _CORRUPT) from exc
    finally:
        if plumber is not None:
            plumber.close()
        doc.close()
    if not blocks:
        raise IngestError(source, _SCANNED)
    return Extracted(blocks=blocks, title=title, pages=pages)
