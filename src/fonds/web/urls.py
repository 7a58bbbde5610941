from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from fonds.web import authority_views, citation_views, dump_views, exports, feeds, help_views, robots, sitemaps, views

urlpatterns = [
    path("", views.home, name="home"),
    path("search", views.search_page, name="search"),
    path("search/help", help_views.search_help, name="search-help"),
    path("browse/dates", views.browse_dates, name="browse-dates"),
    path("people/<str:key>", authority_views.person, name="person"),
    path("places/<str:key>", authority_views.place, name="place"),
    path("search/export.<str:fmt>", exports.export, name="search-export"),
    path("search/cite.<str:fmt>", citation_views.search_citations, name="search-citations"),
    # Before the catch-all below, which would read ".../cite.ris" as part of a record id.
    path("documents/<path:path>/cite.<str:fmt>", citation_views.document_citation, name="document-citation"),
    path("documents/<path:path>/citations", citation_views.document_citations, name="document-citations"),
    path("documents/<path:path>", views.document, name="document"),
    # For crawlers, feed readers and bulk users (sitemaps, Atom, robots.txt, dumps).
    path("sitemap.xml", sitemap_views.index, {"sitemaps": sitemaps.SITEMAPS, "sitemap_url_name": "sitemap-section"}, name="sitemap"),
    path("sitemap-<str:section>.xml", sitemaps.section, name="sitemap-section"),
    path("feeds/recent.atom", feeds.RecentFeed(), name="feed-recent"),
    path("feeds/collections/<path:key>.atom", feeds.CollectionFeed(), name="feed-collection"),
    path("robots.txt", robots.robots, name="robots"),
    path("dumps/latest/<str:name>", dump_views.latest_file, name="dump-latest"),
]
