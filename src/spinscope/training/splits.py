"""The held-out splits of the LGL and Dragnet sets: one rule, read by their benches and by every training step."""
from __future__ import annotations

import hashlib


def lgl_split(file_name: str) -> str:
    """`dev` or `test` of an LGL document, fixed by its file name."""
    return "test" if hashlib.sha1(file_name.encode("utf-8")).digest()[0] & 1 else "dev"


def dragnet_bucket(page_id: str) -> int:
    """A Dragnet page's tenth (0-9), a fixed hash of its ID: the split never depends on the order or the set."""
    return int(hashlib.sha256(f"dragnet:{page_id}".encode()).hexdigest()[:8], 16) % 10


def dragnet_part(page_id: str) -> str:
    """`test` (buckets 0-2) or `dev` of a Dragnet page."""
    return "test" if dragnet_bucket(page_id) < 3 else "dev"
