"""Loading XML from archives without trusting it: no DTDs, no entities, no network, no huge trees.

An XML file can ask its reader to fetch other files (``<!ENTITY x SYSTEM "file:///etc/passwd">``,
``http://`` DTDs) or to expand a few bytes into gigabytes (the "billion laughs" of nested internal
entities). fonds reads archive exports, not XML applications, so it needs none of that: the parser
below never loads a DTD, never touches the network, never substitutes an entity and keeps libxml2's
size limits (``huge_tree=False``). A file that declares entities anyway is refused outright, with
the file's line of the first ``<!ENTITY``, rather than read with its entities silently dropped.

The module is format-neutral: any XML parser of :mod:`fonds.ingest` (TEI, EAD, METS) can use
:func:`parse_xml`.
"""

from __future__ import annotations

import re

from lxml import etree

from fonds.ingest.base import Code, ParseError

__all__ = ["MALFORMED_XML", "UNSAFE_XML", "parse_xml", "safe_parser"]

# Rejection codes (strings until fonds.ingest.base.Code grows matching constants).
UNSAFE_XML = Code.UNSAFE_XML
MALFORMED_XML = Code.MALFORMED_XML


def safe_parser() -> etree.XMLParser:
    """A fresh lxml parser that never resolves entities, loads DTDs or reaches the network.

    The text is always handed over as UTF-8 bytes (see :func:`parse_xml`), so the encoding named in
    the XML declaration is overridden rather than trusted a second time.
    """
    return etree.XMLParser(
        encoding="utf-8",
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        # libxml2 would reject a whole file for one duplicate xml:id; callers report duplicates
        # per element instead (and skipping the ID table is faster).
        collect_ids=False,
    )


# An entity declaration in a DOCTYPE's internal subset (general or parameter entity).
_ENTITY_DECL = re.compile(rb"""<!ENTITY\s+(?:%\s+)?([^\s"'>]+)\s*(?:SYSTEM|PUBLIC)?\s*(?:"([^"]*)"|'([^']*)')?""")


def _refuse_entities(data: bytes) -> None:
    """Refuse a DOCTYPE that declares entities before libxml2 sees it (so no bomb is ever built)."""
    doctype = data.find(b"<!DOCTYPE")
    if doctype < 0:
        return
    end = data.find(b"]>", doctype)
    match = _ENTITY_DECL.search(data, doctype, len(data) if end < 0 else end)
    if match is None:
        return
    name = match.group(1).decode("utf-8", "replace")
    target = (match.group(2) or match.group(3) or b"").decode("utf-8", "replace")
    external = b"SYSTEM" in match.group(0) or b"PUBLIC" in match.group(0)
    what = f'SYSTEM "{target}"' if external else "an internal entity; nested ones are entity bombs"
    raise ParseError(
        UNSAFE_XML,
        f"the DOCTYPE declares the entity {name!r} ({what}); fonds never expands or fetches XML "
        "entities: remove the DOCTYPE's entity declarations",
        line=data.count(b"\n", 0, match.start()) + 1,
        element=f"!ENTITY {name}",
    )


def parse_xml(text: str) -> etree._ElementTree:
    """Parse ``text`` safely; raise :class:`ParseError` for malformed or unsafe XML.

    * not well-formed: code ``malformed_xml`` with lxml's message and line;
    * a DOCTYPE that declares entities (external ones could read local files or URLs, nested
      internal ones are entity bombs): code ``unsafe_xml``, naming the first entity and its line;
    * a reference to an entity that no one declares (it would need an external DTD): ``unsafe_xml``.
    """
    data = text.encode("utf-8")
    _refuse_entities(data)
    try:
        tree = etree.fromstring(data, safe_parser()).getroottree()
    except etree.XMLSyntaxError as exc:
        message = exc.msg or str(exc)
        raise ParseError(MALFORMED_XML, f"not well-formed XML: {message}", line=exc.lineno) from None
    dtd = tree.docinfo.internalDTD
    for entity in dtd.iterentities() if dtd is not None else ():  # a declaration the scan missed
        raise ParseError(
            UNSAFE_XML,
            f"the DOCTYPE declares the entity {entity.name!r}; fonds never expands or fetches XML entities",
            element=f"!ENTITY {entity.name}",
        )
    for ref in tree.getroot().iter(etree.Entity):
        raise ParseError(
            UNSAFE_XML,
            f"the file uses the entity {ref.text} that only an external DTD could define; fonds "
            "never loads DTDs: replace it with the character it stands for",
            line=ref.sourceline,
            element=ref.text,
        )
    return tree
