"""Excel workbooks (.xlsx: a portal's programme list, 기업마당's search results saved as Excel) to
records: each sheet's table read as a .csv export is (csvrecords.py: the header row of short names,
then one programme a row, rendered as a .json record is), with openpyxl (MIT; values, not formulas).

    read_records(data, source) -> list[tuple[int, Extracted]]  # (position among all sheets' rows, row)
"""

import io
import zipfile
from datetime import date, datetime

from ..errors import IngestError
from .blocks import Extracted
from .csvrecords import records_of
from .jsonrecords import extracted

_CORRUPT = ("엑셀(.xlsx) 파일을 읽을 수 없습니다 (손상되었거나 암호가 걸려 있거나 .xlsx가 아닙니다). 엑셀에서 열어 암호를 "
            "해제하고 .xlsx로 다시 저장하세요 (cannot read the workbook: damaged, password-protected or not .xlsx)")
_NO_TABLE = ("엑셀 시트에서 표(머리글 행과 그 아래 행들)를 찾지 못했습니다. 첫 행에 열 이름(예: 사업명, 신청자격, 접수기간)이 "
             "있고 그 아래에 사업이 한 행씩 있는 시트로 저장하세요 (no table in any sheet)")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_records(data: bytes, source: str) -> list[tuple[int, Extracted]]:
    from openpyxl import load_workbook  # only when a workbook is read

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheets = [[[_cell(v) for v in row] for row in ws.iter_rows(values_only=True)] for ws in book.worksheets]
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise IngestError(source, _CORRUPT) from exc
    records = [r for rows in sheets for r in (records_of(rows) or []) if r]
    if not records:
        raise IngestError(source, _NO_TABLE)
    return [(k, ex) for k, ex in enumerate(extracted(r) for r in records) if ex.blocks]
