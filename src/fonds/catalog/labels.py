"""Human labels for facet values: language codes, collection keys, archive codes and authority
keys as names. Shared by the reading room and the API, so both label a value alike."""

from __future__ import annotations

from fonds.catalog import profiles, queries
from fonds.core.languages import language_name


class Labels:
    """Looks names up once per request, in bulk: the values a page shows are preloaded, so a
    result page reads the names of its 30 collections, not of every collection in the archive."""

    def __init__(self) -> None:
        self._repositories: dict[str, str] | None = None
        self.names: dict[str, dict[str, str]] = {"collection": {}, "person": {}, "place": {}}

    def facet_value(self, key: str, value: str) -> str:
        if key == "lang":
            return language_name(value)
        if key == "repository":
            return self.repository(value)
        if key == "collection" and value not in self.names["collection"]:
            self.preload(key, [value])  # not preloaded: looked up alone
        if key in self.names:
            return self.names[key].get(value, value)
        return value

    def preload(self, key: str, values: list[str]) -> None:
        """Look up the names of a facet's collection or authority keys in one query."""
        known = self.names.get(key)
        if known is None:
            return
        missing = [v for v in values if v not in known]
        if not missing:
            return
        found = queries.collection_names(missing) if key == "collection" else profiles.names(key, missing)
        known.update(found)
        if key == "collection":  # a key with no collection is remembered as itself, not asked again
            known.update({v: v for v in missing if v not in found})

    def repository(self, key: str) -> str:
        """``AVPRF (Archive of Foreign Policy of the Russian Federation)``, or the key alone."""
        if self._repositories is None:
            self._repositories = queries.repository_names()
        name = self._repositories.get(key)
        return f"{key} ({name})" if name and name != key else key
