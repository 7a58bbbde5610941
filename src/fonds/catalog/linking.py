"""Entity linking: find the curated people, organisations and places a document names.

Every spelling of every curated authority (its name, its recorded variants, and the variants the
romanisation rules derive) is folded and put into one Aho-Corasick automaton, built once per
process and rebuilt when the authorities change. A document's folded text is scanned once. Rules
against false hits:

* whole words only;
* a short spelling (four letters or fewer: "Mao", "PRC") must match the case it is written in,
  and any other one-word spelling must be capitalised ("Kaesong", not "kaesong");
* a one-word place name or acronym ("Kaesong", "DPRK", "KWP") counts as a full mention;
* a one-word personal name ("Puzanov", "Qiao") is weak: it links only when a title the authority
  is known by stands before it ("Ambassador Qiao") or when the same document also names the
  person in full ("A. M. Puzanov" ... "Puzanov"); alone it is too often someone else's surname;
* a spelling several authorities share is ambiguous: it is recorded as a mention with its
  candidates and linked to none of them.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field

import ahocorasick
from django.db.models import Count, Max

from fonds.core.matching import fold_text, spelling_forms
from fonds.core.record import RecordData, Ref
from fonds.catalog import models as m

SHORT = 4
TITLE_WINDOW = 40  # characters before a name searched for a title


@dataclass(frozen=True)
class Target:
    key: str
    kind: str  # "agent" or "place"
    name: str
    description: str | None
    strong: bool  # a full mention: several words, a one-word place name, or an acronym
    cased: str | None  # for short spellings: the exact case required
    capital: bool  # one-word spellings must be capitalised in the text


@dataclass
class Found:
    paragraph: int  # -1: the title
    start: int
    end: int
    surface: str
    targets: list[Target]
    before: str = ""  # folded text just before the mention, where a title would stand

    @property
    def ambiguous(self) -> bool:
        return len({t.key for t in self.targets}) > 1


@dataclass
class Links:
    people: list[Ref] = field(default_factory=list)
    places: list[Ref] = field(default_factory=list)
    mentions: list[Found] = field(default_factory=list)


class Linker:
    def __init__(self, authorities: Iterable[tuple[str, str, str, str | None, list[str], list[str]]]):
        """``authorities``: (key, kind, name, description, spellings, titles) of curated authorities;
        ``spellings`` are the recorded and rule-derived variants."""
        self.automaton = ahocorasick.Automaton()
        self.titles: dict[str, set[str]] = {}
        table: dict[str, dict[str, Target]] = {}
        for key, kind, name, description, spellings, titles in authorities:
            self.titles[key] = {fold_text(t) for t in titles}
            for spelling in dict.fromkeys([name, *spellings]):
                letters = sum(c.isalnum() for c in spelling)
                if letters < 2:
                    continue
                one_word = len(spelling.replace(",", " ").split()) == 1
                acronym = one_word and spelling.replace(".", "").isupper()
                strong = not one_word or kind == "place" or acronym
                cased = spelling if one_word and letters <= SHORT else None
                target = Target(key, kind, name, description, strong, cased, one_word)
                for form in spelling_forms(spelling):
                    # The first spelling that gives a form decides its rules ("DPRK" before
                    # "D.P.R.K.", which folds to the same letters).
                    table.setdefault(form, {}).setdefault(key, target)
        for form, targets in table.items():
            self.automaton.add_word(form, (len(form), list(targets.values())))
        if table:
            self.automaton.make_automaton()
        self.empty = not table

    def find(self, record: RecordData) -> list[Found]:
        if self.empty:
            return []
        found: list[Found] = []
        for index, text in [(-1, record.title), *enumerate(record.paragraphs)]:
            found.extend(self._scan(index, text))
        return self._resolve(found)

    def _scan(self, index: int, text: str) -> list[Found]:
        folded = fold_text(text)
        hits: list[Found] = []
        for end, (length, targets) in self.automaton.iter(folded):
            start = end - length + 1
            if (start > 0 and folded[start - 1].isalnum()) or (end + 1 < len(folded) and folded[end + 1].isalnum()):
                continue
            surface = text[start : end + 1]
            ok = [
                t
                for t in targets
                if (t.cased is None or t.cased == surface) and (not t.capital or surface[:1].isupper())
            ]
            if ok:
                before = folded[max(0, start - TITLE_WINDOW) : start].rstrip(" .,")
                hits.append(Found(index, start, end + 1, surface, ok, before))
        # Longest match wins where matches overlap ("Kim Il Sung" over "Kim").
        hits.sort(key=lambda f: (f.start, -(f.end - f.start)))
        kept: list[Found] = []
        for hit in hits:
            if kept and hit.start < kept[-1].end:
                continue
            kept.append(hit)
        return kept

    def _resolve(self, found: list[Found]) -> list[Found]:
        """Keep strong mentions, and weak ones that a title or a full mention supports."""
        named_in_full = {t.key for f in found for t in f.targets if t.strong and not f.ambiguous}
        out = []
        for f in found:
            if any(t.strong for t in f.targets):
                out.append(f)
                continue
            supported = [t for t in f.targets if t.key in named_in_full or self._titled(f, t)]
            if supported:
                f.targets = supported
                out.append(f)
        return out

    def _titled(self, f: Found, target: Target) -> bool:
        """Whether a title the authority is known by stands right before the mention."""
        return any(title and f.before.endswith(title) for title in self.titles.get(target.key, ()))

    def link(self, record: RecordData) -> Links:
        """The people and places ``record`` names, in order of first mention, and every mention."""
        links = Links(mentions=self.find(record))
        seen: set[str] = set()
        for f in links.mentions:
            if f.ambiguous:
                continue
            t = f.targets[0]
            if t.key in seen:
                continue
            seen.add(t.key)
            (links.places if t.kind == "place" else links.people).append(Ref(t.key, t.name, t.description))
        return links


# -- the process-wide linker, rebuilt when authorities change ----------------------------------

_lock = threading.Lock()
_cached: tuple[tuple, Linker] | None = None


def _signature() -> tuple:
    parts = []
    for model in (m.Agent, m.Place):
        agg = model.objects.filter(curated=True).aggregate(n=Count("id"), last=Max("updated_at"))
        parts.append((agg["n"], agg["last"]))
    return tuple(parts)


def linker() -> Linker:
    """The linker for the authorities in the database now."""
    global _cached
    signature = _signature()
    with _lock:
        if _cached is not None and _cached[0] == signature:
            return _cached[1]
    rows: dict[str, tuple] = {}
    aliases: dict[str, str] = {}
    for model, kind in ((m.Agent, "agent"), (m.Place, "place")):
        for key, name, description, variants, derived, titles, ids in model.objects.filter(curated=True).values_list(
            "key", "name", "description", "variants", "derived", "titles", "external_ids"
        ):
            spellings = [v["name"] for v in variants] + [v["name"] for v in derived]
            rows[key] = (key, kind, name, description or None, spellings, titles)
            if ids.get("hsg"):
                aliases[f"hsg-person-{ids['hsg']}"] = key
    # One person recorded twice (the curated file and the Office of the Historian's records, tied by
    # external_ids["hsg"]) is one entity: its spellings join the curated record, which gets the link.
    for alias, key in aliases.items():
        other = rows.pop(alias, None)
        if other is not None and key in rows:
            k, kind, name, description, spellings, titles = rows[key]
            rows[key] = (k, kind, name, description, [*spellings, other[2], *other[4]], [*titles, *other[5]])
    built = Linker(list(rows.values()))
    with _lock:
        _cached = (signature, built)
    return built
