"""OAI-PMH 2.0 through Django's test client: every verb, every error code, tokens, sets, deletions.

The archive holds the 12 demo samples plus a few FRUS-like records in nested collections, each
with a datestamp pinned to a known moment so that ``from``/``until`` can be checked exactly.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import etree

from fonds.catalog import models as m
from fonds.catalog.services import delete_record, save_records
from fonds.core.record import CollectionRef, RecordData, Ref, Repository
from fonds.oai import formats, protocol, tokens
from fonds.oai.protocol import OAI_NS, OAIError

NS = {
    "o": OAI_NS,
    "oai_dc": formats.OAI_DC_NS,
    "dc": formats.DC_NS,
    "mods": formats.MODS_NS,
    "xsi": protocol.XSI_NS,
    "id": protocol.OAI_IDENTIFIER_NS,
}
DC_ELEMENTS = {
    "title", "creator", "subject", "description", "publisher", "contributor", "date", "type", "format",
    "identifier", "source", "language", "relation", "coverage", "rights",
}
UTC = dt.UTC
SAMPLES_AT = dt.datetime(2021, 3, 1, 10, 0, 0, 250000, tzinfo=UTC)
FRUS = CollectionRef("frus", "Foreign Relations of the United States")
RUSSIA_1918 = CollectionRef("frus1918Russiav03", "1918, Russia, Volume III", parent="frus")
VIETNAM = CollectionRef("frus1969-76v17", "1969-1976, Volume XVII", parent="frus")
ODD = CollectionRef("cold war: asia", "Cold War in Asia")  # a key outside the setSpec alphabet
EXTRA = {
    # id: (collections, datestamp)
    "frus1918Russiav03/d11": ([FRUS, RUSSIA_1918], dt.datetime(2022, 6, 15, 8, 30, 0, tzinfo=UTC)),
    "frus1918Russiav03/d12": ([FRUS, RUSSIA_1918], dt.datetime(2022, 6, 15, 8, 30, 59, 900000, tzinfo=UTC)),
    "frus1969-76v17/d1": ([FRUS, VIETNAM], dt.datetime(2022, 6, 16, 0, 0, 0, tzinfo=UTC)),
    "odd id 50%/é": ([ODD], dt.datetime(2023, 1, 1, 12, 0, 0, tzinfo=UTC)),
}
SAMPLE_IDS = [f"9000{n:02d}" for n in range(1, 13)]
ALL_IDS = SAMPLE_IDS + list(EXTRA)


def _record(record_id: str, collections: list[CollectionRef], title: str | None = None) -> RecordData:
    return RecordData(
        id=record_id,
        title=title or f"Telegram {record_id}",
        date="1918-03~",
        date_start="1918-03-01",
        date_end="1918-03-31",
        date_display="March 1918?",
        type="Telegram",
        summary=f"Summary of {record_id}.",
        paragraphs=["Text."],
        original_language=["ru"],
        translation_language="en",
        source="AVPRF F. 0100, Op. 42, Delo 12, Listy 3-5. Translated for the fonds demo by Anna Petrova.",
        repository=Repository("AVPRF", "Archive of Foreign Policy of the Russian Federation"),
        reference={"fond": "0100", "opis": "42", "delo": "12", "listy": "3-5"},
        translator="Anna Petrova",
        rights="Public domain.",
        place="Petrograd",
        collections=collections,
        authors=[Ref("francis-david-r", "Francis, David R.")],
        people=[Ref("lenin", "Lenin, Vladimir Ilyich")],
        places=[Ref("petrograd", "Petrograd")],
        subjects=[Ref("revolution", "Russian Revolution")],
        keywords=["embassy"],
    )


@pytest.fixture
def oai_archive(archive):
    """The demo samples plus the EXTRA records, with every datestamp pinned."""
    outcomes = save_records([_record(rid, cols) for rid, (cols, _) in EXTRA.items()])
    assert all(o.status == "created" for o in outcomes), outcomes
    m.Record.objects.filter(record_id__in=SAMPLE_IDS).update(updated_at=SAMPLES_AT)
    for rid, (_, at) in EXTRA.items():
        m.Record.objects.filter(record_id=rid).update(updated_at=at)
    return archive


def oai(client, method: str = "get", **params) -> etree._Element:
    """One request; checks the envelope every response shares and returns the root."""
    if method == "post":
        response = client.post("/oai", urlencode(params, doseq=True), content_type=protocol_form())
    else:
        response = client.get("/oai", params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert response.content.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    root = etree.fromstring(response.content)
    assert root.tag == f"{{{OAI_NS}}}OAI-PMH"
    assert root.get(f"{{{protocol.XSI_NS}}}schemaLocation") == f"{OAI_NS} {protocol.OAI_SCHEMA}"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", root.findtext("o:responseDate", namespaces=NS))
    assert root.findtext("o:request", namespaces=NS) == "http://testserver/oai"
    return root


def protocol_form() -> str:
    return "application/x-www-form-urlencoded"


def error(root: etree._Element) -> str | None:
    el = root.find("o:error", NS)
    return el.get("code") if el is not None else None


def request_attrs(root: etree._Element) -> dict[str, str]:
    return dict(root.find("o:request", NS).attrib)


def identifier(record_id: str) -> str:
    return protocol.make_identifier("testserver", record_id)


def harvest(client, verb: str, **params) -> tuple[list[etree._Element], list[etree._Element]]:
    """Walk a list to its end; returns (items, resumptionToken elements seen)."""
    items, token_els = [], []
    root = oai(client, verb=verb, **params)
    while True:
        assert error(root) is None, etree.tostring(root)
        body = root.find(f"o:{verb}", NS)
        items.extend(body.findall("o:record" if verb == "ListRecords" else "o:header" if verb == "ListIdentifiers" else "o:set", NS))
        token = body.find("o:resumptionToken", NS)
        if token is None:
            return items, token_els
        token_els.append(token)
        if not token.text:
            return items, token_els
        root = oai(client, verb=verb, resumptionToken=token.text)


def ids_of(items: list[etree._Element]) -> list[str]:
    out = []
    for el in items:
        header = el if el.tag == f"{{{OAI_NS}}}header" else el.find("o:header", NS)
        ident = header.findtext("o:identifier", namespaces=NS)
        out.append(protocol.parse_identifier("testserver", ident))
    return out


# --- plain rules ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({}, "badVerb"),
        ({"verb": ["Identify", "Identify"]}, "badVerb"),
        ({"verb": ["Dance"]}, "badVerb"),
        ({"verb": [""]}, "badVerb"),
        ({"verb": ["Identify"], "set": ["x"]}, "badArgument"),
        ({"verb": ["ListRecords"]}, "badArgument"),
        ({"verb": ["ListRecords"], "metadataPrefix": ["oai_dc", "mods"]}, "badArgument"),
        ({"verb": ["ListRecords"], "metadataPrefix": [""]}, "badArgument"),
        ({"verb": ["ListRecords"], "metadataPrefix": ["oai_dc"], "resumptionToken": ["x"]}, "badArgument"),
        ({"verb": ["GetRecord"], "identifier": ["oai:x:1"]}, "badArgument"),
        ({"verb": ["ListSets"], "metadataPrefix": ["oai_dc"]}, "badArgument"),
        ({"verb": ["GetRecord"], "identifier": ["a\x01"], "metadataPrefix": ["oai_dc"]}, "badArgument"),
    ],
)
def test_parse_request_errors(params, code):
    with pytest.raises(OAIError) as exc:
        protocol.parse_request(params)
    assert exc.value.code == code


def test_parse_request_accepts_exclusive_token_alone():
    req = protocol.parse_request({"verb": ["ListRecords"], "resumptionToken": ["abc"]})
    assert req.verb == "ListRecords" and req.args == {"resumptionToken": "abc"}


def test_date_range_is_inclusive_at_both_granularities():
    assert protocol.date_range("2024-01-15", "2024-01-15") == (
        dt.datetime(2024, 1, 15, tzinfo=UTC), dt.datetime(2024, 1, 16, tzinfo=UTC)
    )
    assert protocol.date_range("2024-01-15T09:30:00Z", "2024-01-15T09:30:00Z") == (
        dt.datetime(2024, 1, 15, 9, 30, tzinfo=UTC), dt.datetime(2024, 1, 15, 9, 30, 1, tzinfo=UTC)
    )
    assert protocol.date_range(None, None) == (None, None)


@pytest.mark.parametrize(
    ("from_", "until"),
    [
        ("2024-01-15", "2024-01-16T00:00:00Z"),  # mixed granularity
        ("2024-01-16", "2024-01-15"),  # from after until
        ("2024-02-30", None),
        ("2024-01-15T09:30:00", None),  # no Z
        ("2024-01-15T09:30:00+01:00", None),
        ("2024-01-15T09:30:00.5Z", None),  # finer than the repository's granularity
        (None, "2024"),
    ],
)
def test_date_range_rejects(from_, until):
    with pytest.raises(OAIError) as exc:
        protocol.date_range(from_, until)
    assert exc.value.code == "badArgument"


SAMPLE_ID_PATTERN = re.compile(
    r"oai:[a-zA-Z][a-zA-Z0-9\-]*(\.[a-zA-Z][a-zA-Z0-9\-]*)+:[a-zA-Z0-9\-_\.!~\*'\(\);/\?:@&=\+$,%]+"
)


@pytest.mark.parametrize("record_id", ["900001", "frus1918Russiav03/d11", "odd id 50%/é", "a:b?c=d", "%41"])
def test_identifiers_are_legal_and_reversible(record_id):
    ident = protocol.make_identifier("archive.example.org", record_id)
    assert SAMPLE_ID_PATTERN.fullmatch(ident), ident
    assert protocol.parse_identifier("archive.example.org", ident) == record_id


def test_identifiers_keep_slashes_and_reject_foreign_ones():
    assert protocol.make_identifier("h.org", "frus1918Russiav03/d11") == "oai:h.org:frus1918Russiav03/d11"
    assert protocol.parse_identifier("h.org", "oai:other.org:900001") is None
    assert protocol.parse_identifier("h.org", "oai:h.org:") is None
    assert protocol.parse_identifier("h.org", "oai:h.org:a b") is None  # unescaped space
    assert protocol.parse_identifier("h.org", "oai:h.org:%ff") is None  # not UTF-8


def test_set_parts_escape_outside_the_setspec_alphabet():
    assert protocol.set_part("frus1969-76v17") == "frus1969-76v17"
    assert protocol.set_part("cold war: asia") == "cold~20war~3A~20asia"
    assert protocol.set_part("a~b") == "a~7Eb"
    assert protocol.SETSPEC.fullmatch(protocol.set_part("ä/ö:ü"))


def test_tokens_round_trip_and_refuse_garbage():
    token = tokens.Token(
        "ListRecords",
        tokens.ListQuery("oai_dc", "frus", "2024-01-01", None),
        tokens.Cursor(dt.datetime(2024, 1, 2, 3, 4, 5, 678901, tzinfo=UTC), 1, 42),
        returned=100,
        size=250,
    )
    text = tokens.encode(token)
    assert re.fullmatch(r"[A-Za-z0-9_-]+", text)
    assert tokens.decode(text, "ListRecords") == token
    for bad in ("", "!!!", "abc", tokens.encode(token)[:-3], "eyJ2IjoxfQ"):
        with pytest.raises(OAIError) as exc:
            tokens.decode(bad, "ListRecords")
        assert exc.value.code == "badResumptionToken"
    with pytest.raises(OAIError) as exc:
        tokens.decode(text, "ListSets")
    assert exc.value.code == "badResumptionToken"


# --- Identify -------------------------------------------------------------------------------------


def test_identify(client, oai_archive, settings):
    settings.SITE_NAME = "Test Archive"
    root = oai(client, verb="Identify")
    assert request_attrs(root) == {"verb": "Identify"}
    ident = root.find("o:Identify", NS)
    assert [child.tag.split("}")[1] for child in ident] == [
        "repositoryName", "baseURL", "protocolVersion", "adminEmail", "earliestDatestamp", "deletedRecord",
        "granularity",
    ]
    assert ident.findtext("o:repositoryName", namespaces=NS) == "Test Archive"
    assert ident.findtext("o:baseURL", namespaces=NS) == "http://testserver/oai"
    assert ident.findtext("o:protocolVersion", namespaces=NS) == "2.0"
    assert re.fullmatch(r"\S+@(\S+\.)+\S+", ident.findtext("o:adminEmail", namespaces=NS))
    assert ident.findtext("o:earliestDatestamp", namespaces=NS) == "2021-03-01T10:00:00Z"
    assert ident.findtext("o:deletedRecord", namespaces=NS) == "persistent"
    assert ident.findtext("o:granularity", namespaces=NS) == "YYYY-MM-DDThh:mm:ssZ"


def test_identify_counts_deletions_and_describes_identifiers_on_a_domain(client, oai_archive):
    delete_record("900001")
    m.Tombstone.objects.filter(record_id="900001").update(deleted_at=dt.datetime(2020, 5, 5, 5, 5, 5, tzinfo=UTC))
    response = client.get("/oai", {"verb": "Identify"}, HTTP_HOST="archive.example.org:8443")
    root = etree.fromstring(response.content)
    ident = root.find("o:Identify", NS)
    assert ident.findtext("o:earliestDatestamp", namespaces=NS) == "2020-05-05T05:05:05Z"
    assert ident.findtext("o:adminEmail", namespaces=NS) == "webmaster@archive.example.org"
    described = ident.find("o:description/id:oai-identifier", NS)
    assert described.findtext("id:repositoryIdentifier", namespaces=NS) == "archive.example.org"
    assert described.findtext("id:delimiter", namespaces=NS) == ":"
    assert SAMPLE_ID_PATTERN.fullmatch(described.findtext("id:sampleIdentifier", namespaces=NS))


def test_identify_takes_no_arguments_and_echoes_none(client, db):
    root = oai(client, verb="Identify", identifier="x")
    assert error(root) == "badArgument"
    assert request_attrs(root) == {}


def test_post_is_answered_like_get(client, oai_archive):
    root = oai(client, method="post", verb="GetRecord", identifier=identifier("900002"), metadataPrefix="oai_dc")
    assert error(root) is None
    assert request_attrs(root)["identifier"] == identifier("900002")
    response = client.post("/oai", {"verb": "Identify"})  # multipart: not what the protocol allows
    assert error(etree.fromstring(response.content)) == "badArgument"
    assert client.put("/oai").status_code == 405


@pytest.mark.parametrize("query", ["", "verb=Dance", "verb=Identify&verb=Identify", "verb=Identify&verb=ListSets"])
def test_bad_verbs(client, db, query):
    root = etree.fromstring(client.get("/oai?" + query).content)
    assert error(root) == "badVerb"
    assert request_attrs(root) == {}
    assert len(root) == 3  # responseDate, request, error


# --- ListMetadataFormats --------------------------------------------------------------------------


def test_list_metadata_formats(client, oai_archive, monkeypatch):
    for params in ({}, {"identifier": identifier("frus1918Russiav03/d11")}):
        root = oai(client, verb="ListMetadataFormats", **params)
        assert error(root) is None
        prefixes = root.xpath("//o:metadataPrefix/text()", namespaces=NS)
        assert prefixes == ["oai_dc", "mods"]
        assert root.xpath("//o:metadataFormat[o:metadataPrefix='mods']/o:metadataNamespace/text()", namespaces=NS) == [
            "http://www.loc.gov/mods/v3"
        ]
    root = oai(client, verb="ListMetadataFormats", identifier=identifier("nope"))
    assert error(root) == "idDoesNotExist"
    assert request_attrs(root) == {"verb": "ListMetadataFormats", "identifier": identifier("nope")}
    monkeypatch.setattr(formats, "FORMATS", {})
    root = oai(client, verb="ListMetadataFormats", identifier=identifier("900001"))
    assert error(root) == "noMetadataFormats"


# --- ListSets -------------------------------------------------------------------------------------


def test_list_sets_without_collections(client, archive):
    root = oai(client, verb="ListSets")
    assert error(root) == "noSetHierarchy"
    assert error(oai(client, verb="ListRecords", metadataPrefix="oai_dc", set="frus")) == "noSetHierarchy"


def test_list_sets_follow_the_collection_hierarchy(client, oai_archive):
    m.Collection.objects.filter(key="frus").update(description="The official documentary record.")
    root = oai(client, verb="ListSets")
    assert error(root) is None
    sets = {s.findtext("o:setSpec", namespaces=NS): s for s in root.findall("o:ListSets/o:set", NS)}
    assert set(sets) == {"frus", "frus:frus1918Russiav03", "frus:frus1969-76v17", "cold~20war~3A~20asia"}
    assert sets["frus:frus1918Russiav03"].findtext("o:setName", namespaces=NS) == "1918, Russia, Volume III"
    assert sets["frus"].xpath("o:setDescription/oai_dc:dc/dc:description/text()", namespaces=NS) == [
        "The official documentary record."
    ]
    assert root.find("o:ListSets/o:resumptionToken", NS) is None  # complete in one response


def test_list_sets_in_pages(client, oai_archive, monkeypatch):
    monkeypatch.setattr(tokens, "PAGE_SIZE", 3)
    sets, token_els = harvest(client, "ListSets")
    assert len(sets) == 4
    assert [(t.get("cursor"), t.get("completeListSize"), bool(t.text)) for t in token_els] == [
        ("0", "4", True), ("3", "4", False)
    ]
    assert error(oai(client, verb="ListSets", resumptionToken="garbage")) == "badResumptionToken"


# --- ListIdentifiers / ListRecords ----------------------------------------------------------------


@pytest.mark.parametrize("verb", ["ListIdentifiers", "ListRecords"])
def test_lists_hold_every_record_once(client, oai_archive, verb):
    items, tokens_seen = harvest(client, verb, metadataPrefix="oai_dc")
    assert sorted(ids_of(items)) == sorted(ALL_IDS)
    assert tokens_seen == []
    headers = items if verb == "ListIdentifiers" else [i.find("o:header", NS) for i in items]
    by_id = dict(zip(ids_of(items), headers))
    assert by_id["frus1918Russiav03/d11"].findtext("o:identifier", namespaces=NS) == "oai:testserver:frus1918Russiav03/d11"
    assert by_id["frus1918Russiav03/d12"].findtext("o:datestamp", namespaces=NS) == "2022-06-15T08:30:59Z"
    assert by_id["frus1918Russiav03/d11"].xpath("o:setSpec/text()", namespaces=NS) == ["frus", "frus:frus1918Russiav03"]
    assert by_id["odd id 50%/é"].findtext("o:identifier", namespaces=NS) == "oai:testserver:odd%20id%2050%25/%C3%A9"
    # Datestamp order: the samples first, the newest last.
    assert ids_of(items)[-1] == "odd id 50%/é"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"from": "2022-06-15"}, list(EXTRA)),
        ({"until": "2022-06-15"}, SAMPLE_IDS + ["frus1918Russiav03/d11", "frus1918Russiav03/d12"]),
        ({"from": "2022-06-15", "until": "2022-06-15"}, ["frus1918Russiav03/d11", "frus1918Russiav03/d12"]),
        ({"from": "2022-06-15T08:30:00Z", "until": "2022-06-15T08:30:00Z"}, ["frus1918Russiav03/d11"]),
        ({"from": "2022-06-15T08:30:01Z", "until": "2022-06-15T08:30:59Z"}, ["frus1918Russiav03/d12"]),
        ({"from": "2022-06-15T08:31:00Z"}, ["frus1969-76v17/d1", "odd id 50%/é"]),
        ({"until": "2021-03-01T10:00:00Z"}, SAMPLE_IDS),
        ({"until": "2021-03-01T09:59:59Z"}, []),
        ({"set": "frus"}, ["frus1918Russiav03/d11", "frus1918Russiav03/d12", "frus1969-76v17/d1"]),
        ({"set": "frus:frus1918Russiav03"}, ["frus1918Russiav03/d11", "frus1918Russiav03/d12"]),
        ({"set": "frus:frus1969-76v17", "from": "2022-06-16"}, ["frus1969-76v17/d1"]),
        ({"set": "frus:frus1969-76v17", "until": "2022-06-15"}, []),
        ({"set": "cold~20war~3A~20asia"}, ["odd id 50%/é"]),
        ({"set": "frus1918Russiav03"}, []),  # a child is named through its parent
        ({"set": "nosuchset"}, []),
    ],
)
def test_selective_harvesting(client, oai_archive, params, expected):
    root = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", **params)
    if not expected:
        assert error(root) == "noRecordsMatch"
        assert request_attrs(root) == {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", **params}
        return
    assert error(root) is None
    assert ids_of(root.findall("o:ListIdentifiers/o:header", NS)) == expected


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
        ({"metadataPrefix": "oai_dc", "from": "2022-06-15", "until": "2022-06-15T00:00:00Z"}, "badArgument"),
        ({"metadataPrefix": "oai_dc", "from": "2022-06-16", "until": "2022-06-15"}, "badArgument"),
        ({"metadataPrefix": "oai_dc", "from": "15/06/2022"}, "badArgument"),
        ({"metadataPrefix": "oai_dc", "set": "a b"}, "badArgument"),
        ({"metadataPrefix": "oai_dc", "from": "2999-01-01"}, "noRecordsMatch"),
        ({"resumptionToken": "not-a-token"}, "badResumptionToken"),
        ({"resumptionToken": "x", "set": "frus"}, "badArgument"),
        ({"from": "2022-06-15"}, "badArgument"),
    ],
)
@pytest.mark.parametrize("verb", ["ListIdentifiers", "ListRecords"])
def test_list_errors(client, oai_archive, verb, params, code):
    root = oai(client, verb=verb, **params)
    assert error(root) == code
    assert len(root.findall(f"o:{verb}", NS)) == 0
    expected_attrs = {} if code in ("badArgument", "badVerb") else {"verb": verb, **params}
    assert request_attrs(root) == expected_attrs


@pytest.mark.parametrize("verb", ["ListIdentifiers", "ListRecords"])
def test_resumption_in_pages(client, oai_archive, monkeypatch, verb):
    monkeypatch.setattr(tokens, "PAGE_SIZE", 5)
    items, token_els = harvest(client, verb, metadataPrefix="mods")
    assert ids_of(items) == sorted(ids_of(items), key=ALL_IDS.index)  # datestamp order, no repeats
    assert sorted(ids_of(items)) == sorted(ALL_IDS)
    assert [t.get("cursor") for t in token_els] == ["0", "5", "10", "15"]
    assert {t.get("completeListSize") for t in token_els} == {"16"}
    assert [bool(t.text) for t in token_els] == [True, True, True, False]  # the last page's token is empty
    # A ListRecords token is not a ListIdentifiers token.
    other = "ListRecords" if verb == "ListIdentifiers" else "ListIdentifiers"
    first = oai(client, verb=verb, metadataPrefix="mods").find(f"o:{verb}/o:resumptionToken", NS).text
    assert error(oai(client, verb=other, resumptionToken=first)) == "badResumptionToken"
    root = oai(client, verb=verb, resumptionToken=first)
    assert request_attrs(root) == {"verb": verb, "resumptionToken": first}


def test_tokens_carry_the_query(client, oai_archive, monkeypatch):
    monkeypatch.setattr(tokens, "PAGE_SIZE", 1)
    items, token_els = harvest(client, "ListRecords", metadataPrefix="oai_dc", set="frus", until="2022-06-15")
    assert ids_of(items) == ["frus1918Russiav03/d11", "frus1918Russiav03/d12"]
    assert all(i.find("o:metadata/oai_dc:dc", NS) is not None for i in items)
    assert [t.get("completeListSize") for t in token_els] == ["2", "2"]


def test_changes_during_a_harvest_move_records_later(client, oai_archive, monkeypatch):
    """Records changed or added mid-harvest come after the cursor: none skipped, the changed ones again."""
    monkeypatch.setattr(tokens, "PAGE_SIZE", 5)
    root = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    seen = ids_of(root.findall("o:ListIdentifiers/o:header", NS))
    token = root.findtext("o:ListIdentifiers/o:resumptionToken", namespaces=NS)
    changed = [seen[0], SAMPLE_IDS[-1], "frus1969-76v17/d1"]  # one seen, two still ahead
    updated = save_records(
        [_record(rid, EXTRA.get(rid, ([], None))[0], title=f"Changed {rid}") for rid in changed]
        + [_record(f"new/{n}", [FRUS]) for n in range(3)]
    )
    assert {o.status for o in updated} == {"updated", "created"}
    delete_record("900009")  # not yet harvested: it comes later, as a deletion
    while token:
        root = oai(client, verb="ListIdentifiers", resumptionToken=token)
        assert error(root) is None
        headers = root.findall("o:ListIdentifiers/o:header", NS)
        seen += ids_of(headers)
        deleted = [i for i, h in zip(ids_of(headers), headers) if h.get("status") == "deleted"]
        token = root.findtext("o:ListIdentifiers/o:resumptionToken", namespaces=NS)
    assert set(ALL_IDS) <= set(seen)
    assert {f"new/{n}" for n in range(3)} <= set(seen)
    # Only the record changed after it was harvested comes twice; the changed ones still ahead once.
    assert sorted({rid for rid in seen if seen.count(rid) > 1}) == [seen[0]]
    # The changed and the new records come last (their datestamps are the newest), then the deletion.
    assert set(seen[-7:-4]) == set(changed)
    assert seen[-4:-1] == [f"new/{n}" for n in range(3)]
    assert deleted == ["900009"] and seen[-1] == "900009"


def test_pages_cost_the_same_queries_whatever_their_size(client, oai_archive, monkeypatch):
    counts = []
    for size in (2, 12):
        monkeypatch.setattr(tokens, "PAGE_SIZE", size)
        with CaptureQueriesContext(connection) as queries:
            root = oai(client, verb="ListRecords", metadataPrefix="mods")
        assert len(root.findall("o:ListRecords/o:record", NS)) == size
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


# --- GetRecord and the crosswalks -----------------------------------------------------------------


def test_get_record_oai_dc(client, oai_archive, settings):
    settings.SITE_NAME = "Test Archive"
    root = oai(client, verb="GetRecord", identifier=identifier("frus1918Russiav03/d11"), metadataPrefix="oai_dc")
    assert error(root) is None
    record = root.find("o:GetRecord/o:record", NS)
    assert record.findtext("o:header/o:datestamp", namespaces=NS) == "2022-06-15T08:30:00Z"
    dc = record.find("o:metadata/oai_dc:dc", NS)
    assert dc.get(f"{{{protocol.XSI_NS}}}schemaLocation") == (
        "http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
    )
    assert len(record.find("o:metadata", NS)) == 1
    for child in dc:  # oai_dc allows only the fifteen DC elements, as text
        assert child.tag.startswith(f"{{{formats.DC_NS}}}") and child.tag.split("}")[1] in DC_ELEMENTS
        assert len(child) == 0 and child.text
    values = {}
    for child in dc:
        values.setdefault(child.tag.split("}")[1], []).append(child.text)
    assert values["title"] == ["Telegram frus1918Russiav03/d11"]
    assert values["creator"] == ["Francis, David R."]
    assert values["contributor"] == ["Anna Petrova"]
    assert values["date"] == ["1918-03~", "1918-03-01"]
    assert values["type"] == ["Text", "Telegram"]
    assert values["description"] == ["Summary of frus1918Russiav03/d11."]
    assert values["language"] == ["ru"]
    assert values["source"][0].startswith("AVPRF F. 0100")
    assert values["rights"] == ["Public domain."]
    assert values["identifier"] == ["http://testserver/documents/frus1918Russiav03/d11", "frus1918Russiav03/d11"]
    assert values["publisher"] == ["Test Archive"]
    assert values["subject"] == ["Russian Revolution", "Lenin, Vladimir Ilyich", "embassy"]
    assert values["coverage"] == ["Petrograd", "March 1918?"]
    assert values["relation"] == ["Foreign Relations of the United States", "1918, Russia, Volume III"]
    # The stable URL leads to the record's page.
    page = client.get("/documents/frus1918Russiav03/d11", follow=True)
    assert page.status_code == 200


def test_get_record_mods(client, oai_archive, settings):
    settings.SITE_NAME = "Test Archive"
    root = oai(client, verb="GetRecord", identifier=identifier("frus1918Russiav03/d11"), metadataPrefix="mods")
    mods = root.find("o:GetRecord/o:record/o:metadata/mods:mods", NS)
    assert mods.get("version") == "3.7"
    assert mods.get(f"{{{protocol.XSI_NS}}}schemaLocation") == (
        "http://www.loc.gov/mods/v3 http://www.loc.gov/standards/mods/v3/mods-3-7.xsd"
    )

    def text(path: str) -> list[str]:
        return mods.xpath(path + "/text()", namespaces=NS)

    assert text("mods:titleInfo/mods:title") == ["Telegram frus1918Russiav03/d11"]
    assert text("mods:name[mods:role/mods:roleTerm='aut']/mods:namePart") == ["Francis, David R."]
    assert text("mods:name[mods:role/mods:roleTerm='trl']/mods:namePart") == ["Anna Petrova"]
    assert text("mods:originInfo/mods:dateCreated[@encoding='edtf'][@keyDate='yes']") == ["1918-03~"]
    assert text("mods:originInfo/mods:dateCreated[@point='start']") == ["1918-03-01"]
    assert text("mods:originInfo/mods:place/mods:placeTerm") == ["Petrograd"]
    assert text("mods:typeOfResource") == ["text"] and text("mods:genre") == ["Telegram"]
    assert text("mods:physicalDescription/mods:internetMediaType") == ["text/html"]
    assert text("mods:language[not(@objectPart)]/mods:languageTerm[@authority='iso639-2b']") == ["rus"]
    assert text("mods:language[not(@objectPart)]/mods:languageTerm[@type='text']") == ["Russian"]
    assert text("mods:language[@objectPart='translation']/mods:languageTerm[@type='code']") == ["eng"]
    assert text("mods:abstract") == ["Summary of frus1918Russiav03/d11."]
    assert text("mods:note[@type='source note']")[0].startswith("AVPRF F. 0100")
    assert text("mods:location/mods:physicalLocation") == ["Archive of Foreign Policy of the Russian Federation (AVPRF)"]
    assert text("mods:location/mods:shelfLocator") == ["F. 0100, Op. 42, Delo 12, Listy 3-5"]
    assert text("mods:location/mods:url[@usage='primary']") == ["http://testserver/documents/frus1918Russiav03/d11"]
    assert text("mods:accessCondition[@type='use and reproduction']") == ["Public domain."]
    assert text("mods:subject/mods:name/mods:namePart") == ["Lenin, Vladimir Ilyich"]
    assert text("mods:subject/mods:geographic") == ["Petrograd"]
    assert text("mods:subject/mods:topic") == ["Russian Revolution", "embassy"]
    assert text("mods:relatedItem[@type='host']/mods:titleInfo/mods:title") == [
        "Foreign Relations of the United States", "1918, Russia, Volume III"
    ]
    assert text("mods:relatedItem[@type='host']/mods:identifier") == ["frus", "frus1918Russiav03"]
    assert text("mods:identifier[@type='local']") == ["frus1918Russiav03/d11"]
    assert text("mods:recordInfo/mods:recordChangeDate") == ["2022-06-15T08:30:00Z"]
    assert text("mods:recordInfo/mods:recordContentSource") == ["Test Archive"]
    # Every element of the record is in the MODS namespace.
    assert {el.tag.split("}")[0] for el in mods.iter()} == {f"{{{formats.MODS_NS}"}


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"identifier": identifier("900001"), "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
        ({"identifier": identifier("999999"), "metadataPrefix": "oai_dc"}, "idDoesNotExist"),
        ({"identifier": "oai:elsewhere.org:900001", "metadataPrefix": "oai_dc"}, "idDoesNotExist"),
        ({"identifier": "900001", "metadataPrefix": "oai_dc"}, "idDoesNotExist"),
        ({"metadataPrefix": "oai_dc"}, "badArgument"),
        ({"identifier": identifier("900001"), "metadataPrefix": "oai_dc", "set": "frus"}, "badArgument"),
    ],
)
def test_get_record_errors(client, oai_archive, params, code):
    root = oai(client, verb="GetRecord", **params)
    assert error(root) == code
    assert root.find("o:GetRecord", NS) is None
    assert request_attrs(root) == ({} if code == "badArgument" else {"verb": "GetRecord", **params})


# --- deleted records ------------------------------------------------------------------------------


def test_deleted_records_are_reported_persistently(client, oai_archive):
    assert delete_record("frus1918Russiav03/d12")
    ident = identifier("frus1918Russiav03/d12")
    deleted_at = m.Tombstone.objects.get(record_id="frus1918Russiav03/d12").deleted_at

    root = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    headers = {h.findtext("o:identifier", namespaces=NS): h for h in root.findall("o:ListIdentifiers/o:header", NS)}
    assert len(headers) == len(ALL_IDS)
    header = headers[ident]
    assert header.get("status") == "deleted"
    assert header.findtext("o:datestamp", namespaces=NS) == protocol.datestamp(deleted_at)
    assert sorted(header.xpath("o:setSpec/text()", namespaces=NS)) == ["frus", "frus:frus1918Russiav03"]
    assert all(h.get("status") is None for i, h in headers.items() if i != ident)

    for prefix in ("oai_dc", "mods"):
        root = oai(client, verb="GetRecord", identifier=ident, metadataPrefix=prefix)
        record = root.find("o:GetRecord/o:record", NS)
        assert record.find("o:header", NS).get("status") == "deleted"
        assert record.find("o:metadata", NS) is None

    root = oai(client, verb="ListRecords", metadataPrefix="oai_dc", set="frus:frus1918Russiav03")
    records = root.findall("o:ListRecords/o:record", NS)
    assert [(r.find("o:header", NS).get("status"), r.find("o:metadata", NS) is None) for r in records] == [
        (None, False), ("deleted", True)
    ]
    # Deleted records stay in their sets and out of the others.
    root = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="cold~20war~3A~20asia")
    assert ids_of(root.findall("o:ListIdentifiers/o:header", NS)) == ["odd id 50%/é"]
    assert error(oai(client, verb="ListMetadataFormats", identifier=ident)) is None
    # The deletion is a change: a harvest from the moment it happened finds it.
    root = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", **{"from": protocol.datestamp(deleted_at)})
    assert identifier("frus1918Russiav03/d12") in root.xpath("//o:header[@status='deleted']/o:identifier/text()", namespaces=NS)


def test_every_error_code_is_known():
    assert set(protocol.ERRORS) == {
        "badArgument", "badResumptionToken", "badVerb", "cannotDisseminateFormat", "idDoesNotExist",
        "noRecordsMatch", "noMetadataFormats", "noSetHierarchy",
    }
    with pytest.raises(ValueError):
        OAIError("notACode")


@pytest.mark.parametrize(
    ("code", "expected"),
    [("ru", ("rus", "iso639-2b")), ("de", ("ger", "iso639-2b")), ("zh", ("chi", "iso639-2b")),
     ("haw", ("haw", "iso639-3")), ("x-secret", ("x-secret", "rfc5646"))],
)
def test_mods_language_codes_use_vocabularies_mods_allows(code, expected):
    assert formats._language_code(code) == expected


def test_forged_tokens_are_refused(client, oai_archive):
    cursor = tokens.Cursor(SAMPLES_AT, 0, 1)
    for query in (tokens.ListQuery("marc21"), tokens.ListQuery("oai_dc", "a b"), tokens.ListQuery("oai_dc", None, "x")):
        forged = tokens.encode(tokens.Token("ListRecords", query, cursor, 1, 16))
        root = oai(client, verb="ListRecords", resumptionToken=forged)
        assert error(root) == "badResumptionToken"
        assert request_attrs(root) == {"verb": "ListRecords", "resumptionToken": forged}


@pytest.mark.parametrize("params", [{}, {"set": "frus"}])
def test_deletions_interleave_with_records_across_pages(client, oai_archive, monkeypatch, params):
    """Records and deletions merge in datestamp order, page after page, each exactly once."""
    monkeypatch.setattr(tokens, "PAGE_SIZE", 2)
    for rid in ("frus1918Russiav03/d12", "900004", "900011"):
        delete_record(rid)
    stamps = {
        "frus1918Russiav03/d12": dt.datetime(2022, 6, 15, 8, 30, 0, tzinfo=UTC),  # ties with d11: after it
        "900004": dt.datetime(2019, 1, 1, tzinfo=UTC),  # before everything
        "900011": dt.datetime(2022, 6, 15, 12, 0, tzinfo=UTC),  # between d11 and v17/d1
    }
    for rid, at in stamps.items():
        m.Tombstone.objects.filter(record_id=rid).update(deleted_at=at)
    items, _ = harvest(client, "ListIdentifiers", metadataPrefix="oai_dc", **params)
    got = [(rid, h.get("status")) for rid, h in zip(ids_of(items), items)]
    if params:
        assert got == [
            ("frus1918Russiav03/d11", None), ("frus1918Russiav03/d12", "deleted"), ("frus1969-76v17/d1", None)
        ]
    else:
        samples = [(rid, None) for rid in SAMPLE_IDS if rid not in stamps]
        assert got == [("900004", "deleted"), *samples, ("frus1918Russiav03/d11", None),
                       ("frus1918Russiav03/d12", "deleted"), ("900011", "deleted"), ("frus1969-76v17/d1", None),
                       ("odd id 50%/é", None)]
