"""The migrations describe the models exactly, and the reference data migration keeps every part."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


@pytest.mark.django_db
def test_models_and_migrations_agree():
    # Exits non-zero (SystemExit) when a model change has no migration.
    call_command("makemigrations", "catalog", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_references_stored_as_objects_become_ordered_pairs():
    executor = MigrationExecutor(connection)
    before, after = [("catalog", "0005_derived_spellings")], [("catalog", "0006_reference_pairs")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("catalog", "Record")
    old.objects.create(
        record_id="115958", slug="journal", title="Journal", content_hash="x",
        reference={"listy": "14-25", "delo": "6", "fond": "0102", "opis": "14", "shelf": "B"},
    )
    old.objects.create(record_id="none", slug="none", title="None", content_hash="y", reference={})
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    new = executor.loader.project_state(after).apps.get_model("catalog", "Record")
    stored = dict(new.objects.values_list("record_id", "reference"))
    # The usual archival order; a key the order does not know goes last, nothing is dropped.
    assert stored["115958"] == [["fond", "0102"], ["opis", "14"], ["delo", "6"], ["listy", "14-25"], ["shelf", "B"]]
    assert stored["none"] == []
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
