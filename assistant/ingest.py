"""Corpus files to Documents: read and decode, extract the main text, clean, split stories.

.txt pages are page text as copied or saved from a browser; .md is Markdown; .html goes
through trafilatura's main-text extraction. All three then pass the same cleaning rules.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from .config import CORPUS_SUFFIXES
from .documents import Document
from .errors import IngestError
from .page import Page, parse_page
from .textio import decode_bytes


@dataclass(frozen=True)
class CorpusFile:
    rel: str  # path inside the corpus, "/"-separated; the stable part of document ids
    path: Path  # where it is on disk
    shown: str  # path shown in citations: "corpus/000_x.txt"


def scan_corpus(corpus_dir: str | Path) -> list[CorpusFile]:
    """Every non-hidden file under the corpus folder, sorted, whatever its suffix
    (unsupported ones are reported as rejected by `read_documents`)."""
    root = Path(corpus_dir)
    files = []
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root).as_posix()
        if p.is_file() and not any(part.startswith(".") for part in rel.split("/")):
            files.append(CorpusFile(rel=rel, path=p, shown=f"{root.resolve().name}/{rel}"))
    return files


_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_PREFIX = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+(?=\S)|\d+[.)]\s+(?=\S))")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")


def _markdown_page(text: str) -> Page:
    title = None
    lines = []
    in_code = False
    for line in text.splitlines():
        if line.strip().startswith("```"):
            in_code = not in_code
            continue
        if title is None and re.match(r"^\s{0,3}#\s+\S", line):
            title = line.strip().lstrip("#").strip()
            continue
        if re.match(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$", line):
            continue
        line = _MD_PREFIX.sub("", _MD_LINK.sub(r"\1", _MD_IMAGE.sub("", line)))
        lines.append(_MD_EMPHASIS.sub(r"\2", line))
    return parse_page("\n".join(lines), title=title)


def _html_page(html: str, source: str) -> Page:
    import trafilatura  # heavy import, only when an HTML page is read

    doc = trafilatura.bare_extraction(
        html, include_comments=False, include_tables=True, with_metadata=True, favor_precision=True
    )
    if doc is None or not (doc.text or "").strip():
        raise IngestError(source, "HTML에서 본문을 찾지 못했습니다 (no main text found in the HTML)")
    page = parse_page(doc.text, title=doc.title or None)
    page.date = page.date or (doc.date[:10] if doc.date else None)
    page.outlet = page.outlet or doc.sitename or None
    page.article.outlet = page.outlet
    return page


def documents_from_text(text: str, cf: CorpusFile) -> list[Document]:
    suffix = cf.path.suffix.lower()
    if suffix in (".html", ".htm"):
        page = _html_page(text, cf.shown)
    elif suffix == ".md":
        page = _markdown_page(text)
    else:
        page = parse_page(text)
    if not page.article.paragraphs:
        raise IngestError(cf.shown, "정리하고 나니 본문이 남지 않았습니다 (no article text after removing page chrome)")
    docs = []
    for k, story in enumerate([page.article, *page.sidebars]):
        docs.append(
            Document(
                id=f"{cf.rel}~{k}",
                title=story.title or Path(cf.rel).stem,
                # a sidebar story's own date is not on the page; the page's date is the article's
                date=page.date if k == 0 else None,
                outlet=story.outlet,
                path=cf.shown,
                text="\n".join(story.paragraphs),
            )
        )
    return docs


def read_documents(cf: CorpusFile, data: bytes | None = None) -> list[Document]:
    """The Documents of one corpus file. Raises IngestError when it cannot be indexed."""
    if cf.path.suffix.lower() not in CORPUS_SUFFIXES:
        raise IngestError(cf.shown, f"지원하지 않는 형식입니다 ({cf.path.suffix or '확장자 없음'}); .txt, .md, .html 만 색인합니다")
    if data is None:
        try:
            data = cf.path.read_bytes()
        except OSError as exc:
            raise IngestError(cf.shown, f"파일을 읽을 수 없습니다: {exc.strerror or exc}") from exc
    text, _encoding = decode_bytes(data, cf.shown)
    return documents_from_text(text, cf)
