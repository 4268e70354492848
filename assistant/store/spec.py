"""Which engine holds an index's vectors and BM25 postings: `--store` / $ASSISTANT_STORE.

    faiss                        files in the index folder (the default; no server)
    milvus:PATH.db               Milvus Lite, an embedded file (one process at a time)
    milvus:http://HOST:19530     a Milvus standalone or cluster (token from $MILVUS_TOKEN)

Whatever the store, the index folder keeps what the answer step reads beside the search
(manifest, chunks, sentence vectors, names, BM25 statistics); the manifest records the store,
so `assistant.load("index")` finds the collection without being told again.
"""

import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import AssistantError

DEFAULT = "faiss"


@dataclass(frozen=True)
class StoreSpec:
    kind: str  # "faiss" or "milvus"
    uri: str | None = None  # Milvus: an absolute .db path (Lite) or http(s)://host:port

    @property
    def lite(self) -> bool:
        return self.kind == "milvus" and not self.uri.startswith(("http://", "https://", "tcp://"))

    def __str__(self) -> str:
        return self.kind if self.uri is None else f"{self.kind}:{self.uri}"


def parse(text: str | None) -> StoreSpec:
    """A store named on the command line or in $ASSISTANT_STORE (None: faiss)."""
    text = (text or DEFAULT).strip()
    if text == "faiss":
        return StoreSpec("faiss")
    if text.startswith("milvus:") and len(text) > len("milvus:"):
        uri = text[len("milvus:"):]
        if uri.startswith(("http://", "https://", "tcp://")):
            return StoreSpec("milvus", uri.rstrip("/"))
        if not uri.endswith(".db"):
            raise AssistantError(f"--store {text}: a Milvus Lite file must end in .db (milvus:index.db), "
                                 "or give a server as milvus:http://HOST:19530")
        return StoreSpec("milvus", str(Path(uri).expanduser().resolve()))
    raise AssistantError(f"unknown --store {text!r}: use faiss, milvus:PATH.db or milvus:http://HOST:19530")


def of_entry(entry: dict) -> StoreSpec:
    """The store a manifest's dense entry names (FAISS when it names none)."""
    return StoreSpec("milvus", entry["uri"]) if entry.get("store") == "milvus" else StoreSpec("faiss")


def chosen(arg: str | None = None) -> StoreSpec | None:
    """The store asked for by an option, else by $ASSISTANT_STORE, else None (keep the index's own)."""
    text = arg or os.environ.get("ASSISTANT_STORE")
    return parse(text) if text else None
