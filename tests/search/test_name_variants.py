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
