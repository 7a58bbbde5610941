"""Inserting many rows with one executemany, without building a model instance per row.

Django's ``bulk_create`` spends most of an import's database time compiling each value of each
instance (~5 µs a field). Here a row is a dict of column values, prepared by the field's own
``get_db_prep_save`` (so JSON and dates are adapted exactly as Django would, on SQLite and
PostgreSQL alike) and inserted with the driver's ``executemany``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model


def insert(model: type[Model], rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts keyed by field attname; the pk is left to the database)."""
    if not rows:
        return
    # The wrapper itself, not django.db.connection: that proxy costs a thread-local lookup on
    # every attribute access, a third of this function's time on a large import.
    connection = connections[DEFAULT_DB_ALIAS]
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    for f in fields:
        if f.attname not in rows[0] and f.has_default():
            default = f.get_default()
            for row in rows:
                row.setdefault(f.attname, default)
    qn = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        qn(model._meta.db_table),
        ", ".join(qn(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    prepared = [[f.get_db_prep_save(row[f.attname], connection) for f in fields] for row in rows]
    with connection.cursor() as cursor:
        cursor.executemany(sql, prepared)
