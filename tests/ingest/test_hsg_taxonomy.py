"""The Office of the Historian taxonomy parser: a fixture written for these tests, then the real
taxonomy in ../shared/corpora/taxonomy (read in place, skipped when absent)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from fonds.core.authority import ORGANISATION, PERSON, PLACE, AuthorityData
from fonds.ingest.base import Code, Item, Source
from fonds.ingest.hsg_taxonomy import SUBJECT, parser, read_taxonomy
from fonds.ingest.sources import open_source
from fonds.ingest.tei_safe import MALFORMED_XML, parse_xml

DATA = Path(__file__).parent / "data" / "hsg"
CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "taxonomy" / "hsg-subject-taxonomy.xml"


def parse_file(path: Path) -> list[Item]:
    source, _head = open_source(path, path.name)
    return list(parser.parse(source))


def parse_text(text: str, name: str = "tags.xml") -> list[Item]:
    return list(parser.parse(Source(Path(name), name, text=text)))


def authorities(items: list[Item]) -> dict[str, AuthorityData]:
    assert [i.error for i in items if i.error and i.error.code != Code.SKIPPED] == []
    return {i.authority.id: i.authority for i in items if i.authority}


def tags(*bodies: str, top: str = "topics") -> str:
    return f"<taxonomy>\n<category><id>{top}</id><label>T</label>\n" + "\n".join(bodies) + "\n</category>\n</taxonomy>"


@pytest.fixture(scope="module")
def fixture_items() -> list[Item]:
    return parse_file(DATA / "taxonomy.xml")


@pytest.fixture(scope="module")
def found(fixture_items: list[Item]) -> dict[str, AuthorityData]:
    return authorities(fixture_items)


# --- recognising the format ---------------------------------------------------------------------


def test_score() -> None:
    head = (DATA / "taxonomy.xml").read_text(encoding="utf-8")[:4000]
    assert parser.name == "hsg-taxonomy"
    assert parser.score(Path("t.xml"), head) >= 0.9
    assert 0.2 <= parser.score(Path("t.xml"), "<taxonomy><title>x</title>") < 0.9
    assert parser.score(Path("p.xml"), "<person><names><preferred>") == 0
    assert parser.score(Path("v.xml"), '<TEI xmlns="http://www.tei-c.org/ns/1.0"><taxonomy>') == 0


# --- the mapping --------------------------------------------------------------------------------


def test_kinds_and_order(fixture_items: list[Item], found: dict[str, AuthorityData]) -> None:
    assert Counter(a.kind for a in found.values()) == {PERSON: 4, PLACE: 6, SUBJECT: 5, ORGANISATION: 1}
    assert [i.location for i in fixture_items if i.authority][:5] == [
        "taxonomy.xml#doe-jane-p", "taxonomy.xml#roe-richard-1901-1905", "taxonomy.xml#poe-edgar",
        "taxonomy.xml#moe-mary", "taxonomy.xml#test-region",
    ]  # fmt: skip
    skipped = [i.error for i in fixture_items if i.error]
    assert skipped == []
    assert "hsg-tag-commented-out" not in found  # a tag inside an XML comment is no tag


def test_people_with_several_tags_are_one_person(found: dict[str, AuthorityData]) -> None:
    doe = found["hsg-tag-doe-jane-p"]
    assert (doe.kind, doe.name) == (PERSON, "Doe, Jane")
    assert doe.description == "President of the United States; Secretary of State"
    assert doe.titles == ["President", "Secretary of State", "Secretary"]
    assert (doe.start, doe.end, doe.parent, doe.variants) == (None, None, None, [])
    roe = found["hsg-tag-roe-richard-1901-1905"]
    assert (roe.name, roe.description) == ("Roe, Richard", "President of the United States (1901–1905, 1909–)")
    assert found["hsg-tag-poe-edgar"].description == "Secretary of State"
    moe = found["hsg-tag-moe-mary"]  # a people category fonds has no office for: its label
    assert (moe.description, moe.titles) == ("Ambassadors", [])
    assert "hsg-tag-doe-jane-s" not in found and "hsg-tag-roe-richard-1909" not in found


def test_only_office_qualifiers_leave_a_person_label() -> None:
    group = '<category><id>presidents</id><label>P</label><tag><id>s</id><label>Smith, John (“Jack”)</label></tag></category>'
    [item] = parse_text(tags(group, top="people"))
    assert item.authority is not None and item.authority.name == "Smith, John (“Jack”)"


def test_tag_ids_map_every_tag_to_its_authority() -> None:
    root = parse_xml((DATA / "taxonomy.xml").read_text(encoding="utf-8")).getroot()
    taxonomy = read_taxonomy(root, "taxonomy.xml")
    assert taxonomy.tag_ids["doe-jane-s"] == taxonomy.tag_ids["doe-jane-p"] == "hsg-tag-doe-jane-p"
    assert taxonomy.tag_ids["roe-richard-1909"] == "hsg-tag-roe-richard-1901-1905"
    assert taxonomy.tag_ids["freedonia"] == "hsg-tag-freedonia"
    assert len(taxonomy.tag_ids) == 18  # every tag; categories are not authorities
    assert "places" not in taxonomy.tag_ids and "global-issues" not in taxonomy.tag_ids


def test_places_nest_under_their_region(found: dict[str, AuthorityData]) -> None:
    region = found["hsg-tag-test-region"]
    assert (region.kind, region.name, region.parent, region.description) == (PLACE, "Test Region", None, "Region")
    freedonia = found["hsg-tag-freedonia"]
    assert freedonia.parent == "hsg-tag-test-region"
    assert freedonia.description == "Sovereign territory. A country invented for tests."  # no usage hint
    assert found["hsg-tag-sylvania"].description == "Sovereign territory"
    assert found["hsg-tag-isle-of-tests"].description == "Dependency or area of special sovereignty"
    assert found["hsg-tag-disputed-reef"].description is None
    assert found["hsg-tag-test-moon"].description == "Moons"  # an unknown class keeps its label
    assert {found[i].parent for i in ("hsg-tag-isle-of-tests", "hsg-tag-disputed-reef")} == {None}


def test_topics_are_subjects_with_broader_terms(found: dict[str, AuthorityData]) -> None:
    war = found["hsg-tag-war-of-tests"]
    assert (war.kind, war.name, war.parent) == (SUBJECT, "War of Tests", "hsg-tag-warfare")
    assert war.description == "Fought over Freedonia; see also Peace and no-such-tag."  # ptr as labels
    assert (found["hsg-tag-warfare"].parent, found["hsg-tag-warfare"].description) == (None, None)
    assert found["hsg-tag-peace"].parent is None  # a category is a grouping, not a broader term
    league = found["hsg-tag-league-of-testing"]
    assert (league.kind, league.parent, league.description) == (ORGANISATION, None, "An invented body.")
    ngo = found["hsg-tag-non-governmental-organizations"]
    assert (ngo.kind, ngo.parent) == (SUBJECT, "hsg-tag-international-organizations")
    assert found["hsg-tag-international-organizations"].kind == SUBJECT


# --- bad input ----------------------------------------------------------------------------------


def test_bad_tags_are_error_items_and_the_rest_goes_on() -> None:
    items = parse_text(
        tags(
            "<tag><label>No Id</label><tag><id>orphan</id><label>Orphan</label></tag></tag>",
            "<tag><id>no-label</id></tag>",
            "<tag><id>twice</id><label>Twice</label></tag>",
            "<tag><id>twice</id><label>Twice Again</label></tag>",
        )
    )
    errors = [(i.location, i.error.code, i.error.line, i.error.element) for i in items if i.error]
    assert errors == [
        ("tags.xml", Code.MISSING_FIELD, 3, "tag"),
        ("tags.xml#no-label", Code.MISSING_FIELD, 4, "tag[id='no-label']"),
        ("tags.xml#twice", Code.DUPLICATE_ID, 6, "tag[id='twice']"),
    ]
    found = authorities([i for i in items if not i.error])
    assert found["hsg-tag-orphan"].parent is None  # its parent was refused: the nearest good one
    assert found["hsg-tag-twice"].name == "Twice"


def test_bad_place_and_person_tags() -> None:
    items = parse_text(
        tags(
            "<category><id>sovereign-territories</id><label>S</label>"
            "<tag><id>r</id><tag><id>c</id><label>C</label></tag></tag></category>",
            top="places",
        )
    )
    assert [i.error.code for i in items if i.error] == [Code.MISSING_FIELD]
    assert authorities([i for i in items if not i.error])["hsg-tag-c"].parent is None
    items = parse_text(tags("<category><id>presidents</id><label>P</label><tag><label>X</label></tag></category>", top="people"))
    assert [(i.error.code if i.error else i.authority.kind) for i in items] == [Code.MISSING_FIELD]


def test_unknown_top_category_is_skipped() -> None:
    items = parse_text(tags("<tag><id>x</id><label>X</label></tag>", top="events"))
    assert len(items) == 1 and items[0].error is not None
    assert (items[0].error.code, items[0].location, items[0].error.line) == (Code.SKIPPED, "tags.xml#events", 2)


def test_not_a_taxonomy() -> None:
    [item] = parse_text("<person><id>1</id></person>")
    assert (item.error.code, item.error.element) == (Code.BAD_FIELD, "person")
    [item] = parse_text("<taxonomy>\n<category>\n</taxonomy>")
    assert (item.error.code, item.error.line) == (MALFORMED_XML, 3)


# --- the real taxonomy --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus() -> list[Item]:
    if not CORPUS.is_file():
        pytest.skip(f"the taxonomy is not at {CORPUS} (needs ../shared/corpora/taxonomy beside the checkout)")
    source, head = open_source(CORPUS, CORPUS.name)
    assert parser.score(CORPUS, head) >= 0.9
    return list(parser.parse(source))


@pytest.mark.corpus
def test_corpus_counts(corpus: list[Item]) -> None:
    assert [str(i.error) for i in corpus if i.error] == []
    found = authorities(corpus)
    assert len(corpus) == len(found) == 490
    assert Counter(a.kind for a in found.values()) == {PERSON: 109, PLACE: 271, SUBJECT: 94, ORGANISATION: 16}
    for a in found.values():  # every parent is an authority of the file
        assert a.parent is None or a.parent in found, a.id
    places = [a for a in found.values() if a.kind == PLACE]
    assert sum(a.parent is None for a in places) == 6 + 65 + 5  # regions, dependencies, "other"
    assert Counter(a.description for a in places if a.parent is None)["Region"] == 6


@pytest.mark.corpus
def test_corpus_tag_ids() -> None:
    if not CORPUS.is_file():
        pytest.skip(f"the taxonomy is not at {CORPUS}")
    taxonomy = read_taxonomy(parse_xml(CORPUS.read_text(encoding="utf-8")).getroot(), CORPUS.name)
    assert len(taxonomy.tag_ids) == 500  # 511 ids less the 11 categories
    assert len(set(taxonomy.tag_ids.values())) == 490


@pytest.mark.corpus
def test_corpus_spot_checks(corpus: list[Item]) -> None:
    found = authorities(corpus)
    cleveland = found["hsg-tag-cleveland-grover-1885-1889"]
    assert (cleveland.name, cleveland.description) == (
        "Cleveland, Grover",
        "President of the United States (1885–1889, 1893–1897)",
    )
    jefferson = found["hsg-tag-jefferson-thomas-p"]
    assert (jefferson.name, jefferson.titles) == ("Jefferson, Thomas", ["President", "Secretary of State", "Secretary"])
    angola = found["hsg-tag-angola"]
    assert (angola.kind, angola.name, angola.parent) == (PLACE, "Angola", "hsg-tag-sub-saharan-africa")
    assert found["hsg-tag-sub-saharan-africa"].parent is None
    assert found["hsg-tag-antisemitism-europe"].parent == "hsg-tag-antisemitism"
    assert found["hsg-tag-antisemitism"].parent == "hsg-tag-human-rights"
    assert found["hsg-tag-united-nations"].kind == ORGANISATION
    assert found["hsg-tag-detainees"].description is not None and "Refugees" in found["hsg-tag-detainees"].description
    assert "hsg-tag-lgbtq-rights" not in found  # commented out in the file
