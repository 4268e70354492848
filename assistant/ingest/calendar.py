"""iCalendar files (.ics: a 군청's or portal's published schedule of 공고·설명회·마감): one `Extracted`
per event, as a feed's item is read (feeds.py) — title (SUMMARY), date (DTSTART), the description
and place as labelled lines. A calendar holds many programmes' events, so each is a document of
its own, never one page mixing their conditions.

Lines are unfolded (RFC 5545: a line break followed by a space or tab continues the line) and
text values unescaped (\\n, \\, \\; \\\\).

    is_calendar(text) -> bool
    read_events(text, source) -> list[tuple[int, Extracted]]  # (position, event)
"""

import re

from ..errors import IngestError
from .blocks import Extracted
from .jsonrecords import extracted

_START = re.compile(r"^\ufeff?\s*BEGIN:VCALENDAR\b", re.IGNORECASE)
_NO_EVENTS = ("캘린더(.ics)에서 일정(VEVENT)을 찾지 못했습니다. 캘린더에서 내보낸 파일을 그대로 저장하세요 "
              "(no VEVENT in the iCalendar file)")
_FIELDS = {"SUMMARY": "title", "DESCRIPTION": "description", "LOCATION": "location", "CATEGORIES": "category",
           "URL": "link", "ORGANIZER": "organizer"}


def is_calendar(text: str) -> bool:
    return bool(_START.match(text[:200]))


def _unescape(value: str) -> str:
    return re.sub(r"\\([nN,;\\])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def _date(value: str) -> str | None:
    m = re.match(r"(\d{4})(\d{2})(\d{2})", value)
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else None


def read_events(text: str, source: str) -> list[tuple[int, Extracted]]:
    lines = re.sub(r"\r?\n[ \t]", "", text.lstrip("\ufeff")).splitlines()  # unfolded
    out, event, k = [], None, 0
    for line in lines:
        name, _, value = line.partition(":")
        key = name.split(";", 1)[0].upper()
        if key == "BEGIN" and value.upper() == "VEVENT":
            event = {}
        elif key == "END" and value.upper() == "VEVENT" and event is not None:
            if event.get("title") or event.get("description"):
                out.append((k, extracted(event)))
            event, k = None, k + 1
        elif event is not None:
            if key == "DTSTART" and _date(value):
                event["pubDate"] = _date(value)
            elif key in _FIELDS and value.strip():
                event.setdefault(_FIELDS[key], _unescape(value).strip())
    if not out:
        raise IngestError(source, _NO_EVENTS)
    return out
