"""One process's assistant for a UI: the loaded QA, the documents it knows, adding files.

Thread-safe: questions read `self.qa`; an update builds the new index on disk and then swaps
the new QA in one assignment, so a question in flight finishes on the old one.
"""

import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

from .errors import IngestError
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
        self._lock = threading.Lock()

    def ensure_index(self, progress=None) -> None:
        """Build the index if there is none or the corpus changed (incremental, usually a no-op)."""
        kwargs = {"progress": progress} if progress else {}
        build(self.corpus_dir, self.index_dir, **kwargs)

    @property
    def qa(self) -> QA:
        """The loaded QA (loaded on first use: the model, Kiwi and the index, once)."""
        if self._qa is None:
            with self._lock:
                if self._qa is None:
                    self._qa = load(self.index_dir)
        return self._qa

    def documents(self) -> list[list]:
        """[title, outlet, date, chunks] of every indexed story."""
        rows: dict[str, list] = {}
        for c in self.qa.index.chunks:
            if c.doc_id not in rows:
                rows[c.doc_id] = [c.title, c.outlet or "-", c.date or "-", 0]
            rows[c.doc_id][3] += 1
        return list(rows.values())

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
