"""Hybrid retrieval over one loaded index: BM25 (Kiwi terms) and dense, fused (the store, FAISS or
Milvus, answers both searches: store/search.py).

Single search is batch search of one. Scores per list are kept on each Hit so that the
answer step and the eval can see why a passage ranked where it did.
"""

import time
from dataclasses import dataclass

from . import fusion
from .config import FUSION, FUSION_ALPHA, RETRIEVE_DEPTH
from .encoders import Encoder
from .query import Query
from .store import StoredIndex


@dataclass(frozen=True)
class Hit:
    row: int  # row in the index (chunk number)
    score: float  # fused score
    dense: float  # cosine similarity with the question (always computed)
    bm25: float  # BM25 score (0 when no question term is in the passage)


class Retriever:
    def __init__(self, index: StoredIndex, encoder: Encoder, method: str = FUSION, alpha: float = FUSION_ALPHA):
        self.index = index
        self.encoder = encoder
        self.method = method
        self.alpha = alpha
        # bm25s keeps "" in its vocabulary with no postings: asking for it raises, so it is left out
        self.vocab = {t for t in index.bm25.vocab_dict if t}

    def search(self, query: Query, k: int = 5, mode: str = "hybrid") -> list[Hit]:
        return self.search_batch([query], k, mode)[0]

    def search_batch(self, queries: list[Query], k: int = 5, mode: str = "hybrid",
                     timings: dict | None = None, vectors: list | None = None) -> list[list[Hit]]:
        """mode: "hybrid", "dense" or "bm25" (the last two for baselines). `timings`, if given,
        gets the seconds spent in "encode", "dense" (the store's vector search) and "bm25" added to it; `vectors`,
        if given, the questions' vectors (the answer step compares them with sentences)."""
        clock = {"encode": 0.0, "dense": 0.0, "bm25": 0.0}
        n = len(self.index.chunks)
        depth = min(n, max(RETRIEVE_DEPTH, k))
        t = time.perf_counter()
        vecs = self.encoder.encode_queries([q.dense_text for q in queries])
        if vectors is not None:
            vectors.extend(vecs)
        t1 = time.perf_counter()
        dense_lists = self.index.search.dense(vecs, depth)
        clock["encode"], clock["dense"] = t1 - t, time.perf_counter() - t1
        t = time.perf_counter()
        sparse_lists = self.index.search.bm25([[t for t in q.terms if t in self.vocab] for q in queries], depth)
        clock["bm25"] += time.perf_counter() - t
        out = []
        for qi, (dense, sparse) in enumerate(zip(dense_lists, sparse_lists)):
            if mode == "dense":
                fused = dense
            elif mode == "bm25":
                fused = sparse
            elif self.method == "rrf":
                fused = fusion.rrf([sorted(dense, key=dense.get, reverse=True), sorted(sparse, key=sparse.get, reverse=True)])
            else:
                fused = fusion.weighted(dense, sparse, self.alpha)
            top = sorted(fused, key=lambda r: (-fused[r], r))[:k]
            missing = [r for r in top if r not in dense]
            if missing:  # cosine for passages only BM25 found, so every hit carries both scores
                stored = self.index.search.vectors(missing)
                dense.update({r: float(s) for r, s in zip(missing, stored @ vecs[qi])})
            out.append([Hit(row=r, score=float(fused[r]), dense=dense[r], bm25=sparse.get(r, 0.0)) for r in top])
        if timings is not None:
            for key, seconds in clock.items():
                timings[key] = timings.get(key, 0.0) + seconds
        return out
