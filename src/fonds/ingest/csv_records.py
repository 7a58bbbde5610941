"""Records as CSV: one row a record, one column a field (docs/csv-format.md documents every column).

A spreadsheet is how many archives hand over a catalogue, and how many researchers want one back,
so the format is meant to be written by hand as much as by ``fonds export --format csv``:

- plain fields are the cell exactly as written; an empty cell is "no value";
- lists are ``;``-separated (``Leon Levy Foundation;Wilson Center``), authorities ``id|name|description``,
  collections ``id|name|parent``, the archival reference ``key=value;key=value``;
- ``text`` is the body, paragraphs separated by a blank line, as people paste it;
- footnotes, page breaks and transcripts are nested, so their cells hold the JSON of the record format.

In the cells with separators (lists, authorities, collections, reference, text) a backslash escapes
the character after it: ``\\;`` ``\\|`` ``\\=`` ``\\\\``, a space or newline, and ``\\0`` stands for
an empty value. A backslash before any other character is an ordinary backslash, so a hand-written
``C:\\Users`` survives. The writer escapes everything that would otherwise be read differently, which
makes both directions lossless: a record written and read back is equal to itself, and a file the
writer produced is reproduced exactly.

Reading streams row by row in constant memory (cells of any length: the csv module's field size limit
is raised), accepts a UTF-8 byte-order mark, and detects ``,``, ``;`` or tab as the delimiter from the
header row (spreadsheets in many locales save ``;``-delimited files).
"""

from __future__ import annotations

import csv
import itertools
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from fonds.core.dates import DateError, from_edtf, parse_iso_date
from fonds.core.record import CollectionRef, Note, PageBreak, RecordData, Ref, Repository, Transcript
from fonds.ingest.base import Code, IngestError, Item, ParseError, Source

# A single cell may hold a 100 KB paragraph or a whole transcript; the default limit is 128 KB.
csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))

#: The header ``fonds export --format csv`` writes, in this order: one column per record field.
COLUMNS: tuple[str, ...] = (
    "id",
    "title",
    "date",
    "date_start",
    "date_end",
    "date_display",
    "type",
    "summary",
    "credit",
    "text",
    "original_language",
    "translation_language",
    "source",
    "repository_code",
    "repository_name",
    "reference",
    "translator",
    "translated_for",
    "rights",
    "uploaded",
    "classification",
    "original_archive",
    "place",
    "sender",
    "recipient",
    "signer",
    "donors",
    "collections",
    "authors",
    "people",
    "places",
    "subjects",
    "keywords",
    "notes",
    "page_breaks",
    "transcripts",
)
REQUIRED: tuple[str, ...] = ("id", "title")

# Cells that are the value exactly as written ("" is no value); the *_DATE ones must be YYYY-MM-DD.
PLAIN = (
    "date", "date_start", "date_end", "date_display", "type", "summary", "credit", "translation_language",
    "source", "translator", "translated_for", "rights", "uploaded", "classification", "original_archive",
    "place", "sender", "recipient", "signer",
)  # fmt: skip
ISO_DATES = ("date_start", "date_end", "uploaded")
LISTS = ("original_language", "donors", "keywords")  # ;-separated strings
REFS = ("authors", "people", "places", "subjects")  # ;-separated id|name|description
NESTED = {"notes": Note, "page_breaks": PageBreak, "transcripts": Transcript}  # JSON arrays

ITEM_SEP, PART_SEP, KEY_SEP = ";", "|", "="
ESCAPE = "\\"
EMPTY = "0"  # "\0" is an empty value
# Characters a backslash escapes; whitespace is escapable too (see _tokens). Anything else after a
# backslash leaves the backslash as an ordinary character.
_ESCAPABLE = frozenset({ESCAPE, ITEM_SEP, PART_SEP, KEY_SEP, EMPTY})

Token = tuple[str, bool]  # (character, escaped); an escaped "" is the \0 empty value


# --- escaping ---------------------------------------------------------------------------------


def _tokens(cell: str) -> list[Token]:
    out: list[Token] = []
    i, n = 0, len(cell)
    while i < n:
        ch = cell[i]
        if ch == ESCAPE and i + 1 < n and (cell[i + 1] in _ESCAPABLE or cell[i + 1].isspace()):
            nxt = cell[i + 1]
            out.append(("", True) if nxt == EMPTY else (nxt, True))
            i += 2
        else:
            out.append((ch, False))
            i += 1
    return out


def _split(tokens: list[Token], sep: str, maxsplit: int = -1) -> list[list[Token]]:
    parts: list[list[Token]] = [[]]
    for ch, escaped in tokens:
        if ch == sep and not escaped and maxsplit != 0:
            parts.append([])
            maxsplit -= 1
        else:
            parts[-1].append((ch, escaped))
    return parts


def _strip(tokens: list[Token]) -> list[Token]:
    """Drop unescaped whitespace at both ends (escaped whitespace is part of the value)."""
    start, end = 0, len(tokens)
    while start < end and not tokens[start][1] and tokens[start][0].isspace():
        start += 1
    while end > start and not tokens[end - 1][1] and tokens[end - 1][0].isspace():
        end -= 1
    return tokens[start:end]


def _value(tokens: list[Token]) -> str:
    return "".join(ch for ch, _ in tokens)


def _escape(value: str, specials: str, empty: str = ESCAPE + EMPTY) -> str:
    """``value`` for a separated cell: backslash and ``specials`` escaped, and whitespace at either
    end escaped so that reading (which trims unescaped whitespace) keeps it."""
    if value == "":
        return empty
    chars = [ESCAPE + ch if ch == ESCAPE or ch in specials else ch for ch in value]
    i = 0
    while i < len(value) and value[i].isspace():
        chars[i] = ESCAPE + value[i]
        i += 1
    j = len(value) - 1
    while j >= i and value[j].isspace():
        chars[j] = ESCAPE + value[j]
        j -= 1
    return "".join(chars)


# --- record -> row ----------------------------------------------------------------------------


def _list_cell(values: Iterable[str]) -> str:
    return ITEM_SEP.join(_escape(v, ITEM_SEP) for v in values)


def _parts_cell(items: Iterable[tuple[str | None, ...]]) -> str:
    specials = ITEM_SEP + PART_SEP
    return ITEM_SEP.join(
        PART_SEP.join(_escape(p, specials, empty="") for p in parts if p is not None) for parts in items
    )


def _text_cell(paragraphs: list[str]) -> str:
    return "\n\n".join(_escape_paragraph(p) for p in paragraphs)


def _escape_paragraph(p: str) -> str:
    """A paragraph with ``\\`` and CR escaped, and every newline escaped that would otherwise be
    read as (part of) a paragraph break: one at either end or next to another newline."""
    if p == "":
        return ESCAPE + EMPTY
    out = []
    last = len(p) - 1
    for i, ch in enumerate(p):
        if ch in (ESCAPE, "\r"):
            out.append(ESCAPE + ch)
        elif ch == "\n" and (i == 0 or i == last or p[i - 1] == "\n" or p[i + 1] == "\n"):
            out.append(ESCAPE + ch)
        else:
            out.append(ch)
    return "".join(out)


def record_to_row(record: RecordData) -> dict[str, str]:
    """The record as a CSV row: a cell for every column of :data:`COLUMNS`."""
    row = {name: "" for name in COLUMNS}
    row["id"] = record.id
    row["title"] = record.title
    for name in PLAIN:
        row[name] = getattr(record, name) or ""
    row["text"] = _text_cell(record.paragraphs)
    for name in LISTS:
        row[name] = _list_cell(getattr(record, name))
    if record.repository is not None:
        row["repository_code"] = record.repository.code or ""
        row["repository_name"] = record.repository.name or ""
    row["reference"] = ITEM_SEP.join(
        _escape(k, ITEM_SEP + KEY_SEP, empty="") + KEY_SEP + _escape(v, ITEM_SEP + KEY_SEP, empty="")
        for k, v in record.reference.items()
    )
    row["collections"] = _parts_cell((c.id, c.name, c.parent) for c in record.collections)
    for name in REFS:
        row[name] = _parts_cell((r.id, r.name, r.description) for r in getattr(record, name))
    for name in NESTED:
        values = getattr(record, name)
        row[name] = json.dumps([v.to_json() for v in values], ensure_ascii=False) if values else ""
    return row


def write_csv(records: Iterable[RecordData], fh: IO[str]) -> int:
    """Write the header and a row per record to ``fh`` (open it with ``newline=""``); returns the
    number of records written."""
    writer = csv.writer(fh, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    count = 0
    for record in records:
        row = record_to_row(record)
        writer.writerow([row[name] for name in COLUMNS])
        count += 1
    return count


# --- row -> record ----------------------------------------------------------------------------


def _list_value(cell: str) -> list[str]:
    items = (_strip(t) for t in _split(_tokens(cell), ITEM_SEP))
    return [_value(t) for t in items if t]


def _parts_value(cell: str, column: str, line: int | None, shape: str) -> list[list[str]]:
    out = []
    for item in _split(_tokens(cell), ITEM_SEP):
        if not _strip(item):
            continue
        parts = [_value(_strip(p)) for p in _split(item, PART_SEP)]
        if not 2 <= len(parts) <= 3:
            raise ParseError(
                Code.BAD_FIELD,
                f"column {column!r}: {_value(item).strip()!r} is not {shape} (write a '|' inside a value as \\|)",
                line=line,
                element=column,
            )
        out.append(parts)
    return out


def _reference_value(cell: str, line: int | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in _split(_tokens(cell), ITEM_SEP):
        if not _strip(item):
            continue
        parts = _split(item, KEY_SEP, maxsplit=1)
        if len(parts) != 2:
            message = f"column 'reference': {_value(item).strip()!r} is not key=value"
            raise ParseError(Code.BAD_FIELD, message, line=line, element="reference")
        key, value = _value(_strip(parts[0])), _value(_strip(parts[1]))
        if key in out:
            message = f"column 'reference': the key {key!r} is given twice"
            raise ParseError(Code.BAD_FIELD, message, line=line, element="reference")
        out[key] = value
    return out


def _text_tokens(cell: str) -> list[Token]:
    """Tokens of a text cell with each unescaped CRLF folded to LF (a Windows tool's line break)."""
    tokens = _tokens(cell)
    out: list[Token] = []
    for i, tok in enumerate(tokens):
        if tok == ("\r", False) and i + 1 < len(tokens) and tokens[i + 1] == ("\n", False):
            continue
        out.append(tok)
    return out


def _nested_value(cell: str, column: str, line: int | None) -> list[Any]:
    if not cell.strip():
        return []
    kind = NESTED[column]
    try:
        data = json.loads(cell)
    except ValueError as exc:
        raise ParseError(Code.BAD_FIELD, f"column {column!r}: not JSON: {exc}", line=line, element=column) from None
    if not isinstance(data, list) or not all(isinstance(d, dict) for d in data):
        message = f"column {column!r}: expected a JSON array of objects"
        raise ParseError(Code.BAD_FIELD, message, line=line, element=column)
    out = []
    for i, obj in enumerate(data):
        try:
            value = kind(**obj)
        except TypeError as exc:
            message = f"column {column!r}, item {i + 1}: {exc}"
            raise ParseError(Code.BAD_FIELD, message, line=line, element=column) from None
        problem = _check_types(value)
        if problem:
            message = f"column {column!r}, item {i + 1}: {problem}"
            raise ParseError(Code.BAD_FIELD, message, line=line, element=column)
        out.append(value)
    return out


_NESTED_TYPES: dict[str, tuple[type, ...]] = {
    "n": (str,), "text": (str,), "html": (str,), "kind": (str,), "language": (str, type(None)),
    "paragraph": (int,), "offset": (int,),
}  # fmt: skip


def _check_types(value: Note | PageBreak | Transcript) -> str | None:
    for key, item in value.to_json().items():
        allowed = _NESTED_TYPES[key]
        if isinstance(value, Note) and key in ("paragraph", "offset"):
            allowed = (int, type(None))
        if isinstance(item, bool) or not isinstance(item, allowed):
            names = " or ".join("null" if t is type(None) else {int: "an integer", str: "a string"}[t] for t in allowed)
            return f"{key!r} must be {names}, not {json.dumps(item, ensure_ascii=False)}"
    return None


def row_to_record(row: Mapping[str, str], line: int | None = None) -> RecordData:
    """The record a CSV row describes; raises :class:`ParseError` naming the column at fault.

    ``row`` maps column names to cells; absent columns are empty. ``line`` is where the row starts
    in its file, for the error. A ``date`` fills ``date_start``, ``date_end`` and ``date_display``
    when their cells are empty, as the JSONL import does.
    """
    unknown = sorted(str(name) for name in set(row) - set(COLUMNS))  # csv.DictReader's extras are under None
    if unknown:
        raise ParseError(Code.BAD_FIELD, f"unknown column(s): {', '.join(unknown)}", line=line, element=unknown[0])
    cell = {name: row.get(name) or "" for name in COLUMNS}
    if not cell["id"].strip():
        raise ParseError(Code.MISSING_FIELD, "the 'id' cell is empty", line=line, element="id")
    kwargs: dict[str, Any] = {"id": cell["id"], "title": cell["title"]}
    for name in PLAIN:
        kwargs[name] = cell[name] or None
    for name in ISO_DATES:
        if kwargs[name] is not None:
            try:
                kwargs[name] = parse_iso_date(kwargs[name]).isoformat()
            except DateError as exc:
                raise ParseError(Code.BAD_FIELD, f"column {name!r}: {exc}", line=line, element=name) from None
    kwargs["paragraphs"] = [_value(p) for p in _paragraph_tokens(cell["text"])]
    for name in LISTS:
        kwargs[name] = _list_value(cell[name])
    code, repo_name = cell["repository_code"] or None, cell["repository_name"] or None
    kwargs["repository"] = Repository(code, repo_name) if code or repo_name else None
    kwargs["reference"] = _reference_value(cell["reference"], line)
    kwargs["collections"] = [
        CollectionRef(p[0], p[1], p[2] if len(p) > 2 else None)
        for p in _parts_value(cell["collections"], "collections", line, "id|name or id|name|parent")
    ]
    for name in REFS:
        kwargs[name] = [
            Ref(p[0], p[1], p[2] if len(p) > 2 else None)
            for p in _parts_value(cell[name], name, line, "id|name or id|name|description")
        ]
    for name in NESTED:
        kwargs[name] = _nested_value(cell[name], name, line)
    record = RecordData(**kwargs)
    if record.date:
        try:
            value = from_edtf(record.date)
        except DateError as exc:
            raise ParseError(Code.BAD_DATE, f"column 'date': {exc}", line=line, element="date") from None
        record.date_start = record.date_start or value.start.isoformat()
        record.date_end = record.date_end or value.end.isoformat()
        record.date_display = record.date_display or value.display
    return record


def _paragraph_tokens(cell: str) -> list[list[Token]]:
    """A text cell's paragraphs as tokens: two or more unescaped newlines in a row separate them;
    empty pieces (blank lines at either end, extra blank lines) are not paragraphs."""
    newline = ("\n", False)
    tokens = _text_tokens(cell)
    paragraphs: list[list[Token]] = [[]]
    i = 0
    while i < len(tokens):
        if tokens[i] != newline:
            paragraphs[-1].append(tokens[i])
            i += 1
            continue
        j = i
        while j < len(tokens) and tokens[j] == newline:
            j += 1
        if j - i >= 2:
            paragraphs.append([])
        else:
            paragraphs[-1].append(newline)
        i = j
    return [p for p in paragraphs if p]


# --- the parser -------------------------------------------------------------------------------


def _header_names(line: str, delimiter: str) -> list[str]:
    cells = next(csv.reader([line], delimiter=delimiter), [])
    return [c.strip().lstrip("\ufeff").strip().lower() for c in cells]


def _sniff(line: str) -> tuple[str, list[str]]:
    """The delimiter (``,`` ``;`` or tab) under which the header names the most known columns."""
    best = max(
        ((d, _header_names(line, d)) for d in (",", ";", "\t")),
        key=lambda pair: sum(name in COLUMNS for name in pair[1]),
    )
    return best


def _first_line(text: str) -> str:
    for line in text.lstrip("\ufeff").splitlines():
        if line.strip():
            return line
    return ""


class CsvParser:
    name = "csv"
    description = "fonds records as CSV, one row a record (docs/csv-format.md)"
    streams = True

    def score(self, path: Path, head: str) -> float:
        """0.95 for a header naming id, title and only known columns; 0.6 with id and title among
        unknown columns, and 0.5 for a .csv file naming any known column, so that such files reach
        this parser and get an error that names the columns at fault."""
        first = _first_line(head)
        if not first:
            return 0.0
        _, names = _sniff(first)
        known = [n for n in names if n in COLUMNS]
        if all(r in names for r in REQUIRED):
            return 0.95 if len(known) == len([n for n in names if n]) else 0.6
        if known and path.suffix.lower() in (".csv", ".tsv"):
            return 0.5
        return 0.0

    def parse(self, source: Source) -> Iterator[Item]:
        """Yield an Item per data row; a bad header yields one error item for the whole file."""
        with source.open_raw() as fh:
            yield from self._parse(source.name, fh)

    def _parse(self, name: str, fh: IO[str]) -> Iterator[Item]:
        peeked: list[str] = []
        for raw in fh:
            peeked.append(raw)
            if raw.strip():
                break
        if not peeked or not peeked[-1].strip():
            return
        peeked[0] = peeked[0].lstrip("\ufeff")
        delimiter, _ = _sniff(peeked[-1])
        reader = csv.reader(itertools.chain(peeked, fh), delimiter=delimiter, strict=True)
        rows = _rows(reader)
        header: list[str] | None = None
        for start, row, error in rows:
            location = f"{name}:{start}"
            if error is not None:
                yield Item(location, error=IngestError(error[0], error[1], name, start))
                if header is None or error[0] == Code.TRUNCATED:
                    return
                continue
            if header is None:
                header = [c.strip().lstrip("\ufeff").strip().lower() for c in row]
                problem = _check_header(header, name)
                if problem is not None:
                    yield Item(location, error=IngestError(problem[0], problem[1], name, start))
                    return
                continue
            try:
                record = row_to_record(_row_dict(header, row, start), start)
            except ParseError as exc:
                yield Item(location, error=exc.to_error(name))
                continue
            yield Item(location, record=record)


def _rows(reader: Any) -> Iterator[tuple[int, list[str], tuple[str, str] | None]]:
    """(first line, cells, error) for each non-blank row; a row the csv module cannot read
    comes with (code, message) instead."""
    end = 0
    while True:
        start = end + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            end = reader.line_num
            if "unexpected end of data" in str(exc):
                yield start, [], (Code.TRUNCATED, "a quoted cell is never closed: the file ends inside it")
                return
            yield start, [], (Code.BAD_FIELD, f"not valid CSV: {exc}")
            continue
        end = reader.line_num
        if any(cell.strip() for cell in row):
            yield start, row, None


def _check_header(header: list[str], name: str) -> tuple[str, str] | None:
    missing = [c for c in REQUIRED if c not in header]
    unknown = [h for h in header if h and h not in COLUMNS]
    twice = sorted({h for h in header if h and header.count(h) > 1})
    if missing:
        message = (
            f"the header of {name} has no {' or '.join(repr(c) for c in missing)} column "
            f"(required: {', '.join(REQUIRED)})"
        )
        if unknown:
            message += f"; unknown column(s): {', '.join(unknown)}"
        return Code.MISSING_FIELD, message
    if unknown:
        message = f"unknown column(s) in the header of {name}: {', '.join(unknown)} (docs/csv-format.md lists the columns)"
        return Code.BAD_FIELD, message
    if twice:
        return Code.BAD_FIELD, f"column(s) given twice in the header of {name}: {', '.join(twice)}"
    return None


def _row_dict(header: list[str], row: list[str], line: int) -> dict[str, str]:
    if len(row) > len(header) and any(c.strip() for c in row[len(header) :]):
        message = f"the row has {len(row)} cells but the header names {len(header)} columns"
        raise ParseError(Code.BAD_FIELD, message, line=line)
    out: dict[str, str] = {}
    for i, column in enumerate(header):
        value = row[i] if i < len(row) else ""
        if not column:
            if value.strip():
                message = f"cell {i + 1} has a value but its column has no name in the header"
                raise ParseError(Code.BAD_FIELD, message, line=line)
            continue
        out[column] = value
    return out


parser = CsvParser()
