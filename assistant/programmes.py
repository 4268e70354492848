"""The programmes the documents describe, as a list: for the 지원사업 table and for questions
about many programmes at once ("지원 금액이 가장 큰 사업은?", "지금 신청할 수 있는 사업 알려줘",
"경기도 지원사업 목록").

One Programme per main document (not a news page's sidebar stories; every record of a .json
API response, whose facts say "record"; each part of a page of several programmes, facts "parts"), from facts read once at
index time (ingest/notice.py): the largest support amount stated as a limit, the application
deadline, the issuing body of a notice. Its region is the first one its title names, else its
text's first; its organiser the notice's issuer, else the body its title names ("김포시, …").
"""

import re
from dataclasses import dataclass
from datetime import datetime

from .answer import Answer, Citation
from .numbers import parse_quantity
from .query import language
from .regions import mentions_region, regions_in
from .timeline import parse_time, period_state

_ORGANISER = re.compile(r"([가-힣A-Za-z]+(?:시|군|도|부|청|처|테크노파크|TP|진흥원|공단|재단|센터|위원회))(?=[,·\s'‘]|$)")
LIST_MAX = 10  # programmes an answer lists


@dataclass(frozen=True)
class Programme:
    doc_id: str
    chunk_id: str  # its first passage, for the citation
    title: str
    region: str  # "" when neither its title nor its text names one
    organiser: str
    max_amount: str | None
    max_value: float | None
    deadline: str | None  # ISO
    date: str | None
    outlet: str | None
    path: str
    passage: str
    part: int | None = None  # which of the page's programmes (facts["parts"]), when it holds several

    def conditions(self, facts: dict) -> list[dict]:
        """Who may apply, as read at index time (eligibility/conditions.py): the part's, else the document's."""
        f = facts.get(self.doc_id, {})
        return f["parts"][self.part].get("conditions", []) if self.part is not None else f.get("conditions", [])


def programmes(chunks, facts: dict) -> list[Programme]:
    first: dict = {}
    for c in chunks:
        if (c.doc_id.endswith("~0") or "record" in facts.get(c.doc_id, {})) and c.doc_id not in first:
            first[c.doc_id] = c
    out = []
    for doc, c in first.items():
        f = facts.get(doc, {})
        # the document's programme, or each part of a page of several (its own title, place, amount, deadline)
        entries = ([(c.title, f, None)] if not f.get("parts")
                   else [(p["title"], p, i) for i, p in enumerate(f["parts"])])
        for title, own, part in entries:
            m = _ORGANISER.search(title)
            organiser = (m.group(1) if m else f.get("issuer", "")) if part is not None else (
                f.get("issuer") or (m.group(1) if m else ""))
            q = parse_quantity(own["max_amount"]) if own.get("max_amount") else None
            out.append(Programme(doc, c.id, title, own.get("region") or f.get("region", ""), organiser,
                                 own.get("max_amount"), q.value if q else None, own.get("deadline"), c.date, c.outlet,
                                 c.path, c.text, part))
    return out


def table(progs: list[Programme], now: datetime) -> list[list]:
    """Rows for the UI: 사업, 지역, 주관, 최대 지원금, 신청 마감 (with its state), 출처."""
    rows = []
    for p in sorted(progs, key=lambda p: (p.deadline or "", p.max_value or 0), reverse=True):
        state = period_state({"deadline": p.deadline}, now) if p.deadline else None
        rows.append([p.title, p.region or "-", p.organiser or "-", p.max_amount or "-",
                     (state or "-"), p.path])
    return rows


_PROGRAMMES = re.compile(r"사업|프로그램|programme|program", re.IGNORECASE)
_BIGGEST = re.compile(r"가장\s*(?:큰|많|높)|제일\s*(?:큰|많)|금액이\s*큰|largest|biggest|most", re.IGNORECASE)
# "신청할 수 있는 사업", not "중복 신청할 수 없는 사업"
_OPEN = re.compile(r"지금\s*신청|신청\s*(?:할\s*수\s*있|가능)|접수\s*중|마감\s*(?:안|전)|open now|can (?:i |we )?apply",
                   re.IGNORECASE)
_LIST = re.compile(r"목록|리스트|어떤\s*(?:지원)?사업|무슨\s*(?:지원)?사업|사업들|모든\s*사업|전체\s*사업|"
                   r"list of|program(?:me)? list|which programmes|which programs|what programmes|what programs", re.IGNORECASE)
# A Korean question asks for programmes when they are what it ends on ("…신청할 수 있는 사업은?",
# "경기도 지원사업 목록 알려줘"), not when a programme is only its topic ("김천시 … 지원사업은 몇 명
# 이상이어야 신청할 수 있나요?", "전체 사업비는?"): the ending's request words and particles are
# taken off first.
_ENDING = re.compile(r"(?:\s|[?？!.~]|좀|요|은|는|이|가|을|를|중|뭐야|뭐예요|뭔가요|무엇인가요|무엇입니까|뭐가|무엇이|뭐|"
                     r"있어|있나요|있습니까|있을까|있는지|(?:알려|보여|찾아|추천해|정리해|말해)\s*(?:줘|주세요|줄래|주실\s*수)?|"
                     r"줘|주세요|주실\s*수|할\s*수|수|추천|리스트\s*줘)$")
_HEAD = re.compile(r"(?:사업|사업들|프로그램|목록|리스트)$")
# plural, a list of them, or which one is the largest: a list is asked
_ENGLISH_PROGRAMMES = re.compile(r"\bprogram(?:me)?s\b|program(?:me)? list|(?:largest|biggest) program|"
                                 r"which program(?:me)?\b.*\b(?:largest|biggest|most)\b", re.IGNORECASE)


def asks_for_programmes(question: str) -> bool:
    """Whether a question is about programmes as a list rather than one programme's fact."""
    if language(question) == "en":
        return bool(_ENGLISH_PROGRAMMES.search(question))
    text = question.strip()
    while True:
        shorter = _ENDING.sub("", text)
        if shorter == text:
            break
        text = shorter
    return bool(_HEAD.search(text))


def overview(question: str, progs: list[Programme], now: datetime, k: int = LIST_MAX) -> Answer | None:
    """A list answer when the question asks about programmes in general, else None."""
    if not _PROGRAMMES.search(question) or not asks_for_programmes(question):  # "가장 큰 도시는?"
        return None
    biggest, open_now, listing = _BIGGEST.search(question), _OPEN.search(question), _LIST.search(question)
    if not (biggest or open_now or listing):
        return None
    chosen = list(progs)
    places = regions_in(question)
    if places:
        chosen = [p for p in chosen if any(p.region == r or mentions_region(r, p.title + " " + p.passage)
                                           for r in places)]
    if open_now:
        chosen = [p for p in chosen if p.deadline and parse_time(p.deadline, end_of_day=True) >= now]
    if biggest:
        chosen = sorted([p for p in chosen if p.max_value], key=lambda p: -p.max_value)
    else:
        chosen.sort(key=lambda p: (p.deadline or "", p.max_value or 0), reverse=True)
    chosen = chosen[:k]
    when = f"{now.year}년 {now.month}월 {now.day}일"
    if not chosen:
        what = f"{when} 현재 신청할 수 있는 사업이" if open_now else "해당하는 사업이"
        return Answer(question=question, answer=f"문서에는 {what} 없습니다.", abstained=True, citations=[])
    lines, citations = [], []
    for n, p in enumerate(chosen, 1):
        parts = [x for x in (p.region, p.organiser) if x]
        detail = [f"최대 {p.max_amount}" if p.max_amount else None,
                  period_state({"deadline": p.deadline}, now) if p.deadline else None]
        lines.append(f"- {p.title}" + (f" ({', '.join(parts)})" if parts else "") + ": "
                     + (", ".join(d for d in detail if d) or "금액·마감 미기재") + f" [{n}]")
        citations.append(Citation(n=n, doc_id=p.doc_id, chunk_id=p.chunk_id, title=p.title, date=p.date,
                                  outlet=p.outlet, path=p.path, passage=p.passage, highlight="", score=0.0))
    head = "지원 금액이 큰 순서입니다" if biggest else (f"{when} 현재 신청할 수 있는 사업입니다" if open_now
                                                    else "문서에 나온 지원사업입니다")
    return Answer(question=question, answer=f"{head}:\n" + "\n".join(lines), abstained=False, citations=citations)
