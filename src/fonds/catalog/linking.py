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
* a person's family name ("Frelinghuysen" of "Frelinghuysen, Frederick T.") is a weak spelling
  too, and it links only with support: an honorific or a title right before it ("Mr.", "Señor",
  "Ambassador"; :data:`HONORIFICS`), the parentheses of a FRUS heading ("the Ambassador in Great
  Britain (Page)"), a paragraph that is nothing but the name (a signature: "Lansing"), or the
  person named in full in the same document;
* a one-word personal name never links when a capitalised word stands right before it (other
  than an honorific) or right after it: it is then part of a longer name ("Sir Harry Parkes" does
  not name a Mr. Harry);
* a person is a candidate only when the document's date falls in the years their record allows
  (:mod:`fonds.catalog.lifespans`: born at least 15 years before, not dead; unknown dates exclude
  nobody);
* a numbered line of a distribution list that is nothing but the name ("1 - Gromyko") supports
  it like a signature;
* of several people a name may stand for, evidence narrows them, in this order: a person named
  in full in the document; the person the document's heading resolved the same name to (one
  person per name per document); the role, when the mention has one (a heading's role: "the
  Ambassador in Japan (Morris)", a signature's sender, an office before the name: "Ambassador
  Morris"; :mod:`fonds.catalog.roles`, countries under any of their names:
  :mod:`fonds.catalog.countries`); without a role, the one candidate posted in a country the
  document names (:func:`by_country`). One left is the person meant;
* a spelling several authorities share is ambiguous: it is recorded as a mention with its
  candidates and linked to none of them.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import ahocorasick
from django.db.models import Count, Max

from fonds.catalog import countries, lifespans, roles
from fonds.catalog import models as m
from fonds.core.matching import fold_text, spelling_forms
from fonds.core.record import RecordData, Ref

SHORT = 4
TITLE_WINDOW = 40  # characters before a name searched for a title

# Words that, standing right before a bare family name, say a person is meant ("Mr. Hay",
# "Ambassador Morris", "Viscount Ishii"), folded, without their full stop.
HONORIFICS = (
    frozenset(
        """mr mrs messrs miss ms dr doctor sir lord lady dame senor senora senorita signor signora
        monsieur mme madame mlle herr frau don dona count countess baron baroness viscount marquis
        marquess duke prince princess comrade""".split()
    )
    | roles.OFFICES  # "Ambassador", "Secretary", "General", "Chairman": offices and ranks
)
_LAST_WORD = re.compile(r"(\w+)\.?$")
# What supports a bare family name (see Found.support).
SUPPORTS = ("honorific", "heading", "signature", "list")
# A numbered line of a distribution list ("1 - Gromyko").
_LIST_ITEM = re.compile(r"^\s*\d{1,3}\s*[-‐‑–—.)]\s*$")


@dataclass(frozen=True)
class Entry:
    """A curated authority as the linker reads it: ``spellings`` are its recorded and
    rule-derived variants; ``years`` the :func:`lifespans.window` of a person."""

    key: str
    kind: str  # "agent" or "place"
    name: str
    description: str | None
    spellings: list[str]
    titles: list[str]
    person: bool = False
    years: lifespans.Window = (None, None)


@dataclass(frozen=True)
class Target:
    key: str
    kind: str  # "agent" or "place"
    name: str
    description: str | None
    strong: bool  # a full mention: several words, a one-word place name, or an acronym
    cased: str | None  # for short spellings: the exact case required
    capital: bool  # one-word spellings must be capitalised in the text
    person: bool = False  # a person (dates narrow the candidates; a one-word name needs support)
    lo: int | None = None  # the years the person may be named in (fonds.catalog.lifespans)
    hi: int | None = None


@dataclass
class Found:
    paragraph: int  # -1: the title
    start: int
    end: int
    surface: str
    targets: list[Target]
    before: str = ""  # folded text just before the mention, where a title would stand
    # For a one-word personal name: "honorific" (a title or honorific right before it),
    # "heading" (alone in parentheses), "signature" (the whole paragraph), "list" (a numbered
    # line of a distribution list: "1 - Gromyko"), "" (none), or "inside" (a capitalised word
    # right before or after it: part of a longer name).
    support: str = ""

    @property
    def ambiguous(self) -> bool:
        return len({t.key for t in self.targets}) > 1


@dataclass
class Links:
    people: list[Ref] = field(default_factory=list)
    places: list[Ref] = field(default_factory=list)
    mentions: list[Found] = field(default_factory=list)


class Linker:
    def __init__(self, authorities: Iterable[Entry]):
        """One curated authority an :class:`Entry`. A person's family names (of the name and of
        the variants written "Family, Given") are added as weak spellings."""
        self.automaton = ahocorasick.Automaton()
        self.titles: dict[str, set[str]] = {}
        table: dict[str, dict[str, Target]] = {}
        surnames: list[tuple[str, Target]] = []
        for entry in authorities:
            key, kind, name, description, spellings = entry.key, entry.kind, entry.name, entry.description, entry.spellings
            person, (lo, hi) = entry.person, entry.years
            self.titles[key] = {fold_text(t) for t in entry.titles}
            for spelling in dict.fromkeys([name, *spellings]):
                letters = sum(c.isalnum() for c in spelling)
                if letters < 2:
                    continue
                one_word = len(spelling.replace(",", " ").split()) == 1
                acronym = one_word and spelling.replace(".", "").isupper()
                strong = not one_word or kind == "place" or acronym
                cased = spelling if one_word and letters <= SHORT else None
                target = Target(key, kind, name, description, strong, cased, one_word, person and not acronym, lo, hi)
                for form in spelling_forms(spelling):
                    # The first spelling that gives a form decides its rules ("DPRK" before
                    # "D.P.R.K.", which folds to the same letters).
                    table.setdefault(form, {}).setdefault(key, target)
            if person:
                for family in dict.fromkeys(family_name(s) for s in [name, *spellings]):
                    if family:
                        cased = family if len(family) <= SHORT else None
                        surnames.append((family, Target(key, kind, name, description, False, cased, True, True, lo, hi)))
        # Family names after every other spelling: a recorded spelling's rules win ("Gromyko").
        for family, target in surnames:
            for form in spelling_forms(family):
                table.setdefault(form, {}).setdefault(target.key, target)
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
        years = lifespans.document_years(record.date_start, record.date_end)
        if years[0] is not None:
            found = [f for f in found if self._in_time(f, years)]
        document = "\n".join([record.title, *record.paragraphs])
        # One person per name per document: a name the heading resolves to one person ("Memorandum
        # by the Assistant Secretary of State (White)") is that person in the body too ("Mr. White").
        heading: dict[str, str] = {}
        named: dict[str, bool] = {}  # the places the document names, as by_country finds them
        # People named in full somewhere in the document: a full mention decides (see _resolve).
        in_full = {t.key for f in found if len({t.key for t in f.targets}) == 1 for t in f.targets if t.strong}
        for f in found:
            if f.paragraph >= 0 and fold_text(f.surface) in heading:
                same = [t for t in f.targets if t.key == heading[fold_text(f.surface)]]
                if same:
                    f.targets = same
                    continue
            several = len({t.key for t in f.targets}) > 1
            if several and all(t.person for t in f.targets) and not any(t.key in in_full for t in f.targets):
                self._narrow(f, record, document, named)
            if f.paragraph < 0 and len({t.key for t in f.targets}) == 1 and f.targets[0].person:
                if f.support in SUPPORTS or f.targets[0].strong:
                    heading.setdefault(fold_text(f.surface), f.targets[0].key)
        return self._resolve(found, dated=years[0] is not None)

    @staticmethod
    def _narrow(f: Found, record: RecordData, document: str, named: dict[str, bool]) -> None:
        """Of several people a name may stand for, keep those the role, or failing a role the
        countries the document names, point to (see :mod:`fonds.catalog.roles`, :func:`by_country`)."""
        text = record.title if f.paragraph < 0 else record.paragraphs[f.paragraph]
        role = roles.role_of(f.support, text[: f.start], record.title)
        office = roles.office_of(text[: f.start]) if f.support == "honorific" else None
        if role or office:
            # The role decides, or nothing does: the posts of namesakes abroad say nothing
            # about who held an office at home ("the Assistant Secretary of State (White)").
            narrowed = roles.narrow(f.targets, role) if role else roles.narrow_by_office(f.targets, office or "")
            f.targets = narrowed or f.targets
        elif f.support != "heading":
            f.targets = by_country(f.targets, document, named)

    @staticmethod
    def _in_time(f: Found, years: lifespans.Window) -> bool:
        """Drop the people who cannot be named at the document's date; False when none is left."""
        f.targets = [t for t in f.targets if not t.person or lifespans.possible((t.lo, t.hi), years)]
        return bool(f.targets)

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
                if (t.cased is None or t.cased == surface or (_bare(t) and t.cased.upper() == surface))
                and (not t.capital or surface[:1].isupper())
            ]
            if ok:
                before = folded[max(0, start - TITLE_WINDOW) : start].rstrip(" .,")
                support = _support(text, start, end + 1, before) if any(_bare(t) for t in ok) else ""
                hits.append(Found(index, start, end + 1, surface, ok, before, support))
        # Longest match wins where matches overlap ("Kim Il Sung" over "Kim").
        hits.sort(key=lambda f: (f.start, -(f.end - f.start)))
        kept: list[Found] = []
        for hit in hits:
            if kept and hit.start < kept[-1].end:
                continue
            kept.append(hit)
        return kept

    def _resolve(self, found: list[Found], dated: bool = True) -> list[Found]:
        """Keep strong mentions, and weak ones that a title or a full mention supports.

        A one-word personal name named in full elsewhere in the document stands for that person
        only; otherwise, with an honorific, a heading's parentheses or a signature, it stands for
        every person of that name the date allows (one: a link; several: an ambiguous mention).
        Where a one-word place name or acronym is also a family name, the person is meant only
        with an honorific or a full mention ("Mr. Washington")."""
        named_in_full = {t.key for f in found for t in f.targets if t.strong and not f.ambiguous}
        out = []
        for f in found:
            strong = [t for t in f.targets if t.strong]
            weak = [t for t in f.targets if not t.strong]
            inside = f.support == "inside"
            full = [t for t in weak if t.key in named_in_full and not (inside and _bare(t))]
            titled = [t for t in weak if not (inside and _bare(t)) and self._titled(f, t)]
            if full or titled:
                supported = full or titled
            elif f.support in SUPPORTS and (not strong or f.support == "honorific"):
                supported = [t for t in weak if _bare(t)]
                # A bare name alone links a person only when dates vouch for it: the document is
                # dated and the one person left has a known window (an undated namesake from
                # another century would otherwise be linked). Several stay an ambiguous mention.
                if len({t.key for t in supported}) == 1 and not (dated and _dated(supported[0])):
                    supported = []
            else:
                supported = []
            if supported and (not strong or full or f.support == "honorific"):
                f.targets = supported
                out.append(f)
            elif strong:
                f.targets = strong
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


def by_country(targets: list[Target], document: str, named: dict[str, bool] | None = None) -> list[Target]:
    """Of several people a name may stand for, the one whose record holds a post in a country
    the document names ("Mr. Dayton" in a letter about France: the Minister to France, not his
    son, Minister to the Netherlands), when exactly one does; else all of them.

    Countries are those of :func:`countries.described` (the parenthesised posts of a people
    record), named in the document under any of their names (:mod:`fonds.catalog.countries`).
    A dated candidate whose record lists no post abroad (a Secretary of State) cannot be told
    apart this way, so then nobody is picked ("Mr. Seward to Mr. Burlingame" in a letter about
    China is not the later Minister to China). Undated candidates are never linked from a bare
    name (see :meth:`Linker._resolve`) and do not stop the rule."""
    if any(_dated(t) and not countries.described(t.description) for t in targets):
        return targets
    named = {} if named is None else named  # place key -> named in the document (per document)

    def fits(t: Target) -> bool:
        for key in countries.described(t.description):
            if key not in named:
                named[key] = countries.named(key, document)
            if named[key]:
                return True
        return False

    fitting = [t for t in targets if fits(t)]
    return fitting if len({t.key for t in fitting}) == 1 else targets


def _bare(target: Target) -> bool:
    """A one-word personal name: it links only with support."""
    return target.person and not target.strong


def _dated(target: Target) -> bool:
    return target.lo is not None or target.hi is not None


def family_name(spelling: str) -> str | None:
    """The family name of a spelling written "Family, Given" ("Frelinghuysen, Frederick T." ->
    "Frelinghuysen"; "Van Buren, Martin" -> "Van Buren"), None for any other spelling or for a
    family name that is not capitalised words of at least three letters in all."""
    family, comma, given = spelling.partition(",")
    family = " ".join(family.split())
    if not comma or not given.strip() or "(" in family or sum(c.isalpha() for c in family) < 3:
        return None
    words = family.split()
    if len(words) > 3 or not words[-1][:1].isupper() or not all(w.replace("'", "").replace("-", "").isalpha() for w in words):
        return None
    return family


def _support(text: str, start: int, end: int, before: str) -> str:
    """What stands around a one-word personal name at text[start:end] (see :attr:`Found.support`)."""
    head = text[:start]
    if text[end:].strip(" .,;") == "" and _LIST_ITEM.match(head):
        return "list"
    prev = head.rstrip()
    gap = head[len(prev) :]
    tail = text[end:]
    nxt = tail.lstrip()
    if gap and gap.strip() == "" and prev:
        # "Sir Harry Parkes": the word before, when only spaces part it from the name.
        word = prev.rsplit(None, 1)[-1]
        bare = word.rstrip(".")
        if bare[:1].isupper() and bare.isalpha() and fold_text(bare) not in HONORIFICS:
            return "inside"
    if tail[:1].isspace() and nxt:
        word = re.match(r"[^\W\d_]+", nxt)
        if word and word.group()[:1].isupper() and word.group() != "I":
            return "inside"
    # "Massoud-Ansari", "Lloyd-George": joined by a dash to another capitalised word.
    if re.match(r"[-‐‑–]\s*[^\W\d_]", tail) and tail.lstrip("-‐‑– ")[:1].isupper():
        return "inside"
    if re.search(r"[^\W\d_][-‐‑–]$", head) and prev.rstrip("-‐‑–").rsplit(None, 1)[-1][:1].isupper():
        return "inside"
    last = _LAST_WORD.search(before)
    if last and last.group(1) in HONORIFICS:
        return "honorific"
    if prev.endswith("(") and nxt.startswith(")") and not gap and not tail[:1].isspace():
        return "heading"
    if not prev and text[end:].strip(" .,;:") == "":
        return "signature"
    return ""


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
    rows: dict[str, Entry] = {}
    aliases: dict[str, str] = {}
    for model, kind in ((m.Agent, "agent"), (m.Place, "place")):
        fields = ["key", "name", "description", "variants", "derived", "titles", "external_ids", "start", "end"]
        if model is m.Agent:
            fields.append("kind")
        for key, name, description, variants, derived, titles, ids, start, end, *rest in model.objects.filter(
            curated=True
        ).values_list(*fields):
            spellings = [v["name"] for v in variants] + [v["name"] for v in derived]
            person = bool(rest) and rest[0] == m.Agent.PERSON
            years = lifespans.window(start, end, [v.get("source") for v in variants], description) if person else (None, None)
            rows[key] = Entry(key, kind, name, description or None, spellings, titles, person, years)
            if ids.get("hsg"):
                aliases[f"hsg-person-{ids['hsg']}"] = key
    # One person recorded twice (the curated file and the Office of the Historian's records, tied by
    # external_ids["hsg"]) is one entity: its spellings join the curated record, which gets the link.
    for alias, key in aliases.items():
        other = rows.pop(alias, None)
        if other is not None and key in rows:
            mine = rows[key]
            rows[key] = replace(
                mine,
                spellings=[*mine.spellings, other.name, *other.spellings],
                titles=[*mine.titles, *other.titles],
                # The window of the record with dates, when one of the two has none.
                years=mine.years if mine.years != (None, None) else other.years,
            )
    built = Linker(list(rows.values()))
    with _lock:
        _cached = (signature, built)
    return built
