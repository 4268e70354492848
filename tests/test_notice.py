"""Read documents the same way whatever their format: table rows that carry their header, sections
and pages kept with every chunk, and the facts a 공고문 states about itself."""

from pathlib import Path

import pytest

from assistant.chunking import KiwiSentenceSplitter, chunk_document
from assistant.errors import IngestError
from assistant.ingest import CorpusFile, document_from_blocks, read_documents
from assistant.ingest.blocks import HEADING, ROW, Block, Extracted, table_rows
from assistant.ingest.notice import notice_facts

HWP = Path(__file__).parent / "data" / "hwp"

NOTICE = [
    "경기테크노파크 공고 제2026-15호",
    "「2026년 경기도 스마트공장 구축 지원사업」 참여기업 모집 공고",
    "1. 사업개요",
    "도내 중소 제조기업의 스마트공장 구축을 지원합니다.",
    "2. 신청방법",
    "○ 접수기간: 2026. 3. 2.(월) ~ 3. 20.(금) 18:00",
    "2026. 2. 20.",
    "(재)경기테크노파크 원장",
]


def test_notice_facts_from_its_own_lines():
    f = notice_facts(NOTICE)
    assert f.title == "2026년 경기도 스마트공장 구축 지원사업"
    assert f.number == "제2026-15호" and f.issued == "2026-02-20" and f.issuer == "(재)경기테크노파크 원장"
    # the deadline has no year of its own: it takes the start's
    assert (f.period_start, f.deadline) == ("2026-03-02", "2026-03-20T18:00")


@pytest.mark.parametrize("line, start, deadline", [
    ("신청 기간은 2026년 2월 9일부터 3월 6일 오후 6시까지다.", "2026-02-09", "2026-03-06T18:00"),
    ("모집 마감: 2025.04.11(금) 17:00", None, "2025-04-11T17:00"),
    ("접수기간 : 2026-01-21 ~ 2026-02-13", "2026-01-21", "2026-02-13"),
])
def test_application_periods_as_written(line, start, deadline):
    f = notice_facts(["공고", line])
    assert (f.period_start, f.deadline) == (start, deadline)


def test_a_period_under_its_label_line():
    # a web page's <dt>접수기간</dt><dd>…</dd> reads as two lines
    f = notice_facts(["공고", "- 접수기간", "- 2026. 3. 9.(월) 10:00 ~ 3. 30.(월) 17:00"])
    assert (f.period_start, f.deadline) == ("2026-03-09T10:00", "2026-03-30T17:00")


def test_no_facts_are_made_up():
    f = notice_facts(["상가를 구분 소유한 자들이 「소득세법」 제88조에 따라 재건축하는 경우", "1. 사실관계"])
    assert f.title is None and f.number is None and f.deadline is None and f.issuer is None


def test_table_rows_carry_their_header():
    rows = [["구분", "지원한도", "정부지원 비율"], ["기초", "4천만 원", "50%"], ["고도화1", "1억 원", "50%"],
            ["", "", ""]]
    got = [b.text for b in table_rows(rows, page=2)]
    assert got == ["구분: 기초 | 지원한도: 4천만 원 | 정부지원 비율: 50%",
                   "구분: 고도화1 | 지원한도: 1억 원 | 정부지원 비율: 50%"]
    assert all(b.kind == ROW and b.page == 2 for b in table_rows(rows, page=2))
    # a grid of values has no header: each row is its cells
    assert [b.text for b in table_rows([["0,0", "0,1"], ["1,0", "1,1"]])] == ["0,0 | 0,1", "1,0 | 1,1"]
    # a merged cell read twice is written once
    assert table_rows([["1", "2"], ["합계", "합계"]])[1].text == "합계"


def test_document_keeps_pages_and_sections_down_to_its_chunks():
    blocks = [Block("「2026년 김해시 스마트공장 지원사업」 모집 공고", HEADING, 1), Block("1. 사업개요", HEADING, 1),
              Block("김해시 관내 제조기업의 스마트공장 구축을 지원한다. " * 8, page=1), Block("2. 지원내용", HEADING, 2),
              *table_rows([["구분", "지원한도"], ["고도화1", "1억 원"]], page=2)]
    doc = document_from_blocks(Extracted(blocks), CorpusFile("n.pdf", Path("n.pdf"), "corpus/n.pdf"))
    assert doc.title == "2026년 김해시 스마트공장 지원사업"
    assert doc.text.splitlines()[-1] == "구분: 고도화1 | 지원한도: 1억 원"
    row_at = doc.text.index("구분: 고도화1")
    assert doc.page_at(row_at) == 2 and doc.section_at(row_at) == "2. 지원내용" and doc.page_at(0) == 1
    chunks = chunk_document(doc, KiwiSentenceSplitter(chunk_size=120, chunk_overlap=0))
    last = chunks[-1]
    assert "고도화1" in last.text and last.page == 2 and last.section == "2. 지원내용"
    assert chunks[0].page == 1


def test_real_hwp_through_the_corpus_reader():
    cf = CorpusFile("simple_table.hwp", HWP / "simple_table.hwp", "corpus/simple_table.hwp")
    (doc,) = read_documents(cf)
    assert doc.text.splitlines() == ["ABC 123: LMN | DEF: OPQ | GHI: STR", "ABC 123: UVM | DEF: 123 | GHI: 456"]
    with pytest.raises(IngestError, match="배포용"):
        read_documents(CorpusFile("d.hwp", HWP / "distribution_protected.hwp", "corpus/d.hwp"))


def test_citation_json_gives_page_only_when_there_is_one():
    from assistant.answer import Answer, Citation

    base = dict(n=1, doc_id="d", chunk_id="d#0", title="t", date=None, outlet=None, path="p", passage="x",
                highlight="", score=1.0)
    news = Answer("q", "a", False, [Citation(**base)]).to_dict()["citations"][0]
    pdf = Answer("q", "a", False, [Citation(**base, page=3, section="2. 지원내용")]).to_dict()["citations"][0]
    assert "page" not in news and "highlight_start" not in news
    assert pdf["page"] == 3 and pdf["section"] == "2. 지원내용"


def test_where_to_apply_starts_at_a_word():
    line = "지난해까지는 방문으로만 받았지만, 올해부터는 재단 누리집에서 온라인으로 접수한다."
    assert notice_facts([line]).apply_at == "재단 누리집에서 온라인으로 접수"
