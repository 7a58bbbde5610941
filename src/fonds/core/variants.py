"""Name variants: every spelling of a name that a researcher may meet or type.

The same person is Zhou Enlai and Chou En-lai, Kim Il Sung and Kim Il-sŏng and Kim Ir Sen,
Khrushchev and Chruschtschow. Entity linking and search compare names through three functions:

- :func:`match_key` folds away what never distinguishes two spellings (case, marks, apostrophes,
  hyphens, spaces);
- :func:`variants` derives the other spellings of a name by rule, each with the rule that made it,
  from the scheme modules of :mod:`fonds.core.romanization` (Chinese, Korean, Russian) and the name
  order rules;
- :func:`query_keys` is what a search for a text should also match.

A scheme converts a name only when every syllable of it is valid in that scheme and the name looks
like a name of that language, so Western names and English words are left alone.
"""

from __future__ import annotations

from fonds.core.names import normalize_space
from fonds.core.romanization import chinese, korean, order, russian
from fonds.core.romanization._common import Spelling, unique
from fonds.core.romanization._common import match_key as _match_key

__all__ = ["MAX_VARIANTS", "RULES", "match_key", "query_keys", "variants"]

# Variants kept per name: enough for every scheme of one reading, small enough for a query.
MAX_VARIANTS = 20
# Longer text is not respelled: no name needs it, and the schemes' readings would multiply.
MAX_NAME_LENGTH, MAX_NAME_WORDS = 80, 8
RULES = (
    chinese.WADE_GILES,
    chinese.PINYIN,
    korean.MCCUNE_REISCHAUER,
    korean.REVISED,
    korean.CONVENTIONAL,
    korean.RUSSIAN,
    russian.BGN_PCGN,
    russian.ENGLISH,
    russian.ALA_LC,
    russian.SCHOLARLY,
    russian.GERMAN,
    russian.FRENCH,
    order.ORDER,
)
_KINDS = ("person", "organisation", "place")


def match_key(name: str) -> str:
    """The key for comparing spellings of a name.

    Unicode compatibility-decomposed with the marks removed (ŏ, breves, macrons, háčeks), apostrophes
    (’ ʼ ‘ ' `) and dashes (– — ‑ -) and spaces removed, casefolded.

    >>> match_key("Kim Il-sung"), match_key("KIM ILSUNG"), match_key("Kim Il-sŏng")
    ('kimilsung', 'kimilsung', 'kimilsong')
    >>> match_key("P’yŏngyang")
    'pyongyang'
    """
    return _match_key(name)


def variants(name: str, kind: str = "person") -> list[tuple[str, str]]:
    """Other spellings of ``name``, each with the rule that made it ("rule:wade-giles", ...).

    ``kind`` is "person", "organisation" or "place". The name itself is not included; variants are
    distinct by :func:`match_key`, in a fixed order (name order first, then Chinese, Korean and
    Russian schemes), at most :data:`MAX_VARIANTS` of them.

    >>> variants("Zhou Enlai")
    [('Chou En-lai', 'rule:wade-giles')]
    """
    if kind not in _KINDS:
        raise ValueError(f"kind must be one of {', '.join(_KINDS)}, not {kind!r}")
    name = normalize_space(name)
    if not name:
        return []
    out: list[Spelling] = []
    reading_order = order.uninverted(name) if kind == "person" and "," in name else None
    if reading_order is not None:
        # "Khrushchev, Nikita": respell the reading-order name and write each respelling in
        # catalogue form first (the shape of the name it came from), then in reading order too,
        # so that "Dobrynin, Anatoly" meets "Anatoliy Dobrynin".
        out.append((reading_order, order.ORDER))
        respelled = _respell(reading_order, kind)
        if not order.surname_first(reading_order):
            n = len(reading_order.split())
            out.extend((order.reinvert(v, n), rule) for v, rule in respelled)
        out.extend(respelled)
    else:
        if kind == "person":
            catalogue = order.inverted(name)
            if catalogue is not None:
                out.append((catalogue, order.ORDER))
        out.extend(_respell(name, kind))
    return unique(out, exclude=[match_key(name)])[:MAX_VARIANTS]


def _respell(name: str, kind: str) -> list[Spelling]:
    """The spellings of a name in reading order by every romanisation scheme that reads it."""
    out: list[Spelling] = []
    if len(name) > MAX_NAME_LENGTH or len(name.split()) > MAX_NAME_WORDS:
        return out  # not a name: a title, a sentence, a list
    out.extend(chinese.variants(name, kind))
    out.extend(korean.variants(name, kind))
    if not out:  # a name read as Chinese or Korean is not also read as Russian (Pyongyang, Pëngjang)
        out.extend(russian.variants(name, kind))
    return out


def query_keys(text: str) -> set[str]:
    """The match keys a search for ``text`` should also match: its own and its variants', read as
    a person's name and as a place's."""
    keys = {match_key(text)}
    for kind in ("person", "place"):
        keys.update(match_key(v) for v, _ in variants(text, kind))
    keys.discard("")
    return keys
