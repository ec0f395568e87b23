"""One row per event (CSV / JSONL) or a GeoJSON map of places and placed events, from analyzed documents."""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from datetime import date
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


def event_period(value: str | None, published: str | None = None) -> tuple[date, date] | None:
    """The first and last day of an event's own date (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`: a day, a month, a year;
    docs/schema.md), else of its document's publication day; None when neither is a date. The store's rule
    (`corpus.views.EVENT_FIRST_DAY`, `EVENT_LAST_DAY`)."""
    import calendar
    text = (value or "").strip()
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            return day, day
        if len(text) == 7 and text[4] == "-":
            y, m = int(text[:4]), int(text[5:])
            return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])
        if len(text) == 4 and text.isdigit():
            return date(int(text), 1, 1), date(int(text), 12, 31)
    except ValueError:
        pass
    from ..corpus.records import published_date
    day = published_date(published)
    return (day, day) if day else None


class Period:
    """`--since`/`--until` of `spinscope events` (stop 43): an event is kept when its own period (`event_period`)
    lies within the one asked, as the store's events lists keep it (stop 42); `around` counts those left out because
    their date is a month or a year that meets the period without lying within it ("2019" in a week of 2019)."""

    def __init__(self, since: date | None = None, until: date | None = None):
        self.since, self.until = since, until
        self.around = 0

    def __bool__(self) -> bool:
        return self.since is not None or self.until is not None

    def keeps(self, value: str | None, published: str | None) -> bool:
        if not self:
            return True
        period = event_period(value, published)
        if period is None:
            return False
        first, last = period
        if (self.since is None or first >= self.since) and (self.until is None or last <= self.until):
            return True
        if (self.since is None or last >= self.since) and (self.until is None or first <= self.until):
            self.around += 1
        return False


def event_rows(docs: Iterable[Document], *, generalize_to: str | None = None,
               kb: KnowledgeBase | None = None, period: Period | None = None) -> Iterable[dict]:
    """The export rows, in document then text order; `period`: only the events it keeps (`Period`)."""
    if generalize_to and kb is None:
        from ..kb import load_kb
        kb = load_kb()
    for doc in docs:
        ents = {e.id: e for e in doc.entities}
        places = {p.id: p for p in doc.places}
        for ev in doc.events:
            if period and not period.keeps(ev.date, doc.source.published):
                continue
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
            kb: KnowledgeBase | None = None, period: Period | None = None) -> dict:
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
    for row in event_rows(docs, generalize_to=generalize_to, kb=kb, period=period):
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
