"""What every document reader returns: the text in reading order as blocks.

A reader (pdf.py, docx.py, hwpx.py, hwp.py) turns a file's bytes into an `Extracted`: headings,
paragraphs and table rows, each with the page it is on when the format has pages. A table
becomes one block per row whose text carries the header ("구분: 고도화1 | 지원한도: 1억 원"),
so a question about one row finds that row and the answer cites it.

    SUFFIXES = (".pdf",)
    def read(data: bytes, source: str) -> Extracted   # raises IngestError with a Korean message

A format whose file holds several documents (jsonrecords.py: the records of an API response)
has instead `read_records(data, source) -> list[tuple[int, Extracted]]`, each record with its
position in the file; every record becomes a Document of its own.
"""

import re
from dataclasses import dataclass, field

HEADING, PARAGRAPH, ROW = "heading", "paragraph", "row"


@dataclass(frozen=True)
class Block:
    text: str
    kind: str = PARAGRAPH  # HEADING, PARAGRAPH or ROW
    page: int | None = None  # 1-based page number, for formats that have pages


@dataclass
class Extracted:
    blocks: list[Block] = field(default_factory=list)
    title: str | None = None  # the document's own title (file properties, first heading), if any
    pages: int | None = None  # number of pages, for formats that have them
    date: str | None = None  # ISO yyyy-mm-dd the file states as its own (a record's registration date)
    issuer: str | None = None  # the responsible body the file states (a record's 소관기관)
    stated: bool = False  # title, date and issuer are named fields (a JSON record), before what the text says


_SPACE = re.compile(r"\s+")
_NUMBERED = re.compile(r"^(?:\d{1,2}\.|[가-하]\.|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+\.|[IVX]+\.|[□■])\s*[가-힣A-Za-z]")
HEADING_MAX = 30  # characters: a section title is short


def is_heading(text: str) -> bool:
    """A short numbered line that is not a sentence: "1. 사업개요", "가. 지원대상", "□ 신청방법"
    (the one rule for every format; formats with heading styles also use those)."""
    return (len(text) <= HEADING_MAX and "\n" not in text and ":" not in text
            and not text.endswith((".", "다", "것", "함", "음", "임")) and bool(_NUMBERED.match(text)))


def cell_text(text: str) -> str:
    """A table cell on one line: line breaks inside a cell become spaces."""
    return _SPACE.sub(" ", text or "").strip()


def table_rows(rows: list[list[str]], page: int | None = None) -> list[Block]:
    """Blocks for a table given as rows of cell texts (merged cells repeated or empty).

    The first row is taken as the header when its cells are mostly filled, short, worded (each
    has a letter) and hold no amounts or dates; each
    later row becomes "header1: cell1 | header2: cell2 ...". A one-column table, or one without
    such a header, gives each row's cells joined by " | ". Empty rows are dropped; a cell equal
    to the one before it (a horizontally merged cell read twice) is written once.
    """
    rows = [[cell_text(c) for c in r] for r in rows]
    rows = [r for r in rows if any(r)]
    if not rows:
        return []
    header = rows[0] if _looks_like_header(rows[0]) and len(rows) > 1 else None
    out = []
    for r in rows[1:] if header else rows:
        parts, last = [], None
        for i, c in enumerate(r):
            if not c or c == last:
                continue
            last = c
            h = header[i] if header and i < len(header) and header[i] and header[i] != c else None
            parts.append(f"{h}: {c}" if h else c)
        if parts:
            out.append(Block(" | ".join(parts), ROW, page))
    return out


_LETTER = re.compile(r"[가-힣A-Za-z]")
_NUMBERISH = re.compile(r"\d[\d,.]*\s*(?:%|원|만|억|천|개|명|년|월|일)")


def _looks_like_header(row: list[str]) -> bool:
    filled = [c for c in row if c]
    if len(row) < 2 or len(filled) < max(2, (len(row) + 1) // 2):
        return False
    return all(_LETTER.search(c) and not _NUMBERISH.search(c) and len(c) <= 30 for c in filled)
