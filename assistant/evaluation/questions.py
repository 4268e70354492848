"""The eval-set format (DESIGN.md): one JSON object a line, read into EvalQuestion records.

    {"id": "k01", "question": "...", "answers": ["5000만"], "evidence": ["과제당 최대 5,000만 원"]}

`answers` empty = unanswerable. Optional fields are kept: `lang` and `type` (else guessed from
the question), `doc` (the corpus file the question is about, for splits.py) and any other
field, in `extra`.

Conversations (multi-turn, for follow-up questions): one JSON object a line with an id and its
turns, each turn a question record as above without an id (it gets "<id>#<n>", from 1):

    {"id": "c001", "turns": [{"question": "김포 스마트공장 최대 지원금은?", "answers": [...], ...},
                             {"question": "신청 마감은?", "answers": [...], ...}]}
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import AssistantError
from ..query import language, question_type

REQUIRED = (("id", str), ("question", str), ("answers", list), ("evidence", list))


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
    doc: str | None = None  # the optional "doc" field: a corpus file name
    extra: dict = field(default_factory=dict, compare=False)  # every field besides the four required ones

    @property
    def answerable(self) -> bool:
        return bool(self.answers)


def parse_question(d, where: str) -> EvalQuestion:
    if not isinstance(d, dict):
        raise EvalSetError(f"{where}: expected an object with id, question, answers, evidence")
    for key, kind in REQUIRED:
        if not isinstance(d.get(key), kind):
            raise EvalSetError(f"{where}: field {key!r} must be a {kind.__name__}")
    if not d["question"].strip():
        raise EvalSetError(f"{where}: empty question")
    doc = d.get("doc")
    if doc is not None and not isinstance(doc, str):
        raise EvalSetError(f"{where}: field 'doc' must be a str (a corpus file name)")
    return EvalQuestion(
        id=d["id"], question=d["question"], answers=[str(a) for a in d["answers"]],
        evidence=[str(e) for e in d["evidence"]], lang=d.get("lang") or language(d["question"]),
        qtype=d.get("type") or question_type(d["question"]), doc=doc or None,
        extra={k: v for k, v in d.items() if k not in dict(REQUIRED)},
    )


def _records(path: Path, kind: str):
    """(where, object) for each non-empty line of a JSON-lines file, ids checked for repeats by
    the caller's parse; errors name the line."""
    try:
        raw = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise EvalSetError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise EvalSetError(f"{path} is not UTF-8 (byte {exc.start}); save it as UTF-8") from exc
    found = False
    for n, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield f"{path}:{n}", json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvalSetError(f"{path}:{n}: not JSON ({exc.msg})") from exc
        found = True
    if not found:
        raise EvalSetError(f"{path} holds no {kind}")


def _unique(items: list, where: list[str]) -> list:
    seen = set()
    for item, w in zip(items, where):
        if item.id in seen:
            raise EvalSetError(f"{w}: duplicate id {item.id!r}")
        seen.add(item.id)
    return items


def load_questions(path: str | Path) -> list[EvalQuestion]:
    records = list(_records(Path(path), "questions"))
    return _unique([parse_question(d, w) for w, d in records], [w for w, _ in records])


@dataclass(frozen=True)
class EvalConversation:
    id: str
    turns: list  # EvalQuestion, in order


def parse_conversation(d, where: str) -> EvalConversation:
    if not isinstance(d, dict) or not isinstance(d.get("id"), str) or not isinstance(d.get("turns"), list) \
            or not d["turns"]:
        raise EvalSetError(f"{where}: expected an object with an id and a non-empty list of turns")
    turns = [parse_question({**t, "id": f"{d['id']}#{i}"} if isinstance(t, dict) else t, f"{where} turn {i}")
             for i, t in enumerate(d["turns"], 1)]
    return EvalConversation(d["id"], turns)


def load_conversations(path: str | Path) -> list[EvalConversation]:
    records = list(_records(Path(path), "conversation"))
    return _unique([parse_conversation(d, w) for w, d in records], [w for w, _ in records])
