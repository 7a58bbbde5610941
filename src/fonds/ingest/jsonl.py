"""JSON Lines in the record format (docs/record-format.md): what ``fonds export`` writes.

One JSON object a line, streamed, so a file of any size imports in constant memory. Reading an
export back gives identical records.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from fonds.core.dates import DateError, from_edtf
from fonds.core.record import RecordData
from fonds.ingest.base import Code, IngestError, Item, Source


class JsonlParser:
    name = "jsonl"
    description = "fonds records as JSON Lines (the export format)"
    streams = True

    def score(self, path: Path, head: str) -> float:
        first = head.lstrip().split("\n", 1)[0].strip()
        if not first.startswith("{"):
            return 0.0
        try:
            obj = json.loads(first)
        except ValueError:
            # A first line longer than the head is still likely ours when the extension says so.
            return 0.5 if path.suffix.lower() in (".jsonl", ".ndjson") else 0.0
        if isinstance(obj, dict) and "id" in obj and "title" in obj:
            return 0.95
        return 0.3 if path.suffix.lower() in (".jsonl", ".ndjson") else 0.0

    def parse(self, source: Source) -> Iterator[Item]:
        for lineno, location, obj in json_lines(source, "record"):
            if isinstance(obj, Item):
                yield obj
                continue
            try:
                record = RecordData.from_json(obj)
            except (ValueError, TypeError) as exc:
                yield Item(location, error=IngestError(Code.BAD_FIELD, str(exc), source.name, lineno))
                continue
            problem = _check_date(record)
            if problem:
                yield Item(location, error=IngestError(Code.BAD_DATE, problem, source.name, lineno))
                continue
            yield Item(location, record=record)


def json_lines(source: Source, what: str) -> Iterator[tuple[int, str, dict | Item]]:
    """(line number, location, object) for each non-blank line of a JSON Lines file; a line that
    is not one JSON object comes as a ``bad_json`` Item instead, naming the file and line."""
    for lineno, line in enumerate(source.lines(), start=1):
        if not line.strip():
            continue
        location = f"{source.name}:{lineno}"
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict):
                raise ValueError("a line must hold one JSON object")
        except ValueError as exc:
            error = IngestError(Code.BAD_JSON, f"not a JSON {what}: {exc}", source.name, lineno)
            yield lineno, location, Item(location, error=error)
            continue
        yield lineno, location, obj


def _check_date(record: RecordData) -> str | None:
    """Fill date bounds from the EDTF when missing; say what is wrong when the EDTF is invalid."""
    if not record.date:
        return None
    try:
        value = from_edtf(record.date)
    except DateError as exc:
        return str(exc)
    record.date_start = record.date_start or value.start.isoformat()
    record.date_end = record.date_end or value.end.isoformat()
    record.date_display = record.date_display or value.display
    return None


parser = JsonlParser()
