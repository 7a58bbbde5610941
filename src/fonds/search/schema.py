"""The index schema: which fields exist, how text is analysed, and how a record becomes a document.

Bump :data:`SCHEMA_VERSION` whenever a field or an analyser changes; an index built with another
version is rebuilt by ``fonds reindex`` (and refused for search until then).
"""

from __future__ import annotations

import datetime

import tantivy

from fonds.core.record import RecordData
from fonds.core.text import slugify
from fonds.search.analysis import ORIGINAL_FIELDS, fields_for

SCHEMA_VERSION = 4  # 4: original-language fields orig_ru, orig_cjk, orig_other

# Text analysis for English prose: split on non-alphanumerics, lower-case, fold accents and breves
# to ASCII ("Hamgyŏng" -> "hamgyong"), then Porter-stem ("meetings" -> "meet").
TEXT_ANALYZER = "fonds_en"

# Fields searched when a query names no field, with their boosts.
DEFAULT_FIELDS = ("title", "summary", "text", "names", "source")
FIELD_BOOSTS = {"title": 3.0, "summary": 2.0, "names": 1.5, "text": 1.0, "source": 0.5}

# Facet fields: raw (untokenised) strings stored as fast columns for terms aggregations.
FACET_TEXT_FIELDS = ("type", "lang", "repository", "donor", "collection", "person", "place")

META_ID = "__meta__"


def text_analyzer() -> tantivy.TextAnalyzer:
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(64))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .filter(tantivy.Filter.stemmer("english"))
        .build()
    )


def build_schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("id", stored=True, tokenizer_name="raw", fast=True)
    sb.add_text_field("kind", stored=False, tokenizer_name="raw")  # "record" or "meta"
    for name in DEFAULT_FIELDS:
        sb.add_text_field(name, stored=name in ("title", "summary", "text"), tokenizer_name=TEXT_ANALYZER)
    # Transcripts and non-English translations, one field per analysis (see fonds.search.analysis);
    # stored for snippets drawn from the original.
    for name, analyzer in ORIGINAL_FIELDS.items():
        sb.add_text_field(name, stored=True, tokenizer_name=analyzer)
    for name in FACET_TEXT_FIELDS:
        sb.add_text_field(name, stored=True, tokenizer_name="raw", fast=True)
    sb.add_text_field("title_sort", stored=False, tokenizer_name="raw", fast=True)
    sb.add_text_field("slug", stored=True, tokenizer_name="raw")  # for result links without a database query
    sb.add_text_field("date", stored=True, tokenizer_name="raw")  # EDTF, for display
    sb.add_text_field("date_display", stored=True, tokenizer_name="raw")
    sb.add_integer_field("year", stored=True, indexed=True, fast=True)
    # Days as proleptic Gregorian ordinals (date.toordinal()): Tantivy's own date type stops at
    # 1677, and archives hold older documents.
    sb.add_integer_field("start_day", stored=False, indexed=True, fast=True)
    sb.add_integer_field("end_day", stored=False, indexed=True, fast=True)
    # Meta document only: the last applied outbox position and the schema version.
    sb.add_integer_field("position", stored=True, indexed=False, fast=False)
    sb.add_integer_field("schema_version", stored=True, indexed=False, fast=False)
    return sb.build()


def overlapping(schema: tantivy.Schema, lo: datetime.date | None, hi: datetime.date | None) -> tantivy.Query | None:
    """Records whose date span overlaps ``[lo, hi]`` (either end may be open): they start by
    ``hi`` and end from ``lo``. ``None`` when both ends are open."""
    clauses = []
    if hi is not None:
        clauses.append(tantivy.Query.range_query(schema, "start_day", tantivy.FieldType.Integer, None, hi.toordinal()))
    if lo is not None:
        clauses.append(tantivy.Query.range_query(schema, "end_day", tantivy.FieldType.Integer, lo.toordinal(), None))
    if len(clauses) < 2:
        return clauses[0] if clauses else None
    return tantivy.Query.boolean_query([(tantivy.Occur.Must, q) for q in clauses])


def _day(iso: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(iso) if iso else None


def to_document(record: RecordData) -> tantivy.Document:
    """The index document for a record: searchable text, facet values, sort keys."""
    doc = tantivy.Document()
    doc.add_text("id", record.id)
    doc.add_text("kind", "record")
    doc.add_text("title", record.title)
    doc.add_text("title_sort", record.title.casefold()[:200])
    doc.add_text("slug", slugify(record.title))
    if record.summary:
        doc.add_text("summary", record.summary)
    doc.add_text("text", record.text)
    for ref in (*record.people, *record.places, *record.subjects):
        doc.add_text("names", ref.name)
    if record.source:
        doc.add_text("source", record.source)
    for name, value in fields_for(record):
        if isinstance(value, str):
            doc.add_text(name, value)
        else:  # CJK: bigrams made by fonds.search.analysis, positions and all
            doc.add_pre_tokenized_text(name, value)
    if record.type:
        doc.add_text("type", record.type)
    for code in record.original_language:
        doc.add_text("lang", code)
    if record.repository and (record.repository.code or record.repository.name):
        doc.add_text("repository", record.repository.code or record.repository.name)
    for donor in record.donors:
        doc.add_text("donor", donor)
    for coll in record.collections:
        doc.add_text("collection", coll.id)
    for ref in (*record.authors, *record.people):
        doc.add_text("person", ref.id)
    for ref in record.places:
        doc.add_text("place", ref.id)
    if record.date:
        doc.add_text("date", record.date)
    if record.date_display:
        doc.add_text("date_display", record.date_display)
    start, end = _day(record.date_start), _day(record.date_end)
    if start:
        doc.add_integer("year", start.year)
        doc.add_integer("start_day", start.toordinal())
    if end:
        doc.add_integer("end_day", end.toordinal())
    return doc


def meta_document(position: int) -> tantivy.Document:
    doc = tantivy.Document()
    doc.add_text("id", META_ID)
    doc.add_text("kind", "meta")
    doc.add_integer("position", position)
    doc.add_integer("schema_version", SCHEMA_VERSION)
    return doc
