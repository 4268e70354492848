"""Cleaning rules on made-up pages of other layouts than the seeds (txt, html, md, CP949)."""

from pathlib import Path

import pytest

from assistant.ingest import chrome
from assistant.errors import IngestError
from assistant.ingest import CorpusFile, read_documents
from assistant.ingest.textio import decode_bytes

from conftest import PAGES


def docs_of(path: Path, data: bytes | None = None):
    return read_documents(CorpusFile(rel=path.name, path=path, shown=f"corpus/{path.name}"), data)


@pytest.mark.parametrize(
    "line, rule",
    [
        ("구름많음서울 26.9℃", "weather"),
        ("  • 맑음제주 29.6℃", "weather"),
        ("서울 맑음 12.3°C", "weather"),
        ("미세먼지 좋음", "weather"),
        ("기상청 제공", "weather"),
        ("URL복사", "menu"),
        ("URL 복사", "menu"),
        ("더보기", "menu"),
        ("로그인 회원가입", "menu"),
        ("홈 | 뉴스 | 경제 | 사회", "menu"),
        ("홈 > 경제 > 산업", "menu"),
        ("페이스북 트위터 카카오톡", "menu"),
        ("  • 유튜브", "menu"),
        ("[광고] 봄맞이 특가 이벤트", "ad"),
        ("[선착순 마감 임박] 컨퍼런스에 초대합니다", "ad"),
        ("Copyright © 한빛일보 All rights reserved.", "copyright"),
        ("저작권자 © 무등뉴스 무단전재 및 재배포 금지", "copyright"),
        ("[충북도 제공.재판매 및 DB 금지]", "copyright"),
        ("jeonch@yna.co.kr(끝)", "reporter"),
        ("헬로티 이동재 기자 |", "reporter"),
        ("홍길동 기자 hong@hanbit-daily.example", "reporter"),
        ("등록 2026.02.19 15:10:58", "page-meta"),
        ("입력 : 2025.04.26 08:50:01", "page-meta"),
        ("조회수 1", "page-meta"),
        ("2025.07.10 (목)", "page-meta"),
        ("[뉴스출처 : 경기도 김포시]", "source-trailer"),
        ("-", "noise"),
        ("7", "noise"),
    ],
)
def test_chrome_lines(line, rule):
    assert chrome.chrome_rule(chrome.normalise_line(line)) == rule


@pytest.mark.parametrize(
    "line",
    [
        "선정된 기업은 총 사업비의 70% 이내에서 과제당 최대 5,000만 원까지 구축 비용을 지원받을 수 있다.",
        "스마트그린산단 10개소에 2028년까지 총 1,400억원 지원",
        "기온이 30℃를 넘는 날에도 공장 냉방비의 절반을 지원한다고 시는 설명했다. 시는 올해 예산을 늘렸다.",
        "대상: 대전 소재 중소 제조기업 30곳",
    ],
)
def test_article_lines_are_kept(line):
    assert chrome.chrome_rule(line) is None


def test_text_page_of_another_outlet():
    (doc,) = docs_of(PAGES / "hanbit_daily.txt")
    assert doc.title == "창원시, 중소 제조기업 로봇 도입에 최대 1억 2천만 원 지원"
    assert doc.date == "2024-03-04"  # 기사입력, not the header's 2024.03.05 or 최종수정
    assert doc.outlet == "한빛일보"
    assert doc.text.startswith("창원시가 관내 중소 제조기업의")  # byline "[한빛일보=홍길동 기자]" stripped
    for junk in ("°C", "미세먼지", "광고", "로그인", "공유하기", "URL", "Copyright", "@", "관련기사",
                 "많이 본 뉴스", "부동산 시장", "스마트공장 보급 확대", "글자크기"):
        assert junk not in doc.text, junk
    # the repeated paragraph is kept once
    assert doc.text.count("기업당 최대 1억 2천만 원까지") == 1
    assert "신청은 다음 달 15일까지" in doc.text


def test_sidebar_sections_become_their_own_documents():
    docs = docs_of(PAGES / "sidebar_portal.txt")
    titles = [d.title for d in docs]
    assert titles == [
        "광주시, 뿌리기업 공정 디지털화 사업 참여기업 모집",
        "전남 드래곤즈, 시즌 마지막 홈경기 승리",
        "여수산단 입주기업, 탄소중립 설비 투자에 5백억 원 투입",
    ]
    article, sports, economy = docs
    assert "드래곤즈" not in article.text and "5백억" not in article.text
    assert "3천만 원 한도" in article.text and "뉴스출처" not in article.text
    assert sports.text.startswith("전남 드래곤즈가")  # "[무등뉴스= 김철수 기자]" stripped
    assert economy.text.startswith("여수국가산업단지")  # headline run into its lead, split at "(무등뉴스)"
    assert article.date == "2023-11-02" and sports.date is None  # a sidebar's date is not on the page
    assert [d.id for d in docs] == ["sidebar_portal.txt~0", "sidebar_portal.txt~1", "sidebar_portal.txt~2"]
    assert all(d.outlet == "무등뉴스" for d in docs)


def test_html_page_main_text_and_metadata():
    (doc,) = docs_of(PAGES / "techweek.html")
    assert doc.title == "울산시, 제조 현장 AI 품질검사 실증 지원"
    assert doc.date == "2025-09-08"
    assert doc.outlet == "테크위크"
    assert "기업당 최대 4천만 원" in doc.text
    for junk in ("℃", "로그인", "많이 본 뉴스", "반도체 수출", "Copyright", "대표전화", "@"):
        assert junk not in doc.text, junk


def test_markdown_page():
    (doc,) = docs_of(PAGES / "notice.md")
    assert doc.title == "대전시, 스마트공장 수준확인 컨설팅 무료 지원"
    assert "**" not in doc.text and "](" not in doc.text and "#" not in doc.text
    assert "대전 소재 중소 제조기업 30곳" in doc.text
    assert doc.date is None and doc.outlet is None


def test_cp949_page(tmp_path):
    text = (PAGES / "hanbit_daily.txt").read_text(encoding="utf-8").replace("©", "ⓒ")  # © is not in CP949
    path = tmp_path / "cp949.txt"
    path.write_bytes(text.encode("cp949"))
    (doc,) = docs_of(path)
    assert doc.title == "창원시, 중소 제조기업 로봇 도입에 최대 1억 2천만 원 지원"
    assert "기업당 최대 1억 2천만 원까지" in doc.text


def test_euc_kr_and_utf8_bom_decode():
    assert decode_bytes("김포시 스마트공장 지원사업 안내입니다.".encode("euc-kr")) [1] == "cp949"
    assert decode_bytes("\ufeff김포시".encode("utf-8")) == ("김포시", "utf-8")


@pytest.mark.parametrize(
    "data, fragment",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "바이너리"),
        (b"", "빈 파일"),
        (bytes([0x01, 0x02, 0x03, 0x04, 0x05]) * 400, "제어 문자"),
    ],
)
def test_binary_and_empty_rejected_clearly(data, fragment):
    with pytest.raises(IngestError) as err:
        decode_bytes(data, "corpus/bad.txt")
    assert fragment in str(err.value) and "corpus/bad.txt" in str(err.value)


def test_unsupported_suffix_rejected(tmp_path):
    path = tmp_path / "slides.pptx"
    path.write_bytes(b"PK\x03\x04 ...")
    with pytest.raises(IngestError, match="지원하지 않는 형식.*\\.hwp"):
        docs_of(path)


def test_page_that_is_all_chrome_is_rejected(tmp_path):
    path = tmp_path / "menu.txt"
    path.write_text("메뉴\n로그인 회원가입\n서울 맑음 3.1°C\n기상청 제공\n", encoding="utf-8")
    with pytest.raises(IngestError, match="본문"):
        docs_of(path)


PRESS_RELEASE = """보 도 자 료
진주시
배포일시 2025. 4. 7.(월)
담당부서 : 경제정책과 / 기업지원팀
보도일시 즉시 보도 가능
진주시, 2025년 뿌리기업 공정 자동화 지원사업 참여기업 모집
- 8개사 선정, 기업당 최대 3,000만 원 지원
□ 진주시는 진주상공회의소와 함께 '2025년 진주시 뿌리기업 공정 자동화 지원사업'에 참여할 관내 뿌리기업을 모집한다고 7일 밝혔다.
□ 올해 사업비는 2억 4,000만 원이며, 8개사를 선정해 기업당 최대 3,000만 원을 지원한다.
"""

NEWS_PAGE = """남도일보
로그인 회원가입 구독신청 기사제보
2026년 2월 3일 화요일
순천 · 광양 · 여수 소식을 가장 빠르게
순천시, 식품 제조기업 스마트공장 구축에 최대 5천만원 지원
창업 7년 이내 기업 우대, 3월 13일까지 접수
입력 2026.02.03 10:21
순천시가 관내 식품 제조기업의 스마트공장 구축을 돕기 위해 기업당 최대 5천만원을 지원한다고 3일 밝혔다.
접수는 3월 13일까지이며 창업 7년 이내 기업은 평가에서 우대한다.
"""

NOTICE = """충청남도 공고 제2026-101호
2026년 충청남도 제조기업 에너지 진단 지원사업 참여기업 모집 공고
공고일 : 2026. 3. 2.(월)
충청남도에서는 도내 제조기업의 에너지 비용 절감을 위하여 2026년 충청남도 제조기업 에너지 진단 지원사업에 참여할 기업을 다음과 같이 모집합니다.
지원 규모는 20개사 내외이며, 기업당 최대 1,000만 원의 진단 비용을 지원합니다.
"""


@pytest.mark.parametrize("text, title, date", [
    # a press release: the 배포일시 line, the 담당부서 label and the sub-headline ("- 8개사 선정…") are not its title
    (PRESS_RELEASE, "진주시, 2025년 뿌리기업 공정 자동화 지원사업 참여기업 모집", "2025-04-07"),
    # a news page: the menu, the site header's date and its slogan are not; the headline the article repeats is
    (NEWS_PAGE, "순천시, 식품 제조기업 스마트공장 구축에 최대 5천만원 지원", "2026-02-03"),
    # a notice: its number line is not; its 공고일 is its date
    (NOTICE, "2026년 충청남도 제조기업 에너지 진단 지원사업 참여기업 모집 공고", "2026-03-02"),
])
def test_the_title_is_the_headline_the_article_repeats(tmp_path, text, title, date):
    page = tmp_path / "page.txt"
    page.write_text(text, encoding="utf-8")
    (doc,) = docs_of(page)
    assert (doc.title, doc.date) == (title, date)
    assert title not in doc.text  # the title is not repeated as a paragraph


BODY = ("강원특별자치도 고성군은 관내 소규모 제조기업의 생산 공정 디지털화를 위하여\n"
        "「2025년 고성군 중소기업 스마트공장 지원사업」 참여기업을 다음과 같이 모집합니다.\n"
        "지원 규모는 기업당 최대 2천만원이며 스마트공장 구축 비용의 70%를 지원합니다.\n")


def test_a_notices_number_line_is_not_its_title(tmp_path):
    txt = tmp_path / "notice.txt"
    txt.write_text("강원특별자치도 고성군 공고 제2025-1142호\n\n  2025년 고성군 중소기업 스마트공장 지원사업 참여기업 모집 공고\n\n"
                   + BODY, encoding="utf-8")
    assert docs_of(txt)[0].title == "2025년 고성군 중소기업 스마트공장 지원사업 참여기업 모집 공고"
    md = tmp_path / "notice.md"
    md.write_text("# 고성군 공고 제2025-1142호\n\n## 「2025년 고성군 중소기업 스마트공장 지원사업」 모집 공고\n\n" + BODY,
                  encoding="utf-8")
    assert docs_of(md)[0].title == "「2025년 고성군 중소기업 스마트공장 지원사업」 모집 공고"
    framed = tmp_path / "framed.txt"
    framed.write_text("고성군 공고 제2025-1142호\n\n■ 2025년 고성군 중소기업 스마트공장 지원사업 변경공고 ■\n\n" + BODY, encoding="utf-8")
    assert docs_of(framed)[0].title == "2025년 고성군 중소기업 스마트공장 지원사업 변경공고"


def test_an_html_board_page_is_titled_by_its_notice_not_the_sites_logo(tmp_path):
    page = tmp_path / "board.html"
    paragraphs = "".join(f"<p>{line}</p>" for line in BODY.splitlines())
    page.write_text("<html><head><title>「2025 고성군 스마트공장 지원사업」 참여기업 모집 공고 | 고성군청 고시공고</title></head>"
                    "<body><header><h1 class='logo'><a href='/'>고성군청</a></h1></header><main><article>"
                    f"<h2>「2025 고성군 스마트공장 지원사업」 참여기업 모집 공고</h2>{paragraphs}</article></main></body></html>",
                    encoding="utf-8")
    assert docs_of(page)[0].title == "「2025 고성군 스마트공장 지원사업」 참여기업 모집 공고"


FORM_PAGE = """<html><head><title>2026년 고성군 식품 제조업체 인증 지원사업 온라인 신청 | 고성군청</title></head><body>
<header><nav><a href="/">홈</a><form class="search"><input name="q"><button>검색</button></form></nav></header>
<main><h2>2026년 고성군 식품 제조업체 인증 지원사업 온라인 신청</h2>
<p>입력란 옆 ⓘ를 누르면 자격 기준이 표시됩니다. 자격 기준에 맞지 않으면 다음 단계로 넘어갈 수 없습니다.</p>
<form id="apply" method="post"><fieldset><legend>Ⅰ. 신청기업 정보</legend>
<label for="emp">상시근로자 수</label> <span class="tip" title="상시근로자 1인 이상 20인 미만인 기업만 신청할 수 있습니다.">ⓘ</span>
<input id="emp" name="emp">
<label for="ind">주업종</label><select id="ind"><option value="">업종 선택</option>
<option value="C10">식료품 제조업(C10)</option><option value="G46" disabled>수산물 도매업(G46) — 신청 불가</option></select>
</fieldset><fieldset><legend>Ⅱ. 신청 자격 확인 및 서약</legend><ul>
<li><label><input type="checkbox" required> 2024년 또는 2025년에 이 사업의 지원을 받은 기업이 아닙니다.</label></li>
<li><label><input type="checkbox" required> 국세 또는 지방세를 체납하고 있지 않습니다.</label></li>
<li><label><input type="checkbox" required> 개업일이 2025. 5. 4. 이전입니다.</label></li></ul></fieldset>
<button type="submit">다음 단계</button></form></main><footer>고성군청 | 강원특별자치도 고성군</footer></body></html>"""


def test_an_online_application_form_is_read_as_content(tmp_path):
    """Main-text extraction drops forms; an application form's labels, help texts, options and
    check items say who may apply, so a long form is kept (a search box is not)."""
    page = tmp_path / "apply.html"
    page.write_text(FORM_PAGE, encoding="utf-8")
    (doc,) = docs_of(page)
    assert "Ⅱ. 신청 자격 확인 및 서약" in doc.text
    assert "상시근로자 1인 이상 20인 미만인 기업만 신청할 수 있습니다." in doc.text  # the ⓘ help text
    assert "수산물 도매업(G46) — 신청 불가" in doc.text and "업종 선택" not in doc.text
    assert "검색" not in doc.text and "다음 단계" not in doc.text.splitlines()  # the search box and the buttons
    by = {(c["field"], c["op"]): c["value"] for c in doc.facts["conditions"]}
    assert by[("employees", "<")] == 20
    assert by[("founded", "<")] == "2025-05-04"  # "개업일이 2025. 5. 4. 이전입니다"
    assert by[("prior_support", "excludes")]["in"] == [2024, 2025]  # "… 지원을 받은 기업이 아닙니다"


CMS_PAGE = """<html><head><title>고시·공고 상세보기 | 김포시청</title></head><body>
<ul id="gnb"><li><a href="#">열린시장실</a></li><li><a href="#">알림마당</a></li></ul>
<table class="view_head"><tr><th>제목</th><td colspan="3">김포시 공고 제2026-412호 「2026년 김포시 스마트공장 고도화 지원사업」 참여기업 모집 공고</td></tr>
<tr><th>담당부서</th><td>기업지원과</td><th>등록일</th><td>2026-03-16</td></tr></table>
<div class="view_cont">
<p>김포시 관내 제조기업의 생산성 향상을 위하여 「2026년 김포시 스마트공장 고도화 지원사업」 참여기업을 모집합니다.</p>
<h4>2. 신청자격</h4>
<p>○ 공고일 현재 김포시에 본사와 공장을 모두 둔 제조업 중소기업으로 아래 요건을 모두 갖춘 기업</p>
<h4>3. 신청 제외 대상</h4>
<ul><li>2024년 이후 스마트공장 고도화 지원을 받은 기업</li><li>국세 또는 지방세 체납 기업</li></ul>
<h4>5. 신청기간 및 방법</h4>
<p>○ 2026. 3. 16.(월) ~ 4. 10.(금) 18:00, 김포시 기업지원 플랫폼 온라인 접수</p>
</div>
<div class="side"><h5>다른 고시·공고</h5><ul><li>김포시 청년 창업공간 입주기업 모집 (창업 7년 이내)</li></ul></div>
</body></html>"""


def test_an_html_pages_headings_and_lists_between_its_paragraphs_are_kept(tmp_path):
    """A content box the main-text extraction does not recognise keeps only its <p> lines; the headings
    and the exclusion list between them are put back, in place, and the sidebar's list stays out. The
    title is the 제목 cell of the board's head table, not its row."""
    page = tmp_path / "gosi.html"
    page.write_text(CMS_PAGE, encoding="utf-8")
    (doc,) = docs_of(page)
    assert doc.title == "김포시 공고 제2026-412호 「2026년 김포시 스마트공장 고도화 지원사업」 참여기업 모집 공고"
    lines = doc.text.split("\n")
    assert "국세 또는 지방세 체납 기업" in doc.text and "3. 신청 제외 대상" in doc.text
    assert lines.index("3. 신청 제외 대상") < next(i for i, x in enumerate(lines) if "체납" in x) < next(
        i for i, x in enumerate(lines) if "온라인 접수" in x)
    assert "창업 7년 이내" not in doc.text and "열린시장실" not in doc.text
    exclusions = {c["value"] for c in doc.facts["conditions"] if c["field"] == "exclusion"}
    assert "체납" in exclusions


def test_a_press_releases_header_box_is_not_its_headline(tmp_path):
    page = tmp_path / "press.txt"
    page.write_text("┌──────────────┬────────────────────────┐\n"
                    "│ 배포일시       │ 2026. 3. 30.(월) 12:00          │\n"
                    "│ 과    장       │ 이○○ (053-000-0000)           │\n"
                    "└──────────────┴────────────────────────┘\n\n"
                    "대구경북중기청, 뿌리·부품 제조 중소기업 협동로봇 도입 지원\n"
                    " - 기업당 최대 4천만 원, 30개사 내외\n\n"
                    "□ 대구경북지방중소벤처기업청은 지역 뿌리·부품 제조 중소기업의 협동로봇 도입을 지원하는 "
                    "「2026년 대구·경북 제조 중소기업 협동로봇 도입 지원사업」을 공고한다고 밝혔다.\n", encoding="utf-8")
    assert docs_of(page)[0].title == "대구경북중기청, 뿌리·부품 제조 중소기업 협동로봇 도입 지원"


def test_a_list_the_main_extraction_drops_for_its_class_is_kept(tmp_path):
    """trafilatura drops a list whose class looks like chrome (`list_bar`) even in a box it recognises; the
    items between the kept paragraphs are put back."""
    page = tmp_path / "gosi.html"
    page.write_text(CMS_PAGE.replace("<ul><li>2024년 이후", "<ul class=\"list_bar\"><li>2024년 이후")
                    .replace('<div class="view_cont">', '<div class="view_cont"><article>').replace("</div>\n<div class=\"side\">",
                                                                                                   "</article></div>\n<div class=\"side\">"),
                    encoding="utf-8")
    (doc,) = docs_of(page)
    assert "국세 또는 지방세 체납 기업" in doc.text and "창업 7년 이내" not in doc.text


def test_a_short_heading_repeated_under_each_programme_of_a_notice_is_kept(tmp_path):
    page = tmp_path / "integrated.txt"
    page.write_text("2026년 인천광역시 제조기업 지원사업 통합 공고\n\n"
                    "인천광역시는 지역 제조기업의 품질 경쟁력 강화와 노후 생산설비의 안전 확보를 위하여 두 사업을 함께 공고합니다.\n\n"
                    "□ 사업1 : 제조 AI 품질검사 솔루션 도입 지원\n  ○ 지원대상 : 인천광역시에 공장을 둔 제조 중소기업\n"
                    "  ○ 제외대상\n     - 2025년 본 사업 수혜 기업\n\n"
                    "□ 사업2 : 노후 제조설비 안전개선 지원\n  ○ 지원대상 : 인천광역시 남동구·부평구에 공장을 둔 제조업체\n"
                    "  ○ 제외대상\n     - 2024년~2025년 안전보건공단 「클린사업장 조성지원」 수혜 기업\n\n"
                    "Ⅲ. 공통 신청 제외 대상 (사업1~2 공통)\n  ① 국세 또는 지방세 체납 기업\n\n"
                    "Ⅳ. 문의처\n  ○ 자세한 사항은 인천테크노파크 디지털전환팀(032-260-0700)으로 문의하시기 바랍니다.\n", encoding="utf-8")
    (doc,) = docs_of(page)
    assert doc.text.count("○ 제외대상") == 2
    parts = {p["title"]: p["conditions"] for p in doc.facts["parts"]}
    second = parts["사업2 : 노후 제조설비 안전개선 지원"]
    assert any(c["field"] == "prior_support" and "클린사업장" in c["text"] for c in second)
    assert any(c["field"] == "exclusion" for c in second)  # the shared part, read with each
    first = parts["사업1 : 제조 AI 품질검사 솔루션 도입 지원"]
    assert [c["value"] for c in first if c["field"] == "region"] == [[["인천", None, []]]]  # not 사업2's districts
