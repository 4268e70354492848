"""The Gradio chat: handler called directly, the app driven by gradio_client (8 concurrent
sessions), and a real headless Chromium (Debian's) driven by Playwright."""

import shutil
import socket
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import CORPUS, PAGES

from assistant.service import Service

CHROMIUM = "/usr/bin/chromium"
CHROME_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update"]


@pytest.fixture(scope="module")
def ui_module(seed_index, tmp_path_factory):
    """ui.py with its service on a private copy of the corpus and index."""
    import ui

    base = tmp_path_factory.mktemp("ui")
    shutil.copytree(CORPUS, base / "corpus")
    shutil.copytree(seed_index, base / "index")
    original = ui.service
    ui.service = Service(base / "corpus", base / "index")
    ui.service.ensure_index()
    yield ui
    ui.service = original


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def app_url(ui_module):
    port = _free_port()
    ui_module.demo.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, share=False,
                          quiet=True, css=ui_module.CSS, footer_links=[])
    yield f"http://127.0.0.1:{port}/"
    ui_module.demo.close()


def test_handler_answers_with_sources(ui_module):
    history, sources, cleared, _ = ui_module.respond("What's the max support in Gimpo?", [], 5)
    assert cleared == ""
    assert history[0] == {"role": "user", "content": "What's the max support in Gimpo?"}
    assert "5,000만 원" in history[1]["content"]
    assert "<mark>5,000만 원</mark>" in sources and "김포시, 스마트공장 구축 종합지원 본격 추진" in sources
    assert "참좋은뉴스 · 2026-02-19" in sources


def test_handler_escapes_markup_and_reports_empty_questions(ui_module):
    history, _, _, _ = ui_module.respond("<script>alert(1)</script> **굵게**", [], 5)
    assert "<script>" not in history[0]["content"] and "&lt;script&gt;" in history[0]["content"]
    assert "\\*\\*" in history[0]["content"]  # markdown shown literally
    history, sources, _, _ = ui_module.respond("   ", [], 5)
    assert "질문을 입력해 주세요" in history[-1]["content"] and "근거 문단이 여기에" in sources


def test_abstention_is_shown_as_such(ui_module):
    history, sources, _, _ = ui_module.respond("부산시 스마트공장 최대 지원금은?", [], 3)
    assert "답을 찾지 못했습니다" in history[-1]["content"]
    assert "가까운 문단 (답은 아님)" in sources


def test_documents_panel_lists_stories(ui_module):
    rows = ui_module.documents_table()
    gimpo = [r for r in rows if r[0].startswith("김포시")]
    assert gimpo and gimpo[0][1:3] == ["참좋은뉴스", "2026-02-19"] and gimpo[0][3] >= 1


def test_bad_upload_gets_a_korean_message_and_loses_nothing(ui_module, tmp_path):
    bad = tmp_path / "scan.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(200)))
    before = len(ui_module.service.qa.index.chunks)
    message, rows = ui_module.add_documents([str(bad)], progress=lambda *a, **k: None)
    message = message.replace("\\", "")  # the markdown escapes, as the page shows it
    assert "scan.txt" in message and "바이너리" in message and "기존 색인은 그대로" in message
    assert len(ui_module.service.qa.index.chunks) == before
    assert not (ui_module.service.corpus_dir / "scan.txt").exists()


def test_gradio_client_eight_concurrent_sessions(app_url):
    from gradio_client import Client

    questions = [("김포 스마트공장 최대 지원금은?", "5,000만 원"), ("What's the max support in Gimpo?", "5,000만 원"),
                 ("김포시 스마트공장 신청 마감은 언제인가요?", "3월 20일"), ("삼성전자 스마트공장 3.0은 몇 개 중소기업을 지원하나요?", "600개"),
                 ("AX 실증산단 구축사업의 총 국비 지원 규모는?", "1,400억원")]

    def session(_):
        client = Client(app_url, verbose=False)
        got = []
        for q, expected in questions:
            history, sources, _ = client.predict(q, [], 5, api_name="/ask")
            content = history[-1]["content"]  # gradio 6 sends message content as [{"type": "text", "text": ...}]
            text = "".join(part.get("text", "") for part in content) if isinstance(content, list) else content
            got.append(expected in text and "<mark>" in sources)
        return got

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = [ok for got in pool.map(session, range(8)) for ok in got]
    assert len(results) == 40 and all(results)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium fonts-noto-cjk)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROME_ARGS)
        yield b
        b.close()


def _ask(page, question):
    box = page.get_by_label("질문", exact=True)
    box.fill(question)
    page.get_by_role("button", name="질문하기").click()


def test_browser_gimpo_question_sources_and_screenshot(browser, app_url, tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(app_url)
    _ask(page, "What's the max support in Gimpo?")
    page.get_by_text("KRW 50 million (5,000만 원) —").first.wait_for(timeout=60_000)
    summary = page.locator("details.source summary").first
    assert "김포시, 스마트공장 구축 종합지원 본격 추진" in summary.inner_text()
    passage = page.locator("details.source .passage").first
    assert passage.is_visible() and "과제당 최대" in passage.inner_text()
    assert page.locator("details.source mark").first.inner_text() == "5,000만 원"
    page.locator("details.source summary").nth(1).click()  # open another source
    assert page.locator("details.source .passage").nth(1).is_visible()
    shot = tmp_path / "chat.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 20_000

    _ask(page, "<img src=x onerror=alert(1)>")
    page.get_by_text("<img src=x onerror=alert(1)>").first.wait_for(timeout=60_000)  # shown literally
    time.sleep(1)
    assert dialogs == [] and page.evaluate("document.querySelectorAll('img[src=\"x\"]').length") == 0
    page.close()


def test_browser_follow_up_questions_stay_on_gimpo(browser, app_url):
    """The three-turn 김포 conversation, then an English follow-up: each answer cites the 김포
    article; the English one states its fact in English."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(app_url)
    turns = [("김포 스마트공장 최대 지원금은?", "5,000만 원 —"), ("신청 마감은?", "3월 20일 18시 —"),
             ("몇 개 기업 뽑아?", "7개사 —"), ("How many companies will be selected?", "7 companies (7개사) —")]
    for question, expected in turns:
        _ask(page, question)
        page.get_by_text(expected).first.wait_for(timeout=60_000)
        summary = page.locator("details.source summary").first.inner_text()
        assert "김포시, 스마트공장 구축 종합지원 본격 추진" in summary, (question, summary)
    page.get_by_role("button", name="대화 지우기").click()
    _ask(page, "신청 마감은?")  # a new chat has no subject: the question is asked alone
    page.get_by_text("신청 마감은?").first.wait_for(timeout=60_000)
    page.close()


def test_browser_upload_then_ask(browser, app_url, tmp_path):
    article = tmp_path / "ulsan_ai.html"
    shutil.copy(PAGES / "techweek.html", article)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(app_url)
    # in the same upload: a scanned PDF (an image, no text layer) and a damaged HWP
    from PIL import Image

    scan = tmp_path / "scan.pdf"
    Image.new("RGB", (600, 800), "white").save(scan, "PDF")
    broken = tmp_path / "broken.hwp"
    broken.write_bytes((PAGES.parent / "hwp" / "simple_table.hwp").read_bytes()[:3000])
    page.get_by_text("문서 추가 (.txt .md .html .pdf .hwp .hwpx .docx .json .csv)").click()
    page.locator("input[type=file][multiple]").set_input_files([str(article), str(scan), str(broken)])
    page.get_by_text("ulsan_ai.html").first.wait_for(timeout=30_000)
    page.get_by_role("button", name="추가하고 색인하기").click()
    page.get_by_text("추가하고 색인했습니다").wait_for(timeout=120_000)
    status = page.get_by_text("scan.pdf:").first.inner_text()
    assert "스캔" in status and "건너뛰었고" in status
    assert "HWP" in page.get_by_text("broken.hwp:").first.inner_text()
    assert "Invalid file" not in page.content()  # no English toast from Gradio's own check
    _ask(page, "울산시 AI 품질검사 실증은 기업당 최대 얼마를 지원하나요?")
    page.get_by_text("4천만 원 —").first.wait_for(timeout=60_000)
    assert "울산시, 제조 현장 AI 품질검사 실증 지원" in page.locator("details.source summary").first.inner_text()
    page.close()


def test_programme_table_in_the_ui(browser, app_url):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(app_url)
    page.get_by_text("지원사업", exact=True).click()
    page.get_by_text("김포시, 스마트공장 구축 종합지원 본격 추진").last.wait_for(timeout=30_000)
    for column in ("사업", "지역", "주관", "최대 지원금", "신청 마감", "출처"):
        assert page.get_by_text(column, exact=True).count() >= 1, column
    assert page.get_by_text("5,000만 원", exact=True).count() >= 1
    page.close()


def test_host_and_port_from_our_settings_or_gradios(ui_module, monkeypatch):
    for name in ("ASSISTANT_HOST", "ASSISTANT_PORT", "GRADIO_SERVER_NAME", "GRADIO_SERVER_PORT"):
        monkeypatch.delenv(name, raising=False)
    args = ui_module.parse_args([])
    assert (args.host, args.port) == ("127.0.0.1", 7860)
    monkeypatch.setenv("GRADIO_SERVER_NAME", "0.0.0.0")
    monkeypatch.setenv("GRADIO_SERVER_PORT", "8080")
    assert (ui_module.parse_args([]).host, ui_module.parse_args([]).port) == ("0.0.0.0", 8080)
    monkeypatch.setenv("ASSISTANT_PORT", "9000")
    assert ui_module.parse_args([]).port == 9000 and ui_module.parse_args(["--port", "7000"]).port == 7000


def test_a_clicked_example_is_asked_at_once(browser, app_url):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(app_url)
    page.get_by_text("김포시 스마트공장 신청 마감은 언제인가요?", exact=True).first.click()
    page.get_by_text("3월 20일 18시 —").first.wait_for(timeout=60_000)  # answered without pressing 질문하기
    page.close()


def test_a_phone_screen_has_no_sideways_scroll(browser, app_url, tmp_path):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(app_url)
    page.get_by_text("질문하기").first.wait_for(timeout=30_000)
    _ask(page, "김포 스마트공장 최대 지원금은?")
    page.get_by_text("5,000만 원 —").first.wait_for(timeout=60_000)
    width = page.evaluate("document.documentElement.scrollWidth")
    page.screenshot(path=str(tmp_path / "phone.png"), full_page=True)
    assert width <= 390, width
    page.close()


def test_the_question_shows_before_its_answer(ui_module):
    shown = ui_module.show_question("김포 스마트공장 최대 지원금은?", [])
    assert shown == [{"role": "user", "content": "김포 스마트공장 최대 지원금은?"}]
    history, _, cleared, _ = ui_module.respond("김포 스마트공장 최대 지원금은?", shown, 5)
    assert [m["role"] for m in history] == ["user", "assistant"] and cleared == ""  # shown once, not twice



def test_gradio_status_line_is_korean_while_answering(browser, app_url):
    """Gradio's own status line says "processing | 0.1s" in English whatever the locale; the
    page hides it and shows "처리 중…" in its place."""
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="ko-KR")
    page.goto(app_url)
    page.get_by_label("질문", exact=True).wait_for(timeout=30_000)
    # the page's style applied to a status line like Gradio's
    shown = page.evaluate("""() => { const d = document.createElement('div'); d.className = 'meta-text';
        d.textContent = 'processing | 0.1s'; document.querySelector('.gradio-container').appendChild(d);
        const r = [getComputedStyle(d).visibility, getComputedStyle(d, '::after').content,
                   document.body.innerText.includes('processing |')];
        d.remove(); return r; }""")
    assert shown == ["hidden", '"처리 중…"', False]
    _ask(page, "김포 스마트공장 최대 지원금은?")
    seen = []
    for _ in range(40):  # and the real one, sampled while the answer is computed
        seen.append(page.inner_text("body"))
        if "5,000만 원 —" in seen[-1]:
            break
        time.sleep(0.03)
    page.get_by_text("5,000만 원 —").first.wait_for(timeout=60_000)
    assert not any("processing |" in text for text in seen)
    page.close()
