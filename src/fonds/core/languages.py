"""Language names and ISO 639 codes, via pycountry.

Archive pages write languages as names ("Russian", "Chinese, Korean"), as ISO 639-1 codes ("ru")
or as ISO 639-2/3 codes, terminological or bibliographic ("rus", "ger", "chi"). Records store one
code per language: the ISO 639-1 two-letter code where one exists, else the ISO 639-3 code.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import pycountry

from fonds.core.names import fold, normalize_space

__all__ = ["LanguageError", "language_codes", "language_name"]


class LanguageError(ValueError):
    """A language name or code that ISO 639 (with the aliases below) does not know."""


# Names archives use that ISO 639 spells differently or qualifies: "Modern Greek (1453-)",
# "Swahili (macrolanguage)", "Pushto". Keys are folded; values are the codes we store.
_ALIASES: dict[str, str] = {
    "greek": "el",
    "modern greek": "el",
    "farsi": "fa",
    "azeri": "az",
    "kyrgyz": "ky",
    "moldavian": "ro",
    "moldovan": "ro",
    "pashto": "ps",
    "punjabi": "pa",
    "swahili": "sw",
    "nepali": "ne",
    "malay": "ms",
    "sinhala": "si",
    "flemish": "nl",
    "castilian": "es",
    # Catalogues say "Mandarin" for written Chinese; the facet should meet "Chinese".
    "mandarin": "zh",
    "cantonese": "yue",
}

# Display names where ISO 639's own is awkward for readers.
_DISPLAY: dict[str, str] = {
    "el": "Greek",
    "ky": "Kyrgyz",
    "ps": "Pashto",
    "pa": "Punjabi",
    "yue": "Cantonese",
}

# Separators in a language list. " and " and "&" join names; "/" appears in "Russian/English".
_SEPARATORS = re.compile(r"\s*(?:[,;/&+]|\band\b)\s*", re.IGNORECASE)
# ISO's qualifiers such as "(macrolanguage)" or "(1453-)".
_QUALIFIER = re.compile(r"\s*\([^)]*\)\s*$")


def language_codes(text: str) -> list[str]:
    """The ISO 639 codes of the languages named in ``text``, in order, without duplicates.

    Accepts names, two-letter and three-letter codes, separated by commas, semicolons, slashes
    or "and": ``"Russian and English"`` -> ``["ru", "en"]``. Empty text gives ``[]``.

    Raises :class:`LanguageError` naming the first part that is not a known language.
    """
    codes: list[str] = []
    for part in _SEPARATORS.split(normalize_space(text)):
        part = part.strip(" .")
        if not part:
            continue
        code = _code_for(part)
        if code is None:
            raise LanguageError(f"unknown language {part!r} in {text!r}")
        if code not in codes:
            codes.append(code)
    return codes


def language_name(code: str) -> str:
    """The English name of a language code (``"ru"`` -> ``"Russian"``); an unknown code as given."""
    key = normalize_space(code).lower()
    if key in _DISPLAY:
        return _DISPLAY[key]
    language = _lookup_code(key)
    if language is None:
        return code
    name = getattr(language, "common_name", None) or language.name
    # "Swahili (macrolanguage)" -> "Swahili".
    return _QUALIFIER.sub("", name)


def _preferred(language: Any) -> str:
    """The code we store: ISO 639-1 when the language has one, else ISO 639-3."""
    return getattr(language, "alpha_2", None) or str(language.alpha_3)


@lru_cache(maxsize=1024)
def _code_for(part: str) -> str | None:
    """Resolve one language name or code to the stored code, or None."""
    key = fold(part)
    if key in _ALIASES:
        return _ALIASES[key]
    if len(key) in (2, 3) and key.isalpha():
        language = _lookup_code(key)
        if language is not None:
            return _preferred(language)
    try:
        # lookup() matches codes and names case-insensitively, bibliographic codes included.
        return _preferred(pycountry.languages.lookup(part))
    except LookupError:
        pass
    return _names_without_qualifier().get(key)


def _lookup_code(code: str) -> Any | None:
    """A pycountry language by exact alpha_2, alpha_3 or bibliographic code (lowercase)."""
    for field in ("alpha_2", "alpha_3", "bibliographic"):
        language = pycountry.languages.get(**{field: code})
        if language is not None:
            return language
    return None


@lru_cache(maxsize=1)
def _names_without_qualifier() -> dict[str, str]:
    """ISO names with their parenthetical qualifier removed, folded, mapped to stored codes.

    Built once: it lets "Nepali" find "Nepali (macrolanguage)" without an alias for every case.
    """
    table: dict[str, str] = {}
    for language in pycountry.languages:
        if "(" in language.name:
            table.setdefault(fold(_QUALIFIER.sub("", language.name)), _preferred(language))
    return table
