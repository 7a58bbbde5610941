"""``/dumps/latest/<file>``: the files of the newest bulk dump (see :mod:`fonds.catalog.dumps`)."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_safe

from fonds.catalog import dumps

CONTENT_TYPES = {dumps.MANIFEST: "application/json", dumps.SUMS: "text/plain; charset=utf-8"}


@require_safe
def latest_file(request: HttpRequest, name: str) -> FileResponse:
    """Serve one file the newest dump publishes; anything else (or no dump yet) is a 404."""
    try:
        path = dumps.latest_file(name)
    except dumps.DumpFileNotFound as exc:
        raise Http404(str(exc)) from None
    # The gzip files download as they are (application/gzip, no Content-Encoding): their checksums
    # in SHA256SUMS are of the compressed bytes.
    response = FileResponse(
        open(path, "rb"),
        as_attachment=name not in CONTENT_TYPES,
        filename=name,
        content_type=CONTENT_TYPES.get(name),
    )
    # "latest" moves when a new dump is made: let caches keep it for minutes, not days.
    response["Cache-Control"] = "public, max-age=300"
    return response
