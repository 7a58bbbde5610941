"""Lossless round trips of the record, over generated records full of awkward text.

1. JSON: ``RecordData.from_json(json.loads(json.dumps(r.to_json()))) == r``.
2. CSV: ``row_to_record(record_to_row(r)) == r``, through a whole file, and a file fonds wrote is
   written again byte for byte; a hand-made row, once read, is also written back faithfully.
3. The store: ``save_records`` then ``get_record`` gives the record back.
4. End to end through the command line: JSONL import -> export -> import into a second home ->
   export gives identical files equal to the input; CSV export -> import into a third home gives the
   same JSONL export.

The generators respect a few constraints the store imposes (see ``Level.STORE``); each is a place
where the store normalises or drops data, listed in :data:`STORE_CONSTRAINTS`, and the tests at
the end of this module pin them so a fix shows up as a failing test to update.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import hashlib
import io
import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fonds.core.dates import DateError, from_edtf
from fonds.core.record import CollectionRef, Note, PageBreak, RecordData, Ref, Repository, Transcript
from fonds.ingest.base import Source
from fonds.ingest.csv_records import COLUMNS, parser, record_to_row, row_to_record, write_csv

# Awkward strings: separators of every format involved, escapes, quotes, line breaks of every kind,
# combining marks, right-to-left text and marks, emoji with ZWJ sequences and flags, CJK, Hangul,
# NBSP, zero-width characters, a BOM, control characters, noncharacters, spreadsheet formulas.
NASTY = [
    "", " ", "  ", "\t", "  leading", "trailing  ", "a;b", "a|b", "k=v", ";", "|", "=", ";;", "||",
    "\\", "\\\\", "\\0", "\\;", "\\|", "\\n", "\\\n", '"', '""', '"quoted"', "'", ",", "a,b", "[1]", "{}",
    '{"a": 1}', "null", "None", "0", "-", "\n", "\n\n", "\n\n\n", "\r", "\r\n", "\r\n\r\n", "line\nbreak",
    "para\n\npara", "\n\nlead", "trail\n\n", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c\x1d\x1e",
    "\x01", "\x1b[31m", "\x7f", "e\u0301", "Z\u0364\u0354\u0367\u0311\u0313", "ŏ ’", "Ünïcödé — ŏ ’ 平壤",
    "\u05e9\u05dc\u05d5\u05dd", "مرحبا بالعالم", "\u200f\u200e\u202e", "\u202atext\u202c", "👨\u200d👩\u200d👧\u200d👦",
    "🇰🇵", "🏳️\u200d🌈", "\U0001f600", "\U00010000", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "平壤", "朝鲜民主主义人民共和国", "조선", "Пхеньян",
    "\u00a0", "\u00a0NBSP\u00a0", "\u200d", "\u200b", "\u2060", "\ufeff", "\ufeffid", "\ufffd", "\uffff",
    "ǅ", "ﬁ", "İ", "ß", "=cmd|' /C calc'!A0", "+1", "@SUM(1)", "<p>html & &amp;</p>", "%s %d {0}",
]  # fmt: skip
# Every character but surrogates (not valid in UTF-8 or JSON) and NUL (see STORE_CONSTRAINTS).
CHARS = st.characters(exclude_categories=("Cs",), exclude_characters="\x00")
LONG = 100_000

STORE_CONSTRAINTS = {
    "empty-string": "an optional string field ('' and None) reads back None: '' is stored as '' and read as None",
    "nul": "a NUL character cannot be stored on PostgreSQL, and a file holding one is refused as binary",
    "lengths": "CharField max_length (title is free; type 100, date_display 200, place 300, ...) fails on PostgreSQL",
    "donors": "donors: an empty name and a repeated name are dropped",
    "ref-ids": "authors/people/places/subjects: a repeated id in a list is dropped; a Ref reads back the "
    "authority's (name, description) seeded by the first record that named the id (authors and people share "
    "one table), and an empty description reads back None",
    "collections": "collections: a repeated id in a list is dropped; name and parent read back from the shared "
    "collection row (last name written wins; a parent once set is never cleared; '' parent reads back None)",
    "repository": "repository: a code without a name reads back with name = code; a name without a code reads "
    "back with the code of any coded repository of that name; a code reads back the first name stored for it; "
    "a name already used by another code fails the record",
}


class Level(enum.Enum):
    """What a generated record must satisfy: the JSON record, the CSV format, or the store."""

    JSON = "json"  # anything RecordData.to_json/from_json can carry
    CSV = "csv"  # + optional strings are None or non-empty (an empty cell is None), valid dates
    STORE = "store"  # + the store constraints above


def _key(*parts: object) -> str:
    return hashlib.sha1(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()[:10]


# --- strategies --------------------------------------------------------------------------------

strings = st.one_of(
    st.text(CHARS, max_size=30),
    st.sampled_from(NASTY),
    st.lists(st.one_of(st.sampled_from(NASTY), st.text(CHARS, max_size=6)), min_size=2, max_size=5).map("".join),
)
nonempty = strings.filter(bool)


@st.composite
def long_or_short(draw, base=strings, chance: int = 25):
    """Mostly ``base``; now and then a 100 KB text made of it."""
    if draw(st.integers(0, chance - 1)) == 0:
        unit = draw(nonempty)
        return (unit * (LONG // len(unit) + 1))[:LONG]
    return draw(base)


def optional(level: Level, base=strings, limit: int | None = None):
    inner = base if level is Level.JSON else base.filter(bool)
    if limit is not None:
        inner = inner.map(lambda s: s[:limit])
    return st.none() | inner


@st.composite
def edtf_points(draw) -> str:
    year = draw(st.integers(1000, 2099))
    shape = draw(st.sampled_from(["year", "month", "day", "season", "decade"]))
    if shape == "decade":
        core = f"{year // 10:03d}X"
    elif shape == "season":
        core = f"{year:04d}-{draw(st.integers(21, 24))}"
    else:
        core = f"{year:04d}"
        if shape in ("month", "day"):
            month = draw(st.integers(1, 12))
            core += f"-{month:02d}"
            if shape == "day":
                first = datetime.date(year, month, 1)
                last = (first.replace(day=28) + datetime.timedelta(days=4)).replace(day=1) - datetime.timedelta(days=1)
                core += f"-{draw(st.integers(1, last.day)):02d}"
    if shape == "season":
        return core  # the edtf package reads no qualified season ("1957-21~")
    return core + draw(st.sampled_from(["", "", "~", "?", "%"]))


@st.composite
def dates(draw, level: Level) -> dict[str, str | None]:
    """A valid EDTF date with consistent bounds and display (the display sometimes the source's own
    wording), or no date (with, sometimes, a display such as "undated")."""
    if draw(st.integers(0, 3)) == 0:
        return {"date": None, "date_start": None, "date_end": None, "date_display": draw(optional(level, limit=200))}
    edtf = draw(edtf_points())
    if draw(st.booleans()):
        other = draw(edtf_points())
        a, b = from_edtf(edtf), from_edtf(other)
        interval = f"{edtf}/{other}" if a.start <= b.end else f"{other}/{edtf}"
        try:
            from_edtf(interval)
            edtf = interval
        except DateError:  # EDTF takes no qualified decade ("195X~") as an interval's end
            pass
    value = from_edtf(edtf)
    display = value.display if draw(st.booleans()) else draw(nonempty.map(lambda s: s[:200]))
    return {"date": edtf, "date_start": value.start.isoformat(), "date_end": value.end.isoformat(), "date_display": display}


@st.composite
def refs(draw, level: Level) -> Ref:
    name = draw(strings.map(lambda s: s[:300]))
    # An empty description survives JSON and CSV ("id|name|"); the store reads it back None.
    description = draw(optional(level) if level is Level.STORE else st.none() | strings)
    if level is Level.STORE:
        # One id per (name, description) in a run: the authority row is shared by every record.
        return Ref(f"{name[:24]}·{_key(name, description)}", name, description)
    return Ref(draw(strings), name, description)


@st.composite
def collections(draw, level: Level) -> CollectionRef:
    name = draw(strings.map(lambda s: s[:500]))
    parent = draw(optional(level, limit=200) if level is Level.STORE else st.none() | strings)
    if level is Level.STORE:
        return CollectionRef(f"{name[:24]}·{_key(name, parent)}", name, parent)
    return CollectionRef(draw(strings), name, parent)


@st.composite
def repositories(draw, level: Level) -> Repository | None:
    if level is Level.STORE:
        name = draw(nonempty.map(lambda s: s[:300]))
        # A name has one code (or none) and a code one name.
        return Repository(f"R{_key(name)}" if int(_key(name), 16) % 3 else None, name)
    code, name = draw(optional(level)), draw(optional(level))
    if not (code or name):  # {"code": null, "name": null} is how to_json writes "no repository"
        return None
    return Repository(code, name)


@st.composite
def records(draw, level: Level = Level.STORE) -> RecordData:
    opt = lambda limit=None: optional(level, limit=limit)  # noqa: E731
    ref_list = lambda: st.lists(refs(level), max_size=3, unique_by=lambda r: r.id)  # noqa: E731
    ident = draw(nonempty.filter(lambda s: s.strip()).map(lambda s: s[:150]))
    donors = st.lists(strings.map(lambda s: s[:300]), max_size=3)
    if level is Level.STORE:
        donors = st.lists(nonempty.map(lambda s: s[:300]), max_size=3, unique=True)
    return RecordData(
        id=ident,
        title=draw(long_or_short(chance=50)),
        **draw(dates(level)),
        type=draw(opt(100)),
        summary=draw(st.none() | long_or_short(nonempty if level is not Level.JSON else strings)),
        credit=draw(opt()),
        paragraphs=draw(st.lists(long_or_short(), max_size=5)),
        original_language=draw(st.lists(st.sampled_from(["ru", "en", "ko", "zh", "de", "", "x;y", "\\"]) | strings, max_size=3)),
        translation_language=draw(opt(20)),
        source=draw(opt()),
        repository=draw(st.none() | repositories(level)),
        reference=draw(st.dictionaries(strings, strings, max_size=4)),
        translator=draw(opt(500)),
        translated_for=draw(opt(300)),
        rights=draw(opt()),
        uploaded=draw(st.none() | st.dates(datetime.date(1, 1, 1), datetime.date(9999, 12, 31)).map(lambda d: d.isoformat())),
        classification=draw(opt(200)),
        original_archive=draw(opt(500)),
        place=draw(opt(300)),
        sender=draw(opt()),
        recipient=draw(opt()),
        signer=draw(opt()),
        donors=draw(donors),
        collections=draw(st.lists(collections(level), max_size=3, unique_by=lambda c: c.id)),
        authors=draw(ref_list()),
        people=draw(ref_list()),
        places=draw(ref_list()),
        subjects=draw(ref_list()),
        keywords=draw(st.lists(strings, max_size=4)),
        notes=draw(st.lists(st.builds(Note, strings, long_or_short(), st.none() | st.integers(0, 10**6), st.none() | st.integers(0, 10**6)), max_size=3)),
        page_breaks=draw(st.lists(st.builds(PageBreak, strings, st.integers(0, 10**6), st.integers(0, 10**6)), max_size=3)),
        transcripts=draw(st.lists(st.builds(Transcript, st.none() | strings, long_or_short(), st.sampled_from(["transcript", "translation"]) | strings), max_size=2)),
    )  # fmt: skip


FAST = settings(max_examples=200, deadline=None, database=None)


# --- 1. JSON -----------------------------------------------------------------------------------


@FAST
@given(records(Level.JSON))
def test_json_round_trip(record):
    assert RecordData.from_json(json.loads(json.dumps(record.to_json()))) == record
    # The export writes ensure_ascii=False: the same text must come back from the raw UTF-8 too.
    line = json.dumps(record.to_json(), ensure_ascii=False).encode("utf-8")
    assert b"\n" not in line and b"\r" not in line  # one record a line, whatever the text holds
    assert RecordData.from_json(json.loads(line.decode("utf-8"))) == record


# --- 2. CSV ------------------------------------------------------------------------------------


def _write(records_: list[RecordData]) -> str:
    out = io.StringIO(newline="")
    write_csv(records_, out)
    return out.getvalue()


@FAST
@given(records(Level.CSV))
def test_csv_row_round_trip(record):
    row = record_to_row(record)
    assert list(row) == list(COLUMNS)
    assert row_to_record(row) == record
    assert record_to_row(row_to_record(row)) == row


@settings(max_examples=60, deadline=None, database=None)
@given(st.lists(records(Level.CSV), min_size=1, max_size=4))
def test_csv_file_round_trip(tmp_path_factory, records_):
    text = _write(records_)
    path = tmp_path_factory.mktemp("csv") / "records.csv"
    path.write_bytes(text.encode("utf-8"))
    items = list(parser.parse(Source(path, "records.csv")))
    assert [i.error for i in items] == [None] * len(records_)
    assert [i.record for i in items] == records_
    assert _write([i.record for i in items]) == text


HAND_CELLS = st.lists(st.sampled_from(NASTY + ["a", "b", " x ", "\\ ", "\\\n", "\\x", "|", "=", "k=v", "i|n", "i|n|d", "p|q|"]), max_size=5).map("".join)


@FAST
@given(
    st.fixed_dictionaries(
        {"id": nonempty.filter(lambda s: s.strip())},
        optional={c: HAND_CELLS for c in ("title", "text", "donors", "keywords", "original_language", "reference",
                                         "collections", "people", "subjects", "summary", "repository_code")},
    )  # fmt: skip
)
def test_a_hand_made_row_once_read_is_written_back_faithfully(row):
    """CSV -> record -> CSV -> record: whatever the reader made of a hand-made row, the writer keeps."""
    from fonds.ingest.base import ParseError

    try:
        record = row_to_record(row)
    except ParseError:
        return  # a malformed item: rejected, nothing to keep
    assert row_to_record(record_to_row(record)) == record


# --- paragraphs: kept as a list, so what the joined ``text`` cannot say survives --------------

EDGE_PARAGRAPHS = ["", "a\n\nb", "  leading spaces", "trailing\n", "\nleading newline", "\n", "\n\n", "", "x\r\ny", " "]


def test_edge_paragraphs_round_trip_through_json_and_csv():
    record = RecordData("p1", "t", paragraphs=EDGE_PARAGRAPHS)
    assert RecordData.from_json(json.loads(json.dumps(record.to_json()))) == record
    assert row_to_record(record_to_row(record)) == record
    for single in ([""], ["\n\n"], ["a", ""], ["", "a"]):
        assert row_to_record(record_to_row(RecordData("p", "t", paragraphs=single))).paragraphs == single
    # The joined text alone could not tell these apart: a reader of "text" only gets other paragraphs.
    text_only = {"id": "p1", "title": "t", "text": record.text}
    assert RecordData.from_json(text_only).paragraphs != EDGE_PARAGRAPHS


@pytest.mark.django_db
def test_edge_paragraphs_round_trip_through_the_store():
    from fonds.catalog.services import get_record, save_records

    save_records([RecordData("p1", "t", paragraphs=EDGE_PARAGRAPHS), RecordData("p2", "t", paragraphs=[""])])
    assert get_record("p1").paragraphs == EDGE_PARAGRAPHS
    assert get_record("p2").paragraphs == [""]


# --- 3. The store ------------------------------------------------------------------------------


def _clear_catalogue() -> None:
    from fonds.catalog import models as m

    m.Record.objects.all().delete()
    for model in (m.Agent, m.Place, m.Subject, m.Donor, m.OutboxEntry):
        model.objects.all().delete()
    m.Collection.objects.update(parent=None)
    m.Collection.objects.all().delete()
    m.Repository.objects.all().delete()


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(records(Level.STORE), min_size=1, max_size=3, unique_by=lambda r: r.id))
def test_store_round_trip(records_):
    from fonds.catalog.services import Status, get_record, iter_records, save_records

    _clear_catalogue()
    outcomes = save_records(records_)
    assert [(o.status, o.error) for o in outcomes] == [(Status.CREATED, None)] * len(records_)
    for record in records_:
        assert get_record(record.id) == record
    assert list(iter_records()) == records_
    # Saving the same records again changes nothing: the stored hash is the input's.
    assert {o.status for o in save_records(records_)} == {Status.UNCHANGED}


# --- 4. End to end through the command line -----------------------------------------------------


def _random_text(rng: random.Random, size: int = 30) -> str:
    parts = []
    while sum(map(len, parts)) < size:
        if rng.random() < 0.4:
            parts.append(rng.choice(NASTY))
        else:
            parts.append("".join(chr(_random_char(rng)) for _ in range(rng.randint(1, 8))))
    return "".join(parts)


def _random_char(rng: random.Random) -> int:
    while True:
        c = rng.choice([rng.randint(0x20, 0x7E), rng.randint(0xA0, 0x2FFF), rng.randint(0x3000, 0xD7FF),
                        rng.randint(0xE000, 0xFFFF), rng.randint(0x10000, 0x10FFFF), rng.randint(1, 0x1F)])  # fmt: skip
        if not 0xD800 <= c <= 0xDFFF:
            return c


def _random_records(seed: int = 1234, count: int = 40) -> list[RecordData]:
    """``count`` store-safe records (see STORE_CONSTRAINTS), with odd text everywhere."""
    rng = random.Random(seed)

    def text(size=30, limit=None):
        return _random_text(rng, rng.randint(0, size))[:limit]

    def some(size=30, limit=None):  # None or a non-empty string
        if rng.random() < 0.3:
            return None
        return (text(size) or "x")[:limit]

    authorities = [(n, d) for n, d in ((text(20, 300), some()) for _ in range(15))]
    coll = [(n, p) for n, p in ((text(20, 500), some(10, 200)) for _ in range(5))]
    repos = [text(20, 300) or "r" for _ in range(4)]
    out = []
    for i in range(count):
        edtf = rng.choice(["1957-12-20", "1956-06", "1959~", "1957/1958", "195X", "1957-21", "1961-03-03?/1962%", "1989-11-09"])
        value = from_edtf(edtf)
        paragraphs = [text(200) for _ in range(rng.randint(0, 6))]
        if i in (7, 23):
            paragraphs.append((text(40) or "x") * (LONG // 40))
        paragraphs += rng.sample(["", "  indented first line\nand a second", "a\n\nb", "\n", "trailing\n"], 2)
        picked = rng.sample(authorities, 4)
        out.append(
            RecordData(
                id=f"{text(12, 40)}-{i}" if i % 3 else str(100000 + i),
                title=text(80),
                date=edtf if i % 5 else None,
                date_start=value.start.isoformat() if i % 5 else None,
                date_end=value.end.isoformat() if i % 5 else None,
                # With a date, import derives an empty display from it: give one (the source's own, or derived).
                date_display=(value.display if i % 2 else (text(20, 200) or "x")) if i % 5 else some(20, 200),
                type=some(20, 100),
                summary=some(300),
                credit=some(),
                paragraphs=paragraphs,
                original_language=rng.sample(["ru", "ko", "zh", "", "de;fr", " x "], rng.randint(0, 3)),
                translation_language=some(5, 20),
                source=some(200),
                repository=rng.choice([None, *[Repository(f"R{_key(n)}" if k % 2 else None, n) for k, n in enumerate(repos)]]),
                reference={text(8): text(8) for _ in range(rng.randint(0, 4))},
                translator=some(40, 500),
                translated_for=some(40, 300),
                rights=some(200),
                uploaded=rng.choice([None, "2012-12-04", "0001-01-01", "9999-12-31"]),
                classification=some(20, 200),
                original_archive=some(100, 500),
                place=some(20, 300),
                sender=some(), recipient=some(), signer=some(),
                donors=list(dict.fromkeys(d for d in (text(30, 300) for _ in range(rng.randint(0, 3))) if d)),
                collections=[CollectionRef(f"{n[:16]}·{_key(n, p)}", n, p) for n, p in rng.sample(coll, rng.randint(0, 2))],
                authors=[Ref(f"{n[:16]}·{_key(n, d)}", n, d) for n, d in picked[:1]],
                people=[Ref(f"{n[:16]}·{_key(n, d)}", n, d) for n, d in picked[1:]],
                places=[Ref(f"{n[:16]}·{_key(n, d)}", n, d) for n, d in rng.sample(authorities, 2)],
                subjects=[Ref(f"{n[:16]}·{_key(n, d)}", n, d) for n, d in rng.sample(authorities, 1)],
                keywords=[text(10) for _ in range(rng.randint(0, 3))],
                notes=[Note(text(3), text(100), rng.choice([None, 0, 2]), rng.choice([None, 0, 17])) for _ in range(rng.randint(0, 2))],
                page_breaks=[PageBreak(text(3), rng.randint(0, 5), rng.randint(0, 99)) for _ in range(rng.randint(0, 2))],
                transcripts=[Transcript(some(3), text(300), rng.choice(["transcript", "translation"])) for _ in range(rng.randint(0, 2))],
            )  # fmt: skip
        )
    return out


def _read_jsonl(path: Path) -> list[RecordData]:
    with open(path, encoding="utf-8", newline="") as fh:
        return [RecordData.from_json(json.loads(line)) for line in fh.read().split("\n") if line]


def _import(cli, path: Path, count: int) -> None:
    report = path.with_suffix(".report.json")
    cli.run("import", path, "--report", report)
    data = json.loads(report.read_text())
    assert {status: n for status, n in data["counts"].items() if n} == {"created": count}, data["rejected"]


def test_end_to_end_through_the_command_line(make_cli, tmp_path):
    from fonds.ingest import registry

    records_ = _random_records()
    assert len({r.id for r in records_}) == len(records_)
    source = tmp_path / "input.jsonl"
    with open(source, "w", encoding="utf-8", newline="") as fh:
        for record in records_:
            fh.write(json.dumps(record.to_json(), ensure_ascii=False) + "\n")

    first, second, third = make_cli(), make_cli(), make_cli()
    _import(first, source, len(records_))
    export1 = tmp_path / "export1.jsonl"
    first.run("export", "--format", "jsonl", "--output", export1)
    assert _read_jsonl(export1) == records_

    _import(second, export1, len(records_))
    export2 = tmp_path / "export2.jsonl"
    second.run("export", "--format", "jsonl", "--output", export2)
    assert export2.read_bytes() == export1.read_bytes()

    exported_csv = tmp_path / "export1.csv"
    first.run("export", "--format", "csv", "--output", exported_csv)
    with open(exported_csv, encoding="utf-8", newline="") as fh:
        assert [row_to_record(row) for row in _dict_rows(fh)] == records_
    if "csv" not in registry.names():
        pytest.skip("fonds.ingest.csv_records.parser is not in fonds.ingest.registry.PARSERS yet: CSV import untested")
    _import(third, exported_csv, len(records_))
    export3 = tmp_path / "export3.jsonl"
    third.run("export", "--format", "jsonl", "--output", export3)
    assert export3.read_bytes() == export1.read_bytes()
    exported_csv3 = tmp_path / "export3.csv"
    third.run("export", "--format", "csv", "--output", exported_csv3)
    assert exported_csv3.read_bytes() == exported_csv.read_bytes()


def _dict_rows(fh):
    import csv

    return csv.DictReader(fh, strict=True)


# --- the constraints above, pinned: each is data the store changes -------------------------------


def _saved(record: RecordData) -> RecordData:
    from fonds.catalog.services import get_record, save_records

    save_records([record])
    return get_record(record.id)


@pytest.mark.django_db
class TestStoreConstraints:
    """What the store does today with inputs the generators avoid. Each is a loss to fix; when one
    is fixed, its test fails here and the matching constraint can be dropped from the generators."""

    def test_empty_optional_strings_read_back_as_none(self):
        assert _saved(RecordData("c1", "t", summary="", place="")).summary is None

    def test_donors_drop_empty_and_repeated_names(self):
        assert _saved(RecordData("c2", "t", donors=["a", "", "a"])).donors == ["a"]

    def test_a_ref_reads_back_the_first_name_and_description_seen_for_its_id(self):
        _saved(RecordData("c3", "t", authors=[Ref("x", "First", "first description")]))
        again = _saved(RecordData("c4", "t", people=[Ref("x", "Second", "second")]))
        assert again.people == [Ref("x", "First", "first description")]

    def test_a_repeated_ref_id_in_one_list_is_dropped(self):
        assert _saved(RecordData("c5", "t", places=[Ref("p", "A"), Ref("p", "B")])).places == [Ref("p", "A")]

    def test_an_empty_ref_description_reads_back_none(self):
        assert _saved(RecordData("c6", "t", subjects=[Ref("s", "S", "")])).subjects == [Ref("s", "S", None)]

    def test_a_collection_reads_back_the_last_name_written_and_keeps_its_parent(self):
        from fonds.catalog.services import get_record

        _saved(RecordData("c7", "t", collections=[CollectionRef("k", "Old", "p")]))
        _saved(RecordData("c8", "t", collections=[CollectionRef("k", "New", None)]))
        assert get_record("c7").collections == [CollectionRef("k", "New", "p")]
        assert get_record("c8").collections == [CollectionRef("k", "New", "p")]

    def test_re_importing_the_old_name_does_not_restore_it(self):
        from fonds.catalog.services import Status, get_record, save_records

        _saved(RecordData("c16", "t", collections=[CollectionRef("k2", "Old", None)]))
        _saved(RecordData("c17", "t", collections=[CollectionRef("k2", "New", None)]))
        # c16's stored hash is still that of its input, so the same input is "unchanged"...
        [outcome] = save_records([RecordData("c16", "t", collections=[CollectionRef("k2", "Old", None)])])
        assert outcome.status is Status.UNCHANGED
        # ...while what it reads back is not its input.
        assert get_record("c16").collections == [CollectionRef("k2", "New", None)]

    def test_a_repository_code_without_a_name_gains_the_code_as_name(self):
        assert _saved(RecordData("c9", "t", repository=Repository("AVPRF", None))).repository == Repository("AVPRF", "AVPRF")

    def test_a_repository_name_without_a_code_gains_another_records_code(self):
        _saved(RecordData("c10", "t", repository=Repository("X", "Same name")))
        assert _saved(RecordData("c11", "t", repository=Repository(None, "Same name"))).repository == Repository("X", "Same name")

    def test_a_repository_code_reads_back_its_first_name(self):
        _saved(RecordData("c12", "t", repository=Repository("Y", "One")))
        assert _saved(RecordData("c13", "t", repository=Repository("Y", "Two"))).repository == Repository("Y", "One")

    def test_a_repository_name_used_by_another_code_fails_the_record(self):
        from fonds.catalog.services import Status, save_records

        save_records([RecordData("c14", "t", repository=Repository("A", "Shared"))])
        [outcome] = save_records([RecordData("c15", "t", repository=Repository("B", "Shared"))])
        assert outcome.status is Status.FAILED


def test_record_fields_are_all_generated():
    """The generator sets every field of RecordData (a new field must be added to it)."""
    names = {f.name for f in dataclasses.fields(RecordData)}
    example = _random_records(count=40)
    for name in names:
        assert any(getattr(r, name) not in (None, [], {}) for r in example), name
