"""Parser for Foreign Relations of the United States (FRUS) volumes in TEI P5 XML.

A volume (``<TEI xml:id="frus1918Russiav03">``) yields one record per ``div[@type="document"]``,
with the id ``<volume>/<xml:id>`` and the collections "frus" and the volume (titleStmt's title):

* Title: ``head``, without its footnotes (kept as notes with no paragraph), margin references
  (``seg[@type="margin"]``) or a leading number equal to ``@n`` ("11. ", "No. 11."); an empty head
  is "[Untitled]", the volumes' own word. Its ``persName``/``gloss`` ``@type="from"|"to"`` give
  sender and recipient.
* Date: ``@frus:doc-dateTime-min/max`` (newer markup; an interval only when more than a day apart)
  or the document's own dateline ``date/@when`` (``@from``/``@to``, ``@notBefore``/``@notAfter``),
  as EDTF; none is no error. Place: that dateline's ``placeName``.
* Source: the document's ``note[@type="source"]`` children, joined; they also give the
  classification (:data:`CLASSIFICATIONS`), the State Department file number (``reference["file"]``)
  and, with the title, the type (:data:`TYPE_RULES`). "Translation" there means the text is an
  English translation: original language unknown, translation language "en".
* Text: every block in reading order (dateline, ``p``, list ``item`` with its ``label``, table
  ``row`` with cells joined by " | ", ``closer``, and what enclosures print), whitespace-normalised.
  Footnotes (notes with ``@n``, ``@xml:id`` or ``@place``) stay out of it as :class:`Note` anchored
  where the marker stood; ``pb`` become :class:`PageBreak`, the first one being the page the
  document starts on (the last ``pb`` before it) unless the document opens with its own ``pb``.
* People: ``persName/@corresp`` into the volume's ``div[@xml:id="persons"]`` gives
  ``Ref("frus-<volume>-<xml:id>", list name, list description)``; a pointer into another volume
  (``frus1917Supp02v01#p_LR1``) keeps that volume's id and the name as the document writes it.

Enclosures printed as ``frus:attachment/div[@type="document"]`` without ``xml:id`` (older markup)
stay in their parent's text and are also records of their own, ``<nearest ancestor id>-enc<k>``.
Any other document without ``xml:id``, a duplicate id or a date attribute that is not a date gives
an error item naming the volume and the element; the other documents go on.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from fonds.core import dates
from fonds.core.record import CollectionRef, Note, PageBreak, RecordData, Ref
from fonds.ingest.base import Code, IngestError, Item, ParseError, Source, unreadable
from fonds.ingest.tei_safe import parse_xml

__all__ = [
    "CLASSIFICATIONS", "FRUS_SERIES", "TYPE_RULES", "FrusTeiParser", "Volume", "classification_of",
    "document_record", "document_type", "file_number", "iter_volume", "parser", "read_volume", "text_of",
]  # fmt: skip

TEI_NS = "http://www.tei-c.org/ns/1.0"
FRUS_NS = "http://history.state.gov/frus/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DATETIME_MIN = f"{{{FRUS_NS}}}doc-dateTime-min"
DATETIME_MAX = f"{{{FRUS_NS}}}doc-dateTime-max"
_T = f"{{{TEI_NS}}}"
TEI, DIV, HEAD, NOTE, PB, LB, P = (_T + t for t in ("TEI", "div", "head", "note", "pb", "lb", "p"))
ITEM, LABEL, ROW, CELL, SEG = (_T + t for t in ("item", "label", "row", "cell", "seg"))
PERSNAME, GLOSS, PLACENAME, DATE = (_T + t for t in ("persName", "gloss", "placeName", "date"))
DATELINE, OPENER, CLOSER, SIGNED = (_T + t for t in ("dateline", "opener", "closer", "signed"))
POSTSCRIPT = _T + "postscript"
ATTACHMENT = f"{{{FRUS_NS}}}attachment"

FRUS_SERIES = CollectionRef(id="frus", name="Foreign Relations of the United States", parent=None)
UNTITLED = "[Untitled]"

# Elements that make a paragraph of their own. Everything else (hi, persName, quote, list, table,
# postscript, frus:attachment, nested divs) is transparent: its text flows into the paragraph
# being built and its block descendants start new ones, so an inline quote stays in its sentence
# while a quote of whole paragraphs becomes those paragraphs.
_BLOCKS = ("p", "head", "item", "dateline", "closer", "ab", "l", "trailer", "byline")
BLOCK_TAGS = frozenset(_T + t for t in _BLOCKS)
_INLINE, _BLOCK, _NOTE, _PB, _LB, _LABEL, _ROW = range(7)
_KIND = {tag: _BLOCK for tag in BLOCK_TAGS} | {NOTE: _NOTE, PB: _PB, LB: _LB, LABEL: _LABEL, ROW: _ROW}
CELL_SEPARATOR = " | "
_SPACED = BLOCK_TAGS | {ROW, CELL, LABEL}  # parts that a space keeps apart in a one-line text

# A document's type, first rule first: a pattern must open the title or a phrase of the document's
# own source or printed notes ("[Telegram.—Paraphrase.]" has the phrases "Telegram" and
# "Paraphrase"), so "in regard to telegram" in a title is no telegram. Counts: the 25 volumes in
# ../shared/corpora/frus (6,152 documents match none and are "Document").
_LEAD = r"(?:(?:copy|extracts?|translation|paraphrase) (?:of|from) (?:an? |the )?)?"
TYPE_RULES: tuple[tuple[str, str], ...] = (
    ("Memorandum of Conversation", r"memorandum\b.*\bconversation\b"),  # 15
    ("Telegram", r"(?:circular |cable )?(?:telegra(?:m|ph|phic)|cablegram|cable)\b"),  # 3,946
    ("Circular", r"circular\b"),  # 27
    ("Aide-Mémoire", r"aide[- ]m[ée]moire\b"),  # 11
    ("Memorandum", r"memorand(?:um|a)\b"),  # 256
    ("Minutes", r"minutes\b"),  # 183 (Paris Peace Conference)
    ("Note", r"note(?: verbale)?\b"),  # 12
    ("Despatch", r"de?spatch\b|dispatch\b"),  # 1
    ("Instruction", r"instruction\b"),  # 0
    ("Letter", r"(?:private |personal )?letter\b"),  # 9
    ("Report", r"report\b"),  # 16
    ("Proclamation", r"proclamation\b"),  # 9
    ("Press Release", r"press release\b"),  # 7
    ("Treaty", r"(?:treaty|convention|agreement|protocol)\b"),  # 46
)
_TYPE_RES = tuple((name, re.compile(_LEAD + pattern, re.I)) for name, pattern in TYPE_RULES)
DEFAULT_TYPE = "Document"
_PHRASE_SPLIT = re.compile(r"[\[\]():;—–]+|\.\s+")

# Security markings as the source notes print them, longest first ("Urgent" is a precedence, not
# a classification; a bare "Private" or "Personal" is a handling note and not read either).
CLASSIFICATIONS = (
    "Top Secret", "Strictly Secret", "Most Secret", "Personal and Secret", "Secret and Personal",
    "Strictly Confidential", "Private and Confidential", "Personal and Confidential",
    "Confidential", "Secret", "Restricted",
)  # fmt: skip
_CLASSIFICATION_RE = re.compile(r"\b(%s)\b" % "|".join(c.replace(" ", r"\s+") for c in CLASSIFICATIONS), re.I)
# State Department file numbers: "File No. 861.00/1234", or a source note that opens with a
# decimal file ("711.90H/54: Telegram", "Paris Peace Conf. 185.1/12") -- everything before ": ".
_FILE_NO_RE = re.compile(r"\bFile No\.?\s*([^:;\[\]]+?)\.?\s*(?:[:;\[\]]|$)")
_DECIMAL_FILE_RE = re.compile(r"(?:Paris Peace Conf\.\s*\d|\d{3}[A-Za-z]?\.[^:\[\]]*/)[^:\[\]]*")
_TRANSLATION_RE = re.compile(r"\btranslation\b", re.I)
_TITLE_NUMBER_RE = re.compile(r"\[?(?:No\.?\s*)?(\d+)\]?\s*[.:]?\s*[—–-]?\s*")
_DAY_RE = re.compile(r"(\d{4}(?:-\d\d(?:-\d\d)?)?)(?:T[\d:.]+(?:Z|[+-]\d\d:\d\d)?)?")
_NO_YEAR_RE = re.compile(r"--\d\d(?:-\d\d)?|---\d\d")
_EDGE_PUNCT = " ,.;:[]()"


def _gather(el: etree._Element, out: list[str], drop_margin: bool = False) -> None:
    """Append the text of ``el``'s content to ``out``: notes left out, lb and blocks as spaces."""
    if el.text:
        out.append(el.text)
    for child in el:
        tag = child.tag
        if tag == LB:
            out.append(" ")
        elif tag != NOTE and not (drop_margin and tag == SEG and child.get("type") == "margin"):
            block = tag in _SPACED
            if block:
                out.append(" ")
            _gather(child, out, drop_margin)
            if block:
                out.append(" ")
        if child.tail:
            out.append(child.tail)


def text_of(el: etree._Element, drop_margin: bool = False) -> str:
    """The whitespace-normalised text of an element, without the notes inside it."""
    out: list[str] = []
    _gather(el, out, drop_margin)
    return " ".join("".join(out).split())


def _is_footnote(note: etree._Element) -> bool:
    # Footnotes carry a marker (@n) or an id; notes without either are printed in the text flow
    # ("[Enclosure No. 3.]", "By the President:", centred "[Cable telegram.]").
    return note.get("n") is not None or note.get(XML_ID) is not None or note.get("place") is not None


class _Text:
    """Builds a document's paragraphs, and anchors its footnotes and page breaks, in one walk."""

    def __init__(self) -> None:
        self.paragraphs: list[str] = []
        self.notes: list[list] = []  # [n, text, paragraph, offset]
        self.page_breaks: list[list] = []  # [n, paragraph, offset]
        self._parts: list[str] = []
        self._length = 0
        self._ends_space = False
        self._glue = False  # a list label waits for its item's text
        self._pending_notes: list[list] = []
        self._pending_pages: list[str] = []
        self._inherited = False  # _pending_pages holds only the page the document starts on

    def start_on(self, page: str) -> None:
        """The document begins on ``page`` (the last pb before it), unless it opens with a pb."""
        self._pending_pages, self._inherited = [page], True

    def add(self, raw: str) -> None:
        """Append text, collapsing whitespace runs (across calls too); no space opens a paragraph."""
        words = raw.split()  # str.split() is several times faster than a regex here
        if not words:
            if self._length and not self._ends_space:
                self._parts.append(" ")
                self._length += 1
                self._ends_space = True
            return
        s = " ".join(words)
        if not self._length:
            index = len(self.paragraphs)
            for note in self._pending_notes:
                note[2], note[3] = index, 0
            self.page_breaks.extend([n, index, 0] for n in self._pending_pages)
            self._pending_notes, self._pending_pages, self._inherited = [], [], False
        elif not self._ends_space and raw[0].isspace():
            s = " " + s
        self._ends_space = raw[-1].isspace()
        if self._ends_space:
            s += " "
        self._parts.append(s)
        self._length += len(s)
        self._glue = False

    def flush(self) -> None:
        if self._length:
            self.paragraphs.append("".join(self._parts).rstrip(" "))
            self._parts, self._length, self._ends_space = [], 0, False

    def page(self, el: etree._Element) -> None:
        n = el.get("n")
        if n:
            if self._length:
                self.page_breaks.append([n, len(self.paragraphs), self._length])
            else:
                if self._inherited:  # the document's own pb before any text replaces it
                    self._pending_pages, self._inherited = [], False
                self._pending_pages.append(n)

    def footnote(self, el: etree._Element, detached: bool = False) -> None:
        note = [el.get("n") or str(len(self.notes) + 1), text_of(el), None, None]
        self.notes.append(note)
        if detached:
            return
        if self._length:
            note[2], note[3] = len(self.paragraphs), self._length
        elif self.paragraphs:  # the marker follows a finished paragraph: anchor at its end
            note[2], note[3] = len(self.paragraphs) - 1, len(self.paragraphs[-1])
        else:
            self._pending_notes.append(note)

    def detached(self, el: etree._Element) -> None:
        """Keep the footnotes of a head or source note (no paragraph) and its page breaks."""
        for child in el.iter(NOTE, PB):
            if child.tag == PB:
                self.page(child)
            elif child is not el and _is_footnote(child):
                self.footnote(child, detached=True)

    def node(self, el: etree._Element) -> None:
        kind = _KIND.get(el.tag, _INLINE)
        if kind == _INLINE:
            if el.text:
                self.add(el.text)
            for child in el:
                self.node(child)
        elif kind == _LB:
            self.add(" ")
        elif kind == _PB:
            self.page(el)
        elif kind == _NOTE and _is_footnote(el):
            self.footnote(el)
        else:  # a block: a paragraph of its own (a label stays open for its item's first text)
            if not self._glue:
                self.flush()
            if el.text:
                self.add(el.text)
            cells = 0
            for child in el:
                if kind == _ROW and child.tag == CELL:
                    if cells and self._length:  # a row of empty cells stays empty
                        self.add(CELL_SEPARATOR)
                    cells += 1
                self.node(child)
            if kind == _LABEL:
                self.add(" ")
                self._glue = True
            else:
                self.flush()
        if el.tail:
            self.add(el.tail)

    def finish(self) -> tuple[list[str], list[Note], list[PageBreak]]:
        self.flush()
        lengths = [len(p) for p in self.paragraphs]
        notes = [
            Note(n, text, para, None if para is None else min(offset, lengths[para]))
            for n, text, para, offset in self.notes
        ]
        pages = [PageBreak(n, para, min(offset, lengths[para])) for n, para, offset in self.page_breaks]
        return self.paragraphs, notes, pages


@dataclass
class Volume:
    """What every document of a volume shares: its id, title and persons list."""

    id: str
    title: str
    language: str = "en"  # TEI/@xml:lang; FRUS prints English
    persons: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # xml:id -> name, description

    @property
    def collections(self) -> list[CollectionRef]:
        return [FRUS_SERIES, CollectionRef(id=self.id, name=self.title, parent=FRUS_SERIES.id)]


def read_volume(root: etree._Element, fallback_id: str) -> Volume:
    """The volume's id (``TEI/@xml:id``, else ``fallback_id``), title and persons list."""
    volume_id = root.get(XML_ID) or fallback_id
    title = None
    stmt = root.find(f"{_T}teiHeader/{_T}fileDesc/{_T}titleStmt")
    if stmt is not None:
        titles = [(t.get("type"), text_of(t)) for t in stmt.iterchildren(_T + "title")]
        complete = [text for kind, text in titles if kind == "complete" and text]
        title = complete[0] if complete else ", ".join(text for _, text in titles if text) or None
    volume = Volume(volume_id, title or volume_id, root.get(XML_LANG) or "en")
    for div in root.iter(DIV):
        if div.get(XML_ID) == "persons":
            for item in div.iter(ITEM):
                person = item.find(PERSNAME)
                if person is None or person.get(XML_ID) is None:
                    continue
                rest = [person.tail or ""]
                for sibling in person.itersiblings():
                    if sibling.tag != NOTE:
                        _gather(sibling, rest)
                    rest.append(sibling.tail or "")
                description = " ".join("".join(rest).split()).lstrip(",;: ").rstrip(".").strip()
                volume.persons[person.get(XML_ID)] = (text_of(person), description or None)
            break
    return volume


def _day(value: str, where: str, el: etree._Element) -> str | None:
    """The ISO day, month or year of a TEI date attribute; None for one without a year."""
    if _NO_YEAR_RE.fullmatch(value.strip()):
        return None  # W3C gMonthDay/gMonth/gDay ("--11-14"): the source printed no year
    match = _DAY_RE.fullmatch(value.strip())
    if match is None:
        message = f"{where}={value!r} is not an ISO date"
        raise ParseError(Code.BAD_DATE, message, line=el.sourceline, element=f"dateline/{where}")
    return match.group(1)


def _interval(start: str, end: str) -> str:
    return start if start == end else f"{start}/{end}"


def _min_max_edtf(doc: etree._Element) -> str:
    """EDTF for ``@frus:doc-dateTime-min/max``: the day of min, or an interval if >1 day apart."""
    low = doc.get(DATETIME_MIN) or doc.get(DATETIME_MAX)
    high = doc.get(DATETIME_MAX) or low
    try:
        start, end = datetime.datetime.fromisoformat(low), datetime.datetime.fromisoformat(high)
        if (start.tzinfo is None) != (end.tzinfo is None):
            start, end = start.replace(tzinfo=None), end.replace(tzinfo=None)
        span = end - start
    except (ValueError, TypeError) as exc:
        raise ParseError(
            Code.BAD_DATE,
            f"frus:doc-dateTime-min/max {low!r}/{high!r} are not ISO date-times ({exc})",
            line=doc.sourceline,
            element="@frus:doc-dateTime-min",
        ) from None
    if span < datetime.timedelta(0):
        message = f"frus:doc-dateTime-max {high!r} is before min {low!r}"
        raise ParseError(Code.BAD_DATE, message, line=doc.sourceline, element="@frus:doc-dateTime-max")
    if span > datetime.timedelta(days=1):
        return _interval(start.date().isoformat(), end.date().isoformat())
    return start.date().isoformat()


def _dateline_edtf(date: etree._Element) -> str | None:
    """EDTF for a dateline's ``date``: @when, @from/@to, @notBefore/@notAfter, else its text."""
    when = date.get("when")
    if when:
        return _day(when, "date/@when", date)
    low = date.get("from") or date.get("notBefore")
    high = date.get("to") or date.get("notAfter")
    if low and high:
        start, end = _day(low, "date/@from", date), _day(high, "date/@to", date)
        return _interval(start, end) if start and end else None
    if low or high:
        return None  # "on or after": EDTF open intervals have no bounds to search by
    try:
        return dates.parse_date(text_of(date)).edtf
    except dates.DateError:
        return None  # "undated", "[Received May 13]": the text stays in the paragraphs


def _phrases(texts: list[str]) -> list[str]:
    return [p.strip(" .,*") for text in texts for p in _PHRASE_SPLIT.split(text) if p.strip(" .,*")]


def document_type(title: str, notes: list[str]) -> str:
    """The document's type by :data:`TYPE_RULES` over its title and its own notes' phrases."""
    phrases = [title.lstrip("[ *")] + _phrases(notes)
    for name, pattern in _TYPE_RES:
        if any(pattern.match(phrase) for phrase in phrases):
            return name
    return DEFAULT_TYPE


def classification_of(source: str) -> str | None:
    """The security marking a source note prints ("[Strictly confidential.]"), as written."""
    match = _CLASSIFICATION_RE.search(source)
    if match is None:
        return None
    found = " ".join(match.group(1).split())
    return found[0].upper() + found[1:]


def file_number(source_notes: list[str]) -> str | None:
    """The State Department file number a source note gives, if any."""
    for note in source_notes:
        match = _FILE_NO_RE.search(note)
        if match:
            return match.group(1).strip()
        match = _DECIMAL_FILE_RE.match(note)
        if match:
            return match.group(0).strip().rstrip(".")
    return None


def _title(head: etree._Element | None, n: str | None) -> str:
    if head is None:
        return ""
    title = text_of(head, drop_margin=True).lstrip("* ")
    match = _TITLE_NUMBER_RE.match(title)
    if match and n is not None and match.group(1) == n and match.end() < len(title):
        title = title[match.end() :]
    return title


def _people(doc: etree._Element, volume: Volume) -> list[Ref]:
    refs: dict[str, Ref] = {}
    for person in doc.iter(PERSNAME):
        corresp = person.get("corresp")
        if not corresp:
            continue
        for target in corresp.split():
            other, _, xml_id = target.partition("#")
            vol = other.removesuffix(".xml") or volume.id
            ref_id = f"frus-{vol}-{xml_id}"
            if not xml_id or ref_id in refs:
                continue
            listed = volume.persons.get(xml_id) if vol == volume.id else None
            name, description = listed if listed else (text_of(person), None)
            if name:
                refs[ref_id] = Ref(id=ref_id, name=name, description=description)
    return list(refs.values())


def _joined(elements: list[etree._Element]) -> str | None:
    texts = [text_of(el).strip(" ,;:") for el in elements]
    return "; ".join(t for t in texts if t) or None


@dataclass
class _Parts:
    """A document's own parts, found among its children while its text is built."""

    head: etree._Element | None = None
    source_notes: list[str] = field(default_factory=list)  # note[@type="source"] children
    inline_notes: list[str] = field(default_factory=list)  # printed notes and centred headings
    datelines: list[etree._Element] = field(default_factory=list)
    closers: list[etree._Element] = field(default_factory=list)


def _read_children(doc: etree._Element, text: _Text) -> _Parts:
    """Walk the document's children once: metadata into :class:`_Parts`, the rest into ``text``.

    Only the document's own parts count (a dateline inside an enclosure does not date it).
    """
    parts = _Parts()
    in_body = False  # past the first paragraph that is not a centred heading
    for child in doc:
        tag = child.tag
        if tag == HEAD and parts.head is None:
            parts.head = child
            text.detached(child)
            continue
        if tag == NOTE and child.get("type") == "source":
            parts.source_notes.append(text_of(child))
            text.detached(child)
            continue
        if tag == NOTE and not _is_footnote(child):
            parts.inline_notes.append(text_of(child))  # "[Cable telegram.]"
        elif tag == P:
            if not in_body and child.get("rend") == "center":
                parts.inline_notes.append(text_of(child))  # a centred "CIRCULAR." above the text
            else:
                in_body = True
        elif tag == DATELINE:
            parts.datelines.append(child)
        elif tag in (OPENER, CLOSER):
            parts.datelines.extend(child.iter(DATELINE))
            if tag == CLOSER:
                parts.closers.append(child)
        elif tag == POSTSCRIPT:
            parts.closers.extend(child.iter(CLOSER))
        text.node(child)
    return parts


def _date(doc: etree._Element, datelines: list[etree._Element]) -> dates.DateValue | None:
    where: etree._Element = doc
    if doc.get(DATETIME_MIN) or doc.get(DATETIME_MAX):
        edtf, element = _min_max_edtf(doc), "@frus:doc-dateTime-min"
    else:
        date = next((d for line in datelines for d in line.iter(DATE)), None)
        if date is None:
            return None
        edtf, element, where = _dateline_edtf(date), "dateline/date", date
    if edtf is None:
        return None
    try:
        return dates.from_edtf(edtf)
    except dates.DateError as exc:
        message = f"the date {edtf!r}: {exc.reason}"
        raise ParseError(Code.BAD_DATE, message, line=where.sourceline, element=element) from None


def document_record(doc: etree._Element, record_id: str, volume: Volume, start_page: str | None = None) -> RecordData:
    """Build the record of one ``div[@type="document"]``. Raises :class:`ParseError`."""
    text = _Text()
    if start_page:
        text.start_on(start_page)
    parts = _read_children(doc, text)
    paragraphs, notes, page_breaks = text.finish()
    title = _title(parts.head, doc.get("n")) or UNTITLED
    when = _date(doc, parts.datelines)
    places = (text_of(p).strip(_EDGE_PUNCT) for line in parts.datelines for p in line.iter(PLACENAME))
    place = next(places, None)
    correspondents = [] if parts.head is None else list(parts.head.iter(PERSNAME, GLOSS))
    signed: list[etree._Element] = []
    for closer in parts.closers:
        signed = list(closer.iter(SIGNED))
        if signed:
            break
    source = " ".join(parts.source_notes) or None
    file_no = file_number(parts.source_notes)
    translated = any(_TRANSLATION_RE.search(n) for n in parts.source_notes + parts.inline_notes)
    language = (doc.get(XML_LANG) or volume.language).split("-")[0]
    return RecordData(
        id=record_id,
        title=title,
        date=when.edtf if when else None,
        date_start=when.start.isoformat() if when else None,
        date_end=when.end.isoformat() if when else None,
        date_display=when.display if when else None,
        type=document_type(title, parts.source_notes + parts.inline_notes),
        paragraphs=paragraphs,
        # A "[Translation]" prints an English translation of an original in a language not named.
        original_language=[] if translated else [language],
        translation_language="en" if translated else None,
        source=source,
        reference={"file": file_no} if file_no else {},
        classification=classification_of(source) if source else None,
        place=place or None,
        sender=_joined([e for e in correspondents if e.get("type") == "from"]),
        recipient=_joined([e for e in correspondents if e.get("type") == "to"]),
        signer=_joined(signed),
        collections=volume.collections,
        people=_people(doc, volume),
        notes=notes,
        page_breaks=page_breaks,
    )


def _record_id(
    doc: etree._Element, position: int, volume: Volume, enclosures: dict[str, int]
) -> tuple[str, str | None]:
    """The document's xml:id, or for an id-less enclosure a derived id and a devised title."""
    xml_id = doc.get(XML_ID)
    if xml_id:
        return xml_id, None
    parent = doc.getparent()
    anchor = None
    if parent is not None and parent.tag == ATTACHMENT:
        anchor = next((a for a in doc.iterancestors() if a.get(XML_ID)), None)
    if anchor is None:
        why = "has no xml:id (and is no enclosure of a document that has one), so it has no stable record id"
        raise ParseError(Code.MISSING_FIELD, f"{volume.id}: document #{position} {why}", element="@xml:id")
    anchor_id = anchor.get(XML_ID)
    k = enclosures[anchor_id] = enclosures.get(anchor_id, 0) + 1
    anchor_title = _title(anchor.find(HEAD), anchor.get("n")) or anchor_id
    return f"{anchor_id}-enc{k}", f"[Enclosure {k} to: {anchor_title}]"


def iter_volume(root: etree._Element, volume: Volume, file: str) -> Iterator[Item]:
    """One Item per ``div[@type="document"]`` of a parsed volume, in document order."""
    documents: list[tuple[etree._Element, str | None]] = []
    page: str | None = None
    for el in root.iter(PB, DIV):  # one pass: each document with the page it starts on
        if el.tag == PB:
            page = el.get("n") or page
        elif el.get("type") == "document":
            documents.append((el, page))
    seen: set[str] = set()
    enclosures: dict[str, int] = {}
    for position, (doc, start_page) in enumerate(documents, 1):
        xml_id = doc.get(XML_ID)
        try:
            xml_id, devised_title = _record_id(doc, position, volume, enclosures)
            if xml_id in seen:
                message = f"{volume.id}: document #{position} repeats the xml:id {xml_id!r}"
                raise ParseError(Code.DUPLICATE_ID, message, element="@xml:id")
            seen.add(xml_id)
            record = document_record(doc, f"{volume.id}/{xml_id}", volume, start_page)
            if devised_title and record.title == UNTITLED:
                record.title = devised_title
        except Exception as exc:  # noqa: BLE001 - one bad document never stops the volume
            yield _error_item(exc, doc, position, volume, file)
            continue
        yield Item(location=f"{file}#{xml_id}", record=record)


def _error_item(exc: Exception, doc: etree._Element, position: int, volume: Volume, file: str) -> Item:
    """An error Item naming the volume, the document (by id, or by position) and the reason."""
    xml_id = doc.get(XML_ID)
    unique = xml_id and not (isinstance(exc, ParseError) and exc.code == Code.DUPLICATE_ID)
    element = f"div[@xml:id='{xml_id}']" if unique else f"(//div[@type='document'])[{position}]"
    if isinstance(exc, ParseError):
        code, message, line = exc.code, exc.message, exc.line or doc.sourceline
        element += f"/{exc.element}" if exc.element else ""
        if not message.startswith(volume.id):
            message = f"{volume.id}: document {xml_id or f'#{position}'}: {message}"
    else:  # not bad content we know how to name: report the exception itself
        code, line = Code.UNREADABLE, doc.sourceline
        message = f"{volume.id}: document {xml_id or f'#{position}'} could not be read ({type(exc).__name__}: {exc})"
    return Item(location=f"{file}:{line}", error=IngestError(code, message, file, line, element))


def _not_tei(root: etree._Element) -> str:
    qname = etree.QName(root)
    if qname.localname == "TEI":
        return f'the root <TEI> is not in the TEI P5 namespace (xmlns="{TEI_NS}")'
    return f"the root element is <{qname.localname}>, not TEI P5's <TEI>"


class FrusTeiParser:
    """Reads a FRUS volume in TEI P5 XML: one record per ``div[@type="document"]``."""

    name = "frus-tei"
    description = "Foreign Relations of the United States volume, TEI P5 XML (one record per document)"

    def score(self, path: Path, head: str) -> float:
        """0.95 for TEI in the FRUS namespace, 0.8 for TEI with document divs, 0.1 for other TEI."""
        if "<TEI" not in head:
            return 0.0
        if FRUS_NS in head:
            return 0.95
        if 'type="document"' in head or "type='document'" in head:
            return 0.8
        return 0.1 if TEI_NS in head else 0.0

    def parse(self, source: Source) -> Iterator[Item]:
        """Yield an Item per document; a file that is not safe, well-formed TEI gives one error Item."""
        name = source.name
        try:
            root = parse_xml(source.text).getroot()
            if root.tag != TEI:
                raise ParseError(Code.BAD_FIELD, _not_tei(root), line=root.sourceline, element="TEI")
        except ParseError as exc:
            yield Item(location=name, error=exc.to_error(name))
            return
        except (UnicodeDecodeError, OSError) as exc:
            yield unreadable(name, exc)
            return
        volume = read_volume(root, Path(name).stem)
        found = False
        for item in iter_volume(root, volume, name):
            found = True
            yield item
        if not found:
            message = f"{volume.id}: the TEI file has no div[@type='document'] (not a FRUS volume?)"
            error = IngestError(Code.MISSING_FIELD, message, name, element="div[@type='document']")
            yield Item(location=name, error=error)


parser = FrusTeiParser()
