"""``/robots.txt``: crawlers read documents (listed in the sitemap), not endless searches.

- ``/search?…`` (every query, facet and date combination: infinitely many pages showing records
  already listed) and ``/search/…`` (citation and data exports of result lists) are disallowed. The
  bare ``/search`` page and ``/search/help`` stay allowed: they are in the sitemap, and a sitemap URL
  blocked by robots.txt is an error to search engines.
- ``?format=json`` twins and ``/documents/…/cite.*`` citation files are duplicates of the pages.
- ``/api/`` is for programs, and ``/dumps/`` holds the bulk downloads (large files).
- ``/oai`` is left alone on purpose: OAI-PMH harvesters are not crawlers and mostly ignore robots.txt,
  and those that honour it should not be turned away; a crawler finds no links into it anyway.
- ``/feeds/`` stays allowed (feed readers fetch it, and it links to documents).

RFC 9309 picks the longest matching rule, but simpler parsers (Python's urllib.robotparser among
them) take the first that matches: so the narrow Allow comes first, the catch-all ``Allow: /`` last.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

ALLOW = ("/search/help",)
DISALLOW = (
    "/search?",
    "/search/",
    "/*?format=json",
    "/*&format=json",
    "/documents/*/cite.",
    "/api/",
    "/dumps/",
)


def robots_txt(request: HttpRequest) -> str:
    lines = ["User-agent: *", *(f"Allow: {path}" for path in ALLOW), *(f"Disallow: {path}" for path in DISALLOW), "Allow: /", ""]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return "\n".join(lines) + "\n"


@require_safe
def robots(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(robots_txt(request), content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response
