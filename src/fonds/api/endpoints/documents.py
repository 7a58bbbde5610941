"""``/documents``: every record, filtered and cursor-paginated from the database; one record by id.

The list reads the database (the source of truth), not the index, so a harvester walking it with
``updated_since`` sees every stored record. Filters mean what the reading room's facets mean: a
record matches ``type=Telegram`` when its type is ``Telegram``, ``collection=x`` when it is directly
in collection ``x``, ``person=x`` when it names ``x`` or ``x`` wrote it, ``year=1957`` when its date
starts in 1957, ``from``/``to`` when its date span overlaps the range.
"""

from __future__ import annotations

import datetime
import functools
import operator
from collections.abc import Callable
from typing import Literal

from django.db import connection
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.urls import reverse
from ninja import Field, Query, Router

from fonds import search
from fonds.api import cursor
from fonds.api.errors import BadParameter, responses
from fonds.api.params import FacetParams, check_text, date_bound
from fonds.api.schemas import DocumentPage, Record
from fonds.catalog import models as m
from fonds.catalog.services import RecordNotFound, get_record

router = Router(tags=["documents"])

ORDERS = ("added", "date")


class DocumentParams(FacetParams):  # type: ignore[misc, valid-type]
    date_from: str | None = Field(None, alias="from", description="Dated on or after: a year, a month (1957-12) or a day")
    date_to: str | None = Field(None, alias="to", description="Dated on or before: a year, a month (1957-12) or a day")
    updated_since: datetime.datetime | None = Field(
        None, description="Stored or changed at or after this ISO 8601 date-time (UTC when no offset is given)"
    )
    order: Literal["added", "date"] = Field(
        "added", description="`added`: the order records were stored; `date`: by date (undated last)"
    )
    limit: int = Field(cursor.DEFAULT_LIMIT, ge=1, le=cursor.MAX_LIMIT, description="Records a page")
    cursor: str | None = Field(None, description="The `next` value of the previous page")


@router.get("/documents", response={200: DocumentPage, **responses(400)}, url_name="documents", summary="List documents")
def list_documents(request, params: Query[DocumentParams]):
    """Records in a stable order, a page at a time: pass each page's `next` as `cursor` to get
    the following page, until `next` is null. Filters combine with AND; repeated values of one
    filter with OR."""
    qs = filtered(params)
    if params.order == "date":
        qs = cursor.after_date(qs, params.cursor)
        key = lambda row: [row["date_start"].isoformat() if row["date_start"] else None, row["pk"]]  # noqa: E731
    else:
        qs = cursor.after_pk(qs, params.cursor)
        key = lambda row: [row["pk"]]  # noqa: E731
    rows, next_cursor = cursor.page(qs.values(*ITEM_FIELDS), params.limit, key, params.order)
    return {"items": [_item(row) for row in rows], "next": next_cursor}


@router.get(
    "/documents/{path:record_id}",
    response={200: Record, **responses(404)},
    url_name="document",
    summary="One document",
)
def document(request, record_id: str):
    """The whole record, in the documented record shape (docs/record-format.md). Record ids may
    contain slashes (``frus1969-76v17/d12``)."""
    if "\x00" in record_id:
        raise RecordNotFound(record_id)
    return get_record(record_id).to_json()


ITEM_FIELDS = (
    "pk", "record_id", "slug", "title", "date_edtf", "date_start", "date_end", "date_display", "type", "summary",
    "original_language", "updated_at",
)


def _item(row: dict) -> dict:
    rid = row["record_id"]
    return {
        "id": rid,
        "title": row["title"],
        "date": row["date_edtf"] or None,
        "date_start": row["date_start"],
        "date_end": row["date_end"],
        "date_display": row["date_display"] or None,
        "type": row["type"] or None,
        "summary": row["summary"] or None,
        "original_language": list(row["original_language"]),
        "updated_at": row["updated_at"],
        "href": reverse("api-1:document", kwargs={"record_id": rid}),
        "url": reverse("document", kwargs={"path": f"{rid}/{row['slug'] or 'document'}"}),
    }


def _links(model, **lookup) -> Q:
    return Q(pk__in=model.objects.filter(**lookup).values("record_id"))


# One condition per facet of the search package, meaning what the index means by it (see
# fonds.search.schema.to_document); a test checks that every facet has one.
FILTERS: dict[str, Callable[[list], Q | RawSQL]] = {
    "type": lambda values: Q(type__in=values),
    "lang": lambda values: _has_language(values),
    "year": lambda values: functools.reduce(operator.or_, (Q(date_start__year=y) for y in values)),
    # A repository's facet value is its code, or its name when it has no code.
    "repository": lambda values: Q(repository__code__in=values)
    | (Q(repository__code__isnull=True) | Q(repository__code="")) & Q(repository__name__in=values),
    "donor": lambda values: _links(m.RecordDonor, donor__name__in=values),
    "collection": lambda values: _links(m.RecordCollection, collection__key__in=values),
    # Named in the document or its author, as the person facet counts it.
    "person": lambda values: _links(m.RecordAgent, agent__key__in=values) | _links(m.RecordAuthor, agent__key__in=values),
    "place": lambda values: _links(m.RecordPlace, place__key__in=values),
}


def filtered(params: DocumentParams) -> QuerySet[m.Record]:
    """The records ``params`` select (unordered)."""
    qs = m.Record.objects.all()
    for facet in search.FACETS:
        values = getattr(params, facet.key)
        if not values:
            continue
        condition = FILTERS.get(facet.key)
        if condition is None:
            raise BadParameter(f"the documents list cannot filter by {facet.key} yet; use /search")
        if not facet.numeric:
            check_text(facet.key, values)
            values = _given(values)
        qs = qs.filter(condition(values) if values else Q(pk__in=[]))
    if params.date_to:
        qs = qs.filter(date_start__lte=date_bound(params.date_to, upper=True, name="to"))
    if params.date_from:
        qs = qs.filter(date_end__gte=date_bound(params.date_from, upper=False, name="from"))
    if params.updated_since:
        qs = qs.filter(updated_at__gte=_aware(params.updated_since))
    return qs


def _given(values: list[str]) -> list[str]:
    # An empty value selects nothing, as an empty facet term does in the index.
    return [v for v in values if v]


def _has_language(codes: list[str]) -> Q | RawSQL:
    """Records whose ``original_language`` list holds one of ``codes``."""
    if connection.vendor == "sqlite":
        # SQLite has no JSON containment lookup; json_each reads the list.
        table = connection.ops.quote_name(m.Record._meta.db_table)
        column = connection.ops.quote_name(m.Record._meta.get_field("original_language").column)
        marks = ", ".join(["%s"] * len(codes))
        sql = f"EXISTS (SELECT 1 FROM json_each({table}.{column}) WHERE json_each.value IN ({marks}))"
        return RawSQL(sql, codes, output_field=BooleanField())
    return functools.reduce(operator.or_, (Q(original_language__contains=[code]) for code in codes))


def _aware(moment: datetime.datetime) -> datetime.datetime:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    try:
        return moment.astimezone(datetime.UTC)
    except OverflowError:
        raise BadParameter("updated_since is out of range") from None
