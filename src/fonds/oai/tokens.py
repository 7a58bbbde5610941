"""Resumption tokens: the whole state of a harvest, carried by the harvester.

A token is opaque to harvesters (base64url of a small JSON object) and holds everything needed to
continue: the verb, the query (``metadataPrefix``, ``set``, ``from``, ``until`` as first sent), the
cursor (the ``(datestamp, kind, pk)`` of the last item returned, datestamp at full precision), how
many items were returned before, and the list size. The server keeps no state, so tokens survive
restarts and work on every worker; they do not expire.

Lists are ordered by ``(datestamp, kind, pk)`` (kind 0 = record, 1 = deleted record) and a page
takes the items strictly after the cursor. A record changed during a harvest gets a new, later
datestamp and so moves behind the cursor: it is delivered (again) later, never skipped.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from dataclasses import dataclass

from fonds.oai.protocol import OAIError

# Items per page of ListRecords, ListIdentifiers and ListSets (tests monkeypatch it smaller).
PAGE_SIZE = 100

VERSION = 1
LIST_VERBS = ("ListRecords", "ListIdentifiers", "ListSets")


@dataclass(frozen=True)
class ListQuery:
    """The selective-harvest arguments of a list request, as the harvester sent them."""

    prefix: str | None = None
    set: str | None = None
    from_: str | None = None
    until: str | None = None


@dataclass(frozen=True)
class Cursor:
    """The last item returned: its datestamp (full precision; None for sets), kind and pk."""

    stamp: dt.datetime | None
    kind: int
    pk: int

    def key(self) -> tuple[dt.datetime | None, int, int]:
        return (self.stamp, self.kind, self.pk)


@dataclass(frozen=True)
class Token:
    verb: str
    query: ListQuery
    cursor: Cursor
    returned: int  # items delivered before the next page: the next response's ``cursor`` attribute
    size: int  # completeListSize: counted on the first page, corrected as the list is walked


def encode(token: Token) -> str:
    """The token as an opaque string (URL-safe, no padding)."""
    stamp = token.cursor.stamp
    payload = {
        "v": VERSION,
        "verb": token.verb,
        "q": {k: v for k, v in (("p", token.query.prefix), ("s", token.query.set), ("f", token.query.from_),
                                ("u", token.query.until)) if v is not None},
        "c": [stamp.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ") if stamp else None,
              token.cursor.kind, token.cursor.pk],
        "n": token.returned,
        "t": token.size,
    }
    raw = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode(value: str, verb: str) -> Token:
    """The token ``value`` sent with ``verb``; ``badResumptionToken`` when it is not one of ours for it."""
    try:
        padded = value + "=" * (-len(value) % 4)
        raw = base64.b64decode(padded.encode("ascii"), altchars=b"-_", validate=True)
        data = json.loads(raw.decode("utf-8"))
        token = _from_payload(data)
    except (ValueError, TypeError, KeyError, UnicodeError, binascii.Error):
        raise OAIError("badResumptionToken", "The resumptionToken cannot be read.") from None
    if token.verb != verb:
        raise OAIError("badResumptionToken", f"The resumptionToken belongs to {token.verb}, not to {verb}.")
    return token


def _from_payload(data: object) -> Token:
    if not isinstance(data, dict) or data.get("v") != VERSION:
        raise ValueError("not a token of this version")
    verb = data["verb"]
    if verb not in LIST_VERBS:
        raise ValueError("unknown verb")
    q = data["q"]
    if not isinstance(q, dict) or set(q) - {"p", "s", "f", "u"} or not all(isinstance(v, str) and v for v in q.values()):
        raise ValueError("bad query")
    if (verb == "ListSets") != ("p" not in q):
        raise ValueError("a record list needs a metadataPrefix; a set list takes none")
    stamp_text, kind, pk = data["c"]
    if verb == "ListSets":
        stamp = None
        if stamp_text is not None or kind != 0:
            raise ValueError("bad set cursor")
    else:
        if not isinstance(stamp_text, str) or not stamp_text.endswith("Z"):
            raise ValueError("bad datestamp")
        stamp = dt.datetime.strptime(stamp_text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=dt.UTC)
        if kind not in (0, 1):
            raise ValueError("bad kind")
    returned, size = data["n"], data["t"]
    for number in (pk, returned, size):
        # bool is an int subclass: refuse it explicitly.
        if not isinstance(number, int) or isinstance(number, bool) or number < 0:
            raise ValueError("bad number")
    return Token(
        verb=verb,
        query=ListQuery(prefix=q.get("p"), set=q.get("s"), from_=q.get("f"), until=q.get("u")),
        cursor=Cursor(stamp, kind, pk),
        returned=returned,
        size=size,
    )
