"""Between the plain record (:class:`fonds.core.record.RecordData`) and the catalogue's rows."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Prefetch, QuerySet

from fonds.core.record import CollectionRef, Note, PageBreak, RecordData, Ref, Repository, Transcript
from fonds.catalog import models as m

# One query per relation, however many records: used by every reader of full records.
PREFETCH = (
    "repository",
    Prefetch("recorddonor_set", queryset=m.RecordDonor.objects.select_related("donor").order_by("position")),
    Prefetch(
        "recordcollection_set",
        queryset=m.RecordCollection.objects.select_related("collection__parent").order_by("position"),
    ),
    Prefetch("recordauthor_set", queryset=m.RecordAuthor.objects.select_related("agent").order_by("position")),
    Prefetch("recordagent_set", queryset=m.RecordAgent.objects.select_related("agent").order_by("position")),
    Prefetch("recordplace_set", queryset=m.RecordPlace.objects.select_related("place").order_by("position")),
    Prefetch("recordsubject_set", queryset=m.RecordSubject.objects.select_related("subject").order_by("position")),
)


def with_relations(qs: QuerySet[m.Record]) -> QuerySet[m.Record]:
    """``qs`` with everything :func:`to_data` reads fetched in a fixed number of queries."""
    return qs.select_related("repository").prefetch_related(*PREFETCH[1:])


def to_data(row: m.Record) -> RecordData:
    """A catalogue row (fetched through :func:`with_relations`) as plain data."""
    repo = row.repository
    return RecordData(
        id=row.record_id,
        title=row.title,
        date=row.date_edtf or None,
        date_start=row.date_start.isoformat() if row.date_start else None,
        date_end=row.date_end.isoformat() if row.date_end else None,
        date_display=row.date_display or None,
        type=row.type or None,
        summary=row.summary or None,
        credit=row.credit or None,
        paragraphs=list(row.paragraphs),
        original_language=list(row.original_language),
        translation_language=row.translation_language or None,
        source=row.source or None,
        repository=Repository(code=repo.code, name=repo.name) if repo else None,
        reference=dict(row.reference),
        translator=row.translator or None,
        translated_for=row.translated_for or None,
        rights=row.rights or None,
        uploaded=row.uploaded.isoformat() if row.uploaded else None,
        classification=row.classification or None,
        original_archive=row.original_archive or None,
        place=row.place or None,
        sender=row.sender or None,
        recipient=row.recipient or None,
        signer=row.signer or None,
        donors=[link.donor.name for link in row.recorddonor_set.all()],
        collections=[
            CollectionRef(
                id=link.collection.key,
                name=link.collection.name,
                parent=link.collection.parent.key if link.collection.parent else None,
            )
            for link in row.recordcollection_set.all()
        ],
        authors=[_ref(link.agent) for link in row.recordauthor_set.all()],
        people=[_ref(link.agent) for link in row.recordagent_set.all()],
        places=[_ref(link.place) for link in row.recordplace_set.all()],
        subjects=[_ref(link.subject) for link in row.recordsubject_set.all()],
        keywords=list(row.keywords),
        notes=[Note(**n) for n in row.notes],
        page_breaks=[PageBreak(**p) for p in row.page_breaks],
        transcripts=[Transcript(**t) for t in row.transcripts],
    )


def _ref(authority: m.Agent | m.Place | m.Subject) -> Ref:
    return Ref(id=authority.key, name=authority.name, description=authority.description or None)


def iter_data(qs: QuerySet[m.Record], chunk: int = 500) -> Iterator[RecordData]:
    """Every record of ``qs`` as plain data, read in chunks so memory stays flat."""
    last = 0
    base = qs.order_by("pk")
    while True:
        rows = list(with_relations(base.filter(pk__gt=last))[:chunk])
        if not rows:
            return
        for row in rows:
            yield to_data(row)
        last = rows[-1].pk

