"""The Milvus store (a Milvus Lite file here; the same client talks to a cluster) beside FAISS:
the same answers, scalar filters in the engine, the alias moved only after a build succeeds."""

import json
import shutil
import signal
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import assistant
from assistant import store
from assistant.errors import AssistantError, IndexMismatchError
from assistant.store import milvus
from conftest import CORPUS, ROOT

QUESTIONS = ROOT / "eval" / "questions.jsonl"


@pytest.fixture(scope="module")
def milvus_index(tmp_path_factory):
    base = tmp_path_factory.mktemp("milvus")
    shutil.copytree(CORPUS, base / "corpus")
    spec = store.parse(f"milvus:{base / 'store.db'}")
    report = assistant.build_index(base / "corpus", base / "index", store_spec=spec)
    assert report.chunks > 0 and "milvus" in report.stages
    yield base / "index", spec
    milvus.close(spec)


def test_milvus_store_answers_like_faiss(seed_index, milvus_index):
    faiss_qa, milvus_qa = assistant.load(seed_index), assistant.load(milvus_index[0])
    assert faiss_qa.index.search.kind == "faiss" and milvus_qa.index.search.kind == "milvus"
    np.testing.assert_allclose(milvus_qa.index.vectors(), faiss_qa.index.vectors(), atol=1e-6)
    questions = [json.loads(line)["question"] for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line]
    same = []
    for q in questions:
        a, b = faiss_qa.ask(q, k=5), milvus_qa.ask(q, k=5)
        same.append(a.answer == b.answer and [c.chunk_id for c in a.citations] == [c.chunk_id for c in b.citations])
    assert len(questions) >= 100 and sum(same) / len(same) >= 0.95, f"{sum(same)} of {len(same)} the same"


def test_milvus_scalar_fields_filter_in_the_engine(milvus_index):
    qa = assistant.load(milvus_index[0])
    region_of = {p.doc_id: p.region for p in qa.programmes}
    region = next(r for r in region_of.values() if r)
    vec = qa.encoder.encode_queries(["스마트공장 지원금"])
    rows = qa.index.search.dense(vec, 10, where=f'region == "{region}"')[0]
    assert rows and {region_of.get(qa.index.chunks[r].doc_id) for r in rows} == {region}
    year = min(int(c.date[:4]) for c in qa.index.chunks if c.date and "스마트" in c.text)
    rows = qa.index.search.bm25([["스마트"]], 50, where=f"year == {year}")[0]
    assert rows and all(qa.index.chunks[r].date.startswith(str(year)) for r in rows)


def test_load_refuses_another_store_kind(milvus_index):
    with pytest.raises(IndexMismatchError, match="--store faiss"):
        store.load(milvus_index[0], spec=store.parse("faiss"))


def test_store_spec_errors_say_what_to_write():
    for bad in ("milvus:", "milvus:nothing.txt", "chroma"):
        with pytest.raises(AssistantError, match="milvus:"):
            store.parse(bad)
    assert store.parse("milvus:http://10.0.0.5:19530/").uri == "http://10.0.0.5:19530"


KILLED_BUILD = textwrap.dedent("""
    import os, signal, sys
    import assistant
    from assistant.store import milvus

    real = milvus.create
    def create(*args, **kwargs):  # the new collection is filled and checked: die before the swap
        real(*args, **kwargs)
        os.kill(os.getpid(), signal.SIGKILL)
    milvus.create = create
    assistant.build_index(sys.argv[1], sys.argv[2], store_spec="milvus:" + sys.argv[3])
""")


def test_killed_milvus_build_leaves_the_previous_alias_answering(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    files = sorted(CORPUS.iterdir())
    for f in files[:2]:
        shutil.copy(f, corpus / f.name)
    index, db = tmp_path / "index", tmp_path / "store.db"
    spec = store.parse(f"milvus:{db}")
    assistant.build_index(corpus, index, store_spec=spec)
    qa = assistant.load(index)
    question = "스마트공장 지원사업 신청 기간은?"
    before, n_before = qa.ask(question).answer, len(qa.index.chunks)
    entry = qa.index.manifest.dense
    milvus.close(spec)  # a Lite file is open in one process at a time

    shutil.copy(files[2], corpus / files[2].name)
    killed = subprocess.run([sys.executable, "-c", KILLED_BUILD, str(corpus), str(index), str(db)],
                            capture_output=True, text=True, timeout=300)
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]

    c = milvus.client(spec)
    assert c.describe_alias(entry["alias"])["collection_name"] == entry["collection"]
    orphans = [n for n in c.list_collections() if n != entry["collection"]]
    assert len(orphans) == 1  # the killed build's full collection, never published
    qa = assistant.load(index)
    assert qa.index.manifest.dense["collection"] == entry["collection"]
    assert len(qa.index.chunks) == n_before and qa.ask(question).answer == before

    report = assistant.build_index(corpus, index, store_spec=spec)
    after = assistant.load(index).index.manifest.dense["collection"]
    assert report.chunks > n_before and after not in (entry["collection"], orphans[0])
    assert c.describe_alias(entry["alias"])["collection_name"] == after
    assert sorted(c.list_collections()) == sorted([entry["collection"], after])  # the previous is kept, the orphan goes
    store.remove(index)  # the folder and its collections
    assert not index.exists() and c.list_collections() == [] and c.list_aliases()["aliases"] == []
    milvus.close(spec)
