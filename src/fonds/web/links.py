"""URLs of the reading room's things, in one place."""

from django.urls import reverse


def document_url(record_id: str, slug: str) -> str:
    """The canonical URL of a record: ``/documents/<id>/<slug>``."""
    return reverse("document", kwargs={"path": f"{record_id}/{slug}"})
