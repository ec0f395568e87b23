"""The corpus database: one DuckDB file, its tables, schema version and migrations."""
from __future__ import annotations

import importlib.metadata
import os
import re
import uuid
from pathlib import Path

DEFAULT_DB = "spinscope.duckdb"
EMBED_DIM = 384
# Bump with every change of the tables below, and add the step from the previous version to MIGRATIONS.
SCHEMA_VERSION = 6

# Tables that mirror the record: one row per item of a layer, keyed by (doc_id, id).
TABLES = {
    "meta": """key VARCHAR PRIMARY KEY, value VARCHAR""",
    "documents": """
        doc_id VARCHAR, schema VARCHAR, path VARCHAR, url VARCHAR, outlet VARCHAR,
        title VARCHAR, published VARCHAR, published_date DATE, language VARCHAR, text VARCHAR,
        body_text VARCHAR, n_words INTEGER, n_comments INTEGER,
        version VARCHAR, stages VARCHAR[], hash_config VARCHAR, hash_kb VARCHAR,
        hash_catalogues VARCHAR, hash_models VARCHAR, record VARCHAR, seq BIGINT,
        ingested_at TIMESTAMP DEFAULT current_timestamp, url_key VARCHAR, canonical VARCHAR, latest BOOLEAN""",
    "segments": """doc_id VARCHAR, id VARCHAR, part VARCHAR, kind VARCHAR, start INTEGER, "end" INTEGER,
        text VARCHAR""",
    "comments": """doc_id VARCHAR, id VARCHAR, parent VARCHAR, author VARCHAR, depth INTEGER,
        start INTEGER, "end" INTEGER, empty BOOLEAN, text VARCHAR, posted DATE""",
    "entities": """doc_id VARCHAR, id VARCHAR, name VARCHAR, type VARCHAR, kb_id VARCHAR, country VARCHAR,
        code VARCHAR, n_mentions INTEGER""",
    "mentions": """doc_id VARCHAR, layer VARCHAR, item VARCHAR, start INTEGER, "end" INTEGER, text VARCHAR""",
    "quotes": """doc_id VARCHAR, id VARCHAR, kind VARCHAR, start INTEGER, "end" INTEGER, text VARCHAR,
        speaker_entity VARCHAR, speaker_name VARCHAR, speaker_kb_id VARCHAR, speaker_handle VARCHAR,
        cue VARCHAR""",
    "citations": """doc_id VARCHAR, id VARCHAR, kind VARCHAR, name VARCHAR, kb_id VARCHAR, entity VARCHAR,
        start INTEGER, "end" INTEGER, text VARCHAR""",
    "places": """doc_id VARCHAR, id VARCHAR, name VARCHAR, lat DOUBLE, lon DOUBLE, country_code VARCHAR,
        geonameid BIGINT, n_mentions INTEGER""",
    "dates": """doc_id VARCHAR, id VARCHAR, start INTEGER, "end" INTEGER, text VARCHAR, value VARCHAR,
        granularity VARCHAR, anchor VARCHAR""",
    "events": """doc_id VARCHAR, id VARCHAR, type VARCHAR, cameo VARCHAR, mode VARCHAR, actor VARCHAR,
        actor_name VARCHAR, target VARCHAR, target_name VARCHAR, place VARCHAR, place_name VARCHAR,
        date VARCHAR, start INTEGER, "end" INTEGER, text VARCHAR, trigger VARCHAR""",
    "techniques": """doc_id VARCHAR, id VARCHAR, technique VARCHAR, start INTEGER, "end" INTEGER, text VARCHAR,
        score DOUBLE""",
    "narratives": """doc_id VARCHAR, id VARCHAR, narrative VARCHAR, label VARCHAR, score DOUBLE,
        n_evidence INTEGER""",
    "labels": """doc_id VARCHAR, id VARCHAR, entity VARCHAR, entity_name VARCHAR, entity_kb_id VARCHAR,
        label VARCHAR, category VARCHAR, confidence DOUBLE, rule VARCHAR, start INTEGER, "end" INTEGER,
        text VARCHAR""",
    "markers": """doc_id VARCHAR, id VARCHAR, kind VARCHAR, term VARCHAR, score DOUBLE, comment VARCHAR,
        start INTEGER, "end" INTEGER, text VARCHAR""",
    # Derived per document at ingest, never recomputed for a stored document.
    "embeddings": f"""doc_id VARCHAR, vec FLOAT[{EMBED_DIM}]""",
    "minhashes": """doc_id VARCHAR, sig UBIGINT[], n_shingles INTEGER, title_key VARCHAR,
        paragraphs UBIGINT[]""",
    "stories": f"""story_id INTEGER, n_docs INTEGER, centroid FLOAT[{EMBED_DIM}],
        first_doc VARCHAR, first_published DATE, last_published DATE, label VARCHAR""",
    "story_docs": """doc_id VARCHAR, story_id INTEGER, similarity DOUBLE""",
    # Every source a stored text was seen under (its first one included): a text is stored once, by the hash of
    # its words, so a second outlet re-posting it word for word is only here.
    "sightings": """doc_id VARCHAR, path VARCHAR, url VARCHAR, outlet VARCHAR, title VARCHAR, published VARCHAR,
        published_date DATE, seen_at TIMESTAMP, canonical VARCHAR""",
}
# Tables holding rows of a document, deleted and rewritten when it is stored again (sightings only grow).
DOC_TABLES = [t for t in TABLES if t not in ("meta", "stories", "sightings")]


class StoreError(Exception):
    """A database that cannot be used: missing, locked by a writer, or of a newer schema."""


def extension_path(package: str, name: str) -> str:
    """The .duckdb_extension file that a `duckdb-ext-*` PyPI package ships (never INSTALLed from the net)."""
    try:
        files = importlib.metadata.files(package) or []
    except importlib.metadata.PackageNotFoundError:
        raise StoreError(f"the Python package {package} is not installed; pip install {package}") from None
    for f in files:
        if str(f).endswith(f"{name}.duckdb_extension"):
            return str(f.locate())
    raise StoreError(f"the package {package} holds no {name}.duckdb_extension")


def load_extensions(con, *names: str) -> None:
    for name in names:
        con.execute(f"LOAD '{extension_path(f'duckdb-ext-{name}', name)}'")


_LOCK_PID = re.compile(r"\(PID (\d+)\)")


def _command_of(pid: str) -> str | None:
    """The command line of a process, as far as this machine tells (Linux's /proc), else None."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    words = [w.decode("utf-8", "replace") for w in raw.split(b"\0") if w]
    for i, w in enumerate(words):  # "python -m spinscope serve ...", ".venv/bin/spinscope serve ..."
        if Path(w).name == "spinscope" and (i == 0 or words[i - 1] == "-m" or i == 1):
            words = ["spinscope", *words[i + 1:]]
            break
    return " ".join(" ".join(words).split())[:200] or None  # `python -c` code spans lines: one line here


def lock_message(path: Path, error: str) -> str:
    """What to do about a database another process holds: DuckDB lets one process write or several read, so
    a running `spinscope serve` (which reads) keeps every `ingest` out until it stops."""
    m = _LOCK_PID.search(error)
    pid = m.group(1) if m else None
    cmd = _command_of(pid) if pid else None
    who = f"process {pid}" + (f" ({cmd})" if cmd else "") if pid else "another process"
    if "read-only mode" in error:  # the holder only reads: a server, a search, a notebook
        hint = "stop the server to ingest, then start it again" if cmd and " serve" in f" {cmd}" \
            else "close it to write"
        return (f"{path} is open in {who}, which reads it; no process can write to a database while another "
                f"has it open: {hint} (or ingest into another database)")
    if cmd and cmd.startswith("spinscope "):
        return (f"{path} is locked by another process writing to it ({who}: an ingest still running?); "
                "wait for it to finish")
    # a Python program or a notebook holding `spinscope.Corpus(..., write=True)`: it does not finish by itself
    return (f"{path} is locked by another process writing to it ({who}); a Python session holding "
            "`Corpus(..., write=True)` keeps it until `close()` or the end of its `with` block: close it, or wait for "
            "its ingest to finish")


def connect(path: str | os.PathLike = DEFAULT_DB, *, write: bool = False, create: bool = False,
            python: bool = False):
    """Open the database (read-only unless `write`), migrated to SCHEMA_VERSION when writing.

    Raises StoreError with a plain message when the file is missing, locked by another writer, or
    written by a newer spinscope (`python`: the message of a missing file speaks of `spinscope.Corpus`, not of
    `--db`)."""
    import duckdb
    path = Path(path)
    if not path.exists() and not create:
        # README's commands ingest into corpus.duckdb and then search without --db: name the stores that are there
        here = sorted(p.name for p in (path.parent if str(path.parent) else Path(".")).glob("*.duckdb"))[:5]
        folder = path.parent if str(path.parent) not in ('', '.') else 'this folder'
        if python:
            there = f" ({folder} holds {', '.join(here)}: open one of them)" if here else ""
            raise StoreError(f"no corpus database at {path}{there}; create one with "
                             f"`spinscope.Corpus({str(path)!r}, write=True).ingest([PATH, ...])`")
        there = f" ({folder} holds {', '.join(here)}: give it with --db)" if here else ""
        raise StoreError(f"no corpus database at {path}{there}; create one with "
                         f"`spinscope ingest PATH... --db {path}`")
    try:
        con = duckdb.connect(str(path), read_only=not write)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise StoreError(lock_message(path, str(exc))) from None
        raise StoreError(f"{path} cannot be opened: {exc}") from None
    version = schema_version(con)
    if version is not None and version > SCHEMA_VERSION:
        con.close()
        raise StoreError(f"{path} has schema version {version}, newer than this spinscope's {SCHEMA_VERSION}; "
                         "upgrade spinscope")
    if write:
        migrate(con, version)
    elif version is None:
        con.close()
        raise StoreError(f"{path} is not a spinscope corpus database")
    elif version < SCHEMA_VERSION:
        con.close()
        raise StoreError(f"{path} has the older schema version {version}; run `spinscope ingest --db {path}` "
                         "once to migrate it")
    return con


def schema_version(con) -> int | None:
    """The version written in `meta`, or None for an empty (new) file."""
    if not con.execute("SELECT 1 FROM information_schema.tables WHERE table_name = 'meta'").fetchall():
        return None
    row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else None


# Point lookups by doc_id (search results, story and copy members) use these instead of scanning.
INDEXES = {"documents_doc_id": ("documents", "doc_id"), "segments_doc_id": ("segments", "doc_id"),
           "sightings_doc_id": ("sightings", "doc_id")}


def create_tables(con) -> None:
    for name, columns in TABLES.items():
        con.execute(f'CREATE TABLE IF NOT EXISTS "{name}" ({columns})')
    for name, (table, column) in INDEXES.items():
        con.execute(f'CREATE INDEX IF NOT EXISTS {name} ON "{table}" ({column})')


def _v1_to_v2(con) -> None:
    """Version 2 added `labels.entity_name`/`entity_kb_id` and the stories tables."""
    con.execute("ALTER TABLE labels ADD COLUMN IF NOT EXISTS entity_name VARCHAR")
    con.execute("ALTER TABLE labels ADD COLUMN IF NOT EXISTS entity_kb_id VARCHAR")
    con.execute("""UPDATE labels SET entity_name = e.name, entity_kb_id = e.kb_id FROM entities e
                   WHERE e.doc_id = labels.doc_id AND e.id = labels.entity""")
    create_tables(con)


def _v2_to_v3(con) -> None:
    """Version 3 added `comments.posted`, the date a page states for a comment (null before)."""
    con.execute("ALTER TABLE comments ADD COLUMN IF NOT EXISTS posted DATE")


def _v3_to_v4(con) -> None:
    """Version 4 added `sightings`; each stored document's own source is its first."""
    create_tables(con)
    con.execute("""INSERT INTO sightings (doc_id, path, url, outlet, title, published, published_date, seen_at)
                   SELECT doc_id, path, url, outlet, title, published, published_date, ingested_at FROM documents""")


def _v4_to_v5(con) -> None:
    """Version 5 added `documents.url_key`, the address as compared (`addresses.url_key`), filled from `url`."""
    from .addresses import url_key
    con.execute("ALTER TABLE documents ADD COLUMN IF NOT EXISTS url_key VARCHAR")
    urls = [r[0] for r in con.execute("SELECT DISTINCT url FROM documents WHERE url IS NOT NULL").fetchall()]
    if urls:
        import pyarrow as pa
        keys = pa.table({"url": urls, "url_key": [url_key(u) for u in urls]})  # noqa: F841 - read by name below
        con.execute("UPDATE documents SET url_key = k.url_key FROM keys k WHERE documents.url = k.url")


def _v5_to_v6(con) -> None:
    """Version 6 added `documents.canonical` and `sightings.canonical`, the address a page declares its own (NULL for
    what was stored before: records of before stop 40 hold none), and `documents.latest` (`mark_latest`); the keys
    are computed again by `refresh_keys`."""
    con.execute("ALTER TABLE documents ADD COLUMN IF NOT EXISTS canonical VARCHAR")
    con.execute("ALTER TABLE sightings ADD COLUMN IF NOT EXISTS canonical VARCHAR")
    con.execute("ALTER TABLE documents ADD COLUMN IF NOT EXISTS latest BOOLEAN")
    con.execute("DELETE FROM meta WHERE key = 'address_rules'")  # `refresh_keys` then marks every latest version
    con.execute("""UPDATE documents SET canonical = json_extract_string(record, '$.source.canonical')
                   WHERE json_extract_string(record, '$.source.canonical') IS NOT NULL""")


def refresh_keys(con) -> int:
    """Compute `documents.url_key` again when the address rules (`data/corpus/addresses.yaml`) differ from those the
    stored keys were made with (`meta.address_rules`; a store of before stop 40 has none): a rule added there (an AMP
    form, a tracking parameter) then holds for what was stored before too. Returns how many keys changed."""
    from .addresses import address_key, rules_version
    now = rules_version()
    if get_meta(con, "address_rules") == now:
        return 0
    pairs = con.execute("SELECT DISTINCT url, canonical, url_key FROM documents WHERE url IS NOT NULL OR "
                        "canonical IS NOT NULL").fetchall()
    changed = [(u, c, address_key(u, c)) for u, c, k in pairs if address_key(u, c) != k]
    if changed:
        import pyarrow as pa
        keys = pa.table({"url": [r[0] for r in changed], "canonical": [r[1] for r in changed],  # noqa: F841
                         "url_key": [r[2] for r in changed]})
        con.execute("""UPDATE documents SET url_key = k.url_key FROM keys k WHERE documents.url IS NOT DISTINCT FROM k.url
                       AND documents.canonical IS NOT DISTINCT FROM k.canonical""")
    mark_latest(con)
    set_meta(con, "address_rules", now)
    return len(changed)


# A condition on any table's `doc_id`: the document stands for its article in counts (not an older version of an
# article updated at its address; docs/store.md "Updated articles"). `d.latest IS NOT FALSE` where `documents d` is
# at hand.
LATEST = "doc_id NOT IN (SELECT doc_id FROM documents WHERE latest = FALSE)"


def latest_of(alias: str) -> str:
    """`LATEST` for the rows of the table named `alias`."""
    return f"{alias}.{LATEST}"


def latest_rows(versions: bool = False, alias: str = "") -> str:
    """`LATEST` (for the rows of table `alias` when given), or TRUE with `versions`: every version counted (stop
    41: the `versions` switch of every list, count and report)."""
    if versions:
        return "TRUE"
    return f"{alias}.{LATEST}" if alias else LATEST


def latest_docs(versions: bool = False, alias: str = "") -> str:
    """The condition on a `documents` row (of alias `alias`, when given) that it stands for its article, or TRUE
    with `versions`."""
    if versions:
        return "TRUE"
    return f"{alias}.latest IS NOT FALSE" if alias else "latest IS NOT FALSE"


def mark_latest(con, keys: list[str] | None = None) -> None:
    """Set `documents.latest`: TRUE for a document without an address and for the latest version at each address
    (`url_key`), FALSE for the older ones. The latest is the version first stored last (its first `sightings.seen_at`,
    which re-analysis leaves, then `seq`, then `doc_id`). `keys`: only the documents at these addresses (and those
    without one still unmarked); None: all."""
    if keys is not None and not keys:
        con.execute("UPDATE documents SET latest = TRUE WHERE latest IS NULL AND url_key IS NULL")
        return
    only = "WHERE d.url_key IN (SELECT unnest($1))" if keys is not None else ""
    of = "WHERE doc_id IN (SELECT doc_id FROM documents WHERE url_key IN (SELECT unnest($1)))" if keys is not None \
        else ""  # a batch's addresses: not every sighting of the store
    con.execute(
        f"""WITH f AS (SELECT doc_id, min(seen_at) first_seen FROM sightings {of} GROUP BY doc_id),
                 r AS (SELECT d.doc_id, d.url_key IS NULL OR row_number() OVER (
                           PARTITION BY d.url_key ORDER BY f.first_seen DESC NULLS LAST, d.seq DESC, d.doc_id DESC) = 1
                           AS latest
                       FROM documents d LEFT JOIN f USING (doc_id) {only})
            UPDATE documents SET latest = r.latest FROM r
            WHERE documents.doc_id = r.doc_id AND documents.latest IS DISTINCT FROM r.latest""",
        [keys] if keys is not None else [])
    if keys is not None:
        con.execute("UPDATE documents SET latest = TRUE WHERE latest IS NULL AND url_key IS NULL")


# version -> the step that brings a database of that version to the next one
MIGRATIONS = {1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4, 4: _v4_to_v5, 5: _v5_to_v6}


def migrate(con, version: int | None) -> None:
    """Create a new database, or step an older one up to SCHEMA_VERSION in one transaction."""
    con.execute("BEGIN")
    try:
        if version is None:
            create_tables(con)
        else:
            while version < SCHEMA_VERSION:
                MIGRATIONS[version](con)
                version += 1
        set_meta(con, "schema_version", str(SCHEMA_VERSION))
        refresh_keys(con)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def get_meta(con, key: str) -> str | None:
    row = con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def set_meta(con, key: str, value: str) -> None:
    con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])


def new_generation(con) -> None:
    """Mark the documents or the full-text index as changed, so that searchers read them again."""
    set_meta(con, "generation", uuid.uuid4().hex)
