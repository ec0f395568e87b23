"""Attention over time: per period the matching documents, all documents, and their ratio."""
from __future__ import annotations

from datetime import date

import numpy as np

from .search import FTS, Filters, query_words, term_ids
from .store import load_extensions

PERIODS = ("day", "week", "month")


def matching_sql(con, query: str | None, filters: Filters) -> tuple[str, list]:
    """A condition on `documents d` for what is counted: a full-text query and/or the filters (actor, narrative ...)."""
    where, params = filters.document_sql()
    for table, cond, values in filters.layer_sql():  # one semi-join per layer, not a subquery per document
        where += f" AND d.doc_id IN (SELECT x.doc_id FROM {table} x WHERE {cond})"
        params = [*params, *values]
    if query:
        load_extensions(con, "fts")
        terms = term_ids(con, query)
        ids = ", ".join(str(int(t)) for t, _ in terms) or "NULL"
        where = (f"d.doc_id IN (SELECT x.name FROM {FTS}.docs x WHERE x.docid IN "
                 f"(SELECT docid FROM fts_postings WHERE termid IN ({ids}))) AND {where}")
    return where, params


def trends(con, by: str, *, query: str | None = None, match: Filters | None = None,
           outlet: str | None = None, since: date | None = None, until: date | None = None,
           searcher=None) -> list[dict]:
    """Rows {period, matching, total, ratio} for every period from the first to the last dated document (of those
    published from `since` to `until` when given); counted over a resident searcher's snapshot when one is given
    (the server), by one query otherwise."""
    if by not in PERIODS:
        raise ValueError(f"--by must be one of {', '.join(PERIODS)}")
    if since is not None and until is not None and until < since:
        raise ValueError(f"until ({until}) is before since ({since})")
    match = match or Filters()
    base = Filters(outlet=outlet, since=since, until=until, versions=match.versions)
    if searcher is not None:
        return _resident(searcher, by, query, match, base)
    base_where, base_params = base.sql()
    where, params = matching_sql(con, query, match)
    rows = con.execute(
        f"""WITH docs AS (SELECT d.doc_id, date_trunc('{by}', d.published_date)::DATE AS period,
                                 ({where}) AS hit
                          FROM documents d WHERE d.published_date IS NOT NULL AND {base_where}),
                 span AS (SELECT min(period) lo, max(period) hi FROM docs),
                 periods AS (SELECT unnest(generate_series(lo, hi, INTERVAL 1 {by}))::DATE AS period FROM span
                             WHERE lo IS NOT NULL)
            SELECT p.period, count(d.doc_id) FILTER (WHERE d.hit) AS matching, count(d.doc_id) AS total
            FROM periods p LEFT JOIN docs d USING (period) GROUP BY p.period ORDER BY p.period""",
        [*params, *base_params]).fetchall()
    return [{"period": p.isoformat(), "matching": m, "total": t, "ratio": round(m / t, 4) if t else 0.0}
            for p, m, t in rows]


def comment_trends(con, by: str, *, marker: str | None = None, outlet: str | None = None,
                   versions: bool = False) -> list[dict]:
    """Rows {period, matching, total, ratio} over reader comments by the date their page states
    (`comments.posted`): the comments holding a marker (of kind `marker`, or any) against all dated
    comments, for every period from the first to the last; undated comments are not counted. The comments of
    the latest version of an updated article only, unless `versions` (stop 41: those of every version)."""
    if by not in PERIODS:
        raise ValueError(f"--by must be one of {', '.join(PERIODS)}")
    base_where, base_params = Filters(outlet=outlet, versions=versions).sql()
    kind = "AND m.kind = ?" if marker else ""
    rows = con.execute(
        f"""WITH cs AS (SELECT date_trunc('{by}', c.posted)::DATE AS period,
                               EXISTS (SELECT 1 FROM markers m WHERE m.doc_id = c.doc_id AND m.comment = c.id {kind})
                               AS hit
                        FROM comments c JOIN documents d ON d.doc_id = c.doc_id
                        WHERE c.posted IS NOT NULL AND NOT coalesce(c.empty, false) AND {base_where}),
                 span AS (SELECT min(period) lo, max(period) hi FROM cs),
                 periods AS (SELECT unnest(generate_series(lo, hi, INTERVAL 1 {by}))::DATE AS period FROM span
                             WHERE lo IS NOT NULL)
            SELECT p.period, count(cs.period) FILTER (WHERE cs.hit) AS matching, count(cs.period) AS total
            FROM periods p LEFT JOIN cs USING (period) GROUP BY p.period ORDER BY p.period""",
        [*([marker] if marker else []), *base_params]).fetchall()
    return [{"period": p.isoformat(), "matching": m, "total": t, "ratio": round(m / t, 4) if t else 0.0}
            for p, m, t in rows]


def _period(days: np.ndarray, by: str) -> np.ndarray:
    """date_trunc(by, day) for datetime64[D] days: the day, the Monday of its ISO week, the first of its month."""
    if by == "day":
        return days
    if by == "week":
        n = days.astype(np.int64)
        return (n - (n + 3) % 7).astype("datetime64[D]")  # 1970-01-01 was a Thursday
    return days.astype("datetime64[M]").astype("datetime64[D]")


def _resident(searcher, by: str, query: str | None, match: Filters, base_filters: Filters) -> list[dict]:
    """trends() over a resident Searcher's snapshot: documents' dates and outlets are columns there, the query's
    documents its postings, the other filters Searcher.allowed."""
    con = searcher.con
    snap = searcher.snapshot()
    docs = snap.docs(con)
    base = ~np.isnat(docs.published)
    rows = searcher.allowed(snap, base_filters)
    if rows is not None:
        keep = np.zeros(len(base), dtype=bool)
        keep[rows] = True
        base &= keep
    if not base.any():
        return []
    hit = np.ones(len(base), dtype=bool)
    rows = searcher.allowed(snap, match)
    if rows is not None:
        hit = np.zeros(len(base), dtype=bool)
        hit[rows] = True
    if query:
        index = snap.index(con)
        found = np.zeros(len(base), dtype=bool)
        for t in index.term_numbers(query_words(con, query)):
            found[index.rows[index.starts[t]:index.starts[t + 1]]] = True
        hit &= found
    period = _period(docs.published[base], by)
    lo, hi = period.min(), period.max()
    if by == "month":
        series = np.arange(lo.astype("datetime64[M]"), hi.astype("datetime64[M]") + 1).astype("datetime64[D]")
    else:
        series = np.arange(lo, hi + 1, 7 if by == "week" else 1).astype("datetime64[D]")
    at = np.searchsorted(series, period)
    total = np.bincount(at, minlength=len(series))
    matching = np.bincount(at[hit[base]], minlength=len(series))
    return [{"period": p.isoformat(), "matching": int(m), "total": int(t),
             "ratio": round(int(m) / int(t), 4) if t else 0.0}
            for p, m, t in zip(series.astype(object), matching, total)]

