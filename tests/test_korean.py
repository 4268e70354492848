"""Kiwi as the assistant loads it: region names stay whole, common words stay common words."""

from assistant import korean
from assistant.query import Analyzer


def _read(text):
    return [(form, tag) for form, tag, _, _ in korean.analyse(text)[0]]


def test_a_region_name_beside_other_nouns_stays_one_proper_noun():
    assert ("진천", "NNP") in _read("충북TP 제조AI센터 설명회 진천 일정은?")
    assert ("단양", "NNP") in _read("지원 단양 장소")
    assert Analyzer().analyse("설명회 진천 일정은?").regions == ["진천"]


def test_words_that_contain_or_equal_a_region_name_are_read_as_before():
    assert _read("고양이가 있다")[0] == ("고양이", "NNG")
    assert _read("김포시에 본사")[0] == ("김포시", "NNP")
    assert _read("광명을 찾다")[0] == ("광명", "NNG")
    # names that are also common words are not added: 예산 (budget), 음성 (voice)
    assert _read("총 예산은 얼마인가요?")[1] == ("예산", "NNG")
    assert Analyzer().analyse("음성인식 AI 기술 도입 예산은?").regions == []
