"""The parser registry: every format fonds reads, and how a file is matched to one.

Each parser scores the file's head; the best score wins if it reaches :data:`MIN_SCORE`.
``--format NAME`` forces a parser.
"""

from __future__ import annotations

from pathlib import Path

from fonds.ingest import authorities_jsonl, csv_records, frus_tei, hsg_people, hsg_taxonomy, jsonl, wcda_api, wcda_page
from fonds.ingest.base import Parser

MIN_SCORE = 0.2

PARSERS: tuple[Parser, ...] = (wcda_page.parser, jsonl.parser, wcda_api.parser, frus_tei.parser, csv_records.parser, authorities_jsonl.parser, hsg_people.parser, hsg_taxonomy.parser)


def names() -> list[str]:
    return [p.name for p in PARSERS]


def get(name: str) -> Parser:
    for p in PARSERS:
        if p.name == name:
            return p
    raise KeyError(f"unknown format {name!r}; known formats: {', '.join(names())}")


def choose(path: Path, head: str) -> Parser | None:
    """The parser that best recognises the file, or None when none is confident enough."""
    scored = sorted(((p.score(path, head), i, p) for i, p in enumerate(PARSERS)), key=lambda t: (-t[0], t[1]))
    best_score, _, best = scored[0]
    return best if best_score >= MIN_SCORE else None
