"""Plain-text helpers for documents: URL slugs and paragraph splitting."""

from __future__ import annotations

import hashlib
import re

from fonds.core.names import fold

__all__ = ["name_key", "slugify", "split_paragraphs"]

FALLBACK_SLUG = "document"

# Apostrophes vanish rather than split a word: "Djilas's" -> "djilass", not "djilas-s".
_APOSTROPHE = re.compile(r"'+")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def slugify(title: str, max_length: int = 80) -> str:
    """An ASCII slug for a title: lowercase words joined by hyphens, at most ``max_length`` long.

    Accents and breves are folded away (``Hŏn`` -> ``hon``); characters with no ASCII form (CJK,
    Cyrillic) are dropped. A slug that would be too long is cut at the last word boundary that
    fits (a single over-long word is cut hard). A title with nothing left gives ``"document"``.

    >>> slugify("Journal of Soviet Ambassador to the DPRK A.M. Puzanov for 20 December 1957")
    'journal-of-soviet-ambassador-to-the-dprk-a-m-puzanov-for-20-december-1957'
    """
    if max_length < 1:
        raise ValueError(f"max_length must be at least 1, not {max_length}")
    ascii_text = fold(title).encode("ascii", "ignore").decode("ascii")
    slug = _NON_ALNUM.sub("-", _APOSTROPHE.sub("", ascii_text)).strip("-")
    if len(slug) > max_length:
        cut = slug[: max_length + 1]
        # The character just past the limit being "-" means the cut already falls between words.
        boundary = cut.rfind("-")
        slug = cut[:boundary] if boundary > 0 else slug[:max_length]
        slug = slug.rstrip("-")
    return slug or FALLBACK_SLUG[:max_length]


def name_key(name: str) -> str:
    """A stable id for a name (a person, place or subject): its slug, unique for any script.

    Names with no Latin letters ("平壤", "Пхеньян") all slugify to nothing, so they get a short
    digest of their folded form instead; the same name always gives the same key.
    """
    slug = slugify(name, max_length=80)
    if slug != FALLBACK_SLUG or fold(name) == FALLBACK_SLUG:
        return slug
    return "n-" + hashlib.sha1(fold(name).encode("utf-8")).hexdigest()[:12]


def split_paragraphs(text: str) -> list[str]:
    """Split text into paragraphs at blank lines.

    A line holding only whitespace (spaces, tabs, NBSP) is blank, as browsers copy an empty ``<p>``
    as a lone NBSP. Line breaks inside a paragraph are kept as ``"\\n"`` (verse, addresses, lists);
    trailing whitespace is stripped from every line, leading indentation is kept.
    """
    paragraphs: list[str] = []
    current: list[str] = []
    # splitlines() also ends lines at \r\n, \r, U+2028 and U+2029.
    for line in text.splitlines():
        line = line.rstrip()
        if line:
            current.append(line)
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return paragraphs
