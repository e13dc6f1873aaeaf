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

from dataclasses import dataclass

from ..ground.budget import doing
from ..ground.from_model import Domain, Facts, G, Grounder, Op, g_and, g_not, g_or
from ..model import types as m
from ..model.facts import AtomKey
from ..model.scenario import Scenario
from ..smt.search import Model, fewest_true
from ..smt.solver import Limits, Result
from .derivation import Step, derive
from .goal import Goal, Instance, instances, no_instance_error
from .witness import Witness, check_domain, witness_of, witness_scenario


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
    """`find`'s answer: the scenarios found for `goal` (fewest events first), whether the search was
    exhausted, and what the solver could not decide."""

    charter: m.Charter
    goal: Goal
    interpretations: m.Settings
    found: tuple[Found, ...]
    exhausted: bool  # True when no further scenario exists (fewer than the limit were found)
    unknown: tuple[str, ...]


def find(charter: m.Charter, goal: Goal, interpretations: m.Settings,
         limits: Limits = Limits(), limit: int = 3) -> FindReport:
    """Up to `limit` distinct scenarios in which `goal` holds, fewest events first."""
    with doing(f"the scenarios in which `{goal.text}` holds"):  # named if the budget runs out
        return _find(charter, goal, interpretations, limits, limit)


def _find(charter: m.Charter, goal: Goal, interpretations: m.Settings, limits: Limits,
          limit: int) -> FindReport:
    domain = check_domain(charter)
    grounder = Grounder(charter, domain, Facts(None, {}))
    cases = [(instance, _goal_formula(grounder, goal, instance))
             for instance in instances(goal, grounder)]
    if not cases:
        raise no_instance_error(charter, goal)
    found: list[Found] = []
    unknown: list[str] = []
    exhausted = False
    # the charter's `assume` clauses hold too
    search = fewest_true(g_or([formula for _, formula in cases]), grounder.assumptions(),
                         interpretations, charter.reading_options(),
                         charter.in_force or charter.signed, limits)
    for result, model in search:
        if result is Result.UNKNOWN or model is None:
            exhausted = result is Result.UNSAT
            if result is Result.UNKNOWN:
                unknown.append(f"scenario {len(found) + 1} of `{goal.text}`")
            break
        found.append(_found(charter, domain, model, cases, interpretations))
        if not found[-1].witness.facts:
            exhausted = True  # the goal holds with no event at all: every scenario is a superset
            break
        if len(found) >= limit:
            break
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


def _found(charter: m.Charter, domain: Domain, model: Model, cases: list[tuple[Instance, G]],
           interpretations: m.Settings) -> Found:
    instance, formula = next((instance, formula) for instance, formula in cases
                             if model.true(formula))
    failures: tuple[AtomKey, ...] = ()
    if formula_is_breach(formula, instance):
        failures = (instance.atom,)
    witness = witness_of(charter, domain, model.assignment(), interpretations)
    scenario = witness_scenario(witness, failures)
    derivation = _verify(charter, scenario, instance)
    text = f"{instance.holder} {instance.norm.modality.keyword} {instance.action}"
    return Found(witness, failures, text, instance.norm.name, instance.norm.citation,
                 derivation)


def formula_is_breach(formula: G, instance: Instance) -> bool:
    """Whether a goal formula is a breached obligation (so the scenario must state `not ACT`)."""
    return formula.op is Op.AND and instance.norm.modality is m.Modality.OBLIGED and any(
        c.op is Op.NOT and c.children[0].op is Op.ATOM for c in formula.children)


def _verify(charter: m.Charter, scenario: Scenario, instance: Instance) -> tuple[Step, ...]:
    """The instance's derivation in `scenario`; raises if it does not hold there (a bug)."""
    grounder = Grounder(charter, Domain.of(charter, scenario.actors),
                        Facts(scenario.today, scenario.interpretations, scenario.facts))
    formula = grounder.holds(instance.norm, instance.binding)
    if formula.value is not True:
        raise AssertionError(f"find: the scenario found does not give {instance.action}")
    return derive(formula)

