"""Validator for eval/heldout3 (stdlib only). Run from the repo root: python3 eval/heldout3/check.py

Checks questions.jsonl and conversations.jsonl against the pages of all four corpora that the
assistant searches together (eval/heldout3/corpus, eval/domain/corpus, eval/heldout2/corpus,
corpus): every line is valid JSON with the expected fields; ids are unique; answerable rows name an
existing document (file name, found in exactly one of the four folders), and every evidence string
occurs verbatim in that document's text (HTML: after removing <script>/<style> and stripping tags,
both with tags removed and with tags replaced by a space, so no evidence spans a tag boundary);
the first answer occurs verbatim, and every other answer occurs verbatim or is a normalised amount
variant (spaces/commas dropped, 천/백 spelled out, 억 decimals, 천원 units: "6천만원" for
"60,000천원") of an answer that does; at least one answer lies inside an evidence string;
unanswerable rows have answers [], evidence [] and doc "" (questions) or null (conversation turns).
It also checks the new pages (y01-y07: UTF-8, 1,500-5,000 characters) and the conversation shape
(ids h301-h320, 4-6 turns each).
"""
import html
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
CORPORA = [os.path.join(HERE, "corpus"), os.path.join(ROOT, "eval", "domain", "corpus"),
           os.path.join(ROOT, "eval", "heldout2", "corpus"), os.path.join(ROOT, "corpus")]
Q_FIELDS = ["id", "question", "answers", "evidence", "type", "lang", "doc"]
T_FIELDS = ["question", "answers", "evidence", "type", "lang", "doc"]
TYPES = {"amount", "date", "count", "percent", "name", "place", "org", "duration", "contact", "other"}

_cache = {}


def locate(name):
    hits = [d for d in CORPORA if os.path.isfile(os.path.join(d, name))]
    return os.path.join(hits[0], name) if len(hits) == 1 else None


def doc_texts(name):
    if name not in _cache:
        raw = open(locate(name), encoding="utf-8").read()
        if not name.endswith(".html"):
            _cache[name] = [raw]
        else:
            body = re.sub(r"(?is)<(script|style)\b.*?</\1>", "", raw)
            _cache[name] = [html.unescape(re.sub(r"<[^>]+>", sep, body)) for sep in ("", " ")]
    return _cache[name]


def amount(s):
    """Korean money string -> integer won, or None if it is not one."""
    t = re.sub(r"[\s,]", "", s)
    if t.startswith("최대"):
        t = t[2:]
    m = re.fullmatch(r"(?:(\d+(?:\.\d+)?)억)?(?:(\d+)천)?(?:(\d+)백)?(\d+)?(만|천)?원?", t)
    if not m or not any(m.groups()[:4]) or not t.endswith("원"):
        return None
    eok, cheon, baek, rest, unit = m.groups()
    below = int(cheon or 0) * 1000 + int(baek or 0) * 100 + int(rest or 0)
    total = round(float(eok or 0) * 10**8)
    total += below * {"만": 10**4, "천": 10**3, None: 1}[unit]
    return total


def check_row(tag, row, unans_doc, errors):
    if row["type"] not in TYPES or row["lang"] not in ("ko", "en"):
        errors.append(f"{tag}: type/lang {row['type']}/{row['lang']}")
    if not isinstance(row["answers"], list) or not isinstance(row["evidence"], list):
        errors.append(f"{tag}: answers/evidence must be lists")
        return
    if not row["answers"]:
        if row["evidence"] or row["doc"] != unans_doc:
            errors.append(f"{tag}: unanswerable but has evidence/doc")
        return
    if not row["evidence"]:
        errors.append(f"{tag}: answerable without evidence")
    if not row["doc"] or locate(row["doc"]) is None:
        errors.append(f"{tag}: missing or ambiguous doc {row['doc']!r}")
        return
    texts = doc_texts(row["doc"])
    for ev in row["evidence"]:
        if not all(ev in t for t in texts):
            errors.append(f"{tag}: evidence not verbatim in {row['doc']}: {ev!r}")
    verbatim = [a for a in row["answers"] if all(a in t for t in texts)]
    if row["answers"][0] not in verbatim:
        errors.append(f"{tag}: first answer not verbatim: {row['answers'][0]!r}")
    vals = {amount(a) for a in verbatim} - {None}
    for a in row["answers"]:
        if a not in verbatim and amount(a) not in vals:
            errors.append(f"{tag}: answer neither verbatim nor a normalised variant: {a!r}")
    if len(set(row["answers"])) != len(row["answers"]):
        errors.append(f"{tag}: duplicate answers")
    if not any(a in ev for a in row["answers"] for ev in row["evidence"]):
        errors.append(f"{tag}: no answer inside the evidence")


def load(path, errors):
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                errors.append(f"{os.path.basename(path)} line {n}: blank line")
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:
                errors.append(f"{os.path.basename(path)} line {n}: invalid JSON ({e})")
    return rows


def main():
    errors = []
    # pages
    pages = sorted(os.listdir(CORPORA[0]))
    for i in range(1, 8):
        if not [p for p in pages if p.startswith(f"y{i:02d}_")]:
            errors.append(f"page y{i:02d}_* missing")
    for p in pages:
        n = len(open(os.path.join(CORPORA[0], p), encoding="utf-8").read())
        if not 1500 <= n <= 5000:
            errors.append(f"page {p}: {n} characters")
    names = [p for d in CORPORA for p in os.listdir(d)]
    for p in sorted({p for p in names if names.count(p) > 1}):
        errors.append(f"file name {p} in more than one corpus folder")

    # questions
    qs = load(os.path.join(HERE, "questions.jsonl"), errors)
    ids = set()
    for q in qs:
        if list(q) != Q_FIELDS:
            errors.append(f"{q.get('id')}: fields {list(q)}")
            continue
        if q["id"] in ids:
            errors.append(f"duplicate id {q['id']}")
        ids.add(q["id"])
        check_row(q["id"], q, "", errors)
    ans = [q for q in qs if q.get("answers")]
    print(f"questions.jsonl: {len(qs)} questions, {len(ans)} answerable, {len(qs) - len(ans)} unanswerable, "
          f"{sum(q.get('lang') == 'en' for q in qs)} English, "
          f"{len({q['doc'] for q in ans})} documents")

    # conversations
    cs = load(os.path.join(HERE, "conversations.jsonl"), errors)
    cids = set()
    turns = []
    for c in cs:
        if list(c) != ["id", "turns"]:
            errors.append(f"{c.get('id')}: fields {list(c)}")
            continue
        if c["id"] in cids or not re.fullmatch(r"h3(0[1-9]|1\d|20)", c["id"]):
            errors.append(f"bad or duplicate conversation id {c['id']}")
        cids.add(c["id"])
        if not 4 <= len(c["turns"]) <= 6:
            errors.append(f"{c['id']}: {len(c['turns'])} turns")
        for i, t in enumerate(c["turns"], 1):
            tag = f"{c['id']}#{i}"
            if list(t) != T_FIELDS:
                errors.append(f"{tag}: fields {list(t)}")
                continue
            turns.append(t)
            check_row(tag, t, None, errors)
        if not c["turns"] or not c["turns"][0].get("answers"):
            errors.append(f"{c['id']}: first turn should be answerable")
    tans = [t for t in turns if t["answers"]]
    print(f"conversations.jsonl: {len(cs)} conversations, {len(turns)} turns, {len(tans)} answerable, "
          f"{len(turns) - len(tans)} unanswerable, {sum(t['lang'] == 'en' for t in turns)} English, "
          f"{len({t['doc'] for t in tans})} documents")
    for e in errors:
        print("ERROR", e)
    print("OK" if not errors else f"{len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
