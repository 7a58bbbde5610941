"""Storing records: created / updated / unchanged, the outbox written in the same transaction,
links kept in order, one bad record rolled back alone, and a lossless round trip through the tables."""

from __future__ import annotations

import pytest

from fonds.catalog import models as m
from fonds.catalog.services import (
    RecordNotFound,
    Status,
    delete_record,
    get_record,
    iter_records,
    preview_records,
    save_record,
    save_records,
)
from fonds.core.record import CollectionRef, Note, PageBreak, RecordData, Ref, Repository, Transcript

pytestmark = pytest.mark.django_db


def full_record(**changes) -> RecordData:
    data = dict(
        id="115958",
        title="Journal of Soviet Ambassador to the DPRK A.M. Puzanov for 20 December 1957",
        date="1957-12-20",
        date_start="1957-12-20",
        date_end="1957-12-20",
        date_display="December 20, 1957",
        type="Diary Entry",
        summary="PRC Ambassador Qiao Xiaoguang discusses the withdrawal of volunteers.",
        credit="This document was made possible with support from ROK Ministry of Unification",
        paragraphs=["20 December 1957", "I had a conversation with Qiao Xiaoguang.", "Ünïcödé — ŏ ’ 平壤"],
        original_language=["ru"],
        translation_language="en",
        source="AVPRF F. 0102, Op. 14, Delo 6, Listy 14-25. Translated for NKIDP by Gary Goldberg.",
        repository=Repository("AVPRF", "Archive of Foreign Policy of the Russian Federation"),
        reference={"fond": "0102", "opis": "14", "delo": "6", "listy": "14-25"},
        translator="Gary Goldberg",
        translated_for="NKIDP",
        rights="Reuse welcome.\n\nSecond paragraph.",
        uploaded="2012-12-04",
        classification="Top Secret",
        original_archive="Archive of Foreign Policy of the Russian Federation",
        donors=["ROK Ministry of Unification", "Leon Levy Foundation"],
        collections=[CollectionRef("nkidp", "North Korea International Documentation Project", None)],
        people=[Ref("t-kim-il-sung", "Kim Il Sung"), Ref("t-zhou-enlai", "Zhou Enlai")],
        places=[Ref("t-pyongyang", "Pyongyang")],
        subjects=[Ref("chinese-peoples-volunteers", "Chinese People's Volunteers")],
        place="Pyongyang",
        sender="USSR Ambassador in the DPRK",
        recipient="Ministry of Foreign Affairs",
        signer="A. Puzanov",
        authors=[Ref("puzanov", "Puzanov, Aleksandr", "Soviet Ambassador to the DPRK, 1957-1962")],
        keywords=["volunteers", "withdrawal"],
        notes=[Note("1", "See the previous entry.", 1, 12), Note("2", "A note on the title.")],
        page_breaks=[PageBreak("14", 0, 0), PageBreak("15", 2, 5)],
        transcripts=[Transcript("ru", "<p>Беседа с послом КНР.</p>"), Transcript("de", "<p>Gespräch</p>", "translation")],
    )
    data.update(changes)
    return RecordData(**data)


def test_every_field_survives_the_tables():
    record = full_record()
    assert save_record(record).status is Status.CREATED
    assert get_record("115958") == record
    assert get_record("115958").to_json() == record.to_json()


def test_reference_parts_come_back_in_the_order_the_source_wrote_them():
    # PostgreSQL's jsonb sorts object keys (shortest first), which would turn
    # "F. 0102, Op. 14, D. 6, Ll. 14-25" into "D. 6, F. 0102, Op. 14, Ll. 14-25".
    written = {"fond": "0102", "opis": "14", "papka": "60", "delo": "6", "listy": "14-25"}
    save_record(full_record(reference=written))
    assert list(get_record("115958").reference.items()) == list(written.items())
    us = {"record_group": "59", "entry": "1234", "box": "12", "folder": "Korea"}
    save_record(full_record(id="nara-1", reference=us))
    assert list(get_record("nara-1").reference.items()) == list(us.items())


def test_saving_writes_one_outbox_entry_in_the_same_transaction():
    save_record(full_record())
    entries = list(m.OutboxEntry.objects.values_list("record_id", "op"))
    assert entries == [("115958", "upsert")]


def test_same_content_again_is_unchanged_and_writes_nothing():
    save_record(full_record())
    before = m.Record.objects.get().updated_at
    assert save_record(full_record()).status is Status.UNCHANGED
    assert m.OutboxEntry.objects.count() == 1
    assert m.Record.objects.get().updated_at == before


def test_same_id_with_changed_content_is_updated_and_links_replaced():
    save_record(full_record())
    changed = full_record(
        title="A corrected title",
        donors=["Leon Levy Foundation"],
        people=[Ref("t-zhou-enlai", "Zhou Enlai")],
        paragraphs=["Only one paragraph now."],
    )
    assert save_record(changed).status is Status.UPDATED
    assert get_record("115958") == changed
    assert m.Record.objects.count() == 1
    assert m.OutboxEntry.objects.count() == 2
    assert m.RecordDonor.objects.count() == 1


def test_donor_order_is_kept():
    save_record(full_record(donors=["Zeta Fund", "Alpha Trust", "Mid Foundation"]))
    assert get_record("115958").donors == ["Zeta Fund", "Alpha Trust", "Mid Foundation"]


def test_collections_nest():
    save_record(
        full_record(
            collections=[
                CollectionRef("cold-war", "Cold War", None),
                CollectionRef("korean-war", "Korean War", "cold-war"),
            ]
        )
    )
    child = m.Collection.objects.get(key="korean-war")
    assert child.parent is not None and child.parent.key == "cold-war"


def test_a_bad_record_fails_alone_and_the_rest_of_the_batch_is_stored():
    good = full_record(id="1")
    bad = full_record(id="2", date_start="1957-13-45")  # no such day
    also_good = full_record(id="3")
    outcomes = save_records([good, bad, also_good])
    assert [o.status for o in outcomes] == [Status.CREATED, Status.FAILED, Status.CREATED]
    assert "1957-13-45" in (outcomes[1].error or "") or "month" in (outcomes[1].error or "")
    assert sorted(m.Record.objects.values_list("record_id", flat=True)) == ["1", "3"]
    assert sorted(m.OutboxEntry.objects.values_list("record_id", flat=True)) == ["1", "3"]


def test_a_failed_update_leaves_the_stored_record_untouched():
    save_record(full_record())
    outcome = save_record(full_record(title="New title", uploaded="not-a-date"))
    assert outcome.status is Status.FAILED
    assert get_record("115958") == full_record()
    assert m.OutboxEntry.objects.count() == 1


def test_preview_says_what_would_happen_and_stores_nothing():
    save_record(full_record(id="1"))
    outcomes = preview_records([full_record(id="1"), full_record(id="1", title="x"), full_record(id="2")])
    assert [o.status for o in outcomes] == [Status.UNCHANGED, Status.UPDATED, Status.CREATED]
    assert m.Record.objects.count() == 1
    assert get_record("1").title == full_record().title


def test_delete_queues_a_delete_for_the_index():
    save_record(full_record())
    assert delete_record("115958") is True
    assert delete_record("115958") is False
    assert list(m.OutboxEntry.objects.values_list("op", flat=True)) == ["upsert", "delete"]
    with pytest.raises(RecordNotFound):
        get_record("115958")


def test_iter_records_reads_everything_in_chunks():
    save_records([full_record(id=str(i), title=f"Record {i}") for i in range(1203)])
    ids = [r.id for r in iter_records()]
    assert len(ids) == 1203 and len(set(ids)) == 1203


def test_a_record_without_optional_fields():
    bare = RecordData(id="x1", title="Untitled")
    save_record(bare)
    assert get_record("x1") == bare
    shown = get_record("x1").to_json()
    assert shown["repository"] == {"code": None, "name": None}
    assert shown["donors"] == [] and shown["people"] == [] and shown["date"] is None


def test_a_failure_half_way_through_an_update_rolls_the_whole_record_back():
    save_record(full_record())
    # The record row is updated first; the broken link (no key) fails afterwards, inside the
    # same savepoint, so the row update must be undone too.
    broken = full_record(title="Half-written title", people=[Ref(None, "Nobody")])  # type: ignore[arg-type]
    outcome = save_record(broken)
    assert outcome.status is Status.FAILED
    assert get_record("115958") == full_record()
    assert m.OutboxEntry.objects.count() == 1
