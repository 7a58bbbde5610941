"""The OAI-PMH endpoint's URL: ``/oai`` (the baseURL harvesters are given)."""

from django.urls import path

from fonds.oai import views

urlpatterns = [
    path("oai", views.endpoint, name="oai"),
]
