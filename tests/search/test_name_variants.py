"""A query naming a person or place in any spelling finds documents that use another."""

from __future__ import annotations

import json

import pytest

from fonds import search
from fonds.catalog.importer import import_paths
from fonds.core.record import RecordData
from fonds.search.names import NameLookup

pytestmark = pytest.mark.django_db


def rec(id: str, text: str) -> RecordData:
    return RecordData(id=id, title=f"Document {id}", paragraphs=[text])


@pytest.fixture
def corpus(index_dir, tmp_path):
    # Imported through the pipeline, so entity linking fills each record's people and places.
    records = [
        rec("zhou", "Zhou Enlai will be in the delegation to Pyongyang."),
        rec("chou", "Premier Chou En-lai received the ambassador."),
        rec("kim", "Kim Il-sung spoke about the harvest in P'yŏngyang."),
        rec("kimru", "Tovarishch Kim Ir Sen wrote to Moscow."),
        rec("other", "The ambassador spoke about the weather."),
    ]
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps(r.to_json(), ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    assert import_paths([path]).counts["created"] == 5
    search.sync()


def ids(q: str) -> list[str]:
    return [h.id for h in search.search(search.SearchRequest(q=q)).hits]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Chou En-lai", {"zhou", "chou"}),
        ("Zhou Enlai", {"zhou", "chou"}),
        ('"Chou En-Lai"', {"zhou", "chou"}),
        ("Kim Ir Sen", {"kim", "kimru"}),
        ("Kim Il Sung", {"kim", "kimru"}),
        ("Pyongyang", {"zhou", "kim"}),
        ("P'yŏngyang", {"zhou", "kim"}),
    ],
)
def test_every_spelling_finds_every_spelling(corpus, query, expected):
    assert set(ids(query)) == expected


def test_the_spelling_typed_ranks_first_and_is_highlighted_as_written(corpus):
    hits = search.search(search.SearchRequest(q="Chou En-lai")).hits
    assert hits[0].id == "chou"
    snippets = {h.id: h.snippet for h in hits}
    assert "<mark>Zhou</mark> <mark>Enlai</mark>" in snippets["zhou"]
    assert "<mark>Chou</mark> <mark>En</mark>-<mark>lai</mark>" in snippets["chou"]


def test_other_words_still_narrow(corpus):
    assert ids("Chou En-lai delegation") == ["zhou"]


def test_person_and_place_scopes_find_every_spelling(corpus):
    assert set(ids('person:"Chou En-lai"')) == {"zhou", "chou"}
    assert set(ids("place:Pyongyang")) == {"zhou", "kim"}


def test_spans_need_a_capital_for_a_lone_word():
    lookup = NameLookup([("zhou-enlai", ["Zhou Enlai", "Chou En-lai"]), ("pyongyang", ["Pyongyang", "Phenian"])])
    assert [s.spellings for s in lookup.spans("Zhou Enlai delegation".split())] == [("Zhou Enlai", "Chou En-lai")]
    assert lookup.spans(["pyongyang"]) == []
    assert [s.keys for s in lookup.spans(["Pyongyang"])] == [("pyongyang",)]


@pytest.fixture
def bracketed(index_dir, tmp_path):
    from fonds.catalog.authorities import save_authorities
    from fonds.core.authority import PERSON, AuthorityData, Variant
    from fonds.search import names

    source = "https://history.state.gov/historicaldocuments/frus1961-63v12/persons"
    save_authorities([
        AuthorityData("brizola", PERSON, "Brizola, Leonel", [Variant("Briz(z)ola, Leonel", source)]),
        AuthorityData("saud", PERSON, "Saud al-Faisal", [Variant("Saud bin Faisal bin Abdul Aziz, Prince", source)]),
    ])
    names.reset()
    records = [
        rec("brizola", "Memorandum. Leonel Brizola attended the meeting."),
        rec("saud", "Memorandum. Saud al-Faisal attended the meeting."),
        rec("other", "Memorandum. Leonel Brizzi and Prince Abdul attended; the bin was emptied."),
    ]
    path = tmp_path / "bracketed.jsonl"
    path.write_text("".join(json.dumps(r.to_json(), ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    import_paths([path])
    search.sync()


def test_a_whole_query_that_is_a_recorded_spelling_is_searched_as_that_name(bracketed):
    # Typed bare, the parentheses would be grouping, and seven words more than a name span.
    assert ids("Briz(z)ola, Leonel") == ["brizola"]
    assert ids("Saud bin Faisal bin Abdul Aziz, Prince") == ["saud"]


def test_parentheses_and_long_queries_that_spell_no_name_keep_their_query_meaning(bracketed):
    assert set(ids("(Brizola OR Brizzi) Leonel")) == {"brizola", "other"}
    assert ids("Leonel (Brizzi)") == ["other"]
    # Seven words, no name: every word must occur, as before.
    assert ids("Memorandum Leonel Brizzi Prince Abdul attended emptied") == ["other"]
