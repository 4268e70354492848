"""The Milvus store: vectors and BM25 in a Milvus collection (Milvus Lite file or a cluster).

One collection per build, named `<alias>_v<time>`, with one row per chunk:

    id        INT64 primary key: the chunk's row (line of chunks.jsonl)
    doc_id    the document            region    its region ("" when none is named)
    year      the year of its date (0)  format    the file type (html, pdf, hwp...)
    deadline  the application deadline, ISO ("" when none)
    text      the chunk's Kiwi morphemes joined by spaces: Milvus's BM25 function (standard
              analyzer) fills `sparse` from it, so BM25 scores Korean morphemes, not eojeols
              (a question's terms are sent the same way; Milvus BM25 = bm25s's x (k1 + 1))
    dense     the passage vector (multilingual-e5-small, L2-normalised; inner product)

so "this region / this year / open now" are filters in the engine. A build inserts into a new
collection and checks its row count; only then is the index folder swapped and the alias
moved to it (Milvus switches aliases atomically). A build that fails or is killed leaves the
previous collection, alias and folder answering; the manifest names the collection its folder
was built with, so a reader never pairs one build's chunks with another's vectors. The
previous collection is kept until the next build (a reader may still use it), older ones go.
"""

import contextlib
import hashlib
import os
import re
import time
from pathlib import Path

import numpy as np

from ..config import HNSW_EF_CONSTRUCTION, HNSW_EF_SEARCH, HNSW_M
from ..errors import AssistantError, CorruptIndexError
from .spec import StoreSpec

INSERT_BATCH = 2_000  # rows per insert call
QUERY_BATCH = 10_000  # rows per query call (Milvus caps one query's result window at 16,384)
TEXT_MAX = 65_535  # bytes of joined morphemes a chunk may hold
SCALE_HINT = 'the Milvus store needs the scale extra: pip install -e ".[scale]"'

_clients: dict[str, object] = {}  # one client per URI and process (a Lite file opens once per process)


def client(spec: StoreSpec):
    """A connected MilvusClient for the store (cached per process)."""
    if spec.uri in _clients:
        return _clients[spec.uri]
    try:
        from pymilvus import MilvusClient
    except ImportError as exc:
        raise AssistantError(SCALE_HINT) from exc
    if spec.lite:
        Path(spec.uri).parent.mkdir(parents=True, exist_ok=True)
    try:
        c = MilvusClient(uri=spec.uri, token=os.environ.get("MILVUS_TOKEN", ""))
    except Exception as exc:  # pymilvus raises its own exception kinds for every failed connection
        if spec.lite:
            raise AssistantError(
                f"cannot open the Milvus Lite file {spec.uri} ({exc}): a Lite file is opened by one process at a "
                "time; stop the other process using it (the chat, or another `assistant index`), or use a Milvus "
                "server (--store milvus:http://HOST:19530)") from exc
        raise AssistantError(f"cannot reach Milvus at {spec.uri} ({exc}); is the server running? "
                             "Set MILVUS_TOKEN if it needs one") from exc
    _clients[spec.uri] = c
    return c


def close(spec: StoreSpec) -> None:
    """Let go of the store: close this process's client and, for Milvus Lite, stop the embedded
    server so another process may open the file."""
    c = _clients.pop(spec.uri, None)
    if c is not None:
        c.close()
    if spec.lite:
        from milvus_lite.server_manager import server_manager_instance

        server_manager_instance.release_server(spec.uri)


def alias_for(index_dir: Path) -> str:
    """The alias an index folder's collections go by (stable for the folder's absolute path)."""
    digest = hashlib.sha1(str(Path(index_dir).resolve()).encode("utf-8")).hexdigest()[:12]
    return f"assistant_{digest}"


def _schema(dim: int):
    from pymilvus import DataType, Function, FunctionType, MilvusClient

    s = MilvusClient.create_schema(auto_id=False)
    s.add_field("id", DataType.INT64, is_primary=True)
    s.add_field("doc_id", DataType.VARCHAR, max_length=1024)
    s.add_field("region", DataType.VARCHAR, max_length=128)
    s.add_field("year", DataType.INT64)
    s.add_field("format", DataType.VARCHAR, max_length=16)
    s.add_field("deadline", DataType.VARCHAR, max_length=32)
    s.add_field("text", DataType.VARCHAR, max_length=TEXT_MAX, enable_analyzer=True,
                analyzer_params={"tokenizer": "standard", "filter": ["lowercase"]})
    s.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
    s.add_field("dense", DataType.FLOAT_VECTOR, dim=dim)
    s.add_function(Function(name="bm25", function_type=FunctionType.BM25,
                            input_field_names=["text"], output_field_names=["sparse"]))
    return s


def _index_params(c, approx: bool) -> tuple[object, dict]:
    params = c.prepare_index_params()
    entry = {"metric": "inner product on L2-normalised vectors", "bm25": "Milvus BM25 function, k1 1.5, b 0.75"}
    if approx:
        params.add_index("dense", index_type="HNSW", metric_type="IP",
                         params={"M": HNSW_M, "efConstruction": HNSW_EF_CONSTRUCTION})
        entry.update(index="HNSW", m=HNSW_M, ef_construction=HNSW_EF_CONSTRUCTION, ef_search=HNSW_EF_SEARCH)
    else:
        params.add_index("dense", index_type="FLAT", metric_type="IP")
        entry.update(index="FLAT")
    # bm25s's defaults (k1 1.5, b 0.75, Lucene IDF), so both stores rank BM25 alike
    params.add_index("sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="BM25",
                     params={"bm25_k1": 1.5, "bm25_b": 0.75})
    return params, entry


def create(spec: StoreSpec, alias: str, rows: list[dict], tokens: list[list[str]], vectors: np.ndarray,
           approx: bool) -> dict:
    """Insert every chunk into a new collection and check it. Returns the manifest's dense entry
    (store, uri, collection, alias, index). The alias is not moved yet (`publish` does)."""
    c = client(spec)
    name = f"{alias}_v{time.time_ns()}"
    params, entry = _index_params(c, approx)
    c.create_collection(name, schema=_schema(int(vectors.shape[1])), index_params=params)
    try:
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        for s in range(0, len(rows), INSERT_BATCH):
            c.insert(name, [{**rows[i], "id": i, "text": _text(tokens[i])[:TEXT_MAX // 3],
                             "dense": vectors[i].tolist()} for i in range(s, min(s + INSERT_BATCH, len(rows)))])
        c.flush(name)
        c.load_collection(name)
        counted = _count(c, name)
        if counted != len(rows):
            raise CorruptIndexError(f"Milvus collection {name} holds {counted} rows, {len(rows)} were inserted")
    except BaseException:
        _drop(c, name)
        raise
    entry.update(store="milvus", uri=spec.uri, collection=name, alias=alias)
    return entry


def _count(c, name: str) -> int:
    return int(c.query(name, filter="", output_fields=["count(*)"])[0]["count(*)"])


def _text(tokens) -> str:
    """Morphemes as one string the standard analyzer splits back into exactly those morphemes:
    inside a morpheme, what it would split at ("1/2", "A/S", "3.5%") becomes "_", which joins."""
    return " ".join(_SPLITS.sub("_", t) for t in tokens)


_SPLITS = re.compile(r"[^\w]")


def count(search: "MilvusSearch") -> int:
    """Rows in a search's collection, as the engine counts them."""
    return _count(search.client, search.collection)


def drop(spec: StoreSpec, name: str) -> None:
    _drop(client(spec), name)


def _drop(c, name: str) -> None:
    from pymilvus.exceptions import MilvusException

    with contextlib.suppress(MilvusException):  # already gone: nothing more to do
        c.drop_collection(name)


def publish(spec: StoreSpec, alias: str, name: str, keep: str | None) -> None:
    """Point the alias at the new collection (atomic in Milvus) and drop this folder's older
    collections except `keep` (the previous one, which a reader may still be using)."""
    c = client(spec)
    if alias in c.list_aliases().get("aliases", []):
        c.alter_alias(name, alias)
    else:
        c.create_alias(name, alias)
    for other in c.list_collections():
        if other.startswith(f"{alias}_v") and other not in (name, keep):
            _drop(c, other)


def drop_all(spec: StoreSpec, alias: str) -> None:
    """Remove an index's alias and collections (its next build went to another store). A store
    that cannot be reached any more is left as it is."""
    try:
        c = client(spec)
    except AssistantError:
        return
    if alias in c.list_aliases().get("aliases", []):
        c.drop_alias(alias)
    for other in c.list_collections():
        if other.startswith(f"{alias}_v"):
            _drop(c, other)


class MilvusSearch:
    """Search in one Milvus collection: dense (IP) and BM25, each its own request, so retrieval.py
    fuses them exactly as it fuses FAISS and bm25s results and the answer step sees the same
    per-list scores."""

    kind = "milvus"

    def __init__(self, spec: StoreSpec, entry: dict, dim: int, n: int):
        self.client = client(spec)
        self.collection = entry["collection"]
        self.dim, self.n = dim, n
        self.dense_params = {"metric_type": "IP"}
        if entry.get("index") == "HNSW":
            self.dense_params["params"] = {"ef": int(entry.get("ef_search", HNSW_EF_SEARCH))}
        if not self.client.has_collection(self.collection):
            raise CorruptIndexError(f"the Milvus collection {self.collection} at {spec.uri} is gone")
        self.client.load_collection(self.collection)

    def __len__(self) -> int:
        return self.n

    def dense(self, vectors: np.ndarray, depth: int, where: str = "") -> list[dict[int, float]]:
        res = self.client.search(self.collection, data=np.asarray(vectors, np.float32).tolist(), anns_field="dense",
                                 limit=depth, filter=where, search_params=self.dense_params)
        return [{int(h["id"]): float(h["distance"]) for h in hits} for hits in res]

    def bm25(self, terms: list[list[str]], depth: int, where: str = "") -> list[dict[int, float]]:
        asked = [i for i, ts in enumerate(terms) if ts]
        out: list[dict[int, float]] = [{} for _ in terms]
        if asked:
            res = self.client.search(self.collection, data=[_text(dict.fromkeys(terms[i])) for i in asked], anns_field="sparse",
                                     limit=depth, filter=where, search_params={"metric_type": "BM25"})
            for i, hits in zip(asked, res):  # Milvus Lite gives BM25 as a negative distance
                out[i] = {int(h["id"]): abs(float(h["distance"])) for h in hits if h["distance"]}
        return out

    def vectors(self, rows: list[int] | None = None) -> np.ndarray:
        rows = list(range(self.n)) if rows is None else [int(r) for r in rows]
        out = np.zeros((len(rows), self.dim), dtype=np.float32)
        where = {r: i for i, r in enumerate(rows)}
        for s in range(0, len(rows), QUERY_BATCH):
            for rec in self.client.query(self.collection, ids=rows[s: s + QUERY_BATCH], output_fields=["dense"]):
                out[where[int(rec["id"])]] = rec["dense"]
        return out
