"""The PDF, DOCX and HWPX readers on one 공고문 the tests write in each format, and on bad files.

The notice is given once as data and written as HTML (printed to PDF by Debian's chromium through
playwright), as DOCX (python-docx) and as HWPX (zip + XML written here). Every file is made under
pytest's tmp paths; nothing is downloaded.
"""

import hashlib
import io
import random
import re
import resource
import struct
import time
import zipfile
from pathlib import Path

import pytest

from assistant.errors import IngestError
from assistant.ingest import docx as docx_reader
from assistant.ingest import hwpx as hwpx_reader
from assistant.ingest import pdf as pdf_reader
from assistant.ingest.blocks import HEADING, ROW

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update"]

TITLE = "「2026년 스마트공장 구축 지원사업」 공고"
NUMBER = "공고 번호: 중소벤처기업부 공고 제2026-123호"
INTRO = ("중소기업의 제조 경쟁력을 높이기 위하여 스마트공장 구축을 지원하고자 하오니, 지원을 희망하는 중소기업은 "
         "아래 내용을 참고하시어 기한 내에 신청하여 주시기 바랍니다. 이 문장은 여러 줄로 나뉘어 인쇄되도록 일부러 "
         "길게 쓴 문장으로, 줄들이 한 문단으로 다시 이어지는지 확인하기 위한 것입니다.")
TABLE = [["구분", "지원한도", "정부지원 비율"], ["기초", "4천만 원", "50%"], ["고도화1", "1억 원", "50%"],
         ["고도화2", "2억 원", "40%"]]
PERIOD = "접수기간: 2026. 3. 2.(월) ~ 3. 20.(금) 18:00"
SECTIONS = [  # (heading, paragraphs; None stands for the table)
    ("1. 사업개요", ["사업목적: 중소·중견 제조기업의 스마트공장 구축을 지원하여 생산성을 높입니다.",
                  "지원대상: 제조업을 영위하는 중소기업 및 중견기업"]),
    ("2. 지원내용", ["정부지원금은 유형별로 아래와 같습니다.", None]),
    ("3. 신청방법", [PERIOD, "접수방법: 스마트공장 사업관리시스템에서 온라인으로 신청합니다."]),
]
ROW_GODO1 = "구분: 고도화1 | 지원한도: 1억 원 | 정부지원 비율: 50%"
KOREAN = re.compile(r"[가-힣]")


def check_notice(ex):
    """What every reader must get out of the notice, whatever the format."""
    texts = [b.text for b in ex.blocks]
    rows = [b.text for b in ex.blocks if b.kind == ROW]
    assert any("고도화1" in r and "1억 원" in r and "지원한도" in r for r in rows), rows
    assert ROW_GODO1 in rows
    assert len(rows) == 3  # the header row names the cells and is no row of its own
    for heading, _ in SECTIONS:
        assert any(b.text == heading and b.kind == HEADING for b in ex.blocks), (heading, texts)
    assert NUMBER in texts
    assert PERIOD in texts
    assert INTRO in texts  # one paragraph again, no space lost or added
    assert ex.title == TITLE
    order = [next(i for i, t in enumerate(texts) if t == h) for h, _ in SECTIONS]
    assert order == sorted(order) and order[1] < texts.index(ROW_GODO1) < order[2]


# --- PDF (chromium) --------------------------------------------------------------------------------

def notice_html() -> str:
    body = [f"<h1>{TITLE}</h1>", f"<p>{NUMBER}</p>", f"<p>{INTRO}</p>"]
    for k, (heading, paras) in enumerate(SECTIONS):
        style = " style='page-break-before: always'" if k == 2 else ""  # section 3 on page 2
        body.append(f"<h2{style}>{heading}</h2>")
        for p in paras:
            if p is None:
                tags = ["th"] + ["td"] * (len(TABLE) - 1)  # a bordered table, header row first
                rows = ["".join(f"<{tag}>{c}</{tag}>" for c in row) for tag, row in zip(tags, TABLE)]
                body.append("<table>" + "".join(f"<tr>{r}</tr>" for r in rows) + "</table>")
            else:
                body.append(f"<p>{p}</p>")
    return page_html("".join(body), title=TITLE)


def page_html(body: str, title: str = "") -> str:
    css = ("body{font-family:'Noto Sans CJK KR',sans-serif;font-size:11pt}"
           "table{border-collapse:collapse}th,td{border:1px solid #000;padding:4px 10px}")
    head = f"<meta charset='utf-8'><title>{title}</title><style>{css}</style>"
    return f"<html><head>{head}</head><body>{body}</body></html>"


def long_html(pages: int) -> str:
    parts = []
    for i in range(1, pages + 1):
        rows = "".join(f"<tr><td>항목{i}-{k}</td><td>{k}억 원</td><td>{k * 10}%</td></tr>" for k in range(1, 5))
        parts.append(f"<h2 style='page-break-before: always'>{i}. 제{i}장 세부내용</h2>"
                     f"<p>제{i}장은 스마트공장 구축 지원사업의 세부 내용입니다.</p>"
                     f"<table><tr><th>구분</th><th>지원한도</th><th>비율</th></tr>{rows}</table>"
                     f"<p>문의처: 스마트제조혁신추진단 {i}번 창구</p>")
    return page_html("".join(parts))


LONG_ITEM = ("○ 제조 현장의 데이터를 수집·분석하여 인공지능 기반의 공정 최적화를 지원함으로써 중소 제조기업의 생산성 "
             "향상과 품질 개선, 에너지 절감을 도모하고 지역 제조업의 디지털 전환을 가속화함")
BOX = "※ 유의사항: 동일 과제로 타 부처 지원사업에 중복 신청한 경우 선정을 취소하며, 이미 지급된 정부출연금은 환수 조치함"


def layout_html() -> str:
    """A page that wraps lines and narrow table cells inside words, with a box and a page number."""
    cells = [["구분", "지원내용", "지원한도", "비고"],
             ["제조AI 솔루션 도입", "공정 데이터 수집 장비와 인공지능 분석 솔루션의 구축 비용을 지원함", "최대 2억 원",
              "총사업비의 50% 이내"]]
    table = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in cells)
    return page_html(
        "<h1 style='text-align:center'>2026년 제조AI 특화 스마트공장 지원사업 공고</h1>"
        "<p style='text-align:right'>2026. 1. 15.</p>"
        f"<p style='text-align:justify'>{LONG_ITEM}</p><div style='border:1px solid #000'>{BOX}</div>"
        "<table style='width:100%;table-layout:fixed'><col style='width:18%'><col style='width:52%'>"
        f"<col style='width:12%'><col style='width:18%'>{table}</table><p style='text-align:center'>- 3 -</p>")


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    """The notice, a layout page and a 200-page document, printed to PDF once for the module."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium fonts-noto-cjk): no PDF to test with")
    from playwright.sync_api import sync_playwright

    out = tmp_path_factory.mktemp("pdf")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        for name, html in [("notice", notice_html()), ("layout", layout_html()), ("long200", long_html(200))]:
            page.set_content(html)
            page.pdf(path=str(out / f"{name}.pdf"))
        browser.close()
    return out


def test_pdf_notice(pdfs):
    ex = pdf_reader.read((pdfs / "notice.pdf").read_bytes(), "notice.pdf")
    check_notice(ex)  # INTRO prints on 3 lines, broken after "참고하시어" and inside "이어지|는지"
    assert ex.pages == 2
    assert all(b.page in (1, 2) for b in ex.blocks)
    page_of = {b.text: b.page for b in ex.blocks}
    assert page_of[ROW_GODO1] == 1 and page_of["1. 사업개요"] == 1
    assert page_of["3. 신청방법"] == 2 and page_of[PERIOD] == 2


def test_pdf_lines_and_cells_wrapped_inside_words(pdfs):
    ex = pdf_reader.read((pdfs / "layout.pdf").read_bytes(), "layout.pdf")
    texts = [b.text for b in ex.blocks]
    assert texts[:2] == ["2026년 제조AI 특화 스마트공장 지원사업 공고", "2026. 1. 15."]  # centred, then right
    assert LONG_ITEM in texts and BOX in texts  # a boxed paragraph is no table
    assert ("구분: 제조AI 솔루션 도입 | 지원내용: 공정 데이터 수집 장비와 인공지능 분석 솔루션의 구축 비용을 지원함 | "
            "지원한도: 최대 2억 원 | 비고: 총사업비의 50% 이내") in texts
    assert len(texts) == 5  # the table's header row names the cells; the page number "- 3 -" is dropped


def test_pdf_200_pages_read_page_by_page(pdfs):
    started = time.perf_counter()
    ex = pdf_reader.read((pdfs / "long200.pdf").read_bytes(), "long200.pdf")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"200-page PDF read in {time.perf_counter() - started:.2f}s; process peak RSS {peak:.0f} MiB")
    assert ex.pages == 200
    assert len(ex.blocks) == 200 * 7  # heading, paragraph, 4 rows, paragraph on every page
    for page in (1, 100, 200):
        on_page = [b for b in ex.blocks if b.page == page]
        assert [b.kind for b in on_page].count(ROW) == 4
        assert f"구분: 항목{page}-1 | 지원한도: 1억 원 | 비율: 10%" in [b.text for b in on_page]
    assert ex.title is None  # chromium writes "about:blank" for a page without <title>


def test_scanned_pdf_needs_ocr(tmp_path):
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(img)
    font_path = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
    font = ImageFont.truetype(str(font_path), 48) if font_path.exists() else ImageFont.load_default()
    draw.text((100, 100), TITLE if font_path.exists() else "scanned notice", fill="black", font=font)
    draw.rectangle((100, 300, 1100, 600), outline="black", width=4)
    img.save(tmp_path / "scan.pdf", "PDF", resolution=150)
    with pytest.raises(IngestError, match="스캔") as err:
        pdf_reader.read((tmp_path / "scan.pdf").read_bytes(), "scan.pdf")
    assert "OCR" in err.value.reason


PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def rc4(key: bytes, data: bytes) -> bytes:
    s, j = list(range(256)), 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out, i, j = bytearray(), 0, 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def encrypted_pdf(user: bytes, owner: bytes = b"owner") -> bytes:
    """A one-page PDF under the standard security handler, revision 2 (RC4, 40-bit; PDF 1.7 §7.6.3)."""
    p, file_id = -44, b"0123456789abcdef"
    o_entry = rc4(hashlib.md5((owner + PAD)[:32]).digest()[:5], (user + PAD)[:32])
    key = hashlib.md5((user + PAD)[:32] + o_entry + struct.pack("<i", p) + file_id).digest()[:5]
    u_entry = rc4(key, PAD)
    stream = rc4(hashlib.md5(key + (4).to_bytes(3, "little") + b"\0\0").digest()[:10],
                 b"BT /F1 24 Tf 72 720 Td (Secret notice) Tj ET")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
         b"/Resources << /Font << /F1 5 0 R >> >> >>"),
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>" % (o_entry.hex().encode(), u_entry.hex().encode(),
                                                                       p),
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 6 0 R /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, file_id.hex().encode(), file_id.hex().encode(), xref)
    return bytes(out)


def test_encrypted_pdf():
    import pypdfium2

    data = encrypted_pdf(b"1234")
    doc = pypdfium2.PdfDocument(data, password="1234")  # a real encrypted PDF: it opens with the password
    assert "Secret notice" in doc[0].get_textpage().get_text_range()
    doc.close()
    with pytest.raises(IngestError, match="암호가 걸린 PDF"):
        pdf_reader.read(data, "locked.pdf")
    assert pdf_reader.read(encrypted_pdf(b""), "owner-only.pdf").blocks[0].text == "Secret notice"


# --- DOCX ------------------------------------------------------------------------------------------

def notice_docx() -> bytes:
    import docx

    doc = docx.Document()
    doc.core_properties.title = TITLE
    doc.add_heading(TITLE, 0)
    doc.add_paragraph(NUMBER)
    doc.add_paragraph(INTRO)
    for heading, paras in SECTIONS:
        doc.add_heading(heading, 1)
        for p in paras:
            if p is None:
                table = doc.add_table(rows=len(TABLE), cols=3)
                table.style = "Table Grid"
                for r, row in enumerate(TABLE):
                    for c, text in enumerate(row):
                        table.cell(r, c).text = text
            else:
                doc.add_paragraph(p)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def test_docx_notice():
    check_notice(docx_reader.read(notice_docx(), "notice.docx"))


def test_docx_merged_cells():
    import docx

    doc = docx.Document()
    table = doc.add_table(rows=3, cols=2)
    for r, row in enumerate([["구분", "지원한도"], ["고도화", "1억 원"], ["", "2억 원"]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(1, 0).merge(table.cell(2, 0))  # "고도화" spans two rows
    buf = io.BytesIO()
    doc.save(buf)
    rows = [b.text for b in docx_reader.read(buf.getvalue(), "merged.docx").blocks]
    assert rows == ["구분: 고도화 | 지원한도: 1억 원", "구분: 고도화 | 지원한도: 2억 원"]


def ole_file(*streams: str) -> bytes:
    """A minimal OLE compound file (MS-CFB, version 3) holding empty streams of the given names."""
    end, free = 0xFFFFFFFE, 0xFFFFFFFF
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) + struct.pack(
        "<HHHHH6sIIIIIIIII", 0x3E, 3, 0xFFFE, 9, 6, bytes(6), 0, 1, 1, 0, 4096, end, 0, end, 0)
    header += struct.pack("<109I", 0, *[free] * 108)
    fat = struct.pack("<128I", 0xFFFFFFFD, end, *[free] * 126)

    def entry(name: str, kind: int, right: int, child: int) -> bytes:
        raw = name.encode("utf-16-le") + b"\0\0"
        # name, its length, type, colour, left, right, child, CLSID, state, times, first sector, size
        return struct.pack("<64sHBBIII16sIQQIQ", raw, len(raw), kind, 1, free, right, child, bytes(16), 0, 0, 0,
                           end, 0)

    names = ["Root Entry", *streams]
    entries = [entry(n, 5 if i == 0 else 2, i + 1 if 0 < i < len(streams) else free, 1 if i == 0 else free)
               for i, n in enumerate(names)]
    directory = b"".join(entries).ljust(512, b"\0")
    return header + fat + directory


def test_encrypted_docx_container():
    with pytest.raises(IngestError, match="암호가 걸린 DOCX"):
        docx_reader.read(ole_file("EncryptionInfo", "EncryptedPackage"), "locked.docx")
    with pytest.raises(IngestError, match=r"\.doc"):
        docx_reader.read(ole_file("WordDocument", "1Table"), "old.docx")


def test_encrypted_docx_made_by_msoffcrypto():
    msoffcrypto = pytest.importorskip("msoffcrypto", reason="msoffcrypto-tool (test-only) is not installed")
    from msoffcrypto.format.ooxml import OOXMLFile

    locked = io.BytesIO()
    OOXMLFile(io.BytesIO(notice_docx())).encrypt("1234", locked)
    assert msoffcrypto.OfficeFile(io.BytesIO(locked.getvalue())).is_encrypted()
    with pytest.raises(IngestError, match="암호가 걸린 DOCX"):
        docx_reader.read(locked.getvalue(), "locked.docx")


# --- HWPX ------------------------------------------------------------------------------------------

NS = ('xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section" '
      'xmlns:hp="http://www.hancom.co.kr/hwpml/2011/paragraph"')


def hwpx_para(text: str, style: int = 0, inner: str = "") -> str:
    return (f'<hp:p paraPrIDRef="0" styleIDRef="{style}"><hp:run charPrIDRef="0">{inner}'
            f'<hp:t>{text}</hp:t></hp:run></hp:p>')


def hwpx_table(rows: list[list[str]], spans: dict | None = None) -> str:
    """An hp:tbl; spans maps (row, col) to (rowspan, colspan), the covered cells left out."""
    spans, covered, trs = spans or {}, set(), []
    for r, row in enumerate(rows):
        tcs = []
        for c, text in enumerate(row):
            if (r, c) in covered:
                continue
            rs, cs = spans.get((r, c), (1, 1))
            covered |= {(i, j) for i in range(r, r + rs) for j in range(c, c + cs)}
            tcs.append(f'<hp:tc><hp:subList>{hwpx_para(text)}</hp:subList><hp:cellAddr colAddr="{c}" '
                       f'rowAddr="{r}"/><hp:cellSpan colSpan="{cs}" rowSpan="{rs}"/></hp:tc>')
        trs.append("<hp:tr>" + "".join(tcs) + "</hp:tr>")
    table = f'<hp:tbl rowCnt="{len(rows)}" colCnt="{len(rows[0])}">{"".join(trs)}</hp:tbl>'
    return f'<hp:p paraPrIDRef="0" styleIDRef="0"><hp:run charPrIDRef="0">{table}<hp:t/></hp:run></hp:p>'


def hwpx_package(section: str, title: str | None = TITLE, manifest: str | None = None) -> bytes:
    meta = f"<opf:title>{title}</opf:title>" if title else ""
    hpf = ('<?xml version="1.0" encoding="UTF-8"?><opf:package xmlns:opf="http://www.idpf.org/2007/opf/">'
           f"<opf:metadata>{meta}</opf:metadata><opf:manifest>"
           '<opf:item id="header" href="Contents/header.xml" media-type="application/xml"/>'
           '<opf:item id="section0" href="Contents/section0.xml" media-type="application/xml"/></opf:manifest>'
           '<opf:spine><opf:itemref idref="header" linear="yes"/><opf:itemref idref="section0" linear="yes"/>'
           "</opf:spine></opf:package>")
    header = ('<hh:head xmlns:hh="http://www.hancom.co.kr/hwpml/2011/head"><hh:refList><hh:styles itemCnt="2">'
              '<hh:style id="0" type="PARA" name="바탕글" engName="Normal"/>'
              '<hh:style id="2" type="PARA" name="개요 1" engName="Outline 1"/></hh:styles></hh:refList></hh:head>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/hwp+zip", compress_type=zipfile.ZIP_STORED)
        zf.writestr("META-INF/container.xml",
                    '<ocf:container xmlns:ocf="urn:oasis:names:tc:opendocument:xmlns:container"><ocf:rootfiles>'
                    '<ocf:rootfile full-path="Contents/content.hpf" media-type="application/hwpml-package+xml"/>'
                    "</ocf:rootfiles></ocf:container>")
        if manifest:
            zf.writestr("META-INF/manifest.xml", manifest)
        zf.writestr("Contents/content.hpf", hpf)
        zf.writestr("Contents/header.xml", header)
        zf.writestr("Contents/section0.xml",
                    f'<?xml version="1.0" encoding="UTF-8"?><hs:sec {NS}>{section}</hs:sec>')
    return buf.getvalue()


def notice_hwpx() -> bytes:
    page_header = f'<hp:ctrl><hp:header><hp:subList>{hwpx_para("머리말: 중소벤처기업부")}</hp:subList></hp:header></hp:ctrl>'
    body = [hwpx_para(TITLE, inner=page_header), hwpx_para(NUMBER), hwpx_para(INTRO)]
    for heading, paras in SECTIONS:
        body.append(hwpx_para(heading, style=2))
        for p in paras:
            if p is None:
                body.append(hwpx_table(TABLE))
            else:  # a tab after the label, as Hangul users type it
                body.append(hwpx_para(p.replace(": ", ":<hp:tab/>", 1)))
    return hwpx_package("".join(body))


def test_hwpx_notice():
    ex = hwpx_reader.read(notice_hwpx(), "notice.hwpx")
    check_notice(ex)
    assert not any("머리말" in b.text for b in ex.blocks)  # the page header is page chrome


def test_hwpx_merged_cells_and_text_box():
    rows = [["구분", "지원한도"], ["고도화", "1억 원"], ["", "2억 원"]]
    box = f'<hp:rect><hp:drawText><hp:subList>{hwpx_para("※ 문의: 1357")}</hp:subList></hp:drawText></hp:rect>'
    section = hwpx_table(rows, spans={(1, 0): (2, 1)}) + hwpx_para("", inner=box)
    ex = hwpx_reader.read(hwpx_package(section, title=None), "merged.hwpx")
    assert [b.text for b in ex.blocks] == ["구분: 고도화 | 지원한도: 1억 원", "구분: 고도화 | 지원한도: 2억 원",
                                           "※ 문의: 1357"]
    assert ex.title is None


def _scalar_conditions(doc) -> set:
    """(field, op, value) of a document's conditions whose value is a number or a string."""
    return {(c["field"], c["op"], c["value"]) for c in doc.facts["conditions"] if not isinstance(c["value"], (list, dict))}


def test_an_hwpx_section_saved_on_its_own_and_a_toml_programme_list(tmp_path):
    """"section0.xml" unzipped from an HWPX package (.xml) is read as the package's body; a TOML data
    file's [[programme]] tables are documents, as a .json response's records; broken ones say why."""
    from assistant.ingest import CorpusFile, read_documents

    rows = [["구분", "내용"], ["신청자격", "김포시에 공장을 둔 제조 중소기업"], ["", "상시근로자 10인 이상"]]
    section = hwpx_para("2026년 김포시 근골격계 예방 설비 지원사업 공고") + hwpx_table(rows, spans={(1, 0): (2, 1)})
    xml = tmp_path / "section0.xml"
    xml.write_text(f'<?xml version="1.0" encoding="UTF-8"?><hs:sec {NS}>{section}</hs:sec>', encoding="utf-8")
    (doc,) = read_documents(CorpusFile(path=xml, rel=xml.name, shown=str(xml)))
    assert "구분: 신청자격 | 내용: 상시근로자 10인 이상" in doc.text
    assert ("employees", ">=", 10) in _scalar_conditions(doc)
    other = tmp_path / "other.xml"  # neither a feed nor a section: read for its text like any other XML
    other.write_text('<?xml version="1.0"?><catalog><book>책</book></catalog>', encoding="utf-8")
    with pytest.raises(IngestError, match="본문이 남지 않았습니다"):
        read_documents(CorpusFile(path=other, rel=other.name, shown=str(other)))
    toml = tmp_path / "programmes.toml"
    toml.write_text('title = "지원사업 목록"\n[[programme]]\nname = "2026년 김포시 스마트공장 지원사업"\n'
                    'eligibility = """\n- 김포시에 공장을 둔 제조 중소기업\n- 상시근로자 10인 이상\n"""\n'
                    'deadline = 2026-03-20\n[[programme]]\nname = "2026년 김해시 설비 지원사업"\n'
                    'eligibility = "김해시 소재 제조기업, 2025년 매출액 50억 원 이하"\n', encoding="utf-8")
    gimpo, gimhae = read_documents(CorpusFile(path=toml, rel=toml.name, shown=str(toml)))
    assert (gimpo.title, gimpo.date, gimhae.title) == ("2026년 김포시 스마트공장 지원사업", "2026-03-20",
                                                       "2026년 김해시 설비 지원사업")
    assert ("revenue", "<=", 5_000_000_000) in _scalar_conditions(gimhae)
    broken = tmp_path / "broken.toml"
    broken.write_text('name = "따옴표가 안 닫힘\n', encoding="utf-8")
    with pytest.raises(IngestError, match="TOML 형식이 잘못되었습니다"):
        read_documents(CorpusFile(path=broken, rel=broken.name, shown=str(broken)))


def test_hwpx_errors():
    manifest = ('<odf:manifest xmlns:odf="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
                '<odf:file-entry full-path="Contents/section0.xml" media-type="application/xml">'
                '<odf:encryption-data checksum-type="sha256-1k" checksum="x"/></odf:file-entry></odf:manifest>')
    with pytest.raises(IngestError, match="암호가 걸린 HWPX"):
        hwpx_reader.read(hwpx_package(hwpx_para("본문"), manifest=manifest), "locked.hwpx")
    with pytest.raises(IngestError, match="본문 텍스트가 없습니다"):
        hwpx_reader.read(hwpx_package(hwpx_para("")), "empty.hwpx")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("mimetype", "application/hwp+zip")
    with pytest.raises(IngestError, match="HWPX 파일을 읽을 수 없습니다"):
        hwpx_reader.read(buf.getvalue(), "no-sections.hwpx")
    with pytest.raises(IngestError, match=r"\.hwp로"):
        hwpx_reader.read(ole_file("FileHeader"), "binary.hwpx")


# --- every reader ----------------------------------------------------------------------------------

@pytest.mark.parametrize("reader", [pdf_reader, docx_reader, hwpx_reader], ids=lambda m: m.SUFFIXES[0])
def test_renamed_binary(reader):
    data = random.Random(7).randbytes(8192)
    with pytest.raises(IngestError) as err:
        reader.read(data, "random" + reader.SUFFIXES[0])
    assert KOREAN.search(err.value.reason)


@pytest.mark.parametrize("reader", [pdf_reader, docx_reader, hwpx_reader], ids=lambda m: m.SUFFIXES[0])
def test_another_format_renamed(reader):
    """A valid file of another format (here a DOCX or an HWPX) under the wrong suffix."""
    data = notice_docx() if reader is not docx_reader else notice_hwpx()
    with pytest.raises(IngestError) as err:
        reader.read(data, "wrong" + reader.SUFFIXES[0])
    assert KOREAN.search(err.value.reason)


def test_truncated_pdf(pdfs):
    data = (pdfs / "notice.pdf").read_bytes()
    with pytest.raises(IngestError, match="PDF 파일을 열 수 없습니다"):
        pdf_reader.read(data[:2000], "truncated.pdf")



# -- end to end: the same notice in three formats, indexed and asked -------------------------

def test_a_row_of_the_table_answers_in_every_format(pdfs, tmp_path):
    """"고도화1 지원한도는?" is answered with the row's amount, citing the row, whichever format
    the notice came in (and the PDF's citation gives its page)."""
    import assistant
    from assistant import build_index, store

    for name, data in (("notice.pdf", (pdfs / "notice.pdf").read_bytes()), ("notice.docx", notice_docx()),
                       ("notice.hwpx", notice_hwpx())):
        corpus = tmp_path / name.replace(".", "-") / "corpus"
        corpus.mkdir(parents=True)
        (corpus / name).write_bytes(data)
        index = corpus.parent / "index"
        build_index(corpus, index)
        ans = assistant.load(index).ask("고도화1 지원한도는?")
        assert not ans.abstained, name
        assert ans.answer.startswith("1억 원"), (name, ans.answer)
        first = ans.citations[0]
        assert "고도화1" in first.passage and first.highlight == "1억 원", name
        assert first.title == "2026년 스마트공장 구축 지원사업" and first.section == "2. 지원내용", name
        if name.endswith(".pdf"):
            assert first.page == 1 and ans.to_dict()["citations"][0]["page"] == 1
        # the notice's facts are read once, at index time, and kept in the manifest
        facts = store.read_manifest(index).files[name].facts[f"{name}~0"]
        assert facts["number"] == "제2026-123호" and facts["deadline"] == "2026-03-20T18:00", (name, facts)


def test_a_page_whose_data_holds_what_it_shows_is_read_from_its_data(tmp_path):
    """A Next.js page renders one tab of two programmes; its __NEXT_DATA__ holds both: each is a document
    with its own conditions. A page whose script holds only menus is read as the page it shows."""
    import json as _json

    from assistant.ingest import CorpusFile, read_documents

    programs = [{"title": "2026년 광주광역시 스마트공장 구축 지원사업",
                 "eligibility": ["공고일 현재 광주광역시에 본사와 공장을 모두 둔 제조 중소기업", "규모: 상시근로자 10인 이상"],
                 "exclusions": ["국세·지방세 체납 기업"],
                 "notes": ["스마트공장 수준확인, 사후관리, 컨설팅 지원은 구축 이력으로 보지 않습니다.",
                           "공정자동화 설비, 산업안전 설비, 시험·인증 바우처 등 다른 지원사업 이력은 신청에 영향이 없습니다."]},
                {"title": "2026년 광주광역시 자동화 설비 도입 지원사업",
                 "eligibility": ["공고일 현재 광주광역시에 공장을 둔 제조기업", "규모: 상시근로자 5인 이상 50인 미만"],
                 "exclusions": ["2024~2025년 광주광역시 공정자동화 설비 지원사업 수혜 기업"],
                 "notes": ["스마트공장 구축 지원 이력은 무관하며, 스마트공장 구축 지원사업과 동시에 신청할 수 있습니다.",
                           "ISO 14001·ISO 45001만 보유한 경우는 인증 요건을 충족하지 않습니다."]}]
    data = {"props": {"pageProps": {"notice": {"title": "2026년 광주광역시 제조혁신 통합공고", "programs": programs}}}}
    shown = "".join(f"<li>{x}</li>" for x in programs[0]["eligibility"] + programs[0]["exclusions"] + programs[0]["notes"])
    page = (f"<html><head><title>제조혁신 통합공고</title></head><body><main><h1>{programs[0]['title']}</h1>"
            f"<h3>신청 자격</h3><ul>{shown}</ul></main>"
            f'<script id="__NEXT_DATA__" type="application/json">{_json.dumps(data, ensure_ascii=False)}</script>'
            "</body></html>")
    path = tmp_path / "tabs.html"
    path.write_text(page, encoding="utf-8")
    build, automation = read_documents(CorpusFile(path=path, rel=path.name, shown=str(path)))
    assert (build.title, automation.title) == (programs[0]["title"], programs[1]["title"])
    bounds = {(c["op"], c["value"]) for c in automation.facts["conditions"] if c["field"] == "employees"}
    assert bounds == {(">=", 5), ("<", 50)}
    assert any(c["field"] == "prior_support" and c["op"] == "excludes" for c in automation.facts["conditions"])
    menus = {"menu": [{"label": "공지사항"}, {"label": "사업안내"}] * 40}
    plain = page.split('<script id="__NEXT_DATA__"')[0] + (
        f'<script type="application/json">{_json.dumps(menus, ensure_ascii=False)}</script></body></html>')
    other = tmp_path / "menus.html"
    other.write_text(plain, encoding="utf-8")
    (doc,) = read_documents(CorpusFile(path=other, rel=other.name, shown=str(other)))
    assert "상시근로자 10인 이상" in doc.text


def test_an_excel_programme_list_is_a_document_per_row(tmp_path):
    """A portal's search results saved as .xlsx (a title line above the table, a date cell, a cell of
    several lines): each row a document, read as a .csv export's rows are; a damaged workbook says why."""
    from datetime import datetime as _dt

    from openpyxl import Workbook

    from assistant.ingest import CorpusFile, read_documents

    book = Workbook()
    sheet = book.active
    sheet.append(["지원사업 검색결과 목록"])
    sheet.append(["사업명", "신청자격", "접수마감", "소관기관"])
    sheet.append(["2026년 김포시 스마트공장 지원사업", "김포시에 공장을 둔 제조 중소기업\n상시근로자 10인 이상",
                  _dt(2026, 3, 20), "김포시"])
    sheet.append(["2026년 김해시 설비 지원사업", "김해시 소재 제조기업, 2025년 매출액 50억 원 이하", _dt(2026, 4, 3), "김해시"])
    path = tmp_path / "programmes.xlsx"
    book.save(path)
    gimpo, gimhae = read_documents(CorpusFile(path=path, rel=path.name, shown=str(path)))
    assert gimpo.title == "2026년 김포시 스마트공장 지원사업" and "2026-03-20" in gimpo.text
    assert ("employees", ">=", 10) in _scalar_conditions(gimpo)
    assert ("revenue", "<=", 5_000_000_000) in _scalar_conditions(gimhae)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not a workbook")
    with pytest.raises(IngestError, match="엑셀"):
        read_documents(CorpusFile(path=broken, rel=broken.name, shown=str(broken)))


def test_a_text_file_of_a_type_no_reader_knows_is_read_as_text_and_a_binary_one_is_refused(tmp_path):
    from assistant.ingest import CorpusFile, read_documents

    svg = tmp_path / "poster.svg"  # an SVG poster: one line per <text>, its styled runs joined; no style sheet
    svg.write_text(
        '<?xml version="1.0" encoding="utf-8"?><svg xmlns="http://www.w3.org/2000/svg"><style>.st0{fill:#0B3C7A;}</style>'
        '<title>2026년 김포시 금형 수리 지원사업</title><g><rect width="10" height="10"/>'
        '<text><tspan x="0">상시근로자 </tspan><tspan x="150">5인 이상 100인 미만</tspan></text>'
        '<text>김포시에 공장이 있는 제조기업이 신청할 수 있습니다.</text></g></svg>', encoding="utf-8")
    (doc,) = read_documents(CorpusFile(path=svg, rel=svg.name, shown=str(svg)))
    assert "상시근로자 5인 이상 100인 미만" in doc.text.split("\n")
    assert "fill:" not in doc.text and "김포시에 공장이 있는 제조기업이 신청할 수 있습니다." in doc.text
    tex = tmp_path / "notice.tex"  # LaTeX source, CP949 as many Korean files are: read as a page
    tex.write_bytes("\\section{신청자격}\n김해시에 사업장을 둔 제조 중소기업으로 상시근로자 10인 이상인 기업은 신청할 수 있습니다.\n"
                    .encode("cp949"))
    (doc,) = read_documents(CorpusFile(path=tex, rel=tex.name, shown=str(tex)))
    assert "김해시에 사업장을 둔 제조 중소기업" in doc.text
    video = tmp_path / "clip.mp4"
    video.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 8)
    with pytest.raises(IngestError, match="지원하지 않는 형식.*\\.mp4"):
        read_documents(CorpusFile(path=video, rel=video.name, shown=str(video)))


def test_a_csv_whose_rows_name_no_programme_is_one_document(tmp_path):
    from assistant.ingest import CorpusFile, read_documents

    path = tmp_path / "compare.csv"
    path.write_text("2026년 공정 고도화 지원사업 신청자격 비교표,,,\n"
                    "구분,세부항목,2026년(올해),비고\n소재지,공장 소재지,부산광역시 전역,본사와 공장 모두\n"
                    "규모,상시근로자,10인 이상 100인 미만,대표자 제외\n", encoding="utf-8")
    (doc,) = read_documents(CorpusFile(path=path, rel=path.name, shown=str(path)))
    assert doc.title == "2026년 공정 고도화 지원사업 신청자격 비교표"
    assert "| 규모 | 상시근로자 | 10인 이상 100인 미만 | 대표자 제외 |" in doc.text.split("\n")


def test_a_gettext_catalog_is_read_as_its_source_sentences(tmp_path):
    from assistant.ingest import CorpusFile, read_documents

    po = tmp_path / "notice.po"
    po.write_text('# 번역 카탈로그\nmsgid ""\nmsgstr ""\n"Language: en\\n"\n\n'
                  '#: notice.html:3\nmsgid "2026년 광산구 제조기업 안전표지 제작 지원사업"\nmsgstr "2026 Gwangsan-gu Safety Signs"\n\n'
                  '#, fuzzy\nmsgid ""\n"상시근로자 5인 이상 50인 미만인 "\n"제조기업이 신청할 수 있습니다."\n'
                  'msgstr "Manufacturers with 10 to 49 employees"\n\n'
                  '#~ msgid "상시근로자 10인 이상"\n#~ msgstr "10 or more employees"\n', encoding="utf-8")
    (doc,) = read_documents(CorpusFile(path=po, rel=po.name, shown=str(po)))
    assert doc.title == "2026년 광산구 제조기업 안전표지 제작 지원사업"
    assert "상시근로자 5인 이상 50인 미만인 제조기업이 신청할 수 있습니다." in doc.text.split("\n")
    assert "employees" not in doc.text and "10인 이상" not in doc.text  # translations and obsolete entries left out
