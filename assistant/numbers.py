"""Korean numbers, amounts and dates: one value however they are written.

    5,000만 원 = 5천만원 = 50,000,000원 = 0.5억 원
    1억 2천만 원 = 120,000,000 ; 3억 7,842만 원 = 378,420,000 ; 1,400억원 = 1천400억원
    133% ; 2.5만개 = 25,000개 ; 3월 20일 18시

Used by answer selection (what kind of fact a sentence holds) and by the eval (is the
answer the gold amount). Text normalisation for matching lives here too.
"""

import re
import unicodedata
from dataclasses import dataclass

_SMALL = {"십": 10, "백": 100, "천": 1000}
_BIG = {"만": 10**4, "억": 10**8, "조": 10**12}

# One run of a Korean-written number: groups like "3억", "7,842만", "5천", "1천400억", "50,000,000".
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_GROUP = rf"(?:(?:{_NUM})(?:\s?[십백천])?(?:\s?[만억조])?|[십백천](?:\s?[만억조])?)"
# a space may follow only a big unit: "3억 7,842만" is one number, "2019 24" is two
_RUN = rf"{_GROUP}(?:(?<=[만억조])\s*{_GROUP}|{_GROUP})*"
UNITS = {
    "원": "KRW", "달러": "USD", "%": "%", "퍼센트": "%", "개사": "count", "개소": "count", "개": "count",
    "곳": "count", "명": "count", "건": "count", "대": "count", "배": "times",
    # lengths of time: 6개월, 3년간, 10일간, 2주간, 4시간 ("2026년", "3월" and "17시" are dates, not these)
    "개월": "months", "개년": "years", "년간": "years", "일간": "days", "주간": "weeks", "주일": "weeks", "시간": "hours",
}
_UNIT = "|".join(sorted(map(re.escape, UNITS), key=len, reverse=True))
# "3000여곳", "40여 개", "약 2.5만개": 여 (about) may sit between number and unit
QUANTITY = re.compile(rf"(?<![\d,.])(?P<num>{_RUN})\s*(?:여\s*)?(?P<unit>{_UNIT})?")
_GROUP_PARTS = re.compile(rf"(?P<n>{_NUM})?\s*(?P<small>[십백천])?\s*(?P<big>[만억조])?")


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str  # "KRW", "%", "count", "times", "USD", a length of time ("months"...) or "" when none is written
    start: int
    end: int
    text: str


def parse_number(text: str) -> float | None:
    """The value of a Korean-written number ("3억 7,842만" -> 378420000), or None."""
    text = text.strip()
    if not text or not re.fullmatch(_RUN, text):
        return None
    total, section, seen = 0.0, 0.0, False
    for m in _GROUP_PARTS.finditer(text):
        if not m.group(0).strip():
            continue
        seen = True
        n = float(m.group("n").replace(",", "")) if m.group("n") else 1.0
        if m.group("small"):
            n *= _SMALL[m.group("small")]
        section += n
        if m.group("big"):
            total += section * _BIG[m.group("big")]
            section = 0.0
    return total + section if seen else None


def find_quantities(text: str) -> list[Quantity]:
    """Every number in `text` with its value and unit, in order."""
    out = []
    for m in QUANTITY.finditer(text):
        value = parse_number(m.group("num"))
        if value is None:
            continue
        unit = UNITS.get(m.group("unit") or "", "")
        end = m.end() if m.group("unit") else m.end("num")
        out.append(Quantity(value=value, unit=unit, start=m.start(), end=end, text=text[m.start():end].strip()))
    return out


DURATIONS = ("years", "months", "weeks", "days", "hours")
_KIND_OF_UNIT = {"KRW": "amount", "USD": "amount", "%": "percent", "count": "count"} | {u: "duration" for u in DURATIONS}


def kind_of(q: Quantity) -> str:
    """The kind of fact a quantity states: amount, percent, count, duration, or a plain number."""
    return _KIND_OF_UNIT.get(q.unit, "number")


def parse_quantity(text: str) -> Quantity | None:
    """The quantity when `text` is one amount and nothing else ("5천만원", "133%")."""
    q = find_quantities(text.strip())
    if len(q) == 1 and q[0].start == 0 and q[0].end >= len(text.strip()) - 1:
        return q[0]
    return None


def same_quantity(a: str, b: str) -> bool:
    """True when two strings are the same single amount (5,000만 원 == 5천만원 == 50,000,000원)."""
    qa, qb = parse_quantity(a), parse_quantity(b)
    if qa is None or qb is None:
        return False
    units_agree = qa.unit == qb.unit or "" in (qa.unit, qb.unit)
    return units_agree and abs(qa.value - qb.value) < 1e-6 * max(1.0, abs(qa.value))


def contains_quantity(text: str, gold: str) -> bool:
    """True when `text` mentions the amount `gold` in any writing."""
    g = parse_quantity(gold)
    if g is None:
        return False
    for q in find_quantities(text):
        if (q.unit == g.unit or "" in (q.unit, g.unit)) and abs(q.value - g.value) < 1e-6 * max(1.0, abs(g.value)):
            return True
    return False


# Dates and times as Korean news and notices write them: "2026년 3월 20일 오후 6시", "3월 20일
# 18:00", "2020년 12월", "2028년"; notices' "2026. 3. 16.(월)", "4. 3.(금) 16:00", "2026-03-16".
# A dotted month and day need a space and a closing dot ("4. 3."), or a weekday after them ("3.31.(화)"),
# so decimals ("8.6%") are not dates; "13월" is no month, "2시간" no time.
_WEEKDAY = r"(?:\s*\(\s*[월화수목금토일]\s*\))?"
# a time of day as written after a date: "18시", "오후 5시 30분", "18:00" (answering: spans, compose)
TIME_OF_DAY = r"(?:오전|오후)?\s*\d{1,2}\s*(?:시(?:\s*\d{1,2}\s*분)?|:\d{2})"
_CLOCK = r"(?:\s*(?P<ampm>오전|오후)?\s*(?P<h>[01]?\d|2[0-4])\s*(?::\s*(?P<mi>[0-5]\d)|시(?!간)(?:\s*(?P<mi2>[0-5]?\d)\s*분)?))?"
_DATE_FORMS = (
    re.compile(r"(?<!\d)(?:(?P<y>\d{4})\s*년\s*)?(?P<m>1[0-2]|0?[1-9])\s*월(?:\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*일)?"
               + _WEEKDAY + _CLOCK),
    re.compile(r"(?<![\d.])(?P<y>20\d{2})\s*(?P<sep>[.\-/])\s*(?P<m>1[0-2]|0?[1-9])\s*(?P=sep)\s*"
               r"(?P<d>3[01]|[12]\d|0?[1-9])(?!\d)\.?" + _WEEKDAY + _CLOCK),
    re.compile(r"(?<![\d.])(?<!\d\.\s)(?P<m>1[0-2]|0?[1-9])\.\s+(?P<d>3[01]|[12]\d|0?[1-9])\.(?!\d|\s*\d{1,2}\.)" + _WEEKDAY + _CLOCK),
    # written without spaces, a weekday in brackets says it is a date: "3.31.(화)"
    re.compile(r"(?<![\d.])(?P<m>1[0-2]|0?[1-9])\.(?P<d>3[01]|[12]\d|0?[1-9])\.\s*\(\s*[월화수목금토일]\s*\)" + _CLOCK),
    re.compile(r"(?<!\d)(?P<y>\d{4})\s*년"),
)


def find_dates(text: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of the dates in `text`, in order, none overlapping (the longest wins)."""
    found = sorted((m.start(), -len(m.group(0).rstrip()), m.group(0).rstrip())
                    for form in _DATE_FORMS for m in form.finditer(text) if m.group(0).strip())
    out, end = [], -1
    for start, negative, written in found:
        if start >= end:
            out.append((start, start - negative, written))
            end = start - negative
    return out


def date_parts(text: str) -> dict | None:
    """The parts of a date written alone: y, m, d, h, mi, mi2, ampm (None where not written)."""
    for form in _DATE_FORMS:
        m = form.fullmatch(text.strip())
        if m:
            return {k: m.groupdict().get(k) for k in ("y", "m", "d", "h", "mi", "mi2", "ampm")}
    return None


def date_grain(text: str) -> str | None:
    """How precise a written date is: "time", "day", "month" or "year" (None: not a date)."""
    parts = date_parts(text)
    if parts is None:
        return None
    return "time" if parts["h"] else "day" if parts["d"] else "month" if parts["m"] else "year"


# How to reach someone: a phone number (055-259-3371, 02)123-4567, 1357 is not told from a number) or
# an e-mail address; a web address. They answer "전화번호는?", "연락처?", "where do I apply?".
PHONE = re.compile(r"(?<![\d-])0\d{1,2}[-)]\s?\d{3,4}-\d{4}(?![\d-])|(?<![\d-])1[5-9]\d{2}-\d{4}(?![\d-])")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
WEB = re.compile(r"(?:https?://|www\.)[A-Za-z0-9./_%?=&#~-]*[A-Za-z0-9/]")


def find_contacts(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of the phone numbers and e-mail ("contact") and web addresses ("web") in `text`."""
    out = [(m.start(), m.end(), "contact") for pattern in (PHONE, EMAIL) for m in pattern.finditer(text)]
    out += [(m.start(), m.end(), "web") for m in WEB.finditer(text)
            if not any(a <= m.start() < b for a, b, _ in out)]  # an e-mail's domain is not a web address
    return sorted(out)


def normalise_text(text: str) -> str:
    """The eval's matching form: NFKC, lower case, no whitespace, no commas."""
    text = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"[\s,]+", "", text)


def answer_matches(answer: str, gold: str) -> bool:
    """The DESIGN.md rule: gold occurs in the answer after normalisation, or both hold the same amount."""
    return normalise_text(gold) in normalise_text(answer) or contains_quantity(answer, gold)


# Numbers spelled out in words before a counter or unit ("다섯 명 이상 오십 명 미만", "매출 백억 원 이하",
# "개업 후 삼 년", "최대 천오백만 원", "서른 곳"): Sino-Korean digits with 십/백/천 and 만/억/조, or native numerals.
_SINO_DIGIT = {"일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "칠": 7, "팔": 8, "구": 9}
_NATIVE_TENS = {"열": 10, "스물": 20, "스무": 20, "서른": 30, "마흔": 40, "쉰": 50, "예순": 60, "일흔": 70, "여든": 80, "아흔": 90}
_NATIVE_ONES = {"하나": 1, "한": 1, "둘": 2, "두": 2, "셋": 3, "세": 3, "넷": 4, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7,
                "여덟": 8, "아홉": 9}
_COUNTER = r"(?:명|인|년|개월|개사|개소|개|곳|건|배|퍼센트|원)"
_SINO_WORD = r"[일이삼사오육칠팔구십백천만억조]+"
_NATIVE_WORD = rf"(?:{'|'.join(_NATIVE_TENS)})(?:{'|'.join(_NATIVE_ONES)})?|(?:{'|'.join(_NATIVE_ONES)})"
# after the counter: a particle, a bound or the end of the word ("다섯 명 이상", "삼 년이"; not "이 명단", "이 인증")
_AFTER_COUNTER = r"(?=[^가-힣]|$|이상|이하|미만|초과|이내|이며|이고|이어야|으로|로|까지|부터|간|째|당|[이가을를은는의에도만과와])"
_SPELLED = re.compile(rf"(?<![가-힣\d])(?P<word>{_SINO_WORD}|{_NATIVE_WORD})(?P<gap>\s?)(?P<counter>{_COUNTER}){_AFTER_COUNTER}")


def _sino_value(word: str) -> int | None:
    total = section = digit = 0
    for ch in word:
        if ch in _SINO_DIGIT:
            if digit:
                return None  # "삼사": two digits in a row is no number
            digit = _SINO_DIGIT[ch]
        elif ch in _SMALL:
            section += (digit or 1) * _SMALL[ch]
            digit = 0
        else:
            total += ((section + digit) or 1) * _BIG[ch]
            section = digit = 0
    return total + section + digit


def spelled_numbers(text: str) -> str:
    """The text with numbers spelled out in words before a counter written in digits ("다섯 명" -> "5명",
    "천오백만 원" -> "15,000,000원"). A lone Sino-Korean syllable counts only before a counter of people,
    years, places or percent ("삼 년", "오 명"), never before 원 or 개 ("일 원", "이 개")."""
    def digits(m: re.Match) -> str:
        word, counter = m.group("word"), m.group("counter")
        if word in ("한", "하나"):
            return m.group(0)  # "한 곳만", "한 명의": an idiom more often than a bound
        if word in _NATIVE_ONES or any(word.startswith(t) for t in _NATIVE_TENS):
            tens = next((v for t, v in _NATIVE_TENS.items() if word.startswith(t)), 0)
            rest = word[next((len(t) for t in _NATIVE_TENS if word.startswith(t)), 0):]
            value = tens + _NATIVE_ONES.get(rest, 0)
            if rest and rest not in _NATIVE_ONES:
                return m.group(0)
        else:
            if len(word) == 1 and (word in _SINO_DIGIT and counter in ("원", "개", "배", "건")):
                return m.group(0)
            value = _sino_value(word)
            if value is None or (len(word) == 1 and word in _BIG):
                return m.group(0)
        return f"{value:,}{counter}" if counter == "원" else f"{value}{counter}"
    return _SPELLED.sub(digits, text)
