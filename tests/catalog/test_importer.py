"""An import run in process: bad records are rejected with the field named, nothing else is touched."""

from __future__ import annotations

import json

import pytest

from fonds.catalog.importer import import_paths
from fonds.catalog.services import get_record

pytestmark = pytest.mark.django_db


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_a_nul_character_is_rejected_naming_the_field(tmp_path):
    f = write_jsonl(tmp_path / "r.jsonl", [{"id": "a", "title": "fine"}, {"id": "b", "title": "bad\u0000title"}])
    report = import_paths([f])
    assert report.counts["created"] == 1
    [rejected] = report.rejected
    assert rejected.code == "bad_field" and "title contains a NUL character" in rejected.message
    assert f"{f}:2" in rejected.message


def test_an_over_long_type_is_rejected_before_the_database_sees_it(tmp_path):
    f = write_jsonl(tmp_path / "r.jsonl", [{"id": "a", "title": "t", "type": "x" * 101}])
    report = import_paths([f])
    [rejected] = report.rejected
    assert "type is 101 characters long; at most 100 fit" in rejected.message


def test_a_bad_record_in_a_batch_leaves_the_stored_version_alone(tmp_path):
    import_paths([write_jsonl(tmp_path / "a.jsonl", [{"id": "a", "title": "original"}])])
    report = import_paths([write_jsonl(tmp_path / "b.jsonl", [{"id": "a", "title": "new\u0000"}])])
    assert report.counts["rejected"] == 1
    assert get_record("a").title == "original"


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("cp1251", b""), ("utf-16", b""), ("utf-8", b"\xef\xbb\xbf")],
)
def test_files_in_other_encodings_import(tmp_path, encoding, bom):
    record = {"id": "r1", "title": "Беседа с послом Пузановым"}
    path = tmp_path / "r.jsonl"
    path.write_bytes(bom + (json.dumps(record, ensure_ascii=False) + "\n").encode(encoding))
    report = import_paths([path])
    assert report.counts["created"] == 1, [e.message for e in report.rejected]
    assert get_record("r1").title == "Беседа с послом Пузановым"


def test_a_csv_missing_a_required_column_is_one_clear_error(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("id,date\n1,1957\n", encoding="utf-8")
    report = import_paths([path], format="csv")
    [rejected] = report.rejected
    assert rejected.code == "missing_field" and "title" in rejected.message and "r.csv" in rejected.message


def test_a_file_too_large_to_read_whole_is_refused_without_reading_it(tmp_path, monkeypatch):
    from fonds.ingest import pipeline

    monkeypatch.setattr(pipeline, "MAX_WHOLE_FILE_BYTES", 1024)
    page = tmp_path / "big.txt"
    page.write_text("Skip to content\n\nDecember 20, 1957\n\nTitle\n\n" + "word " * 1000 + "\n\nDocument Information\n")
    report = import_paths([page])
    [rejected] = report.rejected
    assert rejected.code == "too_large" and "may be at most" in rejected.message


def test_a_20_mb_page_imports_whole_and_is_searchable(tmp_path, reference_page, index_dir):
    from fonds import search

    text = reference_page.read_text(encoding="utf-8")
    filler = "\n\n".join(f"Paragraph {i} of a very long appendix about grain deliveries." for i in range(330_000))
    big = text.replace("Five copies printed", filler + "\n\nThe last paragraph mentions Hamgyŏng.\n\nFive copies printed")
    path = tmp_path / "big.txt"
    path.write_text(big, encoding="utf-8")
    assert path.stat().st_size > 20 * 2**20
    report = import_paths([path])
    assert report.counts["created"] == 1, [e.message for e in report.rejected]
    record = get_record("115958")
    assert "The last paragraph mentions Hamgyŏng." in record.paragraphs
    assert len(record.paragraphs) > 330_000
    assert record.summary.startswith("PRC Ambassador Qiao Xiaoguang")
    search.sync()
    assert [h.id for h in search.search(search.SearchRequest(q="hamgyong")).hits] == ["115958"]
