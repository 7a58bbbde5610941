"""Search: a Tantivy index derived from the catalogue through the outbox.

The public face is small: :func:`store` for a home's index folder, :func:`sync` and :func:`rebuild`
to bring it up to date, :func:`search` and :func:`overview` to read it. The modules behind it
(schema, store, sync, query, facets, snippets, searcher) are private to this package.
"""

from __future__ import annotations

from pathlib import Path

from fonds.search.facets import BY_KEY, FACETS, Facet
from fonds.search.query import SORTS, BadRequest, SearchRequest, date_bound
from fonds.search.related import related as _related
from fonds.search.searcher import FacetValue, Hit, SearchResult, all_ids as _all_ids, overview as _overview, run
from fonds.search.store import IndexMissing, IndexStore, SchemaMismatch, WriterBusy
from fonds.search import sync as _sync
from fonds.search.sync import Indexer, SyncResult, outbox_head

__all__ = [
    "BY_KEY",
    "Indexer",
    "FACETS",
    "SORTS",
    "BadRequest",
    "all_hit_ids",
    "date_bound",
    "Facet",
    "FacetValue",
    "Hit",
    "IndexMissing",
    "IndexStore",
    "SchemaMismatch",
    "SearchRequest",
    "SearchResult",
    "SyncResult",
    "WriterBusy",
    "outbox_head",
    "overview",
    "rebuild",
    "related_to",
    "search",
    "store",
    "sync",
]

_stores: dict[Path, IndexStore] = {}


def store(root: Path | None = None) -> IndexStore:
    """The index folder of the configured home (``settings.INDEX_DIR``), one object per process."""
    if root is None:
        from django.conf import settings

        root = Path(settings.INDEX_DIR)
    root = Path(root).resolve()
    if root not in _stores:
        _stores[root] = IndexStore(root)
    return _stores[root]


def search(request: SearchRequest, root: Path | None = None) -> SearchResult:
    """Run ``request`` against the live index."""
    return run(store(root).reader(), request)


def all_hit_ids(request: SearchRequest, root: Path | None = None):
    """Every hit of ``request`` as chunks of record ids (for exports)."""
    return _all_ids(store(root).reader(), request)


def related_to(record, limit: int = 8, root: Path | None = None) -> list[dict]:
    """Documents sharing ``record``'s people and places, then documents with similar text."""
    return _related(store(root).reader(), record, limit)


def overview(root: Path | None = None) -> dict:
    """Totals by type, decade and year for the home and browse pages."""
    return _overview(store(root).reader())


def sync(target: IndexStore | None = None, progress=None) -> SyncResult:
    """Apply pending outbox entries to the live index (see :mod:`fonds.search.sync`)."""
    return _sync.sync(target or store(), progress)


def rebuild(target: IndexStore | None = None, progress=None) -> SyncResult:
    """Build a fresh index generation from every record and swap it in atomically."""
    return _sync.rebuild(target or store(), progress)
