"""Alternative tracks (트랙Ⅰ/트랙Ⅱ, 기초/고도화, 일반형/선도형): a company may apply when every condition of
one track holds. Read from a table whose columns are the tracks, a table whose first column names them,
or "name: …" lines; each gives one "track" condition (conditions.Condition, field "track") and the text
without the rows or lines it read.
"""

import re
from collections import Counter

from .conditions import Condition, _certifications, _industry, _numbers, _regions, _support_and_exclusions, either
from .sections import _ELIGIBILITY_HEADING, _RULE_LINE, _SCORING


# a table's header cell naming a track: "트랙Ⅰ 디지털 기초", "유형 A", "기초", "고도화1", "일반형"
# ("데이터 수집형", "AI 고도화형": a word before it)
_TRACK_NAME = re.compile(r"^(?:(?:트랙|유형|Track|Type)\s*[A-Z0-9ⅠⅡⅢⅣⅤ]{1,2}|[A-Z가-하]\s*형|기초|고도화\s*[12]?|(?:[가-힣A-Za-z]{1,5}\s)?(?!유형)[가-힣]{2,4}형)(?:\s|\(|$)")
_NOTHING = re.compile(r"^[-–—·]?$|^해당\s*없음$|^없음$")  # "-": no condition for this track


def track_tables(text: str, home=None) -> tuple[str, list[Condition]]:
    """Tables whose columns are alternative tracks ("| 구분 | | 트랙Ⅰ 디지털 기초 | 트랙Ⅱ 데이터 고도화 |"):
    a row whose track cells differ ("| | 상시근로자 | 5인 이상 | 20인 이상 |") states each track's own
    condition; a company may apply when one track's conditions all hold. Returns the text without
    those rows (a row filled once, as merged cells read, holds for every track and stays) and a
    "track" condition per table."""
    lines, out = text.split("\n"), []
    columns, names, tracks, head, excluding = None, [], [], "", False
    own_notes: set = set()
    for n, line in enumerate(lines):
        if line.strip() and _RULE_LINE.match(line):
            continue  # a box table's rule between its rows ("├────┼────┤")
        cells = [c.strip() for c in line.strip().strip("|").split("|")] if line.strip().startswith("|") else None
        if cells is None:  # the table ends
            if columns and all(tracks):
                out.append(either(names, tracks, head))
            columns, tracks = None, []
            continue
        found = [k for k, c in enumerate(cells) if _TRACK_NAME.match(c)]
        if len(found) >= 2:
            if columns and all(tracks):
                out.append(either(names, tracks, head))
            columns, names, tracks, head = found, [cells[k] for k in found], [[] for _ in found], line.strip()
            lines[n] = ""  # the header names tracks; it states no condition
            continue
        if not columns or len(cells) <= max(columns):
            continue
        label = " ".join(c for c in cells[:columns[0]] if c)
        if re.search(r"제외|제한", label):  # "신청제외 | 트랙별": the rows below exclude
            excluding = True
        elif _ELIGIBILITY_HEADING.search(label):
            excluding = False
        values = [cells[k] for k in columns]
        if sum(bool(v) for v in values) < 2 or len(set(values)) == 1:
            continue  # one value for all tracks: read with the rest of the text
        rest = [c for c in cells[:columns[0]] if c and not _ELIGIBILITY_HEADING.search(c) and not re.search(r"제외", c)]
        for k, v in enumerate(values):
            if v and not _NOTHING.match(v) and not _SCORING.search(v):
                tracks[k] += _read(f"{' '.join(rest)} {v}".strip(), home, excluding)
        marks = Counter(m for v in values for m in set(_NOTE_MARK.findall(v)))
        own_notes |= {m for m, cells in marks.items() if cells == 1}  # a footnote marked in one track's cell
        lines[n] = ""
    if columns and all(tracks):  # a track with no condition of its own tells nothing
        out.append(either(names, tracks, head))
    # a footnote marked in one track's cell only ("스마트공장 구축을 완료한 기업⑤" then "⑤ … 구축 완료한 기업"): that
    # track's detail, read with its cell, not a condition of every track
    lines = [x for x in lines if not (own_notes and x.strip()[:1] in own_notes)]
    return "\n".join(lines), out


_NOTE_MARK = re.compile(r"[①-⑳]")


_NAME = r"[가-힣A-Za-z0-9]{1,6}형|(?:트랙|유형|Track|Type)\s*[A-Z0-9ⅠⅡⅢⅣⅤ]{1,2}|기초|고도화\s*[12]?"  # a track named in a row or line
_TRACK_CELL = re.compile(rf"^(?:{_NAME})$")


_TRACK_LINE = re.compile(rf"^[\s\-·•*○]*({_NAME})\s*[:：]\s*(.+)$")


def track_lines(text: str, home=None) -> tuple[str, list[Condition]]:
    """One track's conditions written as a row of a table whose first column names the tracks ("| 유형 |
    상시근로자 | 추가 요건 |" then "| 선도형 | 50인 이상 200인 미만 | 이노비즈 또는 메인비즈 인증 보유 |") or
    as "name: …" lines ("일반형: 상시근로자 10인 이상 50인 미만", "선도형: 이노비즈 …"). When two or more
    tracks are named so, one "track" condition (one track's conditions must all hold); else nothing
    is read from them (they stay one track's lines)."""
    lines, tracks, header = text.split("\n"), {}, None
    taken = []
    for n, line in enumerate(lines):
        stripped = line.strip()
        cells = [c.strip() for c in stripped.strip("|").split("|")] if stripped.startswith("|") else None
        if cells is not None and cells and _TRACK_CELL.match(cells[0]) and header:
            said = [f"{h} {v}" for h, v in zip(header[1:], cells[1:]) if v and not _NOTHING.match(v)]
        elif cells is not None:
            header = cells
            continue
        elif (m := _TRACK_LINE.match(stripped)):
            header, cells = None, [m.group(1)]
            said = [m.group(2)]
        else:
            header = None
            continue
        found = tracks.setdefault(re.sub(r"\s+", "", cells[0]), [])
        for x in said:
            if not _SCORING.search(x):
                found += _read(x, home, industry=False)
        taken.append(n)
    if len(tracks) < 2 or not all(tracks.values()):  # a track with no condition of its own: any company has one
        return text, []
    for n in taken:
        lines[n] = ""
    unique = [list({(c.field, c.op, repr(c.value)): c for c in found}.values()) for found in tracks.values()]
    cited = " / ".join(text.split("\n")[n].strip() for n in taken[:3])  # the rows or lines that name the tracks
    return "\n".join(lines), [either(list(tracks), unique, cited)]


def _read(said: str, home, excluding: bool = False, industry: bool = True) -> list[Condition]:
    """One track's cell or line read by the field rules of conditions.py."""
    return (_regions(said, home) + (_industry(said, excluding) if industry else []) + _numbers(said, excluding)
            + _certifications(said) + _support_and_exclusions(said, excluding))


