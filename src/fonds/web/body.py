"""A document's text as the page shows it: paragraphs cut into runs of text, footnote markers
and page-break markers, in the order the source had them.

Notes and page breaks are stored apart from the text with a paragraph index and a character
offset (docs/record-format.md); here they are put back where they stood.
"""

from __future__ import annotations

from fonds.core.record import RecordData


def segments(record: RecordData) -> list[list[dict]]:
    """Per paragraph, a list of runs: ``{"text": ...}``, ``{"note": n, "id": anchor}`` or
    ``{"page": n}``. Markers pointing outside their paragraph are placed at its end."""
    marks: dict[int, list[tuple[int, int, dict]]] = {}
    for order, brk in enumerate(record.page_breaks):
        marks.setdefault(brk.paragraph, []).append((brk.offset, 0, {"page": brk.n}))
    for order, note in enumerate(record.notes):
        if note.paragraph is not None:
            marks.setdefault(note.paragraph, []).append(
                (note.offset or 0, 1, {"note": note.n, "id": note_anchor(order)})
            )
    out = []
    for index, text in enumerate(record.paragraphs):
        runs: list[dict] = []
        cursor = 0
        for offset, _, mark in sorted(marks.get(index, []), key=lambda m: (m[0], m[1])):
            offset = max(cursor, min(offset, len(text)))
            if offset > cursor:
                runs.append({"text": text[cursor:offset]})
                cursor = offset
            runs.append(mark)
        if cursor < len(text) or not runs:
            runs.append({"text": text[cursor:]})
        out.append(runs)
    return out


def notes(record: RecordData) -> list[dict]:
    """The footnotes in order, each with the anchor its marker links to."""
    return [
        {"n": note.n, "text": note.text, "id": note_anchor(order), "on_title": note.paragraph is None}
        for order, note in enumerate(record.notes)
    ]


def note_anchor(order: int) -> str:
    return f"note-{order + 1}"
