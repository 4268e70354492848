"""The index store and incremental builds, with the real encoder, FAISS, bm25s and Kiwi."""

import json
import shutil

import pytest

from assistant import build_index, store
from assistant.errors import (AssistantError, CorruptIndexError, IndexBusyError, IndexMismatchError,
                              IndexNotFoundError)

from conftest import PAGES, copy_pages

TXT = ("hanbit_daily.txt", "sidebar_portal.txt")


def test_build_then_noop(tmp_path):
    corpus = copy_pages(tmp_path / "corpus", *TXT)
    first = build_index(corpus, tmp_path / "index")
    assert not first.up_to_date and first.encoded == first.chunks > 0 and first.reused == 0
    assert sorted(first.added) == ["corpus/hanbit_daily.txt", "corpus/sidebar_portal.txt"]
    second = build_index(corpus, tmp_path / "index")
    assert second.up_to_date and second.encoded == 0 and second.chunks == first.chunks
    idx = store.load(tmp_path / "index", encoder="e5-small", dim=384)
    assert len(idx.chunks) == len(idx.search) == first.chunks
    m = idx.manifest
    assert m.chunking["chunk_size"] > 0 and (m.encoder.name, m.encoder.dim) == ("e5-small", 384)
    assert m.counts.documents == 4 and len(m.fingerprint) == 64
    assert m.files["hanbit_daily.txt"].documents and m.files["hanbit_daily.txt"].sha256
    # the file on disk keeps its plain layout
    raw = json.loads((store.resolve(tmp_path / "index") / store.MANIFEST).read_text(encoding="utf-8"))
    assert raw["corpus"]["files"]["hanbit_daily.txt"]["documents"] == m.files["hanbit_daily.txt"].documents
    assert type(m).from_dict(raw) == m


def test_ids_are_stable_across_builds(tmp_path):
    corpus = copy_pages(tmp_path / "corpus", *TXT)
    build_index(corpus, tmp_path / "a")
    build_index(corpus, tmp_path / "b", rebuild=True)
    a, b = store.read_chunks(tmp_path / "a"), store.read_chunks(tmp_path / "b")
    assert [(c.id, c.text) for c in a] == [(c.id, c.text) for c in b]
    assert a[0].id == "hanbit_daily.txt~0#0"


def test_added_changed_removed_files_reencode_only_what_changed(tmp_path):
    corpus = copy_pages(tmp_path / "corpus", *TXT)
    index = tmp_path / "index"
    base = build_index(corpus, index)

    shutil.copy(PAGES / "notice.md", corpus / "notice.md")
    added = build_index(corpus, index)
    new_chunks = added.chunks - base.chunks
    assert added.added == ["corpus/notice.md"] and added.encoded == new_chunks > 0
    assert added.reused == base.chunks and added.unchanged == 2

    page = corpus / "hanbit_daily.txt"
    page.write_text(page.read_text(encoding="utf-8").replace("신청은 다음 달 15일까지", "신청은 다음 달 20일까지"),
                    encoding="utf-8")
    changed = build_index(corpus, index)
    assert changed.changed == ["corpus/hanbit_daily.txt"]
    assert 0 < changed.encoded < changed.chunks
    texts = [c.text for c in store.read_chunks(index)]
    assert any("20일까지" in t for t in texts) and not any("15일까지" in t for t in texts)

    (corpus / "sidebar_portal.txt").unlink()
    removed = build_index(corpus, index)
    assert removed.removed == ["corpus/sidebar_portal.txt"] and removed.encoded == 0
    assert not any(c.doc_id.startswith("sidebar_portal") for c in store.read_chunks(index))
    assert len(store.load(index).search) == removed.chunks


def test_binary_and_cp949_files_among_good_ones(tmp_path):
    corpus = copy_pages(tmp_path / "corpus", "sidebar_portal.txt")
    text = (PAGES / "hanbit_daily.txt").read_text(encoding="utf-8").replace("©", "ⓒ")
    (corpus / "cp949.txt").write_bytes(text.encode("cp949"))
    (corpus / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (corpus / "scan.pdf").write_bytes(b"%PDF-1.7\n")
    report = build_index(corpus, tmp_path / "index")
    rejected = {r["path"]: r["reason"] for r in report.rejected}
    assert set(rejected) == {"corpus/image.txt", "corpus/scan.pdf"}
    assert "바이너리" in rejected["corpus/image.txt"]
    chunks = store.read_chunks(tmp_path / "index")
    assert any("1억 2천만 원" in c.text and c.doc_id == "cp949.txt~0" for c in chunks)
    assert {c.doc_id.split("~")[0] for c in chunks} == {"cp949.txt", "sidebar_portal.txt"}
    again = build_index(corpus, tmp_path / "index")
    assert again.up_to_date and len(again.rejected) == 2


def test_nothing_readable_is_an_error(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "bin.txt").write_bytes(b"\x00\x01\x02")
    with pytest.raises(AssistantError, match="nothing to index"):
        build_index(corpus, tmp_path / "index")
    assert not (tmp_path / "index").exists()


@pytest.fixture
def small_index(tmp_path):
    corpus = copy_pages(tmp_path / "corpus", "sidebar_portal.txt")
    build_index(corpus, tmp_path / "index")
    return corpus, tmp_path / "index"


def test_missing_index_names_the_command(tmp_path):
    with pytest.raises(IndexNotFoundError, match="assistant index"):
        store.load(tmp_path / "nowhere")


def test_format_version_mismatch_names_the_fix(small_index):
    _, index = small_index
    manifest = json.loads((store.resolve(index) / store.MANIFEST).read_text(encoding="utf-8"))
    manifest["format_version"] = 0
    (store.resolve(index) / store.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(IndexMismatchError, match=r"assistant index --rebuild"):
        store.load(index)


def test_encoder_and_dim_mismatch_name_the_fix(small_index):
    _, index = small_index
    with pytest.raises(IndexMismatchError, match=r"--encoder st:other"):
        store.load(index, encoder="st:other")
    with pytest.raises(IndexMismatchError, match="768"):
        store.load(index, dim=768)


@pytest.mark.parametrize("damage", ["manifest", "chunks", "faiss", "bm25"])
def test_damaged_files_fail_clearly_and_the_next_build_repairs(small_index, damage):
    corpus, index = small_index
    v = store.resolve(index)
    target = {"manifest": v / store.MANIFEST, "chunks": v / store.CHUNKS,
              "faiss": v / store.DENSE, "bm25": v / store.BM25_DIR / "params.index.json"}[damage]
    data = target.read_bytes()
    target.write_bytes(data[: len(data) // 3])
    with pytest.raises(CorruptIndexError, match="rebuild"):
        store.load(index)
    report = build_index(corpus, index)
    assert not report.up_to_date
    assert len(store.load(index).chunks) == report.chunks


def test_readers_never_rename_and_a_build_finishes_an_older_interrupted_swap(small_index):
    corpus, index = small_index
    # an older release swapped plain folders with two renames; a crash fell between them
    old = index.parent / ".index.old-123-456"
    shutil.copytree(store.resolve(index), old)
    shutil.rmtree(index)
    with pytest.raises(IndexNotFoundError):
        store.load(index)
    assert old.is_dir() and not index.exists()  # a reader renamed nothing
    build_index(corpus, index)  # under the build lock: the old index is put back, then found up to date
    assert store.load(index).chunks and not old.exists()


def test_each_build_is_a_version_behind_one_link(small_index):
    corpus, index = small_index
    current = index / store.CURRENT
    assert index.is_dir() and not index.is_symlink() and current.is_symlink()
    first = store.resolve(index)
    assert (first / store.MANIFEST).exists() and not (index / store.MANIFEST).exists()
    build_index(corpus, index, rebuild=True)
    second = store.resolve(index)
    assert second != first and first.is_dir()  # the previous version stays for readers loading it
    build_index(corpus, index, rebuild=True)
    assert not first.exists() and second.is_dir()  # ...until the next build
    assert len(store.versions(index)) == 2 and not store.versions(index, "tmp")


def test_an_index_folder_of_an_older_release_becomes_a_version(small_index):
    corpus, index = small_index
    plain = index.parent / "plain"
    shutil.copytree(store.resolve(index), plain)
    shutil.rmtree(index)
    plain.rename(index)  # the files directly in the folder, as older releases wrote them
    (index / "README.md").write_text("kept", encoding="utf-8")
    assert store.load(index).chunks and not (index / store.CURRENT).exists()
    build_index(corpus, index, rebuild=True)
    assert (index / store.CURRENT).is_symlink() and store.load(index).chunks
    assert not (index / store.MANIFEST).exists() and (index / "README.md").read_text(encoding="utf-8") == "kept"


def test_a_copied_index_still_reads_and_rebuilds(small_index, tmp_path):
    corpus, index = small_index
    copy = tmp_path / "copy"
    shutil.copytree(index, copy)  # follows the link: `current` becomes a plain folder
    assert not (copy / store.CURRENT).is_symlink() and store.load(copy).chunks
    build_index(corpus, copy, rebuild=True)
    assert (copy / store.CURRENT).is_symlink() and store.load(copy).chunks


def test_answers_while_another_process_rebuilds_ten_times(tmp_path):
    """The chat's process loads and asks in a loop while `assistant index --rebuild` swaps new
    builds in: no error, and every load is one complete index."""
    import subprocess
    import sys
    import time

    import assistant

    corpus = copy_pages(tmp_path / "corpus", "sidebar_portal.txt")
    index = tmp_path / "index"
    build_index(corpus, index)
    script = ("import sys; from assistant.cli import main\n"
              "for _ in range(10):\n"
              "    assert main(['index', '--corpus', sys.argv[1], '--index', sys.argv[2], '--rebuild']) == 0\n")
    builder = subprocess.Popen([sys.executable, "-c", script, str(corpus), str(index)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    errors, loads, builds_seen = [], 0, set()
    encoder = None
    while builder.poll() is None:
        try:
            idx = store.load(index)
            qa = assistant.QA(idx, encoder)
            encoder = qa.encoder
            ans = qa.ask("김포시 스마트공장 지원사업 최대 지원금은?")
            assert len(idx.chunks) == idx.manifest.counts.chunks == len(idx.search)
            assert ans.answer
            builds_seen.add(idx.manifest.created)
            loads += 1
        except Exception as exc:  # noqa: BLE001 - any error at all fails the test
            errors.append(repr(exc))
        time.sleep(0.01)
    _, err = builder.communicate()
    assert builder.returncode == 0, err[-2000:]
    assert errors == [] and loads >= 10 and len(builds_seen) >= 2  # it did see new builds come in


def test_second_writer_is_refused_while_one_holds_the_lock(small_index):
    from filelock import FileLock

    corpus, index = small_index
    with FileLock(str(index.parent / ".index.lock")):
        with pytest.raises(IndexBusyError, match="another `assistant index`"):
            build_index(corpus, index)


def test_refuses_to_replace_a_folder_that_is_not_an_index(tmp_path):
    corpus = copy_pages(tmp_path / "corpus", "sidebar_portal.txt")
    precious = tmp_path / "docs"
    precious.mkdir()
    (precious / "thesis.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(AssistantError, match="not empty and holds no index"):
        build_index(corpus, precious)
    assert (precious / "thesis.txt").read_text(encoding="utf-8") == "keep me"
