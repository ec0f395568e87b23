"""Outlet profiles: what each outlet publishes, how it spins, whom it quotes and copies; every figure with its evidence."""
from __future__ import annotations

from ..extract.quotes.speakers import PERSONAL_PRONOUNS
from .store import latest_docs, latest_rows

EVIDENCE = 5  # document ids / spans kept per figure
# A speaker written as a pronoun that the quotes stage could not resolve ("they recall", "I said") is no one: as a
# "top speaker" it summed dozens of people ("they": 26 quotes in 18 documents). Such quotes stay on the quotes pages.
PRONOUNS = sorted(PERSONAL_PRONOUNS)


def named_speaker(alias: str = "") -> str:
    """A condition on a `quotes` row (of table alias `alias`, if given) that its speaker is someone: not an
    unresolved pronoun; its parameters are PRONOUNS."""
    q = f"{alias}." if alias else ""
    return f"NOT ({q}speaker_entity IS NULL AND lower({q}speaker_name) IN ({', '.join('?' * len(PRONOUNS))}))"


def outlet_table(con, copies: tuple | None = None, *, versions: bool = False) -> list[dict]:
    """One row per outlet: documents, period, words, technique density, narratives, copying, hostile comments;
    `versions`: the older versions of updated articles counted too."""
    copied, copied_from = copies or ({}, {})
    mean = corpus_density(con, versions=versions)
    rows = con.execute(
        f"""WITH d AS (SELECT outlet, count(*) docs, min(published_date) first_day, max(published_date) last_day,
                             sum(n_words) words FROM documents WHERE outlet IS NOT NULL AND {latest_docs(versions)}
                             GROUP BY outlet),
                t AS (SELECT x.outlet, count(*) n FROM techniques JOIN documents x USING (doc_id)
                      WHERE {latest_docs(versions, "x")} GROUP BY x.outlet),
                n AS (SELECT x.outlet, count(DISTINCT narrative) n FROM narratives JOIN documents x USING (doc_id)
                      WHERE {latest_docs(versions, "x")} GROUP BY x.outlet)
           SELECT d.*, coalesce(t.n, 0), coalesce(n.n, 0) FROM d LEFT JOIN t USING (outlet) LEFT JOIN n USING (outlet)
           ORDER BY docs DESC, outlet""").fetchall()
    hostile = {r["outlet"]: r for r in hostile_comments(con, versions=versions)}
    out = []
    for outlet, docs, first, last, words, techs, narrs in rows:
        h = hostile.get(outlet) or {}
        out.append({"outlet": outlet, "documents": docs, "first": first, "last": last, "words": int(words or 0),
                    "techniques_per_1000_words": round(1000 * techs / words, 2) if words else 0.0,
                    "corpus_mean": mean, "narratives": narrs, "copies_made": copied.get(outlet, 0),
                    "copied_by_others": copied_from.get(outlet, 0), "hostile_comment_share": h.get("share")})
    return out


def corpus_density(con, *, versions: bool = False) -> float:
    words, techs = con.execute(f"""SELECT (SELECT sum(n_words) FROM documents WHERE {latest_docs(versions)}),
                                          (SELECT count(*) FROM techniques WHERE {latest_rows(versions)})""").fetchone()
    return round(1000 * techs / words, 2) if words else 0.0


def hostile_comments(con, outlet: str | None = None, *, versions: bool = False) -> list[dict]:
    """Per outlet: its non-empty comments, those carrying a hostile or conspiratorial marker, and their share."""
    cond = "AND lower(d.outlet) = lower(?)" if outlet else ""
    rows = con.execute(
        f"""SELECT d.outlet, count(*) n, count(*) FILTER (WHERE h.id IS NOT NULL) hostile,
                   list(c.doc_id || ':' || c.id ORDER BY c.doc_id, c.start, c.id) FILTER (WHERE h.id IS NOT NULL) ev
            FROM comments c JOIN documents d USING (doc_id)
            LEFT JOIN (SELECT DISTINCT doc_id, comment id FROM markers WHERE comment IS NOT NULL) h
              ON h.doc_id = c.doc_id AND h.id = c.id
            WHERE NOT c.empty AND d.outlet IS NOT NULL AND {latest_docs(versions, "d")} {cond} GROUP BY d.outlet ORDER BY d.outlet""", [outlet] if outlet else []).fetchall()
    return [{"outlet": o, "comments": n, "hostile": h, "share": round(h / n, 3) if n else None,
             "evidence": (ev or [])[:EVIDENCE]} for o, n, h, ev in rows]


def profile(con, outlet: str, *, kb=None, copy_edges: list[dict] | None = None, versions: bool = False) -> dict | None:
    """One outlet's profile; None when the corpus has no document of it."""
    # the outlet of this spelling, else of any case with the most documents (ties by name): any_value took one at random
    row = con.execute("""SELECT outlet FROM documents WHERE lower(outlet) = lower(?) GROUP BY outlet
                         ORDER BY outlet = ? DESC, count(*) DESC, outlet LIMIT 1""", [outlet, outlet]).fetchone()
    if not row or row[0] is None:
        return None
    return profiles(con, kb=kb, copy_edges=copy_edges, outlet=row[0], versions=versions).get(row[0])


def profiles(con, *, kb=None, copy_edges: list[dict] | None = None, outlet: str | None = None,
             versions: bool = False) -> dict[str, dict]:
    """Every outlet's profile by its name (or only `outlet`'s), each figure computed for all outlets in one query."""
    only, p = ("d.outlet = ?", [outlet]) if outlet is not None else ("d.outlet IS NOT NULL", [])
    only += " AND " + latest_docs(versions, "d")  # the latest version of an updated article only (stop 40)
    corpus_words = con.execute(f"SELECT sum(n_words) FROM documents WHERE {latest_docs(versions)}").fetchone()[0] or 0
    mean = corpus_density(con, versions=versions)
    out = {}
    for name, docs, first, last, words in con.execute(
            f"""SELECT outlet, count(*), min(published_date), max(published_date), sum(n_words) FROM documents d
                WHERE {only} GROUP BY outlet ORDER BY outlet""", p).fetchall():
        out[name] = {"outlet": name, "documents": docs, "first": first, "last": last, "words": int(words or 0),
                     "techniques_per_1000_words": 0.0, "corpus_mean_per_1000_words": mean, "techniques": [],
                     "narratives": [], "naming": [], "quotes": [], "copies": [], "copied_by": [],
                     "hostile_comments": None, "ratings": ratings(kb, name) if kb is not None else []}
    corpus_n = dict(con.execute(f"SELECT technique, count(*) FROM techniques WHERE {latest_rows(versions)} GROUP BY 1").fetchall())
    for name, tech, n, ev in con.execute(
            f"""SELECT d.outlet, t.technique, count(*),
                       list([t.doc_id, t.start::VARCHAR, t."end"::VARCHAR, t.text] ORDER BY t.doc_id, t.start, t."end", t.id)[:{EVIDENCE}]
                FROM techniques t JOIN documents d USING (doc_id) WHERE {only} GROUP BY ALL ORDER BY 1, 3 DESC, 2""",
            p).fetchall():
        o = out[name]
        o["techniques"].append({"technique": tech, "count": n,
                                "per_1000_words": round(1000 * n / o["words"], 2) if o["words"] else 0.0,
                                "corpus_per_1000_words": round(1000 * corpus_n[tech] / corpus_words, 2) if corpus_words else 0.0,
                                "evidence": [_span(e) for e in ev or []]})
    for name, nid, label, n, ev in con.execute(
            f"""SELECT d.outlet, n.narrative, min(n.label), count(DISTINCT n.doc_id),
                       list([m.doc_id, m.start::VARCHAR, m."end"::VARCHAR, m.text] ORDER BY m.doc_id, m.start, m."end", m.item)
                         FILTER (WHERE m.doc_id IS NOT NULL)[:{EVIDENCE}]
                FROM narratives n JOIN documents d USING (doc_id)
                LEFT JOIN mentions m ON m.doc_id = n.doc_id AND m.layer = 'narratives' AND m.item = n.id
                WHERE {only} GROUP BY d.outlet, n.narrative ORDER BY 1, 4 DESC, 2""", p).fetchall():
        out[name]["narratives"].append({"narrative": nid, "label": label, "documents": n,
                                        "share": round(n / out[name]["documents"], 3), "evidence": [_span(e) for e in ev or []]})
    for name, actor, label, cat, n, ev in con.execute(
            f"""SELECT d.outlet, coalesce(l.entity_name, '(unlinked)') a, l.label, min(l.category), count(*) n,
                       list([l.doc_id, l.start::VARCHAR, l."end"::VARCHAR, l.text] ORDER BY l.doc_id, l.start, l."end", l.id)[:{EVIDENCE}]
                FROM labels l JOIN documents d USING (doc_id) WHERE {only} GROUP BY d.outlet, a, l.label
                QUALIFY row_number() OVER (PARTITION BY d.outlet ORDER BY n DESC, a, l.label) <= 30
                ORDER BY 1, 5 DESC, 2, 3""", p).fetchall():
        out[name]["naming"].append({"actor": actor, "label": label, "category": cat, "count": n,
                                    "evidence": [_span(e) for e in ev or []]})
    for name, sp, n, nd, ev in con.execute(
            f"""SELECT d.outlet, q.speaker_name, count(*) n, count(DISTINCT q.doc_id),
                       list([q.doc_id, q.start::VARCHAR, q."end"::VARCHAR, q.text] ORDER BY q.doc_id, q.start, q."end", q.id)[:{EVIDENCE}]
                FROM quotes q JOIN documents d USING (doc_id)
                WHERE {only} AND q.speaker_name IS NOT NULL AND q.kind IN ('direct', 'indirect', 'mixed', 'post')
                  AND {named_speaker("q")}
                GROUP BY d.outlet, coalesce(q.speaker_kb_id, q.speaker_name), q.speaker_name
                QUALIFY row_number() OVER (PARTITION BY d.outlet ORDER BY n DESC, q.speaker_name, coalesce(q.speaker_kb_id, q.speaker_name)) <= 15
                ORDER BY 1, 3 DESC, 2, coalesce(q.speaker_kb_id, q.speaker_name)""", [*p, *PRONOUNS]).fetchall():
        out[name]["quotes"].append({"speaker": sp, "quotes": n, "documents": nd, "evidence": [_span(e) for e in ev or []]})
    for e in copy_edges or []:
        if e["copier"] in out:
            out[e["copier"]]["copies"].append(
                {"source": e["source"], "copies": e["copies"], "cited": e["cited"],
                 "paragraphs_added": e["paragraphs_added"], "headline_changed": e["headline_changed"],
                 "evidence": e["doc_ids"][:EVIDENCE]})
        if e["source"] in out:
            out[e["source"]]["copied_by"].append({"copier": e["copier"], "copies": e["copies"], "cited": e["cited"],
                                                  "evidence": e["doc_ids"][:EVIDENCE]})
    for h in hostile_comments(con, outlet, versions=versions):
        if h["outlet"] in out:
            out[h["outlet"]]["hostile_comments"] = h
    for o in out.values():
        n = sum(t["count"] for t in o["techniques"])
        o["techniques_per_1000_words"] = round(1000 * n / o["words"], 2) if o["words"] else 0.0
    return out


def _span(e) -> dict:
    doc_id, start, end, text = e
    return {"doc_id": doc_id, "start": int(start), "end": int(end), "text": text}


def ratings(kb, outlet: str) -> list[dict]:
    """Factuality and bias ratings the user imported into the KB (`spinscope kb import-ratings`) for this outlet."""
    out = []
    for actor in kb.lookup(outlet):
        if actor.type != "media":
            continue
        for r in actor.ratings:
            out.append({"source": r.source, "date": r.date, "factuality": r.factuality, "bias": r.bias,
                        "actor": actor.id})
    return out
