"""A query naming a person or place in any spelling finds documents that use another."""

from __future__ import annotations

import pytest

from fonds import search
from fonds.catalog.services import save_records
from fonds.core.record import RecordData
from fonds.search.names import NameLookup
from fonds.search.query import expand_names

pytestmark = pytest.mark.django_db


def rec(id: str, text: str) -> RecordData:
    return RecordData(id=id, title=f"Document {id}", paragraphs=[text])


@pytest.fixture
def corpus(index_dir):
    save_records(
        [
            rec("zhou", "Zhou Enlai will be in the delegation to Pyongyang."),
            rec("chou", "Premier Chou En-lai received the ambassador."),
            rec("kim", "Kim Il-sung spoke about the harvest in P'yŏngyang."),
            rec("kimru", "Tovarishch Kim Ir Sen wrote to Moscow."),
            rec("other", "The ambassador spoke about the weather."),
        ]
    )
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


def test_expansion_leaves_syntax_alone():
    lookup = NameLookup([("zhou-enlai", ["Zhou Enlai", "Chou En-lai"])])
    assert expand_names("title:Zhou AND -Enlai", lookup) == "title:Zhou AND -Enlai"
    assert expand_names("Zhou Enlai delegation", lookup) == '("Zhou Enlai"^2 OR "Chou En-lai") delegation'
    assert expand_names("zhou", lookup) == "zhou"  # a lone lower-case word is not a name
