"""Running a search: hits in the requested order, facet counts, snippets, overview statistics."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import tantivy

from fonds.search.facets import FACETS, Facet
from fonds.search.query import SORTS, BadRequest, SearchRequest, build
from fonds.search.snippets import best_snippet, generators as snippet_generators
from fonds.search.store import OpenIndex

MAX_PER_PAGE = 100
MAX_OFFSET = 100_000  # deep pages cost more than they help; export serves "everything"


@dataclass
class Hit:
    id: str
    title: str
    slug: str
    date: str | None
    date_display: str | None
    type: str | None
    snippet: str  # safe HTML: escaped text with <mark> around matched words
    score: float | None

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "date": self.date,
            "date_display": self.date_display,
            "type": self.type,
            "snippet": self.snippet,
            "score": self.score,
        }


@dataclass
class FacetValue:
    value: str
    count: int
    selected: bool = False


@dataclass
class SearchResult:
    request: SearchRequest
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    errors: list[str] = field(default_factory=list)
    understood: str = ""

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.request.per_page))


def _facet_values(facet: Facet, buckets: list[dict], selected: list[str]) -> list[FacetValue]:
    values = [FacetValue(str(b["key"]), int(b["doc_count"]), str(b["key"]) in selected) for b in buckets]
    # A selected value stays visible (with its count) even when it fell outside the top buckets.
    shown = {v.value for v in values}
    values += [FacetValue(v, 0, True) for v in selected if v not in shown]
    if facet.sort_by_value:
        values.sort(key=lambda v: v.value)
    return values


def facet_counts(searcher: tantivy.Searcher, schema: tantivy.Schema, built, filters: dict[str, list[str]]) -> dict:
    """Counts for every facet, the multi-select way: a facet with a selection is counted without
    its own filter (so its alternatives stay visible), in a pass of its own; every other facet is
    counted in one shared pass over the full query (one aggregation with a terms bucket each)."""
    out: dict[str, list[FacetValue]] = {}
    shared = [f for f in FACETS if not filters.get(f.key)]
    if shared:
        aggs = {f.key: {"terms": {"field": f.field, "size": f.size}} for f in shared}
        result = searcher.aggregate(built.combined(schema), aggs)
        for f in shared:
            out[f.key] = _facet_values(f, result[f.key]["buckets"], [])
    for f in FACETS:
        if filters.get(f.key):
            agg = {f.key: {"terms": {"field": f.field, "size": f.size}}}
            buckets = searcher.aggregate(built.combined(schema, without=f.key), agg)[f.key]["buckets"]
            out[f.key] = _facet_values(f, buckets, filters[f.key])
    return {f.key: out[f.key] for f in FACETS}

# How each sort is asked of Tantivy: a fast field and a direction (relevance: none, by score).
ORDERINGS = {
    "date": {"order_by_field": "start_day", "order": tantivy.Order.Asc},
    "-date": {"order_by_field": "start_day", "order": tantivy.Order.Desc},
    "title": {"order_by_field": "title_sort", "order": tantivy.Order.Asc},
}


def _ordering(request: SearchRequest) -> tuple[str, dict]:
    """The effective sort and its search arguments. With no words every score is equal, so
    "relevance" reads better as date order."""
    sort = "date" if request.sort == "relevance" and not request.q.strip() else request.sort
    return sort, ORDERINGS.get(sort, {})


def run(opened: OpenIndex, request: SearchRequest) -> SearchResult:
    """Search the index. Raises :class:`BadRequest` for unusable parameters."""
    if request.sort not in SORTS:
        raise BadRequest(f"sort={request.sort!r} is not one of {', '.join(SORTS)}")
    request.per_page = max(1, min(request.per_page, MAX_PER_PAGE))
    request.page = max(1, request.page)
    offset = (request.page - 1) * request.per_page
    if offset > MAX_OFFSET:
        raise BadRequest(f"page={request.page} is too deep; narrow the search or export the results")
    schema, searcher = opened.schema, opened.index.searcher()
    built = build(opened.index, schema, request)
    query = built.combined(schema)

    sort, kwargs = _ordering(request)
    result = searcher.search(query, request.per_page, count=True, offset=offset, **kwargs)

    # Snippets from the English text, else from the original-language text the words matched in.
    generators = snippet_generators(searcher, built.text, schema) if request.q.strip() else []
    hits = []
    for key, address in result.hits:
        doc = searcher.doc(address)
        fallback = doc.get_first("summary") or doc.get_first("text") or ""
        hits.append(
            Hit(
                id=doc.get_first("id"),
                title=doc.get_first("title") or "",
                slug=doc.get_first("slug") or "document",
                date=doc.get_first("date"),
                date_display=doc.get_first("date_display"),
                type=doc.get_first("type"),
                snippet=best_snippet(generators, doc, fallback),
                score=round(float(key), 4) if sort == "relevance" and key is not None else None,
            )
        )
    facets = facet_counts(searcher, schema, built, request.filters)
    return SearchResult(request, int(result.count or 0), hits, facets, built.errors, built.understood)


def all_ids(opened: OpenIndex, request: SearchRequest, chunk: int = 1000) -> Iterator[list[str]]:
    """Every hit of ``request`` (not one page), in its order, as lists of record ids.

    One search collects every address (a few bytes a hit); ids are read from the index a chunk at
    a time, so an export of any size streams.
    """
    if request.sort not in SORTS:
        raise BadRequest(f"sort={request.sort!r} is not one of {', '.join(SORTS)}")
    schema, searcher = opened.schema, opened.index.searcher()
    built = build(opened.index, schema, request)
    query = built.combined(schema)
    total = searcher.search(query, 1, count=True).count or 0
    if not total:
        return
    _, kwargs = _ordering(request)
    addresses = [address for _, address in searcher.search(query, total, count=False, **kwargs).hits]
    for start in range(0, len(addresses), chunk):
        yield [searcher.doc(a).get_first("id") for a in addresses[start : start + chunk]]


def overview(opened: OpenIndex) -> dict:
    """Counts for the home page: records, by type and by decade."""
    schema, searcher = opened.schema, opened.index.searcher()
    records = tantivy.Query.term_query(schema, "kind", "record")
    aggs = searcher.aggregate(
        records,
        {
            "type": {"terms": {"field": "type", "size": 50}},
            "decade": {"histogram": {"field": "year", "interval": 10}},
            "year": {"histogram": {"field": "year", "interval": 1}},
        },
    )
    total = searcher.search(records, 1, count=True).count
    return {
        "total": int(total or 0),
        "types": [{"value": b["key"], "count": b["doc_count"]} for b in aggs["type"]["buckets"]],
        "decades": [
            {"value": int(b["key"]), "count": b["doc_count"]} for b in aggs["decade"]["buckets"] if b["doc_count"]
        ],
        "years": [{"value": int(b["key"]), "count": b["doc_count"]} for b in aggs["year"]["buckets"] if b["doc_count"]],
    }
