"""Atom feeds of new documents: the whole archive, and each collection (with its sub-collections).

``/feeds/recent.atom`` lists the 50 records added last, newest first; ``/feeds/collections/<key>.atom``
the same for one collection and every collection nested in it. An entry carries the title, the
document's canonical link, the date it was added (``published``) and last changed (``updated``),
the summary, and the document type and date as categories. An entry's ``id`` is the bare document
URL ``/documents/<id>``, which never changes even if the title (and so the slug) does.
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from fonds.catalog import listings
from fonds.web.links import document_url

FEED_SIZE = 50


class _DocumentFeed(Feed):
    """Common to both feeds. ``get_object`` returns a plain dict; each item is a plain dict too."""

    feed_type = Atom1Feed
    language = "en"

    def _context(self, request: HttpRequest, **extra) -> dict:
        # Feed objects are shared between requests, so what depends on the request travels in obj.
        return {"request": request, "self_url": request.build_absolute_uri(request.path), **extra}

    def items(self, obj: dict) -> list[dict]:
        request = obj["request"]
        rows = listings.recent_additions(FEED_SIZE, obj.get("collection_pks"))
        for row in rows:
            row["guid"] = request.build_absolute_uri(reverse("document", kwargs={"path": row["id"]}))
        return rows

    def feed_guid(self, obj: dict) -> str:
        return obj["self_url"]

    def author_name(self) -> str:
        return settings.SITE_NAME

    def item_title(self, item: dict) -> str:
        return item["title"]  # Atom's title is text: the XML writer escapes it

    def item_description(self, item: dict) -> str | None:
        # Atom's summary is written as type="html": escape the plain-text summary.
        return escape(item["summary"]) if item["summary"] else None

    def item_link(self, item: dict) -> str:
        return document_url(item["id"], item["slug"])

    def item_guid(self, item: dict) -> str:
        return item["guid"]

    def item_pubdate(self, item: dict) -> datetime:
        return item["created_at"]

    def item_updateddate(self, item: dict) -> datetime:
        return item["updated_at"]

    def item_categories(self, item: dict) -> list[str]:
        return [value for value in (item["type"], item["date"]) if value]


class RecentFeed(_DocumentFeed):
    def get_object(self, request: HttpRequest) -> dict:
        return self._context(request)

    def title(self) -> str:
        return f"{settings.SITE_NAME}: recently added documents"

    def subtitle(self) -> str:
        return f"The {FEED_SIZE} documents added to {settings.SITE_NAME} most recently."

    def link(self) -> str:
        return reverse("home")


class CollectionFeed(_DocumentFeed):
    def get_object(self, request: HttpRequest, key: str) -> dict:
        try:
            tree = listings.collection_tree(key)
        except listings.CollectionNotFound:
            raise Http404(f"no collection with key {key!r}") from None
        return self._context(request, collection=tree, collection_pks=tree["pks"])

    def title(self, obj: dict) -> str:
        return f"{settings.SITE_NAME}: {obj['collection']['name']}"

    def subtitle(self, obj: dict) -> str:
        collection = obj["collection"]
        nested = len(collection["keys"]) - 1
        within = f" and the {nested} collection{'s' if nested != 1 else ''} within it" if nested else ""
        return f"The {FEED_SIZE} documents added most recently to {collection['name']}{within}."

    def link(self, obj: dict) -> str:
        return reverse("search") + "?" + urlencode({"collection": obj["collection"]["key"]})
