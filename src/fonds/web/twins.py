"""One view, two renderings: HTML for people, JSON (``?format=json``) for programs.

Both are built from the same ``data`` dict, so the JSON twin never drifts from the page. Errors
share one JSON envelope, ``{"ok": false, "error": "...", "status": N}``, and one friendly page.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render


def wants_json(request: HttpRequest) -> bool:
    return request.GET.get("format") == "json"


def respond(request: HttpRequest, template: str, data: dict[str, Any], extra: dict[str, Any] | None = None) -> HttpResponse:
    """``data`` as JSON for ``?format=json``; otherwise the template with ``data`` (+ ``extra``)."""
    if wants_json(request):
        return JsonResponse({"ok": True, **data}, json_dumps_params={"ensure_ascii": False})
    return render(request, template, {**data, **(extra or {})})


ERROR_TITLES = {
    400: "That request could not be read",
    404: "Not found",
    405: "Method not allowed",
    429: "Too many requests",
    500: "Something went wrong on our side",
    503: "The search index is not ready",
}


def error(request: HttpRequest, status: int, message: str) -> HttpResponse:
    """The shared error response: the JSON envelope, or the friendly page."""
    if wants_json(request) or request.path.startswith("/api/"):
        return JsonResponse({"ok": False, "error": message, "status": status}, status=status)
    title = ERROR_TITLES.get(status, "Error")
    return render(request, "fonds/error.html", {"status": status, "title": title, "message": message}, status=status)
