"""The record as plain data: the one shape every layer passes around.

Parsers produce a :class:`RecordData`; the catalog stores it; ``fonds show --format json`` and the
JSONL export print :meth:`RecordData.to_json`; the JSONL import reads it back with
:meth:`RecordData.from_json`. docs/record-format.md documents every field.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

import orjson


@dataclass(frozen=True)
class Ref:
    """A link to an authority (person, organisation, place, subject): a stable id and a name.

    ``description`` is what the source says of the authority ("Secretary of State"); it seeds the
    authority record the first time the id is seen.
    """

    id: str
    name: str
    description: str | None = None

    def to_json(self) -> dict[str, str | None]:
        return {"id": self.id, "name": self.name, "description": self.description}


@dataclass(frozen=True)
class Note:
    """A footnote, kept apart from the text and anchored where its marker stood.

    ``paragraph`` is the index in ``paragraphs`` and ``offset`` the character position in that
    paragraph; both are None for a note on the title or the source note.
    """

    n: str
    text: str
    paragraph: int | None = None
    offset: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"n": self.n, "text": self.text, "paragraph": self.paragraph, "offset": self.offset}


@dataclass(frozen=True)
class PageBreak:
    """Where a page of the printed or archival original begins: page ``n`` starts at
    ``offset`` characters into paragraph ``paragraph``."""

    n: str
    paragraph: int
    offset: int = 0

    def to_json(self) -> dict[str, Any]:
        return {"n": self.n, "paragraph": self.paragraph, "offset": self.offset}


@dataclass(frozen=True)
class Transcript:
    """Another text of the document: the original-language transcript, or another translation.

    ``html`` is sanitised HTML (a safe tag set, no style or script); ``language`` an ISO 639 code.
    """

    language: str | None
    html: str
    kind: str = "transcript"  # "transcript" (original language) or "translation"

    def to_json(self) -> dict[str, Any]:
        return {"language": self.language, "kind": self.kind, "html": self.html}


@dataclass(frozen=True)
class CollectionRef:
    """A collection a record belongs to; ``parent`` is the id of the enclosing collection."""

    id: str
    name: str
    parent: str | None = None

    def to_json(self) -> dict[str, str | None]:
        return {"id": self.id, "name": self.name, "parent": self.parent}


@dataclass(frozen=True)
class Repository:
    """The archive holding the original: a short code (e.g. ``AVPRF``) and its full name."""

    code: str | None
    name: str | None

    def to_json(self) -> dict[str, str | None]:
        return {"code": self.code, "name": self.name}


# Fields that are lists of names or refs; a missing one is [] rather than null.
LIST_FIELDS = (
    "paragraphs",
    "original_language",
    "donors",
    "collections",
    "authors",
    "people",
    "places",
    "subjects",
    "keywords",
    "notes",
    "page_breaks",
    "transcripts",
)


@dataclass
class RecordData:
    """One archival record as plain data. ``id`` is the archive's record id (unique)."""

    id: str
    title: str
    date: str | None = None  # EDTF
    date_start: str | None = None  # ISO date, derived from ``date``
    date_end: str | None = None  # ISO date, derived from ``date``
    date_display: str | None = None  # as the source wrote it, or a readable form of ``date``
    type: str | None = None
    summary: str | None = None
    credit: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    original_language: list[str] = field(default_factory=list)  # ISO 639-1 (or -3) codes
    translation_language: str | None = None  # ISO 639 code of the text in ``paragraphs``
    source: str | None = None  # the archival citation exactly as published
    repository: Repository | None = None
    reference: dict[str, str] = field(default_factory=dict)  # parsed parts: fond, opis, delo, listy...
    translator: str | None = None
    translated_for: str | None = None
    rights: str | None = None
    uploaded: str | None = None  # ISO date the original archive first published it
    classification: str | None = None
    original_archive: str | None = None  # the "Original Archive" line, verbatim
    place: str | None = None  # where the document was written (a dateline's place)
    sender: str | None = None  # as the document names them: "The Secretary of State"
    recipient: str | None = None
    signer: str | None = None
    donors: list[str] = field(default_factory=list)
    collections: list[CollectionRef] = field(default_factory=list)
    authors: list[Ref] = field(default_factory=list)
    people: list[Ref] = field(default_factory=list)
    places: list[Ref] = field(default_factory=list)
    subjects: list[Ref] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    page_breaks: list[PageBreak] = field(default_factory=list)
    transcripts: list[Transcript] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The full text: paragraphs separated by a blank line."""
        return "\n\n".join(self.paragraphs)

    def to_json(self) -> dict[str, Any]:
        """The record in the documented JSON shape (``fonds show --format json``)."""
        out: dict[str, Any] = {}
        for name in _field_names(type(self)):
            value = getattr(self, name)
            if name == "paragraphs":
                out["text"] = self.text
            if isinstance(value, list):
                out[name] = [v.to_json() if hasattr(v, "to_json") else v for v in value]
            elif hasattr(value, "to_json"):
                out[name] = value.to_json()
            else:
                out[name] = value
        if self.repository is None:
            out["repository"] = {"code": None, "name": None}
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RecordData:
        """Rebuild a record from :meth:`to_json` output. Unknown keys raise ``ValueError``."""
        known = _known_keys(cls)
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"unknown field(s): {', '.join(unknown)}")
        if not isinstance(data.get("id"), str) or not data["id"].strip():
            raise ValueError("field 'id' must be a non-empty string")
        if not isinstance(data.get("title"), str):
            raise ValueError("field 'title' must be a string")
        kwargs: dict[str, Any] = {k: v for k, v in data.items() if k != "text" and k in known}
        if "paragraphs" not in data and data.get("text"):
            kwargs["paragraphs"] = [p for p in str(data["text"]).split("\n\n")]
        repo = data.get("repository")
        kwargs["repository"] = (
            Repository(code=repo.get("code"), name=repo.get("name"))
            if isinstance(repo, dict) and (repo.get("code") or repo.get("name"))
            else None
        )
        try:
            kwargs["collections"] = [CollectionRef(**c) for c in data.get("collections") or []]
            for key in ("authors", "people", "places", "subjects"):
                kwargs[key] = [Ref(**r) for r in data.get(key) or []]
            kwargs["notes"] = [Note(**n) for n in data.get("notes") or []]
            kwargs["page_breaks"] = [PageBreak(**p) for p in data.get("page_breaks") or []]
            kwargs["transcripts"] = [Transcript(**t) for t in data.get("transcripts") or []]
        except TypeError as exc:
            raise ValueError(f"malformed nested field: {exc}") from None
        for key in LIST_FIELDS:
            if kwargs.get(key) is None:
                kwargs[key] = []
        kwargs["reference"] = dict(data.get("reference") or {})
        return cls(**kwargs)

    def content_hash(self) -> str:
        """A stable digest of every field, used to tell an unchanged re-import from an update.

        The digest is SHA-256 of :meth:`to_json` without ``text`` (it is derived from
        ``paragraphs`` and would double the work), as compact JSON with sorted keys and no ASCII
        escaping. Digests are stored, so these bytes must never change. For strings, ints,
        booleans, None, lists and string-keyed dicts — all a record normally holds — orjson
        writes exactly what ``json.dumps(sort_keys=True, ensure_ascii=False,
        separators=(",", ":"))`` writes, about three times faster. Anything else (a float, which
        the two write differently; an object; a subclass) and anything orjson refuses (a lone
        surrogate, an int beyond 64 bits) goes through the standard library as before.
        """
        data = self._hash_json()
        blob = None
        if _plain_json(data):
            try:
                blob = orjson.dumps(data, option=orjson.OPT_SORT_KEYS)
            except TypeError:  # orjson.JSONEncodeError
                blob = None
        if blob is None:
            data = self.to_json()
            del data["text"]
            blob = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return hashlib.sha256(blob).hexdigest()

    def _hash_json(self) -> dict[str, Any]:
        """:meth:`to_json` without ``text``, walked over the field names read once (the generic
        walk over ``dataclasses.fields`` cost more than the hashing). A list goes in as it is
        unless it holds refs, notes and the like: were an item anything but plain data,
        :meth:`content_hash` falls back to ``to_json``. tests/core/test_record_hash.py checks
        both paths give the same digest."""
        out: dict[str, Any] = {}
        for name in _field_names(type(self)):
            value = getattr(self, name)
            kind = type(value)
            if kind is list:
                if value and type(value[0]) in _JSON_TYPES:
                    value = [v.to_json() if type(v) in _JSON_TYPES else v for v in value]
            elif kind in _JSON_TYPES:
                value = value.to_json()
            out[name] = value
        if self.repository is None:
            out["repository"] = {"code": None, "name": None}
        return out


# The record's parts that write themselves with to_json().
_JSON_TYPES = (Ref, CollectionRef, Note, PageBreak, Transcript, Repository)

_SCALARS = (str, int, bool, type(None))


def _plain_json(value: Any) -> bool:
    """Whether ``value`` holds only str, int, bool, None, lists, tuples and dicts with str keys
    (exact types, no subclasses): the values orjson and json.dumps write alike. Two levels are
    checked inline (a record's dict, its lists and refs) to keep calls few."""
    t = type(value)
    if t is dict:
        if not all(type(k) is str for k in value):
            return False
        items = value.values()
    elif t is list or t is tuple:
        items = value
    else:
        return t in _SCALARS
    for v in items:
        t = type(v)
        if t in _SCALARS:
            continue
        if t is list or t is tuple:
            for w in v:
                if type(w) is not str and not _plain_json(w):
                    return False
        elif t is dict:
            for k, w in v.items():
                if type(k) is not str or (type(w) not in _SCALARS and not _plain_json(w)):
                    return False
        else:
            return False
    return True


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    """A dataclass's field names in order (read once: ``dataclasses.fields`` is slow)."""
    return tuple(f.name for f in dataclasses.fields(cls))


@functools.cache
def _known_keys(cls: type) -> frozenset[str]:
    """The keys :meth:`RecordData.from_json` accepts."""
    return frozenset(_field_names(cls)) | {"text"}


# The longest value each short field may hold (the catalogue's columns are sized from this table;
# PostgreSQL enforces the sizes, SQLite would not, so records are checked before they are stored).
LIMITS: dict[str, int] = {
    "id": 200,
    "date": 100,
    "date_display": 200,
    "type": 100,
    "translation_language": 20,
    "translator": 500,
    "translated_for": 300,
    "classification": 200,
    "original_archive": 500,
    "place": 300,
    "repository.code": 40,
    "repository.name": 300,
    "donor": 300,
    "collection.id": 200,
    "collection.name": 500,
    "authority.id": 200,
    "authority.name": 300,
}


def problems(record: RecordData) -> list[str]:
    """What would stop ``record`` from being stored faithfully, in words a user can act on.

    Checks the field sizes of :data:`LIMITS` and NUL characters (U+0000), which PostgreSQL cannot
    store and which mark binary junk in a text field.
    """
    found: list[str] = []

    def check(name: str, value: str | None, limit_key: str | None = None) -> None:
        if not value:
            return
        if "\x00" in value:
            found.append(f"{name} contains a NUL character (U+0000)")
        limit = LIMITS.get(limit_key or name)
        if limit is not None and len(value) > limit:
            found.append(f"{name} is {len(value)} characters long; at most {limit} fit")

    for key in ("id", "date", "date_display", "type", "translation_language", "translator", "translated_for",
                "classification", "original_archive", "place"):
        check(key, getattr(record, key))
    for key in ("title", "summary", "credit", "source", "rights", "sender", "recipient", "signer"):
        check(key, getattr(record, key))
    for i, p in enumerate(record.paragraphs):
        if "\x00" in p:
            found.append(f"paragraph {i + 1} contains a NUL character (U+0000)")
    if record.repository:
        check("repository code", record.repository.code, "repository.code")
        check("repository name", record.repository.name, "repository.name")
    for d in record.donors:
        check("donor", d)
    for c in record.collections:
        check("collection id", c.id, "collection.id")
        check("collection name", c.name, "collection.name")
    for key in ("authors", "people", "places", "subjects"):
        for ref in getattr(record, key):
            check(f"{key} id", ref.id, "authority.id")
            check(f"{key} name", ref.name, "authority.name")
    return found
