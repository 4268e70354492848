"""Candidate answer spans in a sentence, from Kiwi's analysis plus numbers and dates.

A short answer is almost always a noun phrase: a run of nominal morphemes (nouns, numbers,
counters, foreign words, prefixes and suffixes) that may hold spaces ("서울지방검찰청 공안부",
"5,000만 원", "1989년 2월 15일"). Every sub-run of up to MAX_TOKENS morphemes that starts and
ends where a phrase can start and end is a candidate; so are amounts and dates as
`assistant.numbers` reads them (they may hold words Kiwi does not tag as nominal), phone numbers,
e-mail and web addresses, the inside of quotes and brackets, and a longer place written before 에서
("김포상공회의소 4층 대회의실에서"). Which candidate answers is the scoring model's job
(`scoring.py`), not this module's.
"""

import re
from dataclasses import dataclass

from .. import numbers

NOMINAL = frozenset({"NNG", "NNP", "NNB", "NR", "NP", "SN", "SL", "SH", "XPN", "XSN", "XR", "W_SERIAL"})
JOINERS = frozenset({"·", "-", "~", "ㆍ", "/", "."})  # inside a phrase only when written without spaces
CANNOT_START = frozenset({"XSN", "NNB"})
CANNOT_END = frozenset({"XPN"})
MAX_TOKENS = 6
LINKS = frozenset({"JKG", "JC"})  # 다마스쿠스의 봄, 상수도와 하수도: two phrases joined into one answer
MAX_LINKED = 8
MAX_VENUE = 12  # a place before 에서 ("김포상공회의소 4층 대회의실에서"), after the date and time written before it
_MARKER = re.compile(r"^(?:[A-Za-z]|[가-하]|\d{1,2})[.)]\s")
_TIME = re.compile(numbers.TIME_OF_DAY)
_QUOTED = re.compile(r"['‘“\"「『《〈<(]([^'’”\"」』》〉>()\n]{1,40})['’”\"」』》〉>)]")


@dataclass(frozen=True)
class Morph:
    form: str
    tag: str
    start: int  # offsets into the sentence
    end: int


@dataclass(frozen=True)
class Span:
    start: int  # offsets into the sentence
    end: int
    text: str
    kind: str  # date, amount, percent, count, duration, number, contact, web, name, term
    first: int  # index of its first and last morpheme in the sentence's morphemes (-1 when none)
    last: int
    maximal: bool  # the whole noun phrase, not a part of one


def morphs(tokens) -> list[Morph]:
    return [Morph(t.form, t.tag, t.start, t.start + t.len) for t in tokens]


def _runs(ms: list[Morph], text: str) -> list[tuple[int, int]]:
    """[first, last] morpheme indices of maximal nominal runs."""
    runs, i = [], 0
    while i < len(ms):
        if ms[i].tag not in NOMINAL:
            i += 1
            continue
        j = i
        while j + 1 < len(ms):
            nxt = ms[j + 1]
            gap = text[ms[j].end:nxt.start]
            if nxt.tag in NOMINAL and (gap == "" or gap == " "):
                j += 1
            elif (nxt.form in JOINERS and gap == "" and j + 2 < len(ms) and ms[j + 2].tag in NOMINAL
                  and ms[j + 2].start == nxt.end):
                j += 2
            else:
                break
        runs.append((i, j))
        i = j + 1
    return runs


def kind_of(text: str, tags: list[str]) -> str:
    contacts = numbers.find_contacts(text)
    if contacts and contacts[0][:2] == (0, len(text)):
        return contacts[0][2]
    if numbers.find_dates(text) and numbers.find_dates(text)[0][2] == text.strip():
        return "date"
    q = numbers.parse_quantity(text)
    if q is not None:
        return numbers.kind_of(q)
    if "SN" in tags:
        return "number"
    if "NNP" in tags or "SL" in tags or "SH" in tags:
        return "name"
    return "term"


def candidates(sentence: str, ms: list[Morph]) -> list[Span]:
    """Every candidate span of `sentence` whose morphemes are `ms` (from Kiwi, same offsets)."""
    out: dict[tuple[int, int], Span] = {}

    def add(a, b, first, last, maximal):
        while a < b and sentence[a] in " ,":
            a += 1
        while b > a and sentence[b - 1] in " ,":
            b -= 1
        if b <= a or (a, b) in out:
            return
        text = sentence[a:b]
        # "Q.", "A. 20쪽", "1. 신청자격": a list or FAQ marker is no part of an answer (a date "4. 8." is)
        if not re.search(r"\d|\w\w", text) or (_MARKER.match(text) and not numbers.find_dates(text[:8])):
            return
        tags = [m.tag for m in ms[first:last + 1]] if first >= 0 else []
        out[(a, b)] = Span(a, b, text, kind_of(text, tags), first, last, maximal)

    def starts(i, j):
        return [a for a in range(i, j + 1) if ms[a].tag not in CANNOT_START and ms[a].form not in JOINERS]

    def ends(i, j):
        return [b for b in range(i, j + 1) if ms[b].tag not in CANNOT_END and ms[b].form not in JOINERS]

    runs = _runs(ms, sentence)
    for i, j in runs:
        for a in starts(i, j):
            for b in ends(a, min(j, a + MAX_TOKENS - 1)):
                add(ms[a].start, ms[b].end, a, b, a == i and b == j)
        # a modifier written before the phrase: 높은 다이옥신 농도, 비과학적인 해석
        if i >= 2 and ms[i - 1].tag == "ETM" and ms[i - 2].tag.startswith(("VA", "VCP", "XSA")):
            m0 = i - 2
            while m0 > 0 and ms[m0 - 1].tag in NOMINAL and ms[m0 - 1].end == ms[m0].start:
                m0 -= 1
            for b in ends(i, min(j, i + MAX_TOKENS - 1)):
                add(ms[m0].start, ms[b].end, m0, b, b == j)
        _venue(i, j, ms, sentence, add)
    for (i, j), (k, l) in zip(runs, runs[1:]):
        link = ms[j + 1:k]
        if len(link) == 1 and link[0].tag in LINKS:
            for a in starts(i, j):
                for b in ends(k, l):
                    if b - a < MAX_LINKED:
                        add(ms[a].start, ms[b].end, a, b, a == i and b == l)
        # a phrase with its gloss in brackets: 대명력(大明曆), 박사모(박근혜를 사랑하는 사람들의 모임)
        if j + 1 < len(ms) and ms[j + 1].form == "(" and ms[j + 1].start == ms[j].end:
            close = sentence.find(")", ms[j + 1].end)
            if 0 < close - ms[j + 1].end <= 40:
                last = next((n for n in range(j + 1, len(ms)) if ms[n].start >= close), len(ms) - 1)
                for a in starts(i, j):
                    add(ms[a].start, close + 1, a, last, a == i)
    index = {m.start: n for n, m in enumerate(ms)}
    ending = {m.end: n for n, m in enumerate(ms)}
    extra = [(q.start, q.end) for q in numbers.find_quantities(sentence)]
    extra += [(a, b) for a, b, _ in numbers.find_dates(sentence)]
    extra += [(m.start(1), m.end(1)) for m in _QUOTED.finditer(sentence)]
    extra += [(a, b) for a, b, _ in numbers.find_contacts(sentence)]
    for a, b in extra:
        first = index.get(a, _nearest(ms, a))
        last = ending.get(b, _nearest(ms, b - 1))
        add(a, b, first, last, True)
    return sorted(out.values(), key=lambda s: (s.start, s.end))


def _venue(i: int, j: int, ms: list[Morph], sentence: str, add) -> None:
    """A run written before 에서 is where something happens: past the date and time written in front of
    it ("3월 4일 오후 2시 김포상공회의소 4층 대회의실에서"), it is one candidate, however many morphemes it has
    (up to MAX_VENUE)."""
    if j + 1 >= len(ms) or ms[j + 1].form != "에서" or ms[j + 1].tag != "JKB":
        return
    run = sentence[ms[i].start:ms[j].end]
    ends_of_dates = [b for _, b, _ in numbers.find_dates(run)] + [m.end() for m in _TIME.finditer(run)]
    dated = max(ends_of_dates, default=0) + ms[i].start
    a = next((n for n in range(i, j + 1) if ms[n].start >= dated and ms[n].tag not in CANNOT_START), None)
    if a is not None and MAX_TOKENS < j - a + 1 <= MAX_VENUE:
        add(ms[a].start, ms[j].end, a, j, True)


def _nearest(ms: list[Morph], pos: int) -> int:
    for n, m in enumerate(ms):
        if m.start <= pos < m.end or m.start >= pos:
            return n
    return len(ms) - 1 if ms else -1
