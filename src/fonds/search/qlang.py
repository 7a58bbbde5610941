"""The search query language: from what a researcher types to a small tree of nodes.

A hand-written recursive-descent parser with no Tantivy in it (``translate.py`` turns the tree into a
Tantivy query). It never raises on user input: whatever it cannot read it reads some sensible way and
says so in a hint, because a researcher who typed ``"withdrawal of`` wants results and a word on what
was understood, not an error page.

Grammar (tightest first)::

    query   := and_expr
    and_expr:= or_expr ( [AND] or_expr )*          every word required, as "AND" or side by side
    or_expr := unary ( OR unary )*                 OR groups before AND: a b OR c = a AND (b OR c)
    unary   := ( NOT | "-" | "+" )* primary
    primary := "(" and_expr ")" | scope ":" unary | '"' words '"' [~N] | word[*] | word~[N]

OR binds tighter than AND (as in web search engines): ``soviet troops OR volunteers`` means soviet
AND (troops OR volunteers). Only the uppercase keywords are operators; "and", "or" and "not" are words.
"""

from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass
from typing import Callable, Union

__all__ = [
    "And",
    "DateRange",
    "Field",
    "Fuzzy",
    "Node",
    "Not",
    "Or",
    "Phrase",
    "Prefix",
    "SCOPES",
    "Term",
    "YearRange",
    "describe",
    "parse",
]


# -- the tree --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """A word as typed; analysed (folded, stemmed) only when translated."""

    word: str


@dataclass(frozen=True)
class Phrase:
    """Words in this order; ``slop`` lets that many other words (or swaps) come between them."""

    words: tuple[str, ...]
    slop: int = 0


@dataclass(frozen=True)
class Prefix:
    """Any word starting with ``stem`` (typed as ``stem*``)."""

    stem: str


@dataclass(frozen=True)
class Fuzzy:
    """A word or spellings up to ``distance`` (1 or 2) letters off (typed ``word~`` or ``word~2``)."""

    word: str
    distance: int = 1


@dataclass(frozen=True)
class Field:
    """``node`` searched only in ``scope`` (one of :data:`SCOPES` except year and date)."""

    scope: str
    node: Node


@dataclass(frozen=True)
class DateRange:
    """Records whose date span overlaps ``lo``..``hi`` (either may be open: None)."""

    lo: datetime.date | None
    hi: datetime.date | None


@dataclass(frozen=True)
class YearRange:
    """Records whose (start) year is within ``lo``..``hi`` (either may be open: None)."""

    lo: int | None
    hi: int | None


@dataclass(frozen=True)
class And:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    node: Node


Node = Union[Term, Phrase, Prefix, Fuzzy, Field, DateRange, YearRange, And, Or, Not]

# -- scopes ----------------------------------------------------------------------------------------

TEXT_SCOPES = ("title", "text", "source", "summary", "original")  # original: transcripts only
NAME_SCOPES = ("person", "place")
FACET_SCOPES = ("type", "lang", "collection", "repository", "donor", "id")
RANGE_SCOPES = ("year", "date")
SCOPES = TEXT_SCOPES + NAME_SCOPES + FACET_SCOPES + RANGE_SCOPES

# Other spellings people reach for; they mean the scope they point at.
ALIASES = {
    "orig": "original",
    "transcript": "original",
    "people": "person",
    "persons": "person",
    "places": "place",
    "language": "lang",
    "languages": "lang",
    "archive": "repository",
    "repo": "repository",
    "donors": "donor",
    "collections": "collection",
    "types": "type",
    "years": "year",
    "dates": "date",
}

MAX_LENGTH = 2000  # characters read; beyond that a query is a pasted document, not a search
MAX_DEPTH = 32  # nested parentheses and scopes; keeps the recursion far from Python's limit
MIN_PREFIX = 2  # letters before "*": "a*" would expand to most of the vocabulary
MAX_FUZZY = 2  # Tantivy's Levenshtein automata stop at 2

DATE_HELP = "a year, month or day (1957, 1957-12, 1957-12-20) or a range (1957-12..1958-06, >1957, <=1958-03)"
YEAR_HELP = "a year (1957) or a range of years (1957..1960, >1957, <=1960)"

# -- lexer -----------------------------------------------------------------------------------------

WORD, PHRASE, LPAREN, RPAREN, AND, OR, NOT, MINUS, PLUS, FIELD = (
    "word", "phrase", "(", ")", "AND", "OR", "NOT", "-", "+", "field",
)  # fmt: skip

# Quotes word processors and phones type, read as the plain double quote.
_CURLY_QUOTES = {ord(c): '"' for c in "“”„‟«»"}
_SCOPE_RE = re.compile(r"([A-Za-z][A-Za-z_]*):(.*)", re.DOTALL)
_STOP = set('()"')


@dataclass
class _Token:
    kind: str
    text: str = ""
    words: tuple[str, ...] = ()
    slop: int = 0


def _has_alnum(text: str) -> bool:
    return any(c.isalnum() for c in text)


def _quote(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _lex(text: str, hint: Callable[[str], None]) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(text)
    after_scope = False  # the previous token was "scope:" glued to this one: keywords are words
    while i < n:
        c = text[i]
        if c.isspace():
            after_scope = False
            i += 1
            continue
        glued_to_scope, after_scope = after_scope, False
        if c == "(":
            tokens.append(_Token(LPAREN))
            i += 1
        elif c == ")":
            tokens.append(_Token(RPAREN))
            i += 1
        elif c == '"':
            end = text.find('"', i + 1)
            if end < 0:
                body = text[i + 1 :]
                if _has_alnum(body):
                    hint(f'Closing quote missing after "{_quote(body)} — read as a phrase to the end.')
                i = n
            else:
                body = text[i + 1 : end]
                i = end + 1
            slop = 0
            if i < n and text[i] == "~":
                j = i + 1
                while j < n and text[j] in "0123456789":
                    j += 1
                slop = min(int(text[i + 1 : j]), 99) if j > i + 1 else 2
                i = j
            tokens.append(_Token(PHRASE, body, tuple(body.split()), slop))
        elif c in "-+" and i + 1 < n and not text[i + 1].isspace() and text[i + 1] != ")":
            tokens.append(_Token(MINUS if c == "-" else PLUS, c))
            after_scope = glued_to_scope  # "title:-yalu": the word after "-" still belongs to title
            i += 1
        else:
            j = i
            while j < n and not text[j].isspace() and text[j] not in _STOP:
                j += 1
            chunk = text[i:j]
            m = _SCOPE_RE.fullmatch(chunk)
            if chunk in (AND, OR, NOT) and not glued_to_scope:
                tokens.append(_Token(chunk, chunk))
                i = j
            elif m and not glued_to_scope:
                name, rest = m.group(1), m.group(2)
                scope = ALIASES.get(name.lower(), name.lower())
                if scope in SCOPES:
                    tokens.append(_Token(FIELD, scope))
                    i += len(name) + 1  # lex what follows the colon on its own
                    after_scope = True
                else:
                    if not rest.startswith("//"):  # a URL, not a misspelt scope
                        hint(_unknown_scope(name))
                    tokens.append(_Token(WORD, chunk))
                    i = j
            else:
                tokens.append(_Token(WORD, chunk))
                i = j
    return tokens


def _unknown_scope(name: str) -> str:
    choices = sorted(set(SCOPES) | set(ALIASES))
    close = difflib.get_close_matches(name.lower(), choices, n=1, cutoff=0.6)
    if close:
        return f'Unknown field "{name}:" — did you mean "{ALIASES.get(close[0], close[0])}:"? Searched as words.'
    return f'Unknown field "{name}:" — searched as words. Fields: {", ".join(s + ":" for s in SCOPES)}.'


# -- dates -----------------------------------------------------------------------------------------

_DATE_RE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def _date_bound(text: str, *, upper: bool) -> datetime.date:
    """The first (or last) day of a year, month or day; ValueError when it is not one."""
    m = _DATE_RE.fullmatch(text.strip())
    if not m:
        raise ValueError(text)
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    first = datetime.date(year, month or 1, day or 1)  # rejects month 13, day 32, year 0
    if not upper or day is not None:
        return first
    if month is None:
        return datetime.date(year, 12, 31)
    if month == 12:
        return datetime.date(year, 12, 31)
    return datetime.date(year, month + 1, 1) - datetime.timedelta(days=1)


def _split_range(text: str) -> tuple[str, str] | None:
    if "/" in text:  # EDTF intervals: 1957-12/1958-06, 1957/.., ../1958
        a, b = text.split("/", 1)
    elif ".." in text:
        a, b = text.split("..", 1)
    else:
        return None
    a, b = a.strip(), b.strip()
    return ("" if a == ".." else a), ("" if b == ".." else b)


def parse_date_range(text: str) -> DateRange | None:
    """``1957``, ``1957-12..1958-06``, ``>1957``, ``<=1958-03``, ``1957..``, ``..1958`` (or EDTF's /)
    as a :class:`DateRange`; None when the text is none of these."""
    t = text.strip()
    try:
        for op in (">=", "<=", ">", "<"):
            if t.startswith(op):
                rest = t[len(op) :]
                if op == ">=":
                    return DateRange(_date_bound(rest, upper=False), None)
                if op == ">":
                    return DateRange(_date_bound(rest, upper=True) + datetime.timedelta(days=1), None)
                if op == "<=":
                    return DateRange(None, _date_bound(rest, upper=True))
                return DateRange(None, _date_bound(rest, upper=False) - datetime.timedelta(days=1))
        parts = _split_range(t)
        if parts is None:
            return DateRange(_date_bound(t, upper=False), _date_bound(t, upper=True))
        a, b = parts
        if not a and not b:
            return None
        lo = _date_bound(a, upper=False) if a else None
        hi = _date_bound(b, upper=True) if b else None
        return DateRange(lo, hi)
    except (ValueError, OverflowError):
        return None


_YEAR_RE = re.compile(r"\d{1,4}")


def _year(text: str) -> int:
    if not _YEAR_RE.fullmatch(text.strip()):
        raise ValueError(text)
    return int(text)


def parse_year_range(text: str) -> YearRange | None:
    """``1957``, ``1957..1960``, ``>1957``, ``<=1960``, ``1957..`` as a :class:`YearRange`; else None."""
    t = text.strip()
    try:
        for op, shift in ((">=", 0), ("<=", 0), (">", 1), ("<", -1)):
            if t.startswith(op):
                y = _year(t[len(op) :]) + shift
                return YearRange(y, None) if op[0] == ">" else YearRange(None, y)
        parts = _split_range(t)
        if parts is None:
            y = _year(t)
            return YearRange(y, y)
        a, b = parts
        if not a and not b:
            return None
        return YearRange(_year(a) if a else None, _year(b) if b else None)
    except ValueError:
        return None


# -- parser ----------------------------------------------------------------------------------------


class _Parser:
    def __init__(self, tokens: list[_Token], hint: Callable[[str], None]):
        self.tokens = tokens
        self.pos = 0
        self.hint = hint
        self.range_scope: str | None = None  # "date" or "year" while reading that scope's value
        self.skip_close = 0  # ")" to drop, matching "(" dropped for being nested too deeply

    def peek(self) -> _Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def next(self) -> _Token:
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def ends_operand(self) -> bool:
        """Nothing an operator could apply to comes next."""
        tok = self.peek()
        return tok is None or tok.kind in (RPAREN, AND, OR)

    # and_expr := or_expr ( [AND] or_expr )*
    def parse_and(self, depth: int) -> Node | None:
        items: list[Node] = []
        explicit_and = mixed_or = False
        while (tok := self.peek()) is not None:
            if tok.kind == RPAREN:
                if self.skip_close:
                    self.skip_close -= 1
                    self.next()
                    continue
                if depth > 0:
                    break
                self.hint("Unbalanced parenthesis ignored.")
                self.next()
                continue
            if tok.kind == AND:
                self.next()
                if not items or self.ends_operand():
                    self.hint("AND needs something on both sides — ignored.")
                else:
                    explicit_and = True
                continue
            if tok.kind == OR:  # an OR with nothing on its left in this group
                self.next()
                self.hint("OR needs something on both sides — ignored.")
                continue
            node, used_or = self.parse_or(depth)
            mixed_or = mixed_or or used_or
            if node is not None:
                items.extend(node.items if isinstance(node, And) else (node,))
        if explicit_and and mixed_or:
            self.hint("AND and OR mixed without parentheses: OR groups first, so a AND b OR c means a AND (b OR c).")
        if not items:
            return None
        return items[0] if len(items) == 1 else And(tuple(items))

    # or_expr := unary ( OR unary )*
    def parse_or(self, depth: int) -> tuple[Node | None, bool]:
        operands = [self.parse_unary(depth)]
        used_or = False
        while (tok := self.peek()) is not None and tok.kind == OR:
            self.next()
            if self.ends_operand():
                self.hint("OR needs something on both sides — ignored.")
                break
            used_or = True
            operands.append(self.parse_unary(depth))
        items: list[Node] = []
        for node in operands:
            if node is not None:
                items.extend(node.items if isinstance(node, Or) else (node,))
        if not items:
            return None, used_or
        return (items[0] if len(items) == 1 else Or(tuple(items))), used_or

    # unary := ( NOT | "-" | "+" )* primary     (iterative: "NOT NOT NOT ..." cannot recurse deep)
    def parse_unary(self, depth: int) -> Node | None:
        negations = 0
        last = None
        while (tok := self.peek()) is not None and tok.kind in (NOT, MINUS, PLUS):
            self.next()
            last = tok.kind
            negations += tok.kind != PLUS
        if last is not None and self.ends_operand():
            name = {NOT: "NOT", MINUS: '"-"', PLUS: '"+"'}[last]
            self.hint(f"{name} needs something after it — ignored.")
            return None
        node = self.parse_primary(depth)
        if node is None or negations % 2 == 0:
            return node
        return Not(node)

    def parse_primary(self, depth: int) -> Node | None:
        while (tok := self.peek()) is not None and tok.kind == LPAREN and depth >= MAX_DEPTH:
            self.next()
            self.skip_close += 1
            self.hint("Parentheses nested too deeply — the innermost ones ignored.")
        if self.ends_operand():
            return None
        tok = self.next()
        if tok.kind == LPAREN:
            node = self.parse_and(depth + 1)
            closing = self.peek()
            if closing is not None and closing.kind == RPAREN:
                self.next()
            else:
                self.hint("Unbalanced parenthesis ignored.")
            if node is None:
                self.hint("Empty parentheses ignored.")
            return node
        if tok.kind == PHRASE:
            if not _has_alnum(tok.text):
                self.hint("Empty quotes ignored.")
                return None
            if self.range_scope:
                return self.range_leaf(" ".join(tok.words))
            return Phrase(tok.words, tok.slop)
        if tok.kind == WORD:
            if self.range_scope:
                return self.range_leaf(tok.text)
            return self.word(tok.text)
        if tok.kind == FIELD:
            return self.field(tok.text, depth)
        return None  # operators are handled by the callers

    def field(self, scope: str, depth: int) -> Node | None:
        if self.ends_operand():
            self.hint(f'"{scope}:" needs something after it — ignored.')
            return None
        if depth >= MAX_DEPTH:
            self.hint(f'Fields nested too deeply — "{scope}:" ignored.')
            return None  # what follows is read as words of its own
        saved = self.range_scope
        self.range_scope = scope if scope in RANGE_SCOPES else None
        try:
            node = self.parse_unary(depth + 1)
        finally:
            self.range_scope = saved
        if node is None or scope in RANGE_SCOPES:
            return node  # date and year values became ranges leaf by leaf
        if isinstance(node, Field):
            return node  # "title: person:kim": the inner scope wins
        if scope in FACET_SCOPES:
            node = self.exact_values(scope, node)
        return Field(scope, node)

    def exact_values(self, scope: str, node: Node) -> Node:
        """Facet values are matched as values: "~" means nothing there."""
        if isinstance(node, Fuzzy):
            self.hint(f'"~" has no effect on {scope}: values — matched as written.')
            return Term(node.word)
        if isinstance(node, (And, Or)):
            return type(node)(tuple(self.exact_values(scope, n) for n in node.items))
        if isinstance(node, Not):
            return Not(self.exact_values(scope, node.node))
        return node

    def range_leaf(self, text: str) -> Node | None:
        scope = self.range_scope
        parsed: DateRange | YearRange | None
        if scope == "date":
            parsed = parse_date_range(text)
            helptext = DATE_HELP
        else:
            parsed = parse_year_range(text)
            helptext = YEAR_HELP
        if parsed is None:
            self.hint(f'{scope}: needs {helptext} — "{_quote(text)}" searched as words.')
            return self.word(text)
        if parsed.lo is not None and parsed.hi is not None and parsed.lo > parsed.hi:  # type: ignore[operator]
            # "1958..1957": read the other way round, whole periods kept (all of 1957 to all of 1958).
            parts = _split_range(text.strip())
            if parts is None:  # only a range with both ends can run backwards
                return parsed
            swapped = f"{parts[1]}..{parts[0]}"
            parsed = parse_date_range(swapped) if scope == "date" else parse_year_range(swapped)
            self.hint(f'{scope}: "{_quote(text)}" runs backwards — read as {swapped}.')
        return parsed

    def word(self, text: str) -> Node | None:
        if not _has_alnum(text):
            if "*" in text:
                self.hint(f'"{_quote(text)}" alone matches nothing — ignored.')
            return None  # punctuation: the index holds no such word
        m = re.fullmatch(r"(.+?)~(\d*)", text, re.DOTALL)
        if m and _has_alnum(m.group(1)):
            word, digits = m.group(1), m.group(2)
            distance = int(digits) if digits else 1
            if distance > MAX_FUZZY:
                self.hint(f'"~{digits}" allows at most {MAX_FUZZY} letters off — using ~{MAX_FUZZY}.')
                distance = MAX_FUZZY
            return Fuzzy(word, distance) if distance else Term(word)
        if text.endswith("*"):
            stem = text.rstrip("*")
            if "*" in stem:
                self.hint(f'A "*" works only at the end of a word — "{_quote(text)}" searched as written.')
                return Term(stem)
            if sum(c.isalnum() for c in stem) < MIN_PREFIX:
                self.hint(f'"{_quote(text)}" is too short to complete — type at least {MIN_PREFIX} letters before "*"; searched as "{stem}".')
                return Term(stem)
            return Prefix(stem)
        if "*" in text:
            self.hint(f'A "*" works only at the end of a word — "{_quote(text)}" searched as written.')
        return Term(text)


def parse(text: str) -> tuple[Node | None, list[str]]:
    """Read a query. Returns the tree (None when nothing searchable was typed) and the hints:
    human-readable sentences about anything read differently from how it was written.

    Never raises on any input.
    """
    problems: list[str] = []

    def hint(message: str) -> None:
        if message not in problems:
            problems.append(message)

    text = (text or "").translate(_CURLY_QUOTES)
    if len(text) > MAX_LENGTH:
        hint(f"Only the first {MAX_LENGTH} characters of the query were read.")
        text = text[:MAX_LENGTH]
    parser = _Parser(_lex(text, hint), hint)
    node = parser.parse_and(0)
    return node, problems


# -- what was understood ---------------------------------------------------------------------------


def _describe(node: Node) -> str:
    if isinstance(node, Term):
        return node.word
    if isinstance(node, Phrase):
        phrase = '"' + " ".join(node.words) + '"'
        if node.slop:
            return f"{phrase} (phrase, up to {node.slop} word{'s' if node.slop > 1 else ''} apart)"
        return f"{phrase} (phrase)"
    if isinstance(node, Prefix):
        return f'{node.stem}* (words starting with "{node.stem}")'
    if isinstance(node, Fuzzy):
        letters = "1 letter" if node.distance == 1 else f"{node.distance} letters"
        typed = "~" if node.distance == 1 else f"~{node.distance}"
        return f"{node.word}{typed} (or spellings up to {letters} off)"
    if isinstance(node, Field):
        return f"{node.scope}: {_describe(node.node)}"
    if isinstance(node, DateRange):
        return "date " + _span(node.lo.isoformat() if node.lo else None, node.hi.isoformat() if node.hi else None)
    if isinstance(node, YearRange):
        return "year " + _span(str(node.lo) if node.lo is not None else None, str(node.hi) if node.hi is not None else None)
    if isinstance(node, And):
        return "all of (" + ", ".join(_describe(n) for n in node.items) + ")"
    if isinstance(node, Or):
        return "any of (" + ", ".join(_describe(n) for n in node.items) + ")"
    if isinstance(node, Not):
        return "not: " + _describe(node.node)
    return str(node)


def _span(lo: str | None, hi: str | None) -> str:
    if lo and hi:
        return lo if lo == hi else f"{lo} to {hi}"
    if lo:
        return f"{lo} or later"
    return f"{hi} or earlier"


def describe(node: Node | None) -> str:
    """What was understood, in plain words, e.g.
    ``all of: "withdrawal of volunteers" (phrase), title: yalu, date 1957-12-01 to 1958-06-30, not: Seoul``.
    """
    if node is None:
        return "all records"
    if isinstance(node, And):
        return "all of: " + ", ".join(_describe(n) for n in node.items)
    if isinstance(node, Or):
        return "any of: " + ", ".join(_describe(n) for n in node.items)
    return _describe(node)
