#!/usr/bin/env python3
"""Entity linking and variant search, measured against hand labels and the people records.

    python bench/entities.py [--corpora DIR] [--gold FILE] [--limit 150] [--seed 1957] [--keep DIR | --reuse DIR]

1. Builds a fresh home (a temporary folder, or ``--keep DIR``) and imports, with ``fonds import``:
   the Office of the Historian people records (corpora/people; the curated authority file loads by
   itself when the database is created), then the reference page (record 115958) and the FRUS
   volumes that the gold set draws from, then the synthetic documents of step 3.
2. Linking: for every document of the gold set (tests/data/linking-gold.jsonl, labelled by hand),
   the predicted links are the record's ``people`` and ``places`` ids after import that are curated
   authorities (core-authorities.jsonl) or people records (``hsg-person-<id>``). FRUS persons-list
   ids (``frus-<volume>-<xml id>``) come from markup, not from linking, and are left out of both
   sides. Ids the gold's ``same_as`` declares to be one entity count as that entity. Prints
   micro-averaged precision and recall (overall, people and places, curated and hsg) and every
   document's errors, each with why the linker missed or found it (a dry run of the linker on the
   stored record: ambiguous spelling, bare surname without support, spelling not recorded).
3. Variant search: ``variant_pairs(people, limit, seed)`` draws (variant, preferred) pairs from the
   people records; one synthetic document per pair names ONLY the preferred name, in reading order
   ("Memorandum. Lloyd Dennis attended the meeting."). The same for every (variant, preferred)
   pair of the curated authorities. After import, a search for the variant as typed (in-process
   ``fonds.search.search``, the engine behind ``fonds search "<variant>" --limit 50``) recalls the
   pair when that pair's document is among the first 50 hits. Prints recall and every miss.

Every figure is printed with the command line that reproduces it.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPORA = REPO.parent / "shared" / "corpora"
DEFAULT_GOLD = REPO / "tests" / "data" / "linking-gold.jsonl"
CURATED_FILE = REPO / "src" / "fonds" / "catalog" / "data" / "core-authorities.jsonl"
REFERENCE = Path("wcda") / "115958-puzanov-journal-1957-12-20.txt"
HSG_PREFIX = "hsg-person-"
SEARCH_DEPTH = 50  # hits looked at per variant query, as `fonds search --limit 50`


# --- building the home --------------------------------------------------------------------------


def fonds(home: Path, *args: str, retry: bool = True) -> str:
    """Run the `fonds` command on ``home``; its output. Exits when the command crashes.

    Exit status 1 with a summary means some items were rejected and the others stored. An index
    built by an older schema (the code changed under a long run) is rebuilt once and retried.
    """
    cmd = [sys.executable, "-c", "import sys; from fonds.cli.main import main; sys.exit(main())", "--home", str(home), *args]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    crashed = "Traceback (most recent call last)" in proc.stderr or proc.returncode not in (0, 1)
    if crashed and retry and "schema does not match" in proc.stderr:
        fonds(home, "reindex", retry=False)
        return fonds(home, *args, retry=False)
    if crashed:
        raise SystemExit(f"`fonds {shlex.join(cmd[3:])}` failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return proc.stdout + proc.stderr


def load_gold(path: Path) -> tuple[dict, list[dict]]:
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    head = lines[0] if "_comment" in lines[0] else {}
    docs = [d for d in lines if "_comment" not in d]
    return head, docs


def import_everything(home: Path, corpora: Path, gold_docs: list[dict], synthetic: Path) -> dict[str, float]:
    timings = {}
    started = time.monotonic()
    print(fonds(home, "import", str(corpora / "people")).strip().splitlines()[-1])
    timings["people"] = time.monotonic() - started
    volumes = sorted({d["id"].split("/")[0] for d in gold_docs if "/" in d["id"]})
    paths = [str(corpora / "frus" / f"{v}.xml") for v in volumes]
    if any(d["id"] == "115958" for d in gold_docs):
        paths.insert(0, str(corpora / REFERENCE))
    started = time.monotonic()
    for path in paths:
        print(fonds(home, "import", path).strip().splitlines()[-1], f"({Path(path).name})")
    timings["documents"] = time.monotonic() - started
    started = time.monotonic()
    print(fonds(home, "import", str(synthetic)).strip().splitlines()[-1], "(synthetic variant documents)")
    timings["synthetic"] = time.monotonic() - started
    return timings


# --- synthetic documents for variant search -----------------------------------------------------


def people_authorities(people_dir: Path) -> list:
    """Every person record of the Office of the Historian, parsed by fonds's own parser."""
    from fonds.ingest.base import Source
    from fonds.ingest.hsg_people import parser

    out = []
    for path in sorted(people_dir.rglob("*.xml")):
        for item in parser.parse(Source(path, str(path))):
            if item.authority is not None:
                out.append(item.authority)
    return out


def curated_authorities() -> list:
    from fonds.ingest.authorities_jsonl import parser
    from fonds.ingest.base import Source

    return [i.authority for i in parser.parse(Source(CURATED_FILE, str(CURATED_FILE))) if i.authority is not None]


def reading_order(name: str) -> str:
    """ "Dennis, Lloyd" -> "Lloyd Dennis" (the project's rule when available)."""
    try:
        from fonds.core.romanization.order import uninverted

        natural = uninverted(name)
        if natural:
            return natural
    except ImportError:  # pragma: no cover - the rules module is being written
        pass
    parts = [p.strip() for p in name.split(",")]
    if len(parts) == 2 and all(parts):
        return f"{parts[1]} {parts[0]}"
    if len(parts) == 3 and parts[2].lower().rstrip(".") in ("jr", "sr", "ii", "iii", "iv"):
        return f"{parts[1]} {parts[0]} {parts[2]}"
    return name


def sentence(name: str, kind: str) -> str:
    if kind == "place":
        return f"Memorandum. The delegation travelled to {name} for the meeting."
    if kind == "organisation":
        return f"Memorandum. Representatives of the {name} attended the meeting."
    return f"Memorandum. {reading_order(name)} attended the meeting."


def write_synthetic(path: Path, sets: dict[str, list[tuple[str, str, str]]]) -> dict[str, list[dict]]:
    """One JSON Lines record per pair; returns the pairs with their document ids, by set."""
    out: dict[str, list[dict]] = {}
    with open(path, "w", encoding="utf-8") as fh:
        for label, pairs in sets.items():
            out[label] = []
            for i, (variant, preferred, kind) in enumerate(pairs, start=1):
                doc_id = f"bench-variant-{label}-{i:04d}"
                text = sentence(preferred, kind)
                record = {"id": doc_id, "title": f"Memorandum {label} {i}", "type": "Memorandum", "paragraphs": [text]}
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
                out[label].append({"id": doc_id, "variant": variant, "preferred": preferred, "text": text})
    return out


# --- linking: scoring ---------------------------------------------------------------------------


def in_scope(key: str, curated: set[str]) -> bool:
    return key in curated or key.startswith(HSG_PREFIX)


def score_linking(gold_head: dict, gold_docs: list[dict], exported: dict[str, dict], curated: set[str], diagnose):
    canon: dict[str, str] = {}
    for main, others in (gold_head.get("same_as") or {}).items():
        for other in others:
            canon[other] = main
    total = Counter()
    by_class: dict[str, Counter] = defaultdict(Counter)
    reports = []
    causes = Counter()
    mentions: dict[str, Counter] = defaultdict(Counter)
    for doc in gold_docs:
        rec = exported.get(doc["id"])
        if rec is None:
            reports.append((doc["id"], ["NOT IMPORTED"]))
            continue
        gold = {canon.get(k, k): kind for kind in ("people", "places") for k in doc[kind] if in_scope(k, curated)}
        pred_raw = {r["id"]: (kind, r["name"]) for kind in ("people", "places") for r in rec[kind] if in_scope(r["id"], curated)}
        pred: dict[str, tuple[str, str]] = {}
        for k, v in pred_raw.items():
            pred.setdefault(canon.get(k, k), v)
        tp = set(pred) & set(gold)
        fp = set(pred) - set(gold)
        fn = set(gold) - set(pred)
        total.update(tp=len(tp), fp=len(fp), fn=len(fn))
        surname_only = {canon.get(k, k) for k in doc.get("surname_only", [])}
        for keys, what in ((tp, "tp"), (fn, "fn")):
            for k in keys:
                mentions[("by bare surname only" if k in surname_only else "in full or with initials")][what] += 1
        for keys, what in ((tp, "tp"), (fp, "fp"), (fn, "fn")):
            for k in keys:
                kind = gold.get(k) or pred[k][0]
                by_class[kind][what] += 1
                by_class["hsg" if k.startswith(HSG_PREFIX) else "curated"][what] += 1
        lines = []
        why = diagnose(rec) if (fp or fn) else {}
        for k in sorted(fp):
            cls, detail = why.get(("fp", k), ("linked", ""))
            lines.append(f"  FP {k} ({pred[k][1]}): {detail}")
        for k in sorted(fn):
            cls, detail = why.get(("fn", k), ("unmatched", "no recorded spelling of it occurs in the text"))
            causes[cls] += 1
            lines.append(f"  FN {k} ({name_of(k)}) [{cls}]: {detail}")
        if lines:
            reports.append((doc["id"], lines))
    return total, by_class, reports, causes, mentions


_NAMES: dict[str, str] = {}


def name_of(key: str) -> str:
    return _NAMES.get(key, "?")


def prf(c: Counter) -> tuple[float, float, float]:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def make_diagnose(canon: dict[str, str]):
    """Explain, for one stored record, why each authority was or was not linked (a dry run of the
    linker on the record's title and paragraphs; diagnostics only)."""
    from fonds.catalog import linking
    from fonds.core.record import RecordData

    current = linking.linker()

    def diagnose(rec: dict) -> dict[tuple[str, str], tuple[str, str]]:
        data = dict(rec, people=[], places=[])
        record = RecordData.from_json(data)
        out: dict[tuple[str, str], tuple[str, str]] = {}
        try:
            raw = [f for i, text in [(-1, record.title), *enumerate(record.paragraphs)] for f in current._scan(i, text)]
            kept = current.find(record)
        except AttributeError:  # the linker changed shape: no diagnosis
            return out
        kept_spans = {(f.paragraph, f.start, f.end) for f in kept if not f.ambiguous}
        for f in raw:
            keys = sorted({canon.get(t.key, t.key) for t in f.targets})
            if f.ambiguous and len(keys) == 1:
                cause = ("duplicate", f"{f.surface!r} is a spelling of two records of the same entity "
                         f"({', '.join(sorted({t.key for t in f.targets}))}), so it is treated as ambiguous")
                out.setdefault(("fn", keys[0]), cause)
            elif f.ambiguous:
                shown = ", ".join(keys[:4]) + ("…" if len(keys) > 4 else "")
                for k in keys:
                    out.setdefault(("fn", k), ("ambiguous", f"{f.surface!r} is a spelling of {len(keys)} authorities ({shown})"))
            elif (f.paragraph, f.start, f.end) not in kept_spans:
                for k in keys:
                    out.setdefault(("fn", k), ("weak", f"bare {f.surface!r}, no title before it and no full mention"))
            else:
                where = record.title if f.paragraph < 0 else record.paragraphs[f.paragraph]
                context = where[max(0, f.start - 30) : f.end + 30].replace("\n", " ")
                for k in keys:
                    out.setdefault(("fp", k), ("linked", f"{f.surface!r} in …{context}…"))
        return out

    return diagnose


# --- variant search -----------------------------------------------------------------------------


def run_variant_search(sets: dict[str, list[dict]]) -> dict[str, dict]:
    """Search each pair's variant as recorded and in reading order ("Anderson, Hans G." and
    "Hans G. Anderson"); a pair is recalled when its document is among the first 50 hits."""
    from fonds import search

    search.sync()

    def hits(q: str) -> tuple[list[str], int, str]:
        try:
            result = search.search(search.SearchRequest(q=q, per_page=SEARCH_DEPTH))
        except search.BadRequest as exc:
            return [], 0, f"query refused: {exc}"
        return [h.id for h in result.hits], result.total, ""

    results = {}
    for label, pairs in sets.items():
        rows = []
        for pair in pairs:
            ids, total, error = hits(pair["variant"])
            natural = reading_order(pair["variant"])
            ids2, _, _ = hits(natural) if natural != pair["variant"] else (ids, total, error)
            rows.append({**pair, "natural": natural, "recalled": pair["id"] in ids, "first": ids[:1] == [pair["id"]],
                         "recalled_natural": pair["id"] in ids2, "total": total, "error": error})
        results[label] = rows
    return results


# --- main ---------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA, help="the shared corpora folder")
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="the hand-labelled gold set (JSON Lines)")
    ap.add_argument("--limit", type=int, default=150, help="variant pairs drawn from the people records (default 150)")
    ap.add_argument("--seed", type=int, default=1957, help="seed of variant_pairs (default 1957)")
    ap.add_argument("--keep", type=Path, default=None, help="build the home in DIR (emptied first) and keep it")
    ap.add_argument("--reuse", type=Path, default=None,
                    help="measure a home an earlier --keep run built, without importing again (reindexes it first)")
    args = ap.parse_args(argv)
    command = "python bench/entities.py" + ("" if argv is None and len(sys.argv) == 1 else " " + shlex.join(sys.argv[1:] if argv is None else argv))

    corpora = args.corpora.resolve()
    for need in (corpora / "people", corpora / "frus", corpora / REFERENCE, args.gold):
        if not need.exists():
            raise SystemExit(f"missing: {need}")
    gold_head, gold_docs = load_gold(args.gold)

    if args.reuse:
        return run(args, command, corpora, gold_head, gold_docs, args.reuse.resolve(), reuse=True)
    if args.keep:
        home = args.keep.resolve()
        if home.exists():
            shutil.rmtree(home)
        home.mkdir(parents=True)
        scratch = None
    else:
        scratch = Path(tempfile.mkdtemp(prefix="fonds-entities-"))
        home = scratch / "home"
    try:
        return run(args, command, corpora, gold_head, gold_docs, home)
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


def run(args, command: str, corpora: Path, gold_head: dict, gold_docs: list[dict], home: Path, reuse: bool = False) -> int:
    sys.path.insert(0, str(REPO / "src"))
    print(f"home: {home}")
    # Pairs first (pure parsing, no database).
    started = time.monotonic()
    people = people_authorities(corpora / "people")
    curated_list = curated_authorities()
    from fonds.ingest.hsg_people import variant_pairs

    hsg_pairs = [(v, p, "person") for v, p in variant_pairs(people, limit=args.limit, seed=args.seed)]
    kind_of = {a.name: a.kind for a in curated_list}
    curated_pairs = [(v, p, kind_of[p]) for v, p in variant_pairs(curated_list)]
    print(f"{len(people)} people records parsed in {time.monotonic() - started:.1f}s; "
          f"{len(hsg_pairs)} hsg pairs, {len(curated_pairs)} curated pairs")
    for a in [*people, *curated_list]:
        _NAMES[a.id] = a.name
    curated = {a.id for a in curated_list}

    synthetic = home.parent / f"{home.name}-variants.jsonl"
    home.mkdir(parents=True, exist_ok=True)
    if reuse:
        if not (home / "db.sqlite3").exists():
            raise SystemExit(f"--reuse: {home} holds no fonds database (build one with --keep {home})")
        sets = write_synthetic(home.parent / f"{home.name}-variants-check.jsonl", {"hsg": hsg_pairs, "curated": curated_pairs})
        print(fonds(home, "reindex").strip().splitlines()[-1])
        timings = {"people": 0.0, "documents": 0.0, "synthetic": 0.0}
    else:
        sets = write_synthetic(synthetic, {"hsg": hsg_pairs, "curated": curated_pairs})
        timings = import_everything(home, corpora, gold_docs, synthetic)

    export = home.parent / f"{home.name}-export.jsonl"
    fonds(home, "export", "--format", "jsonl", "--output", str(export))
    wanted = {d["id"] for d in gold_docs}
    exported = {}
    with open(export, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["id"] in wanted:
                exported[rec["id"]] = rec

    os.environ["FONDS_HOME"] = str(home)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fonds.settings")
    import django

    django.setup()

    canon = {o: m for m, others in (gold_head.get("same_as") or {}).items() for o in others}
    total, by_class, reports, causes, mentions = score_linking(gold_head, gold_docs, exported, curated, make_diagnose(canon))
    search_results = run_variant_search(sets)

    # --- report ---
    print()
    print("=" * 100)
    print(f"Reproduce: {command}")
    print(f"(imports: people {timings['people']:.0f}s, documents {timings['documents']:.0f}s, synthetic {timings['synthetic']:.0f}s)")
    print()
    print(f"ENTITY LINKING against {args.gold.relative_to(REPO) if args.gold.is_relative_to(REPO) else args.gold}: "
          f"{len(gold_docs)} documents, {total['tp'] + total['fn']} gold links (document level, micro-averaged)")
    p, r, f = prf(total)
    print(f"  all       precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}   (tp {total['tp']}, fp {total['fp']}, fn {total['fn']})")
    for cls in ("people", "places", "curated", "hsg"):
        c = by_class.get(cls, Counter())
        p, r, f = prf(c)
        print(f"  {cls:9} precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}   (tp {c['tp']}, fp {c['fp']}, fn {c['fn']})")
    for how in ("in full or with initials", "by bare surname only"):
        c = mentions.get(how, Counter())
        n = c["tp"] + c["fn"]
        print(f"  recall of gold links named {how}: {c['tp'] / n if n else 1.0:.3f} ({c['tp']}/{n})")
    print("  missed links by cause: " + ", ".join(f"{k} {v}" for k, v in causes.most_common())
          + "  (duplicate: one entity recorded twice, so its spelling counts as ambiguous; ambiguous: the spelling"
          " belongs to several people; weak: a bare surname without a title or full mention; unmatched: no"
          " recorded spelling occurs)")
    print()
    print("Per-document errors (FP: linked, not in gold; FN: in gold, not linked):")
    for doc_id, lines in reports:
        print(f"{doc_id}")
        for line in lines:
            print(line)
    print()
    for label, title in (("hsg", f"people records, variant_pairs(limit={args.limit}, seed={args.seed})"),
                         ("curated", "curated authorities, every (variant, preferred) pair variant_pairs keeps")):
        rows = search_results[label]
        n = len(rows) or 1
        got = sum(r["recalled"] for r in rows)
        got2 = sum(r["recalled_natural"] for r in rows)
        first = sum(r["first"] for r in rows)
        print(f"VARIANT SEARCH, {title}:")
        print(f"  recall@{SEARCH_DEPTH} {got / n:.3f} ({got}/{len(rows)}) searching the variant as recorded; "
              f"{got2 / n:.3f} ({got2}/{len(rows)}) searching it in reading order; the pair's document first: {first}/{len(rows)}")
        for r in rows:
            if not r["recalled"]:
                also = " (found in reading order)" if r["recalled_natural"] else ""
                why = r["error"] or f"{r['total']} hit(s), not it"
                print(f"  miss: {r['variant']!r} -> document naming {r['preferred']!r}: {why}{also}")
        print()
    print(f"Reproduce: {command}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
