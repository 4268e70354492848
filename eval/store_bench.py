"""The two stores side by side at scale: FAISS + bm25s files against Milvus (Lite here), and the
Ray build's encoding speed with 1 and 2 local workers. Writes eval/store_bench.md and .json.

    python eval/store_bench.py --chunks 100000                # both stores at 100k rows
    python eval/store_bench.py --chunks 100000 1000000 --stores faiss milvus
    python eval/store_bench.py --ray-workers 1 2               # only the Ray encoding rows

Rows are made from a real index (default: KorQuAD part A's corpus, built and cached under
eval/.cache/): row i takes the Kiwi terms of real chunk i mod R with a quarter of them swapped
for terms of another real chunk, and a vector derived from two real chunk vectors plus noise
(L2-normalised): encoding a million passages here would take days. Questions are KorQuAD's,
encoded for real and analysed by the assistant's own Analyzer. What is timed end to end per
question: encoding it, the dense search, the BM25 search and the fusion (retrieval.py's
code); recall@10 compares the store's dense top 10 with exact inner-product search (numpy).
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from assistant.evaluation.measure import latency, peak_rss_mb, rss_mb

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
KORQUAD = ROOT.parent / "shared" / "benchmarks" / "korquad-a"


def _size_mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 2**20
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def source(args):
    """A real index (built once, cached) and its questions."""
    import assistant

    index = HERE / ".cache" / "store-bench-source"
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    assistant.build_index(args.corpus, index)
    qa = assistant.load(index)
    questions = [json.loads(line)["question"] for line in args.questions.read_text(encoding="utf-8").splitlines()
                 if line.strip()][: args.n_questions]
    return qa, questions


def rows(qa, n: int, seed: int):
    """n synthetic rows (terms, vector) derived from the real index."""
    from assistant.korean import title_terms

    rng = np.random.default_rng(seed)
    real_terms = [list(title_terms(c.title)) + [t for s in c.terms for t in s] for c in qa.index.chunks]
    real_vecs = qa.index.vectors()
    r = len(real_terms)
    tokens, vectors = [], np.empty((n, real_vecs.shape[1]), dtype=np.float32)
    for s in range(0, n, 50_000):
        e = min(n, s + 50_000)
        a = np.arange(s, e) % r
        b = rng.integers(0, r, e - s)
        v = real_vecs[a] + 0.5 * real_vecs[b] + 0.05 * rng.standard_normal((e - s, real_vecs.shape[1]))
        vectors[s:e] = v / np.linalg.norm(v, axis=1, keepdims=True)
        for i, j in zip(a, b):
            mine, other = real_terms[i], real_terms[j]
            k = len(mine) // 4
            tokens.append(mine[k:] + other[:k])
    return tokens, vectors


def bench_store(kind: str, qa, questions, tokens, vectors, work: Path, approx_min: int) -> dict:
    from assistant import fusion, store
    from assistant.config import FUSION_ALPHA, RETRIEVE_DEPTH
    from assistant.store import milvus

    n = len(tokens)
    rss0 = rss_mb()
    t = time.perf_counter()
    if kind == "faiss":
        import bm25s

        dense, entry = store.dense_index(vectors, approx_min)
        bm25 = bm25s.BM25()
        bm25.index(tokens, show_progress=False)
        search = store.FaissSearch(dense, bm25)
        build_s = time.perf_counter() - t
        import faiss

        folder = work / f"faiss-{n}"
        folder.mkdir(parents=True, exist_ok=True)
        faiss.write_index(dense, str(folder / "dense.faiss"))
        bm25.save(str(folder / "bm25"), show_progress=False)
        disk = _size_mb(folder)
        index_name = entry["faiss"]
    else:
        spec = store.parse(f"milvus:{work / f'milvus-{n}.db'}")
        fields = [{"doc_id": f"d{i // 8}", "region": "", "year": 0, "format": "txt", "deadline": ""} for i in range(n)]
        entry = milvus.create(spec, f"bench_{n}", fields, tokens, vectors, n >= approx_min)
        build_s = time.perf_counter() - t
        search = milvus.MilvusSearch(spec, entry, vectors.shape[1], n)
        disk = _size_mb(Path(spec.uri))
        index_name = entry["index"]
    rss_build = rss_mb() - rss0
    qvecs = qa.encoder.encode_queries(questions)
    terms = [[t for t in qa.analyzer.analyse(q, "").terms if t in qa.retriever.vocab] for q in questions]
    depth = min(n, RETRIEVE_DEPTH)
    # exact top 10 of every question first: numpy's BLAS threads spin for a while after a large
    # product and would slow the timed encoding that follows (measured: encode p95 ~110 ms instead of ~30)
    truth = np.concatenate([np.argpartition(-(qvecs[s:s + 25] @ vectors.T), 10, axis=1)[:, :10]
                            for s in range(0, len(qvecs), 25)])
    time.sleep(2)
    times, recalls = [], []
    parts = {"encode": [], "dense": [], "bm25": []}
    for i, q in enumerate(questions):
        t = time.perf_counter()
        v = qa.encoder.encode_queries([q])
        t1 = time.perf_counter()
        d = search.dense(v, depth)[0]
        t2 = time.perf_counter()
        s = search.bm25([terms[i]], depth)[0]
        t3 = time.perf_counter()
        fused = fusion.weighted(d, s, FUSION_ALPHA)
        sorted(fused, key=lambda r: -fused[r])[:10]
        times.append((time.perf_counter() - t) * 1000)
        for name, seconds in (("encode", t1 - t), ("dense", t2 - t1), ("bm25", t3 - t2)):
            parts[name].append(seconds * 1000)
        top = sorted(d, key=d.get, reverse=True)[:10]
        recalls.append(len(set(top) & {int(x) for x in truth[i]}) / 10)
    out = {"store": kind, "chunks": n, "index": index_name, "build_s": round(build_s, 1),
           "rows_per_s": round(n / build_s), "query_p50_ms": latency(times, 1)["p50"], "query_p95_ms": latency(times, 1)["p95"],
           **{f"{name}_p50_ms": latency(v, 1)["p50"] for name, v in parts.items()},
           **{f"{name}_p95_ms": latency(v, 1)["p95"] for name, v in parts.items()},
           "recall_at_10": round(float(np.mean(recalls)), 4), "disk_mb": round(disk, 1),
           "rss_added_mb": round(rss_build), "peak_rss_mb": round(peak_rss_mb())}
    if kind == "milvus":
        milvus.drop(spec, entry["collection"])
        milvus.close(spec)
    return out


def bench_ray(qa, workers: int, n_texts: int) -> dict:
    """Passages/s of the Ray build's encoding tasks on a local Ray of `workers` CPUs (a child
    process per setting: Ray's CPU count is fixed when it starts)."""
    code = f"""
import json, sys, time, ray
from assistant import indexer, store
from assistant.chunking import passage_text
from assistant.workers import RayWorkers
ray.init(num_cpus={workers}, include_dashboard=False, log_to_driver=False, configure_logging=False)
idx = store.load({str(HERE / '.cache' / 'store-bench-source')!r})
texts = [passage_text(c) for c in idx.chunks][:{n_texts}]
w = RayWorkers("auto")
batches = [texts[i:i + 32] for i in range(0, len(texts), 32)]
list(w.run(indexer.encode_batch, [("e5-small", b) for b in batches[:{workers}]]))  # workers load the model
t = time.perf_counter()
list(w.run(indexer.encode_batch, [("e5-small", b) for b in batches]))
print(json.dumps({{"workers": {workers}, "passages": len(texts), "seconds": round(time.perf_counter() - t, 1),
                  "passages_per_s": round(len(texts) / (time.perf_counter() - t), 2)}}))
"""
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=3000)
    if r.returncode:
        raise RuntimeError(r.stderr[-3000:])
    return json.loads(r.stdout.strip().splitlines()[-1])


def markdown(results: dict) -> str:
    lines = ["# Stores at scale: FAISS + bm25s files against Milvus", "",
             f"Run {results['meta']['date']} on {results['meta']['cpus']} cores by `python eval/store_bench.py` "
             f"(Milvus Lite {results['meta'].get('milvus_lite', '?')}, faiss {results['meta'].get('faiss', '?')}). "
             "Rows are derived from the real chunks and vectors of KorQuAD part A's corpus (terms mixed between "
             "two real chunks, vectors a mix of two real vectors plus noise): not real text at this size. "
             f"{results['meta']['questions']} KorQuAD questions, encoded for real; a query = encode + dense + "
             "BM25 + fusion. Recall@10: the store's dense top 10 against exact inner-product search.", "",
             "| store | chunks | dense index | build s | rows/s | query p50 ms | query p95 ms | encode p50/p95 | dense p50/p95 | BM25 p50/p95 | recall@10 | disk MB | RSS added MB |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    notes = [r["note"] for r in results["stores"] if r.get("note")]
    for r in results["stores"]:
        mark = " †" if r.get("note") else ""
        lines.append(f"| {r['store']}{mark} | {r['chunks']:,} | {r['index']} | {r['build_s']} | {r['rows_per_s']:,} | "
                     f"{r['query_p50_ms']} | {r['query_p95_ms']} | {r.get('encode_p50_ms')} / {r.get('encode_p95_ms')} | "
                     f"{r.get('dense_p50_ms')} / {r.get('dense_p95_ms')} | {r.get('bm25_p50_ms')} / {r.get('bm25_p95_ms')} | "
                     f"{r['recall_at_10']} | {r['disk_mb']} | {r['rss_added_mb']} |")
    lines += [f"\n† {note}" for note in notes]
    if results.get("ray"):
        lines += ["", "Ray build, encoding tasks (e5-small, 32 passages a task) on a local Ray:", "",
                  "| workers | passages | seconds | passages/s |", "|---|---|---|---|"]
        for r in results["ray"]:
            lines.append(f"| {r['workers']} | {r['passages']} | {r['seconds']} | {r['passages_per_s']} |")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--chunks", type=int, nargs="*", default=[100_000])
    p.add_argument("--stores", nargs="+", default=["faiss", "milvus"], choices=["faiss", "milvus"])
    p.add_argument("--ray-workers", type=int, nargs="*", default=[1, 2])
    p.add_argument("--ray-passages", type=int, default=512)
    p.add_argument("--corpus", type=Path, default=KORQUAD / "corpus")
    p.add_argument("--questions", type=Path, default=KORQUAD / "questions.jsonl")
    p.add_argument("--n-questions", type=int, default=200)
    p.add_argument("--approx-min", type=int, default=None, help="rows from which the dense index is HNSW (default: config)")
    p.add_argument("--work", type=Path, default=HERE / "out" / "store-bench")
    p.add_argument("--out", type=Path, default=HERE)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--append", action="store_true", help="add these rows to the store_bench.json in --out")
    args = p.parse_args(argv)
    from importlib.metadata import version

    from assistant.config import APPROX_MIN_CHUNKS

    qa, questions = source(args)
    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    results = {"meta": {"date": time.strftime("%Y-%m-%d"), "cpus": os.cpu_count(), "questions": len(questions),
                        "milvus_lite": version("milvus-lite"), "faiss": version("faiss-cpu")},
               "stores": [], "ray": []}
    if args.append and (args.out / "store_bench.json").exists():
        before = json.loads((args.out / "store_bench.json").read_text(encoding="utf-8"))
        results["stores"], results["ray"] = before["stores"], before["ray"]
    for n in args.chunks:
        tokens, vectors = rows(qa, n, args.seed)
        for kind in args.stores:
            r = bench_store(kind, qa, questions, tokens, vectors, args.work, args.approx_min or APPROX_MIN_CHUNKS)
            results["stores"].append(r)
            print(json.dumps(r), file=sys.stderr)
        del tokens, vectors
    for w in args.ray_workers:
        results["ray"].append(bench_ray(qa, w, args.ray_passages))
        print(json.dumps(results["ray"][-1]), file=sys.stderr)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "store_bench.json").write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (args.out / "store_bench.md").write_text(markdown(results), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
