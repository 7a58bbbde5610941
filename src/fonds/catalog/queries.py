"""Read-only lookups the pages need besides whole records: recent additions, names for keys."""

from __future__ import annotations

from django.db.models import Count

from fonds.catalog import models as m


def recent(limit: int = 10) -> list[dict]:
    """The records added most recently."""
    rows = m.Record.objects.order_by("-created_at", "-id").values(
        "record_id", "slug", "title", "date_display", "date_edtf", "type"
    )[:limit]
    return [
        {"id": r["record_id"], "slug": r["slug"], "title": r["title"], "date_display": r["date_display"] or r["date_edtf"], "type": r["type"]}
        for r in rows
    ]


def top_collections(limit: int = 12) -> list[dict]:
    """Collections with the most records."""
    rows = (
        m.Collection.objects.annotate(n=Count("records"))
        .filter(n__gt=0)
        .order_by("-n", "name")
        .values("key", "name", "n")[:limit]
    )
    return [{"id": r["key"], "name": r["name"], "count": r["n"]} for r in rows]


def collection_names(keys: list[str]) -> dict[str, str]:
    """The names of these collections, by key."""
    return dict(m.Collection.objects.filter(key__in=keys).values_list("key", "name"))


def repository_names() -> dict[str, str]:
    """Every repository's full name, by code (or by name, for one without a code)."""
    return {code or name: name for code, name in m.Repository.objects.values_list("code", "name")}


def slugs(record_ids: list[str]) -> dict[str, str]:
    """The stored URL slug of each record: made from the title when the record was first stored,
    and kept when the title changes, so a record's URL never changes."""
    return dict(m.Record.objects.filter(record_id__in=record_ids).values_list("record_id", "slug"))
