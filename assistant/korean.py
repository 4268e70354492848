"""Kiwi, loaded once per process: morpheme tokens for BM25 and sentence boundaries.

Particles and endings are dropped so that 김포시의 / 김포시는 / 김포시 give the same token.
"""

import os
import threading
from functools import lru_cache

from .config import REGION_WORD_SCORE
from .regions import bare, canonical, place_names

# Content morphemes: nouns, numerals, roots, verb/adjective stems, foreign words,
# hanja, numbers, and Kiwi's web tokens (W_URL, W_EMAIL, W_SERIAL, ...).
_KEEP_PREFIXES = ("NN", "NR", "NP", "XR", "VV", "VA", "SL", "SH", "SN", "W_", "MAG")
_STOP = {"것", "수", "등", "및", "이", "그", "저", "때", "중", "더", "또", "잘", "안"}
_lock = threading.Lock()


@lru_cache(maxsize=1)
def kiwi():
    from kiwipiepy import Kiwi  # loading takes ~3 s; done once, on first use

    k = Kiwi(num_workers=os.cpu_count() or 1)  # workers serve batch calls (index builds)
    k.tokenize("김포시 지원사업")  # the first call loads the model (~1.5 s): do it here, not on a question
    _add_place_names(k)
    return k


def _add_place_names(k) -> None:
    """Region names as user words: Kiwi knows 진천 alone as a proper noun but splits it in
    "설명회 진천 일정은?" (진 + 천), so the question no longer names the region. Only names Kiwi
    itself reads as one proper noun are added (not 음성, 예산, 부여, which are also common words),
    with a score (config.REGION_WORD_SCORE) that keeps 고양이 and 김포시 as Kiwi reads them."""
    names = sorted(place_names())
    for name, ms in zip(names, k.tokenize(names)):
        if len(ms) == 1 and ms[0].tag == "NNP" and ms[0].form == name:
            k.add_user_word(name, "NNP", REGION_WORD_SCORE)


def _groups(morphs) -> list[tuple[str, ...]]:
    """One group per content morpheme: its form, plus the bare name for 김포시/충북도/음성군
    (김포, 충북, 음성), as people also write them."""
    out = []
    for m in morphs:
        if not m.tag.startswith(_KEEP_PREFIXES) or m.form in _STOP:
            continue
        form = m.form.lower()
        if m.tag == "SN":
            form = form.replace(",", "")  # 5,000 and 5000 are one number
        if not form:  # a lone "," tagged as a number
            continue
        if m.tag == "NNP" and bare(form):
            out.append((form, bare(form)))
        else:
            out.append((form,))
    return out


def _terms(morphs) -> list[str]:
    return [t for group in _groups(morphs) for t in group]


def analyse(text: str) -> tuple[list[tuple[str, str, int, int]], list[tuple[str, ...]]]:
    """(form, tag, start, end) of every morpheme and the term groups, from one Kiwi pass."""
    with _lock:
        ms = kiwi().tokenize(text)
    return [(m.form, m.tag, m.start, m.start + m.len) for m in ms], _groups(ms)


def tokenize_many(texts: list[str]) -> list[list]:
    """Kiwi tokens of each text (one batch call)."""
    if not texts:
        return []
    with _lock:
        return [list(t) for t in kiwi().tokenize(texts)] if len(texts) > 1 else [list(kiwi().tokenize(texts[0]))]


def tokens(text: str) -> list[str]:
    """Lower-cased content morphemes of `text`, in order."""
    return [t for group in analyse(text)[1] for t in group]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Kiwi sentence boundaries as (start, end) character offsets into `text`.

    Lines are split separately (a line break always ends a sentence in clean text).
    """
    return sentence_spans_many([text])[0]


def sentence_spans_many(texts: list[str]) -> list[list[tuple[int, int]]]:
    """sentence_spans of many texts, with one Kiwi batch call for all their lines (all cores)."""
    lines = []  # (text number, offset of the line, line)
    for n, text in enumerate(texts):
        pos = 0
        for line in text.split("\n"):
            if line.strip():
                lines.append((n, pos, line))
            pos += len(line) + 1
    out: list[list[tuple[int, int]]] = [[] for _ in texts]
    if lines:
        with _lock:
            split = list(kiwi().split_into_sents([line for _, _, line in lines]))
        for (n, pos, _), sents in zip(lines, split):
            out[n].extend((pos + s.start, pos + s.end) for s in sents)
    return out


@lru_cache(maxsize=8192)
def title_terms(title: str) -> tuple[str, ...]:
    """Terms of a story title (titles repeat on every chunk of a story: cached)."""
    return tuple(tokens(title))


def sentence_terms_many(items: list[tuple[str, list[tuple[int, int]]]]) -> list[tuple[list[list[str]], set[str]]]:
    """For each (text, sentence spans): the terms of each sentence and the text's proper nouns.
    One Kiwi batch call for all texts (Kiwi's workers use every core)."""
    if not items:
        return []
    with _lock:
        results = list(kiwi().tokenize([text for text, _ in items]))
    return [_by_sentence(ms, sents) for ms, (_, sents) in zip(results, items)]


def _by_sentence(ms, sentences):
    out: list[list[str]] = [[] for _ in sentences]
    j = 0
    for m in ms:
        while j < len(sentences) and m.start >= sentences[j][1]:
            j += 1
        if j == len(sentences):
            break
        if m.start >= sentences[j][0]:
            out[j].extend(_terms([m]))
    nnps = {m.form for m in ms if m.tag == "NNP" and len(m.form) >= 2}
    return out, nnps


_PREDICATE = ("VV", "VA", "VX", "VCP", "VCN", "XSV", "XSA")


def end_clause(text: str) -> str:
    """A clause cut out of a longer sentence, ended as a statement: "…지원받을 수 있으며" ->
    "…지원받을 수 있다", "…선정하고" -> "…선정하다". Only the last predicate is rewritten (Kiwi
    joins its stem, tense and 다); the rest of the text stays as written."""
    body = text.rstrip(" ,")
    toks = kiwi().tokenize(body)
    if not toks or toks[-1].tag != "EC":
        return body
    i = len(toks) - 1
    j = i
    while j > 0 and toks[j - 1].tag == "EP":
        j -= 1
    if j == 0 or not toks[j - 1].tag.startswith(_PREDICATE):
        return body
    stem = toks[j - 1]
    tail = kiwi().join([(t.form, t.tag) for t in toks[j - 1:i]] + [("다", "EF")])
    return body[:stem.start] + tail


def places(text: str) -> list[str]:
    """Regions `text` names as proper nouns (Kiwi NNP), canonical: 대전환 and 예산 (budget) are not places."""
    return [r for form, tag, _, _ in analyse(text)[0] if tag == "NNP" and (r := canonical(form))]
