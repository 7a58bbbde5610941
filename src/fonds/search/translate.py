"""From the query language's tree (:mod:`fonds.search.qlang`) to a Tantivy query.

Text is analysed exactly as the index analyses it (the schema's ``fonds_en`` analyser: split on
non-alphanumerics, lower-case, fold to ASCII, Porter-stem), so "Hamgyŏng" meets "hamgyong" and
"meetings" meets "meet". Tantivy's term and phrase queries take terms as stored, which is why every
word passes through the analyser here rather than being handed over raw.

- An unscoped word searches the default fields with their boosts (title^3, summary^2, names^1.5,
  text, source^0.5), as a disjunction per word; a word the analyser splits ("Kim-Il-sung",
  "1957-12-20") becomes a phrase of its parts, as Tantivy's own parser does.
- ``person:`` and ``place:`` search ``names``. Two optional hooks bring in other spellings of names
  (OR-ed phrases, the typed one ranked first): ``expand_name`` for ``person:``/``place:`` values and
  unscoped quoted phrases, ``name_spans`` for names in runs of unscoped words.
- Facet scopes (type, repository, donor, collection) match a whole value or a run of whole words in
  it, ignoring case: ``type:memorandum`` finds "Memorandum of Conversation". ``lang:`` takes codes or
  language names (``lang:Russian`` = ``lang:ru``); ``id:`` is exact.
- ``date:`` keeps records whose span overlaps the range; ``year:`` matches the (start) year.
- Filters (facets, dates, years, ids) score a constant 1, so they narrow without reordering.

:func:`translate` never raises on a tree :func:`fonds.search.qlang.parse` produced.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Sequence

import tantivy

from fonds.core.languages import LanguageError, language_codes
from fonds.search import qlang
from fonds.search.original import original_clauses  # [original-language]
from fonds.search.qlang import And, DateRange, Field, Fuzzy, Node, Not, Or, Phrase, Prefix, Term, YearRange
from fonds.search.schema import DEFAULT_FIELDS, FIELD_BOOSTS, overlapping, text_analyzer

__all__ = ["CompiledQuery", "NameExpander", "NameSpans", "compile_query", "translate"]

# ``expand_name(scope, text)``: other spellings of a name, or None.
# - scope "person" or "place": ``text`` is what followed ``person:``/``place:`` (a word, or the
#   words of a phrase); each spelling is searched as a phrase in ``names``.
# - scope None: ``text`` is an unscoped quoted phrase of two or more words (slop 0); each spelling
#   is searched as a phrase in the default fields.
# The spellings are OR-ed with what was typed, which ranks first (boost 2). Returning ``text``
# itself among them is harmless (spellings the analyser makes identical are searched once).
NameExpander = Callable[[Any, str], "Sequence[str] | None"]

# ``name_spans(words)``: for a run of plain unscoped words ("Chou En-lai withdrawal" -> ["Chou",
# "En-lai", "withdrawal"]), the runs that spell a name: items with ``start``, ``end`` (exclusive)
# and ``spellings`` attributes, or (start, end, spellings) tuples. Each such run is searched as
# "any of these spellings" (phrases in the default fields, the typed one first) instead of as
# separate words. :meth:`fonds.search.names.NameLookup.spans` has this shape.
NameSpans = Callable[[list[str]], "Iterable[Any]"]

TEXT_SCOPE_FIELDS = {"title": "title", "text": "text", "source": "source", "summary": "summary"}
NAME_FIELD = "names"
FACET_FIELDS = {"type": "type", "repository": "repository", "donor": "donor", "collection": "collection"}

# Characters that separate words inside a facet value ("Memorandum of Conversation", "PRC FMA",
# "U.S. Department of State"). ASCII on purpose: a Unicode class (\W, \p{L}) blows Tantivy's
# 1,000-state limit for regex automata.
_VALUE_SEP = r"[ ,./()&;:'\-]"
_REGEX_META = set("\\.+*?()|[]{}^$#&-~")

Occur = tantivy.Occur


def _escape(text: str) -> str:
    """``text`` as a literal in Tantivy's (Rust) regex syntax."""
    return "".join("\\" + c if c in _REGEX_META else c for c in text)


def _fold_analyzer() -> tantivy.TextAnalyzer:
    """The index analyser without its stemmer: what a prefix is compared with before stemming.

    Mirrors :func:`fonds.search.schema.text_analyzer` (tests check the two agree).
    """
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(64))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .build()
    )


def _common_prefix(a: str, b: str) -> str:
    return os.path.commonprefix([a, b])


class _Translator:
    def __init__(self, schema: tantivy.Schema, expand_name: NameExpander | None, name_spans: NameSpans | None):
        self.schema = schema
        self.expand_name = expand_name
        self.name_spans = name_spans
        self.analyzer = text_analyzer()
        self.folder = _fold_analyzer()

    # -- helpers ---------------------------------------------------------------------------------
    def analyze(self, text: str) -> list[str]:
        return list(self.analyzer.analyze(text))

    @staticmethod
    def any_of(queries: list[tantivy.Query]) -> tantivy.Query | None:
        if not queries:
            return None
        if len(queries) == 1:
            return queries[0]
        return tantivy.Query.boolean_query([(Occur.Should, q) for q in queries])

    @staticmethod
    def all_of(queries: list[tantivy.Query]) -> tantivy.Query | None:
        if not queries:
            return None
        if len(queries) == 1:
            return queries[0]
        return tantivy.Query.boolean_query([(Occur.Must, q) for q in queries])

    @staticmethod
    def filter(query: tantivy.Query) -> tantivy.Query:
        return tantivy.Query.const_score_query(query, 1.0)

    def fields(self, scope: str | None) -> list[tuple[str, float]]:
        """The text fields a word is looked for in, with boosts (1.0 = none)."""
        if scope is None:
            return [(f, FIELD_BOOSTS.get(f, 1.0)) for f in DEFAULT_FIELDS]
        if scope in TEXT_SCOPE_FIELDS:
            return [(TEXT_SCOPE_FIELDS[scope], 1.0)]
        return [(NAME_FIELD, 1.0)]

    def per_field(self, scope: str | None, make: Callable[[str], tantivy.Query]) -> tantivy.Query:
        queries = []
        for name, boost in self.fields(scope):
            q = make(name)
            queries.append(q if boost == 1.0 else tantivy.Query.boost_query(q, boost))
        result = self.any_of(queries)
        assert result is not None  # there is always at least one field
        return result

    def tokens_query(self, field: str, tokens: list[str], slop: int = 0) -> tantivy.Query:
        if len(tokens) == 1:  # a one-term phrase panics in Tantivy
            return tantivy.Query.term_query(self.schema, field, tokens[0])
        return tantivy.Query.phrase_query(self.schema, field, tokens, slop)

    # -- leaves ----------------------------------------------------------------------------------
    def text(self, scope: str | None, text: str, slop: int = 0) -> tantivy.Query | None:
        if scope == "original":  # the original-language texts alone (transcripts)
            return self.any_of(original_clauses(text, self.schema, slop=slop))
        if scope in qlang.NAME_SCOPES:
            extra = self.expand_name(scope, text) if self.expand_name else None
            return self.spellings(scope, text, extra or [], slop)
        tokens = self.analyze(text)
        if not tokens:
            return self.or_original(scope, text, slop, None)  # [original-language] was: return None
        if scope is None and self.expand_name and len(tokens) > 1 and slop == 0 and " " in text.strip():
            extra = self.expand_name(None, text)
            if extra:
                return self.or_original(scope, text, slop, self.spellings(None, text, extra, 0))  # [original-language]
        query = self.per_field(scope, lambda f: self.tokens_query(f, tokens, slop))
        return self.or_original(scope, text, slop, query)  # [original-language] was: return that query

    # [original-language] begin: unscoped words also search the transcripts (fonds.search.original)
    def or_original(self, scope: str | None, text: str, slop: int, query: tantivy.Query | None) -> tantivy.Query | None:
        """``query`` OR ``text`` in the original-language fields, for an unscoped word or phrase."""
        extra = original_clauses(text, self.schema, slop=slop) if scope is None else []
        return self.any_of([q for q in (query, *extra) if q is not None])

    # [original-language] end

    def spellings(self, scope: str | None, typed: str, others: Sequence[str], slop: int) -> tantivy.Query | None:
        """Any of the spellings, each as a phrase in the scope's fields; the typed one ranks first."""
        seen: set[tuple[str, ...]] = set()
        queries = []
        for i, spelling in enumerate([typed, *others]):
            tokens = self.analyze(spelling)
            if not tokens or tuple(tokens) in seen:
                continue
            seen.add(tuple(tokens))
            q = self.per_field(scope, lambda f, t=tokens, s=(slop if i == 0 else 0): self.tokens_query(f, t, s))
            queries.append(q)
        if len(queries) > 1:
            queries[0] = tantivy.Query.boost_query(queries[0], 2.0)
        return self.any_of(queries)

    def word_run(self, terms: list[Term]) -> list[tantivy.Query]:
        """Queries for consecutive unscoped words, names among them searched in every spelling."""
        words = [t.word for t in terms]
        spans: list[tuple[int, int, Sequence[str]]] = []
        if self.name_spans is not None:
            for span in self.name_spans(words) or ():
                start, end, spellings = (
                    (span.start, span.end, span.spellings) if hasattr(span, "start") else tuple(span)
                )
                spans.append((int(start), int(end), list(spellings)))
        out: list[tantivy.Query] = []
        i = 0
        for start, end, spellings in sorted(spans, key=lambda s: s[0]):
            if start < i or not start < end <= len(words) or not spellings:
                continue  # overlapping or out of range: leave those words as words
            out += [q for w in words[i:start] if (q := self.text(None, w)) is not None]
            q = self.spellings(None, " ".join(words[start:end]), spellings, 0)
            if q is not None:
                out.append(q)
            i = end
        out += [q for w in words[i:] if (q := self.text(None, w)) is not None]
        return out

    def prefix(self, scope: str | None, stem: str) -> tantivy.Query | None:
        folded, stemmed = self.folder.analyze(stem), self.analyze(stem)
        if not folded or len(folded) != len(stemmed):
            return self.text(scope, stem)
        if len(folded) == 1:
            # The index holds stems: "volunteer*" must reach "volunt" (from "volunteers") as well as
            # "volunteering"; "happy*" must reach "happi". So: terms starting with either form.
            forms = sorted({folded[0], stemmed[0]})
            pattern = "(?:" + "|".join(_escape(f) for f in forms) + ").*"
            return self.per_field(scope, lambda f: self.regex(f, [pattern, _escape(stemmed[0]) + ".*"], stemmed[0]))
        words = [*stemmed[:-1], _common_prefix(folded[-1], stemmed[-1]) or folded[-1]]
        return self.per_field(scope, lambda f: tantivy.Query.phrase_prefix_query(self.schema, f, words))

    def fuzzy(self, scope: str | None, word: str, distance: int) -> tantivy.Query | None:
        tokens = self.analyze(word)
        if not tokens:
            return None
        distance = max(0, min(distance, qlang.MAX_FUZZY))
        per_token = [
            self.per_field(
                scope, lambda f, t=t: tantivy.Query.fuzzy_term_query(self.schema, f, t, distance, True, False)
            )
            for t in tokens
        ]
        return self.all_of(per_token)

    def regex(self, field: str, patterns: list[str], fallback: str) -> tantivy.Query:
        """The first of ``patterns`` Tantivy can compile (very long ones exceed its automaton limit),
        else the exact term ``fallback``."""
        for pattern in patterns:
            try:
                return tantivy.Query.regex_query(self.schema, field, pattern)
            except ValueError:
                continue
        return tantivy.Query.term_query(self.schema, field, fallback)

    def facet(self, scope: str, value: str, prefix: bool = False) -> tantivy.Query | None:
        value = " ".join(value.split())
        if not value:
            return None
        if scope == "id":
            if prefix:
                return self.filter(self.regex("id", [_escape(value) + ".*"], value))
            return self.filter(tantivy.Query.term_query(self.schema, "id", value))
        if scope == "lang":
            if prefix:
                return self.filter(self.regex("lang", ["(?i)" + _escape(value) + ".*"], value))
            codes = [value.lower()]
            try:
                codes += [c for c in language_codes(value) if c not in codes]
            except LanguageError:
                pass
            return self.filter(tantivy.Query.term_set_query(self.schema, "lang", codes))
        words = r"\s+".join(_escape(w) for w in value.split())
        tail = ".*" if prefix else f"(?:{_VALUE_SEP}.*)?"
        patterns = [f"(?i)(?:.*{_VALUE_SEP})?{words}{tail}", f"(?i){words}{'.*' if prefix else ''}"]
        return self.filter(self.regex(FACET_FIELDS[scope], patterns, value))

    def date_range(self, node: DateRange) -> tantivy.Query:
        return self.filter(overlapping(self.schema, node.lo, node.hi) or tantivy.Query.all_query())

    def year_range(self, node: YearRange) -> tantivy.Query:
        if node.lo is not None and node.lo == node.hi:
            return self.filter(tantivy.Query.term_query(self.schema, "year", node.lo))
        if node.lo is None and node.hi is None:
            return tantivy.Query.all_query()
        return self.filter(
            tantivy.Query.range_query(self.schema, "year", tantivy.FieldType.Integer, node.lo, node.hi)
        )

    # -- the tree --------------------------------------------------------------------------------
    def query(self, node: Node, scope: str | None) -> tantivy.Query | None:
        """The query for ``node`` searched in ``scope`` (None: the default fields); None when the
        node can match nothing the index holds and should be left out of its parent."""
        if isinstance(node, Field):
            return self.query(node.node, node.scope)
        if isinstance(node, DateRange):
            return self.date_range(node)
        if isinstance(node, YearRange):
            return self.year_range(node)
        if isinstance(node, And):
            return self.conjunction(node.items, scope)
        if isinstance(node, Or):
            return self.any_of([q for n in node.items if (q := self.standalone(n, scope)) is not None])
        if isinstance(node, Not):
            return self.standalone(node, scope)
        facet = scope in qlang.FACET_SCOPES
        if isinstance(node, Term) and scope is None and self.name_spans is not None:
            return self.all_of(self.word_run([node]))
        if isinstance(node, Term):
            return self.facet(scope, node.word) if facet else self.text(scope, node.word)  # type: ignore[arg-type]
        if isinstance(node, Phrase):
            text = " ".join(node.words)
            return self.facet(scope, text) if facet else self.text(scope, text, node.slop)  # type: ignore[arg-type]
        if isinstance(node, Prefix):
            return self.facet(scope, node.stem, prefix=True) if facet else self.prefix(scope, node.stem)  # type: ignore[arg-type]
        if isinstance(node, Fuzzy):
            return self.facet(scope, node.word) if facet else self.fuzzy(scope, node.word, node.distance)  # type: ignore[arg-type]
        return None

    def standalone(self, node: Node, scope: str | None) -> tantivy.Query | None:
        """``node`` as a query on its own; a NOT on its own means every record but those."""
        if isinstance(node, Not):
            inner = self.query(node.node, scope)
            if inner is None:
                return None
            return tantivy.Query.boolean_query([(Occur.Must, tantivy.Query.all_query()), (Occur.MustNot, inner)])
        return self.query(node, scope)

    def conjunction(self, items: tuple[Node, ...], scope: str | None) -> tantivy.Query | None:
        must: list[tantivy.Query] = []
        must_not: list[tantivy.Query] = []
        run: list[Term] = []  # consecutive unscoped words, looked at together for names
        for item in (*items, None):
            if isinstance(item, Term) and scope is None and self.name_spans is not None:
                run.append(item)
                continue
            if run:
                must += self.word_run(run)
                run = []
            if item is None:
                break
            if isinstance(item, Not):
                q = self.query(item.node, scope)
                if q is not None:
                    must_not.append(q)
            elif (q := self.query(item, scope)) is not None:
                must.append(q)
        if not must and not must_not:
            return None
        if not must_not and len(must) == 1:
            return must[0]
        if not must:  # only exclusions: everything but them
            must.append(tantivy.Query.all_query())
        return tantivy.Query.boolean_query(
            [(Occur.Must, q) for q in must] + [(Occur.MustNot, q) for q in must_not]
        )


def translate(
    node: Node | None,
    schema: tantivy.Schema,
    *,
    expand_name: NameExpander | None = None,
    name_spans: NameSpans | None = None,
) -> tantivy.Query:
    """The Tantivy query for a tree from :func:`fonds.search.qlang.parse`.

    ``None`` (nothing searchable typed) and trees of words the index cannot hold give the all-query;
    combine with ``kind:record`` to leave the index's metadata document out. ``expand_name`` adds
    variant spellings for ``person:``/``place:`` values and unscoped quoted phrases (see
    :data:`NameExpander`); ``name_spans`` finds names in runs of unscoped words (see :data:`NameSpans`).
    """
    if node is None:
        return tantivy.Query.all_query()
    query = _Translator(schema, expand_name, name_spans).standalone(node, None)
    return query if query is not None else tantivy.Query.all_query()


@dataclass
class CompiledQuery:
    query: tantivy.Query  # the words and in-query filters (combine with kind:record and facet filters)
    problems: list[str]  # hints for the user: what was read differently from how it was written
    understood: str  # what was understood, in plain words
    tree: Node | None


def compile_query(
    text: str,
    schema: tantivy.Schema,
    *,
    expand_name: NameExpander | None = None,
    name_spans: NameSpans | None = None,
) -> CompiledQuery:
    """Parse, describe and translate a query string in one call. Never raises on user input."""
    whole = _whole_name(text, schema, expand_name)
    if whole is not None:
        return whole
    tree, problems = qlang.parse(text)
    query = translate(tree, schema, expand_name=expand_name, name_spans=name_spans)
    return CompiledQuery(query, problems, qlang.describe(tree), tree)


_NAME_SPAN_WORDS = 6  # the longest run of plain words name_spans looks at (names.MAX_WORDS)
_SCOPED = re.compile(r"(?:^|\s)[-+]?\w+:")


def _whole_name(text: str, schema: tantivy.Schema, expand_name: NameExpander | None) -> CompiledQuery | None:
    """A whole unquoted query that is a recorded spelling of a name, searched as that name.

    Only where the query language would otherwise split the name: parentheses are grouping to it
    ("Briz(z)ola, Leonel", "Wilson, Charles (Charlie)") and a run of plain words is looked up as
    a name only up to six words ("Saud bin Faisal bin Abdul Aziz, Prince"). Quoted and scoped
    queries are left to the query language. None when the query is not such a name."""
    typed = " ".join(text.split())
    if expand_name is None or '"' in typed or _SCOPED.search(typed) or len(typed.split()) < 2:
        return None
    if not ("(" in typed or ")" in typed or len(typed.split()) > _NAME_SPAN_WORDS):
        return None
    spellings = expand_name(None, typed)
    if not spellings:
        return None
    query = _Translator(schema, expand_name, None).spellings(None, typed, spellings, 0)
    if query is None:
        return None
    tree = qlang.Phrase(tuple(typed.split()))
    return CompiledQuery(query, [], qlang.describe(tree), tree)
