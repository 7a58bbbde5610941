"""From a search request (words, facet selections, a date range) to a Tantivy query.

Words are read by the query language (:mod:`fonds.search.qlang`, docs/query-language.md) with
every word required (a researcher's "puzanov qiao" means both); anything it could not read as
written is reported back as a hint, never as an error. Facet selections combine with OR inside a facet and AND across
facets; the date range keeps records whose date span overlaps it.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field

import tantivy

from fonds.search import names, translate
from fonds.search.facets import BY_KEY, coerce
from fonds.search.schema import overlapping

SORTS = ("relevance", "date", "-date", "title")


class BadRequest(ValueError):
    """A search parameter that cannot be used (e.g. an unreadable date); the message says which."""


@dataclass
class SearchRequest:
    q: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    date_from: str | None = None  # "1957", "1957-12" or "1957-12-20"
    date_to: str | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20


def date_bound(text: str, *, upper: bool, name: str) -> datetime.date:
    """The first (or, for ``upper``, the last) day of a year, month or day given as text.

    Raises :class:`BadRequest` naming the parameter. Shared by every edge that reads from/to.
    """
    parts = text.strip().split("-")
    try:
        nums = [int(p) for p in parts]
        if not 1 <= len(nums) <= 3 or len(parts[0]) != 4:
            raise ValueError
        year, month, day = nums[0], (nums[1] if len(nums) > 1 else None), (nums[2] if len(nums) > 2 else None)
        datetime.date(year, month or 1, day or 1)  # rejects month 13 and day 32 on either bound
        if upper:
            if month is None:
                d = datetime.date(year, 12, 31)
            elif day is None:
                d = datetime.date(year, month, calendar.monthrange(year, month)[1])
            else:
                d = datetime.date(year, month, day)
        else:
            d = datetime.date(year, month or 1, day or 1)
    except (ValueError, OverflowError):
        raise BadRequest(
            f"{name}={text!r} is not a date: use a year (1957), a month (1957-12) or a day (1957-12-20)"
        ) from None
    return d


@dataclass
class BuiltQuery:
    text: tantivy.Query  # the words alone (for snippets and more-like-this)
    filters: dict[str, tantivy.Query]  # one clause per facet/date filter, keyed by facet key or "date"
    errors: list[str]  # hints about parts of the query that could not be read as written
    understood: str = ""  # the query in plain words

    def combined(self, schema: tantivy.Schema, without: str | None = None) -> tantivy.Query:
        """Words AND every filter (but ``without``, for multi-select facet counts) AND records only."""
        clauses = [(tantivy.Occur.Must, self.text), (tantivy.Occur.Must, tantivy.Query.term_query(schema, "kind", "record"))]
        clauses += [(tantivy.Occur.Must, q) for key, q in self.filters.items() if key != without]
        return tantivy.Query.boolean_query(clauses)


def build(index: tantivy.Index, schema: tantivy.Schema, request: SearchRequest) -> BuiltQuery:
    """The request as Tantivy queries: the words through the query language (with every spelling
    of a named person or place, see :mod:`fonds.search.names`), then the filters."""
    understood = ""
    errors: list[str] = []
    if request.q.strip():
        lookup = names.lookup()
        compiled = translate.compile_query(
            request.q,
            schema,
            expand_name=lambda scope, text: lookup.expand(text, keys) if (keys := lookup.authorities(text)) else None,
            name_spans=lookup.spans,
        )
        text, errors, understood = compiled.query, list(compiled.problems), compiled.understood
    else:
        text = tantivy.Query.all_query()
    filters: dict[str, tantivy.Query] = {}
    for key, values in request.filters.items():
        facet = BY_KEY.get(key)
        if facet is None or not values:
            continue
        terms = []
        for value in values:
            typed = coerce(facet, value)
            if typed is None:
                raise BadRequest(f"{key}={value!r} is not a valid {facet.label.lower()}")
            terms.append((tantivy.Occur.Should, tantivy.Query.term_query(schema, facet.field, typed)))
        filters[key] = tantivy.Query.boolean_query(terms)
    if request.date_from or request.date_to:
        lower = date_bound(request.date_from, upper=False, name="from") if request.date_from else None
        upper = date_bound(request.date_to, upper=True, name="to") if request.date_to else None
        filters["date"] = overlapping(schema, lower, upper)
    return BuiltQuery(text, filters, errors, understood)
