"""The FAISS store's BM25 gives bm25s's own scores and ranking (it sums bm25s's stored weights
with np.bincount instead of bm25s's np.add.at: faster at scale, the same numbers up to float32
rounding, so only passages tied at the cut may trade places)."""

import json

import numpy as np

from assistant import store
from assistant.query import Analyzer
from conftest import ROOT


def test_bm25_equals_bm25s_retrieve(seed_index):
    idx = store.load(seed_index)
    vocab = {t for t in idx.bm25.vocab_dict if t}
    analyzer = Analyzer(idx.names, vocab)
    lines = (ROOT / "eval" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    asked = [[t for t in analyzer.analyse(json.loads(line)["question"], "").terms if t in vocab] for line in lines if line]
    asked.append(asked[0] + asked[0][:1])  # a term asked twice counts twice, as in bm25s
    depth = min(20, len(idx.chunks))
    ours = idx.search.bm25(asked, depth)
    checked = 0
    for terms, got in zip(asked, ours):
        if not terms:
            assert got == {}
            continue
        docs, scores = idx.bm25.retrieve([terms], k=depth, show_progress=False)
        want = {int(d): float(s) for d, s in zip(docs[0], scores[0]) if s > 0}
        np.testing.assert_allclose(sorted(got.values()), sorted(want.values()), rtol=1e-5)
        for row in set(got) ^ set(want):  # only passages tied (to float32 rounding) at the cut may differ
            score = got.get(row, want.get(row))
            assert np.isclose(score, min(want.values()), rtol=1e-5), (terms, row)
        for row in set(got) & set(want):
            assert np.isclose(got[row], want[row], rtol=1e-5)
        checked += 1
    assert checked >= 90
