"""Store documents in the corpus: records as they are, raw inputs analyzed first; a transaction per batch."""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import datetime, timezone

import numpy as np
import pyarrow as pa

from ..ingest.base import Failure, ReadOptions
from ..model import Document, Source
from . import records as rec
from .sources import inputs
from .store import DOC_TABLES, EMBED_DIM, TABLES, mark_latest, new_generation, set_meta

# Rows computed once from a document's text and kept when the document is stored again.
KEPT_ON_RESTORE = ("embeddings", "story_docs")


@dataclass
class IngestResult:
    stored: int = 0
    skipped: int = 0
    sighted: int = 0  # skipped texts seen under a source not recorded before (a re-post): kept in `sightings`
    failures: list[Failure] = field(default_factory=list)
    # documents whose declared address (`source.canonical`) was not taken: it names a stored article whose title
    # and text they do not share (`Ingester.declared_key`, stop 41); each "url (declares canonical)"
    untrusted: list[str] = field(default_factory=list)


# A page's declared address keys it as a version of the article stored there only when the two share their title or
# this share of the smaller one's word trigrams (stop 41): a template declaring another article would fold two
# articles into one. Versions of one article (a paragraph cut, a correction added) share most of them; two articles
# of a site share a few ("the prime minister said").
DECLARED_SHARE = 0.5


def _trigrams(text: str | None) -> set[tuple[str, ...]]:
    import re
    words = re.findall(r"\w+", (text or "").casefold())
    return set(zip(words, words[1:], words[2:]))


def _title_key(title: str | None) -> str:
    return " ".join((title or "").casefold().split())


def same_article(title: str | None, text: str | None, other_title: str | None, other_text: str | None) -> bool:
    """Whether two texts at one address are versions of one article: the same title (case and spaces aside), or
    DECLARED_SHARE of the smaller one's word trigrams in the other."""
    if _title_key(title) and _title_key(title) == _title_key(other_title):
        return True
    a, b = _trigrams(text), _trigrams(other_text)
    if not a or not b:
        return False
    return len(a & b) >= DECLARED_SHARE * min(len(a), len(b))


def embedding_text(record: dict) -> str:
    """What a document's embedding is made of: its title and the start of its body."""
    title = (record.get("source") or {}).get("title") or ""
    return (title + "\n" + rec.body_text(record))[:2000]


@lru_cache(maxsize=None)
def column_names(table: str) -> list[str]:
    """The columns of a table as this version declares them (a migrated table may order them otherwise)."""
    import duckdb
    con = duckdb.connect()
    con.execute(f'CREATE TABLE "{table}" ({TABLES[table]})')
    return [r[0] for r in con.execute(f'DESCRIBE "{table}"').fetchall()]


def arrow_table(con, table: str, rows: list[tuple]) -> pa.Table:
    """Rows as an Arrow table with the table's column names (embedding columns as fixed-size lists)."""
    names = column_names(table)
    cols = list(zip(*rows)) if rows else [[] for _ in names]
    arrays = {}
    for name, col in zip(names, cols):
        if name in ("vec", "centroid"):
            flat = np.asarray(col, dtype=np.float32).reshape(-1)
            arrays[name] = pa.FixedSizeListArray.from_arrays(pa.array(flat), EMBED_DIM)
        else:
            arrays[name] = pa.array(list(col))
    return pa.table(arrays)


def insert(con, table: str, rows: list[tuple]) -> None:
    if not rows:
        return
    data = arrow_table(con, table, rows)  # noqa: F841 - read by name in the SQL below
    con.execute(f'INSERT INTO "{table}" BY NAME SELECT * FROM data')


class Ingester:
    """Writes batches of records into an open, writable database."""

    def __init__(self, con, *, embed: Callable[[list[str]], np.ndarray] | None = None,
                 on_batch: Callable[[list[dict]], None] | None = None):
        self.con = con
        self.embed = embed
        self.on_batch = on_batch  # derived tables to update inside the batch's transaction (stories)
        self.seq = con.execute("SELECT coalesce(max(seq), 0) FROM documents").fetchone()[0]
        self.stored = {r[0] for r in con.execute("SELECT doc_id FROM documents").fetchall()}
        self.untrusted: list[str] = []  # declared addresses not taken (`declared_key`)
        self.sources: dict[str, set[tuple]] = defaultdict(set)
        for doc_id, *key in con.execute("SELECT doc_id, path, url, outlet, published, canonical FROM sightings"
                                        ).fetchall():
            self.sources[doc_id].add(rec.publication(*key))

    def stored_ids(self) -> set[str]:
        return set(self.stored)

    def write(self, batch: list[dict]) -> None:
        """Store a batch in one transaction: a crash leaves either all of it or none of it."""
        sources = [(r["doc_id"], r.get("source") or {}, rec.title_of(r)) for r in batch]  # each, before dedup
        batch = list({r["doc_id"]: r for r in batch}.values())
        if not batch:
            return
        from .copies import signature_row
        again = [r["doc_id"] for r in batch if r["doc_id"] in self.stored]
        ids = pa.table({"doc_id": again})  # noqa: F841 - used in SQL
        have_vec = {r[0] for r in self.con.execute(
            "SELECT doc_id FROM embeddings WHERE doc_id IN (SELECT doc_id FROM ids)").fetchall()} if again else set()
        new = [r for r in batch if r["doc_id"] not in have_vec]
        vecs = self.embed([embedding_text(r) for r in new]) if self.embed and new else None
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        rows: dict[str, list[tuple]] = {t: [] for t in DOC_TABLES}
        for r in batch:
            self.seq += 1
            for table, items in rec.rows(r, self.seq, now).items():
                rows[table].extend(items)
            rows["minhashes"].append(signature_row(r))
        rows["documents"] = self.declared_keys(rows["documents"])
        if vecs is not None:
            rows["embeddings"] = [(r["doc_id"], v) for r, v in zip(new, vecs)]
        seen = self._new_sightings(sources, now)
        self.con.execute("BEGIN TRANSACTION")
        try:
            for table in DOC_TABLES:
                if again and table not in KEPT_ON_RESTORE:  # only documents stored before have rows to replace
                    self.con.execute(f'DELETE FROM "{table}" WHERE doc_id IN (SELECT doc_id FROM ids)')
                insert(self.con, table, rows[table])
            insert(self.con, "sightings", seen)
            mark_latest(self.con, sorted({row[22] for row in rows["documents"] if row[22]}))  # url_key
            set_meta(self.con, "fts_dirty", "1")
            new_generation(self.con)
            if self.on_batch:
                self.on_batch(batch)
            self.con.execute("COMMIT")
            self.stored.update(r["doc_id"] for r in batch)
            self._remember(seen)
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def declared_keys(self, docs: list[tuple]) -> list[tuple]:
        """`documents` rows, each keyed by its declared address (`source.canonical`) only when that address holds
        no other text yet, or one of the same article (`same_article`); else by its own `url`, its `canonical`
        column left empty (the record keeps what the page declared) and the page said in `untrusted` (stop 41: a
        same-site canonical naming another article folded two articles into versions of one)."""
        from .addresses import url_key
        out, here = [], defaultdict(list)  # key -> (doc_id, title, body) of this batch
        for row in docs:
            doc_id, url, title, body, key, canonical = row[0], row[3], row[5], row[10], row[22], row[23]
            own = url_key(url)
            if canonical and key is not None and key != own:
                earlier = [(t, b) for d, t, b in here[key] if d != doc_id] + self.con.execute(
                    "SELECT title, body_text FROM documents WHERE url_key = ? AND doc_id <> ?", [key, doc_id]).fetchall()
                if earlier and not any(same_article(title, body, t, b) for t, b in earlier):
                    self.untrusted.append(f"{url} (declares {canonical})")
                    row = (*row[:22], own, None, *row[24:])
                    key = own
            if key is not None:
                here[key].append((doc_id, title, body))
            out.append(row)
        return out

    def _new_sightings(self, sources: list[tuple[str, dict, str | None]], now) -> list[tuple]:
        """`sightings` rows for the (doc_id, source, title) whose publication (`records.publication`) is not recorded
        yet, each once."""
        rows, keys = [], set()
        for doc_id, src, title in sources:
            key = rec.publication(src.get("path"), src.get("url"), src.get("outlet"), src.get("published"),
                                  src.get("canonical"))
            if key not in self.sources[doc_id] and (doc_id, key) not in keys:
                keys.add((doc_id, key))
                rows.append(rec.sighting_row(doc_id, src, title, now))
        return rows

    def _remember(self, rows: list[tuple]) -> None:
        for row in rows:
            self.sources[row[0]].add(rec.publication(*row[1:4], row[5], row[8]))

    def sight(self, sources: list[tuple[str, dict, str | None]]) -> int:
        """Record stored texts seen again under other sources (a re-post word for word); returns how many are new."""
        rows = self._new_sightings([s for s in sources if s[0] in self.stored],
                                   datetime.now(timezone.utc).replace(tzinfo=None))
        if not rows:
            return 0
        self.con.execute("BEGIN TRANSACTION")
        try:
            insert(self.con, "sightings", rows)
            new_generation(self.con)
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self._remember(rows)
        return len(rows)


def analyze_batch(pipeline, docs: list[Document]) -> Iterator[Document | Failure]:
    """Run the pipeline over a batch; a stage failing on one document loses only that one."""
    from ..api import process_isolated
    yield from process_isolated(pipeline, docs)


def ingest(con, paths: Iterable[str], *, pipeline_factory: Callable[[], object], options: ReadOptions | None = None,
           reanalyze: bool = False, batch_size: int = 64, embed=None, on_batch=None,
           progress: Callable[[int, int, int], None] | None = None,
           committed: Callable[[int], None] | None = None) -> IngestResult:
    """Store everything the paths hold; stored documents are skipped unless `reanalyze`.

    Records (analyze's JSONL, the batch runner's Parquet) are stored as they are; raw inputs are
    analyzed first, with the pipeline built on first need."""
    options = options or ReadOptions()
    writer = Ingester(con, embed=embed, on_batch=on_batch)
    stored = writer.stored_ids()
    result = IngestResult()
    pipeline = None
    ready: list[dict] = []
    raw: list[Document] = []
    seen: set[str] = set()
    again: list[tuple[str, dict, str | None]] = []  # skipped texts' sources, recorded once their text is stored

    def flush(force: bool = False):
        nonlocal pipeline, ready, raw
        if raw and (force or len(raw) >= batch_size):
            pipeline = pipeline or pipeline_factory()
            for item in analyze_batch(pipeline, raw):
                if isinstance(item, Failure):
                    result.failures.append(item)
                else:
                    ready.append(item.to_dict())
            raw = []
        if ready and (force or len(ready) >= batch_size):
            writer.write(ready)
            result.stored += len(ready)
            if committed:
                committed(result.stored)
            ready = []
        if again and (force or len(again) >= batch_size):
            result.sighted += writer.sight(again)
            again[:] = [s for s in again if s[0] not in writer.stored] if not force else []
        if progress:
            progress(result.stored, result.skipped, len(result.failures))

    for item in inputs(paths, options):
        if isinstance(item, Failure):
            result.failures.append(item)
            continue
        doc_id = item["doc_id"] if isinstance(item, dict) else item.doc_id
        if doc_id in seen or (doc_id in stored and not reanalyze):
            result.skipped += 1
            again.append(_source_of(item))
            if progress:
                progress(result.stored, result.skipped, len(result.failures))
            continue
        seen.add(doc_id)
        (ready if isinstance(item, dict) else raw).append(item)
        flush()
    flush(force=True)
    result.untrusted = list(writer.untrusted)
    return result


def _source_of(item: dict | Document) -> tuple[str, dict, str | None]:
    """(doc_id, source, title) of a record or a read document."""
    if isinstance(item, dict):
        src = item.get("source") or {}
        return item["doc_id"], src, src.get("title")
    return item.doc_id, item.source.to_dict(), item.source.title


def stale_ids(con, current: dict) -> list[str]:
    """Stored documents whose provenance hashes differ from `current` (`records.pipeline_provenance`)."""
    cols = [f"hash_{k}" for k in rec.HASH_KEYS]
    wanted = [current["hashes"][k] for k in rec.HASH_KEYS]
    cond = " OR ".join(f"{c} IS DISTINCT FROM ?" for c in cols)
    return [r[0] for r in con.execute(f"SELECT doc_id FROM documents WHERE {cond} ORDER BY seq", wanted).fetchall()]


def reanalyze(con, doc_ids: list[str], *, pipeline, batch_size: int = 64, embed=None, on_batch=None,
              progress=None, committed=None) -> IngestResult:
    """Analyze stored documents again from their stored text and source, and store the new records."""
    writer = Ingester(con, embed=embed, on_batch=on_batch)
    result = IngestResult()
    for i in range(0, len(doc_ids), batch_size):
        chunk = doc_ids[i:i + batch_size]
        got = con.execute("SELECT record FROM documents WHERE doc_id IN (SELECT unnest(?)) ORDER BY seq",
                          [chunk]).fetchall()
        docs = []
        for (raw,) in got:
            old = json.loads(raw)
            docs.append(Document(text=old["text"], source=Source(**(old.get("source") or {}))))
        fresh = []
        for item in analyze_batch(pipeline, docs):
            if isinstance(item, Failure):
                result.failures.append(item)
            else:
                fresh.append(item.to_dict())
        writer.write(fresh)
        result.stored += len(fresh)
        result.untrusted = list(writer.untrusted)
        if committed:
            committed(result.stored)
        if progress:
            progress(result.stored, 0, len(result.failures))
    return result

reanalyze_stored = reanalyze  # `run` takes a flag of that name

HASH_NAMES = {"config": "configuration", "kb": "knowledge base", "catalogues": "catalogues (narratives, cues, words)",
              "models": "models"}


def _analyses(con, where: str = "TRUE", params=()) -> dict[tuple, int]:
    """Documents per provenance (the hashes of configuration, KB, catalogues, models they were analyzed with)."""
    cols = ", ".join(f"hash_{k}" for k in rec.HASH_KEYS)
    return {tuple(r[:-1]): r[-1] for r in con.execute(
        f"SELECT {cols}, count(*) FROM documents WHERE {where} GROUP BY ALL", list(params)).fetchall()}


def _joined(words: list[str]) -> str:
    return " and ".join(words) if len(words) < 3 else ", ".join(words[:-1]) + " and " + words[-1]


def _differing(a: set[tuple], b: set[tuple]) -> list[str]:
    """What differs between two sets of provenance hashes, named for a reader."""
    return [HASH_NAMES[k] for i, k in enumerate(rec.HASH_KEYS) if {x[i] for x in a} != {x[i] for x in b}]


def mixed_analyses_warning(con, seq_before: int) -> str | None:
    """When the documents stored by this run were analyzed otherwise than those stored before (another KB,
    catalogue, configuration or models: an ingest without the `--kb` of the last one), a warning saying so: the
    store's figures then mix two analyses, and the next `--stale` with either set of options redoes the other."""
    new = _analyses(con, "seq > ?", [seq_before])
    old = _analyses(con, "seq <= ?", [seq_before])
    if not new or not old or set(new) == set(old) or set(new) <= set(old):
        return None
    what = _differing(set(new), set(old)) or ["provenance"]
    return (f"the {sum(new.values())} documents stored now were analyzed with another {_joined(what)} than the "
            f"{sum(old.values())} stored before (other --kb, --narratives, --disable or --config?); the store's figures "
            f"mix the two until `spinscope ingest --stale` with the options you mean re-analyzes the others")


def updated_versions(con, seq_before: int) -> int:
    """How many documents stored after `seq_before` have the address of a document stored earlier with another text:
    an article updated (or corrected) at its address since it was stored. Both are kept: the edit is evidence.
    Addresses are compared by `documents.url_key` (`addresses.url_key`: `http://x.com/a?utm_source=t` and
    `https://www.x.com/a/` are one address)."""
    return con.execute(
        """SELECT count(*) FROM documents n WHERE n.seq > ? AND n.url_key IS NOT NULL
           AND EXISTS (SELECT 1 FROM documents o WHERE o.url_key = n.url_key AND o.doc_id <> n.doc_id
                       AND o.seq < n.seq)""",
        [seq_before]).fetchone()[0]


def updated_note(n: int) -> str | None:
    """The line ingest prints about `updated_versions`."""
    if not n:
        return None
    docs = "1 document stored now has" if n == 1 else f"{n} documents stored now have"
    return (f"{docs} the address (url) of a stored document with another text (an article updated since?): every "
            f"version is kept, and the latest stands for the article in lists, search and counts; each one's page "
            f"names the others (`Corpus.versions(doc_id)`, docs/store.md \"Updated articles\")")


def untrusted_note(pages: list[str]) -> str | None:
    """The warning ingest prints about the declared addresses it did not take (`Ingester.declared_keys`)."""
    if not pages:
        return None
    shown = "; ".join(pages[:3]) + (f"; and {len(pages) - 3} more" if len(pages) > 3 else "")
    n = len(pages)
    return (f"{n} {'page declares' if n == 1 else 'pages declare'} the address (canonical) of a stored article "
            f"whose title and text {'it does' if n == 1 else 'they do'} not share (a template declaring the wrong "
            f"article?): each kept as an article of its own, at the address it was read from: {shown}")


class IngestError(ValueError):
    """An ingest that cannot be done as asked (a `stale` run whose pipeline reports no provenance)."""


@dataclass
class IngestRun(IngestResult):
    """What one ingest run did (`spinscope ingest`, `Corpus.ingest`): stored, skipped, sighted, failures; the
    documents in the store after it (articles: an updated article once) and the older versions beside them; and the
    warning when it mixed two analyses."""
    documents: int = 0
    mixed: str | None = None
    updated: int = 0  # documents stored at the address of a stored one with another text (`updated_versions`)
    older: int = 0  # older versions of updated articles in the store after it: stored, not counted in `documents`


def _no_bar(total, verb):
    from contextlib import nullcontext
    return nullcontext()


def run(con, paths: Iterable[str] = (), *, pipeline_factory: Callable[[], object], options: ReadOptions | None = None,
        reanalyze: bool = False, stale: bool = False, batch_size: int = 64, embed=None, progress=_no_bar,
        committed: Callable[[int], None] | None = None, say: Callable[[str], None] | None = None) -> IngestRun:
    """One ingest run over an open, writable database, as `spinscope ingest` does it: store what `paths` hold (stories
    assigned batch by batch), then with `stale` re-analyze the stored documents whose provenance differs from the
    pipeline's, then refresh the full-text index. `progress(total, verb)` is a context manager yielding an
    update(stored, skipped, failed) callable or None; `say` gets the line naming what `stale` redoes and why."""
    from . import search, sources, stories
    out = IngestRun()
    on_batch = stories.StoryAssigner(con).assign
    seq_before = con.execute("SELECT coalesce(max(seq), 0) FROM documents").fetchone()[0]
    paths = list(paths)
    if paths:
        files = [p for p in sources.expand(paths) if not isinstance(p, Failure)]
        counts = [sources.count(p) for p in files]
        total = sum(counts) if None not in counts else None
        with progress(total, "ingest") as update:
            result = ingest(con, paths, pipeline_factory=pipeline_factory, options=options, reanalyze=reanalyze,
                            batch_size=batch_size, embed=embed, on_batch=on_batch, progress=update,
                            committed=committed)
        out.failures += result.failures
        out.stored += result.stored
        out.skipped += result.skipped
        out.sighted += result.sighted
        out.untrusted += result.untrusted
        out.mixed = mixed_analyses_warning(con, seq_before)
        out.updated = updated_versions(con, seq_before)
    if stale:
        pipeline = pipeline_factory()
        current = rec.pipeline_provenance(pipeline)
        if all(v is None for v in current["hashes"].values()):
            raise IngestError("this spinscope's pipeline reports no provenance hashes; "
                              "--stale cannot tell which documents are stale")
        ids = stale_ids(con, current)
        if ids and say:  # say what is redone, and why: an ingest without the last one's --kb would undo its edit
            staled = _analyses(con, "doc_id IN (SELECT unnest(?))", [ids])
            now = {tuple(current["hashes"][k] for k in rec.HASH_KEYS)}
            n_all = con.execute("SELECT count(*) FROM documents").fetchone()[0]
            what = _differing(set(staled), now) or ["provenance"]
            say(f"re-analyzing {len(ids)} of {n_all} stored documents: their {_joined(what)} "
                f"{'differ' if len(what) > 1 else 'differs'} from this run's")
        with progress(len(ids), "re-analyze") as update:
            result = reanalyze_stored(con, ids, pipeline=pipeline, batch_size=batch_size, embed=embed, on_batch=on_batch,
                               progress=update, committed=committed)
        out.failures += result.failures
        out.stored += result.stored
        out.untrusted += result.untrusted
        out.mixed = None  # the stale run re-analyzed the others
    search.refresh_index(con)
    out.documents, out.older = con.execute(
        "SELECT count(*) FILTER (latest IS NOT FALSE), count(*) FILTER (latest = FALSE) FROM documents").fetchone()
    return out
