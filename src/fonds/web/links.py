"""URLs of the reading room's things, in one place."""

from django.http import Http404
from django.urls import reverse

from fonds.catalog import queries
from fonds.catalog.services import RecordNotFound, get_record
from fonds.core.record import RecordData


def document_url(record_id: str, slug: str) -> str:
    """The canonical URL of a record: ``/documents/<id>/<slug>``."""
    return reverse("document", kwargs={"path": f"{record_id}/{slug}"})


def canonical_urls(record_ids: list[str]) -> dict[str, str]:
    """The canonical URL of each record, with the slug it was first stored under."""
    return {rid: document_url(rid, slug) for rid, slug in queries.slugs(record_ids).items()}


def locate(path: str) -> tuple[str, str, str | None]:
    """The record a document path names: its id, its canonical URL and the slug the path gave
    (``None`` when the path is the bare id). Raises ``Http404``.

    Record ids may themselves contain slashes (FRUS: ``frus1918Russiav03/d11``), so the path is
    read as a whole id first, then as id + slug; one query answers both readings.
    """
    path = path.strip("/")
    head, _, tail = path.rpartition("/")
    known = queries.slugs([path, head] if head else [path])
    if path in known:
        return path, document_url(path, known[path]), None
    if head in known:
        return head, document_url(head, known[head]), tail
    raise Http404(f"no document with id {path!r}")


def record_at(path: str) -> tuple[RecordData, str, str | None]:
    """:func:`locate`, with the record itself."""
    record_id, canonical, slug = locate(path)
    try:
        return get_record(record_id), canonical, slug
    except RecordNotFound:  # deleted in between
        raise Http404(f"no document with id {path!r}") from None
