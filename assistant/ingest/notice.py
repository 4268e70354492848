"""The facts a 공고문 states about itself, read from its lines by general patterns.

- title: the programme's name in 「…」 on a short line near the top that says what it is
  (공고, 모집, 사업 …), else the first heading that is not a
  numbered section ("1. 사업개요" names a section, not the document);
- number: the 공고 번호 ("경기도 공고 제2026-412호" -> "제2026-412호");
- issued: the 공고일, a dated line among the last lines (a notice ends "2026. 2. 20." + issuer);
- issuer: the signing body on the last lines ("(재)경기테크노파크 원장", "김포시장");
- max_amount: the largest support amount stated as a limit ("최대 5,000만 원", "지원한도: 1억 원"),
  as written;
- apply_at: where and how to apply ("신청방법: 스마트공장 사업관리시스템(www.smart-factory.kr) 온라인
  접수", or a news sentence "… 누리집에서 온라인으로 신청할 수 있다"), as written;
- contact: the 문의처 (a "문의: …" line, or the lines under a 문의처 heading), as written;
- period: the application period of any document that states one (접수기간, 신청기간, 모집기간,
  마감 …): start and deadline as ISO dates, with the time when given ("2026-03-20T18:00").
  A date without a year takes the year of the date before it, else of the notice. Without a
  label, a sentence about applying that gives a date "까지" states the deadline (news stories).
"""

import re
from dataclasses import dataclass

from ..numbers import find_quantities

_DATE = re.compile(
    r"(?:(?P<y>20\d{2})\s*(?:[.\-/]|년)\s*)?(?P<m>1[0-2]|0?[1-9])\s*(?:[.\-/]|월)\s*(?P<d>3[01]|[12]\d|0?[1-9])(?!\d)"
    r"\s*(?:일|\.)?\s*(?:\(\s*[월화수목금토일]\s*\))?"
    r"(?:\s*(?P<ampm>오전|오후)?\s*(?P<h>[01]?\d|2[0-4])\s*(?::\s*(?P<mi>[0-5]\d)|시(?:\s*(?P<mi2>[0-5]?\d)\s*분)?))?"
)
_PERIOD_LABEL = re.compile(r"(?:접수|신청|모집|공모|제출)\s*(?:기간|기한|일정|일시)")
_DEADLINE_LABEL = re.compile(r"(?:접수|신청|제출|모집)?\s*마감(?:일|일시|기한)?")
_NUMBER = re.compile(r"제\s*(\d{4})\s*[-–]\s*(\d+)\s*호")
_TITLE = re.compile(r"「\s*([^」]{4,80}?)\s*」")
_ISSUER = re.compile(
    r"^(?:\(재\)|\(사\)|재단법인\s*|사단법인\s*)?[가-힣A-Za-z·\s()]{2,30}?"
    r"(?:원장|이사장|시장|군수|구청장|도지사|청장|장관|대표|위원장|본부장|센터장|단장|회장|총장)$"
)
_SECTION_NUMBER = re.compile(r"^\s*(?:(?:\d{1,2}|[가-하]|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+|[IVX]{1,4})\s*[.)]|[□■○◦●▶-])")
TAIL_LINES = 8
TITLE_LINE = 80  # a title line is short; 「…」 inside a longer sentence quotes a law or another document
_TITLE_WORDS = re.compile(r"공고|모집|안내|사업|계획|시행|공모")  # what a notice's title line says it is  # a notice's date and signature are among its last lines


@dataclass(frozen=True)
class NoticeFacts:
    title: str | None = None
    number: str | None = None
    issued: str | None = None  # yyyy-mm-dd
    issuer: str | None = None
    period_start: str | None = None  # yyyy-mm-dd or yyyy-mm-ddThh:mm
    deadline: str | None = None
    max_amount: str | None = None  # as written ("5,000만 원")
    apply_at: str | None = None
    contact: str | None = None

    def to_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass(frozen=True)
class _When:
    year: int | None
    month: int
    day: int
    hour: int | None
    minute: int

    def iso(self, year: int | None) -> str | None:
        y = self.year or year
        if y is None:
            return None
        day = f"{y:04d}-{self.month:02d}-{self.day:02d}"
        return f"{day}T{self.hour:02d}:{self.minute:02d}" if self.hour is not None else day


def _dates(text: str) -> list[_When]:
    out = []
    for m in _DATE.finditer(text):
        hour = int(m["h"]) if m["h"] else None
        if hour is not None and m["ampm"] == "오후" and hour < 12:
            hour += 12
        out.append(_When(int(m["y"]) if m["y"] else None, int(m["m"]), int(m["d"]), hour,
                         int(m["mi"] or m["mi2"] or 0)))
    return out


def _year_of(lines: list[str]) -> int | None:
    for line in lines:
        for w in _dates(line):
            if w.year:
                return w.year
    return None


_APPLY = re.compile(r"신청|접수|모집|제출")


def _unlabelled_period(lines: list[str], year: int | None) -> tuple[str | None, str | None]:
    """A period a news story states in a sentence ("오는 3월 20일 18시까지 ... 신청할 수 있다"):
    the first date followed by 까지 (and one followed by 부터) in a sentence about applying."""
    for ln in lines:
        if not _APPLY.search(ln):
            continue
        until = next((m for m in _DATE.finditer(ln) if ln[m.end():m.end() + 3].lstrip().startswith("까지")), None)
        if until:
            dates = {m.start(): w for m, w in zip(_DATE.finditer(ln), _dates(ln))}
            since = next((dates[m.start()] for m in _DATE.finditer(ln)
                          if ln[m.end():m.end() + 3].lstrip().startswith("부터")), None)
            end = dates[until.start()]
            base = (since.year if since and since.year else None) or year
            return (since.iso(base) if since else None), end.iso(end.year or base)
    return None, None


def _max_amount(lines: list[str]) -> str | None:
    """The largest amount in won that a line states as a limit: after 최대 or 한도, or before 한도/이내."""
    best = None
    for ln in lines:
        for q in find_quantities(ln):
            if q.unit != "KRW":
                continue
            before, after = ln[max(0, q.start - 8):q.start], ln[q.end:q.end + 6]
            if ("최대" in before or "한도" in before or "한도" in after or "이내" in after) and (
                    best is None or q.value > best.value):
                best = q
    return best.text.strip() if best else None


_BULLETS = r"^[\s\-·•*○◦□■]*"  # a list line's marks before its label
_APPLY_LABEL = re.compile(_BULLETS + r"(?:[가-하]\s*[.)]\s*)?(?:신청|접수)\s*(?:방법|처|장소)\s*[:：]\s*(.{4,120})")
_APPLY_WHERE = re.compile(r"(?:누리집|홈페이지|시스템|사이트|www\.|https?://|포털)[^.。]{0,40}?(?:에서|을\s*통해|를\s*통해|로)"
                          r"[^.。]{0,25}?(?:신청|접수)")
_CONTACT_HEAD = re.compile(r"^[\s#□■]*(?:\d{1,2}\s*[.)]\s*)?(?:문의처|문의\s*및\s*연락처|연락처|담당\s*부서)\s*$")
_CONTACT_LINE = re.compile(_BULLETS + r"(?:문의|문의처|담당|연락처)\s*[:：]\s*(.{4,120})")
_PHONE = re.compile(r"\d{2,4}\s*[-)]\s*\d{3,4}\s*-\s*\d{4}")
_NOT_CONTACT = re.compile(r"광고|제휴|구독|기사제보|대표전화|등록번호|무단")


def _apply_at(lines: list[str]) -> str | None:
    for ln in lines:
        m = _APPLY_LABEL.match(ln)
        if m:
            return m.group(1).strip()
    for ln in lines:
        m = _APPLY_WHERE.search(ln)
        if m and not _NOT_CONTACT.search(ln):
            before = ln[:m.start()]
            cuts = [before.rfind(x) + len(x) for x in ("까지", "부터", ",", "며", "뒤", "고,", "다.") if before.rfind(x) >= 0]
            start = max(cuts) if cuts else max(before.rfind(" ", 0, max(0, len(before) - 20)), 0)
            if ln[start:start + 1] not in ("", " ", ","):  # cut inside a word ("올해부터는"): from the next word on
                start = ln.find(" ", start, m.start()) + 1 or start
            return ln[start:m.end()].strip(" ,")
    return None


def _contact(lines: list[str]) -> str | None:
    for i, ln in enumerate(lines):
        m = _CONTACT_LINE.match(ln)
        if m and not _NOT_CONTACT.search(ln):
            return m.group(1).strip()
        if _CONTACT_HEAD.match(ln):
            under = [x.strip(" -·•*○◦") for x in lines[i + 1:i + 4] if x.strip() and not _NOT_CONTACT.search(x)]
            picked = [x for x in under if _PHONE.search(x) or re.search(r"팀|과|센터|재단|테크노파크|진흥원|담당", x)][:2]
            if picked:
                return " / ".join(picked)
    return None


def notice_facts(lines: list[str], headings: list[str] | None = None, year: int | None = None) -> NoticeFacts:
    """`year`: the document's year when known otherwise (a news page's date), for dates written
    without one."""
    lines = [ln.strip() for ln in lines if ln.strip()]
    head, tail = lines[:10], lines[-TAIL_LINES:]
    title = next((m.group(1) for ln in head
                  if len(ln) <= TITLE_LINE and _TITLE_WORDS.search(ln) and (m := _TITLE.search(ln))), None)
    title = title or next((h for h in headings or [] if not _SECTION_NUMBER.match(h)), None)
    number = next((f"제{m.group(1)}-{m.group(2)}호" for ln in lines[:15] + tail if (m := _NUMBER.search(ln))), None)
    issued = None
    for ln in tail:
        ds = _dates(ln)
        if ds and ds[0].year and len(ln) <= 20:
            issued = ds[0].iso(None)[:10]
    issuer = next((ln for ln in reversed(tail) if _ISSUER.match(ln)), None)
    year = int(issued[:4]) if issued else (year or _year_of(head))
    start = deadline = None
    for i, ln in enumerate(lines):
        label = _PERIOD_LABEL.search(ln)
        if label and start is None:
            ds = _dates(ln[label.end():])
            if not ds and not ln[label.end():].strip(" :：-") and i + 1 < len(lines):
                ds = _dates(lines[i + 1])  # a label alone on its line, its value under it (<dt>/<dd>)
            if ds:
                base = ds[0].year or year
                start = ds[0].iso(year) if len(ds) > 1 else None
                deadline = ds[-1].iso(base)
                continue
        label = _DEADLINE_LABEL.search(ln)
        if label and deadline is None:
            ds = _dates(ln[label.end():])
            if ds:
                deadline = ds[0].iso(year)
    if deadline is None:
        start, deadline = _unlabelled_period(lines, year)
    return NoticeFacts(title=title, number=number, issued=issued, issuer=issuer, period_start=start, deadline=deadline,
                       max_amount=_max_amount(lines), apply_at=_apply_at(lines), contact=_contact(lines))
