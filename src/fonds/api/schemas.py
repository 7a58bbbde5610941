"""The shapes the API answers with, as schemas (they are also the OpenAPI document's components).

:class:`Record` is the documented record shape (docs/record-format.md, produced by
``RecordData.to_json``) field for field; tests/api checks that the two never drift apart.
"""

from __future__ import annotations

import datetime
from typing import Literal

from ninja import Schema
from pydantic import Field


class Error(Schema):
    """The shared error envelope."""

    ok: Literal[False] = False
    error: str = Field(description="What went wrong, in words a person can act on")
    status: int = Field(description="The HTTP status, repeated")


# -- the record ---------------------------------------------------------------------------------


class RepositoryOut(Schema):
    code: str | None
    name: str | None


class RefOut(Schema):
    id: str
    name: str
    description: str | None


class CollectionRefOut(Schema):
    id: str
    name: str
    parent: str | None


class NoteOut(Schema):
    n: str
    text: str
    paragraph: int | None
    offset: int | None


class PageBreakOut(Schema):
    n: str
    paragraph: int
    offset: int


class TranscriptOut(Schema):
    language: str | None
    kind: str
    html: str


class Record(Schema):
    """One record, exactly as ``fonds show --format json`` prints it (docs/record-format.md)."""

    id: str
    title: str
    date: str | None = Field(description="EDTF")
    date_start: str | None = Field(description="ISO date: the first day `date` covers")
    date_end: str | None = Field(description="ISO date: the last day `date` covers")
    date_display: str | None
    type: str | None
    summary: str | None
    credit: str | None
    text: str
    paragraphs: list[str]
    original_language: list[str]
    translation_language: str | None
    source: str | None
    repository: RepositoryOut
    reference: dict[str, str]
    translator: str | None
    translated_for: str | None
    rights: str | None
    uploaded: str | None
    classification: str | None
    original_archive: str | None
    place: str | None
    sender: str | None
    recipient: str | None
    signer: str | None
    donors: list[str]
    collections: list[CollectionRefOut]
    authors: list[RefOut]
    people: list[RefOut]
    places: list[RefOut]
    subjects: list[RefOut]
    keywords: list[str]
    notes: list[NoteOut]
    page_breaks: list[PageBreakOut]
    transcripts: list[TranscriptOut]


class DocumentItem(Schema):
    """A record in a list: enough to show and sort it; ``href`` fetches the whole record."""

    id: str
    title: str
    date: str | None
    date_start: datetime.date | None
    date_end: datetime.date | None
    date_display: str | None
    type: str | None
    summary: str | None
    original_language: list[str]
    updated_at: datetime.datetime
    href: str = Field(description="This record in the API")
    url: str = Field(description="This record's page in the reading room")


class DocumentPage(Schema):
    items: list[DocumentItem]
    next: str | None = Field(description="Pass as `cursor` for the next page; null on the last page")


# -- search -------------------------------------------------------------------------------------


class Hit(Schema):
    id: str
    title: str
    date: str | None
    date_display: str | None
    type: str | None
    snippet: str = Field(description="Safe HTML: escaped text with <mark> around the matched words")
    score: float | None = Field(description="Relevance, when sorted by relevance")
    url: str = Field(description="The record's page in the reading room")


class FacetValue(Schema):
    value: str
    label: str
    count: int
    selected: bool


class SearchOut(Schema):
    total: int
    page: int
    pages: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]] = Field(description="Every facet by key (type, lang, year, ...)")
    errors: list[str] = Field(description="Parts of `q` that could not be read and were ignored")


class FacetsOut(Schema):
    total: int
    facets: dict[str, list[FacetValue]]
    errors: list[str]


# -- authorities and collections ----------------------------------------------------------------


class Linked(Schema):
    """The documents that link to an authority or belong to a collection."""

    count: int
    ids: list[str] = Field(description="The first ids, in the order records were added (see `href` for all)")
    href: str = Field(description="The documents list filtered to these documents (cursor-paginated)")


class PersonItem(Schema):
    id: str
    name: str
    kind: str = Field(description="`person` or `organisation`")
    description: str | None
    href: str


class PersonPage(Schema):
    items: list[PersonItem]
    next: str | None


class VariantOut(Schema):
    name: str
    source: str | None = Field(description="Where this spelling was found, or the rule that derived it")


class Authority(Schema):
    """An authority record in its documented shape (``fonds.core.authority.AuthorityData``)."""

    id: str
    kind: str = Field(description="`person`, `organisation` or `place`")
    name: str
    variants: list[VariantOut]
    description: str | None
    start: str | None = Field(description="EDTF: birth or founding")
    end: str | None = Field(description="EDTF: death or dissolution")
    external_ids: dict[str, str] = Field(description='{"viaf": "...", "wikidata": "Q..."}')
    parent: str | None = Field(description="The id of the enclosing place")
    coordinates: list[float] | None = Field(description="[latitude, longitude]")
    titles: list[str]


class Person(Authority):
    documents: Linked = Field(description="Documents that name this person or organisation, or that they wrote")


class NamedRef(Schema):
    id: str
    name: str


class PlaceItem(Schema):
    id: str
    name: str
    kind: Literal["place"] = "place"
    description: str | None
    parent: str | None
    href: str


class PlacePage(Schema):
    items: list[PlaceItem]
    next: str | None


class Place(Authority):
    parent_name: str | None
    children: list[NamedRef]
    documents: Linked = Field(description="Documents that name this place")


class CollectionItem(Schema):
    id: str
    name: str
    description: str | None
    parent: str | None
    count: int = Field(description="Records directly in this collection")
    href: str


class CollectionPage(Schema):
    items: list[CollectionItem]
    next: str | None


class CollectionChild(Schema):
    id: str
    name: str
    count: int
    href: str


class Collection(Schema):
    id: str
    name: str
    description: str | None
    parent: NamedRef | None
    children: list[CollectionChild]
    count: int = Field(description="Records directly in this collection")
    total: int = Field(description="Records in this collection or any collection inside it")
    documents: Linked = Field(description="Records directly in this collection")
