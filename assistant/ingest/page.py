"""From the text of a whole page to its stories: the article and any sidebar stories.

Rules, all general (see chrome.py for the line rules):
1. Lines are normalised; chrome lines are dropped; ranking/headline lists are dropped
   from their heading to the end of the list.
2. A short line followed by "더보기" opens a sidebar section; the article ends at the first one.
   Each story inside a section (a headline and its lead) becomes a story of its own,
   so that none of its facts are attributed to the article.
3. The title is the headline-like line above the article's first paragraph whose words the
   article repeats most (for HTML and Markdown it comes from the page's own title): a menu, a
   date line above the headline shares few words with the text, and a notice's number line
   ("경남테크노파크 공고 제2025-009호") is never its title. Lines above the first headline-like line are navigation and are dropped.
4. A paragraph repeated within the page is kept once, where it first appears.
"""

import re
from dataclasses import dataclass, field

from . import chrome, metadata


@dataclass
class Story:
    title: str
    paragraphs: list[str] = field(default_factory=list)
    outlet: str | None = None


@dataclass
class Page:
    article: Story
    sidebars: list[Story]
    date: str | None
    outlet: str | None


def _drop_lists(lines: list[str]) -> list[str]:
    """Drop ranking/headline lists: a list heading and the short, non-prose items after it."""
    out, in_list = [], False
    for line in lines:
        if chrome.is_list_heading(line):
            in_list = True
            continue
        if in_list:
            long_prose = len(line) >= 100 or (len(line) >= 40 and chrome.is_prose(line))
            if chrome.chrome_rule(line) or chrome.is_list_heading(line) or not long_prose:
                continue
            in_list = False
        out.append(line)
    return out


def _clean_lines(lines: list[str]) -> list[str]:
    kept = [chrome.strip_trailers(line) for line in _drop_lists(lines) if not chrome.chrome_rule(line)]
    return [line for line in kept if line and not chrome.chrome_rule(line)]


def _sections(lines: list[str]) -> tuple[list[str], list[list[str]]]:
    """Split at sidebar sections: (article lines, [lines of each section])."""
    starts = []
    for i, line in enumerate(lines):
        if chrome.is_section_more(line):
            j = i - 1
            while j >= 0 and not lines[j]:
                j -= 1
            if j >= 0 and len(lines[j]) <= 15 and not chrome.is_prose(lines[j]):
                starts.append((j, i))
    if not starts:
        return lines, []
    article = lines[: starts[0][0]]
    sections = []
    for k, (_, more) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        sections.append(lines[more + 1 : end])
    return article, sections


def _stories(section: list[str]) -> list[Story]:
    """Headline + lead pairs inside one sidebar section."""
    stories: list[Story] = []
    for line in _clean_lines(section):
        if chrome.is_headline(line):
            stories.append(Story(title=line))
            continue
        if not stories:
            split = metadata.split_inline_byline(line)
            if split is None:
                continue  # prose with no headline above it cannot be attributed to a story
            stories.append(Story(title=split[0]))
            line = split[1]
        stories[-1].paragraphs.append(line)
    for story in stories:
        if story.paragraphs:
            story.outlet, story.paragraphs[0] = metadata.split_byline(story.paragraphs[0])
    return [s for s in stories if s.paragraphs]


def _trim_tail(paragraphs: list[str]) -> list[str]:
    """Short non-sentence lines at the very end of an article are leftovers of page furniture."""
    while paragraphs and len(paragraphs[-1]) < 30 and not chrome.is_prose(paragraphs[-1]):
        paragraphs = paragraphs[:-1]
    return paragraphs


# a numbered item's title ("[2] (대덕구) … 2차 모집"): in a digest it is in the contents and again where the
# item starts; the second one is kept, it is where the item's text begins. A section heading ("□ 신청자격")
# is repeated under each programme of a page of several: kept too
_ITEM_TITLE = re.compile(r"^\s*\[\d{1,2}\]\s*\S|^\s*[□■◆◇▣○●]\s*[가-힣 ]{2,12}$")  # ("○ 제외대상" under each programme too)


def _dedupe(stories: list[Story]) -> None:
    seen: set[str] = set()
    for story in stories:
        unique = []
        for p in story.paragraphs:
            key = re.sub(r"\s+", "", p)
            if key in seen and not (_ITEM_TITLE.match(p) and len(p) <= 80):
                continue
            seen.add(key)
            unique.append(p)
        story.paragraphs = unique


_WORD = re.compile(r"[가-힣A-Za-z0-9]+")
HEADLINE_WINDOW = 12  # lines from the first headline-like one in which the headline is looked for
# not a headline: a list item ("- 12개사 선정"), a "label : value" line ("담당부서 : 기업지원과"),
# a line holding a full date ("2026. 2. 20.(금) 배포", "2026년 2월 3일 화요일")
_LIST_ITEM = re.compile(r"^[-–—·•*▶▷○●□■◇◆※]")
_FRAMED = re.compile(r"^([■□◆◇▣●○])\s*.+\s*\1$")  # "■ 2026년 … 변경공고 ■": a title between marks, not a list item
_LABEL = re.compile(r"^[가-힣A-Za-z ]{1,12}[:：]")
_TABLE_ROW = re.compile(r"^\s*[|│┃║┌└├┏┗┣]")  # a table's row (a 보도자료's 담당부서 box) is no headline
_FULL_DATE = re.compile(r"\d{4}\s*[.\-/년]\s*\d{1,2}\s*[.\-/월]\s*\d{1,2}")
_NUMBERED_SECTION = re.compile(r"^\s*(?:[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+|\d{1,2})\s*[.)]\s")  # "Ⅰ. 사업 개요", "1. 사업 목적": a section's heading
HEADLINE_MIN_WORDS = 3  # a headline repeats at least this many of its words in its article
# a notice's number line ("(재)부천산업진흥재단 공고 제2026-061호"): the issuer and an identifier, not its title
_NOTICE_NUMBER = re.compile(r"공고\s*(?:번호\s*)?제?\s*\d{2,4}\s*[-–]\s*\d+\s*호")
NUMBER_LINE_REST = 20  # at most this many other characters beside the number


def is_number_line(line: str) -> bool:
    m = _NOTICE_NUMBER.search(line)
    return bool(m) and len(line) - len(m.group(0)) <= NUMBER_LINE_REST


def shared_score(line: str, text: str) -> tuple[int, int]:
    """(words of `line` that `text` repeats, their characters less those of the words it does not)."""
    words = [w for w in _WORD.findall(line) if len(w) >= 2]
    shared = [w for w in words if w in text]
    return len(shared), sum(map(len, shared)) - sum(len(w) for w in words if w not in text)


def _headline(body: list[str], first: int) -> int:
    """The headline among the headline-like lines from `first` up to the article's first
    paragraph of prose: the first that shares at least HEADLINE_MIN_WORDS words with the text
    from that paragraph on and more of its characters than not (a headline summarises its
    article; the site's name, menus, a 보도자료 or 공고 number header do not); failing that, the
    line with the most characters shared less those not. `first` when there is no prose."""
    prose = next((i for i in range(first, len(body)) if len(body[i]) >= 40 and chrome.is_prose(body[i])), None)
    if prose is None:  # no line of prose (a notice written in short lines): the first headline-like line that is not its number
        return next((i for i in range(first, min(len(body), first + HEADLINE_WINDOW))
                     if chrome.is_headline(body[i]) and not is_number_line(body[i]) and not _TABLE_ROW.match(body[i])), first)
    text = " ".join(body[prose:])
    scored = []
    for i in range(first, min(prose, first + HEADLINE_WINDOW)):
        line = body[i]
        if (not chrome.is_headline(line) or (_LIST_ITEM.match(line) and not _FRAMED.match(line)) or _LABEL.match(line) or _TABLE_ROW.match(line)
                or _FULL_DATE.search(line) or is_number_line(line) or _NUMBERED_SECTION.match(line)):
            continue
        n_shared, margin = shared_score(line, text)
        if n_shared >= HEADLINE_MIN_WORDS and margin > 0:
            return i
        scored.append((margin, -i))
    return -max(scored)[1] if scored else first


_TITLE_LABEL = re.compile(r"^(?:제\s*목|글\s*제목|title|subject)$", re.IGNORECASE)


def _untabled(line: str) -> str:
    """A headline found in a board page's table row ("| 제목 | 김포시 공고 제2026-412호 「…」 모집 공고 | | |"):
    its longest cell, not the row."""
    if not line.lstrip().startswith("|"):
        return line
    cells = [c.strip() for c in line.strip().strip("|").split("|") if c.strip() and not _TITLE_LABEL.match(c.strip())]
    return max(cells, key=len) if cells else line


def parse_page(text: str, title: str | None = None) -> Page:
    """Split a page's text into its article and sidebar stories. `title` is given for
    HTML/Markdown pages whose title is known; plain-text pages find it by rule."""
    raw = [chrome.normalise_line(line) for line in text.splitlines()]
    date = metadata.find_date(raw)
    article_lines, sections = _sections(raw)
    body = _clean_lines(article_lines)
    outlet = metadata.find_outlet([line for line in article_lines if line])
    if title is None:
        at = next((i for i, line in enumerate(body) if chrome.is_headline(line)), None)
        if at is not None:
            best = _headline(body, at)
            title, body = _untabled(body[best]), [line for i, line in enumerate(body) if i > at and i != best]
            if _FRAMED.match(title):
                title = title[1:-1].strip()
    else:
        title = chrome.normalise_line(title)
        body = [line for line in body if line != title]
    # single words right under the title are reporter names or section labels ("전창해", "속보")
    while body and " " not in body[0] and len(body[0]) <= 6:
        body = body[1:]
    paragraphs = []
    for p in body:
        p = metadata.split_byline(p)[1]
        if p:
            paragraphs.append(p)
    article = Story(title=title or "", paragraphs=_trim_tail(paragraphs), outlet=outlet)
    sidebars = [story for section in sections for story in _stories(section)]
    _dedupe([article, *sidebars])
    for story in sidebars:
        story.outlet = story.outlet or outlet
    return Page(article=article, sidebars=[s for s in sidebars if s.paragraphs], date=date, outlet=outlet)
