"""What the actor, outlet and speaker routes read, computed for the whole store in a few grouped queries.

Per request these routes would otherwise scan and join every layer table for one key; here each figure is
computed once for every actor group, outlet and speaker, and a request is a dictionary lookup. The digest
is rebuilt after the store changes (the server is the only writer while it holds the database open)."""
from __future__ import annotations

from ..corpus import views
from ..corpus.outlets import profiles


class Digest:
    """Actor pages (without quotes) by group, outlet profiles by lower-cased name, quotes by speaker, events by outlet."""

    def __init__(self, con, copy_edges: list[dict], limit: int = 200, kb=None):
        self.limit = limit
        self.actors = views.actor_pages(con, limit=limit)
        by_name: dict[str, list] = {}
        for name, p in profiles(con, kb=kb, copy_edges=copy_edges).items():
            by_name.setdefault(name.lower(), []).append(p)
        self.outlets = {k: v[0] for k, v in by_name.items() if len(v) == 1}
        self.outlets_in_cases = {k for k, v in by_name.items() if len(v) > 1}
        self.by_kb: dict[str, list[tuple]] = {}
        self.by_name: dict[str, list[tuple]] = {}
        for r in con.execute(f"""SELECT d.seq, {views.QUOTE_COLS}, lower(q.speaker_name)
                                 FROM quotes q JOIN documents d USING (doc_id) WHERE d.latest IS NOT FALSE""").fetchall():
            row = r[:-1]
            if r[8] is not None:
                self.by_kb.setdefault(r[8], []).append(row)
            if r[-1] is not None:
                self.by_name.setdefault(r[-1], []).append(row)
        self.all_events: list[dict] = []
        self.events_by_outlet: dict[str, list[dict]] = {}
        for r in con.execute(f"""SELECT lower(d.outlet), {views.EVENT_COLS} FROM events e JOIN documents d USING (doc_id)
                                 LEFT JOIN places p ON p.doc_id = e.doc_id AND p.id = e.place
                                 WHERE d.latest IS NOT FALSE ORDER BY {views.EVENT_ORDER}""").fetchall():
            event = views.event_item(r[1:])
            self.all_events.append(event)
            if r[0] is not None:
                self.events_by_outlet.setdefault(r[0], []).append(event)
        # an actor page's events are the same dictionaries as the lists by outlet (most of the digest's memory)
        shared = {(e["doc_id"], e["id"]): e for e in self.all_events}
        for page in self.actors.values():
            for role in ("events_as_actor", "events_as_target"):
                page[role] = [s if (s := shared.get((e["doc_id"], e["id"]))) == e else e for e in page[role]]

    def actor(self, key: str) -> dict | None:
        """views.actor's answer; None when the key names no actor, KeyError when it names two groups (a KB id that is
        also the name of unlinked entities), which the query answers."""
        found = [p for p in (self.actors.get(views.actor_group(key, kb)) for kb in (True, False)) if p]
        if len(found) > 1:
            raise KeyError(key)
        return {**found[0], "actor": key, "quotes": self.quotes(key, self.limit)[0]} if found else None

    def quotes(self, speaker: str, limit: int, cursor: int | None = None) -> tuple[list[dict], int | None]:
        """views.quotes(speaker=...) without other filters: newest first, numbered within each document."""
        rows = {(r[1], r[2]): r for r in self.by_kb.get(speaker, []) + self.by_name.get(speaker.lower(), [])}
        keyed, rank, last = [], 0, None
        for r in sorted(rows.values(), key=lambda r: (r[1], r[4], r[2])):  # doc, start, id: as row_number() orders
            rank = rank + 1 if r[1] == last else 1
            last = r[1]
            keyed.append((r[0] * 10000 + rank, *r[1:]))
        keyed.sort(key=lambda r: -r[0])
        if cursor is not None:
            keyed = [r for r in keyed if r[0] < cursor]
        more = len(keyed) > limit
        keyed = keyed[:limit]
        return [views.quote_item(r) for r in keyed], (keyed[-1][0] if more and keyed else None)

    def events(self, outlet: str | None, limit: int, placed: bool = False, offset: int = 0) -> list[dict]:
        """views.events filtered by outlet alone (or not at all): newest first; `placed`: with coordinates only;
        `offset` events passed over first."""
        rows = self.all_events if outlet is None else self.events_by_outlet.get(outlet.lower(), [])
        if placed:
            rows = [e for e in rows if e["lat"] is not None and e["lon"] is not None]
        return rows[offset:offset + limit]

    def outlet(self, name: str) -> dict | None:
        """outlets.profile's answer; KeyError for a name that outlets differing only in case share."""
        if name.lower() in self.outlets_in_cases:
            raise KeyError(name)
        return self.outlets.get(name.lower())
