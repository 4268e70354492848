"""JSON API responses (기업마당-style 지원사업 공고 records) read as documents: one Document per
record, fields as labelled lines, HTML as plain lines, lists in order, dates kept; bad files
refused with a Korean message. Files are written under pytest's tmp paths."""

import json
from datetime import date
from pathlib import Path

import pytest

from assistant.eligibility import NOT, CompanyProfile, Condition, verdict
from assistant.errors import IngestError
from assistant.ingest import SUPPORTED, CorpusFile, read_documents
from assistant.ingest.jsonrecords import find_records

ROOT = Path(__file__).resolve().parents[1]
H05 = ROOT / "eval" / "eligibility" / "corpus" / "h05_national_ip_scaleup_api_2026.json"

RECORDS = [
    {
        "pblancId": "PBLN_000000000200001",
        "pblancNm": "2026년 김포시 스마트공장 고도화 지원사업 공고",
        "jrsdInsttNm": "김포시",
        "excInsttNm": "김포산업진흥원",
        "trgetNm": "중소기업",
        "areaNm": "경기@인천",
        "creatPnttm": "2026-03-02 10:15:00",
        "reqstBeginEndDe": "20260310 ~ 20260331",
        "inqireCo": 512,
        "bsnsSumryCn": "<p>김포시 제조기업의 공정 자동화를 지원합니다.</p><ul><li>설비 도입비</li>"
                       "<li>컨설팅 비용&#40;최대 50%&#41;</li></ul>",
        "exclTrgetCn": ["1. 국세 또는 지방세 체납 기업", "2. 휴업 또는 폐업 중인 기업", "3. 최근 3년 이내 동일 사업 수혜 기업"],
        "refrncNm": "김포산업진흥원 기업지원팀 031-000-1234",
        "pblancUrl": "https://www.bizinfo.go.kr/web/lay1/bbs/S1T122C128/AS/74/view.do?pblancId=PBLN_000000000200001",
        "etcNote": "예산 소진 시 조기 마감",
        "viewCnt": 77,
        "flpthNm": [{"fileNm": "공고문.hwp", "fileUrl": "https://www.bizinfo.go.kr/cmm/fms/getFile.do?fileSn=0"}],
    },
    {
        "pblancId": "PBLN_000000000200002",
        "pblancNm": "2026년 부천시 제조기업 해외인증 지원 공고",
        "jrsdInsttNm": "부천시",
        "trgetNm": "중소기업",
        "creatPnttm": "2026-04-01 09:00:00",
        "reqstBeginEndDe": "20260407 ~ 20260430",
        "bsnsSumryCn": "부천시 소재 제조기업의 해외규격인증 획득 비용을 기업당 최대 2,000만 원까지 지원합니다.",
    },
]


def _docs(path: Path):
    return read_documents(CorpusFile(rel=path.name, path=path, shown=f"corpus/{path.name}"))


def _write(tmp_path: Path, obj, name="bizinfo.json", encoding="utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(json.dumps(obj, ensure_ascii=False, indent=1).encode(encoding))
    return path


def test_each_record_of_an_api_response_is_a_document(tmp_path):
    path = _write(tmp_path, {"resultCode": "00", "resultMsg": "NORMAL_SERVICE", "totalCount": 2, "items": RECORDS})
    docs = _docs(path)
    assert [d.id for d in docs] == ["bizinfo.json~0", "bizinfo.json~1"]
    assert [d.title for d in docs] == [RECORDS[0]["pblancNm"], RECORDS[1]["pblancNm"]]
    assert [d.date for d in docs] == ["2026-03-02", "2026-04-01"]  # 등록일시 (creatPnttm)
    assert [d.outlet for d in docs] == ["김포시", "부천시"]  # 소관기관
    lines = docs[0].text.split("\n")
    assert lines[0] == "공고명: 2026년 김포시 스마트공장 고도화 지원사업 공고"  # the title field first
    for line in ("소관기관: 김포시", "수행기관: 김포산업진흥원", "지원대상: 중소기업", "지역: 경기, 인천",
                 "등록일시: 2026-03-02 10:15:00", "신청기간: 2026-03-10 ~ 2026-03-31",
                 "문의처: 김포산업진흥원 기업지원팀 031-000-1234", "etcNote: 예산 소진 시 조기 마감"):
        assert line in lines, (line, lines)
    # HTML: each paragraph and list item a line of its own, under the field's label; entities decoded
    at = lines.index("사업개요")
    assert lines[at + 1:at + 4] == ["김포시 제조기업의 공정 자동화를 지원합니다.", "설비 도입비", "컨설팅 비용(최대 50%)"]
    assert "<" not in docs[0].text and "&#" not in docs[0].text
    # a list of strings: one line each, in order, under its label (a section the chunks know)
    at = lines.index("제외대상")
    assert lines[at + 1:at + 4] == RECORDS[0]["exclTrgetCn"]
    assert [h for _, h in docs[0].sections] == ["사업개요", "제외대상"]
    assert "첨부파일 파일명: 공고문.hwp" in lines  # a list of one object: one line
    # ids, counters and URLs are left out, known or not
    for gone in ("PBLN_", "http", "조회수", "512", "viewCnt", "77", "pblancId"):
        assert gone not in docs[0].text, gone
    # the notice's facts are read from the rendered lines
    assert docs[0].facts["period_start"] == "2026-03-10" and docs[0].facts["deadline"] == "2026-03-31"
    assert "031-000-1234" in docs[0].facts["contact"]
    assert docs[1].facts["max_amount"] == "2,000만 원"
    assert [d.facts["record"] for d in docs] == [0, 1]
    # the eligibility reader sees the 제외대상 list as exclusions
    excluded = {c["value"] for c in docs[0].facts["conditions"] if c["field"] == "exclusion"}
    assert excluded == {"체납", "휴·폐업"}


def test_a_cp949_file_a_single_object_and_json_lines(tmp_path):
    (doc,) = _docs(_write(tmp_path, RECORDS[1], name="one.json", encoding="cp949"))
    assert doc.title == RECORDS[1]["pblancNm"] and doc.id == "one.json~0"
    assert "신청기간: 2026-04-07 ~ 2026-04-30" in doc.text.split("\n")
    lines = tmp_path / "lines.json"
    lines.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS) + "\n", encoding="utf-8-sig")
    assert [d.title for d in _docs(lines)] == [r["pblancNm"] for r in RECORDS]


@pytest.mark.parametrize("wrapped", [
    lambda recs: recs,  # a top-level list
    lambda recs: {"response": {"header": {"resultCode": "00", "resultMsg": "NORMAL SERVICE."},
                               "body": {"items": {"item": recs}, "numOfRows": 10, "pageNo": 1, "totalCount": 2}}},
    lambda recs: {"currentCount": 2, "data": recs, "page": 1},
    lambda recs: {"jsonArray": recs},
])
def test_records_are_found_under_any_wrapper(wrapped):
    assert find_records(wrapped(RECORDS)) == RECORDS


def test_a_single_record_is_not_mistaken_for_its_list_of_attachments():
    record = dict(RECORDS[0], flpthNm=[{"fileNm": f"첨부{i}_신청서식_및_사업계획서_양식.hwp"} for i in range(3)])
    assert find_records(record) == [record]
    assert find_records({"response": {"body": {"items": {"item": record}}}}) == [record]


def test_title_and_date_of_an_api_the_table_does_not_know(tmp_path):
    from assistant.ingest.jsonrecords import _title

    assert _title({"orgNm": "부천시", "bizNm": "부천시 제조기업 해외인증 지원사업", "content": "…"}) == \
        "부천시 제조기업 해외인증 지원사업"  # the longer name-like field
    assert _title({"subject": "2026 스마트공장 공고", "writerName": "홍길동"}) == "2026 스마트공장 공고"
    record = {"seq": 17, "subject": "2026 스마트공장 공고", "createdAt": "2026-02-11T09:00:00+09:00", "status": "OPEN",
              "body": "<p>도내 중소 제조기업을 지원합니다.</p><p>접수기간: 2026. 3. 2. ~ 3. 20.</p>", "hits": 30}
    (doc,) = _docs(_write(tmp_path, {"data": [record]}, name="other.json"))
    assert (doc.title, doc.date) == ("2026 스마트공장 공고", "2026-02-11")
    lines = doc.text.split("\n")
    assert lines[:2] == ["subject: 2026 스마트공장 공고", "createdAt: 2026-02-11T09:00:00+09:00"]
    assert lines[2:] == ["body", "도내 중소 제조기업을 지원합니다.", "접수기간: 2026. 3. 2. ~ 3. 20."]  # seq, OPEN, 30 left out
    assert doc.facts["deadline"] == "2026-03-20"


def test_invalid_json_is_refused_saying_where(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{\n  "items": [\n    {"pblancNm": "공고" "trgetNm": "중소기업"}\n  ]\n}\n', encoding="utf-8")
    with pytest.raises(IngestError) as err:
        _docs(path)
    message = str(err.value)
    assert "corpus/broken.json" in message and "JSON 형식이 잘못되었습니다" in message
    assert "3번째 줄 23번째 글자에 쉼표(,)가 빠졌습니다" in message  # where "trgetNm" starts


@pytest.mark.parametrize("obj, says", [
    ({"resultCode": "00", "items": []}, "레코드"),
    ([1, 2, 3], "레코드"),
    ({"items": [{"pblancId": "PBLN_1", "inqireCo": 3, "pblancUrl": "https://example.kr/a?b=1"}]}, "읽을 수 있는 글자"),
])
def test_json_without_records_or_text_is_refused(tmp_path, obj, says):
    with pytest.raises(IngestError, match=says):
        _docs(_write(tmp_path, obj, name="empty.json"))


def test_json_is_a_supported_suffix():
    assert ".json" in SUPPORTED


def test_every_record_is_a_programme():
    from assistant.documents import Chunk
    from assistant.programmes import programmes

    chunks = [Chunk(f"a.json~{k}#0", f"a.json~{k}", r["pblancNm"], None, None, "corpus/a.json", "본문", 0, 2)
              for k, r in enumerate(RECORDS)]
    chunks.append(Chunk("page.txt~1#0", "page.txt~1", "사이드 기사", None, None, "corpus/page.txt", "본문", 0, 2))
    facts = {"a.json~0": {"record": 0}, "a.json~1": {"record": 1}}
    assert [p.doc_id for p in programmes(chunks, facts)] == ["a.json~0", "a.json~1"]  # not a page's sidebar story


KSTARTUP = {"currentCount": 1, "data": [{
    "pbanc_sn": 176013,
    "biz_pbanc_nm": "2026년 초기 제조창업기업 시제품 고도화 지원사업 모집 공고",
    "pbanc_ntrp_nm": "창업진흥원",
    "pbanc_rcpt_bgng_dt": "20260302", "pbanc_rcpt_end_dt": "20260320",
    "pbanc_ctnt": "<p>시제품 설계·제작 비용을 지원합니다. 지원한도: 기업당 최대 6,000만 원</p>",
    "aply_trgt_ctnt": ["다음 요건을 모두 갖춘 기업",
                       "1. 업종: 제조업을 영위하는 중소기업",
                       "2. 업력: 창업 2년 이상인 기업",
                       "3. 매출액: 직전연도 매출액 5억 원 이상",
                       "4. 인증: 이노비즈 또는 메인비즈 확인서 보유"],
    "aply_excl_trgt_ctnt": ["국세 체납 기업", "휴업 또는 폐업 중인 기업"],
    "prfn_matr": "여성기업 가점 1점",
    "prch_cnpl_no": "창업진흥원 제조창업팀 044-410-1790",
}]}


def test_the_eligibility_reader_on_an_api_record(tmp_path):
    """A K-Startup record: its 신청대상 / 제외대상 lists are eligibility sections (by their labels)."""
    (doc,) = _docs(_write(tmp_path, KSTARTUP, name="kstartup.json"))
    assert doc.title == "2026년 초기 제조창업기업 시제품 고도화 지원사업 모집 공고"
    assert doc.facts["deadline"] == "2026-03-20"  # 접수 마감일
    assert doc.facts["max_amount"] == "6,000만 원"
    assert "044-410-1790" in doc.facts["contact"]
    conditions = [Condition.from_dict(c) for c in doc.facts["conditions"]]
    by = {}
    for c in conditions:
        by.setdefault(c.field, []).append(c)
    assert [(c.op, c.value["industry"]) for c in by["industry"]] == [("is", "제조업")]
    assert ("sme", None) in [(c.op, c.value) for c in by["size"]]
    assert (">=", 2) in [(c.op, c.value) for c in by["age"]]  # 창업 2년 이상
    assert [(c.op, c.value) for c in by["revenue"]] == [(">=", 500_000_000)]  # 매출액 5억 원 이상
    # a numbered "… 보유" line is a condition, not a heading that ends the list
    assert [(c.op, sorted(c.value)) for c in by["certification"]] == [("any_of", ["메인비즈", "이노비즈"])]
    assert {c.value for c in by["exclusion"]} >= {"체납"}
    assert not any("가점" in c.text for c in conditions)  # 우대사항 are no conditions
    # a company under the revenue floor is excluded, citing the line
    small = CompanyProfile.from_dict({"region": "경상남도 김해시", "industry": "제조업", "founded": "2021-09",
                                      "employees": 6, "revenue_won": 300_000_000, "certifications": ["이노비즈"],
                                      "past_support": [], "exclusions": []})
    v = verdict(small, conditions, date(2026, 3, 10))
    assert v.label == NOT
    assert any("매출액" in r.condition.text and r.status == "미충족" for r in v.reasons)


def test_records_in_nested_shapes_and_escaped_html():
    from assistant.ingest.jsonrecords import iso_date, text_lines

    nested = [{"title": "A", "sections": [{"body": "가" * 300}, {"body": "나" * 200}]},
              {"title": "B", "sections": [{"body": "다" * 300}]}]
    assert [r["title"] for r in find_records(nested)] == ["A", "B"]  # not A's sections
    assert text_lines("&lt;p&gt;사업 개요&lt;/p&gt;&lt;p&gt;둘째 줄&lt;/p&gt;") == ["사업 개요", "둘째 줄"]
    assert [iso_date(v) for v in ("2026년 12월", "202612", "20260601", "2026-06-01 09:30:12")] == [
        None, None, "2026-06-01", "2026-06-01"]


def test_records_are_indexed_matched_and_cited(tmp_path):
    from datetime import datetime

    from assistant import build_index, load

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _write(corpus, {"items": RECORDS})
    report = build_index(corpus, tmp_path / "index")
    assert not report.rejected and report.documents == 2
    qa = load(tmp_path / "index")
    qa.now = lambda: datetime(2026, 3, 15)
    matches = qa.match({"region": "경기도 김포시", "industry": "제조업", "founded": "2019-05", "employees": 25})
    assert sorted(m.programme.doc_id for m in matches) == ["bizinfo.json~0", "bizinfo.json~1"]  # both records
    gimpo = next(m for m in matches if m.programme.doc_id == "bizinfo.json~0")
    assert gimpo.programme.deadline == "2026-03-31" and gimpo.programme.organiser == "김포시"
    ans = qa.ask("김포시 스마트공장 고도화 지원사업 문의처는?")
    assert ans.citations[0].doc_id == "bizinfo.json~0" and ans.citations[0].path == "corpus/bizinfo.json"


CHAT = {
    "export_info": {"system": "김해시 기업지원 챗봇 상담이력", "exported_at": "2026-04-23T10:12:45+09:00"},
    "messages": [
        {"turn": 1, "role": "user", "time": "14:03:11", "content": "고효율 설비 교체 지원 신청 자격이 궁금해요."},
        {"turn": 2, "role": "assistant", "time": "14:03:15",
         "content": "김해시에 공장이 있는 제조기업이 대상이에요. 상시근로자 5인 이상 50인 미만 기업만 신청할 수 있습니다."},
        {"turn": 3, "role": "user", "time": "14:04:02", "content": "제외되는 경우는요?"},
        {"turn": 4, "role": "agent", "time": "14:05:40",
         "content": "신청 제외는 두 가지입니다. ① 2024년 또는 2025년에 이 사업을 지원받은 기업 ② 국세 체납 기업입니다."},
    ],
}


def test_a_chat_log_is_one_conversation_not_a_list_of_records(tmp_path):
    """A chatbot session export: its messages are one document, each speaker on a line of its own
    before what was said, so a message's own lead-in ("신청 제외는 …") opens its list."""
    assert find_records(CHAT) == [CHAT]
    (doc,) = _docs(_write(tmp_path, CHAT, name="chat.json"))
    assert doc.title == "김해시 기업지원 챗봇 상담이력"  # not "export_info"
    quoted = CHAT | {"messages": CHAT["messages"] + [{"role": "agent", "content": "「2026년 김해시 고효율 설비 교체 지원사업」 공고를 보세요."}]}
    assert _docs(_write(tmp_path, quoted, name="quoted.json"))[0].title == "2026년 김해시 고효율 설비 교체 지원사업"
    lines = doc.text.splitlines()
    assert lines.index("agent") + 1 == lines.index(CHAT["messages"][3]["content"])
    said = [m["content"] for m in CHAT["messages"]]
    assert [lines.index(s) for s in said] == sorted(lines.index(s) for s in said)  # in order
    conditions = [Condition.from_dict(c) for c in doc.facts["conditions"]]
    assert {(c.field, c.op, c.value) for c in conditions if c.field == "employees"} == {("employees", ">=", 5),
                                                                                     ("employees", "<", 50)}
    excluded = [c for c in conditions if c.field == "prior_support"]
    assert excluded and excluded[0].op == "excludes" and excluded[0].value["in"] == [2024, 2025]
    assert "체납" in {c.value for c in conditions if c.field == "exclusion"}
    # a list of records that only has a "role"-like field now and then is still a list of records
    assert len(find_records(RECORDS)) == len(RECORDS)


def test_a_messenger_export_is_one_conversation_named_by_its_speakers(tmp_path):
    """A Slack-style export ({"user": id, "user_name": name, "text": …}): one document, each message
    under its speaker's name (not the id), and a colleague's correction of a summary's bound holds."""
    export = {"channel": {"name": "정부지원사업-공유"}, "messages": [
        {"user": "U07HJK2", "user_name": "정하은 (경영지원팀)", "text":
            "경북TP 로봇 도입 지원사업 공고 요약했어요.\n• 대상: 경상북도에 본사와 공장이 모두 있는 제조 중소기업\n"
            "• 2025년 매출 20억 원 이상 200억 원 이하\n• 제외: 국세·지방세 체납, 휴·폐업"},
        {"user": "U05MNB8", "user_name": "최민수 (생산기술팀)", "text":
            "근데 매출 상한 하나만 정정할게요. 공고문 3쪽 다시 보니까 200억이 아니라 2025년 매출액 20억 원 이상 "
            "150억 원 이하로 돼 있어요."}]}
    (doc,) = _docs(_write(tmp_path, export, name="slack.json"))
    lines = doc.text.splitlines()
    assert "정하은 (경영지원팀)" in lines and "U07HJK2" not in lines
    assert doc.title == "정부지원사업-공유"  # the export's own name, not a key ("channel", "messages")
    conditions = [Condition.from_dict(c) for c in doc.facts["conditions"]]
    assert sorted((c.op, c.value) for c in conditions if c.field == "revenue") == [("<=", 15_000_000_000),
                                                                                  (">=", 2_000_000_000)]
    assert {c.value for c in conditions if c.field == "exclusion"} == {"체납", "휴·폐업"}
    big = CompanyProfile.from_dict({"region": "경상북도 구미시", "industry": "제조업", "revenue_won": 19_000_000_000})
    assert verdict(big, conditions, date(2026, 5, 18)).label == NOT


def test_a_field_keyed_in_plain_english_is_labelled_in_korean():
    from assistant.ingest.jsonrecords import _label

    assert _label("exclusions_extra")[0] == "제외대상추가" and _label("eligibility")[0] == "신청자격"
    assert _label("opened_on_or_before")[0] == "opened_on_or_before"  # not every word known: the key as written
