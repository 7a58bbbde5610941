"""URLs of the reading room's things, in one place."""

from django.urls import reverse

from fonds.catalog import queries


def document_url(record_id: str, slug: str) -> str:
    """The canonical URL of a record: ``/documents/<id>/<slug>``."""
    return reverse("document", kwargs={"path": f"{record_id}/{slug}"})


def canonical_urls(record_ids: list[str]) -> dict[str, str]:
    """The canonical URL of each record, with the slug it was first stored under."""
    return {rid: document_url(rid, slug) for rid, slug in queries.slugs(record_ids).items()}


def canonical_url(record_id: str) -> str:
    return canonical_urls([record_id]).get(record_id) or reverse("document", kwargs={"path": record_id})
