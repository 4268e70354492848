"""TOML (a portal's or team's programme list kept as a data file, `[[programme]]` tables) to records:
parsed by the standard library's tomllib, then read as a .json response is (jsonrecords.py: the list
of tables holding the most text are the records, each a document; fields as labelled lines).

    read_records(data, source) -> list[tuple[int, Extracted]]  # (position, record)
"""

import tomllib

from ..errors import IngestError
from .blocks import Extracted
from .jsonrecords import extracted, find_records
from .textio import decode_bytes

_INVALID = ("TOML 형식이 잘못되었습니다: {msg}. 그 줄의 따옴표·괄호·등호를 확인하고 고친 뒤 다시 저장하세요 "
            "(invalid TOML: {msg})")
_NO_RECORDS = ("TOML에서 공고 레코드(글자 값이 있는 표)를 찾지 못했습니다 "
               "(no records: no table with text values in the TOML)")


def read_records(data: bytes, source: str) -> list[tuple[int, Extracted]]:
    text, _encoding = decode_bytes(data, source)
    try:
        value = tomllib.loads(text.lstrip("\ufeff"))
    except tomllib.TOMLDecodeError as exc:
        raise IngestError(source, _INVALID.format(msg=exc)) from exc
    value = _plain(value)
    out = [(k, ex) for k, ex in enumerate(extracted(r) for r in find_records(value)) if ex.blocks]
    if not out:
        raise IngestError(source, _NO_RECORDS)
    return out


def _plain(value):
    """TOML's dates and times as ISO strings, as JSON holds them."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
