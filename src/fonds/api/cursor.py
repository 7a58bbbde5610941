"""Cursor (keyset) pagination: a page continues after the last row of the one before.

Unlike page numbers, a cursor walk returns every row exactly once even while rows are added, and
costs the same on the thousandth page as on the first. The cursor is opaque to clients: URL-safe
base64 of ``{"o": order, "k": [sort key..., pk]}``. Anything that does not decode to the expected
order and key types is a :class:`~fonds.api.errors.BadParameter` (400), never a server error.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import json
from collections.abc import Callable, Sequence
from typing import Any

from django.db.models import F, Q, QuerySet

from fonds.api.errors import BadParameter

MAX_PK = 2**63 - 1
MAX_LIMIT = 100
DEFAULT_LIMIT = 20


def encode(order: str, key: Sequence[Any]) -> str:
    blob = json.dumps({"o": order, "k": list(key)}, separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(blob.encode("utf-8")).decode("ascii").rstrip("=")


def decode(token: str, order: str, types: Sequence[Callable[[Any], Any]]) -> list[Any]:
    """The key of ``token``, each part checked by the matching function of ``types``."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("k"), list):
            raise ValueError("not a cursor")
        if data.get("o") != order:
            raise BadParameter(
                f"this cursor continues a list in {data.get('o')!r} order, not {order!r}; "
                "ask for the same order, or start again without a cursor"
            )
        key = data["k"]
        if len(key) != len(types):
            raise ValueError("wrong key length")
        return [check(part) for check, part in zip(types, key, strict=True)]
    except BadParameter:
        raise
    except (ValueError, TypeError, UnicodeError, binascii.Error, RecursionError):
        raise BadParameter("cursor is not valid: use the `next` value of a previous page, or start again without it") from None


def pk(value: Any) -> int:
    if type(value) is not int or not 0 <= value <= MAX_PK:
        raise ValueError("bad pk")
    return value


def text(value: Any) -> str:
    if not isinstance(value, str) or "\x00" in value:
        raise ValueError("bad text")
    return value


def optional_date(value: Any) -> datetime.date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError("bad date")
    return datetime.date.fromisoformat(value)


def page(qs: QuerySet, limit: int, key_of: Callable[[Any], list[Any]], order: str) -> tuple[list[Any], str | None]:
    """The first ``limit`` rows of the ordered ``qs`` and the cursor after the last (None at the end)."""
    rows = list(qs[: limit + 1])
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    return rows, encode(order, key_of(rows[-1]))


def after_name(qs: QuerySet, token: str | None, order: str = "name") -> QuerySet:
    """``qs`` ordered by (name, pk), after the cursor ``token``."""
    qs = qs.order_by("name", "pk")
    if token:
        name, last = decode(token, order, (text, pk))
        qs = qs.filter(Q(name__gt=name) | Q(name=name, pk__gt=last))
    return qs


def after_date(qs: QuerySet, token: str | None, order: str = "date") -> QuerySet:
    """``qs`` ordered by (start date, pk) with undated records last, after the cursor ``token``."""
    qs = qs.order_by(F("date_start").asc(nulls_last=True), "pk")
    if token:
        day, last = decode(token, order, (optional_date, pk))
        if day is None:
            qs = qs.filter(date_start__isnull=True, pk__gt=last)
        else:
            qs = qs.filter(Q(date_start__gt=day) | Q(date_start=day, pk__gt=last) | Q(date_start__isnull=True))
    return qs


def after_pk(qs: QuerySet, token: str | None, order: str = "added") -> QuerySet:
    """``qs`` ordered by pk (the order rows were added), after the cursor ``token``."""
    qs = qs.order_by("pk")
    if token:
        (last,) = decode(token, order, (pk,))
        qs = qs.filter(pk__gt=last)
    return qs
