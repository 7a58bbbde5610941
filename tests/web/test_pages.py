"""The reading room's pages, rendered by Django's test client over the demo samples.

Every test runs on a real SQLite database and a real Tantivy index (the ``archive`` fixture). The
expectations are read from the records themselves (through the catalogue), not copied from the
sample files, so the tests say what a page must show for any record rather than for one text.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest

from fonds.catalog.services import get_record, iter_records
from fonds.core.text import slugify

# The fields of a Wilson Center Digital Archive page's "Document Information", in the page's order.
WCDA_ORDER = ["Source", "Rights", "Original Uploaded Date", "Type", "Language", "Record ID", "Donors"]



# --- a small DOM, enough to ask a page questions -------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Node:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Node | None):
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node | str] = []

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    def text(self) -> str:
        out = []
        for c in self.children:
            out.append(c if isinstance(c, str) else c.text())
        return " ".join(" ".join(out).split())

    def iter(self):
        for c in self.children:
            if isinstance(c, Node):
                yield c
                yield from c.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Node]:
        return [
            n
            for n in self.iter()
            if (tag is None or n.tag == tag)
            and (cls is None or cls in n.classes)
            and all(n.attrs.get(k.rstrip("_").replace("_", "-")) == v for k, v in attrs.items())
        ]

    def find(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Node:
        found = self.find_all(tag, cls, **attrs)
        assert found, f"no <{tag or '*'}> with class={cls!r} {attrs}"
        return found[0]


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, dict(attrs), self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        assert node is not self.root, f"stray </{tag}>"
        self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def dom(response) -> Node:
    builder = _Builder()
    builder.feed(response.content.decode())
    builder.close()
    return builder.root


def get(client, url: str, status: int = 200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code, response.content[:500])
    return response


def page(client, url: str, status: int = 200) -> Node:
    response = get(client, url, status)
    assert response["Content-Type"].startswith("text/html")
    return dom(response)


def twin(client, url: str, status: int = 200) -> dict:
    sep = "&" if "?" in url else "?"
    response = get(client, f"{url}{sep}format=json", status)
    return response.json()


def total_of(doc: Node) -> int:
    """The number the page states: "12 documents"."""
    text = doc.find(cls="result-count").text()
    match = re.match(r"([\d,]+) documents?\b", text)
    assert match, text
    return int(match.group(1).replace(",", ""))


def hit_ids(doc: Node) -> list[str]:
    """Record ids of the hits, in page order, read from their links (/documents/<id>/<slug>)."""
    return [link.attrs["href"].split("/documents/", 1)[1].rsplit("/", 1)[0] for link in links_of_hits(doc)]


def links_of_hits(doc: Node) -> list[Node]:
    return [h.find("a") for h in doc.find_all("h3", cls="hit__title")]


def facet(doc: Node, key: str) -> dict[str, tuple[int, str, bool]]:
    """A facet's values as {label: (count, url, selected)}."""
    section = doc.find("section", aria_labelledby=f"facet-{key}")
    out = {}
    for link in section.find_all("a", cls="facet__value"):
        label = link.find(cls="facet__label").text()
        count = int(link.find(cls="count").children[0].replace(",", ""))
        out[label] = (count, html.unescape(link.attrs["href"]), "is-selected" in link.classes)
    return out


def samples():
    return sorted(iter_records(), key=lambda r: r.id)


def document_path(record) -> str:
    return f"/documents/{record.id}/{slugify(record.title)}"


# --- every page ---------------------------------------------------------------------------------

PAGES = ["/", "/search", "/search?q=embassy", "/browse/dates", "/search?q=zzqqxx", "/documents/no-such-record"]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_is_one_accessible_document(archive, client, url):
    status = 404 if "no-such" in url else 200
    doc = page(client, url, status)
    assert doc.find("html").attrs.get("lang") == "en"
    assert len(doc.find_all("h1")) == 1, "one h1 per page"
    skip = doc.find("a", cls="skip-link")
    assert skip.attrs["href"] == "#main"
    doc.find("main", id="main")
    header, footer = doc.find("header", cls="site-header"), doc.find("footer")
    assert header.find("a", cls="site-name").attrs["href"] == "/"
    nav = header.find("nav")
    assert {a.text() for a in nav.find_all("a")} >= {"Search", "Browse by date"}
    # A search box on every page.
    assert any(form.attrs.get("action") == "/search" for form in doc.find_all("form"))
    # Every visible control has a label.
    labels = {label.attrs.get("for") for label in doc.find_all("label")}
    for field in doc.find_all("input"):
        if field.attrs.get("type") != "hidden":
            assert field.attrs.get("id") in labels, field.attrs
    assert footer is not None
    # The stylesheet is ours and is served.
    css = get(client, doc.find("link", rel="stylesheet").attrs["href"])
    assert b"--serif" in b"".join(css.streaming_content)
    css.close()


def test_stylesheet_fetches_nothing_from_the_network(client):
    from django.contrib.staticfiles import finders

    with open(finders.find("fonds/fonds.css"), encoding="utf-8") as f:
        css = f.read()
    assert "@import" not in css and "url(" not in css and "@font-face" not in css
    assert "Iowan Old Style" in css and "serif" in css


# --- home ---------------------------------------------------------------------------------------


def test_home_lists_counts_and_recent_records(archive, client):
    records = samples()
    doc = page(client, "/")
    intro = doc.find("p", cls="lede").text()
    assert f"{len(records)} translated primary-source documents" in intro
    form = doc.find("form", cls="search-form--big")
    assert form.attrs["action"] == "/search"
    assert form.find("input", name="q")

    by_type: dict[str, int] = {}
    for r in records:
        by_type[r.type] = by_type.get(r.type, 0) + 1
    types = doc.find("section", aria_labelledby="types-title")
    shown = {a.find(cls="count-list__label").text(): (a.find(cls="count").children[0], a.attrs["href"]) for a in types.find_all("a")}
    assert {k: int(v[0]) for k, v in shown.items()} == by_type
    # A type's link is a search that finds exactly its documents.
    label, (count, href) = next(iter(shown.items()))
    assert total_of(page(client, html.unescape(href))) == int(count)

    decades = doc.find("section", aria_labelledby="decades-title")
    decade_counts = {
        a.find(cls="count-list__label").text(): int(a.find(cls="count").children[0].replace(",", ""))
        for a in decades.find("ul").find_all("a")
    }
    assert sum(decade_counts.values()) == len(records)
    first = min(r.date_start for r in records)[:3] + "0s"
    assert first in decade_counts

    recent = doc.find("section", aria_labelledby="recent-title")
    recent_links = {a.text(): a.attrs["href"] for a in recent.find_all("a", cls="doc-list__title")}
    assert len(recent_links) == min(10, len(records))
    for title, href in recent_links.items():
        record = next(r for r in records if r.title == title)
        assert href == document_path(record)


def test_home_without_an_index_says_the_archive_is_empty(db, index_dir, client):
    doc = page(client, "/")
    assert "The archive is empty" in doc.text()


# --- search -------------------------------------------------------------------------------------


def _distinctive_word(record) -> str:
    """A long word of the record's body that no other sample uses."""
    others = " ".join(" ".join(r.paragraphs) for r in samples() if r.id != record.id).lower()
    words = sorted(set(re.findall(r"[A-Za-z]{7,}", " ".join(record.paragraphs))), key=lambda w: (-len(w), w))
    for word in words:
        if word.lower() not in others:
            return word
    pytest.fail(f"no word of {record.id} is unique among the samples")


def test_search_finds_a_word_and_marks_it(archive, client):
    record = samples()[0]
    word = _distinctive_word(record)
    doc = page(client, f"/search?q={word.lower()}")
    assert total_of(doc) == 1
    assert hit_ids(doc) == [record.id]
    hit = doc.find("li", cls="hit")
    assert hit.find("a").text() == record.title
    marks = [m.text().lower() for m in hit.find(cls="hit__snippet").find_all("mark")]
    assert word.lower() in marks
    meta = hit.find(cls="hit__meta").text()
    assert record.type in meta and (record.date_display or record.date) in meta
    # The query stays in the box, and the count says what was searched.
    assert doc.find("input", id="q").attrs["value"] == word.lower()
    assert f"for “{word.lower()}”" in doc.find(cls="result-count").text()


def test_snippets_escape_the_document_text(archive, client):
    for h in twin(client, "/search?q=the&per_page=100")["hits"]:
        snippet = re.sub(r"</?mark>", "", h["snippet"])
        assert "<" not in snippet


def test_facets_show_counts_and_a_facet_narrows(archive, client):
    records = samples()
    doc = page(client, "/search")
    assert total_of(doc) == len(records)
    types = facet(doc, "type")
    expected: dict[str, int] = {}
    for r in records:
        expected[r.type] = expected.get(r.type, 0) + 1
    assert {k: v[0] for k, v in types.items()} == expected
    assert not any(selected for _, _, selected in types.values())

    label, (count, url, _) = max(types.items(), key=lambda kv: kv[1][0])
    assert count < len(records)
    narrowed = page(client, url)
    assert total_of(narrowed) == count
    assert set(hit_ids(narrowed)) == {r.id for r in records if r.type == label}
    # The chosen value is marked, and following it again removes it.
    count_again, url_again, selected = facet(narrowed, "type")[label]
    assert selected and count_again == count
    link = narrowed.find("section", aria_labelledby="facet-type").find("a", cls="is-selected")
    assert link.attrs.get("aria-current") == "true"
    assert total_of(page(client, url_again)) == len(records)
    # It shows as a removable chip too.
    chip = narrowed.find(cls="active-filters").find("a", cls="chip")
    assert label in chip.text()
    assert total_of(page(client, html.unescape(chip.attrs["href"]))) == len(records)


def test_two_values_of_one_facet_widen(archive, client):
    records = samples()
    types = sorted({r.type for r in records})
    a, b = types[0], types[1]
    one = total_of(page(client, f"/search?type={a}"))
    both_doc = page(client, f"/search?type={a}&type={b}")
    both = total_of(both_doc)
    assert both == sum(1 for r in records if r.type in (a, b))
    assert both > one
    selected = [label for label, (_, _, sel) in facet(both_doc, "type").items() if sel]
    assert sorted(selected) == [a, b]


def test_facets_of_different_keys_narrow_together(archive, client):
    records = samples()
    doc = page(client, "/search")
    lang_label, (_, lang_url, _) = next(iter(facet(doc, "lang").items()))
    in_lang = page(client, lang_url)
    type_label, (count, both_url, _) = next(iter(facet(in_lang, "type").items()))
    both = page(client, both_url)
    assert total_of(both) == count <= total_of(in_lang)
    assert all(get_record(i).type == type_label for i in hit_ids(both))


def test_a_date_range_narrows(archive, client):
    records = samples()
    years = sorted(int(r.date_start[:4]) for r in records if r.date_start)
    lo, hi = years[len(years) // 4], years[len(years) // 2]
    expected = {r.id for r in records if r.date_start and r.date_start[:4] <= str(hi) and r.date_end[:4] >= str(lo)}
    doc = page(client, f"/search?from={lo}&to={hi}&per_page=100")
    assert 0 < total_of(doc) == len(expected) < len(records)
    assert set(hit_ids(doc)) == expected
    form = doc.find("form", cls="search-form")
    assert form.find("input", name="from").attrs["value"] == str(lo)
    assert form.find("input", name="to").attrs["value"] == str(hi)
    assert form.find("input", name="from").attrs["placeholder"] == "YYYY or YYYY-MM-DD"
    # Clearing the dates gives everything back.
    clear = doc.find("a", cls="clear-dates")
    assert total_of(page(client, html.unescape(clear.attrs["href"]))) == len(records)


def test_a_day_range_and_an_open_range(archive, client):
    records = samples()
    record = next(r for r in records if r.date and len(r.date) == 10)
    doc = page(client, f"/search?from={record.date}&to={record.date}")
    assert record.id in hit_ids(doc)
    later = page(client, f"/search?from={record.date_start[:4]}&per_page=100")
    assert set(hit_ids(later)) == {r.id for r in records if r.date_end and r.date_end[:4] >= record.date_start[:4]}
    assert "from " + record.date_start[:4] in later.find(cls="active-filters").text()


def test_sort_by_date_orders_hits(archive, client):
    records = {r.id: r for r in samples()}
    doc = page(client, "/search?q=&sort=date&per_page=100")
    ids = hit_ids(doc)
    starts = [records[i].date_start or "9999" for i in ids]
    assert starts == sorted(starts)
    newest = hit_ids(page(client, "/search?sort=-date&per_page=100"))
    assert [records[i].date_start for i in newest] == sorted((records[i].date_start for i in newest), reverse=True)
    by_title = hit_ids(page(client, "/search?sort=title&per_page=100"))
    assert by_title != ids
    # The sort links show which order is in use.
    active = doc.find("nav", cls="sort").find("a", aria_current="true")
    assert active.text() == "Date (oldest first)"


def test_pagination(archive, client):
    records = samples()
    pages = -(-len(records) // 2)
    first = page(client, "/search?sort=date&per_page=2")
    assert len(hit_ids(first)) == 2
    nav = first.find("nav", cls="pagination")
    assert f"Page 1 of {pages}" in nav.text()
    assert not nav.find_all("a", rel="prev")
    seen = list(hit_ids(first))
    current = first
    for number in range(2, pages + 1):
        next_url = html.unescape(current.find("nav", cls="pagination").find("a", rel="next").attrs["href"])
        assert parse_qs(urlsplit(next_url).query)["per_page"] == ["2"]
        current = page(client, next_url)
        assert f"Page {number} of {pages}" in current.find("nav", cls="pagination").text()
        assert current.find("nav", cls="pagination").find("a", rel="prev")
        seen += hit_ids(current)
    assert not current.find("nav", cls="pagination").find_all("a", rel="next")
    assert sorted(seen) == sorted(r.id for r in records)


def test_a_page_past_the_end_says_so(archive, client):
    doc = page(client, "/search?per_page=2&page=999")
    assert total_of(doc) == len(samples())
    assert "There is no page 999" in doc.find(cls="no-results").text()


def test_no_results_help(archive, client):
    records = samples()
    a_type = records[0].type
    doc = page(client, f"/search?q=zzqqxx+wwvvkk&type={a_type}&from=1900&to=1901")
    assert total_of(doc) == 0
    help_ = doc.find(cls="no-results")
    text = help_.text()
    assert "“zzqqxx wwvvkk”" in text
    assert "fewer words" in text
    assert "spelling" in text
    assert "quotes" in text
    # The filters in force are listed, each removable.
    chips = help_.find_all("a", cls="chip")
    assert any(a_type in c.text() for c in chips)
    assert any("1900–1901" in c.text() for c in chips)
    assert help_.find("a", href="/browse/dates")
    assert not doc.find_all("li", cls="hit")


@pytest.mark.parametrize("q", ['"unclosed', "title:(", ")(", "embassy AND (", 'title:"open'])
def test_a_malformed_query_gets_a_hint_not_an_error(archive, client, q):
    doc = page(client, f"/search?q={q}")
    hints = doc.find(cls="query-hints").text()
    assert hints.strip()
    total_of(doc)  # the page still states a count


def test_bad_parameters_get_the_friendly_error_page(archive, client):
    for url in ("/search?from=abc", "/search?page=abc", "/search?sort=sideways", "/search?year=abc"):
        doc = page(client, url, 400)
        assert doc.find("h1").text() == "That request could not be read"
        assert doc.find(cls="error-page__message").text()
        assert doc.find("a", href="/")


def test_the_search_form_keeps_facets_and_offers_json(archive, client):
    records = samples()
    a_type = records[0].type
    doc = page(client, f"/search?q=the&type={a_type}&sort=date&page=1")
    hidden = {(i.attrs["name"], i.attrs["value"]) for i in doc.find("form", cls="search-form").find_all("input", type="hidden")}
    assert ("type", a_type) in hidden and ("sort", "date") in hidden
    assert not any(name in ("q", "page", "format") for name, _ in hidden)
    link = next(a for a in doc.find_all("a") if a.text() == "Download this result as JSON")
    data = get(client, html.unescape(link.attrs["href"])).json()
    assert data["ok"] is True and data["total"] == total_of(doc)


# --- document -----------------------------------------------------------------------------------


def _info(doc: Node) -> list[tuple[str, list[Node]]]:
    block = doc.find("section", aria_labelledby="info-title")
    assert block.find("h2").text() == "Document Information"
    rows = []
    for row in block.find("dl").find_all(cls="info__row"):
        rows.append((row.find("dt").text(), row.find_all("dd")))
    return rows


@pytest.mark.parametrize("index", range(3))
def test_document_page_reads_like_the_wcda_page(archive, client, index):
    record = samples()[index * 4]
    doc = page(client, document_path(record))
    article = doc.find("article", cls="document")
    # date, title, credit, body, summary, Document Information: in that order.
    order = [n.classes[0] for n in article.iter() if n.classes and n.classes[0] in (
        "document__date", "document__title", "document__credit", "document__text", "document__summary", "document__info")]
    expected = ["document__date", "document__title"] + (["document__credit"] if record.credit else []) + [
        "document__text"] + (["document__summary"] if record.summary else []) + ["document__info"]
    assert order == expected
    assert article.find("h1").text() == " ".join(record.title.split())
    assert article.find(cls="document__date").text() == record.date_display
    if record.credit:
        assert article.find(cls="document__credit").text() == record.credit
    paragraphs = [p.text() for p in article.find(cls="document__text").find_all("p")]
    assert paragraphs == [" ".join(p.split()) for p in record.paragraphs]
    if record.summary:
        summary = article.find("section", cls="document__summary")
        assert summary.find("h2").text() == "Summary"
        assert summary.find("p").text() == record.summary

    rows = _info(doc)
    labels = [label for label, _ in rows]
    present = [label for label in labels if label in WCDA_ORDER]
    assert present == [label for label in WCDA_ORDER if label in present]
    values = {label: [dd.text() for dd in dds] for label, dds in rows}
    assert values["Record ID"] == [record.id]
    if record.source:
        assert values["Source"] == [record.source]
    if record.type:
        assert values["Type"] == [record.type]
    assert values.get("Donors", []) == record.donors
    # The page gives a stable URL and a JSON link.
    cite = doc.find("section", cls="document__cite")
    assert cite.find("a", cls="stable-url").attrs["href"] == document_path(record)
    assert cite.find("a", cls="stable-url").text() == "http://testserver" + document_path(record)
    assert any(a.attrs["href"] == document_path(record) + "?format=json" for a in cite.find_all("a"))


def test_every_linked_value_finds_its_document(archive, client):
    checked = 0
    for record in samples():
        doc = page(client, document_path(record))
        for label, dds in _info(doc):
            for dd in dds:
                for link in dd.find_all("a"):
                    href = html.unescape(link.attrs["href"])
                    if href.startswith(("/people/", "/places/")):
                        # An authority page: its documents include this one.
                        twin = client.get(href + "?format=json").json()
                        assert record.id in {d["id"] for d in twin["documents"]}, (record.id, label, href)
                    else:
                        found = page(client, href + "&per_page=100")
                        assert record.id in hit_ids(found), (record.id, label, link.text(), href)
                    checked += 1
    assert checked > 20


def test_a_bare_id_and_a_wrong_slug_redirect_to_the_canonical_url(archive, client):
    record = samples()[1]
    canonical = document_path(record)
    for url in (f"/documents/{record.id}", f"/documents/{record.id}/", f"/documents/{record.id}/an-old-title"):
        response = client.get(url)
        assert response.status_code == 301, url
        assert response["Location"] == canonical
    response = client.get(f"/documents/{record.id}?format=json")
    assert response.status_code == 301 and response["Location"] == canonical + "?format=json"


def test_an_unknown_document_gets_the_friendly_404(archive, client):
    doc = page(client, "/documents/999999999/nothing", 404)
    assert doc.find("h1").text() == "Not found"
    assert "999999999" in doc.find(cls="error-page__message").text()
    links = {a.attrs["href"] for a in doc.find(cls="error-page__links").find_all("a")}
    assert {"/", "/search"} <= links
    assert page(client, "/no/such/page", 404).find("h1").text() == "Not found"


def test_the_reference_page_renders_in_full(archive, client, reference_page):
    from fonds import search
    from fonds.catalog.importer import import_paths

    report = import_paths([reference_page])
    assert report.counts["created"] == 1
    search.sync()
    record = get_record("115958")
    response = get(client, f"/documents/115958/{slugify(record.title)}")
    doc = dom(response)
    assert doc.find("h1").text() == "Journal of Soviet Ambassador to the DPRK A.M. Puzanov for 20 December 1957"
    assert doc.find(cls="document__date").text() == "December 20, 1957"
    assert doc.find(cls="document__credit").text() == "This document was made possible with support from ROK Ministry of Unification"
    text = doc.find(cls="document__text").text()
    assert "Qiao said that there are approximately 300,000 in the volunteer units." in text
    assert "Zhou Enlai will be in the delegation." in text
    assert doc.find(cls="document__summary").find("p").text().startswith("PRC Ambassador Qiao Xiaoguang discusses")
    values = {label: [dd.text() for dd in dds] for label, dds in _info(doc)}
    assert values["Source"] == ["AVPRF F. 0102, Op. 14, Delo 6, Listy 14-25. Translated for NKIDP by Gary Goldberg."]
    assert values["Original Uploaded Date"] == ["2012-12-04"]
    assert values["Type"] == ["Diary Entry"]
    assert values["Record ID"] == ["115958"]
    assert values["Donors"] == ["ROK Ministry of Unification", "Leon Levy Foundation"]
    assert values["Rights"][0].startswith("The History and Public Policy Program welcomes reuse")
    assert "HAPP@wilsoncenter.org" in values["Rights"][0]
    page_text = doc.text()
    assert "AVPRF" in page_text and "Gary Goldberg" in page_text
    # The word search finds it, under its own name.
    assert "115958" in hit_ids(page(client, "/search?q=Puzanov"))


# --- browse by date -----------------------------------------------------------------------------


def test_browse_by_date_lists_decades_and_years_as_bars(archive, client):
    records = samples()
    doc = page(client, "/browse/dates")
    bars = doc.find_all("li", cls="bar")
    shown = {int(b.find(cls="bar__year").text()): int(b.find(cls="bar__count").children[0]) for b in bars}
    # A record whose date spans years counts in each of them.
    assert sum(shown.values()) >= len([r for r in records if r.date_start])
    assert {int(r.date_start[:4]) for r in records if r.date_start} <= set(shown)
    peak = max(shown.values())
    widths = {}
    for b in bars:
        style = b.find(cls="bar__fill").attrs["style"]
        widths[int(b.find(cls="bar__year").text())] = int(re.search(r"width: (\d+)%", style).group(1))
    assert max(widths.values()) == 100
    for year, count in shown.items():
        assert widths[year] == round(count * 100 / peak)
    # A year's link searches that year, in date order.
    year, count = next(iter(shown.items()))
    link = next(b.find("a") for b in bars if b.find(cls="bar__year").text() == str(year))
    found = page(client, html.unescape(link.attrs["href"]))
    assert total_of(found) >= count
    decades = doc.find_all("section", cls="decade")
    assert [d.attrs["id"] for d in decades] == sorted(d.attrs["id"] for d in decades)
    assert doc.find("nav", cls="decade-index")


def test_the_help_page_documents_the_query_language(client, db):
    html = client.get("/search/help").content.decode()
    assert "<table>" in html and "date:1957-12..1958-06" in html and "person:" in html
    data = client.get("/search/help?format=json").json()
    assert data["ok"] and data["markdown"].startswith("#")


def test_the_search_page_says_what_was_understood(archive, client):
    html = client.get('/search?q="volunteers"+-Seoul').content.decode()
    assert 'class="understood"' in html and "Seoul" in html
