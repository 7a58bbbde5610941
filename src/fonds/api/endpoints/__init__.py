"""The API's operations, one module per resource; each module holds a django-ninja ``router``."""

from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import QuerySet
from django.urls import reverse

from fonds.catalog import models as m

LINKED_IDS = 100  # ids listed in a detail's ``documents``; ``href`` pages through all of them


def linked(records: QuerySet[m.Record], **filter_param: str) -> dict:
    """Count, first ids (in the order records were added) and the documents-list URL of ``records``."""
    return {
        "count": records.count(),
        "ids": list(records.order_by("pk").values_list("record_id", flat=True)[:LINKED_IDS]),
        "href": reverse("api-1:documents") + "?" + urlencode(filter_param),
    }
