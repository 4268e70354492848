"""The answer step: candidate spans from Kiwi, question views, the learned model file, regions,
and the highlight offset. Real Kiwi, the shipped model."""

import json

import pytest

from assistant import korean
from assistant.answer import Citation
from assistant.answering import compose, scoring
from assistant.answering.english import english_fact
from assistant.answering.features import question_view
from assistant.answering.spans import candidates, morphs
from assistant.query import Analyzer
from assistant.regions import canonical, mentions_region, regions_in
from assistant.render import _passage_html


def spans_of(sentence: str) -> set[str]:
    return {s.text for s in candidates(sentence, morphs(korean.tokenize_many([sentence])[0]))}


@pytest.mark.parametrize("sentence, answer", [
    ("선정된 기업은 총 사업비의 70% 이내에서 과제당 최대 5,000만 원까지 지원받는다.", "5,000만 원"),
    ("선정된 기업은 총 사업비의 70% 이내에서 과제당 최대 5,000만 원까지 지원받는다.", "70%"),
    ("1989년 3월 12일 서울지방검찰청 공안부는 사전구속영장을 발부받았다.", "서울지방검찰청 공안부"),
    ("1989년 3월 12일 서울지방검찰청 공안부는 사전구속영장을 발부받았다.", "1989년 3월 12일"),
    ("2000년 7월부터 다마스쿠스의 봄이라는 논쟁이 시작된다.", "다마스쿠스의 봄"),
    ("그가 죽은 지 10년이 지나서야 대명력(大明曆)에 사용될 수 있었다.", "대명력(大明曆)"),
    ("반월시화공단의 높은 다이옥신 농도가 문제였다.", "높은 다이옥신 농도"),
    ("접수는 3월 20일 18시까지 경기테크노파크에서 받는다.", "경기테크노파크"),
    ("문의: 스마트공장팀 ☎ 055-259-3371, 이메일 sf@gntp.or.kr", "055-259-3371"),
    ("문의: 스마트공장팀 ☎ 055-259-3371, 이메일 sf@gntp.or.kr", "sf@gntp.or.kr"),
    ("협약 기간은 협약일로부터 6개월이다.", "6개월"),
    # a place before 에서, past the date and time in front of it, however long
    ("시는 3월 4일(목) 오후 2시 김포상공회의소 4층 대회의실에서 사업설명회를 연다.", "김포상공회의소 4층 대회의실"),
])
def test_candidates_hold_the_answer(sentence, answer):
    assert answer in spans_of(sentence)


def test_phone_numbers_durations_and_addresses_are_their_own_kinds():
    sentence = "문의는 스마트공장팀(☎ 02)123-4567, sf@gntp.or.kr)으로 하고 www.smart-factory.kr 에서 6개월간 접수한다."
    kinds = {s.text: s.kind for s in candidates(sentence, morphs(korean.tokenize_many([sentence])[0]))}
    assert kinds["02)123-4567"] == kinds["sf@gntp.or.kr"] == "contact"
    assert kinds["www.smart-factory.kr"] == "web"
    assert kinds["6개월"] == "duration"
    a = Analyzer()
    for question, qtype in [("고성 스마트공장 문의 전화번호는?", "contact"), ("Who do I call about it?", "contact"),
                            ("협약 기간은 몇 개월이야?", "duration"), ("How long is the agreement period?", "duration"),
                            ("몇 년도에 시작했어?", "date"), ("신청 마감은?", "date"), ("장소는?", "place"),
                            ("설명회 일시는?", "date"), ("What's the support ratio?", "percent"),
                            ("Which venue?", "place"), ("일시적으로 지원하나요?", "other"),
                            ("How are funds allocated?", "other")]:
        assert question_view(a.analyse(question)).qtype == qtype, question


def test_list_and_faq_markers_are_no_part_of_an_answer():
    found = spans_of("Q. 사업계획서 분량 제한이 있나요? A. 20쪽 이내로 작성하고 4. 8.(수)까지 냅니다.")
    assert {"20쪽 이내", "사업계획서", "4. 8.(수)"} <= found
    assert not any(s.startswith(("Q", "A")) for s in found)


def test_candidates_never_swallow_particles_or_verbs():
    found = spans_of("김포시는 관내 제조기업 7개사를 선정해 지원한다.")
    assert "7개사" in found
    assert not any(s.endswith(("를", "는")) or "선정해" in s for s in found)


def test_question_view_reads_what_is_asked():
    a = Analyzer()
    v = question_view(a.analyse("임종석이 여의도 농민 폭력 시위를 주도한 혐의로 지명수배된 연도는?"))
    assert v.head == "연도"
    assert "종석" in v.bigrams  # the name matches by characters whatever Kiwi does with it
    v = question_view(a.analyse("2025년 김포시 스마트공장 최대 지원금은 얼마인가요?"))
    assert v.wh == "howmuch" and v.years == ("2025",) and v.regions == ("김포",)
    v = question_view(a.analyse("Who runs the Gimpo smart factory programme?"))
    assert v.wh == "who" and v.lang == "en"


def test_pair_coverage_rewards_the_question_s_phrase_in_its_order():
    from assistant.answering.features import pair_coverage

    class FlatIdf:
        def __call__(self, term):
            return 1.0

    v = question_view(Analyzer().analyse("여의도 농민 폭력 시위를 주도한 혐의로 지명수배된 사람은?"))
    same = korean.tokens("1989년 2월 여의도 농민 폭력 시위를 주도한 혐의로 지명수배되었다.")
    shuffled = korean.tokens("시위 도중 폭력을 쓴 농민을 여의도에서 지명수배하고 주도 혐의를 조사했다.")
    assert pair_coverage(v.groups, same, FlatIdf()) > 0.8
    assert pair_coverage(v.groups, shuffled, FlatIdf()) < 0.3  # the same words, not the phrase
    assert pair_coverage(v.groups, [], FlatIdf()) == 0.0


def test_an_english_question_is_searched_with_whole_korean_terms():
    q = Analyzer().analyse("How many companies applied to Bucheon's manufacturing AI programme?")
    assert q.regions == ["부천"] and "부천" in q.terms  # not 부 + 천, as Kiwi reads "…기업 부천 제조…" run together
    assert "신청" in q.terms  # "applied" is looked up as "apply"


def test_regions_in_one_place():
    assert canonical("김포시") == "김포" and canonical("부산광역시") == "부산" and canonical("사업비") is None
    assert mentions_region("김포", "김포시 관내 기업") and not mentions_region("김해", "김포시 관내 기업")
    assert regions_in("경상남도 김해시와 경기도 김포시가") == ["경남", "김해", "경기", "김포"]


def test_a_question_s_region_is_checked_against_the_document_s_own_place():
    from assistant.answering.features import region_home
    from assistant.eligibility.places import Place, question_places
    from assistant.ingest import _home_and_eligibility

    assert question_places(["강원", "고성"]) == [Place("강원", "고성")]
    assert question_places(["광주"]) == [Place("광주")] and question_places(["경기", "광주"]) == [Place("경기", "광주")]
    # a 경남 고성 page that says it is no 강원 고성 programme mentions 강원, but is not about it
    home = _home_and_eligibility("경남 고성군 스마트공장 지원사업 공고",
                                 "경상남도 고성군은 관내 제조기업을 지원한다. 강원특별자치도 고성군 사업과 무관합니다.")["home"]
    assert home == ["경남", "고성", []]
    assert region_home(tuple(question_places(["강원", "고성"])), home) == "other"
    assert region_home(tuple(question_places(["고성"])), home) == "ok"
    assert region_home(tuple(question_places(["김포"])), ["경기", None, []]) == "ok"  # a city in a province-wide programme
    assert region_home(tuple(question_places(["경기"])), ["경기", "김포", []]) == "ok"
    assert region_home(tuple(question_places(["김해"])), ["경기", "김포", []]) == "other"
    assert region_home((), ["경기", "김포", []]) == "none" and region_home(tuple(question_places(["김포"])), None) == "unknown"


def test_shipped_model_records_its_training_and_scores():
    model = scoring.load()
    meta = model.meta
    assert meta["trained_by"] == "eval/train_answer.py" and len(meta["data_fingerprint"]) == 16
    for part in ("cv_train_split", "test_split"):
        assert set(meta[part]) >= {"korquad-a", "domain"}
        assert 0 < meta[part]["korquad-a"]["em"] <= 1
    assert 0 < model.threshold < 1
    assert model.sentence.importance and model.span.importance and model.answerable.importance
    for part in (model.sentence, model.span, model.answerable):
        # only the features a split uses are kept, and every one of them has a gain
        assert set(part.importance) == set(part.features)


def test_model_file_round_trip_and_damage(tmp_path):
    model = scoring.load()
    path = tmp_path / "m.json"
    scoring.save(model, path)
    again = scoring.load(path)
    assert again.threshold == model.threshold and again.span.features == model.span.features
    rows = [{"cov_local_gap": -0.5, "fused": 0.9}, {"cov_local_gap": 0.0, "sentence_dense": 0.8}]
    assert list(again.sentence.logits(rows)) == pytest.approx(list(model.sentence.logits(rows)))
    spans = [{"sentence_logit": 0.1, "type_fit": 1.0, "kind=amount": 1.0}, {"sentence_logit": -0.2, "in_question": 1.0}]
    assert list(again.span.logits(spans)) == pytest.approx(list(model.span.logits(spans)))
    assert model.span.logits(spans)[0] != model.span.logits(spans)[1]
    assert "\\u" not in path.read_text(encoding="utf-8")
    path.write_text('{"sentence": ', encoding="utf-8")
    with pytest.raises(scoring.ModelError, match="train_answer.py"):
        scoring.load(path)
    with pytest.raises(scoring.ModelError, match="missing"):
        scoring.load(tmp_path / "none.json")


def test_linear_model_is_a_plain_weighted_sum():
    m = scoring.LinearModel(weights={"a": 2.0, "b": -1.0}, bias=0.5)
    assert m.logit({"a": 1.0, "b": 0.5, "unseen": 9.0}) == pytest.approx(2.0)
    assert 0.5 < m.probability({"a": 1.0}) < 1


def test_tree_ensemble_scores_as_lightgbm_does(tmp_path):
    """The numpy walk over the shipped trees gives LightGBM's own raw scores, sparse zeros included."""
    lightgbm = pytest.importorskip("lightgbm")
    import numpy as np
    from scipy import sparse

    from assistant.answering.trees import TreeEnsemble, from_lightgbm

    rng = np.random.default_rng(0)
    X = rng.random((600, 5))
    X[rng.random((600, 5)) < 0.4] = 0.0  # absent features, as a DictVectorizer leaves them
    X[:, 4] = -X[:, 4]
    y = ((X[:, 0] > 0.5) & (X[:, 1] < 0.3) | (X[:, 4] < -0.7)).astype(int)
    names = ["a", "b", "c", "d", "e"]
    for objective, extra in (("lambdarank", {"group": [20] * 30}), ("binary", {})):
        booster = lightgbm.train({"objective": objective, "num_leaves": 7, "min_data_in_leaf": 5, "verbose": -1},
                                 lightgbm.Dataset(sparse.csr_matrix(X), label=y, **extra), num_boost_round=40)
        model = from_lightgbm(booster.dump_model(), names)
        model = TreeEnsemble.from_dict(json.loads(json.dumps(model.to_dict())))
        rows = [{n: v for n, v in zip(names, row) if v} | {"unknown": 3.0} for row in X[:100]]
        assert model.logits(rows) == pytest.approx(booster.predict(X[:100], raw_score=True), abs=1e-9)
        assert model.logit(rows[0]) == pytest.approx(model.logits(rows)[0])
        assert set(model.importance) <= set(names) and max(model.importance.values()) > 0


def test_highlight_marks_the_occurrence_the_answer_found():
    passage = "총 2억 4천만 원을 투입해 기업당 최대 4천만 원을 지원한다."
    at = passage.index("최대 4천만 원") + 3
    c = compose.citation(1, _Hit(), _Chunk(passage), "4천만 원", at)
    assert c.highlight_start == at and passage[c.highlight_start:].startswith("4천만 원")
    html = _passage_html(c)
    assert "최대 <mark>4천만 원</mark>" in html and "2억 <mark>" not in html
    json.dumps(Citation(**c.__dict__).__dict__, ensure_ascii=False)


def test_long_sentences_are_cut_to_the_clause_of_the_fact():
    s = "시는 올해 사업비를 크게 늘렸으며, " * 4 + "선정 기업은 최대 5,000만 원을 받는다."
    a, b = compose.clause_of(s, (s.index("5,000"), s.index("5,000") + 8))
    assert "5,000만 원" in s[a:b] and len(s[a:b]) < len(s)


class _Hit:
    score = 1.0


class _Chunk:
    def __init__(self, text):
        self.text, self.doc_id, self.id, self.title = text, "d", "d#0", "t"
        self.date, self.outlet, self.path = "2026-01-01", "o", "corpus/d.txt"
        self.page, self.section = None, None


# -- sentence vectors stored in the index ----------------------------------------------------

def test_stored_sentence_vectors_are_those_of_the_sentences(seed_index):
    import numpy as np

    from assistant import store
    from assistant.encoders import get_encoder

    idx = store.load(seed_index)
    enc = get_encoder(idx.manifest.encoder.name)
    picks = [(r, i) for r in (0, len(idx.chunks) // 2, len(idx.chunks) - 1) for i in range(len(idx.chunks[r].sentences))][:6]
    texts = [idx.chunks[r].text[slice(*idx.chunks[r].sentences[i])] for r, i in picks]
    fresh = enc.encode_passages(texts)
    for (r, i), v in zip(picks, fresh):
        stored = np.asarray(idx.sentence_vectors[int(idx.sentence_rows[r]) + i], dtype=np.float32)
        assert float(stored @ v) > 0.99


def test_a_damaged_sentence_file_names_the_fix(seed_index, tmp_path):
    import shutil

    import assistant
    from assistant import store
    from assistant.errors import CorruptIndexError

    bad = tmp_path / "index"
    shutil.copytree(seed_index, bad)
    (store.resolve(bad) / "sentences.npy").write_bytes(b"")
    with pytest.raises(CorruptIndexError, match="assistant index --rebuild"):
        assistant.load(bad)


def test_an_edit_re_encodes_only_new_sentences(tmp_path):
    import shutil

    from assistant import build_index
    from conftest import CORPUS

    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    first = build_index(corpus, tmp_path / "index")
    assert first.sentences_encoded > 50
    page = corpus / "000_a3db1861db894e05.txt"
    text = page.read_text(encoding="utf-8")
    assert "7개사를 선정해" in text
    page.write_text(text.replace("7개사를 선정해", "8개사를 선정해"), encoding="utf-8")
    again = build_index(corpus, tmp_path / "index")
    assert 0 < again.sentences_encoded <= 3


def test_highlights_point_at_the_fact_in_real_answers(seed_index):
    import assistant

    qa = assistant.load(seed_index)
    for q in ("김포 스마트공장 최대 지원금은?", "삼성전자 스마트공장 3.0은 몇 개 중소기업을 지원하나요?",
              "김포시 스마트공장 신청 마감은 언제인가요?", "What's the max support in Gimpo?"):
        ans = qa.ask(q)
        assert not ans.abstained, q
        c = ans.citations[0]
        assert c.highlight and c.passage[c.highlight_start:c.highlight_start + len(c.highlight)] == c.highlight
        assert ans.answer.split(" — ")[0] in (c.highlight, english_fact(c.highlight))


def test_a_cut_clause_ends_as_a_statement():
    assert korean.end_clause("과제당 최대 5,000만 원까지 구축 비용을 지원받을 수 있으며") == \
        "과제당 최대 5,000만 원까지 구축 비용을 지원받을 수 있다"
    assert korean.end_clause("총 6억 원을 들여 5개 기업을 선정하고,") == "총 6억 원을 들여 5개 기업을 선정하다"
    assert korean.end_clause("3억 원을 지원했으며") == "3억 원을 지원했다"
    assert korean.end_clause("이미 끝난 문장이다.") == "이미 끝난 문장이다."


def test_a_dated_page_names_years_by_their_relation_to_its_own():
    from assistant.answering.features import relative_years

    assert relative_years("지난해에는 같은 사업으로 2개사를 지원했다", "2025") == {"2024"}
    assert relative_years("올해 예산은 전년 대비 8.6% 늘었다", "2025") == {"2024", "2025"}
    assert relative_years("내년에는 확대할 계획이다", "2026") == {"2027"}
    assert relative_years("지난해에는 2개사를 지원했다", "") == set()  # an undated page names no year this way
    assert relative_years("2025년 사업", "2025") == set()


def test_a_question_naming_a_year_is_read_from_that_years_edition(tmp_path):
    """Last year's edition of the same programme (another page, the same region and words) is not
    read beside this year's when the question names the year, and the reverse."""
    import shutil
    from pathlib import Path

    import assistant
    from assistant import build_index
    from conftest import CORPUS, ROOT

    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    shutil.copy(ROOT / "eval" / "domain" / "corpus" / "d101_gimpo_2025.txt", corpus)
    build_index(corpus, tmp_path / "index")
    qa = assistant.load(tmp_path / "index")
    editions = {"2026": ("000_a3db1861db894e05.txt", "5,000만"), "2025": ("d101_gimpo_2025.txt", "4,000만")}
    for year, (page, amount) in editions.items():
        q = f"김포시 {year}년 경기도형 스마트공장 사업, 과제당 최대 지원금은?"
        query = qa.analyzer.analyse(q)
        vectors: list = []
        hits = qa.retriever.search_batch([query], k=8, vectors=vectors)[0]
        found = {Path(qa.index.chunks[h.row].path).name for h in hits}
        assert {p for p, _ in editions.values()} <= found  # both editions are retrieved...
        reading = qa.reader.read(query, hits, vectors[0])
        read = {Path(qa.index.chunks[s.hit.row].path).name for s in reading.sentences}
        assert page in read and not read & ({p for p, _ in editions.values()} - {page})  # ...one is read
        ans = qa.ask(q)
        assert not ans.abstained and amount in ans.answer.replace("4천만", "4,000만"), (q, ans.answer)
        assert Path(ans.citations[0].path).name == page


NOTICE_WITH_TABLE = """# 2026년 한빛군 스마트공장 구축 지원사업 참여기업 모집 공고

한빛군은 관내 중소 제조기업의 스마트공장 구축을 돕기 위해 아래와 같이 참여기업을 모집합니다.

## 지원 내용

| 구분 | 지원한도 | 정부지원 비율 | 사업기간 |
|---|---|---|---|
| 기초 | 최대 3,000만 원 | 총 사업비의 60% 이내 | 6개월 |
| 고도화1 | 최대 8,000만 원 | 총 사업비의 50% 이내 | 8개월 |
| 고도화2 | 최대 1억 6,000만 원 | 총 사업비의 40% 이내 | 10개월 |

신청은 한빛군 누리집에서 2026년 4월 10일까지 받습니다.

권역별 설명회 일정은 다음과 같습니다.
 ○ 한빛읍 : 3월 4일(수) 오전 10시, 한빛군청 대회의실
 ○ 새솔면 : 3월 6일(금) 오후 2시, 새솔면 복지회관
"""


def test_a_table_row_is_read_under_its_header(tmp_path):
    """A Markdown (or trafilatura's HTML) table row is read with its header's words: "| 고도화2 |
    최대 1억 6,000만 원 |" answers a question about 지원한도 only under "| 구분 | 지원한도 |"."""
    import assistant
    from assistant import build_index

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "hanbit_notice.md").write_text(NOTICE_WITH_TABLE, encoding="utf-8")
    build_index(corpus, tmp_path / "index")
    qa = assistant.load(tmp_path / "index")
    doc = qa.index.chunks[0].doc_id
    header = qa.reader.heading_terms(doc, "| 고도화2 | 최대 1억 6,000만 원 | 총 사업비의 40% 이내 | 10개월 |")
    assert {"구분", "지원", "한도", "비율", "사업", "기간"} <= header
    assert qa.reader.heading_terms(doc, "| 구분 | 지원한도 | 정부지원 비율 | 사업기간 |") == frozenset()
    assert qa.reader.heading_terms(doc, "신청은 한빛군 누리집에서 2026년 4월 10일까지 받습니다.") == frozenset()
    ans = qa.ask("한빛군 고도화2 지원한도는 얼마인가요?")
    assert not ans.abstained and ans.answer.startswith("1억 6,000만 원"), ans.answer
    assert qa.reader.heading_terms(doc, "권역별 설명회 일정은 다음과 같습니다.") == frozenset()


def test_the_reader_keeps_sentences_analyses_and_answers_the_same(seed_index, monkeypatch):
    import assistant
    from assistant.answering import reader as reader_module

    qa = assistant.load(seed_index)
    question = "김포 스마트공장 최대 지원금은?"
    first = qa.ask(question)
    kept = dict(qa.reader._analysed)
    assert kept and all(isinstance(spans, list) for _ms, spans in kept.values())  # morphemes and spans, by sentence
    again = qa.ask(question)  # read from what was kept: the same answer, the same citations
    assert (again.answer, [c.chunk_id for c in again.citations]) == (first.answer, [c.chunk_id for c in first.citations])
    monkeypatch.setattr(reader_module, "SENTENCES_KEPT", 3)  # over the bound the cache starts again, answers unchanged
    other = "경기테크노파크 설명회는 언제 열려?"
    got = qa.ask(other)
    assert not set(kept) <= set(qa.reader._analysed)  # what was kept before was let go
    assert got.answer == assistant.load(seed_index).ask(other).answer  # the same as a reader that kept nothing
