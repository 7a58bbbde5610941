"""The ingest chain: find files -> open safely -> pick a parser -> yield items.

Contract: :func:`iter_items` yields one :class:`Item` per record found and one per file that could
not be read at all; it never raises for bad input, so one bad file never stops the rest. Storing
the records is the catalogue's job (:mod:`fonds.catalog.importer`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from fonds.ingest import registry
from fonds.ingest.base import Code, IngestError, Item, ParseError, Parser, unreadable
from fonds.ingest.sources import discover, open_source

# Parsers that read a file whole (one page, one XML volume) refuse files above this size; parsers
# that stream (JSON Lines, CSV) take any size in constant memory.
MAX_WHOLE_FILE_BYTES = 64 * 2**20


def iter_items(
    paths: Iterable[str | Path],
    format: str | None = None,
    on_file: Callable[[str], None] | None = None,
) -> Iterator[Item]:
    """Every item in ``paths`` (files or folders); ``format`` forces a parser by name."""
    forced: Parser | None = registry.get(format) if format else None
    for path, name in discover(paths):
        if on_file:
            on_file(name)
        yield from _file_items(path, name, forced)


def _file_items(path: Path, name: str, forced: Parser | None) -> Iterator[Item]:
    try:
        source, head = open_source(path, name)
    except ParseError as exc:
        yield Item(name, error=exc.to_error(name))
        return
    parser = forced or registry.choose(source.format_path, head)
    if parser is None:
        message = f"not a format fonds reads (known: {', '.join(registry.names())}); use --format to force one"
        yield Item(name, error=IngestError(Code.NO_PARSER, message, name))
        return
    size = path.stat().st_size
    if not getattr(parser, "streams", False) and size > MAX_WHOLE_FILE_BYTES:
        message = (
            f"the file is {size / 2**20:.0f} MB; a {parser.name} file is read whole and may be at most "
            f"{MAX_WHOLE_FILE_BYTES // 2**20} MB"
        )
        yield Item(name, error=IngestError(Code.TOO_LARGE, message, name))
        return
    try:
        yield from parser.parse(source)
    except (UnicodeDecodeError, OSError) as exc:
        yield unreadable(name, exc)
    except MemoryError:
        yield Item(name, error=IngestError(Code.TOO_LARGE, "the file is too large to read", name))
