"""Parser for the Office of the Historian's subject taxonomy (HistoryAtState/tags).

The taxonomy (``<taxonomy>``) nests ``category`` and ``tag`` elements, each with an ``id``, a
``label`` and optionally a ``definition`` (shown to users; ``ptr`` references are written as the
label they point to) and a ``usage-hint`` (for tagging staff: not read). Categories are groupings
and never authorities. Tags become authorities with the id ``hsg-tag-<tag id>`` and the item
location ``<file>#<tag id>``, by top category:

* **people** → persons. The tags are presidencies and secretaryships, so one person may have
  several: "Jefferson, Thomas (P)" and "(S)", "Cleveland, Grover (1885–1889)" and "(1893–1897)".
  The name is the label without that closing qualifier ("(P)", "(S)" or years); the tags that
  share a name make one person, whose id is that of its first tag (``hsg-tag-jefferson-thomas-p``),
  and :attr:`Taxonomy.tag_ids` maps every tag to it. The description names the offices
  (:data:`ROLES`; another category gives its label) with the years of the qualifiers ("President
  of the United States (1885–1889, 1893–1897)"); ``titles`` are the forms of address the offices
  bring. No ``start``/``end``: terms of office are not life dates.
* **places** → places. A tag nested in a tag (a country in "Sub-Saharan Africa") has that tag as
  ``parent``; the outer tag is described as a "Region", the others by how the State Department's
  list classes them (:data:`PLACE_CLASSES`: "Sovereign territory"; another category gives its
  label), followed by the definition if there is one.
* **topics** → subjects (kind :data:`SUBJECT`), ``parent`` = the enclosing topic tag (the broader term; a category is none),
  description = the definition. Exception: the tags inside :data:`ORGANISATION_GROUPS`
  ("International Organizations": NATO, the United Nations) are organisations without parent,
  except the generic :data:`GENERIC_TAGS` ("Non-governmental Organizations"), a subject.

The real taxonomy (500 tags) gives 109 persons (from 119 tags), 271 places (6 regions), 94
subjects and 16 organisations. Anything under another top category is reported as ``skipped``. A
tag without id or label, or with an id used before, gives an error Item (its nested tags still
count, attached to the nearest good ancestor); a file that is not safe, well-formed XML or whose
root is not ``<taxonomy>`` gives one error Item.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from fonds.core.authority import ORGANISATION, PERSON, PLACE, SUBJECT, AuthorityData
from fonds.core.names import normalize_space
from fonds.ingest.base import Code, IngestError, Item, ParseError, Source, unreadable
from fonds.ingest.hsg_people import root_tag
from fonds.ingest.tei_safe import parse_xml

__all__ = [
    "GENERIC_TAGS", "ID_PREFIX", "ORGANISATION_GROUPS", "PLACE_CLASSES", "ROLES", "SUBJECT",
    "HsgTaxonomyParser", "Taxonomy", "parser", "read_taxonomy",
]  # fmt: skip

ID_PREFIX = "hsg-tag-"

# People categories: the office a tag stands for, and the titles it puts before the name.
ROLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "presidents": ("President of the United States", ("President",)),
    "secretaries-of-state": ("Secretary of State", ("Secretary of State", "Secretary")),
}
# Places categories: how the State Department's list classes the territories in them.
PLACE_CLASSES: dict[str, str | None] = {
    "sovereign-territories": "Sovereign territory",
    "dependencies-and-areas-of-special-sovereignty": "Dependency or area of special sovereignty",
    "other": None,
}
REGION = "Region"
# Topic tags whose nested tags are organisations, and nested tags there that name a kind of body.
ORGANISATION_GROUPS = frozenset({"international-organizations"})
GENERIC_TAGS = frozenset({"non-governmental-organizations"})

# The closing qualifier of a people label: "(P)", "(S)", "(1885–1889)", "(2025–)". Other brackets
# (a nickname) stay part of the name.
_QUALIFIER = re.compile(r"\s*\(([PS]|\d{4}[^()]*)\)\s*$")
_YEARS = re.compile(r"\d{4}(?:\s*[–-]\s*(?:\d{4})?)?")


@dataclass
class Taxonomy:
    """What :func:`read_taxonomy` found: the items in document order and where each tag went."""

    items: list[Item] = field(default_factory=list)
    tag_ids: dict[str, str] = field(default_factory=dict)  # tag id -> authority id


class HsgTaxonomyParser:
    """Reads the Office of the Historian subject taxonomy: persons, places, organisations, subjects."""

    name = "hsg-taxonomy"
    description = "Office of the Historian subject taxonomy, XML (HistoryAtState/tags)"

    def score(self, path: Path, head: str) -> float:
        """0.95 for a ``<taxonomy>`` root with ``<category>`` and ``<tag>``; 0.3 for the root alone."""
        if root_tag(head) != "taxonomy":
            return 0.0
        return 0.95 if "<category" in head and "<label" in head else 0.3

    def parse(self, source: Source) -> Iterator[Item]:
        """Yield an Item per authority (and per bad tag); one error Item for an unreadable file."""
        name = source.name
        try:
            root = parse_xml(source.text).getroot()
        except ParseError as exc:
            yield Item(location=name, error=exc.to_error(name))
            return
        except (UnicodeDecodeError, OSError) as exc:
            yield unreadable(name, exc)
            return
        yield from read_taxonomy(root, name).items


def read_taxonomy(root: etree._Element, name: str) -> Taxonomy:
    """Every authority of a parsed ``<taxonomy>`` (see the module docstring for the mapping)."""
    out = Taxonomy()
    if root.tag != "taxonomy":
        message = f"the root element is <{root.tag}>, not <taxonomy> (not an Office of the Historian taxonomy?)"
        out.items.append(Item(name, error=IngestError(Code.BAD_FIELD, message, name, root.sourceline, str(root.tag))))
        return out
    reader = _Reader(root, name, out)
    for category in root.iterfind("category"):
        reader.top(category)
    return out


parser = HsgTaxonomyParser()


# --- reading ------------------------------------------------------------------------------------


@dataclass
class _Person:
    authority: AuthorityData
    roles: dict[str, list[str]]  # office -> years, in order
    location: str


class _Reader:
    def __init__(self, root: etree._Element, name: str, out: Taxonomy):
        self.name = name
        self.out = out
        self.labels = {_text(el.find("id")): _text(el.find("label")) for el in root.iter("tag", "category")}
        self.seen: set[str] = set()
        self.people: dict[str, _Person] = {}  # name -> person, in order of first tag

    def top(self, category: etree._Element) -> None:
        kind = _text(category.find("id"))
        if kind == "people":
            for group in category.iter("category"):
                self.persons(group, _text(group.find("id")), _text(group.find("label")))
            self.emit_people()
        elif kind == "places":
            for group in category.iter("category"):
                group_id = _text(group.find("id"))
                klass = None if group is category else PLACE_CLASSES.get(group_id, _text(group.find("label")))
                self.places(group, klass, None)
        elif kind == "topics":
            self.topics(category, None, organisations=False)
        else:
            what = f"category {kind!r} ({_text(category.find('label'))})"
            message = f"{what}: only the people, places and topics of the taxonomy are read"
            error = IngestError(Code.SKIPPED, message, self.name, category.sourceline, f"category[id={kind!r}]")
            self.out.items.append(Item(f"{self.name}#{kind}", error=error))

    def emit_people(self) -> None:
        """Emit the people once all their tags are known (a person's tags may be far apart)."""
        for person in self.people.values():
            person.authority.description = "; ".join(
                f"{office} ({', '.join(years)})" if years else office for office, years in person.roles.items() if office
            ) or None
            self.out.items.append(Item(person.location, authority=person.authority))
        self.people = {}

    # -- the three trees --

    def persons(self, parent_el: etree._Element, group: str, group_label: str) -> None:
        for tag in parent_el.iterfind("tag"):
            self.person(tag, group, group_label)
            self.persons(tag, group, group_label)

    def person(self, tag: etree._Element, group: str, group_label: str) -> None:
        tag_id, label = self.check(tag)
        if tag_id is None:
            return
        qualifier = _QUALIFIER.search(label)
        name = label[: qualifier.start()] if qualifier else label
        years = [normalize_space(y) for y in _YEARS.findall(qualifier.group(1))] if qualifier else []
        office, titles = ROLES.get(group, (group_label, ()))
        person = self.people.get(name)
        if person is None:
            authority = AuthorityData(id=ID_PREFIX + tag_id, kind=PERSON, name=name)
            person = self.people[name] = _Person(authority, {}, f"{self.name}#{tag_id}")
        known = person.roles.setdefault(office, [])
        known.extend(y for y in years if y not in known)
        person.authority.titles.extend(t for t in titles if t not in person.authority.titles)
        self.out.tag_ids[tag_id] = person.authority.id

    def places(self, parent_el: etree._Element, klass: str | None, parent: str | None) -> None:
        for tag in parent_el.iterfind("tag"):
            tag_id, label = self.check(tag)
            if tag_id is None:  # its places still count, under the nearest good ancestor
                self.places(tag, klass, parent)
                continue
            region = tag.find("tag") is not None
            description = _join(REGION if region else klass, self.definition(tag))
            authority = AuthorityData(
                id=ID_PREFIX + tag_id, kind=PLACE, name=label, description=description, parent=parent
            )
            self.emit(tag_id, authority)
            self.places(tag, klass, authority.id)

    def topics(self, parent_el: etree._Element, parent: str | None, organisations: bool) -> None:
        for child in parent_el:
            if child.tag == "category":  # a grouping ("Global Issues"): its tags have no broader term
                self.topics(child, None, organisations=False)
            if child.tag != "tag":
                continue
            tag_id, label = self.check(child)
            if tag_id is None:
                self.topics(child, parent, organisations)
                continue
            definition = self.definition(child)
            if organisations and tag_id not in GENERIC_TAGS:
                authority = AuthorityData(id=ID_PREFIX + tag_id, kind=ORGANISATION, name=label, description=definition)
            else:
                authority = AuthorityData(
                    id=ID_PREFIX + tag_id, kind=SUBJECT, name=label, description=definition, parent=parent
                )
            self.emit(tag_id, authority)
            self.topics(child, authority.id, tag_id in ORGANISATION_GROUPS)

    # -- one tag --

    def check(self, tag: etree._Element) -> tuple[str | None, str]:
        """The tag's id and label, or (None, "") after recording an error Item."""
        tag_id, label = _text(tag.find("id")), _text(tag.find("label"))
        problem = None
        if not tag_id:
            problem = (Code.MISSING_FIELD, f"a tag labelled {label!r} has no <id>" if label else "a tag has no <id>")
        elif not label:
            problem = (Code.MISSING_FIELD, f"the tag {tag_id!r} has no <label>")
        elif tag_id in self.seen:
            problem = (Code.DUPLICATE_ID, f"the tag id {tag_id!r} is used twice; the first keeps it")
        if problem is None:
            self.seen.add(tag_id)
            return tag_id, label
        element = f"tag[id={tag_id!r}]" if tag_id else "tag"
        error = IngestError(problem[0], problem[1], self.name, tag.sourceline, element)
        self.out.items.append(Item(f"{self.name}#{tag_id}" if tag_id else self.name, error=error))
        return None, ""

    def emit(self, tag_id: str, authority: AuthorityData) -> None:
        self.out.tag_ids[tag_id] = authority.id
        self.out.items.append(Item(f"{self.name}#{tag_id}", authority=authority))

    def definition(self, tag: etree._Element) -> str | None:
        """The definition's text, a ``<ptr target="x"/>`` written as the label of x."""
        el = tag.find("definition")
        if el is None:
            return None
        parts: list[str] = [el.text or ""]
        for child in el.iter():
            if child is el:
                continue
            if child.tag == "ptr":
                target = child.get("target") or ""
                parts.append(self.labels.get(target) or target)
            elif child.text:
                parts.append(child.text)
            if child.tail:
                parts.append(child.tail)
        return normalize_space("".join(parts)) or None


def _text(el: etree._Element | None) -> str:
    return "" if el is None else normalize_space("".join(el.itertext()))


def _join(*parts: str | None) -> str | None:
    """The parts that are there, as sentences ("Sovereign territory. Defined as …")."""
    return ". ".join(p.rstrip(".") if i < len(parts) - 1 else p for i, p in enumerate(parts) if p) or None
