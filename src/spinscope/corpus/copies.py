"""Who copies whom: near-duplicate bodies (MinHash LSH) and re-publication citations, as a provenance graph."""
from __future__ import annotations

import re
import unicodedata
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from . import records as rec
from .addresses import address_key

NUM_PERM = 128
SHINGLE = 5  # words per shingle: long enough that shared phrases of unrelated articles rarely match
THRESHOLD = 0.5  # estimated Jaccard of the bodies' shingle sets at or over which two documents are copies
# An excerpt (a re-post of the first half of an article under another outlet's header) has a low Jaccard with
# its source: most of the source is missing. It is a copy when most of the shorter body is in the longer one.
CONTAINMENT = 0.7  # share of the shorter body's shingles in the longer body at or over which it is a copy
MIN_EXCERPT = 60  # shingles the shorter body needs for containment to count (a quoted statement is not a copy)
CANDIDATE = 0.3  # the LSH's threshold: pairs below this Jaccard are rarely seen, so excerpts under ~30 % are missed
_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """Lower-case word tokens: line breaks, punctuation and spacing do not matter."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def shingles(text: str) -> set[bytes]:
    w = words(text)
    if len(w) < SHINGLE:
        return {" ".join(w).encode()} if w else set()
    return {" ".join(w[i:i + SHINGLE]).encode() for i in range(len(w) - SHINGLE + 1)}


def _crc(b: bytes) -> int:
    return zlib.crc32(b)


@lru_cache(maxsize=1)
def _template():
    from datasketch import MinHash
    return MinHash(num_perm=NUM_PERM, hashfunc=_crc)


def minhash(text: str, grams: set[bytes] | None = None):
    """The MinHash of a text's shingles (pass `grams` when they are already made)."""
    from datasketch import MinHash
    m = MinHash(num_perm=NUM_PERM, hashfunc=_crc, permutations=_template().permutations, scheme="affine32")
    m.update_batch(shingles(text) if grams is None else grams)
    return m


def _key(text: str) -> str:
    return " ".join(words(text))


def paragraph_keys(record: dict) -> list[int]:
    """A hash per body paragraph (its words), to tell added and cut paragraphs between copies."""
    out = []
    for para in re.split(r"\n\s*\n", rec.body_text(record)):
        k = _key(para)
        if k:
            out.append(zlib.crc32(k.encode()))
    return out


def signature_row(record: dict) -> tuple:
    """The `minhashes` row of a record: signature of its body, shingle count, headline key, paragraph keys."""
    grams = shingles(rec.body_text(record))
    title = (record.get("source") or {}).get("title") or ""
    return (record["doc_id"], minhash("", grams).hashvalues.tolist(), len(grams), _key(title),
            paragraph_keys(record))


def contained(j: float, n_a: int, n_b: int) -> float:
    """The share of the smaller shingle set inside the larger, from their Jaccard and sizes."""
    return j * (n_a + n_b) / ((1 + j) * min(n_a, n_b)) if n_a and n_b else 0.0


class CopyIndex:
    """The LSH index of every stored body; `lookup` finds a text's near-duplicates and excerpts.

    The signatures are read in one columnar fetch and kept as lean MinHashes (hash values only),
    so that indexing 100,000 documents takes seconds; a process builds it once and keeps it."""

    def __init__(self, con, threshold: float = THRESHOLD, containment: float = CONTAINMENT):
        from datasketch import LeanMinHash, MinHashLSH
        self.threshold, self.containment = threshold, containment
        self.lsh = MinHashLSH(threshold=min(threshold, CANDIDATE), num_perm=NUM_PERM)
        table = con.execute("SELECT doc_id, sig, n_shingles FROM minhashes WHERE n_shingles > 0 AND len(sig) = ?",
                            [NUM_PERM]).fetch_arrow_table()
        ids = table.column("doc_id").to_pylist()
        self.sizes: dict[str, int] = dict(zip(ids, table.column("n_shingles").to_pylist()))
        flat = table.column("sig").combine_chunks().flatten().to_numpy(zero_copy_only=False)
        matrix = np.asarray(flat, dtype=np.uint64).reshape(len(ids), NUM_PERM)
        seed, scheme = _template().seed, "affine32"  # as `minhash` makes them
        self.sigs: dict[str, object] = {}
        with self.lsh.insertion_session() as session:
            for doc_id, row in zip(ids, matrix):
                m = LeanMinHash(seed=seed, hashvalues=row, scheme=scheme)
                self.sigs[doc_id] = m
                session.insert(doc_id, m, check_duplication=False)

    def lookup(self, text: str, exclude: str | None = None) -> list[tuple[str, float]]:
        """Stored documents whose body is a near-duplicate of `text` (or an excerpt of it, or holds it as one), with
        the estimated Jaccard, best first."""
        grams = shingles(text)
        return self.lookup_minhash(minhash("", grams), exclude, len(grams))

    def lookup_minhash(self, m, exclude: str | None = None, size: int | None = None) -> list[tuple[str, float]]:
        """As `lookup`, for a MinHash; excerpts only when the text's shingle count `size` is given."""
        out = []
        for doc_id in self.lsh.query(m):
            if doc_id == exclude:
                continue
            j = m.jaccard(self.sigs[doc_id])
            if self._copies(j, size, self.sizes[doc_id]):
                out.append((doc_id, j))
        return sorted(out, key=lambda x: (-x[1], x[0]))

    def _copies(self, j: float, n_a: int | None, n_b: int) -> bool:
        if j >= self.threshold:
            return True
        return (n_a is not None and min(n_a, n_b) >= MIN_EXCERPT and j >= CANDIDATE
                and contained(j, n_a, n_b) >= self.containment)

    def pairs(self) -> set[tuple[str, str]]:
        """Every pair of stored documents sharing an LSH bucket whose estimated Jaccard passes the threshold."""
        candidates: set[tuple[str, str]] = set()
        for table in self.lsh.hashtables:
            for key in table.keys():
                members = sorted(table.get(key))
                if 1 < len(members) <= 200:
                    for i, a in enumerate(members):
                        for b in members[i + 1:]:
                            candidates.add((a, b))
        return {(a, b) for a, b in candidates
                if self._copies(self.sigs[a].jaccard(self.sigs[b]), self.sizes[a], self.sizes[b])}


@dataclass
class CopyGroup:
    """Documents with near-identical bodies; the first is the earliest known publication."""

    id: int
    docs: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"group": self.id, "original": self.docs[0]["doc_id"], "size": len(self.docs), "documents": self.docs}


def _components(pairs) -> list[set[str]]:
    parent: dict[str, str] = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    for a, b in pairs:
        parent[find(a)] = find(b)
    groups = defaultdict(set)
    for x in parent:
        groups[find(x)].add(x)
    return list(groups.values())


def copy_groups(con, threshold: float = THRESHOLD, index: CopyIndex | None = None) -> list[CopyGroup]:
    """Groups of copies, each ordered by publication (the undated last), with what each copy changed.

    A member is one source of a stored text: a text re-posted word for word by a second outlet is stored once
    (by the hash of its words) and is a member again under that outlet (`exact`, from `sightings`)."""
    index = index or CopyIndex(con, threshold)
    repeated = [r[0] for r in con.execute(
        "SELECT doc_id FROM sightings GROUP BY doc_id HAVING count(*) > 1 ORDER BY doc_id").fetchall()]
    comps = _components([*index.pairs(), *((d, d) for d in repeated)])
    if not comps:
        return []
    ids = [d for c in comps for d in c]
    meta = defaultdict(list)
    for r in con.execute(
            """SELECT s.doc_id, s.path, s.outlet, s.published_date, coalesce(s.title, d.title), d.seq,
                      m.paragraphs, s.url, s.seen_at, s.path IS NOT DISTINCT FROM d.path
                      AND s.url IS NOT DISTINCT FROM d.url AND s.outlet IS NOT DISTINCT FROM d.outlet, s.canonical
               FROM sightings s JOIN documents d USING (doc_id) JOIN minhashes m USING (doc_id)
               WHERE s.doc_id IN (SELECT unnest(?))
               ORDER BY s.seen_at, s.outlet NULLS LAST, s.url NULLS LAST, s.path NULLS LAST""", [ids]).fetchall():
        if all(rec.publication(r[1], r[7], r[2], r[3], r[10]) != rec.publication(o[1], o[7], o[2], o[3], o[10])
               for o in meta[r[0]]):
            meta[r[0]].append(r)  # a store of before stop 36 may hold one publication twice (read from two files)
    groups = []
    for comp in comps:
        rows = sorted((r for d in comp for r in meta.get(d, ())),
                      key=lambda r: (r[3] is None, r[3] or 0, r[5], r[8] or 0, not r[9], r[2] or "", r[7] or "", r[1] or ""))
        if len(rows) < 2:
            continue
        orig = rows[0]
        g = CopyGroup(0)
        earlier: set[str] = set()
        for r in rows:
            j = 1.0 if r[0] == orig[0] else index.sigs[r[0]].jaccard(index.sigs[orig[0]])
            paras, orig_paras = set(r[6] or []), set(orig[6] or [])
            g.docs.append({"doc_id": r[0], "path": r[1], "outlet": r[2], "url": r[7],
                           "published": r[3].isoformat() if r[3] else None, "title": r[4],
                           "similarity": round(j, 3),
                           "contained": 1.0 if r[0] == orig[0] else round(min(1.0, contained(
                               j, index.sizes[r[0]], index.sizes[orig[0]])), 3),
                           "exact": r[0] in earlier,  # word for word an earlier member's text
                           "paragraphs_added": len(paras - orig_paras), "paragraphs_cut": len(orig_paras - paras),
                           "headline_changed": r is not orig and _key(r[4] or "") != _key(orig[4] or ""),
                           # another text at the earliest's address: the article updated there, not a copy (stop 39)
                           "same_address": r[0] != orig[0] and address_key(r[7], r[10]) is not None
                           and address_key(r[7], r[10]) == address_key(orig[7], orig[10])})
            earlier.add(r[0])
        groups.append(g)
    groups.sort(key=lambda g: (-len(g.docs), g.docs[0]["published"] or "9999", g.docs[0]["doc_id"]))
    for i, g in enumerate(groups, 1):
        g.id = i
    return groups


def provenance_edges(con, groups: list[CopyGroup]) -> list[dict]:
    """Outlet -> outlet edges: `copier` republishes `source` (from copy groups and from citations)."""
    edges: dict[tuple[str, str], dict] = {}

    def edge(copier, source):
        return edges.setdefault((copier, source), {"copier": copier, "source": source, "copies": 0, "cited": 0,
                                                   "paragraphs_added": 0, "paragraphs_cut": 0,
                                                   "headline_changed": 0, "doc_ids": []})
    for g in groups:
        orig = g.docs[0]
        for d in g.docs[1:]:
            if not d["outlet"] or not orig["outlet"] or d["outlet"] == orig["outlet"] or d["same_address"]:
                continue
            e = edge(d["outlet"], orig["outlet"])
            e["copies"] += 1
            e["paragraphs_added"] += d["paragraphs_added"]
            e["paragraphs_cut"] += d["paragraphs_cut"]
            e["headline_changed"] += int(d["headline_changed"])
            e["doc_ids"].append(d["doc_id"])
    known = known_outlets(con)
    cited = con.execute(
        """SELECT d.outlet, c.name, d.doc_id, c.kb_id FROM citations c JOIN documents d USING (doc_id)
           WHERE c.kind = 'republished_from' AND d.outlet IS NOT NULL AND c.name IS NOT NULL
           ORDER BY d.seq, c.start, c.id""").fetchall()
    # A cited source linked to the KB is named by its KB name ("Breitbart News"); the corpus may know the outlet
    # by an alias or a domain of that actor ("Breitbart", "breitbart.com"): one outlet, not two nodes.
    other_names = kb_names({k for _o, n, _d, k in cited if k and canonical_outlet(known, n) == n})
    for outlet, name, doc_id, kb_id in cited:
        source = canonical_outlet(known, name, other_names.get(kb_id, ()))
        if source != outlet:
            e = edge(outlet, source)
            e["cited"] += 1
            if doc_id not in e["doc_ids"]:
                e["doc_ids"].append(doc_id)
    return sorted(edges.values(), key=lambda e: (-(e["copies"] + e["cited"]), e["copier"], e["source"]))


def known_outlets(con) -> dict[str, str]:
    """The corpus's outlets by a spacing- and case-free key."""
    return {_key(o).replace(" ", ""): o
            for (o,) in con.execute("SELECT DISTINCT outlet FROM documents WHERE outlet IS NOT NULL ORDER BY 1").fetchall()}


def canonical_outlet(known: dict[str, str], name: str, other_names=()) -> str:
    """A cited name as the outlet the corpus knows ("South Front" -> "SouthFront"), else under one of
    `other_names` (the KB actor's aliases and domains), else as written."""
    for n in (name, *other_names):
        if (outlet := known.get(_key(n).replace(" ", ""))) is not None:
            return outlet
    return name


def kb_names(kb_ids) -> dict[str, list[str]]:
    """The aliases and domains of these KB actors (the packaged KB), by id; {} when it cannot be read."""
    if not kb_ids:
        return {}
    try:
        from ..kb import load_kb
        kb = load_kb([])
    except Exception:  # noqa: BLE001 - a missing or broken KB only leaves the names as written
        return {}
    return {k: [*a.aliases, *a.domains] for k in kb_ids if (a := kb.get(k)) is not None}


def copy_counts(edges: list[dict]) -> tuple[Counter, Counter]:
    """Per outlet: how many of its documents are copies of (or cite) another outlet's, and how many copies others
    made of its documents. A document both copying a source and citing it counts once."""
    made, of = defaultdict(set), defaultdict(set)
    for e in edges:
        for doc_id in e["doc_ids"]:
            made[e["copier"]].add(doc_id)
            of[e["source"]].add((e["copier"], doc_id))
    return Counter({o: len(s) for o, s in made.items()}), Counter({o: len(s) for o, s in of.items()})
