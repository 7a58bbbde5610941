"""Helpers shared by the romanisation modules: the match key, mark stripping, data loading.

Every module reads a name in its own scheme's letters (Pinyin keeps ü, McCune-Reischauer keeps ŏ ŭ,
scholarly Russian keeps č š ž), so :func:`letters` strips only the marks a scheme does not use.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, KeysView
from functools import cache
from importlib import resources

from fonds.core.names import fold

# A derived spelling and the rule that made it, e.g. ("Chou En-lai", "rule:wade-giles").
Spelling = tuple[str, str]

# Apostrophe-like characters that fonds.core.names.fold leaves alone: the Library of Congress
# soft and hard signs (ʹ ʺ) and the Arabic ʾ ʿ half rings.
_EXTRA_APOSTROPHES = "\u02b9\u02ba\u02be\u02bf"
_DROP_FROM_KEY = str.maketrans({c: None for c in "'- " + _EXTRA_APOSTROPHES})
# Every apostrophe look-alike becomes "'" and every dash "-" before a scheme reads a name.
_APOSTROPHES = "\u2019\u2018\u02bc\u02bb\u201b\u2032\u0060\u00b4" + _EXTRA_APOSTROPHES
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_PUNCT = str.maketrans({**{c: "'" for c in _APOSTROPHES}, **{c: "-" for c in _DASHES}})

# Combining marks by name, for the ``keep`` argument of :func:`letters`.
DIAERESIS, BREVE, CARON, CIRCUMFLEX, ACUTE, GRAVE, DOT_ABOVE = (
    "\u0308",
    "\u0306",
    "\u030c",
    "\u0302",
    "\u0301",
    "\u0300",
    "\u0307",
)


def match_key(name: str) -> str:
    """The key under which spellings of a name are compared (see :func:`fonds.core.variants.match_key`)."""
    return fold(name).translate(_DROP_FROM_KEY)


def letters(text: str, keep: str = "") -> str:
    """Lower-case ``text`` with plain apostrophes and hyphens, and no combining marks but those in ``keep``.

    >>> letters("P’yŏngyang", keep=BREVE)
    "p'yŏngyang"
    >>> letters("Zhōu Ēnlái Lǚ", keep=DIAERESIS)
    'zhou enlai lü'
    """
    text = " ".join(text.translate(_PUNCT).split()).lower()
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c) or c in keep)
    return unicodedata.normalize("NFC", kept)


def capitalize(word: str) -> str:
    """Upper-case the first letter of ``word`` (after any leading apostrophe) and leave the rest."""
    for i, c in enumerate(word):
        if c.isalpha():
            return word[:i] + c.upper() + word[i + 1 :]
    return word


def data_lines(filename: str) -> Iterator[list[str]]:
    """The tab-separated rows of a file in ``romanization/data``, without comments and header.

    The first non-comment line is a header and is skipped.
    """
    text = resources.files("fonds.core.romanization").joinpath("data", filename).read_text("utf-8")
    header_seen = False
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        yield line.split("\t")


@cache
def word_list(filename: str) -> frozenset[str]:
    """A one-column data file as a set of its lines (comments and header skipped)."""
    return frozenset(row[0].strip() for row in data_lines(filename))


def unique(spellings: Iterable[Spelling], exclude: Iterable[str] = ()) -> list[Spelling]:
    """Spellings in order, the first of each match key kept, none whose key is in ``exclude``."""
    seen = set(exclude)
    out: list[Spelling] = []
    for name, rule in spellings:
        key = match_key(name)
        if key and key not in seen:
            seen.add(key)
            out.append((name, rule))
    return out


def segment(
    chunk: str, syllables: frozenset[str] | set[str] | KeysView[str], *, max_len: int = 7
) -> list[list[str]]:
    """Ways to cut ``chunk`` into syllables of ``syllables``, fewest pieces first (at most 64).

    Ties keep the order in which longer first pieces come first, so "xian" gives [["xian"], ["xi", "an"]].
    """
    n = len(chunk)
    # viable[i]: chunk[i:] can be cut at all; walking only through viable positions keeps the
    # enumeration linear in its output, however long a chunk that cannot be cut.
    viable = [False] * n + [True]
    for i in range(n - 1, -1, -1):
        viable[i] = any(
            viable[end] and chunk[i:end] in syllables for end in range(i + 1, min(n, i + max_len) + 1)
        )
    results: list[list[str]] = []
    if not viable[0]:
        return results

    def walk(start: int, acc: list[str]) -> None:
        if len(results) >= _MAX_CUTS:
            return
        if start == n:
            results.append(list(acc))
            return
        for end in range(min(n, start + max_len), start, -1):
            piece = chunk[start:end]
            if viable[end] and piece in syllables:
                acc.append(piece)
                walk(end, acc)
                acc.pop()

    walk(0, [])
    results.sort(key=len)
    return results


_MAX_CUTS = 64
