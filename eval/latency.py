"""In-process answer latency against the cost of encoding the query alone (same questions).

    python eval/latency.py [--questions eval/questions.jsonl] [--repeat 3]

Prints medians and p95 in ms and the ratio median(ask) / median(encode query), measured in
one warm process (the model, Kiwi and the index loaded once, as the UI and the CLI do).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
HERE = Path(__file__).resolve().parent

import assistant  # noqa: E402
from assistant.evaluation import load_questions  # noqa: E402


def _p95(values):
    values = sorted(values)
    return values[max(0, int(round(0.95 * len(values))) - 1)]


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--questions", default=str(HERE / "questions.jsonl"))
    p.add_argument("--index", default=None)
    p.add_argument("--repeat", type=int, default=3)
    args = p.parse_args(argv)
    questions = [q.question for q in load_questions(args.questions)]
    qa = assistant.load(args.index)
    qa.ask(questions[0])  # warm up
    encode, ask = [], []
    for _ in range(args.repeat):
        for q in questions:
            t0 = time.perf_counter()
            qa.encoder.encode_queries([q])
            t1 = time.perf_counter()
            qa.ask(q)
            t2 = time.perf_counter()
            encode.append((t1 - t0) * 1000)
            ask.append((t2 - t1) * 1000)
    me, ma = statistics.median(encode), statistics.median(ask)
    n = len(questions)
    first, again = ask[:n], ask[n:]  # the reader keeps sentences' analyses: the first pass reads most of them anew
    print(f"{n} questions x {args.repeat}, cores {os.cpu_count()}")
    print(f"encode query alone: median {me:.2f} ms, p95 {_p95(encode):.2f} ms")
    print(f"ask (end to end):   median {ma:.2f} ms, p95 {_p95(ask):.2f} ms")
    print(f"  first pass:       median {statistics.median(first):.2f} ms (sentences mostly read for the first time)")
    if again:
        print(f"  repeats:          median {statistics.median(again):.2f} ms (sentences read before)")
    print(f"ratio median(ask) / median(encode): {ma / me:.2f}; first pass {statistics.median(first) / me:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
