"""``{% latest_dump as dump %}``: the newest bulk dump's summary, for a download link (or None)."""

from __future__ import annotations

from django import template

from fonds.catalog import dumps

register = template.Library()


@register.simple_tag
def latest_dump() -> dict | None:
    dump = dumps.latest()
    if dump is None:
        return None
    return {
        "name": dump.name,
        "created_at": dump.manifest.get("created_at"),
        "record_count": dump.manifest.get("record_count"),
    }
