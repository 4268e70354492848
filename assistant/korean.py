"""Kiwi, loaded once per process: morpheme tokens for BM25 and sentence boundaries.

Particles and endings are dropped so that 김포시의 / 김포시는 / 김포시 give the same token.
"""

import threading
from functools import lru_cache

# Content morphemes: nouns, numerals, roots, verb/adjective stems, foreign words,
# hanja, numbers, and Kiwi's web tokens (W_URL, W_EMAIL, W_SERIAL, ...).
_KEEP_PREFIXES = ("NN", "NR", "NP", "XR", "VV", "VA", "SL", "SH", "SN", "W_", "MAG")
_STOP = {"것", "수", "등", "및", "이", "그", "저", "때", "중", "더", "또", "잘", "안"}
_lock = threading.Lock()


@lru_cache(maxsize=1)
def kiwi():
    from kiwipiepy import Kiwi  # loading the model takes ~1 s; done once, on first use

    return Kiwi()


_ADMIN_SUFFIX = ("시", "도", "군", "구")


def _terms(morphs) -> list[str]:
    out = []
    for m in morphs:
        if not m.tag.startswith(_KEEP_PREFIXES) or m.form in _STOP:
            continue
        form = m.form.lower()
        if m.tag == "SN":
            form = form.replace(",", "")  # 5,000 and 5000 are one number
        out.append(form)
        # 김포시 / 충북도 / 음성군: also the bare place name, as people write it (김포, 충북, 음성)
        if m.tag == "NNP" and len(form) >= 3 and form.endswith(_ADMIN_SUFFIX):
            out.append(form[:-1])
    return out


def tokens(text: str) -> list[str]:
    """Lower-cased content morphemes of `text`, in order."""
    return tokens_batch([text])[0]


def tokens_batch(texts: list[str]) -> list[list[str]]:
    """`tokens` for many texts at once."""
    with _lock:
        results = [kiwi().tokenize(t) for t in texts]
    return [_terms(morphs) for morphs in results]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Kiwi sentence boundaries as (start, end) character offsets into `text`.

    Lines are split separately (a line break always ends a sentence in clean text).
    """
    spans = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            with _lock:
                sents = kiwi().split_into_sents(line)
            spans.extend((pos + s.start, pos + s.end) for s in sents)
        pos += len(line) + 1
    return spans
