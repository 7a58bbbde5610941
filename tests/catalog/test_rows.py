"""rows.insert adapts each value exactly as the field's own get_db_prep_save would (on whichever
database the tests run), and inserts rows the ORM reads back unchanged."""

from __future__ import annotations

import datetime

import pytest
from django.db import connections
from django.utils import timezone

from fonds.catalog import models as m
from fonds.catalog import rows

pytestmark = pytest.mark.django_db

SAMPLES = [
    None, "", "text", "Ünïcödé — 平壤 😀", 0, 7, -3, 2**40, True, False, 1.5,
    [], ["a", "ü"], [["fond", "0102"]], {"k": [1, None, "x"]},
    datetime.date(1957, 12, 20), datetime.date(1, 1, 1),
    datetime.datetime(2024, 5, 1, 12, 30, tzinfo=datetime.timezone.utc),
]


def adapted(value):
    """A prepared value as comparable data (psycopg wraps JSON and some integers)."""
    if hasattr(value, "obj"):  # psycopg's Jsonb
        return ("json", repr(value.obj))
    return (type(value).__name__ if not isinstance(value, int) else "int", value)


@pytest.mark.parametrize("model", [m.Record, m.Mention, m.OutboxEntry, m.RecordDonor, m.RecordAgent, m.Agent])
def test_shortcuts_prepare_what_django_prepares(model):
    connection = connections["default"]
    for field in model._meta.concrete_fields:
        plain, adapt = rows.preparer(field, connection)
        for value in SAMPLES:
            try:
                expected = field.get_db_prep_save(value, connection)
            except Exception as exc:  # the shortcut must fail alike
                with pytest.raises(type(exc)):
                    adapt(value)
                continue
            got = value if value is None or type(value) in plain else adapt(value)
            assert adapted(got) == adapted(expected), (model.__name__, field.name, value)


def test_inserted_rows_read_back_unchanged():
    from fonds.catalog.writer import row_fields
    from fonds.core.record import RecordData

    now = timezone.now()
    first = row_fields(RecordData("r1", "Title ü", date_start="1957-12-20", paragraphs=["one", "twö"], reference={"fond": "1"}), "x")
    second = row_fields(RecordData("r2", "Two"), "y")
    rows.insert(m.Record, [{**r, "repository_id": None, "created_at": now, "updated_at": now} for r in (first, second)])
    r1, r2 = m.Record.objects.order_by("record_id")
    assert (r1.title, r1.date_start, r1.paragraphs, r1.reference) == ("Title ü", datetime.date(1957, 12, 20), ["one", "twö"], [["fond", "1"]])
    assert (r2.paragraphs, r2.date_start, r2.keywords, r2.content_hash) == ([], None, [], "y")
    assert r1.created_at == now and r2.updated_at == now


def test_select_in_answers_as_the_orm_does():
    from fonds.catalog.writer import row_fields
    from fonds.core.record import RecordData

    now = timezone.now()
    rows.insert(m.Record, [
        {**row_fields(RecordData(rid, f"Title {rid}"), f"hash-{rid}"), "repository_id": None, "created_at": now, "updated_at": now}
        for rid in ("a", "b", "c")
    ])
    wanted = ["a", "c", "missing", "a"]
    expected = set(m.Record.objects.filter(record_id__in=wanted).values_list("pk", "record_id", "content_hash"))
    assert set(rows.select_in(m.Record, ("pk", "record_id", "content_hash"), "record_id", wanted)) == expected
    assert set(rows.select_in(m.Record, ("record_id",), "record_id", wanted, chunk=1)) == {("a",), ("c",)}
    assert rows.select_in(m.Record, ("pk",), "record_id", []) == []
