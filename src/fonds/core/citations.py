"""Archival citations: the "Source" line of a record, split into its parts.

A source line names the holding archive, the document's place in it and who translated it::

    AVPRF F. 0102, Op. 14, Delo 6, Listy 14-25. Translated for NKIDP by Gary Goldberg.

:func:`parse_source` finds the archive (by code or name, never by guessing), the reference in one
of the schemes archives use (Russian fond/opis/delo/listy, Chinese Foreign Ministry file numbers,
US record group/box/folder), the translator and the programme the translation was made for. It
never raises: text it cannot read leaves the parts empty and is always kept whole in ``raw``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from fonds.core import archives
from fonds.core.names import normalize_space
from fonds.core.record import Repository

__all__ = ["SourceCitation", "parse_source"]


@dataclass(frozen=True)
class SourceCitation:
    """A source line and what could be read from it.

    ``reference`` holds the parsed parts (``{"fond": "0102", "opis": "14", ...}``) and
    ``reference_text`` the span of the line they were read from; both are empty when no
    scheme was recognised.
    """

    raw: str
    repository: Repository | None
    reference: dict[str, str]
    reference_text: str | None
    translator: str | None
    translated_for: str | None


def parse_source(text: str) -> SourceCitation:
    """Read an archival citation. Never raises; unreadable parts come back empty."""
    raw = text if isinstance(text, str) else str(text)
    line = normalize_space(raw)
    credits, body = _split_credits(line)
    translator, translated_for = _translator(credits)

    found = archives.find_at_start(body)
    if found is not None:
        archive, rest = found
    else:
        # Not at the start: accept only an exact code or name elsewhere (body first, then the
        # credits, e.g. "Obtained from GARF by ..."), so that nothing is guessed.
        archive, rest = archives.find_in(body) or archives.find_in(line), body
    reference, reference_text = _reference(rest)
    return SourceCitation(
        raw=raw,
        repository=archive.repository if archive is not None else None,
        reference=reference,
        reference_text=reference_text,
        translator=translator,
        translated_for=translated_for,
    )


# --- credits: who obtained and translated the document ------------------------------------------

# Words that open a credit clause ("Translated for NKIDP by ...", "Obtained by ...").
_CREDIT_WORD = re.compile(
    r"\b(?:obtained|translated|(?:english\s+)?translation|contributed|provided|donated|"
    r"edited|transcribed|compiled)\b",
    re.IGNORECASE,
)
_TRANSLATED = re.compile(
    r"\btranslat(?:ed|ion)\b"
    r"(?:\s*,?\s*(?:and|&)\s+(?:edited|annotated|transcribed|introduced))*"
    r"(?:\s+(?:from|into)\s+(?:the\s+)?\w+)*"
    r"(?:\s+for\s+(?P<for>.+?))?"
    r"\s+by\s+(?P<name>.+)$",
    re.IGNORECASE,
)
# A later credit inside the name: "X and edited by Y", "X, annotated by Y".
_NEXT_CREDIT = re.compile(r"\s*(?:,|\band\b)\s*\w+ed\s+(?:by|for)\b.*$", re.IGNORECASE)
# "Gary Goldberg for CWIHP", "X for the Wilson Center": a programme after the name. Only an
# acronym or a "the ..." phrase counts, so "the Center for Korean Studies" stays one name.
_FOR_AFTER_NAME = re.compile(r"^(?P<name>.+?)\s+for\s+(?P<for>[A-Z][A-Z&-]+|the\s+.+)$")


def _split_credits(line: str) -> tuple[list[str], str]:
    """Separate credit clauses from the rest of the line (the body with archive and reference).

    A credit clause starts with a credit word at the start of the line or after ". ", "; " or
    ", ", and runs to the next ";", to the next sentence-ending period (not the period of an
    initial such as "Karl P. Benziger"), or to the next credit clause.
    """
    starts = [
        m.start()
        for m in _CREDIT_WORD.finditer(line)
        if not line[: m.start()].strip() or line[: m.start()].rstrip()[-1] in ".;,:"
    ]
    credits: list[str] = []
    pieces: list[str] = []
    position = 0
    for i, start in enumerate(starts):
        if start < position:
            continue  # inside the previous clause
        limit = starts[i + 1] if i + 1 < len(starts) else len(line)
        end = _clause_end(line, start, limit)
        pieces.append(line[position:start])
        credits.append(line[start:end].strip().rstrip(".;,").strip())
        position = end
    pieces.append(line[position:])
    body = normalize_space(" ".join(pieces))
    return credits, body.strip(" .,;:")


def _clause_end(line: str, start: int, limit: int) -> int:
    """Where the clause that starts at ``start`` ends, at the latest at ``limit``."""
    for i in range(start, limit):
        char = line[i]
        if char == ";":
            return i + 1
        if char == "." and (i + 1 == len(line) or line[i + 1].isspace()):
            word = line[:i].rsplit(" ", 1)[-1]
            if not (len(word) == 1 and word.isalpha()):  # "P." in "Karl P. Benziger"
                return i + 1
    return limit


def _translator(credits: list[str]) -> tuple[str | None, str | None]:
    """The first translator named in the credit clauses, and what the translation was for."""
    for clause in credits:
        match = _TRANSLATED.search(clause)
        if not match:
            continue
        name = _NEXT_CREDIT.sub("", match["name"]).strip(" .,;")
        translated_for = match["for"]
        after = _FOR_AFTER_NAME.match(name)
        if after and translated_for is None:
            name, translated_for = after["name"], after["for"]
        return (name or None), (translated_for.strip(" .,;") if translated_for else None)
    return None, None


# --- references ---------------------------------------------------------------------------------

_Part = tuple[str, str, int, int]  # key, value, start, end in the scanned text

# Russian archival reference labels, longest first within each key; Cyrillic forms included.
_RUSSIAN_LABELS: tuple[tuple[str, str], ...] = (
    ("fond", r"fond|фонд|f|ф"),
    ("opis", r"opis['’]?|опись|op|оп"),
    ("delo", r"delo|дело|del|d|д"),
    ("listy", r"listy|list|лист(?:ы)?|ll|l|лл|л"),
    ("papka", r"papka|папка|p|п"),
    ("por", r"poriadkovyi|poryadkovyy|por|пор"),
    ("perechen", r"perechen['’]?|перечень|per"),
    ("dokument", r"dokument|документ|dok|док"),
)
_US_LABELS: tuple[tuple[str, str], ...] = (
    ("record_group", r"record\s+group|rg"),
    ("entry", r"entry"),
    ("box", r"box"),
    ("folder", r"folder"),
    ("file", r"file"),
)

# A leaf: "14", "17a", "5ob." (oborot, the verso), "5 об."; a letter is a suffix only on its own.
_PAGE = r"\d+(?:[a-zа-я](?![a-zа-я]))?(?:\s*(?:ob|об)\b\.?)?"
_PAGE_RANGE = rf"{_PAGE}(?:\s*[-–—]\s*{_PAGE})?"
# Leaves and ranges, comma-separated: "14-25", "88-91, 93".
_PAGES = re.compile(rf"{_PAGE_RANGE}(?:\s*,\s*{_PAGE_RANGE})*", re.I)
_TOKEN = re.compile(r"[^\s,;]*\d[^\s,;]*")
_YEAR = re.compile(r"(?:1[7-9]|20)\d\d(?=\s*(?:[,;]|$))")
_SEPARATOR = re.compile(r"\s*[,;]?\s*")  # optional: "F. 0102 Op. 14" has none
_QUOTED_OR_PLAIN = re.compile(r"\"[^\"]*\"|“[^”]*”|‘[^’]*’|'[^']*'|[^,;]+")
_FMA_FILE = re.compile(r"(?:no\.?\s*)?(\d{3}-\d{4,6}-\d{1,3})(?![\d-])", re.I)
_DASHES = str.maketrans({"–": "-", "—": "-", "‒": "-", "−": "-"})


def _label_pattern(labels: tuple[tuple[str, str], ...], tail: str) -> re.Pattern[str]:
    """One pattern matching any label of the table, naming the key in a group."""
    alternatives = "|".join(f"(?P<{key}>{pattern})" for key, pattern in labels)
    return re.compile(rf"(?:{alternatives}){tail}", re.IGNORECASE)


# A label is followed by a period or a space: "F. 0102", "Fond 5", "f.5"; never "Fifth".
_RUSSIAN_LABEL = _label_pattern(_RUSSIAN_LABELS, r"(?:\.\s*|\s+)")
_US_LABEL = _label_pattern(_US_LABELS, r"\.?(?:\s+no\.?)?\s*:?\s*")


def _reference(text: str) -> tuple[dict[str, str], str | None]:
    """The reference read from ``text`` by the first scheme that recognises it, and its span.

    A scheme is tried at the start of the text and after each comma, semicolon or colon, so
    that an unknown archive's name before the reference does not hide it.
    """
    starts = [0] + [m.end() for m in re.finditer(r"[,;:]\s*", text)]
    for scheme in _SCHEMES:
        for start in starts:
            parts = scheme(text, start)
            if parts:
                reference = {key: value for key, value, _, _ in parts}
                return reference, text[parts[0][2] : parts[-1][3]]
    return {}, None


def _russian(text: str, position: int) -> list[_Part]:
    """fond / opis / delo / listy ... as in "F. 0102, Op. 14, Delo 6, Listy 14-25"."""
    parts: list[_Part] = []
    while position < len(text):
        label = _RUSSIAN_LABEL.match(text, position)
        year = _YEAR.match(text, position)
        if label is not None:
            key = label.lastgroup or ""
            value = (_PAGES if key == "listy" else _TOKEN).match(text, label.end())
            if value is None or any(key == k for k, *_ in parts):
                break
            raw_value = value.group(0)
            end = value.end() - (len(raw_value) - len(raw_value.rstrip(".")))
            cleaned = _normalise_value(raw_value.rstrip("."), pages=key == "listy")
            parts.append((key, cleaned, label.start(), end))
            position = end
        elif year is not None and parts and all(k != "year" for k, *_ in parts):
            # "f. 0100, op. 34, 1946, p. 253": AVP inventories are numbered within a year.
            parts.append(("year", year.group(0), year.start(), year.end()))
            position = year.end()
        else:
            break
        position = _skip_separator(text, position)
    keys = {key for key, *_ in parts}
    # A lone "d. 1957" in prose (died 1957) is no reference: require a fond or an inventory.
    if keys & {"fond", "opis"} or ("delo" in keys and len(parts) >= 2):
        return parts
    return []


def _chinese_fma(text: str, position: int) -> list[_Part]:
    """Chinese Foreign Ministry Archive file numbers: "109-00083-03"."""
    match = _FMA_FILE.match(text, position)
    if match is None:
        return []
    return [("file", match.group(1), match.start(), match.end())]


def _us(text: str, position: int) -> list[_Part]:
    """US National Archives style: "Record Group 59, Entry 1234, Box 123, Folder ..."."""
    parts: list[_Part] = []
    while position < len(text):
        label = _US_LABEL.match(text, position)
        if label is None:
            break
        key = label.lastgroup or ""
        value = _QUOTED_OR_PLAIN.match(text, label.end())
        if value is None or any(key == k for k, *_ in parts):
            break
        stripped = value.group(0).rstrip()
        if key == "record_group" and not re.fullmatch(r"\d+[A-Za-z]?", stripped):
            break
        if not stripped:
            break
        parts.append((key, stripped, label.start(), value.start() + len(stripped)))
        position = _skip_separator(text, value.end())
    return parts


_SCHEMES: tuple[Callable[[str, int], list[_Part]], ...] = (_russian, _chinese_fma, _us)


def _skip_separator(text: str, position: int) -> int:
    """The position after the comma or semicolon (and spaces) between two reference parts."""
    match = _SEPARATOR.match(text, position)
    return match.end() if match else position


def _normalise_value(value: str, pages: bool) -> str:
    """Dashes to "-"; in page lists, no spaces around "-" and one space after ","."""
    value = value.translate(_DASHES)
    if pages:
        value = re.sub(r"\s*-\s*", "-", value)
        value = re.sub(r"\s*,\s*", ", ", value)
    return value
