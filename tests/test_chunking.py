from assistant.chunking import KiwiSentenceSplitter, chunk_document
from assistant.documents import Document
from assistant.korean import sentence_spans, tokens

TEXT = (
    "창원시가 협동로봇 도입 비용을 지원한다고 4일 밝혔다. 시는 올해 총 6억 원을 들여 5개 기업을 선정한다.\n"
    "기업당 최대 1억 2천만 원까지 지원할 계획이다. 신청은 다음 달 15일까지 받는다.\n"
    + "이 문장은 쉼표로만 이어진 아주 긴 문장이며, " * 12 + "끝난다.\n"
    "마지막 문단은 짧다."
)


def test_offsets_sizes_and_sentence_boundaries():
    doc = Document(id="x.txt~0", title="창원시 로봇", date=None, outlet=None, path="corpus/x.txt", text=TEXT)
    splitter = KiwiSentenceSplitter(chunk_size=120, chunk_overlap=40)
    chunks = chunk_document(doc, splitter)
    assert len(chunks) >= 4
    assert [c.id for c in chunks] == [f"x.txt~0#{n}" for n in range(len(chunks))]
    sentence_ends = {e for _, e in sentence_spans(TEXT)}
    for c in chunks:
        assert TEXT[c.start:c.end] == c.text
        assert len(c.text) <= 120
        assert c.text == c.text.strip()
    # chunks of normal sentences end where a sentence ends
    assert chunks[0].end in sentence_ends
    # every character of the text is in some chunk
    covered = set()
    for c in chunks:
        covered.update(range(c.start, c.end))
    assert all(i in covered for i, ch in enumerate(TEXT) if not ch.isspace())


def test_neighbours_share_whole_sentences():
    text = " ".join(f"{n}번째 문장은 지원 사업을 설명한다." for n in range(1, 30))
    doc = Document(id="y.txt~0", title="t", date=None, outlet=None, path="corpus/y.txt", text=text)
    chunks = chunk_document(doc, KiwiSentenceSplitter(chunk_size=100, chunk_overlap=40))
    starts = {s for s, _ in sentence_spans(text)}
    for a, b in zip(chunks, chunks[1:]):
        assert b.start < a.end <= b.end  # overlap, and progress
        assert b.start in starts  # the shared part begins at a sentence start


def test_kiwi_tokens_drop_particles_and_normalise_numbers():
    assert tokens("김포시의 지원금은 5,000만 원이다") == ["김포시", "김포", "지원금", "5000", "만", "원"]
    assert "김포" in tokens("김포는")
