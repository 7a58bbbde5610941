"""Names as published: whitespace, folding for comparison, and splitting name lists.

Archive pages write names with no-break spaces, curly apostrophes, en dashes and romanisation
marks (Ŏ, ŭ) that researchers never type. :func:`fold` reduces a name to a comparison key so that
every spelling meets; :func:`normalize_space` only tidies whitespace and keeps the text as written;
:func:`split_names` turns a "Donors" line into a list of names.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "normalize_space", "split_names"]

# Apostrophe look-alikes used in romanised names (Kim Ch'ŏl, Ol'ga, Hawaiʻi) and in typography.
_APOSTROPHES = "\u2019\u2018\u02bc\u02bb\u201b\u2032\u0060\u00b4"
# Hyphen and dash look-alikes; U+2011 must be mapped before NFKD, which would turn it into U+2010.
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_FOLD_TABLE = str.maketrans(
    {
        **{c: "'" for c in _APOSTROPHES},
        **{c: "-" for c in _DASHES},
        # Letters that NFKD does not decompose but that searchers type without the stroke.
        "ł": "l",
        "Ł": "l",
        "ø": "o",
        "Ø": "o",
        "đ": "d",
        "Đ": "d",
        "ı": "i",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
    }
)

# " and " that joins the last two items of a list; matched case-insensitively.
_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
_LEADING_AND = re.compile(r"^and\s+", re.IGNORECASE)

# Organisation names that contain " and " themselves. Splitting on the last " and " already
# keeps "John D. and Catherine T. MacArthur Foundation and X" right; these are the names that
# would still be cut when they come last or alone.
KEEP_WHOLE: tuple[str, ...] = (
    "John D. and Catherine T. MacArthur Foundation",
    "Bill and Melinda Gates Foundation",
    "Ministry of Foreign Affairs and Trade",
    "Ministry of Foreign Affairs and International Cooperation",
    "Department of Foreign Affairs and Trade",
    "National Archives and Records Administration",
    "Arts and Humanities Research Council",
    "Social Sciences and Humanities Research Council",
)
# A character that never occurs in real text, used to hide the " and " of a protected name.
_HIDDEN_AND = "\ue000"


def normalize_space(text: str) -> str:
    """Collapse every run of whitespace (NBSP, narrow NBSP, tabs, newlines) to one space and strip.

    >>> normalize_space("ROK\\u00a0Ministry  of\\nUnification ")
    'ROK Ministry of Unification'
    """
    # str.split() with no argument splits on all Unicode whitespace, NBSP and U+202F included.
    return " ".join(text.split())


def fold(text: str) -> str:
    """A comparison key for a name: no accents or breves, plain apostrophes and hyphens, casefolded.

    The result is for matching and indexing only, never for display. Whitespace is collapsed too,
    so that a no-break space and a space fold alike.

    >>> fold("Pak Hŏn-yŏng")
    'pak hon-yong'
    >>> fold("Kim Ch’ŏl‑su")
    "kim ch'ol-su"
    """
    text = normalize_space(text).translate(_FOLD_TABLE)
    if text.isascii():
        return text.casefold()  # nothing to decompose: the common case, ten times faster
    # Casefold before decomposing: casefold can produce new decomposable characters (e.g. İ).
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    # NFKD can turn compatibility characters into new look-alikes (e.g. fullwidth forms); map again.
    return stripped.translate(_FOLD_TABLE)


def split_names(text: str) -> list[str]:
    """Split a list of names such as a "Donors" line into its names, in order, without duplicates.

    Rule: semicolons and commas always separate names; within the last comma-separated part, only
    the *last* " and " separates (the list conjunction comes before the final item), and a leading
    "and " left by a serial comma is dropped. So "A and B and C" gives ["A and B", "C"]. Names in
    :data:`KEEP_WHOLE` are never cut, "&" never separates, and duplicates are detected with
    :func:`fold` (the first spelling is kept).

    >>> split_names("ROK Ministry of Unification and Leon Levy Foundation")
    ['ROK Ministry of Unification', 'Leon Levy Foundation']
    """
    text = _protect(normalize_space(text))
    names: list[str] = []
    for group in text.split(";"):
        parts = group.split(",")
        # Only the last comma-part carries the list's final " and ".
        *head, last = parts
        last = _LEADING_AND.sub("", last.strip())
        pieces = _AND.split(last)
        if len(pieces) > 1:
            tail = [" and ".join(pieces[:-1]), pieces[-1]]
        else:
            tail = pieces
        for part in [*head, *tail]:
            name = _LEADING_AND.sub("", part.strip()).replace(_HIDDEN_AND, " and ").strip()
            if name:
                names.append(name)
    seen: set[str] = set()
    unique: list[str] = []
    for name in names:
        key = fold(name)
        if key not in seen:
            seen.add(key)
            unique.append(name)
    return unique


def _protect(text: str) -> str:
    """Hide the " and " inside names listed in :data:`KEEP_WHOLE` so that no split touches them."""
    for keep in KEEP_WHOLE:
        pattern = re.compile(r"\s+".join(re.escape(w) for w in keep.split()), re.IGNORECASE)
        text = pattern.sub(lambda m: _AND.sub(_HIDDEN_AND, m.group(0)), text)
    return text
