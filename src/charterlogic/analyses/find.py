"""Find: scenarios in which a goal holds, fewest events first.

Symbolic, like `check`: over the charter's actors and check's representatives of every kind, every
event and act is a free Boolean and the day a free date. The goal (goal.py) becomes one formula,
the interpretations are fixed at their settings, and Z3 is asked for a model with at most k true
facts, for k = 0, 1, 2, ...; the first k that works gives the fewest events. Each scenario found
is then excluded with all its supersets (so the next one is genuinely different, not the same
events plus one), and the search goes on up to the limit. Every scenario is checked again by
grounding the goal in it as `query` would; a scenario that fails that check is a bug.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import z3

from ..ground.from_model import Domain, Facts, G, Grounder, Op, g_and, g_not, g_or
from ..model import types as m
from ..model.facts import AtomFact, AtomKey, FactStatus
from ..model.scenario import Scenario
from ..smt.from_ground import Encoder, compare, split, true_atoms
from ..smt.solver import Limits, Result, check, new_solver
from .check import Witness, check_domain
from .derivation import Step, derive
from .explain import extreme_date, preferred
from .goal import Goal, Instance, instances, no_instance_error


@dataclass(frozen=True)
class Found:
    """One scenario in which the goal holds, and the instance that makes it hold there."""

    witness: Witness
    failures: tuple[AtomKey, ...]  # acts stated not done (for a breached obligation)
    instance: str  # `burkina_faso must assist(burkina_faso, niger)`, by norm
    norm: str
    citation: m.Citation
    derivation: tuple[Step, ...]


@dataclass(frozen=True)
class FindReport:
    charter: m.Charter
    goal: Goal
    interpretations: Mapping[str, bool]
    found: tuple[Found, ...]
    exhausted: bool  # True when no further scenario exists (fewer than the limit were found)
    unknown: tuple[str, ...]


def find(charter: m.Charter, goal: Goal, interpretations: Mapping[str, bool],
         limits: Limits = Limits(), limit: int = 3) -> FindReport:
    """Up to `limit` distinct scenarios in which `goal` holds, fewest events first."""
    domain = check_domain(charter)
    grounder = Grounder(charter, domain, Facts(None, {}))
    cases = [(instance, _goal_formula(grounder, goal, instance))
             for instance in instances(goal, grounder)]
    if not cases:
        raise no_instance_error(charter, goal)
    encoder = Encoder()
    formula = encoder.formula(g_or([formula for _, formula in cases]))
    # the charter's `assume` clauses hold too
    world = [encoder.formula(a) for a in grounder.assumptions()]
    solver = new_solver(encoder.ctx, limits)
    solver.add(*encoder.take_pending())
    solver.add(formula, *world)
    for name, on in interpretations.items():
        literal = encoder.interpretation(name)
        solver.add(literal if on else z3.Not(literal))
    atoms = sorted(encoder.atoms.items())
    variables = [atom for _, atom in atoms]
    found: list[Found] = []
    unknown: list[str] = []
    exhausted = False
    count = 0
    while len(found) < limit:
        result = Result.UNSAT
        while count <= len(variables):
            bound = z3.AtMost(*variables, count) if variables else z3.BoolVal(True, encoder.ctx)
            result = check(solver, [bound])
            if result is not Result.UNSAT:
                break
            count += 1
        if result is Result.UNKNOWN:
            unknown.append(f"scenario {len(found) + 1} of `{goal.text}`")
            break
        if result is Result.UNSAT:
            exhausted = True
            break
        model = _canonical_model(charter, solver, encoder, [bound], variables)
        if model is None:
            unknown.append(f"scenario {len(found) + 1} of `{goal.text}`")
            break
        kept = true_atoms(model, atoms)
        found.append(_found(charter, grounder, encoder, model, kept, cases, interpretations))
        if not kept:
            exhausted = True  # the goal holds with no event at all: every scenario is a superset
            break
        solver.add(z3.Or([z3.Not(encoder.atom(key)) for key in kept]))
    return FindReport(charter, goal, dict(interpretations), tuple(found), exhausted,
                      tuple(unknown))


def _goal_formula(grounder: Grounder, goal: Goal, instance: Instance) -> G:
    """The goal for one instance: the norm holds, and for a violation, the act shows it."""
    holds = grounder.holds(instance.norm, instance.binding)
    if goal.kind == "norm":
        return holds
    done = grounder.atom(instance.norm.action.predicate, instance.arguments)
    if instance.norm.modality is m.Modality.OBLIGED:
        return g_and([holds, g_not(done)])
    return g_and([holds, done])


def _canonical_model(charter: m.Charter, solver: z3.Solver, encoder: Encoder,
                     assumptions: list[z3.BoolRef], variables: list[z3.BoolRef],
                     ) -> z3.ModelRef | None:
    """A model under `assumptions` chosen by fixed rules, not by the solver (None if the solver
    gives up): facts false where they can be, the last atoms first (so the first of check's
    extra actors are the ones used), the day of entry into force if the goal allows it (else the
    earliest day), and each fact started as late as it can."""
    fixed = preferred(solver, assumptions, [z3.Not(v) for v in reversed(variables)])
    if fixed is None:
        return None
    first_day = z3.BoolVal(False, encoder.ctx)
    if charter.in_force is not None:
        first_day = compare("=", encoder.today, split(charter.in_force, encoder.ctx))
    if check(solver, [*fixed, first_day]) is Result.SAT:
        fixed = [*fixed, first_day]
    else:
        fixed = extreme_date(solver, fixed, encoder.today, latest=False) or fixed
    model = solver.model() if check(solver, fixed) is Result.SAT else None
    for key, date in sorted(encoder.dates.items()):
        if model is not None and z3.is_true(model.eval(encoder.atom(key), model_completion=True)):
            fixed = extreme_date(solver, [*fixed, encoder.atom(key)], date, latest=True) or fixed
    if check(solver, fixed) is not Result.SAT:
        return None
    return solver.model()


def _found(charter: m.Charter, grounder: Grounder, encoder: Encoder, model: z3.ModelRef,
           kept: list[str], cases: list[tuple[Instance, G]],
           interpretations: Mapping[str, bool]) -> Found:
    today = encoder.date_value(model, encoder.today)
    facts = []
    for key in kept:
        start = encoder.dates.get(key)
        facts.append((key, encoder.date_value(model, start) if start is not None else today))
    chosen = next((instance, formula) for instance, formula in cases
                  if z3.is_true(model.eval(encoder.formula(formula), model_completion=True)))
    instance, _ = chosen
    failures: tuple[AtomKey, ...] = ()
    if formula_is_breach(chosen[1], instance):
        failures = (instance.atom,)
    used = {name for key in kept for name in key.names()}
    actors = tuple((name, kind) for name, kind in grounder.domain.kinds.items()
                   if name in used and name not in charter.actors)
    witness = Witness(m.number_date(today), actors,
                      tuple((key, m.number_date(day)) for key, day in facts),
                      tuple(interpretations.items()))
    scenario = witness_scenario(witness, failures)
    derivation = _verify(charter, scenario, instance)
    text = f"{instance.holder} {instance.norm.modality.keyword} {instance.action}"
    return Found(witness, failures, text, instance.norm.name, instance.norm.citation,
                 derivation)


def formula_is_breach(formula: G, instance: Instance) -> bool:
    """Whether a goal formula is a breached obligation (so the scenario must state `not ACT`)."""
    return formula.op is Op.AND and instance.norm.modality is m.Modality.OBLIGED and any(
        c.op is Op.NOT and c.children[0].op is Op.ATOM for c in formula.children)


def witness_scenario(witness: Witness, failures: tuple[AtomKey, ...] = ()) -> Scenario:
    """The scenario a witness describes, as `query` would read it from its scenario file."""
    today = m.parse_date(witness.today)
    facts: dict[AtomKey, AtomFact] = {}
    for key, start in witness.facts:
        day = m.parse_date(start)
        facts[key] = AtomFact(FactStatus.TRUE, day if day != today else None)
    for key in failures:
        facts[key] = AtomFact(FactStatus.FALSE)
    return Scenario("found", today, dict(witness.actors), facts, dict(witness.interpretations))


def _verify(charter: m.Charter, scenario: Scenario, instance: Instance) -> tuple[Step, ...]:
    """The instance's derivation in `scenario`; raises if it does not hold there (a bug)."""
    grounder = Grounder(charter, Domain.of(charter, scenario.actors),
                        Facts(scenario.today, scenario.interpretations, scenario.facts))
    formula = grounder.holds(instance.norm, instance.binding)
    if formula.value is not True:
        raise AssertionError(f"find: the scenario found does not give {instance.action}")
    return derive(formula)

