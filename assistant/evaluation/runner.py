"""Run systems over questions, and get a corpus folder ready to be scored.

- slug_of / stage_corpus: one corpus folder is used as it is; several become one folder of
  symlinks under the cache (`<cache>/<slug>/corpus/<folder slug>/...`), refreshed each run.
- ensure_index: `assistant.build_index` into a cache folder; incremental, so a second run over
  an unchanged corpus is a no-op. While another build holds the lock, it waits for it.
- naive_index: the naive peer's own index of the same corpus (500-character chunks).
- run: one system over the questions -> QuestionResults (relevance judged on the chunks of the
  index that system searched).
"""

import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from .. import store
from ..errors import IndexBusyError
from ..indexer import BuildReport, build
from ..numbers import normalise_text
from .baselines import NAIVE_CHUNK_OVERLAP, NAIVE_CHUNK_SIZE, System
from .metrics import QuestionResult, count_relevant, score_answer
from .questions import EvalQuestion

NAIVE_INDEX = f"index-naive{NAIVE_CHUNK_SIZE}"
BUSY_POLL_S = 10.0


def _quiet(items, desc=None):
    return items


def folder_slug(folder: str | Path) -> str:
    """A folder's name, or its parent's when it is called `corpus` (benchmarks/korquad-a/corpus -> korquad-a)."""
    p = Path(folder).resolve()
    return p.parent.name if p.name == "corpus" and p.parent.name else p.name


def slug_of(folders: Sequence[str | Path]) -> str:
    return "+".join(folder_slug(f) for f in folders)


def stage_corpus(folders: Sequence[str | Path], cache: str | Path) -> Path:
    """The folder to index: the one folder given, or a folder of symlinks to every file of
    several (each under its own slug, so equal names do not collide). Links to files no longer
    there are removed, so the incremental build sees deletions."""
    folders = [Path(f) for f in folders]
    for f in folders:
        if not f.is_dir():
            raise FileNotFoundError(f"corpus folder {f}/ not found")
    if len(folders) == 1:
        return folders[0]
    staged = Path(cache) / slug_of(folders) / "corpus"
    wanted: dict[Path, Path] = {}
    used: set[str] = set()
    for f in folders:
        sub, n = folder_slug(f), 2
        while sub in used:
            sub, n = f"{folder_slug(f)}-{n}", n + 1
        used.add(sub)
        for p in sorted(f.resolve().rglob("*")):
            rel = p.relative_to(f.resolve())
            if p.is_file() and not any(part.startswith(".") for part in rel.parts):
                wanted[staged / sub / rel] = p
    if staged.exists():
        for link in sorted(staged.rglob("*"), reverse=True):
            if link.is_symlink() and wanted.get(link) != Path(os.readlink(link)):
                link.unlink()
            elif link.is_dir() and not link.is_symlink() and not any(link.iterdir()):
                link.rmdir()
    for link, target in wanted.items():
        if not link.is_symlink():
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(target)
    return staged


def ensure_index(corpus: str | Path, index_dir: str | Path, progress=None, on_wait: Callable[[str], None] | None = None,
                 wait_s: float = 6 * 3600, **build_kwargs) -> BuildReport:
    """Build or update the index of `corpus` in `index_dir` (no-op when up to date). While
    another build holds the lock, waits (calling on_wait once with the reason) up to wait_s."""
    kwargs = dict(build_kwargs)
    if progress is not None:
        kwargs["progress"] = progress
    deadline = time.monotonic() + wait_s
    told = False
    Path(index_dir).parent.mkdir(parents=True, exist_ok=True)
    while True:
        try:
            return build(corpus, index_dir, **kwargs)
        except IndexBusyError as exc:
            if time.monotonic() > deadline:
                raise
            if on_wait and not told:
                on_wait(f"{exc}; waiting")
                told = True
            time.sleep(BUSY_POLL_S)


def naive_index(corpus: str | Path, slug_dir: str | Path, encoder_model=None, progress=None, on_wait=None):
    """The naive peer's index (`<cache>/<slug>/index-naive500`), built or updated, then loaded.
    `encoder_model`: the encoder already in memory (the full system's), so it is not loaded twice."""
    index_dir = Path(slug_dir) / NAIVE_INDEX
    ensure_index(corpus, index_dir, progress=progress, on_wait=on_wait, chunk_size=NAIVE_CHUNK_SIZE,
                 chunk_overlap=NAIVE_CHUNK_OVERLAP, encoder_model=encoder_model)
    return store.load(index_dir)


_NORMALISED: list = [None, []]  # [chunks list, their normalised texts]: the last index asked about


def _normalised_chunks(chunks) -> list[str]:
    if _NORMALISED[0] is not chunks:
        _NORMALISED[:] = [chunks, [normalise_text(c.text) for c in chunks]]
    return _NORMALISED[1]


def run(system: System, questions: Sequence[EvalQuestion], progress=_quiet,
        placed: dict[str, tuple[str | None, str]] | None = None, k: int = 10) -> list[QuestionResult]:
    """Ask every question; `placed`: question id -> (document, split) from splits.assign."""
    norm = _normalised_chunks(system.chunks)
    results = []
    for q in progress(list(questions), desc=system.name):
        reply = system.run(q.question, k=k)
        doc, split = (placed or {}).get(q.id, (None, ""))
        results.append(score_answer(q, reply.answer, reply.abstained, [c.text for c in reply.chunks],
                                    reply.chunks[0].id if reply.chunks else "", count_relevant(norm, q.evidence),
                                    reply.timings_ms, short_answer=reply.short_answer, split=split, doc=doc))
    return results


def run_system(qa, name: str, questions: Sequence[EvalQuestion], progress=_quiet, naive=None) -> list[QuestionResult]:
    """One named system over the questions (`naive`: the naive peer's loaded index)."""
    return run(System(qa, name, naive_index=naive), questions, progress)


def run_conversations(system: System, conversations, progress=_quiet,
                      placed: dict[str, tuple[str | None, str]] | None = None, k: int = 10) -> list[QuestionResult]:
    """Every turn of every conversation, in order; the full system keeps one Conversation per
    item (follow-ups read in context), the others answer each turn alone."""
    norm = _normalised_chunks(system.chunks)
    results = []
    for conv in progress(list(conversations), desc=system.name):
        chat = system.qa.conversation() if system.name == "full" else None
        for n, q in enumerate(conv.turns):
            reply = system.run(q.question, k=k, conversation=chat)
            doc, split = (placed or {}).get(conv.id, (None, ""))
            r = score_answer(q, reply.answer, reply.abstained, [c.text for c in reply.chunks],
                             reply.chunks[0].id if reply.chunks else "", count_relevant(norm, q.evidence),
                             reply.timings_ms, short_answer=reply.short_answer, split=split, doc=q.doc or doc)
            r.turn = "first" if n == 0 else "follow-up"
            results.append(r)
    return results
