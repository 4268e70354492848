"""The eval script and its metrics, on the project's own question set and on made-up files."""

import json
import subprocess
import sys

import pytest

from assistant import store
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
                           "--index", str(seed_index), "--cache", str(tmp_path / "cache"),
                           "--systems", "full,bm25-whitespace,bm25-kiwi,dense"], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert "| full |" in proc.stdout and "| bm25-kiwi |" in proc.stdout
    report = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert (out / "report.md").exists() and (out / "chart.png").stat().st_size > 1000
    assert not (tmp_path / "cache").exists()  # a ready index is scored as it is
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


# -- short-answer EM / F1 (KorQuAD 1.0's official normalisation) ------------------------------

from assistant.evaluation import exact_match, f1_score, normalize_answer  # noqa: E402
from assistant.evaluation.baselines import full_short_answer  # noqa: E402
from assistant.evaluation.metrics import short_scores  # noqa: E402


@pytest.mark.parametrize("prediction, gold, em, f1", [
    ("1989년 2월 15일", "1989년 2월 15일", True, 1.0),
    ("1989년 2월 15일에", "1989년 2월 15일", False, 2 * (10 / 11) / (10 / 11 + 1)),  # 11 predicted chars, 10 shared
    ("《삼국사기》", "삼국사기", True, 1.0),  # brackets and quotes dropped
    ("'임수경'", "임수경", True, 1.0),
    ("‘백두산’.", "백두산", True, 1.0),  # curly quotes and punctuation dropped
    ("Seoul", "seoul", True, 1.0),  # lower-cased
    ("1989년  2월", "1989년 2월", True, 1.0),  # runs of whitespace are one space
    ("1989년2월", "1989년 2월", False, 1.0),  # character F1 ignores spaces; EM, like KorQuAD's, does not
    ("부산", "서울", False, 0.0),
    ("", "서울", False, 0.0),
])
def test_em_and_f1_as_korquad_scores_them(prediction, gold, em, f1):
    assert exact_match(prediction, gold) is em
    assert f1_score(prediction, gold) == pytest.approx(f1)


def test_short_scores_take_the_best_gold_and_zero_an_abstention():
    assert normalize_answer(" 〈서울〉 (대한민국) ") == "서울 대한민국"
    assert short_scores("5천만 원", ["5,000만 원", "5천만 원"], abstained=False) == (1.0, 1.0)
    assert short_scores("5천만 원", ["5천만 원"], abstained=True) == (0.0, 0.0)
    assert short_scores("아무거나", [], abstained=False) == (0.0, 0.0)


def test_full_short_answer_is_the_highlight_else_the_answer_without_its_marker():
    from assistant.answer import Answer, Citation

    cite = Citation(n=1, doc_id="d", chunk_id="d#0", title="t", date=None, outlet=None, path="p",
                    passage="과제당 최대 5,000만 원을 지원한다.", highlight="5,000만 원", score=1.0)
    assert full_short_answer(Answer("q", "과제당 최대 5,000만 원을 지원한다. [1]", False, [cite])) == "5,000만 원"
    plain = Citation(**{**cite.__dict__, "highlight": ""})
    assert full_short_answer(Answer("q", "과제당 최대 5,000만 원을 지원한다. [1]", False, [plain])) == \
        "과제당 최대 5,000만 원을 지원한다."


def test_summary_counts_em_f1_and_wrongly_abstained_over_answerable_questions():
    results = [_result(1, True, [True], True), _result(2, True, [True], True), _result(3, True, [], False, abstained=True),
               _result(4, False, [], True, abstained=True)]
    results[0].em, results[0].f1 = 1.0, 1.0
    results[1].em, results[1].f1 = 0.0, 0.5
    s = summarise(results)
    assert s["em"] == pytest.approx(1 / 3) and s["f1"] == pytest.approx(1.5 / 3)
    assert s["wrongly_abstained_share"] == pytest.approx(1 / 3) and s["abstention_recall"] == 1.0
    lo, hi = s["f1_ci95"]
    assert 0 <= lo <= s["f1"] <= hi <= 1


# -- splits by document ---------------------------------------------------------------------

import hashlib  # noqa: E402

from assistant.evaluation import assign, load_split, split_of  # noqa: E402
from assistant.evaluation.questions import parse_question  # noqa: E402


def _expected_split(key: str) -> str:
    return "test" if int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:8], 16) % 10 < 3 else "train"


def _split_corpus(tmp_path):
    corpus = tmp_path / "splitcorpus"
    corpus.mkdir()
    texts = {f"p{i:02d}.txt": f"제목 {i}\n\n{i:02d}번 문서의 본문이다. 이 문서의 고유 번호는 {1000 + i}번이다. 공통 문장도 있다." for i in range(20)}
    for name, text in texts.items():
        (corpus / name).write_text(text, encoding="utf-8")
    return corpus, sorted(texts)


def test_splits_are_deterministic_and_by_document(tmp_path):
    corpus, names = _split_corpus(tmp_path)
    rows = []
    for i, name in enumerate(names):  # two questions on each document
        rows.append({"id": f"a{i}", "question": f"{i}번 문서의 고유 번호는?", "answers": [f"{1000 + i}번"],
                     "evidence": [f"고유 번호는 {1000 + i}번"]})
        rows.append({"id": f"b{i}", "question": f"{i}번 문서 본문은?", "answers": ["x"],
                     "evidence": ["없는 증거", f"{i:02d}번 문서의 본문"]})
    rows.append({"id": "u1", "question": "없는 것은?", "answers": [], "evidence": []})
    rows.append({"id": "d1", "question": "지정된 문서는?", "answers": ["공통"], "evidence": ["공통 문장"], "doc": "p07.txt",
                 "type": "term", "lang": "ko", "source": "made up"})
    qfile = tmp_path / "q.jsonl"
    qfile.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")

    placed = load_split(qfile, [corpus])
    assert placed == load_split(qfile, [corpus])  # deterministic
    by_id = {q.id: (doc, split) for q, doc, split in placed}
    for i, name in enumerate(names):
        assert by_id[f"a{i}"] == by_id[f"b{i}"] == (name, _expected_split(name))
    assert by_id["u1"] == (None, _expected_split("u1"))  # unanswerable: by its id
    assert by_id["d1"] == ("p07.txt", _expected_split("p07.txt"))  # the "doc" field wins
    d1 = next(q for q, _, _ in placed if q.id == "d1")
    assert (d1.qtype, d1.lang, d1.doc, d1.extra["source"]) == ("term", "ko", "p07.txt", "made up")
    splits = {split for _, _, split in placed}
    assert splits == {"train", "test"}  # 20 documents: both splits are used
    assert split_of(parse_question({"id": "z", "question": "q", "answers": [], "evidence": []}, "x"),
                    "some/folder/p03.txt") == _expected_split("p03.txt")  # the file's name, not its folder


def test_a_shared_evidence_string_goes_to_the_document_closest_to_the_question(tmp_path):
    corpus, _ = _split_corpus(tmp_path)
    q = parse_question({"id": "s", "question": "13번 문서의 공통 문장은?", "answers": ["공통"], "evidence": ["공통 문장"]}, "x")
    [(_, doc, _)] = assign([q], [corpus])
    assert doc == "p13.txt"


# -- corpus staging, slugs, and eval/run.py on a corpus folder --------------------------------

from assistant.evaluation.runner import NAIVE_INDEX, ensure_index, folder_slug, slug_of, stage_corpus  # noqa: E402

from conftest import copy_pages  # noqa: E402


def test_slugs_name_the_corpus(tmp_path):
    (tmp_path / "korquad-a" / "corpus").mkdir(parents=True)
    (tmp_path / "domain").mkdir()
    assert folder_slug(tmp_path / "korquad-a" / "corpus") == "korquad-a"
    assert folder_slug(CORPUS) == ROOT.name  # the repo's corpus/ is named after the checkout ("main")
    assert slug_of([tmp_path / "korquad-a" / "corpus", tmp_path / "domain"]) == "korquad-a+domain"


def test_several_folders_are_staged_as_links_that_follow_deletions(tmp_path):
    a = copy_pages(tmp_path / "a" / "corpus", "notice.md", "hanbit_daily.txt")
    b = copy_pages(tmp_path / "b", "notice.md")
    assert stage_corpus([a], tmp_path / "cache") == a  # one folder: used as it is
    staged = stage_corpus([a, b], tmp_path / "cache")
    assert staged == tmp_path / "cache" / "a+b" / "corpus"
    links = sorted(p.relative_to(staged).as_posix() for p in staged.rglob("*") if p.is_symlink())
    assert links == ["a/hanbit_daily.txt", "a/notice.md", "b/notice.md"]
    (a / "notice.md").unlink()
    stage_corpus([a, b], tmp_path / "cache")
    assert sorted(p.relative_to(staged).as_posix() for p in staged.rglob("*") if p.is_symlink()) == \
        ["a/hanbit_daily.txt", "b/notice.md"]


def test_run_script_scores_a_corpus_folder_with_the_naive_peer(tmp_path):
    corpus = copy_pages(tmp_path / "pages" / "corpus", "hanbit_daily.txt", "notice.md")
    rows = [
        {"id": "a", "question": "창원시 협동로봇 도입 기업당 최대 지원금은?", "answers": ["1억 2천만 원"],
         "evidence": ["기업당 최대 1억 2천만 원"], "lang": "ko", "type": "amount"},
        {"id": "b", "question": "대전시 수준확인 컨설팅을 받는 기업은 몇 곳인가?", "answers": ["30곳"],
         "evidence": ["중소 제조기업 30곳"]},
        {"id": "c", "question": "제주도 스마트공장 신청 마감일은?", "answers": [], "evidence": []},
    ]
    qfile = tmp_path / "tiny.jsonl"
    qfile.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    cache, out = tmp_path / "cache", tmp_path / "out"
    proc = subprocess.run([sys.executable, str(ROOT / "eval" / "run.py"), "--corpus", str(corpus), "--questions", str(qfile),
                           "--systems", "full,naive-peer", "--cache", str(cache), "--out", str(out)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert "| full |" in proc.stdout and "| naive-peer |" in proc.stdout
    assert (store.resolve(cache / "pages" / "index") / "manifest.json").exists()
    naive = json.loads((store.resolve(cache / "pages" / NAIVE_INDEX) / "manifest.json").read_text(encoding="utf-8"))
    assert (naive["chunking"]["chunk_size"], naive["chunking"]["chunk_overlap"]) == (500, 0)

    md = (out / "report.md").read_text(encoding="utf-8")
    for needle in ("| full |", "| naive-peer |", "EM", "F1", "wrongly abstained", "by language", "by question type",
                   "| ko |", "| amount |", "pages: tiny.jsonl, split all (n=3) — full, naive-peer"):
        assert needle in md, needle
    assert (out / "chart.png").stat().st_size > 1000
    report = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert set(report["summary"]) == {"full", "naive-peer"}
    peer = {r["id"]: r for r in report["results"]["naive-peer"]}
    assert not any(r["abstained"] for r in peer.values())  # the naive peer never abstains
    assert peer["a"]["relevance"][0] and peer["a"]["short_answer"] == peer["a"]["answer"]
    full = {r["id"]: r for r in report["results"]["full"]}
    assert full["a"]["correct"] and full["a"]["f1"] > 0 and full["c"]["abstained"]
    assert {r["split"] for r in full.values()} <= {"train", "test"} and full["a"]["doc"] == "hanbit_daily.txt"
    for s in report["summary"].values():  # rounded to 4 places
        assert all(len(repr(v).split(".")[-1]) <= 4 for v in s.values() if isinstance(v, float))
    # the indexes are cached: a second build of either is a no-op
    assert ensure_index(corpus, cache / "pages" / "index").up_to_date
    assert ensure_index(corpus, cache / "pages" / NAIVE_INDEX, chunk_size=500, chunk_overlap=0).up_to_date
