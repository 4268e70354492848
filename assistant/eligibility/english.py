"""English wording of a condition, rewritten in the Korean the rules read (an English notice for
foreign-invested or exporting companies, usually with the Korean terms in brackets):

    "at least KRW 1 billion (10억 원) and not more than KRW 15 billion (150억 원)" -> "10억 원 이상 … 150억 원 이하"
    "Established on or before 6 April 2023"                                   -> "2023. 4. 6. 이전 설립"
    "… are located in Gimpo-si (김포시)"                                       -> "… 김포시 소재"

Only sentences mostly in Latin letters are rewritten; amounts take their Korean gloss when one follows,
else KRW N billion / million is written in 억 / 만 원.
"""

import re

_MONTHS = {m: i + 1 for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                           "september", "october", "november", "december"))}
_AMOUNT = r"(?:KRW|₩)\s*([\d.,]+)\s*(billion|million)?(?:\s*won)?(?:\s*\(([^()]*?(?:억|만)\s*원)\))?"
_BOUNDS = [  # (English before the amount, Korean after it)
    (r"(?:at\s+least|no\s+less\s+than|not\s+less\s+than|a\s+minimum\s+of|minimum)", "이상"),
    (r"(?:not\s+more\s+than|no\s+more\s+than|up\s+to|at\s+most|a\s+maximum\s+of|maximum|not\s+exceeding)", "이하"),
    (r"(?:less\s+than|under|below|fewer\s+than)", "미만"),
    (r"(?:more\s+than|over|above|exceeding)", "초과"),
]
_DATE = r"(\d{1,2})\s+(" + "|".join(_MONTHS) + r")\s+(\d{4})|(" + "|".join(_MONTHS) + r")\s+(\d{1,2}),?\s+(\d{4})"


def is_english(sentence: str) -> bool:
    latin = len(re.findall(r"[A-Za-z]", sentence))
    return latin >= 20 and latin > len(re.findall(r"[가-힣]", sentence))


def _won(number: str, unit: str | None, gloss: str | None) -> str:
    if gloss:
        return gloss
    value = float(number.replace(",", ""))
    value *= {"billion": 1e9, "million": 1e6}.get((unit or "").lower(), 1)
    eok, man = divmod(round(value), 100_000_000)
    return f"{eok}억 원" if eok and not man else f"{round(value / 10_000):,}만 원"


# a data file's key and date ("established_on_or_before: 2023-03-16", "opened_on_or_after = 2020-01-01")
_KEYED_DATE = re.compile(r"\b(?:established|founded|opened|registered)_(on_or_)?(before|after)\s*[:=]\s*(\d{4})-(\d{2})-(\d{2})",
                         re.I)


def keyed_dates(sentence: str) -> str:
    """A data file's founding-date key read as Korean ("opened_on_or_before: 2025-03-16" -> "2025. 3. 16. 까지 설립")."""
    return _KEYED_DATE.sub(lambda m: f"{m.group(3)}. {int(m.group(4))}. {int(m.group(5))}. "
                                     f"{('까지' if m.group(1) else '이전') if m.group(2).lower() == 'before' else '이후'} 설립",
                           sentence)


def to_korean(sentence: str) -> str:
    """(A data file's founding-date keys are read by keyed_dates, which the caller runs first.)"""
    if not is_english(sentence):
        return sentence
    out = sentence
    for before, after in _BOUNDS:
        out = re.sub(rf"\b{before}\s+{_AMOUNT}", lambda m: f"{_won(m.group(1), m.group(2), m.group(3))} {after}", out,
                     flags=re.I)
    out = re.sub(rf"{_AMOUNT}\s+or\s+(?:more|above)", lambda m: f"{_won(m.group(1), m.group(2), m.group(3))} 이상", out,
                 flags=re.I)
    out = re.sub(rf"{_AMOUNT}\s+or\s+(?:less|below)", lambda m: f"{_won(m.group(1), m.group(2), m.group(3))} 이하", out,
                 flags=re.I)
    out = re.sub(rf"\b(?:established|founded|opened|registered)\s+(?:on\s+or\s+)?before\s+(?:{_DATE})",
                 lambda m: f"{_date_of(m)} 이전 설립", out, flags=re.I)
    out = re.sub(rf"\b(?:established|founded|opened|registered)\s+(?:on\s+or\s+)?after\s+(?:{_DATE})",
                 lambda m: f"{_date_of(m)} 이후 설립", out, flags=re.I)
    out = re.sub(r"\b(?:annual\s+)?(?:sales\s+revenue|revenue|sales|turnover)\b", "매출액", out, flags=re.I)
    # a past support ("Companies selected for this program … in 2024 or 2025", "that used the 2025 … Voucher")
    out = re.sub(r"\b(?:were\s+|have\s+been\s+|was\s+)?(?:selected\s+for|received|used|benefited\s+from|participated\s+in)\b",
                 "지원받은", out, flags=re.I)
    out = re.sub(r"(?<![\d.])(20\d{2})(?![\d.년])", r"\1년", out)  # a bare year, as the rules read years
    # "located in Gimpo-si (김포시)": the Korean place, where companies are
    out = re.sub(r"\b(?:located|based|situated)\s+in\s+[A-Za-z\-\s]{2,30}\(([가-힣\s]{2,20})\)", r"\1 소재", out, flags=re.I)
    return out


def _date_of(m) -> str:
    g = m.groups()[-6:]
    day, month, year = (g[0], g[1], g[2]) if g[0] else (g[4], g[3], g[5])
    return f"{year}. {_MONTHS[month.lower()]}. {int(day)}."
