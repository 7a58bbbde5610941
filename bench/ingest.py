#!/usr/bin/env python3
"""Ingest benchmark: fonds against a raw baseline on the same texts.

    python bench/ingest.py [--docs N] [--frus DIR] [--work DIR] [--skip-frus]

1. Imports the FRUS TEI volumes (../shared/corpora/frus) into a fresh home with `fonds import`.
2. Writes a synthetic corpus of N documents (default 200,000) as JSON Lines: each about 1,000
   words of paragraphs sampled from the FRUS volumes, with realistic metadata (types, languages,
   dates 1945-1991, repositories and references, donors, 200 collections, people), then imports
   it into a fresh home with `fonds import` (parse + database + index, end to end).
3. Raw baseline on the same synthetic documents: rows bulk-inserted into SQLite with executemany,
   plus the same documents added to a bare Tantivy index (title and text, English stemming).

Prints, for each run: documents, wall time, documents/s, peak RSS, database and index sizes, and
the ratio fonds/raw. Each run is a separate process so peak RSS is its own.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_FRUS = REPO.parent / "shared" / "corpora" / "frus"

TYPES = [("Telegram", 30), ("Memorandum of Conversation", 20), ("Letter", 12), ("Report", 12), ("Diary Entry", 8),
         ("Minutes", 8), ("Memorandum", 6), ("Cable", 4)]
LANGS = [("ru", 35), ("zh", 15), ("ko", 10), ("de", 10), ("en", 15), ("hu", 5), ("pl", 5), ("cs", 5)]
REPOS = [("AVPRF", "Archive of Foreign Policy of the Russian Federation"), ("RGANI", "Russian State Archive of Contemporary History"),
         ("GARF", "State Archive of the Russian Federation"), ("PRC FMA", "Archive of the Ministry of Foreign Affairs of the People's Republic of China"),
         ("NARA", "National Archives and Records Administration"), ("SAPMO-BArch", "Foundation Archive of Parties and Mass Organizations of the GDR")]
DONORS = ["Leon Levy Foundation", "ROK Ministry of Unification", "Carnegie Corporation of New York", "MacArthur Foundation",
          "Henry Luce Foundation", "Korea Foundation", "Chun & Tai Family Foundation", "Smith Richardson Foundation"]


def weighted(rnd: random.Random, pairs):
    values, weights = zip(*pairs)
    return rnd.choices(values, weights)[0]


def frus_paragraphs(frus: Path, limit: int = 60000) -> list[str]:
    """Paragraph texts from the FRUS volumes (read with lxml; the corpus is not copied anywhere)."""
    from lxml import etree

    paras: list[str] = []
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    for path in sorted(frus.glob("*.xml")):
        root = etree.parse(str(path), parser).getroot()
        for p in root.iter("{http://www.tei-c.org/ns/1.0}p"):
            text = " ".join("".join(p.itertext()).split())
            if len(text) > 80:
                paras.append(text)
        if len(paras) >= limit:
            break
    return paras


def synthesize(paras: list[str], n: int, out: Path, seed: int = 1957) -> None:
    """N synthetic records of ~1,000 words each, as JSON Lines."""
    rnd = random.Random(seed)
    people = [f"Person {i}" for i in range(5000)]
    with open(out, "w", encoding="utf-8") as fh:
        for i in range(n):
            body, words = [], 0
            while words < 1000:
                p = rnd.choice(paras)
                body.append(p)
                words += p.count(" ") + 1
            year = rnd.randint(1945, 1991)
            month, day = rnd.randint(1, 12), rnd.randint(1, 28)
            precision = rnd.random()
            date = f"{year}-{month:02d}-{day:02d}" if precision < 0.8 else f"{year}-{month:02d}" if precision < 0.95 else f"{year}"
            code, name = rnd.choice(REPOS)
            coll = rnd.randrange(200)
            record = {
                "id": f"syn{i:07d}",
                "title": " ".join(body[0].split()[: rnd.randint(6, 14)]),
                "date": date,
                "type": weighted(rnd, TYPES),
                "summary": body[-1][:200],
                "paragraphs": body,
                "original_language": [weighted(rnd, LANGS)],
                "translation_language": "en",
                "source": f"{code} F. {rnd.randint(1, 999):04d}, Op. {rnd.randint(1, 60)}, Delo {rnd.randint(1, 900)}, Listy {rnd.randint(1, 50)}-{rnd.randint(51, 99)}.",
                "repository": {"code": code, "name": name},
                "reference": {"fond": str(rnd.randint(1, 999)), "opis": str(rnd.randint(1, 60))},
                "donors": rnd.sample(DONORS, rnd.randint(0, 2)),
                "collections": [{"id": f"coll-{coll}", "name": f"Collection {coll}", "parent": None}],
                "people": [{"id": f"person-{j}", "name": people[j], "description": None} for j in rnd.sample(range(5000), 3)],
            }
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")


def dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) if path.exists() else 0


def run_fonds_import(home: Path, source: Path) -> dict:
    report = home.parent / f"{home.name}-report.json"
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-c", MEASURED_IMPORT, str(home), str(source), str(report)],
        capture_output=True, text=True,
    )
    wall = time.monotonic() - started
    if proc.returncode not in (0, 1):
        raise SystemExit(f"fonds import failed:\n{proc.stderr[-3000:]}")
    stats = json.loads(proc.stdout.strip().splitlines()[-1])
    counts = json.loads(report.read_text())["counts"]
    return {
        "docs": counts["created"] + counts["updated"] + counts["unchanged"],
        "rejected": counts["rejected"],
        "wall": wall,
        "rss_mb": stats["rss_mb"],
        "db_mb": (home / "db.sqlite3").stat().st_size / 2**20 + sum(
            p.stat().st_size for p in home.glob("db.sqlite3-*")) / 2**20,
        "index_mb": dir_size(home / "index") / 2**20,
    }


# Runs `fonds import` in a child process and prints its own peak RSS (ru_maxrss of the process).
MEASURED_IMPORT = """
import json, resource, sys
from fonds.cli.main import main
home, source, report = sys.argv[1:4]
code = main(["--home", home, "import", source, "--report", report])
print(json.dumps({"code": code, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

RAW = """
import json, resource, sqlite3, sys, time, tantivy
source, work = sys.argv[1:3]
db = sqlite3.connect(work + "/raw.sqlite3")
db.execute("PRAGMA journal_mode=WAL"); db.execute("PRAGMA synchronous=NORMAL")
db.execute("CREATE TABLE doc (id TEXT PRIMARY KEY, title TEXT, date TEXT, type TEXT, body TEXT, meta TEXT)")
sb = tantivy.SchemaBuilder()
sb.add_text_field("id", stored=True, tokenizer_name="raw")
sb.add_text_field("title", stored=True, tokenizer_name="en_stem")
sb.add_text_field("text", stored=True, tokenizer_name="en_stem")
sb.add_text_field("type", stored=True, tokenizer_name="raw", fast=True)
import os; os.makedirs(work + "/raw-index", exist_ok=True)
index = tantivy.Index(sb.build(), path=work + "/raw-index")
writer = index.writer(heap_size=256_000_000, num_threads=2)
n, batch = 0, []
def flush():
    db.executemany("INSERT INTO doc VALUES (?,?,?,?,?,?)", batch); db.commit(); batch.clear()
with open(source, encoding="utf-8") as fh:
    for line in fh:
        r = json.loads(line)
        text = "\\n\\n".join(r["paragraphs"])
        batch.append((r["id"], r["title"], r.get("date"), r.get("type"), text, json.dumps({k: v for k, v in r.items() if k != "paragraphs"})))
        writer.add_document(tantivy.Document(id=r["id"], title=r["title"], text=text, type=r.get("type") or ""))
        n += 1
        if len(batch) >= 1000:
            flush()
flush(); writer.commit(); writer.wait_merging_threads()
print(json.dumps({"docs": n, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run_raw(source: Path, work: Path) -> dict:
    work.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", RAW, str(source), str(work)], capture_output=True, text=True)
    wall = time.monotonic() - started
    if proc.returncode != 0:
        raise SystemExit(f"raw baseline failed:\n{proc.stderr[-3000:]}")
    stats = json.loads(proc.stdout.strip().splitlines()[-1])
    return {
        "docs": stats["docs"], "rejected": 0, "wall": wall, "rss_mb": stats["rss_mb"],
        "db_mb": (work / "raw.sqlite3").stat().st_size / 2**20, "index_mb": dir_size(work / "raw-index") / 2**20,
    }


def show(label: str, r: dict) -> None:
    rate = r["docs"] / r["wall"] if r["wall"] else 0
    print(f"{label:<28} {r['docs']:>8,} docs {r['wall']:>8.1f} s {rate:>8,.0f} docs/s "
          f"peak RSS {r['rss_mb']:>7,.0f} MB  db {r['db_mb']:>7,.0f} MB  index {r['index_mb']:>7,.0f} MB"
          + (f"  rejected {r['rejected']}" if r["rejected"] else ""))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=200_000, help="synthetic documents (default 200,000)")
    ap.add_argument("--frus", type=Path, default=DEFAULT_FRUS, help="folder of FRUS TEI volumes")
    ap.add_argument("--work", type=Path, default=None, help="scratch folder (default: a temp dir, removed after)")
    ap.add_argument("--skip-frus", action="store_true", help="skip the FRUS import run")
    args = ap.parse_args()
    if not args.frus.is_dir():
        raise SystemExit(f"{args.frus}: no FRUS volumes (the shared corpora must be beside the checkout)")
    work = args.work or Path(tempfile.mkdtemp(prefix="fonds-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}; scratch {work}")
    try:
        if not args.skip_frus:
            result = run_fonds_import(work / "frus-home", args.frus)
            show("fonds: FRUS volumes", result)
        t = time.monotonic()
        paras = frus_paragraphs(args.frus)
        corpus = work / "synthetic.jsonl"
        synthesize(paras, args.docs, corpus)
        print(f"synthetic corpus: {args.docs:,} documents, {corpus.stat().st_size / 2**20:,.0f} MB, "
              f"from {len(paras):,} FRUS paragraphs, written in {time.monotonic() - t:.0f} s")
        ours = run_fonds_import(work / "synthetic-home", corpus)
        show("fonds: synthetic", ours)
        raw = run_raw(corpus, work / "raw")
        show("raw: sqlite + tantivy", raw)
        print(f"fonds/raw wall-time ratio: {ours['wall'] / raw['wall']:.2f}x")
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
