"""From a search request (words, facet selections, a date range) to a Tantivy query.

Words are read by Tantivy's query parser in lenient mode over the default fields, with every word
required (a researcher's "puzanov qiao" means both). Anything the parser could not read is reported
back as a hint instead of failing. Facet selections combine with OR inside a facet and AND across
facets; the date range keeps records whose date span overlaps it.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

import tantivy

from fonds.search import names
from fonds.search.names import NameLookup
from fonds.search.facets import BY_KEY, coerce
from fonds.search.schema import DEFAULT_FIELDS, FIELD_BOOSTS

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


def _bound(text: str, *, upper: bool, name: str) -> int:
    """The first (or last) day of a year, month or day given as text, as a day ordinal."""
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
                nxt = datetime.date(year + (month == 12), month % 12 + 1, 1)
                d = nxt - datetime.timedelta(days=1)
            else:
                d = datetime.date(year, month, day)
        else:
            d = datetime.date(year, month or 1, day or 1)
    except ValueError:
        raise BadRequest(f"{name}={text!r} is not a date: use a year (1957), a month (1957-12) or a day (1957-12-20)")
    return d.toordinal()


@dataclass
class BuiltQuery:
    text: tantivy.Query  # the words alone (for snippets and more-like-this)
    filters: dict[str, tantivy.Query]  # one clause per facet/date filter, keyed by facet key or "date"
    errors: list[str]

    def combined(self, schema: tantivy.Schema, without: str | None = None) -> tantivy.Query:
        """Words AND every filter (but ``without``, for multi-select facet counts) AND records only."""
        clauses = [(tantivy.Occur.Must, self.text), (tantivy.Occur.Must, tantivy.Query.term_query(schema, "kind", "record"))]
        clauses += [(tantivy.Occur.Must, q) for key, q in self.filters.items() if key != without]
        return tantivy.Query.boolean_query(clauses)


_TOKEN = re.compile(r'"[^"]*"|\S+')
_PLAIN = re.compile(r"^[\w'’.\-]+$")
_OPERATORS = {"AND", "OR", "NOT"}


def _group(spellings: tuple[str, ...]) -> str:
    """Tantivy query syntax for "any of these spellings", the one typed ranked first."""
    phrases = [f'"{s.replace(chr(34), " ")}"' for s in spellings]
    return "(" + " OR ".join([phrases[0] + "^2", *phrases[1:]]) + ")"


def expand_names(q: str, lookup: NameLookup) -> str:
    """``q`` with every name of a person or place replaced by all its spellings.

    Runs of plain words and whole quoted phrases are looked up; field scopes, operators and
    other syntax pass through untouched.
    """
    tokens = _TOKEN.findall(q)
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        words = [t for t in run]
        spans = lookup.spans(words)
        i = 0
        for span in spans:
            out.extend(words[i : span.start])
            out.append(_group(span.spellings) if len(span.spellings) > 1 else " ".join(words[span.start : span.end]))
            i = span.end
        out.extend(words[i:])
        run.clear()

    for token in tokens:
        if token.startswith('"') and token.endswith('"') and len(token) > 2:
            flush()
            inner = token[1:-1].strip()
            keys = lookup.authorities(inner)
            spellings = lookup.expand(inner, keys) if keys and len(inner.split()) > 1 else []
            out.append(_group(tuple(spellings)) if len(spellings) > 1 else token)
        elif _PLAIN.match(token) and token not in _OPERATORS:
            run.append(token)
        else:
            flush()
            out.append(token)
    flush()
    return " ".join(out)


def build(index: tantivy.Index, schema: tantivy.Schema, request: SearchRequest) -> BuiltQuery:
    errors: list[str] = []
    q = request.q.strip()
    if q:
        q = expand_names(q, names.lookup())
        text, problems = index.parse_query_lenient(
            q, list(DEFAULT_FIELDS), field_boosts=FIELD_BOOSTS, conjunction_by_default=True
        )
        errors = [str(p) for p in problems]
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
        clauses = []
        if request.date_to:
            upper = _bound(request.date_to, upper=True, name="to")
            clauses.append((tantivy.Occur.Must, tantivy.Query.range_query(schema, "start_day", tantivy.FieldType.Integer, None, upper)))
        if request.date_from:
            lower = _bound(request.date_from, upper=False, name="from")
            clauses.append((tantivy.Occur.Must, tantivy.Query.range_query(schema, "end_day", tantivy.FieldType.Integer, lower, None)))
        filters["date"] = tantivy.Query.boolean_query(clauses)
    return BuiltQuery(text, filters, errors)
