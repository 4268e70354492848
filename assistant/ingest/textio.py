"""Bytes to text: detect the encoding of a corpus file, refuse what is not text.

Korean pages arrive as UTF-8 or as CP949/EUC-KR (CP949 is a superset of EUC-KR).
UTF-8 is tried strictly first because it is unambiguous; then CP949, accepted only
when the result reads as Korean; then charset-normalizer for anything else.
"""

import re
import unicodedata
from pathlib import Path

import charset_normalizer

from ..config import MAX_FILE_BYTES
from ..errors import IngestError

_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_SNIFF = 8192


def _hangul_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if _HANGUL.match(c)) / len(letters)


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for c in text if unicodedata.category(c) in ("Cc", "Cs", "Co") and c not in "\n\r\t\f")
    return bad / len(text)


def decode_bytes(data: bytes, path: str | Path = "<bytes>") -> tuple[str, str]:
    """Return (text, encoding name). Raise IngestError for binary or undecodable data."""
    if len(data) > MAX_FILE_BYTES:
        raise IngestError(path, f"파일이 너무 큽니다 ({len(data) // 1_000_000} MB > {MAX_FILE_BYTES // 1_000_000} MB); 나누어 넣어 주세요")
    if not data.strip():
        raise IngestError(path, "빈 파일입니다 (empty file)")
    if b"\x00" in data[:_SNIFF]:
        raise IngestError(path, "텍스트가 아닌 바이너리 파일입니다. .txt·.md·.html·.json은 텍스트여야 하고, 문서는 .pdf·.hwp·.hwpx·.docx 확장자로 넣어 주세요 (binary file under a text suffix)")
    text, encoding = None, None
    try:
        text, encoding = data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        try:
            candidate = data.decode("cp949")
            if _hangul_share(candidate) >= 0.3:
                text, encoding = candidate, "cp949"
        except UnicodeDecodeError:
            pass
    if text is None:
        best = charset_normalizer.from_bytes(data).best()
        if best is None:
            raise IngestError(path, "문자 인코딩을 알아낼 수 없습니다 (undecodable; save it as UTF-8)")
        text, encoding = str(best), best.encoding
    if _control_share(text[:_SNIFF]) > 0.01:
        raise IngestError(path, "제어 문자가 많아 텍스트로 읽을 수 없습니다 (looks binary; only text files are indexed)")
    return text, encoding
