"""Who may apply by another way than the industry list, and rules of one subsector or one track: read from
a document's text as "track" conditions (one of them must hold), for conditions.extract.

- one subsector's further requirement: "※ 식료품 제조업(C10)은 HACCP 인증을 보유한 기업에 한함", "금형 업체는 …
  경우에만 신청할 수 있다" (a company of another subsector is not concerned);
- a certificate or an industry in one line: "뿌리기업 확인서를 보유한 기업, 또는 자동차 부품(C30) … 제조기업";
- another way in than the industry read elsewhere: "※ 위 업종에 해당하지 않더라도 뿌리기업 확인서를 보유한 기업은
  신청 가능", "그 밖의 제조업은 … 협력기업인 경우에 한함";
- a condition marked as one track's ("⑤ (AI 고도화형에 한함) …"): into that track.
"""

import re

from . import ksic
from .conditions import Condition, _industry, _numbers, either

# "※ 식료품 제조업(C10)은 HACCP 인증을 보유한 기업에 한함", "금형 업체는 … 경우에만 신청할 수 있다": a further
# requirement on the companies of one subsector (a KSIC division's name); the others are not concerned
_ONE_SUBSECTOR = re.compile(r"^[\s※\-·•○*]*([가-힣][가-힣0-9·\s]{1,12}?)\s*(?:제조\s*)?(?:업|기업|업체|업자)\s*(?:\([^()]*\))?\s*(?:기업|업체)?\s*(?:은|는)\s+"
                            r"(.{2,80}?)(?:에\s*한(?:함|하여|해|한다|합니다|정)|경우에만|경우에\s*한)")
# "※ 위 업종에 해당하지 않더라도 뿌리기업 확인서를 보유한 기업은 신청 가능": a certificate lets in the others too
_OR_CERTIFIED = re.compile(r"업종에\s*해당하지\s*않(?:더라도|아도|는\s*경우에도)\s*,?\s*(.{2,30}?)\s*(?:을|를)\s*(?:보유|취득|받은)|"
                           r"그\s*밖의\s*(?:제조업|업종)(?:은|는)\s+(.{2,80}?)(?:인\s*)?(?:경우에?\s*한(?:하여|함|해)|경우에만|경우\s*신청\s*가능)")
_CERT_NAMED = re.compile(r"([A-Za-z][A-Za-z0-9\-]{1,12}|[가-힣]{2,10})\s*(?:인증(?:서)?|확인서|지정서)")


def one_subsector(sentence: str) -> list[Condition]:
    """"식료품 제조업은 HACCP 인증 보유 기업에 한함": a company of that subsector needs the certificate (or what
    the clause says, read as 확인 필요); one of another subsector does not. One "track" condition."""
    m = _ONE_SUBSECTOR.match(sentence)
    name = re.sub(r"\s+", " ", m.group(1)).strip() if m else ""
    if not name or not any(n.replace(" ", "") in name.replace(" ", "") for names in ksic.DIVISIONS.values() for n in names):
        return []
    cert = _CERT_NAMED.search(m.group(2))
    then = ([Condition("certification", "any_of", [cert.group(1)], sentence)] if cert and re.search(r"보유|취득|받은", m.group(2))
            # "상시근로자 10인 이상 기업에 한함", "구축형에 한하여 상시근로자 요건을 '3인 이상 50인 미만'으로 적용함"
            else [Condition(c.field, c.op, c.value, sentence) for c in _numbers(sentence[m.start(2):])]
            or [Condition("other", "unread", None, sentence)])
    tracks = [[Condition("industry", "not_sub", [name], sentence)],
              [Condition("industry", "is", {"industry": "제조업", "subsector": name}, sentence), *then]]
    return [either([f"{name} 외 업종", name], tracks, sentence)]


# "(업종) 뿌리기업 확인서를 보유한 기업, 또는 자동차 부품(KSIC C30)·기계 및 장비 부품(KSIC C29) 제조기업"
_CERTIFIED_OR = re.compile(r"(?:인증(?:서)?|확인서|지정서)\s*(?:을|를)\s*(?:보유|취득)한\s*(?:기업|업체)\s*,?\s*(?:또는|혹은|이나)\s+(.+)$")


def certified_or_industry(sentence: str) -> list[Condition]:
    """A certificate or an industry, either of them, in one line: one "track" condition."""
    m = _CERTIFIED_OR.search(sentence)
    cert = _CERT_NAMED.search(sentence[:m.end(0) - len(m.group(1))]) if m else None
    industry = [c for c in _industry(m.group(1)) if c.op in ("is", "sub_in")] if cert else []
    if not industry:
        return []
    tracks = [[Condition(c.field, c.op, c.value, sentence) for c in industry],
              [Condition("certification", "any_of", [cert.group(1)], sentence)]]
    return [either(["업종 요건", f"{cert.group(0)} 보유"], tracks, sentence)]


_ONE_TRACKS = re.compile(r"\(?\s*([가-힣A-Za-z][가-힣A-Za-z\s]{0,10}형)(?:에\s*한(?:함|하여|해|정)|만\s*해당)\s*\)?")


def into_own_track(conditions: list[Condition]) -> list[Condition]:
    """A condition marked as one track's ("⑤ (AI 고도화형에 한함) 2024~2025년 … 수혜 기업"), where a table read
    that track: a condition of that track only."""
    tracks = [c for c in conditions if c.field == "track"]
    out = list(conditions)
    for c in conditions:
        m = _ONE_TRACKS.search(c.text) if c.field != "track" else None
        name = re.sub(r"\s+", "", m.group(1)) if m else ""
        owner = next(((t, k) for t in tracks for k, n in enumerate(t.value["tracks"]) if name and re.sub(r"\s+", "", n) == name), None)
        if owner:
            t, k = owner
            t.value["conditions"][k].append(c.to_dict())  # the track's own list (its condition is built here, in extract)
            out.remove(c)
    return out


def or_certified(conditions: list[Condition], sentence: str) -> list[Condition]:
    """The industry conditions read, with a certificate that lets in companies of other industries: one
    "track" condition (the industry, or the certificate)."""
    m = _OR_CERTIFIED.search(sentence)
    said = (m.group(1) or m.group(2)) if m else ""
    cert = _CERT_NAMED.search(said) if m and re.search(r"보유|취득|받은", m.group(0)) else None
    industry = [c for c in conditions if c.field == "industry" and c.op in ("is", "sub_in")]
    if not m or not industry:
        return conditions
    # a certificate is read; any other ground ("대기업의 1·2차 협력기업인 경우에 한함") is for the company to show
    other = (Condition("certification", "any_of", [cert.group(1)], sentence) if cert
             else Condition("other", "unread", None, sentence))
    tracks = [industry, [other]]
    return [c for c in conditions if c not in industry] + [either(["업종 요건", f"{cert.group(0)} 보유" if cert else "그 밖의 업종"],
                                                                  tracks, sentence)]


def widens_industry(sentence: str) -> bool:
    """"위 업종에 해당하지 않더라도 …", "그 밖의 제조업은 … 경우에 한하여": read with the industry conditions (or_certified)."""
    return bool(_OR_CERTIFIED.search(sentence))
