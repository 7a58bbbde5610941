"""Applying the outbox to the index, and rebuilding the index from the database.

The index commit and the outbox position it has reached are one atomic unit: the position is a
small meta document replaced in the same commit as the documents. Applying an entry is idempotent
(delete the record's document by id, then add the record as the database holds it *now*), so a
crash anywhere — before the database commit, between it and the index commit, or during the index
commit — is repaired by replaying entries after the stored position.
"""

from __future__ import annotations

import ctypes
import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Max

from fonds.catalog import rows
from fonds.catalog.convert import iter_data
from fonds.catalog.models import OutboxEntry, Record
from fonds.core.record import RecordData
from fonds.search.schema import META_ID, meta_document, to_document
from fonds.search.store import IndexStore, WriterBusy

log = logging.getLogger(__name__)

BATCH = 10_000  # outbox entries a commit; an import hands over 5,000 at a time


@dataclass(frozen=True)
class SyncResult:
    applied: int  # outbox entries applied
    position: int  # the index's outbox position after the run
    pending: int  # entries left (non-zero only when another writer holds the index)
    busy: bool = False


def outbox_head() -> int:
    """The newest outbox position (0 when the outbox is empty)."""
    return OutboxEntry.objects.aggregate(m=Max("id"))["m"] or 0


def add_record(writer, record: RecordData) -> None:
    """Add a record's document. A record the index cannot take must not stop the outbox for every
    record after it: it is logged (it stays in the database) and indexing moves on."""
    try:
        writer.add_document(to_document(record))
    except (ValueError, TypeError, OverflowError) as exc:
        log.error("record %s could not be indexed: %s", record.id, exc)


def _libc_malloc_trim():
    """glibc's ``malloc_trim`` (looked up among the process's own symbols), or None where the C
    library has none (musl, macOS, Windows)."""
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError, TypeError):
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


_MALLOC_TRIM = _libc_malloc_trim()


def release_free_memory() -> None:
    """Hand memory the index writer has freed back to the system, after each commit.

    Tantivy allocates with the C library's malloc from its indexing and merge threads; glibc
    gives those threads their own arenas and keeps what they free, so over a long import the
    process's resident memory kept growing although nothing held it (a 60,000-document import
    peaked at 579 MB without this, 382 MB with it).
    """
    if _MALLOC_TRIM is not None:
        _MALLOC_TRIM(0)


class Indexer:
    """The index's one writer, held for as long as the ``with`` block lasts.

    Raises :class:`WriterBusy` when another process holds it.
    """

    def __init__(self, store: IndexStore, threads: int = 1, background_commits: bool = False):
        self.opened = store.open(create=True)
        self.writer = self.opened.writer(threads)
        self.position = self.opened.position()
        # With background commits, apply() returns while Tantivy finishes indexing and commits
        # (it releases the GIL), so an import parses and stores its next batch meanwhile. The
        # writer is used again only after that commit has ended.
        self._background = background_commits
        self._committing: threading.Thread | None = None
        self._commit_error: BaseException | None = None

    def __enter__(self) -> Indexer:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        self.wait()
        if exc_type is not None:
            self.writer.rollback()
        self.writer.wait_merging_threads()

    def wait(self) -> None:
        """Wait for a commit running in the background; re-raise its error."""
        if self._committing is not None:
            self._committing.join()
            self._committing = None
        if self._commit_error is not None:
            error, self._commit_error = self._commit_error, None
            raise error

    def _commit(self) -> None:
        if not self._background:
            self.writer.commit()
            release_free_memory()
            return

        def run() -> None:
            try:
                self.writer.commit()
                release_free_memory()
            except BaseException as exc:  # re-raised by wait()
                self._commit_error = exc

        self._committing = threading.Thread(target=run, name="fonds-index-commit")
        self._committing.start()

    def apply(
        self,
        written: Iterable[tuple[RecordData, str]] = (),
        progress: Callable[[int], None] | None = None,
    ) -> int:
        """Apply every outbox entry after the index's position, one commit per batch.

        ``written`` may hold records this process has just stored, with their content hashes:
        when the database still holds exactly that content, the record is indexed from memory
        instead of being read back, which halves the cost of an import. Returns the number of
        entries applied.
        """
        known = {r.id: (r, digest) for r, digest in written}
        applied = 0
        self.wait()
        while True:
            entries = list(
                OutboxEntry.objects.filter(id__gt=self.position).order_by("id").values_list("id", "record_id")[:BATCH]
            )
            if not entries:
                return applied
            record_ids = list(dict.fromkeys(rid for _, rid in entries))
            current = self._current(record_ids, known)
            for rid in record_ids:
                self.writer.delete_documents_by_term("id", rid)
                if rid in current:
                    self._add(current[rid])
            self.position = entries[-1][0]
            self.writer.delete_documents_by_term("id", META_ID)
            self.writer.add_document(meta_document(self.position))
            if len(entries) < BATCH:
                self._commit()  # the last batch: may finish in the background
            else:
                self.writer.commit()
                release_free_memory()
            applied += len(entries)
            if progress:
                progress(len(entries))

    def _add(self, record: RecordData) -> None:
        add_record(self.writer, record)

    @staticmethod
    def _current(record_ids: list[str], known: dict[str, tuple[RecordData, str]]) -> dict[str, RecordData]:
        """The records as the database holds them now (absent: deleted)."""
        hashes = dict(rows.select_in(Record, ("record_id", "content_hash"), "record_id", record_ids))
        current: dict[str, RecordData] = {}
        to_read = []
        for rid, digest in hashes.items():
            hint = known.get(rid)
            if hint is not None and hint[1] == digest:
                current[rid] = hint[0]
            else:
                to_read.append(rid)
        if to_read:
            current.update((r.id, r) for r in iter_data(Record.objects.filter(record_id__in=to_read)))
        return current


def sync(store: IndexStore, progress: Callable[[int], None] | None = None) -> SyncResult:
    """Bring the live index up to the outbox head. Safe to call any time, from any process.

    When another process holds the index writer (a running ``fonds serve`` follows the outbox
    itself), nothing is applied here and ``busy`` is set: that writer will apply the entries.
    """
    opened = store.open(create=True)
    position = opened.position()
    if position >= outbox_head():
        return SyncResult(0, position, 0)
    try:
        indexer = Indexer(store)
    except WriterBusy:
        return SyncResult(0, position, OutboxEntry.objects.filter(id__gt=position).count(), busy=True)
    with indexer:
        applied = indexer.apply(progress=progress)
    return SyncResult(applied, indexer.position, 0)


def rebuild(store: IndexStore, progress: Callable[[int], None] | None = None) -> SyncResult:
    """Build a fresh index generation from every record, swap it in, then catch up with the outbox.

    The outbox head is read *before* the records are scanned: a record changed during the scan has
    an entry after that position, and replaying it re-reads the record, so nothing is missed.
    """
    store.root.mkdir(parents=True, exist_ok=True)
    generation, path = store.new_generation()
    opened = store.open_generation(generation, path)
    writer = opened.writer(threads=2)
    try:
        head = outbox_head()
        count = 0
        for record in iter_data(Record.objects.all()):
            add_record(writer, record)
            count += 1
            if progress and count % 500 == 0:
                progress(500)
        if progress:
            progress(count % 500)
        writer.add_document(meta_document(head))
        writer.commit()
    except BaseException:
        writer.rollback()
        writer.wait_merging_threads()
        store.remove_stale(keep=store.current_generation() or "")
        raise
    writer.wait_merging_threads()
    store.swap(generation)
    caught_up = sync(store)
    return SyncResult(count, caught_up.position, caught_up.pending, caught_up.busy)
