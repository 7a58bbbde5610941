"""Russian names: from any Latin spelling back to Cyrillic, then out to every transliteration scheme.

Translations write one Russian name many ways: BGN/PCGN "Khrushchev" (ë written e) or "Khrushchov"
(ё as yo, o after ж ч ш щ), Library of Congress "Khrushchëv", "Andreĭ", scholarly "Chruščev" or
"Hruščev", German "Chruschtschow", French "Khrouchtchev". A name is first read back to Cyrillic
by :func:`to_cyrillic` (a rule table per spelling family, cheapest reading wins), then written by
:func:`transliterate` in each scheme of :data:`SCHEMES`.

Reading English words as Russian is easy ("Ambassador" is Амбассадор), so a name is taken as
Russian only when it looks Russian: a surname ending (-ov, -ev, -sky, -enko, -ovich...) or щ, or
two weaker signs (-in, -ko, ы between consonants, ж, х, ё) in the name; and a name that the
Chinese or Korean rules read is not read as Russian.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from fonds.core.romanization._common import (
    ACUTE,
    BREVE,
    CARON,
    DIAERESIS,
    DOT_ABOVE,
    GRAVE,
    Spelling,
    letters,
    match_key,
)

BGN_PCGN, ALA_LC, ENGLISH = "rule:bgn-pcgn", "rule:ala-lc", "rule:english"
GERMAN, FRENCH, SCHOLARLY = "rule:german", "rule:french", "rule:scholarly"

VOWELS = set("аеёиоуыэюя")
HUSHERS = set("жчшщ")
SIGNS = set("ьъ")


@dataclass(frozen=True)
class Scheme:
    """A Cyrillic -> Latin transliteration as data.

    ``letters`` is the default for each letter; the other tables override it in a context, checked
    in this order: ``endings`` (the word ends in this Cyrillic), ``iotated`` (at the start of a word
    or after a vowel, ь, ъ or й), ``after_husher``, ``after_vowel``, ``before_vowel``,
    ``between_vowels``, ``before_front`` (before е ё и й ы).
    """

    rule: str
    letters: dict[str, str]
    endings: dict[str, str] = field(default_factory=dict)
    iotated: dict[str, str] = field(default_factory=dict)
    after_husher: dict[str, str] = field(default_factory=dict)
    after_vowel: dict[str, str] = field(default_factory=dict)
    before_vowel: dict[str, str] = field(default_factory=dict)
    between_vowels: dict[str, str] = field(default_factory=dict)
    before_front: dict[str, str] = field(default_factory=dict)


def _table(cyrillic: str, latin: str) -> dict[str, str]:
    """A letter table from two space-separated rows ("-" for nothing)."""
    c, lat = cyrillic.split(), latin.split()
    assert len(c) == len(lat), (c, lat)
    return {k: ("" if v == "-" else v) for k, v in zip(c, lat, strict=True)}


_CYR = "а б в г д е ё ж з и й к л м н о п р с т у ф х ц ч ш щ ъ ы ь э ю я"
# BGN/PCGN (1947), as printed without its ë and ʼ: Khrushchev, Vyacheslav, Andrey, Yevgeniy.
BGN = Scheme(
    BGN_PCGN,
    _table(_CYR, "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya"),
    iotated={"е": "ye", "ё": "ye"},
)
# The same with ё written yo (o after ж ч ш щ), as the press writes it: Khrushchov, Semyonov.
BGN_YO = Scheme(
    BGN_PCGN,
    _table(_CYR, "a b v g d e yo zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya"),
    iotated={"е": "ye", "ё": "yo"},
    after_husher={"ё": "o"},
)
# Library of Congress (ALA-LC), as catalogues print it without the tie bars: Andreĭ, Viacheslav.
LC = Scheme(
    ALA_LC,
    _table(_CYR, "a b v g d e ë zh z i ĭ k l m n o p r s t u f kh ts ch sh shch - y - ė iu ia"),
)
# English-language press and Wikipedia, in its two habits for й: Andrey, Georgy, Dmitry, Beria,
# Ilyich, Fyodor (й as y) and Andrei, Georgi, Dmitri, Nikolai (й as i).
POPULAR = Scheme(
    ENGLISH,
    _table(_CYR, "a b v g d e yo zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya"),
    endings={"ий": "y", "ый": "y", "ия": "ia"},
    iotated={"е": "ye", "ё": "yo"},
    after_husher={"ё": "o"},
    before_vowel={"ь": "y"},
)
POPULAR_I = replace(POPULAR, letters={**POPULAR.letters, "й": "i"}, endings={**POPULAR.endings, "ий": "i"})
# German (Duden): Chruschtschow, Breschnew, Sergejewitsch, Jelzin, Kossygin, Iljitsch.
DUDEN = Scheme(
    GERMAN,
    _table(_CYR, "a b w g d e jo sch s i i k l m n o p r s t u f ch z tsch sch schtsch - y - e ju ja"),
    endings={"ий": "i", "ый": "y"},
    iotated={"е": "je", "ё": "jo"},
    after_husher={"ё": "o"},
    before_vowel={"ь": "j", "й": "j"},
    between_vowels={"с": "ss"},
)
# French: Khrouchtchev, Gorbatchev, Staline, Kossyguine, Andreï, Mikoïan, Ilitch.
FRANCAIS = Scheme(
    FRENCH,
    _table(_CYR, "a b v g d e io j z i ï k l m n o p r s t ou f kh ts tch ch chtch - y - e iou ia"),
    endings={"ий": "i", "ый": "y", "ин": "ine", "ын": "yne"},
    after_husher={"ё": "e"},
    after_vowel={"и": "ï", "я": "ïa", "ю": "ïou", "ё": "ïo"},
    between_vowels={"с": "ss"},
    before_front={"г": "gu"},
)
# Scholarly (ISO/R 9:1968, the Slavists' system): Chruščëv, Andrej, Vjačeslav.
SCIENTIFIC = Scheme(
    SCHOLARLY,
    _table(_CYR, "a b v g d e ë ž z i j k l m n o p r s t u f ch c č š šč - y - è ju ja"),
)
# The same with х as h, as ISO 9 and the South Slavic and Czech-derived usage write it: Hruščev.
SCIENTIFIC_H = replace(SCIENTIFIC, letters={**SCIENTIFIC.letters, "х": "h"})
SCHEMES: tuple[Scheme, ...] = (BGN, BGN_YO, POPULAR, POPULAR_I, LC, SCIENTIFIC, SCIENTIFIC_H, DUDEN, FRANCAIS)


def transliterate(word: str, scheme: Scheme) -> str:
    """One lower-case Cyrillic word in a scheme: ``transliterate("хрущёв", DUDEN) == "chruschtschow"``."""
    out: list[str] = []
    i = 0
    n = len(word)
    while i < n:
        ending = next((e for e in scheme.endings if word.endswith(e) and i == n - len(e)), None)
        if ending is not None and i > 0:
            out.append(scheme.endings[ending])
            break
        ch = word[i]
        prev = word[i - 1] if i else ""
        nxt = word[i + 1] if i + 1 < n else ""
        if ch in scheme.iotated and (not prev or prev in VOWELS or prev in SIGNS or prev == "й"):
            out.append(scheme.iotated[ch])
        elif ch in scheme.after_husher and prev in HUSHERS:
            out.append(scheme.after_husher[ch])
        elif ch in scheme.after_vowel and prev in VOWELS:
            out.append(scheme.after_vowel[ch])
        elif ch in scheme.before_vowel and nxt in VOWELS:
            out.append(scheme.before_vowel[ch])
        elif ch in scheme.between_vowels and prev in VOWELS and nxt in VOWELS:
            out.append(scheme.between_vowels[ch])
        elif ch in scheme.before_front and nxt in "еёийы" and nxt:
            out.append(scheme.before_front[ch])
        else:
            out.append(scheme.letters.get(ch, ch))
        i += 1
    return "".join(out)


# --- reading back to Cyrillic --------------------------------------------------------------------
# A spelling family's reading rules: Latin grapheme -> [(Cyrillic, cost, context)], where context is
# "" (anywhere), "start" (word-initial or after a vowel/sign), "cons" (after a consonant), "vowel"
# (after a vowel), "end" (at the end of the word), "mid" (not at the end), "husher" (after ж ч ш щ);
# "a+b" needs both.
Rules = dict[str, list[tuple[str, int, str]]]

_COMMON: Rules = {
    "a": [("а", 0, "")], "b": [("б", 0, "")], "d": [("д", 0, "")], "f": [("ф", 0, "")],
    "g": [("г", 0, "")], "k": [("к", 0, "")], "l": [("л", 0, "")], "m": [("м", 0, "")],
    "n": [("н", 0, "")], "o": [("о", 0, ""), ("ё", 1, "husher")], "p": [("п", 0, "")],
    "r": [("р", 0, "")], "t": [("т", 0, "")], "x": [("кс", 0, "")],
}  # fmt: skip
_ENGLISH: Rules = {
    **_COMMON,
    "v": [("в", 0, "")], "z": [("з", 0, "")], "s": [("с", 0, "")], "u": [("у", 0, "")],
    "shch": [("щ", 0, "")], "sch": [("щ", 1, "")], "kh": [("х", 0, ""), ("кх", 2, "")],
    "zh": [("ж", 0, "")], "ch": [("ч", 0, "")], "sh": [("ш", 0, "")],
    "ts": [("ц", 0, ""), ("тс", 1, "")], "ya": [("я", 0, ""), ("ья", 1, "cons")],
    "ia": [("я", 0, "mid"), ("ия", 0, "end"), ("иа", 2, "")], "yu": [("ю", 0, ""), ("ью", 1, "cons")],
    "iu": [("ю", 0, ""), ("иу", 2, "")], "yo": [("ё", 0, ""), ("ьё", 1, "cons"), ("йо", 2, "")],
    "ye": [("е", 0, "start"), ("ье", 1, "cons"), ("ые", 3, "")], "ë": [("ё", 0, "")], "yë": [("ё", 0, "")],
    "e": [("е", 0, ""), ("э", 1, "start"), ("э", 3, "")], "ė": [("э", 0, "")],
    "i": [("и", 0, ""), ("й", 1, "vowel"), ("ий", 0, "cons+end")], "ĭ": [("й", 0, "")],
    "iy": [("ий", 0, "end")], "iia": [("ия", 0, "end")], "shvili": [("швили", 0, "end")],
    "y": [("ы", 0, "cons"), ("й", 0, "vowel"), ("ий", 0, "end"), ("ь", 1, "cons"), ("й", 2, "start")],
    "yy": [("ый", 0, "end")], "'": [("ь", 0, ""), ("ъ", 1, "")], "ff": [("в", 0, "end"), ("фф", 1, "")],
    # Older English habits: Kuznetzov, Koniev, Vyshinski.
    "tz": [("ц", 0, "")], "ie": [("е", 1, "cons"), ("ье", 1, "cons")], "ski": [("ский", 0, "end")],
    "tski": [("цкий", 0, "end")],
}  # fmt: skip
_GERMAN: Rules = {
    **_COMMON,
    "w": [("в", 0, "")], "v": [("в", 2, "")], "u": [("у", 0, "")], "schtsch": [("щ", 0, "")],
    "tsch": [("ч", 0, "")], "sch": [("ш", 0, ""), ("ж", 1, "")], "ch": [("х", 0, "")],
    "z": [("ц", 0, "")], "s": [("с", 0, ""), ("з", 1, "")], "ss": [("с", 0, "vowel"), ("сс", 1, "")],
    "j": [("й", 0, ""), ("ь", 1, "cons")], "ja": [("я", 0, ""), ("ья", 1, "cons")],
    "ju": [("ю", 0, ""), ("ью", 1, "cons")],
    "jo": [("ё", 0, ""), ("ьё", 1, "cons")], "je": [("е", 0, "start"), ("ье", 1, "cons")],
    "e": [("е", 0, ""), ("э", 1, "start"), ("э", 3, "")], "y": [("ы", 0, ""), ("ый", 0, "cons+end")],
    "i": [("и", 0, ""), ("й", 0, "vowel"), ("ий", 0, "cons+end")], "ij": [("ий", 1, "end")],
    "schwili": [("швили", 0, "end")],
    "ski": [("ский", 0, "end")], "zki": [("цкий", 0, "end")],
}  # fmt: skip
_FRENCH: Rules = {
    **_COMMON,
    "v": [("в", 0, "")], "z": [("з", 0, "")], "s": [("с", 0, ""), ("з", 1, "")], "ss": [("с", 0, "vowel")],
    "chtch": [("щ", 0, "")], "tch": [("ч", 0, "")], "ch": [("ш", 0, "")], "kh": [("х", 0, "")],
    "j": [("ж", 0, "")], "ou": [("у", 0, "")], "iou": [("ю", 0, "")], "ïou": [("ю", 0, "vowel")],
    "ia": [("я", 0, "mid"), ("ия", 0, "end")], "ïa": [("я", 0, "vowel")],
    "io": [("ё", 0, ""), ("ио", 1, "")],
    "gu": [("г", 0, "")], "ts": [("ц", 0, ""), ("тс", 1, "")], "ine": [("ин", 0, "end")],
    "yne": [("ын", 0, "end")], "chvili": [("швили", 0, "end")], "e": [("е", 0, ""), ("э", 1, "start")],
    "é": [("е", 0, "")], "è": [("е", 0, "")], "ï": [("и", 0, "vowel"), ("й", 0, "vowel")],
    "i": [("и", 0, ""), ("ий", 0, "cons+end")],
    "y": [("ы", 0, "cons"), ("й", 1, "")], "ski": [("ский", 0, "end")], "tski": [("цкий", 0, "end")],
}  # fmt: skip
_SCHOLARLY: Rules = {
    **_COMMON,
    "v": [("в", 0, "")], "z": [("з", 0, "")], "s": [("с", 0, "")], "u": [("у", 0, "")],
    "šč": [("щ", 0, "")], "č": [("ч", 0, "")], "š": [("ш", 0, "")], "ž": [("ж", 0, "")],
    "c": [("ц", 0, "")], "ch": [("х", 0, "")], "h": [("х", 1, "")], "j": [("й", 0, "")],
    "ja": [("я", 0, "")], "ju": [("ю", 0, "")], "jo": [("ё", 0, "")], "je": [("е", 1, "")],
    "ë": [("ё", 0, "")], "e": [("е", 0, ""), ("э", 1, "start")], "è": [("э", 0, "")], "ė": [("э", 0, "")],
    "y": [("ы", 0, "")], "i": [("и", 0, "")], "'": [("ь", 0, ""), ("ъ", 1, "")],
}  # fmt: skip
FAMILIES: dict[str, Rules] = {
    "english": _ENGLISH,
    "german": _GERMAN,
    "french": _FRENCH,
    "scholarly": _SCHOLARLY,
}
# Spellings that only one family writes (see :func:`to_cyrillic`).
FAMILY_MARKS: dict[str, re.Pattern[str]] = {
    "german": re.compile(r"w|sch|j[aeiou]|[aeiouy]ss[aeiouy]|tz"),
    "french": re.compile(r"ou|tch|ï|é|è|gu[eiy]|[^aeiouy]ine$|yne$|j(?=[bdgklmnprstvz])"),
    "scholarly": re.compile(r"[čšžèė]|j(?![bdgklmnprstvz])|c(?!h)"),
}
# The schemes whose spellings each family reads.
FAMILY_SCHEMES: dict[str, tuple[Scheme, ...]] = {
    "english": (BGN, BGN_YO, POPULAR, POPULAR_I, LC),
    "german": (DUDEN,),
    "french": (FRANCAIS,),
    "scholarly": (SCIENTIFIC, SCIENTIFIC_H),
}
_MAX_GRAPHEME = 7
_KEEP_MARKS = CARON + DIAERESIS + BREVE + DOT_ABOVE + GRAVE + ACUTE


def to_cyrillic(word: str) -> list[tuple[str, int, str]]:
    """Cyrillic readings of one Latin word as (cyrillic, cost, family), best first.

    Each spelling family (English, German, French, scholarly) proposes its cheapest reading; the
    cheapest wins, then the one its family's schemes spell back to the word, then the more
    Russian-looking (Kossyguine is Косыгин, not Коссыгуине). A German "sch" or "ss" also gives its
    other reading (Breschnew: Брешнев, Брежнев); a surname in -chev is read -чёв and one in -chov
    also gives -чёв second (Хрущёв is printed both Khrushchev and Khrushchov). At most two readings.
    """
    text = letters(word, keep=_KEEP_MARKS)
    key = match_key(text)
    marked = {family for family, mark in FAMILY_MARKS.items() if mark.search(text)}
    ranked = []
    for order, (family, rules) in enumerate(FAMILIES.items()):
        best = _best_reading(text, rules)
        if best is None:
            continue
        cyrillic, cost, steps = best
        # A family's own spellings are its evidence: German without w/sch/ja, French without
        # ou/tch/gu, scholarly without č/j/c cost one more; English costs one more beside them.
        cost += (family not in marked) if family != "english" else bool(marked)
        consistent = any(match_key(transliterate(cyrillic, s)) == key for s in FAMILY_SCHEMES[family])
        strong, weak = russian_signals([cyrillic], letters=False)
        ranked.append(((cost, not consistent, -strong, -weak, order), cyrillic, cost, family, steps))
    if not ranked:
        return []
    ranked.sort()
    _, cyrillic, cost, family, steps = ranked[0]
    readings = [(cyrillic, cost, family)]
    alternate = _alternate(steps, family)
    if alternate is not None:
        readings.append((alternate, cost + 1, family))
    suffix = _YO_SUFFIX.search(cyrillic)
    if suffix:
        yo = _YO_SUFFIX.sub("ё", cyrillic)
        if cyrillic[suffix.start()] == "о":
            readings.append((yo, cost + 1, family))
        else:  # every scheme that writes ё as e spells Хрущёв as it was read
            readings[0] = (yo, cost, family)
    return readings[:2]


# A surname suffix -ев/-ов after ж ч ш щ that is usually -ёв (Хрущёв, Горбачёв, Пугачёв).
_YO_SUFFIX = re.compile(r"(?<=[жчшщ])[ео](?=ва?$)")


def _best_reading(text: str, rules: Rules) -> tuple[str, int, tuple[tuple[str, str], ...]] | None:
    """The cheapest Cyrillic for ``text`` under one family's rules (dynamic programming), with the
    (grapheme, Cyrillic) steps that made it."""
    n = len(text)
    # best[i][last] = (cost, cyrillic, steps) for text[:i] ending in Cyrillic letter ``last``.
    best: list[dict[str, tuple[int, str, tuple[tuple[str, str], ...]]]] = [{} for _ in range(n + 1)]
    best[0][""] = (0, "", ())
    for i in range(n):
        if not best[i]:
            continue
        for length in range(min(_MAX_GRAPHEME, n - i), 0, -1):
            grapheme = text[i : i + length]
            options = rules.get(grapheme)
            if not options:
                continue
            at_end = i + length == n
            for last, (cost, cyr, steps) in best[i].items():
                for out, extra, context in options:
                    if not _context_ok(context, last, at_end):
                        continue
                    total = cost + extra + _implausible(last, out, at_end)
                    slot = best[i + length]
                    key = out[-1]
                    held = slot.get(key)
                    # Fewer Cyrillic letters break ties (щ rather than ш+ч for "schtsch").
                    if held is None or (total, len(cyr) + len(out)) < (held[0], len(held[1])):
                        slot[key] = (total, cyr + out, (*steps, (grapheme, out)))
    if not best[n]:
        return None
    cost, cyrillic, steps = min(best[n].values(), key=lambda c: (c[0], len(c[1]), c[1]))
    return cyrillic, cost, steps


def _alternate(steps: tuple[tuple[str, str], ...], family: str) -> str | None:
    """The reading with the first truly ambiguous grapheme read the other way (German "sch" is ш
    or ж: Breschnew is Брежнев), or None."""
    swaps = AMBIGUOUS.get(family, {})
    for k, (grapheme, out) in enumerate(steps):
        pair = swaps.get(grapheme)
        if pair and out in pair:
            other = pair[1] if out == pair[0] else pair[0]
            return "".join(o for _, o in steps[:k]) + other + "".join(o for _, o in steps[k + 1 :])
    return None


# Graphemes whose two readings are both common in names; the other one is written out too.
AMBIGUOUS: dict[str, dict[str, tuple[str, str]]] = {
    "german": {"sch": ("ш", "ж"), "ss": ("с", "сс")},
    "french": {"ch": ("ш", "щ")},
}


_RARE_PAIRS = {
    ("о", "у"): 1, ("т", "х"): 1, ("к", "х"): 1, ("т", "ч"): 1, ("и", "а"): 1, ("и", "у"): 1,
    ("с", "ч"): 1, ("ц", "ш"): 2, ("с", "ш"): 2, ("ц", "ч"): 2, ("с", "с"): 1, ("т", "з"): 1,
}  # fmt: skip


def _implausible(last: str, out: str, at_end: bool) -> int:
    """A cost for letter sequences Russian spelling avoids: ы next to a vowel, a word ending in -еи."""
    first = out[0]
    cost = 0
    if (last == "ы" and first in VOWELS) or (first == "ы" and (last in VOWELS or not last)):
        cost += 2
    if (
        at_end
        and out[-1] == "и"
        and ((len(out) > 1 and out[-2] in VOWELS) or (len(out) == 1 and last in VOWELS))
    ):
        cost += 2
    # Names end in -ий far more often than in -и after a consonant (Georgi, Dmitri, Wyschinski).
    if at_end and (out == "ы" or (out == "и" and last and last not in VOWELS)):
        cost += 1
    if first == "й" and last and (last not in VOWELS or (last == "ы" and not at_end)):
        cost += 2
    # Pairs that Russian words hardly have but another family's letters explain: French ou (у) and
    # tch (ч), English kh (х), ia (я), sch (щ), German tsch (ч).
    if (last, first) in _RARE_PAIRS:
        cost += _RARE_PAIRS[(last, first)]
    if at_end and last == "ф" and out == "ф":
        cost += 1
    return cost


def _context_ok(context: str, last: str, at_end: bool) -> bool:
    if "+" in context:
        return all(_context_ok(c, last, at_end) for c in context.split("+"))
    if not context:
        return True
    if context == "mid":
        return not at_end
    if context == "start":
        return not last or last in VOWELS or last in SIGNS or last == "й"
    if context == "cons":
        return bool(last) and last not in VOWELS and last not in SIGNS
    if context == "vowel":
        return last in VOWELS
    if context == "end":
        return at_end
    if context == "husher":
        return last in HUSHERS
    raise ValueError(context)


# --- is it Russian? ------------------------------------------------------------------------------
# Surname and patronymic endings that mark a word as Russian by themselves (at four letters or more).
STRONG_ENDINGS = (
    "ов", "ев", "ёв", "ова", "ева", "ёва", "ский", "ская", "цкий", "цкая", "ской", "ович", "евич",
    "овна", "евна", "ична", "енко", "чук", "ых", "швили", "дзе", "ёнок",
)  # fmt: skip
# Endings and letters that are Russian-looking but common in other languages too (Martin, Sheikh).
WEAK_ENDINGS = ("ин", "ын", "ко", "ич", "ук", "юк", "ец", "ай", "ей", "ий", "ый")
_WEAK_LETTERS = re.compile(r"[жхёч]|(?<=[^аеёиоуыэюя])[яю]|(?<=[^аеёиоуыэюяьъй])ы(?=[^аеёиоуыэюя])")


def russian_signals(words: list[str], *, letters: bool = True) -> tuple[int, int]:
    """(strong, weak) counts of Russian-looking features in Cyrillic words (``letters``: count
    the weak letters too, each kind once a word, not only the endings)."""
    strong = weak = 0
    for w in words:
        if (
            (len(w) >= 4 and w.endswith(STRONG_ENDINGS))
            or (len(w) >= 6 and w.endswith(("ян", "янц")))  # Mikoyan, but not Ryan
            or "щ" in w
        ):
            strong += 1
        elif len(w) >= 4 and w.endswith(WEAK_ENDINGS):
            weak += 1
        if letters:
            weak += len({m.group(0) for m in _WEAK_LETTERS.finditer(w[1:])})
    return strong, weak


def looks_russian(words: list[str]) -> bool:
    """Whether Cyrillic readings of a name's words look like a Russian name."""
    strong, weak = russian_signals(words)
    return strong >= 1 or weak >= 2


# --- the scheme's spellings ----------------------------------------------------------------------
_INITIALS = re.compile(r"^(?:[A-Za-z]{1,3}\.)+$")  # "N.", "N.S.", "Ya."


def variants(name: str, kind: str) -> list[Spelling]:
    """Spellings of a Russian name in every scheme (persons and places; organisations are translated)."""
    if kind == "organisation":
        return []
    words = name.split()
    if not words:
        return []
    readings: list[list[str] | None] = []  # None for an initial, kept as written
    for w in words:
        if _INITIALS.match(w):
            readings.append(None)
            continue
        if not w.replace("-", "").replace("'", "").replace("’", "").isalpha():
            return []
        parts = [to_cyrillic(p) for p in w.split("-")]
        if any(not p for p in parts):
            return []
        primary = "-".join(p[0][0] for p in parts)
        alternates = ["-".join((p[1] if len(p) > 1 else p[0])[0] for p in parts)]
        readings.append(list(dict.fromkeys([primary, *alternates])))
    full = [r for r in readings if r is not None]
    if not full or not looks_russian([r[0].replace("-", "") for r in full]):
        return []
    # The best reading of every word, then each word's second reading alone, then all of them.
    primary: list[str | None] = [r[0] if r else None for r in readings]
    names: list[list[str | None]] = [primary]
    for k, r in enumerate(readings):
        if r and len(r) > 1:
            names.append([*primary[:k], r[1], *primary[k + 1 :]])
    names.append([r[-1] if r else None for r in readings])
    names = [list(n) for n in dict.fromkeys(tuple(n) for n in names)]
    out: list[Spelling] = []
    for cyrillic in names:
        for scheme in SCHEMES:
            spelled = [
                original if cyr is None else _cased(_transliterate_hyphenated(cyr, scheme), original)
                for cyr, original in zip(cyrillic, words, strict=True)
            ]
            out.append((" ".join(spelled), scheme.rule))
    return out


def _transliterate_hyphenated(cyrillic: str, scheme: Scheme) -> str:
    return "-".join(transliterate(part, scheme) for part in cyrillic.split("-"))


def _cased(latin: str, original: str) -> str:
    """Latin text with the case pattern of the word it came from (capitalised or all upper case)."""
    if original.isupper() and len(original) > 1:
        return latin.upper()
    parts = latin.split("-")
    originals = original.split("-")
    out = []
    for k, part in enumerate(parts):
        src = originals[k] if k < len(originals) else originals[-1]
        out.append(part[:1].upper() + part[1:] if src[:1].isupper() else part)
    return "-".join(out)
