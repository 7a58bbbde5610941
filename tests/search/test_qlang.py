"""The query language parser: the tree each query becomes, the hints, and what was understood.

Plain Python: no index, no database.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from fonds.search.qlang import (
    MAX_DEPTH,
    MAX_LENGTH,
    And,
    DateRange,
    Field,
    Fuzzy,
    Not,
    Or,
    Phrase,
    Prefix,
    Term,
    YearRange,
    describe,
    parse,
)

D = datetime.date
T = Term


def P(*words: str, slop: int = 0) -> Phrase:
    return Phrase(tuple(words), slop)


def A(*items) -> And:
    return And(tuple(items))


def O(*items) -> Or:
    return Or(tuple(items))


def F(scope: str, node) -> Field:
    return Field(scope, node)


# (query, tree, hints): each hint is a substring that must appear in one of the problems; an empty
# tuple means no problems at all.
CASES = [
    # words, implicit AND, the lowercase keywords as words
    ("", None, ()),
    ("   ", None, ()),
    ("yalu", T("yalu"), ()),
    ("puzanov qiao", A(T("puzanov"), T("qiao")), ()),
    ("Hamgyŏng", T("Hamgyŏng"), ()),
    ("and or not", A(T("and"), T("or"), T("not")), ()),
    ("harvest and workers", A(T("harvest"), T("and"), T("workers")), ()),
    ("Kim-Il-sung", T("Kim-Il-sung"), ()),
    ("1957-12-20", T("1957-12-20"), ()),
    ("10:30", T("10:30"), ()),
    ("a - b", A(T("a"), T("b")), ()),
    ("— …", None, ()),
    # phrases
    ('"withdrawal of volunteers"', P("withdrawal", "of", "volunteers"), ()),
    ('"zhou withdrawal"~5', P("zhou", "withdrawal", slop=5), ()),
    ('"zhou withdrawal"~', P("zhou", "withdrawal", slop=2), ()),
    ('"yalu"', P("yalu"), ()),
    ("“withdrawal of” yalu", A(P("withdrawal", "of"), T("yalu")), ()),
    ("«withdrawal of»~3", P("withdrawal", "of", slop=3), ()),
    ('"AND OR NOT"', P("AND", "OR", "NOT"), ()),
    ('"withdrawal of', P("withdrawal", "of"), ('Closing quote missing after "withdrawal of — read as a phrase to the end.',)),
    ('yalu "', T("yalu"), ("Empty quotes ignored.",)),
    ('""', None, ("Empty quotes ignored.",)),
    ('a "b c" d', A(T("a"), P("b", "c"), T("d")), ()),
    # prefixes and fuzzy words
    ("withdraw*", Prefix("withdraw"), ()),
    ("withdraw**", Prefix("withdraw"), ()),
    ("a*", T("a"), ('"a*" is too short to complete',)),
    ("*", None, ('"*" alone matches nothing',)),
    ("wi*draw", T("wi*draw"), ('A "*" works only at the end of a word',)),
    ("*draw", T("*draw"), ('A "*" works only at the end of a word',)),
    ("pyongyng~", Fuzzy("pyongyng", 1), ()),
    ("pyongyng~2", Fuzzy("pyongyng", 2), ()),
    ("pyongyng~0", T("pyongyng"), ()),
    ("pyongyng~7", Fuzzy("pyongyng", 2), ('"~7" allows at most 2 letters off',)),
    ("~", None, ()),
    # AND, OR, NOT, -, +
    ("volunteers AND yalu", A(T("volunteers"), T("yalu")), ()),
    ("volunteers OR weather", O(T("volunteers"), T("weather")), ()),
    ("soviet troops OR volunteers", A(T("soviet"), O(T("troops"), T("volunteers"))), ()),
    ("a OR b OR c", O(T("a"), T("b"), T("c")), ()),
    ("a AND b OR c", A(T("a"), O(T("b"), T("c"))), ("OR groups first",)),
    ("volunteers NOT yalu", A(T("volunteers"), Not(T("yalu"))), ()),
    ("volunteers AND NOT yalu", A(T("volunteers"), Not(T("yalu"))), ()),
    ("volunteers -yalu", A(T("volunteers"), Not(T("yalu"))), ()),
    ("-seoul", Not(T("seoul")), ()),
    ("NOT seoul", Not(T("seoul")), ()),
    ("NOT NOT seoul", T("seoul"), ()),
    ("--seoul", T("seoul"), ()),
    ("+yalu -seoul", A(T("yalu"), Not(T("seoul"))), ()),
    ('-"withdrawal of"', Not(P("withdrawal", "of")), ()),
    ("a OR NOT b", O(T("a"), Not(T("b"))), ()),
    ("NOT", None, ("NOT needs something after it — ignored.",)),
    ("yalu NOT", T("yalu"), ("NOT needs something after it — ignored.",)),
    ("yalu -", T("yalu"), ()),
    ("AND yalu", T("yalu"), ("AND needs something on both sides — ignored.",)),
    ("yalu AND", T("yalu"), ("AND needs something on both sides — ignored.",)),
    ("OR yalu", T("yalu"), ("OR needs something on both sides — ignored.",)),
    ("yalu OR", T("yalu"), ("OR needs something on both sides — ignored.",)),
    ("a OR OR b", A(T("a"), T("b")), ("OR needs something on both sides — ignored.",)),
    ("a AND AND b", A(T("a"), T("b")), ("AND needs something on both sides — ignored.",)),
    # parentheses
    ("(yalu OR weather) -bridge", A(O(T("yalu"), T("weather")), Not(T("bridge"))), ()),
    ("(a OR b) (c OR d)", A(O(T("a"), T("b")), O(T("c"), T("d"))), ()),
    ("(volunteers OR (weather pyongyang)) -meeting", A(O(T("volunteers"), A(T("weather"), T("pyongyang"))), Not(T("meeting"))), ()),
    ("a AND (b OR c)", A(T("a"), O(T("b"), T("c"))), ()),
    ("-(kim il)", Not(A(T("kim"), T("il"))), ()),
    ("(yalu OR weather", O(T("yalu"), T("weather")), ("Unbalanced parenthesis ignored.",)),
    ("yalu OR weather)", O(T("yalu"), T("weather")), ("Unbalanced parenthesis ignored.",)),
    ("()", None, ("Empty parentheses ignored.",)),
    (")(", None, ("Unbalanced parenthesis ignored.",)),
    ("((yalu))", T("yalu"), ()),
    # scopes
    ("title:yalu", F("title", T("yalu")), ()),
    ("Title:yalu", F("title", T("yalu")), ()),
    ("text:volunteers", F("text", T("volunteers")), ()),
    ("summary:harvest", F("summary", T("harvest")), ()),
    ('source:"PRC FMA"', F("source", P("PRC", "FMA")), ()),
    ("title: yalu", F("title", T("yalu")), ()),
    ("title:yalu*", F("title", Prefix("yalu")), ()),
    ("title:yalo~", F("title", Fuzzy("yalo")), ()),
    ("title:(volunteers OR diary)", F("title", O(T("volunteers"), T("diary"))), ()),
    ("title:-volunteers", F("title", Not(T("volunteers"))), ()),
    ("-title:volunteers", Not(F("title", T("volunteers"))), ()),
    ("title:AND", F("title", T("AND")), ()),
    ('person:"Zhou Enlai"', F("person", P("Zhou", "Enlai")), ()),
    ("people:puzanov", F("person", T("puzanov")), ()),
    ("place:seoul", F("place", T("seoul")), ()),
    ("type:telegram", F("type", T("telegram")), ()),
    ('type:"Memorandum of Conversation"', F("type", P("Memorandum", "of", "Conversation")), ()),
    ("type:memo*", F("type", Prefix("memo")), ()),
    ("type:telegram~", F("type", T("telegram")), ('"~" has no effect on type: values',)),
    ("lang:ru", F("lang", T("ru")), ()),
    ("language:Russian", F("lang", T("Russian")), ()),
    ("collection:nk", F("collection", T("nk")), ()),
    ("repository:avprf", F("repository", T("avprf")), ()),
    ("donor:levy", F("donor", T("levy")), ()),
    ("id:115958", F("id", T("115958")), ()),
    ("title:", None, ('"title:" needs something after it — ignored.',)),
    ("(title:)", None, ('"title:" needs something after it',)),
    ("title: AND yalu", T("yalu"), ('"title:" needs something after it',)),
    ("autor:smith", T("autor:smith"), ('Unknown field "autor:"', "searched as words")),
    ("titel:yalu", T("titel:yalu"), ('Unknown field "titel:" — did you mean "title:"? Searched as words.',)),
    ("persn:kim", T("persn:kim"), ('did you mean "person:"?',)),
    ("langauge:ru", T("langauge:ru"), ('did you mean "lang:"?',)),
    ("http://example.org", T("http://example.org"), ()),
    # dates
    ("date:1957", DateRange(D(1957, 1, 1), D(1957, 12, 31)), ()),
    ("date:1958-02", DateRange(D(1958, 2, 1), D(1958, 2, 28)), ()),
    ("date:1956-02", DateRange(D(1956, 2, 1), D(1956, 2, 29)), ()),
    ("date:1957-12", DateRange(D(1957, 12, 1), D(1957, 12, 31)), ()),
    ("date:1957-12-20", DateRange(D(1957, 12, 20), D(1957, 12, 20)), ()),
    ("date:1957-12..1958-06", DateRange(D(1957, 12, 1), D(1958, 6, 30)), ()),
    ("date:1957-12/1958-06", DateRange(D(1957, 12, 1), D(1958, 6, 30)), ()),
    ("date:1957..", DateRange(D(1957, 1, 1), None), ()),
    ("date:..1958", DateRange(None, D(1958, 12, 31)), ()),
    ("date:1957/..", DateRange(D(1957, 1, 1), None), ()),
    ("date:>1957", DateRange(D(1958, 1, 1), None), ()),
    ("date:>=1957-12", DateRange(D(1957, 12, 1), None), ()),
    ("date:<1957-06-01", DateRange(None, D(1957, 5, 31)), ()),
    ("date:<=1958-03", DateRange(None, D(1958, 3, 31)), ()),
    ("date: 1957", DateRange(D(1957, 1, 1), D(1957, 12, 31)), ()),
    ('date:"1957"', DateRange(D(1957, 1, 1), D(1957, 12, 31)), ()),
    ("date:(1953 OR 1961)", O(DateRange(D(1953, 1, 1), D(1953, 12, 31)), DateRange(D(1961, 1, 1), D(1961, 12, 31))), ()),
    ("-date:1957", Not(DateRange(D(1957, 1, 1), D(1957, 12, 31))), ()),
    ("date:1958..1957", DateRange(D(1957, 1, 1), D(1958, 12, 31)), ("runs backwards — read as 1957..1958",)),
    ("date:December", T("December"), ('date: needs a year, month or day', '"December" searched as words')),
    ("date:1957-13", T("1957-13"), ("date: needs",)),
    ("date:1957-02-30", T("1957-02-30"), ("date: needs",)),
    ("date:..", None, ("date: needs",)),
    ("date:<0001-01-01", T("<0001-01-01"), ("date: needs",)),
    ("date:0000", T("0000"), ("date: needs",)),
    # years
    ("year:1957", YearRange(1957, 1957), ()),
    ("year:1957..1960", YearRange(1957, 1960), ()),
    ("year:>1957", YearRange(1958, None), ()),
    ("year:>=1957", YearRange(1957, None), ()),
    ("year:<1958", YearRange(None, 1957), ()),
    ("year:<=1953", YearRange(None, 1953), ()),
    ("year:..1953", YearRange(None, 1953), ()),
    ("year:1960..1957", YearRange(1957, 1960), ("runs backwards",)),
    ("year:fifties", T("fifties"), ("year: needs a year",)),
    # everything together
    (
        '"withdrawal of volunteers" title:yalu date:1957-12..1958-06 -Seoul',
        A(P("withdrawal", "of", "volunteers"), F("title", T("yalu")), DateRange(D(1957, 12, 1), D(1958, 6, 30)), Not(T("Seoul"))),
        (),
    ),
]


@pytest.mark.parametrize("query,tree,hints", CASES, ids=[c[0] or "<empty>" for c in CASES])
def test_parse(query, tree, hints):
    got, problems = parse(query)
    assert got == tree
    if not hints:
        assert problems == []
    for hint in hints:
        assert any(hint in p for p in problems), (hint, problems)


def test_there_are_at_least_sixty_cases():
    assert len(CASES) >= 60


UNDERSTOOD = [
    (
        '"withdrawal of volunteers" title:yalu date:1957-12..1958-06 -Seoul',
        'all of: "withdrawal of volunteers" (phrase), title: yalu, date 1957-12-01 to 1958-06-30, not: Seoul',
    ),
    ("", "all records"),
    ("yalu", "yalu"),
    ("yalu OR weather", "any of: yalu, weather"),
    ("soviet (troops OR volunteers)", "all of: soviet, any of (troops, volunteers)"),
    ('"zhou withdrawal"~5', '"zhou withdrawal" (phrase, up to 5 words apart)'),
    ("withdraw*", 'withdraw* (words starting with "withdraw")'),
    ("pyongyng~", "pyongyng~ (or spellings up to 1 letter off)"),
    ("pyongyng~2", "pyongyng~2 (or spellings up to 2 letters off)"),
    ("date:>1957", "date 1958-01-01 or later"),
    ("date:<=1958-03", "date 1958-03-31 or earlier"),
    ("date:1957-12-20", "date 1957-12-20"),
    ("year:1957", "year 1957"),
    ("year:1957..1960", "year 1957 to 1960"),
    ("year:<1958", "year 1957 or earlier"),
    ("-(kim il)", "not: all of (kim, il)"),
    ("title:(volunteers OR diary)", "title: any of (volunteers, diary)"),
]


@pytest.mark.parametrize("query,text", UNDERSTOOD)
def test_describe(query, text):
    assert describe(parse(query)[0]) == text


def test_hints_are_not_repeated():
    _, problems = parse("NOT NOT")
    assert problems == ["NOT needs something after it — ignored."]
    _, problems = parse("a OR OR OR b")
    assert problems.count("OR needs something on both sides — ignored.") == 1


def test_a_long_query_is_cut_with_a_hint():
    tree, problems = parse("yalu " * 1000)
    assert isinstance(tree, And) and len(tree.items) == MAX_LENGTH // 5
    assert problems == [f"Only the first {MAX_LENGTH} characters of the query were read."]


def test_deep_nesting_is_flattened_not_a_recursion_error():
    tree, problems = parse("(" * 500 + "yalu" + ")" * 500)
    assert tree == T("yalu")
    assert any("nested too deeply" in p for p in problems)
    tree, problems = parse("title: " * 200 + "yalu")
    assert tree == F("title", T("yalu")) and problems == ['Fields nested too deeply — "title:" ignored.']
    tree, problems = parse("title:" * 200 + "yalu")  # glued: what follows the first colon is a word
    assert tree == F("title", T("title:" * 199 + "yalu")) and problems == []
    tree, problems = parse("NOT " * 400 + "yalu")
    assert tree == T("yalu") and problems == []


def test_depth_limit_keeps_grouping_below_it():
    query = "(" * (MAX_DEPTH - 1) + "a OR b" + ")" * (MAX_DEPTH - 1) + " c"
    assert parse(query) == (A(O(T("a"), T("b")), T("c")), [])


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab yŏ"()-+*~:.<>=/AND OR NOT title:date:year:lang:1957-12..')), max_size=60))
def test_never_raises_on_query_like_noise(text):
    tree, problems = parse(text)
    assert isinstance(describe(tree), str)
    assert all(isinstance(p, str) and p for p in problems)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_never_raises_on_any_text(text):
    tree, problems = parse(text)
    assert isinstance(describe(tree), str)


HELP = Path(__file__).resolve().parents[2] / "src" / "fonds" / "web" / "help" / "query-language.md"


def _help_examples() -> tuple[list[str], list[str]]:
    """The queries in the first column of the help page's tables: (read as written, read with a note)."""
    text = HELP.read_text()
    clean, noted = text.split("## When a query cannot be read as written", 1)

    def queries(part: str) -> list[str]:
        rows = [line.split("|")[1] for line in part.splitlines() if line.startswith("| `")]
        return [q for row in rows for q in re.findall(r"`([^`]+)`", row)]

    return queries(clean), queries(noted)


def test_the_help_page_examples_read_as_documented():
    clean, noted = _help_examples()
    assert len(clean) >= 50 and len(noted) >= 10
    for query in clean:
        tree, problems = parse(query)
        assert tree is not None and problems == [], (query, problems)
    for query in noted:
        assert parse(query)[1], query


def test_the_help_page_shows_what_was_understood_truthfully():
    text = HELP.read_text()
    query = '"withdrawal of the volunteers" title:telegram date:1957-12..1958-06 -Seoul'
    assert f"| `{query}` |" in text
    assert "*" + describe(parse(query)[0]) + "*" in " ".join(text.split())
