"""Documents related to a document through what they share: people, places and collections."""

from __future__ import annotations

from collections import Counter, defaultdict

from django.db.models import Count

from fonds.catalog import models as m

# A collection in common counts for less than a person or place in common: collections are large.
COLLECTION_WEIGHT = 0.5
CANDIDATES = 50  # best candidates per kind of link, before the reasons are looked up


def sharing(record_id: str, limit: int = 6) -> list[dict]:
    """The documents sharing the most people, places and collections with ``record_id``,
    each with the names it shares (the reason shown to readers).

    One grouped query per kind of link, whatever the size of the archive.
    """
    row = m.Record.objects.filter(record_id=record_id).values_list("pk", flat=True).first()
    if row is None:
        return []
    scores: Counter[int] = Counter()
    mine: dict[str, list[int]] = {}
    for link, field in ((m.RecordAgent, "agent"), (m.RecordPlace, "place")):
        mine[field] = list(link.objects.filter(record_id=row).values_list(f"{field}_id", flat=True))
        if not mine[field]:
            continue
        best = (
            link.objects.filter(**{f"{field}_id__in": mine[field]})
            .exclude(record_id=row)
            .values("record_id")
            .annotate(n=Count("id"))
            .order_by("-n", "record_id")[:CANDIDATES]
        )
        for r in best:
            scores[r["record_id"]] += r["n"]
    if not scores:
        return []
    collections = m.RecordCollection.objects.filter(record_id=row).values_list("collection_id", flat=True)
    for other in m.RecordCollection.objects.filter(collection_id__in=list(collections), record_id__in=list(scores)).values_list(
        "record_id", flat=True
    ):
        scores[other] += COLLECTION_WEIGHT  # a tie-breaker among documents that share someone
    chosen = [pk for pk, _ in scores.most_common(limit)]
    reasons: dict[int, list[str]] = defaultdict(list)
    for link, field in ((m.RecordAgent, "agent"), (m.RecordPlace, "place")):
        if mine[field]:
            for pk, name in link.objects.filter(record_id__in=chosen, **{f"{field}_id__in": mine[field]}).values_list(
                "record_id", f"{field}__name"
            ):
                reasons[pk].append(name)
    rows = {
        r["pk"]: r
        for r in m.Record.objects.filter(pk__in=chosen).values("pk", "record_id", "slug", "title", "date_display", "date_edtf")
    }
    return [
        {
            "id": rows[pk]["record_id"],
            "slug": rows[pk]["slug"],
            "title": rows[pk]["title"],
            "date_display": rows[pk]["date_display"] or rows[pk]["date_edtf"],
            "shares": list(dict.fromkeys(reasons[pk]))[:4],
        }
        for pk in chosen
        if pk in rows
    ]
