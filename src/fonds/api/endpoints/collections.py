"""``/collections``: the collections, their place in the tree, and how many records each holds.

``count`` is the records directly in a collection (what the ``collection`` filter and facet
select); a detail adds ``total``, the distinct records in it or in any collection inside it.
"""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse
from ninja import Field, Query, Router, Schema

from fonds.api import cursor
from fonds.api.endpoints import linked
from fonds.api.errors import NotFound, responses
from fonds.api.params import check_text
from fonds.api.schemas import Collection, CollectionPage
from fonds.catalog import models as m

router = Router(tags=["collections"])


class CollectionParams(Schema):
    q: str = Field("", description="Names starting with this (case-insensitive)")
    limit: int = Field(cursor.DEFAULT_LIMIT, ge=1, le=cursor.MAX_LIMIT)
    cursor: str | None = Field(None, description="The `next` value of the previous page")


@router.get("/collections", response={200: CollectionPage, **responses(400)}, url_name="collections", summary="List collections")
def list_collections(request, params: Query[CollectionParams]):
    """Collections in name order, with their parent's id and their record count."""
    check_text("q", params.q)
    qs = m.Collection.objects.select_related("parent").annotate(n=Count("records"))
    if params.q:
        qs = qs.filter(name__istartswith=params.q)
    qs = cursor.after_name(qs, params.cursor)
    rows, next_cursor = cursor.page(qs, params.limit, lambda c: [c.name, c.pk], "name")
    return {
        "items": [
            {
                "id": c.key,
                "name": c.name,
                "description": c.description or None,
                "parent": c.parent.key if c.parent else None,
                "count": c.n,
                "href": _href(c.key),
            }
            for c in rows
        ],
        "next": next_cursor,
    }


@router.get(
    "/collections/{path:collection_id}",
    response={200: Collection, **responses(404)},
    url_name="collection",
    summary="One collection",
)
def collection(request, collection_id: str):
    found = None if "\x00" in collection_id else m.Collection.objects.select_related("parent").filter(key=collection_id).first()
    if found is None:
        raise NotFound(f"no collection with id {collection_id!r}")
    children = found.children.annotate(n=Count("records")).order_by("name", "pk")
    direct = m.Record.objects.filter(pk__in=m.RecordCollection.objects.filter(collection=found).values("record_id"))
    within = m.RecordCollection.objects.filter(collection_id__in=_descendants(found.pk)).values("record_id").distinct()
    documents = linked(direct, collection=found.key)
    return {
        "id": found.key,
        "name": found.name,
        "description": found.description or None,
        "parent": {"id": found.parent.key, "name": found.parent.name} if found.parent else None,
        "children": [{"id": c.key, "name": c.name, "count": c.n, "href": _href(c.key)} for c in children],
        "count": documents["count"],
        "total": within.count(),
        "documents": documents,
    }


def _descendants(root: int) -> set[int]:
    """``root`` and every collection inside it, at any depth (a cycle in bad data stops, not loops)."""
    children: dict[int | None, list[int]] = {}
    for pk, parent in m.Collection.objects.values_list("pk", "parent_id"):
        children.setdefault(parent, []).append(pk)
    seen, todo = {root}, [root]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in seen:
                seen.add(child)
                todo.append(child)
    return seen


def _href(key: str) -> str:
    return reverse("api-1:collection", kwargs={"collection_id": key})
