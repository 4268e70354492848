"""A company profile: what a company tells the assistant about itself to match programmes.

A field left out is unknown (a condition on it cannot be decided: 확인 필요); an empty list
means "none". The profile lives in the user's browser (ui.py keeps it in gr.BrowserState) or on
the command line; the library never stores it.
"""

import re
from dataclasses import asdict, dataclass, field
from datetime import date

from ..errors import AssistantError

_FOUNDED = re.compile(r"^(\d{4})(?:[-./](\d{1,2}))?(?:[-./]\d{1,2})?$")


class ProfileError(AssistantError):
    """A profile field that cannot be read; the message says which and how to write it."""


@dataclass(frozen=True)
class CompanyProfile:
    region: str | None = None  # "경기도 김포시", "김포시", "광주광역시 북구"
    industry: str | None = None  # 제조업, 도소매업, 서비스업, 정보통신업 ...
    subsector: str | None = None  # 금속가공, 식료품 ...
    founded: str | None = None  # "YYYY-MM"
    employees: int | None = None
    revenue_won: int | None = None
    certifications: tuple[str, ...] | None = None  # 벤처기업, 이노비즈, 메인비즈 ...
    past_support: tuple[str, ...] | None = None  # "2024 스마트공장 기초" ...
    exclusions: tuple[str, ...] | None = None  # "국세 체납", "휴업" ...
    extra: dict = field(default_factory=dict, compare=False)  # fields this code does not use (kept, not read)

    @classmethod
    def from_dict(cls, d: dict) -> "CompanyProfile":
        known = {f for f in cls.__dataclass_fields__ if f != "extra"}
        lists = ("certifications", "past_support", "exclusions")  # "" or [] means none; absent means unknown
        values = {k: v for k, v in d.items() if k in known and v is not None and (v != "" or k in lists)}
        for k in lists:
            if k in values:
                v = values[k]
                values[k] = tuple(s.strip() for s in (v.split(",") if isinstance(v, str) else v) if s.strip())
        for k in ("employees", "revenue_won"):
            if k in values:
                try:
                    values[k] = int(float(str(values[k]).replace(",", "").strip()))
                except ValueError:
                    raise ProfileError(f"{k}: 숫자로 적어 주세요 (받은 값: {values[k]!r})") from None
                if values[k] < 0:
                    raise ProfileError(f"{k}: 0 이상이어야 합니다 (받은 값: {values[k]})")
        if "founded" in values:
            m = _FOUNDED.match(str(values["founded"]).strip())
            if not m or not 1 <= int(m.group(2) or 1) <= 12:
                raise ProfileError(f"설립일(founded): 2019-05 처럼 연-월로 적어 주세요 (받은 값: {values['founded']!r})")
            values["founded"] = f"{int(m.group(1)):04d}-{int(m.group(2) or 1):02d}"
        return cls(**values, extra={k: v for k, v in d.items() if k not in known})

    def to_dict(self) -> dict:
        d = {k: (list(v) if isinstance(v, tuple) else v) for k, v in asdict(self).items() if k != "extra"}
        return {k: v for k, v in d.items() if v is not None}

    def age_years(self, on: date) -> float | None:
        """Years since founding on a given day (업력), or None when the founding month is unknown."""
        if not self.founded:
            return None
        y, m = map(int, self.founded.split("-"))
        return (on.year - y) + (on.month - m) / 12

    @property
    def is_empty(self) -> bool:
        return not self.to_dict()
