"""Markup nested deeper than lxml can hold, flattened so that its text is not lost."""
from __future__ import annotations

from html import escape
from html.parser import HTMLParser

from lxml import etree

from .htmltext import BLOCK_TAGS

LXML_MAX_DEPTH = 255  # libxml2 drops whatever lies deeper (huge_tree does not lift it far enough)
KEEP_DEPTH = 128  # elements kept as they are; deeper ones lose their tags, not their text
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


def depth_reaches(tree, limit: int = LXML_MAX_DEPTH - 1) -> bool:
    """True when some element of the parsed tree sits `limit` levels down (a sign of cut-off markup)."""
    depth = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        if depth >= limit:
            return True
    return False


class _Flattener(HTMLParser):
    def __init__(self, keep: int):
        super().__init__(convert_charrefs=True)
        self.keep, self.depth, self.out = keep, 0, []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            self.out.append(self.get_starttag_text() or "")
            return
        self.depth += 1
        if self.depth <= self.keep:
            self.out.append(self.get_starttag_text() or "")
        elif tag in BLOCK_TAGS:
            self.out.append("<p>")  # a paragraph boundary, without the nesting

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self.depth <= self.keep:
            self.out.append(f"</{tag}>")
        elif tag in BLOCK_TAGS:
            self.out.append("<p>")
        self.depth = max(0, self.depth - 1)

    def handle_data(self, data):
        self.out.append(escape(data, quote=False))

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")


def flatten_markup(html: str, keep: int = KEEP_DEPTH) -> str:
    """`html` with the tags below depth `keep` dropped (block ones become paragraph breaks), text kept.

    The standard library's parser keeps no tree, so any depth costs only linear time.
    """
    parser = _Flattener(keep)
    parser.feed(html)
    parser.close()
    return "".join(parser.out)
