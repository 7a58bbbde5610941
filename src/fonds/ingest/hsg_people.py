"""Parser for the Office of the Historian's person records (HistoryAtState/people), one per file.

Each file holds one ``<person>`` and yields one :class:`~fonds.ingest.base.Item` whose
``authority`` is a person, with the id ``hsg-person-<id>``:

* ``name``: ``names/preferred/name`` as written ("Dennis, Lloyd"; inverted, as the Office files it).
* ``variants``: every ``names/alternates/name`` (the Office's own additions, mostly romanisations,
  with no source of their own), then every ``names/originals/original/name`` (each spelling as a
  FRUS persons list or a Department history page printed it, titles and all) with the original's
  *first* ``source-url`` as ``source``. Each spelling is kept once, by exact text after whitespace
  is tidied; a spelling met first as an alternate takes the source of the original that repeats it.
  The preferred name itself is never a variant.
* ``titles``: the ``names/titles-from-name`` names ("Lieutenant Commander"), once each, in order
  (``title`` elements, and the one record that writes ``title-from-name``).
* ``start``/``end``: ``birth-year``/``death-year`` as EDTF years ("1850"; "0850" for a short year).
* ``external_ids``: ``{"viaf": "<id>"}`` when ``authorities/authority[@service="viaf"]`` has an id
  (a ``viaf.org`` URL is reduced to its id); another service's authority is kept under its name.
* ``description``: the remarks (``remarks/remark/p``), chosen and ordered by :func:`describe`.

The 16,312 records of HistoryAtState/people (commit 4d7a5782) all parse: 11,661 variants, 725 VIAF
ids, 3,900 birth and 2,096 death years, 2,033 persons with titles; :func:`variant_pairs` finds
1,576 pairs for 1,087 persons.

A file that is not well-formed XML, has no ``<person>`` root, no id or no preferred name, a
birth or death year that is not a year, a death before the birth, or a VIAF id that is not a
number gives one error Item naming the file, the line and the element; the other files go on.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from lxml import etree

from fonds.core.authority import PERSON, AuthorityData, Variant
from fonds.core.names import fold, normalize_space
from fonds.ingest.base import Code, Item, ParseError, Source, unreadable
from fonds.ingest.tei_safe import parse_xml

__all__ = [
    "DESCRIPTION_LIMIT", "HONORIFICS", "ID_PREFIX", "HsgPeopleParser", "describe", "parser", "person_authority",
    "root_tag", "variant_pairs",
]  # fmt: skip

ID_PREFIX = "hsg-person-"
# The description is a summary for lists and search results, not the whole record: the remarks
# of the most-cited people run to 12,000 characters of near-repeats.
DESCRIPTION_LIMIT = 600

_ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
_YEAR_RE = re.compile(r"(-?)(\d{1,4})")
_VIAF_RE = re.compile(r"(?:https?://(?:www\.)?viaf\.org/viaf/)?(\d+)/?")
_ROOT_RE = re.compile(r"<([A-Za-z_][\w.:-]*)[\s/>]")
# A remark that only points elsewhere ("see Deng Xiaoping"): kept only when there is nothing else.
_CROSS_REFERENCE = re.compile(r"see\b", re.IGNORECASE)
# Pages the Office writes about a person (Department history biographies, the presidents list),
# as opposed to the persons lists of FRUS volumes (``/historicaldocuments/``).
_CURATED = re.compile(r"^https?://history\.state\.gov/(?!historicaldocuments/)")
# Words that say what a person was, not who: left out when comparing names (symmetrically, so a
# surname King or Don still compares equal to itself). Folded forms.
HONORIFICS = frozenset(
    "mr mrs ms miss dr sir dame lord lady madame mme mlle monsieur senor senora don dona herr frau "
    "general gen admiral adm colonel col major captain capt lieutenant lt commander cdr marshal "
    "president premier prime minister chancellor king queen prince princess emperor empress shah "
    "sheikh sultan emir amir ambassador secretary senator governor judge justice father bishop "
    "cardinal pope jr sr ii iii iv".split()
)
_WORD = re.compile(r"[^\W_]+")
_APOSTROPHE = re.compile(r"'")


class HsgPeopleParser:
    """Reads an Office of the Historian person record: one person authority per file."""

    name = "hsg-people"
    description = "Office of the Historian person record, XML (HistoryAtState/people; one person per file)"

    def score(self, path: Path, head: str) -> float:
        """0.95 for a ``<person>`` root with ``<names>`` and ``<preferred>``; 0 otherwise."""
        root = root_tag(head)
        if root != "person":
            return 0.0
        return 0.95 if "<names" in head and "<preferred" in head else 0.1

    def parse(self, source: Source) -> Iterator[Item]:
        """Yield one Item: the person, or the error that stopped the file."""
        name = source.name
        try:
            root = parse_xml(source.text).getroot()
            authority = person_authority(root)
        except ParseError as exc:
            yield Item(location=name, error=exc.to_error(name))
            return
        except (UnicodeDecodeError, OSError) as exc:
            yield unreadable(name, exc)
            return
        yield Item(location=name, authority=authority)


def person_authority(root: etree._Element) -> AuthorityData:
    """The person that a parsed ``<person>`` element describes; :class:`ParseError` if it cannot be read."""
    if root.tag != "person":
        message = f"the root element is <{root.tag}>, not <person> (not an Office of the Historian person record?)"
        raise ParseError(Code.BAD_FIELD, message, line=root.sourceline, element=str(root.tag))
    person_id = _text(root.find("id"))
    if not person_id:
        raise ParseError(Code.MISSING_FIELD, "the person has no <id>", line=root.sourceline, element="id")
    if not _ID_RE.fullmatch(person_id):
        el = root.find("id")
        raise ParseError(Code.BAD_FIELD, f"the id {person_id!r} is not a record id", line=el.sourceline, element="id")
    preferred_el = root.find("names/preferred/name")
    preferred = _text(preferred_el)
    if not preferred:
        where = _first(root, "names/preferred/name", "names/preferred", "names")
        where = root if where is None else where
        raise ParseError(
            Code.MISSING_FIELD,
            f"person {person_id} has no preferred name (names/preferred/name)",
            line=where.sourceline,
            element="names/preferred/name",
        )
    start = _year(root, "birth-year")
    end = _year(root, "death-year")
    if start and end and int(end) < int(start):
        el = root.find("death-year")
        raise ParseError(
            Code.BAD_DATE,
            f"person {person_id} died ({end}) before being born ({start})",
            line=el.sourceline,
            element="death-year",
        )
    remarks = [
        (_text(remark.find("p")), [_text(u) for u in remark.findall("source-url")])
        for remark in root.findall("remarks/remark")
    ]
    return AuthorityData(
        id=ID_PREFIX + person_id,
        kind=PERSON,
        name=preferred,
        variants=_variants(root, preferred),
        description=describe(remarks),
        start=start,
        end=end,
        external_ids=_external_ids(root),
        titles=_unique(_text(t.find("name")) for t in root.iterfind("names/titles-from-name/*")),
    )


def describe(remarks: Sequence[tuple[str, Sequence[str]]], limit: int = DESCRIPTION_LIMIT) -> str | None:
    """One description from a person's remarks (text and source URLs each), at most ``limit`` long.

    A person appears in many persons lists and each gave a remark; most repeat each other. Rule:

    1. Remarks from the Office's own pages about the person (Department history biographies, the
       presidents list: any history.state.gov URL outside ``/historicaldocuments/``) come first,
       then the others longest first (the longest is usually the fullest career line, later
       volumes adding the dates of earlier posts), ties in file order. Recency by volume was
       considered and rejected: a volume's years say which period it covers, not when its persons
       list was written.
    2. A cross-reference ("see Le Van Vien") is dropped unless every remark is one.
    3. A remark that adds almost nothing is dropped: one of whose distinct words (folded) fewer
       than a fifth are new to the remarks already taken ("President of the United States" after
       "… President of the United States from January 20, 1953"; a restatement that only adds
       "until 1983").
    4. Remarks are joined as sentences (a full stop added where one is missing); a remark that
       would take the text past ``limit`` characters is left out (a shorter one after it may still
       fit), and a first remark longer than ``limit`` is cut at a word and ends with "…".
    """
    texts = [(normalize_space(t), urls) for t, urls in remarks if normalize_space(t)]
    if not texts:
        return None
    useful = [r for r in texts if not _CROSS_REFERENCE.match(r[0])] or texts
    order = sorted(
        range(len(useful)),
        key=lambda i: (not any(_CURATED.match(u) for u in useful[i][1]), -len(useful[i][0]), i),
    )
    chosen: list[str] = []
    seen: set[str] = set()
    length = 0
    for i in order:
        text = useful[i][0]
        words = set(_WORD.findall(fold(text)))
        if chosen and len(words - seen) * 5 < len(words):
            continue
        sentence = text if text[-1] in ".!?…" else text + "."
        extra = len(sentence) + (1 if chosen else 0)
        if not chosen and extra > limit:
            cut = sentence[: limit - 1]
            cut = cut[: cut.rfind(" ")] if " " in cut else cut
            return cut.rstrip(" ,;:") + "…"
        if length + extra > limit:
            continue
        chosen.append(sentence)
        seen |= words
        length += extra
    return " ".join(chosen)


# The import's minimum for a variant (fonds.catalog.authorities.MIN_VARIANT_LETTERS; this layer
# does not import the catalogue): a record with a shorter variant is rejected.
MIN_VARIANT_LETTERS = 2


def variant_pairs(
    authorities: Iterable[AuthorityData], limit: int | None = None, seed: int = 1957
) -> list[tuple[str, str]]:
    """(variant, preferred name) pairs drawn by rule from the people records, to measure recall.

    Rule. Only *original* spellings count (variants with a ``source``: a published persons list
    or Department history page printed them; editorial alternates do not). Both names are reduced
    to words: folded (case, accents), apostrophes dropped, split at any other punctuation, and
    without the words of the person's ``titles`` and of :data:`HONORIFICS` ("President", "Sir",
    "Jr."). A variant qualifies when, after that:

    * it does not contain every word of the preferred name (so a variant that only adds words,
      "Dap Chhuon (General Chhuon Mochulpich)", does not count), and its words run together
      differ from the preferred name's ("Hsiaoping" for "Hsiao-ping" does not count);
    * and at least one of its words is neither a word of the preferred name nor an abbreviation
      of one (an initial or other prefix: "John W. Foster" for "Foster, John Watson", "Ben" for
      "Benjamin", "President Diaz" for "Díaz, Porfirio" do not count). Differences of case,
      accents, punctuation and word order therefore never count.

    Records fonds does not import are left out: one with a variant of fewer than
    :data:`MIN_VARIANT_LETTERS` letters or digits ("Y" of "Sturm, Paul J.") is rejected whole.

    What remains are other spellings: "Teng Hsiao-p’ing" for "Deng Xiaoping", "Troyanovsky" for
    "Troyanovski", "Frank V. Ortiz" for "Ortiz, Francis Vincent, Jr.". Each (variant, preferred)
    pair is kept once per authority.

    Sampling. Authorities are taken in id order, so the input order does not matter. Without
    ``limit`` (or with a limit at least the number of pairs) every pair is returned, in that
    order. With a smaller ``limit``, a :class:`random.Random` seeded with ``seed`` shuffles the
    authorities and, within each, its pairs; pairs are then dealt round-robin (the first pair of
    every authority, then the second of those that have one, …) and the first ``limit`` are
    returned. One person with many spellings (Mao Zedong has dozens) thus cannot crowd the sample.
    """
    groups: list[list[tuple[str, str]]] = []
    for authority in sorted(authorities, key=lambda a: a.id):
        if any(sum(c.isalnum() for c in v.name) < MIN_VARIANT_LETTERS for v in authority.variants):
            continue  # the import rejects the record (fonds.catalog.authorities.problems)
        drop = HONORIFICS | {w for title in authority.titles for w in _words(title)}
        preferred = _words(authority.name, drop)
        pairs: list[tuple[str, str]] = []
        for variant in authority.variants:
            if variant.source is None or not _differs(_words(variant.name, drop), preferred):
                continue
            pair = (variant.name, authority.name)
            if pair not in pairs:
                pairs.append(pair)
        if pairs:
            groups.append(pairs)
    every = [pair for pairs in groups for pair in pairs]
    if limit is None or limit >= len(every):
        return every
    rng = random.Random(seed)
    rng.shuffle(groups)
    for pairs in groups:
        rng.shuffle(pairs)
    dealt: list[tuple[str, str]] = []
    depth = 0
    while len(dealt) < limit:
        dealt.extend(pairs[depth] for pairs in groups if depth < len(pairs))
        depth += 1
    return dealt[:limit]


parser = HsgPeopleParser()


# --- helpers ------------------------------------------------------------------------------------


def root_tag(head: str) -> str | None:
    """The name of the first element in ``head`` (after the declaration, comments and DOCTYPE)."""
    pos = 0
    while True:
        match = _ROOT_RE.search(head, pos)
        if match is None:
            return None
        # Skip a start tag that is really inside a comment.
        comment = head.rfind("<!--", 0, match.start())
        if comment >= 0 and head.find("-->", comment) > match.start():
            pos = head.find("-->", comment) + 3
            continue
        return match.group(1)


def _text(el: etree._Element | None) -> str:
    """The element's text, inline markup included, whitespace tidied ("" for no element)."""
    if el is None:
        return ""
    return normalize_space("".join(el.itertext()))


def _first(root: etree._Element, *paths: str) -> etree._Element | None:
    for path in paths:
        el = root.find(path)
        if el is not None:
            return el
    return None


def _unique(names: Iterable[str]) -> list[str]:
    out: list[str] = []
    for name in names:
        if name and name not in out:
            out.append(name)
    return out


def _year(root: etree._Element, tag: str) -> str | None:
    """``birth-year``/``death-year`` as an EDTF year, None when empty; ParseError when not a year."""
    el = root.find(tag)
    text = _text(el)
    if not text:
        return None
    match = _YEAR_RE.fullmatch(text)
    if match is None:
        raise ParseError(
            Code.BAD_DATE,
            f"<{tag}> is {text!r}, not a year (write the year alone, such as 1850)",
            line=el.sourceline,
            element=tag,
        )
    sign, digits = match.groups()
    return sign + digits.zfill(4)


def _external_ids(root: etree._Element) -> dict[str, str]:
    ids: dict[str, str] = {}
    for el in root.iterfind("authorities/authority"):
        service = (el.get("service") or "").strip().lower()
        value = _text(el)
        if not value or not service:
            continue
        if service == "viaf":
            match = _VIAF_RE.fullmatch(value)
            if match is None:
                raise ParseError(
                    Code.BAD_FIELD,
                    f"the VIAF id {value!r} is not a number",
                    line=el.sourceline,
                    element='authority[@service="viaf"]',
                )
            value = match.group(1)
        ids.setdefault(service, value)
    return ids


def _variants(root: etree._Element, preferred: str) -> list[Variant]:
    sources: dict[str, str | None] = {}  # spelling -> first source URL, in order of first sight
    for el in root.iterfind("names/alternates/name"):
        sources.setdefault(_text(el), None)
    for original in root.iterfind("names/originals/original"):
        spelling = _text(original.find("name"))
        url = _text(original.find("source-url")) or None
        if sources.get(spelling) is None:
            sources[spelling] = url
    return [Variant(name, source) for name, source in sources.items() if name and name != preferred]


def _words(name: str, drop: set[str] | frozenset[str] = frozenset()) -> list[str]:
    return [w for w in _WORD.findall(_APOSTROPHE.sub("", fold(name))) if w not in drop]


def _differs(variant: list[str], preferred: list[str]) -> bool:
    """True when ``variant`` is another spelling of ``preferred`` (see :func:`variant_pairs`)."""
    if not variant or set(preferred) <= set(variant) or "".join(variant) == "".join(preferred):
        return False
    left = [w for w in variant if w not in preferred]
    unmatched = [w for w in preferred if w not in variant]
    for word in left:
        # An abbreviation consumes the preferred word it abbreviates ("w" -> "watson").
        match = next((p for p in unmatched if p.startswith(word) or word.startswith(p)), None)
        if match is None:
            return True
        unmatched.remove(match)
    return False
