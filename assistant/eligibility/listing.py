"""Every programme the index holds, judged for one company: what `qa.match(profile)` returns.

Open programmes first, soonest deadline first (a programme with no stated deadline after the
dated ones), then by the largest amount; closed ones apart, at the end. Each reason cites the
passage of its condition.
"""

from dataclasses import dataclass
from datetime import date, datetime

from ..answer import Citation
from ..timeline import parse_time, period_state
from .conditions import Condition
from .match import APPLY, CHECK, NOT, Verdict, verdict


@dataclass(frozen=True)
class ProgrammeMatch:
    programme: object  # programmes.Programme
    verdict: Verdict
    period: str | None  # "접수 중: 2026년 3월 20일 18:00 마감", or None when no deadline is stated
    closed: bool
    citations: list[Citation]  # one per condition, in the order of verdict.reasons

    @property
    def label(self) -> str:
        return self.verdict.label

    def to_dict(self) -> dict:
        p = self.programme
        return {"programme": p.title, "document": p.doc_id, "path": p.path, "region": p.region or None,
                "organiser": p.organiser or None, "max_amount": p.max_amount, "deadline": p.deadline,
                "period": self.period, "closed": self.closed, "label": self.label,
                "reasons": [{"status": r.status, "reason": r.says, "field": r.condition.field, "source": c.passage,
                             "chunk_id": c.chunk_id} for r, c in zip(self.verdict.reasons, self.citations)]}


def reference_day(facts: dict, now: datetime) -> date:
    """The day a programme's conditions are judged on (업력, 'the last 3 years'): its start of
    applications, else its deadline, else today."""
    for key in ("period_start", "deadline"):
        t = parse_time(facts[key], end_of_day=False) if facts.get(key) else None
        if t:
            return t.date()
    return now.date()


def _cite(n: int, condition: Condition, programme, chunks: list) -> Citation:
    head = condition.text[:40]
    chunk = next((c for c in chunks if head in c.text), None)
    if chunk is None:
        return Citation(n=n, doc_id=programme.doc_id, chunk_id=programme.chunk_id, title=programme.title,
                        date=programme.date, outlet=programme.outlet, path=programme.path, passage=condition.text,
                        highlight=condition.text, score=0.0, highlight_start=0)
    start = chunk.text.find(head)
    shown = chunk.text[start:start + len(condition.text)] if chunk.text[start:].startswith(condition.text) else head
    return Citation(n=n, doc_id=programme.doc_id, chunk_id=chunk.id, title=programme.title, date=programme.date,
                    outlet=programme.outlet, path=programme.path, passage=chunk.text, highlight=shown, score=0.0,
                    highlight_start=start)


def match_all(profile, progs: list, facts: dict, chunks_of: dict, now: datetime) -> list[ProgrammeMatch]:
    out = []
    for p in progs:
        f = facts.get(p.doc_id, {})
        conditions = [Condition.from_dict(c) for c in p.conditions(facts)]
        v = verdict(profile, conditions, reference_day(f, now))
        end = parse_time(p.deadline, end_of_day=True) if p.deadline else None
        cites = [_cite(i + 1, r.condition, p, chunks_of.get(p.doc_id, [])) for i, r in enumerate(v.reasons)]
        out.append(ProgrammeMatch(p, v, period_state(f, now) if p.deadline else None, bool(end and end < now), cites))
    rank = {APPLY: 0, CHECK: 1, NOT: 2}
    return sorted(out, key=lambda m: (m.closed, rank[m.label], m.programme.deadline or "9999",
                                      -(m.programme.max_value or 0)))
