"""Every test runs in its own tmp folder with no network; nothing is written into the repo."""

import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
PAGES = ROOT / "tests" / "data" / "pages"

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
# which e5-small runtime is fastest is measured once per test session, into a tmp folder
os.environ["ASSISTANT_CACHE_DIR"] = tempfile.mkdtemp(prefix="assistant-cache-")


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    yield


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory):
    """The shipped corpus, indexed once for the session (a copy: tests may not touch corpus/)."""
    from assistant import build_index

    base = tmp_path_factory.mktemp("seed")
    shutil.copytree(CORPUS, base / "corpus")
    build_index(base / "corpus", base / "index")
    return base / "index"


def copy_pages(dest: Path, *names: str) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(PAGES / name, dest / name)
    return dest
