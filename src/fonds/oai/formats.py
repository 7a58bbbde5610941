"""Metadata formats: crosswalks from a record (:class:`~fonds.core.record.RecordData`) to XML.

Two formats are disseminated: ``oai_dc`` (simple Dublin Core, which OAI-PMH requires) and ``mods``
(MODS 3.7, which keeps what Dublin Core flattens: name roles, the EDTF date, the holding archive
and its shelf reference, the collections as host items). A crosswalk takes the record and a
:class:`Context` (what only the request knows: the stable URL, the site name, the datestamp) and
returns one lxml element, the root of the ``<metadata>`` content.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pycountry
from lxml import etree

from fonds.core.citations import parse_source
from fonds.core.languages import language_name
from fonds.core.record import RecordData
from fonds.oai.protocol import XSI_NS, xml_safe

OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC_NS = "http://purl.org/dc/elements/1.1/"
MODS_NS = "http://www.loc.gov/mods/v3"
XSI_SCHEMA_LOCATION = f"{{{XSI_NS}}}schemaLocation"


@dataclass(frozen=True)
class Context:
    """What a crosswalk needs besides the record."""

    url: str | None = None  # the record's stable URL on this site
    publisher: str | None = None  # the site name
    datestamp: str | None = None  # the OAI datestamp of the record (its last change)


@dataclass(frozen=True)
class MetadataFormat:
    prefix: str
    schema: str
    namespace: str
    crosswalk: Callable[[RecordData, Context], etree._Element]


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, tag, attrs)
    if text is not None:
        el.text = xml_safe(text)
    return el


def _unique(values: Iterable[str | None]) -> list[str]:
    return list(dict.fromkeys(v.strip() for v in values if v and v.strip()))


# --- Dublin Core -----------------------------------------------------------------------------------


def oai_dc(record: RecordData, ctx: Context) -> etree._Element:
    """Simple Dublin Core (``oai_dc:dc``) for a record."""
    root = etree.Element(f"{{{OAI_DC_NS}}}dc", nsmap={"oai_dc": OAI_DC_NS, "dc": DC_NS, "xsi": XSI_NS})
    root.set(XSI_SCHEMA_LOCATION, f"{OAI_DC_NS} http://www.openarchives.org/OAI/2.0/oai_dc.xsd")

    def dc(name: str, values: Iterable[str | None]) -> None:
        for value in _unique(values):
            _sub(root, f"{{{DC_NS}}}{name}", value)

    dc("title", [record.title])
    dc("creator", [a.name for a in record.authors])
    dc("contributor", [record.translator])
    # The EDTF as the source dated it; its first day as well when the EDTF is not itself a plain
    # ISO date ("1959~", "1957-11-14/1957-11-16"), for harvesters that read only ISO dates.
    dc("date", [record.date, record.date_start if record.date_start and record.date != record.date_start else None])
    dc("type", ["Text", record.type])
    dc("description", [record.summary])
    dc("language", record.original_language)
    dc("source", [record.source])
    dc("rights", [record.rights])
    dc("identifier", [ctx.url, record.id])
    dc("publisher", [ctx.publisher])
    dc("subject", [*(s.name for s in record.subjects), *(p.name for p in record.people), *record.keywords])
    dc("coverage", [*(p.name for p in record.places), record.date_display or record.date])
    dc("relation", [c.name for c in record.collections])
    return root


# --- MODS 3.7 ------------------------------------------------------------------------------------

# MARC relator terms and codes (https://id.loc.gov/vocabulary/relators).
_AUTHOR = ("author", "aut")
_TRANSLATOR = ("translator", "trl")


def _m(tag: str) -> str:
    return f"{{{MODS_NS}}}{tag}"


def _name(parent: etree._Element, name: str, role: tuple[str, str] | None = None) -> None:
    el = _sub(parent, _m("name"))
    _sub(el, _m("namePart"), name)
    if role:
        r = _sub(el, _m("role"))
        _sub(r, _m("roleTerm"), role[0], type="text", authority="marcrelator")
        _sub(r, _m("roleTerm"), role[1], type="code", authority="marcrelator")


def _language(parent: etree._Element, code: str, object_part: str | None = None) -> None:
    """A ``language`` element: the code in a vocabulary MODS 3.7 allows, and the English name."""
    el = _sub(parent, _m("language"))
    if object_part:
        el.set("objectPart", object_part)
    value, authority = _language_code(code)
    _sub(el, _m("languageTerm"), value, type="code", authority=authority)
    name = language_name(code)
    if name != code:
        _sub(el, _m("languageTerm"), name, type="text")


def _language_code(code: str) -> tuple[str, str]:
    """``(code, authority)``: MODS 3.7 has no ISO 639-1 authority, so a two-letter code (how records
    store a language that has one) becomes its ISO 639-2/B code, as library catalogues use; a
    three-letter code is stored from ISO 639-3 and stays as it is."""
    key = code.strip().lower()
    language = pycountry.languages.get(alpha_2=key) if len(key) == 2 else None
    if language is not None:
        return getattr(language, "bibliographic", None) or language.alpha_3, "iso639-2b"
    if len(key) == 3 and pycountry.languages.get(alpha_3=key) is not None:
        return key, "iso639-3"
    return code, "rfc5646"


def _shelf_reference(record: RecordData) -> str | None:
    """The archival reference (fond, opis, delo, ... as the source line wrote it)."""
    if record.source:
        text = parse_source(record.source).reference_text
        if text:
            return text.strip().rstrip(".,;")
    if record.reference:
        return ", ".join(f"{key} {value}" for key, value in record.reference.items())
    return None


def mods(record: RecordData, ctx: Context) -> etree._Element:
    """A MODS 3.7 description of a record."""
    root = etree.Element(_m("mods"), nsmap={None: MODS_NS, "xsi": XSI_NS})
    root.set("version", "3.7")
    root.set(XSI_SCHEMA_LOCATION, f"{MODS_NS} http://www.loc.gov/standards/mods/v3/mods-3-7.xsd")

    _sub(_sub(root, _m("titleInfo")), _m("title"), record.title)
    for author in _unique(a.name for a in record.authors):
        _name(root, author, _AUTHOR)
    if record.translator:
        _name(root, record.translator, _TRANSLATOR)

    _sub(root, _m("typeOfResource"), "text")
    if record.type:
        _sub(root, _m("genre"), record.type)

    if record.date or record.date_start or record.place:
        origin = _sub(root, _m("originInfo"), eventType="production")
        if record.place:
            _sub(_sub(origin, _m("place")), _m("placeTerm"), record.place, type="text")
        if record.date:
            _sub(origin, _m("dateCreated"), record.date, encoding="edtf", keyDate="yes")
        if record.date_start and (record.date != record.date_start or record.date_end != record.date_start):
            attrs = {} if record.date else {"keyDate": "yes"}
            _sub(origin, _m("dateCreated"), record.date_start, encoding="w3cdtf", point="start", **attrs)
            if record.date_end:
                _sub(origin, _m("dateCreated"), record.date_end, encoding="w3cdtf", point="end")

    for code in _unique(record.original_language):
        _language(root, code)
    if record.translation_language:
        _language(root, record.translation_language, "translation")

    # What the harvester links to (the record's page); the original's extent is not recorded.
    _sub(_sub(root, _m("physicalDescription")), _m("internetMediaType"), "text/html")

    if record.summary:
        _sub(root, _m("abstract"), record.summary)
    if record.source:
        _sub(root, _m("note"), record.source, type="source note", displayLabel="Source")
    if record.original_archive:
        _sub(root, _m("note"), record.original_archive, type="original location", displayLabel="Original archive")
    if record.classification:
        _sub(root, _m("note"), record.classification, displayLabel="Original classification")
    if record.credit:
        _sub(root, _m("note"), record.credit, type="funding")

    shelf = _shelf_reference(record)
    if (record.repository and record.repository.name) or shelf:
        location = _sub(root, _m("location"))
        if record.repository and record.repository.name:
            repo = record.repository
            _sub(location, _m("physicalLocation"), f"{repo.name} ({repo.code})" if repo.code else repo.name)
        if shelf:
            _sub(location, _m("shelfLocator"), shelf)
    if ctx.url:
        _sub(_sub(root, _m("location")), _m("url"), ctx.url, usage="primary", access="object in context")

    if record.rights:
        _sub(root, _m("accessCondition"), record.rights, type="use and reproduction")

    for person in _unique(p.name for p in record.people):
        _name(_sub(root, _m("subject")), person)
    for place in _unique(p.name for p in record.places):
        _sub(_sub(root, _m("subject")), _m("geographic"), place)
    for topic in _unique([*(s.name for s in record.subjects), *record.keywords]):
        _sub(_sub(root, _m("subject")), _m("topic"), topic)

    for collection in record.collections:
        host = _sub(root, _m("relatedItem"), type="host")
        _sub(_sub(host, _m("titleInfo")), _m("title"), collection.name)
        _sub(host, _m("identifier"), collection.id, type="local")

    _sub(root, _m("identifier"), record.id, type="local")
    if ctx.url:
        _sub(root, _m("identifier"), ctx.url, type="uri")

    info = _sub(root, _m("recordInfo"))
    if ctx.publisher:
        _sub(info, _m("recordContentSource"), ctx.publisher)
    if ctx.datestamp:
        _sub(info, _m("recordChangeDate"), ctx.datestamp, encoding="iso8601")
    _sub(info, _m("recordIdentifier"), record.id)
    return root


FORMATS: dict[str, MetadataFormat] = {
    f.prefix: f
    for f in (
        MetadataFormat("oai_dc", "http://www.openarchives.org/OAI/2.0/oai_dc.xsd", OAI_DC_NS, oai_dc),
        MetadataFormat("mods", "http://www.loc.gov/standards/mods/v3/mods-3-7.xsd", MODS_NS, mods),
    )
}


def formats_for(record_id: str | None = None) -> list[MetadataFormat]:
    """The formats a record (or, without an id, the repository) can be disseminated in.

    Every crosswalk accepts every record, deleted ones included (their headers still answer).
    """
    return list(FORMATS.values())
