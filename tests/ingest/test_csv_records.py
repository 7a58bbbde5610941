"""Tests for records as CSV (fonds.ingest.csv_records, docs/csv-format.md).

The bad inputs come first: a header without a required column or with an unknown one is one error
for the file; a bad row is one error with its line and column while the other rows import. Then the
mapping itself: every field has a column, separators and escapes inside values survive, hand-made
files read as people mean them, and the documented example parses. The lossless properties over
generated records are in tests/test_roundtrip.py.
"""

from __future__ import annotations

import dataclasses
import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fonds.core.record import CollectionRef, Note, PageBreak, RecordData, Ref, Repository, Transcript
from fonds.ingest import registry
from fonds.ingest.base import Code, Item, ParseError, Source
from fonds.ingest.csv_records import COLUMNS, parser, record_to_row, row_to_record, write_csv

DOC = Path(__file__).resolve().parents[2] / "docs" / "csv-format.md"


def parse(text: str, name: str = "records.csv") -> list[Item]:
    return list(parser.parse(Source(Path(name), name, text=text)))


def csv_text(*records: RecordData) -> str:
    out = io.StringIO(newline="")
    write_csv(records, out)
    return out.getvalue()


def errors(items: list[Item]) -> list[tuple[str, int | None, str | None]]:
    return [(i.error.code, i.error.line, i.error.element) for i in items if i.error is not None]


def full_record(**changes) -> RecordData:
    data = dict(
        id="115958",
        title='Journal of Soviet Ambassador A.M. Puzanov, 20 December 1957; "secret"',
        date="1957-12-20",
        date_start="1957-12-20",
        date_end="1957-12-20",
        date_display="December 20, 1957",
        type="Diary Entry",
        summary="PRC Ambassador Qiao Xiaoguang discusses the withdrawal of volunteers.",
        credit="This document was made possible with support from ROK Ministry of Unification",
        paragraphs=["20 December 1957", "I had a conversation; he said:\n“yes”", "  Ünïcödé — ŏ ’ 平壤 | a=b \\ c"],
        original_language=["ru", "ko"],
        translation_language="en",
        source="AVPRF F. 0102, Op. 14, Delo 6, Listy 14-25. Translated for NKIDP by Gary Goldberg.",
        repository=Repository("AVPRF", "Archive of Foreign Policy of the Russian Federation"),
        reference={"fond": "0102", "opis": "14", "delo": "6", "listy": "14-25"},
        translator="Gary Goldberg",
        translated_for="NKIDP",
        rights="Reuse welcome.\n\nSecond paragraph.",
        uploaded="2012-12-04",
        classification="Top Secret",
        original_archive="Archive of Foreign Policy of the Russian Federation",
        place="Pyongyang",
        sender="USSR Ambassador in the DPRK",
        recipient="Ministry of Foreign Affairs",
        signer="A. Puzanov",
        donors=["ROK Ministry of Unification", "Leon Levy Foundation; and friends"],
        collections=[CollectionRef("nkidp", "North Korea International Documentation Project", None),
                     CollectionRef("nkidp-1957", "1957 | part 1", "nkidp")],
        authors=[Ref("puzanov", "Puzanov, Aleksandr", "Soviet Ambassador to the DPRK, 1957-1962")],
        people=[Ref("kim-il-sung", "Kim Il Sung"), Ref("zhou|enlai", "Zhou Enlai", "")],
        places=[Ref("pyongyang", "Pyongyang")],
        subjects=[Ref("chinese-peoples-volunteers", "Chinese People's Volunteers")],
        keywords=["volunteers", "withdrawal"],
        notes=[Note("1", "See the previous entry.", 1, 12), Note("2", "A note on the title.")],
        page_breaks=[PageBreak("14", 0, 0), PageBreak("15", 2, 5)],
        transcripts=[Transcript("ru", "<p>Беседа с послом КНР.</p>"), Transcript("de", "<p>Gespräch</p>", "translation")],
    )  # fmt: skip
    data.update(changes)
    return RecordData(**data)


@pytest.fixture
def csv_registered(monkeypatch):
    """The pipeline with the CSV parser in its registry (added here until registry.py lists it)."""
    if "csv" not in registry.names():
        monkeypatch.setattr(registry, "PARSERS", (*registry.PARSERS, parser))


# --- a bad header: one error for the file ------------------------------------------------------


def test_a_header_without_title_is_one_missing_field_error_naming_column_and_file():
    items = parse("id,date\n1,1957\n2,1958\n", name="incoming/list.csv")
    assert len(items) == 1
    error = items[0].error
    assert error is not None and error.code == Code.MISSING_FIELD
    assert error.line == 1 and error.file == "incoming/list.csv"
    assert "'title'" in error.message and "incoming/list.csv" in error.message
    assert str(error).startswith("incoming/list.csv:1: ")


def test_a_header_without_id_and_title_names_both():
    items = parse("name,when\nx,1957\n")
    assert len(items) == 1 and items[0].error is not None
    assert items[0].error.code == Code.MISSING_FIELD
    assert "'id'" in items[0].error.message and "'title'" in items[0].error.message


def test_unknown_columns_are_one_bad_field_error_naming_them():
    items = parse("id,title,colour,Weight\n1,A,red,3\n")
    assert [(i.error.code, i.error.line) for i in items if i.error] == [(Code.BAD_FIELD, 1)]
    assert len(items) == 1
    assert "colour" in items[0].error.message and "weight" in items[0].error.message


def test_a_column_named_twice_is_rejected():
    items = parse("id,title,type,Type\n1,A,Letter,Telegram\n")
    assert errors(items) == [(Code.BAD_FIELD, 1, None)]
    assert "type" in items[0].error.message


def test_header_names_ignore_case_and_spaces_and_may_come_in_any_order():
    items = parse(" Title , ID ,TYPE\nA,1,Letter\n")
    assert [i.record for i in items] == [RecordData(id="1", title="A", type="Letter")]


def test_a_header_only_file_yields_nothing():
    assert parse(",".join(COLUMNS) + "\r\n") == []


# --- bad rows: each its own error, the rest import --------------------------------------------


def test_a_bad_row_among_good_ones_is_rejected_alone_with_its_line_and_column():
    text = (
        "id,title,date,text,uploaded\n"  # line 1
        '1,First,1957-12-20,"one\n\ntwo",\n'  # lines 2-4: a quoted cell over three lines
        "2,Second,1957-13-45,,\n"  # line 5: no such month
        "3,Third,,,2012-02-30\n"  # line 6: no such day
        ',No id,,,\n'  # line 7: empty id
        "4,Fourth,c. 1959,,\n"  # line 8: free text, not EDTF
        "5,Fifth,1959~,,\n"  # line 9
    )
    items = parse(text)
    assert errors(items) == [
        (Code.BAD_DATE, 5, "date"),
        (Code.BAD_FIELD, 6, "uploaded"),
        (Code.MISSING_FIELD, 7, "id"),
        (Code.BAD_DATE, 8, "date"),
    ]
    good = [i for i in items if i.record is not None]
    assert [(i.location, i.record.id) for i in good] == [("records.csv:2", "1"), ("records.csv:9", "5")]
    assert good[0].record.paragraphs == ["one", "two"]
    assert good[1].record.date_display == "c. 1959"
    bad = items[1].error
    assert bad is not None and str(bad).startswith("records.csv:5 (date): column 'date': ")


@pytest.mark.parametrize(
    ("column", "cell", "words"),
    [
        ("people", "kim-il-sung", "id|name"),
        ("people", "a|b|c|d", "id|name"),
        ("collections", "nkidp", "id|name"),
        ("reference", "fond 0102", "key=value"),
        ("reference", "fond=1;fond=2", "twice"),
        ("notes", "[{'n': 1}]", "not JSON"),
        ("notes", '{"n": "1", "text": "x"}', "array of objects"),
        ("notes", '[{"n": "1"}]', "text"),
        ("notes", '[{"n": 1, "text": "x", "paragraph": null, "offset": null}]', "'n' must be a string"),
        ("page_breaks", '[{"n": "1", "paragraph": "0", "offset": 0}]', "'paragraph' must be an integer"),
        ("page_breaks", '[{"n": "1", "paragraph": true, "offset": 0}]', "'paragraph' must be an integer"),
        ("transcripts", '[{"html": "<p>x</p>"}]', "language"),
        ("transcripts", '[{"language": "ru", "html": "x", "kind": "transcript", "colour": 1}]', "colour"),
        ("date_start", "20.12.1957", "YYYY-MM-DD"),
    ],
)
def test_malformed_structured_cells_name_their_column(column, cell, words):
    with pytest.raises(ParseError) as caught:
        row_to_record({"id": "1", "title": "A", column: cell}, line=7)
    exc = caught.value
    assert (exc.code, exc.line, exc.element) == (Code.BAD_FIELD, 7, column)
    assert words in exc.message and repr(column) in exc.message


def test_row_to_record_rejects_unknown_columns_and_an_empty_id():
    with pytest.raises(ParseError) as caught:
        row_to_record({"id": "1", "title": "A", "colour": "red"})
    assert caught.value.code == Code.BAD_FIELD and "colour" in caught.value.message
    with pytest.raises(ParseError) as caught:  # csv.DictReader puts a long row's extra cells under None
        row_to_record({"id": "1", "title": "A", None: ["extra"]})  # type: ignore[dict-item]
    assert caught.value.code == Code.BAD_FIELD and "None" in caught.value.message
    with pytest.raises(ParseError) as caught:
        row_to_record({"id": "  ", "title": "A"}, line=3)
    assert (caught.value.code, caught.value.element, caught.value.line) == (Code.MISSING_FIELD, "id", 3)


def test_a_row_longer_than_the_header_is_rejected_but_trailing_empty_cells_are_not():
    items = parse("id,title\n1,A,extra\n2,B,,\n3,C\n")
    assert errors(items) == [(Code.BAD_FIELD, 2, None)]
    assert "3 cells" in items[0].error.message
    assert [i.record.id for i in items if i.record] == ["2", "3"]


def test_a_short_row_has_its_missing_cells_empty():
    items = parse("id,title,type,summary\n1,A\n")
    assert items[0].record == RecordData(id="1", title="A")


def test_a_value_under_a_nameless_column_is_rejected():
    items = parse("id,title,\n1,A,\n2,B,oops\n")
    assert errors(items) == [(Code.BAD_FIELD, 3, None)]
    assert items[0].record == RecordData(id="1", title="A")


def test_a_quote_left_open_at_the_end_rejects_the_rest_as_truncated():
    items = parse('id,title,text\n1,A,fine\n2,B,"cut off\nmid-sentence\n')
    assert items[0].record is not None and items[0].record.id == "1"
    assert errors(items) == [(Code.TRUNCATED, 3, None)]


def test_a_stray_quote_is_rejected_alone():
    items = parse('id,title\n1,"A"x\n2,B\n')
    assert errors(items) == [(Code.BAD_FIELD, 2, None)]
    assert [i.record.id for i in items if i.record] == ["2"]


def test_blank_rows_are_skipped_and_line_numbers_stay_true():
    items = parse("\n\nid,title\n\n1,A\n,\n\n2,B,\n3\n")
    assert [(i.location, i.record.id if i.record else None) for i in items] == [
        ("records.csv:5", "1"),
        ("records.csv:8", "2"),
        ("records.csv:9", "3"),
    ]


# --- the mapping -------------------------------------------------------------------------------


def test_every_record_field_has_a_column_and_every_column_is_documented():
    fields = {f.name for f in dataclasses.fields(RecordData)}
    mapped = (set(COLUMNS) - {"text", "repository_code", "repository_name"}) | {"paragraphs", "repository"}
    assert mapped == fields
    assert len(COLUMNS) == len(set(COLUMNS))
    doc = DOC.read_text()
    for column in COLUMNS:
        assert re.search(rf"^\| [^|]*`{column}`", doc, re.M), f"column {column} is not in docs/csv-format.md"


def test_a_full_record_round_trips_through_a_row_and_through_a_file():
    record = full_record()
    assert row_to_record(record_to_row(record)) == record
    text = csv_text(record, full_record(id="2", title="Second"))
    items = parse(text)
    assert [i.record for i in items] == [record, full_record(id="2", title="Second")]
    assert csv_text(*(i.record for i in items)) == text


def test_empty_cells_are_none_and_empty_lists():
    items = parse(",".join(COLUMNS) + "\n" + "7," + "," * (len(COLUMNS) - 2) + "\n")
    assert items[0].record == RecordData(id="7", title="")
    row = record_to_row(RecordData(id="7", title=""))
    assert list(row) == list(COLUMNS)
    assert {k: v for k, v in row.items() if v} == {"id": "7"}


def test_separators_quotes_and_newlines_inside_values_survive():
    nasty = 'a;b|c=d\\e\\;f "q" ""x"", y\r\nz\n\nw\\0'
    record = RecordData(
        id='id,with;"odd"|chars',
        title=nasty,
        summary=nasty,
        paragraphs=[nasty, "", "\n", " lead\nand trail ", "\\"],
        original_language=[nasty, "", " "],
        reference={nasty: nasty, "": "", "k": ""},
        donors=[nasty, "\\0"],
        collections=[CollectionRef(nasty, nasty, nasty), CollectionRef("x", "", "")],
        people=[Ref(nasty, nasty, nasty), Ref("", "", None), Ref(" ", " ", " ")],
        keywords=[";", "|", "=", "\\", "\t"],
        notes=[Note(nasty, nasty, None, 3)],
        page_breaks=[PageBreak(nasty, 0, 7)],
        transcripts=[Transcript(None, nasty, nasty)],
    )
    row = record_to_row(record)
    assert row_to_record(row) == record
    text = csv_text(record)
    [item] = parse(text)
    assert item.record == record
    assert csv_text(item.record) == text


def test_hand_written_cells_read_as_people_mean_them():
    text = (
        "id,title,donors,people,reference,text,keywords\n"
        '1,A, Wilson Center ; Leon Levy Foundation ;;,'
        '"kim | Kim Il Sung | Premier; zhou|Zhou Enlai",'
        '" fond = 0102 ; opis=14 ",'
        '"First paragraph,\nstill the first.\r\n\r\n\n\nSecond: C:\\Users\\n\\x",'
        "a\\;b;c\\|d\n"
    )
    [item] = parse(text)
    record = item.record
    assert record is not None
    assert record.donors == ["Wilson Center", "Leon Levy Foundation"]
    assert record.people == [Ref("kim", "Kim Il Sung", "Premier"), Ref("zhou", "Zhou Enlai")]
    assert record.reference == {"fond": "0102", "opis": "14"}
    assert record.paragraphs == ["First paragraph,\nstill the first.", "Second: C:\\Users\\n\\x"]
    assert record.keywords == ["a;b", "c|d"]


def test_text_paragraph_breaks_and_escapes():
    assert row_to_record({"id": "1", "title": "", "text": "a\n\n\n\nb\n\n"}).paragraphs == ["a", "b"]
    assert row_to_record({"id": "1", "title": "", "text": "a\\\n\\\nb"}).paragraphs == ["a\n\nb"]
    assert row_to_record({"id": "1", "title": "", "text": "\\0"}).paragraphs == [""]
    assert row_to_record({"id": "1", "title": "", "text": ""}).paragraphs == []
    assert record_to_row(RecordData("1", "", paragraphs=["a\n", "b\r\nc", ""]))["text"] == "a\\\n\n\nb\\\r\nc\n\n\\0"


def test_date_bounds_and_display_are_derived_when_left_empty_but_kept_when_given():
    record = row_to_record({"id": "1", "title": "A", "date": "1956-06"})
    assert (record.date_start, record.date_end, record.date_display) == ("1956-06-01", "1956-06-30", "June 1956")
    given = row_to_record({"id": "1", "title": "A", "date": "1956-06", "date_display": "early summer 1956"})
    assert given.date_display == "early summer 1956"


def test_semicolon_and_tab_delimited_files_are_read():
    rows = "id;title;donors\n1;A;\"x;y\"\n"
    assert parse(rows)[0].record == RecordData(id="1", title="A", donors=["x", "y"])
    assert parse("id\ttitle\ttype\n1\tA, B\tLetter\n")[0].record == RecordData(id="1", title="A, B", type="Letter")


def test_a_utf8_byte_order_mark_is_not_part_of_the_first_column(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes("\ufeffid,title\n1,Ünïcödé\n".encode())
    [item] = parser.parse(Source(path, "bom.csv"))  # read as plain UTF-8: the BOM is a character
    assert item.record == RecordData(id="1", title="Ünïcödé")
    [item] = parse("\ufeffid,title\n1,A\n")
    assert item.record == RecordData(id="1", title="A")


def test_cells_longer_than_the_csv_modules_default_limit(tmp_path):
    long = "Длинный абзац; " * 20_000  # ~300 KB, over the csv module's default 128 KB
    path = tmp_path / "long.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        write_csv([RecordData(id="1", title="A", paragraphs=[long, long])], fh)
    [item] = parser.parse(Source(path, "long.csv"))
    assert item.record is not None and item.record.paragraphs == [long, long]


def test_the_documented_example_parses():
    block = re.search(r"```csv\n(.+?)```", DOC.read_text(), re.S)
    assert block is not None
    [item] = parse(block.group(1))
    record = item.record
    assert record is not None, item.error
    assert record.paragraphs == [
        "20 December 1957",
        "I had a conversation with Qiao Xiaoguang; he said the volunteers would leave.",
    ]
    assert record.repository == Repository("AVPRF", "Archive of Foreign Policy of the Russian Federation")
    assert record.reference == {"fond": "0102", "opis": "14", "delo": "6", "listy": "14-25"}
    assert record.people == [Ref("kim-il-sung", "Kim Il Sung", "Premier of the DPRK"), Ref("qiao-xiaoguang", "Qiao Xiaoguang")]
    assert record.notes == [Note("1", "See the previous entry.", 1, 12)]
    assert (record.date_start, record.date_end) == ("1957-12-20", "1957-12-20")


# --- recognising the format, and the pipeline --------------------------------------------------


def test_score():
    header = ",".join(COLUMNS)
    assert parser.score(Path("x.txt"), header + "\n1,2\n") == 0.95
    assert parser.score(Path("x"), "\ufeff\nid;title;type\n") == 0.95
    assert parser.score(Path("x"), "id,title,colour\n") == 0.6
    assert parser.score(Path("x.csv"), "id,date\n") == 0.5
    assert parser.score(Path("x.txt"), "id,date\n") == 0.0
    assert parser.score(Path("x.jsonl"), json.dumps({"id": "1", "title": "A"}) + "\n") == 0.0
    assert parser.score(Path("x.txt"), "Skip to content\nDecember 20, 1957\nJournal of ...\n") == 0.0
    assert parser.score(Path("x.csv"), "") == 0.0


def test_the_pipeline_picks_the_csv_parser_and_decodes_windows_1251(tmp_path, csv_registered):
    from fonds.ingest.pipeline import iter_items

    record = RecordData(
        id="cp1251",
        title="Запись беседы с послом КНР Цяо Сяогуаном",
        summary="Посол обсуждает вывод китайских народных добровольцев из Кореи.",
        paragraphs=["Сегодня я принял посла КНР в КНДР.", "Он сообщил, что добровольцы уйдут до конца года."],
        original_language=["ru"],
        donors=["Фонд Леона Леви"],
        people=[Ref("qiao", "Цяо Сяогуан", "посол КНР")],
    )
    path = tmp_path / "windows.csv"
    path.write_bytes(csv_text(record).encode("cp1251"))
    items = list(iter_items([path]))
    assert [i.error for i in items] == [None]
    assert items[0].record == record


def test_the_pipeline_reports_a_bad_header_of_a_csv_file(tmp_path, csv_registered):
    from fonds.ingest.pipeline import iter_items

    path = tmp_path / "list.csv"
    path.write_text("id,date\n1,1957\n")
    [item] = list(iter_items([path]))
    assert item.error is not None and item.error.code == Code.MISSING_FIELD
    assert item.error.where == f"{path}:1"


def test_a_bom_file_through_the_pipeline(tmp_path, csv_registered):
    from fonds.ingest.pipeline import iter_items

    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + csv_text(full_record()).encode())
    [item] = list(iter_items([path]))
    assert item.record == full_record()


# --- any bytes of text: items, never an exception ----------------------------------------------

_JUNK = ["id", "title", "date", "text", "people", "notes", ",", ";", "\t", '"', '""', "\n", "\r\n", "\r", "\\", "|", "=",
         "\ufeff", "1957", "1957-13", "[", "]", "{", "}", "a", "Ж", "\u2028", "\x00"]  # fmt: skip


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(st.sampled_from(_JUNK) | st.text(max_size=5), max_size=60).map("".join))
def test_the_parser_never_raises_for_bad_content(body):
    for text in (body, "id,title,date,text,people,notes\n" + body):
        for item in parse(text):
            assert (item.record is None) != (item.error is None)
            if item.error is not None:
                assert item.error.file == "records.csv" and item.error.message
