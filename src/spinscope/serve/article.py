"""The article view's model: the text cut at every layer boundary, each piece with the layers covering it."""
from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote

# a narrative evidence sentence's stance (docs/schema.md "Narratives"), as its hover text and the side panel say it
STANCES = {"asserts": "the text asserts it", "reports": "reported from a speaker", "rejects": "the text rejects it"}
N_COLOURS = 12  # technique colour classes in app.css (tech-0 ... tech-11)


@dataclass
class Piece:
    """A stretch of text covered by the same layers."""

    start: int
    end: int
    text: str
    classes: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    href: str | None = None
    techniques: list[str] = field(default_factory=list)  # the techniques covering the piece, in order of start


def actor_href(entity: dict) -> str:
    return "/actors/" + quote(entity.get("kb_id") or entity.get("name") or "", safe="")


def entity_groups(record: dict) -> dict[str, list[dict]]:
    """The record's entities for the side panel: named in the article (title, body, page furniture),
    named only in the reader comments, and the commenters themselves."""
    spans = sorted((c["start"], c["end"]) for c in record.get("comments") or [])

    def in_comments(m: dict) -> bool:
        return any(a <= m["start"] and m["end"] <= b for a, b in spans)
    groups: dict[str, list[dict]] = {"article": [], "comments": [], "commenters": []}
    for e in record.get("entities") or []:
        if e.get("type") == "commenter":
            groups["commenters"].append(e)
        elif all(in_comments(m) for m in e.get("mentions") or []) and e.get("mentions"):
            groups["comments"].append(e)
        else:
            groups["article"].append(e)
    return groups


def technique_colours(record: dict) -> dict[str, int]:
    """Technique name -> colour class index, in order of first appearance (stable within one page)."""
    names = sorted({t["technique"] for t in record.get("techniques") or []})
    return {n: i % N_COLOURS for i, n in enumerate(names)}


def spans(record: dict) -> list[tuple[int, int, str, str | None, str | None]]:
    """Every highlighted span: (start, end, css class, hover text, link)."""
    out = []
    for s in record.get("body") or []:
        out.append((s["start"], s["end"], "part-body", None, None))
    for s in record.get("boilerplate") or []:
        out.append((s["start"], s["end"], "part-boilerplate", f"boilerplate: {s.get('kind') or '?'}", None))
    for c in record.get("comments") or []:
        out.append((c["start"], c["end"], "part-comment", f"comment by {c.get('author') or '?'}", None))
    for e in record.get("entities") or []:
        for m in e.get("mentions") or []:
            out.append((m["start"], m["end"], "ent", f"{e.get('name')} ({e.get('type')})", actor_href(e)))
    for q in record.get("quotes") or []:
        sp = q.get("speaker") or {}
        out.append((q["start"], q["end"], "quote", f"quote ({q.get('kind')}), speaker: {sp.get('name') or 'unknown'}",
                    None))
    colours = technique_colours(record)
    for t in record.get("techniques") or []:
        out.append((t["start"], t["end"], f"tech tech-{colours[t['technique']]}", f"technique: {t['technique']}", None))
    for n in record.get("narratives") or []:
        for ev in n.get("evidence") or []:
            stance = ev.get("stance") if ev.get("stance") in STANCES else None
            out.append((ev["start"], ev["end"], f"narr narr-{stance}" if stance else "narr",
                        f"narrative: {n.get('label') or n.get('id')}" + (f" ({STANCES[stance]})" if stance else ""),
                        None))
    for m in record.get("markers") or []:
        out.append((m["start"], m["end"], "marker", f"marker: {m.get('kind')} ({m.get('term')})", None))
    names = {e["id"]: e.get("name") for e in record.get("entities") or []}
    for pl in record.get("places") or []:
        for m in pl.get("mentions") or []:
            out.append((m["start"], m["end"], "place", place_title(pl), None))
    for lb in record.get("labels") or []:
        who = names.get(lb.get("entity"))
        out.append((lb["start"], lb["end"], "label",
                    f"label: {lb.get('label')} ({lb.get('category')})" + (f" for {who}" if who else ", no actor in reach"),
                    None))
    places = {p["id"]: p.get("name") for p in record.get("places") or []}
    for ev in record.get("events") or []:
        t = ev.get("trigger") or {}
        if t.get("start") is not None and t.get("end") is not None:
            out.append((t["start"], t["end"], "event", event_title(ev, names, places), None))
    n = len(record["text"])
    return [s for s in out if 0 <= s[0] < s[1] <= n]


def place_title(pl: dict) -> str:
    """The hover text of a place's mention: the place it was read as, with its country and coordinates."""
    where = ", ".join(x for x in (pl.get("country_code"),
                                  f"{pl['lat']:.2f}, {pl['lon']:.2f}" if pl.get("lat") is not None
                                  and pl.get("lon") is not None else "not placed on the map") if x)
    return f"place: {pl.get('name')} ({where})"


def event_title(ev: dict, names: dict, places: dict) -> str:
    """The hover text of an event's trigger: who did what to whom, where and when."""
    who = names.get(ev.get("actor")) or "?"
    whom = names.get(ev.get("target")) or "?"
    where = places.get(ev.get("place"))
    extra = ", ".join(x for x in (where, ev.get("date"), None if ev.get("mode") in (None, "asserted") else ev["mode"]) if x)
    kind = f"{ev.get('type')} ({ev['cameo']})" if ev.get("cameo") else f"{ev.get('type')}"
    return f"event {kind}: {who} → {whom}" + (f" ({extra})" if extra else "")


def pieces(record: dict) -> list[Piece]:
    """The whole text as consecutive pieces; a piece's classes and hover texts are those of the spans covering it."""
    text = record["text"]
    marks = spans(record)
    colours = technique_colours(record)
    cuts = sorted({0, len(text), *(s for s, *_ in marks), *(e for _, e, *_ in marks)})
    by_start: dict[int, list] = {}
    for m in marks:
        by_start.setdefault(m[0], []).append(m)
    active: list = []
    out = []
    for a, b in zip(cuts, cuts[1:]):
        active = [m for m in active if m[1] > a] + by_start.get(a, [])
        p = Piece(a, b, text[a:b])
        for _, _, cls, title, href in active:
            if cls.startswith("tech "):
                name = title.removeprefix("technique: ")
                if name not in p.techniques:
                    p.techniques.append(name)
                continue
            if cls not in p.classes:
                p.classes.append(cls)
            if title and title not in p.titles:
                p.titles.append(title)
            p.href = p.href or href
        if p.techniques:
            p.classes.extend(technique_classes(p.techniques, colours))
            p.titles.append(("techniques: " if len(p.techniques) > 1 else "technique: ") + " + ".join(p.techniques))
        out.append(p)
    return out


MAX_STRIPES = 3  # overlapping techniques drawn as stripes (tech-N, tech2-N, tech3-N in app.css); all are named


def technique_classes(names: list[str], colours: dict[str, int]) -> list[str]:
    """CSS classes of a piece under these techniques: one colour, or one stripe per technique when they overlap
    (up to MAX_STRIPES; the hover text and the legend name every one)."""
    shown = names[:MAX_STRIPES]
    classes = ["tech"] + [f"tech{'' if i == 0 else i + 1}-{colours[n]}" for i, n in enumerate(shown)]
    if len(shown) > 1:
        classes.append(f"tech-multi{len(shown)}")
    return classes


def comment_tree(record: dict) -> list[dict]:
    """Comments nested under their parents: [{comment, replies: [...]}], in document order."""
    nodes = {c["id"]: {"comment": c, "replies": []} for c in record.get("comments") or []}
    roots = []
    for c in record.get("comments") or []:
        parent = nodes.get(c.get("parent"))
        (parent["replies"] if parent and parent is not nodes[c["id"]] else roots).append(nodes[c["id"]])
    return roots


def legend(record: dict) -> list[dict]:
    """Techniques of the article with their colour class and count."""
    colours = technique_colours(record)
    counts: dict[str, int] = {}
    for t in record.get("techniques") or []:
        counts[t["technique"]] = counts.get(t["technique"], 0) + 1
    spans: dict[str, list[dict]] = {}
    text = record["text"]
    for t in sorted(record.get("techniques") or [], key=lambda t: (t["start"], t["end"])):
        words = " ".join(text[t["start"]:t["end"]].split())
        spans.setdefault(t["technique"], []).append(
            {"start": t["start"], "end": t["end"], "text": words if len(words) <= 90 else words[:89] + "…"})
    return [{"technique": k, "colour": colours[k], "count": counts[k], "spans": spans[k]}
            for k in sorted(counts, key=lambda k: (-counts[k], k))]


def overlaps(record: dict, cut: list[Piece]) -> list[dict]:
    """Techniques drawn over the same characters (`cut`: the record's pieces), for the legend: each combination
    with its stripe classes and the number of stretches of text it covers."""
    colours = technique_colours(record)
    counts: dict[tuple[str, ...], int] = {}
    for p in cut:
        if len(p.techniques) > 1:
            key = tuple(p.techniques)
            counts[key] = counts.get(key, 0) + 1
    return [{"techniques": list(k), "classes": " ".join(technique_classes(list(k), colours)[1:]), "count": n}
            for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
