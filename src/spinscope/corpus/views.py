"""Read-only corpus views the web UI and API need beyond search/trends/copies/outlets: pages of documents,
actors, quotes, events with coordinates, and layers over time."""
from __future__ import annotations

import json
from collections.abc import Iterable

from .network import parse_quad, quad_sql, quad_where
from .search import Filters
from .store import LATEST, latest_docs, latest_rows
from .stories import ACTOR_TYPES
from .trends import PERIODS


def _page(rows: list[tuple], limit: int) -> tuple[list[tuple], int | None]:
    """The first `limit` rows, and the cursor (the last row's first column) when more follow."""
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, (rows[-1][0] if more and rows else None)


# The columns a paged list sorts by on the server (stop 41: the pages' tables sorted only the page shown): name ->
# the SQL of its sort keys, each (expression, kind) with kind text, int or date. `sort=NAME` ascending, `sort=-NAME`
# descending; empty values last either way; ties in the list's own order (newest stored first).
# A sorted page is a keyset page (stop 42): its cursor carries the last row's sort keys and its own key, and the next
# page starts after them, so a page deep in the list no longer sorts the rows before it to pass over them (an OFFSET
# page did: `LIMIT ... OFFSET` kept offset + limit rows in its top-N).
DOCUMENT_SORTS = {"title": [("lower(d.title)", "text")], "outlet": [("lower(d.outlet)", "text")],
                  "published": [("d.published_date", "date")], "words": [("d.n_words", "int")],
                  "comments": [("d.n_comments", "int")], "stored": [("d.seq", "int")]}
# Quotes by speaker (stop 42): the people and organisations the quotes stage resolved, by their resolved name first,
# then the speakers it gave only as words ("a police spokesperson", "a copy", "]": no person or organisation it knows
# of), by those words from their first letter, then the quotes with no speaker. A literal sort began with "]".
SPEAKER_TYPES = (*ACTOR_TYPES, "media")  # a person or organisation (a place, "other": no speaker one can name)
_RESOLVED = f"""se.type IN ({", ".join(repr(t) for t in SPEAKER_TYPES)}) AND nullif(trim(se.name), '') IS NOT NULL"""
SPEAKER_TIER = f"""CASE WHEN {_RESOLVED} THEN 0
                       WHEN regexp_matches(coalesce(q.speaker_name, ''), '[[:alpha:]]') THEN 1 ELSE 2 END"""
SPEAKER_NAME = f"""CASE WHEN {_RESOLVED} THEN lower(trim(se.name))
                       ELSE lower(regexp_replace(coalesce(q.speaker_name, ''), '^[^[:alpha:]]+', '')) END"""
QUOTE_SORTS = {"quote": [("lower(q.text)", "text")], "speaker": [(SPEAKER_TIER, "tier"), (SPEAKER_NAME, "name")],
               "outlet": [("lower(d.outlet)", "text")], "published": [("d.published_date", "date")],
               "document": [("lower(d.title)", "text")]}
# the speaker's entity, for the sort by speaker
SPEAKER_JOIN = "LEFT JOIN entities se ON se.doc_id = q.doc_id AND se.id = q.speaker_entity"
_EMPTY = {"text": "''", "int": "0", "date": "DATE '0001-01-01'"}
# A text key is its first characters (a quote or a title of thousands would make a cursor too long for an address):
# rows equal that far come in the list's own order, and the order stays total.
TEXT_KEY = 100


def parse_sort(sort: str | None, allowed: dict) -> tuple[str, bool] | None:
    """(column name, descending) of a `sort` value (`published`, `-published`); None for none; ValueError naming
    the columns for another."""
    if not sort:
        return None
    name, desc = (sort[1:], True) if sort.startswith("-") else (sort, False)
    if name not in allowed:
        raise ValueError(f"sort: {sort[:40]!r} is not a column to sort by; the columns are {', '.join(allowed)} "
                         f"(a leading - for descending)")
    return name, desc


def sort_keys(allowed: dict, name: str, desc: bool, *row_key: tuple[str, str]) -> list[tuple[str, str, bool]]:
    """The keys of a sorted list, each (SQL, kind, descending), none of them NULL: an `empty` key first (empty
    values last, either way), the column's keys, then the row's own keys (SQL, kind) descending (newest first: the
    order is total)."""
    keys = []
    for expr, kind in allowed[name]:
        if kind == "tier":  # an order of groups, the same either way
            keys.append((expr, "int", False))
            continue
        if kind == "name":  # never empty but in the last tier: the words themselves
            keys.append((f"left({expr}, {TEXT_KEY})", "text", desc))
            continue
        empty = f"nullif({expr}, '')" if kind == "text" else expr
        keys.append((f"({empty} IS NULL)::INTEGER", "int", False))
        value = f"coalesce({expr}, {_EMPTY[kind]})"
        keys.append((f"left({value}, {TEXT_KEY})" if kind == "text" else value, kind, desc))
    return [*keys, *((expr, kind, True) for expr, kind in row_key)]


def keyset_where(keys: list[tuple[str, str, bool]], values: list) -> tuple[str, list]:
    """SQL: the rows after the one whose keys are `values` in the order of `keys` (lexicographic: the first key
    greater, or equal and the second greater, ...)."""
    ors, params = [], []
    for i, (expr, _kind, desc) in enumerate(keys):
        ands = [f"{keys[j][0]} = ?" for j in range(i)] + [f"{expr} {'<' if desc else '>'} ?"]
        ors.append("(" + " AND ".join(ands) + ")")
        params += values[:i + 1]
    return "(" + " OR ".join(ors) + ")", params


def encode_cursor(sort: str, keys: list, row: tuple) -> str:
    """The cursor of a sorted page: `sort` and the last row's keys (dates as text), URL-safe."""
    import base64
    values = [v.isoformat() if hasattr(v, "isoformat") else v for v in row]
    raw = json.dumps([sort, values], ensure_ascii=False, separators=(",", ":")).encode()
    return "k" + base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor, sort: str, keys: list) -> list | None:
    """The keys a sorted page's cursor carries (None for no cursor); ValueError for a cursor of another list or
    sort (an offset of stop 41, a cursor of the list unsorted)."""
    import base64
    from datetime import date
    if cursor is None or cursor == "":
        return None
    text = str(cursor)
    try:
        if not text.startswith("k"):
            raise ValueError
        raw = base64.urlsafe_b64decode(text[1:] + "=" * (-len(text[1:]) % 4))
        given, values = json.loads(raw)
        if given != sort or len(values) != len(keys):
            raise ValueError
        values = [date.fromisoformat(v) if kind == "date" else v for (_e, kind, _d), v in zip(keys, values)]
        if any(v is None or (kind == "int" and not isinstance(v, int)) or (kind == "text" and not isinstance(v, str))
               for (_e, kind, _d), v in zip(keys, values)):
            raise ValueError
    except (ValueError, TypeError, UnicodeDecodeError, json.JSONDecodeError):
        raise ValueError(f"cursor: {text[:40]!r} is not a cursor of this list sorted by {sort} (give the "
                         f"next_cursor of its previous page)") from None
    return values


def plain_cursor(cursor) -> int | None:
    """The cursor of an unsorted list (a number); ValueError for another (a sorted list's)."""
    if cursor is None or cursor == "":
        return None
    if isinstance(cursor, int) or (isinstance(cursor, str) and cursor.isdigit()):
        return int(cursor)
    raise ValueError(f"cursor: {str(cursor)[:40]!r} is not a cursor of this list unsorted (give the next_cursor of "
                     f"its previous page; a sorted list's cursor goes with its sort)")


def _keyset_page(con, select: str, keys: list, sort: str, cursor, limit: int, params: list,
                 ) -> tuple[list[tuple], object]:
    """A sorted page: `select` gives the rows (any columns) with the keys appended as k0, k1, ... (the query
    `SELECT ..., {keys} FROM ...`), and is wrapped with the keyset condition and the order."""
    values = decode_cursor(cursor, sort, keys)
    n = len(keys)
    cols = [f"k{i}" for i in range(n)]
    order = ", ".join(f"{c} {'DESC' if d else 'ASC'}" for c, (_e, _k, d) in zip(cols, keys))
    where, wparams = ("TRUE", [])
    if values is not None:
        where, wparams = keyset_where([(c, k, d) for c, (_e, k, d) in zip(cols, keys)], values)
    rows = con.execute(f"SELECT * FROM ({select}) s WHERE {where} ORDER BY {order} LIMIT ?",
                       [*params, *wparams, limit + 1]).fetchall()
    more = len(rows) > limit
    rows = rows[:limit]
    nxt = encode_cursor(sort, keys, rows[-1][-n:]) if more and rows else None
    return [r[:-n] for r in rows], nxt


def documents(con, filters: Filters | None = None, *, limit: int = 50, cursor=None,
              sort: str | None = None) -> tuple[list[dict], int | str | None]:
    """Documents newest-stored first with their metadata and layer counts; `cursor` is the `seq` to continue below.
    `sort` (DOCUMENT_SORTS, `-` for descending): that order over every page, ties newest stored first; the cursor is
    then a keyset cursor (text: the last row's sort keys)."""
    order = parse_sort(sort, DOCUMENT_SORTS)
    where, params = (filters or Filters()).sql()
    cols = "d.seq, d.doc_id, d.title, d.outlet, d.published_date, d.url, d.n_words, d.n_comments"
    if order is not None:
        keys = sort_keys(DOCUMENT_SORTS, *order, ("d.seq", "int"))
        knames = ", ".join(f"{e} AS k{i}" for i, (e, _k, _d) in enumerate(keys))
        rows, nxt = _keyset_page(con, f"SELECT {cols}, {knames} FROM documents d WHERE {where}", keys, sort,
                                 cursor, limit, params)
    else:
        after = plain_cursor(cursor)
        if after is not None:
            where += " AND d.seq < ?"
            params.append(after)
        rows = con.execute(f"SELECT {cols} FROM documents d WHERE {where} ORDER BY d.seq DESC LIMIT ?",
                           [*params, limit + 1]).fetchall()
        rows, nxt = _page(rows, limit)
    return [{"doc_id": r[1], "title": r[2], "outlet": r[3], "published": r[4].isoformat() if r[4] else None,
             "url": r[5], "n_words": r[6], "n_comments": r[7]} for r in rows], nxt


def versions(con, doc_id: str) -> list[dict]:
    """The other texts stored at this document's address (an article updated since, or before): each a document of its
    own, all kept; oldest stored first (doc_id, title, outlet, published, stored: when ingested, latest: whether it
    is the version that stands for the article in counts, stop 40). The address is compared in its canonical form
    (`documents.url_key`: scheme, `www.`, trailing slash, fragment, tracking parameters, the phone and AMP forms
    aside, or the page's own declared address)."""
    # one self-join: two point lookups, with or without an index on url_key, were no faster (docs/store.md "Updated
    # articles", stop 40)
    return [{"doc_id": d, "title": t, "outlet": o, "published": p.isoformat() if p else None,
             "stored": s.isoformat(sep=" ", timespec="seconds") if s else None, "latest": bool(lt)}
            for d, t, o, p, s, lt in con.execute(
                """SELECT o.doc_id, o.title, o.outlet, o.published_date, o.ingested_at, o.latest IS NOT FALSE
                   FROM documents d JOIN documents o ON o.url_key = d.url_key AND o.doc_id <> d.doc_id
                   WHERE d.doc_id = ? ORDER BY o.seq, o.doc_id""", [doc_id]).fetchall()]


def record_json(con, doc_id: str) -> str | None:
    """The stored analysis record of one document as its JSON text, or None."""
    row = con.execute("SELECT record FROM documents WHERE doc_id = ?", [doc_id]).fetchone()
    return row[0] if row else None


def record(con, doc_id: str) -> dict | None:
    """The stored analysis record of one document, or None."""
    raw = record_json(con, doc_id)
    return json.loads(raw) if raw is not None else None


def top_actors(con, limit: int = 20, *, versions: bool = False) -> list[dict]:
    """Actors by the number of documents naming them (KB id when known, else the name).

    An actor is a KB id or a name with an entity of an actor type; its documents and mentions are those of all its
    entities (an unlinked name in any case), as on its page, in search --actor and in trends --actor: "American" (a
    nationality linked to the state) names the United States there, and the list counted only the documents
    naming the state itself. Its mentions leave out a commenter's: the name over a reader comment signs it and does
    not name the actor ("Nigel Maund", a seed's commenter named twice in replies, had 8 mentions for 2)."""
    return [{"actor": a, "name": n, "kb_id": k, "documents": c, "mentions": m} for a, n, k, c, m in con.execute(
        f"""SELECT coalesce(max(kb_id), mode(name ORDER BY name) FILTER (WHERE type IN (SELECT unnest($1)))) a,
                   mode(name ORDER BY name) FILTER (WHERE type IN (SELECT unnest($1))), max(kb_id),
                   count(DISTINCT doc_id) c, sum(n_mentions) FILTER (WHERE type <> 'commenter')
            FROM entities WHERE {latest_rows(versions)} GROUP BY {GROUP}
            HAVING bool_or(type IN (SELECT unnest($1))) ORDER BY c DESC, a, {GROUP} LIMIT $2""",
        [list(ACTOR_TYPES), limit]).fetchall()]


# An actor's group: the entities of one KB id, or the unlinked entities of one (lower-cased) name.
GROUP = "coalesce(kb_id, chr(0) || lower(name))"


def actor_group(key: str, kb: bool) -> str:
    """The group a key names: as a KB id, or as the name of unlinked entities."""
    return key if kb else chr(0) + key.lower()


def actor(con, key: str, limit: int = 200, *, versions: bool = False) -> dict | None:
    """One actor (KB id or name): quotes, events as actor and as target, naming by outlet, documents by month and outlet.
    A name no unlinked entity has is tried as a KB actor's name, then as a speaker's (`actor_by_name`). `versions`
    (stop 41): the older versions of updated articles counted too (else the latest version stands for each)."""
    ent = "SELECT doc_id, id, name, kb_id, ? AS grp FROM entities WHERE kb_id = ? OR (kb_id IS NULL AND lower(name) = lower(?))"
    page = actor_pages(con, ent, [key, key, key], limit, versions=versions).get(key)
    if page:
        return {**page, "actor": key,
                "quotes": quotes(con, speaker=key, filters=Filters(versions=versions), limit=limit)[0]}
    return actor_by_name(con, key, lambda kb_id: actor(con, kb_id, limit, versions=versions), limit,
                         versions=versions)


def named_with(con, key: str, limit: int = 30, *, versions: bool = False) -> list[dict]:
    """The actors named in the documents naming one actor (its KB id, or the name of unlinked entities, as `actor`
    takes it), by the number of documents naming both: the actor's edges of the co-occurrence network
    (`export.actor_graph`, `GET /api/actors/network`), each with the other actor's key, name and that number."""
    from .export import ACTOR_TYPES
    rows = con.execute(
        # the entities of the documents naming the actor only (stop 44: the distinct entities of every document were
        # made first, 0.8 s of CPU at 1.27 million entities)
        f"""WITH mine AS MATERIALIZED (SELECT DISTINCT doc_id FROM entities
                         WHERE (kb_id = ? OR (kb_id IS NULL AND lower(name) = lower(?))) AND {latest_rows(versions)}),
                e AS (SELECT DISTINCT doc_id, coalesce(kb_id, name) k, kb_id, name FROM entities
                      WHERE type IN (SELECT unnest(?)) AND {latest_rows(versions)}
                        AND doc_id IN (SELECT doc_id FROM mine))
           SELECT e.k, max(e.kb_id), mode(e.name ORDER BY e.name), count(DISTINCT e.doc_id) n
           FROM e
           WHERE NOT (e.kb_id IS NOT DISTINCT FROM ? OR (e.kb_id IS NULL AND lower(e.name) = lower(?)))
           GROUP BY e.k ORDER BY n DESC, e.k LIMIT ?""", [key, key, list(ACTOR_TYPES), key, key, limit]).fetchall()
    return [{"actor": k, "kb_id": kb, "name": name, "documents": n} for k, kb, name, n in rows]


def actor_by_name(con, key: str, by_kb_id, limit: int = 200, *, versions: bool = False) -> dict | None:
    """The page for a key that names no entity group: the KB actor of that name (`by_kb_id(kb_id)`: the pages link
    speakers by name), else the quotes of a speaker no entity names; None when nothing matches."""
    kb_id = kb_id_named(con, key)
    if kb_id is not None and kb_id != key:
        return by_kb_id(kb_id)
    return speaker_page(con, key, limit, versions=versions)


def kb_id_named(con, name: str) -> str | None:
    """The KB id of the linked entities written `name` (case-insensitive; the most frequent when several), or None."""
    row = con.execute("""SELECT kb_id FROM entities WHERE kb_id IS NOT NULL AND lower(name) = lower(?)
                         GROUP BY kb_id ORDER BY count(*) DESC, kb_id LIMIT 1""", [name]).fetchone()
    return row[0] if row else None


def speaker_page(con, name: str, limit: int = 200, *, versions: bool = False) -> dict | None:
    """The page of a speaker that no entity names (a quote's speaker_name only: "Murshed Zaheed", "the groups"): its
    quotes and the documents quoting it by month and outlet; None when nobody is quoted under that name."""
    items, _ = quotes(con, speaker=name, filters=Filters(versions=versions), limit=limit)
    if not items:
        return None
    docs = con.execute(f"""SELECT count(DISTINCT doc_id) FROM quotes WHERE lower(speaker_name) = lower(?)
                           AND {latest_rows(versions)}""",
                       [name]).fetchone()[0]
    months = con.execute(
        f"""SELECT date_trunc('month', d.published_date)::DATE m, d.outlet, count(DISTINCT d.doc_id)
           FROM quotes q JOIN documents d USING (doc_id)
           WHERE lower(q.speaker_name) = lower(?) AND d.published_date IS NOT NULL AND {latest_docs(versions, "d")}
           GROUP BY ALL ORDER BY 1, 2""",
        [name]).fetchall()
    return {"actor": name, "name": items[0]["speaker"], "kb_id": None, "documents": docs, "events_as_actor": [],
            "events_as_target": [], "naming_by_outlet": [],
            "documents_by_month": [{"period": m.isoformat(), "outlet": o, "documents": c} for m, o, c in months],
            "quotes": items}


def actor_pages(con, ent: str | None = None, params: list | None = None, limit: int = 200, *,
                versions: bool = False) -> dict[str, dict]:
    """Actor pages without their quotes, by group: every group's (see GROUP), or those of the entities `ent` selects
    (doc_id, id, name, kb_id, grp); each part is computed for all groups in one query. `versions` (stop 41): the
    older versions of updated articles counted too."""
    # the latest version of an updated article only (stop 40), unless `versions`
    ent = (f"(SELECT * FROM ({ent or f'SELECT doc_id, id, name, kb_id, {GROUP} AS grp FROM entities'}) "
           f"WHERE {latest_rows(versions)})")
    params = params or []
    pages = {g: {"actor": g, "name": name, "kb_id": kb_id, "documents": n, "events_as_actor": [],
                 "events_as_target": [], "naming_by_outlet": [], "documents_by_month": []}
             for g, name, kb_id, n in con.execute(
                 f"SELECT grp, mode(name ORDER BY name), max(kb_id), count(DISTINCT doc_id) FROM {ent} x GROUP BY grp ORDER BY grp",
                 params).fetchall()}
    for role in ("actor", "target"):
        for r in con.execute(
                f"""SELECT x.grp, {EVENT_COLS} FROM {ent} x JOIN events e ON e.doc_id = x.doc_id AND e.{role} = x.id
                    JOIN documents d ON d.doc_id = e.doc_id
                    LEFT JOIN places p ON p.doc_id = e.doc_id AND p.id = e.place
                    QUALIFY row_number() OVER (PARTITION BY x.grp ORDER BY d.published_date NULLS LAST, e.doc_id, e.start, e.id) <= ?
                    ORDER BY x.grp, d.published_date NULLS LAST, e.doc_id, e.start, e.id""", [*params, limit]).fetchall():
            pages[r[0]][f"events_as_{role}"].append(event_item(r[1:]))
    for g, o, lab, c, k in con.execute(
            f"""SELECT x.grp, d.outlet, lower(l.label), min(l.category), count(*)
                FROM {ent} x JOIN labels l ON l.doc_id = x.doc_id AND l.entity = x.id JOIN documents d ON d.doc_id = l.doc_id
                GROUP BY ALL ORDER BY 1, 2, 5 DESC, 3""", params).fetchall():
        pages[g]["naming_by_outlet"].append({"outlet": o, "label": lab, "category": c, "count": k})
    for g, m, o, c in con.execute(
            f"""SELECT x.grp, date_trunc('month', d.published_date)::DATE m, d.outlet, count(DISTINCT d.doc_id)
                FROM {ent} x JOIN documents d USING (doc_id) WHERE d.published_date IS NOT NULL
                GROUP BY ALL ORDER BY 1, 2, 3""", params).fetchall():
        pages[g]["documents_by_month"].append({"period": m.isoformat(), "outlet": o, "documents": c})
    return pages


# The quote kinds that are someone's statement (docs/schema.md); `scare` and `nested` are quoted words.
STATEMENT_KINDS = ("direct", "indirect", "mixed", "post")
QUOTE_KINDS = (*STATEMENT_KINDS, "nested", "scare")


def quote_kinds(kind: str | None) -> tuple[str, ...] | None:
    """The quote kinds a `kind` asks for (None: every kind): `statements`, `scare` (scare quotes and nested
    quotations), `all`, or kinds separated by commas; ValueError names an unknown one (a mistyped kind, "statement",
    "drect", would otherwise read as "no such quotes")."""
    if kind is None or kind == "all":
        return None
    if kind == "statements":
        return STATEMENT_KINDS
    if kind == "scare":
        return ("scare", "nested")
    kinds = tuple(kind.split(","))
    unknown = [k for k in kinds if k not in QUOTE_KINDS]
    if unknown:
        raise ValueError(f"unknown quote kind {unknown[0]!r}; expected statements, scare, all, or "
                         f"kinds of {', '.join(QUOTE_KINDS)} separated by commas")
    return kinds


def quotes(con, *, speaker: str | None = None, filters: Filters | None = None, text: str | None = None,
           limit: int = 100, cursor=None,
           kinds: tuple[str, ...] | None = None, sort: str | None = None) -> tuple[list[dict], int | str | None]:
    """Quotes with speaker and document, newest first; `text` is a case-insensitive substring of the quote;
    `kinds` keeps those kinds only (all when None). `sort` (QUOTE_SORTS, `-` for descending): that order over every
    page, ties newest first; the cursor is then a keyset cursor (text: the last row's sort keys). By speaker: the
    resolved people and organisations by name, then speakers given only as words, then none (SPEAKER_TIER)."""
    order = parse_sort(sort, QUOTE_SORTS)
    conds, params = _quote_conds(speaker, filters, text, kinds)
    if order is not None:
        # ties newest first as the list's own order (row_key DESC: the document's seq, then the quote's place in it),
        # read from the columns: no window over every quote
        keys = sort_keys(QUOTE_SORTS, *order, ("d.seq", "int"), ("q.start", "int"), ("q.id", "text"))
        knames = ", ".join(f"{e} AS k{i}" for i, (e, _k, _d) in enumerate(keys))
        join = SPEAKER_JOIN if order[0] == "speaker" else ""
        # the page's quotes by their keys first, then their columns (the columns of every quote are not carried
        # through the sort)
        select = f"""SELECT q.doc_id AS qd, q.id AS qi, {knames}
                     FROM quotes q JOIN documents d USING (doc_id) {join} WHERE {" AND ".join(conds)}"""
        found, nxt = _keyset_page(con, select, keys, sort, cursor, limit, params)
        if not found:
            return [], nxt
        rows = con.execute(
            f"""SELECT 0 AS row_key, {QUOTE_COLS} FROM quotes q JOIN documents d USING (doc_id)
                JOIN (SELECT unnest(?) AS doc_id, unnest(?) AS id, unnest(?) AS pos) p ON p.doc_id = q.doc_id
                     AND p.id = q.id
                ORDER BY p.pos""", [[r[0] for r in found], [r[1] for r in found], list(range(len(found)))]).fetchall()
        return [quote_item(r) for r in rows], nxt
    # Unsorted: newest stored document first, its quotes last to first; the cursor is the last row's key, its
    # document's `seq` * 10000 + its rank among the document's quotes that pass the filters (in text order). Stop 43:
    # the rows are found by that order's columns, (seq, start, id) descending, and the rank computed for one
    # document only (the cursor's, the last row's); it was a row_number() window over every filtered quote, 0.8 s a
    # page at 98,850 quotes. The same rows, order and cursors as that window gave.
    where = " AND ".join(conds)
    after = plain_cursor(cursor)
    outer, oparams = "TRUE", []
    if after is not None:
        seq, rank = divmod(after, 10000)
        # the rank-th of that document's filtered quotes (1-based); those before it in text order come next
        at = con.execute(f"""SELECT q.start, q.id FROM quotes q JOIN documents d USING (doc_id)
                             WHERE {where} AND d.seq = ? ORDER BY q.start, q.id LIMIT 1 OFFSET ?""",
                         [*params, seq, max(rank - 1, 0)]).fetchone() if rank >= 1 else None
        if at is None:  # no such rank (the document's filtered quotes are fewer): all of them come next
            outer, oparams = "d.seq <= ?" if rank >= 1 else "d.seq < ?", [seq]
        else:
            outer = "(d.seq < ? OR (d.seq = ? AND (q.start < ? OR (q.start = ? AND q.id < ?))))"
            oparams = [seq, seq, at[0], at[0], at[1]]
    rows = con.execute(
        f"""SELECT 0 AS row_key, {QUOTE_COLS}, d.seq
            FROM quotes q JOIN documents d USING (doc_id) WHERE {where} AND {outer}
            ORDER BY d.seq DESC, q.start DESC, q.id DESC LIMIT ?""", [*params, *oparams, limit + 1]).fetchall()
    more = len(rows) > limit
    rows = rows[:limit]
    nxt = None
    if more and rows:
        last = rows[-1]
        rank = con.execute(f"""SELECT count(*) FROM quotes q JOIN documents d USING (doc_id)
                               WHERE {where} AND d.seq = ? AND (q.start < ? OR (q.start = ? AND q.id <= ?))""",
                           [*params, last[-1], last[4], last[4], last[2]]).fetchone()[0]
        nxt = last[-1] * 10000 + rank
    return [quote_item(r[:-1]) for r in rows], nxt


def iter_quotes(con, *, speaker: str | None = None, filters: Filters | None = None, text: str | None = None,
                kinds: tuple[str, ...] | None = None, sort: str | None = None, chunk: int = 2_000):
    """Every quote `quotes` lists with these arguments over all its pages, in its order, from one query read `chunk`
    rows at a time (the exports of the quotes list, stop 43: page after page, each page scanned every quote)."""
    order = parse_sort(sort, QUOTE_SORTS)
    conds, params = _quote_conds(speaker, filters, text, kinds)
    if order is None:
        keys = "d.seq DESC, q.start DESC, q.id DESC"  # the list unsorted: newest document first, its quotes last first
        join = ""
    else:
        keys = ", ".join(f"{e} {'DESC' if d else 'ASC'}" for e, _k, d in
                         sort_keys(QUOTE_SORTS, *order, ("d.seq", "int"), ("q.start", "int"), ("q.id", "text")))
        join = SPEAKER_JOIN if order[0] == "speaker" else ""
    cur = con.execute(f"""SELECT 0 AS row_key, {QUOTE_COLS} FROM quotes q JOIN documents d USING (doc_id) {join}
                          WHERE {" AND ".join(conds)} ORDER BY {keys}""", params)
    while rows := cur.fetchmany(chunk):
        yield from (quote_item(r) for r in rows)


def _quote_conds(speaker, filters, text, kinds) -> tuple[list[str], list]:
    where, params = (filters or Filters()).sql()
    conds = [where]
    if kinds is not None:
        conds.append("q.kind IN (SELECT unnest(?))")
        params.append(list(kinds))
    if speaker:
        conds.append("(q.speaker_kb_id = ? OR lower(q.speaker_name) = lower(?))")
        params += [speaker, speaker]
    if text:
        conds.append("q.text ILIKE ? ESCAPE '\\'")
        params.append("%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    return conds, params


def quotes_count(con, *, speaker: str | None = None, filters: Filters | None = None, text: str | None = None,
                 kinds: tuple[str, ...] | None = None) -> int:
    """How many quotes `quotes` lists with these arguments, over all its pages."""
    conds, params = _quote_conds(speaker, filters, text, kinds)
    return con.execute(f"SELECT count(*) FROM quotes q JOIN documents d USING (doc_id) WHERE {' AND '.join(conds)}",
                       params).fetchone()[0]


def comments_holding(con, words: str, filters: Filters | None = None, exclude: Iterable[str] = (),
                     limit: int = 10) -> tuple[int, list[dict]]:
    """The documents whose reader comments hold `words` (as a phrase, whole words, any case), leaving out `exclude`:
    how many, and the first `limit` (doc_id, title, outlet, published), newest first. Search reads titles and article
    text, not comments: the search page names these documents beside its results."""
    import re
    where, params = (filters or Filters()).sql()
    pattern = r"(?i)\b" + r"\s+".join(re.escape(w) for w in words.split()) + r"\b"
    # An ASCII query's words are first looked for in the lower-cased comments (3 to 4 times cheaper than the regular
    # expression, which then reads only the comments holding every word): the same comments pass, since (?i) folds no
    # other letter to an ASCII one. The hits are counted beside the first rows of one materialized scan: `count(*)
    # OVER ()` beside ORDER BY and LIMIT failed with a DuckDB internal error on 4 threads over 130,000 comments.
    words_in = "".join(" contains(lower(text), ?) AND" for _ in words.split()) if words.isascii() else ""
    rows = con.execute(
        f"""WITH hits AS MATERIALIZED (
                SELECT d.seq, d.doc_id, d.title, d.outlet, d.published_date FROM documents d
                WHERE {where} AND d.doc_id NOT IN (SELECT unnest(?))
                  AND d.doc_id IN (SELECT doc_id FROM comments WHERE{words_in} regexp_matches(text, ?)))
            SELECT doc_id, title, outlet, published_date, (SELECT count(*) FROM hits) FROM hits
            ORDER BY seq DESC LIMIT ?""",
        [*params, list(exclude), *(w.lower() for w in words.split() if words_in), pattern, limit]).fetchall()
    return (rows[0][4] if rows else 0), [{"doc_id": d, "title": t, "outlet": o, "published": p.isoformat() if p else None}
                                         for d, t, o, p, _ in rows]


QUOTE_COLS = """q.doc_id, q.id, q.kind, q.start, q."end", q.text, q.speaker_name, q.speaker_kb_id,
                d.outlet, d.published_date, d.title"""


def quote_item(r) -> dict:
    """A quotes row (row_key, then QUOTE_COLS) as the API gives it."""
    return {"doc_id": r[1], "id": r[2], "kind": r[3], "start": r[4], "end": r[5], "text": r[6], "speaker": r[7],
            "speaker_kb_id": r[8], "outlet": r[9], "published": r[10].isoformat() if r[10] else None, "title": r[11]}


EVENT_COLS = """e.doc_id, e.id, e.type, e.cameo, e.mode, e.actor_name, e.target_name, e.place_name, p.lat, p.lon,
                coalesce(e.date, d.published_date::VARCHAR), e.start, e."end", e.text, d.outlet, d.title,
                (SELECT max(a.kb_id) FROM entities a WHERE a.doc_id = e.doc_id AND a.id = e.actor),
                (SELECT max(t.kb_id) FROM entities t WHERE t.doc_id = e.doc_id AND t.id = e.target),
                """ + quad_sql("e") + " AS quad"  # the quad class (stop 43; data/corpus/quad_classes.yaml)


# The event's own period (stop 41): its `date` (YYYY-MM-DD, YYYY-MM or YYYY: a day, a month, a year; docs/schema.md)
# from its first to its last day, else the document's publication day. `since`/`until` of the events keep an event
# whose period lies within theirs (stop 42: an event dated only "2019" or "2019-11" is in a period that holds the whole
# year or month, not in a week of it; stop 41 kept every event whose period met theirs, so a week listed the year's
# events), and the events come newest first by its first day.
_EVENT_DAY = """CASE length(e.date) WHEN 10 THEN try_cast(e.date AS DATE)
                    WHEN 7 THEN try_cast(e.date || '-01' AS DATE) WHEN 4 THEN try_cast(e.date || '-01-01' AS DATE) END"""
EVENT_FIRST_DAY = f"coalesce({_EVENT_DAY}, d.published_date)"
EVENT_LAST_DAY = f"""coalesce(CASE length(e.date) WHEN 7 THEN last_day(try_cast(e.date || '-01' AS DATE))
                                               WHEN 4 THEN try_cast(e.date || '-12-31' AS DATE)
                                               ELSE {_EVENT_DAY} END, d.published_date)"""

# of views.events: newest first (by the event's own date, else its document's publication day; stop 41); the id
# last, so that two events at one offset (a sentence of an accusation and of what is alleged) come in one order from
# every query (the digest of `serve` and the query differed)
EVENT_ORDER = f"{EVENT_FIRST_DAY} DESC NULLS LAST, e.doc_id, e.start, e.id"


def event_dates_sql(filters: Filters, *, within: bool = True) -> tuple[str, list]:
    """The events' `since`/`until`: the event's own period (its `date`, else its document's publication day) lies
    within the one asked for (stop 42; stop 41: meets it). `within=False`: meets it (the events dated less precisely
    than the period asked, with those of `within`)."""
    conds, params = [], []
    if filters.since is not None:
        conds.append(f"{EVENT_FIRST_DAY if within else EVENT_LAST_DAY} >= ?")
        params.append(filters.since)
    if filters.until is not None:
        conds.append(f"{EVENT_LAST_DAY if within else EVENT_FIRST_DAY} <= ?")
        params.append(filters.until)
    return (" AND ".join(conds) or "TRUE"), params


def events_dated_around(con, filters: Filters | None = None, *, type: str | None = None, placed: bool = False,
                        who: str | None = None, whom: str | None = None,
                        near: tuple[float, float, float] | None = None, quad=None) -> int:
    """How many events `events` leaves out with these arguments because their own date is a month or a year that meets
    the period of `since`/`until` without lying within it ("2019" in a week of 2019; stop 42)."""
    filters = filters or Filters()
    if filters.since is None and filters.until is None:
        return 0
    where, params = _events_where(filters, type=type, placed=placed, who=who, whom=whom, near=near, within=False,
                                  quad=quad)
    within, wparams = event_dates_sql(filters)
    return con.execute(f"""SELECT count(*) FROM events e JOIN documents d USING (doc_id)
                           LEFT JOIN places p ON p.doc_id = e.doc_id AND p.id = e.place
                           WHERE {where} AND NOT ({within})""", [*params, *wparams]).fetchone()[0]


def event_item(r) -> dict:
    """An EVENT_COLS row as the API gives it."""
    keys = ("doc_id", "id", "type", "cameo", "mode", "actor", "target", "place", "lat", "lon", "date", "start", "end",
            "text", "outlet", "title", "actor_kb_id", "target_kb_id", "quad")
    return dict(zip(keys, r))


def _party(role: str) -> str:
    """SQL: the event's actor (or target) is the actor or name given twice as parameters: its entity's KB id or
    name, or the words the event gives it."""
    return f"""(EXISTS (SELECT 1 FROM entities n WHERE n.doc_id = e.doc_id AND n.id = e.{role}
                        AND (n.kb_id = ? OR lower(n.name) = lower(?)))
               OR lower(e.{role}_name) = lower(?))"""


def _events_where(filters: Filters, *, type, placed, who, whom, near, within: bool = True,
                  quad=None) -> tuple[str, list]:
    """The WHERE of `events` (over events e, documents d, places p) and its parameters; `quad`: quad classes (a
    tuple, or the text of the `quad` parameter, `network.parse_quad`)."""
    where, params = filters.sql(dates=False)
    if quad:
        qwhere, qparams = quad_where(parse_quad(quad) if isinstance(quad, str) else tuple(quad))
        where, params = f"{where} AND {qwhere}", [*params, *qparams]
    dated, dparams = event_dates_sql(filters, within=within)
    where, params = f"{where} AND {dated}", [*params, *dparams]
    if near is not None:
        lat, lon, km = parse_near(near)
        where += (" AND p.lat IS NOT NULL AND p.lon IS NOT NULL AND 2 * 6371.0088 * asin(least(1, sqrt("
                  "pow(sin(radians(p.lat - ?) / 2), 2) + cos(radians(?)) * cos(radians(p.lat)) * "
                  "pow(sin(radians(p.lon - ?) / 2), 2)))) <= ?")
        params += [lat, lat, lon, km]
    for role, value in (("actor", who), ("target", whom)):
        if value:
            where += " AND " + _party(role)
            params += [value, value, value]
    if placed:
        where += " AND p.lat IS NOT NULL AND p.lon IS NOT NULL"
    if type:
        where += " AND (upper(e.type) = upper(?) OR e.cameo = ?)"
        params += [type, type]
    return where, params


def events(con, filters: Filters | None = None, *, type: str | None = None, limit: int = 500,
           placed: bool = False, who: str | None = None, whom: str | None = None,
           near: tuple[float, float, float] | None = None, offset: int = 0, quad=None) -> list[dict]:
    """Events with actor, target, place (with coordinates when the place has them), date and document; `placed`:
    only those whose place has coordinates (the GeoJSON's points: the limit counts points, not events). `who` and
    `whom` are the event's own actor and target (a KB id or a name); `near` (lat, lon, km): only the events whose own
    place lies within km of the point (great-circle distance); the corpus filters choose documents (`actor`:
    documents naming the actor, every event of them; `place`: documents naming the place). `offset`: the events of
    this order to pass over first (the order is total: a page after page reads each event once). `quad` (stop 43):
    the events of these quad classes (`network.parse_quad`: `verbal_conflict`, `conflict`, ...)."""
    where, params = _events_where(filters or Filters(), type=type, placed=placed, who=who, whom=whom, near=near,
                                  quad=quad)
    # The page's events by their keys first, then their columns (stop 44): the KB ids of the actor and target
    # entities (EVENT_COLS' subqueries over the entities) were computed for every filtered event before the order
    # and the limit kept 1,001 of them, 0.4-1.0 s of CPU at 182,000 events. The same rows in the same order (the
    # order is total: the event's day, document, offset, id).
    return [event_item(r) for r in con.execute(
        f"""WITH page AS (SELECT e.doc_id, e.id FROM events e JOIN documents d USING (doc_id)
                          LEFT JOIN places p ON p.doc_id = e.doc_id AND p.id = e.place
                          WHERE {where} ORDER BY {EVENT_ORDER} LIMIT ? OFFSET ?)
            SELECT {EVENT_COLS} FROM page JOIN events e ON e.doc_id = page.doc_id AND e.id = page.id
            JOIN documents d ON d.doc_id = e.doc_id
            LEFT JOIN places p ON p.doc_id = e.doc_id AND p.id = e.place
            ORDER BY {EVENT_ORDER}""",
        [*params, limit, int(offset)]).fetchall()]


def iter_events(con, filters: Filters | None = None, *, type: str | None = None, who: str | None = None,
                whom: str | None = None, near: tuple[float, float, float] | None = None, quad=None,
                chunk: int = 2_000):
    """Every event `events` lists with these arguments, in its order, read `chunk` rows at a time from one query (the
    exports of the events list, stop 43: what a filter shows, not a page of it)."""
    where, params = _events_where(filters or Filters(), type=type, placed=False, who=who, whom=whom, near=near,
                                  quad=quad)
    cur = con.execute(f"""SELECT {EVENT_COLS} FROM events e JOIN documents d USING (doc_id)
                          LEFT JOIN places p ON p.doc_id = e.doc_id AND p.id = e.place
                          WHERE {where} ORDER BY {EVENT_ORDER}""", params)
    while rows := cur.fetchmany(chunk):
        yield from (event_item(r) for r in rows)


def parse_near(near) -> tuple[float, float, float]:
    """(lat, lon, km) from a tuple or from the text `lat,lon,km` (the REST API's); ValueError otherwise."""
    parts = near.split(",") if isinstance(near, str) else list(near)
    try:
        lat, lon, km = (float(x) for x in parts)
    except (TypeError, ValueError):
        raise ValueError(f"near: expected latitude, longitude and a radius in km (e.g. 50.45,30.52,100), "
                         f"got {near!r}") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and km >= 0):
        raise ValueError(f"near: latitude -90..90, longitude -180..180, km 0 or more, got {near!r}")
    return lat, lon, km


def geojson(rows: list[dict]) -> dict:
    """Events that have coordinates, as a GeoJSON FeatureCollection (points at the event's place)."""
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [r["lon"], r["lat"]]},
         "properties": {k: v for k, v in r.items() if k not in ("lat", "lon")}}
        for r in rows if r["lat"] is not None and r["lon"] is not None]}


LAYERS = {"narratives": ("narratives", "narrative"), "techniques": ("techniques", "technique")}


def over_time(con, layer: str, by: str = "month", *, outlet: str | None = None, versions: bool = False) -> list[dict]:
    """Per period, outlet and narrative (or technique): documents carrying it, and the outlet's documents."""
    if by not in PERIODS:
        raise ValueError(f"by must be one of {', '.join(PERIODS)}")
    table, col = LAYERS[layer]
    where, params = Filters(outlet=outlet, versions=versions).sql()
    return [{"period": p.isoformat(), "outlet": o, layer[:-1]: k, "documents": n, "total": t}
            for p, o, k, n, t in con.execute(
                f"""WITH d AS (SELECT doc_id, outlet, date_trunc('{by}', published_date)::DATE p FROM documents d
                               WHERE published_date IS NOT NULL AND {where}),
                         tot AS (SELECT p, outlet, count(*) t FROM d GROUP BY ALL)
                    SELECT d.p, d.outlet, x.{col}, count(DISTINCT d.doc_id), any_value(tot.t)
                    FROM {table} x JOIN d USING (doc_id) JOIN tot USING (p, outlet)
                    GROUP BY ALL ORDER BY 1, 2, 4 DESC, 3""", params).fetchall()]


def over_time_series(con, layer: str, by: str = "month", *, series: str = "key", outlet: str | None = None,
                     keep: int = 7, versions: bool = False) -> list[dict]:
    """Per period, the documents carrying a narrative (or technique), one series per narrative (`series="key"`) or
    per outlet (`series="outlet"`): the `keep` series with most documents, the rest counted together as `other`.
    Every figure counts documents once: a document with three techniques is one document of its outlet that month
    (summing `over_time` rows over techniques counts it three times), and one of "other", not two, when two of its
    techniques are folded there. Rows: {period, series (None: no outlet), other (bool), documents}."""
    if by not in PERIODS:
        raise ValueError(f"by must be one of {', '.join(PERIODS)}")
    if series not in ("key", "outlet"):
        raise ValueError("series must be key or outlet")
    table, col = LAYERS[layer]
    where, params = Filters(outlet=outlet, versions=versions).sql()
    s = f"x.{col}" if series == "key" else "d.outlet"
    return [{"period": p.isoformat(), "series": k, "other": not kept, "documents": n}
            for p, kept, k, n in con.execute(
                f"""WITH d AS (SELECT doc_id, outlet, date_trunc('{by}', published_date)::DATE p FROM documents d
                               WHERE published_date IS NOT NULL AND {where}),
                         x AS (SELECT DISTINCT d.doc_id, d.p, {s} s FROM {table} x JOIN d USING (doc_id)),
                         r AS (SELECT s, count(DISTINCT doc_id) n FROM x GROUP BY s ORDER BY n DESC, s NULLS LAST
                               LIMIT ?)
                    SELECT x.p, r.n IS NOT NULL kept, CASE WHEN r.n IS NOT NULL THEN x.s END, count(DISTINCT x.doc_id)
                    FROM x LEFT JOIN r ON x.s IS NOT DISTINCT FROM r.s
                    GROUP BY ALL ORDER BY 1, 2 DESC, 4 DESC, 3""", [*params, keep]).fetchall()]


def top(con, layer: str, limit: int = 20, *, versions: bool = False) -> list[dict]:
    """The most frequent narratives (or techniques), by documents carrying them."""
    table, col = LAYERS[layer]
    label = "min(label)" if layer == "narratives" else "NULL"
    return [{layer[:-1]: k, "label": lab, "documents": n, "spans": s} for k, lab, n, s in con.execute(
        f"""SELECT {col}, {label}, count(DISTINCT doc_id) n, count(*) FROM {table} WHERE {latest_rows(versions)} GROUP BY 1 ORDER BY n DESC, 1
            LIMIT ?""", [limit]).fetchall()]


def documents_by_period(con, by: str = "month", *, versions: bool = False) -> list[dict]:
    """Documents per period and outlet."""
    if by not in PERIODS:
        raise ValueError(f"by must be one of {', '.join(PERIODS)}")
    return [{"period": p.isoformat(), "outlet": o, "documents": n} for p, o, n in con.execute(
        f"""SELECT date_trunc('{by}', published_date)::DATE, outlet, count(*) FROM documents
            WHERE published_date IS NOT NULL AND {latest_docs(versions)} GROUP BY ALL ORDER BY 1, 2""").fetchall()]


def outlets_of(con) -> list[str]:
    return [o for (o,) in con.execute("SELECT DISTINCT outlet FROM documents WHERE outlet IS NOT NULL ORDER BY 1").fetchall()]


OPENING_WORDS = 8


def opening_words(text: str | None, n: int = OPENING_WORDS) -> str:
    """The first `n` words of a text on one line, with "…" when it goes on: a label for a document without a title."""
    words = (text or "").split()
    label = " ".join(words[:n])
    if len(label) > 80:
        label = label[:79].rstrip()
        return label + "…"
    return label + ("…" if len(words) > n else "")
