"""Measure chunk size/overlap and the fusion method on a question set; writes eval/chunking.md.

    python eval/chunking.py [--questions eval/questions.jsonl] [--corpus corpus]

Each setting builds its own index in a temp folder (offline) and runs the full system.
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
HERE = Path(__file__).resolve().parent

import assistant  # noqa: E402
from assistant.evaluation import load_questions, summarise  # noqa: E402
from assistant.evaluation.runner import run_system  # noqa: E402

SIZES = [(200, 50), (300, 75), (400, 0), (400, 100), (600, 150), (800, 200)]
FUSIONS = [("rrf", None), ("weighted", 0.3), ("weighted", 0.5), ("weighted", 0.7)]


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--questions", default=str(HERE / "questions.jsonl"))
    p.add_argument("--corpus", default=str(HERE.parent / "corpus"))
    p.add_argument("--out", default=str(HERE / "chunking.md"))
    args = p.parse_args(argv)
    questions = load_questions(args.questions)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size, overlap in SIZES:
            index = Path(tmp) / f"index-{size}-{overlap}"
            report = assistant.build_index(args.corpus, index, chunk_size=size, chunk_overlap=overlap)
            qa = assistant.load(index)
            for method, alpha in FUSIONS:
                qa.retriever.method = method
                if alpha is not None:
                    qa.retriever.alpha = alpha
                s = summarise(run_system(qa, "full", questions, lambda items, desc: items))
                label = method if alpha is None else f"{method} a={alpha}"
                rows.append((size, overlap, report.chunks, label, s))
                print(f"size {size} overlap {overlap} ({report.chunks} chunks) {label}: hit@1 {s['hit@1']:.3f} "
                      f"mrr@10 {s['mrr@10']:.3f} acc {s['answer_accuracy']:.3f} abst {s['abstention_recall']:.3f}",
                      flush=True)
    lines = ["# Chunk size, overlap and fusion, measured", "",
             f"Questions: `{Path(args.questions).name}` ({len(questions)}), corpus: `{Path(args.corpus).name}/`, "
             "full system (hybrid retrieval, answer selection, abstention). Made by `python eval/chunking.py`.", "",
             "| chunk size | overlap | chunks | fusion | hit@1 | mrr@10 | answer accuracy | abstention recall |",
             "|---|---|---|---|---|---|---|---|"]
    for size, overlap, n, label, s in rows:
        lines.append(f"| {size} | {overlap} | {n} | {label} | {s['hit@1']:.3f} | {s['mrr@10']:.3f} | "
                     f"{s['answer_accuracy']:.3f} | {s['abstention_recall']:.3f} |")
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
