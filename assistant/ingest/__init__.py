"""Corpus files to Documents: read and decode, extract the main text, clean, split stories.

Two kinds of file:
- pages (.txt as copied or saved from a browser, .md, .html through trafilatura's main-text
  extraction): news pages full of page chrome; all pass the same cleaning rules (page.py,
  chrome.py, metadata.py) and may yield several stories;
- documents (.pdf, .docx, .hwpx, .hwp; one reader module per format behind the protocol of
  blocks.py): one Document each, tables as one line per row under its header, numbered
  section headings kept, PDF pages numbered; the notice's own facts (notice.py) on the Document;
- records (.json, a public-data API's response; jsonrecords.py): one Document per record, its
  fields as labelled lines, the same facts read from them; a .csv export of a programme list
  (csvrecords.py) the same way, one Document per row under its header row.
- any other file that is text (.tex, .po, .sql, a .patch; an XML document's text by markup.py)
  is read as a page; one that is not (a video, an archive) is refused naming the formats read.
"""

import importlib
import re
from html import unescape
from dataclasses import dataclass
from pathlib import Path

from .. import korean
from ..config import MAX_DOCUMENT_BYTES, MAX_FILE_BYTES
from ..documents import Document
from ..errors import IngestError
from . import blocks as B, calendar, feeds, markup
from .chrome import is_headline
from .forms import forms_as_content
from .htmlblocks import with_blocks
from .notice import notice_facts
from .page import HEADLINE_MIN_WORDS, Page, is_number_line, parse_page, shared_score
from .textio import decode_bytes

PAGE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".xml", ".ics")  # .xml: an RSS/Atom feed (feeds.py); .ics: calendar.py
READERS = {".pdf": "pdf", ".docx": "docx", ".hwpx": "hwpx", ".hwp": "hwp", ".json": "jsonrecords", ".csv": "csvrecords",
           ".toml": "tomlrecords", ".xlsx": "xlsxrecords"}  # suffix -> reader module
SUFFIXES = PAGE_SUFFIXES + tuple(READERS)
REGION_READ = 200  # characters of a document's start read for its region when its title names none
SUPPORTED = "지원 형식: .txt, .md, .html, .pdf, .hwp, .hwpx, .docx, .json, .csv, .xlsx, .toml, .xml(RSS/Atom 피드·HWPX 본문), .ics(캘린더); 그 밖의 텍스트 파일(.tex, .svg 등)은 본문으로 읽습니다"


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
    title, numbered = None, False
    lines = []
    in_code = False
    for line in text.splitlines():
        if line.strip().startswith("```"):
            in_code = not in_code
            continue
        heading = re.match(r"^\s{0,3}(#{1,6})\s+\S", line)
        # the first "# " heading, or the heading after it when that is the notice's number ("# 고성군 공고 제2026-318호")
        if heading and (title is None and (len(heading.group(1)) == 1 or numbered)):
            text_of = line.strip().lstrip("#").strip()
            numbered = is_number_line(text_of)
            if not numbered:  # the number line stays in the text, as a plain line
                title = text_of
                continue
        if re.match(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$", line):
            continue
        line = _MD_PREFIX.sub("", _MD_LINK.sub(r"\1", _MD_IMAGE.sub("", line)))
        lines.append(_MD_EMPHASIS.sub(r"\2", line))
    return parse_page("\n".join(lines), title=title)


_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title>", re.S | re.I)
_TITLE_PARTS = re.compile(r"\s+[|:\-–—<>]\s+")  # "headline | site", "게시판 - headline - site", "글 < 게시판 < 메뉴"


def _html_title(html: str, found: str | None, text: str) -> str | None:
    """The page's title: of the title trafilatura found (often the site's logo <h1> on a board
    page) and the parts of the <title> tag, the one whose words the text repeats most."""
    m = _TITLE_TAG.search(html[:20000])
    parts = [p.strip() for p in _TITLE_PARTS.split(unescape(re.sub(r"\s+", " ", m.group(1))))] if m else []
    candidates = [c for c in [found, *(_TITLE_PARTS.split(found) if found else []), *parts] if c]
    return max(candidates, key=lambda c: shared_score(c, text)[1]) if candidates else None


def _html_page(html: str, source: str) -> Page:
    import trafilatura  # heavy import, only when an HTML page is read

    html = forms_as_content(html)  # an application form's labels and options say who may apply
    doc = trafilatura.bare_extraction(
        html, include_comments=False, include_tables=True, with_metadata=True, favor_precision=True
    )
    if doc is None or not (doc.text or "").strip():
        raise IngestError(source, "HTML에서 본문을 찾지 못했습니다 (no main text found in the HTML)")
    text = with_blocks(html, doc.text)  # the headings and lists between its paragraphs, where only they were kept
    title = _html_title(html, doc.title, text)
    page = parse_page(text, title=title)
    shared, margin = shared_score(title, "\n".join(page.article.paragraphs)) if title is not None else (HEADLINE_MIN_WORDS, 0)
    if shared < HEADLINE_MIN_WORDS:
        # the site's and board's names only ("공지사항 < 알림마당 | 진흥원"): the content's own first line (its <h2>),
        # else a headline in the text, if one is better
        first = page.article.paragraphs[0] if page.article.paragraphs else ""
        titles = ([first] if is_headline(first) and not is_number_line(first) and not first.startswith("|") else []) + [None]
        for found in (parse_page(text, title=t) for t in titles):  # parsed one at a time, up to the first that is better
            n, found_margin = shared_score(found.article.title, "\n".join(found.article.paragraphs))
            if n >= HEADLINE_MIN_WORDS and found_margin > margin:
                page = found
                break
    page.date = page.date or (doc.date[:10] if doc.date else None)
    page.outlet = page.outlet or doc.sitename or None
    page.article.outlet = page.outlet
    return page


def documents_from_text(text: str, cf: CorpusFile) -> list[Document]:
    suffix = cf.path.suffix.lower()
    if feeds.is_feed(text):  # an RSS/Atom feed, saved as .xml or .txt: each item a document
        return [document_from_blocks(ex, cf, k) for k, ex in feeds.read_items(text, cf.shown)]
    if calendar.is_calendar(text):  # an iCalendar export, saved as .ics or .txt: each event a document
        return [document_from_blocks(ex, cf, k) for k, ex in calendar.read_events(text, cf.shown)]
    if suffix == ".xml":
        from . import hwpx

        if hwpx.is_section(text):  # one section of an HWPX package, unzipped ("section0.xml")
            return [document_from_blocks(hwpx.read_section(text, cf.shown), cf)]
    if (suffix == ".xml" or suffix not in SUFFIXES) and markup.is_xml(text):  # any other XML (an SVG poster): its text
        text = "\n".join(markup.lines_of(text))
    if suffix == ".tex":  # a LaTeX source: its text without the markup
        text = markup.tex_text(text)
    if suffix in (".po", ".pot"):  # a gettext catalog: its source sentences
        text = markup.po_text(text)
    if suffix == ".ics":
        raise IngestError(cf.shown, "캘린더(.ics) 파일이 아닙니다: BEGIN:VCALENDAR 로 시작해야 합니다 (not an iCalendar file)")
    if suffix in (".html", ".htm"):
        page = _html_page(text, cf.shown)
        from .pagedata import records_of_page

        records = records_of_page(text, page.article.paragraphs)
        if records:  # the page shows one rendering of its data (one tab of several): the data's records
            return [document_from_blocks(ex, cf, k) for k, ex in enumerate(records)]
    elif suffix == ".md":
        page = _markdown_page(text)
    else:
        page = parse_page(text)
    if not page.article.paragraphs:
        raise IngestError(cf.shown, "정리하고 나니 본문이 남지 않았습니다 (no article text after removing page chrome)")
    docs = []
    for k, story in enumerate([page.article, *page.sidebars]):
        # of a news story, only the application period and the largest amount are kept; dates without a year are the page's
        facts = notice_facts(story.paragraphs, year=int(page.date[:4]) if page.date and k == 0 else None)
        docs.append(
            Document(
                id=f"{cf.rel}~{k}",
                title=story.title or Path(cf.rel).stem,
                # a sidebar story's own date is not on the page; the page's date is the article's
                date=page.date if k == 0 else None,
                outlet=story.outlet,
                path=cf.shown,
                text="\n".join(story.paragraphs),
                facts={k: v for k, v in facts.to_dict().items() if k in ("period_start", "deadline", "max_amount", "apply_at", "contact")}
                | _region(story.title or "", "\n".join(story.paragraphs))
                | _home_and_eligibility(story.title or "", "\n".join(story.paragraphs)),
            )
        )
    return docs


def _region(title: str, text: str) -> dict:
    """{"region": …}: the first region the title names, else the start of the text (read once
    here, at index time, for the programme list), or {} when neither names one."""
    found = korean.places(title) or korean.places(text[:REGION_READ])
    return {"region": found[0]} if found else {}


# the province of a telephone area code, for a page that names a city several provinces have ("고성군 … 055-670-…")
_AREA_CODES = {"02": "서울", "031": "경기", "032": "인천", "033": "강원", "041": "충남", "042": "대전", "043": "충북",
               "044": "세종", "051": "부산", "052": "울산", "053": "대구", "054": "경북", "055": "경남", "061": "전남",
               "062": "광주", "063": "전북", "064": "제주"}
_PHONE = re.compile(r"(?<![\d-])(0\d{1,2})[-)\s]\s*\d{3,4}-[\d○xX*]{4}")


def _home_and_eligibility(title: str, text: str) -> dict:
    """{"home": [province, city, group], "conditions": [...]}: the document's own place and who may
    apply (eligibility/conditions.py), read once here.

    The document's own place ("도내", "관내", a programme that states no region, and the place
    the answer step checks a question's region against) is the place its title names when that
    place is in the province the text names most, else that province. A programme whose title
    names a place and whose text states no region condition is for that place; the condition then
    cites the first sentence that names it. A page of several programmes under headings of their own
    (eligibility/parts.py) also gets "parts": each one's title, place, conditions, largest amount and
    deadline."""
    from collections import Counter

    from ..eligibility.parts import programme_parts
    from ..eligibility.places import Place, places_in, provinces_of_cities

    named = places_in(title)
    provinces = Counter(p.province for p, _, _ in places_in(text[:REGION_READ * 10]) if p.province)
    top = provinces.most_common(1)[0][0] if provinces else None
    first = named[0][0] if named else None
    if first and first.city and not first.province:  # "고성군" (경남 or 강원): the province the page's phone numbers are in
        owners = [p for p, cities in provinces_of_cities().items() if first.city in cities]
        calls = Counter(_AREA_CODES.get(code) for code in _PHONE.findall(title + "\n" + text))
        votes = sorted(owners, key=lambda p: (-calls.get(p, 0), -provinces.get(p, 0)))
        if votes and (calls.get(votes[0], 0) or provinces.get(votes[0], 0)):
            first, top = Place(votes[0], first.city), votes[0]
    # a title naming a group ("비수도권 … 바우처") is for that group, whatever province the text names most
    place = first if first and (first.group or top is None or first.province == top) else (Place(top) if top else None)
    both = title + text
    if place == Place("광주") and len(re.findall(r"경기(?:도)?\s*광주", both)) > both.count("광주광역시"):
        place = Place("경기", "광주")  # a 경기도 광주시 document that also says just "광주시"
    home = _as_home(place)
    conditions = _conditions(title, text, home, bool(named))
    out = {"home": home} if home else {}
    parts = []
    for part in programme_parts(text):
        # a page of several programmes (a blog's round-up, a guidebook chapter): each read apart, its
        # place the one its heading names, else the page's
        own = places_in(part.title)
        where = _as_home(own[0][0]) if own else home
        notice = notice_facts(part.text.split("\n"))
        parts.append({"title": part.title, **({"home": where} if where else {}), **_region(part.title, part.text),
                      "conditions": [c.to_dict() for c in _conditions(part.title, part.text, where, bool(own or named))]}
                     | {k: v for k, v in notice.to_dict().items() if k in ("max_amount", "deadline", "period_start")})
    return (out | ({"conditions": [c.to_dict() for c in conditions]} if conditions else {})
            | ({"parts": parts} if parts else {}))


def _as_home(place) -> list | None:
    """A Place as facts["home"] holds it: [province, city, group]."""
    return [place.province, place.city, list(place.group)] if place else None


def _conditions(title: str, text: str, home: list | None, named: bool) -> list:
    """Who may apply to the programme `title` describes in `text` (eligibility/conditions.py)."""
    from ..eligibility.conditions import Condition, extract, own_programme

    conditions = extract(text, home)
    if named and home and not any(c.field == "region" for c in conditions):
        # a programme whose title names a place and whose text states no region condition is for that place
        words = [w for w in (home[1], home[0]) if w]
        where = next((s.strip() for s in re.split(r"(?<=다\.)\s+|\n", title + "\n" + text)
                      if any(w in s for w in words)), title)
        conditions.insert(0, Condition("region", "in", [home], where))
    conditions = [own_programme(c, title) for c in conditions]
    if conditions and all(c.field == "region" for c in conditions):
        # only where the programme is was read: who may apply (업종, 규모 …) was not found, so no company
        # is 신청 가능 from this text (a dropped form or an unread layout must not look like "anyone")
        conditions.append(Condition("other", "unstated", None, title))
    return conditions


def document_from_blocks(extracted: B.Extracted, cf: CorpusFile, k: int = 0) -> Document:
    """One Document of a read file (`k`: its position among the file's records, 0 for a file
    that is one document): its blocks one per line, with where each page and each section
    starts, and the notice's facts (title, 공고 번호, 공고일, issuer, application period). A
    record's named title, date and issuer go before those read from its text."""
    lines, pages, sections, at = [], [], [], 0
    for b in extracted.blocks:
        text = b.text.strip()
        if not text:
            continue
        if b.page is not None and (not pages or pages[-1][1] != b.page):
            pages.append((at, b.page))
        if b.kind == B.HEADING:
            sections.append((at, text))
        lines.append(text)
        at += len(text) + 1
    if not lines:
        raise IngestError(cf.shown, "문서에서 읽을 수 있는 글자를 찾지 못했습니다 (no text in the document)")
    facts = notice_facts(lines, [h for _, h in sections]).to_dict()
    if extracted.stated:
        facts |= {name: v for name, v in (("title", extracted.title), ("issued", extracted.date),
                                    ("issuer", extracted.issuer)) if v} | {"record": k}
    title = facts.get("title") or extracted.title or Path(cf.rel).stem
    return Document(id=f"{cf.rel}~{k}", title=title, date=facts.get("issued"),
                    outlet=facts.get("issuer"), path=cf.shown, text="\n".join(lines), pages=tuple(pages),
                    sections=tuple(sections), facts=facts | _region(title, "\n".join(lines))
                    | _home_and_eligibility(title, "\n".join(lines)))


def read_documents(cf: CorpusFile, data: bytes | None = None) -> list[Document]:
    """The Documents of one corpus file. Raises IngestError (a Korean message saying what to do)
    when it cannot be indexed."""
    suffix = cf.path.suffix.lower()
    if data is None:
        try:
            if suffix not in SUFFIXES and cf.path.stat().st_size > MAX_FILE_BYTES:  # a video, an archive...
                raise IngestError(cf.shown, f"지원하지 않는 형식입니다 ({cf.path.suffix or '확장자 없음'}). {SUPPORTED}")
            data = cf.path.read_bytes()
        except OSError as exc:
            raise IngestError(cf.shown, f"파일을 읽을 수 없습니다: {exc.strerror or exc}") from exc
    if suffix in READERS:
        if len(data) > MAX_DOCUMENT_BYTES:
            raise IngestError(cf.shown, f"파일이 너무 큽니다 ({len(data) // 1_000_000} MB > "
                                        f"{MAX_DOCUMENT_BYTES // 1_000_000} MB); 나누어 넣어 주세요")
        reader = importlib.import_module(f".{READERS[suffix]}", __name__)  # heavy libraries only when needed
        if hasattr(reader, "read_records"):  # a file of records (.json, .csv): a Document each
            return [document_from_blocks(ex, cf, k) for k, ex in reader.read_records(data, cf.shown)]
        return [document_from_blocks(reader.read(data, cf.shown), cf)]
    try:
        text, _encoding = decode_bytes(data, cf.shown)
    except IngestError:
        if suffix in SUFFIXES:
            raise
        # a file type no reader knows is read as text when it is text (.tex, .po, .svg ...); else refused
        raise IngestError(cf.shown, f"지원하지 않는 형식입니다 ({cf.path.suffix or '확장자 없음'}). {SUPPORTED}") from None
    return documents_from_text(text, cf)
