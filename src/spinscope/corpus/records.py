"""A record (`Document.to_dict()`) as rows of the corpus tables, and back."""
from __future__ import annotations

import json
from datetime import date

from .addresses import address_key
from .store import DOC_TABLES

HASH_KEYS = ("config", "kb", "catalogues", "models")


def provenance(record: dict) -> dict:
    """The record's provenance as {version, stages, hashes{config, kb, catalogues, models}}; missing keys are None.

    The one place that knows where a record keeps its provenance (the core redesign adds it)."""
    prov = record.get("provenance") or {}
    hashes = prov.get("hashes") or {}
    return {"version": prov.get("version"), "stages": prov.get("stages"),
            "hashes": {k: hashes.get(k) for k in HASH_KEYS}}


def pipeline_provenance(pipeline) -> dict:
    """The provenance records made by `pipeline` would carry (same shape as `provenance`)."""
    return provenance({"provenance": getattr(pipeline, "provenance", None)})


def item_id(item: dict, prefix: str, index: int) -> str:
    """An item's id in its layer: the record's own `id` when it has one, else prefix + position."""
    return str(item.get("id") or f"{prefix}{index + 1}")


def published_date(value: str | None) -> date | None:
    """The day of an ISO `published` value ("2016-10-06", "2016-10-06T12:00:00Z"); None when it is not one."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def title_of(record: dict) -> str | None:
    """The headline the source gives, else the one the cleaner found."""
    return (record.get("source") or {}).get("title") or _span(record["text"], record.get("title"))


def source_key(src: dict) -> tuple:
    """What tells two sources of one text apart: where it was read, its address and its outlet."""
    return (src.get("path"), src.get("url"), src.get("outlet"))


def publication(path: str | None, url: str | None, outlet: str | None, published: str | date | None,
                canonical: str | None = None) -> tuple:
    """Which publication a source is: its address when it has one; else its outlet and day; else where it was read.
    The same article read from two files (a second export of an overlapping crawl: another `path`, the same `url`)
    is one publication, not a re-post of itself; so is one address written two ways (`addresses.url_key`:
    `http://x.com/a?utm_source=t` and `https://www.x.com/a/`, stop 39), and a phone or AMP page of the article or one
    declaring the article's address its own (`canonical`, stop 40)."""
    key = address_key(url, canonical)
    if key:
        return ("url", key)
    if outlet:
        return ("outlet", outlet, published if isinstance(published, date) else published_date(published))
    return ("path", path)


def sighting_row(doc_id: str, src: dict, title: str | None, seen_at) -> tuple:
    """The `sightings` row of one source of a stored text."""
    return (doc_id, *source_key(src), title, src.get("published"), published_date(src.get("published")), seen_at,
            src.get("canonical"))


def body_text(record: dict) -> str:
    """The article body's pieces joined by blank lines (the text that search and copy detection read)."""
    text = record["text"]
    body = record.get("body") or []
    if not body:
        return text
    return "\n\n".join(text[b["start"]:b["end"]] for b in body)


def _span(text: str, item: dict | None) -> str | None:
    if not item or item.get("start") is None:
        return None
    return text[item["start"]:item["end"]]


def _mention_rows(d, kind: str, owner: str, mentions: list | None, text: str) -> list[tuple]:
    """The `mentions` rows of one entity's or place's mentions (`kind`: the table they belong to)."""
    return [(d, kind, owner, m["start"], m["end"], _span(text, m)) for m in mentions or []]


def rows(record: dict, seq: int, ingested_at=None) -> dict[str, list[tuple]]:
    """Every table's rows for one record (documents first); the full record is kept as JSON."""
    text = record["text"]
    d = record["doc_id"]
    src = record.get("source") or {}
    prov = provenance(record)
    body = body_text(record)
    ents = {e.get("id"): e for e in record.get("entities") or []}
    places = {p.get("id"): p for p in record.get("places") or []}
    out: dict[str, list[tuple]] = {t: [] for t in DOC_TABLES}
    title = title_of(record)
    out["documents"].append((
        d, record.get("schema"), src.get("path"), src.get("url"), src.get("outlet"), title,
        src.get("published"), published_date(src.get("published")), src.get("language"), text, body,
        len(body.split()), len(record.get("comments") or []), prov["version"], prov["stages"],
        *(prov["hashes"][k] for k in HASH_KEYS), json.dumps(record, ensure_ascii=False), seq, ingested_at,
        address_key(src.get("url"), src.get("canonical")), src.get("canonical"), None))  # latest: store.mark_latest
    for i, b in enumerate(record.get("body") or []):
        out["segments"].append((d, item_id(b, "b", i), "body", None, b["start"], b["end"], _span(text, b)))
    for i, b in enumerate(record.get("boilerplate") or []):
        out["segments"].append((d, item_id(b, "bp", i), "boilerplate", b.get("kind"), b["start"], b["end"],
                                _span(text, b)))
    for c in record.get("comments") or []:
        out["comments"].append((d, c["id"], c.get("parent"), c.get("author"), c.get("depth"), c["start"], c["end"],
                                c.get("empty"), _span(text, c), published_date(c.get("posted"))))
    for i, e in enumerate(record.get("entities") or []):
        eid = item_id(e, "e", i)
        out["entities"].append((d, eid, e.get("name"), e.get("type"), e.get("kb_id"), e.get("country"),
                                e.get("code"), len(e.get("mentions") or [])))
        out["mentions"] += _mention_rows(d, "entities", eid, e.get("mentions"), text)
    for i, q in enumerate(record.get("quotes") or []):
        sp = q.get("speaker") or {}
        ent = ents.get(sp.get("entity")) or {}
        out["quotes"].append((d, item_id(q, "q", i), q.get("kind"), q["start"], q["end"], _span(text, q),
                              sp.get("entity"), sp.get("name"), ent.get("kb_id"), sp.get("handle"),
                              _span(text, q.get("cue"))))
    for i, c in enumerate(record.get("citations") or []):
        out["citations"].append((d, item_id(c, "ct", i), c.get("kind"), c.get("name"), c.get("kb_id"),
                                 c.get("entity"), c["start"], c["end"], _span(text, c)))
    for i, p in enumerate(record.get("places") or []):
        pid = item_id(p, "p", i)
        out["places"].append((d, pid, p.get("name"), p.get("lat"), p.get("lon"), p.get("country_code"),
                              p.get("geonameid"), len(p.get("mentions") or [])))
        out["mentions"] += _mention_rows(d, "places", pid, p.get("mentions"), text)
        out["mentions"] += _mention_rows(d, "places.indirect", pid, p.get("indirect_mentions"), text)
    for i, x in enumerate(record.get("dates") or []):
        out["dates"].append((d, item_id(x, "t", i), x["start"], x["end"], _span(text, x), x.get("value"),
                             x.get("granularity"), x.get("anchor")))
    for i, ev in enumerate(record.get("events") or []):
        out["events"].append((d, item_id(ev, "v", i), ev.get("type"), ev.get("cameo"), ev.get("mode"),
                              ev.get("actor"), (ents.get(ev.get("actor")) or {}).get("name"),
                              ev.get("target"), (ents.get(ev.get("target")) or {}).get("name"),
                              ev.get("place"), (places.get(ev.get("place")) or {}).get("name"),
                              ev.get("date"), ev["start"], ev["end"], _span(text, ev), _span(text, ev.get("trigger"))))
    for i, x in enumerate(record.get("techniques") or []):
        out["techniques"].append((d, item_id(x, "k", i), x.get("technique"), x["start"], x["end"], _span(text, x),
                                  x.get("score")))
    for i, n in enumerate(record.get("narratives") or []):
        nid = f"n{i + 1}"
        out["narratives"].append((d, nid, n.get("id"), n.get("label"), n.get("score"), len(n.get("evidence") or [])))
        for ev in n.get("evidence") or []:
            out["mentions"].append((d, "narratives", nid, ev["start"], ev["end"], _span(text, ev)))
    for i, x in enumerate(record.get("labels") or []):
        ent = ents.get(x.get("entity")) or {}
        out["labels"].append((d, item_id(x, "l", i), x.get("entity"), ent.get("name"), ent.get("kb_id"),
                              x.get("label"), x.get("category"), x.get("confidence"), x.get("rule"),
                              x["start"], x["end"], _span(text, x)))
    for i, x in enumerate(record.get("markers") or []):
        out["markers"].append((d, item_id(x, "m", i), x.get("kind"), x.get("term"), x.get("score"),
                               x.get("comment"), x["start"], x["end"], _span(text, x)))
    return out
