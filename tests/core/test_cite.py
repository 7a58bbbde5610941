"""Citations of a record (fonds.core.cite): CSL-JSON, Chicago/MLA/APA, RIS and BibTeX.

No database: records are built here, and the reference record (WCDA 115958) is read from its
page in ../shared/corpora. The file formats are read back with small parsers written here (RIS by
its line tags, BibTeX by a brace-matching reader, CSL-JSON with json), so a test fails when a file
would not load in a reference manager, not only when a string changes.
"""

from __future__ import annotations

import datetime
import json
import re

import pytest

from fonds.core import cite
from fonds.core.record import RecordData, Ref, Repository

ACCESSED = datetime.date(2025, 3, 1)
SITE = "Wilson Center Digital Archive"
URL = "https://digitalarchive.example.org/documents/115958/journal-of-soviet-ambassador"
AVPRF = Repository(code="AVPRF", name="Archive of Foreign Policy of the Russian Federation")

# How each style writes the reference record's date, the translator and the access date.
STYLE_FORMS = {
    "chicago": ("December 20, 1957", "Gary Goldberg", "March 1, 2025"),
    "chicago-note": ("December 20, 1957", "Gary Goldberg", "March 1, 2025"),
    "mla": ("20 Dec. 1957", "Gary Goldberg", "1 Mar. 2025"),
    "apa": ("1957", "G. Goldberg", "March 1, 2025"),
}


# --- readers for the file formats -----------------------------------------------------------------


def read_ris(text: str) -> list[dict[str, list[str]]]:
    """RIS records as {tag: [values]}; every line must be ``TAG  - value`` and every record close."""
    records: list[dict[str, list[str]]] = []
    current: dict[str, list[str]] | None = None
    for line in text.split("\r\n"):
        if not line:
            continue
        match = re.fullmatch(r"([A-Z][A-Z0-9])  -(?: (.*))?", line)
        assert match, f"not a RIS line: {line!r}"
        tag, value = match[1], match[2] or ""
        if tag == "TY":
            assert current is None, "TY inside an open record"
            current = {}
        assert current is not None, f"{tag} outside a record"
        if tag == "ER":
            records.append(current)
            current = None
            continue
        current.setdefault(tag, []).append(value)
    assert current is None, "record not closed with ER"
    return records


_UNTEX = {r"\&": "&", r"\%": "%", r"\$": "$", r"\#": "#", r"\_": "_", r"\{": "{", r"\}": "}",
          r"\^{}": "^", r"\~{}": "~", r"\textbackslash{}": "\\"}


def read_bibtex(text: str) -> list[tuple[str, str, dict[str, str]]]:
    """BibTeX entries as (type, key, {field: value}); braces must balance; values un-escaped."""
    entries = []
    position = 0
    while True:
        head = re.compile(r"@(\w+)\{([^,\s]+),").search(text, position)
        if head is None:
            break
        fields: dict[str, str] = {}
        position = head.end()
        while True:
            field = re.compile(r"\s*(\w+)\s*=\s*").match(text, position)
            if field is None:
                break
            position = field.end()
            if text[position] == "{":
                depth, start = 0, position
                while True:
                    char = text[position]
                    if char == "\\":
                        position += 2
                        continue
                    depth += {"{": 1, "}": -1}.get(char, 0)
                    position += 1
                    if depth == 0:
                        break
                raw = text[start + 1 : position - 1]
            else:
                bare = re.compile(r"[\w.-]+").match(text, position)
                assert bare, f"unreadable value at {text[position:position + 30]!r}"
                raw, position = bare.group(0), bare.end()
            value = raw
            for escaped, plain in _UNTEX.items():
                value = value.replace(escaped, plain)
            fields[field[1].lower()] = value
            comma = re.compile(r"\s*,").match(text, position)
            if comma is None:
                break
            position = comma.end()
        closing = re.compile(r"\s*\}").match(text, position)
        assert closing, f"entry {head[2]} not closed at {text[position:position + 40]!r}"
        position = closing.end()
        entries.append((head[1].lower(), head[2], fields))
    return entries


# --- records ----------------------------------------------------------------------------------------


@pytest.fixture
def reference(reference_page) -> RecordData:
    """WCDA 115958, read from its page by the parser that imports it."""
    from fonds.ingest.wcda_page import page_to_record, read_page

    return page_to_record(read_page(reference_page.read_text(encoding="utf-8")))


def make(**fields) -> RecordData:
    base = dict(
        id="800001",
        title="Memorandum of Conversation with the Ambassador",
        date="1961-03-03",
        date_display="March 3, 1961",
        type="Memorandum of Conversation",
        translator="Ivy Tester",
        repository=AVPRF,
        reference={"fond": "0102", "opis": "17", "delo": "5", "listy": "40-42"},
        source="AVPRF F. 0102, Op. 17, Delo 5, Listy 40-42. Translated by Ivy Tester.",
        translation_language="en",
        original_language=["ru"],
    )
    base.update(fields)
    return RecordData(**base)


# --- the reference record ---------------------------------------------------------------------------


def test_reference_record_as_csl_json(reference):
    item = cite.csl_json(reference, URL, SITE, ACCESSED)
    assert item == {
        "id": "115958",
        "type": "manuscript",
        "title": "Journal of Soviet Ambassador to the DPRK A.M. Puzanov for 20 December 1957",
        "translator": [{"family": "Goldberg", "given": "Gary"}],
        "issued": {"date-parts": [[1957, 12, 20]]},
        "archive": "Archive of Foreign Policy of the Russian Federation",
        "archive_location": "F. 0102, Op. 14, D. 6, Ll. 14-25",
        "publisher": SITE,
        "URL": URL,
        "accessed": {"date-parts": [[2025, 3, 1]]},
        "genre": "Diary Entry",
        "language": "en",
        "abstract": reference.summary,
        "note": "AVPRF F. 0102, Op. 14, Delo 6, Listy 14-25. Translated for NKIDP by Gary Goldberg.",
    }
    assert json.loads(json.dumps(item)) == item


@pytest.mark.parametrize("style", sorted(cite.STYLES))
def test_reference_record_rendered_carries_every_part(reference, style):
    text = cite.render(reference, style, URL, SITE, ACCESSED, fmt="text")
    date, translator, accessed = STYLE_FORMS[style]
    for part in (
        "Journal of Soviet Ambassador to the DPRK A.M. Puzanov for 20 December 1957",
        date,
        "Archive of Foreign Policy of the Russian Federation",
        "F. 0102, Op. 14, D. 6, Ll. 14-25",
        translator,
        SITE,
        URL,
        accessed,
    ):
        assert part in text, (style, part, text)
    assert text.count("Goldberg") == 1, text  # the translator once, not also as the author


def test_reference_record_in_chicago(reference):
    """The whole Chicago bibliography entry and footnote, pinned (18th edition, access dates)."""
    assert cite.render(reference, "chicago", URL, SITE, ACCESSED, fmt="text") == (
        "“Journal of Soviet Ambassador to the DPRK A.M. Puzanov for 20 December 1957.” Diary Entry. "
        "Translated by Gary Goldberg. Wilson Center Digital Archive, December 20, 1957. "
        "F. 0102, Op. 14, D. 6, Ll. 14-25. Archive of Foreign Policy of the Russian Federation. "
        f"Accessed March 1, 2025. {URL}."
    )
    assert cite.render(reference, "chicago-note", URL, SITE, ACCESSED, fmt="text") == (
        "“Journal of Soviet Ambassador to the DPRK A.M. Puzanov for 20 December 1957,” Diary Entry, "
        "trans. Gary Goldberg, Wilson Center Digital Archive, December 20, 1957, "
        "F. 0102, Op. 14, D. 6, Ll. 14-25, Archive of Foreign Policy of the Russian Federation, "
        f"accessed March 1, 2025, {URL}."
    )


def test_apa_italicises_the_title_and_puts_it_first_without_an_author(reference):
    html = cite.render(reference, "apa", URL, SITE, ACCESSED)
    assert html.startswith("<i>Journal of Soviet Ambassador to the DPRK A.M. Puzanov for 20 December 1957</i>")
    assert html.index("</i>") < html.index("(1957)")


def test_reference_record_as_ris(reference):
    (record,) = read_ris(cite.ris([(reference, URL)], SITE, ACCESSED))
    assert record == {
        "TY": ["MANSCPT"],
        "TI": ["Journal of Soviet Ambassador to the DPRK A.M. Puzanov for 20 December 1957"],
        "A4": ["Goldberg, Gary"],
        "PY": ["1957"],
        "DA": ["1957/12/20/"],
        "DB": ["Archive of Foreign Policy of the Russian Federation"],
        "AN": ["F. 0102, Op. 14, D. 6, Ll. 14-25"],
        "M3": ["Diary Entry"],
        "DP": [SITE],
        "UR": [URL],
        "Y2": ["2025/03/01/"],
        "LA": ["en"],
        "AB": [reference.summary],
        "N1": ["AVPRF F. 0102, Op. 14, Delo 6, Listy 14-25. Translated for NKIDP by Gary Goldberg."],
        "CR": [" ".join(reference.rights.split())],
    }


def test_reference_record_as_bibtex(reference):
    ((kind, key, fields),) = read_bibtex(cite.bibtex([(reference, URL)], SITE, ACCESSED))
    assert (kind, key) == ("unpublished", "doc1957-115958")
    assert fields["title"] == "{Journal of Soviet Ambassador to the DPRK A.M. Puzanov for 20 December 1957}"
    assert fields["translator"] == "Goldberg, Gary"
    assert (fields["date"], fields["year"], fields["month"]) == ("1957-12-20", "1957", "dec")
    assert fields["archive"] == "Archive of Foreign Policy of the Russian Federation"
    assert fields["location"] == "F. 0102, Op. 14, D. 6, Ll. 14-25"
    assert fields["howpublished"] == SITE
    assert (fields["url"], fields["urldate"]) == (URL, "2025-03-01")
    assert fields["type"] == "Diary Entry"
    assert fields["note"] == "AVPRF F. 0102, Op. 14, Delo 6, Listy 14-25. Translated for NKIDP by Gary Goldberg."
    assert "author" not in fields


# --- names ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "inverted", "expected"),
    [
        ("Gary Goldberg", False, {"family": "Goldberg", "given": "Gary"}),
        ("Karl P. Benziger", False, {"family": "Benziger", "given": "Karl P."}),
        ("Ludwig van Beethoven", False, {"family": "van Beethoven", "given": "Ludwig"}),
        ("Martin Luther King Jr.", False, {"family": "King", "given": "Martin Luther", "suffix": "Jr."}),
        ("Goldberg, Gary", False, {"family": "Goldberg", "given": "Gary"}),
        ("Puzanov, Aleksandr Mikhailovich", True, {"family": "Puzanov", "given": "Aleksandr Mikhailovich"}),
        ("Zhou, Enlai, 1898-1976", True, {"family": "Zhou", "given": "Enlai"}),
        ("Khrushchev, Nikita Sergeevich, 1894-1971", True, {"family": "Khrushchev", "given": "Nikita Sergeevich"}),
        ("Mao Zedong", True, {"literal": "Mao Zedong"}),  # an authority name without its comma
        ("Gromyko", False, {"literal": "Gromyko"}),
        ("the Korea Institute for National Unification", False, {"literal": "the Korea Institute for National Unification"}),
        ("Ministry of Foreign Affairs, USSR", True, {"literal": "Ministry of Foreign Affairs, USSR"}),
    ],
)
def test_parse_name(name, inverted, expected):
    assert cite.parse_name(name, inverted=inverted) == expected


def test_two_translators_and_authors_with_full_given_names():
    record = make(
        translator="Gary Goldberg and Sergey Radchenko",
        authors=[Ref("puzanov", "Puzanov, Aleksandr Mikhailovich, 1906-1998")],
    )
    item = cite.csl_json(record, URL, SITE, ACCESSED)
    assert item["author"] == [{"family": "Puzanov", "given": "Aleksandr Mikhailovich"}]
    assert item["translator"] == [{"family": "Goldberg", "given": "Gary"}, {"family": "Radchenko", "given": "Sergey"}]
    chicago = cite.render(record, "chicago", URL, SITE, ACCESSED, fmt="text")
    assert chicago.startswith("Puzanov, Aleksandr Mikhailovich. “Memorandum")
    assert "Gary Goldberg and Sergey Radchenko" in chicago
    assert cite.render(record, "chicago-note", URL, SITE, ACCESSED, fmt="text").startswith("Aleksandr Mikhailovich Puzanov, “")
    assert cite.render(record, "mla", URL, SITE, ACCESSED, fmt="text").startswith("Puzanov, Aleksandr Mikhailovich. “")
    # APA alone initialises given names.
    assert cite.render(record, "apa", URL, SITE, ACCESSED, fmt="text").startswith("Puzanov, A. M. (1961).")
    (ris,) = read_ris(cite.ris([(record, URL)], SITE, ACCESSED))
    assert ris["AU"] == ["Puzanov, Aleksandr Mikhailovich"]
    assert ris["A4"] == ["Goldberg, Gary", "Radchenko, Sergey"]
    ((_, key, fields),) = read_bibtex(cite.bibtex([(record, URL)], SITE, ACCESSED))
    assert key == "puzanov1961-800001"
    assert fields["author"] == "Puzanov, Aleksandr Mikhailovich"
    assert fields["translator"] == "Goldberg, Gary and Radchenko, Sergey"


# --- dates ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("edtf", "expected", "chicago"),
    [
        ("1957-12-20", {"date-parts": [[1957, 12, 20]]}, "December 20, 1957"),
        ("1956-06", {"date-parts": [[1956, 6]]}, "June 1956"),
        ("1959", {"date-parts": [[1959]]}, ", 1959."),
        ("1959~", {"date-parts": [[1959]], "circa": True}, "c. 1959"),
        ("1959?", {"date-parts": [[1959]], "circa": True}, "1959?"),
        ("1957-11-14/1957-11-16", {"date-parts": [[1957, 11, 14], [1957, 11, 16]]}, "November 14–16, 1957"),
        ("1961/1962", {"date-parts": [[1961], [1962]]}, "1961–1962"),
        ("195X", {"date-parts": [[1950], [1959]]}, "1950–1959"),
        ("1957-21", {"date-parts": [[1957]], "season": 1}, "Spring 1957"),
    ],
)
def test_dates(edtf, expected, chicago):
    from fonds.core.dates import from_edtf

    value = from_edtf(edtf)
    record = make(date=edtf, date_display=value.display, date_start=value.start.isoformat(), date_end=value.end.isoformat())
    assert cite.issued(record) == expected
    assert chicago in cite.render(record, "chicago", URL, SITE, ACCESSED, fmt="text")
    for style in cite.STYLES:  # every style prints a date
        text = cite.render(record, style, URL, SITE, ACCESSED, fmt="text")
        assert re.search(r"19[56]\d", text.replace(URL, "")), (style, text)


def test_no_date_is_no_issued():
    record = make(date=None, date_display=None)
    assert "issued" not in cite.csl_json(record, URL, SITE, ACCESSED)
    assert "n.d." in cite.render(record, "apa", URL, SITE, ACCESSED)


# --- archival references ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reference", "source", "repository", "expected"),
    [
        ({"fond": "5", "opis": "28", "delo": "412", "listy": "10"}, None, AVPRF, "F. 5, Op. 28, D. 412, L. 10"),
        ({"fond": "5", "opis": "28", "delo": "412", "listy": "10ob."}, None, AVPRF, "F. 5, Op. 28, D. 412, L. 10ob."),
        ({"fond": "0100", "opis": "34", "year": "1946", "papka": "253"}, None, AVPRF, "F. 0100, Op. 34, 1946, P. 253"),
        ({"file": "106-00451-02"}, None, AVPRF, "File No. 106-00451-02"),
        ({"record_group": "59", "box": "2188", "folder": "POL 7 US"}, None, AVPRF, "RG 59, Box 2188, Folder POL 7 US"),
        ({}, "SAPMO-BArch, DY 30/IV 2/20/137. Translated by Jonas Weber.", None, "DY 30/IV 2/20/137"),
        ({}, "Obtained and translated by Eva Kardos.", Repository("MOL", "Hungarian National Archives"), None),
        ({}, None, AVPRF, None),
    ],
)
def test_archive_location(reference, source, repository, expected):
    record = make(reference=reference, source=source, repository=repository)
    assert cite.archive_location(record) == expected


# --- safety -----------------------------------------------------------------------------------------


def test_markup_in_the_data_is_escaped_and_kept():
    record = make(
        title="Fish & <i>Chips</i>: a <script>alert(1)</script> “quoted” title",
        repository=Repository("X", "Archive <X> & Co"),
        translator="Ann O'Neil",
    )
    for style in cite.STYLES:
        html = cite.render(record, style, URL + "?a=1&b=2", "S&P <Site>", ACCESSED)
        assert "<script" not in html and "<X>" not in html and "<Site>" not in html
        assert re.sub(r"</?(?:i|b)>", "", html).count("<") == 0, html
        assert "&amp;" in html and "&lt;script&gt;" in html
        text = cite.render(record, style, URL + "?a=1&b=2", "S&P <Site>", ACCESSED, fmt="text")
        assert "<script>alert(1)</script>" in text and "Archive <X> & Co" in text and URL + "?a=1&b=2" in text


def test_american_punctuation_around_quoted_titles():
    question = make(title="Why Did Kim Go?")
    assert "“Why Did Kim Go?” Memorandum" in cite.render(question, "chicago", URL, SITE, ACCESSED, fmt="text")
    assert "“Why Did Kim Go?” Memorandum" in cite.render(question, "chicago-note", URL, SITE, ACCESSED, fmt="text")
    initials = make(title="Talks with Gen. Ri Chol U.")
    assert "“Talks with Gen. Ri Chol U.” Memorandum" in cite.render(initials, "mla", URL, SITE, ACCESSED, fmt="text")


def test_rendering_is_remembered_per_record_content():
    record = make()
    first = cite.render(record, "chicago", URL, SITE, ACCESSED)
    assert cite.render(record, "chicago", URL, SITE, ACCESSED) is first
    record.title = "Another Title"
    assert "Another Title" in cite.render(record, "chicago", URL, SITE, ACCESSED)


def test_bibtex_escapes_and_unique_keys():
    record = make(title="50% of {100} costs $5 & #1_a ^~ \\ done", source="Note with % and &.")
    text = cite.bibtex([(record, URL), (record, URL)], "S&P", ACCESSED)
    entries = read_bibtex(text)
    assert [key for _, key, _ in entries] == ["doc1961-800001", "doc1961-800001-2"]
    fields = entries[0][2]
    assert fields["title"] == "{50% of {100} costs $5 & #1_a ^~ \\ done}"
    assert fields["note"] == "Note with % and &."
    assert fields["howpublished"] == "S&P"
    # Nothing unescaped that TeX would read as a command, a comment or math.
    for line in text.splitlines():
        if not line.lstrip().startswith("url ="):
            assert not re.search(r"(?<!\\)[%&$#_]", line), line


def test_ris_values_stay_on_one_line():
    record = make(title="A title\nwith a line break", summary="One.\n\nTwo.")
    text = cite.ris([(record, URL)], SITE, ACCESSED)
    (parsed,) = read_ris(text)
    assert parsed["TI"] == ["A title with a line break"] and parsed["AB"] == ["One. Two."]
    assert "\n" not in text.replace("\r\n", "")


def test_bulk_variants_keep_order_and_every_record():
    records = [make(id=f"80000{i}", title=f"Document {i}") for i in range(1, 4)]
    entries = [(r, f"{URL}/{r.id}") for r in records]
    items = cite.csl_items(entries, SITE, ACCESSED)
    assert [i["id"] for i in items] == ["800001", "800002", "800003"]
    assert [r["TI"] for r in read_ris(cite.ris(entries, SITE, ACCESSED))] == [["Document 1"], ["Document 2"], ["Document 3"]]
    assert [f["url"] for _, _, f in read_bibtex(cite.bibtex(entries, SITE, ACCESSED))] == [u for _, u in entries]


def test_unknown_style():
    with pytest.raises(KeyError):
        cite.render(make(), "harvard", URL, SITE, ACCESSED)
