"""The `assistant` command: a thin shell over the library. Turns library errors into messages."""

import argparse
import os
import sys

from .config import DEFAULT_CORPUS_DIR, index_dir
from .errors import AssistantError

STORE_HELP = ("where the vectors and BM25 search live: faiss (default, files in the index folder), "
              "milvus:PATH.db (Milvus Lite) or milvus:http://HOST:19530 (a Milvus server; $MILVUS_TOKEN); "
              "default $ASSISTANT_STORE, else the index's own")


def _tqdm_progress(total: int, desc: str):
    from tqdm import tqdm

    unit = {"reading corpus": "file", "encoding": "passage", "encoding sentences": "sentence"}.get(desc, "chunk")
    return tqdm(total=total, desc=desc, unit=unit, file=sys.stderr, leave=False, disable=None)  # shows unit/s


def load_or_build(index: str | None, store_spec: str | None = None):
    """The QA over `index`; on a fresh checkout (no index given and none built yet) qa.load indexes the
    shipped corpus (./corpus) first: said on stderr, with a progress bar, as the chat does on its first run."""
    from pathlib import Path

    from . import store
    from .qa import load

    if index is None and Path(DEFAULT_CORPUS_DIR).is_dir() and not (store.resolve(index_dir(None)) / "manifest.json").exists():
        print(f"색인이 아직 없어 {DEFAULT_CORPUS_DIR}/ 를 먼저 색인합니다 (no index yet: indexing {DEFAULT_CORPUS_DIR}/ first)",
              file=sys.stderr)
    return load(index, store_spec=store_spec, progress=_tqdm_progress)


def _cmd_index(args) -> int:
    from .indexer import build

    report = build(args.corpus, index_dir(args.index), encoder=args.encoder, rebuild=args.rebuild,
                   progress=_tqdm_progress, store_spec=args.store, ray=args.ray)
    for r in report.rejected:
        print(f"건너뜀 (skipped) {r['path']}: {r['reason']}", file=sys.stderr)
    if report.up_to_date:
        print(f"색인이 최신입니다: 바뀐 파일이 없어 할 일이 없습니다 (index is up to date; nothing to do: "
              f"{report.documents} documents, {report.chunks} chunks, {report.seconds:.2f}s)")
        return 0
    print(
        f"색인 완료 (index built) in {report.seconds:.1f}s: {report.documents} documents, {report.chunks} chunks; "
        f"files +{len(report.added)} added, ~{len(report.changed)} changed, -{len(report.removed)} removed, "
        f"={report.unchanged} unchanged, {len(report.rejected)} rejected; "
        f"encoded {report.encoded} chunks, reused {report.reused}, encoded {report.sentences_encoded} sentences"
        + (f"; resumed an interrupted build ({report.resumed_files} files already read)" if report.resumed_files else "")
    )
    return 0


def _cmd_ask(args) -> int:
    import json


    answer = load_or_build(args.index, args.store).ask(args.question, k=args.k)
    if args.json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
        return 0
    _print_answer(answer)
    return 0


def _print_answer(answer, passages: bool = True) -> None:
    print(answer.answer)
    for c in answer.citations:
        meta = " · ".join(x for x in (c.outlet, c.date, f"p. {c.page}" if c.page else None) if x)
        print(f"\n[{c.n}] {c.title}" + (f" ({meta})" if meta else "") + f" — {c.path} {c.chunk_id}")
        if passages:
            print("    " + c.passage.replace("\n", "\n    "))


def _cmd_chat(args) -> int:
    """Questions from the terminal, one a line; follow-ups are read in the conversation's context."""
    from .errors import QuestionError

    conv = load_or_build(args.index, args.store).conversation()
    interactive = sys.stdin.isatty()
    if interactive:
        print("질문을 입력하세요 (빈 줄이나 Ctrl-D로 끝냅니다). 이어지는 질문은 앞의 대화를 이어서 답합니다.")
    while True:
        try:
            line = input("> " if interactive else "")
        except EOFError:
            break
        if not line.strip():
            if interactive:
                break
            continue
        try:
            answer = conv.ask(line, k=args.k)
        except QuestionError as exc:
            print(f"오류 (error): {exc}", file=sys.stderr)
            continue
        turn = conv.turns[-1]
        if turn.standalone != line.strip() and not interactive:
            print(f"({turn.standalone})")
        _print_answer(answer, passages=False)
        print()
    return 0


def _cmd_match(args) -> int:
    """Every programme judged for the company described by the options."""
    import json

    from .eligibility import CompanyProfile

    fields = {"region": args.region, "industry": args.industry, "subsector": args.subsector, "founded": args.founded,
              "employees": args.employees, "revenue_won": args.revenue, "certifications": args.certifications,
              "past_support": args.past_support, "exclusions": args.exclusions}
    profile = CompanyProfile.from_dict({k: v for k, v in fields.items() if v is not None})
    matches = load_or_build(args.index, args.store).match(profile)
    if args.json:
        print(json.dumps({"profile": profile.to_dict(), "programmes": [m.to_dict() for m in matches]},
                         ensure_ascii=False, indent=2))
        return 0
    closed_shown = False
    for m in matches:
        if m.closed and not closed_shown:
            print("── 마감된 사업 (closed) ──\n")
            closed_shown = True
        p = m.programme
        print(f"[{m.label}] {p.title}" + (f" — {m.period}" if m.period else "") + (f" · 최대 {p.max_amount}" if p.max_amount else ""))
        for r, c in zip(m.verdict.reasons, m.citations):
            print(f"    {r.status}: {r.says}\n        근거: “{c.highlight or c.passage[:80]}” ({p.path})")
        if not m.verdict.reasons:
            print("    신청 자격이 문서에 나와 있지 않습니다: 원문을 확인하세요.")
        print()
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="assistant", description="한국어 스마트공장 지원사업 Q&A (Korean retrieval Q&A with citations)")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("index", help="build or update the index from the corpus folder")
    p.add_argument("--corpus", default=DEFAULT_CORPUS_DIR, help="folder of articles and notices: .txt .md .html .pdf .hwp .hwpx .docx .json .csv (default: ./corpus)")
    p.add_argument("--index", default=None, help="index folder (default: $ASSISTANT_INDEX_DIR or ./index)")
    p.add_argument("--store", default=None, help=STORE_HELP)
    p.add_argument("--encoder", default=None, help="e5-small (default) or st:MODEL (model id or local folder)")
    p.add_argument("--rebuild", action="store_true", help="ignore the previous index and build from scratch")
    p.add_argument("--ray", default=None, metavar="auto|ADDRESS",
                   help="spread reading and encoding over Ray: auto (a local Ray) or a cluster address (HOST:6379, ray://HOST:10001)")
    p.set_defaults(func=_cmd_index)
    p = sub.add_parser("ask", help="answer a question from the index, with cited passages")
    p.add_argument("question")
    p.add_argument("--k", type=int, default=5, help="number of citations (default 5)")
    p.add_argument("--json", action="store_true", help="print the answer JSON")
    p.add_argument("--index", default=None, help="index folder (default: $ASSISTANT_INDEX_DIR or ./index)")
    p.add_argument("--store", default=None, help=STORE_HELP)
    p.set_defaults(func=_cmd_ask)
    p = sub.add_parser("chat", help="a conversation in the terminal: follow-up questions keep their subject")
    p.add_argument("--k", type=int, default=3, help="number of citations (default 3)")
    p.add_argument("--index", default=None, help="index folder (default: $ASSISTANT_INDEX_DIR or ./index)")
    p.add_argument("--store", default=None, help=STORE_HELP)
    p.set_defaults(func=_cmd_chat)
    p = sub.add_parser("match", help="which programmes a company can apply for (신청 가능 / 확인 필요 / 해당 없음)")
    p.add_argument("--region", help="소재지, e.g. 김포시 or '경기도 김포시'")
    p.add_argument("--industry", help="업종, e.g. 제조업")
    p.add_argument("--subsector", help="세부 업종, e.g. 금속가공")
    p.add_argument("--founded", help="설립 연월, e.g. 2019-05")
    p.add_argument("--employees", type=int, help="상시근로자 수")
    p.add_argument("--revenue", type=int, help="매출액 (원)")
    p.add_argument("--certifications", help="인증, comma-separated: 벤처기업,이노비즈,메인비즈 ('' = none)")
    p.add_argument("--past-support", dest="past_support", help="받은 지원, comma-separated ('' = none)")
    p.add_argument("--exclusions", help="해당하는 제외 사유, comma-separated: 국세 체납,휴업 ('' = none)")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--index", default=None, help="index folder (default: $ASSISTANT_INDEX_DIR or ./index)")
    p.add_argument("--store", default=None, help=STORE_HELP)
    p.set_defaults(func=_cmd_match)
    return parser


def main(argv=None) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except AssistantError as exc:
        print(f"오류 (error): {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("중단됨 (interrupted): the previous index is untouched; run the same command again to resume",
              file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
