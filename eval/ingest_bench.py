"""Ingestion speed per format: `python eval/ingest_bench.py` -> eval/ingest_bench.md.

Reads documents through `assistant.ingest.read_documents` (the reader, then the notice facts
and the Document), the way `assistant index` does, and reports pages/s and peak memory:
- PDF: the reader tests' 공고문 and a 200-page notice (tables on every page), printed by
  Debian's chromium (the same generators as tests/test_formats.py);
- DOCX and HWPX: the tests' 공고문 repeated to ~200 pages; their pages are estimated at
  1,800 characters of text each (the formats store no pages);
- HWP: the real HWP 5 samples in tests/data/hwp (small: pages estimated the same way).
Kiwi is loaded before timing (the indexer loads it anyway). Timings are medians of --repeat runs.
"""

import argparse
import importlib.util
import os
import resource
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests"))

from assistant import korean  # noqa: E402
from assistant.ingest import CorpusFile, read_documents  # noqa: E402

CHARS_PER_PAGE = 1800


def _formats_module():
    spec = importlib.util.spec_from_file_location("test_formats", ROOT / "tests" / "test_formats.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _pdfs(F, out: Path) -> dict[str, Path]:
    from playwright.sync_api import sync_playwright

    files = {"pdf: 공고문 (2 pages)": (out / "notice.pdf", F.notice_html()),
             "pdf: 200 pages with tables": (out / "long200.pdf", F.long_html(200))}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=F.CHROMIUM, args=F.CHROMIUM_ARGS)
        page = browser.new_page()
        for path, html in files.values():
            page.set_content(html)
            page.pdf(path=str(path))
        browser.close()
    return {name: path for name, (path, _) in files.items()}


def _repeated_docx(F, copies: int) -> bytes:
    import io

    import docx

    one = docx.Document(io.BytesIO(F.notice_docx()))
    body = one.element.body
    items = [el for el in body if not el.tag.endswith("sectPr")]
    from copy import deepcopy

    for _ in range(copies - 1):
        for el in items:
            body.insert(len(body) - 1, deepcopy(el))
    buf = io.BytesIO()
    one.save(buf)
    return buf.getvalue()


def _repeated_hwpx(F, copies: int) -> bytes:
    section = "".join(F.hwpx_para(h) + "".join(F.hwpx_table(F.TABLE) if p is None else F.hwpx_para(p) for p in ps)
                      for _ in range(copies) for h, ps in F.SECTIONS)
    return F.hwpx_package(section)


def measure(name: str, path: Path, repeat: int, pages: int | None = None) -> dict:
    data = path.read_bytes()
    cf = CorpusFile(path.name, path, path.name)
    times, docs = [], []
    for _ in range(repeat):
        t = time.perf_counter()
        docs = read_documents(cf, data)
        times.append(time.perf_counter() - t)
    chars = sum(len(d.text) for d in docs)
    n_pages = pages or max((p for d in docs for _, p in d.pages), default=0) or max(1, round(chars / CHARS_PER_PAGE))
    s = statistics.median(times)
    return {"name": name, "bytes": len(data), "pages": n_pages, "estimated": not (pages or docs[0].pages),
            "chars": chars, "seconds": s, "pages_per_s": n_pages / s}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--work", type=Path, default=HERE / "out" / "ingest_bench")
    ap.add_argument("--out", type=Path, default=HERE / "ingest_bench.md")
    args = ap.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    F = _formats_module()
    korean.kiwi()
    files = dict(_pdfs(F, args.work))
    for name, data, suffix in (("docx: 공고문 x 100", _repeated_docx(F, 100), ".docx"),
                               ("hwpx: 공고문 x 100", _repeated_hwpx(F, 100), ".hwpx")):
        path = args.work / f"notice100{suffix}"
        path.write_bytes(data)
        files[name] = path
    for p in sorted((ROOT / "tests" / "data" / "hwp").glob("*.hwp")):
        if "distribution" not in p.name:
            files[f"hwp: {p.name}"] = p
    rows = [measure(name, path, args.repeat) for name, path in files.items()]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lines = ["# Ingestion speed per format", "",
             f"`python eval/ingest_bench.py` on {os.cpu_count()} cores, median of {args.repeat} runs, through "
             "`assistant.ingest.read_documents` (reader + notice facts + Document). Pages marked * are estimated "
             f"at {CHARS_PER_PAGE} characters of text each (DOCX, HWPX and HWP store no pages).", "",
             "| document | size | pages | characters | seconds | pages/s |", "|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['name']} | {r['bytes'] / 1e6:.2f} MB | {r['pages']}{'*' if r['estimated'] else ''} | "
                     f"{r['chars']:,} | {r['seconds']:.3f} | {r['pages_per_s']:.0f} |")
    lines += ["", f"Peak memory of the whole run (Kiwi, chromium's client, every reader): {peak:.0f} MB.", ""]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
