"""Documents from printed editions (FRUS): footnotes back at their markers, page breaks, people."""

from __future__ import annotations

import re

import pytest

from fonds import search
from fonds.catalog.services import save_record
from fonds.core.record import Note, PageBreak, RecordData, Ref
from fonds.core.text import slugify
from fonds.web.body import segments

pytestmark = pytest.mark.django_db


def edition_record() -> RecordData:
    return RecordData(
        id="vol1/d7",
        title="The Ambassador in Russia (Francis) to the Secretary of State",
        date="1917-05-11", date_start="1917-05-11", date_end="1917-05-11", date_display="May 11, 1917",
        type="Telegram",
        paragraphs=["Petrograd, May 11, 1917.", "Your 1386 received to-day. Plan satisfactory.", "Francis"],
        notes=[Note("1", "Not printed.", 1, 9), Note("a", "File No. 861.51/145.", None, None)],
        page_breaks=[PageBreak("12", 0, 0), PageBreak("13", 1, 27)],
        place="Petrograd", sender="Francis", recipient="Secretary of State", signer="Francis",
        people=[Ref("frus-vol1-p_FDR1", "Francis, David R.", "Ambassador in Russia")],
    )


def test_segments_put_markers_back_where_they_stood():
    runs = segments(edition_record())
    assert runs[0] == [{"page": "12"}, {"text": "Petrograd, May 11, 1917."}]
    assert runs[1] == [
        {"text": "Your 1386"},
        {"note": "1", "id": "note-1"},
        {"text": " received to-day. "},
        {"page": "13"},
        {"text": "Plan satisfactory."},
    ]
    assert runs[2] == [{"text": "Francis"}]


def test_a_marker_beyond_its_paragraph_goes_to_its_end():
    record = RecordData(id="x", title="t", paragraphs=["short"], notes=[Note("1", "n", 0, 999)])
    assert segments(record)[0] == [{"text": "short"}, {"note": "1", "id": "note-1"}]


def test_the_page_shows_notes_pages_place_sender_recipient_and_people(client, index_dir):
    save_record(edition_record())
    search.sync()
    html = client.get(f"/documents/vol1/d7/{slugify(edition_record().title)}").content.decode()
    assert 'href="#note-1"' in html and 'id="note-1"' in html and "Not printed." in html
    assert "File No. 861.51/145." in html and "(on the title)" in html
    assert re.search(r'class="pb"[^>]*>\[12\]', html) and re.search(r'class="pb"[^>]*>\[13\]', html)
    for label, value in (("Place", "Petrograd"), ("From", "Francis"), ("To", "Secretary of State"), ("People", "Francis, David R.")):
        assert re.search(rf"<dt>{label}</dt>\s*<dd>(<a [^>]*>)?{re.escape(value)}", html), label
    # The text itself carries no note text: notes are apart from it.
    body = html.split('class="document__text"', 1)[1].split("</div>", 1)[0]
    assert "Not printed." not in body


@pytest.mark.corpus
def test_a_real_frus_document_page(client, index_dir, corpus):
    from fonds.catalog.importer import import_paths

    volume = corpus("frus/frus1918Russiav03.xml")
    report = import_paths([volume])
    assert report.counts["rejected"] == 0
    search.sync()
    response = client.get("/documents/frus1918Russiav03/d11", follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert "The Ambassador in Russia (Francis) to the Secretary of State" in html
    assert "May 11, 1917" in html and "Petrograd" in html
    assert "File No. 861.51/145" in html
    assert "Francis, David R." in html


def test_a_record_keeps_its_url_when_its_title_changes(client, index_dir):
    record = edition_record()
    save_record(record)
    first = f"/documents/vol1/d7/{slugify(record.title)}"
    assert client.get(first).status_code == 200
    record.title = "A corrected title"
    save_record(record)
    assert client.get(first).status_code == 200
    redirect = client.get(f"/documents/vol1/d7/{slugify(record.title)}")
    assert redirect.status_code == 301 and redirect["Location"] == first
    assert client.get("/documents/vol1/d7")["Location"] == first


def test_an_id_that_needs_quoting_does_not_redirect_forever(client, index_dir):
    record = edition_record()
    record.id = "a b%c"
    save_record(record)
    first = client.get("/documents/a%20b%25c")
    assert first.status_code == 301
    final = client.get(first["Location"])
    assert final.status_code == 200
