"""Highlighted snippets as safe HTML: every character of the document is escaped, only <mark> is ours."""

from __future__ import annotations

from html import escape

import tantivy

MAX_CHARS = 280


def snippet_html(generator: tantivy.SnippetGenerator | None, doc: tantivy.Document, fallback: str) -> str:
    """The best fragment of ``doc`` with the matched words in <mark>, or the start of ``fallback``."""
    if generator is not None:
        snippet = generator.snippet_from_doc(doc)
        ranges = [(h.start, h.end) for h in snippet.highlighted()]
        if ranges:
            # Tantivy's ranges are byte offsets into the UTF-8 fragment.
            raw = snippet.fragment().encode("utf-8")
            out, cursor = [], 0
            for start, end in sorted(ranges):
                if start < cursor:
                    continue
                out.append(escape(raw[cursor:start].decode("utf-8", "replace")))
                out.append("<mark>" + escape(raw[start:end].decode("utf-8", "replace")) + "</mark>")
                cursor = end
            out.append(escape(raw[cursor:].decode("utf-8", "replace")))
            fragment = "".join(out).strip()
            # A fragment is an excerpt: say so where it does not reach the text's ends.
            text = doc.get_first("text") or ""
            plain = snippet.fragment().strip()
            prefix = "" if text.lstrip().startswith(plain[:40]) else "… "
            suffix = "" if text.rstrip().endswith(plain[-40:]) else " …"
            return prefix + fragment + suffix
    text = " ".join(fallback.split())
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS].rsplit(" ", 1)[0] + " …"
    return escape(text)
