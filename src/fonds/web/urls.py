from django.urls import path

from fonds.web import citation_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("search", views.search_page, name="search"),
    path("browse/dates", views.browse_dates, name="browse-dates"),
    path("search/cite.<str:fmt>", citation_views.search_citations, name="search-citations"),
    # Before the catch-all below, which would read ".../cite.ris" as part of a record id.
    path("documents/<path:path>/cite.<str:fmt>", citation_views.document_citation, name="document-citation"),
    path("documents/<path:path>", views.document, name="document"),
]
