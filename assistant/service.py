"""One process's assistant for a UI: the loaded QA, the documents it knows, adding and
removing files.

Thread-safe: questions read `self.qa`; an update builds the new index on disk and then swaps
the new QA in one assignment, so a question in flight finishes on the old one. The index is
live: when another process (`assistant index`) swaps a new version in, the next question
loads it (store.version tells, with one readlink).
"""

import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

from . import store
from .errors import AssistantError, IngestError
from .indexer import build
from .ingest import CorpusFile, read_documents
from .qa import QA, load


@dataclass
class UploadResult:
    added: list[str]
    rejected: list[tuple[str, str]]  # (file name, reason in Korean)
    chunks: int = 0


class Service:
    def __init__(self, corpus_dir: str | Path, index_dir: str | Path):
        self.corpus_dir, self.index_dir = Path(corpus_dir), Path(index_dir)
        self._qa: QA | None = None
        self._version: str | None = None  # the index version self._qa was loaded from
        self._lock = threading.Lock()

    def ensure_index(self, progress=None) -> None:
        """Build the index if there is none or the corpus changed (incremental, usually a no-op)."""
        kwargs = {"progress": progress} if progress else {}
        build(self.corpus_dir, self.index_dir, **kwargs)

    @property
    def qa(self) -> QA:
        """The loaded QA (loaded on first use: the model, Kiwi and the index), reloaded when a
        new index version is in place (the encoder and model are kept)."""
        if self._qa is None or store.version(self.index_dir) != self._version:
            with self._lock:
                now = store.version(self.index_dir)
                if self._qa is None:
                    self._qa = load(self.index_dir)
                elif now != self._version:
                    self._qa = QA(store.load(self.index_dir, spec=store.chosen()), self._qa.encoder, self._qa.model)
                self._version = now
        return self._qa

    def remove_document(self, path: str, progress=None) -> str:
        """Take a file out of the corpus (moved to the folder beside it, `<corpus>.removed/`, not
        deleted) and update the index. `path`: as the documents table shows it. Returns the
        file's new place."""
        rel = path.split("/", 1)[1] if "/" in path else path  # "corpus/003_x.txt" -> "003_x.txt"
        src = self.corpus_dir / rel
        if ".." in Path(rel).parts or not src.is_file():
            raise AssistantError(f"{path}: 말뭉치에 없는 파일입니다 (not in the corpus)")
        with self._lock:
            parked = self.corpus_dir.parent / f"{self.corpus_dir.name}.removed"
            parked.mkdir(exist_ok=True)
            dest = _free_name(parked, src)
            shutil.move(str(src), dest)
            kwargs = {"progress": progress} if progress else {}
            build(self.corpus_dir, self.index_dir, **kwargs)
            self._qa = load(self.index_dir) if self._qa is None else QA(store.load(self.index_dir, spec=store.chosen()), self._qa.encoder,
                                                                         self._qa.model)
            self._version = store.version(self.index_dir)
        return str(dest)

    def documents(self) -> list[list]:
        """[title, outlet, date, chunks, file] of every indexed story."""
        rows: dict[str, list] = {}
        for c in self.qa.index.chunks:
            if c.doc_id not in rows:
                rows[c.doc_id] = [c.title, c.outlet or "-", c.date or "-", 0, c.path]
            rows[c.doc_id][3] += 1
        return list(rows.values())

    def files(self) -> list[str]:
        """The corpus files behind the indexed documents, as the documents table shows them."""
        return sorted({c.path for c in self.qa.index.chunks})

    def add_files(self, paths: list[str | Path], progress=None) -> UploadResult:
        """Check uploaded files, copy the good ones into the corpus, update the index, reload.
        A bad file is reported and left out; nothing already indexed is touched."""
        result = UploadResult(added=[], rejected=[])
        accepted = []
        for p in map(Path, paths):
            name = p.name
            cf = CorpusFile(rel=name, path=p, shown=name)
            try:
                read_documents(cf)  # refuses unsupported suffixes, binary and undecodable files
            except IngestError as exc:
                result.rejected.append((name, exc.reason))
                continue
            accepted.append(p)
        if not accepted:
            return result
        with self._lock:
            self.corpus_dir.mkdir(parents=True, exist_ok=True)
            for p in accepted:
                dest = _free_name(self.corpus_dir, p)
                shutil.copyfile(p, dest)
                result.added.append(dest.name)
            kwargs = {"progress": progress} if progress else {}
            report = build(self.corpus_dir, self.index_dir, **kwargs)
            self._qa = load(self.index_dir)
            self._version = store.version(self.index_dir)
        result.chunks = report.chunks
        return result


def _free_name(folder: Path, src: Path) -> Path:
    """Where to copy `src` in `folder` without overwriting a different file of the same name."""
    dest = folder / src.name
    n = 1
    while dest.exists() and dest.read_bytes() != src.read_bytes():
        dest = folder / f"{src.stem}-{n}{src.suffix}"
        n += 1
    return dest
