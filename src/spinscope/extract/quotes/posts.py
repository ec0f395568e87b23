"""Social-media posts pasted as text: the post's paragraphs and the account that wrote it."""
from __future__ import annotations

import re

from ...model import Document, Quote, Speaker
from .cues import QuoteCues
from ...text.index import TextIndex



def find_posts(doc: Document, pieces, index: TextIndex, cues: QuoteCues, kb) -> list[Quote]:
    """Social-media posts pasted as text: a "Name @handle time" line, then the post's paragraph(s);
    following paragraphs belong to the post while they carry hashtags or mentions."""
    text = doc.text
    out: list[Quote] = []
    for piece in pieces:
        lines = []
        pos = piece.start
        for raw in text[piece.start:piece.end].split("\n"):
            lines.append((pos, pos + len(raw)))
            pos += len(raw) + 1
        i = 0
        while i < len(lines):
            ls, le = lines[i]
            m = cues.post_header.match(text[ls:le].strip())
            if not m or not _looks_like_name(m.group("name")):
                i += 1
                continue
            lead = len(text[ls:le]) - len(text[ls:le].lstrip())
            name_start = ls + lead
            name_end = name_start + len(m.group("name"))
            j = i + 1
            start = end = None
            paragraphs = 0
            while j < len(lines):
                s, e = lines[j]
                line = text[s:e]
                if not line.strip():
                    if start is not None:
                        paragraphs += 1
                    j += 1
                    continue
                if cues.post_header.match(line.strip()):
                    break
                if start is not None and paragraphs and not re.search(r"(?:^|\s)[#@]\w", line):
                    break
                if start is None:
                    start = s + len(line) - len(line.lstrip())
                end = s + len(line.rstrip())
                paragraphs = 0
                j += 1
            if start is not None and end > start:
                speaker = _account(doc, index, kb, name_start, name_end, m.group("name"), m.group("handle"))
                out.append(Quote(start, end, "post", speaker, None))
            i = j
    return out


def _account(doc: Document, index: TextIndex, kb, start: int, end: int, name: str, handle: str) -> Speaker:
    """The owner of an account: the entity of the KB actor with that handle (the entities stage
    recognises the header's display name as its mention), else the entity the display name names,
    else the name alone."""
    actor = kb.by_handle(handle) if kb is not None else None
    ent = next((e for e in doc.entities if e.kb_id == actor.id), None) if actor is not None else None
    if ent is not None:
        return Speaker(ent.id, ent.name, start, end, handle)
    found = index.best_entity(start, end)
    if found is not None and found[0] <= start and found[1] >= end - 1:
        return Speaker(found[2].id, found[2].name, start, end, handle)
    return Speaker(None, name, start, end, handle)


def _looks_like_name(name: str) -> bool:
    words = name.split()
    return 0 < len(words) <= 6 and name[:1].isupper() and not name.rstrip().endswith((".", ":", ","))
