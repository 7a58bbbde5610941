"""Gzip files are read transparently: recognised by their magic bytes, decompressed as they stream,
parsed as the text inside, and refused with the file named when the compressed data is damaged."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from fonds.core.record import RecordData
from fonds.ingest.base import Code
from fonds.ingest.csv_records import write_csv
from fonds.ingest.pipeline import iter_items
from fonds.ingest.sources import HEAD_BYTES, open_source


def records(n: int, text: str = "A paragraph.") -> list[RecordData]:
    return [RecordData(id=f"r{i:03d}", title=f"Record {i}", paragraphs=[text]) for i in range(n)]


def jsonl(recs: list[RecordData]) -> bytes:
    return "".join(json.dumps(r.to_json(), ensure_ascii=False) + "\n" for r in recs).encode()


def test_gzip_is_recognised_by_its_bytes_not_its_name(tmp_path):
    path = tmp_path / "no-extension"
    path.write_bytes(gzip.compress(jsonl(records(2))))
    source, head = open_source(path, "no-extension")
    assert source.compressed
    assert head.startswith('{"id": "r000"')
    assert [item.record.id for item in iter_items([path])] == ["r000", "r001"]


def test_plain_files_are_unchanged(tmp_path):
    path = tmp_path / "records.jsonl"
    path.write_bytes(jsonl(records(2)))
    source, _ = open_source(path, "records.jsonl")
    assert not source.compressed and source.format_path == path


def test_gzipped_jsonl_and_csv_give_the_records_of_the_plain_files(tmp_path):
    recs = records(3, text="Ünïcödé — ŏ ’ 平壤\r\nwith a CR LF inside")
    csv_text = io.StringIO(newline="")
    write_csv(recs, csv_text)
    for name, data in (("records.jsonl", jsonl(recs)), ("records.csv", csv_text.getvalue().encode())):
        plain, packed = tmp_path / name, tmp_path / f"{name}.gz"
        plain.write_bytes(data)
        packed.write_bytes(gzip.compress(data))
        got = [item.record for item in iter_items([packed])]
        assert got == [item.record for item in iter_items([plain])] == recs, name


def test_a_first_line_longer_than_the_head_is_still_jsonl_by_its_inner_name(tmp_path):
    # The head is too short to hold the first record; the parser is chosen by "records.jsonl".
    recs = records(2, text="x" * (HEAD_BYTES * 2))
    path = tmp_path / "records.jsonl.gz"
    path.write_bytes(gzip.compress(jsonl(recs)))
    source, _ = open_source(path, str(path))
    assert source.format_path == tmp_path / "records.jsonl"
    assert [item.record for item in iter_items([path])] == recs


def test_an_empty_gzip_is_an_empty_file(tmp_path):
    path = tmp_path / "empty.jsonl.gz"
    path.write_bytes(gzip.compress(b""))
    [item] = iter_items([path])
    assert item.error.code == Code.EMPTY_FILE and item.error.file == str(path)


def test_damage_in_the_head_rejects_the_file_by_name(tmp_path):
    data = gzip.compress(jsonl(records(3)))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    [item] = iter_items([path])
    assert item.error.code == Code.UNREADABLE
    assert str(item.error).startswith(f"{path}: cannot read the file: the gzip data is damaged or incomplete")


def test_damage_past_the_head_keeps_what_was_read_and_names_the_file(tmp_path):
    # Incompressible-ish text so the cut falls well after the first 64 KB of decompressed data.
    recs = [RecordData(id=f"r{i:04d}", title=f"Record {i}", paragraphs=[f"{i * 7919:x}" * 50]) for i in range(2000)]
    data = gzip.compress(jsonl(recs))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: int(len(data) * 0.9)])
    items = list(iter_items([path]))
    read, last = items[:-1], items[-1]
    assert read and all(item.record is not None for item in read)
    assert [item.record for item in read] == recs[: len(read)]
    assert last.error.code == Code.UNREADABLE and last.error.file == str(path)
    assert "the gzip data is damaged or incomplete" in last.error.message


def test_gzip_stream_reads_lazily(tmp_path):
    # lines() streams: the text is never read whole (nothing is cached on the source).
    path = tmp_path / "records.jsonl.gz"
    path.write_bytes(gzip.compress(jsonl(records(5))))
    source, _ = open_source(path, "records.jsonl.gz")
    first = next(iter(source.lines()))
    assert first.startswith('{"id": "r000"') and source._text is None
    assert Path(source.path) == path
