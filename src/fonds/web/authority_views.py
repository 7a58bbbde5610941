"""Person and place pages: every spelling, dates, description, the documents that name them
(by date), documents per year, and who and where appears beside them. JSON twins included."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse

from fonds.catalog.authorities import AuthorityNotFound
from fonds.catalog.profiles import profile
from fonds.web.links import document_url
from fonds.web.twins import error, respond


def person(request: HttpRequest, key: str) -> HttpResponse:
    return _page(request, "person", key)


def place(request: HttpRequest, key: str) -> HttpResponse:
    return _page(request, "place", key)


def _page(request: HttpRequest, kind: str, key: str) -> HttpResponse:
    try:
        page = int(request.GET.get("page") or 1)
    except ValueError:
        return error(request, 400, "page must be a whole number")
    try:
        data = profile(kind, key, page=page)
    except AuthorityNotFound:
        raise Http404(f"no {kind} with id {key!r}") from None
    for d in data["documents"]:
        d["url"] = document_url(d["id"], d["slug"])
    for p in data["people"]:
        p["url"] = reverse("person", kwargs={"key": p["id"]})
    for p in data["places"]:
        p["url"] = reverse("place", kwargs={"key": p["id"]})
    for c in data["children"]:
        c["url"] = reverse("place", kwargs={"key": c["id"]})
    facet = "place" if kind == "place" else "person"
    data["search_url"] = reverse("search") + "?" + urlencode({facet: key})
    for y in data["by_year"]:
        y["url"] = reverse("search") + "?" + urlencode({facet: key, "from": y["year"], "to": y["year"], "sort": "date"})
    parent = data["authority"]["parent"]
    extra = {
        "kind": kind,
        "peak": max((y["count"] for y in data["by_year"]), default=1),
        "parent_url": reverse("place", kwargs={"key": parent}) if parent else None,
        "prev_url": f"?page={page - 1}" if page > 1 else None,
        "next_url": f"?page={page + 1}" if page < data["pages"] else None,
    }
    return respond(request, "fonds/authority.html", data, extra)
