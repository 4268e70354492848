"""Question analysis: language, BM25 terms, text for the dense encoder, the regions and names
the question is about, and the kind of fact it asks for.

English questions reach the Korean documents two ways: the multilingual encoder, and BM25
terms from (a) the domain glossary shipped in data/glossary_en_ko.tsv and (b) romanised forms
of the Korean proper nouns found in the corpus (Kiwi NNP tags, romanised by korean-romanizer
at index time) and of Korean region names (data/regions_ko.txt).
"""

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from . import korean
from .regions import canonical, data_lines, regions

_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_HANGUL_RUN = re.compile(r"[\uac00-\ud7a3][\uac00-\ud7a3\s]*")
_LATIN = re.compile(r"[A-Za-z]")
_EN_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*|%")
_EN_STOP = set(
    "a an the of in on at to for from by with and or is are was were be been being do does did what what's whats "
    "which who whom whose when where why how much many there their its it this that these those s i we you me my "
    "our your can could will would should please tell about give get any some as into than then per".split()
)

# Kinds of fact a question asks for, by its wording (Korean and English).
_QTYPES = [
    ("contact", r"전화|연락처|문의처|번호는|이메일|메일 주소|phone|\bcall\b|contact|e-?mail"),
    ("duration", r"몇\s*(?:개월|달|주일?)|몇\s*년\s*(?:간|동안|이내|이상|짜리)|얼마\s*동안|얼마나\s*(?:오래|걸)|"
                 r"how long|how many (?:months|years|weeks|days)|duration"),
    ("percent", r"퍼센트|비율|몇\s*%|%|percent|percentage|\bratio\b|share of|what share|what proportion"),
    ("date", r"언제|마감|기한|날짜|일시(?:는|가|를|요|\?|$)|며칠|몇\s*월|몇\s*일|몇\s*년도|기간|일정|시기|when|deadline|what date|until when|period|close"),
    ("count", r"몇\s*(?:개|곳|명|군데|건|개사|개소)?|수는|수가|경쟁률|how many|number of|competition"),
    ("amount", r"얼마|금액|예산|지원금|지원액|규모|한도|투자|국비|비용|how much|budget|amount|funding|max(?:imum)?\b|cap\b|invest"),
    ("org", r"누구|어디서|어느\s*기관|기관은|기관이|부처|주관|수행기관|who|which organi[sz]ation|which agency|which ministry|runs"),
    ("place", r"어디|어느\s*(?:지역|시|곳)|위치|장소|개최지|주소|\bvenue\b|\blocation\b|(?:시군|지역|곳)은\??$|where|which (?:city|region|cities|counties)"),
]


@dataclass(frozen=True)
class Query:
    text: str
    lang: str  # "ko" or "en"
    terms: list[str]  # BM25 terms (Korean morphemes, for English after expansion)
    dense_text: str  # what the encoder sees
    regions: list[str] = field(default_factory=list)  # canonical Korean region names asked about
    names: list[str] = field(default_factory=list)  # other proper nouns / Latin words asked about
    qtype: str = "other"
    concepts: list[tuple[str, ...]] = field(default_factory=list)  # alternatives a passage should mention
    grounded: bool = True  # False: an English question with no word the glossary or corpus names know
    morphs: tuple = ()  # Kiwi (form, tag, start, end) of a Korean question


def language(text: str) -> str:
    hangul = len(_HANGUL.findall(text))
    latin = len(_LATIN.findall(text))
    return "en" if latin > 2 * hangul and latin >= 3 else "ko"


def question_type(text: str) -> str:
    low = text.lower()
    for name, pattern in _QTYPES:
        if re.search(pattern, low):
            return name
    return "other"


@lru_cache(maxsize=1)
def glossary() -> dict[str, list[str]]:
    out = {}
    for line in data_lines("glossary_en_ko.tsv"):
        en, ko = line.split("\t")
        out[en.strip().lower()] = ko.split()
    return out


class Analyzer:
    """Turns questions into Queries. `names` maps romanised proper nouns of the corpus to Korean
    ("gimpo" -> "김포"); `vocab` is the BM25 vocabulary, to keep English words the corpus uses
    (AX, KAMP, K-PASS)."""

    def __init__(self, names: dict[str, str] | None = None, vocab: set[str] | None = None):
        self.names = names or {}
        self.vocab = vocab or set()
        self._max_phrase = max(len(k.split()) for k in glossary())

    def analyse(self, question: str, context: str = "") -> Query:
        """`context`: words a follow-up leaves out, from the conversation so far ("김포시
        스마트공장 구축 지원사업"; conversation.py). They are searched and matched like the
        question's own words, but the language and the kind of fact asked come from the question."""
        question = question.strip()
        text = f"{context.strip()} {question}".strip()
        if language(question) == "en":
            return replace(self._english(text), qtype=question_type(question))
        return replace(self._korean(text), qtype=question_type(question))

    def _korean(self, text: str) -> Query:
        ms, groups = korean.analyse(text)
        terms = [t for g in groups for t in g]
        found_regions, names = [], []
        for form, tag, _, _ in ms:
            if tag == "NNP":
                region = canonical(form)
                if region:
                    found_regions.append(region)
                else:
                    names.append(form)
            elif tag == "SL" and len(form) >= 2:
                names.append(form.lower())
        return Query(text=text, lang="ko", terms=terms, dense_text=text, regions=_uniq(found_regions),
                     names=_uniq(names), qtype=question_type(text), concepts=groups, morphs=tuple(ms))

    def _english(self, text: str) -> Query:
        low = text.lower().replace("’", "'")
        words = _EN_WORD.findall(low)
        _, en_regions = regions()
        korean_terms, latin, found_regions, groups = [], [], [], []
        # Korean words written in an English question ("provincial funding (도비)", or a
        # follow-up's Korean context) are searched as Korean
        hangul = " ".join(_HANGUL_RUN.findall(text))
        if hangul:
            ms, kgroups = korean.analyse(hangul)
            groups += kgroups
            korean_terms += [t for g in kgroups for t in g]
            found_regions += [r for form, tag, _, _ in ms if tag == "NNP" and (r := canonical(form))]
        i = 0
        while i < len(words):
            for n in range(min(self._max_phrase, len(words) - i), 0, -1):
                phrase = _in_glossary(words[i : i + n])
                if phrase:
                    korean_terms.extend(glossary()[phrase])
                    groups.append(tuple(korean.tokens(" ".join(glossary()[phrase]))))
                    i += n
                    break
            else:
                w = words[i]
                base = re.sub(r"(?:-?(?:si|gun|do|city|province|county)|'s)$", "", w.replace("'s", ""))
                flat = base.replace("-", "")
                if flat in en_regions or w.replace("-", "") in en_regions:
                    region = en_regions.get(flat) or en_regions[w.replace("-", "")]
                    found_regions.append(region)
                    korean_terms.append(region)
                    groups.append(tuple(korean.tokens(region)))
                elif flat in self.names:
                    korean_terms.append(self.names[flat])
                    groups.append(tuple(korean.tokens(self.names[flat])))
                elif w not in _EN_STOP and (w in self.vocab or flat in self.vocab):
                    latin.append(w if w in self.vocab else flat)
                    groups.append((latin[-1],))
                i += 1
        expansion = " ".join(_uniq(korean_terms))
        # each Korean term on its own: run together, Kiwi reads neighbours as one word ("개사 부천" -> 부, 천)
        terms = _uniq([t for k in _uniq(korean_terms) for t in korean.tokens(k)] + latin)
        dense_text = f"{text} ({expansion})" if expansion else text
        return Query(text=text, lang="en", terms=terms, dense_text=dense_text, regions=_uniq(found_regions),
                     names=[], qtype=question_type(text), concepts=[g for g in _uniq(groups) if g],
                     grounded=bool(expansion))


# inflected English words looked up by their base form: applied -> apply, signed -> sign, companies -> company
_INFLECTIONS = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("es", ""), ("s", ""))


def _in_glossary(words: list[str]) -> str | None:
    """The glossary entry for these words, the last one as written or by its base form."""
    phrase = " ".join(words)
    if phrase in glossary():
        return phrase
    head, last = words[:-1], words[-1]
    for suffix, base in _INFLECTIONS:
        if last.endswith(suffix) and len(last) > len(suffix) + 2:
            candidate = " ".join([*head, last[: -len(suffix)] + base])
            if candidate in glossary():
                return candidate
    return None


def _uniq(items):
    return list(dict.fromkeys(items))
