"""The public JSON API at /api/v1/, on real SQLite and a real Tantivy index holding the demo samples.

The API must agree with the rest of the system: a document is ``get_record(id).to_json()``, search
hits are the reading room's hits, the documents list selects what the same facet selects in the
index, and every error is the shared envelope ``{"ok": false, "error": "...", "status": N}``.
"""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
import re
from urllib.parse import urlencode

import pytest
from django.core.cache import cache

from fonds import search
from fonds.api import cursor, throttle
from fonds.api.docs import ASSETS
from fonds.api.schemas import Record
from fonds.api.endpoints.documents import FILTERS
from fonds.catalog import authorities
from fonds.catalog import models as m
from fonds.catalog.services import get_record, iter_records, save_records
from fonds.core.record import CollectionRef, RecordData, Ref

API = "/api/v1"


@pytest.fixture(autouse=True)
def unlimited(monkeypatch):
    """No rate limit while testing everything else (the limit has tests of its own, which turn it
    on); buckets start full in every test, since the cache outlives a test."""
    monkeypatch.setattr(throttle, "ENABLED", False)
    cache.clear()
    yield
    cache.clear()


def get(client, path: str, params: dict | list | None = None, status: int = 200, **extra):
    url = API + path + (("?" + urlencode(params, doseq=True)) if params else "")
    response = client.get(url, **extra)
    assert response.status_code == status, (url, response.status_code, response.content[:500])
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    assert response["Access-Control-Allow-Origin"] == "*"
    return response.json()


def error_of(client, path: str, params=None, status: int = 400) -> str:
    body = get(client, path, params, status=status)
    assert set(body) == {"ok", "error", "status"}, body
    assert body["ok"] is False and body["status"] == status and body["error"]
    return body["error"]


def walk(client, path: str, params: dict | None = None) -> list[dict]:
    """Every item of a cursor-paginated list, following ``next`` to the end."""
    items, token, pages = [], None, 0
    while True:
        body = get(client, path, {**(params or {}), **({"cursor": token} if token else {})})
        assert set(body) == {"items", "next"}
        items += body["items"]
        pages += 1
        token = body["next"]
        if token is None:
            return items
        assert pages < 100, "the walk does not end"


def ids(items: list[dict]) -> list[str]:
    return [i["id"] for i in items]


@pytest.fixture
def more(archive):
    """Records the samples lack: an undated one, an id with a slash, nested collections."""
    outcomes = save_records(
        [
            RecordData(
                id="frus1969-76v17/d12",
                title="Memorandum for the President",
                date="1971-07-09",
                date_start="1971-07-09",
                date_end="1971-07-09",
                type="Memorandum",
                paragraphs=["Text."],
                collections=[CollectionRef("frus", "Foreign Relations"), CollectionRef("frus-china", "China, 1969-1972", parent="frus")],
                people=[Ref("kissinger-henry", "Kissinger, Henry")],
            ),
            RecordData(
                id="undated-1",
                title="An undated note",
                paragraphs=["Text."],
                collections=[CollectionRef("frus", "Foreign Relations")],
            ),
            RecordData(
                id="undated-2",
                title="Another undated note",
                paragraphs=["Text."],
                collections=[CollectionRef("frus-china", "China, 1969-1972", parent="frus"), CollectionRef("misc", "Miscellany")],
            ),
        ]
    )
    assert all(o.status == "created" for o in outcomes), outcomes
    search.sync()


# --- the application ------------------------------------------------------------------------------


def test_openapi_document_describes_every_operation_and_its_errors(db, client):
    doc = get(client, "/openapi.json")
    assert doc["info"]["title"] == "fonds API" and doc["info"]["version"] == "1"
    paths = {p.removeprefix(API) for p in doc["paths"]}
    assert paths == {
        "/documents", "/documents/{record_id}", "/search", "/facets", "/people", "/people/{person_id}",
        "/places", "/places/{place_id}", "/collections", "/collections/{collection_id}",
    }
    for path, item in doc["paths"].items():
        assert set(item) == {"get"}, path
        responses = item["get"]["responses"]
        expected = {"200", "422", "429"} | ({"404"} if "{" in path else {"400"}) | ({"503"} if path.endswith(("/search", "/facets")) else set())
        assert expected <= set(responses), (path, sorted(responses))
        for status in expected - {"200"}:
            assert responses[status]["content"]["application/json"]["schema"]["$ref"].endswith("/Error"), (path, status)
    assert doc["components"]["schemas"]["Error"]["required"] == ["error", "status"]


def test_root_lists_the_docs_and_resources(db, index_dir, client):
    body = get(client, "/")
    assert body["docs"] == f"{API}/docs" and body["openapi"] == f"{API}/openapi.json"
    assert body["resources"]["documents"] == f"{API}/documents"
    for url in body["resources"].values():
        get(client, url.removeprefix(API), status=503 if url.endswith(("/search", "/facets")) else 200)


def test_docs_page_works_offline(db, client):
    response = client.get(f"{API}/docs")
    assert response.status_code == 200
    page = response.content.decode()
    urls = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert urls and all(u.startswith(f"{API}/docs/assets/") for u in urls), urls
    assert "http://" not in page and "https://" not in page and "cdn" not in page.lower()
    assert f'"url": "{API}/openapi.json"' in page
    for url in urls:
        asset = client.get(url)
        assert asset.status_code == 200, url
        assert int(asset["Content-Length"]) == len(b"".join(asset.streaming_content)) > 0
    assert {u.rsplit("/", 1)[1] for u in urls} | {"favicon.png"} == ASSETS
    script = client.get(f"{API}/docs/assets/swagger-ui-bundle.js")
    assert script["Content-Type"].startswith(("text/javascript", "application/javascript"))
    script.close()
    head = client.head(f"{API}/docs/assets/swagger-ui.css")
    assert head.status_code == 200 and int(head["Content-Length"]) > 0 and b"".join(head.streaming_content) == b""
    head.close()
    error_of(client, "/docs/assets/..%2Fsettings.py", status=404)
    error_of(client, "/docs/assets/redoc.standalone.js.map", status=404)


# --- documents ------------------------------------------------------------------------------------


def test_documents_list_items(archive, client):
    body = get(client, "/documents")
    assert body["next"] is None
    assert sorted(ids(body["items"])) == sorted(r.id for r in iter_records())
    item = next(i for i in body["items"] if i["id"] == "900001")
    record = get_record("900001")
    assert item == {
        "id": "900001",
        "title": record.title,
        "date": record.date,
        "date_start": record.date_start,
        "date_end": record.date_end,
        "date_display": record.date_display,
        "type": record.type,
        "summary": record.summary,
        "original_language": record.original_language,
        "updated_at": item["updated_at"],
        "href": f"{API}/documents/900001",
        "url": item["url"],
    }
    assert datetime.datetime.fromisoformat(item["updated_at"]).tzinfo is not None
    assert client.get(item["url"], follow=True).status_code == 200
    assert get(client, item["href"].removeprefix(API)) == record.to_json()


@pytest.mark.parametrize("limit", [1, 2, 5, 100])
def test_cursor_walk_in_added_order_returns_every_record_once(more, client, limit):
    items = walk(client, "/documents", {"limit": limit})
    expected = list(m.Record.objects.order_by("pk").values_list("record_id", flat=True))
    assert ids(items) == expected
    assert len(set(ids(items))) == m.Record.objects.count() == 15


@pytest.mark.parametrize("limit", [1, 4, 7])
def test_cursor_walk_in_date_order_puts_undated_last(more, client, limit):
    items = walk(client, "/documents", {"order": "date", "limit": limit})
    assert sorted(ids(items)) == sorted(r.id for r in iter_records())
    dated = [i["date_start"] for i in items if i["date_start"]]
    assert dated == sorted(dated)
    assert ids(items)[-2:] == ["undated-1", "undated-2"]


def test_cursor_walk_with_filters_and_new_records_added_midway(archive, client):
    first = get(client, "/documents", {"lang": "ru", "limit": 2})
    save_records([RecordData(id="late", title="Added during the walk", original_language=["ru"], paragraphs=["x"])])
    rest = walk(client, "/documents", {"lang": "ru", "limit": 2, "cursor": first["next"]})
    seen = ids(first["items"]) + ids(rest)
    assert len(seen) == len(set(seen))
    assert set(seen) == {r.id for r in iter_records() if "ru" in r.original_language}
    assert seen[-1] == "late"


def test_bad_cursors_are_400(archive, client):
    token = get(client, "/documents", {"limit": 1})["next"]
    assert "order" in error_of(client, "/documents", {"cursor": token, "order": "date"})
    assert "order" in error_of(client, "/documents", {"cursor": get(client, "/people", {"limit": 1})["next"]})
    bad = [
        "nonsense", "!!!", "e30", "bnVsbA", "W10", "\u00e9t\u00e9",
        cursor.encode("added", ["x"]), cursor.encode("added", [2**64]), cursor.encode("added", [-1]),
        cursor.encode("added", [True]), cursor.encode("added", [1, 2]), cursor.encode("date", ["1957-13-01", 1]),
        cursor.encode("date", [1957, 1]),
    ]
    for token in bad:
        assert "cursor" in error_of(client, "/documents", {"cursor": token}), token
    assert "cursor" in error_of(client, "/people", {"cursor": cursor.encode("name", [None, 1])})
    assert get(client, "/documents", {"cursor": cursor.encode("added", [0])})["items"]


def test_every_facet_is_a_documents_filter():
    assert set(FILTERS) == {f.key for f in search.FACETS}


def test_documents_filters_select_what_the_same_facet_selects_in_the_index(more, client):
    """For every facet value the index knows, the database list holds exactly the search's hits."""
    facets = get(client, "/facets")["facets"]
    checked = 0
    for key, values in facets.items():
        for value in values:
            listed = ids(walk(client, "/documents", {key: value["value"], "limit": 100}))
            found = ids(get(client, "/search", {key: value["value"], "per_page": 100})["hits"])
            assert sorted(listed) == sorted(found), (key, value)
            assert len(listed) == value["count"]
            checked += 1
    assert checked > 20


@pytest.mark.parametrize(
    "params",
    [
        {"type": ["Telegram", "Report"]},
        {"lang": ["ru", "hu"], "type": "Report"},
        {"year": [1957, 1961]},
        {"from": "1957"},
        {"to": "1956-06"},
        {"from": "1956-06-15", "to": "1961-04"},
        {"from": "1961-02", "to": "1961-02"},
        {"collection": "frus-china"},
        {"repository": "AVPRF", "lang": "ru"},
        {"type": ""},
    ],
)
def test_documents_filters_combine_as_search_does(more, client, params):
    listed = ids(walk(client, "/documents", {**params, "limit": 3}))
    found = ids(get(client, "/search", {**params, "per_page": 100})["hits"])
    assert sorted(listed) == sorted(found)


def test_documents_filter_by_person_and_place(more, client):
    person = get(client, "/people/gromyko-andrei")
    assert ids(walk(client, "/documents", {"person": "gromyko-andrei"})) == person["documents"]["ids"]
    place = get(client, "/places/beijing")
    assert ids(walk(client, "/documents", {"place": "beijing"})) == place["documents"]["ids"]
    assert ids(walk(client, "/documents", {"person": ["gromyko-andrei", "kissinger-henry"]})) == [
        *person["documents"]["ids"], "frus1969-76v17/d12"
    ]
    assert get(client, "/documents", {"person": "nobody"})["items"] == []


def test_documents_updated_since(archive, client):
    everything = sorted(r.id for r in iter_records())
    assert sorted(ids(walk(client, "/documents", {"updated_since": "2000-01-01T00:00:00Z"}))) == everything
    assert sorted(ids(walk(client, "/documents", {"updated_since": "2000-01-01T00:00:00"}))) == everything  # naive: UTC
    assert get(client, "/documents", {"updated_since": "2999-01-01"})["items"] == []
    m.Record.objects.filter(record_id="900003").update(updated_at=datetime.datetime(2999, 6, 1, tzinfo=datetime.UTC))
    assert ids(get(client, "/documents", {"updated_since": "2999-05-31T21:00:00-02:00"})["items"]) == ["900003"]
    assert ids(get(client, "/documents", {"updated_since": "2999-06-01T02:00:00+02:00"})["items"]) == ["900003"]
    assert get(client, "/documents", {"updated_since": "2999-05-31T23:00:00-02:00"})["items"] == []  # 01:00 UTC
    error_of(client, "/documents", {"updated_since": "yesterday"}, status=422)
    error_of(client, "/documents", {"updated_since": "9999-12-31T23:00:00-23:00"}, status=400)


def test_documents_parameter_errors(archive, client):
    assert "limit" in error_of(client, "/documents", {"limit": 0}, status=422)
    assert "limit" in error_of(client, "/documents", {"limit": 101}, status=422)
    assert "limit" in error_of(client, "/documents", {"limit": "ten"}, status=422)
    assert "year" in error_of(client, "/documents", {"year": "nineteen"}, status=422)
    assert "year" in error_of(client, "/documents", {"year": 99999}, status=422)
    assert "order" in error_of(client, "/documents", {"order": "random"}, status=422)
    assert "from=" in error_of(client, "/documents", {"from": "1957-13"}, status=400)
    assert "to=" in error_of(client, "/documents", {"to": "soon"}, status=400)
    assert "NUL" in error_of(client, "/documents", {"donor": "a\x00b"}, status=400)


def test_document_detail_is_the_record_json(more, client):
    for record in iter_records():
        assert get(client, f"/documents/{record.id}") == record.to_json()
    assert get(client, "/documents/frus1969-76v17/d12")["id"] == "frus1969-76v17/d12"


def test_record_schema_has_every_field_of_the_record_json(archive):
    assert list(Record.model_fields) == list(get_record("900001").to_json())


def test_unknown_document_is_404(archive, client):
    assert "nope" in error_of(client, "/documents/nope", status=404)
    error_of(client, "/documents/900001/extra", status=404)
    error_of(client, "/documents/a%00b", status=404)
    error_of(client, "/documents/", status=404)


# --- search and facets ------------------------------------------------------------------------------


SEARCHES = [
    {},
    {"q": "zhou"},
    {"q": "embassy", "sort": "date"},
    {"q": "embassy", "sort": "-date", "per_page": 3, "page": 2},
    {"sort": "title", "per_page": 5},
    {"type": ["Telegram", "Report"], "lang": "ru"},
    {"year": 1961},
    {"from": "1956", "to": "1961-04", "sort": "-date"},
    {"q": "trade ((", "donor": "Sample Heritage Fund"},
    {"person": "gromyko-andrei"},
    {"place": ["beijing", "pyongyang"], "q": "embassy"},
    {"q": "zzzznotaword"},
]


@pytest.mark.parametrize("params", SEARCHES)
def test_search_answers_what_the_reading_room_answers(archive, client, params):
    body = get(client, "/search", params)
    room = client.get("/search?" + urlencode({**params, "format": "json"}, doseq=True)).json()
    assert set(body) == {"total", "page", "pages", "hits", "facets", "errors"}
    assert body["hits"] == room["hits"]
    for key in ("total", "page", "pages", "errors"):
        assert body[key] == room[key], key
    room_facets = {f["key"]: [{k: v[k] for k in ("value", "label", "count", "selected")} for v in f["values"]] for f in room["facets"]}
    assert {k: v for k, v in body["facets"].items() if v} == room_facets
    assert list(body["facets"]) == [f.key for f in search.FACETS]


def test_facets_are_the_search_facets_without_hits(archive, client):
    for params in ({}, {"q": "embassy"}, {"type": "Telegram", "from": "1950"}):
        facets = get(client, "/facets", params)
        full = get(client, "/search", params)
        assert facets == {"total": full["total"], "facets": full["facets"], "errors": full["errors"]}
    selected = get(client, "/facets", {"lang": "ru"})["facets"]["lang"]
    assert [v for v in selected if v["selected"]] == [{"value": "ru", "label": "Russian", "count": 6, "selected": True}]
    everything = get(client, "/facets")["facets"]
    assert {"value": "AVPRF", "label": "AVPRF (Archive of Foreign Policy of the Russian Federation)"}.items() <= next(
        v for v in everything["repository"] if v["value"] == "AVPRF"
    ).items()
    gromyko = next(v for v in everything["person"] if v["value"] == "gromyko-andrei")
    assert gromyko["label"] == "Gromyko, Andrei Andreyevich"


def test_search_parameter_errors(archive, client):
    assert "from=" in error_of(client, "/search", {"from": "1957-13"}, status=400)
    assert "too deep" in error_of(client, "/search", {"page": 10**6}, status=400)
    error_of(client, "/search", {"sort": "random"}, status=422)
    error_of(client, "/search", {"page": 0}, status=422)
    error_of(client, "/search", {"per_page": 101}, status=422)
    error_of(client, "/search", {"year": "abc"}, status=422)
    error_of(client, "/search", {"year": "99999999999999999999"}, status=422)
    error_of(client, "/facets", {"to": "1957-02-30"}, status=400)
    assert "NUL" in error_of(client, "/search", {"person": "kim\x00"}, status=400)
    assert "NUL" in error_of(client, "/facets", {"q": "kim\x00"}, status=400)


def test_search_without_an_index_is_503(db, index_dir, client):
    assert "index" in error_of(client, "/search", {"q": "x"}, status=503)
    error_of(client, "/facets", status=503)
    assert get(client, "/documents") == {"items": [], "next": None}  # the database list needs no index


# --- people, places, collections --------------------------------------------------------------------


def test_people_list_detail_and_filters(more, client):
    items = walk(client, "/people", {"limit": 3})
    assert ids(items) == list(m.Agent.objects.order_by("name", "pk").values_list("key", flat=True))
    assert set(items[0]) == {"id", "name", "kind", "description", "href"}
    assert all(i["href"] == f"{API}/people/{i['id']}" for i in items)
    organisations = walk(client, "/people", {"kind": "organisation"})
    assert organisations and all(i["kind"] == "organisation" for i in organisations)
    assert ids(walk(client, "/people", {"q": "gromyko"})) == ["gromyko-andrei"]
    assert get(client, "/people", {"q": "zzz"}) == {"items": [], "next": None}
    assert "kind" in error_of(client, "/people", {"kind": "family"}, status=422)

    person = get(client, "/people/kissinger-henry")
    agent = m.Agent.objects.get(key="kissinger-henry")
    assert person == {
        **authorities.to_data(agent).to_json(),
        "documents": {"count": 1, "ids": ["frus1969-76v17/d12"], "href": f"{API}/documents?person=kissinger-henry"},
    }
    assert person["kind"] == "person" and person["name"] == "Kissinger, Henry"
    linking = {r.id for r in iter_records() if any(p.id == "gromyko-andrei" for p in (*r.people, *r.authors))}
    gromyko = get(client, "/people/gromyko-andrei")["documents"]
    assert set(gromyko["ids"]) == linking and gromyko["count"] == len(linking)
    assert "nobody" in error_of(client, "/people/nobody", status=404)


def test_places_list_and_detail(archive, client):
    items = walk(client, "/places", {"limit": 4})
    assert ids(items) == list(m.Place.objects.order_by("name", "pk").values_list("key", flat=True))
    assert set(items[0]) == {"id", "name", "kind", "description", "parent", "href"}
    place = get(client, "/places/beijing")
    found = m.Place.objects.get(key="beijing")
    assert {k: place[k] for k in authorities.to_data(found).to_json()} == authorities.to_data(found).to_json()
    assert place["kind"] == "place" and place["name"] == "Beijing"
    linking = {r.id for r in iter_records() if any(p.id == "beijing" for p in r.places)}
    assert set(place["documents"]["ids"]) == linking and place["documents"]["count"] == len(linking)
    if place["parent"]:
        assert place["parent_name"] == m.Place.objects.get(key=place["parent"]).name
        parent = get(client, f"/places/{place['parent']}")
        assert {"id": "beijing", "name": "Beijing"} in parent["children"]
    error_of(client, "/places/atlantis", status=404)


def test_collections_tree_and_counts(more, client):
    items = walk(client, "/collections", {"limit": 2})
    assert [(i["id"], i["parent"], i["count"]) for i in items] == [
        ("frus-china", "frus", 2), ("frus", None, 2), ("misc", None, 1)
    ]
    frus = get(client, "/collections/frus")
    assert frus["parent"] is None and frus["count"] == 2 and frus["total"] == 3
    assert frus["children"] == [{"id": "frus-china", "name": "China, 1969-1972", "count": 2, "href": f"{API}/collections/frus-china"}]
    assert frus["documents"] == {"count": 2, "ids": ["frus1969-76v17/d12", "undated-1"], "href": f"{API}/documents?collection=frus"}
    china = get(client, "/collections/frus-china")
    assert china["parent"] == {"id": "frus", "name": "Foreign Relations"} and china["total"] == 2 and china["children"] == []
    assert ids(walk(client, "/documents", {"collection": "frus-china"})) == ["frus1969-76v17/d12", "undated-2"]
    assert ids(walk(client, "/collections", {"q": "FOR"})) == ["frus"]
    error_of(client, "/collections/none", status=404)


# --- the envelope, CORS, HEAD, rate limiting ----------------------------------------------------------


def test_unknown_api_paths_and_methods_answer_in_the_envelope(db, client):
    error_of(client, "/nothing/here", status=404)
    error_of(client, "/people/", status=404)
    response = client.post(f"{API}/documents", data={})
    assert response.status_code == 405 and response["Allow"] == "GET, HEAD, OPTIONS"
    assert response.json() == {"ok": False, "error": response.json()["error"], "status": 405}
    assert response["Access-Control-Allow-Origin"] == "*"


def test_cors_preflight(db, client):
    response = client.options(
        f"{API}/search",
        HTTP_ORIGIN="https://example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="x-requested-with, accept",
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert response["Access-Control-Allow-Headers"] == "x-requested-with, accept"
    assert int(response["Access-Control-Max-Age"]) > 0
    assert "Access-Control-Allow-Credentials" not in response
    assert response.content == b""
    plain = client.options(f"{API}/documents/900001")
    assert plain.status_code == 204 and plain["Allow"] == "GET, HEAD, OPTIONS"


def test_cors_on_answers_and_errors(archive, client):
    for url, status in [("/documents", 200), ("/documents/nope", 404), ("/search?page=0", 422), ("/openapi.json", 200), ("/nope", 404)]:
        response = client.get(API + url, HTTP_ORIGIN="https://example.org")
        assert response.status_code == status
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "Retry-After" in response["Access-Control-Expose-Headers"]
        assert "Access-Control-Allow-Credentials" not in response


def test_head_is_get_without_a_body(archive, client):
    full = client.get(f"{API}/documents/900001")
    head = client.head(f"{API}/documents/900001")
    assert head.status_code == 200 and head.content == b""
    assert head["Content-Length"] == str(len(full.content))
    assert head["Access-Control-Allow-Origin"] == "*"
    assert client.head(f"{API}/documents/nope").status_code == 404


def test_rate_limit_answers_429_with_retry_after(archive, client, monkeypatch):
    monkeypatch.setattr(throttle, "ENABLED", True)
    monkeypatch.setattr(throttle, "BURST", 3)
    monkeypatch.setattr(throttle, "RATE_PER_MINUTE", 6)  # a token every 10 s
    for _ in range(3):
        get(client, "/documents", {"limit": 1}, REMOTE_ADDR="203.0.113.7")
    response = client.get(f"{API}/search", REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 429
    assert response.json() == {"ok": False, "error": response.json()["error"], "status": 429}
    assert 1 <= int(response["Retry-After"]) <= 10
    assert response["Access-Control-Allow-Origin"] == "*"
    # Another client has its own bucket; the docs, the OpenAPI document and preflights are not limited.
    get(client, "/documents", {"limit": 1}, REMOTE_ADDR="203.0.113.8")
    get(client, "/openapi.json", REMOTE_ADDR="203.0.113.7")
    assert client.options(f"{API}/search", REMOTE_ADDR="203.0.113.7").status_code == 204
    # Spoofing X-Forwarded-For does not buy a new bucket (no proxies are configured).
    assert client.get(f"{API}/documents", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 429
    # The bucket refills with time.
    now = throttle.clock()
    monkeypatch.setattr(throttle, "clock", lambda: now + 11)
    get(client, "/documents", {"limit": 1}, REMOTE_ADDR="203.0.113.7")
    assert client.get(f"{API}/documents", REMOTE_ADDR="203.0.113.7").status_code == 429


def test_rate_limit_is_on_by_default_and_can_be_switched_off(archive, client, monkeypatch):
    monkeypatch.undo()
    assert throttle.ENABLED is True and throttle.BURST == 60 and throttle.RATE_PER_MINUTE == 120
    monkeypatch.setattr(throttle, "BURST", 1)
    get(client, "/documents", {"limit": 1})
    error_of(client, "/documents", status=429)
    monkeypatch.setattr(throttle, "ENABLED", False)
    for _ in range(5):
        get(client, "/documents", {"limit": 1})


@pytest.mark.browser
def test_docs_page_renders_in_a_browser_with_the_network_cut_off(live_server):
    """Swagger UI draws every operation from files this site serves; any other request is refused."""
    from pathlib import Path

    if not Path("/usr/bin/chromium").exists():
        pytest.skip("/usr/bin/chromium is absent: install Debian's chromium package to run the browser tests")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")
    outside: list[str] = []

    def only_this_site(route):
        if route.request.url.startswith(live_server.url + "/"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        try:
            page = browser.new_page()
            page.route("**/*", only_this_site)
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.goto(f"{live_server.url}{API}/docs")
            page.wait_for_selector(".swagger-ui .opblock", timeout=20_000)
            assert "fonds API" in page.inner_text(".swagger-ui .info .title")
            assert page.locator(".swagger-ui .opblock").count() == 10
        finally:
            browser.close()
    assert outside == [] and errors == []


RATE_LIMIT_SCRIPT = """
import os, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "fonds.settings"
import django
django.setup()
from django.test import RequestFactory
from fonds.api.throttle import TokenBucket
bucket, request = TokenBucket(), RequestFactory().get("/api/v1/documents", REMOTE_ADDR="203.0.113.9")
print(sum(bucket.allow_request(request) for _ in range(int(sys.argv[1]))))
"""


def test_one_rate_limit_across_processes(tmp_path):
    # Each gunicorn worker is a process: the buckets must live where every process sees them.
    env = {**os.environ, "FONDS_HOME": str(tmp_path), "FONDS_API_BURST": "5", "FONDS_API_RATE": "1"}
    env.pop("FONDS_DATABASE_URL", None)

    def allowed(tries: int) -> int:
        run = subprocess.run([sys.executable, "-c", RATE_LIMIT_SCRIPT, str(tries)], env=env, capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        return int(run.stdout)

    assert allowed(3) == 3  # one worker spends three of the five
    assert allowed(4) == 2  # another finds two left, not a fresh five


def test_behind_a_proxy_the_forwarded_address_is_the_client(archive, client, monkeypatch, settings):
    monkeypatch.setattr(throttle, "ENABLED", True)
    monkeypatch.setattr(throttle, "BURST", 1)
    from ninja.conf import settings as ninja_settings

    monkeypatch.setattr(ninja_settings, "NUM_PROXIES", 1)
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    get(client, "/documents", {"limit": 1}, HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy)
    get(client, "/documents", {"limit": 1}, HTTP_X_FORWARDED_FOR="198.51.100.2", **proxy)  # another client
    assert client.get(f"{API}/documents", HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy).status_code == 429


def test_a_bad_rate_setting_is_a_clear_error(tmp_path):
    env = {**os.environ, "FONDS_HOME": str(tmp_path), "FONDS_API_RATE": "fast"}
    run = subprocess.run([sys.executable, "-c", RATE_LIMIT_SCRIPT, "1"], env=env, capture_output=True, text=True)
    assert run.returncode != 0
    assert "FONDS_API_RATE must be a number of requests, 0 or more, not 'fast'" in run.stderr
