"""Human labels for facet values: language codes, collection keys, archive codes and authority
keys as names. Shared by the reading room and the API, so both label a value alike."""

from __future__ import annotations

from fonds.catalog import profiles, queries
from fonds.core.languages import language_name


class Labels:
    """Looks names up once per request, in bulk, the first time a page asks for one."""

    def __init__(self) -> None:
        self._collections: dict[str, str] | None = None
        self._repositories: dict[str, str] | None = None
        self.names: dict[str, str] = {}

    def facet_value(self, key: str, value: str) -> str:
        if key == "lang":
            return language_name(value)
        if key == "collection":
            if self._collections is None:
                self._collections = queries.collection_names()
            return self._collections.get(value, value)
        if key == "repository":
            return self.repository(value)
        if key in ("person", "place"):
            return self.names.get(value, value)
        return value

    def preload(self, key: str, values: list[str]) -> None:
        """Look up the names of a facet's authority keys in one query."""
        if key in ("person", "place") and values:
            self.names.update(profiles.names(key, values))

    def repository(self, key: str) -> str:
        """``AVPRF (Archive of Foreign Policy of the Russian Federation)``, or the key alone."""
        if self._repositories is None:
            self._repositories = queries.repository_names()
        name = self._repositories.get(key)
        return f"{key} ({name})" if name and name != key else key
