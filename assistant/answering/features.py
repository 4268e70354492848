"""Features of candidate sentences and spans, as {name: value} dicts for the linear models.

Nothing here decides: every number a feature could be weighed by is learned by
eval/train_answer.py (weights in assistant/data/answer_model.json). Numeric features lie in
[0, 1] or near it, so the learned weights can be read side by side; the rest are indicators
(value 1), some of them crossed with what the question asks (`wh=누구|kind=name`).
"""

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

import numpy as np

from .. import korean, numbers
from ..eligibility.places import Place, covers, question_places
from ..query import Query
from ..regions import mentions_region, regions_in
from .spans import Morph, Span

# Question words and what they ask (Korean morphemes; English below).
WH = {"누구": "who", "누가": "who", "어디": "where", "언제": "when", "얼마": "howmuch", "얼마나": "howmuch",
      "몇": "howmany", "무엇": "what", "뭐": "what", "무슨": "which", "어떤": "which", "어느": "which",
      "어떻": "how", "왜": "why"}
EN_WH = (("how much", "howmuch"), ("how many", "howmany"), ("how long", "when"), ("what year", "when"),
         ("what date", "when"), ("who", "who"), ("where", "where"), ("when", "when"), ("which", "which"),
         ("what", "what"), ("how", "how"))
# Words that only say a question is being asked; they are not what a passage must mention.
QUESTION_WORDS = {
    "얼마", "얼마나", "언제", "어디", "누구", "누가", "무엇", "뭐", "몇", "어떻", "어떤", "어느", "알리", "궁금", "있",
    "하", "되", "나요", "인가요", "무슨", "함께", "대한", "관하", "위하", "왜",
}
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:\s*년)?(?!\d)")
_NOMINAL = ("NN", "NR", "SN", "SL", "SH", "XR", "XPN", "XSN")


@dataclass(frozen=True)
class QuestionView:
    """What the features need from a question, computed once per question."""

    wh: str  # who, where, when, howmuch, howmany, what, which, how, why or ""
    head: str  # the noun that names what is asked (연도, 인물, 지원한도...), "" if none
    qtype: str
    lang: str
    groups: list  # concepts a passage should mention: tuples of alternative terms
    focus: list  # the concepts that say what is asked about
    terms: frozenset  # every term of the question
    bigrams: frozenset  # character bigrams of the question's nominal words (names split by Kiwi still match)
    years: tuple  # years the question names
    regions: tuple
    names: tuple
    places: tuple = ()  # the regions as places (강원 + 고성 -> 강원 고성), for the document's own place


def _bigrams(word: str) -> set[str]:
    return {word[i:i + 2] for i in range(len(word) - 1)}


def question_view(q: Query) -> QuestionView:
    groups = [g for g in (q.concepts or [(t,) for t in q.terms]) if not set(g) & QUESTION_WORDS]
    wh, head = "", ""
    nominal_words: list[str] = []
    if q.lang == "en":
        low = q.text.lower()
        wh = next((name for pat, name in EN_WH if re.search(rf"\b{pat}\b", low)), "")
        nominal_words = [t for g in groups for t in g]
    else:
        ms = q.morphs
        for n, (form, tag, _, _) in enumerate(ms):
            if form in WH and not wh:
                wh = WH[form]
                nxt = ms[n + 1] if n + 1 < len(ms) else None
                if nxt and nxt[1].startswith(("NN",)) and form in ("몇", "어느", "어떤", "무슨"):
                    head = nxt[0]
        if not head:
            nouns = [form for form, tag, _, _ in ms if tag in ("NNG", "NNB", "NNP") and form not in QUESTION_WORDS]
            head = nouns[-1] if nouns else ""
        # words: runs of nominal morphemes written together (임종석 even when Kiwi says 임종 + 석)
        run, end = "", -1
        for form, tag, a, b in ms:
            if tag.startswith(_NOMINAL) and (a == end or not run):
                run += form
            elif tag.startswith(_NOMINAL):
                nominal_words.append(run)
                run = form
            else:
                if run:
                    nominal_words.append(run)
                run = ""
            end = b
        if run:
            nominal_words.append(run)
    bigrams = set()
    for w in nominal_words:
        if w not in QUESTION_WORDS:
            bigrams |= _bigrams(w.lower())
    content = [g for g in groups if not (set(g) & _TYPE_WORDS)]
    focus = content[:2] if q.lang == "en" else content[-2:]
    return QuestionView(wh=wh, head=head, qtype=q.qtype, lang=q.lang, groups=groups, focus=focus,
                        terms=frozenset(t for g in groups for t in g), bigrams=frozenset(bigrams),
                        years=tuple(dict.fromkeys(_YEAR.findall(q.text))), regions=tuple(q.regions),
                        names=tuple(q.names), places=tuple(question_places(q.regions)))


# Words that say which kind of fact is asked (규모 -> an amount), not which one.
_TYPE_WORDS = {"규모", "금액", "액", "수", "기간", "날짜", "일정", "시기", "비율", "한도", "지원금", "지원액", "개"}


class Idf:
    """IDF of BM25 terms, from the document frequencies in the stored BM25 matrix."""

    def __init__(self, bm25):
        self.vocab = bm25.vocab_dict
        self.n = max(1, int(bm25.scores["num_docs"]))
        self.df = np.diff(bm25.scores["indptr"])
        self.unknown = math.log(1 + (self.n + 0.5) / 0.5)  # a term the corpus never uses
        self._bigram_set: set | None = None
        self._cache: dict[str, float] = {}  # the corpus is fixed for this object: each term's IDF once

    def __call__(self, term: str) -> float:
        value = self._cache.get(term)
        if value is None:
            i = self.vocab.get(term)
            value = self.unknown if i is None or i >= len(self.df) else (
                math.log(1 + (self.n - self.df[i] + 0.5) / (self.df[i] + 0.5)))
            self._cache[term] = value
        return value

    def known(self, term: str) -> float:
        """How much the corpus uses the term: 1 as a term of its own, else the share of its
        character pairs found inside its terms (a name Kiwi splits differently in the question
        than in the text still counts; 지원금 half-counts where the corpus only says 지원)."""
        i = self.vocab.get(term)
        if i is not None and i < len(self.df) and self.df[i] > 0:
            return 1.0
        pairs = _bigrams(term.lower())
        return len(pairs & self._vocab_bigrams()) / len(pairs) if pairs else 0.0

    def _vocab_bigrams(self) -> set:
        if self._bigram_set is None:  # built on first use: one pass over the vocabulary
            self._bigram_set = {b for t in self.vocab for b in _bigrams(str(t).lower())}
        return self._bigram_set


def corpus_coverage(groups, idf: Idf) -> float:
    """Share of the question's concepts (IDF-weighted) that the corpus uses anywhere: low when
    the question is about something no document is about ("오늘 날씨")."""
    weights = [max(idf(t) for t in g) for g in groups]
    total = sum(weights)
    if total == 0:
        return 1.0
    return sum(w * max(idf.known(t) for t in g) for w, g in zip(weights, groups)) / total


def coverage(groups, terms: set, idf: Idf, local: dict | None = None) -> float:
    """Share of the concepts that `terms` mention, weighted by IDF (times local weights if given)."""
    weights = [max(map(idf, g)) * (local.get(g, 1.0) if local else 1.0) for g in groups]
    total = sum(weights)
    if total == 0:
        return 0.0
    return sum(w for w, g in zip(weights, groups) if set(g) & terms) / total


def local_weights(groups, sentences: list[set]) -> dict:
    """Weight of each concept for telling candidate sentences apart: its IDF among them."""
    n = len(sentences)
    return {g: math.log(1 + (n + 1) / (1 + sum(1 for s in sentences if set(g) & s))) for g in groups}


def pair_coverage(groups, sequence: list, idf: Idf, reach: int = 2) -> float:
    """Share of the question's consecutive concept pairs (IDF-weighted) that `sequence` (a
    sentence's terms, in order) writes in the same order, at most `reach` terms apart: a question
    that reuses its source's phrase ("여의도 농민 폭력 시위를 주도한") matches it pair by pair."""
    if len(groups) < 2 or not sequence:
        return 0.0
    where: dict = {}
    for i, t in enumerate(sequence):
        where.setdefault(t, []).append(i)
    total = found = 0.0
    for a, b in pairwise(groups):
        w = max(map(idf, a)) + max(map(idf, b))
        total += w
        left = [i for t in a for i in where.get(t, ())]
        right = {i for t in b for i in where.get(t, ())}
        if any(i + d in right for i in left for d in range(1, reach + 1)):
            found += w
    return found / total if total else 0.0


def char_coverage(bigrams: frozenset, text: str) -> float:
    if not bigrams:
        return 0.0
    compact = re.sub(r"\s+", "", text.lower())
    return sum(1 for b in bigrams if b in compact) / len(bigrams)


def _bucket(x: float, edges: tuple) -> int:
    return next((i for i, e in enumerate(edges) if x <= e), len(edges))


@dataclass(frozen=True)
class PassageContext:
    """Per-passage values shared by its sentences."""

    rank: int
    fused: float  # fused score / best fused score
    dense: float
    dense_gap: float  # best cosine - this cosine
    bm25: float  # BM25 / best BM25
    cov_passage: float
    cov_title: float
    char_passage: float
    char_title: float  # the question's words, by characters, in the document's title
    # what the question names (regions, years, names) checked against the whole document, not
    # only this passage: look-alike pages differ in the region or year named once in a headline
    region: str  # "none" (question names none), "ok" (the document mentions every one), "missing"
    region_passage: str  # the same, in this passage
    title_other_region: bool  # the title names a region the question does not
    year: str  # "none", "ok" (the document states it), "missing", "other" (the document is dated another year)
    # whose year the document is: "title" (its title names the asked year), "title_other" (its
    # title names another), "dated" / "dated_other" (by its date), "unknown"; "none" when the
    # question names no year
    year_doc: str
    names_missing: float  # share of the question's names the document does not hold (by characters)
    names_missing_passage: float  # ... this passage does not hold
    agree: int  # how many of the question's named regions and years the document agrees with
    detail: list  # the question's concepts its title does not name: what is asked about the topic
    # the question's regions against the document's own place (read at index time: its title's
    # place, else the province it names most), not against every place it mentions (a 경남 고성 page
    # saying "강원 고성 사업과 무관합니다" mentions 강원): "none", "ok", "other" (another place) or
    # "unknown" (no place of its own)
    region_home: str = "none"


def passage_context(qv: QuestionView, rank, hit, top_fused, top_dense, top_bm25, chunk, terms: set, idf,
                    document: str = "", home: list | None = None) -> PassageContext:
    """`document`: the whole text of the chunk's document (its title and every chunk); the
    chunk's own text when not given. `home`: the document's own place, [province, city, group]
    (facts["home"]), if it has one."""
    title_terms = set(korean.title_terms(chunk.title))
    passage = chunk.title + " " + chunk.text
    texts = (chunk.title, document) if document else (passage,)  # the whole document, read in parts
    region = region_passage = "none"
    if qv.regions:
        region = "ok" if all(any(mentions_region(r, t) for t in texts) for r in qv.regions) else "missing"
        region_passage = "ok" if all(mentions_region(r, passage) for r in qv.regions) else "missing"
    others = set(regions_in(chunk.title)) - set(qv.regions)
    year, year_doc = "none", "none"
    if qv.years:
        dated = (chunk.date or "")[:4]
        if any(y in t for y in qv.years for t in texts) or any(
                y in relative_years(t, dated) for y in qv.years for t in texts):
            year = "ok"
        elif dated and dated not in qv.years:
            year = "other"
        else:
            year = "missing"
        in_title = set(_YEAR.findall(chunk.title))
        if in_title:
            year_doc = "title" if in_title & set(qv.years) else "title_other"
        elif dated:
            year_doc = "dated" if dated in qv.years else "dated_other"
        else:
            year_doc = "unknown"
    agree = sum(any(mentions_region(r, t) for t in texts) for r in qv.regions) + (
        int(year_doc in ("title", "dated") or (year_doc == "unknown" and year == "ok")) if qv.years else 0)
    return PassageContext(
        rank=rank, fused=hit.score / top_fused if top_fused else 0.0, dense=hit.dense, dense_gap=top_dense - hit.dense,
        bm25=hit.bm25 / top_bm25 if top_bm25 else 0.0, cov_passage=coverage(qv.groups, terms | title_terms, idf),
        cov_title=coverage(qv.groups, title_terms, idf), char_passage=char_coverage(qv.bigrams, passage),
        char_title=char_coverage(qv.bigrams, chunk.title),
        region=region, region_passage=region_passage, title_other_region=bool(others and qv.regions),
        year=year, year_doc=year_doc, names_missing=_names_missing(qv.names, texts),
        names_missing_passage=_names_missing(qv.names, (passage,)), agree=agree,
        detail=[g for g in qv.groups if not set(g) & title_terms], region_home=region_home(qv.places, home))


# years a dated page names by their relation to its own ("지난해에는 같은 사업으로 2개사를 지원했다" in a
# 2025 page speaks of 2024)
_RELATIVE_YEAR = {-1: re.compile(r"지난\s?해|작년|전년"), 0: re.compile(r"올해|금년"), 1: re.compile(r"내년")}


def relative_years(text: str, dated: str) -> set[str]:
    """The years `text` names as last year, this year or next year of its date's year `dated` ("" when undated)."""
    if not dated.isdigit():
        return set()
    return {str(int(dated) + shift) for shift, pattern in _RELATIVE_YEAR.items() if pattern.search(text)}


def region_home(places, home: list | None) -> str:
    """The question's places against the document's own: "ok" when each lies in it or holds it
    (김포 in a 경기 programme, 경기 for a 김포 one), "other" when one lies elsewhere."""
    if not places:
        return "none"
    if not home:
        return "unknown"
    province, city, group = home
    own = Place(province, city, tuple(group))
    found = set()
    for p in places:
        inside, holds = covers(own, p), covers(p, own)
        found.add("ok" if inside or holds else "other" if inside is False or holds is False else "unknown")
    return "other" if "other" in found else "ok" if found == {"ok"} else "unknown"


def _names_missing(names, texts) -> float:
    """Share of `names` none of `texts` holds, compared without spaces or case."""
    if not names:
        return 0.0
    compact = [_compact(t) for t in texts]
    return sum(1 for n in names if not any(_compact(n) in c for c in compact)) / len(names)


@lru_cache(maxsize=4096)
def _compact(text: str) -> str:
    """Without spaces, lower-cased (cached: a document's text is compared for every question that reads it)."""
    return re.sub(r"\s+", "", text.lower())


def sentence_features(qv: QuestionView, ctx: PassageContext, text: str, terms: set, position: int, idf: Idf,
                      local: dict, window: set, title: str, cosine: float, sequence: list = ()) -> dict:
    """`window`: the terms of the sentence and its neighbours (a table row under its header, an
    answer under its FAQ question); `title`: its document's title; `cosine`: the question's
    dense similarity with the sentence; `sequence`: its terms in order."""
    f = {"sentence_dense": cosine, f"lang={qv.lang}|sentence_dense": cosine,
        f"rank={min(ctx.rank, 7)}": 1.0, "fused": ctx.fused, "dense": ctx.dense, "dense_gap": ctx.dense_gap,
        "bm25": ctx.bm25, "cov_passage": ctx.cov_passage, "cov_title": ctx.cov_title, "char_passage": ctx.char_passage,
        "char_title": ctx.char_title,
        f"region={ctx.region}": 1.0, f"year={ctx.year}": 1.0, f"year_doc={ctx.year_doc}": 1.0, "names_missing": ctx.names_missing,
        f"region_passage={ctx.region_passage}": 1.0, "names_missing_passage": ctx.names_missing_passage,
        f"region_home={ctx.region_home}": 1.0,
        "agree": ctx.agree,
        "cov_sentence": coverage(qv.groups, terms, idf), "cov_local": coverage(qv.groups, terms, idf, local),
        "char_sentence": char_coverage(qv.bigrams, text), "pairs_sentence": pair_coverage(qv.groups, list(sequence), idf),
        "cov_focus": (sum(1 for g in qv.focus if set(g) & terms) / len(qv.focus)) if qv.focus else 0.0,
        f"position={min(position, 4)}": 1.0, "length": min(len(text), 400) / 400, f"lang={qv.lang}": 1.0,
    }
    if ctx.detail:
        f["cov_detail"] = coverage(ctx.detail, terms, idf)
        f["cov_detail_window"] = coverage(ctx.detail, window, idf)
    f["cov_window"] = coverage(qv.groups, window, idf)
    if text.strip() in title or len(text.strip()) < 20:
        f["title_or_fragment"] = 1.0
    if qv.head and qv.head in terms:
        f["has_head"] = 1.0
    if ctx.title_other_region:
        f["title_other_region"] = 1.0
    dates = numbers.find_dates(text)
    kinds = _kinds_in(text, dates)
    if "date" in kinds:
        for marker in ("까지", "부터"):
            if marker in text:
                f[f"qtype={qv.qtype}|has=date+{marker}"] = 1.0
    for kind in kinds:
        f[f"qtype={qv.qtype}|has={kind}"] = 1.0
    if "date" in kinds:  # the finest date it writes: a deadline asked wants a day, not "2026년"
        f[f"qtype={qv.qtype}|date_grain={_finest_grain(dates)}"] = 1.0
    if not kinds:
        f[f"qtype={qv.qtype}|has=none"] = 1.0
    f["type_fit"] = type_fit(qv.qtype, kinds)  # one learned weight for every typed question, rare types too
    f[f"lang={qv.lang}|cov_sentence"] = f["cov_sentence"]
    return f


# Scores compared with the best of the question's other candidates: how a sentence stands among
# them, which a pointwise model cannot see from its own values alone.
GAP_FEATURES = ("agree", "sentence_dense", "cov_sentence", "cov_local", "cov_detail", "cov_detail_window", "cov_window", "cov_focus",
                "char_sentence", "pairs_sentence")


def add_gaps(rows: list[dict]) -> None:
    for name in GAP_FEATURES:
        best = max((r.get(name, 0.0) for r in rows), default=0.0)
        for r in rows:
            r[name + "_gap"] = r.get(name, 0.0) - best


def _kinds_in(text: str, dates: list) -> set[str]:
    """The kinds of fact `text` states; `dates`: its numbers.find_dates."""
    kinds = {numbers.kind_of(q) for q in numbers.find_quantities(text)}
    kinds |= {kind for _, _, kind in numbers.find_contacts(text)}
    if dates:
        kinds.add("date")
    return kinds


_DIST_EDGES = (0, 1, 2, 4, 7, 12)
# The kinds of span that answer a question of each type ("count" questions are also answered by a bare number).
_GRAINS = ("time", "day", "month", "year")


def _finest_grain(dates: list) -> str:
    grains = {numbers.date_grain(d[2]) for d in dates}
    return next((g for g in _GRAINS if g in grains), "none")


FACT_KINDS = {"date": ("date",), "amount": ("amount",), "percent": ("percent",), "count": ("count", "number"),
              "duration": ("duration",), "contact": ("contact",)}


def type_fit(qtype: str, kinds) -> float:
    """1 when a question of a typed kind (amount, date, count, percent, duration, contact) meets a fact of that
    kind, -1 when it meets none, 0 for untyped questions."""
    wanted = FACT_KINDS.get(qtype)
    if not wanted:
        return 0.0
    return 1.0 if set(wanted) & set(kinds) else -1.0


def span_features(qv: QuestionView, span: Span, ms: list[Morph], sentence: str, anchors: list[int],
                  sentence_logit: float) -> dict:
    """`anchors`: indices of the sentence's morphemes that are question terms."""
    last = ms[span.last] if 0 <= span.last < len(ms) else None
    nxt = ms[span.last + 1] if 0 <= span.last + 1 < len(ms) else None
    prev = ms[span.first - 1] if span.first > 0 else None
    f = {"sentence_logit": sentence_logit / 10, "type_fit": type_fit(qv.qtype, (span.kind,)),
         f"kind={span.kind}": 1.0, f"wh={qv.wh}|kind={span.kind}": 1.0,
         f"qtype={qv.qtype}|kind={span.kind}": 1.0, "length": min(len(span.text), 40) / 40,
         f"ntok={min(span.last - span.first + 1, 8)}": 1.0}
    if span.maximal:
        f["maximal"] = 1.0
        f[f"wh={qv.wh}|maximal"] = 1.0
    if qv.head:
        f[f"head={qv.head}|kind={span.kind}"] = 1.0
        if last is not None:
            f[f"head={qv.head}|last={last.form}"] = 1.0
            if last.form == qv.head:
                f["last_is_head"] = 1.0
    if last is not None:
        f[f"wh={qv.wh}|lasttag={last.tag}"] = 1.0
        f[f"wh={qv.wh}|last={last.form}"] = 1.0  # what answers a where/who question ends in (…실, …센터, …팀)
    nxt_key = f"{nxt.tag}:{nxt.form}" if nxt is not None and nxt.tag.startswith(("J", "E", "V", "X", "S")) else (
        nxt.tag if nxt is not None else "end")
    f[f"next={nxt_key}"] = 1.0
    f[f"wh={qv.wh}|next={nxt.tag if nxt is not None else 'end'}"] = 1.0
    f[f"prev={prev.tag if prev is not None else 'start'}"] = 1.0
    # answers rarely repeat the question's own words
    span_bigrams = _bigrams(re.sub(r"\s+", "", span.text.lower()))
    if span_bigrams:
        f["in_question"] = len(span_bigrams & qv.bigrams) / len(span_bigrams)
    if span.text.lower() in qv.terms or (span.first >= 0 and all(m.form.lower() in qv.terms for m in ms[span.first:span.last + 1])):
        f["all_in_question"] = 1.0
    # the words next to the span, past particles: the question's words there mark the asked slot
    before = _content_neighbour(ms, span.first - 1, -1)
    after = _content_neighbour(ms, span.last + 1, 1)
    if before is not None and ms[before].form.lower() in qv.terms:
        f["before_in_question"] = 1.0
    if after is not None and ms[after].form.lower() in qv.terms:
        f["after_in_question"] = 1.0
    if anchors and span.first >= 0:
        left = [span.first - a for a in anchors if a < span.first]
        right = [a - span.last for a in anchors if a > span.last]
        f[f"left={_bucket(min(left), _DIST_EDGES) if left else 'none'}"] = 1.0
        f[f"right={_bucket(min(right), _DIST_EDGES) if right else 'none'}"] = 1.0
        near = {ms[a].form for a in anchors if span.first - 8 <= a <= span.last + 8}
        f["near_terms"] = len(near) / max(1, len(qv.terms))
    else:
        f["no_anchor"] = 1.0
    if span.kind == "date":
        f[f"qtype={qv.qtype}|grain={numbers.date_grain(span.text)}"] = 1.0
        after = sentence[span.end:span.end + 4].lstrip()
        for marker in ("까지", "부터"):
            if after.startswith(marker):
                f[f"qtype={qv.qtype}|date+{marker}"] = 1.0
    return f


def _content_neighbour(ms: list[Morph], i: int, step: int, reach: int = 3) -> int | None:
    """Index of the first content morpheme from i on in direction `step`, within `reach` morphemes."""
    for _ in range(reach):
        if not 0 <= i < len(ms):
            return None
        if ms[i].tag.startswith(("NN", "VV", "VA", "SN", "SL", "XR")):
            return i
        i += step
    return None
