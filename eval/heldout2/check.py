"""Validator for eval/heldout2 (stdlib only). Run from the repo root: python3 eval/heldout2/check.py

Checks: every line of questions.jsonl is valid JSON with the expected fields; ids are unique;
answerable questions name an existing doc, and every evidence string occurs verbatim in that doc's
text (HTML: after stripping tags, both with tags removed and with tags replaced by a space, so no
evidence spans a tag boundary); the first answer occurs verbatim, and every other answer occurs
verbatim or is a normalised amount variant (spaces/commas dropped, 천/백 spelled out, e.g.
"1억 8천만원" for "1억 8,000만 원") of an answer that does; at least one answer lies inside an
evidence string; unanswerable questions have answers [], evidence [] and doc "".
"""
import html
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")
FIELDS = ["id", "question", "answers", "evidence", "type", "lang", "doc"]
TYPES = {"amount", "date", "count", "percent", "name", "place", "org", "duration", "contact", "other"}


def doc_texts(name):
    raw = open(os.path.join(CORPUS, name), encoding="utf-8").read()
    if not name.endswith(".html"):
        return [raw]
    body = re.sub(r"(?is)<(script|style)\b.*?</\1>", "", raw)
    return [html.unescape(re.sub(r"<[^>]+>", sep, body)) for sep in ("", " ")]


def amount(s):
    """Korean money string -> integer won, or None if it is not one."""
    t = re.sub(r"[\s,]", "", s)
    m = re.fullmatch(r"(?:(\d+(?:\.\d+)?)억)?(?:(\d+)천)?(?:(\d+)백)?(\d+)?(만)?원?", t)
    if not m or not any(m.groups()[:4]) or not t.endswith("원"):
        return None
    eok, cheon, baek, rest, man = m.groups()
    below = int(cheon or 0) * 1000 + int(baek or 0) * 100 + int(rest or 0)
    total = round(float(eok or 0) * 10**8)
    total += below * (10**4 if man else 1)
    return total


def main():
    errors = []
    ids = set()
    rows = []
    path = os.path.join(HERE, "questions.jsonl")
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            try:
                q = json.loads(line)
            except json.JSONDecodeError as e:
                errors.append(f"line {n}: invalid JSON ({e})")
                continue
            rows.append(q)
            if list(q) != FIELDS:
                errors.append(f"line {n}: fields {list(q)}")
            if q["id"] in ids:
                errors.append(f"line {n}: duplicate id {q['id']}")
            ids.add(q["id"])
            if q["type"] not in TYPES or q["lang"] not in ("ko", "en"):
                errors.append(f"{q['id']}: type/lang {q['type']}/{q['lang']}")
            if not q["answers"]:
                if q["evidence"] or q["doc"]:
                    errors.append(f"{q['id']}: unanswerable but has evidence/doc")
                continue
            if not os.path.exists(os.path.join(CORPUS, q["doc"])):
                errors.append(f"{q['id']}: missing doc {q['doc']}")
                continue
            texts = doc_texts(q["doc"])
            for ev in q["evidence"]:
                if not all(ev in t for t in texts):
                    errors.append(f"{q['id']}: evidence not verbatim: {ev!r}")
            verbatim = [a for a in q["answers"] if all(a in t for t in texts)]
            if q["answers"][0] not in verbatim:
                errors.append(f"{q['id']}: first answer not verbatim: {q['answers'][0]!r}")
            vals = {amount(a) for a in verbatim} - {None}
            for a in q["answers"]:
                if a not in verbatim and amount(a) not in vals:
                    errors.append(f"{q['id']}: answer neither verbatim nor a normalised variant: {a!r}")
            if not any(a in ev for a in q["answers"] for ev in q["evidence"]):
                errors.append(f"{q['id']}: no answer inside the evidence")
    ans = [q for q in rows if q["answers"]]
    print(f"{len(rows)} questions: {len(ans)} answerable, {len(rows) - len(ans)} unanswerable, "
          f"{sum(q['lang'] == 'en' for q in rows)} English")
    for e in errors:
        print("ERROR", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
