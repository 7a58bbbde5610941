"""Entity linking of people named by family name alone (fonds.catalog.linking, lifespans, roles)."""

from __future__ import annotations

import pytest

from fonds.catalog import countries, linking
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
        person("dayton", "Dayton, William Lewis", "1807", "1864", "Envoy Extraordinary and Minister Plenipotentiary (France)."),
        person("dayton-jr", "Dayton, William Lewis, Jr.", "1839", "1897", "Minister Resident (Netherlands)."),
        person("page-italy", "Page, Thomas Nelson", "1853", "1922", "Ambassador Extraordinary and Plenipotentiary (Italy)."),
        person("fedorenko", "Fedorenko, Nikolai T.", "1912", "2000", "Soviet Deputy Minister of Foreign Affairs."),
        person("taft", "Taft, William Howard", "1857", "1930", "President of the United States; Governor-General (Philippines)."),
        person("taft-a", "Taft, Alphonso", "1810", "1891", "Envoy Extraordinary and Minister Plenipotentiary (Russia)."),
        person("seward", "Seward, William Henry", "1801", "1872", "Secretary of State."),
        person("seward-g", "Seward, George Frederick", "1840", "1910", "Envoy Extraordinary and Minister Plenipotentiary (China)."),
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


def test_a_numbered_line_of_a_distribution_list_links_the_family_name(people):
    record = doc("1957-12-20", "Ambassador of the USSR in the DPRK", "A. PUZANOV", "1 - Fedorenko", "2 - Lansing")
    assert linked(record) == ["fedorenko"]
    # A numbered sentence is not a list line; nor is a number without a dash or a full stop.
    assert linked(doc("1957-12-20", "1 - Fedorenko said that the matter was closed.")) == []
    assert linked(doc("1957-12-20", "1957 Fedorenko")) == []


def test_an_addressee_line_is_no_support(people):
    # Tried and dropped: "[For Willard:]" in the railway telegrams of 1917 meant Daniel Willard,
    # who is not in the people records, and linked the one Willard the dates left.
    assert linked(doc("1918-09-23", "[For Lansing:]", "Please inform the Minister.")) == []


def test_a_country_matches_under_its_other_names_in_a_heading_role(people):
    # Walter Hines Page's record says "(United Kingdom)", Thomas Nelson Page's "(Italy)".
    britain = doc("1918-09-23", "Text.", title="The Secretary of State to the Ambassador in Great Britain (Page)")
    assert linked(britain) == ["page"]
    italy = doc("1918-09-23", "Text.", title="The Ambassador in Italy (Page) to the Secretary of State")
    assert linked(italy) == ["page-italy"]
    # A country neither record holds a post in leaves the mention ambiguous.
    assert linked(doc("1918-09-23", "Text.", title="The Ambassador in Spain (Page) to the Secretary of State")) == []


def test_the_country_a_document_names_picks_the_one_namesake_posted_there(people):
    # Father (France) and son (Netherlands) were both alive in 1861.
    assert linked(doc("1861-06-08", "Mr. Seward to Mr. Dayton.", "The Emperor of France has received ...")) == ["dayton"]
    # No country named, or the posts of both named: no guess.
    assert linked(doc("1861-06-08", "Mr. Seward to Mr. Dayton.")) == []
    assert linked(doc("1861-06-08", "Mr. Dayton.", "Between France and the Netherlands ...")) == []
    # An adjective is not the country's name.
    assert linked(doc("1861-06-08", "Mr. Dayton.", "The French Government ...")) == []
    # A place that is no ISO 3166 name stands for itself ("Russia").
    assert linked(doc("1884-03-17", "Mr. Taft to Mr. Frelinghuysen.", "The Emperor of Russia ...")) == ["taft-a", "frederick"]


def test_a_country_in_running_description_text_is_no_post(people):
    # Every FRUS document names the United States; "President of the United States" is no post abroad.
    assert linked(doc("1884-03-17", "Mr. Taft to Mr. Frelinghuysen.", "The United States ...")) == ["frederick"]


def test_country_synonyms_come_from_iso_3166():
    assert countries.canonical("Great Britain") == countries.canonical("United Kingdom") == "GB"
    assert countries.canonical("Iran") == countries.canonical("Islamic Republic of Iran") == "IR"
    # A country's own name wins over a part of another's official name (Hong Kong "... of China").
    assert countries.canonical("China") == "CN"
    # A name two countries share names neither.
    assert countries.canonical("Korea") == "korea"
    assert countries.described("Envoy (United Kingdom); Minister Resident (Russia).") == {"GB", "russia"}
    assert countries.described("President of the United States.") == set()
    assert countries.named("GB", "relations with Great Britain") and countries.named("GB", "GREAT BRITAIN")
    assert not countries.named("FR", "the French Government")
    assert countries.named("russia", "to Russia.") and not countries.named("russia", "white russian")


def test_an_office_before_a_family_name_picks_the_namesake_whose_record_lists_that_post(people):
    assert linked(doc("1918-11-20", "I have asked Ambassador Morris to call.")) == ["morris-japan"]
    assert linked(doc("1918-11-20", "I have asked Minister Morris to call.")) == ["morris-sweden"]
    # A rank neither record lists a post under ("Consul General" is no General): no link, and
    # the countries the document names do not decide either.
    assert linked(doc("1918-11-20", "General Morris arrived from Japan.")) == []
    assert linked(doc("1918-11-20", "Consul Morris reported from Sweden.")) == []


def test_the_role_of_a_memorandum_heading_is_read_after_by_the(people):
    record = doc("1918-11-20", "Text.", title="Memorandum by the Ambassador in Japan (Morris)")
    assert linked(record) == ["morris-japan"]


def test_a_heading_without_a_role_is_not_decided_by_the_countries_named(people):
    record = doc("1918-11-20", "Talks in Japan.", title="Memorandum of a Conversation (Morris)")
    assert linked(record) == []


def test_countries_do_not_pick_against_a_namesake_without_posts_abroad(people):
    # The Secretary of State's record lists no post abroad: a letter about China does not make
    # "Mr. Seward" the later Minister to China.
    assert linked(doc("1861-04-13", "Mr. Seward to Mr. Burlingame.", "The affairs of China ...")) == []


def test_a_full_mention_outranks_the_countries_named(people):
    record = doc("1861-04-13", "Mr. Seward to Mr. Burlingame.", "The affairs of China ...", "WILLIAM H. SEWARD.")
    assert linked(record) == ["seward"]


def test_a_name_the_heading_resolves_is_that_person_in_the_body(people):
    # The heading's role names the Ambassador in Japan; "Mr. Morris" in the body, in a text that
    # names Sweden, is still he.
    record = doc("1918-11-20", "Mr. Morris saw the Minister of Sweden.", title="Memorandum by the Ambassador in Japan (Morris)")
    assert linked(record) == ["morris-japan"]
    assert {t.key for f in linking.linker().find(record) if f.surface == "Morris" for t in f.targets} == {"morris-japan"}
