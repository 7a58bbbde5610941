"""The parser contract: what a format parser receives, what it yields, and how it fails.

A parser is a small object with a ``name``, a ``score`` method that says how well it recognises a
file (0 = not at all, 1 = certainly), and a ``parse`` method that yields one :class:`Item` per record
in the file. Parsers return plain data and never touch the database. A parser never raises for bad
content: it yields an Item carrying an :class:`IngestError`, so one bad item never stops the rest.
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Protocol

from fonds.core.authority import AuthorityData
from fonds.core.record import RecordData


class Code:
    """Machine-readable reasons an item is rejected (stable: reports and tools depend on them)."""

    EMPTY_FILE = "empty_file"
    BINARY_FILE = "binary_file"
    UNDECODABLE = "undecodable"
    TOO_LARGE = "too_large"
    UNREADABLE = "unreadable"
    NO_PARSER = "no_parser"
    TRUNCATED = "truncated"
    MISSING_FIELD = "missing_field"
    BAD_FIELD = "bad_field"
    BAD_DATE = "bad_date"
    BAD_JSON = "bad_json"
    MALFORMED_XML = "malformed_xml"
    UNSAFE_XML = "unsafe_xml"  # external entities or entity definitions: never expanded, never fetched
    DUPLICATE_ID = "duplicate_id"
    STORE_FAILED = "store_failed"
    # Not an error: the item is not a record (a collection description, a stray asset file).
    SKIPPED = "skipped"


@dataclass(frozen=True)
class IngestError:
    """Why an item was rejected: a code from :class:`Code`, a message for people, and where."""

    code: str
    message: str
    file: str
    line: int | None = None
    element: str | None = None

    @property
    def where(self) -> str:
        """``file``, ``file:line`` or ``file (element)`` — the place a user should look."""
        place = self.file
        if self.line is not None:
            place += f":{self.line}"
        if self.element:
            place += f" ({self.element})"
        return place

    def __str__(self) -> str:
        return f"{self.where}: {self.message} [{self.code}]"


class ParseError(Exception):
    """Raised inside a parser to reject one item; the parser turns it into an Item."""

    def __init__(self, code: str, message: str, *, line: int | None = None, element: str | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line
        self.element = element

    def to_error(self, file: str) -> IngestError:
        return IngestError(self.code, self.message, file, self.line, self.element)


class CorruptCompressedFile(OSError):
    """A gzip file whose data is damaged or cut short (an OSError, so readers report it per file)."""


class _CheckedGzip(io.RawIOBase):
    """A gzip file's decompressed bytes, streamed; every kind of damage surfaces as one error.

    The gzip module reports damage three ways (BadGzipFile, zlib.error, EOFError for a file cut
    short); parsers and the pipeline only need to know the file cannot be read.
    """

    def __init__(self, path: Path):
        self._gz = gzip.open(path, "rb")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        try:
            return self._gz.readinto(buffer)
        except (gzip.BadGzipFile, zlib.error, EOFError) as exc:
            raise CorruptCompressedFile(f"the gzip data is damaged or incomplete ({exc})") from None

    def close(self) -> None:
        self._gz.close()
        super().close()


def gunzip(path: Path) -> IO[bytes]:
    """The decompressed bytes of the gzip file at ``path``, streamed (damage raises CorruptCompressedFile)."""
    return io.BufferedReader(_CheckedGzip(path))


class Source:
    """A file handed to a parser: its path, the name messages use for it, and its decoded text.

    The text is read lazily, so a parser that streams (JSONL) can use :meth:`lines` instead and a
    large file is never held in memory whole. A ``compressed`` (gzip) file is decompressed as it is
    read, so a parser sees the same text either way.
    """

    def __init__(
        self, path: Path, name: str, text: str | None = None, encoding: str = "utf-8", compressed: bool = False
    ):
        self.path = Path(path)
        self.name = name
        self.encoding = encoding
        self.compressed = compressed
        self._text = text

    @property
    def format_path(self) -> Path:
        """The path a format is recognised by: ``records.jsonl.gz`` reads as ``records.jsonl``."""
        if self.compressed and self.path.suffix.lower() == ".gz":
            return self.path.with_suffix("")
        return self.path

    def _open(self, newline: str | None) -> IO[str]:
        if self.compressed:
            return io.TextIOWrapper(gunzip(self.path), encoding=self.encoding, newline=newline)
        return open(self.path, encoding=self.encoding, newline=newline)

    @property
    def text(self) -> str:
        if self._text is None:
            with self._open(newline=None) as fh:
                self._text = fh.read()
        return self._text

    def open_raw(self) -> IO[str]:
        """The decoded text as a stream with line endings untouched (``newline=""``), for parsers
        such as CSV where a carriage return inside a quoted cell is data."""
        if self._text is not None:
            return io.StringIO(self._text, newline="")
        return self._open(newline="")

    def lines(self) -> Iterator[str]:
        """The file's lines without their line endings, streamed from disk when possible."""
        if self._text is not None:
            yield from self._text.splitlines()
            return
        with self._open(newline=None) as fh:
            for line in fh:
                yield line.rstrip("\r\n")


def unreadable(name: str, exc: Exception) -> Item:
    """The rejection for a file that could not be read or decoded (one wording for every parser)."""
    if isinstance(exc, UnicodeDecodeError):
        message = f"bytes at offset {exc.start} are not valid {exc.encoding}; save the file as UTF-8"
        return Item(name, error=IngestError(Code.UNDECODABLE, message, name))
    detail = getattr(exc, "strerror", None) or exc
    return Item(name, error=IngestError(Code.UNREADABLE, f"cannot read the file: {detail}", name))


@dataclass(frozen=True)
class Item:
    """One record (or authority) parsed from a source, or the error that stopped it."""

    location: str  # file, file:line or file#element: where this item came from
    record: RecordData | None = None
    error: IngestError | None = None
    authority: AuthorityData | None = None  # a person, organisation or place (authority files)


class Parser(Protocol):
    """What every format parser provides (see module docstring)."""

    name: str
    description: str

    def score(self, path: Path, head: str) -> float:
        """How sure this parser is that ``head`` (the first few KB of the file) is its format."""
        ...

    def parse(self, source: Source) -> Iterator[Item]:
        """Yield an Item per record in ``source``; never raise for bad content."""
        ...
