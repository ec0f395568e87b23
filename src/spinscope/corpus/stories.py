"""Stories: articles about the same story, clustered incrementally as they arrive (embeddings + shared actors, places, dates)."""
from __future__ import annotations

from collections import Counter
from datetime import timedelta

import numpy as np

from .store import EMBED_DIM

# A document joins the best story whose score reaches JOIN; score = cosine to the story's centroid
# plus SHARED_BONUS per shared actor or place (at most 3), within WINDOW days of the story's period
# (undated documents form stories of their own).
JOIN = 0.72
SHARED_BONUS = 0.04
WINDOW = timedelta(days=7)
ACTOR_TYPES = ("person", "state", "government", "military", "armed_group", "designated_group", "igo", "party",
               "organization")


UNDATED = 10 ** 9  # a story's first day when none of its documents is dated (its last day is -UNDATED)


def _day(d) -> int | None:
    return d.toordinal() if d is not None else None


def _date(n: int):
    from datetime import date
    return None if abs(n) == UNDATED else date.fromordinal(n)


class StoryAssigner:
    """Keeps story centroids in memory and files each new document under a story inside the batch's transaction."""

    def __init__(self, con):
        self.con = con
        rows = con.execute("SELECT story_id, n_docs, centroid, first_published, last_published FROM stories "
                           "ORDER BY story_id").fetchall()
        cap = max(1024, 2 * len(rows))
        self.ids = [r[0] for r in rows]
        self.row = {sid: i for i, sid in enumerate(self.ids)}
        self.n = [r[1] for r in rows]
        self.sums = np.zeros((cap, EMBED_DIM), dtype=np.float32)
        self.cents = np.zeros((cap, EMBED_DIM), dtype=np.float32)
        self.first = np.full(cap, UNDATED, dtype=np.int64)
        self.last = np.full(cap, -UNDATED, dtype=np.int64)
        for i, r in enumerate(rows):
            self.cents[i] = np.asarray(r[2], dtype=np.float32)
            self.sums[i] = self.cents[i] * r[1]
            if r[3] is not None:
                self.first[i], self.last[i] = _day(r[3]), _day(r[4])
        self.keys: dict[int, Counter] = {sid: Counter() for sid in self.ids}
        for sid, key in con.execute(
                """SELECT s.story_id, k FROM story_docs s JOIN (
                       SELECT doc_id, coalesce(kb_id, lower(name)) k FROM entities WHERE type IN (SELECT unnest(?))
                       UNION SELECT doc_id, lower(name) FROM places) USING (doc_id)""", [list(ACTOR_TYPES)]).fetchall():
            self.keys[sid][key] += 1

    def assign(self, batch: list[dict]) -> None:
        """File the batch's documents that have an embedding and no story yet (called inside its transaction)."""
        ids = [r["doc_id"] for r in batch]
        rows = self.con.execute(
            """SELECT e.doc_id, e.vec, d.published_date FROM embeddings e JOIN documents d USING (doc_id)
               WHERE e.doc_id IN (SELECT unnest(?)) AND e.doc_id NOT IN (SELECT doc_id FROM story_docs)
               ORDER BY d.seq""", [ids]).fetchall()
        if not rows:
            return
        doc_keys = {d: set() for d, *_ in rows}
        for d, k in self.con.execute(
                """SELECT doc_id, coalesce(kb_id, lower(name)) FROM entities WHERE doc_id IN (SELECT unnest(?))
                   AND type IN (SELECT unnest(?)) UNION SELECT doc_id, lower(name) FROM places
                   WHERE doc_id IN (SELECT unnest(?))""", [list(doc_keys), list(ACTOR_TYPES), list(doc_keys)]).fetchall():
            doc_keys[d].add(k)
        changed, members = set(), []
        for doc_id, vec, day in rows:
            v = np.asarray(vec, dtype=np.float32)
            day = _day(day)
            i, sim = self._best(v, day, doc_keys[doc_id])
            if i is None:
                i, sim = self._new(), 1.0
            self.sums[i] += v
            self.n[i] += 1
            self.cents[i] = self.sums[i] / max(float(np.linalg.norm(self.sums[i])), 1e-9)
            if day is not None:
                self.first[i] = min(self.first[i], day)
                self.last[i] = max(self.last[i], day)
            sid = self.ids[i]
            self.keys[sid].update(doc_keys[doc_id])
            changed.add(sid)
            members.append((doc_id, sid, float(sim)))
        self._save(changed, members)

    def _best(self, v: np.ndarray, day: int | None, keys: set[str]):
        """The row of the best story to join, and its score; (None, 0) when none reaches JOIN."""
        n = len(self.ids)
        if not n:
            return None, 0.0
        # A dated document joins only a story whose period, widened by WINDOW, holds its day; an undated one
        # only an undated story: with no date to compare, a topic alike is not the same story (a 2026 report
        # on Syria would join an undated 2016 one on the same war).
        if day is None:
            rows = np.nonzero(self.first[:n] == UNDATED)[0]
        else:
            w = WINDOW.days
            rows = np.nonzero((self.first[:n] - w <= day) & (day <= self.last[:n] + w))[0]
        if not len(rows):
            return None, 0.0
        sims = self.cents[rows] @ v
        best, best_score = None, 0.0
        for j in np.argsort(-sims)[:20]:
            if sims[j] + 3 * SHARED_BONUS < JOIN:
                break
            i = int(rows[j])
            shared = sum(1 for k in keys if k in self.keys[self.ids[i]])
            score = float(sims[j]) + SHARED_BONUS * min(shared, 3)
            if score >= JOIN and score > best_score:
                best, best_score = i, score
        return best, best_score

    def _new(self) -> int:
        i = len(self.ids)
        if i == len(self.sums):
            grow = len(self.sums)
            self.sums = np.vstack([self.sums, np.zeros((grow, EMBED_DIM), np.float32)])
            self.cents = np.vstack([self.cents, np.zeros((grow, EMBED_DIM), np.float32)])
            self.first = np.concatenate([self.first, np.full(grow, UNDATED, np.int64)])
            self.last = np.concatenate([self.last, np.full(grow, -UNDATED, np.int64)])
        sid = (self.ids[-1] + 1) if self.ids else 1
        self.ids.append(sid)
        self.row[sid] = i
        self.n.append(0)
        self.keys[sid] = Counter()
        return i

    def _save(self, changed: set[int], members: list[tuple]) -> None:
        from .ingest import insert
        rows = []
        for sid in sorted(changed):
            i = self.row[sid]
            rows.append((sid, self.n[i], self.cents[i], None, _date(int(self.first[i])), _date(int(self.last[i])), None))
        self.con.execute("DELETE FROM stories WHERE story_id IN (SELECT unnest(?))", [sorted(changed)])
        insert(self.con, "stories", rows)
        insert(self.con, "story_docs", members)


def story_rows(con, limit: int | None = None, min_docs: int = 1, *, versions: bool = False) -> list[dict]:
    """Each story with its label, period, outlets, main actors and first report (earliest publication); `versions`:
    the older versions of updated articles counted too."""
    from .store import latest_docs
    stories = con.execute(
        f"""SELECT s.story_id, count(*) n, min(d.published_date), max(d.published_date),
                  list(DISTINCT d.outlet ORDER BY d.outlet) FILTER (WHERE d.outlet IS NOT NULL),
                  arg_min(d.doc_id, coalesce(d.published_date, DATE '9999-12-31')::VARCHAR || lpad(d.seq::VARCHAR, 12, '0')),
                  arg_min(d.title, coalesce(d.published_date, DATE '9999-12-31')::VARCHAR || lpad(d.seq::VARCHAR, 12, '0'))
           FROM story_docs s JOIN documents d USING (doc_id) WHERE {latest_docs(versions, "d")}
           GROUP BY s.story_id HAVING count(*) >= ?
           ORDER BY n DESC, min(d.published_date) NULLS LAST, s.story_id""" + (f" LIMIT {int(limit)}" if limit else ""),
        [min_docs]).fetchall()
    if not stories:
        return []
    sids = [s[0] for s in stories]
    actors: dict[int, list[str]] = {}
    for sid, name, _n, _m in con.execute(
            # Documents naming the actor, then its mentions: in a story of two documents most actors are named in
            # both, and the names' alphabetical order picked "Alfonso Aguilar; Caja China" over Rubio and Cruz.
            # each actor named by its most frequent name, ties by name (any_value named it by DuckDB's scan order);
            # an unlinked name in any case is one actor, as in the actors list (`views.GROUP`, stop 39)
            f"""SELECT story_id, nm, n, m FROM (
                   SELECT s.story_id, coalesce(e.kb_id, chr(0) || lower(e.name)) k, mode(e.name ORDER BY e.name) AS nm,
                          count(DISTINCT e.doc_id) n, sum(e.n_mentions) m FROM story_docs s
                   JOIN entities e USING (doc_id) WHERE s.story_id IN (SELECT unnest(?)) AND e.type IN (SELECT unnest(?))
                     AND {"TRUE" if versions else "e.doc_id NOT IN (SELECT doc_id FROM documents WHERE latest = FALSE)"}
                   GROUP BY s.story_id, k)
               QUALIFY row_number() OVER (PARTITION BY story_id ORDER BY n DESC, m DESC, nm, k) <= 5
               ORDER BY story_id, n DESC, m DESC, nm, k""", [sids, list(ACTOR_TYPES)]).fetchall():
        actors.setdefault(sid, []).append(name)
    out = []
    for sid, n, first, last, outlets, first_doc, first_title in stories:
        main = actors.get(sid, [])
        label = first_title or (" · ".join(main[:3]) if main else f"story {sid}")
        out.append({"story": sid, "label": label, "documents": n, "first": first, "last": last,
                    "outlets": sorted(outlets or []), "actors": main, "first_report": first_doc})
    return out


def story(con, sid: int, limit: int = 500, *, versions: bool = False) -> dict | None:
    """One story (as `story_rows` gives it) with its documents (newest stored first, at most `limit`), or None."""
    from .search import Filters
    from .views import documents
    row = next((s for s in story_rows(con, min_docs=1, versions=versions) if s["story"] == sid), None)
    if row is None:
        return None
    docs, _ = documents(con, Filters(story=sid, versions=versions), limit=limit)
    return {**row, "items": docs}
