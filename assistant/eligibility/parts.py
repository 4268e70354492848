"""A page of several programmes, each under a heading of its own: a blog's round-up ("① 경북테크노파크
– 2026년 경북형 스마트공장 고도화 지원사업", "② … 울산 제조 AX 전환 지원사업"), a guidebook chapter
("3-1. … 지원사업", "3-2. …"), a page of tabs ("## 자동화 설비 도입 지원사업"). Each part is read apart, so
one programme's region and limits are not another's.

A part starts at a short line that opens with a heading mark (①, [2], ##, 3-1., ■ …) and ends on a
programme's name (…지원사업, …사업, …바우처, …모집); a run of such lines one after another is a
table of contents, not the parts. A page is in parts only when at least two are found. A heading
of the same kind over what the parts share ("3-4 공통 유의사항 및 중복 지원 제한") ends the last part,
and its text is read with every part.
"""

import re
from dataclasses import dataclass

from .sections import _ELIGIBILITY_HEADING, _STATES, row_cells

_MARK = re.compile(r"^\s*(?:[①-⑳]|\[\s*\d{1,2}\s*\]|#{1,4}|\d{1,2}\s*-\s*\d{1,2}\s*[.)]?|\d{1,2}\s*[.)]|[■◆▣●□]|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]{1,3}\s*[.)]|"
                   r"(?:Tab|탭)\s*\d?\s*[:：.])\s*")
_NAME_END = re.compile(r"(?:지원\s*사업|사업|바우처|프로그램|모집|공모)\s*(?:\([^()]{1,30}\))?\s*[)\]]?\s*$")
MAX_HEADING = 70  # characters of a part's heading line
_NUMBERED_PART = re.compile(r"(?:사업|과제|분야)\s*\d{1,2}\s*[:：.)]\s*\S")


@dataclass(frozen=True)
class Part:
    title: str  # the heading without its mark ("경북테크노파크 – 2026년 경북형 스마트공장 고도화 지원사업")
    text: str  # the heading and the lines under it, up to the next part


def _heading(line: str) -> str | None:
    s = line.strip()
    m = _MARK.match(s)
    numbered = bool(m) and bool(_NUMBERED_PART.match(s[m.end():]))  # "□ 사업1 : 제조 AI 품질검사 솔루션 도입 지원"
    if not m or len(s) > MAX_HEADING or not (_NAME_END.search(s) or numbered):
        return None
    if _ELIGIBILITY_HEADING.search(s) or _STATES.search(s):
        return None
    title = s[m.end():].strip(" -–—:：")
    return title if len(title) >= 6 else None


_SHARED = re.compile(r"공통|모든\s*사업|전체\s*사업|사업\s*공통")


def programme_parts(text: str) -> list[Part]:
    lines = text.split("\n")
    titles = [_heading(x) for x in lines]
    filled = [i for i, x in enumerate(lines) if x.strip()]
    listed = {i for a, b in zip(filled, filled[1:]) if titles[a] and titles[b] for i in (a, b)}
    starts = [i for i, t in enumerate(titles) if t and i not in listed]
    if len(starts) < 2:
        return []
    # what the parts share: under a heading with the same mark after the last part ("3-4 공통 유의사항")
    shared_at = next((i for i in range(starts[-1] + 1, len(lines))
                      if len(lines[i].strip()) <= MAX_HEADING and _SHARED.search(lines[i])
                      and (m := _MARK.match(lines[i].strip())) and m.group(0).strip()), None)
    end = shared_at if shared_at is not None else len(lines)
    shared = lines[shared_at:] if shared_at is not None else []
    marks = [_MARK.match(lines[a].strip()).group(0).strip() for a in starts]
    return [Part(titles[a], "\n".join(lines[a:b] + _shared_for(shared, marks[i], marks)))
            for i, (a, b) in enumerate(zip(starts, starts[1:] + [end]))]


def _shared_for(shared: list[str], own: str, marks: list[str]) -> list[str]:
    """The shared lines but a table's rows about another part ("│ 3-1 스마트공장 │ 2023년 이후 … │" and
    the lines its cells wrap onto), for the part whose heading mark is `own`."""
    others = [m for m in marks if m and m != own and len(m) >= 2]
    out, skipping = [], False
    for line in shared:
        cells = row_cells(line)
        if len(cells) >= 2 and cells[0]:
            skipping = any(re.match(re.escape(m) + r"(?!\d)", cells[0]) for m in others)
        elif len(cells) < 2:
            skipping = False
        if not skipping:
            out.append(line)
    return out
