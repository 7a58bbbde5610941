"""``/people`` and ``/places``: the authority records, listed by name and read one by one.

Lists are in name order (id as tie-break) with cursor pagination; ``q`` keeps names that start
with it (case-insensitive). A detail carries the documents linking to the authority: their count,
the first ids (:data:`fonds.api.endpoints.LINKED_IDS`) and the documents-list URL that pages
through all of them.
"""

from __future__ import annotations

from typing import Literal

from django.db.models import Q, QuerySet
from django.urls import reverse
from ninja import Field, Query, Router, Schema

from fonds.api import cursor
from fonds.api.endpoints import linked
from fonds.api.errors import NotFound, responses
from fonds.api.params import check_text
from fonds.api.schemas import Person, PersonPage, Place, PlacePage
from fonds.catalog import authorities
from fonds.catalog import models as m

router = Router(tags=["authorities"])


class AuthorityParams(Schema):
    q: str = Field("", description="Names starting with this (case-insensitive)")
    limit: int = Field(cursor.DEFAULT_LIMIT, ge=1, le=cursor.MAX_LIMIT)
    cursor: str | None = Field(None, description="The `next` value of the previous page")


class PeopleParams(AuthorityParams):
    kind: list[Literal["person", "organisation"]] = Field(default_factory=list, description="`person` or `organisation` (repeatable)")


@router.get("/people", response={200: PersonPage, **responses(400)}, url_name="people", summary="List people and organisations")
def list_people(request, params: Query[PeopleParams]):
    qs = _named(m.Agent.objects.all(), params)
    if params.kind:
        qs = qs.filter(kind__in=params.kind)
    rows, next_cursor = cursor.page(qs, params.limit, _name_key, "name")
    return {
        "items": [
            {"id": a.key, "name": a.name, "kind": a.kind, "description": a.description or None, "href": _href("person", a.key)}
            for a in rows
        ],
        "next": next_cursor,
    }


@router.get("/people/{path:person_id}", response={200: Person, **responses(404)}, url_name="person", summary="One person or organisation")
def person(request, person_id: str):
    """The authority record (every spelling with its source, dates, external ids) and the
    documents that name the person or organisation or that they wrote."""
    agent = _get(m.Agent.objects.all(), person_id, "person or organisation")
    records = m.Record.objects.filter(
        Q(pk__in=m.RecordAgent.objects.filter(agent=agent).values("record_id"))
        | Q(pk__in=m.RecordAuthor.objects.filter(agent=agent).values("record_id"))
    )
    return {**authorities.to_data(agent).to_json(), "documents": linked(records, person=agent.key)}


@router.get("/places", response={200: PlacePage, **responses(400)}, url_name="places", summary="List places")
def list_places(request, params: Query[AuthorityParams]):
    qs = _named(m.Place.objects.select_related("parent"), params)
    rows, next_cursor = cursor.page(qs, params.limit, _name_key, "name")
    return {
        "items": [
            {
                "id": p.key,
                "name": p.name,
                "description": p.description or None,
                "parent": p.parent.key if p.parent else None,
                "href": _href("place", p.key),
            }
            for p in rows
        ],
        "next": next_cursor,
    }


@router.get("/places/{path:place_id}", response={200: Place, **responses(404)}, url_name="place", summary="One place")
def place(request, place_id: str):
    """The authority record, the places inside it, and the documents that name it."""
    found = _get(m.Place.objects.select_related("parent"), place_id, "place")
    records = m.Record.objects.filter(pk__in=m.RecordPlace.objects.filter(place=found).values("record_id"))
    children = found.children.order_by("name", "pk").values_list("key", "name")
    return {
        **authorities.to_data(found).to_json(),
        "parent_name": found.parent.name if found.parent else None,
        "children": [{"id": key, "name": name} for key, name in children],
        "documents": linked(records, place=found.key),
    }


def _named(qs: QuerySet, params: AuthorityParams) -> QuerySet:
    check_text("q", params.q)
    if params.q:
        qs = qs.filter(name__istartswith=params.q)
    return cursor.after_name(qs, params.cursor)


def _name_key(row) -> list:
    return [row.name, row.pk]


def _get(qs: QuerySet, key: str, what: str):
    found = None if "\x00" in key else qs.filter(key=key).first()
    if found is None:
        raise NotFound(f"no {what} with id {key!r}")
    return found


def _href(kind: str, key: str) -> str:
    return reverse(f"api-1:{kind}", kwargs={f"{kind}_id": key})
