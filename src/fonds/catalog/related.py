"""Documents related to a document through what they share: people, places and collections."""

from __future__ import annotations

from collections import Counter, defaultdict

from fonds.catalog import models as m

# A collection in common counts for less than a person or place in common: collections are large.
COLLECTION_WEIGHT = 0.5
# Authorities linked to more documents than this say little about any two of them.
TOO_COMMON = 5000


def sharing(record_id: str, limit: int = 6) -> list[dict]:
    """The documents sharing the most people, places and collections with ``record_id``,
    each with the names it shares (the reason shown to readers)."""
    row = m.Record.objects.filter(record_id=record_id).values_list("pk", flat=True).first()
    if row is None:
        return []
    scores: Counter[int] = Counter()
    reasons: dict[int, list[str]] = defaultdict(list)
    for link, field in ((m.RecordAgent, "agent"), (m.RecordPlace, "place")):
        mine = list(link.objects.filter(record_id=row).values_list(f"{field}_id", f"{field}__name"))
        for authority_pk, name in mine:
            others = link.objects.filter(**{f"{field}_id": authority_pk}).exclude(record_id=row)
            if others.count() > TOO_COMMON:
                continue
            for other in others.values_list("record_id", flat=True)[:TOO_COMMON]:
                scores[other] += 1
                reasons[other].append(name)
    for collection_pk, name in m.RecordCollection.objects.filter(record_id=row).values_list("collection_id", "collection__name"):
        # Only as a tie-breaker among documents that already share someone or somewhere.
        for other in m.RecordCollection.objects.filter(collection_id=collection_pk, record_id__in=list(scores)).values_list("record_id", flat=True):
            scores[other] += COLLECTION_WEIGHT
    best = [pk for pk, _ in scores.most_common(limit)]
    rows = {
        r["pk"]: r
        for r in m.Record.objects.filter(pk__in=best).values("pk", "record_id", "slug", "title", "date_display", "date_edtf")
    }
    return [
        {
            "id": rows[pk]["record_id"],
            "slug": rows[pk]["slug"],
            "title": rows[pk]["title"],
            "date_display": rows[pk]["date_display"] or rows[pk]["date_edtf"],
            "shares": list(dict.fromkeys(reasons[pk]))[:4],
        }
        for pk in best
        if pk in rows
    ]
