"""The answer text and its citations: the short fact first, then the sentence that states it
with [1]; or, when the passages do not answer, a plain abstention that says what they hold.

    "5,000만 원 — 선정된 기업은 … 과제당 최대 5,000만 원까지 지원받는다 [1]"
"""

import re
from dataclasses import replace

from .. import korean, numbers
from ..answer import Answer, Citation
from ..documents import Chunk
from ..retrieval import Hit
from .english import english_fact
from .reader import Reading
from .spans import Span

NOT_FOUND = "문서에서 이 질문에 대한 답을 찾지 못했습니다."
SHOWN_NEAREST = " 가장 가까운 문단을 참고로 보여 드립니다."
_CLAUSE_CUT = re.compile(r"(?<=[며고서데만면나여해])\s*,\s+")
# what a date's time adds to it: "(금) 18:00", " 18시", " 오후 5시 30분"
_TIME = re.compile(r"\s*(?:\([^)]{1,3}\)\s*)?" + numbers.TIME_OF_DAY)
CLAUSE_LIMIT = 100  # sentences longer than this are cut to the clause that holds the fact


def answer(q, reading: Reading, hits: list[Hit], chunks: list[Chunk], k: int, threshold: float) -> Answer:
    if not reading.candidates or reading.p_answerable < threshold:
        return abstain(q, reading, hits, chunks, k)
    best = reading.candidates[0]
    s, span = best.sentence, with_time(best.sentence.text, best.span)
    a, b = clause_of(s.text, (span.start, span.end))
    shown = s.text[a:b].strip().rstrip(",")
    if b < len(s.text.rstrip()):  # a clause cut out of its sentence: end it as a statement, not mid-clause
        shown = korean.end_clause(shown)
    fact = span.text
    cited = s.cite_hit or s.hit
    at = (s.cite_start if s.cite_hit else s.start) + span.start
    order = [cited] + [h for h in hits if h.row != cited.row]
    # every cited passage marks the fact where it states it (the first at the occurrence the answer read)
    citations = [citation(n, h, chunks[h.row], fact, at if h is cited else -1) for n, h in enumerate(order[:k], 1)]
    stated = english_fact(fact) if q.lang == "en" else fact  # an English question gets the fact in English
    text = f"{stated} — {shown} [1]" if fact != shown else f"{shown} [1]"
    return Answer(question=q.text, answer=text, abstained=False, citations=citations)


def with_time(sentence: str, span: Span) -> Span:
    """A date answered with the time the sentence writes right after it ("3월 20일" of "3월 20일 18시까지"
    is "3월 20일 18시"): the fact as the text states it, whichever of the two the span model put first."""
    if span.kind != "date":
        return span
    for a, b, text in numbers.find_dates(sentence):
        if a == span.start and b > span.end and _TIME.fullmatch(sentence[span.end:b]):
            return replace(span, end=b, text=text)
    return span


def abstain(q, reading: Reading, hits: list[Hit], chunks: list[Chunk], k: int) -> Answer:
    citations = [citation(n, h, chunks[h.row], "", -1) for n, h in enumerate(hits[:k], 1)]
    reason = why_not(q, reading, chunks)
    return Answer(question=q.text, answer=reason + (SHOWN_NEAREST if citations else ""), abstained=True,
                  citations=citations)


def why_not(q, reading: Reading, chunks: list[Chunk]) -> str:
    """Why the passages do not answer, and what the nearest document is about when the question
    names a region or year it does not cover."""
    if not reading.sentences:
        return NOT_FOUND
    best = reading.sentences[0]
    chunk = chunks[best.hit.row]
    held = f" 문서에는 「{chunk.title}」" + (f"({chunk.date})" if chunk.date else "") + "의 내용이 있습니다."
    contexts = [s.context for s in reading.sentences]
    if reading.view.regions and not any(c.region == "ok" for c in contexts):
        return f"문서에서 '{', '.join(reading.view.regions)}'에 관한 내용을 찾지 못했습니다." + held
    if reading.view.years and not any(c.year == "ok" for c in contexts):
        return f"문서에서 {', '.join(reading.view.years)}년 내용을 찾지 못했습니다." + held
    return NOT_FOUND


def clause_of(sentence: str, span: tuple[int, int] | None, limit: int = CLAUSE_LIMIT) -> tuple[int, int]:
    """The clause of a long sentence that holds the span (the whole sentence if short)."""
    if len(sentence) <= limit or span is None:
        return 0, len(sentence)
    cuts = [0] + [m.end() for m in _CLAUSE_CUT.finditer(sentence)] + [len(sentence)]
    for a, b in zip(cuts, cuts[1:]):
        if a <= span[0] < b:
            return a, max(b, span[1])
    return 0, len(sentence)


def citation(n: int, hit: Hit, c: Chunk, fact: str, at: int) -> Citation:
    found = bool(fact) and fact in c.text
    start = at if found and c.text[at:at + len(fact)] == fact else (c.text.find(fact) if found else -1)
    return Citation(n=n, doc_id=c.doc_id, chunk_id=c.id, title=c.title, date=c.date, outlet=c.outlet,
                    path=c.path, passage=c.text, highlight=fact if found else "", score=round(hit.score, 4),
                    highlight_start=start, page=c.page, section=c.section)
