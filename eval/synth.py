"""Synthetic corpora for the benchmark, made from the shipped articles (seeded, reproducible).

Each synthetic page is a news page like the seeds: menu and weather chrome, a title, a
dateline, a byline, 12-40 body sentences, a copyright footer and a "많이 본 뉴스" sidebar.
Titles and sentences are real ones from the cleaned shipped corpus with the places, amounts
and dates swapped for others, so the cleaner, Kiwi, BM25 and the encoder see realistic text.

Vectors: encoding on 2 cores runs at a few passages a second, so `DerivedEncoder` encodes
the first `real` passages with the real e5-small model and derives the rest from those real
vectors (a mix of two real vectors plus a little noise, L2-normalised). Questions are always
encoded for real. The bench report says which vectors were derived.
"""

import random
import re
import time
from pathlib import Path

import numpy as np

from assistant.ingest import read_documents, scan_corpus
from assistant.korean import sentence_spans

ROOT = Path(__file__).resolve().parents[1]
REGIONS = ROOT / "assistant" / "data" / "regions_ko.txt"
CHARS_PER_CHUNK = 330  # measured on the seeds at 400/100: used only to decide how many pages to write

_AMOUNT = re.compile(r"\d[\d,.]*\s*(?:억|천만|백만|만)\s*원")
_DATE = re.compile(r"20\d\d[.-]\d{1,2}[.-]\d{1,2}")
_MENUS = ["홈 | 뉴스 | 경제 | 사회 | 오피니언", "전체메뉴 | 정치 | 경제 | 산업 | 지역", "HOME > 산업 > 중소기업"]
_WEATHER = ["서울 맑음 12.3°C", "부산 흐림 14.0°C", "미세먼지 좋음", "날씨 제공"]
_OUTLETS = ["한빛일보", "산업경제신문", "지역타임즈", "제조AI뉴스", "중기투데이"]
_NAMES = ["김민수", "이서연", "박지훈", "최유진", "정하늘"]


class Pool:
    """Titles, sentences and regions of the shipped corpus."""

    def __init__(self, corpus_dir: Path = ROOT / "corpus"):
        self.titles, self.sentences = [], []
        for cf in scan_corpus(corpus_dir):
            for doc in read_documents(cf):
                self.titles.append(doc.title)
                for a, b in sentence_spans(doc.text):
                    s = doc.text[a:b].strip()
                    if len(s) >= 20:
                        self.sentences.append(s)
        regions = []
        for line in REGIONS.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                regions.extend(line.split())
        self.regions = sorted(set(regions), key=len, reverse=True)
        self._region_re = re.compile("|".join(map(re.escape, self.regions)))


def _swap(text: str, pool: Pool, rng: random.Random) -> str:
    text = pool._region_re.sub(lambda m: rng.choice(pool.regions), text)
    text = _AMOUNT.sub(lambda m: f"{rng.randint(1, 99) * 100:,}만 원" if rng.random() < 0.7 else f"{rng.randint(1, 30)}억 원",
                       text)
    return _DATE.sub(lambda m: f"{rng.randint(2022, 2026)}.{rng.randint(1, 12):02d}.{rng.randint(1, 28):02d}", text)


def page(pool: Pool, rng: random.Random) -> tuple[str, int]:
    """One synthetic news page and the number of body characters in it."""
    outlet, name = rng.choice(_OUTLETS), rng.choice(_NAMES)
    y, m, d = rng.randint(2022, 2026), rng.randint(1, 12), rng.randint(1, 28)
    title = _swap(rng.choice(pool.titles), pool, rng)
    body = [_swap(s, pool, rng) for s in rng.sample(pool.sentences, min(len(pool.sentences), rng.randint(12, 40)))]
    paragraphs = [" ".join(body[i : i + rng.randint(1, 3)]) for i in range(0, len(body), 2)]
    lines = [rng.choice(_MENUS), f"{y}.{m:02d}.{d:02d}", *rng.sample(_WEATHER, 2), title,
             f"기사입력 {y}-{m:02d}-{d:02d} {rng.randint(6, 20):02d}:{rng.randint(0, 59):02d}",
             f"[{outlet}={name} 기자] " + paragraphs[0], *paragraphs[1:],
             f"{name} 기자 reporter{rng.randint(1, 99)}@news.example",
             f"Copyright © {outlet} All rights reserved. 무단전재 및 재배포 금지",
             "많이 본 뉴스", *[f"{i}\n{_swap(rng.choice(pool.titles), pool, rng)}" for i in range(1, 4)]]
    return "\n".join(lines) + "\n", sum(len(p) for p in paragraphs)


def write_corpus(dest: Path, chunks: int, seed: int, pool: Pool) -> int:
    """Write pages into `dest` until they hold about `chunks` chunks; returns the page count."""
    rng = random.Random(seed)
    dest.mkdir(parents=True, exist_ok=True)
    chars, n = 0, 0
    while chars < chunks * CHARS_PER_CHUNK:
        text, body = page(pool, rng)
        sub = dest / f"{n // 1000:03d}"
        sub.mkdir(exist_ok=True)
        (sub / f"synthetic_{n:06d}.txt").write_text(text, encoding="utf-8")
        chars += body
        n += 1
    return n


class DerivedEncoder:
    """Real e5-small for queries and for the first `real` passages; derived vectors after that."""

    def __init__(self, real_encoder, real: int, pool_vectors: np.ndarray | None = None, seed: int = 0):
        self._enc = real_encoder
        self.name, self.dim = real_encoder.name, real_encoder.dim
        self._left = real
        self.pool = list(pool_vectors) if pool_vectors is not None else []
        self._rng = np.random.default_rng(seed)
        self.real_count, self.real_seconds, self.derived_count = 0, 0.0, 0

    def encode_queries(self, texts):
        return self._enc.encode_queries(texts)

    def encode_passages(self, texts):
        n_real = min(self._left, len(texts))
        out = []
        if n_real:
            t = time.perf_counter()
            vecs = self._enc.encode_passages(texts[:n_real])
            self.real_seconds += time.perf_counter() - t
            self.real_count += n_real
            self._left -= n_real
            self.pool.extend(vecs)
            out.append(vecs)
        rest = len(texts) - n_real
        if rest:
            if not self.pool:
                raise RuntimeError("no real vectors to derive from: give --real > 0")
            base = np.asarray(self.pool, dtype=np.float32)
            i = self._rng.integers(0, len(base), rest)
            j = self._rng.integers(0, len(base), rest)
            v = 0.6 * base[i] + 0.4 * base[j] + 0.02 * self._rng.standard_normal((rest, self.dim)).astype(np.float32)
            out.append(v / np.linalg.norm(v, axis=1, keepdims=True))
            self.derived_count += rest
        return np.concatenate(out).astype(np.float32)
