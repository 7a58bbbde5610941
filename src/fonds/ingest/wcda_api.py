"""Parser for the Wilson Center Digital Archive's former JSON API (documents, as the API served them).

The API (``/srv/record/<id>.json``, ``/srv/search``; its shapes are those the MIT-licensed client
epikulski/digitalarchive models) served three kinds of object:

- a **document**: ``id``, ``uri``, ``title``, ``description``, ``doc_date`` (``YYYYMMDD``),
  ``frontend_doc_date`` (the date as the page shows it), ``source``, ``type``, ``rights``, and
  lists of related objects ``{"id": ..., "name": ...}``: ``donors``, ``subjects``, ``languages``,
  ``contributors``, ``creators``, ``original_coverages`` (places), ``collections``,
  ``repositories``, ``classifications``; and its texts as assets: ``translations`` (each with a
  ``language``) and ``transcripts`` (the original-language text);
- a **collection**: ``id``, ``name``, ``slug``, ``short_description``, ``description``;
- an **asset** (a transcript, translation or scan): ``filename``, ``content_type``, ``raw`` HTML.

A file holds one object, a JSON array of them, or a search response ``{"list": [...]}``. Each
document becomes one record; collections and standalone assets are not documents and yield an
Item with the error code :data:`SKIPPED` saying so. Every object yields exactly one Item, so one
bad document never stops the rest; items in a list are located as ``file#<index>``.

Field mapping (see :func:`document_to_record`): the English translation becomes ``paragraphs``
(``translation_language`` "en"); transcripts and other translations are kept apart as sanitised
HTML in ``transcripts``, each tagged with its ISO 639 language, and are never mixed into the
paragraphs. One exception: a document written in English with no English translation has its
English transcript as ``paragraphs`` (``translation_language`` None), as the archive's page shows it.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from fonds.core import archives, citations, dates, languages, names, text
from fonds.core.record import CollectionRef, RecordData, Ref, Repository, Transcript
from fonds.ingest import html_clean
from fonds.ingest.base import Code, IngestError, Item, ParseError, Source, unreadable

__all__ = [
    "BASE_URL",
    "SKIPPED",
    "WcdaApiParser",
    "doc_date_to_edtf",
    "document_to_record",
    "kind_of",
    "parser",
]

# Relative links in the archive's HTML ("/collection/234") point into its own site.
BASE_URL = "https://digitalarchive.wilsoncenter.org/"

# The error code of an object that is valid but is not a document (a collection, an asset).
# base.Code has no such code yet; until it does, the importer lists these items as rejected.
SKIPPED = Code.SKIPPED

# A record id is a short opaque token (WCDA uses digits).
_RECORD_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,63}")
_DOC_DATE = re.compile(r"(\d{4})(\d{2})?(\d{2})?")
_ISO_DAY_PREFIX = re.compile(r"\d{4}-\d{2}-\d{2}")
_LOOKS_LIKE_HTML = re.compile(r"<[A-Za-z/!][^>]*>|&(?:#\d+|#x[0-9A-Fa-f]+|[A-Za-z]+\d*);")
# A JSON key in the head of a file (quotes inside JSON strings are escaped, so never match).
_JSON_KEY = re.compile(r'"([A-Za-z_]+)"\s*:')

_DOCUMENT_SCORE = 0.97  # above jsonl's 0.95: a one-line document also has "id" and "title"
_OTHER_SCORE = 0.9


# --- recognising objects -------------------------------------------------------------------------


def kind_of(obj: dict[str, Any]) -> str:
    """What a JSON object is: ``"collection"``, ``"asset"`` or ``"document"``.

    The API's search responses say it in ``model``; otherwise the keys tell: a collection has
    ``short_description`` (or a ``name`` and a ``slug`` but no ``title``), an asset has a
    ``filename`` and a ``content_type`` or ``extension``. Anything else is read as a document, so
    that a document missing its title is reported as such rather than as an unknown object.
    """
    model = obj.get("model")
    if isinstance(model, str) and model.strip().lower() == "collection":
        return "collection"
    if isinstance(model, str) and model.strip().lower() == "record":
        return "document"
    if "title" not in obj and "doc_date" not in obj:
        if "short_description" in obj or ("name" in obj and "slug" in obj):
            return "collection"
        if "filename" in obj and ("content_type" in obj or "extension" in obj):
            return "asset"
    return "document"


def _head_kinds(head: str) -> set[str]:
    """The kinds of object whose keys appear in the head of a JSON file (for scoring)."""
    keys = set(_JSON_KEY.findall(head))
    kinds: set[str] = set()
    if "doc_date" in keys and keys & {"title", "uri", "frontend_doc_date"}:
        kinds.add("document")
    if {"filename", "content_type"} <= keys and keys & {"raw", "html", "asset_id", "extension"}:
        kinds.add("asset")
    if {"name", "short_description", "slug"} <= keys:
        kinds.add("collection")
    return kinds


# --- small readers -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Where:
    """Where a document sits in its file: the JSON path of the object (``"list[3]"`` in a search
    response, ``"[3]"`` in an array, ``""`` for the file's only object), used in messages."""

    path: str = ""

    def field(self, name: str) -> str:
        return f"{self.path}.{name}" if self.path else name

    def label(self, doc_id: str | None = None) -> str:
        """How messages name the document: "document 115958 (list[3])", "the document"."""
        if doc_id is not None:
            return f"document {doc_id}" + (f" ({self.path})" if self.path else "")
        return f"the document at {self.path}" if self.path else "the document"


def _plain(value: str) -> str:
    """A one-line field as plain text: markup removed, entities decoded, whitespace collapsed."""
    if _LOOKS_LIKE_HTML.search(value):
        return names.normalize_space(" ".join(html_clean.to_paragraphs(value)))
    return names.normalize_space(value)


def _text(value: str) -> str:
    """A multi-paragraph field (description, rights) as plain text, paragraphs kept."""
    if _LOOKS_LIKE_HTML.search(value):
        return html_clean.to_text(value)
    return "\n\n".join(names.normalize_space(p) for p in text.split_paragraphs(value))


def _bad(code: str, message: str, element: str) -> ParseError:
    return ParseError(code, message, element=element)


def _name_of(value: Any) -> str | None:
    """The name of a related object (``{"id": 1, "name": "..."}``) or a plain string; else None."""
    if isinstance(value, dict):
        for key in ("name", "value", "title"):
            candidate = value.get(key)
            if isinstance(candidate, str) and candidate.strip():
                return _plain(candidate)
        return None
    if isinstance(value, str) and value.strip():
        return _plain(value)
    return None


def _items(obj: dict[str, Any], key: str, where: _Where, label: str) -> list[Any]:
    """A field that should be a list of objects: [] when absent or null; one object is a list of one."""
    value = obj.get(key)
    if value is None or value == "":
        return []
    if isinstance(value, (dict, str)):
        return [value]
    if isinstance(value, list):
        return value
    raise _bad(
        Code.BAD_FIELD,
        f'{label}: "{key}" must be a list of objects, not a JSON {_json_type(value)}',
        where.field(key),
    )


def _names(obj: dict[str, Any], key: str, where: _Where, label: str) -> list[str]:
    """The names of a list of related objects, in order, each once (compared folded).

    A plain string is one name, except for ``donors``, which the pages write as "A and B".
    """
    found: list[str] = []
    for i, item in enumerate(_items(obj, key, where, label)):
        if key == "donors" and isinstance(item, str):
            found.extend(names.split_names(item))
            continue
        name = _name_of(item)
        if name is None:
            raise _bad(
                Code.BAD_FIELD,
                f'{label}: "{key}" item {i} has no name ({_preview(item)})',
                where.field(f"{key}[{i}]"),
            )
        found.append(name)
    seen: set[str] = set()
    unique: list[str] = []
    for name in found:
        if names.fold(name) not in seen:
            seen.add(names.fold(name))
            unique.append(name)
    return unique


def _refs(obj: dict[str, Any], keys: tuple[str, ...], where: _Where, label: str) -> list[Ref]:
    """One :class:`Ref` per name in the lists ``keys`` (merged, each name once); id = name_key."""
    refs: list[Ref] = []
    seen: set[str] = set()
    for key in keys:
        for name in _names(obj, key, where, label):
            if names.fold(name) not in seen:
                seen.add(names.fold(name))
                refs.append(Ref(id=text.name_key(name), name=name))
    return refs


def _language_codes(value: Any, element: str, label: str) -> list[str]:
    """ISO 639 codes of a language given as a name or code, or as ``{"id": "rus", "name": "Russian"}``.

    The API's ids are ISO 639-2/B codes ("rus", "chi", "ger"); the id is tried first, then the name.
    """
    if isinstance(value, dict):
        candidates = [value.get(k) for k in ("id", "name", "value")]
    elif isinstance(value, str):
        candidates = [value]
    else:
        message = f"{label}: a language must be a name or an object, not {_preview(value)}"
        raise _bad(Code.BAD_FIELD, message, element)
    tried = [c.strip() for c in candidates if isinstance(c, str) and c.strip()]
    if not tried:
        raise _bad(Code.BAD_FIELD, f"{label}: a language without an id or a name ({_preview(value)})", element)
    for candidate in tried:
        try:
            codes = languages.language_codes(candidate)
        except languages.LanguageError:
            continue
        if codes:
            return codes
    raise _bad(Code.BAD_FIELD, f"{label}: unknown language {' / '.join(map(repr, tried))}", element)


def _json_type(value: Any) -> str:
    return {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}.get(
        type(value), "number"
    )


def _preview(value: Any) -> str:
    shown = json.dumps(value, ensure_ascii=False)
    return shown if len(shown) <= 60 else shown[:59] + "…"


# --- dates ---------------------------------------------------------------------------------------


def doc_date_to_edtf(value: str) -> str | None:
    """The EDTF of an API ``doc_date``: ``"19571220"`` -> ``"1957-12-20"``.

    Partial dates: ``"195712"`` and ``"19571200"`` -> ``"1957-12"``; ``"1957"`` and ``"19570000"``
    -> ``"1957"``; an all-zero or empty value -> None (no date). ISO forms ("1957-12-20") pass
    through. Raises :class:`~fonds.core.dates.DateError` for anything else, for a month outside
    1-12 and for a day without its month; impossible days are caught by :func:`~dates.from_edtf`.
    """
    raw = names.normalize_space(value)
    if not raw or set(raw) == {"0"}:
        return None
    if re.fullmatch(r"\d{4}(?:-\d{2}){0,2}", raw):
        return raw
    match = _DOC_DATE.fullmatch(raw)
    if match is None:
        raise dates.DateError(value, "expected YYYYMMDD, YYYYMM or YYYY")
    year, month, day = match.group(1), match.group(2), match.group(3)
    if month in (None, "00"):
        if day not in (None, "00"):
            raise dates.DateError(value, "a day without its month")
        return year
    if not 1 <= int(month) <= 12:
        raise dates.DateError(value, f"there is no month {month}")
    if day in (None, "00"):
        return f"{year}-{month}"
    try:
        datetime.date(int(year), int(month), int(day))
    except ValueError:
        raise dates.DateError(value, "no such day") from None
    return f"{year}-{month}-{day}"


def _date(obj: dict[str, Any], where: _Where, label: str) -> dates.DateValue | None:
    """The document's date from ``doc_date``, refined by ``frontend_doc_date`` when they agree.

    ``doc_date`` is the archive's machine date; ``frontend_doc_date`` is what its page shows and
    may say more ("c. 1959", "December 20-22, 1957") or less ("December 1957" against a padded
    "19571201"). When both read and overlap, the page's date is kept (with its wording as the
    display); when they disagree, ``doc_date`` wins. Either alone is used as it is; a bad
    ``doc_date`` falls back to the page's date. Neither readable -> BAD_DATE; neither given -> None.
    """
    raw_doc, raw_front = obj.get("doc_date"), obj.get("frontend_doc_date")
    machine: dates.DateValue | None = None
    machine_error: str | None = None
    if raw_doc not in (None, ""):
        if isinstance(raw_doc, bool) or not isinstance(raw_doc, (str, int)):
            machine_error = f"doc_date must be a string like 19571220, not {_preview(raw_doc)}"
        else:
            try:
                edtf = doc_date_to_edtf(str(raw_doc))
                machine = dates.from_edtf(edtf) if edtf else None
            except dates.DateError as exc:
                machine_error = f"doc_date {str(raw_doc)!r} is not a date ({exc.reason})"
    page: dates.DateValue | None = None
    page_error: str | None = None
    if isinstance(raw_front, str) and raw_front.strip():
        try:
            page = dates.parse_date(raw_front)
        except dates.DateError as exc:
            page_error = f"frontend_doc_date {raw_front!r} is not a date ({exc.reason})"
    if machine is not None and page is not None:
        overlap = page.start <= machine.end and machine.start <= page.end
        return page if overlap else machine
    if machine is not None or page is not None:
        return machine or page
    problems = [p for p in (machine_error, page_error) if p]
    if problems:
        element = where.field("doc_date" if machine_error else "frontend_doc_date")
        raise _bad(Code.BAD_DATE, f"{label}: {'; '.join(problems)}", element)
    return None


def _uploaded(obj: dict[str, Any], where: _Where, label: str) -> str | None:
    """The ISO day of ``first_published_at`` ("2018-06-26 18:48:04" -> "2018-06-26")."""
    raw = obj.get("first_published_at")
    if raw in (None, ""):
        return None
    match = _ISO_DAY_PREFIX.match(raw.strip()) if isinstance(raw, str) else None
    try:
        if match is None:
            raise dates.DateError(str(raw), "expected a timestamp such as 2018-06-26 18:48:04")
        return dates.parse_iso_date(match.group(0)).isoformat()
    except dates.DateError as exc:
        raise _bad(
            Code.BAD_DATE,
            f"{label}: first_published_at {_preview(raw)} is not a date ({exc.reason})",
            where.field("first_published_at"),
        ) from exc


# --- texts: translations and transcripts ---------------------------------------------------------


@dataclass(frozen=True)
class _Text:
    """A translation or transcript asset read from the document: language and sanitised HTML."""

    language: str | None
    html: str


def _asset_html(asset: dict[str, Any]) -> str | None:
    """The sanitised HTML of an asset, or None for a stub without content or a scan (PDF)."""
    kind = f"{asset.get('content_type') or ''} {asset.get('extension') or ''}".lower()
    if "pdf" in kind:
        return None
    content = next((asset[k] for k in ("html", "raw") if isinstance(asset.get(k), str) and asset[k].strip()), None)
    if content is None:
        return None
    if "text/plain" in kind or kind.split()[-1:] == ["txt"]:
        content = "".join(f"<p>{escape(p)}</p>" for p in text.split_paragraphs(content))
    return html_clean.sanitize(content, base_url=BASE_URL) or None


def _texts(obj: dict[str, Any], key: str, where: _Where, label: str) -> list[_Text]:
    """The assets of ``translations`` or ``transcripts`` that carry text, in order."""
    found: list[_Text] = []
    for i, asset in enumerate(_items(obj, key, where, label)):
        element = where.field(f"{key}[{i}]")
        if not isinstance(asset, dict):
            raise _bad(Code.BAD_FIELD, f'{label}: "{key}" item {i} is not an object ({_preview(asset)})', element)
        html = _asset_html(asset)
        if html is None:
            continue
        language = asset.get("language")
        code = None
        if language not in (None, "", {}):
            code = _language_codes(language, f"{element}.language", label)[0]
        found.append(_Text(code, html))
    return found


def _texts_of(
    obj: dict[str, Any], original_language: list[str], where: _Where, label: str
) -> tuple[list[str], str | None, list[Transcript]]:
    """Paragraphs, their language, and the other texts as :class:`Transcript` objects.

    The first English translation gives the paragraphs. Transcripts carry no language in the
    API; they are in the original language, so they get it when the document names exactly one.
    """
    translations = _texts(obj, "translations", where, label)
    english = next((t for t in translations if t.language == "en"), None)
    default = original_language[0] if len(original_language) == 1 else None
    transcripts = [
        Transcript(t.language or default, t.html, "transcript") for t in _texts(obj, "transcripts", where, label)
    ]
    others = [Transcript(t.language, t.html, "translation") for t in translations if t is not english]
    if english is not None:
        return html_clean.to_paragraphs(english.html), "en", transcripts + others
    if original_language == ["en"]:
        # An English document has no translation: its transcript is the text itself.
        own = next((t for t in transcripts if t.language == "en"), None)
        if own is not None:
            rest = [t for t in transcripts if t is not own]
            return html_clean.to_paragraphs(own.html), None, rest + others
    return [], None, transcripts + others


# --- the document --------------------------------------------------------------------------------


def _record_id(obj: dict[str, Any], where: _Where) -> str:
    raw = obj.get("id")
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        raise _bad(Code.MISSING_FIELD, f'{where.label()} has no "id"', where.field("id"))
    if isinstance(raw, bool) or not isinstance(raw, (str, int)):
        message = f'{where.label()}: "id" must be a string or a number, not {_preview(raw)}'
        raise _bad(Code.BAD_FIELD, message, where.field("id"))
    value = str(raw).strip()
    if not _RECORD_ID.fullmatch(value):
        message = f"{where.label()}: {value[:60]!r} is not a record id (a short token such as 115958)"
        raise _bad(Code.BAD_FIELD, message, where.field("id"))
    return value


def _string(obj: dict[str, Any], key: str, where: _Where, label: str) -> str | None:
    """An optional string field; a wrong JSON type is a BAD_FIELD."""
    value = obj.get(key)
    if value is None or isinstance(value, str):
        return value if value and value.strip() else None
    raise _bad(Code.BAD_FIELD, f'{label}: "{key}" must be a string, not {_preview(value)}', where.field(key))


def _rights(obj: dict[str, Any], where: _Where, label: str) -> str | None:
    """The rights statement as text; the API gives ``{"id", "name", "rights": "<p>...</p>"}``."""
    statements: list[str] = []
    for item in _items(obj, "rights", where, label):
        if isinstance(item, dict):
            body = item.get("rights") if isinstance(item.get("rights"), str) else None
            statement = _text(body) if body and body.strip() else (_name_of(item) or "")
        else:
            statement = _text(item) if isinstance(item, str) else ""
        if statement and statement not in statements:
            statements.append(statement)
    return "\n\n".join(statements) or None


def _collections(obj: dict[str, Any], where: _Where, label: str) -> list[CollectionRef]:
    """``collections`` as :class:`CollectionRef`: id = the collection id, else its slug."""
    refs: list[CollectionRef] = []
    for i, item in enumerate(_items(obj, "collections", where, label)):
        element = where.field(f"collections[{i}]")
        if not isinstance(item, dict):
            raise _bad(Code.BAD_FIELD, f'{label}: "collections" item {i} is not an object ({_preview(item)})', element)
        raw_id = item.get("id")
        slug = item.get("slug") if isinstance(item.get("slug"), str) else None
        name = _name_of(item)
        ident = str(raw_id).strip() if isinstance(raw_id, (str, int)) and not isinstance(raw_id, bool) else ""
        ident = ident or (slug or "").strip() or (text.name_key(name) if name else "")
        if not ident:
            raise _bad(Code.BAD_FIELD, f'{label}: "collections" item {i} has no id, slug or name', element)
        parent = item.get("parent")
        parent_id = None
        if isinstance(parent, dict) and isinstance(parent.get("id"), (str, int)):
            parent_id = str(parent["id"])
        elif isinstance(parent, (str, int)) and not isinstance(parent, bool) and str(parent).strip():
            parent_id = str(parent).strip()
        if all(ref.id != ident for ref in refs):
            refs.append(CollectionRef(id=ident, name=name or slug or ident, parent=parent_id))
    return refs


def document_to_record(obj: dict[str, Any], path: str = "") -> RecordData:
    """A document object of the API as a record. Raises :class:`ParseError` for a bad document.

    ``path`` is where the object sits in its file (``"list[3]"``, ``"[3]"``; ``""`` for the
    file's only object); errors name it with the field, as in ``list[3].title``.
    """
    where = _Where(path)
    doc_id = _record_id(obj, where)
    label = where.label(doc_id)
    raw_title = _string(obj, "title", where, label)
    title = _plain(raw_title) if raw_title else ""
    if not title:
        raise _bad(Code.MISSING_FIELD, f'{label} has no "title"', where.field("title"))

    when = _date(obj, where, label)
    original_language: list[str] = []
    for i, language in enumerate(_items(obj, "languages", where, label)):
        for code in _language_codes(language, where.field(f"languages[{i}]"), label):
            if code not in original_language:
                original_language.append(code)
    paragraphs, translation_language, transcripts = _texts_of(obj, original_language, where, label)

    raw_source = _string(obj, "source", where, label)
    source = _plain(raw_source) if raw_source else None
    citation = citations.parse_source(source) if source else None
    repository_names = _names(obj, "repositories", where, label)
    repository: Repository | None = citation.repository if citation else None
    if repository is None and repository_names:
        known = archives.by_name(repository_names[0])
        repository = known.repository if known else Repository(code=None, name=repository_names[0])

    description = _string(obj, "description", where, label)
    type_names = _names(obj, "type", where, label)
    classifications = _names(obj, "classifications", where, label)
    return RecordData(
        id=doc_id,
        title=title,
        date=when.edtf if when else None,
        date_start=when.start.isoformat() if when else None,
        date_end=when.end.isoformat() if when else None,
        date_display=when.display if when else None,
        type="; ".join(type_names) or None,
        summary=(_text(description) or None) if description else None,
        paragraphs=paragraphs,
        original_language=original_language,
        translation_language=translation_language,
        source=source,
        repository=repository,
        reference=dict(citation.reference) if citation else {},
        translator=citation.translator if citation else None,
        translated_for=citation.translated_for if citation else None,
        rights=_rights(obj, where, label),
        uploaded=_uploaded(obj, where, label),
        classification="; ".join(classifications) or None,
        original_archive="; ".join(repository_names) or None,
        donors=_names(obj, "donors", where, label),
        collections=_collections(obj, where, label),
        authors=_refs(obj, ("creators", "contributors"), where, label),
        places=_refs(obj, ("original_coverages",), where, label),
        subjects=_refs(obj, ("subjects",), where, label),
        transcripts=transcripts,
    )


def _not_a_document(obj: dict[str, Any], kind: str) -> str:
    """The message for a collection or asset met where documents are expected."""
    ident = obj.get("id")
    if kind == "collection":
        name = _name_of(obj) or (obj.get("slug") if isinstance(obj.get("slug"), str) else None) or "no name"
        return (
            f"a collection description, not a document (collection {ident}: {name}); "
            "collections are recorded from the documents that list them"
        )
    url = f"{obj.get('url') or obj.get('path') or ''} {obj.get('filename') or ''}".lower()
    if "path" in obj or "pdf" in f"{obj.get('content_type') or ''} {obj.get('extension') or ''}".lower():
        what = "a media file (scan)"
    elif "language" in obj or "translation" in url:
        what = "a translation asset"
    elif "transcript" in url:
        what = "a transcript asset"
    else:
        what = "an asset"
    return f"{what} (id {ident}) without its document; import the document JSON that lists it"


# --- the parser ----------------------------------------------------------------------------------


class WcdaApiParser:
    """Reads WCDA API JSON: one document, an array of objects, or a search response ``{"list": [...]}``."""

    name = "wcda-api"
    description = "Wilson Center Digital Archive API JSON (a document, a list, or a search response)"

    def score(self, path: Path, head: str) -> float:
        """0.97 for a JSON head with a document's keys (``doc_date`` with ``title``, ``uri`` or
        ``frontend_doc_date``), 0.9 for an asset's (``filename``, ``content_type``, ``raw``) or a
        collection's (``name``, ``short_description``, ``slug``), 0 otherwise.

        A document scores above the JSONL parser's 0.95, which a one-line document (it has "id"
        and "title") would otherwise win.
        """
        start = head.lstrip("\ufeff \t\r\n")
        if not start.startswith(("{", "[")):
            return 0.0
        kinds = _head_kinds(start)
        if "document" in kinds:
            return _DOCUMENT_SCORE
        return _OTHER_SCORE if kinds else 0.0

    def parse(self, source: Source) -> Iterator[Item]:
        """One Item per object in the file (see the module docstring); never raises for bad content."""
        name = source.name
        try:
            raw = source.text
        except (UnicodeDecodeError, OSError) as exc:
            yield unreadable(name, exc)
            return
        try:
            data = json.loads(raw.removeprefix("\ufeff"))
        except json.JSONDecodeError as exc:
            message = f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
            yield Item(location=name, error=IngestError(Code.BAD_JSON, message, name, exc.lineno))
            return
        except RecursionError:
            yield Item(location=name, error=IngestError(Code.BAD_JSON, "the JSON is nested too deeply to read", name))
            return

        if isinstance(data, dict) and isinstance(data.get("list"), list):
            entries = [(i, obj, _Where(f"list[{i}]")) for i, obj in enumerate(data["list"])]
        elif isinstance(data, list):
            entries = [(i, obj, _Where(f"[{i}]")) for i, obj in enumerate(data)]
        elif isinstance(data, dict):
            entries = [(None, data, _Where())]
        else:
            message = (
                f"expected a WCDA API object, an array of them or a search response "
                f'{{"list": [...]}}, not a JSON {_json_type(data)}'
            )
            yield Item(location=name, error=IngestError(Code.BAD_JSON, message, name))
            return
        for index, obj, where in entries:
            yield self._item(name, index, obj, where)

    def _item(self, name: str, index: int | None, obj: Any, where: _Where) -> Item:
        location = name if index is None else f"{name}#{index}"
        if not isinstance(obj, dict):
            message = f"item {index} is a JSON {_json_type(obj)}, not an object ({_preview(obj)})"
            return Item(location, error=IngestError(Code.BAD_FIELD, message, name, element=where.path))
        kind = kind_of(obj)
        if kind != "document":
            message = _not_a_document(obj, kind)
            return Item(location, error=IngestError(SKIPPED, message, name, element=where.path or None))
        try:
            return Item(location, record=document_to_record(obj, where.path))
        except ParseError as exc:
            return Item(location, error=exc.to_error(name))
        except Exception as exc:  # noqa: BLE001 - the contract: one bad document never stops the rest
            message = f"could not read the document ({type(exc).__name__}: {exc})"
            return Item(location, error=IngestError(Code.BAD_FIELD, message, name, element=where.path or None))


parser = WcdaApiParser()
