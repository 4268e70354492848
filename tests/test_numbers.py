"""Korean amounts: one value however written (property-based and worked examples)."""

from hypothesis import given
from hypothesis import strategies as st

from assistant.answering.english import english_fact
from assistant.numbers import (
    answer_matches,
    date_grain,
    find_contacts,
    find_dates,
    find_quantities,
    normalise_text,
    parse_number,
    parse_quantity,
    same_quantity,
)


def test_examples_from_the_articles():
    assert parse_quantity("5,000만 원").value == 50_000_000
    assert same_quantity("5,000만 원", "5천만원") and same_quantity("5천만원", "50,000,000원")
    assert parse_quantity("1억 2천만 원").value == 120_000_000
    assert parse_quantity("3억 7,842만 원").value == 378_420_000
    assert same_quantity("1,400억원", "1천400억원")
    assert parse_quantity("133%").unit == "%" and parse_quantity("133%").value == 133
    assert parse_quantity("2.5만개").value == 25_000 and parse_quantity("2.5만개").unit == "count"
    assert parse_quantity("3000여곳").value == 3000
    assert not same_quantity("5천만원", "5천만개")  # units must agree
    assert not same_quantity("5천만원", "5억원")


def test_separate_numbers_are_not_merged():
    assert [q.value for q in find_quantities("2019년부터 24개 산단")] == [2019, 24]
    assert parse_number("2 3") is None


def test_dates():
    spans = [t for _, _, t in find_dates("오는 3월 20일 18시까지 신청, 2월 24일 설명회, 2028년까지")]
    assert spans == ["3월 20일 18시", "2월 24일", "2028년"]


def test_dates_as_notices_write_them():
    line = "접수기간: 2026. 3. 16.(월) ~ 4. 3.(금) 16:00까지, 예산 8.6% 증액, 공고 제2026-412호"
    assert [t for _, _, t in find_dates(line)] == ["2026. 3. 16.(월)", "4. 3.(금) 16:00"]
    assert [t for _, _, t in find_dates("2026-03-16 접수, 3월 20일 18:00 마감")] == ["2026-03-16", "3월 20일 18:00"]
    assert find_dates("1. 2. 3. 항목을 확인") == []  # a numbered list is not a date
    assert [t for _, _, t in find_dates("2026.3.16.(월)~3.31.(화) 18:00")] == ["2026.3.16.(월)", "3.31.(화) 18:00"]
    assert find_dates("13월의 월급") == [] and [t for _, _, t in find_dates("3월 1일 2시간 교육")] == ["3월 1일"]
    assert [date_grain(t) for t in ("2026년", "2020년 12월", "2026. 3. 16.(월)", "4. 3.(금) 16:00")] == [
        "year", "month", "day", "time"]
    assert date_grain("5,000만 원") is None
    assert english_fact("4. 3.(금) 16:00") == "3 April, 16:00 (4. 3.(금) 16:00)"
    assert english_fact("2026년 3월 20일 오후 6시 30분") == "20 March 2026, 18:30 (2026년 3월 20일 오후 6시 30분)"


def test_answer_matching_rule_of_the_design():
    assert answer_matches("과제당 최대 5천만원 [1]", "5,000만 원")
    assert answer_matches("최대 50,000,000원", "5천만원")
    assert answer_matches("경기 테크노파크", "경기테크노파크")  # whitespace removed
    assert not answer_matches("최대 1억 원", "5,000만 원")
    assert normalise_text("５,０００만 원") == "5000만원"  # NFKC, commas and spaces gone


def _manwon(n: int) -> str:
    """n written with 억/만 groups: 3억 7,842만 원."""
    eok, man = divmod(n // 10_000, 10_000)
    parts = []
    if eok:
        parts.append(f"{eok:,}억")
    if man:
        parts.append(f"{man:,}만")
    return " ".join(parts) + " 원"


def _cheon(n: int) -> str:
    """n (a multiple of 10,000,000 below 1조) written with 천/백 digits: 1억 2천만원."""
    eok, man = divmod(n // 10_000, 10_000)
    if not man:
        return f"{eok}억원"
    th, rest = divmod(man, 1000)
    out = (f"{eok}억 " if eok else "") + (f"{th}천" if th else "") + (f"{rest}" if rest else "") + "만원"
    return out


@given(st.integers(min_value=1, max_value=99_999_999).map(lambda x: x * 10_000))
def test_every_writing_of_an_amount_parses_to_the_same_value(n):
    digits = f"{n:,}원"
    assert parse_quantity(digits).value == n
    assert parse_quantity(_manwon(n)).value == n
    assert same_quantity(digits, _manwon(n))


@given(st.integers(min_value=1, max_value=9_999).map(lambda x: x * 10_000_000))
def test_cheon_writing(n):
    assert parse_quantity(_cheon(n)).value == n, _cheon(n)


@given(st.integers(min_value=0, max_value=10**9), st.text(alphabet="가나다라 원만억", max_size=8))
def test_finding_quantities_never_crashes_and_offsets_hold(n, noise):
    text = f"{noise}{n:,}원{noise}"
    for q in find_quantities(text):
        assert text[q.start:q.end].strip() == q.text


def test_lengths_of_time_are_not_counts_nor_dates():
    assert [(q.text, q.unit) for q in find_quantities("협약 후 6개월, 최대 3년간, 10일간")] == [
        ("6개월", "months"), ("3년간", "years"), ("10일간", "days")]
    assert not same_quantity("6개월", "6년간") and not same_quantity("6개월", "6개")
    assert [q.unit for q in find_quantities("2026년 3월 17시")] == ["", "", ""]  # dates stay dates
    assert english_fact("6개월") == "6 months (6개월)" and english_fact("1년간") == "1 year (1년간)"


def test_contacts_are_phone_numbers_and_addresses():
    text = "☎ 055-259-3371 / 1588-1234, sf@gntp.or.kr, https://www.gntp.or.kr/notice?id=3. 2026-03-16 공고"
    assert [(text[a:b], k) for a, b, k in find_contacts(text)] == [
        ("055-259-3371", "contact"), ("1588-1234", "contact"), ("sf@gntp.or.kr", "contact"),
        ("https://www.gntp.or.kr/notice?id=3", "web")]


def test_numbers_spelled_out_in_words_before_a_counter_are_read_as_digits():
    from assistant.numbers import spelled_numbers

    assert spelled_numbers("상시근로자가 다섯 명 이상 오십 명 미만") == "상시근로자가 5명 이상 50명 미만"
    assert spelled_numbers("지난해 매출액이 백억 원 이하") == "지난해 매출액이 10,000,000,000원 이하"
    assert spelled_numbers("최대 천오백만 원, 개업 후 삼 년, 스물두 명, 서른 곳") == "최대 15,000,000원, 개업 후 3년, 22명, 30곳"
    # words that only look like numbers stay: a lone syllable before 원/개, 한 (an idiom), a counter inside a word
    for text in ("이 원칙", "한 곳만 김포시인 경우", "이 명단", "이 인증을", "만 원"):
        assert spelled_numbers(text) == text
