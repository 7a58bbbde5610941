"""Tests for the WCDA API JSON parser (fonds.ingest.wcda_api).

Fixtures in data/wcda_api are written for these tests in the API's shapes (those the MIT-licensed
client epikulski/digitalarchive models); small variations are built in the tests from
:func:`doc`. The two real API samples are read in place from ../shared/corpora.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest

from fonds.core.record import CollectionRef, RecordData, Ref, Repository, Transcript
from fonds.ingest import jsonl
from fonds.ingest.base import Code, Item, Source
from fonds.ingest.wcda_api import BASE_URL, SKIPPED, doc_date_to_edtf, document_to_record, kind_of, parser

DATA = Path(__file__).parent / "data" / "wcda_api"
CORPUS = Path(__file__).resolve().parents[2].parent / "shared/corpora/wcda"
FULL = DATA / "document-800101.json"


def doc(**changes: Any) -> dict[str, Any]:
    """The full fixture document with some fields replaced (a value of None removes the field)."""
    data = copy.deepcopy(json.loads(FULL.read_text(encoding="utf-8")))
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def stub(**changes: Any) -> dict[str, Any]:
    """A search-result stub: the fields every document has, nothing hydrated."""
    data: dict[str, Any] = {
        "id": "800900",
        "uri": "/srv/record/800900.json",
        "title": "A Test Stub",
        "description": "A stub for one field at a time.",
        "doc_date": "19600101",
        "frontend_doc_date": "January 1, 1960",
        "slug": "a-test-stub",
        "source_created_at": "2020-01-01 00:00:00",
        "source_updated_at": "2020-01-01 00:00:00",
        "first_published_at": "2020-01-02 00:00:00",
    }
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def asset(raw: str | None, language: dict[str, str] | str | None = None, **extra: Any) -> dict[str, Any]:
    """A translation (with ``language``) or transcript asset in the API's shape."""
    data: dict[str, Any] = {
        "id": "900100",
        "filename": "File_900100.html",
        "content_type": "text/html",
        "extension": "html",
        "asset_id": "700100",
        "source_created_at": "2020-01-01 00:00:00",
        "source_updated_at": "2020-01-01 00:00:00",
        "url": "/transcripts/900100.html",
    }
    if raw is not None:
        data["raw"] = raw
    if language is not None:
        data["language"] = language
        data["url"] = "/translations/900100.html"
    data.update(extra)
    return data


def parse_file(path: Path, name: str | None = None) -> list[Item]:
    return list(parser.parse(Source(path, name or path.name)))


def parse_json(tmp_path: Path, data: Any, name: str = "doc.json") -> list[Item]:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return parse_file(path)


def one_record(tmp_path: Path, data: dict[str, Any]) -> RecordData:
    items = parse_json(tmp_path, data)
    assert len(items) == 1
    assert items[0].error is None, str(items[0].error)
    assert items[0].record is not None
    return items[0].record


def one_error(tmp_path: Path, data: Any) -> Item:
    items = parse_json(tmp_path, data)
    assert len(items) == 1
    assert items[0].record is None and items[0].error is not None
    return items[0]


# --- scoring ---------------------------------------------------------------------------------------


def test_score_recognises_documents_pretty_or_minified() -> None:
    pretty = FULL.read_text(encoding="utf-8")
    minified = json.dumps(json.loads(pretty), ensure_ascii=False)
    assert parser.score(FULL, pretty) == pytest.approx(0.97)
    assert parser.score(Path("x.json"), minified) == pytest.approx(0.97)
    assert parser.score(Path("x.json"), "\ufeff  \n" + json.dumps([stub()])) == pytest.approx(0.97)
    assert parser.score(Path("x.json"), json.dumps({"list": [stub()], "pagination": {}})) == pytest.approx(0.97)


def test_score_beats_jsonl_on_a_one_line_document() -> None:
    # A minified document is one JSON object with "id" and "title": JSONL would claim it at 0.95.
    line = json.dumps(stub())
    assert jsonl.parser.score(Path("x.json"), line) == pytest.approx(0.95)
    assert parser.score(Path("x.json"), line) > jsonl.parser.score(Path("x.json"), line)


def test_score_recognises_collections_and_assets() -> None:
    collection = {"id": "1", "name": "C", "short_description": "s", "slug": "c", "description": "<p>d</p>"}
    assert parser.score(Path("c.json"), json.dumps(collection)) == pytest.approx(0.9)
    assert parser.score(Path("a.json"), json.dumps(asset("<p>x</p>"))) == pytest.approx(0.9)


@pytest.mark.parametrize(
    "head",
    [
        "",
        "Skip to content\n\nDecember 20, 1957\n",
        json.dumps({"id": "1", "title": "A fonds record", "date": "1957", "paragraphs": ["x"]}),
        json.dumps({"name": "x", "slug": "y"}),
        '{"text": "a string that mentions \\"doc_date\\": and \\"title\\": inside it"}',
        "<html><body>{}</body></html>",
    ],
)
def test_score_is_zero_for_other_files(head: str) -> None:
    assert parser.score(Path("x.json"), head) == 0.0


# --- the full document: every field ------------------------------------------------------------------


@pytest.fixture
def full_record() -> RecordData:
    items = parse_file(FULL)
    assert [i.location for i in items] == [FULL.name]
    assert items[0].error is None, str(items[0].error)
    assert items[0].record is not None
    return items[0].record


def test_identity_title_type(full_record: RecordData) -> None:
    assert full_record.id == "800101"
    assert full_record.title == "Record of a Test Conversation with the Ambassador of Testland"
    assert full_record.type == "Memorandum of Conversation"


def test_date_from_doc_date_with_the_page_wording(full_record: RecordData) -> None:
    assert full_record.date == "1961-03-03"
    assert (full_record.date_start, full_record.date_end) == ("1961-03-03", "1961-03-03")
    assert full_record.date_display == "March 3, 1961"


def test_description_becomes_the_summary_as_text(full_record: RecordData) -> None:
    assert full_record.summary == "Two officials discuss the testing of parsers & importers."


def test_english_translation_becomes_the_paragraphs(full_record: RecordData) -> None:
    assert full_record.paragraphs == [
        "3 March 1961",
        "We spoke about tests & parsers.\nThen we parted.",
        "[signature] (I. TESTER)",
    ]
    assert full_record.translation_language == "en"
    assert full_record.original_language == ["ru"]


def test_transcripts_and_other_translations_are_kept_apart_and_sanitised(full_record: RecordData) -> None:
    assert [(t.kind, t.language) for t in full_record.transcripts] == [("transcript", "ru"), ("translation", "de")]
    russian, german = full_record.transcripts
    assert russian.html == (
        "<p>Мы говорили о тестах.</p><p>Подпись: "
        f'<a href="{BASE_URL}collection/491/tests" rel="noopener noreferrer">И. Тестер</a></p>'
    )
    assert german.html == "<p>Wir sprachen über Tests.</p>"
    for transcript in full_record.transcripts:
        for junk in ("<style", "class=", "style=", "<script", "onclick", "<span", "<html"):
            assert junk not in transcript.html
    # Never mixed into the English text.
    assert not any(re.search("[А-Яа-я]|Wir", p) for p in full_record.paragraphs)


def test_source_is_parsed_into_repository_reference_and_translator(full_record: RecordData) -> None:
    assert full_record.source == "AVPRF F. 0102, Op. 11, Delo 3, Listy 40-42. Translated for the test suite by Ivy Tester."
    assert full_record.repository == Repository("AVPRF", "Archive of Foreign Policy of the Russian Federation")
    assert full_record.reference == {"fond": "0102", "opis": "11", "delo": "3", "listy": "40-42"}
    assert full_record.translator == "Ivy Tester"
    assert full_record.translated_for == "the test suite"


def test_rights_donors_classification_archive_uploaded(full_record: RecordData) -> None:
    assert full_record.rights == "Test text written for the fonds test suite.\n\nFree to reuse (CC0)."
    assert full_record.donors == ["Test Foundation", "Parser Trust"]
    assert full_record.classification == "Top Secret"
    assert full_record.original_archive == "Archive of Foreign Policy of the Russian Federation"
    assert full_record.uploaded == "2020-01-15"


def test_authors_places_subjects_are_refs(full_record: RecordData) -> None:
    # creators first, then contributors; the person in both lists counts once.
    assert full_record.authors == [
        Ref("ministry-of-tests", "Ministry of Tests"),
        Ref("ivan-testerov", "Ivan Testerov"),
    ]
    assert [p.name for p in full_record.places] == ["Testland", "Тестоград"]
    assert full_record.places[0].id == "testland"
    assert full_record.places[1].id.startswith("n-")  # name_key of a name without Latin letters
    assert full_record.subjects == [
        Ref("parsers-testing", "Parsers--Testing"),
        Ref("testland-foreign-relations-soviet-union", "Testland--Foreign relations--Soviet Union"),
    ]
    assert full_record.people == []


def test_collections_by_id_else_slug(full_record: RecordData) -> None:
    assert full_record.collections == [
        CollectionRef("491", "Test Conversations, 1961", parent="12"),
        CollectionRef("known-only-by-slug", "Collection Known Only by Slug"),
    ]


def test_what_the_record_has_no_field_for_is_left_out(full_record: RecordData) -> None:
    # Scans (media_files), publishers, slug and uri have no record field; nothing is invented.
    assert full_record.credit is None
    assert "scan_900004" not in json.dumps(full_record.to_json())


def test_record_survives_the_jsonl_round_trip(full_record: RecordData) -> None:
    again = RecordData.from_json(json.loads(json.dumps(full_record.to_json())))
    assert again == full_record


def test_document_to_record_is_usable_directly() -> None:
    record = document_to_record(doc())
    assert record.id == "800101" and record.translation_language == "en"


# --- field variants ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("19571220", "1957-12-20"),
        ("195712", "1957-12"),
        ("19571200", "1957-12"),
        ("1957", "1957"),
        ("19570000", "1957"),
        (" 19571220 ", "1957-12-20"),
        ("1957-12-20", "1957-12-20"),
        ("", None),
        ("00000000", None),
    ],
)
def test_doc_date_to_edtf(value: str, expected: str | None) -> None:
    assert doc_date_to_edtf(value) == expected


@pytest.mark.parametrize("value", ["19571320", "19570015", "19570230", "1957122", "Dec 1957", "19571220T00"])
def test_doc_date_to_edtf_rejects(value: str) -> None:
    from fonds.core.dates import DateError

    with pytest.raises(DateError):
        doc_date_to_edtf(value)


@pytest.mark.parametrize(
    ("doc_date", "frontend", "edtf", "display"),
    [
        ("195712", "December 1957", "1957-12", "December 1957"),
        ("1957", None, "1957", "1957"),
        # The page says more than doc_date can: the page's date is kept.
        ("19590000", "c. 1959", "1959~", "c. 1959"),
        ("19571220", "December 20-22, 1957", "1957-12-20/1957-12-22", "December 20–22, 1957"),
        # The page is less precise than a padded doc_date: no false precision.
        ("19571201", "December 1957", "1957-12", "December 1957"),
        # They disagree: doc_date wins.
        ("19571220", "March 3, 1961", "1957-12-20", "December 20, 1957"),
        # doc_date missing, empty, or unreadable: the page's date is the fallback.
        (None, "June 1956", "1956-06", "June 1956"),
        ("", "June 1956", "1956-06", "June 1956"),
        ("1956-13", "June 1956", "1956-06", "June 1956"),
        # A page date that cannot be read is ignored when doc_date is good.
        ("19571220", "Undated", "1957-12-20", "December 20, 1957"),
        (19571220, None, "1957-12-20", "December 20, 1957"),
    ],
)
def test_dates(tmp_path: Path, doc_date: Any, frontend: str | None, edtf: str, display: str) -> None:
    record = one_record(tmp_path, stub(doc_date=doc_date, frontend_doc_date=frontend))
    assert record.date == edtf
    assert record.date_display == display


def test_no_date_at_all_is_allowed(tmp_path: Path) -> None:
    record = one_record(tmp_path, stub(doc_date=None, frontend_doc_date=None))
    assert (record.date, record.date_start, record.date_end, record.date_display) == (None, None, None, None)


@pytest.mark.parametrize(
    "languages_field",
    [
        [{"id": "rus", "name": "Russian"}, {"id": "chi", "name": "Chinese"}],
        ["Russian", "Chinese"],
        "Russian, Chinese",
        [{"id": "12", "name": "Russian"}, {"name": "Chinese"}],  # a non-ISO id: the name decides
        [{"id": "rus"}, "zh"],
    ],
)
def test_languages_as_objects_names_or_codes(tmp_path: Path, languages_field: Any) -> None:
    assert one_record(tmp_path, stub(languages=languages_field)).original_language == ["ru", "zh"]


def test_string_fields_in_other_shapes(tmp_path: Path) -> None:
    record = one_record(
        tmp_path,
        stub(
            type=[{"id": "1", "name": "Telegram"}],
            rights="<p>Public domain.</p>",
            donors="ROK Ministry of Unification and Leon Levy Foundation",
            classifications=[{"id": "1", "name": "Secret"}, {"id": "2", "name": "Eyes Only"}],
            subjects=["Testing", "testing"],
            title="Letter &quot;On Tests&quot; <i>(draft)</i>",
        ),
    )
    assert record.type == "Telegram"
    assert record.rights == "Public domain."
    assert record.donors == ["ROK Ministry of Unification", "Leon Levy Foundation"]
    assert record.classification == "Secret; Eyes Only"
    assert record.subjects == [Ref("testing", "Testing")]
    assert record.title == 'Letter "On Tests" (draft)'


def test_repository_from_repositories_when_the_source_names_none(tmp_path: Path) -> None:
    known = one_record(tmp_path, stub(source="Some unnamed place.", repositories=[{"id": "1", "name": "AVPRF"}]))
    assert known.repository == Repository("AVPRF", "Archive of Foreign Policy of the Russian Federation")
    unknown = one_record(tmp_path, stub(repositories=[{"id": "2", "name": "Private Papers of I. Tester"}]))
    assert unknown.repository == Repository(None, "Private Papers of I. Tester")
    assert unknown.original_archive == "Private Papers of I. Tester"
    assert one_record(tmp_path, stub()).repository is None


def test_a_stub_has_no_text(tmp_path: Path) -> None:
    record = one_record(tmp_path, stub())
    assert record.paragraphs == [] and record.transcripts == []
    assert record.translation_language is None
    assert record.summary == "A stub for one field at a time."


# --- translations and transcripts ----------------------------------------------------------------------


def test_no_english_translation_leaves_the_paragraphs_empty(tmp_path: Path) -> None:
    record = one_record(
        tmp_path,
        stub(languages=[{"id": "rus", "name": "Russian"}], transcripts=[asset("<p>Текст.</p>")]),
    )
    assert record.paragraphs == [] and record.translation_language is None
    assert record.transcripts == [Transcript("ru", "<p>Текст.</p>", "transcript")]


def test_transcript_language_unknown_when_the_document_has_several(tmp_path: Path) -> None:
    record = one_record(tmp_path, stub(languages=["Russian", "Chinese"], transcripts=[asset("<p>x</p>")]))
    assert record.transcripts == [Transcript(None, "<p>x</p>", "transcript")]


def test_a_language_given_on_the_transcript_wins(tmp_path: Path) -> None:
    korean = asset("<p>x</p>", language="Korean", url="/transcripts/1.html")
    record = one_record(tmp_path, stub(languages=["Russian"], transcripts=[korean]))
    assert record.transcripts[0].language == "ko"


def test_only_the_first_english_translation_is_the_text(tmp_path: Path) -> None:
    english = {"id": "eng", "name": "English"}
    record = one_record(
        tmp_path,
        stub(
            translations=[
                asset("<p>First.</p>", english),
                asset("<p>Second.</p>", english),
                asset("<p>Troisième.</p>", "French"),
            ]
        ),
    )
    assert record.paragraphs == ["First."]
    assert record.transcripts == [
        Transcript("en", "<p>Second.</p>", "translation"),
        Transcript("fr", "<p>Troisième.</p>", "translation"),
    ]


def test_english_original_uses_its_transcript_as_the_text(tmp_path: Path) -> None:
    record = one_record(
        tmp_path,
        stub(languages=[{"id": "eng", "name": "English"}], transcripts=[asset("<p>Written in English.</p>")]),
    )
    assert record.paragraphs == ["Written in English."]
    assert record.translation_language is None
    assert record.transcripts == []


def test_stub_assets_and_scans_carry_no_text(tmp_path: Path) -> None:
    record = one_record(
        tmp_path,
        stub(
            translations=[asset(None, {"id": "eng", "name": "English"})],
            transcripts=[asset("%PDF-1.4 ...", content_type="application/pdf", extension="pdf"), asset("   ")],
        ),
    )
    assert record.paragraphs == [] and record.transcripts == []


def test_plain_text_assets_become_paragraph_html(tmp_path: Path) -> None:
    english = {"id": "eng", "name": "English"}
    text_asset = asset("First <line>.\n\nSecond & last.", english, content_type="text/plain", extension="txt")
    record = one_record(tmp_path, stub(translations=[text_asset]))
    assert record.paragraphs == ["First <line>.", "Second & last."]


def test_html_key_is_read_when_raw_is_absent(tmp_path: Path) -> None:
    english = asset(None, {"id": "eng", "name": "English"}, html="<p>From html.</p>")
    assert one_record(tmp_path, stub(translations=[english])).paragraphs == ["From html."]


# --- lists and search responses --------------------------------------------------------------------------


def test_search_response_yields_one_item_per_object() -> None:
    items = parse_file(DATA / "search-response.json")
    name = "search-response.json"
    assert [i.location for i in items] == [f"{name}#{n}" for n in range(7)]
    first, untitled, collection, bad_date, bad_language, not_object, last = items

    assert first.record is not None and first.record.id == "800201" and first.record.date == "1957-12"
    assert last.record is not None and last.record.id == "800205"  # a numeric id becomes a string

    assert untitled.error is not None and untitled.error.code == Code.MISSING_FIELD
    assert untitled.error.element == "list[1].title"
    assert "800202" in untitled.error.message and "list[1]" in untitled.error.message

    assert collection.error is not None and collection.error.code == SKIPPED
    assert "collection 77" in collection.error.message

    assert bad_date.error is not None and bad_date.error.code == Code.BAD_DATE
    assert bad_date.error.element == "list[3].doc_date" and "19570230" in bad_date.error.message

    assert bad_language.error is not None and bad_language.error.code == Code.BAD_FIELD
    assert bad_language.error.element == "list[4].languages[0]" and "Testish" in bad_language.error.message

    assert not_object.error is not None and not_object.error.code == Code.BAD_FIELD
    assert not_object.error.element == "list[5]"
    assert all(i.error.file == name for i in items if i.error is not None)


def test_top_level_array(tmp_path: Path) -> None:
    items = parse_json(tmp_path, [stub(id="1"), stub(id="2", title=None), stub(id="3")], name="arr.json")
    assert [i.location for i in items] == ["arr.json#0", "arr.json#1", "arr.json#2"]
    assert [i.record.id for i in items if i.record] == ["1", "3"]
    error = items[1].error
    assert error is not None and (error.code, error.element) == (Code.MISSING_FIELD, "[1].title")


def test_empty_list_yields_nothing(tmp_path: Path) -> None:
    assert parse_json(tmp_path, {"list": [], "pagination": {"totalItems": 0}}) == []


# --- bad input ---------------------------------------------------------------------------------------------


def test_invalid_json_names_line_and_column() -> None:
    items = parse_file(DATA / "truncated.json")
    assert len(items) == 1 and items[0].location == "truncated.json"
    error = items[0].error
    assert error is not None and error.code == Code.BAD_JSON
    assert error.line == 4 and "line 4, column 1" in error.message
    assert str(error).startswith("truncated.json:4: not valid JSON")


@pytest.mark.parametrize("data", [42, "a string", None, True])
def test_json_that_is_no_object_or_list(tmp_path: Path, data: Any) -> None:
    item = one_error(tmp_path, data)
    assert item.error is not None and item.error.code == Code.BAD_JSON and "not a JSON" in item.error.message


@pytest.mark.parametrize(
    ("changes", "code", "element", "words"),
    [
        ({"id": None}, Code.MISSING_FIELD, "id", 'no "id"'),
        ({"id": "  "}, Code.MISSING_FIELD, "id", 'no "id"'),
        ({"title": None}, Code.MISSING_FIELD, "title", 'no "title"'),
        ({"title": "<p> </p>"}, Code.MISSING_FIELD, "title", 'no "title"'),
        ({"id": ["1"]}, Code.BAD_FIELD, "id", "string or a number"),
        ({"id": "12 34"}, Code.BAD_FIELD, "id", "not a record id"),
        ({"title": 5}, Code.BAD_FIELD, "title", "must be a string"),
        ({"languages": [{"id": "xqz", "name": "Testish"}]}, Code.BAD_FIELD, "languages[0]", "unknown language"),
        ({"languages": [{"uri": "/x"}]}, Code.BAD_FIELD, "languages[0]", "without an id or a name"),
        (
            {"translations": [asset("<p>x</p>", "Klingonese")]},
            Code.BAD_FIELD,
            "translations[0].language",
            "unknown language",
        ),
        ({"transcripts": ["<p>x</p>"]}, Code.BAD_FIELD, "transcripts[0]", "not an object"),
        ({"subjects": 7}, Code.BAD_FIELD, "subjects", "must be a list"),
        ({"subjects": [{"id": "1"}]}, Code.BAD_FIELD, "subjects[0]", "has no name"),
        ({"collections": [{"uri": "/x"}]}, Code.BAD_FIELD, "collections[0]", "no id, slug or name"),
        ({"doc_date": "19571340", "frontend_doc_date": None}, Code.BAD_DATE, "doc_date", "no month 13"),
        ({"doc_date": "19570230", "frontend_doc_date": ""}, Code.BAD_DATE, "doc_date", "no such day"),
        ({"doc_date": "n.d.", "frontend_doc_date": "Sometime"}, Code.BAD_DATE, "doc_date", "Sometime"),
        ({"doc_date": None, "frontend_doc_date": "Sometime"}, Code.BAD_DATE, "frontend_doc_date", "Sometime"),
        ({"doc_date": ["1957"], "frontend_doc_date": None}, Code.BAD_DATE, "doc_date", "must be a string"),
        ({"first_published_at": "yesterday"}, Code.BAD_DATE, "first_published_at", "not a date"),
        ({"first_published_at": "2018-02-30 10:00:00"}, Code.BAD_DATE, "first_published_at", "no such day"),
    ],
)
def test_bad_documents(tmp_path: Path, changes: dict[str, Any], code: str, element: str, words: str) -> None:
    item = one_error(tmp_path, stub(**changes))
    assert item.location == "doc.json"
    assert item.error is not None
    assert (item.error.code, item.error.element) == (code, element)
    assert words in item.error.message
    assert item.error.file == "doc.json"


def test_undecodable_file(tmp_path: Path) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes('{"id": "1", "title": "Caf\u00e9"}'.encode("latin-1"))
    items = parse_file(path)
    assert len(items) == 1 and items[0].error is not None and items[0].error.code == Code.UNDECODABLE


def test_kind_of() -> None:
    assert kind_of(stub()) == "document"
    assert kind_of({"id": "1"}) == "document"
    assert kind_of({"id": "1", "name": "n", "slug": "s"}) == "collection"
    assert kind_of({"id": "1", "name": "n", "model": "Collection"}) == "collection"
    assert kind_of(asset("<p>x</p>")) == "asset"
    assert kind_of({"name": "n", "slug": "s", "model": "Record"}) == "document"


def test_standalone_assets_are_skipped_with_what_they_are(tmp_path: Path) -> None:
    translation = one_error(tmp_path, asset("<p>x</p>", {"id": "eng", "name": "English"}))
    assert translation.error is not None and translation.error.code == SKIPPED
    assert translation.error.message.startswith("a translation asset (id 900100) without its document")
    scan = one_error(tmp_path, asset(None, content_type="application/pdf", extension="pdf", path="/a.pdf"))
    assert scan.error is not None and scan.error.message.startswith("a media file (scan) (id 900100)")


# --- the real API samples ------------------------------------------------------------------------------------


def corpus(name: str) -> Path:
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"WCDA API sample not found at {path} (needs ../shared/corpora beside the checkout)")
    return path


@pytest.mark.corpus
def test_real_collection_is_skipped_not_a_record() -> None:
    path = corpus("api-collection-491.json")
    head = path.read_text(encoding="utf-8")[:65536]
    assert parser.score(path, head) == pytest.approx(0.9)
    items = parse_file(path)
    assert len(items) == 1 and items[0].location == path.name and items[0].record is None
    error = items[0].error
    assert error is not None and error.code == SKIPPED
    name = json.loads(path.read_text(encoding="utf-8"))["name"]
    assert error.message.startswith(f"a collection description, not a document (collection 491: {name})")


@pytest.mark.corpus
def test_real_transcript_asset_is_skipped_with_advice() -> None:
    path = corpus("api-transcript-33548.json")
    assert parser.score(path, path.read_text(encoding="utf-8")[:65536]) == pytest.approx(0.9)
    items = parse_file(path)
    assert len(items) == 1 and items[0].record is None
    error = items[0].error
    assert error is not None and error.code == SKIPPED
    assert error.message == "a transcript asset (id 33548) without its document; import the document JSON that lists it"


@pytest.mark.corpus
def test_real_transcript_inside_a_document_stays_apart(tmp_path: Path) -> None:
    sample = json.loads(corpus("api-transcript-33548.json").read_text(encoding="utf-8"))
    record = one_record(
        tmp_path,
        stub(
            languages=[{"id": "rus", "name": "Russian"}],
            transcripts=[sample],
            translations=[asset("<p>An English test translation.</p>", {"id": "eng", "name": "English"})],
        ),
    )
    assert record.paragraphs == ["An English test translation."]
    assert len(record.transcripts) == 1
    transcript = record.transcripts[0]
    assert (transcript.language, transcript.kind) == ("ru", "transcript")
    for junk in ("<style", "class=", "style=", "<span", "<html"):
        assert junk not in transcript.html
    # A phrase read from the sample itself (not copied into the repository) survives intact.
    phrase = re.search(r'<span class="[^"]+">([^<&]{40,})</span>', sample["raw"])
    assert phrase is not None and phrase.group(1) in transcript.html
