"""Analysis records written by hand for the store's tests (stops 41 and 42): a text with its source, events per
(type, date) on its first sentence, and the JSONL file `spinscope ingest` reads them from."""
from __future__ import annotations

import json

from spinscope.model import Document, Source

PROV = {"version": "test", "stages": [], "hashes": {"config": "c", "kb": "k", "catalogues": "n", "models": "m"}}


def record(text: str, *, title: str, url: str | None = None, outlet: str | None = "Elling Post",
           published: str | None = "2021-03-01", events: list[tuple[str, str | None]] = ()) -> dict:
    """An analysis record of `text` with an event per (type, date), each on the text's first sentence."""
    rec = Document(text=text, source=Source(title=title, url=url, outlet=outlet, published=published)).to_dict()
    end = text.index(".") + 1
    rec["events"] = [{"type": t, "cameo": None, "mode": "asserted", "actor": None, "target": None, "place": None,
                      "date": d, "start": 0, "end": end, "text": text[:end],
                      "trigger": {"start": 0, "end": 3, "text": text[:3]}} for t, d in events]
    rec["provenance"] = PROV
    return rec


def write(path, records: list[dict]):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path
