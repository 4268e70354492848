"""How one answer is scored, and how a run's scores are summed up.

Definitions (answerable questions unless said otherwise):
- a passage is relevant when it contains an evidence string after `numbers.normalise_text`;
- Hit@k: a relevant passage among the first k citations; MRR@10; nDCG@10 with binary gains,
  the ideal ranking being every relevant chunk of the index first;
- answer accuracy ("the answer holds the gold span"): not abstained and some gold answer
  matches the answer text (`numbers.answer_matches`);
- EM / F1 of the short answer against the best gold answer, as KorQuAD 1.0 scores them
  (korquad.py); an abstention scores 0;
- citation precision: the first citation is relevant (= Hit@1); citation recall: any of the
  first 5 citations is;
- abstention precision / recall over all questions (positive = abstained, truth = unanswerable);
  wrongly abstained share: abstained answerable questions / answerable questions;
- 95% confidence intervals: percentile bootstrap over questions (1000 resamples, seed 0).
"""

import math
import statistics
from dataclasses import asdict, dataclass, field

import numpy as np

from ..numbers import answer_matches, normalise_text
from .korquad import exact_match, f1_score
from .questions import EvalQuestion


def relevant(passage: str, evidence: list[str]) -> bool:
    text = normalise_text(passage)
    return any(normalise_text(e) in text for e in evidence if e.strip())


def count_relevant(normalised_passages: list[str], evidence: list[str]) -> int:
    """Relevant passages among ones already passed through `normalise_text` (for nDCG)."""
    evs = [normalise_text(e) for e in evidence if e.strip()]
    return sum(1 for p in normalised_passages if any(e in p for e in evs)) if evs else 0


@dataclass
class QuestionResult:
    id: str
    question: str
    lang: str
    qtype: str
    answerable: bool
    gold: list
    answer: str
    abstained: bool
    correct: bool  # answerable: right answer; unanswerable: abstained
    relevance: list  # relevance of each citation, in order (up to 10)
    n_relevant: int  # relevant chunks in the whole index (for nDCG)
    first_citation: str
    timings_ms: dict = field(default_factory=dict)
    short_answer: str = ""  # the fact the system states (full: the highlight); scored by EM / F1
    em: float = 0.0
    f1: float = 0.0
    doc: str | None = None  # the corpus file the question is about (splits.py)
    turn: str = ""  # in a conversation: "first" or "follow-up"
    split: str = ""  # "train" / "test" (splits.py), "" when not assigned


def short_scores(short_answer: str, gold: list[str], abstained: bool) -> tuple[float, float]:
    """(EM, F1) against the best gold answer; 0 for an abstention or an unanswerable question."""
    if abstained or not gold:
        return 0.0, 0.0
    return (max(float(exact_match(short_answer, g)) for g in gold),
            max(f1_score(short_answer, g) for g in gold))


def score_answer(q: EvalQuestion, answer: str, abstained: bool, passages: list[str], first: str,
                 n_relevant: int, timings: dict, short_answer: str | None = None, split: str = "",
                 doc: str | None = None) -> QuestionResult:
    answerable = bool(q.answers)
    short = answer if short_answer is None else short_answer
    if answerable:
        correct = (not abstained) and any(answer_matches(answer, g) for g in q.answers)
    else:
        correct = abstained
    em, f1 = short_scores(short, q.answers, abstained)
    return QuestionResult(id=q.id, question=q.question, lang=q.lang, qtype=q.qtype, answerable=answerable,
                          gold=q.answers, answer=answer, abstained=abstained, correct=correct,
                          relevance=[relevant(p, q.evidence) for p in passages], n_relevant=n_relevant,
                          first_citation=first, timings_ms=timings, short_answer=short, em=em, f1=f1,
                          doc=doc if doc is not None else q.doc, split=split)


def _ndcg(rel: list[bool], n_relevant: int, k: int = 10) -> float:
    dcg = sum(1 / math.log2(i + 2) for i, r in enumerate(rel[:k]) if r)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(k, n_relevant)))
    return dcg / ideal if ideal else 0.0


def _per_question(r: QuestionResult) -> dict:
    rel = r.relevance
    first_hit = next((i for i, x in enumerate(rel[:10]) if x), None)
    return {
        "hit@1": float(any(rel[:1])), "hit@3": float(any(rel[:3])), "hit@5": float(any(rel[:5])),
        "mrr@10": 1 / (first_hit + 1) if first_hit is not None else 0.0,
        "ndcg@10": _ndcg(rel, r.n_relevant),
        "answer_accuracy": float(r.correct),
        "em": float(r.em), "f1": float(r.f1),
        "citation_precision": float(any(rel[:1])), "citation_recall": float(any(rel[:5])),
    }


def bootstrap(values: list[float], n: int = 1000, seed: int = 0) -> tuple[float, float]:
    """95% percentile-bootstrap interval of the mean."""
    if not values:
        return (0.0, 0.0)
    arr = np.asarray(values, dtype=np.float64)
    rng = np.random.default_rng(seed)
    means = np.sort(arr[rng.integers(0, len(arr), size=(n, len(arr)))].mean(axis=1))
    return float(means[int(0.025 * n)]), float(means[int(0.975 * n) - 1])


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    values = sorted(values)
    i = min(len(values) - 1, max(0, math.ceil(p / 100 * len(values)) - 1))
    return values[i]


PER_QUESTION = ("hit@1", "hit@3", "hit@5", "mrr@10", "ndcg@10", "answer_accuracy", "em", "f1",
                "citation_precision", "citation_recall")
HEADLINE = ("hit@1", "answer_accuracy", "f1")  # these get a 95% CI


def summarise(results: list[QuestionResult]) -> dict:
    answerable = [r for r in results if r.answerable]
    unanswerable = [r for r in results if not r.answerable]
    per = [_per_question(r) for r in answerable]
    out: dict = {"n": len(results), "n_answerable": len(answerable), "n_unanswerable": len(unanswerable)}
    for key in PER_QUESTION:
        vals = [p[key] for p in per]
        out[key] = statistics.fmean(vals) if vals else 0.0
        if key in HEADLINE:
            out[key + "_ci95"] = bootstrap(vals)
    abstained = [r for r in results if r.abstained]
    out["abstention_precision"] = (sum(1 for r in abstained if not r.answerable) / len(abstained)) if abstained else 0.0
    out["abstention_recall"] = (sum(1 for r in unanswerable if r.abstained) / len(unanswerable)) if unanswerable else 0.0
    out["wrongly_abstained"] = sum(1 for r in answerable if r.abstained)
    out["wrongly_abstained_share"] = out["wrongly_abstained"] / len(answerable) if answerable else 0.0
    latency = {}
    for stage in ("retrieve", "answer", "total"):
        vals = [r.timings_ms.get(stage) for r in results if r.timings_ms.get(stage) is not None]
        if vals:
            latency[stage] = {"p50": round(percentile(vals, 50), 2), "p95": round(percentile(vals, 95), 2)}
    out["latency_ms"] = latency
    return out


def _mean(values) -> float | None:
    values = list(values)
    return statistics.fmean(values) if values else None


def breakdown(results: list[QuestionResult], attr: str) -> dict:
    """Per value of `attr` ("lang", "qtype", "split"): n and the headline metrics (None when
    the group has no question they apply to)."""
    groups: dict[str, list[QuestionResult]] = {}
    for r in results:
        groups.setdefault(getattr(r, attr), []).append(r)
    out = {}
    for key, rs in sorted(groups.items()):
        ans = [r for r in rs if r.answerable]
        una = [r for r in rs if not r.answerable]
        out[key] = {
            "n": len(rs),
            "hit@1": _mean(float(any(r.relevance[:1])) for r in ans),
            "hit@5": _mean(float(any(r.relevance[:5])) for r in ans),
            "answer_accuracy": _mean(float(r.correct) for r in ans),
            "em": _mean(r.em for r in ans),
            "f1": _mean(r.f1 for r in ans),
            "abstention_recall": _mean(float(r.abstained) for r in una),
            "wrongly_abstained_share": _mean(float(r.abstained) for r in ans),
        }
    return out


def results_json(results: list[QuestionResult]) -> list[dict]:
    return [asdict(r) for r in results]
