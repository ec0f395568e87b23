"""Recovering a reader-comment thread (authors, texts, replies) from common comment markup."""
from __future__ import annotations

import re

from dataclasses import dataclass

from lxml import etree

from ..clean.cues import Cues, cues_for
from ..dates import stated_date
from .htmltext import element_paragraphs


def _cls(name: str) -> str:
    """XPath test for a whole class token (so 'comment' does not match 'comment-form')."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


_UPPER, _LOWER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz"


def _has(fragment: str) -> str:
    """XPath test for a class attribute containing `fragment` anywhere, in any case."""
    return f"contains(translate(@class, '{_UPPER}', '{_LOWER}'), '{fragment}')"


_HEADING = ".//*[self::h3 or self::h4 or self::h5]"
# a staff reply's user block with no user-name link, its name in bold over a line ("<p class="specialist"><b>NAME</b>
# is an Assistant Editor of SITE.</p>" in `div.user_info`; realworld38, a stop-37 leftover)
_INFO_BOLD = (f".//*[{_has('user_info')} or {_has('user-info')} or {_has('userinfo')} or {_has('author-info')}"
              f" or {_has('author_info')}]//*[self::b or self::strong]")
# Author elements, generic: a class naming the author or user (or just `name`: "NAME says:" in
# WooThemes' header), WordPress's author link (`a.url`), a signature line's link (Squarespace), a
# footer's "Posted by: NAME | date" (TypePad), a "by NAME on DATE" line (SB Nation), a <cite>, a user nick or a `p.user` line ("NAME says:", before the footer's "Posted on DATE": realworld42), a
# heading that reads "NAME on DATE".
_AUTHORS = [f".//*[{_cls('fn')}]", f".//*[{_has('author')}]", f".//*[{_has('username')}]",
            f".//*[{_has('user-name')}]", f".//*[{_has('user-nick')}]", f".//*[{_has('commenter')}]",
            f".//*[{_cls('name')}]", f".//p[{_cls('user')}]",
            f".//a[{_cls('url')}]",
            f".//*[{_cls('signature')}]//a", f".//*[{_cls('comment-footer')}]", f".//*[{_cls('by')}]",
            ".//cite", _HEADING, _INFO_BOLD]

# A list item opened by a name in bold, nothing before it ("<li class="commentpost"><strong>1&nbsp;NAME</strong>&nbsp;|
# <small class="commentmetadata">DATE</small><p>TEXT</p></li>", a Domino blog's thread, one `ol.commentlist` per
# comment; realworld51b): only in the "comment-list" markup, tried last, a loose (short) name
_LEAD_BOLD = ".//li/*[1][self::strong or self::b][not(preceding-sibling::text()[normalize-space()])]"

# Known comment markups, most specific first. `items` finds every comment (replies included);
# `author` and `text` are tried in order inside one comment, never inside its replies;
# `author_before`, when given, finds the author in the element right before the item (a <dt>
# that heads its <dd>). `needs_author` guards the loose patterns against page parts that merely
# say "comment".
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
        "author": [f".//*[{_cls('fn')}]", f".//*[{_cls('comment-author')}]", *_AUTHORS],
        "text": [f".//*[{_cls('comment-content')}]", f".//*[{_cls('comment-text')}]",
                 f".//*[{_cls('comment-body')}]//p", ".//p"],
        "needs_author": False,
    },
    {
        # a definition list: the author heads each comment in a <dt>, the text follows in a <dd>
        # that also holds the replies (the Thesis theme: `dd.comment`; Blogger: `dd.comment-body`)
        "name": "definition-list",
        "items": f"//dl//dd[{_cls('comment')} or {_cls('comment-body')}]",
        "author_before": "preceding-sibling::*[1][self::dt]",
        "author": [f".//*[{_has('author')}]", f".//a[{_cls('url')}]", "."],
        "text": [f".//*[{_cls('format_text')}]", ".//p", "."],
        "needs_author": True,
    },
    {
        "name": "comment-class",
        "items": (f"//*[self::li or self::div or self::article or self::section or self::ul]"
                  f"[{_cls('comment')} or {_cls('comment-item')} or {_cls('comment-entry')}"
                  f" or {_cls('commentbody')}]"),
        "author": _AUTHORS,
        "text": [f".//*[{_has('comment-content')} or {_has('comment__content')}"
                 f" or {_has('comment-text')} or {_has('comment_text')} or {_has('comment-body')}]",
                 f".//*[{_has('content')} or {_has('text')} or {_cls('body')}]", ".//p"],
        "needs_author": True,
    },
    {
        "name": "comment-list",
        # (or a comment's `li` with a "comment-ID" id one box down: `ol.comments > div#Posted_Order > li`, the car
        # site's thread sorted in tabs, realworld42, a stop-40 leftover)
        "items": (f"//*[self::ul or self::ol][{_has('comment')}]/li"
                  f" | //*[self::ul or self::ol][{_has('comment')}]/div/li[starts-with(@id, 'comment-')]"),
        "author": [*_AUTHORS, _LEAD_BOLD],
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
    stamp: str | None = None  # the comment's timestamp as the page shows it ("June 8, 2012 at 3:14 pm")
    posted: str | None = None  # its date, yyyy-mm-dd, when the page states one for sure


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


# Candidates that are whole header lines or blocks (a footer, a "by" line, a heading, a <dt>) are a
# name only when short: a block that also holds the comment's text is no author element.
_LOOSE = (f".//*[{_cls('comment-footer')}]", f".//*[{_cls('by')}]", _HEADING, _INFO_BOLD, _LEAD_BOLD, ".")


def author_name(raw: str, *, loose: bool = False, heading: bool = False, cues: Cues | None = None) -> str | None:
    """The commenter's name in an author element's text, or None when it holds none.

    What surrounds a name ("Posted by: NAME | June 8, 2012", "NAME said...", a "Follow" button) and
    the button words that are no name come from the cue file (`comments.author_around`, `not_author`)."""
    cues = cues or cues_for("en")
    line = " ".join(raw.split())
    name = line
    if cues.author_around is not None:
        for _ in range(2):  # a prefix and a suffix
            name = cues.author_around.sub("", name).strip()
    if not name or (cues.not_author is not None and cues.not_author.match(name)) \
            or (loose and (len(name) > 60 or len(name.split()) > 6)):
        return None
    if heading and name == line:
        return None  # a comment's own title ("Re: (Score:3)", "LOL"), not a "NAME on DATE" line
    return name


def _author(item, markup: dict, matches: _Matches, skip: set, cues: Cues):
    """The author element and name of one comment: the first candidate that holds a name."""
    if "author_before" in markup:
        head = item.xpath(markup["author_before"])
        candidates = [(el, xp) for xp in markup["author"] for el in head[0].xpath(xp)] if head else []
    else:
        candidates = [(el, xp) for xp in markup["author"] for el in matches.own(item, xp)
                      if el not in skip and not any(a in skip for a in _below(el, item))]
    for el, xp in candidates:
        if el.find(".//p") is not None:
            continue  # a block holding paragraphs holds the text too ("bypostauthor" on the whole comment)
        if name := author_name(el.text_content(), loose=xp in _LOOSE, heading=xp == _HEADING, cues=cues):
            return el, name
    return None, None


# Where a comment's timestamp stands, most telling first: a <time>, an element whose class names a
# date or time, a meta or footer line (or a "signature" under the text: "October 24, 2012 | NAME", realworld37),
# the permalink (WordPress prints the date as its text).
_STAMPS = (".//time", f".//*[{_has('date')} or {_has('time')}]",
           f".//*[{_has('meta')} or {_has('footer')} or {_has('posted')} or {_cls('by')} or {_has('signature')}]",
           ".//a[contains(@href, 'comment')]")


HEADER_LINE_MAX_WORDS = 12


def _header_line(author_el, item):
    """The short paragraph the commenter's name stands in, when it is the comment's header line and not
    its text ("<p class="info">On October 29, 2012 at 2:35am, <cite>NAME</cite> said...</p>"): a `<p>` right
    around the name's element (through inline tags), holding no other paragraph, a date the page states
    and at most HEADER_LINE_MAX_WORDS words; None otherwise."""
    for node in _below(author_el, item):
        if node.tag == "p":
            shown = " ".join(node.text_content().split())
            if node.find(".//p") is None and len(shown.split()) <= HEADER_LINE_MAX_WORDS \
                    and re.search(r"\b(?:1[89]|20)\d\d\b", shown):
                return node
            return None
        if node.tag not in ("a", "cite", "span", "strong", "b", "em", "i", "font"):
            return None
    return None


def _stamp(item, markup: dict, matches: _Matches, skip: set, author_el, cues: Cues) -> tuple[str | None, str | None]:
    """The timestamp of one comment as shown, and its date: from a `<time datetime>` when there is
    one, else from the date the text states; (None, None) when the comment shows none."""
    if cues.timestamp is None:
        return None, None
    found = [el for xp in _STAMPS for el in matches.own(item, xp)
             if el not in skip and not any(a in skip for a in _below(el, item))]
    if "author_before" in markup:
        # the <dt> heading the comment: "NAME said... DATE"; looked at first, since the <dd> also holds its replies'
        # <dt>s, whose stamps are theirs (realworld51b, the Thesis theme: a comment took its first reply's time)
        found = item.xpath(markup["author_before"]) + found
    if author_el is not None:
        found.append(author_el)  # "Posted by: NAME | June 8, 2012"
        if (line := _header_line(author_el, item)) is not None:
            found.append(line)  # "<p>On October 29, 2012 at 2:35am, <cite>NAME</cite> said...</p>"
    for el in found:
        if el.find(".//p") is not None:
            continue  # a block holding paragraphs holds the reader's text, whose dates are not the stamp
        shown = " ".join(el.text_content().split())
        machine = stated_date(el.get("datetime")) if el.tag == "time" else None
        m = cues.timestamp.search(shown)
        if m:
            return m.group(0), machine or stated_date(m.group(0))
        if machine:
            return (shown if 0 < len(shown) <= 40 else None), machine  # "2 years ago", dated by the markup
    return None, None


def _read_item(item, markup: dict, matches: _Matches, replies: list,
               cues: Cues) -> tuple[str | None, str, tuple[str | None, str | None]]:
    """Author, text and (timestamp, date) of one comment; `replies` are the comments nested right under it."""
    author_el, author = _author(item, markup, matches, set(replies), cues)
    stamp = _stamp(item, markup, matches, set(replies), author_el, cues)
    not_text = set(matches.own(item, NOT_TEXT))
    skip = set(replies) | not_text
    if author_el is not None:
        # the heading the name stands in is the comment's header line (name and date), not its text
        heading = next((a for a in _below(author_el, item) if a.tag in ("h3", "h4", "h5")), None)
        if heading is None:
            heading = _header_line(author_el, item)
        skip.add(heading if heading is not None else author_el)
    generic = (".//p", ".")
    for xp in markup["text"]:
        found = [item] if xp == "." else matches.own(item, xp)
        if xp not in generic:
            # a "meta" wrapper around the comment's own text block is no meta line (comment-body
            # inside `div.comment-meta`)
            skip_here = skip - {a for el in found for a in _below(el, item) if a in not_text}
        else:
            skip_here = skip
        found = [el for el in found if el is item
                 or (el not in skip_here and not any(a in skip_here for a in _below(el, item)))]
        # keep outermost matches only, so a text block and its own <p>s are not read twice
        outer = set(found)
        found = [el for el in found if not any(a in outer for a in _below(el, item))]
        if found:
            paras = [p for el in found for p in element_paragraphs(el, skip_here)]
            # a per-comment widget's line closing the text block (a rating's "Rate This:  0  0", a "Reply")
            while paras and cues.ui is not None and len(paras[-1].split()) <= 8 and cues.ui.match(paras[-1].strip()):
                paras.pop()
            if paras:
                text = "\n".join(paras)
                if stamp[0] and stamp[0] in text:
                    stamp = (None, stamp[1])  # the stamp stands inside the text block: not laid out twice
                return author, text, stamp
    return author, "", stamp


def find_comment_tree(tree, cues: Cues | None = None) -> tuple[list[FoundComment], str] | None:
    """The comment thread of a page and the XPath of its items, or None when none is recognised."""
    cues = cues or cues_for("en")
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
            author, text, (stamp, posted) = _read_item(item, markup, matches, replies.get(item, []), cues)
            if not text:
                continue  # deleted or empty comment: its replies attach to the next one up
            parent = parent_of[item]
            while parent is not None and parent not in index_of:
                parent = _nearest_item(parent, item_set)
            index_of[item] = len(found)
            found.append(FoundComment(author, text, index_of.get(parent), stamp, posted))
        if found and (not markup["needs_author"] or any(c.author for c in found)):
            return found, markup["items"]
    return None
