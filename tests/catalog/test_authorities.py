"""Authority records: stored, re-imported unchanged, and bad input refused with the reason."""

from __future__ import annotations

import json

import pytest

from fonds.catalog import models as m
from fonds.catalog.authorities import get_authority, save_authorities
from fonds.catalog.importer import import_paths
from fonds.catalog.services import Status
from fonds.core.authority import AuthorityData, Variant

pytestmark = pytest.mark.django_db


def person(id="p1", name="Zhou Enlai", **kw) -> AuthorityData:
    return AuthorityData(id=id, kind="person", name=name, **kw)


def test_the_curated_file_is_loaded_with_every_field():
    kim = get_authority("kim-il-sung")
    assert kim.name == "Kim Il Sung" and kim.start == "1912" and kim.end == "1994"
    assert "Kim Ir Sen" in [v.name for v in kim.variants]
    assert "Premier" in kim.titles
    pyongyang = get_authority("pyongyang")
    assert pyongyang.kind == "place" and pyongyang.parent == "dprk" and pyongyang.coordinates == (39.03, 125.75)


def test_round_trip_and_unchanged_reimport():
    data = person(variants=[Variant("Chou En-lai", "https://example.org/a")], description="Premier", start="1898",
                  end="1976", external_ids={"viaf": "123"}, titles=["Premier"])
    assert [o.status for o in save_authorities([data])] == [Status.CREATED]
    assert get_authority("p1") == data
    assert [o.status for o in save_authorities([data])] == [Status.UNCHANGED]
    data.description = "Premier of the PRC"
    assert [o.status for o in save_authorities([data])] == [Status.UPDATED]


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (person(name="  "), "empty name"),
        (person(variants=[Variant("Z")]), "too short to link safely"),
        (person(variants=[Variant("Z.")]), "too short to link safely"),
        (AuthorityData(id="x", kind="place", name="X", parent="x"), "its own parent"),
    ],
)
def test_bad_authorities_are_refused_with_the_reason(bad, message):
    [outcome] = save_authorities([bad])
    assert outcome.status is Status.FAILED and message in outcome.error
    assert not m.Agent.objects.filter(key=bad.id).exists() and not m.Place.objects.filter(key=bad.id).exists()


def test_a_cycle_in_the_place_hierarchy_is_refused_and_nothing_changes():
    save_authorities([AuthorityData("a", "place", "A"), AuthorityData("b", "place", "B", parent="a")])
    [outcome] = save_authorities([AuthorityData("a", "place", "A", parent="b")])
    assert outcome.status is Status.FAILED and "cycle" in outcome.error and "a → b" in outcome.error
    assert get_authority("a").parent is None


def test_duplicate_authority_records_in_one_import_are_reported(tmp_path):
    f = tmp_path / "people.jsonl"
    rows = [person().to_json(), person(name="Chou En-lai").to_json()]
    f.write_text("".join(json.dumps(r) + "\n" for r in rows))
    report = import_paths([f])
    assert report.counts["created"] == 1
    [rejected] = report.rejected
    assert rejected.code == "duplicate_id" and f"{f}:2" in rejected.message
    assert get_authority("p1").name == "Zhou Enlai"


def test_one_id_cannot_be_two_kinds_of_authority():
    save_authorities([person(id="k1")])
    [outcome] = save_authorities([AuthorityData("k1", "place", "Somewhere")])
    assert outcome.status is Status.FAILED and "already a curated agent" in outcome.error
