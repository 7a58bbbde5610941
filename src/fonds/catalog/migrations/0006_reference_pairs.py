"""Record.reference becomes a list of [key, value] pairs, so that its order survives jsonb.

Rows written before keep their parts; on PostgreSQL their order was already lost, so they are
put in the usual archival order (fond, opis, ... listy; record group, entry, box, folder).
"""

from django.db import migrations, models

_ORDER = [
    "fond", "perechen", "opis", "year", "papka", "por", "delo", "dokument", "listy",
    "record_group", "entry", "box", "folder", "file",
]


def _rank(key: str) -> int:
    return _ORDER.index(key) if key in _ORDER else len(_ORDER)


def to_pairs(apps, schema_editor):
    Record = apps.get_model("catalog", "Record")
    changed = []
    for row in Record.objects.only("pk", "reference").iterator(chunk_size=2000):
        if isinstance(row.reference, dict):
            row.reference = [[k, v] for k, v in sorted(row.reference.items(), key=lambda kv: _rank(kv[0]))]
            changed.append(row)
        if len(changed) >= 2000:
            Record.objects.bulk_update(changed, ["reference"])
            changed = []
    if changed:
        Record.objects.bulk_update(changed, ["reference"])


def to_object(apps, schema_editor):
    Record = apps.get_model("catalog", "Record")
    for row in Record.objects.only("pk", "reference").iterator(chunk_size=2000):
        if isinstance(row.reference, list):
            row.reference = dict(row.reference)
            row.save(update_fields=["reference"])


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0005_derived_spellings"),
    ]

    operations = [
        migrations.AlterField(
            model_name="record",
            name="reference",
            field=models.JSONField(default=list),
        ),
        migrations.RunPython(to_pairs, to_object),
    ]
