"""Storing authority records (people, organisations, places, subjects) and reading them back.

Authorities come from authority files (the Office of the Historian's people records, the
project's curated file); each is created, updated or left unchanged by content hash, like a
record. A document's link may also seed a bare authority (name and description only); an
authority file's version then completes it and marks it ``curated``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

from django.db import DatabaseError, transaction
from django.utils import timezone

from fonds.core.authority import ORGANISATION, PERSON, PLACE, SUBJECT, AuthorityData, Variant
from fonds.core.variants import match_key, variants
from fonds.catalog import models as m
from fonds.catalog.services import Outcome, Status

MIN_VARIANT_LETTERS = 2


class AuthorityNotFound(LookupError):
    pass


def model_for(kind: str):
    if kind in (PERSON, ORGANISATION):
        return m.Agent
    if kind == PLACE:
        return m.Place
    if kind == SUBJECT:
        return m.Subject
    raise ValueError(f"unknown authority kind {kind!r}")


def digest(data: AuthorityData) -> str:
    blob = json.dumps(data.to_json(), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def problems(data: AuthorityData) -> list[str]:
    """What makes an authority unsafe to store or to link with, in words a user can act on."""
    found = []
    if not data.id or not data.id.strip():
        found.append("the authority has no id")
    if not data.name or not data.name.strip():
        found.append("the authority has an empty name")
    for v in data.variants:
        letters = sum(ch.isalnum() for ch in v.name)
        if letters < MIN_VARIANT_LETTERS:
            found.append(f"variant {v.name!r} is too short to link safely (at least {MIN_VARIANT_LETTERS} letters)")
    if data.parent and data.parent == data.id:
        found.append("a place cannot be its own parent")
    return found


def save_authorities(items: Sequence[AuthorityData]) -> list[Outcome]:
    """Store authorities, each in its own savepoint; a bad one fails alone with the reason."""
    outcomes: list[Outcome] = []
    with transaction.atomic():
        for data in items:
            trouble = problems(data)
            if trouble:
                outcomes.append(Outcome(data.id, Status.FAILED, "; ".join(trouble)))
                continue
            try:
                with transaction.atomic():
                    outcomes.append(_save(data))
            except (DatabaseError, ValueError) as exc:
                outcomes.append(Outcome(data.id, Status.FAILED, f"could not store: {exc}"))
    return outcomes


def _save(data: AuthorityData) -> Outcome:
    model = model_for(data.kind)
    for other in {m.Agent, m.Place, m.Subject} - {model}:
        if other.objects.filter(key=data.id, curated=True).exists():
            raise ValueError(f"id {data.id!r} is already a curated {other.__name__.lower()}")
    value = digest(data)
    obj = model.objects.filter(key=data.id).first()
    if obj is not None and obj.curated and obj.content_hash == value:
        return Outcome(data.id, Status.UNCHANGED, digest=value)
    fields = dict(
        name=data.name,
        description=data.description or "",
        variants=[v.to_json() for v in data.variants],
        start=data.start or "",
        end=data.end or "",
        external_ids=dict(data.external_ids),
        titles=list(data.titles),
        derived=derive(data),
        curated=True,
        content_hash=value,
        updated_at=timezone.now(),
    )
    if model is m.Agent:
        fields["kind"] = data.kind
    if model is m.Place:
        fields["parent"] = _parent(data)
        fields["latitude"], fields["longitude"] = data.coordinates or (None, None)
    created = obj is None
    if created:
        model.objects.create(key=data.id, **fields)
    else:
        model.objects.filter(pk=obj.pk).update(**fields)
    return Outcome(data.id, Status.CREATED if created else Status.UPDATED, digest=value)


def derive(data: AuthorityData) -> list[dict[str, str]]:
    """Rule-derived spellings of an authority's name that its recorded spellings do not cover."""
    kind = "place" if data.kind == PLACE else "organisation" if data.kind == ORGANISATION else "person"
    if data.kind == SUBJECT:
        return []
    known = {match_key(data.name), *(match_key(v.name) for v in data.variants)}
    out = []
    for spelling, rule in variants(data.name, kind):
        key = match_key(spelling)
        if key and key not in known:
            known.add(key)
            out.append({"name": spelling, "source": rule})
    return out


def spellings(obj) -> list[str]:
    """Every spelling of a stored authority: its name, recorded variants, derived variants."""
    return list(dict.fromkeys([obj.name, *(v["name"] for v in obj.variants), *(v["name"] for v in obj.derived)]))


def _parent(data: AuthorityData) -> m.Place | None:
    """The parent place, created bare if not yet known; refuses a parent that would make a cycle."""
    if not data.parent:
        return None
    parent, _ = m.Place.objects.get_or_create(key=data.parent, defaults={"name": data.parent})
    seen = {data.id}
    node: m.Place | None = parent
    while node is not None:
        if node.key in seen:
            chain = " → ".join([data.id, *_chain(parent, data.id)])
            raise ValueError(f"parent {data.parent!r} would make a cycle in the place hierarchy ({chain})")
        seen.add(node.key)
        node = node.parent
    return parent


def _chain(start: m.Place, stop: str) -> list[str]:
    out, node = [], start
    while node is not None and len(out) < 50:
        out.append(node.key)
        if node.key == stop:
            break
        node = node.parent
    return out


def get_authority(key: str) -> AuthorityData:
    """One authority as plain data, whatever its kind; raises :class:`AuthorityNotFound`."""
    for model in (m.Agent, m.Place, m.Subject):
        obj = model.objects.filter(key=key).select_related(*(["parent"] if model is m.Place else [])).first()
        if obj is not None:
            return to_data(obj)
    raise AuthorityNotFound(key)


def to_data(obj) -> AuthorityData:
    kind = obj.kind if isinstance(obj, m.Agent) else PLACE if isinstance(obj, m.Place) else SUBJECT
    coords = None
    if isinstance(obj, m.Place) and obj.latitude is not None and obj.longitude is not None:
        coords = (obj.latitude, obj.longitude)
    return AuthorityData(
        id=obj.key,
        kind=kind,
        name=obj.name,
        variants=[Variant(**v) for v in obj.variants],
        description=obj.description or None,
        start=obj.start or None,
        end=obj.end or None,
        external_ids=dict(obj.external_ids),
        parent=obj.parent.key if isinstance(obj, m.Place) and obj.parent else None,
        coordinates=coords,
        titles=list(obj.titles),
    )
