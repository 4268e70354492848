"""Load once, answer many: the question-answering service over one index.

    qa = assistant.load("index")
    qa.ask("김포 스마트공장 최대 지원금은?", k=5).to_dict()
"""

import time
from pathlib import Path

from . import evidence, korean, store
from .answer import Answer, Citation
from .config import (ABSTAIN_MIN_COVERAGE, ANSWER_WEIGHTS, ABSTAIN_MIN_DENSE, ANSWER_PASSAGES, MAX_QUESTION_CHARS, index_dir)
from .encoders import get_encoder
from .errors import QuestionError
from .query import Analyzer, Query, mentions_region, regions
from .retrieval import Hit, Retriever

NOT_FOUND = "문서에서 이 질문에 대한 답을 찾지 못했습니다."


class QA:
    def __init__(self, index: store.StoredIndex, encoder=None):
        self.index = index
        self.encoder = encoder or get_encoder(index.manifest["encoder"]["name"])
        self.retriever = Retriever(index, self.encoder)
        self.analyzer = Analyzer(index.names, self.retriever.vocab)
        self.idf = evidence.Idf(index.bm25)
        self.row_of = {c.id: i for i, c in enumerate(index.chunks)}
        korean.kiwi()  # load Kiwi now, not on the first question

    def ask(self, question: str, k: int = 5) -> Answer:
        return self.ask_batch([question], k)[0]

    def ask_batch(self, questions: list[str], k: int = 5) -> list[Answer]:
        """Answers in order. timings_ms of each: retrieve (= analyse + encode + dense + bm25 +
        fusion), answer and total; stages_ms: analyse (Kiwi), encode, dense (FAISS), bm25.
        Time shared by the batch is divided evenly."""
        questions = [_check(q) for q in questions]
        started = time.perf_counter()
        queries = [self.analyzer.analyse(q) for q in questions]
        stages = {"analyse": time.perf_counter() - started}
        hits = self.retriever.search_batch(queries, k=max(k, ANSWER_PASSAGES), timings=stages)
        per_query = {name: s * 1000 / len(questions) for name, s in stages.items()}
        retrieve_ms = (time.perf_counter() - started) * 1000 / len(questions)
        answers = []
        for q, h in zip(queries, hits):
            t0 = time.perf_counter()
            ans = self._answer(q, h, k)
            answer_ms = (time.perf_counter() - t0) * 1000
            ans.timings_ms = {"retrieve": round(retrieve_ms, 2), "answer": round(answer_ms, 2),
                              "total": round(retrieve_ms + answer_ms, 2)}
            ans.stages_ms = {name: round(ms, 2) for name, ms in per_query.items()}
            answers.append(ans)
        return answers

    # -- the steps -------------------------------------------------------------------------

    def _answer(self, q: Query, hits: list[Hit], k: int) -> Answer:
        chunks = self.index.chunks
        groups = evidence.concepts(q)
        q_terms = {t for g in groups for t in g}
        w_passage, w_context, w_sentence = ANSWER_WEIGHTS
        top_score = max((h.score for h in hits), default=0.0) or 1.0
        candidates = []  # (hit, rank, start, end, sentence terms, passage coverage)
        for rank, hit in enumerate(hits[:ANSWER_PASSAGES]):
            chunk = chunks[hit.row]
            passage_terms = set(korean.title_terms(chunk.title)).union(*map(set, chunk.terms))
            context = evidence.coverage(groups, passage_terms, self.idf)
            # a passage about another region does not answer for this one
            region_fit = 1.0 if all(mentions_region(r, chunk.title + " " + chunk.text) for r in q.regions) else 0.3
            for (a, b), sentence_terms in zip(chunk.sentences, chunk.terms):
                candidates.append((hit, rank, a, b, set(sentence_terms), context, region_fit))
        # words of the question found in every candidate sentence (the topic) tell sentences
        # apart less than words found in few (the asked detail: 설명회, 마감, 선정)
        # regions are checked per passage (region_fit); within it, the sentence need not repeat them
        ko_regions, _ = regions()
        detail = [g for g in groups if not any(ko_regions.get(t) in q.regions for t in g)] or groups
        local = evidence.local_weights(detail, [c[4] for c in candidates], evidence.focus(detail, q.lang))
        best, best_score, best_cov, best_span = None, -1.0, 0.0, None
        for hit, rank, a, b, terms, context, region_fit in candidates:
            text = chunks[hit.row].text[a:b]
            own = evidence.coverage(detail, terms, self.idf, local)
            spans, fit = evidence.fact_spans(text, q.qtype, q.text)
            # the passage says what the question is about; the sentence must hold the asked fact
            score = (w_passage * hit.score / top_score + w_context * context + w_sentence * own) * fit * region_fit
            if own == 0:
                score *= 0.5  # shares no word with the question: rarely the answer
            if score > best_score:
                span = evidence.best_span(text, spans, q_terms)
                best, best_score, best_cov, best_span = (hit, rank, a, b), score, context, span
        if best is None:
            return self._abstain(q, hits, k)
        hit, rank, a, b = best
        chunk = chunks[hit.row]
        sentence = chunk.text[a:b]
        reason = self._abstain_reason(q, hits, best_cov)
        if reason:
            return self._abstain(q, hits, k, reason)
        ca, cb = evidence.clause_of(sentence, best_span)
        shown = sentence[ca:cb].strip().rstrip(",")
        fact = sentence[best_span[0]:best_span[1]] if best_span else ""
        order = [hit] + [h for h in hits if h.row != hit.row]
        citations = [self._citation(n, h, fact if h is hit else "") for n, h in enumerate(order[:k], 1)]
        text = f"{fact} — {shown} [1]" if fact and fact != shown else f"{shown} [1]"
        return Answer(question=q.text, answer=text, abstained=False, citations=citations)


    def _abstain_reason(self, q: Query, hits: list[Hit], cov: float) -> str | None:
        """Why the top passages do not answer the question, or None if they may."""
        if not q.grounded:
            return NOT_FOUND
        top = [self.index.chunks[h.row] for h in hits[:ANSWER_PASSAGES]]
        seen = " ".join(c.title + " " + c.text for c in top)
        for region in q.regions:
            if not mentions_region(region, seen):
                return f"문서에서 '{region}'에 관한 내용을 찾지 못했습니다."
        for name in q.names:
            if name.lower() not in self.retriever.vocab and name not in seen:
                return f"문서에서 '{name}'에 관한 내용을 찾지 못했습니다."
        floor = ABSTAIN_MIN_DENSE.get(self.encoder.name, -1.0)
        if not hits or hits[0].dense < floor or cov < ABSTAIN_MIN_COVERAGE:
            return NOT_FOUND
        return None

    def _abstain(self, q: Query, hits: list[Hit], k: int, reason: str = NOT_FOUND) -> Answer:
        citations = [self._citation(n, h, "") for n, h in enumerate(hits[:k], 1)]
        return Answer(question=q.text, answer=reason + " 가장 가까운 문단을 참고로 보여 드립니다." if citations else reason,
                      abstained=True, citations=citations)

    def _citation(self, n: int, hit: Hit, fact: str) -> Citation:
        c = self.index.chunks[hit.row]
        return Citation(n=n, doc_id=c.doc_id, chunk_id=c.id, title=c.title, date=c.date, outlet=c.outlet,
                        path=c.path, passage=c.text, highlight=fact if fact in c.text else "",
                        score=round(hit.score, 4))


def _check(question) -> str:
    if not isinstance(question, str) or not question.strip():
        raise QuestionError("질문을 입력해 주세요 (the question is empty).")
    question = "".join(ch for ch in question if ch.isprintable() or ch in "\n\t").strip()
    if len(question) > MAX_QUESTION_CHARS:
        raise QuestionError(f"질문이 너무 깁니다: {len(question)}자 (최대 {MAX_QUESTION_CHARS}자). 짧게 나누어 물어 주세요.")
    if not question:
        raise QuestionError("질문에 읽을 수 있는 글자가 없습니다 (no readable characters).")
    return question


def load(index_path: str | Path | None = None, encoder: str | None = None) -> QA:
    """Load the index (default ./index or $ASSISTANT_INDEX_DIR) and everything needed to answer."""
    path = index_dir(index_path)
    idx = store.load(path, encoder=encoder)
    enc = get_encoder(idx.manifest["encoder"]["name"])
    store.check_manifest(idx.manifest, path, dim=enc.dim)
    return QA(idx, enc)
