"""How an answer is scored: the one place. Three small linear models, learned by
eval/train_answer.py and shipped as assistant/data/answer_model.json (weights by feature name,
the training data's fingerprint and the cross-validated scores):

- sentence: P(this sentence of a retrieved passage holds the answer);
- span: P(this span is the answer), given its sentence's score among its features;
- answerable: P(the retrieved passages answer the question at all), from the best
  candidates' scores and the document checks; the answer abstains below `threshold`,
  which the training script picks from cross-validated probabilities.
"""

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import AssistantError

MODEL_FILE = "answer_model.json"


class ModelError(AssistantError):
    """The answer model file is missing or damaged."""


@dataclass(frozen=True)
class LinearModel:
    weights: dict
    bias: float

    def logit(self, features: dict) -> float:
        w = self.weights
        return self.bias + sum(w.get(name, 0.0) * value for name, value in features.items())

    def probability(self, features: dict) -> float:
        return sigmoid(self.logit(features))


def sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x)) if x > -50 else 0.0


@dataclass(frozen=True)
class AnswerModel:
    sentence: LinearModel
    span: LinearModel
    answerable: LinearModel
    threshold: float  # abstain when P(answerable) is below this
    sentences_read: int  # sentences whose spans are scored (the best by the sentence model)
    meta: dict = field(default_factory=dict)  # training fingerprint, data, CV scores

    def to_dict(self) -> dict:
        def part(m: LinearModel) -> dict:
            return {"bias": m.bias, "weights": dict(sorted(m.weights.items(), key=lambda kv: -abs(kv[1])))}

        return {"format": 1, "threshold": self.threshold, "sentences_read": self.sentences_read,
                "sentence": part(self.sentence), "span": part(self.span), "answerable": part(self.answerable),
                "meta": self.meta}

    @classmethod
    def from_dict(cls, d: dict) -> "AnswerModel":
        def part(p: dict) -> LinearModel:
            return LinearModel(weights={k: float(v) for k, v in p["weights"].items()}, bias=float(p["bias"]))

        return cls(sentence=part(d["sentence"]), span=part(d["span"]), answerable=part(d["answerable"]),
                   threshold=float(d["threshold"]), sentences_read=int(d.get("sentences_read", 4)),
                   meta=d.get("meta", {}))


def save(model: AnswerModel, path: str | Path) -> None:
    Path(path).write_text(json.dumps(model.to_dict(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def load(path: str | Path | None = None) -> AnswerModel:
    """The shipped model, or the one at `path`."""
    if path is None:
        return _shipped()
    return _read(Path(path))


@lru_cache(maxsize=1)
def _shipped() -> AnswerModel:
    with resources.as_file(resources.files("assistant.data").joinpath(MODEL_FILE)) as p:
        return _read(Path(p))


def _read(path: Path) -> AnswerModel:
    try:
        return AnswerModel.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError as exc:
        raise ModelError(f"answer model {path} is missing; train it with `python eval/train_answer.py`") from exc
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ModelError(f"answer model {path} is damaged ({exc}); retrain with `python eval/train_answer.py`") from exc
