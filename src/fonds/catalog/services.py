"""Writing records: create, update or leave unchanged, always with an outbox entry.

Each record is written inside its own savepoint within a batch transaction: a record that fails
rolls back alone, and nothing already stored is half-changed. Every create, update or delete
appends an :class:`~fonds.catalog.models.OutboxEntry` in the same transaction, which is what keeps
the search index in step with the database.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from fonds.core.record import RecordData
from fonds.catalog import models as m
from fonds.catalog import rows, writer
from fonds.catalog.convert import data_by_id, iter_data


OUTBOX_LOCK_KEY = 0x666F6E6473  # "fonds"


class Status(enum.StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    FAILED = "failed"


@dataclass(frozen=True)
class Outcome:
    """What happened to one record; ``error`` says why when ``status`` is FAILED."""

    record_id: str
    status: Status
    error: str | None = None
    digest: str | None = None  # the stored content hash, when stored


class RecordNotFound(LookupError):
    pass


def get_record(record_id: str) -> RecordData:
    """One record as plain data; raises :class:`RecordNotFound`."""
    found = data_by_id([record_id])
    if record_id not in found:
        raise RecordNotFound(record_id)
    return found[record_id]


def get_records(ids: Sequence[str], chunk: int = 500) -> list[RecordData]:
    """The records named by ``ids``, in that order; ids with no record are left out.

    Read in chunks, each in a fixed number of queries, never one lookup per record.
    """
    found: dict[str, RecordData] = {}
    for start in range(0, len(ids), chunk):
        found.update(data_by_id(list(ids[start : start + chunk])))
    return [found[i] for i in ids if i in found]


def save_records(records: Sequence[RecordData], mentions: dict[str, list] | None = None) -> list[Outcome]:
    """Store a batch of records in one transaction; a record that fails is rolled back alone.

    A record whose content hash equals the stored one is left alone (UNCHANGED) and writes no
    outbox entry, so re-importing the same files changes nothing. ``mentions`` maps a record id
    to the entity mentions found in it (see :mod:`fonds.catalog.linking`), stored with it when the
    record is created or updated. The batch is first written in
    bulk inside a savepoint; if anything in it fails, it is written again one record per savepoint
    so that only the bad record is reported FAILED and nothing stored before is half-changed.
    """
    outcomes: dict[int, Outcome] = {}
    with transaction.atomic():
        _serialise_outbox_writers()
        stored = {
            rid: (pk, digest)
            for pk, rid, digest in rows.select_in(
                m.Record, ("pk", "record_id", "content_hash"), "record_id", [r.id for r in records]
            )
        }
        pending: list[tuple[int, writer.Pending]] = []
        seen: dict[str, int] = {}
        for i, data in enumerate(records):
            digest = data.content_hash()
            pk, old = stored.get(data.id, (None, None))
            if old == digest or data.id in seen and records[seen[data.id]].content_hash() == digest:
                outcomes[i] = Outcome(data.id, Status.UNCHANGED)
                continue
            try:
                fields = writer.row_fields(data, digest)
            except (ValueError, TypeError) as exc:
                outcomes[i] = Outcome(data.id, Status.FAILED, f"could not store: {exc}")
                continue
            seen[data.id] = i
            pending.append((i, writer.Pending(data, digest, fields, pk, (mentions or {}).get(data.id))))
        # Two versions of one id in a batch: only the last is written, in the per-record pass.
        if len({p.data.id for _, p in pending}) == len(pending):
            try:
                with transaction.atomic():
                    created = writer.write([p for _, p in pending])
                for (i, p), new in zip(pending, created, strict=True):
                    outcomes[i] = Outcome(p.data.id, Status.CREATED if new else Status.UPDATED, digest=p.digest)
                pending = []
            except (DatabaseError, ValueError, TypeError):
                for _, p in pending:
                    p.pk = stored.get(p.data.id, (None, None))[0]
        for i, p in pending:
            try:
                with transaction.atomic():
                    p.pk = m.Record.objects.filter(record_id=p.data.id).values_list("pk", flat=True).first()
                    fields = writer.row_fields(p.data, p.digest)
                    created = writer.write([writer.Pending(p.data, p.digest, fields, p.pk, p.mentions)])[0]
            except (DatabaseError, ValueError, TypeError) as exc:
                outcomes[i] = Outcome(p.data.id, Status.FAILED, f"could not store: {exc}")
                continue
            outcomes[i] = Outcome(p.data.id, Status.CREATED if created else Status.UPDATED, digest=p.digest)
    return [outcomes[i] for i in range(len(records))]


def preview_records(records: Sequence[RecordData]) -> list[Outcome]:
    """What :func:`save_records` would do, without writing anything (``import --dry-run``)."""
    stored = dict(
        m.Record.objects.filter(record_id__in=[r.id for r in records]).values_list("record_id", "content_hash")
    )
    outcomes = []
    for data in records:
        old = stored.get(data.id)
        digest = data.content_hash()
        status = Status.CREATED if old is None else Status.UNCHANGED if old == digest else Status.UPDATED
        stored[data.id] = digest
        outcomes.append(Outcome(data.id, status))
    return outcomes


def _serialise_outbox_writers() -> None:
    """Make outbox ids commit in id order, so the indexer never skips a late-committing entry.

    SQLite has one writer at a time already. On PostgreSQL two transactions could take ids 10
    and 11 and commit 11 first; an indexer reading then would move its position past 10 for
    good. A transaction-scoped advisory lock makes writers of records take turns.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [OUTBOX_LOCK_KEY])


def save_record(data: RecordData) -> Outcome:
    """Store one record (see :func:`save_records`)."""
    return save_records([data])[0]


def delete_record(record_id: str) -> bool:
    """Remove a record and queue its removal from the index. False when it did not exist."""
    with transaction.atomic():
        _serialise_outbox_writers()
        row = m.Record.objects.filter(record_id=record_id).first()
        if row is None:
            return False
        collections = list(row.collections.values_list("key", flat=True))
        row.delete()
        m.Tombstone.objects.update_or_create(
            record_id=record_id, defaults={"deleted_at": timezone.now(), "collections": collections}
        )
        m.OutboxEntry.objects.create(record_id=record_id, op=m.OutboxEntry.DELETE)
    return True


def iter_records() -> Iterator[RecordData]:
    """Every record, in a stable order, as plain data."""
    return iter_data(m.Record.objects.all())
