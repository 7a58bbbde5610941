"""``/search`` and ``/facets``: the reading room's search, same engine and same parameters, as data.

``/api/v1/search?q=...&type=Telegram&page=2`` answers with the hits the reading room shows at
``/search?q=...&type=Telegram&page=2``, and ``facets`` holds every facet of the search package's
table (a facet with no values is an empty list), each value labelled as the reading room labels it.
"""

from __future__ import annotations

from django.urls import reverse
from ninja import Query, Router
from pydantic import Field

from fonds import search
from fonds.api.errors import responses
from fonds.api.params import SearchParams
from fonds.api.schemas import FacetsOut, SearchOut
from fonds.catalog.labels import Labels

router = Router(tags=["search"])

MAX_PER_PAGE = 100
AUTHORITY_FACETS = ("person", "place")  # facets whose values are authority ids, labelled by name


class Paging(SearchParams):  # type: ignore[misc, valid-type]
    page: int = Field(1, ge=1, description="Page of hits (1-based)")
    per_page: int = Field(20, ge=1, le=MAX_PER_PAGE, description="Hits a page")


@router.get("/search", response={200: SearchOut, **responses(400, 503)}, url_name="search", summary="Search documents")
def search_documents(request, params: Query[Paging]):
    """Full-text and faceted search, as in the reading room: words in `q` must all match; facet
    values combine with OR within a facet and AND across facets; `from`/`to` keep documents
    whose date span overlaps the range."""
    result = search.search(params.request(page=params.page, per_page=params.per_page))
    return {
        "total": result.total,
        "page": result.request.page,
        "pages": result.pages,
        "hits": [{**hit.to_json(), "url": _document_url(hit.id, hit.slug)} for hit in result.hits],
        "facets": facets_of(result),
        "errors": result.errors,
    }


@router.get("/facets", response={200: FacetsOut, **responses(400, 503)}, url_name="facets", summary="Facet counts")
def facet_counts(request, params: Query[SearchParams]):
    """The count of documents for each value of every facet, for the same query `/search` takes."""
    result = search.search(params.request(page=1, per_page=1))
    return {"total": result.total, "facets": facets_of(result), "errors": result.errors}


def facets_of(result: search.SearchResult) -> dict[str, list[dict]]:
    labels = Labels()
    for key in AUTHORITY_FACETS:
        labels.preload(key, [v.value for v in result.facets.get(key, [])])
    return {
        facet.key: [
            {"value": v.value, "label": labels.facet_value(facet.key, v.value), "count": v.count, "selected": v.selected}
            for v in result.facets.get(facet.key, [])
        ]
        for facet in search.FACETS
    }


def _document_url(record_id: str, slug: str) -> str:
    return reverse("document", kwargs={"path": f"{record_id}/{slug}"})
