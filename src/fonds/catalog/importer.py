"""An import run: items from the ingest pipeline, stored in batches, tallied in a report."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from fonds.catalog import linking
from fonds.catalog.authorities import problems as authority_problems
from fonds.catalog.authorities import save_authorities
from fonds.catalog.services import Outcome, Status, preview_records, save_records
from fonds.core.authority import AuthorityData
from fonds.core.record import RecordData, problems
from fonds.ingest.base import Code, Item
from fonds.ingest.pipeline import iter_items
from fonds.ingest.report import Entry, Report

BATCH = 500


def link_records(records: list[RecordData]) -> dict[str, list]:
    """Add the people and places each record names to its links; return its mentions by id.

    Links the source gave (e.g. a FRUS volume's persons) come first and are kept.
    """
    current = linking.linker()
    found: dict[str, list] = {}
    for record in records:
        links = current.link(record)
        found[record.id] = links.mentions
        record.people = _merge(record.people, links.people)
        record.places = _merge(record.places, links.places)
    return found


def _merge(given: list, linked: list) -> list:
    keys = {r.id for r in given}
    return [*given, *(r for r in linked if r.id not in keys)]


def import_paths(
    paths: Iterable[str | Path],
    format: str | None = None,
    dry_run: bool = False,
    on_file: Callable[[str], None] | None = None,
    on_item: Callable[[Entry], None] | None = None,
    on_stored: Callable[[list[tuple[RecordData, str]]], None] | None = None,
) -> Report:
    """Import every item under ``paths``; with ``dry_run`` parse and check only, storing nothing.

    A record id seen twice in one run is stored once: the second item is rejected with
    ``duplicate_id`` naming where the first came from. ``on_stored`` receives each batch's
    created and updated records, each with its stored content hash, once they are committed (the
    CLI indexes them from memory).
    """
    report = Report(dry_run=dry_run)
    seen: dict[str, str] = {}
    pending: list[tuple[Item, RecordData]] = []

    def add(entry: Entry) -> None:
        report.add(entry)
        if on_item:
            on_item(entry)

    def flush() -> None:
        if not pending:
            return
        records = [record for _, record in pending]
        found = link_records(records)
        outcomes = preview_records(records) if dry_run else save_records(records, found)
        stored = []
        for (item, record), outcome in zip(pending, outcomes, strict=True):
            if outcome.status is Status.FAILED:
                add(Entry(item.location, "rejected", record.id, Code.STORE_FAILED, outcome.error))
            else:
                add(Entry(item.location, outcome.status.value, record.id))
                if outcome.status in (Status.CREATED, Status.UPDATED) and outcome.digest:
                    stored.append((record, outcome.digest))
        pending.clear()
        if on_stored and stored and not dry_run:
            on_stored(stored)

    def file_started(name: str) -> None:
        report.files += 1
        if on_file:
            on_file(name)

    authorities: list[tuple[Item, AuthorityData]] = []
    seen_authorities: dict[str, str] = {}

    def flush_authorities() -> None:
        if not authorities:
            return
        outcomes = (
            [Outcome(a.id, Status.FAILED if authority_problems(a) else Status.CREATED) for _, a in authorities]
            if dry_run
            else save_authorities([a for _, a in authorities])
        )
        for (item, data), outcome in zip(authorities, outcomes, strict=True):
            if outcome.status is Status.FAILED:
                message = f"{item.location}: {outcome.error or '; '.join(authority_problems(data))}"
                add(Entry(item.location, "rejected", data.id, Code.BAD_FIELD, message))
            else:
                add(Entry(item.location, outcome.status.value, data.id))
        authorities.clear()

    for item in iter_items(paths, format=format, on_file=file_started):
        if item.authority is None and authorities:
            flush_authorities()  # records after authorities in one run are linked against them
        if item.authority is not None:
            first = seen_authorities.get(item.authority.id)
            if first is not None:
                message = f"{item.location}: authority id {item.authority.id!r} was already read from {first}"
                add(Entry(item.location, "rejected", item.authority.id, Code.DUPLICATE_ID, message))
                continue
            seen_authorities[item.authority.id] = item.location
            authorities.append((item, item.authority))
            if len(authorities) >= BATCH:
                flush_authorities()
            continue
        if item.error is not None:
            status = "skipped" if item.error.code == Code.SKIPPED else "rejected"
            add(Entry(item.location, status, None, item.error.code, str(item.error)))
            continue
        assert item.record is not None
        trouble = problems(item.record)
        if trouble:
            message = f"{item.location}: " + "; ".join(trouble)
            add(Entry(item.location, "rejected", item.record.id, Code.BAD_FIELD, message))
            continue
        first = seen.get(item.record.id)
        if first is not None:
            message = f"{item.location}: record id {item.record.id!r} was already read from {first} in this import"
            add(Entry(item.location, "rejected", item.record.id, Code.DUPLICATE_ID, message))
            continue
        seen[item.record.id] = item.location
        pending.append((item, item.record))
        if len(pending) >= BATCH:
            flush()
    flush()
    flush_authorities()
    return report
