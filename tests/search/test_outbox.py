"""The index follows the database through the outbox, and a crash anywhere is repaired by replay."""

from __future__ import annotations

import pytest

from fonds import search
from fonds.catalog import models as m
from fonds.catalog.services import save_records
from fonds.core.record import RecordData
from fonds.search.schema import meta_document, to_document
from fonds.search.store import IndexStore

pytestmark = pytest.mark.django_db


def records(n: int, start: int = 0) -> list[RecordData]:
    return [RecordData(id=f"r{i}", title=f"Record {i}", paragraphs=[f"text number{i} common"]) for i in range(start, start + n)]


def total(store: IndexStore) -> int:
    return search.searcher.run(store.reader(), search.SearchRequest()).total


def test_crash_between_database_commit_and_index_commit_is_repaired_by_replay(index_dir):
    store = IndexStore(index_dir)
    save_records(records(5))
    search.sync(store)
    # The database commits five more records, then the process dies before the indexer runs.
    save_records(records(5, start=5))
    assert total(store) == 5
    # A new process (a fresh store object) replays the outbox from the index's stored position.
    fresh = IndexStore(index_dir)
    result = search.sync(fresh)
    assert result.applied == 5 and result.position == search.outbox_head()
    assert total(fresh) == 10


def test_crash_inside_the_index_write_before_its_commit_loses_nothing(index_dir):
    store = IndexStore(index_dir)
    save_records(records(3))
    search.sync(store)
    save_records(records(3, start=3))
    # An indexer adds documents and dies before committing: its work is not visible...
    opened = store.open()
    writer = opened.writer()
    for r in records(3, start=3):
        writer.add_document(to_document(r))
    writer.rollback()
    writer.wait_merging_threads()
    assert IndexStore(index_dir).open().position() < search.outbox_head()
    # ...and the next run applies the entries again from the stored position.
    assert search.sync(IndexStore(index_dir)).applied == 3
    assert total(IndexStore(index_dir)) == 6


def test_replaying_entries_already_applied_creates_no_duplicates(index_dir):
    store = IndexStore(index_dir)
    save_records(records(4))
    search.sync(store)
    # Simulate an index commit whose position was lost: rewind the stored position to 0.
    opened = store.open()
    writer = opened.writer()
    writer.delete_documents_by_term("id", "__meta__")
    writer.add_document(meta_document(0))
    writer.commit()
    writer.wait_merging_threads()
    assert search.sync(IndexStore(index_dir)).applied == 4
    assert total(IndexStore(index_dir)) == 4


def test_position_is_stored_with_the_commit(index_dir):
    store = IndexStore(index_dir)
    save_records(records(2))
    result = search.sync(store)
    assert result.position == m.OutboxEntry.objects.order_by("-id").first().id
    assert IndexStore(index_dir).open().position() == result.position


def test_a_second_writer_is_told_the_index_is_busy(index_dir):
    store = IndexStore(index_dir)
    save_records(records(1))
    holder = store.open().writer()
    try:
        result = search.sync(IndexStore(index_dir))
        assert result.busy and result.pending == 1
    finally:
        holder.wait_merging_threads()
    assert search.sync(IndexStore(index_dir)).applied == 1


def test_rebuild_swaps_in_a_fresh_generation_atomically(index_dir):
    store = IndexStore(index_dir)
    save_records(records(7))
    search.sync(store)
    old = store.current_generation()
    result = search.rebuild(store)
    new = store.current_generation()
    assert new != old and result.applied == 7
    assert not (index_dir / old).exists()
    assert total(store) == 7
    # Records written after the rebuild are followed as usual.
    save_records(records(2, start=7))
    search.sync(store)
    assert total(store) == 9


def test_a_reader_follows_a_swap(index_dir):
    store = IndexStore(index_dir)
    save_records(records(3))
    search.sync(store)
    reader_store = IndexStore(index_dir)
    assert total(reader_store) == 3
    search.rebuild(IndexStore(index_dir))
    assert reader_store.reader().generation == IndexStore(index_dir).current_generation()
    assert total(reader_store) == 3


def test_an_index_built_with_another_schema_asks_for_a_reindex(index_dir):
    import tantivy

    from fonds.search.store import SchemaMismatch

    store = IndexStore(index_dir)
    generation, path = store.new_generation()
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("something_else", stored=True)
    old = tantivy.Index(sb.build(), path=str(path))
    writer = old.writer(15_000_000, 1)
    writer.commit()
    writer.wait_merging_threads()
    store.swap(generation)
    with pytest.raises(SchemaMismatch, match="fonds reindex"):
        IndexStore(index_dir).reader()
