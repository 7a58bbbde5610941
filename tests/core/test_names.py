"""Name lists, whitespace and folding: fonds.core.names."""

import pytest

from fonds.core.names import fold, normalize_space, split_names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The reference record's Donors line.
        (
            "ROK Ministry of Unification and Leon Levy Foundation",
            ["ROK Ministry of Unification", "Leon Levy Foundation"],
        ),
        ("A and B", ["A", "B"]),
        ("A, B and C", ["A", "B", "C"]),
        ("A, B, and C", ["A", "B", "C"]),
        ("A; B", ["A", "B"]),
        ("A;B;C", ["A", "B", "C"]),
        ("A AND B", ["A", "B"]),
        ("Leon Levy Foundation", ["Leon Levy Foundation"]),
        # Only the last " and " splits.
        ("A and B and C", ["A and B", "C"]),
        (
            "John D. and Catherine T. MacArthur Foundation and Carnegie Corporation of New York",
            ["John D. and Catherine T. MacArthur Foundation", "Carnegie Corporation of New York"],
        ),
        # Names known to contain "and" are never cut.
        ("Ministry of Foreign Affairs and Trade", ["Ministry of Foreign Affairs and Trade"]),
        (
            "Leon Levy Foundation and John D. and Catherine T. MacArthur Foundation",
            ["Leon Levy Foundation", "John D. and Catherine T. MacArthur Foundation"],
        ),
        (
            "Korea Foundation, Ministry of Foreign Affairs and Trade",
            ["Korea Foundation", "Ministry of Foreign Affairs and Trade"],
        ),
        # No-break spaces anywhere, runs of whitespace.
        (
            "ROK\u00a0Ministry of Unification\u00a0and\u202fLeon Levy Foundation",
            ["ROK Ministry of Unification", "Leon Levy Foundation"],
        ),
        ("  A  ,\n B  ", ["A", "B"]),
        # Empties dropped, duplicates removed (first spelling kept), order kept.
        ("A, , B;; and C", ["A", "B", "C"]),
        ("B, A, B", ["B", "A"]),
        ("Leon Levy Foundation; leon\u00a0levy foundation", ["Leon Levy Foundation"]),
        # "&" is part of a name, never a separator.
        ("Smith & Sons, Brown", ["Smith & Sons", "Brown"]),
        # "and" inside a word is no separator.
        ("Anderson Foundation and Sandia", ["Anderson Foundation", "Sandia"]),
        ("", []),
        ("   ", []),
        (",;", []),
        ("and", ["and"]),
    ],
)
def test_split_names(text, expected):
    assert split_names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ROK\u00a0Ministry", "ROK Ministry"),
        ("a\u202fb", "a b"),
        ("  a   b  ", "a b"),
        ("a\n\tb", "a b"),
        ("\u00a0\u00a0", ""),
        ("", ""),
        ("Kim Ch\u2019\u014fl", "Kim Ch\u2019\u014fl"),  # only whitespace changes
    ],
)
def test_normalize_space(text, expected):
    assert normalize_space(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pak H\u014fn-y\u014fng", "pak hon-yong"),  # breves
        ("Kim Il S\u014fng", "kim il song"),
        ("\u014cN", "on"),
        ("Kim Ch\u2019\u014fl", "kim ch'ol"),
        ("Ch\u02bcoe", "ch'oe"),
        ("\u2018quoted\u2019", "'quoted'"),
        ("it's", "it's"),
        ("1957\u20131958", "1957-1958"),
        ("a\u2014b", "a-b"),
        ("Kim\u2011su", "kim-su"),  # non-breaking hyphen
        ("Qiao Xiaoguang", "qiao xiaoguang"),
        ("L\u00dc JIANREN", "lu jianren"),
        ("\u00dcr\u00fcmchi", "urumchi"),
        ("B\u00e9la R\u00e9v\u00e9sz", "bela revesz"),
        ("Stra\u00dfe", "strasse"),  # casefold, not lower
        ("Wa\u0142\u0119sa", "walesa"),
        ("Gr\u00f8nland", "gronland"),
        ("\uff2b\uff49\uff4d", "kim"),  # fullwidth compatibility forms
        ("Kim\u00a0Il Sung", "kim il sung"),
        ("\u0425\u0440\u0443\u0449\u0451\u0432", "\u0445\u0440\u0443\u0449\u0435\u0432"),  # ё -> е
        ("", ""),
    ],
)
def test_fold(text, expected):
    assert fold(text) == expected


def test_fold_is_idempotent():
    for text in ["Pak H\u014fn-y\u014fng", "Stra\u00dfe", "Kim Ch\u2019\u014fl\u2011su"]:
        assert fold(fold(text)) == fold(text)
