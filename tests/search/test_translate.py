"""Query language to Tantivy: every construct finds exactly the expected records.

A small corpus indexed with the real schema and analyser in a temp dir (no database: documents are
built straight from RecordData, as the indexer does).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
import tantivy
from hypothesis import given, settings, strategies as st

from fonds.core.record import CollectionRef, RecordData, Ref, Repository
from fonds.search.qlang import Not, Term
from fonds.search.analysis import register_all
from fonds.search.schema import build_schema, meta_document, text_analyzer, to_document
from fonds.search.translate import _fold_analyzer, compile_query, translate


def rec(id: str, title: str, text: str, **kw) -> RecordData:
    return RecordData(id=id, title=title, paragraphs=text.split("\n\n"), **kw)


def dated(edtf: str, start: str, end: str | None = None) -> dict:
    return {"date": edtf, "date_start": start, "date_end": end or start}


CORPUS = [
    rec(
        "115958",
        "Report from Hamgyŏng province",
        "The workers of Hamgyŏng met the delegation.\n\nThe harvest was poor.",
        summary="A provincial report on the harvest and the workers.",
        source="AVPRF, fond 0102, opis 13, delo 6",
        type="Report", original_language=["ko"], repository=Repository("AVPRF", "Archive of Foreign Policy"),
        donors=["Leon Levy Foundation"], collections=[CollectionRef("nk", "North Korea")],
        people=[Ref("p-kim", "Kim Il Sung")], places=[Ref("pl-ham", "Hamgyŏng")],
        **dated("1957-12-20", "1957-12-20"),
    ),
    rec(
        "116001",
        "Telegram on the volunteers",
        "Zhou Enlai spoke about the withdrawal of the volunteers. The volunteers will withdraw to the Yalu.",
        source="PRC FMA 106-01129-01",
        type="Telegram", original_language=["zh"], repository=Repository("PRC FMA", "Chinese Foreign Ministry Archive"),
        donors=["Leon Levy Foundation", "ROK Ministry of Unification"], collections=[CollectionRef("nk", "North Korea")],
        people=[Ref("p-zhou", "Zhou Enlai")], places=[Ref("pl-yalu", "Yalu River")],
        **dated("1958-03", "1958-03-01", "1958-03-31"),
    ),
    rec(
        "120500",
        "Memorandum of conversation with Puzanov",
        "A meeting about meetings. Volunteers were mentioned once. Seoul was discussed.",
        type="Memorandum of Conversation", original_language=["ru"],
        donors=["ROK Ministry of Unification"], collections=[CollectionRef("sino-soviet", "Sino-Soviet Split")],
        people=[Ref("p-puz", "A. M. Puzanov")], places=[Ref("pl-seoul", "Seoul")],
        **dated("1961", "1961-01-01", "1961-12-31"),
    ),
    rec(
        "114000",
        "Diary entry",
        "Nothing of note. The ambassador wrote about the weather in Pyongyang.",
        summary="Weather and harvest notes.",
        type="Diary Entry", original_language=["ru"],
        places=[Ref("pl-pyong", "Pyongyang")],
        **dated("1957-06", "1957-06-01", "1957-06-30"),
    ),
    rec(
        "110001",
        "Letter on the Yalu bridge",
        "The bridge over the Yalu was repaired. Chou En-lai visited it.",
        type="Letter", original_language=["en"],
        people=[Ref("p-zhou", "Chou En-lai")], places=[Ref("pl-yalu", "Yalu River")],
        **dated("1953-07-27", "1953-07-27"),
    ),
    rec(
        "999",
        "Undated note",
        "Seoul notes, undated.",
        type="Intelligence Report",
    ),
]
ALL = {r.id for r in CORPUS}


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    schema = build_schema()
    idx = tantivy.Index(schema, path=str(tmp_path_factory.mktemp("qindex")))
    register_all(idx)  # every analyser the schema names (fonds.search.analysis)
    writer = idx.writer(heap_size=15_000_000, num_threads=1)
    for record in CORPUS:
        writer.add_document(to_document(record))
    writer.add_document(meta_document(7))  # as in a real index: left out by kind:record
    writer.commit()
    writer.wait_merging_threads()
    idx.reload()
    return idx, schema


def records_only(schema, query: tantivy.Query) -> tantivy.Query:
    """As BuiltQuery.combined does: the query AND kind:record."""
    kind = tantivy.Query.term_query(schema, "kind", "record")
    return tantivy.Query.boolean_query([(tantivy.Occur.Must, query), (tantivy.Occur.Must, kind)])


def hits(index, q: str, **kw) -> list[tuple[str, float]]:
    idx, schema = index
    compiled = compile_query(q, schema, **kw)
    searcher = idx.searcher()
    result = searcher.search(records_only(schema, compiled.query), 100)
    return [(searcher.doc(addr).get_first("id"), score) for score, addr in result.hits]


def ids(index, q: str, **kw) -> set[str]:
    return {id for id, _ in hits(index, q, **kw)}


CASES = [
    # words, folding and stemming
    ("volunteers", {"116001", "120500"}),
    ("Hamgyong", {"115958"}),
    ("Hamgyŏng", {"115958"}),
    ("HAMGYONG", {"115958"}),
    ("meetings", {"120500"}),
    ("meet", {"120500"}),  # "meeting", "meetings"; the stemmer leaves "met" alone
    ("withdrawing", {"116001"}),
    ("volunteers yalu", {"116001"}),
    ("chou-en-lai", {"110001"}),
    ("zzzz", set()),
    ("", ALL),
    ("— …", ALL),
    # lowercase keywords are words; a dangling operator is dropped
    ("harvest and", {"115958", "114000"}),
    ("harvest AND", {"115958", "114000"}),
    ("workers and harvest", {"115958"}),
    # phrases and slop
    ('"withdrawal of the volunteers"', {"116001"}),
    ('"volunteers withdrawal"', set()),
    ('"zhou withdrawal"~5', {"116001"}),
    ('"zhou withdrawal"~1', set()),
    ('"Hamgyong province"', {"115958"}),
    ('"yalu"', {"116001", "110001"}),
    ('"withdrawal of', {"116001"}),
    # boolean operators and parentheses
    ("volunteers OR weather", {"116001", "120500", "114000"}),
    ("volunteers NOT yalu", {"120500"}),
    ("volunteers AND NOT yalu", {"120500"}),
    ("volunteers -yalu", {"120500"}),
    ("-seoul", ALL - {"120500", "999"}),
    ("NOT seoul", ALL - {"120500", "999"}),
    ("-seoul -yalu", {"115958", "114000"}),
    ("+yalu", {"116001", "110001"}),
    ("(yalu OR weather) -bridge", {"116001", "114000"}),
    ("(volunteers OR (weather pyongyang)) -meeting", {"116001", "114000"}),
    ("weather OR -seoul", ALL - {"120500", "999"}),
    ("yalu OR (seoul -undated)", {"116001", "110001", "120500"}),
    ("-(seoul OR yalu)", {"115958", "114000"}),
    ("bridge OR zhou", {"116001", "110001"}),
    ("bridge OR zhou enlai", {"116001"}),  # (bridge OR zhou) AND enlai
    # prefixes and fuzzy words
    ("withdraw*", {"116001"}),
    ("withdrawal*", {"116001"}),
    ("volunteer*", {"116001", "120500"}),
    ("volunteers*", {"116001", "120500"}),
    ("Hamgy*", {"115958"}),
    ("hamgyŏ*", {"115958"}),
    ("pyong*", {"114000"}),
    ("zhou en*", {"116001"}),
    ("kim-il*", {"115958"}),  # a word the analyser splits: a phrase whose last word is a prefix
    ("chou-en*", {"110001"}),
    ("pyongyng~", {"114000"}),
    ("hamgyeng~", {"115958"}),
    ("yalo~", {"116001", "110001"}),
    ("yalo", set()),
    ("pyngyng~2", {"114000"}),
    ("pyngyng~", set()),
    # text scopes
    ("title:volunteers", {"116001"}),
    ("text:volunteers", {"116001", "120500"}),
    ("summary:harvest", {"115958", "114000"}),
    ("text:harvest", {"115958"}),
    ("source:fond", {"115958"}),
    ('source:"PRC FMA"', {"116001"}),
    ("title:(volunteers OR diary)", {"116001", "114000"}),
    ("title:-volunteers", ALL - {"116001"}),
    ("title:yal*", {"110001"}),
    ("title:volunters~", {"116001"}),
    ("title: yalu", {"110001"}),
    # names
    ("person:puzanov", {"120500"}),
    ('person:"Zhou Enlai"', {"116001"}),
    ("person:zhou", {"116001"}),
    ("place:seoul", {"120500"}),
    ("seoul", {"120500", "999"}),
    ("place:yalu", {"116001", "110001"}),
    ("place:hamgyong", {"115958"}),
    ("person:puzanof~", {"120500"}),
    ("person:puz*", {"120500"}),
    # facets
    ("type:telegram", {"116001"}),
    ("type:Telegram", {"116001"}),
    ("type:report", {"115958", "999"}),
    ('type:"memorandum of conversation"', {"120500"}),
    ("type:memorandum", {"120500"}),
    ("type:memo*", {"120500"}),
    ('type:"Diary Entry"', {"114000"}),
    ("type:diary type:entry", {"114000"}),
    ("type:conversation*", {"120500"}),
    ("type:telegram~", {"116001"}),
    ("type:(telegram OR letter)", {"116001", "110001"}),
    ("-type:report", ALL - {"115958", "999"}),
    ("type:telegrams", set()),
    ("lang:ru", {"120500", "114000"}),
    ("lang:RU", {"120500", "114000"}),
    ("lang:Russian", {"120500", "114000"}),
    ("lang:rus", {"120500", "114000"}),
    ("language:chinese", {"116001"}),
    ("lang:klingonese", set()),
    ("collection:nk", {"115958", "116001"}),
    ("collection:sino-soviet", {"120500"}),
    ("collection:soviet", {"120500"}),
    ("repository:avprf", {"115958"}),
    ('repository:"prc fma"', {"116001"}),
    ("repository:prc", {"116001"}),
    ("donor:levy", {"115958", "116001"}),
    ('donor:"ROK Ministry of Unification"', {"116001", "120500"}),
    ('donor:"Leon Levy"', {"115958", "116001"}),
    ("donor:lev*", {"115958", "116001"}),
    ("donor:evy", set()),
    ("id:116001", {"116001"}),
    ("id:1160*", {"116001"}),
    ("id:11*", {"115958", "116001", "114000", "110001"}),
    ("id:__meta__", set()),
    # years
    ("year:1957", {"115958", "114000"}),
    ("year:1957..1958", {"115958", "116001", "114000"}),
    ("year:>1957", {"116001", "120500"}),
    ("year:>=1958", {"116001", "120500"}),
    ("year:<1958", {"115958", "114000", "110001"}),
    ("year:<=1953", {"110001"}),
    ("year:1960..", {"120500"}),
    ("year:1961..1958", {"116001", "120500"}),
    # dates: a record matches when its span overlaps the range
    ("date:1958", {"116001"}),
    ("date:1958-03-15", {"116001"}),
    ("date:1958-03", {"116001"}),
    ("date:1957-12..1958-06", {"115958", "116001"}),
    ("date:1957-12/1958-06", {"115958", "116001"}),
    ("date:>1957", {"116001", "120500"}),
    ("date:>=1957-12", {"115958", "116001", "120500"}),
    ("date:>1957-12-20", {"116001", "120500"}),
    ("date:<1957-06-01", {"110001"}),
    ("date:<1957-06-02", {"110001", "114000"}),
    ("date:<=1957-06", {"114000", "110001"}),
    ("date:1957..", {"115958", "116001", "120500", "114000"}),
    ("date:..1953", {"110001"}),
    ("date:1961-06", {"120500"}),
    ("date:1957-06-30", {"114000"}),
    ("date:1957-07..1957-11", set()),
    ("date:(1953 OR 1961)", {"110001", "120500"}),
    ("-date:1957", ALL - {"115958", "114000"}),
    ("date:December", set()),  # not a date: searched as the word
    # everything together
    ('"withdrawal of the volunteers" title:telegram date:1957-12..1958-06 -Seoul', {"116001"}),
    ("(type:letter OR type:telegram) yalu -date:1953", {"116001"}),
    ("title:(diary OR memorandum) lang:ru -(puzanov OR seoul)", {"114000"}),
    ("volunteers (person:zhou OR place:seoul) year:1958..1961", {"116001", "120500"}),
    ("volunteers (person:zhou OR place:seoul) year:1958..1960", {"116001"}),
    # unknown scopes read as words
    ("autor:zhou", set()),
    ("zhou:enlai", {"116001"}),
]


@pytest.mark.parametrize("query,expected", CASES, ids=[c[0] or "<empty>" for c in CASES])
def test_query_finds_exactly(index, query, expected):
    assert ids(index, query) == expected


def test_analyser_without_stemmer_mirrors_the_index_analyser():
    # A prefix is compared before stemming; the fold-only analyser must otherwise agree with the
    # index's: stemming its output gives what the index analyser gives.
    full, fold = text_analyzer(), _fold_analyzer()
    for text in ["Hamgyŏng", "Meetings, withdrawals!", "Zhou_Enlai Ærø naïve", "Kim-Il-sung 1957-12-20", "x" * 70]:
        assert full.analyze(" ".join(fold.analyze(text))) == full.analyze(text)


def test_name_expansion_ors_the_variant_spellings(index):
    calls = []

    def expand(scope, text):
        calls.append((scope, text))
        return ["Chou En-lai", "Zhou Enlai"] if text.casefold() in ("zhou enlai", "zhou") else None

    assert ids(index, 'person:"Zhou Enlai"', expand_name=expand) == {"116001", "110001"}
    assert ids(index, "person:zhou", expand_name=expand) == {"116001", "110001"}
    assert ids(index, "person:puzanov", expand_name=expand) == {"120500"}
    assert calls == [("person", "Zhou Enlai"), ("person", "zhou"), ("person", "puzanov")]
    # An unscoped quoted phrase of two or more words asks too (scope None), searched in every field.
    assert ids(index, '"Zhou Enlai"', expand_name=expand) == {"116001", "110001"}
    assert calls[-1] == (None, "Zhou Enlai")
    # Unscoped words and one-word phrases are left to name_spans.
    assert ids(index, 'zhou enlai "zhou"', expand_name=expand) == {"116001"}
    assert calls[-1] == (None, "Zhou Enlai")


def test_the_spelling_typed_ranks_first(index):
    def expand(scope, text):
        return ["Chou En-lai"]

    assert [id for id, _ in hits(index, 'person:"Zhou Enlai"', expand_name=expand)] == ["116001", "110001"]
    assert [id for id, _ in hits(index, 'person:"Chou En-lai"', expand_name=lambda s, t: ["Zhou Enlai"])] == [
        "110001",
        "116001",
    ]


@dataclass
class Span:
    start: int
    end: int
    spellings: tuple[str, ...]


def test_name_spans_search_names_in_runs_of_words_in_every_spelling(index):
    seen = []

    def spans(words):
        seen.append(list(words))
        out = []
        for i in range(len(words) - 1):
            if [w.casefold() for w in words[i : i + 2]] == ["zhou", "enlai"]:
                out.append(Span(i, i + 2, ("Zhou Enlai", "Chou En-lai")))
        return out

    assert ids(index, "yalu Zhou Enlai") == {"116001"}
    assert ids(index, "yalu Zhou Enlai", name_spans=spans) == {"116001", "110001"}
    assert seen[-1] == ["yalu", "Zhou", "Enlai"]
    # A run ends at anything that is not a plain unscoped word; an excluded word is a run of its own.
    assert ids(index, "Zhou -seoul Enlai", name_spans=spans) == {"116001"}
    assert seen[-3:] == [["Zhou"], ["seoul"], ["Enlai"]]
    # Inside OR, each word is a run of its own; in a scope, words are not looked at.
    ids(index, "Zhou OR title:Enlai", name_spans=spans)
    assert seen[-1] == ["Zhou"]


def test_name_spans_as_tuples_and_bad_spans_are_ignored(index):
    assert ids(index, "Pyongyang", name_spans=lambda words: [(0, 1, ["P'yŏngyang", "Pyongyang"])]) == {"114000"}
    assert ids(index, "yalu bridge", name_spans=lambda words: [(0, 2, ["Yalu River"])]) == {"110001", "116001"}
    bad = lambda words: [(1, 0, ["x"]), (0, 9, ["x"]), (0, 1, []), (5, 6, ["x"])]  # noqa: E731
    assert ids(index, "yalu bridge", name_spans=bad) == {"110001"}
    overlapping = lambda words: [(0, 2, ["Yalu bridge"]), (1, 2, ["zzz"])]  # noqa: E731
    assert ids(index, "yalu bridge", name_spans=overlapping) == {"110001"}


def test_place_scope_calls_the_hook_with_place(index):
    seen = []
    ids(index, "place:(seoul OR yalu)", expand_name=lambda scope, text: seen.append((scope, text)))
    assert seen == [("place", "seoul"), ("place", "yalu")]


def test_title_matches_rank_first(index):
    ranked = [id for id, _ in hits(index, "volunteers")]
    assert ranked == ["116001", "120500"]


def test_filters_do_not_reorder_the_words(index):
    plain = [id for id, _ in hits(index, "volunteers")]
    assert [id for id, _ in hits(index, "volunteers year:1950..1970 lang:(zh OR ru)")] == plain
    assert len({score for _, score in hits(index, "type:report")}) == 1  # a filter scores a constant


def test_a_pure_negation_is_everything_but(index):
    _, schema = index
    query = translate(Not(Term("seoul")), schema)
    searcher = index[0].searcher()
    assert searcher.search(records_only(schema, query), 100, count=True).count == len(ALL) - 2


def test_nothing_to_search_is_the_all_query(index):
    _, schema = index
    compiled = compile_query("((", schema)
    assert compiled.tree is None and compiled.understood == "all records"
    assert compiled.problems
    assert ids(index, "((") == ALL


def test_compile_query_reports_what_was_understood_and_the_hints(index):
    _, schema = index
    compiled = compile_query('"withdrawal of volunteers title:yalu', schema)
    assert compiled.understood == '"withdrawal of volunteers title:yalu" (phrase)'
    assert compiled.problems == [
        'Closing quote missing after "withdrawal of volunteers title:yalu — read as a phrase to the end.'
    ]


@pytest.mark.parametrize(
    "query", ["volunteers", "-seoul", "withdraw*", "pyongyng~", '"zhou withdrawal"~5', "type:report date:1957..", ""]
)
def test_snippets_can_be_made_for_every_kind_of_query(index, query):
    idx, schema = index
    compiled = compile_query(query, schema)
    searcher = idx.searcher()
    generator = tantivy.SnippetGenerator.create(searcher, compiled.query, schema, "text")
    result = searcher.search(records_only(schema, compiled.query), 10)
    for _, address in result.hits:
        assert isinstance(generator.snippet_from_doc(searcher.doc(address)).to_html(), str)


PIECES = list('ayŏ "()-+*~:.<>=/') + ["AND ", "OR ", "NOT ", "title:", "date:", "year:", "type:", "lang:", "person:"]
PIECES += ["id:", "1957", "-12", "..", "yalu", "volunteers"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=16).map("".join))
def test_any_query_translates_and_runs(index, text):
    idx, schema = index
    compiled = compile_query(text, schema)
    searcher = idx.searcher()
    result = searcher.search(records_only(schema, compiled.query), 10, count=True)
    assert 0 <= (result.count or 0) <= len(ALL)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["", "title:", "type:", "donor:", "lang:", "id:", "person:", "date:", "-"]), st.text(max_size=60))
def test_any_text_in_any_scope_translates_and_runs(index, scope, text):
    idx, schema = index
    for query in (scope + text, f'{scope}"{text}"', f"{scope}{text}*", f"{scope}{text}~"):
        compiled = compile_query(query, schema)
        assert idx.searcher().search(records_only(schema, compiled.query), 10, count=True).count is not None


def test_a_value_too_long_for_a_regex_automaton_falls_back_to_the_exact_value(index):
    long_value = " ".join(["kk"] * 100)
    assert ids(index, f'type:"{long_value}"') == set()
    assert ids(index, f'donor:"{long_value}"*') == set()
