"""Person and place pages and their JSON twins, over the demo samples and the reference record."""

from __future__ import annotations

import pytest

from fonds import search
from fonds.catalog.importer import import_paths


@pytest.fixture
def linked(archive, reference_page):
    import_paths([reference_page])
    search.sync()


def test_a_person_page_lists_every_document_naming_them_in_any_spelling(client, linked):
    data = client.get("/people/kim-il-sung?format=json").json()
    assert data["ok"] and data["authority"]["name"] == "Kim Il Sung"
    ids = {d["id"] for d in data["documents"]}
    assert "115958" in ids
    # The samples spell him several ways; every spelling found is listed with its count.
    spellings = {s["spelling"] for s in data["spellings"]}
    assert {"Kim Il Sung"} <= spellings and len(spellings) >= 2
    assert data["total"] == len(ids) >= 3
    html = client.get("/people/kim-il-sung").content.decode()
    for d in data["documents"]:
        assert d["url"] in html
    assert "Kim Ir Sen" in html  # a recorded variant


def test_people_who_appear_with_them_and_documents_by_year(client, linked):
    data = client.get("/people/qiao-xiaoguang?format=json").json()
    companions = {p["id"] for p in data["people"]}
    assert {"kim-il-sung", "puzanov-aleksandr"} <= companions
    assert any(y["year"] == 1957 and y["count"] >= 1 for y in data["by_year"])


def test_a_place_page_shows_its_parent_and_documents(client, linked):
    data = client.get("/places/pyongyang?format=json").json()
    assert data["authority"]["parent"] == "dprk" and data["parent_name"] == "Democratic People's Republic of Korea"
    assert "115958" in {d["id"] for d in data["documents"]}
    dprk = client.get("/places/dprk?format=json").json()
    assert "pyongyang" in {c["id"] for c in dprk["children"]}


def test_names_on_document_pages_link_to_person_pages(client, linked):
    html = client.get("/documents/115958", follow=True).content.decode()
    assert 'href="/people/kim-il-sung"' in html and 'href="/places/pyongyang"' in html


def test_person_and_place_facets(client, linked):
    data = client.get("/search?format=json&q=volunteers").json()
    facets = {f["key"]: f for f in data["facets"]}
    people = {v["value"]: v for v in facets["person"]["values"]}
    assert people["kim-il-sung"]["label"] == "Kim Il Sung"
    narrowed = client.get("/search?format=json&q=volunteers&person=qiao-xiaoguang").json()
    assert [h["id"] for h in narrowed["hits"]] == ["115958"]


def test_unknown_person_is_a_404_in_both_forms(client, linked):
    assert client.get("/people/nobody-at-all").status_code == 404
    body = client.get("/people/nobody-at-all?format=json").json()
    assert body == {"ok": False, "error": "no person with id 'nobody-at-all'", "status": 404}


def test_related_documents_say_why(client, linked):
    data = client.get("/documents/115958?format=json", follow=True).json()
    related = data["related"]
    assert related, "the reference record shares people with the samples"
    first = related[0]
    assert first["reason"].startswith("shares ") and first["id"] != "115958"
    assert any(name in first["reason"] for name in ("Kim Il Sung", "Qiao Xiaoguang", "Pyongyang", "Zhou Enlai"))
    html = client.get("/documents/115958", follow=True).content.decode()
    assert "Related documents" in html and first["url"] in html


def test_similar_text_finds_a_near_copy(client, archive, reference_page, tmp_path):
    from fonds.catalog.services import get_record, save_record

    import_paths([reference_page])
    copy = get_record("115958")
    copy.id, copy.title, copy.people, copy.places = "copy-1", "A second copy of the journal", [], []
    save_record(copy)
    search.sync()
    found = {r["id"]: r["reason"] for r in search.related_to(get_record("115958"), limit=50)}
    assert found.get("copy-1") == "similar text"
