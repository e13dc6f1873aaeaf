"""Resolve: surface AST -> model.Charter.

Binds every name, checks arities and kinds, types variables, checks dates and cycles. It collects
every problem it finds and raises one CharterError holding them all, so a user fixes a file in one
round. Names that a norm or a definition uses without declaring are its variables; their sorts are
inferred from the argument positions they fill.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ..syntax import ast
from ..syntax.diagnostics import (
    CharterError,
    Diagnostic,
    Severity,
    choices_note,
    closest_first,
    did_you_mean,
)
from ..syntax.source import NOWHERE, Source, Span
from ..syntax.words import indefinite
from . import types as m
from .walk import fold, free_variables, subexpressions, substitute

BUILTIN_PREDICATES = ("signatory",)
BUILTIN_DATES = {"signature": "signed", "entry_into_force": "in_force"}
ORDERINGS = ("<", "<=", ">", ">=")


#: Where an inference pass records the sorts a name is used at, and where: (positive uses,
#: uses under `not`).
_Hints = tuple[dict[str, list[tuple[str, Span]]], dict[str, list[tuple[str, Span]]]]


@dataclass
class Names:
    """The symbol tables an expression is resolved against."""

    kinds: dict[str, str] = field(default_factory=dict)
    actors: dict[str, m.Actor] = field(default_factory=dict)
    constructors: dict[str, m.Constructor] = field(default_factory=dict)
    predicates: dict[str, m.Predicate] = field(default_factory=dict)
    definitions: dict[str, tuple[m.Var, ...]] = field(default_factory=dict)
    interpretations: dict[str, m.Interpretation] = field(default_factory=dict)
    dates: dict[str, int] = field(default_factory=dict)
    declared_at: dict[str, Span] = field(default_factory=dict)
    #: in a model of several instruments: each one's name, its built-in dates (`signature`,
    #: `entry_into_force`), and the one that declares parties (what `signatory(q)` asks)
    instruments: list[m.Instrument] = field(default_factory=list)
    party_instrument: int | None = None
    current: int | None = None  # the instrument whose articles are being resolved

    def sort_exists(self, sort: str) -> bool:
        """Whether `sort` is `actor`, a declared kind, or the sort of some constructor."""
        return sort == m.ACTOR or sort in self.kinds or any(
            c.sort == sort for c in self.constructors.values()
        )

    def sort_names(self) -> list[str]:
        """Every sort name, for did-you-mean suggestions."""
        return [m.ACTOR, *self.kinds, *{c.sort for c in self.constructors.values()}]

    def term_names(self) -> list[str]:
        """Every name a term may use (actors, constructors, named dates), for suggestions."""
        return [*self.actors, *self.constructors, *self.dates]

    def predicate_names(self) -> list[str]:
        """Every name an atom may use (predicates, definitions, kinds, interpretations, built-ins),
        for suggestions."""
        return [
            *self.predicates, *self.definitions, *self.kinds, *self.interpretations,
            *BUILTIN_PREDICATES, m.ACTOR,
        ]

    def values_of(self, sort: str) -> list[str]:
        """What can stand where `sort` is expected: its actors, or its constructors written with
        their argument sorts (`forces(state, area)`)."""
        if sort == m.ACTOR or sort in self.kinds:
            return [name for name, a in self.actors.items() if self.subsort(a.kind, sort)]
        return [c.name + (f"({', '.join(c.arg_sorts)})" if c.arg_sorts else "")
                for c in self.constructors.values() if c.sort == sort]

    def fitting_note(self, name: str, sort: str | None) -> tuple[str, ...]:
        """The note that lists what fits where `sort` is expected, closest to `name` first."""
        if sort is None:
            return ()
        values = closest_first(name, self.values_of(sort))
        if sort == m.ACTOR or sort in self.kinds:
            what = "the actors" if sort == m.ACTOR else f"the actors of kind {sort}"
            return (choices_note(what + " that fit here", values),
                    "an actor the charter does not name needs `--actor NAME:KIND` "
                    "(or `actor NAME: KIND` in a scenario file)")
        return (choices_note(f"the values of sort {sort}", values),)

    def subsort(self, narrow: str, wide: str) -> bool:
        """Whether a value of sort `narrow` may stand where `wide` is expected (the same sort, or a
        kind where `actor` is)."""
        return narrow == wide or (wide == m.ACTOR and narrow in self.kinds)

    def sort_of_actor(self, name: str) -> str:
        """The kind of the actor `name` (which must be known)."""
        return self.actors[name].kind


class ExprResolver:
    """Resolves expressions and terms; the charter and scenario passes share it."""

    def __init__(self, names: Names, problems: list[Diagnostic]) -> None:
        self.names = names
        self.problems = problems
        self._quantified_at: dict[str, Span] = {}  # the enclosing quantifiers' variables

    def error(self, code: str, message: str, span: Span, suggestion: str | None = None,
              notes: tuple[str, ...] = ()) -> None:
        """Record a diagnostic; resolution goes on, so that every problem is reported together."""
        self.problems.append(Diagnostic(code, message, span, suggestion, notes))

    # ---- variable inference --------------------------------------------------------------------

    def infer(self, parts: Iterable[ast.Expr | ast.Atom | None], bound: Mapping[str, m.Var],
              ) -> dict[str, m.Var]:
        """Type the undeclared names of `parts` from the argument positions they fill."""
        hints: dict[str, list[tuple[str, Span]]] = {}
        negative: dict[str, list[tuple[str, Span]]] = {}
        equalities: list[tuple[ast.Name, ast.Name]] = []
        for part in parts:
            if part is not None:
                self._collect(part, bound, (hints, negative), equalities)
        # a use under `not` does not narrow a variable's kind: in `blockade(x, p, m) and not
        # party(x)`, x stays an actor. Only a variable used nowhere else takes its sort from it.
        for name, uses in negative.items():
            hints.setdefault(name, uses)
        # a name used only in comparisons takes the sort of what it is compared with: in
        # `every party q other than p`, p is a state; a name with uses of its own keeps them
        for _ in range(2):
            for left_name, right_name in equalities:
                for a_name, b_name in ((left_name, right_name), (right_name, left_name)):
                    a, b = a_name.name, b_name.name
                    if a in bound or a in hints or self._is_constant(a):
                        continue
                    sort = bound[b].sort if b in bound else None
                    if sort is None and b in hints:
                        sort = hints[b][0][0]
                    if sort is not None:
                        # located at the compared name, so that a message about it can show it
                        hints[a] = [(sort, a_name.span)]
        variables: dict[str, m.Var] = {}
        for name, uses in hints.items():
            suggestion = did_you_mean(name, [*self.names.actors, *self.names.constructors])
            if suggestion and not _looks_like_a_variable(name):
                # an undeclared name is a variable, but one this close to a declared value is
                # far more likely a misspelling of it
                self.error("E101", f"unknown name `{name}`", uses[0][1], suggestion,
                           ("an undeclared name is read as a variable; this one is too close "
                            "to a declared name to be one",))
            sort = uses[0][0]
            for other, span in uses[1:]:
                if self.names.subsort(other, sort):
                    sort = other
                elif not self.names.subsort(sort, other):
                    self.error("E103", f"`{name}` is used both as {indefinite(sort)} and as "
                               f"{indefinite(other)}", span)
            variables[name] = m.Var(name, sort)
        return variables

    def _is_constant(self, name: str) -> bool:
        return name in self.names.actors or name in self.names.constructors or (
            name in self.names.dates
        )

    def _collect(self, node: object, bound: Mapping[str, m.Var], hints: _Hints,
                 equalities: list[tuple[ast.Name, ast.Name]]) -> None:
        """Gather the sorts `node`'s names are used at: `hints` is (positive uses, uses under
        `not`); a negated part's hints go to the second."""
        if isinstance(node, ast.Atom):
            # a kind test `armed_group(g)` tests a variable's kind rather than fixing it
            is_test = node.name in self.names.kinds
            sorts = None if is_test else self._param_sorts(node.name)
            for index, arg in enumerate(node.args):
                expected = sorts[index] if sorts and index < len(sorts) else None
                self._collect_term(arg, expected, bound, hints, equalities)
        elif isinstance(node, (ast.And, ast.Or)):
            for operand in node.operands:
                self._collect(operand, bound, hints, equalities)
        elif isinstance(node, ast.Not):
            self._collect(node.operand, bound, (hints[1], hints[0]), equalities)
        elif isinstance(node, ast.Conditional):
            # the test is read both ways: it narrows nothing
            self._collect(node.test, bound, (hints[1], hints[1]), equalities)
            for part in (node.then, node.otherwise):
                self._collect(part, bound, hints, equalities)
        elif isinstance(node, ast.Quantified):
            inner = dict(bound)
            sorts = self._param_sorts(node.restriction)
            inner[node.variable] = m.Var(node.variable, sorts[0] if sorts else m.ACTOR)
            # the quantifier types its variable: `all signatory a: a = r` must not make `a`
            # a variable of the clause too (it would then be bound twice)
            mine: list[tuple[ast.Name, ast.Name]] = []
            self._collect(node.body, inner, hints, mine)
            equalities += [pair for pair in mine
                           if node.variable not in (pair[0].name, pair[1].name)]
        elif isinstance(node, ast.Compare):
            left, right = node.left, node.right
            if isinstance(left, ast.Name) and left.name in self.names.interpretations:
                return  # `reading = option` names no variable
            if isinstance(left, ast.Name) and isinstance(right, ast.Name):
                equalities.append((left, right))
            for side, other in ((left, right), (right, left)):
                if isinstance(other, ast.Applied) and other.name in self.names.constructors:
                    self._collect_term(side, self.names.constructors[other.name].sort, bound,
                                       hints, equalities)
                else:
                    self._collect_term(side, None, bound, hints, equalities)

    def _collect_term(self, term: object, expected: str | None, bound: Mapping[str, m.Var],
                      hints: _Hints, equalities: list[tuple[ast.Name, ast.Name]]) -> None:
        if isinstance(term, ast.Name):
            if term.name not in bound and not self._is_constant(term.name) and expected:
                hints[0].setdefault(term.name, []).append((expected, term.span))
        elif isinstance(term, ast.Applied):
            constructor = self.names.constructors.get(term.name)
            for index, arg in enumerate(term.args):
                sub = constructor.arg_sorts[index] if constructor and index < len(
                    constructor.arg_sorts) else None
                self._collect_term(arg, sub, bound, hints, equalities)
        elif isinstance(term, ast.DateOf):
            self._collect(term.atom, bound, hints, equalities)
        elif isinstance(term, ast.Shift):
            self._collect_term(term.term, None, bound, hints, equalities)

    def _param_sorts(self, name: str) -> tuple[str, ...] | None:
        if name in self.names.predicates:
            return tuple(p.sort for p in self.names.predicates[name].params)
        if name in self.names.definitions:
            return tuple(p.sort for p in self.names.definitions[name])
        if name in self.names.kinds or name == m.ACTOR:
            return (m.ACTOR,) if name == m.ACTOR else (name,)
        if name in BUILTIN_PREDICATES:
            return ("state",)
        return None

    # ---- expressions ---------------------------------------------------------------------------

    def expr(self, node: ast.Expr, env: Mapping[str, m.Var]) -> m.Expr:
        """Resolve a boolean expression under the variables `env`."""
        if isinstance(node, ast.Atom):
            return self.atom(node, env)
        if isinstance(node, ast.BoolLiteral):
            return m.BoolConst(node.value)
        if isinstance(node, ast.Not):
            return m.Not(self.expr(node.operand, env))
        if isinstance(node, ast.And):
            return m.And(tuple(self.expr(o, env) for o in node.operands))
        if isinstance(node, ast.Or):
            return m.Or(tuple(self.expr(o, env) for o in node.operands))
        if isinstance(node, ast.Conditional):
            return m.Ite(self.expr(node.test, env), self.expr(node.then, env),
                         self.expr(node.otherwise, env))
        if isinstance(node, ast.Quantified):
            return self._quantified(node, env)
        if isinstance(node, ast.Compare):
            return self._compare(node, env)
        raise TypeError(node)

    def _quantified(self, node: ast.Quantified, env: Mapping[str, m.Var]) -> m.Expr:
        sorts = self._param_sorts(node.restriction)
        if sorts is None or len(sorts) != 1:
            self._unknown_predicate(node.restriction, node.span, unary=True)
            return m.BoolConst(False)
        variable = m.Var(node.variable, sorts[0])
        if node.variable in env:
            # the inner one would hide the outer: `some state z: all state z: ...` reads as
            # one variable to a person and as two to the grounder
            outer = self._quantified_at.get(node.variable)
            self.error("E108", f"`{node.variable}` is already a variable here", node.span,
                       "choose another name", (
                           f"first bound at {outer}" if outer is not None else
                           f"`{node.variable}` is a variable of the clause already",))
        inner = {**env, node.variable: variable}
        guard = self.atom(ast.Atom(node.restriction, (ast.Name(node.variable, node.span),),
                                   node.span), inner)
        outer_at = self._quantified_at.get(node.variable)
        self._quantified_at[node.variable] = node.span
        try:
            body = self.expr(node.body, inner)
        finally:
            if outer_at is None:
                del self._quantified_at[node.variable]
            else:
                self._quantified_at[node.variable] = outer_at
        return m.Quantified(node.quantifier, variable, guard, body)

    def _compare(self, node: ast.Compare, env: Mapping[str, m.Var]) -> m.Expr:
        if isinstance(node.left, ast.Name) and node.left.name in self.names.interpretations:
            return self._reading(node)
        if self._is_date(node.left) or self._is_date(node.right):
            early, late = self.date_term(node.left, env), self.date_term(node.right, env)
            if node.op == "!=":
                return m.Not(m.DateCompare("=", early, late))
            return m.DateCompare(node.op, early, late)
        if node.op in ORDERINGS:
            self.error("E103", f"`{node.op}` compares dates, not actors or values", node.span)
            return m.BoolConst(False)
        left, right = self.term(node.left, None, env), self.term(node.right, None, env)
        if left is None or right is None:
            return m.BoolConst(False)
        if not (self.names.subsort(left.sort, right.sort)
                or self.names.subsort(right.sort, left.sort)):
            self.error("E103", f"cannot compare {indefinite(left.sort)} with "
                       f"{indefinite(right.sort)}", node.span)
        equal = m.Equal(left, right)
        return m.Not(equal) if node.op == "!=" else equal

    def _reading(self, node: ast.Compare) -> m.Expr:
        """`NAME = OPTION` (or `!=`): the reading NAME is (not) set to OPTION."""
        assert isinstance(node.left, ast.Name)
        reading = self.names.interpretations[node.left.name]
        option = node.right.name if isinstance(node.right, ast.Name) else None
        if node.op not in ("=", "!=") or option not in reading.option_names:
            self.error("E103", f"`{reading.name}` is a reading: compare it with `=` to one of "
                       "its options", node.span,
                       did_you_mean(option, reading.option_names) if option else None,
                       (f"options: {', '.join(reading.option_names)}",))
            return m.BoolConst(False)
        ref = m.InterpRef(reading.name, option)
        return m.Not(ref) if node.op == "!=" else ref

    def _is_date(self, term: ast.Term) -> bool:
        if isinstance(term, (ast.DateLiteral, ast.Today, ast.DateOf, ast.Shift)):
            return True
        return isinstance(term, ast.Name) and term.name in self.names.dates

    def date_term(self, term: ast.Term, env: Mapping[str, m.Var]) -> m.DateTerm:
        """The resolved date term of `term` (a literal, today, the date of an event, or a shift by
        months); a problem is recorded and a placeholder returned."""
        if isinstance(term, ast.DateLiteral):
            return m.DateConst(m.date_number(term.value))
        if isinstance(term, ast.Today):
            return m.TodayTerm()
        if isinstance(term, ast.DateOf):
            atom = self.atom(term.atom, env)
            if not isinstance(atom, m.EventAtom):
                self.error("E103", "`date of` takes an event or an act", term.span)
                return m.DateConst(0)
            return m.DateOfTerm(atom)
        if isinstance(term, ast.Shift):
            if term.unit == "days":
                self.error("E111", "durations are counted in months or years, not days",
                           term.span, "write the period in months")
            return m.ShiftTerm(self.date_term(term.term, env), term.amount)
        if isinstance(term, ast.Name) and term.name in self.names.dates:
            return m.DateConst(self.names.dates[term.name])
        name = term.name if isinstance(term, (ast.Name, ast.Applied)) else "this"
        self.error("E103", f"`{name}` is not a date", term.span,
                   did_you_mean(name, self.names.dates) if isinstance(term, ast.Name) else None)
        return m.DateConst(0)

    def atom(self, node: ast.Atom, env: Mapping[str, m.Var]) -> m.Expr:
        """Resolve `name(args)` in expression position."""
        names, name = self.names, node.name
        if name in names.predicates:
            params = names.predicates[name].params
            args = self._args(node, tuple(p.sort for p in params), env)
            return m.EventAtom(name, args) if args is not None else m.BoolConst(False)
        if name in names.definitions:
            args = self._args(node, tuple(p.sort for p in names.definitions[name]), env)
            return m.DefCall(name, args) if args is not None else m.BoolConst(False)
        if name in names.kinds or name == m.ACTOR or name in BUILTIN_PREDICATES:
            args = self._args(node, (m.ACTOR,), env)
            if args is None:
                return m.BoolConst(False)
            if name == m.ACTOR:
                return m.BoolConst(True)
            if name == "signatory" and names.current is not None \
                    and names.current != names.party_instrument:
                self.error("E104", f"`signatory` in {names.instruments[names.current].cited}, "
                           "which declares no parties", node.span, notes=(
                               "in a model of several instruments, `signatory(q)` asks about "
                               "the parties of the one instrument that declares them; define "
                               "this instrument's own membership instead",))
                return m.BoolConst(False)
            return m.SignatoryTest(args[0]) if name == "signatory" else m.KindTest(name, args[0])
        if name in names.interpretations:
            if node.args:
                self.error("E102", f"interpretation `{name}` takes no arguments", node.span)
            if not names.interpretations[name].is_switch:
                self.error("E103", f"`{name}` has named options: write `{name} = OPTION`",
                           node.span, notes=(
                               "options: " + ", ".join(names.interpretations[name].option_names),))
                return m.BoolConst(False)
            return m.InterpRef(name)
        self._unknown_predicate(name, node.span)
        return m.BoolConst(False)

    def _unknown_predicate(self, name: str, span: Span, unary: bool = False) -> None:
        what = "a one-place predicate" if unary else "an event, act, definition or interpretation"
        if name in self.names.actors or name in self.names.constructors:
            self.error("E104", f"`{name}` is a value, not {what}", span)
            return
        self.error("E104", f"unknown predicate `{name}`", span,
                   did_you_mean(name, self.names.predicate_names()),
                   (f"expected {what}", *self.predicate_notes(name)))

    def predicate_notes(self, name: str) -> tuple[str, ...]:
        """The events and the acts of the charter, closest to `name` first."""
        notes = []
        for role in ("event", "act"):
            signatures = [f"{p.name}({', '.join(v.sort for v in p.params)})"
                          for p in self.names.predicates.values() if p.role == role]
            if signatures:
                notes.append(choices_note(f"the {role}s", closest_first(name, signatures)))
        return tuple(notes)

    def _args(self, node: ast.Atom, sorts: tuple[str, ...], env: Mapping[str, m.Var],
              ) -> tuple[m.Term, ...] | None:
        if len(node.args) != len(sorts):
            self.error(
                "E102",
                f"`{node.name}` takes {_count(len(sorts))}, but {len(node.args)} "
                f"{'is' if len(node.args) == 1 else 'are'} given",
                node.span,
                notes=(f"{node.name}({', '.join(sorts)})",),
            )
            return None
        args = [self.term(arg, sort, env, node.name)
                for arg, sort in zip(node.args, sorts, strict=False)]
        return None if any(a is None for a in args) else tuple(a for a in args if a is not None)

    def term(self, node: ast.Term, expected: str | None, env: Mapping[str, m.Var],
             context: str = "") -> m.Term | None:
        """Resolve a term that should have sort `expected` (None: any)."""
        names = self.names
        if isinstance(node, ast.Name):
            if node.name in env:
                resolved: m.Term = env[node.name]
            elif node.name in names.actors:
                resolved = m.Cons(node.name, (), names.actors[node.name].kind)
            elif node.name in names.constructors:
                constructor = names.constructors[node.name]
                if constructor.arg_sorts:
                    self.error("E102", f"`{node.name}` takes {_count(len(constructor.arg_sorts))}",
                               node.span, f"write `{node.name}(...)`")
                    return None
                resolved = m.Cons(node.name, (), constructor.sort)
            else:
                candidates = [*names.term_names(), *env]
                self.error("E101", f"unknown name `{node.name}`", node.span,
                           did_you_mean(node.name, candidates),
                           names.fitting_note(node.name, expected))
                return None
        elif isinstance(node, ast.Applied):
            applied = names.constructors.get(node.name)
            if applied is None:
                self.error("E101", f"unknown constructor `{node.name}`", node.span,
                           did_you_mean(node.name, names.constructors),
                           names.fitting_note(node.name, expected))
                return None
            args = self._args(ast.Atom(node.name, node.args, node.span), applied.arg_sorts, env)
            if args is None:
                return None
            resolved = m.Cons(node.name, args, applied.sort)
        else:
            self.error("E103", "a date is not allowed here", node.span)
            return None
        if expected is not None and not self._fits(resolved, expected):
            where = f" in `{context}`" if context else ""
            self.error(
                "E103",
                f"`{_show(node)}` is {indefinite(resolved.sort)}, but {indefinite(expected)} is "
                f"expected{where}",
                node.span,
            )
            return None
        return resolved

    def _fits(self, term: m.Term, expected: str) -> bool:
        if self.names.subsort(term.sort, expected):
            return True
        # a variable of a wider sort may stand where a narrower one is expected: the instances
        # of the wrong kind simply make the atom false when grounded
        return isinstance(term, m.Var) and self.names.subsort(expected, term.sort)


# ---- the charter pass ---------------------------------------------------------------------------


def resolve_charter(document: ast.Document, source: Source,
                    sources: Mapping[str, Source] | None = None) -> m.Charter:
    """Resolve a parsed charter; raise CharterError with every problem found. `sources` are the
    other files its diagnostics may point into (the vocabulary files it uses)."""
    return _resolve(document, source.name, {source.name: source, **(sources or {})}, ())


def resolve_instruments(parts: Sequence[tuple[ast.Document, str]],
                        sources: Mapping[str, Source]) -> m.Charter:
    """Resolve several instruments (each a parsed charter file, with the vocabulary it uses)
    into one model, whose articles each cite their instrument.

    The instruments share one namespace. A declaration of vocabulary (kind, sort, event, act,
    actor) that an earlier instrument made word for word is the same declaration, made once; a
    different one of the same name is E108 at the later one, as within a file. An `actor` and
    a `party` of the same name, display name and kind (state) are one actor, a signatory of the
    instrument that declares the party. Only one instrument may declare parties."""
    declarations: list[ast.Declaration] = []
    problems: list[Diagnostic] = []
    instruments: list[tuple[ast.Header | None, str]] = []
    kept: dict[str, tuple[int, int]] = {}  # a vocabulary name -> (instrument, index)
    party_instrument: int | None = None
    for number, (document, name) in enumerate(parts):
        problems.extend(document.problems)
        headers = [d for d in document.declarations if isinstance(d, ast.Header)]
        instruments.append((headers[0] if headers else None, name))
        for extra in headers[1:]:
            problems.append(Diagnostic("E108", "the charter has two headers", extra.span))
        for d in document.declarations:
            if isinstance(d, ast.Header):
                continue
            if isinstance(d, ast.PartyDecl):
                if party_instrument is None:
                    party_instrument = number
                elif party_instrument != number:
                    problems.append(Diagnostic(
                        "E108", f"`{d.name}` is declared a party of a second instrument",
                        d.span, "declare it with `actor NAME \"Display\": state` and define "
                        "this instrument's membership", notes=(
                            f"the parties of this model are those of {parts[party_instrument][1]}"
                            "; only one instrument of a model may declare parties",)))
                    continue
            if isinstance(d, ast.Article):
                d = dataclasses.replace(d, instrument=number)
            key = _vocabulary_key(d)
            if key is not None and key in kept and kept[key][0] != number:
                index = kept[key][1]
                if _same_declaration(declarations[index], d):
                    if isinstance(d, ast.PartyDecl):  # the party makes the actor a signatory
                        declarations[index] = d
                    continue
            if key is not None:
                kept.setdefault(key, (number, len(declarations)))
            declarations.append(d)
    merged = ast.Document(tuple(declarations), tuple(problems))
    named = tuple(
        m.Instrument(
            header.title if header else name, (header.cited or header.title) if header else name,
            name, m.date_number(header.signed) if header and header.signed else None,
            m.date_number(header.in_force) if header and header.in_force else None)
        for header, name in instruments)
    return _resolve(merged, parts[0][1] if parts else "", dict(sources), named, party_instrument)


def _vocabulary_key(d: ast.Declaration) -> str | None:
    """The name a declaration of vocabulary claims, for matching the same one in two files."""
    if isinstance(d, (ast.KindDecl, ast.PartyDecl, ast.ActorDecl, ast.SortDecl,
                      ast.PredicateDecl)):
        return d.name
    return None


def _same_declaration(first: ast.Declaration, second: ast.Declaration) -> bool:
    """Whether two declarations say the same (spans aside); a party is an actor of kind state."""
    def plain(d: ast.Declaration) -> object:
        if isinstance(d, ast.PartyDecl):
            return ("actor", d.name, d.display, "state")
        if isinstance(d, ast.ActorDecl):
            return ("actor", d.name, d.display, d.kind)
        return d
    return plain(first) == plain(second)


def _resolve(document: ast.Document, name: str, sources: Mapping[str, Source],
             instruments: tuple[m.Instrument, ...],
             party_instrument: int | None = None) -> m.Charter:
    problems: list[Diagnostic] = list(document.problems)
    names = Names()
    names.instruments = list(instruments)
    names.party_instrument = party_instrument
    resolver = ExprResolver(names, problems)
    header = _declare(document, names, resolver)
    if any(isinstance(d, ast.UseDecl) for d in document.declarations):
        for d in document.declarations:
            if isinstance(d, ast.UseDecl):
                resolver.error("E123", f"`use {d.path!r}` needs the file on disk", d.span,
                               notes=("a text given without a folder cannot use another file",))
    definitions, norms, priorities, articles = _resolve_articles(document, names, resolver)
    names.current = None
    incompatibilities = tuple(_incompatibility(d, resolver) for d in document.declarations
                              if isinstance(d, ast.IncompatibleDecl)
                              and _claim(names, resolver, d.name, d.span))
    assumptions = tuple(_assumption(d, names, resolver) for d in document.declarations
                        if isinstance(d, ast.AssumeDecl))
    _check_definition_cycles(definitions, resolver, document)
    _check_priority_cycles(priorities, resolver)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors:
        raise CharterError(tuple(errors), sources)
    first = instruments[0] if instruments else None
    return m.Charter(
        title=header.title if header else (first.title if first else ""),
        signed=names.dates.get("signature") if first is None else first.signed,
        place=header.place if header else None,
        in_force=names.dates.get("entry_into_force") if first is None else first.in_force,
        kinds=names.kinds,
        actors=names.actors,
        sorts=_sorts(names),
        predicates=names.predicates,
        definitions=definitions,
        interpretations=names.interpretations,
        norms=norms,
        priorities=tuple(priorities),
        incompatibilities=tuple(i for i in incompatibilities if i is not None),
        articles=tuple(articles),
        dates=names.dates,
        source_name=name,
        assumptions=tuple(a for a in assumptions if a is not None),
        instruments=instruments,
    )


def _sorts(names: Names) -> dict[str, tuple[m.Constructor, ...]]:
    sorts: dict[str, list[m.Constructor]] = {}
    for constructor in names.constructors.values():
        sorts.setdefault(constructor.sort, []).append(constructor)
    return {sort: tuple(cs) for sort, cs in sorts.items()}


def _claim(names: Names, resolver: ExprResolver, name: str, span: Span) -> bool:
    """Reserve `name` in the one namespace of declarations; report a duplicate."""
    from ..syntax.parser import RESERVED_WORDS  # resolving follows parsing: the parser is loaded

    reserved = {m.ACTOR, m.DATE, "today", *BUILTIN_PREDICATES, *BUILTIN_DATES}
    if name in reserved:
        resolver.error("E108", f"`{name}` is a built-in name", span)
        return False
    if name in RESERVED_WORDS:
        resolver.error("E108", f"`{name}` is a keyword of the language, not a name", span,
                       "choose another name")
        return False
    if name in names.declared_at:
        # the declarations are read kind by kind, not in file order: report at the later one
        first, second = sorted((names.declared_at[name], span), key=_position)
        resolver.error("E108", f"`{name}` is declared twice", second,
                       notes=(f"first declared at {first}",))
        return False
    names.declared_at[name] = span
    return True


def _position(span: Span) -> tuple[str, int, int]:
    return span.file, span.line, span.column


def _params(params: Iterable[ast.Param], names: Names, resolver: ExprResolver,
            ) -> tuple[m.Var, ...]:
    """The parameters of an event, act or definition; a name used twice is E108."""
    seen: dict[str, Span] = {}
    for param in params:
        if param.name in seen:
            resolver.error("E108", f"parameter `{param.name}` is declared twice", param.span,
                           notes=(f"first declared at {seen[param.name]}",))
        seen.setdefault(param.name, param.span)
    return tuple(_param(p, names, resolver) for p in params)


def _declare(document: ast.Document, names: Names, resolver: ExprResolver) -> ast.Header | None:
    """First pass: every declared name, so that later clauses may refer forward."""
    headers = [d for d in document.declarations if isinstance(d, ast.Header)]
    for extra in headers[1:]:
        resolver.error("E108", "the charter has two headers", extra.span,
                       notes=(f"first declared at {headers[0].span}",))
    header = headers[0] if headers else None
    if header is not None and not names.instruments:
        for builtin, attribute in BUILTIN_DATES.items():
            value = getattr(header, attribute)
            if value is not None:
                names.dates[builtin] = m.date_number(value)
    decls = document.declarations
    for d in decls:
        if isinstance(d, ast.KindDecl) and _claim(names, resolver, d.name, d.span):
            names.kinds[d.name] = d.description
    for d in decls:
        if isinstance(d, ast.PartyDecl) and _claim(names, resolver, d.name, d.span):
            if "state" not in names.kinds:
                resolver.error("E107", "parties are states: declare `kind state` first", d.span)
            names.actors[d.name] = m.Actor(d.name, d.display, "state", signatory=True)
        elif isinstance(d, ast.ActorDecl) and _claim(names, resolver, d.name, d.span):
            if d.kind not in names.kinds:
                resolver.error("E107", f"unknown kind `{d.kind}`", d.kind_span,
                               did_you_mean(d.kind, names.kinds))
            names.actors[d.name] = m.Actor(d.name, d.display, d.kind)
    sort_decls = [d for d in decls if isinstance(d, ast.SortDecl)]
    for d in sort_decls:
        # a sort shares the one namespace: `sort state` would shadow the kind, `sort actor` and
        # `sort date` the built-in sorts, and a second `sort area` would merge its values
        _claim(names, resolver, d.name, d.span)
        for c in d.constructors:
            if _claim(names, resolver, c.name, c.span):
                names.constructors[c.name] = m.Constructor(c.name, c.arg_sorts, d.name)
    for d in sort_decls:
        for c in d.constructors:
            for sort in c.arg_sorts:
                if sort == d.name or _reaches(names, sort, d.name):
                    resolver.error("E106", f"sort `{d.name}` is defined in terms of itself",
                                   c.span, "the values of a sort must be finite")
                elif not names.sort_exists(sort):
                    resolver.error("E107", f"unknown sort `{sort}`", c.span,
                                   did_you_mean(sort, names.sort_names()))
    for d in decls:
        if isinstance(d, ast.PredicateDecl) and _claim(names, resolver, d.name, d.span):
            names.predicates[d.name] = m.Predicate(
                d.name, d.role, _params(d.params, names, resolver),
                d.description, d.span)
        elif isinstance(d, ast.InterpretationDecl) and _claim(names, resolver, d.name, d.span):
            names.interpretations[d.name] = _interpretation(d, resolver)
    for d in decls:
        if isinstance(d, ast.Article):
            for item, _ in article_items(d, _citation(d, names)):
                if isinstance(item, ast.Definition) and _claim(names, resolver, item.name,
                                                               item.span):
                    names.definitions[item.name] = _params(item.params, names, resolver)
                elif isinstance(item, ast.DateDecl) and _claim(names, resolver, item.name,
                                                               item.span):
                    names.dates[item.name] = m.date_number(item.value)
    return header


def _reaches(names: Names, sort: str, target: str, seen: frozenset[str] = frozenset()) -> bool:
    if sort in seen:
        return False
    return any(
        arg == target or _reaches(names, arg, target, seen | {sort})
        for c in names.constructors.values() if c.sort == sort for arg in c.arg_sorts
    )


def _param(param: ast.Param, names: Names, resolver: ExprResolver) -> m.Var:
    if not names.sort_exists(param.sort):
        resolver.error("E107", f"unknown sort `{param.sort}`", param.span,
                       did_you_mean(param.sort, names.sort_names()))
    return m.Var(param.name, param.sort)


def _resolve_articles(
    document: ast.Document, names: Names, resolver: ExprResolver,
) -> tuple[dict[str, m.Definition], dict[str, m.Norm], list[m.Priority], list[m.Article]]:
    clauses: dict[str, list[m.Clause]] = {name: [] for name in names.definitions}
    wordings: dict[str, str] = {}
    norms: dict[str, m.Norm] = {}
    priorities: list[m.Priority] = []
    articles: list[m.Article] = []
    seen_labels: dict[tuple[int | None, int | str], Span] = {}
    for article in (d for d in document.declarations if isinstance(d, ast.Article)):
        _enter(article, names)
        key = (article.instrument, article.label)
        if key in seen_labels:
            resolver.error("E105", f"article `{article.label}` appears twice", article.span,
                           notes=(f"first at {seen_labels[key]}",))
        seen_labels.setdefault(key, article.span)
        if isinstance(article.label, str) and not article.unverified:
            resolver.error("E112", f"clause `{article.label}` has no number: mark it `unverified`",
                           article.span, "write `unverified` after its title")
        whole = _citation(article, names)
        norm_names: list[str] = []
        definition_names: list[str] = []
        widened: list[str] = []
        for item, citation in article_items(article, whole):
            if isinstance(item, ast.Definition) and item.name in names.definitions:
                params = names.definitions[item.name]
                env = {p.name: p for p in params}
                env.update(resolver.infer([item.body], env))
                body = resolver.expr(item.body, env)
                clauses[item.name].insert(0, m.Clause(body, citation, item.span))
                definition_names.append(item.name)
                wordings[item.name] = item.description
            elif isinstance(item, ast.Extension):
                clause = _extension(item, names, resolver, citation)
                if clause is not None:
                    clauses[item.name].append(clause)
                    if item.name not in widened:
                        widened.append(item.name)
            elif isinstance(item, ast.Norm):
                if not _claim(names, resolver, item.name, item.span):
                    continue
                norm = _norm(item, names, resolver, citation)
                if norm is not None:
                    norms[item.name] = norm
                    norm_names.append(item.name)
        paragraphs = tuple(p for p in article.items if isinstance(p, ast.Paragraph))
        text = " ".join([article.text, *(f"({p.label}) {p.text}" for p in paragraphs)]).strip()
        notes = article.notes + tuple(f"({p.label}) {n}" for p in paragraphs for n in p.notes)
        articles.append(m.Article(whole, text, notes, tuple(norm_names),
                                  tuple(definition_names), article.span, tuple(widened),
                                  tuple((p.label, p.text) for p in paragraphs)))
    # priorities name norms, which may come later in the file: resolve them last
    for article in (d for d in document.declarations if isinstance(d, ast.Article)):
        _enter(article, names)
        for item, citation in article_items(article, _citation(article, names)):
            if isinstance(item, ast.Priority):
                priority = _priority(item, norms, resolver, citation)
                if priority is None:
                    continue
                same = next((p for p in priorities if (p.stronger, p.weaker, p.condition) ==
                             (priority.stronger, priority.weaker, priority.condition)), None)
                if same is not None:
                    # harmless to the answers, but a sign of a copy left behind: say so
                    resolver.error("E108", f"the priority of `{priority.stronger}` over "
                                   f"`{priority.weaker}` is declared twice", item.span,
                                   notes=(f"first declared at {same.span}",))
                else:
                    priorities.append(priority)
    definitions = {
        name: m.Definition(name, names.definitions[name], tuple(cs), wordings.get(name, ""))
        for name, cs in clauses.items()
    }
    return definitions, norms, priorities, articles


def _citation(article: ast.Article, names: Names) -> m.Citation:
    """How the article is cited: in a model of several instruments, with its instrument's name;
    with its confidence mark, if it has one."""
    instrument = (names.instruments[article.instrument].cited
                  if article.instrument is not None and names.instruments else None)
    return m.Citation(article.label, article.title, not article.unverified, None, instrument,
                      article.confidence)


def _enter(article: ast.Article, names: Names) -> None:
    """Resolve what follows in the article's instrument: `signature` and `entry_into_force` are
    its own dates (in a model of several instruments; a single charter's are set once)."""
    if article.instrument is None or not names.instruments:
        return
    names.current = article.instrument
    instrument = names.instruments[article.instrument]
    for builtin, value in (("signature", instrument.signed),
                           ("entry_into_force", instrument.in_force)):
        if value is None:
            names.dates.pop(builtin, None)
        else:
            names.dates[builtin] = value


def _extension(item: ast.Extension, names: Names, resolver: ExprResolver,
               citation: m.Citation) -> m.Clause | None:
    if item.name not in names.definitions:
        resolver.error("E101", f"`{item.name}` is not a definition, so it cannot be extended",
                       item.span, did_you_mean(item.name, names.definitions))
        return None
    params = names.definitions[item.name]
    if len(item.params) != len(params):
        resolver.error("E102", f"`{item.name}` takes {_count(len(params))}", item.span)
        return None
    # the extension may name its parameters afresh; they take the definition's sorts
    env = {mine: m.Var(mine, p.sort) for mine, p in zip(item.params, params, strict=False)}
    env.update(resolver.infer([item.body], env))
    body = resolver.expr(item.body, env)
    renamed = _rename(body, {mine: p for mine, p in zip(item.params, params, strict=False)})
    return m.Clause(renamed, citation, item.span)


def _rename(expr: m.Expr, mapping: Mapping[str, m.Var]) -> m.Expr:
    """`expr` with the variables named in `mapping` replaced."""
    return substitute(expr, mapping)


def _norm(item: ast.Norm, names: Names, resolver: ExprResolver,
          citation: m.Citation) -> m.Norm | None:
    bound: dict[str, m.Var] = {}
    holder_term: m.Term | None
    guard_parts: list[m.Expr] = []
    if isinstance(item.holder, ast.Every):
        sorts = resolver._param_sorts(item.holder.restriction)
        if sorts is None or len(sorts) != 1:
            resolver._unknown_predicate(item.holder.restriction, item.holder.span, unary=True)
            return None
        holder_var = m.Var(item.holder.variable, sorts[0])
        bound[holder_var.name] = holder_var
        holder_term = holder_var
    else:
        holder_term = resolver.term(ast.Name(item.holder.name, item.holder.span), "state", {})
        if holder_term is None:
            return None
    # the parts of `every party q other than p` are located at the holder: never at <builtin>
    other = ast.Compare("!=", ast.Name(item.holder.variable, item.holder.span),
                        ast.Name(item.holder.other_than, item.holder.span), item.holder.span) \
        if isinstance(item.holder, ast.Every) and item.holder.other_than else None
    # the exception is read negated: `unless party(x)` must not narrow x either
    unless = ast.Not(item.exception) if item.exception is not None else None
    bound.update(resolver.infer([item.action, item.condition, unless, other], bound))
    if isinstance(item.holder, ast.Every):
        guard_parts.append(resolver.atom(
            ast.Atom(item.holder.restriction, (ast.Name(item.holder.variable, item.holder.span),),
                     item.holder.span),
            bound))
    predicate = names.predicates.get(item.action.name)
    if predicate is None or predicate.role != "act":
        what = "an event" if predicate else "not declared"
        resolver.error("E109", f"a norm's action must be an act; `{item.action.name}` is {what}",
                       item.action.span,
                       did_you_mean(item.action.name,
                                    [p.name for p in names.predicates.values() if p.role == "act"]))
        return None
    action = resolver.atom(item.action, bound)
    if not isinstance(action, m.EventAtom):
        return None
    if action.args[:1] != (holder_term,):
        resolver.error("E110", "the act's first argument must be the norm's holder",
                       item.action.span,
                       f"write `{item.action.name}({_term_text(holder_term)}, ...)`")
    condition = resolver.expr(item.condition, bound) if item.condition else m.TRUE
    exception = resolver.expr(item.exception, bound) if item.exception else None
    if other is not None and isinstance(item.holder, ast.Every) and item.holder.other_than:
        # `other than p` compares the holder with a value, or with a parameter of the norm (a
        # variable of its act): a name only the condition uses is quantified inside it ("for
        # some p"), and one used nowhere else would be free in every instance
        used = {v.name for v in _variables_in_order([holder_term, *action.args])}
        excluded = item.holder.other_than
        if excluded in used or (excluded not in bound and resolver._is_constant(excluded)):
            guard_parts.append(resolver.expr(other, bound))
        else:
            resolver.error("E101", f"`{excluded}` is not a parameter of the norm",
                           item.holder.span,
                           notes=(("the name after `other than` must be a value, or a variable "
                                   "of the norm's act"),))
    if exception is not None:
        # a variable that only the exception uses reads "for some": `unless aggression(r, p)`
        # means unless r attacked some p, not "for some p, r did not attack p"
        shared = {v.name for v in free_variables(condition)} | {
            v.name for v in _variables_in_order([holder_term, *action.args])}
        for var in reversed(free_variables(exception)):
            if var.name not in shared:
                exception = m.Quantified("some", var, m.TRUE, exception)
    parameters = _variables_in_order([holder_term, *action.args])
    return m.Norm(
        item.name, m.Modality.from_keyword(item.modality), holder_term, action,
        m.And(tuple(guard_parts)) if guard_parts else m.TRUE, condition, exception, citation,
        parameters, item.span,
    )


def _variables_in_order(terms: Iterable[m.Term]) -> tuple[m.Var, ...]:
    found: dict[str, m.Var] = {}

    def visit(term: m.Term) -> None:
        if isinstance(term, m.Var):
            found.setdefault(term.name, term)
        else:
            for arg in term.args:
                visit(arg)

    for term in terms:
        visit(term)
    return tuple(found.values())


def _term_text(term: m.Term) -> str:
    if isinstance(term, m.Var) or not term.args:
        return term.name
    return f"{term.name}({', '.join(_term_text(a) for a in term.args)})"


def _priority(item: ast.Priority, norms: Mapping[str, m.Norm], resolver: ExprResolver,
              citation: m.Citation) -> m.Priority | None:
    ok = True
    for name, span in ((item.stronger, item.stronger_span), (item.weaker, item.weaker_span)):
        if name not in norms:
            resolver.error("E101", f"unknown norm `{name}`", span, did_you_mean(name, norms))
            ok = False
    if not ok:
        return None
    stronger, weaker = norms[item.stronger], norms[item.weaker]
    if stronger.action.predicate != weaker.action.predicate:
        resolver.error(
            "E113",
            f"`{item.stronger}` and `{item.weaker}` are about different acts "
            f"(`{stronger.action.predicate}`, `{weaker.action.predicate}`)",
            item.span, notes=("a priority decides between norms on the same act",))
        return None
    condition = resolver.expr(item.condition, {}) if item.condition else m.TRUE
    return m.Priority(item.stronger, item.weaker, condition, citation, item.span)


def _incompatibility(item: ast.IncompatibleDecl, resolver: ExprResolver,
                     ) -> m.Incompatibility | None:
    env = resolver.infer([item.first, item.second, item.condition], {})
    first, second = resolver.atom(item.first, env), resolver.atom(item.second, env)
    if not isinstance(first, m.EventAtom) or not isinstance(second, m.EventAtom):
        return None
    for atom, node in ((first, item.first), (second, item.second)):
        if resolver.names.predicates[atom.predicate].role != "act":
            # an incompatibility constrains what a state can do; events merely happen
            resolver.error("E109", f"`{atom.predicate}` is an event, not an act", node.span,
                           notes=("`incompatible` names two acts that cannot both be done",))
    if first == second:
        resolver.error("E110", f"`{item.first.name}` is incompatible with itself",
                       item.second.span,
                       "name two acts, or one act with other arguments",
                       ("an act incompatible with itself could never be done",))
    if first.args[:1] != second.args[:1]:
        resolver.error("E110", "incompatible acts must have the same doer (first argument)",
                       item.span)
    condition = resolver.expr(item.condition, env) if item.condition else m.TRUE
    parameters = _variables_in_order([*first.args, *second.args])
    for var in free_variables(condition):
        if var not in parameters and item.condition is not None:
            # the condition is tested for each pair of acts: it may use only their arguments
            resolver.error("E101", f"`{var.name}` is not an argument of the incompatible acts",
                           _first_use(item.condition, var.name) or item.span,
                           notes=("the condition may use only the variables of the two acts",))
    return m.Incompatibility(item.name, first, second, condition, item.reason, parameters,
                             item.span)


def _assumption(item: ast.AssumeDecl, names: Names, resolver: ExprResolver,
                ) -> m.Assumption | None:
    if not _claim(names, resolver, item.name, item.span):
        return None
    env = resolver.infer([item.body], {})
    body = resolver.expr(item.body, env)
    return m.Assumption(item.name, body, tuple(free_variables(body)), item.reason, item.span)


def _check_definition_cycles(definitions: Mapping[str, m.Definition], resolver: ExprResolver,
                             document: ast.Document) -> None:
    spans = {item.name: item.span for d in document.declarations if isinstance(d, ast.Article)
             for item, _ in article_items(d, m.Citation(d.label, d.title, not d.unverified))
             if isinstance(item, ast.Definition)}
    calls = {name: sorted(_called(d)) for name, d in definitions.items()}
    state: dict[str, int] = {}  # 1: on the path, 2: done
    finished: list[str] = []  # callees before their callers
    cycles = len(resolver.problems)
    # depth-first, with an explicit stack: a chain of 10,000 definitions must not overflow ours
    for root in calls:
        if root in state:
            continue
        state[root], path, pending = 1, [root], [iter(calls.get(root, ()))]
        while pending:
            callee = next(pending[-1], None)
            if callee is None:
                done = path.pop()
                pending.pop()
                state[done] = 2
                finished.append(done)
            elif state.get(callee) == 1:
                cycle = [*path[path.index(callee):], callee]
                resolver.error("E106", "definitions refer to each other in a cycle: "
                               + " -> ".join(cycle), spans.get(callee, NOWHERE),
                               "a definition must bottom out in events and facts")
            elif callee not in state:
                state[callee] = 1
                path.append(callee)
                pending.append(iter(calls.get(callee, ())))
    if len(resolver.problems) == cycles:
        _check_expanded_depth(definitions, finished, resolver, spans)


def _interpretation(d: ast.InterpretationDecl, resolver: ExprResolver) -> m.Interpretation:
    """An on/off reading, or a reading with named options (each named once, the default and
    the literal among them)."""
    if not d.options:
        return m.Interpretation(d.name, d.default, d.justification, d.span)
    options: dict[str, m.Option] = {}
    first: dict[str, Span] = {}
    for option in d.options:
        if option.name in options:
            resolver.error("E108", f"option `{option.name}` of `{d.name}` is declared twice",
                           option.span, notes=(f"first declared at {first[option.name]}",))
        options.setdefault(option.name, m.Option(option.name, option.justification))
        first.setdefault(option.name, option.span)
    for chosen, what in ((d.default, "default"), (d.literal, "literal")):
        if chosen is not None and chosen not in options:
            resolver.error("E101", f"the {what} `{chosen}` is not an option of `{d.name}`",
                           d.default_span, did_you_mean(chosen, options),
                           (f"options: {', '.join(options)}",))
    literal = d.literal if d.literal in options else d.options[0].name
    return m.Interpretation(d.name, d.default, d.justification, d.span,
                            tuple(options.values()), literal)


def article_items(article: ast.Article, citation: m.Citation,
                  ) -> Iterable[tuple[ast.ArticleItem, m.Citation]]:
    """The article's items, each with its citation: a paragraph's items cite the paragraph."""
    for item in article.items:
        if isinstance(item, ast.Paragraph):
            cited = m.Citation(citation.label, citation.title, citation.verified, item.label,
                               citation.instrument, item.confidence or citation.confidence)
            for inner in item.items:
                yield inner, cited
        else:
            yield item, citation


def _check_expanded_depth(definitions: Mapping[str, m.Definition], finished: list[str],
                          resolver: ExprResolver, spans: Mapping[str, Span]) -> None:
    """Refuse definitions that nest more than MAX_NESTING deep once their calls are expanded.

    The grounder expands every call, and later passes walk the result recursively.
    """
    from ..syntax.parser import MAX_NESTING  # resolving follows parsing: the parser is loaded

    depths: dict[str, int] = {}
    for name in finished:
        depths[name] = max((_expanded_depth(clause.body, depths)
                            for clause in definitions[name].clauses), default=0)
        if depths[name] > MAX_NESTING:
            resolver.error("E008", f"`{name}` nests more than {MAX_NESTING} deep once the "
                           "definitions it uses are expanded", spans.get(name, NOWHERE),
                           "flatten the chain of definitions")
            return


def _expanded_depth(expr: m.Expr, depths: Mapping[str, int]) -> int:
    """How deep `expr` nests once each call is replaced by its definition (`depths`)."""

    def depth(node: m.Expr, inner: list[int]) -> int:
        called = depths.get(node.definition, 0) if isinstance(node, m.DefCall) else 0
        return 1 + max(called, *inner) if inner else 1 + called

    return fold(expr, depth)


def _called(definition: m.Definition) -> set[str]:
    return {node.definition for clause in definition.clauses
            for node in subexpressions(clause.body) if isinstance(node, m.DefCall)}


def _check_priority_cycles(priorities: list[m.Priority], resolver: ExprResolver) -> None:
    beats: dict[str, set[str]] = {}
    for p in priorities:
        beats.setdefault(p.stronger, set()).add(p.weaker)
    for p in priorities:
        # does the weaker norm (transitively) beat the stronger one?
        frontier, seen = [p.weaker], set()
        while frontier:
            current = frontier.pop()
            if current == p.stronger:
                resolver.error("E106", f"priorities form a cycle through `{p.stronger}` and "
                               f"`{p.weaker}`", p.span)
                break
            if current not in seen:
                seen.add(current)
                frontier.extend(beats.get(current, ()))


# ---- small helpers ------------------------------------------------------------------------------


def _first_use(node: object, name: str) -> Span | None:
    """The span of the first `Name` called `name` in a surface expression, or None."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, ast.Name) and current.name == name:
            return current.span
        if isinstance(current, tuple):
            stack.extend(reversed(current))
        elif dataclasses.is_dataclass(current):
            stack.extend(reversed([getattr(current, f.name) for f in dataclasses.fields(current)]))
    return None


def _looks_like_a_variable(name: str) -> bool:
    """One letter, perhaps with digits: `x`, `p2`. Such names are never taken for misspellings."""
    return name[:1].isalpha() and (len(name) == 1 or name[1:].isdigit())


def _count(n: int) -> str:
    return f"{n} argument" + ("" if n == 1 else "s")


def _show(node: ast.Term) -> str:
    if isinstance(node, ast.Name):
        return node.name
    if isinstance(node, ast.Applied):
        return f"{node.name}(...)"
    return "this"

