"""Symmetry: the actors a charter does not tell apart, and how few of them `check` needs.

Two actors of the same kind and signatory status that no rule names (no norm, definition,
priority, incompatibility or assumption: `walk.rule_expressions`) are interchangeable: swapping
them maps every scenario to a scenario and every norm instance to a norm instance with the same
truth. `check` asks whether *some* scenario shows a problem, so it may ground over a quotient
domain: the named actors plus, for each class of interchangeable ones, `min(size, k)`
representatives. `k` is the number of members of the class that one finding can need at once
(its parameters and existential witnesses, the assumptions' witnesses too) plus one spare that
stands for every other member under a universal quantifier. Why this is sound, and where it stops
(a class variable nested inside a universal scope: no bound, the class is kept whole), is in
docs/symmetry.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..model import types as m
from ..model.walk import (
    children,
    condition_body,
    constants,
    free_variables,
    rule_expressions,
    term_variables,
    terms,
)


@dataclass(frozen=True)
class ActorClass:
    """Interchangeable charter actors, and the representatives `check` grounds over."""

    kind: str
    signatory: bool
    members: tuple[str, ...]
    representatives: tuple[str, ...]


def named_actors(charter: m.Charter) -> set[str]:
    """The actors the charter's rules name individually (`q = mali`)."""
    found: set[str] = set()
    for expr in rule_expressions(charter):
        for term in terms(expr):
            found.update(constants(term))
    return found & set(charter.actors)


def actor_classes(charter: m.Charter, unnamed: int) -> tuple[ActorClass, ...]:
    """Every class of two or more interchangeable charter actors, in declaration order;
    `unnamed`: how many actors of each kind the domain adds to the charter's."""
    named = named_actors(charter)
    groups: dict[tuple[str, bool], list[str]] = {}
    for actor in charter.actors.values():
        if actor.name not in named:
            groups.setdefault((actor.kind, actor.signatory), []).append(actor.name)
    classes = []
    for (kind, signatory), members in groups.items():
        if len(members) < 2:
            continue
        outsiders = {k: unnamed + sum(a.kind == k for a in charter.actors.values())
                     for k in charter.kinds}
        outsiders[kind] -= len(members)
        k = representatives_needed(charter, kind, signatory, outsiders)
        kept = tuple(members) if k is None else tuple(members[:k])
        classes.append(ActorClass(kind, signatory, tuple(members), kept))
    return tuple(classes)


def quotient_actors(charter: m.Charter, unnamed: int) -> tuple[str, ...]:
    """The charter's actors that `check` grounds over: all but the surplus members of classes."""
    dropped = {name for c in actor_classes(charter, unnamed) for name in c.members
               if name not in c.representatives}
    return tuple(name for name in charter.actors if name not in dropped)


# ---- the bound ----------------------------------------------------------------------------------


#: The variables in a universal scope that may still be class members: (name, sort).
Scope = frozenset[tuple[str, str]]


class _Unbounded(Exception):
    """A class variable is quantified inside a universal scope over the class: no finite k."""


def representatives_needed(charter: m.Charter, kind: str, signatory: bool,
                           outsiders: Mapping[str, int]) -> int | None:
    """k for the class of actors of `kind` and signatory status: the most members one analysis
    of `check` pins at once, plus one spare; None when no such bound holds (keep it whole).
    `outsiders`: how many actors of each kind the domain has outside the class (at most)."""
    counter = _Counter(charter, kind, signatory, outsiders)
    none: Scope = frozenset()
    try:
        norms = list(charter.norms.values())
        alone = {n.name: counter.norm(n, True, none) for n in norms}
        most = max(alone.values(), default=0)  # dead norms
        for forbidden in (n for n in norms if n.modality is m.Modality.FORBIDDEN):
            # conflicts: the forbidden norm's action is unified with the other's, so the
            # parameters it takes from the action are already pinned
            shared = _taken(counter, forbidden)
            for other in norms:
                if other.modality is not m.Modality.FORBIDDEN and \
                        other.action.predicate == forbidden.action.predicate:
                    most = max(most, alone[other.name] + alone[forbidden.name] - shared)
        for rule in charter.incompatibilities:
            pinned = sum(counter.capacity(v.sort) for v in rule.parameters)
            pinned += counter.expr(rule.condition, True, none)
            for first in (n for n in norms if n.action.predicate == rule.first.predicate):
                for second in (n for n in norms if n.action.predicate == rule.second.predicate):
                    # both norms' actions are unified with the rule's, pinned already
                    most = max(most, pinned + alone[first.name] - _taken(counter, first)
                               + alone[second.name] - _taken(counter, second))
        # every scenario an analysis looks at satisfies the charter's assumptions, so their
        # witnesses are pinned beside the finding's; their parameters are read "for all"
        for assumption in charter.assumptions:
            _, inside = counter.bind(list(assumption.parameters), False, none)
            most += counter.expr(assumption.body, True, inside)
    except _Unbounded:
        return None
    return most + 1


def _taken(counter: _Counter, norm: m.Norm) -> int:
    """The class members a norm's parameters pin that its action's arguments determine."""
    taken = {v.name for a in norm.action.args for v in term_variables(a)}
    return sum(counter.capacity(v.sort) for v in norm.parameters if v.name in taken)


class _Counter:
    """Counts the class members a formula pins: its parameters, and the variables that need a
    witness (`some` read positively, `all` read negatively). Variables read universally need
    none, but nothing that can hold a class member may be quantified inside their scope.

    `universal` holds the variables in scope that are read universally and can still be class
    members, with their sorts. A conjunct `not signatory(s)` (for signatories) makes a
    conjunction false whenever `s` is a member, so inside it `s` ranges only over the outsiders of
    its sort, and each of them may need its own witnesses: the count inside is multiplied by
    their number. Likewise for disjunctions made true by a test, and for kind tests."""

    def __init__(self, charter: m.Charter, kind: str, signatory: bool,
                 outsiders: Mapping[str, int]) -> None:
        self.charter = charter
        self.kind = kind
        self.signatory = signatory
        self.outsiders = outsiders
        self._capacity: dict[str, int] = {}
        self._memo: dict[tuple[str, str, bool, Scope], int] = {}

    def capacity(self, sort: str) -> int:
        """How many members of the class one value of `sort` can hold (`forces(p, a)`: 1)."""
        if sort not in self._capacity:
            self._capacity[sort] = 0  # sorts are not recursive; this only guards the lookup
            if sort in (self.kind, m.ACTOR):
                self._capacity[sort] = 1
            else:
                self._capacity[sort] = max(
                    (sum(self.capacity(s) for s in c.arg_sorts)
                     for c in self.charter.sorts.get(sort, ())), default=0)
        return self._capacity[sort]

    def bind(self, variables: list[m.Var], witnessed: bool,
             universal: Scope) -> tuple[int, Scope]:
        """The count for newly quantified `variables`, and the universal scope inside them."""
        held = [v for v in variables if self.capacity(v.sort)]
        if held and universal:
            raise _Unbounded
        if witnessed:
            return sum(self.capacity(v.sort) for v in held), universal
        return 0, universal | {(v.name, v.sort) for v in held}

    def norm(self, norm: m.Norm, positive: bool, universal: Scope) -> int:
        """A norm instance holds (positive) or fails (negative), its parameters pinned."""
        key = ("norm", norm.name, positive, universal)
        if key in self._memo:
            return self._memo[key]
        self._memo[key] = 0  # priorities are acyclic; this only guards the recursion
        count = sum(self.capacity(v.sort) for v in norm.parameters) if positive else 0
        count += self.expr(norm.guard, positive, universal)
        body = condition_body(norm)
        bound = {v.name for v in norm.parameters}
        free = [v for v in free_variables(body) if v.name not in bound]
        held, inside = self.bind(free, positive, universal)
        count += held + self.expr(body, positive, inside)
        for priority in self.charter.priorities:
            if priority.weaker == norm.name:  # holds and not (condition and stronger holds)
                stronger = self.charter.norms[priority.stronger]
                count += self.expr(priority.condition, not positive, universal)
                count += self.norm(stronger, not positive, universal)
        self._memo[key] = count
        return count

    def call(self, node: m.DefCall, positive: bool, universal: Scope) -> int:
        definition = self.charter.definitions[node.definition]
        # the definition's parameters that receive a universally read variable
        names = {name for name, _ in universal}
        inner = frozenset((p.name, p.sort)
                          for p, arg in zip(definition.params, node.args, strict=False)
                          if any(v.name in names for v in term_variables(arg)))
        key = ("definition", node.definition, positive, inner)
        if key not in self._memo:
            params = {p.name for p in definition.params}
            count = 0
            for clause in definition.clauses:
                free = [v for v in free_variables(clause.body) if v.name not in params]
                held, inside = self.bind(free, positive, inner)
                count += held + self.expr(clause.body, positive, inside)
            self._memo[key] = count
        return self._memo[key]

    def expr(self, node: m.Expr, positive: bool, universal: Scope) -> int:
        if isinstance(node, m.DefCall):
            return self.call(node, positive, universal)
        if isinstance(node, m.Not):
            return self.expr(node.operand, not positive, universal)
        if isinstance(node, (m.And, m.Or)):
            decisive = isinstance(node, m.Or)  # the value that decides the connective
            total = 0
            for operand in node.operands:
                fixed = {name for o in node.operands if o is not operand
                         for name in self._fixed(o, decisive)}
                others = frozenset(v for v in universal if v[0] not in fixed)
                count = self.expr(operand, positive, others)
                for _, sort in universal - others:
                    count *= self._outside(sort)
                total += count
            return total
        if isinstance(node, m.Ite):  # the test is read both ways
            return (self.expr(node.test, True, universal) + self.expr(node.test, False, universal)
                    + self.expr(node.then, positive, universal)
                    + self.expr(node.otherwise, positive, universal))
        if isinstance(node, m.Quantified):
            witnessed = (node.quantifier == "some") == positive
            count, inside = self.bind([node.variable], witnessed, universal)
            # `some v: guard and body`, `all v: not guard or body`
            guard_positive = positive if node.quantifier == "some" else not positive
            return (count + self.expr(node.guard, guard_positive, inside)
                    + self.expr(node.body, positive, inside))
        if isinstance(node, m.DateCompare):
            return sum(self.expr(a, positive, universal) for a in children(node))
        return 0

    def _outside(self, sort: str) -> int:
        """How many values of `sort` lie outside the class (for actor sorts; else all kinds')."""
        if sort in self.outsiders:
            return self.outsiders[sort]
        return sum(self.outsiders.values())

    def _fixed(self, node: m.Expr, value: bool) -> set[str]:
        """The variables whose being a class member makes `node` equal `value` outright."""
        negated = False
        while isinstance(node, m.Not):
            node, negated = node.operand, not negated
        if isinstance(node, m.SignatoryTest) and isinstance(node.arg, m.Var) \
                and (self.signatory != negated) == value:
            return {node.arg.name}
        if isinstance(node, m.KindTest) and isinstance(node.arg, m.Var) \
                and ((node.kind == self.kind) != negated) == value:
            return {node.arg.name}
        return set()
