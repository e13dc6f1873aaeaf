"""Parse: source text -> surface AST (ast.Document), or a CharterError with located diagnostics.

The Lark parser is built once per process, in the process: Lark's `cache=True` would unpickle a
file from the shared temporary folder, which any local user can plant (docs/errors.md, "Safety").
A Lark Transformer then turns the parse tree into AST nodes with their spans.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import gc
import re
from collections.abc import Iterable, Iterator
from importlib import resources
from typing import Any

from lark import (
    Lark,
    Token,
    Transformer_NonRecursive,
    Tree,
    UnexpectedCharacters,
    UnexpectedInput,
    v_args,
)
from lark.exceptions import UnexpectedEOF, UnexpectedToken, VisitError

from . import ast
from .diagnostics import CharterError, Diagnostic, did_you_mean
from .keywords import REGEX_KEYWORDS
from .source import FIRST_DAY, DateError, Source, Span, read_date

#: Hand-written messages for the common mistakes, keyed by example inputs that make them: an
#: error in the parser state of an example gets its message (`_match_example`). Suggestions for
#: misspelt keywords come from the grammar itself (`_keywords_accepted`).
SYNTAX_EXAMPLES: dict[str, tuple[str, list[str]]] = {
    "E002": (
        "missing `when` before the norm's condition",
        [
            'article 1 "t" { norm n: every party q: must assist(q, p) party(p) }',
            'article 1 "t" { norm n: every party q: may act(q) x(q) }',
            'article 1 "t" { norm n: every party q: must assist(q, p) attack(x, p) }',
            'article 1 "t" { norm n: every party q: must assist(q) attack }',
            'article 1 "t" { norm n: q: must assist(q, p) not attack(x, p) }',
        ],
    ),
    "E003": (
        "missing closing brace `}`",
        [
            'article 1 "t" { text "x" ',
            'article 1 "t" { norm n: every party q: must a(q) when b(q) ',
            'charter "t" { signed 2023-09-16 ',
            'scenario "s" { on 2024-01-01 ',
        ],
    ),
    "E004": (
        "expected a norm's modality: `must`, `must not` or `may`",
        [
            'article 1 "t" { norm n: every party q: shall assist(q) }',
            'article 1 "t" { norm n: every party q: assist(q) }',
        ],
    ),
    "E005": (
        "expected `:=` after the definition's name and parameters",
        [
            'article 1 "t" { define a(x: state) = b(x) }',
            'article 1 "t" { define a(x: state) b(x) }',
            # the parameter list's shape is part of the parser state: one example per shape
            'article 1 "t" { define a(x: state, y: state) = b(x) }',
            'article 1 "t" { define a(x: state, y: state, z: state) = b(x) }',
            'article 1 "t" { define a() = b }',
            'article 1 "t" { define a = b }',
        ],
    ),
    "E006": (
        "incomplete expression",
        [
            'article 1 "t" { define a(x: state) := b(x) and }',
            'article 1 "t" { define a(x: state) := }',
            'article 1 "t" { define a(x: state) := b(x) or }',
        ],
    ),
    "E007": (
        "a date must be written YYYY-MM-DD",
        [
            'charter "t" { signed 16 }',
            'scenario "s" { on 16 }',
            'charter "t" { signed 2023 }',
        ],
    ),
}

#: How deeply expressions and terms may nest. Every later pass walks expressions recursively;
#: this bound keeps them far below Python's recursion limit, and no treaty needs more.
MAX_NESTING = 100
#: A file is reported up to this many syntax errors.
MAX_SYNTAX_ERRORS = 100
#: A line that starts a declaration: where parsing resumes after a syntax error.
_DECLARATION_LINE = re.compile(
    r"^(?:charter|kind|party|actor|sort|event|act|interpretation|incompatible|article|scenario"
    r"|assume)\b", re.MULTILINE)
#: Chains of one associative operator (`a and b and c ...`) are flattened, so they do not nest.
_FLAT = ("and_", "or_")


@functools.cache
def _parser() -> Lark:
    grammar = resources.files(__package__).joinpath("charter.lark").read_text(encoding="utf-8")
    return Lark(
        grammar,
        parser="lalr",
        propagate_positions=True,
        start=["start", "fact_flag", "expr_flag"],
        # no cache=True: see the module's docstring
        lexer_callbacks={"STRING": _bounded_string},
    )


#: The longest string literal, in characters (the shipped charter's longest is about 500).
MAX_STRING_LENGTH = 20_000


class _StringTooLong(Exception):
    def __init__(self, token: Token) -> None:
        super().__init__(token.start_pos)
        self.token = token


def _bounded_string(token: Token) -> Token:
    """Refuse a string literal over MAX_STRING_LENGTH as the lexer reads it (E013)."""
    if len(token) > MAX_STRING_LENGTH + 2:
        raise _StringTooLong(token)
    return token


def parse(source: Source, start: str = "start") -> Any:
    """Parse `source` from the rule `start`; raise CharterError on any error."""
    with _no_cycle_collection():
        return _parse(source, start)


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector, which parse trees never need (they hold no cycles).

    Each collection scans every live object, and a parse makes a great many: with the collector
    on, parse time grew faster than the file (benchmarks/parse_scaling.py); without, linearly.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parse_tree(source: Source, start: str = "start") -> Tree:  # type: ignore[type-arg]
    """The Lark parse tree of `source`, every token with its position; raise CharterError on a
    syntax error. For the passes that work on the surface text itself (formatter, editor)."""
    with _no_cycle_collection():
        return _checked_tree(source, start)


def expected_after(text: str) -> tuple[set[str], list[Any]] | None:
    """What the grammar accepts after `text` (a prefix of a file, from a declaration's start):
    the terminal names, and the parser's stack of the symbols so far (tokens and subtrees);
    None if `text` is not a valid prefix. For the editor's completion."""
    try:
        interactive = _parser().parse_interactive(text, start="start")
        interactive.exhaust_lexer()
    except UnexpectedInput:
        return None
    accepts: set[str] = interactive.accepts()  # type: ignore[no-untyped-call]
    return accepts, list(interactive.parser_state.value_stack)


#: Where each declaration starts: the editor completes within the current one.
DECLARATION_START = _DECLARATION_LINE


def comment_tokens(source: Source) -> list[Token]:
    """Every comment of `source` in order, with its position (the parser skips them)."""
    return [t for t in _parser().lex(source.text, dont_ignore=True) if t.type == "COMMENT"]


def _checked_tree(source: Source, start: str) -> Tree:  # type: ignore[type-arg]
    try:
        tree = _parser().parse(source.text, start=start)
    except UnexpectedInput as error:
        raise CharterError(_syntax_errors(error, source, start), {source.name: source}) from None
    except _StringTooLong as long:
        span = source.span_at(long.token.start_pos or 0, 1)
        raise CharterError((Diagnostic(
            "E013", f"a string of {len(long.token) - 2:,} characters; the limit is "
            f"{MAX_STRING_LENGTH:,}", span, "shorten it, or split the text into several strings"),
        ), {source.name: source}) from None
    too_deep = _too_deep(tree, source.name)
    if too_deep is not None:
        raise CharterError((too_deep,), {source.name: source})
    return tree


def _parse(source: Source, start: str) -> Any:
    tree = _checked_tree(source, start)
    try:
        builder = _ToAst(source.name)
        result = builder.transform(tree)
        problems = builder.problems
    except VisitError as error:  # an AST callback failed: treat as an input error, not a crash
        raise CharterError(
            (Diagnostic("E001", f"cannot read this input: {error.orig_exc}", source.span_at(0)),),
            {source.name: source},
        ) from error
    if problems and isinstance(result, ast.Document):
        # not fatal: the resolver reports them with everything else it finds
        return ast.Document(result.declarations, tuple(problems))
    if problems:
        raise CharterError(tuple(problems), {source.name: source})
    return result


def _syntax_errors(first: UnexpectedInput, source: Source, start: str,
                   ) -> tuple[Diagnostic, ...]:
    """The first syntax error, then those found by parsing again from each next declaration.

    Declarations are independent, so resuming at the next line that starts one finds the file's
    other mistakes (one per declaration) without the cascade of follow-on errors that
    token-level recovery produces.
    """
    found = [_syntax_diagnostic(first, source, start)]
    base, error = 0, first
    while start == "start" and len(found) < MAX_SYNTAX_ERRORS:
        offset = _error_offset(error, source.text, base)
        resume = _DECLARATION_LINE.search(source.text, max(offset, base + 1))
        if resume is None:
            break
        base = resume.start()
        try:
            _parser().parse(source.text[base:], start=start)
            break
        except _StringTooLong:
            break  # reported on its own once the syntax errors before it are fixed
        except UnexpectedInput as later:
            error = later
            found.append(_syntax_diagnostic(error, source, start, base))
    return tuple(found)


def _error_offset(error: UnexpectedInput, text: str, base: int) -> int:
    """Where in `text` the error is; the parse that raised it began at `base`."""
    if isinstance(error, UnexpectedToken) and error.token.type != "$END":
        return base + (error.token.start_pos or 0)
    if isinstance(error, UnexpectedCharacters):
        return base + (error.pos_in_stream or 0)
    return len(text.rstrip())


def _too_deep(tree: Tree, source_name: str) -> Diagnostic | None:  # type: ignore[type-arg]
    """A diagnostic at the first node nested more than MAX_NESTING deep, or None.

    Walks the tree with an explicit stack: the point is to refuse what would overflow Python's.
    """
    stack = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_NESTING:
            line, column = getattr(node.meta, "line", 1), getattr(node.meta, "column", 1)
            span = Span(source_name, line, column, line, column + 1)
            return Diagnostic("E008", f"expression nested more than {MAX_NESTING} deep", span,
                              "name a part of it with `define`")
        for child in node.children:
            if isinstance(child, Tree):
                flat = child.data == node.data and child.data in _FLAT
                stack.append((child, depth if flat else depth + 1))
    return None


def _syntax_diagnostic(error: UnexpectedInput, source: Source, start: str,
                       base: int = 0) -> Diagnostic:
    """Turn a Lark error into a diagnostic with a hand-written message where one fits.

    The parse that raised `error` began at offset `base` of the source.
    """
    text = source.text
    offset = _error_offset(error, text, base)
    length = 1
    if isinstance(error, UnexpectedToken) and error.token.type != "$END":
        length = len(str(error.token))
    span = source.span_at(offset, length)

    date_like = re.match(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b", text[offset:])
    if date_like:
        return Diagnostic("E007", "a date must be written YYYY-MM-DD",
                          source.span_at(offset, len(date_like.group())),
                          _date_suggestion(date_like.group()))
    if isinstance(error, UnexpectedCharacters) and text[offset] == '"':
        return Diagnostic("E009", "unterminated string", span, "close the string with `\"`")
    if isinstance(error, UnexpectedCharacters):
        return Diagnostic("E001", f"unexpected character `{text[offset]}`", span)
    opened = _string_closed_too_late(text, offset)
    if opened is not None:
        # `"t { text "x" }`: the first string swallowed text up to the next quote
        glued = getattr(error, "token", text[offset])
        return Diagnostic("E009", "unterminated string", source.span_at(opened),
                          "close the string with `\"`",
                          (f"the string runs on to the quote before `{glued}`",))

    code, message = "E001", _expected_message(error)
    if start == "start":
        matched = _match_example(error)
        if matched:
            code, message = matched, SYNTAX_EXAMPLES[matched][0]
        elif _unclosed_block(error):
            code, message = "E003", SYNTAX_EXAMPLES["E003"][0]
    notes: tuple[str, ...] = ()
    if code == "E003":
        brace = _open_brace(error)
        if brace is not None:
            notes = (f"the block opened at {source.span_at(base + (brace.start_pos or 0))}",)
    suggestion = None
    if isinstance(error, UnexpectedToken) and error.token.type == "NAME":
        suggestion = did_you_mean(str(error.token), _keywords_accepted(error))
    return Diagnostic(code, message, span, suggestion, notes)


#: The keywords that begin a declaration: one of them inside a block means a `}` is missing.
_DECLARATION_STARTS = {
    "CHARTER", "KIND", "PARTY", "ACTOR", "SORT", "PREDICATE_KIND", "INTERPRETATION",
    "INCOMPATIBLE", "ARTICLE", "SCENARIO", "ASSUME",
}


#: Words of expressions and norms that no declaration may take as its name: `party and` or
#: `act true(...)` would make `every party q: ... when and(q)` read as nonsense. (Words that only
#: open a declaration, like `party` or `kind`, stay usable: the shipped charter defines `party`.)
RESERVED_WORDS = frozenset((
    "and", "or", "not", "true", "false", "if", "then", "else", "some", "all", "every", "other",
    "than", "must", "may", "when", "unless", "today", "date", "of", "unknown", "nothing",
))


def _keywords_accepted(error: UnexpectedToken) -> list[str]:
    """The keywords the parser would have accepted instead: a misspelling is one of these."""
    return accepted_keywords(getattr(error, "accepts", None) or error.expected)


def accepted_keywords(terminals: Iterable[str]) -> list[str]:
    """The keywords among the grammar's `terminals` (as Lark names them), in their order."""
    words: list[str] = []
    for name in terminals:
        if name in REGEX_KEYWORDS:
            words += REGEX_KEYWORDS[name]
        elif name.isupper() and name != "$END":
            pattern = _parser().get_terminal(name).pattern
            if pattern.type == "str" and pattern.value.replace("_", "").isalpha():
                words.append(pattern.value)
    return words


def _unclosed_block(error: UnexpectedInput) -> bool:
    return (isinstance(error, UnexpectedToken) and "RBRACE" in error.expected
            and (error.token.type in _DECLARATION_STARTS or error.token.type == "$END"))


def _open_brace(error: UnexpectedInput) -> Token | None:
    """The `{` of the innermost block still open when the parser stopped."""
    stack = getattr(getattr(error, "state", None), "value_stack", ())
    braces = [v for v in stack if isinstance(v, Token) and v.type == "LBRACE"]
    return braces[-1] if braces else None


def _string_closed_too_late(text: str, offset: int) -> int | None:
    """Where a string starts that (probably) lacks its closing quote, or None.

    The sign (`"t { text "x`): a token glued to the end of a string whose last quote follows a
    space, as an opening quote does: the string ran on to the opening quote of the next one.
    """
    if offset < 2 or text[offset - 1] != '"' or not text[offset - 2].isspace() \
            or not text[offset:offset + 1].isalnum():
        return None
    line_start = text.rfind("\n", 0, offset) + 1
    for string in re.finditer(r'"([^"\\\n]|\\.)*"', text[line_start:offset]):
        if line_start + string.end() == offset:
            return line_start + string.start()
    return None


def _date_suggestion(written: str) -> str | None:
    """`16/09/2023` -> "write `2023-09-16`", when the parts can only mean one date."""
    parts = [int(p) for p in re.split(r"[-/.]", written)]
    year_first = parts[0] > 31
    if not year_first and parts[0] <= 12 and parts[1] <= 12 and parts[0] != parts[1]:
        return None  # 05/06/2023: the 5th of June or May the 6th?
    year, month, day = parts if year_first else (parts[2], parts[1], parts[0])
    try:
        return f"write `{datetime.date(year, month, day).isoformat()}`"
    except ValueError:
        return None


def _match_example(error: UnexpectedInput) -> str | None:
    """The code of the SYNTAX_EXAMPLES entry whose error is `error`'s, or None.

    Like Lark's `match_examples`, but parser states are compared by automaton state and the
    terminals accepted there, not by the depth of the parse stack: a mistake is the same
    mistake whether the definition before it had one parameter or two.
    """
    if not isinstance(error, UnexpectedToken):
        return None
    key = (error.state.position, frozenset(error.accepts or ()))
    fallback = None
    for code, position, accepts, token_type in _example_errors():
        if (position, accepts) == key:
            if token_type == error.token.type:
                return code
            fallback = fallback or code
    return fallback


@functools.cache
def _example_errors() -> tuple[tuple[str, int, frozenset[str], str], ...]:
    found = []
    for code, (_, examples) in SYNTAX_EXAMPLES.items():
        for example in examples:
            try:
                _parser().parse(example, start="start")
            except UnexpectedToken as error:
                found.append((code, error.state.position, frozenset(error.accepts or ()),
                              error.token.type))
    return tuple(found)


def _expected_message(error: UnexpectedInput) -> str:
    at_end = isinstance(error, UnexpectedEOF) or (
        isinstance(error, UnexpectedToken) and error.token.type == "$END"
    )
    token = error.token if isinstance(error, UnexpectedToken) else None
    # `accepts` replays the parser on each terminal: exact, where `expected` merges LALR states
    expected = sorted(getattr(error, "accepts", None) or getattr(error, "expected", ()) or ())
    expected = [name for name in expected if name != "$END"]
    shown = ", ".join(_terminal_name(name) for name in expected[:6])
    if len(expected) > 6:
        shown += f" or {len(expected) - 6} more"
    found = "end of input" if at_end else f"`{token}`" if token is not None else "this"
    return f"unexpected {found}" + (f"; expected {shown}" if shown else "")


def _terminal_name(name: str) -> str:
    named = {"NAME": "a name", "STRING": 'a "string"', "DATE": "a date", "INT": "a number",
             "COMPARE": "a comparison", "MODALITY": "`must`, `must not` or `may`",
             "QUANTIFIER": "`some` or `all`", "SWITCH": "`on` or `off`",
             "PREDICATE_KIND": "`event` or `act`", "UNIT": "`months` or `years`",
             "DEONTIC": "`obliged`, `permitted` or `forbidden`"}
    if name in named:
        return named[name]
    if not name.isupper():
        return f"`{name}`"
    pattern = _parser().get_terminal(name).pattern
    # a keyword written as a regular expression (`unverified\b`) is shown as the keyword
    return f"`{pattern.value}`" if pattern.type == "str" else f"`{name.lower()}`"


# ---- the AST builder ----------------------------------------------------------------------------


def _confidence(items: list[Any]) -> str | None:
    """The `secondary` or `memory` mark of an article or paragraph, if it has one."""
    return next((str(r) for r in items if isinstance(r, Token) and r.type == "CONFIDENCE"), None)


def _unquote(token: Token) -> str:
    return re.sub(r"\\(.)", r"\1", str(token)[1:-1])


def _optional_string(items: list[Any]) -> str:
    """The text of the one STRING among a rule's `items` (a wording, a justification); "" if
    the rule has none."""
    return next((_unquote(t) for t in items if isinstance(t, Token) and t.type == "STRING"), "")


@v_args(meta=True)
class _ToAst(Transformer_NonRecursive):  # type: ignore[type-arg]
    """Builds AST nodes as the parser reduces; bad dates are collected as problems."""

    def __init__(self, source_name: str) -> None:
        super().__init__()
        self.source_name = source_name
        self.problems: list[Diagnostic] = []

    # spans -------------------------------------------------------------------------------------
    def _span(self, meta: Any) -> Span:
        if getattr(meta, "empty", True):
            return Span(self.source_name, 0, 0, 0, 0)
        return Span(self.source_name, meta.line, meta.column, meta.end_line, meta.end_column)

    def _token_span(self, token: Token) -> Span:
        return Span(
            self.source_name, token.line or 0, token.column or 0,
            token.end_line or 0, token.end_column or 0,
        )

    def _date(self, token: Token) -> datetime.date:
        try:
            return read_date(str(token))
        except DateError as error:
            self.problems.append(
                Diagnostic("E010", str(error), self._token_span(token), error.suggestion))
            return FIRST_DAY

    # documents ---------------------------------------------------------------------------------
    def start(self, meta: Any, items: list[Any]) -> ast.Document:
        return ast.Document(tuple(items))

    def fact_flag(self, meta: Any, items: list[Any]) -> ast.Fact:
        atom, *bounds = items
        dates = dict(bounds)  # "from" and "until" are each optional
        return ast.Fact("true", atom, dates.get("from"), dates.get("until"), self._span(meta))

    def fact_start(self, meta: Any, items: list[Any]) -> tuple[str, datetime.date]:
        return ("from", self._date(items[0]))

    def fact_end(self, meta: Any, items: list[Any]) -> tuple[str, datetime.date]:
        return ("until", self._date(items[0]))

    def expr_flag(self, meta: Any, items: list[Any]) -> ast.Expr:
        return items[0]  # type: ignore[no-any-return]

    # header and vocabulary ---------------------------------------------------------------------
    def charter_header(self, meta: Any, items: list[Any]) -> ast.Header:
        title, *fields = items
        signed = place = in_force = cited = None
        for name, value, where in fields:
            if name == "signed":
                signed, place = value, where
            elif name == "cited":
                cited = value
            else:
                in_force = value
        return ast.Header(_unquote(title), signed, place, in_force, self._span(meta), cited)

    def cited(self, meta: Any, items: list[Any]) -> tuple[str, Any, Any]:
        return ("cited", _unquote(items[0]), None)

    def use_decl(self, meta: Any, items: list[Any]) -> ast.UseDecl:
        return ast.UseDecl(_unquote(items[0]), self._token_span(items[0]))

    def signed(self, meta: Any, items: list[Any]) -> tuple[str, Any, Any]:
        return ("signed", self._date(items[0]), _unquote(items[1]) if len(items) > 1 else None)

    def in_force(self, meta: Any, items: list[Any]) -> tuple[str, Any, Any]:
        return ("in_force", self._date(items[0]), None)

    def kind_decl(self, meta: Any, items: list[Any]) -> ast.KindDecl:
        name, *description = items
        text = _unquote(description[0]) if description else ""
        return ast.KindDecl(str(name), text, self._token_span(name))

    def party_decl(self, meta: Any, items: list[Any]) -> ast.PartyDecl:
        return ast.PartyDecl(str(items[0]), _unquote(items[1]), self._token_span(items[0]))

    def actor_decl(self, meta: Any, items: list[Any]) -> ast.ActorDecl:
        name, display, kind = items
        return ast.ActorDecl(
            str(name), _unquote(display), str(kind), self._token_span(name),
            self._token_span(kind),
        )

    def sort_decl(self, meta: Any, items: list[Any]) -> ast.SortDecl:
        name, *constructors = items
        return ast.SortDecl(str(name), tuple(constructors), self._token_span(name))

    def constructor(self, meta: Any, items: list[Any]) -> ast.Constructor:
        name, *sorts = items
        return ast.Constructor(str(name), tuple(str(s) for s in sorts), self._span(meta))

    def predicate_decl(self, meta: Any, items: list[Any]) -> ast.PredicateDecl:
        role, name, *rest = items
        params = tuple(p for p in rest if isinstance(p, ast.Param))
        return ast.PredicateDecl(str(role), str(name), params, _optional_string(rest),
                                 self._token_span(name))

    def param(self, meta: Any, items: list[Any]) -> ast.Param:
        return ast.Param(str(items[0]), str(items[1]), self._span(meta))

    def switch_interpretation(self, meta: Any, items: list[Any]) -> ast.InterpretationDecl:
        name, switch, justification = items
        return ast.InterpretationDecl(
            str(name), str(switch), _unquote(justification), self._token_span(name)
        )

    def options_interpretation(self, meta: Any, items: list[Any]) -> ast.InterpretationDecl:
        name, *rest = items
        options = tuple(r for r in rest if isinstance(r, ast.ReadingOption))
        default = next(r for r in rest if isinstance(r, Token) and r.type == "NAME")
        literal = next((r[1] for r in rest if isinstance(r, tuple)), None)
        return ast.InterpretationDecl(
            str(name), str(default), _optional_string(rest), self._token_span(name), options,
            literal, self._token_span(default),
        )

    def reading_option(self, meta: Any, items: list[Any]) -> ast.ReadingOption:
        return ast.ReadingOption(str(items[0]), _unquote(items[1]), self._token_span(items[0]))

    def reading_literal(self, meta: Any, items: list[Any]) -> tuple[str, str]:
        return ("literal", str(items[0]))

    def incompatible_decl(self, meta: Any, items: list[Any]) -> ast.IncompatibleDecl:
        name, first, second, *rest = items
        condition = next((r[1] for r in rest if isinstance(r, tuple)), None)
        reasons = [_unquote(r) for r in rest if isinstance(r, Token)]
        return ast.IncompatibleDecl(
            str(name), first, second, condition, reasons[0] if reasons else "",
            self._token_span(name),
        )

    def assume_decl(self, meta: Any, items: list[Any]) -> ast.AssumeDecl:
        name, body, *reason = items
        return ast.AssumeDecl(str(name), body, _unquote(reason[0]) if reason else "",
                              self._token_span(name))

    # articles ----------------------------------------------------------------------------------
    def article(self, meta: Any, items: list[Any]) -> ast.Article:
        label, title, *rest = items
        unverified = any(isinstance(r, Token) and r.type == "UNVERIFIED" for r in rest)
        body = [r for r in rest if not isinstance(r, Token)]
        texts = [value for kind, value in body if kind == "text"]
        notes = tuple(value for kind, value in body if kind == "note")
        declared = tuple(value for kind, value in body if kind == "item")
        return ast.Article(
            label, _unquote(title), unverified, " ".join(texts), notes, declared, self._span(meta),
            _confidence(rest),
        )

    def paragraph(self, meta: Any, items: list[Any]) -> tuple[str, ast.Paragraph]:
        label, *rest = items
        body = [r for r in rest if not isinstance(r, Token)]
        texts = [value for kind, value in body if kind == "text"]
        notes = tuple(value for kind, value in body if kind == "note")
        declared = tuple(value for kind, value in body if kind == "item")
        return ("item", ast.Paragraph(str(label), " ".join(texts), notes, declared,
                                      self._span(meta), _confidence(rest)))

    def article_label(self, meta: Any, items: list[Any]) -> int | str:
        token = items[0]
        return int(token) if token.type == "INT" else str(token)

    def text(self, meta: Any, items: list[Any]) -> tuple[str, str]:
        return ("text", "".join(_unquote(s) for s in items))

    def note(self, meta: Any, items: list[Any]) -> tuple[str, str]:
        return ("note", "".join(_unquote(s) for s in items))

    def date_decl(self, meta: Any, items: list[Any]) -> tuple[str, ast.DateDecl]:
        return ("item", ast.DateDecl(str(items[0]), self._date(items[1]), self._span(meta)))

    def definition(self, meta: Any, items: list[Any]) -> tuple[str, ast.Definition]:
        name, *params, body = items
        kept = tuple(p for p in params if isinstance(p, ast.Param))
        return ("item", ast.Definition(str(name), kept, body, self._token_span(name),
                                       _optional_string(params)))

    def extension(self, meta: Any, items: list[Any]) -> tuple[str, ast.Extension]:
        name, *params, body = items
        kept = tuple(str(p) for p in params if p is not None)
        return ("item", ast.Extension(str(name), kept, body, self._token_span(name)))

    def norm(self, meta: Any, items: list[Any]) -> tuple[str, ast.Norm]:
        name, holder, modality, action, *rest = items
        condition = next((e for kind, e in rest if kind == "when"), None)
        exception = next((e for kind, e in rest if kind == "unless"), None)
        modal = " ".join(str(modality).split())
        return ("item", ast.Norm(
            str(name), holder, modal, action, condition, exception, self._token_span(name)
        ))

    def every(self, meta: Any, items: list[Any]) -> ast.Every:
        restriction, variable, *other = items
        return ast.Every(
            str(restriction), str(variable), str(other[0]) if other else None, self._span(meta)
        )

    def holder_constant(self, meta: Any, items: list[Any]) -> ast.HolderConstant:
        return ast.HolderConstant(str(items[0]), self._token_span(items[0]))

    def condition(self, meta: Any, items: list[Any]) -> tuple[str, ast.Expr]:
        return ("when", items[0])

    def exception(self, meta: Any, items: list[Any]) -> tuple[str, ast.Expr]:
        return ("unless", items[0])

    def priority(self, meta: Any, items: list[Any]) -> tuple[str, ast.Priority]:
        stronger, weaker, *rest = items
        condition = rest[0][1] if rest else None
        return ("item", ast.Priority(
            str(stronger), str(weaker), condition, self._span(meta),
            self._token_span(stronger), self._token_span(weaker),
        ))

    # scenarios ---------------------------------------------------------------------------------
    def scenario(self, meta: Any, items: list[Any]) -> ast.Scenario:
        name, *body = items
        dates = [value for kind, value in body if kind == "on"]
        for _, span in dates[1:]:
            self.problems.append(Diagnostic(
                "E108", "the scenario has two `on` lines", span,
                notes=(f"the first is at {dates[0][1]}; a scenario is one day",)))
        return ast.Scenario(
            _unquote(name),
            dates[0][0] if dates else None,
            tuple(value for kind, value in body if kind == "actor"),
            tuple(value for kind, value in body if kind == "fact"),
            tuple(value for kind, value in body if kind == "switch"),
            self._span(meta),
            tuple(value for kind, value in body if kind == "expect"),
        )

    def on_date(self, meta: Any, items: list[Any]) -> tuple[str, tuple[datetime.date, Span]]:
        return ("on", (self._date(items[0]), self._span(meta)))

    def scenario_actor(self, meta: Any, items: list[Any]) -> tuple[str, ast.ScenarioActor]:
        return ("actor", ast.ScenarioActor(str(items[0]), str(items[1]), self._span(meta)))

    def fact_true(self, meta: Any, items: list[Any]) -> tuple[str, ast.Fact]:
        fact = self.fact_flag(meta, items)
        return ("fact", fact)

    def fact_false(self, meta: Any, items: list[Any]) -> tuple[str, ast.Fact]:
        return ("fact", ast.Fact("false", items[0], span=self._span(meta)))

    def fact_unknown(self, meta: Any, items: list[Any]) -> tuple[str, ast.Fact]:
        return ("fact", ast.Fact("unknown", items[0], span=self._span(meta)))

    def interpretation_switch(self, meta: Any, items: list[Any]) -> tuple[str, Any]:
        switch = ast.InterpretationSwitch(str(items[0]), str(items[1]), self._span(meta))
        return ("switch", switch)

    # expectations ------------------------------------------------------------------------------
    def expect_norm(self, meta: Any, items: list[Any]) -> tuple[str, ast.ExpectNorm]:
        modality, atom, *rest = items
        depends = next((i for i in rest if isinstance(i, list)), None)
        triggers = next((i for i in rest if isinstance(i, tuple)), ())
        return ("expect", ast.ExpectNorm(True, str(modality), atom,
                                         tuple(depends) if depends is not None else None,
                                         self._span(meta), triggers))

    def triggers(self, meta: Any, items: list[Any]) -> tuple[tuple[bool, ast.Atom], ...]:
        # a tuple, where `depends` gives a list: expect_norm tells the two apart by it
        return tuple(item if isinstance(item, tuple) else (True, item) for item in items)

    def not_trigger(self, meta: Any, items: list[Any]) -> tuple[bool, ast.Atom]:
        return (False, items[0])

    def expect_not_norm(self, meta: Any, items: list[Any]) -> tuple[str, ast.ExpectNorm]:
        modality, atom = items
        return ("expect", ast.ExpectNorm(False, str(modality), atom, None, self._span(meta)))

    def expect_violation(self, meta: Any, items: list[Any]) -> tuple[str, ast.ExpectViolation]:
        return ("expect", self._violation(True, meta, items))

    def expect_no_violation(self, meta: Any, items: list[Any],
                            ) -> tuple[str, ast.ExpectViolation]:
        return ("expect", self._violation(False, meta, items))

    def _violation(self, positive: bool, meta: Any, items: list[Any]) -> ast.ExpectViolation:
        party = next((str(i) for i in items if isinstance(i, Token)), None)
        of: dict[str, Any] = dict(i for i in items if isinstance(i, tuple))
        depends = next((i for i in items if isinstance(i, list)), None)
        article = of.get("article")
        return ast.ExpectViolation(positive, party, of.get("norm"),
                                   article[0] if article else None,
                                   tuple(depends) if depends is not None else None,
                                   self._span(meta), article[1] if article else None)

    def violated_article(self, meta: Any, items: list[Any],
                         ) -> tuple[str, tuple[int | str, str | None]]:
        return ("article", (items[0], str(items[1]) if len(items) > 1 else None))

    def violated_norm(self, meta: Any, items: list[Any]) -> tuple[str, str]:
        return ("norm", str(items[0]))

    def depends(self, meta: Any, items: list[Any]) -> list[ast.Atom]:
        return list(items)

    def expect_nothing_else(self, meta: Any, items: list[Any],
                            ) -> tuple[str, ast.ExpectNothingElse]:
        modality = next((str(i) for i in items if i.type == "DEONTIC"), None)
        party = next((str(i) for i in items if i.type == "NAME"), None)
        return ("expect", ast.ExpectNothingElse(modality, party, self._span(meta)))

    def expect_finding(self, meta: Any, items: list[Any]) -> tuple[str, ast.ExpectFinding]:
        code, *norms = map(str, items)
        return ("expect", ast.ExpectFinding(True, code, tuple(norms), self._span(meta)))

    def expect_no_finding(self, meta: Any, items: list[Any]) -> tuple[str, ast.ExpectFinding]:
        return ("expect", ast.ExpectFinding(False, None, tuple(map(str, items)),
                                            self._span(meta)))

    # expressions -------------------------------------------------------------------------------
    def quantified(self, meta: Any, items: list[Any]) -> ast.Quantified:
        quantifier, restriction, variable, body = items
        return ast.Quantified(
            str(quantifier), str(restriction), str(variable), body, self._span(meta)
        )

    def conditional(self, meta: Any, items: list[Any]) -> ast.Conditional:
        test, then, otherwise = items
        return ast.Conditional(test, then, otherwise, self._span(meta))

    def or_(self, meta: Any, items: list[Any]) -> ast.Or:
        left, right = items
        operands = left.operands if isinstance(left, ast.Or) else (left,)
        return ast.Or((*operands, right), self._span(meta))

    def and_(self, meta: Any, items: list[Any]) -> ast.And:
        left, right = items
        operands = left.operands if isinstance(left, ast.And) else (left,)
        return ast.And((*operands, right), self._span(meta))

    def not_(self, meta: Any, items: list[Any]) -> ast.Not:
        return ast.Not(items[0], self._span(meta))

    def compare(self, meta: Any, items: list[Any]) -> ast.Compare:
        left, op, right = items
        return ast.Compare(str(op), left, right, self._span(meta))

    def true(self, meta: Any, items: list[Any]) -> ast.BoolLiteral:
        return ast.BoolLiteral(True, self._span(meta))

    def false(self, meta: Any, items: list[Any]) -> ast.BoolLiteral:
        return ast.BoolLiteral(False, self._span(meta))

    def atom(self, meta: Any, items: list[Any]) -> ast.Atom:
        name, *args = items
        return ast.Atom(str(name), tuple(a for a in args if a is not None), self._span(meta))

    def name_term(self, meta: Any, items: list[Any]) -> ast.Name:
        return ast.Name(str(items[0]), self._span(meta))

    def applied_term(self, meta: Any, items: list[Any]) -> ast.Applied:
        name, *args = items
        return ast.Applied(str(name), tuple(a for a in args if a is not None), self._span(meta))

    def date_term(self, meta: Any, items: list[Any]) -> ast.DateLiteral:
        return ast.DateLiteral(self._date(items[0]), self._span(meta))

    def today(self, meta: Any, items: list[Any]) -> ast.Today:
        return ast.Today(self._span(meta))

    def date_of(self, meta: Any, items: list[Any]) -> ast.DateOf:
        return ast.DateOf(items[0], self._span(meta))

    def shift(self, meta: Any, items: list[Any]) -> ast.Shift:
        term, amount, unit = items
        unit_text = str(unit).rstrip("s")
        months = int(amount) * (12 if unit_text == "year" else 1)
        if unit_text == "day":
            return ast.Shift(term, int(amount), "days", self._span(meta))
        return ast.Shift(term, months, "months", self._span(meta))
