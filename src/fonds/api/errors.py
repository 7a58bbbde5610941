"""One table from exceptions to HTTP statuses, every one answered in the shared error envelope.

The envelope is the reading room's (:mod:`fonds.web.twins`): ``{"ok": false, "error": "...",
"status": N}``. :data:`RESPONSES` documents the same statuses on every operation of the OpenAPI
document, so a client (and schemathesis) knows the shape of every answer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja.errors import HttpError, Throttled, ValidationError

from fonds import search
from fonds.catalog.services import RecordNotFound

logger = logging.getLogger("fonds.api")


class NotFound(LookupError):
    """An id that names nothing (a person, place or collection); the message says which."""


class BadParameter(ValueError):
    """A parameter of the right type that cannot be used (a stale cursor, a date out of range)."""


def _message(exc: Exception) -> str:
    return str(exc.args[0]) if exc.args and isinstance(exc.args[0], str) else str(exc)


def _validation_message(exc: ValidationError) -> str:
    """``limit: Input should be less than or equal to 100``, one clause per problem."""
    parts = []
    for err in exc.errors:
        # django-ninja's locations read ("query", "limit") or ("query", "params", "year", 0).
        loc = [str(p) for p in err.get("loc", ()) if p not in ("query", "path", "params") and not isinstance(p, int)]
        parts.append(f"{'.'.join(loc) or 'request'}: {err.get('msg', 'invalid value')}")
    return "; ".join(parts) or "the request's parameters are not valid"


# (exception class, status, message). Looked up along the exception's class hierarchy (django-ninja
# picks the handler of the nearest class), so a subclass may be listed for its own status.
TABLE: tuple[tuple[type[Exception], int | None, Callable], ...] = (
    (RecordNotFound, 404, lambda exc: f"no document with id {_message(exc)!r}"),
    (NotFound, 404, _message),
    (Http404, 404, lambda exc: _message(exc) or "not found"),
    (search.BadRequest, 400, _message),
    (BadParameter, 400, _message),
    (ValidationError, 422, _validation_message),
    (Throttled, 429, lambda exc: "too many requests: slow down and retry after the time in Retry-After"),
    (HttpError, None, str),  # its own status
    (search.IndexMissing, 503, lambda exc: f"the search index is not ready: {_message(exc)}"),
    (search.SchemaMismatch, 503, lambda exc: f"the search index needs a rebuild: {_message(exc)}"),
)

def envelope(status: int, message: str) -> HttpResponse:
    """The shared error response."""
    return JsonResponse({"ok": False, "error": message, "status": status}, status=status, json_dumps_params={"ensure_ascii": False})


def install(api) -> None:
    """Answer every exception the API's operations raise in the envelope, per :data:`TABLE`."""
    for exc_class, status, describe in TABLE:
        api.add_exception_handler(exc_class, _handler(status, describe))
    api.add_exception_handler(Exception, _server_error)


def _handler(status: int | None, describe: Callable) -> Callable:
    def handle(request: HttpRequest, exc: Exception) -> HttpResponse:
        code = status if status is not None else getattr(exc, "status_code", 500)
        return envelope(code, describe(exc))

    return handle


def _server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.error("API error on %s", request.get_full_path(), exc_info=exc)
    return envelope(500, "an unexpected error occurred; it has been logged")


def responses(*statuses: int) -> dict:
    """The OpenAPI ``response=`` entries of the envelope for ``statuses`` (always 422 and 429)."""
    from fonds.api.schemas import Error

    return {status: Error for status in sorted({*statuses, 422, 429})}
