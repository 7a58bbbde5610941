"""Sitemaps for crawlers: an index at ``/sitemap.xml`` and a sitemap per section.

Sections: ``documents`` (every record at its canonical URL, last modified when the record last
changed), ``people`` and ``places`` (the authorities some document refers to) and ``pages`` (home,
search, search help, browse by date). Each section is paged at Django's limit of 50,000 URLs; the index (Django's
view) lists every page. Items are plain tuples from :mod:`fonds.catalog.listings`, never model
instances.

A section page is written by :func:`section` rather than Django's template-rendered view: at
50,000 URLs the template engine took ~7 s a page (most of it the ``date`` filter); written as
strings the whole page takes about 1 s (measured on 200k records, SQLite). The paging, items and
lastmod are still Django's ``Sitemap``.
"""

from __future__ import annotations

from datetime import datetime, timezone
from urllib.parse import quote
from xml.sax.saxutils import escape

from django.contrib.sitemaps import Sitemap
from django.contrib.sites.requests import RequestSite
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from fonds.catalog import listings
from fonds.web.links import document_url


# The characters Django's reverse() leaves unquoted in a path (RFC 3986 pchar).
PCHAR_SAFE = "!$&'()*+,;=" + "/~:@"


class DocumentSitemap(Sitemap):
    def __init__(self) -> None:
        # document_url() without a URL reversal per item (a page holds 50,000): the same prefix
        # and the same quoting reverse() applies.
        self._prefix = document_url("_", "_")[: -len("_/_")]

    def items(self):
        return listings.document_locations()

    def location(self, item: tuple) -> str:
        return self._prefix + quote(f"{item[0]}/{item[1]}", safe=PCHAR_SAFE)

    def lastmod(self, item: tuple) -> datetime:
        return item[2]

    def get_latest_lastmod(self) -> datetime | None:
        # Django's default takes the max over every item: a million rows read for one date.
        return listings.documents_last_modified()


def authority_url(url_name: str, prefix: str, key: str) -> str:
    """The page of an authority: the URL named ``url_name`` when the site has one, else ``/<prefix>/<key>``."""
    try:
        return reverse(url_name, args=[key])
    except NoReverseMatch:
        return f"/{prefix}/{quote(key, safe='')}"


class AuthoritySitemap(Sitemap):
    url_name = ""
    prefix = ""

    def listing(self):
        raise NotImplementedError

    def items(self):
        return self.listing()

    def location(self, item: tuple) -> str:
        return authority_url(self.url_name, self.prefix, item[0])

    def lastmod(self, item: tuple) -> datetime:
        return item[1]

    def get_latest_lastmod(self) -> datetime | None:
        return listings.last_modified(self.listing())


class PeopleSitemap(AuthoritySitemap):
    url_name, prefix = "person", "people"

    def listing(self):
        return listings.linked_agents()


class PlaceSitemap(AuthoritySitemap):
    url_name, prefix = "place", "places"

    def listing(self):
        return listings.linked_places()


class PageSitemap(Sitemap):
    """The pages that are not records: the way in for a crawler that starts at the sitemap."""

    names = ("home", "search", "search-help", "browse-dates")

    def items(self) -> list[str]:
        return [name for name in self.names if _has_url(name)]

    def location(self, item: str) -> str:
        return reverse(item)


def _has_url(name: str) -> bool:
    try:
        reverse(name)
    except NoReverseMatch:
        return False
    return True


SITEMAPS: dict[str, type[Sitemap]] = {
    "documents": DocumentSitemap,
    "people": PeopleSitemap,
    "places": PlaceSitemap,
    "pages": PageSitemap,
}


@require_safe
def section(request: HttpRequest, section: str) -> HttpResponse:
    """One page (``?p=N``) of one section's sitemap."""
    try:
        sitemap = SITEMAPS[section]()
    except KeyError:
        raise Http404(f"no sitemap section {section!r}") from None
    try:
        urls = sitemap.get_urls(page=request.GET.get("p", 1), site=RequestSite(request), protocol=request.scheme)
    except (EmptyPage, PageNotAnInteger):
        raise Http404(f"no page {request.GET.get('p')!r} of the {section} sitemap") from None
    response = HttpResponse(render_urlset(urls), content_type="application/xml")
    latest = getattr(sitemap, "latest_lastmod", None)  # set by get_urls when every URL has one
    if latest is not None:
        response["Last-Modified"] = http_date(latest.timestamp())
    response["X-Robots-Tag"] = "noindex, noodp, noarchive"  # as Django's sitemap views say
    return response


def render_urlset(urls: list[dict]) -> str:
    """A sitemap ``urlset``: each URL's location and, when known, its last change (W3C datetime, UTC)."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n']
    for url in urls:
        lastmod = url.get("lastmod")
        out.append(f"<url><loc>{escape(url['location'])}</loc>")
        if lastmod is not None:
            out.append(f"<lastmod>{_w3c(lastmod)}</lastmod>")
        out.append("</url>\n")
    out.append("</urlset>\n")
    return "".join(out)


def _w3c(value: datetime) -> str:
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()  # a date
