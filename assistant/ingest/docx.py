"""DOCX (Word 2007 and later) to blocks with python-docx.

The body's paragraphs (w:p) and tables (w:tbl) are read in document order. A paragraph in a
heading style ("Heading 1"…, "Title"; Word stores these English names whatever the UI language)
or a short numbered line ("1. 사업개요", "가. 지원대상") is a HEADING. A table gives one ROW block
per row (blocks.table_rows); python-docx repeats a merged cell in every grid place it covers,
which table_rows writes once. Word has no stored pages, so blocks carry none.

A password-protected DOCX is not a zip at all: Word wraps the encrypted package in an OLE
compound file with the streams "EncryptionInfo" and "EncryptedPackage". An OLE file without
them is an old binary .doc renamed to .docx.
"""

import io
import re
import zipfile
import zlib

from ..errors import IngestError
from .blocks import HEADING, PARAGRAPH, Block, Extracted, is_heading, table_rows

SUFFIXES = (".docx",)

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")  # as OLE directory entries name it

_CORRUPT = ("DOCX 파일을 읽을 수 없습니다 (손상되었거나 DOCX가 아닌 파일입니다). Word에서 열어 다시 저장해 "
            "보세요 (cannot read the DOCX: damaged or not a DOCX; open it in Word and save it again)")
_ENCRYPTED = ("암호가 걸린 DOCX입니다. Word에서 암호를 해제하고 다시 저장하세요 "
              "(the DOCX is password-protected; remove the password in Word and save it again)")
_OLD_DOC = ("예전 Word 형식(.doc) 파일입니다. Word에서 열어 .docx로 다시 저장하세요 "
            "(an old binary Word .doc named .docx; save it as .docx in Word)")
_EMPTY = ("DOCX 문서에 본문 텍스트가 없습니다 (그림만 있거나 빈 문서). 텍스트가 담긴 문서인지 확인하세요 "
          "(no text in the DOCX: empty or images only)")

_HEADING_STYLE = re.compile(r"^(?:Heading|Title|Subtitle|제목|부제)", re.IGNORECASE)


def _is_heading(paragraph, text: str) -> bool:
    style = paragraph.style.name if paragraph.style is not None else ""
    if _HEADING_STYLE.match(style or ""):
        return True
    return is_heading(text)


def _blocks(document) -> list[Block]:
    from docx.table import Table

    out = []
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            out += table_rows([[cell.text for cell in row.cells] for row in item.rows])
            continue
        text = item.text.strip()
        if text:
            out.append(Block(text, HEADING if _is_heading(item, text) else PARAGRAPH))
    return out


def read(data: bytes, source: str) -> Extracted:
    if data.startswith(_OLE_MAGIC):
        raise IngestError(source, _ENCRYPTED if _ENCRYPTED_STREAM in data else _OLD_DOC)
    if not data.startswith(b"PK"):
        raise IngestError(source, _CORRUPT)
    import docx  # python-docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    try:
        document = docx.Document(io.BytesIO(data))
        blocks = _blocks(document)
        title = (document.core_properties.title or "").strip() or None
    except (PackageNotFoundError, zipfile.BadZipFile, zlib.error, KeyError, IndexError, ValueError, XMLSyntaxError,
            EOFError) as exc:
        raise IngestError(source, _CORRUPT) from exc
    if not blocks:
        raise IngestError(source, _EMPTY)
    return Extracted(blocks=blocks, title=title)
