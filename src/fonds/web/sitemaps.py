"""Sitemaps for crawlers: an index at ``/sitemap.xml`` and a sitemap per section.

Sections: ``documents`` (every record at its canonical URL, last modified when the record last
changed), ``people`` and ``places`` (the authorities some document refers to) and ``pages`` (home,
search, browse by date). Each section is paged at Django's limit of 50,000 URLs; the index lists
every page. Items are plain tuples from :mod:`fonds.catalog.listings`, never model instances.
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import quote

from django.contrib.sitemaps import Sitemap
from django.urls import NoReverseMatch, reverse

from fonds.catalog import listings
from fonds.web.links import document_url


class DocumentSitemap(Sitemap):
    def items(self):
        return listings.document_locations()

    def location(self, item: tuple) -> str:
        return document_url(item[0], item[1])

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

    def items(self) -> list[str]:
        return ["home", "search", "browse-dates"]

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS: dict[str, type[Sitemap]] = {
    "documents": DocumentSitemap,
    "people": PeopleSitemap,
    "places": PlaceSitemap,
    "pages": PageSitemap,
}
