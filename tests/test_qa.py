"""Answers with citations on the shipped corpus: the issue's must-shows and the contract."""

import json
import re

import pytest

import assistant
from assistant.cli import main
from assistant.errors import IndexNotFoundError, QuestionError


@pytest.fixture(scope="module")
def qa(seed_index):
    return assistant.load(seed_index)


def test_english_gimpo_question(qa):
    ans = qa.ask("What's the max support in Gimpo?")
    assert not ans.abstained
    assert "5,000만 원" in ans.answer and "70%" in ans.answer and "[1]" in ans.answer
    first = ans.citations[0]
    assert "김포" in first.title and first.date == "2026-02-19" and first.outlet == "참좋은뉴스"
    assert first.highlight == "5,000만 원" and first.highlight in first.passage
    assert "과제당 최대 5,000만 원" in first.passage


def test_english_question_gets_the_fact_in_english(qa):
    ans = qa.ask("What's the max support in Gimpo?")
    assert ans.answer.startswith("KRW 50 million (5,000만 원) — ")
    ans = qa.ask("When is the application deadline for the Gimpo smart factory programme?")
    assert ans.answer.startswith("20 March, 18:00 (3월 20일 18시) — "), ans.answer


def test_follow_ups_stay_on_the_conversations_programme(qa):
    conv = qa.conversation()
    gimpo = "000_a3db1861db894e05.txt~0"
    for question, expected in (("김포 스마트공장 최대 지원금은?", "5,000만 원"), ("신청 마감은?", "3월 20일 18시"),
                               ("몇 개 기업 뽑아?", "7개사"), ("How many companies will be selected?", "7 companies (7개사)")):
        ans = conv.ask(question)
        assert not ans.abstained and ans.answer.startswith(expected), (question, ans.answer)
        assert ans.citations[0].doc_id == gimpo and ans.question == question
    assert [t.kind for t in conv.turns] == ["new", "follow-up", "follow-up", "follow-up"]
    # the same through the API's history, as the chat sends it
    ans = qa.ask("신청 마감은?", history=["김포 스마트공장 최대 지원금은?"])
    assert ans.answer.startswith("3월 20일 18시") and ans.citations[0].doc_id == gimpo


def test_a_name_the_documents_holds_is_a_detail_not_a_new_subject(qa):
    """"경기테크노파크 설명회는 언제야?" after a question about 김포's programme asks about that programme
    (its article names 경기테크노파크 as the body that runs it); a place it does not name is a new subject."""
    conv = qa.conversation()
    conv.ask("김포 스마트공장 최대 지원금은?")
    gimpo = conv.subject.document
    turn = conv.resolve("경기테크노파크 설명회는 언제야?")
    assert turn.kind == "follow-up" and turn.context
    ans = conv.ask("경기테크노파크 설명회는 언제야?")
    assert ans.citations[0].doc_id == gimpo and "2월 24일" in ans.answer
    assert conv.resolve("김해 스마트공장 설명회는 언제야?").kind != "follow-up"  # 김해: not in the article


def test_a_follow_up_is_answered_from_the_document_of_the_last_answer(qa):
    conv = qa.conversation()
    first = conv.ask("김포 스마트공장 최대 지원금은?")
    assert conv.subject.document == first.citations[0].doc_id
    # the page's sidebar story about 경기테크노파크's programme is a document of its own: asked
    # with it as the subject, the same words are answered from it, and only from it
    gtp = "000_a3db1861db894e05.txt~2"
    own = qa.ask("신청 마감은?", context="스마트공장", document=gtp)
    assert own.citations and {c.doc_id for c in own.citations} == {gtp}
    # a document none of whose passages is found changes nothing
    plain = qa.ask("신청 마감은?", context="김포 스마트공장")
    assert qa.ask("신청 마감은?", context="김포 스마트공장", document="no-such-document").answer == plain.answer
    # a new subject forgets the document
    conv.ask("삼성전자 스마트공장 3.0은 몇 개 기업을 지원하나요?")
    assert conv.subject.document != first.citations[0].doc_id


def test_a_follow_up_is_read_with_its_own_words(qa):
    # the conversation's words (중기부 2022년 스마트제조혁신 통합공고) are what the whole document is
    # about: read with them, a sentence that names them all outranks the one that answers
    conv = qa.conversation()
    first = conv.ask("중기부 2022년 스마트제조혁신 통합공고 규모는?")
    ans = conv.ask("세부사업은 몇 개야?")
    assert conv.turns[-1].kind == "follow-up" and not ans.abstained
    assert ans.answer.startswith("6개 — 통합공고의 세부사업은"), ans.answer
    assert ans.citations[0].doc_id == first.citations[0].doc_id and ans.citations[0].highlight == "6개"


def test_a_follow_up_that_names_only_a_new_place_asks_the_same_of_it(qa):
    conv = qa.conversation()
    conv.ask("김포 스마트공장 최대 지원금은?")
    turn = conv.resolve("김해는?")
    assert turn.kind == "switch" and turn.standalone == "김해 스마트공장 최대 지원금은?"
    ans = conv.ask("김해는?")  # the shipped corpus has no 김해 programme
    assert ans.abstained and "김해" in ans.answer
    assert conv.resolve("What about Gimhae?").standalone.startswith("Gimhae")
    # a question that names its own subject and asks its own thing stands alone
    assert conv.resolve("삼성전자 스마트공장 3.0은 몇 개 기업을 지원하나요?").kind == "new"
    # a new year with only words the chat already used of its programme asks the same again
    turn = conv.resolve("그럼 2025년 스마트공장은?")
    assert turn.kind == "switch" and turn.standalone == "2025년 김해 스마트공장 최대 지원금은?"
    assert conv.resolve("2025년 스마트공장 신청 마감은?").kind == "new"  # 마감: something of its own
    # after a follow-up, the follow-up is what is asked again, not the old document's title with it
    chat = qa.conversation()
    chat.ask("What's the max support in Gimpo?")
    chat.ask("신청 마감은?")
    assert chat.resolve("김해는?").standalone == "김해 신청 마감은?"


def test_a_new_year_asks_again_the_question_whose_words_it_repeats(qa):
    """"2025년엔 최대 지원금은?" after a follow-up about the deadline asks the 최대 지원금 question of 2025,
    not the deadline one; a particle written onto the year ("2025년엔") goes with it."""
    conv = qa.conversation()
    conv.ask("김포 스마트공장 최대 지원금은?")
    conv.ask("신청 마감은?")
    turn = conv.resolve("2025년엔 최대 지원금은?")
    assert turn.kind == "switch" and turn.standalone == "2025년 김포 스마트공장 최대 지원금은?"
    assert conv.resolve("2025년엔?").standalone == "2025년 김포 신청 마감은?"  # nothing beside: the last question


def test_last_year_stays_last_year_until_this_year_is_asked(qa):
    """After "작년엔요?" the chat is about last year; "작년 설명회는?" still means that year (not the one before
    it), and "올해 설명회는요?" goes back to the year it was counted from."""
    conv = qa.conversation()
    first = conv.ask("김포 스마트공장 최대 지원금은?")
    year = int(first.citations[0].date[:4])
    conv.ask("작년엔요?")
    assert conv.turns[-1].standalone.startswith(f"{year - 1}년")
    turn = conv.resolve("작년 설명회는 언제였어요?")
    assert f"{year - 1}년" in turn.standalone and f"{year - 2}년" not in turn.standalone
    conv.ask("작년 설명회는 언제였어요?")
    assert f"{year}년" in conv.resolve("올해 설명회는요?").standalone
    # without a turn about last year, "올해" is left to the follow-up
    chat = qa.conversation()
    chat.ask("김포 스마트공장 최대 지원금은?")
    assert chat.resolve("올해 설명회는요?").kind == "follow-up"


def test_a_korean_follow_up_names_an_english_place_in_korean(qa):
    chat = qa.conversation()
    chat.ask("What's the max support in Gimpo?")
    chat.ask("작년엔요?")
    turn = chat.resolve("신청 마감은 언제였어요?")
    assert "김포" in turn.standalone and "Gimpo" not in turn.standalone
    assert "Gimpo" in chat.resolve("When was the deadline?").standalone


def test_that_year_is_the_chat_s_year(qa):
    conv = qa.conversation()
    first = conv.ask("김포 스마트공장 최대 지원금은?")
    year = first.citations[0].date[:4]
    # a question that stands alone gets the year written out; a follow-up is about the chat's programme already
    assert conv.resolve("그해 삼성전자 스마트공장 3.0은 몇 개 기업을 지원하나요?").standalone.startswith(f"{year}년 삼성전자")
    assert conv.resolve("What was the deadline that year?").kind == "follow-up"


def test_last_year_is_the_year_before_the_chat_s_or_today_s(qa, monkeypatch):
    from datetime import datetime

    monkeypatch.setattr(qa, "now", lambda: datetime(2026, 11, 23))
    chat = qa.conversation()
    assert chat.ask("부산 스마트공장 최대 지원금은?").abstained  # no document: the chat has no year yet
    assert "2025년" in chat.resolve("작년엔 얼마였어?").standalone
    chat = qa.conversation()
    chat.ask("2023년 김포 스마트공장 최대 지원금은?")
    assert "2022년" in chat.resolve("작년엔?").standalone


def test_deadline_answers_say_where_the_application_stands(qa, monkeypatch):
    from datetime import datetime

    monkeypatch.setattr(qa, "now", lambda: datetime(2026, 3, 1, 9, 0))
    ans = qa.ask("김포시 스마트공장 신청 마감은 언제인가요?")
    first, _, rest = ans.answer.partition("\n")
    assert first.startswith("3월 20일 18시") and first.endswith("(접수 중: 2026년 3월 20일 18:00 마감)")
    # then the next step, as the document states it: where to apply
    assert rest.strip() == "다음 단계 — 신청: 스마트공장 사업관리시스템을 통해 온라인으로 신청 [1]"
    monkeypatch.setattr(qa, "now", lambda: datetime(2026, 11, 23))
    ans = qa.ask("김포시 스마트공장 신청 마감은 언제인가요?")
    assert ans.answer.split("\n")[0].endswith("(마감됨: 2026년 3월 20일 18:00에 마감)")
    en = qa.ask("When is the application deadline for the Gimpo smart factory programme?")
    assert en.answer.split("\n")[0].endswith("(closed on 20 March 2026, 18:00)") and "Next step — apply:" in en.answer
    # a question that is not about applying gets no period
    assert "마감" not in qa.ask("김포 스마트공장 최대 지원금은?").answer


def test_period_states():
    from datetime import datetime

    from assistant.timeline import period_state

    facts = {"period_start": "2026-03-02", "deadline": "2026-03-20T18:00"}
    assert period_state(facts, datetime(2026, 2, 1)) == "접수 예정: 2026년 3월 2일부터 2026년 3월 20일 18:00까지"
    assert period_state(facts, datetime(2026, 3, 20, 17, 59)).startswith("접수 중")
    assert period_state(facts, datetime(2026, 3, 20, 18, 1)).startswith("마감됨")
    assert period_state({"deadline": "2026-04-10"}, datetime(2026, 4, 10, 23, 0)).startswith("접수 중")  # all day
    assert period_state({}, datetime(2026, 1, 1)) is None


def test_korean_gimpo_question(qa):
    ans = qa.ask("김포 스마트공장 최대 지원금은?")
    assert not ans.abstained and "5,000만 원" in ans.answer
    assert ans.citations[0].doc_id == "000_a3db1861db894e05.txt~0"


@pytest.mark.parametrize("question", ["부산시 스마트공장 최대 지원금은?", "What is the maximum smart factory support in Busan?",
                                      "서울 오늘 날씨는 어때요?", "증권 많이 본 뉴스 1위 기사는 무엇인가요?",
                                      # no page states a phone number: no amount or date answers it
                                      "김포 스마트공장 담당 부서 전화번호는?"])
def test_abstains_when_the_documents_do_not_hold_it(qa, question):
    ans = qa.ask(question)
    assert ans.abstained
    assert "찾지 못했습니다" in ans.answer
    assert "5,000만" not in ans.answer


def test_deadline_and_count_questions(qa):
    assert "3월 20일 18시" in qa.ask("김포시 스마트공장 신청 마감은 언제인가요?").answer
    assert "600개" in qa.ask("삼성전자 스마트공장 3.0은 몇 개 중소기업을 지원하나요?").answer
    assert "1,400억원" in qa.ask("AX 실증산단 구축사업의 총 국비 지원 규모는?").answer
    assert "60억원" in qa.ask("How much national funding does Chungbuk's manufacturing AI center bid involve?").answer


def test_answer_json_contract(qa):
    d = qa.ask("충북 제조AI센터 국비 지원 규모는?", k=3).to_dict()
    assert set(d) == {"question", "answer", "abstained", "citations", "timings_ms"}
    assert len(d["citations"]) == 3 and [c["n"] for c in d["citations"]] == [1, 2, 3]
    assert set(d["citations"][0]) == {"n", "doc_id", "chunk_id", "title", "date", "outlet", "path", "passage",
                                      "highlight", "score"}
    assert set(d["timings_ms"]) == {"retrieve", "answer", "total"}
    json.dumps(d, ensure_ascii=False)


def test_single_search_is_batch_search_of_one(qa):
    qs = ["김포 스마트공장 최대 지원금은?", "삼성전자 스마트공장 3.0 총 투자액은?"]
    batch = qa.ask_batch(qs)
    for q, b in zip(qs, batch):
        single = qa.ask(q)
        assert single.answer == b.answer and [c.chunk_id for c in single.citations] == [c.chunk_id for c in b.citations]


@pytest.mark.parametrize("bad", ["", "   \n", "\x00\x01\x02"])
def test_empty_questions_raise_the_library_error(qa, bad):
    with pytest.raises(QuestionError):
        qa.ask(bad)


def test_huge_question_is_refused_clearly(qa):
    with pytest.raises(QuestionError, match="너무 깁니다"):
        qa.ask("김포 " * 50_000)


def test_emoji_and_markup_in_a_question_are_just_text(qa):
    assert "5,000만 원" in qa.ask("김포 스마트공장 🏭 최대 지원금은?").answer
    ans = qa.ask("<img src=x onerror=alert(1)> 김포 스마트공장 최대 지원금은?")
    assert ans.question.startswith("<img src=x onerror=alert(1)>")  # kept as the user wrote it
    assert ans.citations  # answered or abstained, never an error


def test_load_without_index_names_the_command(tmp_path):
    with pytest.raises(IndexNotFoundError, match="assistant index"):
        assistant.load(tmp_path / "none")


def test_cli_ask_json_is_utf8(seed_index, capsys):
    assert main(["ask", "김포 스마트공장 최대 지원금은?", "--json", "--index", str(seed_index)]) == 0
    out = capsys.readouterr().out
    assert "김포" in out and "\\u" not in out
    assert json.loads(out)["citations"][0]["highlight"] == "5,000만 원"
    assert main(["ask", "  ", "--index", str(seed_index)]) == 2
    assert "질문을 입력해 주세요" in capsys.readouterr().err


def test_sources_mark_an_old_article(qa):
    from assistant.render import sources_html

    ans = qa.ask("충북도가 유치에 도전하는 제조AI센터의 국비 지원 규모는?")
    assert ans.citations[0].date.startswith("2025")
    assert "2025년 기사" in sources_html(ans)


@pytest.mark.parametrize("message, lead", [("안녕하세요", "안녕하세요!"), ("고마워요!", "도움이 되었다니"), ("hi", "Hello!")])
def test_greetings_get_a_greeting_and_questions_the_documents_answer(qa, message, lead):
    ans = qa.ask(message)
    assert ans.answer.startswith(lead) and ans.abstained and not ans.citations
    examples = [line[2:] for line in ans.answer.splitlines() if line.startswith("- ")]
    assert len(examples) >= 2
    answered = qa.ask(examples[0])
    assert not answered.abstained  # the first example is one the documents answer
    assert not qa.ask("안녕하세요, 김포 스마트공장 최대 지원금은?").answer.startswith("안녕하세요!")


def test_programme_table_states_what_the_articles_state(qa, seed_index):
    from assistant import store

    rows = {r[0]: r for r in qa.programme_table()}
    docs = {c.doc_id for c in qa.index.chunks if c.doc_id.endswith("~0")}
    assert len(rows) == len(docs) == 5  # every article of the shipped corpus, not its sidebar stories
    gimpo = rows["김포시, 스마트공장 구축 종합지원 본격 추진"]
    assert gimpo[1:4] == ["김포", "김포시", "5,000만 원"] and "2026년 3월 20일 18:00" in gimpo[4]
    texts = {}
    for c in qa.index.chunks:
        texts[c.path] = texts.get(c.path, "") + c.text
    for row in rows.values():  # every amount shown is written in its own article
        assert row[3] == "-" or row[3] in texts[row[5]], row
    facts = store.read_manifest(seed_index).files["000_a3db1861db894e05.txt"].facts
    assert facts["000_a3db1861db894e05.txt~0"]["max_amount"] == "5,000만 원"


def test_questions_about_programmes_in_general_get_a_list(qa, monkeypatch):
    from datetime import datetime

    monkeypatch.setattr(qa, "now", lambda: datetime(2026, 11, 23))
    ans = qa.ask("지금 신청할 수 있는 사업 알려줘")
    assert ans.abstained and "2026년 11월 23일 현재 신청할 수 있는 사업이 없습니다" in ans.answer
    monkeypatch.setattr(qa, "now", lambda: datetime(2026, 3, 1))
    ans = qa.ask("지금 신청할 수 있는 사업 알려줘")
    assert not ans.abstained and ans.answer.count("\n- ") == 1 and "김포시" in ans.answer
    assert ans.citations[0].doc_id == "000_a3db1861db894e05.txt~0"
    biggest = qa.ask("지원 금액이 가장 큰 사업은?")
    amounts = [re.search(r"최대 (.+?)(?:, [접마]| \[)", line).group(1) for line in biggest.answer.splitlines()[1:]]
    assert amounts == ["12억원", "2억 원", "5,000만 원"]
    assert "김포시" in qa.ask("경기도 지원사업 목록").answer  # the 김포 article is about a 경기도 programme
    # a question about something else that says "가장 큰" is not a programme list
    assert not qa.ask("가장 큰 도시는 어디인가요?").answer.startswith("지원 금액이 큰 순서")


def test_a_question_about_one_programme_is_not_a_programme_list():
    from assistant.programmes import asks_for_programmes

    for question in ("지금 신청할 수 있는 사업 알려줘", "지원 금액이 가장 큰 사업은?", "경기도 지원사업 목록",
                     "어떤 사업이 있어?", "지금 신청 가능한 사업은 뭐야?", "Which programmes can I apply for now?",
                     "신청 가능한 사업을 알려주실 수 있나요?", "신청 가능한 사업 찾아줘", "사업 리스트 줘",
                     "마감 안 된 사업 보여줘", "Which program has the largest budget?", "Show me the program list"):
        assert asks_for_programmes(question), question
    # programmes are the topic, not what is asked: a fact of one of them, or "can it be done?"
    for question in ("이 사업에 신청할 수 있나요?", "사업 신청은 어디서 할 수 있나요?", "전체 사업비는?",
                     "창원시 자동화 지원사업은 직원이 몇 명 이상이어야 신청할 수 있어?",
                     "그 사업 예산 규모가 가장 큰 항목은 뭐야?", "4대강 사업의 경제성에 의문을 제기한 사람은?",
                     "What is the maximum support per company in the Gimpo program?"):
        assert not asks_for_programmes(question), question


def test_sources_show_what_is_known_and_mark_the_fact_in_every_passage(qa):
    from assistant.render import sources_html

    ans = qa.ask("김포 스마트공장 최대 지원금은?", k=5)
    html = sources_html(ans)
    assert "미상" not in html and "파일: 000_a3db1861db894e05.txt" in html and "~0#" not in html.split("title=")[0]
    holding = [c for c in ans.citations if "5,000만 원" in c.passage]
    assert all(c.highlight == "5,000만 원" for c in holding)
    assert html.count("<mark>5,000만 원</mark>") == len(holding) >= 1
    undated = qa.ask("AX 실증산단 구축사업의 총 국비 지원 규모는?")
    assert undated.citations[0].date is None and "날짜 미상" not in sources_html(undated)
