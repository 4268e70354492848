"""The report of a run: markdown tables, a chart and results.json.

report.md holds: what was run (question set, split, corpus, index, encoder), one table of every
system, the full system's results by language and by question type, the chart, and the first
failures. Numbers are shown with 3 decimals; results.json keeps 4.
"""

import json
from pathlib import Path

from .metrics import QuestionResult

SUMMARY_COLUMNS = (("Hit@1", "hit@1"), ("Hit@5", "hit@5"), ("MRR@10", "mrr@10"), ("answer accuracy", "answer_accuracy"),
                   ("EM", "em"), ("F1", "f1"), ("abstention recall", "abstention_recall"),
                   ("wrongly abstained", "wrongly_abstained_share"))
BREAKDOWN_COLUMNS = (("n", "n"), ("Hit@1", "hit@1"), ("Hit@5", "hit@5"), ("answer accuracy", "answer_accuracy"),
                     ("EM", "em"), ("F1", "f1"), ("abstention recall", "abstention_recall"),
                     ("wrongly abstained", "wrongly_abstained_share"))
CHART_METRICS = ("hit@1", "hit@5", "mrr@10", "answer_accuracy", "em", "f1", "abstention_recall")
LABELS = {key: label for label, key in SUMMARY_COLUMNS}
MAX_FAILURES = 60


def _num(value) -> str:
    if value is None:
        return "–"
    return str(value) if isinstance(value, int) else f"{value:.3f}"


def summary_table(summaries: dict[str, dict]) -> str:
    """One row a system; abstention recall is "–" when the set has no unanswerable question."""
    head = "| system | n | " + " | ".join(label for label, _ in SUMMARY_COLUMNS) + " | p50 ms | p95 ms |"
    lines = [head, "|---" * (len(SUMMARY_COLUMNS) + 4) + "|"]
    for name, s in summaries.items():
        cells = [_num(None if key == "abstention_recall" and not s["n_unanswerable"] else s[key])
                 for _, key in SUMMARY_COLUMNS]
        lat = s["latency_ms"].get("total", {})
        lines.append(f"| {name} | {s['n']} | " + " | ".join(cells) + f" | {lat.get('p50', 0):.1f} | {lat.get('p95', 0):.1f} |")
    return "\n".join(lines)


def breakdown_table(groups: dict[str, dict], label: str) -> str:
    lines = [f"| {label} | " + " | ".join(name for name, _ in BREAKDOWN_COLUMNS) + " |",
             "|---" * (len(BREAKDOWN_COLUMNS) + 1) + "|"]
    for key, g in groups.items():
        lines.append(f"| {key} | " + " | ".join(_num(g.get(col)) for _, col in BREAKDOWN_COLUMNS) + " |")
    return "\n".join(lines)


def chart(summaries: dict[str, dict], path: Path, title: str) -> bool:
    """Grouped bars, one colour a system (the legend), one group a metric. False without matplotlib."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    any_unanswerable = any(s["n_unanswerable"] for s in summaries.values())
    metrics = [m for m in CHART_METRICS if m != "abstention_recall" or any_unanswerable]
    fig, ax = plt.subplots(figsize=(11, 4.5))
    width = 0.8 / max(1, len(summaries))
    for i, (name, s) in enumerate(summaries.items()):
        ax.bar([m + i * width for m in range(len(metrics))], [s[m] for m in metrics], width, label=name)
    ax.set_xticks([m + width * (len(summaries) - 1) / 2 for m in range(len(metrics))],
                  [LABELS.get(m, m) for m in metrics])
    ax.set_ylim(0, 1)
    ax.set_ylabel("score (answerable questions; abstention recall: unanswerable)", fontsize=8)
    ax.legend(title="system", fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    ax.set_title(title, fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return True


def failures(results: list[QuestionResult], cap: int = MAX_FAILURES) -> list[str]:
    """Markdown items for answerable questions missed (wrong answer or irrelevant first
    citation) and unanswerable ones answered; the first `cap`, then a count of the rest."""
    out = []
    for r in results:
        if (r.answerable and r.correct and r.relevance[:1] == [True]) or (not r.answerable and r.correct):
            continue
        expected = " / ".join(r.gold) if r.answerable else "(abstain)"
        out.append(f"- **{r.id}** {r.question}\n  - expected: {expected}\n  - got: {r.answer[:200]}"
                   f"{' (abstained)' if r.abstained else ''}\n  - short answer: {r.short_answer[:80] or '-'}"
                   f" (EM {r.em:.0f}, F1 {r.f1:.2f})\n  - first citation: {r.first_citation or '-'}"
                   f" (relevant: {r.relevance[:1] == [True]})")
    if len(out) > cap:
        out = out[:cap] + [f"- … and {len(out) - cap} more (all in results.json)"]
    return out


def rounded(obj, places: int = 4):
    """The same structure with every float rounded (results.json has no 16-digit floats)."""
    if isinstance(obj, float):
        return round(obj, places)
    if isinstance(obj, dict):
        return {k: rounded(v, places) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [rounded(v, places) for v in obj]
    return obj


def headline(name: str, s: dict) -> str:
    ci = lambda key: f"{s[key]:.3f} (95% CI {s[key + '_ci95'][0]:.3f}–{s[key + '_ci95'][1]:.3f})"  # noqa: E731
    return (f"{name}: Hit@1 {ci('hit@1')}, answer accuracy {ci('answer_accuracy')}, short-answer F1 {ci('f1')}, "
            f"EM {s['em']:.3f}; {s['wrongly_abstained']} of {s['n_answerable']} answerable wrongly abstained"
            + (f"; abstained on {s['abstention_recall']:.3f} of {s['n_unanswerable']} unanswerable" if s["n_unanswerable"] else ""))


def write(out: Path, report: dict, results: dict[str, list[QuestionResult]], title: str) -> list[Path]:
    """report.md, results.json and chart.png in `out`; `report` holds "meta", "summary",
    "by_language", "by_type", optionally "by_split" (of the main system) and "results" (rows per system)."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(rounded(report), ensure_ascii=False, indent=1), encoding="utf-8")
    written = [out / "report.md", out / "results.json"]
    has_chart = chart(report["summary"], out / "chart.png", title)
    if has_chart:
        written.append(out / "chart.png")
    meta, summaries = report["meta"], report["summary"]
    main = meta["main_system"]
    md = [f"# Eval: {title}", "",
          f"- questions: `{meta['questions']}` — {meta['n_questions']} asked (split `{meta['split']}`"
          + (f", first {meta['limit']}" if meta.get("limit") else "") + f"; of {meta['n_in_file']} in the file: "
          + ", ".join(f"{k} {v}" for k, v in meta["split_counts"].items()) + ")",
          f"- corpus: {', '.join(f'`{c}`' for c in meta['corpus'])}; index `{meta['index']}`, encoder `{meta['encoder']}`",
          f"- systems: {', '.join(summaries)}; took {meta['seconds']} s", "",
          "Metrics over answerable questions (abstention recall: over unanswerable ones). Answer accuracy = the "
          "answer text holds a gold answer; EM / F1 = the short answer against the gold span, KorQuAD 1.0 "
          "normalisation, character F1; an abstention scores 0. Wrongly abstained = share of answerable "
          "questions abstained.", "",
          "## Summary", "", summary_table(summaries), "",
          *(headline(name, s) + "  " for name, s in summaries.items() if name == main), "",
          f"## {main}: by language", "", breakdown_table(report["by_language"], "language"), "",
          f"## {main}: by question type", "", breakdown_table(report["by_type"], "type"), "",
          *([f"## {main}: by split (documents, splits.py)", "", breakdown_table(report["by_split"], "split"), ""]
            if report.get("by_split") else []),
          *([f"## {main}: first turns and follow-ups", "", breakdown_table(report["by_turn"], "turn"), "",
             *(f"- {name}: follow-up answer accuracy {_num(t.get('follow-up', {}).get('answer_accuracy'))}, "
               f"abstention recall {_num(t.get('follow-up', {}).get('abstention_recall'))}"
               for name, t in report.get("by_turn_systems", {}).items()), ""]
            if report.get("by_turn") else []),
          "![chart](chart.png)" if has_chart else "(matplotlib not installed: no chart)", "",
          f"## Failures of {main}", "", *(failures(results[main]) or ["none"])]
    (out / "report.md").write_text("\n".join(md) + "\n", encoding="utf-8")
    return written
