"""Korean names: McCune-Reischauer, Revised Romanization, conventional and Soviet-Russian spellings.

A romanised Korean name is read back to Hangul syllables, then written out in each scheme:

- McCune-Reischauer (MR, the scholarly and North Korean standard): Kim Il-sŏng, P'yŏngyang;
- Revised Romanization (RR, South Korea since 2000): Kim Il-seong, Pyeongyang;
- conventional English spellings: Kim Il Sung, Kim Jong Il, Kim Dae Jung;
- the Soviet-era Russian forms as translators print them: Kim Ir Sen, Pak Hen En (persons only).

Every spelling is made from the jamo tables below, syllable by syllable; only the syllables of
``data/korean_syllables.tsv`` (the Sino-Korean readings names are made of) are accepted, and a
person's first word must be a surname of ``data/korean_surnames.tsv``, whose customary spellings
(Kim, Park/Pak, Lee/Yi/Ri, Choi/Ch'oe) are used instead of the syllable rules.

Lossy input ("Sung" may be 성, 승 or 숭; "Hen" may be 헌, 현 or 형) has several readings; they are
ranked by how common their syllables are in names, and only the best few are written out.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cache

from fonds.core.romanization._common import BREVE, Spelling, capitalize, data_lines, letters, segment

MCCUNE_REISCHAUER = "rule:mccune-reischauer"
REVISED = "rule:revised-romanization"
RUSSIAN = "rule:russian-korean"
CONVENTIONAL = "rule:conventional"

# How many readings of a lossy spelling are written out: the best in every scheme, the next ones
# in MR and RR only; a Soviet form ("Pak Hen En" is 헌/현/형 × 영/연/언) keeps more, in MR only.
MAX_READINGS = 4
MAX_RUSSIAN_READINGS = 9
MAX_GIVEN_SYLLABLES = 2
MAX_PLACE_SYLLABLES = 5
TIER_2_RANK = 1000

# --- jamo tables ---------------------------------------------------------------------------------
# Initials in Unicode order: ㄱ ㄲ ㄴ ㄷ ㄸ ㄹ ㅁ ㅂ ㅃ ㅅ ㅆ ㅇ ㅈ ㅉ ㅊ ㅋ ㅌ ㅍ ㅎ.
# Each scheme gives (spelling at the start of a word or after k/p/t, spelling after a voiced sound).
INITIALS_MR = (
    ("k", "g"), ("kk", "kk"), ("n", "n"), ("t", "d"), ("tt", "tt"), ("r", "r"), ("m", "m"),
    ("p", "b"), ("pp", "pp"), ("s", "s"), ("ss", "ss"), ("", ""), ("ch", "j"), ("tch", "tch"),
    ("ch'", "ch'"), ("k'", "k'"), ("t'", "t'"), ("p'", "p'"), ("h", "h"),
)  # fmt: skip
INITIALS_RR = (
    ("g", "g"), ("kk", "kk"), ("n", "n"), ("d", "d"), ("tt", "tt"), ("r", "r"), ("m", "m"),
    ("b", "b"), ("pp", "pp"), ("s", "s"), ("ss", "ss"), ("", ""), ("j", "j"), ("jj", "jj"),
    ("ch", "ch"), ("k", "k"), ("t", "t"), ("p", "p"), ("h", "h"),
)  # fmt: skip
# Conventional English usage: RR's unaspirated consonants (Dae, Jong, Bong), MR's k for a word's ㄱ.
INITIALS_CONVENTIONAL = (
    ("k", "g"), ("kk", "kk"), ("n", "n"), ("d", "d"), ("tt", "tt"), ("r", "r"), ("m", "m"),
    ("b", "b"), ("pp", "pp"), ("s", "s"), ("ss", "ss"), ("", ""), ("j", "j"), ("jj", "jj"),
    ("ch", "ch"), ("k", "k"), ("t", "t"), ("p", "p"), ("h", "h"),
)  # fmt: skip
# Soviet practice (Ким Ир Сен, Пак Хен Ен, Ким Ду Бон) as English translations print it.
INITIALS_RUSSIAN = (
    ("k", "g"), ("kk", "kk"), ("n", "n"), ("t", "d"), ("tt", "tt"), ("r", "r"), ("m", "m"),
    ("p", "b"), ("pp", "pp"), ("s", "s"), ("ss", "ss"), ("", ""), ("ch", "ch"), ("tch", "tch"),
    ("ch", "ch"), ("kh", "kh"), ("th", "th"), ("ph", "ph"), ("h", "h"),
)  # fmt: skip
# Medials in Unicode order: ㅏ ㅐ ㅑ ㅒ ㅓ ㅔ ㅕ ㅖ ㅗ ㅘ ㅙ ㅚ ㅛ ㅜ ㅝ ㅞ ㅟ ㅠ ㅡ ㅢ ㅣ.
MEDIALS_MR = tuple("a ae ya yae ŏ e yŏ ye o wa wae oe yo u wŏ we wi yu ŭ ŭi i".split())
MEDIALS_RR = tuple("a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i".split())
MEDIALS_RUSSIAN = tuple("a e ya ye e e e ye o va ve ve yo u vo ve vi yu y yi i".split())
# Other spellings read (never written) for a medial: conventional English ("Sung", "Hyun", "Doo",
# "Lee") and Kontsevich-style Russian ("Kim Ir Son").
MEDIALS_READ: dict[int, tuple[str, ...]] = {
    4: ("u",),
    6: ("yu", "you"),
    13: ("oo",),
    18: ("u",),
    19: ("ee",),
    20: ("ee",),
    11: ("oi",),
}
MEDIALS_READ_RUSSIAN: dict[int, tuple[str, ...]] = {
    4: ("o",),
    1: ("ai",),
    11: ("oe", "oi"),
    12: ("e",),
    19: ("ui",),
    9: ("wa",),
    14: ("wo",),
    16: ("wi",),
}
# Finals (only those of Sino-Korean syllables): index in Unicode order -> spelling.
FINALS_MR = {0: "", 1: "k", 4: "n", 8: "l", 16: "m", 17: "p", 21: "ng"}
FINALS_RUSSIAN = {0: "", 1: "k", 4: "n", 8: "r", 16: "m", 17: "p", 21: "n"}
# Conventional spelling of ㅓ and ㅕ before -n/-ng (Sung, Chung, Hyun, Myung) and of 희 (Hee).
CONVENTIONAL_U = {4: "u", 6: "yu"}
CONVENTIONAL_EE = 19

_VOICED_FINALS = {0, 4, 8, 16, 21}  # vowel, n, l, m, ng
# MR and conventional spellings do not voice after l: Sino-Korean tenses a consonant there (Chŏng
# Il-kwŏn, not Il-gwŏn).
_VOICED_FINALS_MR = {0, 4, 16, 21}
# ㅅ, ㄹ, final ㄹ, and ㅣ ㅟ: McCune and Reischauer wrote 시 "shi", the Library of Congress and most
# printed MR "si"; "shi" is read, "si" written.
_S, _R, _L_FINAL, _I_LIKE = 9, 5, 8, (20, 16)
_HANGUL_BASE = 0xAC00


def jamo(syllable: str) -> tuple[int, int, int]:
    """The (initial, medial, final) indices of a Hangul syllable."""
    code = ord(syllable) - _HANGUL_BASE
    return code // 588, (code % 588) // 28, code % 28


# --- data ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Surname:
    hangul: str
    mccune_reischauer: str
    conventional: str
    russian: str
    others: tuple[str, ...]

    def spellings(self) -> list[str]:
        return [self.mccune_reischauer, self.conventional, self.russian, *self.others]


@dataclass(frozen=True)
class _Tables:
    rank: dict[str, int]  # syllable -> rank (0 = most common in names)
    romanized: dict[str, dict[str, int]]  # MR/RR/conventional spelling -> {syllable: cost}
    places: dict[str, dict[str, int]]  # MR/RR spelling (no conventional vowels) -> {syllable: cost}
    russian: dict[str, dict[str, int]]  # Soviet-form spelling -> {syllable: cost}
    surnames: dict[str, Surname]  # hangul -> surname
    surname_spellings: dict[str, list[str]]  # folded spelling -> [hangul]


@cache
def tables() -> _Tables:
    """The syllable and surname tables, loaded once."""
    rank: dict[str, int] = {}
    for row in data_lines("korean_syllables.tsv"):
        syllable, tier = row[0], row[1].strip()
        # Tier 1 in its order of frequency; all of tier 2 alike, after it.
        rank[syllable] = len(rank) if tier == "1" else TIER_2_RANK
    surnames: dict[str, Surname] = {}
    surname_spellings: dict[str, list[str]] = {}
    for row in data_lines("korean_surnames.tsv"):
        row += [""] * (5 - len(row))
        s = Surname(row[0], row[1], row[2], row[3], tuple(o for o in row[4].split(",") if o))
        surnames[s.hangul] = s
        # Also read (never written): the surname spelt by the syllable rules, "Gim" and "Bak".
        for spelling in [*s.spellings(), revised(s.hangul), _bare(mccune_reischauer(s.hangul))]:
            hanguls = surname_spellings.setdefault(_plain(spelling), [])
            if s.hangul not in hanguls:
                hanguls.append(s.hangul)
    romanized: dict[str, dict[str, int]] = {}
    places: dict[str, dict[str, int]] = {}
    russian: dict[str, dict[str, int]] = {}
    for syllable in rank:
        for spelling, cost in _read_spellings(syllable):
            _add(romanized, spelling, syllable, cost)
        for spelling, cost in _read_spellings(syllable, conventional=False):
            _add(places, spelling, syllable, cost)
        for spelling, cost in _read_spellings_russian(syllable):
            _add(russian, spelling, syllable, cost)
    return _Tables(rank, romanized, places, russian, surnames, surname_spellings)


def _add(index: dict[str, dict[str, int]], spelling: str, syllable: str, cost: int) -> None:
    costs = index.setdefault(spelling, {})
    costs[syllable] = min(cost, costs.get(syllable, cost))


def _plain(text: str) -> str:
    """A spelling without marks and apostrophes, for looking up surnames."""
    return letters(text).replace("'", "").replace("-", "")


def _read_spellings(syllable: str, *, conventional: bool = True) -> list[tuple[str, int]]:
    """Every MR, RR and (if ``conventional``) conventional spelling of a syllable, in any position,
    with its cost in a name that writes MR's marks: 0 for MR, 1 for the others and for MR without
    an apostrophe. Place names are read without the conventional vowels ("Sung" for 성 is a
    personal-name habit), which keeps "Sudan" and "Lee Hamilton" from being read as Korean."""
    i, m, f = jamo(syllable)
    if f not in FINALS_MR:
        return []
    out: dict[str, int] = {}

    def add(initials: set[str], medials: set[str], cost: int) -> None:
        for a, b in itertools.product(initials, medials):
            spelling = a + b + FINALS_MR[f]
            for form, extra in ((spelling, 0), (spelling.replace("ŏ", "o").replace("ŭ", "u"), 0)):
                out[form] = min(cost + extra, out.get(form, cost + extra))
                bare = form.replace("'", "")
                out[bare] = min(cost + 1 if bare != form else cost, out.get(bare, 9))

    mr_initials = set(INITIALS_MR[i]) | ({"sh"} if i == _S and m in _I_LIKE else set())
    add(mr_initials, {MEDIALS_MR[m]}, 0)
    others = set(INITIALS_RR[i]) | set(INITIALS_CONVENTIONAL[i]) | ({"l"} if i == _R else set())
    add(others | mr_initials, {MEDIALS_RR[m], MEDIALS_MR[m]}, 1)
    if conventional:
        extra = set(MEDIALS_READ.get(m, ()))
        if i == 11 and m == 13:  # 우 is "Woo" (Roh Tae-woo)
            extra |= {"woo", "wu"}
        add(others | mr_initials, extra, 1)
    return list(out.items())


def _read_spellings_russian(syllable: str) -> list[tuple[str, int]]:
    """Every Soviet-form spelling of a syllable ("Sen" for 성 and 선), with its cost."""
    i, m, f = jamo(syllable)
    if f not in FINALS_RUSSIAN:
        return []
    initials = set(INITIALS_RUSSIAN[i])
    if i == 12:  # ㅈ: Чжон, Дзё
        initials |= {"j", "dzh", "zh"}
    if i == 18:  # ㅎ: Хен is "Hen" or "Khen"
        initials.add("kh")
    if i == _R:
        initials.add("l")
    if i in (15, 16, 17):  # aspirates are often printed without their h
        initials.add(INITIALS_RUSSIAN[i][0][0])
    medials = {(MEDIALS_RUSSIAN[m], 0)} | {(x, 1) for x in MEDIALS_READ_RUSSIAN.get(m, ())}
    if i == 11 and m in (4, 6):  # Ен, Ен: 영 and 언 are printed "En" and "Yen"
        medials.add(("ye", 0))
    out: dict[str, int] = {}
    for a, (b, cost) in itertools.product(initials, medials):
        spelling = a + b + FINALS_RUSSIAN[f]
        out[spelling] = min(cost, out.get(spelling, cost))
    return list(out.items())


# --- reading -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    """Hangul read from a romanised name: the surname (persons only) and the other words."""

    surname: str | None
    words: tuple[tuple[str, ...], ...]
    cost: int
    russian: bool = False

    def given(self) -> tuple[str, ...]:
        return tuple(s for w in self.words for s in w)


def read(name: str, kind: str) -> list[Reading]:
    """Hangul readings of a romanised Korean name, best first ([] if it is not one)."""
    words = letters(name, keep=BREVE).split()
    if not words or not all(w.replace("-", "").replace("'", "").isalpha() for w in words):
        return []
    t = tables()
    if kind == "organisation":  # organisations are translated, not romanised, in Korean sources
        return []
    if kind == "person":
        if len(words) < 2:
            return []
        surnames = t.surname_spellings.get(_plain(words[0]), [])
        rest = words[1:]
        if not surnames:
            return []
    else:
        surnames, rest = [], words
    readings: list[Reading] = []
    romanized = t.romanized if kind == "person" else t.places
    for index, russian in ((romanized, False), (t.russian, True)):
        if russian and kind != "person":
            continue
        # Soviet forms keep their costs; romanised ones only in a name that writes MR's marks.
        careful = russian or any(c in name for c in "'’ʼ‘ŏŭŎŬ")
        per_word = [_read_word(w, index, careful=careful) for w in rest]
        if any(not options for options in per_word):
            continue
        flat = [opts for w in per_word for opts in w]
        n = len(flat)
        if kind == "person" and not 1 <= n <= MAX_GIVEN_SYLLABLES:
            continue
        if kind != "person" and not (2 <= n <= MAX_PLACE_SYLLABLES and _looks_korean_place(rest)):
            continue
        sizes = [len(w) for w in per_word]
        for surname in surnames or [None]:
            for choice in itertools.product(*flat):
                cost = sum(c for _, c in choice)
                syllables = [s for s, _ in choice]
                it = iter(syllables)
                grouped = tuple(tuple(next(it) for _ in range(k)) for k in sizes)
                readings.append(Reading(surname, grouped, cost, russian))
    readings.sort(key=lambda r: (r.cost, sum(t.rank[s] for s in r.given())))
    unique: list[Reading] = []
    seen = set()
    for r in readings:
        if (r.surname, r.words) not in seen:
            seen.add((r.surname, r.words))
            unique.append(r)
    return unique


def is_person_name(name: str) -> bool:
    """Whether ``name`` reads as a Korean person's name (surname first) in some scheme."""
    return bool(read(name, "person"))


def is_surname(word: str) -> bool:
    """Whether one word is a spelling of a Korean surname ("Kim", "Pak", "Ch'oe", "Rhee")."""
    return _plain(word) in tables().surname_spellings


def _read_word(
    word: str, index: dict[str, dict[str, int]], *, careful: bool = False
) -> list[list[tuple[str, int]]]:
    """The syllable options of one word (hyphenated or joined), or [] if it cannot be read.

    In a ``careful`` name (one that writes MR's marks) a missing apostrophe is taken as meant:
    "Kang Pan-sŏk" is 반석 before 판석; otherwise both readings cost the same."""
    out: list[list[tuple[str, int]]] = []
    for chunk in word.split("-"):
        if not chunk:
            continue
        cuts = segment(chunk, index.keys())
        if not cuts:
            return []
        for piece in cuts[0]:
            options = [(s, c if careful else 0) for s, c in index[piece].items()]
            out.append(sorted(options, key=lambda sc: (sc[1], tables().rank[sc[0]])))
    return out


def _looks_korean_place(words: list[str]) -> bool:
    """A place name is read as Korean only if it has a closed syllable or a Korean-only spelling
    (ŏ, ŭ, eo, eu, ae, oe, j). "China", "Panama" and "Cuba" are made of valid syllables too, but
    only open ones."""
    text = "".join(words)
    return any(m in text for m in ("ŏ", "ŭ", "'", "eo", "eu", "ae", "oe", "j")) or any(
        c in "nmlkp" and (i + 1 == len(text) or text[i + 1] not in "aeiouyw'")
        for i, c in enumerate(text)
        if i > 0 and text[i - 1] in "aeiouŏŭ"
    )


# --- writing -------------------------------------------------------------------------------------


def mccune_reischauer(syllables: tuple[str, ...] | list[str]) -> str:
    """One word (a given name or place) in MR, as one string: ("일", "성") -> "ilsŏng"."""
    return "".join(_syllables(syllables, INITIALS_MR, MEDIALS_MR, FINALS_MR))


def revised(syllables: tuple[str, ...] | list[str]) -> str:
    """One word in Revised Romanization: ("평", "양") -> "pyeongyang"."""
    return "".join(_syllables(syllables, INITIALS_RR, MEDIALS_RR, FINALS_MR))


def _syllables(
    syllables: tuple[str, ...] | list[str],
    initials: tuple[tuple[str, str], ...],
    medials: tuple[str, ...],
    finals: dict[int, str],
    *,
    after_voiced: bool = False,
    conventional_u: bool = False,
    conventional_oo: bool = False,
) -> list[str]:
    """Each syllable's spelling in a scheme, its initial voiced after a vowel, n, m or ng (and l in
    the Soviet forms); ``after_voiced`` voices the first one too. ``conventional_u`` and
    ``conventional_oo`` write the English habits Sung, Hyun, Hee and Doo."""
    out: list[str] = []
    previous_final: int | None = None
    for syllable in syllables:
        i, m, f = jamo(syllable)
        voicing = _VOICED_FINALS if initials is INITIALS_RUSSIAN else _VOICED_FINALS_MR
        voiced = (previous_final is None and after_voiced) or (
            previous_final is not None and previous_final in voicing
        )
        initial = initials[i][1 if voiced else 0]
        if i == _R and previous_final == _L_FINAL:
            initial = "l"
        medial = medials[m]
        if conventional_u and f in (4, 21) and m in CONVENTIONAL_U:
            medial = CONVENTIONAL_U[m]
        if conventional_u and m == CONVENTIONAL_EE and i != 11:
            medial = "ee"
        if conventional_oo and m == 13 and f == 0:  # Doo, Soo, Woo, Joo
            medial = "oo"
        out.append(initial + medial + finals.get(f, ""))
        previous_final = f
    return out


def _hyphenated(parts: list[str]) -> str:
    return capitalize(parts[0]) + "".join("-" + p for p in parts[1:])


def variants(name: str, kind: str) -> list[Spelling]:
    """MR, RR, conventional and (for persons) Soviet-Russian spellings of a Korean name."""
    readings = read(name, kind)
    if not readings:
        return []
    out: list[Spelling] = []
    russian_input = readings[0].russian
    limit = MAX_RUSSIAN_READINGS if russian_input else MAX_READINGS
    for n, reading in enumerate(readings[:limit]):
        if kind == "person":
            out.extend(_person(reading, full=n == 0, mr_only=russian_input and n > 0))
        else:
            out.extend(_place(reading))
    return out


def _person(reading: Reading, *, full: bool, mr_only: bool) -> list[Spelling]:
    assert reading.surname is not None
    surname = tables().surnames[reading.surname]
    given = reading.given()
    mr = _hyphenated(_syllables(given, INITIALS_MR, MEDIALS_MR, FINALS_MR))
    out = [(f"{surname.mccune_reischauer} {mr}", MCCUNE_REISCHAUER)]
    if mr_only:
        return out
    rr = _hyphenated(_syllables(given, INITIALS_RR, MEDIALS_RR, FINALS_MR))
    out.append((f"{surname.conventional} {rr}", REVISED))
    if not full:
        return out
    # Three conventional English forms: MR's consonants with "u" for ŏ (Kim Il Sung, Park Chung
    # Hee); RR's consonants with MR's vowels (Kim Jong Il, Kim Dae Jung); RR's consonants with "u"
    # and "oo" (Choi Doo Sun, Roh Tae Woo).
    habits = (
        (INITIALS_MR, True, False),
        (INITIALS_CONVENTIONAL, False, False),
        (INITIALS_CONVENTIONAL, True, True),
    )
    for initials, u, oo in habits:
        spelled = _syllables(given, initials, MEDIALS_MR, FINALS_MR, conventional_u=u, conventional_oo=oo)
        out.append(
            (f"{surname.conventional} " + " ".join(capitalize(_bare(s)) for s in spelled), CONVENTIONAL)
        )
    russian = _syllables(
        given, INITIALS_RUSSIAN, MEDIALS_RUSSIAN, FINALS_RUSSIAN, after_voiced=_voiced_end(reading.surname)
    )
    out.append((f"{surname.russian} " + " ".join(capitalize(s) for s in russian), RUSSIAN))
    # The surname's other customary spellings with the MR given name: Park/Pak, Ri/Lee/Rhee.
    for other in [surname.mccune_reischauer, surname.conventional, *surname.others]:
        out.append((f"{other} {_bare(mr)}", CONVENTIONAL))
    return out


def _place(reading: Reading) -> list[Spelling]:
    mr = " ".join(capitalize(mccune_reischauer(w)) for w in reading.words)
    rr = " ".join(capitalize(revised(w)) for w in reading.words)
    return [(mr, MCCUNE_REISCHAUER), (rr, REVISED)]


def _voiced_end(hangul: str) -> bool:
    """Whether a surname ends in a voiced sound, so that the given name's first consonant is voiced
    in the Soviet forms (Ким Ду Бон) though not in MR (Kim Tu-bong)."""
    return jamo(hangul[-1])[2] in _VOICED_FINALS


def _bare(text: str) -> str:
    return text.replace("ŏ", "o").replace("ŭ", "u").replace("Ŏ", "O").replace("Ŭ", "U").replace("'", "")
