"""The systems the eval compares: the full assistant and the baselines it must beat.

Baselines answer like the assembled peers they stand for: the first two sentences of the top
passage, never abstaining.
- bm25-whitespace: BM25 over whitespace tokens (built in memory from the same chunks);
- bm25-kiwi: the index's BM25 over Kiwi tokens, question tokens as they are (no EN expansion);
- dense: FAISS over e5 vectors, the raw question.
"""

import time

import numpy as np

from . import korean
from .chunking import passage_text
from .qa import QA

SYSTEMS = ("full", "bm25-whitespace", "bm25-kiwi", "dense")


class System:
    def __init__(self, qa: QA, name: str):
        if name not in SYSTEMS:
            raise ValueError(f"unknown system {name!r}")
        self.qa, self.name = qa, name
        self.chunks = qa.index.chunks
        if name == "bm25-whitespace":
            import bm25s

            self._ws = bm25s.BM25()
            self._ws.index([passage_text(c).lower().split() for c in self.chunks], show_progress=False)

    def run(self, question: str, k: int = 10) -> tuple[str, bool, list[int], dict]:
        """(answer text, abstained, chunk rows of the citations in order, timings in ms)."""
        if self.name == "full":
            ans = self.qa.ask(question, k=k)
            rows = [self.qa.row_of[c.chunk_id] for c in ans.citations]
            return ans.answer, ans.abstained, rows, ans.timings_ms
        t0 = time.perf_counter()
        k = min(k, len(self.chunks))
        if self.name == "dense":
            vec = self.qa.encoder.encode_queries([question])
            _, idx = self.qa.index.dense.search(np.ascontiguousarray(vec, dtype=np.float32), k)
            rows = [int(r) for r in idx[0] if r >= 0]
        else:
            retriever, terms = (self._ws, question.lower().split()) if self.name == "bm25-whitespace" else \
                (self.qa.index.bm25, korean.tokens(question))
            vocab = retriever.vocab_dict
            terms = [t for t in terms if t in vocab]
            rows = []
            if terms:
                docs, scores = retriever.retrieve([terms], k=k, show_progress=False)
                rows = [int(d) for d, s in zip(docs[0], scores[0]) if s > 0]
        t1 = time.perf_counter()
        answer = ""
        if rows:
            top = self.chunks[rows[0]]
            answer = " ".join(top.text[a:b] for a, b in top.sentences[:2])
        t2 = time.perf_counter()
        return answer, False, rows, {"retrieve": (t1 - t0) * 1000, "answer": (t2 - t1) * 1000, "total": (t2 - t0) * 1000}
