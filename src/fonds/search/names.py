"""Every spelling of a name, for search: a query naming a person or place in one spelling also
finds documents that use another ("Chou En-lai" finds "Zhou Enlai"; "Kim Ir Sen" finds
"Kim Il Sung").

The lookup maps the match key of every spelling of every authority (its name, recorded variants
and rule-derived variants, see :mod:`fonds.core.variants`) to the authorities that bear it. It is
built once per process and rebuilt when authorities change (checked at most every few seconds).
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass

from django.db.models import Count, Max

from fonds.catalog import models as m
from fonds.core.names import fold
from fonds.core.variants import match_key

MAX_WORDS = 6  # the longest name looked for, in words
MAX_SPELLINGS = 12  # spellings a name expands to (exact first)
CHECK_EVERY = 5.0  # seconds between checks that the authorities are unchanged


@dataclass(frozen=True)
class Span:
    """Words ``start``..``end`` (exclusive) of a query name authorities with these spellings."""

    start: int
    end: int
    keys: tuple[str, ...]
    spellings: tuple[str, ...]


class NameLookup:
    def __init__(self, rows: list[tuple[str, list[str]]]):
        """``rows``: (authority key, spellings) — the name first."""
        self.by_key: dict[str, set[str]] = {}
        self.spellings: dict[str, list[str]] = {}
        for key, spellings in rows:
            self.spellings[key] = spellings
            for spelling in spellings:
                for form in (spelling, _reading_order(spelling)):
                    k = match_key(form) if form else ""
                    if len(k) >= 2:
                        self.by_key.setdefault(k, set()).add(key)

    def authorities(self, text: str) -> set[str]:
        return self.by_key.get(match_key(text), set())

    def spans(self, words: list[str]) -> list[Span]:
        """The longest runs of ``words`` that spell a name, left to right, not overlapping.

        A single word only counts when it is capitalised and at least four letters long ("Mao"
        alone is too often something else; "Pyongyang" is not), or an acronym ("PRC", "KWP").
        """
        out: list[Span] = []
        i = 0
        while i < len(words):
            for j in range(min(len(words), i + MAX_WORDS), i, -1):
                text = " ".join(words[i:j])
                if j - i == 1 and not ((text[:1].isupper() and len(text) >= 4) or (text.isupper() and len(text) >= 2)):
                    continue
                keys = self.authorities(text)
                if keys:
                    out.append(Span(i, j, tuple(sorted(keys)), tuple(self.expand(text, keys))))
                    i = j
                    break
            else:
                i += 1
        return out

    def expand(self, text: str, keys: set[str]) -> list[str]:
        """The spellings to search for ``text``: itself first, then the authorities' other
        multi-word spellings (a bare surname would find other people)."""
        out = [text]
        seen = {_tokens(text)}
        multi = len(text.split()) > 1
        for key in sorted(keys):
            for spelling in self.spellings.get(key, []):
                # Spellings that differ only where the index does not look (case, accents) are
                # one search; "P'yŏngyang" (two words to the index) and "Pyongyang" are two.
                k = _tokens(spelling)
                if k in seen or (multi and len(spelling.replace(",", " ").split()) < 2):
                    continue
                seen.add(k)
                out.append(spelling)
        return out[:MAX_SPELLINGS]


def _reading_order(spelling: str) -> str | None:
    """ "Keough, James" as people write it in running text: "James Keough"."""
    family, comma, given = spelling.partition(",")
    if not comma or not given.strip() or "," in given:
        return None
    return f"{given.strip()} {family.strip()}"


def _tokens(text: str) -> tuple[str, ...]:
    """The words the index sees in ``text`` (before stemming)."""
    return tuple(re.findall(r"[^\W_]+", fold(text)))


_lock = threading.Lock()
_state: dict = {"lookup": None, "signature": None, "checked": 0.0}


def _signature() -> tuple:
    return tuple(
        tuple(model.objects.aggregate(n=Count("id"), last=Max("updated_at")).values()) for model in (m.Agent, m.Place)
    )


def lookup() -> NameLookup:
    """The lookup for the authorities in the database now."""
    now = time.monotonic()
    with _lock:
        if _state["lookup"] is not None and now - _state["checked"] < CHECK_EVERY:
            return _state["lookup"]
    signature = _signature()
    with _lock:
        if _state["lookup"] is not None and _state["signature"] == signature:
            _state["checked"] = now
            return _state["lookup"]
    rows = []
    for model in (m.Agent, m.Place):
        for key, name, variants, derived in model.objects.values_list("key", "name", "variants", "derived"):
            rows.append((key, [name, *(v["name"] for v in variants), *(v["name"] for v in derived)]))
    built = NameLookup(rows)
    with _lock:
        _state.update(lookup=built, signature=signature, checked=now)
    return built


def reset() -> None:
    """Forget the cached lookup (tests that change authorities within a few seconds)."""
    with _lock:
        _state.update(lookup=None, signature=None, checked=0.0)
