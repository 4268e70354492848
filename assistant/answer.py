"""The answer records: Answer and Citation, and their JSON form (DESIGN.md contract)."""

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Citation:
    n: int
    doc_id: str
    chunk_id: str
    title: str
    date: str | None
    outlet: str | None
    path: str
    passage: str
    highlight: str  # the exact fact span; always a substring of `passage` ("" when none)
    score: float
    highlight_start: int = -1  # where `highlight` starts in `passage` (-1 when none)
    page: int | None = None  # the PDF page the passage starts on
    section: str | None = None  # the notice section it is in ("2. 지원내용")


@dataclass
class Answer:
    question: str
    answer: str
    abstained: bool
    citations: list[Citation] = field(default_factory=list)
    timings_ms: dict = field(default_factory=dict)  # retrieve, answer, total (the JSON contract)
    stages_ms: dict = field(default_factory=dict)  # analyse, encode, dense, bm25: for benchmarks, not in the JSON

    def to_dict(self) -> dict:
        return {
            "question": self.question,
            "answer": self.answer,
            "abstained": self.abstained,
            # highlight_start is for the UI's <mark>; the JSON keeps DESIGN.md's fields, plus the
            # page and section of a passage from a paged or sectioned document
            "citations": [{k: v for k, v in asdict(c).items()
                           if k != "highlight_start" and not (k in ("page", "section") and v is None)}
                          for c in self.citations],
            "timings_ms": dict(self.timings_ms),
        }
