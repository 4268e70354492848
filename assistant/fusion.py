"""Fusing ranked lists from BM25 and the dense index.

Two methods, chosen by eval/chunking.py and the eval set (see README):
- rrf: reciprocal rank fusion, score = sum over lists of 1 / (k + rank), rank from 1.
- weighted: alpha * minmax(dense) + (1 - alpha) * minmax(bm25) over the union of candidates;
  a candidate missing from a list gets that list's minimum.
"""

import numpy as np

RRF_K = 60


def rrf(lists: list[list[int]], k: int = RRF_K) -> dict[int, float]:
    scores: dict[int, float] = {}
    for ranked in lists:
        for rank, doc in enumerate(ranked, 1):
            scores[doc] = scores.get(doc, 0.0) + 1.0 / (k + rank)
    return scores


def _minmax(values: dict[int, float]) -> dict[int, float]:
    if not values:
        return {}
    arr = np.fromiter(values.values(), dtype=np.float64)
    lo, hi = float(arr.min()), float(arr.max())
    span = hi - lo
    return {d: ((v - lo) / span if span > 0 else 1.0) for d, v in values.items()}


def weighted(dense: dict[int, float], sparse: dict[int, float], alpha: float) -> dict[int, float]:
    nd, ns = _minmax(dense), _minmax(sparse)
    out = {}
    for d in set(nd) | set(ns):
        out[d] = alpha * nd.get(d, 0.0) + (1 - alpha) * ns.get(d, 0.0)
    return out
