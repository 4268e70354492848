"""The records that flow through the pipeline: Document (a clean story), Chunk (a passage of
one), and FileResult (what reading one corpus file gave the index build)."""

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Document:
    """One story, cleaned. A page may yield several (the article and its sidebar stories).

    `id` is stable: the file's path inside the corpus plus the story's position on the page
    ("003_x.txt" for the article, "003_x.txt~1" for the first sidebar story).
    """

    id: str
    title: str
    date: str | None  # ISO yyyy-mm-dd, None when the page gives no publication date
    outlet: str | None
    path: str  # path as given to the indexer, for citations ("corpus/000_x.txt")
    text: str  # clean text: paragraphs separated by "\n"
    pages: tuple = ()  # (offset in text, page number) where each page starts; () when the format has none
    sections: tuple = ()  # (offset in text, heading) of each numbered section's heading
    facts: dict = field(default_factory=dict)  # ingest.notice.NoticeFacts.to_dict(): 공고 번호, deadline...

    def page_at(self, offset: int) -> int | None:
        return _last_at(self.pages, offset)

    def section_at(self, offset: int) -> str | None:
        return _last_at(self.sections, offset)


def _last_at(marks: tuple, offset: int):
    """The value of the last (offset, value) mark at or before `offset`."""
    found = None
    for at, value in marks:
        if at > offset:
            break
        found = value
    return found


@dataclass(frozen=True)
class Chunk:
    """A passage of a Document; `text == document.text[start:end]` always holds."""

    id: str  # "doc_id#n", n counting from 0 within the document
    doc_id: str
    title: str
    date: str | None
    outlet: str | None
    path: str
    text: str
    start: int
    end: int
    sentences: list = field(default_factory=list)  # [(start, end)] of its sentences, relative to `text`
    terms: list = field(default_factory=list)  # Kiwi terms of each sentence, same order (filled when indexed)
    page: int | None = None  # the page it starts on (PDF), for citations
    section: str | None = None  # the heading of the numbered section it starts in

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> "Chunk":
        chunk = cls(**{k: d[k] for k in cls.__dataclass_fields__ if k not in ("sentences", "terms", "page", "section")},
                    page=d.get("page"), section=d.get("section"))
        object.__setattr__(chunk, "sentences", [tuple(s) for s in d.get("sentences", [])])
        object.__setattr__(chunk, "terms", d.get("terms", []))
        return chunk


@dataclass
class FileResult:
    """One corpus file, read and chunked (or rejected): what a build keeps per file, and what a
    killed build saves so that the next one does not read the file again."""

    documents: list[str] = field(default_factory=list)  # Document ids
    chunks: list[Chunk] = field(default_factory=list)  # with their Kiwi terms
    rejected: str | None = None  # why the file could not be indexed (Korean), else None
    facts: dict = field(default_factory=dict)  # document id -> its facts (ingest.notice), if it has any
    proper_nouns: set = field(default_factory=set)  # Kiwi NNPs, romanised for English questions

    def to_dict(self) -> dict:
        return {"documents": self.documents, "chunks": [c.to_dict() for c in self.chunks], "rejected": self.rejected,
                "facts": self.facts, "proper_nouns": sorted(self.proper_nouns)}

    @classmethod
    def from_dict(cls, d: dict) -> "FileResult":
        return cls(documents=list(d["documents"]), chunks=[Chunk.from_dict(c) for c in d["chunks"]],
                   rejected=d.get("rejected"), facts=dict(d.get("facts", {})), proper_nouns=set(d.get("proper_nouns", [])))
