"""Large-corpus machinery on small data: resumable builds, the HNSW index, the read-back check."""

import numpy as np
import pytest
from conftest import copy_pages

import assistant
from assistant import checkpoint, indexer, store
from assistant.documents import FileResult
from assistant.encoders import get_encoder
from assistant.errors import CorruptIndexError

PAGES = ("hanbit_daily.txt", "sidebar_portal.txt", "notice.md")


class CrashingEncoder:
    """The real e5-small encoder that dies after `batches` calls, as a killed build would."""

    def __init__(self, batches: int):
        self._enc = get_encoder("e5-small")
        self.name, self.dim = self._enc.name, self._enc.dim
        self.left = batches

    def encode_queries(self, texts):
        return self._enc.encode_queries(texts)

    def encode_passages(self, texts):
        if self.left == 0:
            raise KeyboardInterrupt("killed")
        self.left -= 1
        return self._enc.encode_passages(texts)


def test_a_killed_build_resumes_where_it_stopped(tmp_path, monkeypatch):
    monkeypatch.setattr(indexer, "ENCODE_BATCH", 1)
    monkeypatch.setattr(checkpoint, "CHECKPOINT_EVERY", 1)
    corpus = copy_pages(tmp_path / "corpus", "sidebar_portal.txt")
    index = tmp_path / "index"
    first = assistant.build_index(corpus, index)
    copy_pages(corpus, "hanbit_daily.txt", "notice.md")

    with pytest.raises(KeyboardInterrupt):
        assistant.build_index(corpus, index, encoder_model=CrashingEncoder(batches=1))
    kept = store.load(index)  # the previous index is untouched
    assert len(kept.chunks) == first.chunks
    assert (tmp_path / ".index.partial").is_dir()

    resumed = assistant.build_index(corpus, index)
    assert resumed.resumed_files == 2  # both new files were read and chunked before the kill
    new_chunks = resumed.chunks - first.chunks
    assert new_chunks >= 2
    assert resumed.reused == first.chunks + 1 and resumed.encoded == new_chunks - 1  # 1 chunk was saved
    assert not (tmp_path / ".index.partial").exists()

    fresh = assistant.build_index(corpus, tmp_path / "fresh", rebuild=True)
    a, b = store.load(index), store.load(tmp_path / "fresh")
    assert fresh.chunks == resumed.chunks
    assert [(c.id, c.text, c.terms) for c in a.chunks] == [(c.id, c.text, c.terms) for c in b.chunks]
    np.testing.assert_allclose(a.vectors(), b.vectors(), atol=1e-5)
    assert a.names == b.names


def test_checkpoint_from_other_settings_is_thrown_away(tmp_path):
    index = tmp_path / "index"
    ck = checkpoint.Checkpoint(index, {"chunk_size": 400})
    ck.add_vectors(["k"], np.ones((1, 4), dtype=np.float32))
    ck.close()
    assert set(checkpoint.Checkpoint(index, {"chunk_size": 400}).vectors()) == {"k"}
    assert checkpoint.Checkpoint(index, {"chunk_size": 300}).vectors() == {}


def test_torn_checkpoint_lines_are_skipped(tmp_path):
    index = tmp_path / "index"
    ck = checkpoint.Checkpoint(index, {"s": 1})
    ck.add_file("a.txt", "sha", FileResult(["a.txt~0"], [], None, {"a.txt~0": {"deadline": "2026-03-20"}}, {"김포"}))
    ck.close()
    with (ck.dir / checkpoint.FILES).open("a", encoding="utf-8") as f:
        f.write('{"rel": "b.txt", "sha256": "x", "chun')  # a kill in the middle of a line
    (ck.dir / "vectors-000000.npz").write_bytes(b"PK\x03\x04 torn")
    again = checkpoint.Checkpoint(index, {"s": 1})
    assert list(again.files()) == [("a.txt", "sha")] and again.vectors() == {}
    saved = again.files()[("a.txt", "sha")]
    assert saved.proper_nouns == {"김포"} and saved.facts == {"a.txt~0": {"deadline": "2026-03-20"}}


def test_hnsw_index_past_the_threshold(tmp_path):
    corpus = copy_pages(tmp_path / "corpus", *PAGES)
    index = tmp_path / "index"
    built = assistant.build_index(corpus, index, approx_min=1)
    idx = store.load(index)
    m = idx.manifest.dense
    assert m["faiss"] == "IndexHNSWFlat" and m["approx_min_chunks"] == 1 and idx.search.index.hnsw.efSearch == m["ef_search"]
    ans = assistant.load(index).ask("창원시 협동로봇 도입 기업당 최대 지원금은?")
    assert not ans.abstained and "1억 2천만 원" in ans.answer
    # vectors come back out of HNSW for incremental builds
    flat = assistant.build_index(corpus, tmp_path / "flat")
    np.testing.assert_allclose(idx.vectors(), store.load(tmp_path / "flat").vectors(), atol=1e-6)
    assert store.load(tmp_path / "flat").manifest.dense["faiss"] == "IndexFlatIP" and flat.chunks == built.chunks


def test_a_bad_write_keeps_the_previous_index(tmp_path, monkeypatch):
    import faiss

    corpus = copy_pages(tmp_path / "corpus", "sidebar_portal.txt")
    index = tmp_path / "index"
    first = assistant.build_index(corpus, index)
    copy_pages(corpus, "hanbit_daily.txt")
    real_write = faiss.write_index

    def short_write(ix, path):  # a disk that fills up halfway through dense.faiss
        real_write(ix, path)
        with open(path, "r+b") as f:
            f.truncate(100)

    monkeypatch.setattr(faiss, "write_index", short_write)
    with pytest.raises(CorruptIndexError, match="previous index is kept"):
        assistant.build_index(corpus, index)
    assert len(store.load(index).chunks) == first.chunks
    assert not list(tmp_path.glob(".index.tmp-*"))
