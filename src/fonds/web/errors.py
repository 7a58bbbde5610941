"""Django's error handlers, answering in the shared envelope (see :mod:`fonds.web.twins`)."""

from django.http import HttpRequest, HttpResponse

from fonds.web.twins import error


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error(request, 400, "the request could not be read")


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    detail = str(exception.args[0]) if exception and exception.args and isinstance(exception.args[0], str) else ""
    # Django's own resolver messages are for developers; say it plainly instead.
    message = detail if detail.startswith("no ") else f"nothing is published at {request.path}"
    return error(request, 404, message)


def server_error(request: HttpRequest) -> HttpResponse:
    return error(request, 500, "an unexpected error occurred; it has been logged")
