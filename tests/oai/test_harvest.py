"""Harvesting a real `fonds serve` (gunicorn, two workers) with Sickle, an OAI-PMH client.

Each test fills a fresh home with `fonds import` (the 12 demo samples and generated JSONL records,
enough for several pages at the default page size of 100), starts the server on a free port and
stops its process group at the end. The last test imports changed and new records between two
pages of a harvest, driving the HTTP requests itself so that it controls the timing.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from lxml import etree

from fonds.oai import protocol
from fonds.oai.formats import MODS_NS
from servers import free_port, stop, wait_until_answering

sickle_module = pytest.importorskip("sickle", reason="Sickle (the test extra) is not installed")
Sickle = sickle_module.Sickle

HOST = "127.0.0.1"
STAMP = "%Y-%m-%dT%H:%M:%SZ"
OAI = {"o": protocol.OAI_NS}
SAMPLE_IDS = {f"9000{n:02d}" for n in range(1, 13)}
SERIES = {"id": "gen-series", "name": "Generated Series", "parent": None}
VOL_A = {"id": "gen-vol-a", "name": "Generated Series, Volume A", "parent": "gen-series"}
VOL_B = {"id": "gen-vol-b", "name": "Generated Series, Volume B", "parent": "gen-series"}
MISC = {"id": "gen-misc", "name": "Miscellany", "parent": None}


def _collections(i: int) -> list[dict]:
    return [[SERIES, VOL_A], [VOL_B], [MISC]][i % 3]


def _records(prefix: str, numbers: range, title: str = "Memorandum") -> list[dict]:
    """Records in the JSONL export format; ids carry a "/" like FRUS ids do."""
    return [
        {
            "id": f"{prefix}/d{i}",
            "title": f"{title} number {i}",
            "date": f"19{50 + i % 40}-{1 + i % 12:02d}-{1 + i % 28:02d}",
            "type": "Memorandum of Conversation",
            "summary": f"Generated record {i} for the harvesting tests.",
            "text": f"Paragraph one of {i}.\n\nParagraph two.",
            "original_language": ["ru"],
            "translator": "Anna Petrova",
            "rights": "CC0 1.0",
            "collections": _collections(i),
            "authors": [{"id": f"author-{i % 7}", "name": f"Author {i % 7}", "description": None}],
        }
        for i in numbers
    ]


def _write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _ids(records: list[dict]) -> set[str]:
    return {r["id"] for r in records}


def _record_id(identifier: str) -> str:
    record_id = protocol.parse_identifier(HOST, identifier)
    assert record_id is not None, identifier
    return record_id


def _next_second() -> None:
    """Sleep into the next whole second, so that what is stored next has a later datestamp."""
    time.sleep(1.05 - time.time() % 1)


@contextmanager
def serving(cli) -> Iterator[str]:
    """`fonds serve` on a free port; yields the OAI-PMH base URL."""
    port = free_port(HOST)
    proc = cli.popen("serve", "--host", HOST, "--port", port, "--workers", "2")
    output: list[str] = []
    # Drain the server's output (its access log) so that a full pipe never blocks it.
    reader = threading.Thread(target=lambda: output.extend(proc.stdout), daemon=True)
    reader.start()
    base = f"http://{HOST}:{port}/oai"
    try:
        wait_until_answering(base + "?verb=Identify", proc, lambda r: r.status == 200, lambda: "".join(output))
        yield base
    finally:
        stop(proc)
        reader.join(timeout=10)
        proc.stdout.close()


def _get(base: str, **params: str) -> etree._Element:
    with urllib.request.urlopen(base + "?" + urllib.parse.urlencode(params), timeout=30) as r:
        assert r.status == 200
        assert r.headers["Content-Type"] == "text/xml; charset=utf-8"
        return etree.fromstring(r.read())


def _once(ids: list[str]) -> Counter:
    counts = Counter(ids)
    assert [rid for rid, n in counts.items() if n != 1] == []
    return counts


def test_sickle_harvests_every_record_once(cli, samples_dir, tmp_path):
    first = _records("genA", range(250))
    later = _records("genB", range(250, 270))
    cli.run("import", samples_dir)
    cli.run("import", _write(tmp_path / "a.jsonl", first))
    _next_second()
    cli.run("import", _write(tmp_path / "b.jsonl", later))
    everything = SAMPLE_IDS | _ids(first) | _ids(later)
    titles = {r["id"]: r["title"] for r in first + later}

    with serving(cli) as base:
        # Several pages at the default size of 100, each carrying the list's size and its place.
        page = _get(base, verb="ListIdentifiers", metadataPrefix="oai_dc").find("o:ListIdentifiers", OAI)
        token = page.find("o:resumptionToken", OAI)
        assert len(page.findall("o:header", OAI)) == 100
        assert (token.get("completeListSize"), token.get("cursor")) == (str(len(everything)), "0")

        sickle = Sickle(base, max_retries=0, timeout=60)
        records = list(sickle.ListRecords(metadataPrefix="oai_dc"))
        assert set(_once([_record_id(r.header.identifier) for r in records])) == everything
        dc = {_record_id(r.header.identifier): r.metadata for r in records}
        assert dc["genA/d7"]["title"] == ["Memorandum number 7"]
        assert dc["genA/d7"]["contributor"] == ["Anna Petrova"]
        assert dc["genA/d7"]["identifier"] == [base.removesuffix("/oai") + "/documents/genA/d7", "genA/d7"]

        records = list(sickle.ListRecords(metadataPrefix="mods"))
        assert set(_once([_record_id(r.header.identifier) for r in records])) == everything
        for r in records:
            rid = _record_id(r.header.identifier)
            title = r.xml.find(f".//{{{MODS_NS}}}mods/{{{MODS_NS}}}titleInfo/{{{MODS_NS}}}title")
            assert title is not None and (rid in SAMPLE_IDS or title.text == titles[rid])

        headers = list(sickle.ListIdentifiers(metadataPrefix="oai_dc"))
        assert set(_once([_record_id(h.identifier) for h in headers])) == everything
        assert not any(h.deleted for h in headers)
        stamps = {_record_id(h.identifier): h.datestamp for h in headers}
        specs = {_record_id(h.identifier): h.setSpecs for h in headers}
        assert specs["genA/d3"] == ["gen-series", "gen-series:gen-vol-a"]
        assert specs["genA/d4"] == ["gen-series:gen-vol-b"]

        sets = {s.setSpec: s.setName for s in sickle.ListSets()}
        assert sets == {
            "gen-series": "Generated Series",
            "gen-series:gen-vol-a": "Generated Series, Volume A",
            "gen-series:gen-vol-b": "Generated Series, Volume B",
            "gen-misc": "Miscellany",
        }

        # Selective harvesting by set: a parent set holds its children's records.
        generated = first + later
        for spec, groups in (("gen-series", {0, 1}), ("gen-series:gen-vol-b", {1}), ("gen-misc", {2})):
            got = [_record_id(h.identifier) for h in sickle.ListIdentifiers(metadataPrefix="oai_dc", set=spec)]
            assert set(_once(got)) == {r["id"] for i, r in enumerate(generated) if i % 3 in groups}, spec

        # Selective harvesting by datestamp: the later import alone, then everything before it.
        later_stamp = {stamps[rid] for rid in _ids(later)}
        assert len(later_stamp) == 1
        (b_stamp,) = later_stamp
        assert all(stamps[rid] < b_stamp for rid in everything - _ids(later))
        got = [_record_id(r.header.identifier) for r in sickle.ListRecords(metadataPrefix="oai_dc", **{"from": b_stamp})]
        assert set(_once(got)) == _ids(later)
        before = (dt.datetime.strptime(b_stamp, STAMP) - dt.timedelta(seconds=1)).strftime(STAMP)
        got = [_record_id(h.identifier) for h in sickle.ListIdentifiers(metadataPrefix="oai_dc", until=before)]
        assert set(_once(got)) == everything - _ids(later)

        with pytest.raises(sickle_module.oaiexceptions.NoRecordsMatch):
            list(sickle.ListIdentifiers(metadataPrefix="oai_dc", **{"from": "2999-01-01"}))


def test_harvest_survives_imports_between_pages(cli, samples_dir, tmp_path):
    original = _records("genA", range(250))
    cli.run("import", samples_dir)
    cli.run("import", _write(tmp_path / "a.jsonl", original))
    before = SAMPLE_IDS | _ids(original)

    with serving(cli) as base:
        seen: list[str] = []
        titles: dict[str, list[str]] = {}

        def take(root: etree._Element) -> str | None:
            assert root.find("o:error", OAI) is None, etree.tostring(root)
            body = root.find("o:ListRecords", OAI)
            for record in body.findall("o:record", OAI):
                rid = _record_id(record.findtext("o:header/o:identifier", namespaces=OAI))
                seen.append(rid)
                titles.setdefault(rid, []).append(record.xpath(".//*[local-name()='title']/text()")[0])
            token = body.find("o:resumptionToken", OAI)
            assert token is not None
            return token.text

        token = take(_get(base, verb="ListRecords", metadataPrefix="oai_dc"))
        assert len(seen) == 100 and token
        harvested = [rid for rid in seen if rid.startswith("genA/")]
        ahead = sorted(_ids(original) - set(seen))

        # Between two pages: 30 harvested records and 30 still ahead change; 40 records are new.
        _next_second()
        changed_seen, changed_ahead = harvested[:30], ahead[-30:]
        by_id = {r["id"]: r for r in original}
        revised = [{**by_id[rid], "title": f"Revised {rid}"} for rid in changed_seen + changed_ahead]
        new = _records("genN", range(1000, 1040))
        imported = cli.run("import", _write(tmp_path / "c.jsonl", revised + new))
        said = imported.stdout + imported.stderr
        assert "40 created, 60 updated" in said, said

        pages = 1
        while token:
            token = take(_get(base, verb="ListRecords", resumptionToken=token))
            pages += 1
        assert pages >= 3

    counts = Counter(seen)
    assert before <= set(seen)  # every record that existed when the harvest began
    assert _ids(new) <= set(seen)  # and the new ones, which came after the cursor
    # Only the records changed after they were harvested came twice, the second time revised.
    assert sorted(rid for rid, n in counts.items() if n > 1) == sorted(changed_seen)
    assert all(titles[rid] == [by_id[rid]["title"], f"Revised {rid}"] for rid in changed_seen)
    # The records changed before the harvest reached them came once, already revised.
    assert all(titles[rid] == [f"Revised {rid}"] for rid in changed_ahead)
    assert len(seen) == len(before) + len(changed_seen) + len(new)
