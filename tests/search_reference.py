"""The search as it was before the in-memory full-text index (main at 668d88f), kept to check that the new one
answers the same: query terms stemmed by DuckDB's stem(), postings read from fts_postings, filters as SQL over
`documents`, results from the stored records. Semantic scoring (the embedding matrix) did not change and is shared."""
from __future__ import annotations

import json

import numpy as np

from spinscope.corpus.search import (FTS, POOL, Searcher, _top, bm25_scores, highlights, passage, query_terms,
                                     term_ids)
from spinscope.corpus.store import load_extensions


class ReferenceSearcher(Searcher):
    """Every step a query, as before; results must equal Searcher's."""

    def allowed(self, snap, filters):
        if not filters.any():
            return None
        where, params = filters.sql()
        got = self.con.execute(f"SELECT d.seq FROM documents d WHERE {where}", params).fetchnumpy()
        return snap.rows(np.asarray(got["seq"]))

    def _text(self, snap, query, allowed, k):
        load_extensions(self.con, "fts")
        terms = term_ids(self.con, query)
        if not terms:
            return []
        ids = ", ".join(str(int(t)) for t, _ in terms)
        postings = self.con.execute(
            f"SELECT termid, docid, tf, len FROM fts_postings WHERE termid IN ({ids})").fetchnumpy()
        row_of = snap.fts(self.con)[0]
        n_docs, avgdl = self.con.execute(f"SELECT num_docs, avgdl FROM {FTS}.stats").fetchone()
        docids, scores = bm25_scores(postings, dict(terms), int(n_docs), float(avgdl))
        rows = np.where(docids < len(row_of), row_of[np.minimum(docids, len(row_of) - 1)], -1) \
            if len(row_of) else np.full(len(docids), -1)
        keep = rows >= 0
        if allowed is not None:
            keep &= np.isin(rows, allowed)
        return _top(snap.ids, rows[keep], scores[keep], k)

    def search(self, query, filters=None, mode="hybrid", k=10):
        from spinscope.corpus.search import Filters
        filters = filters or Filters()
        snap = self.snapshot()
        if mode == "hybrid" and not len(snap.vectors(self.con)[0]):
            mode = "text"
        allowed = self.allowed(snap, filters)
        ranked = {"text": self._text, "semantic": self._semantic, "hybrid": self._hybrid}[mode](snap, query, allowed, k)
        holds = set() if mode == "semantic" else {d for d, _ in self._text(snap, query, allowed, max(POOL, k))}
        if not ranked:
            return []
        lit = ", ".join("'" + d.replace("'", "''") + "'" for d, _ in ranked)
        meta = {r[0]: r for r in self.con.execute(
            f"SELECT doc_id, title, outlet, published_date, path, record FROM documents WHERE doc_id IN ({lit})")
            .fetchall()}
        terms = query_terms(query)
        out = []
        for rank, (d, score) in enumerate(ranked, 1):
            _, title, outlet, day, path, record = meta[d]
            record = json.loads(record)
            full = record["text"]
            segs = [(b["start"], full[b["start"]:b["end"]]) for b in record.get("body") or []] or [(0, full)]
            start, end, text = passage(segs, terms)
            out.append({"rank": rank, "doc_id": d, "score": round(score, 4), "match": "words" if d in holds else "meaning",
                        "title": title, "outlet": outlet,
                        "published": day, "path": path, "passage": {"start": start, "end": end, "text": text},
                        "highlights": [list(h) for h in highlights(text, start, terms)]})
        return out
