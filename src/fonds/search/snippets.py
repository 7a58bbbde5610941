"""Highlighted snippets as safe HTML: every character of the document is escaped, only <mark> is ours.

A snippet comes from the English text when the words matched there, else from the first
original-language text (transcript) they matched in: a researcher who searched "переговорах" or
"中华人民" sees the passage of the original that holds it.
"""

from __future__ import annotations

from html import escape

import tantivy

from fonds.search.analysis import ORIGINAL_FIELDS

MAX_CHARS = 280

# Stored fields a snippet may come from, in order of preference.
SNIPPET_FIELDS = ("text", *ORIGINAL_FIELDS)


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Highlight ranges with overlapping or touching ones joined: CJK bigrams overlap by a
    character (中华 华人 人民), and "中华人民" should read as one mark."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def highlighted(generator: tantivy.SnippetGenerator, doc: tantivy.Document, field: str = "text") -> str | None:
    """The best fragment of ``doc``'s ``field`` with the matched words in <mark>, or None when
    nothing in that field matched."""
    snippet = generator.snippet_from_doc(doc)
    ranges = [(h.start, h.end) for h in snippet.highlighted()]
    if not ranges:
        return None
    # Tantivy's ranges are byte offsets into the UTF-8 fragment.
    raw = snippet.fragment().encode("utf-8")
    out, cursor = [], 0
    for start, end in _merged(ranges):
        out.append(escape(raw[cursor:start].decode("utf-8", "replace")))
        out.append("<mark>" + escape(raw[start:end].decode("utf-8", "replace")) + "</mark>")
        cursor = end
    out.append(escape(raw[cursor:].decode("utf-8", "replace")))
    fragment = "".join(out).strip()
    # A fragment is an excerpt: say so where it does not reach the text's ends.
    text = " ".join(v for v in doc.get_all(field) if isinstance(v, str))
    plain = snippet.fragment().strip()
    prefix = "" if text.lstrip().startswith(plain[:40]) else "… "
    suffix = "" if text.rstrip().endswith(plain[-40:]) else " …"
    return prefix + fragment + suffix


def plain_start(text: str) -> str:
    """The start of ``text``, escaped, cut at a word near :data:`MAX_CHARS`."""
    text = " ".join(text.split())
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS].rsplit(" ", 1)[0] + " …"
    return escape(text)


def snippet_html(
    generator: tantivy.SnippetGenerator | None, doc: tantivy.Document, fallback: str, field: str = "text"
) -> str:
    """The best fragment of ``doc``'s ``field`` with the matched words in <mark>, or the start of
    ``fallback``."""
    found = highlighted(generator, doc, field) if generator is not None else None
    return found if found is not None else plain_start(fallback)


def generators(
    searcher: tantivy.Searcher, query: tantivy.Query, schema: tantivy.Schema
) -> list[tuple[str, tantivy.SnippetGenerator]]:
    """A snippet generator for each field of :data:`SNIPPET_FIELDS`, in that order."""
    found = []
    for field in SNIPPET_FIELDS:
        generator = tantivy.SnippetGenerator.create(searcher, query, schema, field)
        generator.set_max_num_chars(MAX_CHARS)
        found.append((field, generator))
    return found


def best_snippet(
    generators: list[tuple[str, tantivy.SnippetGenerator]], doc: tantivy.Document, fallback: str
) -> str:
    """The first field's fragment with matched words in <mark> (English text first, then the
    original-language texts); else the start of ``fallback``, or of the original text when the
    record has no English text or summary."""
    for field, generator in generators:
        if field != "text" and doc.get_first(field) is None:
            continue
        found = highlighted(generator, doc, field)
        if found is not None:
            return found
    if not fallback.strip():
        fallback = next((v for f in SNIPPET_FIELDS if isinstance(v := doc.get_first(f), str) and v.strip()), "")
    return plain_start(fallback)
