"""How an answer is scored: the one place. Three small models, learned by
eval/train_answer.py and shipped as assistant/data/answer_model.json (the trees of boosted
ensembles with each feature's gain, or linear weights by feature name; the training data's
fingerprint and the cross-validated scores):

- sentence: a ranking score of the sentences of the retrieved passages (boosted trees,
  answering/trees.py: how coverage, similarity and document checks combine is not additive);
- span: a ranking score of the candidate spans of the best sentences (boosted trees), given
  its sentence's score among its features;
- answerable: P(the retrieved passages answer the question at all), from the best
  candidates' scores and the document checks (boosted trees); the answer abstains below `threshold`,
  which the training script picks from cross-validated probabilities.
"""

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import AssistantError
from .trees import TreeEnsemble

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

    def logits(self, rows: list[dict]) -> list[float]:
        return [self.logit(r) for r in rows]

    def probability(self, features: dict) -> float:
        return sigmoid(self.logit(features))

    def to_dict(self) -> dict:
        return {"kind": "linear", "bias": self.bias,
                "weights": dict(sorted(self.weights.items(), key=lambda kv: -abs(kv[1])))}

    @classmethod
    def from_dict(cls, d: dict) -> "LinearModel":
        return cls(weights={k: float(v) for k, v in d["weights"].items()}, bias=float(d["bias"]))


def _part(d: dict):
    kind = d.get("kind", "linear")
    if kind == "trees":
        return TreeEnsemble.from_dict(d)
    if kind == "linear":
        return LinearModel.from_dict(d)
    raise ValueError(f"unknown model kind {kind!r}")


def sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x)) if x > -50 else 0.0


@dataclass(frozen=True)
class AnswerModel:
    sentence: LinearModel | TreeEnsemble
    span: LinearModel | TreeEnsemble
    answerable: LinearModel | TreeEnsemble
    threshold: float  # abstain when P(answerable) is below this
    sentences_read: int  # sentences whose spans are scored (the best by the sentence model)
    meta: dict = field(default_factory=dict)  # training fingerprint, data, CV scores

    def to_dict(self) -> dict:
        return {"format": 2, "threshold": self.threshold, "sentences_read": self.sentences_read,
                "sentence": self.sentence.to_dict(), "span": self.span.to_dict(),
                "answerable": self.answerable.to_dict(), "meta": self.meta}

    @classmethod
    def from_dict(cls, d: dict) -> "AnswerModel":
        return cls(sentence=_part(d["sentence"]), span=_part(d["span"]), answerable=_part(d["answerable"]),
                   threshold=float(d["threshold"]), sentences_read=int(d.get("sentences_read", 4)),
                   meta=d.get("meta", {}))


# a list of numbers on one line (the trees' node arrays), so the file stays readable
_NUMBER_LIST = re.compile(r"\[\s*(-?[\d.e+-]+(?:,\s*-?[\d.e+-]+)*)\s*\]")


def save(model: AnswerModel, path: str | Path) -> None:
    text = json.dumps(model.to_dict(), ensure_ascii=False, indent=1)
    text = _NUMBER_LIST.sub(lambda m: "[" + ",".join(x.strip() for x in m.group(1).split(",")) + "]", text)
    Path(path).write_text(text + "\n", encoding="utf-8")


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
