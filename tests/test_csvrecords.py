"""CSV exports of programme lists (a portal's search result saved as .csv) read as documents: one
Document per row under the header row, lines before the table left out, CP949 read, conditions
read from the rows' 신청자격/제외대상 cells; files without a table refused with a Korean message.
Files are written under pytest's tmp paths."""

from datetime import date
from pathlib import Path

import pytest

from assistant.eligibility import APPLY, NOT, CompanyProfile, Condition, verdict
from assistant.errors import IngestError
from assistant.ingest import SUPPORTED, CorpusFile, read_documents

EXPORT = (
    "지원사업 검색결과 목록\r\n"
    "검색일시: 2026-06-10 14:22:07, 검색조건: 지역=전체, 정렬: 등록일순, 총 2건\r\n"
    "\r\n"
    "번호,사업명,소관기관,지역,신청자격(요약),제외대상,접수기간,공고일,문의처\r\n"
    '31,2026년 양양군 수산물 가공설비 지원사업,강원특별자치도 양양군,강원특별자치도 양양군,'
    '"① 공고일 현재 강원특별자치도 양양군에 사업장을 둔 식료품 제조업(C10) 중소기업\r\n② 상시근로자 3인 이상\r\n'
    '③ 2025년 매출액 20억 원 이하",국세·지방세 체납 기업 / 휴업·폐업 중인 기업 / 2025년 본 사업 수혜 기업,'
    '2026-05-20 ~ 2026-06-19,2026-05-20,양양군청 경제과 ☎ 033-670-0000\r\n'
    '30,2026년 비수도권 제조기업 시제품 바우처,중소벤처기업부,전국(수도권 제외),'
    '"① 본사와 공장이 모두 수도권(서울특별시·인천광역시·경기도) 외 지역에 있는 제조업 중소기업\r\n② 상시근로자 10인 이상",'
    '국세·지방세 체납 기업,2026-06-08 ~ 2026-07-03,2026-06-08,지역혁신팀 ☎ 1811-0000\r\n'
)


def _docs(path: Path):
    return read_documents(CorpusFile(rel=path.name, path=path, shown=f"corpus/{path.name}"))


def test_each_row_is_a_document_with_its_title_date_and_conditions(tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes(EXPORT.encode("cp949"))
    docs = _docs(path)
    assert [d.id for d in docs] == ["export.csv~0", "export.csv~1"]
    fish, voucher = docs
    assert fish.title == "2026년 양양군 수산물 가공설비 지원사업" and fish.date == "2026-05-20"
    assert "검색일시" not in fish.text and "신청자격(요약)" in fish.text
    on = date(2026, 6, 1)
    conditions = [Condition.from_dict(c) for c in fish.facts["conditions"]]
    base = {"region": "강원특별자치도 양양군", "industry": "제조업", "subsector": "식료품", "employees": 5,
            "revenue_won": 1_000_000_000, "exclusions": []}
    assert verdict(CompanyProfile.from_dict(base | {"past_support": []}), conditions, on).label == APPLY
    assert verdict(CompanyProfile.from_dict(base | {"past_support": ["2025 양양군 수산물 가공설비 지원사업"]}),
                   conditions, on).label == NOT
    assert verdict(CompanyProfile.from_dict(base | {"past_support": [], "region": "경상남도 고성군"}),
                   conditions, on).label == NOT
    # a title naming 비수도권: the programme is for it, not for the province its text names most
    regions = [Condition.from_dict(c) for c in voucher.facts["conditions"] if c["field"] == "region"]
    busan = CompanyProfile.from_dict({"region": "부산광역시 사하구"})
    seoul = CompanyProfile.from_dict({"region": "서울특별시 금천구"})
    assert verdict(busan, regions, on).label == APPLY and verdict(seoul, regions, on).label == NOT


def test_a_csv_without_a_table_is_refused_in_korean(tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text("메모\n지원사업 정리는 나중에\n", encoding="utf-8")
    with pytest.raises(IngestError) as err:
        _docs(path)
    assert "머리글" in str(err.value)
    assert ".csv" in SUPPORTED
