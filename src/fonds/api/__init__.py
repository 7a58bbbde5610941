"""The public JSON API (``/api/v1/``): django-ninja over the catalogue's services and the search face.

Documents, people, places and collections are read from the database; ``/search`` and ``/facets``
ask the same engine, with the same parameters, as the reading room's ``/search``. Every error answers
in the shared envelope ``{"ok": false, "error": "...", "status": N}`` (see :mod:`fonds.api.errors`).
"""
