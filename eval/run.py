"""Score a question file against the index: `python eval/run.py [--questions F] [--out DIR] [--json F] [--compare]`.

A thin shell over assistant.evaluation: runs the questions (with a progress bar), prints a
table, writes report.md, results.json and chart.png into --out, and lists every failure.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
HERE = Path(__file__).resolve().parent

import assistant  # noqa: E402
from assistant.baselines import SYSTEMS, System  # noqa: E402
from assistant.evaluation import breakdown, load_questions, results_json, score_answer, summarise  # noqa: E402
from assistant.evaluation import relevant  # noqa: E402

COLUMNS = ["hit@1", "hit@3", "hit@5", "mrr@10", "ndcg@10", "answer_accuracy", "citation_recall",
           "abstention_precision", "abstention_recall"]


def run_system(qa, name, questions, progress):
    system = System(qa, name)
    counts = [sum(1 for c in qa.index.chunks if relevant(c.text, q.evidence)) if q.evidence else 0 for q in questions]
    results = []
    for q, n_rel in progress(list(zip(questions, counts)), desc=name):
        answer, abstained, rows, timings = system.run(q.question, k=10)
        passages = [qa.index.chunks[r].text for r in rows]
        first = qa.index.chunks[rows[0]].id if rows else ""
        results.append(score_answer(q, answer, abstained, passages, first, n_rel, timings))
    return results


def table(summaries: dict) -> str:
    head = "| system | " + " | ".join(COLUMNS) + " | p50 ms | p95 ms |"
    lines = [head, "|" + "---|" * (len(COLUMNS) + 3)]
    for name, s in summaries.items():
        lat = s["latency_ms"].get("total", {})
        lines.append(f"| {name} | " + " | ".join(f"{s[c]:.3f}" for c in COLUMNS) + f" | {lat.get('p50', 0):.1f} | {lat.get('p95', 0):.1f} |")
    return "\n".join(lines)


def failures(results) -> list[str]:
    out = []
    for r in results:
        if r.answerable and r.correct and r.relevance[:1] == [True]:
            continue
        if not r.answerable and r.correct:
            continue
        expected = " / ".join(r.gold) if r.answerable else "(abstain)"
        out.append(f"- **{r.id}** {r.question}\n  - expected: {expected}\n  - got: {r.answer[:200]}"
                   f"{' (abstained)' if r.abstained else ''}\n  - first citation: {r.first_citation or '-'}"
                   f" (relevant: {bool(r.relevance[:1] == [True])})")
    return out


def chart(summaries: dict, path: Path) -> bool:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    metrics = ["hit@1", "mrr@10", "answer_accuracy", "abstention_recall"]
    fig, ax = plt.subplots(figsize=(8, 4))
    width = 0.8 / max(1, len(summaries))
    for i, (name, s) in enumerate(summaries.items()):
        ax.bar([m + i * width for m in range(len(metrics))], [s[m] for m in metrics], width, label=name)
    ax.set_xticks([m + width * (len(summaries) - 1) / 2 for m in range(len(metrics))], metrics)
    ax.set_ylim(0, 1)
    ax.legend()
    ax.set_title("eval: systems compared")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return True


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--questions", default=str(HERE / "questions.jsonl"))
    p.add_argument("--index", default=None, help="index folder (default: $ASSISTANT_INDEX_DIR or ./index)")
    p.add_argument("--out", default=str(HERE / "out"), help="folder for report.md, results.json, chart.png")
    p.add_argument("--json", default=None, help="also write the results JSON here")
    p.add_argument("--compare", action="store_true", help="also run the baselines (BM25 whitespace, BM25 Kiwi, dense)")
    args = p.parse_args(argv)
    from tqdm import tqdm

    def progress(items, desc):
        return tqdm(items, desc=desc, unit="q", file=sys.stderr, leave=False)

    try:
        questions = load_questions(args.questions)
        qa = assistant.load(args.index)
    except assistant.AssistantError as exc:
        print(f"오류 (error): {exc}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    names = SYSTEMS if args.compare else ("full",)
    all_results = {name: run_system(qa, name, questions, progress) for name in names}
    summaries = {name: summarise(rs) for name, rs in all_results.items()}
    full = all_results["full"]
    report = {
        "questions": str(args.questions), "index": str(qa.index.dir), "encoder": qa.encoder.name,
        "seconds": round(time.perf_counter() - started, 1),
        "summary": summaries, "by_language": breakdown(full, "lang"), "by_type": breakdown(full, "qtype"),
        "results": {name: results_json(rs) for name, rs in all_results.items()},
    }
    s = summaries["full"]
    text = [table(summaries), "",
            f"full system: hit@1 {s['hit@1']:.3f} (95% CI {s['hit@1_ci95'][0]:.3f}-{s['hit@1_ci95'][1]:.3f}), "
            f"answer accuracy {s['answer_accuracy']:.3f} (95% CI {s['answer_accuracy_ci95'][0]:.3f}-{s['answer_accuracy_ci95'][1]:.3f}), "
            f"abstained {s['abstention_recall']:.3f} of unanswerable, {s['wrongly_abstained']} answerable wrongly abstained",
            "latency ms (full): " + ", ".join(f"{k} p50 {v['p50']} p95 {v['p95']}" for k, v in s["latency_ms"].items()),
            "", "by language: " + json.dumps(report["by_language"], ensure_ascii=False)]
    print("\n".join(text))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.json:
        Path(args.json).write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    has_chart = chart(summaries, out / "chart.png")
    md = ["# Eval report", "", f"Questions: `{args.questions}` ({s['n']}; {s['n_unanswerable']} unanswerable). "
          f"Index: `{qa.index.dir}`, encoder `{qa.encoder.name}`. Took {report['seconds']} s.", "",
          table(summaries), "", "\n".join(text[2:4]), "",
          "## By language", "", "```json", json.dumps(report["by_language"], ensure_ascii=False, indent=1), "```",
          "## By question type", "", "```json", json.dumps(report["by_type"], ensure_ascii=False, indent=1), "```",
          "", "![chart](chart.png)" if has_chart else "(matplotlib not installed: no chart)", "",
          "## Failures of the full system", "", *(failures(full) or ["none"])]
    (out / "report.md").write_text("\n".join(md) + "\n", encoding="utf-8")
    print(f"\nwrote {out / 'report.md'}, {out / 'results.json'}" + (f", {out / 'chart.png'}" if has_chart else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
