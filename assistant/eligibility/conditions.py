"""Who may apply, read from a document's text at index time as small typed records.

Where (sections.py): the lines of a section whose heading names eligibility (신청자격, 지원대상, 신청
제외 …), and, elsewhere, sentences that say who the programme is for (지원 대상은 …, … 기업만, … 제외);
a table or lines naming alternative tracks give one "track" condition (tracks.py).

What: region (the places named as 소재/내/관내, "전국" for anyone), industry (제조업 and a
subsector), size (중소기업), employees, years since founding (창업/업력/설립), revenue, certifications
(벤처기업·이노비즈·메인비즈), prior support required (기초 구축 완료) or excluded (최근 N년 동일
사업 수혜), and exclusions (체납, 휴·폐업, 채무불이행). Each Condition keeps the sentence it came from.
"""

import re
from dataclasses import asdict, dataclass

from ..numbers import find_quantities, spelled_numbers
from . import ksic
from .places import Place, cities_of, places_in
from . import english
from .sections import (_CHANGED, _ELIGIBLE_VERB, column_lists, drop_superseded_columns, join_wrapped_rows, _NEGATED, _SCORING, _SENTENCE_END, _SUPERSEDED,
                       _LEAD_IN, _TRACK, eligibility_sentences, markdown_tables, own_lines, unspaced)

# track: the conditions of a table's alternative tracks (one of them must hold); other: a sentence about
# who may apply that none of the rules reads ("unread"), or, when only the region was read, the rest of who
# may apply ("unstated"; ingest adds it) (so: 확인 필요)
FIELDS = ("region", "industry", "size", "employees", "age", "founded", "revenue", "certification", "prior_support", "exclusion",
          "track", "other")
_OPS = {"이상": ">=", "이하": "<=", "미만": "<", "초과": ">", "이내": "<=", "넘는": ">", "넘지 않는": "<=", "경과": ">=", "지나": ">=", "지난": ">="}

_ALSO_COUNTS = re.compile(r"(?:경우|것|사업)도\s*포함")  # an item under an exclusion that widens it
# lines in an eligibility list that state no condition of their own: lead-ins ("아래 요건을 모두 충족해야
# 합니다"), other parties (공급기업, 수행기관), and where HQ and factory must both be (the region rule reads that)
_NOT_A_CONDITION = re.compile(r"^\s*※|^[\s\-·]*(?:주\s*\d{1,2}\)|\[주\s*\d{0,2}\])|\d+\s*개\s*(?:트랙|유형|분야|과제)만|(?:경우|것)도\s*포함|(?:제외\s*(?:대상|사유))에\s*해당하지\s*않|아래|다음(?:의|과\s*같|\s*각|\s*(?:요건|조건|자격|사항|기준|기업|업체|경우)|에?\s*해당)|각\s*호|공급기업|수행기관|운영기관|컨소시엄|도외|관외|시외|군외|"
                              r"본사(?:만|와|\s*및)|대표자\s*(?:와|및|·|,)\s*임원|공장(?:만|이\s*도외)|기준(?:으로|임|입니다|$|\))|계산|산정|판단|☎|\d{2,4}-\d{3,4}-\d{4}|"
                              r"(?:로봇|장비|설비|제품|솔루션|시스템|기기)(?:은|는)\s|(?:구매|구입|임차|매입)\s*(?:\([^)]*\))?\s*(?:은|는)\s|신품|(?:수|기준|범위|업력)(?:은|는)\s|"
                              # a programme's name alone, the application period, the districts a region has
                              r"^[\s\-·•*]*[「『\"“][^」』\"”]{2,60}[」』\"”]\s*$|(?:접수|신청|모집)\s*(?:기간|일정|기한)|관할\s*(?:시|군|구)|"
                              # a page's footer ("- 1 -"), the notice's number line
                              r"-\s*\d{1,3}\s*-\s*$|공고\s*제?\s*\d{2,4}\s*[-–]\s*\d+\s*호|"
                              # a summary table's rows that name the programme, its ministry and who runs it
                              r"^\W*(?:사업명|공고명|소관\s*(?:부처|기관)|(?:사업\s*)?수행\s*기관|주관\s*기관|전담\s*기관|사업\s*목적)\s")


# lines that state no condition of a company: a flow of steps ("요건검토 → 서면평가 → 선정"), a
# schedule ("접수 2026. 7. 10.(금) ~ …"), where to apply, what the support pays or the company bears
_NOT_STATING = re.compile(r"→[^→]*→|^(?:접수|신청|모집|진단|교육|협약|컨설팅|사업)\s*(?:기간)?\s*[:：]?\s*(?:20\d{2}\s*[.년]|\d{1,2}\s*[.월])|"
                          r"(?:누리집|홈페이지|시스템|사이트|포털|www\.)[^.]{0,30}?(?:온라인\s*)?(?:신청|접수)\s*(?:$|\()|"
                          r"(?:지원|부담)\s*비율|자부담|부가가치세|기업\s*부담|부담(?:하며|한다|합니다|함)|"
                          # a paper to submit ("국세·지방세 납세증명서"), the notice's own date ("공고일: 2026-05-04"),
                          # a step's months ("솔루션 도입 10월 ~ 12월"), a note to those who applied already
                          r"^[\s\-·•*○□▪]*[가-힣A-Za-z·\s]{2,30}(?:증명서|증명원|확인서|사본|등록증|명부)\s*(?:\([^)]*\))?\s*$|"
                          r"^[\s\-·•*○□▪]*(?:공고일|게시일|작성일|등록일)\s*[:：]|"
                          r"\d{1,2}\s*월\s*[~∼–-]\s*\d{1,2}\s*월\s*$|다시\s*신청할\s*필요(?:가|는)?\s*없")
# whether a past support counts is decided by someone else ("… '이에 준하는 지원'에 해당하는지는 … 선정위원회가
# 정한다"): any past support leaves it open
_DECIDED_BY = re.compile(r"(?:위원회|기관|센터|재단|공단)(?:가|이|에서)\s*(?:정한다|정함|정합니다|결정한다|결정합니다|판단한다|판단합니다)")
# a remark that widens who may apply or says what does not matter ("구축 연도는 묻지 않으며 … 인정합니다",
# "다른 지원사업 이력은 신청 자격에 영향을 주지 않습니다", "… 충족한 것으로 봄"), sentence by sentence
_WIDENS = re.compile(r"영향을\s*(?:주지|미치지)\s*않|영향이\s*없|괜찮(?:아요|습니다|다|음)|도\s*(?:신청\s*)?가능(?:해요|합니다|함|하다)|관계\s*없|상관\s*없|묻지\s*않|따지지\s*않|인정(?:합니다|함|된다|됩니다)|"
                     r"충족한\s*것으로\s*(?:봄|본다|봅니다)|(?:것은|것도|경우에도|기업도)\s*(?:신청\s*)?가능(?:합니다|함|하다)")
# a sentence that says what does NOT exclude ("… 수혜 이력은 제외 사유가 아닙니다") states no condition
# remarks that state no condition of their own: how a condition is shown ("※ 스마트공장 구축 완료는 … 완료 확인서로
# 증빙"), a bound told both ways ("3월 9일 이전이면 신청 가능하고, 3월 10일 이후이면 신청할 수 없습니다"), a remark on
# numbered items ("※ ③의 수혜 기업은 유형과 관계없이 신청 불가, …")
_BOUND = r"(?:이전|이후|이상|이하|미만|초과)이면"
_REMARKS = re.compile(r"(?:으로|로)\s*증빙|"
                      rf"{_BOUND}\s*신청\s*가능하고\s*,?\s*[^.]{{0,30}}{_BOUND}\s*신청할\s*수\s*없|"
                      r"^[\s※]*[①-⑳](?:[·,]\s*[①-⑳])*\s*(?:의|은|는|에)\s")
# "… 수혜 이력은 제외 사유가 아닙니다", "… 신청 제한 사유가 아님"
_NO_REASON = r"(?:제외|제한)\s*사유(?:가|는)?\s*(?:아닙|아니|아님)"
_NOT_EXCLUDING = re.compile(_NO_REASON + r"|만(?:을|의)?\s*(?:대상으로|위한)\s*(?:하는\s*)?(?:사업|것)(?:이|은)\s*아니|만(?:을|의)?\s*(?:대상으로|위한)\s*(?:하는\s*)?(?:사업|것)(?:이|은)\s*아닙|제외\s*(?:사유|대상)?\s*(?:가|이)?\s*아닙|제외\s*(?:사유|대상)?\s*(?:가|이)?\s*아니|제외되지\s*않|무관|적용(?:하지|되지)\s*않|(?:은|는)\s*해당하지\s*않(?:음|습니다|는다|아요)")
# an FAQ's question ("[신청자격] Q. 어떤 업종이 신청할 수 있나요? …") asks; its answer states
_QUESTION = re.compile(r"^\s*(?:\[[^\]]{1,15}\]\s*)?(?:Q\s*\d*\s*[.:：)]|질문\s*[.:：])")
_TRACK_FIRST = re.compile(r"^[가-힣A-Za-z0-9]{1,10}(?:형|트랙|유형)\s")  # a line that opens with a track's name
_RESTRICTS = re.compile(r"만\s*(?:신청|지원|참여|해당)|(?:이어야|여야|해야)\s*(?:함|한다|합니다)|제외(?:된다|한다|합니다)|"
                        r"신청할\s*수\s*없|참여할\s*수\s*없|불가(?:하다|합니다|$)")
_SOME_CITIES = re.compile(r"\d+\s*개\s*(?:시[·ㆍ,]?\s*군|시군|시·군·구|시군구)")
_OTHER_INDUSTRIES = re.compile(r"정보통신업|도소매업|도매업|소매업|서비스업|건설업|숙박업|음식점업|부동산업|금융업|농업|어업|유통(?=만|업)")
_INDUSTRY_NAMES = {"유통": "도소매업"}  # "유통만 하는 경우": a trader's industry by its profile name

_EMPLOYEES = re.compile(r"(?:상시\s*)?(?:근로자|종업원|직원|고용인원)[^\d.\n]{0,12}?(\d[\d,]*)\s*(?:인|명)\s*(이상|이하|미만|초과)")
_EMPLOYEES_UPPER = re.compile(r"\s*(?:~|∼|-|,|이고|이며|부터)?\s*(\d[\d,]*)\s*(?:인|명)\s*(이하|미만|초과)")  # "5인 이상 50인 미만"
_AGE = re.compile(r"(창업|설립|업력|개업|사업자\s*등록)(?:일|일자)?\s*(?:(?:으로|로)부터\s*|후\s*|이후\s*|한\s*지\s*|기준\s*(?:으로)?\s*)?(\d{1,2})\s*년\s*"
                  r"(?:이\s*)?(이내|이하|미만|이상|초과|경과|지나|지난)")
# the other bound of a range: "창업 3년 이상 10년 이하", "업력 3년 이상, 7년 미만"
_AGE_UPPER = re.compile(r"\s*(?:~|∼|-|,|이고|이며|이면서|부터)?\s*(\d{1,2})\s*년\s*(?:이\s*)?(이내|이하|미만|초과)")
# a founding date as the bound: "2021년 1월 1일 이전에 설립된 기업", "(2016. 4. 7. 이후 설립)"
_FOUNDED = re.compile(r"((?:19|20)\d{2})\s*[.년]\s*(\d{1,2})\s*[.월]\s*(\d{1,2})\s*[.일]?\s*(이전|이후|전|후|까지)\s*(?:에\s*|부터\s*)?"
                      r"(?:설립|창업|개업|사업\s*개시|사업자\s*등록)")
# the same with the date after its subject: "개업일이 2025. 5. 4. 이전입니다" (a check item of an application form)
_FOUNDED_AFTER = re.compile(r"(?:설립|창업|개업|사업\s*개시|사업자\s*등록)(?:일|일자|연월일)?\s*(?:이|은|는|가)?\s*"
                            r"((?:19|20)\d{2})\s*[.년]\s*(\d{1,2})\s*[.월]\s*(\d{1,2})\s*[.일]?\s*(이전|이후|전|후|까지)")
_FOUNDED_OPS = {"이전": "<", "전": "<", "까지": "<=", "이후": ">=", "후": ">"}
_REVENUE = re.compile(r"매출(?:액)?")
_SME = re.compile(r"중소\s*(?:제조)?\s*(?:기업|업체)|중소\s*제조")
_MIDSIZE = re.compile(r"중견\s*기업|중소\s*[·ㆍ및]\s*중견")
_MANUFACTURING = re.compile(r"제조(?:업|기업|업체|\s*중소기업|\s*기업)|C\s*1\d\s*[~-]\s*C?\s*3\d")
_SUBSECTORS = re.compile(r"([가-힣]{2,8}(?:\s*(?:·|,|과|와|및|이나|또는)\s*[가-힣]{2,8})*)\s*제조(?:업|기업|업체|업자)(?:은|는|을|를|이|가|\s|$)")
_SUBSECTOR = re.compile(r"([가-힣]{2,8}(?:·[가-힣]{2,8})*)\s*제조업")
_CERTS = {"벤처기업": re.compile(r"벤처\s*기업\s*(?:인증|확인)|벤처기업|벤처(?=\s*[·ㆍ,/]\s*(?:이노비즈|메인비즈))"),
          "이노비즈": re.compile(r"이노비즈|기술혁신형|inno-?biz", re.IGNORECASE),
          "메인비즈": re.compile(r"메인비즈|경영혁신형|main-?biz", re.IGNORECASE)}
_EQUIPMENT = re.compile(r"신품|제품|로봇|장비|설비|기기")  # a condition on what is bought, not on the company
_CERT_NEEDED = re.compile(r"인증|확인\s*(?:을|를)?\s*받은|보유|확인서|지정|확인\s*(?:기업|업체)")
_BASIC_DONE = re.compile(r"기초\s*(?:수준|단계)?\s*(?:이상)?(?:의)?\s*(?:스마트공장)?\s*(?:을|를)?\s*(?:이미\s*)?(?:(?:구축|도입)\s*(?:완료|한|을\s*마친|된)|갖춘|보유한)")
_BUILT_WITH = re.compile(r"(?:사업|지원)\s*[」』]?\s*(?:\([^)]*\))?\s*(?:으로|을\s*통해|를\s*통해)\s[^.]{0,40}?(?:구축|도입|설치)한|"
                         r"(?:사업|지원)\s*[」』]\s*(?:\([^)]*\))?\s*으로\s[^.]{0,40}?(?:을|를)\s*지원\s*받은")  # "스마트공장 구축사업(…)으로 AI 비전검사 시스템을 도입한 기업"
_PRIOR_RECEIVED = re.compile(r"(?:지원|구축|수혜)\s*이력이\s*없는|사업\s*[」』\"”']?\s*(?:을|를)\s*(?:[^.,]{0,20}\s)?받(?:은|았|으신|으셨)|" + _BUILT_WITH.pattern + r"|지원\s*[」』\"”']?\s*(?:을|를)?\s*(?:(?:20\d{2}[^.,]{0,16}|그때|당시)\s)?받(?:은|았|고|지\s*않|으신|으셨)|(?:을|를)\s*받고\s*있는\s*(?:기업|업체)|지원받(?:은|았)|수혜|선정된|선정되어|선정\s*기업|참여(?:한)?\s*기업|중복|"
                             r"(?:동일|유사|같은)\s*(?:한\s*)?(?:수준|사업|과제|솔루션|분야)[^,]{0,20}(?:지원|수혜)")
# a support of a kind received through any programme ("다른 지원사업으로 … 같은 종류의 설비를", "정부·지자체 지원으로 협동로봇을")
_ANY_PROGRAMME = re.compile(r"다른\s*(?:정부|지자체|기관|국비)?[^.,]{0,15}?(?:지원\s*)?사업(?:으로|을\s*통해)\s|다른\s*기관(?:\([^()]{0,40}\))?에서\s|(?:정부|지자체|국비)\s*(?:[·ㆍ]\s*\S+\s*)?지원으로\s")
_KIND = re.compile(r"([가-힣A-Za-z][가-힣A-Za-z·\s]{1,30}?)\s*(?:을|를)\s*(?:이미\s*)?(?:도입|구축|설치|지원\s*받|보급\s*받)")  # what was received
# "FEMS 구축이나 스마트공장, 작업환경 개선 지원은 … 제외 사유가 아닙니다": supports that an exclusion of any programme's does not count
_NOT_A_REASON = re.compile(r"^[\s※\-·•○*]*(.{2,80}?)(?:은|는)\s[^.]{0,40}?" + _NO_REASON)
_SAME_KIND = re.compile(r"같은\s*(?:종류의?\s*)?(?:[가-힣]{2,5}\s)?(?:설비|장비|시설|솔루션|품목)|동일(?:한)?\s*(?:종류|설비|장비|솔루션|품목)")  # "… 같은 종류의 설비를 설치한 기업"
_RECENT = re.compile(r"최근\s*(\d{1,2})\s*년")
_YEAR_OF = re.compile(r"(20\d{2})\s*(?=년|[~∼–-]\s*20\d{2}\s*년)")
_YEAR_RANGE = re.compile(r"(20\d{2})\s*년?\s*(?:[~∼–-]|부터)\s*(20\d{2})\s*년")  # "2023년~2025년": the years between too
_STOP = set("최근 이내 정부 지자체 또는 지원 사업 지원사업 기업 수혜 수혜기업 받은 지원받은 지원받 등 참여 선정 선정된 년 이상 동일 유사 "
            "구축 도입 중소 제조 제조기업 대상 기업입니다 "
            "해당 경우 신청 제외 불가 중복 본 사업에 사업을 국비 도비 시비 다른".split())
_BUILT = re.compile(r"스마트\s*공장\s*(?:을|를)?\s*(?:이미\s*)?(?:구축|도입)\s*(?:을\s*|를\s*)?(?:완료|한|을\s*마친|마친|된)")  # "스마트공장(…)을 구축 완료한 기업"
_UNTIL = re.compile(r"(?<![~∼–-]\s)(?<![~∼–-])((?:19|20)\d{2})\s*년\s*이전(?!\s*(?:에\s*)?(?:설립|창업|개업))")
_SOME_OF_THEM = re.compile(r"(?:수혜|지원)\s*(?:기업|업체)\s*중\s")  # "… 수혜기업 중 사후관리를 완료하지 않은 기업"
_SINCE = re.compile(r"((?:19|20)\d{2})\s*[.년]\s*(?:\d{1,2}\s*[.월]\s*(?:\d{1,2}\s*[.일]?\s*)?)?(?:\([^)]{0,15}\)\s*)?이후")
_LEVEL_DONE = re.compile(r"(기초|고도화\s*[12]?)\s*(?:수준|단계)?\s*이상\s*(?:의|으로)?\s*(?:스마트공장)?\s*(?:을|를)?\s*(?:이미\s*)?"
                         r"(?:구축|도입|수준\s*확인|확인을?\s*받)")
_EXCLUSIONS = {"체납": re.compile(r"체납"), "휴·폐업": re.compile(r"휴업|폐업|휴·폐업|휴폐업"),
               "채무불이행": re.compile(r"채무\s*불이행|부도|회생|파산|신용\s*관리\s*대상"),
               "참여제한": re.compile(r"참여\s*제한|부정\s*수급|(?:교부|지원)(?:가|이)?\s*제한된"),
               "미가동": re.compile(r"미가동|가동(?:되지|하지)\s*않")}
_ANYONE = re.compile(r"(?:지역|소재지|대상\s*지역)\s*[:：]\s*전국|소재지\s*제한\s*(?:이\s*)?없|전국(?:의)?\s*(?:중소|제조|기업|소재)|전국\s*(?:으로|에|단위)|지역\s*제한\s*없|지역\s*(?:에\s*)?관계\s*없")
_LOCAL = re.compile(r"도내|관내|시내\s*소재|군내|구내\s*소재|지역\s*내")
# after a place: where a company is ("에 소재", "내", "에 본사를 둔"), "… 기업만", or a reason ("본사가 수도권이므로")
_REGION_CONTEXT = re.compile(r"^\s*(?:\)|\([^()]{0,40}\))?\s*(?:이므로|이라서|이어서|여서|"
                             r"(?:에|의|내|내에|관내|소재|지역|에서|안에|\s안에)?\s*(?:에\s*)?(?:(?:중|가운데)\s*한\s*곳에\s*)?"
                             r"(?:\s*등\s[가-힣·\s]{0,10}?(?:시[·ㆍ]\s*군|시군|지역)\s*)?"  # "경산시·칠곡군·고령군 등 대구 인접 시·군 소재"
                             r"(?:소재|내|관내|전역|일원|본사|본점|공장|사업장|사업자\s*등록|위치|주사무소|있는|둔|두고|\d+\s*개\s*(?:시|구|군)|"
                             r"(?:중소\s*|제조\s*)*(?:기업|업체)만|사업이라))")
# "광주광역시 기업은 대상이 아닙니다", "김포시 기업은 신청할 수 있습니다": a place's companies, when the sentence
# says whether they may apply (not "비수도권 기업은 … 센터 사업으로 신청": sent elsewhere, read by no rule)
_ITS_COMPANIES = re.compile(r"^\s*(?:중소\s*|제조\s*)*(?:기업|업체)(?:은|는)\s")  # "비수도권 기업만 신청할 수 있습니다"
_LISTED_PLACES = re.compile(r"(?:아래|다음)\s*(?:의\s*)?(?:지역|시[·ㆍ]?\s*군(?:[·ㆍ]\s*구)?)\s*(?:에|중)[^.]{0,30}?(?:소재|둔|두고|있는|위치)[^.]{0,10}?(?:기업|업체)")
_ALSO = re.compile(r"도\s*(?:(?:신청|참여)\s*)?(?:가능|신청할\s*수|참여할\s*수)|(?:\)|업|체|기업)도\s[^.]{0,15}?(?:신청|참여)(?:하실|할)\s*수\s*있")  # "(김포시 외 지역 기업도 가능)": others too, not only them
# who is excluded by where only one of its sites is ("본사만 …", "본사가 …에 있어도"): a qualification of the region, not its exclusion
_QUALIFIES = re.compile(r"(?:본사|공장|사업장|본점)(?:만|이|가)?\s*[^.]{0,20}?(?:있어도|있더라도|이어도|이더라도|두어도)|(?:본사|공장|사업장|본점)만\s"
                        r"|(?:중\s*)?(?:한\s*곳|하나|어느\s*한\s*(?:곳|쪽))만\s"  # "본사 또는 공장 중 한 곳만 김포시인 경우 불가": both must be
                        r"|(?:본사|공장)[^.]{0,15}중\s*(?:하나|한\s*곳)(?:이라도|라도)\s")  # "… 중 하나라도 울산 외 지역에 있는 경우 불가"
_INCLUDED = re.compile(r"(?:기업|업체|사업장|공장)\s*(?:도\s*)?포함(?:$|\s*\)|합니다|함|된다|됩니다)")
_OUTSIDE = re.compile(r"\s*(?:\([^()]{0,40}\))?\s*(?:지역\s*)?(?:밖|이외|외)(?:\s*지역|의|에|\s|\(|$)")


_HANGUL = re.compile(r"[가-힣]")


def _in_korean(text: str) -> bool:
    """Written in Korean: more Hangul than Latin letters (not an English line with Korean glosses)."""
    hangul = len(_HANGUL.findall(text))
    return hangul >= 2 and hangul >= len(re.findall(r"[A-Za-z]", text))


def without_asides(text: str) -> str:
    """The text without its brackets, nested ones too ("… 제외된다(식품안전관리인증(HACCP)을 받은 … 신청 가능)")."""
    while True:
        out = re.sub(r"\([^()]*\)", "", text)
        if out == text:
            return out
        text = out


@dataclass(frozen=True)
class Condition:
    field: str  # one of FIELDS
    op: str  # in, not_in, any, is, >=, <=, <, >, any_of, requires, excludes
    value: object  # places (list of [province, city, group]), a number, names ...
    text: str  # the sentence it was read from

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> "Condition":
        v = d["value"]
        return cls(d["field"], d["op"], v, d["text"])


def either(names: list[str], tracks: list[list[Condition]], text: str) -> Condition:
    """One "track" condition: a company qualifies when every condition of one of `tracks` holds."""
    return Condition("track", "any_of", {"tracks": list(names), "conditions": [[c.to_dict() for c in t] for t in tracks]}, text)


def _op_after(sentence: str, end: int) -> str | None:
    tail = sentence[end:end + 12]
    for word, op in _OPS.items():
        if word in tail:
            return op
    return None


def _outside_of(sentence: str, end: int) -> bool:
    """"수도권 외 지역 소재" is outside the place; "청주시 외 충북 시·군" names other cities of a province instead."""
    m = _OUTSIDE.match(sentence[end:end + 50])
    named = places_in(sentence[end + m.end():end + m.end() + 12]) if m and not m.group(0).endswith("(") else []
    return bool(m) and not (named and named[0][1] <= 1)  # a place right after "외" (not in a bracket's remark)


_SUB_AREA = re.compile(r"(?:산업\s*단지|산단|농공단지|자유\s*구역|특구|지구)\s*\(([^()]{2,30})\)")


def _regions(sentence: str, home: str | None) -> list[Condition]:
    """Region conditions, clause by clause: "도내 어디에 있든 신청할 수 있으며, 충청남도·대전에 있는
    기업은 대상이 아니다" allows one place and excludes others."""
    # (a spoken reason ends a clause too: "저희는 경상남도 고성군이라서요, 강원 고성군에 있는 공장은 … 아닙니다")
    area = _SUB_AREA.search(sentence)
    if area and places_in(area.group(1)) and _NEGATED.search(sentence) and not _ELIGIBLE_VERB.search(sentence):
        # which companies of those cities are in it, a profile does not say: 확인 필요 for them, not 해당 없음
        return [Condition("region", "not_in", [[p.province, p.city, list(p.group), "some"] for p, *_ in places_in(area.group(1))],
                          sentence)]
    clauses = [c for c in re.split(r"(?<=[며고])\s*,\s*|(?<=지만)\s*,?\s*|(?<=라서|서요|까요)\s*,\s*|(?<=사업이라)\s+|(?<=[다요])\.\s+",
                                   sentence)
               if c.strip()]
    if len(clauses) > 1:
        return [c for clause in clauses for c in _regions(clause, home)]
    remark = re.search(r"\(([^()]{4,})\)", sentence)
    if remark and places_in(remark.group(1)) and _NEGATED.search(remark.group(1)) and not _NEGATED.search(
            sentence.replace(remark.group(0), "")):
        # "충청남도 내에 … 둔 기업 (세종특별자치시·대전광역시·충청북도 소재 기업은 신청 불가)": two clauses
        main = sentence.replace(remark.group(0), " ")
        return ([Condition(c.field, c.op, c.value, sentence) for c in _regions(main, home)]
                + [Condition(c.field, c.op, c.value, sentence) for c in _regions(remark.group(1), home)])
    if _ANYONE.search(sentence):
        return [Condition("region", "any", [], sentence)]
    # "수도권(서울특별시·인천광역시·경기도) 밖에 있는 기업", "수도권 외 지역 소재": everywhere but there
    outside = [[p.province, p.city, list(p.group)] for p, _, end in places_in(sentence) if _outside_of(sentence, end)]
    if outside and _QUALIFIES.search(sentence) and not _NEGATED.search(sentence):
        return []  # "본사가 창원 밖에 있더라도 창원 공장에 도입하는 경우라면 신청할 수 있다": where one site may be
    if outside and not (_ALSO.search(sentence) and not _NEGATED.search(sentence)):  # "…인 경우도 신청할 수 없습니다" negates
        # "경상북도 밖(대구광역시 포함)에 있는 경우에는 신청할 수 없습니다": there, and nowhere else
        negated = _NEGATED.search(sentence) and not _ELIGIBLE_VERB.search(sentence)
        return [Condition("region", "in" if negated else "not_in", outside, sentence)]
    found, chained = [], False
    # "아래 지역에 본사와 공장을 모두 둔 기업 - 세종특별자치시 전역 - 충청북도 청주시, 진천군": the places listed after it
    listed = _LISTED_PLACES.search(sentence)
    for place, start, end in reversed(places_in(sentence)):
        opened = sentence.rfind("(", 0, start)
        if chained and opened > sentence.rfind(")", 0, start) and (
                "포함" in sentence[opened:sentence.find(")", end) % (len(sentence) + 1)]
                or any(not p.group for p, *_ in places_in(sentence[:opened][-12:])[-1:])):
            # "대구광역시(군위군 포함) 또는 청주시", "대전광역시(동구·중구·서구)와 세종": a bracket's places (a city's districts,
            # not the members of a group such as 수도권) do not break the list
            continue
        if re.search(r"다른\s*(?:시[·ㆍ]?\s*도|지역|시[·ㆍ]?\s*군)(?:의)?\s*$", sentence[max(0, start - 12):start]):
            chained = False
            continue  # "다른 시·도의 서구": no place of its own
        if place == Place("광주") and "광역" not in sentence[start:end] and home and home[0] == "경기":
            place = Place("경기", "광주")  # "광주시" in a 경기 document is 경기도 광주시  # from the end: "김포시, 고양시 소재" lists both
        after = sentence[end:end + 60]  # "광주광역시(동구·서구·남구·북구·광산구)에 본사를 둔"
        here = (bool(_REGION_CONTEXT.match(after))
                or (chained and bool(re.match(r"\s*(?:\([^()]{0,40}\))?\s*(?:,|·|및|또는|와|과|이나)\s*", after)))  # "대구광역시(군위군 포함) 또는 청주시에"
                or bool(listed and start >= listed.end())
                or bool(_ITS_COMPANIES.match(after) and (_NEGATED.search(sentence) or _ELIGIBLE_VERB.search(sentence))))
        if here:
            area = [place.province, place.city, list(place.group)]
            if area not in found:
                found.insert(0, area)
        chained = here
    if not found and home and _LOCAL.search(sentence):
        if _NEGATED.search(sentence) and not _ELIGIBLE_VERB.search(sentence):
            return []  # "본사만 도내에 있는 경우는 신청할 수 없음": a qualification of the home region, not its exclusion
        local = _LOCAL.search(sentence).group(0)
        found = [[home[0], None, []]] if local.startswith("도") and home[0] else [list(home)]
    # a city several provinces have (고성: 경남, 강원), written alone: the province of the document or of the places listed with it
    known = {p for p, *_ in found if p} | ({home[0]} if home and home[0] else set())
    for area in found:
        if area[0] is None and area[1]:
            owners = [p for p in known if area[1] in cities_of(p)]
            if len(owners) == 1:
                area[0] = owners[0]
    some = _SOME_CITIES.search(sentence)
    if found and some:  # "도내 22개 시·군": only some of the province's cities (not when the number is all of them)
        n = int(re.match(r"\d+", some.group(0)).group(0))
        found = [[p, c, g, "some"] if c is None and not g and n < len(cities_of(p)) else [p, c, g] for p, c, g, *_ in found]
    if found:
        negated = (_NEGATED.search(sentence) and not _ELIGIBLE_VERB.search(sentence)) or _REDIRECT.search(sentence)
        if negated and _QUALIFIES.search(sentence):
            return []  # "본사가 광주시에 있어도 공장이 …에 있으면 안 되고, 공장만 광주에 있는 경우도 대상이 아니다": both must be there
        if not negated and (_ALSO.search(sentence) or _INCLUDED.search(sentence)) and "만" not in sentence:
            return []  # "수도권 소재 기업도 신청할 수 있음", "※ 군위군 소재 기업 포함": others too, not only them
        return [Condition("region", "not_in" if negated else "in", found, sentence)]
    return []


# subsectors listed with their KSIC codes: "화학·플라스틱(C20·C22), 1차금속·금속가공(C24·C25), 전기장비(C28)"
_MAKES = re.compile(r"([가-힣]{2,8}(?:\s*(?:·|,|과|와|및|이나|또는)\s*[가-힣]{2,8})*)\s*(?:을|를)\s*(?:직접\s*)?"
                    r"(?:제조|생산)(?:[·ㆍ]\s*가공|하거나\s*가공)?하는\s*(?:기업|업체|사업자|곳)")
_KSIC_LIST = re.compile(r"산업\s*분류|업\s*종|KSIC")  # "업  종": a box table's spaced-out label
_CODE_FIRST = re.compile(r"C\s*\d{2,5}\s+([가-힣0-9][가-힣0-9·\s]{0,20}?)\s*제조업")
_CODED = re.compile(r"([가-힣0-9][가-힣0-9·\s]{0,20}?)\s*\(\s*C\s*\d{2}(?:\s*[·,~∼-]\s*C?\s*\d{2})*\s*\)")


_PROVISO = re.compile(r"(?:^|(?<=[.\s]))(?:다만|단)\s*,\s*")  # "… 기업. 다만, 식료품 제조업은 제외": a clause of its own


def _industry(sentence: str, excluding: bool = False) -> list[Condition]:
    but = re.split(r"(?<=지만)\s*,?\s*", sentence)
    if len(but) > 1 and all(x.strip() for x in but):  # "제조업 전 업종이 대상이지만 식료품 제조업은 제외된다": clause by clause
        return [Condition(c.field, c.op, c.value, sentence) for x in but for c in _industry(x, excluding)]
    proviso = _PROVISO.search(sentence)
    if proviso:
        head, tail = sentence[:proviso.start()], sentence[proviso.end():]
        found = (_industry(head, excluding) if head.strip() else []) + _industry(tail, excluding)
        return [Condition(c.field, c.op, c.value, sentence) for c in found]
    # a programme's name (「도시제조업 … 사업」, '고성군 중소 제조기업 … 지원사업') is not its industry
    sentence = re.sub(r"[「『][^」』]*[」』]|[‘'][^’'\n]{4,60}(?:사업|바우처|프로그램)[’']", "", sentence)
    coded = [m.group(1) for m in _CODED.finditer(sentence)]
    codes = ksic.codes_in(sentence)
    if set(codes) >= set(ksic.DIVISIONS):
        codes = []  # "제조업(C10~C34)": every division, no subsector
    unbracketed = without_asides(sentence)  # "(C252 무기 및 총포탄 제조업 제외)" excludes within the list, not the list
    if (not coded and len(codes) >= 2 and _KSIC_LIST.search(sentence) and not excluding
            and not (_NEGATED.search(unbracketed) and not _ELIGIBLE_VERB.search(unbracketed))):
        # "한국표준산업분류 C22, C24, C25 중 하나를 주업종으로 하는 기업": the divisions by their names, and the
        # names written after the codes ("C24 1차 금속 제조업, …, C29294 주형 및 금형 제조업"; not a bracket's "… 제외")
        named = [re.sub(r"\s+", " ", n).strip() for n in _CODE_FIRST.findall(unbracketed)]
        return [Condition("industry", "sub_in", list(dict.fromkeys(named + [n for c in codes for n in ksic.names(c)])), sentence)]
    if len(coded) >= 2 and not excluding and not (_NEGATED.search(sentence) and not _ELIGIBLE_VERB.search(sentence)):
        names = [re.sub(r"^(?:.*분류상|.*(?:업종|대상)(?:은|는)|또는|및|이나)\s*|\s*제조업$", "", n.strip()) for c in coded for n in c.split("·")]
        names = list(dict.fromkeys([n for n in names if len(n) >= 2] + [n for c in codes for n in ksic.names(c)]))  # and by their codes
        return [Condition("industry", "sub_in", names, sentence)]
    made = _MAKES.search(sentence)
    if made and not excluding and not (_NEGATED.search(sentence) and not _ELIGIBLE_VERB.search(sentence)):
        # "식료품 또는 음료를 직접 제조·가공하는 기업": manufacturers of these
        names = [w for w in re.split(r"\s*(?:·|,|과|와|및|이나|또는)\s*", made.group(1)) if len(w) >= 2]
        if len(names) > 1:
            return [Condition("industry", "sub_in", names, sentence)]
        if names:
            return [Condition("industry", "is", {"industry": "제조업", "subsector": names[0]}, sentence)]
    m = _MANUFACTURING.search(sentence)
    if not m:
        others = sorted({_INDUSTRY_NAMES.get(x, x) for x in _OTHER_INDUSTRIES.findall(sentence)})
        if others and (excluding or (_NEGATED.search(sentence) and not _ELIGIBLE_VERB.search(sentence))):
            return [Condition("industry", "not_in", others, sentence)]
        return []
    # "식료품 제조업·음료 제조업", "식료품 제조업과 음료 제조업" -> "식료품·음료 제조업", "식료품과 음료 제조업"
    main = re.sub(r"\s*제조업\s*(?=[·,]|(?:과|와|및|이나|또는)\s)", "", without_asides(sentence))
    out_of = _SUBSECTORS.search(main)
    # the negation read is the one of the sentence that names the subsectors ("주업종이 식료품 제조업이다 —
    # … 도·소매업만 하는 경우는 안 됩니다": the second sentence excludes traders, not food makers)
    said = next((x for x in _SENTENCE_END.split(main) if out_of and out_of.group(0).strip() in x), main)
    if out_of and (excluding or (_NEGATED.search(said) and not _ELIGIBLE_VERB.search(said))):
        # "식료품과 음료 제조업은 올해 사업에서 빠졌다": manufacturers of these may not apply
        names = [w for w in re.split(r"\s*(?:·|,|과|와|및|이나|또는)\s*", out_of.group(1))
                 if len(w) >= 2 and not re.search(r"분류|표준|업종|밖의|이외|외의", w)]  # "한국표준산업분류상 제조업", "그 밖의 제조업": no subsector
        if names:
            return [Condition("industry", "not_sub", names, sentence)]
        others = sorted(set(_OTHER_INDUSTRIES.findall(main)))
        if others:  # "… 제조업(C10~C34)을 말합니다. 도매 및 소매업, 정보통신업 기업은 신청할 수 없습니다"
            return [Condition("industry", "not_in", others, sentence)]
    if _ALSO.search(sentence):
        return []  # "식료품 제조업체도 신청 가능해요": others too, no industry of its own
    # "제조업 영위 기업 (식료품 제조업 포함, 세부 업종 제한 없음)": a subsector named as included restricts nothing
    sub_match = _SUBSECTOR.search(re.sub(r"\([^()]*포함[^()]*\)", "", sentence))
    sub = sub_match.group(1) if sub_match else ""
    generic = ("중소", "중견", "지역", "도내", "관내", "국내", "영위", "소재", "일반", "전체", "모든", "주력", "이상", "이하",
               "미만", "초과", "이내")
    if (sub in generic or re.search(r"기업|업체|분류|표준|업종|산업|영위|주된", sub)
            or sub.endswith(tuple("의인한로서은는이가을를및과와며고상만요데")) or places_in(sub)):
        sub = ""
    return [Condition("industry", "is", {"industry": "제조업", "subsector": sub}, sentence)]


_FLIP = {">=": "<", "<=": ">", "<": ">=", ">": "<="}
# the people a headcount leaves out (상시근로자 수에서 대표자·임원·일용직 등은 빼고 센다)
_NOT_COUNTED = re.compile(r"(?:대표(?:자|이사)?|임원|일용\s*(?:직|근로자)?|단시간\s*근로자|파견\s*근로자)"
                          r"(?:\s*(?:[·,]|및)\s*[가-힣]{1,6})*\s*(?:은|는)?\s*(?:제외|빼고)")


# a clause that sends some companies elsewhere ("50인 이상 기업은 … 다른 사업을 이용해 주시기 바랍니다")
# says who may not apply
_REDIRECT = re.compile(r"(?:다른|별도(?:의)?|자체|규모에\s*맞는)\s*(?:지원\s*)?사업[^.]{0,20}(?:이용|확인|신청)해\s*주")
_CLAUSE = re.compile(r"(?<=[며고])\s*,\s*")


def _numbers(sentence: str, excluding: bool = False) -> list[Condition]:
    """Numeric conditions; in a sentence (or list) that excludes, each one says who may not apply,
    so its operator turns round. A sentence of several clauses ("…이어야 하며, …") is read clause
    by clause when one of them redirects."""
    if _REDIRECT.search(sentence) and len(_CLAUSE.split(sentence)) > 1:
        out = []
        for clause in _CLAUSE.split(sentence):
            turn = excluding or bool(_REDIRECT.search(clause))
            out += [Condition(c.field, _FLIP[c.op], c.value, sentence) if turn and c.op in _FLIP else
                    Condition(c.field, c.op, c.value, sentence) for c in _numbers(clause, excluding)]
        return out
    found = _numbers_stated(sentence)
    main = without_asides(sentence)  # "80억 원 이하 (매출이 없는 기업은 신청 불가)": the remark does not negate
    main = _NOT_COUNTED.sub("", main)  # "상시근로자 5인 이상 … 비고: 대표자 제외": who is counted, not who may apply
    main = re.sub(r"제외\s*대상(?:은|는|과|와|및)\s", " ", main)  # "…, 제외 대상은 공고문 2~3쪽을 참고": the list named
    # in a list of exclusions a sentence that says who may apply ("… 이전에 개업한 기업만 신청하실 수 있습니다") permits
    negated = (excluding and not _ELIGIBLE_VERB.search(main)) or (bool(_NEGATED.search(main)) and not _ELIGIBLE_VERB.search(main))
    return [Condition(c.field, _FLIP[c.op], c.value, c.text) if negated and c.op in _FLIP else c for c in found]


def _numbers_stated(sentence: str) -> list[Condition]:
    out = []
    if _SME.search(sentence) or _MIDSIZE.search(sentence):  # 중소기업, or 중소·중견기업 (not 대기업)
        out.append(Condition("size", "sme_or_mid" if _MIDSIZE.search(sentence) else "sme", None, sentence))
    for m in _EMPLOYEES.finditer(sentence):
        out.append(Condition("employees", _OPS[m.group(2)], int(m.group(1).replace(",", "")), sentence))
        upper = _EMPLOYEES_UPPER.match(sentence, m.end())
        if upper:
            out.append(Condition("employees", _OPS[upper.group(2)], int(upper.group(1).replace(",", "")), sentence))
    for m in _AGE.finditer(sentence):
        out.append(Condition("age", _OPS[m.group(3)], int(m.group(2)), sentence))
        upper = _AGE_UPPER.match(sentence, m.end())
        if upper:
            out.append(Condition("age", _OPS[upper.group(2)], int(upper.group(1)), sentence))
    for m in [*_FOUNDED.finditer(sentence), *_FOUNDED_AFTER.finditer(sentence)]:
        day = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
        out.append(Condition("founded", _FOUNDED_OPS[m.group(4)], day, sentence))
    rev = _REVENUE.search(sentence)
    if rev:
        amounts = [q for q in find_quantities(sentence[rev.end():rev.end() + 60]) if q.unit == "KRW"]
        for k, q in enumerate(amounts[:2]):  # "매출액 1억 원 이상 300억 원 이하": both bounds
            op = _op_after(sentence, rev.end() + q.end)
            if k == 1 and (q.start - amounts[0].end > 12 or not op):
                break
            if op:
                out.append(Condition("revenue", op, int(q.value), sentence))
            elif k == 0:
                break
    return out


def _certifications(sentence: str) -> list[Condition]:
    out = []
    for part in _SENTENCE_END.split(sentence):  # a line of two sentences: one may require, the next say what does not do
        main = without_asides(part)  # "(벤처기업 확인만 보유한 기업은 신청 불가)" qualifies, it does not negate
        names = [n for n, p in _CERTS.items() if p.search(main)]
        if re.search(r"보유|취득|받은", part) and not _EQUIPMENT.search(part):  # the company's ISO 9001, not a robot's ISO 10218
            names += [f"ISO {n}" for n in dict.fromkeys(re.findall(r"ISO\s*(\d{4,5})", part))]
        # "메인비즈나 벤처기업 확인만으로는 충족하지 못합니다": names what does not qualify
        if (names and _CERT_NEEDED.search(main) and not re.search(r"제외|않|아님|아니|불가|못", main)
                and not _ALSO.search(main) and not re.search(r"요건(?:은|이)?\s*없", main)):
            out.append(Condition("certification", "any_of", names, sentence))
    return out


_THIS_PROGRAMME = re.compile(r"(?:이|본|동일|같은|해당)\s*사업")  # "이 사업의 같은 유형을 지원받은 기업"
_NOT_A_NAME = re.compile(r"공고|모집|안내|요약|참여|신청|추진|계획|시행|변경|정정|고시|상세|게시|공지|알림|보기")  # a title's words that name no programme


def own_programme(c: Condition, title: str) -> Condition:
    """A past-support exclusion of "이 사업" / "본 사업" / "동일 사업" read with a topic of its own
    ("같은 유형"): a support of the programme the document is about too, by the words of its title (the
    condition alone cannot name it)."""
    if not (c.field == "prior_support" and c.op == "excludes" and _THIS_PROGRAMME.search(c.text)
            and isinstance(c.value, dict) and not c.value.get("programme") and (c.value.get("topic") or c.value.get("this"))):
        return c  # no topic and not this programme's: any support in those years excludes already
    words = [w for w in _topic(title) if not _NOT_A_NAME.search(w) and not places_in(w)]
    return Condition(c.field, c.op, c.value | {"topic": sorted(set(c.value.get("topic", [])) | set(words))}, c.text) if words else c


def _topic(text: str) -> list[str]:
    """The words that say what kind of support a past-support exclusion is about."""
    text = re.sub(r"@\w+|\w*_\w*", " ", text)  # user names in a post's replies ("└ gwangju_gg_official ✔ @plastic_gonjiam")
    words = [re.sub(r"(?:으로|을|를|이|가|은|는|의|에|와|과|로|만)$", "", w) for w in re.findall(r"[가-힣A-Za-z]{2,}", text)]
    return sorted({w for w in words if len(w) >= 2 and w not in _STOP and not re.fullmatch(r"[가-힣]{2,4}(?:도|시|군)", w)
                   and not re.match(r"(?:제외|가능|신청|이전|이후|년)", w)  # "제외되고", "가능합니다": what is said of it; "년부터"
                   and not re.search(r"[가-힣](?:한|된)$", w)})  # "도입한", "구축된": what was done, not the kind


# "최근 3년(2023~2025년) 사이 스마트공장 구축 지원을 받은 기업은 수준확인에서 '기초' 이상 …을 받아야": a further
# requirement on companies that received a kind of support (others it does not concern)
_IF_RECEIVED = re.compile(r"(?:지원|사업)\s*[」』]?\s*(?:을|를)\s*받은\s*(?:기업|업체|경우)(?:은|는|에는)\s[^.]{0,80}?"
                          r"(?:이어야|여야|받아야|제출해야|갖추어야|있어야|필요|경우에만|에\s*한(?:해|하여))")


def _years_named(said: str) -> list[int]:
    """The years a clause names, a range's years between too ("2023년~2025년" -> 2023, 2024, 2025)."""
    years = {int(y) for y in _YEAR_OF.findall(said)}
    for a, b in _YEAR_RANGE.findall(said):
        years |= set(range(int(a), int(b) + 1))
    return sorted(years)


def _if_received(sentence: str) -> list[Condition]:
    m = _IF_RECEIVED.search(sentence)
    if not m or _NEGATED.search(sentence):  # "… 받은 기업은 … 설치한 경우에만 제외됩니다": an exclusion, read as one
        return []
    said = sentence[:m.end()]
    years = _years_named(said)
    recent = _RECENT.search(said)
    head = sentence[max(0, m.start() - 30):m.start() + 2]  # the kind of support: the words just before "지원을 받은"
    return [Condition("prior_support", "if_received", {"years": int(recent.group(1)) if recent else None,
                                                         "in": years, "topic": _topic(without_asides(head))}, sentence)]


def _support_and_exclusions(sentence: str, excluding: bool) -> list[Condition]:
    contrast = [c for c in re.split(r"(?<=으나|지만)\s*,\s*", sentence) if c.strip()]
    if len(contrast) > 1:  # "… 지원받은 기업은 신청할 수 없으나, 다른 지원사업을 받은 이력은 영향을 주지 않습니다": clause by clause
        return [Condition(c.field, c.op, c.value, sentence) for part in contrast for c in _support_and_exclusions(part, excluding)]
    conditional = _if_received(sentence)
    if conditional and not excluding:
        return conditional
    out = []
    level = _LEVEL_DONE.search(sentence)
    negative = excluding or bool(re.search(r"제외|불가|수\s*없|중복\s*(?:수혜|지원)|없는|않은", sentence))
    need = (re.sub(r"\s+", "", level.group(1)) if level else
            "기초" if _BASIC_DONE.search(sentence) or (_BUILT.search(without_asides(sentence)) and not negative) else None)
    if need:
        # "2020년 이후(지원연도 기준) … 스마트공장(기초 수준 이상)을 구축 완료한 기업만": built since then
        since = _SINCE.search(sentence)
        out.append(Condition("prior_support", "requires", {"level": need, "since": int(since.group(1))} if since else need, sentence))
    # "… 지원을 받은 기업이 아닙니다" (a pledge of an application form): such companies may not apply
    negative = excluding or bool(re.search(r"제외|불가|수\s*없|중복\s*(?:수혜|지원)|이력이\s*없는|안\s*(?:됩니다|돼요|된다)|빠진다|빠집니다|빠졌|빠지며|빠지고|"
                                           r"(?:기업|업체)(?:이|가)\s*(?:아닙니다|아님|아니다|아니어야)|받지\s*않(?:았|은|았다|음)", sentence))
    main = without_asides(sentence)  # "지원(한국에너지공단 「…」 포함)을 받은": the remark apart
    if _NO_LIMIT.search(sentence) or _WIDENS.search(sentence):  # "다른 사업 수혜 이력은 신청에 영향이 없습니다"
        negative = False
    if negative and (_PRIOR_RECEIVED.search(sentence) or _PRIOR_RECEIVED.search(main)) and not level:
        recent = _RECENT.search(sentence)
        # "2025년 수혜기업만 제외되고, 2024년 이전 수혜기업은 신청 가능합니다": the years of the clause that excludes
        parts = re.split(r"(?<=[고며])\s*,\s*", sentence)
        said = " ".join(x for x in parts if not _ELIGIBLE_VERB.search(x)) if len(parts) > 1 else sentence
        # "(2024년 이전 수혜는 무관)": a remark on which years do not count names no excluded year
        # ("(2023년 이전 수혜 기업은 신청 가능)" names who may apply: no excluded year either)
        said = re.sub(r"\([^()]*(?:무관|상관\s*없|해당하지\s*않|제외되지\s*않|아님|아닙|신청\s*가능|신청할\s*수\s*있)[^()]*\)", " ", said)
        years = _years_named(said)
        # a programme named in 「」 (before one in quotes: a news story quotes whole sentences)
        named = re.search(r"[「『]([^」』]{2,40})[」』]", sentence) or re.search(r"[\"'‘“]([^\"'’”]{2,40})[\"'’”]", sentence)
        by = _BUILT_WITH.search(said)  # "2023년 이후 스마트공장 고도화 사업으로 AI 비전검사 시스템을 도입한": the support, not what it built
        topic = _topic(named.group(1) if named else without_asides(said[:by.start()] if by and by.start() else said))  # not a bracket's words
        this = _THIS_PROGRAMME.search(said)
        called = re.match(r"\s*\(([^()]{2,40})\)", said[this.end():]) if this else None
        if called and not named:  # "2025년 본 사업(포장·라벨 현지화 지원) 수혜기업": the bracket names it
            topic = sorted(set(topic) | set(_topic(called.group(1))))
        since = _SINCE.search(sentence)  # "2023년 이후 … 지원사업에 선정된 기업": that year and later
        value = {"years": int(recent.group(1)) if recent else None, "in": years, "topic": topic}
        if re.search(r"이력이\s*없는", sentence):  # "구축 이력이 없는 기업": any such support, whenever
            value["ever"] = True
        if named:  # a programme named in 「」: a past support is that one only when it has all its words
            value["programme"] = True
        elif this:  # "본 사업 수혜기업": a past support is this programme's only when it is named like it
            value["this"] = True
        built_what = _BUILT_WITH.search(sentence) and not re.search(r"으로\s*스마트\s*공장\s*(?:을|를)?\s*(?:구축|도입)", sentence)
        if built_what or _SAME_KIND.search(sentence) or _SOME_OF_THEM.search(sentence):  # (a smart factory itself: no question)
            value["built"] = True  # what that support built, or which of its recipients: a profile does not say
        through = _ANY_PROGRAMME.search(said)  # "이 사업이나 다른 정부·지자체 사업으로 비전검사 장비를 지원받은": whichever support
        kind = _KIND.search(said[through.end():]) if through else None
        if through and _SAME_KIND.search(sentence):
            value["any"] = []  # "… 다른 지원사업으로 이번에 신청하는 설비와 같은 종류의 설비를": which one, no support's name says
        elif kind and _topic(kind.group(1)):
            value["any"] = _topic(kind.group(1))  # the kind received, by any programme (비전검사·장비, 협동로봇, 스마트공장)
        until = _UNTIL.search(said)  # "2022년 이전 … 수혜기업": that year and before
        if until and not since:
            value["until"], value["in"] = int(until.group(1)), [y for y in years if y != int(until.group(1))]
        out.append(Condition("prior_support", "excludes", value | ({"since": int(since.group(1))} if since else {}), sentence))
    if not out and _DECIDED_BY.search(sentence) and re.search(r"지원|수혜", sentence):
        out.append(Condition("prior_support", "excludes", {"years": None, "in": [], "topic": []}, sentence))
    # these statuses only ever exclude ("체납 기업" in a list whose lead-in is not read, "체납이 없는 기업")
    out += [Condition("exclusion", "excludes", name, sentence) for name, p in _EXCLUSIONS.items() if p.search(sentence)]
    return out


# A limit on the company stated anywhere in the text (a news story's prose, a wrapped line, a record's
# field), by what it is about and a bound: if no condition of that kind was read, the programme has a
# condition the sections missed: it is read there by the field's rule, or, when the rule cannot, no
# company can be told 신청 가능 without it (so: 확인 필요).
_LIMITS = {
    "revenue": re.compile(r"매출(?:액)?[^.\n]{0,25}?\d[\d,.]*\s*(?:[천백십]?\s*[억만])?\s*원\s*(?:이상|이하|미만|초과|이내|넘)"),
    "employees": re.compile(r"(?:근로자|종업원|직원|고용)[^.\n]{0,15}?\d+\s*(?:인|명)\s*(?:이상|이하|미만|초과|이내|넘)"),
    "age": re.compile(r"(?:업력|창업|설립|개업)[^.\n]{0,20}?\d+\s*년\s*(?:이상|이하|미만|이내|초과|경과|이\s*지|을\s*넘|가\s*지)|"
                      r"\d{4}\s*[.년]\s*\d{1,2}\s*[.월]\s*\d{1,2}\s*[.일]?\s*(?:\([^)]{1,3}\))?\s*(?:이전|이후)[^.\n]{0,6}(?:설립|창업|개업)"),
    "certification": re.compile(r"(?:벤처\s*기업|이노비즈|메인비즈|ISO\s*9001)[^.\n]{0,40}?(?:보유|인증|확인)[^.\n]{0,25}?"
                                r"(?:기업만|하여야|해야|있어야|필수|이어야|기업이어야|대상)|"
                                r"(?:벤처\s*기업|이노비즈|메인비즈)[^.\n]{0,30}?중\s*\d+\s*개\s*이상"),
    "region": re.compile(r"(?:소재|관내|도내|시내|군내)\s*(?:한|하는|하고|기업|업체|중소|제조)|에\s*(?:본사|공장|사업장)(?:와|과|을|를|이|가)?\s*[^.\n]{0,10}(?:둔|두고|있는)"),
    "industry": re.compile(r"(?:제조업|C\s*1\d\s*[~-]\s*C?\s*3\d)[^.\n]{0,30}?(?:주업종|영위|기업만|업종)"),
}
_FIELD_GROUPS = {"age": ("age", "founded")}


# a pointer to where a rule is stated ("그 밖의 중복 지원 제한은 3-4 공통 유의사항의 표를 따름"): read it there
_REFERS = re.compile(r"(?:표|항|절|장|조|규정|유의사항)(?:를|을|에|의)?\s*(?:따름|따른다|따릅니다|참조|참고)\s*[.)]?\s*$")
# a definition ("… 지원만 받은 경우는 구축 이력이 없는 것으로 봅니다"): it says how a term reads, no condition
_DEFINES = re.compile(r"(?<!대상)(?<!대상으)(?:으로|로)\s*(?:봅니다|본다|봄|간주합니다|간주한다|간주함)\s*[.)]?\s*$|"  # not "… 업체까지를 대상으로 본다"
                      r"(?:기업|업체)(?:으로|로)\s*(?:신청|분류|취급)(?:한다|합니다|함|됩니다|된다)\s*[.)]?\s*$")  # "군위군 기업은 대구 기업으로 신청한다"
_NO_LIMIT = re.compile(r"제한\s*(?:이|은|도)?\s*없|필요\s*없|불필요|(?:없어도|아니어도|않아도)(?:\([^)]*\))?\s*(?:신청|참여)할\s*수\s*있|상관\s*없")  # "✔ 업력·매출 제한 없음": no condition a rule did not read
_PERMITS = re.compile(r"^\s*※.*(?:신청할\s*수\s*있|신청\s*가능|참여할\s*수\s*있)")  # a remark that widens who may apply


def _states_nothing(sentence: str) -> bool:
    """A sentence that states no condition of the programme: what does not exclude, a remark that
    widens who may apply, an FAQ's question (its answer states), a
    correction's old wording or an erratum, one track's line ("[변경 후] 고도화형 …")."""
    main = re.sub(r"\([^()]*\)", "", sentence)  # "(인증 종류 무관)" qualifies the exclusion; it does not undo it
    return bool(_NOT_EXCLUDING.search(main) or _QUESTION.match(sentence) or _DEFINES.search(main) or _REFERS.search(main)
                or _REMARKS.search(main) or (_OLD_WORDING.search(main) and _CORRECTS.search(main))  # "잘못 기재되어 바로잡음"
                or _ONE_COMPANY.match(sentence)  # a reply's verdict on the asker's own company
                or _ERRATUM.search(sentence)  # an erratum: applied to the text (apply_errata), it states nothing itself
                or _SUPERSEDED.match(sentence) or _TRACK_FIRST.match(_CHANGED.sub("", sentence))
                or (_PERMITS.match(sentence) and not _NEGATED.search(sentence) and "만" not in sentence))


# a line that names where the text below comes from ("🔗 인용: 김포시 공고 제2026-1032호 … 3. 신청자격")
_AS_BEFORE = re.compile(r"(?:정정|변경|수정)(?:된|한|되는)?\s*(?:사항|내용|부분)\s*(?:외|이외)(?:에는|의|는|에)?[^.\n]{0,25}?"
                        r"(?:당초|기존|원|최초)\s*공고(?:문)?(?:와|과|에|의\s*내용과)?\s*(?:같|동일|따름|따릅|따른)")
_SOURCE_LINE = re.compile(r"^\W*(?:인용|출처|원문|자료|링크|참고\s*자료|원본)\s*[:：]")
_NUMBERED_LIMIT = re.compile(r"\d\s*(?:인|명|년|원|억|만)\s*(?:이상|이하|미만|초과|이내)")
# a post's words to its readers ("틀린 거 있으면 댓글로 알려주세요. 스크랩은 자유롭게 하셔도 됩니다~")
_TO_READERS = re.compile(r"댓글|스크랩|공유\s*(?:해|하)|구독|좋아요|알려\s*주세요")


def _states_no_condition(sentence: str) -> bool:
    """A line no rule read that is no condition either (so it does not make the label 확인 필요): a
    remark that widens or says what does not matter, a flow of steps, a schedule, where to apply,
    what the support pays, where a quoted text comes from."""
    return _no_limit_here(sentence) or bool(_NOT_A_CONDITION.search(sentence) or _NO_LIMIT.search(sentence)
                                            or _SOURCE_LINE.match(sentence) or (_CASE_PERMITTED.search(sentence) and not _NEGATED.search(sentence))
                                            or _GET_IN_TOUCH.search(sentence) or _ABOUT_TRACKS.search(sentence)
                                            or _NOT_COUNTED_AS.search(sentence) or _WHEN_TO_APPLY.match(sentence)
                                            # "본사 또는 공장 중 한 곳만 김포시에 있는 경우 신청 불가": both must be there, as read
                                            or (_QUALIFIES.search(sentence) and _NEGATED.search(sentence))
                                            or (_TO_READERS.search(sentence) and not _NUMBERED_LIMIT.search(sentence)))


# "DX 바우처로 소프트웨어·컨설팅만 받은 경우는 신청할 수 있습니다": a case let in, no limit of its own
_CASE_PERMITTED = re.compile(r"(?:경우(?:는|에는|도|라도)|(?:제출하|받으|있으|이)면|만\s*(?:한|받은|도입한|구축한)\s*(?:기업|업체|곳)(?:은|는|도))"
                             r"\s*(?:신청|참여)(?:할|하실)\s*수\s*있")
# a reply's verdict on the asker's own company ("5. 질의하신 업체의 경우 … 충족하나, …"): no condition of the programme
_ONE_COMPANY = re.compile(r"^\W*(?:\d+\s*[.)]\s*)?(?:귀사|질의하신|문의하신|민원인|신청인께서|말씀하신)")
# "기타 궁금하신 사항은 기업지원과로 연락 주시면 안내하겠습니다": where to ask
# "FEMS, 스마트공장 사후관리 … 등은 스마트공장 구축 지원으로 보지 않습니다": how a term reads, no condition
_NOT_COUNTED_AS = re.compile(r"(?:으로|로)\s*(?:보지|인정하지|간주하지)\s*않")
# "2026. 4. 6.(월)부터 4. 30.(목)까지 … 온라인으로 신청합니다": when and where to apply
_WHEN_TO_APPLY = re.compile(r"^\s*(?:20\d{2}\s*[.년]\s*)?\d{1,2}\s*[.월]\s*\d{1,2}\s*[.일]?\s*(?:\([^)]{1,3}\))?\s*부터.{0,80}?(?:신청|접수)(?:합니다|함|받습니다)")
_ABOUT_TRACKS = re.compile(r"(?:유형|트랙)\s*별\s*(?:요건|자격|조건)|둘\s*중\s*하나의?\s*(?:유형|트랙)|(?:두|2개|세|3개)\s*(?:유형|트랙)\s*중\s*하나")  # "라. 유형별 요건(둘 중 하나 …)"
_GET_IN_TOUCH = re.compile(r"(?:연락|문의)\s*(?:주시면|하시면|바랍니다|주십시오|해\s*주세요)")


def _no_limit_here(sentence: str) -> bool:
    """Remarks that widen, flows of steps, schedules, where to apply, what the support pays."""
    widens = all(_WIDENS.search(x) and not _RESTRICTS.search(x) and not _NEGATED.search(x)
                 for x in _SENTENCE_END.split(sentence) if x.strip())
    return widens or bool(_NOT_STATING.search(sentence))


# an entry of a list of other posts or stories, ending in its date ("· 서귀포시 소상공인 간판 개선 (상시근로자 5인
# 미만, 최대 300만 원)   2026. 2. 26."): another programme's
_LISTED_POST = re.compile(r"(?:19|20)\d{2}\s*[.\-/]\s*\d{1,2}\s*[.\-/]\s*\d{1,2}\s*\.?\s*$")


def _unread_limits(text: str, read: set, home=None) -> list[Condition]:
    out = []
    sentences = [x.strip() for line in own_lines(text) for x in _SENTENCE_END.split(line)]
    for field, pattern in _LIMITS.items():
        fields = _FIELD_GROUPS.get(field, (field,))
        if read & set(fields):
            continue
        sentence = next((x for x in sentences if pattern.search(x) and not _SCORING.search(x) and "?" not in x
                         and not _LISTED_POST.search(x) and not _TRACK.match(x) and not _states_nothing(x)
                         and not _no_limit_here(x)), None)
        if sentence is None:
            continue
        # the field's own rule reads it when it can (a limit outside the sections found), in the clause
        # that states it ("식품 제조는 제외, 매출 3억 원 이상이면 …"); else it is unread
        clause = next((c for c in re.split(r",\s+", sentence) if pattern.search(c)), sentence)
        read_here = []
        for part in (clause, sentence):  # the sentence when its clause reads nothing ("창업한 지 2년이 지나야 하는데, 날짜로는 …")
            read_here = read_here or [Condition(c.field, c.op, c.value, sentence)
                                      for c in _numbers(part) + _certifications(part) + _industry(part) + _regions(part, home)
                                      if c.field in fields]
        out += read_here or [Condition("other", "unread", None, sentence)]
    return out


# an erratum stated elsewhere in the text: '"상시근로자 수 10인 이상"은 "5인 이상"의 오기', '"…"를 "…"로 정정'
_QUOTE_OPEN, _QUOTE_CLOSE = "\"“'‘「", "\"”'’」"
_ERRATUM = re.compile(rf"[{_QUOTE_OPEN}]([^{_QUOTE_CLOSE}\n]{{2,60}})[{_QUOTE_CLOSE}]\s*(?:은|는|을|를)\s*"
                      rf"[{_QUOTE_OPEN}]([^{_QUOTE_CLOSE}\n]{{1,60}})[{_QUOTE_CLOSE}]\s*"
                      r"(?:의\s*오기|(?:으로|로)\s*(?:정정|수정|바로잡|고쳐|변경))")


def apply_errata(text: str) -> str:
    """The text with each erratum it states applied everywhere but in the erratum's own sentence. A
    shorter correction replaces the end of what it corrects ("상시근로자 수 10인 이상" -> "5인 이상"
    reads "상시근로자 수 5인 이상")."""
    for m in list(_ERRATUM.finditer(text)):
        old, new = m.group(1).strip(), m.group(2).strip()
        old_words, new_words = old.split(), new.split()
        if len(new_words) < len(old_words):
            new = " ".join(old_words[:len(old_words) - len(new_words)] + new_words)
        if old == new:
            continue
        start = max(text.rfind("\n", 0, m.start()), 0)
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        text = text[:start].replace(old, new) + text[start:end] + text[end:].replace(old, new)
    return text


# a correction said in prose ("제가 아까 3억 원 이상이라고 잘못 말씀드렸습니다. 공고문에는 … 5억 원 이상으로 돼
# 있습니다. 정정하겠습니다", "200억이 아니라 … 150억 원 이하로 돼 있어요"): the bound it gives replaces the one read
_CORRECTS = re.compile(r"정정|바로잡|잘못\s*(?:말씀|알려|안내|적|썼|기재|올렸)|틀렸")
# what an earlier edition said: "2025년 공고는 상시근로자 10인 이상 50인 미만이었음", "작년 사업에서는 매출 50억 원 이하였지만"
_PAST_EDITION = re.compile(r"(?:(?:작년|지난해|전년도?|\d{4}년)\s*(?:공고|사업|모집)\s*(?:까지는|은|는|에는|에서는|에선)"
                           r"|(?:작년|지난해|전년도?)\s*(?:까지는|에는|엔|은|는))\s[^.]*?"
                           r"(?:이었|였|었|이어야|여야)(?:음|다|습니다|는데|지만|고|으나|으며|어야)?")
# "'10명 이상'에서 '5명 이상'으로 완화": the bound it was changed from is no condition
_CHANGED_FROM = re.compile(r"['‘\"“]?[^'’\"”\n,.()]{0,12}\d[^'’\"”\n,.()]{0,12}['’\"”]?\s*에서\s*"
                           r"(?=['‘\"“]?[^'’\"”\n,.()]{0,12}\d[^'’\"”\n,.()]{0,12}['’\"”]?\s*(?:으로|로)\s*"
                           r"(?:완화|변경|확대|축소|상향|하향|조정|낮|높|바뀌|바꾸|줄|늘))")
_OLD_WORDING = re.compile(r"잘못|틀렸|말씀드렸는데|라고\s*(?:했|썼|적)")


# a company of its owner alone may not apply ("대표자 1인만 있는 기업은 상시근로자 0명으로 보아 신청할 수 없습니다",
# "1인 기업 제외"): at least one employee
_ONE_PERSON = re.compile(r"(?:대표자\s*)?1\s*인\s*(?:만\s*있는\s*)?(?:기업|사업자|회사)|상시\s*근로자\s*(?:가\s*)?(?:0|없는)\s*(?:명)?")


def _no_one_person(sentence: str, excluding: bool) -> list[Condition]:
    if _ONE_PERSON.search(sentence) and (excluding or (_NEGATED.search(sentence) and not _ELIGIBLE_VERB.search(sentence))):
        return [Condition("employees", ">=", 1, sentence)]
    return []


def _corrected_limits(text: str) -> list[Condition]:
    out = []
    for line in own_lines(text):
        if "|" in line or not _CORRECTS.search(line) or _ERRATUM.search(line):
            continue  # (an erratum in quotes, "\"10인 이상\"은 \"5인 이상\"의 오기", is applied to the text: apply_errata)
        for sentence in _SENTENCE_END.split(line):
            if _OLD_WORDING.search(sentence) or "?" in sentence:
                continue  # what was said before, or a question
            said = re.split(r"아니라|아니고", sentence)[-1]  # "200억이 아니라 150억 원 이하": the new one
            out += [Condition(c.field, c.op, c.value, sentence.strip()) for c in _numbers(said)
                    if c.field in ("revenue", "employees", "age", "founded")]
    return out


def extract(text: str, home: tuple[str | None, str | None, list] | None = None) -> list[Condition]:
    """Every condition the text states. `home`: the document's own place ([province, city, group])
    for "도내"/"관내", and the region condition when the text names none but the programme is a
    local body's (passed by the caller only then)."""
    from .alternatives import certified_or_industry, into_own_track, one_subsector, or_certified, widens_industry
    from .tracks import track_lines, track_tables  # tracks.py reads each track's cells with the rules above

    # numbers in words read as digits ("다섯 명 이상", "매출 백억 원 이하"); a box table's wrapped cells: one row;
    # a correction table's old column: gone
    text = spelled_numbers(text)
    text = "\n".join(drop_superseded_columns(join_wrapped_rows(column_lists(apply_errata(text).split("\n")))))
    text, out = track_tables("\n".join(unspaced(x.strip()) for x in markdown_tables(text).split("\n")), home)
    text, by_line = track_lines(text, home)
    out += by_line
    said = eligibility_sentences(text)
    korean = sum(any(_in_korean(p) for p in x.split(" | ")) for x, *_ in said)
    bilingual = 0 < korean < len(said) and korean >= 0.4 * len(said)  # "국문과 영문이 다르면 국문이 우선합니다"
    widening = []  # "위 업종에 해당하지 않더라도 … 확인서를 보유한 기업은 신청 가능"
    not_counted = []  # the kinds of support a text says are no reason to exclude
    for sentence, excluding, listed in said:
        sentence = english.keyed_dates(sentence)
        if bilingual:  # a Korean notice with its English translation: the Korean is read
            sentence = " | ".join(p for p in sentence.split(" | ") if _in_korean(p) or not re.search(r"[A-Za-z]{3}", p))
            if not _HANGUL.search(sentence):
                continue
        if not excluding and (one := one_subsector(sentence) or certified_or_industry(sentence)):
            out += one
            continue
        if not excluding and widens_industry(sentence):
            widening.append(sentence)  # (the sentence's other clauses are read too: "… 영위하는 기업. 다만, 그 밖의 제조업은 …")
        if (named := _NOT_A_REASON.match(sentence)):
            not_counted += [w for w in (_topic(x) for x in re.split(r"(?:이나|,|및|또는)\s*", named.group(1))) if w]
        if _states_nothing(sentence) or sentence.rstrip().endswith(("?", "？")):  # a question asks; it states nothing
            continue
        if excluding and all(_ELIGIBLE_VERB.search(x) and not _NEGATED.search(x) and "만" not in x
                             for x in _SENTENCE_END.split(without_asides(sentence)) if x.strip()):
            continue  # "- 2023년 이전 수혜기업 … 은 신청 가능" under an exclusion: who it does not exclude (not "… 기업만 신청")
        sentence = _CHANGED.sub("", sentence)  # "[변경 후] 상시근로자 요건 : 10인 이상": what holds now
        last = out[-1] if out else None
        if (excluding and _ALSO_COUNTS.search(sentence) and last and last.field == "prior_support" and last.op == "excludes"
                and last.value.get("topic")):
            # "- 품질경영 컨설팅 지원사업 중 인증 심사비가 포함된 경우도 포함": the exclusion above covers this kind too
            out[-1] = Condition(last.field, last.op, last.value | {"topic": sorted(set(last.value["topic"]) | set(_topic(sentence)))},
                                last.text + " " + sentence)
            continue
        if (last and last.field == "prior_support" and last.op == "excludes" and _SAME_KIND.search(sentence)
                and re.match(r"\s*[→※└ㄴ]", sentence)):
            # "→ 이번 신청 설비와 같은 품목이면 ✕ (다른 품목이면 OK)": the exclusion above holds for the same kind only
            out[-1] = Condition(last.field, last.op, last.value | {"built": True}, last.text + " " + sentence)
            continue
        if _TRACK.match(sentence):  # "고도화: 기초 수준 이상 …": one track's
            continue
        sentence = _CHANGED_FROM.sub("", _PAST_EDITION.sub(" ", sentence))  # "[메모] 2025년 공고는 상시근로자 10인 이상이었음": last year's, not this one's
        said, sentence = sentence, english.to_korean(sentence)  # an English notice's wording, in the rules' Korean
        support = _support_and_exclusions(sentence, excluding)
        industry = [] if any(c.field == "prior_support" for c in support) else _industry(sentence, excluding)  # a programme's name
        found = (_regions(sentence, home) + industry + _numbers(sentence, excluding) + _certifications(sentence) + support
                 + _no_one_person(sentence, excluding))
        if said != sentence:  # cited as written
            found = [Condition(c.field, c.op, c.value, said) for c in found]
            sentence = said
        # a condition no rule reads: a line of an eligibility or exclusion list, or a sentence that
        # restricts ("… 기업만 신청할 수 있다", "… 이어야 한다"); never a question
        restricts = listed or bool(_RESTRICTS.search(sentence))
        aside = re.fullmatch(r"\([^()]*\)", sentence.strip()) and not _RESTRICTS.search(sentence)  # "(공고문을 다시 옮겨 적었습니다)"
        if (not found and restricts and len(sentence) >= 12 and "?" not in sentence and not aside
                and not _states_no_condition(sentence) and not _LEAD_IN.search(sentence)):  # a lead-in: its items say
            found = [Condition("other", "unread", None, sentence)]
        elif found and not excluding:
            # "… 입주한 기업은 이 사업에는 신청할 수 없고, 국세 … 체납 기업 … 도 제외됩니다": a clause that excludes
            # and that no rule reads is to be read, though the sentence's other clauses were
            for clause in re.split(r"(?<=[고며])\s*,\s*", sentence)[:-1] if "," in sentence else []:
                if (_NEGATED.search(clause) and not _ELIGIBLE_VERB.search(clause) and not _states_no_condition(clause)
                        and not (_regions(clause, home) + _industry(clause, True) + _numbers(clause, True)
                                 + _certifications(clause) + _support_and_exclusions(clause, True))):
                    found.append(Condition("other", "unread", None, clause.strip()))
        out += found
    # several subsectors read as each required ("조선·해양 기자재 제조업", "금속가공·기계부품 제조업체는 … 신청
    # 가능") are alternatives: one listed condition (a listed subsector holds; another is 확인 필요)
    subs = [c for c in out if c.field == "industry" and c.op == "is" and c.value.get("subsector")]
    if len({c.value["subsector"] for c in subs}) > 1:
        names = list(dict.fromkeys(n for c in subs for n in c.value["subsector"].split("·")))
        out = [c for c in out if c not in subs] + [Condition("industry", "sub_in", names, subs[0].text)]
    for sentence in widening:
        out = or_certified(out, sentence)
    out = into_own_track(out)
    out = [Condition(c.field, c.op, c.value | {"not": not_counted}, c.text)
           if not_counted and c.field == "prior_support" and isinstance(c.value, dict) and c.value.get("any") is not None else c
           for c in out]
    # a correction that states only what changed ("정정된 사항 외에는 당초 공고와 같습니다"): the other
    # conditions are in the first notice, so no company is 신청 가능 from this text alone
    rest = _AS_BEFORE.search(text)
    if rest:
        start = max(text.rfind("\n", 0, rest.start()), text.rfind(". ", 0, rest.start()) + 1, 0)
        end = text.find("\n", rest.end())
        out.append(Condition("other", "unread", None, text[start:end if end > 0 else len(text)].strip()))
    in_tracks = {d["field"] for c in out if c.field == "track" for t in c.value["conditions"] for d in t}
    out += _unread_limits(text, {c.field for c in out} | in_tracks, home)
    for c in _corrected_limits(text):
        out = [x for x in out if not (x.field == c.field and x.op == c.op)] + [c]
    # "제외 대상은 2023년~2025년 지원 수혜 기업입니다" (an FAQ's answer) restates, in fewer words, an exclusion
    # of a kind of support read elsewhere for the same years: the one that names the kind holds
    def when(c):
        return {k: v for k, v in c.value.items() if k not in ("topic", "this")}
    kinds = [when(c) for c in out if c.field == "prior_support" and c.op == "excludes" and c.value.get("topic")]
    out = [c for c in out if not (c.field == "prior_support" and c.op == "excludes" and not c.value.get("topic")
                                  and any(when(c).values()) and when(c) in kinds)]
    seen, unique = set(), []
    for c in out:
        key = (c.field, c.op, repr(c.value) if c.field != "other" else c.text)  # every unread sentence is named
        if key not in seen:
            seen.add(key)
            unique.append(c)
    return _without_contradictions(_with_exceptions(unique))


_BOUNDED = ("employees", "revenue", "age", "founded")
# "10억 원 미만 기업은 … 생산 기업에 한하여 신청 가능": below the bound a company may still apply on another ground
_ONLY_IF = re.compile(r"한(?:하여|해|함)\s*(?:신청|참여)|(?:이어도|여도|라도|더라도)\s*(?:신청|참여)")


def _with_exceptions(conditions: list[Condition]) -> list[Condition]:
    """A bound stated as the other side of a bound read elsewhere, with a way in for it ("10억 원 이상" and
    "10억 원 미만 기업은 … 에 한하여 신청 가능"), is that bound's exception: one condition whose text says
    both (match.py reads a bound not met, with an exception in its text, as 확인 필요)."""
    out = list(conditions)
    for b in [c for c in conditions if c.field in _BOUNDED and c.op in _FLIP and _ONLY_IF.search(c.text)]:
        main = [c for c in out if c is not b and c.field == b.field and c.value == b.value and c.op == _FLIP[b.op]
                and c.text != b.text]
        if main:
            out = [Condition(c.field, c.op, c.value, c.text + " ※ 예외: " + b.text) if c in main else c for c in out if c is not b]
    return out


def _without_contradictions(conditions: list[Condition]) -> list[Condition]:
    """Bounds on one field that no company meets together ("5명 미만" and "50명 이상" both required) are a
    misreading, not a programme for nobody (a row's remark "대표자 제외" read as excluding the row's own
    bounds): each becomes a sentence to read (확인 필요), never a reason for 해당 없음."""
    out = conditions
    for name in _BOUNDED:
        bounds = [c for c in conditions if c.field == name and c.op in _FLIP and isinstance(c.value, (int, float, str))]
        lows = [(c.value, c.op == ">") for c in bounds if c.op in (">=", ">")]
        highs = [(c.value, c.op == "<") for c in bounds if c.op in ("<=", "<")]
        if not lows or not highs or len({type(c.value) for c in bounds}) > 1:
            continue
        low, high = max(lows), min(highs)
        if low[0] > high[0] or (low[0] == high[0] and (low[1] or high[1])):
            out = [Condition("other", "unread", None, c.text) if c in bounds else c for c in out]
    return out
