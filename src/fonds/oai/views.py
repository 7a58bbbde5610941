"""The OAI-PMH endpoint: one view answering the six verbs over GET and POST.

Reads go straight to the catalogue's tables through :mod:`fonds.catalog.convert` (one fixed set of
queries per page, never one per record). Lists (ListRecords, ListIdentifiers) merge two streams in
``(datestamp, kind, pk)`` order: records by ``updated_at`` and deleted records (tombstones) by
``deleted_at``; :mod:`fonds.oai.tokens` explains why that order keeps a harvest whole while records
change under it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Exists, Min, OuterRef, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from lxml import etree

from fonds.catalog import models as m
from fonds.catalog.convert import data_by_pk
from fonds.core.record import RecordData
from fonds.oai import formats, protocol, tokens
from fonds.oai.protocol import OAI_NS, OAIError, Request, datestamp

CONTENT_TYPE = "text/xml; charset=utf-8"
FORM = "application/x-www-form-urlencoded"
RECORD, DELETED = 0, 1  # the kinds of list items, in the order they sort at one datestamp


def _o(tag: str) -> str:
    return f"{{{OAI_NS}}}{tag}"


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, _o(tag), attrs)
    if text is not None:
        el.text = protocol.xml_safe(text)
    return el


# --- the repository as this request sees it -----------------------------------------------------


class Site:
    """The names that depend on the request: base URL, identifier namespace, record URLs."""

    def __init__(self, request: HttpRequest):
        self.request = request
        self.base_url = request.build_absolute_uri(request.path)
        domain, _port = split_domain_port(request.get_host())
        self.host = domain or "localhost"
        self.namespace = self.host
        self.name = settings.SITE_NAME or "fonds"

    def identifier(self, record_id: str) -> str:
        return protocol.make_identifier(self.namespace, record_id)

    def record_id(self, identifier: str) -> str | None:
        return protocol.parse_identifier(self.namespace, identifier)

    def record_url(self, record_id: str) -> str | None:
        """The record's stable URL: ``/documents/<id>``, which always leads to its current page."""
        try:
            return self.request.build_absolute_uri(reverse("document", kwargs={"path": record_id}))
        except NoReverseMatch:  # a site without the reading room
            return None

    def admin_email(self) -> str:
        admins = getattr(settings, "ADMINS", None) or []
        if admins:
            first = admins[0]
            return first[1] if isinstance(first, (tuple, list)) else str(first)
        # The schema wants a dotted domain after the "@" (emailType: \S+@(\S+\.)+\S+).
        return f"webmaster@{self.host}" if "." in self.host else f"webmaster@{self.host}.localdomain"


# --- sets: the collection tree ---------------------------------------------------------------------


@dataclass
class SetTree:
    """Every collection with its setSpec (``parent:child``, from the root down)."""

    names: dict[int, str] = field(default_factory=dict)
    descriptions: dict[int, str] = field(default_factory=dict)
    spec: dict[int, str] = field(default_factory=dict)
    by_key: dict[str, int] = field(default_factory=dict)
    children: dict[int, list[int]] = field(default_factory=dict)

    @classmethod
    def load(cls) -> SetTree:
        tree = cls()
        parents: dict[int, int | None] = {}
        keys: dict[int, str] = {}
        for pk, key, name, parent, description in m.Collection.objects.values_list(
            "pk", "key", "name", "parent_id", "description"
        ):
            keys[pk], parents[pk] = key, parent
            tree.names[pk], tree.descriptions[pk], tree.by_key[key] = name, description, pk
        for pk in keys:
            chain, seen, at = [], set(), pk
            # A parent loop (which the catalogue does not forbid) ends the chain where it closes.
            while at is not None and at in keys and at not in seen:
                seen.add(at)
                chain.append(protocol.set_part(keys[at]))
                at = parents[at]
            tree.spec[pk] = ":".join(reversed(chain))
            parent = parents[pk]
            if parent is not None and parent in keys:
                tree.children.setdefault(parent, []).append(pk)
        return tree

    def __bool__(self) -> bool:
        return bool(self.spec)

    def specs_of_keys(self, keys: Iterable[str]) -> list[str]:
        return [self.spec[self.by_key[k]] for k in keys if k in self.by_key]

    def members(self, set_spec: str) -> tuple[set[int], set[str]] | None:
        """The collections (pks, keys) whose records are in ``set_spec``: it and its descendants."""
        root = next((pk for pk, spec in self.spec.items() if spec == set_spec), None)
        if root is None:
            return None
        found, todo = set(), [root]
        while todo:
            pk = todo.pop()
            if pk not in found:
                found.add(pk)
                todo.extend(self.children.get(pk, ()))
        keys = {key for key, pk in self.by_key.items() if pk in found}
        return found, keys


# --- list items -----------------------------------------------------------------------------------


@dataclass
class Item:
    """One entry of a list: a record (``data`` set for ListRecords and GetRecord) or a deleted record."""

    stamp: dt.datetime
    kind: int
    pk: int
    record_id: str
    data: RecordData | None = None
    collection_keys: list[str] = field(default_factory=list)  # of a deleted record

    def key(self) -> tuple[dt.datetime, int, int]:
        return (self.stamp, self.kind, self.pk)


@dataclass
class Selection:
    """A list request made concrete: the date range and the set's members (None: every record)."""

    lower: dt.datetime | None
    upper: dt.datetime | None
    collection_pks: set[int] | None
    collection_keys: set[str] | None

    def records(self) -> QuerySet[m.Record]:
        qs = m.Record.objects.all()
        if self.lower is not None:
            qs = qs.filter(updated_at__gte=self.lower)
        if self.upper is not None:
            qs = qs.filter(updated_at__lt=self.upper)
        if self.collection_pks is not None:
            qs = qs.filter(
                Exists(m.RecordCollection.objects.filter(record=OuterRef("pk"), collection_id__in=self.collection_pks))
            )
        return qs

    def tombstones(self) -> QuerySet[m.Tombstone]:
        qs = m.Tombstone.objects.all()
        if self.lower is not None:
            qs = qs.filter(deleted_at__gte=self.lower)
        if self.upper is not None:
            qs = qs.filter(deleted_at__lt=self.upper)
        return qs

    def in_set(self, keys: Iterable[str]) -> bool:
        # Tombstones keep their collection keys as JSON; matching in Python works on every database.
        return self.collection_keys is None or not self.collection_keys.isdisjoint(keys)


def _after(cursor: tokens.Cursor | None, kind: int, stamp_field: str) -> Q:
    """Items of ``kind`` strictly after ``cursor`` in (datestamp, kind, pk) order."""
    if cursor is None:
        return Q()
    ts = cursor.stamp
    if kind > cursor.kind:
        return Q(**{f"{stamp_field}__gte": ts})
    if kind < cursor.kind:
        return Q(**{f"{stamp_field}__gt": ts})
    return Q(**{f"{stamp_field}__gt": ts}) | Q(**{stamp_field: ts, "pk__gt": cursor.pk})


def _page(sel: Selection, cursor: tokens.Cursor | None, size: int, full: bool) -> tuple[list[Item], bool]:
    """The next ``size`` items after ``cursor``, and whether more follow."""
    records = sel.records().filter(_after(cursor, RECORD, "updated_at")).order_by("updated_at", "pk")
    items = [Item(stamp, RECORD, pk, rid) for pk, stamp, rid in records.values_list("pk", "updated_at", "record_id")[: size + 1]]
    if full:
        found = data_by_pk([i.pk for i in items])
        for item in items:
            item.data = found.get(item.pk)
    deleted = sel.tombstones().filter(_after(cursor, DELETED, "deleted_at")).order_by("deleted_at", "pk")
    if len(items) > size:
        # Only deletions before the last record fetched can land on this page.
        deleted = deleted.filter(deleted_at__lte=items[-1].stamp)
    rows = deleted.values_list("pk", "deleted_at", "record_id", "collections")
    if sel.collection_keys is None:
        rows = rows[: size + 1]
    found = 0
    for pk, stamp, rid, keys in rows.iterator(chunk_size=1000):
        if sel.in_set(keys or []):
            items.append(Item(stamp, DELETED, pk, rid, collection_keys=list(keys or [])))
            found += 1
            if found > size:
                break
    items.sort(key=Item.key)
    return items[:size], len(items) > size


def _count(sel: Selection) -> int:
    """How many items the selection holds now (the first page's completeListSize)."""
    total = sel.records().count()
    if sel.collection_keys is None:
        return total + sel.tombstones().count()
    return total + sum(1 for keys in sel.tombstones().values_list("collections", flat=True) if sel.in_set(keys or []))


# --- the verbs ------------------------------------------------------------------------------------


def identify(site: Site, req: Request, root: etree._Element) -> None:
    earliest = [
        m.Record.objects.aggregate(v=Min("updated_at"))["v"],
        m.Tombstone.objects.aggregate(v=Min("deleted_at"))["v"],
    ]
    known = [e for e in earliest if e is not None]
    el = _sub(root, "Identify")
    _sub(el, "repositoryName", site.name)
    _sub(el, "baseURL", site.base_url)
    _sub(el, "protocolVersion", "2.0")
    _sub(el, "adminEmail", site.admin_email())
    # An empty archive has no changes yet: the epoch is a true lower bound for all to come.
    _sub(el, "earliestDatestamp", datestamp(min(known)) if known else "1970-01-01T00:00:00Z")
    _sub(el, "deletedRecord", protocol.DELETED_RECORD)
    _sub(el, "granularity", protocol.GRANULARITY)
    if protocol.is_repository_identifier(site.namespace):
        description = _sub(el, "description")
        ident = etree.SubElement(
            description, f"{{{protocol.OAI_IDENTIFIER_NS}}}oai-identifier",
            nsmap={None: protocol.OAI_IDENTIFIER_NS, "xsi": protocol.XSI_NS},
        )
        ident.set(
            f"{{{protocol.XSI_NS}}}schemaLocation", f"{protocol.OAI_IDENTIFIER_NS} {protocol.OAI_IDENTIFIER_SCHEMA}"
        )
        for tag, text in (
            ("scheme", "oai"),
            ("repositoryIdentifier", site.namespace),
            ("delimiter", ":"),
            ("sampleIdentifier", site.identifier("frus1918Russiav03/d11")),
        ):
            etree.SubElement(ident, f"{{{protocol.OAI_IDENTIFIER_NS}}}{tag}").text = text


def list_metadata_formats(site: Site, req: Request, root: etree._Element) -> None:
    record_id = None
    if req.get("identifier") is not None:
        record_id = _existing(site, req.args["identifier"])
    available = formats.formats_for(record_id)
    if not available:
        raise OAIError("noMetadataFormats")
    el = _sub(root, "ListMetadataFormats")
    for f in available:
        mf = _sub(el, "metadataFormat")
        _sub(mf, "metadataPrefix", f.prefix)
        _sub(mf, "schema", f.schema)
        _sub(mf, "metadataNamespace", f.namespace)


def _existing(site: Site, identifier: str) -> str:
    """The record id of an identifier naming a record or a deleted record; else ``idDoesNotExist``."""
    record_id = site.record_id(identifier)
    if record_id is None or not (
        m.Record.objects.filter(record_id=record_id).exists() or m.Tombstone.objects.filter(record_id=record_id).exists()
    ):
        raise OAIError("idDoesNotExist", f"No item has the identifier {identifier!r}.")
    return record_id


def list_sets(site: Site, req: Request, root: etree._Element) -> None:
    tree = SetTree.load()
    if not tree:
        raise OAIError("noSetHierarchy", "This archive has no collections, so it has no sets.")
    token = tokens.decode(req.args["resumptionToken"], req.verb) if "resumptionToken" in req.args else None
    size = tokens.PAGE_SIZE
    after = token.cursor.pk if token else 0
    pks = sorted(pk for pk in tree.spec if pk > after)
    page, more = pks[:size], len(pks) > size
    if not page:
        raise OAIError("badResumptionToken", "No sets are left after this resumptionToken.")
    el = _sub(root, "ListSets")
    for pk in page:
        s = _sub(el, "set")
        _sub(s, "setSpec", tree.spec[pk])
        _sub(s, "setName", tree.names[pk])
        if tree.descriptions[pk]:
            dc = etree.Element(f"{{{formats.OAI_DC_NS}}}dc", nsmap={"oai_dc": formats.OAI_DC_NS, "dc": formats.DC_NS})
            etree.SubElement(dc, f"{{{formats.DC_NS}}}description").text = protocol.xml_safe(tree.descriptions[pk])
            _sub(s, "setDescription").append(dc)
    returned = token.returned if token else 0
    _resumption(el, token, tokens.ListQuery(), tokens.Cursor(None, 0, page[-1]), returned, len(page), more,
                first_size=len(tree.spec), verb=req.verb)


def _resumption(
    parent: etree._Element,
    token: tokens.Token | None,
    query: tokens.ListQuery,
    cursor: tokens.Cursor,
    returned: int,
    count: int,
    more: bool,
    first_size: int | Callable[[], int],
    verb: str,
) -> None:
    """The resumptionToken element: a new token when more follow, an empty one ending a resumed list."""
    if token is None and not more:
        return  # a complete list in one response needs no token
    if token is None:
        size = first_size() if callable(first_size) else first_size
    else:
        size = token.size
    size = max(size, returned + count + (1 if more else 0)) if more else returned + count
    el = _sub(parent, "resumptionToken", completeListSize=str(size), cursor=str(returned))
    if more:
        el.text = tokens.encode(tokens.Token(verb, query, cursor, returned + count, size))


def list_items(site: Site, req: Request, root: etree._Element) -> None:
    """ListRecords and ListIdentifiers."""
    full = req.verb == "ListRecords"
    token = tokens.decode(req.args["resumptionToken"], req.verb) if "resumptionToken" in req.args else None
    if token is not None:
        query = token.query
    else:
        query = tokens.ListQuery(req.get("metadataPrefix"), req.get("set"), req.get("from"), req.get("until"))
    tree = SetTree.load()
    try:
        fmt, sel = _selection(query, tree)
    except OAIError as exc:
        # A query that came back in a token was valid when the token was made: one that is not
        # now was not made here.
        if token is not None and exc.code in ("badArgument", "cannotDisseminateFormat"):
            raise OAIError("badResumptionToken", "The resumptionToken holds a query this archive cannot answer.") from None
        raise

    items, more = _page(sel, token.cursor if token else None, tokens.PAGE_SIZE, full)
    if not items:
        raise OAIError("noRecordsMatch")
    el = _sub(root, req.verb)
    if full:
        _records(site, tree, fmt, items, el)
    else:
        specs = _record_specs(tree, [i.pk for i in items if i.kind == RECORD])
        for item in items:
            _header(site, tree, item, el, specs.get(item.pk, []) if item.kind == RECORD else None)
    last = items[-1]
    _resumption(el, token, query, tokens.Cursor(last.stamp, last.kind, last.pk), token.returned if token else 0,
                len(items), more, first_size=lambda: _count(sel), verb=req.verb)


def _selection(query: tokens.ListQuery, tree: SetTree) -> tuple[formats.MetadataFormat, Selection]:
    """The format and the selection a list query asks for, or the protocol's error for it."""
    lower, upper = protocol.date_range(query.from_, query.until)
    fmt = formats.FORMATS.get(query.prefix or "")
    if fmt is None:
        raise OAIError("cannotDisseminateFormat", f"This archive does not offer the format {query.prefix!r}.")
    if query.set is None:
        return fmt, Selection(lower, upper, None, None)
    if not protocol.SETSPEC.fullmatch(query.set):
        raise OAIError("badArgument", f"set={query.set!r} is not a setSpec.")
    if not tree:
        raise OAIError("noSetHierarchy", "This archive has no collections, so it has no sets.")
    members = tree.members(query.set)
    if members is None:
        raise OAIError("noRecordsMatch", f"There is no set {query.set!r}.")
    return fmt, Selection(lower, upper, *members)


def _record_specs(tree: SetTree, pks: list[int]) -> dict[int, list[str]]:
    """The setSpecs of each record (by pk), in one query."""
    out: dict[int, list[str]] = {}
    links = m.RecordCollection.objects.filter(record_id__in=pks).order_by("record_id", "position")
    for record_pk, collection_pk in links.values_list("record_id", "collection_id"):
        if collection_pk in tree.spec:
            out.setdefault(record_pk, []).append(tree.spec[collection_pk])
    return out


def _header(site: Site, tree: SetTree, item: Item, parent: etree._Element, specs: list[str] | None) -> None:
    header = _sub(parent, "header")
    if item.kind == DELETED:
        header.set("status", "deleted")
        specs = tree.specs_of_keys(item.collection_keys)
    _sub(header, "identifier", site.identifier(item.record_id))
    _sub(header, "datestamp", datestamp(item.stamp))
    for spec in dict.fromkeys(specs or []):
        _sub(header, "setSpec", spec)


def _records(site: Site, tree: SetTree, fmt: formats.MetadataFormat, items: list[Item], parent: etree._Element) -> None:
    for item in items:
        record = _sub(parent, "record")
        if item.kind == DELETED or item.data is None:
            _header(site, tree, item, record, None)
            continue
        data = item.data
        _header(site, tree, item, record, tree.specs_of_keys([c.id for c in data.collections]))
        ctx = formats.Context(url=site.record_url(data.id), publisher=site.name, datestamp=datestamp(item.stamp))
        _sub(record, "metadata").append(fmt.crosswalk(data, ctx))


def get_record(site: Site, req: Request, root: etree._Element) -> None:
    identifier = req.args["identifier"]
    record_id = site.record_id(identifier)
    row = m.Record.objects.filter(record_id=record_id).values_list("pk", "updated_at").first() if record_id is not None else None
    item = None
    if row is not None:
        pk, stamp = row
        item = Item(stamp, RECORD, pk, record_id, data=data_by_pk([pk]).get(pk))
    elif record_id is not None:
        tomb = m.Tombstone.objects.filter(record_id=record_id).first()
        if tomb is not None:
            item = Item(tomb.deleted_at, DELETED, tomb.pk, tomb.record_id, collection_keys=list(tomb.collections or []))
    if item is None:
        raise OAIError("idDoesNotExist", f"No item has the identifier {identifier!r}.")
    fmt = formats.FORMATS.get(req.args["metadataPrefix"])
    if fmt is None or fmt not in formats.formats_for(item.record_id):
        raise OAIError("cannotDisseminateFormat", f"This archive does not offer the format {req.args['metadataPrefix']!r}.")
    _records(site, SetTree.load(), fmt, [item], _sub(root, "GetRecord"))


HANDLERS: dict[str, Callable[[Site, Request, etree._Element], None]] = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "ListIdentifiers": list_items,
    "ListRecords": list_items,
    "GetRecord": get_record,
}


# --- the view -------------------------------------------------------------------------------------


@csrf_exempt
@require_http_methods(["GET", "POST"])
def endpoint(request: HttpRequest) -> HttpResponse:
    """``/oai``: an OAI-PMH 2.0 response for a GET query or an urlencoded POST body."""
    site = Site(request)
    root = etree.Element(_o("OAI-PMH"), nsmap={None: OAI_NS, "xsi": protocol.XSI_NS})
    root.set(f"{{{protocol.XSI_NS}}}schemaLocation", f"{OAI_NS} {protocol.OAI_SCHEMA}")
    _sub(root, "responseDate", datestamp(timezone.now()))
    request_el = _sub(root, "request", site.base_url)
    req: Request | None = None
    try:
        if request.method == "POST" and request.content_type != FORM:
            raise OAIError("badArgument", f"A POST request must send its arguments as {FORM}.")
        params = request.POST if request.method == "POST" else request.GET
        req = protocol.parse_request({key: params.getlist(key) for key in params})
        HANDLERS[req.verb](site, req, root)
    except OAIError as exc:
        # Drop whatever a handler had begun before it failed: an error response holds only errors.
        for child in root[2:]:
            root.remove(child)
        _sub(root, "error", protocol.xml_safe(exc.message), code=exc.code)
        if exc.code in protocol.UNECHOED:
            req = None
    if req is not None:
        request_el.set("verb", req.verb)
        for name in protocol.ARGUMENTS:
            if name in req.args:
                request_el.set(name, req.args[name])
    body = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return HttpResponse(body, content_type=CONTENT_TYPE)
