"""Documents related to a document: first those sharing its people, places and collections, then
those whose text is like its text (Tantivy's more-like-this).

Both are answered by the index alone, so a document page costs the same at a thousand documents
as at a million: shared names are term queries on the ``person`` and ``place`` fields, scored
as words are (a rare name shared says more than a common one), and more-like-this leaves out
words found in more than one document in fifty, which say nothing about a text and would make
the query read most of the index.
"""

from __future__ import annotations

import tantivy

from fonds.core.record import RecordData
from fonds.search.store import OpenIndex

SHARED_REASONS = 4  # names given as the reason, at most
COMMON_WORD_SHARE = 50  # more-like-this ignores words in more than 1/50 of the documents


def related(opened: OpenIndex, record: RecordData, limit: int = 8) -> list[dict]:
    """Up to ``limit`` documents: sharing the most (and the rarest) names first, then with the
    most similar text.

    Each is ``{id, slug, title, date_display, reason}``; the reason names what is shared
    ("shares Zhou Enlai, Pyongyang") or says "similar text".
    """
    schema, searcher = opened.schema, opened.index.searcher()
    out = _sharing(schema, searcher, record, limit)
    seen = {r["id"] for r in out} | {record.id}
    if len(out) < limit:
        own = tantivy.Query.term_query(schema, "id", record.id)
        for r in _similar(schema, searcher, own, limit):
            if r["id"] not in seen and len(out) < limit:
                seen.add(r["id"])
                out.append(r)
    return out


def _sharing(schema, searcher, record: RecordData, limit: int) -> list[dict]:
    """Documents naming the record's people and places, scored like words (BM25): each shared
    name counts, a rare one (a person in 40 documents) more than a common one (a head of state in
    40,000), a document naming a few people more than one naming a hundred. A pure disjunction
    of terms, so Tantivy can skip most of a popular name's documents (block-max WAND)."""
    names = {("person", ref.id): ref.name for ref in record.people}
    names.update({("place", ref.id): ref.name for ref in record.places})
    if not names:
        return []
    query = tantivy.Query.boolean_query(
        [(tantivy.Occur.Should, tantivy.Query.term_query(schema, field, key)) for field, key in names]
    )
    out = []
    for _, address in searcher.search(query, limit + 1).hits:  # + 1: the record itself
        doc = searcher.doc(address)
        if doc.get_first("id") == record.id:
            continue
        theirs = {(field, key) for field in ("person", "place") for key in doc.get_all(field)}
        shared = list(dict.fromkeys(name for link, name in names.items() if link in theirs))  # this record's order
        out.append({**_summary(doc), "reason": "shares " + ", ".join(shared[:SHARED_REASONS])})
    return out[:limit]


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
