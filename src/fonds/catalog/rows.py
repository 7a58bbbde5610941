"""Inserting many rows with one executemany, without building a model instance per row.

Django's ``bulk_create`` spends most of an import's database time compiling each value of each
instance (~5 µs a field). Here a row is a dict of column values inserted with the driver's
``executemany``. Each value is adapted exactly as Django would adapt it, on SQLite and PostgreSQL
alike: by the field's own ``get_db_prep_save``, except for the common cases whose outcome is
known without the call chain (a ``str`` for a text column, an ``int`` for an integer or a foreign
key, ``None`` anywhere), which pass as they are, and dates and JSON, which go straight to the
backend's adapter. ``tests/catalog/test_rows.py`` checks the shortcuts against
``get_db_prep_save`` on whichever database the tests run.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Sequence
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models import Model, fields as f
from django.db.models.fields.json import JSONField
from django.db.models.fields.related import ForeignKey

TEXT_FIELDS = (f.CharField, f.TextField, f.SlugField)
INTEGER_FIELDS = (
    f.IntegerField, f.BigIntegerField, f.SmallIntegerField, f.PositiveIntegerField,
    f.PositiveBigIntegerField, f.PositiveSmallIntegerField, f.AutoField, f.BigAutoField, f.SmallAutoField,
)


def insert(model: type[Model], rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts keyed by field attname; the pk is left to the database)."""
    if not rows:
        return
    # The wrapper itself, not django.db.connection: that proxy costs a thread-local lookup on
    # every attribute access, a third of this function's time on a large import.
    connection = connections[DEFAULT_DB_ALIAS]
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    for field in fields:
        if field.attname not in rows[0] and field.has_default():
            default = field.get_default()
            for row in rows:
                row.setdefault(field.attname, default)
    qn = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        qn(model._meta.db_table),
        ", ".join(qn(field.column) for field in fields),
        ", ".join(["%s"] * len(fields)),
    )
    columns = []
    for field in fields:
        plain, adapt = preparer(field, connection)
        name = field.attname
        values = [row[name] for row in rows]
        columns.append([v if v is None or type(v) in plain else adapt(v) for v in values])
    with connection.cursor() as cursor:
        cursor.executemany(sql, list(zip(*columns)))


def preparer(field: f.Field, connection) -> tuple[tuple[type, ...], Callable[[Any], Any]]:
    """For ``field``: the value types that go to the database as they are (as does ``None``, for
    every field here), and the function that adapts any other value.

    ``None`` passes for every field ``get_db_prep_save`` returns it unchanged for: text, integers,
    booleans, foreign keys, dates (``adapt_datefield_value(None)``), date-times and JSON (a
    Python ``None`` is SQL NULL for JSONField, not JSON null).
    """
    ops = connection.ops

    def slow(value: Any) -> Any:
        return field.get_db_prep_save(value, connection)

    kind = type(field)
    if kind in TEXT_FIELDS:
        return (str,), slow
    if kind is f.BooleanField:
        return (bool,), slow
    if kind in INTEGER_FIELDS or (kind is ForeignKey and type(field.target_field) in INTEGER_FIELDS):
        base = type(ops).adapt_integerfield_value is BaseDatabaseOperations.adapt_integerfield_value
        return ((int,) if base else ()), slow
    if kind is f.DateField:
        adapt_date = ops.adapt_datefield_value

        def date(value: Any) -> Any:
            return adapt_date(value) if type(value) is datetime.date else slow(value)

        return (), date
    base_json = type(ops).adapt_json_value is BaseDatabaseOperations.adapt_json_value
    if kind is JSONField and field.encoder is None and base_json:
        # What BaseDatabaseOperations.adapt_json_value does (SQLite): json.dumps, byte for byte.
        def to_json(value: Any) -> Any:
            if type(value) is list and not value:
                return "[]"
            if type(value) in (list, dict, str, int, bool):
                return json.dumps(value)
            return slow(value)

        return (), to_json
    if kind is f.DateTimeField:
        # One timestamp for a whole batch (created_at, updated_at): adapt it once.
        last: list = [object(), None]

        def moment(value: Any) -> Any:
            if value is not last[0]:
                last[0], last[1] = value, slow(value)
            return last[1]

        return (), moment
    return (), slow


def select_in(
    model: type[Model], columns: Sequence[str], field: str, values: Sequence[Any], chunk: int = 5000
) -> list[tuple]:
    """``model.objects.filter(<field>__in=values).values_list(*columns)`` in plain SQL.

    The ORM prepares every value of a long ``IN`` list one by one (~3 µs each); an import asks
    for a batch's records and authorities this way several times a batch. ``columns`` and
    ``field`` are field names (``"pk"`` for the primary key); no converters run, so they must be
    columns whose values come back as they are (text, integers).
    """
    if not values:
        return []
    connection = connections[DEFAULT_DB_ALIAS]
    meta = model._meta
    qn = connection.ops.quote_name
    lookup = meta.pk if field == "pk" else meta.get_field(field)
    plain, adapt = preparer(lookup, connection)
    select = ", ".join(qn((meta.pk if c == "pk" else meta.get_field(c)).column) for c in columns)
    out: list[tuple] = []
    with connection.cursor() as cursor:
        for start in range(0, len(values), chunk):
            part = [v if v is None or type(v) in plain else adapt(v) for v in values[start : start + chunk]]
            marks = ", ".join(["%s"] * len(part))
            cursor.execute(f"SELECT {select} FROM {qn(meta.db_table)} WHERE {qn(lookup.column)} IN ({marks})", part)
            out.extend(cursor.fetchall())
    return out
