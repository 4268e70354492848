"""Manufacturing divisions of the Korean Standard Industrial Classification (KSIC, 10th revision),
C10–C33, by the names companies give their line of business ("금속가공", "자동차부품"): a list of
codes alone ("한국표준산업분류 C22, C24, C25 중 하나를 주업종으로 하는 기업") is read as these names.

    names("C25") -> ["금속가공", "금속가공제품", "금형"]
"""

import re

DIVISIONS = {
    "C10": ("식료품",), "C11": ("음료",), "C12": ("담배",), "C13": ("섬유",), "C14": ("의복", "의류"),
    "C15": ("가죽", "가방", "신발"), "C16": ("목재",), "C17": ("펄프", "종이"), "C18": ("인쇄",),
    "C19": ("석유정제", "코크스"), "C20": ("화학", "화학제품", "화장품"), "C21": ("의약품", "의료용 물질"),
    "C22": ("고무", "플라스틱"), "C23": ("비금속 광물", "유리", "세라믹", "시멘트"), "C24": ("1차금속", "1차 금속"),
    "C25": ("금속가공", "금속가공제품"), "C26": ("전자부품", "반도체", "디스플레이", "인쇄회로기판", "통신장비"),
    "C27": ("의료기기", "정밀기기", "광학기기", "의료·정밀·광학기기"), "C28": ("전기장비", "이차전지", "가전"),
    "C29": ("기계", "기계장비", "기계부품", "금형"), "C30": ("자동차부품", "자동차", "트레일러"),
    "C31": ("운송장비", "조선", "선박", "항공기", "철도차량"), "C32": ("가구",), "C33": ("기타 제품",),
}
_CODE = re.compile(r"\bC\s*(\d{2})(?!\d)")


_RANGE = re.compile(r"\bC\s*(\d{2})\s*[~∼～-]\s*C?\s*(\d{2})(?!\d)")


def codes_in(text: str) -> list[str]:
    """The manufacturing division codes a text lists, in order ("C22, C24" -> ["C22", "C24"]; a range
    "C22~C33" -> every division from C22 to C33)."""
    found = []
    for m in re.finditer(f"{_RANGE.pattern}|{_CODE.pattern}", text):
        low, high = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(3))
        found += [f"C{n}" for n in range(int(low), int(high) + 1)]
    return list(dict.fromkeys(c for c in found if c in DIVISIONS))


def names(code: str) -> list[str]:
    return list(DIVISIONS.get(code, ()))
