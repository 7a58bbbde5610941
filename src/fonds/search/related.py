"""Documents whose text is like a document's: Tantivy's more-like-this over the indexed text."""

from __future__ import annotations

import tantivy

from fonds.search.store import OpenIndex


def similar(opened: OpenIndex, record_id: str, limit: int = 6) -> list[dict]:
    """Up to ``limit`` documents most like ``record_id`` by their distinctive words."""
    schema, searcher = opened.schema, opened.index.searcher()
    own = tantivy.Query.term_query(schema, "id", record_id)
    found = searcher.search(own, 1).hits
    if not found:
        return []
    like = tantivy.Query.more_like_this_query(
        found[0][1], min_doc_frequency=2, min_term_frequency=2, max_query_terms=30, min_word_length=4, max_word_length=30
    )
    query = tantivy.Query.boolean_query(
        [
            (tantivy.Occur.Must, like),
            (tantivy.Occur.Must, tantivy.Query.term_query(schema, "kind", "record")),
            (tantivy.Occur.MustNot, own),
        ]
    )
    out = []
    for score, address in searcher.search(query, limit).hits:
        doc = searcher.doc(address)
        out.append(
            {
                "id": doc.get_first("id"),
                "slug": doc.get_first("slug") or "document",
                "title": doc.get_first("title") or "",
                "date_display": doc.get_first("date_display") or doc.get_first("date"),
                "score": round(float(score), 3),
            }
        )
    return out
