"""What retrieval asks of a store, whichever engine holds the vectors and the BM25 postings.

Rows are chunk numbers (row i is line i of chunks.jsonl) in every store, so the answer step
reads chunks, sentence vectors and facts from the index folder the same way for all of them.
Scores are the engine's own: cosine (inner product of L2-normalised vectors) and BM25; fusion
and everything after it happen in retrieval.py, the same code for every store.
"""

from typing import Protocol

import numpy as np


class Search(Protocol):
    kind: str  # "faiss" or "milvus", as the manifest's dense.store says
    dim: int

    def __len__(self) -> int: ...

    def dense(self, vectors: np.ndarray, depth: int) -> list[dict[int, float]]:
        """For each question vector, the `depth` nearest rows: {row: cosine}."""

    def bm25(self, terms: list[list[str]], depth: int) -> list[dict[int, float]]:
        """For each list of question terms (Kiwi morphemes the index knows), {row: BM25 > 0}."""

    def vectors(self, rows: list[int] | None = None) -> np.ndarray:
        """The stored passage vectors of `rows` (all rows when None), float32, in that order."""


class FaissSearch:
    """FAISS for the vectors, bm25s for BM25: the default, files in the index folder, no server."""

    kind = "faiss"

    def __init__(self, dense_index, bm25):
        self.index = dense_index
        self.bm25_index = bm25
        self.dim = dense_index.d

    def __len__(self) -> int:
        return self.index.ntotal

    def dense(self, vectors: np.ndarray, depth: int) -> list[dict[int, float]]:
        sims, rows = self.index.search(np.ascontiguousarray(vectors, dtype=np.float32), depth)
        return [{int(r): float(s) for r, s in zip(rs, ss) if r >= 0} for rs, ss in zip(rows, sims)]

    def bm25(self, terms: list[list[str]], depth: int) -> list[dict[int, float]]:
        out = []
        for ts in terms:
            if not ts:
                out.append({})
                continue
            docs, scores = self.bm25_index.retrieve([ts], k=depth, show_progress=False)
            out.append({int(d): float(s) for d, s in zip(docs[0], scores[0]) if s > 0})
        return out

    def vectors(self, rows: list[int] | None = None) -> np.ndarray:
        if rows is None:
            if self.index.ntotal == 0:
                return np.zeros((0, self.dim), dtype=np.float32)
            return self.index.reconstruct_n(0, self.index.ntotal)
        if not rows:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self.index.reconstruct(int(r)) for r in rows])
