"""Question analysis: language, BM25 terms, text for the dense encoder, the regions and names
the question is about, and the kind of fact it asks for.

English questions reach the Korean documents two ways: the multilingual encoder, and BM25
terms from (a) the domain glossary shipped in data/glossary_en_ko.tsv and (b) romanised forms
of the Korean proper nouns found in the corpus (Kiwi NNP tags, romanised by korean-romanizer
at index time) and of Korean region names (data/regions_ko.txt).
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from . import korean

_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_LATIN = re.compile(r"[A-Za-z]")
_EN_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*|%")
_EN_STOP = set(
    "a an the of in on at to for from by with and or is are was were be been being do does did what what's whats "
    "which who whom whose when where why how much many there their its it this that these those s i we you me my "
    "our your can could will would should please tell about give get any some as into than then per".split()
)

# Kinds of fact a question asks for, by its wording (Korean and English).
_QTYPES = [
    ("percent", r"퍼센트|비율|몇\s*%|%|percent|percentage|share of|what share|what proportion"),
    ("date", r"언제|마감|기한|날짜|며칠|몇\s*월|몇\s*일|기간|일정|시기|when|deadline|what date|until when|how long|period|close"),
    ("count", r"몇\s*(?:개|곳|명|군데|건|개사|개소)?|수는|수가|경쟁률|how many|number of|competition"),
    ("amount", r"얼마|금액|예산|지원금|지원액|규모|한도|투자|국비|비용|how much|budget|amount|funding|max(?:imum)?\b|cap\b|invest"),
    ("org", r"누구|어디서|어느\s*기관|기관은|기관이|부처|주관|수행기관|who|which organi[sz]ation|which agency|which ministry|runs"),
    ("place", r"어디|어느\s*(?:지역|시|곳)|위치|(?:시군|지역|곳)은\??$|where|which (?:city|region|cities|counties)"),
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


def _data_lines(name: str):
    with resources.files("assistant.data").joinpath(name).open(encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.strip() and not line.startswith("#"):
                yield line


@lru_cache(maxsize=1)
def glossary() -> dict[str, list[str]]:
    out = {}
    for line in _data_lines("glossary_en_ko.tsv"):
        en, ko = line.split("\t")
        out[en.strip().lower()] = ko.split()
    return out


def romanise(word: str) -> str:
    from korean_romanizer.romanizer import Romanizer

    return re.sub(r"[^a-z]", "", Romanizer(word).romanize().lower())


@lru_cache(maxsize=1)
def regions() -> tuple[dict[str, str], dict[str, str]]:
    """({Korean variant: canonical}, {romanised variant: canonical})."""
    ko, en = {}, {}
    for line in _data_lines("regions_ko.txt"):
        words = line.split()
        # a line of variants ("부산 부산시 부산광역시") or a line of separate cities ("수원 성남 ...")
        groups = [words] if all(w.startswith(words[0][:2]) for w in words) else [[w] for w in words]
        for group in groups:
            canonical = group[0]
            for w in group + [g + s for g in group[:1] for s in ("시", "군", "도")]:
                ko.setdefault(w, canonical)
                en.setdefault(romanise(w), canonical)
    return ko, en


@lru_cache(maxsize=1)
def region_variants() -> dict[str, tuple[str, ...]]:
    """{canonical region: every Korean way of writing it} ("부산": 부산, 부산시, 부산광역시, ...)."""
    out: dict[str, list[str]] = {}
    for variant, canonical in regions()[0].items():
        out.setdefault(canonical, []).append(variant)
    return {k: tuple(v) for k, v in out.items()}


def mentions_region(region: str, text: str) -> bool:
    return any(v in text for v in region_variants().get(region, (region,)))


class Analyzer:
    """Turns questions into Queries. `names` maps romanised proper nouns of the corpus to Korean
    ("gimpo" -> "김포"); `vocab` is the BM25 vocabulary, to keep English words the corpus uses
    (AX, KAMP, K-PASS)."""

    def __init__(self, names: dict[str, str] | None = None, vocab: set[str] | None = None):
        self.names = names or {}
        self.vocab = vocab or set()
        self._max_phrase = max(len(k.split()) for k in glossary())

    def analyse(self, question: str) -> Query:
        text = question.strip()
        if language(text) == "en":
            return self._english(text)
        ms, groups = korean.analyse(text)
        terms = [t for g in groups for t in g]
        ko_regions, _ = regions()
        found_regions, names = [], []
        for form, tag in ms:
            if tag == "NNP":
                canonical = ko_regions.get(form) or (ko_regions.get(form[:-1]) if form[-1:] in "시군도" else None)
                if canonical:
                    found_regions.append(canonical)
                else:
                    names.append(form)
            elif tag == "SL" and len(form) >= 2:
                names.append(form.lower())
        return Query(text=text, lang="ko", terms=terms, dense_text=text, regions=_uniq(found_regions),
                     names=_uniq(names), qtype=question_type(text), concepts=groups)

    def _english(self, text: str) -> Query:
        low = text.lower().replace("’", "'")
        words = _EN_WORD.findall(low)
        _, en_regions = regions()
        korean_terms, latin, found_regions, groups = [], [], [], []
        i = 0
        while i < len(words):
            for n in range(min(self._max_phrase, len(words) - i), 0, -1):
                phrase = " ".join(words[i : i + n])
                if phrase in glossary():
                    korean_terms.extend(glossary()[phrase])
                    groups.append(tuple(korean.tokens(" ".join(glossary()[phrase]))))
                    i += n
                    break
            else:
                w = words[i]
                base = re.sub(r"(?:-?(?:si|gun|do|city|province|county)|'s)$", "", w.replace("'s", ""))
                flat = base.replace("-", "")
                if flat in en_regions or w.replace("-", "") in en_regions:
                    canonical = en_regions.get(flat) or en_regions[w.replace("-", "")]
                    found_regions.append(canonical)
                    korean_terms.append(canonical)
                    groups.append(tuple(korean.tokens(canonical)))
                elif flat in self.names:
                    korean_terms.append(self.names[flat])
                    groups.append(tuple(korean.tokens(self.names[flat])))
                elif w not in _EN_STOP and (w in self.vocab or flat in self.vocab):
                    latin.append(w if w in self.vocab else flat)
                    groups.append((latin[-1],))
                i += 1
        expansion = " ".join(_uniq(korean_terms))
        terms = _uniq(korean.tokens(expansion) + latin if expansion else latin)
        dense_text = f"{text} ({expansion})" if expansion else text
        return Query(text=text, lang="en", terms=terms, dense_text=dense_text, regions=_uniq(found_regions),
                     names=[], qtype=question_type(text), concepts=[g for g in _uniq(groups) if g],
                     grounded=bool(expansion))


def _uniq(items):
    return list(dict.fromkeys(items))
