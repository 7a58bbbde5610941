"""Query parameters shared by the API's operations, declared once so the OpenAPI document shows them.

The facet parameters come from the search package's facet table (:data:`fonds.search.FACETS`), so
``/api/v1/documents``, ``/api/v1/search`` and ``/api/v1/facets`` take exactly the reading room's
facet keys, each repeatable (values of one facet combine with OR, facets with AND).
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field, create_model

from fonds import search
from fonds.api.errors import BadParameter

Year = Annotated[int, Field(ge=1, le=9999)]


def _facet_field(facet: search.Facet):
    if facet.numeric:
        return (list[Year], Field(default_factory=list, description=f"{facet.label} (repeatable; 1-9999)"))
    return (list[str], Field(default_factory=list, description=f"{facet.label} (repeatable)"))


# One repeatable field per facet of the search package (type, lang, year, ..., person, place).
FacetParams = create_model(
    "FacetParams", __base__=Schema, **{facet.key: _facet_field(facet) for facet in search.FACETS}
)

DATE_HELP = "a year (1957), a month (1957-12) or a day (1957-12-20)"


class SearchParams(FacetParams):  # type: ignore[misc, valid-type]
    """What the reading room's ``/search`` takes, but the page."""

    q: str = Field("", description="Words to find (the reading room's query language)")
    date_from: str | None = Field(None, alias="from", description=f"Dated on or after: {DATE_HELP}")
    date_to: str | None = Field(None, alias="to", description=f"Dated on or before: {DATE_HELP}")
    sort: Literal[search.SORTS] = Field("relevance", description="Order of the hits")  # type: ignore[valid-type]

    def filters(self) -> dict[str, list[str]]:
        """The facet selections as the search request takes them (text values)."""
        out = {}
        for facet in search.FACETS:
            values = getattr(self, facet.key)
            if values:
                out[facet.key] = [str(v) for v in values]
        return out

    def request(self, page: int = 1, per_page: int = 20) -> search.SearchRequest:
        """The search request; a NUL character anywhere is a 400 (no text holds one, and
        PostgreSQL, which names are looked up in, cannot compare one)."""
        check_text("q", self.q)
        for key, values in self.filters().items():
            check_text(key, values)
        return search.SearchRequest(
            q=self.q,
            filters=self.filters(),
            date_from=self.date_from or None,
            date_to=self.date_to or None,
            sort=self.sort,
            page=page,
            per_page=per_page,
        )


def date_bound(text: str, *, upper: bool, name: str) -> datetime.date:
    """The search engine's reading of ``from``/``to``, for lists read from the database."""
    try:
        return search.date_bound(text, upper=upper, name=name)
    except search.BadRequest as exc:
        raise BadParameter(str(exc)) from None


def check_text(name: str, values: str | list[str] | None) -> None:
    """A text parameter the database can compare: PostgreSQL cannot hold NUL characters."""
    for value in [values] if isinstance(values, str) else values or []:
        if "\x00" in value:
            raise BadParameter(f"{name} contains a NUL character (U+0000)")
