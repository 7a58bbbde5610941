#!/usr/bin/env python3
"""What the original-language fields cost: index size and indexing time, with and without them.

    python bench/original_language.py [--records N] [--frus DIR]

Builds N records (default 600) with an English text of ~300 words sampled from the FRUS volumes
(../shared/corpora/frus), and gives each an original-language transcript of ~1-2 KB:
- a third Russian: sentences sampled from the real WCDA transcript 33548 (../shared/corpora/wcda);
- a third Chinese, a sixth Korean, a sixth Japanese: real strings from pycountry's zh_CN, ko and
  ja catalogues (names of countries, regions, languages, currencies) joined into "sentences".
  These are names, not prose: the bigram vocabulary is that of real CJK text, its distribution
  is not (prose repeats common bigrams more, so its index is, if anything, smaller).
Then indexes the same records twice into fresh Tantivy folders, once as they are and once with
their transcripts removed, with the real schema and analysers, and prints sizes by file kind
(.store = stored text, .term/.idx/.pos = terms, postings, positions) and indexing time.
Nothing is copied into the repository; a benchmark reports, it does not fail.
"""

from __future__ import annotations

import argparse
import dataclasses
import gettext
import json
import os
import random
import re
import sys
import tempfile
import time
from collections import Counter
from html import escape
from pathlib import Path

import django
import tantivy

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
# fonds.search's package imports the catalogue's models: Django must be set up (on a throwaway home).
os.environ["FONDS_HOME"] = tempfile.mkdtemp(prefix="fonds-bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fonds.settings")
django.setup()

from fonds.core.record import RecordData, Transcript  # noqa: E402
from fonds.ingest.html_clean import sanitize, to_text  # noqa: E402
from fonds.search.analysis import register_all  # noqa: E402
from fonds.search.schema import build_schema, to_document  # noqa: E402
from ingest import frus_paragraphs  # noqa: E402  (bench/ingest.py: the same FRUS paragraphs)

CORPORA = REPO.parent / "shared" / "corpora"


def russian_sentences() -> list[str]:
    sample = json.loads((CORPORA / "wcda" / "api-transcript-33548.json").read_text(encoding="utf-8"))
    text = to_text(sanitize(sample["raw"]))
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.strip()) > 20]


def catalogue_strings(locale: str) -> list[str]:
    import pycountry

    found: list[str] = []
    base = Path(pycountry.LOCALES_DIR)
    for domain in ("iso3166-1", "iso3166-2", "iso639-3", "iso4217", "iso15924"):
        try:
            catalog = gettext.translation(domain, base, languages=[locale])
        except OSError:
            continue
        found += [v for k, v in catalog._catalog.items() if k and v and v != k]  # type: ignore[attr-defined]
    return found


def cjk_text(strings: list[str], rnd: random.Random, chars: int) -> str:
    out, n = [], 0
    while n < chars:
        sentence = "、".join(rnd.sample(strings, rnd.randint(3, 8))) + "。"
        out.append(sentence)
        n += len(sentence)
    return "".join(out)


def build_records(n: int, frus: Path, seed: int = 1957) -> list[RecordData]:
    rnd = random.Random(seed)
    english = frus_paragraphs(frus, 20000)
    russian = russian_sentences()
    cjk = {"zh": catalogue_strings("zh_CN"), "ko": catalogue_strings("ko"), "ja": catalogue_strings("ja")}
    records = []
    for i in range(n):
        body, words = [], 0
        while words < 300:
            p = rnd.choice(english)
            body.append(p)
            words += p.count(" ") + 1
        slot = i % 6
        if slot < 2:
            lang, text = "ru", " ".join(rnd.sample(russian, min(len(russian), rnd.randint(8, 16))))
        elif slot < 4:
            lang, text = "zh", cjk_text(cjk["zh"], rnd, rnd.randint(500, 900))
        elif slot == 4:
            lang, text = "ko", cjk_text(cjk["ko"], rnd, rnd.randint(500, 900))
        else:
            lang, text = "ja", cjk_text(cjk["ja"], rnd, rnd.randint(500, 900))
        html = f"<p>{escape(text)}</p>"
        records.append(
            RecordData(id=str(i), title=f"Record {i}", paragraphs=body, original_language=[lang],
                       transcripts=[Transcript(lang, html, "transcript")])
        )  # fmt: skip
    return records


def index_size(records: list[RecordData]) -> tuple[Counter[str], float]:
    with tempfile.TemporaryDirectory() as tmp:
        index = tantivy.Index(build_schema(), path=tmp)
        register_all(index)
        writer = index.writer(heap_size=200_000_000, num_threads=1)
        start = time.perf_counter()
        for record in records:
            writer.add_document(to_document(record))
        writer.commit()
        writer.wait_merging_threads()
        elapsed = time.perf_counter() - start
        sizes: Counter[str] = Counter()
        for path in Path(tmp).iterdir():
            sizes[path.suffix or path.name] += path.stat().st_size
        return sizes, elapsed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--records", type=int, default=600)
    ap.add_argument("--frus", type=Path, default=CORPORA / "frus")
    args = ap.parse_args()
    records = build_records(args.records, args.frus)
    bare = [dataclasses.replace(r, transcripts=[]) for r in records]
    text_bytes = Counter()
    for r in records:
        text_bytes[r.transcripts[0].language] += len(to_text(r.transcripts[0].html).encode("utf-8"))
    english_bytes = sum(len(r.text.encode("utf-8")) for r in records)
    with_sizes, with_time = index_size(records)
    bare_sizes, bare_time = index_size(bare)
    kinds = [".store", ".term", ".idx", ".pos", ".fieldnorm", ".fast"]
    print(f"{len(records)} records; English text {english_bytes / 1e6:.2f} MB; transcripts "
          + ", ".join(f"{k} {v / 1e6:.2f} MB" for k, v in sorted(text_bytes.items())))  # fmt: skip
    print(f"{'':22}" + "".join(f"{k:>10}" for k in kinds) + f"{'total':>10}{'time s':>9}")
    for label, sizes, elapsed in (("English only", bare_sizes, bare_time), ("with transcripts", with_sizes, with_time)):
        total = sum(sizes.values())
        print(f"{label:22}" + "".join(f"{sizes[k] / 1e6:10.2f}" for k in kinds) + f"{total / 1e6:10.2f}{elapsed:9.2f}")
    growth = sum(with_sizes.values()) - sum(bare_sizes.values())
    print(f"growth {growth / 1e6:.2f} MB for {sum(text_bytes.values()) / 1e6:.2f} MB of transcript text "
          f"({growth / sum(text_bytes.values()):.2f} bytes of index per byte of transcript)")  # fmt: skip
    for lang in sorted(text_bytes):
        only = [r if r.transcripts[0].language == lang else b for r, b in zip(records, bare)]
        sizes, elapsed = index_size(only)
        extra = sum(sizes.values()) - sum(bare_sizes.values())
        stored = sizes[".store"] - bare_sizes[".store"]
        print(f"  {lang}: +{extra / 1e6:.2f} MB ({extra / text_bytes[lang]:.2f} per byte of text; stored text "
              f"{stored / text_bytes[lang]:.2f}), indexing +{elapsed - bare_time:.2f} s")  # fmt: skip


if __name__ == "__main__":
    main()
