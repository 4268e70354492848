"""Documents to Chunks on Korean sentence boundaries.

Kiwi finds the sentences; langchain-text-splitters' merge step packs them into chunks of
at most `chunk_size` characters with about `chunk_overlap` characters of whole sentences
shared between neighbours. A sentence longer than a chunk is cut by
RecursiveCharacterTextSplitter at clause punctuation. Invariant:
`chunk.text == document.text[chunk.start:chunk.end]`.
"""

from langchain_text_splitters import RecursiveCharacterTextSplitter, TextSplitter

from .config import CHUNK_OVERLAP, CHUNK_SIZE
from .documents import Chunk, Document
from .korean import sentence_spans


class KiwiSentenceSplitter(TextSplitter):
    """A langchain TextSplitter whose units are Kiwi sentences."""

    def __init__(self, chunk_size: int = CHUNK_SIZE, chunk_overlap: int = CHUNK_OVERLAP):
        super().__init__(chunk_size=chunk_size, chunk_overlap=chunk_overlap, strip_whitespace=True)
        self._long = RecursiveCharacterTextSplitter(
            chunk_size=chunk_size,
            chunk_overlap=0,
            separators=["\n", ". ", ", ", " ", ""],
            keep_separator="end",
            strip_whitespace=False,
        )

    def _pieces(self, text: str, spans: list[tuple[int, int]] | None = None) -> list[str]:
        """Consecutive slices of `text` (each sentence with the whitespace after it) that
        concatenate back to `text` exactly."""
        spans = sentence_spans(text) if spans is None else spans
        if not spans:
            return [text] if text else []
        cuts = [0] + [s for s, _ in spans[1:]] + [len(text)]
        pieces = []
        for a, b in zip(cuts, cuts[1:]):
            piece = text[a:b]
            pieces.extend(self._long.split_text(piece) if len(piece) > self._chunk_size else [piece])
        return [p for p in pieces if p]

    def split_text(self, text: str) -> list[str]:
        return [text[a:b] for a, b in self.split_spans(text)]

    def split_spans(self, text: str, sentences: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
        """(start, end) of each chunk in `text`. Each merged chunk is a run of consecutive
        pieces, stripped, so it starts where some piece's first non-space character is;
        pieces are walked in order (searching the text could hit an earlier repeat), and each
        chunk starts at a later piece than the one before."""
        pieces = self._pieces(text, sentences)
        starts, pos = [], 0
        for p in pieces:
            starts.append(pos + len(p) - len(p.lstrip()))
            pos += len(p)
        spans, i = [], 0
        for chunk in self._merge_splits(pieces, ""):
            while i < len(pieces) and not text.startswith(chunk, starts[i]):
                i += 1
            if i == len(pieces):  # cannot happen while pieces are slices of the text
                raise ValueError("a merged chunk is not a run of sentence pieces")
            spans.append((starts[i], starts[i] + len(chunk)))
            i += 1
        return spans


def chunk_document(doc: Document, splitter: KiwiSentenceSplitter,
                   sents: list[tuple[int, int]] | None = None) -> list[Chunk]:
    """Chunks of a document, each with its sentences' offsets (relative to the chunk), so that
    answering never has to find sentence boundaries again. `sents`: the document's sentence
    spans if already known (korean.sentence_spans_many). A chunk never runs across a section
    heading: each numbered section of a notice is chunked on its own, so a chunk's section is
    the one it is about."""
    sents = sentence_spans(doc.text) if sents is None else sents
    cuts = sorted({0, *(at for at, _ in doc.sections), len(doc.text)})
    spans = []
    for lo, hi in zip(cuts, cuts[1:]):
        part = [(max(s, lo) - lo, min(e, hi) - lo) for s, e in sents if s < hi and e > lo]
        spans += [(lo + a, lo + b) for a, b in splitter.split_spans(doc.text[lo:hi], part)]
    chunks = []
    for n, (a, b) in enumerate(spans):
        inside = [(max(s, a) - a, min(e, b) - a) for s, e in sents if s < b and e > a]
        chunks.append(Chunk(id=f"{doc.id}#{n}", doc_id=doc.id, title=doc.title, date=doc.date, outlet=doc.outlet,
                            path=doc.path, text=doc.text[a:b], start=a, end=b, sentences=inside,
                            page=doc.page_at(a), section=doc.section_at(a)))
    return chunks


def passage_text(chunk: Chunk) -> str:
    """What the encoders and BM25 see for a chunk: its story's title, then its text, so a chunk
    deep in an article still carries the article's subject (the region, the programme)."""
    return f"{chunk.title}\n{chunk.text}"
