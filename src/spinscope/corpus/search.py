"""Search the corpus: full text (BM25), semantic (embeddings) and a hybrid of both, with filters."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, fields
from datetime import date

import numpy as np

from .store import get_meta, load_extensions, set_meta

MODES = ("hybrid", "text", "semantic")
RRF_K = 60  # reciprocal-rank fusion constant (Cormack et al. 2009)
POOL = 100  # candidates each side brings to the hybrid


BM25_K1, BM25_B = 1.2, 0.75  # the fts extension's defaults
FTS = "fts_main_documents"


def refresh_index(con) -> None:
    """Rebuild the full-text index when documents changed since it was built (needs a writable database).

    The fts extension tokenizes and stems; its per-token `terms` table is then folded into
    `fts_postings` (term, document, count) sorted by term, so that a query reads only the row
    groups of its own terms instead of scoring every document."""
    if get_meta(con, "fts_dirty") == "0":
        return
    load_extensions(con, "fts")
    con.execute("BEGIN TRANSACTION")
    con.execute("PRAGMA create_fts_index('documents', 'doc_id', 'title', 'body_text', "
                "stemmer = 'english', stopwords = 'english', overwrite = 1)")
    con.execute(f"""CREATE OR REPLACE TABLE fts_postings AS
                    SELECT t.termid, t.docid, count(*)::INTEGER AS tf, any_value(x.len)::INTEGER AS len
                    FROM {FTS}.terms t JOIN {FTS}.docs x USING (docid) GROUP BY t.termid, t.docid
                    ORDER BY t.termid, t.docid""")
    set_meta(con, "fts_dirty", "0")
    con.execute("COMMIT")


def term_ids(con, query: str) -> list[tuple[int, int]]:
    """(termid, document frequency) of the query's words, tokenized and stemmed as the index was."""
    return con.execute(
        f"""SELECT termid, df FROM {FTS}.dict WHERE term IN (
                SELECT stem(w, 'english') FROM (SELECT unnest(regexp_split_to_array(lower(strip_accents(?)),
                    '(\\.|[^a-z])+')) AS w) WHERE w <> '' AND w NOT IN (SELECT sw FROM {FTS}.stopwords))""",
        [query]).fetchall()


def bm25(con, query: str, where: str = "TRUE", params: list | None = None, k: int | None = 10) -> list[tuple[str, float]]:
    """Okapi BM25 of the documents holding any query word, best first; `where` filters `documents d`."""
    terms = term_ids(con, query)
    if not terms:
        return []
    ids = ", ".join(str(int(t)) for t, _ in terms)  # literals, so that zone maps skip other terms' row groups
    filt = "" if where == "TRUE" else \
        f"AND p.docid IN (SELECT x.docid FROM {FTS}.docs x JOIN documents d ON d.doc_id = x.name WHERE {where})"
    limit = f"LIMIT {int(k)}" if k else ""
    return con.execute(
        f"""WITH st AS (SELECT num_docs AS n, avgdl FROM {FTS}.stats),
                 q AS (SELECT termid, df FROM {FTS}.dict WHERE termid IN ({ids})),
                 s AS (SELECT p.docid, sum(ln((st.n - q.df + 0.5) / (q.df + 0.5) + 1)
                              * p.tf * ({BM25_K1} + 1)
                              / (p.tf + {BM25_K1} * (1 - {BM25_B} + {BM25_B} * p.len / st.avgdl))) AS score
                       FROM fts_postings p JOIN q USING (termid), st
                       WHERE p.termid IN ({ids}) {filt} GROUP BY p.docid ORDER BY score DESC, p.docid {limit})
            SELECT x.name, s.score FROM s JOIN {FTS}.docs x USING (docid) ORDER BY s.score DESC, x.name""",
        params or []).fetchall()


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

    def any(self) -> bool:
        return any(getattr(self, f.name) is not None for f in fields(self))

    def sql(self, alias: str = "d") -> tuple[str, list]:
        """A WHERE condition over `documents AS alias`, and its parameters."""
        conds, params = [], []

        def exists(table, cond, *values):
            conds.append(f"EXISTS (SELECT 1 FROM {table} x WHERE x.doc_id = {alias}.doc_id AND ({cond}))")
            params.extend(values)
        if self.outlet is not None:
            conds.append(f"lower({alias}.outlet) = lower(?)")
            params.append(self.outlet)
        if self.since is not None:
            conds.append(f"{alias}.published_date >= ?")
            params.append(self.since)
        if self.until is not None:
            conds.append(f"{alias}.published_date <= ?")
            params.append(self.until)
        if self.actor is not None:
            exists("entities", "x.kb_id = ? OR lower(x.name) = lower(?)", self.actor, self.actor)
        if self.speaker is not None:
            exists("quotes", "x.speaker_kb_id = ? OR lower(x.speaker_name) = lower(?)", self.speaker, self.speaker)
        if self.place is not None:
            exists("places", "lower(x.name) = lower(?)", self.place)
        if self.event is not None:
            exists("events", "upper(x.type) = upper(?) OR x.cameo = ?", self.event, self.event)
        if self.technique is not None:
            exists("techniques", "lower(x.technique) = lower(?)", self.technique)
        if self.narrative is not None:
            exists("narratives", "x.narrative = ? OR lower(x.label) = lower(?)", self.narrative, self.narrative)
        if self.story is not None:
            exists("story_docs", "x.story_id = ?", self.story)
        return (" AND ".join(conds) or "TRUE"), params


class Searcher:
    """Search over one open database; the embedding matrix is read once and kept."""

    def __init__(self, con, encode=None):
        self.con = con
        self._encode = encode
        self._matrix = None
        self._ids: list[str] = []
        self._fts = False

    def _load_fts(self):
        if not self._fts:
            load_extensions(self.con, "fts")
            self._fts = True

    def text(self, query: str, filters: Filters, k: int = 10) -> list[tuple[str, float]]:
        """BM25 over title and body (DuckDB's fts extension), best first."""
        self._load_fts()
        where, params = filters.sql()
        return bm25(self.con, query, where, params, k)

    def _vectors(self):
        if self._matrix is None:
            table = self.con.execute("SELECT doc_id, vec FROM embeddings ORDER BY doc_id").fetch_arrow_table()
            self._ids = table.column("doc_id").to_pylist()
            vec = table.column("vec").combine_chunks()
            self._matrix = (vec.flatten().to_numpy(zero_copy_only=False).reshape(len(self._ids), -1)
                            if len(self._ids) else np.zeros((0, 384), dtype=np.float32))
            self._row = {d: i for i, d in enumerate(self._ids)}
        return self._matrix

    def embed(self, query: str) -> np.ndarray:
        if self._encode is None:
            from ..embed import encode
            self._encode = encode
        return self._encode([query])[0]

    def semantic(self, query: str | np.ndarray, filters: Filters, k: int = 10) -> list[tuple[str, float]]:
        """Cosine similarity of the query's embedding to each document's, best first."""
        m = self._vectors()
        if not len(m):
            return []
        q = self.embed(query) if isinstance(query, str) else query
        if filters.any():
            where, params = filters.sql()
            allowed = [self._row[d] for (d,) in self.con.execute(
                f"SELECT doc_id FROM documents d WHERE {where}", params).fetchall() if d in self._row]
            if not allowed:
                return []
            rows = np.asarray(allowed)
            scores = m[rows] @ q
        else:
            rows = None
            scores = m @ q
        top = np.argpartition(-scores, min(k, len(scores) - 1))[:k] if len(scores) > k else np.arange(len(scores))
        top = top[np.argsort(-scores[top])]
        return [(self._ids[rows[i] if rows is not None else i], float(scores[i])) for i in top]

    def hybrid(self, query: str, filters: Filters, k: int = 10) -> list[tuple[str, float]]:
        """Reciprocal-rank fusion of the BM25 and the semantic rankings."""
        fused: dict[str, float] = {}
        for ranking in (self.text(query, filters, POOL), self.semantic(query, filters, POOL)):
            for rank, (doc_id, _) in enumerate(ranking):
                fused[doc_id] = fused.get(doc_id, 0.0) + 1.0 / (RRF_K + rank + 1)
        return sorted(fused.items(), key=lambda x: (-x[1], x[0]))[:k]

    def search(self, query: str, filters: Filters | None = None, mode: str = "hybrid", k: int = 10) -> list[dict]:
        """Ranked documents with doc_id, title, outlet, date, path, score and the best matching passage."""
        filters = filters or Filters()
        if mode == "hybrid" and self._no_vectors():
            mode = "text"
        ranked = {"text": self.text, "semantic": self.semantic, "hybrid": self.hybrid}[mode](query, filters, k)
        if not ranked:
            return []
        ids = [d for d, _ in ranked]
        # literal ids: the doc_id indexes serve IN lists of constants, not joins
        lit = ", ".join("'" + d.replace("'", "''") + "'" for d in ids)
        meta = {r[0]: r for r in self.con.execute(
            f"SELECT doc_id, title, outlet, published_date, path, record FROM documents WHERE doc_id IN ({lit})").fetchall()}
        terms = query_terms(query)
        out = []
        for rank, (d, score) in enumerate(ranked, 1):
            _, title, outlet, day, path, record = meta[d]
            record = json.loads(record)
            full = record["text"]
            segs = [(b["start"], full[b["start"]:b["end"]]) for b in record.get("body") or []] or [(0, full)]
            start, end, text = passage(segs, terms)
            out.append({"rank": rank, "doc_id": d, "score": round(score, 4), "title": title, "outlet": outlet,
                        "published": day, "path": path, "passage": {"start": start, "end": end, "text": text},
                        "highlights": [list(h) for h in highlights(text, start, terms)]})
        return out

    def _no_vectors(self) -> bool:
        return not self.con.execute("SELECT count(*) FROM embeddings").fetchone()[0]


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
