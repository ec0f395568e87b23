"""One row per event (CSV / JSONL) or a GeoJSON map of places and placed events, from analyzed documents."""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import TextIO

from ..extract.events.generalize import generalize
from ..kb import KnowledgeBase
from ..model import Document

PARTY = ("id", "name", "code", "country")
COLUMNS = ("doc_id", "source_path", "source_url", "outlet", "published", "type", "cameo", "mode",
           *(f"actor_{k}" for k in PARTY), *(f"target_{k}" for k in PARTY),
           "place_name", "place_lat", "place_lon", "place_country", "date", "trigger", "sentence",
           "start", "end")


def _party(entity, doc: Document, kb, level: str | None) -> dict:
    """id (KB id when linked, else the entity id), name, code, country; generalized when asked."""
    if entity is None:
        return dict.fromkeys(PARTY)
    if level:
        g = generalize(entity, doc, kb, level)
        return {k: g[k] for k in PARTY}
    return {"id": entity.kb_id or entity.id, "name": entity.name, "code": entity.code, "country": entity.country}


def event_rows(docs: Iterable[Document], *, generalize_to: str | None = None,
               kb: KnowledgeBase | None = None) -> Iterable[dict]:
    """The export rows, in document then text order."""
    if generalize_to and kb is None:
        from ..kb import load_kb
        kb = load_kb()
    for doc in docs:
        ents = {e.id: e for e in doc.entities}
        places = {p.id: p for p in doc.places}
        for ev in doc.events:
            row = {"doc_id": doc.doc_id, "source_path": doc.source.path, "source_url": doc.source.url,
                   "outlet": doc.source.outlet, "published": doc.source.published, "type": ev.type,
                   "cameo": ev.cameo, "mode": ev.mode}
            for role, eid in (("actor", ev.actor), ("target", ev.target)):
                for k, v in _party(ents.get(eid), doc, kb, generalize_to).items():
                    row[f"{role}_{k}"] = v
            p = places.get(ev.place)
            row.update(place_name=p.name if p else None, place_lat=p.lat if p else None,
                       place_lon=p.lon if p else None, place_country=p.country_code if p else None,
                       date=ev.date, trigger=doc.text[ev.trigger.start:ev.trigger.end] if ev.trigger else None,
                       sentence=" ".join(doc.text[ev.start:ev.end].split()), start=ev.start, end=ev.end)
            yield row


def write_csv(rows: Iterable[dict], out: TextIO) -> int:
    w = csv.DictWriter(out, fieldnames=COLUMNS, extrasaction="ignore")
    w.writeheader()
    n = 0
    for row in rows:
        w.writerow({k: "" if v is None else v for k, v in row.items()})
        n += 1
    return n


def write_jsonl(rows: Iterable[dict], out: TextIO) -> int:
    n = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += 1
    return n


def geojson(docs: Iterable[Document], *, generalize_to: str | None = None,
            kb: KnowledgeBase | None = None) -> dict:
    """A FeatureCollection: one Point per place of each document (kind "place") and one per event
    that has a place (kind "event"; properties type, mode, actor, target, date, doc, sentence)."""
    features = []
    docs = list(docs)
    for doc in docs:
        for p in doc.places:
            features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
                             "properties": {"kind": "place", "id": p.id, "name": p.name, "country": p.country_code,
                                            "geonameid": p.geonameid, "mentions": len(p.mentions),
                                            "doc": doc.doc_id}})
    for row in event_rows(docs, generalize_to=generalize_to, kb=kb):
        if row["place_lat"] is None or row["place_lon"] is None:
            continue
        features.append({"type": "Feature",
                         "geometry": {"type": "Point", "coordinates": [row["place_lon"], row["place_lat"]]},
                         "properties": {"kind": "event", "type": row["type"], "cameo": row["cameo"],
                                        "mode": row["mode"], "actor": row["actor_name"],
                                        "target": row["target_name"], "place": row["place_name"],
                                        "date": row["date"], "doc": row["doc_id"], "trigger": row["trigger"],
                                        "sentence": row["sentence"]}})
    return {"type": "FeatureCollection", "features": features}
