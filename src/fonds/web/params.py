"""Reading a search from a URL: the one place that turns query parameters into a SearchRequest,
so the search page, its exports, its citations and the API read a URL the same way."""

from __future__ import annotations

from django.http import HttpRequest

from fonds import search


def search_request(request: HttpRequest) -> search.SearchRequest:
    """The search a URL describes; raises :class:`fonds.search.BadRequest` for unusable values."""
    params = request.GET
    for key, values in params.lists():
        if any("\x00" in v for v in values):
            raise search.BadRequest(f"{key} contains a NUL character")
    try:
        page = int(params.get("page") or 1)
        per_page = int(params.get("per_page") or 20)
    except ValueError:
        raise search.BadRequest("page and per_page must be whole numbers") from None
    return search.SearchRequest(
        q=params.get("q", ""),
        filters={f.key: params.getlist(f.key) for f in search.FACETS if params.getlist(f.key)},
        date_from=params.get("from") or None,
        date_to=params.get("to") or None,
        sort=params.get("sort") or "relevance",
        page=page,
        per_page=per_page,
    )
