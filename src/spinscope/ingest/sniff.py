"""Choosing a reader for a file: by its extension, else by its first bytes."""
from __future__ import annotations

import json
import re
from pathlib import Path

from .files import read_head

FORMATS = ("text", "html", "warc", "jsonl", "csv", "parquet", "feed")
# Other names people give a format when forcing it.
ALIASES = {"txt": "text", "htm": "html", "wet": "warc", "arc": "warc", "json": "jsonl",
           "ndjson": "jsonl", "tsv": "csv", "rss": "feed", "atom": "feed", "xml": "feed"}

# Longest suffix first wins, so ".jsonl.gz" is seen before ".gz".
EXTENSIONS = {
    ".txt": "text", ".text": "text", ".md": "text", ".txt.gz": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".html.gz": "html", ".htm.gz": "html",
    ".warc": "warc", ".warc.gz": "warc", ".arc": "warc", ".arc.gz": "warc",
    ".wet": "warc", ".wet.gz": "warc",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".jsonl.gz": "jsonl",
    ".ndjson.gz": "jsonl", ".json.gz": "jsonl",
    ".csv": "csv", ".tsv": "csv", ".csv.gz": "csv", ".tsv.gz": "csv",
    ".parquet": "parquet", ".pq": "parquet",
    ".rss": "feed", ".atom": "feed", ".xml": "feed", ".rss.gz": "feed", ".xml.gz": "feed",
}

_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.I)
_HTML_START = re.compile(rb"<(!doctype\s+html|html|head|body)[\s>]", re.I)


def format_by_name(path: Path) -> str | None:
    name = path.name.lower()
    suffixes = sorted((s for s in EXTENSIONS if name.endswith(s)), key=len, reverse=True)
    return EXTENSIONS[suffixes[0]] if suffixes else None


def format_by_content(head: bytes) -> str | None:
    """The format the first bytes of a (decompressed) input look like, or None for plain text."""
    if head.startswith(b"PAR1"):
        return "parquet"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1024]
    if start.startswith((b"WARC/", b"filedesc://")):
        return "warc"
    if start[:1] == b"<":
        lower = start.lower()
        if _FEED_ROOT.search(head[:4096]) and not _HTML_START.search(lower):
            return "feed"
        if _HTML_START.search(head[:4096]) or b"<p" in lower or b"<div" in lower:
            return "html"
        return None
    if start[:1] in (b"{", b"["):
        return "jsonl" if _looks_like_json(head) else None
    return None


def _looks_like_json(head: bytes) -> bool:
    first_line = head.lstrip().split(b"\n", 1)[0]
    try:
        json.loads(first_line)
        return True
    except ValueError:
        # a pretty-printed array or object: trust the opening bracket and a quote after it
        return head.lstrip()[:1] in (b"[", b"{") and b'"' in head[:200]


def detect_format(path: Path, forced: str | None = None) -> str:
    """The reader for `path`: forced, by extension, or by sniffing the (gunzipped) content."""
    if forced:
        forced = forced.strip().lower()
        return ALIASES.get(forced, forced)
    by_name = format_by_name(path)
    if by_name:
        return by_name
    return format_by_content(read_head(path)) or "text"  # the text reader refuses binary data
