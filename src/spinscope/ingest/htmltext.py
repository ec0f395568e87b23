"""Readable paragraphs from an HTML element or fragment (feed items, single comments)."""
from __future__ import annotations

import html
import re

from lxml import etree, html as lxml_html

# Elements that start a new paragraph; everything else flows inline.
BLOCK_TAGS = frozenset("""
    address article aside blockquote dd details dialog div dl dt fieldset figcaption figure
    footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody
    td th thead tfoot tr ul
""".split())
SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "head", "iframe", "object",
                       "svg", "button", "input", "select", "textarea"})
_BREAK = "\x00"  # stands for <br> until source whitespace has been collapsed
_PARA = "\x01"  # stands for a block boundary
_WS = re.compile(r"\s+")
_PARAS = re.compile(_PARA + "+")


def element_paragraphs(root, skip: frozenset | set = frozenset()) -> list[str]:
    """Paragraph texts under `root`, leaving out scripts and the subtrees in `skip`."""
    parts: list[str] = []
    skipping = None  # the element whose subtree is being left out
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else None
        if skipping is not None:
            if event == "end" and el is skipping:
                skipping = None
                _inline(parts, el.tail, el is root)
            continue
        if event == "start":
            if tag is None or tag.lower() in SKIP_TAGS or el in skip:
                if tag is None:  # comments and processing instructions: only their tail counts
                    _inline(parts, el.tail, el is root)
                    continue
                skipping = el
                continue
            tag = tag.lower()
            if tag in BLOCK_TAGS:
                parts.append(_PARA)
            elif tag == "br":
                parts.append(_BREAK)
            _inline(parts, el.text, False)
        else:
            if tag is None:
                continue
            if tag.lower() in BLOCK_TAGS:
                parts.append(_PARA)
            _inline(parts, el.tail, el is root)
    joined = "".join(parts)
    out = []
    for block in _PARAS.split(joined):
        lines = [line.strip() for line in block.split(_BREAK)]
        text = "\n".join(line for line in lines if line)
        if text:
            out.append(text)
    return out


def _inline(parts: list[str], text: str | None, is_root_tail: bool) -> None:
    # Source whitespace (including newlines) is layout, not content: collapse it to one space.
    if text and not is_root_tail:
        parts.append(_WS.sub(" ", text))


def html_paragraphs(fragment: str) -> list[str]:
    """Paragraph texts of an HTML fragment such as a feed item's content."""
    if not fragment or not fragment.strip():
        return []
    if "<" not in fragment:  # no tags: blank lines separate paragraphs; character references still stand for
        # characters ("Don&#8217;t", "&amp;" in an HTML-typed feed title)
        return [p.strip() for p in re.split(r"\n\s*\n", html.unescape(fragment)) if p.strip()]
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return [p for p in (_WS.sub(" ", fragment).strip(),) if p]
    return element_paragraphs(root)
