"""Authority records as plain data: people, organisations and places, with every known name.

An authority has one preferred name and any number of variants, each saying where it came from
(a source URL, a file, or the rule that derived it). Documents link to authorities by ``id``
(see :class:`fonds.core.record.Ref`). docs/record-format.md documents the JSON shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PERSON, ORGANISATION, PLACE, SUBJECT = "person", "organisation", "place", "subject"
KINDS = (PERSON, ORGANISATION, PLACE, SUBJECT)  # subjects: topics of a taxonomy, never "mentioned"


@dataclass(frozen=True)
class Variant:
    """Another name for an authority, and where it was found ("rule:wade-giles" when derived)."""

    name: str
    source: str | None = None

    def to_json(self) -> dict[str, str | None]:
        return {"name": self.name, "source": self.source}


@dataclass
class AuthorityData:
    """A person, organisation or place.

    ``start``/``end`` are EDTF: birth and death for a person, existence for an organisation or
    place. ``external_ids`` maps a scheme to an id (``{"viaf": "…", "wikidata": "Q…"}``).
    ``parent`` is the id of the enclosing place; ``coordinates`` is (latitude, longitude).
    """

    id: str
    kind: str
    name: str
    variants: list[Variant] = field(default_factory=list)
    description: str | None = None
    start: str | None = None
    end: str | None = None
    external_ids: dict[str, str] = field(default_factory=dict)
    parent: str | None = None
    coordinates: tuple[float, float] | None = None
    titles: list[str] = field(default_factory=list)  # "Ambassador", "Premier": recognised before the name

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "name": self.name,
            "variants": [v.to_json() for v in self.variants],
            "description": self.description,
            "start": self.start,
            "end": self.end,
            "external_ids": dict(self.external_ids),
            "parent": self.parent,
            "coordinates": list(self.coordinates) if self.coordinates else None,
            "titles": list(self.titles),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AuthorityData:
        coords = data.get("coordinates")
        return cls(
            id=data["id"],
            kind=data["kind"],
            name=data["name"],
            variants=[Variant(**v) for v in data.get("variants") or []],
            description=data.get("description"),
            start=data.get("start"),
            end=data.get("end"),
            external_ids=dict(data.get("external_ids") or {}),
            parent=data.get("parent"),
            coordinates=(float(coords[0]), float(coords[1])) if coords else None,
            titles=list(data.get("titles") or []),
        )
