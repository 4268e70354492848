"""Where a document says who may apply: its lines and sentences about eligibility, each with whether it
is in a list of exclusions and whether it is in an eligibility section.

A section is opened by a heading that names eligibility (신청자격, 지원대상, 신청 제외 …, as a Markdown or
numbered heading, a bare web heading, a card's question "누가 신청할 수 있나요?", an emoji heading, a table's
heading row or row label, a 제N조 article) and ended by the next heading or a labelled line of another
part of the notice (접수방법 :, | 제출서류 |). Lines are normalised first: hard-wrapped lists and bounds
joined, box-drawn tables read as Markdown's, spaced-out table labels closed up, a table of contents and
emoji left out. Lines about scoring (우대, 가점) and lines of one track only are never returned.
"""

import re
import unicodedata

from ..ingest.chrome import is_contents_line

# a section heading ("## 3. 신청자격", "3. 신청자격", "□ 지원대상", "Ⅱ. …"); items under one ("가.", "1)", "○")
# are its content unless they name an eligibility section themselves
_HEADING = re.compile(r"^\s*(?:#{1,6}\s*|<\s*표\s*\d+\s*>\s*|(?:\d{1,2}|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+)\s*[.]\s*|\d{1,2}-\d{1,2}\.?\s+|[□■◆◇▣]\s*|\[\s*)")

_ARTICLE = re.compile(r"^\s*제\s*\d+\s*조\s*\(([^)]{1,20})\)\s*")

_STATES = re.compile(r"(?:기업|업체|자|것|이상|이하|미만|초과|이내|보유|[다음함])\.?\s*\)?$")  # a numbered line that states, not a heading

_ITEM = re.compile(r"^[\s#□■◆◇▣○◦●▶▷►✔✓✖✗📍▪\-·•*\[\]]*(?:[가-하]\s*[.)]\s*|\([가-하]\)\s*|\(?\d{1,2}\)\s*|[①-⑳]\s*)?")

_NOT_COMPANIES = r"(?!\s*(?:항목|비용|경비|품목|대상\s*비용))"  # "지원 제외 비용": costs, not companies

_ELIGIBILITY_HEADING = re.compile(r"누가\s*신청|(?:이런|다음|아래)\s*(?:기업|업체|경우)(?:은|는|이|가)\s*신청할\s*수\s*(?:없|있)|신청\s*자격|지원\s*대상|대상\s*세부|세부\s*(?:요건|자격)|참여\s*대상|신청\s*대상|모집\s*대상|자격\s*요건|신청\s*요건|제외\s*대상|제외\s*사유|"
                                  r"지원\s*제외" + _NOT_COMPANIES + r"|참여\s*제한|^\W*(?:eligibility|requirements?|who\s+(?:can|may)\s+apply)\b")

_ELIGIBILITY_SENTENCE = re.compile(
    r"지원\s*대상|신청\s*대상|참여\s*대상|모집\s*대상|신청\s*자격|참여\s*자격|대상은|대상으로\s*(?:하며|한다|모집|본다|봅니다)|"
    r"(?:지나야|경과해야|경과하여야|지난)\s*(?:하|합|한|신청|기업|업체)|(?:으로|로)\s*한정(?:된다|됩니다|한다|합니다|함)|(?<!하)(?:이어야|여야)\s*(?:하며|합니다|한다|함|하고)|"
    r"기업만|업체만|제외(?:된다|한다|하며|되며|되는|됩니다|합니다|함|\s*대상)|(?:업|기업|업체)(?:은|는)\s[^.]{0,60}?(?:빠졌|빠진다|빠집니다|제외됐|제외되었|제외했|제외합니다)|신청할\s*수\s*(?:있|없)|참여할\s*수\s*(?:있|없)|"
    # said, not written: "… 곳은 안 됩니다", "… 업체는 대상이 아닙니다", "… 받으신 곳도 신청하실 수 없습니다"
    r"(?:신청|참여)하실\s*수\s*(?:있|없)|대상이\s*(?:아닙|아니)|제외(?:입니다|예요|이에요|이고요)|^제외(?:는|대상은)\s|(?:곳|기업|업체|회사|데)(?:은|는|도)\s*(?:[^.]{0,12}\s)?안\s*(?:됩니다|돼요|되고|된다|되며)|"
    r"(?:개사|곳|개\s*기업)(?:를|을)?\s*(?:선정|모집)|중복\s*(?:지원|수혜)(?:이|가|은|는)?\s*(?:되지\s*않|안\s*(?:됩니다|돼|되)|불가|제한)|"
    r"(?:도내|관내|시내|군내|지역)\s*(?:\d+\s*개\s*시[·ㆍ]?군\s*)?(?:중소|중견|제조)[^.]{0,20}?(?:기업|업체)(?:의|을|를|에|과)|(?:기업|업체)(?:을|를)?\s*대상|(?:지원|신청|참여)(?:이|은|는)?\s*불가"
)

# the label of another part of a notice (a table row's first cell, "접수방법 : …", "□ 제출서류"): the
# lines it heads say how, when and with what to apply, how companies are chosen, what the support is
# or where to ask, not who may apply
_OTHER_PART = re.compile(r"(?:(?:접수|신청|모집|공모|제출|지원|사업|추진|선정|평가|협약)\s*(?:기간|기한|일정|일시|방법|절차|처|장소|서류|"
                         r"규모|내용|금액|한도|예산|개요|기준|방식|형태)|(?:제출|구비|증빙)\s*서류|서류|방법|절차|장소|선정|평가|일정|문의(?:처)?|연락처|"
                         r"(?:접수|신청|모집|제출)?\s*마감(?:일|일시|기한)?|(?:수행|협약|운영|교육)\s*기간|(?:사업\s*)?설명회|"
                         r"담당(?:\s*부서|자)?|이전\s*글|다음\s*글|첨부(?:\s*파일)?|붙임)")

# a heading about another party ("[별첨 1] 인증기관(수행기관) 요건 ※ 신청기업의 자격 요건이 아님") or that says
# it is not about who may apply
# a heading over other programmes ("참고: 같은 시기 다른 기관 사업 (…사업 아님)", "같이 보면 좋은 글",
# "관련 사업"): their conditions are theirs, not this programme's, up to the next heading
_ELSEWHERE = re.compile(r"(?:다른|타)\s*기관(?:의)?\s*[^|]{0,30}사업|사업\s*(?:이\s*)?아님|(?:관련|유사|연계)\s*(?:지원\s*)?사업|"
                        r"(?:같이|함께)\s*보면|다른\s*지원\s*사업|(?:다른|관련|추천|인기|이전)\s*(?:글|게시물|포스트)|(?:다른|타)\s*(?:지역|시[·ㆍ]?\s*군)\s*(?:의\s*)?(?:지원\s*)?사업")
_OTHER_PARTY_HEADING = re.compile(r"수행기관|공급기업|운영기관|인증기관|전문기관|(?:자격|요건)\s*(?:이|은)?\s*(?:아님|아닙|아니)")

_SPACED = re.compile(r"[가-힣](?: {1,3}[가-힣]){1,5}")  # a table cell spaced out: "소 재 지", "신 청 요 건", "업  력"



def markdown_tables(text: str) -> str:
    """Box-drawn tables ("┃ 소 재 지 ┃ 김해시 … ┃") with Markdown's cell bars."""
    return re.sub(r"[│┃║]", "|", text)


def _unframed(line: str) -> str:
    """"ㅡㅡ 신청대상 ㅡㅡㅡㅡ", "── 신청제외 ──": a heading between rules, as its words."""
    m = re.fullmatch(r"[ㅡ─━=\-~]{2,}\s*(.+?)\s*[ㅡ─━=\-~]{2,}", line)
    return m.group(1) if m else line


def unspaced(line: str) -> str:
    """A table row with its spaced-out cells ("| 업  력 | 1년 이상 |") written together ("| 업력 | …")."""
    if not line.startswith("|"):
        return line
    return "|".join(c.replace(" ", "") if _SPACED.fullmatch(c.strip()) else c for c in line.split("|"))



_EMOJI = re.compile(r"^(?:[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F\u20E3]|[0-9#*]\uFE0F?\u20E3)+\s*")

_MARKS = "□■◆◇▣○◦●▶▷►✔✓✖※☐☑▪•"  # list markers, not a heading's emoji

_LABELLED = re.compile(r"^[\s#□■◆◇▣○◦●▶▷►✔✓✖\-·•*]*(?:[가-하]\s*[.)]\s*|\(?\d{1,2}\)\s*|\d{1,2}\s*[.]\s*)?([가-힣][가-힣 ]{0,9}?)\s*[:：]")

# a correction notice's old wording ("[변경 전] …", "정정 전 : …") no longer holds; the new wording does
_SUPERSEDED = re.compile(r"^\s*[\[(<]?\s*(?:변경|정정|수정)\s*전\s*[\])>:：]")

# a line that names one field of who may apply, its value after the label ("규모 | Size: …", "업력: 3년 이상")
_FIELD_LABEL = re.compile(r"^(?:소재지|지역|업종|규모|기업\s*규모|업력|인증|매출액?|상시\s*근로자(?:\s*수)?|지원\s*이력)\s*[|:：]")
_EXCLUSION_COLUMN = re.compile(r"(?:신청\s*)?(?:제외|불가|제한)(?:\s*대상|\s*기업)?|신청\s*불가")
_EXCLUDED_CELL = "[제외] "  # marks a 제외 column's cell, read as an exclusion on its own
_AN_ITEM = re.compile(r"체납|휴업|폐업|수혜|(?:기업|업체|곳|회사|중)$")
_CROSSED = re.compile(r"^[✕✖❌✗×🚫⛔]|[✕✖❌✗×]\s*$")  # a heading opening or ending in a cross: the lines under it are excluded
_REMARK = r"(?:비\s*고|참\s*고|remarks?|note)"  # a table's remark column, by its header
_REMARK_CELL = re.compile(rf"^{_REMARK}\s*[:：]\s*(?=\S)", re.I)  # a row's remark cell, under its header
_REMARK_IN_ROW = re.compile(rf"\s*\|\s*{_REMARK}\s*[:：]\s*(?=\S)", re.I)

_CHANGED = re.compile(r"^\s*[\[(<]?\s*(?:변경|정정|수정)\s*후\s*[\])>:：]\s*")

_NUMBERED_HEADING = re.compile(r"^0?\d{1,2}\s+[가-힣A-Za-z&·\s]{2,24}?\s*(?:\([^)]{1,10}\))?$")

_ELIGIBLE_VERB = re.compile(r"신청(?:하실|할)\s*수\s*있|신청\s*가능|참여(?:하실|할)\s*수\s*있")

_NEGATED = re.compile(r"수\s*없|제외|불가|(?:은|는)\s*해당\s*없|빠졌|빠진다|빠집니다|빠지며|해당(?:하|되)지\s*않|대상\s*(?:이\s*)?(?:아니|아닙|아님)|안\s*(?:된다|됩니다|돼요|되고요|되며)")

_SCORING = re.compile(r"우대|가점|가산점|\d+\s*점\b|배점|우선\s*(?:지원|선정|배정|검토)|\+\s*\d+\s*(?:점)?\s*$")  # "… 기업 ..... +2": points

_TRACK = re.compile(r"^\s*[-·•*○※]?\s*(?:(?:트랙|Track|Type)\s*[A-Z0-9]{1,2}(?:\s*(?:은|는|의|[:：])|\s)|(?:기초|고도화\s*\d?|[가-힣A-Za-z0-9]{1,10}(?:형|트랙|분야|유형))\s*(?:\([^)]*\))?\s*[:：]|"
                    r"(?:기초|고도화\s*\d?|Type\s*[A-Z]|[A-Z]\s*형)(?:\s*[·,]\s*(?:기초|고도화\s*\d?|Type\s*[A-Z]|[A-Z]\s*형))*"
                    r"\s*(?:신청\s*)?(?:기업|유형)?\s*(?:은|는)\s|[가-힣A-Za-z0-9 ]{1,12}(?:유형|트랙)\s*(?:은|는)\s|"
                    r"[「『\"'‘“][^」』\"'’”]{1,30}[」』\"'’”]\s*(?:유형|트랙|분야|과제)\s*(?:은|는|의))")

_WHO_MAY = re.compile(r"신청\s*자격|지원\s*대상|참여\s*대상|신청\s*대상|모집\s*대상|자격\s*요건")

_EXCLUSION_HEAD = re.compile(r"(?:신청\s*)?(?:제외\s*대상|제외\s*사유|지원\s*제외|신청\s*제외|참여\s*제한|제외(?=\s*[:：])|"
                             r"^\W*(?:exclusions?|ineligible|not\s+eligible|who\s+(?:cannot|can't)\s+apply)\b)(?!\s*(?:항목|비용|경비|품목|대상\s*비용))\s*[:：]?\s*")

# "다음 요건을 모두 갖춘 기업이다" / "다만 다음에 해당하는 기업은 신청할 수 없다": the list items under it
# ("- …") state who may apply / who may not
_LEAD_IN = re.compile(r"\b(?:all|any|one|each)\s+of\s+the\s+following\b|(?:다음|아래)(?:의)?\s*(?:(?:요건|조건|자격|사항|각\s*호)?[^.]{0,20}?(?:갖춘|충족|해당|모두)|(?:기업|업체|경우)(?:은|는|에|도)?\s)|"
                      r"(?:기본|신청|참여)\s*(?:자격|요건)(?:을|은|부터)?\s*(?:간단히\s*|먼저\s*)?(?:정리|안내|말씀)")  # "먼저 기본 자격 간단히 정리해 드릴게요"

_LIST_ITEM = re.compile(r"^\s*(?:[-·•*▪◦]|\(?\d{1,2}\)|\(?[가-하]\)|[①-⑳])")

# other industries a programme names to exclude ("정보통신업, 도소매업, 서비스업을 주업종으로 하는 기업은 … 신청할 수 없")
_PROSE_LINE = re.compile(r"(?:다|요|니다|음|함)\s*[.!?]?\s*$|[?？]\s*$")

_SENTENCE_END = re.compile(r"(?<=[다요음함])\.\s+|(?<=[.!?])(?<!\d\.)\s+(?=[가-힣A-Z])")  # not inside a date ("2024. 2. 23. 이전")



def _label(line: str) -> str:
    """The label of a labelled line: a table row's first cell ("| 제출서류 | … |") or the words
    before a colon ("- 접수방법 : 온라인"); "" for other lines."""
    if line.startswith("|"):
        cells = [c.strip() for c in line.strip("|").split("|")]
        return cells[0] if cells[0] and len(cells[0]) <= 20 and sum(bool(c) for c in cells) >= 2 else ""
    m = _LABELLED.match(_SUPERSEDED.sub("", _CHANGED.sub("", line)))  # "[변경 후] 지원규모 : …"
    return m.group(1) if m else ""



# a digest's numbered stories ("[1] (공고) 2026 … 실증 지원사업", "[2] (대덕구) … 2차 모집"): a newsletter or
# a news round-up; its programme is the first story, the others are other programmes (up to the next story)
_STORY = re.compile(r"^\s*\[(\d{1,2})\]\s*(?:\([^()]{1,12}\)\s*)?\S.{8,}")
_STORY_WORDS = re.compile(r"모집|공고|지원\s*사업|사업|컨설팅|교육|행사|설명회|과정|매칭")


def other_story(line: str) -> bool | None:
    """True on the heading of a digest's second or later story, False on its first, None on other lines."""
    m = _STORY.match(line)
    if not m or len(line.strip()) > 80 or _ELIGIBILITY_HEADING.search(line) or not _STORY_WORDS.search(line):
        return None
    return int(m.group(1)) >= 2


def _stories(lines: list[str]) -> list[bool | None]:
    """other_story of each line, but None on a contents list (story titles one after another)."""
    found = [other_story(x) if x.strip() else None for x in lines]
    filled = [i for i, x in enumerate(lines) if x.strip()]
    listed = {i for a, b in zip(filled, filled[1:]) if found[a] is not None and found[b] is not None for i in (a, b)}
    return [None if i in listed else f for i, f in enumerate(found)]


def own_lines(text: str) -> list[str]:
    """The text's lines but those of other programmes (under "참고: 같은 시기 다른 기관 사업 …", _ELSEWHERE,
    up to the next heading; a digest's later stories, other_story): what the whole-text reads see."""
    out, elsewhere, story = [], False, False
    lines = text.split("\n")
    for line, starts in zip(lines, _stories(lines)):
        if starts is not None:
            story = starts
        if story:
            continue
        cells = [c for c in line.strip().strip("|").split("|") if c.strip()]
        heading = len(line) <= 60 or len(cells) == 1
        if heading and _ELSEWHERE.search(line):
            elsewhere = True
        elif elsewhere and heading and (_HEADING.match(line.strip()) or _ELIGIBILITY_HEADING.search(line)):
            elsewhere = False
        if not elsewhere:
            out.append(line)
    return out


def _other_part(line: str) -> bool:
    """A labelled line of another part of a notice (a summary table's 제출서류 row, "접수방법 : …")."""
    return bool(_OTHER_PART.fullmatch(re.sub(r"\s+", "", _label(line))))



_WRAPPED_LIST = re.compile(r"[,·ㆍ]\s*$")  # a line cut inside a list: "… 고성군, 남해군, 하동군,"

# a line ending on a particle, or on an English word a clause cannot end on ("… and not more than"): its clause goes on
_OPEN_END = re.compile(r"[가-힣](?:을|를|의|에|및|와|과|에서|으로)\s*$|\b(?:than|of|to|and|or|at|in|on|the|a|an|for|with|from|by)\s*$")
_CONTINUES = re.compile(r"^\s*(?:미만|이하|이상|초과|이내|·)")

_STARTS_ITEM = re.compile(r"^\s*(?:[-·•*▪◦○□■◆◇▣●▶▷►✔✓✖※|#]|\(?\d{1,2}[.)]|[가-하][.)]|[①-⑳]|Q\s*\d|A\s*[.:])")



# a chat export's speaker and time before a message ("[광주시청 기업지원과 한주무관] [오후 2:53] …", "[07:41:33]
# 김태훈: …"): who said it is no part of what was said
_CHAT_PREFIX = re.compile(r"^(?:\[[^\]\d]{1,30}\]\s*)?\[(?:오전|오후|AM|PM)?\s*\d{1,2}:\d{2}(?::\d{2})?\]\s*"
                          r"(?:[^\s:：\[][^:：\[]{0,20}[:：]\s)?")
_ANSWER_MARK = re.compile(r"^(?:A|답|답변)\s*\d{0,2}\s*[.:：)]\s+(?:(?:네|예|아니요|아닙니다)\s*[.,]\s*)?")  # an FAQ's answer: "A. 네. …"
_RULE_LINE = re.compile(r"^\s*[─━═┼├┤┬┴┌┐└┘╋┣┫┳┻┏┓┗┛╠╣╦╩╔╗╚╝+\-=|│┃║:\s]+$")  # a table's rule: no text


_BOX_BARS = ("│", "┃", "║")  # a box-drawn table's cell bars (a Markdown table's is "|")


def row_cells(line: str) -> list[str]:
    """A table row's cells, Markdown or box-drawn."""
    return [c.strip() for c in re.split(r"[|│┃║]", line.strip().strip("|│┃║"))]


def _tabled(line: str, bars: tuple = ("|",) + _BOX_BARS) -> bool:
    return line.lstrip().startswith(bars)


_COLUMN_HEAD = re.compile(r"자격|요건|대상|제외|제한|우대|가점|가산점")
_CIRCLED = re.compile(r"\s*(?=[①-⑳])")


_WORD_END = tuple("은는이가을를에의도로와과고며서다요함음및,.)")


def _join_cell_lines(parts: list[str]) -> str:
    """A cell's lines as one text: a word cut at the cell's edge ("제" / "조업", "지원사" / "업을") is joined
    back; a line that ends on a particle or ending ("김해시에" / "공장등록을") starts a new word."""
    text = ""
    for part in parts:
        glue = "" if (text and re.match(r"[가-힣]", part) and re.search(r"[가-힣]$", text)
                      and not text.endswith(_WORD_END)) else " "
        text = (text + glue + part) if text else part
    return text


def column_lists(lines: list[str]) -> list[str]:
    """A table whose columns are lists side by side ("│ 신청 자격 (모두 충족) │ 신청 제외 (하나라도 해당) │ 우대
    사항 │", each column's items ① … ② … wrapping on their own, the rows not aligned): each column as a
    heading and its items, one per line. A short line between the rows (a page's running head) is skipped."""
    out, i = [], 0
    while i < len(lines):
        line = lines[i]
        cells = row_cells(line) if _tabled(line) else []
        heads = [re.sub(r"\s+", "", c) for c in cells]
        if not (len(cells) >= 2 and all(h and len(h) <= 16 and _COLUMN_HEAD.search(h) and not re.search(r"[\d①-⑳]|기업$", h)
                                        for h in heads)
                and any(_ELIGIBILITY_HEADING.search(h) or _EXCLUSION_HEAD.search(h) for h in heads)):
            out.append(line)
            i += 1
            continue
        columns, j = [[] for _ in cells], i + 1
        while j < len(lines):
            row = lines[j]
            if _tabled(row) and not _RULE_LINE.match(row):
                got = row_cells(row)
                if len(got) != len(cells):
                    break
                for k, c in enumerate(got):
                    if c:
                        columns[k].append(c)
            elif not (_RULE_LINE.match(row) or (len(row.strip()) <= 60 and j + 1 < len(lines)
                                                  and _tabled(lines[j + 1]))):
                break
            j += 1
        if not any(columns):
            out.append(line)
            i += 1
            continue
        for head, column in zip(heads, columns):
            out.append(head)
            out += [f"- {item.strip()}" for item in _CIRCLED.split(_join_cell_lines(column)) if item.strip()]
        i = j
    return out


def _unclosed(row: str) -> bool:
    """A row one of whose cells opens a bracket it does not close ("2024년~2025년 「대구 협동로봇 활용"): it wraps."""
    return any(c.count(a) > c.count(b) for c in row_cells(row) for a, b in ("「」", "『』", "()"))


def _ruled_rows(lines: list[str]) -> set[int]:
    """The lines of box tables that draw a rule between every two rows ("├──┼──┤"): there a line right
    under a row, with no rule between, wraps that row, its first cell too ("│신청 제외│ …" then "│ 대상 ⑤ │ …")."""
    wraps, table = set(), []
    for n, line in enumerate(lines + [""]):
        if _tabled(line, _BOX_BARS) or (line.strip() and _RULE_LINE.match(line) and table):
            table.append(n)
            continue
        rules = [k for k in table if _RULE_LINE.match(lines[k])]
        inside = [k for k in rules if table[0] < k < table[-1]]
        if len(inside) >= 2:  # rules between the rows, not only under the header
            wraps |= {k for k in table if k - 1 in table and not _RULE_LINE.match(lines[k]) and not _RULE_LINE.match(lines[k - 1])}
        table = []
    return wraps


def join_wrapped_rows(lines: list[str]) -> list[str]:
    """A box-drawn table's cells wrap onto the next line, the other cells left blank ("│ 3-2 품질 검사장비 │
    2025년 김포시 … 지원사업 │" then "│ │ 수혜기업 (2024년 이전 수혜는 무관) │"): one row, each cell joined. A
    rule line ends a row; a row that starts with text in its first cell is a new row. (A Markdown table's
    rows never wrap: a row with a blank first cell there is a row of its own under the same label.)"""
    out: list[str] = []
    ruled = _ruled_rows(lines)
    for n, line in enumerate(lines):
        prev = out[-1] if out else ""
        boxed = _tabled(line, _BOX_BARS) and _tabled(prev, _BOX_BARS)
        if (boxed and not _RULE_LINE.match(prev) and len(row_cells(line)) == len(row_cells(prev)) >= 2
                and (not row_cells(line)[0] or n in ruled or _unclosed(prev)) and any(row_cells(line)[1:])):
            joined = [f"{a} {b}".strip() for a, b in zip(row_cells(prev), row_cells(line))]
            out[-1] = "│ " + " │ ".join(joined) + " │"
            continue
        out.append(line)
    return out


_BEFORE_COLUMN = re.compile(r"(?:정정|변경|수정)전|(?:당초|기존)(?:공고)?$|^(?:전년도?|작년|지난해)(?:공고|기준)?$")
_AFTER_COLUMN = re.compile(r"(?:정정|변경|수정)후|^(?:올해|금년도?|당해\s*연도)(?:공고|기준)?$")
_YEAR_COLUMN = re.compile(r"^(20\d{2})년?(?:도)?(?:\([^()]{1,8}\))?(?:공고|기준)?$")  # a column of one year's wording


def drop_superseded_columns(lines: list[str]) -> list[str]:
    """A correction notice's table of "항목 | 정정 전 | 정정 후": its rows without the old wording's cell
    (the new one holds; "[정정 전] …" lines are left out the same way, _SUPERSEDED)."""
    out, drop, width = [], None, 0
    for line in lines:
        if not _tabled(line):
            drop = None if not _RULE_LINE.match(line) or not line.strip() else drop
            out.append(line)
            continue
        cells = row_cells(line)
        squeezed = [re.sub(r"\s+", "", c) for c in cells]
        before = [i for i, c in enumerate(squeezed) if _BEFORE_COLUMN.search(c)]
        years = {i: int(m.group(1)) for i, c in enumerate(squeezed) if (m := _YEAR_COLUMN.match(c))}
        if len(set(years.values())) == 2 and len(years) == 2:  # "| 구분 | 2025년(전년도) | 2026년(올해) |"
            before = [min(years, key=years.get)]
            after = True
        else:
            after = any(_AFTER_COLUMN.search(c) for c in squeezed)
        if before and after:
            drop, width = before[0], len(cells)
        if drop is not None and len(cells) == width and not _RULE_LINE.match(line):
            line = "| " + " | ".join(c for i, c in enumerate(cells) if i != drop) + " |"
        out.append(line)
    return out


def _unwrap(text: str) -> str:
    """Join prose hard-wrapped at a fixed width inside a list ("… 하동군,\n  산청군, … 가운데 한 곳에 …
    합니다. 창원시·\n  김해시·양산시 등 … 신청할 수 없습니다."), then put each of its sentences on a line."""
    out: list[str] = []
    joined = False
    for line in text.split("\n"):
        prev = out[-1] if out else ""
        if (len(prev.strip()) >= 40 and _WRAPPED_LIST.search(prev) and not prev.lstrip().startswith("|")
                and line.strip() and not _STARTS_ITEM.match(line)):
            out[-1] = prev.rstrip() + " " + line.strip()
            joined = True
            continue
        if (prev.strip() and not prev.lstrip().startswith("|") and line.strip()
                and (not _STARTS_ITEM.match(line) or re.match(r"\s*·\S", line))  # "·심사비)을": not a bullet
                and (prev.count("(") > prev.count(")") or _CONTINUES.match(line) or _OPEN_END.search(prev)
                     or len(line.strip()) <= 2)):
            # "… 5인 이상 300인\n미만인 기업(4대보험 …", "… 비용(컨설팅비\n·심사비)을 …", "… 거제시 에 공장을\n보유한
            # 중소기업", "50인 미\n만": a line cut inside a bound, a bracket, after a particle or inside a word
            glue = "" if line.lstrip().startswith("·") or len(line.strip()) <= 2 else " "
            out[-1] = prev.rstrip() + glue + line.strip()
            continue
        if joined:
            out[-1:] = _SENTENCE_END.split(out[-1])
            joined = False
        out.append(line)
    if joined:
        out[-1:] = _SENTENCE_END.split(out[-1])
    return "\n".join(out)



def eligibility_sentences(text: str) -> list[tuple[str, bool, bool]]:
    """The lines and sentences that say who may apply (scoring and track-only lines left out),
    each with whether it is in a list of exclusions ("신청 제외 대상" and the lines under it, up to
    the next heading) and whether it is in an eligibility section (not a sentence of free text)."""
    out, in_section, excluding = [], False, False
    elsewhere = False  # under a heading over other programmes (_ELSEWHERE)
    listing = None  # (excluding,) while the items under a lead-in sentence of free text run
    lines = [_ANSWER_MARK.sub("", _CHAT_PREFIX.sub("", _unframed(unspaced(x.strip()))))
             for x in _unwrap(markdown_tables("\n".join(join_wrapped_rows(text.split("\n"))))).split("\n")]
    lines = [x for x in lines if x and not is_contents_line(x)]  # a PDF's table of contents: neither heading nor condition
    before_table = None  # whether the text was excluding before a table: a table's row labels ("신청제외") end with it
    story = False  # within a digest's later story (other_story)
    remark_column = (None, 0)  # (the 비고 column of the table being read, its width)
    exclusion_column = None  # the 제외 column of the table being read (same width)
    labelled_exclusion = False  # (excluding before, the list it ended) while an exclusion opened as one field of a list of fields runs
    for stripped, starts in zip(lines, _stories(lines)):
        if starts is not None:
            story = starts
            in_section, excluding, listing = False, False, None
        if story:
            continue
        if before_table is not None and _RULE_LINE.match(stripped):
            continue  # a box table's rule between its rows: the table goes on
        if stripped.startswith("|"):
            before_table = excluding if before_table is None else before_table
        elif before_table is not None:
            excluding, before_table = before_table, None
        head_cells = row_cells(stripped) if stripped.startswith("|") else []
        if (len(head_cells) == 2 and all(c and len(c) <= 20 and not re.search(r"\d", c) for c in head_cells)
                and not _NEGATED.search(head_cells[0]) and not _ELIGIBLE_VERB.search(head_cells[0])
                and re.search(r"신청할\s*수\s*없|제외\s*대상|제한\s*대상|참여\s*제한", head_cells[-1])):
            excluding = True  # "| 신청 사업 | 신청할 수 없는 기업 |": the table's rows say who may not apply
            continue
        if len(stripped) <= 20 and _CROSSED.search(stripped) and not _STATES.search(stripped) and not _AN_ITEM.search(stripped):
            # a card's heading "이런 곳은 ✕": the lines under it may not apply
            in_section, excluding, listing, elsewhere = True, True, None, False
            continue
        if (len(stripped) <= 30 and unicodedata.category(stripped[0]) == "So" and stripped[0] not in _MARKS
                and "?" not in stripped and not (_STATES.search(stripped) and (not excluding or _AN_ITEM.search(stripped)))):
            # (under an exclusion heading "💸 국세·지방세 체납 중인 기업" is an item, "💡 참고로 알아두시면 좋은 것" a heading)
            # "📌 공고문 '신청자격' 부분 옮겨요", "🤔 제가 헷갈렸던 것들 (매니저님 답변 정리)": a blog's or card's heading
            in_section = bool(_ELIGIBILITY_HEADING.search(stripped) or _EXCLUSION_HEAD.search(stripped)) and not _SCORING.search(stripped)
            elsewhere = bool(_ELSEWHERE.search(stripped))
            # "⚠ 신청 제외 대상", "❌ 이런 기업은 신청할 수 없어요"
            excluding = (in_section and bool(_EXCLUSION_HEAD.search(stripped) or re.search(r"수\s*없", stripped))
                         and not _WHO_MAY.search(stripped))
            listing = None
            continue
        stripped = _EMOJI.sub("", stripped)  # "📅 접수: …", "1️⃣ 공고일 현재 …": the line without its emoji
        if not stripped:
            continue
        cells = [c.strip() for c in stripped.strip("|").split("|")] if stripped.startswith("|") else []
        if len([c for c in cells if c]) >= 3 and all((len(c) <= 6 and not re.search(r"\d", c)) or _YEAR_COLUMN.match(re.sub(r"\s+", "", c))
                                                     for c in cells if c):
            # "| 연번 | 점검 항목 | 확인 서류 | 예 | 아니오 |", "| 구분 | 2026년(올해) | 비고 |": a table's header row;
            # the cells of its 비고 column are remarks
            remark_column = next((i for i, c in enumerate(cells) if re.fullmatch(rf"{_REMARK}s?", c, re.I)), None), len(cells)
            exclusion_column = next((i for i, c in enumerate(cells) if _EXCLUSION_COLUMN.fullmatch(c)), None)
            continue
        if cells and remark_column[0] is not None and len(cells) == remark_column[1] and cells[remark_column[0]]:
            cells[remark_column[0]] = "비고: " + cells[remark_column[0]]
            stripped = "| " + " | ".join(cells) + " |"
        if (cells and exclusion_column is not None and len(cells) == remark_column[1] and cells[exclusion_column]
                and cells[exclusion_column] not in ("-", "–", "—", "없음", "해당 없음")):
            # "| 구분 | 자격요건 | 제외 |": the 제외 column's cell says who may not apply; the row's other cells who may
            cells[exclusion_column] = "비고: " + _EXCLUDED_CELL + cells[exclusion_column]
            stripped = "| " + " | ".join(cells) + " |"
        elif cells and exclusion_column is not None and len(cells) == remark_column[1]:
            cells[exclusion_column] = ""
            stripped = "| " + " | ".join(cells) + " |"
        if not cells:
            remark_column, exclusion_column = (None, 0), None
        if listing is not None:
            # the items: list lines (their markers may be gone, as a Markdown list reads), table rows;
            # the list ends at a heading ("Q9. …", "## …") or a line of prose
            row = stripped.startswith("|")
            cells = [c for c in stripped.strip("|").split("|") if c.strip()] if row else []
            heading = ((row and len(cells) <= 1) or _HEADING.match(stripped) or re.match(r"^Q\s*\d", stripped) or _other_part(stripped)
                       or _EXCLUSION_HEAD.match(stripped[_ITEM.match(stripped).end():])
                       or (len(stripped) <= 20 and _ELIGIBILITY_HEADING.search(stripped)))
            # a "※ …" remark under an item belongs to the list; it does not end it
            item = not heading and (_LIST_ITEM.match(stripped) or row or stripped.startswith("※")
                                    or not _PROSE_LINE.search(stripped))
            if item:
                body = (" ".join(c.strip() for c in stripped.strip("|").split("|") if c.strip()) if row
                        else stripped[_ITEM.match(stripped).end():].strip())
                if body and not _SCORING.search(body) and not _TRACK.match(body):
                    out.append((body, listing, True))
                continue
            ended, listing = listing, None
        else:
            ended = None
        cells = [c.strip() for c in stripped.strip("|").split("|")] if stripped.startswith("|") else []
        filled = [c for c in cells if c]
        if cells and len(filled) == 1 and cells[0] and len(cells[0]) <= 60:  # "| 신청 자격 | |": a heading row (or a caption)
            in_section = bool(_ELIGIBILITY_HEADING.search(cells[0])) and not _SCORING.search(cells[0])
            elsewhere = bool(_ELSEWHERE.search(cells[0]))
            excluding = in_section and bool(re.search(r"제외|제한", cells[0]))
            continue
        if _other_part(stripped):  # "| 제출서류 | 사업신청서, … |", "접수방법 : 진흥원 누리집 …"
            in_section, excluding = False, False
            continue
        if cells and _ELIGIBILITY_HEADING.search(_label(stripped)) and not _SCORING.search(_label(stripped)):
            # "| 신청자격 | 소재지 | 공고일 현재 … |": a summary table's row of who may apply; the rows
            # under it without a label of their own ("| | 업종 | 제조업 |") too
            in_section, excluding = True, bool(re.search(r"제외|제한", _label(stripped)))
            cells = cells[1:]
        if cells:  # "| 소재지 | 공고일 현재 김포시에 … |": the row's text; its remark cell ("비 고: …") a sentence of its own
            stripped = " ".join(("※ " + _REMARK_CELL.sub("", c)) if _REMARK_CELL.match(c) else c for c in cells if c)
        body = stripped[_ITEM.match(stripped).end():]
        head = _EXCLUSION_HEAD.match(body)
        if labelled_exclusion and not head and _FIELD_LABEL.match(body):
            # "제외대상 | Excluded: 도매·소매업 …" then "규모 | Size: …": the next field's line ends the exclusion
            # (and the list of fields it interrupted goes on)
            (excluding, listing), labelled_exclusion = labelled_exclusion, False
            if listing is not None:
                if not _SCORING.search(body):
                    out.append((body, listing, True))
                continue
        if head:  # "라. 제외 대상 : …", "○ 신청 제외", "- 신청 제외 대상": what follows (and the lines under it) excludes
            # (a bare label with its list on the line, "• 제외: 체납, 휴·폐업, …" in a summary, excludes that line only)
            line_only = body[:head.end()].strip().rstrip(":：").strip() == "제외" and bool(body[head.end():].strip())
            if not excluding and body[head.end():].strip():
                labelled_exclusion = (excluding, ended)  # a field of a list of fields, its value on the line
            carried, excluding = excluding, True
            stripped = body[head.end():].strip()
            if not stripped or re.match(r"(?:및|와|과|[·/,])\s", stripped):  # "제외 대상 및 중복 수혜": the heading goes on
                continue
        elif (article := _ARTICLE.match(stripped)):  # "제2조(지원대상) ① …": a section, its text follows
            in_section = bool(_ELIGIBILITY_HEADING.search(article.group(1)))
            excluding = in_section and bool(re.search(r"제외|제한", article.group(1)))
            stripped = stripped[article.end():].strip()
            if not stripped:
                continue
        elif (len(stripped) <= 40 and _HEADING.match(stripped) and not stripped.startswith(("-", "·", "*"))
              and not _STATES.search(stripped)):
            in_section = (bool(_ELIGIBILITY_HEADING.search(stripped) or _EXCLUSION_HEAD.search(stripped))
                          and not _SCORING.search(stripped) and not _OTHER_PARTY_HEADING.search(stripped))
            elsewhere = bool(_ELSEWHERE.search(stripped))
            # "3. 지원 제외 대상", "4. 신청 제외" (not "Ⅱ. 신청자격 및 제외대상": who may apply comes first)
            excluding = in_section and bool(_EXCLUSION_HEAD.search(stripped)) and not _WHO_MAY.search(stripped)
            continue
        elif _NUMBERED_HEADING.match(stripped) and not _STATES.search(stripped):
            # a slide's or brochure's numbered heading: "03 지원 대상 및 신청 요건 (1/2)", "06 Q&A (사전 질문)"
            in_section = bool(_ELIGIBILITY_HEADING.search(stripped) or _EXCLUSION_HEAD.search(stripped)) and not _SCORING.search(stripped)
            excluding = in_section and bool(re.search(r"제외|제한", stripped))
            continue
        elif len(stripped) <= 60 and _ELSEWHERE.search(stripped) and not _STATES.search(stripped) and not cells:
            in_section, excluding, elsewhere = False, False, True  # "참고: 같은 시기 다른 기관 사업 (… 사업 아님)"
            continue
        elif len(stripped) <= 30 and _OTHER_PARTY_HEADING.search(stripped) and not _STATES.search(stripped):
            in_section, excluding = False, False  # "▷ 참고 (신청 요건 아님)", "4. 설비 및 공급기업 요건 (신청기업 자격 아님)"
            continue
        elif (len(stripped) <= 20 and body == stripped and not cells and not _STATES.search(stripped)
              and not re.search(r"[.:：,)]|\d", re.sub(r"\([^()]{1,10}\)$", "", stripped))  # "신청자격(요약)"
              and not (excluding and _AN_ITEM.search(stripped))):  # "국세·지방세 체납 중": an item of a card's list
            # a bare heading line, as a web page's <h2>/<h3> reads ("신청자격", "지원 분야", "문의처", "누가 신청할 수 있나요? ①")
            in_section = bool(_ELIGIBILITY_HEADING.search(stripped) or _EXCLUSION_HEAD.search(stripped)) and not _SCORING.search(stripped)
            excluding = in_section and bool(re.search(r"제외|제한|수\s*없", stripped))
            elsewhere = bool(_ELSEWHERE.search(stripped))
            continue
        elif (len(stripped) <= 80 and not cells and (re.search(r"(?:비교|요약|정리|일람)?표$", stripped)
                                                      or re.match(r"^[〈<\[(]\s*표\s*\d+\s*[〉>\])]", stripped))
              and _ELIGIBILITY_HEADING.search(stripped) and not _SCORING.search(stripped)):
            # "2026년 … 지원사업 신청자격 전년 대비 비교표": a table's caption; its rows say who may apply
            in_section, excluding, elsewhere = True, False, False
            continue
        elif re.match(r"^\s*(?:#{1,6}|[□■◆◇▣])\s*[^:：]{1,15}[:：]", stripped):  # "□ 지원내용 : …": a new section, inline
            label = re.split(r"[:：]", stripped, maxsplit=1)[0]
            in_section, excluding = bool(_ELIGIBILITY_HEADING.search(label)), False
        elif len(body) <= 20 and body != stripped and _ELIGIBILITY_HEADING.search(body):  # "가. 신청자격" under a section
            in_section, excluding = True, False
            continue
        elif len(body) <= 20 and body != stripped and not _STATES.search(body):
            # "나. 유형별 추가 요건": a sub-heading; what follows holds for some types only
            if re.search(r"유형|트랙|분야별", body):
                in_section, excluding = False, False
            continue
        if elsewhere and not in_section:
            continue  # another programme's lines, under a heading that says so
        # a "※ …" remark in a line is a sentence of its own
        # (as is a row's remark cell under its header: "구 분: 소재지 | 요 건: … | 비 고: … 경우 불가")
        parts = [p for p in re.split(r"\s+(?=※)", _REMARK_IN_ROW.sub(" ※ ", stripped)) if p.strip()]
        # a section's line is read whole (a list item, a table row), but a paragraph of prose sentence by sentence
        for sentence in (parts if in_section and len(stripped) <= 300 else [x for p in parts for x in _SENTENCE_END.split(p)]):
            sentence = sentence.strip()
            cell_excludes = sentence.lstrip("※ ").startswith(_EXCLUDED_CELL)  # a cell of a table's 제외 column
            sentence = sentence.lstrip("※ ")[len(_EXCLUDED_CELL):].strip() if cell_excludes else sentence
            if not sentence or _SCORING.search(sentence) or _TRACK.match(sentence):
                continue
            if _LEAD_IN.search(sentence):
                negated = bool(_NEGATED.search(sentence) and not _ELIGIBLE_VERB.search(sentence))
                if in_section:  # "다만 다음 기업은 신청할 수 없습니다": the section's lines below exclude
                    excluding = excluding or negated
                elif not excluding:
                    listing = negated
            excludes = excluding or cell_excludes
            if in_section or excludes or _ELIGIBILITY_SENTENCE.search(sentence):
                # "국세·지방세 체납 기업 / 휴업·폐업 중인 기업 / 2025년 본 사업 수혜 기업": a list on one line
                # "① … ② … ③ …" in one cell: an item each
                # "- 최근 3년 … 수혜기업 - 국세·지방세 체납 기업": a cell's list lines joined on one line
                marks = r"|\s[-·•]\s(?=\S)" if re.match(r"\s*[-·•]\s", sentence) else ""
                items = ([x.strip().lstrip("-·• ").strip() for x in re.split(rf" / |▲|✗|✖|\s(?=[②-⑳]\s*\S){marks}", sentence)]
                         if excludes else [sentence])
                out += [(x, excludes, in_section or excludes) for x in items if x]
        if head and line_only:
            excluding = carried
    return out
