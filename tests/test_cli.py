from assistant import store
from assistant.cli import main

from conftest import copy_pages


def test_index_command_then_nothing_to_do(tmp_path, capsys):
    corpus = copy_pages(tmp_path / "news", "sidebar_portal.txt", "techweek.html")
    assert main(["index", "--corpus", str(corpus), "--index", str(tmp_path / "idx")]) == 0
    out = capsys.readouterr().out
    assert "색인 완료" in out and "4 documents" in out
    assert main(["index", "--corpus", str(corpus), "--index", str(tmp_path / "idx")]) == 0
    assert "nothing to do" in capsys.readouterr().out


def test_index_uses_env_index_dir_and_reports_skipped_files(tmp_path, capsys):
    corpus = copy_pages(tmp_path / "corpus", "sidebar_portal.txt")
    (corpus / "broken.txt").write_bytes(b"\x00\xff\xfe" * 50)
    assert main(["index"]) == 0  # ./corpus and $ASSISTANT_INDEX_DIR
    captured = capsys.readouterr()
    assert "corpus/broken.txt" in captured.err and "바이너리" in captured.err
    assert (store.resolve(tmp_path / "index") / "manifest.json").exists()


def test_missing_corpus_is_a_message_not_a_traceback(tmp_path, capsys):
    assert main(["index", "--corpus", str(tmp_path / "nope")]) == 2
    err = capsys.readouterr().err
    assert "--corpus" in err and "Traceback" not in err


def test_ask_on_a_fresh_checkout_indexes_the_corpus_first(tmp_path, capsys):
    """No index yet and none given: ./corpus is indexed first (as the chat's first run does), then answered."""
    copy_pages(tmp_path / "corpus", "sidebar_portal.txt")
    assert not (tmp_path / "index").exists() or not any((tmp_path / "index").iterdir())
    assert main(["ask", "스마트공장 지원사업은 누가 하나요?"]) == 0
    captured = capsys.readouterr()
    assert "먼저 색인합니다" in captured.err and captured.out.strip()
    assert (store.resolve(tmp_path / "index") / "manifest.json").exists()
    assert main(["ask", "스마트공장 지원사업은 누가 하나요?"]) == 0  # the second time it is there
    assert "먼저 색인합니다" not in capsys.readouterr().err


def test_the_python_api_on_a_fresh_checkout_indexes_the_corpus_first(tmp_path, capsys):
    """README's `assistant.load(...)` before any index is built: the shipped corpus is indexed first, silently
    (the library prints nothing); another missing index still raises, naming the command."""
    import pytest

    import assistant
    from assistant.errors import IndexNotFoundError

    copy_pages(tmp_path / "corpus", "sidebar_portal.txt")
    qa = assistant.load()
    assert qa.ask("스마트공장 지원사업은 누가 하나요?").citations
    assert capsys.readouterr().out == ""
    assert (store.resolve(tmp_path / "index") / "manifest.json").exists()
    with pytest.raises(IndexNotFoundError, match="assistant index"):
        assistant.load(tmp_path / "elsewhere")
