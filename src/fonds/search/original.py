"""Query side of original-language search: which original-language fields a typed word searches.

The query translation calls :func:`original_clauses` for every unscoped word or quoted phrase and
ORs the result with that word's query over the default (English) fields. The word's script picks
the field, analysed exactly as :mod:`fonds.search.analysis` indexed it:

- Cyrillic -> ``orig_ru``, Russian-stemmed ("переговорах" finds "переговоры");
- Han, kana, Hangul -> ``orig_cjk``: the phrase of its bigrams (the characters adjacent and in
  order; runs split by punctuation or spaces in that order, with a separator or nothing between
  them); one character alone as any bigram holding it (found, but not highlighted in snippets: the
  index holds no single characters, only bigrams);
- anything else (Latin letters, digits) -> ``orig_other``, lower-cased and ASCII-folded.

Latin words never reach ``orig_cjk`` (which holds only CJK bigrams) and CJK runs never reach the
stemmed fields, so no word can match through n-grams of another script.
"""

from __future__ import annotations

import re

import tantivy

from fonds.search.analysis import GROUP_OF_SCRIPT, cjk_runs, other_analyzer, ru_analyzer, run_terms, script_of

__all__ = ["ORIGINAL_BOOST", "original_clauses"]

# Relative to the default fields' boosts (title 3, summary 2, names 1.5, text 1, source 0.5): a
# match in the original text weighs like one in the translation's text.
ORIGINAL_BOOST = 1.0

# Built per query, as translate.py builds its own: a TextAnalyzer is not shared between threads.
_ANALYZERS = {"orig_ru": ru_analyzer, "orig_other": other_analyzer}


def _terms_query(schema: tantivy.Schema, field: str, terms: list[str], slop: int) -> tantivy.Query:
    if len(terms) == 1:  # a one-term phrase panics in Tantivy
        return tantivy.Query.term_query(schema, field, terms[0])
    return tantivy.Query.phrase_query(schema, field, terms, slop)


def _cjk_query(schema: tantivy.Schema, text: str, slop: int) -> tantivy.Query | None:
    """The CJK runs of ``text`` as one phrase of their bigrams, positioned as
    :func:`fonds.search.analysis.cjk_tokens` indexes them (one empty position between runs), so
    "中华，人民" or a quoted "소련 대사와" finds those runs in that order with a separator or
    nothing between them (the cross-run bigram takes the empty position), never other characters."""
    runs = cjk_runs(text)
    if len(runs) == 1 and len(runs[0]) == 1:
        # One character: where it stands alone (a one-character run is indexed as itself), or
        # inside any bigram. Snippets cannot highlight it through the regex; see the module doc.
        char = re.escape(runs[0])
        return tantivy.Query.boolean_query(
            [
                (tantivy.Occur.Should, tantivy.Query.term_query(schema, "orig_cjk", runs[0])),
                (tantivy.Occur.Should, tantivy.Query.regex_query(schema, "orig_cjk", f"(?:{char}.|.{char})")),
            ]
        )
    words: list[tuple[int, str]] = []
    position = 0
    for run in runs:
        terms = run_terms(run)
        words += [(position + i, term) for i, term in enumerate(terms)]
        position += len(terms) + 1
    if not words:
        return None
    if len(words) == 1:  # a one-term phrase panics in Tantivy
        return tantivy.Query.term_query(schema, "orig_cjk", words[0][1])
    return tantivy.Query.phrase_query(schema, "orig_cjk", words, slop)  # type: ignore[arg-type]


def original_clauses(
    text: str, schema: tantivy.Schema, index: tantivy.Index | None = None, *, slop: int = 0
) -> list[tantivy.Query]:
    """Queries for ``text`` (a word, or the words of a quoted phrase, as typed) in the
    original-language fields; OR them with the word's default-field query. Empty when the text
    holds nothing those fields index.

    A text whose letters are mostly CJK gives a phrase of the bigrams of its CJK runs in
    ``orig_cjk`` (other characters in it are left out); a Cyrillic one a term or phrase in
    ``orig_ru``; any other a term or phrase in ``orig_other``. ``slop`` is a quoted phrase's.
    ``index`` is not needed (the analysers are built here, identical to those registered on the
    index) and may be None.
    """
    script = script_of(text)
    group = GROUP_OF_SCRIPT[script] if script else "other"  # digits only: numbers, as in other texts
    if group == "cjk":
        query = _cjk_query(schema, text, slop)
        return [_boosted(query)] if query is not None else []
    field = "orig_ru" if group == "ru" else "orig_other"
    terms = list(_ANALYZERS[field]().analyze(text))
    if not terms:
        return []
    return [_boosted(_terms_query(schema, field, terms, slop))]


def _boosted(query: tantivy.Query) -> tantivy.Query:
    return query if ORIGINAL_BOOST == 1.0 else tantivy.Query.boost_query(query, ORIGINAL_BOOST)
