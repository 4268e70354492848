"""RSS and Atom feeds (a portal's 지원사업 알림 saved as .xml, or as .txt from a feed reader):
one `Extracted` per item, as a .json record is read (jsonrecords.extracted: title, date, fields
as labelled lines, the item's HTML description as plain lines).

A feed holds several notices — often of look-alike programmes (광주광역시 and 경기도 광주시 under
one keyword) — so each item is a document of its own, never one page mixing their conditions.

    is_feed(text) -> bool
    read_items(text, source) -> list[tuple[int, Extracted]]  # (position, item)
"""

import re
from email.utils import parsedate_to_datetime

from ..errors import IngestError
from .blocks import Extracted
from .jsonrecords import extracted

_START = re.compile(r"^\ufeff?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.S)
_NO_ITEMS = ("피드(RSS/Atom)에서 항목(item/entry)을 찾지 못했습니다. 피드 주소에서 받은 XML 파일을 그대로 저장하세요 "
             "(no item or entry in the RSS/Atom feed)")


def is_feed(text: str) -> bool:
    """An RSS, RDF or Atom feed: the XML's first element is <rss>, <rdf:RDF> or <feed>."""
    return bool(_START.match(text[:4000]))


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _date(value: str) -> str:
    """An RFC 822 date ("Wed, 01 Apr 2026 17:20:00 +0900") as 2026-04-01; other forms as they are."""
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return value


def read_items(text: str, source: str) -> list[tuple[int, Extracted]]:
    from lxml import etree

    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True)
    root = etree.fromstring(text.lstrip("\ufeff").encode("utf-8"), parser)
    if root is None:
        raise IngestError(source, _NO_ITEMS)
    out = []
    items = [el for el in root.iter() if _local(el.tag) in ("item", "entry")]
    for k, item in enumerate(items):
        record: dict = {}
        for child in item:
            name, value = _local(child.tag), (child.text or "").strip()
            if name == "link" and not value:
                value = child.get("href", "")
            if not value or name in ("guid", "id", "comments"):
                continue
            if name in ("pubDate", "published", "updated", "date"):
                record.setdefault("pubDate", _date(value))
            elif name in ("description", "summary", "content", "encoded"):
                record.setdefault("description", value)
            elif name in ("category", "subject"):
                record.setdefault("category", []).append(value)
            else:
                record.setdefault(name, value)
        if record.get("title") or record.get("description"):
            out.append((k, extracted(record)))
    if not out:
        raise IngestError(source, _NO_ITEMS)
    return out
