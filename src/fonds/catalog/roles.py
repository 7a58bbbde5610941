"""The role a FRUS heading gives a person named by family name, and the people it fits.

FRUS headings name the parties by office and family name: "The Secretary of State to the
Ambassador in Japan (Morris)", "The Ambassador in Russia (Francis) to the Secretary of State";
a telegram is then signed by its sender's family name alone ("Lansing"). When a family name
leaves several people the date allows, the office is evidence: of the candidates, the one whose
authority description contains every word of the role ("Ambassador Extraordinary and
Plenipotentiary (Japan)" for "Ambassador in Japan") is meant, when exactly one does. Otherwise
the candidates stay as they were (an ambiguous mention links none).

* a family name in parentheses: the role is the words before the parenthesis, back to the
  heading's start or to "to the" or "by the" ("Ambassador in Japan"; "Memorandum by the
  Assistant Secretary of State (White)");
* a signature: the role of the heading's sender, the words after "The" up to "to" or a
  parenthesis ("The Secretary of State to ..." -> "Secretary of State");
* "Acting" is dropped from a role (a person acts in an office their record does not list);
* a country is matched under any of its ISO 3166 names ("Great Britain" ~ "United Kingdom");
* an honorific that is an office or a rank ("Ambassador Morris", "General Russell") is a role
  too: it fits a record that lists a post beginning with that word (:func:`narrow_by_office`).
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from fonds.catalog import countries
from fonds.core.matching import fold_text

if TYPE_CHECKING:  # pragma: no cover
    from fonds.catalog.linking import Target

_WORD = re.compile(r"[^\W\d_]+")
_STOP = frozenset("the of in at to and for on a an acting".split())
# Honorifics that are offices or ranks ("Ambassador Morris", "General Russell"): a role, unlike
# "Mr." or "Count".
OFFICES = frozenset(
    """ambassador minister secretary consul general admiral colonel captain major lieutenant commander
    senator governor president premier chancellor judge justice professor charge commissioner envoy
    counselor delegate marshal generalissimo chairman chairwoman""".split()
)
_SENDER = re.compile(r"^(?:no\.\s*\d+\.?\s*)?the\s+(.+?)(?:\s+to\s+|\s*\(|$)", re.IGNORECASE)


def words(text: str) -> set[str]:
    return {w for w in _WORD.findall(fold_text(text)) if w not in _STOP}


def role_of(support: str, before: str, title: str) -> set[str]:
    """The words of the role a heading gives the name: ``before`` is the text before the name
    (in its paragraph), ``title`` the document's heading. Empty when the heading gives none."""
    if support == "heading":
        head = before.rstrip().rstrip("(").rstrip()
        parts = re.split(r"\b(?:to|by)\s+the\s+", head, flags=re.IGNORECASE)
        phrase = parts[-1]
        phrase = re.sub(r"^(?:no\.\s*\d+\.?\s*)?the\s+", "", phrase, flags=re.IGNORECASE)
        return words(phrase) if len(parts) > 1 or re.match(r"(?i)(?:no\.\s*\d+\.?\s*)?the\s", head) else set()
    if support == "signature":
        match = _SENDER.match(title.strip())
        return words(match.group(1)) if match else set()
    return set()


def office_of(before: str) -> str | None:
    """The office or rank an honorific right before a name gives ("Ambassador Morris" ->
    "ambassador"); None for a social honorific ("Mr.", "Count")."""
    last = re.search(r"([^\W\d_]+)\.?\s*$", fold_text(before))
    return last.group(1) if last and last.group(1) in OFFICES else None


def narrow_by_office(targets: list[Target], office: str) -> list[Target] | None:
    """The candidates whose record lists a post that begins with ``office`` ("Ambassador
    Extraordinary and Plenipotentiary (Japan)" for "Ambassador"; "Consul General" is no post of a
    "General"); None when none does."""
    fitting = [t for t in targets if office in _posts(t.description)]
    return fitting or None


@functools.lru_cache(maxsize=65536)
def _posts(description: str | None) -> frozenset[str]:
    """The first word of every post a description lists (posts parted by ";", ".", "/", " and ")."""
    parts = re.split(r"[;./]|\band\b", fold_text(description or ""))
    return frozenset(m.group() for p in parts if (m := _WORD.search(p)))


def narrow(targets: list[Target], role: set[str]) -> list[Target] | None:
    """The candidates whose description holds every word of ``role`` (one: the person meant;
    several: still ambiguous); failing that, those posted in a country the role names ("the
    Chargé in Italy" and "Ambassador ... (Italy)": the record lists the post, not every rank
    held in it). None when the role fits nobody: the person meant is then likely not among the
    candidates, and nothing else may pick one of them. No role: the candidates unchanged.

    A country counts under any of its names (:mod:`fonds.catalog.countries`): "the Ambassador
    in Great Britain" fits "Ambassador Extraordinary and Plenipotentiary (United Kingdom)"."""
    if not role:
        return targets
    fitting = [t for t in targets if t.description and role <= _described_words(t.description)]
    if not fitting:
        fitting = [t for t in targets if _posted_in(t.description, role)]
    return fitting or None


def _posted_in(description: str | None, role: set[str]) -> bool:
    return any(
        words(name) and words(name) <= role for key in countries.described(description) for name in countries.synonyms(key)
    )


def _described_words(description: str) -> set[str]:
    return words(description) | words(countries.words_of(description))
