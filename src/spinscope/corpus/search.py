"""Search the corpus: full text (BM25), semantic (embeddings) and a hybrid of both, with filters."""
from __future__ import annotations

import json
import re
import threading
import weakref
from dataclasses import dataclass, fields
from datetime import date

import numpy as np
import pyarrow as pa

from .stem import stem
from .store import get_meta, load_extensions, new_generation, set_meta

MODES = ("hybrid", "text", "semantic")
RRF_K = 60  # reciprocal-rank fusion constant (Cormack et al. 2009)
POOL = 100  # candidates each side brings to the hybrid


BM25_K1, BM25_B = 1.2, 0.75  # the fts extension's defaults
FTS = "fts_main_documents"
# The index's words are the runs of letters of any script: every other character separates. The extension's own
# tokenizer cut only at ASCII punctuation, so news set in curly quotes indexed “syria’ and army” and a search for
# Syria missed them. A store whose index was built otherwise (no `fts_tokenizer` in meta) is indexed again.
FTS_IGNORE = r"[^\p{L}]+"
FTS_TOKENIZER = "letters-1"


def index_current(con) -> bool:
    """Whether the full-text index holds every stored document and was built by this tokenizer."""
    return get_meta(con, "fts_dirty") == "0" and get_meta(con, "fts_tokenizer") == FTS_TOKENIZER


def refresh_index(con) -> None:
    """Rebuild the full-text index when documents changed since it was built (needs a writable database).

    The fts extension tokenizes and stems; its per-token `terms` table is then folded into
    `fts_postings` (term, document, count, document length) sorted by term, so that a query reads only the row
    groups of its own terms instead of scoring every document."""
    if index_current(con):
        return
    load_extensions(con, "fts")
    con.execute("BEGIN TRANSACTION")
    con.execute("PRAGMA create_fts_index('documents', 'doc_id', 'title', 'body_text', "
                f"stemmer = 'english', stopwords = 'english', ignore = '{FTS_IGNORE}', overwrite = 1)")
    con.execute(f"""CREATE OR REPLACE TABLE fts_postings AS
                    SELECT t.termid, t.docid, count(*)::INTEGER AS tf, any_value(x.len)::INTEGER AS len
                    FROM {FTS}.terms t JOIN {FTS}.docs x USING (docid) GROUP BY t.termid, t.docid
                    ORDER BY t.termid, t.docid""")
    set_meta(con, "fts_dirty", "0")
    set_meta(con, "fts_tokenizer", FTS_TOKENIZER)
    new_generation(con)
    con.execute("COMMIT")


def term_ids(con, query: str) -> list[tuple[int, int]]:
    """(termid, document frequency) of the query's words (`query_words`), stemmed as the index was."""
    return con.execute(
        f"""SELECT termid, df FROM {FTS}.dict WHERE term IN (
                SELECT stem(w, 'english') FROM (SELECT unnest(?::VARCHAR[]) AS w)
                WHERE w NOT IN (SELECT sw FROM {FTS}.stopwords))""",
        [query_words(con, query)]).fetchall()


_NOT_A_TO_Z = re.compile(r"[^a-z]+")
_LETTERS = re.compile(r"[^\W\d_]+")


def query_words(con, query: str) -> list[str]:
    """The query's words: the runs of letters, of any script, of lower(strip_accents(q)), as the index holds the
    documents' words (`FTS_IGNORE`: every character not a letter separates). In Python for an ASCII query, where lower() and strip_accents() are plain and the runs are of a-z; the
    database lowers and strips the accents otherwise (a cut at every character not a-z dropped every word of
    "Лавров" or "الحكومة", so text search found nothing)."""
    if query.isascii():
        words = _NOT_A_TO_Z.split(query.lower())
    else:
        (folded,) = con.execute("SELECT lower(strip_accents(?))", [query]).fetchone()
        words = _LETTERS.findall(folded)
    return [w for w in words if w]


def bm25_scores(postings: dict, df: dict[int, int], n_docs: int, avgdl: float) -> tuple[np.ndarray, np.ndarray]:
    """Okapi BM25 of each document (fts docid) holding a query word, from the query terms' postings
    (arrays termid, docid, tf, len) and their document frequencies: the fts extension's formula."""
    terms = np.asarray(sorted(df), dtype=np.int64)
    freq = np.asarray([df[t] for t in terms], dtype=np.float64)
    idf = np.log((n_docs - freq + 0.5) / (freq + 0.5) + 1)
    tf = postings["tf"].astype(np.float64)
    part = idf[np.searchsorted(terms, postings["termid"])] * tf * (BM25_K1 + 1) / (
        tf + BM25_K1 * (1 - BM25_B + BM25_B * postings["len"] / avgdl))
    docs, inv = np.unique(postings["docid"], return_inverse=True)
    return docs, np.bincount(inv, weights=part, minlength=len(docs))


@dataclass
class Filters:
    """What a result must have; None means any. Names match KB ids or names, case-insensitively."""

    outlet: str | None = None
    since: date | None = None
    until: date | None = None
    actor: str | None = None
    speaker: str | None = None
    place: str | None = None
    event: str | None = None
    technique: str | None = None
    narrative: str | None = None
    story: int | None = None
    # every version of an article updated at its address; else only the latest stands for it (stop 40)
    versions: bool = False

    def any(self) -> bool:
        """Whether a filter narrows the documents (`versions` aside: the older versions are left out without it)."""
        return any(getattr(self, f.name) is not None for f in fields(self) if f.name != "versions")

    def document_sql(self, alias: str = "d", *, latest: bool = True, dates: bool = True) -> tuple[str, list]:
        """The conditions on the `documents` row itself (outlet, dates; the latest version of an updated article
        only, unless `versions` or not `latest`), and their parameters. `dates=False`: not the publication dates
        (the events' own dates stand for them, `views.events`)."""
        conds, params = [], []
        if latest and not self.versions:
            conds.append(f"{alias}.latest IS NOT FALSE")
        if self.outlet is not None:
            conds.append(f"lower({alias}.outlet) = lower(?)")
            params.append(self.outlet)
        if self.since is not None and dates:
            conds.append(f"{alias}.published_date >= ?")
            params.append(self.since)
        if self.until is not None and dates:
            conds.append(f"{alias}.published_date <= ?")
            params.append(self.until)
        return (" AND ".join(conds) or "TRUE"), params

    def layer_sql(self) -> list[tuple[str, str, list]]:
        """(table, condition on its rows `x`, parameters) for each filter on a layer: a document passes
        when one of its rows there does."""
        out = []
        for name, (table, cond, n) in LAYER_FILTERS.items():
            value = getattr(self, name)
            if value is not None:
                out.append((table, cond, [value] * n))
        return out

    def sql(self, alias: str = "d", *, dates: bool = True) -> tuple[str, list]:
        """A WHERE condition over `documents AS alias`, and its parameters (`dates=False`: since and until left to
        the caller)."""
        where, params = self.document_sql(alias, dates=dates)
        conds = [] if where == "TRUE" else [where]
        for table, cond, values in self.layer_sql():
            conds.append(f"EXISTS (SELECT 1 FROM {table} x WHERE x.doc_id = {alias}.doc_id AND ({cond}))")
            params.extend(values)
        return (" AND ".join(conds) or "TRUE"), params


# filter -> (table, condition on its rows `x`, how many times the value is a parameter)
LAYER_FILTERS = {
    "actor": ("entities", "x.kb_id = ? OR lower(x.name) = lower(?)", 2),
    "speaker": ("quotes", "x.speaker_kb_id = ? OR lower(x.speaker_name) = lower(?)", 2),
    "place": ("places", "lower(x.name) = lower(?)", 1),
    "event": ("events", "upper(x.type) = upper(?) OR x.cameo = ?", 2),
    "technique": ("techniques", "lower(x.technique) = lower(?)", 1),
    "narrative": ("narratives", "x.narrative = ? OR lower(x.label) = lower(?)", 2),
    "story": ("story_docs", "x.story_id = ?", 1),
}


def _database_key(con) -> str | None:
    """The file behind a connection (None for an in-memory database), to share snapshots between searchers."""
    row = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()
    return row[0] if row and row[0] else None


def _top(ids: list[str], rows: np.ndarray, scores: np.ndarray, k: int | None) -> list[tuple[str, float]]:
    """The k best (doc_id, score), best first; ties by doc_id, whichever side of the k-th place they stand."""
    if k and len(scores) > k:
        cut = np.partition(scores, len(scores) - k)[len(scores) - k]
        pick = np.flatnonzero(scores >= cut)
    else:
        pick = np.arange(len(scores))
    ranked = sorted(((ids[rows[i]], float(scores[i])) for i in pick), key=lambda x: (-x[1], x[0]))
    return ranked[:k] if k else ranked


class Snapshot:
    """What every search of one database state shares in memory, each part read on first need: the
    documents in stored order (`seq`), the embedding matrix, and the full-text index's document numbers.

    Row r of everything here is the r-th stored document. A snapshot is replaced when the store changes
    (documents written, full-text index rebuilt); searchers of one database file share it."""

    def __init__(self, con, token: tuple):
        self.token = token
        self.lock = threading.Lock()
        table = con.execute("SELECT seq, doc_id, latest IS NOT FALSE AS latest FROM documents ORDER BY seq"
                            ).fetch_arrow_table()
        self.seqs = table.column("seq").to_numpy()
        self.ids: list[str] = table.column("doc_id").to_pylist()
        # the rows of older versions of updated articles, which a search leaves out unless asked (stop 40)
        self.older: np.ndarray = np.flatnonzero(~table.column("latest").to_numpy(zero_copy_only=False).astype(bool))
        self._vec: tuple[np.ndarray, np.ndarray] | None = None
        self._fts: tuple[np.ndarray, int, float, np.ndarray] | None = None
        self._index: TextIndex | None = None
        self._docs: DocColumns | None = None
        self._row_of_id: dict[str, int] | None = None

    def place(self, seqs) -> tuple[np.ndarray, np.ndarray]:
        """The row of each `seq`, and whether the snapshot has it (a document stored since waits for the next)."""
        seqs = np.asarray(seqs)
        r = np.searchsorted(self.seqs, seqs)
        known = r < len(self.seqs)
        known[known] = self.seqs[r[known]] == seqs[known]
        return r, known

    def rows(self, seqs) -> np.ndarray:
        """The rows of the documents with these `seq`s, ascending."""
        r, known = self.place(seqs)
        return np.unique(r[known])

    def row_of_id(self) -> dict[str, int]:
        """doc_id -> row."""
        if self._row_of_id is None:
            with self.lock:
                if self._row_of_id is None:
                    self._row_of_id = {d: i for i, d in enumerate(self.ids)}
        return self._row_of_id

    def rows_of_ids(self, doc_ids: list[str]) -> np.ndarray:
        """The rows of these documents (ascending; unknown ids are left out)."""
        get = self.row_of_id().get
        return np.unique(np.fromiter((r for r in map(get, doc_ids) if r is not None), dtype=np.int64))

    def aligned(self, seq: np.ndarray) -> np.ndarray | None:
        """For rows fetched with these `seq`s: the fetched row of each snapshot row (-1 where none), or None when
        they are exactly the snapshot's rows in order."""
        r, known = self.place(seq)
        if known.all() and len(r) == len(self.seqs) and np.array_equal(r, np.arange(len(r))):
            return None
        at = np.full(len(self.seqs), -1, dtype=np.int64)
        at[r[known]] = np.flatnonzero(known)
        return at

    def vectors(self, con) -> tuple[np.ndarray, np.ndarray]:
        """(rows having an embedding, ascending; their embeddings as one contiguous float32 matrix)."""
        if self._vec is None:
            with self.lock:
                if self._vec is None:
                    # unordered: DuckDB sorting 150 MB of vectors costs seconds, numpy's gather below a tenth
                    table = con.execute("""SELECT d.seq, e.vec FROM embeddings e JOIN documents d USING (doc_id)""") \
                        .fetch_arrow_table()
                    seq = table.column("seq").to_numpy()
                    rows, known = self.place(seq)
                    order = np.flatnonzero(known)[np.argsort(rows[known], kind="stable")]
                    place = np.full(len(seq), -1)  # each fetched vector's row in the matrix
                    place[order] = np.arange(len(order))
                    vec = table.column("vec")
                    dim = vec.type.list_size
                    matrix = np.empty((len(order), dim), dtype=np.float32)
                    start = 0
                    for chunk in vec.chunks:  # copied once, straight to its place
                        values = chunk.flatten().to_numpy(zero_copy_only=False).reshape(len(chunk), dim)
                        at = place[start:start + len(chunk)]
                        matrix[at[at >= 0]] = values[at >= 0]
                        start += len(chunk)
                    self._vec = rows[order], matrix
        return self._vec

    def fts(self, con) -> tuple[np.ndarray, int, float, np.ndarray]:
        """(row of each full-text docid, -1 for none; the index's document count; its average length; each row's
        length in the index, 0 for none)."""
        if self._fts is None:
            with self.lock:
                if self._fts is None:
                    got = con.execute(f"""SELECT x.docid, d.seq, x.len FROM {FTS}.docs x JOIN documents d
                                          ON d.doc_id = x.name""").fetchnumpy()
                    docid, seq = np.asarray(got["docid"], dtype=np.int64), np.asarray(got["seq"])
                    row_of = np.full(int(docid.max()) + 1 if len(docid) else 0, -1, dtype=np.int64)
                    r, known = self.place(seq)
                    row_of[docid[known]] = r[known]
                    length = np.zeros(len(self.seqs), dtype=np.int32)  # int32, as fts_postings.len
                    length[r[known]] = np.asarray(got["len"])[known]
                    n, avgdl = con.execute(f"SELECT num_docs, avgdl FROM {FTS}.stats").fetchone()
                    self._fts = row_of, int(n or 0), float(avgdl or 0.0), length  # an empty index has no average
        return self._fts

    def index(self, con) -> TextIndex:
        """The full-text index in memory (TextIndex), so that BM25 reads no table."""
        if self._index is None:
            row_of, n, avgdl, length = self.fts(con)
            with self.lock:
                if self._index is None:
                    self._index = TextIndex.read(con, row_of, n, avgdl, length)
        return self._index

    def docs(self, con) -> DocColumns:
        """The columns that filters and results read (DocColumns)."""
        if self._docs is None:
            with self.lock:
                if self._docs is None:
                    self._docs = DocColumns.read(con, self)
        return self._docs


class TextIndex:
    """The full-text index as arrays: the dictionary (stem -> term number, document frequency), the stopwords, and
    the postings grouped by term (CSR: term t's postings are rows[starts[t]:starts[t + 1]], with their counts
    `tf`), each posting naming its document by snapshot row. 5 bytes a posting (int32 row, uint8 count while every
    count is under 256)."""

    def __init__(self, terms, df, starts, rows, tf, n_docs, avgdl, length, stopwords):
        self.terms: dict[str, int] = terms
        self.df, self.starts, self.rows, self.tf = df, starts, rows, tf
        self.n_docs, self.avgdl, self.length = n_docs, avgdl, length
        self.stopwords: frozenset[str] = stopwords

    @classmethod
    def read(cls, con, row_of: np.ndarray, n_docs: int, avgdl: float, length: np.ndarray) -> TextIndex:
        d = con.execute(f"SELECT termid, term, df FROM {FTS}.dict ORDER BY termid").fetch_arrow_table()
        termids = d.column("termid").to_numpy()
        terms = {t: i for i, t in enumerate(d.column("term").to_pylist())}
        df = np.asarray(d.column("df").to_numpy(), dtype=np.int64)
        stop = frozenset(w for (w,) in con.execute(f"SELECT sw FROM {FTS}.stopwords").fetchall())
        total, top = con.execute("SELECT count(*), max(tf) FROM fts_postings").fetchone()
        rows = np.empty(total, dtype=np.int32)
        top = top or 0
        tf = np.empty(total, dtype=np.uint8 if top < 2 ** 8 else np.uint16 if top < 2 ** 16 else np.int32)
        term = np.empty(total, dtype=np.int32)
        at, ordered, last = 0, True, -1
        # in batches, so that the 64-bit columns of every posting are never in memory at once
        reader = con.execute("SELECT termid, docid, tf FROM fts_postings").fetch_record_batch(1 << 20)
        for batch in reader:
            tid = batch.column(0).to_numpy()
            doc = batch.column(1).to_numpy()
            row = np.where(doc < len(row_of), row_of[np.minimum(doc, max(len(row_of) - 1, 0))], -1) \
                if len(row_of) else np.full(len(doc), -1)
            keep = row >= 0  # documents the snapshot does not have are left out, as the scoring did
            k = np.searchsorted(termids, tid[keep])
            n = len(k)
            rows[at:at + n], tf[at:at + n], term[at:at + n] = row[keep], batch.column(2).to_numpy()[keep], k
            if n:
                ordered = ordered and last <= k[0] and bool(np.all(k[1:] >= k[:-1]))
                last = int(k[-1])
            at += n
        rows, tf, term = rows[:at], tf[:at], term[:at]
        if not ordered:  # fts_postings is written sorted by term; sort here if a scan ever returns it otherwise
            order = np.argsort(term, kind="stable")
            rows, tf, term = rows[order], tf[order], term[order]
        starts = np.zeros(len(termids) + 1, dtype=np.int64)
        np.cumsum(np.bincount(term, minlength=len(termids)), out=starts[1:])
        return cls(terms, df, starts, rows, tf, n_docs, avgdl, length, stop)

    def term_numbers(self, words: list[str]) -> list[int]:
        """The term numbers of these words stemmed as the index was (stopwords, unknown stems left out), ascending."""
        get = self.terms.get
        found = {get(stem(w)) for w in words if w not in self.stopwords}
        found.discard(None)
        return sorted(found)

    def scores(self, terms: list[int]) -> tuple[np.ndarray, np.ndarray]:
        """(rows ascending, BM25) of the documents holding one of these terms: bm25_scores over their postings."""
        parts = [slice(self.starts[t], self.starts[t + 1]) for t in terms]
        rows = np.concatenate([self.rows[p] for p in parts])
        postings = {"termid": np.repeat(np.asarray(terms, dtype=np.int64), [p.stop - p.start for p in parts]),
                    "docid": rows, "tf": np.concatenate([self.tf[p] for p in parts]), "len": self.length[rows]}
        return bm25_scores(postings, {t: int(self.df[t]) for t in terms}, self.n_docs, self.avgdl)

    def nbytes(self) -> int:
        return sum(a.nbytes for a in (self.df, self.starts, self.rows, self.tf, self.length))


class DocColumns:
    """Per snapshot row: title, outlet and path (Arrow), publication date, outlet key for the filter (DuckDB's
    lower(outlet), numbered), and the body paragraphs' offsets (CSR), which give the passage with the text alone."""

    def __init__(self, meta, published, outlet_code, outlet_codes, body_starts, body):
        self.meta = meta
        self.published: np.ndarray = published
        self.outlet_code: np.ndarray = outlet_code
        self.outlet_codes: dict[str, int] = outlet_codes
        self.body_starts: np.ndarray = body_starts
        self.body: np.ndarray = body

    @classmethod
    def read(cls, con, snap: Snapshot) -> DocColumns:
        t = con.execute("""SELECT seq, title, outlet, path, published_date, lower(outlet) AS outlet_key
                           FROM documents ORDER BY seq""").fetch_arrow_table()
        at = snap.aligned(t.column("seq").to_numpy())
        if at is not None:
            t = t.take(pa.array(at, mask=at < 0))
        published = t.column("published_date").to_numpy().astype("datetime64[D]")
        keys = t.column("outlet_key").dictionary_encode().combine_chunks()
        codes = keys.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int32)
        outlet_codes = {k: i for i, k in enumerate(keys.dictionary.to_pylist())}
        # a record's body pieces, in its own order (rowid: the order they were stored in)
        b = con.execute("""SELECT d.seq, s.start, s."end" FROM segments s JOIN documents d USING (doc_id)
                           WHERE s.part = 'body' ORDER BY d.seq, s.rowid""").fetchnumpy()
        r, known = snap.place(np.asarray(b["seq"]))
        body = np.stack([np.asarray(b["start"])[known], np.asarray(b["end"])[known]], axis=1).astype(np.int32)
        starts = np.zeros(len(snap.seqs) + 1, dtype=np.int64)
        np.cumsum(np.bincount(r[known], minlength=len(snap.seqs)), out=starts[1:])
        return cls(t.select(["title", "outlet", "path"]), published, codes, outlet_codes, starts, body)

    def select(self, f: Filters) -> np.ndarray:
        """The rows passing the filter's outlet (an ASCII name) and dates, ascending."""
        keep = np.ones(len(self.published), dtype=bool)
        if f.outlet is not None:
            code = self.outlet_codes.get(f.outlet.lower())
            keep &= self.outlet_code == (-2 if code is None else code)
        if f.since is not None:
            keep &= self.published >= np.datetime64(f.since, "D")
        if f.until is not None:
            keep &= self.published <= np.datetime64(f.until, "D")
        return np.flatnonzero(keep)

    def segments(self, row: int, text: str) -> list[tuple[int, str]]:
        """The body paragraphs (offset, text) of a row, or the whole text when it has none."""
        return [(int(a), text[a:b]) for a, b in self.body[self.body_starts[row]:self.body_starts[row + 1]]] \
            or [(0, text)]

    def nbytes(self) -> int:
        return self.meta.nbytes + sum(a.nbytes for a in (self.published, self.outlet_code, self.body_starts, self.body))


# Held weakly: a snapshot lives while a searcher of its database does.
_SNAPSHOTS: weakref.WeakValueDictionary[str, Snapshot] = weakref.WeakValueDictionary()
_SNAPSHOTS_LOCK = threading.Lock()


class Searcher:
    """Search over one open database. Scores are computed in memory over a Snapshot of the store (shared
    by the searchers of one file, read again when the store changed): cosine from the embedding matrix, BM25
    from the query terms' postings; filters select the allowed rows before scoring.

    `resident=True`, for a process that searches many times (the web server): the snapshot also holds the whole
    full-text index (TextIndex) and the columns that filters and results read (DocColumns), so BM25 and the outlet
    and date filters read no table and a search reads the database once, for its results' texts. Otherwise (one
    search from the command line) the query's terms and postings, the filters and the results are queries, and
    nothing but the embeddings is read whole. Both answer the same (tests/test_corpus_commands.py).

    `watch=False` checks the store's generation on the first search only: for a process that is the database's
    only writer and makes a new searcher after each write (the web server)."""

    def __init__(self, con, encode=None, *, watch: bool = True, resident: bool = False):
        self.con = con
        self._encode = encode
        self._watch = watch
        self._resident = resident
        self._fts = False
        self._key = _database_key(con)  # None for an in-memory database: its snapshot is not shared
        self._snap: Snapshot | None = None

    def snapshot(self) -> Snapshot:
        """The current snapshot: the store's generation is checked on every call (one small query) when watching."""
        if self._snap is not None and not self._watch:
            return self._snap
        token = tuple(self.con.execute("SELECT key, value FROM meta WHERE key IN ('generation', 'fts_dirty') "
                                       "ORDER BY key").fetchall())
        if self._snap is None or self._snap.token != token:
            with _SNAPSHOTS_LOCK:
                snap = _SNAPSHOTS.get(self._key) if self._key else None
                if snap is None or snap.token != token:
                    snap = Snapshot(self.con, token)
                    if self._key:
                        _SNAPSHOTS[self._key] = snap
                self._snap = snap
        return self._snap

    def _load_fts(self):
        if not self._fts:
            load_extensions(self.con, "fts")
            self._fts = True

    def warm(self) -> None:
        """Read the parts of the snapshot that searches read now rather than on the first search."""
        snap = self.snapshot()
        if self._resident:
            snap.index(self.con)
            snap.docs(self.con)
        snap.vectors(self.con)

    def allowed(self, snap: Snapshot, filters: Filters) -> np.ndarray | None:
        """The rows passing the filters (ascending), or None when there is no filter. Outlet and dates are masks over
        the snapshot's columns (an outlet name with other than ASCII letters is compared by the database, whose
        lower() it must match); each layer filter reads only its own table; the sets are intersected here."""
        older = snap.older if not filters.versions else snap.older[:0]
        if not filters.any():
            return np.setdiff1d(np.arange(len(snap.ids)), older, assume_unique=True) if len(older) else None
        rows = None
        where, params = filters.document_sql(latest=False)
        if where == "TRUE":
            pass
        elif self._resident and (filters.outlet is None or filters.outlet.isascii()):
            rows = snap.docs(self.con).select(filters)
        else:
            got = self.con.execute(f"SELECT d.seq FROM documents d WHERE {where}", params).fetchnumpy()
            rows = snap.rows(np.asarray(got["seq"]))
        for table, cond, values in filters.layer_sql():
            if rows is not None and not len(rows):
                break
            ids = self.con.execute(f"SELECT doc_id FROM {table} x WHERE {cond}", values).fetch_arrow_table()
            found = snap.rows_of_ids(ids.column("doc_id").to_pylist())
            rows = found if rows is None else np.intersect1d(rows, found, assume_unique=True)
        if len(older):
            rows = np.setdiff1d(np.arange(len(snap.ids)) if rows is None else rows, older, assume_unique=True)
        return rows

    def text(self, query: str, filters: Filters, k: int = 10) -> list[tuple[str, float]]:
        """BM25 over title and body (tokens and stems of DuckDB's fts extension), best first."""
        snap = self.snapshot()
        return self._text(snap, query, self.allowed(snap, filters), k)

    def _text(self, snap: Snapshot, query: str, allowed: np.ndarray | None, k: int | None):
        if self._resident:
            index = snap.index(self.con)
            terms = index.term_numbers(query_words(self.con, query))
            if not terms:
                return []
            rows, scores = index.scores(terms)
        else:
            rows, scores = self._text_sql(snap, query)
        if allowed is not None:
            keep = np.isin(rows, allowed, assume_unique=True)
            rows, scores = rows[keep], scores[keep]
        return _top(snap.ids, rows, scores, k)

    def _text_sql(self, snap: Snapshot, query: str) -> tuple[np.ndarray, np.ndarray]:
        """(rows ascending, BM25) from the query terms' rows of fts_postings, terms stemmed by the database."""
        self._load_fts()
        terms = term_ids(self.con, query)
        if not terms:
            return np.empty(0, dtype=np.int64), np.empty(0)
        ids = ", ".join(str(int(t)) for t, _ in terms)  # literals, so that zone maps skip other terms' row groups
        postings = self.con.execute(f"SELECT termid, docid, tf, len FROM fts_postings WHERE termid IN ({ids})").fetchnumpy()
        row_of, n_docs, avgdl, _ = snap.fts(self.con)
        docids, scores = bm25_scores(postings, dict(terms), n_docs, avgdl)
        rows = np.where(docids < len(row_of), row_of[np.minimum(docids, len(row_of) - 1)], -1) \
            if len(row_of) else np.full(len(docids), -1)
        keep = rows >= 0
        rows, scores = rows[keep], scores[keep]
        order = np.argsort(rows, kind="stable")
        return rows[order], scores[order]

    def embed(self, query: str) -> np.ndarray:
        if self._encode is None:
            from ..embed import encode
            self._encode = encode
        return self._encode([query])[0]

    def semantic(self, query: str | np.ndarray, filters: Filters, k: int = 10) -> list[tuple[str, float]]:
        """Cosine similarity of the query's embedding to each document's (exact), best first."""
        snap = self.snapshot()
        return self._semantic(snap, query, self.allowed(snap, filters), k)

    def _semantic(self, snap: Snapshot, query: str | np.ndarray, allowed: np.ndarray | None, k: int | None):
        rows, m = snap.vectors(self.con)
        if not len(rows):
            return []
        q = np.asarray(self.embed(query) if isinstance(query, str) else query, dtype=np.float32)
        if allowed is None:
            return _top(snap.ids, rows, m @ q, k)
        at = np.searchsorted(rows, allowed)  # the allowed rows' places in the matrix
        ok = at < len(rows)
        ok[ok] = rows[at[ok]] == allowed[ok]
        at = at[ok]
        if not len(at):
            return []
        # a few rows: gather them; most rows: one product over the contiguous matrix is cheaper than a gather
        scores = m[at] @ q if len(at) < len(rows) // 4 else (m @ q)[at]
        return _top(snap.ids, rows[at], scores, k)

    def hybrid(self, query: str, filters: Filters, k: int = 10) -> list[tuple[str, float]]:
        """Reciprocal-rank fusion of the BM25 and the semantic rankings (each its best POOL)."""
        snap = self.snapshot()
        return self._hybrid(snap, query, self.allowed(snap, filters), k)

    def _hybrid(self, snap: Snapshot, query: str, allowed: np.ndarray | None, k: int | None):
        return fuse(self._text(snap, query, allowed, POOL), self._semantic(snap, query, allowed, POOL), k)

    def search(self, query: str, filters: Filters | None = None, mode: str = "hybrid", k: int = 10) -> list[dict]:
        """Ranked documents with doc_id, title, outlet, date, path, score and the best matching passage."""
        filters = filters or Filters()
        snap = self.snapshot()
        if mode == "hybrid" and not len(snap.vectors(self.con)[0]):  # no embeddings stored
            mode = "text"
        allowed = self.allowed(snap, filters)
        if mode == "hybrid":
            by_words = self._text(snap, query, allowed, POOL)
            ranked = fuse(by_words, self._semantic(snap, query, allowed, POOL), k)
            holds = {d for d, _ in by_words}
        else:
            ranked = (self._text if mode == "text" else self._semantic)(snap, query, allowed, k)
            holds = {d for d, _ in ranked} if mode == "text" else set()
        if not ranked:
            return []
        terms = query_terms(query)
        out = []
        for i, ((d, score), (title, outlet, day, path, segs)) in enumerate(zip(ranked, self._results(snap, ranked))):
            start, end, text = passage(segs, terms)
            # "words": the full-text index finds the query's words in it; "meaning": only its embedding is near
            out.append({"rank": i + 1, "doc_id": d, "score": round(score, 4), "match": "words" if d in holds else "meaning",
                        "title": title, "outlet": outlet,
                        "published": day, "path": path, "passage": {"start": start, "end": end, "text": text},
                        "highlights": [list(h) for h in highlights(text, start, terms)]})
        return out

    def _results(self, snap: Snapshot, ranked: list[tuple[str, float]]) -> list[tuple]:
        """(title, outlet, date, path, body paragraphs as (offset, text)) of each ranked document: one query."""
        # literal ids: a short IN list of constants is the cheapest way to the rows
        lit = ", ".join("'" + d.replace("'", "''") + "'" for d, _ in ranked)
        if not self._resident:
            got = {r[0]: r[1:] for r in self.con.execute(
                f"SELECT doc_id, title, outlet, published_date, path, record FROM documents WHERE doc_id IN ({lit})")
                .fetchall()}
            out = []
            for d, _ in ranked:
                title, outlet, day, path, record = got[d]
                record = json.loads(record)
                full = record["text"]
                segs = [(b["start"], full[b["start"]:b["end"]]) for b in record.get("body") or []] or [(0, full)]
                out.append((title, outlet, day, path, segs))
            return out
        docs = snap.docs(self.con)
        row_of = snap.row_of_id()
        rows = [row_of[d] for d, _ in ranked]
        texts = dict(self.con.execute(f"SELECT doc_id, text FROM documents WHERE doc_id IN ({lit})").fetchall())
        meta = docs.meta.take(pa.array(rows)).to_pylist()
        days = docs.published[rows].astype(object)
        return [(m["title"], m["outlet"], day, m["path"], docs.segments(row, texts[d]))
                for (d, _), row, m, day in zip(ranked, rows, meta, days)]


def fuse(by_words: list[tuple[str, float]], by_meaning: list[tuple[str, float]], k: int | None) -> list[tuple[str, float]]:
    """Reciprocal-rank fusion of two rankings: each document scores 1 / (RRF_K + rank) on each side it is on."""
    fused: dict[str, float] = {}
    for ranking in (by_words, by_meaning):
        for rank, (doc_id, _) in enumerate(ranking):
            fused[doc_id] = fused.get(doc_id, 0.0) + 1.0 / (RRF_K + rank + 1)
    return sorted(fused.items(), key=lambda x: (-x[1], x[0]))[:k]


_TERM = re.compile(r"\w+")


def query_terms(query: str) -> list[str]:
    return [t.casefold() for t in _TERM.findall(query) if len(t) > 2]


def passage(segments: list[tuple[int, str]], terms: list[str], width: int = 320) -> tuple[int, int, str]:
    """The body paragraph (offset, text) holding most query words (the first when none), cut to `width`
    around the first hit; returns (start, end, text) with offsets into the document's text."""
    best = max(segments, key=lambda seg: sum(seg[1].casefold().count(t) for t in terms)) if terms else segments[0]
    s, para = best
    if len(para) <= width:
        return s, s + len(para), para
    low = para.casefold()
    first = min((low.find(t) for t in terms if low.find(t) >= 0), default=0)
    a = max(0, first - width // 3)
    while a > 0 and not para[a - 1].isspace():
        a -= 1
    b = min(len(para), a + width)
    while b < len(para) and not para[b].isspace():
        b += 1
    return s + a, s + b, para[a:b]


def highlights(text: str, start: int, terms: list[str]) -> list[tuple[int, int]]:
    """Where the query's words (and longer words they begin) stand in `text`, which starts at offset `start`."""
    if not terms:
        return []
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(t) for t in terms) + r")\w*", re.IGNORECASE)
    return [(start + m.start(), start + m.end()) for m in pattern.finditer(text)]
