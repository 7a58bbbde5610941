"""Country names and their synonyms, from ISO 3166 (pycountry), for telling namesakes apart.

People records describe a post by its country in parentheses ("Envoy Extraordinary and Minister
Plenipotentiary (United Kingdom)"); FRUS headings and letters name the same country otherwise
("the Ambassador in Great Britain (Page)", "the Government of Great Britain"). The synonyms of a
country are derived from its ISO 3166 records (current and historic), never listed by hand:

* its name, official name and common name ("United Kingdom", "United Kingdom of Great Britain and
  Northern Ireland"; "Iran, Islamic Republic of", "Islamic Republic of Iran", "Iran");
* the part of a name before its comma ("Iran", "Taiwan", "USSR");
* the parts of an official name after its first "of", split at "and" ("Great Britain",
  "Northern Ireland"; "the Netherlands" of "Kingdom of the Netherlands"), without "the";
* a synonym two countries share ("Korea") is dropped, and so is one of three letters or fewer.

A place in parentheses that is no ISO 3166 name ("Russia") stands for itself.
"""

from __future__ import annotations

import functools
import re

import pycountry

from fonds.core.matching import fold_text

_PAREN = re.compile(r"\(([^()]{3,60})\)")


def _names(name: str) -> tuple[list[str], list[str]]:
    """(the name and its part before a comma, the parts of an official name after its "of")."""
    own = [name]
    head, comma, _ = name.partition(",")
    if comma:
        own.append(head)
    _, of, tail = name.partition(" of ")
    parts = tail.split(" and ") if of and not comma else []
    strip = lambda n: re.sub(r"^the\s+", "", n.strip(), flags=re.IGNORECASE)  # noqa: E731
    return [strip(n) for n in own], [strip(n) for n in parts]


@functools.cache
def _tables() -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """(folded synonym -> country code, country code -> its synonyms as written)."""
    owners: dict[str, set[str]] = {}
    parts: dict[str, set[str]] = {}
    written: dict[str, str] = {}
    for db, code_field in ((pycountry.countries, "alpha_2"), (pycountry.historic_countries, "alpha_4")):
        for country in db:
            code = getattr(country, code_field)
            for field in ("name", "official_name", "common_name"):
                value = getattr(country, field, None)
                own, derived = _names(value) if value else ([], [])
                for table, names in ((owners, own), (parts, derived)):
                    for name in names:
                        if sum(c.isalpha() for c in name) > 3 and name[:1].isupper():
                            key = fold_text(name)
                            table.setdefault(key, set()).add(code)
                            written.setdefault(key, name)
    # A country's own name wins over a part of another's official name ("China" of "Hong Kong
    # Special Administrative Region of China"); a name two countries share is dropped.
    for key, codes in parts.items():
        if key not in owners:
            owners[key] = codes
    synonym = {key: next(iter(codes)) for key, codes in owners.items() if len(codes) == 1}
    by_code: dict[str, list[str]] = {}
    for key, code in synonym.items():
        by_code.setdefault(code, []).append(written[key])
    return synonym, {code: tuple(names) for code, names in by_code.items()}


def canonical(name: str) -> str:
    """The key of a place name: its country code when ISO 3166 knows the name, else the folded name."""
    folded = fold_text(" ".join(name.split()))
    return _tables()[0].get(folded, folded)


def synonyms(key: str) -> tuple[str, ...]:
    """The names of a place key (see :func:`canonical`), as written."""
    return _tables()[1].get(key, (key,))


@functools.lru_cache(maxsize=65536)
def described(description: str | None) -> frozenset[str]:
    """The places a people record gives posts in: its parenthesised places ("Envoy ... (France)").
    Countries named in running text are not posts ("President of the United States": every FRUS
    document names the United States) and are left out."""
    if not description:
        return frozenset()
    return frozenset(canonical(p) for p in _PAREN.findall(description))


def words_of(description: str | None) -> str:
    """Every synonym of every country a description names, as one string of words (for matching
    a heading's role written with another name of the country: "Great Britain")."""
    return " ".join(n for key in described(description) for n in synonyms(key))


@functools.lru_cache(maxsize=4096)
def _pattern(key: str) -> re.Pattern[str]:
    """Any name of the place ``key``, as whole words: as written or in capitals ("FRANCE"); a
    place ISO 3166 does not know, in any case (its first letter is checked by :func:`named`)."""
    if key.islower():
        return re.compile(rf"(?<![\w-]){re.escape(key)}(?![\w-])", re.IGNORECASE)
    names = sorted({form for name in synonyms(key) for form in (name, name.upper())}, key=len, reverse=True)
    return re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, names))})(?![\w-])")


def named(key: str, text: str) -> bool:
    """Whether ``text`` names the place ``key`` (see :func:`canonical`) by any of its names,
    capitalised ("to Russia", not "white russian")."""
    if key.islower():
        return any(m.group()[:1].isupper() for m in _pattern(key).finditer(text))
    return _pattern(key).search(text) is not None
