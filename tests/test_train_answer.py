"""eval/train_answer.py's learning pieces on small made-up examples (the full training reads
KorQuAD and the domain set and takes minutes: it is a script, not a test)."""

import importlib.util
import random
from types import SimpleNamespace

import pytest

from conftest import ROOT

spec = importlib.util.spec_from_file_location("train_answer", ROOT / "eval" / "train_answer.py")
T = importlib.util.module_from_spec(spec)
spec.loader.exec_module(T)


def _example(qid, dataset="domain", answerable=True, n=20, seed=0):
    """Candidates whose `good` feature marks the one that holds the answer, with noise features."""
    rng = random.Random(seed)
    cands, labels = [], []
    for i in range(n):
        holds = i == 0
        f = {"noise": rng.random(), "good": 1.0 if holds else rng.random() * 0.5}
        cands.append(SimpleNamespace(features=f))
        labels.append(int(holds))
    return SimpleNamespace(qid=qid, dataset=dataset, answerable=answerable, sentences=cands, labels=labels)


def test_ranking_learns_what_tells_the_answer_apart():
    pytest.importorskip("lightgbm")
    examples = [_example(f"q{i}", seed=i) for i in range(30)]
    model = T.fit_ranking(examples, lambda e: e.sentences, lambda e: e.labels)
    assert model.importance["good"] > model.importance.get("noise", 0.0)
    for seed in (99, 100, 101):
        held_out = _example("new", seed=seed)
        scores = list(model.logits([c.features for c in held_out.sentences]))
        assert scores.index(max(scores)) == 0


def test_span_labels_prefer_the_gold_form_over_the_same_quantity():
    assert T.span_labels(["1,500만", "1,500만 원", "30%"], ["1,500만 원"]) == [0, 1, 0]
    # without the exact form, the same quantity in another form still counts
    assert T.span_labels(["1천5백만원", "30%"], ["1,500만 원"]) == [1, 0]
    assert T.span_labels(["김포시"], ["김해시"]) == [0]


def test_rare_features_are_dropped():
    examples = [SimpleNamespace(qid=f"q{i}", spans=[SimpleNamespace(features={"common": 1.0, **({"rare": 1.0} if i < 3 else {})})])
                for i in range(40)]
    assert T.frequent_features(examples, lambda e: e.spans, 3) == {"common", "rare"}
    assert T.frequent_features(examples, lambda e: e.spans, 4) == {"common"}


@pytest.mark.parametrize("budget", [0.0, 0.1])
def test_threshold_keeps_wrong_abstentions_within_the_budget(monkeypatch, budget):
    monkeypatch.setattr(T, "ABSTAIN_BUDGET", {name: budget for name in T.DATASETS})
    rng = random.Random(1)
    examples, p = [], []
    for name in T.DATASETS:
        for i in range(50):
            answerable = i % 3 != 0
            examples.append(SimpleNamespace(dataset=name, answerable=answerable, qid=f"{name}{i}"))
            p.append(rng.uniform(0.3, 1.0) if answerable else rng.uniform(0.0, 0.5))
    t = T.pick_threshold(examples, p)
    for name in T.DATASETS:
        pos = [x for x, e in zip(p, examples) if e.dataset == name and e.answerable]
        assert sum(x < t for x in pos) / len(pos) <= budget
    assert t > 0.05  # it does abstain on the clearly unanswerable ones


def test_answerable_trees_give_probabilities_that_follow_the_evidence():
    pytest.importorskip("lightgbm")
    rng = random.Random(0)
    rows = [{"span_prob": rng.random(), "noise": rng.random()} for _ in range(400)]
    ys = [int(r["span_prob"] > 0.5) for r in rows]
    model = T.fit_answerable(rows, ys, [1.0] * len(rows))
    assert model.probability({"span_prob": 0.9, "noise": 0.5}) > 0.8 > 0.2 > model.probability({"span_prob": 0.1, "noise": 0.5})
    assert model.importance["span_prob"] > model.importance.get("noise", 0.0)
