"""OAI-PMH 2.0 provider: lets harvesters (aggregators, library catalogues) copy the catalogue.

- :mod:`fonds.oai.protocol` — verbs, arguments, error codes, datestamps, identifiers, setSpecs.
- :mod:`fonds.oai.tokens` — stateless resumption tokens and the page size.
- :mod:`fonds.oai.formats` — the ``oai_dc`` and ``mods`` crosswalks.
- :mod:`fonds.oai.views` — the ``/oai`` endpoint.

Rules chosen where the specification leaves a choice:

- Identifiers are ``oai:<host>:<record id>`` with the host of the request (port dropped); record
  ids keep "/" and ":" and %-escape what RFC 2396 does not allow (and "%" itself).
- Datestamps are the record's last change (``updated_at``) or its deletion, UTC, to the second.
- Sets are collections; a child's setSpec is ``parent:child``; a set holds the records of its
  collection and of every collection below it. Keys outside the setSpec alphabet are ``~XX``-escaped.
- Deleted records are kept (``deletedRecord`` = persistent) and listed with ``status="deleted"``.
"""
