from django.urls import path

from fonds.web import errors, views

urlpatterns = [
    path("", views.home, name="home"),
    path("search", views.search_page, name="search"),
    path("browse/dates", views.browse_dates, name="browse-dates"),
    path("documents/<path:path>", views.document, name="document"),
]

handler400 = errors.bad_request
handler404 = errors.not_found
handler500 = errors.server_error
