"""The reading room's pages. Each builds one plain ``data`` dict, rendered as HTML or as its JSON twin."""

from __future__ import annotations

from urllib.parse import unquote, urlencode

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.urls import reverse

from fonds import search
from fonds.catalog import queries
from fonds.catalog.labels import Labels
from fonds.web import body
from fonds.web.citation_views import citation_context
from fonds.web.links import document_url, record_at
from fonds.web.params import search_request
from fonds.web.search_links import SearchLinks
from fonds.web.twins import error, respond

PER_PAGE_CHOICES = (10, 20, 50, 100)


def home(request: HttpRequest) -> HttpResponse:
    try:
        stats = search.overview()
    except (search.IndexMissing, search.SchemaMismatch):
        stats = {"total": 0, "types": [], "decades": [], "years": []}
    labels = Labels()
    data = {
        "total": stats["total"],
        "types": [{**t, "url": _search_url(type=[t["value"]])} for t in stats["types"]],
        "decades": [
            {**d, "label": f"{d['value']}s", "url": _search_url(**{"from": str(d["value"]), "to": str(d["value"] + 9)}, sort="date")}
            for d in stats["decades"]
        ],
        "recent": [{**r, "url": document_url(r["id"], r["slug"])} for r in queries.recent(10)],
        "collections": [{**c, "url": _search_url(collection=[c["id"]])} for c in queries.top_collections(12)],
    }
    return respond(request, "fonds/home.html", data, {"labels": labels})


def search_page(request: HttpRequest) -> HttpResponse:
    try:
        req = search_request(request)
        result = search.search(req)
    except search.BadRequest as exc:
        return error(request, 400, str(exc))
    except (search.IndexMissing, search.SchemaMismatch) as exc:
        return error(request, 503, str(exc))

    labels = Labels()
    for key, values in req.filters.items():
        labels.preload(key, values)
    links = SearchLinks(request)
    facets = []
    for facet in search.FACETS:
        values = result.facets.get(facet.key, [])
        if not values:
            continue
        labels.preload(facet.key, [v.value for v in values])
        facets.append(
            {
                "key": facet.key,
                "label": facet.label,
                "values": [
                    {
                        "value": v.value,
                        "label": labels.facet_value(facet.key, v.value),
                        "count": v.count,
                        "selected": v.selected,
                        "url": links.toggle(facet.key, v.value),
                    }
                    for v in values
                ],
            }
        )
    hits = [{**h.to_json(), "url": document_url(h.id, h.slug)} for h in result.hits]
    data = {
        "query": {
            "q": req.q,
            "filters": req.filters,
            "from": req.date_from,
            "to": req.date_to,
            "sort": req.sort,
            "page": req.page,
            "per_page": req.per_page,
        },
        "total": result.total,
        "page": req.page,
        "pages": result.pages,
        "hits": hits,
        "facets": facets,
        "errors": result.errors,
        "understood": result.understood,
        "active_filters": [
            {"key": k, "label": search.BY_KEY[k].label, "value": v, "value_label": labels.facet_value(k, v), "url": links.toggle(k, v)}
            for k, vs in req.filters.items()
            for v in vs
        ],
    }
    extra = {
        "prev_url": links.with_(page=req.page - 1) if req.page > 1 else None,
        "next_url": links.with_(page=req.page + 1) if req.page < result.pages else None,
        "sort_urls": [{"key": s, "label": SORT_LABELS[s], "url": links.with_(sort=s, page=None), "active": s == req.sort} for s in search.SORTS],
        "clear_dates_url": links.with_(**{"from": None, "to": None, "page": None}),
        "json_url": links.with_(format="json"),
        "export_csv_url": links.export("csv"),
        "export_json_url": links.export("json"),
        "histogram": _histogram(result.facets.get("year", []), links),
        "hidden_params": [(k, v) for k, vs in links.base.items() for v in vs if k not in ("q", "from", "to", "page", "format")],
    }
    return respond(request, "fonds/search.html", data, extra)


SORT_LABELS = {"relevance": "Relevance", "date": "Date (oldest first)", "-date": "Date (newest first)", "title": "Title"}


def document(request: HttpRequest, path: str) -> HttpResponse:
    """``/documents/<id>/<slug>``; the bare id and any old slug redirect to the canonical URL.

    Record ids may themselves contain slashes (FRUS: ``frus1918Russiav03/d11``), so the path is
    read as a whole id first, then as id + slug.
    """
    record, canonical, slug = record_at(path)
    # request.path is decoded; the canonical URL is quoted ("a%20b"): compare like with like.
    if slug is None or request.path != unquote(canonical):
        target = canonical + (f"?{request.META['QUERY_STRING']}" if request.META.get("QUERY_STRING") else "")
        return HttpResponsePermanentRedirect(target)
    labels = Labels()
    data = {"record": record.to_json(), "url": canonical, "related": related_documents(record)}
    extra = {
        "info": document_info(record, labels),
        "labels": labels,
        "body": body.segments(record),
        "notes": body.notes(record),
        "permalink": request.build_absolute_uri(canonical),
    }
    if request.GET.get("format") != "json":  # citations: rendered styles, downloads, meta tags
        extra.update(citation_context(request, record, canonical))
    return respond(request, "fonds/document.html", data, extra)


def related_documents(record, limit: int = 8) -> list[dict]:
    """Documents sharing people or places (with the shared names as the reason), then documents
    with similar text; none while the index is missing or being rebuilt for a new schema."""
    try:
        out = search.related_to(record, limit)
    except (search.IndexMissing, search.SchemaMismatch):
        return []
    return [{**r, "url": document_url(r["id"], r["slug"])} for r in out]


def browse_dates(request: HttpRequest) -> HttpResponse:
    try:
        stats = search.overview()
    except (search.IndexMissing, search.SchemaMismatch):
        stats = {"total": 0, "years": [], "decades": []}
    by_decade: dict[int, list[dict]] = {}
    for y in stats["years"]:
        by_decade.setdefault(y["value"] // 10 * 10, []).append(
            {**y, "url": _search_url(**{"from": str(y["value"]), "to": str(y["value"])}, sort="date")}
        )
    decades = [
        {
            "value": d,
            "label": f"{d}s",
            "count": sum(y["count"] for y in years),
            "url": _search_url(**{"from": str(d), "to": str(d + 9)}, sort="date"),
            "years": years,
        }
        for d, years in sorted(by_decade.items())
    ]
    peak = max((y["count"] for y in stats["years"]), default=1)
    return respond(request, "fonds/browse_dates.html", {"total": stats["total"], "decades": decades}, {"peak": peak})


# -- helpers ---------------------------------------------------------------------------------


def document_info(record, labels: Labels) -> list[dict]:
    """The Document Information block: every field, values linked to filtered searches."""
    rows: list[dict] = []

    def add(label: str, values: list[tuple[str, str | None]]) -> None:
        values = [(text, url) for text, url in values if text]
        if values:
            rows.append({"label": label, "values": [{"text": t, "url": u} for t, u in values]})

    add("Date", [(record.date_display or record.date, _search_url(**{"from": record.date_start, "to": record.date_end}, sort="date") if record.date_start else None)])
    add("Place", [(record.place, None)])
    add("From", [(record.sender, None)])
    add("To", [(record.recipient, None)])
    add("Signed", [(record.signer, None)])
    add("Author", [(a.name, reverse("person", kwargs={"key": a.id})) for a in record.authors])
    add("Source", [(record.source, None)])
    if record.repository:
        repo_key = record.repository.code or record.repository.name
        add("Repository", [(labels.repository(repo_key), _search_url(repository=[repo_key]))])
    add("Archival reference", [(", ".join(f"{k.replace('_', ' ').capitalize()} {v}" for k, v in record.reference.items()), None)])
    add("Original Archive", [(record.original_archive, None)])
    add("Original Classification", [(record.classification, None)])
    add("Translator", [(record.translator, _search_url(q=f'source:"{record.translator}"') if record.translator else None)])
    add("Translated for", [(record.translated_for, None)])
    add("Rights", [(record.rights, None)])
    add("Original Uploaded Date", [(record.uploaded, None)])
    add("Type", [(record.type, _search_url(type=[record.type]) if record.type else None)])
    add("Language", [(labels.facet_value("lang", c), _search_url(lang=[c])) for c in record.original_language])
    add("Translation language", [(labels.facet_value("lang", record.translation_language), None)] if record.translation_language else [])
    add("Record ID", [(record.id, None)])
    add("Donors", [(d, _search_url(donor=[d])) for d in record.donors])
    add("Collections", [(c.name, _search_url(collection=[c.id])) for c in record.collections])
    add("People", [(p.name, reverse("person", kwargs={"key": p.id})) for p in record.people])
    add("Places", [(p.name, reverse("place", kwargs={"key": p.id})) for p in record.places])
    add("Subjects", [(s.name, _search_url(q=f'"{s.name}"')) for s in record.subjects])
    add("Keywords", [(k, _search_url(q=f'"{k}"')) for k in record.keywords])
    return rows


def _search_url(**params) -> str:
    query = [(k, v) for k, vs in params.items() if vs for v in ([vs] if isinstance(vs, str) else vs)]
    return reverse("search") + ("?" + urlencode(query) if query else "")


def _histogram(years: list, links: SearchLinks) -> list[dict]:
    """The year facet as bars, every year from the first to the last (empty years included),
    each a link narrowing the date filter to that year."""
    counts = {int(v.value): v.count for v in years if v.value.lstrip("-").isdigit()}
    if len(counts) < 2:
        return []
    peak = max(counts.values()) or 1
    first, last = min(counts), max(counts)
    if last - first > 300:
        return []
    return [
        {
            "year": y,
            "count": counts.get(y, 0),
            "height": round(100 * counts.get(y, 0) / peak),
            "url": links.with_(**{"from": str(y), "to": str(y), "page": None}),
        }
        for y in range(first, last + 1)
    ]


