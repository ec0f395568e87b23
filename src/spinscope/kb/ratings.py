"""Import a user's outlet ratings into a KB file of media actors carrying `ratings`.

The package ships no third-party ratings. A user who has a ratings file (Media Bias/Fact Check's
JSON, the OpenSources list, the research labels of Baly et al., or a CSV of their own) turns it
into a KB YAML file and loads it with `--kb FILE`:

    spinscope kb import-ratings mbfc.json --format mbfc --source "MBFC" --date 2025-11-26 --out ratings.yaml

Entries are matched to the built-in media actors by web domain (lower case, scheme, `www.`, port
and path dropped; a subdomain matches its outlet: `edition.cnn.com` is CNN). A matched outlet is
written whole, as the built-in file has it, plus the rating, under the same id, so loading the
file overrides the built-in entry. An unmatched domain becomes a new media actor (id from the
domain, name from the file or the domain). Factuality and bias are kept apart; each rating
records its source's name and date, and the raw codes in `notes`.
"""
from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from . import Actor, KnowledgeBase, Rating, load_kb
from ..errors import DataFileError

FORMATS = ("mbfc", "opensources", "baly", "csv")
DEFAULT_SOURCE = {"mbfc": "Media Bias/Fact Check", "opensources": "OpenSources", "baly": "Baly et al. (ACL 2020)"}

# Media Bias/Fact Check codes (keys `b` bias and `r` factual reporting of its combined JSON)
MBFC_BIAS = {"L": "left", "LC": "left-center", "C": "least biased", "RC": "right-center", "R": "right",
             "CP": "conspiracy-pseudoscience", "FN": "questionable source", "PS": "pro-science", "S": "satire"}
MBFC_FACT = {"VH": "very high", "H": "high", "MF": "mostly factual", "M": "mixed", "L": "low", "VL": "very low"}
MBFC_CRED = {"H": "high", "M": "medium", "L": "low"}
# OpenSources labels: those about truthfulness go to `factuality`, those about slant to `bias`
OS_FACT = {"fake": "fake news", "unreliable": "unreliable", "conspiracy": "conspiracy theory", "junksci": "junk science",
           "rumor": "rumor mill", "clickbait": "clickbait", "satire": "satire", "reliable": "reliable"}
OS_BIAS = {"bias": "extreme bias", "political": "political", "hate": "hate news", "state": "state news"}
OS_TYPOS = {"fake news": "fake", "unrealiable": "unreliable", "satirical": "satire", "conspiracy theory": "conspiracy"}
# second-level labels under which a country's registrable domains sit ("bbc.co.uk", "abc.net.au")
_SECOND_LEVEL = {"co", "com", "org", "net", "ac", "gov", "edu", "go", "or", "ne", "gv"}


class RatingsError(DataFileError):
    """A ratings file that cannot be read: the message names the file and the entry or line."""


@dataclass
class Entry:
    """One outlet's rating as read from the user's file."""

    where: str  # "file:line" or "file: key" for messages
    domain: str | None
    name: str | None
    factuality: str | None
    bias: str | None
    notes: str | None = None
    alt_domains: list[str] = field(default_factory=list)


def normalize_domain(text: str | None) -> str | None:
    """'https://www.RT.com/news/1' -> 'rt.com'; None when it is not a domain."""
    if not text:
        return None
    s = text.strip().lower()
    s = re.sub(r"^[a-z][a-z0-9+.-]*://", "", s)
    s = s.lstrip("/")
    s = re.split(r"[/?#\s]", s, maxsplit=1)[0]
    s = s.rsplit("@", 1)[-1].split(":", 1)[0].strip(".")
    s = re.sub(r"^www\d*\.", "", s)
    try:
        s = s.encode("idna").decode("ascii") if not s.isascii() else s
    except UnicodeError:
        return None
    if "." not in s or not re.fullmatch(r"[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?", s) or ".." in s:
        return None
    return s


def _parents(domain: str) -> list[str]:
    """'edition.cnn.com' -> ['cnn.com']; stops at a registrable domain ('news.bbc.co.uk' -> ['bbc.co.uk'])."""
    labels = domain.split(".")
    out = []
    for i in range(1, len(labels) - 1):
        rest = labels[i:]
        if len(rest) == 2 and rest[0] in _SECOND_LEVEL and len(rest[1]) == 2:
            break
        out.append(".".join(rest))
    return out


def domain_slug(domain: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", domain.lower()).strip("-")


def _slug(name: str) -> str:
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower().replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-") or "outlet"


def _clean(value) -> str | None:
    if value is None:
        return None
    s = " ".join(str(value).split())
    return s or None


# ------------------------------------------------------------------------------------------
# Readers
# ------------------------------------------------------------------------------------------

def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise RatingsError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise RatingsError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def _read_json(path: Path):
    try:
        return json.loads(_read_text(path))
    except json.JSONDecodeError as exc:
        raise RatingsError(f"{path}:{exc.lineno}: not valid JSON: {exc.msg}") from None


def read_mbfc(path: Path) -> list[Entry]:
    """Media Bias/Fact Check's combined JSON: {"sources": {key: {"d", "n", "b", "r", "c", "q", "u"}}, "aliases": {...}}."""
    data = _read_json(path)
    if not isinstance(data, dict) or not isinstance(data.get("sources"), dict):
        raise RatingsError(f"{path}: not an MBFC file: expected an object with a `sources` object")
    qlabels = data.get("questionable") if isinstance(data.get("questionable"), dict) else {}
    aliases: dict[str, list[str]] = {}
    for alias, target in (data.get("aliases") or {}).items():
        a, t = normalize_domain(alias), normalize_domain(target)
        if a and t:
            aliases.setdefault(t, []).append(a)
    out = []
    for key, src in data["sources"].items():
        where = f"{path}: source {key!r}"
        if not isinstance(src, dict):
            raise RatingsError(f"{where}: expected an object")
        domain = normalize_domain(src.get("d")) or normalize_domain(key)
        name = _clean(src.get("n"))
        if domain is None and name is None:
            continue
        b, r, c = src.get("b"), src.get("r"), src.get("c")
        notes = [f"MBFC codes: bias {b or '-'}, factual {r or '-'}, credibility {c or '-'}"]
        if c in MBFC_CRED:
            notes.append(f"credibility {MBFC_CRED[c]}")
        reasons = [str(qlabels.get(q, q)) for q in src.get("q") or [] if q and q != "NA"]
        if reasons:
            notes.append("questionable for: " + ", ".join(reasons).lower())
        if src.get("u"):
            notes.append(str(src["u"]))
        out.append(Entry(where, domain, name, MBFC_FACT.get(r, _clean(r)), MBFC_BIAS.get(b, _clean(b)),
                         "; ".join(notes), aliases.get(domain, []) if domain else []))
    return out


def read_opensources(path: Path) -> list[Entry]:
    """The OpenSources list: {domain: {"type", "2nd type", "3rd type", "Source Notes (things to know?)"}}."""
    data = _read_json(path)
    if not isinstance(data, dict):
        raise RatingsError(f"{path}: not an OpenSources file: expected an object of domains")
    out = []
    for key, src in data.items():
        where = f"{path}: {key!r}"
        if not isinstance(src, dict):
            raise RatingsError(f"{where}: expected an object with `type`")
        domain = normalize_domain(key)
        if domain is None:
            continue
        labels = []
        for k in ("type", "2nd type", "3rd type"):
            lab = (_clean(src.get(k)) or "").lower()
            lab = OS_TYPOS.get(lab, lab)
            if lab and lab not in labels:
                labels.append(lab)
        fact = [OS_FACT[x] for x in labels if x in OS_FACT]
        bias = [OS_BIAS[x] for x in labels if x in OS_BIAS]
        other = [x for x in labels if x not in OS_FACT and x not in OS_BIAS]
        notes = ["OpenSources labels: " + ", ".join(labels)] if labels else []
        if other:
            notes.append("other labels: " + ", ".join(other))
        text = _clean(src.get("Source Notes (things to know?)") or src.get("notes"))
        if text:
            notes.append(text)
        out.append(Entry(where, domain, None, "; ".join(fact) or None, "; ".join(bias) or None, "; ".join(notes) or None))
    return out


def _rows(path: Path, delimiter: str) -> list[tuple[int, dict]]:
    text = _read_text(path)
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    if not reader.fieldnames:
        raise RatingsError(f"{path}:1: no header row")
    reader.fieldnames = [(f or "").strip().lower() for f in reader.fieldnames]
    rows = []
    try:
        for row in reader:
            rows.append((reader.line_num, {k: v for k, v in row.items() if k}))
    except csv.Error as exc:
        raise RatingsError(f"{path}:{reader.line_num}: {exc}") from None
    return rows


def read_baly(path: Path) -> list[Entry]:
    """Baly et al. (ACL 2020) TSV: source_url, source_url_normalized, ref, fact, bias."""
    rows = _rows(path, "\t")
    if rows and not {"fact", "bias"} <= set(rows[0][1]):
        raise RatingsError(f"{path}:1: not a Baly et al. TSV: expected columns fact and bias "
                           f"(found {', '.join(rows[0][1])})")
    out = []
    for line, row in rows:
        domain = normalize_domain(row.get("source_url_normalized")) or normalize_domain(row.get("source_url"))
        if domain is None:
            raise RatingsError(f"{path}:{line}: field `source_url`: {row.get('source_url')!r} is not a domain or URL")
        notes = f"Baly et al. labels: fact {row.get('fact') or '-'}, bias {row.get('bias') or '-'}"
        if row.get("ref"):
            notes += f"; {row['ref'].strip()}"
        out.append(Entry(f"{path}:{line}", domain, None, _clean(row.get("fact")), _clean(row.get("bias")), notes))
    return out


CSV_OUTLET = ("outlet", "domain", "url", "source_url", "website", "site")
CSV_FACT = ("factuality", "fact", "factual", "factual_reporting", "reliability")
CSV_BIAS = ("bias", "political_bias", "leaning")


def read_csv(path: Path) -> list[Entry]:
    """A CSV of the user's own: columns `outlet` or `domain`, `factuality`, `bias`, optional `name` and `notes`.
    An outlet given by name (no domain) is matched to the built-in actors by name or alias."""
    text = _read_text(path)
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = "\t" if first.count("\t") > first.count(",") else ";" if first.count(";") > first.count(",") else ","
    rows = _rows(path, delimiter)
    cols = set(rows[0][1]) if rows else set()
    if rows:
        if not cols & set(CSV_OUTLET):
            raise RatingsError(f"{path}:1: no `outlet` or `domain` column (found {', '.join(sorted(cols))})")
        if not cols & set(CSV_FACT + CSV_BIAS):
            raise RatingsError(f"{path}:1: no `factuality` or `bias` column (found {', '.join(sorted(cols))})")
    pick = lambda row, names: next((row[n] for n in names if (row.get(n) or "").strip()), None)  # noqa: E731
    out = []
    for line, row in rows:
        outlet = (pick(row, CSV_OUTLET) or "").strip()
        name = _clean(row.get("name"))
        if not outlet and not name:
            raise RatingsError(f"{path}:{line}: field `outlet`: empty")
        domain = normalize_domain(outlet) if outlet and " " not in outlet and "." in outlet else None
        if domain is None and outlet:
            name = name or outlet
        out.append(Entry(f"{path}:{line}", domain, name, _clean(pick(row, CSV_FACT)), _clean(pick(row, CSV_BIAS)),
                         _clean(row.get("notes"))))
    return out


READERS = {"mbfc": read_mbfc, "opensources": read_opensources, "baly": read_baly, "csv": read_csv}


# ------------------------------------------------------------------------------------------
# Matching and writing
# ------------------------------------------------------------------------------------------

@dataclass
class ImportReport:
    entries: int = 0
    matched: dict[str, str] = field(default_factory=dict)  # actor id -> the domain or name that matched
    new: int = 0
    skipped: int = 0  # unmatched entries left out (only_known) or extra entries for an outlet already rated


def _index(kb: KnowledgeBase) -> tuple[dict[str, Actor], dict[str, Actor]]:
    by_domain: dict[str, Actor] = {}
    by_name: dict[str, Actor] = {}
    for actor in kb:
        for d in actor.domains:
            nd = normalize_domain(d)
            if nd:
                by_domain.setdefault(nd, actor)
        if actor.type == "media":
            for n in (actor.id, *actor.names):
                by_name.setdefault(_fold(n), actor)
    return by_domain, by_name


def _fold(text: str) -> str:
    return re.sub(r"^the\s+", "", " ".join(text.split()).casefold())


def _match(entry: Entry, by_domain, by_name) -> tuple[Actor | None, int, str | None]:
    """The built-in outlet of an entry, a rank (lower is better) and what matched."""
    if entry.domain:
        for rank, d in enumerate([entry.domain, *entry.alt_domains]):
            if d in by_domain:
                actor = by_domain[d]
                return actor, (0 if rank == 0 else 1) * 100 + _pos(actor, d), d
        for p in _parents(entry.domain):
            if p in by_domain:
                return by_domain[p], 200 + _pos(by_domain[p], p), p
        return None, 0, None
    if entry.name and _fold(entry.name) in by_name:
        return by_name[_fold(entry.name)], 300, entry.name
    return None, 0, None


def _pos(actor: Actor, domain: str) -> int:
    norm = [normalize_domain(d) for d in actor.domains]
    return norm.index(domain) if domain in norm else 99


def import_ratings(path, fmt: str, source: str | None = None, date: str | None = None, only_known: bool = False,
                   kb: KnowledgeBase | None = None, report: ImportReport | None = None) -> list[Actor]:
    """Media actors carrying the ratings of a user's file: matched built-in outlets whole (same id) plus
    new outlets for unmatched domains (unless `only_known`). `kb` defaults to the built-in actors."""
    if fmt not in READERS:
        raise RatingsError(f"unknown ratings format {fmt!r} (known: {', '.join(FORMATS)})")
    path = Path(path)
    if date is not None:
        date = str(date)
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
            raise RatingsError(f"date {date!r}: expected YYYY-MM-DD")
    source = source or DEFAULT_SOURCE.get(fmt) or path.stem
    entries = READERS[fmt](path)
    if date is None and fmt == "mbfc":
        data = _read_json(path)
        m = re.match(r"\d{4}-\d{2}-\d{2}", str(data.get("date") or ""))
        date = m.group(0) if m else None
    kb = kb if kb is not None else load_kb()
    report = report if report is not None else ImportReport()
    report.entries = len(entries)
    by_domain, by_name = _index(kb)
    best: dict[str, tuple[int, Entry, Actor]] = {}
    new: dict[str, Actor] = {}
    taken = set(kb.actors)
    for entry in entries:
        if entry.factuality is None and entry.bias is None:
            report.skipped += 1
            continue
        actor, rank, what = _match(entry, by_domain, by_name)
        if actor is not None:
            prev = best.get(actor.id)
            if prev is None or rank < prev[0]:
                best[actor.id] = (rank, entry, actor)
                report.matched[actor.id] = what
            report.skipped += prev is not None
            continue
        if only_known:
            report.skipped += 1
            continue
        key = entry.domain or _fold(entry.name or "")
        if key in new:
            report.skipped += 1
            continue
        base = domain_slug(entry.domain) if entry.domain else _slug(entry.name or "outlet")
        aid, n = base, 2
        while aid in taken:
            aid, n = f"{base}-{n}", n + 1
        taken.add(aid)
        new[key] = Actor(id=aid, name=entry.name or entry.domain, type="media",
                         domains=[entry.domain] if entry.domain else [],
                         ratings=[_rating(entry, source, date)])
    report.new = len(new)
    out = []
    for rank, entry, actor in sorted(best.values(), key=lambda t: t[2].id):
        out.append(replace(actor, ratings=[*actor.ratings, _rating(entry, source, date)], aliases=list(actor.aliases),
                           demonyms=list(actor.demonyms), domains=list(actor.domains), lines={}))
    out.extend(sorted(new.values(), key=lambda a: a.id))
    return out


def _rating(entry: Entry, source: str, date: str | None) -> Rating:
    notes = entry.notes
    if entry.domain:
        notes = f"{entry.domain}: {notes}" if notes else entry.domain
    return Rating(source=source, date=date, factuality=entry.factuality, bias=entry.bias, notes=notes)


def actor_to_dict(actor: Actor) -> dict:
    """An actor as a KB file entry: the fields that are set, in the documented order."""
    d: dict = {"id": actor.id, "name": actor.name, "type": actor.type}
    for key in ("country", "code", "role", "affiliation", "gender"):
        if getattr(actor, key):
            d[key] = getattr(actor, key)
    for key in ("aliases", "demonyms", "domains"):
        if getattr(actor, key):
            d[key] = list(getattr(actor, key))
    if actor.note:
        d["note"] = actor.note
    if actor.since:
        d["since"] = actor.since
    if actor.died:
        d["died"] = actor.died
    if actor.not_before:
        d["not_before"] = list(actor.not_before)
    if actor.not_after:
        d["not_after"] = list(actor.not_after)
    if actor.titles:
        d["titles"] = list(actor.titles)
    if actor.ratings:
        d["ratings"] = [{k: v for k, v in (("source", r.source), ("date", r.date), ("factuality", r.factuality),
                                            ("bias", r.bias), ("notes", r.notes)) if v is not None}
                        for r in actor.ratings]
    return d


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper, value: str):
    # dates stay strings ("2025-11-26" would load back as a date object otherwise)
    style = "'" if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(list, lambda d, v: d.represent_sequence(
    "tag:yaml.org,2002:seq", v, flow_style=all(isinstance(x, str) for x in v)))
_Dumper.add_representer(dict, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v, flow_style=False))


def write_kb(actors: list[Actor], out_path, header: str | None = None) -> Path:
    """Write actors as a KB YAML file (`{actors: [...]}`) that `load_kb([out_path])` reads back."""
    out_path = Path(out_path)
    lines = ["# spinscope actor knowledge base file (format: docs/actors.md)."]
    if header:
        lines += [f"# {x}" if x else "#" for x in header.splitlines()]
    body = yaml.dump({"actors": [actor_to_dict(a) for a in actors]}, Dumper=_Dumper, sort_keys=False,
                     allow_unicode=True, width=120)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text("\n".join(lines) + "\n" + body, encoding="utf-8")
    return out_path
