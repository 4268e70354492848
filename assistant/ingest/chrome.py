"""Page chrome: general, line-level rules for what is not article text.

Pages come from many Korean news sites, so nothing here names a site or a story.
Each rule describes a kind of chrome (weather widget, menu, share buttons, ads,
copyright and reporter trailers, ranking lists). `page.py` applies them.
"""

import re

# Leading bullets and spaces that page-to-text converters leave on list items.
_BULLETS = "•●◦‣∙·▪▫■□◆◇▶►▷○-*"


def normalise_line(line: str) -> str:
    """Non-breaking and zero-width spaces to plain spaces, outer whitespace stripped."""
    line = line.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "").replace("\u3000", " ")
    return re.sub(r"[ \t]+", " ", line).strip()


def _core(line: str) -> str:
    return line.lstrip(_BULLETS + " ").strip()


# Weather widgets: "구름많음서울 26.9℃", "서울 맑음 12.3°C", "미세먼지 좋음".
_WEATHER = re.compile(r"-?\d+(?:\.\d+)?\s*(?:℃|°C|°F|˚C|도C)")
_AIR = re.compile(r"^(?:초?미세먼지|자외선|오존)\s*\S{1,6}$")
_WEATHER_CREDIT = re.compile(r"(?:기상청|날씨)\s*제공")

# Whole lines made only of menu, navigation and share-button words.
_MENU_WORDS = {
    "메뉴", "전체메뉴", "닫기", "열기", "배너", "url복사", "링크복사", "주소복사", "더보기", "전체보기", "검색",
    "로그인", "로그아웃", "회원가입", "마이페이지", "이전", "다음", "목록", "이전기사", "다음기사", "인쇄", "프린트",
    "스크랩", "공유", "공유하기", "기사공유", "글자크기", "글씨크기", "크게", "작게", "댓글", "좋아요", "구독",
    "구독하기", "맨위로", "top", "home", "홈", "본문바로가기", "바로가기", "기사보내기", "이메일", "메일",
    "페이스북", "트위터", "카카오톡", "카카오스토리", "네이버블로그", "블로그", "네이버tv", "네이버", "유튜브",
    "인스타그램", "밴드", "텔레그램", "x", "facebook", "twitter", "kakaotalk", "youtube", "instagram",
    "광고", "ad", "advertisement", "sponsored", "스폰서", "제보", "제보하기", "기사제보", "rss",
    "가", "가+", "가-", "저장", "북마크", "추천", "알림", "설정", "more", "+", "모바일", "pc버전",
    "주요파트너", "추천기업", "파트너", "전체", "최신", "인기",
}
_MENU_SPLIT = re.compile(r"[\s|/·,>]+")

# Ads: a line that opens with a bracketed promo tag, "[광고]", "[선착순 마감 임박]", "[AD]".
_AD_TAG = re.compile(r"^[\[【<]\s*(?:광고|AD|PR|선착순|마감\s*임박|이벤트|프로모션|홍보|공지|알림|Sponsored|스폰서)[^\]】>]{0,20}[\]】>]", re.I)

# Copyright and reprint notices, photo credits.
_COPYRIGHT = re.compile(
    r"(?:copyright|all rights reserved|저작권자|무단\s*전재|재배포\s*금지|재판매\s*(?:및|와)?\s*DB\s*금지|ⓒ|©)", re.I
)
_PHOTO_CREDIT = re.compile(
    r"^(?:[\[(<][^\[\]()<>]{1,30}제공[^\[\]()<>]{0,20}[\])>]|(?:사진|자료|그래픽|이미지|영상)\s*[=:/]\s*\S.{0,30})$"
)

# Reporter trailers: "jeonch@yna.co.kr(끝)", "헬로티 이동재 기자 |", "(끝)", "홍길동 기자".
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_END_MARK = re.compile(r"\s*[(\[]\s*끝\s*[)\]]\s*$")
_BYLINE_ONLY = re.compile(r"^(?:\S{2,20}\s+)?[가-힣]{2,4}\s*(?:기자|특파원|통신원|객원기자|인턴기자)(?:\s*[|｜/])?(?:\s*[\w.+-]+@[\w.-]+)?\s*$")

# Page metadata lines, read by metadata.py and then dropped from the text.
_META_LINE = re.compile(
    r"^(?:기사\s*)?(?:등록|입력|수정|승인|게재|발행|작성|업데이트|최종\s*수정|송고)(?:일|일시|시간)?\s*[:：]?\s*\d{4}\s*[.\-/년]"
)
_COUNTER = re.compile(r"^(?:조회수?|댓글|추천|공감|좋아요|구독자?)\s*[:：]?\s*[\d,]+\s*(?:회|개|명)?$")
_VISIT_DATE = re.compile(r"^\d{4}[.\-/]\s*\d{1,2}[.\-/]\s*\d{1,2}\.?\s*\(?[월화수목금토일]\)?(?:요일)?$")
# Page-feedback widgets of FAQ and notice boards: "도움이 되었나요? 예(41) 아니오(2)", "이 페이지에 만족하십니까?"
_FEEDBACK = re.compile(r"^(?:이\s*(?:정보|답변|페이지|내용)(?:가|이|에)\s*)?(?:도움이\s*되(?:었|셨)나요|만족하(?:셨|십)나요|만족하십니까)"
                       r"|^(?:예|네|아니요|아니오)\s*\(\d+\)\s*(?:(?:예|네|아니요|아니오)\s*\(\d+\))?$")
_SOURCE_TRAILER = re.compile(r"^[\[(<]\s*(?:뉴스\s*출처|출처|자료\s*출처)\s*[:：=].{0,60}[\])>]$")

# Only punctuation, digits or list numbering ("-", "3", "1/10").
_NOISE = re.compile(r"^[\W\d_]*$")

# Headings of ranking and headline lists and the like.
_LIST_HEADING = re.compile(
    r"(?:주요\s*뉴스|많이\s*본|많이\s*조회된|인기\s*(?:기사|뉴스)|랭킹|관련\s*(?:기사|뉴스)|추천\s*(?:기사|뉴스)|"
    r"최신\s*(?:기사|뉴스)|실시간\s*(?:뉴스|기사|인기)|핫\s*이슈|포토\s*(?:뉴스|이슈)|헤드라인|오늘의\s*(?:뉴스|기사)|"
    r"이\s*시각|많이\s*읽은|화제의\s*(?:뉴스|기사)|함께\s*보면)"
)

# "더보기" and its cousins: the link under a sidebar section heading.
_SECTION_MORE = re.compile(r"^(?:\+\s*)?(?:더\s*보기|전체\s*보기|more|MORE|More)\s*[+>›»]?$")

# Sentences end in punctuation; headlines ("…3663억원 지원한다") usually do not.
_PROSE_END = re.compile(r"[.!?…。][\"'”’)\]」』]*$")


def is_section_more(line: str) -> bool:
    return bool(_SECTION_MORE.match(_core(line)))


def is_list_heading(line: str) -> bool:
    return len(line) <= 30 and bool(_LIST_HEADING.search(line))


def is_prose(line: str) -> bool:
    """A line that reads as sentences rather than a label or headline."""
    return bool(_PROSE_END.search(line))


def is_headline(line: str) -> bool:
    """Headline-like: several words, not a sentence, not too long."""
    return 8 <= len(line) <= 120 and " " in line and not is_prose(line) and not _NOISE.match(line)


_NAV_SPLIT = re.compile(r"\s*[|｜>›»·]\s*")


def _is_menu(line: str) -> bool:
    """Menu words alone ("URL 복사", "로그인 회원가입") or a navigation bar / breadcrumb:
    three or more short labels between separators ("홈 | 뉴스 | 경제", "홈 > 경제 > 산업")."""
    if line.replace(" ", "").lower() in _MENU_WORDS:
        return True
    words = [w for w in _MENU_SPLIT.split(line.lower()) if w]
    if words and all(w in _MENU_WORDS for w in words):
        return True
    parts = _NAV_SPLIT.split(line)
    return len(parts) >= 3 and all(1 <= len(p) <= 8 for p in parts)


# a table of contents' line ("Ⅱ. 신청자격 및 제외대상 ……………… 2"): dot leaders, then a page number
_CONTENTS = re.compile(r"(?:…{2,}|·{4,}|\.{4,}|ㆍ{4,})\s*-?\s*\d{1,3}\s*-?\s*$")


def is_contents_line(line: str) -> bool:
    return bool(_CONTENTS.search(line))


def chrome_rule(line: str) -> str | None:
    """The name of the chrome rule a (normalised) line falls under, or None for text."""
    core = _core(line)
    if not core or _NOISE.match(core):
        return "noise"
    short = len(core) <= 60
    if short and _WEATHER.search(core) and not is_prose(core):
        return "weather"
    if _AIR.match(core) or (len(core) <= 30 and _WEATHER_CREDIT.search(core)):
        return "weather"
    if _is_menu(core):
        return "menu"
    if _AD_TAG.match(core):
        return "ad"
    if len(core) <= 150 and _COPYRIGHT.search(core):
        return "copyright"
    if _PHOTO_CREDIT.match(core):
        return "photo-credit"
    if _META_LINE.match(core) or _COUNTER.match(core) or _VISIT_DATE.match(core):
        return "page-meta"
    if short and _FEEDBACK.search(core):
        return "feedback"
    if _SOURCE_TRAILER.match(core):
        return "source-trailer"
    if is_contents_line(core):
        return "contents"
    if _BYLINE_ONLY.match(core) or _END_MARK.sub("", _EMAIL.sub("", core)).strip(" |/") == "":
        return "reporter"
    return None


def strip_trailers(line: str) -> str:
    """Remove a reporter e-mail and "(끝)" left at the end of a body line."""
    line = _END_MARK.sub("", line)
    line = re.sub(r"\s*/?\s*" + _EMAIL.pattern + r"\s*$", "", line)
    return line.strip()
