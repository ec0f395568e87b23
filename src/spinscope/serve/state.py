"""The open corpus database shared by all requests: a cursor per request, cached search and copy indexes, the digest."""
from __future__ import annotations

import queue
import threading
from contextlib import contextmanager

from ..corpus import store, views
from ..corpus.copies import CopyIndex, copy_groups, provenance_edges
from ..corpus.outlets import profile
from ..corpus.search import Searcher, index_current, refresh_index
from .digest import Digest


OPENINGS_KEPT = 10_000  # labels of untitled documents kept in memory
SEARCHERS = 8  # searches and trends that run at once (of 20 clients, 4 made them queue: docs/serve.md)
MEMO_KEPT = 256  # whole-store answers kept (the dashboard, the top lists, the charts over time: docs/serve.md stop 44)


class Corpus:
    """One DuckDB connection (read-only unless writes are allowed); derived indexes built once, on first need."""

    def __init__(self, db, *, write: bool = False, encode=None, kb=None):
        self.db = str(db)
        self.write = write
        self.kb = kb  # the configuration's KB ([kb] files): the outlet profiles show its imported ratings
        with store.connect(self.db) as con:  # fail early, with the store's own message
            fresh = index_current(con)
        if not fresh:
            with store.connect(self.db, write=True) as con:
                refresh_index(con)
        self.con = store.connect(self.db, write=write)
        self.lock = threading.RLock()
        self.encode = encode
        self._searchers = None
        self._copies = None
        self._groups = None
        self._outlets = None
        self._digest = None
        self._group_of: dict = {}
        self._openings: dict[str, str] = {}
        self._idle: list = []  # list.pop and list.append are atomic
        self._memo: dict = {}
        self._ends: str | None = None  # the table of the events' actor and target entities (`event_ends`)
        self._generation = 0  # of the store as this server wrote it: a memo computed before a write is not kept
        self._threads: list[threading.Thread] = []

    @contextmanager
    def cursor(self):
        """A cursor of the shared connection for one request: each runs its queries beside the others' (one cursor is
        never used by two requests at once); idle cursors are kept for the next requests rather than closed."""
        try:
            cur = self._idle.pop()
        except IndexError:
            cur = self.con.cursor()
        try:
            yield cur
        finally:
            self._idle.append(cur)

    def searchers(self) -> queue.Queue:
        """SEARCHERS searchers sharing one snapshot of the store (full-text index, embedding matrix, columns). They
        check the store's generation once, not on every search: this server is the database's only writer while it
        holds it open, and after its own writes `changed` makes new ones."""
        with self.lock:
            if self._searchers is None:
                self._searchers = queue.Queue()
                for _ in range(SEARCHERS):
                    self._searchers.put(Searcher(self.con.cursor(), encode=self.encode, watch=False, resident=True))
            return self._searchers

    def with_searcher(self, work):
        """work(searcher) on one of the pooled searchers."""
        pool = self.searchers()
        searcher = pool.get()
        try:
            return work(searcher)
        finally:
            pool.put(searcher)

    def search(self, query, filters, mode, k):
        """Searcher.search on one of the pooled searchers."""
        return self.with_searcher(lambda searcher: searcher.search(query, filters, mode=mode, k=k))

    def copy_index(self) -> CopyIndex:
        if self._copies is not None:
            return self._copies
        with self.lock:
            if self._copies is None:
                self._copies = CopyIndex(self.con.cursor())
            return self._copies

    def groups(self):
        """Copy groups and the provenance edges, computed once."""
        if self._groups is not None:
            return self._groups
        with self.lock:
            if self._groups is None:
                cur = self.con.cursor()
                groups = copy_groups(cur, index=self.copy_index())
                group_of: dict = {}
                for g in groups:
                    for d in g.docs:
                        group_of.setdefault(d["doc_id"], g)
                self._group_of = group_of
                self._groups = (groups, provenance_edges(cur, groups))
            return self._groups

    def group_of(self, doc_id: str):
        """The copy group holding a document, or None."""
        self.groups()
        return self._group_of.get(doc_id)

    def changed(self) -> None:
        """After a write: rebuild the full-text index; derived caches are rebuilt on next use."""
        with self.lock:
            refresh_index(self.con)
            self._searchers = self._copies = self._groups = self._outlets = self._digest = None
            self._generation += 1
            self._memo = {}
            self._ends = None

    def memo(self, key: tuple, compute):
        """compute()'s answer, kept for the next requests with the same key until the server writes to the store
        (stop 44): the whole-store figures (the dashboard, the actors, narratives and techniques by documents, the
        charts over time) cost 0.2-1.3 s of CPU each at 100,000 documents and change only with the store, whose only
        writer this server is while it holds it open (as the digest). Callers must not change what it returns."""
        got = self._memo.get(key)
        if got is None:
            generation = self._generation
            got = compute()
            with self.lock:
                if generation == self._generation:
                    if len(self._memo) >= MEMO_KEPT:
                        self._memo = {}
                    self._memo[key] = got
        return got

    def event_ends(self) -> str:
        """The name of a table in memory holding each event's actor and target entities' KB ids and types
        (`network.EVENT_ENDS`), made on first need and again after the server writes (stop 44): the network reads it
        instead of joining every event with the entities twice (0.84 s of CPU a request at 182,000 events and 1.27
        million entities, most of it those joins); beside it `spinscope_derived.quote_speakers`, each quote's speaker
        entity's type and name, for the quotes network. A database opened read-only takes a table in an attached
        in-memory database, which every cursor of the connection sees."""
        if self._ends is not None:
            return self._ends
        from ..corpus.network import EVENT_ENDS, QUOTE_SPEAKERS
        with self.lock:
            if self._ends is None:
                cur = self.con.cursor()
                try:
                    if not cur.execute("SELECT 1 FROM duckdb_databases() WHERE database_name = 'spinscope_derived'"
                                       ).fetchall():
                        cur.execute("ATTACH ':memory:' AS spinscope_derived (READ_ONLY false)")
                    cur.execute(f"CREATE OR REPLACE TABLE spinscope_derived.event_ends AS {EVENT_ENDS}")
                    cur.execute(f"CREATE OR REPLACE TABLE spinscope_derived.quote_speakers AS {QUOTE_SPEAKERS}")
                finally:
                    cur.close()
                self._ends = "spinscope_derived.event_ends"
            return self._ends

    def top_actors(self, con, limit: int, *, versions: bool = False) -> list[dict]:
        """views.top_actors: the first `limit` of the whole list, kept (its order is total, so a shorter list is the
        longer one's beginning)."""
        return self.memo(("top_actors", versions), lambda: views.top_actors(con, 10 ** 9, versions=versions))[:limit]

    def top(self, con, layer: str, limit: int, *, versions: bool = False) -> list[dict]:
        """views.top (narratives, techniques by documents): the first `limit` of the whole list, kept."""
        return self.memo(("top", layer, versions), lambda: views.top(con, layer, 10 ** 9, versions=versions))[:limit]

    def digest(self) -> Digest:
        """Actor pages, outlet profiles and quotes by speaker for the whole store, computed once."""
        if self._digest is not None:
            return self._digest
        with self.lock:
            if self._digest is None:
                self._digest = Digest(self.con.cursor(), self.groups()[1], kb=self.kb)
            return self._digest

    def warm(self) -> None:
        """Build the copy groups, the digest and the search snapshot in the background, so that the first visitor does
        not wait for them."""
        for target, name in ((self._warm_digest, "spinscope-digest"), (self._warm_search, "spinscope-search")):
            thread = threading.Thread(target=target, name=name, daemon=True)
            thread.start()
            self._threads.append(thread)

    def _warm_digest(self) -> None:
        """The digest, then the dashboard's figures and the actors list (kept, `memo`)."""
        from .routes.dashboard import overview
        self.digest()
        with self.cursor() as cur:
            overview(self, cur)
            self.top_actors(cur, 1)
        self.event_ends()

    def _warm_search(self) -> None:
        pool = self.searchers()
        searcher = pool.get()
        try:
            searcher.warm()
        finally:
            pool.put(searcher)

    def actor(self, con, key: str, *, versions: bool = False) -> dict | None:
        """One actor's page by KB id or by the name of unlinked entities; else by the name of a KB actor (the pages
        link speakers by name), else the quotes of a speaker named by no entity; None when nothing matches.
        `versions` (stop 41): computed from the tables with the older versions of updated articles counted (the
        digest holds the latest versions only)."""
        if versions:
            return views.actor(con, key, versions=True)
        try:
            page = self.digest().actor(key)
        except KeyError:  # a key naming two actor groups: the query merges them
            return views.actor(con, key)
        return page if page is not None else views.actor_by_name(con, key, lambda kb_id: self.actor(con, kb_id))

    def quotes(self, con, *, speaker, filters, text, limit, cursor, kinds=None, sort=None):
        """views.quotes; from the digest when only the speaker is asked for (a quote with a speaker is a
        statement: the kinds without one, scare and nested, never match a speaker), in the list's own order."""
        if speaker and not text and not filters.any() and not filters.versions and not sort \
                and kinds in (None, views.STATEMENT_KINDS):
            return self.digest().quotes(speaker, limit, views.plain_cursor(cursor))
        return views.quotes(con, speaker=speaker, filters=filters, text=text, limit=limit, cursor=cursor, kinds=kinds,
                            sort=sort)

    def events(self, con, filters, *, type: str | None, limit: int, placed: bool = False, who: str | None = None,
               whom: str | None = None, near: tuple[float, float, float] | None = None,
               offset: int = 0, quad=None) -> list[dict]:
        """views.events; from the digest when at most the outlet is asked for."""
        from dataclasses import replace
        if type is None and not who and not whom and near is None and not quad \
                and not replace(filters, outlet=None).any() \
                and not filters.versions:  # the digest holds the latest versions only
            return self.digest().events(filters.outlet, limit, placed, offset)
        return views.events(con, filters, type=type, limit=limit, placed=placed, who=who, whom=whom, near=near,
                            offset=offset, quad=quad)

    def outlet(self, con, name: str, *, versions: bool = False) -> dict | None:
        if versions:  # the digest holds the latest versions only
            return profile(con, name, kb=self.kb, copy_edges=self.groups()[1], versions=True)
        try:
            return self.digest().outlet(name)
        except KeyError:  # outlets whose names differ only in case: the query counts them together
            return profile(con, name, kb=self.kb, copy_edges=self.groups()[1])

    def opening(self, doc_id: str) -> str | None:
        """The first words of a document's body (of its text when it has no body), to label a document without a
        title; kept, since the text under a doc_id never changes."""
        got = self._openings.get(doc_id)
        if got is None:
            with self.cursor() as cur:
                row = cur.execute("SELECT left(coalesce(nullif(trim(body_text), ''), text), 400) FROM documents "
                                  "WHERE doc_id = ?", [doc_id]).fetchone()
            got = views.opening_words(row[0]) if row else ""
            if len(self._openings) >= OPENINGS_KEPT:
                self._openings.clear()
            self._openings[doc_id] = got
        return got or None

    def outlets(self) -> list[str]:
        """The corpus's outlets (for the search box), read once."""
        if self._outlets is None:
            with self.cursor() as cur:
                self._outlets = views.outlets_of(cur)
        return self._outlets

    def close(self) -> None:
        """Wait for the warm-up, then close the cursors (the idle ones and the searchers') and the connection: a cursor
        left open keeps the database instance alive, and opening the file again in this process would wait for it.
        (The searchers replaced after a write are not referenced any more; their cursors close when collected.)"""
        for thread in self._threads:
            thread.join(timeout=120)
        cursors = list(self._idle)
        while self._searchers is not None:
            try:
                cursors.append(self._searchers.get_nowait().con)
            except queue.Empty:
                break
        for cur in cursors:
            cur.close()
        self.con.close()
