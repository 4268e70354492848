"""The index on disk: plain, inspectable files, written whole to a temp folder and swapped in.

    index/
      current -> .v-…    the version readers read (a symbolic link, replaced atomically)
      .v-…/              one complete build:
        manifest.json    format version, encoder, dims, chunking, corpus fingerprint and files, counts
        chunks.jsonl     one chunk a line (id, doc_id, title, date, outlet, path, text, start, end, page, section)
        dense.faiss      FAISS inner-product index (exact, or HNSW for large corpora); row i is line i of chunks.jsonl
                         (with --store milvus:… the vectors and BM25 search live in a Milvus collection
                         instead, milvus.py, and the manifest names it)
        bm25/            bm25s files over Kiwi tokens of the same chunks, same order (BM25 search in the
                         FAISS store; term statistics for the answer step in every store)
        names.json       romanised proper nouns of the corpus -> Korean, for English questions
        sentences.npy    a dense vector (float16) for every sentence of every chunk, in chunk order
                         (chunk i's sentences follow chunk i-1's): what the answer step compares with
        README.md
      README.md

A reader never sees a half-written index. A build writes the new version in `index/.tmp-*`,
reads it back to check it (a bad write keeps the old one), renames it to a version, and points
`current` at it with one atomic `os.replace`. A reader resolves `current` once and reads every
file from that one version, so it never mixes two builds; readers never rename anything. The
previous version is kept until the next build (a reader may still be loading it); older ones
go. The index folder itself stays a plain folder (the repository keeps its README.md). An index
whose files lie directly in the folder (older releases) is read as it is and becomes a version
on its next build. What lies beside an index (its lock, a killed build's saved work) is named
by `sibling`.
"""

import json
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..config import (
    APPROX_MIN_CHUNKS,
    HNSW_EF_CONSTRUCTION,
    HNSW_EF_SEARCH,
    HNSW_M,
    INDEX_FORMAT_VERSION,
)
from ..documents import Chunk
from ..errors import (
    AssistantError,
    CorruptIndexError,
    IndexMismatchError,
    IndexNotFoundError,
)
from ..manifest import Manifest
from . import milvus
from .search import FaissSearch, Search
from .spec import StoreSpec, of_entry

MANIFEST = "manifest.json"
CHUNKS = "chunks.jsonl"
DENSE = "dense.faiss"
BM25_DIR = "bm25"
NAMES = "names.json"
SENTENCES = "sentences.npy"
README = "README.md"
INDEX_FILES = (MANIFEST, CHUNKS, DENSE, BM25_DIR, NAMES, SENTENCES)  # what an index folder holds, besides README
README_TEXT = "Built by `assistant index` (FAISS + BM25 + chunks.jsonl + manifest.json); never edited by hand or committed.\n"


def rebuild_hint(index_dir: Path) -> str:
    return f"`assistant index --rebuild --index {index_dir}`"


CURRENT = "current"


def sibling(index_dir: str | Path, kind: str) -> Path:
    """The one place that names what lies beside an index: "lock" (held by a build),
    "partial" (a build's saved work, checkpoint.py), "old" (left by older releases)."""
    index_dir = Path(index_dir)
    return index_dir.parent / f".{index_dir.name}.{kind}"


def _inside(index_dir: Path, kind: str) -> Path:
    """A new numbered folder or link inside the index: ".tmp-*" (being written), ".v-*" (a
    version), ".link-*" (the new `current` before it replaces the old)."""
    return index_dir / f".{kind}-{os.getpid()}-{time.time_ns()}"


def versions(index_dir: Path, kind: str = "v") -> list[Path]:
    return sorted(Path(index_dir).glob(f".{kind}-*"))


def resolve(index_dir: str | Path) -> Path:
    """The folder that holds the index now: the version `current` points at (a copied index
    holds it as a plain folder), else the index folder itself (older releases). Resolve once,
    read everything from it."""
    index_dir = Path(index_dir)
    cur = index_dir / CURRENT
    if cur.is_symlink():
        return Path(os.path.realpath(cur))
    if cur.is_dir():
        return cur
    return index_dir


def version(index_dir: str | Path) -> str | None:
    """What identifies the index now in place (the version `current` points at, else the
    manifest's modification time): a reader that loaded another one is out of date. Cheap:
    one readlink or stat, no file read."""
    index_dir = Path(index_dir)
    cur = index_dir / CURRENT
    try:
        if cur.is_symlink():
            return os.readlink(cur)
        return str((resolve(index_dir) / MANIFEST).stat().st_mtime_ns)
    except OSError:
        return None


def remove(index_dir: str | Path) -> None:
    """Delete an index folder with every version in it, and what lies beside it (and, for the
    Milvus store, its alias and collections)."""
    index_dir = Path(index_dir)
    spec = store_of(index_dir)
    if spec.kind == "milvus":
        milvus.drop_all(spec, milvus.alias_for(index_dir))
    for kind in ("partial", "old"):
        for p in index_dir.parent.glob(f".{index_dir.name}.{kind}*"):
            shutil.rmtree(p, ignore_errors=True)
    if index_dir.is_symlink():
        index_dir.unlink()
    elif index_dir.exists():
        shutil.rmtree(index_dir)


def _recover(index_dir: Path) -> None:
    """Under the build lock only: finish a folder swap of an older release that a crash
    interrupted (the index renamed away, the new one not yet in place)."""
    if index_dir.exists() or index_dir.is_symlink():
        return
    olds = sorted(index_dir.parent.glob(f".{index_dir.name}.old-*"))
    if olds:
        os.rename(olds[-1], index_dir)


def read_manifest(index_dir: Path) -> Manifest:
    """The index's manifest. Raises IndexNotFound (none yet), IndexMismatch (another format
    version) or CorruptIndex errors, each naming the command that fixes it."""
    path = resolve(index_dir) / MANIFEST
    index_dir = Path(index_dir)
    if not path.exists() and _index_files(index_dir):
        raise CorruptIndexError(f"{path} is missing from the index; rebuild with {rebuild_hint(index_dir)}")
    if not path.exists():
        raise IndexNotFoundError(f"no index in {index_dir}/ yet: build it with `assistant index --index {index_dir}`")
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CorruptIndexError(f"{path} is unreadable ({exc}); rebuild with {rebuild_hint(index_dir)}") from exc
    if not isinstance(raw, dict) or "format_version" not in raw:
        raise CorruptIndexError(f"{path} is not an index manifest; rebuild with {rebuild_hint(index_dir)}")
    if raw["format_version"] != INDEX_FORMAT_VERSION:
        raise IndexMismatchError(
            f"the index in {index_dir}/ has format version {raw['format_version']}, this code reads "
            f"{INDEX_FORMAT_VERSION}; rebuild it with {rebuild_hint(index_dir)}"
        )
    try:
        return Manifest.from_dict(raw)
    except (KeyError, TypeError, ValueError) as exc:
        raise CorruptIndexError(f"{path} lacks {exc}; rebuild with {rebuild_hint(index_dir)}") from exc


def check_manifest(manifest: Manifest, index_dir: Path, encoder: str | None = None, dim: int | None = None) -> None:
    """Raise IndexMismatchError when the index was built for another encoder."""
    built_with = manifest.encoder.name
    if encoder is not None and built_with != encoder:
        raise IndexMismatchError(
            f"the index in {index_dir}/ was built with encoder {built_with!r}, not {encoder!r}; "
            f"rebuild it with `assistant index --rebuild --index {index_dir} --encoder {encoder}`"
        )
    if dim is not None and manifest.encoder.dim != dim:
        raise IndexMismatchError(
            f"the index in {index_dir}/ holds {manifest.encoder.dim}-dim vectors but encoder "
            f"{built_with!r} gives {dim}; rebuild it with {rebuild_hint(index_dir)}"
        )


@dataclass
class StoredIndex:
    """Everything `assistant index` wrote, in memory."""

    dir: Path
    manifest: Manifest
    chunks: list[Chunk]
    search: Search  # the vectors and BM25 search: FAISS + bm25s files, or a Milvus collection
    bm25: object  # bm25s.BM25 (its vocabulary and term statistics)
    names: dict  # romanised -> Korean proper noun
    sentence_vectors: np.ndarray  # (total sentences, dim) float16, chunk order
    sentence_rows: np.ndarray  # chunk i's first row in sentence_vectors

    def vectors(self) -> np.ndarray:
        """All dense vectors, row i for chunk i (read back from the store: nothing stored twice)."""
        return self.search.vectors()


def read_chunks(index_dir: Path) -> list[Chunk]:
    path = resolve(index_dir) / CHUNKS
    chunks = []
    n = 1  # the line being read when a decoding error strikes
    try:
        with path.open(encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if line.strip():
                    chunks.append(Chunk.from_dict(json.loads(line)))
    except FileNotFoundError as exc:
        raise CorruptIndexError(f"{path} is missing; rebuild with {rebuild_hint(index_dir)}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as exc:
        raise CorruptIndexError(f"{path} line {n} is damaged ({exc}); rebuild with {rebuild_hint(index_dir)}") from exc
    return chunks


def load(index_dir: str | Path, encoder: str | None = None, dim: int | None = None,
         spec: StoreSpec | None = None) -> StoredIndex:
    """Read and check a whole index. Raises IndexNotFound/IndexMismatch/CorruptIndex errors.
    `spec`: where to reach its Milvus collection when not at the address it was built with (the
    same cluster under another host name); None: the manifest's."""
    import bm25s
    import faiss

    shown = Path(index_dir)
    index_dir = resolve(shown)  # one version, whatever a build swaps in meanwhile
    manifest = read_manifest(index_dir)
    check_manifest(manifest, shown, encoder, dim)
    chunks = read_chunks(index_dir)
    hint = rebuild_hint(index_dir)
    try:
        bm25 = bm25s.BM25.load(str(index_dir / BM25_DIR), show_progress=False)
    except Exception as exc:  # bm25s raises OSError, ValueError, JSON errors... all mean a bad file
        raise CorruptIndexError(f"{index_dir / BM25_DIR}/ is missing or damaged ({exc}); rebuild with {hint}") from exc
    built_in = manifest.dense.get("store", "faiss")
    if spec is not None and spec.kind != built_in:
        raise IndexMismatchError(f"the index in {shown}/ keeps its vectors in {built_in}, not {spec.kind}; build it "
                                 f"there with `assistant index --store {spec} --index {shown}`")
    if built_in == "milvus":
        try:
            search = milvus.MilvusSearch(spec or of_entry(manifest.dense), manifest.dense,
                                         manifest.encoder.dim, manifest.counts.chunks)
        except CorruptIndexError as exc:
            raise CorruptIndexError(f"{exc}; rebuild with {hint}") from exc
    else:
        try:
            dense = faiss.read_index(str(index_dir / DENSE))
        except RuntimeError as exc:
            raise CorruptIndexError(f"{index_dir / DENSE} is missing or damaged; rebuild with {hint}") from exc
        if hasattr(dense, "hnsw"):
            dense.hnsw.efSearch = int(manifest.dense.get("ef_search", HNSW_EF_SEARCH))
        search = FaissSearch(dense, bm25)
    try:
        names = json.loads((index_dir / NAMES).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CorruptIndexError(f"{index_dir / NAMES} is missing or damaged; rebuild with {hint}") from exc
    try:  # memory-mapped: the answer step reads a few rows a question
        sentence_vectors = np.load(index_dir / SENTENCES, mmap_mode="r")
    except (OSError, ValueError, EOFError) as exc:
        raise CorruptIndexError(f"{index_dir / SENTENCES} is missing or damaged; rebuild with {hint}") from exc
    counts = [len(c.sentences) for c in chunks]
    n = manifest.counts.chunks
    if (sentence_vectors.ndim != 2 or sentence_vectors.shape[0] != sum(counts)
            or sentence_vectors.shape[1] != search.dim):
        raise CorruptIndexError(f"{index_dir / SENTENCES} does not fit the chunks; rebuild with {hint}")
    if not (len(chunks) == len(search) == n) or search.dim != manifest.encoder.dim:
        raise CorruptIndexError(
            f"{index_dir}/ is inconsistent ({len(chunks)} chunks, {len(search)} vectors, manifest says {n}); "
            f"rebuild with {hint}"
        )
    return StoredIndex(dir=shown, manifest=manifest, chunks=chunks, search=search, bm25=bm25, names=names,
                       sentence_vectors=sentence_vectors, sentence_rows=np.concatenate([[0], np.cumsum(counts)[:-1]]))


def _index_files(index_dir: Path) -> list[str]:
    """Names in `index_dir` (its current version) that an index holds (a damaged index may lack some)."""
    folder = resolve(index_dir)
    if not folder.is_dir():
        return []
    return [p.name for p in folder.iterdir() if p.name in INDEX_FILES]


def _check_target(index_dir: Path) -> None:
    """Refuse to replace a folder that is not an index (a typo in --index must not delete data).
    A damaged index (some of its files missing) may be replaced."""
    if index_dir.exists() and not (resolve(index_dir) / MANIFEST).exists():
        other = [p.name for p in index_dir.iterdir()
                 if p.name not in (*INDEX_FILES, README, CURRENT) and not p.name.startswith((".v-", ".tmp-", ".link-"))]
        if other:
            raise AssistantError(
                f"{index_dir}/ is not empty and holds no index ({', '.join(sorted(other)[:3])}...); "
                "choose another --index folder"
            )


def dense_kind(n: int, approx_min: int = APPROX_MIN_CHUNKS) -> str:
    """The FAISS index class the store uses for `n` vectors."""
    return "IndexHNSWFlat" if n >= approx_min else "IndexFlatIP"


def same_layout(entry: dict, spec: StoreSpec, n: int, approx_min: int = APPROX_MIN_CHUNKS) -> bool:
    """Whether an index's dense entry (manifest) is what a build into `spec` would write now."""
    if spec.kind == "milvus":
        return (entry.get("store") == "milvus" and entry.get("uri") == spec.uri
                and entry.get("index") == ("HNSW" if n >= approx_min else "FLAT"))
    return entry.get("store", "faiss") == "faiss" and entry.get("faiss") == dense_kind(n, approx_min)


def dense_index(vectors: np.ndarray, approx_min: int = APPROX_MIN_CHUNKS):
    """The FAISS index for these vectors and its manifest entry: exact inner product for
    small collections, HNSW (graph search, approximate: eval/bench.md) from `approx_min` on."""
    import faiss

    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    n, dim = vectors.shape
    entry = {"file": DENSE, "metric": "inner product on L2-normalised vectors"}
    if dense_kind(n, approx_min) == "IndexHNSWFlat":
        index = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        index.hnsw.efSearch = HNSW_EF_SEARCH
        entry.update(faiss="IndexHNSWFlat", m=HNSW_M, ef_construction=HNSW_EF_CONSTRUCTION,
                     ef_search=HNSW_EF_SEARCH, approx_min_chunks=approx_min)
    else:
        index = faiss.IndexFlatIP(dim)
        entry.update(faiss="IndexFlatIP", approx_min_chunks=approx_min)
    index.add(vectors)
    return index, entry


def check_files(index_dir: Path, n: int) -> None:
    """Every file of the index reads and holds `n` chunks, without building the chunks in
    memory: the read-back check of a new index, and what makes an old one "up to date"."""
    import bm25s
    import faiss

    index_dir = resolve(index_dir)
    try:
        entry = json.loads((index_dir / MANIFEST).read_text(encoding="utf-8")).get("dense", {})
        if entry.get("store") == "milvus":
            dense = milvus.MilvusSearch(of_entry(entry), entry, 0, n)
            ntotal, dim = milvus.count(dense), None
        else:
            dense = faiss.read_index(str(index_dir / DENSE))
            ntotal, dim = dense.ntotal, dense.d
        bm25 = bm25s.BM25.load(str(index_dir / BM25_DIR), show_progress=False)
        with (index_dir / CHUNKS).open(encoding="utf-8") as f:
            lines = sum(1 for line in f if line.strip() and json.loads(line))
        json.loads((index_dir / NAMES).read_text(encoding="utf-8"))
        sentences = np.load(index_dir / SENTENCES, mmap_mode="r").shape
        expected = json.loads((index_dir / MANIFEST).read_text(encoding="utf-8")).get("counts", {}).get("sentences")
    except Exception as exc:  # faiss, bm25s, json, numpy and the OS each raise their own kinds
        raise CorruptIndexError(f"{index_dir}/ does not read back ({exc})") from exc
    if not (ntotal == lines == n == bm25.scores["num_docs"]) or len(sentences) != 2 \
            or sentences[1] != (dim or sentences[1]) or sentences[0] != expected:
        raise CorruptIndexError(f"{index_dir}/ is not whole ({lines} chunks, {ntotal} vectors, {n} expected)")


def write(index_dir: str | Path, manifest: Manifest, chunks: list[Chunk], vectors: np.ndarray,
          chunk_tokens: list[list[str]], names: dict[str, str], sentence_vectors: np.ndarray,
          approx_min: int = APPROX_MIN_CHUNKS, spec: StoreSpec | None = None,
          fields: list[dict] | None = None) -> dict:
    """Write a complete index to a temp folder (and, for Milvus, a new collection), check it,
    then swap it in place of `index_dir`. Call it holding the build lock (indexer.build does).
    `fields`: each chunk's scalar fields for the Milvus store (doc_id, region, year, format,
    deadline). Returns seconds per step: {"faiss" or "milvus", "bm25", "write"}. Sets manifest.dense."""
    if not chunks or len(chunks) != len(vectors) or len(chunks) != len(chunk_tokens):
        raise ValueError(f"cannot write an index of {len(chunks)} chunks and {len(vectors)} vectors")
    import bm25s
    import faiss

    index_dir = Path(index_dir)
    spec = spec or StoreSpec("faiss")
    _recover(index_dir)
    _check_target(index_dir)
    index_dir.parent.mkdir(parents=True, exist_ok=True)
    index_dir.mkdir(parents=True, exist_ok=True)
    # left by a killed build (the caller holds the build lock, so no other writer is using them)
    for stale in versions(index_dir, "tmp") + versions(index_dir, "link"):
        if stale.is_symlink() or stale.is_file():
            stale.unlink()
        else:
            shutil.rmtree(stale, ignore_errors=True)
    if (resolve(index_dir) / MANIFEST).exists():
        for stale in index_dir.parent.glob(f".{index_dir.name}.old-*"):
            shutil.rmtree(stale, ignore_errors=True)
    previous = _dense_entry(index_dir)
    alias = milvus.alias_for(index_dir)
    tmp = _inside(index_dir, "tmp")
    tmp.mkdir()
    seconds = {}
    try:
        t = time.perf_counter()
        if spec.kind == "milvus":
            fields = fields or [{"doc_id": c.doc_id, "region": "", "year": 0, "format": "", "deadline": ""}
                                for c in chunks]
            manifest.dense = milvus.create(spec, alias, fields, chunk_tokens, vectors, len(chunks) >= approx_min)
            manifest.dense["approx_min_chunks"] = approx_min
            seconds["milvus"] = time.perf_counter() - t
        else:
            dense, manifest.dense = dense_index(vectors, approx_min)
            faiss.write_index(dense, str(tmp / DENSE))
            seconds["faiss"] = time.perf_counter() - t
        t = time.perf_counter()
        bm25 = bm25s.BM25()
        bm25.index(chunk_tokens, show_progress=False)
        bm25.save(str(tmp / BM25_DIR), show_progress=False)
        seconds["bm25"] = time.perf_counter() - t
        t = time.perf_counter()
        with (tmp / CHUNKS).open("w", encoding="utf-8") as f:
            for c in chunks:
                f.write(json.dumps(c.to_dict(), ensure_ascii=False) + "\n")
        (tmp / NAMES).write_text(json.dumps(names, ensure_ascii=False, indent=0), encoding="utf-8")
        np.save(tmp / SENTENCES, np.asarray(sentence_vectors, dtype=np.float16))
        (tmp / README).write_text(README_TEXT, encoding="utf-8")
        (tmp / MANIFEST).write_text(json.dumps(manifest.to_dict(), ensure_ascii=False, indent=2) + "\n",
                                    encoding="utf-8")
        for p in tmp.rglob("*"):
            if p.is_file():
                with p.open("rb") as fh:
                    os.fsync(fh.fileno())
        try:
            check_files(tmp, len(chunks))
        except CorruptIndexError as exc:
            raise CorruptIndexError(f"the new index did not read back: {exc}; the previous index is kept") from exc
        seconds["write"] = time.perf_counter() - t
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        if spec.kind == "milvus" and manifest.dense.get("store") == "milvus":
            milvus.drop(spec, manifest.dense["collection"])
        raise
    _swap(index_dir, tmp)
    if spec.kind == "milvus":  # the folder names the new collection now; the alias follows
        keep = previous.get("collection") if previous.get("uri") == spec.uri else None
        milvus.publish(spec, alias, manifest.dense["collection"], keep)
    if previous.get("store") == "milvus" and (spec.kind != "milvus" or previous.get("uri") != spec.uri):
        milvus.drop_all(of_entry(previous), alias)  # moved to another store
    return seconds


def store_of(index_dir: str | Path) -> StoreSpec:
    """The store the index now in place uses (FAISS when there is none)."""
    return of_entry(_dense_entry(Path(index_dir)))


def _dense_entry(index_dir: Path) -> dict:
    """The dense entry of the index now in place ({} when none is readable)."""
    try:
        return json.loads((resolve(index_dir) / MANIFEST).read_text(encoding="utf-8")).get("dense", {})
    except (OSError, ValueError):
        return {}


def _swap(index_dir: Path, ready: Path) -> None:
    """Make the checked folder `ready` the version `current` points at, atomically."""
    cur = index_dir / CURRENT
    previous = Path(os.path.realpath(cur)) if cur.is_symlink() else None
    version = _inside(index_dir, "v")
    os.rename(ready, version)
    link = _inside(index_dir, "link")
    os.symlink(version.name, link)  # relative: the index folder can move
    if cur.exists() and not cur.is_symlink():  # a copied index: `current` is a plain folder
        shutil.rmtree(cur)
    os.replace(link, cur)
    for name in INDEX_FILES:  # an older release's files directly in the folder: now read from `current`
        old = index_dir / name
        if old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
        elif old.exists():
            old.unlink()
    for stale in versions(index_dir):  # keep the one a reader may still be loading
        if stale.name not in (version.name, previous.name if previous else None):
            shutil.rmtree(stale, ignore_errors=True)
