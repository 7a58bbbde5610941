"""The site's URL map: each edge (reading room, API, OAI-PMH) owns its own patterns."""

from django.urls import include, path

from fonds.web import errors

urlpatterns = [
    path("", include("fonds.web.urls")),
    path("", include("fonds.api.urls")),
    path("", include("fonds.oai.urls")),
]

handler400 = errors.bad_request
handler404 = errors.not_found
handler500 = errors.server_error
