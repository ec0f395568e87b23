"""Search the corpus: full text (BM25), semantic (embeddings) and a hybrid of both, with filters."""
from __future__ import annotations

from .store import get_meta, load_extensions, set_meta


def refresh_index(con) -> None:
    """Rebuild the full-text index when documents changed since it was built (needs a writable database)."""
    if get_meta(con, "fts_dirty") == "0":
        return
    load_extensions(con, "fts")
    con.execute("PRAGMA create_fts_index('documents', 'doc_id', 'title', 'body_text', "
                "stemmer = 'english', stopwords = 'english', overwrite = 1)")
    set_meta(con, "fts_dirty", "0")
