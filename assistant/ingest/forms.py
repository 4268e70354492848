"""An HTML form that holds the page's content, kept as text.

Main-text extraction (trafilatura) drops every <form> with its labels, options and legends: on
most pages a form is a search box or a login. An online application form is different: who may
apply is written in its labels, its check items ("개업일이 2025. 5. 4. 이전입니다."), its select
options ("수산물 도매업(G46) — 신청 불가") and its help texts. A form with that much prose is
rewritten as plain blocks before extraction: fieldset and form become <div>, a legend a heading,
a label a <span>, a select a list of its options, an element's `title` help text a paragraph.
Inputs, buttons and text areas carry no text and go.
"""

import re

# a form with at least this much visible text is content, not a search box or a login (~10-60 characters)
CONTENT_CHARS = 150
_FORM = re.compile(r"<form\b", re.I)


def forms_as_content(html: str) -> str:
    """`html` with its long forms turned into ordinary blocks (unchanged when it has none)."""
    if not _FORM.search(html):
        return html
    from lxml import etree, html as lhtml

    try:
        root = lhtml.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return html
    changed = False
    for form in list(root.iter("form")):
        if len(" ".join(form.text_content().split())) < CONTENT_CHARS:
            continue
        changed = True
        for el in list(form.iter()):
            if not isinstance(el.tag, str):
                continue
            help_text = el.get("title")
            if help_text and len(help_text) >= 10 and el.tag not in ("input", "button"):
                p = etree.Element("p")
                p.text = help_text
                el.addnext(p)
            if el.tag in ("input", "button", "textarea"):
                el.drop_tree()
            elif el.tag in ("form", "fieldset"):
                el.tag = "div"
            elif el.tag == "legend":
                el.tag = "h3"
            elif el.tag == "label":
                el.tag = "span"
            elif el.tag == "select":
                el.tag = "ul"
            elif el.tag in ("option", "optgroup"):
                if el.get("value", "x") == "":  # "업종 선택": the prompt, not a choice
                    el.drop_tree()
                else:
                    el.tag = "li"
    return lhtml.tostring(root, encoding="unicode") if changed else html
