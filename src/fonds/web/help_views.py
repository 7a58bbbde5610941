"""The search help page, rendered from the query language's Markdown source (one copy, shipped
with the package and tested against the parser)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import markdown
from django.http import HttpRequest, HttpResponse
from django.utils.safestring import mark_safe

from fonds.web.twins import respond

SOURCE = Path(__file__).parent / "help" / "query-language.md"


@cache
def _html() -> str:
    # The source is ours, not user input: rendering it as HTML is safe.
    return markdown.markdown(SOURCE.read_text(encoding="utf-8"), extensions=["tables", "fenced_code", "toc"])


def search_help(request: HttpRequest) -> HttpResponse:
    return respond(
        request,
        "fonds/help.html",
        {"title": "How to search", "markdown": SOURCE.read_text(encoding="utf-8")},
        {"body": mark_safe(_html())},
    )
