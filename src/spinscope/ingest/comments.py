"""Recovering a reader-comment thread (authors, texts, replies) from common comment markup."""
from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from .htmltext import element_paragraphs


def _cls(name: str) -> str:
    """XPath test for a whole class token (so 'comment' does not match 'comment-form')."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


_UPPER, _LOWER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz"


def _has(fragment: str) -> str:
    """XPath test for a class attribute containing `fragment` anywhere, in any case."""
    return f"contains(translate(@class, '{_UPPER}', '{_LOWER}'), '{fragment}')"


# Known comment markups, most specific first. `items` finds every comment (replies included);
# `author` and `text` are tried in order inside one comment, never inside its replies.
# `needs_author` guards the loose patterns against page parts that merely say "comment".
MARKUPS = (
    {
        "name": "wpdiscuz",
        "items": f"//*[{_cls('wpd-comment')}]",
        "author": [f".//*[{_cls('wpd-comment-author')}]"],
        "text": [f".//*[{_cls('wpd-comment-text')}]"],
        "needs_author": False,
    },
    {
        # the static copy of a Disqus thread that its WordPress plugin writes into the page
        "name": "disqus",
        "items": "//*[@id='dsq-comments']//li[starts-with(@id, 'dsq-comment-')]",
        "author": [".//*[starts-with(@id, 'dsq-author-user')]",
                   ".//cite"],
        "text": [f".//*[{_cls('dsq-comment-message')}]"],
        "needs_author": False,
    },
    {
        "name": "wordpress",
        "items": (f"//*[self::ol or self::ul][{_cls('commentlist')} or {_cls('comment-list')}]"
                  f"//li[{_cls('comment')} or starts-with(@id, 'comment-')"
                  f" or starts-with(@id, 'li-comment-')]"),
        "author": [f".//*[{_cls('fn')}]", f".//*[{_cls('comment-author')}]", ".//cite"],
        "text": [f".//*[{_cls('comment-content')}]", f".//*[{_cls('comment-text')}]",
                 f".//*[{_cls('comment-body')}]//p", ".//p"],
        "needs_author": False,
    },
    {
        "name": "comment-class",
        "items": (f"//*[self::li or self::div or self::article or self::section]"
                  f"[{_cls('comment')} or {_cls('comment-item')} or {_cls('comment-entry')}"
                  f" or {_cls('commentbody')}]"),
        "author": [f".//*[{_cls('fn')}]", f".//*[{_has('author')}]", f".//*[{_has('username')}]",
                   f".//*[{_has('user-name')}]", ".//cite"],
        "text": [f".//*[{_has('comment-content')} or {_has('comment__content')}"
                 f" or {_has('comment-text')} or {_has('comment_text')}]",
                 f".//*[{_has('content')} or {_has('text')}]", ".//p"],
        "needs_author": True,
    },
    {
        "name": "comment-list",
        "items": f"//*[self::ul or self::ol][{_has('comment')}]/li",
        "author": [f".//*[{_has('author')}]", f".//*[{_has('username')}]", ".//cite"],
        "text": [f".//*[{_has('content')} or {_has('text')} or {_has('body')}]", ".//p"],
        "needs_author": True,
    },
)

# Parts of a comment that are not its text: reply links, dates, vote buttons.
NOT_TEXT = (f".//*[{_has('reply')} or {_has('comment-meta')} or {_has('commentmetadata')}"
            f" or {_has('comment-footer')} or {_has('vote')} or {_has('avatar')}]")


@dataclass(slots=True)
class FoundComment:
    author: str | None
    text: str  # paragraphs joined by single newlines
    parent: int | None  # index into the list of found comments


def _nearest_item(el, items: set):
    node = el.getparent()
    while node is not None and node not in items:
        node = node.getparent()
    return node


class _Matches:
    """Matches of the item-relative XPaths (`.//...`), found once over the whole page and handed to
    the comment each lies in: one pass per XPath, where asking every comment would walk each reply
    again for every comment above it (quadratic in a deep thread)."""

    def __init__(self, tree, items: set):
        self.tree, self.items, self.by_xpath = tree, items, {}

    def own(self, item, xpath: str) -> list:
        """Matches of `xpath` inside `item` that do not belong to a nested reply, in page order."""
        groups = self.by_xpath.get(xpath)
        if groups is None:
            groups = self.by_xpath[xpath] = {}
            for el in self.tree.xpath(xpath[1:] if xpath.startswith(".//") else xpath):
                if el not in self.items:
                    groups.setdefault(_nearest_item(el, self.items), []).append(el)
        return groups.get(item, [])


def _below(el, item):
    """The ancestors of `el` up to (not including) `item`, which holds it: a walk as short as the
    comment's own markup, never up through every comment it replies to (a deep thread would make
    that quadratic)."""
    node = el.getparent()
    while node is not None and node is not item:
        yield node
        node = node.getparent()


def _read_item(item, markup: dict, matches: _Matches, replies: list) -> tuple[str | None, str]:
    """Author and text of one comment; `replies` are the comments nested right under it."""
    author_el = next((found[0] for xp in markup["author"] if (found := matches.own(item, xp))), None)
    author = " ".join(author_el.text_content().split()) if author_el is not None else None
    skip = set(replies) | set(matches.own(item, NOT_TEXT))
    if author_el is not None:
        skip.add(author_el)
    for xp in markup["text"]:
        found = [el for el in matches.own(item, xp)
                 if el not in skip and not any(a in skip for a in _below(el, item))]
        # keep outermost matches only, so a text block and its own <p>s are not read twice
        outer = set(found)
        found = [el for el in found if not any(a in outer for a in _below(el, item))]
        if found:
            paras = [p for el in found for p in element_paragraphs(el, skip)]
            return author or None, "\n".join(paras)
    return author or None, ""


def find_comment_tree(tree) -> tuple[list[FoundComment], str] | None:
    """The comment thread of a page and the XPath of its items, or None when none is recognised."""
    for markup in MARKUPS:
        try:
            items = tree.xpath(markup["items"])
        except etree.XPathError:
            continue
        if not items:
            continue
        item_set = set(items)
        parent_of = {item: _nearest_item(item, item_set) for item in items}
        replies: dict = {}
        for item, parent in parent_of.items():
            replies.setdefault(parent, []).append(item)
        matches = _Matches(tree, item_set)
        found: list[FoundComment] = []
        index_of: dict = {}
        for item in items:  # XPath returns document order, so parents come before replies
            if item.xpath(".//h1"):
                continue  # a block holding a headline is an article, not a comment
            if item.xpath(".//form | .//textarea") and not replies.get(item):
                continue  # the reply form dressed as a comment ("Leave a Comment:", name, e-mail)
            author, text = _read_item(item, markup, matches, replies.get(item, []))
            if not text:
                continue  # deleted or empty comment: its replies attach to the next one up
            parent = parent_of[item]
            while parent is not None and parent not in index_of:
                parent = _nearest_item(parent, item_set)
            index_of[item] = len(found)
            found.append(FoundComment(author, text, index_of.get(parent)))
        if found and (not markup["needs_author"] or any(c.author for c in found)):
            return found, markup["items"]
    return None
