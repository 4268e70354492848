"""Score a question file against a corpus, the assistant beside its baselines.

    python eval/run.py --corpus ../shared/benchmarks/korquad-a/corpus \\
        --questions ../shared/benchmarks/korquad-a/questions.jsonl --systems full,naive-peer --split test
    python eval/run.py --corpus corpus eval/domain/corpus --questions eval/domain/questions.jsonl
    python eval/run.py [--questions eval/questions.jsonl] [--compare]   # the default index, as before
    python eval/run.py --corpus corpus eval/domain/corpus --conversations eval/domain/conversations.jsonl \
        --systems full,full-alone,naive-peer     # multi-turn: every turn scored, follow-ups apart

--corpus DIR [DIR ...]: the folder(s) to index; several are staged as one folder of symlinks.
Indexes are cached in <cache>/<slug>/index (and index-naive500 for the naive peer) and updated
incrementally, so a second run builds nothing. slug: each folder's name, or its parent's when it
is called `corpus`, joined with "+". Without --corpus the default index (or --index) is scored.
Writes report.md, results.json and chart.png into --out (default eval/out/<slug>/); a thin shell
over assistant.evaluation.
"""

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
HERE = Path(__file__).resolve().parent

import assistant  # noqa: E402
from assistant.cli import load_or_build  # noqa: E402
from assistant.evaluation import (  # noqa: E402
    CONVERSATION_SYSTEMS,
    SYSTEMS,
    EvalSetError,
    System,
    assign,
    breakdown,
    load_conversations,
    load_questions,
    results_json,
    summarise,
)
from assistant.evaluation import report as reporting  # noqa: E402
from assistant.evaluation.runner import (  # noqa: E402
    ensure_index,
    folder_slug,
    naive_index,
    run,
    run_conversations,
    slug_of,
    stage_corpus,
)

SPLITS = ("all", "train", "test")


def _systems(text: str) -> list[str]:
    names = [s.strip() for s in text.split(",") if s.strip()]
    unknown = [s for s in names if s not in CONVERSATION_SYSTEMS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown system(s) {', '.join(unknown) or '(none)'}; choose from {', '.join(CONVERSATION_SYSTEMS)}")
    return list(dict.fromkeys(names))


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--corpus", nargs="+", default=None, metavar="DIR", help="corpus folder(s) to index and score")
    p.add_argument("--questions", default=str(HERE / "questions.jsonl"))
    p.add_argument("--conversations", default=None, metavar="FILE",
                   help="a multi-turn file (questions.py) instead of --questions: turns asked in order")
    p.add_argument("--systems", type=_systems, default=None, help=f"comma-separated, from {','.join(SYSTEMS)} (default full)")
    p.add_argument("--compare", action="store_true", help="run every system (same as --systems " + ",".join(SYSTEMS) + ")")
    p.add_argument("--split", choices=SPLITS, default="all", help="questions on test or train documents only (splits.py)")
    p.add_argument("--limit", type=int, default=None, metavar="N", help="only the first N questions (after --split)")
    p.add_argument("--index", default=None, help="index folder when no --corpus (default: $ASSISTANT_INDEX_DIR or ./index)")
    p.add_argument("--cache", default=str(HERE / ".cache"), help="where corpus indexes are cached (default eval/.cache)")
    p.add_argument("--out", default=None, help="folder for report.md, results.json, chart.png (default eval/out/<slug>)")
    p.add_argument("--json", default=None, help="also write the results JSON here")
    args = p.parse_args(argv)
    if args.corpus and args.index:
        p.error("--index scores a ready index; --corpus builds one in the cache: give one of them")
    default = ["full", "full-alone"] if args.conversations else ["full"]
    args.systems = (list(CONVERSATION_SYSTEMS) if args.conversations else list(SYSTEMS)) if args.compare else (
        args.systems or default)
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    from tqdm import tqdm

    def progress(items, desc):
        return tqdm(items, desc=desc, unit="q", file=sys.stderr, leave=False)

    def bar(total, desc):
        return tqdm(total=total, desc=desc, file=sys.stderr, leave=False)

    def waiting(message):
        print(message, file=sys.stderr, flush=True)

    started = time.perf_counter()
    cache = Path(args.cache)
    try:
        conversations = load_conversations(args.conversations) if args.conversations else None
        questions = [c.turns[0] for c in conversations] if conversations else load_questions(args.questions)
        if args.corpus:
            folders = [Path(c) for c in args.corpus]
            slug = slug_of(folders)
            corpus = stage_corpus(folders, cache)
            index_dir = cache / slug / "index"
            ensure_index(corpus, index_dir, progress=bar, on_wait=waiting)
            qa = assistant.load(index_dir)
        else:
            qa = load_or_build(args.index)  # a fresh checkout: the shipped corpus is indexed first
            corpus = Path(qa.index.manifest.corpus_dir)
            folders, slug = [corpus], folder_slug(corpus)
            if not corpus.is_dir():
                if "naive-peer" in args.systems or args.split != "all":
                    raise FileNotFoundError(f"the index's corpus {corpus}/ is gone; pass --corpus DIR")
                folders = []
        placed = {q.id: (doc, split) for q, doc, split in assign(questions, folders)} if folders else {}
        if conversations:  # a conversation goes where its first turn's document goes
            placed = {c.id: placed.get(c.turns[0].id, (None, "")) for c in conversations}
            questions = conversations
        chosen = [q for q in questions if args.split == "all" or placed.get(q.id, (None, ""))[1] == args.split]
        chosen = chosen[: args.limit] if args.limit else chosen
        if not chosen:
            raise EvalSetError(f"no question of {args.questions} is in the {args.split} split")
        naive = naive_index(corpus, cache / slug, qa.encoder, bar, waiting) if "naive-peer" in args.systems else None
    except (assistant.AssistantError, FileNotFoundError) as exc:
        print(f"오류 (error): {exc}", file=sys.stderr)
        return 2

    runner = run_conversations if conversations else run
    all_results = {name: runner(System(qa, name, naive_index=naive), chosen, progress, placed) for name in args.systems}
    summaries = {name: summarise(rs) for name, rs in all_results.items()}
    main_system = "full" if "full" in all_results else args.systems[0]
    split_counts = {}
    for _, split in placed.values():
        split_counts[split] = split_counts.get(split, 0) + 1
    source = args.conversations or args.questions
    n_asked = sum(len(c.turns) for c in chosen) if conversations else len(chosen)
    meta = {"questions": str(source), "n_in_file": len(questions), "n_questions": n_asked,
            "split": args.split, "limit": args.limit, "split_counts": dict(sorted(split_counts.items())),
            "corpus": [str(f) for f in (args.corpus or folders)], "slug": slug, "index": str(qa.index.dir),
            "naive_index": str(naive.dir) if naive else None, "encoder": qa.encoder.name,
            "main_system": main_system, "seconds": round(time.perf_counter() - started, 1)}
    report = {"meta": meta, "summary": summaries,
              "by_language": breakdown(all_results[main_system], "lang"),
              "by_type": breakdown(all_results[main_system], "qtype"),
              "by_split": breakdown(all_results[main_system], "split") if placed else {},
              "by_turn": breakdown(all_results[main_system], "turn") if conversations else {},
              "by_turn_systems": {name: breakdown(rs, "turn") for name, rs in all_results.items()} if conversations else {},
              "results": {name: results_json(rs) for name, rs in all_results.items()}}
    title = (f"{slug}: {Path(source).name}, split {args.split} (n={n_asked}"
             + (f" turns in {len(chosen)} conversations" if conversations else "") + ") — "
             + ", ".join(args.systems))
    out = Path(args.out) if args.out else HERE / "out" / slug
    written = reporting.write(out, report, all_results, title)
    if args.json:
        import json

        Path(args.json).write_text(json.dumps(reporting.rounded(report), ensure_ascii=False, indent=1), encoding="utf-8")
    print(reporting.summary_table(summaries))
    print()
    print(reporting.headline(main_system, summaries[main_system]))
    print()
    print(reporting.breakdown_table(report["by_language"], "language"))
    if conversations:
        print()
        print(reporting.breakdown_table(report["by_turn"], "turn"))
    print(f"\nwrote {', '.join(str(p) for p in written)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
