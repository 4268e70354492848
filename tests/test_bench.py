"""eval/bench.py end to end at a tiny size: every figure of the report is produced."""

import json
import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "eval"))
import bench  # noqa: E402


def test_bench_runs_and_reports_every_figure(tmp_path):
    code = bench.main(["--sizes", "150", "--real", "20", "--repeat", "1", "--work", str(tmp_path / "w"),
                       "--out", str(tmp_path / "out")])
    assert code == 0
    data = json.loads((tmp_path / "out" / "bench.json").read_text(encoding="utf-8"))
    (r,) = data["results"]
    b, q = r["build"], r["query"]
    assert b["chunks"] >= 100 and b["encoder"]["real_passages"] == 20 and b["encoder"]["derived_passages"] == b["chunks"] + b["sentences_encoded"] - 20
    assert set(b["stages_s"]) >= {"clean", "kiwi", "encode", "faiss", "bm25", "write"}
    assert b["peak_rss_mb"] > 0 and b["index_bytes"]["dense.faiss"] > 0
    assert set(q["stages_ms"]) >= {"analyse", "encode", "dense", "bm25", "answer", "total"}
    assert q["end_to_end_ms"]["p95"] >= q["end_to_end_ms"]["p50"] > 0 and q["overhead_ratio_p50"] > 0
    assert q["ann"]["flat"]["recall@10"] == 1.0 and 0 < q["ann"]["hnsw"]["recall@10"] <= 1.0
    md = (tmp_path / "out" / "bench.md").read_text(encoding="utf-8")
    assert md.count(f"| {b['chunks']:,} |") >= 6  # a row in each table (3 in the FAISS table)
    for heading in ("## Build", "## Query latency", "## Our layer against the bare parts", "## Flat vs approximate FAISS"):
        assert heading in md
