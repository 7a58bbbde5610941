"""Writing records: create, update or leave unchanged, always with an outbox entry.

Each record is written inside its own savepoint within a batch transaction: a record that fails
rolls back alone, and nothing already stored is half-changed. Every create, update or delete
appends an :class:`~fonds.catalog.models.OutboxEntry` in the same transaction, which is what keeps
the search index in step with the database.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from django.db import DatabaseError, IntegrityError, connection, transaction

from fonds.core.record import CollectionRef, RecordData, Ref
from fonds.core.text import slugify
from fonds.catalog import models as m
from fonds.catalog.convert import iter_data, to_data, with_relations


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


class RecordNotFound(LookupError):
    pass


def get_record(record_id: str) -> RecordData:
    """One record as plain data; raises :class:`RecordNotFound`."""
    try:
        row = with_relations(m.Record.objects.filter(record_id=record_id)).get()
    except m.Record.DoesNotExist:
        raise RecordNotFound(record_id) from None
    return to_data(row)


def save_records(records: Sequence[RecordData]) -> list[Outcome]:
    """Store a batch of records in one transaction, each in its own savepoint.

    A record whose content hash equals the stored one is left alone (UNCHANGED) and writes no
    outbox entry, so re-importing the same files changes nothing. A record that fails (a database
    constraint, an over-long value) is reported FAILED and rolled back alone.
    """
    outcomes: list[Outcome] = []
    with transaction.atomic():
        _serialise_outbox_writers()
        stored = dict(
            m.Record.objects.filter(record_id__in=[r.id for r in records]).values_list("record_id", "content_hash")
        )
        for data in records:
            digest = data.content_hash()
            if stored.get(data.id) == digest:
                outcomes.append(Outcome(data.id, Status.UNCHANGED))
                continue
            try:
                with transaction.atomic():
                    created = _write(data, digest)
                    m.OutboxEntry.objects.create(record_id=data.id, op=m.OutboxEntry.UPSERT)
            except (DatabaseError, ValueError, TypeError) as exc:
                outcomes.append(Outcome(data.id, Status.FAILED, f"could not store: {exc}"))
                continue
            stored[data.id] = digest
            outcomes.append(Outcome(data.id, Status.CREATED if created else Status.UPDATED))
    return outcomes


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
        deleted, _ = m.Record.objects.filter(record_id=record_id).delete()
        if deleted:
            m.OutboxEntry.objects.create(record_id=record_id, op=m.OutboxEntry.DELETE)
    return bool(deleted)


def iter_records() -> Iterator[RecordData]:
    """Every record, in a stable order, as plain data."""
    return iter_data(m.Record.objects.all())


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _write(data: RecordData, digest: str) -> bool:
    """Write the row and its links; True when the record is new."""
    fields = dict(
        slug=slugify(data.title),
        title=data.title,
        date_edtf=data.date or "",
        date_start=_date(data.date_start),
        date_end=_date(data.date_end),
        date_display=data.date_display or "",
        type=data.type or "",
        summary=data.summary or "",
        credit=data.credit or "",
        paragraphs=list(data.paragraphs),
        original_language=list(data.original_language),
        translation_language=data.translation_language or "",
        source=data.source or "",
        repository=_repository(data),
        reference=dict(data.reference),
        translator=data.translator or "",
        translated_for=data.translated_for or "",
        rights=data.rights or "",
        uploaded=_date(data.uploaded),
        classification=data.classification or "",
        original_archive=data.original_archive or "",
        place=data.place or "",
        sender=data.sender or "",
        recipient=data.recipient or "",
        signer=data.signer or "",
        keywords=list(data.keywords),
        notes=[n.to_json() for n in data.notes],
        page_breaks=[p.to_json() for p in data.page_breaks],
        transcripts=[t.to_json() for t in data.transcripts],
        content_hash=digest,
    )
    row, created = m.Record.objects.update_or_create(record_id=data.id, defaults=fields)
    if not created:
        for link in (m.RecordDonor, m.RecordCollection, m.RecordAuthor, m.RecordAgent, m.RecordPlace, m.RecordSubject):
            link.objects.filter(record=row).delete()
    m.RecordDonor.objects.bulk_create(
        m.RecordDonor(record=row, donor=_named(m.Donor, name), position=i) for i, name in enumerate(_unique(data.donors))
    )
    m.RecordCollection.objects.bulk_create(
        m.RecordCollection(record=row, collection=_collection(c), position=i)
        for i, c in enumerate(_unique_refs(data.collections))
    )
    for model, link, attr, refs in (
        (m.Agent, m.RecordAuthor, "agent", data.authors),
        (m.Agent, m.RecordAgent, "agent", data.people),
        (m.Place, m.RecordPlace, "place", data.places),
        (m.Subject, m.RecordSubject, "subject", data.subjects),
    ):
        link.objects.bulk_create(
            link(record=row, position=i, **{attr: _authority(model, ref)}) for i, ref in enumerate(_unique_refs(refs))
        )
    return created


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _unique_refs(refs: Iterable[Ref | CollectionRef]) -> list:
    seen: dict[str, Ref | CollectionRef] = {}
    for ref in refs:
        seen.setdefault(ref.id, ref)
    return list(seen.values())


def _named(model, name: str):
    obj, _ = model.objects.get_or_create(name=name)
    return obj


def _authority(model, ref: Ref):
    # The authority's own record is the source of truth for its name: a document only links to
    # it, and seeds it (name, description) the first time the id is seen.
    obj, _ = model.objects.get_or_create(key=ref.id, defaults={"name": ref.name, "description": ref.description or ""})
    return obj


def _collection(ref: CollectionRef) -> m.Collection:
    parent = None
    if ref.parent:
        parent, _ = m.Collection.objects.get_or_create(key=ref.parent, defaults={"name": ref.parent})
    obj, created = m.Collection.objects.get_or_create(key=ref.id, defaults={"name": ref.name, "parent": parent})
    if not created and (obj.name != ref.name or (parent and obj.parent_id != parent.pk)):
        obj.name = ref.name
        if parent:
            obj.parent = parent
        obj.save(update_fields=["name", "parent"])
    return obj


def _repository(data: RecordData) -> m.Repository | None:
    repo = data.repository
    if repo is None or not (repo.code or repo.name):
        return None
    if repo.code:
        obj, _ = m.Repository.objects.get_or_create(code=repo.code, defaults={"name": repo.name or repo.code})
        return obj
    obj = m.Repository.objects.filter(name=repo.name).first()
    if obj is None:
        try:
            with transaction.atomic():
                obj = m.Repository.objects.create(code=None, name=repo.name)
        except IntegrityError:
            obj = m.Repository.objects.get(name=repo.name)
    return obj
