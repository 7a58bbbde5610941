"""`fonds dump`: a versioned folder whose checksums verify, whose files read back, and whose import
into an empty archive gives the same records; a damaged .gz is refused with the file named."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from fonds.demo import SAMPLES_DIR

NAME = re.compile(r"^fonds-dump-\d{8}T\d{6}Z$")
SUMS_LINE = re.compile(r"^([0-9a-f]{64})  (\S+)$")


def records_of(cli) -> dict[str, dict]:
    """Every record of a home, by id (`fonds export` orders by storage, not by id)."""
    lines = cli.run("export").stdout.splitlines()
    records = [json.loads(line) for line in lines]
    return {r["id"]: r for r in records}


@pytest.fixture
def dumped(make_cli):
    """A home with the demo samples and a dump in the default place: (cli, dump folder, process)."""
    cli = make_cli()
    cli.run("import", SAMPLES_DIR)
    proc = cli.run("dump")
    return cli, Path(proc.stdout.strip()), proc


def test_dump_goes_to_media_dumps_in_a_timestamped_folder(dumped):
    cli, folder, proc = dumped
    assert folder.parent == cli.home.resolve() / "media" / "dumps"
    assert NAME.match(folder.name)
    assert sorted(p.name for p in folder.iterdir()) == ["SHA256SUMS", "manifest.json", "records.csv.gz", "records.jsonl.gz"]
    assert "12 record(s)" in proc.stderr
    # Nothing half-written is left beside it.
    assert [p.name for p in folder.parent.iterdir()] == [folder.name]


def test_manifest_describes_the_dump_and_its_checksums_verify(dumped):
    _, folder, _ = dumped
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["format"] == "fonds-dump" and manifest["format_version"] == 1
    assert manifest["fonds_version"]
    assert manifest["record_count"] == 12
    assert folder.name == "fonds-dump-" + manifest["created_at"].replace("-", "").replace(":", "")
    assert [f["name"] for f in manifest["files"]] == ["records.jsonl.gz", "records.csv.gz"]
    for f in manifest["files"]:
        data = (folder / f["name"]).read_bytes()
        assert f["size"] == len(data)
        assert f["sha256"] == hashlib.sha256(data).hexdigest()
        assert f["schema"].startswith("docs/") and (Path(__file__).parents[2] / f["schema"]).is_file()
    assert set(manifest["schema_docs"].values()) == {"docs/record-format.md", "docs/csv-format.md"}


def test_sha256sums_is_in_sha256sum_check_format(dumped):
    _, folder, _ = dumped
    lines = (folder / "SHA256SUMS").read_text().splitlines()
    parsed = [SUMS_LINE.match(line) for line in lines]
    assert all(parsed), lines
    assert [p[2] for p in parsed] == ["records.jsonl.gz", "records.csv.gz", "manifest.json"]
    for p in parsed:
        assert hashlib.sha256((folder / p[2]).read_bytes()).hexdigest() == p[1]
    if shutil.which("sha256sum"):
        proc = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=folder, capture_output=True, text=True)
        assert proc.returncode == 0, proc.stdout + proc.stderr


def test_files_are_gzip_streams_of_the_export_sorted_by_id(dumped):
    cli, folder, _ = dumped
    exported = records_of(cli)
    with gzip.open(folder / "records.jsonl.gz", "rt", encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    dumped_records = [json.loads(line) for line in lines]
    assert [r["id"] for r in dumped_records] == sorted(exported)
    assert {r["id"]: r for r in dumped_records} == exported
    with gzip.open(folder / "records.csv.gz", "rt", encoding="utf-8", newline="") as fh:
        header = fh.readline()
    assert header.startswith("id,title,")


def test_importing_the_dump_into_an_empty_home_gives_identical_records(dumped, make_cli):
    source, folder, _ = dumped
    expected = records_of(source)
    for name in ("records.jsonl.gz", "records.csv.gz"):
        target = make_cli()
        proc = target.run("import", folder / name)
        assert "12 created" in proc.stderr and "0 rejected" in proc.stderr
        assert records_of(target) == expected, name


def test_round_trip_export_dump_import_export(make_cli, tmp_path):
    """The whole path on whatever store the suite runs on (SQLite, or PostgreSQL in CI)."""
    first, second = make_cli(), make_cli()
    first.run("import", SAMPLES_DIR)
    before = first.run("export").stdout
    folder = Path(first.run("dump", "--output", tmp_path / "out").stdout.strip())
    assert folder.parent == (tmp_path / "out").resolve()
    second.run("import", folder / "records.jsonl.gz")
    after = second.run("export").stdout
    assert sorted(before.splitlines()) == sorted(after.splitlines())


def test_a_damaged_gzip_is_refused_naming_the_file(dumped, make_cli, tmp_path):
    _, folder, _ = dumped
    data = (folder / "records.jsonl.gz").read_bytes()
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(data[: len(data) // 2])
    flipped = tmp_path / "flipped.jsonl.gz"
    flipped.write_bytes(data[:-8] + bytes(b ^ 0xFF for b in data[-8:-4]) + data[-4:])  # the CRC
    for bad in (cut, flipped):
        cli = make_cli()
        proc = cli.run("import", bad, check=False)
        assert proc.returncode == 1, proc.stderr
        assert f"rejected {bad}: cannot read the file: the gzip data is damaged or incomplete" in proc.stderr
        assert "[unreadable]" in proc.stderr
        assert cli.run("export").stdout == ""


def test_dump_of_an_empty_archive(cli, tmp_path):
    folder = Path(cli.run("dump", "-o", tmp_path).stdout.strip())
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["record_count"] == 0
    with gzip.open(folder / "records.jsonl.gz", "rb") as fh:
        assert fh.read() == b""


def test_keep_removes_older_dumps_after_writing(dumped):
    import time

    cli, first, _ = dumped
    time.sleep(1.1)  # dump folders are named to the second
    proc = cli.run("dump", "--keep", "1")
    newest = Path(proc.stdout.strip())
    assert newest.is_dir() and not first.exists()
    assert f"removed the older dump {first.name}" in proc.stderr
    bad = cli.run("dump", "--keep", "0", check=False)
    assert bad.returncode != 0 and "--keep 0: keep at least the dump just written" in bad.stderr
    assert newest.is_dir()
