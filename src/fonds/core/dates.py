"""Archival dates: free text in, EDTF (Library of Congress Extended Date/Time Format) out.

Archive pages date documents as people write dates: "December 20, 1957", "20-22 December 1957",
"c. 1959", "Spring 1957", "1950s". A record stores the EDTF form (``1957-12-20/1957-12-22``,
``1959~``, ``1957-21``, ``195X``) with the first and last day it may cover, for range search and
sorting, and a display form that keeps the source's wording, tidied.

The ``edtf`` package validates every EDTF string we produce and computes its strict bounds (an
approximate "1959~" covers 1959 itself, not the years around it).
"""

from __future__ import annotations

import calendar
import datetime
import functools
import re
import time
import warnings
from dataclasses import dataclass, replace

from fonds.core.names import normalize_space

with warnings.catch_warnings():
    # edtf builds a pyparsing grammar at import; under `python -W error` pyparsing turns on its
    # diagnostics and one of them (about edtf's grammar, not ours) would abort the import.
    warnings.filterwarnings("ignore", module=r"edtf(\.|$)")
    from edtf import parse_edtf

__all__ = ["DateError", "DateValue", "from_edtf", "parse_date", "parse_iso_date"]


class DateError(ValueError):
    """A date that cannot be read, or that names a day which does not exist."""

    def __init__(self, text: str, reason: str = "not a date this archive can read") -> None:
        super().__init__(f"cannot read date {text!r}: {reason}")
        self.text = text
        self.reason = reason


@dataclass(frozen=True)
class DateValue:
    """A date as stored: EDTF, the first and last day it covers, and a human form."""

    edtf: str
    start: datetime.date
    end: datetime.date
    display: str


MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_MONTHS: dict[str, int] = {
    **{name.lower(): i for i, name in enumerate(MONTH_NAMES, 1)},
    **{name[:3].lower(): i for i, name in enumerate(MONTH_NAMES, 1)},
    "sept": 9,
}
# EDTF level 1 season codes.
_SEASONS = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}
_SEASON_NAMES = {21: "Spring", 22: "Summer", 23: "Autumn", 24: "Winter"}

_ORDINAL = r"(?:st|nd|rd|th)?"
_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_DMY_NUMERIC = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_MONTH_FIRST = re.compile(
    rf"(?P<mon>[a-z]+)\.?(?:\s*(?P<d>\d{{1,2}}){_ORDINAL}\b)?(?:,?\s*(?P<y>\d{{4}}))?", re.I
)
_DAY_FIRST = re.compile(
    rf"(?P<d>\d{{1,2}}){_ORDINAL}\s*(?:of\s+)?(?P<mon>[a-z]+)\.?(?:,?\s*(?P<y>\d{{4}}))?", re.I
)
_DAY_YEAR = re.compile(rf"(?P<d>\d{{1,2}}){_ORDINAL},?\s+(?P<y>\d{{4}})", re.I)
_NUMBER = re.compile(rf"(\d{{1,2}}){_ORDINAL}", re.I)
_SEASON = re.compile(r"(?P<s>spring|summer|autumn|fall|winter)(?:\s+of)?(?:,?\s*(?P<y>\d{4}))?", re.I)
_DECADE = re.compile(r"(?:the\s+)?(\d{3})0['’]?s", re.I)

_APPROX_PREFIX = re.compile(r"^(?:circa|cca|ca|c|about|approx|approximately|around)(?:\.\s*|\s+)", re.I)
_UNCERTAIN_SUFFIX = re.compile(r"\s*(?:\?|\(\?\))$")
# Where a free-text range may split: dashes (spaced or not), "/", and words.
_RANGE_SEPARATOR = re.compile(r"\s*(?:[-\u2010-\u2015/]|\b(?:to|through|until|till)\b)\s*", re.I)
# What an EDTF string may contain; free text with letters other than X never goes to the parser.
_EDTF_CHARS = re.compile(r"[\dX?~%./\-\[\]{},:TZ+]+")
_YEAR_DASH_TWO = re.compile(r"\d{4}-(\d{2})")
# The longest date in words is ~40 characters; reading is quadratic in length, so cap it.
_MAX_DATE_CHARS = 100


@dataclass(frozen=True)
class _Point:
    """One end of a date as read: any of its parts may still be missing."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    season: int | None = None
    season_word: str | None = None  # as written: "Fall" stays "Fall"
    decade: int | None = None  # leading three digits: 195 for the 1950s
    number: int | None = None  # a bare "20" or "58": a day or a short year, by context
    number_digits: int = 0
    approximate: bool = False
    uncertain: bool = False
    day_first: bool = False

    @property
    def complete(self) -> bool:
        return self.number is None and (self.year is not None or self.decade is not None)


@functools.lru_cache(maxsize=65536)
def parse_date(text: str) -> DateValue:
    """Read a free-text archival date; raise :class:`DateError` if it cannot be read.

    Accepts full dates ("December 20, 1957", "20 December 1957", "Dec. 20, 1957", "1957-12-20",
    "20.12.1957"), months ("June 1956"), years, seasons ("Spring 1957"), decades ("1950s"),
    "c."/"ca."/"circa"/"about" for approximate, a trailing "?" for uncertain, ranges of any of
    these ("1957-1958", "December 20-22, 1957", "20-22 December 1957", "1957-58"), and EDTF as is.
    Case, extra spaces, NBSP, a trailing period and surrounding brackets ("[1957]") are ignored.

    ``YYYY-NN`` is read as EDTF (a month for 01-12, a season for 21-24) and otherwise as a range
    with a two-digit end year ("1939-41" is 1939 to 1941, not EDTF's second semester of 1939).
    """
    cleaned = _clean(text)
    if not cleaned:
        raise DateError(text, "empty")
    if len(cleaned) > _MAX_DATE_CHARS:
        raise DateError(text[:_MAX_DATE_CHARS] + "…", "too long for a date")
    if _looks_like_edtf(cleaned):
        try:
            return from_edtf(cleaned)
        except DateError:
            pass  # "1957-1958" is not EDTF but is a plain range: read it as text below
    approximate = False
    match = _APPROX_PREFIX.match(cleaned)
    if match:
        approximate, cleaned = True, cleaned[match.end() :]
    single = _parse_point(cleaned)
    if single is not None and single.complete:
        return _build(text, [_qualify(single, approximate)])
    for sep in _RANGE_SEPARATOR.finditer(cleaned):
        left = _parse_point(cleaned[: sep.start()])
        right = _parse_point(cleaned[sep.end() :])
        if left is None or right is None:
            continue
        pair = _complete_range(left, right)
        if pair is not None:
            return _build(text, [_qualify(p, approximate) for p in pair])
    raise DateError(text, "not a date this archive can read")


_PLAIN_EDTF = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@functools.lru_cache(maxsize=65536)
def from_edtf(edtf: str) -> DateValue:
    """Validate an EDTF string and give its bounds and a readable form.

    ``"1957-12-20"`` -> "December 20, 1957", ``"1959~"`` -> "c. 1959", ``"1957/1958"`` ->
    "1957–1958", ``"195X"`` -> "1950s". EDTF this module does not render (sets, times, partial
    qualifiers) is displayed as written. Raises :class:`DateError` for invalid EDTF, for
    impossible days, for intervals that end before they start, and for open or unknown ends
    ("../1959"), which have no bounds to store.
    """
    value = edtf.strip()
    if not value:
        raise DateError(edtf, "empty")
    if "/" in value and any(end in ("", "..") for end in value.split("/")):
        raise DateError(edtf, "open or unknown interval ends have no bounds")
    plain = _PLAIN_EDTF.fullmatch(value)
    if plain is not None and int(plain.group(1)) >= 1 and (plain.group(2) is None or 1 <= int(plain.group(2)) <= 12):
        # A year, month or day: the common case, computed directly (the EDTF grammar costs ~10 ms).
        return _plain_value(edtf, value, plain)
    try:
        parsed = parse_edtf(value)
    except Exception as exc:  # edtf's parse errors share no useful base class
        raise DateError(edtf, "not valid EDTF") from exc
    try:
        start = _to_date(parsed.lower_strict())
        end = _to_date(parsed.upper_strict())
    except (AttributeError, TypeError, ValueError, OverflowError) as exc:
        # edtf accepts "1900-02-29" and returns floats for infinite ends; neither is a day.
        raise DateError(edtf, "no such day, or no bounds within years 1-9999") from exc
    if end < start:
        raise DateError(edtf, "the interval ends before it starts")
    points = [_point_from_edtf(part) for part in value.split("/")]
    display = value
    if all(p is not None for p in points) and len(points) <= 2:
        display = _display([p for p in points if p is not None])
    return DateValue(edtf=value, start=start, end=end, display=display)


def _plain_value(edtf: str, value: str, match: re.Match[str]) -> DateValue:
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if month is None:
            start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        elif day is None:
            start = datetime.date(year, month, 1)
            end = datetime.date(year, month, calendar.monthrange(year, month)[1])
        else:
            start = end = datetime.date(year, month, day)
    except ValueError as exc:
        raise DateError(edtf, "no such day, or no bounds within years 1-9999") from exc
    point = _point_from_edtf(value)
    return DateValue(edtf=value, start=start, end=end, display=_display([point]) if point else value)


def parse_iso_date(text: str) -> datetime.date:
    """Read an ISO calendar date ("2012-12-04"); raise :class:`DateError` for anything else."""
    value = normalize_space(text)
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise DateError(text, "expected YYYY-MM-DD")
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise DateError(text, "no such day") from exc


# --- reading ----------------------------------------------------------------------------------


def _clean(text: str) -> str:
    """Whitespace collapsed, one trailing period and one pair of surrounding brackets removed."""
    value = normalize_space(text)
    for _ in range(2):  # "[1957.]" and "[1957]." alike
        value = value.removesuffix(".").strip()
        # Brackets mark a date the cataloguer supplied; EDTF sets ("[1957,1958]") keep theirs.
        if len(value) > 2 and value[0] + value[-1] in ("[]", "()") and "," not in value:
            value = value[1:-1].strip()
    return value


def _looks_like_edtf(text: str) -> bool:
    """Whether to offer text to the EDTF parser before reading it as prose."""
    if not _EDTF_CHARS.fullmatch(text):
        return False
    two = _YEAR_DASH_TWO.fullmatch(text)
    # "1939-41" is a range in prose; EDTF would take 41 as a level 2 sub-year code.
    return two is None or 1 <= int(two.group(1)) <= 12 or 21 <= int(two.group(1)) <= 24


def _parse_point(text: str) -> _Point | None:
    """Read one end of a date, possibly incomplete ("20", "June", "22, 1957"), or None."""
    text = text.strip()
    approximate = False
    match = _APPROX_PREFIX.match(text)
    if match:
        approximate, text = True, text[match.end() :]
    uncertain = False
    match = _UNCERTAIN_SUFFIX.search(text)
    if match:
        uncertain, text = True, text[: match.start()].strip()
    point = _parse_bare(text)
    if point is None:
        return None
    return replace(point, approximate=approximate, uncertain=uncertain)


def _parse_bare(text: str) -> _Point | None:
    """Read one unqualified end of a date, or None."""
    if m := _ISO.fullmatch(text):
        year, month, day = int(m[1]), _int(m[2]), _int(m[3])
        if month is not None and month in _SEASON_NAMES and day is None:
            return _Point(year=year, season=month)
        if month is not None and not 1 <= month <= 12:
            return None  # "1957-58" is a range, read by the caller
        return _Point(year=year, month=month, day=day)
    if m := _DMY_NUMERIC.fullmatch(text):
        return _Point(year=int(m[3]), month=int(m[2]), day=int(m[1]), day_first=True)
    if m := _SEASON.fullmatch(text):
        word = m["s"].capitalize()
        return _Point(year=_int(m["y"]), season=_SEASONS[word.lower()], season_word=word)
    if m := _DECADE.fullmatch(text):
        return _Point(decade=int(m[1]))
    if m := _MONTH_FIRST.fullmatch(text):
        if m["mon"].lower() in _MONTHS:
            return _Point(year=_int(m["y"]), month=_MONTHS[m["mon"].lower()], day=_int(m["d"]))
    if m := _DAY_FIRST.fullmatch(text):
        if m["mon"].lower() in _MONTHS:
            month = _MONTHS[m["mon"].lower()]
            return _Point(year=_int(m["y"]), month=month, day=int(m["d"]), day_first=True)
    if m := _DAY_YEAR.fullmatch(text):
        return _Point(year=int(m["y"]), day=int(m["d"]))
    if m := _NUMBER.fullmatch(text):
        return _Point(number=int(m[1]), number_digits=len(m[1]))
    return None


def _complete_range(left: _Point, right: _Point) -> tuple[_Point, _Point] | None:
    """Fill each end's missing parts from the other ("20-22 December 1957"), or None."""
    if left.number is not None:
        # A bare number first is a day sharing the right end's month and year.
        if right.day is None or right.month is None:
            return None
        left = replace(left, day=left.number, number=None, month=right.month, year=right.year)
    if right.number is not None:
        if _is_year_only(left):
            # "1957-58", "1957-8": the number replaces the last digits of the first year.
            assert left.year is not None
            scale = 10**right.number_digits
            year = left.year - left.year % scale + right.number
            if year <= left.year:
                return None  # "1957-13" is no range (and no month)
            right = replace(right, year=year, number=None)
        elif left.day is not None:
            right = replace(right, day=right.number, number=None, month=left.month, year=left.year)
        else:
            return None
    if right.month is None and right.day is not None:
        # "December 20-22, 1957": the right end "22, 1957" takes the month from the left.
        right = replace(right, month=left.month)
    if left.year is None and left.decade is None:
        left = replace(left, year=right.year)
    if right.year is None and right.decade is None:
        right = replace(right, year=left.year)
    if not (left.complete and right.complete):
        return None
    day_first = left.day_first or right.day_first
    return replace(left, day_first=day_first), replace(right, day_first=day_first)


def _is_year_only(point: _Point) -> bool:
    return (
        point.year is not None
        and point.month is None
        and point.day is None
        and point.season is None
    )


def _qualify(point: _Point, approximate: bool) -> _Point:
    return replace(point, approximate=point.approximate or approximate)


def _int(value: str | None) -> int | None:
    return int(value) if value else None


# --- writing ----------------------------------------------------------------------------------


def _build(text: str, points: list[_Point]) -> DateValue:
    """Turn read points into a validated DateValue; impossible days raise DateError."""
    for point in points:
        _check_real(text, point)
    edtf = "/".join(_edtf(p) for p in points)
    try:
        value = from_edtf(edtf)
    except DateError as exc:
        raise DateError(text, exc.reason) from exc
    return replace(value, display=_display(points))


def _check_real(text: str, point: _Point) -> None:
    """Reject days and months that do not exist ("February 30, 1957", "1957-13")."""
    if point.month is not None and not 1 <= point.month <= 12:
        raise DateError(text, f"there is no month {point.month}")
    if point.day is not None:
        if point.month is None or point.year is None:
            raise DateError(text, "a day without its month and year")
        try:
            datetime.date(point.year, point.month, point.day)
        except ValueError as exc:
            raise DateError(text, "no such day") from exc


def _edtf(point: _Point) -> str:
    """The EDTF form of one complete point."""
    if point.decade is not None:
        core = f"{point.decade:03d}X"
    elif point.season is not None:
        core = f"{point.year:04d}-{point.season}"
    else:
        core = f"{point.year:04d}"
        if point.month is not None:
            core += f"-{point.month:02d}"
            if point.day is not None:
                core += f"-{point.day:02d}"
    if point.approximate and point.uncertain:
        return core + "%"
    if point.approximate:
        return core + "~"
    if point.uncertain:
        return core + "?"
    return core


def _point_from_edtf(part: str) -> _Point | None:
    """Read one side of an EDTF string this module can render, or None."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([?~%])?|(\d{3})X([?~%])?", part)
    if m is None:
        return None
    qualifier = m[4] or m[6]
    flags = {"approximate": qualifier in ("~", "%"), "uncertain": qualifier in ("?", "%")}
    if m[5]:
        return _Point(decade=int(m[5]), **flags)
    month = _int(m[2])
    if month is not None and month > 12:
        if month not in _SEASON_NAMES:
            return None  # level 2 sub-year groupings: shown as written
        return _Point(year=int(m[1]), season=month, **flags)
    return _Point(year=int(m[1]), month=month, day=_int(m[3]), **flags)


def _display(points: list[_Point]) -> str:
    """A readable form of one point or a two-point range, compact where the ends share parts."""
    if len(points) == 1:
        return _qualified(points[0], _plain(points[0]))
    a, b = points
    shared = a.approximate and b.approximate and not (a.uncertain or b.uncertain)
    if shared:
        a, b = replace(a, approximate=False), replace(b, approximate=False)
    body = _compact(a, b) if not _has_qualifier(a, b) else None
    if body is None:
        left, right = _qualified(a, _plain(a)), _qualified(b, _plain(b))
        dash = " \u2013 " if " " in left + right else "\u2013"
        body = f"{left}{dash}{right}"
    return f"c. {body}" if shared else body


def _compact(a: _Point, b: _Point) -> str | None:
    """Ranges within one year or month, written once: "December 20–22, 1957", "June–July 1956"."""
    if a.year != b.year or a.year is None:
        return None
    if a.season is not None and b.season is not None:
        return f"{_plain(a).split()[0]}\u2013{_plain(b).split()[0]} {a.year}"
    if a.season is not None or b.season is not None:
        return None
    month_a, month_b = MONTH_NAMES[(a.month or 1) - 1], MONTH_NAMES[(b.month or 1) - 1]
    if a.day is not None and b.day is not None:
        if a.month == b.month:
            if a.day_first:
                return f"{a.day}\u2013{b.day} {month_a} {a.year}"
            return f"{month_a} {a.day}\u2013{b.day}, {a.year}"
        if a.day_first:
            return f"{a.day} {month_a} \u2013 {b.day} {month_b} {a.year}"
        return f"{month_a} {a.day} \u2013 {month_b} {b.day}, {a.year}"
    if a.month is not None and b.month is not None and a.day is None and b.day is None:
        return f"{month_a}\u2013{month_b} {a.year}"
    return None


def _plain(point: _Point) -> str:
    """One point without qualifiers: "December 20, 1957", "June 1956", "Spring 1957", "1950s"."""
    if point.decade is not None:
        return f"{point.decade}0s"
    if point.season is not None:
        return f"{point.season_word or _SEASON_NAMES[point.season]} {point.year}"
    if point.month is None:
        return f"{point.year}"
    month = MONTH_NAMES[point.month - 1]
    if point.day is None:
        return f"{month} {point.year}"
    if point.day_first:
        return f"{point.day} {month} {point.year}"
    return f"{month} {point.day}, {point.year}"


def _qualified(point: _Point, text: str) -> str:
    prefix = "c. " if point.approximate else ""
    suffix = "?" if point.uncertain else ""
    return f"{prefix}{text}{suffix}"


def _has_qualifier(*points: _Point) -> bool:
    return any(p.approximate or p.uncertain for p in points)


def _to_date(value: time.struct_time) -> datetime.date:
    """A struct_time from edtf as a date; edtf's infinities and years outside 1-9999 fail here."""
    return datetime.date(value.tm_year, value.tm_mon, value.tm_mday)
