"""The FRUS TEI parser: fixtures written for these tests, then the real volumes in ../shared."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from fonds.core.record import CollectionRef, Note, PageBreak, RecordData, Ref
from fonds.ingest import registry
from fonds.ingest.base import Code, Item, Source
from fonds.ingest.frus_tei import classification_of, document_type, file_number, parser
from fonds.ingest.sources import open_source
from fonds.ingest.tei_safe import MALFORMED_XML, UNSAFE_XML

DATA = Path(__file__).parent / "data" / "frus"
CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "frus"
FRUS = CollectionRef("frus", "Foreign Relations of the United States", None)


def parse_file(path: Path) -> list[Item]:
    """Parse a file the way the ingest pipeline opens it (encoding detected, BOM handled)."""
    source, _head = open_source(path, path.name)
    return list(parser.parse(source))


def parse_text(text: str, name: str = "inline.xml") -> list[Item]:
    return list(parser.parse(Source(Path(name), name, text=text)))


def records(name: str) -> dict[str, RecordData]:
    items = parse_file(DATA / name)
    assert [i.error for i in items if i.error] == []
    return {i.record.id: i.record for i in items if i.record}


@pytest.fixture(scope="module")
def new() -> dict[str, RecordData]:
    return records("new-markup.xml")


@pytest.fixture(scope="module")
def old() -> dict[str, RecordData]:
    return records("old-markup.xml")


def words_before(paragraph: str, offset: int, n: int = 12) -> str:
    return paragraph[max(0, offset - n) : offset]


# --- recognising the format ---------------------------------------------------------------------


def test_score_recognises_frus_tei_and_nothing_else() -> None:
    frus_head = (DATA / "new-markup.xml").read_text(encoding="utf-8")[:2000]
    assert parser.score(Path("v.xml"), frus_head) >= 0.9
    tei_docs = '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><div type="document">'
    assert parser.score(Path("v.xml"), tei_docs) == pytest.approx(0.8)
    plain_tei = '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/>'
    assert parser.score(Path("v.xml"), plain_tei) < registry.MIN_SCORE
    assert parser.score(Path("page.txt"), "December 20, 1957\nJournal of ...\nDocument Information") == 0
    assert parser.name == "frus-tei"


# --- newer markup: frus:doc-dateTime-min/max ----------------------------------------------------


def test_telegram_fields(new: dict[str, RecordData]) -> None:
    r = new["frusTest1920v01/d1"]
    assert r.title == "The Minister in Testland (Mott) to the Secretary of State"  # "1. " and the note gone
    assert (r.date, r.date_start, r.date_end, r.date_display) == ("1920-03-05", "1920-03-05", "1920-03-05", "March 5, 1920")
    assert r.type == "Telegram"
    assert r.source == "File No. 861.00/1234 [Telegram]"
    assert r.reference == {"file": "861.00/1234"}
    assert r.classification is None
    assert r.repository is None
    assert (r.place, r.sender, r.recipient, r.signer) == ("Testburg", "Mott", "Secretary of State", "Mott")
    assert r.original_language == ["en"] and r.translation_language is None
    assert r.collections == [
        FRUS,
        CollectionRef("frusTest1920v01", "Papers Relating to the Foreign Relations of the United States, 1920, Testland, Volume I", "frus"),
    ]
    assert r.paragraphs == [
        "Testburg, March 5, 1920—10 a.m. [Received March 6.]",
        "14. The Foreign Minister called today and spoke of the loan; Mr. Lansing’s reply is awaited.",
        "He added that the cabinet would meet tomorrow.",
        "Mott",
    ]


def test_footnotes_stay_out_of_the_text_anchored_where_the_marker_stood(new: dict[str, RecordData]) -> None:
    r = new["frusTest1920v01/d1"]
    head_note, body_note = r.notes
    assert head_note == Note("1", "Repeated to London.", None, None)
    assert (body_note.n, body_note.text, body_note.paragraph) == ("2", "Bernard Quill.", 1)
    assert words_before(r.paragraphs[1], body_note.offset) == "ign Minister"
    assert "Quill" not in r.text and "London" not in r.title


def test_page_breaks_include_the_page_the_document_starts_on(new: dict[str, RecordData]) -> None:
    r = new["frusTest1920v01/d1"]
    first, second = r.page_breaks
    assert first == PageBreak("1", 0, 0)  # the pb before the chapter: the document starts on page 1
    assert second.paragraph == 2 and r.paragraphs[2][second.offset :].startswith("cabinet would meet")
    assert new["frusTest1920v01/d2"].page_breaks == [PageBreak("2", 0, 0)]


def test_people_come_from_the_persons_list_once_each_in_order_of_mention(new: dict[str, RecordData]) -> None:
    assert new["frusTest1920v01/d1"].people == [
        Ref("frus-frusTest1920v01-p_MA1", "Mott, Anna", "Minister in Testland; later Ambassador"),
        Ref("frus-frusTest1920v01-p_QB1", "Quill, Bernard", None),  # mentioned in a footnote
        Ref("frus-frusTest1920v01-p_LR1", "Lansing, Robert", "Secretary of State"),
    ]


def test_dates_more_than_a_day_apart_are_an_interval(new: dict[str, RecordData]) -> None:
    r = new["frusTest1920v01/d2"]
    assert (r.date, r.date_start, r.date_end) == ("1920-03-07/1920-03-09", "1920-03-07", "1920-03-09")
    assert r.classification == "Strictly confidential"  # and "Urgent" is no classification
    assert r.reference == {"file": "711.90H/54"}
    assert (r.sender, r.recipient, r.signer) == ("Secretary of State", "Mott", "Lansing")


def test_blocks_quotes_lists_tables_and_translations(new: dict[str, RecordData]) -> None:
    r = new["frusTest1920v01/d3"]
    assert r.paragraphs == [
        "The Legation states the following:",
        "First quoted paragraph.",
        "Second quoted paragraph.",
        "and awaits a reply. It cites the old treaty too.",  # an inline quote stays in its sentence
        "1. The loan.",
        "2. The railway.",
        "Wheat | 1,000 tons",
        "Rye | 500 tons",
        "Washington, undated.",
    ]
    assert r.notes == [Note("3", "Not printed.", 5, len("2. The railway."))]
    assert r.type == "Memorandum"
    assert r.original_language == [] and r.translation_language == "en"
    assert (r.date, r.date_start, r.place, r.sender, r.signer) == (None, None, None, None, None)


# --- older markup: dateline dates, numbered heads, enclosures -----------------------------------


def test_old_markup_document(old: dict[str, RecordData]) -> None:
    r = old["frusTest1862/d5"]
    assert r.title == "Mr. Adams to Mr. Seward."  # "No. 5." equals @n and goes
    assert (r.date, r.date_display) == ("1862-01-10", "January 10, 1862")
    assert (r.place, r.sender, r.recipient, r.signer) == ("London", "Adams", "Seward", "CHARLES FRANCIS ADAMS")
    assert (r.source, r.classification, r.reference) == ("No. 98.] [Confidential.]", "Confidential", {})
    assert r.collections == [FRUS, CollectionRef("frusTest1862", "Papers Relating to Foreign Affairs, 1862", "frus")]
    # The enclosure is printed with the despatch, so it stays in the despatch's text.
    assert r.paragraphs[-3:] == ["[Enclosure No. 1.]", "Foreign Office, January 8, 1862.", "Earl Russell presents his compliments."]
    assert r.page_breaks == [PageBreak("10", 0, 0)]


def test_an_enclosure_without_id_is_also_a_record_of_its_own(old: dict[str, RecordData]) -> None:
    r = old["frusTest1862/d5-enc1"]
    assert r.title == "[Enclosure 1 to: Mr. Adams to Mr. Seward.]"
    assert (r.date, r.place) == ("1862-01-08", "Foreign Office")
    assert r.paragraphs == ["Foreign Office, January 8, 1862.", "Earl Russell presents his compliments."]


def test_own_page_break_margin_references_and_a_date_without_year(old: dict[str, RecordData]) -> None:
    r = old["frusTest1862/d6"]
    assert r.title == "Mr. Seward to Mr. Adams."  # "[238] *" is a margin reference
    assert r.page_breaks == [PageBreak("11", 0, 0)]  # its own pb, not page 10 before it
    assert (r.date, r.place) == (None, "Washington")  # when="--02-01" names no year


def test_printed_notes_give_the_type_and_from_to_dates_an_interval(old: dict[str, RecordData]) -> None:
    r = old["frusTest1862/d7"]
    assert (r.title, r.type) == ("[Untitled]", "Telegram")
    assert r.date == "1862-02-03/1862-02-05"
    assert r.paragraphs[0] == "[Cable telegram.]" and r.notes == []


def test_records_survive_the_json_round_trip(new: dict[str, RecordData], old: dict[str, RecordData]) -> None:
    for record in [*new.values(), *old.values()]:
        assert RecordData.from_json(record.to_json()) == record


# --- bad input ----------------------------------------------------------------------------------


def test_bad_documents_give_error_items_and_the_rest_go_on() -> None:
    items = parse_file(DATA / "bad-documents.xml")
    assert len(items) == 5
    good = [i.record.id for i in items if i.record]
    assert good == ["frusTestBad/d1", "frusTestBad/d5"]
    assert items[4].record.title == "[Untitled]"  # no head: the volumes' own word, not an error
    errors = [i.error for i in items if i.error]
    assert [e.code for e in errors] == [Code.MISSING_FIELD, Code.BAD_DATE, Code.DUPLICATE_ID]
    for error in errors:
        assert error.file == "bad-documents.xml" and error.message.startswith("frusTestBad: ")
        assert error.element and error.line
    missing, bad_date, duplicate = errors
    assert missing.element == "(//div[@type='document'])[2]/@xml:id" and "document #2" in missing.message
    assert bad_date.element == "div[@xml:id='d3']/dateline/date" and "1918-02-30" in bad_date.message
    assert duplicate.element == "(//div[@type='document'])[4]/@xml:id" and "'d1'" in duplicate.message


def test_malformed_xml_names_the_file_and_line() -> None:
    [item] = parse_file(DATA / "malformed.xml")
    assert item.error.code == MALFORMED_XML
    assert item.error.line == 7 and "mismatch" in item.error.message
    assert str(item.error).startswith("malformed.xml:7: not well-formed XML")


def test_an_external_entity_is_refused_and_never_read() -> None:
    [item] = parse_file(DATA / "external-entity.xml")
    assert item.record is None and item.error.code == UNSAFE_XML
    assert item.error.file == "external-entity.xml" and item.error.line == 3
    assert "'secret'" in item.error.message and "file:///etc/passwd" in item.error.message
    assert "root:" not in str(item.error)


def test_a_billion_laughs_is_refused_before_parsing() -> None:
    [item] = parse_file(DATA / "billion-laughs.xml")
    assert item.error.code == UNSAFE_XML and item.error.element == "!ENTITY lol"


def test_an_entity_only_an_external_dtd_could_define_is_refused() -> None:
    text = '<!DOCTYPE TEI SYSTEM "http://example.invalid/tei.dtd">\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><p>&nbsp;</p></TEI>'
    [item] = parse_text(text)
    assert item.error.code == UNSAFE_XML and "&nbsp;" in item.error.message


def test_not_tei_and_tei_without_documents() -> None:
    [item] = parse_text("<TEI><text/></TEI>")
    assert item.error.code == Code.BAD_FIELD and "namespace" in item.error.message
    [item] = parse_text('<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="v1"><text/></TEI>', "v1.xml")
    assert item.error.code == Code.MISSING_FIELD and item.error.message.startswith("v1: ")


def test_a_byte_order_mark_and_a_missing_volume_id(tmp_path: Path) -> None:
    text = (DATA / "old-markup.xml").read_text(encoding="utf-8").replace(' xml:id="frusTest1862"', "", 1)
    path = tmp_path / "frus1999.xml"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    ids = [i.record.id for i in parse_file(path)]
    assert ids[0] == "frus1999/d5"  # the volume id falls back to the file stem


# --- the interpretation tables ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "notes", "expected"),
    [
        ("The Ambassador in France (Straus) to the Secretary of State", ["711.90H/54: Telegram"], "Telegram"),
        ("Mr. X to Mr. Y", ["[Circular telegram]"], "Telegram"),
        ("Memorandum by the Chief (Reed) of a Conversation With the Ambassador", [], "Memorandum of Conversation"),
        ("Memorandum by the Secretary of State", [], "Memorandum"),
        ("Mr. X to Mr. Y, in regard to telegram No. 5", [], "Document"),
        ("Mr. X to Mr. Y", ["[Document to accompany despatch No. 39.]"], "Document"),
        ("Extract of a letter from J. H. Brockmann", [], "Letter"),
        ("Minutes of the Council of Ten", [], "Minutes"),
        ("The Norwegian Minister to the Secretary of State", ["Aide-Mémoire"], "Aide-Mémoire"),
    ],
)
def test_document_type(title: str, notes: list[str], expected: str) -> None:
    assert document_type(title, notes) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("[Confidential.]", "Confidential"),
        ("No. 26. [Strictly confidential.]", "Strictly confidential"),
        ("No. 18. [Private and confidential.]", "Private and confidential"),
        ("740.00/1: Telegram [Top secret]", "Top secret"),
        ("[Personal and secret.]", "Personal and secret"),
        ("[Urgent.]", None),
        ("[Personally handed to the Secretary of State.]", None),
    ],
)
def test_classification(source: str, expected: str | None) -> None:
    assert classification_of(source) == expected


@pytest.mark.parametrize(
    ("notes", "expected"),
    [
        (["File No. 861.00/1234"], "861.00/1234"),
        (["711.90H/54: Telegram"], "711.90H/54"),
        (["Paris Peace Conf. 185.1/12: Telegram"], "Paris Peace Conf. 185.1/12"),
        (["611.00 National City Bank/45"], "611.00 National City Bank/45"),
        (["No. 98.]", "[Telegram]"], None),
        (["Treaty Series No. 709"], None),
    ],
)
def test_file_number(notes: list[str], expected: str | None) -> None:
    assert file_number(notes) == expected


# --- the real volumes ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus() -> dict[str, list[Item]]:
    if not CORPUS.is_dir():
        pytest.skip(f"the FRUS corpus is not at {CORPUS} (needs ../shared/corpora/frus beside the checkout)")
    return {path.name: parse_file(path) for path in sorted(CORPUS.glob("*.xml"))}


@pytest.fixture(scope="module")
def corpus_records(corpus: dict[str, list[Item]]) -> dict[str, RecordData]:
    return {i.record.id: i.record for items in corpus.values() for i in items if i.record}


@pytest.mark.corpus
def test_every_document_of_the_25_volumes_is_an_item(corpus: dict[str, list[Item]]) -> None:
    assert len(corpus) == 25
    items = [i for file_items in corpus.values() for i in file_items]
    assert len(items) == 10_690
    errors = [i.error for i in items if i.error]
    for error in errors:  # should there be any: each names its volume and element
        assert error.element and error.message.split(":")[0] in {Path(n).stem for n in corpus}
    assert [str(e) for e in errors] == []  # measured: no error item in the 25 volumes
    ids = Counter(i.record.id for i in items)
    assert ids.most_common(1)[0][1] == 1


@pytest.mark.corpus
def test_real_document_frus1918russiav03_d11(corpus_records: dict[str, RecordData]) -> None:
    r = corpus_records["frus1918Russiav03/d11"]
    assert r.title == "The Ambassador in Russia (Francis) to the Secretary of State"
    assert (r.date, r.date_display, r.place) == ("1917-05-11", "May 11, 1917", "Petrograd")
    assert (r.sender, r.recipient, r.signer, r.type) == ("Francis", "Secretary of State", "Francis", "Telegram")
    assert (r.source, r.reference) == ("File No. 861.51/145 [Telegram]", {"file": "861.51/145"})
    assert r.collections[1] == CollectionRef(
        "frus1918Russiav03", "Papers Relating to the Foreign Relations of the United States, 1918, Russia, Volume III", "frus"
    )
    assert r.paragraphs[0] == "Petrograd, May 11, 1917, midnight. [Received May 13, 7 a.m.]"
    [note] = r.notes
    assert note.n == "1" and note.text.startswith("Boris A. Bakhmeteff, head of the Russian mission")
    assert note.paragraph == 2 and r.paragraphs[2][: note.offset].endswith("until Bakhmeteff")
    assert r.page_breaks == [PageBreak("8", 0, 0), PageBreak("9", 2, 0)]
    assert r.people == [
        Ref("frus-frus1918Russiav03-p_FDR1", "Francis, David R.", "Ambassador in Russia"),
        Ref(
            "frus-frus1918Russiav03-p_BBA1",
            "Bakhmeteff, Boris A.",
            "head of the Extraordinary Embassy from Russia to the United States; July 5, 1917, Russian Ambassador at Washington",
        ),
    ]


@pytest.mark.corpus
def test_real_document_frus1861_d10(corpus_records: dict[str, RecordData]) -> None:
    r = corpus_records["frus1861/d10"]
    assert r.title == "Baron Schleinitz to Baron Gerolt."
    assert (r.date, r.place, r.sender, r.recipient) == ("1861-06-13", "Berlin", "Baron Schleinitz", "Baron Gerolt")
    assert (r.source, r.signer) == ("[Translation.]", "SCHLEINITZ.")
    assert r.original_language == [] and r.translation_language == "en"
    assert r.notes == [] and r.people == []  # this volume has no footnotes and no persons list
    assert r.page_breaks[:2] == [PageBreak("41", 0, 0), PageBreak("42", 4, r.page_breaks[1].offset)]
    assert r.paragraphs[4][r.page_breaks[1].offset :].startswith("inchoate disturbance of that internal unity")
    enclosure = corpus_records["frus1861/d10-enc1"]
    assert enclosure.title == "[Enclosure 1 to: Baron Schleinitz to Baron Gerolt.]"
    assert enclosure.paragraphs[-1] in r.paragraphs  # printed with the despatch, kept in its text


@pytest.mark.corpus
def test_real_document_frus1936v03_d3(corpus_records: dict[str, RecordData]) -> None:
    r = corpus_records["frus1936v03/d3"]
    assert r.title == "The Ambassador in France (Straus) to the Secretary of State"
    assert (r.date, r.place, r.sender, r.recipient, r.signer) == ("1936-03-10", "Paris", "Straus", "Secretary of State", "Straus")
    assert (r.source, r.reference, r.type) == ("711.90H/49: Telegram", {"file": "711.90H/49"}, "Telegram")
    assert r.paragraphs[0] == "Paris, March 10, 1936—noon. [Received March 10—9:40 a.m.]"
    [note] = r.notes
    assert (note.n, note.text, note.paragraph) == ("12", "Not printed.", 2)
    assert r.paragraphs[2][: note.offset].endswith("will be the same as enclosure")
    first, second = r.page_breaks
    assert first == PageBreak("5", 0, 0) and second.paragraph == 1
    assert r.paragraphs[1][second.offset :].startswith("Afghan full powers are made out")
    assert r.people == []
