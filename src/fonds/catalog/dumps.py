"""Bulk dumps: every record in one versioned, checksummed folder, for download and re-import.

A dump is a folder ``fonds-dump-<UTC timestamp>`` (``fonds-dump-20250102T030405Z``) holding

- ``records.jsonl.gz`` — the record format (docs/record-format.md), one record a line, sorted by id;
- ``records.csv.gz`` — the same records as CSV (docs/csv-format.md), in the same order;
- ``manifest.json`` — format version, fonds version, when, how many records, and each file's size
  and SHA-256;
- ``SHA256SUMS`` — the checksums of the three files above, as ``sha256sum -c SHA256SUMS`` reads them.

It is written in one streaming pass (records are read a chunk at a time and gzipped as they go, so
memory stays flat at any size) into a hidden ``.partial`` folder that is renamed into place only
when complete: a reader never sees half a dump. ``fonds import <dump>/records.jsonl.gz`` reads it
back (the importer decompresses gzip transparently) and gives identical records.

Every record is public in fonds (there is no access control on records), so a dump holds them all.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import itertools
import json
import os
import re
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import IO

from django.conf import settings
from django.db import connection
from django.db.models.functions import Collate

from fonds import __version__
from fonds.catalog import models as m
from fonds.catalog.convert import data_by_pk
from fonds.core.record import RecordData
from fonds.ingest.csv_records import write_csv

FORMAT = "fonds-dump"
FORMAT_VERSION = 1
PREFIX = "fonds-dump-"
NAME_RE = re.compile(r"^fonds-dump-(\d{8}T\d{6}Z)$")
JSONL, CSV, MANIFEST, SUMS = "records.jsonl.gz", "records.csv.gz", "manifest.json", "SHA256SUMS"
# Where each data file's format is documented (paths in the fonds source distribution).
SCHEMAS = {JSONL: "docs/record-format.md", CSV: "docs/csv-format.md"}
COMPRESS_LEVEL = 6  # gzip's default 9 is several times slower for a few per cent


def default_dir() -> Path:
    """Where dumps go unless told otherwise, and where the reading room finds them: FONDS_HOME/media/dumps."""
    return Path(settings.MEDIA_ROOT) / "dumps"


@dataclass(frozen=True)
class Dump:
    """A finished dump folder and its manifest."""

    path: Path
    manifest: dict

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def files(self) -> list[str]:
        """Every file a reader may fetch from it: the data files, the manifest and the checksums."""
        return [f["name"] for f in self.manifest.get("files", [])] + [MANIFEST, SUMS]


# --- reading records in id order ---------------------------------------------------------------


def iter_records_by_id(chunk: int = 500) -> Iterator[RecordData]:
    """Every record as plain data, sorted by record id in code-point order, in constant memory.

    One streamed query yields the primary keys in id order; the records are read a chunk of keys
    at a time. PostgreSQL sorts text by its locale unless told otherwise, so it is asked for the
    "C" collation (code-point order, as SQLite and Python compare).
    """
    order = Collate("record_id", "C") if connection.vendor == "postgresql" else "record_id"
    pks = m.Record.objects.order_by(order).values_list("pk", flat=True).iterator(chunk_size=chunk)
    while batch := list(itertools.islice(pks, chunk)):
        found = data_by_pk(batch)
        for pk in batch:
            if pk in found:  # deleted since the keys were read
                yield found[pk]


# --- writing -----------------------------------------------------------------------------------


class DumpExists(FileExistsError):
    pass


def write_dump(directory: Path | None = None, now: datetime | None = None) -> Dump:
    """Write a dump of every record into ``directory`` (default :func:`default_dir`); return it.

    Raises :class:`DumpExists` when a dump with the same timestamp is already there.
    """
    directory = Path(directory) if directory is not None else default_dir()
    now = (now or datetime.now(timezone.utc)).astimezone(timezone.utc).replace(microsecond=0)
    name = PREFIX + now.strftime("%Y%m%dT%H%M%SZ")
    final = directory / name
    if final.exists():
        raise DumpExists(f"{final} already exists")
    directory.mkdir(parents=True, exist_ok=True)
    partial = directory / f".{name}.partial"
    shutil.rmtree(partial, ignore_errors=True)  # left by a run that was killed
    partial.mkdir()
    try:
        mtime = int(now.timestamp())
        with _gzip_text(partial / JSONL, mtime, newline="\n") as jsonl, _gzip_text(partial / CSV, mtime, newline="") as csv:
            count = write_csv(_also_as_jsonl(iter_records_by_id(), jsonl), csv)
        files = [
            {
                "name": filename,
                "format": fmt,
                "compression": "gzip",
                "schema": SCHEMAS[filename],
                "size": (partial / filename).stat().st_size,
                "sha256": sha256_file(partial / filename),
            }
            for filename, fmt in ((JSONL, "jsonl"), (CSV, "csv"))
        ]
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "fonds_version": __version__,
            "site_name": settings.SITE_NAME,
            "created_at": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "record_count": count,
            "order": "record id (code-point order)",
            "files": files,
            "schema_docs": {"record_format": SCHEMAS[JSONL], "csv_format": SCHEMAS[CSV]},
            "import": f"fonds import {JSONL}",
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        sums = [(f["sha256"], f["name"]) for f in files] + [(sha256_file(partial / MANIFEST), MANIFEST)]
        # sha256sum's text-mode line: the hex digest, two spaces, the file name.
        (partial / SUMS).write_text("".join(f"{digest}  {filename}\n" for digest, filename in sums), encoding="utf-8")
        os.rename(partial, final)  # fails rather than merge if a dump of the same second appeared
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return Dump(final, manifest)


def _gzip_text(path: Path, mtime: int, newline: str) -> IO[str]:
    raw = gzip.GzipFile(path, mode="wb", compresslevel=COMPRESS_LEVEL, mtime=mtime)
    return io.TextIOWrapper(raw, encoding="utf-8", newline=newline)


def _also_as_jsonl(records: Iterable[RecordData], out: IO[str]) -> Iterator[RecordData]:
    """Pass records on, writing each to ``out`` as a JSON line: one read of the database, two files."""
    for record in records:
        out.write(json.dumps(record.to_json(), ensure_ascii=False) + "\n")
        yield record


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


# --- finding dumps -----------------------------------------------------------------------------


def list_dumps(directory: Path | None = None) -> list[Dump]:
    """The finished dumps in ``directory`` (default :func:`default_dir`), newest first.

    A folder counts when its name is a dump's and its manifest reads; unfinished (``.partial``)
    and foreign folders are ignored. Old dumps stay until :func:`prune` removes them.
    """
    return list(_dumps(directory))


def prune(keep: int, directory: Path | None = None) -> list[Path]:
    """Remove all but the ``keep`` newest finished dumps; returns the folders removed.

    Only finished dumps (as :func:`list_dumps` finds them) are touched, never a dump being
    written or a folder fonds did not make. A download of a removed dump already under way
    finishes (the open files outlive their names).
    """
    if keep < 1:
        raise ValueError("keep at least one dump")
    removed = []
    for dump in list_dumps(directory)[keep:]:
        shutil.rmtree(dump.path)
        removed.append(dump.path)
    return removed


def latest(directory: Path | None = None) -> Dump | None:
    """The newest finished dump, or None (reads one manifest, however many dumps there are)."""
    return next(_dumps(directory), None)


def _dumps(directory: Path | None) -> Iterator[Dump]:
    directory = Path(directory) if directory is not None else default_dir()
    try:
        names = sorted((p.name for p in directory.iterdir() if NAME_RE.match(p.name)), reverse=True)
    except (FileNotFoundError, NotADirectoryError):
        return
    for name in names:  # the timestamp in the name sorts them
        try:
            manifest = json.loads((directory / name / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(manifest, dict) and manifest.get("format") == FORMAT:
            yield Dump(directory / name, manifest)


class DumpFileNotFound(LookupError):
    pass


def latest_file(filename: str, directory: Path | None = None) -> Path:
    """The file ``filename`` of the newest dump. Only the names the dump publishes are served
    (:attr:`Dump.files`), so no path can reach outside it; raises :class:`DumpFileNotFound`."""
    dump = latest(directory)
    if dump is None:
        raise DumpFileNotFound("no dump has been made yet (an administrator runs `fonds dump`)")
    if filename not in dump.files:
        raise DumpFileNotFound(f"the latest dump has no file {filename!r}; it has {', '.join(dump.files)}")
    path = dump.path / filename
    # The manifest names the files; a tampered one must still not lead outside the folder.
    if filename != Path(filename).name or filename.startswith(".") or path.resolve().parent != dump.path.resolve():
        raise DumpFileNotFound(f"{filename!r} is not a file name")
    if not path.is_file():
        raise DumpFileNotFound(f"{filename} is missing from {dump.name}")
    return path
