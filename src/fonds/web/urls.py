from django.urls import path

from fonds.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("search", views.search_page, name="search"),
    path("browse/dates", views.browse_dates, name="browse-dates"),
    path("documents/<path:path>", views.document, name="document"),
]
