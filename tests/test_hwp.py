"""The HWP 5 reader on real files made by Hangul (tests/data/hwp, from hwplib, Apache-2.0)."""

import random
from pathlib import Path

import pytest

from assistant.errors import IngestError
from assistant.ingest import hwp
from assistant.ingest.blocks import HEADING, PARAGRAPH, ROW, is_heading

HWP = Path(__file__).resolve().parent / "data" / "hwp"
READABLE = [
    "nts_ruling_table_2021.hwp",
    "nts_ruling_table_2008.hwp",
    "simple_table.hwp",
    "merged_cells_table.hwp",
]


def read(name):
    return hwp.read((HWP / name).read_bytes(), name)


def texts(ex, kind):
    return [b.text for b in ex.blocks if b.kind == kind]


@pytest.fixture
def grids(monkeypatch):
    """The cell grids the reader hands to table_rows, one per table."""
    seen, table_rows = [], hwp.table_rows

    def spy(rows, page=None):
        seen.append(rows)
        return table_rows(rows, page)

    monkeypatch.setattr(hwp, "table_rows", spy)
    return seen


def test_suffix():
    assert hwp.SUFFIXES == (".hwp",)


def test_nts_2021_table_facts_then_numbered_sections():
    ex = read("nts_ruling_table_2021.hwp")
    rows = texts(ex, ROW)
    assert rows[:4] == [
        "[ 문서번호 ] | 사전-2021-법령해석법인-0344(2021.06.21) | [ 세목 ] | 법인",
        "[ 납세자회신번호 ] | 법령해석과-2147",
        "[ 제 목 ]",
        "성실신고 확인서 제출대상 법인에 해당하는지 여부",
    ]
    assert "[ 요 지 ]" in rows and "[ 답변내용 ]" in rows
    assert rows[-1] == "[ 관련법령 ] | 법인세법 제60조의2"
    assert rows[rows.index("[ 답변내용 ]") + 1].startswith("귀 사전답변 신청의 사실관계와 같이")
    # the table comes first, then the sections, in document order
    kinds = [b.kind for b in ex.blocks]
    assert kinds[: len(rows)] == [ROW] * len(rows)
    assert texts(ex, HEADING) == ["1. 사실관계", "2. 질의요지", "3. 관련 법령"]
    paras = texts(ex, PARAGRAPH)
    assert paras[0] == (
        "○ A법인은 부동산임대업* 영위법인으로 ’20년 임대목적주택을 처분**함에 따라 "
        "주택처분이익이 발생하였고"
    )
    assert "○ 법인세법 제60조의2 【성실신고확인서 제출】" in paras
    assert paras[-1].startswith("③ 법 제138조제1항에서 \"부동산임대업을 주업으로 하는 법인\"")
    # property 2 of \x05HwpSummaryInformation: this file's (left over from an older document)
    assert ex.title == "유류매출인지 운송대행인지 여부"
    assert ex.pages is None and all(b.page is None for b in ex.blocks)


def test_nts_2008_table_facts():
    ex = read("nts_ruling_table_2008.hwp")
    # this file has nothing outside its table: the whole ruling is table rows
    assert [b.kind for b in ex.blocks] == [ROW] * 8
    assert texts(ex, ROW) == [
        "[ 문서번호 ] | 법규양도2008-0091 (2008.12.26.) | 세목 | 양도",
        "[ 제 목 ]",
        "상가를 구분 소유한 자 들이 공동으로 상가를 재건축하는 경우 양도소득세 과세 여부",
        "[ 요 지 ]",
        (
            "상가(그 부수토지 포함) 1동을 구분 소유하는 자들이 공동으로 상가를 재건축하는 경우 "
            "「소득세법」제88조에서 규정하는 양도에 해당함"
        ),
        "[ 답변내용 ]",
        (
            "상가(그 부수토지 포함) 1동을 구분 소유하는 자들이 공동으로 상가를 재건축하여 일부는 "
            "기존 상가 소유자들의 소유로 하고 나머지 부분을 분양하고자 기존 상가(그 부수토지 "
            "포함)를 공동사업에 현물출자하는 경우 「소득세법」제88조에서 규정하는 양도에 해당하여 "
            "양도소득세가 과세되는 것입니다."
        ),
        "[ 관련법령 ] | 소득세법 제88조【양도의 정의】",
    ]
    assert ex.title is None  # the summary title is empty


def test_merged_cells_are_placed_once_at_their_top_left(grids):
    read("nts_ruling_table_2021.hwp")
    (grid,) = grids
    assert (len(grid), len(grid[0])) == (13, 38)  # TABLE record: 13 rows × 38 columns
    row = next(r for r in grid if r[0] == "[ 문서번호 ]")
    filled = [(i, c) for i, c in enumerate(row) if c]
    assert filled == [
        (0, "[ 문서번호 ]"),
        (10, "사전-2021-법령해석법인-0344(2021.06.21)"),  # the others are spanned
        (29, "[ 세목 ]"),
        (34, "법인"),
    ]
    cells = [c for r in grid for c in r if c]
    assert len(cells) == len(set(cells))


def test_simple_table_rows_in_order(grids):
    ex = read("simple_table.hwp")
    # the 3×3 table, then an empty 1×2 one; the caption "표 <auto number>" is dropped
    assert grids[0] == [
        ["ABC\n123", "DEF", "GHI"],  # a cell of two paragraphs
        ["LMN", "OPQ", "STR"],
        ["UVM", "123", "456"],
    ]
    assert grids[1] == [["", ""]]
    assert [(b.kind, b.text) for b in ex.blocks] == [
        (ROW, "ABC 123: LMN | DEF: OPQ | GHI: STR"),
        (ROW, "ABC 123: UVM | DEF: 123 | GHI: 456"),
    ]


def test_seven_by_seven_table_every_cell_once_in_row_order(grids):
    ex = read("merged_cells_table.hwp")
    labels = [f"{r},{c}" for r in range(7) for c in range(7)]
    assert [c for row in grids[0] for c in row] == labels
    rows = texts(ex, ROW)  # a grid of values has no header row: each row is its cells, every cell once
    assert len(rows) == 7
    assert rows[0] == "0,0 | 0,1 | 0,2 | 0,3 | 0,4 | 0,5 | 0,6"
    assert [c for row in rows for c in row.split(" | ")] == labels


@pytest.mark.parametrize("name", READABLE)
def test_no_control_characters_leak(name):
    ex = read(name)
    for text in [b.text for b in ex.blocks] + [ex.title or ""]:
        assert not [ch for ch in text if ord(ch) < 32 or ch == "\ufffd"], text
        assert text == text.strip()


def test_distribution_protected_is_refused():
    with pytest.raises(IngestError) as err:
        read("distribution_protected.hwp")
    assert "배포용" in err.value.reason
    assert "PDF" in err.value.reason
    assert "상위 버전" not in str(err.value)  # the notice shown instead of the body is not content


def _corrupt_cases():
    sample = (HWP / "simple_table.hwp").read_bytes()
    rnd = random.Random(7)
    return {
        "empty": b"",
        "random": bytes(rnd.getrandbits(8) for _ in range(4096)),
        "truncated header": sample[:1000],
        "truncated half": sample[: len(sample) // 2],
        "text renamed": "공고문 본문입니다.\n".encode() * 200,
    }


@pytest.mark.parametrize("case", list(_corrupt_cases()))
def test_corrupt_or_foreign_bytes_raise_ingest_error(case, tmp_path):
    path = tmp_path / "bad.hwp"
    path.write_bytes(_corrupt_cases()[case])
    with pytest.raises(IngestError) as err:
        hwp.read(path.read_bytes(), str(path))
    assert "HWP 파일을 읽을 수 없습니다" in err.value.reason
    assert err.value.path == str(path)


def test_flipped_bytes_never_escape_as_other_errors():
    sample = bytearray((HWP / "merged_cells_table.hwp").read_bytes())
    rnd = random.Random(3)
    for _ in range(200):
        data = bytearray(sample)
        for _ in range(rnd.randint(1, 20)):
            data[rnd.randrange(len(data))] = rnd.getrandbits(8)
        try:
            hwp.read(bytes(data), "x.hwp")
        except IngestError:
            pass


def test_old_and_misnamed_formats_get_their_own_message():
    with pytest.raises(IngestError, match="HWP 3.0 이하"):
        hwp.read(b"HWP Document File V3.00 \x1a\x01\x02\x03\x04\x05" + bytes(2000), "old.hwp")
    with pytest.raises(IngestError, match="HWPX"):
        hwp.read(b"PK\x03\x04" + bytes(2000), "x.hwp")


def test_paragraph_text_controls():
    def units(*parts):
        out = b""
        for p in parts:
            if isinstance(p, int):
                p = p.to_bytes(2, "little")
            out += p.encode("utf-16le") if isinstance(p, str) else p
        return out

    def ext(code):  # an 8-unit control: the code, a ctrl id ("secd" reversed), 4 units, the code
        return units(code, b"dces", 0, 0, 0, 0, code)

    data = units(ext(2), "가", 9, 0, 0, 0, 0, 0, 0, 9, "나", 10, "다", 24, "라", 31, "마",
                 ext(11), ext(18), 30, "바", 13)
    assert hwp._para_text(data) == "가 나 다-라 마 바"
    assert hwp._para_text(units("끝", 13, "버림")) == "끝"


@pytest.mark.parametrize(
    "text, heading",
    [
        ("1. 사업개요", True),
        ("가. 지원대상", True),
        ("Ⅰ. 사업 목적", True),
        ("□ 신청방법", True),
        ("1. 지원한도는 1억 원입니다.", False),
        ("3. 해당 사업연도의 상시근로자 수가 5명 미만일 것", False),
        ("나. 「소득세법」 제16조제1항에 따른 이자소득의 금액", False),
        ("1. 신청기간: 2024.3.1 ~ 3.31", False),
        ("사업개요", False),
    ],
)
def test_heading_rule(text, heading):
    assert is_heading(text) is heading
