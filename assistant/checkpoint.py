"""The work a build has done so far, kept beside the index so that a killed build resumes.

    .index.partial/
      settings.json        what the saved work depends on (pipeline, chunking, encoder)
      files.jsonl          one line per corpus file read: its path, sha256 and chunks with terms
      vectors-NNNNNN.npz   passage hashes and their vectors, one file per save

Lines are appended and flushed as files are read; vectors are saved every CHECKPOINT_EVERY
chunks or CHECKPOINT_SECONDS, whichever comes first, to a temp name and renamed, so a kill
loses at most that much encoding. A torn last line or an
unreadable vector file is skipped (that work is simply done again). Work saved under other
settings is thrown away. The folder is removed once the new index is swapped in.
"""

import json
import os
import shutil
import time
import zipfile
from pathlib import Path

import numpy as np

from . import store
from .config import CHECKPOINT_EVERY, CHECKPOINT_SECONDS
from .documents import FileResult

SETTINGS = "settings.json"
FILES = "files.jsonl"


class Checkpoint:
    def __init__(self, index_dir: Path, setup: dict):
        index_dir = Path(index_dir)
        self.dir = store.sibling(index_dir, "partial")
        self._setup = json.loads(json.dumps(setup, sort_keys=True))
        self._keys: list[str] = []
        self._vecs: list[np.ndarray] = []
        self._saved_at = time.monotonic()
        try:
            same = json.loads((self.dir / SETTINGS).read_text(encoding="utf-8")) == self._setup
        except (OSError, ValueError):
            same = False
        if not same:
            shutil.rmtree(self.dir, ignore_errors=True)
        self._files_fh = None

    def _open(self) -> None:
        if self._files_fh is None:
            self.dir.mkdir(parents=True, exist_ok=True)
            settings = self.dir / SETTINGS
            if not settings.exists():
                settings.write_text(json.dumps(self._setup, sort_keys=True), encoding="utf-8")
            self._files_fh = (self.dir / FILES).open("a", encoding="utf-8")

    # -- files read and chunked ------------------------------------------------------------

    def files(self) -> dict[tuple[str, str], FileResult]:
        """(path, sha256) -> what reading that file gave, for every file saved so far."""
        out = {}
        try:
            lines = (self.dir / FILES).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return out
        for line in lines:
            try:
                rec = json.loads(line)
                out[(rec["rel"], rec["sha256"])] = FileResult.from_dict(rec)
            except (ValueError, KeyError, TypeError):
                continue  # a line torn by a kill
        return out

    def add_file(self, rel: str, sha256: str, result: FileResult) -> None:
        self._open()
        self._files_fh.write(json.dumps({"rel": rel, "sha256": sha256, **result.to_dict()}, ensure_ascii=False) + "\n")
        self._files_fh.flush()

    # -- encoded vectors -------------------------------------------------------------------

    def vectors(self) -> dict[str, np.ndarray]:
        """Passage hash -> vector, from every save so far."""
        out = {}
        for path in sorted(self.dir.glob("vectors-*.npz")):
            try:
                with np.load(path) as data:
                    keys, vecs = data["keys"], data["vectors"]
            except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
                continue
            out.update(zip(keys.tolist(), vecs))
        return out

    def add_vectors(self, keys: list[str], vectors: np.ndarray) -> None:
        self._keys.extend(keys)
        self._vecs.append(np.asarray(vectors, dtype=np.float32))
        if len(self._keys) >= CHECKPOINT_EVERY or time.monotonic() - self._saved_at >= CHECKPOINT_SECONDS:
            self.flush()

    def flush(self) -> None:
        if not self._keys:
            return
        self._open()
        n = len(list(self.dir.glob("vectors-*.npz")))
        path = self.dir / f"vectors-{n:06d}.npz"
        tmp = self.dir / f".tmp-{os.getpid()}.npz"
        np.savez(tmp, keys=np.array(self._keys), vectors=np.concatenate(self._vecs))
        os.replace(tmp, path)
        self._keys, self._vecs = [], []
        self._saved_at = time.monotonic()

    def close(self) -> None:
        self.flush()
        if self._files_fh is not None:
            self._files_fh.close()
            self._files_fh = None

    def clear(self) -> None:
        """The index is in place: the saved work is no longer needed."""
        self._keys, self._vecs = [], []
        self.close()
        shutil.rmtree(self.dir, ignore_errors=True)
