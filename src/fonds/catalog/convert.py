"""Between the plain record (:class:`fonds.core.record.RecordData`) and the catalogue's rows."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import QuerySet

from fonds.core.record import CollectionRef, Note, PageBreak, RecordData, Ref, Repository, Transcript
from fonds.catalog import models as m


def iter_data(qs: QuerySet[m.Record], chunk: int = 500) -> Iterator[RecordData]:
    """Every record of ``qs`` as plain data in pk order, read in chunks so memory stays flat.

    Each chunk costs eight queries (records, repositories, and one per kind of link) that fetch
    plain values, not model instances: building instances and prefetching through them took
    three quarters of an export, a dump or a reindex.
    """
    last = 0
    base = qs.order_by("pk")
    while True:
        rows = list(base.filter(pk__gt=last).values(*RECORD_VALUES)[:chunk])
        if not rows:
            return
        yield from _from_values(rows)
        last = rows[-1]["pk"]


def data_by_pk(pks: list[int]) -> dict[int, RecordData]:
    """The records with these primary keys as plain data, by pk, in a fixed number of queries."""
    rows = list(m.Record.objects.filter(pk__in=pks).values(*RECORD_VALUES))
    return {row["pk"]: record for row, record in zip(rows, _from_values(rows))}


def data_by_id(record_ids: list[str]) -> dict[str, RecordData]:
    """The records with these record ids as plain data, by id, in a fixed number of queries."""
    rows = list(m.Record.objects.filter(record_id__in=record_ids).values(*RECORD_VALUES))
    return {record.id: record for record in _from_values(rows)}


# The record columns :func:`_from_values` reads (everything but the timestamps).
RECORD_VALUES = (
    "pk", "record_id", "title", "date_edtf", "date_start", "date_end", "date_display", "type", "summary",
    "credit", "paragraphs", "original_language", "translation_language", "source", "repository_id",
    "reference", "translator", "translated_for", "rights", "uploaded", "classification", "original_archive",
    "place", "sender", "recipient", "signer", "keywords", "notes", "page_breaks", "transcripts",
)

# Each kind of link: its table, the authority's key / name / description columns through it.
_AUTHORITY_LINKS = (
    ("authors", m.RecordAuthor, "agent"),
    ("people", m.RecordAgent, "agent"),
    ("places", m.RecordPlace, "place"),
    ("subjects", m.RecordSubject, "subject"),
)


def _links(model, pks: list[int], *columns: str) -> dict[int, list[tuple]]:
    """Per record pk, its links' ``columns`` in link order."""
    out: dict[int, list[tuple]] = {}
    for record_pk, *values in (
        model.objects.filter(record_id__in=pks).order_by("record_id", "position", "pk").values_list("record_id", *columns)
    ):
        out.setdefault(record_pk, []).append(tuple(values))
    return out


def _from_values(rows: list[dict]) -> Iterator[RecordData]:
    """Records from :data:`RECORD_VALUES` rows, each with its repository and links in order:
    the one place a catalogue row becomes a :class:`RecordData`."""
    pks = [r["pk"] for r in rows]
    repo_ids = {r["repository_id"] for r in rows if r["repository_id"] is not None}
    repos = {
        pk: Repository(code=code, name=name)
        for pk, code, name in m.Repository.objects.filter(pk__in=repo_ids).values_list("pk", "code", "name")
    } if repo_ids else {}
    donors = _links(m.RecordDonor, pks, "donor__name")
    collections = _links(m.RecordCollection, pks, "collection__key", "collection__name", "collection__parent__key")
    refs = {
        name: _links(model, pks, f"{attr}__key", f"{attr}__name", f"{attr}__description")
        for name, model, attr in _AUTHORITY_LINKS
    }
    none: list[tuple] = []
    for row in rows:
        pk = row["pk"]
        date_start, date_end, uploaded = row["date_start"], row["date_end"], row["uploaded"]
        yield RecordData(
            id=row["record_id"],
            title=row["title"],
            date=row["date_edtf"] or None,
            date_start=date_start.isoformat() if date_start else None,
            date_end=date_end.isoformat() if date_end else None,
            date_display=row["date_display"] or None,
            type=row["type"] or None,
            summary=row["summary"] or None,
            credit=row["credit"] or None,
            paragraphs=list(row["paragraphs"]),
            original_language=list(row["original_language"]),
            translation_language=row["translation_language"] or None,
            source=row["source"] or None,
            repository=repos.get(row["repository_id"]) if row["repository_id"] is not None else None,
            reference=dict(row["reference"]),
            translator=row["translator"] or None,
            translated_for=row["translated_for"] or None,
            rights=row["rights"] or None,
            uploaded=uploaded.isoformat() if uploaded else None,
            classification=row["classification"] or None,
            original_archive=row["original_archive"] or None,
            place=row["place"] or None,
            sender=row["sender"] or None,
            recipient=row["recipient"] or None,
            signer=row["signer"] or None,
            donors=[name for (name,) in donors.get(pk, none)],
            collections=[CollectionRef(id=key, name=name, parent=parent) for key, name, parent in collections.get(pk, none)],
            authors=[Ref(id=k, name=n, description=d or None) for k, n, d in refs["authors"].get(pk, none)],
            people=[Ref(id=k, name=n, description=d or None) for k, n, d in refs["people"].get(pk, none)],
            places=[Ref(id=k, name=n, description=d or None) for k, n, d in refs["places"].get(pk, none)],
            subjects=[Ref(id=k, name=n, description=d or None) for k, n, d in refs["subjects"].get(pk, none)],
            keywords=list(row["keywords"]),
            notes=[Note(**n) for n in row["notes"]],
            page_breaks=[PageBreak(**p) for p in row["page_breaks"]],
            transcripts=[Transcript(**t) for t in row["transcripts"]],
        )
