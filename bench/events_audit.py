"""Events on real articles nobody here wrote, against a recorded audit (`bench/gold/events_audit_fresh5.yaml`).

    .venv/bin/python bench/events_audit.py            # precision against the recorded verdicts
    .venv/bin/python bench/events_audit.py --audit bench/gold/events_audit_fresh4.yaml  # the one reported before it
    .venv/bin/python bench/events_audit.py --list     # also list every event (new/changed flagged)
    .venv/bin/python bench/events_audit.py --draft    # print the current events as audit entries to judge
    .venv/bin/python bench/events_audit.py --json     # the figures as JSON after the table
    .venv/bin/python bench/events_audit.py --all [--save OUT.json]   # every audit, and the held-out ones pooled
    .venv/bin/python bench/events_audit.py --compare BEFORE.json AFTER.json   # what changed between two --save runs

The audit file names the articles (PTC, PolNeAR and LGL files under `shared/corpus/`; since stop 41 Dragnet pages,
read by the product's HTML reader) and, per event the
pipeline produced when the audit was made, its trigger offsets, the trigger words, type, actor and
target names, and a verdict (`ok` or `wrong`) with the reason. It holds no article text beyond the
trigger words. A verdict is `ok` when the type is right for what the sentence tells and the actor and
target given are right (a missing one is not wrong; a wrong one is).

The script runs the pipeline (stages up to `events`) on those articles again and matches each event
to the audited one with the same trigger offsets:
- same type, actor and target: the recorded verdict counts;
- the same trigger with another type, actor or target: `changed` (no verdict: judge it again; a second pass
  adds its entry beside the first pass's, at the same offsets, so that both versions score on the file);
- no audited event at that trigger: `new`; an audited event no longer produced: `gone`.
Precision = ok / (ok + wrong) over the events still produced unchanged. Changed and new events are
listed so that the audit can be extended; gone events with an `ok` verdict are lost recall.
"""
from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._common import ROOT, bench_parser, dump_json, ensure_spinscope, shared_dir, table  # noqa: E402

ensure_spinscope()

# The reported audit: held out, its articles chosen by a rule committed before round 9 changed anything
# and its events judged once after the last change (issue 17, branch events15). The ones reported before
# it (events_audit_fresh4.yaml, round 8; events_audit_fresh3.yaml, rounds 6-7; events_audit_fresh2.yaml,
# round 5; events_audit_fresh.yaml, round 4; events_audit.yaml) stay runnable with --audit.
# Round 10 added a second held-out audit, events_audit_fresh6.yaml (--audit); since then fresh to fresh4 are
# training data of the sense model (tools/train_event_sense.py), no longer held out.
AUDIT = ROOT / "bench" / "gold" / "events_audit_fresh5.yaml"


def _name(doc, ent_id) -> str | None:
    if ent_id is None:
        return None
    ent = next((e for e in doc.entities if e.id == ent_id), None)
    return ent.name if ent else ent_id


def run_articles(paths: list[str], shared: Path) -> dict[str, list[dict]]:
    """Events per article path (relative to shared/corpus): trigger offsets, words, type, names, mode."""
    from spinscope.model import Document, Source
    from spinscope.pipeline import Pipeline

    pipe = Pipeline(targets=["events"])
    out = {}
    for rel in paths:
        doc = pipe(_read_article(shared / "corpus" / rel, rel, Document, Source))
        text = doc.text
        out[rel] = [{"start": e.trigger.start, "end": e.trigger.end, "trigger": text[e.trigger.start:e.trigger.end],
                     "type": e.type, "actor": _name(doc, e.actor), "target": _name(doc, e.target), "mode": e.mode,
                     "sentence": (e.start, e.end), "text": text} for e in doc.events]
    return out


def _read_article(path: Path, rel: str, Document, Source):
    """A text file as it is; a web page (fresh21's Dragnet pages, `.html.gz`) through the product's own reader, as
    an analyst's `spinscope analyze PAGE` reads it (its text, title and metadata), named by its corpus path."""
    if not path.name.endswith((".html", ".html.gz")):
        return Document(path.read_text(encoding="utf-8"), Source(path=rel))
    from spinscope.ingest import read

    doc = next(read(path))
    if not isinstance(doc, Document):
        raise SystemExit(f"{rel}: {doc}")
    doc.source.path = rel
    return doc


def _key(e: dict) -> tuple:
    return e["type"], e.get("actor"), e.get("target")


def evaluate(audit_path: Path = AUDIT) -> dict | None:
    import yaml

    shared = shared_dir()
    if shared is None:
        return None
    audit = yaml.safe_load(audit_path.read_text(encoding="utf-8"))
    by_doc: dict[str, list[dict]] = {}
    for e in audit["events"]:
        by_doc.setdefault(e["doc"], []).append(e)
    docs = list(audit["articles"])
    found = run_articles(docs, shared)
    counts = dict.fromkeys(("ok", "wrong", "changed", "new", "gone", "gone_ok"), 0)
    rows = []
    for doc in docs:
        # a trigger may hold one entry per version of the stage (a second pass adds the type and roles a later
        # main gives at a trigger the first pass judged, fresh22b): an event takes the verdict of the entry with
        # its type, actor and target, so both versions score on one file
        recorded: dict[tuple, list[dict]] = {}
        for r in by_doc.get(doc, []):
            recorded.setdefault((r["start"], r["end"]), []).append(r)
        seen = set()
        for e in found[doc]:
            recs = recorded.get((e["start"], e["end"]))
            rec = None
            if recs is None:
                status = "new"
            else:
                seen.add((e["start"], e["end"]))
                rec = next((r for r in recs if _key(r) == _key(e)), None)
                status = rec["verdict"] if rec else "changed"
                rec = rec or recs[0]
            counts[status] += 1
            rows.append({"doc": doc, "status": status, **{k: e[k] for k in ("start", "end", "trigger", "type",
                                                                              "actor", "target", "mode")},
                         "reason": rec.get("reason") if rec else None})
        for pos, recs in recorded.items():
            rec = recs[0]  # the first pass's entry
            if pos not in seen:
                counts["gone"] += 1
                counts["gone_ok"] += rec["verdict"] == "ok"
                rows.append({"doc": doc, "status": "gone", **{k: rec.get(k) for k in (
                    "start", "end", "trigger", "type", "actor", "target", "mode")}, "reason": rec.get("reason")})
    judged = counts["ok"] + counts["wrong"]
    return {"articles": len(docs), "audited": len(audit["events"]), "counts": counts,
            "precision": round(counts["ok"] / judged, 3) if judged else None, "rows": rows}


# The held-out audits (judged once each when made; their events are never read while rules are written): the
# same list as the sense model's training leaves out (tools/train_event_sense.py, HELD_OUT).
# fresh16 (PolNeAR dev, judged once at stop 37) is development data from round 21 (stop 38) on; fresh17 (LGL) and
# fresh18 (LGL outside fresh17's genre pool), judged once at stop 38, from round 22 (stop 39) on; fresh19 (LGL other,
# judged once at stop 39) from round 23 (stop 40) on; fresh20 (LGL other, the rest; judged at stop 40) from round 24
# (stop 41) on — its result section names its wrong events, which round 24 read; fresh21: web pages (Dragnet,
# articlebench; stop 41, the lead's pre-registered tranche of 106 events): held out; fresh22: web pages (210 Dragnet,
# 3 articlebench; stop 42, the lead's pre-registered tranche of 100 events): held out; fresh23: web pages (124
# articlebench pages outside GENRE; stop 44, the lead's pre-registered tranche, the whole pool: 59 events): held out.
HELD_OUT = tuple(f"events_audit_fresh{n}" for n in (*range(5, 16), 21, 22, 23))  # fresh14: round 19 (stop 36); fresh15: PolNeAR dev (stop 36)


def audit_files() -> list[Path]:
    """Every recorded audit file, in name order."""
    return sorted((ROOT / "bench" / "gold").glob("events_audit*.yaml"))


def evaluate_all() -> dict | None:
    """{audit name: its `evaluate` result} over every recorded audit; None without shared/corpus."""
    out = {}
    for path in audit_files():
        res = evaluate(path)
        if res is None:
            return None
        out[path.stem] = res
    return out


def pooled(results: dict, names) -> tuple[int, int]:
    """(ok, ok + wrong) summed over the named audits."""
    ok = sum(results[n]["counts"]["ok"] for n in names if n in results)
    return ok, ok + sum(results[n]["counts"]["wrong"] for n in names if n in results)


def render_all(results: dict) -> str:
    rows = [[name, r["precision"], r["counts"]["ok"], r["counts"]["wrong"], r["counts"]["changed"], r["counts"]["new"],
             r["counts"]["gone"], "held out" if name in HELD_OUT else ""] for name, r in results.items()]
    lines = [table(["audit", "precision", "ok", "wrong", "changed", "new", "gone", ""], rows)]
    for label, names in (("held out (fresh5-fresh15, fresh21-fresh23)", HELD_OUT),
                         ("training and development", [n for n in results if n not in HELD_OUT])):
        ok, judged = pooled(results, names)
        lines.append(f"pooled, {label}: {ok}/{judged} = {ok / judged:.3f}" if judged else f"pooled, {label}: none")
    return "\n".join(lines)


def compare(before: dict, after: dict) -> str:
    """A line per audit whose precision moved, then every event whose status, type, actor or target changed; the
    held-out audits' events are not listed (their figures only), so that comparing never shows their sentences' events."""
    def key(r):
        return r["doc"], r["start"], r["status"], r["type"], r["actor"], r["target"]

    lines = []
    for name in sorted(set(before) | set(after)):
        a, b = before.get(name, {}).get("precision"), after.get(name, {}).get("precision")
        if a != b:
            lines.append(f"{name}: {a} -> {b}")
        if name in HELD_OUT or name not in before or name not in after:
            continue
        old, new = {key(r): r for r in before[name]["rows"]}, {key(r): r for r in after[name]["rows"]}
        for sign, rows in (("-", [old[k] for k in old.keys() - new.keys()]), ("+", [new[k] for k in new.keys() - old.keys()])):
            for r in sorted(rows, key=lambda r: (r["doc"], r["start"])):
                lines.append(f"  {name} {sign} {r['status']:8} {r['doc'].rsplit('/', 1)[-1][:40]} {r['start']} "
                             f"{r['trigger']!r} {r['type']} {r['actor']} -> {r['target']}")
    return "\n".join(lines) or "no audit changed"


def draft(paths: list[str]) -> str:
    """Audit entries for the events the pipeline gives now (verdicts to fill in), with the sentence
    printed as a comment for the judge only: strip the comments before committing."""
    import yaml

    found = run_articles(paths, shared_dir())
    lines = ["articles:"] + [f"  - {p}" for p in paths] + ["events:"]
    for doc, events in found.items():
        for e in events:
            s, t = e["sentence"]
            sent = " ".join(e["text"][s:t].split())
            lines.append(f"  # {sent[:400]}")
            entry = {"doc": doc, "start": e["start"], "end": e["end"], "trigger": e["trigger"], "type": e["type"],
                     "actor": e["actor"], "target": e["target"], "mode": e["mode"], "verdict": None, "reason": None}
            lines.append("  - " + yaml.safe_dump(entry, default_flow_style=True, sort_keys=False,
                                                 allow_unicode=True, width=1000).strip())
    return "\n".join(lines)


def render(res: dict, listing: bool = False) -> str:
    c = res["counts"]
    out = [f"events audit: {res['articles']} articles, {res['audited']} audited events",
           table(["figure", "value"], [
               ["precision (recorded verdicts)", res["precision"]], ["ok", c["ok"]], ["wrong", c["wrong"]],
               ["changed since the audit", c["changed"]], ["new since the audit", c["new"]],
               ["gone since the audit", c["gone"]], ["  of them ok (lost recall)", c["gone_ok"]]], align="lr")]
    flagged = [r for r in res["rows"] if listing or r["status"] in ("changed", "new", "gone")]
    if flagged:
        out += ["", table(["status", "doc", "start", "trigger", "type", "actor", "target", "reason"],
                          [[r["status"], r["doc"].rsplit("/", 1)[-1][:40], r["start"], r["trigger"], r["type"],
                            r["actor"], r["target"], (r["reason"] or "")[:60]] for r in flagged])]
    return "\n".join(out)


def main(argv=None) -> int:
    ap = bench_parser(__doc__, list=None, draft=None, json=None, all=None)
    ap.add_argument("articles", nargs="*", help="with --draft: article paths under shared/corpus")
    ap.add_argument("--save", type=Path, help="with --all: write every audit's figures and rows to this JSON file")
    ap.add_argument("--compare", type=Path, nargs=2, metavar=("BEFORE", "AFTER"), help="two --save files")
    ap.add_argument("--audit", type=Path, default=AUDIT, help=f"the audit file (default: {AUDIT.relative_to(ROOT)})")
    args = ap.parse_args(argv)
    if args.draft:
        print(draft(args.articles))
        return 0
    if args.compare:
        import json
        print(compare(*(json.loads(p.read_text(encoding="utf-8")) for p in args.compare)))
        return 0
    if args.all:
        results = evaluate_all()
        if results is None:
            print("events audits: skipped (shared/corpus is absent)")
            return 0
        print(render_all(results))
        if args.save:
            import json
            args.save.write_text(json.dumps(results, indent=1), encoding="utf-8")
        return 0
    res = evaluate(args.audit)
    if res is None:
        print("events audit: skipped (shared/corpus is absent)")
        return 0
    print(render(res, args.list))
    if args.json:
        dump_json({k: v for k, v in res.items() if k != "rows"})
    return 0


if __name__ == "__main__":
    sys.exit(main())
