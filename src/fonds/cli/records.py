"""`fonds import`, `fonds show`, `fonds export`: records in and out."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import time
from pathlib import Path

from fonds.cli.main import EXIT_FAILED, CommandError
from fonds.cli.progress import bar

# Exit status when the store itself failed (distinct from "nothing could be imported").
EXIT_STORE_FAILED = 3


def register(sub: argparse._SubParsersAction) -> None:
    from fonds.ingest import registry

    p = sub.add_parser("import", help="import files or folders of records", description="Import records.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to import")
    p.add_argument("--format", choices=registry.names(), help="force a format instead of detecting it")
    p.add_argument("--dry-run", action="store_true", help="parse and check only; store nothing")
    p.add_argument("--report", metavar="FILE", help="write the full report as JSON to FILE")
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("show", help="print one record", description="Print one record.")
    p.add_argument("id", metavar="ID", help="the record id")
    p.add_argument("--format", choices=("json", "text"), default="text")
    p.set_defaults(handler=cmd_show)

    p = sub.add_parser("export", help="write every record", description="Write every record, one JSON object a line.")
    p.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    p.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of standard output")
    p.set_defaults(handler=cmd_export)


def run_import(paths: list, format: str | None = None, dry_run: bool = False):
    """Import ``paths`` and index what was stored as it goes; returns the report.

    The index writer is held for the whole run, and records are indexed from memory every few
    thousand. If a running server's follower holds the writer, it indexes them instead.
    """
    from django.db import Error as DatabaseError

    from fonds import search
    from fonds.catalog.importer import import_paths
    from fonds.ingest.sources import discover

    files = sum(1 for _ in discover(paths))
    started = time.monotonic()
    docs = 0
    try:
        indexer = None if dry_run else _indexer()
        written: list = []

        def on_stored(records: list) -> None:
            written.extend(records)
            if indexer is not None and len(written) >= INDEX_EVERY:
                indexer.apply(written)
                written.clear()

        with indexer or contextlib.nullcontext(), bar() as progress:
            task = progress.add_task("Importing", total=files, rate="") if progress is not None else None

            def on_item(entry) -> None:
                nonlocal docs
                docs += 1
                if task is not None and docs % 50 == 0:
                    progress.update(task, rate=f"{docs} docs, {docs / max(time.monotonic() - started, 1e-6):.0f}/s")

            def on_file(name: str) -> None:
                if task is not None:
                    progress.update(task, completed=min(progress.tasks[0].completed + 1, files))

            report = import_paths(
                paths, format=format, dry_run=dry_run, on_file=on_file, on_item=on_item, on_stored=on_stored
            )
            if indexer is not None:
                indexer.apply(written)
                indexer.wait()
                report.index = {"position": indexer.position, "pending": 0}
        if indexer is None and not dry_run:
            synced = search.sync()
            report.index = {"position": synced.position, "pending": synced.pending}
    except DatabaseError as exc:
        raise CommandError(f"the database failed: {exc}", EXIT_STORE_FAILED) from exc
    report.finished = time.monotonic()
    return report



INDEX_EVERY = 5000


def _indexer():
    from fonds import search

    try:
        return search.Indexer(search.store(), threads=2, background_commits=True)
    except search.WriterBusy:
        return None


def cmd_import(args: argparse.Namespace) -> int:
    report = run_import(args.paths, format=args.format, dry_run=args.dry_run)

    for entry in report.entries:
        if entry.status in ("rejected", "skipped"):
            print(f"{entry.status} {entry.message}", file=sys.stderr)
    counts = report.counts
    verb = "would be " if args.dry_run else ""
    print(
        f"{report.files} file(s), {len(report.entries)} item(s) in {report.seconds:.1f}s: "
        + ", ".join(f"{counts[s]} {verb}{s}" for s in ("created", "updated", "unchanged"))
        + f", {counts['skipped']} skipped, {counts['rejected']} rejected",
        file=sys.stderr,
    )
    if report.index and report.index["pending"]:
        print("the index is being updated by the running server", file=sys.stderr)
    if args.report:
        Path(args.report).write_text(json.dumps(report.to_json(), indent=2, ensure_ascii=False) + "\n")
    accepted = counts["created"] + counts["updated"] + counts["unchanged"]
    if accepted == 0 and counts["rejected"]:
        print("nothing could be imported", file=sys.stderr)
        return EXIT_FAILED
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from fonds.catalog.services import RecordNotFound, get_record

    try:
        record = get_record(args.id)
    except RecordNotFound:
        raise CommandError(f"no record with id {args.id!r}") from None
    data = record.to_json()
    if args.format == "json":
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print(f"{record.title}\n{record.date_display or ''}  [{record.id}]\n")
    print(record.text)
    print()
    for key, value in data.items():
        if key in ("title", "text", "paragraphs", "id") or value in (None, [], {}, ""):
            continue
        print(f"{key}: {json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from fonds.catalog.services import iter_records

    # CSV cells may hold CR characters: newline="" keeps the file byte for byte what csv wrote.
    newline = "" if args.format == "csv" else None
    out = open(args.output, "w", encoding="utf-8", newline=newline) if args.output else sys.stdout
    try:
        if args.format == "csv":
            from fonds.ingest.csv_records import write_csv

            write_csv(iter_records(), out)
            return 0
        for record in iter_records():
            out.write(json.dumps(record.to_json(), ensure_ascii=False) + "\n")
    finally:
        if args.output:
            out.close()
    return 0
