"""Dumps read records in record-id order (code-point order on every store) in constant memory."""

from __future__ import annotations

import pytest

from fonds.catalog.dumps import iter_records_by_id
from fonds.catalog.services import delete_record, save_records
from fonds.core.record import CollectionRef, RecordData

pytestmark = pytest.mark.django_db

IDS = ["b", "B", "a-2", "a_1", "a 1", "Z", "é", "e", "frus1918/d11", "frus1918/d2", "10", "9", "平壤"]


def test_records_come_sorted_by_id_in_code_point_order():
    save_records([RecordData(id=i, title=f"Record {i}") for i in IDS])
    assert [r.id for r in iter_records_by_id(chunk=4)] == sorted(IDS)


def test_every_record_once_across_chunks_with_its_relations():
    save_records([RecordData(id=f"r{i:02d}", title="x", collections=[CollectionRef("c", "C")]) for i in range(23)])
    delete_record("r05")
    got = list(iter_records_by_id(chunk=5))
    assert [r.id for r in got] == [f"r{i:02d}" for i in range(23) if i != 5]
    assert all(r.collections == [CollectionRef("c", "C")] for r in got)
