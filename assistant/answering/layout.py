"""Where a line of a notice sits: the header row of a table row. A row says what its figures are
only under its header ("| 고도화2 | 최대 3억 원 |" under "| 구분 | 지원한도 |"), so the reader
reads it with the header's words too (reader.Reader.heading_terms).

Measured and left out (2026-12-02, retrained and scored on the test splits): reading a list item
under its lead-in line ("○ 청주 : 3월 4일" under "권역별 설명회 일정은 다음과 같다.") took domain
answer accuracy 0.819 -> 0.810, seeds 0.824 -> 0.706 and conversations 0.737 -> 0.721 (KorQuAD-A
0.810 -> 0.822)."""

import re

_SEPARATOR = re.compile(r"^\|[\s:|-]*$")


def is_row(line: str) -> bool:
    return len(line) > 2 and line.startswith("|") and line.endswith("|") and line.count("|") >= 3


def row_headers(text: str) -> dict[str, str]:
    """Each table row of `text` (stripped, its first occurrence) -> the header row of its table
    (the top of its run of rows). Rows with no header are left out: the header row itself, and
    the rows under a separator-only top."""
    out: dict[str, str] = {}
    top = ""
    for line in (x.strip() for x in text.split("\n")):
        if not is_row(line):
            top = ""
            continue
        if not top:
            top = line
            out.setdefault(line, "")
            continue
        out.setdefault(line, "" if _SEPARATOR.match(top) else top)
    return {row: header for row, header in out.items() if header}


def plain(line: str) -> str:
    """A header row's words, without its bars."""
    return line.replace("|", " ").strip()
