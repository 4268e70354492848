"""The short fact in English, for a question asked in English, built from the Korean fact itself
(no model): amounts in KRW, dates and times, counts and shares; the Korean as written follows
in brackets, so the reader can check it against the cited sentence.

    english_fact("5,000만 원")     -> "KRW 50 million (5,000만 원)"
    english_fact("3월 20일 18시")  -> "20 March, 18:00 (3월 20일 18시)"
    english_fact("7개사")          -> "7 companies (7개사)"
    english_fact("6개월")          -> "6 months (6개월)"
Other facts (names, places, terms) stay as they are written.
"""

from ..numbers import DURATIONS, date_parts, find_dates, parse_quantity

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"), (1e3, "thousand"))
_COUNTERS = {"개사": "companies", "곳": "places", "개소": "sites", "명": "people", "건": "cases", "대": "units"}


def _number(x: float) -> str:
    return f"{x:,.0f}" if x == int(x) else f"{x:,.2f}".rstrip("0").rstrip(".")


def amount(value: float, unit: str) -> str:
    prefix = "KRW " if unit == "KRW" else "USD " if unit == "USD" else ""
    for scale, word in _SCALES:
        if value >= scale and (value / scale) < 1000:
            return f"{prefix}{_number(value / scale)} {word}"
    return f"{prefix}{_number(value)}"


def date(text: str) -> str | None:
    m = date_parts(text)
    if not m or not m["m"]:
        return None
    month = MONTHS[int(m["m"]) - 1]
    day = f"{int(m['d'])} {month}" if m["d"] else month
    out = f"{day} {m['y']}" if m["y"] else day
    if m["h"]:
        hour = int(m["h"]) + (12 if m["ampm"] == "오후" and int(m["h"]) < 12 else 0)
        out += f", {hour:02d}:{int(m['mi'] or m['mi2'] or 0):02d}"
    return out


def english_fact(fact: str) -> str:
    """`fact` in English with the Korean in brackets, or `fact` itself when it is not a number or date."""
    text = fact.strip()
    q = parse_quantity(text)
    if q is not None:
        if q.unit in ("KRW", "USD"):
            return f"{amount(q.value, q.unit)} ({text})"
        if q.unit == "%":
            return f"{_number(q.value)}%" if text.endswith("%") and "퍼센트" not in text else f"{_number(q.value)}% ({text})"
        if q.unit in DURATIONS:
            unit = q.unit if q.value != 1 else q.unit[:-1]
            return f"{_number(q.value)} {unit} ({text})"
        if q.unit == "count":
            noun = next((w for k, w in _COUNTERS.items() if k in text), "")
            return f"{_number(q.value)} {noun} ({text})".replace("  ", " ") if noun else f"{_number(q.value)} ({text})"
    if find_dates(text):
        english = date(text)
        if english:
            return f"{english} ({text})"
    return text
