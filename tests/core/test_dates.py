"""Free-text archival dates to EDTF: fonds.core.dates."""

import datetime

import pytest

from fonds.core.dates import DateError, DateValue, from_edtf, parse_date, parse_iso_date

D = datetime.date


@pytest.mark.parametrize(
    ("text", "edtf", "start", "end", "display"),
    [
        # Full dates, every way the brief's archives write them.
        ("December 20, 1957", "1957-12-20", D(1957, 12, 20), D(1957, 12, 20), "December 20, 1957"),
        ("20 December 1957", "1957-12-20", D(1957, 12, 20), D(1957, 12, 20), "20 December 1957"),
        ("Dec. 20, 1957", "1957-12-20", D(1957, 12, 20), D(1957, 12, 20), "December 20, 1957"),
        ("Dec 20 1957", "1957-12-20", D(1957, 12, 20), D(1957, 12, 20), "December 20, 1957"),
        ("1957-12-20", "1957-12-20", D(1957, 12, 20), D(1957, 12, 20), "December 20, 1957"),
        ("20th of December, 1957", "1957-12-20", D(1957, 12, 20), D(1957, 12, 20), "20 December 1957"),
        ("Sept. 3, 1957", "1957-09-03", D(1957, 9, 3), D(1957, 9, 3), "September 3, 1957"),
        ("20.12.1957", "1957-12-20", D(1957, 12, 20), D(1957, 12, 20), "20 December 1957"),
        ("February 29, 1956", "1956-02-29", D(1956, 2, 29), D(1956, 2, 29), "February 29, 1956"),
        # Tolerance: case, spacing, NBSP, trailing period, brackets.
        (
            "  december\u00a020,   1957. ",
            "1957-12-20",
            D(1957, 12, 20),
            D(1957, 12, 20),
            "December 20, 1957",
        ),
        ("DECEMBER 20, 1957", "1957-12-20", D(1957, 12, 20), D(1957, 12, 20), "December 20, 1957"),
        ("[1957]", "1957", D(1957, 1, 1), D(1957, 12, 31), "1957"),
        ("[c. 1959]", "1959~", D(1959, 1, 1), D(1959, 12, 31), "c. 1959"),
        ("1957.", "1957", D(1957, 1, 1), D(1957, 12, 31), "1957"),
        # Months and years.
        ("June 1956", "1956-06", D(1956, 6, 1), D(1956, 6, 30), "June 1956"),
        ("June, 1956", "1956-06", D(1956, 6, 1), D(1956, 6, 30), "June 1956"),
        ("1956-06", "1956-06", D(1956, 6, 1), D(1956, 6, 30), "June 1956"),
        ("February 1956", "1956-02", D(1956, 2, 1), D(1956, 2, 29), "February 1956"),
        ("1959", "1959", D(1959, 1, 1), D(1959, 12, 31), "1959"),
        # Approximate and uncertain: strict bounds are the period itself.
        ("c. 1959", "1959~", D(1959, 1, 1), D(1959, 12, 31), "c. 1959"),
        ("ca. 1959", "1959~", D(1959, 1, 1), D(1959, 12, 31), "c. 1959"),
        ("circa 1959", "1959~", D(1959, 1, 1), D(1959, 12, 31), "c. 1959"),
        ("c.1959", "1959~", D(1959, 1, 1), D(1959, 12, 31), "c. 1959"),
        ("about 1959", "1959~", D(1959, 1, 1), D(1959, 12, 31), "c. 1959"),
        ("Circa 1959", "1959~", D(1959, 1, 1), D(1959, 12, 31), "c. 1959"),
        ("c. June 1959", "1959-06~", D(1959, 6, 1), D(1959, 6, 30), "c. June 1959"),
        ("1959?", "1959?", D(1959, 1, 1), D(1959, 12, 31), "1959?"),
        ("c. 1959?", "1959%", D(1959, 1, 1), D(1959, 12, 31), "c. 1959?"),
        ("June 1956?", "1956-06?", D(1956, 6, 1), D(1956, 6, 30), "June 1956?"),
        # Ranges.
        ("1957-1958", "1957/1958", D(1957, 1, 1), D(1958, 12, 31), "1957\u20131958"),
        ("1957\u20131958", "1957/1958", D(1957, 1, 1), D(1958, 12, 31), "1957\u20131958"),
        ("1957 \u2014 1958", "1957/1958", D(1957, 1, 1), D(1958, 12, 31), "1957\u20131958"),
        ("1957 to 1958", "1957/1958", D(1957, 1, 1), D(1958, 12, 31), "1957\u20131958"),
        ("1957-58", "1957/1958", D(1957, 1, 1), D(1958, 12, 31), "1957\u20131958"),
        ("1957/58", "1957/1958", D(1957, 1, 1), D(1958, 12, 31), "1957\u20131958"),
        ("1939-41", "1939/1941", D(1939, 1, 1), D(1941, 12, 31), "1939\u20131941"),
        (
            "December 1957 - January 1958",
            "1957-12/1958-01",
            D(1957, 12, 1),
            D(1958, 1, 31),
            "December 1957 \u2013 January 1958",
        ),
        (
            "20-22 December 1957",
            "1957-12-20/1957-12-22",
            D(1957, 12, 20),
            D(1957, 12, 22),
            "20\u201322 December 1957",
        ),
        (
            "December 20-22, 1957",
            "1957-12-20/1957-12-22",
            D(1957, 12, 20),
            D(1957, 12, 22),
            "December 20\u201322, 1957",
        ),
        (
            "November 30 - December 2, 1957",
            "1957-11-30/1957-12-02",
            D(1957, 11, 30),
            D(1957, 12, 2),
            "November 30 \u2013 December 2, 1957",
        ),
        (
            "30 November - 2 December 1957",
            "1957-11-30/1957-12-02",
            D(1957, 11, 30),
            D(1957, 12, 2),
            "30 November \u2013 2 December 1957",
        ),
        (
            "December 20, 1957 - January 5, 1958",
            "1957-12-20/1958-01-05",
            D(1957, 12, 20),
            D(1958, 1, 5),
            "December 20, 1957 \u2013 January 5, 1958",
        ),
        ("June-July 1956", "1956-06/1956-07", D(1956, 6, 1), D(1956, 7, 31), "June\u2013July 1956"),
        ("c. 1957-1958", "1957~/1958~", D(1957, 1, 1), D(1958, 12, 31), "c. 1957\u20131958"),
        ("1957?-1958", "1957?/1958", D(1957, 1, 1), D(1958, 12, 31), "1957?\u20131958"),
        # Decades and seasons.
        ("1950s", "195X", D(1950, 1, 1), D(1959, 12, 31), "1950s"),
        ("the 1950s", "195X", D(1950, 1, 1), D(1959, 12, 31), "1950s"),
        ("1950's", "195X", D(1950, 1, 1), D(1959, 12, 31), "1950s"),
        ("1950\u2019s", "195X", D(1950, 1, 1), D(1959, 12, 31), "1950s"),
        ("1950s-1960s", "195X/196X", D(1950, 1, 1), D(1969, 12, 31), "1950s\u20131960s"),
        ("Spring 1957", "1957-21", D(1957, 3, 1), D(1957, 5, 31), "Spring 1957"),
        ("Summer 1957", "1957-22", D(1957, 6, 1), D(1957, 8, 31), "Summer 1957"),
        ("Autumn 1957", "1957-23", D(1957, 9, 1), D(1957, 11, 30), "Autumn 1957"),
        ("Fall 1957", "1957-23", D(1957, 9, 1), D(1957, 11, 30), "Fall 1957"),
        ("winter 1957", "1957-24", D(1957, 12, 1), D(1957, 12, 31), "Winter 1957"),
        (
            "Spring-Summer 1957",
            "1957-21/1957-22",
            D(1957, 3, 1),
            D(1957, 8, 31),
            "Spring\u2013Summer 1957",
        ),
        # EDTF given as is.
        (
            "1957-12-20/1958-01",
            "1957-12-20/1958-01",
            D(1957, 12, 20),
            D(1958, 1, 31),
            "December 20, 1957 \u2013 January 1958",
        ),
        ("1959~", "1959~", D(1959, 1, 1), D(1959, 12, 31), "c. 1959"),
        ("195X", "195X", D(1950, 1, 1), D(1959, 12, 31), "1950s"),
        ("1957-21", "1957-21", D(1957, 3, 1), D(1957, 5, 31), "Spring 1957"),
        ("1957/1958", "1957/1958", D(1957, 1, 1), D(1958, 12, 31), "1957\u20131958"),
        ("[1957,1958]", "[1957,1958]", D(1957, 1, 1), D(1958, 12, 31), "[1957,1958]"),
    ],
)
def test_parse_date(text, edtf, start, end, display):
    assert parse_date(text) == DateValue(edtf=edtf, start=start, end=end, display=display)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "\u00a0",
        "junk",
        "n.d.",
        "undated",
        "June",  # no year
        "c.",
        "?",
        "[]",
        "February 30, 1957",  # impossible days
        "1957-02-30",
        "1900-02-29",
        "April 31, 1957",
        "32 December 1957",
        "0 December 1957",
        "Decembruary 1957",
        "1957-13",  # neither a month nor a range
        "1957-00",
        "12.20.1957",  # month 20: a US order is not guessed
        "1958/1957",  # ends before it starts
        "1957-1956",
        "December 22-20, 1957",
        "../1959",  # open ends have no bounds
        "1959/..",
        "mid-1950s",
        "1957-21~",
        "20-22",
    ],
)
def test_parse_date_rejects(text):
    with pytest.raises(DateError) as info:
        parse_date(text)
    # The message quotes the input so an import report can show what failed.
    assert repr(text) in str(info.value)


def test_parse_date_rejects_overlong_text_quickly():
    with pytest.raises(DateError, match="too long"):
        parse_date("- " * 5000)


def test_date_error_is_value_error():
    with pytest.raises(ValueError):
        parse_date("not a date")


def test_date_value_is_frozen():
    value = parse_date("1959")
    with pytest.raises(AttributeError):
        value.edtf = "1960"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("edtf", "start", "end", "display"),
    [
        ("1957-12-20", D(1957, 12, 20), D(1957, 12, 20), "December 20, 1957"),
        ("1956-06", D(1956, 6, 1), D(1956, 6, 30), "June 1956"),
        ("1959", D(1959, 1, 1), D(1959, 12, 31), "1959"),
        ("1959~", D(1959, 1, 1), D(1959, 12, 31), "c. 1959"),
        ("1959?", D(1959, 1, 1), D(1959, 12, 31), "1959?"),
        ("1959%", D(1959, 1, 1), D(1959, 12, 31), "c. 1959?"),
        ("1957/1958", D(1957, 1, 1), D(1958, 12, 31), "1957\u20131958"),
        ("1957~/1958~", D(1957, 1, 1), D(1958, 12, 31), "c. 1957\u20131958"),
        ("195X", D(1950, 1, 1), D(1959, 12, 31), "1950s"),
        ("1957-21", D(1957, 3, 1), D(1957, 5, 31), "Spring 1957"),
        ("1957-12-20/1957-12-22", D(1957, 12, 20), D(1957, 12, 22), "December 20\u201322, 1957"),
        ("1957-12/1958-01", D(1957, 12, 1), D(1958, 1, 31), "December 1957 \u2013 January 1958"),
        ("1956-06/1956-07", D(1956, 6, 1), D(1956, 7, 31), "June\u2013July 1956"),
        # Valid EDTF this module does not render: shown as written, bounds still computed.
        ("1985-04-XX", D(1985, 4, 1), D(1985, 4, 30), "1985-04-XX"),
        ("19XX", D(1900, 1, 1), D(1999, 12, 31), "19XX"),
        ("1939-41", D(1939, 7, 1), D(1939, 12, 31), "1939-41"),
        (" 1959 ", D(1959, 1, 1), D(1959, 12, 31), "1959"),
    ],
)
def test_from_edtf(edtf, start, end, display):
    assert from_edtf(edtf) == DateValue(edtf=edtf.strip(), start=start, end=end, display=display)


@pytest.mark.parametrize(
    "edtf",
    [
        "",
        "December 20, 1957",
        "1957-1958",
        "1957-02-30",
        "1900-02-29",  # the edtf package accepts it; the calendar does not
        "1957-13",
        "1958/1957",
        "../1959",
        "1959/..",
        "/1959",
        "0000",
        "-0100",
        "1950s",
    ],
)
def test_from_edtf_rejects(edtf):
    with pytest.raises(DateError):
        from_edtf(edtf)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2012-12-04", D(2012, 12, 4)),
        (" 2012-12-04 ", D(2012, 12, 4)),
        ("2000-02-29", D(2000, 2, 29)),
    ],
)
def test_parse_iso_date(text, expected):
    assert parse_iso_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "2012-12",
        "2012",
        "12/04/2012",
        "2012-13-01",
        "2012-02-30",
        "2012-12-04T10:00",
        "junk",
        "20121204",
    ],
)
def test_parse_iso_date_rejects(text):
    with pytest.raises(DateError):
        parse_iso_date(text)


def test_every_parsed_value_round_trips_through_from_edtf():
    # What parse_date stores must be readable again by from_edtf with the same bounds.
    for text in ["20-22 December 1957", "c. June 1959", "1950s", "Spring 1957", "1957-58"]:
        value = parse_date(text)
        again = from_edtf(value.edtf)
        assert (again.edtf, again.start, again.end) == (value.edtf, value.start, value.end)
