"""What the catalogue knows about one authority: its documents, when they date from, and who
appears beside it. Read by the person and place pages and their JSON twins."""

from __future__ import annotations

from django.db.models import Count
from django.db.models.functions import ExtractYear

from fonds.catalog import models as m
from fonds.catalog.authorities import AuthorityNotFound, to_data


def _authority(kind: str, key: str):
    model = m.Place if kind == "place" else m.Agent
    obj = model.objects.filter(key=key).select_related(*(["parent"] if kind == "place" else [])).first()
    if obj is None:
        raise AuthorityNotFound(key)
    return obj


def _records(kind: str, obj):
    if kind == "place":
        return m.Record.objects.filter(recordplace__place=obj)
    return m.Record.objects.filter(recordagent__agent=obj)


def profile(kind: str, key: str, page: int = 1, per_page: int = 50) -> dict:
    """The authority, a page of its documents (by date), its documents per year, its companions."""
    obj = _authority(kind, key)
    records = _records(kind, obj)
    total = records.count()
    page = max(1, page)
    rows = records.order_by("date_start", "record_id").values(
        "record_id", "slug", "title", "date_display", "date_edtf", "type"
    )[(page - 1) * per_page : page * per_page]
    by_year = (
        records.exclude(date_start=None)
        .annotate(year=ExtractYear("date_start"))
        .values("year")
        .annotate(n=Count("id"))
        .order_by("year")
    )
    mentions = m.Mention.objects.filter(**({"place": obj} if kind == "place" else {"agent": obj}))
    spellings = mentions.values("surface").annotate(n=Count("id")).order_by("-n", "surface")[:20]
    agent_links = m.RecordAgent.objects.filter(record__in=records.values("id"))
    place_links = m.RecordPlace.objects.filter(record__in=records.values("id"))
    if kind == "place":
        place_links = place_links.exclude(place=obj)
    else:
        agent_links = agent_links.exclude(agent=obj)
    companions = (
        agent_links.values("agent__key", "agent__name").annotate(n=Count("record", distinct=True)).order_by("-n", "agent__name")[:20]
    )
    places = (
        place_links.values("place__key", "place__name").annotate(n=Count("record", distinct=True)).order_by("-n", "place__name")[:20]
    )
    children = list(obj.children.values("key", "name")) if kind == "place" else []
    return {
        "authority": to_data(obj).to_json(),
        "parent_name": obj.parent.name if kind == "place" and obj.parent else None,
        "children": [{"id": c["key"], "name": c["name"]} for c in children],
        "total": total,
        "page": page,
        "pages": max(1, -(-total // per_page)),
        "documents": [
            {"id": r["record_id"], "slug": r["slug"], "title": r["title"], "date_display": r["date_display"] or r["date_edtf"], "type": r["type"]}
            for r in rows
        ],
        "by_year": [{"year": y["year"], "count": y["n"]} for y in by_year],
        "spellings": [{"spelling": s["surface"], "count": s["n"]} for s in spellings],
        "people": [{"id": c["agent__key"], "name": c["agent__name"], "count": c["n"]} for c in companions],
        "places": [{"id": c["place__key"], "name": c["place__name"], "count": c["n"]} for c in places],
    }


def names(kind: str, keys: list[str]) -> dict[str, str]:
    """Authority names by key (for facet labels)."""
    model = m.Place if kind == "place" else m.Agent
    return dict(model.objects.filter(key__in=keys).values_list("key", "name"))
