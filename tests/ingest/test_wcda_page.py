"""Tests for the WCDA page-text parser (fonds.ingest.wcda_page).

The error cases come first: a parser must turn every bad page into one Item carrying a clear error.
Then the golden test of the reference record (read in place from ../shared/corpora), then pages
written here that exercise the fields the reference leaves out, then the demo samples.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fonds.core import archives, dates, languages
from fonds.core.record import RecordData, Ref, Repository
from fonds.ingest.base import Code, IngestError, Item, Source
from fonds.ingest.wcda_page import parser

NBSP = "\u00a0"
REFERENCE = (
    Path(__file__).resolve().parents[2].parent / "shared/corpora/wcda/115958-puzanov-journal-1957-12-20.txt"
)
DATA = Path(__file__).parent / "data"

SAMPLE_MARKER = "[Sample document written for the fonds demo; not a historical source.]"

DEFAULT_FIELDS: list[tuple[str, str | list[str]]] = [
    ("Source", "AVPRF F. 0102, Op. 11, Delo 3, Listy 40-42. Translated for the test suite by Ivy Tester."),
    ("Rights", ["Test text written for the fonds test suite.", "Free to reuse (CC0)."]),
    ("Original Uploaded Date", "2020-01-15"),
    ("Type", "Memorandum of Conversation"),
    ("Language", ""),
    ("Record ID", "800001"),
    ("Donors", "Test Foundation"),
]


def make_page(
    *,
    date: str | None = "March 3, 1961",
    title: str | None = "Record of a Test Conversation",
    credit: str | None = "This document was made possible with support from Test Foundation",
    body: tuple[str, ...] = ("3 March 1961", "We spoke about tests.", "[signature] (I. TESTER)"),
    summary: str | None = "Two officials discuss the testing of parsers.",
    fields: list[tuple[str, str | list[str]]] | None = None,
    skip: bool = True,
    block: bool = True,
    newline: str = "\n",
) -> str:
    """A page in the WCDA browser-text layout, with a NBSP line between body paragraphs as the site has.

    A field value given as a list is written as blank-separated paragraphs (Rights) or lines.
    """
    parts: list[str] = []
    if skip:
        parts += ["Skip to content", ""]
    for head in (date, title, credit):
        if head is not None:
            parts += [head, ""]
    for paragraph in body:
        parts += [paragraph, "", NBSP, ""]
    if summary is not None:
        parts += [summary, "", ""]
    if block:
        parts += ["Document Information", ""]
        for label, value in DEFAULT_FIELDS if fields is None else fields:
            parts.append(label)
            parts.append("")
            values = value if isinstance(value, list) else [value]
            for v in values:
                if v:
                    parts += [v, ""]
    return newline.join(parts).rstrip("\n")


def with_fields(**changes: str | list[str] | None) -> list[tuple[str, str | list[str]]]:
    """DEFAULT_FIELDS with some values replaced (None drops the field; unknown keys are appended).

    Keys are labels with spaces as underscores (Record_ID -> "Record ID").
    """
    wanted = {k.replace("_", " "): v for k, v in changes.items()}
    out: list[tuple[str, str | list[str]]] = []
    for label, value in DEFAULT_FIELDS:
        if label in wanted:
            new = wanted.pop(label)
            if new is not None:
                out.append((label, new))
        else:
            out.append((label, value))
    out += [(label, value) for label, value in wanted.items() if value is not None]
    return out


def parse_text(text: str, name: str = "page.txt") -> list[Item]:
    return list(parser.parse(Source(path=Path(name), name=name, text=text)))


def parse_one(text: str) -> RecordData:
    items = parse_text(text)
    assert len(items) == 1
    item = items[0]
    assert item.error is None, str(item.error)
    assert item.record is not None
    assert item.location == "page.txt"
    return item.record


def parse_error(text: str) -> IngestError:
    items = parse_text(text)
    assert len(items) == 1
    item = items[0]
    assert item.record is None
    assert item.error is not None
    assert item.error.file == "page.txt"
    assert item.location == "page.txt"
    return item.error


def line_of(text: str, needle: str, start: int = 0) -> int:
    """The 1-based number of the first line equal to ``needle`` (after ``start`` lines)."""
    lines = text.split("\n")
    for index in range(start, len(lines)):
        if lines[index].strip() == needle:
            return index + 1
    raise AssertionError(f"{needle!r} not in text")


# --- errors -------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "\n\n", f"  \n{NBSP}\n\t\n", "\ufeff"])
def test_empty_file(text: str) -> None:
    error = parse_error(text)
    assert error.code == Code.EMPTY_FILE
    assert "empty" in error.message


def test_page_cut_off_before_document_information_is_truncated() -> None:
    text = make_page(block=False)
    error = parse_error(text)
    assert error.code == Code.TRUNCATED
    assert "ends before its" in error.message and "Document Information" in error.message
    assert error.line == len(text.split("\n"))


def test_missing_record_id() -> None:
    text = make_page(fields=with_fields(Record_ID=None))
    error = parse_error(text)
    assert error.code == Code.MISSING_FIELD
    assert "Record ID" in error.message
    assert error.element == "Record ID"
    assert error.line == line_of(text, "Document Information")


def test_empty_record_id_points_at_its_label() -> None:
    text = make_page(fields=with_fields(Record_ID=""))
    error = parse_error(text)
    assert error.code == Code.MISSING_FIELD
    assert "Record ID" in error.message
    assert error.line == line_of(text, "Record ID")


def test_page_cut_off_inside_document_information_lacks_record_id() -> None:
    text = make_page(fields=DEFAULT_FIELDS[:3])
    error = parse_error(text)
    assert error.code == Code.MISSING_FIELD
    assert "Record ID" in error.message


@pytest.mark.parametrize(
    "page",
    [
        # The credit line straight after the date: no title.
        make_page(title=None),
        # Nothing between the date and Document Information.
        make_page(title=None, credit=None, body=(), summary=None),
    ],
)
def test_missing_title(page: str) -> None:
    error = parse_error(page)
    assert error.code == Code.MISSING_FIELD
    assert "title" in error.message
    assert error.line == 3  # the date line, after which the title was expected


@pytest.mark.parametrize("bad_id", ["115958 115959", "record/115958", "#115958", "x" * 65])
def test_record_id_that_is_not_a_short_token(bad_id: str) -> None:
    text = make_page(fields=with_fields(Record_ID=bad_id))
    error = parse_error(text)
    assert error.code == Code.BAD_FIELD
    assert "Record ID" in error.message
    assert error.line == line_of(text, "Record ID") + 2


def test_record_id_spread_over_two_paragraphs_is_bad() -> None:
    text = make_page(fields=with_fields(Record_ID=["115958", "and more"]))
    error = parse_error(text)
    assert error.code == Code.BAD_FIELD
    assert "Record ID" in error.message


def test_unreadable_date_line() -> None:
    text = make_page(date="Sometime in the spring")
    error = parse_error(text)
    assert error.code == Code.BAD_DATE
    assert "'Sometime in the spring'" in error.message
    assert error.line == 3


def test_unreadable_date_line_without_skip_link() -> None:
    error = parse_error(make_page(date="Nodate", skip=False))
    assert error.code == Code.BAD_DATE
    assert error.line == 1


def test_bad_uploaded_date_names_the_field_and_line() -> None:
    text = make_page(fields=with_fields(Original_Uploaded_Date="04/12/2012"))
    error = parse_error(text)
    assert error.code == Code.BAD_FIELD
    assert "Original Uploaded Date" in error.message and "04/12/2012" in error.message
    assert error.line == line_of(text, "Original Uploaded Date") + 2
    assert f"page.txt:{error.line}" in str(error)


def test_unknown_language_names_the_field_and_line() -> None:
    text = make_page(fields=with_fields(Language="Ruritanian"))
    error = parse_error(text)
    assert error.code == Code.BAD_FIELD
    assert "Language" in error.message and "Ruritanian" in error.message
    assert error.line == line_of(text, "Language") + 2


def test_a_label_given_twice_is_an_error() -> None:
    text = make_page(fields=[*DEFAULT_FIELDS, ("Type", "Report")])
    error = parse_error(text)
    assert error.code == Code.BAD_FIELD
    assert "Type" in error.message and "twice" in error.message


def test_text_between_document_information_and_the_first_label_is_an_error() -> None:
    text = make_page(fields=[("Something else", ""), *DEFAULT_FIELDS])
    error = parse_error(text)
    assert error.code == Code.BAD_FIELD
    assert "Something else" in error.message
    assert error.line == line_of(text, "Something else")


@pytest.mark.parametrize(
    "text",
    [
        "Document Information",
        "Skip to content\n\nDocument Information\n\nRecord ID\n\n1",
        "\x00\x01\x02 binary junk",
        "Record ID\n\n42",
        "1957\n\nDocument Information\n\nType",
        "\r\r\r",
        "Skip to content",
    ],
)
def test_parse_never_raises_and_yields_exactly_one_item(text: str) -> None:
    items = parse_text(text)
    assert len(items) == 1
    assert (items[0].record is None) != (items[0].error is None)


def test_reference_cut_before_document_information_is_truncated() -> None:
    if not REFERENCE.is_file():
        pytest.skip(f"reference record not found at {REFERENCE} (needs ../shared/corpora beside the checkout)")
    text = REFERENCE.read_text(encoding="utf-8")
    error = parse_error(text[: text.index("Document Information")])
    assert error.code == Code.TRUNCATED


def test_an_unexpected_failure_becomes_an_error_item(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(text: str) -> list[str]:
        raise RuntimeError("boom")

    monkeypatch.setattr("fonds.core.names.split_names", broken)
    error = parse_error(make_page())
    assert error.code == Code.UNREADABLE
    assert "RuntimeError: boom" in error.message


def test_file_read_lazily_that_is_not_utf8_is_undecodable(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(make_page(title="Запись беседы").encode("cp1251"))
    items = list(parser.parse(Source(path, "page.txt")))
    assert len(items) == 1 and items[0].error is not None
    assert items[0].error.code == Code.UNDECODABLE


def test_file_read_lazily_from_disk(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(make_page(newline="\r\n").encode("utf-8"))
    items = list(parser.parse(Source(path, "page.txt")))
    assert len(items) == 1 and items[0].error is None, str(items[0].error)
    assert items[0].record == parse_one(make_page())


def test_missing_file_is_unreadable(tmp_path: Path) -> None:
    items = list(parser.parse(Source(tmp_path / "gone.txt", "gone.txt")))
    assert len(items) == 1 and items[0].error is not None
    assert items[0].error.code == Code.UNREADABLE


# --- scoring ------------------------------------------------------------------------------------


def test_score() -> None:
    page = make_page()
    assert parser.score(Path("a.txt"), page[:4096]) == 0.9
    # A head too short to reach Document Information still shows the skip link and the date line.
    assert parser.score(Path("a.txt"), "Skip to content\n\nJune 1956\n\nA title") == 0.9
    assert parser.score(Path("a.txt"), "Document Information\nRecord ID\n") == 0.9
    assert parser.score(Path("notes.txt"), "Just some notes\nabout things\n") == 0.1
    assert parser.score(Path("data.json"), '{"Record ID": 1}') == 0.0
    assert parser.score(Path("doc.xml"), "<TEI/>") == 0.0
    assert parser.name == "wcda-page"
    assert parser.description


# --- the reference record -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def reference() -> RecordData:
    if not REFERENCE.is_file():
        pytest.skip(f"reference record not found at {REFERENCE} (needs ../shared/corpora beside the checkout)")
    text = REFERENCE.read_text(encoding="utf-8")
    items = list(parser.parse(Source(path=REFERENCE, name=str(REFERENCE), text=text)))
    assert len(items) == 1
    assert items[0].error is None, str(items[0].error)
    assert items[0].record is not None
    assert parser.score(REFERENCE, text[:4096]) == 0.9
    return items[0].record


@pytest.mark.corpus
def test_reference_record_every_field(reference: RecordData) -> None:
    r = reference
    assert r.id == "115958"
    assert r.title == "Journal of Soviet Ambassador to the DPRK A.M. Puzanov for 20 December 1957"
    assert r.date == "1957-12-20"
    assert r.date_start == "1957-12-20"
    assert r.date_end == "1957-12-20"
    assert r.date_display == "December 20, 1957"
    assert r.credit == "This document was made possible with support from ROK Ministry of Unification"
    assert r.summary == (
        "PRC Ambassador Qiao Xiaoguang discusses the withdrawal of Chinese People's Volunteers from the DPRK."
    )
    assert r.source == "AVPRF F. 0102, Op. 14, Delo 6, Listy 14-25. Translated for NKIDP by Gary Goldberg."
    assert r.repository is not None
    assert r.repository.code == "AVPRF"
    assert r.repository.name == "Archive of Foreign Policy of the Russian Federation"
    assert r.reference == {"fond": "0102", "opis": "14", "delo": "6", "listy": "14-25"}
    assert r.translator == "Gary Goldberg"
    assert r.translated_for == "NKIDP"
    assert r.rights == (
        "The History and Public Policy Program welcomes reuse of Digital Archive materials for research and "
        "educational purposes. Some documents may be subject to copyright, which is retained by the rights "
        "holders in accordance with US and international copyright laws. When possible, rights holders have "
        "been contacted for permission to reproduce their materials.\n\n"
        "To enquire about this document's rights status or request permission for commercial use, please "
        "contact the History and Public Policy Program at HAPP@wilsoncenter.org."
    )
    assert r.uploaded == "2012-12-04"
    assert r.type == "Diary Entry"
    assert r.original_language == []
    assert r.translation_language == "en"  # the citation names a translator
    assert r.donors == ["ROK Ministry of Unification", "Leon Levy Foundation"]
    assert r.classification is None
    assert r.original_archive is None
    assert r.collections == [] and r.people == [] and r.places == [] and r.subjects == []


@pytest.mark.corpus
def test_reference_record_body(reference: RecordData) -> None:
    paragraphs = reference.paragraphs
    assert paragraphs[0] == "20 December 1957"
    assert paragraphs[1] == (
        "I had a conversation with PRC Ambassador Qiao Xiaoguang held at his initiative at a "
        "Soviet-Chinese friendship evening held in our Embassy."
    )
    assert paragraphs[-1] == "gk"
    assert len(paragraphs) == 21
    # The signature block and the distribution list stay paragraphs, exactly as written.
    assert "USSR AMBASSADOR IN THE DPRK" in paragraphs
    assert "[signature] (A. PUZANOV)" in paragraphs
    assert "Embassy attaché M. P. Kurbatsky translated the conversation." in paragraphs
    assert "1 - Gromyko" in paragraphs and "5 - to file" in paragraphs
    assert "N\u00ba 768" in paragraphs
    for paragraph in paragraphs:
        assert paragraph and paragraph == paragraph.strip()
        assert NBSP not in paragraph and "\n" not in paragraph
        assert "Skip to content" not in paragraph
        assert "made possible with support" not in paragraph
        assert "Qiao Xiaoguang discusses the withdrawal" not in paragraph  # the summary
        for block_text in ("Document Information", "AVPRF", "History and Public Policy", "2012-12-04",
                           "Leon Levy", "115958"):
            assert block_text not in paragraph


# --- pages that carry what the reference leaves out ---------------------------------------------


def test_original_archive_classification_and_language() -> None:
    fields = with_fields(
        Source="Obtained and translated for the test suite by Ivy Tester.",
        Original_Archive="Archive of the Ruritanian Foreign Ministry",
        Original_Classification="Top Secret",
        Language="Russian",
    )
    record = parse_one(make_page(fields=fields))
    assert record.original_archive == "Archive of the Ruritanian Foreign Ministry"
    assert record.classification == "Top Secret"
    assert record.original_language == ["ru"]
    assert record.translation_language == "en"
    # The Source names no archive, so the repository comes from Original Archive (unknown: no code).
    assert record.repository == Repository(code=None, name="Archive of the Ruritanian Foreign Ministry")


def test_known_original_archive_fills_the_repository() -> None:
    name = "Russian State Archive of Contemporary History"
    known = archives.by_name(name)
    assert known is not None, "fonds.core.archives should know RGANI by its English name"
    fields = with_fields(Source=None, Original_Archive=name)
    record = parse_one(make_page(fields=fields))
    assert record.source is None
    assert record.original_archive == name
    assert record.repository == Repository(code=known.code, name=known.name)
    assert record.repository.code == "RGANI"


def test_source_repository_wins_over_original_archive() -> None:
    fields = with_fields(Original_Archive="Archive of the Ruritanian Foreign Ministry")
    record = parse_one(make_page(fields=fields))
    assert record.repository is not None and record.repository.code == "AVPRF"
    assert record.original_archive == "Archive of the Ruritanian Foreign Ministry"


def test_chinese_original_without_translator_is_still_a_translation() -> None:
    fields = with_fields(Source="Archive of a Test Ministry, file 1-2-3.", Language="Chinese")
    record = parse_one(make_page(fields=fields))
    assert record.original_language == languages.language_codes("Chinese") == ["zh"]
    assert record.translator is None and record.translated_for is None
    assert record.translation_language == "en"


def test_english_original_without_translator_is_not_a_translation() -> None:
    fields = with_fields(Source="Archive of a Test Ministry, file 1-2-3.", Language="English")
    record = parse_one(make_page(fields=fields))
    assert record.original_language == ["en"]
    assert record.translation_language is None


def test_no_language_and_no_translator_means_no_translation_language() -> None:
    fields = with_fields(Source="Archive of a Test Ministry, file 1-2-3.")
    record = parse_one(make_page(fields=fields))
    assert record.original_language == []
    assert record.translation_language is None


def test_three_donors_with_no_break_spaces() -> None:
    donors = f"Alpha{NBSP}Fund, Beta{NBSP}Trust{NBSP}and Gamma Society"
    record = parse_one(make_page(fields=with_fields(Donors=donors)))
    assert record.donors == ["Alpha Fund", "Beta Trust", "Gamma Society"]


@pytest.mark.parametrize("donors", [None, ""])
def test_no_donors(donors: str | None) -> None:
    record = parse_one(make_page(fields=with_fields(Donors=donors)))
    assert record.donors == []


def test_no_credit_line_and_no_skip_link() -> None:
    text = make_page(credit=None, skip=False)
    record = parse_one(text)
    assert record.credit is None
    assert record.title == "Record of a Test Conversation"
    assert record.paragraphs == ["3 March 1961", "We spoke about tests.", "[signature] (I. TESTER)"]
    assert record.summary == "Two officials discuss the testing of parsers."


def test_page_with_summary_only() -> None:
    record = parse_one(make_page(body=()))
    assert record.paragraphs == []
    assert record.summary == "Two officials discuss the testing of parsers."


def test_month_date() -> None:
    record = parse_one(make_page(date="June 1956"))
    assert record.date == "1956-06"
    assert record.date_start == "1956-06-01"
    assert record.date_end == "1956-06-30"
    assert record.date_display == dates.parse_date("June 1956").display


def test_approximate_date() -> None:
    record = parse_one(make_page(date="c. 1959"))
    assert record.date == "1959~"
    value = dates.parse_date("c. 1959")
    assert record.date_start == value.start.isoformat()
    assert record.date_end == value.end.isoformat()
    assert record.date_display == value.display
    assert record.date_start <= "1959-01-01" and record.date_end >= "1959-12-31"


def test_live_site_labels() -> None:
    fields = with_fields(
        Author=["Puzanov, Aleksandr Mikhailovich"],
        Associated_Places=["Pyongyang (North Korea)", "Kaesong (North Korea)", "Pyongyang (North Korea)"],
        Subjects_Discussed=["Chinese People's Volunteers", "Korean War armistice"],
        **{"Associated People & Organizations": ["Kim Il Sung", "Mao Zedong", "毛泽东", "金日成"]},
        Keywords=["Withdrawal"],
        Translated_by="Someone Else",
    )
    text = make_page(fields=fields)
    record = parse_one(text)
    assert record.places == [
        Ref("pyongyang-north-korea", "Pyongyang (North Korea)"),
        Ref("kaesong-north-korea", "Kaesong (North Korea)"),
    ]
    assert record.subjects == [
        Ref("chinese-peoples-volunteers", "Chinese People's Volunteers"),
        Ref("korean-war-armistice", "Korean War armistice"),
    ]
    assert [p.name for p in record.people] == ["Kim Il Sung", "Mao Zedong", "毛泽东", "金日成"]
    assert record.people[0] == Ref("kim-il-sung", "Kim Il Sung")
    # The citation names its translator; "Translated by" only fills in when it does not.
    assert record.translator == "Ivy Tester"
    # None of these labels leaked into another field.
    assert record.type == "Memorandum of Conversation"
    assert record.donors == ["Test Foundation"]
    assert record.id == "800001"


def test_translated_by_fills_in_a_missing_translator() -> None:
    fields = with_fields(Source="Archive of a Test Ministry, file 1-2-3.", Translated_by="Ivy Tester")
    record = parse_one(make_page(fields=fields))
    assert record.translator == "Ivy Tester"
    assert record.translation_language == "en"


@pytest.mark.parametrize("label", ["Subject", "Subjects", "Subjects Discussed"])
def test_subject_label_variants(label: str) -> None:
    fields = [*DEFAULT_FIELDS, (label, ["Nuclear Weapons", "Refugees"])]
    record = parse_one(make_page(fields=fields))
    assert [s.id for s in record.subjects] == ["nuclear-weapons", "refugees"]


def test_crlf_line_endings() -> None:
    lf = make_page(fields=with_fields(Language="Russian"))
    crlf = make_page(fields=with_fields(Language="Russian"), newline="\r\n")
    assert "\r\n" in crlf
    assert parse_one(crlf) == parse_one(lf)


def test_crlf_error_lines_match_an_editor() -> None:
    text = make_page(fields=with_fields(Original_Uploaded_Date="yesterday"), newline="\r\n")
    error = parse_error(text)
    assert error.line == line_of(text.replace("\r\n", "\n"), "Original Uploaded Date") + 2


def test_body_paragraph_that_reads_like_a_label_stays_a_paragraph() -> None:
    body = ("Type", "Source", "Record ID", "Donors", "The end.")
    record = parse_one(make_page(body=body))
    assert record.paragraphs == list(body)
    assert record.id == "800001"
    assert record.type == "Memorandum of Conversation"


def test_labels_with_a_colon_are_tolerated() -> None:
    fields = [(f"{label}:", value) for label, value in DEFAULT_FIELDS]
    record = parse_one(make_page(fields=fields))
    assert record.id == "800001" and record.type == "Memorandum of Conversation"


def test_a_body_line_reading_document_information_does_not_end_the_body() -> None:
    body = ("Annex", "Document Information", "Only the last such line opens the block.")
    record = parse_one(make_page(body=body))
    assert record.paragraphs == list(body)
    assert record.id == "800001"


def test_wrapped_lines_and_stray_whitespace_are_normalised() -> None:
    body = (f"  A paragraph\nwrapped over{NBSP}two lines.  ", f"Second\tone{NBSP}{NBSP}here.")
    record = parse_one(make_page(body=body, title=f"A  title{NBSP}here "))
    assert record.title == "A title here"
    assert record.paragraphs == ["A paragraph wrapped over two lines.", "Second one here."]


def test_multi_line_source_value_is_joined() -> None:
    fields = with_fields(Source="AVPRF F. 0102, Op. 11, Delo 3,\nListy 40-42.")
    record = parse_one(make_page(fields=fields))
    assert record.source == "AVPRF F. 0102, Op. 11, Delo 3, Listy 40-42."


def test_empty_optional_fields_are_none() -> None:
    fields = [("Source", ""), ("Rights", ""), ("Original Uploaded Date", ""), ("Type", ""), ("Record ID", "x-1")]
    record = parse_one(make_page(fields=fields))
    assert record.id == "x-1"
    assert (record.source, record.rights, record.uploaded, record.type) == (None, None, None, None)
    assert record.repository is None and record.reference == {}


def test_fixture_file_with_crlf_and_bom() -> None:
    path = DATA / "wcda-page-crlf.txt"
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    items = list(parser.parse(Source(path=path, name=path.name, text=raw.decode("utf-8"))))
    assert len(items) == 1 and items[0].error is None, str(items[0].error)
    record = items[0].record
    assert record is not None
    assert record.id == "800100"
    assert record.date == "1956-06"
    assert record.original_language == ["ru", "zh"]
    assert record.classification == "Secret"
    assert record.donors == []
    assert record.credit is None
    assert record.paragraphs[-1] == "[signature] (P. KOVALENKO)"


# --- demo samples -------------------------------------------------------------------------------


def test_every_demo_sample_parses_and_is_marked_as_a_sample() -> None:
    from fonds.demo import SAMPLES_DIR

    paths = sorted(SAMPLES_DIR.glob("*.txt"))
    assert len(paths) == 12
    ids = []
    for path in paths:
        assert path.name.startswith("sample-9000")
        text = path.read_text(encoding="utf-8")
        assert parser.score(path, text[:4096]) == 0.9
        items = list(parser.parse(Source(path=path, name=path.name, text=text)))
        assert len(items) == 1
        assert items[0].error is None, str(items[0].error)
        record = items[0].record
        assert record is not None
        assert path.name.startswith(f"sample-{record.id}-")
        marked = (record.credit or "") + (record.paragraphs[0] if record.paragraphs else "")
        assert SAMPLE_MARKER in marked, path.name
        assert record.rights and "fonds" in record.rights and "CC0" in record.rights
        assert record.title and record.summary and record.type and record.date and record.source
        assert 3 <= len(record.paragraphs) <= 9
        ids.append(record.id)
    assert ids == [str(n) for n in range(900001, 900013)]
