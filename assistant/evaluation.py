"""Scoring a question set (DESIGN.md eval format) against the assistant and simple baselines.

Definitions (answerable questions unless said otherwise):
- a passage is relevant when it contains an evidence string after `numbers.normalise_text`;
- Hit@k: a relevant passage among the first k citations; MRR@10; nDCG@10 with binary gains,
  the ideal ranking being every relevant chunk of the index first;
- answer accuracy: not abstained and some gold answer matches (`numbers.answer_matches`);
- citation precision: the first citation is relevant (= Hit@1); citation recall: any of the
  first 5 citations is;
- abstention precision / recall over all questions (positive = abstained, truth = unanswerable);
- 95% confidence intervals: percentile bootstrap over questions (1000 resamples, seed 0).
"""

import json
import math
import random
import statistics
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .errors import AssistantError
from .numbers import answer_matches, normalise_text
from .query import language, question_type


class EvalSetError(AssistantError):
    """A question file that does not follow the eval format; the message names the line."""


@dataclass(frozen=True)
class EvalQuestion:
    id: str
    question: str
    answers: list
    evidence: list
    lang: str
    qtype: str


def load_questions(path: str | Path) -> list[EvalQuestion]:
    path = Path(path)
    try:
        raw = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise EvalSetError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise EvalSetError(f"{path} is not UTF-8 (byte {exc.start}); save it as UTF-8") from exc
    out, seen = [], set()
    for n, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvalSetError(f"{path}:{n}: not JSON ({exc.msg})") from exc
        if not isinstance(d, dict):
            raise EvalSetError(f"{path}:{n}: expected an object with id, question, answers, evidence")
        for key, kind in (("id", str), ("question", str), ("answers", list), ("evidence", list)):
            if not isinstance(d.get(key), kind):
                raise EvalSetError(f"{path}:{n}: field {key!r} must be a {kind.__name__}")
        if not d["question"].strip():
            raise EvalSetError(f"{path}:{n}: empty question")
        if d["id"] in seen:
            raise EvalSetError(f"{path}:{n}: duplicate id {d['id']!r}")
        seen.add(d["id"])
        out.append(EvalQuestion(id=d["id"], question=d["question"], answers=[str(a) for a in d["answers"]],
                                evidence=[str(e) for e in d["evidence"]], lang=d.get("lang") or language(d["question"]),
                                qtype=d.get("type") or question_type(d["question"])))
    if not out:
        raise EvalSetError(f"{path} holds no questions")
    return out


def relevant(passage: str, evidence: list[str]) -> bool:
    text = normalise_text(passage)
    return any(normalise_text(e) in text for e in evidence if e.strip())


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


def score_answer(q: EvalQuestion, answer: str, abstained: bool, passages: list[str], first: str,
                 n_relevant: int, timings: dict) -> QuestionResult:
    answerable = bool(q.answers)
    if answerable:
        correct = (not abstained) and any(answer_matches(answer, g) for g in q.answers)
    else:
        correct = abstained
    return QuestionResult(id=q.id, question=q.question, lang=q.lang, qtype=q.qtype, answerable=answerable,
                          gold=q.answers, answer=answer, abstained=abstained, correct=correct,
                          relevance=[relevant(p, q.evidence) for p in passages], n_relevant=n_relevant,
                          first_citation=first, timings_ms=timings)


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
        "citation_precision": float(any(rel[:1])), "citation_recall": float(any(rel[:5])),
    }


def _bootstrap(values: list[float], n: int = 1000, seed: int = 0) -> tuple[float, float]:
    if not values:
        return (0.0, 0.0)
    rng = random.Random(seed)
    means = sorted(statistics.fmean(rng.choices(values, k=len(values))) for _ in range(n))
    return means[int(0.025 * n)], means[int(0.975 * n) - 1]


def _percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    values = sorted(values)
    i = min(len(values) - 1, max(0, math.ceil(p / 100 * len(values)) - 1))
    return values[i]


HEADLINE = ("hit@1", "answer_accuracy")


def summarise(results: list[QuestionResult]) -> dict:
    answerable = [r for r in results if r.answerable]
    per = [_per_question(r) for r in answerable]
    out: dict = {"n": len(results), "n_answerable": len(answerable), "n_unanswerable": len(results) - len(answerable)}
    for key in ("hit@1", "hit@3", "hit@5", "mrr@10", "ndcg@10", "answer_accuracy", "citation_precision", "citation_recall"):
        vals = [p[key] for p in per]
        out[key] = statistics.fmean(vals) if vals else 0.0
        if key in HEADLINE:
            out[key + "_ci95"] = _bootstrap(vals)
    abstained = [r for r in results if r.abstained]
    out["abstention_precision"] = (sum(1 for r in abstained if not r.answerable) / len(abstained)) if abstained else 0.0
    unanswerable = [r for r in results if not r.answerable]
    out["abstention_recall"] = (sum(1 for r in unanswerable if r.abstained) / len(unanswerable)) if unanswerable else 0.0
    out["wrongly_abstained"] = sum(1 for r in answerable if r.abstained)
    latency = {}
    for stage in ("retrieve", "answer", "total"):
        vals = [r.timings_ms.get(stage) for r in results if r.timings_ms.get(stage) is not None]
        if vals:
            latency[stage] = {"p50": round(_percentile(vals, 50), 2), "p95": round(_percentile(vals, 95), 2)}
    out["latency_ms"] = latency
    return out


def breakdown(results: list[QuestionResult], attr: str) -> dict:
    groups: dict[str, list[QuestionResult]] = {}
    for r in results:
        groups.setdefault(getattr(r, attr), []).append(r)
    out = {}
    for key, rs in sorted(groups.items()):
        ans = [r for r in rs if r.answerable]
        una = [r for r in rs if not r.answerable]
        out[key] = {
            "n": len(rs),
            "hit@1": statistics.fmean(float(any(r.relevance[:1])) for r in ans) if ans else None,
            "answer_accuracy": statistics.fmean(float(r.correct) for r in ans) if ans else None,
            "abstention_recall": statistics.fmean(float(r.abstained) for r in una) if una else None,
        }
    return out


def results_json(results: list[QuestionResult]) -> list[dict]:
    return [asdict(r) for r in results]
