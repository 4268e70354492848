"""The eval script and its metrics, on the project's own question set and on made-up files."""

import json
import subprocess
import sys

import pytest

from assistant.evaluation import EvalSetError, QuestionResult, load_questions, summarise
from assistant.ingest import read_documents, scan_corpus
from assistant.numbers import normalise_text

from conftest import CORPUS, ROOT

QUESTIONS = ROOT / "eval" / "questions.jsonl"


def test_question_set_size_and_mix():
    qs = load_questions(QUESTIONS)
    assert len(qs) >= 80
    assert sum(q.lang == "en" for q in qs) >= 15
    assert sum(not q.answers for q in qs) >= 12


def test_every_evidence_string_is_in_the_clean_corpus():
    clean = normalise_text(" ".join(d.text for cf in scan_corpus(CORPUS) for d in read_documents(cf)))
    for q in load_questions(QUESTIONS):
        for e in q.evidence:
            assert normalise_text(e) in clean, (q.id, e)


@pytest.mark.parametrize("line, message", [
    ('{"id": "a", "question": "q", "answers": [], "evidence": []}\n{not json}', ":2: not JSON"),
    ('{"id": "a", "question": "q", "answers": "5천만", "evidence": []}', ":1: field 'answers'"),
    ('{"id": "a", "question": "q", "answers": [], "evidence": []}\n{"id": "a", "question": "r", "answers": [], "evidence": []}',
     ":2: duplicate id"),
])
def test_malformed_question_files_name_the_line(tmp_path, line, message):
    path = tmp_path / "q.jsonl"
    path.write_text(line, encoding="utf-8")
    with pytest.raises(EvalSetError, match=message):
        load_questions(path)


def _result(i, answerable, rel, correct, abstained=False):
    return QuestionResult(id=str(i), question="q", lang="ko", qtype="amount", answerable=answerable, gold=["x"],
                          answer="", abstained=abstained, correct=correct, relevance=rel, n_relevant=1,
                          first_citation="", timings_ms={"total": float(i)})


def test_metric_definitions_on_known_values():
    results = [
        _result(1, True, [True, False], True),
        _result(2, True, [False, True], False),
        _result(3, True, [False, False, False], False, abstained=True),
        _result(4, False, [], True, abstained=True),
        _result(5, False, [], False),
    ]
    s = summarise(results)
    assert s["hit@1"] == pytest.approx(1 / 3) and s["hit@3"] == pytest.approx(2 / 3)
    assert s["mrr@10"] == pytest.approx((1 + 0.5 + 0) / 3)
    assert s["answer_accuracy"] == pytest.approx(1 / 3)
    assert s["abstention_recall"] == 0.5 and s["abstention_precision"] == 0.5
    assert s["wrongly_abstained"] == 1
    assert s["latency_ms"]["total"]["p50"] == 3.0


def test_run_script_on_an_unseen_file_agrees_with_ask(seed_index, tmp_path):
    import assistant

    qfile = tmp_path / "mine.jsonl"
    rows = [
        {"id": "a", "question": "김포 스마트공장 최대 지원금은?", "answers": ["5천만원"], "evidence": ["과제당 최대 5,000만 원"]},
        {"id": "b", "question": "How many SMEs will Samsung's Smart Factory 3.0 support?", "answers": ["600개"],
         "evidence": ["600개 중소기업"]},
        {"id": "c", "question": "제주도 스마트공장 지원 마감일은?", "answers": [], "evidence": []},
    ]
    qfile.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, str(ROOT / "eval" / "run.py"), "--questions", str(qfile), "--out", str(out),
                           "--index", str(seed_index), "--compare"], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert "| full |" in proc.stdout and "| bm25-kiwi |" in proc.stdout
    report = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert (out / "report.md").exists() and (out / "chart.png").stat().st_size > 1000
    qa = assistant.load(seed_index)
    got = {r["id"]: r for r in report["results"]["full"]}
    for r in rows:
        ans = qa.ask(r["question"], k=10)
        assert got[r["id"]]["answer"] == ans.answer and got[r["id"]]["abstained"] == ans.abstained
    assert report["summary"]["full"]["answer_accuracy"] == 1.0
    assert report["summary"]["full"]["abstention_recall"] == 1.0


def test_run_script_reports_a_bad_file_with_its_line(tmp_path, seed_index):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "question": "q", "answers": [], "evidence": []}\n[1, 2]\n', encoding="utf-8")
    proc = subprocess.run([sys.executable, str(ROOT / "eval" / "run.py"), "--questions", str(bad), "--index",
                           str(seed_index), "--out", str(tmp_path / "o")], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2 and "bad.jsonl:2" in proc.stderr
