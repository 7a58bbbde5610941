"""CORS and methods for every API URL: a read-only API open to any web page.

The API is public and read-only and takes no credentials (no cookies, no auth header), so any origin
may read it: ``Access-Control-Allow-Origin: *`` on every answer, errors included, and a preflight
(``OPTIONS``) answered 204 without reaching the view. ``HEAD`` is answered as ``GET`` without a body.
Any other method gets 405 in the shared envelope. Applied by :mod:`fonds.api.urls` to each view, so
nothing has to be added to ``settings.MIDDLEWARE``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from fonds.api.errors import envelope

METHODS = "GET, HEAD, OPTIONS"
MAX_AGE = "86400"  # how long a browser may cache a preflight answer (seconds)
EXPOSED = "Retry-After, Content-Length"


def add_headers(response: HttpResponse) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = EXPOSED
    return response


def preflight(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(status=204)
    del response["Content-Type"]  # no body, no type
    response["Allow"] = METHODS
    if request.META.get("HTTP_ACCESS_CONTROL_REQUEST_METHOD"):
        response["Access-Control-Allow-Methods"] = METHODS
        requested = request.META.get("HTTP_ACCESS_CONTROL_REQUEST_HEADERS")
        if requested:
            # Echoing is safe here: there are no credentials for a header to carry.
            response["Access-Control-Allow-Headers"] = requested
        response["Access-Control-Max-Age"] = MAX_AGE
        response["Vary"] = "Access-Control-Request-Headers"
    return add_headers(response)


def cors(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """``view`` answering GET and HEAD with CORS headers, OPTIONS as a preflight, others 405."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        method = request.method
        if method == "OPTIONS":
            return preflight(request)
        if method not in ("GET", "HEAD"):
            response = envelope(405, f"{method} is not allowed here: the API is read-only ({METHODS})")
            response["Allow"] = METHODS
            return add_headers(response)
        if method == "HEAD":
            request.method = "GET"
        response = view(request, *args, **kwargs)
        if method == "HEAD":
            request.method = "HEAD"
            if response.streaming:
                # Content-Length (a file's size) stays; the file is still closed with the response.
                response.streaming_content = []
            else:
                response["Content-Length"] = str(len(response.content))
                response.content = b""
        return add_headers(response)

    return wrapped
