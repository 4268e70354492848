"""스마트공장 지원사업 Q&A — the Gradio chat. `python ui.py` (or `python ui.py --help`).

A thin shell over assistant.service: a handler function, a module-level `demo`, launch under
__main__. Binds 127.0.0.1 unless ASSISTANT_HOST / --host says otherwise; optional login from
ASSISTANT_USER and ASSISTANT_PASSWORD; no analytics, no share link.
"""

import argparse
import os
import re
import sys
import time

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # before gradio is imported
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import gradio as gr  # noqa: E402

from assistant import AssistantError  # noqa: E402
from assistant.config import DEFAULT_CORPUS_DIR, index_dir  # noqa: E402
from assistant.eligibility import CompanyProfile, ProfileError  # noqa: E402
from assistant.render import answer_markdown, literal, match_markdown, sources_html  # noqa: E402
from assistant.service import Service  # noqa: E402

MAX_HISTORY = 8  # earlier questions a follow-up is read with (the subject is what the latest of them named)

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.environ.get("ASSISTANT_CORPUS_DIR") or os.path.join(HERE, DEFAULT_CORPUS_DIR)
service = Service(CORPUS, index_dir(os.environ.get("ASSISTANT_INDEX_DIR") or os.path.join(HERE, "index")))

EXAMPLES = [
    "김포 스마트공장 최대 지원금은?",
    "김포시 스마트공장 신청 마감은 언제인가요?",
    "AX 실증산단 구축사업의 총 국비 지원 규모는?",
    "충북 제조AI센터 유치 사업의 국비 지원 규모는?",
    "삼성전자 스마트공장 3.0은 몇 개 중소기업을 지원하나요?",
    "What's the max support in Gimpo?",
]
FONTS = ["Pretendard", "Malgun Gothic", "Apple SD Gothic Neo", "Noto Sans KR", "Noto Sans CJK KR", "sans-serif"]
CSS = """
body, .gradio-container, .gradio-container * { font-family: Pretendard, 'Malgun Gothic', 'Apple SD Gothic Neo',
  'Noto Sans KR', 'Noto Sans CJK KR', sans-serif; }
.gradio-container { max-width: min(1200px, 100%) !important; min-width: 0 !important; margin: auto; box-sizing: border-box; }
.gradio-container .main { min-width: 0 !important; max-width: 100% !important; }  /* a 390-px phone: no sideways scroll */
.sources-head { font-weight: 600; margin: 4px 0 8px; }
.source { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 8px 12px; margin-bottom: 8px; }
.source summary { cursor: pointer; font-weight: 600; }
.source .passage { margin-top: 8px; line-height: 1.7; white-space: normal; }
.source mark { background: #ffe58a; padding: 0 2px; border-radius: 3px; }
.source-path, .sources-empty { color: var(--body-text-color-subdued); font-size: 0.85em; margin-top: 6px; }
/* Gradio writes its status line ("processing | 0.1s", "queue: 1/3 |") in English only: shown in Korean instead */
.meta-text, .meta-text-center { visibility: hidden; font-size: 0 !important; }
.meta-text::after, .meta-text-center::after { content: "처리 중…"; visibility: visible; font-size: var(--text-sm); }
"""


def show_question(question: str, history: list) -> list:
    """The question in the chat right away, before its answer is computed."""
    history = list(history or [])
    if (question or "").strip():
        history.append({"role": "user", "content": literal(question)})
    return history


def _without_shown(history: list, question: str) -> list:
    """The history without the question show_question already put at its end."""
    last = history[-1] if history else None
    if isinstance(last, dict) and last.get("role") == "user" and _text(last.get("content")) == literal(question):
        return history[:-1]
    return history


def _text(content) -> str:
    """A message's text (Gradio 6 sends content as [{"type": "text", "text": ...}])."""
    if isinstance(content, list):
        return "".join(part.get("text", "") for part in content if isinstance(part, dict))
    return content if isinstance(content, str) else ""


_OUR_COMPANY = re.compile(r"(?:우리|저희|내|제)\s*(?:회사|기업|업체)|(?:our|my)\s+(?:company|firm)", re.IGNORECASE)
_WHICH = re.compile(r"신청|지원|사업|받을\s*수|해당|apply|eligible|programme|program", re.IGNORECASE)
PROFILE_KEY = "company-profile"  # the browser's localStorage key of the 우리 회사 profile


def _profile(saved: dict | None) -> CompanyProfile:
    return CompanyProfile.from_dict(dict(saved or {}))


def _profile_shown(p: CompanyProfile) -> str:
    d = p.to_dict()
    names = {"region": "소재지", "industry": "업종", "subsector": "세부 업종", "founded": "설립", "employees": "상시근로자",
             "revenue_won": "매출액", "certifications": "인증", "past_support": "지원 이력", "exclusions": "제외 사유"}
    return ", ".join(f"{names[k]} {', '.join(v) or '없음' if isinstance(v, list) else v}" for k, v in d.items())


def match_reply(saved: dict | None) -> str:
    """Every programme judged for the saved company profile (Markdown)."""
    profile = _profile(saved)
    if profile.is_empty:
        return "먼저 오른쪽 **우리 회사** 칸에 회사 정보(소재지, 업종, 설립 연월, 상시근로자 수 …)를 적고 저장해 주세요."
    return match_markdown(service.qa.match(profile), _profile_shown(profile))


def respond(question: str, history: list, k: float, asked: list | None = None, saved_profile: dict | None = None):
    """Chat handler: (question, history, top-k, questions asked so far in this chat, the company
    profile kept in this browser) -> (history, sources HTML, cleared textbox, questions asked).
    Follow-ups ("신청 마감은?") are answered about what the earlier questions named; "우리 회사가
    신청할 수 있는 사업은?" is answered from the profile."""
    question = question or ""
    history = _without_shown(list(history or []), question)
    asked = list(asked or [])
    if _OUR_COMPANY.search(question) and _WHICH.search(question):
        try:
            reply = match_reply(saved_profile)
        except AssistantError as exc:
            reply = "⚠️ " + literal(str(exc))
        history += [{"role": "user", "content": literal(question)}, {"role": "assistant", "content": reply}]
        return history, sources_html(None), "", asked + [question]
    try:
        ans = service.qa.ask(question, k=int(k), history=asked[-MAX_HISTORY:])
    except AssistantError as exc:  # empty/too long question, missing or broken index
        history += [{"role": "user", "content": literal(question[:500]) or "(빈 질문)"},
                    {"role": "assistant", "content": "⚠️ " + literal(str(exc))}]
        return history, sources_html(None), "", asked
    history += [{"role": "user", "content": literal(question)}, {"role": "assistant", "content": answer_markdown(ans)}]
    return history, sources_html(ans), "", asked + [question]


PROGRAMME_COLUMNS = ["사업", "지역", "주관", "최대 지원금", "신청 마감", "출처"]


def programme_table():
    """Every programme of the indexed documents, with its largest amount and deadline (as stated)."""
    try:
        return service.qa.programme_table()
    except AssistantError as exc:
        return [[f"⚠️ {exc}", "", "", "", "", ""]]


def save_profile(region, industry, subsector, founded, employees, revenue_eok, certifications, past_support, exclusions):
    """The 우리 회사 fields -> (profile for the browser's storage, status, programmes judged for it).
    Nothing is written on the server: the profile lives in the browser (gr.BrowserState)."""
    fields = {"region": region, "industry": industry, "subsector": subsector, "founded": founded,
              "employees": int(employees) if employees not in (None, "") else None,
              "revenue_won": int(round(float(revenue_eok) * 1e8)) if revenue_eok not in (None, "") else None,
              "certifications": [c for c in certifications or [] if c != "없음"] if certifications else None,
              "past_support": (past_support or "").replace("없음", "") if past_support else None,
              "exclusions": [e for e in exclusions or [] if e != "해당 없음"] if exclusions else None}
    try:
        profile = CompanyProfile.from_dict({k: v for k, v in fields.items() if v is not None})
    except ProfileError as exc:
        return gr.skip(), f"⚠️ {literal(str(exc))}", gr.skip()
    saved = profile.to_dict()
    try:
        listing = match_reply(saved)
    except AssistantError as exc:
        listing = "⚠️ " + literal(str(exc))
    return saved, "✅ 이 브라우저에 저장했습니다 (서버에는 저장하지 않습니다).", listing


def load_profile(saved):
    """The saved profile back into the 우리 회사 fields when the page opens."""
    p = _profile(saved) if saved else CompanyProfile()
    certs = list(p.certifications) if p.certifications is not None else []
    if p.certifications == ():
        certs = ["없음"]
    excl = list(p.exclusions) if p.exclusions is not None else []
    if p.exclusions == ():
        excl = ["해당 없음"]
    past = ", ".join(p.past_support) if p.past_support else ("없음" if p.past_support == () else "")
    return (p.region or "", p.industry or None, p.subsector or "", p.founded or "", p.employees,
            (p.revenue_won / 1e8) if p.revenue_won is not None else None, certs, past, excl)


def file_choices():
    try:
        return gr.Dropdown(choices=service.files(), value=None)
    except AssistantError:
        return gr.Dropdown(choices=[], value=None)


def ask_to_confirm(path):
    if not path:
        return gr.Button(visible=False), "뺄 문서를 먼저 골라 주세요."
    return gr.Button(visible=True), f"**{literal(path)}** 를 색인에서 뺄까요? 아래 버튼을 누르면 뺍니다."


def remove_document(path, progress=gr.Progress()):
    """Take a file out of the corpus (moved aside, not deleted) and index again."""
    if not path:
        return "뺄 문서를 먼저 골라 주세요.", documents_table(), file_choices(), gr.Button(visible=False)
    try:
        moved = service.remove_document(path, progress=lambda total, desc: _GradioBar(progress, total, desc))
        message = f"✅ {literal(path)} 를 뺐습니다. 파일은 {literal(moved)} 에 있습니다 (지워지지 않았습니다)."
    except AssistantError as exc:
        message = f"⚠️ 빼지 못했습니다: {literal(str(exc))}"
    return message, documents_table(), file_choices(), gr.Button(visible=False)


def documents_table():
    try:
        return service.documents()
    except AssistantError as exc:
        return [[f"⚠️ {exc}", "", "", 0, ""]]


def add_documents(files, progress=gr.Progress()):
    """Upload handler: copy good files into the corpus, index them incrementally, reload."""
    if not files:
        return "추가할 파일을 먼저 골라 주세요.", documents_table()
    paths = [getattr(f, "name", f) for f in files]

    def bar(total, desc):
        return _GradioBar(progress, total, desc)

    try:
        result = service.add_files(paths, progress=bar)
    except AssistantError as exc:
        return f"⚠️ 색인하지 못했습니다: {literal(str(exc))}", documents_table()
    lines = []
    if result.added:
        lines.append(f"✅ {len(result.added)}개 파일을 추가하고 색인했습니다: " + ", ".join(literal(n) for n in result.added)
                     + f" (전체 {result.chunks}개 문단). 바로 질문할 수 있습니다.")
    for name, reason in result.rejected:
        lines.append(f"⚠️ {literal(name)}: {literal(reason)} — 이 파일은 건너뛰었고, 기존 색인은 그대로입니다.")
    return "\n\n".join(lines), documents_table()


_STEP_LABELS = {"reading corpus": ("문서 읽기", "개 파일"), "encoding": ("문단 인코딩", "개 문단"),
                "encoding sentences": ("문장 인코딩", "개 문장")}


class _GradioBar:
    """The library's progress protocol (update/close) drawn on the Gradio progress bar, in Korean,
    with the rate (e.g. "문단 인코딩 64/754 · 초당 21.3개 문단")."""

    def __init__(self, progress, total, desc):
        self.label, self.unit = _STEP_LABELS.get(desc, (desc, "개"))
        self.progress, self.total, self.done, self.started = progress, max(1, total), 0, time.perf_counter()
        progress(0, desc=self.label)

    def update(self, n=1):
        self.done += n
        rate = self.done / max(time.perf_counter() - self.started, 1e-6)
        self.progress(self.done / self.total, desc=f"{self.label} {self.done}/{self.total} · 초당 {rate:.1f}{self.unit}")

    def close(self):
        pass


with gr.Blocks(title="스마트공장 지원사업 Q&A", analytics_enabled=False) as demo:
    gr.Markdown("# 스마트공장 지원사업 Q&A\n스마트공장·제조 AI 지원사업 기사에서 답을 찾아, 근거 문단과 함께 보여 드립니다. "
                "한국어와 영어로 물어볼 수 있습니다.")
    with gr.Row():
        with gr.Column(scale=3):
            chatbot = gr.Chatbot(label="대화", height=460, placeholder="궁금한 지원사업을 물어보세요.",
                                 sanitize_html=True, render_markdown=True, feedback_options=None,
                                 buttons=["copy", "copy_all"])
            question = gr.Textbox(label="질문", placeholder="예: 김포 스마트공장 최대 지원금은?", lines=1, max_lines=4,
                                  max_length=1000, autofocus=True)
            with gr.Row():
                ask_btn = gr.Button("질문하기", variant="primary")
                stop_btn = gr.Button("중지", variant="stop")
                clear_btn = gr.Button("대화 지우기")
            examples = gr.Examples(EXAMPLES, inputs=question, label="예시 질문")
            sources = gr.HTML(sources_html(None), label="근거 문단")
        with gr.Column(scale=2):
            top_k = gr.Slider(1, 10, value=5, step=1, label="근거 문단 수 (top-k)")
            with gr.Accordion("색인된 문서", open=True):
                docs = gr.Dataframe(headers=["제목", "매체", "날짜", "문단 수", "파일"],
                                    datatype=["str", "str", "str", "number", "str"],
                                    interactive=False, wrap=True, column_widths=["40%", "14%", "14%", "8%", "24%"])
                # taking a document out: pick it, then confirm (the file is moved aside, not deleted)
                to_remove = gr.Dropdown(label="뺄 문서 (파일)", choices=[], value=None, allow_custom_value=False)
                remove_btn = gr.Button("이 문서 빼기")
                confirm_btn = gr.Button("정말 빼기: 파일을 말뭉치 밖(corpus.removed/)으로 옮기고 다시 색인합니다",
                                        variant="stop", visible=False)
                removed_status = gr.Markdown()
            with gr.Accordion("우리 회사 (신청 가능한 사업 찾기)", open=False):
                gr.Markdown("회사 정보는 이 브라우저에만 저장됩니다. 모르는 칸은 비워 두면 ‘확인 필요’로 표시합니다.")
                p_region = gr.Textbox(label="소재지 (시·군·구)", placeholder="예: 경기도 김포시")
                p_industry = gr.Dropdown(label="업종", choices=["제조업", "도소매업", "서비스업", "정보통신업", "건설업", "기타"],
                                         value=None, allow_custom_value=True)
                p_subsector = gr.Textbox(label="세부 업종", placeholder="예: 금속가공")
                p_founded = gr.Textbox(label="설립 연월", placeholder="예: 2019-05")
                p_employees = gr.Number(label="상시근로자 수 (명)", value=None, precision=0, minimum=0)
                p_revenue = gr.Number(label="매출액 (억 원)", value=None, minimum=0)
                p_certs = gr.CheckboxGroup(["벤처기업", "이노비즈", "메인비즈", "없음"], label="인증")
                p_past = gr.Textbox(label="받은 지원 (쉼표로 구분, 없으면 ‘없음’)", placeholder="예: 2024 스마트공장 기초")
                p_excl = gr.CheckboxGroup(["국세·지방세 체납", "휴·폐업", "채무불이행", "해당 없음"], label="제외 사유")
                p_btn = gr.Button("저장하고 신청 가능한 사업 찾기", variant="primary")
                p_status = gr.Markdown()
                p_result = gr.Markdown()
            with gr.Accordion("지원사업", open=False):
                programmes = gr.Dataframe(headers=PROGRAMME_COLUMNS, datatype=["str"] * len(PROGRAMME_COLUMNS),
                                          interactive=False, wrap=True)  # click a header to sort
            with gr.Accordion("문서 추가 (.txt .md .html .pdf .hwp .hwpx .docx .json .csv)", open=False):
                # no file_types: Gradio's own check answers in English; ours says in Korean what is wrong
                upload = gr.File(label="기사·공고문 파일", file_count="multiple")
                add_btn = gr.Button("추가하고 색인하기")
                status = gr.Markdown()

    asked = gr.State([])  # this browser session's questions, for follow-ups
    # the company profile: in the browser's localStorage, kept across reloads and server restarts
    # (a fixed key and secret), never written on the server
    company = gr.BrowserState({}, storage_key=PROFILE_KEY,
                              secret=os.environ.get("ASSISTANT_BROWSER_SECRET", "korean-assistant-profile"))
    profile_inputs = [p_region, p_industry, p_subsector, p_founded, p_employees, p_revenue, p_certs, p_past, p_excl]
    p_btn.click(save_profile, profile_inputs, [company, p_status, p_result], api_name=False)
    demo.load(load_profile, [company], profile_inputs, api_name=False)
    # the question shows in the chat at once; the answer follows when it is ready
    ask_event = ask_btn.click(show_question, [question, chatbot], chatbot, queue=False, api_name=False,
                              show_progress="hidden").then(
        respond, [question, chatbot, top_k, asked, company], [chatbot, sources, question, asked], api_name="ask")
    submit_event = question.submit(show_question, [question, chatbot], chatbot, queue=False, api_name=False,
                              show_progress="hidden").then(
        respond, [question, chatbot, top_k, asked, company], [chatbot, sources, question, asked], api_name=False)
    # a clicked example is asked at once (it fills the box, then goes like a submitted question)
    example_event = examples.load_input_event.then(show_question, [question, chatbot], chatbot, queue=False, show_progress="hidden",
                                                   api_name=False).then(
        respond, [question, chatbot, top_k, asked, company], [chatbot, sources, question, asked], api_name=False)
    stop_btn.click(None, cancels=[ask_event, submit_event, example_event])
    clear_btn.click(lambda: ([], sources_html(None), []), None, [chatbot, sources, asked], api_name=False)
    add_btn.click(add_documents, [upload], [status, docs], api_name="add_documents", concurrency_limit=1).then(
        programme_table, None, programmes, api_name=False).then(file_choices, None, to_remove, api_name=False)
    demo.load(documents_table, None, docs, api_name=False)
    demo.load(file_choices, None, to_remove, api_name=False)
    remove_btn.click(ask_to_confirm, [to_remove], [confirm_btn, removed_status], api_name=False)
    confirm_btn.click(remove_document, [to_remove], [removed_status, docs, to_remove, confirm_btn],
                      api_name="remove_document", concurrency_limit=1).then(programme_table, None, programmes,
                                                                            api_name=False)
    demo.load(programme_table, None, programmes, api_name="programmes")
demo.queue(default_concurrency_limit=4, max_size=64)


def parse_args(argv=None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description="스마트공장 지원사업 Q&A (Gradio chat)")
    env = os.environ.get  # ours first, then Gradio's own conventions
    p.add_argument("--host", default=env("ASSISTANT_HOST") or env("GRADIO_SERVER_NAME") or "127.0.0.1")
    p.add_argument("--port", type=int, default=int(env("ASSISTANT_PORT") or env("GRADIO_SERVER_PORT") or "7860"))
    p.add_argument("--store", default=env("ASSISTANT_STORE"),
                   help="faiss (default), milvus:PATH.db (Milvus Lite) or milvus:http://HOST:19530 (a Milvus server)")
    return p.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    from tqdm import tqdm

    if args.store:  # the service's builds and loads read it (store.chosen)
        os.environ["ASSISTANT_STORE"] = args.store
    try:  # first run builds the index (progress in the terminal); later runs find nothing to do
        service.ensure_index(progress=lambda total, desc: tqdm(total=total, desc=desc, file=sys.stderr))
        service.qa.ask("스마트공장")  # load the model, Kiwi and the index now, not on the first question
    except AssistantError as exc:
        print(f"오류 (error): {exc}", file=sys.stderr)
        return 2
    user, password = os.environ.get("ASSISTANT_USER"), os.environ.get("ASSISTANT_PASSWORD")
    demo.launch(server_name=args.host, server_port=args.port, share=False, auth=(user, password) if user and password else None,
                theme=gr.themes.Default(font=FONTS, font_mono=["D2Coding", "monospace"]), css=CSS, footer_links=[])
    return 0


if __name__ == "__main__":
    sys.exit(main())
