"""Greetings and thanks get a short reply and example questions instead of a search.

Only messages that are nothing but a greeting or thanks ("안녕하세요", "고마워요!", "hi") are
replied to here; anything with a question in it goes to the documents. The examples are made
from the index's own documents (their regions and application deadlines), so they can be
answered whatever the corpus is.
"""

import re

from .answer import Answer
from .regions import regions_in

_GREETING = re.compile(
    r"^(?:안녕(?:하세요|하십니까|하신가요)?|반갑(?:습니다|네요)|반가워요?|하이|헬로|hello|hi|hey|"
    r"good (?:morning|afternoon|evening))\s*[!.~?？！ㅎㅋ^]*$", re.IGNORECASE)
_THANKS = re.compile(r"^(?:고마워요?|고맙습니다|감사(?:합니다|해요)|땡큐|thanks?(?: you)?|thx)\s*[!.~ㅎㅋ^]*$",
                     re.IGNORECASE)


def examples(titles: list[str], deadlines: list[str], n: int = 3) -> list[str]:
    """Questions the corpus answers: from document titles that name a region, and documents
    that state an application deadline."""
    out = []
    for title in titles:
        places = regions_in(title)
        if places:
            topic = "스마트공장" if "스마트공장" in title else "지원사업"
            out.append(f"{places[0]} {topic} 최대 지원금은?")
    out += [f"{t.split(',')[0].strip()} 신청 마감은 언제인가요?" for t in deadlines]
    return list(dict.fromkeys(out))[:n]


def reply(question: str, lang: str, suggestions: list[str]) -> Answer | None:
    """The reply to a greeting or thanks, or None when `question` is something else."""
    text = question.strip()
    if re.search(r"[A-Za-z]", text) and not re.search(r"[가-힣]", text):
        lang = "en"  # "hi" is too short for query.language to call it English
    if _GREETING.match(text):
        if lang == "en":
            lead = "Hello! I answer questions about smart-factory and manufacturing-AI support programmes from the documents."
        else:
            lead = "안녕하세요! 스마트공장·제조AI 지원사업 문서에서 답을 찾아 드립니다."
    elif _THANKS.match(text):
        lead = "You're welcome." if lang == "en" else "도움이 되었다니 다행입니다."
    else:
        return None
    if suggestions:
        lead += (" Try, for example:" if lang == "en" else " 이렇게 물어보세요:") + "".join(f"\n- {s}" for s in suggestions)
    return Answer(question=question, answer=lead, abstained=True, citations=[])
