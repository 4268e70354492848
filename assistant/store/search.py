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
        """bm25s's scores (its stored per-term BM25 weights, summed per passage, a term asked twice
        counted twice), summed with np.bincount: the same numbers as bm25s.retrieve, ~10x faster
        at 1M passages than its numpy backend's np.add.at (eval/store_bench.md)."""
        matrix, vocab = self.bm25_index.scores, self.bm25_index.vocab_dict
        data, indices, indptr, n = matrix["data"], matrix["indices"], matrix["indptr"], int(matrix["num_docs"])
        out = []
        for ts in terms:
            ids = [vocab[t] for t in ts if t in vocab and vocab[t] + 1 < len(indptr)]
            if not ids or n == 0:
                out.append({})
                continue
            rows = np.concatenate([indices[indptr[i]:indptr[i + 1]] for i in ids])
            weights = np.concatenate([data[indptr[i]:indptr[i + 1]] for i in ids])
            scores = np.bincount(rows, weights=weights, minlength=n).astype(np.float32)
            k = min(depth, n)
            top = np.argpartition(-scores, k - 1)[:k]
            top = top[np.argsort(-scores[top], kind="stable")]
            out.append({int(r): float(scores[r]) for r in top if scores[r] > 0})
        return out

    def vectors(self, rows: list[int] | None = None) -> np.ndarray:
        if rows is None:
            if self.index.ntotal == 0:
                return np.zeros((0, self.dim), dtype=np.float32)
            return self.index.reconstruct_n(0, self.index.ntotal)
        if not rows:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self.index.reconstruct(int(r)) for r in rows])
