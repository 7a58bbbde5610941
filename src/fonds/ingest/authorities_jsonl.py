"""Authority records as JSON Lines: one person, organisation or place a line (the shape of
:meth:`fonds.core.authority.AuthorityData.to_json`). The project's curated authority file is in
this format."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from fonds.core.authority import KINDS, AuthorityData
from fonds.ingest.base import Code, IngestError, Item, Source
from fonds.ingest.jsonl import json_lines



class AuthoritiesJsonlParser:
    name = "authorities-jsonl"
    description = "people, organisations and places as JSON Lines"
    streams = True

    def score(self, path: Path, head: str) -> float:
        first = head.lstrip().split("\n", 1)[0].strip()
        try:
            obj = json.loads(first)
        except ValueError:
            return 0.0
        if isinstance(obj, dict) and {"id", "kind", "name"} <= obj.keys() and "title" not in obj:
            return 0.96
        return 0.0

    def parse(self, source: Source) -> Iterator[Item]:
        for lineno, location, obj in json_lines(source, "authority"):
            if isinstance(obj, Item):
                yield obj
                continue
            if obj.get("kind") not in KINDS:
                message = f"kind must be one of {', '.join(KINDS)}, not {obj.get('kind')!r}"
                yield Item(location, error=IngestError(Code.BAD_FIELD, message, source.name, lineno))
                continue
            try:
                authority = AuthorityData.from_json(obj)
            except (KeyError, TypeError, ValueError) as exc:
                yield Item(location, error=IngestError(Code.BAD_FIELD, f"malformed authority: {exc}", source.name, lineno))
                continue
            yield Item(location, authority=authority)


parser = AuthoritiesJsonlParser()
