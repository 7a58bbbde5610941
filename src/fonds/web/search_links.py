"""Links to variations of one search: a facet value toggled, another page, sort or date range.

A result page carries a hundred or more of them (every facet value is a link), so the request's
parameters are URL-encoded once and each link only joins encoded pieces: the URLs are the ones
``reverse`` + ``urlencode`` would give, in the same parameter order, at a fraction of the cost.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote_plus

from django.http import HttpRequest
from django.urls import reverse


@lru_cache(maxsize=8192)  # facet values recur from one result page to the next
def _pair(key: str, value: str) -> str:
    return f"{quote_plus(key)}={quote_plus(value)}"


class SearchLinks:
    def __init__(self, request: HttpRequest):
        self.base = {k: [v for v in request.GET.getlist(k) if v] for k in request.GET if k != "format"}
        self._encoded = {k: [_pair(k, v) for v in vs] for k, vs in self.base.items()}
        self._prefix = reverse("search")

    def toggle(self, key: str, value: str) -> str:
        """This search with ``key=value`` added, or removed when present; back to page one."""
        groups = {k: pairs for k, pairs in self._encoded.items() if k != "page"}
        current = self.base.get(key, []) if key in groups else []
        if value in current:
            i = current.index(value)
            groups[key] = groups[key][:i] + groups[key][i + 1 :]
        else:
            groups[key] = [*groups.get(key, []), _pair(key, value)]
        return self._url(groups)

    def with_(self, **changes: object) -> str:
        """This search with each named parameter set to one value, or dropped when ``None``."""
        groups = dict(self._encoded)
        for key, value in changes.items():
            if value is None:
                groups.pop(key, None)
            else:
                groups[key] = [_pair(key, str(value))]
        return self._url(groups)

    def export(self, fmt: str) -> str:
        """All hits of this search as a CSV or JSON download (no page or page size)."""
        query = "&".join(p for k, pairs in self._encoded.items() if k not in ("page", "per_page") for p in pairs)
        return reverse("search-export", kwargs={"fmt": fmt}) + (f"?{query}" if query else "")

    def _url(self, groups: dict[str, list[str]]) -> str:
        query = "&".join(p for pairs in groups.values() for p in pairs)
        return self._prefix + (f"?{query}" if query else "")
