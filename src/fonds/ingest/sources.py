"""Finding the files to import and opening them safely: size limits, binary junk, encodings.

Archives hand over files in every encoding; a page saved on a Russian Windows machine is
Windows-1251, a spreadsheet export may be UTF-16 with a byte-order mark. We decode by BOM first,
then strict UTF-8, then charset-normalizer's best guess, and refuse files that are not text.
A gzip file (``fonds dump`` writes ``records.jsonl.gz``) is recognised by its magic bytes, whatever
its name, and decompressed as it is read: what is decoded and parsed is the text inside.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable, Iterator
from pathlib import Path

from charset_normalizer import from_bytes

from fonds.ingest.base import Code, CorruptCompressedFile, ParseError, Source, gunzip

HEAD_BYTES = 64 * 1024
GZIP_MAGIC = b"\x1f\x8b"
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def discover(paths: Iterable[str | Path]) -> Iterator[tuple[Path, str]]:
    """Each file under ``paths`` (folders walked in name order, hidden files skipped).

    Yields (path, display name). A path that does not exist is yielded too, so the import reports it.
    """
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path)
                if child.is_file() and not any(part.startswith(".") for part in rel.parts):
                    yield child, str(child)
        else:
            yield path, str(given)


def detect_encoding(head: bytes, name: str) -> str:
    """The encoding of a file whose first bytes are ``head``; raises ParseError for non-text."""
    for bom, encoding in BOMS:
        if head.startswith(bom):
            return encoding
    if b"\x00" in head:
        raise ParseError(Code.BINARY_FILE, "this is not a text file (it contains NUL bytes)")
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the head is still UTF-8.
        if exc.start >= len(head) - 3 and exc.reason == "unexpected end of data":
            return "utf-8"
    best = from_bytes(head).best()
    if best is None:
        raise ParseError(Code.UNDECODABLE, "the file's text encoding could not be recognised; save it as UTF-8")
    return best.encoding


def open_source(path: Path, name: str) -> tuple[Source, str]:
    """A :class:`Source` for ``path`` and its decoded head; raises ParseError for unusable files."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(HEAD_BYTES)
        compressed = head.startswith(GZIP_MAGIC)
        if compressed:
            with gunzip(path) as fh:
                head = fh.read(HEAD_BYTES)
    except FileNotFoundError:
        raise ParseError(Code.UNREADABLE, "no such file or folder") from None
    except CorruptCompressedFile as exc:
        raise ParseError(Code.UNREADABLE, f"cannot read the file: {exc}") from None
    except OSError as exc:
        raise ParseError(Code.UNREADABLE, f"cannot read the file: {exc.strerror or exc}") from None
    if not head.strip():
        raise ParseError(Code.EMPTY_FILE, "the file is empty" + (" (once decompressed)" if compressed else ""))
    encoding = detect_encoding(head, name)
    text_head = head.decode(encoding if encoding != "utf-8-sig" else "utf-8-sig", errors="ignore")
    if encoding == "utf-8-sig":
        text_head = text_head.lstrip("\ufeff")
    return Source(path, name, encoding=encoding, compressed=compressed), text_head
