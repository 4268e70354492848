"""JSON (a public-data API's response, saved as .json) to blocks: one `Extracted` per record.

Korean public-data APIs (기업마당 지원사업정보, K-Startup, 중소벤처기업부 사업공고 …) return
programme notices as records: objects of named fields. Where they are:
- the list of objects holding the most text, wherever it is (a top-level list, "items",
  "jsonArray", "response.body.items.item" …; the wrapper's resultCode/pageNo are no record);
- else the object holding the most text (a single record, or "item" given as one object).
A list weighs all the text of its objects, nested parts included (so the records' list outweighs
the list of sections inside one record); a single object weighs its own string values only (not
nested objects, not URLs), so a wrapper's resultCode does not outweigh its records.

Each record renders as lines: one-line fields first, as "라벨: 값" (the title field first), then
each longer field under its label as a HEADING (a list of strings one line each, in order; HTML
as its paragraphs and list items; a nested object by its own fields; a list of objects one row
each, "파일명: … | 크기: …"). Labels come from data/api_fields_ko.tsv (known API field names);
an unknown key shows under its own name, or not at all when its value is clearly an id, a code,
a flag, a counter, a URL or empty. Dates are kept (a compact "20260608 ~ 20260703" written
"2026-06-08 ~ 2026-07-03" so it reads as dates); the record's registration date is its date.
A JSON Lines file (one object a line) is read as a list of records.

    SUFFIXES = (".json",)
    def read_records(data: bytes, source: str) -> list[tuple[int, Extracted]]  # (position, record)
"""

import html
import json
import re
from functools import cache
from html.parser import HTMLParser

from ..errors import IngestError
from ..numbers import date_parts, find_dates
from .blocks import HEADING, PARAGRAPH, ROW, Block, Extracted
from .textio import decode_bytes

SUFFIXES = (".json",)
MAX_DEPTH = 8  # nesting read below a record
MAX_LINE = 200  # a title is one short line

_INVALID = ("JSON 형식이 잘못되었습니다: {line}번째 줄 {col}번째 글자{what}. 그 자리 앞뒤의 쉼표·따옴표·괄호를 "
            "확인하고 고친 뒤 다시 저장하세요 (JSON 검사기로 확인할 수 있습니다) "
            "(invalid JSON at line {line}, column {col}: {msg})")
_WHAT = {"Expecting ',' delimiter": "에 쉼표(,)가 빠졌습니다", "Expecting ':' delimiter": "에 쌍점(:)이 빠졌습니다",
         "Expecting value": "에 값이 없습니다 (끝에 남은 쉼표이거나 빈 파일)",
         "Expecting property name enclosed in double quotes": "의 이름이 큰따옴표로 감싸여 있지 않습니다 (끝에 남은 쉼표일 수 있습니다)",
         "Unterminated string starting at": "에서 시작한 문자열의 따옴표가 닫히지 않았습니다",
         "Invalid control character at": "의 문자열 안에 줄바꿈 같은 제어 문자가 있습니다",
         "Extra data": " 뒤에 JSON 값이 하나 더 있습니다"}
_NO_RECORDS = ("JSON에서 공고 레코드(글자 값이 있는 객체)를 찾지 못했습니다. 공고가 객체 하나이거나 객체의 목록"
               "(예: items, data)인 응답을 그대로 저장하세요 (no records: no object with text values in the JSON)")
_EMPTY = ("JSON 레코드에 읽을 수 있는 글자가 없습니다 (값이 모두 비었거나 번호·코드·주소뿐입니다) "
          "(the JSON records hold no text: only empty values, ids, codes or URLs)")


@cache
def fields() -> dict[str, tuple[str, str]]:
    """data/api_fields_ko.tsv: field name -> (Korean label, role)."""
    from ..regions import data_lines

    out = {}
    for line in data_lines("api_fields_ko.tsv"):
        key, label, *role = line.split("\t")
        out[key] = (label, role[0] if role else "")
    return out


# --- values ---------------------------------------------------------------------------------

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")  # an HTML tag ("<p>", "<br/>", "</li>"); "<표 1>" is none
_BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "table", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "dl", "dt", "dd",
               "hr", "blockquote", "pre", "section", "article"}
_CELL_TAGS = {"td", "th"}
_HIDDEN_TAGS = {"script", "style"}
_URL = re.compile(r"^(?:https?://|www\.|/\S*[?.]\S*$)\S*$", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"^\(?\d{2,4}\)?[-.\s]?\d{3,4}[-.\s]\d{4}$")
# a date written without separators, as APIs send them ("20260601"); written ones are numbers.find_dates'
_COMPACT_DATE = re.compile(r"(?<!\d)(20\d{2}|19\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)")
_TOKEN = re.compile(r"^[A-Za-z0-9_.:#/+\-]+$")  # one word of Latin letters and digits: an id, a code, a flag
# a key naming an id, code, flag, counter or link: "id", "pbanc_sn", "pblancId", "inqireCo", "detailUrl"
_ID_KEY = re.compile(r"(?:^|_)(?:id|sn|seq|cd|code|yn|cnt|count|url|link|uri|href)$|"
                     r"(?:Id|ID|Sn|Seq|Cd|Code|Yn|YN|Cnt|Co|Count|Url|URL|Uri|Link|Href)$")
_TITLE_KEY = re.compile(r"title|subject|headline|제목|공고명|사업명", re.IGNORECASE)
_NAME_KEY = re.compile(r"(?:name|nm)$", re.IGNORECASE)
# a registration date by its key, when the data table names none: "createdAt", "reg_dt", "pubDate", "등록일"
_DATE_KEY = re.compile(r"^(?:creat(?:ed|ion)?|regist(?:ered|ration)?|reg|pub(?:lished)?|posted|written)[_ ]?"
                       r"(?:at|on|dt|date|de|time|ymd)?$|등록일|작성일|게시일|공고일", re.IGNORECASE)


class _Lines(HTMLParser):
    """HTML to its lines: a paragraph, list item, heading or table row a line each."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines, self.now, self.hidden = [], [], 0

    def _flush(self):
        line = re.sub(r"\s+", " ", "".join(self.now)).strip()
        if line:
            self.lines.append(line)
        self.now = []

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in _HIDDEN_TAGS
        if tag in _BLOCK_TAGS:
            self._flush()
        elif tag in _CELL_TAGS and self.now:
            self.now.append(" | ")

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag):
        self.hidden -= tag in _HIDDEN_TAGS and self.hidden > 0
        if tag in _BLOCK_TAGS:
            self._flush()

    def handle_data(self, data):
        if not self.hidden:
            self.now.append(data)


def _compact_dates(line: str) -> str:
    """"20260608 ~ 20260703" -> "2026-06-08 ~ 2026-07-03" (only a line of dates, so a number stays a number)."""
    if _COMPACT_DATE.search(line) and not re.sub(r"[\s~∼\-–,()]", "", _COMPACT_DATE.sub("", line)):
        return _COMPACT_DATE.sub(r"\1-\2-\3", line)
    return line


def text_lines(value: str) -> list[str]:
    """A string value as its lines: HTML to paragraphs and list items, entities decoded,
    "서울@부산@대구" (an API's list in one string) as "서울, 부산, 대구"."""
    if _TAG.search(html.unescape(value)):  # HTML, or HTML escaped once more ("&lt;p&gt;…", as some APIs send it)
        parser = _Lines()
        parser.feed(html.unescape(value) if not _TAG.search(value) else value)
        parser.close()
        parser._flush()
        lines = parser.lines
    else:
        lines = [re.sub(r"[ \t\u00a0]+", " ", ln).strip() for ln in html.unescape(value).splitlines()]
    out = []
    for ln in lines:
        if not ln:
            continue
        parts = ln.split("@")
        if len(parts) > 1 and not _EMAIL.search(ln) and all(p and p == p.strip() for p in parts):
            ln = ", ".join(parts)
        out.append(_compact_dates(ln))
    return out


def _is_code(line: str) -> bool:
    """A one-word value of Latin letters and digits that is no date, phone number or e-mail:
    an id ("PBLN_000000000118230"), a code ("C10"), a flag ("Y")."""
    return bool(_TOKEN.match(line)) and not (iso_date(line) or _PHONE.match(line) or _EMAIL.fullmatch(line))


def iso_date(value) -> str | None:
    """The first whole date (year, month and day) in a string value, as yyyy-mm-dd."""
    if not isinstance(value, str):
        return None
    for _, _, written in find_dates(value):
        parts = date_parts(written)
        if parts and parts["y"] and parts["d"]:
            return f"{int(parts['y']):04d}-{int(parts['m']):02d}-{int(parts['d']):02d}"
    m = _COMPACT_DATE.search(value)
    return f"{m[1]}-{m[2]}-{m[3]}" if m else None


# --- records --------------------------------------------------------------------------------

def _own_text(obj: dict) -> int:
    """Characters of an object's own string values (and lists of strings), URLs left out."""
    n = 0
    for v in obj.values():
        for s in (v if isinstance(v, list) else [v]):
            if isinstance(s, str) and not _URL.match(s.strip()):
                n += len(s.strip())
    return n


def _all_text(node, depth: int = 0) -> int:
    """Characters of every string value under `node` (URLs left out), to MAX_DEPTH."""
    if depth > MAX_DEPTH:
        return 0
    if isinstance(node, str):
        return 0 if _URL.match(node.strip()) else len(node.strip())
    values = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
    return sum(_all_text(v, depth + 1) for v in values)


# a chat log's messages: each names who speaks and what is said ({"role": "user", "content": "…"})
# (Slack and messenger exports name the speaker in user / user_name: {"user_name": "…", "text": "…"})
_SPEAKER_KEY = re.compile(r"^(?:role|speaker|sender|from|author|who|user_type|user|user_?name|sender_?name|author_?name|"
                          r"nick(?:name)?|화자|발신자|작성자)$", re.IGNORECASE)
_SAID_KEY = re.compile(r"^(?:content|text|message|msg|body|utterance|내용|메시지|발화)$", re.IGNORECASE)


def is_messages(items) -> bool:
    """A list of at least two chat messages (most items name a speaker and hold what was said)."""
    objects = [x for x in items if isinstance(x, dict)] if isinstance(items, list) else []
    said = [o for o in objects if any(_SPEAKER_KEY.match(str(k)) and isinstance(v, str) for k, v in o.items())
            and any(_SAID_KEY.match(str(k)) and isinstance(v, str) for k, v in o.items())]
    return len(said) >= 2 and len(said) >= 0.8 * len(objects)


def _holds_messages(node, depth: int = 0) -> bool:
    if depth > MAX_DEPTH:
        return False
    if is_messages(node):
        return True
    values = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
    return any(_holds_messages(v, depth + 1) for v in values if isinstance(v, (dict, list)))


def find_records(data) -> list[dict]:
    """The records of a parsed JSON document (see the module's docstring); [] when none holds text.
    A chat log (a list of messages anywhere in it) is one record, the whole file: its messages are
    one conversation, not a list of notices."""
    if _holds_messages(data):
        return [data if isinstance(data, dict) else {"messages": data}]
    best, best_score = [], 0
    stack = [(data, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            continue
        if isinstance(node, list):
            objects = [x for x in node if isinstance(x, dict)]
            # a list by all the text of its objects, nested parts too: the records' list outweighs
            # the list of sections inside one record
            score = sum(_all_text(x, depth + 1) for x in objects)
            if objects and score > best_score:  # a list before its own members (it is met first)
                best, best_score = objects, score
            stack += [(x, depth + 1) for x in reversed(node) if isinstance(x, (dict, list))]
        elif isinstance(node, dict):
            score = _own_text(node)
            if score > best_score:
                best, best_score = [node], score
            stack += [(v, depth + 1) for v in reversed(list(node.values())) if isinstance(v, (dict, list))]
    return best


def _title(record: dict) -> str | None:
    """The record's title: its title field (data table), else a title-like key, else the longest
    name-like one ("…Nm", "…_name") holding a short one-line string."""
    def short(v):
        if not isinstance(v, str):
            return None
        lines = text_lines(v)
        return lines[0] if len(lines) == 1 and len(lines[0]) <= MAX_LINE and not _is_code(lines[0]) else None

    known = fields()
    for k, v in record.items():
        if known.get(k, ("", ""))[1] == "title" and short(v):
            return short(v)
    for k, v in record.items():
        if k not in known and _TITLE_KEY.search(k) and short(v):
            return short(v)
    names = [short(v) for k, v in record.items() if k not in known and _NAME_KEY.search(k) and short(v)]
    return max(names, key=len) if names else None


@cache
def words() -> dict[str, str]:
    """data/api_words_ko.tsv: the standard terms' abbreviations -> Korean word."""
    from ..regions import data_lines

    return dict(line.split("\t")[:2] for line in data_lines("api_words_ko.tsv"))


_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")


def _label(key: str) -> tuple[str, str]:
    """A known field's label and role; else its standard words in Korean ("exclTrgetCn" -> 제외대상),
    else the key itself."""
    if key in fields():
        return fields()[key]
    parts = [w.lower() for w in _WORD.findall(key)]
    if parts and all(p in words() for p in parts):
        korean = [words()[p] for p in parts]
        if len(korean) > 2 and korean[-1] == "내용":
            korean.pop()
        return "".join(korean), ""
    return key, ""


def _field(key: str, value, depth: int) -> list[Block]:
    """The blocks of one field: [] (skipped), one "라벨: 값" PARAGRAPH, or a HEADING and its lines."""
    label, role = _label(key)
    known = key in fields()
    if role == "skip" or depth > MAX_DEPTH or value is None:
        return []
    if not known and _ID_KEY.search(key) and not isinstance(value, (dict, list)):
        return []  # pblancId, pageNo, inqireCo, detailUrl …: ids, counters and links by their names
    if isinstance(value, bool):
        return [Block(f"{label}: {'예' if value else '아니요'}")] if known else []
    if isinstance(value, (int, float)):
        return [Block(f"{label}: {value}")] if known else []  # an unknown number: a count, a page, a code
    if isinstance(value, str):
        lines = text_lines(value)
        if len(lines) == 1:
            line = lines[0]
            if (_URL.match(line) and role != "link") or (not known and _is_code(line)):
                return []
            return [Block(f"{label}: {line}")]
        return [Block(label, HEADING)] + [Block(ln) for ln in lines] if lines else []
    if isinstance(value, dict):
        inner = _record_blocks(value, depth + 1)
        if len(inner) == 1 and inner[0].kind == PARAGRAPH:  # {"tel": "…"}: one line under the label
            return [Block(f"{label} {inner[0].text}")]
        return [Block(label, HEADING)] + inner if inner else []
    if isinstance(value, list) and is_messages(value):
        # a conversation, in order: who speaks on a line of its own, then what was said (a "speaker:"
        # prefix would hide a message's own lead-in, "신청 제외는 세 가지입니다. ① …", from the readers)
        lines = []
        for m in value:
            named = [v for k, v in m.items() if _SPEAKER_KEY.match(str(k)) and isinstance(v, str)]
            # a name before an id ("user": "U07HJK2", "user_name": "정하은 (경영지원팀)"): the longest that has letters
            speaker = max(named, key=lambda v: (bool(re.search(r"[가-힣]", v)), not re.fullmatch(r"[A-Z0-9_-]+", v), len(v)),
                          default="")
            said = text_lines(next((v for k, v in m.items() if _SAID_KEY.match(str(k)) and isinstance(v, str)), ""))
            if said:
                lines += ([Block(speaker)] if speaker else []) + [Block(ln) for ln in said]
        return [Block(label, HEADING)] + lines if lines else []
    if isinstance(value, list):
        lines: list[Block] = []
        for item in _flat(value):
            if isinstance(item, dict):
                inner = _record_blocks(item, depth + 1)
                if inner and all(b.kind == PARAGRAPH for b in inner):
                    lines.append(Block(" | ".join(b.text for b in inner), ROW))  # one object, one row
                else:
                    lines += inner
            elif isinstance(item, str):
                lines += [Block(ln) for ln in text_lines(item) if not _URL.match(ln) or role == "link"]
            elif isinstance(item, (int, float)) and not isinstance(item, bool) and known:
                lines.append(Block(str(item)))
        if len(lines) == 1 and lines[0].kind != HEADING:  # one item: one line, as a one-field object reads
            return [Block(f"{label} {lines[0].text}" if lines[0].kind == ROW else f"{label}: {lines[0].text}")]
        return [Block(label, HEADING)] + lines if lines else []
    return []


def _flat(items: list, depth: int = 0):
    """The items of a list, those of lists inside it in their place."""
    for item in items:
        if isinstance(item, list):
            if depth < MAX_DEPTH:
                yield from _flat(item, depth + 1)
        else:
            yield item


def _record_blocks(record: dict, depth: int = 0) -> list[Block]:
    """A record's blocks: its one-line fields (the title field first), then its longer fields
    each under its label."""
    short, long = [], []
    order = sorted(record.items(), key=lambda kv: _label(kv[0])[1] != "title")
    for key, value in order:
        got = _field(str(key), value, depth)
        (short if len(got) == 1 and got[0].kind != HEADING else long).append(got)
    return [b for got in short for b in got] + [b for got in long for b in got]


def extracted(record: dict) -> Extracted:
    """One record's blocks, title, registration date and issuer (a .json record, a .csv row)."""
    known = fields()
    date = next((d for k, v in record.items() if known.get(k, ("", ""))[1] == "date" and (d := iso_date(v))), None)
    date = date or next((d for k, v in record.items() if k not in known and _DATE_KEY.search(k) and (d := iso_date(v))),
                        None)
    issuer = next((v.strip() for k, v in record.items()
                   if known.get(k, ("", ""))[1] == "issuer" and isinstance(v, str) and v.strip()), None)
    title = _title(record) or (_talked_about(record) if _holds_messages(record) else None)
    return Extracted(blocks=_record_blocks(record), title=title, date=date, issuer=issuer, stated=True)


# a programme's name quoted in a conversation ("*2026년 … 로봇 도입 지원사업* 공고 떴습니다", "「…」", '…')
_QUOTED_PROGRAMME = re.compile(r"[*「『'‘\"“]\s*([^*「」『』'‘’\"“”\n]{4,60}?(?:지원\s*사업|사업|바우처|프로그램))\s*[*」』'’\"”]")


def _talked_about(record: dict) -> str | None:
    """A chat log's title: the first programme its messages name in quotes, else the export's own name of
    itself ("system": "김해시 기업지원 챗봇 상담이력"; its keys, "export_info", are no title)."""
    for text in strings_in(record):
        m = _QUOTED_PROGRAMME.search(text)
        if m:
            return m.group(1).strip()
    meta = {k: v for k, v in record.items() if not _holds_messages(v)} if isinstance(record, dict) else {}
    return next((t.strip() for t in strings_in(meta) if re.search(r"[가-힣]", t) and 4 <= len(t.strip()) <= 60
                 and "\n" not in t.strip()), None)


def strings_in(node, depth: int = 0):
    """Every string value of a parsed JSON value, in order (nesting below MAX_DEPTH left out)."""
    if depth > MAX_DEPTH:
        return
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for v in node.values():
            yield from strings_in(v, depth + 1)
    elif isinstance(node, list):
        for v in node:
            yield from strings_in(v, depth + 1)


def parse(data: bytes, source: str):
    """The JSON value of a file (UTF-8 or CP949, with or without a BOM), or one list of the
    values of a JSON Lines file."""
    text, _encoding = decode_bytes(data, source)
    text = text.lstrip("\ufeff")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        first = exc
    if first.msg == "Extra data":  # JSON Lines: one value a line
        try:
            return [json.loads(ln) for ln in text.splitlines() if ln.strip()]
        except json.JSONDecodeError:
            pass
    what = _WHAT.get(first.msg, "")
    raise IngestError(source, _INVALID.format(line=first.lineno, col=first.colno, what=what, msg=first.msg)) from first


def read_records(data: bytes, source: str) -> list[tuple[int, Extracted]]:
    """(position among the records, its blocks) for every record that holds text."""
    records = find_records(parse(data, source))
    if not records:
        raise IngestError(source, _NO_RECORDS)
    out = [(k, ex) for k, ex in enumerate(extracted(r) for r in records) if ex.blocks]
    if not out:
        raise IngestError(source, _EMPTY)
    return out
