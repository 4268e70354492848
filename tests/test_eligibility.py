"""Eligibility: conditions read from real notice text, a profile judged against them, qa.match, the CLI."""

import json
from datetime import date, datetime

import pytest

from assistant.eligibility import APPLY, CHECK, NOT, CompanyProfile, Condition, ProfileError, extract, verdict
from assistant.eligibility.places import Place, covers, place_of, places_in

NOTICE = """「2026년 경남 스마트공장 구축 지원사업」 참여기업 모집 공고

## 2. 지원내용
| 구분 | 지원한도 |
| 기초 | 최대 4,000만 원 |
### 다. 우대사항(가점)
- 김해시 소재 지방산업단지 입주기업: 1점
- 이노비즈 인증 기업: 2점

## 3. 신청자격
- 공고일 기준 경상남도 내에 본사 또는 공장을 둔 중소기업으로서 제조업(표준산업분류 C10~C34) 영위 기업
- 상시근로자 5인 이상 기업
- 고도화1: 기초 수준 이상의 스마트공장을 이미 구축한 기업
- 신청 제외 대상
  - 국세·지방세 체납 기업
  - 최근 3년 이내(2023년~2025년) 동일 수준의 정부 스마트공장 구축 지원을 받은 기업

## 4. 신청기간 및 방법
- 접수기간: 2026. 3. 3.(화) ~ 3. 24.(화) 18:00까지
"""


def _one_document(path):
    """The one Document a page written under a tmp path reads as (assistant.ingest, as indexing reads it)."""
    from assistant.ingest import CorpusFile, read_documents

    (doc,) = read_documents(CorpusFile(rel=path.name, path=path, shown=f"corpus/{path.name}"))
    return doc


def _by_field(conditions):
    out = {}
    for c in conditions:
        out.setdefault(c.field, []).append(c)
    return out


def test_places_keep_look_alikes_apart():
    assert place_of("경기도 김포시") == Place("경기", "김포")
    assert place_of("광주광역시 북구") == Place("광주", "북구")  # a district of the metropolitan city
    assert covers(Place("광주"), place_of("광주광역시 북구")) is True
    assert covers(Place("광주", "광산구"), place_of("광주광역시 북구")) is False
    assert covers(Place("광주", "광산구"), place_of("광주광역시")) is None  # which district is not known
    assert covers(Place("서울", "강서구"), place_of("부산광역시 강서구")) is False  # a district name two cities share
    assert [p.label() for p, _, _ in places_in("광주광역시(광산구·북구 등) 소재")][0] == "광주"  # a remark, not one district
    assert place_of("경기도 광주시") == Place("경기", "광주")
    assert [p.label() for p, _, _ in places_in("경남 고성군과 강원도 고성군")] == ["경남 고성", "강원 고성"]
    gimpo = place_of("김포시")
    assert gimpo == Place("경기", "김포")
    assert covers(Place("경기"), gimpo) is True and covers(Place("경남", "김해"), gimpo) is False
    assert covers(Place("광주"), place_of("경기도 광주시")) is False
    assert covers(places_in("수도권 소재")[0][0], gimpo) is True
    assert covers(Place(None, "고성"), Place("경남")) is None  # a county named by two provinces, a company without a city


def test_conditions_read_from_a_notice_skip_scoring_and_track_lines():
    got = _by_field(extract(NOTICE))
    assert got["region"][0].value == [["경남", None, []]] and "경상남도 내에" in got["region"][0].text
    assert got["industry"][0].value["industry"] == "제조업"
    assert (got["employees"][0].op, got["employees"][0].value) == (">=", 5)
    assert {c.value for c in got["exclusion"]} == {"체납"}
    prior = got["prior_support"][0]
    assert prior.op == "excludes" and prior.value["years"] == 3 and prior.value["in"] == [2023, 2024, 2025]
    assert "스마트공장" in prior.value["topic"] and "지원" not in prior.value["topic"]  # what kind of support counts
    assert "certification" not in got  # 이노비즈 only earns points (가점)
    assert all("고도화1" not in c.text for c in extract(NOTICE))  # one track's condition is not the programme's
    news = "지원 대상은 김포시에 본사 또는 공장을 둔 중소 제조기업으로, 직전 연도 매출액이 120억 원 이하인 기업이다."
    rev = _by_field(extract(news))["revenue"][0]
    assert (rev.op, rev.value) == ("<=", 12_000_000_000)
    assert _by_field(extract("경기도 광주시 소재 기업은 신청할 수 없습니다."))["region"][0].op == "not_in"
    assert _by_field(extract("창업 7년 이내 기업이 신청할 수 있다."))["age"][0].value == 7


def test_a_profile_is_judged_condition_by_condition():
    conditions = extract(NOTICE)
    on = date(2026, 3, 3)
    ok = CompanyProfile.from_dict({"region": "경상남도 김해시", "industry": "제조업", "employees": 25,
                                   "revenue_won": 3_000_000_000, "exclusions": [], "past_support": []})
    v = verdict(ok, conditions, on)
    assert v.label == APPLY and all(r.status == "충족" for r in v.reasons)
    wrong_place = CompanyProfile.from_dict({"region": "경기도 김포시", "industry": "제조업", "employees": 25,
                                            "revenue_won": 3_000_000_000, "exclusions": [], "past_support": []})
    v = verdict(wrong_place, conditions, on)
    assert v.label == NOT and [r.condition.field for r in v.deciding] == ["region"]
    assert "경남" in v.deciding[0].says and "경기 김포" in v.deciding[0].says
    unknown = CompanyProfile.from_dict({"region": "김해시", "industry": "제조업", "employees": 25})
    v = verdict(unknown, conditions, on)
    assert v.label == CHECK and {r.condition.field for r in v.deciding} == {"size", "exclusion", "prior_support"}
    big = CompanyProfile.from_dict({"region": "김해시", "industry": "제조업", "employees": 900, "revenue_won": 2e11})
    assert verdict(big, conditions, on).label == NOT  # over any 중소기업 ceiling
    small = CompanyProfile.from_dict({"region": "김해시", "industry": "제조업", "employees": 3})
    assert verdict(small, conditions, on).label == NOT
    assert verdict(ok, [], on).label == CHECK  # nothing stated: never a guess


def test_profile_fields_are_checked_and_none_differs_from_unknown():
    p = CompanyProfile.from_dict({"region": "김포시", "founded": "2019.5", "certifications": "", "employees": "1,200"})
    assert p.founded == "2019-05" and p.certifications == () and p.employees == 1200 and p.past_support is None
    assert p.age_years(date(2026, 3, 1)) == pytest.approx(6.83, abs=0.01)
    with pytest.raises(ProfileError, match="2019-05"):
        CompanyProfile.from_dict({"founded": "작년"})
    with pytest.raises(ProfileError, match="employees"):
        CompanyProfile.from_dict({"employees": "많음"})


def test_qa_match_and_the_cli_on_the_shipped_corpus(seed_index, capsys):
    from assistant import cli, load

    qa = load(seed_index)
    qa.now = lambda: datetime(2026, 3, 1)
    gimpo = {"region": "경기도 김포시", "industry": "제조업", "founded": "2019-05", "employees": 25}
    matches = qa.match(gimpo)
    by_title = {m.programme.title: m for m in matches}
    gimpo_programme = next(m for t, m in by_title.items() if "김포" in t)
    assert gimpo_programme.label in (APPLY, CHECK) and not gimpo_programme.closed
    assert gimpo_programme.period.startswith("접수 중")
    region = next(r for r in gimpo_programme.verdict.reasons if r.condition.field == "region")
    assert region.status == "충족"
    cite = gimpo_programme.citations[gimpo_programme.verdict.reasons.index(region)]
    assert cite.highlight and cite.highlight in cite.passage and cite.doc_id == gimpo_programme.programme.doc_id
    chungbuk = next(m for t, m in by_title.items() if "충북" in t)
    assert chungbuk.label == NOT and chungbuk.verdict.deciding[0].condition.field == "region"
    labels = [m.label for m in matches if not m.closed]
    assert labels == sorted(labels, key=[APPLY, CHECK, NOT].index)  # open programmes: 신청 가능 first

    assert cli.main(["match", "--index", str(seed_index), "--region", "김포시", "--industry", "제조업",
                     "--founded", "2019-05", "--employees", "25", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["profile"]["region"] == "김포시" and {p["label"] for p in out["programmes"]} <= {APPLY, CHECK, NOT}
    assert any(r["source"] for p in out["programmes"] for r in p["reasons"])
    assert cli.main(["match", "--index", str(seed_index), "--founded", "작년"]) != 0


WEB_NOTICE = """사업명
2026년 인증기업 제조 AX 고도화 지원사업
신청자격
다음 요건을 모두 갖춘 기업
① 이노비즈(기술혁신형 중소기업) 또는 메인비즈(경영혁신형 중소기업) 인증을 보유한 기업 (벤처기업 확인만 보유한 기업은 신청 불가)
② 상시근로자 20인 이상
③ 2025년 매출액 10억 원 이상
지원 분야
공정 변수 기반 불량 예측 모델 개발 및 현장 적용
"""


def test_conditions_under_a_web_pages_bare_headings():
    got = _by_field(extract(WEB_NOTICE))
    # a short item ending in 이상 is a condition, not a sub-heading
    assert [(c.op, c.value) for c in got["employees"]] == [(">=", 20)]
    assert got["revenue"][0].op == ">="
    # the remark in brackets qualifies the certification, it does not negate it
    assert got["certification"][0].value == ["이노비즈", "메인비즈"]
    # neither the lead-in line nor the 지원 분야 section under its own heading is a condition
    assert "other" not in got


def test_a_gyeonggi_gwangju_page_that_names_the_metropolitan_city_once(tmp_path):
    page = tmp_path / "gj.txt"
    page.write_text("보도자료\n경기도 광주시\n광주시, 창업 제조기업에 스마트화 바우처 최대 2,000만 원\n"
                    "□ 경기도 광주시는 관내 창업 제조기업의 공정 디지털화를 돕기 위해 바우처 지원사업을 추진한다고 27일 밝혔다.\n"
                    "□ 지원 대상은 공고일 현재 광주시에 본사를 둔 제조업 영위 기업이다.\n"
                    "※ 본 자료의 광주시는 경기도 광주시입니다. 광주광역시와는 관계가 없습니다.\n", encoding="utf-8")
    doc = _one_document(page)
    regions = [c for c in doc.facts["conditions"] if c["field"] == "region"]
    assert [c["value"] for c in regions] == [[["경기", "광주", []]]]  # 경기도 광주시, said three times against once


PRESS_RELEASE_CONDITIONS = """○ 지원 대상은 충청북도 내에 본사 또는 공장을 둔 제조업 영위 중소기업으로서 다음 요건을 모두 갖춘 기업이다.
- 설립일로부터 1년 이상 경과한 기업
- 상시근로자 10인 이상
- 도내 어디에 있든 신청할 수 있으며, 충청남도·대전·세종에 있는 기업은 대상이 아니다.
○ 다만 다음에 해당하는 기업은 신청할 수 없다.
- 국세·지방세 체납 기업
- 정보통신업, 도소매업을 주업종으로 하는 기업
○ 충청북도는 선정 기업에 최대 5천만 원을 지원한다.
"""


def test_a_press_releases_lead_in_lists_and_clauses():
    got = _by_field(extract(PRESS_RELEASE_CONDITIONS, ["충북", None, []]))
    assert [(c.op, c.value) for c in got["age"]] == [(">=", 1)]  # 설립일로부터 1년 이상 경과
    assert [(c.op, c.value) for c in got["employees"]] == [(">=", 10)]
    # the list under "다음에 해당하는 기업은 신청할 수 없다" excludes
    assert [c.value for c in got["exclusion"]] == ["체납"]
    assert [(c.op, c.value) for c in got["industry"] if c.op == "not_in"] == [("not_in", ["도소매업", "정보통신업"])]
    # one clause allows the province, the other excludes its neighbours
    ops = {c.op for c in got["region"]}
    assert ops == {"in", "not_in"}
    assert any(p[0] == "충남" for c in got["region"] if c.op == "not_in" for p in c.value)
    assert "other" not in got  # the lead-ins themselves are not conditions


def test_a_remark_in_a_table_row_is_its_own_sentence():
    text = ("| 신청 자격 | |\n| 소재지 | 공고일 현재 경기도 내에 본사 또는 공장을 둔 기업 ※ 인천광역시에만 사업장이 있는 "
            "기업은 신청할 수 없습니다. |\n")
    regions = _by_field(extract(text))["region"]
    assert ("in", "경기") in [(c.op, c.value[0][0]) for c in regions]  # not "경기 소재 기업 제외"


def test_an_age_range_and_a_nationwide_region_label():
    got = _by_field(extract("신청자격\n1. 지역: 전국(수도권·비수도권 구분 없음)\n"
                            "2. 업력: 창업 2년 이상 8년 이하인 기업\n3. 대상: 업력 1년 이상, 5년 미만인 제조 중소기업",
                            None))
    assert [c.op for c in got["region"]] == ["any"]
    assert [(c.op, c.value) for c in got["age"]] == [(">=", 2), ("<=", 8), (">=", 1), ("<", 5)]
    young = CompanyProfile.from_dict({"region": "경기도 김포시", "industry": "제조업", "founded": "2024-01",
                                      "employees": 5})
    old = CompanyProfile.from_dict({"region": "경기도 김포시", "industry": "제조업", "founded": "2012-01",
                                    "employees": 5})
    conditions = got["region"] + got["age"][:2]
    assert verdict(old, conditions, date(2026, 6, 1)).label == NOT  # past the upper bound
    assert verdict(young, conditions, date(2026, 6, 1)).label == APPLY


def test_continuation_rows_ranges_founding_dates_and_redirects():
    """Rows of a "구분 | 내용" table whose first cell is blank go on the section above; "대상이
    아닙니다" negates; "5인 이상 50인 미만" is a range; a founding date bounds 업력; a clause that
    sends some companies to another programme says who may not apply; a programme's name in 「」
    is not its industry; how employees are counted is no condition."""
    table = ("## 2. 신청 자격\n\n| 구분 | 내용 |\n|---|---|\n| 지원대상 | 아래 ①~② 요건을 모두 갖춘 기업 |\n"
             "| 　 | ① 소재지: 공고일 현재 광주광역시 또는 전라남도에 본사 또는 공장을 둔 기업 |\n"
             "| 　 | ② 업력: 2016. 4. 7. 이후 설립한 기업 |\n")
    got = _by_field(extract(table, None))
    assert [c.op for c in got["region"]] == ["in"]
    assert {p[0] for p in got["region"][0].value} == {"광주", "전남"}
    assert [(c.op, c.value) for c in got["founded"]] == [(">=", "2016-04-07")]
    on = date(2026, 5, 1)
    base = {"region": "광주광역시 북구", "industry": "제조업", "employees": 10}
    assert verdict(CompanyProfile.from_dict(base | {"founded": "2019-03"}), got["region"] + got["founded"], on).label == APPLY
    assert verdict(CompanyProfile.from_dict(base | {"founded": "2015-12"}), got["founded"], on).label == NOT
    assert verdict(CompanyProfile.from_dict(base | {"founded": "2016-04"}), got["founded"], on).label == CHECK

    prose = ("신청자격\n- 공고일 현재 상시근로자 수가 5인 이상 50인 미만이어야 하며, 상시근로자 50인 이상 기업은 "
             "규모에 맞는 다른 사업을 이용해 주시기 바랍니다.\n- 세종특별자치시, 대전광역시에 있는 기업은 신청 대상이 아닙니다.\n"
             "- 상시근로자는 공고일 전월 말 기준으로 한다. 다만, 대표자와 임원은 제외한다.\n"
             "- 서울특별시 소재 기업은 서울시 「도시제조업 탄소중립 지원사업」 대상이다.\n")
    got = _by_field(extract(prose, None))
    assert sorted((c.op, c.value) for c in got["employees"]) == [("<", 50), (">=", 5)]
    assert [c.op for c in got["region"] if {p[0] for p in c.value} == {"세종", "대전"}] == ["not_in"]
    assert "other" not in got and "industry" not in got


def test_a_limit_stated_outside_the_sections_is_read_or_blocks_apply():
    """A news story's limits sit in prose the section reader does not take: each field a limit is
    stated on is read there ("매출액이 3억 원 이상이어야 한다"), and one its rule cannot read keeps
    every company at 확인 필요 instead of a 신청 가능 that skipped it."""
    story = ("광주시, 자동화 설비 도입 기업 이자 지원\n신청 대상은 경기도 광주시에 공장을 둔 제조 중소기업이다.\n"
             "상시근로자는 50인 미만이어야 하고, 직전연도(2025년) 매출액이 3억 원 이상이어야 한다.\n")
    got = _by_field(extract(story, ("경기", "광주", [])))
    assert sorted((c.op, c.value) for c in got["revenue"]) == [(">=", 300_000_000)]
    company = {"region": "경기도 광주시", "industry": "제조업", "founded": "2020-01", "employees": 10, "revenue_won": 200_000_000,
               "certifications": [], "past_support": [], "exclusions": []}
    assert verdict(CompanyProfile.from_dict(company), extract(story, ("경기", "광주", [])), date(2026, 5, 1)).label == NOT
    unread = story + "벤처기업 또는 이노비즈 인증을 보유한 기업이어야 하는데, 확인서 제출 방식은 추후 안내한다.\n"
    conditions = extract(unread, ("경기", "광주", []))
    rich = company | {"revenue_won": 900_000_000}
    assert verdict(CompanyProfile.from_dict(rich), conditions, date(2026, 5, 1)).label in (CHECK, NOT)


def test_faq_questions_superseded_wording_and_feedback_lines_state_no_condition():
    faq = ("신청자격\n[신청자격] Q. 어떤 업종이 신청할 수 있나요?\n"
           "A. 이노비즈 인증 또는 ISO 9001 인증 가운데 하나 이상을 보유하고 있어야 합니다. "
           "메인비즈나 벤처기업 확인만으로는 이 요건을 충족하지 못합니다.\n")
    got = _by_field(extract(faq, None))
    assert [sorted(c.value) for c in got["certification"]] == [["ISO 9001", "이노비즈"]]
    assert "other" not in got
    iso_only = {"region": "경기도 김포시", "industry": "제조업", "certifications": ["ISO 9001"]}
    assert verdict(CompanyProfile.from_dict(iso_only), got["certification"], date(2026, 5, 1)).label == APPLY
    changed = "신청자격\n[변경 전] 상시근로자 요건 : 20인 이상\n[변경 후] 상시근로자 요건 : 10인 이상\n"
    assert [(c.op, c.value) for c in _by_field(extract(changed, None))["employees"]] == [(">=", 10)]
    from assistant.ingest import chrome
    assert chrome.chrome_rule("도움이 되었나요? 예(41) 아니오(2)") == "feedback"


def test_a_remark_does_not_end_a_list_and_numbered_slide_headings_open_sections():
    notice = ("□ 지원대상 (아래 요건을 모두 충족하는 기업)\n  ○ 공고일 현재 경상북도 내에 본사와 공장을 모두 두고 있는 중소기업\n"
              "     ※ 본사만 도내에 있고 공장이 도외에 있는 경우는 신청할 수 없음\n"
              "  ○ 공고일 현재 상시근로자 수가 10인 이상인 기업\n")
    assert [(c.op, c.value) for c in _by_field(extract(notice, ("경북", None, [])))["employees"]] == [(">=", 10)]
    slides = ("03 지원 대상 및 신청 요건 (1/2)\n\n  ✔ 규모   공고일 현재 상시근로자 10인 이상 300인 미만\n\n"
              "04 신청 제외 (2/2)\n  ✖ 국세·지방세 체납 기업\n\n06 Q&A (사전 질문)\n"
              "A2. 업력 제한은 없습니다. 상시근로자 10인 이상 등 다른 요건만 갖추면 됩니다.\n")
    got = _by_field(extract(slides, None))
    assert sorted((c.op, c.value) for c in got["employees"]) == [("<", 300), (">=", 10)]
    assert [c.value for c in got["exclusion"]] == ["체납"]


def test_outside_a_region_only_these_companies_and_lines_that_limit_nothing():
    notice = ("신청자격\n공고일 현재 아래 요건을 모두 충족해야 합니다.\n"
              "- 소재지: 본사와 공장이 모두 수도권(서울특별시·인천광역시·경기도) 밖에 있는 기업\n"
              "✔ 업력·매출 제한 없음\n"
              "★ 최근 3년 내 침해사고 피해 신고 기업 ....... +1\n"
              "※ 광주광역시 등 지방 광역시 소재 기업은 비수도권 기업으로 신청할 수 있습니다.\n")
    got = _by_field(extract(notice, None))
    assert [(c.op, c.value) for c in got["region"]] == [("not_in", [[None, None, ["서울", "경기", "인천"]]])]
    assert "other" not in got  # no limit, points, and a remark that widens: none is a condition
    gimhae = CompanyProfile.from_dict({"region": "경상남도 김해시"})
    gimpo = CompanyProfile.from_dict({"region": "경기도 김포시"})
    assert verdict(gimhae, got["region"], date(2026, 5, 1)).label == APPLY
    assert verdict(gimpo, got["region"], date(2026, 5, 1)).label == NOT
    only = _by_field(extract("사업 개요\n이 사업은 비수도권 기업만 신청할 수 있습니다.\n", None))
    assert [c.op for c in only["region"]] == ["in"]
    # a supplier's line that also lets others in is no region condition of the applicant
    supplier = "신청자격\n- 공급기업: 최근 2년간 구축 실적 5건 이상 보유(김포시 외 지역 기업도 가능)\n"
    assert "region" not in _by_field(extract(supplier, None))


def test_other_parts_of_a_notice_and_remarks_that_widen_state_no_condition():
    board = ("| 신청자격 | 소재지 | 공고일 현재 아래 지역에 본사와 공장을 모두 둔 기업 - 울산광역시 전역 - 경상남도 양산시 |\n"
             "| | 매출액 | 직전연도 매출액 50억 원 이하 (매출이 없는 기업은 신청 불가) |\n"
             "| 접수방법 | 울산테크노파크 누리집 온라인 접수 |\n"
             "| 제출서류 | 사업신청서, 사업자등록증명, 국세 납세증명서 |\n"
             "| 선정절차 | 요건검토 → 서면평가 → 현장실사 → 선정 |\n"
             "| 이전글 | 2026년 울산 시제품 제작 지원 결과 안내 |\n")
    got = _by_field(extract(board, ("울산", None, [])))
    assert [(c.op, c.value) for c in got["revenue"]] == [("<=", 5_000_000_000)]  # the remark in brackets does not negate
    assert [c.op for c in got["region"]] == ["in"]
    assert sorted(p[1] or p[0] for p in got["region"][0].value) == ["양산", "울산"]
    assert "other" not in got  # how to apply, documents, selection steps, the next post: no condition
    remarks = ("신청자격\n- 공고일 현재 전라남도에 본사를 둔 제조 중소기업\n"
               "- 구축 연도는 묻지 않으며, 시·군 자체 사업으로 구축한 경우에도 인정합니다.\n"
               "- 다른 지원사업을 받은 이력은 신청 자격에 영향을 주지 않습니다.\n"
               "- 인구감소지역 소재 기업은 정부지원 비율이 70%로 상향됩니다.\n")
    assert "other" not in _by_field(extract(remarks, ("전남", None, [])))


def test_outside_a_region_negated_a_committee_decides_and_a_subsector_left_out():
    inside = _by_field(extract("신청자격\n- 본사 또는 공장 중 한 곳이라도 전라북도 밖(광주광역시 포함)에 있는 경우에는 신청할 수 없습니다.\n",
                               None))
    assert [c.op for c in inside["region"]] == ["in"]
    committee = _by_field(extract("제3조(지원대상) ① 최근 3년간 이에 준하는 공정개선 지원을 받은 기업은 제외한다.\n"
                                  "② 제1항의 \"이에 준하는 지원\"에 해당하는지는 선정위원회가 정한다.\n", None))
    judged = [c for c in committee["prior_support"] if "위원회" in c.text]
    assert judged, committee
    on = date(2026, 5, 1)
    had = CompanyProfile.from_dict({"region": "경상남도 김해시", "past_support": ["2024 김해시 공정자동화 지원사업"]})
    never = CompanyProfile.from_dict({"region": "경상남도 김해시", "past_support": []})
    assert verdict(had, judged, on).label == CHECK and verdict(never, judged, on).label == APPLY
    food = _by_field(extract("지원 대상은 도내 중소 제조기업이다. 수산물과 음료 제조업은 올해 사업에서 빠졌다.\n", ("전남", None, [])))
    out = [c for c in food["industry"] if c.op == "not_sub"]
    assert [c.value for c in out] == [["수산물", "음료"]]
    fish = CompanyProfile.from_dict({"region": "전라남도 여수시", "industry": "제조업", "subsector": "수산물 가공"})
    metal = CompanyProfile.from_dict({"region": "전라남도 여수시", "industry": "제조업", "subsector": "금속가공"})
    assert verdict(fish, out, on).label == NOT and verdict(metal, out, on).label == APPLY


def test_a_list_wrapped_at_a_fixed_width_is_read_whole():
    wrapped = ("2. 신청자격\n   이 사업은 전라남도 동부권 5개 시·군, 즉 여수시, 순천시, 광양시, 고흥군,\n"
               "  보성군 가운데 한 곳에 본사 또는 공장을 둔 기업을 대상으로 합니다.\n")
    got = _by_field(extract(wrapped, ("전남", None, [])))
    assert sorted(p[1] for p in got["region"][0].value) == sorted(["여수", "순천", "광양", "고흥", "보성"])


def test_a_smart_factory_built_since_a_year_is_required():
    notice = ("신청자격\n- 2022년 이후(지원연도 기준) 정부 또는 지자체 지원을 받아 스마트공장(기초·고도화1 등)을 구축 완료한 기업만 "
              "신청할 수 있습니다.\n")
    got = _by_field(extract(notice, None))["prior_support"]
    assert [(c.op, c.value) for c in got] == [("requires", {"level": "기초", "since": 2022})]
    on = date(2026, 5, 1)
    label = {name: verdict(CompanyProfile.from_dict({"region": "전라남도 순천시", "past_support": past}), got, on).label
             for name, past in (("recent", ["2023 스마트공장 기초 구축"]), ("old", ["2019 스마트공장 고도화1"]),
                                ("undated", ["스마트공장 기초 구축"]), ("none", []))}
    assert label == {"recent": APPLY, "old": NOT, "undated": CHECK, "none": NOT}
    # a build the list excludes is no requirement
    excluded = _by_field(extract("신청 제외 대상\n- 스마트공장을 이미 구축한 기업\n", None))
    assert all(c.op != "requires" for c in excluded.get("prior_support", []))


def test_card_news_headings_track_lines_subsector_codes_and_revenue_ranges():
    card = ("누가 신청할 수 있나요? ①\n📍 강원특별자치도에 본사 또는 공장이 있는 중소 제조기업\n"
            "※ 원주시 소재 기업은 원주시 자체 사업으로 신청해 주세요\n"
            "✔ 2025년 매출액 2억 원 이상 150억 원 이하\n"
            "✔ 주된 업종: 금속가공(C25), 기계·장비(C29), 전기장비(C28)\n"
            "✔ 수출 실적이 없어도 신청할 수 있어요! 업력 제한도 없어요\n"
            "이런 기업은 신청할 수 없어요 🙅\n✖ 국세·지방세 체납 기업\n"
            "무엇을 지원하나요? 💼\n※ 트랙 2는 이노비즈·메인비즈 중 1개 이상 보유 기업만 신청할 수 있어요\n"
            "Q. 직원이 2명뿐인데 신청할 수 있나요?\n")
    got = _by_field(extract(card, ("강원", None, [])))
    assert [(c.op, c.value) for c in got["revenue"]] == [(">=", 200_000_000), ("<=", 15_000_000_000)]
    assert [c.op for c in got["region"]] == ["in", "not_in"] and got["region"][1].value[0][1] == "원주"
    listed = [c for c in got["industry"] if c.op == "sub_in"]
    assert len(listed) == 1 and "금속가공" in listed[0].value and "기계" in listed[0].value
    assert "certification" not in got and "other" not in got  # one track's; no condition in the widening line
    assert [c.value for c in got["exclusion"]] == ["체납"]
    on = date(2026, 5, 1)
    base = {"region": "강원특별자치도 춘천시", "industry": "제조업", "revenue_won": 3_000_000_000, "exclusions": []}
    conditions = [c for cs in got.values() for c in cs]
    label = {sub: verdict(CompanyProfile.from_dict(base | {"subsector": sub}), conditions, on).label
             for sub in ("기계부품", "식료품")}
    assert label == {"기계부품": APPLY, "식료품": CHECK}  # a listed subsector; another is left to the page's reader
    big = CompanyProfile.from_dict(base | {"subsector": "금속가공", "revenue_won": 20_000_000_000})
    assert verdict(big, conditions, on).label == NOT


def test_a_pdf_guide_toc_wrapped_bounds_year_ranges_and_other_parties():
    guide = ("목 차\nⅡ. 신청자격 및 제외대상 …………………………… 2\nⅣ. 신청 방법 및 제출서류 ……………………… 5\n"
             "Ⅱ. 신청자격 및 제외대상\n1. 신청자격 (다음 요건을 모두 충족하는 기업)\n"
             "○ 소재지 제한 없음 : 수도권(서울·인천·경기) 소재 기업도 신청할 수 있음\n"
             "○ 공고일 기준 상시근로자 5인 이상 300인\n미만인 기업(4대보험 사업장 가입자 명부 기준)\n"
             "2. 신청 제외 대상\n○ 2023년~2025년 중 정부 지원으로 ISO 인증 취득 비용(컨설팅비\n·심사비)을 지원받은 기업(인증 종류 무관)\n"
             "- 품질경영 컨설팅 지원사업 중 인증 심사비가 지원 항목에 포함된 경우도 포함\n"
             "[별첨 1] 인증기관(수행기관) 요건 ※ 신청기업의 자격 요건이 아님\n○ 신청기업과 특수관계가 없을 것\n"
             "Q1. 서울에 본사가 있는데 신청할 수 있나요?\nA. 제외 대상은 2023년~2025년 지원 수혜 기업입니다.\n")
    got = _by_field(extract(guide, None))
    assert [c.op for c in got["region"]] == ["any"]
    assert sorted((c.op, c.value) for c in got["employees"]) == [("<", 300), (">=", 5)]
    prior = got["prior_support"]
    assert len(prior) == 1 and prior[0].value["in"] == [2023, 2024, 2025]
    assert {"ISO", "품질경영"} <= set(prior[0].value["topic"])  # the item under it widens the kind of support
    assert "other" not in got  # no table of contents line, no 수행기관 requirement


def test_support_that_built_something_and_a_named_programme():
    built = _by_field(extract("⚠ 신청 제외 대상\n- 2024~2025년 스마트공장 구축사업(기초·고도화 불문)으로 AI 비전검사 시스템을 "
                              "도입한 기업\n", None))["prior_support"]
    assert built and built[0].value.get("built")
    on = date(2026, 6, 1)
    label = {past: verdict(CompanyProfile.from_dict({"region": "대전광역시 유성구", "past_support": [past]}), built, on).label
             for past in ("2025 스마트공장 기초", "2022 스마트공장 기초", "2025 수출바우처")}
    assert label == {"2025 스마트공장 기초": CHECK, "2022 스마트공장 기초": APPLY, "2025 수출바우처": APPLY}
    named = _by_field(extract("다만 「제조AI 특화 스마트공장」 사업으로 협동로봇을 이미 도입한 기업은 신청할 수 없습니다.\n",
                              None))["prior_support"]
    other = CompanyProfile.from_dict({"region": "대전광역시 유성구", "past_support": ["2022 스마트공장 기초"]})
    same = CompanyProfile.from_dict({"region": "대전광역시 유성구", "past_support": ["2025 제조AI 특화 스마트공장"]})
    assert verdict(other, named, on).label == APPLY and verdict(same, named, on).label == CHECK


def test_blog_asides_listed_posts_and_not_only_remarks_state_no_condition():
    blog = ("📌 공고문 '신청자격' 부분 옮겨요\n(공고문이 이미지라서 텍스트로 다시 쳤어요. 오타 있으면 댓글 주세요)\n"
            " 가. 공고일 현재 제주특별자치도 내에 공장을 등록한 중소기업\n"
            "👉 여기서 '가'가 좀 헷갈리죠? 담당자님 말씀으로는\n"
            "🤔 제가 헷갈렸던 것들\n👉 이건 애매해서 따로 물어봤는데, 영업등록이 있어야 한대요.\n"
            "※ 본 사업은 제주특별자치도 사업으로, 제주시 소재 기업만을 대상으로 하는 사업이 아닙니다.\n"
            " · 서귀포시 소상공인 간판 개선 (상시근로자 5인 미만, 최대 300만 원)   2026. 2. 26.\n")
    got = _by_field(extract(blog, ("제주", None, [])))
    assert [c.value for c in got["region"]] == [[["제주", None, []]]]
    assert "other" not in got and "employees" not in got


def test_box_drawn_tables_spaced_labels_captions_and_one_line_lists():
    release = ("<표 2> 신청 요건\n┃ 구 분 ┃ 신 청 요 건 ┃\n┃ 소 재 지 ┃ 김해시 내 공장등록 사업장 보유(본사 소재지 무관) ┃\n"
               "┃ 업 종 ┃ 1차 금속(C24), 금속가공제품(C25), 기타 기계 및 장비(C29) 제조업 ┃\n"
               "┃ 규 모 ┃ 상시근로자 5인 이상 100인 미만 ┃\n"
               "<표 3> 평가 배점\n┃ 평가 항목 ┃ 배 점 ┃\n┃ 활용 계획 및 기대 효과 ┃ 40 ┃\n"
               "□ 신청 제외 대상은 ▲국세·지방세 체납 기업 ▲휴업 또는 폐업 중인 기업이다.\n")
    got = _by_field(extract(release, ("경남", "김해", [])))
    assert [c.value for c in got["region"]] == [[["경남", "김해", []]]]
    assert sorted((c.op, c.value) for c in got["employees"]) == [("<", 100), (">=", 5)]
    assert [c.op for c in got["industry"]] == ["sub_in"] and "금속가공제품" in got["industry"][0].value
    assert sorted(c.value for c in got["exclusion"]) == ["체납", "휴·폐업"]
    assert "other" not in got  # the scoring table under its own caption is no condition


def test_a_chat_channel_notice_with_emoji_headings_items_and_labels():
    chat = ("✅ 신청 대상 (아래 2가지 모두 충족!)\n1️⃣ 공고일 현재 양양군에 공장을 두고 제품을 생산 중인 중소 제조기업\n"
            "2️⃣ 상시근로자 3인 이상 50인 미만\n❌ 이런 기업은 신청할 수 없어요\n▪️ 국세·지방세 체납 중인 기업\n"
            "▪️ 2024~2025년에 양양군 「작업환경 개선 지원사업」을 받은 기업\n"
            "📍 방법: 양양군청 경제과 방문 또는 이메일\n📎 서류: 신청서, 사업자등록증, 2025년 재무제표\n")
    got = _by_field(extract(chat, ("강원", "양양", [])))
    assert sorted((c.op, c.value) for c in got["employees"]) == [("<", 50), (">=", 3)]
    prior = got["prior_support"][0]
    assert prior.op == "excludes" and prior.value["in"] == [2024, 2025] and "작업환경" in prior.value["topic"]
    assert [c.value for c in got["exclusion"]] == ["체납"] and "other" not in got


def test_a_table_of_alternative_tracks_and_its_footnotes():
    notice = ("2. 트랙별 신청자격\n| 구분 | | 트랙Ⅰ 디지털 기초 | 트랙Ⅱ 데이터 고도화 |\n"
              "| 신청자격 | 소재지 | 광주광역시 내에 본사와 공장을 모두 둔 기업 | |\n"
              "| | 상시근로자 | 5인 이상 | 20인 이상 |\n"
              "| | 스마트공장 이력 | 정부 지원 스마트공장 구축 이력이 없는 기업주1) | 기초 수준 이상 스마트공장 구축을 완료한 기업 |\n"
              "| 신청제외 | 트랙별 | - | 2024~2025년 스마트공장 고도화 지원 수혜 기업 |\n"
              "- 주1) 수준확인이나 사후관리 지원만 받은 경우는 구축 이력이 없는 것으로 봅니다.\n"
              "- 주2) 업력은 공고일 기준이며, 2025. 5. 11. 이전에 설립한 기업이 해당합니다.\n")
    got = _by_field(extract(notice, ("광주", None, [])))
    assert [c.value for c in got["region"]] == [[["광주", None, []]]]
    assert "employees" not in got and "other" not in got  # the rows that differ are the tracks' own
    assert [(c.op, c.value) for c in got["founded"]] == [("<", "2025-05-11")]  # the footnote below a 신청제외 row
    (tracks,) = got["track"]
    on = date(2026, 6, 1)
    label = {name: verdict(CompanyProfile.from_dict({"region": "광주광역시 북구", "employees": n, "past_support": past,
                                                     "founded": "2015-02"}), [tracks], on).label
             for name, n, past in (("small, none built", 8, []), ("small, built", 8, ["2022 스마트공장 기초"]),
                                   ("large, built", 40, ["2022 스마트공장 기초"]),
                                   ("large, upgraded lately", 40, ["2020 스마트공장 기초", "2025 스마트공장 고도화1"]))}
    assert label == {"small, none built": APPLY, "small, built": NOT, "large, built": APPLY, "large, upgraded lately": NOT}


def test_spoken_conditions_ocr_posters_and_tracks_named_in_rows_or_lines():
    minutes = ("○과장 세부 요건을 말씀드리면, 상시근로자는 50인 미만이고요, 개업일 기준으로 1년 이상, 그러니까 2025년 3월 2일 "
               "이전에 개업한 업체여야 합니다.\n○과장 제외되는 것은 2023년부터 2025년 사이에 저희 시 작업환경 개선 지원사업, 이 "
               "동일 사업을 받은 업체입니다.\n○과장 식료품 제조업은 이번 사업에서 제외했습니다.\n")
    got = _by_field(extract(minutes, ("경남", "김해", [])))
    assert [(c.op, c.value) for c in got["age"]] == [(">=", 1)]  # "개업일 기준으로 1년 이상", said in passing
    assert got["prior_support"][0].value["in"] == [2023, 2024, 2025]
    assert [(c.op, c.value) for c in got["industry"]] == [("not_sub", ["식료품"])]
    poster = ("ㅡㅡ 신청대상 ㅡㅡㅡㅡㅡㅡ\n✓ 경상남도 통영시 · 거제시 에 공장을\n보유한 중소기업\n✓ 상시근로자 5인 이상 50인 미\n만\n"
              "ㅡㅡ 신청제외 ㅡㅡㅡㅡㅡㅡ\n✗ 국세 · 지방세 체납 기업 ✗ 휴 · 폐업 기업\n")
    got = _by_field(extract(poster, ("경남", None, [])))
    assert sorted(p[1] for p in got["region"][0].value) == ["거제", "통영"]
    assert sorted((c.op, c.value) for c in got["employees"]) == [("<", 50), (">=", 5)]
    assert sorted(c.value for c in got["exclusion"]) == ["체납", "휴·폐업"]
    portal = ("| 유형 | 상시근로자 | 추가 요건 | 지원한도 |\n| 일반형 | 10인 이상 50인 미만 | - | 4,000만 원 |\n"
              "| 선도형 | 50인 이상 200인 미만 | 이노비즈 또는 메인비즈 인증 보유 | 6,000만 원 |\n신청자격\n- 인증\n- 일반형: 필요 없음\n"
              "선도형: 이노비즈 또는 메인비즈 인증 보유 필수\n")
    got = _by_field(extract(portal, ("광주", None, [])))
    assert "employees" not in got and "certification" not in got
    (tracks,) = got["track"]
    assert tracks.value["tracks"] == ["일반형", "선도형"]
    on = date(2026, 5, 1)
    label = {name: verdict(CompanyProfile.from_dict({"region": "광주광역시 북구", "employees": n, "certifications": certs}),
                           [tracks], on).label
             for name, n, certs in (("small", 20, []), ("large, certified", 80, ["이노비즈"]), ("large", 80, ["벤처기업"]),
                                    ("tiny", 5, []))}
    assert label == {"small": APPLY, "large, certified": APPLY, "large": NOT, "tiny": NOT}


def test_posts_mails_and_remarks_in_brackets():
    post = ("✅ 이런 기업이 신청할 수 있어요\n👉 경기도 광주시에 공장(사업장)이 있는 제조기업\n"
            "👉 식료품 제조업체도 신청 가능해요 🍱\n❌ 이런 경우는 신청할 수 없어요\n"
            "🚫 2025년에 이 사업(폐기물 감량 설비 지원)을 받은 기업\n"
            "└ official ✔ @plastic_maker 2025년 수혜기업만 제외되고, 2024년 이전 수혜기업은 신청 가능합니다!\n"
            "└ official ✔ @mold_2019 공고일 기준 개업 1년 이상, 즉 2025. 4. 6. 이전에 개업한 기업만 신청하실 수 있습니다\n")
    got = _by_field(extract(post, ("경기", "광주", [])))
    assert [c.value for c in got["region"]] == [[["경기", "광주", []]]]
    assert all(c.op == "is" and not c.value["subsector"] for c in got["industry"]) and "other" not in got
    assert {tuple(c.value["in"]) for c in got["prior_support"]} == {(2025,)}  # 2025 only, not 2024
    assert [(c.op, c.value) for c in got["founded"]] == [("<", "2025-04-06")]  # "신청하실 수 있습니다" permits
    mail = ("3. 신청 자격\n가. 충청남도 내에 본사와 공장을 모두 둔 기업 (세종특별자치시·대전광역시 소재 기업은 신청 불가)\n"
            "- 산업단지 입주기업이 아니어도(개별입지 공장) 신청할 수 있습니다.\n4. 신청 제외\n나. 국세·지방세 체납 기업\n"
            "※ 스마트공장 등 다른 사업의 수혜 이력은 신청에 영향이 없습니다.\n")
    got = _by_field(extract(mail, ("충남", None, [])))
    assert sorted((c.op, [p[0] for p in c.value]) for c in got["region"]) == [("in", ["충남"]), ("not_in", ["세종", "대전"])]
    assert [c.value for c in got["exclusion"]] == ["체납"]
    assert "prior_support" not in got and "other" not in got


def test_form_check_items_cafe_posts_and_codes_alone():
    form = ("Ⅲ. 신청 자격 확인\n- 신청기업은 강원특별자치도 고성군에 공장을 두고 식료품 또는 음료를 직접 제조·가공하는 기업입니다.\n"
            "- 개업일이 2025. 5. 4. 이전입니다.\n- 2024년 또는 2025년에 이 사업의 지원을 받은 기업이 아닙니다.\n"
            "- 가공 없이 유통만 하는 경우 신청할 수 없습니다.\n")
    got = _by_field(extract(form, ("강원", "고성", [])))
    assert [(c.op, c.value) for c in got["industry"] if c.op == "sub_in"] == [("sub_in", ["식료품", "음료"])]
    assert [(c.op, c.value) for c in got["industry"] if c.op == "not_in"] == [("not_in", ["도소매업"])]
    assert [(c.op, c.value) for c in got["founded"]] == [("<", "2025-05-04")]
    assert [(c.op, c.value["in"]) for c in got["prior_support"]] == [("excludes", [2024, 2025])]
    assert "other" not in got
    cafe = ("📌 신청 자격\n🔗 인용: 김포시 공고 제2026-1032호 3. 신청자격 및 4. 신청제외\n"
            "나. 한국표준산업분류 C22, C25, C29 중 하나를 주업종으로 하는 기업\n"
            "- 틀린 거 있으면 댓글로 알려주세요. 스크랩은 자유롭게 하셔도 됩니다~\n")
    got = _by_field(extract(cafe, ("경기", "김포", [])))
    (codes,) = got["industry"]
    assert codes.op == "sub_in" and {"플라스틱", "금속가공", "기계"} <= set(codes.value)
    assert "other" not in got  # a source line and the writer's words to readers state nothing
    c22 = CompanyProfile.from_dict({"region": "경기도 김포시", "industry": "제조업", "subsector": "플라스틱 제품"})
    assert verdict(c22, [codes], date(2026, 5, 11)).label == APPLY


def test_a_programme_of_which_only_the_place_was_read_is_never_apply(tmp_path):
    """Only the region (from the title) was read: the rest of who may apply was not found — a layout
    the reader does not take must not make every company in the region 신청 가능."""
    from assistant.eligibility import Condition
    page = tmp_path / "notice.txt"
    page.write_text("2026년 김포시 공정 개선 지원사업 안내\n\n김포시는 공정 개선 지원사업을 추진합니다. "
                    "자세한 내용은 첨부한 공고문을 참고하시기 바랍니다.\n", encoding="utf-8")
    doc = _one_document(page)
    conditions = [Condition.from_dict(c) for c in doc.facts["conditions"]]
    assert [c.field for c in conditions] == ["region", "other"]
    gimpo = CompanyProfile.from_dict({"region": "경기도 김포시", "industry": "제조업", "employees": 20})
    v = verdict(gimpo, conditions, date(2026, 3, 1))
    assert v.label == CHECK and "찾지 못했습니다" in v.reasons[-1].says
    gimhae = CompanyProfile.from_dict({"region": "경상남도 김해시", "industry": "제조업"})
    assert verdict(gimhae, conditions, date(2026, 3, 1)).label == NOT  # the region still decides


def test_an_erratum_stated_elsewhere_and_a_proviso_that_excludes():
    letter = ("나. 신청자격\n 1) 김천시에 공장을 둔 기업\n 2) 한국표준산업분류상 제조업(C)을 주업종으로 하는 기업. "
              "다만, 식료품 제조업(C10)과 음료 제조업(C11)은 제외\n 3) 상시근로자 수 10인 이상 100인 미만인 기업\n"
              "4. 아울러, 붙임 공고문 3)의 \"상시근로자 수 10인 이상\"은 \"5인 이상\"의 오기임을 알려드리며, "
              "정정된 기준으로 접수합니다.\n")
    got = _by_field(extract(letter, ("경북", "김천", [])))
    assert sorted((c.op, c.value) for c in got["employees"]) == [("<", 100), (">=", 5)]  # the erratum applied, not read
    assert [(c.op, c.value) for c in got["industry"] if c.op == "not_sub"] == [("not_sub", ["식료품", "음료"])]
    food = CompanyProfile.from_dict({"region": "경상북도 김천시", "industry": "제조업", "subsector": "식료품 제조업",
                                     "employees": 7})
    assert verdict(food, [c for cs in got.values() for c in cs], date(2026, 3, 16)).label == NOT


def test_other_programmes_headings_checklists_and_this_programme():
    table = ("| 신청제외 (공통) | ① 2024~2025년에 이 사업의 같은 유형을 지원받은 기업 ② 국세·지방세 체납 기업 |\n"
             "| 참고: 같은 시기 다른 기관 ESG 사업 (충남경제진흥원 사업 아님) | |\n"
             "| 전국 | 「2026 중소기업 ESG 종합진단」 — 상시근로자 10인 이상 (진단형은 신청 불가) |\n")
    from assistant.eligibility.conditions import _regions
    (hq,) = _regions("본사가 충남 밖에 있고 공장만 충남에 있는 경우도 신청할 수 없습니다.", ("충남", None, []))
    assert (hq.op, hq.value) == ("in", [["충남", None, []]])  # "… 경우도 신청할 수 없습니다" negates: not "충남 제외"
    got = _by_field(extract(table, ("충남", None, [])))
    assert "employees" not in got  # another agency's programme, under a heading that says so
    (this,) = got["prior_support"]
    assert this.value["in"] == [2024, 2025] and [c.value for c in got["exclusion"]] == ["체납"]  # ① and ② apart
    from assistant.eligibility.conditions import own_programme
    named = own_programme(this, "2026 충남 ESG 경영 전환 지원사업")
    assert {"ESG", "경영", "전환"} <= set(named.value["topic"])  # "이 사업": the document's own programme
    had = CompanyProfile.from_dict({"region": "충청남도 천안시", "industry": "제조업",
                                    "past_support": ["2025 충청남도 ESG 경영 전환 지원사업(진단형)"]})
    assert verdict(had, [named], date(2026, 4, 8)).label == NOT
    checklist = ("## 신청 자격 체크리스트\n- [ ] 2024년 또는 2025년에 「고성군 신제품 개발 지원사업」을 지원받지 않았다\n"
                 "- [ ] 「지방보조금 관리에 관한 법률」 제31조에 따라 지방보조금 교부가 제한된 자가 아니다\n")
    got = _by_field(extract(checklist, ("강원", "고성", [])))
    assert [c.value["in"] for c in got["prior_support"]] == [[2024, 2025]]
    assert [c.value for c in got["exclusion"]] == ["참여제한"] and "other" not in got


def test_conditions_said_in_an_interview_with_a_spoken_correction():
    """A radio interview: who may not apply is said, not listed ("… 업체는 대상이 아닙니다", "… 곳은 안
    됩니다"), and a figure said wrongly is corrected later in the talk: the corrected bound holds."""
    talk = ("[07:41:06] 김태훈: 먼저 고성군 안에 공장이 있으셔야 합니다.\n"
            "[07:41:33] 김태훈: 네, 아쉽지만 이번 사업은 용접 공정 때문에 만든 거라서 식료품 제조업체는 대상이 아닙니다.\n"
            "[07:41:48] 김태훈: 상시근로자 5인 이상인 중소기업이면 됩니다. 매출은 2025년 매출액이 3억 원 이상이면 됩니다.\n"
            "[07:42:30] 김태훈: 저희는 경상남도 고성군이라서요, 강원특별자치도 고성군에 있는 공장은 이 사업 대상이 아닙니다.\n"
            "[07:42:50] 김태훈: 2023년부터 2025년 사이에 이 집진설비 지원을 받으신 곳은 안 됩니다.\n"
            "[07:44:08] 김태훈: 국세나 지방세 체납하신 곳, 휴업이나 폐업 중인 곳은 안 됩니다. 그 외에는 없습니다.\n"
            "[07:47:26] 김태훈: 네, 그 전에 하나 바로잡겠습니다. 제가 아까 매출이 3억 원 이상이면 된다고 말씀드렸는데 "
            "잘못 말씀드렸습니다. 공고문에는 2025년 매출액 5억 원 이상으로 돼 있습니다. 정정하겠습니다.\n")
    got = _by_field(extract(talk, ("경남", "고성", [])))
    assert [(c.op, c.value) for c in got["revenue"]] == [(">=", 500_000_000)]  # the correction, not the slip
    assert [(c.op, c.value) for c in got["industry"] if c.op == "not_sub"] == [("not_sub", ["식료품"])]
    assert ("not_in", [["강원", "고성", []]]) in [(c.op, c.value) for c in got["region"]]
    assert ("in", [["경남", "고성", []]]) in [(c.op, c.value) for c in got["region"]]
    assert {c.value for c in got["exclusion"]} == {"체납", "휴·폐업"}
    assert got["prior_support"][0].value["in"] == [2023, 2024, 2025]
    conditions = [c for cs in got.values() for c in cs]
    small = {"region": "경상남도 고성군", "industry": "제조업", "subsector": "금속가공", "employees": 6,
             "revenue_won": 450_000_000, "founded": "2020-10", "past_support": [], "exclusions": []}
    assert verdict(CompanyProfile.from_dict(small), conditions, date(2026, 4, 22)).label == NOT  # 4.5억 < 5억
    food = small | {"subsector": "식료품", "revenue_won": 900_000_000}
    assert verdict(CompanyProfile.from_dict(food), conditions, date(2026, 4, 22)).label == NOT


def test_a_district_programme_a_digest_of_stories_and_negations_of_other_places():
    """A 구 programme reads its district; a remark that widens the region ("… 소재 기업 포함") excludes no
    one; a newsletter's later stories are other programmes."""
    notice = ("□ 신청자격\n - 소재지: 공고일 현재 광주광역시 광산구에 공장(사업장)을 두고 있는 기업 (본사 소재지는 무관)\n"
              " ※ 북구·남구 등 광산구 외 지역 사업장 및 경기도 광주시 소재 기업은 해당되지 않음\n")
    regions = [(c.op, c.value) for c in _by_field(extract(notice, ("광주", "광산구", [])))["region"]]
    assert ("in", [["광주", "광산구", []]]) in regions and all(op == "in" for op, _ in regions)
    northern = CompanyProfile.from_dict({"region": "광주광역시 북구", "industry": "제조업"})
    assert verdict(northern, extract(notice, ("광주", "광산구", [])), date(2026, 4, 1)).label == NOT
    widened = "□ 신청자격\n - 대구광역시에 공장을 둔 제조기업\n ※ 군위군(2023. 7. 1. 대구광역시 편입) 소재 기업 포함\n"
    assert [(c.op, c.value) for c in extract(widened, ("대구", None, [])) if c.field == "region"] == [
        ("in", [["대구", None, []]])]
    digest = (" [1] (공고) 2026 대전·세종·충남 AI 비전검사 실증 지원사업\n [2] (대덕구) 대덕산단 뿌리기업 작업환경 개선 2차 모집\n"
              "[1] (공고) 2026 대전·세종·충남 AI 비전검사 실증 지원사업\n▷ 신청 대상\n"
              "   - 대전광역시·세종특별자치시·충청남도에 본사와 공장을 모두 둔 중소 제조기업\n"
              "[2] (대덕구) 대덕산단 뿌리기업 작업환경 개선 2차 모집\n"
              "▷ 대상 : 대전광역시 대덕구에 공장을 둔 뿌리기업\n▷ 요건 : 상시근로자 50인 미만\n")
    got = _by_field(extract(digest, ("대전", None, [])))
    assert [c.value for c in got["region"]] == [[["대전", None, []], ["세종", None, []], ["충남", None, []]]]
    assert "employees" not in got  # the second story's limit is another programme's


def test_a_page_of_several_programmes_is_read_part_by_part(tmp_path):
    """A guidebook chapter with three programmes under headings of their own and a shared section whose
    box table says, programme by programme, whose past support excludes (its cells wrap onto a second
    line): each programme gets its own limits and only its own row of the shared table."""
    from assistant.eligibility.parts import programme_parts
    chapter = ("제3장 제조기업 지원\n  3-1  김포시 스마트공장 구축 지원사업 .............. 41\n"
               "  3-2  김포시 제조기업 품질 검사장비 지원사업 ........ 44\n\n"
               "3-1  김포시 스마트공장 구축 지원사업\n  □ 신청자격\n    ○ 김포시에 공장을 둔 제조 중소기업\n"
               "    ○ 상시근로자 5인 이상\n\n"
               "3-2  김포시 제조기업 품질 검사장비 지원사업\n  □ 신청자격\n    ○ 김포시에 본사와 공장을 모두 둔 제조 중소기업\n"
               "    ○ 상시근로자 10인 이상 100인 미만\n    ○ 그 밖의 중복 지원 제한은 3-4 공통 유의사항의 표를 따름\n\n"
               "3-4  공통 유의사항 및 중복 지원 제한\n"
               "  ┌──────────────┬──────────────────────────────┐\n"
               "  │ 신청 사업    │ 신청할 수 없는 기업          │\n"
               "  ├──────────────┼──────────────────────────────┤\n"
               "  │ 3-1 스마트공장 │ 2023년 이후 스마트공장 구축 지원 │\n"
               "  │              │ 수혜기업                     │\n"
               "  ├──────────────┼──────────────────────────────┤\n"
               "  │ 3-2 검사장비 │ 2025년 김포시 AI 품질혁신 지원사업 │\n"
               "  │              │ 수혜기업 (2024년 이전 수혜는 무관) │\n"
               "  └──────────────┴──────────────────────────────┘\n"
               "  4. 지원 결정 후 허위 서류 제출이 확인되면 지원금을 환수합니다.\n")
    parts = programme_parts(chapter)
    assert [p.title for p in parts] == ["김포시 스마트공장 구축 지원사업", "김포시 제조기업 품질 검사장비 지원사업"]
    path = tmp_path / "guide.txt"
    path.write_text(chapter, encoding="utf-8")
    doc = _one_document(path)
    first, second = ([Condition.from_dict(c) for c in p["conditions"]] for p in doc.facts["parts"])
    assert [c.value for c in first if c.field == "employees"] == [5]
    assert sorted(c.value for c in second if c.field == "employees") == [10, 100]
    (own,) = [c for c in second if c.field == "prior_support"]  # its row of the shared table, read as one row
    assert own.value["in"] == [2025] and "품질혁신" in own.value["topic"]
    assert [c.value["in"] for c in first if c.field == "prior_support"] == [[2023]] or any(
        c.value.get("since") == 2023 for c in first if c.field == "prior_support")
    built = CompanyProfile.from_dict({"region": "경기도 김포시", "industry": "제조업", "employees": 25,
                                      "revenue_won": 3_000_000_000, "past_support": ["2024 스마트공장 기초"],
                                      "exclusions": []})
    assert verdict(built, second, date(2026, 3, 2)).label == APPLY  # 3-1's exclusion is not 3-2's
    assert verdict(built, first, date(2026, 3, 2)).label == NOT
    # indexed: qa.match and the 지원사업 table list each programme of the page
    from assistant import build_index, load
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "guide.txt").write_text(chapter, encoding="utf-8")
    build_index(corpus, tmp_path / "index")
    qa = load(tmp_path / "index")
    labels = {m.programme.title: m.label for m in qa.match(built)}
    assert labels == {"김포시 스마트공장 구축 지원사업": NOT, "김포시 제조기업 품질 검사장비 지원사업": APPLY}
    assert sorted(r[0] for r in qa.programme_table()) == sorted(labels)


def test_a_correction_table_reads_the_new_column():
    notice = ("□ 정정 내용\n  ┌────────┬──────────────────┬──────────────────┐\n"
              "  │ 항  목 │    정  정  전     │    정  정  후     │\n"
              "  ├────────┼──────────────────┼──────────────────┤\n"
              "  │ 매출액 │ 직전연도 매출액 1억 원 이상 │ 직전연도 매출액 1억 원 이상 │\n"
              "  │        │ 30억 원 이하      │ 50억 원 이하      │\n"
              "  └────────┴──────────────────┴──────────────────┘\n")
    got = _by_field(extract(notice, ("강원", None, [])))
    assert sorted((c.op, c.value) for c in got["revenue"]) == [("<=", 5_000_000_000), (">=", 100_000_000)]


def test_lines_that_state_no_condition_and_plainer_wordings():
    """Papers to submit, the notice's own date, a step's months and a note to those who applied state
    nothing (no 확인 필요 from them); "… 안에 공장이 있는", "기초 수준 스마트공장을 이미 갖춘 기업만" and a
    company of its owner alone are read."""
    notice = ("□ 신청자격\n- 경상북도 안에 공장이 있는 중소 제조기업\n- 기초 수준 스마트공장을 이미 갖춘 기업만 신청할 수 있습니다\n"
              "- 대표자 1인만 있는 기업은 상시근로자 0명으로 보아 신청할 수 없습니다.\n"
              "- 국세·지방세 납세증명서\n- 공고일: 2026-05-04\n- 솔루션 도입 10월 ~ 12월\n"
              "- 이미 접수한 기업은 다시 신청할 필요가 없습니다.\n")
    got = _by_field(extract(notice, ("경북", None, [])))
    assert "other" not in got
    assert [(c.op, c.value) for c in got["region"]] == [("in", [["경북", None, []]])]
    assert [(c.op, c.value) for c in got["prior_support"]] == [("requires", "기초")]
    assert [(c.op, c.value) for c in got["employees"]] == [(">=", 1)]
    alone = CompanyProfile.from_dict({"region": "경상북도 구미시", "industry": "제조업", "employees": 0})
    assert verdict(alone, [c for cs in got.values() for c in cs], date(2026, 5, 4)).label == NOT


def test_a_table_whose_columns_are_lists_side_by_side():
    """"│ 신청 자격 │ 신청 제외 │ 우대 사항 │" with each column's items ① … wrapping on their own (rows not
    aligned, a word cut at a cell's edge, a page's running head between rows): each column is a list."""
    table = ("│ 신 청 자 격 (모두 충족) │ 신 청 제 외 (하나라도 해당) │ 우 대 사 항 (가점) │\n"
             "│ ① 소재지: 공고일 현재 김해시에 │ ① 공고일 현재 국세·지방세를 │ ① 벤처기업 인증 보유 │\n"
             "│ 공장등록을 한 기업 │ 체납 중인 기업 │ 기업(+3점) │\n"
             "│ ② 업종: 한국표준산업분류상 제 │ ② 최근 3년(2023~2025년) 이내 │ │\n"
             "2026년 김해시 물류 자동화 설비 지원사업 공고\n"
             "│ 조업. 다만, 식료품 제조업은 제외 │ 이 사업을 지원받은 기업 │ │\n"
             "│ ③ 규모: 상시근로자 10인 이상 │ │ │\n"
             "※ 상시근로자 수는 2026년 3월 고용보험 피보험자 수 기준\n")
    got = _by_field(extract(table, ("경남", "김해", [])))
    assert [c.value for c in got["region"]] == [[["경남", "김해", []]]]
    assert ("not_sub", ["식료품"]) in [(c.op, c.value) for c in got["industry"]]  # "제" + "조업" joined back
    assert [(c.op, c.value) for c in got["employees"]] == [(">=", 10)]
    assert [c.value for c in got["exclusion"]] == ["체납"]
    assert got["prior_support"][0].value["in"] == [2023, 2024, 2025]
    assert "certification" not in got  # 우대 사항: points, not a condition


def test_an_english_notice_is_read_through_its_korean_wording():
    """An English notice for foreign-invested companies: "at least KRW 1 billion (10억 원) and not more than
    KRW 15 billion" (a line wrapped after "than"), "Established on or before 6 April 2023", "located in
    Gimpo-si (김포시)", "selected for this program … in 2024 or 2025" read as the Korean they say."""
    from assistant.eligibility.english import to_korean

    assert to_korean("annual revenue of KRW 500 million or less") == "매출액 of 5억 원 이하"
    assert to_korean("Korean text only: 매출액 10억 원 이하") == "Korean text only: 매출액 10억 원 이하"  # not English enough
    notice = ("## 3. Eligibility (신청 자격)\n\nAn applicant must meet all of the following:\n\n"
              "1. Location (소재지) — Both the head office and the factory are located in Gimpo-si (김포시), Gyeonggi-do.\n"
              "2. Sales — 2025 sales revenue of at least KRW 1 billion (10억 원) and not more than\n"
              "   KRW 15 billion (150억 원).\n"
              "3. Years in business — Established on or before 6 April 2023.\n\n"
              "### Who cannot apply (신청 제외)\n\n"
              "- Companies selected for this program (김포시 글로벌 마케팅 지원사업) in 2024 or 2025\n")
    got = _by_field(extract(notice, ("경기", "김포", [])))
    assert [(c.op, c.value) for c in got["region"]] == [("in", [["경기", "김포", []]])]
    assert sorted((c.op, c.value) for c in got["revenue"]) == [("<=", 15_000_000_000), (">=", 1_000_000_000)]
    assert [(c.op, c.value) for c in got["founded"]] == [("<", "2023-04-06")]
    assert "Established on or before" in got["founded"][0].text  # cited as written
    assert got["prior_support"][0].value["in"] == [2024, 2025]


def test_a_table_rows_remarks_a_past_editions_memo_and_bounds_no_company_meets():
    home = ("경기", "김포", [])
    text = ("2. 신청 자격\n"
            "구 분: 소재지 | 요 건: 김포시에 본사와 공장을 모두 둔 기업 | 비 고: 본사 또는 공장 중 한 곳만 김포시인 경우 불가\n"
            "구 분: 업 종 | 요 건: 제조업(KSIC C) 영위 기업 (식료품 제조업 포함, 세부 업종 제한 없음)\n"
            "구 분: 규 모 | 요 건: 상시근로자 5인 이상 50인 미만 [작성자 메모] 2025년 공고는 상시근로자 10인 이상 "
            "50인 미만이었음. | 비 고: 2026. 4. 30. 기준, 대표자 제외\n")
    got = _by_field(extract(text, home))
    assert not [c for c in got.get("region", []) if c.op == "not_in"]  # both must be in 김포: not "김포 기업 제외"
    assert all(not c.value.get("subsector") for c in got["industry"])  # "식료품 포함" restricts nothing
    assert sorted((c.op, c.value) for c in got["employees"]) == [("<", 50), (">=", 5)]  # counted without the CEO; not 2025's 10
    profile = CompanyProfile.from_dict({"region": "경기도 김포시", "industry": "제조업", "subsector": "플라스틱 제품",
                                        "employees": 7})
    assert verdict(profile, extract(text, home), date(2026, 5, 6)).label == APPLY
    # bounds read for one field that no company meets together are a misreading: to be read, never 해당 없음
    nobody = extract("3. 신청 제외 대상\n- 상시근로자 5인 미만 기업\n- 상시근로자 3인 이상 기업\n")
    assert not nobody or all(c.field != "employees" for c in nobody)
    assert verdict(profile, nobody, date(2026, 5, 6)).label != NOT


def test_a_table_comparing_two_years_its_remark_column_and_ksic_ranges():
    text = ("2026년 동남권 공정 고도화 지원사업 신청자격 전년 대비 비교표\n"
            "| 구분 | 세부항목 | 2025년(전년도) | 2026년(올해) | 변경 | 비고 |\n"
            "| 소재지 | 공장 소재지 | 경상남도 18개 시·군 | 부산광역시 전역 또는 경상남도 18개 시·군 | 확대 | "
            "울산광역시·경상북도 기업은 각 시·도 자체 사업 대상으로 제외 |\n"
            "| 업종 | 대상 업종 | C24~C30 | C22~C33 | 확대 | |\n"
            "| 규모 | 상시근로자 | 10인 이상 50인 미만 | 10인 이상 100인 미만 | 확대 | 2025. 12. 31. 기준 |\n")
    got = _by_field(extract(text))
    assert sorted((c.op, c.value) for c in got["employees"]) == [("<", 100), (">=", 10)]  # 2026's column, not 2025's
    places = {(c.op, p[0]) for c in got["region"] for p in c.value}
    assert {("in", "부산"), ("in", "경남"), ("not_in", "울산"), ("not_in", "경북")} <= places  # the 비고 cell excludes, not the row
    (industry,) = [c for c in got["industry"] if c.op == "sub_in"]
    assert "조선" in industry.value and "가구" in industry.value and "식료품" not in industry.value  # C22 to C33, every one
    profile = CompanyProfile.from_dict({"region": "부산광역시 사상구", "industry": "제조업", "subsector": "금속가공",
                                        "employees": 60})
    assert verdict(profile, extract(text), date(2026, 4, 13)).label == APPLY


def test_a_press_releases_paragraph_exceptions_last_years_rule_and_a_but_clause():
    text = ("- 올해부터 상시근로자 기준 '열 명 이상'에서 '다섯 명 이상'으로 완화\n"
            "신청 대상은 광주시에 공장을 등록한 중소기업으로, 상시근로자가 다섯 명 이상 오십 명 미만(다만 뿌리기업 확인서를 "
            "보유한 업체는 다섯 명 미만이어도 신청 가능)인 업체다. 업종은 제조업 전 업종이 대상이지만 식료품 제조업은 "
            "제외된다(식품안전관리인증(HACCP)을 받은 식품 제조업체는 예외로 신청 가능). 또 개업 후 삼 년이 지나야 하는데, 시는 "
            "2023년 3월 23일 이전에 개업한 업체까지를 대상으로 본다.\n"
            '과장은 "지난해까지는 상시근로자 열 명 이상이어야 신청할 수 있었다"고 말했다.\n')
    got = _by_field(extract(text, ("경기", "광주", [])))
    assert sorted((c.op, c.value) for c in got["employees"]) == [("<", 50), (">=", 5)]  # not last year's 10
    assert ("not_sub", ["식료품"]) in [(c.op, c.value) for c in got["industry"]]
    assert ("<", "2023-03-23") in [(c.op, c.value) for c in got["founded"]]
    base = {"region": "경기도 광주시", "industry": "제조업", "subsector": "금형", "founded": "2017-09", "employees": 14,
            "revenue_won": 2_100_000_000, "certifications": [], "past_support": [], "exclusions": []}
    on = date(2026, 3, 23)
    assert verdict(CompanyProfile.from_dict(base), extract(text, ("경기", "광주", [])), on).label == APPLY
    late = CompanyProfile.from_dict(base | {"founded": "2023-05"})
    assert verdict(late, extract(text, ("경기", "광주", [])), on).label == NOT
    # below the bound but the text names an exception the profile cannot show: to check, not 해당 없음
    small = CompanyProfile.from_dict(base | {"employees": 3})
    assert verdict(small, extract(text, ("경기", "광주", [])), on).label == CHECK


def test_a_tables_exclusion_column_and_a_bilingual_list_of_fields():
    table = ("1. 신청 자격 및 제외 대상\n| 구분 | 자격요건 | 제외 |\n"
             "| 규모 | 중소기업으로서 상시근로자 5인 이상 | 상시근로자 100인 이상 기업 |\n"
             "| 업력 | 2023. 3. 15. 이전 설립 | 2023. 3. 16. 이후 설립 기업 |\n"
             "| 기타 | - | 국세·지방세 체납 기업, 휴업 또는 폐업 중인 기업 |\n")
    got = _by_field(extract(table))
    assert sorted((c.op, c.value) for c in got["employees"]) == [("<", 100), (">=", 5)]  # the 제외 cell excludes
    assert {c.value for c in got["exclusion"]} >= {"체납", "휴·폐업"}
    bilingual = ("1. 신청 자격 | Eligibility — 아래 요건을 모두 충족 / All of the following\n"
                 "소재지 | Location: 광주광역시에 공장을 둔 기업\n"
                 "A factory located in Gwangju Metropolitan City\n"
                 "제외대상 | Excluded: 도매·소매업, 정보통신업 | wholesale/retail trade, ICT\n"
                 "규모 | Size: 상시근로자 5인 이상 300인 미만 | 10 or more but fewer than 300 employees\n"
                 "2025년 매출액 10억 원 이상 150억 원 이하 | 2025 sales of KRW 1 billion to KRW 15 billion\n"
                 "- 2025년 매출액 10억 원 미만 기업은 시가 지정한 품목 생산 기업에 한하여 신청 가능\n"
                 "인증 | Certification: 벤처기업, 이노비즈, 메인비즈 확인서 중 1개 이상 보유 | At least one of: Venture, Inno-Biz\n"
                 "2. 제외대상\n2025년 본 사업(포장·라벨 현지화 지원) 수혜기업\n")
    got = _by_field(extract(bilingual))
    assert sorted((c.op, c.value) for c in got["employees"]) == [("<", 300), (">=", 5)]  # the Korean: 5, not "10 or more"
    assert got["certification"][0].value == ["벤처기업", "이노비즈", "메인비즈"]  # the fields after the 제외대상 line
    assert not got.get("other")  # the English line translates the Korean one: nothing left to read
    base = {"region": "광주광역시 북구", "industry": "제조업", "subsector": "가전부품", "founded": "2015-02", "employees": 48,
            "revenue_won": 13_000_000_000, "certifications": ["이노비즈"], "past_support": ["2025 제조AI 특화 스마트공장"],
            "exclusions": []}
    on = date(2026, 4, 20)
    assert verdict(CompanyProfile.from_dict(base), extract(bilingual), on).label == APPLY  # another 2025 support
    small = CompanyProfile.from_dict(base | {"revenue_won": 600_000_000})  # below 10억: the designated items may let it in
    assert verdict(small, extract(bilingual), on).label == CHECK
    same = CompanyProfile.from_dict(base | {"past_support": ["2025 포장·라벨 현지화 지원"]})
    assert verdict(same, extract(bilingual), on).label == NOT


def test_a_latex_notices_track_table_its_footnotes_and_a_proviso_in_an_item(tmp_path):
    tex = tmp_path / "notice.tex"
    tex.write_text(r"""\documentclass{article}\usepackage{kotex}
\begin{document}
{\LARGE\bfseries 2026년 김해시 중소 제조기업 생산설비 예방정비 지원사업 공고}
관내 제조기업의 생산설비 예방정비를 지원하는 사업의 참여기업을 다음과 같이 모집합니다.
\section*{2. 신청 자격}
\begin{tabularx}{\textwidth}{|C|X|X|}
\textbf{구분} & \textbf{일반형} & \textbf{연계형} \\ \hline
소재지 & \multicolumn{2}{l|}{김해시에 공장을 둔 기업} \\ \hline
상시근로자 & 10인 이상 100인 미만 & 5인 이상 100인 미만 \\ \hline
업력 & \multicolumn{2}{l|}{사업자등록 후 3년 이상} \\ \hline
지원 이력 & 요건 없음 & 스마트공장 구축을 완료한 기업\textsuperscript{⑤} \\ \hline
\end{tabularx}
\item[②] 한국표준산업분류 대분류 C(제조업). 다만 식료품 제조업(C10)은 제외합니다.
\item[⑤] 정부 지원사업으로 스마트공장(기초 이상)을 구축 완료한 기업.
\item[⑥] 또한 다음 기업은 중복 수혜로 보아 제외합니다.
(가) 2025년 경상남도 「스마트 설비보전 지원사업」 수혜기업. 다만 설비 진단만 받은 기업은 신청할 수 있습니다.
% 2025년 공고는 상시근로자 5인 이상이었음.
\end{document}
""", encoding="utf-8")
    doc = _one_document(tex)
    assert "\\" not in doc.text and "| 상시근로자 | 10인 이상 100인 미만 | 5인 이상 100인 미만 |" in doc.text.split("\n")
    conditions = extract(doc.text, ("경남", "김해", []))
    got = _by_field(conditions)
    (track,) = got["track"]
    assert track.value["tracks"] == ["일반형", "연계형"]
    assert "prior_support" not in {c.field for c in conditions if c.op == "requires"}  # ⑤ is 연계형's footnote
    assert ("not_sub", ["식료품"]) in [(c.op, c.value) for c in got["industry"]]
    base = {"region": "경상남도 김해시", "industry": "제조업", "subsector": "금속가공", "founded": "2013-04",
            "employees": 30, "revenue_won": 6_100_000_000, "certifications": [], "past_support": [], "exclusions": []}
    on = date(2026, 4, 6)
    assert verdict(CompanyProfile.from_dict(base), conditions, on).label == APPLY
    assert verdict(CompanyProfile.from_dict(base | {"employees": 6}), conditions, on).label == NOT  # neither track
    partly = CompanyProfile.from_dict(base | {"past_support": ["2025 경상남도 스마트 설비보전 지원사업"]})
    assert verdict(partly, conditions, on).label == CHECK  # which part of it: the text's proviso decides


def test_a_civil_complaint_reply_and_a_data_files_english_keys():
    reply = ("2. 신청 자격\n가. 소재지: 김포시에 공장등록이 된 사업장을 보유한 기업이어야 하며, 본사 소재지는 따지지 않습니다.\n"
             "라. 업력: 사업자등록일이 2024. 3. 29. 이전이어야 합니다.\n"
             "인증: 필요 없음\n"
             "5. 질의하신 업체의 경우 공장이 김포시에 있어 소재지 요건은 충족하나, 2025년 매출액이 135억 원으로 신청하실 수 없습니다.\n"
             "6. 기타 궁금하신 사항은 기업지원과로 연락 주시면 친절히 안내하겠습니다.\n")
    got = _by_field(extract(reply, ("경기", "김포", [])))
    assert ("<", "2024-03-29") in [(c.op, c.value) for c in got["founded"]]
    assert "revenue" not in got and "other" not in got  # the asker's own figures and the contact line state nothing
    from assistant.eligibility.english import keyed_dates

    assert keyed_dates("opened_on_or_before: 2025-03-16") == "2025. 3. 16. 까지 설립"
    toml = ("신청자격\n소재지: 경기도 광주시 내 사업장\nopened_on_or_before: 2025-03-16\n"
            "제외대상추가: 2024~2025년 본 사업(광주시 소공인 작업환경 개선 지원사업) 수혜 기업\n"
            "비고: DX 바우처로 소프트웨어·컨설팅만 받은 경우는 신청할 수 있습니다.\n")
    got = _by_field(extract(toml, ("경기", "광주", [])))
    assert [(c.op, c.value) for c in got["founded"]] == [("<=", "2025-03-16")] and "other" not in got


def test_an_faq_page_a_news_article_and_a_summary_tables_cell_of_items():
    faq = ("Q1. 어느 지역 기업이 신청할 수 있나요?\n"
           "A. 본사와 공장이 모두 비수도권에 있는 기업이 대상입니다. 수도권(서울특별시·인천광역시·경기도)에 본사 또는 공장이 "
           "있으면 신청할 수 없습니다.\n"
           "Q5. 스마트공장이 꼭 있어야 하나요?\n"
           "A. 네. 정부 지원으로 기초 수준 이상의 스마트공장을 구축한 기업이거나, 「스마트공장 수준확인」에서 '기초' 이상 "
           "확인을 받은 기업이어야 합니다.\n"
           "Q8. 신청할 수 없는 기업은요?\nA. 다음 중 하나라도 해당하면 신청할 수 없습니다.\n"
           "2023~2025년 본 사업 수혜기업\n국세·지방세 체납 기업, 휴·폐업 기업\n"
           "Q11. 신청 기간은?\nA. 2026. 4. 6.(월)부터 4. 30.(목)까지 누리집에서 온라인으로 신청합니다.\n")
    got = _by_field(extract(faq))
    assert "other" not in got  # the lead-in and the schedule are no conditions
    assert {(c.op, p[0]) for c in got["region"] for p in c.value} >= {("not_in", "서울"), ("not_in", "경기")}
    assert not [c for c in got["region"] if c.op == "not_in" and any(p[0] == "부산" for p in c.value)]
    profile = CompanyProfile.from_dict({"region": "대구광역시 북구", "industry": "제조업", "employees": 28,
                                        "revenue_won": 5_400_000_000, "past_support": [], "exclusions": []})
    assert verdict(profile, extract(faq), date(2026, 4, 6)).label == CHECK  # no build; the 수준확인 path is unknown
    news = ("지원 대상은 김해시에 공장을 둔 제조 중소기업이다. 업종은 한국표준산업분류상 1차 금속(C24), 금속가공제품(C25), "
            "기타 기계 및 장비(C29) 제조업으로 한정된다. 최근 3년(2023~2025년) 사이 스마트공장 구축 지원을 받은 기업은 "
            "스마트공장 수준확인에서 '기초' 이상 판정을 받은 경우에만 신청할 수 있다.\n")
    got = _by_field(extract(news, ("경남", "김해", [])))
    assert any(c.op == "sub_in" and "금속가공제품" in c.value for c in got["industry"])
    (received,) = [c for c in got["prior_support"] if c.op == "if_received"]
    base = {"region": "경상남도 김해시", "industry": "제조업", "subsector": "금속가공", "employees": 42}
    on = date(2026, 3, 3)
    assert verdict(CompanyProfile.from_dict(base | {"past_support": ["2022 스마트공장 기초"]}), [received], on).label == APPLY
    assert verdict(CompanyProfile.from_dict(base | {"past_support": ["2024 스마트공장 고도화1"]}), [received], on).label == CHECK
    cell = ("| 제외대상 | - 최근 3년(2023~2025년) 스마트공장 구축 지원 수혜기업 - 2022년 이전 스마트공장 구축 지원 수혜기업 중 "
            "사후관리를 완료하지 않은 기업 - 국세·지방세 체납 기업 |\n")
    got = _by_field(extract(cell))
    assert {tuple(c.value["in"]) for c in got["prior_support"]} >= {(2023, 2024, 2025)}
    old = CompanyProfile.from_dict(base | {"past_support": ["2021 스마트공장 기초"], "exclusions": []})
    assert verdict(old, extract(cell), on).label == CHECK  # which of 2022's recipients: the profile does not say


def test_a_press_releases_two_regions_a_certification_list_and_a_support_of_another_level():
    text = ("□ 신청 대상은 본사와 공장이 모두 대구광역시(군위군 포함) 또는 충청북도 청주시에 있는 제조 중소기업이다.\n"
            "○ 경상북도나 청주시 외 충북 시·군(충주·음성 등)에 본사 또는 공장이 있는 기업은 이번 사업 대상이 아니다.\n"
            "- 기업당 최대 1억 원 … 벤처·이노비즈·메인비즈 확인 기업 대상\n"
            "□ 신청 제외\n- 최근 3년(2023~2025년) 내 정부·지자체 스마트공장 고도화 지원을 받은 기업\n")
    conditions = extract(text)
    got = _by_field(conditions)
    assert got["certification"][0].value == ["벤처기업", "이노비즈", "메인비즈"]
    base = {"region": "대구광역시 달서구", "industry": "제조업", "employees": 38, "revenue_won": 9_200_000_000,
            "certifications": ["벤처기업"], "past_support": ["2023 스마트공장 기초"], "exclusions": []}
    on = date(2026, 5, 7)
    assert verdict(CompanyProfile.from_dict(base), conditions, on).label == APPLY  # 대구 or 청주; a 기초 build is no 고도화
    assert verdict(CompanyProfile.from_dict(base | {"region": "충청북도 충주시"}), conditions, on).label == NOT
    assert verdict(CompanyProfile.from_dict(base | {"past_support": ["2024 스마트공장 고도화1"]}), conditions, on).label == NOT
    prose = ("이 사업은 인천광역시에 공장을 둔 중소기업을 대상으로 합니다. " * 6  # a paragraph over 300 characters
             + "다만 인천경제자유구역 안에 입주한 기업은 이 사업에는 신청할 수 없고, 국세 체납 기업도 신청에서 제외됩니다. "
             "아울러 최근 3년(2023년~2025년) 이내에 「작업환경 개선 지원사업」을 지원받은 기업은 신청할 수 없으나, 다른 "
             "지원사업을 받은 이력은 신청 자격에 영향을 주지 않습니다.")
    got = _by_field(extract("신청 자격\n" + prose + "\n"))
    assert [c.value["in"] for c in got["prior_support"]] == [[2023, 2024, 2025]]  # read though the line is long
    assert any("인천경제자유구역" in c.text for c in got["other"])  # a clause no rule reads is to be read


def test_a_card_news_list_under_a_crossed_heading():
    cards = ("어디 있는 기업?\n경상남도 고성군에 공장이 있는 기업\n강원특별자치도 고성군은 대상이 아니에요\n"
             "이런 곳은 ✕\n국세·지방세 체납 중\n휴업·폐업 중\n2024~2025년 이 사업을 받은 곳\n"
             "다른 기관 에너지 절감 설비 지원을 2024~2025년에 받은 곳\n→ 이번 신청 설비와 같은 품목이면 ✕ (다른 품목이면 OK)\n")
    got = _by_field(extract(cards, ("경남", "고성", [])))
    assert {c.value for c in got["exclusion"]} == {"체납", "휴·폐업"}
    assert any(c.value.get("built") for c in got["prior_support"])  # "같은 품목이면": which item, the profile does not say


def test_a_look_alike_city_without_its_province_is_never_taken_for_either():
    area = Place(None, "고성")  # "고성군에 본사와 공장을 둔 기업" on a page that names no province
    assert covers(area, place_of("강원특별자치도 고성군")) is None and covers(area, place_of("경상남도 고성군")) is None
    assert covers(Place("경남", "고성"), place_of("강원특별자치도 고성군")) is False
    assert covers(Place(None, "김포"), place_of("경기도 김포시")) is True  # a city only one province has
    text = "중복 지원은 막는다. 최근 2년(2024~2025년) 사이 스마트공장 고도화 지원을 받은 기업은 대상에서 빠진다.\n"
    (support,) = _by_field(extract(text))["prior_support"]
    assert support.op == "excludes" and support.value["in"] == [2024, 2025]


def test_a_look_alike_city_in_a_title_takes_the_province_of_the_pages_phone_numbers(tmp_path):
    page = tmp_path / "goseong.txt"
    page.write_text("2026년 고성군 중소 제조기업 스마트공장 구축 지원사업 공고\n"
                    "○ 공고일 현재 고성군에 본사와 공장을 모두 두고 있는 제조 중소기업\n"
                    "○ 국세·지방세 체납 기업은 신청할 수 없습니다.\n"
                    "자세한 사항은 고성군청 경제기업과(055-670-0000)로 문의하면 된다고 군은 밝혔다.\n", encoding="utf-8")
    doc = _one_document(page)
    assert doc.facts["home"][:2] == ["경남", "고성"]  # 055: 경상남도
    regions = [Condition.from_dict(c) for c in doc.facts["conditions"] if c["field"] == "region"]
    assert verdict(CompanyProfile.from_dict({"region": "강원특별자치도 고성군"}), regions, date(2026, 5, 1)).label == NOT


def test_one_subsectors_further_requirement_and_a_certificate_that_lets_in_other_industries():
    text = ("□ 신청자격\n○ 김포시에 본사와 공장을 둔 제조업(C10~C33) 중소기업\n"
            "※ 식료품 제조업(C10)은 HACCP 인증을 보유한 기업에 한함\n")
    conditions = extract(text)
    base = {"region": "경기도 김포시", "industry": "제조업", "subsector": "금속가공", "revenue_won": 3_000_000_000,
            "certifications": [], "past_support": [], "exclusions": []}
    on = date(2026, 3, 16)
    assert verdict(CompanyProfile.from_dict(base), conditions, on).label == APPLY  # not a food maker: not concerned
    food = base | {"subsector": "식료품 제조업"}
    assert verdict(CompanyProfile.from_dict(food), conditions, on).label == NOT
    assert verdict(CompanyProfile.from_dict(food | {"certifications": ["HACCP"]}), conditions, on).label == APPLY
    assert verdict(CompanyProfile.from_dict({k: v for k, v in food.items() if k != "certifications"}), conditions, on).label == CHECK
    table = ("□ 신청자격\n○ 경상남도에 본사와 공장을 모두 둔 중소기업\n"
             "┌──────┬──────────────────────┐\n"
             "│ 업  종 │ C24 1차 금속 제조업, C25 금속가공제품 제조업        │\n"
             "│        │ (C252 무기 및 총포탄 제조업 제외),                   │\n"
             "│        │ C29294 주형 및 금형 제조업                           │\n"
             "└──────┴──────────────────────┘\n"
             "  ※ 위 업종에 해당하지 않더라도 뿌리기업 확인서를 보유한 기업은 신청 가능\n"
             "  ※ 조선기자재 제조기업은 용접·도장 등 뿌리공정을 자체 보유한 경우에 한하여 신청 가능\n")
    conditions = extract(table)
    south = base | {"region": "경상남도 김해시"}
    assert verdict(CompanyProfile.from_dict(south | {"subsector": "금형"}), conditions, on).label == APPLY  # C29294, by its name
    cars = south | {"subsector": "자동차부품"}
    assert verdict(CompanyProfile.from_dict(cars | {"certifications": ["뿌리기업 확인서"]}), conditions, on).label == APPLY
    assert verdict(CompanyProfile.from_dict(cars), conditions, on).label == CHECK  # not listed; no certificate
    ships = south | {"subsector": "조선기자재", "certifications": ["ISO 9001"]}
    assert verdict(CompanyProfile.from_dict(ships), conditions, on).label == CHECK  # whether it has its own 뿌리공정


def test_a_past_support_that_built_no_smart_factory_does_not_meet_a_build_required():
    (built,) = _by_field(extract("□ 신청자격\n- 2020년 이후 정부·지자체 지원으로 스마트공장 기초 수준 이상을 구축 완료한 기업\n"))["prior_support"]
    profile = {"region": "경기도 김포시", "industry": "제조업"}
    on = date(2026, 3, 16)
    assert verdict(CompanyProfile.from_dict(profile | {"past_support": ["2025 경기도 수출바우처"]}), [built], on).label == NOT
    assert verdict(CompanyProfile.from_dict(profile | {"past_support": ["2025 경기도 중소제조 DX 바우처"]}), [built], on).label == CHECK
    assert verdict(CompanyProfile.from_dict(profile | {"past_support": ["2022 스마트공장 기초"]}), [built], on).label == APPLY


def test_two_types_in_a_box_table_with_an_exclusion_of_one_type_and_remarks_that_state_nothing():
    text = ("□ 신청 자격\n  ○ 공고일 현재 울산광역시에 본사와 공장을 모두 둔 제조업 중소기업\n"
            "    - 본사 또는 공장 중 하나라도 울산 외 지역에 있는 경우 신청 불가\n"
            "    - 두 유형 중 하나만 신청 가능\n"
            "  ┌──────────┬──────────────┬──────────────┐\n"
            "  │   구  분   │  데이터 수집형  │  AI 고도화형   │\n"
            "  ├──────────┼──────────────┼──────────────┤\n"
            "  │ 상시근로자  │ 5인 이상 50인 미만 │ 20인 이상 300인 미만 │\n"
            "  │ 필수 요건   │ -            │ 스마트공장 기초 이상 구축 완료 │\n"
            "  └──────────┴──────────────┴──────────────┘\n"
            "   ※ 스마트공장 구축 완료는 정부·지자체 지원 스마트공장 구축사업의 완료 확인서로 증빙\n"
            "□ 신청 제외 대상\n  ① 국세 또는 지방세 체납 기업\n"
            "  ② (AI 고도화형에 한함) 2024~2025년 「스마트공장 고도화」 지원사업 수혜 기업\n"
            "   ※ ②는 데이터 수집형 신청에는 적용하지 않음\n")
    conditions = extract(text)
    assert {c.field for c in conditions} == {"region", "industry", "size", "track", "exclusion"}  # nothing unread
    small = {"region": "울산광역시 북구", "industry": "제조업", "employees": 12, "revenue_won": 2_000_000_000,
             "certifications": [], "past_support": ["2025 스마트공장 고도화1"], "exclusions": []}
    on = date(2026, 3, 5)
    assert verdict(CompanyProfile.from_dict(small), conditions, on).label == APPLY  # 데이터 수집형: no build, no exclusion ②
    larger = small | {"employees": 60, "past_support": ["2022 스마트공장 기초"]}
    assert verdict(CompanyProfile.from_dict(larger), conditions, on).label == APPLY  # AI 고도화형
    assert verdict(CompanyProfile.from_dict(larger | {"past_support": ["2022 스마트공장 기초", "2025 스마트공장 고도화1"]}),
                   conditions, on).label == NOT  # only AI 고도화형 fits its size, and ② excludes it there


def test_a_news_storys_widenings_definitions_and_quoted_exclusions():
    story = ("지원 대상은 창원시에 공장(사업장)을 둔 제조 중소기업이다. 본사가 창원 밖에 있더라도 창원 공장에 도입하는 경우라면 "
             "신청할 수 있다. 또 지난해(2025년) 이 사업에 참여한 기업은 이번 공모에서 빠지며, 2024년 이전 참여 기업은 다시 신청할 수 "
             "있다. 시 관계자는 \"스마트공장을 구축한 적이 없는 기업도 신청할 수 있다\"며 \"다만 지난해 경상남도 「제조AI 솔루션 도입 "
             "지원사업」으로 같은 공정에 AI를 도입한 기업은 중복 지원이 안 된다\"고 말했다.\n")
    got = _by_field(extract(story, ("경남", "창원", [])))
    assert [c.op for c in got["region"]] == ["in"]  # the HQ may be elsewhere: no 창원 exclusion
    assert {tuple(c.value["in"]) for c in got["prior_support"]} >= {(2025,)}  # "빠지며": this programme's 2025 recipients
    assert any(c.value.get("programme") and "솔루션" in c.value["topic"] for c in got["prior_support"])  # the 「」 name, not the quote
    press = ("□ 지원 대상은 대구광역시 또는 경상북도에 본사와 공장을 모두 둔 제조 중소기업\n"
             "  ○ (업종) 뿌리기업 확인서를 보유한 기업, 또는 자동차 부품(KSIC C30)·기계 및 장비 부품(KSIC C29) 제조기업\n"
             "    - 2023년 7월 대구광역시로 편입된 군위군 소재 기업은 대구 기업으로 신청한다.\n"
             "□ 다만, 다음에 해당하는 기업은 신청할 수 없다.\n"
             "  ○ 2025년 본 사업 수혜 기업(2023년 이전 수혜 기업은 신청 가능)\n")
    conditions = extract(press)
    assert [c.value for c in conditions if c.field == "region"] == [[["대구", None, []], ["경북", None, []]]]  # 군위군 defines
    assert [c.value["in"] for c in conditions if c.field == "prior_support"] == [[2025]]
    assert not any("until" in c.value for c in conditions if c.field == "prior_support")  # the bracket lets earlier ones in
    base = {"region": "대구광역시 달서구", "industry": "제조업", "subsector": "금속가공", "employees": 19, "revenue_won": 3_300_000_000,
            "past_support": [], "exclusions": []}
    on = date(2026, 3, 31)
    assert verdict(CompanyProfile.from_dict(base | {"certifications": ["뿌리기업 확인서"]}), conditions, on).label == APPLY
    assert verdict(CompanyProfile.from_dict(base | {"subsector": "자동차부품", "certifications": []}), conditions, on).label == APPLY
    food = ("※ 식료품 제조업(C10)은 상시근로자 10인 이상 기업에 한함(그 밖의 제조업은 5인 이상)\n")
    (track,) = extract("□ 신청자격\n" + food)
    assert track.value["conditions"][1][1] == {"field": "employees", "op": ">=", "value": 10, "text": food.strip()}


def test_exclusions_of_a_kind_received_through_any_programme_and_remarks_under_an_exclusion_list():
    text = ("□ 신청 대상\n  ○ (소재지) 공고일 현재 대구광역시 9개 구·군(군위군 포함) 내에 공장을 둔 기업\n"
            "    - 경상북도 경산시·칠곡군·고령군 등 대구 인접 시·군 소재 공장은 해당 없음\n"
            "  ○ 신청 제외 대상 중 '협동로봇 관련 수혜기업'이 타 기관 사업 수혜기업까지 포함하는 것으로 잘못 기재되어 바로잡음\n"
            "□ 신청 제외 대상\n"
            "  ① 2024년~2025년에 정부·지자체 스마트공장 지원사업에 선정되어 협약을 체결한 기업\n"
            "  ② 신청일 현재 공장이 가동되지 않는 기업(미가동 공장)\n"
            "    - 2023년 이전 선정 기업 및 타 기관 협동로봇 지원 수혜기업은 신청 가능\n"
            "   ※ ①의 경우 2023년 이전 선정 기업은 해당하지 않음\n"
            "또 2024∼2025년에 이 사업이나 다른 정부·지자체 사업으로 비전검사 장비를 지원받은 기업은 제외된다.\n"
            "2025년에 다른 지원사업으로 이번에 신청하는 설비와 같은 종류의 설비를 이미 지원받은 경우에는 중복 지원이 되지 않습니다.\n")
    conditions = extract(text)
    got = _by_field(conditions)
    assert [(c.op, [a[:2] for a in c.value]) for c in got["region"]] == [
        ("in", [["대구", None]]), ("not_in", [["경북", "경산"], ["경북", "칠곡"], ["경북", "고령"]])]
    assert {c.value for c in got["exclusion"]} == {"미가동"}
    assert "other" not in got and not any(c.value.get("until") for c in got["prior_support"])  # remarks state nothing
    base = {"region": "대구광역시 북구", "industry": "제조업", "exclusions": []}
    on = date(2026, 4, 8)

    def label(*past):
        return verdict(CompanyProfile.from_dict(base | {"past_support": list(past)}), conditions, on).label
    assert label() == APPLY and label("2023 스마트공장 기초") == APPLY
    assert label("2024 스마트공장 기초") == NOT  # ① 선정되어 협약을 체결한
    assert label("2025 대구광역시 AI 비전검사 장비 도입 지원사업") == NOT  # names the kind
    assert label("2025 대구광역시 작업환경 개선 지원") == CHECK  # which equipment it was, the profile does not say


def test_a_box_rows_cell_with_an_open_bracket_wraps_onto_the_next_line_and_one_subsectors_relaxation():
    text = ("□ 신청 제외 대상\n"
            "│신청 제외│ 2024년~2025년 「대구 협동로봇 활용 │\n"
            "│ 대상 ⑤ │ 공정개선 지원사업」 수혜기업       │\n"
            "□ 신청자격\n"
            "  ※ 식료품 제조업(C10) 기업은 구축형에 한하여 상시근로자 요건을 '3인 이상 50인 미만'으로 적용함\n")
    got = _by_field(extract(text))
    (support,) = got["prior_support"]
    assert support.value["programme"] and {"협동로봇", "공정개선"} <= set(support.value["topic"])
    assert "other" not in got and "industry" not in got and "employees" not in got  # food makers' bound: a track of its own
    (track,) = got["track"]
    assert track.value["conditions"][1][1:] == [{"field": "employees", "op": ">=", "value": 3, "text": track.text},
                                                {"field": "employees", "op": "<", "value": 50, "text": track.text}]


def test_a_blogs_emoji_lists_an_industry_list_with_another_way_in_and_lines_that_state_nothing():
    post = ("✅ 이런 기업이 신청할 수 있어요\n📍 강원특별자치도 안에 공장(사업장)이 있는 제조 중소기업\n"
            "❌ 이런 기업은 안 돼요\n💸 국세·지방세 체납 중인 기업\n🚪 휴업·폐업 중인 기업\n"
            "💡 참고로 알아두시면 좋은 것\n🎁 이노비즈 인증 있으면 가점 있어요\n"
            "📚 이 블로그의 다른 글\n[지원사업 소개] 2026 원주시 의료기기 기업 해외인증 지원사업 정리 (원주시 소재 기업만!)\n")
    got = _by_field(extract(post))
    assert [c.value for c in got["region"]] == [[["강원", None, []]]]  # not 원주 of another post
    assert {c.value for c in got["exclusion"]} == {"체납", "휴·폐업"} and "other" not in got
    notice = ("2. 신청자격\n나. 제조업 중 1차 금속 제조업(C24), 금속가공제품 제조업(C25)을 주된 업종으로 영위하는 기업. 다만, 그 밖의 "
              "제조업은 「뿌리산업 진흥과 첨단화에 관한 법률」에 따른 뿌리기업 확인서를 보유한 경우에 한하여 신청할 수 있음\n"
              "3. 제외 대상\n- 2024년~2025년 경상북도 「중소기업 스마트 제조설비 지원」으로 자동화 설비(로봇 등)를 지원받은 기업\n"
              "※ 스마트공장 구축 등 그 밖의 지원 이력은 신청 제한 사유가 아닙니다.\n"
              "전남테크노파크 공고 제2026-27호                                   - 1 -\n")
    conditions = extract(notice)
    assert "other" not in _by_field(conditions)
    base = {"region": "경상북도 포항시", "industry": "제조업", "subsector": "화학제품", "revenue_won": 2_700_000_000,
            "past_support": [], "exclusions": []}
    on = date(2026, 3, 10)
    assert verdict(CompanyProfile.from_dict(base | {"certifications": ["뿌리기업 확인서"]}), conditions, on).label == APPLY
    assert verdict(CompanyProfile.from_dict(base), conditions, on).label == CHECK  # certificates not stated
    metal = base | {"subsector": "금속가공", "certifications": []}
    assert verdict(CompanyProfile.from_dict(metal), conditions, on).label == APPLY
    assert verdict(CompanyProfile.from_dict(metal | {"past_support": ["2024 경상북도 중소기업 스마트 제조설비 지원"]}),
                   conditions, on).label == CHECK  # whether that support paid for automation equipment


def test_a_qna_boards_answers_a_sub_area_and_types_named_by_letter():
    answers = ("본 사업은 대전광역시(동구·중구·서구·유성구·대덕구)와 세종특별자치시에 공장이 있는 기업을 대상으로 합니다.\n"
               "대구광역시 서구·인천광역시 서구 등 다른 시·도의 서구에 있는 공장은 대상이 아닙니다.\n"
               "네, 식료품·음료 제조업(C10·C11)도 제조업이므로 신청하실 수 있습니다.\n"
               "그 밖에 업력 3년 이상(공고일 기준), 매출액 기준, 제외 대상은 공고문 2~3쪽을 참고해 주세요.\n"
               "같은 2023년 3월 개업이라도 3월 9일 이전이면 신청 가능하고, 3월 10일 이후이면 신청할 수 없습니다.\n")
    got = _by_field(extract(answers))
    assert [c.value for c in got["region"] if c.op == "in"] == [[["대전", None, []], ["세종", None, []]]]
    assert not any(c.op == "not_in" and [None, "서구", []] in c.value for c in got["region"])  # "다른 시·도의 서구": none
    assert "industry" not in got and "other" not in got  # food makers may apply too; a boundary told both ways
    assert [(c.op, c.value) for c in got["age"]] == [(">=", 3)]  # "제외 대상은 … 참고" negates nothing
    notice = ("□ 신청자격\n  ○ 전북특별자치도 내에 공장을 둔 제조 중소기업\n"
              "  ※ 새만금 국가산업단지(군산시·김제시 일원) 입주기업은 별도 공고되는 사업으로 신청하여야 하며, 본 사업에는 신청할 수 없음\n"
              "| 구분 | 가형 | 나형 |\n| 상시근로자 | 5인 이상 50인 미만 | 20인 이상 300인 미만 |\n"
              "□ 신청 제외 대상\n  ① 국세·지방세 체납 기업\n"
              "  ② (가형에 한함) 2024년~2025년 스마트공장 구축 지원사업을 통해 FEMS를 이미 구축한 기업\n"
              "  ※ ①의 기업은 유형과 관계없이 신청 불가, ②에 해당하는 기업은 다른 유형으로 신청 가능\n")
    conditions = extract(notice)
    got = _by_field(conditions)
    assert "other" not in got and len(got["track"]) == 1
    base = {"industry": "제조업", "revenue_won": 5_000_000_000, "employees": 30, "past_support": [], "exclusions": []}
    on = date(2026, 3, 20)
    assert verdict(CompanyProfile.from_dict(base | {"region": "전북특별자치도 익산시"}), conditions, on).label == APPLY
    assert verdict(CompanyProfile.from_dict(base | {"region": "전북특별자치도 군산시"}), conditions, on).label == CHECK  # in 새만금?
    small = base | {"region": "전북특별자치도 익산시", "employees": 12, "past_support": ["2025 스마트공장 기초"]}
    assert verdict(CompanyProfile.from_dict(small), conditions, on).label == CHECK  # 가형 only; whether that build had FEMS


def test_an_exclusion_of_the_same_item_from_another_agency_and_supports_named_as_no_reason():
    text = ("□ 신청 제외 대상\n"
            "- 2024~2025년에 다른 기관에서 같은 종류의 고효율 설비(공기압축기·인버터) 교체를 지원받은 기업\n"
            "- FEMS 구축이나 스마트공장, 작업환경 개선 지원은 설비 교체 지원이 아니어서 제외 사유가 아닙니다.\n")
    conditions = extract(text)
    profile = {"region": "경상남도 김해시", "industry": "제조업", "exclusions": []}
    on = date(2026, 4, 20)

    def label(*past):
        return verdict(CompanyProfile.from_dict(profile | {"past_support": list(past)}), conditions, on).label
    assert label("2025 경상남도 중소기업 작업환경 개선 지원") == APPLY  # named as no reason
    assert label("2025 한국에너지공단 에너지효율 향상 설비 지원") == CHECK  # which item it was, the profile does not say
