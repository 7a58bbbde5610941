"""Language names and ISO 639 codes: fonds.core.languages."""

import pytest

from fonds.core.languages import LanguageError, language_codes, language_name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russian", ["ru"]),
        ("russian", ["ru"]),
        ("Chinese, Korean", ["zh", "ko"]),
        ("Russian and English", ["ru", "en"]),
        ("Russian, English and German", ["ru", "en", "de"]),
        ("Russian; English", ["ru", "en"]),
        ("Russian/English", ["ru", "en"]),
        ("English & French", ["en", "fr"]),
        ("ru", ["ru"]),
        ("RU", ["ru"]),
        ("rus", ["ru"]),
        ("ger", ["de"]),  # ISO 639-2 bibliographic codes, as the WCDA API uses them
        ("chi", ["zh"]),
        ("mon", ["mn"]),
        ("Greek", ["el"]),
        ("Swahili", ["sw"]),
        ("Farsi", ["fa"]),
        ("Mandarin", ["zh"]),
        ("Filipino", ["fil"]),  # no ISO 639-1 code: ISO 639-3
        ("Dari", ["prs"]),
        ("Russian\u00a0and\u00a0English", ["ru", "en"]),
        ("Russian, russian, ru", ["ru"]),
        ("Russian.", ["ru"]),
        ("", []),
        ("   ", []),
        (", ;", []),
    ],
)
def test_language_codes(text, expected):
    assert language_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "unknown"),
    [
        ("Klingonese", "Klingonese"),
        ("Russian, Martian", "Martian"),
        ("xx", "xx"),
        ("Russian English", "Russian English"),
    ],
)
def test_language_codes_rejects(text, unknown):
    with pytest.raises(LanguageError) as info:
        language_codes(text)
    assert repr(unknown) in str(info.value)


def test_language_error_is_value_error():
    with pytest.raises(ValueError):
        language_codes("Martian")


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("ru", "Russian"),
        ("zh", "Chinese"),
        ("ko", "Korean"),
        ("en", "English"),
        ("rus", "Russian"),
        ("ger", "German"),
        ("el", "Greek"),
        ("sw", "Swahili"),  # "(macrolanguage)" dropped
        ("fil", "Filipino"),
        ("RU", "Russian"),
        ("zz", "zz"),
        ("", ""),
        ("not a code", "not a code"),
    ],
)
def test_language_name(code, name):
    assert language_name(code) == name


@pytest.mark.parametrize("name", ["Russian", "Chinese", "Korean", "Greek", "Hungarian", "Swahili"])
def test_name_and_codes_round_trip(name):
    assert language_name(language_codes(name)[0]) == name
