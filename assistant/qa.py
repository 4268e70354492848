"""Load once, answer many: the question-answering service over one index.

    qa = assistant.load("index")
    qa.ask("김포 스마트공장 최대 지원금은?", k=5).to_dict()

retrieve (query.py, retrieval.py) -> read (answering/reader.py: sentences, spans and whether
the passages answer at all, scored by the learned model in answering/scoring.py) -> compose
(answering/compose.py: the short fact first, then its sentence with [n]).
"""

import re
import time
from datetime import datetime
from pathlib import Path

from . import korean, programmes, smalltalk, store
from .answer import Answer
from .answering import compose, scoring
from .answering.features import question_view
from .answering.features import Idf
from .answering.reader import ANSWER_PASSAGES, Reader
from .config import DEFAULT_CORPUS_DIR, MAX_QUESTION_CHARS, RETRIEVE_DEPTH, index_dir
from .conversation import Conversation
from .encoders import get_encoder
from .errors import IndexNotFoundError, QuestionError
from .query import Analyzer, language
from .retrieval import Retriever
from .timeline import period_state


class QA:
    def __init__(self, index: store.StoredIndex, encoder=None, model: scoring.AnswerModel | None = None):
        self.index = index
        self.encoder = encoder or get_encoder(index.manifest.encoder.name)
        self.retriever = Retriever(index, self.encoder)
        self.analyzer = Analyzer(index.names, self.retriever.vocab)
        self.model = model or scoring.load()
        # each document's facts, read once at index time (application period, its own place, 공고 번호...)
        self.facts = {doc: f for entry in index.manifest.files.values() for doc, f in entry.facts.items()}
        self.reader = Reader(index, Idf(index.bm25), self.model, self.facts)
        self.now = datetime.now  # the time application periods are judged against (tests fix it)
        self.programmes = programmes.programmes(index.chunks, self.facts)
        self._chunks_by_doc: dict[str, list] | None = None  # qa.match's citations (_chunks_of_document)
        self._texts: dict[str, str] = {}  # document_text, joined on first use
        self.suggestions = smalltalk.examples([p.title for p in self.programmes],
                                              [p.title for p in self.programmes if p.deadline])
        korean.kiwi()  # load Kiwi now, not on the first question

    def ask(self, question: str, k: int = 5, history: list[str] | None = None, context: str = "",
            document: str | None = None) -> Answer:
        """`history`: the questions asked before in the same chat, oldest first; a follow-up
        ("신청 마감은?") is then answered about what they named (conversation.py). `context`:
        words to read the question with, as a Conversation gives them; `document`: the id of the
        document to answer from when its passages are among those found for the question."""
        if history:
            history = [_check(h) for h in history]
            read = self.conversation()
            for h in history:
                read.add(read.resolve(h))
            # the subject is set by the latest question that stood alone; it and the questions
            # after it are answered again, so that a follow-up is read from their answers' document
            start = max((i for i, t in enumerate(read.turns) if t.kind == "new" and not t.context), default=0)
            conv = self.conversation()
            for i, h in enumerate(history):
                if i < start:
                    conv.add(conv.resolve(h))
                else:
                    conv.ask(h, k)
            return conv.ask(question, k)
        return self.ask_batch([question], k, contexts=[context], documents=[document])[0]

    def programme_table(self) -> list[list]:
        """The 지원사업 table: 사업, 지역, 주관, 최대 지원금, 신청 마감, 출처 (programmes.py)."""
        return programmes.table(self.programmes, self.now())

    def match(self, profile) -> list:
        """Every programme judged for a company (eligibility/): 신청 가능, 확인 필요 or 해당 없음, with
        a cited reason per condition; open programmes first by deadline, closed ones last.
        `profile`: an eligibility.CompanyProfile or a dict of its fields."""
        from .eligibility import CompanyProfile
        from .eligibility.listing import match_all

        if isinstance(profile, dict):
            profile = CompanyProfile.from_dict(profile)
        return match_all(profile, self.programmes, self.facts, self._chunks_of_document(), self.now())

    def _chunks_of_document(self) -> dict[str, list]:
        """{document id: its chunks}, grouped on first use: the passages a condition is cited from."""
        if self._chunks_by_doc is None:
            out: dict[str, list] = {}
            for c in self.index.chunks:
                out.setdefault(c.doc_id, []).append(c)
            self._chunks_by_doc = out
        return self._chunks_by_doc

    def document_text(self, doc_id: str) -> str:
        """A document's title and text, as indexed ("" for an id the index does not hold); joined once."""
        if doc_id not in self._texts:
            chunks = self._chunks_of_document().get(doc_id, [])
            self._texts[doc_id] = "\n".join([chunks[0].title] + [c.text for c in chunks]) if chunks else ""
        return self._texts[doc_id]

    def conversation(self) -> Conversation:
        """A chat whose follow-up questions are answered in context: `conv.ask(question)`."""
        return Conversation(self)

    def ask_batch(self, questions: list[str], k: int = 5, contexts: list[str] | None = None,
                  documents: list[str | None] | None = None) -> list[Answer]:
        """Answers in order. timings_ms of each: retrieve (= analyse + encode + dense + bm25 +
        fusion), answer and total; stages_ms: analyse (Kiwi), encode, dense (FAISS), bm25.
        Time shared by the batch is divided evenly."""
        questions = [_check(q) for q in questions]
        contexts = contexts or [""] * len(questions)
        documents = documents or [None] * len(questions)
        replies = [None if c else (smalltalk.reply(q, language(q), self.suggestions)
                                   or programmes.overview(q, self.programmes, self.now()))
                   for q, c in zip(questions, contexts)]
        if any(replies):  # greetings, thanks and questions about programmes in general need no search
            rest = [i for i, r in enumerate(replies) if r is None]
            answered = iter(self.ask_batch([questions[i] for i in rest], k, [contexts[i] for i in rest],
                                           [documents[i] for i in rest]) if rest else [])
            return [r if r is not None else next(answered) for r in replies]
        started = time.perf_counter()
        queries = [self.analyzer.analyse(q, c) for q, c in zip(questions, contexts)]
        stages = {"analyse": time.perf_counter() - started}
        vectors: list = []
        depth = RETRIEVE_DEPTH if any(documents) else max(k, ANSWER_PASSAGES)
        hits = self.retriever.search_batch(queries, k=depth, timings=stages, vectors=vectors)
        hits = [_within(h, doc, self.index.chunks, max(k, ANSWER_PASSAGES)) for h, doc in zip(hits, documents)]
        per_query = {name: s * 1000 / len(questions) for name, s in stages.items()}
        retrieve_ms = (time.perf_counter() - started) * 1000 / len(questions)
        answers = []
        for asked, q, h, v, c, doc in zip(questions, queries, hits, vectors, contexts, documents):
            t0 = time.perf_counter()
            q, reading = self._read(asked, q, h, v, in_document=bool(c and doc and h and
                                                                    self.index.chunks[h[0].row].doc_id == doc))
            ans = compose.answer(q, reading, h, self.index.chunks, k, self.model.threshold)
            ans.question = asked
            self._add_period(ans, asked, q.lang)
            self._add_next_step(ans, asked, q.lang)
            answer_ms = (time.perf_counter() - t0) * 1000
            ans.timings_ms = {"retrieve": round(retrieve_ms, 2), "answer": round(answer_ms, 2),
                              "total": round(retrieve_ms + answer_ms, 2)}
            ans.stages_ms = {name: round(ms, 2) for name, ms in per_query.items()}
            answers.append(ans)
        return answers


    def _read(self, asked: str, q, hits: list, vector, in_document: bool):
        """The reading of the passages found, and the query it was read with. A follow-up
        answered from the document of the previous answer ("신청 마감은?" after a question about
        김포's programme) is searched with the conversation's words in front of it, but those words
        are what the document is about: read with them, the sentence that names the programme
        outranks the one that answers. It is read with its own words, unless it names a region
        or year of its own (then it asks about another edition: "충남은요?") or only the reading
        with the conversation's words finds an answer."""
        reading = self.reader.read(q, hits, vector)
        if not in_document:
            return q, reading
        alone = self.analyzer.analyse(asked)
        if alone.regions or question_view(alone).years:
            return q, reading
        own = self.reader.read(alone, hits, vector)
        if own.p_answerable >= self.model.threshold or reading.p_answerable < self.model.threshold:
            return alone, own
        return q, reading

    def _add_period(self, ans: Answer, question: str, lang: str) -> None:
        """An answer about applying says where the application period stands today."""
        if ans.abstained or not ans.citations or not _ABOUT_APPLYING.search(question):
            return
        state = period_state(self.facts.get(ans.citations[0].doc_id, {}), self.now(), lang)
        if state:
            ans.answer += f" ({state})"


    def _add_next_step(self, ans: Answer, question: str, lang: str = "ko") -> None:
        """An answer about a programme ends with where to apply and whom to ask, when its document
        states them; a question about a programme the documents hold but cannot answer still gets
        that programme's 문의처 (and its source, the citation)."""
        if not ans.citations:
            return
        c = ans.citations[0]
        facts = self.facts.get(c.doc_id, {})
        if ans.abstained:
            words = [w for w in re.findall(r"[가-힣A-Za-z]{2,}", c.title) if len(w) >= 2]
            if not facts.get("contact") or not any(w in question for w in words):
                return
            ans.answer += f"\n\n이 사업에 대해서는 문의처에 물어보세요: {facts['contact']} [{c.n}]"
            return
        en = lang == "en"
        steps = [f"{'apply' if en else '신청'}: {facts['apply_at']}" if facts.get("apply_at") else None,
                 f"{'contact' if en else '문의'}: {facts['contact']}" if facts.get("contact") else None]
        if any(steps):
            ans.answer += f"\n\n{'Next step' if en else '다음 단계'} — " + " · ".join(s for s in steps if s) + f" [{c.n}]"


def _within(hits: list, document: str | None, chunks, n: int) -> list:
    """The first `n` hits from `document`; the first `n` of all when there is none or none is from it."""
    own = [h for h in hits if chunks[h.row].doc_id == document] if document else []
    return (own or hits)[:n]


_ABOUT_APPLYING = re.compile(r"신청|접수|마감|모집|기한|언제까지|apply|application|deadline|close|open", re.IGNORECASE)


def _check(question) -> str:
    if not isinstance(question, str) or not question.strip():
        raise QuestionError("질문을 입력해 주세요 (the question is empty).")
    question = "".join(ch for ch in question if ch.isprintable() or ch in "\n\t").strip()
    if len(question) > MAX_QUESTION_CHARS:
        raise QuestionError(f"질문이 너무 깁니다: {len(question)}자 (최대 {MAX_QUESTION_CHARS}자). 짧게 나누어 물어 주세요.")
    if not question:
        raise QuestionError("질문에 읽을 수 있는 글자가 없습니다 (no readable characters).")
    return question


def load(index_path: str | Path | None = None, encoder: str | None = None, store_spec: str | None = None,
         progress=None) -> QA:
    """Load the index (default ./index or $ASSISTANT_INDEX_DIR) and everything needed to answer.
    The index knows its store (FAISS files or a Milvus collection); `store_spec` (or
    $ASSISTANT_STORE), e.g. "milvus:http://HOST:19530", reaches its collection at another address.
    On a fresh checkout (the default index not built yet) the shipped corpus (./corpus) is indexed
    first, as the chat does on its first run (`progress`: indexer.build's, for a progress bar); any
    other missing index raises IndexNotFoundError naming the command that builds it."""
    path = index_dir(index_path)
    try:
        idx = store.load(path, encoder=encoder, spec=store.chosen(store_spec))
    except IndexNotFoundError:
        if Path(path).resolve() != Path(index_dir(None)).resolve() or not Path(DEFAULT_CORPUS_DIR).is_dir():
            raise
        from .indexer import build

        build(DEFAULT_CORPUS_DIR, path, store_spec=store_spec, **({"progress": progress} if progress else {}))
        idx = store.load(path, encoder=encoder, spec=store.chosen(store_spec))
    enc = get_encoder(idx.manifest.encoder.name)
    store.check_manifest(idx.manifest, path, dim=enc.dim)
    return QA(idx, enc)
