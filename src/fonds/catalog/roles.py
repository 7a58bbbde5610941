"""The role a FRUS heading gives a person named by family name, and the people it fits.

FRUS headings name the parties by office and family name: "The Secretary of State to the
Ambassador in Japan (Morris)", "The Ambassador in Russia (Francis) to the Secretary of State";
a telegram is then signed by its sender's family name alone ("Lansing"). When a family name
leaves several people the date allows, the office is evidence: of the candidates, the one whose
authority description contains every word of the role ("Ambassador Extraordinary and
Plenipotentiary (Japan)" for "Ambassador in Japan") is meant, when exactly one does. Otherwise
the candidates stay as they were (an ambiguous mention links none).

* a family name in parentheses: the role is the words before the parenthesis, back to the
  heading's start or to "to the" ("Ambassador in Japan");
* a signature: the role of the heading's sender, the words after "The" up to "to" or a
  parenthesis ("The Secretary of State to ..." -> "Secretary of State");
* "Acting" is dropped from a role (a person acts in an office their record does not list).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from fonds.core.matching import fold_text

if TYPE_CHECKING:  # pragma: no cover
    from fonds.catalog.linking import Target

_WORD = re.compile(r"[^\W\d_]+")
_STOP = frozenset("the of in at to and for on a an acting".split())
_SENDER = re.compile(r"^(?:no\.\s*\d+\.?\s*)?the\s+(.+?)(?:\s+to\s+|\s*\(|$)", re.IGNORECASE)


def words(text: str) -> set[str]:
    return {w for w in _WORD.findall(fold_text(text)) if w not in _STOP}


def role_of(support: str, before: str, title: str) -> set[str]:
    """The words of the role a heading gives the name: ``before`` is the text before the name
    (in its paragraph), ``title`` the document's heading. Empty when the heading gives none."""
    if support == "heading":
        head = before.rstrip().rstrip("(").rstrip()
        parts = re.split(r"\bto\s+the\s+", head, flags=re.IGNORECASE)
        phrase = parts[-1]
        phrase = re.sub(r"^(?:no\.\s*\d+\.?\s*)?the\s+", "", phrase, flags=re.IGNORECASE)
        return words(phrase) if len(parts) > 1 or re.match(r"(?i)(?:no\.\s*\d+\.?\s*)?the\s", head) else set()
    if support == "signature":
        match = _SENDER.match(title.strip())
        return words(match.group(1)) if match else set()
    return set()


def narrow(targets: list[Target], role: set[str]) -> list[Target]:
    """The one candidate whose description holds every word of ``role``; else all of them."""
    if not role:
        return targets
    fitting = [t for t in targets if t.description and role <= words(t.description)]
    return fitting if len({t.key for t in fitting}) == 1 else targets
