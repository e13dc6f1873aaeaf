"""The printer of the surface form: the canonical layout of a charter or scenario file (`fmt`).

It prints the Lark parse tree, not the AST, so that it keeps what the AST does not (how a text is
split into strings, `years` or `months`, the comments). The layout:

- one declaration or clause per line, blocks indented by two spaces, at most one blank line where
  the input had some, none at the start or the end of a block;
- lines of at most WIDTH columns where the words allow: a clause too long for one line puts its
  `when` and `unless` on lines of their own, and a condition too long for its line breaks before
  each `and` / `or` of its top level (then of the parts in parentheses), each break indented
  further. Strings and atoms are never broken;
- comments are kept: a comment after code stays at the end of that clause's last line, aligned
  with the comments of the clauses next to it; a comment inside a clause that spans several
  lines moves to the line above the clause; a comment on its own line stays on its own line.

The guarantees (tests/test_fmt.py): formatting never loses a comment, formatting twice gives the
same text as formatting once, and the output parses to the same AST as the input.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from lark import Token, Tree

from .diagnostics import CharterError, Diagnostic
from .parser import comment_tokens, parse, parse_tree
from .source import Source, Span

#: The column that lines are kept within, where the words allow.
WIDTH = 100
INDENT = 2

# ---- documents: a small Wadler-style pretty printer ----------------------------------------------


class _Line:
    """A space if its group fits on the line; otherwise a line break at the current indentation."""


LINE = _Line()


@dataclass(frozen=True, slots=True)
class Group:
    """Laid out flat if it fits in what is left of the line, else with every LINE of it broken."""

    parts: Doc


@dataclass(frozen=True, slots=True)
class Nest:
    """Line breaks inside are indented `indent` more."""

    indent: int
    parts: Doc


Doc = str | _Line | Group | Nest | list["Doc"]
_FLAT, _BREAK = True, False


def layout(doc: Doc, indent: int, width: int = WIDTH) -> str:
    """`doc` laid out from column `indent` (the caller writes the first line's indentation)."""
    out: list[str] = []
    column = indent
    stack: list[tuple[int, bool, Doc]] = [(indent, _BREAK, doc)]
    while stack:
        level, flat, part = stack.pop()
        if isinstance(part, str):
            out.append(part)
            column += len(part)
        elif isinstance(part, list):
            stack.extend((level, flat, p) for p in reversed(part))
        elif isinstance(part, Nest):
            stack.append((level + part.indent, flat, part.parts))
        elif isinstance(part, Group):
            fits = flat or _fits(width - column, part.parts, stack)
            stack.append((level, fits, part.parts))
        elif flat:
            out.append(" ")
            column += 1
        else:
            out.append("\n" + " " * level)
            column = level
    return "".join(out)


def _fits(room: int, doc: Doc, rest: list[tuple[int, bool, Doc]]) -> bool:
    """Whether `doc` laid flat, and what follows it up to the next line break, fit in `room`."""
    pending: list[tuple[bool, Doc]] = [(_FLAT, doc)]
    following = len(rest)
    while room >= 0:
        if not pending:
            if following == 0:
                return True
            following -= 1
            _, flat, part = rest[following]
            pending.append((flat, part))
        flat, part = pending.pop()
        if isinstance(part, str):
            room -= len(part)
        elif isinstance(part, list):
            pending.extend((flat, p) for p in reversed(part))
        elif isinstance(part, Nest):
            pending.append((flat, part.parts))
        elif isinstance(part, Group):  # measured flat: it breaks, if at all, after this line
            pending.append((_FLAT, part.parts))
        elif flat:
            room -= 1
        else:
            return True
    return False


# ---- expressions and terms -----------------------------------------------------------------------

#: How tightly each kind of expression binds; an operand that binds less needs parentheses.
_PRECEDENCE = {"quantified": 0, "conditional": 1, "or_": 2, "and_": 3, "not_": 4, "compare": 5}
_ATOMIC = 6


def _precedence(node: Tree | Token) -> int:  # type: ignore[type-arg]
    return _PRECEDENCE.get(node.data, _ATOMIC) if isinstance(node, Tree) else _ATOMIC


def expression(node: Tree, least: int = 0) -> Doc:  # type: ignore[type-arg]
    """An expression, in parentheses if it binds less tightly than `least`."""
    if _precedence(node) < least:
        return Group(["(", Nest(INDENT, _bare(node)), ")"])
    return _bare(node)


def _operand(node: Tree, chain: str) -> Doc:  # type: ignore[type-arg]
    """An operand of an `and` or `or` chain; `a or (b and c)` keeps its parentheses, which the
    grammar does not need but a reader does."""
    if chain == "or_" and isinstance(node, Tree) and node.data == "and_":
        return Group(["(", Nest(INDENT, _bare(node)), ")"])
    return expression(node, _PRECEDENCE[chain])


def _bare(node: Tree) -> Doc:  # type: ignore[type-arg]
    kind, children = node.data, node.children
    if kind in ("and_", "or_"):
        word = "and " if kind == "and_" else "or "
        level = _PRECEDENCE[kind]
        operands = []
        while isinstance(node, Tree) and node.data == kind:  # `a and b and c` is left-nested
            operands.append(node.children[1])
            node = node.children[0]
        operands.append(node)
        first, *others = reversed(operands)
        parts: list[Doc] = [_operand(first, kind)]
        for operand in others:
            parts += [LINE, word, expression(operand, level + 1) if _same(operand, kind)
                      else _operand(operand, kind)]
        return Group(parts)
    if kind == "not_":
        return ["not ", expression(children[0], _PRECEDENCE["not_"])]
    if kind == "quantified":
        quantifier, restriction, variable, body = children
        return Group([f"{quantifier} {restriction} {variable}:",
                      Nest(INDENT, [LINE, expression(body)])])
    if kind == "conditional":
        test, then, otherwise = children
        return Group(["if ", expression(test),
                      Nest(INDENT, [LINE, "then ", expression(then),
                                    LINE, "else ", expression(otherwise)])])
    if kind == "compare":
        left, op, right = children
        return f"{term(left)} {op} {term(right)}"
    if kind in ("true", "false"):
        return kind
    return atom(node)


def _same(node: Tree | Token, kind: str) -> bool:  # type: ignore[type-arg]
    """A right operand of the same chain: `a and (b and c)`, whose parentheses the AST keeps."""
    return isinstance(node, Tree) and node.data == kind


def atom(node: Tree) -> str:  # type: ignore[type-arg]
    """`name(args)`; an atom without arguments is written without parentheses."""
    name, *args = node.children
    written = [term(a) for a in args if a is not None]
    return f"{name}({', '.join(written)})" if written else str(name)


def term(node: Tree) -> str:  # type: ignore[type-arg]
    """A term, always on one line."""
    kind, children = node.data, node.children
    if kind == "applied_term":
        name, *args = children
        return f"{name}({', '.join(term(a) for a in args if a is not None)})"
    if kind == "shift":
        base, amount, unit = children
        return f"{term(base)} + {amount} {unit}"
    if kind == "date_of":
        return f"date of {atom(children[0])}"
    if kind == "today":
        return "today"
    return str(children[0])  # name_term, date_term


# ---- declarations and clauses --------------------------------------------------------------------

#: The declarations that hold a block `{ ... }` of clauses, and what stands before the block.
BLOCKS = ("charter_header", "article", "paragraph", "scenario")


def _tokens(children: Sequence[object], *types: str) -> list[Token]:
    return [c for c in children if isinstance(c, Token) and c.type in types]


def _trees(children: Sequence[object], *kinds: str) -> list[Tree]:  # type: ignore[type-arg]
    return [c for c in children if isinstance(c, Tree) and c.data in kinds]


def _continued(*parts: Doc) -> Doc:
    """Parts that go on the clause's line if they fit, else each on a line of its own."""
    return Nest(INDENT, [[LINE, p] for p in parts])


def _when(children: Sequence[object]) -> list[Doc]:
    """The `when` and `unless` parts of a clause."""
    parts: list[Doc] = []
    for word, rule in (("when ", "condition"), ("unless ", "exception")):
        parts += [[word, Nest(INDENT, expression(c.children[0]))] for c in _trees(children, rule)]
    return parts


def _params(params: Sequence[object]) -> str:
    return ", ".join(f"{p.children[0]}: {p.children[1]}" for p in params
                     if isinstance(p, Tree))


def clause(node: Tree) -> Doc:  # type: ignore[type-arg]
    """One declaration or clause (not a block's head); `head` prints those."""
    kind, children = node.data, node.children
    strings = [str(s) for s in _tokens(children, "STRING")]
    if kind == "signed":
        return f"signed {children[0]}" + (f" at {strings[0]}" if strings else "")
    if kind == "in_force":
        return f"in_force {children[0]}"
    if kind == "cited":
        return f"cited {children[0]}"
    if kind == "use_decl":
        return f"use {children[0]}"
    if kind in ("kind_decl", "party_decl"):
        word = "kind" if kind == "kind_decl" else "party"
        return Group([f"{word} {children[0]}", _continued(*strings)])
    if kind == "actor_decl":
        name, display, actor_kind = children
        return f"actor {name} {display}: {actor_kind}"
    if kind == "sort_decl":
        name, *constructors = children
        shown = [_constructor(c) for c in constructors]
        head = f"sort {name} = "
        parts: list[Doc] = [shown[0]]
        parts += [[LINE, "| ", s] for s in shown[1:]]
        return Group([head, Nest(len(head) - 2, parts)])
    if kind == "predicate_decl":
        role, name, *rest = children
        params = [p for p in rest if isinstance(p, Tree) or p is None]
        return Group([f"{role} {name}({_params(params)})", _continued(*strings)])
    if kind in ("interpretation_decl", "switch_interpretation"):
        name, switch = children[:2]
        return Group([f"interpretation {name} {switch}", _continued(*strings)])
    if kind == "options_interpretation":  # `interpretation NAME: a "why" | b "why" default a`
        options = [f"{o.children[0]} {o.children[1]}" for o in _trees(children, "reading_option")]
        names = _tokens(children, "NAME")
        literal = [f" literal {r.children[0]}" for r in _trees(children, "reading_literal")]
        return Group([f"interpretation {children[0]}:", _continued(
            "  " + options[0], *(f"| {o}" for o in options[1:]),
            f"default {names[-1]}{''.join(literal)}", *strings)])
    if kind == "incompatible_decl":
        name, first, second = children[:3]
        return Group([f"incompatible {name}: {atom(first)}, {atom(second)}",
                      _continued(*_when(children), *strings)])
    if kind == "assume_decl":
        name, body = children[:2]
        return Group([f"assume {name}: ", Nest(INDENT, expression(body)), _continued(*strings)])
    if kind in ("text", "note"):
        return Group([f"{kind} {strings[0]}", _continued(*strings[1:])])
    if kind == "date_decl":
        return f"date {children[0]} = {children[1]}"
    if kind in ("definition", "extension"):
        name, *params, body = children
        if kind == "definition":
            written = _params(params)
        else:
            written = ", ".join(str(p) for p in params if p is not None)
        word = "define" if kind == "definition" else "extend"
        head = f"{word} {name}({written})" if written else f"{word} {name}"
        # a definition's wording goes on a line of its own when the head and the body's first
        # line do not fit together; the body breaks, or not, on its own
        return [Group([head, _continued(*strings)]), " := ",
                Nest(INDENT, Group(expression(body)))]
    if kind == "norm":
        name, holder, modality, action = children[:4]
        return Group([f"norm {name}: {_holder(holder)}: {' '.join(str(modality).split())} "
                      f"{atom(action)}", _continued(*_when(children))])
    if kind == "priority":
        stronger, weaker = children[:2]
        return Group([f"priority {stronger} over {weaker}", _continued(*_when(children))])
    return _scenario_clause(node)


def _constructor(node: Tree) -> str:  # type: ignore[type-arg]
    name, *sorts = node.children
    return f"{name}({', '.join(map(str, sorts))})" if sorts else str(name)


def _holder(node: Tree) -> str:  # type: ignore[type-arg]
    if node.data == "holder_constant":
        return str(node.children[0])
    restriction, variable, *other = node.children
    return f"every {restriction} {variable}" + (f" other than {other[0]}" if other else "")


def _scenario_clause(node: Tree) -> Doc:  # type: ignore[type-arg]
    kind, children = node.data, node.children
    if kind == "on_date":
        return f"on {children[0]}"
    if kind == "scenario_actor":
        return f"actor {children[0]}: {children[1]}"
    if kind == "fact_true":
        dates = [f"{'from' if d.data == 'fact_start' else 'until'} {d.children[0]}"
                 for d in _trees(children, "fact_start", "fact_end")]
        return " ".join([f"fact {atom(children[0])}", *dates])
    if kind in ("fact_false", "fact_unknown"):
        return f"{'not' if kind == 'fact_false' else 'unknown'} {atom(children[0])}"
    if kind == "interpretation_switch":
        return f"interpretation {children[0]} {children[1]}"
    if kind == "expect_nothing_else":
        modality = _tokens(children, "DEONTIC")
        party = _tokens(children, "NAME")
        return " ".join(["expect nothing else", *map(str, modality),
                         *(f"for {p}" for p in party)])
    if kind in ("expect_finding", "expect_no_finding"):
        names = [str(c) for c in children]
        if kind == "expect_finding":
            return f"expect finding {names[0]} of {', '.join(names[1:])}"
        return f"expect no finding of {', '.join(names)}"
    words = {"expect_norm": "expect", "expect_not_norm": "expect not",
             "expect_violation": "expect violation", "expect_no_violation": "expect no violation"}
    parts = [words[kind]]
    for child in children:
        if isinstance(child, Token):
            parts.append(f"by {child}" if child.type == "NAME" else str(child))
        elif child.data == "atom":
            parts.append(atom(child))
        elif child.data == "violated_norm":
            parts.append(f"of {child.children[0]}")
        elif child.data == "violated_article":  # `of article 8`, `of article 8(b)`
            paragraph = "".join(f"({p})" for p in _tokens(child.children, "NAME"))
            parts.append(f"of article {_label(child.children[0])}{paragraph}")
    doc: list[Doc] = [" ".join(parts)]
    for tree in _trees(children, "depends") + _trees(children, "triggers"):
        atoms = [f"not {atom(a.children[0])}" if a.data == "not_trigger" else atom(a)
                 for a in tree.children]
        lead = "depends on " if tree.data == "depends" else "triggered by "
        doc.append(_continued([lead, Nest(INDENT, [atoms[0]] + [
            [",", LINE, a] for a in atoms[1:]])]))
    return Group(doc)


def _label(node: Tree) -> str:  # type: ignore[type-arg]
    return str(node.children[0])


def head(node: Tree) -> str:  # type: ignore[type-arg]
    """What stands before a block's `{`."""
    children = node.children
    if node.data == "charter_header":
        return f"charter {children[0]}"
    if node.data == "scenario":
        return f"scenario {children[0]}"
    confidence = "".join(f" {c}" for c in _tokens(children, "CONFIDENCE"))
    if node.data == "paragraph":
        return f"paragraph {children[0]}{confidence}"
    label, title = children[:2]
    unverified = " unverified" if _tokens(children, "UNVERIFIED") else ""
    return f"article {_label(label)} {title}{unverified}{confidence}"


def body(node: Tree) -> list[Tree]:  # type: ignore[type-arg]
    """The clauses of a block."""
    return [c for c in node.children if isinstance(c, Tree) and c.data != "article_label"]


# ---- the file: clauses, blocks and comments ----------------------------------------------------


@dataclass
class _Entry:
    """A clause or a comment on its own line, in a block or at the top level."""

    first: int  # the lines it comes from, for blank lines
    last: int
    node: Tree | None = None  # type: ignore[type-arg]
    comment: str = ""  # a comment on its own line (node is None)
    trailing: str = ""  # a comment after the clause
    head_comment: str = ""  # a comment after a block's `{`
    inner: list[Token] = field(default_factory=list)  # the comments inside a block


def format_source(source: Source) -> str:
    """The canonical text of `source`; raises CharterError if it does not parse.

    Guarantees that the text it returns parses to the same AST and holds the same comments: if
    it could not (a construct this printer does not know), it raises CharterError (E001) rather
    than return a text that means something else.
    """
    tree = parse_tree(source)
    comments = comment_tokens(source)
    lines = _body(tree.children, comments, 0)
    text = "\n".join(lines) + "\n" if lines else ""
    printed = Source(source.name, text)
    try:
        before, after = parse(source), parse(printed)
        # the problems a parse leaves for the resolver (two `on` lines) name lines, which a new
        # layout moves: they must be the same problems, not at the same places
        same = before.declarations == after.declarations and [
            (d.code, d.message) for d in before.problems] == [
            (d.code, d.message) for d in after.problems] and [
            str(c).rstrip() for c in comment_tokens(printed)] == [str(c).rstrip() for c in comments]
    except CharterError:
        same = False
    if not same:
        raise CharterError((Diagnostic(
            "E001", "fmt cannot lay out this file without changing it, so it leaves it as it is",
            Span(source.name, 0, 0, 0, 0), None,
            ("this is a bug in charterlogic fmt; please report it with the file",)),),
            {source.name: source})
    return text


def _body(nodes: Sequence[object], comments: Sequence[Token], level: int) -> list[str]:
    entries = _entries([n for n in nodes if isinstance(n, Tree)], comments)
    lines: list[str] = []
    pad = " " * (INDENT * level)
    previous: _Entry | None = None
    printed: list[tuple[list[str], str]] = []  # each entry's lines, and its trailing comment
    for entry in entries:
        blank = previous is not None and entry.first - previous.last > 1
        if blank:
            printed.append(([""], ""))
        if entry.node is None:
            printed.append(([pad + entry.comment], ""))
        elif entry.node.data in BLOCKS:
            printed.append((_block(entry, level), entry.trailing))
        else:
            text = pad + layout(clause(entry.node), len(pad))
            printed.append((text.split("\n"), entry.trailing))
        previous = entry
    for run in _runs(printed):
        column = max(len(block[-1]) for block, _ in run) + 2
        for block, comment in run:
            block[-1] = block[-1].ljust(column) + comment
    for block, _ in printed:
        lines += block
    return lines


def _runs(printed: list[tuple[list[str], str]]) -> Iterator[list[tuple[list[str], str]]]:
    """The runs of consecutive entries with a trailing comment: their comments align."""
    run: list[tuple[list[str], str]] = []
    for entry in printed:
        if entry[1]:
            run.append(entry)
        elif run:
            yield run
            run = []
    if run:
        yield run


def _block(entry: _Entry, level: int) -> list[str]:
    assert entry.node is not None
    pad = " " * (INDENT * level)
    inside = _body(body(entry.node), entry.inner, level + 1)
    opening = pad + head(entry.node) + " {"
    if not inside and not entry.head_comment:
        return [opening + "}"]
    if entry.head_comment:
        opening += "  " + entry.head_comment
    return [opening, *inside, pad + "}"]


def _entries(nodes: Sequence[Tree], comments: Sequence[Token]) -> list[_Entry]:  # type: ignore[type-arg]
    """The clauses of a block and its comments, each comment placed as the module says."""
    entries = [_Entry(n.meta.line, n.meta.end_line, n) for n in nodes]
    standalone: list[_Entry] = []
    for comment in comments:
        line, text = comment.line or 0, str(comment).rstrip()
        holder = next((e for e in reversed(entries)
                       if e.node is not None and e.first <= line <= e.last), None)
        if holder is None:
            standalone.append(_Entry(line, line, comment=text))
        elif line == holder.last and not holder.trailing:
            holder.trailing = text
        elif holder.node is not None and holder.node.data in BLOCKS and line != holder.last:
            if line == holder.first and not holder.head_comment:
                holder.head_comment = text
            else:
                holder.inner.append(comment)
        else:  # inside a clause of several lines: on its own line, above the clause
            standalone.append(_Entry(holder.first, holder.first, comment=text))
    return sorted(entries + standalone, key=lambda e: (e.first, e.node is not None))
