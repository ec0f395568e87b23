"""Actor mentions against hand-made gold (`bench/gold/entities/*.yaml`): spinscope vs plain spaCy NER.

    .venv/bin/python bench/entities.py             # the tables
    .venv/bin/python bench/entities.py --errors    # also list misses, false alarms, wrong types and links
    .venv/bin/python bench/entities.py --json      # the tables, then the figures as JSON

Systems, both given the same documents (read by spinscope's readers, cleaned by its `clean` stage):
- spinscope: `Pipeline(stages=["clean", "parse", "entities"])`, its `doc.entities`. Until an
  `entities` stage is registered this row is empty and the table says so.
- plain: `en_core_web_sm` NER over the same segments the `parse` stage parses (title, body
  paragraphs, comments), labels PERSON, NORP, ORG, GPE, LOC and FAC only (numbers, dates, works,
  laws, events are not actors). Type map: PERSON -> person, NORP -> nationality, ORG ->
  organization, GPE -> state, LOC/FAC -> place. Its "merge": mentions with the same lower-cased
  text (possessive and leading "the" dropped) form one entity. It links nothing (kb column "-").

Gold: one YAML file per document (format in `bench/gold/entities/README.md`). Mentions are surface
strings with an occurrence index, resolved to offsets in the text spinscope's reader produces.

Scored region. Gold counts in the title and the body as the `clean` stage finds them, and in
the comments when the gold covers comments; a gold mention elsewhere (boilerplate, a headline
`clean` missed) is left out of every figure and counted as "out of scope". A predicted mention
counts for precision when it lies in the title or body, in a comment the gold covers fully, or in
any comment when its text is one of the gold's covered strings (`coverage.strings`), or when it
overlaps a scored gold mention. Other predicted mentions in comments are ignored for partial gold.
A predicted mention nested strictly inside a matched gold mention is ignored (neither right nor wrong).

Matching. Spans are first trimmed (whitespace, quotes, brackets, "#", "@", trailing punctuation,
possessive 's). A predicted mention matches a gold mention when the trimmed spans are equal OR
they overlap by at least 50% of the longer one; matching is one-to-one, exact pairs first, then
by overlap. "exact" is the share of matches with equal trimmed spans.

Figures (micro: counts pooled over documents):
- P, R, F1 of mentions;
- type: share of matched mentions whose predicted entity type equals the gold type; type~ the
  same on coarse classes (person+commenter / state+place / organisations of any kind / nationality);
- merge P/R, pairwise over matched gold mentions: gold pairs are two mentions of one gold entity,
  predicted pairs are two matched gold mentions whose predicted partners are in one predicted
  entity (detection errors do not count twice);
- kb: among matched gold mentions whose gold entity has a kb id, the share whose predicted entity
  carries that kb id (or a kb id whose actor's name or alias equals the gold name, so a renamed
  slug still counts). `kb_recall` in the JSON divides by every scored gold mention with a kb id.

Seeds live in the shared folder; without it they are skipped and the examples still run.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from functools import partial
from itertools import combinations
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._common import (ROOT, bench_parser, emit, ensure_spinscope, match_spans, result_notes,  # noqa: E402
                           shared_dir, table)

ensure_spinscope()

GOLD_DIR = ROOT / "bench" / "gold" / "entities"
TYPES = ("person", "state", "government", "military", "armed_group", "designated_group", "igo", "media",
         "party", "organization", "place", "nationality", "commenter", "other")
COARSE = {"person": "person", "commenter": "person", "state": "location", "place": "location",
          "nationality": "nationality", "other": "other"}
COARSE.update({t: "organization" for t in ("government", "military", "armed_group", "designated_group", "igo",
                                           "media", "party", "organization")})
PLAIN_LABELS = {"PERSON": "person", "NORP": "nationality", "ORG": "organization", "GPE": "state",
                "LOC": "place", "FAC": "place"}
SYSTEMS = ("spinscope", "plain")


# --------------------------------------------------------------------------------------- gold files

class GoldError(ValueError):
    """A gold file that cannot be used: the message names the file and the entity or mention."""


@dataclass
class GoldMention:
    text: str
    occurrence: int = 1
    start: int | None = None  # filled by `resolve`
    end: int | None = None


@dataclass
class GoldEntity:
    name: str
    type: str
    kb_id: str | None
    mentions: list[GoldMention] = field(default_factory=list)


@dataclass
class Gold:
    path: Path
    doc: str  # "examples/txt/x.txt", "examples/corpus.jsonl#2" or "shared/corpus/seeds/<stem>.txt"
    partial: bool
    covers: list[str]  # segments covered exhaustively: title, body, comments
    comment_ids: list[str]  # comments covered exhaustively when `comments` is not in covers
    strings: list[str]  # surface strings covered wherever they stand in comments
    kinds: list[str]  # what the partial comment coverage lists, in words (documentation)
    entities: list[GoldEntity]
    ignore: list[GoldMention] = field(default_factory=list)  # doubtful strings: predictions there are not scored
    ignored: list[tuple[int, int]] = field(default_factory=list)  # their offsets, filled by `resolve`

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def covers_comments(self) -> bool:
        return "comments" in self.covers or bool(self.comment_ids) or bool(self.strings)


def load_gold(path: Path) -> Gold:
    import yaml

    where = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("doc"), str):
        raise GoldError(f"{where}: needs a `doc` string")
    coverage = data.get("coverage") or {}
    covers = list(data.get("covers") or ["title", "body"])
    bad = set(covers) - {"title", "body", "comments"}
    if bad:
        raise GoldError(f"{where}: covers: unknown segment(s) {sorted(bad)}")
    partial = bool(data.get("partial", False))
    if partial and not coverage:
        raise GoldError(f"{where}: partial gold needs a `coverage` mapping (kinds, comments, strings)")
    entities = []
    for i, e in enumerate(data.get("entities") or []):
        label = f"{where}: entity {i + 1}"
        if not isinstance(e, dict) or not isinstance(e.get("name"), str):
            raise GoldError(f"{label}: needs a name")
        label = f"{where}: entity {e['name']!r}"
        if e.get("type") not in TYPES:
            raise GoldError(f"{label}: type {e.get('type')!r} is not one of {', '.join(TYPES)}")
        kb_id = e.get("kb_id")
        if kb_id is not None and not (isinstance(kb_id, str) and re.fullmatch(r"[a-z0-9][a-z0-9-]*", kb_id)):
            raise GoldError(f"{label}: kb_id {kb_id!r} must be null or a lower-case slug")
        mentions = []
        for m in e.get("mentions") or []:
            if isinstance(m, str):
                mentions.append(GoldMention(m, 1))
            elif isinstance(m, dict) and isinstance(m.get("text"), str):
                occ = m.get("occurrences", [m.get("occurrence", 1)])
                if not isinstance(occ, list) or not all(isinstance(o, int) and o >= 1 for o in occ):
                    raise GoldError(f"{label}: mention {m['text']!r}: occurrence must be an integer >= 1")
                mentions.extend(GoldMention(m["text"], o) for o in occ)
            else:
                raise GoldError(f"{label}: mention {m!r}: a string or {{text, occurrence}}")
        if not mentions:
            raise GoldError(f"{label}: no mentions")
        entities.append(GoldEntity(e["name"], e["type"], kb_id, mentions))
    ignore = []
    for m in data.get("ignore") or []:
        if isinstance(m, str):
            ignore.append(GoldMention(m, 0))  # occurrence 0: every occurrence
        elif isinstance(m, dict) and isinstance(m.get("text"), str) and isinstance(m.get("occurrence", 1), int):
            ignore.append(GoldMention(m["text"], m.get("occurrence", 1)))
        else:
            raise GoldError(f"{where}: ignore: {m!r}: a string or {{text, occurrence}}")
    return Gold(path=path, doc=data["doc"], partial=partial, covers=covers,
                comment_ids=[str(c) for c in coverage.get("comments") or []],
                strings=[str(s) for s in coverage.get("strings") or []],
                kinds=[str(k) for k in coverage.get("kinds") or []], entities=entities, ignore=ignore)


def gold_files(folder: Path = GOLD_DIR) -> list[Path]:
    return sorted(folder.glob("*.yaml"))


def occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    """Where `surface` stands in `text`: case-sensitive, not glued to a letter, digit or `_` on either side."""
    pat = re.compile(r"(?<!\w)" + re.escape(surface) + r"(?!\w)")
    return [(m.start(), m.end()) for m in pat.finditer(text)]


def resolve(gold: Gold, text: str) -> list[str]:
    """Give every gold mention its offsets in `text`; the problems (empty list when all resolve)."""
    problems, cache, seen = [], {}, {}
    for ent in gold.entities:
        for m in ent.mentions:
            found = cache.setdefault(m.text, occurrences(text, m.text))
            if m.occurrence > len(found):
                problems.append(f"{gold.name}: {ent.name}: {m.text!r} occurrence {m.occurrence} not found "
                                f"({len(found)} in the text)")
                m.start = m.end = None
                continue
            m.start, m.end = found[m.occurrence - 1]
            key = (m.start, m.end)
            if key in seen:
                problems.append(f"{gold.name}: {m.text!r} occurrence {m.occurrence} listed twice "
                                f"({seen[key]} and {ent.name})")
            seen[key] = ent.name
    gold.ignored = []
    for m in gold.ignore:
        found = cache.setdefault(m.text, occurrences(text, m.text))
        if not found or m.occurrence > len(found):
            problems.append(f"{gold.name}: ignore: {m.text!r} occurrence {m.occurrence or 1} not found")
            continue
        gold.ignored.extend(found if m.occurrence == 0 else [found[m.occurrence - 1]])
    return problems


def coverage_problems(gold: Gold, doc) -> list[str]:
    """Occurrences (any letter case) of a covered string in the comments that the gold does not list.

    `doc` must have been through the `clean` stage and `gold` through `resolve`. An occurrence is
    accounted for when a gold mention covers it or an ignored span overlaps it.
    """
    if not gold.strings:
        return []
    comments = scope_regions(doc, gold)["comments"]
    listed = [(m.start, m.end) for e in gold.entities for m in e.mentions if m.start is not None]
    out = []
    for surface in gold.strings:
        pat = re.compile(r"(?<!\w)" + re.escape(surface) + r"(?!\w)", re.IGNORECASE)
        for m in pat.finditer(doc.text):
            s, e = m.span()
            if not _inside(comments, s, e):
                continue
            if _inside(listed, s, e) or any(min(e, b) > max(s, a) for a, b in gold.ignored):
                continue
            out.append(f"{gold.name}: covered string {surface!r} at {s} ({doc.text[s:e]!r}) is not listed")
    return out


def ambiguous_bare_strings(path: Path, text: str) -> list[str]:
    """Mentions written as a bare string although the string occurs several times (occurrence 1 implied)."""
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = []
    for e in data.get("entities") or []:
        for m in e.get("mentions") or []:
            if isinstance(m, str) and len(occurrences(text, m)) > 1:
                out.append(f"{path.stem}: {e['name']}: bare {m!r} occurs {len(occurrences(text, m))} times; "
                           f"give {{text, occurrence}}")
    return out


# ------------------------------------------------------------------------------------ documents

def doc_location(doc_key: str, shared: Path | None) -> tuple[Path | None, int | None]:
    """The file a gold `doc` names (None when it is in an absent shared folder) and its record number."""
    key, _, record = doc_key.partition("#")
    if key.startswith("shared/"):
        if shared is None:
            return None, None
        path = Path(shared) / key[len("shared/"):]
    else:
        path = ROOT / key
    return path, int(record) if record else None


def read_document(doc_key: str, shared: Path | None):
    """The unprocessed Document a gold file is about, or None when its file is absent."""
    from spinscope.ingest import read
    from spinscope.model import Document

    path, record = doc_location(doc_key, shared)
    if path is None or not path.exists():
        return None
    docs = [d for d in read([path]) if isinstance(d, Document)]
    if record is None:
        return docs[0] if len(docs) == 1 else None
    suffix = f"#{record}"
    return next((d for d in docs if (d.source.path or "").endswith(suffix)), None)


def gold_documents(paths: list[Path], load_gold, shared: Path | None, skipped: list[str]):
    """(gold, unprocessed Document) per gold file, loaded by `load_gold`; an absent document is noted in `skipped`."""
    for path in paths:
        gold = load_gold(path)
        doc = read_document(gold.doc, shared)
        if doc is None:
            skipped.append(f"{gold.name}: {gold.doc} is absent")
            continue
        yield gold, doc


# ---------------------------------------------------------------------------------------- scoring

@dataclass
class Mention:
    start: int
    end: int
    entity: int  # index of its entity in the list given to `score`


@dataclass
class Ent:
    """An entity as scored: gold or predicted."""

    name: str
    type: str
    kb_id: str | None
    mentions: list[tuple[int, int]]


_EDGE = "\"'“”‘’«»()[]{}#@.,;:!?*–—-"


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without surrounding blanks, quotes, brackets, punctuation and a possessive 's."""
    for _ in range(3):
        while start < end and (text[start].isspace() or text[start] in _EDGE):
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in _EDGE):
            end -= 1
        if end - start > 2 and text[end - 2] in "'’" and text[end - 1] in "sS":
            end -= 2
    return start, end


def _inside(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(a <= s and e <= b for a, b in spans)


def scope_regions(doc, gold: Gold) -> dict:
    """Where gold counts (`recall`) and where every predicted mention counts (`full`) for this document."""
    full: list[tuple[int, int]] = []
    if doc.title and "title" in gold.covers:
        full.append((doc.title.start, doc.title.end))
    if "body" in gold.covers:
        full.extend((b.start, b.end) for b in doc.body)
    comments: list[tuple[int, int]] = []
    for c in doc.comments:
        parts = [(c.start, c.end)] + ([(c.author_span.start, c.author_span.end)] if c.author_span else [])
        comments.extend(parts)
        if "comments" in gold.covers or c.id in gold.comment_ids:
            full.extend(parts)
    recall = full + (comments if gold.covers_comments else [])
    return {"full": full, "comments": comments if gold.covers_comments else [], "recall": recall}


def score(text: str, gold: list[Ent], pred: list[Ent], regions: dict | None = None,
          strings: list[str] | tuple = (), kb=None, ignored: list[tuple[int, int]] | tuple = ()) -> dict:
    """Count matches, types, merges and links of `pred` against `gold` over one text.

    `regions` (from `scope_regions`) limits what is scored; None scores the whole text.
    `strings`: surface forms scored wherever they stand in `regions["comments"]`.
    `kb`: a KnowledgeBase, to accept a predicted kb id whose actor carries the gold name.
    `ignored`: spans of doubtful strings; an unmatched predicted mention overlapping one is not scored.
    """
    whole = [(0, len(text))]
    regions = regions or {"full": whole, "comments": [], "recall": whole}
    covered = {_norm(s) for s in strings}
    g_ms: list[Mention] = []
    out_of_scope = 0
    for i, ent in enumerate(gold):
        for s, e in ent.mentions:
            s, e = trim(text, s, e)
            if _inside(regions["recall"], s, e):
                g_ms.append(Mention(s, e, i))
            else:
                out_of_scope += 1
    p_all = [Mention(*trim(text, s, e), i) for i, ent in enumerate(pred) for s, e in ent.mentions]
    p_all = [m for m in p_all if m.end > m.start]

    def overlap(a: Mention, b: Mention) -> int:
        return max(0, min(a.end, b.end) - max(a.start, b.start))

    g2p, p2g, exact_n = match_spans([(m.start, m.end) for m in g_ms], [(m.start, m.end) for m in p_all])

    # which predicted mentions count for precision
    matched_gold_spans = [(g_ms[gi].start, g_ms[gi].end) for gi in g2p]
    counted, false_alarms = [], []
    for pi, p in enumerate(p_all):
        if pi in p2g:
            counted.append(pi)
            continue
        if _inside(matched_gold_spans, p.start, p.end):
            continue  # nested inside a gold mention already matched
        if any(min(p.end, b) > max(p.start, a) for a, b in ignored):
            continue  # a doubtful string the gold neither requires nor forbids
        in_scope = (_inside(regions["full"], p.start, p.end)
                    or (_inside(regions["comments"], p.start, p.end) and _norm(text[p.start:p.end]) in covered)
                    or any(overlap(p, g) for g in g_ms))
        if in_scope:
            counted.append(pi)
            false_alarms.append(pi)

    type_ok = coarse_ok = 0
    kb_n = kb_ok = kb_spurious = 0
    errors: dict[str, list] = {"missed": [], "false": [], "type": [], "kb": []}
    for gi, g in enumerate(g_ms):
        ge = gold[g.entity]
        if gi not in g2p:
            errors["missed"].append(f"{text[g.start:g.end]}@{g.start} ({ge.type})")
            continue
        pe = pred[p_all[g2p[gi]].entity]
        if pe.type == ge.type:
            type_ok += 1
        else:
            errors["type"].append(f"{text[g.start:g.end]}@{g.start}: {pe.type} for {ge.type}")
        coarse_ok += COARSE.get(pe.type, pe.type) == COARSE.get(ge.type, ge.type)
        if ge.kb_id:
            kb_n += 1
            if kb_match(ge, pe, kb):
                kb_ok += 1
            else:
                errors["kb"].append(f"{text[g.start:g.end]}@{g.start}: {pe.kb_id} for {ge.kb_id}")
        elif pe.kb_id:
            kb_spurious += 1
    for pi in false_alarms:
        p = p_all[pi]
        errors["false"].append(f"{text[p.start:p.end]}@{p.start} ({pred[p.entity].type})")

    # pairwise merges over matched gold mentions
    matched = sorted(g2p)
    g_pairs = p_pairs = both = 0
    for a, b in combinations(matched, 2):
        same_g = g_ms[a].entity == g_ms[b].entity
        same_p = p_all[g2p[a]].entity == p_all[g2p[b]].entity
        g_pairs += same_g
        p_pairs += same_p
        both += same_g and same_p
    return {"gold": len(g_ms), "pred": len(counted), "tp": len(g2p), "exact_n": exact_n,
            "type_ok": type_ok, "coarse_ok": coarse_ok, "merge_gold": g_pairs, "merge_pred": p_pairs,
            "merge_both": both, "kb_n": kb_n, "kb_ok": kb_ok, "kb_gold": sum(1 for g in g_ms if gold[g.entity].kb_id),
            "kb_spurious": kb_spurious, "out_of_scope": out_of_scope, "errors": errors}


def _norm(s: str) -> str:
    s = re.sub(r"\s+", " ", s).strip(_EDGE + " ").casefold()
    s = re.sub(r"['’]s$", "", s)
    return re.sub(r"^the ", "", s)


def kb_match(gold: Ent, pred: Ent, kb=None) -> bool:
    """The predicted entity links to the gold actor: same slug, or a slug whose actor bears the gold name."""
    if not pred.kb_id:
        return False
    if pred.kb_id == gold.kb_id:
        return True
    actor = kb.get(pred.kb_id) if kb is not None else None
    names = {_norm(n) for n in actor.names} if actor else set()
    return _norm(gold.name) in names


def ratios(c: dict) -> dict:
    """P, R, F1 and the other shares of pooled counts (None where a share has no denominator)."""
    div = lambda a, b: round(a / b, 3) if b else None  # noqa: E731
    p, r = div(c["tp"], c["pred"]), div(c["tp"], c["gold"])
    f1 = round(2 * p * r / (p + r), 3) if p and r else (0.0 if p is not None and r is not None else None)
    return {"p": p, "r": r, "f1": f1, "exact": div(c["exact_n"], c["tp"]), "type": div(c["type_ok"], c["tp"]),
            "type_coarse": div(c["coarse_ok"], c["tp"]), "merge_p": div(c["merge_both"], c["merge_pred"]),
            "merge_r": div(c["merge_both"], c["merge_gold"]), "kb": div(c["kb_ok"], c["kb_n"]),
            "kb_recall": div(c["kb_ok"], c["kb_gold"])}


COUNT_KEYS = ("gold", "pred", "tp", "exact_n", "type_ok", "coarse_ok", "merge_gold", "merge_pred", "merge_both",
              "kb_n", "kb_ok", "kb_gold", "kb_spurious", "out_of_scope")


def pool(counts: list[dict]) -> dict:
    return {k: sum(c[k] for c in counts) for k in COUNT_KEYS}


# ------------------------------------------------------------------------------------- systems

def gold_ents(gold: Gold) -> list[Ent]:
    return [Ent(e.name, e.type, e.kb_id, [(m.start, m.end) for m in e.mentions if m.start is not None])
            for e in gold.entities]


def spinscope_ents(doc) -> list[Ent]:
    return [Ent(e.name, e.type, e.kb_id, [(m.start, m.end) for m in e.mentions]) for e in doc.entities]


def plain_ents(doc, nlp) -> list[Ent]:
    """en_core_web_sm entities over the parse stage's segments, merged by identical lower-cased text."""
    from spinscope.extract.parse import segments

    groups: dict[str, Ent] = {}
    for start, end, _kind in segments(doc):
        for ent in nlp(doc.text[start:end]).ents:
            typ = PLAIN_LABELS.get(ent.label_)
            if typ is None:
                continue
            s, e = start + ent.start_char, start + ent.end_char
            key = _norm(doc.text[s:e])
            if key not in groups:
                groups[key] = Ent(doc.text[s:e], typ, None, [])
            groups[key].mentions.append((s, e))
    return list(groups.values())


def plain_nlp():
    """A fresh en_core_web_sm, not the process-wide one a stage may have added components to."""
    from spinscope.nlp import load_nlp

    return load_nlp.__wrapped__(("parser", "lemmatizer"))


def entities_stage_available() -> bool:
    from spinscope.pipeline import STAGES, load_stage_modules

    load_stage_modules()
    return "entities" in STAGES


def run(shared: Path | None = None, *, golds: list[Path] | None = None, systems=SYSTEMS) -> dict:
    """Score every gold document; {"docs": [...], "overall": {system: figures}, "skipped": [...], ...}."""
    from spinscope import Pipeline

    shared = Path(shared) if shared else shared_dir()
    has_entities = entities_stage_available()
    order = ["clean", "parse", "entities"] if has_entities else ["clean"]
    pipeline = Pipeline(stages=order)
    kb = None
    try:
        from spinscope.kb import load_kb
        kb = load_kb()
    except Exception:  # noqa: BLE001 - the KB is optional for scoring
        kb = None
    nlp = plain_nlp() if "plain" in systems else None
    docs_out, skipped, problems = [], [], []
    per_system: dict[str, list[dict]] = {s: [] for s in systems}
    for gold, doc in gold_documents(golds if golds is not None else gold_files(), load_gold, shared, skipped):
        problems.extend(resolve(gold, doc.text))
        doc = pipeline(doc)
        regions = scope_regions(doc, gold)
        gents = gold_ents(gold)
        row = {"gold": gold.name, "doc": gold.doc, "partial": gold.partial, "systems": {}}
        for system in systems:
            if system == "spinscope":
                if not has_entities:
                    continue
                pents = spinscope_ents(doc)
            else:
                pents = plain_ents(doc, nlp)
            c = score(doc.text, gents, pents, regions, gold.strings, kb, gold.ignored)
            per_system[system].append(c)
            row["systems"][system] = {**{k: c[k] for k in COUNT_KEYS}, **_ratios(system, c), "errors": c["errors"]}
        docs_out.append(row)
    overall = {}
    for system in systems:
        if per_system[system]:
            counts = pool(per_system[system])
            overall[system] = {**counts, **_ratios(system, counts)}
        else:
            overall[system] = None
    return {"docs": docs_out, "overall": overall, "skipped": skipped, "gold_problems": problems,
            "systems": list(systems), "entities_stage": has_entities, "kb_actors": len(kb) if kb is not None else None,
            "matching": "trimmed spans equal, or overlap >= 50% of the longer span; one-to-one"}


def _ratios(system: str, counts: dict) -> dict:
    out = ratios(counts)
    if system == "plain":  # plain spaCy links nothing: no kb figure rather than a zero
        out["kb"] = out["kb_recall"] = None
    return out


def _f(v) -> str:
    return "-" if v is None else f"{v:.3f}"


def render(result: dict, *, errors: bool = False) -> str:
    head = ["doc", "system", "gold", "pred", "P", "R", "F1", "exact", "type", "type~", "mergeP", "mergeR", "kb"]
    rows = []
    for d in result["docs"]:
        name = d["gold"] + (" (partial)" if d["partial"] else "")
        for system in result["systems"]:
            s = d["systems"].get(system)
            if s is None:
                if system == "spinscope":
                    rows.append([name, system] + ["-"] * (len(head) - 2))
                continue
            rows.append([name, system, s["gold"], s["pred"], _f(s["p"]), _f(s["r"]), _f(s["f1"]), _f(s["exact"]),
                         _f(s["type"]), _f(s["type_coarse"]), _f(s["merge_p"]), _f(s["merge_r"]),
                         "-" if system == "plain" else _f(s["kb"])])
            name = ""
    lines = [table(head, rows, align="llrrrrrrrrrrr"), ""]
    orow = []
    for system in result["systems"]:
        o = result["overall"].get(system)
        if o is None:
            orow.append([system] + ["-"] * (len(head) - 2))
            continue
        orow.append([system, o["gold"], o["pred"], _f(o["p"]), _f(o["r"]), _f(o["f1"]), _f(o["exact"]), _f(o["type"]),
                     _f(o["type_coarse"]), _f(o["merge_p"]), _f(o["merge_r"]),
                     "-" if system == "plain" else _f(o["kb"])])
    lines.append("overall (micro)")
    lines.append(table(head[1:], orow, align="lrrrrrrrrrrr"))
    lines.append("")
    if not result["entities_stage"] and "spinscope" in result["systems"]:
        lines.append("spinscope: no `entities` stage is registered yet; its rows are empty.")
    o = result["overall"].get("spinscope")
    if o:
        lines.append(f"spinscope kb links: {o['kb_ok']}/{o['kb_n']} matched gold mentions with a kb id "
                     f"({o['kb_ok']}/{o['kb_gold']} of all scored ones); {o['kb_spurious']} links where gold has none; "
                     f"KB holds {result['kb_actors']} actors")
    any_o = next((v for v in result["overall"].values() if v), None)
    if any_o:
        lines.append(f"gold mentions out of scope (boilerplate, undetected title): {any_o['out_of_scope']}")
    lines.append(f"matching: {result['matching']}")
    lines += result_notes(result, ("missed", "false", "type", "kb") if errors else (), error_counts=True)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = bench_parser(__doc__, "bench/gold/entities", json="also print the figures as JSON",
                      errors="list every miss, false alarm, type and link error")
    ap.add_argument("--system", choices=SYSTEMS, action="append", help="only this system (repeatable)")
    args = ap.parse_args(argv)
    result = run(golds=[p.resolve() for p in args.gold] or None, systems=tuple(args.system or SYSTEMS))
    return emit(result, partial(render, errors=args.errors), args.json)


if __name__ == "__main__":
    sys.exit(main())
