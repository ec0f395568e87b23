"""Find the reader-comment section of a scraped page and parse it into a tree."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..dates import stated_date
from ..model import Boilerplate, Comment, Span
from .cues import Cues
from .lines import Line

# Boilerplate kinds that may stand inside a comment section; any other cue match there is
# ordinary comment text (a reader may well write "Support us!" or "Share this").
THREAD_KINDS = {"comment_prompt", "comment_ui", "copyright", "navigation", "newsletter",
                "cookie", "advertisement", "markup", "related", "share", "support", "donation"}
_NAME_PUNCT = re.compile(r"[.!?,;:\"“”]$")
_HAS_LETTER = re.compile(r"[^\W\d_]")


@dataclass(slots=True)
class Entry:
    """One comment while it is being built: header line(s), then its text lines."""

    author: str | None
    author_span: Span | None
    indent: int
    anchor: int  # line index of the header (or first text line)
    text_lines: list[Line] = field(default_factory=list)
    reply_to: str | None = None  # the parent's author when the header names it (Disqus "A → B")
    number: str | None = None  # the comment's number when the page prints one
    reply_to_number: str | None = None  # "@12" at the start of the text
    stamp: tuple[Span, str | None] | None = None  # the timestamp in its header, meta or signature line, and its date


@dataclass(slots=True)
class Header:
    name: str
    span: Span
    reply_to: str | None = None
    number: str | None = None


_AT_NUMBER = re.compile(r"^@\s?(\d{1,5})\b")


def stamp_in(line: Line, cues: Cues, after: int | None = None) -> tuple[Span, str | None] | None:
    """Where a comment's timestamp stands in this header, meta or signature line (after offset
    `after`), and the date it states."""
    if cues.timestamp is None:
        return None
    m = cues.timestamp.search(line.text, max(0, (after or line.start) - line.start))
    return (Span(line.start + m.start(), line.start + m.end()), stated_date(m.group(0))) if m else None


def signature_of(line: Line, cues: Cues) -> Header | None:
    """The author if this line signs the comment above it ("Posted by: NAME | date | 12")."""
    if line.words > 16:
        return None
    for pat in cues.author_after:
        m = pat.match(line.text)
        if m and _name_like(m.group("author").strip(), cues):
            name = m.group("author").strip()
            offset = line.start + m.start("author") + (len(m.group("author")) - len(m.group("author").lstrip()))
            return Header(name, Span(offset, offset + len(name)), number=m.groupdict().get("number"))
    return None


def author_of(line: Line, cues: Cues) -> Header | None:
    """The author if this line is a comment header ("• Name", "Name says:", "Name • 2 years ago")."""
    if line.words > 12:
        return None
    for pat in cues.author:
        m = pat.match(line.text)
        if not m:
            continue
        name = m.group("author").strip()
        if not _name_like(name, cues):
            continue
        offset = line.start + m.start("author") + (len(m.group("author")) - len(m.group("author").lstrip()))
        parent = m.groupdict().get("parent")
        return Header(name, Span(offset, offset + len(name)), parent.strip() if parent else None)
    return None


def _name_like(name: str, cues: Cues) -> bool:
    # Names are short and carry no commas; list items and subheads usually do not look so.
    if not name or len(name.split()) > 5 or "," in name or not _HAS_LETTER.search(name):
        return False
    if _NAME_PUNCT.search(name) and not name.endswith("."):
        return False
    return not (cues.ui and cues.ui.match(name))


def _bare_name(line: Line, cues: Cues) -> Header | None:
    """A line that is nothing but a person's name ("Rania Haddad"), as comment plugins print it."""
    words = line.text.split()
    if not 1 <= len(words) <= 4 or not _name_like(line.text, cues) or line.text.endswith("."):
        return None
    if len(words) == 1 and not re.fullmatch(r"[\w.'’-]{2,30}", line.text):
        return None
    if len(words) > 1 and not (cues.name_word and all(cues.name_word.match(w) for w in words)):
        return None
    return Header(line.text, Span(line.start, line.end))


def bare_name_headers(lines: list[Line], labels: list[str | None], cues: Cues) -> dict[int, Header]:
    """Headers of a thread whose comments open with a bare author line (Facebook's plugin):
    taken only when most comment blocks open so, and each such line has text right under it."""
    def furniture(i: int) -> bool:
        line = lines[i]
        return labels[i] in THREAD_KINDS or bool(cues.ui and cues.ui.match(line.text)) \
            or bool(cues.meta and cues.meta.match(line.text))
    starts = [i for i in range(len(lines)) if not furniture(i)
              and (i == 0 or furniture(i - 1) or lines[i].blank_before > 0)]
    found = {}
    for i in starts:
        header = _bare_name(lines[i], cues)
        nxt = i + 1
        while nxt < len(lines) and cues.meta and cues.meta.match(lines[nxt].text) and lines[nxt].blank_before == 0:
            nxt += 1
        if header and nxt < len(lines) and lines[nxt].blank_before == 0 and not furniture(nxt):
            found[i] = header
    return found if len(found) >= 2 and len(found) >= 0.6 * len(starts) else {}


def _has_text_after(lines: list[Line], i: int, cues: Cues) -> bool:
    """Whether the header at i is followed by text (not by another header) before the next one."""
    for line in lines[i + 1:i + 4]:
        if author_of(line, cues):
            return False
        if cues.meta and cues.meta.match(line.text):
            continue
        return True
    return False


def thread_start(lines: list[Line], labels: list[str | None], cues: Cues, first_body: int,
                 *, need_cue: bool = False) -> int | None:
    """Index of the first line of the comment section, or None when there is none.

    `need_cue`: only a thread-start line or signature lines open a section, not author lines
    alone (in a reader's main text, a bulleted list under a heading is far likelier than a thread).
    """
    headers = [i for i, line in enumerate(lines) if i > first_body and labels[i] is None
               and author_of(line, cues)]
    # A run of headers most of which carry text is a thread; a bulleted list of names is not.
    with_text = [i for i in headers if _has_text_after(lines, i, cues)]
    structured = headers[0] if len(with_text) >= 2 and len(with_text) * 2 >= len(headers) else None
    prose_after = _prose_after(lines, labels, cues)
    prompt = None
    for i, line in enumerate(lines):
        if i > first_body and cues.thread_start and cues.thread_start.match(line.text):
            if structured is not None and i < structured:
                prompt = i
                break
            if structured is None and prose_after[i]:
                prompt = i
                break
    if prompt is not None:
        return prompt
    if structured is not None and not need_cue:
        return structured
    return _signed_start(lines, labels, cues, first_body)


def _signed_start(lines: list[Line], labels: list[str | None], cues: Cues, first_body: int) -> int | None:
    """Where a thread of comments signed below their text starts: after the furniture before the first."""
    signed = [i for i, line in enumerate(lines) if i > first_body and signature_of(line, cues)]
    if len(signed) < 2:
        return None
    i = signed[0] - 1
    while i > first_body and labels[i] is None and not signature_of(lines[i], cues):
        i -= 1
    return i + 1 if i > first_body else None


def _prose_after(lines: list[Line], labels: list[str | None], cues: Cues) -> list[bool]:
    """For each line, whether prose follows it: after a prompt, prose means comments, while
    only short unpunctuated lines mean related links."""
    out = [False] * len(lines)
    seen = False
    for i in range(len(lines) - 1, -1, -1):
        out[i] = seen
        line = lines[i]
        if labels[i] is None and not (cues.end and cues.end.search(line.text)) and not line.headline_like:
            seen = True
    return out


def parse_thread(lines: list[Line], labels: list[str | None], cues: Cues) -> tuple[list[Comment], list[Boilerplate]]:
    """Comments and the section's own furniture from the lines of a comment section."""
    lines, labels = _cut_inline_signatures(lines, labels, cues)
    furniture: list[Boilerplate] = []
    entries: list[Entry] = []
    headers = {i: a for i, line in enumerate(lines) if (a := author_of(line, cues))}
    signatures = {i: a for i, line in enumerate(lines) if (a := signature_of(line, cues))}
    # Signed below or headed above: whichever the section uses more often (one signature will do in a thread of
    # one comment, when no line heads a comment).
    if len(signatures) >= max(2 if headers else 1, len(headers)):
        return _signed_thread(lines, labels, cues, signatures)
    headers = headers or bare_name_headers(lines, labels, cues)
    anonymous = not headers
    first_header = min(headers) if headers else len(lines)
    gap = _block_gap(lines, labels) if anonymous else 0
    # An anonymous thread whose comments each open with a timestamp line alone ("3 March 2013 8:14PM"):
    # those lines cut it, and the paragraphs between two of them are one comment.
    stamps = {i for i, line in enumerate(lines) if anonymous and labels[i] in (None, "dateline") and cues.meta
              and cues.meta.match(line.text) and stamp_in(line, cues)}
    if len(stamps) < 2:
        stamps = set()
    current: Entry | None = None
    prev_furniture = True
    pending: list[Boilerplate] = []  # furniture since the current comment's last text line
    for i, line in enumerate(lines):
        kind = labels[i] if labels[i] in THREAD_KINDS else None
        if kind is None and cues.ui and cues.ui.match(line.text) and line.words <= 8:
            kind = "comment_ui"
        if kind is None and i not in headers and current is not None and not current.text_lines \
                and cues.meta and cues.meta.match(line.text):
            kind = "comment_meta"
        if i in stamps:
            furniture.append(Boilerplate(line.start, line.end, "comment_meta"))
            current = Entry(author=None, author_span=None, indent=line.indent, anchor=i, stamp=stamp_in(line, cues))
            entries.append(current)
            pending = []
            prev_furniture = False
            continue
        if kind is not None:
            furniture.append(Boilerplate(line.start, line.end, kind))
            if kind == "comment_meta" and current is not None and current.stamp is None:
                current.stamp = stamp_in(line, cues)
            if current is not None and current.text_lines:
                pending.append(furniture[-1])
            prev_furniture = True
            continue
        if i < first_header and not anonymous and (current is None or prev_furniture):
            # Above the first author line of a thread stand its furniture (forum name, login);
            # prose there opens a comment whose author line the page did not print.
            if not line.paragraph_like:
                furniture.append(Boilerplate(line.start, line.end, "comment_ui"))
                continue
            current = Entry(author=None, author_span=None, indent=line.indent, anchor=i, text_lines=[line])
            entries.append(current)
            pending = []
            prev_furniture = False
            continue
        if i in headers:
            h = headers[i]
            current = Entry(author=h.name, author_span=h.span, indent=line.indent, anchor=i, reply_to=h.reply_to,
                            stamp=stamp_in(line, cues, after=h.span.end))
            entries.append(current)
        elif current is None or (anonymous and not stamps and (prev_furniture or line.blank_before >= gap)):
            current = Entry(author=None, author_span=None, indent=line.indent, anchor=i, text_lines=[line])
            entries.append(current)
        else:
            # Text goes on under the same author: what looked like furniture in between was the
            # reader's own words, so it stays inside the comment.
            for item in pending:
                furniture.remove(item)
            current.text_lines.append(line)
        pending = []
        prev_furniture = False
    return _tree(entries), furniture


def _signed_thread(lines: list[Line], labels: list[str | None], cues: Cues,
                   signatures: dict[int, Header]) -> tuple[list[Comment], list[Boilerplate]]:
    """Comments whose author signs below the text: each runs from the last signature to the next."""
    furniture: list[Boilerplate] = []
    entries: list[Entry] = []
    text: list[Line] = []
    for i, line in enumerate(lines):
        if i in signatures:
            h = signatures[i]
            furniture.append(Boilerplate(line.start, line.end, "comment_meta"))
            if text:
                m = _AT_NUMBER.match(text[0].text)
                entries.append(Entry(author=h.name, author_span=h.span, indent=0, anchor=i, text_lines=text,
                                     number=h.number, reply_to_number=m.group(1) if m else None,
                                     stamp=stamp_in(line, cues, after=h.span.end)))
            text = []
        elif labels[i] in THREAD_KINDS or (cues.ui and cues.ui.match(line.text) and line.words <= 8):
            furniture.append(Boilerplate(line.start, line.end, labels[i] if labels[i] in THREAD_KINDS else "comment_ui"))
        else:
            text.append(line)
    # After the last signature: an unsigned comment, or page furniture. `line.index` counts from the
    # top of the text, while `labels` starts at the section.
    first = lines[0].index if lines else 0
    for line in text:
        kind = labels[line.index - first]
        if kind is None:
            entries.append(Entry(author=None, author_span=None, indent=0, anchor=line.index - first,
                                 text_lines=[line]))
        else:
            furniture.append(Boilerplate(line.start, line.end, kind))
    return _tree(entries), furniture


def _cut_inline_signatures(lines: list[Line], labels: list[str | None],
                           cues: Cues) -> tuple[list[Line], list[str | None]]:
    """A line holding three or more numbered signatures (`inline_signature`) cut at each: the text before
    a signature, the signature, the text after it each become a line of their own (same offsets)."""
    if cues.inline_signature is None:
        return lines, labels
    out: list[Line] = []
    out_labels: list[str | None] = []
    for line, label in zip(lines, labels):
        found = list(cues.inline_signature.finditer(line.text))
        if len(found) < 3:
            out.append(line)
            out_labels.append(label)
            continue
        cuts = [0] + [x for m in found for x in (m.start(), m.end())] + [len(line.text)]
        for a, b in zip(cuts, cuts[1:]):
            piece = line.text[a:b]
            lead = len(piece) - len(piece.lstrip())
            piece = piece.strip()
            if not piece:
                continue
            out.append(Line(index=line.index, start=line.start + a + lead, end=line.start + a + lead + len(piece),
                            indent=line.indent, text=piece, words=len(piece.split()),
                            blank_before=line.blank_before if a == 0 else 0))
            out_labels.append(label)
    return out, out_labels


def _block_gap(lines: list[Line], labels: list[str | None]) -> int:
    """How many blank lines separate two anonymous comments: the widest gap used, at most 2."""
    gaps = [line.blank_before for i, line in enumerate(lines[1:], 1)
            if labels[i] is None and labels[i - 1] is None]
    if not gaps:
        return 1
    return 2 if max(gaps) >= 2 else (1 if max(gaps) >= 1 else 0)


def _tree(entries: list[Entry]) -> list[Comment]:
    """Nest comments by indentation: a header indented deeper than the previous one is its reply."""
    comments: list[Comment] = []
    numbered: dict[str, Comment] = {}
    stack: list[tuple[int, Comment]] = []
    for n, entry in enumerate(entries, 1):
        if entry.text_lines:
            start, end, empty = entry.text_lines[0].start, entry.text_lines[-1].end, False
        elif entry.author_span is not None:
            start, end, empty = entry.author_span.start, entry.author_span.end, True
        else:
            continue
        while stack and stack[-1][0] >= entry.indent:
            stack.pop()
        parent = stack[-1][1] if stack else None
        if parent is None and entry.reply_to:
            parent = next((c for c in reversed(comments) if c.author == entry.reply_to), None)
        if parent is None and entry.reply_to_number:
            parent = numbered.get(entry.reply_to_number)
        comment = Comment(id=f"c{n}", parent=parent.id if parent else None, author=entry.author,
                          depth=parent.depth + 1 if parent else 0, start=start, end=end,
                          author_span=entry.author_span, empty=empty,
                          posted=entry.stamp[1] if entry.stamp else None,
                          posted_span=entry.stamp[0] if entry.stamp else None)
        comments.append(comment)
        stack.append((entry.indent, comment))
        if entry.number:
            numbered[entry.number] = comment
    return comments
