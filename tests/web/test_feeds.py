"""Atom feeds: valid Atom (RFC 4287's required elements), newest first, per collection with the
collections nested in it, and announced in the home page's head."""

from __future__ import annotations

import html
import re
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

import pytest
from lxml import etree

from fonds.catalog import models as m
from fonds.catalog.services import save_records
from fonds.core.record import CollectionRef, RecordData
from fonds.web import feeds
from fonds.web.links import document_url

ATOM = "http://www.w3.org/2005/Atom"
NS = {"a": ATOM}
ORIGIN = "http://testserver"
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


def atom_of(client, url: str) -> etree._Element:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    assert response["Content-Type"].startswith("application/atom+xml")
    root = etree.fromstring(response.content)
    check_atom(root)
    return root


def check_atom(feed: etree._Element) -> None:
    """The elements RFC 4287 requires of a feed and its entries."""
    assert feed.tag == f"{{{ATOM}}}feed"
    for name in ("id", "title", "updated"):
        assert len(feed.findall(f"a:{name}", NS)) == 1, name
    assert RFC3339.match(feed.findtext("a:updated", namespaces=NS))
    self_links = feed.xpath("a:link[@rel='self']/@href", namespaces=NS)
    assert len(self_links) == 1 and self_links[0].startswith(ORIGIN + "/feeds/")
    entries = feed.findall("a:entry", NS)
    # A feed without an author needs one in every entry.
    assert feed.findtext("a:author/a:name", namespaces=NS) or all(e.find("a:author", NS) is not None for e in entries)
    ids = [e.findtext("a:id", namespaces=NS) for e in entries]
    assert len(ids) == len(set(ids)), "entry ids must be unique"
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"a:{name}", NS)) == 1, name
        assert RFC3339.match(entry.findtext("a:updated", namespaces=NS))
        alternate = entry.xpath("a:link[@rel='alternate' or not(@rel)]/@href", namespaces=NS)
        assert len(alternate) == 1 and alternate[0].startswith(ORIGIN + "/documents/")


def entries_of(feed: etree._Element) -> list[dict]:
    out = []
    for e in feed.findall("a:entry", NS):
        out.append(
            {
                "id": e.findtext("a:id", namespaces=NS),
                "title": e.findtext("a:title", namespaces=NS),
                "link": e.xpath("string(a:link/@href)", namespaces=NS),
                "published": datetime.fromisoformat(e.findtext("a:published", namespaces=NS)),
                # type="html": the text is HTML, so entities stand for characters.
                "summary": html.unescape(e.findtext("a:summary", namespaces=NS) or "") or None,
                "categories": [c.get("term") for c in e.findall("a:category", NS)],
            }
        )
    return out


def spread_added_dates(order: list[str]) -> dict[str, datetime]:
    """Give the records ``order`` (in the order they were stored) distinct "added" times an hour apart."""
    start = datetime(2024, 1, 1, tzinfo=timezone.utc)
    when = {}
    for i, record_id in enumerate(order):
        when[record_id] = start + timedelta(hours=i)
        m.Record.objects.filter(record_id=record_id).update(created_at=when[record_id])
    return when


def test_recent_feed_is_atom_with_the_newest_first(archive, client):
    ids = list(m.Record.objects.order_by("pk").values_list("record_id", flat=True))
    when = spread_added_dates(ids)
    entries = entries_of(atom_of(client, "/feeds/recent.atom"))
    assert [e["published"] for e in entries] == sorted(when.values(), reverse=True)
    assert [urlsplit(e["id"]).path for e in entries] == [f"/documents/{i}" for i in reversed(ids)]


def test_recent_feed_entries_carry_the_documents_fields(archive, client):
    entries = {urlsplit(e["id"]).path.rsplit("/", 1)[1]: e for e in entries_of(atom_of(client, "/feeds/recent.atom"))}
    rows = m.Record.objects.values("record_id", "slug", "title", "summary", "type", "date_edtf", "created_at")
    assert len(entries) == len(rows)
    for row in rows:
        entry = entries[row["record_id"]]
        assert entry["title"] == row["title"]
        assert entry["link"] == ORIGIN + document_url(row["record_id"], row["slug"])
        assert entry["published"] == row["created_at"]
        assert entry["summary"] == (row["summary"] or None)
        assert entry["categories"] == [v for v in (row["type"], row["date_edtf"]) if v]


def test_recent_feed_is_limited_to_the_newest(archive, client, monkeypatch):
    monkeypatch.setattr(feeds, "FEED_SIZE", 4)
    ids = list(m.Record.objects.order_by("pk").values_list("record_id", flat=True))
    spread_added_dates(ids)
    entries = entries_of(atom_of(client, "/feeds/recent.atom"))
    assert [urlsplit(e["id"]).path for e in entries] == [f"/documents/{i}" for i in reversed(ids[-4:])]


def test_feed_text_is_escaped_once(db, index_dir, client):
    save_records([RecordData(id="x1", title="Talks <in> Paris & Bonn", summary="Who said <b>no</b> & why.")])
    feed = atom_of(client, "/feeds/recent.atom")
    entry = entries_of(feed)[0]
    assert entry["title"] == "Talks <in> Paris & Bonn"
    # The summary is type="html": its markup-looking text arrives as text.
    summary = feed.find("a:entry/a:summary", NS)
    assert summary.get("type") == "html"
    assert etree.fromstring(f"<div>{summary.text}</div>", etree.HTMLParser()).xpath("string(//div)") == "Who said <b>no</b> & why."


@pytest.mark.django_db
def test_an_empty_archive_has_a_valid_feed(client, index_dir):
    assert entries_of(atom_of(client, "/feeds/recent.atom")) == []


# --- per collection ---------------------------------------------------------------------------


@pytest.fixture
def nested(db, index_dir):
    """Records in a collection, in its child and grandchild, and in an unrelated collection."""
    top = CollectionRef("cold-war", "Cold War")
    child = CollectionRef("cold-war/korea", "Korea", parent="cold-war")
    grandchild = CollectionRef("korea-1950", "Korea 1950", parent="cold-war/korea")
    other = CollectionRef("other", "Other things")
    save_records(
        [
            RecordData(id="t1", title="Top one", type="Report", date="1950-01-02", collections=[top]),
            RecordData(id="c1", title="Child one", collections=[child]),
            RecordData(id="g1", title="Grandchild one", collections=[grandchild]),
            RecordData(id="b1", title="In both", collections=[other, child]),
            RecordData(id="o1", title="Elsewhere", collections=[other]),
        ]
    )
    spread_added_dates(["t1", "c1", "g1", "b1", "o1"])


def feed_ids(client, url: str) -> list[str]:
    return [urlsplit(e["id"]).path.removeprefix("/documents/") for e in entries_of(atom_of(client, url))]


def test_collection_feed_includes_its_child_collections(nested, client):
    assert feed_ids(client, "/feeds/collections/cold-war.atom") == ["b1", "g1", "c1", "t1"]
    # A collection key with a slash in it, and a child collection's own feed.
    assert feed_ids(client, "/feeds/collections/cold-war/korea.atom") == ["b1", "g1", "c1"]
    assert feed_ids(client, "/feeds/collections/korea-1950.atom") == ["g1"]
    assert feed_ids(client, "/feeds/collections/other.atom") == ["o1", "b1"]


def test_collection_feed_says_which_collection(nested, client):
    feed = atom_of(client, "/feeds/collections/cold-war.atom")
    assert "Cold War" in feed.findtext("a:title", namespaces=NS)
    assert feed.findtext("a:id", namespaces=NS) == f"{ORIGIN}/feeds/collections/cold-war.atom"
    assert atom_of(client, "/feeds/recent.atom").findtext("a:id", namespaces=NS) == f"{ORIGIN}/feeds/recent.atom"


def test_unknown_collection_feed_is_404(nested, client):
    assert client.get("/feeds/collections/no-such-thing.atom").status_code == 404


# --- discovery --------------------------------------------------------------------------------


def test_home_page_announces_the_feed(archive, client):
    page = client.get("/").content.decode()
    links = re.findall(r"<link\b[^>]*>", page)
    atom = [link for link in links if 'rel="alternate"' in link and 'type="application/atom+xml"' in link]
    assert len(atom) == 1 and 'href="/feeds/recent.atom"' in atom[0]
    assert client.get("/feeds/recent.atom").status_code == 200
