"""Result exports: every hit, not just the page, streamed as CSV or JSON in the record formats."""

from __future__ import annotations

import csv
import io
import json

from fonds.catalog.services import get_record
from fonds.core.record import RecordData
from fonds.ingest.csv_records import row_to_record


def body(response) -> str:
    assert response.streaming
    return b"".join(response.streaming_content).decode("utf-8")


def test_json_export_has_every_hit_as_full_records(client, archive):
    page = client.get("/search?format=json&q=ambassador&per_page=2").json()
    assert page["total"] > 2
    response = client.get("/search/export.json?q=ambassador&per_page=2")
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    records = json.loads(body(response))
    assert len(records) == page["total"]
    assert records[0] == get_record(records[0]["id"]).to_json()


def test_csv_export_reads_back_into_the_same_records(client, archive):
    response = client.get("/search/export.csv?type=Telegram&sort=date")
    rows = list(csv.DictReader(io.StringIO(body(response))))
    page = client.get("/search?format=json&type=Telegram&sort=date").json()
    assert [r["id"] for r in rows] == [h["id"] for h in page["hits"]]
    for i, row in enumerate(rows, start=2):
        assert row_to_record(row, i) == get_record(row["id"])


def test_an_export_of_nothing_is_valid(client, archive):
    assert json.loads(body(client.get("/search/export.json?q=zzzqqqxxx"))) == []
    assert body(client.get("/search/export.csv?q=zzzqqqxxx")).startswith("id,title,")


def test_bad_parameters_and_formats_use_the_envelope(client, archive):
    assert client.get("/search/export.json?from=abc").status_code == 400
    assert client.get("/search/export.xml").status_code == 404
    assert isinstance(RecordData, type)
