"""The interactive API docs (Swagger UI) served entirely by this site, so they work offline.

django-ninja renders Swagger UI from a CDN unless ``"ninja"`` is in ``INSTALLED_APPS``. Rather than
depend on that, the page here loads the Swagger UI files that django-ninja ships in its package
(``ninja/static/ninja/``) from :func:`asset`, a view of our own under ``/api/v1/docs/``.
"""

from __future__ import annotations

import json
import mimetypes
from pathlib import Path

import ninja
from django.http import FileResponse, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.html import escape
from ninja.openapi.docs import Swagger

from fonds.api.errors import envelope

ASSETS_DIR = Path(ninja.__file__).resolve().parent / "static" / "ninja"
ASSETS = frozenset({"swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-init.js", "favicon.svg", "favicon.png"})

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<link rel="stylesheet" href="{base}swagger-ui.css">
<link rel="icon" href="{base}favicon.svg" type="image/svg+xml">
</head>
<body data-csrf-token="" data-api-csrf="">
<script type="application/json" id="swagger-settings">{settings}</script>
<div id="swagger-ui"></div>
<script src="{base}swagger-ui-bundle.js"></script>
<script src="{base}swagger-ui-init.js"></script>
</body>
</html>
"""


class OfflineSwagger(Swagger):
    """Swagger UI whose scripts and styles come from this site, never from a CDN."""

    def render_page(self, request: HttpRequest, api, **kwargs) -> HttpResponse:
        settings = {**self.settings, "url": self.get_openapi_url(api, kwargs)}
        # JSON inside <script>: "</" must not close the element.
        blob = json.dumps(settings).replace("</", "<\\/")
        base = reverse(f"{api.urls_namespace}:docs-asset", kwargs={"name": "x"})[:-1]
        return HttpResponse(PAGE.format(title=escape(api.title), base=escape(base), settings=blob))


def asset(request: HttpRequest, name: str) -> HttpResponse:
    """One of django-ninja's Swagger UI files; a name outside :data:`ASSETS` is not found."""
    if name not in ASSETS:
        return envelope(404, f"nothing is published at {request.path}")
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse((ASSETS_DIR / name).open("rb"), content_type=content_type)
    response["Cache-Control"] = "public, max-age=86400"
    return response
