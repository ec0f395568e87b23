"""Attention over time: per period the matching documents, all documents, and their ratio."""
from __future__ import annotations

from .search import FTS, Filters, term_ids
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
           outlet: str | None = None) -> list[dict]:
    """Rows {period, matching, total, ratio} for every period from the first to the last dated document."""
    if by not in PERIODS:
        raise ValueError(f"--by must be one of {', '.join(PERIODS)}")
    match = match or Filters()
    base = Filters(outlet=outlet)
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
