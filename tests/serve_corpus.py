"""A small corpus for the serve tests: synthetic records plus planted ones (hostile markup, a searchable
word, events with coordinates, a comment thread), stored with the corpus loader."""
from __future__ import annotations

import hashlib
import json
import re

import numpy as np

from bench.corpus_synth import corpus
from spinscope.corpus import store
from spinscope.corpus.ingest import ingest
from spinscope.corpus.search import refresh_index
from spinscope.corpus.stories import StoryAssigner
from spinscope.model import make_doc_id

PLANTED_WORD = "zanzibarquokka"
XSS = ('<script>window.__pwned = 1; alert("script")</script>'
       '<img src=x onerror="window.__pwned = 1; alert(\'img\')">'
       '<a href="javascript:window.__pwned = 1; alert(\'link\')">click me</a>'
       '</script><script>alert("close")</script>')


def encode(texts: list[str]) -> np.ndarray:
    """A stand-in for the sentence encoder: a normalized bag of hashed words (similar words, similar vectors)."""
    out = np.zeros((len(texts), store.EMBED_DIM), dtype=np.float32)
    for i, t in enumerate(texts):
        for w in re.findall(r"\w+", t.lower()):
            out[i, int(hashlib.md5(w.encode()).hexdigest()[:6], 16) % store.EMBED_DIM] += 1
        n = np.linalg.norm(out[i])
        out[i] = out[i] / n if n else out[i]
        out[i, 0] += 0 if n else 1
    return out


class _Text:
    def __init__(self):
        self.text = ""

    def add(self, s: str) -> tuple[int, int]:
        start = len(self.text)
        self.text += s
        return start, len(self.text)


def planted_record() -> dict:
    """An article whose title, body, comments, names and places carry markup and script; every layer filled."""
    b = _Text()
    title = f"Planted {XSS} headline"
    t0, t1 = b.add(title)
    b.add("\n\n")
    bp = b.add("Support us <b>now</b>: donate")
    b.add("\n\n")
    body = []
    s1 = b.add(f"Minister Vora Keltan said the {PLANTED_WORD} talks in Nairobi failed. ")
    q_start = s1[0]
    name1 = (q_start + len("Minister "), q_start + len("Minister Vora Keltan"))
    s2 = b.add(f"Rebels shelled Aleppo, the <b onmouseover=\"alert(1)\">ministry</b> claimed. {XSS}")
    body.append({"start": s1[0], "end": s2[1]})
    b.add("\n\n")
    s3 = b.add("The corrupt regime of Dara Vell attacked the villages, a total catastrophe.")
    body.append({"start": s3[0], "end": s3[1]})
    b.add("\n\n")
    c1 = b.add(f"<script>window.__pwned = 1</script> first comment javascript:alert(1) {XSS}")
    b.add("\n")
    c2 = b.add("reply: <img src=x onerror=alert(2)> the deep state did it")
    b.add("\n")
    c3 = b.add("a second thread")
    text = b.text

    def span(s, e):
        return {"start": s, "end": e, "text": text[s:e]}
    i_dara = text.index("Dara Vell")
    i_aleppo = text.index("Aleppo")
    i_nairobi = text.index("Nairobi")
    i_regime = text.index("corrupt regime")
    i_cat = text.index("total catastrophe")
    i_deep = text.index("deep state")
    evil_name = 'Vora "><script>alert(1)</script> Keltan'
    return {
        "schema": "spinscope.analysis/1", "doc_id": make_doc_id(text),
        "source": {"path": "planted/xss.html", "url": "javascript:alert(document.domain)",
                   "outlet": "Planted <i>Daily</i>", "title": title, "published": "2026-03-04", "language": "en"},
        "text": text, "title": span(t0, t1), "body": body,
        "boilerplate": [{**span(*bp), "kind": "support"}],
        "comments": [
            {"id": "c1", "parent": None, "author": '<img src=x onerror="alert(\'author\')">Mallory', "depth": 0,
             "empty": False, **span(*c1)},
            {"id": "c2", "parent": "c1", "author": "Trudy", "depth": 1, "empty": False, "posted": "2026-03-05",
             **span(*c2)},
            {"id": "c3", "parent": None, "author": "Walter", "depth": 0, "empty": False, **span(*c3)}],
        "sentences": [],
        "entities": [
            {"id": "e1", "name": evil_name, "type": "person", "kb_id": "../../etc/passwd<script>", "country": None,
             "code": None, "mentions": [span(*name1)]},
            {"id": "e2", "name": "Dara Vell", "type": "person", "kb_id": "dara-vell", "country": None, "code": None,
             "mentions": [span(i_dara, i_dara + 9)]}],
        "quotes": [{"id": "q1", "start": s1[0], "end": s1[1] - 1, "text": text[s1[0]:s1[1] - 1], "kind": "indirect",
                    "speaker": {"entity": "e1", "name": evil_name, "handle": None, **span(*name1)}, "cue": None}],
        "places": [
            {"id": "p1", "name": "Aleppo <svg onload=alert(1)>", "lat": 36.2, "lon": 37.15, "country_code": "SY",
             "geonameid": 170063, "mentions": [span(i_aleppo, i_aleppo + 6)]},
            {"id": "p2", "name": "Nairobi", "lat": -1.28, "lon": 36.82, "country_code": "KE", "geonameid": 184745,
             "mentions": [span(i_nairobi, i_nairobi + 7)]}],
        "dates": [],
        "events": [
            {"type": "ASSAULT", "cameo": "195", "mode": "asserted", "actor": "e2", "target": "e1", "place": "p1",
             "date": "2026-03-03", **span(*s2), "trigger": span(s2[0] + 7, s2[0] + 14)},
            {"type": "CONSULT", "cameo": "040", "mode": "asserted", "actor": "e1", "target": "e2", "place": "p2",
             "date": "2026-03-02", **span(*s1), "trigger": span(s1[0], s1[0] + 8)}],
        "techniques": [{"technique": "name_calling", **span(i_regime, i_regime + 14), "score": 0.9},
                       {"technique": "exaggeration", **span(i_cat, i_cat + 17), "score": 0.8}],
        "narratives": [{"id": "planted-narrative", "label": "The <script>alert(1)</script> narrative", "score": 0.7,
                        "stance": "rejects", "evidence": [{**span(*s3), "stance": "rejects", "score": 0.7}]}],
        "citations": [],
        "labels": [{"entity": "e2", "label": "regime", "category": "delegitimizing", "confidence": 0.9,
                    "rule": "modifier", **span(i_regime + 8, i_regime + 14)}],
        "markers": [{"kind": "conspiracy", "term": "deep state", "score": 0.8, "comment": "c2",
                     **span(i_deep, i_deep + 10)}],
        "thread": {},
        "provenance": {"version": "test", "stages": [], "hashes": {"config": "c", "kb": "k", "catalogues": "n",
                                                                  "models": "m"}},
    }


def build(folder, n: int = 60, seed: int = 5) -> tuple[str, dict]:
    """A database of `n` synthetic records and the planted one; returns its path and the planted record."""
    planted = planted_record()
    records = [r for r, _ in corpus(n, seed=seed, copy_rate=0.2)] + [planted]
    db, _ = store_records(folder, records, encode, "serve.duckdb", batch_size=200)
    return str(db), planted


def store_records(folder, records: list[dict], embed, db_name: str, batch_size: int):
    """`records` written as JSONL in `folder` and ingested (no analysis) into a new store with stories
    and the full-text index; returns the database's and the JSONL file's paths."""
    path = folder / "records.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    db = folder / db_name
    con = store.connect(db, write=True, create=True)
    ingest(con, [str(path)], pipeline_factory=lambda: None, embed=embed, on_batch=StoryAssigner(con).assign,
           batch_size=batch_size)
    refresh_index(con)
    con.close()
    return db, path


class Running:
    """A uvicorn server for `app` on a free loopback port, in a thread; `url` is its base address."""

    def __init__(self, app):
        import socket
        import threading

        import uvicorn
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self):
        import time
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(10)
