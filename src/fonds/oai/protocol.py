"""OAI-PMH 2.0 as plain rules: verbs and their arguments, error codes, datestamps, identifiers, setSpecs.

Nothing here touches Django or the database, so every rule is tested without a server. The view
(:mod:`fonds.oai.views`) parses a request with :func:`parse_request` and raises :class:`OAIError`
for the rest of the protocol's error conditions.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import quote, unquote

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
OAI_IDENTIFIER_NS = "http://www.openarchives.org/OAI/2.0/oai-identifier"
OAI_IDENTIFIER_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai-identifier.xsd"

GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"
DELETED_RECORD = "persistent"

# Every error code of the protocol (section 3.6), with the spec's meaning as the default message.
ERRORS: dict[str, str] = {
    "badArgument": "The request includes illegal arguments, is missing required arguments, includes a "
    "repeated argument, or values for arguments have an illegal syntax.",
    "badResumptionToken": "The value of the resumptionToken argument is invalid or expired.",
    "badVerb": "Value of the verb argument is not a legal OAI-PMH verb, the verb argument is missing, "
    "or the verb argument is repeated.",
    "cannotDisseminateFormat": "The metadata format identified by the value given for the metadataPrefix "
    "argument is not supported by the item or by the repository.",
    "idDoesNotExist": "The value of the identifier argument is unknown or illegal in this repository.",
    "noRecordsMatch": "The combination of the values of the from, until, set and metadataPrefix arguments "
    "results in an empty list.",
    "noMetadataFormats": "There are no metadata formats available for the specified item.",
    "noSetHierarchy": "The repository does not support sets.",
}

# Errors after which the response's <request> element carries no attributes (section 3.2).
UNECHOED = frozenset({"badVerb", "badArgument"})


class OAIError(Exception):
    """A protocol error: answered with HTTP 200 and an <error code="..."> element."""

    def __init__(self, code: str, message: str | None = None):
        if code not in ERRORS:
            raise ValueError(f"not an OAI-PMH error code: {code}")
        super().__init__(message or ERRORS[code])
        self.code = code
        self.message = message or ERRORS[code]


@dataclass(frozen=True)
class Verb:
    required: frozenset[str] = frozenset()
    optional: frozenset[str] = frozenset()
    exclusive: str | None = None  # an argument that must come alone (besides the verb)


VERBS: dict[str, Verb] = {
    "Identify": Verb(),
    "ListMetadataFormats": Verb(optional=frozenset({"identifier"})),
    "ListSets": Verb(exclusive="resumptionToken"),
    "ListIdentifiers": Verb(
        required=frozenset({"metadataPrefix"}), optional=frozenset({"from", "until", "set"}), exclusive="resumptionToken"
    ),
    "ListRecords": Verb(
        required=frozenset({"metadataPrefix"}), optional=frozenset({"from", "until", "set"}), exclusive="resumptionToken"
    ),
    "GetRecord": Verb(required=frozenset({"identifier", "metadataPrefix"})),
}

ARGUMENTS = ("identifier", "metadataPrefix", "from", "until", "set", "resumptionToken")


@dataclass(frozen=True)
class Request:
    """A request that passed argument validation: its verb and its (single-valued) arguments."""

    verb: str
    args: dict[str, str] = field(default_factory=dict)

    def get(self, name: str) -> str | None:
        return self.args.get(name)


# Characters XML 1.0 cannot hold at all (lxml refuses them); request values carrying one are illegal.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot carry replaced by U+FFFD."""
    return _XML_ILLEGAL.sub("\ufffd", text)


def parse_request(params: Mapping[str, Sequence[str]]) -> Request:
    """Check a request's arguments (every value of every key, as sent) against section 3.1 and 4.

    Raises ``badVerb`` for a missing, repeated or unknown verb and ``badArgument`` for an unknown,
    repeated, empty, missing or non-exclusive argument; the dates of ``from``/``until`` are checked
    by :func:`date_range`.
    """
    verbs = list(params.get("verb", []))
    if not verbs:
        raise OAIError("badVerb", "The verb argument is missing.")
    if len(verbs) > 1:
        raise OAIError("badVerb", "The verb argument is repeated.")
    verb = verbs[0]
    if verb not in VERBS:
        raise OAIError("badVerb", f"{xml_safe(verb)!r} is not an OAI-PMH verb.")
    spec = VERBS[verb]
    allowed = spec.required | spec.optional | ({spec.exclusive} if spec.exclusive else set())
    args: dict[str, str] = {}
    for key, values in params.items():
        if key == "verb":
            continue
        if key not in allowed:
            raise OAIError("badArgument", f"{verb} does not take the argument {xml_safe(key)!r}.")
        if len(values) != 1:
            raise OAIError("badArgument", f"The argument {key!r} is repeated.")
        value = values[0]
        if not value:
            raise OAIError("badArgument", f"The argument {key!r} is empty.")
        if _XML_ILLEGAL.search(value):
            raise OAIError("badArgument", f"The argument {key!r} holds characters XML cannot carry.")
        args[key] = value
    if spec.exclusive and spec.exclusive in args:
        if len(args) > 1:
            raise OAIError("badArgument", f"{spec.exclusive} is an exclusive argument: it must come alone.")
        return Request(verb, args)
    missing = sorted(spec.required - args.keys())
    if missing:
        raise OAIError("badArgument", f"{verb} requires the argument(s) {', '.join(missing)}.")
    return Request(verb, args)


# --- datestamps ------------------------------------------------------------------------------------

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_SECONDS = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")


def datestamp(value: dt.datetime) -> str:
    """A moment as an OAI datestamp: UTC, seconds granularity (``2024-01-15T09:30:00Z``)."""
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_date(value: str, name: str) -> tuple[dt.datetime, bool]:
    """``(moment, is_day)`` for a ``from``/``until`` value in either legal granularity.

    Raises ``badArgument`` for anything else (a time zone other than Z, fractions, a bad day).
    """
    is_day = bool(_DAY.fullmatch(value))
    if not is_day and not _SECONDS.fullmatch(value):
        raise OAIError("badArgument", f"{name}={value!r} is not a date (YYYY-MM-DD) or a UTC time (YYYY-MM-DDThh:mm:ssZ).")
    try:
        if is_day:
            moment = dt.datetime.strptime(value, "%Y-%m-%d")
        else:
            moment = dt.datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        raise OAIError("badArgument", f"{name}={value!r} is not a valid date.") from None
    return moment.replace(tzinfo=dt.UTC), is_day


def date_range(from_: str | None, until: str | None) -> tuple[dt.datetime | None, dt.datetime | None]:
    """The half-open range ``[lower, upper)`` of moments that ``from``/``until`` select.

    Both bounds are inclusive at their own granularity: ``until=2024-01-15`` takes the whole day and
    ``until=2024-01-15T09:30:00Z`` the whole second (datestamps are shown truncated to the second).
    Mixing granularities, or a ``from`` after ``until``, is ``badArgument``.
    """
    lower = upper = None
    lower_day = upper_day = None
    if from_ is not None:
        lower, lower_day = parse_date(from_, "from")
    if until is not None:
        until_moment, upper_day = parse_date(until, "until")
        upper = until_moment + (dt.timedelta(days=1) if upper_day else dt.timedelta(seconds=1))
    if lower_day is not None and upper_day is not None:
        if lower_day != upper_day:
            raise OAIError("badArgument", "from and until must have the same granularity.")
        if lower is not None and upper is not None and lower >= upper:
            raise OAIError("badArgument", "from is later than until.")
    return lower, upper


# --- identifiers (the oai-identifier scheme) ---------------------------------------------------------

# RFC 2396 "uric" minus the escape character: what a local identifier may hold unescaped.
_URIC_SAFE = ";/?:@&=+$,-_.!~*'()"
_LOCAL = re.compile(r"(?:[A-Za-z0-9;/?:@&=+$,\-_.!~*'()]|%[0-9A-Fa-f]{2})+")
_REPOSITORY_ID = re.compile(r"[a-zA-Z][a-zA-Z0-9\-]*(\.[a-zA-Z][a-zA-Z0-9\-]*)+")


def is_repository_identifier(namespace: str) -> bool:
    """Whether ``namespace`` is a legal oai-identifier repositoryIdentifier (a domain name)."""
    return bool(_REPOSITORY_ID.fullmatch(namespace))


def make_identifier(namespace: str, record_id: str) -> str:
    """``oai:<namespace>:<record id>``; characters outside RFC 2396 uric are %-escaped (UTF-8).

    "/" and ":" are legal in a local identifier and stay as they are
    (``oai:example.org:frus1918Russiav03/d11``); "%" itself becomes ``%25`` so that the escaping
    is reversible.
    """
    return f"oai:{namespace}:{quote(record_id, safe=_URIC_SAFE)}"


def parse_identifier(namespace: str, identifier: str) -> str | None:
    """The record id an identifier of this repository names, or None when it is not one."""
    prefix = f"oai:{namespace}:"
    if not identifier.startswith(prefix):
        return None
    local = identifier[len(prefix):]
    if not _LOCAL.fullmatch(local):
        return None
    try:
        return unquote(local, errors="strict")
    except UnicodeDecodeError:  # %-escapes that are not UTF-8 name no record
        return None


# --- setSpecs ------------------------------------------------------------------------------------

_SET_CHAR = re.compile(r"[A-Za-z0-9\-_.!*'()]")
SETSPEC = re.compile(r"[A-Za-z0-9\-_.!~*'()]+(?::[A-Za-z0-9\-_.!~*'()]+)*")


def set_part(key: str) -> str:
    """A collection key as one setSpec component.

    The setSpec alphabet is ``A-Za-z0-9-_.!~*'()``; any other character (and "~" itself, the
    escape) becomes ``~XX`` per UTF-8 byte, so keys map to components one-to-one.
    """
    out = []
    for ch in key:
        if _SET_CHAR.fullmatch(ch):
            out.append(ch)
        else:
            out.extend(f"~{b:02X}" for b in ch.encode("utf-8"))
    return "".join(out)
