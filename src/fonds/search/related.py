"""Documents related to a document: first those sharing its people, places and collections, then
those whose text is like its text (Tantivy's more-like-this).

Both are answered by the index alone, so a document page costs the same at a thousand documents
as at a million: shared names are term queries on the ``person`` and ``place`` columns (each
shared name counts one, a shared collection half, as a tie-breaker), and more-like-this leaves
out words found in more than one document in fifty, which say nothing about a text and would
make the query read most of the index.
"""

from __future__ import annotations

import tantivy

from fonds.core.record import RecordData
from fonds.search.store import OpenIndex

# A collection in common counts for less than a person or place in common: collections are large.
COLLECTION_WEIGHT = 0.5
SHARED_REASONS = 4  # names given as the reason, at most
COMMON_WORD_SHARE = 50  # more-like-this ignores words in more than 1/50 of the documents


def related(opened: OpenIndex, record: RecordData, limit: int = 8) -> list[dict]:
    """Up to ``limit`` documents: sharing the most names first, then with the most similar text.

    Each is ``{id, slug, title, date_display, reason}``; the reason names what is shared
    ("shares Zhou Enlai, Pyongyang") or says "similar text".
    """
    schema, searcher = opened.schema, opened.index.searcher()
    own = tantivy.Query.term_query(schema, "id", record.id)
    out = _sharing(schema, searcher, own, record, limit)
    seen = {r["id"] for r in out} | {record.id}
    if len(out) < limit:
        for r in _similar(schema, searcher, own, limit):
            if r["id"] not in seen and len(out) < limit:
                seen.add(r["id"])
                out.append(r)
    return out


def _sharing(schema, searcher, own: tantivy.Query, record: RecordData, limit: int) -> list[dict]:
    names = {("person", ref.id): ref.name for ref in record.people}
    names.update({("place", ref.id): ref.name for ref in record.places})
    if not names:
        return []
    anyone = tantivy.Query.boolean_query(
        [(tantivy.Occur.Should, _counted(schema, field, key, 1.0)) for field, key in names]
    )
    clauses = [
        (tantivy.Occur.Must, anyone),
        (tantivy.Occur.Must, tantivy.Query.const_score_query(tantivy.Query.term_query(schema, "kind", "record"), 0.0)),
        (tantivy.Occur.MustNot, own),
    ]
    clauses += [(tantivy.Occur.Should, _counted(schema, "collection", c.id, COLLECTION_WEIGHT)) for c in record.collections]
    out = []
    for _, address in searcher.search(tantivy.Query.boolean_query(clauses), limit).hits:
        doc = searcher.doc(address)
        theirs = {(field, key) for field in ("person", "place") for key in doc.get_all(field)}
        shared = list(dict.fromkeys(name for link, name in names.items() if link in theirs))  # this record's order
        out.append({**_summary(doc), "reason": "shares " + ", ".join(shared[:SHARED_REASONS])})
    return out


def _counted(schema, field: str, key: str, weight: float) -> tantivy.Query:
    """A term that adds ``weight`` to a document's score when it is present, whatever its rarity."""
    return tantivy.Query.const_score_query(tantivy.Query.term_query(schema, field, key), weight)


def _similar(schema, searcher, own: tantivy.Query, limit: int) -> list[dict]:
    found = searcher.search(own, 1).hits
    if not found:
        return []
    like = tantivy.Query.more_like_this_query(
        found[0][1],
        min_doc_frequency=2,
        max_doc_frequency=max(100, searcher.num_docs // COMMON_WORD_SHARE),
        min_term_frequency=2,
        max_query_terms=30,
        min_word_length=4,
        max_word_length=30,
    )
    query = tantivy.Query.boolean_query(
        [
            (tantivy.Occur.Must, like),
            (tantivy.Occur.Must, tantivy.Query.term_query(schema, "kind", "record")),
            (tantivy.Occur.MustNot, own),
        ]
    )
    return [{**_summary(searcher.doc(address)), "reason": "similar text"} for _, address in searcher.search(query, limit).hits]


def _summary(doc: tantivy.Document) -> dict:
    return {
        "id": doc.get_first("id"),
        "slug": doc.get_first("slug") or "document",
        "title": doc.get_first("title") or "",
        "date_display": doc.get_first("date_display") or doc.get_first("date"),
    }
