"""Facets declared as data: the URL parameter, the index field, and how values are typed."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Facet:
    key: str  # URL parameter and JSON key
    label: str
    field: str  # index field
    numeric: bool = False
    size: int = 30  # buckets returned
    sort_by_value: bool = False  # years read best in order; the rest by count


FACETS: tuple[Facet, ...] = (
    Facet("type", "Type", "type"),
    Facet("lang", "Original language", "lang"),
    Facet("year", "Year", "year", numeric=True, size=200, sort_by_value=True),
    Facet("repository", "Repository", "repository"),
    Facet("donor", "Donor", "donor"),
    Facet("collection", "Collection", "collection"),
    Facet("person", "Person or organisation", "person"),
    Facet("place", "Place", "place"),
)

BY_KEY = {f.key: f for f in FACETS}


def coerce(facet: Facet, value: str) -> str | int | None:
    """A URL value as the index stores it; None when it cannot be (e.g. year=abc)."""
    if facet.numeric:
        try:
            number = int(value)
        except ValueError:
            return None
        return number if 1 <= number <= 9999 else None  # years; Tantivy refuses huge integers
    return value
