"""Machine-readable citation metadata for a document page: meta tags, COinS and JSON-LD.

Reference managers read a page in one of three ways, and the page offers all three:

* **Meta tags** (Highwire Press ``citation_*``, Dublin Core ``DC.*``), read by Zotero's "Embedded
  Metadata" translator and by Google Scholar. Only tags that translator reads are written (its
  ``HIGHWIRE_MAPPINGS``: title, author, date, publisher, language, abstract, keywords, public
  and abstract-page URLs, PDF URL). Highwire has no tag for an archive, so the Zotero fields with
  no Highwire or DC equivalent travel in Zotero's own RDF namespace, which the same translator
  passes to its RDF importer: ``z:itemType`` (``manuscript``), ``z:archive`` and
  ``z:archiveLocation``. ``DC.contributor`` is not written for the translator: Zotero's RDF
  importer reads it as an *author* when there is no ``DC.creator``.
* **COinS** (a ``span.Z3988`` holding an OpenURL ContextObject), read by Zotero's COinS
  translator, which runs *before* Embedded Metadata (priority 300 against 320) and so decides
  what a one-click save stores. Its format is ``info:ofi/fmt:kev:mtx:dc`` with ``rft.type=
  manuscript``: Zotero's parser turns mtx:dc into a web page unless ``rft.type`` names a Zotero
  item type, and Zotero writes exactly this form itself for manuscripts. The book and journal
  formats would make the document a book (with a publisher it does not have) or an article.
  COinS has no key for an archive or a location in it; those reach Zotero through the meta tags
  (the "Embedded Metadata" choice of the Zotero button) and the RIS/BibTeX/CSL-JSON downloads.
* **JSON-LD** (schema.org ``ArchiveComponent``, a ``CreativeWork`` held by an archive), for
  search engines and linked-data harvesters.

Everything comes from :mod:`fonds.core.cite`, so these agree with the rendered citations.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from fonds.core import cite
from fonds.core.record import RecordData

DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
ZOTERO = "http://www.zotero.org/namespaces/export#"


@dataclass
class PageMetadata:
    """The metadata of one document page, ready for the template."""

    meta: list[tuple[str, str]]  # (name, content), in page order
    schemas: list[tuple[str, str]]  # (<link rel="schema.X">, namespace URI)
    coins: str  # the ContextObject, KEV-encoded (unescaped: the template escapes it)
    json_ld: dict[str, Any] = field(default_factory=dict)

    @property
    def head(self) -> SafeString:
        """The ``<link>``, ``<meta>`` and ``<script type="application/ld+json">`` elements."""
        links = format_html_join("\n  ", '<link rel="schema.{}" href="{}">', self.schemas)
        metas = format_html_join("\n  ", '<meta name="{}" content="{}">', self.meta)
        script = mark_safe(f'<script type="application/ld+json">{json_ld_text(self.json_ld)}</script>')
        return format_html("{}\n  {}\n  {}", links, metas, script)

    @property
    def coins_span(self) -> SafeString:
        """The COinS element: an empty ``<span class="Z3988">`` whose title is the ContextObject."""
        return format_html('<span class="Z3988" title="{}"></span>', self.coins)


def page_metadata(
    record: RecordData, url: str, site_name: str, *, site_url: str | None = None, pdf_url: str | None = None
) -> PageMetadata:
    """Meta tags, COinS and JSON-LD for ``record`` published at ``url`` (absolute) by ``site_name``."""
    return PageMetadata(
        meta=meta_tags(record, url, site_name, pdf_url=pdf_url),
        schemas=[("DC", DC), ("DCTERMS", DCTERMS), ("z", ZOTERO)],
        coins=coins(record, url, site_name),
        json_ld=json_ld(record, url, site_name, site_url=site_url),
    )


# --- meta tags ------------------------------------------------------------------------------------


def meta_tags(record: RecordData, url: str, site_name: str, *, pdf_url: str | None = None) -> list[tuple[str, str]]:
    """Highwire ``citation_*``, Zotero ``z:*`` and Dublin Core ``DC.*`` tags, empty ones left out."""
    authors = [cite.display_name(cite.parse_name(a.name, inverted=True)) for a in record.authors]
    language = cite.cited_language(record)
    location = cite.archive_location(record)
    archive = record.repository.name or record.repository.code if record.repository else None
    subjects = [s.name for s in record.subjects]
    slash_date, iso_date = _dates(record)
    tags: list[tuple[str, str | None]] = [
        ("citation_title", record.title),
        *[("citation_author", a) for a in authors],
        ("citation_date", slash_date),
        ("citation_publication_date", slash_date),
        ("citation_publisher", site_name),
        ("citation_language", language),
        ("citation_abstract", record.summary),
        ("citation_keywords", "; ".join(subjects)),
        ("citation_abstract_html_url", url),
        ("citation_public_url", url),
        ("citation_pdf_url", pdf_url),
        ("z:itemType", "manuscript"),
        ("z:archive", archive),
        ("z:archiveLocation", location),
        ("DC.title", record.title),
        *[("DC.creator", a) for a in authors],
        ("DC.date", iso_date),
        ("DCTERMS.created", record.date),
        ("DC.type", record.type),
        ("DC.language", language),
        ("DC.publisher", site_name),
        ("DC.identifier", url),
        ("DC.identifier", record.id),
        ("DC.source", record.source),
        ("DC.description", record.summary),
        ("DC.rights", record.rights),
        *[("DC.subject", s) for s in subjects],
    ]
    return [(name, " ".join(value.split())) for name, value in tags if value and value.strip()]


def _dates(record: RecordData) -> tuple[str | None, str | None]:
    """The record's (first) date as Highwire writes it ("1957/12/20") and as W3CDTF ("1957-12-20")."""
    issued = cite.issued(record)
    if not issued:
        return None, None
    first = issued["date-parts"][0]
    slash = "/".join(f"{p:02d}" if i else f"{p:04d}" for i, p in enumerate(first))
    return slash, slash.replace("/", "-")


# --- COinS ----------------------------------------------------------------------------------------


def coins(record: RecordData, url: str, site_name: str) -> str:
    """The record as an OpenURL 1.0 ContextObject in KEV form (Dublin Core format, type manuscript)."""
    authors = [cite.display_name(cite.parse_name(a.name, inverted=True)) for a in record.authors]
    translators = [cite.display_name(n) for n in cite.translator_names(record)]
    _, iso_date = _dates(record)
    pairs: list[tuple[str, str | None]] = [
        ("ctx_ver", "Z39.88-2004"),
        ("url_ver", "Z39.88-2004"),
        ("rft_val_fmt", "info:ofi/fmt:kev:mtx:dc"),
        ("rft_id", url),
        ("rft.type", "manuscript"),
        ("rft.title", record.title),
        *[("rft.creator", a) for a in authors],
        *[("rft.contributor", t) for t in translators],
        ("rft.date", iso_date),
        ("rft.publisher", site_name),
        ("rft.source", record.source),
        ("rft.identifier", url),
        ("rft.language", cite.cited_language(record)),
        ("rft.description", record.summary),
        ("rft.rights", record.rights),
        *[("rft.subject", s.name) for s in record.subjects],
    ]
    # Every value percent-encoded, spaces as %20: Zotero's parser splits on "&" and "=" before
    # decoding and reads "+" as a space.
    return "&".join(f"{key}={quote(' '.join(value.split()), safe='')}" for key, value in pairs if value and value.strip())


# --- JSON-LD --------------------------------------------------------------------------------------


def json_ld(record: RecordData, url: str, site_name: str, *, site_url: str | None = None) -> dict[str, Any]:
    """The record as a schema.org ``ArchiveComponent``: an archival item held by an archive."""
    language = cite.cited_language(record)
    _, iso_date = _dates(record)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ArchiveComponent",
        "@id": url,
        "url": url,
        "name": record.title,
        "identifier": [{"@type": "PropertyValue", "propertyID": "record", "value": record.id}],
    }
    location = cite.archive_location(record)
    if location:
        data["identifier"].append({"@type": "PropertyValue", "propertyID": "archival reference", "value": location})
        data["itemLocation"] = location
    if iso_date:
        data["dateCreated"] = iso_date
    if record.date:
        data["temporalCoverage"] = record.date  # EDTF, qualifiers and intervals included
    if record.type:
        data["genre"] = record.type
    if language:
        data["inLanguage"] = language
    originals = [code for code in record.original_language if code != language]
    if originals:
        data["translationOfWork"] = {"@type": "CreativeWork", "inLanguage": originals[0] if len(originals) == 1 else originals}
    if record.authors:
        data["author"] = [_person(cite.parse_name(a.name, inverted=True)) for a in record.authors]
    if record.translator:
        data["translator"] = [_person(n) for n in cite.translator_names(record)]
    if record.repository and (record.repository.name or record.repository.code):
        holding: dict[str, Any] = {"@type": "ArchiveOrganization", "name": record.repository.name or record.repository.code}
        if record.repository.code and record.repository.name:
            holding["alternateName"] = record.repository.code
        data["holdingArchive"] = holding
    if record.place:
        data["locationCreated"] = {"@type": "Place", "name": record.place}
    if record.summary:
        data["description"] = record.summary
    if record.source:
        data["citation"] = record.source  # the archival citation as published
    if record.credit:
        data["creditText"] = record.credit
    if record.rights:
        data["copyrightNotice"] = record.rights
    if record.collections:
        data["isPartOf"] = [{"@type": "Collection", "name": c.name, "identifier": c.id} for c in record.collections]
    if record.subjects:
        data["about"] = [{"@type": "Thing", "name": s.name, "identifier": s.id} for s in record.subjects]
        data["keywords"] = [s.name for s in record.subjects]
    # ``people`` holds people and organisations alike (a record's Ref does not say which): Thing.
    mentions = [{"@type": "Thing", "name": p.name, "identifier": p.id} for p in record.people]
    mentions += [{"@type": "Place", "name": p.name, "identifier": p.id} for p in record.places]
    if mentions:
        data["mentions"] = mentions
    publisher: dict[str, Any] = {"@type": "Organization", "name": site_name}
    if site_url:
        publisher["url"] = site_url
    data["publisher"] = publisher
    return data


def _person(name: dict[str, str]) -> dict[str, str]:
    """A CSL name as a schema.org Person: the name in reading order, with its parts when known."""
    if "literal" in name:
        return {"@type": "Person", "name": name["literal"]}
    person = {"@type": "Person", "name": " ".join(p for p in (name.get("given"), name["family"], name.get("suffix")) if p)}
    person["familyName"] = name["family"]
    if name.get("given"):
        person["givenName"] = name["given"]
    return person


def json_ld_text(data: dict[str, Any]) -> str:
    """JSON for a ``<script>`` element: ``<``, ``>`` and ``&`` escaped as ``\\u003c`` etc., so no value
    can close the script (``</script>``) or open a comment (``<!--``); the JSON means the same."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


__all__ = ["PageMetadata", "coins", "json_ld", "json_ld_text", "meta_tags", "page_metadata"]
