"""The Office of the Historian people parser: fixtures written for these tests, then the 16,312
real records in ../shared/corpora/people (read in place, skipped when absent)."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import pytest

from fonds.core.authority import PERSON, AuthorityData, Variant
from fonds.ingest.base import Code, Item, Source
from fonds.ingest.hsg_people import DESCRIPTION_LIMIT, describe, parser, root_tag, variant_pairs
from fonds.ingest.sources import open_source
from fonds.ingest.tei_safe import MALFORMED_XML, UNSAFE_XML

DATA = Path(__file__).parent / "data" / "hsg"
CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "people" / "data"
FRUS_URL = "https://history.state.gov/historicaldocuments/frus1960v01/persons#p_X1"
BIO_URL = "https://history.state.gov/departmenthistory/people/x-y"


def parse_file(path: Path) -> list[Item]:
    """Parse a file the way the ingest pipeline opens it."""
    source, _head = open_source(path, path.name)
    return list(parser.parse(source))


def parse_text(text: str, name: str = "inline.xml") -> list[Item]:
    return list(parser.parse(Source(Path(name), name, text=text)))


def person(path: Path) -> AuthorityData:
    items = parse_file(path)
    assert len(items) == 1 and items[0].error is None, items
    assert items[0].location == path.name and items[0].record is None
    assert items[0].authority is not None
    return items[0].authority


def record(body: str, birth: str = "", death: str = "", viaf: str = "") -> str:
    """A small person record around ``body`` (the <names> content)."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<person>\n  <id>900100</id>\n'
        f'  <authorities><authority service="viaf">{viaf}</authority></authorities>\n'
        f"  <names>{body}</names>\n  <birth-year>{birth}</birth-year>\n  <death-year>{death}</death-year>\n"
        "</person>\n"
    )


PREFERRED = "<preferred><name>Test, Tess</name></preferred>"


# --- recognising the format ---------------------------------------------------------------------


def test_score_recognises_a_person_record_and_nothing_else() -> None:
    head = (DATA / "people" / "900001.xml").read_text(encoding="utf-8")
    assert parser.name == "hsg-people"
    assert parser.score(Path("900001.xml"), head) >= 0.9  # a comment before the root is no obstacle
    assert parser.score(Path("p.xml"), "<person><id>1</id></person>") < 0.2
    assert parser.score(Path("t.xml"), '<?xml version="1.0"?>\n<taxonomy><category>') == 0
    assert parser.score(Path("v.xml"), '<TEI xmlns="http://www.tei-c.org/ns/1.0"><person><names><preferred>') == 0
    assert parser.score(Path("page.txt"), "December 20, 1957\nJournal of ...") == 0


def test_root_tag_skips_declaration_comments_and_doctype() -> None:
    assert root_tag('<?xml version="1.0"?>\n<!-- <taxonomy> -->\n<!DOCTYPE person>\n<person>') == "person"
    assert root_tag("no markup here") is None


# --- the fixtures -------------------------------------------------------------------------------


def test_full_record_field_by_field() -> None:
    a = person(DATA / "people" / "900001.xml")
    assert (a.id, a.kind, a.name) == ("hsg-person-900001", PERSON, "Zhou Minglan")
    # Alternates first (the repeated one, spaced differently, once), then the originals in order;
    # an alternate that an original repeats takes the original's first URL; the preferred name is
    # never its own variant.
    assert a.variants == [
        Variant("Chou Ming-lan", "https://example.org/volumes/v03/persons#p_CML1"),
        Variant("Zhou Minglan (Chou Ming-lan)", "https://example.org/volumes/v01/persons#p_ZM1"),
        Variant("Zhou, Vice Minister Minglan", "https://example.org/volumes/v05/persons#p_ZVM1"),
        Variant("Chow Ming Lan", None),
    ]
    assert a.titles == ["Vice Minister"]
    assert (a.start, a.end) == ("1901", "1975")
    assert a.external_ids == {"viaf": "123456789"}
    assert (a.parent, a.coordinates) == (None, None)
    # The Office's own page first, then the longest remark; the short one repeats it and the
    # cross-reference points elsewhere: both left out. Inline markup keeps its text.
    assert a.description == (
        "Delegate to the Test Conference, 1955. "
        "Vice Minister of Testing from 1950 until 1960; Minister of Fixtures from 1960."
    )
    assert AuthorityData.from_json(a.to_json()) == a


def test_minimal_record_has_empty_fields_not_errors() -> None:
    a = person(DATA / "people" / "900002.xml")
    assert (a.id, a.name, a.variants, a.titles) == ("hsg-person-900002", "Roe, Richard", [], [])
    assert (a.start, a.end, a.description, a.external_ids) == (None, None, None, {})


def test_title_from_name_viaf_url_short_year_and_cross_reference_only() -> None:
    a = person(DATA / "people" / "900003.xml")
    assert a.titles == ["Madame"]  # the one record that writes <title-from-name>
    assert a.external_ids == {"viaf": "987654"}
    assert (a.start, a.end) == ("0850", None)  # EDTF years have four digits
    assert a.description == "See Roe, Richard."  # a cross-reference is kept when it is all there is
    assert [v.name for v in a.variants] == ["Doe, Madame Jane", "Jane Doe"]


def test_years_are_edtf_and_other_authorities_are_kept() -> None:
    items = parse_text(record(PREFERRED, birth="-44", death=" 1914 "))
    assert (items[0].authority.start, items[0].authority.end) == ("-0044", "1914")
    text = record(PREFERRED).replace(
        "</authorities>", '<authority service="wikidata">Q42</authority><authority service="lcnaf"/></authorities>'
    )
    assert parse_text(text)[0].authority.external_ids == {"wikidata": "Q42"}


# --- bad files ----------------------------------------------------------------------------------


def one_error(items: list[Item]) -> tuple[str, int | None, str | None, str]:
    assert len(items) == 1 and items[0].authority is None and items[0].error is not None
    e = items[0].error
    return e.code, e.line, e.element, e.message


def test_malformed_xml_names_the_line() -> None:
    items = parse_file(DATA / "bad" / "malformed.xml")
    code, line, _element, message = one_error(items)
    assert (code, line) == (MALFORMED_XML, 10)
    assert "persn" in message and items[0].location == "malformed.xml"
    assert items[0].error.where == "malformed.xml:10"


def test_missing_preferred_name() -> None:
    code, line, element, message = one_error(parse_file(DATA / "bad" / "no-preferred.xml"))
    assert (code, line, element) == (Code.MISSING_FIELD, 9, "names/preferred/name")
    assert "900011" in message
    code, line, element, _ = one_error(parse_text(record("<alternates/>")))
    assert (code, line, element) == (Code.MISSING_FIELD, 5, "names/preferred/name")


def test_a_birth_year_that_is_not_a_year() -> None:
    code, line, element, message = one_error(parse_file(DATA / "bad" / "bad-birth-year.xml"))
    assert (code, line, element) == (Code.BAD_DATE, 9, "birth-year")
    assert "'c. 1850'" in message


@pytest.mark.parametrize(
    ("text", "code", "element"),
    [
        (record(PREFERRED, death="1914/1915"), Code.BAD_DATE, "death-year"),
        (record(PREFERRED, birth="1950", death="1914"), Code.BAD_DATE, "death-year"),
        (record(PREFERRED, viaf="n79-12"), Code.BAD_FIELD, 'authority[@service="viaf"]'),
        (record(PREFERRED).replace("<id>900100</id>", "<id/>"), Code.MISSING_FIELD, "id"),
        (record(PREFERRED).replace("<id>900100</id>", "<id>9 9</id>"), Code.BAD_FIELD, "id"),
        ("<people><person/></people>", Code.BAD_FIELD, "people"),
    ],
)
def test_other_bad_records(text: str, code: str, element: str) -> None:
    got_code, line, got_element, _ = one_error(parse_text(text))
    assert (got_code, got_element) == (code, element)
    assert line is not None


def test_entities_are_refused() -> None:
    text = '<?xml version="1.0"?>\n<!DOCTYPE person [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n' + record(
        "<preferred><name>&x;</name></preferred>"
    ).split("\n", 1)[1]
    code, line, _element, _ = one_error(parse_text(text))
    assert (code, line) == (UNSAFE_XML, 2)


def test_undecodable_file_is_an_error_item(tmp_path: Path) -> None:
    path = tmp_path / "latin1.xml"
    path.write_bytes(record("<preferred><name>Gödel, Kurt</name></preferred>").encode("latin-1"))
    items = list(parser.parse(Source(path, path.name, encoding="utf-8")))
    assert one_error(items)[0] == Code.UNDECODABLE


# --- describe -----------------------------------------------------------------------------------


def test_describe_orders_curated_then_longest_and_drops_repeats() -> None:
    remarks = [
        ("President", [FRUS_URL]),
        ("President of the United States from 1953 until 1961", [FRUS_URL]),
        ("Supreme Allied Commander, Europe, 1951–1952", [FRUS_URL]),
        ("President of the United States, 1953–1961", [BIO_URL]),
        ("see Somebody Else", [FRUS_URL]),
        ("  ", [FRUS_URL]),
    ]
    assert describe(remarks) == (
        "President of the United States, 1953–1961. "
        "President of the United States from 1953 until 1961. "  # two new words of nine: kept
        "Supreme Allied Commander, Europe, 1951–1952."
    )
    assert describe([]) is None
    assert describe([("", [])]) is None


def test_describe_stays_within_the_limit() -> None:
    long = "word " * 200
    text = describe([(long, [FRUS_URL]), ("Short remark", [FRUS_URL])])
    assert text is not None and len(text) <= DESCRIPTION_LIMIT and text.endswith("word…")
    remarks = [(f"Remark {i} " + f"w{i}x " * 40, [FRUS_URL]) for i in range(10)]  # 168 characters each
    text = describe(remarks)
    assert text is not None and len(text) <= DESCRIPTION_LIMIT and text.count("Remark") == 3
    assert describe([("Ends with a question?", [])]) == "Ends with a question?"


# --- variant_pairs ------------------------------------------------------------------------------


def auth(id: str, name: str, *variants: str, titles: tuple[str, ...] = (), source: str | None = FRUS_URL) -> AuthorityData:
    return AuthorityData(id, PERSON, name, [Variant(v, source) for v in variants], titles=list(titles))


def test_variant_pairs_rule() -> None:
    authorities = [
        auth(
            "p1",
            "Deng Xiaoping",
            "Teng Hsiao-p’ing",  # another romanisation: counts
            "Teng Hsiao-p’ing.",  # the same spelling with a full stop: its own text, counts again
            "Deng Xiaoping (Teng Hsiao-ping)",  # contains the preferred name: no
            "deng xiaoping",  # case: no
            "Xiaoping, Deng",  # order and punctuation: no
            "Deng Xiao-ping",  # run together it is the preferred name: no
        ),
        auth("p2", "Foster, John Watson", "John W. Foster", "Foster, J. W.", "Foster, John Wetson"),
        auth("p3", "Díaz, Porfirio", "President Diaz", "Diaz", "Porfirio Díaz", "Dìaz, Porfirío"),
        auth("p4", "Dennis, Lloyd", "Dennis, Lieutenant Commander Lloyd", "Denis, Lt. Cdr. Lloyd",
             titles=("Lieutenant Commander",)),  # fmt: skip
        auth("p5", "Chou En-lai", "Zhou Enlai", source=None),  # an editorial alternate: no
    ]
    assert variant_pairs(authorities) == [
        ("Teng Hsiao-p’ing", "Deng Xiaoping"),
        ("Teng Hsiao-p’ing.", "Deng Xiaoping"),
        ("Foster, John Wetson", "Foster, John Watson"),
        ("Denis, Lt. Cdr. Lloyd", "Dennis, Lloyd"),
    ]


def test_variant_pairs_sampling_is_seeded_spread_and_order_free() -> None:
    authorities = [auth(f"p{i:02d}", f"Name{i} Person", *[f"Nayme{i}{j} Persson" for j in range(i % 4 + 1)]) for i in range(30)]
    every = variant_pairs(authorities)
    assert len(every) == sum(i % 4 + 1 for i in range(30))
    assert variant_pairs(authorities, limit=100) == every
    sample = variant_pairs(authorities, limit=20)
    assert len(sample) == 20 and len({preferred for _v, preferred in sample}) == 20  # one per person first
    assert variant_pairs(list(reversed(authorities)), limit=20) == sample
    assert variant_pairs(authorities, limit=20, seed=1957) == sample
    assert variant_pairs(authorities, limit=20, seed=1958) != sample
    bigger = variant_pairs(authorities, limit=40)
    assert bigger[:30] == variant_pairs(authorities, limit=30) and len(set(bigger)) == 40
    assert set(bigger) <= set(every)


# --- the real records ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus() -> dict[str, Item]:
    if not CORPUS.is_dir():
        pytest.skip(f"the people corpus is not at {CORPUS} (needs ../shared/corpora/people beside the checkout)")
    items: dict[str, Item] = {}
    started = time.perf_counter()
    for path in sorted(CORPUS.rglob("*.xml")):
        source, head = open_source(path, str(path.relative_to(CORPUS)))
        assert parser.score(path, head) >= 0.9, path
        [items[source.name]] = parser.parse(source)
    print(f"\nhsg-people: {len(items)} files in {time.perf_counter() - started:.1f} s")
    return items


@pytest.fixture(scope="module")
def people(corpus: dict[str, Item]) -> dict[str, AuthorityData]:
    return {i.authority.id: i.authority for i in corpus.values() if i.authority}


@pytest.mark.corpus
def test_every_record_parses(corpus: dict[str, Item], people: dict[str, AuthorityData]) -> None:
    assert len(corpus) == 16_312
    assert [str(i.error) for i in corpus.values() if i.error] == []
    assert len(people) == 16_312
    counts = Counter()
    for a in people.values():
        counts["viaf"] += "viaf" in a.external_ids
        counts["born"] += a.start is not None
        counts["died"] += a.end is not None
        counts["titled"] += bool(a.titles)
        counts["described"] += a.description is not None
        counts["variants"] += len(a.variants)
        assert a.name not in [v.name for v in a.variants]
        assert len({v.name for v in a.variants}) == len(a.variants)
        assert a.description is None or len(a.description) <= DESCRIPTION_LIMIT
    assert counts == Counter(
        viaf=725, born=3_900, died=2_096, titled=2_033, described=16_312 - 47, variants=11_661
    )


@pytest.mark.corpus
def test_spot_check_dennis(people: dict[str, AuthorityData]) -> None:
    a = people["hsg-person-103362"]
    assert (a.kind, a.name, a.titles) == (PERSON, "Dennis, Lloyd", ["Lieutenant Commander"])
    assert a.variants == [
        Variant(
            "Dennis, Lieutenant Commander Lloyd",
            "https://history.state.gov/historicaldocuments/frus1945v01/persons#p_DLCL1",
        )
    ]
    assert a.description is not None and a.description.startswith("Division of Public Liaison;")
    assert (a.start, a.end, a.external_ids, a.parent) == (None, None, {}, None)


@pytest.mark.corpus
def test_spot_check_abbott_years(people: dict[str, AuthorityData]) -> None:
    a = people["hsg-person-100012"]
    assert (a.name, a.start, a.end, a.titles, a.external_ids) == ("Abbott, John True", "1850", "1914", [], {})
    assert a.variants == [Variant("John T. Abbott", "https://history.state.gov/departmenthistory/people/abbott-john-true")]
    assert a.description is not None and a.description.startswith("Non-career appointee.")


@pytest.mark.corpus
def test_spot_check_deng_variants(people: dict[str, AuthorityData]) -> None:
    a = people["hsg-person-103352"]
    assert a.name == "Deng Xiaoping"
    names = [v.name for v in a.variants]
    assert names[0] == "Teng Hsiao-p’ing"  # the alternate, with the URL of the first original that prints it
    assert a.variants[0].source == "https://history.state.gov/historicaldocuments/frus1969-76v18/persons#p_TH1"
    assert len(names) == 8 and "Teng Hsiao-ping" in names and "Teng Hsaio-p’ing" in names
    assert all(v.source and v.source.startswith("https://history.state.gov/") for v in a.variants)
    assert a.description is not None and "Vice Premier" in a.description


@pytest.mark.corpus
def test_spot_check_viaf(people: dict[str, AuthorityData]) -> None:
    a = people["hsg-person-100039"]
    assert (a.name, a.external_ids) == ("Abdullah II", {"viaf": "88296844"})


@pytest.mark.corpus
def test_variant_pairs_from_the_corpus(people: dict[str, AuthorityData]) -> None:
    every = variant_pairs(people.values())
    # The two records the import rejects (a one-letter variant) are left out: 1,576 pairs before.
    assert len(every) == 1_571 and len({p for _v, p in every}) == 1_085
    assert ("Teng Hsiao-p’ing", "Deng Xiaoping") in every
    assert ("John T. Abbott", "Abbott, John True") not in every  # an initial is no other spelling
    sample = variant_pairs(people.values(), limit=200)
    assert len(sample) == 200 and len({p for _v, p in sample}) == 200
    assert sample == variant_pairs(reversed(list(people.values())), limit=200)


def test_variant_pairs_leave_out_records_the_import_rejects() -> None:
    # A one-letter variant ("Y") makes the import reject the whole record; the sample must only
    # hold pairs fonds can be asked to find.
    authorities = [
        auth("p1", "Sturm, Paul J.", "Y", "Storm, Paul J."),
        auth("p2", "Foster, John Watson", "Foster, John Wetson"),
    ]
    assert variant_pairs(authorities) == [("Foster, John Wetson", "Foster, John Watson")]
    assert ("Y", "Sturm, Paul J.") not in variant_pairs(authorities, limit=1)
