"""The systems the eval compares: the full assistant and the baselines it must beat.

Each system answers a question with a `Reply`: the answer text, the short answer (what EM/F1
score), whether it abstained, the chunks it cites in order and timings in ms.

- full: `QA.ask`; the short answer is the first citation's highlight, else the answer text
  without its trailing citation marker (" [1]").
Baselines answer like the assembled peers they stand for: the first two sentences of the top
passage, never abstaining; their short answer is that text.
- bm25-whitespace: BM25 over whitespace tokens (built in memory from the same chunks);
- bm25-kiwi: the index's BM25 over Kiwi tokens, question tokens as they are (no EN expansion);
- dense: FAISS over e5 vectors, the raw question;
- naive-peer: its own index of the same corpus in 500-character chunks without overlap
  (runner.naive_index), Kiwi-BM25 ⊕ e5 fused by reciprocal rank fusion.
"""

import re
import time
from dataclasses import dataclass, field

from .. import korean
from ..chunking import passage_text
from ..documents import Chunk
from ..fusion import rrf

SYSTEMS = ("full", "bm25-whitespace", "bm25-kiwi", "dense", "naive-peer")
BASELINES = SYSTEMS[1:]
# in a conversation, "full" reads follow-ups in context (conversation.py); "full-alone" is the
# same assistant asked each turn alone (what the context adds); baselines always ask alone
CONVERSATION_SYSTEMS = ("full", "full-alone", *BASELINES)
NAIVE_CHUNK_SIZE, NAIVE_CHUNK_OVERLAP = 500, 0
NAIVE_DEPTH = 50  # candidates taken from each list before fusing
_MARKER = re.compile(r"\s*\[\d+\]\s*$")


@dataclass
class Reply:
    answer: str
    short_answer: str
    abstained: bool
    chunks: list[Chunk]  # the cited chunks, in order
    timings_ms: dict = field(default_factory=dict)


def full_short_answer(ans) -> str:
    """The fact an Answer states: its first citation's highlight, else the answer text
    without a trailing " [n]"."""
    if not ans.abstained and ans.citations and ans.citations[0].highlight.strip():
        return ans.citations[0].highlight
    return _MARKER.sub("", ans.answer)


def lead_sentences(chunk: Chunk, n: int = 2) -> str:
    if not chunk.sentences:
        return chunk.text.strip()
    return " ".join(chunk.text[a:b].strip() for a, b in chunk.sentences[:n])


class System:
    """`qa`: a loaded assistant.QA (its index and encoder serve every system);
    `naive_index`: the store.StoredIndex the naive peer searches (needed for "naive-peer" only)."""

    def __init__(self, qa, name: str, naive_index=None):
        if name not in CONVERSATION_SYSTEMS:
            raise ValueError(f"unknown system {name!r}; choose from {', '.join(SYSTEMS)}")
        if name == "naive-peer" and naive_index is None:
            raise ValueError("the naive peer needs its own index (runner.naive_index)")
        self.qa, self.name = qa, name
        self.index = naive_index if name == "naive-peer" else qa.index
        self.chunks = self.index.chunks
        self._row_of = {c.id: i for i, c in enumerate(self.chunks)}
        if name == "bm25-whitespace":
            import bm25s

            self._ws = bm25s.BM25()
            self._ws.index([passage_text(c).lower().split() for c in self.chunks], show_progress=False)

    def run(self, question: str, k: int = 10, conversation=None) -> Reply:
        """`conversation`: an assistant Conversation the full system asks in (else alone)."""
        if self.name in ("full", "full-alone"):
            if conversation is not None and self.name == "full":
                ans = conversation.ask(question, k=k)
            else:
                ans = self.qa.ask(question, k=k)
            chunks = [self.chunks[self._row_of[c.chunk_id]] for c in ans.citations]
            return Reply(ans.answer, full_short_answer(ans), ans.abstained, chunks, dict(ans.timings_ms))
        t0 = time.perf_counter()
        k = min(k, len(self.chunks))
        if self.name == "dense":
            rows = self._dense(question, k)
        elif self.name == "naive-peer":
            depth = min(NAIVE_DEPTH, len(self.chunks))
            fused = rrf([self._dense(question, depth), self._bm25(self.index.bm25, korean.tokens(question), depth)])
            rows = sorted(fused, key=lambda r: (-fused[r], r))[:k]
        elif self.name == "bm25-kiwi":
            rows = self._bm25(self.index.bm25, korean.tokens(question), k)
        else:
            rows = self._bm25(self._ws, question.lower().split(), k)
        t1 = time.perf_counter()
        answer = lead_sentences(self.chunks[rows[0]]) if rows else ""
        t2 = time.perf_counter()
        timings = {"retrieve": (t1 - t0) * 1000, "answer": (t2 - t1) * 1000, "total": (t2 - t0) * 1000}
        return Reply(answer, answer, False, [self.chunks[r] for r in rows], timings)

    def _dense(self, question: str, k: int) -> list[int]:
        vec = self.qa.encoder.encode_queries([question])
        found = self.index.search.dense(vec, k)[0]
        return sorted(found, key=found.get, reverse=True)

    @staticmethod
    def _bm25(retriever, terms: list[str], k: int) -> list[int]:
        vocab = retriever.vocab_dict
        terms = [t for t in terms if t in vocab]
        if not terms:
            return []
        docs, scores = retriever.retrieve([terms], k=k, show_progress=False)
        return [int(d) for d, s in zip(docs[0], scores[0]) if s > 0]
