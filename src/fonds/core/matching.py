"""Finding names in running text: a length-preserving fold and the spellings to look for.

Entity linking searches folded text for folded spellings with an Aho-Corasick automaton; the fold
keeps every character in place (one character in, one out), so a match's offsets are offsets in
the original text and its surface form can be read back from it.
"""

from __future__ import annotations

import re
import unicodedata

from fonds.core.names import normalize_space

# Apostrophes and dashes of every kind, and the characters a name may carry between its words.
_APOSTROPHES = "'’ʼ‘`´ʹʻ"
_DASHES = "-‐‑‒–—―"


def _fold_char(ch: str) -> str:
    if ch in _APOSTROPHES:
        return "'"
    if ch in _DASHES or ch.isspace():
        return " "
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)).lower()
    return base if len(base) == 1 else ch.lower() if len(ch.lower()) == 1 else ch


def _table() -> dict[int, str]:
    ranges = [(0x00, 0x250), (0x370, 0x530), (0x1E00, 0x1F00), (0x2000, 0x2070), (0x00A0, 0x00A1)]
    table = {}
    for lo, hi in ranges:
        for code in range(lo, hi):
            ch = chr(code)
            folded = _fold_char(ch)
            if folded != ch:
                table[code] = folded
    return table


# Built once: str.translate runs at C speed over a whole document.
FOLD_TABLE = _table()


def fold_text(text: str) -> str:
    """Lower-case, accents and breves removed, apostrophes as ', dashes and all spaces as ' ' —
    with exactly one output character per input character."""
    return text.translate(FOLD_TABLE)


def spelling_forms(spelling: str) -> set[str]:
    """The folded forms under which a spelling is looked for in folded text.

    "Kim Il-sung" is found as "kim il sung" and "kim ilsung"; "P'yŏngyang" also as "pyongyang";
    "Lansing, Robert" also as "robert lansing".
    """
    base = normalize_space(fold_text(spelling))
    forms = {base}
    if "," in base:
        family, _, given = base.partition(",")
        given, family = given.strip(), family.strip()
        suffix = ""
        for s in ("jr.", "sr.", "jr", "sr"):
            if given.endswith(" " + s) or given.endswith("," + s):
                given, suffix = given[: -len(s)].strip().rstrip(",").strip(), s
        if given and family and " " not in family:
            forms.add(f"{given} {family}")
            names = [n for n in given.split() if n]
            if len(names) >= 2:
                # "Rockhill, William Woodville" is printed "W. W. Rockhill" and "William W. Rockhill".
                initials = " ".join(n[0] + "." for n in names)
                forms.add(f"{initials} {family}")
                forms.add(f"{names[0]} {' '.join(n[0] + '.' for n in names[1:])} {family}")
            if suffix:
                reading = [f for f in forms if not f.startswith(family)]
                forms.update(f"{f}{sep}{suffix}" for f in reading for sep in (" ", ", "))
    for form in list(forms):
        forms.add(re.sub(r"\s+", " ", form.replace("'", "")).strip())
        # Initials are printed with and without their full stops: "P. H. Morgan", "P H MORGAN".
        if " " in form and re.search(r"\b\w\.", form):
            forms.add(re.sub(r"\s+", " ", re.sub(r"\b(\w)\.", r"\1", form)).strip())
        tokens = form.split(" ")
        # Romanised given names are written as one word or two: "Il Sung" / "Ilsung".
        if len(tokens) >= 3 and all(t.isalpha() and len(t) <= 5 for t in tokens[-2:]):
            forms.add(" ".join([*tokens[:-2], tokens[-2] + tokens[-1]]))
    return {f for f in forms if f}
