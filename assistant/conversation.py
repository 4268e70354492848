"""Follow-up questions: what a question leaves out, filled in from the conversation so far.

    conv = qa.conversation()
    conv.ask("김포 스마트공장 최대 지원금은?")   # names its programme
    conv.ask("신청 마감은?")                   # a follow-up: about the same programme
    conv.ask("김해는?")                        # names only a new place: the same question, about 김해

The conversation keeps its subject: the places, years and names the questions named (the latest
naming wins) and the document the last answer came from. A question is read in one of three ways:
- it names a place, year or name *and* asks something of its own: it stands alone and becomes
  the new subject (a name the last answer's document holds, "도비는 얼마야?", is a detail of it, not a
  new subject);
- it names only a place, year or name ("김해는?", "2025년 것은?", "What about Gimhae?"): the
  previous question, asked of the new subject;
- it names none: a follow-up, asked with the subject's words in front (the last answer's
  document title, else the subject's names), so retrieval and the document checks see them.
"""

import re
from dataclasses import dataclass, field

from . import korean
from .query import Analyzer, language
from .regions import mentions_region, region_variants, regions

_HANGUL_WORD = re.compile(r"[가-힣]+")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*년?(?!\d)")
# "작년" / "last year": the year before the conversation's year (its subject's, else its last document's)
_LAST_YEAR = re.compile(r"작년|지난\s*해|지난해|last year|the year before", re.IGNORECASE)
# "올해" / "this year" after a turn about last year: back to the year that was "this year" then
_THIS_YEAR = re.compile(r"올해|금년|this year", re.IGNORECASE)
# "그해" / "that year": the conversation's year (written out when the question stands alone; a follow-up
# is about the chat's programme, of that year, already)
_THAT_YEAR = re.compile(r"그\s?해|that (?:same )?year|the same year", re.IGNORECASE)
# what is left of a question that only names a new subject ("김해는?", "2025년 것은?", "what about gimhae?")
_ONLY_SUBJECT = re.compile(
    r"^(?:그럼|그러면|그리고|또|혹시|and|so|then)?\s*"
    r"(?:은|는|이|가|도|의|에서|에는|에선|엔|때는|땐|것은|거는|건|꺼는|쪽은|경우는|의 경우는|것도|거)?\s*"
    r"(?:요|이요|인가요|는요|은요|는\?|은\?)?\s*(?:what about|how about|and in|and for|for|in|about)?\s*[?？.!]*$",
    re.IGNORECASE)


@dataclass
class Subject:
    regions: list[str] = field(default_factory=list)  # canonical region names
    region_words: list[str] = field(default_factory=list)  # as the question wrote them (Gimhae, 김해시)
    years: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    title: str | None = None  # the title of the document the last answer came from
    dated: str | None = None  # that document's date
    document: str | None = None  # its id: a follow-up is answered from it when it can be

    def words(self, with_title: bool = True, years: bool = True, korean: bool = False) -> str:
        """`korean`: places written in English by their Korean names (a Korean question after an English
        one: "Gimpo" is no place to the Korean reading)."""
        places = ([w if _HANGUL_WORD.search(w) else r for w, r in zip(self.region_words, self.regions)]
                  if korean and len(self.region_words) == len(self.regions) else self.region_words)
        named = " ".join(dict.fromkeys(places + ([f"{y}년" for y in self.years] if years else [])
                                       + self.names))
        if with_title and self.title and self._agrees(self.title):
            return f"{named} {self.title}".strip()
        return named

    def _agrees(self, title: str) -> bool:
        """The last answer's document is about the subject (else its title would pull the next
        answer towards a look-alike: another region's or year's programme)."""
        if not all(mentions_region(r, title) for r in self.regions):
            return False
        named = set(_YEAR.findall(title)) or ({self.dated[:4]} if self.dated else set())
        return not named or all(y in named for y in self.years)  # an undated title does not disagree

    def year(self) -> int | None:
        if self.years:
            return int(self.years[-1])
        return int(self.dated[:4]) if self.dated else None


@dataclass
class Turn:
    question: str  # as asked
    standalone: str  # the question with what it left out filled in (what was answered)
    context: str  # the words put in front of it ("" when it stood alone)
    kind: str  # "new" (names its subject and asks), "switch" (names only a new subject), "follow-up"
    answer: object = None  # the Answer
    this_year: int | None = None  # the year "작년" was counted back from, when the question said it (or "올해")


def _named(analyzer: Analyzer, text: str):
    q = analyzer.analyse(text)
    years = list(dict.fromkeys(_YEAR.findall(text)))
    words = [w for r in q.regions for w in _surface(r, text)]
    return q, years, words


def _surface(region: str, text: str) -> list[str]:
    """How `text` writes `region` (김포시, Gimpo...)."""
    found = [v for v in sorted(region_variants().get(region, (region,)), key=len, reverse=True) if v in text]
    if found:
        return found[:1]
    english = regions()[1]
    for word in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*", text):
        if english.get(word.lower().replace("-", "")) == region:
            return [word]
    return [region]


# a particle written onto a place or year ("2025년엔", "김해는"): it goes with the word
_PARTICLE = r"(?:(?:에서는|에서|에선|에는|엔|은|는|이|가|의|도|에|으로|로|와|과|이랑|랑)(?=[\s?？.!,~]|$))?"


def _strip_subject(text: str, years: list[str], words: list[str], names: list[str]) -> str:
    for w in sorted(words + names, key=len, reverse=True):
        text = re.sub(re.escape(w) + _PARTICLE, " ", text, flags=re.IGNORECASE)
    for y in years:
        text = re.sub(rf"{y}\s*년?{_PARTICLE}", " ", text)
    return re.sub(r"\s+", " ", text).strip()


class Conversation:
    """A chat's questions and answers, in order. `qa`: an assistant.QA."""

    def __init__(self, qa):
        self.qa = qa
        self.turns: list[Turn] = []
        self.subject = Subject()
        self.this_year: int | None = None  # the chat's "this year" while its turns are about last year
        self._read: dict[str, tuple] = {}  # text -> _named(text): each question is read by Kiwi once

    def _named(self, text: str):
        if text not in self._read:
            self._read[text] = _named(self.qa.analyzer, text)
        return self._read[text]

    def _only_subject(self, rest: str) -> bool:
        """Whether what a question says beside the subject it names asks nothing new: nothing
        ("김해는?"), or only words the conversation already used of its programme ("그럼 2025년
        통합공고는?" after questions about the 2022 통합공고, "2025년 공고는?" after an answer from
        a 공고's page)."""
        if _ONLY_SUBJECT.match(rest):
            return True
        left = korean.tokens(rest)
        if not all(_HANGUL_WORD.fullmatch(w) for w in left):  # English words are read as names, not here
            return False
        said = set(korean.tokens(" ".join([self.subject.title or ""] + [t.standalone for t in self.turns])))
        return bool(left) and all(w in said for w in left)

    def _asked_before(self, rest: str) -> Turn:
        """The latest turn whose question uses every word of `rest` (a follow-up's as asked, any other's
        standalone); the last turn when none does (or `rest` has no words)."""
        left = set(korean.tokens(rest))
        if left:
            for t in reversed(self.turns):
                if left <= set(korean.tokens(t.question if t.kind == "follow-up" else t.standalone)):
                    return t
        return self.turns[-1]

    def _details(self, names: list[str]) -> bool:
        """Whether every name is written in the document the last answer came from."""
        text = self.qa.document_text(self.subject.document).lower() if self.subject.document else ""
        return bool(text) and all(n.lower() in text for n in names)

    def resolve(self, question: str) -> Turn:
        """The standalone form of `question`, given the conversation so far (nothing is asked)."""
        question = question.strip()
        if not self.turns:
            return Turn(question, question, "", "new")
        asked, this_year = question, None
        year = self.subject.year()
        # already on last year ("작년엔요?" was asked): "this year" is still the year it was counted from
        back = self.this_year if self.this_year and year == self.this_year - 1 else None
        if _LAST_YEAR.search(question):  # the year before the conversation's, else before this one
            this_year = back or year or self.qa.now().year
            asked = _LAST_YEAR.sub(f"{this_year - 1}년", question)
        elif back and _THIS_YEAR.search(question):
            this_year = back
            asked = _THIS_YEAR.sub(f"{back}년", question)
        turn = self._resolve(question, asked)
        turn.this_year = this_year
        return turn

    def _resolve(self, question: str, asked: str) -> Turn:
        korean_words = language(question) == "ko"
        q, years, words = self._named(asked)
        names = list(q.names)
        names_something = bool(q.regions or years or names)
        rest = _strip_subject(asked, years, words, names)
        if names_something and self._only_subject(rest):
            # only a new subject: the previous question again, about it (a follow-up's as asked, with the
            # subject's words: the title in front of it names the old programme's figures); what it says
            # beside the subject picks the question ("2025년엔 몇 개사였어요?" asks the 몇 개사 question again)
            prev = self._asked_before(rest)
            base = (f"{self.subject.words(with_title=False, korean=korean_words)} {prev.question}".strip()
                    if prev.kind == "follow-up"
                    else prev.standalone)
            p_q, p_years, p_words = self._named(base)
            old_places = (p_words + [v for r in p_q.regions for v in region_variants().get(r, (r,))]
                          + self.subject.region_words)  # as the chat wrote them ("Gimhae")
            asked = _strip_subject(base, p_years if years else [], old_places if q.regions else [],
                                   list(p_q.names) if names else [])
            new = " ".join(words + [f"{y}년" for y in years] + names)
            return Turn(question, f"{new} {asked}".strip(), "", "switch")
        if names and not q.regions and self._details(names):
            # the names are words of the document being talked about ("도비는 얼마 들어가요?", "AI 실증 유형은 최대
            # 얼마예요?"): a detail of its programme, not a new subject
            names, names_something = [], bool(years)
        if years and not (q.regions or names):
            # names only another year and asks its own thing: the same place and programme, that year
            context = self.subject.words(with_title=False, years=False, korean=korean_words)
            return Turn(question, f"{context} {asked}".strip(), context, "new") if context else Turn(
                question, asked, "", "new")
        if names_something:
            if self.subject.year():  # stands alone: "그해" is the chat's year ("그해 KAMP 예산은요?")
                asked = _THAT_YEAR.sub(f"{self.subject.year()}년", asked)
            return Turn(question, asked, "", "new")
        context = self.subject.words(korean=korean_words)
        return Turn(question, f"{context} {question}".strip() if context else question, context, "follow-up")

    def ask(self, question: str, k: int = 5):
        """Answer `question` as part of the conversation (Answer.question is the question as asked)."""
        turn = self.resolve(question)
        if turn.context:
            # a follow-up ("신청 마감은?") asks about the programme just answered: its document first
            document = self.subject.document if turn.kind == "follow-up" else None
            ans = self.qa.ask(turn.standalone[len(turn.context):].strip(), k=k, context=turn.context,
                              document=document)
        else:
            ans = self.qa.ask(turn.standalone, k=k)
        ans.question = question
        self.add(turn, ans)
        return ans

    def add(self, turn: Turn, answer=None) -> None:
        """Record a turn (and its answer, if known): the subject follows what it named."""
        turn.answer = answer
        if turn.kind != "follow-up":
            q, years, words = self._named(turn.standalone)
            if turn.kind == "new" and not turn.context:
                self.subject = Subject()
                self.this_year = None
            if q.regions:
                self.subject.regions, self.subject.region_words = list(q.regions), words
            if years:
                self.subject.years = years
            if q.names:
                self.subject.names = list(q.names)
            self.subject.title = self.subject.dated = self.subject.document = None
        if turn.this_year:
            self.this_year = turn.this_year
        if answer is not None and not answer.abstained and answer.citations:
            c = answer.citations[0]
            self.subject.title, self.subject.dated, self.subject.document = c.title, c.date, c.doc_id
        self.turns.append(turn)
