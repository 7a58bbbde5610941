"""Where the index lives on disk, and how a rebuilt index replaces the old one atomically.

``FONDS_HOME/index/`` holds one folder per index *generation* and a ``CURRENT`` file naming the live
one. ``fonds reindex`` builds a new generation beside the old and then replaces ``CURRENT`` with
``os.replace`` (atomic on POSIX): a reader sees either the old index or the new one, never a mix.
Readers notice the change on their next search and reopen.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import tantivy

from fonds.search.analysis import register_all
from fonds.search.schema import META_ID, SCHEMA_VERSION, build_schema

CURRENT = "CURRENT"


class IndexMissing(RuntimeError):
    """There is no index yet (nothing imported, or the folder was removed)."""


class SchemaMismatch(RuntimeError):
    """The index was built by another schema version; run ``fonds reindex``."""


class WriterBusy(RuntimeError):
    """Another process holds the index writer (one writer per index)."""


@dataclass
class OpenIndex:
    generation: str
    path: Path
    index: tantivy.Index
    schema: tantivy.Schema

    def position(self) -> int:
        """The last outbox position this index's latest commit has applied (0 when new)."""
        searcher = self.index.searcher()
        query = tantivy.Query.term_query(self.schema, "id", META_ID)
        hits = searcher.search(query, 1).hits
        if not hits:
            return 0
        doc = searcher.doc(hits[0][1])
        version = doc.get_first("schema_version")
        if version != SCHEMA_VERSION:
            raise SchemaMismatch(
                f"the index at {self.path} has schema version {version}, this fonds needs {SCHEMA_VERSION}: "
                "run `fonds reindex`"
            )
        return int(doc.get_first("position") or 0)

    def writer(self, threads: int = 1) -> tantivy.IndexWriter:
        """The index writer (one per index); raises :class:`WriterBusy` if another holds it."""
        try:
            return self.index.writer(heap_size=64_000_000 * threads, num_threads=threads)
        except ValueError as exc:
            if "lock" in str(exc).lower():
                raise WriterBusy(f"another process is writing the index at {self.path}") from exc
            raise


class IndexStore:
    """The index folder of one fonds home."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self._lock = threading.Lock()
        self._reader: OpenIndex | None = None

    # -- generations -------------------------------------------------------------------------
    def current_generation(self) -> str | None:
        try:
            return (self.root / CURRENT).read_text().strip() or None
        except FileNotFoundError:
            return None

    def new_generation(self) -> tuple[str, Path]:
        name = time.strftime("g%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
        path = self.root / name
        path.mkdir(parents=True)
        return name, path

    def swap(self, generation: str) -> None:
        """Make ``generation`` the live index, atomically, then remove generations no longer live."""
        tmp = self.root / f"{CURRENT}.{uuid.uuid4().hex[:6]}.tmp"
        with open(tmp, "w") as fh:
            fh.write(generation + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.root / CURRENT)
        dir_fd = os.open(self.root, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
        self.remove_stale(keep=generation)

    def remove_stale(self, keep: str) -> None:
        # Open readers keep their files (POSIX unlink semantics), so removing is safe.
        for child in self.root.iterdir():
            if child.is_dir() and child.name.startswith("g") and child.name != keep:
                shutil.rmtree(child, ignore_errors=True)

    # -- opening -----------------------------------------------------------------------------
    def open_generation(self, generation: str, path: Path | None = None) -> OpenIndex:
        path = path or self.root / generation
        schema = build_schema()
        try:
            index = tantivy.Index(schema, path=str(path), reuse=True)
        except ValueError as exc:
            if "schema does not match" in str(exc):
                # An index built by an older fonds: say what to do instead of failing with a 500.
                raise SchemaMismatch(
                    f"the index at {path} was built with another schema: run `fonds reindex`"
                ) from None
            raise
        register_all(index)  # every analyser the schema names, or Tantivy refuses to write
        return OpenIndex(generation, path, index, schema)

    def open(self, create: bool = True) -> OpenIndex:
        """The live index for writing; with ``create``, a first generation is made when none exists."""
        generation = self.current_generation()
        if generation is None or not (self.root / generation).is_dir():
            if not create:
                raise IndexMissing(f"no search index in {self.root}: run `fonds reindex`")
            self.root.mkdir(parents=True, exist_ok=True)
            generation, path = self.new_generation()
            opened = self.open_generation(generation, path)
            self.swap(generation)
            return opened
        return self.open_generation(generation)

    def reader(self) -> OpenIndex:
        """The live index for searching, reopened when ``fonds reindex`` swapped generations.

        Cached per process; each call picks up commits made since the last one.
        """
        with self._lock:
            generation = self.current_generation()
            if generation is None:
                raise IndexMissing(f"no search index in {self.root}: import records or run `fonds reindex`")
            if self._reader is None or self._reader.generation != generation:
                self._reader = self.open_generation(generation)
            else:
                self._reader.index.reload()
            return self._reader
