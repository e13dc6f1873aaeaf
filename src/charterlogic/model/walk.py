"""The one traversal library over model expressions: every pass that walks them uses it.

An expression's *children* are the expressions directly inside it: the operands of a connective,
the test and branches of an `if`, the guard and body of a quantifier, and the event atoms inside
the dates of a comparison (`date of denounce(p) + 12 months`). Its *terms* are the actor and
constructor terms its atoms, tests and equalities apply to. Everything else here is built on
those two: `subexpressions`, `fold`, `free_variables`, `substitute`, the constants a rule names,
and `rule_expressions`, the one answer to "what are a charter's rules".
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TypeVar

from . import types as m

T = TypeVar("T")


# ---- the structure of one node ------------------------------------------------------------------


def children(expr: m.Expr) -> tuple[m.Expr, ...]:
    """The expressions directly inside `expr`, in source order (the atoms of its dates too)."""
    if isinstance(expr, (m.And, m.Or)):
        return expr.operands
    if isinstance(expr, m.Not):
        return (expr.operand,)
    if isinstance(expr, m.Ite):
        return (expr.test, expr.then, expr.otherwise)
    if isinstance(expr, m.Quantified):
        return (expr.guard, expr.body)
    if isinstance(expr, m.DateCompare):
        return (*date_atoms(expr.left), *date_atoms(expr.right))
    return ()


def date_atoms(term: m.DateTerm) -> tuple[m.EventAtom, ...]:
    """The event whose date a date term reads (`date of denounce(p) + 12 months`), if any."""
    while isinstance(term, m.ShiftTerm):
        term = term.term
    return (term.atom,) if isinstance(term, m.DateOfTerm) else ()


def own_terms(expr: m.Expr) -> tuple[m.Term, ...]:
    """The terms `expr` itself applies to (not those of its children)."""
    if isinstance(expr, (m.EventAtom, m.DefCall)):
        return expr.args
    if isinstance(expr, (m.KindTest, m.SignatoryTest)):
        return (expr.arg,)
    if isinstance(expr, m.Equal):
        return (expr.left, expr.right)
    return ()


def bound_variable(expr: m.Expr) -> m.Var | None:
    """The variable `expr` binds for its children (a quantifier's), or None."""
    return expr.variable if isinstance(expr, m.Quantified) else None


def with_children(expr: m.Expr, new: Sequence[m.Expr]) -> m.Expr:
    """`expr` with its children replaced by `new` (as many, in the order of `children`)."""
    if isinstance(expr, m.And):
        return m.And(tuple(new))
    if isinstance(expr, m.Or):
        return m.Or(tuple(new))
    if isinstance(expr, m.Not):
        return m.Not(new[0])
    if isinstance(expr, m.Ite):
        return m.Ite(new[0], new[1], new[2])
    if isinstance(expr, m.Quantified):
        return m.Quantified(expr.quantifier, expr.variable, new[0], new[1])
    if isinstance(expr, m.DateCompare):
        atoms = iter(new)
        return m.DateCompare(expr.op, _with_date_atom(expr.left, atoms),
                             _with_date_atom(expr.right, atoms))
    return expr


def _with_date_atom(term: m.DateTerm, atoms: Iterator[m.Expr]) -> m.DateTerm:
    if isinstance(term, m.ShiftTerm):
        return m.ShiftTerm(_with_date_atom(term.term, atoms), term.months)
    if isinstance(term, m.DateOfTerm):
        atom = next(atoms)
        assert isinstance(atom, m.EventAtom)
        return m.DateOfTerm(atom)
    return term


def map_terms(expr: m.Expr, change: Callable[[m.Term], m.Term]) -> m.Expr:
    """`expr` (this node only) with each of its own terms replaced by `change(term)`."""
    if isinstance(expr, m.EventAtom):
        return m.EventAtom(expr.predicate, tuple(change(a) for a in expr.args))
    if isinstance(expr, m.DefCall):
        return m.DefCall(expr.definition, tuple(change(a) for a in expr.args))
    if isinstance(expr, m.KindTest):
        return m.KindTest(expr.kind, change(expr.arg))
    if isinstance(expr, m.SignatoryTest):
        return m.SignatoryTest(change(expr.arg))
    if isinstance(expr, m.Equal):
        return m.Equal(change(expr.left), change(expr.right))
    return expr


# ---- walks --------------------------------------------------------------------------------------


def subexpressions(expr: m.Expr) -> Iterator[m.Expr]:
    """`expr` and every expression inside it (terms excluded), parents before children."""
    stack = [expr]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(children(node)))


def fold(expr: m.Expr, combine: Callable[[m.Expr, list[T]], T]) -> T:
    """Bottom-up: `combine(node, [the fold of each child])`, from the leaves to `expr`."""
    return combine(expr, [fold(child, combine) for child in children(expr)])


def terms(expr: m.Expr) -> Iterator[m.Term]:
    """Every term inside `expr`, at any depth (variables bound inside it included)."""
    for node in subexpressions(expr):
        yield from own_terms(node)


def term_variables(term: m.Term) -> Iterator[m.Var]:
    """The variables inside a term, in order (with repeats)."""
    if isinstance(term, m.Var):
        yield term
    else:
        for arg in term.args:
            yield from term_variables(arg)


def term_names(term: m.Term) -> Iterator[str]:
    """The names of the constructors and constants inside a term (`forces(p, mission_abroad)`:
    forces, mission_abroad), as `facts.names` gives those of a ground value."""
    if isinstance(term, m.Cons):
        yield term.name
        for arg in term.args:
            yield from term_names(arg)


def constants(term: m.Term) -> Iterator[str]:
    """The names of the constants (actors, nullary constructors) inside a term."""
    if isinstance(term, m.Cons):
        if not term.args:
            yield term.name
        for arg in term.args:
            yield from constants(arg)


def free_variables(expr: m.Expr) -> list[m.Var]:
    """The variables of `expr` not bound by a quantifier inside it, in order of appearance."""
    found: dict[str, m.Var] = {}

    def visit(node: m.Expr, bound: frozenset[str]) -> None:
        for term in own_terms(node):
            for var in term_variables(term):
                if var.name not in bound:
                    found.setdefault(var.name, var)
        variable = bound_variable(node)
        inner = bound | {variable.name} if variable is not None else bound
        for child in children(node):
            visit(child, inner)

    visit(expr, frozenset())
    return list(found.values())


def substitute(expr: m.Expr, mapping: Mapping[str, m.Var]) -> m.Expr:
    """`expr` with free variables renamed by `mapping`."""

    def term(t: m.Term) -> m.Term:
        if isinstance(t, m.Var):
            return mapping.get(t.name, t)
        return m.Cons(t.name, tuple(term(a) for a in t.args), t.sort) if t.args else t

    variable = bound_variable(expr)
    inner = mapping if variable is None else {
        k: v for k, v in mapping.items() if k != variable.name}
    rebuilt = with_children(expr, [substitute(c, inner) for c in children(expr)])
    return map_terms(rebuilt, term)


# ---- a charter's rules --------------------------------------------------------------------------


def condition_body(norm: m.Norm) -> m.Expr:
    """`condition and not exception`: when the norm is triggered (its guard aside).

    Built once per norm (the same object each time), so that the grounders' memos, which are
    keyed by node, share it."""
    entry = _BODIES.get(id(norm))
    if entry is None or entry[0] is not norm:
        if len(_BODIES) >= 10_000:  # charters come and go in one process: bounded memory
            _BODIES.clear()
        body = norm.condition
        if norm.exception is not None:
            body = m.And((norm.condition, m.Not(norm.exception)))
        entry = _BODIES[id(norm)] = (norm, body)
    return entry[1]


#: id(norm) -> (norm, its condition body); the entry keeps the norm alive, so its id stays its own
_BODIES: dict[int, tuple[m.Norm, m.Expr]] = {}


def rule_expressions(charter: m.Charter) -> Iterator[m.Expr]:
    """Every expression of the charter's rules, assumptions included, in declaration order:
    each norm's guard, condition, exception and act (as the atom `act(holder, args...)`), each
    clause of each definition, each priority's condition, each incompatibility's condition and
    acts, each assumption's body. What the charter says anything about is in here, and only
    here: a pass that asks "which names, events, dates does the charter use" walks these."""
    for norm in charter.norms.values():
        yield norm.guard
        yield norm.condition
        if norm.exception is not None:
            yield norm.exception
        yield m.EventAtom(norm.action.predicate, (norm.holder, *norm.action.args))
    for definition in charter.definitions.values():
        for clause in definition.clauses:
            yield clause.body
    for priority in charter.priorities:
        yield priority.condition
    for rule in charter.incompatibilities:
        yield rule.condition
        yield rule.first
        yield rule.second
    for assumption in charter.assumptions:
        yield assumption.body


def dependencies(charter: m.Charter, norm: m.Norm) -> set[tuple[str, str]]:
    """The clauses a norm's answers can rest on: (what, name) of the norm, the definitions it
    calls (directly or not), the interpretations it reads, and the priorities that defeat it."""
    found: set[tuple[str, str]] = {("norm", norm.name)}
    pending: list[m.Expr] = [norm.guard, norm.condition,
                             *([norm.exception] if norm.exception is not None else [])]
    for priority in charter.priorities:
        if priority.weaker == norm.name:
            found.add(("priority", f"{priority.stronger} over {priority.weaker}"))
            stronger = charter.norms.get(priority.stronger)
            pending.append(priority.condition)
            if stronger is not None and ("norm", stronger.name) not in found:
                found |= dependencies(charter, stronger)
    while pending:
        for node in subexpressions(pending.pop()):
            if isinstance(node, m.DefCall) and ("definition", node.definition) not in found:
                found.add(("definition", node.definition))
                definition = charter.definitions.get(node.definition)
                pending += [c.body for c in definition.clauses] if definition else []
            elif isinstance(node, m.InterpRef):
                found.add(("interpretation", node.name))
            elif isinstance(node, m.EventAtom):
                predicate = charter.predicates.get(node.predicate)
                found.add((predicate.role if predicate else "event", node.predicate))
    found.add(("act", norm.action.predicate))
    return found
