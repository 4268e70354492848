"""A deterministic train/test split by document, so a trained model is reported only on
documents it did not see.

- doc_of: the corpus file a question is about: its `doc` field when given, else the first file
  whose clean text (normalised as for relevance) contains the question's first evidence string
  found in any file; when several files hold that string, the one sharing the most character
  bigrams with the question (ties: the first in file order). None when no file holds any.
- split_of: "test" when int(sha1(file name)[:8], 16) % 10 < 3, else "train" (about 30% test);
  a question with no document (unanswerable ones, whose evidence is empty) splits the same way
  on its id. A file's name is its base name ("kq012.txt"), whatever folder it was staged from.
"""

import hashlib
from functools import lru_cache
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..errors import IngestError
from ..ingest import read_documents, scan_corpus
from ..numbers import normalise_text
from .questions import EvalQuestion, load_questions

SPLITS = ("train", "test")
TEST_SHARE = 3  # tenths of the documents in the test split


def _bucket(key: str) -> int:
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:8], 16) % 10


def split_of(question: EvalQuestion, doc: str | None) -> str:
    key = Path(doc).name if doc else question.id
    return "test" if _bucket(key) < TEST_SHARE else "train"


def corpus_texts(folders: Iterable[str | Path]) -> dict[str, str]:
    """File name -> its clean text (all its stories), normalised like relevance, in file order.
    Files the indexer would reject are left out; two files of one name share an entry."""
    out: dict[str, str] = {}
    for folder in folders:
        for cf in scan_corpus(folder):
            try:
                docs = read_documents(cf)
            except IngestError:
                continue
            name = Path(cf.rel).name
            out[name] = out.get(name, "") + normalise_text("\n".join(d.text for d in docs))
    return out


@lru_cache(maxsize=1024)  # a document's bigrams are asked for by many questions
def _bigrams(text: str) -> frozenset[str]:
    return frozenset(text[i:i + 2] for i in range(len(text) - 1))


def doc_of(question: EvalQuestion, docs: dict[str, str]) -> str | None:
    if question.doc:
        return question.doc
    for e in question.evidence:
        e = normalise_text(e)
        if not e:
            continue
        holders = [name for name, text in docs.items() if e in text]
        if len(holders) == 1:
            return holders[0]
        if holders:
            q = _bigrams(normalise_text(question.question))
            return max(holders, key=lambda name: (len(q & _bigrams(docs[name])), -holders.index(name)))
    return None


def assign(questions: Sequence[EvalQuestion], folders: Iterable[str | Path]) -> list[tuple[EvalQuestion, str | None, str]]:
    """(question, document, split) for each question, in order."""
    docs = corpus_texts(folders)
    out = []
    for q in questions:
        doc = doc_of(q, docs)
        out.append((q, doc, split_of(q, doc)))
    return out


def load_split(questions_file: str | Path, folders: Iterable[str | Path]) -> list[tuple[EvalQuestion, str | None, str]]:
    """Load a question file and place each question in a document and a split."""
    return assign(load_questions(questions_file), folders)
