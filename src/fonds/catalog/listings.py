"""Read-only listings for crawlers and feed readers: sitemaps and Atom feeds.

Sitemaps page through every record, so these return lazy querysets of plain values (never model
instances): Django's sitemap paginator counts them and reads one slice a page, which keeps a page of
50,000 URLs at one query and flat memory however large the archive is.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import Exists, Max, OuterRef, QuerySet

from fonds.catalog import models as m


def document_locations() -> QuerySet:
    """``(record_id, slug, updated_at)`` of every record, in a stable order (primary key)."""
    return m.Record.objects.order_by("pk").values_list("record_id", "slug", "updated_at")


def documents_last_modified() -> datetime | None:
    """When any record last changed (None for an empty archive)."""
    return m.Record.objects.aggregate(latest=Max("updated_at"))["latest"]


def linked_agents() -> QuerySet:
    """``(key, updated_at)`` of the people and organisations some record names or is written by.

    Authorities no document refers to (most of an imported authority file) have no documents to
    show, so they are left out.
    """
    named = m.RecordAgent.objects.filter(agent=OuterRef("pk"))
    wrote = m.RecordAuthor.objects.filter(agent=OuterRef("pk"))
    return m.Agent.objects.filter(Exists(named) | Exists(wrote)).order_by("pk").values_list("key", "updated_at")


def linked_places() -> QuerySet:
    """``(key, updated_at)`` of the places some record names."""
    named = m.RecordPlace.objects.filter(place=OuterRef("pk"))
    return m.Place.objects.filter(Exists(named)).order_by("pk").values_list("key", "updated_at")


def last_modified(listing: QuerySet) -> datetime | None:
    """The latest ``updated_at`` of a listing above, in one query."""
    return listing.order_by().aggregate(latest=Max("updated_at"))["latest"]


class CollectionNotFound(LookupError):
    pass


def collection_tree(key: str) -> dict:
    """The collection ``key`` with the keys of it and every collection nested in it, at any depth.

    Raises :class:`CollectionNotFound`. Collections are few (hundreds), so the tree is walked in
    memory from one query.
    """
    rows = list(m.Collection.objects.values_list("pk", "key", "name", "description", "parent_id"))
    root = next((r for r in rows if r[1] == key), None)
    if root is None:
        raise CollectionNotFound(key)
    children: dict[int, list[tuple]] = {}
    for row in rows:
        children.setdefault(row[4], []).append(row)
    found, stack = {root[0]: root}, [root[0]]
    while stack:
        for child in children.get(stack.pop(), []):
            if child[0] not in found:  # a cycle in bad data must not loop forever
                found[child[0]] = child
                stack.append(child[0])
    return {
        "key": root[1],
        "name": root[2],
        "description": root[3],
        "pks": sorted(found),
        "keys": sorted(r[1] for r in found.values()),
    }


def recent_additions(limit: int = 50, collection_pks: list[int] | None = None) -> list[dict]:
    """The records added most recently, newest first; only those in ``collection_pks`` when given.

    "Added" is insertion order: the primary key grows with every record created (and so does
    ``created_at``, which is not indexed), so the newest are read backwards along the primary key
    instead of sorting the whole table by date.
    """
    qs = m.Record.objects.all()
    if collection_pks is not None:
        in_any = m.RecordCollection.objects.filter(record=OuterRef("pk"), collection_id__in=collection_pks)
        qs = qs.filter(Exists(in_any))
    rows = qs.order_by("-pk").values(
        "record_id", "slug", "title", "summary", "type", "date_edtf", "date_display", "created_at", "updated_at"
    )[:limit]
    return [
        {
            "id": r["record_id"],
            "slug": r["slug"],
            "title": r["title"],
            "summary": r["summary"],
            "type": r["type"],
            "date": r["date_edtf"],
            "date_display": r["date_display"] or r["date_edtf"],
            "created_at": r["created_at"],
            "updated_at": r["updated_at"],
        }
        for r in rows
    ]
