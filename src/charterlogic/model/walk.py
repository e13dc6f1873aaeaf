"""The one traversal library over model expressions: every pass that walks them uses it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from . import types as m


def subexpressions(expr: m.Expr) -> Iterator[m.Expr]:
    """`expr` and every expression inside it (terms excluded)."""
    stack = [expr]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, (m.And, m.Or)):
            stack.extend(node.operands)
        elif isinstance(node, m.Not):
            stack.append(node.operand)
        elif isinstance(node, m.Ite):
            stack.extend((node.test, node.then, node.otherwise))
        elif isinstance(node, m.Quantified):
            stack.extend((node.guard, node.body))
        elif isinstance(node, m.DateCompare):
            stack.extend(_date_atoms_of(node.left) + _date_atoms_of(node.right))


def _date_atoms_of(term: m.DateTerm) -> list[m.Expr]:
    if isinstance(term, m.DateOfTerm):
        return [term.atom]
    if isinstance(term, m.ShiftTerm):
        return _date_atoms_of(term.term)
    return []


def term_variables(term: m.Term) -> Iterator[m.Var]:
    """The variables inside a term, in order (with repeats)."""
    if isinstance(term, m.Var):
        yield term
    else:
        for arg in term.args:
            yield from term_variables(arg)


def free_variables(expr: m.Expr) -> list[m.Var]:
    """The variables of `expr` not bound by a quantifier inside it, in order of appearance."""
    found: dict[str, m.Var] = {}

    def visit(node: m.Expr, bound: frozenset[str]) -> None:
        terms: tuple[m.Term, ...] = ()
        if isinstance(node, (m.EventAtom, m.DefCall)):
            terms = node.args
        elif isinstance(node, (m.KindTest, m.SignatoryTest)):
            terms = (node.arg,)
        elif isinstance(node, m.Equal):
            terms = (node.left, node.right)
        elif isinstance(node, m.DateCompare):
            for atom in _date_atoms_of(node.left) + _date_atoms_of(node.right):
                visit(atom, bound)
        elif isinstance(node, (m.And, m.Or)):
            for operand in node.operands:
                visit(operand, bound)
        elif isinstance(node, m.Not):
            visit(node.operand, bound)
        elif isinstance(node, m.Ite):
            for part in (node.test, node.then, node.otherwise):
                visit(part, bound)
        elif isinstance(node, m.Quantified):
            inner = bound | {node.variable.name}
            visit(node.guard, inner)
            visit(node.body, inner)
        for term in terms:
            for var in term_variables(term):
                if var.name not in bound:
                    found.setdefault(var.name, var)

    visit(expr, frozenset())
    return list(found.values())


def substitute(expr: m.Expr, mapping: Mapping[str, m.Var]) -> m.Expr:
    """`expr` with free variables renamed by `mapping`."""

    def term(t: m.Term) -> m.Term:
        if isinstance(t, m.Var):
            return mapping.get(t.name, t)
        return m.Cons(t.name, tuple(term(a) for a in t.args), t.sort) if t.args else t

    def date(d: m.DateTerm) -> m.DateTerm:
        if isinstance(d, m.DateOfTerm):
            return m.DateOfTerm(m.EventAtom(d.atom.predicate, tuple(term(a) for a in d.atom.args)))
        if isinstance(d, m.ShiftTerm):
            return m.ShiftTerm(date(d.term), d.months)
        return d

    def visit(node: m.Expr) -> m.Expr:
        if isinstance(node, m.EventAtom):
            return m.EventAtom(node.predicate, tuple(term(a) for a in node.args))
        if isinstance(node, m.DefCall):
            return m.DefCall(node.definition, tuple(term(a) for a in node.args))
        if isinstance(node, m.KindTest):
            return m.KindTest(node.kind, term(node.arg))
        if isinstance(node, m.SignatoryTest):
            return m.SignatoryTest(term(node.arg))
        if isinstance(node, m.Equal):
            return m.Equal(term(node.left), term(node.right))
        if isinstance(node, m.DateCompare):
            return m.DateCompare(node.op, date(node.left), date(node.right))
        if isinstance(node, m.Not):
            return m.Not(visit(node.operand))
        if isinstance(node, m.And):
            return m.And(tuple(visit(o) for o in node.operands))
        if isinstance(node, m.Or):
            return m.Or(tuple(visit(o) for o in node.operands))
        if isinstance(node, m.Ite):
            return m.Ite(visit(node.test), visit(node.then), visit(node.otherwise))
        if isinstance(node, m.Quantified):
            inner = {k: v for k, v in mapping.items() if k != node.variable.name}
            return m.Quantified(node.quantifier, node.variable, substitute(node.guard, inner),
                                substitute(node.body, inner))
        return node

    return visit(expr)
