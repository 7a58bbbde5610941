"""Chinese names: Hanyu Pinyin <-> Wade-Giles, syllable by syllable.

The table ``data/pinyin_wade_giles.tsv`` pairs every Pinyin syllable with its Wade-Giles spelling
(and spellings seen in print, such as "Teh" for *de*). A name is converted only when every syllable
of it is a syllable of the scheme it is read in, and, for a person, when its first word is a Chinese
surname (``data/chinese_surnames.tsv``); so "Robert Lansing" and "Kim Il Sung" give nothing here.

Wade-Giles written without its aspiration apostrophes ("Teng Hsiao-ping" for Teng Hsiao-p'ing) is
ambiguous: "ping" is *bing* by the letter and *ping* with the apostrophe lost. Each lost apostrophe
or umlaut costs one, readings up to two above the cheapest are kept, and in a name that writes some
apostrophes a missing one costs three (so it is not read).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cache

from fonds.core.romanization._common import (
    DIAERESIS,
    Spelling,
    capitalize,
    data_lines,
    letters,
    segment,
    word_list,
)

WADE_GILES, PINYIN = "rule:wade-giles", "rule:pinyin"

# Pinyin readings of one Wade-Giles name that are kept: the cheapest, and those that cost at most
# READING_SPREAD more (two lost apostrophes: "Chi Peng-fei" may be Qi Pengfei), at most MAX_READINGS.
MAX_READINGS = 6
READING_SPREAD = 2
# No name read here has more syllables than this (Chinese place names have two or three); longer
# text is not a name, and its readings would multiply.
MAX_SYLLABLES = 6
# A person's given name has one or two syllables (three-syllable given names are rare enough that
# allowing them lets Western names through).
MAX_GIVEN_SYLLABLES = 2
# Spellings that only Chinese romanisation writes; a place or organisation name is read as Chinese
# only if one of its syllables has one (so "Cuba", "Sudan" and "China" stay as they are).
_PLACE_MARKS = ("ng", "ai", "ao", "ei", "ou", "ia", "ie", "iu", "ui", "uo", "ua", "ue", "ü")
_PINYIN_INITIALS = ("x", "q", "zh", "j")
_WADE_GILES_MARKS = ("'", "ih", "ieh", "ien", "yen", "erh")
_WADE_GILES_INITIALS = ("hs", "ts", "tz")
_VOWELS = "aeo"
# Wade-Giles syllables printed in a second spelling often enough to be written out as a variant too.
PRINTED_ALSO = {"te": "teh", "t'e": "t'eh"}


@dataclass(frozen=True)
class _Tables:
    to_wade_giles: dict[str, str]
    pinyin: frozenset[str]
    # A Wade-Giles spelling as written (lower case, apostrophes, ü) -> [(pinyin, cost)].
    from_wade_giles: dict[str, list[tuple[str, int]]]
    surnames: frozenset[str]


@cache
def tables() -> _Tables:
    """The syllable table, loaded once."""
    to_wg: dict[str, str] = {}
    from_wg: dict[str, dict[str, int]] = {}

    def add(spelling: str, pinyin: str, cost: int) -> None:
        costs = from_wg.setdefault(spelling, {})
        costs[pinyin] = min(cost, costs.get(pinyin, cost))

    for row in data_lines("pinyin_wade_giles.tsv"):
        pinyin, wg = row[0], row[1]
        alternates = [a for a in (row[2].split(",") if len(row) > 2 else []) if a]
        to_wg[pinyin] = wg
        for spelling, cost in [(wg, 0)] + [(a, 1) for a in alternates]:
            add(spelling, pinyin, cost)
            # The marks that typists drop: the aspiration apostrophe and the umlaut.
            bare = spelling.replace("'", "")
            if bare != spelling:
                add(bare, pinyin, cost + 1)
            if "ü" in spelling:
                add(spelling.replace("ü", "u"), pinyin, cost + 1)
                if bare != spelling:
                    add(bare.replace("ü", "u"), pinyin, cost + 2)
    return _Tables(
        to_wade_giles=to_wg,
        pinyin=frozenset(to_wg),
        from_wade_giles={s: sorted(c.items(), key=lambda x: (x[1], x[0])) for s, c in from_wg.items()},
        surnames=word_list("chinese_surnames.tsv"),
    )


def pinyin_to_wade_giles(syllable: str) -> str:
    """The Wade-Giles spelling of one Pinyin syllable ("xiao" -> "hsiao"); KeyError if not Pinyin."""
    return tables().to_wade_giles[syllable]


def wade_giles_to_pinyin(syllable: str) -> list[tuple[str, int]]:
    """The Pinyin readings of one Wade-Giles syllable with their costs, cheapest first ([] if none)."""
    return tables().from_wade_giles.get(syllable, [])


def variants(name: str, kind: str) -> list[Spelling]:
    """Wade-Giles spellings of a Pinyin name and Pinyin spellings of a Wade-Giles name."""
    out: list[Spelling] = []
    words = letters(name, keep=DIAERESIS).split()
    if not words or not all(w.replace("-", "").replace("'", "").isalpha() for w in words):
        return out
    pinyin_words = _read_pinyin(words)
    if pinyin_words and _plausible(pinyin_words, kind, pinyin_words):
        out.extend((s, WADE_GILES) for s in _write_wade_giles(pinyin_words, kind))
    for reading in _read_wade_giles(words):
        if _plausible(reading, kind, _wg_words(words)):
            out.append((_write_pinyin(reading, kind), PINYIN))
    return out


def is_person_name(name: str) -> bool:
    """Whether ``name`` reads as a Chinese person's name in Pinyin or Wade-Giles (surname first)."""
    words = letters(name, keep=DIAERESIS).split()
    if len(words) < 2 or not all(w.replace("-", "").replace("'", "").isalpha() for w in words):
        return False
    pinyin_words = _read_pinyin(words)
    if pinyin_words and _plausible(pinyin_words, "person", pinyin_words):
        return True
    return any(_plausible(r, "person", _wg_words(words)) for r in _read_wade_giles(words))


def is_surname(word: str) -> bool:
    """Whether one word is a Chinese surname in Pinyin or Wade-Giles ("Zhou", "Chou", "Chiang")."""
    text = letters(word, keep=DIAERESIS)
    if text in tables().surnames:
        return True
    return any(p in tables().surnames for p, _ in wade_giles_to_pinyin(text))


# --- reading ------------------------------------------------------------------------------------


def _read_pinyin(words: list[str]) -> list[list[str]] | None:
    """The syllables of each word read as Pinyin, or None if some part is not Pinyin."""
    syllables = tables().pinyin
    out: list[list[str]] = []
    for word in words:
        word_syllables: list[str] = []
        for chunk in word.replace("-", "'").split("'"):
            if not chunk:
                continue
            chunk = chunk.replace("lv", "lü").replace("nv", "nü")
            cuts = [c for c in segment(chunk, syllables) if not any(s[0] in _VOWELS for s in c[1:])]
            if not cuts:
                return None
            word_syllables.extend(cuts[0])
        out.append(word_syllables)
    if sum(len(w) for w in out) > MAX_SYLLABLES:
        return None
    return out


def _wg_words(words: list[str]) -> list[list[str]] | None:
    """The Wade-Giles syllables of each word as written, or None if some part is not Wade-Giles."""
    spellings = tables().from_wade_giles
    out: list[list[str]] = []
    for word in words:
        word_syllables: list[str] = []
        for chunk in word.split("-"):
            if not chunk:
                continue
            cuts = [c for c in segment(chunk, spellings.keys()) if not any(s[0] in _VOWELS for s in c[1:])]
            if not cuts:
                return None
            word_syllables.extend(cuts[0])
        out.append(word_syllables)
    return out


def _read_wade_giles(words: list[str]) -> list[list[list[str]]]:
    """Pinyin readings of a Wade-Giles name (each a list of words of syllables), cheapest first."""
    written = _wg_words(words)
    if written is None:
        return []
    flat = [s for w in written for s in w]
    if len(flat) > MAX_SYLLABLES:
        return []
    # A writer who uses apostrophes at all has not lost them elsewhere.
    careful = any("'" in s for s in flat)
    options = []
    for spelling in flat:
        readings = wade_giles_to_pinyin(spelling)
        if careful:
            readings = [(p, c + (2 if "'" not in spelling and c else 0)) for p, c in readings]
        options.append(readings)
    combos = [(sum(c for _, c in choice), [p for p, _ in choice]) for choice in itertools.product(*options)]
    if not combos:
        return []
    best = min(c for c, _ in combos)
    combos = [c for c in combos if c[0] <= best + READING_SPREAD]
    combos.sort(key=lambda c: c[0])  # stable: the table's order breaks ties
    readings: list[list[list[str]]] = []
    for _, syllables in combos[:MAX_READINGS]:
        it = iter(syllables)
        readings.append([[next(it) for _ in w] for w in written])
    return readings


def _plausible(words: list[list[str]], kind: str, written: list[list[str]] | None) -> bool:
    """Whether syllables read from a name make a Chinese name of this kind. ``written`` is the
    syllables as written: ``words`` itself for a Pinyin reading, the Wade-Giles syllables otherwise."""
    if written is None:
        return False
    if kind == "person":
        surname = words[0]
        given = [s for w in words[1:] for s in w]
        return (
            "".join(surname) in tables().surnames
            and len(words) >= 2
            and 1 <= len(given) <= MAX_GIVEN_SYLLABLES
        )
    flat = [s for w in written for s in w]
    pinyin = written is words
    marks = _PLACE_MARKS if pinyin else _PLACE_MARKS + _WADE_GILES_MARKS
    initials = _PINYIN_INITIALS if pinyin else _WADE_GILES_INITIALS
    return len(flat) >= 2 and any(any(m in s for m in marks) or s.startswith(initials) for s in flat)


# --- writing ------------------------------------------------------------------------------------


def _write_wade_giles(words: list[list[str]], kind: str) -> list[str]:
    """The Wade-Giles spelling of Pinyin syllables, and the "-eh" form when a syllable ends in ê."""
    wg = [[pinyin_to_wade_giles(s) for s in w] for w in _grouped(words, kind)]
    out = [" ".join(capitalize("-".join(w)) for w in wg)]
    # Tê is printed "Teh" as often as "Te" (Chu Teh, P'eng Teh-huai); the other ê syllables keep "e".
    eh = [[PRINTED_ALSO.get(s, s) for s in w] for w in wg]
    if eh != wg:
        out.append(" ".join(capitalize("-".join(w)) for w in eh))
    return out


def _write_pinyin(words: list[list[str]], kind: str) -> str:
    """Pinyin syllables written as words, with an apostrophe before a vowel inside a word (Xi'an)."""
    out = []
    for w in _grouped(words, kind):
        text = w[0] + "".join("'" + s if s[0] in _VOWELS else s for s in w[1:])
        out.append(capitalize(text))
    return " ".join(out)


def _grouped(words: list[list[str]], kind: str) -> list[list[str]]:
    """A person's name as [surname, given name]; other names keep their words."""
    if kind == "person":
        return [words[0], [s for w in words[1:] for s in w]]
    return words
