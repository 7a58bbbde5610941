"""The Tantivy index on a small corpus: analysis, ranking, facets, snippets, filters and sorting."""

from __future__ import annotations

import pytest

from fonds import search
from fonds.catalog.services import delete_record, save_records
from fonds.core.record import CollectionRef, RecordData, Repository

pytestmark = pytest.mark.django_db


def rec(id: str, title: str, text: str, **kw) -> RecordData:
    return RecordData(id=id, title=title, paragraphs=[p for p in text.split("\n\n")], **kw)


CORPUS = [
    rec(
        "1",
        "Report from Hamgyŏng province",
        "The workers of Hamgyŏng met the delegation.\n\nThe harvest was poor.",
        date="1957-12-20", date_start="1957-12-20", date_end="1957-12-20", date_display="December 20, 1957",
        type="Report", original_language=["ko"], repository=Repository("AVPRF", "Archive of Foreign Policy"),
        donors=["Leon Levy Foundation"], collections=[CollectionRef("nk", "North Korea")],
    ),
    rec(
        "2",
        "Telegram on the volunteers",
        "Zhou Enlai spoke about the withdrawal of the volunteers. The volunteers will withdraw to the Yalu.",
        date="1958-03", date_start="1958-03-01", date_end="1958-03-31", date_display="March 1958",
        type="Telegram", original_language=["zh"], repository=Repository("PRC FMA", "Chinese Foreign Ministry Archive"),
        donors=["Leon Levy Foundation", "ROK Ministry of Unification"], collections=[CollectionRef("nk", "North Korea")],
    ),
    rec(
        "3",
        "Memorandum of conversation",
        "A meeting about meetings. Volunteers were mentioned once.",
        date="1961", date_start="1961-01-01", date_end="1961-12-31", date_display="1961",
        type="Memorandum of Conversation", original_language=["ru"],
        donors=["ROK Ministry of Unification"],
    ),
    rec(
        "4",
        "Diary entry",
        "Nothing of note. The ambassador wrote about the weather in Pyongyang.",
        date="1957-06", date_start="1957-06-01", date_end="1957-06-30", date_display="June 1957",
        type="Diary Entry", original_language=["ru"],
    ),
]


@pytest.fixture
def corpus(index_dir):
    save_records(CORPUS)
    search.sync()
    return CORPUS


def find(q="", **kw) -> search.SearchResult:
    return search.search(search.SearchRequest(q=q, **kw))


def test_ascii_folding_finds_breves_both_ways(corpus):
    assert [h.id for h in find("Hamgyong").hits] == ["1"]
    assert [h.id for h in find("Hamgyŏng").hits] == ["1"]


def test_english_stemming(corpus):
    # Record 3 says "meeting" and "meetings"; the Porter stemmer makes both (and the query) "meet".
    assert {h.id for h in find("meetings").hits} == {"3"}
    assert {h.id for h in find("meet").hits} == {"3"}
    assert {h.id for h in find("withdrawing").hits} == {"2"}


def test_all_words_are_required(corpus):
    assert [h.id for h in find("volunteers Yalu").hits] == ["2"]


def test_bm25_ranks_the_denser_and_title_match_first(corpus):
    ids = [h.id for h in find("volunteers").hits]
    assert ids == ["2", "3"]
    assert find("volunteers").hits[0].score > find("volunteers").hits[1].score


def test_snippets_mark_the_matched_words_and_escape_the_rest(index_dir):
    save_records([rec("x", "A <b>bold</b> title", "Before <script>alert(1)</script> the Hamgyŏng workers met.")])
    search.sync()
    hit = find("hamgyong").hits[0]
    assert "<mark>Hamgyŏng</mark>" in hit.snippet
    assert "<script>" not in hit.snippet and "&lt;script&gt;" in hit.snippet


def test_facet_counts(corpus):
    facets = find().facets
    types = {v.value: v.count for v in facets["type"]}
    assert types == {"Report": 1, "Telegram": 1, "Memorandum of Conversation": 1, "Diary Entry": 1}
    donors = {v.value: v.count for v in facets["donor"]}
    assert donors == {"Leon Levy Foundation": 2, "ROK Ministry of Unification": 2}
    assert {v.value: v.count for v in facets["year"]} == {"1957": 2, "1958": 1, "1961": 1}
    assert {v.value: v.count for v in facets["lang"]} == {"ko": 1, "zh": 1, "ru": 2}
    assert {v.value: v.count for v in facets["repository"]} == {"AVPRF": 1, "PRC FMA": 1}
    assert {v.value: v.count for v in facets["collection"]} == {"nk": 2}


def test_values_of_one_facet_combine_with_or_and_facets_with_and(corpus):
    assert find(filters={"type": ["Report"]}).total == 1
    assert find(filters={"type": ["Report", "Telegram"]}).total == 2
    both = find(filters={"type": ["Report", "Telegram"], "lang": ["zh"]})
    assert [h.id for h in both.hits] == ["2"]


def test_a_facet_keeps_showing_its_alternatives_when_one_is_selected(corpus):
    result = find(filters={"type": ["Report"]})
    types = {v.value: (v.count, v.selected) for v in result.facets["type"]}
    assert types["Report"] == (1, True)
    assert types["Telegram"] == (1, False)  # counted without the type filter itself
    assert {v.value for v in result.facets["lang"]} == {"ko"}  # other facets are narrowed


def test_date_range_keeps_overlapping_records(corpus):
    assert {h.id for h in find(date_from="1958", date_to="1958").hits} == {"2"}
    assert {h.id for h in find(date_from="1958-03-15", date_to="1958-03-15").hits} == {"2"}  # inside March 1958
    assert {h.id for h in find(date_from="1957-12").hits} == {"1", "2", "3"}
    assert {h.id for h in find(date_to="1957-06-30").hits} == {"4"}


def test_a_bad_date_is_a_clear_error(corpus):
    with pytest.raises(search.BadRequest, match="from='nineteen'"):
        find(date_from="nineteen")


def test_sort_by_date_both_ways_and_by_title(corpus):
    assert [h.id for h in find(sort="date").hits] == ["4", "1", "2", "3"]
    assert [h.id for h in find(sort="-date").hits] == ["3", "2", "1", "4"]
    assert [h.id for h in find(sort="title").hits] == ["4", "3", "1", "2"]


def test_pagination(corpus):
    first = find(sort="date", per_page=3)
    second = find(sort="date", per_page=3, page=2)
    assert first.total == second.total == 4 and first.pages == 2
    assert [h.id for h in first.hits + second.hits] == ["4", "1", "2", "3"]


def test_a_malformed_query_is_read_leniently_with_a_hint(corpus):
    result = find('"volunteers')
    assert result.errors
    assert result.total >= 0


def test_updates_and_deletes_reach_the_index(corpus):
    save_records([rec("4", "Diary entry", "Now it mentions Hamgyŏng too.", type="Diary Entry")])
    delete_record("1")
    search.sync()
    assert [h.id for h in find("hamgyong").hits] == ["4"]
    assert find().total == 3


def test_overview_counts_types_and_decades(corpus):
    stats = search.overview()
    assert stats["total"] == 4
    assert {d["value"]: d["count"] for d in stats["decades"]} == {1950: 3, 1960: 1}
