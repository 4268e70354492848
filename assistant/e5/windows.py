"""Texts -> windows of at most 510 tokens -> length-sorted batches -> pooled, normalised vectors.

Shared by every batched runtime (network.py in PyTorch, onnx_runtime.py in ONNX Runtime); a
runtime only supplies `_pooled`: word embeddings [B, L, H] and a token mask [B, L] in, mean-pooled
rows [B, H] out. Nothing here imports torch or onnxruntime.
"""

from dataclasses import dataclass

import numpy as np

from .tokenizer import UnigramTokenizer
from .weights import E5Weights

PREFIX = {"query": "query: ", "passage": "passage: "}
MAX_BATCH_TOKENS = 1024  # padded tokens per forward pass: the best of 1024/2048/4096 in eval/bench.py --encoders


@dataclass(frozen=True)
class _Window:
    text: int  # index of the text it belongs to
    ids: list[int]  # <s> content </s>


class WindowedE5:
    """Encode many texts at once; vectors are float32, L2-normalised, 384-d."""

    def __init__(self, weights: E5Weights | None = None, max_batch_tokens: int = MAX_BATCH_TOKENS):
        self.weights = weights or E5Weights()
        self.dim = self.weights.config.hidden
        self.max_batch_tokens = max_batch_tokens
        self.tokenizer = UnigramTokenizer(self.weights.vocab)

    def _pooled(self, words: np.ndarray, mask: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def _windows(self, texts: list[str], role: str) -> list[_Window]:
        width = self.weights.config.max_positions - 2
        tok = self.tokenizer
        out = []
        for t, text in enumerate(texts):
            ids = tok.content_ids(PREFIX[role] + text)
            for start in range(0, max(len(ids), 1), width):
                out.append(_Window(t, [tok.bos, *ids[start : start + width], tok.eos]))
        return out

    def _batches(self, windows: list[_Window]):
        order = sorted(range(len(windows)), key=lambda i: len(windows[i].ids))
        batch: list[int] = []
        for i in order:
            longest = len(windows[i].ids)  # sorted, so the newest is the longest
            if batch and longest * (len(batch) + 1) > self.max_batch_tokens:
                yield batch
                batch = []
            batch.append(i)
        if batch:
            yield batch

    def _forward(self, windows: list[_Window]) -> np.ndarray:
        length = max(len(w.ids) for w in windows)
        ids = np.full((len(windows), length), self.tokenizer.eos, dtype=np.int64)
        mask = np.zeros((len(windows), length), dtype=bool)
        for r, w in enumerate(windows):
            ids[r, : len(w.ids)] = w.ids
            mask[r, : len(w.ids)] = True
        return self._pooled(self.weights.word_rows(ids), mask)

    def encode(self, texts: list[str], role: str = "passage") -> np.ndarray:
        """Vectors of `texts` in the "query" or "passage" role."""
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        windows = self._windows(texts, role)
        sums = np.zeros((len(texts), self.dim), dtype=np.float64)
        weight = np.zeros(len(texts), dtype=np.float64)
        for batch in self._batches(windows):
            pooled = self._forward([windows[i] for i in batch])
            for row, i in zip(pooled, batch):
                w = windows[i]
                n = max(len(w.ids) - 2, 1)
                sums[w.text] += n * row
                weight[w.text] += n
        vecs = (sums / weight[:, None]).astype(np.float32)
        return vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)
