"""Slugs and paragraphs: fonds.core.text."""

import pytest

from fonds.core.text import slugify, split_paragraphs


@pytest.mark.parametrize(
    ("title", "max_length", "expected"),
    [
        (
            "Journal of Soviet Ambassador to the DPRK A.M. Puzanov for 20 December 1957",
            80,
            "journal-of-soviet-ambassador-to-the-dprk-a-m-puzanov-for-20-december-1957",
        ),
        ("Djilas's First Conversation with Stalin", 80, "djilass-first-conversation-with-stalin"),
        (
            "\u201cLocal Nationalism\" in Xinjiang, 1957-1958",
            80,
            "local-nationalism-in-xinjiang-1957-1958",
        ),
        (
            "Pak H\u014fn-y\u014fng Meets \u00dcr\u00fcmchi Delegation",
            80,
            "pak-hon-yong-meets-urumchi-delegation",
        ),
        ("Wa\u0142\u0119sa \u2013 Stra\u00dfe", 80, "walesa-strasse"),
        ("  --Hello,   World!--  ", 80, "hello-world"),
        # Cut at a word boundary, never mid-word.
        ("Djilas's First Conversation with Stalin", 20, "djilass-first"),
        ("alpha beta gamma", 10, "alpha-beta"),
        ("alpha beta gamma", 11, "alpha-beta"),
        ("alpha beta gamma", 9, "alpha"),
        ("alpha beta", 10, "alpha-beta"),
        # One word longer than the limit is cut hard.
        ("a" * 100, 10, "a" * 10),
        # Never empty.
        ("\u6bdb\u6cfd\u4e1c", 80, "document"),
        ("\u0425\u0440\u0443\u0449\u0435\u0432", 80, "document"),
        ("", 80, "document"),
        ("!!! ???", 80, "document"),
    ],
)
def test_slugify(title, max_length, expected):
    assert slugify(title, max_length) == expected


def test_slugify_default_length():
    slug = slugify("word " * 40)
    assert len(slug) <= 80
    assert not slug.endswith("-")
    assert slug.startswith("word-word")


@pytest.mark.parametrize("title", ["x" * 200, "a b " * 100, "Hŏn-yŏng " * 30, "\u00a0" * 5])
def test_slugify_is_ascii_and_bounded(title):
    slug = slugify(title, 30)
    assert slug.isascii() and 0 < len(slug) <= 30
    assert slug == slug.lower() and not slug.startswith("-") and not slug.endswith("-")


def test_slugify_rejects_zero_length():
    with pytest.raises(ValueError):
        slugify("title", 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("one\n\ntwo", ["one", "two"]),
        ("one\ntwo", ["one\ntwo"]),  # line breaks inside a paragraph are kept
        ("one  \ntwo\t\n\nthree", ["one\ntwo", "three"]),  # trailing spaces stripped
        ("one\n\u00a0\ntwo", ["one", "two"]),  # a lone NBSP line is blank, as browsers copy <p>
        ("one\n \u00a0\t \ntwo", ["one", "two"]),
        ("one\n\n\n\n\ntwo", ["one", "two"]),
        ("\n\none\n\n", ["one"]),
        ("one\r\n\r\ntwo\r\nthree", ["one", "two\nthree"]),
        ("one\rtwo", ["one\ntwo"]),
        ("  indented\n\nnext", ["  indented", "next"]),
        ("one\u00a0\n\ntwo", ["one", "two"]),  # trailing NBSP stripped too
        ("", []),
        ("\n\n\u00a0\n", []),
    ],
)
def test_split_paragraphs(text, expected):
    assert split_paragraphs(text) == expected


def test_split_paragraphs_on_reference_record_shape():
    # The reference record copies paragraphs as text, a NBSP-only line, then a blank line.
    text = "20 December 1957\n\n\u00a0\n\nI had a conversation.\n\n\u00a0\n\nQiao said"
    assert split_paragraphs(text) == ["20 December 1957", "I had a conversation.", "Qiao said"]


def test_name_key_is_unique_for_names_in_any_script():
    from fonds.core.text import name_key

    assert name_key("Kim Il Sung") == "kim-il-sung"
    keys = {name_key(n) for n in ("平壤", "Пхеньян", "北京", "Москва")}
    assert len(keys) == 4 and all(k.startswith("n-") for k in keys)
    assert name_key("平壤") == name_key("平壤")
