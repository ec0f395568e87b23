"""Citations: re-publication lines, "X reported", "according to X", interviews, "told X", "wrote for X"."""
from __future__ import annotations

import re
from urllib.parse import urlparse

from ...model import Citation, Document, Span
from ...text.names import words
from .cues import QuoteCues, data_source, quote_cues
from .clauses import trailing_subject
from ...text.index import TextIndex
from ..dates.stage import candidates as date_candidates, lexicon as date_lexicon
from ..parse import segment_text, tokens_where

_URL = re.compile(r"https?://\S+|www\.\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|ru|info|news|tv|io|co\.uk)\b",
                  re.I)


def find_citations(doc: Document, index, cues: QuoteCues | None = None,
                   text_index: TextIndex | None = None) -> list[Citation]:
    """Every citation of the document's title, body and page furniture (not its comments), in text order."""
    cues = cues or quote_cues()
    ti = text_index or TextIndex(doc)
    out: list[Citation] = []
    for start, end in _lines(doc):
        c = _line_citation(doc.text, start, end, cues, ti, index)
        if c is not None:
            out.append(c)
    taken = [(c.start, c.end) for c in out]
    for c in _sentence_citations(doc, ti, cues, index):
        if not any(s < c.end and c.start < e for s, e in taken):
            out.append(c)
            taken.append((c.start, c.end))
    out.sort(key=lambda c: c.start)
    return out


def _lines(doc: Document):
    """(start, end) of each non-blank line of the body and boilerplate."""
    pieces = list(doc.body) + list(doc.boilerplate)
    for p in pieces:
        pos = p.start
        for raw in doc.text[p.start:p.end].split("\n"):
            stripped = raw.strip()
            if stripped:
                lead = len(raw) - len(raw.lstrip())
                yield pos + lead, pos + lead + len(stripped)
            pos += len(raw) + 1


def _line_citation(text: str, start: int, end: int, cues: QuoteCues, ti: TextIndex, index) -> Citation | None:
    line = text[start:end]
    if len(line) > 200:
        return None
    for kind, pattern in cues.lines:
        m = pattern.match(line)
        if not m:
            continue
        ns, ne = start + m.start("name"), start + m.end("name")
        while ne > ns and text[ne - 1] in ".,;:!)":
            ne -= 1
        if ne <= ns or _only_a_date(text[ns:ne]):
            continue  # "Originally published on Tuesday, August 9, 2011:" says when, not where
        resolved = _resolve(text, ns, ne, ti, index)
        if kind == "reported_by" and not _is_outlet(resolved, text[ns:ne], cues, index):
            continue
        if kind == "reported_by":
            ns, ne = _outlet_words(text, ns, ne, ti, resolved)
        return _citation(kind, text, start, end, ns, ne, resolved)
    return None


def _only_a_date(name: str) -> bool:
    """Every word of `name` is inside a date expression of the dates lexicon (data/dates/en.yaml)."""
    found = date_candidates(name, [], date_lexicon())
    if not found:
        return False
    rest = "".join(name[a:b] for a, b in zip([0] + [c.end for c in found], [c.start for c in found] + [len(name)]))
    return not re.search(r"\w", rest)


def _sentence_citations(doc: Document, ti: TextIndex, cues: QuoteCues, index):
    text = doc.text
    for seg in ti.segments:
        if seg.kind == "comment":
            continue
        off = seg.start
        sdoc = seg.sdoc
        low = segment_text(sdoc).lower()
        verbs = cues.report_verbs | {"tell"}
        for tok in tokens_where(sdoc, LOWER="according".__eq__, LEMMA=lambda s: s.lower() in verbs):
            if tok.lower_ == "according" and tok.i + 1 < len(sdoc) and sdoc[tok.i + 1].lower_ == "to":
                obj = next((c for c in sdoc[tok.i + 1].children if c.dep_ == "pobj"), None)
                if obj is not None:
                    obj = data_source(obj, cues)  # "according to data presented in X's report": the report
                    ns, ne = _np(obj, off)
                    yield _citation("according_to", text, off + tok.idx, ne, ns, ne, _resolve(text, ns, ne, ti, index))
            elif tok.lemma_.lower() in cues.report_verbs and tok.pos_ == "VERB":
                subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is None and tok.i > 0 and sdoc[tok.i - 1].pos_ == "PROPN":
                    subj = sdoc[tok.i - 1]  # "... to it Reuters added."
                if subj is None and (closing := trailing_subject(tok, cues, lambda t: False)) is not None:
                    subj = closing[1]  # "..., the Nordic News Agency (NNA) reported, citing ...": a closing cue the
                    # parser hung inside the clause before it (realworld52)
                if subj is None or subj.pos_ == "PRON":
                    continue
                ns, ne = _np(subj, off)
                resolved = _resolve(text, ns, ne, ti, index)
                if resolved[1] is None:
                    # "The Lebanese television channel Al-Mayadeen says": the outlet's name right after the words
                    # that describe it, before the verb, is the source (realworld52)
                    named = next((m for m in ti.entities_in(ne, off + tok.idx) if m[2].type == "media"
                                  and not text[ne:m[0]].strip() and m[1] <= off + tok.idx), None)
                    if named is not None:
                        ns, ne = named[0], named[1]
                        resolved = (named[2].kb_id, named[2].id, named[2].name)
                if _is_outlet(resolved, text[ns:ne], cues, index, strict=True):
                    ns, ne = _outlet_words(text, ns, ne, ti, resolved)
                    end = off + tok.idx + len(tok.text)
                    yield _citation("reported_by", text, min(ns, off + tok.idx), max(ne, end), ns, ne, resolved)
            elif tok.lemma_.lower() == "tell":
                obj = next((c for c in tok.children if c.dep_ in ("dobj", "dative")), None)
                if obj is not None:
                    ns, ne = _np(obj, off)
                    resolved = _resolve(text, ns, ne, ti, index)
                    if not _is_outlet(resolved, text[ns:ne], cues, index, strict=True):
                        # "told Britain's ITV television station": the outlet named inside the phrase
                        media = [m for m in ti.entities_in(ns, ne) if m[2].type == "media" and m[2].kb_id]
                        if media:
                            resolved = (media[0][2].kb_id, media[0][2].id, media[0][2].name)
                    if _is_outlet(resolved, text[ns:ne], cues, index, strict=True):
                        yield _citation("told", text, off + tok.idx, ne, ns, ne, resolved)
        for kind, phrases in (("interview", cues.interview), ("published_in", cues.published_in)):
            for phrase in phrases:
                if phrase == "told":
                    continue
                for m in re.finditer(r"\b" + re.escape(phrase) + r"\s+", low):
                    tok = sdoc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
                    if tok is None:
                        continue
                    head = tok.root
                    while head.dep_ in ("compound", "amod", "det", "poss") and head.head.i != head.i:
                        head = head.head
                    ns, ne = _np(head, off)
                    if ns < off + m.end():
                        ns = off + m.end()
                    if ne <= ns:
                        continue
                    resolved = _resolve(text, ns, ne, ti, index)
                    if kind == "published_in" and resolved[0] is None and resolved[1] is None \
                            and not any(w[:1].isupper() for w in text[ns:ne].split()):
                        continue  # "wrote in a column", "writing in an op-ed": no outlet named
                    if kind == "interview" and _no_interviewer(text[ns:ne], resolved, ti, index, cues):
                        continue  # "speaking to her", "interviewed by the FBI": no outlet, no journalist
                    yield _citation(kind, text, off + m.start(), ne, ns, ne, resolved)


def _outlet_words(text: str, ns: int, ne: int, ti: TextIndex, resolved) -> tuple[int, int]:
    """The outlet's own words of a reporting verb's subject: without a label before a colon or lower-case words
    after its name ("Update: The Associated Press later today reported:" names "The Associated Press",
    realworld40)."""
    mention = next(((s, e) for s, e, ent in ti.entities_in(ns, ne) if resolved[1] and ent.id == resolved[1]), None)
    if mention is None:
        return ns, ne
    s, e = mention
    if ":" in text[ns:s]:
        ns = ns + text[ns:s].rindex(":") + 1
        ns += len(text[ns:s]) - len(text[ns:s].lstrip())
    if re.match(r"\s+[a-z]", text[e:ne]):
        ne = e
    return ns, ne


def _no_interviewer(written: str, resolved, ti: TextIndex, index, cues: QuoteCues) -> bool:
    """Whether an interview's other side is a pronoun or a body of state (`interview_pronouns`,
    `not_interviewer_types` in data/quotes/en.yaml), not an outlet or a journalist."""
    if written.strip().lower() in cues.interview_pronouns:
        return True
    kb_id, ent_id = resolved[0], resolved[1]
    actor = index.kb.get(kb_id) if kb_id else None
    if actor is not None:
        return actor.type in cues.not_interviewer_types
    ent = ti.by_id.get(ent_id) if ent_id else None
    return ent is not None and ent.type in cues.not_interviewer_types


def _np(tok, off: int) -> tuple[int, int]:
    """Offsets of a noun phrase: the token's left edge to its last compound/flat right part; a list's bullet or a
    dash the parse hung on it is no part of the name ("• Syrian TV says ...", realworldb)."""
    left = tok.left_edge
    while left.i < tok.i and not any(ch.isalnum() for ch in left.text):
        left = left.doc[left.i + 1]
    right = tok
    for child in tok.rights:
        if child.dep_ in ("compound", "flat", "appos") and child.i == right.i + 1 and child.pos_ == "PROPN":
            right = child
    return off + left.idx, off + right.idx + len(right.text)


def _outlet_at(address: str, index):
    """The KB outlet whose web domain (or a subdomain of it) an address names, or None."""
    host = urlparse(address if "//" in address else "//" + address).hostname or ""
    host = host.lower().removeprefix("www.")
    return next((actor for actor in index.kb if any(host == d or host.endswith("." + d) for d in actor.domains)),
                None)


def _resolve(text: str, start: int, end: int, ti: TextIndex, index):
    """(kb_id, entity id, name) for a written source: an entity mention, else a KB name or web domain;
    a source written as a web address is that address ("ouest-france.fr" is no France)."""
    written = text[start:end].strip()
    if _URL.fullmatch(written) or re.fullmatch(r"[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}", written):
        actor = _outlet_at(written, index)
        if actor is not None:
            return actor.id, None, actor.name
        whole = ti.best_entity(start, end)  # an entity that is the whole address ("Tchadinfos.com"), not a part
        if whole is not None and text[whole[0]:whole[1]].strip() == written:
            return whole[2].kb_id, whole[2].id, whole[2].name
        return None, None, written
    found = ti.best_entity(start, end)
    if found is not None and not _place_inside_a_name(text, start, end, found):
        ent = found[2]
        return ent.kb_id, ent.id, ent.name
    name = " ".join(text[start:end].split())
    url = _URL.search(name)
    actor = _outlet_at(url.group(0), index) if url else None
    if actor is not None:
        return actor.id, None, actor.name
    ws = words(name)
    for match in index.names.find(name, ws):
        if match.start == 0 and match.end >= len(name.rstrip(".")) - 1:
            ref = next((p for p in match.payloads if hasattr(p, "actor_id")), None)
            if ref is not None:
                actor = index.kb.get(ref.actor_id)
                return actor.id, None, actor.name
    return None, None, name


def _place_inside_a_name(text: str, start: int, end: int, found) -> bool:
    """A place's mention that is only a part of the source's capitalized name, other capitalized words after it:
    "according to The Hollywood Reporter" names the outlet, not Hollywood (realworld42)."""
    s, e, ent = found
    if ent.type not in ("place", "state") or (s, e) == (start, end):
        return False
    rest = text[e:end].split()
    return bool(rest) and all(w[:1].isupper() for w in rest)


def _is_outlet(resolved, written: str, cues: QuoteCues, index, strict: bool = False) -> bool:
    """Whether a source names a media outlet: a KB media actor, else (lines only) a short capitalized name."""
    kb_id = resolved[0]
    if kb_id is not None:
        actor = index.kb.get(kb_id)
        return actor is not None and actor.type == "media"
    lowered = written.lower().split()
    # in a sentence the media word heads the phrase ("the newspaper reported"; "agency officials said" are
    # officials of an agency, no outlet: realworld40)
    if any(w.strip(".,;:'’\"") in cues.media_words for w in (lowered[-1:] if strict else lowered)):
        return True
    if strict:
        return False
    names = written.split()
    return 0 < len(names) <= 4 and all(w[:1].isupper() or w.lower() in ("the", "of", "and") for w in names)


def _citation(kind, text, start, end, ns, ne, resolved) -> Citation:
    kb_id, entity, name = resolved
    return Citation(min(start, ns), max(end, ne), kind, name, kb_id, entity, Span(ns, ne))
