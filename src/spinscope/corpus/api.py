"""The Python API over the store: `spinscope.Corpus`, one DuckDB file (docs/api.md).

Every method calls the function the command line and the REST API call (views, search, trends, copies, stories,
outlets, export, report, ingest.run): this module adds no query of its own. Values come back as plain Python (dicts
and lists of them), as the REST API sends them; `rows_frame` makes a pandas DataFrame of a list when pandas is
installed.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import store, views
from .network import parse_quad
from .search import Filters

FILTERS = ("outlet", "since", "until", "actor", "speaker", "place", "event", "technique", "narrative", "story",
           "versions")


class Page(list):
    """A list of items with `next_cursor`: give it as `cursor=` for the next page (None: this was the last)."""

    def __init__(self, items: Iterable = (), next_cursor: int | str | None = None):
        super().__init__(items)
        self.next_cursor = next_cursor


@dataclass
class IngestReport:
    """What `Corpus.ingest` did: documents stored, skipped (already stored), sighted under a new source, the inputs
    that failed (one line each, as the command prints them), the documents in the store after it, and the warning
    when this run's analyses differ from those stored before (another KB, catalogue or configuration)."""
    stored: int = 0
    skipped: int = 0
    sighted: int = 0
    failures: list[str] = field(default_factory=list)
    documents: int = 0  # the store's documents after it: articles, an updated article once (stop 41), as len(Corpus)
    warning: str | None = None
    updated: int = 0  # stored at the address of a stored document with another text: an updated article (both kept)
    older: int = 0  # the older versions of updated articles in the store after it, not in `documents` (stop 41)
    # pages whose declared address (canonical) names a stored article whose title and text they do not share: kept
    # as articles of their own (stop 41); each "url (declares canonical)"
    untrusted: list[str] = field(default_factory=list)


def _day(name: str, value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"{name}: expected a date or YYYY-MM-DD, got {value!r}") from None


def filters(**kw) -> Filters:
    """The corpus filters of `spinscope search` and the REST API from keyword arguments (dates as `date` or
    YYYY-MM-DD); a name that is no filter is a TypeError."""
    unknown = [k for k in kw if k not in FILTERS]
    if unknown:
        raise TypeError(f"unknown filter {unknown[0]!r}; the filters are {', '.join(FILTERS)}")
    return _filters(**kw)


def _method_filters(method: str, kw: dict) -> Filters:
    """`filters` for a method of Corpus: a name that is neither its own argument nor a filter is a TypeError that
    names both, and the likeliest meant (`events(typ=...)`: did you mean type?)."""
    unknown = [k for k in kw if k not in FILTERS]
    if unknown:
        import difflib
        import inspect
        own = [n for n, p in inspect.signature(getattr(Corpus, method)).parameters.items()
               if n != "self" and p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD)]
        near = difflib.get_close_matches(unknown[0], own + list(FILTERS), n=1)
        raise TypeError(f"{method}() got an unknown argument {unknown[0]!r}"
                        + (f" (did you mean {near[0]!r}?)" if near else "")
                        + f"; its own are {', '.join(own)}; the filters are {', '.join(FILTERS)}")
    return _filters(**kw)


def _filters(**kw) -> Filters:
    kw = {k: v for k, v in kw.items() if v is not None and v != ""}
    for k in ("since", "until"):
        if k in kw:
            kw[k] = _day(k, kw[k])
    if "story" in kw:
        kw["story"] = int(kw["story"])
    return Filters(**kw)


def rows_frame(rows: list[dict]):
    """A pandas DataFrame of a list of dicts (ImportError when pandas is not installed)."""
    import pandas as pd
    return pd.DataFrame(list(rows))


class Corpus:
    """One corpus database (`spinscope.duckdb` by default), read-only unless `write=True` (needed by `ingest`; a
    missing file is then created). Use it as a context manager, or call `close()`.

    Reading takes no lock of its own: a `Corpus`, writable or not, reads through a read-only connection, which other
    readers (`spinscope serve`, `search`, another notebook) share. `ingest` holds the file alone while it runs (DuckDB
    lets one process write, or several read) and lets it go when done; another process that has the file open then
    makes it raise `store.StoreError` naming that process.

    `encode` (a list of texts -> an array of unit vectors of store.EMBED_DIM) replaces the packaged sentence encoder
    for ingest's embeddings and semantic search. Raises `store.StoreError` for a missing, locked or newer-schema
    file, with the command line's message."""

    def __init__(self, db: str | Path = store.DEFAULT_DB, *, write: bool = False,
                 encode: Callable[[list[str]], object] | None = None):
        from .search import index_current, refresh_index
        self.db = str(db)
        self.write = write
        self.encode = encode
        if write and _needs_writing(self.db):  # a new file, or one of an older schema: created or migrated now
            store.connect(self.db, write=True, create=True, python=True).close()
        self.con = store.connect(self.db, python=True)
        if not index_current(self.con):  # an ingest cut short, or an index of an older tokenizer
            self.con.close()
            with store.connect(self.db, write=True) as con:
                refresh_index(con)
            self.con = store.connect(self.db, python=True)
        self._searcher = None
        self._groups = None

    # -- the object itself -------------------------------------------------------------------------------------
    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def __len__(self) -> int:
        """The documents: articles, an article updated at its address once (its latest version), as every list, count
        and page counts them (stop 41: it counted every stored version). `count(versions=True)` counts those too."""
        return self.count()

    def count(self, **filters_) -> int:
        """How many documents pass the corpus filters (outlet, since, until, actor, ...): articles, an updated
        article once; `versions=True` counts every stored version (docs/store.md "Updated articles")."""
        where, params = _method_filters("count", filters_).sql()
        return self.con.execute(f"SELECT count(*) FROM documents d WHERE {where}", params).fetchone()[0]

    def __repr__(self) -> str:
        return f"Corpus({self.db!r}, write={self.write})"

    def _changed(self) -> None:
        self._searcher = None
        self._groups = None

    # -- ingest ----------------------------------------------------------------------------------------------
    def ingest(self, paths: Iterable[str | Path] = (), *, pipeline=None, config=None, kb: Iterable[str | Path] = (),
               narratives: Iterable[str | Path] = (), disable: Iterable[str] = (),
               columns: dict[str, str | list[str]] | None = None, date_order: str | None = None,
               outlet: str | None = None, published: str | None = None,
               reanalyze: bool = False, stale: bool = False, embeddings: bool = True,
               batch_size: int = 64) -> IngestReport:
        """Analyze `paths` (files, directories; analysis records are stored as they are) and store every document,
        as `spinscope ingest` does. The pipeline: `pipeline`, or one built from `config` (a `Config` or a TOML
        file) with the `kb` and `narratives` files added and the `disable`d stages left out, on first need.
        `columns` maps fields (text, title, url, date, outlet, language) to a table's column, or to a list of
        columns tried in order (then the field's own name), over the configuration's `[read]` columns;
        `date_order` ("month-first" or "day-first", else the configuration's `[read] date_order`) how a table's
        all-number dates are read. `outlet` and `published` (a date) are given to the documents that name no outlet
        or date (a folder of one outlet's text files); what a document says is kept. `stale`: re-analyze the stored documents whose provenance differs from the
        pipeline's. `embeddings=False`: no sentence embeddings (no semantic search or stories for these documents).

        Every knowledge file (the `kb` and `narratives` files and those of the configuration) is read first: a
        broken one raises its error (file:line) before any input is read or anything stored."""
        from ..config import DATE_ORDERS
        from ..ingest.base import DEFAULT_COLUMNS, ReadOptions
        from .ingest import run
        if not self.write:
            raise PermissionError(f"{self.db} is open read-only: open it with Corpus(..., write=True) to ingest")
        paths = [str(p) for p in paths]
        if not paths and not stale:
            raise ValueError("give paths to ingest, or stale=True")
        if date_order is not None and date_order not in DATE_ORDERS:
            raise ValueError(f"date_order must be month-first or day-first, not {date_order!r}")
        unknown = [k for k in (columns or {}) if k not in DEFAULT_COLUMNS]
        if unknown:
            raise ValueError(f"columns: {unknown[0]!r} is not a field; the fields are {', '.join(DEFAULT_COLUMNS)}")
        day = None
        if published is not None:
            from ..dates import iso_date
            day = iso_date(published)
            if day is None:
                raise ValueError(f"published: {published!r} is no date (write it as 2017-04-06)")
        make, cfg = _pipeline_factory(pipeline, config, kb, narratives, disable)
        embed = None
        if embeddings:
            embed = self.encode
            if embed is None:
                from ..embed import encode as embed
        options = ReadOptions(columns={**DEFAULT_COLUMNS, **cfg.read.columns(), **dict(columns or {})},
                              date_order=date_order or cfg.read.date_order, outlet=outlet or None, published=day)
        self.con.close()  # this process's read-only connection: DuckDB opens a file one way at a time
        self._changed()
        try:
            con = store.connect(self.db, write=True, create=True, python=True)
        except store.StoreError as exc:
            self.con = store.connect(self.db, python=True)
            raise store.StoreError(f"Corpus.ingest needs {self.db} alone while it writes: {exc}") from None
        try:
            result = run(con, paths, pipeline_factory=make, options=options, reanalyze=reanalyze, stale=stale,
                         batch_size=batch_size, embed=embed)
        finally:
            con.close()
            self.con = store.connect(self.db, python=True)
        return IngestReport(stored=result.stored, skipped=result.skipped, sighted=result.sighted,
                            failures=[str(f) for f in result.failures], documents=result.documents,
                            warning=result.mixed, updated=result.updated, older=result.older,
                            untrusted=list(result.untrusted))

    # -- documents -------------------------------------------------------------------------------------------
    def document(self, doc_id: str) -> dict | None:
        """One document's analysis record (docs/schema.md), or None."""
        return views.record(self.con, doc_id)

    def documents(self, *, limit: int = 50, cursor: int | str | None = None, sort: str | None = None,
                  **filters_) -> Page:
        """Documents newest stored first (doc_id, title, outlet, published, url, n_words, n_comments), with the
        corpus filters (outlet, since, until, actor, speaker, place, event, technique, narrative, story). `sort`:
        title, outlet, published, words, comments or stored, `-` before it for descending (stop 41), over every
        page; its `next_cursor` is then text, the last row's sort keys (a keyset page, stop 42)."""
        items, nxt = views.documents(self.con, _method_filters("documents", filters_), limit=limit, cursor=cursor,
                                     sort=sort)
        return Page(items, nxt)

    def versions(self, doc_id: str) -> list[dict]:
        """The other texts stored at this document's address (an updated article), oldest stored first."""
        return views.versions(self.con, doc_id)

    # -- search and trends -----------------------------------------------------------------------------------
    def searcher(self):
        """The `Searcher` of this database (kept: it holds the embedding matrix)."""
        from .search import Searcher
        if self._searcher is None:
            self._searcher = Searcher(self.con, encode=self.encode)
        return self._searcher

    def search(self, query: str, *, mode: str = "hybrid", limit: int = 10, **filters_) -> list[dict]:
        """Ranked documents matching `query` with the best passage and the query words' offsets, as `spinscope
        search` (mode hybrid, text or semantic) and GET /api/search give them."""
        if mode not in ("hybrid", "text", "semantic"):
            raise ValueError(f"mode must be hybrid, text or semantic, not {mode!r}")
        if not query.strip():
            raise ValueError("the query is empty")
        return self.searcher().search(query, _method_filters("search", filters_), mode=mode, k=limit)

    def trends(self, query: str | None = None, *, by: str = "week", actor: str | None = None,
               narrative: str | None = None, technique: str | None = None, speaker: str | None = None,
               outlet: str | None = None, since=None, until=None, versions: bool = False) -> list[dict]:
        """Attention over time (`spinscope trends`): per period the documents matching the query words and/or the
        actor, narrative, technique or speaker, all dated documents, and their ratio."""
        from .trends import trends
        if not (query or actor or narrative or technique or speaker):
            raise ValueError("give a query, actor, narrative, technique or speaker")
        match = Filters(actor=actor, narrative=narrative, technique=technique, speaker=speaker, versions=versions)
        return trends(self.con, by, query=query, outlet=outlet, since=_day("since", since),
                      until=_day("until", until), match=match)

    def comment_trends(self, *, by: str = "week", marker: str | None = None, outlet: str | None = None,
                       versions: bool = False) -> list[dict]:
        """Per period of the comments' own dates: those with a marker (of `marker`'s kind), all dated comments, ratio."""
        from .trends import comment_trends
        return comment_trends(self.con, by, marker=marker, outlet=outlet, versions=versions)

    def over_time(self, layer: str = "narratives", *, by: str = "month", outlet: str | None = None,
                  versions: bool = False) -> list[dict]:
        """Per period, outlet and narrative (layer="narratives") or technique: the documents carrying it, and all
        the outlet's documents of the period (GET /api/narratives/over-time)."""
        if layer not in views.LAYERS:
            raise ValueError(f"layer must be one of {', '.join(views.LAYERS)}")
        return views.over_time(self.con, layer, by, outlet=outlet, versions=versions)

    def narratives(self, limit: int = 50, *, versions: bool = False) -> list[dict]:
        """Narratives by the number of documents carrying them (`versions`: older versions counted too)."""
        return views.top(self.con, "narratives", limit, versions=versions)

    def techniques(self, limit: int = 50, *, versions: bool = False) -> list[dict]:
        """Techniques by the number of documents using them (`versions`: older versions counted too)."""
        return views.top(self.con, "techniques", limit, versions=versions)

    # -- who said and did what -------------------------------------------------------------------------------
    def quotes(self, *, speaker: str | None = None, contains: str | None = None, kind: str | None = "all",
               limit: int = 100, cursor: int | str | None = None, sort: str | None = None, **filters_) -> Page:
        """Quotes newest first (GET /api/quotes): `speaker` (KB id or name) of the quote itself, `contains` words of
        the quote, `kind` statements, scare, all or kinds separated by commas, and the corpus filters on the
        documents. `sort`: quote, speaker, outlet, published or document, `-` before it for descending (stop 41;
        by speaker: the resolved people and organisations by name, then speakers given only as words, then none;
        stop 42), its `next_cursor` then text."""
        if "speaker" in filters_:
            raise TypeError("speaker= chooses the quotes' speaker here")
        items, nxt = views.quotes(self.con, speaker=speaker, filters=_method_filters("quotes", filters_), text=contains, limit=limit,
                                  cursor=cursor, kinds=views.quote_kinds(kind), sort=sort)
        return Page(items, nxt)

    def events(self, *, type: str | None = None, who: str | None = None, whom: str | None = None,
               near: tuple[float, float, float] | None = None, placed: bool = False, limit: int = 500,
               cursor: int | None = None, quad: str | None = None, **filters_) -> Page:
        """Events newest first (GET /api/events): `type` a PLOVER type or CAMEO code, `who` the event's actor and
        `whom` its target (KB id or name), `near` (lat, lon, km) only those whose own place lies within km of the
        point, `placed` only those whose place has coordinates; the corpus filters choose documents (`actor=`:
        documents naming the actor, every event of them; `place=`: documents naming the place). A list with
        `.next_cursor` (give it as `cursor=` for the next page; None: this was the last). `since`/`until` keep the
        events whose own date lies within the period (stop 42): one dated only to a month or a year that the period
        does not hold whole is left out, and counted in the list's `.dated_around`. `quad` (stop 43): a quad class
        (`verbal_cooperation`, `material_cooperation`, `verbal_conflict`, `material_conflict`), `cooperation`,
        `conflict`, or several separated by commas; each event says its own (`quad`)."""
        start = int(cursor or 0)
        f = _method_filters("events", filters_)
        quad = parse_quad(quad)
        items = views.events(self.con, f, type=type, limit=limit + 1, placed=placed, who=who, whom=whom, near=near,
                             offset=start, quad=quad)
        page = Page(items[:limit], start + limit if len(items) > limit else None)
        page.dated_around = views.events_dated_around(self.con, f, type=type, placed=placed, who=who, whom=whom,
                                                      near=near, quad=quad)
        return page

    def network(self, kind: str = "events", *, type: str | None = None, quad: str | None = None,
                who: str | None = None, whom: str | None = None, near: tuple[float, float, float] | None = None,
                min_weight: int = 1, limit: int = 200, evidence: int = 20, **filters_) -> dict:
        """The analyst's network (stop 43; GET /api/network, the `/network` page): `kind` `events` (who acts on whom:
        actor -> target by type and quad class, under the events' filters: `since`/`until` by the event's own date,
        `type`, `quad`, `who`, `whom`, `near`, and the corpus filters), `quotes` (an outlet -> the resolved speakers
        its documents quote) or `citations` (an outlet -> the sources its documents cite). Edges: the heaviest
        `limit` of `min_weight` items or more, each with `weight`, `documents`, `first`, `last` and its first
        `evidence` items (doc_id, id, start, end, date, title); nodes with their `out` and `in` weights."""
        from .network import network
        return network(self.con, _method_filters("network", filters_), kind=kind, type=type, quad=parse_quad(quad),
                       who=who, whom=whom, near=near, min_weight=min_weight, limit=limit, evidence=evidence)

    def events_geojson(self, **kw) -> dict:
        """The events with coordinates as a GeoJSON FeatureCollection (the arguments of `events`)."""
        return views.geojson(self.events(placed=True, **kw))

    def actors(self, limit: int = 50, *, versions: bool = False) -> list[dict]:
        """Actors by the number of documents naming them (`versions`: older versions counted too)."""
        return views.top_actors(self.con, limit, versions=versions)

    def actor(self, key: str, *, versions: bool = False) -> dict | None:
        """One actor (KB id or name): quotes, events as actor and as target, naming by outlet, documents by month
        (`versions`: older versions counted too)."""
        return views.actor(self.con, key, versions=versions)

    def actor_network(self, min_weight: int = 1, *, versions: bool = False) -> dict:
        """The actor network of `spinscope export --table actors`: nodes (id, label, type, documents) and edges
        (source, target, kind `cooccurrence` with weight = documents naming both, or `event` with its type and
        weight = events); `min_weight` drops co-occurrences of fewer documents and the actors left alone."""
        from .export import actor_network
        return actor_network(self.con, min_weight, versions=versions)

    # -- copies, stories, outlets ----------------------------------------------------------------------------
    def _copy_groups(self):
        from .copies import copy_groups, provenance_edges
        if self._groups is None:
            groups = copy_groups(self.con)
            self._groups = (groups, provenance_edges(self.con, groups))
        return self._groups

    def copies(self, threshold: float | None = None) -> list[dict]:
        """Groups of copied articles, the earliest publication first in each (`spinscope copies --format jsonl`)."""
        from .copies import THRESHOLD, copy_groups
        groups = self._copy_groups()[0] if threshold in (None, THRESHOLD) else copy_groups(self.con, threshold)
        return [g.to_dict() for g in groups]

    def provenance(self) -> list[dict]:
        """The provenance graph's edges: copier -> source outlet, from copies and citations."""
        return self._copy_groups()[1]

    def stories(self, *, min_docs: int = 2, limit: int | None = 50, versions: bool = False) -> list[dict]:
        """Stories, largest first: label, period, outlets, main actors, first report (`versions`: older versions
        counted too)."""
        from .stories import story_rows
        return story_rows(self.con, limit=limit, min_docs=min_docs, versions=versions)

    def story(self, story_id: int, *, versions: bool = False) -> dict | None:
        """One story with its documents, or None."""
        from .stories import story
        return story(self.con, int(story_id), versions=versions)

    def outlets(self, *, versions: bool = False) -> list[dict]:
        """One row per outlet: documents, period, technique density beside the corpus mean, copying, comments
        (`versions`: the older versions of updated articles counted too; copying counts every version)."""
        from .copies import copy_counts
        from .outlets import outlet_table
        return outlet_table(self.con, copy_counts(self.provenance()), versions=versions)

    def outlet(self, name: str, *, kb: Iterable[str | Path] = (), versions: bool = False) -> dict | None:
        """One outlet's profile, every figure with its evidence; the ratings of the `kb` files beside it."""
        from ..kb import load_kb
        from .outlets import profile
        return profile(self.con, name, kb=load_kb([str(f) for f in kb]), copy_edges=self.provenance(),
                       versions=versions)

    def report(self, *, versions: bool = False) -> dict:
        """The corpus overview of `spinscope report` (`versions`: older versions counted too)."""
        from .report import overview
        return overview(self.con, versions=versions)

    def export(self, table: str, out: str | Path, *, format: str = "jsonl", min_weight: int = 1,
               versions: bool = False) -> int:
        """Write a table (JSONL, Parquet or CSV) or a graph (actors, provenance: GraphML) to `out`; the rows (edges)
        written."""
        from .export import export_table
        return export_table(self.con, table, format, str(out), min_weight, versions=versions)

    def sql(self, query: str, params: list | None = None) -> list[dict]:
        """Rows of a read query of your own over the tables of docs/store.md, as dicts."""
        cur = self.con.execute(query, params or [])
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]


def _needs_writing(db: str) -> bool:
    """True for a file `Corpus(write=True)` must create or migrate before it can be read."""
    if not Path(db).exists():
        return True
    import duckdb
    try:
        con = duckdb.connect(db, read_only=True)
    except duckdb.Error:
        return False  # locked or not a database: the read-only connect that follows says which
    try:
        version = store.schema_version(con)
    finally:
        con.close()
    return version is None or version < store.SCHEMA_VERSION


def _pipeline_factory(pipeline, config, kb, narratives, disable):
    """The pipeline on first need: the one given, or one of the configuration with the KB and narratives files added
    (the rules of `spinscope ingest --config --kb --narratives --disable`)."""
    from ..config import Config
    from ..errors import ConfigError
    kb, narratives, disable = [str(f) for f in kb], [str(f) for f in narratives], list(disable)
    if pipeline is not None:
        if config is not None or kb or narratives or disable:
            raise ConfigError("give the configuration, KB and narratives files to the Pipeline, not with pipeline=")
        return (lambda: pipeline), pipeline.config
    cfg = config if isinstance(config, Config) else Config.from_toml(config) if config else Config()
    if kb:
        cfg = cfg.replace(kb={"files": [*cfg.kb.files, *kb]})
    if narratives:
        cfg = cfg.replace(narratives={"files": [*cfg.narratives.files, *narratives]})
    check_knowledge_files(cfg.kb.files, cfg.narratives.files)  # the pipeline is built late: its files are read now

    def make():
        from ..pipeline import Pipeline
        return Pipeline(cfg, disable=disable or None)
    return make, cfg


def check_knowledge_files(kb_files: Iterable[str], narrative_files: Iterable[str]) -> None:
    """Read every KB and narratives file now: a broken one raises its KBError or NarrativeError (file:line), a
    missing one a ConfigError naming it, before a pipeline is built or any input read."""
    from ..errors import ConfigError
    from ..kb import parse_kb_text
    from ..spin.narratives.catalogue import load_catalogue
    for f in kb_files:
        try:
            text = Path(f).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{f}: cannot read the knowledge-base file: {getattr(exc, 'strerror', None) or exc}"
                              ) from None
        parse_kb_text(text, str(f))
    narrative_files = tuple(str(f) for f in narrative_files)
    for f in narrative_files:
        if not Path(f).is_file():
            raise ConfigError(f"{f}: cannot read the narratives file: no such file")
    if narrative_files:
        load_catalogue(narrative_files)
