"""Choosing the sentence that answers, and the exact fact span inside it.

A sentence is scored by how much of the question it covers (IDF-weighted concepts),
whether it holds the kind of fact asked for (an amount in 원 for "얼마", a date for
"언제", a count for "몇 곳"), and the rank of its passage. The fact span is the matching
amount/date/count/name nearest to the question's words in that sentence.
"""

import math
import re
from dataclasses import dataclass

import numpy as np

from . import numbers
from .query import Query

# Question words: they say what is asked, not what the passage must contain.
QUESTION_WORDS = {
    "얼마", "얼마나", "언제", "어디", "누구", "무엇", "뭐", "몇", "어떻", "어떤", "어느", "알리", "궁금", "있",
    "하", "되", "나요", "인가요", "무슨", "함께", "대한", "관하", "위하",
}
# Words that say which kind of fact is asked (규모 -> an amount), not which one.
FOCUS_BOOST = 3
TYPE_WORDS = {"규모", "금액", "액", "수", "기간", "날짜", "일정", "시기", "비율", "한도", "지원금", "지원액", "개"}
_ORG_SUFFIX = r"(?:테크노파크|진흥원|공단|연구원|재단|센터|협회|위원회|부|청|처|원|공사|기관|시|도|군|전자|그룹)"
_ORG = re.compile(r"[가-힣A-Za-z·]{2,20}" + _ORG_SUFFIX + r"(?=[은는이가의을를과와에도,\s)]|$)")
_CLAUSE_CUT = re.compile(r"(?<=[며고서데만면나여해])\s*,\s+")


@dataclass(frozen=True)
class Sentence:
    row: int  # chunk row
    rank: int  # rank of its passage (0 = best)
    start: int  # offsets in the chunk text
    end: int
    text: str
    terms: frozenset


class Idf:
    """IDF of BM25 terms, from the document frequencies in the stored BM25 matrix."""

    def __init__(self, bm25):
        self.vocab = bm25.vocab_dict
        self.n = max(1, int(bm25.scores["num_docs"]))
        self.df = np.diff(bm25.scores["indptr"])
        self.unknown = math.log(1 + (self.n + 0.5) / 0.5)  # a term the corpus never uses

    def __call__(self, term: str) -> float:
        i = self.vocab.get(term)
        if i is None or i >= len(self.df):
            return self.unknown
        return math.log(1 + (self.n - self.df[i] + 0.5) / (self.df[i] + 0.5))


def concepts(query: Query) -> list[tuple[str, ...]]:
    """What a passage must mention: for Korean each content term; for English each group
    of Korean alternatives from one English word."""
    groups = query.concepts or [(t,) for t in query.terms]
    return [g for g in groups if not set(g) & QUESTION_WORDS]


def coverage(groups: list[tuple[str, ...]], terms: set[str], idf: Idf, local: dict | None = None) -> float:
    """Share of the question's concepts that `terms` mention, weighted by IDF (and by local
    weights when given)."""
    weights = [max(idf(t) for t in g) * (local.get(g, 1.0) if local else 1.0) for g in groups]
    total = sum(weights)
    if total == 0:
        return 0.0
    return sum(w for w, g in zip(weights, groups) if set(g) & terms) / total


def local_weights(groups: list[tuple[str, ...]], sentences: list[set[str]], focus: list[tuple[str, ...]]) -> dict:
    """Weight of each concept for telling candidate sentences apart: its IDF among the
    candidates themselves, boosted for the question's focus (what is asked about)."""
    n = len(sentences)
    out = {g: math.log(1 + (n + 1) / (1 + sum(1 for s in sentences if set(g) & s))) for g in groups}
    for g in focus:
        out[g] = out.get(g, 1.0) * FOCUS_BOOST
    return out


def focus(groups: list[tuple[str, ...]], lang: str) -> list[tuple[str, ...]]:
    """The concepts that name what is asked. Korean is head-final: the last content words
    ("사업 설명회는 언제 열리나요" -> 설명회, 열리); English puts them first ("How many
    industrial complexes will be selected..." -> 산업단지, 선정)."""
    content = [g for g in groups if not set(g) & TYPE_WORDS]
    return content[:2] if lang == "en" else content[-2:]


_UNTIL = re.compile(r"마감|까지|기한|deadline|close|due|until")
_FROM = re.compile(r"시작|부터|start|begin|open")


def _typed_spans(sentence: str, qtype: str) -> list[tuple[int, int]]:
    if qtype in ("amount", "percent", "count"):
        want = {"amount": ("KRW", "USD"), "percent": ("%",), "count": ("count",)}[qtype]
        spans = [(q.start, q.end) for q in numbers.find_quantities(sentence) if q.unit in want]
        if qtype == "amount" and not spans:  # "얼마나 증액" is answered by a percentage
            spans = [(q.start, q.end) for q in numbers.find_quantities(sentence) if q.unit == "%"]
        return spans
    if qtype == "date":
        spans = [(a, b) for a, b, _ in numbers.find_dates(sentence)]
        for m in re.finditer(r"(?:다음|이번|올해|내년|연내)\s*(?:달|해|년)?\s*(?:중|말|초)|\d+\s*년\s*(?:이내|동안)", sentence):
            spans.append((m.start(), m.end()))
        return sorted(spans)
    if qtype in ("org", "place"):
        return [(m.start(), m.end()) for m in _ORG.finditer(sentence)]
    return []


def fact_spans(sentence: str, qtype: str, question: str = "") -> tuple[list[tuple[int, int]], float]:
    """Candidate fact spans of the asked kind in a sentence, and how well the sentence fits
    the question's type (1.0 fits, lower values are penalties). A deadline question wants a
    date followed by 까지, a start question one followed by 부터."""
    if qtype == "other":
        return [], 1.0
    spans = _typed_spans(sentence, qtype)
    if not spans:
        return [], 0.4
    low = question.lower()
    for wanted, marker in ((_UNTIL, "까지"), (_FROM, "부터")):
        if qtype == "date" and wanted.search(low):
            marked = [s for s in spans if sentence[s[1]:s[1] + 4].lstrip().startswith(marker)]
            return (marked, 1.0) if marked else (spans, 0.6)
    return spans, 1.0


def best_span(sentence: str, spans: list[tuple[int, int]], q_terms: set[str]) -> tuple[int, int] | None:
    """The span nearest to where the question's words occur (Korean modifiers come before
    what they modify, so words just before a span count most)."""
    if not spans:
        return None
    anchors = []
    for t in q_terms:
        if len(t) >= 2 or t in ("총",):
            anchors.extend(m.start() for m in re.finditer(re.escape(t), sentence))
    if not anchors:
        return spans[0]

    def distance(span):
        a, b = span
        return min((a - x) if x <= a else 2 * (x - b) if x >= b else 0 for x in anchors)

    return min(spans, key=distance)


def clause_of(sentence: str, span: tuple[int, int] | None, limit: int = 100) -> tuple[int, int]:
    """The clause of a long sentence that holds the span (the whole sentence if short)."""
    if len(sentence) <= limit or span is None:
        return 0, len(sentence)
    cuts = [0] + [m.end() for m in _CLAUSE_CUT.finditer(sentence)] + [len(sentence)]
    for a, b in zip(cuts, cuts[1:]):
        if a <= span[0] < b:
            return a, max(b, span[1])
    return 0, len(sentence)

