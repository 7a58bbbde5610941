"""Text analysis for the original-language texts: which analyser a transcript gets, and why.

A record's English translation is indexed by the schema's ``fonds_en`` analyser. Its transcripts
(the original-language text) and its non-English translations go to one of three fields, chosen by
the text's language code or, when that is missing, by its script:

- ``orig_ru`` (analyser ``fonds_ru``): Russian and other Cyrillic-script text. Split on
  non-alphanumerics, lower-case, Snowball Russian stemmer, so "переговоры", "переговорах" and
  "переговорами" are one term. The stemmer also reads "ё" as "е" ("Ёлка" and "елка" meet).
- ``orig_cjk`` (analyser ``fonds_cjk``): Chinese, Japanese and Korean. These scripts do not put
  spaces between words (and Korean glues particles to its words: 회담에서), so the text is indexed
  as overlapping character *bigrams* within each run of CJK characters ("中华人民" -> 中华 华人 人民),
  and a query of three or more characters is a *phrase* of its bigrams: it matches the characters
  in that order and adjacent, never the same characters scattered. A run of one character is
  indexed as that character. Why bigrams and not single characters (phrases of unigrams would
  match exactly the same documents): a bigram's postings are far shorter than a character's
  (的, 国, 사), so phrases intersect fewer documents and BM25 weighs informative pairs rather than
  common characters; this is the classic CJK scheme (Lucene's CJKBigramFilter, Elasticsearch's
  ``cjk`` analyser). Tantivy's own ``ngram`` tokenizer cannot do it: it puts every n-gram at
  position 0 (no phrase can match) and runs across spaces, punctuation and Latin text. So the
  bigrams are made here and handed to Tantivy as pre-tokenised text with proper positions (a gap
  between runs, so a phrase never spans a comma); the registered ``fonds_cjk`` analyser (n-grams
  of 1-2 characters) is used only to find the matched characters again when a snippet is drawn.
- ``orig_other`` (analyser ``fonds_other``): every other language (German, French, Hungarian,
  Polish, Spanish...). Lower-case and ASCII-folded ("Gorbačov" = "gorbacov"), not stemmed. A query
  word's language is unknown, so a per-language stemmer would mean either a field per language
  (every Latin word of every query fanned out to all of them) or stemming each query word with
  every stemmer (cross-language stem collisions, and Polish, Czech or Serbo-Croatian have no
  Snowball stemmer in Tantivy anyway). Exact words, folded, are predictable; ``word*`` covers
  inflection where needed.

English transcripts (a document written in English) go to ``orig_other`` too; English
*translations* are not indexed here (the first is the record's text; others would duplicate it).

This module has no Django in it; :func:`register_all` must run on every opened index (Tantivy
refuses to write an index whose schema names an analyser it does not know).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

import tantivy

from fonds.core.record import RecordData, Transcript
from fonds.ingest.html_clean import to_text

__all__ = [
    "CJK_ANALYZER",
    "ORIGINAL_FIELDS",
    "OTHER_ANALYZER",
    "RU_ANALYZER",
    "cjk_analyzer",
    "cjk_runs",
    "cjk_tokens",
    "fields_for",
    "group_for",
    "other_analyzer",
    "register_all",
    "ru_analyzer",
    "script_counts",
    "script_of",
]

RU_ANALYZER = "fonds_ru"
CJK_ANALYZER = "fonds_cjk"
OTHER_ANALYZER = "fonds_other"

# Analysis groups -> index field, and field -> analyser name (the schema declares these fields).
FIELD_OF_GROUP = {"ru": "orig_ru", "cjk": "orig_cjk", "other": "orig_other"}
ORIGINAL_FIELDS = {"orig_ru": RU_ANALYZER, "orig_cjk": CJK_ANALYZER, "orig_other": OTHER_ANALYZER}

# Longest term kept, in UTF-8 bytes: Cyrillic letters take two (48 letters is beyond any word);
# other languages keep fonds_en's limit, so a Latin word is dropped by both or by neither.
MAX_TERM_BYTES = 96
MAX_OTHER_TERM_BYTES = 64

# -- scripts ---------------------------------------------------------------------------------------

_HAN = "\u3005-\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HANGUL = "\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7a3\ud7b0-\ud7ff\uffa0-\uffdc"
_KANA = "\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f"
_CYRILLIC = "\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f"

# Runs rather than single characters: counting the lengths of a few hundred matches is several
# times faster than building a list of every character.
_SCRIPT_RES = {
    "cyrillic": re.compile(f"[{_CYRILLIC}]+"),
    "han": re.compile(f"[{_HAN}]+"),
    "hangul": re.compile(f"[{_HANGUL}]+"),
    "kana": re.compile(f"[{_KANA}]+"),
    "latin": re.compile("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]+"),
}
_CJK_RUN = re.compile(f"[{_HAN}{_HANGUL}{_KANA}]+")
_LETTER = re.compile(r"[^\W\d_]+")  # letters, of any script

GROUP_OF_SCRIPT = {"cyrillic": "ru", "han": "cjk", "hangul": "cjk", "kana": "cjk", "latin": "other", "other": "other"}

# ISO 639-1/-2/-3 codes whose texts are written in a known group's script. Languages written in
# more than one script (Serbian, Mongolian, Azerbaijani, Uzbek...) are left to script detection.
_CODE_GROUPS = {
    **dict.fromkeys(
        ("ru", "rus", "uk", "ukr", "be", "bel", "bg", "bul", "mk", "mkd", "mac", "kk", "kaz", "ky",
         "kir", "tg", "tgk", "tt", "tat", "ba", "bak", "cv", "chv", "os", "oss", "ab", "abk", "ce", "che"),
        "ru",
    ),
    **dict.fromkeys(
        ("zh", "zho", "chi", "cmn", "yue", "lzh", "wuu", "hak", "nan", "ja", "jpn", "ko", "kor"),
        "cjk",
    ),
}  # fmt: skip
_AMBIGUOUS_CODES = frozenset({"sr", "srp", "sh", "hbs", "mn", "mon", "khk", "az", "aze", "uz", "uzb", "tk", "tuk"})

# A language label is trusted when at least this share of the text's letters are in its group's
# script; below it the text is mislabelled (an English transcript tagged "ru") and its script wins.
LABEL_MIN_SHARE = 0.2
# Letters read to tell a text's scripts (a long text is sampled at its start, middle and end).
SAMPLE_CHARS = 6000
# Another group gets the text too (a Russian report quoting a Chinese telegram at length) when at
# least this share of its letters are in that group's script.
SECOND_GROUP_MIN_SHARE = 0.2


def script_counts(text: str) -> Counter[str]:
    """Letters of ``text`` by script: "cyrillic", "han", "hangul", "kana", "latin" (A-Z with
    diacritics) and "other" (Greek, Arabic, Hebrew...). Digits and punctuation are not counted.
    A text longer than :data:`SAMPLE_CHARS` is counted on a sample of that many characters."""
    if len(text) > SAMPLE_CHARS:
        # Three windows (start, middle, end) tell the script as well as the whole, at a fraction
        # of the cost on long texts.
        third, mid = SAMPLE_CHARS // 3, len(text) // 2
        text = text[:third] + text[mid - third // 2 : mid + third // 2] + text[-third:]
    counts: Counter[str] = Counter()
    letters = sum(map(len, _LETTER.findall(text)))
    for script, pattern in _SCRIPT_RES.items():
        n = sum(map(len, pattern.findall(text)))
        if n:
            counts[script] = n
    # Whatever letters are left are in other alphabets (Greek, Arabic, Hebrew, Georgian...).
    rest = letters - sum(counts.values())
    if rest > 0:
        counts["other"] = rest
    return counts


def script_of(text: str) -> str | None:
    """The script most of ``text``'s letters are written in (see :func:`script_counts`), or None
    when it has no letters. Japanese, whose kanji usually outnumber its kana, reads as "kana" as
    soon as a tenth of its CJK characters are kana; Korean with Hanja reads as "hangul" likewise."""
    counts = script_counts(text)
    if not counts:
        return None
    best, n = counts.most_common(1)[0]
    cjk = counts["han"] + counts["hangul"] + counts["kana"]
    if cjk < n:
        return best
    for script in ("kana", "hangul"):  # kana marks Japanese, Hangul Korean, even among many Han
        if counts[script] and counts[script] * 10 >= cjk:
            return script
    return "han" if counts["han"] else max(("hangul", "kana"), key=lambda s: counts[s])


def _group_shares(text: str) -> dict[str, float]:
    counts = script_counts(text)
    total = sum(counts.values())
    shares: dict[str, float] = {}
    if total:
        for script, n in counts.items():
            group = GROUP_OF_SCRIPT[script]
            shares[group] = shares.get(group, 0.0) + n / total
    return shares


def _primary_code(code: str | None) -> str | None:
    if not code:
        return None
    return re.split(r"[-_]", code.strip().lower(), maxsplit=1)[0] or None


def group_for(code: str | None, text: str) -> list[str]:
    """The analysis groups ("ru", "cjk", "other") a text of language ``code`` is indexed in.

    The first is the text's own: its language code's group when the code is known and the text
    bears it out, else its dominant script's. Any other group holding a large share of the
    letters is added, so a long quotation in another script is findable too. Empty when the text
    has no letters and no code.
    """
    shares = _group_shares(text)
    primary = _primary_code(code)
    by_code = None if primary in _AMBIGUOUS_CODES else _CODE_GROUPS.get(primary or "", "other" if primary else None)
    if by_code is not None and (not shares or shares.get(by_code, 0.0) >= LABEL_MIN_SHARE):
        first = by_code
    else:
        script = script_of(text)
        if script is None:
            return []
        first = GROUP_OF_SCRIPT[script]
    groups = [first]
    for group, share in sorted(shares.items(), key=lambda kv: -kv[1]):
        if group not in groups and share >= SECOND_GROUP_MIN_SHARE:
            groups.append(group)
    return groups


# -- analysers -------------------------------------------------------------------------------------


def ru_analyzer() -> tantivy.TextAnalyzer:
    """Cyrillic text: split on non-alphanumerics, lower-case, Snowball Russian stemmer (ё = е)."""
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(MAX_TERM_BYTES))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.stemmer("russian"))
        .build()
    )


def other_analyzer() -> tantivy.TextAnalyzer:
    """Other languages: split on non-alphanumerics, lower-case, fold to ASCII; no stemming."""
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(MAX_OTHER_TERM_BYTES))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .build()
    )


def cjk_analyzer() -> tantivy.TextAnalyzer:
    """What ``fonds_cjk`` registers: 1-2 character n-grams, used to re-find matched characters
    for snippets (documents are indexed from :func:`cjk_tokens`, queries built from
    :func:`cjk_runs`; neither goes through this)."""
    return tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.ngram(1, 2, False)).filter(tantivy.Filter.lowercase()).build()


def register_all(index: tantivy.Index) -> None:
    """Register every analyser the schema names (``fonds_en`` and the original-language ones)."""
    from fonds.search.schema import TEXT_ANALYZER, text_analyzer  # schema imports this module

    index.register_tokenizer(TEXT_ANALYZER, text_analyzer())
    index.register_tokenizer(RU_ANALYZER, ru_analyzer())
    index.register_tokenizer(CJK_ANALYZER, cjk_analyzer())
    index.register_tokenizer(OTHER_ANALYZER, other_analyzer())


# -- CJK bigrams -----------------------------------------------------------------------------------


def cjk_runs(text: str) -> list[str]:
    """The runs of consecutive Han, kana and Hangul characters in ``text``, in order."""
    return _CJK_RUN.findall(text)


def run_terms(run: str) -> list[str]:
    """The terms a run of CJK characters is indexed as: its bigrams, or itself when one character."""
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def cjk_tokens(text: str) -> tantivy.PreTokenizedString:
    """``text`` as Tantivy tokens: the bigrams of each CJK run at consecutive positions, with one
    position left empty between runs (a phrase cannot span punctuation, spaces or Latin words).
    Everything outside CJK runs is not indexed in this field."""
    tokens: list[tantivy.Token] = []
    position = 0
    token = tantivy.Token
    for m in _CJK_RUN.finditer(text):
        run, start = m.group(), m.start()
        n = len(run)
        if n == 1:
            tokens.append(token(run, position, start, start + 1))
        else:  # inlined run_terms: this loop is most of the cost of indexing CJK text
            tokens.extend([token(run[i : i + 2], position + i, start + i, start + i + 2) for i in range(n - 1)])
        position += max(n - 1, 1) + 1
    return tantivy.PreTokenizedString(text, tokens)


# -- records ---------------------------------------------------------------------------------------


def _original_texts(record: RecordData) -> Iterator[tuple[Transcript, str]]:
    for transcript in record.transcripts:
        if transcript.kind != "transcript" and _primary_code(transcript.language) == "en":
            continue  # English translations: the record's text, or a duplicate of it
        text = to_text(transcript.html)
        if text.strip():
            yield transcript, text


def fields_for(record: RecordData) -> list[tuple[str, str | tantivy.PreTokenizedString]]:
    """The original-language field values of ``record``'s index document: ``(field, value)``
    pairs, the value plain text (analysed by the field's analyser) or, for ``orig_cjk``, text
    with its bigram tokens. Every value is stored, for snippets."""
    values: list[tuple[str, str | tantivy.PreTokenizedString]] = []
    for transcript, text in _original_texts(record):
        for group in group_for(transcript.language, text):
            field = FIELD_OF_GROUP[group]
            values.append((field, cjk_tokens(text) if group == "cjk" else text))
    return values
