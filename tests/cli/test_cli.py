"""The command-line contract, run as a user runs it: `python -m fonds` in a subprocess with its own home."""

from __future__ import annotations

import json
import shutil

REFERENCE_FIELDS = {
    "id": "115958",
    "title": "Journal of Soviet Ambassador to the DPRK A.M. Puzanov for 20 December 1957",
    "date": "1957-12-20",
    "date_start": "1957-12-20",
    "date_end": "1957-12-20",
    "date_display": "December 20, 1957",
    "type": "Diary Entry",
    "summary": "PRC Ambassador Qiao Xiaoguang discusses the withdrawal of Chinese People's Volunteers from the DPRK.",
    "credit": "This document was made possible with support from ROK Ministry of Unification",
    "original_language": [],
    "translation_language": "en",
    "source": "AVPRF F. 0102, Op. 14, Delo 6, Listy 14-25. Translated for NKIDP by Gary Goldberg.",
    "repository": {"code": "AVPRF", "name": "Archive of Foreign Policy of the Russian Federation"},
    "reference": {"fond": "0102", "opis": "14", "delo": "6", "listy": "14-25"},
    "translator": "Gary Goldberg",
    "translated_for": "NKIDP",
    "uploaded": "2012-12-04",
    "classification": None,
    "donors": ["ROK Ministry of Unification", "Leon Levy Foundation"],
    "collections": [],
}

# Linked at import from the curated authority file, in order of first mention.
REFERENCE_PEOPLE = ["puzanov-aleksandr", "qiao-xiaoguang", "kim-il-sung", "zhou-enlai", "khrushchev-nikita", "cpv", "kwp", "mao-zedong", "gromyko-andrei"]
REFERENCE_PLACES = ["dprk", "prc", "moscow", "pyongyang", "ussr", "rok", "yalu-river", "kaesong", "yellow-sea"]


def show(cli, record_id: str) -> dict:
    return json.loads(cli.run("show", record_id, "--format", "json").stdout)


def test_reference_record_every_field(cli, reference_page):
    cli.run("import", reference_page)
    record = show(cli, "115958")
    for key, expected in REFERENCE_FIELDS.items():
        assert record[key] == expected, key
    assert [p["id"] for p in record["people"]] == REFERENCE_PEOPLE
    assert [p["id"] for p in record["places"]] == REFERENCE_PLACES
    assert {"id": "kim-il-sung", "name": "Kim Il Sung"}.items() <= record["people"][2].items()
    assert record["text"].startswith("20 December 1957\n\nI had a conversation with PRC Ambassador Qiao Xiaoguang")
    assert record["text"].endswith("23 December 1957\n\ngk")
    for leak in ("Skip to content", "made possible with support", "Document Information", "Record ID", "discusses the withdrawal"):
        assert leak not in record["text"]
    assert record["rights"].startswith("The History and Public Policy Program welcomes reuse")
    assert record["rights"].endswith("HAPP@wilsoncenter.org.")


def test_reimport_changes_nothing_and_the_report_says_so(cli, reference_page, tmp_path):
    cli.run("import", reference_page)
    report_file = tmp_path / "report.json"
    proc = cli.run("import", reference_page, "--report", report_file)
    report = json.loads(report_file.read_text())
    assert report["counts"] == {"created": 0, "updated": 0, "unchanged": 1, "skipped": 0, "rejected": 0}
    assert "1 unchanged" in proc.stderr


def test_search_json_shape(cli, samples_dir):
    cli.run("import", samples_dir)
    out = json.loads(cli.run("search", "ambassador", "--format", "json", "--limit", "3").stdout)
    assert set(out) >= {"total", "hits", "facets"}
    assert out["total"] >= 1 and 1 <= len(out["hits"]) <= 3
    for hit in out["hits"]:
        assert set(hit) >= {"id", "title", "date", "snippet", "score"}
        assert "<mark>" in hit["snippet"]
    assert set(out["facets"]) >= {"type", "lang", "year", "repository", "donor", "collection"}
    for values in out["facets"].values():
        for v in values:
            assert set(v) == {"value", "count"}


def test_export_then_import_into_an_empty_archive_is_lossless(cli, make_cli, samples_dir, reference_page, tmp_path):
    cli.run("import", samples_dir, reference_page)
    dump = tmp_path / "all.jsonl"
    cli.run("export", "--format", "jsonl", "--output", dump)
    lines = dump.read_text().splitlines()
    assert len(lines) == 13

    other = make_cli()
    other.run("import", dump)
    for line in lines:
        original = json.loads(line)
        assert show(other, original["id"]) == original
    dump2 = tmp_path / "again.jsonl"
    other.run("export", "--output", dump2)
    assert sorted(dump2.read_text().splitlines()) == sorted(lines)


def test_bad_files_are_reported_and_good_ones_imported(cli, reference_page, tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(reference_page, folder / "good.txt")
    (folder / "empty.txt").write_text("")
    (folder / "junk.bin").write_bytes(bytes(range(256)) * 40)
    text = reference_page.read_text()
    (folder / "cut.txt").write_text(text[: text.index("Document Information")])
    report_file = tmp_path / "report.json"
    proc = cli.run("import", folder, "--report", report_file)
    report = json.loads(report_file.read_text())
    assert report["counts"]["created"] == 1 and report["counts"]["rejected"] == 3
    codes = {r["location"].rsplit("/", 1)[-1]: r["code"] for r in report["rejected"]}
    assert codes == {"empty.txt": "empty_file", "junk.bin": "binary_file", "cut.txt": "truncated"}
    for name in ("empty.txt", "junk.bin", "cut.txt"):
        assert name in proc.stderr
    assert show(cli, "115958")["title"].startswith("Journal of Soviet Ambassador")


def test_nothing_importable_exits_non_zero_and_keeps_what_was_stored(cli, reference_page, tmp_path):
    cli.run("import", reference_page)
    (tmp_path / "empty.txt").write_text("   \n")
    proc = cli.run("import", tmp_path / "empty.txt", check=False)
    assert proc.returncode == 1
    assert "nothing could be imported" in proc.stderr
    assert show(cli, "115958")["donors"] == REFERENCE_FIELDS["donors"]


def test_same_id_with_changed_content_updates(cli, reference_page, tmp_path):
    cli.run("import", reference_page)
    changed = tmp_path / "changed.txt"
    changed.write_text(reference_page.read_text().replace("Diary Entry", "Memorandum"))
    report_file = tmp_path / "r.json"
    cli.run("import", changed, "--report", report_file)
    assert json.loads(report_file.read_text())["counts"]["updated"] == 1
    assert show(cli, "115958")["type"] == "Memorandum"
    out = json.loads(cli.run("search", "--type", "Memorandum", "--format", "json").stdout)
    assert [h["id"] for h in out["hits"]] == ["115958"]


def test_the_same_id_twice_in_one_import_is_rejected_the_second_time(cli, reference_page, tmp_path):
    copy = tmp_path / "copy.txt"
    copy.write_text(reference_page.read_text().replace("Diary Entry", "Memorandum"))
    report_file = tmp_path / "r.json"
    cli.run("import", reference_page, copy, "--report", report_file)
    report = json.loads(report_file.read_text())
    assert report["counts"]["created"] == 1
    assert [r["code"] for r in report["rejected"]] == ["duplicate_id"]
    assert show(cli, "115958")["type"] == "Diary Entry"


def test_dry_run_stores_nothing(cli, reference_page):
    proc = cli.run("import", reference_page, "--dry-run")
    assert "1 would be created" in proc.stderr
    assert cli.run("show", "115958", check=False).returncode == 1


def test_forcing_a_format(cli, tmp_path):
    page = tmp_path / "records.data"
    page.write_text(json.dumps({"id": "a1", "title": "Forced"}) + "\n")
    cli.run("import", page, "--format", "jsonl")
    assert show(cli, "a1")["title"] == "Forced"


def test_show_unknown_id_is_a_clear_error(cli):
    proc = cli.run("show", "nope", check=False)
    assert proc.returncode == 1 and "no record with id 'nope'" in proc.stderr


def test_reindex_keeps_search_working(cli, samples_dir):
    cli.run("import", samples_dir)
    before = json.loads(cli.run("search", "--format", "json").stdout)["total"]
    cli.run("reindex")
    after = json.loads(cli.run("search", "--format", "json").stdout)["total"]
    assert before == after == 12
    assert len([p for p in (cli.home / "index").iterdir() if p.is_dir()]) == 1


def test_searching_other_spellings_finds_the_reference_record(cli, reference_page):
    """The reference record writes Zhou Enlai and Kim Il Sung; researchers type other spellings."""
    cli.run("import", reference_page)
    for query in ("Chou En-lai", "Kim Ir Sen", 'person:"Kim Il-sŏng"', "Mao Tse-tung"):
        out = json.loads(cli.run("search", query, "--format", "json").stdout)
        assert "115958" in [h["id"] for h in out["hits"]], query
