"""eval/faults.py on a small corpus: bad questions, every index file damaged three ways, a
rebuild killed (SIGKILL) after 3 s, two builds at once. Nothing may be unhandled."""

import re
import sys

from conftest import ROOT, copy_pages

sys.path.insert(0, str(ROOT / "eval"))
import faults  # noqa: E402


def test_fault_script_finds_nothing_unhandled(tmp_path):
    corpus = copy_pages(tmp_path / "corpus", "hanbit_daily.txt", "sidebar_portal.txt")
    out = tmp_path / "faults.md"
    code = faults.main(["--corpus", str(corpus), "--question", "창원시 협동로봇 도입 기업당 최대 지원금은?",
                        "--expect", "1억 2천만 원", "--kill-after", "3", "--out", str(out)])
    report = out.read_text(encoding="utf-8")
    assert "**FAIL**" not in report and code == 0, report
    # every group ran, and each index file was damaged in each way
    for group in ("question (library)", "question (CLI)", "question (UI handler)", "damaged index: load", "damaged index: CLI ask",
                  "damaged index: `assistant index` repairs", "rebuild killed (SIGKILL)", "two `assistant index"):
        assert f"| {group}" in report
    for name in ("manifest.json", "chunks.jsonl", "dense.faiss", "names.json", "bm25/"):
        for how in ("truncated", "garbage", "deleted"):
            row = rf"\| damaged index: load \| {re.escape(name)}[^|]* {how} \| ok \|"
            assert re.search(row, report), (name, how)
