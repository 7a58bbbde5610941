"""When a person can be named in a document: the years a people record allows, from its data.

Entity linking uses this to narrow the people a bare surname may stand for: "Mr. Frelinghuysen"
in a letter of 1884 is not the Frelinghuysen who sat in Congress in the 1970s. The window is
derived from what the authority record says, never guessed from the name:

* a birth year ``b``: not named before ``b + 15`` (nobody is addressed in diplomatic
  correspondence as a child) nor after ``b + 100``;
* a death year ``d``: not named after ``d`` (a document *about* the dead names them in full or
  with a title the surname rules do not rely on) nor before ``d - 90``;
* without a birth or a death year, the years the record shows the person active: the years of
  the FRUS volumes whose persons lists name them (``.../historicaldocuments/frus1969-76v16/
  persons#...`` in a variant's source: 1969 to 1976) and the years its description mentions
  ("Ambassador to Japan from 1917"): the person is named neither more than ``BEFORE`` years
  before the last of them (a person in a persons list of 1945 was not a party to a letter of
  1883) nor more than ``AFTER`` years after the first (more: a description may give the birth
  year);
* nothing known: no bound (an unknown date never excludes anyone).

Bounds are inclusive years; a document's years are those of its ``date_start``/``date_end``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

ADULT = 15  # the youngest age at which a person is named as a party to a document
OLDEST = 100  # the oldest age at which a person is named
DEAD_AT = 90  # a person who died in year d was named no earlier than d - DEAD_AT
BEFORE = 25  # a person active in year y was named no earlier than y - BEFORE
AFTER = 70  # ... and no later than y + AFTER

_VOLUME = re.compile(r"/historicaldocuments/frus(\d{4})(?:-(\d{2,4}))?")
_YEAR = re.compile(r"(?<![\d/.-])(1[5-9]\d\d|20[0-4]\d)(?![\d/])")

Window = tuple[int | None, int | None]


def _year(edtf: str | None) -> int | None:
    match = re.match(r"-?\d{4}", (edtf or "").strip())
    return int(match.group()) if match else None


def active_years(sources: Iterable[str | None], description: str | None) -> list[int]:
    """The years the record shows a person active: FRUS volumes citing them, years in the description."""
    years: list[int] = []
    for source in sources:
        match = _VOLUME.search(source or "")
        if match:
            first = int(match.group(1))
            years.append(first)
            if match.group(2):
                last = match.group(2)
                years.append(int(str(first)[: 4 - len(last)] + last))
    years.extend(int(y) for y in _YEAR.findall(description or ""))
    return years


def window(start: str | None, end: str | None, sources: Iterable[str | None] = (), description: str | None = None) -> Window:
    """(earliest, latest) year a person may be named in, each None when the data gives no bound."""
    born, died = _year(start), _year(end)
    lo = born + ADULT if born is not None else None
    hi = died if died is not None else (born + OLDEST if born is not None else None)
    if lo is None and died is not None:
        lo = died - DEAD_AT
    if lo is None or hi is None:
        active = active_years(sources, description)
        if active:
            lo = max(active) - BEFORE if lo is None else lo
            hi = min(active) + AFTER if hi is None else hi
    return lo, hi


def document_years(date_start: str | None, date_end: str | None) -> Window:
    """The first and last year of a document's date (ISO dates), each None when undated."""
    first, last = _year(date_start), _year(date_end)
    return first, last if last is not None else first


def possible(person: Window, document: Window) -> bool:
    """Whether a person with window ``person`` can be named in a document of ``document``'s years."""
    lo, hi = person
    first, last = document
    if first is None:
        return True
    last = first if last is None else last
    return (hi is None or first <= hi) and (lo is None or lo <= last)
