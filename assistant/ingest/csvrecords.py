"""CSV (a programme list exported from a portal, saved as .csv) to blocks: one `Extracted` per row.

Portals such as 기업마당 export search results as CSV: a few lines may come before the table
("지원사업 검색결과 목록", "검색일시: …, 검색조건: …"), then a header row of field names (Korean or an
API's), then one programme a row, a cell sometimes holding several lines. The header is the first
row of at least three distinct short names whose next rows have its width; each row below it is a
record of those fields, rendered as a .json record is (jsonrecords.extracted: labels, title, date).
UTF-8 or CP949, with or without a BOM; comma, tab or semicolon separated.

    SUFFIXES = (".csv",)
    def read_records(data: bytes, source: str) -> list[tuple[int, Extracted]]  # (position, row)
"""

import csv
import io

from ..errors import IngestError
from .blocks import ROW, Block, Extracted
from .jsonrecords import extracted
from .textio import decode_bytes

SUFFIXES = (".csv",)
MAX_NAME = 40  # a header cell is a short name
CHECKED_ROWS = 5  # rows below a header that must have its width

_NO_TABLE = ("CSV에서 표(머리글 행과 그 아래 행들)를 찾지 못했습니다. 첫 행에 열 이름(예: 사업명, 신청자격, 접수기간)이 "
             "있고 그 아래에 사업이 한 행씩 있는 파일로 저장하세요 (no table: no header row of column names "
             "followed by rows of the same width)")
_EMPTY = "CSV 표에 읽을 수 있는 글자가 없습니다 (행이 모두 비었습니다) (the CSV table's rows are empty)"


def _rows(text: str) -> list[list[str]]:
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    return list(csv.reader(io.StringIO(text), dialect))


def header_row(rows: list[list[str]]) -> int | None:
    """The index of the header row, or None."""
    for i, row in enumerate(rows):
        names = [c.strip() for c in row if c.strip()]
        if (len(names) < 3 or len(set(names)) < len(names)
                or any(len(n) > MAX_NAME or "\n" in n for n in names)):
            continue
        below = [r for r in rows[i + 1:i + 1 + CHECKED_ROWS] if any(c.strip() for c in r)]
        if below and all(len(r) == len(row) for r in below):
            return i
    return None


def records_of(rows: list[list[str]]) -> list[dict] | None:
    """The records of a table's rows (below its header row, by the header's names); None without a header."""
    at = header_row(rows)
    if at is None:
        return None
    names = [c.strip() for c in rows[at]]
    return [{n: v.strip() for n, v in zip(names, row) if n and v.strip()} for row in rows[at + 1:]]


def read_records(data: bytes, source: str) -> list[tuple[int, Extracted]]:
    """(position among the rows, its blocks) for every row that holds text. A table whose rows name no
    programme of their own ("구분, 세부항목, 2025년, 2026년, 비고": one programme's conditions, item by
    item) is one document: the lines above its header, then its rows."""
    text, _encoding = decode_bytes(data, source)
    rows = _rows(text.lstrip("\ufeff"))
    records = records_of(rows)
    if records is None:
        raise IngestError(source, _NO_TABLE)
    out = [(k, ex) for k, ex in enumerate(extracted(r) for r in records if r) if ex.blocks]
    if not out:
        raise IngestError(source, _EMPTY)
    if len(out) > 1 and not any(ex.title for _, ex in out):
        return [(0, _one_table(rows))]
    return out


def _one_table(rows: list[list[str]]) -> Extracted:
    at = header_row(rows)
    above = [" ".join(c.strip() for c in r if c.strip()) for r in rows[:at]]
    above = [line for line in above if line]
    table = ["| " + " | ".join(c.strip() for c in r) + " |" for r in rows[at:] if any(c.strip() for c in r)]
    return Extracted(blocks=[Block(line) for line in above] + [Block(line, ROW) for line in table],
                     title=above[0] if above else None)
