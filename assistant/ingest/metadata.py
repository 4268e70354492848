"""Title, publication date and outlet of a news page, read from its text by general patterns.

Dates come only from labelled lines ("등록 2026.02.19", "입력 : 2025.04.26", "기사입력 2024-03-02",
a press release's "배포일시 2025. 2. 19." or "2026. 2. 20.(금) 배포", a notice's "공고일 : 2025. 2. 17."):
a bare date at the top of a page is usually today's date in the site header, not the
article's, so it is not taken. Outlets come from bylines, the forms Korean outlets use:
"[참좋은뉴스= 기자]", "(청주=연합뉴스) 홍길동 기자 =", "(포탈뉴스통신)", "헬로티 이동재 기자 |",
and from copyright lines ("Copyright ⓒ 헬로티", "저작권자 © 참좋은뉴스").
"""

import re

_DATE_LABEL = re.compile(
    r"(?:기사\s*)?(?:등록|입력|승인|게재|발행|작성|송고|배포|보도|공고|게시)(?:일|일시|일자|시간)?\s*[:：]?\s*"
    r"(\d{4})\s*[.\-/년]\s*(\d{1,2})\s*[.\-/월]\s*(\d{1,2})"
)
# a press release's "2026. 2. 20.(금) 배포" / "2026. 2. 20. 보도": the label after the date
_DATE_THEN_LABEL = re.compile(
    r"(\d{4})\s*[.\-/년]\s*(\d{1,2})\s*[.\-/월]\s*(\d{1,2})\s*[.일]?\s*(?:\([월화수목금토일]\))?\s*(?:배포|보도|공고)"
)
_DATE_LABEL_UPDATED = re.compile(
    r"(?:수정|업데이트|최종\s*수정)(?:일|일시|시간)?\s*[:：]?\s*(\d{4})\s*[.\-/년]\s*(\d{1,2})\s*[.\-/월]\s*(\d{1,2})"
)

_OUTLET_SUFFIX = r"(?:뉴스|통신|일보|신문|방송|미디어|타임스|타임즈|저널|경제|투데이|데일리|포스트|TV|티비|뉴스1|닷컴|헤럴드|비즈|넷|리포트|인사이트|프레스|헬로티)"

# Bylines at the start of a paragraph; group "outlet" is the outlet's name.
_LEAD_BYLINES = [
    # [참좋은뉴스= 홍길동 기자] / [아시아뉴스통신=홍길동 기자]
    re.compile(r"^\[\s*(?P<outlet>[^\[\]=]{2,20}?)\s*=\s*[^\[\]]{0,20}\]\s*"),
    # (청주=연합뉴스) 홍길동 기자 = / (서울=뉴스1) 홍길동 기자 =
    re.compile(r"^\(\s*[^()=]{1,10}\s*=\s*(?P<outlet>[^()=]{2,15}?)\s*\)\s*(?:[가-힣]{2,4}(?:\s*·\s*[가-힣]{2,4})*\s*(?:기자|특파원)\s*=\s*)?"),
    # (포탈뉴스통신) / [헬로티]
    re.compile(r"^[(\[]\s*(?P<outlet>[^()\[\]=]{1,15}?" + _OUTLET_SUFFIX + r")\s*[)\]]\s*"),
    # 홍길동 기자 =
    re.compile(r"^(?P<outlet>)[가-힣]{2,4}\s*기자\s*=\s*"),
]

# "헬로티 이동재 기자 |" / "뉴스핌 홍길동 기자 (hong@newspim.com)"
_TRAIL_BYLINE = re.compile(r"^(?P<outlet>[^\s\[\]()]{2,20})\s+[가-힣]{2,4}\s*(?:기자|특파원)(?:\s*[|｜/]|\s*[(<]?[\w.+-]+@|\s*$)")
_COPYRIGHT_OUTLET = re.compile(r"(?:copyright|저작권자)\s*(?:ⓒ|©|\(c\))?\s*(?P<outlet>[^\s.,:]{2,20})", re.I)

# A byline in the middle of a line: a sidebar headline run together with its lead.
_INLINE_BYLINE = re.compile(
    r"\s(?:\[\s*[^\[\]=]{2,20}?\s*=\s*[^\[\]]{0,20}\]|\(\s*[^()=]{1,10}\s*=\s*[^()=]{2,15}?\s*\)|[(\[]\s*[^()\[\]=]{1,15}?"
    + _OUTLET_SUFFIX + r"\s*[)\]])\s"
)


def find_date(lines: list[str]) -> str | None:
    """ISO date of the first labelled publication date; an update date only if there is no other."""
    for pattern in (_DATE_LABEL, _DATE_THEN_LABEL, _DATE_LABEL_UPDATED):
        for line in lines:
            m = pattern.search(line)
            if m:
                y, mo, d = (int(g) for g in m.groups())
                if 1990 <= y <= 2100 and 1 <= mo <= 12 and 1 <= d <= 31:
                    return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def split_byline(paragraph: str) -> tuple[str | None, str]:
    """(outlet or None, paragraph without its leading byline)."""
    for pattern in _LEAD_BYLINES:
        m = pattern.match(paragraph)
        if m and m.end() < len(paragraph):
            outlet = (m.group("outlet") or "").strip() or None
            return outlet, paragraph[m.end():].strip()
    return None, paragraph


def find_outlet(lines: list[str]) -> str | None:
    """The outlet named by the first byline or copyright line of a page."""
    for line in lines:
        outlet, _ = split_byline(line)
        if outlet:
            return outlet
    for line in lines:
        m = _TRAIL_BYLINE.match(line) or _COPYRIGHT_OUTLET.search(line)
        if m and m.group("outlet"):
            return m.group("outlet")
    return None


def split_inline_byline(line: str) -> tuple[str, str] | None:
    """A headline run into its lead paragraph at a byline: (headline, lead) or None."""
    m = _INLINE_BYLINE.search(line)
    if m and m.start() >= 8:
        return line[: m.start()].strip(), line[m.start():].strip()
    return None
