"""Property-based tests of the API against its own OpenAPI document (schemathesis).

Schemathesis takes the document ``/api/v1/openapi.json`` serves (built from the API object, so that
collecting these tests needs no URL map; the first test checks it is the served one), generates
requests for every operation (valid and invalid parameters, odd ids and unicode), sends them to the
Django WSGI application, and checks that no answer is a server error and that every answer matches
the schema the document declares for its status (4xx answers included: the shared envelope).
Bounded and derandomised, so a run is reproducible.
"""

from __future__ import annotations

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from fonds.api import throttle
from fonds.api.app import api
from fonds.wsgi import application

PREFIX = "/api/v1/"
OPENAPI = PREFIX + "openapi.json"
CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance, content_type_conformance]


@pytest.fixture
def shared_transaction():
    """Requests to the WSGI application share the test's database transaction.

    Django closes "old" connections at the start and end of each request; in a test that would
    throw away the transaction holding the archive (Django's own test client disconnects those
    handlers the same way).
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def unlimited(monkeypatch):
    # Hundreds of requests from one client: the rate limiter has its own tests in test_api.py.
    monkeypatch.setattr(throttle, "ENABLED", False)


def document() -> dict:
    return json.loads(json.dumps(api.get_openapi_schema(path_prefix=PREFIX)))


# Built when the module is collected (schemathesis' lazy ``from_fixture`` loader does not run on
# pytest 9); requests go to the WSGI application.
schema = schemathesis.openapi.from_dict(document())
schema.app = application
# Schemathesis would also draw values from literals in the whole application's source; that pool
# changes with any module of the project and is gathered in no fixed order, so runs would differ.
schema.config.analysis.constants.enabled = False


def test_the_document_tested_is_the_one_served(db, client):
    response = client.get(OPENAPI)
    assert response.status_code == 200
    assert response.json() == document()


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_every_operation_conforms_to_the_openapi_document(case, archive, shared_transaction, unlimited):
    case.call_and_validate(checks=CHECKS)


def test_details_of_stored_items_conform(archive, shared_transaction, unlimited):
    """Generated ids almost never exist; the stored ones (an id with a slash among them) must
    conform too, and so must lists walked past their first page."""
    from fonds.catalog import models as m
    from fonds.catalog.services import save_records
    from fonds.core.record import CollectionRef, RecordData

    save_records([RecordData(id="frus1969-76v17/d12", title="A FRUS document", collections=[CollectionRef("frus", "FRUS")])])
    details = {
        "/api/v1/documents/{record_id}": ("record_id", m.Record.objects.values_list("record_id", flat=True)),
        "/api/v1/people/{person_id}": ("person_id", m.Agent.objects.values_list("key", flat=True)),
        "/api/v1/places/{place_id}": ("place_id", m.Place.objects.values_list("key", flat=True)),
        "/api/v1/collections/{collection_id}": ("collection_id", m.Collection.objects.values_list("key", flat=True)),
    }
    for path, (name, keys) in details.items():
        operation = schema[path]["GET"]
        for key in keys:
            response = operation.Case(path_parameters={name: key}).call_and_validate(checks=CHECKS)
            assert response.status_code == 200, (path, key)
    for path in ("/api/v1/documents", "/api/v1/people", "/api/v1/places", "/api/v1/collections"):
        operation = schema[path]["GET"]
        query: dict = {"limit": 2}
        while True:
            response = operation.Case(query=query).call_and_validate(checks=CHECKS)
            assert response.status_code == 200, path
            if response.json()["next"] is None:
                break
            query = {"limit": 2, "cursor": response.json()["next"]}
