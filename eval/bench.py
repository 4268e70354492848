"""Scale benchmark: synthetic corpora of 1k, 10k and 100k chunks, built and queried for real.

    python eval/bench.py                       # all sizes; writes eval/bench.md and eval/bench.json
    python eval/bench.py --sizes 1000 --real 200 --out /tmp/b   # a quick run

For each size, in fresh processes (so peak memory is each step's own):
  build  synthetic pages (eval/synth.py) -> `assistant.build_index` with the stage clock of the
         build report: clean, kiwi, encode, faiss, bm25, write, as chunks/s; peak RSS; size on disk.
  query  `assistant.load` + `ask` over the eval questions: p50/p95 end to end and per stage;
         beside it the bare parts on the same index (encoder alone, FAISS flat alone, bm25s
         alone, Kiwi alone) so our layer's overhead shows as a ratio; flat vs HNSW vs IVF FAISS
         on the same vectors, with recall@10 and @50 against flat.
Real encoding runs at a few passages a second here, so only the first --real passages of each
size are encoded for real (at most --real-total in all); the rest are derived from those real
vectors (eval/synth.py, DerivedEncoder). Questions are always encoded for real.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import numpy as np  # noqa: E402

from assistant.evaluation.measure import latency, peak_rss_mb  # noqa: E402


def _dir_bytes(path: Path) -> dict:
    out = {}
    for p in path.rglob("*"):
        if p.is_file():
            top = p.relative_to(path).parts[0]
            out[top] = out.get(top, 0) + p.stat().st_size
    return out


# -- build ---------------------------------------------------------------------------------

def run_build(size: int, work: Path, real: int, seed: int) -> dict:
    import assistant
    from assistant import store
    from assistant.encoders import get_encoder
    from synth import DerivedEncoder, Pool, write_corpus

    corpus, index = work / f"corpus-{size}", work / f"index-{size}"
    pool_file = work / "real_vectors.npy"
    shutil.rmtree(corpus, ignore_errors=True)
    store.remove(index)
    t = time.perf_counter()
    pages = write_corpus(corpus, size, seed + size, Pool())
    synth_s = time.perf_counter() - t
    pool = np.load(pool_file) if pool_file.exists() else None
    enc = DerivedEncoder(get_encoder("e5-small"), real, pool, seed)
    report = assistant.build_index(corpus, index, encoder_model=enc)
    real_vectors = np.asarray(enc.pool[len(pool) if pool is not None else 0 :], dtype=np.float32)
    if len(real_vectors):
        np.save(pool_file, np.concatenate([pool, real_vectors]) if pool is not None else real_vectors)
    stages = report.stages
    return {
        "size": size, "pages": pages, "chunks": report.chunks, "documents": report.documents,
        "sentences_encoded": report.sentences_encoded,  # sentence vectors go through the same encoder
        "synthesis_s": round(synth_s, 1), "build_s": round(report.seconds, 1),
        "stages_s": {k: round(v, 2) for k, v in stages.items()},
        "chunks_per_s": {k: round(report.chunks / v, 1) for k, v in stages.items() if v > 0 and k != "encode"},
        "encoder": {"real_passages": enc.real_count, "real_seconds": round(enc.real_seconds, 1),
                    "real_passages_per_s": round(enc.real_count / enc.real_seconds, 2) if enc.real_seconds else None,
                    "derived_passages": enc.derived_count},
        "peak_rss_mb": round(peak_rss_mb()),
        "index_bytes": _dir_bytes(store.resolve(index)),
    }


# -- query ---------------------------------------------------------------------------------

def _time_ms(fn, *args, **kwargs):
    t = time.perf_counter()
    out = fn(*args, **kwargs)
    return (time.perf_counter() - t) * 1000, out


def _search_each(index, queries: np.ndarray, depth: int):
    """One query at a time, as a question is asked: (ms per query, rows per query)."""
    times, rows = [], []
    for q in queries:
        ms, (_, r) = _time_ms(index.search, q[None, :], depth)
        times.append(ms)
        rows.append(r[0])
    return times, np.asarray(rows)


def _recall(rows, truth) -> dict:
    return {f"recall@{k}": round(float(np.mean([len(set(a[:k]) & set(b[:k])) / k for a, b in zip(rows, truth)])), 4)
            for k in (10, 50)}


def _ann(vectors: np.ndarray, queries: np.ndarray, depth: int = 50) -> dict:
    """Flat vs HNSW vs IVF on the same vectors: build seconds, per-query ms, recall vs flat."""
    import faiss

    from assistant.config import HNSW_EF_CONSTRUCTION, HNSW_EF_SEARCH, HNSW_M

    n, d = vectors.shape
    out = {}
    nlist = max(1, int(4 * np.sqrt(n)))
    kinds = {
        "flat": lambda: faiss.IndexFlatIP(d),
        "hnsw": lambda: faiss.IndexHNSWFlat(d, HNSW_M, faiss.METRIC_INNER_PRODUCT),
        "ivf": lambda: faiss.IndexIVFFlat(faiss.IndexFlatIP(d), d, nlist, faiss.METRIC_INNER_PRODUCT),
    }
    truth = None
    for name, make in kinds.items():
        index = make()
        t = time.perf_counter()
        if name == "hnsw":
            index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        if name == "ivf":
            index.train(vectors[np.random.default_rng(0).choice(n, min(n, 64 * nlist), replace=False)])
            index.nprobe = 16
        index.add(vectors)
        build_s = time.perf_counter() - t
        if name == "hnsw":
            index.hnsw.efSearch = HNSW_EF_SEARCH
        times, rows = _search_each(index, queries, depth)
        if truth is None:
            truth = rows
        rec = _recall(rows, truth)
        out[name] = {"build_s": round(build_s, 2), "search_ms": latency(times), **rec,
                     "bytes": int(faiss.serialize_index(index).size)}
    out["ivf"]["params"] = {"nlist": nlist, "nprobe": 16}
    out["hnsw"]["params"] = {"M": HNSW_M, "efConstruction": HNSW_EF_CONSTRUCTION, "efSearch": HNSW_EF_SEARCH}
    return out


def _ef_sweep(vectors: np.ndarray, queries: np.ndarray, depth: int = 50) -> dict:
    """HNSW search cost and recall against flat for several efSearch values (one build)."""
    import faiss

    from assistant.config import HNSW_EF_CONSTRUCTION, HNSW_M

    flat = faiss.IndexFlatIP(vectors.shape[1])
    flat.add(vectors)
    _, truth = flat.search(queries, depth)
    index = faiss.IndexHNSWFlat(vectors.shape[1], HNSW_M, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
    index.add(vectors)
    out = {}
    for ef in (128, 256, 512, 1024, 2048):
        index.hnsw.efSearch = ef
        times, rows = _search_each(index, queries, depth)
        out[str(ef)] = {"search_ms": latency(times), **_recall(rows, truth)}
    return out


def run_query(size: int, work: Path, questions_file: Path, repeat: int) -> dict:
    import assistant
    from assistant import korean
    from assistant.evaluation import load_questions

    index = work / f"index-{size}"
    t = time.perf_counter()
    qa = assistant.load(index)
    load_s = time.perf_counter() - t
    questions = [q.question for q in load_questions(questions_file)]
    for q in questions[:5]:
        qa.ask(q)  # warm up
    stages: dict[str, list] = {}
    e2e = []
    for _ in range(repeat):
        for q in questions:
            ms, ans = _time_ms(qa.ask, q)
            e2e.append(ms)
            for name, v in {**ans.timings_ms, **ans.stages_ms}.items():
                stages.setdefault(name, []).append(v)
    # the bare parts, on the same index and questions
    import faiss

    vectors = qa.index.vectors()
    flat = faiss.IndexFlatIP(vectors.shape[1])
    flat.add(vectors)
    qvecs = qa.encoder.encode_queries(questions)
    tokens = [[t for t in korean.tokens(q) if t in qa.retriever.vocab] for q in questions]
    bare = {"encoder": [], "faiss_flat": [], "bm25s": [], "kiwi": []}
    for _ in range(repeat):
        for q, v, toks in zip(questions, qvecs, tokens):
            bare["kiwi"].append(_time_ms(korean.kiwi().tokenize, q)[0])
            bare["encoder"].append(_time_ms(qa.encoder.encode_queries, [q])[0])
            bare["faiss_flat"].append(_time_ms(flat.search, v[None, :], 50)[0])
            if toks:
                bare["bm25s"].append(_time_ms(qa.index.bm25.retrieve, [toks], k=50, show_progress=False)[0])
    bare_s = {k: latency(v) for k, v in bare.items()}
    parts_p50 = sum(bare_s[k]["p50"] for k in ("encoder", "faiss_flat", "bm25s"))
    return {
        "size": size, "load_s": round(load_s, 1), "dense_index": qa.index.manifest.dense["faiss"],
        "questions": len(questions), "repeat": repeat,
        "end_to_end_ms": latency(e2e), "stages_ms": {k: latency(v) for k, v in stages.items()},
        "bare_ms": bare_s,
        "overhead_ratio_p50": round(latency(e2e)["p50"] / parts_p50, 2),
        "overhead_ratio_p50_with_kiwi": round(latency(e2e)["p50"] / (parts_p50 + bare_s["kiwi"]["p50"]), 2),
        "ann": _ann(vectors, np.ascontiguousarray(qvecs, dtype=np.float32)),
        # between the corpus sizes: where does the approximate index start to pay?
        "ann_sweep": {str(n): _ann(vectors[:n], np.ascontiguousarray(qvecs, dtype=np.float32))
                      for n in SWEEP if n < len(vectors)},
        "ef_sweep": _ef_sweep(vectors, np.ascontiguousarray(qvecs, dtype=np.float32)) if len(vectors) >= SWEEP[-1] else {},
        "peak_rss_mb": round(peak_rss_mb()),
    }


SWEEP = (20_000, 50_000)  # extra flat-vs-approximate points, on the first n vectors of the largest corpus


def approx_pays(points: dict[int, dict]) -> int | None:
    """Smallest measured size where HNSW pays: flat search p50 over 5 ms (a visible share of a
    question), HNSW at least 2x faster, and recall@50 (the retrieval depth) at least 0.95."""
    for n in sorted(points):
        a = points[n]
        flat, hnsw = a["flat"]["search_ms"]["p50"], a["hnsw"]["search_ms"]["p50"]
        if flat > 5 and hnsw * 2 <= flat and a["hnsw"]["recall@50"] >= 0.95:
            return n
    return None


# -- report --------------------------------------------------------------------------------

def _mb(n):
    return f"{n / 1e6:.1f}"


def markdown(results: list[dict], meta: dict, encoder: dict | None = None) -> str:
    L = ["# Scale benchmark", "",
         f"`python eval/bench.py` on {meta['machine']}; seed {meta['seed']}; {meta['date']}.", "",
         "Corpora are synthetic news pages made from the shipped articles (eval/synth.py): real titles and",
         "sentences with places, amounts and dates swapped, wrapped in page chrome. **Vectors:** the first",
         f"passages of each size were encoded with e5-small for real ({meta['real_total']} in all); every other passage",
         "vector was *derived* from those real ones (0.6·a + 0.4·b + noise, normalised), because encoding",
         "100k passages on 2 cores takes hours. Questions are always encoded for real. BM25, Kiwi, cleaning,",
         "FAISS and the answer step all run for real on every chunk.", "",
         "Ingestion speed per format (PDF, DOCX, HWPX, HWP; pages/s): `eval/ingest_bench.md`"
         " (`python eval/ingest_bench.py`).", ""]
    L += ["## Build", "", "| chunks | pages | build s | clean | kiwi | encode (real) | faiss | bm25 | write | peak RSS MB | index MB |",
          "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        b = r["build"]
        cps = b["chunks_per_s"]
        enc = b["encoder"]
        L.append(f"| {b['chunks']:,} | {b['pages']:,} | {b['build_s']} | {cps.get('clean', '-')} | {cps.get('kiwi', '-')} | "
                 f"{enc['real_passages_per_s'] or '-'} ({enc['real_passages']:,} real, {enc['derived_passages']:,} derived) | "
                 f"{cps.get('faiss', '-')} | {cps.get('bm25', '-')} | {cps.get('write', '-')} | {b['peak_rss_mb']:,} | "
                 f"{_mb(sum(b['index_bytes'].values()))} |")
    L += ["", "Stage columns are chunks per second (encode: real passages per second, batches of 32).",
          "Index MB by file: " + "; ".join(
              f"{r['build']['chunks']:,}: " + ", ".join(f"{k} {_mb(v)}" for k, v in sorted(r["build"]["index_bytes"].items()))
              for r in results), ""]
    if encoder and "speed" in encoder:
        from encoder_bench import markdown as encoder_markdown

        L += encoder_markdown(encoder)
    L += ["## Query latency (ms, one question at a time, warm process)", "",
          "| chunks | dense index | end to end p50 | p95 | analyse p50/p95 | encode p50/p95 | FAISS p50/p95 | bm25 p50/p95 | answer p50/p95 | load s | peak RSS MB |",
          "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        q = r["query"]
        s = q["stages_ms"]
        f = lambda k: f"{s[k]['p50']} / {s[k]['p95']}"  # noqa: E731
        L.append(f"| {r['build']['chunks']:,} | {q['dense_index']} | **{q['end_to_end_ms']['p50']}** | **{q['end_to_end_ms']['p95']}** | "
                 f"{f('analyse')} | {f('encode')} | {f('dense')} | {f('bm25')} | {f('answer')} | {q['load_s']} | {q['peak_rss_mb']:,} |")
        if "query_flat" in r:  # the same corpus measured with the exact index, before the store switched
            q = r["query_flat"]
            s = q["stages_ms"]
            L.append(f"| {r['build']['chunks']:,} | {q['dense_index']} (exact, for comparison) | {q['end_to_end_ms']['p50']} | "
                     f"{q['end_to_end_ms']['p95']} | {f('analyse')} | {f('encode')} | {f('dense')} | {f('bm25')} | {f('answer')} | "
                     f"{q['load_s']} | {q['peak_rss_mb']:,} |")
    L += ["", "## Our layer against the bare parts (same index, same questions, p50 ms)", "",
          "| chunks | end to end | encoder alone | FAISS flat alone | bm25s alone | Kiwi alone | ratio e2e / (encoder+FAISS+bm25s) | ratio incl. Kiwi |",
          "|---|---|---|---|---|---|---|---|"]
    for r in results:
        q = r["query"]
        b = q["bare_ms"]
        L.append(f"| {r['build']['chunks']:,} | {q['end_to_end_ms']['p50']} | {b['encoder']['p50']} | {b['faiss_flat']['p50']} | "
                 f"{b['bm25s']['p50']} | {b['kiwi']['p50']} | {q['overhead_ratio_p50']} | {q['overhead_ratio_p50_with_kiwi']} |")
    L += ["", "## Flat vs approximate FAISS (same vectors; queries = the eval questions, encoded for real)", "",
          "| chunks | index | build s | search p50 ms | p95 ms | recall@10 | recall@50 | MB |", "|---|---|---|---|---|---|---|---|"]
    for r in results:
        for name, a in r["query"]["ann"].items():
            L.append(f"| {r['build']['chunks']:,} | {name} | {a['build_s']} | {a['search_ms']['p50']} | {a['search_ms']['p95']} | "
                     f"{a['recall@10']} | {a['recall@50']} | {_mb(a['bytes'])} |")
    points = {}
    for r in results:
        points[r["build"]["chunks"]] = r["query"]["ann"]
        for n, a in r["query"].get("ann_sweep", {}).items():
            points[int(n)] = a
    sweep = [(n, a) for r in results for n, a in r["query"].get("ann_sweep", {}).items()]
    if sweep:
        L += ["", "Between the corpus sizes, on the first n vectors of the largest corpus:", "",
              "| vectors | index | build s | search p50 ms | p95 ms | recall@10 | recall@50 | MB |", "|---|---|---|---|---|---|---|---|"]
        for n, ann in sweep:
            for name, a in ann.items():
                L.append(f"| {int(n):,} | {name} | {a['build_s']} | {a['search_ms']['p50']} | {a['search_ms']['p95']} | "
                         f"{a['recall@10']} | {a['recall@50']} | {_mb(a['bytes'])} |")
    for r in results:
        ef = r["query"].get("ef_sweep") or {}
        if ef:
            L += ["", f"HNSW (M={r['query']['ann']['hnsw']['params']['M']}) at {r['build']['chunks']:,} vectors, by efSearch:", "",
                  "| efSearch | search p50 ms | p95 ms | recall@10 | recall@50 |", "|---|---|---|---|---|"]
            L += [f"| {k} | {a['search_ms']['p50']} | {a['search_ms']['p95']} | {a['recall@10']} | {a['recall@50']} |"
                  for k, a in ef.items()]
    pays = approx_pays(points)
    from assistant.config import APPROX_MIN_CHUNKS

    L += ["", "HNSW pays (flat p50 > 5 ms, HNSW ≥ 2x faster, recall@50 ≥ 0.95) from "
          + (f"{pays:,} vectors on" if pays else "none of the measured sizes")
          + f"; the store switches at APPROX_MIN_CHUNKS = {APPROX_MIN_CHUNKS:,} (assistant/config.py) and records "
          "the kind in manifest.json (`dense.faiss`).", ""]
    big = results[-1]
    e2e = big["query"]["end_to_end_ms"]
    L += [f"**Largest corpus ({big['build']['chunks']:,} chunks, {big['query']['dense_index']}): end-to-end p95 {e2e['p95']} ms "
          f"({'within' if e2e['p95'] <= 150 else 'over'} the 150 ms target on {meta['machine']}).**", ""]
    return "\n".join(L)


def _child(step: str, size: int, args) -> dict:
    cmd = [sys.executable, __file__, "--step", step, "--sizes", str(size), "--work", str(args.work), "--seed", str(args.seed),
           "--real", str(args.real), "--repeat", str(args.repeat), "--questions", str(args.questions)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"bench {step} {size} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    p.add_argument("--real", type=int, default=1000, help="passages encoded for real per size (default 1000)")
    p.add_argument("--real-total", type=int, default=2000, help="at most this many real passages in all")
    p.add_argument("--repeat", type=int, default=2, help="passes over the questions (default 2)")
    p.add_argument("--questions", type=Path, default=HERE / "questions.jsonl")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--work", type=Path, default=HERE / "out" / "bench", help="corpora and indexes (not committed)")
    p.add_argument("--out", type=Path, default=HERE, help="where bench.md and bench.json go (default eval/)")
    p.add_argument("--step", choices=["build", "query"], help=argparse.SUPPRESS)
    p.add_argument("--report-only", action="store_true", help="rewrite bench.md from the bench.json in --out")
    p.add_argument("--requery", type=int, metavar="SIZE", help="run the query step of SIZE again into bench.json")
    p.add_argument("--encoders", action="store_true",
                   help="compare the e5-small runtimes (eval/encoder_bench.py) into bench.json and bench.md")
    p.add_argument("--encoder-builds", action="store_true",
                   help="only the KorQuAD-A builds of --encoders again (in a process that loads no model), into bench.json")
    args = p.parse_args(argv)
    args.work = args.work.resolve()
    if args.encoders or args.encoder_builds:
        import encoder_bench

        data = json.loads((args.out / "bench.json").read_text(encoding="utf-8"))
        if args.encoders:
            data["encoder"] = encoder_bench.run(args.work / "encoders")
        else:
            data["encoder"]["build"] = encoder_bench.builds(args.work / "encoders")
            data["encoder"]["build_run"] = time.strftime("%Y-%m-%d %H:%M")
        (args.out / "bench.json").write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        args.report_only = True
    if args.requery:  # query one size again (after `assistant index` changed its index) and rewrite the report
        data = json.loads((args.out / "bench.json").read_text(encoding="utf-8"))
        for r in data["results"]:
            if r["build"]["size"] == args.requery:
                r["query"] = _child("query", args.requery, args)
        (args.out / "bench.json").write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        args.report_only = True
    if args.report_only:
        data = json.loads((args.out / "bench.json").read_text(encoding="utf-8"))
        (args.out / "bench.md").write_text(markdown(data["results"], data["meta"], data.get("encoder")), encoding="utf-8")
        return 0
    if args.step:
        size = args.sizes[0]
        res = (run_build(size, args.work, args.real, args.seed) if args.step == "build"
               else run_query(size, args.work, args.questions, args.repeat))
        print(json.dumps(res, ensure_ascii=False))
        return 0
    args.work.mkdir(parents=True, exist_ok=True)
    (args.work / "real_vectors.npy").unlink(missing_ok=True)
    results, left = [], args.real_total
    for size in sorted(args.sizes):
        real = min(args.real, left)
        left -= real
        child_args = argparse.Namespace(**{**vars(args), "real": real})
        print(f"[{size:,} chunks] building ({real} passages encoded for real) ...", file=sys.stderr, flush=True)
        b = _child("build", size, child_args)
        print(f"  {b['chunks']:,} chunks in {b['build_s']} s; querying ...", file=sys.stderr, flush=True)
        q = _child("query", size, child_args)
        print(f"  end to end p50 {q['end_to_end_ms']['p50']} ms, p95 {q['end_to_end_ms']['p95']} ms", file=sys.stderr, flush=True)
        results.append({"build": b, "query": q})
    meta = {"machine": f"{os.cpu_count()} cores, no GPU", "seed": args.seed, "date": time.strftime("%Y-%m-%d"),
            "real_total": sum(r["build"]["encoder"]["real_passages"] for r in results)}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "bench.json").write_text(json.dumps({"meta": meta, "results": results}, ensure_ascii=False, indent=2) + "\n",
                                         encoding="utf-8")
    (args.out / "bench.md").write_text(markdown(results, meta), encoding="utf-8")
    print(markdown(results, meta))
    return 0


if __name__ == "__main__":
    sys.exit(main())
