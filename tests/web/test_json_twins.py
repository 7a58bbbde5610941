"""Every public page has a JSON twin (``?format=json``) built from the same data as the page.

The twin answers ``{"ok": true, ...}``; an error answers ``{"ok": false, "error": "...", "status": N}``
with that HTTP status, while the same URL without ``format=json`` shows the friendly error page.
"""

from __future__ import annotations

import html
import re

import pytest

from fonds.catalog.services import get_record, iter_records
from fonds.core.text import slugify



def html_of(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    assert response["Content-Type"].startswith("text/html")
    return response.content.decode()


def json_of(client, url: str, status: int = 200) -> dict:
    sep = "&" if "?" in url else "?"
    response = client.get(f"{url}{sep}format=json")
    assert response.status_code == status, (url, response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def stated_total(page: str) -> int:
    match = re.search(r'class="result-count"[^>]*>\s*<strong>([\d,]+) documents?</strong>', page)
    assert match, "no result count on the page"
    return int(match.group(1).replace(",", ""))


def hit_urls(page: str) -> list[str]:
    return [html.unescape(u) for u in re.findall(r'<h3 class="hit__title"><a href="([^"]+)">', page)]


def facet_counts(page: str, key: str) -> dict[str, int]:
    section = re.search(rf'<section class="facet" aria-labelledby="facet-{key}">(.*?)</section>', page, re.S)
    assert section, f"no {key} facet on the page"
    pairs = re.findall(r'<span class="facet__label">([^<]*)</span>.*?<span class="count">([\d,]+)', section.group(1), re.S)
    return {html.unescape(label): int(count.replace(",", "")) for label, count in pairs}


def records():
    return sorted(iter_records(), key=lambda r: r.id)


# --- the pages' twins ---------------------------------------------------------------------------


def test_home_twin(archive, client):
    data = json_of(client, "/")
    assert data["ok"] is True
    assert set(data) == {"ok", "total", "types", "decades", "recent", "collections"}
    assert data["total"] == len(records())
    page = html_of(client, "/")
    assert f"{data['total']} translated primary-source documents" in page
    for t in data["types"]:
        assert set(t) == {"value", "count", "url"}
        assert html.escape(t["url"]) in page
    for d in data["decades"]:
        assert f'{d["value"]}s' == d["label"] and html.escape(d["url"]) in page
    for r in data["recent"]:
        assert f'href="{r["url"]}"' in page
        assert r["url"] == f"/documents/{r['id']}/{r['slug']}"


SEARCHES = [
    "/search",
    "/search?q=embassy",
    "/search?q=embassy&sort=date",
    "/search?per_page=2&page=2&sort=-date",
    "/search?from=1950&to=1969",
    "/search?type=Telegram&type=Diary+Entry",
    "/search?q=zzqqxx",
    '/search?q="unclosed',
]


@pytest.mark.parametrize("url", SEARCHES)
def test_search_twin_has_the_pages_data(archive, client, url):
    data = json_of(client, url)
    page = html_of(client, url)
    assert data["ok"] is True
    assert set(data) == {"ok", "query", "total", "page", "pages", "hits", "facets", "errors", "understood", "active_filters"}
    assert data["total"] == stated_total(page)
    assert [h["url"] for h in data["hits"]] == hit_urls(page)
    for h in data["hits"]:
        assert h["url"] == f"/documents/{h['id']}/{slugify(h['title'])}"
        assert html.escape(h["title"]) in page
    for f in data["facets"]:
        assert facet_counts(page, f["key"]) == {v["label"]: v["count"] for v in f["values"]}
    for e in data["errors"]:
        assert html.escape(e) in page
    if data["pages"] > 1:
        assert f"Page {data['page']} of {data['pages']}" in page


def test_search_twin_echoes_the_query(archive, client):
    data = json_of(client, "/search?q=embassy&type=Telegram&from=1950&to=1960-06&sort=date&per_page=5")
    assert data["query"] == {
        "q": "embassy",
        "filters": {"type": ["Telegram"]},
        "from": "1950",
        "to": "1960-06",
        "sort": "date",
        "page": 1,
        "per_page": 5,
    }
    assert data["active_filters"][0]["key"] == "type"
    assert data["active_filters"][0]["value"] == "Telegram"


def test_the_pages_json_link_is_its_twin(archive, client):
    url = "/search?q=embassy&sort=date"
    page = html_of(client, url)
    link = html.unescape(re.search(r'<a href="([^"]+)"[^>]*>Download this result as JSON</a>', page).group(1))
    response = client.get(link)
    assert response.json() == json_of(client, url)


def test_document_twin(archive, client):
    for record in records()[:4]:
        url = f"/documents/{record.id}/{slugify(record.title)}"
        data = json_of(client, url)
        related = data.pop("related")
        assert data == {"ok": True, "record": get_record(record.id).to_json(), "url": url}
        page = html_of(client, url)
        for r in related:  # the page shows the same related documents as its twin
            assert r["url"] in page
        assert f'<h1 id="doc-title" class="document__title">{html.escape(record.title)}</h1>' in page
        assert f'href="{url}?format=json"' in page


def test_browse_dates_twin(archive, client):
    data = json_of(client, "/browse/dates")
    assert data["ok"] is True and set(data) == {"ok", "total", "decades"}
    page = html_of(client, "/browse/dates")
    for d in data["decades"]:
        assert d["count"] == sum(y["count"] for y in d["years"])
        assert f'id="d{d["value"]}"' in page
        for y in d["years"]:
            assert re.search(rf'<span class="bar__year">{y["value"]}</span>.*?<span class="bar__count">{y["count"]}<', page, re.S)


def test_twins_write_unicode_as_itself(archive, client):
    record = next(r for r in records() if any(ord(c) > 127 for c in r.text))
    word = next(w for w in record.text.split() if any(ord(c) > 127 for c in w))
    response = client.get(f"/documents/{record.id}/{slugify(record.title)}?format=json")
    assert response["Content-Type"] == "application/json"
    assert word in response.content.decode("utf-8")


# --- errors -------------------------------------------------------------------------------------

ERRORS = [
    ("/documents/999999999/nothing", 404, "999999999"),
    ("/no/such/page", 404, "/no/such/page"),
    ("/search?from=abc", 400, "from"),
    ("/search?to=1957-02-30", 400, "to"),
    ("/search?to=1957-13", 400, "to"),
    ("/search?page=abc", 400, "page"),
    ("/search?per_page=many", 400, "per_page"),
    ("/search?sort=sideways", 400, "sort"),
    ("/search?year=abc", 400, "year"),
    ("/search?page=99999999", 400, "page"),
]


@pytest.mark.parametrize("url, status, mentions", ERRORS)
def test_errors_share_one_envelope(archive, client, url, status, mentions):
    data = json_of(client, url, status)
    assert set(data) == {"ok", "error", "status"}
    assert data["ok"] is False and data["status"] == status
    assert mentions in data["error"]
    # The same URL for a person: the friendly page, with the same status and message.
    page = html_of(client, url, status)
    assert f"Error {status}" in page
    assert html.escape(data["error"][:1].upper() + data["error"][1:]) in page
    assert 'href="/"' in page and 'action="/search"' in page


def test_a_missing_index_is_a_503_not_a_500(db, index_dir, client):
    data = json_of(client, "/search?q=embassy", 503)
    assert data["ok"] is False and data["status"] == 503
    assert "The search index is not ready" in html_of(client, "/search?q=embassy", 503)
