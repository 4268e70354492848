"""What the index issue must show, checked on the five shipped seed pages."""

import json
import re

from assistant.store import CHUNKS, read_chunks, resolve

from conftest import CORPUS, ROOT


def test_corpus_ships_the_seeds_byte_for_byte():
    seeds = ROOT.parent / "shared" / "seeds"
    if seeds.is_dir():  # the shared folder exists beside the checkout on the team's machines
        for seed in seeds.glob("*.txt"):
            assert (CORPUS / seed.name).read_bytes() == seed.read_bytes()
    assert len(list(CORPUS.glob("*.txt"))) >= 5


def test_no_chrome_in_any_chunk(seed_index):
    chunks = read_chunks(seed_index)
    assert len(chunks) > 10
    banned = ["℃", "기상청 제공", "더보기", "URL복사", "증권 주요 뉴스", "많이 본 뉴스", "많이 조회된", "해수부 2차추경",
              "소비쿠폰", "네이버TV", "유튜브", "배너", "조회수", "(끝)", "@", "재판매", "선착순", "주요파트너", "포토이슈"]
    for c in chunks:
        for word in banned:
            assert word not in c.text, (word, c.id)
        assert not re.search(r"\d{4}\.\d{2}\.\d{2} \d{2}:\d{2}", c.text), c.id  # 등록/입력 timestamps


def test_004_body_appears_once(seed_index):
    chunks = [c for c in read_chunks(seed_index) if c.path.endswith("004_b2444fe0e400fe0c.txt")]
    joined = "".join(c.text for c in chunks if c.id.endswith("#0") or True)
    docs = {c.doc_id for c in chunks}
    assert len(docs) == 1
    sentence = "연간 20억원씩 3년 동안 국비 60억원이 지원된다"
    # overlap may repeat a sentence in two neighbouring chunks; the document text holds it once
    text = _document_text(chunks)
    assert text.count(sentence) == 1
    assert text.count("제조AI센터' 유치에 나선다") == 1
    assert sentence in joined


def _document_text(chunks):
    """Rebuild a document's clean text from its chunks' offsets."""
    end, parts = 0, []
    for c in sorted(chunks, key=lambda c: c.start):
        if c.end > end:
            parts.append(c.text[max(0, end - c.start):])
            end = c.end
    return "".join(parts)


def test_gimpo_amount_belongs_to_the_gimpo_article(seed_index):
    hits = [c for c in read_chunks(seed_index) if "과제당 최대 5,000만 원" in c.text]
    assert hits
    for c in hits:
        assert "김포" in c.title
        assert c.date == "2026-02-19"
        assert c.outlet == "참좋은뉴스"
        assert c.path == "corpus/000_a3db1861db894e05.txt"


def test_samsung_sidebar_is_its_own_document(seed_index):
    chunks = read_chunks(seed_index)
    samsung = [c for c in chunks if "스마트공장 3.0" in c.text]
    assert samsung
    assert {c.doc_id for c in samsung} == {"003_74e70da491ccae5b.txt~1"}
    assert all("삼성전자" in c.title for c in samsung)
    sobujang = [c for c in chunks if c.doc_id == "003_74e70da491ccae5b.txt~0"]
    assert sobujang and all("소부장" in c.title for c in sobujang)
    assert not any("삼성" in c.text for c in sobujang)


def test_gyeonggi_tp_sidebar_is_not_part_of_the_gimpo_article(seed_index):
    chunks = read_chunks(seed_index)
    tp = [c for c in chunks if "111개사" in c.text]
    assert tp and all(c.doc_id == "000_a3db1861db894e05.txt~2" for c in tp)
    assert all(c.date is None for c in tp)


def test_metadata_of_each_seed(seed_index):
    docs = {}
    for c in read_chunks(seed_index):
        docs[c.doc_id] = (c.title, c.date, c.outlet)
    assert docs["000_a3db1861db894e05.txt~0"] == ("김포시, 스마트공장 구축 종합지원 본격 추진", "2026-02-19", "참좋은뉴스")
    assert docs["001_ab1c8048e418b7de.txt~0"] == ("정부, 중소벤처기업 스마트제조혁신 위해 3663억원 지원한다", None, "헬로티")
    assert docs["002_20230b33a54e6a6c.txt~0"] == ("산업부, 인공지능 전환(AX)으로 K-산업단지 대전환", None, "포탈뉴스통신")
    assert docs["003_74e70da491ccae5b.txt~0"][0] == "소부장 기업 애로 해소에 34억원 투자, 바이오 등 지원 확대"
    assert docs["004_b2444fe0e400fe0c.txt~0"] == ("충북도, 4개 시군과 손잡고 '제조AI센터' 유치 도전", "2025-04-26", "연합뉴스")


def test_chunks_file_is_utf8_korean_not_escaped(seed_index):
    raw = (resolve(seed_index) / CHUNKS).read_text(encoding="utf-8")
    assert "김포" in raw and "\\u" not in raw
    first = json.loads(raw.splitlines()[0])
    assert set(first) >= {"id", "doc_id", "title", "date", "outlet", "path", "text", "start", "end"}
