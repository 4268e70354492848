"""Answers as safe text for a browser: everything from users or documents is escaped, so a
<script>, an <img onerror=...> or Markdown in a question or a passage shows literally.
The only markup is ours: <mark> around the fact, <details> per source."""

import html
import re
from datetime import date

from .answer import Answer, Citation

# Markdown punctuation, backslash-escaped; < > & are HTML-escaped instead (a backslash before
# an entity would show the entity's name).
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


def literal(text: str) -> str:
    """Text for a Markdown renderer that must show it as typed (Markdown and HTML escaped)."""
    return html.escape(_MD_SPECIAL.sub(r"\\\1", text), quote=False)


def answer_markdown(ans: Answer) -> str:
    """The chat message: the answer, marked when it is an abstention."""
    text = literal(ans.answer)
    return f"⚠️ **답을 찾지 못했습니다** — {text}" if ans.abstained else text


def _passage_html(c: Citation) -> str:
    if c.highlight and c.highlight in c.passage:
        # the fact where the answer found it ("4천만 원" of "기업당 최대 4천만 원", not of "총 2억 4천만 원")
        i = c.highlight_start if c.passage[c.highlight_start:].startswith(c.highlight) and c.highlight_start >= 0 \
            else c.passage.index(c.highlight)
        before, fact, after = c.passage[:i], c.passage[i:i + len(c.highlight)], c.passage[i + len(c.highlight):]
        body = f"{html.escape(before)}<mark>{html.escape(fact)}</mark>{html.escape(after)}"
    else:
        body = html.escape(c.passage)
    return body.replace("\n", "<br>")


def _file_name(path: str) -> str:
    """The file's own name, as a person reads it ("000_a3db….txt" -> itself; "corpus/공고.pdf" -> 공고.pdf)."""
    return path.rsplit("/", 1)[-1]


def sources_html(ans: Answer | None) -> str:
    """Collapsible source blocks: "[n] title · outlet · date[ · section][ · p. 3]" (only what is
    known), then the passage with its fact marked, then the file's name."""
    if ans is None or not ans.citations:
        return '<div class="sources-empty">질문하면 답의 근거 문단이 여기에 나옵니다.</div>'
    head = "가까운 문단 (답은 아님)" if ans.abstained else "근거 문단"
    parts = [f'<div class="sources"><div class="sources-head">{head}</div>']
    for c in ans.citations:
        fields = [x for x in (c.outlet, c.date) if x]  # what is known; nothing for what is not
        if c.date and int(c.date[:4]) < date.today().year:
            fields.append(f"{c.date[:4]}년 기사")  # an old article: its programme may have changed since
        fields += [x for x in (c.section, f"p. {c.page}" if c.page else None) if x]
        meta = "".join(" · " + html.escape(x) for x in fields)
        opened = " open" if c.n == 1 and not ans.abstained else ""
        parts.append(
            f'<details class="source"{opened}><summary>[{c.n}] {html.escape(c.title)}{meta}</summary>'
            f'<div class="passage">{_passage_html(c)}</div>'
            f'<div class="source-path" title="{html.escape(c.chunk_id)}">파일: {html.escape(_file_name(c.path))}</div>'
            '</details>'
        )
    parts.append("</div>")
    return "".join(parts)


_STATUS_MARK = {"충족": "✅", "미충족": "❌", "확인 필요": "❔"}


def match_markdown(matches: list, profile_shown: str = "") -> str:
    """`qa.match` results as Markdown: 신청 가능, 확인 필요, 해당 없음 (open programmes by deadline), then
    closed ones; every condition with its status, reason and the sentence it was read from."""
    if not matches:
        return "색인된 문서에 지원사업이 없습니다."
    groups = [("신청 가능", [m for m in matches if not m.closed and m.label == "신청 가능"]),
              ("확인 필요", [m for m in matches if not m.closed and m.label == "확인 필요"]),
              ("해당 없음", [m for m in matches if not m.closed and m.label == "해당 없음"]),
              ("마감된 사업", [m for m in matches if m.closed])]
    lines = [f"**회사 정보:** {literal(profile_shown)}", ""] if profile_shown else []
    for name, group in groups:
        if not group:
            continue
        lines += [f"#### {name} ({len(group)})", ""]
        for m in group:
            p = m.programme
            extra = " · ".join(x for x in (m.period, f"최대 {p.max_amount}" if p.max_amount else None) if x)
            label = f" [{m.label}]" if name == "마감된 사업" else ""
            lines.append(f"- **{literal(p.title)}**{label}" + (f" — {literal(extra)}" if extra else ""))
            reasons = m.verdict.deciding if m.label == "해당 없음" else m.verdict.reasons
            for r, c in zip(m.verdict.reasons, m.citations):
                if r in reasons:
                    quote = (c.highlight or c.passage)[:120]
                    lines.append(f"    - {_STATUS_MARK[r.status]} {literal(r.says)} — “{literal(quote)}” "
                                 f"({literal(_file_name(p.path))})")
            if not m.verdict.reasons:
                lines.append("    - ❔ 신청 자격이 문서에 나와 있지 않습니다: 원문을 확인하세요 "
                             f"({literal(_file_name(p.path))})")
        lines.append("")
    return "\n".join(lines).strip()
