"""Where an index lives. The index folder (files.py) always holds what the answer step reads
(manifest, chunks, sentence vectors, names, BM25 statistics) and is swapped in whole; the
vectors and the BM25 search live either beside them as FAISS + bm25s files (the default, no
server) or in a Milvus collection (milvus.py: Milvus Lite file or cluster), chosen by
`--store` (spec.py). Retrieval talks to either through search.Search.
"""

from .files import (
    BM25_DIR,
    CHUNKS,
    CURRENT,
    DENSE,
    INDEX_FILES,
    MANIFEST,
    NAMES,
    README,
    SENTENCES,
    StoredIndex,
    check_files,
    check_manifest,
    dense_index,
    dense_kind,
    load,
    read_chunks,
    read_manifest,
    rebuild_hint,
    remove,
    resolve,
    same_layout,
    sibling,
    store_of,
    version,
    versions,
    write,
)
from .search import FaissSearch, Search
from .spec import StoreSpec, chosen, parse

__all__ = [
    "BM25_DIR", "CHUNKS", "CURRENT", "DENSE", "INDEX_FILES", "MANIFEST", "NAMES", "README", "SENTENCES",
    "FaissSearch", "Search", "StoreSpec", "StoredIndex", "check_files", "check_manifest", "chosen", "dense_index",
    "dense_kind", "load", "parse", "read_chunks", "read_manifest", "rebuild_hint", "remove", "resolve",
    "same_layout", "sibling", "store_of", "version", "versions", "write",
]
