"""Reading retrieved passages: candidate sentences, candidate spans, and whether to answer.

    reading = reader.read(query, hits, vector)
    # = sentences(view, hits, vector): every sentence of the top passages, scored, best first
    #   spans(view, sentences[:m]): the candidate spans of the best sentences, scored
    #   answerable_features(...) -> P(the passages answer the question at all)

The same functions give the training script its features (eval/train_answer.py), so what is
learned is exactly what runs.
"""

from dataclasses import dataclass, field

import numpy as np

from .. import korean
from ..documents import Chunk
from ..retrieval import Hit
from . import features as F, layout
from .scoring import AnswerModel, sigmoid
from .spans import Span, candidates as span_candidates, morphs

ANSWER_PASSAGES = 8  # passages whose sentences are read
DOCUMENTS_KEPT = 2048  # documents whose joined text the reader keeps between questions
SENTENCES_KEPT = 2_000  # sentences whose Kiwi analysis and candidate spans the reader keeps (~20 KB each, measured)


@dataclass(frozen=True)
class _Read:
    """A sentence of a retrieved passage, before its features."""

    hit: Hit
    rank: int
    index: int  # sentence number in the chunk
    start: int
    end: int
    chunk: Chunk
    context: F.PassageContext
    terms: set  # its Kiwi terms
    window: set  # its terms and its neighbours'
    key: tuple  # (document, start, end): the same sentence in overlapping chunks


@dataclass
class SentenceCandidate:
    hit: Hit
    rank: int  # rank of its passage
    index: int  # sentence number in the chunk
    start: int  # offsets in the chunk text
    end: int
    text: str
    context: F.PassageContext
    features: dict
    logit: float = 0.0
    # where to cite it: overlapping chunks repeat sentences; the citation shows the retrieved
    # chunk that gives it the most text before it (what leads up to the fact)
    cite_hit: Hit | None = None
    cite_start: int = -1


@dataclass
class Candidate:
    """A span that may be the answer, in its sentence."""

    sentence: SentenceCandidate
    span: Span
    features: dict
    logit: float = 0.0

    @property
    def text(self) -> str:
        return self.span.text

    @property
    def probability(self) -> float:
        return sigmoid(self.logit)


@dataclass
class Reading:
    view: F.QuestionView
    sentences: list[SentenceCandidate]  # best first
    candidates: list[Candidate]  # best first
    answerable_features: dict = field(default_factory=dict)
    p_answerable: float = 0.0


class Reader:
    def __init__(self, index, idf: F.Idf, model: AnswerModel, facts: dict | None = None):
        """`facts`: each document's facts read at index time ({doc id: facts}; its own place: "home")."""
        self.index = index
        self.chunks: list[Chunk] = index.chunks
        self.idf = idf
        self.model = model
        self._rows_of_doc: dict[str, list[int]] | None = None
        self._documents: dict[str, str] = {}  # recently read documents' text
        self._headings: dict[str, dict] = {}  # document -> {table row: its header's terms}
        self._analysed: dict[str, tuple] = {}  # sentence -> (its morphemes, its candidate spans)
        self.facts = facts or {}

    def document(self, doc_id: str) -> str:
        """The whole text of a document (its chunks joined; overlaps repeat a little), for checks
        of what it names anywhere (features.passage_context)."""
        text = self._documents.get(doc_id)
        if text is None:
            if self._rows_of_doc is None:
                self._rows_of_doc = {}
                for row, c in enumerate(self.chunks):
                    self._rows_of_doc.setdefault(c.doc_id, []).append(row)
            text = "\n".join(self.chunks[r].text for r in self._rows_of_doc.get(doc_id, []))
            if len(self._documents) >= DOCUMENTS_KEPT:
                self._documents.clear()
            self._documents[doc_id] = text
        return text

    def heading_terms(self, doc_id: str, sentence: str) -> frozenset:
        """The terms of a table row's header row (layout.row_headers); empty for any other sentence."""
        text = sentence.strip()
        if not layout.is_row(text):
            return frozenset()
        headers = self._headings.get(doc_id)
        if headers is None:
            if len(self._headings) >= DOCUMENTS_KEPT:
                self._headings.clear()
            rows = layout.row_headers(self.document(doc_id))
            terms = {h: frozenset(korean.tokens(layout.plain(h))) for h in set(rows.values())}  # Kiwi once a header
            headers = self._headings[doc_id] = {row: terms[h] for row, h in rows.items()}
        return headers.get(text, frozenset())

    def read(self, q, hits: list[Hit], vector: np.ndarray) -> Reading:
        """`vector`: the question's dense vector (as the retriever encoded it)."""
        view = F.question_view(q)
        sentences = self.sentences(view, hits, vector)
        for s, logit in zip(sentences, self.model.sentence.logits([s.features for s in sentences])):
            s.logit = float(logit)
        sentences.sort(key=lambda s: -s.logit)
        cands = self.spans(view, sentences[: self.model.sentences_read])
        for c, logit in zip(cands, self.model.span.logits([c.features for c in cands])):
            c.logit = float(logit)
        cands.sort(key=lambda c: -c.logit)
        feats = answerable_features(view, q, sentences, cands, F.corpus_coverage(view.groups, self.idf))
        p = self.model.answerable.probability(feats)
        if view.regions and sentences and sentences[0].context.region == "missing":
            p = 0.0  # no document read is about the region asked: never answered from another region's
        if view.qtype == "contact" and not any(c.span.kind in ("contact", "web") for c in cands):
            p = 0.0  # a phone number or an address asked: no amount or date answers it
        return Reading(view, sentences, cands, feats, p)

    def sentences(self, view: F.QuestionView, hits: list[Hit], vector: np.ndarray) -> list[SentenceCandidate]:
        hits = hits[:ANSWER_PASSAGES]
        if not hits:
            return []
        top_fused = max(h.score for h in hits) or 1.0
        top_dense = max(h.dense for h in hits)
        top_bm25 = max(h.bm25 for h in hits) or 1.0
        read = []
        for rank, hit in enumerate(hits):
            chunk = self.chunks[hit.row]
            terms = [set(t) for t in chunk.terms]
            ctx = F.passage_context(view, rank, hit, top_fused, top_dense, top_bm25, chunk,
                                    set().union(*terms) if terms else set(), self.idf, self.document(chunk.doc_id),
                                    self.facts.get(chunk.doc_id, {}).get("home"))
            read.append((rank, hit, chunk, terms, ctx))
        # a question that names regions or a year is answered from the documents that agree with
        # most of what it names: a look-alike page (another region, last year's edition) is not read
        most = max(ctx.agree for *_, ctx in read)
        raw, seen, cite = [], set(), {}
        for rank, hit, chunk, terms, ctx in read:
            if ctx.agree < most:
                continue
            for i, ((a, b), t) in enumerate(zip(chunk.sentences, terms)):
                t = t | self.heading_terms(chunk.doc_id, chunk.text[a:b])
                # overlapping chunks repeat sentences: each is read once, with its best-ranked
                # passage, and cited in the chunk that gives it the most text before it
                key = (chunk.doc_id, chunk.start + a, chunk.start + b)
                if key not in cite or cite[key][1] < a:
                    cite[key] = (hit, a)
                if key in seen:
                    continue
                seen.add(key)
                raw.append(_Read(hit, rank, i, a, b, chunk, ctx, t, t.union(*terms[max(0, i - 1):i + 2]), key))
        local = F.local_weights(view.groups, [r.terms for r in raw])
        rows = [int(self.index.sentence_rows[r.hit.row]) + r.index for r in raw]
        # cosine of the question with each sentence (vectors are L2-normalised; stored as float16)
        cosines = (self.index.sentence_vectors[rows].astype(np.float32) @ np.asarray(vector, np.float32)
                   if rows else np.zeros(0))
        out = []
        for r, cos in zip(raw, cosines):
            text = r.chunk.text[r.start:r.end]
            features = F.sentence_features(view, r.context, text, r.terms, r.index, self.idf, local, r.window,
                                           r.chunk.title, float(cos), r.chunk.terms[r.index])
            out.append(SentenceCandidate(r.hit, r.rank, r.index, r.start, r.end, text, r.context, features,
                                         cite_hit=cite[r.key][0], cite_start=cite[r.key][1]))
        F.add_gaps([s.features for s in out])
        return out

    def analysed(self, texts: list[str]) -> list[tuple[list, list[Span]]]:
        """Each sentence's morphemes and candidate spans (they do not depend on the question): Kiwi runs
        once, in one batch, for the sentences not read before; SENTENCES_KEPT are kept between questions
        (a conversation's follow-ups read the same passages again)."""
        known = {t: self._analysed.get(t) for t in dict.fromkeys(texts)}  # local: another thread may clear the cache
        new = [t for t, v in known.items() if v is None]
        for text, toks in zip(new, korean.tokenize_many(new)):
            ms = morphs(toks)
            known[text] = (ms, span_candidates(text, ms))
        if len(self._analysed) + len(new) > SENTENCES_KEPT:
            self._analysed.clear()
        self._analysed.update((t, known[t]) for t in new)
        return [known[t] for t in texts]

    def spans(self, view: F.QuestionView, sentences: list[SentenceCandidate]) -> list[Candidate]:
        out = []
        best = max((s.logit for s in sentences), default=0.0)
        for s, (ms, candidates) in zip(sentences, self.analysed([s.text for s in sentences])):
            anchors = [n for n, m in enumerate(ms) if m.form.lower() in view.terms]
            for span in candidates:
                f = F.span_features(view, span, ms, s.text, anchors, s.logit)
                f["sentence_gap"] = (s.logit - best) / 10
                out.append(Candidate(s, span, f))
        return out


def answerable_features(view: F.QuestionView, q, sentences: list[SentenceCandidate],
                        cands: list[Candidate], corpus_coverage: float = 1.0) -> dict:
    """What tells whether the passages answer: how well they match the question, whether the
    corpus knows what it is about at all (`corpus_coverage`, features.corpus_coverage), and
    whether the document is about the region and year asked. Only question-relative values:
    indicators of the question's own kind (its language or type) would learn which data set a
    question came from."""
    f = {"corpus_coverage": corpus_coverage}
    if not q.grounded:
        f["ungrounded"] = 1.0
    if not sentences:
        f["no_sentence"] = 1.0
        return f
    best = sentences[0]
    f["sentence_logit"] = best.logit / 10
    f["sentence_margin"] = (best.logit - sentences[1].logit) / 10 if len(sentences) > 1 else 0.0
    if cands:
        f["span_logit"] = cands[0].logit / 10
        f["span_prob"] = cands[0].probability
    ctx = best.context
    f["dense"] = max(s.hit.dense for s in sentences)
    f["sentence_dense"] = best.features.get("sentence_dense", 0.0)
    f["sentence_dense_max"] = max(s.features.get("sentence_dense", 0.0) for s in sentences)
    f["cov_passage"] = ctx.cov_passage
    f["char_passage"] = ctx.char_passage
    f["cov_sentence"] = best.features.get("cov_sentence", 0.0)
    f["char_sentence"] = best.features.get("char_sentence", 0.0)
    f["pairs_sentence"] = best.features.get("pairs_sentence", 0.0)
    f["cov_focus"] = best.features.get("cov_focus", 0.0)
    # is the thing asked about (설명회, 선정 결과, 전화번호...) named at all: by the best sentence, by
    # the answer's sentence, by any sentence read? (a date of another event answers no "설명회 언제")
    for name in ("cov_focus", "has_head"):
        f[name + "_max"] = max(s.features.get(name, 0.0) for s in sentences)
        if cands:
            f["span_" + name] = cands[0].sentence.features.get(name, 0.0)
    f["has_head"] = best.features.get("has_head", 0.0)
    # is what the question asks about (its words beyond the document's title) stated anywhere read?
    for name in ("cov_detail", "cov_detail_window", "cov_local"):
        f[name] = best.features.get(name, 0.0)
        f[name + "_max"] = max(s.features.get(name, 0.0) for s in sentences)
    if cands:
        for name in ("before_in_question", "after_in_question", "all_in_question", "in_question"):
            f["span_" + name] = cands[0].features.get(name, 0.0)
    for key, value in (("region", ctx.region), ("year", ctx.year), ("year_doc", ctx.year_doc), ("region_home", ctx.region_home)):
        if value != "none":  # the question names a region / year: does the document agree?
            f[f"{key}={value}"] = 1.0
    f["names_missing"] = ctx.names_missing
    # does another document read agree with more of what the question names (region, year)?
    f["agree_gap"] = ctx.agree - max(s.context.agree for s in sentences)
    # does a read sentence hold the kind of fact asked for (an amount for 얼마, a date for 언제)?
    if cands:
        f["type_fit"] = max(c.features.get("type_fit", 0.0) for c in cands)
    return f
