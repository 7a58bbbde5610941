"""Parser for a Wilson Center Digital Archive (WCDA) record page saved as a browser's text.

A saved page reads, top to bottom (blank lines separate everything; a line holding only spaces or
no-break spaces counts as blank)::

    Skip to content                       (optional: the site's accessibility link)
    December 20, 1957                     the date line
    Journal of ...                        the title
    This document was made possible ...   (optional) the credit line
    ...                                   the body: the translation, one paragraph per block
    PRC Ambassador ... discusses ...      the last paragraph: the one-line summary
    Document Information
    Source                                labelled fields: the label on its own line,
    AVPRF F. 0102, ...                    its value on the following line(s)
    Rights
    ...

The fields after "Document Information" come from a fixed set of labels (:data:`LABELS`). A line is
only a label there: a body paragraph that happens to read "Type" stays a paragraph. A line after
"Document Information" that is not a label continues the value of the label above it.

A page is one record, so :meth:`WcdaPageParser.parse` yields exactly one :class:`Item`: the record,
or the error that stopped it, with the 1-based line of the file where the problem is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from fonds.core import archives, citations, dates, languages, names, text
from fonds.core.record import RecordData, Ref, Repository
from fonds.ingest.base import Code, IngestError, Item, ParseError, Source

SKIP_LINK = "Skip to content"
BLOCK_HEADING = "Document Information"
CREDIT_PREFIX = "This document was made possible with support from"

# Every label a page may carry after "Document Information", mapped to the key it is collected
# under. The set is fixed on purpose: a line that is not a label continues the previous value, so an
# unexpected label can never silently become a field. "Author", "Keywords" and the
# "Associated ..." / "Subjects ..." lists come from the live site's pages.
LABELS: dict[str, str] = {
    "Source": "source",
    "Original Archive": "original_archive",
    "Original Classification": "classification",
    "Rights": "rights",
    "Original Uploaded Date": "uploaded",
    "Type": "type",
    "Language": "language",
    "Record ID": "record_id",
    "Donors": "donors",
    "Author": "author",
    "Translated by": "translated_by",
    "Associated Places": "places",
    "Subjects Discussed": "subjects",
    "Subjects": "subjects",
    "Subject": "subjects",
    "Keywords": "keywords",
    "Associated People & Organizations": "people",
    "Associated People and Organizations": "people",
}

# Labels whose value is a list: one name per value line.
LIST_KEYS = frozenset({"places", "subjects", "people", "keywords"})

# A record id is a short opaque token (WCDA uses digits; other archives letters, dots, dashes).
RECORD_ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,63}")

# For scoring only: a short line holding a year looks like a page's date line.
_DATE_LIKE_RE = re.compile(r"\b(1[5-9]\d\d|20\d\d)s?\b")
_MAX_DATE_LINE = 60


@dataclass(frozen=True)
class _Para:
    """A paragraph of the page: its whitespace-normalised text and the line it starts on."""

    text: str
    line: int


@dataclass(frozen=True)
class _Value:
    """The value of one labelled field: its paragraphs (each a list of lines) and where it is."""

    label: str
    label_line: int
    lines: tuple[_Para, ...]  # every non-blank value line on its own (for list fields)
    paragraphs: tuple[_Para, ...]  # value lines joined into blank-separated paragraphs

    @property
    def text(self) -> str:
        """The value as one line (paragraphs joined by a space); "" when the field is empty."""
        return " ".join(p.text for p in self.paragraphs)

    @property
    def line(self) -> int:
        """The line of the value, or of its label when the value is empty."""
        return self.paragraphs[0].line if self.paragraphs else self.label_line


@dataclass
class WcdaPage:
    """A page split into its parts, before any field is interpreted.

    Everything the page says is kept here, including the live site's labels that
    :class:`~fonds.core.record.RecordData` has no field for (``author``, ``keywords``).
    """

    date_line: _Para
    title: _Para | None
    credit: _Para | None
    body: list[_Para]
    summary: _Para | None
    block_line: int
    fields: dict[str, _Value] = field(default_factory=dict)

    def value(self, key: str) -> str | None:
        """The one-line value of a field, or None when the page lacks it or leaves it empty."""
        v = self.fields.get(key)
        return (v.text or None) if v is not None else None

    def items(self, key: str) -> list[str]:
        """The value lines of a list field (one name per line), in page order."""
        v = self.fields.get(key)
        return [p.text for p in v.lines] if v is not None else []


def _lines(raw: str) -> list[str]:
    """Split text into lines the way an editor numbers them (CRLF, CR and LF all end a line)."""
    raw = raw.removeprefix("\ufeff")
    return raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _is_blank(line: str) -> bool:
    # str.strip() removes spaces, tabs and no-break spaces alike.
    return not line.strip()


def _label_of(line: str) -> str | None:
    """The label a line names, or None. Labels match exactly; a trailing colon is tolerated."""
    stripped = names.normalize_space(line).removesuffix(":").rstrip()
    return stripped if stripped in LABELS else None


def _paragraphs(lines: list[str], first_line: int) -> list[_Para]:
    """Blank-separated paragraphs of ``lines`` (numbered from ``first_line``), normalised."""
    out: list[_Para] = []
    current: list[str] = []
    start = first_line
    for offset, line in enumerate(lines):
        if _is_blank(line):
            if current:
                out.append(_Para(names.normalize_space(" ".join(current)), start))
                current = []
            continue
        if not current:
            start = first_line + offset
        current.append(line)
    if current:
        out.append(_Para(names.normalize_space(" ".join(current)), start))
    return out


def _find_block(lines: list[str]) -> int | None:
    """Index of the "Document Information" line; the last one wins, so a body line can't fake it."""
    for index in range(len(lines) - 1, -1, -1):
        if names.normalize_space(lines[index]) == BLOCK_HEADING:
            return index
    return None


def _read_fields(lines: list[str], block_index: int) -> dict[str, _Value]:
    """Collect the labelled fields after the "Document Information" line at ``block_index``."""
    found: dict[str, _Value] = {}
    label: str | None = None
    label_line = 0
    value_lines: list[str] = []
    value_start = 0

    def close() -> None:
        if label is None:
            return
        key = LABELS[label]
        value_paras = _paragraphs(value_lines, value_start)
        each_line = [
            _Para(names.normalize_space(line), value_start + offset)
            for offset, line in enumerate(value_lines)
            if not _is_blank(line)
        ]
        if key in found:
            raise ParseError(
                Code.BAD_FIELD,
                f'the field "{label}" appears twice in the Document Information block '
                f"(first on line {found[key].label_line})",
                line=label_line,
                element=label,
            )
        found[key] = _Value(label, label_line, tuple(each_line), tuple(value_paras))

    for index in range(block_index + 1, len(lines)):
        line = lines[index]
        lineno = index + 1
        name = _label_of(line)
        if name is not None:
            close()
            label, label_line, value_lines, value_start = name, lineno, [], lineno + 1
        elif label is not None:
            value_lines.append(line)
        elif not _is_blank(line):
            raise ParseError(
                Code.BAD_FIELD,
                f'unexpected text {names.normalize_space(line)[:60]!r} after "{BLOCK_HEADING}" '
                f"where a field label ({', '.join(list(LABELS)[:3])}, ...) was expected",
                line=lineno,
            )
    close()
    return found


def read_page(raw: str) -> WcdaPage:
    """Split a saved WCDA page into its parts. Raises :class:`ParseError` on a page it can't read."""
    if not raw.removeprefix("\ufeff").strip():
        raise ParseError(Code.EMPTY_FILE, "the file is empty (or holds only blank lines)")
    lines = _lines(raw)
    block_index = _find_block(lines)
    if block_index is None:
        raise ParseError(
            Code.TRUNCATED,
            f'the page ends before its "{BLOCK_HEADING}" block (cut off, or not a saved WCDA page)',
            line=len(lines),
        )
    head = _paragraphs(lines[:block_index], 1)
    if head and head[0].text == SKIP_LINK:
        head = head[1:]
    if not head:
        raise ParseError(
            Code.MISSING_FIELD,
            f'the page has no date line before "{BLOCK_HEADING}"',
            line=block_index + 1,
            element="date",
        )
    date_line, rest = head[0], head[1:]
    title: _Para | None = None
    if rest and not rest[0].text.startswith(CREDIT_PREFIX):
        title, rest = rest[0], rest[1:]
    credit: _Para | None = None
    if rest and rest[0].text.startswith(CREDIT_PREFIX):
        credit, rest = rest[0], rest[1:]
    summary = rest[-1] if rest else None
    body = rest[:-1]
    fields = _read_fields(lines, block_index)
    return WcdaPage(date_line, title, credit, body, summary, block_index + 1, fields)


def _bad_field(value: _Value, why: str) -> ParseError:
    """A BAD_FIELD error naming the field's label and pointing at its value's line."""
    return ParseError(Code.BAD_FIELD, f'field "{value.label}": {why}', line=value.line, element=value.label)


def _refs(page: WcdaPage, key: str) -> list[Ref]:
    """One :class:`Ref` per value line of a list field, in page order, each name once.

    Repeats are found by folded name, so "Kim Il Sung" and "KIM IL SUNG" count once.
    """
    refs: list[Ref] = []
    seen: set[str] = set()
    for name in page.items(key):
        folded = names.fold(name)
        if folded not in seen:
            seen.add(folded)
            refs.append(Ref(id=text.name_key(name), name=name))
    return refs


def page_to_record(page: WcdaPage) -> RecordData:
    """Interpret the parts of a page as a record. Raises :class:`ParseError` for a bad field."""
    if page.title is None:
        raise ParseError(
            Code.MISSING_FIELD,
            "the page has no title (expected on the line after the date)",
            line=page.date_line.line,
            element="title",
        )
    id_value = page.fields.get("record_id")
    if id_value is None or not id_value.text:
        raise ParseError(
            Code.MISSING_FIELD,
            'the Document Information block has no "Record ID"',
            line=id_value.label_line if id_value is not None else page.block_line,
            element="Record ID",
        )
    if not RECORD_ID_RE.fullmatch(id_value.text):
        raise _bad_field(id_value, f"{id_value.text[:60]!r} is not a record id (a short token such as 115958)")

    try:
        when = dates.parse_date(page.date_line.text)
    except dates.DateError as exc:
        raise ParseError(
            Code.BAD_DATE,
            f"cannot read the date line {page.date_line.text!r}: {exc}",
            line=page.date_line.line,
            element="date",
        ) from exc

    uploaded: str | None = None
    if (raw_uploaded := page.value("uploaded")) is not None:
        try:
            uploaded = dates.parse_iso_date(raw_uploaded).isoformat()
        except dates.DateError as exc:
            raise _bad_field(page.fields["uploaded"], f"{raw_uploaded!r} is not an ISO date ({exc})") from exc

    original_language: list[str] = []
    if (raw_language := page.value("language")) is not None:
        try:
            original_language = languages.language_codes(raw_language)
        except languages.LanguageError as exc:
            raise _bad_field(page.fields["language"], f"unknown language {raw_language!r} ({exc})") from exc

    source = page.value("source")
    citation = citations.parse_source(source) if source is not None else None
    repository: Repository | None = None
    if citation is not None and citation.repository is not None:
        repository = Repository(code=citation.repository.code, name=citation.repository.name)
    original_archive = page.value("original_archive")
    if repository is None and original_archive is not None:
        known = archives.by_name(original_archive)
        repository = (
            Repository(code=known.code, name=known.name)
            if known is not None
            else Repository(code=None, name=original_archive)
        )
    translator = (citation.translator if citation else None) or page.value("translated_by")
    translated_for = citation.translated_for if citation else None
    translated = bool(translator or translated_for) or (bool(original_language) and original_language != ["en"])

    rights_value = page.fields.get("rights")
    rights = "\n\n".join(p.text for p in rights_value.paragraphs) if rights_value else ""
    donors = page.value("donors")

    return RecordData(
        id=id_value.text,
        title=page.title.text,
        date=when.edtf,
        date_start=when.start.isoformat(),
        date_end=when.end.isoformat(),
        date_display=when.display,
        type=page.value("type"),
        summary=page.summary.text if page.summary else None,
        credit=page.credit.text if page.credit else None,
        paragraphs=[p.text for p in page.body],
        original_language=original_language,
        translation_language="en" if translated else None,
        source=source,
        repository=repository,
        reference=dict(citation.reference) if citation else {},
        translator=translator,
        translated_for=translated_for,
        rights=rights or None,
        uploaded=uploaded,
        classification=page.value("classification"),
        original_archive=original_archive,
        donors=names.split_names(donors) if donors else [],
        people=_refs(page, "people"),
        places=_refs(page, "places"),
        subjects=_refs(page, "subjects"),
    )


def _looks_like_page(head: str) -> bool:
    """True when ``head`` carries a WCDA page's markers (see :meth:`WcdaPageParser.score`)."""
    lines = [names.normalize_space(line) for line in _lines(head)]
    if any(line in (BLOCK_HEADING, "Record ID") or line.startswith(CREDIT_PREFIX) for line in lines):
        return True
    non_blank = [line for line in lines if line]
    return (
        len(non_blank) >= 2
        and non_blank[0] == SKIP_LINK
        and len(non_blank[1]) <= _MAX_DATE_LINE
        and _DATE_LIKE_RE.search(non_blank[1]) is not None
    )


class WcdaPageParser:
    """Reads one WCDA record page saved as text (see the module docstring for the layout)."""

    name = "wcda-page"
    description = "Wilson Center Digital Archive record page saved as text (one record per file)"

    def score(self, path: Path, head: str) -> float:
        """0.9 with a WCDA page's markers in ``head``; 0.1 for another .txt file; 0 otherwise.

        The markers are a line reading "Document Information" or "Record ID", the credit line, or
        "Skip to content" followed by a short line holding a year (the date line).
        """
        if _looks_like_page(head):
            return 0.9
        return 0.1 if path.suffix.lower() == ".txt" else 0.0

    def parse(self, source: Source) -> Iterator[Item]:
        """Yield the page's record, or the error that stopped it; never raises for bad content."""
        try:
            raw = source.text  # read lazily from disk: decoding can fail here
        except UnicodeDecodeError as exc:
            message = f"bytes at offset {exc.start} are not valid {exc.encoding}; save the file as UTF-8"
            yield Item(location=source.name, error=IngestError(Code.UNDECODABLE, message, source.name))
            return
        except OSError as exc:
            message = f"cannot read the file: {exc.strerror or exc}"
            yield Item(location=source.name, error=IngestError(Code.UNREADABLE, message, source.name))
            return
        except MemoryError:
            message = "the file is too large to read"
            yield Item(location=source.name, error=IngestError(Code.TOO_LARGE, message, source.name))
            return
        try:
            record = page_to_record(read_page(raw))
        except ParseError as exc:
            yield Item(location=source.name, error=exc.to_error(source.name))
            return
        except Exception as exc:  # noqa: BLE001 - the contract: one bad file never stops a batch
            # Not bad content we know how to name: report it as the file's failure, with the
            # exception, so the import goes on and the report shows what to fix.
            message = f"could not read the page ({type(exc).__name__}: {exc})"
            yield Item(location=source.name, error=IngestError(Code.UNREADABLE, message, source.name))
            return
        yield Item(location=source.name, record=record)


parser = WcdaPageParser()
