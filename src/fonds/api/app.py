"""The API application: one django-ninja ``NinjaAPI`` mounted at ``/api/v1/`` (see :mod:`fonds.api.urls`).

OpenAPI at ``/api/v1/openapi.json``; interactive docs at ``/api/v1/docs``, served offline
(:mod:`fonds.api.docs`). Every operation is rate-limited per client (:mod:`fonds.api.throttle`) and
answers errors in the shared envelope (:mod:`fonds.api.errors`).
"""

from __future__ import annotations

from ninja import NinjaAPI

from fonds.api import errors
from fonds.api.docs import OfflineSwagger
from fonds.api.endpoints import authorities, collections, documents, search
from fonds.api.throttle import TokenBucket

DESCRIPTION = """\
The public, read-only JSON API of this fonds archive: documents, search with facets, people,
places and collections.

Lists page with cursors: each page answers `{"items": [...], "next": "..."}`; pass `next` as
`cursor` until it is `null`. Every error answers `{"ok": false, "error": "...", "status": N}` with
that HTTP status. Requests are rate-limited per client (429 with `Retry-After`). Any origin may
call the API (CORS), without credentials.
"""

api = NinjaAPI(
    title="fonds API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-1",
    openapi_url="/openapi.json",
    docs_url="/docs",
    docs=OfflineSwagger(),
    throttle=[TokenBucket()],
)
errors.install(api)

api.add_router("", documents.router)
api.add_router("", search.router)
api.add_router("", authorities.router)
api.add_router("", collections.router)
