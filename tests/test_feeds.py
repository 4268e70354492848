"""RSS/Atom feeds read as documents: one Document per item (a feed mixes programmes, often
look-alikes), the item's HTML description as text, its date; a correction item that states only
what changed never lets a company be 신청 가능 by itself. Files are written under tmp paths."""

from datetime import date
from pathlib import Path

import pytest

from assistant.eligibility import APPLY, CHECK, CompanyProfile, Condition, verdict
from assistant.errors import IngestError
from assistant.ingest import CorpusFile, read_documents

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<!-- 피드 리더에서 저장 -->
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title>지원사업 알리미 - 키워드 '광주'</title><link>https://alimi.example.kr/</link>
<item><title>[정정] 2026년 광주광역시 부품기업 품질 고도화 지원사업 공고 정정</title>
<link>https://alimi.example.kr/view/1</link><guid>GJ-1</guid><pubDate>Wed, 01 Apr 2026 17:20:00 +0900</pubDate>
<description>&lt;p&gt;신청자격 중 매출액 요건을 2025년 매출액 150억 원 이하로 정정합니다. 정정된 사항 외에는 당초 공고와 같습니다.&lt;/p&gt;</description></item>
<item><title>[경기 광주시] 2026년 광주시 소공인 작업환경 개선 지원사업</title><category>경기도</category>
<dc:creator>경기도 광주시 기업지원과</dc:creator><pubDate>Mon, 30 Mar 2026 10:05:00 +0900</pubDate>
<description><![CDATA[<p>경기도 광주시 소재 <b>상시근로자 10인 미만 소공인</b>을 지원합니다.</p><p>2025년 매출액 15억 원 이하.</p>]]></description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>공고</title>
<entry><title>2026년 김포시 스마트공장 지원사업</title><link href="https://example.kr/a"/><updated>2026-03-02T09:00:00+09:00</updated>
<summary>김포시에 공장을 둔 제조 중소기업을 지원합니다.</summary></entry></feed>"""


def _docs(path: Path):
    return read_documents(CorpusFile(rel=path.name, path=path, shown=f"corpus/{path.name}"))


@pytest.mark.parametrize("name", ["alimi.xml", "alimi_saved.txt"])
def test_each_item_of_a_feed_is_a_document(tmp_path, name):
    path = tmp_path / name
    path.write_text(RSS, encoding="utf-8")
    fix, gyeonggi = _docs(path)
    assert gyeonggi.title == "[경기 광주시] 2026년 광주시 소공인 작업환경 개선 지원사업"
    assert gyeonggi.date == "2026-03-30"
    assert "상시근로자 10인 미만 소공인" in gyeonggi.text and "<b>" not in gyeonggi.text
    assert "정정" not in gyeonggi.text  # the other item's words stay in their own document
    by = {(c["field"], c["op"]): c["value"] for c in gyeonggi.facts["conditions"]}
    assert by[("employees", "<")] == 10 and by[("revenue", "<=")] == 1_500_000_000
    # the correction states only what changed: 확인 필요 for a company that meets all of it
    company = CompanyProfile.from_dict({"region": "광주광역시 북구", "industry": "제조업", "founded": "2015-02",
                                        "employees": 30, "revenue_won": 13_000_000_000, "certifications": [],
                                        "past_support": [], "exclusions": []})
    conditions = [Condition.from_dict(c) for c in fix.facts["conditions"]]
    v = verdict(company, conditions, date(2026, 4, 1))
    assert v.label == CHECK and v.label != APPLY
    assert any("당초 공고와 같습니다" in r.condition.text for r in v.reasons)


def test_an_atom_feed_and_xml_that_is_no_feed(tmp_path):
    atom = tmp_path / "feed.xml"
    atom.write_text(ATOM, encoding="utf-8")
    (doc,) = _docs(atom)
    assert doc.title == "2026년 김포시 스마트공장 지원사업" and doc.date == "2026-03-02"
    other = tmp_path / "layout.xml"
    other.write_text('<?xml version="1.0"?><LinearLayout><TextView text="hi"/></LinearLayout>', encoding="utf-8")
    with pytest.raises(IngestError, match="본문이 남지 않았습니다"):  # read as any XML: no text in it
        _docs(other)


ICS = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-CALNAME:고성군 기업지원 일정\r\n"
       "BEGIN:VEVENT\r\nUID:a@example.kr\r\nDTSTART;VALUE=DATE:20260511\r\n"
       "SUMMARY:[공고] 2026 고성군 수산물 가공업체 건조설비 현대화 지원\r\n 사업\r\n"
       "DESCRIPTION:○ 대상: 강원특별자치도 고성군에 공장을 둔 수산물 가공 제조\r\n 기업\\n○ 상시근로자 5인 이상\\, "
       "2025년 매출액 30억 원 이하\\n○ 제외: 국세·지방세 체납 기업\r\n"
       "LOCATION:고성군청\r\nEND:VEVENT\r\n"
       "BEGIN:VEVENT\r\nUID:b@example.kr\r\nDTSTART:20260519T140000\r\nSUMMARY:건조설비 지원사업 설명회 (거진읍)\r\n"
       "END:VEVENT\r\nEND:VCALENDAR\r\n")


def test_each_event_of_a_calendar_is_a_document(tmp_path):
    """An iCalendar export (.ics, folded lines, escaped commas and line breaks): one document per event,
    its SUMMARY the title, its DTSTART the date, its DESCRIPTION read for conditions."""
    path = tmp_path / "calendar.ics"
    path.write_bytes(ICS.encode("utf-8"))
    notice, briefing = read_documents(CorpusFile(path=path, rel=path.name, shown=str(path)))
    assert notice.title == "[공고] 2026 고성군 수산물 가공업체 건조설비 현대화 지원사업"  # unfolded
    assert (notice.date, briefing.date) == ("2026-05-11", "2026-05-19")
    assert "상시근로자 5인 이상, 2025년 매출액 30억 원 이하" in notice.text  # unescaped
    conditions = [Condition.from_dict(c) for c in notice.facts["conditions"]]
    assert [(c.op, c.value) for c in conditions if c.field == "revenue"] == [("<=", 3_000_000_000)]
    big = CompanyProfile.from_dict({"region": "강원특별자치도 고성군", "industry": "제조업", "subsector": "수산물 가공",
                                    "employees": 12, "revenue_won": 4_000_000_000})
    assert verdict(big, conditions, date(2026, 5, 11)).label != APPLY
    bad = tmp_path / "not.ics"
    bad.write_text("이건 캘린더가 아닙니다", encoding="utf-8")
    with pytest.raises(IngestError, match="BEGIN:VCALENDAR"):
        read_documents(CorpusFile(path=bad, rel=bad.name, shown=str(bad)))
