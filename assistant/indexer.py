"""`assistant index`: corpus folder in, index folder out, doing only the work that changed.

- Nothing changed (same files, same code, same encoder): returns at once, encodes nothing.
- Files added or changed are read and chunked again; unchanged files keep their chunks.
- A chunk is encoded only if no vector exists for its exact passage text (keyed by hash),
  so an edit to one paragraph re-encodes only the chunks around it.
- BM25 is rebuilt over all chunks every time (seconds even for large corpora).
- Work is saved as it goes (checkpoint.py): a killed build, run again, re-reads no file it
  had chunked and re-encodes no chunk it had encoded.
"""

import hashlib
import re
import json
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from . import store
from .chunking import KiwiSentenceSplitter, chunk_document, passage_text
from .checkpoint import Checkpoint
from .config import (APPROX_MIN_CHUNKS, CHUNK_OVERLAP, CHUNK_SIZE, DEFAULT_ENCODER, ENCODE_BATCH, INDEX_FORMAT_VERSION,
                     PIPELINE_VERSION)
from .documents import Chunk
from .encoders import check_spec, get_encoder
from .errors import AssistantError, IndexBusyError, IngestError
from .ingest import read_documents, scan_corpus
from .korean import sentence_spans_many, sentence_terms_many, title_terms
from .regions import bare, romanise


@dataclass
class BuildReport:
    up_to_date: bool = False
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    rejected: list[dict] = field(default_factory=list)  # {"path", "reason"}
    documents: int = 0
    chunks: int = 0
    encoded: int = 0  # chunks sent to the encoder
    reused: int = 0  # chunks whose vectors came from the previous index or a killed build
    resumed_files: int = 0  # files whose chunks a killed build had already saved
    sentences_encoded: int = 0  # sentence texts sent to the encoder (each once)
    seconds: float = 0.0
    # seconds per stage: clean (read + page chrome), kiwi (sentences, chunks, BM25 terms),
    # encode, faiss, bm25, write (chunks.jsonl, manifest, fsync, read-back check)
    stages: dict = field(default_factory=dict)


class _NoProgress:
    def update(self, n=1):
        pass

    def close(self):
        pass


READ_GROUP = 32  # files cleaned and chunked together (Kiwi batches; saved to the checkpoint per group)


def _no_progress(total: int, desc: str):
    return _NoProgress()


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _passage_key(chunk: Chunk) -> str:
    return hashlib.sha1(passage_text(chunk).encode("utf-8")).hexdigest()


def settings(encoder: str, chunk_size: int = CHUNK_SIZE, chunk_overlap: int = CHUNK_OVERLAP) -> dict:
    """Everything besides the corpus that decides what the index holds."""
    return {
        "format_version": INDEX_FORMAT_VERSION,
        "pipeline_version": PIPELINE_VERSION,
        "encoder": encoder,
        "chunk_size": chunk_size,
        "chunk_overlap": chunk_overlap,
    }


def fingerprint(file_hashes: dict[str, str], setup: dict) -> str:
    blob = json.dumps({"files": sorted(file_hashes.items()), "settings": setup}, sort_keys=True)
    return _sha256(blob.encode("utf-8"))


def _previous(index_dir: Path, rebuild: bool):
    """The previous index if it can be reused, else None (missing, other format, damaged)."""
    if rebuild:
        return None
    try:
        return store.load(index_dir)
    except AssistantError:  # none yet, damaged, or from other code: build from scratch (the old stays until the swap)
        return None


def _romanised(proper_nouns: set[str]) -> dict[str, str]:
    """Romanised form -> Korean proper noun, so English questions can name them ("gimpo" -> "김포시").
    Place names also get their bare form (김포시 -> "gimpo" -> 김포)."""
    out = {}
    for name in sorted(proper_nouns):
        if not re.fullmatch(r"[\uac00-\ud7a3]+", name):
            continue
        out.setdefault(romanise(name), name)
        if bare(name):
            out.setdefault(romanise(bare(name)), bare(name))
    return out


def _sentence_vectors(chunks: list[Chunk], prev, encoder, dim: int, progress, report: BuildReport) -> np.ndarray:
    """A vector for every sentence of every chunk (chunk order). A sentence text met before (in
    this corpus or in the previous index) is encoded once. `encoder()` gives the encoder."""
    texts = [c.text[a:b] for c in chunks for a, b in c.sentences]
    keys = [hashlib.sha1(t.encode("utf-8")).hexdigest() for t in texts]
    known: dict[str, np.ndarray] = {}
    if prev is not None:
        old = [hashlib.sha1(c.text[a:b].encode("utf-8")).hexdigest() for c in prev.chunks for a, b in c.sentences]
        known = dict(zip(old, prev.sentence_vectors))
    todo = list(dict.fromkeys(k for k in keys if k not in known))
    report.sentences_encoded = len(todo)
    if todo:
        text_of = dict(zip(keys, texts))
        enc = encoder()
        bar = progress(len(todo), "encoding sentences")
        for s in range(0, len(todo), ENCODE_BATCH * 4):
            batch = todo[s : s + ENCODE_BATCH * 4]
            known.update(zip(batch, enc.encode_passages([text_of[k] for k in batch])))
            bar.update(len(batch))
        bar.close()
    out = np.zeros((len(keys), dim), dtype=np.float16)
    for i, k in enumerate(keys):
        out[i] = known[k]
    return out


def build(corpus_dir: str | Path, index_dir: str | Path, encoder: str | None = None, rebuild: bool = False,
          progress=_no_progress, chunk_size: int = CHUNK_SIZE, chunk_overlap: int = CHUNK_OVERLAP,
          encoder_model=None, approx_min: int = APPROX_MIN_CHUNKS) -> BuildReport:
    """Build or update the index. `progress(total, desc)` returns an object with update(n) and
    close() (tqdm fits); the library itself never prints. Chunk sizes other than the defaults
    are for measuring (eval/chunking.py). `encoder_model` is an encoder already in memory (its
    .name goes in the manifest), `approx_min` the size from which the dense index is HNSW;
    both are for measuring (eval/bench.py) and tests."""
    from filelock import FileLock, Timeout

    started = time.perf_counter()
    corpus_dir, index_dir = Path(corpus_dir), Path(index_dir)
    if not corpus_dir.is_dir():
        raise AssistantError(f"corpus folder {corpus_dir}/ not found; pass --corpus PATH")
    lock = FileLock(str(index_dir.parent / f".{index_dir.name}.lock"))
    try:
        lock.acquire(timeout=0)
    except Timeout as exc:
        raise IndexBusyError(f"another `assistant index` is writing {index_dir}/; wait for it to finish") from exc
    try:
        return _build_locked(corpus_dir, index_dir, encoder, rebuild, progress, started, chunk_size, chunk_overlap,
                             encoder_model, approx_min)
    finally:
        lock.release()


def _read_files(group, raw: dict, splitter, stages: dict) -> list[tuple]:
    """Clean and chunk files, Kiwi running in batches over all of them (every core busy).
    For each: (rejection reason or None, document ids, chunks with terms, proper nouns)."""
    t = time.perf_counter()
    docs_of = []
    for cf in group:
        try:
            docs_of.append(read_documents(cf, raw[cf.rel]))
        except IngestError as exc:
            docs_of.append(exc.reason)
    t1 = time.perf_counter()
    stages["clean"] += t1 - t
    docs = [d for ds in docs_of if not isinstance(ds, str) for d in ds]
    sents = dict(zip((d.id for d in docs), sentence_spans_many([d.text for d in docs])))
    chunks_of = [[] if isinstance(ds, str) else [c for d in ds for c in chunk_document(d, splitter, sents[d.id])]
                 for ds in docs_of]
    terms = iter(sentence_terms_many([(c.text, c.sentences) for cs in chunks_of for c in cs]))
    out = []
    for ds, chunks in zip(docs_of, chunks_of):
        if isinstance(ds, str):
            out.append((ds, [], [], set()))
            continue
        results = [next(terms) for _ in chunks]
        chunks = [replace(c, terms=t) for c, (t, _) in zip(chunks, results)]
        out.append((None, [d.id for d in ds], chunks, set().union(*(nnps for _, nnps in results))))
    stages["kiwi"] += time.perf_counter() - t1
    return out


def _build_locked(corpus_dir, index_dir, encoder, rebuild, progress, started, chunk_size, chunk_overlap,
                  encoder_model, approx_min) -> BuildReport:
    report = BuildReport()
    stages = report.stages
    stages.update(clean=0.0, kiwi=0.0, encode=0.0)
    files = scan_corpus(corpus_dir)
    raw = {cf.rel: cf.path.read_bytes() for cf in files}
    hashes = {rel: _sha256(data) for rel, data in raw.items()}

    old_manifest = None
    if not rebuild:
        try:
            old_manifest = store.read_manifest(index_dir)
        except AssistantError:
            old_manifest = None
    if encoder_model is not None:
        encoder = encoder_model.name
    encoder = check_spec(encoder or (old_manifest or {}).get("encoder", {}).get("name") or DEFAULT_ENCODER)
    setup = settings(encoder, chunk_size, chunk_overlap)
    fp = fingerprint(hashes, setup)
    same_dense = old_manifest and old_manifest.get("dense", {}).get("faiss") == store.dense_kind(
        old_manifest.get("counts", {}).get("chunks", 0), approx_min)
    if old_manifest and old_manifest.get("corpus", {}).get("fingerprint") == fp and same_dense:
        try:
            store.check_files(index_dir, old_manifest["counts"]["chunks"])  # a damaged index is not "up to date"
            report.up_to_date = True
            report.unchanged = len(files)
            report.rejected = old_manifest.get("corpus", {}).get("rejected", [])
            report.documents = old_manifest["counts"]["documents"]
            report.chunks = old_manifest["counts"]["chunks"]
            report.seconds = time.perf_counter() - started
            return report
        except AssistantError:
            pass

    prev = _previous(index_dir, rebuild)
    same_settings = prev is not None and {k: v for k, v in setup.items() if k != "encoder"} == {
        k: v for k, v in prev.manifest.get("settings", {}).items() if k != "encoder"
    }
    prev_files = prev.manifest["corpus"]["files"] if prev else {}
    prev_chunks_by_file: dict[str, list[Chunk]] = {}
    prev_vectors: dict[str, np.ndarray] = {}
    if prev is not None:
        rel_of_doc = {d: rel for rel, info in prev_files.items() for d in info.get("documents", [])}
        for c in prev.chunks:
            prev_chunks_by_file.setdefault(rel_of_doc.get(c.doc_id, ""), []).append(c)
        if prev.manifest["encoder"]["name"] == encoder:
            vecs = prev.vectors()
            prev_vectors = {_passage_key(c): vecs[i] for i, c in enumerate(prev.chunks)}
    ckpt = Checkpoint(index_dir, setup)
    saved_files = ckpt.files()
    prev_vectors.update(ckpt.vectors())

    splitter = KiwiSentenceSplitter(chunk_size, chunk_overlap)
    per_file: dict[str, tuple] = {}  # rel -> (rejected, document ids, chunks)
    proper_nouns: set[str] = set()
    to_read = []
    bar = progress(len(files), "reading corpus")
    for cf in files:
        sha = hashes[cf.rel]
        old = prev_files.get(cf.rel)
        if old and same_settings and old.get("sha256") == sha:
            report.unchanged += 1
            per_file[cf.rel] = (old.get("rejected"), old.get("documents", []), prev_chunks_by_file.get(cf.rel, []))
            bar.update(1)
            continue
        (report.changed if old else report.added).append(cf.shown)
        saved = saved_files.get((cf.rel, sha))
        if saved is not None:
            report.resumed_files += 1
            per_file[cf.rel] = (saved["rejected"], saved["documents"], saved["chunks"])
            proper_nouns.update(saved["proper_nouns"])
            bar.update(1)
        else:
            to_read.append(cf)
    for g in range(0, len(to_read), READ_GROUP):
        group = to_read[g : g + READ_GROUP]
        for cf, (rejected, doc_ids, file_chunks, nnps) in zip(group, _read_files(group, raw, splitter, stages)):
            ckpt.add_file(cf.rel, hashes[cf.rel], doc_ids, file_chunks, rejected, nnps)
            per_file[cf.rel] = (rejected, doc_ids, file_chunks)
            proper_nouns |= nnps
        bar.update(len(group))
    bar.close()
    chunks: list[Chunk] = []
    file_info: dict[str, dict] = {}
    for cf in files:
        rejected, doc_ids, file_chunks = per_file[cf.rel]
        info = {"sha256": hashes[cf.rel], "bytes": len(raw[cf.rel])}
        if rejected:
            report.rejected.append({"path": cf.shown, "reason": rejected})
            info["rejected"] = rejected
        info.update(documents=doc_ids, chunks=len(file_chunks))
        file_info[cf.rel] = info
        chunks.extend(file_chunks)
    report.removed = [f"{corpus_dir.resolve().name}/{rel}" for rel in prev_files if rel not in raw]
    if not chunks:
        ckpt.clear()
        raise AssistantError(
            f"nothing to index in {corpus_dir}/: no readable .txt, .md or .html article"
            + (f" ({len(report.rejected)} file(s) rejected)" if report.rejected else "")
        )

    t = time.perf_counter()
    keys = [_passage_key(c) for c in chunks]
    found = [prev_vectors.get(k) for k in keys]
    todo = [i for i, v in enumerate(found) if v is None]
    report.reused = len(chunks) - len(todo)
    report.encoded = len(todo)
    enc = (encoder_model or get_encoder(encoder)) if todo else None
    dim = enc.dim if enc else len(next(v for v in found if v is not None))
    vectors = np.zeros((len(chunks), dim), dtype=np.float32)
    for i, v in enumerate(found):
        if v is not None:
            vectors[i] = v
    if todo:
        bar = progress(len(todo), "encoding")
        for s in range(0, len(todo), ENCODE_BATCH):
            batch = todo[s : s + ENCODE_BATCH]
            vectors[batch] = enc.encode_passages([passage_text(chunks[i]) for i in batch])
            ckpt.add_vectors([keys[i] for i in batch], vectors[batch])
            bar.update(len(batch))
        bar.close()
    ckpt.close()
    stages["encode"] = time.perf_counter() - t
    t = time.perf_counter()
    same_encoder = prev is not None and prev.manifest["encoder"]["name"] == encoder
    sentence_vectors = _sentence_vectors(chunks, prev if same_encoder else None,
                                         lambda: enc or encoder_model or get_encoder(encoder), dim, progress, report)
    stages["encode_sentences"] = time.perf_counter() - t

    # BM25 sees the title and the text of each chunk (see chunking.passage_text)
    chunk_tokens = [list(title_terms(c.title)) + [t for s in c.terms for t in s] for c in chunks]
    vocab = {t for toks in chunk_tokens for t in toks}
    names = {r: k for r, k in (prev.names.items() if prev else []) if k.lower() in vocab}
    names.update(_romanised(proper_nouns))

    doc_ids = {c.doc_id for c in chunks}
    report.documents = len(doc_ids)
    report.chunks = len(chunks)
    manifest = {
        "format_version": INDEX_FORMAT_VERSION,
        "pipeline_version": PIPELINE_VERSION,
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "settings": setup,
        "encoder": {"name": encoder, "dim": dim},
        "chunking": {
            "splitter": "Kiwi sentences merged by langchain-text-splitters",
            "chunk_size": chunk_size,
            "chunk_overlap": chunk_overlap,
            "unit": "characters",
            "passage": "title + newline + chunk text (what BM25 and the encoder see)",
        },
        "bm25": {"dir": store.BM25_DIR, "library": "bm25s", "tokenizer": "kiwi content morphemes"},
        "corpus": {
            "dir": str(corpus_dir.resolve()),
            "fingerprint": fp,
            "files": file_info,
            "rejected": report.rejected,
        },
        "counts": {
            "files": len(files),
            "documents": report.documents,
            "chunks": report.chunks,
            "sentences": len(sentence_vectors),
            "rejected": len(report.rejected),
        },
    }
    stages.update(store.write(index_dir, manifest, chunks, vectors, chunk_tokens, names=names,
                              sentence_vectors=sentence_vectors, approx_min=approx_min))
    ckpt.clear()
    report.seconds = time.perf_counter() - started
    return report
