#!/usr/bin/env python3
"""Search benchmark: the reading room's search and document pages against a running server.

    python bench/search.py [--docs N] [--home DIR] [--workers W] [--frus DIR] [--profile]

1. Builds a synthetic corpus of N documents (default 1,000,000): a body of one to three paragraphs
   sampled from the FRUS volumes (../shared/corpora/frus), trimmed to 150-300 words, plus a one-line
   summary, with realistic metadata (types, languages, EDTF dates 1945-1991 given as days, months or
   years, 200 collections, 5,000 people from the Office of the Historian's people records, places,
   repositories, donors). Writes it as JSON Lines and imports it with `fonds --home H import` in a
   child process, timing it. `--home DIR` reuses a home that already has an index (nothing is
   built); a `--home` without an index is built there and kept for the next run.
2. Starts a real server, `fonds --home H serve --port P --workers W`, and waits until it answers.
3. Runs a fixed, seeded mix of 500 queries through `GET /search?format=json&...` (facet counts and
   snippets are always computed by that endpoint): rare words, common words, two-word queries,
   phrases, names, `title:` scopes, type filters, 1-3 facet values, date ranges, date sorts,
   browsing without words, and deep pages. Reports p50/p95/p99 latency (one client, sequential,
   after a warm-up pass), throughput with 8 concurrent keep-alive clients (bounded by count and
   time), and the p95 of document pages (`GET /documents/<id>`, following the redirect to the
   canonical URL and timing that final page) over 200 random ids, each visited once, and of the
   formatted citations a browser then fetches for each (`<page>/citations?part=1`).
4. Runs the same queries against bare Tantivy in-process (the same index folder, opened read-only,
   the "fonds_en" analyzer, `parse_query` over title/text, the same filters/sort/offset, top-20
   with count=True, no facets, snippets or stored documents), then fonds' own search function and
   Django view in-process, so the gap between bare Tantivy and HTTP can be attributed.
5. Prints every figure beside its target and exits 0: a benchmark reports, it does not fail.

The server is stopped in a `finally`. The machine's load average is printed with each stage:
figures taken on a busy machine are noisy and say so.
"""

from __future__ import annotations

import argparse
import cProfile
import http.client
import itertools
import json
import os
import pstats
import random
import re
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
from ingest import DEFAULT_FRUS, DONORS, LANGS, REPOS, TYPES, frus_paragraphs, weighted  # noqa: E402

DEFAULT_PEOPLE = BENCH.parent.parent / "shared" / "corpora" / "people" / "data"

TARGETS = {
    "p50": 15.0,  # ms, sequential search
    "p95": 60.0,  # ms, sequential search
    "ratio": 3.0,  # fonds p50 / bare Tantivy p50
    "rps": 150.0,  # requests/s with 8 clients
    "doc_p95": 20.0,  # ms, document page
}

# Places: the curated authorities' ids where fonds ships one (so names resolve to them), others new.
PLACES = [
    ("pyongyang", "Pyongyang"), ("seoul", "Seoul"), ("beijing", "Beijing"), ("moscow", "Moscow"),
    ("kaesong", "Kaesong"), ("chongjin", "Chongjin"), ("yalu-river", "Yalu River"),
    ("place-washington", "Washington"), ("place-berlin", "Berlin"), ("place-warsaw", "Warsaw"),
    ("place-budapest", "Budapest"), ("place-prague", "Prague"), ("place-hanoi", "Hanoi"),
    ("place-tokyo", "Tokyo"), ("place-havana", "Havana"), ("place-london", "London"), ("place-paris", "Paris"),
    ("place-bonn", "Bonn"), ("place-vienna", "Vienna"), ("place-geneva", "Geneva"), ("place-belgrade", "Belgrade"),
    ("place-bucharest", "Bucharest"), ("place-sofia", "Sofia"), ("place-tirana", "Tirana"),
    ("place-ulaanbaatar", "Ulaanbaatar"), ("place-shanghai", "Shanghai"), ("place-taipei", "Taipei"),
    ("place-saigon", "Saigon"), ("place-new-delhi", "New Delhi"), ("place-jakarta", "Jakarta"),
    ("place-cairo", "Cairo"), ("place-tehran", "Tehran"), ("place-baghdad", "Baghdad"),
    ("place-panmunjom", "Panmunjom"), ("place-vladivostok", "Vladivostok"), ("place-harbin", "Harbin"),
    ("place-leningrad", "Leningrad"), ("place-kyiv", "Kyiv"), ("place-new-york", "New York"), ("place-ottawa", "Ottawa"),
]
TOPICS = ["Korean War", "Origins of the Cold War", "Nuclear History", "Sino-Soviet Relations", "Berlin Crisis",
          "Cuban Missile Crisis", "Vietnam War", "Detente", "Arms Control", "Warsaw Pact", "Marshall Plan",
          "Decolonization", "Human Rights", "Intelligence", "Economic Aid", "Science and Technology",
          "Propaganda", "Civil Defense", "Inter-Korean Relations", "Non-Aligned Movement"]
REGIONS = ["Soviet Union", "China", "North Korea", "South Korea", "East Germany", "Poland", "Hungary",
           "Czechoslovakia", "Vietnam", "United States"]
COLLECTIONS = [f"{t}: {r}" for t in TOPICS for r in REGIONS]  # 200
STOPWORDS = set("""a about above after again against all am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had has have having
he her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not
now of off on once only or other our ours ourselves out over own same she should so some such than that the their
theirs them themselves then there these they this those through to too under until up very was we were what when
where which while who whom why will with would you your yours yourself also may shall said upon must one two mr
might within without made make per whether however being any""".split())
WORD = re.compile(r"[A-Za-z]+")


# -- 1. the corpus -------------------------------------------------------------------------------


def people_names(folder: Path, n: int = 5000, seed: int = 1945) -> list[tuple[str, str]]:
    """(id, name) for ``n`` people from the Office of the Historian's records ("Dennis, Lloyd" read
    as "Lloyd Dennis"); generated names when the records are absent."""
    from lxml import etree

    files = sorted(folder.rglob("*.xml")) if folder.is_dir() else []
    if len(files) < n:
        return [(f"person-{i}", f"Person {i}") for i in range(n)]
    rnd = random.Random(seed)
    out = []
    for path in sorted(rnd.sample(files, n)):
        root = etree.parse(str(path)).getroot()
        name = " ".join((root.findtext("names/preferred/name") or "").split())
        if "," in name:
            last, first = name.split(",", 1)
            name = f"{first.strip()} {last.strip()}"
        out.append((f"hsg-{path.stem}", name or f"Person {path.stem}"))
    return out


def zipf_cum(n: int, s: float = 0.9) -> list[float]:
    """Cumulative weights for a Zipf-like popularity over ``n`` items (a few big, a long tail)."""
    return list(itertools.accumulate(1 / (i + 1) ** s for i in range(n)))


def synthesize(paras: list[str], people: list[tuple[str, str]], n: int, out: Path, seed: int = 1957) -> dict:
    """N records as JSON Lines; returns the body statistics (words, paragraphs)."""
    rnd = random.Random(seed)
    # Bodies are drawn from paragraphs of 50 words or more, so that three reach 150 words; the last
    # one is cut where the body reaches its drawn length (150-300 words).
    long_paras = [p for p in paras if p.count(" ") >= 49]
    pcum, ccum, placecum = zipf_cum(len(people)), zipf_cum(len(COLLECTIONS), 0.7), zipf_cum(len(PLACES))
    words_total, para_counts, shortest, longest = 0, Counter(), 10**9, 0
    started = time.monotonic()
    with open(out, "w", encoding="utf-8") as fh:
        for i in range(n):
            target = rnd.randint(150, 300)
            body, words = [], 0
            while words < target and len(body) < 3:
                ws = rnd.choice(long_paras).split()
                if words + len(ws) > target:
                    ws = ws[: max(target - words, 20)]
                    ws[-1] = ws[-1].rstrip(".,;:") + "."
                body.append(" ".join(ws))
                words += len(ws)
            words_total += words
            shortest, longest = min(shortest, words), max(longest, words)
            para_counts[len(body)] += 1
            year = rnd.randint(1945, 1991)
            month, day = rnd.randint(1, 12), rnd.randint(1, 28)
            precision = rnd.random()
            date = f"{year}-{month:02d}-{day:02d}" if precision < 0.8 else f"{year}-{month:02d}" if precision < 0.95 else f"{year}"
            code, name = rnd.choice(REPOS)
            doc_type = weighted(rnd, TYPES)
            who = [people[j] for j in dict.fromkeys(rnd.choices(range(len(people)), cum_weights=pcum, k=rnd.randint(1, 5)))]
            where = [PLACES[j] for j in dict.fromkeys(rnd.choices(range(len(PLACES)), cum_weights=placecum, k=rnd.randint(0, 2)))]
            colls = dict.fromkeys(rnd.choices(range(len(COLLECTIONS)), cum_weights=ccum, k=rnd.randint(1, 2)))
            shape = rnd.random()
            if shape < 0.3 and len(who) >= 2:
                title = f"{doc_type} from {who[0][1]} to {who[1][1]}"
            elif shape < 0.45 and len(who) >= 2:
                title = f"Memorandum of Conversation between {who[0][1]} and {who[1][1]}"
            elif shape < 0.6 and where:
                title = f"{doc_type} on {rnd.choice(TOPICS)} from the Embassy in {where[0][1]}"
            else:
                title = " ".join(body[0].split()[: rnd.randint(6, 14)]).rstrip(".,;:")
            summary_words = rnd.choice(paras).split()[: rnd.randint(12, 30)]
            record = {
                "id": f"syn{i:07d}",
                "title": title,
                "date": date,
                "type": doc_type,
                "summary": " ".join(summary_words).rstrip(".,;:") + ".",
                "paragraphs": body,
                "original_language": [weighted(rnd, LANGS)],
                "translation_language": "en",
                "source": f"{code} F. {rnd.randint(1, 999):04d}, Op. {rnd.randint(1, 60)}, Delo {rnd.randint(1, 900)}, "
                          f"Listy {rnd.randint(1, 50)}-{rnd.randint(51, 99)}.",
                "repository": {"code": code, "name": name},
                "reference": {"fond": str(rnd.randint(1, 999)), "opis": str(rnd.randint(1, 60))},
                "donors": rnd.sample(DONORS, rnd.randint(0, 2)),
                "collections": [{"id": f"coll-{c}", "name": COLLECTIONS[c], "parent": None} for c in colls],
                "people": [{"id": pid, "name": pname, "description": None} for pid, pname in who],
                "places": [{"id": pid, "name": pname, "description": None} for pid, pname in where],
            }
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            if (i + 1) % 100_000 == 0 and i + 1 < n:
                print(f"  synthesized {i + 1:,} / {n:,} ({time.monotonic() - started:.0f} s)", flush=True)
    return {"words": words_total / max(n, 1), "shortest": shortest, "longest": longest, "paragraphs": dict(sorted(para_counts.items()))}


IMPORT_CHILD = """
import json, resource, sys
from fonds.cli.main import main
code = main(["--home", sys.argv[1], "import", sys.argv[2]])
print(json.dumps({"code": code, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def stored_records(db: Path) -> int:
    """Records stored so far (read-only; the import holds the writer)."""
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return con.execute("SELECT count(*) FROM catalog_record").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def import_corpus(home: Path, corpus: Path, n: int) -> dict:
    log = home.parent / f"{home.name}-import.log"
    started = time.monotonic()
    with open(log, "w") as err:
        proc = subprocess.Popen([sys.executable, "-c", IMPORT_CHILD, str(home), str(corpus)],
                                stdout=subprocess.PIPE, stderr=err, text=True)
        interval = 10 if n <= 200_000 else 60
        while True:
            try:
                out, _ = proc.communicate(timeout=interval)
                break
            except subprocess.TimeoutExpired:
                done = stored_records(home / "db.sqlite3")
                elapsed = time.monotonic() - started
                print(f"  imported {done:,} / {n:,} records in {elapsed:,.0f} s ({done / elapsed:,.0f} docs/s; "
                      f"load {load()})", flush=True)
    wall = time.monotonic() - started
    tail = log.read_text(errors="replace")[-3000:]
    if proc.returncode != 0:
        raise SystemExit(f"fonds import failed (see {log}):\n{tail}")
    stats = json.loads(out.strip().splitlines()[-1])
    m = re.search(r"(\d+) created, (\d+) updated, (\d+) unchanged, (\d+) skipped, (\d+) rejected", tail)
    created, updated, unchanged, skipped, rejected = (int(x) for x in m.groups()) if m else (0, 0, 0, 0, 0)
    return {"docs": created + updated + unchanged, "rejected": rejected, "wall": wall, "rss_mb": stats["rss_mb"]}


def build_home(home: Path, args) -> None:
    t = time.monotonic()
    paras = frus_paragraphs(args.frus, limit=10**9)
    people = people_names(args.people)
    corpus = home.parent / f"{home.name}-corpus.jsonl"
    print(f"building: {args.docs:,} synthetic documents from {len(paras):,} FRUS paragraphs and {len(people):,} people")
    body = synthesize(paras, people, args.docs, corpus)
    mix = ", ".join(f"{k} paragraph{'s' if k > 1 else ''}: {v / args.docs:.0%}" for k, v in body["paragraphs"].items())
    print(f"corpus: {args.docs:,} documents, {corpus.stat().st_size / 2**20:,.0f} MB JSONL, written in "
          f"{time.monotonic() - t:.0f} s; body {body['words']:.0f} words on average ({body['shortest']}-{body['longest']}; {mix}) "
          f"plus a 12-30 word summary")
    result = import_corpus(home, corpus, args.docs)
    print(f"import: {result['docs']:,} documents in {result['wall']:,.0f} s = {result['docs'] / result['wall']:,.0f} docs/s "
          f"(peak RSS {result['rss_mb']:,.0f} MB; db {dir_size(home, 'db.sqlite3*'):,.0f} MB; "
          f"index {dir_size(home / 'index'):,.0f} MB; rejected {result['rejected']}; load {load()})")
    if not args.keep_corpus:
        corpus.unlink()


def dir_size(path: Path, pattern: str = "**/*") -> float:
    return sum(f.stat().st_size for f in path.glob(pattern) if f.is_file()) / 2**20 if path.exists() else 0.0


def load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


# -- the index, read directly ----------------------------------------------------------------------


def setup_django(home: Path) -> None:
    os.environ["FONDS_HOME"] = str(home)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fonds.settings")
    import django

    django.setup()


class Bare:
    """The same index folder opened read-only with the fonds analyzer, searched without fonds."""

    def __init__(self, home: Path):
        import tantivy

        from fonds.search.schema import TEXT_ANALYZER, build_schema, text_analyzer

        generation = (home / "index" / "CURRENT").read_text().strip()
        self.t = tantivy
        self.index = tantivy.Index.open(str(home / "index" / generation))
        self.index.register_tokenizer(TEXT_ANALYZER, text_analyzer())
        self.schema = build_schema()

    def count(self, q: str) -> int:
        return self.index.searcher().search(self.index.parse_query(q, ["title", "text"], conjunction_by_default=True), 1).count

    def facet_values(self, field: str, size: int = 1000) -> list[tuple[str, int]]:
        agg = self.index.searcher().aggregate(self.t.Query.all_query(), {"f": {"terms": {"field": field, "size": size}}})
        return [(str(b["key"]), int(b["doc_count"])) for b in agg["f"]["buckets"] if b["key"] != ""]

    def titles(self, q: str, limit: int = 100) -> list[str]:
        s = self.index.searcher()
        hits = s.search(self.index.parse_query(q, ["text"]), limit).hits
        return [s.doc(addr).get_first("title") or "" for _, addr in hits]

    def query(self, params: list[tuple[str, str]]):
        """The same request as fonds would run, minus name expansion, facets, snippets and documents."""
        t, schema = self.t, self.schema
        p: dict[str, list[str]] = {}
        for k, v in params:
            p.setdefault(k, []).append(v)
        q = (p.get("q") or [""])[0].strip()
        clauses = [(t.Occur.Must, self.index.parse_query(q, ["title", "text"], conjunction_by_default=True) if q else t.Query.all_query())]
        for key in ("type", "lang", "year", "repository", "donor", "collection", "person", "place"):
            if key in p:
                terms = [(t.Occur.Should, t.Query.term_query(schema, key, int(v) if key == "year" else v)) for v in p[key]]
                clauses.append((t.Occur.Must, t.Query.boolean_query(terms)))
        if "to" in p:
            clauses.append((t.Occur.Must, t.Query.range_query(schema, "start_day", t.FieldType.Integer, None, _bound(p["to"][0], True))))
        if "from" in p:
            clauses.append((t.Occur.Must, t.Query.range_query(schema, "end_day", t.FieldType.Integer, _bound(p["from"][0], False), None)))
        query = t.Query.boolean_query(clauses) if len(clauses) > 1 else clauses[0][1]
        per_page = int((p.get("per_page") or ["20"])[0])
        offset = (int((p.get("page") or ["1"])[0]) - 1) * per_page
        sort = (p.get("sort") or ["relevance" if q else "date"])[0]
        kwargs = {}
        if sort in ("date", "-date"):
            kwargs = {"order_by_field": "start_day", "order": t.Order.Asc if sort == "date" else t.Order.Desc}
        return query, per_page, offset, kwargs

    def run(self, params) -> int:
        query, limit, offset, kwargs = self.query(params)
        return self.index.searcher().search(query, limit, count=True, offset=offset, **kwargs).count

    def run_with_facets(self, params) -> int:
        """``run`` plus the eight facet counts fonds shows, asked for in one aggregation request."""
        from fonds.search.facets import FACETS

        query, limit, offset, kwargs = self.query(params)
        searcher = self.index.searcher()
        count = searcher.search(query, limit, count=True, offset=offset, **kwargs).count
        searcher.aggregate(query, {f.key: {"terms": {"field": f.field, "size": f.size}} for f in FACETS})
        return count


def _bound(text: str, upper: bool) -> int:
    import calendar
    import datetime

    parts = [int(x) for x in text.split("-")]
    y, m, d = parts[0], (parts[1] if len(parts) > 1 else None), (parts[2] if len(parts) > 2 else None)
    if upper:
        m = m or 12
        d = d or calendar.monthrange(y, m)[1]
    return datetime.date(y, m or 1, d or 1).toordinal()


# -- 3. the queries ----------------------------------------------------------------------------------


def make_queries(bare: Bare, frus: Path, people: list[tuple[str, str]], n_docs: int, seed: int = 1991) -> list[tuple[str, list]]:
    """500 (category, params) pairs, fixed by the seed and the corpus."""
    rnd = random.Random(seed)
    paras = frus_paragraphs(frus, limit=10**9)
    df: Counter = Counter()
    for p in paras:
        df.update({w.lower() for w in WORD.findall(p) if len(w) >= 4})
    vocab = sorted(w for w in df if w not in STOPWORDS)
    rare_pool = [w for w in vocab if df[w] == 1 and len(w) >= 6]
    common_pool = sorted((w for w in vocab if len(w) >= 5), key=lambda w: -df[w])[:300]
    medium_pool = [w for w in vocab if 20 <= df[w] <= 200 and len(w) >= 5]

    def pick_counted(pool, k, lo, hi):
        out, tries = [], 0
        for w in rnd.sample(pool, min(len(pool), k * 20)):
            tries += 1
            if lo <= bare.count(w) <= hi:
                out.append(w)
            if len(out) == k:
                break
        return out

    rare = pick_counted(rare_pool, 70, 1, max(50, n_docs // 2000))
    common = pick_counted(common_pool, 60, n_docs // 50, n_docs)
    medium = pick_counted(medium_pool, 120, 1, n_docs)

    def phrase() -> str:
        while True:
            words = WORD.findall(rnd.choice(paras))
            if len(words) < 6:
                continue
            k = rnd.choice((2, 2, 3))
            i = rnd.randrange(len(words) - k)
            chunk = words[i : i + k]
            if any(w.lower() not in STOPWORDS and len(w) > 3 for w in chunk):
                return '"' + " ".join(chunk) + '"'

    titles = [t for w in common[:10] for t in bare.titles(w, 50)]
    title_words = sorted({w.lower() for t in titles for w in WORD.findall(t) if len(w) >= 5 and w.lower() not in STOPWORDS})
    facets = {key: bare.facet_values(key) for key in ("type", "lang", "repository", "donor", "collection", "person", "place")}
    facets["year"] = [(str(y), 0) for y in range(1945, 1992)]

    def facet_value(key: str) -> str:
        values = facets[key]
        # Half from the popular head, half from anywhere (the long tail of people and collections).
        return (rnd.choice(values[:10]) if rnd.random() < 0.5 else rnd.choice(values))[0]

    def date_range() -> list[tuple[str, str]]:
        y = rnd.randint(1945, 1990)
        kind = rnd.random()
        if kind < 0.5:
            return [("from", str(y)), ("to", str(min(1991, y + rnd.randint(0, 5))))]
        if kind < 0.8:
            m = rnd.randint(1, 12)
            return [("from", f"{y}-{m:02d}"), ("to", f"{y}-{min(12, m + rnd.randint(0, 3)):02d}")]
        m, d = rnd.randint(1, 12), rnd.randint(1, 20)
        return [("from", f"{y}-{m:02d}-{d:02d}"), ("to", f"{y}-{m:02d}-{d + rnd.randint(0, 8):02d}")]

    def word() -> str:
        return rnd.choice(common) if rnd.random() < 0.5 else rnd.choice(medium)

    qs: list[tuple[str, list]] = []
    qs += [("rare word", [("q", w)]) for w in rare]
    qs += [("common word", [("q", w)]) for w in common]
    qs += [("two words", [("q", f"{rnd.choice(common)} {rnd.choice(medium)}")]) for _ in range(40)]
    qs += [("phrase", [("q", phrase())]) for _ in range(50)]
    named = rnd.sample(people[:500], 15) + rnd.sample(people, 15)  # popular people and the tail
    qs += [("name", [("q", name if i % 3 else f'"{name}"')]) for i, (_, name) in enumerate(named)]
    for i in range(30):
        scoped = f"title:{rnd.choice(title_words)}" if i % 3 else f'title:"{" ".join(WORD.findall(rnd.choice(titles))[:2])}"'
        qs.append(("title:", [("q", scoped)]))
    qs += [("type filter", [("q", word()), ("type", facet_value("type"))]) for _ in range(30)]
    for i in range(60):
        params = [("q", word())] if i % 2 == 0 else []
        keys = rnd.sample(["type", "lang", "repository", "donor", "collection", "person", "place", "year"], rnd.randint(1, 3))
        for key in keys:
            params += [(key, facet_value(key)) for _ in range(rnd.choice((1, 1, 1, 2)))]
        qs.append(("facets", list(dict.fromkeys(params))))
    qs += [("date range", ([("q", word())] if i % 5 < 3 else []) + date_range()) for i in range(50)]
    for i in range(40):
        params = [("q", word()), ("sort", rnd.choice(("date", "-date")))]
        if i % 4 == 0:
            key = rnd.choice(("type", "collection", "lang"))
            params.append((key, facet_value(key)))
        qs.append(("date sort", params))
    for i in range(20):
        key = rnd.choice(("type", "collection", "person", "repository"))
        qs.append(("browse", [(key, facet_value(key))] if i % 2 else date_range()))
    for i in range(20):
        params = [("q", rnd.choice(common))] if i % 4 else []
        per_page = 20 if i % 2 else 100
        pages = max(1, min(100_000 // per_page, n_docs // 20 // per_page))
        qs.append(("deep page", params + [("per_page", str(per_page)), ("page", str(rnd.randint(max(1, pages // 4), pages)))]))
    return qs


def search_path(params: list[tuple[str, str]]) -> str:
    return "/search?" + urlencode([*params, ("format", "json")])


# -- 2/3. the server and its clients ---------------------------------------------------------------


class Client:
    """One HTTP/1.1 client on one connection, reopened when the server closes it."""

    def __init__(self, port: int):
        self.port = port
        self.conn: http.client.HTTPConnection | None = None

    def get(self, path: str) -> tuple[int, str | None, bytes]:
        for attempt in (0, 1):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            try:
                self.conn.request("GET", path, headers={"Connection": "keep-alive"})
                resp = self.conn.getresponse()
                body = resp.read()
                if resp.will_close:
                    self.conn.close()
                    self.conn = None
                return resp.status, resp.getheader("Location"), body
            except (http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = None
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(home: Path, port: int, workers: int, log: Path) -> subprocess.Popen:
    out = open(log, "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "fonds", "--home", str(home), "serve", "--host", "127.0.0.1", "--port", str(port),
         "--workers", str(workers)],
        stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
    )
    out.close()
    started = time.monotonic()
    client = Client(port)
    while time.monotonic() - started < 600:
        if proc.poll() is not None:
            raise SystemExit(f"fonds serve exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
        try:
            status, _, _ = client.get(search_path([("q", "warmup"), ("per_page", "1")]))
            if status == 200:
                print(f"server: {workers} workers on port {port}, answering after {time.monotonic() - started:.1f} s")
                return proc
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit("fonds serve did not answer within 600 s")


def stop_server(proc: subprocess.Popen | None) -> None:
    """SIGTERM to the server's own process group (gunicorn master, its workers, the index follower)."""
    if proc is None or proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    except ProcessLookupError:
        pass


def percentiles(ms: list[float]) -> dict:
    if len(ms) < 2:
        return {"p50": ms[0] if ms else 0.0, "p95": ms[0] if ms else 0.0, "p99": ms[0] if ms else 0.0, "max": max(ms, default=0.0)}
    q = statistics.quantiles(ms, n=100, method="inclusive")
    return {"p50": q[49], "p95": q[94], "p99": q[98], "max": max(ms)}


def sequential(client: Client, queries) -> tuple[list[float], list[dict]]:
    times, answers = [], []
    for category, params in queries:
        path = search_path(params)
        t = time.perf_counter()
        status, _, body = client.get(path)
        times.append((time.perf_counter() - t) * 1000)
        data = json.loads(body) if status == 200 else {}
        answers.append({"category": category, "status": status, "total": data.get("total"), "params": params})
    return times, answers


def load_test(port: int, queries, clients: int, max_requests: int, max_seconds: float) -> dict:
    paths = [search_path(p) for _, p in queries]
    counter = itertools.count()
    results: list[tuple[float, int]] = []
    errors: list[str] = []
    lock = threading.Lock()
    started = time.perf_counter()
    deadline = started + max_seconds

    def worker(k: int) -> None:
        client = Client(port)
        mine = []
        while True:
            i = next(counter)
            if i >= max_requests or time.perf_counter() > deadline:
                break
            t = time.perf_counter()
            try:
                status, _, _ = client.get(paths[(i * 7 + k) % len(paths)])
            except OSError as exc:
                with lock:
                    errors.append(str(exc))
                continue
            mine.append(((time.perf_counter() - t) * 1000, status))
        client.close()
        with lock:
            results.extend(mine)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(clients)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    elapsed = time.perf_counter() - started
    ok = [ms for ms, status in results if status == 200]
    return {"requests": len(results), "ok": len(ok), "errors": len(errors) + len(results) - len(ok), "seconds": elapsed,
            "rps": len(ok) / elapsed, **percentiles(ok)}


def document_pages(client: Client, ids: list[str]) -> dict:
    """``GET /documents/<id>`` (a redirect), then the canonical page it names, timed alone, then its
    formatted citations (``<page>/citations?part=1``, which a browser fetches after the page).
    Each id is visited once, as a reader or a crawler would: citations are rendered afresh."""
    canonical, redirect, final, citations, bad = [], [], [], [], 0
    for rid in ids:
        t = time.perf_counter()
        status, location, _ = client.get(f"/documents/{rid}")
        redirect.append((time.perf_counter() - t) * 1000)
        if status not in (301, 302) or not location:
            bad += 1
            continue
        path = re.sub(r"^https?://[^/]+", "", location)
        t = time.perf_counter()
        status, _, _ = client.get(path)
        final.append((time.perf_counter() - t) * 1000)
        bad += status != 200
        canonical.append(path)
        t = time.perf_counter()
        status, _, _ = client.get(path + "/citations?part=1")
        citations.append((time.perf_counter() - t) * 1000)
        bad += status != 200
    return {"final": percentiles(final), "redirect": percentiles(redirect), "citations": percentiles(citations),
            "bad": bad, "n": len(canonical), "paths": canonical}


def random_ids(home: Path, k: int, seed: int = 42) -> list[str]:
    con = sqlite3.connect(f"file:{home / 'db.sqlite3'}?mode=ro", uri=True)
    try:
        top = con.execute("SELECT max(id) FROM catalog_record").fetchone()[0] or 0
        rnd = random.Random(seed)
        wanted = rnd.sample(range(1, top + 1), min(top, k * 2))
        rows = con.execute(f"SELECT record_id FROM catalog_record WHERE id IN ({','.join('?' * len(wanted))})", wanted).fetchall()
    finally:
        con.close()
    ids = [r[0] for r in rows]
    rnd.shuffle(ids)
    return ids[:k]


# -- 4. in-process: bare Tantivy, fonds' search function, the Django view -------------------------------


def time_each(fn, items) -> list[float]:
    out = []
    for item in items:
        t = time.perf_counter()
        fn(item)
        out.append((time.perf_counter() - t) * 1000)
    return out


def fonds_request(params):
    from fonds import search

    p: dict[str, list[str]] = {}
    for k, v in params:
        p.setdefault(k, []).append(v)
    return search.SearchRequest(
        q=(p.get("q") or [""])[0],
        filters={f.key: p[f.key] for f in search.FACETS if f.key in p},
        date_from=(p.get("from") or [None])[0], date_to=(p.get("to") or [None])[0],
        sort=(p.get("sort") or ["relevance"])[0], page=int((p.get("page") or ["1"])[0]),
        per_page=int((p.get("per_page") or ["20"])[0]),
    )


# Where a request's time goes: (label, file the function is in, function name prefix). Cumulative
# times of matching functions are summed; a missing function (renamed code) is left out.
SEARCH_PHASES = [
    ("fonds.search.search(), all of it", "fonds/search/__init__.py", "search"),
    ("  facet counts (searcher.aggregate)", "~", "<method 'aggregate' of"),
    ("  top hits + count (searcher.search)", "~", "<method 'search' of"),
    ("  stored documents (searcher.doc)", "~", "<method 'doc' of"),
    ("  snippets", "fonds/search/snippets.py", ("snippet_html", "best_snippet", "generators")),
    ("  query: name expansion", "fonds/search/query.py", "expand_names"),
    ("  query: name lookup (cached)", "fonds/search/names.py", "lookup"),
    ("  query: parsing", "~", "<method 'parse_query"),
    ("  index reader (CURRENT + reload)", "fonds/search/store.py", "reader"),
    ("view: facet value links (_toggle)", "fonds/web/views.py", "_toggle"),
    ("view: other links (_with, sort urls)", "fonds/web/views.py", "_with"),
    ("view: result links (document_url)", "fonds/web/links.py", "document_url"),
    ("view: facet labels (database)", ("fonds/web/labels.py", "fonds/catalog/labels.py"), ("preload", "facet_value", "repository")),
    ("view: JSON encoding", "django/http/response.py", "__init__"),
]
DOCUMENT_PHASES = [
    ("document view, all of it", "fonds/web/views.py", "document"),
    ("  record from the database (get_record)", "fonds/catalog/services.py", "get_record"),
    ("  citation links and meta tags", "fonds/web/citation_views.py", "citation_context"),
    ("  related documents: shared people, places", "fonds/search/related.py", "_sharing"),
    ("  related documents: similar text", "fonds/search/related.py", "_similar"),
    ("  Document Information block", "fonds/web/views.py", "document_info"),
    ("  body and notes", "fonds/web/body.py", ("segments", "notes")),
    ("  template rendering", "fonds/web/twins.py", "respond"),
]


def profile_summary(profile: cProfile.Profile, n: int, phases, top: int = 10) -> list[str]:
    rows = [(file.replace(os.sep, "/"), func, nc, tt, ct)
            for (file, line, func), (cc, nc, tt, ct, callers) in pstats.Stats(profile).stats.items()]
    lines = []
    for label, where, names in phases:
        names = (names,) if isinstance(names, str) else names
        where = (where,) if isinstance(where, str) else where
        hits = [(nc, ct) for file, func, nc, tt, ct in rows if file.endswith(where) and func.startswith(names)]
        if hits:
            lines.append(f"    {label:<42} {sum(ct for _, ct in hits) * 1000 / n:7.2f} ms  ({sum(nc for nc, _ in hits) / n:.1f} calls)")
    lines.append("    top functions by own time, per request:")
    for file, func, nc, tt, ct in sorted(rows, key=lambda r: -r[3])[:top]:
        where = "" if file == "~" else "/".join(Path(file).parts[-2:]) + ":"
        lines.append(f"      {tt * 1000 / n:6.2f} ms own {ct * 1000 / n:7.2f} ms cumulative {nc / n:7.1f} calls  {where}{func}"[:150])
    return lines


# -- report ------------------------------------------------------------------------------------------


def verdict(value: float, target: float, higher_is_better: bool = False) -> str:
    ok = value >= target if higher_is_better else value <= target
    return "met" if ok else "MISSED"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=1_000_000, help="synthetic documents to build (default 1,000,000)")
    ap.add_argument("--home", type=Path, help="a fonds home: reused when it has an index, else built there and kept")
    ap.add_argument("--work", type=Path, help="scratch folder for a temporary home (default: a temp dir, removed after)")
    ap.add_argument("--frus", type=Path, default=DEFAULT_FRUS, help="folder of FRUS TEI volumes")
    ap.add_argument("--people", type=Path, default=DEFAULT_PEOPLE, help="the Office of the Historian's people records")
    ap.add_argument("--workers", type=int, default=4, help="gunicorn workers (default 4)")
    ap.add_argument("--port", type=int, default=0, help="port (default: a free one)")
    ap.add_argument("--clients", type=int, default=8, help="concurrent clients for throughput (default 8)")
    ap.add_argument("--load-requests", type=int, default=3000, help="requests in the throughput test at most")
    ap.add_argument("--load-seconds", type=float, default=60, help="seconds of the throughput test at most")
    ap.add_argument("--profile", action="store_true", help="also profile the in-process view (cProfile) and print the top functions")
    ap.add_argument("--keep-corpus", action="store_true", help="keep the JSON Lines corpus beside the home")
    args = ap.parse_args()
    if not args.frus.is_dir():
        raise SystemExit(f"{args.frus}: no FRUS volumes (the shared corpora must be beside the checkout)")

    print(f"machine: {os.cpu_count()} cores, load average {load()} (1/5/15 min); python {sys.version.split()[0]}")
    if os.getloadavg()[0] > (os.cpu_count() or 1) * 0.5:
        print("note: the machine is busy with other work; latencies and throughput below are noisy and pessimistic")
    temp = None
    if args.home is not None:
        home = args.home.resolve()
    else:
        temp = Path(tempfile.mkdtemp(prefix="fonds-search-", dir=args.work))
        home = temp / "home"
    server = None
    try:
        if (home / "index" / "CURRENT").is_file():
            print(f"home: reusing {home} (nothing is built)")
        else:
            home.parent.mkdir(parents=True, exist_ok=True)
            build_home(home, args)
        setup_django(home)
        bare = Bare(home)
        n_docs = bare.index.searcher().num_docs - 1  # less the meta document
        print(f"index: {n_docs:,} documents, {bare.index.searcher().num_segments} segments, {dir_size(home / 'index'):,.0f} MB")
        people = people_names(args.people)
        queries = make_queries(bare, args.frus, people, n_docs)
        print(f"queries: {len(queries)} ({', '.join(f'{c} {n}' for c, n in Counter(c for c, _ in queries).items())})")

        # 2-3: the server.
        port = args.port or free_port()
        server = start_server(home, port, args.workers, home.parent / f"{home.name}-serve.log")
        client = Client(port)
        sequential(client, queries)  # warm-up: every worker opens the index, builds its name lookup
        seq_ms, answers = sequential(client, queries)
        seq = percentiles(seq_ms)
        bad = [a for a in answers if a["status"] != 200]
        print(f"sequential: {len(seq_ms)} queries after a warm-up pass; load {load()}")
        print(f"{'category':<14}{'n':>5}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'median hits':>13}")
        for cat in dict.fromkeys(c for c, _ in queries):
            ms = [t for t, a in zip(seq_ms, answers) if a["category"] == cat]
            hits = [a["total"] for a in answers if a["category"] == cat and a["total"] is not None]
            pc = percentiles(ms)
            median_hits = statistics.median(hits) if hits else 0
            print(f"{cat:<14}{len(ms):>5}{pc['p50']:>9.1f}{pc['p95']:>9.1f}{pc['max']:>9.1f}{median_hits:>13,.0f}")
        slow = sorted(zip(seq_ms, answers), key=lambda x: -x[0])[:5]
        print("slowest: " + "; ".join(f"{ms:.0f} ms {a['category']} {urlencode(a['params'])}" for ms, a in slow))
        if bad:
            print(f"non-200 answers: {len(bad)} (first: {bad[0]['status']} {urlencode(bad[0]['params'])})")

        load_result = load_test(port, queries, args.clients, args.load_requests, args.load_seconds)
        print(f"throughput: {args.clients} clients, {load_result['requests']} requests in {load_result['seconds']:.1f} s, "
              f"{load_result['errors']} errors; latency under load p50 {load_result['p50']:.0f} ms, "
              f"p95 {load_result['p95']:.0f} ms; load {load()}")

        ids = random_ids(home, 250)
        docs = document_pages(client, ids[:200])
        print(f"document pages: {docs['n']} random ids; redirect p50 {docs['redirect']['p50']:.1f} ms; canonical page "
              f"p50 {docs['final']['p50']:.1f} ms, p95 {docs['final']['p95']:.1f} ms, p99 {docs['final']['p99']:.1f} ms; "
              f"its formatted citations p50 {docs['citations']['p50']:.1f} ms, p95 {docs['citations']['p95']:.1f} ms; "
              f"{docs['bad']} bad answers; load {load()}")
        client.close()
        stop_server(server)
        server = None

        # 4: in-process, the server stopped.
        from django.test import Client as DjangoClient

        from fonds import search

        plist = [p for _, p in queries]
        time_each(bare.run, plist)
        bare_ms = time_each(bare.run, plist)
        time_each(bare.run_with_facets, plist)
        bare_facets_ms = time_each(bare.run_with_facets, plist)
        time_each(lambda p: search.search(fonds_request(p)), plist)
        engine_ms = time_each(lambda p: search.search(fonds_request(p)), plist)
        django_client = DjangoClient()
        time_each(lambda p: django_client.get(search_path(p)), plist)
        view_ms = time_each(lambda p: django_client.get(search_path(p)), plist)
        doc_first, doc_again = [], []
        for path in docs["paths"]:  # each page twice in a row: the second reads what the first left in caches
            doc_first += time_each(django_client.get, [path])
            doc_again += time_each(django_client.get, [path])
        bare_p, engine_p, view_p = percentiles(bare_ms), percentiles(engine_ms), percentiles(view_ms)
        print(f"in-process, one thread, server stopped (load {load()}):")
        for label, pc in (("search: bare Tantivy (top-20 + count)", bare_p),
                          ("search: bare Tantivy + facets, one call", percentiles(bare_facets_ms)),
                          ("search: fonds.search.search()", engine_p),
                          ("search: Django view, no HTTP", view_p), ("search: HTTP via gunicorn (above)", seq),
                          ("document: Django view, first visit", percentiles(doc_first)),
                          ("document: Django view, at once again", percentiles(doc_again))):
            print(f"  {label:<40} p50 {pc['p50']:7.2f} ms  p95 {pc['p95']:7.2f} ms  p99 {pc['p99']:7.2f} ms")
        if args.profile:
            profile = cProfile.Profile()
            profile.enable()
            for p in plist:
                django_client.get(search_path(p))
            profile.disable()
            print(f"where a search request's time goes (cProfile, in-process view, mean of {len(plist)} queries; "
                  "the profiler inflates Python-heavy parts):")
            print("\n".join(profile_summary(profile, len(plist), SEARCH_PHASES)))
            fresh = [re.sub(r"^https?://[^/]+", "", django_client.get(f"/documents/{rid}")["Location"]) for rid in ids[200:]]
            profile = cProfile.Profile()
            profile.enable()
            for path in fresh:
                django_client.get(path)
            profile.disable()
            print(f"where a document page's time goes (cProfile, in-process view, first visits of {len(fresh)} ids):")
            print("\n".join(profile_summary(profile, len(fresh), DOCUMENT_PHASES)))

        # 5: the report.
        ratio = seq["p50"] / bare_p["p50"] if bare_p["p50"] else float("inf")
        print()
        print(f"SEARCH BENCHMARK: {n_docs:,} documents; {len(queries)} queries; {args.workers} workers; "
              f"{os.cpu_count()} cores, load {load()}")
        rows = [
            ("search p50 (HTTP, sequential)", f"{seq['p50']:.1f} ms", f"<= {TARGETS['p50']:.0f} ms", verdict(seq["p50"], TARGETS["p50"])),
            ("search p95 (HTTP, sequential)", f"{seq['p95']:.1f} ms", f"<= {TARGETS['p95']:.0f} ms", verdict(seq["p95"], TARGETS["p95"])),
            ("search p99 (HTTP, sequential)", f"{seq['p99']:.1f} ms", "-", ""),
            ("bare Tantivy p50 / p95", f"{bare_p['p50']:.2f} / {bare_p['p95']:.2f} ms", "-", ""),
            ("fonds p50 / bare Tantivy p50", f"{ratio:.1f}x", f"<= {TARGETS['ratio']:.0f}x", verdict(ratio, TARGETS["ratio"])),
            (f"throughput, {args.clients} clients", f"{load_result['rps']:.0f} req/s", f">= {TARGETS['rps']:.0f} req/s",
             verdict(load_result["rps"], TARGETS["rps"], higher_is_better=True)),
            ("document page p95 (HTTP)", f"{docs['final']['p95']:.1f} ms", f"<= {TARGETS['doc_p95']:.0f} ms",
             verdict(docs["final"]["p95"], TARGETS["doc_p95"])),
            ("  its citations, fetched after it", f"{docs['citations']['p95']:.1f} ms", "-", ""),
        ]
        for name, value, target, v in rows:
            print(f"  {name:<34} {value:>18}   target {target:<12} {v}")
        return 0
    finally:
        stop_server(server)
        if temp is not None:
            shutil.rmtree(temp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
