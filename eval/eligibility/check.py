"""Validate the eligibility eval set (stdlib only).

Run from the repository root:  python3 eval/eligibility/check.py
Exits with status 1 if any check fails.
"""

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent  # repo root = parent of eval/
LABELS = ("신청 가능", "확인 필요", "해당 없음")
# dev: shipped and domain pages; dev2: 8 more pages (f01-f08), developed on; dev3: e02, e05, e06,
# written as held-out pages and read while fixing the conditions reader on 2026-12-01; test: e01,
# e03, e04, never read while developing; dev4: g01-g06 (pairs_test2.jsonl), written by someone who did not
# read the matcher, scored once as held-out, then read while fixing the reader; test3: h01-h06, written
# the same way after those fixes; test4: i01-i06 (pairs_test4.jsonl), written the same way (i06 is CP949);
# test5: j01-j06 (pairs_test5.jsonl), written by someone who had not read the matcher, on 2026-12-02;
# test6: k01-k06 (pairs_test6.jsonl), written the same way (k05 is pdftotext output with form feeds);
# scored once as held-out on 2026-12-02 (decided accuracy 0.415), then read while fixing the reader on 2026-12-03
# test7: l01-l06 (pairs_test7.jsonl), written by someone who had not read the matcher (l06 is a CP949 CSV export)
# test8: m01-m06 (pairs_test8.jsonl), written by someone who had not read the matcher (m06 is a UTF-8 CSV)
# test9: n01-n06 (pairs_test9.jsonl), written by someone who had not read the matcher (n03 is a Word HTML export)
# test10: o01-o06 (pairs_test10.jsonl), written by someone who had not read the matcher (o03 is a chatbot log in JSON)
# test11: q01-q06 (pairs_test11.jsonl), written by someone who had not read the matcher (q05 is a mobile-app inbox export in JSON)
# test12: r01-r04 (pairs_test12.jsonl), written by someone who had not read the matcher (r04 is a Slack channel export in JSON)
# test13: s01-s05 (pairs_test13.jsonl), written by someone who had not read the matcher (s01 is a KakaoTalk open-chat export,
# s03 an iCalendar export with folded lines, s04 a Next.js page whose second programme is only in __NEXT_DATA__, s05 English)
# test14: t01-t05 (pairs_test14.jsonl), written by someone who had not read the matcher (t01 is a text flowchart with
# 예/아니오 branches, t02 a TOML data file holding two programmes, t03 an HWPX section0.xml, t04 a press briefing
# 일문일답 transcript, t05 an easy-read (쉬운 글) notice)
# test15: u01-u05 (pairs_test15.jsonl), written by someone who had not read the matcher (u01 is an Illustrator SVG poster,
# u02 a git format-patch of the 2025 -> 2026 notice, u03 LaTeX source with a footnoted table, u04 a MySQL dump of a CMS
# board, u05 a gettext .po translation catalog with fuzzy and obsolete entries)
# test16: v01-v05 (pairs_test16.jsonl), written by someone who had not read the matcher (v01 is a 시청 homepage 공고 with
# heavy site chrome, a 구분/자격요건/제외 table and a 관련 공고 sidebar of other programmes, v02 a 보도자료 whose eligibility is
# one prose paragraph with parenthesised exceptions and numbers in words, v03 a 민원 Q&A reply export in JSON, v04 a CSV
# comparison of the 2025 and 2026 conditions (2026 column counts), v05 a Korean-English bilingual Markdown notice with
# nested bullets mixing conditions, 우대 and 제외대상, whose English differs from the Korean on one figure)
# test17: w01-w05 (pairs_test17.jsonl), written by someone who had not read the matcher, in ordinary layouts (w01 is a
# 테크노파크 공고 page saved from the web with GNB, breadcrumb, a 유형별 요건 <table>, file list, 이전글/다음글, a 최근 공지
# sidebar of other programmes and a footer, w02 a local news article with byline, 입력/수정 times, photo caption, an ad,
# 관련기사 and 많이 본 뉴스, w03 a 기업마당-style summary page whose 사업명/지원대상/제외대상/지원내용/신청기간/문의처 <table>
# holds the conditions as <br> lines, w04 a 공고문 converted from HWP to text with □/○/- bullets, 「」 names, ※ remarks, a
# box-drawn <표 1> 신청자격 table and a 제외 대상 list, w05 a Markdown FAQ page with the conditions spread over Q1-Q8)
# test18: x01-x05 (pairs_test18.jsonl), written by someone who had not read the matcher, in ordinary layouts (x01 is a
# 시청 고시·공고 page saved from the web with util bar, GNB, breadcrumb, a view_head table, 신청자격 as <p>○ lines with - and ※
# notes, 신청 제외/우대 <ul> lists, file list, 이전글/다음글, a 다른 고시·공고 list and a footer, x02 a regional newspaper article
# with menu, byline, 입력/수정 times, photo caption, conditions in prose and a 시 관계자 quote, an ad, 관련기사 and 많이 본 뉴스,
# x03 a 테크노파크 공고문 converted from HWP to text with □/○/- bullets, 「」 names, a box-drawn <표 1> 신청자격 table, a 신청
# 제외 대상 list with ※ remarks, 가점, 붙임 … 끝. and a `- 1 -` footer, x04 a 중소벤처기업부 보도자료 as text with a box-drawn
# header block, headline and - sub-heads, □/○ paragraphs and a 담당 부서 block, x05 an HTML Q&A board post (질문/답변 pairs by
# askers and the 담당 팀) whose conditions are only in the answers)
# test19: y01-y05 (pairs_test19.jsonl), written by someone who had not read the matcher, in ordinary layouts (y01 is a
# 시청 고시·공고 page saved from the web (.html) with util bar, GNB, breadcrumb, a view_head table, 신청자격 as <p>○ lines with
# - and ※ notes, a ①-④ 신청 제외 대상 list, 가점 list, file list, 이전글/다음글, a 다른 고시·공고 sidebar and a footer, y02 a
# regional newspaper article (.txt) with menu, sub-heads, byline, 입력/수정 times, photo caption, conditions in prose and a
# 과장 quote, a box-drawn 관련기사 list and 많이 본 뉴스, y03 a 테크노파크 공고문 converted from PDF to text with a running
# header and `- n -` footers on every page and a dashed <표 1> 신청자격 table (KSIC list) broken across two pages with
# (계속) rows, y04 a Markdown 기관 블로그 post summarising a notice in friendly language with emoji bullets, a 댓글 Q&A,
# hashtags and an 다른 글 list, y05 카드뉴스 text (.txt) with `n / 9` card separators and one short fact per line)
# test20: z01-z05 (pairs_test20.jsonl), written by someone who had not read the matcher, in ordinary layouts (z01 is a
# 군청 고시·공고 page saved from the web (.html) with util bar, GNB, breadcrumb, a view_head table, 신청자격 as <p>○ lines
# with - and ※ notes, a 신청 제외 대상 <ul>, 가점 list, file list, 이전글/다음글, a 다른 고시·공고 sidebar and a footer, z02 a
# 경제신문 article (.txt) with menu, byline, 입력/수정 times, photo caption, conditions in prose and a 시 관계자 quote,
# 관련기사 and 많이 본 뉴스, z03 a 시 공고문 converted from HWP to text with □/○/- bullets, a box-drawn 신청자격 table,
# a ①-⑤ 신청 제외 대상 list, 가점, 붙임 … 끝. and a `- 1 -` footer, z04 a 지원기관 FAQ page in Markdown (Q1-Q10, the
# conditions only in the answers), z05 a 구청 보도자료 (.txt) with a 배포/담당부서 header, headline, - sub-heads and □/○ paragraphs)
# test21: zz01-zz04 (pairs_test21.jsonl), written by someone who had not read the matcher, in ordinary layouts (zz01 is a
# 김포시청 고시·공고 page saved from the web (.html) with util bar, GNB, breadcrumb, a view_head table, 신청자격 as <p>○/- lines
# and a ※ note, a 신청 제외 대상 <ul>, 가점 list, file list, 이전글/다음글, a 다른 고시·공고 sidebar and a footer, zz02 a
# 경제신문 article (.txt) on a 경기도 광주시 programme with menu, sub-heads, byline, 입력/수정 times, photo caption, conditions
# in prose and a 시 관계자 quote, an ad, 관련기사 (one on 광주광역시) and 많이 본 뉴스, zz03 a 경상남도 공고문 converted from
# HWP to text with □/○/- bullets, 「」 names, a box-drawn <표 1> 신청자격 table (KSIC codes) with ※ alternatives, a ①-④
# 신청 제외 대상 list, 가점, 붙임 … 끝. and a `- 1 -` footer, zz04 a 부산테크노파크 FAQ page in Markdown (Q1-Q11, the
# conditions only in the answers, a 부천 look-alike question and a 관련 FAQ list))
# test22: p01-p05 (pairs_test22.jsonl), written by someone who had not read the matcher, in ordinary layouts (p01 is a
# 충주시청 고시·공고 page saved from the web (.html) with util bar, GNB, LNB, breadcrumb, a view_head table, 신청자격 as <p>○/-
# lines with ※ notes (a 식료품-only 10인 floor), a 신청 제외 대상 <ul>, 가점 list, file list, 이전글/다음글, a 다른 고시·공고
# sidebar (청주·천안·구미 programmes) and a footer, p02 a 경남 경제신문 article (.txt) on a 창원시 programme with menu,
# sub-heads, byline, 입력/수정 times, photo caption, conditions in prose and a 시 관계자 quote, an ad, 관련기사 (one on 창녕군)
# and 많이 본 뉴스, p03 a 울산정보산업진흥원 공고문 converted from HWP to text with □/○/- bullets, 「」 names, a box-drawn
# <표 1> of 데이터 수집형 / AI 고도화형 requirements, ※ remarks, a ①-⑤ 신청 제외 대상 list (⑤ for one 유형 only), 가점,
# 붙임 … 끝. and `- 1 -` footers, p04 a 기업마당-style summary page (.html) on a 광주광역시 programme whose 사업개요 <table>
# holds 지원대상/제외대상 as <br> lines, with a 추천 지원사업 sidebar (경기도 광주시 and others), p05 a 대구경북지방중소벤처기업청
# 보도자료 (.txt) with a box-drawn 배포/담당부서 header, headline, - sub-heads, □/○ paragraphs, a [참고] 2025 vs 2026 table and
# a 담당자 block)
# test23: pp01-pp05 (pairs_test23.jsonl), written by someone who had not read the matcher, in ordinary layouts (pp01 is a
# 충남테크노파크 공지사항 page saved from the web (.html) with util bar, GNB, breadcrumb, a board_view_info table
# (제목/작성자/등록일/조회수), a <div class="board_view"> body with <h3>/<h4> headings, 신청자격 as a 구분/내용 <table>
# (소재지/업종/업력/규모), an <ol> of 신청 제외 대상, a <ul> of 우대사항, file list, 이전글/다음글, a 최근 공지 sidebar of other
# programmes with their own figures and a footer, pp02 a 김해 경제신문 article (.txt) with menu, breaking-news ticker,
# sub-heads, byline, 입력/수정 times, photo caption, conditions in prose (an exclusion with its exception in the same
# sentence), a 시 관계자 quote, an ad, 관련기사 (김포·김천 look-alikes), 많이 본 뉴스 and comments, pp03 a 광주광역시 공고문
# converted from HWP to text with Ⅰ-Ⅴ sections, □/○/- bullets, a box-drawn <표 1> of 구축형 / 고도화형 requirements, a
# ※ remark for 식료품 only, a ①-⑥ 신청 제외 대상 list, 가점, 붙임 … 끝. and a `- 1 -` footer, pp04 a 경남 고성군청 FAQ page
# in Markdown (Q1-Q10, the conditions only in the answers, a 강원 고성 question and a last-year-support question), pp05 a
# 대구테크노파크 정정공고 (.txt) with a box-drawn 정정 전 / 정정 후 table, the corrected conditions in full and the
# unchanged items; labels follow 정정 후)
# test24: qq01-qq05 (pairs_test24.jsonl), written by someone who had not read the matcher, in ordinary layouts (qq01 is a
# 포항시청 고시·공고 page saved from the web (.html) with util bar, GNB, LNB, breadcrumb, a view_head table
# (제목/공고번호/담당부서/등록일/조회수), 신청자격 as 가.-마. <p> lines (a 뿌리기업 확인서 alternative for other 제조업) with ※
# notes, a 제외 대상 <ul> (a 2024-2025 경북 스마트 제조설비 support excludes only if it paid for 자동화 설비), a 우대 list, file
# list, 이전글/다음글, a 다른 고시·공고 list and a 경북 시·군 기업지원 소식 sidebar (경주·영천·경상북도 programmes with their own
# figures) and a footer, qq02 an 인천광역시 통합 공고 (.txt) listing three programmes under their own □ headings with 사업명/
# 지원대상/제외대상 (사업1 인천 전역 incl. 강화·옹진, 본사와 공장 모두; 사업2 남동·미추홀·부평·서구 공장 only; 사업3 not used),
# a box-drawn 사업 구성 table and a 공통 제외 list, qq03 a 전남테크노파크 공고문 converted from PDF to text with a running
# header and `- n -` footers on every page, a dashed-and-piped <표 1> 신청자격 table broken across two pages with (계속) rows,
# ※ remarks (나주 etc. not covered), a ①-⑥ 신청 제외 대상 list, 가점 and 붙임 … 끝., qq04 a Markdown blog post by a 원주
# 기업지원 담당자 summarising a 강원 notice with emoji bullets, ✅/❌ lists, a 댓글 Q&A in which the author corrects the body's
# 5인 이상 to 3인 이상 (the correction holds), hashtags and a 다른 글 list, qq05 a 충북테크노파크 FAQ page (.html) built as a
# <details>/<summary> accordion with the conditions only in the answers, a 2023년 3월 개업 boundary question, a 본사 in 충남
# question and a 관련 공고 box)
# test25: rr01-rr05 (pairs_test25.jsonl), written by someone who had not read the matcher, in ordinary layouts (rr01 is a
# 경기테크노파크 사업공고 page saved from the web (.html) with util bar, GNB, LNB, breadcrumb, a tbl_view_head table
# (제목/사업분야/공고번호/접수기간/담당부서/등록일/조회수), the body in <div class="bbs_view"> with <h4> sections, 신청자격 as a
# 구분/요건 <table> with <th>/<td> rows (소재지 안산·시흥·화성·평택 공장, 업종, 규모, 매출액, 업력, 스마트공장 구축 완료), a 신청제외
# <ul class="list_bar"> (2023 수혜 may apply again; a 2024-2025 고도화 that brought an AI 공정 최적화 솔루션 excludes), a 가점 <ul>,
# 첨부파일 list, 이전글/다음글, a 최근 공고 sidebar (안성시, 경기도 광주시 and 경기도 programmes with their own figures) and a
# footer, rr02 a 구미시청 보도자료 (.txt) with a box-drawn 배포일시/담당부서 header, headline, - sub-heads, □/○ paragraphs (뿌리기업
# 확인서 holders may apply with 5인 이상 instead of 10인 이상; 2023년 이후 협동로봇 supports, also through 스마트공장, exclude), a
# 경상북도 programme announced at the end, a [참고] 2025 vs 2026 box table and a 담당자 block, rr03 a 전북테크노파크 공고문
# converted from HWP to text with 1./가./1) numbering, a box-drawn 가형/나형 신청자격 table whose cells wrap onto a second line,
# ※ remarks (새만금 국가산단 입주기업 excluded), ①-⑤ 신청 제외 대상 with ④ for 가형 only and ⑤ for 나형 only, 가점, 붙임 … 끝.
# and a `- 1 -` footer, rr04 a 대전세종 제조혁신지원센터 사업 Q&A board export (.html) with 12 questions and the 담당자's answers;
# the conditions are only in the answers, answer 7 corrects answer 2's 매출액 (50억 -> 80억 원 이하; the correction holds), a 대구
# 서구 question, a 2023년 3월 개업 boundary question (day-level: 2023. 3. 9. 이전) and a 충남 공주 question, rr05 a Markdown page of
# 아산시 comparing 「2026년 아산시 스마트공장 구축 지원사업」 and 「2026년 아산시 스마트공장 고도화 지원사업」 in one table with
# different conditions per column, a 공통 제외 대상 list, a 관계없어요 list and a short FAQ; pairs use both programmes)
# test26: ss01-ss04 (pairs_test26.jsonl), written by someone who had not read the matcher, nor any earlier page, in ordinary
# layouts (ss01 is a 거제시청 고시·공고 page saved from the web (.html) with util bar, GNB, breadcrumb, a view_head table
# (제목/공고번호/담당부서/등록일/조회수), 신청자격 as numbered <p> lines 1.-5. (거제시 본사와 공장 모두; 5인 이상 100인 미만;
# 2025년 매출 10억~150억 원; 업력 2년) with ※ notes (통영·고성·거창 not covered), a 신청 제외 대상 <ul> (2024-2025 same-programme
# supports exclude, 2023 may apply again; a 2024-2025 support from another agency excludes only for the same 설비), a 우대 list,
# 첨부파일, 이전글/다음글, a 다른 지원사업 공고 sidebar (통영·경남·거창 programmes with their own figures) and a footer, ss02 a
# 충북북부신문 article (.txt) with menu, sub-heads, byline, 입력/수정 times, photo caption, the conditions in prose over several
# paragraphs (충주·제천·단양 공장, 본사 무관; 청주·음성·진천 not covered; 10명 이상 100명 이하, 2025년 매출 20억원 이상; a
# government/지자체 스마트공장 build required; a 2024-2025 고도화 that built 예지보전 excludes), a 시 관계자 quote, an ad,
# 관련기사 and 많이 본 뉴스, ss03 a 전라남도 공고문 converted from HWP to text with □/○/- bullets, 「」 names, a box-drawn
# 신청자격 table (전남 본사와 공장 모두; 제조업 except C10; 업력 3년; 5인 이상 300인 미만; 매출 5억~200억 원), ※ remarks
# (광주광역시 not covered), ①-⑤ 신청 제외 대상 (④ 2025 same-programme support; ⑤ a 2025+ support incl. 수출바우처 for the same
# 시험·인증), 가점, 붙임 … 끝. and a `- 1 -` footer, ss04 a 울산경제일자리진흥원 FAQ page in Markdown (Q1-Q10, the conditions
# only in the answers: 울산 공장 (울주군 included), 5인 이상 50인 미만, 매출 100억 원 이하, 업력 1년; a 경북 울진군 look-alike
# question; a 2025 same-programme support excludes, 2024 may apply again; a 2024-2025 클린사업장 excludes only for the same 설비))
SPLITS = ("dev", "dev2", "dev3", "dev4", "test", "test3", "test4", "test5", "test6", "test7", "test8", "test9", "test10", "test11", "test12", "test13", "test14", "test15", "test16", "test17", "test18", "test19", "test20", "test21", "test22", "test23", "test24", "test25", "test26")
# Which pages of eval/eligibility/corpus/ each split may use (file-name prefixes); dev uses the shipped and domain pages.
SPLIT_PAGES = {
    "dev2": ("f0",), "dev3": ("e02", "e05", "e06"), "dev4": ("g0",), "test": ("e01", "e03", "e04"),
    "test3": ("h0",), "test4": ("i0",), "test5": ("j0",), "test6": ("k0",), "test7": ("l0",), "test8": ("m0",),
    "test9": ("n0",), "test10": ("o0",), "test11": ("q0",), "test12": ("r0",), "test13": ("s0",), "test14": ("t0",),
    "test15": ("u0",), "test16": ("v0",), "test17": ("w0",), "test18": ("x0",), "test19": ("y0",), "test20": ("z0",),
    "test21": ("zz",),  # "z0" (test20) does not match "zz" pages
    "test22": ("p0",),
    "test23": ("pp",),  # "p0" (test22) does not match "pp" pages
    "test24": ("qq",),  # "q0" (test11) does not match "qq" pages
    "test25": ("rr",),  # "r0" (test12) does not match "rr" pages
    "test26": ("ss",),  # "s0" (test13) does not match "ss" pages
}
# Documents are UTF-8 except these, which are kept in a legacy encoding on purpose (the system must read them).
LEGACY_ENCODINGS = {
    "eval/eligibility/corpus/i06_gyeongnam_process_innovation_rules_2026.txt": "cp949",
    "eval/eligibility/corpus/l06_bizinfo_search_export_two_programmes_cp949_2026.csv": "cp949",
}
PROFILE_FIELDS = {
    "id": str, "region": str, "industry": str, "subsector": str, "founded": str,
    "employees": int, "revenue_won": int, "certifications": list,
    "past_support": list, "exclusions": list, "note": str,
}
PAIR_FIELDS = ("id", "profile", "document", "title", "label", "deciding", "reason", "split")


def load_jsonl(path, errors):
    rows = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                errors.append(f"{path.name}:{n}: bad JSON ({exc})")
    return rows


def main():
    errors = []
    profiles = load_jsonl(HERE / "profiles.jsonl", errors)
    pairs = [q for f in sorted(HERE.glob("pairs*.jsonl")) for q in load_jsonl(f, errors)]

    prof_ids = Counter(p.get("id") for p in profiles)
    for pid, n in prof_ids.items():
        if n > 1:
            errors.append(f"profile id {pid} appears {n} times")
    for p in profiles:
        for k in ("id", "region", "industry"):
            if k not in p:
                errors.append(f"profile {p.get('id')}: missing required field {k}")
        for k, v in p.items():
            typ = PROFILE_FIELDS.get(k)
            if typ is None:
                errors.append(f"profile {p.get('id')}: unknown field {k}")
            elif not isinstance(v, typ) or (typ is int and isinstance(v, bool)):
                errors.append(f"profile {p.get('id')}: field {k} is not {typ.__name__}")
        if "founded" in p and not (len(p["founded"]) == 7 and p["founded"][4] == "-"):
            errors.append(f"profile {p['id']}: founded must be YYYY-MM")

    pair_ids = Counter(q.get("id") for q in pairs)
    for qid, n in pair_ids.items():
        if n > 1:
            errors.append(f"pair id {qid} appears {n} times")
    texts = {}
    seen = set()
    for q in pairs:
        qid = q.get("id")
        for k in PAIR_FIELDS:
            if k not in q:
                errors.append(f"{qid}: missing field {k}")
        if q.get("profile") not in prof_ids:
            errors.append(f"{qid}: unknown profile {q.get('profile')}")
        if q.get("label") not in LABELS:
            errors.append(f"{qid}: bad label {q.get('label')!r}")
        if q.get("split") not in SPLITS:
            errors.append(f"{qid}: bad split {q.get('split')!r}")
        doc = q.get("document", "")
        new_doc = doc.startswith("eval/eligibility/corpus/")
        if (q.get("split") != "dev") != new_doc:
            errors.append(f"{qid}: split {q.get('split')} does not match document {doc}")
        elif q.get("split") in SPLIT_PAGES and not Path(doc).name.startswith(SPLIT_PAGES[q.get("split")]):
            errors.append(f"{qid}: document {doc} is not one of split {q.get('split')}'s pages")
        key = (q.get("profile"), doc, q.get("title"))
        if key in seen:
            errors.append(f"{qid}: duplicate (profile, document, title)")
        seen.add(key)
        path = ROOT / doc
        if not path.is_file():
            errors.append(f"{qid}: document not found: {doc}")
            continue
        if doc not in texts:
            enc = LEGACY_ENCODINGS.get(doc, "utf-8")
            try:
                texts[doc] = path.read_bytes().decode(enc)
            except UnicodeDecodeError:
                errors.append(f"{qid}: document is not {enc}: {doc}")
                texts[doc] = ""
        deciding = q.get("deciding", "")
        if len(deciding) < 10:
            errors.append(f"{qid}: deciding shorter than 10 characters")
        if deciding not in texts[doc]:
            errors.append(f"{qid}: deciding text not found in {doc}: {deciding[:40]!r}")

    by_label = Counter(q.get("label") for q in pairs)
    by_split = Counter(q.get("split") for q in pairs)
    total = len(pairs) or 1
    print(f"profiles: {len(profiles)} ({len({q.get('profile') for q in pairs})} used in pairs)")
    print(f"pairs: {len(pairs)}  documents: {len({q.get('document') for q in pairs})}")
    print("per label:")
    for lab in LABELS:
        print(f"  {lab}: {by_label[lab]} ({100 * by_label[lab] / total:.1f}%)")
    print("per split:")
    for sp in SPLITS:
        c = Counter(q.get("label") for q in pairs if q.get("split") == sp)
        detail = ", ".join(f"{lab} {c[lab]}" for lab in LABELS)
        print(f"  {sp}: {by_split[sp]} ({detail})")

    if errors:
        print(f"\nFAILED: {len(errors)} problem(s)")
        for e in errors:
            print("  " + e)
        return 1
    print("\nOK: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
