"""Name order: "Khrushchev, Nikita" <-> "Nikita Khrushchev", and names that are surname-first already.

Catalogues invert Western names ("Lansing, Robert"); running text does not. Chinese, Korean and
Vietnamese names are written surname first in both ("Zhou Enlai", "Kim Il Sung", "Ngo Dinh Diem"),
so they are never inverted; a comma in them ("Kim, Il Sung") is only dropped.
"""

from __future__ import annotations

from fonds.core.romanization import chinese, korean
from fonds.core.romanization._common import letters

ORDER = "rule:order"

# Generational suffixes that stay at the end: "King, Martin Luther, Jr." <-> "Martin Luther King Jr.".
SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
# Lower-case particles that belong to the surname: "de Gaulle, Charles", "van Kleffens, Eelco".
PARTICLES = frozenset(
    {
        "de",
        "du",
        "des",
        "da",
        "di",
        "del",
        "della",
        "van",
        "von",
        "der",
        "den",
        "ter",
        "ten",
        "le",
        "la",
        "al",
        "el",
        "bin",
        "ibn",
        "dos",
        "das",
        "do",
    }
)
# Vietnamese surnames (the common ones cover most of the population); with short given-name words
# they mark a surname-first name.
VIETNAMESE_SURNAMES = frozenset(
    {
        "nguyen",
        "tran",
        "le",
        "pham",
        "hoang",
        "huynh",
        "phan",
        "vu",
        "vo",
        "dang",
        "bui",
        "do",
        "ho",
        "ngo",
        "duong",
        "ly",
        "trinh",
        "dinh",
        "lam",
        "mai",
        "truong",
        "ha",
        "luong",
        "doan",
        "cao",
        "ton",
    }
)


def surname_first(name: str) -> bool:
    """Whether a person's name (without comma) is written surname first: Chinese, Korean, Vietnamese."""
    words = name.split()
    if len(words) < 2:
        return False
    if chinese.is_person_name(name) or korean.is_person_name(name):
        return True
    plain = [letters(w).replace("-", "") for w in words]
    if plain[0] in VIETNAMESE_SURNAMES and all(len(w) <= 6 and w.isalpha() for w in plain):
        return True
    # A hyphenated given name after an East Asian surname (Chiang Kai-shek, Sun Yat-sen) even when
    # its syllables are Cantonese or otherwise not in the tables.
    return (
        len(words) == 2 and "-" in words[1] and (chinese.is_surname(words[0]) or korean.is_surname(words[0]))
    )


def uninverted(name: str) -> str | None:
    """The name in reading order if it is comma-inverted, else None.

    "Lansing, Robert" -> "Robert Lansing"; "King, Martin Luther, Jr." -> "Martin Luther King Jr.";
    "Kim, Il Sung" -> "Kim Il Sung" (surname-first names only lose the comma).
    """
    parts = [p.strip() for p in name.split(",")]
    if len(parts) == 3 and parts[2].lower() in SUFFIXES:
        surname, given, suffix = parts
    elif len(parts) == 2:
        (surname, given), suffix = parts, ""
    else:
        return None
    if not surname or not given:
        return None
    east_asian = f"{surname} {given}"
    if not suffix and surname_first(east_asian):
        return east_asian
    return " ".join(p for p in (given, surname, suffix) if p)


def inverted(name: str) -> str | None:
    """The catalogue form of a Western name in reading order, else None.

    "Robert Lansing" -> "Lansing, Robert"; "Charles de Gaulle" -> "de Gaulle, Charles".
    """
    if "," in name:
        return None
    words = name.split()
    suffix = ""
    if len(words) > 2 and words[-1].lower() in SUFFIXES:
        suffix = words.pop()
    if len(words) < 2 or surname_first(name):
        return None
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in PARTICLES:
        start -= 1
    surname, given = " ".join(words[start:]), " ".join(words[:start])
    return ", ".join(p for p in (surname, given, suffix) if p)


def reinvert(natural: str, template_words: int) -> str:
    """Put a respelled name back in catalogue form: its last word first ("Nikita Chruschtschow" ->
    "Chruschtschow, Nikita"). ``template_words`` is the word count of the reading-order name."""
    words = natural.split()
    if len(words) != template_words or len(words) < 2:
        return natural
    return f"{words[-1]}, {' '.join(words[:-1])}"
