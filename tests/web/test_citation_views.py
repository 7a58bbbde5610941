"""Citations on the web: a document page's meta tags, COinS, JSON-LD and rendered styles, and the
RIS / BibTeX / CSL-JSON downloads of one document, of a search and of a selection.

Pages are read back the way their consumers read them: the head with html.parser (as Zotero's
Embedded Metadata translator walks ``meta`` elements), the JSON-LD with json.loads, the COinS
title with urllib's parse_qs and with the split-on-"&"-and-"=" reading of Zotero's COinS parser,
the downloads with the RIS and BibTeX readers of tests/core/test_cite.py. Expectations are taken
from the stored records, so every demo sample is checked, and the reference record (WCDA 115958)
in full.
"""

from __future__ import annotations

import importlib.util
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, unquote

import pytest

from fonds.catalog.services import get_record, iter_records
from fonds.core.text import slugify

SITE = "Fonds Reading Room & Archive"
BASE = "http://testserver"

_spec = importlib.util.spec_from_file_location("cite_readers", Path(__file__).parents[1] / "core" / "test_cite.py")
_readers = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_readers)  # type: ignore[union-attr]
read_ris, read_bibtex = _readers.read_ris, _readers.read_bibtex


@pytest.fixture(autouse=True)
def site_name(settings):
    settings.SITE_NAME = SITE


@pytest.fixture
def reference_archive(archive, reference_page):
    """The demo samples and the reference record, imported and indexed."""
    from fonds import search
    from fonds.catalog.importer import import_paths

    report = import_paths([reference_page])
    assert report.counts["rejected"] == 0, [e.message for e in report.rejected]
    search.sync()
    return get_record("115958")


def path_of(record) -> str:
    return f"/documents/{record.id}/{slugify(record.title)}"


# --- reading a page as a reference manager does ---------------------------------------------------


class Head(HTMLParser):
    """Collects <meta name>, <link rel="schema.*">, JSON-LD scripts, COinS spans, the rendered
    citations (by style) and the download links (by label)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: list[tuple[str, str]] = []
        self.schemas: dict[str, str] = {}
        self.json_ld: list[str] = []
        self.coins: list[str] = []
        self.citations: dict[str, str] = {}
        self.downloads: dict[str, str] = {}
        self._script: list[str] | None = None
        self._style: str | None = None  # the style of the figure being read
        self._citation: str | None = None  # the style whose .cite-text is being read
        self._download: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "meta" and a.get("name"):
            self.meta.append((a["name"], a.get("content") or ""))
        elif tag == "link" and (a.get("rel") or "").startswith("schema."):
            self.schemas[a["rel"][7:]] = a["href"]
        elif tag == "script" and a.get("type") == "application/ld+json":
            self._script = []
        elif tag == "span" and "Z3988" in classes:
            self.coins.append(a.get("title") or "")
        elif tag == "figure" and "citation" in classes:
            self._style = a["data-style"]
        elif tag == "span" and "cite-text" in classes and self._style:
            self._citation = self._style
            self.citations[self._citation] = ""
        elif tag == "a" and "cite-download" in classes:
            self._download = a["href"]

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.json_ld.append("".join(self._script))
            self._script = None
        elif tag == "span":
            self._citation = None  # a citation holds <i> and <b>, never a span
        elif tag == "figure":
            self._style = None

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)
        elif self._citation:
            self.citations[self._citation] += data
        elif self._download:
            self.downloads[data.strip()] = self._download
            self._download = None

    def values(self, name: str) -> list[str]:
        return [content for n, content in self.meta if n == name]

    def one(self, name: str) -> str:
        values = self.values(name)
        assert len(values) == 1, (name, values)
        return values[0]


def read_page(client, record) -> Head:
    response = client.get(path_of(record))
    assert response.status_code == 200
    head = Head()
    head.feed(response.content.decode())
    head.close()
    return head


def zotero_coins(kev: str) -> dict[str, list[str]]:
    """The ContextObject as Zotero's parseContextObject reads it: split on "&", then on "=",
    keep the second piece, "+" and "%2B" as spaces, then decodeURIComponent."""
    out: dict[str, list[str]] = {}
    for part in kev.split("&"):
        key, value = part.split("=")[:2]
        out.setdefault(key, []).append(unquote(re.sub(r"\+|%2[bB]", " ", value)))
    return out


# --- expectations read from the record -----------------------------------------------------------


def expected_date(record) -> tuple[str | None, str | None]:
    """The first date of the record's EDTF, as Highwire ("1957/12/20") and as W3CDTF."""
    if not record.date:
        return None, None
    first = re.sub(r"[?~%]", "", record.date.split("/")[0])
    first = re.sub(r"^(\d{3})X$", r"\g<1>0", first)
    if re.fullmatch(r"\d{4}-2[1-4]", first):  # a season: the year
        first = first[:4]
    return first.replace("-", "/"), first


def cited_language(record) -> str | None:
    return record.translation_language or (record.original_language[0] if record.original_language else None)


def all_records(client):
    return sorted(iter_records(), key=lambda r: r.id)


# --- meta tags ------------------------------------------------------------------------------------


def test_meta_tags_carry_every_field(archive, client):
    checked = 0
    for record in all_records(client):
        head = read_page(client, record)
        permalink = BASE + path_of(record)
        slash, iso = expected_date(record)
        assert head.one("citation_title") == record.title
        assert head.one("DC.title") == record.title
        assert head.values("citation_author") == head.values("DC.creator") == [
            re.sub(r",\s*\d{4}-\d{4}$", "", a.name) for a in record.authors
        ]
        if slash:
            assert head.one("citation_date") == head.one("citation_publication_date") == slash
            assert head.one("DC.date") == iso
            assert head.one("DCTERMS.created") == record.date
        assert head.one("citation_publisher") == head.one("DC.publisher") == SITE
        language = cited_language(record)
        if language:
            assert head.one("citation_language") == head.one("DC.language") == language
        assert head.one("citation_abstract_html_url") == head.one("citation_public_url") == permalink
        assert head.values("citation_pdf_url") == []  # no PDF is published yet
        assert head.values("DC.identifier") == [permalink, record.id]
        if record.summary:
            assert head.one("citation_abstract") == head.one("DC.description") == record.summary
        if record.type:
            assert head.one("DC.type") == record.type
        if record.source:
            assert head.one("DC.source") == record.source
        if record.rights:
            assert head.one("DC.rights") == " ".join(record.rights.split())
        assert head.values("DC.subject") == [s.name for s in record.subjects]
        # Zotero's own fields: item type, archive, location in the archive.
        assert head.one("z:itemType") == "manuscript"
        if record.repository:
            assert head.one("z:archive") == record.repository.name
        for value in record.reference.values():
            assert value in head.one("z:archiveLocation")
        assert head.schemas == {
            "DC": "http://purl.org/dc/elements/1.1/",
            "DCTERMS": "http://purl.org/dc/terms/",
            "z": "http://www.zotero.org/namespaces/export#",
        }
        checked += 1
    assert checked >= 12


def test_reference_record_meta_tags(reference_archive, client):
    head = read_page(client, reference_archive)
    assert head.one("citation_title") == "Journal of Soviet Ambassador to the DPRK A.M. Puzanov for 20 December 1957"
    assert head.one("citation_date") == "1957/12/20"
    assert head.one("z:archive") == "Archive of Foreign Policy of the Russian Federation"
    assert head.one("z:archiveLocation") == "F. 0102, Op. 14, D. 6, Ll. 14-25"
    assert head.one("DC.type") == "Diary Entry"
    assert head.one("DC.source") == "AVPRF F. 0102, Op. 14, Delo 6, Listy 14-25. Translated for NKIDP by Gary Goldberg."


# --- JSON-LD --------------------------------------------------------------------------------------


def test_json_ld_carries_every_field(archive, client):
    for record in all_records(client):
        head = read_page(client, record)
        (text,) = head.json_ld
        data = json.loads(text)
        permalink = BASE + path_of(record)
        assert data["@context"] == "https://schema.org"
        assert data["@type"] == "ArchiveComponent"
        assert data["@id"] == data["url"] == permalink
        assert data["name"] == record.title
        assert {"@type": "PropertyValue", "propertyID": "record", "value": record.id} in data["identifier"]
        _, iso = expected_date(record)
        if iso:
            assert data["dateCreated"] == iso and data["temporalCoverage"] == record.date
        if cited_language(record):
            assert data["inLanguage"] == cited_language(record)
        if record.translator:
            assert " ".join(p["name"] for p in data["translator"]) == record.translator.replace(" and ", " ")
        if record.repository:
            assert data["holdingArchive"] == {
                "@type": "ArchiveOrganization",
                "name": record.repository.name,
                "alternateName": record.repository.code,
            }
        for value in record.reference.values():
            assert value in data["itemLocation"]
        assert [c["name"] for c in data.get("isPartOf", [])] == [c.name for c in record.collections]
        assert [s["name"] for s in data.get("about", [])] == [s.name for s in record.subjects]
        mentions = data.get("mentions", [])
        assert [m["name"] for m in mentions if m["@type"] == "Thing"] == [p.name for p in record.people]
        assert [m["name"] for m in mentions if m["@type"] == "Place"] == [p.name for p in record.places]
        assert data["publisher"] == {"@type": "Organization", "name": SITE, "url": BASE + "/"}
        if record.source:
            assert data["citation"] == record.source
        if record.place:
            assert data["locationCreated"]["name"] == record.place
        assert data.get("genre") == record.type
        assert data.get("description") == record.summary


def test_json_ld_cannot_close_its_script(archive, client):
    from fonds.catalog.services import save_record
    from fonds.core.record import RecordData, Repository

    title = 'A </script><script>alert("x")</script> & <!-- title'
    record = RecordData(id="700001", title=title, date="1960", repository=Repository("X", "Archive </script>"))
    save_record(record)
    response = client.get(path_of(record))
    page = response.content.decode()
    assert "<script>alert" not in page and "</script><script>" not in page
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert script and "<" not in script.group(1)
    data = json.loads(script.group(1))
    assert data["name"] == title and data["holdingArchive"]["name"] == "Archive </script>"
    head = Head()
    head.feed(page)
    assert head.one("citation_title") == title  # the attribute is escaped, the value intact


# --- COinS ----------------------------------------------------------------------------------------


def test_coins_carries_every_field(archive, client):
    for record in all_records(client):
        head = read_page(client, record)
        (kev,) = head.coins
        fields = parse_qs(kev, keep_blank_values=True, strict_parsing=True)
        assert fields == zotero_coins(kev), "Zotero would read the ContextObject differently"
        permalink = BASE + path_of(record)
        assert fields["ctx_ver"] == ["Z39.88-2004"]
        assert fields["rft_val_fmt"] == ["info:ofi/fmt:kev:mtx:dc"]
        assert fields["rft.type"] == ["manuscript"]
        assert fields["rft.title"] == [record.title]
        assert fields["rft_id"] == fields["rft.identifier"] == [permalink]
        assert fields["rft.publisher"] == [SITE]
        _, iso = expected_date(record)
        if iso:
            assert fields["rft.date"] == [iso]
        if record.translator:
            assert [" ".join(reversed(n.split(", "))) for n in fields["rft.contributor"]] == record.translator.split(" and ")
        if record.source:
            assert fields["rft.source"] == [record.source]
        if cited_language(record):
            assert fields["rft.language"] == [cited_language(record)]
        if record.summary:
            assert fields["rft.description"] == [record.summary]
        if record.rights:
            assert fields["rft.rights"] == [" ".join(record.rights.split())]
        assert fields.get("rft.subject", []) == [s.name for s in record.subjects]
        assert fields.get("rft.creator", []) == [a.name for a in record.authors]


# --- rendered citations: their own page, the part a document page puts in place, JSON ----------------


def read_citations(client, record, query: str = "") -> Head:
    response = client.get(path_of(record) + "/citations" + query)
    assert response.status_code == 200
    head = Head()
    head.feed(response.content.decode())
    head.close()
    return head


@pytest.mark.parametrize("query", ["", "?part=1"])
def test_citations_in_chicago_mla_apa(reference_archive, client, monkeypatch, query):
    import datetime
    from types import SimpleNamespace

    from fonds.web import citation_views

    monkeypatch.setattr(citation_views, "timezone", SimpleNamespace(localdate=lambda: datetime.date(2025, 3, 1)))
    head = read_citations(client, reference_archive, query)
    assert list(head.citations) == ["chicago-note", "chicago", "mla", "apa"]
    permalink = BASE + path_of(reference_archive)
    forms = {
        "chicago-note": ("December 20, 1957", "Gary Goldberg", "March 1, 2025"),
        "chicago": ("December 20, 1957", "Gary Goldberg", "March 1, 2025"),
        "mla": ("20 Dec. 1957", "Gary Goldberg", "1 Mar. 2025"),
        "apa": ("1957", "G. Goldberg", "March 1, 2025"),
    }
    assert head.citations["chicago"].startswith("“Journal of Soviet Ambassador")
    assert head.citations["apa"].startswith("Journal of Soviet Ambassador")  # italic, title first
    for style, text in head.citations.items():
        text = " ".join(text.split())
        for part in (
            "Journal of Soviet Ambassador to the DPRK A.M. Puzanov for 20 December 1957",
            *forms[style],
            "Archive of Foreign Policy of the Russian Federation",
            "F. 0102, Op. 14, D. 6, Ll. 14-25",
            SITE,
            permalink,
        ):
            assert part in text, (style, part, text)
    if query:  # the part is only the figures, for a document page to put in place
        assert "<html" not in client.get(path_of(reference_archive) + "/citations" + query).content.decode()
    else:
        assert set(head.downloads) == {"RIS", "BibTeX", "CSL-JSON"}


def test_citations_json_twin(reference_archive, client):
    data = client.get(path_of(reference_archive) + "/citations?format=json").json()
    assert data["ok"] is True and data["id"] == "115958" and data["url"] == path_of(reference_archive)
    assert [c["style"] for c in data["citations"]] == ["chicago-note", "chicago", "mla", "apa"]
    html = read_citations(client, reference_archive).citations
    for c in data["citations"]:
        assert " ".join(c["text"].split()) == " ".join(html[c["style"]].split())
        assert "Journal of Soviet Ambassador" in c["html"]
    apa = next(c for c in data["citations"] if c["style"] == "apa")
    assert apa["html"].startswith("<i>Journal of Soviet Ambassador")  # APA italicises an untitled work's title
    assert client.get("/documents/no-such-document/citations").status_code == 404


def test_a_document_page_links_its_citations_and_renders_no_style(reference_archive, client, monkeypatch):
    from fonds.core import cite

    def refuse(*args, **kwargs):
        raise AssertionError("a document page must not run citeproc")

    monkeypatch.setattr(cite, "render", refuse)
    page = client.get(path_of(reference_archive)).content.decode()
    section = page[page.index('class="document__cite"') :]
    link = path_of(reference_archive) + "/citations"
    assert f'data-part="{link}?part=1"' in section and f'href="{link}"' in section
    assert "Formatted citations: Chicago, MLA, APA" in section


def test_rendered_citations_are_escaped(archive, client):
    from fonds.catalog.services import save_record
    from fonds.core.record import RecordData

    record = RecordData(id="700002", title="<b>Bold</b> & <script>x()</script>", date="1960", translator="Ann Smith")
    save_record(record)
    section = client.get(path_of(record) + "/citations").content.decode()
    section = section[section.index('class="document__cite"') :]
    assert "<script>x()" not in section and "&lt;script&gt;x()&lt;/script&gt;" in section
    assert "<b>Bold</b>" not in section
    assert list(read_citations(client, record).citations) == ["chicago-note", "chicago", "mla", "apa"]


# --- downloads of one document ---------------------------------------------------------------------

CONTENT_TYPES = {
    "ris": "application/x-research-info-systems",
    "bib": "application/x-bibtex",
    "csl.json": "application/vnd.citationstyles.csl+json",
}


def download(client, url: str, fmt: str, filename: str | None = None):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code, response.content[:300])
    assert response["Content-Type"] == CONTENT_TYPES[fmt] + "; charset=utf-8"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename=")
    if filename:
        assert disposition == f'attachment; filename="{filename}"'
    assert disposition.endswith(f'.{fmt}"')
    return response.content.decode("utf-8"), response


def test_page_links_every_download(reference_archive, client):
    head = read_page(client, reference_archive)
    path = path_of(reference_archive)
    assert head.downloads == {"RIS": f"{path}/cite.ris", "BibTeX": f"{path}/cite.bib", "CSL-JSON": f"{path}/cite.csl.json"}
    for label, fmt in (("RIS", "ris"), ("BibTeX", "bib"), ("CSL-JSON", "csl.json")):
        download(client, head.downloads[label], fmt)


def test_reference_record_downloads(reference_archive, client):
    from django.utils import timezone

    record = reference_archive
    permalink = BASE + path_of(record)
    today = timezone.localdate()
    source = "AVPRF F. 0102, Op. 14, Delo 6, Listy 14-25. Translated for NKIDP by Gary Goldberg."
    title = "Journal of Soviet Ambassador to the DPRK A.M. Puzanov for 20 December 1957"

    text, _ = download(client, path_of(record) + "/cite.ris", "ris", "115958.ris")
    (ris,) = read_ris(text)
    assert ris["TY"] == ["MANSCPT"] and ris["TI"] == [title]
    assert ris["DA"] == ["1957/12/20/"] and ris["PY"] == ["1957"]
    assert ris["DB"] == ["Archive of Foreign Policy of the Russian Federation"]
    assert ris["AN"] == ["F. 0102, Op. 14, D. 6, Ll. 14-25"]
    assert ris["A4"] == ["Goldberg, Gary"]
    assert ris["UR"] == [permalink] and ris["DP"] == [SITE]
    assert ris["Y2"] == [today.strftime("%Y/%m/%d/")]
    assert ris["N1"] == [source] and ris["M3"] == ["Diary Entry"]

    text, _ = download(client, path_of(record) + "/cite.bib", "bib", "115958.bib")
    ((kind, _, bib),) = read_bibtex(text)
    assert kind == "unpublished"
    assert bib["title"] == "{" + title + "}" and bib["date"] == "1957-12-20"
    assert bib["archive"] == "Archive of Foreign Policy of the Russian Federation"
    assert bib["location"] == "F. 0102, Op. 14, D. 6, Ll. 14-25"
    assert bib["translator"] == "Goldberg, Gary"
    assert bib["url"] == permalink and bib["urldate"] == today.isoformat()
    assert bib["howpublished"] == SITE and bib["note"] == source

    text, _ = download(client, path_of(record) + "/cite.csl.json", "csl.json", "115958.csl.json")
    (item,) = json.loads(text)
    assert item["type"] == "manuscript" and item["title"] == title and item["id"] == "115958"
    assert item["issued"] == {"date-parts": [[1957, 12, 20]]}
    assert item["archive"] == "Archive of Foreign Policy of the Russian Federation"
    assert item["archive_location"] == "F. 0102, Op. 14, D. 6, Ll. 14-25"
    assert item["translator"] == [{"family": "Goldberg", "given": "Gary"}]
    assert item["URL"] == permalink and item["publisher"] == SITE
    assert item["accessed"] == {"date-parts": [[today.year, today.month, today.day]]}
    assert item["note"] == source and item["genre"] == "Diary Entry"


def test_download_by_bare_id_and_errors(reference_archive, client):
    text, _ = download(client, "/documents/115958/cite.ris", "ris")
    assert read_ris(text)[0]["TI"][0].startswith("Journal of Soviet Ambassador")
    assert client.get("/documents/115958/cite.pdf").status_code == 404
    assert client.get("/documents/no-such-record/cite.ris").status_code == 404
    # The document page itself is untouched by the citation routes.
    assert client.get(path_of(reference_archive)).status_code == 200


def test_every_sample_downloads(archive, client):
    for record in all_records(client):
        permalink = BASE + path_of(record)
        (ris,) = read_ris(download(client, path_of(record) + "/cite.ris", "ris")[0])
        assert ris["TI"] == [record.title] and ris["UR"] == [permalink]
        if record.repository:
            assert ris["DB"] == [record.repository.name]
        ((_, _, bib),) = read_bibtex(download(client, path_of(record) + "/cite.bib", "bib")[0])
        assert bib["title"] == "{" + record.title + "}" and bib["url"] == permalink
        (item,) = json.loads(download(client, path_of(record) + "/cite.csl.json", "csl.json")[0])
        assert item["title"] == record.title and item["URL"] == permalink
        if record.translator:
            assert ris["A4"] and bib["translator"] and item["translator"]


# --- bulk exports ----------------------------------------------------------------------------------


def search_ids(client, query: str) -> tuple[int, list[str]]:
    """What /search shows for these parameters: its total and every hit's id, in order."""
    data = client.get(f"/search?{query}&per_page=100&format=json").json()
    return data["total"], [h["id"] for h in data["hits"]]


@pytest.mark.parametrize("query", ["", "q=Pyongyang", "type=Telegram", "sort=-date", "from=1950&to=1960&sort=title"])
def test_bulk_export_of_a_search_returns_every_hit(archive, client, query):
    total, ids = search_ids(client, query)
    assert total == len(ids) and total > 0
    text, response = download(client, f"/search/cite.ris?{query}", "ris")
    records = read_ris(text)
    assert [r["UR"][0].split("/documents/")[1].rsplit("/", 1)[0] for r in records] == ids
    assert response["X-Total-Count"] == str(total) and response["X-Export-Count"] == str(total)
    assert response["X-Export-Truncated"] == "false"
    items = json.loads(download(client, f"/search/cite.csl.json?{query}", "csl.json")[0])
    assert [i["id"] for i in items] == ids
    entries = read_bibtex(download(client, f"/search/cite.bib?{query}", "bib")[0])
    assert [e[2]["url"].split("/documents/")[1].rsplit("/", 1)[0] for e in entries] == ids
    assert len({key for _, key, _ in entries}) == len(entries)


def test_bulk_export_is_capped_and_says_so(archive, client, monkeypatch):
    from fonds.web import citation_views

    monkeypatch.setattr(citation_views, "EXPORT_LIMIT", 5)
    monkeypatch.setattr(citation_views, "PAGE_SIZE", 2)  # several index pages are collected
    total, ids = search_ids(client, "sort=date")
    text, response = download(client, "/search/cite.csl.json?sort=date", "csl.json")
    assert [i["id"] for i in json.loads(text)] == ids[:5]
    assert response["X-Total-Count"] == str(total) and total > 5
    assert response["X-Export-Count"] == "5" and response["X-Export-Limit"] == "5"
    assert response["X-Export-Truncated"] == "true"


def test_bulk_export_of_a_selection(archive, client):
    text, response = download(client, "/search/cite.ris?ids=900003&ids=900001&ids=nope", "ris")
    assert [r["TI"][0] for r in read_ris(text)] == [get_record("900003").title, get_record("900001").title]
    assert response["X-Export-Count"] == "2" and response["X-Export-Missing"] == "1"
    assert client.get("/search/cite.ris?ids=nope").status_code == 404


def test_bulk_export_errors(archive, client):
    assert client.get("/search/cite.ris?from=notadate").status_code == 400
    assert client.get("/search/cite.doc").status_code == 404
    assert client.post("/search/cite.ris").status_code == 405
