"""Fault script: bad questions, each index file damaged in turn, builds killed and run twice at once.

    python eval/faults.py                  # shipped corpus; writes eval/faults.md, exit 1 if anything is unhandled
    python eval/faults.py --corpus DIR --question Q --expect ANSWER --out FILE

Everything runs on copies in a temp folder. A case passes when the library answers or raises
its own exception (AssistantError) with a message, when the CLI exits with a message and no
traceback, and, for damaged or half-built indexes, when the message names the fix, the fix
works, and the previous good index is still there and still answers right.
"""

import argparse
import contextlib
import io
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]

import assistant  # noqa: E402
from assistant import cli, store  # noqa: E402
from assistant.numbers import answer_matches  # noqa: E402

BAD_QUESTIONS = {
    "empty": "",
    "whitespace only": " \n\t\u3000 ",
    "100 KB": "김포 스마트공장 최대 지원금은? " * 5000,
    "100 KB no spaces": "가" * 100_000,
    "emoji": "🏭🤖 김포 스마트공장 최대 지원금은? 🙏💰",
    "only emoji": "🏭🤖🙏",
    "control characters": "\x00\x07김포\x1b[31m 스마트공장\x7f 최대 지원금은?\x08",
    "only control characters": "\x00\x01\x02\x1b",
    "zero-width and bidi": "\u200b김포\u202e 스마트공장\u200d 최대 지원금은?\ufeff",
    "lone surrogate": "김포 \ud800 지원금은?",
    "HTML injection": "<img src=x onerror=alert(1)><script>alert(1)</script> 김포 지원금은?",
    "markdown injection": "[눌러](javascript:alert(1)) **김포** ![x](http://evil.example/x.png) 지원금 | 표 |",
    "SQL-ish": "'; DROP TABLE chunks; -- 김포 지원금",
    "not a string (None)": None,
    "not a string (int)": 12345,
    "bytes": "김포 지원금".encode("utf-8"),
}


class Log:
    def __init__(self):
        self.rows: list[tuple[str, str, bool, str]] = []  # (group, case, ok, detail)

    def add(self, group: str, case: str, ok: bool, detail: str) -> None:
        self.rows.append((group, case, ok, " ".join(str(detail).split())[:240]))

    @property
    def failures(self):
        return [r for r in self.rows if not r[2]]


def _call(fn, *args, **kwargs):
    """('answer', value) | ('library', AssistantError) | ('UNHANDLED', traceback text)."""
    try:
        return "answer", fn(*args, **kwargs)
    except assistant.AssistantError as exc:
        return "library", exc
    except Exception:  # what the fault script exists to find
        return "UNHANDLED", traceback.format_exc()


def _cli(*args) -> subprocess.CompletedProcess:
    """`assistant ARGS` in this process (the models stay loaded between cases); an exception
    escaping main() is reported as the traceback a user would have seen."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main([str(a) for a in args])
        except SystemExit as exc:  # argparse
            code = exc.code
        except Exception:
            err.write(traceback.format_exc())
            code = 1
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def _answers_right(index: Path, question: str, expect: str) -> tuple[bool, str]:
    kind, value = _call(lambda: assistant.load(index).ask(question))
    if kind != "answer":
        return False, f"{kind}: {value}"
    return (not value.abstained and answer_matches(value.answer, expect)), value.answer


def check_questions(log: Log, qa, index: Path, corpus: Path) -> None:
    sys.path.insert(0, str(ROOT))
    import ui  # the chat's handler, on the same index (gradio is imported, nothing is served)
    from assistant.service import Service

    ui.service = Service(corpus, index)
    for case, q in BAD_QUESTIONS.items():
        kind, value = _call(qa.ask, q)
        ok = kind != "UNHANDLED"
        log.add("question (library)", case, ok, value.answer if kind == "answer" else f"{type(value).__name__}: {value}"
                if ok else value)
        if isinstance(q, str):
            proc = _cli("ask", q, "--index", index)
            ok = proc.returncode in (0, 2) and "Traceback" not in proc.stderr
            log.add("question (CLI)", case, ok, f"exit {proc.returncode}: " + (proc.stderr or proc.stdout)[:200])
            kind, value = _call(ui.respond, q, [], 5)
            ok = kind == "answer" and len(value[0]) == 2 and "<img" not in value[0][0]["content"] + value[0][1]["content"]
            log.add("question (UI handler)", case, ok, value[0][1]["content"][:200] if kind == "answer" else value)


def _damage(path: Path, how: str) -> None:
    data = path.read_bytes()
    if how == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif how == "emptied":
        path.write_bytes(b"")
    elif how == "garbage":
        path.write_bytes(os.urandom(max(16, min(len(data), 4096))))
    elif how == "deleted":
        path.unlink()


def check_damaged_files(log: Log, good: Path, corpus: Path, work: Path, question: str, expect: str) -> None:
    version = store.resolve(good)
    files = sorted(p.relative_to(version) for p in version.rglob("*") if p.is_file() and p.name != store.README)
    for rel in files:
        for how in ("truncated", "emptied", "garbage", "deleted"):
            case = f"{rel} {how}"
            bad = work / f"damaged-{len(log.rows)}"
            shutil.copytree(good, bad)
            _damage(store.resolve(bad) / rel, how)
            kind, value = _call(assistant.load, bad)
            named = kind == "library" and "assistant index --rebuild" in str(value)
            if kind == "answer":  # loads anyway: only fine if it still answers right
                named, detail = _answers_right(bad, question, expect)
                detail = "still loads and answers: " + detail
            else:
                detail = f"{type(value).__name__}: {value}" if kind == "library" else value
            log.add("damaged index: load", case, named, detail)
            proc = _cli("ask", question, "--index", bad)
            ok = (proc.returncode == 0 or "--rebuild" in proc.stderr) and "Traceback" not in proc.stderr
            log.add("damaged index: CLI ask", case, ok, f"exit {proc.returncode}: {proc.stderr.strip()[:160]}")
            proc = _cli("index", "--corpus", corpus, "--index", bad)  # the fix the messages name (incremental first)
            right, answer = _answers_right(bad, question, expect)
            ok = proc.returncode == 0 and right and "Traceback" not in proc.stderr
            log.add("damaged index: `assistant index` repairs", case, ok, f"exit {proc.returncode}; then: {answer}")
            store.remove(bad)


def check_killed_builds(log: Log, good: Path, corpus: Path, work: Path, question: str, expect: str,
                        kill_after: list[float]) -> None:
    index = work / "killed"
    shutil.copytree(good, index)
    before = store.read_manifest(index).created
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    for seconds in kill_after:
        proc = subprocess.Popen([sys.executable, "-m", "assistant.cli", "index", "--rebuild", "--corpus", str(corpus),
                                 "--index", str(index)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                                cwd=ROOT)
        time.sleep(seconds)
        finished = proc.poll() is not None
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        right, answer = _answers_right(index, question, expect)
        kind, value = _call(store.read_manifest, index)
        same = kind == "answer" and value.created == before
        ok = right and (same or finished)
        log.add("rebuild killed (SIGKILL)", f"after {seconds:g} s", ok,
                ("finished before the kill; " if finished else "previous index kept; " if same else "INDEX CHANGED; ")
                + f"answers: {answer}")
    proc = _cli("index", "--rebuild", "--corpus", corpus, "--index", index)
    right, answer = _answers_right(index, question, expect)
    leftover = list(index.parent.glob(f".{index.name}.partial"))
    log.add("rebuild killed (SIGKILL)", "then run to the end", proc.returncode == 0 and right and not leftover,
            f"exit {proc.returncode}: {proc.stdout.strip()[:200]}; answers: {answer}")


def check_concurrent_builds(log: Log, good: Path, corpus: Path, work: Path, question: str, expect: str) -> None:
    index = work / "concurrent"
    shutil.copytree(good, index)
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    cmd = [sys.executable, "-m", "assistant.cli", "index", "--rebuild", "--corpus", str(corpus), "--index", str(index)]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
             for _ in range(2)]
    outs = [p.communicate(timeout=600) for p in procs]
    codes = sorted(p.returncode for p in procs)
    busy = any("another `assistant index`" in err for _, err in outs)
    right, answer = _answers_right(index, question, expect)
    tracebacks = any("Traceback" in err for _, err in outs)
    ok = right and not tracebacks and (codes == [0, 0] or (codes == [0, 2] and busy))
    log.add("two `assistant index --rebuild` at once", "same index", ok,
            f"exit codes {codes}; {'second refused: another build is writing; ' if busy else ''}answers: {answer}")


def _shown(path: Path) -> str:
    path = Path(path).resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def report(log: Log, args) -> str:
    n_bad = len(log.failures)
    lines = ["# Fault script", "", f"`python eval/faults.py` ({time.strftime('%Y-%m-%d')}), corpus `{_shown(args.corpus)}`, "
             f"check question “{args.question}” → {args.expect}.", "",
             f"**{len(log.rows)} cases, {n_bad} unhandled or wrong.**", "",
             "| group | case | result | what happened |", "|---|---|---|---|"]
    for group, case, ok, detail in log.rows:
        lines.append(f"| {group} | {case} | {'ok' if ok else '**FAIL**'} | {detail.replace('|', '¦')} |")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    p.add_argument("--question", default="김포 스마트공장 최대 지원금은?")
    p.add_argument("--expect", default="5,000만 원")
    p.add_argument("--kill-after", type=float, nargs="+", default=[3.0, 8.0, 13.0])
    p.add_argument("--out", type=Path, default=ROOT / "eval" / "faults.md")
    args = p.parse_args(argv)
    log = Log()
    with tempfile.TemporaryDirectory(prefix="faults-") as tmp:
        work = Path(tmp)
        corpus = work / "corpus"
        shutil.copytree(args.corpus, corpus)
        good = work / "good"
        assistant.build_index(corpus, good)
        qa = assistant.load(good)
        check_questions(log, qa, good, corpus)
        check_damaged_files(log, good, corpus, work, args.question, args.expect)
        check_killed_builds(log, good, corpus, work, args.question, args.expect, args.kill_after)
        check_concurrent_builds(log, good, corpus, work, args.question, args.expect)
    text = report(log, args)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 1 if log.failures else 0


if __name__ == "__main__":
    sys.exit(main())
