"""One article's address written several ways: the canonical form the store compares addresses by (stop 39).

The stored `url` stays as the source wrote it; `documents.url_key` holds `address_key(url, canonical)` (the page's
own declared address when it is one of the same site, stop 40), and "the same address" (an article updated there,
`Corpus.versions`, the copies' `same_address`) means the same key. docs/store.md "Updated articles" lists the
rules."""
from __future__ import annotations

import re
from functools import cache
from urllib.parse import unquote, urlsplit

from ..datafile import read_data


@cache
def rules() -> dict:
    """`data/corpus/addresses.yaml` as read."""
    return read_data("data/corpus/addresses.yaml")


def rules_version() -> str:
    """A short hash of the rules: stored keys made under other rules are computed again (`store.refresh_keys`)."""
    import hashlib
    import json
    return hashlib.sha1(json.dumps(rules(), sort_keys=True).encode()).hexdigest()[:12]


@cache
def tracking() -> tuple[frozenset[str], tuple[str, ...]]:
    """Query parameters that say where a reader came from, never which article (`data/corpus/addresses.yaml`):
    names, and prefixes."""
    data = rules()
    return frozenset(data["tracking"]), tuple(data["tracking_prefixes"])


@cache
def amp_forms() -> tuple[tuple[str, ...], frozenset[str], tuple[tuple[str, str], ...], frozenset[str]]:
    """What marks the phone or AMP form of a site's article (`data/corpus/addresses.yaml`, stop 40): host labels,
    path segments, endings of the last segment (with what replaces them, longest first), query parameters."""
    data = rules()
    endings = sorted(data["amp_endings"].items(), key=lambda kv: -len(kv[0]))
    return (tuple(f"{h}." for h in data["mobile_hosts"]), frozenset(data["amp_segments"]), tuple(endings),
            frozenset(p.lower() for p in data["amp_parameters"]))


def _amp_parameter(param: str) -> bool:
    names = amp_forms()[3]
    p = unquote(param).strip().lower()
    return p.split("=", 1)[0] in names or p in names


def _site_host(host: str) -> str:
    """The host without `www.` and the phone or AMP labels of `mobile_hosts` (two labels kept at least)."""
    prefixes = amp_forms()[0]
    changed = True
    while changed:
        changed = False
        for p in ("www.", *prefixes):
            if host.startswith(p) and host.count(".") >= 2:
                host, changed = host[len(p):], True
    return host


def _article_path(path: str) -> str:
    """The path without the AMP form's segments and endings."""
    _, segments, endings, _ = amp_forms()
    parts = [s for s in path.split("/") if s.lower() not in segments]
    if parts and parts[-1]:
        last = parts[-1].lower()
        for ending, instead in endings:
            if last.endswith(ending) and len(last) > len(ending):
                parts[-1] = parts[-1][:-len(ending)] + instead
                break
    return "/".join(parts)


DEFAULT_PORTS = {"http": 80, "https": 443, "": None}
_ESCAPE = re.compile(r"%[0-9a-fA-F]{2}")


def _tracking(name: str) -> bool:
    names, prefixes = tracking()
    n = unquote(name).strip().lower()
    return n in names or n.startswith(prefixes)


def url_key(url: str | None) -> str | None:
    """The address as compared: `http://WWW.X.com:80/a/?b=2&utm_source=t&a=1#top` -> `x.com/a?a=1&b=2`.

    Scheme (http and https are one address) and `www.` dropped, the phone and AMP forms folded onto the article
    (`m.`, `mobile.`, `amp.` hosts, `/amp/` segments, `.amp.html` endings, `?amp=1`: data, stop 40), host case-folded (a trailing dot, user info and the
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
    host = _site_host(host)
    if ":" in host:  # IPv6
        host = f"[{host}]"
    if port is not None and port not in (80, 443):
        host = f"{host}:{port}"
    path = _article_path(_ESCAPE.sub(lambda m: m.group(0).upper(), parts.path)).rstrip("/")
    params = sorted(_ESCAPE.sub(lambda m: m.group(0).upper(), p) for p in parts.query.split("&")
                    if p and not _tracking(p.split("=", 1)[0]) and not _amp_parameter(p))
    key = host + path + ("?" + "&".join(params) if params else "")
    if parts.fragment.startswith("!"):
        key += "#" + parts.fragment
    return key


def address_key(url: str | None, canonical: str | None = None) -> str | None:
    """The key of a source's address (stop 40): that of the page's own declared address (`source.canonical`, its
    `<link rel="canonical">` or `og:url`) when it is one of the same site and not the site's front page while the
    page is an article; else that of `url`. A declared address on another site (a re-post naming its original) or
    the front page (a template's default) is not taken: the store would fold another outlet's copy, or every
    article of a site, into one."""
    key = url_key(url)
    declared = url_key(canonical)
    if declared is None or declared == key or (_front_page(declared) and key is not None and not _front_page(key)):
        return key
    if key is not None and _site(key) != _site(declared):
        return key
    return declared


def _front_page(key: str) -> bool:
    """A key of a site's front page: a host alone, no path, no query."""
    return not any(c in key for c in "/?#")


def _site(key: str) -> str:
    return key.split("/", 1)[0].split("?", 1)[0]
