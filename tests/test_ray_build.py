"""`assistant index --ray auto`: reading, chunking and encoding as Ray tasks on a local Ray
builds the same index as a plain build."""

import shutil

import numpy as np
import pytest

import assistant
from assistant import store
from assistant.cli import main
from conftest import CORPUS


@pytest.fixture(scope="module")
def ray_local():
    import ray  # the test extra installs the scale extra

    yield ray
    ray.shutdown()


def test_ray_build_equals_plain_build(seed_index, tmp_path, ray_local, capsys):
    shutil.copytree(CORPUS, tmp_path / "corpus")
    assert main(["index", "--corpus", str(tmp_path / "corpus"), "--index", str(tmp_path / "index"),
                 "--ray", "auto"]) == 0
    assert "색인 완료" in capsys.readouterr().out
    assert ray_local.is_initialized() and ray_local.cluster_resources().get("CPU", 0) >= 1
    plain, spread = store.load(seed_index), store.load(tmp_path / "index")
    assert [c.to_dict() for c in spread.chunks] == [c.to_dict() for c in plain.chunks]
    assert spread.manifest.files == plain.manifest.files and spread.names == plain.names
    # the workers may run another e5 runtime than this process: the same vectors to ~1e-4 (bench.md)
    np.testing.assert_allclose(spread.vectors(), plain.vectors(), atol=2e-3)
    np.testing.assert_allclose(np.asarray(spread.sentence_vectors, np.float32),
                               np.asarray(plain.sentence_vectors, np.float32), atol=2e-3)
    question = "김포 스마트공장 최대 지원금은?"
    assert assistant.load(tmp_path / "index").ask(question).answer == assistant.load(seed_index).ask(question).answer


def test_ray_build_into_milvus_then_incremental(tmp_path, ray_local):
    from assistant.store import milvus

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    files = sorted(CORPUS.iterdir())
    for f in files[:3]:
        shutil.copy(f, corpus / f.name)
    spec = store.parse(f"milvus:{tmp_path / 'store.db'}")
    first = assistant.build_index(corpus, tmp_path / "index", store_spec=spec, ray="auto")
    shutil.copy(files[3], corpus / files[3].name)
    second = assistant.build_index(corpus, tmp_path / "index", ray="auto")  # stays in its store
    assert second.reused == first.chunks and second.encoded == second.chunks - first.chunks > 0
    idx = store.load(tmp_path / "index")
    assert idx.search.kind == "milvus" and len(idx.search) == second.chunks
    milvus.close(spec)
