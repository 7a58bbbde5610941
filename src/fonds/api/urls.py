"""The API's URLs, all under ``api/v1/``: django-ninja's operations and docs, each wrapped for CORS
and HEAD (:mod:`fonds.api.cors`), the docs' own assets, an index at the root, and an enveloped 404
for anything else."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import URLPattern, include, path, re_path, reverse

from fonds.api import docs
from fonds.api.app import api
from fonds.api.cors import cors
from fonds.api.errors import envelope

PREFIX = "api/v1/"
RESOURCES = ("documents", "search", "facets", "people", "places", "collections")


def index(request: HttpRequest, **kwargs) -> HttpResponse:
    """``/api/v1/``: where the docs, the OpenAPI document and each resource are."""
    ns = api.urls_namespace
    return JsonResponse(
        {
            "title": api.title,
            "version": api.version,
            "docs": reverse(f"{ns}:openapi-view"),
            "openapi": reverse(f"{ns}:openapi-json"),
            "resources": {name: reverse(f"{ns}:{name}") for name in RESOURCES},
        }
    )


def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    return envelope(404, f"nothing is published at {request.path}")


def _wrapped(patterns: list) -> list:
    out = []
    for p in patterns:
        if isinstance(p, URLPattern):
            # django-ninja's root view only raises 404; its name must stay (it anchors the OpenAPI paths).
            callback = index if p.name == "api-root" else p.callback
            p = URLPattern(p.pattern, cors(callback), p.default_args, p.name)
        out.append(p)
    return out


_patterns, _app_name, _namespace = api.urls
_patterns = _wrapped([*_patterns, path("docs/assets/<str:name>", docs.asset, name="docs-asset")])

urlpatterns = [
    path(PREFIX, include((_patterns, _app_name), namespace=_namespace)),
    re_path(r"^api/v1/(?P<rest>.*)$", cors(not_found)),
]
