"""Clash: when a charter's world assumptions cannot all hold, the smallest set of clauses at fault.

The charter's text alone is always satisfiable (definitions define, norms oblige); what can make a
charter inconsistent is an `assume NAME: EXPR` clause, a fact of the world taken to hold in every
scenario, that contradicts another one or what the definitions entail. Every clause that can take
part gets a tracking literal, as a Z3 assumption:

- each `assume` clause (all its instances over the domain);
- each clause of each definition: "this clause suffices" (and, for the defining article, "nothing
  else does"), so that a definition can be named by the article that contributes it;
- each interpretation, at its setting.

An unsat core of those literals is then shrunk by deletion, one literal at a time, to a minimal
one: drop any clause of the result and the rest can all hold.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import z3

from ..ground.from_model import Facts, G, Grounder, Op, g_and
from ..model import types as m
from ..smt.from_ground import Encoder
from ..smt.solver import Limits, Result, check, new_solver
from ..syntax.source import Span
from .check import check_domain


@dataclass(frozen=True)
class Part:
    """One clause of a clash."""

    kind: str  # "assumption", "definition", "interpretation"
    name: str
    text: str  # how the clause reads in the report
    span: Span
    citation: m.Citation | None = None


@dataclass(frozen=True)
class ClashReport:
    charter: m.Charter
    result: Result  # SAT: no clash; UNSAT: `parts` clash; UNKNOWN: the solver gave up
    parts: tuple[Part, ...]


class _TrackingEncoder(Encoder):
    """An encoder that names each ground definition and ties it to its clauses by literals."""

    def __init__(self, charter: m.Charter) -> None:
        super().__init__()
        self.charter = charter
        self.tracked: list[tuple[z3.BoolRef, z3.BoolRef]] = []  # (literal, constraint)
        self.literals: dict[str, tuple[z3.BoolRef, Part]] = {}

    def literal(self, key: str, part: Part) -> z3.BoolRef:
        if key not in self.literals:
            self.literals[key] = (z3.Bool(f"track:{key}", self.ctx), part)
        return self.literals[key][0]

    def _translate(self, node: G) -> z3.BoolRef:
        if node.op is not Op.DEFINITION:
            return super()._translate(node)
        assert node.key is not None  # a definition node names its ground call
        definition = self.charter.definitions[node.key.predicate]
        defined = z3.Bool(f"defined:{node.label}", self.ctx)
        alternatives = node.children[0]
        clauses = alternatives.children if alternatives.op is Op.OR else (alternatives,)
        encoded = []
        for clause_node in clauses:
            index = next((i for i, c in enumerate(definition.clauses)
                          if str(c.citation) == clause_node.label), 0)
            clause = definition.clauses[index]
            literal = self._clause_literal(definition, index, clause)
            body = self.formula(clause_node)
            encoded.append(body)
            self.tracked.append((literal, z3.Implies(body, defined)))
        first = self._clause_literal(definition, 0, definition.clauses[0])
        self.tracked.append((first, z3.Implies(defined, z3.Or(encoded) if encoded
                                               else z3.BoolVal(False, self.ctx))))
        return defined

    def _clause_literal(self, definition: m.Definition, index: int,
                        clause: m.Clause) -> z3.BoolRef:
        verb = "defines" if index == 0 else "widens"
        return self.literal(f"definition:{definition.name}#{index}", Part(
            "definition", definition.name, f"{clause.citation} {verb} {definition.name}",
            clause.span, clause.citation))


def clash(charter: m.Charter, interpretations: Mapping[str, bool],
          limits: Limits = Limits()) -> ClashReport:
    """SAT if the charter's assumptions can all hold; else a minimal set of clauses that clash."""
    if not charter.assumptions:
        return ClashReport(charter, Result.SAT, ())
    grounder = Grounder(charter, check_domain(charter), Facts(None, {}))
    encoder = _TrackingEncoder(charter)
    solver = new_solver(encoder.ctx, limits)
    for assumption in charter.assumptions:
        body = g_and([grounder.expr(assumption.body, binding)
                      for binding in grounder.bindings(assumption.parameters)])
        literal = encoder.literal(f"assumption:{assumption.name}", Part(
            "assumption", assumption.name, f"assume {assumption.name}", assumption.span))
        solver.add(z3.Implies(literal, encoder.formula(body)))
    for name, on in interpretations.items():
        declared = charter.interpretations[name]
        literal = encoder.literal(f"interpretation:{name}", Part(
            "interpretation", name, f"interpretation {name} {'on' if on else 'off'}",
            declared.span))
        value = encoder.interpretation(name)
        solver.add(z3.Implies(literal, value if on else z3.Not(value)))
    solver.add(*encoder.take_pending())
    solver.add(*(z3.Implies(lit, constraint) for lit, constraint in encoder.tracked))
    literals = [lit for lit, _ in encoder.literals.values()]
    result = check(solver, literals)
    if result is not Result.UNSAT:
        return ClashReport(charter, result, ())
    core = minimal_core(solver, literals)
    if core is None:
        return ClashReport(charter, Result.UNKNOWN, ())
    by_literal = {str(lit): part for lit, part in encoder.literals.values()}
    parts = sorted((by_literal[str(lit)] for lit in core),
                   key=lambda p: (p.span.file, p.span.line, p.span.column))
    return ClashReport(charter, Result.UNSAT, tuple(parts))


def minimal_core(solver: z3.Solver, literals: list[z3.BoolRef]) -> list[z3.BoolRef] | None:
    """A minimal subset of `literals` that cannot all hold (None if the solver gives up).

    Starts from Z3's unsat core and drops each literal whose removal keeps it unsatisfiable.
    """
    if check(solver, literals) is not Result.UNSAT:
        return None
    names = {str(c) for c in solver.unsat_core()}
    core = [lit for lit in literals if str(lit) in names]
    index = 0
    while index < len(core):
        trial = core[:index] + core[index + 1:]
        result = check(solver, trial)
        if result is Result.UNKNOWN:
            return None
        if result is Result.UNSAT:
            core = trial
        else:
            index += 1
    return core
