"""One article's address written several ways: the canonical form the store compares addresses by (stop 39).

The stored `url` stays as the source wrote it; `documents.url_key` holds `url_key(url)`, and "the same address" (an
article updated there, `Corpus.versions`, the copies' `same_address`) means the same key. docs/store.md "Updated
articles" lists the rules."""
from __future__ import annotations

import re
from functools import cache
from urllib.parse import unquote, urlsplit

from ..datafile import read_data


@cache
def tracking() -> tuple[frozenset[str], tuple[str, ...]]:
    """Query parameters that say where a reader came from, never which article (`data/corpus/addresses.yaml`):
    names, and prefixes."""
    data = read_data("data/corpus/addresses.yaml")
    return frozenset(data["tracking"]), tuple(data["tracking_prefixes"])


DEFAULT_PORTS = {"http": 80, "https": 443, "": None}
_ESCAPE = re.compile(r"%[0-9a-fA-F]{2}")


def _tracking(name: str) -> bool:
    names, prefixes = tracking()
    n = unquote(name).strip().lower()
    return n in names or n.startswith(prefixes)


def url_key(url: str | None) -> str | None:
    """The address as compared: `http://WWW.X.com:80/a/?b=2&utm_source=t&a=1#top` -> `x.com/a?a=1&b=2`.

    Scheme (http and https are one address) and `www.` dropped, host case-folded (a trailing dot, user info and the
    scheme's default port dropped), the path's trailing slashes dropped (its case kept), the fragment dropped (but
    a `#!` one, which old sites address articles by), tracking parameters dropped, other parameters kept in sorted
    order, percent escapes upper-cased. An address of another scheme (`ftp:`, `urn:`), or no host, is compared as
    written (trimmed). None for no address."""
    if url is None:
        return None
    raw = url.strip()
    if not raw:
        return None
    try:
        parts = urlsplit(raw)
        scheme = parts.scheme.lower()
        if scheme not in DEFAULT_PORTS or not parts.netloc:
            return raw
        host = (parts.hostname or "").rstrip(".")
        port = parts.port
    except ValueError:  # a port that is no number, a broken IPv6 host
        return raw
    if host.startswith("www."):
        host = host[4:]
    if ":" in host:  # IPv6
        host = f"[{host}]"
    if port is not None and port not in (80, 443):
        host = f"{host}:{port}"
    path = _ESCAPE.sub(lambda m: m.group(0).upper(), parts.path).rstrip("/")
    params = sorted(_ESCAPE.sub(lambda m: m.group(0).upper(), p) for p in parts.query.split("&")
                    if p and not _tracking(p.split("=", 1)[0]))
    key = host + path + ("?" + "&".join(params) if params else "")
    if parts.fragment.startswith("!"):
        key += "#" + parts.fragment
    return key
