"""Where an application period stands on a given day: 접수 예정, 접수 중 or 마감됨.

The period comes from the document's facts, read once at index time (ingest/notice.py:
"period_start", "deadline" as ISO dates, with the time when the text gives one). A deadline
without a time lasts the whole day. The day is the caller's (QA.today), so tests can fix it.
"""

from datetime import date, datetime

from .answering.english import MONTHS


def parse_time(iso: str, end_of_day: bool) -> datetime | None:
    try:
        if "T" in iso:
            return datetime.fromisoformat(iso)
        d = date.fromisoformat(iso)
    except ValueError:
        return None
    return datetime(d.year, d.month, d.day, 23, 59, 59) if end_of_day else datetime(d.year, d.month, d.day)


def _korean(iso: str) -> str:
    d = parse_time(iso, False)
    text = f"{d.year}년 {d.month}월 {d.day}일"
    return text + (f" {d.hour:02d}:{d.minute:02d}" if "T" in iso else "")


def _english(iso: str) -> str:
    d = parse_time(iso, False)
    text = f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    return text + (f", {d.hour:02d}:{d.minute:02d}" if "T" in iso else "")


def period_state(facts: dict, now: datetime, lang: str = "ko") -> str | None:
    """"접수 중 (2026년 3월 20일 18:00 마감)" and the like, or None when no deadline is known."""
    deadline = facts.get("deadline")
    end = parse_time(deadline, end_of_day=True) if deadline else None
    if end is None:
        return None
    start_iso = facts.get("period_start")
    start = parse_time(start_iso, end_of_day=False) if start_iso else None
    if start is not None and now < start:
        return (f"opens {_english(start_iso)}, closes {_english(deadline)}" if lang == "en"
                else f"접수 예정: {_korean(start_iso)}부터 {_korean(deadline)}까지")
    if now <= end:
        return f"open until {_english(deadline)}" if lang == "en" else f"접수 중: {_korean(deadline)} 마감"
    return f"closed on {_english(deadline)}" if lang == "en" else f"마감됨: {_korean(deadline)}에 마감"
