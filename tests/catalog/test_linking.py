"""Entity linking of people named by family name alone (fonds.catalog.linking, lifespans, roles)."""

from __future__ import annotations

import pytest

from fonds.catalog import linking
from fonds.catalog.authorities import save_authorities
from fonds.catalog.lifespans import document_years, possible, window
from fonds.core.authority import PERSON, AuthorityData, Variant
from fonds.core.record import RecordData

pytestmark = pytest.mark.django_db

VOLUME = "https://history.state.gov/historicaldocuments/{}/persons#p_X"


def person(id: str, name: str, start: str | None = None, end: str | None = None, description: str | None = None,
           volume: str | None = None) -> AuthorityData:
    variants = [Variant(name=name.split(",")[0] + ", X.", source=VOLUME.format(volume))] if volume else []
    return AuthorityData(id=id, kind=PERSON, name=name, start=start, end=end, description=description, variants=variants)


@pytest.fixture
def people(db):
    outcomes = save_authorities([
        person("frederick", "Frelinghuysen, Frederick Theodore", "1817", "1885"),
        # Known only from the persons lists of 1969-76 volumes: not a party to a letter of 1884.
        person("peter", "Frelinghuysen, Peter H.B.", volume="frus1969-76v16"),
        person("page", "Page, Walter Hines", "1855", "1918", "Ambassador Extraordinary and Plenipotentiary (United Kingdom)."),
        person("lansing", "Lansing, Robert", "1864", "1928", "Secretary of State."),
        person("harry", "Harry, Thomas", "1830", "1900"),
        person("dayton", "Dayton, William Lewis", "1807", "1864", "Envoy to France."),
        person("dayton-jr", "Dayton, William Lewis, Jr.", "1839", "1897"),
        person("morris-japan", "Morris, Roland Sletor", "1874", "1945", "Ambassador Extraordinary and Plenipotentiary (Japan)."),
        person("morris-sweden", "Morris, Ira Nelson", "1875", "1942", "Envoy Extraordinary and Minister Plenipotentiary (Sweden)."),
        person("kung", "Kung, H. H.", description="Vice President of the Executive Yuan."),
        person("massoud", "Massoud, Mohammed", "1900", "1980"),
    ])
    assert all(o.status.value != "failed" for o in outcomes), outcomes


def doc(date: str | None, *paragraphs: str, title: str = "Document") -> RecordData:
    return RecordData(id="d", title=title, paragraphs=list(paragraphs), date=date, date_start=date, date_end=date)


def linked(record: RecordData) -> list[str]:
    return [r.id for r in linking.linker().link(record).people]


def test_an_honorific_links_a_family_name_to_the_one_person_the_date_allows(people):
    assert linked(doc("1884-03-17", "Mr. Taft to Mr. Frelinghuysen.")) == ["frederick"]


def test_a_title_before_a_family_name_is_support_not_part_of_a_longer_name(people):
    # "Comrade", "Chairman": titles, not given names ("Comrade Gromyko would receive ...").
    assert linked(doc("1918-09-23", "He said that Comrade Lansing would receive the minister.")) == ["lansing"]
    assert linked(doc("1918-09-23", "Chairman Lansing opened the session.")) == ["lansing"]


def test_a_family_name_without_support_does_not_link(people):
    record = doc("1884-03-17", "The treaty was signed. Frelinghuysen and the others agreed.")
    assert linked(record) == []
    assert not [f for f in linking.linker().find(record) if f.surface == "Frelinghuysen"]


def test_a_heading_parenthesis_links_the_family_name(people):
    record = doc("1918-09-23", "Text.", title="The Secretary of State to the Ambassador in Great Britain (Page)")
    assert linked(record) == ["page"]


def test_a_signature_paragraph_links_the_family_name(people):
    assert linked(doc("1918-09-23", "I have the honour to report.", "Lansing")) == ["lansing"]
    # The same word inside a sentence is not a signature.
    assert linked(doc("1918-09-23", "Lansing thought otherwise.")) == []


def test_a_family_name_inside_a_longer_name_does_not_link(people):
    # "Harry" is the family name of a Mr. Thomas Harry, alive in 1880, but here a given name.
    assert linked(doc("1880-01-01", "Sir Harry Parkes called on me.")) == []
    assert linked(doc("1880-01-01", "I called on Mr. Harry Parkes.")) == []
    assert linked(doc("1936-11-17", "I saw Mr. Massoud-Ansari, Chief of the Division.")) == []
    # Alone after the honorific it is the family name.
    assert linked(doc("1880-01-01", "I called on Mr. Harry yesterday.")) == ["harry"]


def test_a_family_name_two_living_people_share_stays_ambiguous(people):
    record = doc("1861-06-08", "Mr. Seward to Mr. Dayton.")
    assert linked(record) == []
    [mention] = [f for f in linking.linker().find(record) if f.surface == "Dayton"]
    assert mention.ambiguous and {t.key for t in mention.targets} == {"dayton", "dayton-jr"}


def test_a_person_dead_before_the_document_is_not_a_candidate(people):
    # The father died in 1864: in 1870 "Mr. Dayton" can only be the son.
    assert linked(doc("1870-05-01", "Mr. Fish to Mr. Dayton.")) == ["dayton-jr"]


def test_a_person_too_young_at_the_date_is_not_a_candidate(people):
    # The son (born 1839) was not yet fifteen in 1850.
    assert linked(doc("1850-05-01", "Mr. Clayton to Mr. Dayton.")) == ["dayton"]


def test_an_undated_document_or_an_undated_person_is_not_linked_by_family_name_alone(people):
    assert linked(doc(None, "Mr. Taft to Mr. Frelinghuysen.")) == []
    # Prince Kung of 1883 is not H. H. Kung, whose record has no dates at all.
    assert linked(doc("1883-01-06", "Prince Kung to Mr. Young.")) == []


def test_the_role_in_a_heading_picks_the_one_namesake_who_held_it(people):
    japan = doc("1918-12-11", "Text.", title="The Ambassador in Japan (Morris) to the Secretary of State")
    assert linked(japan) == ["morris-japan"]
    sweden = doc("1918-11-20", "Text.", title="The Minister in Sweden (Morris) to the Secretary of State")
    assert linked(sweden) == ["morris-sweden"]
    # A role neither description holds leaves the mention ambiguous.
    assert linked(doc("1918-11-20", "Text.", title="The Secretary of State to the Consul at Omsk (Morris)")) == []


def test_a_full_mention_decides_between_namesakes(people):
    record = doc("1861-06-08", "Mr. Dayton called.", "I am, sir, WILLIAM LEWIS DAYTON, JR.")
    assert linked(record) == ["dayton-jr"]


def test_lifespan_windows():
    assert window("1817", "1885") == (1832, 1885)
    assert window(None, None) == (None, None)
    # Only active years: from FRUS volumes citing the person and years in the description.
    lo, hi = window(None, None, [VOLUME.format("frus1969-76v16")], "Representative until 1974")
    assert lo == 1976 - 25 and hi == 1969 + 70
    assert not possible((1832, 1885), document_years("1901-03-20", "1901-03-20"))
    assert possible((None, None), document_years("1901-03-20", None))
    assert possible((1832, 1885), document_years(None, None))
