"""Sitemaps and robots.txt: crawlers find every document once, at its canonical URL, and no searches.

The expectations come from the catalogue (every record, every linked person and place), not from
the sample files.
"""

from __future__ import annotations

import re
import urllib.robotparser
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

import pytest
from django.urls import resolve
from django.utils.http import http_date
from lxml import etree

from fonds.catalog import models as m
from fonds.web import sitemaps
from fonds.web.links import document_url

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
ORIGIN = "http://testserver"


def xml_of(client, url: str) -> etree._Element:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    assert response["Content-Type"].startswith("application/xml")
    return etree.fromstring(response.content)


def index_entries(client) -> list[tuple[str, str | None]]:
    root = xml_of(client, "/sitemap.xml")
    assert root.tag == f"{{{NS['sm']}}}sitemapindex"
    return [(s.findtext("sm:loc", namespaces=NS), s.findtext("sm:lastmod", namespaces=NS)) for s in root.findall("sm:sitemap", NS)]


def urls_of(client, sitemap_url: str) -> list[tuple[str, str | None]]:
    parts = urlsplit(sitemap_url)
    assert f"{parts.scheme}://{parts.netloc}" == ORIGIN
    root = xml_of(client, parts.path + (f"?{parts.query}" if parts.query else ""))
    assert root.tag == f"{{{NS['sm']}}}urlset"
    return [(u.findtext("sm:loc", namespaces=NS), u.findtext("sm:lastmod", namespaces=NS)) for u in root.findall("sm:url", NS)]


def section_urls(client, section: str) -> list[tuple[str, str | None]]:
    """Every URL of a section, through every page the index lists for it."""
    pages = [loc for loc, _ in index_entries(client) if urlsplit(loc).path == f"/sitemap-{section}.xml"]
    assert pages, f"the index lists no {section} sitemap"
    return [url for page in pages for url in urls_of(client, page)]


def test_index_lists_every_section_with_absolute_urls(archive, client):
    entries = index_entries(client)
    paths = [urlsplit(loc).path for loc, _ in entries]
    for section in ("documents", "people", "places", "pages"):
        assert f"/sitemap-{section}.xml" in paths
    assert all(loc.startswith(ORIGIN + "/") for loc, _ in entries)
    latest = m.Record.objects.order_by("-updated_at").values_list("updated_at", flat=True).first()
    documents = dict(entries)[f"{ORIGIN}/sitemap-documents.xml"]
    assert datetime.fromisoformat(documents) == latest


def test_every_document_exactly_once_at_its_canonical_url_with_lastmod(archive, client, monkeypatch):
    # A small page size so the section spans several pages of the index (12 samples: 3 pages).
    monkeypatch.setattr(sitemaps.DocumentSitemap, "limit", 5)
    records = list(m.Record.objects.values_list("record_id", "slug", "updated_at"))
    assert len(records) > 10
    pages = [loc for loc, _ in index_entries(client) if "sitemap-documents" in loc]
    assert [urlsplit(p).query for p in pages] == ["", "p=2", "p=3"]

    urls = section_urls(client, "documents")
    locs = [loc for loc, _ in urls]
    assert len(locs) == len(set(locs)) == len(records)
    expected = {ORIGIN + document_url(rid, slug): updated.replace(microsecond=0) for rid, slug, updated in records}
    assert {loc: datetime.fromisoformat(lastmod) for loc, lastmod in urls} == expected


def test_sitemap_urls_are_the_pages_themselves_not_redirects(archive, client):
    for loc, _ in section_urls(client, "documents") + section_urls(client, "pages"):
        assert client.get(urlsplit(loc).path).status_code == 200, loc


def test_a_changed_record_gets_a_new_lastmod(archive, client):
    changed = m.Record.objects.order_by("pk").first()
    later = datetime.now(timezone.utc) + timedelta(days=3)
    m.Record.objects.filter(pk=changed.pk).update(updated_at=later)
    urls = dict(section_urls(client, "documents"))
    assert datetime.fromisoformat(urls[ORIGIN + document_url(changed.record_id, changed.slug)]) == later.replace(microsecond=0)
    assert datetime.fromisoformat(dict(index_entries(client))[f"{ORIGIN}/sitemap-documents.xml"]) == later


@pytest.mark.django_db
def test_odd_record_ids_are_quoted_as_reverse_quotes_them_and_the_xml_stays_well_formed(client, index_dir):
    from fonds.catalog.services import save_records
    from fonds.core.record import RecordData

    ids = ["a b", "R&D;1", "what?", "hash#1", "100%", "frus1918/d11", "平壤-1", "it's", "~tilde:@"]
    save_records([RecordData(id=i, title=f"Title {n}") for n, i in enumerate(ids)])
    rows = m.Record.objects.values_list("record_id", "slug", "updated_at")
    expected = {ORIGIN + document_url(rid, slug) for rid, slug, _ in rows}
    assert {loc for loc, _ in section_urls(client, "documents")} == expected  # parsed by lxml
    for loc in expected:
        if "%" not in loc:  # the document view compares a quoted canonical URL with the decoded path
            assert client.get(urlsplit(loc).path).status_code == 200, loc


def test_section_pages_that_do_not_exist_are_404(archive, client):
    for url in ("/sitemap-nothing.xml", "/sitemap-documents.xml?p=2", "/sitemap-documents.xml?p=x", "/sitemap-documents.xml?p=0"):
        assert client.get(url).status_code == 404, url


def test_section_says_when_it_last_changed(archive, client):
    response = client.get("/sitemap-documents.xml")
    latest = m.Record.objects.order_by("-updated_at").values_list("updated_at", flat=True).first()
    assert response["Last-Modified"] == http_date(latest.timestamp())
    assert response["X-Robots-Tag"].startswith("noindex")


def test_a_sitemap_page_costs_a_fixed_number_of_queries(archive, client, django_assert_max_num_queries):
    # A count and one slice of plain values: no query (and no model instance) per record.
    with django_assert_max_num_queries(2):
        client.get("/sitemap-documents.xml")


def test_people_and_places_are_the_linked_authorities_at_their_pages(archive, client):
    linked_people = set(
        m.Agent.objects.filter(records__isnull=False).values_list("key", flat=True)
    ) | set(m.Agent.objects.filter(authored__isnull=False).values_list("key", flat=True))
    linked_places = set(m.Place.objects.filter(records__isnull=False).values_list("key", flat=True))
    assert linked_people and linked_places
    for section, url_name, expected in (("people", "person", linked_people), ("places", "place", linked_places)):
        urls = section_urls(client, section)
        locs = [loc for loc, _ in urls]
        assert len(locs) == len(set(locs))
        assert all(lastmod for _, lastmod in urls)
        keys = set()
        for loc in locs:
            path = urlsplit(loc).path
            assert path.startswith(f"/{section}/")
            match = resolve(path)
            assert match.url_name == url_name
            keys.add(match.kwargs.get("key") or match.args[0])
        assert keys == expected
    # An authority no document names (an authority file's other entries) is not listed.
    unlinked = m.Agent.objects.filter(records__isnull=True, authored__isnull=True).values_list("key", flat=True).first()
    if unlinked:
        assert not any(loc.endswith(f"/people/{unlinked}") for loc, _ in section_urls(client, "people"))


def test_authority_url_falls_back_to_a_path_when_the_page_has_no_route():
    assert sitemaps.authority_url("no-such-url-name", "people", "kim il/sung") == "/people/kim%20il%2Fsung"


def test_pages_section_lists_home_search_and_browse(archive, client):
    paths = [urlsplit(loc).path for loc, _ in section_urls(client, "pages")]
    assert paths == ["/", "/search", "/search/help", "/browse/dates"]


@pytest.mark.django_db
def test_an_empty_archive_has_a_valid_sitemap(client, index_dir):
    entries = index_entries(client)
    assert urls_of(client, dict((urlsplit(loc).path, loc) for loc, _ in entries)["/sitemap-documents.xml"]) == []


# --- robots.txt --------------------------------------------------------------------------------


def robots(client) -> str:
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    return response.content.decode()


def _pattern(rule: str) -> re.Pattern:
    """An RFC 9309 path pattern: ``*`` is any run of characters, a final ``$`` anchors the end."""
    anchored = rule.endswith("$")
    body = "".join(".*" if ch == "*" else re.escape(ch) for ch in (rule[:-1] if anchored else rule))
    return re.compile(body + ("$" if anchored else ""))


def rfc9309_allows(text: str, path: str) -> bool:
    """What a crawler following RFC 9309 decides (as Google and Bing do): the longest matching rule
    wins, Allow on a tie; no rule, allowed. Python's urllib.robotparser is not used here because it
    drops a rule's trailing "?" and ignores wildcards."""
    best: tuple[int, bool] | None = None
    for line in text.splitlines():
        field, _, value = line.partition(":")
        kind, value = field.strip().lower(), value.strip()
        if kind not in ("allow", "disallow") or not value:
            continue
        if _pattern(value).match(path):
            candidate = (len(value), kind == "allow")
            best = candidate if best is None else max(best, candidate)
    return True if best is None else best[1]


@pytest.mark.django_db
def test_robots_points_to_the_sitemap_with_an_absolute_url(client):
    parser = urllib.robotparser.RobotFileParser()
    parser.parse(robots(client).splitlines())
    assert parser.site_maps() == [f"{ORIGIN}/sitemap.xml"]
    assert parser.can_fetch("AnyBot", f"{ORIGIN}/documents/900001/some-title")
    assert not parser.can_fetch("AnyBot", f"{ORIGIN}/api/v1/documents")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path, allowed",
    [
        ("/", True),
        ("/documents/900001/some-title", True),
        ("/browse/dates", True),
        ("/people/kim-il-sung", True),
        ("/feeds/recent.atom", True),
        ("/sitemap-documents.xml", True),
        ("/oai?verb=Identify", True),  # harvesters' door: left open on purpose
        ("/search", True),  # the search page itself is in the sitemap
        ("/search/help", True),
        ("/search/export.csv?q=kim", False),
        ("/search?q=kim", False),
        ("/search?type=Telegram&lang=ru&page=3", False),
        ("/search/cite.ris?q=kim", False),
        ("/api/v1/documents", False),
        ("/dumps/latest/records.jsonl.gz", False),
        ("/documents/900001/some-title?format=json", False),
        ("/search?format=json", False),
        ("/browse/dates?format=json", False),
        ("/documents/frus1918Russiav03/d11/some-title/cite.ris", False),
    ],
)
def test_robots_lets_crawlers_read_documents_not_searches(client, path, allowed):
    assert rfc9309_allows(robots(client), path) is allowed, path


@pytest.mark.django_db
def test_robots_reads_the_same_to_first_match_parsers(client):
    # Python's parser takes the first matching rule (and drops a trailing "?"): the narrow Allow
    # comes first and the catch-all last, so it agrees on the pages that matter.
    text = robots(client)
    lines = text.splitlines()
    assert max(i for i, line in enumerate(lines) if line.startswith("Disallow:")) < lines.index("Allow: /")
    parser = urllib.robotparser.RobotFileParser()
    parser.parse(lines)
    for path, allowed in (("/search/help", True), ("/search/cite.ris", False), ("/documents/1/x", True), ("/dumps/latest/x", False)):
        assert parser.can_fetch("AnyBot", ORIGIN + path) is allowed, path
