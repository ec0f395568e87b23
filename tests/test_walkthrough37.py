"""What the stop-37 walk-through (a notebook-style session over `spinscope.Corpus` on 38 real documents read from
RSS, Atom, WARC, WET, a semicolon CSV and a Parquet table with broken inputs mixed in; exports joined back to the
text; `batch --engine ray` against `analyze`) found wrong; each test fails on the code before its fix."""
from __future__ import annotations

import json
import math

import pytest
from click.testing import CliRunner

import spinscope
from bench.corpus_synth import corpus as synth
from spinscope.cli import cli
from spinscope.corpus import store
from spinscope.corpus.store import StoreError


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


ITEMS = [
    ("Harbour board approves dredging", "The harbour board of Port Elling approved the dredging of the north channel "
     "on Monday. Work starts in May, the board's chair, Anna Velt, said."),
    ("Ferry fares rise", "Ferry fares between Port Elling and Osk rise by a tenth from June, the operator said on "
     "Tuesday. Commuters called the rise unfair."),
    ("Council delays vote on quay", "The town council delayed its vote on the new quay to September. The mayor "
     "blamed the late survey of the seabed and said the delay would cost nothing."),
]


def rss(items) -> str:
    body = "".join(f"<item><title>{t}</title><link>https://harbour.example/{n}</link>"
                   f"<pubDate>Mon, 0{n + 1} Mar 2021 08:00:00 GMT</pubDate><description>{d}</description></item>"
                   for n, (t, d) in enumerate(items))
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Harbour Gazette</title>'
            f"<link>https://harbour.example/</link>{body}</channel></rss>")


def test_a_feed_cut_short_is_a_failure_and_its_cut_item_is_not_stored(tmp_path):
    # The walk-through's feed of eight PolNeAR texts, cut at half its bytes (a download that stopped), was read
    # without a word: four items stored, the fourth with 45 characters of its 7,380 (the text up to where the bytes
    # stopped), and nothing in the failures. The truncated WARC beside it was reported ("truncated WARC after 3
    # records"). The items closed before the end are stored; the feed is a failure line; the cut item is not stored.
    whole = rss(ITEMS)
    cut = whole[: whole.index("the late survey")]
    (tmp_path / "cut.rss").write_text(cut, encoding="utf-8")
    db = tmp_path / "c.duckdb"
    with spinscope.Corpus(db, write=True) as c:
        report = c.ingest([tmp_path / "cut.rss"], embeddings=False, disable=["techniques", "narratives"])
        assert report.stored == 2
        assert len(report.failures) == 1 and "truncated feed after 2 items" in report.failures[0]
        titles = [r["title"] for r in c.sql("SELECT title FROM documents ORDER BY path")]
    assert titles == [ITEMS[0][0], ITEMS[1][0]]


def test_a_whole_feed_with_a_fault_is_still_read_whole(tmp_path):
    # what feedparser's lenient parser is for: an undefined entity in a complete feed loses no item and is no failure
    items = [(t + "&nbsp;", d) for t, d in ITEMS]
    (tmp_path / "nbsp.rss").write_text(rss(items), encoding="utf-8")
    res = run("analyze", tmp_path / "nbsp.rss", "--format", "jsonl", "--disable", "techniques",
              "--disable", "narratives")
    assert res.exit_code == 0, res.output
    records = [json.loads(line) for line in res.stdout.splitlines() if line.strip()]
    assert len(records) == 3 and "error" not in res.stderr


def test_a_wrong_argument_names_the_methods_own_and_the_likeliest(tmp_path):
    # `corpus.events(typ="ACCUSE")` said "unknown filter 'typ'; the filters are outlet, since, ..." and never named
    # `type`, the method's own argument the user meant
    rec = next(r for r, _ in synth(1, seed=5, copy_rate=0.0))
    (tmp_path / "r.jsonl").write_text(json.dumps(rec) + "\n", encoding="utf-8")
    db = tmp_path / "c.duckdb"
    assert run("ingest", tmp_path / "r.jsonl", "--db", db, "--no-embeddings").exit_code == 0
    with spinscope.Corpus(db) as c:
        with pytest.raises(TypeError, match=r"events\(\) got an unknown argument 'typ' \(did you mean 'type'\?\); "
                                            r"its own are type, who, whom, near, placed, limit, cursor, quad; the filters are"):
            c.events(typ="ACCUSE")
        with pytest.raises(TypeError, match=r"did you mean 'outlet'\?"):
            c.search("harbour", outlets="Harbour Gazette")
        with pytest.raises(TypeError, match="its own are speaker, contains, kind, limit, cursor"):
            c.quotes(speakr="Anna Velt")


def test_errors_of_a_missing_or_held_store_speak_to_a_python_user(tmp_path, monkeypatch):
    # From Python, a missing file said "give it with --db" and "create one with `spinscope ingest PATH... --db`";
    # a store held by a notebook's `Corpus(write=True)` said "an ingest still running?; wait for it to finish" (it
    # never finishes: it must be closed), with the notebook's command line printed over several lines.
    (tmp_path / "mine.duckdb").write_bytes(b"")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(StoreError) as err:
        spinscope.Corpus("missing.duckdb")
    msg = str(err.value)
    assert "--db" not in msg and "mine.duckdb: open one of them" in msg
    assert "spinscope.Corpus('missing.duckdb', write=True).ingest(" in msg
    monkeypatch.setattr(store, "_command_of", lambda pid: "python -c import spinscope c = spinscope.Corpus(...)")
    held = store.lock_message(tmp_path / "c.duckdb", "Could not set lock on file: Conflicting lock is held in "
                                                     "python (PID 4242)")
    assert "close()" in held and "an ingest still running" not in held
    monkeypatch.setattr(store, "_command_of", lambda pid: "spinscope ingest a.csv --db c.duckdb")
    assert "an ingest still running?" in store.lock_message(tmp_path / "c.duckdb", "lock held (PID 4242)")


def km(a, b, c, d):
    a, b, c, d = map(math.radians, (a, b, c, d))
    return 2 * 6371.0088 * math.asin(math.sqrt(math.sin((c - a) / 2) ** 2
                                               + math.cos(a) * math.cos(c) * math.sin((d - b) / 2) ** 2))


def test_events_near_a_point_from_python_and_rest(tmp_path):
    # "Events near a place" could not be asked: `place=` chooses documents naming a place and gives every event of
    # them, wherever each happened. `near=(lat, lon, km)` (REST `near=lat,lon,km`) keeps the events whose own place
    # lies within km of the point.
    from fastapi.testclient import TestClient

    from spinscope.serve.app import create_app
    recs = [r for r, _ in synth(30, seed=7, copy_rate=0.0)]
    (tmp_path / "r.jsonl").write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    db = tmp_path / "c.duckdb"
    assert run("ingest", tmp_path / "r.jsonl", "--db", db, "--no-embeddings").exit_code == 0
    with spinscope.Corpus(db) as c:
        placed = c.events(placed=True, limit=5000)
        assert len(placed) > 20
        lat, lon = placed[0]["lat"], placed[0]["lon"]
        for radius in (0.5, 150, 400):
            want = sorted((e["doc_id"], e["id"]) for e in placed if km(lat, lon, e["lat"], e["lon"]) <= radius)
            got = c.events(near=(lat, lon, radius), limit=5000)
            assert sorted((e["doc_id"], e["id"]) for e in got) == want and want
        assert 0 < len(c.events(near=(lat, lon, 150))) < len(placed)
        with pytest.raises(ValueError, match="near: latitude"):
            c.events(near=(91, 0, 10))
        py = json.loads(json.dumps(c.events(near=(lat, lon, 150), limit=5000), default=str))
    with TestClient(create_app(db), client=("127.0.0.1", 4000)) as client:
        r = client.get("/api/events", params={"near": f"{lat},{lon},150", "limit": 5000})
        assert r.status_code == 200 and r.json()["items"] == py
        geo = client.get("/api/events.geojson", params={"near": f"{lat},{lon},150"}).json()
        assert len(geo["features"]) == len(py)
        assert client.get("/api/events", params={"near": "north"}).status_code == 422
        page = client.get("/events", params={"near": f"{lat},{lon},150"}).text
        assert f"{len(py)} events;" in page and 'name="near"' in page and f'value="{lat},{lon},150"' in page


def test_a_wide_table_on_an_80_column_terminal_shows_whole_columns_and_names_the_rest(tmp_path, monkeypatch):
    # `spinscope copies` on the walk-through's store (a re-poster's two copies), on an 80-column terminal: fourteen
    # columns squeezed to "gr… ro… do… ou… pu…", every date cut to "20…". The columns that fit are shown whole
    # (those a reader needs first), the rest named, with the formats that give them.
    recs = [r for r, _ in synth(12, seed=3, copy_rate=0.5)]
    (tmp_path / "r.jsonl").write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    db = tmp_path / "c.duckdb"
    assert run("ingest", tmp_path / "r.jsonl", "--db", db, "--no-embeddings").exit_code == 0
    monkeypatch.setenv("COLUMNS", "80")
    text = run("copies", "--db", db).output
    assert "group" in text and max(len(line) for line in text.splitlines()) <= 80
    heading = text.splitlines()[1]
    for name in ("group", "role", "outlet", "published", "similarity", "exact", "title"):
        assert f" {name} " in heading
    assert "…" not in heading
    days = [line.split("│")[4].strip() for line in text.splitlines() if line.startswith("│ ") and
            line.split("│")[4].strip()]
    assert days and all(len(d) == 10 for d in days)  # whole dates
    flat = " ".join(text.split())
    assert "columns left out at 80 characters: doc_id, contained," in flat
    assert "--format csv or jsonl gives every column" in flat


def test_ray_with_more_actors_than_half_cpus_ends(tmp_path):
    # `spinscope batch in/wire.csv --engine ray --workers 4` on this 2-core machine never ended (killed after 4
    # minutes, 6 documents): four actors of half a CPU took both CPUs of the local cluster and the read task waited
    # behind them forever. Actors ask for less when there are more of them than that leaves room for.
    pytest.importorskip("ray")
    import os
    import subprocess
    import sys
    path = tmp_path / "t.jsonl"
    path.write_text("".join(json.dumps({"text": f"Story {i}.\n\nIt was written on day {i}."}) + "\n"
                            for i in range(6)), encoding="utf-8")
    cpus = os.cpu_count() or 1
    stages = ["parse", "entities", "quotes", "places", "dates", "events", "techniques", "narratives", "labels",
              "markers"]
    cmd = [sys.executable, "-m", "spinscope", "batch", str(path), "--out", str(tmp_path / "run"), "--engine", "ray",
           "--workers", str(2 * cpus), "--format", "jsonl", "--no-progress", *(x for s in stages for x in ("--disable", s))]
    import signal
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        _, err = proc.communicate(timeout=150)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # the run and the local Ray it started
        proc.communicate()
        pytest.fail(f"batch --engine ray --workers {2 * cpus} on {cpus} CPUs did not end in 150 s")
    assert proc.returncode == 0, err[-2000:]
    assert "6 documents analyzed, 0 failed" in err


def test_actor_cpus_leave_the_readers_their_share():
    from spinscope.scale.ray_engine import READ_CPUS, actor_cpus
    for cpus in (1, 2, 4, 30):
        for actors in (1, 2, 4, 16, 30, 64):
            each = actor_cpus(cpus, actors)
            assert 0 <= each <= 0.5 and actors * each + READ_CPUS <= cpus + 1e-9
    assert actor_cpus(30, 30) == 0.5 and actor_cpus(2, 2) == 0.5
