"""model/walk.py, the one traversal library, on small inline expressions and charters."""

from __future__ import annotations

import json

from charterlogic.model import types as m
from charterlogic.model import walk
from charterlogic.model.facts import AtomKey, FactStatus
from charterlogic.model.from_syntax import resolve_charter
from charterlogic.syntax.parser import parse
from charterlogic.syntax.source import Source

P, Q, X = m.Var("p", "state"), m.Var("q", "state"), m.Var("x", "actor")
MALI = m.Cons("mali", (), "state")


def attack(who: m.Term, whom: m.Term) -> m.EventAtom:
    return m.EventAtom("attack", (who, m.Cons("territory", (whom,), "target")))


#: `some actor x: attack(x, p) and not (date of attack(q, mali) + 6 months > today)`
EXPR = m.Quantified("some", X, m.TRUE, m.And((
    attack(X, P),
    m.Not(m.DateCompare(">", m.ShiftTerm(m.DateOfTerm(attack(Q, MALI)), 6), m.TodayTerm())),
)))


def test_children_include_the_atoms_of_dates() -> None:
    conjunction = EXPR.body
    assert walk.children(EXPR) == (m.TRUE, conjunction)
    compare = conjunction.operands[1].operand  # type: ignore[union-attr]
    assert walk.children(compare) == (attack(Q, MALI),)
    assert [type(n).__name__ for n in walk.subexpressions(EXPR)] == [
        "Quantified", "BoolConst", "And", "EventAtom", "Not", "DateCompare", "EventAtom"]


def test_fold_free_variables_terms_constants() -> None:
    depth = walk.fold(EXPR, lambda _, inner: 1 + max(inner, default=0))
    assert depth == 5  # some > and > not > compare > the atom of its date
    assert walk.free_variables(EXPR) == [P, Q]  # x is bound
    assert {c for t in walk.terms(EXPR) for c in walk.constants(t)} == {"mali"}


def test_substitute_renames_free_variables_only() -> None:
    renamed = walk.substitute(EXPR, {"p": m.Var("r", "state"), "x": m.Var("y", "actor")})
    assert walk.free_variables(renamed) == [m.Var("r", "state"), Q]
    assert isinstance(renamed, m.Quantified) and renamed.variable == X  # x stays bound
    assert walk.substitute(EXPR, {}) == EXPR


def test_rule_expressions_include_assumptions_and_acts() -> None:
    text = '''charter "t" { signed 2023-09-16 in_force 2023-09-16 }
kind state
party a "A"
party b "B"
act help(helper: state, victim: state)
event attack(attacker: state, victim: state)
article 1 "t" {
  norm n: every state q: must help(q, p) when attack(x, p)
}
assume quiet: not attack(a, v) "A attacks no one."
'''
    source = Source("t.dsl", text)
    charter = resolve_charter(parse(source), source)
    expressions = list(walk.rule_expressions(charter))
    assert charter.assumptions[0].body in expressions
    assert any(isinstance(e, m.EventAtom) and e.predicate == "help" for e in expressions)
    named = {c for e in expressions for t in walk.terms(e) for c in walk.constants(t)}
    assert named == {"a"}


def test_atom_keys_and_words() -> None:
    key = AtomKey("attack", ("chad", ("territory", "niger")))
    assert str(key) == "attack(chad, territory(niger))" and key.names() == {
        "chad", "territory", "niger"}
    assert sorted([AtomKey("b"), key]) == [key, AtomKey("b")]  # by text
    assert FactStatus.TRUE == "true" and f"{FactStatus.TRUE}" == "true"
    assert json.dumps({"status": FactStatus.UNKNOWN}) == '{"status": "unknown"}'
    assert {"true": 1}[FactStatus.TRUE] == 1
