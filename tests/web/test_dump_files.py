"""``/dumps/latest/<file>``: the newest dump's files, nothing else, and a link to them on the home page."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from fonds.catalog import dumps

FILES = ["records.jsonl.gz", "records.csv.gz", "manifest.json", "SHA256SUMS"]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT / "dumps"


def fetch(client, url: str):
    """The response and its whole body, the response closed (FileResponse holds the file open)."""
    response = client.get(url)
    try:
        content = b"".join(response.streaming_content) if response.streaming else response.content
    finally:
        response.close()
    return response, content


def test_latest_serves_each_file_of_the_newest_dump(archive, media, client):
    older = dumps.write_dump(now=datetime(2024, 1, 1, tzinfo=timezone.utc))
    newer = dumps.write_dump(now=datetime(2025, 6, 30, 12, 0, 5, tzinfo=timezone.utc))
    assert newer.name == "fonds-dump-20250630T120005Z" and older.path.is_dir()
    assert dumps.latest() == newer
    for name in FILES:
        response, content = fetch(client, f"/dumps/latest/{name}")
        assert response.status_code == 200, name
        assert content == (newer.path / name).read_bytes()
    gz, _ = fetch(client, "/dumps/latest/records.jsonl.gz")
    assert gz["Content-Type"] == "application/gzip"
    assert "Content-Encoding" not in gz  # the bytes the checksums are of, not decompressed by the browser
    assert 'attachment; filename="records.jsonl.gz"' == gz["Content-Disposition"]
    manifest, content = fetch(client, "/dumps/latest/manifest.json")
    assert manifest["Content-Type"] == "application/json"
    assert json.loads(content)["record_count"] == 12


@pytest.mark.parametrize(
    "path",
    [
        "/dumps/latest/secret.txt",
        "/dumps/latest/..",
        "/dumps/latest/..%2F..%2Fsecret.key",
        "/dumps/latest/%2E%2E",
        "/dumps/latest/.fonds-dump-20990101T000000Z.partial",
        "/dumps/latest/records.jsonl",
    ],
)
def test_nothing_else_is_served(archive, media, client, path):
    dumps.write_dump(now=datetime(2024, 1, 1, tzinfo=timezone.utc))
    (media / "secret.txt").write_text("no")
    assert client.get(path).status_code == 404


def test_a_tampered_manifest_cannot_reach_outside_the_dump(archive, media, client):
    dump = dumps.write_dump(now=datetime(2024, 1, 1, tzinfo=timezone.utc))
    manifest = json.loads((dump.path / "manifest.json").read_text())
    manifest["files"].append({"name": "..", "size": 0, "sha256": ""})
    (dump.path / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(dumps.DumpFileNotFound):
        dumps.latest_file("..")


def test_unfinished_and_foreign_folders_are_not_dumps(archive, media):
    dump = dumps.write_dump(now=datetime(2024, 1, 1, tzinfo=timezone.utc))
    (media / ".fonds-dump-20990101T000000Z.partial").mkdir()
    (media / "fonds-dump-20990101T000000Z").mkdir()  # no manifest: never finished
    (media / "something-else").mkdir()
    assert dumps.list_dumps() == [dump]


def test_no_dump_yet_is_a_404_and_no_link(db, index_dir, media, client):
    assert client.get("/dumps/latest/manifest.json").status_code == 404
    assert "/dumps/latest/" not in client.get("/").content.decode()


def test_home_links_the_latest_dump(archive, media, client):
    dumps.write_dump(now=datetime(2024, 1, 1, tzinfo=timezone.utc))
    page = client.get("/").content.decode()
    for name in FILES:
        assert f'href="/dumps/latest/{name}"' in page
    assert "2024-01-01" in page


def test_a_second_dump_in_the_same_second_is_refused(archive, media):
    when = datetime(2024, 1, 1, tzinfo=timezone.utc)
    dumps.write_dump(now=when)
    with pytest.raises(dumps.DumpExists):
        dumps.write_dump(now=when)
    assert len(dumps.list_dumps()) == 1


def test_prune_keeps_the_newest_finished_dumps_and_nothing_else_is_touched(archive, media):
    made = [dumps.write_dump(now=datetime(2024, month, 1, tzinfo=timezone.utc)) for month in (1, 2, 3)]
    partial = media / "fonds-dump-20250101T000000Z.partial"
    partial.mkdir()  # a dump being written
    foreign = media / "photos"
    foreign.mkdir()
    removed = dumps.prune(2, media)
    assert removed == [made[0].path]
    assert [d.name for d in dumps.list_dumps(media)] == [made[2].name, made[1].name]
    assert partial.is_dir() and foreign.is_dir()
    assert dumps.prune(2, media) == []
    with pytest.raises(ValueError):
        dumps.prune(0, media)
