"""HTML from archives made safe to store and show, and turned into paragraphs of text.

Archives publish transcripts and translations as HTML exported from word processors: ``<style>``
blocks, ``class="cs366E2583"`` on every span, Word's ``<o:p>``, whole ``<html><body>`` wrappers.
:func:`sanitize` keeps the structure a reader needs (paragraphs, line breaks, emphasis, lists,
tables, headings, quotations, links) and drops everything else; the text of dropped tags is kept,
except inside ``<style>``, ``<script>`` and the like, whose content is never text.
:func:`to_paragraphs` reads sanitised HTML as the text of each block, for ``RecordData.paragraphs``.

The allow-lists are explicit (never nh3's defaults) so that an nh3 upgrade cannot widen what we
store. Sanitising is done by nh3 (the Rust ammonia sanitizer): its output is well-formed, so the
paragraph reader can use the standard library's tolerant :class:`html.parser.HTMLParser`.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import nh3

from fonds.core.names import normalize_space

__all__ = ["ALLOWED_ATTRIBUTES", "ALLOWED_TAGS", "DROPPED_WITH_CONTENT", "sanitize", "to_paragraphs", "to_text"]

# Tags kept in stored HTML. Anything else is unwrapped: the tag goes, its text stays.
ALLOWED_TAGS: frozenset[str] = frozenset(
    {
        "p", "br", "hr", "div", "pre", "blockquote",
        "h1", "h2", "h3", "h4", "h5", "h6",
        "em", "strong", "i", "b", "u", "s", "sup", "sub", "small", "code",
        "ul", "ol", "li", "dl", "dt", "dd",
        "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
        "a",
    }
)  # fmt: skip

# Attributes kept, per tag ("*" = every allowed tag). No class, style or id: archive exports use
# them only for presentation. ``dir`` and ``lang`` stay: right-to-left transcripts need them.
ALLOWED_ATTRIBUTES: dict[str, frozenset[str]] = {
    "*": frozenset({"dir", "lang"}),
    "a": frozenset({"href", "title"}),
    "ol": frozenset({"start"}),
    "td": frozenset({"colspan", "rowspan"}),
    "th": frozenset({"colspan", "rowspan", "scope"}),
}

# Elements removed together with their content: their "text" is code, metadata or a widget.
DROPPED_WITH_CONTENT: frozenset[str] = frozenset(
    {"style", "script", "title", "noscript", "template", "iframe", "object", "embed", "svg", "math",
     "textarea", "select", "button"}
)  # fmt: skip

URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto"})

# Blocks that hold nothing but whitespace (Word exports are full of them).
_EMPTY_BLOCK = re.compile(r"<(p|div|h[1-6])>(?:\s|&nbsp;|<br>)*</\1>")


def sanitize(html: str, *, base_url: str | None = None) -> str:
    """``html`` reduced to :data:`ALLOWED_TAGS` and :data:`ALLOWED_ATTRIBUTES`.

    ``<style>``, ``<script>`` and the other :data:`DROPPED_WITH_CONTENT` elements go with their
    content; comments go; links keep only http(s) and mailto targets and get
    ``rel="noopener noreferrer"``. A relative link is resolved against ``base_url``, or dropped
    (the text stays) when there is none, since it would otherwise point into this site.
    Whitespace-only paragraphs are removed and the result is stripped.
    """
    if not html:
        return ""

    def keep_attribute(tag: str, attribute: str, value: str) -> str | None:
        if tag == "a" and attribute == "href" and not urlsplit(value).scheme:
            return urljoin(base_url, value) if base_url and value.strip() else None
        return value

    cleaned = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=keep_attribute,
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    previous = None
    while previous != cleaned:  # an emptied block can leave its parent empty in turn
        previous, cleaned = cleaned, _EMPTY_BLOCK.sub("", cleaned)
    return cleaned.strip()


def to_paragraphs(html: str) -> list[str]:
    """The text of each block of ``html`` (sanitised first), one string per paragraph.

    A block is a paragraph, heading, list item, quotation, division, preformatted block or table
    row (cells joined by " | "). Text is whitespace-normalised and its entities decoded; ``<br>``
    becomes ``"\\n"``. Empty blocks are dropped, and so are empty lines, so a paragraph never holds
    a blank line (``RecordData.text`` separates paragraphs by one).
    """
    reader = _BlockReader()
    reader.feed(sanitize(html))
    reader.close()
    return reader.paragraphs


def to_text(html: str) -> str:
    """``html`` as plain text: its paragraphs (:func:`to_paragraphs`) separated by a blank line."""
    return "\n\n".join(to_paragraphs(html))


# Tags whose start and end separate paragraphs. Inline tags (em, a, sup ...) do not.
_BLOCKS = frozenset(
    {"p", "div", "pre", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt",
     "dd", "table", "caption", "thead", "tbody", "tfoot", "tr", "hr"}
)  # fmt: skip
_CELLS = frozenset({"td", "th"})
_CELL_SEPARATOR = " | "


class _BlockReader(HTMLParser):
    """Collects the text of each block of sanitised HTML (see :func:`to_paragraphs`)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._pieces: list[str] = []
        self._cells_in_row = 0
        self._in_row = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._pieces.append("\n")
        elif tag in _CELLS:
            if self._cells_in_row:
                self._pieces.append(_CELL_SEPARATOR)
            self._cells_in_row += 1
        elif tag in _BLOCKS:
            self._flush()
            if tag == "tr":
                self._cells_in_row, self._in_row = 0, True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        self._pieces.append(data)

    def close(self) -> None:
        super().close()
        self._flush()

    def _flush(self) -> None:
        lines = (normalize_space(line) for line in "".join(self._pieces).split("\n"))
        text = "\n".join(line for line in lines if line)
        if self._in_row:
            # Empty first or last cells leave a dangling separator; an empty row leaves only them.
            text = text.strip(" |")
        if text:
            self.paragraphs.append(text)
        self._pieces = []
        self._in_row = False
