"""Writing a batch of records with a fixed number of queries, whatever its size.

:func:`write` resolves every donor, collection, repository and authority the batch names with one
query per table (creating the missing ones in bulk), inserts new records in one statement, updates
changed ones, replaces their links in bulk and appends their outbox entries in order. The caller
(:mod:`fonds.catalog.services`) runs it inside a savepoint and, when it fails, again one record at
a time so the bad record fails alone.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from fonds.core.record import CollectionRef, RecordData, Ref
from fonds.core.text import slugify
from fonds.catalog import models as m
from fonds.catalog import rows

LINKS = (m.RecordDonor, m.RecordCollection, m.RecordAuthor, m.RecordAgent, m.RecordPlace, m.RecordSubject)
LINK_ATTR = {m.RecordAuthor: "agent", m.RecordAgent: "agent", m.RecordPlace: "place", m.RecordSubject: "subject"}


@dataclass
class Pending:
    """A record to write: its data, its content hash, its row fields, and its pk when it exists."""

    data: RecordData
    digest: str
    fields: dict[str, Any]
    pk: int | None
    mentions: list | None = None  # linking.Found items; None leaves stored mentions alone


def _date(value: str | None, name: str) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{name} {value!r} is not an ISO date (YYYY-MM-DD)") from None


def row_fields(data: RecordData, digest: str) -> dict[str, Any]:
    """The record's column values; raises ValueError for a value the table cannot hold."""
    if not isinstance(data.id, str) or not data.id.strip():
        raise ValueError("the record id is empty")
    return dict(
        record_id=data.id,
        slug=slugify(data.title),
        title=data.title,
        date_edtf=data.date or "",
        date_start=_date(data.date_start, "date_start"),
        date_end=_date(data.date_end, "date_end"),
        date_display=data.date_display or "",
        type=data.type or "",
        summary=data.summary or "",
        credit=data.credit or "",
        paragraphs=list(data.paragraphs),
        original_language=list(data.original_language),
        translation_language=data.translation_language or "",
        source=data.source or "",
        reference=[[key, value] for key, value in data.reference.items()],
        translator=data.translator or "",
        translated_for=data.translated_for or "",
        rights=data.rights or "",
        uploaded=_date(data.uploaded, "uploaded"),
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


def write(batch: Sequence[Pending]) -> list[bool]:
    """Write ``batch`` (call inside a transaction); returns, per record, whether it was created."""
    repositories = _repositories(p.data for p in batch)
    donors = _by_name(m.Donor, (d for p in batch for d in p.data.donors))
    collections = _collections(c for p in batch for c in p.data.collections)
    agents = _authorities(m.Agent, (r for p in batch for r in (*p.data.authors, *p.data.people)))
    places = _authorities(m.Place, (r for p in batch for r in p.data.places))
    subjects = _authorities(m.Subject, (r for p in batch for r in p.data.subjects))

    is_new = [p.pk is None for p in batch]
    now = timezone.now()
    new_rows = []
    for p in batch:
        repo = p.data.repository
        key = (repo.code or None, repo.name or repo.code) if repo and (repo.code or repo.name) else None
        p.fields["repository_id"] = repositories[key].pk if key else None
        if p.pk is None:
            new_rows.append({**p.fields, "created_at": now, "updated_at": now})
        else:
            # The slug stays the one the record was first stored with: its URL never changes.
            fields = {k: v for k, v in p.fields.items() if k != "slug"}
            m.Record.objects.filter(pk=p.pk).update(**fields, updated_at=now)
    old_pks = [p.pk for p in batch if p.pk is not None]
    if new_rows:
        rows.insert(m.Record, new_rows)
        pks = dict(rows.select_in(m.Record, ("record_id", "pk"), "record_id", [r["record_id"] for r in new_rows]))
        for p, new in zip(batch, is_new):
            if new:
                p.pk = pks[p.data.id]
    if old_pks:
        for link in LINKS:
            link.objects.filter(record_id__in=old_pks).delete()
        m.Mention.objects.filter(record_id__in=[p.pk for p in batch if p.pk in old_pks and p.mentions is not None]).delete()
    rows.insert(m.Mention, [row for p in batch for row in mention_rows(p.pk, p.mentions or [], agents, places)])

    links: dict[type, list[dict]] = {link: [] for link in LINKS}
    for p in batch:
        d, pk = p.data, p.pk
        for i, name in enumerate(_unique(d.donors)):
            links[m.RecordDonor].append({"record_id": pk, "donor_id": donors[name], "position": i})
        for i, c in enumerate(_unique_refs(d.collections)):
            links[m.RecordCollection].append({"record_id": pk, "collection_id": collections[c.id].pk, "position": i})
        for link, table, refs in (
            (m.RecordAuthor, agents, d.authors),
            (m.RecordAgent, agents, d.people),
            (m.RecordPlace, places, d.places),
            (m.RecordSubject, subjects, d.subjects),
        ):
            column = LINK_ATTR[link] + "_id"
            for i, ref in enumerate(_unique_refs(refs)):
                links[link].append({"record_id": pk, column: table[ref.id], "position": i})
    for link, values in links.items():
        rows.insert(link, values)
    rows.insert(m.OutboxEntry, [{"record_id": p.data.id, "op": m.OutboxEntry.UPSERT, "created_at": now} for p in batch])
    # A record stored again after a deletion is no longer deleted.
    m.Tombstone.objects.filter(record_id__in=[p.data.id for p in batch]).delete()
    return is_new


def mention_rows(
    record_pk: int, mentions: Iterable, agents: dict[str, int], places: dict[str, int]
) -> list[dict[str, Any]]:
    """Mention rows for a record; an ambiguous mention keeps its candidates and links to none.

    ``agents`` and ``places`` map authority keys to primary keys."""
    out = []
    for f in mentions:
        target = f.targets[0]
        linked = None if f.ambiguous else (places if target.kind == "place" else agents).get(target.key)
        out.append(
            {
                "record_id": record_pk,
                "agent_id": linked if linked is not None and target.kind != "place" else None,
                "place_id": linked if linked is not None and target.kind == "place" else None,
                "paragraph": f.paragraph,
                "start": f.start,
                "end": f.end,
                "surface": f.surface[:300],
                "ambiguous": f.ambiguous,
                "candidates": sorted({t.key for t in f.targets}) if f.ambiguous else [],
            }
        )
    return out


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _unique_refs(refs: Iterable[Ref | CollectionRef]) -> list:
    seen: dict[str, Ref | CollectionRef] = {}
    for ref in refs:
        if not isinstance(ref.id, str) or not ref.id:
            raise ValueError(f"a link to {ref.name!r} has no id")
        seen.setdefault(ref.id, ref)
    return list(seen.values())


def _by_name(model, names: Iterable[str]) -> dict[str, int]:
    """Primary keys by name, creating the missing rows."""
    wanted = set(_unique(names))
    if not wanted:
        return {}
    found = dict(rows.select_in(model, ("name", "pk"), "name", list(wanted)))
    missing = [model(name=n) for n in sorted(wanted - found.keys())]
    if missing:
        model.objects.bulk_create(missing)
        found.update(rows.select_in(model, ("name", "pk"), "name", [o.name for o in missing]))
    return found


def _authorities(model, refs: Iterable[Ref]) -> dict[str, int]:
    """Authority primary keys by key, creating the missing authorities seeded with the first name
    and description. Keys only: loading whole authorities (their variants are JSON) cost a
    quarter of a large import's database time."""
    wanted: dict[str, Ref] = {}
    for ref in _unique_refs(refs):
        wanted.setdefault(ref.id, ref)
    if not wanted:
        return {}
    found = dict(rows.select_in(model, ("key", "pk"), "key", list(wanted)))
    missing = [model(key=k, name=r.name, description=r.description or "") for k, r in wanted.items() if k not in found]
    if missing:
        model.objects.bulk_create(missing)
        found.update(rows.select_in(model, ("key", "pk"), "key", [o.key for o in missing]))
    return found


def _collections(refs: Iterable[CollectionRef]) -> dict[str, m.Collection]:
    """Collections by key; a collection's name and parent follow the latest record that names it."""
    wanted: dict[str, CollectionRef] = {}
    for ref in _unique_refs(refs):
        wanted[ref.id] = ref
    parents = {r.parent for r in wanted.values() if r.parent} - wanted.keys()
    if not wanted:
        return {}
    found = {o.key: o for o in m.Collection.objects.filter(key__in=[*wanted, *parents])}
    for key in parents - found.keys():
        found[key] = m.Collection.objects.create(key=key, name=key)
    for key, ref in wanted.items():
        obj = found.get(key)
        parent = found.get(ref.parent) if ref.parent else None
        if obj is None:
            found[key] = m.Collection.objects.create(key=key, name=ref.name, parent=parent)
        elif obj.name != ref.name or (parent is not None and obj.parent_id != parent.pk):
            obj.name = ref.name
            if parent is not None:
                obj.parent = parent
            obj.save(update_fields=["name", "parent"])
    # A parent named in this batch after its child: link the child now that the parent exists.
    for key, ref in wanted.items():
        obj = found[key]
        if ref.parent and obj.parent_id is None:
            obj.parent = found[ref.parent]
            obj.save(update_fields=["parent"])
    return found


def _repositories(records: Iterable[RecordData]) -> dict[tuple[str | None, str], m.Repository]:
    out: dict[tuple[str | None, str], m.Repository] = {}
    for d in records:
        repo = d.repository
        if repo is None or not (repo.code or repo.name):
            continue
        key = (repo.code or None, repo.name or repo.code)
        if key in out:
            continue
        if repo.code:
            obj, _ = m.Repository.objects.get_or_create(code=repo.code, defaults={"name": repo.name or repo.code})
        else:
            obj = m.Repository.objects.filter(name=repo.name).first()
            if obj is None:
                try:
                    with transaction.atomic():
                        obj = m.Repository.objects.create(code=None, name=repo.name)
                except IntegrityError:
                    obj = m.Repository.objects.get(name=repo.name)
        out[key] = obj
    return out
