"""The chat's service: a live index (another process's `assistant index` is seen by the next
question) and taking a document out (moved aside, not deleted). Real index, real encoder."""

import shutil

import pytest

from assistant import build_index
from assistant.errors import AssistantError
from assistant.service import Service

from conftest import CORPUS

GIMPO = "000_a3db1861db894e05.txt"
QUESTION = "김포 스마트공장 최대 지원금은?"


@pytest.fixture
def service(seed_index, tmp_path):
    shutil.copytree(CORPUS, tmp_path / "corpus")
    shutil.copytree(seed_index, tmp_path / "index")
    return Service(tmp_path / "corpus", tmp_path / "index")


def test_the_next_question_sees_an_index_rebuilt_by_another_process(service, tmp_path):
    assert service.qa.ask(QUESTION).answer.startswith("5,000만 원")
    encoder = service.qa.encoder
    (tmp_path / "corpus" / GIMPO).unlink()
    build_index(tmp_path / "corpus", tmp_path / "index")  # what `assistant index` does beside the chat
    ans = service.qa.ask(QUESTION)
    assert not ans.answer.startswith("5,000만 원") and all("김포시, 스마트공장" not in c.title for c in ans.citations)
    assert f"corpus/{GIMPO}" not in service.files() and service.qa.encoder is encoder  # reloaded, not the encoder


def test_a_document_taken_out_is_moved_aside_and_no_longer_answers(service, tmp_path):
    assert f"corpus/{GIMPO}" in service.files()
    moved = service.remove_document(f"corpus/{GIMPO}")
    assert moved == str(tmp_path / "corpus.removed" / GIMPO) and (tmp_path / "corpus.removed" / GIMPO).is_file()
    assert not (tmp_path / "corpus" / GIMPO).exists() and f"corpus/{GIMPO}" not in service.files()
    assert not service.qa.ask(QUESTION).answer.startswith("5,000만 원")
    with pytest.raises(AssistantError, match="말뭉치에 없는"):
        service.remove_document(f"corpus/{GIMPO}")
    with pytest.raises(AssistantError):
        service.remove_document("corpus/../../etc/passwd")


def test_the_ui_asks_before_it_takes_a_document_out(service, monkeypatch):
    import ui

    monkeypatch.setattr(ui, "service", service)
    button, message = ui.ask_to_confirm(f"corpus/{GIMPO}")
    assert button.visible is True and "뺄까요" in message and (service.corpus_dir / GIMPO).exists()
    message, table, choices, button = ui.remove_document(f"corpus/{GIMPO}", progress=lambda *a, **k: None)
    assert "뺐습니다" in message and "지워지지 않았습니다" in message and button.visible is False
    assert all(row[4] != f"corpus/{GIMPO}" for row in table) and f"corpus/{GIMPO}" not in choices.choices
