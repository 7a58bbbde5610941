"""Known archives: codes, full English names and the other names citations use for them.

Citations name the holding archive by a short code ("AVPRF", "RGANI, f. 5"), by its English name,
by a romanised or Cyrillic form of its own name, or by a former name (RGANI was TsKhSD). The
table below is data, one record per archive; lookups compare names through one key function so
that case, spacing and punctuation ("P.R.C. FMA", "AVP RF") never matter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from fonds.core.names import fold
from fonds.core.record import Repository

__all__ = ["ARCHIVES", "Archive", "by_code", "by_name", "find_at_start", "find_in"]


@dataclass(frozen=True)
class Archive:
    """An archive: its citation code, full English name, ISO 3166-1 country code, other names."""

    code: str
    name: str
    country: str
    aliases: tuple[str, ...] = ()

    @property
    def repository(self) -> Repository:
        """The archive as the record's :class:`~fonds.core.record.Repository`."""
        return Repository(code=self.code, name=self.name)

    @property
    def forms(self) -> tuple[str, ...]:
        """Every way of writing the archive: code, name, aliases."""
        return (self.code, self.name, *self.aliases)


ARCHIVES: tuple[Archive, ...] = (
    # --- Russian Federation -------------------------------------------------------------------
    Archive(
        "AVPRF",
        "Archive of Foreign Policy of the Russian Federation",
        "RU",
        (
            "AVP RF",
            "Archive of the Foreign Policy of the Russian Federation",
            "Foreign Policy Archive of the Russian Federation",
            "Arkhiv vneshnei politiki Rossiiskoi Federatsii",
            "Arkhiv vneshney politiki Rossiyskoy Federatsii",
            "АВП РФ",
            "Архив внешней политики Российской Федерации",
            # Its Soviet-era name, still cited for documents read before 1991.
            "AVP SSSR",
            "АВП СССР",
            "Archive of Foreign Policy of the USSR",
        ),
    ),
    Archive(
        "RGANI",
        "Russian State Archive of Contemporary History",
        "RU",
        (
            "Rossiiskii gosudarstvennyi arkhiv noveishei istorii",
            "Rossiyskiy gosudarstvennyy arkhiv noveyshey istorii",
            "РГАНИ",
            "Российский государственный архив новейшей истории",
            # Former name (1991-1999), cited in 1990s scholarship.
            "TsKhSD",
            "ЦХСД",
            "Center for the Storage of Contemporary Documentation",
            "Storage Center for Contemporary Documentation",
        ),
    ),
    Archive(
        "RGASPI",
        "Russian State Archive of Socio-Political History",
        "RU",
        (
            "Russian State Archive of Social and Political History",
            "Rossiiskii gosudarstvennyi arkhiv sotsial'no-politicheskoi istorii",
            "Rossiyskiy gosudarstvennyy arkhiv sotsialno-politicheskoy istorii",
            "РГАСПИ",
            "Российский государственный архив социально-политической истории",
            # Former name (1991-1999).
            "RTsKhIDNI",
            "РЦХИДНИ",
            "Russian Center for the Preservation and Study of Documents of Recent History",
        ),
    ),
    Archive(
        "GARF",
        "State Archive of the Russian Federation",
        "RU",
        (
            "Gosudarstvennyi arkhiv Rossiiskoi Federatsii",
            "Gosudarstvennyy arkhiv Rossiyskoy Federatsii",
            "ГАРФ",
            "Государственный архив Российской Федерации",
        ),
    ),
    Archive(
        "RGAE",
        "Russian State Archive of the Economy",
        "RU",
        (
            "Russian State Archive of Economics",
            "Russian State Economic Archive",
            "Rossiiskii gosudarstvennyi arkhiv ekonomiki",
            "Rossiyskiy gosudarstvennyy arkhiv ekonomiki",
            "РГАЭ",
            "Российский государственный архив экономики",
        ),
    ),
    Archive(
        "RGVA",
        "Russian State Military Archive",
        "RU",
        (
            "Rossiiskii gosudarstvennyi voennyi arkhiv",
            "Rossiyskiy gosudarstvennyy voyennyy arkhiv",
            "РГВА",
            "Российский государственный военный архив",
        ),
    ),
    Archive(
        "APRF",
        "Archive of the President of the Russian Federation",
        "RU",
        (
            "AP RF",
            "Presidential Archive of the Russian Federation",
            "Russian Presidential Archive",
            "Arkhiv Prezidenta Rossiiskoi Federatsii",
            "Arkhiv Prezidenta Rossiyskoy Federatsii",
            "АП РФ",
            "АПРФ",
            "Архив Президента Российской Федерации",
        ),
    ),
    Archive(
        "TsAMO",
        "Central Archive of the Ministry of Defense of the Russian Federation",
        "RU",
        (
            "TsAMO RF",
            "Central Archives of the Russian Ministry of Defense",
            "Central Archive of the Russian Ministry of Defence",
            "Tsentral'nyi arkhiv Ministerstva oborony Rossiiskoi Federatsii",
            "Tsentralnyy arkhiv Ministerstva oborony Rossiyskoy Federatsii",
            "ЦАМО",
            "ЦАМО РФ",
            "Центральный архив Министерства обороны Российской Федерации",
        ),
    ),
    Archive(
        "RGIA",
        "Russian State Historical Archive",
        "RU",
        (
            "Rossiiskii gosudarstvennyi istoricheskii arkhiv",
            "Rossiyskiy gosudarstvennyy istoricheskiy arkhiv",
            "РГИА",
            "Российский государственный исторический архив",
        ),
    ),
    # --- China --------------------------------------------------------------------------------
    Archive(
        "PRC FMA",
        "Archive of the Ministry of Foreign Affairs of the People's Republic of China",
        "CN",
        (
            "PRCFMA",
            "Chinese Foreign Ministry Archive",
            "Chinese Foreign Ministry Archives",
            "Foreign Ministry Archive of the People's Republic of China",
            "People's Republic of China Foreign Ministry Archive",
            "PRC Foreign Ministry Archive",
            "Waijiaobu Dang'anguan",
            "外交部档案馆",
            "中华人民共和国外交部档案馆",
        ),
    ),
    # --- Germany ------------------------------------------------------------------------------
    Archive(
        "SAPMO-BArch",
        "Foundation Archive of the Parties and Mass Organizations of the GDR in the Federal Archives",
        "DE",
        (
            "SAPMO",
            "SAPMO-BA",
            "Stiftung Archiv der Parteien und Massenorganisationen der DDR im Bundesarchiv",
        ),
    ),
    Archive(
        "BArch",
        "German Federal Archives",
        "DE",
        ("Bundesarchiv", "Federal Archives of Germany", "German Federal Archive"),
    ),
    Archive(
        "PAAA",
        "Political Archive of the Federal Foreign Office",
        "DE",
        (
            "PA AA",
            "Political Archive of the German Foreign Office",
            "Political Archives of the German Foreign Office",
            "Politisches Archiv des Auswärtigen Amts",
            "Politisches Archiv des Auswärtigen Amtes",
        ),
    ),
    Archive(
        "BStU",
        "Stasi Records Archive",
        "DE",
        (
            "Archive of the Federal Commissioner for the Stasi Records",
            "Bundesbeauftragte für die Unterlagen des Staatssicherheitsdienstes der ehemaligen DDR",
            "Stasi-Unterlagen-Archiv",
        ),
    ),
    # --- United States and United Kingdom -----------------------------------------------------
    Archive(
        "NARA",
        "National Archives and Records Administration",
        "US",
        (
            "US National Archives and Records Administration",
            "U.S. National Archives and Records Administration",
            "US National Archives",
            "U.S. National Archives",
            "National Archives (US)",
            "National Archives, College Park",
        ),
    ),
    Archive(
        "TNA",
        "The National Archives of the United Kingdom",
        "GB",
        (
            "The National Archives",
            "The National Archives, Kew",
            "UK National Archives",
            "National Archives (UK)",
            # Its name until 2003, still on many file references.
            "PRO",
            "Public Record Office",
        ),
    ),
    # --- Central and Eastern Europe -----------------------------------------------------------
    Archive(
        "MOL",
        "Hungarian National Archives",
        "HU",
        (
            "MNL OL",
            "Magyar Országos Levéltár",
            "Magyar Nemzeti Levéltár Országos Levéltára",
            "Magyar Nemzeti Levéltár",
            "National Archives of Hungary",
            "Hungarian National Archive",
        ),
    ),
    Archive(
        "AAN",
        "Archive of New Records",
        "PL",
        (
            "Archiwum Akt Nowych",
            "Archives of Modern Records",
            "Central Archives of Modern Records",
            "Polish Archive of New Records",
        ),
    ),
    Archive(
        "AIPN",
        "Archive of the Institute of National Remembrance",
        "PL",
        ("IPN", "Archiwum Instytutu Pamięci Narodowej"),
    ),
    Archive(
        "HDA SBU",
        "Sectoral State Archive of the Security Service of Ukraine",
        "UA",
        (
            "GDA SBU",
            "SBU Archive",
            "Branch State Archive of the Security Service of Ukraine",
            "Haluzevyi derzhavnyi arkhiv Sluzhby bezpeky Ukrainy",
            "ГДА СБУ",
        ),
    ),
)

# Word characters only: "P.R.C. FMA", "prc fma" and "PRC-FMA" share the key "prcfma".
_NON_WORD = re.compile(r"[\W_]+")
# Separators left between an archive's name and the reference that follows it.
_LEADING_SEPARATORS = re.compile(r"^[\s,.;:\-\u2013\u2014]+")
# "Archive of ... (AVPRF)": a parenthesised code right after a name.
_PAREN = re.compile(r"^\s*\(([^()]{1,60})\)")
# An archive's name is never longer than this; longer prefixes are not looked up.
_MAX_NAME_CHARS = 120


def _key(text: str) -> str:
    """The comparison key of a code or name: folded, with everything but letters and digits gone."""
    return _NON_WORD.sub("", fold(text))


@lru_cache(maxsize=1)
def _index() -> dict[str, Archive]:
    """Every form of every archive by key. The first archive to claim a key keeps it."""
    index: dict[str, Archive] = {}
    for archive in ARCHIVES:
        for form in archive.forms:
            index.setdefault(_key(form), archive)
    return index


def by_code(code: str) -> Archive | None:
    """The archive with this code (case and punctuation ignored: ``"P.R.C. FMA"``), or None."""
    key = _key(code)
    for archive in ARCHIVES:
        if _key(archive.code) == key:
            return archive
    return None


def by_name(name: str) -> Archive | None:
    """The archive whose full name, code or alias this is (case and spacing ignored), or None."""
    key = _key(name)
    return _index().get(key) if key else None


def find_at_start(text: str) -> tuple[Archive, str] | None:
    """The archive named at the very start of ``text`` and the text after it, or None.

    The longest name wins ("SAPMO-BArch" over "SAPMO"), the name must end at a word boundary
    ("GARFIELD" is not GARF), and a parenthesised code after a name is consumed with it. The rest
    is returned without the separators (", ", ": ") that followed the name.
    """
    best: tuple[Archive, int] | None = None
    index = _index()
    for end in _word_ends(text):
        if end > _MAX_NAME_CHARS:
            break
        archive = index.get(_key(text[:end]))
        if archive is not None and _written_as_name(text[:end], archive):
            best = (archive, end)  # ends ascend, so the last hit is the longest
    if best is None:
        return None
    archive, end = best
    rest = text[end:]
    paren = _PAREN.match(rest)
    if paren and by_name(paren.group(1)) is archive:
        rest = rest[paren.end() :]
    return archive, _LEADING_SEPARATORS.sub("", rest)


def find_in(text: str) -> Archive | None:
    """The first archive named anywhere in ``text``, or None.

    Away from the start, only an exact, case-sensitive form counts (a code in capitals, a name as
    the table spells it), so that ordinary words ("pro", "Mol") are never taken for archives.
    """
    found = find_at_start(text)
    if found is not None:
        return found[0]
    best: tuple[int, int, Archive] | None = None  # (position, -length, archive)
    for pattern, archive in _form_patterns():
        match = pattern.search(text)
        if match:
            candidate = (match.start(), -len(match.group(0)), archive)
            if best is None or candidate[:2] < best[:2]:
                best = candidate
    return best[2] if best else None


@lru_cache(maxsize=1)
def _form_patterns() -> tuple[tuple[re.Pattern[str], Archive], ...]:
    """A case-sensitive whole-word pattern for every form of every archive, any spacing between words."""
    return tuple(
        (re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, form.split())) + r"(?!\w)"), archive)
        for archive in ARCHIVES
        for form in archive.forms
    )


def _written_as_name(matched: str, archive: Archive) -> bool:
    """Whether a short match is written as a code: "PRO" and "MOL" are archives, "Pro-" is not.

    Codes of up to five letters must appear in capitals or exactly as the table spells them
    ("TsAMO"); longer names match in any case.
    """
    letters = _NON_WORD.sub("", matched)
    if len(letters) > 5:
        return True
    return letters.isupper() or any(letters == _NON_WORD.sub("", form) for form in archive.forms)


def _word_ends(text: str) -> list[int]:
    """Offsets just after each run of letters or digits: the places a name may end."""
    return [m.end() for m in re.finditer(r"[^\W_]+", text)]
