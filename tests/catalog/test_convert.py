"""The catalogue's reader (iter_data, data_by_pk, data_by_id) gives back every field of what was saved."""

from __future__ import annotations

import pytest

from fonds.catalog import models as m
from fonds.catalog.convert import data_by_id, data_by_pk, iter_data
from fonds.catalog.services import save_records
from fonds.core.record import CollectionRef, RecordData, Ref, Repository

from test_services import full_record

pytestmark = pytest.mark.django_db


def records() -> list[RecordData]:
    return [
        full_record(),
        full_record(id="2", repository=None, donors=[], people=[], places=[], subjects=[], authors=[], notes=[],
                    page_breaks=[], transcripts=[], date=None, date_start=None, date_end=None, uploaded=None),
        full_record(
            id="3",
            repository=Repository(None, "An archive without a code"),
            collections=[CollectionRef("child", "Child", "parent"), CollectionRef("parent", "Parent", None)],
            people=[Ref("z", "Zed", "last in the alphabet, first here"), Ref("a", "Ay")],
            donors=["Second donor", "ROK Ministry of Unification"],
            reference={"opis": "1", "fond": "2"},
        ),
        RecordData(id="4", title="Bare"),
    ]


def test_iter_data_gives_back_every_field_in_chunks():
    given = records()
    save_records(given)
    assert list(iter_data(m.Record.objects.all(), chunk=3)) == given
    assert list(iter_data(m.Record.objects.all(), chunk=1)) == given
    assert [r.to_json() for r in iter_data(m.Record.objects.filter(record_id__in=["3", "4"]))] == [
        r.to_json() for r in given[2:]
    ]


def test_data_by_pk():
    save_records(records())
    pks = dict(m.Record.objects.values_list("record_id", "pk"))
    found = data_by_pk([pks["3"], pks["115958"], 10**9])
    assert set(found) == {pks["3"], pks["115958"]}
    assert found[pks["3"]] == records()[2]


def test_data_by_id():
    save_records(records())
    found = data_by_id(["4", "3", "no-such-record"])
    assert found == {"4": records()[3], "3": records()[2]}
