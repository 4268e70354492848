"""HWP 5 (binary .hwp, 한글 97 and later) to blocks, after Hancom's "한글 문서 파일 형식 5.0".

An .hwp file is an OLE compound file. "FileHeader" holds the signature "HWP Document File", the
version and flags (bit 0 compressed, bit 1 password, bit 2 배포용 distribution-protected). The
text is in the streams "BodyText/Section0", "Section1", …, raw-deflated when compressed.

A section stream is a flat list of records. Each starts with a 4-byte little-endian header:
tag id (bits 0-9), level (bits 10-19) and size (bits 20-31; 0xFFF means the real size follows
in the next 4 bytes). The level makes the list a tree, a record being a child of the last record
one level up:

    PARA_HEADER (66)                    a paragraph
      PARA_TEXT (67)                    its text, UTF-16LE with control characters
      CTRL_HEADER (71) "tbl "           a table anchored in the paragraph
        LIST_HEADER (72), PARA_HEADER…  its caption, if any
        TABLE (77)                      rows and columns
        LIST_HEADER (72), PARA_HEADER…  one per cell: column, row, colspan, rowspan, then the
                                        cell's paragraphs as siblings following it
      CTRL_HEADER (71) …                text boxes, footnotes…: paragraphs somewhere below

In PARA_TEXT, code units 0-31 are controls: 1-9, 11-12 and 14-23 take 8 units (the code, six
units of parameters, the code again; 9 is a tab); the others take one (10 line break, 13
paragraph end, 24 hyphen, 30/31 fixed spaces). Each paragraph becomes one line of text. Pages
are not stored (layout decides them), so blocks have none.
"""

import io
import re
import struct
import sys
import zlib
from array import array
from dataclasses import dataclass, field

import olefile

from ..errors import IngestError
from .blocks import HEADING, PARAGRAPH, Block, Extracted, is_heading, table_rows

SUFFIXES = (".hwp",)

PARA_HEADER, PARA_TEXT, CTRL_HEADER, LIST_HEADER, TABLE = 66, 67, 71, 72, 77
_WIDE = frozenset([*range(1, 10), 11, 12, *range(14, 24)])  # controls 8 code units long
_ONE = {9: " ", 10: " ", 24: "-", 30: " ", 31: " "}  # tab, line break, hyphen, spaces
_SKIPPED = {b"head", b"foot"}  # page headers and footers: page chrome, not content

_CORRUPT = (
    "HWP 파일을 읽을 수 없습니다 (손상되었거나 HWP 5 형식이 아닙니다). "
    "한글에서 열어 다시 저장해 보세요 "
    "(cannot read the HWP file: corrupt or not HWP 5; open it in Hangul and save it again)"
)
_OLD = (
    "HWP 3.0 이하의 옛 형식은 읽을 수 없습니다. "
    "한글에서 열어 HWP(5.0 이상)나 HWPX로 다시 저장하세요 "
    "(HWP 3 and older are not supported; save it again as HWP or HWPX in Hangul)"
)
_HWPX = (
    "이 파일은 .hwp가 아니라 HWPX(ZIP) 형식입니다. 확장자를 .hwpx로 바꾸세요 "
    "(an HWPX (zip) file named .hwp; rename it to .hwpx)"
)
_PASSWORD = (
    "암호가 걸린 HWP 문서입니다. 한글에서 암호를 풀고 다시 저장하세요 "
    "(the HWP file is password-protected; remove the password in Hangul and save it again)"
)
_DISTRIBUTION = (
    "배포용 문서라 본문이 암호화되어 있어 색인할 수 없습니다. "
    "배포용으로 만들기 전의 원본을 넣거나, 한글에서 일반 HWP/HWPX 문서나 PDF로 저장해 넣으세요 "
    "(a distribution-protected HWP cannot "
    "be indexed; use the original, or save it as a normal HWP/HWPX or PDF in Hangul)"
)
_NO_TEXT = (
    "HWP 문서에 본문 텍스트가 없습니다 (빈 문서이거나 그림뿐입니다). "
    "글자가 담긴 문서인지 확인하세요 "
    "(no text in the HWP document: empty or images only)"
)


@dataclass
class _Rec:
    tag: int
    data: bytes
    kids: list["_Rec"] = field(default_factory=list)


def _records(buf: bytes) -> list[_Rec]:
    """The records of one section stream as a forest (top-level records with their children)."""
    roots: list[_Rec] = []
    path: list[_Rec] = []  # path[k] is the last record seen at level k
    pos = 0
    while pos + 4 <= len(buf):
        (head,) = struct.unpack_from("<I", buf, pos)
        tag, level, size = head & 0x3FF, (head >> 10) & 0x3FF, head >> 20
        pos += 4
        if size == 0xFFF:
            (size,) = struct.unpack_from("<I", buf, pos)
            pos += 4
        rec = _Rec(tag, buf[pos : pos + size])
        pos += size
        if level > len(path):
            raise ValueError("record level skips a level")
        del path[level:]
        (path[-1].kids if path else roots).append(rec)
        path.append(rec)
    return roots


def _para_text(data: bytes) -> str:
    units = array("H", data[: len(data) // 2 * 2])  # UTF-16 code units
    if sys.byteorder == "big":
        units.byteswap()
    out, i = array("H"), 0
    while i < len(units):
        u = units[i]
        if u >= 32:
            out.append(u)
        elif u in _ONE:
            out.append(ord(_ONE[u]))
        elif u == 13:
            break
        i += 8 if u in _WIDE else 1
    return " ".join(out.tobytes().decode("utf-16le", "replace").split())  # one line


def _blocks(recs: list[_Rec]) -> list[Block]:
    """The paragraphs and tables among sibling records, in order, looking into other controls."""
    out = []
    for r in recs:
        if r.tag == PARA_HEADER:
            text = next((_para_text(k.data) for k in r.kids if k.tag == PARA_TEXT), "")
            if text:
                out.append(Block(text, HEADING if is_heading(text) else PARAGRAPH))
            out += _blocks([k for k in r.kids if k.tag == CTRL_HEADER])
        elif r.tag == CTRL_HEADER and r.data[:4][::-1] == b"tbl ":
            out += _table(r.kids)
        elif not (r.tag == CTRL_HEADER and r.data[:4][::-1] in _SKIPPED):
            out += _blocks(r.kids)
    return out


def _table(kids: list[_Rec]) -> list[Block]:
    """A table's caption paragraphs, then one ROW block per row (see blocks.table_rows)."""
    at = next((i for i, k in enumerate(kids) if k.tag == TABLE), None)
    if at is None or len(kids[at].data) < 8:
        return _blocks(kids)
    # a caption that is only "표"/"그림" (its auto-number is not stored as text) says nothing
    caption = [Block(b.text, PARAGRAPH) for b in _blocks(kids[:at]) if len(b.text) > 2]
    nrows, ncols = struct.unpack_from("<HH", kids[at].data, 4)
    cells: list[tuple[int, int, list[_Rec]]] = []  # (row, col, the cell's paragraphs)
    for k in kids[at + 1 :]:
        if k.tag == LIST_HEADER and len(k.data) >= 16:
            col, row = struct.unpack_from("<HH", k.data, 8)
            cells.append((row, col, []))
        elif cells:
            cells[-1][2].append(k)
    nrows = max([nrows] + [r + 1 for r, _, _ in cells])
    ncols = max([ncols] + [c + 1 for _, c, _ in cells])
    grid = [[""] * ncols for _ in range(nrows)]
    for row, col, paras in cells:  # a merged cell once, at its top-left; spanned places empty
        grid[row][col] = "\n".join(b.text for b in _blocks(paras))
    return caption + table_rows(grid)





def _title(ole: olefile.OleFileIO) -> str | None:
    """Property 2 (PIDSI_TITLE) of the "\\x05HwpSummaryInformation" property set, if set."""
    name = "\x05HwpSummaryInformation"
    if not ole.exists(name):
        return None
    s = ole.openstream(name).read()
    (base,) = struct.unpack_from("<I", s, 44)  # offset of the first (only) property section
    (count,) = struct.unpack_from("<I", s, base + 4)
    for i in range(count):
        pid, off = struct.unpack_from("<II", s, base + 8 + 8 * i)
        vtype, n = struct.unpack_from("<II", s, base + off)
        if pid == 2 and vtype == 0x1F:  # VT_LPWSTR: length in characters, NUL included
            text = s[base + off + 8 : base + off + 8 + 2 * n].decode("utf-16le", "replace")
            return text.split("\x00")[0].strip() or None
    return None


def read(data: bytes, source: str) -> Extracted:
    if data.startswith(b"HWP Document File V"):  # HWP 3 and older: not an OLE file
        raise IngestError(source, _OLD)
    if data.startswith(b"PK\x03\x04"):
        raise IngestError(source, _HWPX)
    # checked here: olefile would take bytes shorter than 1536 for a file name
    if len(data) < olefile.MINIMAL_OLEFILE_SIZE or not data.startswith(olefile.MAGIC):
        raise IngestError(source, _CORRUPT)
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            header = ole.openstream("FileHeader").read()
            if not header.startswith(b"HWP Document File") or len(header) < 40:
                raise IngestError(source, _CORRUPT)
            version, flags = struct.unpack_from("<II", header, 32)
            if version >> 24 < 5:
                raise IngestError(source, _OLD)
            if flags & 2:
                raise IngestError(source, _PASSWORD)
            if flags & 4 or ole.exists("ViewText"):  # the real body is encrypted in ViewText/
                raise IngestError(source, _DISTRIBUTION)
            sections = sorted(
                (int(p[1][7:]), "/".join(p))
                for p in ole.listdir()
                if len(p) == 2 and p[0] == "BodyText" and re.fullmatch(r"Section\d+", p[1])
            )
            if not sections:  # every HWP 5 file has BodyText/Section0: a cut or broken file
                raise IngestError(source, _CORRUPT)
            blocks = []
            for _, path in sections:
                buf = ole.openstream(path).read()
                blocks += _blocks(_records(zlib.decompress(buf, -15) if flags & 1 else buf))
            title = _title(ole)
    except (OSError, ValueError, EOFError, IndexError, KeyError, RecursionError, struct.error,
            zlib.error) as exc:
        raise IngestError(source, _CORRUPT) from exc
    if not blocks:
        raise IngestError(source, _NO_TEXT)
    return Extracted(blocks=blocks, title=title)
