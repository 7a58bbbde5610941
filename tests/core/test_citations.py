"""Archival citations and the archive table: fonds.core.citations, fonds.core.archives."""

import pytest

from fonds.core import archives
from fonds.core.citations import SourceCitation, parse_source
from fonds.core.record import Repository

AVPRF = Repository(code="AVPRF", name="Archive of Foreign Policy of the Russian Federation")
RGANI = Repository(code="RGANI", name="Russian State Archive of Contemporary History")
RGASPI = Repository(code="RGASPI", name="Russian State Archive of Socio-Political History")
GARF = Repository(code="GARF", name="State Archive of the Russian Federation")
PRC_FMA = Repository(
    code="PRC FMA", name="Archive of the Ministry of Foreign Affairs of the People's Republic of China"
)
NARA = Repository(code="NARA", name="National Archives and Records Administration")
MOL = Repository(code="MOL", name="Hungarian National Archives")
SAPMO = archives.by_code("SAPMO-BArch").repository  # type: ignore[union-attr]

GOLDEN = "AVPRF F. 0102, Op. 14, Delo 6, Listy 14-25. Translated for NKIDP by Gary Goldberg."


def test_golden_case():
    assert parse_source(GOLDEN) == SourceCitation(
        raw=GOLDEN,
        repository=AVPRF,
        reference={"fond": "0102", "opis": "14", "delo": "6", "listy": "14-25"},
        reference_text="F. 0102, Op. 14, Delo 6, Listy 14-25",
        translator="Gary Goldberg",
        translated_for="NKIDP",
    )


@pytest.mark.parametrize(
    ("text", "repository", "reference", "reference_text", "translator", "translated_for"),
    [
        # Real source lines of Wilson Center Digital Archive records (record ids in comments).
        (  # 280697
            "RGANI, f. 5, op. 49, d. 131, ll. 193-194. Translated by Gary Goldberg.",
            RGANI,
            {"fond": "5", "opis": "49", "delo": "131", "listy": "193-194"},
            "f. 5, op. 49, d. 131, ll. 193-194",
            "Gary Goldberg",
            None,
        ),
        (  # 134696
            "RGASPI, f. 558, op. 11, d. 97, ll. 67-70. Contributed by Sergey Radchenko and "
            "translated by Gary Goldberg.",
            RGASPI,
            {"fond": "558", "opis": "11", "delo": "97", "listy": "67-70"},
            "f. 558, op. 11, d. 97, ll. 67-70",
            "Gary Goldberg",
            None,
        ),
        (  # AVP inventories are numbered within a year: the bare 1946 is kept as "year".
            "AVPRF f. 0100, op. 34, 1946, p. 253, d. 18. Obtained and translated for CWIHP by "
            "Austin Jersild.",
            AVPRF,
            {"fond": "0100", "opis": "34", "year": "1946", "papka": "253", "delo": "18"},
            "f. 0100, op. 34, 1946, p. 253, d. 18",
            "Austin Jersild",
            "CWIHP",
        ),
        (  # 121893: only credits, a name list with an initial ("Karl P.")
            "Obtained by B\u00e9la R\u00e9v\u00e9sz; translated and edited by Barnab\u00e1s Vajd, "
            "Laura Deal, and Karl P. Benziger.",
            None,
            {},
            None,
            "Barnab\u00e1s Vajd, Laura Deal, and Karl P. Benziger",
            None,
        ),
        (  # 209833: a published book, no archive; the translator's initial must not end him
            "Milovan Djilas. Wartime. Translated by Michael B. Petrovich. (New York: Harcourt "
            "Brace Jovanovich, 1977), 385-387.",
            None,
            {},
            None,
            "Michael B. Petrovich",
            None,
        ),
        # Translator sentence first.
        (
            "Translated for NKIDP by Gary Goldberg. AVPRF F. 0102, Op. 14, Delo 6, Listy 14-25.",
            AVPRF,
            {"fond": "0102", "opis": "14", "delo": "6", "listy": "14-25"},
            "F. 0102, Op. 14, Delo 6, Listy 14-25",
            "Gary Goldberg",
            "NKIDP",
        ),
        (
            "Translated by Karl P. Benziger. RGANI f. 5, op. 30, d. 1.",
            RGANI,
            {"fond": "5", "opis": "30", "delo": "1"},
            "f. 5, op. 30, d. 1",
            "Karl P. Benziger",
            None,
        ),
        # Every label spelling.
        (
            "AVPRF, Fond 0102, Opis 14, Papka 77, Delo 6, Listy 88-91, 93",
            AVPRF,
            {"fond": "0102", "opis": "14", "papka": "77", "delo": "6", "listy": "88-91, 93"},
            "Fond 0102, Opis 14, Papka 77, Delo 6, Listy 88-91, 93",
            None,
            None,
        ),
        (
            "AVPRF, fond 0102, opis' 14, papka 77, Del. 6, list 5",
            AVPRF,
            {"fond": "0102", "opis": "14", "papka": "77", "delo": "6", "listy": "5"},
            "fond 0102, opis' 14, papka 77, Del. 6, list 5",
            None,
            None,
        ),
        (
            "AVPRF, F 0102, Op. 14, Por. 3, P. 77, D. 6, Ll. 14\u201325, 30ob.",
            AVPRF,
            {
                "fond": "0102",
                "opis": "14",
                "por": "3",
                "papka": "77",
                "delo": "6",
                "listy": "14-25, 30ob",
            },
            "F 0102, Op. 14, Por. 3, P. 77, D. 6, Ll. 14\u201325, 30ob",
            None,
            None,
        ),
        (
            "AVPRF, f. 0102, op. 14, Poriadkovyi 3, d. 6, l. 17a",
            AVPRF,
            {"fond": "0102", "opis": "14", "por": "3", "delo": "6", "listy": "17a"},
            "f. 0102, op. 14, Poriadkovyi 3, d. 6, l. 17a",
            None,
            None,
        ),
        (
            "GARF, F. R-5446, Op. 1, D. 480, L. 75 \u2013 79",
            GARF,
            {"fond": "R-5446", "opis": "1", "delo": "480", "listy": "75-79"},
            "F. R-5446, Op. 1, D. 480, L. 75 \u2013 79",
            None,
            None,
        ),
        (
            "RGANI, fond 89, perechen 18, dokument 5",
            RGANI,
            {"fond": "89", "perechen": "18", "dokument": "5"},
            "fond 89, perechen 18, dokument 5",
            None,
            None,
        ),
        (
            "РГАНИ, ф. 5, оп. 30, д. 141, лл. 1-2",
            RGANI,
            {"fond": "5", "opis": "30", "delo": "141", "listy": "1-2"},
            "ф. 5, оп. 30, д. 141, лл. 1-2",
            None,
            None,
        ),
        # Archive by full name, with its code in parentheses.
        (
            "Archive of Foreign Policy of the Russian Federation (AVPRF), fond 0102, opis 14, delo 6",
            AVPRF,
            {"fond": "0102", "opis": "14", "delo": "6"},
            "fond 0102, opis 14, delo 6",
            None,
            None,
        ),
        # Chinese Foreign Ministry Archive.
        (
            "PRC FMA 109-00083-03. Translated by Anna Beth Keim.",
            PRC_FMA,
            {"file": "109-00083-03"},
            "109-00083-03",
            "Anna Beth Keim",
            None,
        ),
        ("P.R.C. FMA 109-00083-03", PRC_FMA, {"file": "109-00083-03"}, "109-00083-03", None, None),
        (
            "Chinese Foreign Ministry Archive, No. 204-00007-15",
            PRC_FMA,
            {"file": "204-00007-15"},
            "No. 204-00007-15",
            None,
            None,
        ),
        # US National Archives style.
        (
            "NARA, RG 59, Entry 1234, Box 123, Folder \"Korea, 1957\"",
            NARA,
            {"record_group": "59", "entry": "1234", "box": "123", "folder": "\"Korea, 1957\""},
            "RG 59, Entry 1234, Box 123, Folder \"Korea, 1957\"",
            None,
            None,
        ),
        (
            "Record Group 59, Box 123, Folder Korea",
            None,
            {"record_group": "59", "box": "123", "folder": "Korea"},
            "Record Group 59, Box 123, Folder Korea",
            None,
            None,
        ),
        ("File No. 123", None, {"file": "123"}, "File No. 123", None, None),
        # Translator forms.
        ("Translated by Gary Goldberg.", None, {}, None, "Gary Goldberg", None),
        ("Translated by Gary Goldberg for CWIHP.", None, {}, None, "Gary Goldberg", "CWIHP"),
        ("Translated by X and Y.", None, {}, None, "X and Y", None),
        ("Obtained by X and translated by Y.", None, {}, None, "Y", None),
        ("Obtained and translated for CWIHP by X.", None, {}, None, "X", "CWIHP"),
        (
            "Translated from the Russian for the Cold War International History Project by Jane Doe.",
            None,
            {},
            None,
            "Jane Doe",
            "the Cold War International History Project",
        ),
        ("Translated by Jane Doe and edited by John Roe.", None, {}, None, "Jane Doe", None),
        # "for" inside a name that is not an acronym or "the ..." stays in the name.
        (
            "Translated by the Center for Korean Studies.",
            None,
            {},
            None,
            "the Center for Korean Studies",
            None,
        ),
        # Archive present but its reference scheme unknown: repository only.
        (
            "Hungarian National Archives (MOL), XIX-J-1-j Korea, 11. doboz",
            MOL,
            {},
            None,
            None,
            None,
        ),
        (
            "SAPMO-BArch, DY 30/3603. Translated for CWIHP by Bernd Schaefer.",
            SAPMO,
            {},
            None,
            "Bernd Schaefer",
            "CWIHP",
        ),
        # Archive named away from the start: found only by its exact form.
        ("Obtained from GARF by Sergey Radchenko.", GARF, {}, None, None, None),
        (
            "F. 0102, Op. 14, Delo 6, AVPRF",
            AVPRF,
            {"fond": "0102", "opis": "14", "delo": "6"},
            "F. 0102, Op. 14, Delo 6",
            None,
            None,
        ),
        # Unknown archive: never guessed, but its reference is still read.
        (
            "Archive of the Ukrainian National Chornobyl Museum, f. 1, op. 2, d. 3.",
            None,
            {"fond": "1", "opis": "2", "delo": "3"},
            "f. 1, op. 2, d. 3",
            None,
            None,
        ),
        # No-break spaces as browsers copy them.
        (
            "AVPRF\u00a0F.\u00a00102, Op.\u00a014, Delo\u00a06, Listy\u00a014-25.",
            AVPRF,
            {"fond": "0102", "opis": "14", "delo": "6", "listy": "14-25"},
            "F. 0102, Op. 14, Delo 6, Listy 14-25",
            None,
            None,
        ),
    ],
)
def test_parse_source(text, repository, reference, reference_text, translator, translated_for):
    citation = parse_source(text)
    assert citation.raw == text
    assert citation.repository == repository
    assert citation.reference == reference
    assert citation.reference_text == reference_text
    assert citation.translator == translator
    assert citation.translated_for == translated_for


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        ".",
        "by",
        "Translated by",
        "Translated for by",
        "junk junk junk",
        "(((",
        "F.",
        "F. , Op. ,",
        "; ; ;",
        "John Smith, d. 1957",  # "d." of a death date is no delo
        "Fifth Avenue, Box Hill",
        "\x00\x01",
        "AVPRF " * 200,
        "Translated by " * 50,
        "\u0410\u0412\u041f",
    ],
)
def test_parse_source_never_raises_and_keeps_raw(text):
    citation = parse_source(text)
    assert citation.raw == text
    assert isinstance(citation.reference, dict)
    if not citation.reference:
        assert citation.reference_text is None


@pytest.mark.parametrize(
    ("text", "code"),
    [("AVPRF", "AVPRF"), ("AVPRF F. 1", "AVPRF"), ("junk", None), ("", None), ("d. 1957", None)],
)
def test_parse_source_repository_only_when_named(text, code):
    citation = parse_source(text)
    assert (citation.repository.code if citation.repository else None) == code


# --- archives ---------------------------------------------------------------------------------

REQUIRED = [
    "AVPRF",
    "RGANI",
    "RGASPI",
    "GARF",
    "RGAE",
    "RGVA",
    "APRF",
    "TsAMO",
    "PRC FMA",
    "SAPMO-BArch",
    "NARA",
    "TNA",
    "MOL",
    "AAN",
    "PAAA",
]


@pytest.mark.parametrize("code", REQUIRED)
def test_required_archives_present(code):
    archive = archives.by_code(code)
    assert archive is not None
    assert archive.code == code
    assert archive.name and archive.country and len(archive.country) == 2


def test_table_has_no_conflicting_forms():
    # A form shared by two archives would make by_name depend on table order.
    seen: dict[str, str] = {}
    for archive in archives.ARCHIVES:
        for form in archive.forms:
            key = archives._key(form)
            assert seen.setdefault(key, archive.code) == archive.code, form


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("AVPRF", "AVPRF"),
        ("avprf", "AVPRF"),
        ("AVP RF", "AVPRF"),
        ("P.R.C. FMA", "PRC FMA"),
        ("prc-fma", "PRC FMA"),
        ("PRCFMA", "PRC FMA"),
        ("tsamo", "TsAMO"),
        ("SAPMO-BArch", "SAPMO-BArch"),
        ("sapmo barch", "SAPMO-BArch"),
        ("N.A.R.A.", "NARA"),
        ("XYZ", None),
        ("", None),
        ("Archive of Foreign Policy of the Russian Federation", None),  # a name, not a code
    ],
)
def test_by_code(code, expected):
    archive = archives.by_code(code)
    assert (archive.code if archive else None) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Archive of Foreign Policy of the Russian Federation", "AVPRF"),
        ("archive of foreign policy of the  russian federation", "AVPRF"),
        ("Archive\u00a0of Foreign Policy of the Russian Federation", "AVPRF"),
        ("\u0410\u0412\u041f \u0420\u0424", "AVPRF"),
        ("Russian State Archive of Contemporary History", "RGANI"),
        ("TsKhSD", "RGANI"),
        ("Rossiiskii gosudarstvennyi arkhiv noveishei istorii", "RGANI"),
        ("Rossiyskiy gosudarstvennyy arkhiv noveyshey istorii", "RGANI"),
        ("RTsKhIDNI", "RGASPI"),
        ("State Archive of the Russian Federation", "GARF"),
        ("Russian State Archive of the Economy", "RGAE"),
        ("Russian State Military Archive", "RGVA"),
        ("Presidential Archive of the Russian Federation", "APRF"),
        ("TsAMO RF", "TsAMO"),
        ("Chinese Foreign Ministry Archive", "PRC FMA"),
        ("Archive of the Ministry of Foreign Affairs of the People\u2019s Republic of China", "PRC FMA"),
        ("Stiftung Archiv der Parteien und Massenorganisationen der DDR im Bundesarchiv", "SAPMO-BArch"),
        ("U.S. National Archives", "NARA"),
        ("US National Archives and Records Administration", "NARA"),
        ("Public Record Office", "TNA"),
        ("The National Archives", "TNA"),
        ("Magyar Orsz\u00e1gos Lev\u00e9lt\u00e1r", "MOL"),
        ("Magyar Orszagos Leveltar", "MOL"),
        ("Archiwum Akt Nowych", "AAN"),
        ("Politisches Archiv des Ausw\u00e4rtigen Amts", "PAAA"),
        ("PA AA", "PAAA"),
        ("AVPRF", "AVPRF"),  # a code is a name too
        ("National Archives", None),  # ambiguous: US or UK
        ("Archive", None),
        ("", None),
    ],
)
def test_by_name(name, expected):
    archive = archives.by_name(name)
    assert (archive.code if archive else None) == expected


@pytest.mark.parametrize(
    ("text", "code", "rest"),
    [
        ("AVPRF F. 0102, Op. 14", "AVPRF", "F. 0102, Op. 14"),
        ("RGANI, f. 5", "RGANI", "f. 5"),
        ("P.R.C. FMA 109-00083-03", "PRC FMA", "109-00083-03"),
        ("SAPMO-BArch, DY 30/3603", "SAPMO-BArch", "DY 30/3603"),  # longest form wins
        ("SAPMO, DY 30", "SAPMO-BArch", "DY 30"),
        ("Archive of Foreign Policy of the Russian Federation (AVPRF), fond 1", "AVPRF", "fond 1"),
        ("Archive of Foreign Policy of the Russian Federation: f. 1", "AVPRF", "f. 1"),
        ("GARF", "GARF", ""),
        ("GARFIELD papers", None, None),  # a name ends at a word boundary
        ("PRO FO 371/123", "TNA", "FO 371/123"),
        ("TsAMO, f. 1", "TsAMO", "f. 1"),
        ("Pro-Soviet leaflet", None, None),  # short codes must be written as codes
        ("Mol. 5", None, None),
        ("avprf f. 5", None, None),
        ("Translated by X. AVPRF", None, None),
        ("", None, None),
    ],
)
def test_find_at_start(text, code, rest):
    found = archives.find_at_start(text)
    if code is None:
        assert found is None
    else:
        assert found is not None
        assert (found[0].code, found[1]) == (code, rest)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Obtained from GARF by X", "GARF"),
        ("Copy held at the Russian State Archive of Contemporary History", "RGANI"),
        ("a pro and a mol of salt", None),  # lowercase words are not codes
        ("Nothing here", None),
    ],
)
def test_find_in(text, code):
    archive = archives.find_in(text)
    assert (archive.code if archive else None) == code


def test_archive_repository():
    archive = archives.by_code("AVPRF")
    assert archive is not None
    assert archive.repository == AVPRF
